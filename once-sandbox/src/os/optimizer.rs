//! Optimizer: energy-saver (translation) templates, the template tester,
//! and the savings.
//!
//! 1NCE's document says only that a template is "a stringified JSON
//! template". The sandbox's templates are JSON objects with a `fields`
//! array of `{"name", "type"}`, types `uint8`, `int8`, `uint16`, `int16`,
//! `uint32`, `int32` (big-endian) and `bool`: a device sends the packed
//! bytes, 1NCE OS turns them into `{"name": value, ...}`. Anything else is
//! refused with 422, as 1NCE refuses templates it cannot use.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use super::api::OsProtocol;
use super::state::{OsWorld, Saving, Template};
use super::{bad, error, not_found, Answer, Req};
use crate::routes::Reply;

/// Field types and their sizes in bytes.
const TYPES: [(&str, usize); 7] = [
    ("uint8", 1),
    ("int8", 1),
    ("uint16", 2),
    ("int16", 2),
    ("uint32", 4),
    ("int32", 4),
    ("bool", 1),
];

/// The fields of a template, or why it is not one.
fn fields(template: &str) -> Result<Vec<(String, &'static str, usize)>, String> {
    let v: Value =
        serde_json::from_str(template).map_err(|e| format!("template is not JSON: {e}"))?;
    let list = v
        .get("fields")
        .and_then(Value::as_array)
        .filter(|f| !f.is_empty())
        .ok_or("template needs a non-empty \"fields\" array")?;
    let mut out = Vec::new();
    for f in list {
        let name = f
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .ok_or("each field needs a name")?;
        let ty = f.get("type").and_then(Value::as_str).unwrap_or("");
        let (ty, size) = TYPES
            .iter()
            .find(|(t, _)| *t == ty)
            .copied()
            .ok_or_else(|| format!("field {name}: type must be one of uint8, int8, uint16, int16, uint32, int32, bool"))?;
        if out
            .iter()
            .any(|(n, _, _): &(String, &str, usize)| n == name)
        {
            return Err(format!("field {name} appears twice"));
        }
        out.push((name.to_string(), ty, size));
    }
    Ok(out)
}

/// The payload translated by a template: `None` if it is too short.
fn translate(template: &str, payload: &[u8]) -> Option<Value> {
    let mut out = Map::new();
    let mut at = 0;
    for (name, ty, size) in fields(template).ok()? {
        let b = payload.get(at..at + size)?;
        at += size;
        let v = match ty {
            "uint8" => json!(b[0]),
            "int8" => json!(b[0] as i8),
            "uint16" => json!(u16::from_be_bytes([b[0], b[1]])),
            "int16" => json!(i16::from_be_bytes([b[0], b[1]])),
            "uint32" => json!(u32::from_be_bytes([b[0], b[1], b[2], b[3]])),
            "int32" => json!(i32::from_be_bytes([b[0], b[1], b[2], b[3]])),
            _ => json!(b[0] != 0),
        };
        out.insert(name, v);
    }
    Some(Value::Object(out))
}

/// A message translated by the active template for its protocol, if any.
pub(crate) fn translated(os: &OsWorld, protocol: OsProtocol, payload: &[u8]) -> Option<Value> {
    os.templates
        .iter()
        .filter(|t| t.active && t.protocols.iter().any(|p| p == protocol.as_str()))
        .find_map(|t| translate(&t.template, payload))
}

/// Translates an incoming message and counts what it saved.
pub(crate) fn translate_incoming(
    os: &mut OsWorld,
    iccid: &str,
    protocol: OsProtocol,
    payload: &[u8],
    now: DateTime<Utc>,
) -> Option<Value> {
    let t = translated(os, protocol, payload)?;
    let saved = t.to_string().len().saturating_sub(payload.len()) as f64;
    os.savings.push(Saving {
        time: now,
        protocol,
        iccid: iccid.to_string(),
        bytes_saved: saved,
    });
    Some(t)
}

fn template_json(t: &Template) -> Value {
    json!({
        "id": t.id,
        "name": t.name,
        "template": t.template,
        "status": if t.active { "ACTIVE" } else { "INACTIVE" },
        "protocolFilter": t.protocols,
    })
}

fn unprocessable(message: impl Into<String>) -> Reply {
    error(422, "UnprocessableEntity", message)
}

/// Applies the fields of a create or patch body; 422 for what the
/// document's schema (or the template syntax) refuses.
fn apply(t: &mut Template, body: &Map<String, Value>) -> Result<(), Reply> {
    if let Some(v) = body.get("name") {
        match v.as_str() {
            Some(n) if (1..=64).contains(&n.chars().count()) => t.name = n.to_string(),
            _ => return Err(unprocessable("name must be a string of 1 to 64 characters")),
        }
    }
    if let Some(v) = body.get("template") {
        let s = v
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| unprocessable("template must be a non-empty string"))?;
        fields(s).map_err(unprocessable)?;
        t.template = s.to_string();
    }
    if let Some(v) = body.get("protocolFilter") {
        let list = v
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| unprocessable("protocolFilter must be a non-empty array"))?;
        let mut ps = Vec::new();
        for p in list {
            match p.as_str() {
                Some(p @ ("COAP" | "UDP")) if !ps.iter().any(|q| q == p) => ps.push(p.to_string()),
                _ => {
                    return Err(unprocessable(
                        "protocolFilter items must be COAP or UDP, each once",
                    ))
                }
            }
        }
        t.protocols = ps;
    }
    if let Some(v) = body.get("status") {
        match v.as_str() {
            Some("ACTIVE") => t.active = true,
            Some("INACTIVE") => t.active = false,
            _ => return Err(unprocessable("status must be ACTIVE or INACTIVE")),
        }
    }
    Ok(())
}

fn object(req: &Req<'_>) -> Result<Map<String, Value>, Reply> {
    match req
        .json()
        .map_err(|_| unprocessable("Request body is not valid JSON"))?
    {
        Value::Object(m) => {
            if let Some(k) = m
                .keys()
                .find(|k| !["name", "template", "protocolFilter", "status"].contains(&k.as_str()))
            {
                return Err(unprocessable(format!("{k} is not allowed")));
            }
            Ok(m)
        }
        _ => Err(unprocessable("Request body must be a JSON object")),
    }
}

pub(crate) fn templates(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    match req.method {
        "GET" => Ok(Reply::json(
            200,
            Value::Array(os.templates.iter().map(template_json).collect()),
        )),
        "POST" => {
            let body = object(req)?;
            for k in ["name", "template", "protocolFilter"] {
                if !body.contains_key(k) {
                    return Err(unprocessable(format!("{k} is required")));
                }
            }
            let mut t = Template {
                id: String::new(),
                name: String::new(),
                template: String::new(),
                protocols: Vec::new(),
                active: true,
            };
            apply(&mut t, &body)?;
            if os.templates.iter().any(|o| o.name == t.name) {
                return Err(error(
                    409,
                    "Conflict",
                    format!("A template named {} exists", t.name),
                ));
            }
            t.id = os.new_id();
            let v = template_json(&t);
            os.templates.push(t);
            Ok(Reply::json(201, v))
        }
        method => {
            let id = req.path(0);
            let i = os
                .templates
                .iter()
                .position(|t| t.id == id)
                .ok_or_else(|| not_found("Template", id))?;
            if method == "DELETE" {
                os.templates.remove(i);
                return Ok(Reply::empty(204));
            }
            let body = object(req)?;
            if body.is_empty() {
                return Err(unprocessable(
                    "name, template, protocolFilter or status is required",
                ));
            }
            let mut t = os.templates[i].clone();
            apply(&mut t, &body)?;
            if os
                .templates
                .iter()
                .any(|o| o.id != t.id && o.name == t.name)
            {
                return Err(error(
                    409,
                    "Conflict",
                    format!("A template named {} exists", t.name),
                ));
            }
            let v = template_json(&t);
            os.templates[i] = t;
            Ok(Reply::json(200, v))
        }
    }
}

pub(crate) fn test(req: &Req<'_>) -> Answer {
    let body = req.object(&["template", "payload"])?;
    let template = body
        .get("template")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad("template is required"))?;
    let payload = body
        .get("payload")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad("payload is required (base64)"))?;
    fields(template).map_err(bad)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .map_err(|_| bad("payload must be base64"))?;
    let out = translate(template, &bytes)
        .ok_or_else(|| bad("payload is shorter than the template's fields"))?;
    let text = out.to_string();
    let reduced = text.len().saturating_sub(bytes.len());
    let reduction = (reduced as f64 / text.len() as f64 * 10000.0).round() / 100.0;
    Ok(Reply::json(
        200,
        json!({"translatedPayload": text, "reducedBytes": reduced, "energyUsageReduction": reduction}),
    ))
}

pub(crate) fn savings(os: &OsWorld, req: &Req<'_>) -> Answer {
    let days: i64 = req
        .q_enum("range", &["1", "7", "30"])?
        .unwrap_or("30")
        .parse()
        .unwrap_or(30);
    let protocol = req.q_enum("protocol", &["UDP", "COAP"])?;
    let iccid = req.q("iccid");
    let now = req.now;
    let window = |from: DateTime<Utc>, to: DateTime<Utc>| {
        let s: Vec<&Saving> = os
            .savings
            .iter()
            .filter(|s| s.time > from && s.time <= to)
            .filter(|s| protocol.is_none_or(|p| s.protocol.as_str() == p))
            .filter(|s| iccid.is_none_or(|i| s.iccid == i))
            .collect();
        let n = s.len() as f64;
        let bytes: f64 = s.iter().map(|s| s.bytes_saved).sum();
        (n, bytes, if n > 0.0 { bytes / n } else { 0.0 })
    };
    let range = Duration::days(days);
    let (n, bytes, avg) = window(now - range, now);
    let (pn, pbytes, pavg) = window(now - range - range, now - range);
    Ok(Reply::json(
        200,
        json!({
            "messagesTranslated": {"value": n, "delta": n - pn},
            "averageBytesReducedPerMessage": {"value": avg, "delta": avg - pavg},
            "bytesSaved": {"value": bytes, "delta": bytes - pbytes},
        }),
    ))
}
