//! Cloud integrations: AWS (rolled out over a stage, as 1NCE deploys a
//! CloudFormation stack) and webhooks, which really post to their URL with
//! their custom headers.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::state::{Integration, OsWorld, Outgoing};
use super::{bad, error, not_found, whole, Answer, Req};
use crate::routes::Reply;
use crate::server::Shared;

/// The event types integrations can subscribe to.
const EVENT_TYPES: [&str; 5] = [
    "TELEMETRY_DATA",
    "LIFECYCLE",
    "ERROR",
    "GEOFENCE",
    "LOCATION",
];

/// A webhook test to post once no lock is held.
pub(crate) struct PendingTest {
    post: Outgoing,
}

/// The integration's state at `now`.
fn state(i: &Integration, now: DateTime<Utc>, stage: chrono::Duration) -> &'static str {
    match (i.webhook, i.failed) {
        (true, false) => "INTEGRATION_ACTIVE",
        (_, true) => "INTEGRATION_FAILED",
        (false, false) if now >= i.created + stage => "INTEGRATION_ACTIVE",
        (false, false) => "ROLLOUT_STARTED",
    }
}

fn event_types(i: &Integration) -> Value {
    Value::Array(
        i.event_types
            .iter()
            .map(|(t, v)| json!({"type": t, "version": v}))
            .collect(),
    )
}

/// The integration as `GET /clouds/{id}` shows it (`full`) or as the list
/// does.
fn integration_json(
    i: &Integration,
    now: DateTime<Utc>,
    stage: chrono::Duration,
    full: bool,
) -> Value {
    let mut v = json!({
        "id": i.id,
        "name": i.name,
        "eventTypes": event_types(i),
        "state": state(i, now, stage),
        "type": if i.webhook { "WEBHOOK" } else { "AWS" },
        "createdTime": super::ts(i.created),
        "updatedTime": super::ts(i.updated),
        "jsonPayloadEnabled": i.json_payload,
    });
    if let Some(t) = i.last_delivery {
        v["lastSuccessfulMessageDelivery"] = json!(super::ts(t));
    }
    if full {
        if i.webhook {
            v["url"] = json!(i.url);
            v["headers"] = json!(i.headers);
        } else {
            v["jwt"] = json!(i.jwt);
            v["awsAccountId"] = json!("123456789012");
            v["region"] = json!("eu-central-1");
        }
    }
    v
}

fn parse_event_types(v: Option<&Value>) -> Result<Option<Vec<(String, String)>>, Reply> {
    let Some(v) = v else { return Ok(None) };
    let list = v
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| bad("eventTypes must be a non-empty array"))?;
    let mut out: Vec<(String, String)> = Vec::new();
    for e in list {
        let t = e
            .get("type")
            .and_then(Value::as_str)
            .filter(|t| EVENT_TYPES.contains(t))
            .ok_or_else(|| {
                bad(format!(
                    "eventTypes[].type must be one of {}",
                    EVENT_TYPES.join(", ")
                ))
            })?;
        let version = match e.get("version") {
            None => "1.0.0".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad("eventTypes[].version must be a string")),
        };
        if !out.iter().any(|(o, _)| o == t) {
            out.push((t.to_string(), version));
        }
    }
    Ok(Some(out))
}

fn parse_url(v: Option<&Value>) -> Result<Option<String>, Reply> {
    match v {
        None => Ok(None),
        Some(Value::String(u))
            if reqwest::Url::parse(u)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some()) =>
        {
            Ok(Some(u.clone()))
        }
        Some(_) => Err(bad("url must be an http or https URI")),
    }
}

fn parse_headers(v: Option<&Value>) -> Result<Option<BTreeMap<String, String>>, Reply> {
    let Some(v) = v else { return Ok(None) };
    let m = v
        .as_object()
        .ok_or_else(|| bad("headers must be an object of strings"))?;
    let mut out = BTreeMap::new();
    for (k, v) in m {
        let v = v
            .as_str()
            .ok_or_else(|| bad(format!("headers.{k} must be a string")))?;
        if reqwest::header::HeaderName::from_bytes(k.as_bytes()).is_err()
            || reqwest::header::HeaderValue::from_str(v).is_err()
        {
            return Err(bad(format!("headers.{k} is not a valid HTTP header")));
        }
        out.insert(k.clone(), v.to_string());
    }
    Ok(Some(out))
}

fn parse_name(body: &Map<String, Value>) -> Result<String, Reply> {
    body.get("name")
        .and_then(Value::as_str)
        .filter(|n| (1..=128).contains(&n.chars().count()))
        .map(str::to_string)
        .ok_or_else(|| bad("name is required, 1 to 128 characters"))
}

fn json_payload(body: &Map<String, Value>) -> Result<Option<bool>, Reply> {
    match body.get("jsonPayloadEnabled") {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(bad("jsonPayloadEnabled must be true or false")),
    }
}

fn find(os: &OsWorld, id: &str, webhook: Option<bool>) -> Result<usize, Reply> {
    os.integrations
        .iter()
        .position(|i| i.id == id && webhook.is_none_or(|w| i.webhook == w))
        .ok_or_else(|| not_found("Integration", id))
}

fn create(os: &mut OsWorld, req: &Req<'_>, webhook: bool) -> Answer {
    let allowed: &[&str] = if webhook {
        &["name", "url", "headers", "eventTypes", "jsonPayloadEnabled"]
    } else {
        &["name", "eventTypes", "jsonPayloadEnabled"]
    };
    let body = req.object(allowed)?;
    let name = parse_name(&body)?;
    let events =
        parse_event_types(body.get("eventTypes"))?.ok_or_else(|| bad("eventTypes is required"))?;
    let (url, headers) = if webhook {
        (
            parse_url(body.get("url"))?.ok_or_else(|| bad("url is required"))?,
            parse_headers(body.get("headers"))?.ok_or_else(|| bad("headers is required"))?,
        )
    } else {
        (String::new(), BTreeMap::new())
    };
    if os.integrations.iter().any(|i| i.name == name) {
        return Err(error(
            409,
            "Conflict",
            format!("An integration named {name} exists"),
        ));
    }
    let id = os.new_id();
    let jwt = if webhook {
        String::new()
    } else {
        format!("eyJhbGciOiJIUzI1NiJ9.{}.sandbox", os.new_id())
    };
    let i = Integration {
        id,
        name,
        webhook,
        url,
        headers,
        event_types: events,
        json_payload: json_payload(&body)?.unwrap_or(true),
        jwt,
        created: req.now,
        updated: req.now,
        failed: false,
        last_delivery: None,
    };
    let mut v = integration_json(&i, req.now, os.stage, true);
    if let Some(m) = v.as_object_mut() {
        for k in ["awsAccountId", "region"] {
            m.remove(k);
        }
    }
    os.integrations.push(i);
    Ok(Reply::json(201, v))
}

fn update(os: &mut OsWorld, req: &Req<'_>, webhook_only: bool) -> Answer {
    let idx = find(os, req.path(0), webhook_only.then_some(true))?;
    let body = req.object(&["url", "headers", "eventTypes", "jsonPayloadEnabled"])?;
    let url = parse_url(body.get("url"))?;
    let headers = parse_headers(body.get("headers"))?;
    let events = parse_event_types(body.get("eventTypes"))?;
    let json = json_payload(&body)?;
    let i = &mut os.integrations[idx];
    if (url.is_some() || headers.is_some()) && !i.webhook {
        return Err(error(
            409,
            "Conflict",
            "url and headers belong to webhook integrations",
        ));
    }
    if let Some(u) = url {
        i.url = u;
    }
    if let Some(h) = headers {
        i.headers = h;
    }
    if let Some(e) = events {
        i.event_types = e;
    }
    if let Some(j) = json {
        i.json_payload = j;
    }
    i.updated = req.now;
    let mut v = integration_json(&os.integrations[idx], req.now, os.stage, true);
    if let Some(m) = v.as_object_mut() {
        m.remove("lastSuccessfulMessageDelivery");
    }
    Ok(Reply::json(200, v))
}

fn summary(i: &Integration, now: DateTime<Utc>, stage: chrono::Duration) -> Value {
    let mut v = integration_json(i, now, stage, false);
    if let Some(m) = v.as_object_mut() {
        m.remove("jsonPayloadEnabled");
    }
    v
}

pub(crate) fn clouds(os: &mut OsWorld, req: &Req<'_>, tests: &mut Vec<PendingTest>) -> Answer {
    let now = req.now;
    let stage = os.stage;
    match (req.method, req.template) {
        ("GET", "/v1/integrate/clouds/aws/parameters") => Ok(Reply::json(
            200,
            json!({"awsIntegration": [
                {"version": "1.2.0", "url": "https://s3.eu-central-1.amazonaws.com/1nce-os-cloudformation/integration-1.2.0.yml"},
                {"version": "1.1.0", "url": "https://s3.eu-central-1.amazonaws.com/1nce-os-cloudformation/integration-1.1.0.yml"},
            ]}),
        )),
        ("GET", "/v1/integrate/clouds/eventTypes") => Ok(Reply::json(
            200,
            json!({"eventTypes": [
                {"name": "TELEMETRY_DATA", "description": "A message a device sent", "version": "1.0.0", "payload": {"deviceId": "8988280666000000000", "protocol": "UDP", "payload": "AQI="}},
                {"name": "LIFECYCLE", "description": "A device was created, changed or deleted", "version": "1.0.0", "payload": {"deviceId": "8988280666000000000", "event": "CREATED"}},
                {"name": "ERROR", "description": "A message could not be processed", "version": "1.0.0", "payload": {"deviceId": "8988280666000000000", "error": "Translation failed"}},
                {"name": "GEOFENCE", "description": "A device entered or left a geofence", "version": "1.0.0", "payload": {"deviceId": "8988280666000000000", "geofenceId": "<geofence_id>", "eventType": "ENTER"}},
                {"name": "TEST_MESSAGE", "description": "Sent by the integration test", "version": "1.0.0", "payload": {"message": "Test message from 1NCE OS"}},
                {"name": "LOCATION", "description": "A new position of a device", "version": "1.0.0", "payload": {"deviceId": "8988280666000000000", "coordinate": [13.37, 52.51], "source": "GPS"}},
            ]}),
        )),
        ("GET", "/v1/integrate/clouds") => {
            let items = os
                .integrations
                .iter()
                .map(|i| integration_json(i, now, stage, false))
                .collect();
            whole(items)
        }
        ("GET", _) => {
            let i = find(os, req.path(0), None)?;
            Ok(Reply::json(
                200,
                integration_json(&os.integrations[i], now, stage, true),
            ))
        }
        ("DELETE", _) => {
            let i = find(os, req.path(0), None)?;
            os.integrations.remove(i);
            Ok(Reply::empty(204))
        }
        ("POST", "/v1/integrate/clouds/aws") => create(os, req, false),
        ("POST", "/v1/integrate/clouds/webhooks") => create(os, req, true),
        ("PATCH", "/v1/integrate/clouds/{integrationId}") => update(os, req, false),
        ("PATCH", _) => update(os, req, true),
        ("POST", t) => {
            let webhook = t.contains("/webhooks/");
            let idx = find(os, req.path(0), Some(webhook))?;
            if t.ends_with("/restart") {
                let i = &mut os.integrations[idx];
                if i.failed && !i.webhook {
                    // A failed stack is rolled out again.
                    i.created = now;
                }
                i.failed = false;
                i.updated = now;
                let integration = summary(&os.integrations[idx], now, stage);
                return Ok(Reply::json(
                    200,
                    json!({"integration": integration, "restartStatus": "SUCCESS", "message": "Integration restarted"}),
                ));
            }
            let i = &os.integrations[idx];
            if state(i, now, stage) != "INTEGRATION_ACTIVE" {
                return Err(error(
                    409,
                    "Conflict",
                    format!("Integration {} is not active", i.id),
                ));
            }
            if !i.webhook {
                return Ok(Reply::json(
                    200,
                    json!({"testStatus": "SUCCESS", "message": "Test message delivered"}),
                ));
            }
            let post = Outgoing {
                integration_id: i.id.clone(),
                event_type: "TEST_MESSAGE".to_string(),
                url: i.url.clone(),
                headers: i.headers.clone(),
                body: json!({"id": os.new_id(), "type": "TEST_MESSAGE", "version": "1.0.0", "timestamp": super::ts(now),
                    "payload": {"message": "Test message from 1NCE OS"}}),
            };
            tests.push(PendingTest { post });
            Ok(Reply::json(200, json!({})))
        }
        _ => Err(error(
            500,
            "InternalServerError",
            "not an integration operation",
        )),
    }
}

/// Posts a webhook test and answers with its outcome.
pub(crate) async fn finish_test(shared: &Shared, test: PendingTest) -> Reply {
    let done = super::api::deliver(shared, vec![test.post]).await;
    let status = done.first().and_then(|d| d.status);
    let (result, message) = match status {
        Some(s) if (200..300).contains(&s) => ("SUCCESS", format!("The webhook answered {s}")),
        Some(s) => ("FAILURE", format!("The webhook answered {s}")),
        None => ("FAILURE", "The webhook could not be reached".to_string()),
    };
    Reply::json(200, json!({"testStatus": result, "message": message}))
}
