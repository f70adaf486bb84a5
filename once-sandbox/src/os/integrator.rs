//! IoT Integrator: protocol endpoints, device actions and their requests,
//! pre-shared keys and key jobs.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::api::OsProtocol;
use super::state::{ActionRequest, OsWorld, Psk, PskJob};
use super::{bad, error, not_found, page, Answer, Req};
use crate::routes::Reply;
use crate::state::World;

/// At most this many unfinished actions per device (more: 409).
pub(crate) const MAX_ACTIVE_PER_DEVICE: usize = 10;

fn endpoint_json(os: &OsWorld, i: usize, settings: bool) -> Value {
    let e = &os.endpoints[i];
    let mut v = json!({
        "protocol": e.protocol,
        "active": e.active,
        "domain": e.domain,
        "ipAddresses": ["10.60.2.239"],
        "port": e.port,
    });
    if let Some(p) = e.secure_port {
        v["securePort"] = json!(p);
    }
    if settings {
        v["settings"] = json!(e.passive_reporting.map_or_else(Vec::new, |on| vec![json!({
            "name": "LWM2M_PASSIVE_REPORTING",
            "state": if on { "ENABLED" } else { "DISABLED" },
            "description": "Devices report observed resources without being asked",
        })]));
    }
    v
}

fn endpoint_index(os: &OsWorld, req: &Req<'_>) -> Result<usize, Reply> {
    let p = req.path(0);
    os.endpoints
        .iter()
        .position(|e| e.protocol.eq_ignore_ascii_case(p))
        .ok_or_else(|| not_found("Endpoint", p))
}

pub(crate) fn endpoints(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    match (req.method, req.template) {
        ("GET", "/v1/integrate/devices/endpoints") => {
            let items = (0..os.endpoints.len())
                .map(|i| endpoint_json(os, i, false))
                .collect();
            page(req, items, 10, 100)
        }
        ("GET", _) => {
            let i = endpoint_index(os, req)?;
            Ok(Reply::json(200, endpoint_json(os, i, true)))
        }
        _ => {
            let i = endpoint_index(os, req)?;
            let body = req.object(&["active", "settings"])?;
            let active = match body.get("active") {
                None => None,
                Some(Value::Bool(b)) => Some(*b),
                Some(_) => return Err(bad("active must be true or false")),
            };
            let Some(Value::Array(settings)) = body.get("settings") else {
                return Err(bad("settings is required (an array)"));
            };
            let mut passive = os.endpoints[i].passive_reporting;
            for s in settings {
                match (s.get("name").and_then(Value::as_str), s.get("state").and_then(Value::as_str)) {
                    (Some("LWM2M_PASSIVE_REPORTING"), Some(state @ ("ENABLED" | "DISABLED"))) => {
                        if passive.is_none() {
                            return Err(bad(format!("LWM2M_PASSIVE_REPORTING is not a setting of {}", os.endpoints[i].protocol)));
                        }
                        passive = Some(state == "ENABLED");
                    }
                    _ => return Err(bad("each setting needs name LWM2M_PASSIVE_REPORTING and state ENABLED or DISABLED")),
                }
            }
            let e = &mut os.endpoints[i];
            e.passive_reporting = passive;
            if let Some(a) = active {
                e.active = a;
            }
            Ok(Reply::json(200, endpoint_json(os, i, true)))
        }
    }
}

fn request_json(r: &ActionRequest, now: DateTime<Utc>, stage: chrono::Duration) -> Value {
    let (status, updated) = r.status(now, stage);
    let attempts_left = match status {
        "SCHEDULED" => r.send_attempts,
        "IN_PROGRESS" => r.send_attempts.saturating_sub(1),
        _ => 0,
    };
    let mut v = json!({
        "id": r.id,
        "status": status,
        "deviceId": r.device_id,
        "ip": r.ip,
        "protocol": r.protocol.as_str(),
        "created": super::ts(r.created),
        "updated": super::ts(updated),
        "mode": if r.send_when_active { "SEND_WHEN_ACTIVE" } else { "SEND_NOW" },
        "requestData": r.request_data,
        "sendAttempts": r.send_attempts,
        "sendAttemptsLeft": attempts_left,
    });
    match status {
        "SUCCEEDED" => {
            v["resultData"] = json!({"code": "2.05", "message": "Delivered to the device"})
        }
        "FAILED" => v["resultData"] = json!({"error": "Device not reachable"}),
        _ => {}
    }
    v
}

pub(crate) fn requests(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    let now = req.now;
    let stage = os.stage;
    match (req.method, req.template) {
        ("GET", "/v1/integrate/devices/actions/requests/{requestId}") => {
            let id = req.path(0);
            let r = os
                .requests
                .iter()
                .find(|r| r.id == id)
                .ok_or_else(|| not_found("Request", id))?;
            Ok(Reply::json(200, request_json(r, now, stage)))
        }
        ("DELETE", "/v1/integrate/devices/actions/requests/{requestId}") => {
            let id = req.path(0);
            let r = os
                .requests
                .iter_mut()
                .find(|r| r.id == id)
                .ok_or_else(|| not_found("Request", id))?;
            if !r.active() {
                return Err(not_found("Active request", id));
            }
            r.done = Some(("CANCELLED", now));
            Ok(Reply::json(200, json!({"id": id, "status": "CANCELLED"})))
        }
        ("DELETE", _) => {
            let device = req.path(0);
            let mut cancelled = Vec::new();
            for r in os
                .requests
                .iter_mut()
                .filter(|r| r.device_id == device && r.active())
            {
                r.done = Some(("CANCELLED", now));
                cancelled.push(json!({"id": r.id, "status": "CANCELLED"}));
            }
            if cancelled.is_empty() {
                return Err(not_found("Active requests of device", device));
            }
            Ok(Reply::json(200, Value::Array(cancelled)))
        }
        (_, template) => {
            let (allowed, which): (&[&str], fn(&str) -> bool) = if template.ends_with("/active") {
                (&["SCHEDULED", "IN_PROGRESS"], |s| {
                    matches!(s, "SCHEDULED" | "IN_PROGRESS")
                })
            } else if template.ends_with("/archived") {
                (&["FAILED", "SUCCEEDED", "CANCELLED"], |s| {
                    matches!(s, "FAILED" | "SUCCEEDED" | "CANCELLED")
                })
            } else {
                (
                    &[
                        "SCHEDULED",
                        "IN_PROGRESS",
                        "FAILED",
                        "SUCCEEDED",
                        "CANCELLED",
                    ],
                    |_| true,
                )
            };
            let status = req.q_enum("status", allowed)?;
            let sort = req.q_enum("sort", &["created", "-created", "updated", "-updated"])?;
            let protocol = req.q_enum("protocol", &["UDP", "COAP", "LWM2M"])?;
            let device = req.q("deviceId");
            let mut rows: Vec<(String, Value)> = os
                .requests
                .iter()
                .filter(|r| device.is_none_or(|d| r.device_id == d))
                .filter(|r| protocol.is_none_or(|p| r.protocol.as_str() == p))
                .map(|r| request_json(r, now, stage))
                .filter(|v| {
                    let s = v["status"].as_str().unwrap_or("");
                    which(s) && status.is_none_or(|want| want == s)
                })
                .map(|v| {
                    let key = match sort {
                        Some("updated" | "-updated") => {
                            v["updated"].as_str().unwrap_or("").to_string()
                        }
                        _ => v["created"].as_str().unwrap_or("").to_string(),
                    };
                    (key, v)
                })
                .collect();
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            if sort.is_some_and(|s| s.starts_with('-')) {
                rows.reverse();
            }
            page(req, rows.into_iter().map(|(_, v)| v).collect(), 10, 100)
        }
    }
}

/// The action's request data, checked against the protocol's body schema.
fn action_body(protocol: OsProtocol, body: &Map<String, Value>) -> Result<(bool, u32), Reply> {
    let str_field = |k: &str, required: bool| -> Result<Option<&str>, Reply> {
        match body.get(k) {
            None if required => Err(bad(format!("{k} is required"))),
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(bad(format!("{k} must be a string"))),
        }
    };
    let one_of = |k: &str, required: bool, allowed: &[&str]| -> Result<Option<String>, Reply> {
        match str_field(k, required)? {
            Some(v) if !allowed.contains(&v) => {
                Err(bad(format!("{k} must be one of {}", allowed.join(", "))))
            }
            v => Ok(v.map(str::to_string)),
        }
    };
    let port = |required: bool| -> Result<(), Reply> {
        match body.get("port") {
            None if required => Err(bad("port is required")),
            None => Ok(()),
            Some(p) if p.as_u64().is_some_and(|p| (1..=65535).contains(&p)) => Ok(()),
            Some(_) => Err(bad("port must be an integer from 1 to 65535")),
        }
    };
    let mode = one_of("requestMode", false, &["SEND_NOW", "SEND_WHEN_ACTIVE"])?;
    let attempts = match body.get("sendAttempts") {
        None => 1,
        Some(v) => match v.as_f64() {
            Some(n) if (1.0..=5.0).contains(&n) && n.fract() == 0.0 => n as u32,
            _ => return Err(bad("sendAttempts must be a number from 1 to 5")),
        },
    };
    match protocol {
        OsProtocol::Lwm2m => {
            one_of(
                "action",
                true,
                &["read", "write", "execute", "observe-start", "observe-end"],
            )?;
            str_field("resourceAddress", true)?;
            str_field("data", false)?;
        }
        OsProtocol::Coap => {
            port(true)?;
            let path = str_field("path", true)?.unwrap_or("");
            let ok = path.len() <= 255
                && path
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._~%:/?#@!$&'()*+,;=".contains(c));
            if !ok {
                return Err(bad("path must be at most 255 URI characters"));
            }
            one_of(
                "requestType",
                true,
                &["GET", "POST", "PUT", "DELETE", "PATCH"],
            )?;
            one_of("payloadType", false, &["STRING", "BASE64"])?;
            str_field("payload", false)?;
        }
        OsProtocol::Udp => {
            port(true)?;
            str_field("payload", true)?;
            one_of("payloadType", true, &["STRING", "BASE64"])?;
            if body.contains_key("sendAttempts") {
                return Err(bad("sendAttempts is not allowed"));
            }
        }
    }
    Ok((mode.as_deref() == Some("SEND_WHEN_ACTIVE"), attempts))
}

fn device_ip(world: &World, device: &str) -> Option<String> {
    world.find(device).map(|i| world.sims[i].ip_address.clone())
}

/// Files a request like `proto` (protocol, mode, attempts, data, time)
/// for one device.
fn new_request(os: &mut OsWorld, proto: &ActionRequest, device: &str, ip: String) -> String {
    let id = os.new_id();
    os.requests.push(ActionRequest {
        id: id.clone(),
        device_id: device.to_string(),
        ip,
        ..proto.clone()
    });
    id
}

/// `POST .../{deviceId}/actions/{protocol}`, `POST .../actions/{protocol}`
/// (bulk) and `POST /v1/devices/{deviceId}/actions` (LwM2M).
pub(crate) fn action(os: &mut OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let protocol = match req.template.rsplit('/').next() {
        Some("UDP") => OsProtocol::Udp,
        Some("COAP") => OsProtocol::Coap,
        _ => OsProtocol::Lwm2m,
    };
    let bulk = !req.template.contains("{deviceId}");
    let mut allowed: Vec<&str> = match protocol {
        OsProtocol::Lwm2m => vec![
            "action",
            "resourceAddress",
            "data",
            "requestMode",
            "sendAttempts",
        ],
        OsProtocol::Coap => vec![
            "payload",
            "payloadType",
            "port",
            "path",
            "requestType",
            "requestMode",
            "sendAttempts",
        ],
        OsProtocol::Udp => vec![
            "payload",
            "payloadType",
            "port",
            "requestMode",
            "sendAttempts",
        ],
    };
    if bulk {
        allowed.push("deviceIds");
    }
    let body = req.object(&allowed)?;
    let (when_active, attempts) = action_body(protocol, &body)?;
    let now = req.now;
    let mut data = body.clone();
    data.remove("deviceIds");
    let proto = ActionRequest {
        id: String::new(),
        device_id: String::new(),
        ip: String::new(),
        protocol,
        send_when_active: when_active,
        send_attempts: attempts,
        request_data: Value::Object(data),
        created: now,
        started: if when_active { None } else { Some(now) },
        done: None,
    };
    if !bulk {
        let device = req.path(0);
        let ip = device_ip(world, device).ok_or_else(|| not_found("Device", device))?;
        let active = os
            .requests
            .iter()
            .filter(|r| r.device_id == device && r.active())
            .count();
        if active >= MAX_ACTIVE_PER_DEVICE {
            return Err(error(
                409,
                "Conflict",
                format!("Device {device} already has {active} requests in progress"),
            ));
        }
        let id = new_request(os, &proto, device, ip);
        return Ok(Reply::json(
            202,
            json!({"id": id, "message": "Request accepted"}),
        ));
    }
    let ids = match body.get("deviceIds").cloned() {
        Some(Value::Array(ids)) if !ids.is_empty() => ids,
        _ => return Err(bad("deviceIds is required (a non-empty array)")),
    };
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for id in &ids {
        let Some(device) = id.as_str().filter(|d| {
            !d.is_empty()
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }) else {
            return Err(bad(
                "deviceIds must be strings of letters, digits, '_' and '-'",
            ));
        };
        let busy = os
            .requests
            .iter()
            .filter(|r| r.device_id == device && r.active())
            .count()
            >= MAX_ACTIVE_PER_DEVICE;
        match device_ip(world, device) {
            Some(ip) if !busy => {
                let rid = new_request(os, &proto, device, ip);
                accepted.push(json!({"deviceId": device, "requestId": rid}));
            }
            _ => rejected.push(json!(device)),
        }
    }
    Ok(Reply::json(
        202,
        json!({
            "acceptedRequests": accepted,
            "rejectedDevices": rejected,
            "message": format!("{} requests accepted, {} devices rejected", accepted.len(), rejected.len()),
        }),
    ))
}

fn psk_json(device: &str, protocol: &str, k: &Psk) -> Value {
    json!({
        "deviceId": device,
        "identity": device,
        "secretKey": k.secret,
        "createdAt": super::ts(k.created),
        "updatedAt": super::ts(k.updated),
        "protocol": protocol,
        "format": k.format,
    })
}

/// One key of a key request: (protocol, secret, format), checked.
fn psk_fields(
    v: &Map<String, Value>,
    max_len: usize,
) -> Result<(&'static str, String, &'static str), Reply> {
    let protocol = match v.get("protocol").and_then(Value::as_str) {
        Some("COAP") => "COAP",
        Some("LWM2M") => "LWM2M",
        _ => return Err(bad("protocol is required: COAP or LWM2M")),
    };
    let format = match v.get("format").and_then(Value::as_str) {
        None => "STRING",
        Some("STRING") => "STRING",
        Some("HEX") => "HEX",
        Some(_) => return Err(bad("format must be STRING or HEX")),
    };
    let secret = match v.get("secretKey").and_then(Value::as_str) {
        Some(s) if (8..=max_len).contains(&s.chars().count()) => s.to_string(),
        _ => {
            return Err(bad(format!(
                "secretKey is required, 8 to {max_len} characters"
            )))
        }
    };
    if format == "HEX" && (secret.len() % 2 != 0 || !secret.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(bad(
            "secretKey must be hexadecimal digits when format is HEX",
        ));
    }
    Ok((protocol, secret, format))
}

fn set_psk(
    os: &mut OsWorld,
    device: &str,
    protocol: &str,
    secret: String,
    format: &'static str,
    now: DateTime<Utc>,
) -> Psk {
    let key = (device.to_string(), protocol.to_string());
    let created = os.psks.get(&key).map_or(now, |k| k.created);
    let k = Psk {
        secret,
        format,
        created,
        updated: now,
    };
    os.psks.insert(key, k.clone());
    k
}

/// Pre-shared keys, one device or a job; `presharedkey` and `psk` are the
/// document's two names for the same keys.
pub(crate) fn psk(os: &mut OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let now = req.now;
    match (req.method, req.template) {
        ("GET", "/v1/integrate/devices/{deviceId}/psk/{protocol}") => {
            let (device, protocol) = (req.path(0), req.path(1));
            if !matches!(protocol, "COAP" | "LWM2M") {
                return Err(bad("protocol must be COAP or LWM2M"));
            }
            let k = os
                .psks
                .get(&(device.to_string(), protocol.to_string()))
                .ok_or_else(|| not_found("Pre-shared key of device", device))?;
            Ok(Reply::json(200, psk_json(device, protocol, k)))
        }
        ("GET", _) => {
            let stage = os.stage;
            let items = os
                .psk_jobs
                .iter()
                .map(|j| {
                    let finished = now >= j.created + stage;
                    json!({
                        "id": j.id,
                        "createdAt": super::ts(j.created),
                        "updatedAt": super::ts(if finished { j.created + stage } else { j.created }),
                        "status": if finished { "DONE" } else { "IN_PROGRESS" },
                        "amount": j.amount,
                        "failed": if finished { j.failed } else { 0 },
                        "done": if finished { j.amount - j.failed } else { 0 },
                    })
                })
                .collect();
            page(req, items, 10, 100)
        }
        ("POST", t) if t.ends_with("/jobs") => {
            let Value::Array(keys) = req.json()? else {
                return Err(bad("Request body must be an array of keys"));
            };
            if keys.is_empty() {
                return Err(bad("Request body must name at least one key"));
            }
            let mut checked = Vec::new();
            for k in &keys {
                let Value::Object(m) = k else {
                    return Err(bad("each key must be an object"));
                };
                let device = m
                    .get("deviceId")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("deviceId is required"))?;
                let (protocol, secret, format) = psk_fields(m, 128)?;
                checked.push((device.to_string(), protocol, secret, format));
            }
            let mut failed = 0;
            for (device, protocol, secret, format) in checked {
                if world.find(&device).is_some() {
                    set_psk(os, &device, protocol, secret, format, now);
                } else {
                    failed += 1;
                }
            }
            let id = os.new_id();
            os.psk_jobs.push(PskJob {
                id,
                created: now,
                amount: keys.len(),
                failed,
            });
            Ok(Reply::empty(202))
        }
        _ => {
            let device = req.path(0);
            if world.find(device).is_none() {
                return Err(not_found("Device", device));
            }
            let body = req.object(&["secretKey", "protocol", "format"])?;
            let (protocol, secret, format) = psk_fields(&body, 256)?;
            let k = set_psk(os, device, protocol, secret, format, now);
            Ok(Reply::json(200, psk_json(device, protocol, &k)))
        }
    }
}
