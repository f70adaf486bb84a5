//! 1NCE OS's state in the sandbox: device actions over time, geofences,
//! templates, webhooks, pages, errors, counters, faults and rate limits.

mod os_support;

use std::time::Duration;

use once_sandbox::{Fault, GeofenceCrossing, OsProtocol, PositionSource, Sandbox};
use os_support::{document, operations, violations, wait_for, Answer, Http};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
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

fn iccids(sb: &Sandbox) -> Vec<String> {
    sb.iccids().iter().map(|i| i.to_string()).collect()
}

/// Checks an error answer against the document's schema for its status
/// (of the operation `method template`).
fn assert_error(answer: &Answer, status: u16, method: &str, template: &str) -> Value {
    assert_eq!(
        answer.status, status,
        "{method} {template}: {}",
        answer.text
    );
    let doc = document();
    let op = operations(&doc)
        .into_iter()
        .find(|o| o.method == method && o.template == template)
        .expect("an operation of the document");
    let schema = op
        .error_schema(&doc, status)
        .unwrap_or_else(|| panic!("{method} {template} documents no {status}"));
    let body = answer.json();
    assert_eq!(violations(&doc, &schema, &body), Vec::<String>::new());
    assert_eq!(body["statusCode"], json!(status));
    body
}

/// Enables the SIMs (a disabled SIM's device cannot be reached).
async fn enable(http: &Http, iccids: &[String]) {
    for i in iccids {
        let r = http
            .send(
                "PUT",
                &format!("/v1/sims/{i}"),
                Some(&json!({"status": "Enabled"})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
}

async fn status_of(http: &Http, id: &str) -> String {
    let r = http
        .get(&format!("/v1/integrate/devices/actions/requests/{id}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json()["status"].as_str().unwrap().to_string()
}

async fn udp_action(http: &Http, device: &str, mode: &str) -> String {
    let r = http
        .send(
            "POST",
            &format!("/v1/integrate/devices/{device}/actions/UDP"),
            Some(&json!({"port": 4445, "payload": "ping", "payloadType": "STRING", "requestMode": mode})),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn device_actions_move_through_their_states_on_1nce_os_clock() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    sb.set_os_action_stage(Duration::from_secs(3600));
    enable(&http, &ids[..2]).await;
    sb.set_online(&ids[0], true).unwrap();
    sb.set_online(&ids[1], false).unwrap();
    let ok = udp_action(&http, &ids[0], "SEND_NOW").await;
    let unreachable = udp_action(&http, &ids[1], "SEND_NOW").await;
    let waiting = udp_action(&http, &ids[1], "SEND_WHEN_ACTIVE").await;

    assert_eq!(status_of(&http, &ok).await, "SCHEDULED");
    sb.advance_os_clock(Duration::from_secs(3600));
    assert_eq!(status_of(&http, &ok).await, "IN_PROGRESS");
    let active = http
        .get("/v1/integrate/devices/actions/requests/active?status=IN_PROGRESS")
        .await
        .json();
    assert_eq!(active["items"].as_array().unwrap().len(), 2, "{active}");
    sb.advance_os_clock(Duration::from_secs(3600));
    let done = http
        .get(&format!("/v1/integrate/devices/actions/requests/{ok}"))
        .await
        .json();
    assert_eq!(done["status"], "SUCCEEDED");
    assert_eq!(done["sendAttemptsLeft"], 0);
    assert_eq!(
        status_of(&http, &unreachable).await,
        "FAILED",
        "its SIM is offline"
    );
    // A disabled SIM's device cannot be reached either.
    let r = http
        .send(
            "PUT",
            &format!("/v1/sims/{}", ids[0]),
            Some(&json!({"status": "Disabled"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let refused = udp_action(&http, &ids[0], "SEND_NOW").await;
    sb.advance_os_clock(Duration::from_secs(7200));
    assert_eq!(
        status_of(&http, &refused).await,
        "FAILED",
        "its SIM is disabled"
    );
    // SEND_WHEN_ACTIVE waits for the device, however long.
    assert_eq!(status_of(&http, &waiting).await, "SCHEDULED");
    sb.set_online(&ids[1], true).unwrap();
    assert_eq!(status_of(&http, &waiting).await, "SCHEDULED");
    sb.advance_os_clock(Duration::from_secs(7200));
    assert_eq!(status_of(&http, &waiting).await, "SUCCEEDED");

    let archived = http
        .get("/v1/integrate/devices/actions/requests/archived?sort=created")
        .await
        .json();
    let states: Vec<&str> = archived["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["SUCCEEDED", "FAILED", "SUCCEEDED", "FAILED"]);
    // Finished requests cannot be cancelled.
    let r = http
        .send(
            "DELETE",
            &format!("/v1/integrate/devices/actions/requests/{ok}"),
            None,
        )
        .await;
    assert_error(
        &r,
        404,
        "DELETE",
        "/v1/integrate/devices/actions/requests/{requestId}",
    );
    // Their ends are in the administration logs.
    let logs = http
        .get(&format!(
            "/v1/administrationLogs?q=type:DEVICE,iccid:{}",
            ids[1]
        ))
        .await
        .json();
    assert_eq!(logs["items"].as_array().unwrap().len(), 2, "{logs}");
}

#[tokio::test]
async fn device_actions_progress_in_real_time_and_can_be_awaited() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    enable(&http, &ids[2..3]).await;
    sb.set_online(&ids[2], true).unwrap();
    sb.set_os_action_stage(Duration::from_millis(20));
    let id = udp_action(&http, &ids[2], "SEND_NOW").await;
    let mut seen = Vec::new();
    for _ in 0..1000 {
        let s = status_of(&http, &id).await;
        if seen.last() != Some(&s) {
            seen.push(s.clone());
        }
        if s == "SUCCEEDED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        seen.last().map(String::as_str),
        Some("SUCCEEDED"),
        "never finished: {seen:?}"
    );
    let order = ["SCHEDULED", "IN_PROGRESS", "SUCCEEDED"];
    let positions: Vec<usize> = seen
        .iter()
        .map(|s| order.iter().position(|o| o == s).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "states went back: {seen:?}"
    );
}

#[tokio::test]
async fn cancelling_requests_and_the_conflict_of_too_many() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    sb.set_online(&ids[0], false).unwrap();
    for _ in 0..10 {
        udp_action(&http, &ids[0], "SEND_WHEN_ACTIVE").await;
    }
    let path = format!("/v1/integrate/devices/{}/actions/UDP", ids[0]);
    let r = http
        .send(
            "POST",
            &path,
            Some(&json!({"port": 1, "payload": "x", "payloadType": "STRING"})),
        )
        .await;
    assert_error(
        &r,
        409,
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/UDP",
    );
    let r = http
        .send(
            "DELETE",
            &format!("/v1/integrate/devices/{}/actions/requests", ids[0]),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json().as_array().unwrap().len(), 10);
    let active = http
        .get(&format!(
            "/v1/integrate/devices/actions/requests/active?deviceId={}",
            ids[0]
        ))
        .await
        .json();
    assert_eq!(active["items"], json!([]));
    // Bad bodies: 400 in 1NCE OS's shape, naming the field.
    let r = http
        .send(
            "POST",
            &path,
            Some(&json!({"port": 70000, "payload": "x", "payloadType": "STRING"})),
        )
        .await;
    let body = assert_error(
        &r,
        400,
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/UDP",
    );
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("port"),
        "{body}"
    );
    let r = http
        .send(
            "POST",
            "/v1/integrate/devices/nobody/actions/UDP",
            Some(&json!({"port": 1, "payload": "x", "payloadType": "STRING"})),
        )
        .await;
    assert_error(
        &r,
        404,
        "POST",
        "/v1/integrate/devices/{deviceId}/actions/UDP",
    );
}

#[tokio::test]
async fn positions_enter_and_leave_geofences() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    // A global circle of 1 km around Berlin's Brandenburg Gate, and a
    // polygon for another device only, that watches EXIT from GPS alone.
    let circle = http
        .send("POST", "/v1/locate/geofences", Some(&json!({"name": "gate", "type": "circle", "center": [13.3777, 52.5163], "radius": 1000})))
        .await;
    assert_eq!(circle.status, 201, "{}", circle.text);
    let circle = circle.json()["id"].as_str().unwrap().to_string();
    let square = http
        .send(
            "POST",
            "/v1/locate/geofences",
            Some(&json!({"name": "yard", "type": "polygon", "deviceId": ids[1], "eventTypes": ["EXIT"], "eventSources": ["GPS"],
                "coordinates": [[[13.0, 52.0], [14.0, 52.0], [14.0, 53.0], [13.0, 53.0], [13.0, 52.0]]]})),
        )
        .await;
    assert_eq!(square.status, 201, "{}", square.text);
    let square = square.json()["id"].as_str().unwrap().to_string();

    let far = (2.3522, 48.8566); // Paris
    let gate = (13.3780, 52.5160);
    let near = (13.40, 52.52); // inside the square, 1.6 km from the gate
    let at = |i: usize, p: (f64, f64), s| sb.os_report_position(&ids[i], p.0, p.1, s).unwrap();
    assert_eq!(at(0, far, PositionSource::Gps), vec![]);
    let entered = at(0, gate, PositionSource::Gps);
    assert_eq!(entered.len(), 1);
    assert_eq!(
        (entered[0].geofence_id.as_str(), entered[0].crossing),
        (circle.as_str(), GeofenceCrossing::Enter)
    );
    assert_eq!(
        at(0, gate, PositionSource::CellTower),
        vec![],
        "still inside"
    );
    let left = at(0, near, PositionSource::Gps);
    assert_eq!((left.len(), left[0].crossing), (1, GeofenceCrossing::Exit));
    // Device 1: the square watches only EXIT from GPS; the circle both.
    let first = at(1, gate, PositionSource::Gps);
    assert_eq!(
        first
            .iter()
            .map(|e| e.geofence_id.as_str())
            .collect::<Vec<_>>(),
        [circle.as_str()]
    );
    assert_eq!(
        at(1, far, PositionSource::CellTower).len(),
        1,
        "the circle sees the tower; the square does not"
    );
    let out = at(1, far, PositionSource::Gps);
    assert_eq!(
        out.iter()
            .map(|e| (e.geofence_id.as_str(), e.crossing))
            .collect::<Vec<_>>(),
        [(square.as_str(), GeofenceCrossing::Exit)]
    );

    let logs = http
        .get(&format!(
            "/v1/administrationLogs?q=type:LOCATION,geofenceId:{circle}&pageSize=100"
        ))
        .await
        .json();
    assert_eq!(logs["items"].as_array().unwrap().len(), 4, "{logs}");
    // The locator shows the positions: latest per device, newest first.
    let latest = http.get("/v1/locate/positions/latest").await.json();
    assert_eq!(
        latest["coordinates"].as_array().unwrap().len(),
        2,
        "{latest}"
    );
    let mine = http
        .get(&format!(
            "/v1/locate/devices/{}/positions?pageSize=2",
            ids[0]
        ))
        .await
        .json();
    assert_eq!(
        (mine["page"].as_u64(), mine["pageAmount"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(
        mine["coordinates"][0]["coordinate"],
        json!([near.0, near.1])
    );
    let boxed = http.get("/v1/locate/positions/latest?longitudeFrom=10&longitudeTo=15&latitudeFrom=50&latitudeTo=55").await.json();
    assert_eq!(boxed["coordinates"].as_array().unwrap().len(), 1, "{boxed}");
    // Bad areas are refused.
    let r = http
        .send(
            "POST",
            "/v1/locate/geofences",
            Some(&json!({"name": "tiny", "type": "circle", "center": [0, 0], "radius": 10})),
        )
        .await;
    assert_error(&r, 400, "POST", "/v1/locate/geofences");
    let r = http.send("POST", "/v1/locate/geofences", Some(&json!({"name": "open", "type": "polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}))).await;
    assert_error(&r, 400, "POST", "/v1/locate/geofences");
    // A deleted geofence is gone.
    assert_eq!(
        http.send("DELETE", &format!("/v1/locate/geofences/{square}"), None)
            .await
            .status,
        204
    );
    let r = http.get(&format!("/v1/locate/geofences/{square}")).await;
    assert_error(&r, 404, "GET", "/v1/locate/geofences/{geofenceId}");
}

#[tokio::test]
async fn templates_are_validated_and_translate_device_messages() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    let template =
        r#"{"fields":[{"name":"temperature","type":"int16"},{"name":"battery","type":"uint8"}]}"#;
    let post = |b: Value| {
        let http = &http;
        async move { http.send("POST", "/v1/optimize/templates", Some(&b)).await }
    };
    for (bad, why) in [
        (
            json!({"name": "t", "template": "{not json", "protocolFilter": ["UDP"]}),
            "template",
        ),
        (
            json!({"name": "t", "template": r#"{"fields":[{"name":"x","type":"float128"}]}"#, "protocolFilter": ["UDP"]}),
            "type",
        ),
        (
            json!({"name": "t", "template": template, "protocolFilter": []}),
            "protocolFilter",
        ),
        (
            json!({"name": "t", "template": template, "protocolFilter": ["LWM2M"]}),
            "protocolFilter",
        ),
        (
            json!({"name": "x".repeat(65), "template": template, "protocolFilter": ["UDP"]}),
            "name",
        ),
        (json!({"name": "t", "template": template}), "protocolFilter"),
        (
            json!({"name": "t", "template": template, "protocolFilter": ["UDP"], "colour": "red"}),
            "colour",
        ),
        (
            json!({"name": "t", "template": template, "protocolFilter": ["UDP"], "status": "ON"}),
            "status",
        ),
    ] {
        let r = post(bad.clone()).await;
        let body = assert_error(&r, 422, "POST", "/v1/optimize/templates");
        assert!(
            body["errors"][0]["message"].as_str().unwrap().contains(why),
            "{bad}: {body}"
        );
    }
    assert_eq!(
        http.get("/v1/optimize/templates").await.json(),
        json!([]),
        "nothing invalid was kept"
    );
    let r = post(json!({"name": "climate", "template": template, "protocolFilter": ["UDP"]})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let created = r.json();
    assert_eq!(created["status"], "ACTIVE");
    let r =
        post(json!({"name": "climate", "template": template, "protocolFilter": ["COAP"]})).await;
    assert_error(&r, 409, "POST", "/v1/optimize/templates");
    let id = created["id"].as_str().unwrap();
    let r = http
        .send(
            "PATCH",
            &format!("/v1/optimize/templates/{id}"),
            Some(&json!({"template": "[]"})),
        )
        .await;
    assert_error(&r, 422, "PATCH", "/v1/optimize/templates/{templateId}");

    // The tester and a device message: 0x00e7 = 231, then 2.
    let r = http
        .send(
            "POST",
            "/v1/optimize/messages/test",
            Some(&json!({"template": template, "payload": "AOcC"})),
        )
        .await;
    let tested = r.json();
    let translated: Value =
        serde_json::from_str(tested["translatedPayload"].as_str().unwrap()).unwrap();
    assert_eq!(translated, json!({"temperature": 231, "battery": 2}));
    assert_eq!(
        tested["reducedBytes"],
        json!(tested["translatedPayload"].as_str().unwrap().len() - 3)
    );
    sb.os_device_message(&ids[0], OsProtocol::Udp, &[0xff, 0xfe, 80])
        .unwrap();
    sb.os_device_message(&ids[0], OsProtocol::Coap, &[1, 2, 3])
        .unwrap();
    let state = http
        .get(&format!("/v1/inspect/devices/{}/telemetry", ids[0]))
        .await
        .json();
    assert_eq!(
        state["state"]["UDP"]["payload"],
        json!({"temperature": -2, "battery": 80})
    );
    assert_eq!(
        state["state"]["COAP"]["payload"],
        json!("AQID"),
        "no COAP template: the raw payload"
    );
    let savings = http.get("/v1/optimize/savings?range=1").await.json();
    assert_eq!(savings["messagesTranslated"]["value"], json!(1.0));
    let history = http
        .get(&format!(
            "/v1/inspect/devices/{}/history?pageSize=1",
            ids[0]
        ))
        .await
        .json();
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    let next = history["nextToken"].as_str().expect("a next token");
    let rest = http
        .get(&format!(
            "/v1/inspect/devices/{}/history?pageSize=1&nextToken={next}",
            ids[0]
        ))
        .await
        .json();
    assert_eq!(rest["items"][0]["protocol"], "COAP");
    assert!(rest.get("nextToken").is_none(), "{rest}");
}

#[tokio::test]
async fn webhook_integrations_post_device_data_with_their_custom_headers() {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/ingest"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    let r = http
        .send(
            "POST",
            "/v1/integrate/clouds/webhooks",
            Some(
                &json!({"name": "ingest", "url": format!("{}/ingest", hook.uri()),
                "headers": {"x-api-key": "hook-secret", "x-tenant": "acme"},
                "eventTypes": [{"type": "TELEMETRY_DATA"}, {"type": "GEOFENCE"}]}),
            ),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();

    sb.os_device_message(&ids[3], OsProtocol::Udp, b"hello")
        .unwrap();
    // A position without a geofence is LOCATION only: not subscribed.
    sb.os_report_position(&ids[3], 1.0, 1.0, PositionSource::Gps)
        .unwrap();
    wait_for("the webhook post", || {
        !sb.os_webhook_deliveries().is_empty()
    })
    .await;
    let deliveries = sb.os_webhook_deliveries();
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    assert_eq!(
        (
            deliveries[0].integration_id.as_str(),
            deliveries[0].event_type.as_str(),
            deliveries[0].status
        ),
        (id.as_str(), "TELEMETRY_DATA", Some(200))
    );
    let got = hook.received_requests().await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].headers.get("x-api-key").unwrap(), "hook-secret");
    assert_eq!(got[0].headers.get("x-tenant").unwrap(), "acme");
    let body: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(
        (
            body["type"].as_str(),
            body["payload"]["deviceId"].as_str(),
            body["payload"]["payload"].as_str()
        ),
        (
            Some("TELEMETRY_DATA"),
            Some(ids[3].as_str()),
            Some("aGVsbG8=")
        )
    );
    let shown = http.get(&format!("/v1/integrate/clouds/{id}")).await.json();
    assert!(
        shown["lastSuccessfulMessageDelivery"].is_string(),
        "{shown}"
    );

    // Data from a thread outside the runtime is posted too.
    std::thread::scope(|s| {
        s.spawn(|| {
            sb.os_device_message(&ids[3], OsProtocol::Coap, b"from a thread")
                .unwrap()
        })
        .join()
        .unwrap()
    });
    wait_for("the second post", || sb.os_webhook_deliveries().len() == 2).await;
    assert_eq!(hook.received_requests().await.unwrap().len(), 2);

    // The test operation posts too, and reports what the webhook answered.
    let r = http
        .send(
            "POST",
            &format!("/v1/integrate/clouds/webhooks/{id}/test"),
            None,
        )
        .await
        .json();
    assert_eq!(r["testStatus"], "SUCCESS", "{r}");
    let got = hook.received_requests().await.unwrap();
    assert_eq!(
        (
            got.len(),
            got[2].headers.get("x-api-key").unwrap().to_str().unwrap()
        ),
        (3, "hook-secret")
    );
    // New headers apply to the next post; a webhook that fails is reported.
    let r = http
        .send("PATCH", &format!("/v1/integrate/clouds/webhooks/{id}"), Some(&json!({"headers": {"x-api-key": "rotated"}, "url": format!("{}/gone", hook.uri())})))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = http
        .send(
            "POST",
            &format!("/v1/integrate/clouds/webhooks/{id}/test"),
            None,
        )
        .await
        .json();
    assert_eq!(r["testStatus"], "FAILURE", "{r}");
    let got = hook.received_requests().await.unwrap();
    assert_eq!(got[3].headers.get("x-api-key").unwrap(), "rotated");
    // Bad integrations are refused.
    let r = http
        .send("POST", "/v1/integrate/clouds/webhooks", Some(&json!({"name": "x", "url": "not a url", "headers": {}, "eventTypes": [{"type": "TELEMETRY_DATA"}]})))
        .await;
    assert_error(&r, 400, "POST", "/v1/integrate/clouds/webhooks");
    let r = http
        .send("POST", "/v1/integrate/clouds/webhooks", Some(&json!({"name": "ingest", "url": "http://127.0.0.1:9/x", "headers": {}, "eventTypes": [{"type": "TELEMETRY_DATA"}]})))
        .await;
    assert_error(&r, 409, "POST", "/v1/integrate/clouds/webhooks");
}

#[tokio::test]
async fn errors_counters_faults_and_the_token() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    // Without a token: 401 in 1NCE OS's shape.
    let r = reqwest::Client::new()
        .get(format!("{}/v1/inspect/devices", sb.base_url()))
        .send()
        .await
        .unwrap();
    let r = Answer {
        status: r.status().as_u16(),
        content_type: String::new(),
        retry_after: None,
        text: r.text().await.unwrap(),
    };
    assert_error(&r, 401, "GET", "/v1/inspect/devices");
    // An injected fault hits 1NCE OS like the rest, once.
    sb.inject(
        Fault::status(503)
            .method("GET")
            .path("/v1/inspect/devices")
            .times(1),
    );
    let r = http.get("/v1/inspect/devices").await;
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["statusText"], "Service Unavailable");
    let r = http.get("/v1/inspect/devices?pageSize=2&page=3").await;
    assert_eq!(r.status, 200);
    let page = r.json();
    assert_eq!(
        (
            page["page"].as_u64(),
            page["pageAmount"].as_u64(),
            page["items"].as_array().map(Vec::len)
        ),
        (Some(3), Some(3), Some(1))
    );
    let r = http.get("/v1/inspect/devices?pageSize=51").await;
    assert_error(&r, 400, "GET", "/v1/inspect/devices");
    let stats = sb.stats();
    assert_eq!(stats.requests_to("GET", "/v1/inspect/devices"), 4);
    assert_eq!(stats.faults_injected, 1);
    assert_eq!(stats.unauthorized, 1);
    let r = http.get("/v1/inspect/devices/8988280666000000999").await;
    assert_error(&r, 404, "GET", "/v1/inspect/devices/{deviceId}");
}

#[tokio::test]
async fn the_geofence_list_is_limited_to_30_a_minute() {
    let sb = Sandbox::builder().sims(2).start().await.unwrap();
    let http = Http::new(&sb).await;
    for n in 0..30 {
        let r = http.get("/v1/locate/geofences").await;
        assert_eq!(r.status, 200, "request {n}: {}", r.text);
    }
    let r = http.get("/v1/locate/geofences").await;
    assert_eq!(r.status, 429);
    let wait: u64 = r
        .retry_after
        .as_deref()
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Other operations are groups of their own.
    assert_eq!(http.get("/v1/devices/stats").await.status, 200);
    assert_eq!(http.get("/v1/locate/positions/latest").await.status, 200);
    assert_eq!(sb.stats().rate_limited, 1);
}

#[tokio::test]
async fn preshared_key_jobs_finish_and_plugins_and_settings_keep_state() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    let ids = iccids(&sb);
    sb.set_os_action_stage(Duration::from_secs(60));
    let r = http
        .send(
            "POST",
            "/v1/integrate/devices/psk/jobs",
            Some(&json!([
                {"deviceId": ids[0], "secretKey": "first-secret", "protocol": "COAP"},
                {"deviceId": "no-such-device", "secretKey": "other-secret", "protocol": "COAP"},
            ])),
        )
        .await;
    assert_eq!((r.status, r.text.as_str()), (202, ""));
    let job = |v: Value| v["items"][0].clone();
    let j = job(http.get("/v1/integrate/devices/psk/jobs").await.json());
    assert_eq!(
        (j["status"].as_str(), j["amount"].as_u64()),
        (Some("IN_PROGRESS"), Some(2))
    );
    sb.advance_os_clock(Duration::from_secs(60));
    let j = job(http
        .get("/v1/integrate/devices/presharedkey/jobs")
        .await
        .json());
    assert_eq!(
        (
            j["status"].as_str(),
            j["done"].as_u64(),
            j["failed"].as_u64()
        ),
        (Some("DONE"), Some(1), Some(1))
    );
    let k = http
        .get(&format!("/v1/integrate/devices/{}/psk/COAP", ids[0]))
        .await
        .json();
    assert_eq!(
        (k["secretKey"].as_str(), k["identity"].as_str()),
        (Some("first-secret"), Some(ids[0].as_str()))
    );
    let r = http
        .send(
            "POST",
            &format!("/v1/integrate/devices/{}/psk", ids[0]),
            Some(&json!({"secretKey": "short", "protocol": "COAP"})),
        )
        .await;
    assert_error(&r, 400, "POST", "/v1/integrate/devices/{deviceId}/psk");

    let r = http
        .send(
            "POST",
            "/v1/partners/DATACAKE/plugins",
            Some(&json!({"workspaceId": "ws 1"})),
        )
        .await;
    assert_error(&r, 400, "POST", "/v1/partners/DATACAKE/plugins");
    let r = http
        .send(
            "POST",
            "/v1/partners/DATACAKE/plugins",
            Some(&json!({"workspaceId": "ws-1"})),
        )
        .await;
    assert_eq!(r.status, 201);
    let r = http
        .send(
            "POST",
            "/v1/partners/DATACAKE/plugins",
            Some(&json!({"workspaceId": "ws-2"})),
        )
        .await;
    assert_error(&r, 409, "POST", "/v1/partners/DATACAKE/plugins");
    let listed = http.get("/v1/partners/plugins").await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let r = http
        .send(
            "PATCH",
            "/v1/settings/1nceos/ADVANCED_CELL_TOWER_LOCATION",
            Some(&json!({"state": "ENABLED"})),
        )
        .await;
    assert_error(&r, 400, "PATCH", "/v1/settings/1nceos/{name}");
    let r = http
        .send(
            "PATCH",
            "/v1/settings/1nceos/ADVANCED_CELL_TOWER_LOCATION",
            Some(&json!({"state": "ENABLED", "readAndAcceptedDisclaimer": true})),
        )
        .await;
    assert_eq!(r.status, 200);
    let settings = http.get("/v1/settings/1nceos?language=de").await.json();
    assert_eq!(settings["items"][0]["state"], "ENABLED");
    // With the advanced setting on, cell tower positions resolve ADVANCED.
    sb.os_report_position(&ids[0], 13.4, 52.5, PositionSource::CellTower)
        .unwrap();
    let activity = http
        .get(&format!("/v1/locate/devices/{}/activity", ids[0]))
        .await
        .json();
    assert_eq!(activity["items"][0]["resolutionMode"], "ADVANCED");
}

#[tokio::test]
async fn geofence_crossings_and_aws_rollouts_reach_the_clouds() {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&hook)
        .await;
    let sb = sandbox().await;
    let client = sb.client().expect("client");
    let ids = iccids(&sb);
    sb.set_os_action_stage(Duration::from_secs(600));
    // Through the SDK's raw calls: the same token, 1NCE OS's paths.
    let hooked: Value = client
        .raw(reqwest::Method::POST, "/v1/integrate/clouds/webhooks")
        .json(&json!({"name": "fences", "url": format!("{}/fences", hook.uri()), "headers": {"authorization": "Bearer fence-secret"},
            "eventTypes": [{"type": "GEOFENCE"}]}))
        .send_json()
        .await
        .expect("webhook created");
    let aws: Value = client
        .raw(reqwest::Method::POST, "/v1/integrate/clouds/aws")
        .json(&json!({"name": "stack", "eventTypes": [{"type": "LOCATION"}]}))
        .send_json()
        .await
        .expect("AWS integration created");
    assert_eq!(aws["state"], "ROLLOUT_STARTED");
    let fence: Value = client
        .raw(reqwest::Method::POST, "/v1/locate/geofences")
        .json(&json!({"name": "depot", "type": "circle", "center": [8.0, 50.0], "radius": 500}))
        .send_json()
        .await
        .expect("geofence created");
    sb.os_report_position(&ids[4], 8.0, 50.0, PositionSource::Gps)
        .unwrap();
    sb.os_report_position(&ids[4], 9.0, 50.0, PositionSource::Gps)
        .unwrap();
    wait_for("two geofence posts", || {
        sb.os_webhook_deliveries().len() == 2
    })
    .await;
    let got = hook.received_requests().await.unwrap();
    let kinds: Vec<(String, String)> = got
        .iter()
        .map(|r| {
            assert_eq!(
                r.headers.get("authorization").unwrap(),
                "Bearer fence-secret"
            );
            let b: Value = serde_json::from_slice(&r.body).unwrap();
            assert_eq!(
                (b["type"].as_str(), b["payload"]["geofenceId"].as_str()),
                (Some("GEOFENCE"), fence["id"].as_str())
            );
            (
                b["payload"]["eventType"].as_str().unwrap().to_string(),
                b["payload"]["deviceId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("ENTER".to_string(), ids[4].clone()),
            ("EXIT".to_string(), ids[4].clone())
        ]
    );
    assert!(sb
        .os_webhook_deliveries()
        .iter()
        .all(|d| d.status == Some(204) && d.integration_id == hooked["id"].as_str().unwrap()));

    // The AWS stack is rolled out after a stage; until then it cannot be tested.
    let test = format!(
        "/v1/integrate/clouds/aws/{}/test",
        aws["id"].as_str().unwrap()
    );
    let http = Http::new(&sb).await;
    assert_error(
        &http.send("POST", &test, None).await,
        409,
        "POST",
        "/v1/integrate/clouds/aws/{integrationId}/test",
    );
    sb.advance_os_clock(Duration::from_secs(600));
    let r = http.send("POST", &test, None).await;
    assert_eq!(
        (
            r.status,
            r.json()["testStatus"].as_str().map(str::to_string)
        ),
        (200, Some("SUCCESS".to_string()))
    );
    let listed = http.get("/v1/integrate/clouds").await.json();
    let states: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["INTEGRATION_ACTIVE", "INTEGRATION_ACTIVE"]);
}

#[tokio::test]
async fn the_binary_simulates_1nce_os_devices() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-sandbox"))
        .args([
            "--port",
            "0",
            "--sims",
            "3",
            "--simulate-traffic-ms",
            "5",
            "--rate-limit-factor",
            "100",
            "--os-action-stage-ms",
            "3600000",
        ])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("once-sandbox starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut vars = std::collections::HashMap::new();
    while vars.len() < 3 {
        let line = lines
            .next_line()
            .await
            .unwrap()
            .expect("the binary prints its settings");
        if let Some((k, v)) = line.split_once('=') {
            if k.starts_with("ONCE_") {
                vars.insert(k.to_string(), v.to_string());
            }
        }
    }
    let client = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new(
            &vars["ONCE_CLIENT_ID"],
            &vars["ONCE_CLIENT_SECRET"],
        ))
        .base_url(&vars["ONCE_BASE_URL"])
        .no_proxy()
        .build()
        .unwrap();
    let get = |path: &'static str| {
        let client = client.clone();
        async move {
            client
                .raw(reqwest::Method::GET, path)
                .send_json::<Value>()
                .await
                .unwrap()
        }
    };
    let mut seen = (false, false);
    for _ in 0..1000 {
        let history = get("/v1/inspect/devices/history").await;
        let latest = get("/v1/locate/positions/latest").await;
        seen = (
            history["items"].as_array().is_some_and(|i| !i.is_empty()),
            latest["coordinates"]
                .as_array()
                .is_some_and(|c| !c.is_empty()),
        );
        if seen == (true, true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(seen, (true, true), "(messages, positions) never showed up");
    // The stage flag applies: an action stays SCHEDULED.
    let device = get("/v1/inspect/devices").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let id: Value = client
        .raw(
            reqwest::Method::POST,
            "/v1/integrate/devices/{deviceId}/actions/UDP",
        )
        .param("deviceId", device)
        .json(&json!({"port": 4445, "payload": "x", "payloadType": "STRING"}))
        .send_json()
        .await
        .unwrap();
    let status: Value = client
        .raw(
            reqwest::Method::GET,
            "/v1/integrate/devices/actions/requests/{requestId}",
        )
        .param("requestId", id["id"].as_str().unwrap())
        .send_json()
        .await
        .unwrap();
    assert_eq!(status["status"], "SCHEDULED");
    child.kill().await.unwrap();
}

/// The document gives `GET /v1/integrate/clouds` and `/v1/partners/plugins`
/// no paging parameters: every integration comes in one answer, page 1 of
/// 1, however many there are.
#[tokio::test]
async fn integrations_are_listed_in_one_answer_as_the_document_has_no_paging() {
    let sb = sandbox().await;
    let http = Http::new(&sb).await;
    for n in 0..12 {
        let r = http
            .send(
                "POST",
                "/v1/integrate/clouds/webhooks",
                Some(
                    &json!({"name": format!("hook-{n}"), "url": "https://hooks.example.com/in",
                    "headers": {}, "eventTypes": [{"type": "TELEMETRY_DATA"}]}),
                ),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let r = http.send("GET", "/v1/integrate/clouds", None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let body = r.json();
    assert_eq!(body["items"].as_array().map(Vec::len), Some(12), "{body}");
    assert_eq!(
        (body["page"].as_u64(), body["pageAmount"].as_u64()),
        (Some(1), Some(1))
    );
    let r = http.send("GET", "/v1/partners/plugins", None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["pageAmount"].as_u64(), Some(1));
}
