//! Conformance with 1NCE OS (`1nce-os.yml`, 72 operations): one row per
//! operation, each sent through the SDK to a recording mock server; the
//! request is checked against the document (method, path, every query
//! parameter and the body against its schema), and every response
//! example and a body generated from each response schema (every
//! documented field filled in) decodes into the SDK's type without losing
//! a field.

use std::fmt::Write as _;

use once_sdk::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::spec::{self, resolve, SpecOp};
use crate::{common, decode, roundtrip, Op};

/// The document.
pub const FILE: &str = "1nce-os.yml";

/// A body-paged list as 1NCE OS sends it (the SDK reads it through `List`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OsPage<T> {
    items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(
        default,
        rename = "pageAmount",
        skip_serializing_if = "Option::is_none"
    )]
    page_amount: Option<u32>,
}

/// Positions come in `coordinates` instead of `items`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OsPositions {
    #[serde(default)]
    coordinates: Vec<Position>,
    page: Option<u32>,
    #[serde(rename = "pageAmount")]
    page_amount: Option<u32>,
}

fn dev() -> DeviceId {
    DeviceId::from("dev-17")
}

fn iccid() -> Iccid {
    crate::ICCID.parse().expect("a valid ICCID")
}

fn at(s: &str) -> Timestamp {
    s.parse().expect("a timestamp")
}

macro_rules! rows {
    ($($method:literal $path:literal => $rust:literal, |$c:ident| $call:expr, $decode:expr, $round:expr;)+) => {
        vec![$(Op {
            spec: FILE,
            method: $method,
            path: $path,
            rust: $rust,
            call: |$c| Box::pin(async move { $call.map(|_| ()) }),
            decode_response: $decode,
            roundtrip_request: $round,
        }),+]
    };
}

/// The rows of 1NCE OS.
pub fn ops() -> Vec<Op> {
    rows! {
        "GET" "/v1/integrate/devices/endpoints" => "client.os().devices().endpoints()",
            |c| c.os().devices().endpoints().send().await, Some(decode::<OsPage<ProtocolEndpoint>>), None;
        "GET" "/v1/integrate/devices/endpoints/{protocol}" => "client.os().devices().endpoint(protocol)",
            |c| c.os().devices().endpoint(OsProtocol::Coap).await, Some(decode::<ProtocolEndpoint>), None;
        "PATCH" "/v1/integrate/devices/endpoints/{protocol}" => "client.os().devices().update_endpoint(protocol, &update)",
            |c| {
                let mut u = EndpointUpdate::new(vec![EndpointSettingUpdate::new(EndpointSettingName::Lwm2mPassiveReporting, SettingState::Enabled)]);
                u.active = Some(true);
                c.os().devices().update_endpoint(OsProtocol::Lwm2m, &u).await
            }, Some(decode::<ProtocolEndpoint>), Some(roundtrip::<EndpointUpdate>);
        "GET" "/v1/integrate/devices/actions/requests" => "client.os().devices().action_requests()",
            |c| c.os().devices().action_requests().page_size(20).device_id(&dev()).protocol(OsProtocol::Coap).status(ActionStatus::Failed).sort(ActionSort::UpdatedDesc).send().await,
            Some(decode::<OsPage<ActionRequest>>), None;
        "GET" "/v1/integrate/devices/actions/requests/active" => "client.os().devices().active_action_requests()",
            |c| c.os().devices().active_action_requests().status(ActionStatus::Scheduled).send().await,
            Some(decode::<OsPage<ActionRequest>>), None;
        "GET" "/v1/integrate/devices/actions/requests/archived" => "client.os().devices().archived_action_requests()",
            |c| c.os().devices().archived_action_requests().status(ActionStatus::Succeeded).send().await,
            Some(decode::<OsPage<ActionRequest>>), None;
        "DELETE" "/v1/integrate/devices/{deviceId}/actions/requests" => "client.os().devices().cancel_action_requests(&device_id)",
            |c| c.os().devices().cancel_action_requests(&dev()).await, Some(decode::<Vec<CancelledRequest>>), None;
        "DELETE" "/v1/integrate/devices/actions/requests/{requestId}" => "client.os().devices().cancel_action_request(&request_id)",
            |c| c.os().devices().cancel_action_request(&"req-1".into()).await, Some(decode::<CancelledRequest>), None;
        "GET" "/v1/integrate/devices/actions/requests/{requestId}" => "client.os().devices().action_request(&request_id)",
            |c| c.os().devices().action_request(&"req-1".into()).await, Some(decode::<ActionRequest>), None;
        "POST" "/v1/integrate/devices/{deviceId}/presharedkey" => "client.os().devices().set_preshared_key(&device_id, &PskSet::new(key, protocol))",
            |c| c.os().devices().set_preshared_key(&dev(), &PskSet::new("s3cret-key-17", OsProtocol::Coap)).await,
            Some(decode::<PreSharedKey>), Some(roundtrip::<PskSet>);
        "GET" "/v1/integrate/devices/presharedkey/jobs" => "client.os().devices().preshared_key_jobs()",
            |c| c.os().devices().preshared_key_jobs().send().await, Some(decode::<OsPage<PskJob>>), None;
        "POST" "/v1/integrate/devices/presharedkey/jobs" => "client.os().devices().create_preshared_key_job(&keys)",
            |c| c.os().devices().create_preshared_key_job(&[PskJobEntry::new(dev(), "s3cret-key-17", OsProtocol::Lwm2m)]).await,
            None, Some(roundtrip::<Vec<PskJobEntry>>);
        "POST" "/v1/integrate/devices/{deviceId}/psk" => "client.os().devices().set_psk(&device_id, &PskSet::new(key, protocol))",
            |c| {
                let mut k = PskSet::new("0a0b0c0d0e0f", OsProtocol::Lwm2m);
                k.format = Some(KeyFormat::Hex);
                c.os().devices().set_psk(&dev(), &k).await
            }, Some(decode::<PreSharedKey>), Some(roundtrip::<PskSet>);
        "GET" "/v1/integrate/devices/{deviceId}/psk/{protocol}" => "client.os().devices().psk(&device_id, protocol)",
            |c| c.os().devices().psk(&dev(), OsProtocol::Coap).await, Some(decode::<PreSharedKey>), None;
        "GET" "/v1/integrate/devices/psk/jobs" => "client.os().devices().psk_jobs()",
            |c| c.os().devices().psk_jobs().send().await, Some(decode::<OsPage<PskJob>>), None;
        "POST" "/v1/integrate/devices/psk/jobs" => "client.os().devices().create_psk_job(&keys)",
            |c| c.os().devices().create_psk_job(&[PskJobEntry::new(dev(), "s3cret-key-17", OsProtocol::Coap)]).await,
            None, Some(roundtrip::<Vec<PskJobEntry>>);
        "POST" "/v1/integrate/devices/{deviceId}/actions/LWM2M" => "client.os().devices().send_lwm2m(&device_id, &action)",
            |c| c.os().devices().send_lwm2m(&dev(), &lwm2m()).await, Some(decode::<ActionAccepted>), Some(roundtrip::<Lwm2mAction>);
        "POST" "/v1/integrate/devices/actions/LWM2M" => "client.os().devices().send_lwm2m_bulk(&BulkAction::new(device_ids, action))",
            |c| c.os().devices().send_lwm2m_bulk(&BulkAction::new(vec![dev()], lwm2m())).await,
            Some(decode::<BulkActionAccepted>), Some(roundtrip::<BulkAction<Lwm2mAction>>);
        "POST" "/v1/integrate/devices/{deviceId}/actions/COAP" => "client.os().devices().send_coap(&device_id, &action)",
            |c| c.os().devices().send_coap(&dev(), &coap()).await, Some(decode::<ActionAccepted>), Some(roundtrip::<CoapAction>);
        "POST" "/v1/integrate/devices/actions/COAP" => "client.os().devices().send_coap_bulk(&BulkAction::new(device_ids, action))",
            |c| c.os().devices().send_coap_bulk(&BulkAction::new(vec![dev()], coap())).await,
            Some(decode::<BulkActionAccepted>), Some(roundtrip::<BulkAction<CoapAction>>);
        "POST" "/v1/integrate/devices/{deviceId}/actions/UDP" => "client.os().devices().send_udp(&device_id, &action)",
            |c| c.os().devices().send_udp(&dev(), &udp()).await, Some(decode::<ActionAccepted>), Some(roundtrip::<UdpAction>);
        "POST" "/v1/integrate/devices/actions/UDP" => "client.os().devices().send_udp_bulk(&BulkAction::new(device_ids, action))",
            |c| c.os().devices().send_udp_bulk(&BulkAction::new(vec![dev()], udp())).await,
            Some(decode::<BulkActionAccepted>), Some(roundtrip::<BulkAction<UdpAction>>);
        "POST" "/v1/optimize/messages/test" => "client.os().optimizer().test(&TranslationTest::new(template, payload))",
            |c| c.os().optimizer().test(&TranslationTest::new("t: int8", "AQ==")).await, Some(decode::<Translation>), Some(roundtrip::<TranslationTest>);
        "GET" "/v1/optimize/savings" => "client.os().optimizer().savings(range, protocol, iccid)",
            |c| c.os().optimizer().savings(Some(SavingsRange::Week), Some(OsProtocol::Udp), Some(&iccid())).await, Some(decode::<Savings>), None;
        "POST" "/v1/agreements/1nceos" => "client.os().agreements().accept(accepted)",
            |c| c.os().agreements().accept(true).await, None, Some(roundtrip::<Agreement>);
        "GET" "/v1/integrate/clouds/aws/parameters" => "client.os().integrations().aws_parameters()",
            |c| c.os().integrations().aws_parameters().await, Some(decode::<AwsParameters>), None;
        "POST" "/v1/integrate/clouds/aws/{integrationId}/restart" => "client.os().integrations().restart_aws(&integration_id)",
            |c| c.os().integrations().restart_aws(&"int-1".into()).await, Some(decode::<IntegrationRestart>), None;
        "POST" "/v1/integrate/clouds/aws/{integrationId}/test" => "client.os().integrations().test_aws(&integration_id)",
            |c| c.os().integrations().test_aws(&"int-1".into()).await, Some(decode::<IntegrationTest>), None;
        "GET" "/v1/administrationLogs" => "client.os().logs().list()",
            |c| c.os().logs().list().page_size(50).q("type:device").send().await, Some(decode::<OsPage<AdminLog>>), None;
        "GET" "/v1/administrationLogs/stats" => "client.os().logs().stats(timezone, category)",
            |c| c.os().logs().stats("Europe/Amsterdam", Some(LogCategory::Error)).await, Some(decode::<AdminLogStats>), None;
        "GET" "/v1/administrationLogs/{adminLogId}/payload" => "client.os().logs().payload_url(&admin_log_id)",
            |c| c.os().logs().payload_url(&"log-1".into()).await, Some(decode::<String>), None;
        "GET" "/v1/optimize/templates" => "client.os().optimizer().templates()",
            |c| c.os().optimizer().templates().await, Some(decode::<Vec<Template>>), None;
        "POST" "/v1/optimize/templates" => "client.os().optimizer().create_template(&TemplateInput::new(name, template, protocols))",
            |c| c.os().optimizer().create_template(&TemplateInput::new("t1", "t: int8", vec![OsProtocol::Udp])).await,
            Some(decode::<Template>), Some(roundtrip::<TemplateInput>);
        "DELETE" "/v1/optimize/templates/{templateId}" => "client.os().optimizer().delete_template(&template_id)",
            |c| c.os().optimizer().delete_template(&"tpl-1".into()).await, None, None;
        "PATCH" "/v1/optimize/templates/{templateId}" => "client.os().optimizer().update_template(&template_id, &change)",
            |c| {
                let mut t = TemplateInput::default();
                t.status = Some(TemplateStatus::Inactive);
                c.os().optimizer().update_template(&"tpl-1".into(), &t).await
            }, Some(decode::<Template>), Some(roundtrip::<TemplateInput>);
        "GET" "/v1/inspect/devices" => "client.os().inspector().devices()",
            |c| c.os().inspector().devices().page_size(50).sort("iccid,-ip").q("iccid:8988280666000000000").send().await,
            Some(decode::<OsPage<Device>>), None;
        "GET" "/v1/inspect/devices/{deviceId}" => "client.os().inspector().device(&device_id)",
            |c| c.os().inspector().device(&dev()).await, Some(decode::<Device>), None;
        "POST" "/v1/devices/{deviceId}/actions" => "client.os().devices().send_action(&device_id, &action)",
            |c| c.os().devices().send_action(&dev(), &lwm2m()).await, Some(decode::<ActionAccepted>), Some(roundtrip::<Lwm2mAction>);
        "GET" "/v1/inspect/devices/{deviceId}/telemetry" => "client.os().inspector().telemetry(&device_id, protocol)",
            |c| c.os().inspector().telemetry(&dev(), Some(OsProtocol::Lwm2m)).await, Some(decode::<DeviceTelemetry>), None;
        "GET" "/v1/inspect/devices/{deviceId}/history" => "client.os().inspector().device_history(&device_id, &query, page_size, next_token)",
            |c| c.os().inspector().device_history(&dev(), &window(), Some(20), Some("tok")).await, Some(decode::<MessageHistory>), None;
        "GET" "/v1/inspect/devices/history" => "client.os().inspector().history(device_id, iccid, &query, page_size, next_token)",
            |c| c.os().inspector().history(Some(&dev()), Some(&iccid()), &window(), Some(20), Some("tok")).await, Some(decode::<MessageHistory>), None;
        "GET" "/v1/inspect/devices/{deviceId}/history/insights" => "client.os().inspector().device_insights(&device_id, &query, interval)",
            |c| c.os().inspector().device_insights(&dev(), &window(), Some("1d")).await, Some(decode::<HistoryInsights>), None;
        "GET" "/v1/inspect/devices/history/insights" => "client.os().inspector().insights(device_id, iccid, &query, interval)",
            |c| c.os().inspector().insights(Some(&dev()), Some(&iccid()), &window(), Some("1h")).await, Some(decode::<HistoryInsights>), None;
        "GET" "/v1/locate/devices/{deviceId}/positions" => "client.os().locator().positions(&device_id)",
            |c| c.os().locator().positions(&dev()).page_size(100).source(PositionSource::Gps).mode(PositionMode::Summary)
                .start(at("2022-01-01T01:01:01Z")).end(at("2022-01-02T01:01:01Z")).sort("-sampleTime").send().await,
            Some(decode::<OsPositions>), None;
        "GET" "/v1/locate/positions/latest" => "client.os().locator().latest_positions()",
            |c| c.os().locator().latest_positions().device_id(&dev()).within(-10.0, -10.0, 10.0, 10.0).source(PositionSource::CellTower).send().await,
            Some(decode::<OsPositions>), None;
        "GET" "/v1/locate/devices/{deviceId}/activity" => "client.os().locator().activity(&device_id, start, end)",
            |c| c.os().locator().activity(&dev(), Some(at("2022-01-01T01:01:01Z")), Some(at("2022-01-02T01:01:01Z"))).await,
            Some(decode::<DeviceActivity>), None;
        "GET" "/v1/devices/stats" => "client.os().devices().stats()",
            |c| c.os().devices().stats().await, Some(decode::<DeviceStats>), None;
        "GET" "/v1/locate/geofences" => "client.os().locator().geofences()",
            |c| c.os().locator().geofences().page_size(10).name("depot").device_id(&dev()).scope(GeofenceScope::Device).send().await,
            Some(decode::<OsPage<Geofence>>), None;
        "POST" "/v1/locate/geofences" => "client.os().locator().create_geofence(&NewGeofence::circle(name, center, radius))",
            |c| {
                let mut g = NewGeofence::circle("depot", [6.95, 50.93], 250.0);
                g.event_types = Some(vec![GeofenceEvent::Enter, GeofenceEvent::Exit]);
                g.event_sources = Some(vec![PositionSource::Gps]);
                c.os().locator().create_geofence(&g).await
            }, Some(decode::<Geofence>), Some(roundtrip::<NewGeofence>);
        "DELETE" "/v1/locate/geofences/{geofenceId}" => "client.os().locator().delete_geofence(&geofence_id)",
            |c| c.os().locator().delete_geofence(&"geo-1".into()).await, None, None;
        "GET" "/v1/locate/geofences/{geofenceId}" => "client.os().locator().geofence(&geofence_id)",
            |c| c.os().locator().geofence(&"geo-1".into()).await, Some(decode::<Geofence>), None;
        "PATCH" "/v1/locate/geofences/{geofenceId}" => "client.os().locator().update_geofence(&geofence_id, &update)",
            |c| {
                let mut u = GeofenceUpdate::default();
                u.name = Some("yard".into());
                u.event_types = Some(vec![GeofenceEvent::Exit]);
                c.os().locator().update_geofence(&"geo-1".into(), &u).await
            }, Some(decode::<Geofence>), Some(roundtrip::<GeofenceUpdate>);
        "PATCH" "/v1/settings/1nceos/{name}" => "client.os().settings().update(name, &OsSettingUpdate::new(state))",
            |c| c.os().settings().update("LWM2M_PASSIVE_REPORTING", &OsSettingUpdate::new(SettingState::Disabled)).await,
            Some(decode::<OsSettingChanged>), Some(roundtrip::<OsSettingUpdate>);
        "GET" "/v1/settings/1nceos" => "client.os().settings().list()",
            |c| c.os().settings().list().page_size(10).language(SettingsLanguage::De).send().await, Some(decode::<OsPage<OsSetting>>), None;
        "POST" "/v1/integrate/clouds/aws" => "client.os().integrations().create_aws(&NewAwsIntegration::new(name, event_types))",
            |c| c.os().integrations().create_aws(&NewAwsIntegration::new("aws", vec![EventSubscription::new(OsEventType::TelemetryData)])).await,
            Some(decode::<Integration>), Some(roundtrip::<NewAwsIntegration>);
        "DELETE" "/v1/integrate/clouds/{integrationId}" => "client.os().integrations().delete(&integration_id)",
            |c| c.os().integrations().delete(&"int-1".into()).await, None, None;
        "GET" "/v1/integrate/clouds/{integrationId}" => "client.os().integrations().get(&integration_id)",
            |c| c.os().integrations().get(&"int-1".into()).await, Some(decode::<Integration>), None;
        "PATCH" "/v1/integrate/clouds/{integrationId}" => "client.os().integrations().update(&integration_id, &change)",
            |c| c.os().integrations().update(&"int-1".into(), &change()).await, Some(decode::<Integration>), Some(roundtrip::<IntegrationUpdate>);
        "GET" "/v1/integrate/clouds" => "client.os().integrations().list()",
            |c| c.os().integrations().list().send().await, Some(decode::<OsPage<Integration>>), None;
        "GET" "/v1/integrate/clouds/eventTypes" => "client.os().integrations().event_types()",
            |c| c.os().integrations().event_types().await, Some(decode::<EventTypes>), None;
        "POST" "/v1/integrate/clouds/webhooks" => "client.os().integrations().create_webhook(&NewWebhookIntegration::new(name, url, headers, event_types))",
            |c| c.os().integrations().create_webhook(&NewWebhookIntegration::new(
                "hook", "https://example.com/1nce", WebhookHeaders::new().with("x-api-key", "k3y-value-17"),
                vec![EventSubscription::new(OsEventType::Location)])).await,
            Some(decode::<Integration>), Some(roundtrip::<NewWebhookIntegration>);
        "PATCH" "/v1/integrate/clouds/webhooks/{integrationId}" => "client.os().integrations().update_webhook(&integration_id, &change)",
            |c| c.os().integrations().update_webhook(&"int-1".into(), &change()).await, Some(decode::<Integration>), Some(roundtrip::<IntegrationUpdate>);
        "POST" "/v1/integrate/clouds/webhooks/{integrationId}/restart" => "client.os().integrations().restart_webhook(&integration_id)",
            |c| c.os().integrations().restart_webhook(&"int-1".into()).await, Some(decode::<IntegrationRestart>), None;
        "POST" "/v1/integrate/clouds/webhooks/{integrationId}/test" => "client.os().integrations().test_webhook(&integration_id)",
            |c| c.os().integrations().test_webhook(&"int-1".into()).await, Some(decode::<IntegrationTest>), None;
        "POST" "/v1/partners/DATACAKE/plugins" => "client.os().plugins().create(Partner::Datacake, &PluginSettings::datacake(workspace_id))",
            |c| c.os().plugins().create(Partner::Datacake, &PluginSettings::datacake("ws-1")).await, Some(decode::<Plugin>), Some(roundtrip::<PluginSettings>);
        "POST" "/v1/partners/MENDER/plugins" => "client.os().plugins().create(Partner::Mender, &PluginSettings::mender(tenant_token))",
            |c| c.os().plugins().create(Partner::Mender, &PluginSettings::mender("tenant-token-17")).await, Some(decode::<Plugin>), Some(roundtrip::<PluginSettings>);
        "POST" "/v1/partners/TARTABIT/plugins" => "client.os().plugins().create(Partner::Tartabit, &PluginSettings::tartabit(server_domain, webhook_key))",
            |c| c.os().plugins().create(Partner::Tartabit, &PluginSettings::tartabit("bridge.tartabit.com", "hook-key-17")).await, Some(decode::<Plugin>), Some(roundtrip::<PluginSettings>);
        "POST" "/v1/partners/MEMFAULT/plugins" => "client.os().plugins().create(Partner::Memfault, &PluginSettings::memfault())",
            |c| c.os().plugins().create(Partner::Memfault, &PluginSettings::memfault()).await, Some(decode::<Plugin>), Some(roundtrip::<PluginSettings>);
        "DELETE" "/v1/partners/plugins/{pluginId}" => "client.os().plugins().delete(&plugin_id)",
            |c| c.os().plugins().delete(&"plg-1".into()).await, None, None;
        "GET" "/v1/partners/plugins/{pluginId}" => "client.os().plugins().get(&plugin_id)",
            |c| c.os().plugins().get(&"plg-1".into()).await, Some(decode::<Plugin>), None;
        "POST" "/v1/partners/plugins/{pluginId}/restart" => "client.os().plugins().restart(&plugin_id)",
            |c| c.os().plugins().restart(&"plg-1".into()).await, Some(decode::<PluginRestart>), None;
        "GET" "/v1/partners/plugins" => "client.os().plugins().list()",
            |c| c.os().plugins().list().send().await, Some(decode::<OsPage<Plugin>>), None;
    }
}

fn lwm2m() -> Lwm2mAction {
    let mut a = Lwm2mAction::new(Lwm2mOperation::Write, "/3/0/14");
    a.data = Some("+02".into());
    a.request_mode = Some(RequestMode::SendWhenActive);
    a.send_attempts = Some(3);
    a
}

fn coap() -> CoapAction {
    let mut a = CoapAction::new(CoapMethod::Post, 5683, "/led");
    a.payload = Some("b24=".into());
    a.payload_type = Some(PayloadType::Base64);
    a.request_mode = Some(RequestMode::SendNow);
    a.send_attempts = Some(2);
    a
}

fn udp() -> UdpAction {
    let mut a = UdpAction::new("ping", PayloadType::String, 4445);
    a.request_mode = Some(RequestMode::SendNow);
    a
}

fn window() -> HistoryQuery {
    HistoryQuery::between(
        at("2022-03-07T08:51:29.015Z"),
        at("2022-03-07T09:51:29.015Z"),
    )
    .protocol(OsProtocol::Coap)
}

fn change() -> IntegrationUpdate {
    let mut u = IntegrationUpdate::default();
    u.url = Some("https://example.com/new".into());
    u.headers = Some(WebhookHeaders::new().with("authorization", "Bearer hook-secret-17"));
    u.event_types = Some(vec![EventSubscription::new(OsEventType::Geofence)]);
    u.json_payload_enabled = Some(true);
    u
}

/// A value of `schema` with every property filled in: the schema's (or a
/// property's) example where there is one, else a value of its type (the
/// first enum value, `1`, `"x"`, `true`). `variant` picks the `oneOf`
/// variant (modulo their number).
pub fn generate(doc: &Value, schema: &Value, variant: usize, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if depth > 12 {
        return Value::Null;
    }
    // `anyOf` beside `properties` only constrains them (which are required).
    let composed = schema.get("properties").is_none();
    for key in ["oneOf", "anyOf"].into_iter().filter(|_| composed) {
        if let Some(v) = schema.get(key).and_then(Value::as_array) {
            if !v.is_empty() {
                return generate(doc, &v[variant % v.len()], variant, depth + 1);
            }
        }
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut m = serde_json::Map::new();
        for p in parts {
            if let Value::Object(o) = generate(doc, p, variant, depth + 1) {
                m.extend(o);
            }
        }
        return Value::Object(m);
    }
    if let Some(e) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return e.clone();
    }
    let example = schema.get("example").cloned();
    match schema.get("type").and_then(Value::as_str) {
        Some("object") | None if schema.get("properties").is_some() => {
            let props = schema["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            Value::Object(
                props
                    .iter()
                    .map(|(k, p)| (k.clone(), generate(doc, p, variant, depth + 1)))
                    .collect(),
            )
        }
        Some("array") => {
            let items = schema.get("items").cloned().unwrap_or(json!({}));
            Value::Array(vec![generate(doc, &items, variant, depth + 1)])
        }
        Some("string") => example.filter(Value::is_string).unwrap_or_else(|| {
            match schema.get("format").and_then(Value::as_str) {
                Some("date-time") => json!("2024-05-06T07:08:09Z"),
                Some("date") => json!("2024-05-06"),
                Some("uri") => json!("https://example.com/x"),
                Some("ipv4") => json!("10.0.0.1"),
                _ => json!("x"),
            }
        }),
        Some("integer") | Some("number") => example.filter(Value::is_number).unwrap_or(json!(1)),
        Some("boolean") => example.unwrap_or(json!(true)),
        Some("object") => example.unwrap_or_else(|| json!({"k": "v"})),
        _ => example.unwrap_or(json!("x")),
    }
}

/// How many `oneOf` variants a schema has at its top (1 without).
fn variants(doc: &Value, schema: &Value) -> usize {
    let s = resolve(doc, schema);
    if s.get("properties").is_some() {
        return 1;
    }
    s.get("oneOf")
        .or_else(|| s.get("anyOf"))
        .and_then(Value::as_array)
        .map_or(1, Vec::len)
        .max(1)
}

/// Every error of `value` against `schema` (type, enum, required,
/// unknown properties where `additionalProperties: false`, items,
/// minimum/maximum, `oneOf`: some variant fits).
pub fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(vs) = schema.get(key).and_then(Value::as_array) {
            let fits = vs.iter().any(|v| {
                let mut e = Vec::new();
                validate(doc, v, value, at, &mut e);
                e.is_empty()
            });
            if !fits {
                out.push(format!("{at}: fits no variant of {key}: {value}"));
            }
            if schema.get("properties").is_none() {
                return;
            }
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            out.push(format!("{at}: {value} is not one of {e:?}"));
        }
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let ok = match ty {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !ok {
        out.push(format!(
            "{at}: {value} is not of type {}",
            ty.unwrap_or("?")
        ));
        return;
    }
    if let Some(n) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if n < min {
                out.push(format!("{at}: {n} is below the minimum {min}"));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if n > max {
                out.push(format!("{at}: {n} is above the maximum {max}"));
            }
        }
    }
    if let Value::String(text) = value {
        let n = text.chars().count() as u64;
        if schema
            .get("minLength")
            .and_then(Value::as_u64)
            .is_some_and(|min| n < min)
        {
            out.push(format!("{at}: {value} is shorter than minLength"));
        }
        if schema
            .get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|max| n > max)
        {
            out.push(format!("{at}: {value} is longer than maxLength"));
        }
    }
    if let Value::Array(items) = value {
        if schema
            .get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|min| (items.len() as u64) < min)
        {
            out.push(format!("{at}: fewer items than minItems"));
        }
    }
    if let Value::Object(m) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(r) = r.as_str() {
                if !m.contains_key(r) {
                    out.push(format!("{at}: required property {r} is missing"));
                }
            }
        }
        for (k, v) in m {
            match props.and_then(|p| p.get(k)) {
                Some(p) => validate(doc, p, v, &format!("{at}/{k}"), out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{at}: property {k} is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            validate(doc, s, v, &format!("{at}/{i}"), out);
        }
    }
}

/// The operation object of `op` in the document.
fn operation<'a>(doc: &'a Value, op: &SpecOp) -> &'a Value {
    let item = resolve(doc, &doc["paths"][&op.path]);
    &item[op.method.to_lowercase()]
}

/// Checks a sent request against its operation: every query parameter is
/// declared and fits its schema, required ones are there, and the body
/// fits the request body schema (or is absent when there is none).
pub fn check_request(doc: &Value, op: &SpecOp, req: &wiremock::Request) -> Vec<String> {
    let mut errors = Vec::new();
    let o = operation(doc, op);
    let params: Vec<&Value> = o
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|p| resolve(doc, p))
        .collect();
    let query: Vec<(String, String)> = req
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (k, v) in &query {
        let Some(p) = params
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == k.as_str())
        else {
            errors.push(format!(
                "query parameter {k} is not a parameter of the operation"
            ));
            continue;
        };
        let schema = &p["schema"];
        let value = match schema.get("type").and_then(Value::as_str) {
            Some("integer") | Some("number") => match v.parse::<f64>() {
                Ok(n) if schema["type"] == "integer" && n.fract() == 0.0 => json!(n as i64),
                Ok(n) => json!(n),
                Err(_) => {
                    errors.push(format!("query parameter {k}={v} is not a number"));
                    continue;
                }
            },
            Some("array") => {
                // A single value of an array parameter.
                let mut e = Vec::new();
                validate(
                    doc,
                    &schema["items"],
                    &json!(v),
                    &format!("query {k}"),
                    &mut e,
                );
                errors.extend(e);
                continue;
            }
            _ => json!(v),
        };
        validate(doc, schema, &value, &format!("query {k}"), &mut errors);
    }
    for p in &params {
        if p["in"] == "query"
            && p["required"] == true
            && !query.iter().any(|(k, _)| p["name"] == k.as_str())
        {
            errors.push(format!("required query parameter {} is missing", p["name"]));
        }
    }
    let body = o.get("requestBody").map(|b| resolve(doc, b));
    match (body, req.body.is_empty()) {
        (None, true) => {}
        (None, false) => errors.push("sent a body, the operation takes none".into()),
        (Some(b), true) => {
            if b.get("required") == Some(&Value::Bool(true)) {
                errors.push("sent no body, the operation requires one".into())
            }
        }
        (Some(b), false) => match serde_json::from_slice::<Value>(&req.body) {
            Err(e) => errors.push(format!("the body is not JSON: {e}")),
            Ok(v) => {
                let schema = &b["content"]["application/json"]["schema"];
                validate(doc, schema, &v, "body", &mut errors);
            }
        },
    }
    errors
}

/// The 2xx status and response schema of an operation.
fn success(doc: &Value, op: &SpecOp) -> (u16, Option<Value>) {
    let o = operation(doc, op);
    let responses = o["responses"].as_object().cloned().unwrap_or_default();
    let (code, resp) = responses
        .iter()
        .find(|(c, _)| c.starts_with('2'))
        .expect("every operation has a 2xx answer");
    let resp = resolve(doc, resp);
    let schema = resp
        .get("content")
        .and_then(Value::as_object)
        .and_then(|c| c.values().next())
        .and_then(|m| m.get("schema"))
        .cloned();
    (code.parse().expect("a status"), schema)
}

async fn mock(status: u16, body: Option<&Value>) -> MockServer {
    let server = common::server().await;
    let mut answer = ResponseTemplate::new(status);
    if let Some(b) = body {
        answer = answer.set_body_json(b);
    }
    Mock::given(any())
        .respond_with(answer)
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

fn find<'a>(ops: &'a [SpecOp], row: &Op) -> Option<&'a SpecOp> {
    ops.iter()
        .find(|o| o.method == row.method && o.path == row.path)
}

/// Each of the document's operations has exactly one row, and each row
/// is one of them; the count comes from the document.
#[test]
fn every_operation_has_one_row() {
    let ops = spec::operations(FILE, &spec::load(FILE));
    let rows = ops_rows();
    let mut report = String::new();
    for o in &ops {
        let n = rows
            .iter()
            .filter(|r| r.method == o.method && r.path == o.path)
            .count();
        if n != 1 {
            let _ = writeln!(report, "{} {}: {n} rows", o.method, o.path);
        }
    }
    for r in &rows {
        if find(&ops, r).is_none() {
            let _ = writeln!(
                report,
                "row {} {} is not an operation of {FILE}",
                r.method, r.path
            );
        }
    }
    assert!(report.is_empty(), "\n{report}");
    assert_eq!(rows.len(), ops.len());
    // The SDK's own table names the same operations.
    let table = once_sdk::api::os::OPERATIONS;
    assert_eq!(
        table.len(),
        ops.len(),
        "api::os::OPERATIONS against the document"
    );
    for o in &ops {
        assert!(
            OsOperation::find(&o.method, &o.path).is_some(),
            "{} {} is not in api::os::OPERATIONS",
            o.method,
            o.path
        );
    }
}

fn ops_rows() -> Vec<Op> {
    ops()
}

/// Each row's call sends one request, which routes to the row's
/// operation and fits the document (parameters, body schema); it succeeds
/// against a full answer generated from the response schema.
#[tokio::test]
async fn every_row_sends_a_request_the_document_accepts() {
    let doc = spec::load(FILE);
    let ops = spec::operations(FILE, &doc);
    let mut report = String::new();
    for row in ops_rows() {
        let Some(op) = find(&ops, &row) else { continue };
        let (status, schema) = success(&doc, op);
        let body = schema.as_ref().map(|s| generate(&doc, s, 0, 0));
        let server = mock(status, body.as_ref()).await;
        let result = (row.call)(common::client(&server)).await;
        let sent = common::api_requests(&server).await;
        let what = format!("{} {} (`{}`)", row.method, row.path, row.rust);
        match sent.as_slice() {
            [req] => {
                match spec::route(&ops, req.method.as_str(), req.url.path()) {
                    Some(hit) if hit.method == row.method && hit.path == row.path => {}
                    other => {
                        let _ = writeln!(
                            report,
                            "{what}: sent {} {}, routed to {:?}",
                            req.method,
                            req.url.path(),
                            other.map(|o| &o.path)
                        );
                    }
                }
                for e in check_request(&doc, op, req) {
                    let _ = writeln!(report, "{what}: {e}");
                }
            }
            other => {
                let _ = writeln!(
                    report,
                    "{what}: sent {} requests, expected one ({result:?})",
                    other.len()
                );
            }
        }
        if let Err(e) = result {
            let _ = writeln!(report, "{what}: failed against the generated answer: {e}");
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// Every response example of the document, and a body generated from each
/// response schema (every variant of a `oneOf`), decodes through the row's
/// decoder without losing a documented field; every request example and
/// generated request body round-trips through the SDK's request type.
#[test]
fn examples_and_generated_bodies_decode() {
    let doc = spec::load(FILE);
    let ops = spec::operations(FILE, &doc);
    let mut report = String::new();
    let mut decoded = 0;
    for row in ops_rows() {
        let Some(op) = find(&ops, &row) else { continue };
        let what = format!("{} {}", row.method, row.path);
        let (_, schema) = success(&doc, op);
        let mut bodies: Vec<Value> = op
            .response_examples
            .iter()
            .map(|e| e.value.clone())
            .collect();
        if let Some(s) = &schema {
            bodies.extend((0..variants(&doc, s)).map(|v| generate(&doc, s, v, 0)));
        }
        match (row.decode_response, bodies.is_empty()) {
            (None, false) => {
                let _ = writeln!(
                    report,
                    "{what}: documents a response body but the row has no decoder"
                );
            }
            (Some(d), _) => {
                for b in bodies {
                    decoded += 1;
                    if let Err(e) = d(b.clone()) {
                        let _ = writeln!(report, "{what}: {e}\n    body: {b}");
                    }
                }
            }
            (None, true) => {}
        }
        let o = operation(&doc, op);
        if let Some(rb) = o.get("requestBody") {
            let s = &resolve(&doc, rb)["content"]["application/json"]["schema"];
            let mut bodies: Vec<Value> = op
                .request_examples
                .iter()
                .map(|e| e.value.clone())
                .collect();
            bodies.extend((0..variants(&doc, s)).map(|v| generate(&doc, s, v, 0)));
            let Some(round) = row.roundtrip_request else {
                let _ = writeln!(
                    report,
                    "{what}: takes a body but the row has no roundtrip_request"
                );
                continue;
            };
            for b in bodies {
                match round(b.clone()) {
                    Ok(back) if spec::json_eq(&back, &b) => {}
                    // The document's mistake: an array property's example
                    // is one value (`protocolFilter: COAP`); the SDK
                    // sends the list the schema asks for.
                    Ok(back) if spec::json_eq(&back, &wrap_scalars(&b, &back)) => {}
                    Ok(back) => {
                        let _ = writeln!(report, "{what}: request body changes in a round trip\n    body: {b}\n    back: {back}");
                    }
                    Err(e) => {
                        let _ = writeln!(
                            report,
                            "{what}: request body does not decode: {e}\n    body: {b}"
                        );
                    }
                }
            }
        }
    }
    assert!(report.is_empty(), "\n{report}");
    assert!(decoded >= 60, "only {decoded} bodies decoded");
}

/// The checks above must be able to fail: the validator refuses what the
/// document forbids, and the generator fills every property.
#[test]
fn the_request_validator_refuses_what_the_document_forbids() {
    let doc = spec::load(FILE);
    let udp = json!({"$ref": "#/components/schemas/postschema_3"});
    let mut e = Vec::new();
    validate(
        &doc,
        &udp,
        &json!({"payload": "x", "payloadType": "STRING", "port": 1}),
        "b",
        &mut e,
    );
    assert!(e.is_empty(), "{e:?}");
    for bad in [
        json!({"payload": "x", "payloadType": "STRING"}),
        json!({"payload": "x", "payloadType": "TEXT", "port": 1}),
        json!({"payload": "x", "payloadType": "STRING", "port": "1"}),
        json!({"payload": "x", "payloadType": "STRING", "port": 1, "extra": 1}),
    ] {
        let mut e = Vec::new();
        validate(&doc, &udp, &bad, "b", &mut e);
        assert!(!e.is_empty(), "{bad} passed");
    }
    let generated = generate(&doc, &udp, 0, 0);
    assert_eq!(
        generated.as_object().map(|m| m.len()),
        Some(4),
        "{generated}"
    );
}

/// `example` with each scalar that `encoded` has as a one-item list
/// turned into that list (the document writes array examples as scalars).
fn wrap_scalars(example: &Value, encoded: &Value) -> Value {
    match (example, encoded) {
        (Value::Object(ex), Value::Object(enc)) => Value::Object(
            ex.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        enc.get(k).map_or(v.clone(), |e| wrap_scalars(v, e)),
                    )
                })
                .collect(),
        ),
        (v, Value::Array(items)) if !v.is_array() && items.len() == 1 => {
            Value::Array(vec![v.clone()])
        }
        (v, _) => v.clone(),
    }
}
