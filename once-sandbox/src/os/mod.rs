//! 1NCE OS (`1nce-os.yml`, v1.3): its 72 operations on the sandbox's
//! server, with the Management API's token, 1NCE OS's error bodies
//! (`{"statusCode", "statusText", "errors"}`) and its pages in the body
//! (`items`, `page`, `pageAmount`).
//!
//! One file per area of the document: `integrator` (endpoints, device
//! actions, pre-shared keys), `inspector` (devices, telemetry, history),
//! `locator` (positions, geofences), `optimizer` (energy-saver templates),
//! `clouds` (AWS and webhook integrations, which really post), `platform`
//! (plugins, settings, agreements, administration logs); `state` holds what
//! they share and `pace` the rate limits. Device ids are the SIMs' ICCIDs:
//! every SIM of the fleet is a device.

pub(crate) mod api;
mod clouds;
mod inspector;
mod integrator;
mod locator;
mod optimizer;
pub(crate) mod pace;
mod platform;
mod state;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::routes::{Op, Reply, Route};
use crate::server::{lock, Shared};
use crate::state::World;

pub use api::{GeofenceCrossing, GeofenceEvent, OsProtocol, PositionSource, WebhookDelivery};
pub(crate) use platform::URI_TEXT;
pub(crate) use state::OsWorld;

/// Every operation of the document: (method, path template).
pub(crate) const OPERATIONS: [(&str, &str); 72] = [
    ("GET", "/v1/integrate/devices/endpoints"),
    ("GET", "/v1/integrate/devices/endpoints/{protocol}"),
    ("PATCH", "/v1/integrate/devices/endpoints/{protocol}"),
    ("GET", "/v1/integrate/devices/actions/requests"),
    ("GET", "/v1/integrate/devices/actions/requests/active"),
    ("GET", "/v1/integrate/devices/actions/requests/archived"),
    (
        "DELETE",
        "/v1/integrate/devices/{deviceId}/actions/requests",
    ),
    (
        "DELETE",
        "/v1/integrate/devices/actions/requests/{requestId}",
    ),
    ("GET", "/v1/integrate/devices/actions/requests/{requestId}"),
    ("POST", "/v1/integrate/devices/{deviceId}/presharedkey"),
    ("GET", "/v1/integrate/devices/presharedkey/jobs"),
    ("POST", "/v1/integrate/devices/presharedkey/jobs"),
    ("POST", "/v1/integrate/devices/{deviceId}/psk"),
    ("GET", "/v1/integrate/devices/{deviceId}/psk/{protocol}"),
    ("GET", "/v1/integrate/devices/psk/jobs"),
    ("POST", "/v1/integrate/devices/psk/jobs"),
    ("POST", "/v1/integrate/devices/{deviceId}/actions/LWM2M"),
    ("POST", "/v1/integrate/devices/actions/LWM2M"),
    ("POST", "/v1/integrate/devices/{deviceId}/actions/COAP"),
    ("POST", "/v1/integrate/devices/actions/COAP"),
    ("POST", "/v1/integrate/devices/{deviceId}/actions/UDP"),
    ("POST", "/v1/integrate/devices/actions/UDP"),
    ("POST", "/v1/optimize/messages/test"),
    ("GET", "/v1/optimize/savings"),
    ("POST", "/v1/agreements/1nceos"),
    ("GET", "/v1/integrate/clouds/aws/parameters"),
    ("POST", "/v1/integrate/clouds/aws/{integrationId}/restart"),
    ("POST", "/v1/integrate/clouds/aws/{integrationId}/test"),
    ("GET", "/v1/administrationLogs"),
    ("GET", "/v1/administrationLogs/stats"),
    ("GET", "/v1/administrationLogs/{adminLogId}/payload"),
    ("GET", "/v1/optimize/templates"),
    ("POST", "/v1/optimize/templates"),
    ("DELETE", "/v1/optimize/templates/{templateId}"),
    ("PATCH", "/v1/optimize/templates/{templateId}"),
    ("GET", "/v1/inspect/devices"),
    ("GET", "/v1/inspect/devices/{deviceId}"),
    ("POST", "/v1/devices/{deviceId}/actions"),
    ("GET", "/v1/inspect/devices/{deviceId}/telemetry"),
    ("GET", "/v1/inspect/devices/{deviceId}/history"),
    ("GET", "/v1/inspect/devices/history"),
    ("GET", "/v1/inspect/devices/{deviceId}/history/insights"),
    ("GET", "/v1/inspect/devices/history/insights"),
    ("GET", "/v1/locate/devices/{deviceId}/positions"),
    ("GET", "/v1/locate/positions/latest"),
    ("GET", "/v1/locate/devices/{deviceId}/activity"),
    ("GET", "/v1/devices/stats"),
    ("GET", "/v1/locate/geofences"),
    ("POST", "/v1/locate/geofences"),
    ("DELETE", "/v1/locate/geofences/{geofenceId}"),
    ("GET", "/v1/locate/geofences/{geofenceId}"),
    ("PATCH", "/v1/locate/geofences/{geofenceId}"),
    ("PATCH", "/v1/settings/1nceos/{name}"),
    ("GET", "/v1/settings/1nceos"),
    ("POST", "/v1/integrate/clouds/aws"),
    ("DELETE", "/v1/integrate/clouds/{integrationId}"),
    ("GET", "/v1/integrate/clouds/{integrationId}"),
    ("PATCH", "/v1/integrate/clouds/{integrationId}"),
    ("GET", "/v1/integrate/clouds"),
    ("GET", "/v1/integrate/clouds/eventTypes"),
    ("POST", "/v1/integrate/clouds/webhooks"),
    ("PATCH", "/v1/integrate/clouds/webhooks/{integrationId}"),
    (
        "POST",
        "/v1/integrate/clouds/webhooks/{integrationId}/restart",
    ),
    ("POST", "/v1/integrate/clouds/webhooks/{integrationId}/test"),
    ("POST", "/v1/partners/DATACAKE/plugins"),
    ("POST", "/v1/partners/MENDER/plugins"),
    ("POST", "/v1/partners/TARTABIT/plugins"),
    ("POST", "/v1/partners/MEMFAULT/plugins"),
    ("DELETE", "/v1/partners/plugins/{pluginId}"),
    ("GET", "/v1/partners/plugins/{pluginId}"),
    ("POST", "/v1/partners/plugins/{pluginId}/restart"),
    ("GET", "/v1/partners/plugins"),
];

/// The 1NCE OS operation a request is, if any: the template that matches
/// with the most literal segments wins (`.../requests/active` over
/// `.../requests/{requestId}`).
pub(crate) fn resolve(method: &str, path: &str) -> Option<Route> {
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut best: Option<(usize, &'static str, Vec<String>)> = None;
    for (m, template) in OPERATIONS {
        if m != method {
            continue;
        }
        let parts: Vec<&str> = template.trim_matches('/').split('/').collect();
        if parts.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literal = 0;
        let fits = parts.iter().zip(&segs).all(|(p, s)| {
            if p.starts_with('{') {
                params.push((*s).to_string());
                !s.is_empty()
            } else {
                literal += 1;
                p == s
            }
        });
        if fits && best.as_ref().is_none_or(|(l, _, _)| literal > *l) {
            best = Some((literal, template, params));
        }
    }
    best.map(|(_, template, params)| Route {
        op: Op::Os,
        template,
        params,
    })
}

/// The reason phrase 1NCE OS puts in `statusText`.
fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Server Error",
    }
}

/// An error body in 1NCE OS's shape: `{"statusCode", "statusText",
/// "errors": [{"code", "message"}]}`.
pub(crate) fn error(status: u16, code: &str, message: impl Into<String>) -> Reply {
    Reply::json(
        status,
        json!({
            "statusCode": status,
            "statusText": status_text(status),
            "errors": [{"code": code, "message": message.into()}],
        }),
    )
}

/// One 1NCE OS request, decoded.
pub(crate) struct Req<'a> {
    pub method: &'a str,
    pub template: &'static str,
    pub params: &'a [String],
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub now: DateTime<Utc>,
}

/// What a handler answers: `Err` is an error reply.
pub(crate) type Answer = Result<Reply, Reply>;

/// 400 with 1NCE OS's body.
pub(crate) fn bad(message: impl Into<String>) -> Reply {
    error(400, "BadRequest", message)
}

/// 404 with 1NCE OS's body.
pub(crate) fn not_found(what: &str, id: &str) -> Reply {
    error(404, "NotFound", format!("{what} {id} not found"))
}

impl Req<'_> {
    /// The `i`-th path parameter.
    pub(crate) fn path(&self, i: usize) -> &str {
        self.params.get(i).map_or("", String::as_str)
    }

    /// A query parameter (empty values count as absent).
    pub(crate) fn q(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A query parameter that must be one of `allowed`.
    pub(crate) fn q_enum(&self, name: &str, allowed: &[&str]) -> Result<Option<&str>, Reply> {
        match self.q(name) {
            Some(v) if !allowed.contains(&v) => Err(bad(format!(
                "{name} must be one of {}, got {v:?}",
                allowed.join(", ")
            ))),
            v => Ok(v),
        }
    }

    /// A numeric query parameter within `min..=max`.
    pub(crate) fn q_num(&self, name: &str, min: f64, max: f64) -> Result<Option<f64>, Reply> {
        match self.q(name) {
            None => Ok(None),
            Some(v) => match v.trim().parse::<f64>() {
                Ok(n) if n.is_finite() && (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(bad(format!(
                    "{name} must be a number from {min} to {max}, got {v:?}"
                ))),
            },
        }
    }

    /// An integer query parameter within `min..=max`, `default` if absent.
    pub(crate) fn q_int(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, Reply> {
        match self.q(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(bad(format!(
                    "{name} must be an integer from {min} to {max}, got {v:?}"
                ))),
            },
        }
    }

    /// A date-time query parameter.
    pub(crate) fn q_time(&self, name: &str) -> Result<Option<DateTime<Utc>>, Reply> {
        match self.q(name) {
            None => Ok(None),
            Some(v) => DateTime::parse_from_rfc3339(v.trim())
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(|_| bad(format!("{name} must be an ISO 8601 date-time, got {v:?}"))),
        }
    }

    /// The body as JSON.
    pub(crate) fn json(&self) -> Result<Value, Reply> {
        serde_json::from_slice(self.body)
            .map_err(|e| bad(format!("Request body is not valid JSON: {e}")))
    }

    /// The body as a JSON object, refusing properties outside `allowed`
    /// (the document's `additionalProperties: false`).
    pub(crate) fn object(&self, allowed: &[&str]) -> Result<serde_json::Map<String, Value>, Reply> {
        match self.json()? {
            Value::Object(m) => {
                if let Some(k) = m.keys().find(|k| !allowed.contains(&k.as_str())) {
                    return Err(bad(format!("{k} is not allowed")));
                }
                Ok(m)
            }
            _ => Err(bad("Request body must be a JSON object")),
        }
    }
}

/// One page of `items` in 1NCE OS's body shape: `{"items", "page",
/// "pageAmount"}` (`pageAmount` at least 1), `page` from 1 to 50.
pub(crate) fn page(
    req: &Req<'_>,
    items: Vec<Value>,
    default_size: usize,
    max_size: usize,
) -> Answer {
    let page = req.q_int("page", 1, 1, 50)?;
    let size = req.q_int("pageSize", default_size, 1, max_size)?;
    Ok(Reply::json(200, paged(items, page, size, "items")))
}

/// A list 1NCE's document gives no paging parameters (integrations,
/// plugins): every item on page 1 of 1, in the same body shape.
pub(crate) fn whole(items: Vec<Value>) -> Answer {
    Ok(Reply::json(
        200,
        json!({"items": items, "page": 1, "pageAmount": 1}),
    ))
}

/// `items` cut to one page, under `key`.
pub(crate) fn paged(items: Vec<Value>, page: usize, size: usize, key: &str) -> Value {
    let amount = items.len().div_ceil(size).max(1);
    let chunk: Vec<Value> = items
        .into_iter()
        .skip((page - 1) * size)
        .take(size)
        .collect();
    json!({key: chunk, "page": page, "pageAmount": amount})
}

/// 1NCE OS's timestamps: RFC 3339 with milliseconds and `Z`.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Answers one 1NCE OS request (authorised, not rate limited). A webhook
/// test posts once no lock is held.
pub(crate) async fn respond(
    shared: &Shared,
    method: &str,
    route: &Route,
    query: &[(String, String)],
    body: &[u8],
) -> Reply {
    let mut tests = Vec::new();
    let reply = {
        let world = lock(&shared.world);
        let mut os = lock(&shared.os);
        let now = os.now();
        os.advance(&world, now);
        let req = Req {
            method,
            template: route.template,
            params: &route.params,
            query,
            body,
            now,
        };
        match dispatch(&mut os, &world, &req, &mut tests) {
            Ok(r) | Err(r) => r,
        }
    };
    match tests.pop() {
        Some(test) => clouds::finish_test(shared, test).await,
        None => reply,
    }
}

fn dispatch(
    os: &mut OsWorld,
    world: &World,
    req: &Req<'_>,
    tests: &mut Vec<clouds::PendingTest>,
) -> Answer {
    let t = req.template;
    if t.starts_with("/v1/integrate/devices/endpoints") {
        integrator::endpoints(os, req)
    } else if t.contains("/actions/requests") {
        integrator::requests(os, req)
    } else if t.contains("/presharedkey") || t.contains("/psk") {
        integrator::psk(os, world, req)
    } else if t.contains("/actions") {
        integrator::action(os, world, req)
    } else if t == "/v1/optimize/messages/test" {
        optimizer::test(req)
    } else if t == "/v1/optimize/savings" {
        optimizer::savings(os, req)
    } else if t.starts_with("/v1/optimize/templates") {
        optimizer::templates(os, req)
    } else if t.starts_with("/v1/integrate/clouds") {
        clouds::clouds(os, req, tests)
    } else if t.starts_with("/v1/administrationLogs") {
        platform::logs(os, world, req)
    } else if t.starts_with("/v1/agreements") {
        platform::agreement(os, req)
    } else if t.starts_with("/v1/settings") {
        platform::settings(os, req)
    } else if t.starts_with("/v1/partners") {
        platform::plugins(os, req)
    } else if t.ends_with("/telemetry") {
        inspector::telemetry(os, world, req)
    } else if t.ends_with("/insights") {
        inspector::insights(os, world, req)
    } else if t.contains("/history") {
        inspector::history(os, world, req)
    } else if t.starts_with("/v1/inspect/devices") || t == "/v1/devices/stats" {
        inspector::devices(os, world, req)
    } else if t.ends_with("/activity") {
        locator::activity(os, world, req)
    } else if t.starts_with("/v1/locate/geofences") {
        locator::geofences(os, world, req)
    } else {
        locator::positions(os, world, req)
    }
}
