//! Device Inspector: the devices (one per SIM), their telemetry, message
//! history and its insights; the device statistics.

use std::collections::BTreeMap;

use base64::Engine;
use chrono::{DateTime, Duration, DurationRound, Utc};
use serde_json::{json, Value};

use super::state::OsWorld;
use super::{bad, not_found, page, Answer, Req};
use crate::routes::Reply;
use crate::state::{SimCard, World};

fn device_json(s: &SimCard, name: bool) -> Value {
    let mut v = json!({"id": s.iccid, "iccid": s.iccid, "imsi1": s.imsi, "ip": s.ip_address});
    if name {
        if let Some(l) = s.label.as_deref().filter(|l| !l.is_empty()) {
            v["name"] = json!(l);
        }
    }
    v
}

fn known<'w>(world: &'w World, device: &str) -> Result<&'w SimCard, Reply> {
    world
        .find(device)
        .map(|i| &world.sims[i])
        .ok_or_else(|| not_found("Device", device))
}

/// The device of a telemetry or history query: the document lists 400, not
/// 404, for those.
fn queried<'w>(world: &'w World, device: &str) -> Result<&'w SimCard, Reply> {
    world
        .find(device)
        .map(|i| &world.sims[i])
        .ok_or_else(|| bad(format!("Device {device} is not a device of this customer")))
}

pub(crate) fn devices(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    match req.template {
        "/v1/inspect/devices/{deviceId}" => Ok(Reply::json(
            200,
            device_json(known(world, req.path(0))?, true),
        )),
        "/v1/devices/stats" => {
            let active: std::collections::HashSet<&str> = os
                .messages
                .iter()
                .map(|m| m.device_id.as_str())
                .chain(os.positions.iter().map(|p| p.device_id.as_str()))
                .collect();
            Ok(Reply::json(
                200,
                json!({"totalDevices": world.sims.len(), "activatedDevices": active.len()}),
            ))
        }
        _ => {
            let mut sims: Vec<&SimCard> = world.sims.iter().collect();
            if let Some(q) = req.q("q") {
                sims.retain(|s| {
                    s.iccid.contains(q) || s.imsi.contains(q) || s.ip_address.contains(q)
                });
            }
            match req.q("sort") {
                None | Some("id" | "iccid") => {}
                Some("-id" | "-iccid") => sims.reverse(),
                Some(v) => return Err(bad(format!("cannot sort devices by {v:?} (id, iccid)"))),
            }
            page(
                req,
                sims.into_iter().map(|s| device_json(s, false)).collect(),
                10,
                50,
            )
        }
    }
}

/// The messages a history query selects, oldest first.
fn selected<'o>(
    os: &'o OsWorld,
    world: &World,
    req: &Req<'_>,
) -> Result<Vec<&'o super::state::Message>, Reply> {
    let device = if req.template.contains("{deviceId}") {
        Some(queried(world, req.path(0))?.iccid.as_str())
    } else {
        req.q("deviceId").or(req.q("iccid"))
    };
    let protocol = req.q_enum("protocol", &["UDP", "COAP", "LWM2M"])?;
    let start = req.q_time("startDateTime")?;
    let end = req.q_time("endDateTime")?;
    Ok(os
        .messages
        .iter()
        .filter(|m| device.is_none_or(|d| m.device_id == d))
        .filter(|m| protocol.is_none_or(|p| m.protocol.as_str() == p))
        .filter(|m| start.is_none_or(|s| m.time >= s) && end.is_none_or(|e| m.time <= e))
        .collect())
}

pub(crate) fn telemetry(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let device = queried(world, req.path(0))?.iccid.clone();
    let protocol = req.q_enum("protocol", &["UDP", "COAP", "LWM2M"])?;
    let mut state = serde_json::Map::new();
    for m in os.messages.iter().filter(|m| m.device_id == device) {
        if protocol.is_some_and(|p| m.protocol.as_str() != p) {
            continue;
        }
        let value = super::optimizer::translated(os, m.protocol, &m.payload)
            .unwrap_or_else(|| json!(base64::engine::general_purpose::STANDARD.encode(&m.payload)));
        state.insert(
            m.protocol.as_str().to_string(),
            json!({"payload": value, "time": super::ts(m.time)}),
        );
    }
    Ok(Reply::json(200, json!({"id": device, "state": state})))
}

pub(crate) fn history(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let messages = selected(os, world, req)?;
    let size = req.q_int("pageSize", 10, 1, 1000)?;
    let from = match req.q("nextToken") {
        None => 0,
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| bad(format!("nextToken {t:?} is not a token of this history")))?,
    };
    let with_topic = req.template.contains("{deviceId}");
    let items: Vec<Value> = messages
        .iter()
        .skip(from)
        .take(size)
        .map(|m| {
            let mut v = json!({
                "iccid": m.device_id,
                "time": super::ts(m.time),
                "payload": base64::engine::general_purpose::STANDARD.encode(&m.payload),
                "protocol": m.protocol.as_str(),
                "deviceId": m.device_id,
            });
            if with_topic {
                v["topic"] = json!(format!(
                    "1nce/{}/{}",
                    m.protocol.as_str().to_ascii_lowercase(),
                    m.device_id
                ));
            }
            v
        })
        .collect();
    let mut body = json!({"items": items, "firstToken": "0"});
    if from + size < messages.len() {
        body["nextToken"] = json!((from + size).to_string());
    }
    Ok(Reply::json(200, body))
}

pub(crate) fn insights(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let messages = selected(os, world, req)?;
    let interval = req.q("interval").unwrap_or("1d");
    let step = match interval {
        "1h" => Duration::hours(1),
        "1d" => Duration::days(1),
        "1w" => Duration::weeks(1),
        v => return Err(bad(format!("interval must be 1h, 1d or 1w, got {v:?}"))),
    };
    let mut buckets: BTreeMap<(DateTime<Utc>, &str), u64> = BTreeMap::new();
    for m in messages {
        let t = m.time.duration_trunc(step).unwrap_or(m.time);
        *buckets.entry((t, m.protocol.as_str())).or_default() += 1;
    }
    let items: Vec<Value> = buckets
        .into_iter()
        .map(|((t, p), n)| json!({"time": super::ts(t), "protocol": p, "amount": n}))
        .collect();
    Ok(Reply::json(
        200,
        json!({"items": items, "interval": interval}),
    ))
}
