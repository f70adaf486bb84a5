//! 1NCE OS in the sandbox, over plain HTTP and JSON, checked against
//! 1NCE's document (tests/fixtures/1nce-os.yml).

mod os_support;

use std::collections::HashMap;
use std::time::Duration;

use once_sandbox::{OsProtocol, PositionSource, Sandbox};
use os_support::{document, operations, violations, Http};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .sims(5)
        .seed(3)
        .rate_limit_factor(100.0)
        .start()
        .await
        .expect("sandbox starts")
}

/// A request body the document accepts, for each operation with one.
fn body_for(method: &str, template: &str, hook: &str, iccids: &[String]) -> Value {
    let lwm2m = json!({"action": "read", "resourceAddress": "/3/0/0", "requestMode": "SEND_WHEN_ACTIVE", "sendAttempts": 2});
    let coap = json!({"port": 5683, "path": "/led", "requestType": "PUT", "payload": "on", "payloadType": "STRING", "requestMode": "SEND_WHEN_ACTIVE"});
    let udp = json!({"port": 4445, "payload": "AQI=", "payloadType": "BASE64", "requestMode": "SEND_WHEN_ACTIVE"});
    let bulk = |mut b: Value| {
        b["deviceIds"] = json!([iccids[0], "unknown-device"]);
        b
    };
    let template_json =
        r#"{"fields":[{"name":"temperature","type":"int16"},{"name":"battery","type":"uint8"}]}"#;
    match (method, template) {
        ("PATCH", "/v1/integrate/devices/endpoints/{protocol}") => {
            json!({"active": true, "settings": [{"name": "LWM2M_PASSIVE_REPORTING", "state": "ENABLED"}]})
        }
        (
            "POST",
            "/v1/integrate/devices/{deviceId}/presharedkey"
            | "/v1/integrate/devices/{deviceId}/psk",
        ) => {
            json!({"secretKey": "0123456789abcdef", "protocol": "LWM2M", "format": "HEX"})
        }
        ("POST", "/v1/integrate/devices/presharedkey/jobs" | "/v1/integrate/devices/psk/jobs") => {
            json!([
                {"deviceId": iccids[1], "secretKey": "secret-of-device-1", "protocol": "COAP"},
                {"deviceId": "unknown-device", "secretKey": "secret-of-nobody", "protocol": "COAP"},
            ])
        }
        (
            "POST",
            "/v1/integrate/devices/{deviceId}/actions/LWM2M" | "/v1/devices/{deviceId}/actions",
        ) => lwm2m,
        ("POST", "/v1/integrate/devices/actions/LWM2M") => bulk(lwm2m),
        ("POST", "/v1/integrate/devices/{deviceId}/actions/COAP") => coap,
        ("POST", "/v1/integrate/devices/actions/COAP") => bulk(coap),
        ("POST", "/v1/integrate/devices/{deviceId}/actions/UDP") => udp,
        ("POST", "/v1/integrate/devices/actions/UDP") => bulk(udp),
        ("POST", "/v1/optimize/messages/test") => {
            json!({"template": template_json, "payload": "AOcC"})
        }
        ("POST", "/v1/agreements/1nceos") => json!({"accepted": true}),
        ("POST", "/v1/optimize/templates") => {
            json!({"name": "climate", "template": template_json, "protocolFilter": ["UDP"], "status": "ACTIVE"})
        }
        ("PATCH", "/v1/optimize/templates/{templateId}") => {
            json!({"protocolFilter": ["UDP", "COAP"]})
        }
        ("POST", "/v1/locate/geofences") => {
            json!({"name": "depot", "type": "circle", "center": [13.3777, 52.5163], "radius": 1000})
        }
        ("PATCH", "/v1/locate/geofences/{geofenceId}") => {
            json!({"name": "depot berlin", "eventTypes": ["ENTER", "EXIT"]})
        }
        ("PATCH", "/v1/settings/1nceos/{name}") => {
            json!({"state": "ENABLED", "readAndAcceptedDisclaimer": true})
        }
        ("POST", "/v1/integrate/clouds/aws") => {
            json!({"name": "aws", "eventTypes": [{"type": "TELEMETRY_DATA"}], "jsonPayloadEnabled": true})
        }
        ("PATCH", "/v1/integrate/clouds/{integrationId}") => {
            json!({"eventTypes": [{"type": "TELEMETRY_DATA", "version": "1.0.0"}, {"type": "LOCATION"}]})
        }
        ("POST", "/v1/integrate/clouds/webhooks") => json!({
            "name": "hook", "url": hook, "headers": {"x-api-key": "hook-secret"},
            "eventTypes": [{"type": "TELEMETRY_DATA"}, {"type": "GEOFENCE"}],
        }),
        ("PATCH", "/v1/integrate/clouds/webhooks/{integrationId}") => {
            json!({"headers": {"x-api-key": "hook-secret-2"}})
        }
        ("POST", "/v1/partners/DATACAKE/plugins") => json!({"workspaceId": "ws-42"}),
        ("POST", "/v1/partners/MENDER/plugins") => json!({"tenantToken": "tenant-token"}),
        ("POST", "/v1/partners/TARTABIT/plugins") => {
            json!({"serverDomain": "iot.tartabit.com", "webhookKey": "key123"})
        }
        ("POST", "/v1/partners/MEMFAULT/plugins") => json!({}),
        other => panic!("no body for {other:?}"),
    }
}

/// The order the sweep sends operations in: what creates comes first (its
/// ids fill the paths of the rest), deletions last.
fn phase(method: &str, template: &str) -> u8 {
    match method {
        "POST"
            if !template.contains('{')
                || template.ends_with("/actions/LWM2M")
                || template.ends_with("/actions/COAP")
                || template.ends_with("/actions/UDP")
                || template.ends_with("{deviceId}/actions") =>
        {
            0
        }
        "DELETE" if template.ends_with("{requestId}") => 2,
        "DELETE" => 3,
        _ => 1,
    }
}

#[tokio::test]
async fn every_operation_of_the_document_answers_in_its_shapes() {
    let doc = document();
    let mut ops = operations(&doc);
    assert_eq!(ops.len(), 72, "1nce-os.yml v1.3 has 72 operations");
    ops.sort_by_key(|o| phase(&o.method, &o.template));

    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let iccids: Vec<String> = sb.iccids().iter().map(|i| i.to_string()).collect();
    // The requests of the sweep wait for their device to come online, so
    // that they can be cancelled.
    sb.set_online(&iccids[0], false).unwrap();

    let mut ids: HashMap<&str, String> = HashMap::new();
    ids.insert("deviceId", iccids[0].clone());
    ids.insert("name", "ADVANCED_CELL_TOWER_LOCATION".to_string());
    let mut report = Vec::new();
    let mut seen = 0;
    for (n, op) in ops.iter().enumerate() {
        if n > 0
            && phase(&op.method, &op.template) == 1
            && phase(&ops[n - 1].method, &ops[n - 1].template) == 0
        {
            // Between creating and using: data, positions (an admin log), time.
            sb.os_device_message(&iccids[0], OsProtocol::Udp, &[0, 231, 2])
                .unwrap();
            sb.os_report_position(&iccids[0], 13.3777, 52.5163, PositionSource::Gps)
                .unwrap();
            sb.advance_os_clock(Duration::from_secs(3600));
            let logs = http.get("/v1/administrationLogs").await.json();
            ids.insert(
                "adminLogId",
                logs["items"][0]["id"].as_str().unwrap().to_string(),
            );
        }
        let mut path = op.template.clone();
        // The keys set above are LwM2M keys; LwM2M has endpoint settings.
        path = path.replace("{protocol}", "LWM2M");
        for key in [
            "deviceId",
            "requestId",
            "geofenceId",
            "templateId",
            "pluginId",
            "adminLogId",
            "name",
        ] {
            let slot = format!("{{{key}}}");
            if path.contains(&slot) {
                let v = ids
                    .get(key)
                    .unwrap_or_else(|| panic!("no {key} for {}", op.template));
                path = path.replace(&slot, v);
            }
        }
        if path.contains("{integrationId}") {
            let key = if op.template.contains("/aws/") {
                "aws"
            } else {
                "webhook"
            };
            path = path.replace("{integrationId}", &ids[key]);
        }
        if op.method == "GET" && op.template == "/v1/administrationLogs/stats" {
            path.push_str("?timezone=UTC");
        }
        let body = op.has_body.then(|| {
            body_for(
                &op.method,
                &op.template,
                &format!("{}/hook", hook.uri()),
                &iccids,
            )
        });
        let answer = http.send(&op.method, &path, body.as_ref()).await;
        let (status, schema) = op.success(&doc);
        let what = format!("{} {}", op.method, op.template);
        if answer.status != status {
            report.push(format!(
                "{what}: {} (expected {status}): {}",
                answer.status, answer.text
            ));
            continue;
        }
        seen += 1;
        if let Some((content_type, schema)) = schema {
            assert!(
                answer.content_type.starts_with(&content_type),
                "{what}: content type {}",
                answer.content_type
            );
            let value = if content_type == "application/json" {
                answer.json()
            } else {
                Value::String(answer.text.clone())
            };
            for v in violations(&doc, &schema, &value) {
                report.push(format!("{what}: {v}"));
            }
            match (op.method.as_str(), op.template.as_str()) {
                ("POST", "/v1/locate/geofences") => {
                    ids.insert("geofenceId", value["id"].as_str().unwrap().to_string());
                }
                ("POST", "/v1/optimize/templates") => {
                    ids.insert("templateId", value["id"].as_str().unwrap().to_string());
                }
                ("POST", "/v1/integrate/clouds/aws") => {
                    ids.insert("aws", value["id"].as_str().unwrap().to_string());
                }
                ("POST", "/v1/integrate/clouds/webhooks") => {
                    ids.insert("webhook", value["id"].as_str().unwrap().to_string());
                }
                ("POST", "/v1/partners/TARTABIT/plugins") => {
                    ids.insert("pluginId", value["id"].as_str().unwrap().to_string());
                }
                ("POST", "/v1/integrate/devices/{deviceId}/actions/UDP") => {
                    ids.insert("requestId", value["id"].as_str().unwrap().to_string());
                }
                _ => {}
            }
        } else {
            assert!(
                answer.text.is_empty(),
                "{what}: {status} has no body in the document: {}",
                answer.text
            );
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
    assert_eq!(seen, ops.len());
    // Every operation was counted under its own template.
    let stats = sb.stats();
    for op in &ops {
        // The sweep itself read the administration logs once more.
        let extra = u64::from(op.method == "GET" && op.template == "/v1/administrationLogs");
        assert_eq!(
            stats.requests_to(&op.method, &op.template),
            1 + extra,
            "{} {}",
            op.method,
            op.template
        );
    }
}

#[tokio::test]
async fn unknown_ids_get_an_error_the_document_lists_in_its_shape() {
    let doc = document();
    let ops: Vec<_> = operations(&doc)
        .into_iter()
        .filter(|o| o.template.contains('{'))
        .collect();
    assert!(ops.len() > 20, "{}", ops.len());
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let iccids: Vec<String> = sb.iccids().iter().map(|i| i.to_string()).collect();
    let mut report = Vec::new();
    for op in &ops {
        let mut path = String::new();
        for seg in op.template.split('/').skip(1) {
            path.push('/');
            path.push_str(if seg.starts_with('{') {
                "no-such-id"
            } else {
                seg
            });
        }
        let body = op
            .has_body
            .then(|| body_for(&op.method, &op.template, "http://127.0.0.1:9/hook", &iccids));
        let answer = http.send(&op.method, &path, body.as_ref()).await;
        let what = format!("{} {} -> {}", op.method, op.template, answer.status);
        match op.error_schema(&doc, answer.status) {
            None => report.push(format!(
                "{what}: a status the document does not list: {}",
                answer.text
            )),
            Some(schema) => {
                for v in violations(&doc, &schema, &answer.json()) {
                    report.push(format!("{what}: {v}"));
                }
            }
        }
        if answer.status < 400 {
            report.push(format!("{what}: success for an unknown id"));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}
