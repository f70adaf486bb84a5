//! Partner plugins, 1NCE OS settings, the 1NCE OS agreement and the
//! administration logs.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, FixedOffset, NaiveDate};
use serde_json::{json, Map, Value};

use super::state::{OsWorld, Plugin};
use super::{bad, error, not_found, page, whole, Answer, Req};
use crate::routes::Reply;
use crate::state::World;

/// The sandbox customer's id in 1NCE OS.
const CUSTOMER_ID: &str = "4567";

/// Characters of a URL-ish field (DATACAKE's workspace id, TARTABIT's domain).
fn url_chars(s: &str, extra: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

fn text(
    body: &Map<String, Value>,
    key: &str,
    max: usize,
    required: bool,
) -> Result<Option<String>, Reply> {
    match body.get(key) {
        None if required => Err(bad(format!("{key} is required"))),
        None => Ok(None),
        Some(Value::String(s)) if (1..=max).contains(&s.chars().count()) => Ok(Some(s.clone())),
        Some(_) => Err(bad(format!(
            "{key} must be a string of 1 to {max} characters"
        ))),
    }
}

/// The partner's fields, checked against the document's request schema.
fn plugin_fields(
    partner: &str,
    req: &Req<'_>,
    os: &mut OsWorld,
) -> Result<Map<String, Value>, Reply> {
    let mut out = Map::new();
    match partner {
        "DATACAKE" => {
            let body = req.object(&["workspaceId"])?;
            let w = text(&body, "workspaceId", 64, true)?.unwrap_or_default();
            if !url_chars(&w, "-()@:%_+.~#?&/=") {
                return Err(bad("workspaceId has characters a workspace id cannot have"));
            }
            out.insert("workspaceId".into(), json!(w));
        }
        "MENDER" => {
            let body = req.object(&["tenantToken", "privateKey", "publicKey"])?;
            out.insert(
                "tenantToken".into(),
                json!(text(&body, "tenantToken", 800, true)?),
            );
            let private = text(&body, "privateKey", 3000, false)?;
            let public = text(&body, "publicKey", 1000, false)?;
            // Without a key pair, 1NCE OS makes one.
            let generated = os.new_id();
            out.insert(
                "privateKey".into(),
                json!(private.unwrap_or_else(|| format!(
                    "-----BEGIN PRIVATE KEY-----\n{generated}\n-----END PRIVATE KEY-----"
                ))),
            );
            out.insert(
                "publicKey".into(),
                json!(public.unwrap_or_else(|| format!(
                    "-----BEGIN PUBLIC KEY-----\n{generated}\n-----END PUBLIC KEY-----"
                ))),
            );
        }
        "TARTABIT" => {
            let body = req.object(&["serverDomain", "webhookKey"])?;
            let domain = text(&body, "serverDomain", 253, true)?.unwrap_or_default();
            if !domain.contains('.') || !url_chars(&domain, "-@:%.+~#=()?&/") {
                return Err(bad("serverDomain must be a domain name"));
            }
            let key = text(&body, "webhookKey", 40, true)?.unwrap_or_default();
            if !key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '(' || c == ')')
                || !url_chars(&key, "-()@:%_+.~#?&/=")
            {
                return Err(bad("webhookKey has characters a key cannot have"));
            }
            out.insert("serverDomain".into(), json!(domain));
            out.insert("webhookKey".into(), json!(key));
        }
        _ => {
            req.object(&[])?;
        }
    }
    Ok(out)
}

fn plugin_json(p: &Plugin, full: bool) -> Value {
    let mut v = json!({
        "id": p.id,
        "partner": p.partner,
        "created": super::ts(p.created),
        "updated": super::ts(p.updated),
        "status": "ACTIVE",
    });
    if full {
        for (k, x) in &p.fields {
            v[k] = x.clone();
        }
    }
    v
}

pub(crate) fn plugins(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    let now = req.now;
    match (req.method, req.template) {
        ("GET", "/v1/partners/plugins") => {
            let items = os.plugins.iter().map(|p| plugin_json(p, false)).collect();
            whole(items)
        }
        ("POST", t) if !t.contains("{pluginId}") => {
            let partner: &'static str = ["DATACAKE", "MENDER", "TARTABIT", "MEMFAULT"]
                .into_iter()
                .find(|p| t == format!("/v1/partners/{p}/plugins"))
                .unwrap_or("MEMFAULT");
            let fields = plugin_fields(partner, req, os)?;
            if os.plugins.iter().any(|p| p.partner == partner) {
                return Err(error(409, "Conflict", format!("A {partner} plugin exists")));
            }
            let id = os.new_id();
            let mut p = Plugin {
                id,
                partner,
                fields,
                created: now,
                updated: now,
            };
            let v = plugin_json(&p, true);
            if partner == "MEMFAULT" {
                // 1NCE OS sets up the Memfault project for the customer.
                p.fields
                    .insert("email".into(), json!("sandbox@example.com"));
                p.fields.insert(
                    "url".into(),
                    json!("https://app.memfault.com/organizations/1nce-sandbox"),
                );
                p.fields.insert(
                    "memfaultProjectId".into(),
                    json!(format!("1nce-{}", &p.id[..8])),
                );
            }
            os.plugins.push(p);
            Ok(Reply::json(201, v))
        }
        (method, _) => {
            let id = req.path(0);
            let i = os
                .plugins
                .iter()
                .position(|p| p.id == id)
                .ok_or_else(|| not_found("Plugin", id))?;
            match method {
                "GET" => Ok(Reply::json(200, plugin_json(&os.plugins[i], true))),
                "DELETE" => {
                    os.plugins.remove(i);
                    Ok(Reply::empty(204))
                }
                _ => {
                    let p = &mut os.plugins[i];
                    if !matches!(p.partner, "DATACAKE" | "TARTABIT") {
                        return Err(error(
                            409,
                            "Conflict",
                            format!("A {} plugin cannot be restarted", p.partner),
                        ));
                    }
                    p.updated = now;
                    Ok(Reply::json(
                        200,
                        json!({"plugin": plugin_json(p, true), "restartStatus": "SUCCESS", "message": "Plugin restarted"}),
                    ))
                }
            }
        }
    }
}

pub(crate) fn settings(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    if req.method == "GET" {
        let german = req.q_enum("language", &["en", "de"])? == Some("de");
        let expiry = super::ts(req.now + Duration::days(365));
        let items = os
            .settings
            .iter()
            .map(|s| {
                json!({
                    "name": s.name,
                    "description": if german { s.de } else { s.en },
                    "state": if s.enabled { "ENABLED" } else { "DISABLED" },
                    "details": {"credits": s.credits, "expiryDate": expiry},
                })
            })
            .collect();
        return page(req, items, 10, 100);
    }
    let name = req.path(0);
    let body = req.object(&["state", "readAndAcceptedDisclaimer"])?;
    let enable = match body.get("state").and_then(Value::as_str) {
        Some("ENABLED") => true,
        Some("DISABLED") => false,
        _ => return Err(bad("state is required: ENABLED or DISABLED")),
    };
    let accepted = match body.get("readAndAcceptedDisclaimer") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("readAndAcceptedDisclaimer must be true or false")),
    };
    let s = os
        .settings
        .iter_mut()
        .find(|s| s.name == name)
        .ok_or_else(|| bad(format!("{name} is not a 1NCE OS setting")))?;
    if enable && !s.enabled && !accepted {
        return Err(bad(
            "Enabling a setting needs readAndAcceptedDisclaimer: true",
        ));
    }
    s.enabled = enable;
    Ok(Reply::json(
        200,
        json!({"customerId": CUSTOMER_ID, "name": s.name, "state": if enable { "ENABLED" } else { "DISABLED" }}),
    ))
}

pub(crate) fn agreement(os: &mut OsWorld, req: &Req<'_>) -> Answer {
    let body = req.object(&["accepted"])?;
    match body.get("accepted") {
        Some(Value::Bool(b)) => {
            os.agreement = Some(*b);
            Ok(Reply::empty(201))
        }
        _ => Err(bad("accepted is required: true or false")),
    }
}

/// The content type of `GET /v1/administrationLogs/{id}/payload`.
pub(crate) const URI_TEXT: &str = "text/x-uri";

fn log_matches(l: &super::state::AdminLog, q: &str) -> bool {
    q.split(',').all(|term| match term.split_once(':') {
        Some(("type", v)) => l.kind.eq_ignore_ascii_case(v),
        Some(("category", v)) => (if l.error { "error" } else { "info" }) == v,
        Some(("iccid", v)) => l.iccid.as_deref() == Some(v),
        Some(("geofenceId", v)) => l.geofence_id.as_deref() == Some(v),
        Some(("integrationId", v)) => l.integration_id.as_deref() == Some(v),
        _ => l.message.contains(term),
    })
}

pub(crate) fn logs(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    match req.template {
        "/v1/administrationLogs/{adminLogId}/payload" => {
            let id = req.path(0);
            let l = os
                .logs
                .iter()
                .find(|l| l.id == id)
                .ok_or_else(|| bad(format!("{id} is not an administration log")))?;
            let uri = l.payload.clone().unwrap_or_else(|| {
                format!("https://payloads.os.1nce.com/administration-logs/{}", l.id)
            });
            Ok(Reply {
                status: 200,
                headers: vec![("content-type".into(), URI_TEXT.into())],
                body: Some(Value::String(uri)),
            })
        }
        "/v1/administrationLogs/stats" => {
            let tz = req
                .q("timezone")
                .ok_or_else(|| bad("timezone is required"))?;
            let offset = match tz {
                "UTC" | "Etc/UTC" | "Z" => FixedOffset::east_opt(0),
                t => chrono::DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{t}"))
                    .ok()
                    .map(|d| *d.offset()),
            }
            .ok_or_else(|| {
                bad(format!(
                    "timezone must be UTC or an offset like +01:00, got {tz:?}"
                ))
            })?;
            let category = req.q_enum("category", &["info", "error"])?;
            let mut days: BTreeMap<NaiveDate, u64> = BTreeMap::new();
            let mut devices = HashSet::new();
            for l in os
                .logs
                .iter()
                .filter(|l| category.is_none_or(|c| (c == "error") == l.error))
            {
                *days
                    .entry(l.time.with_timezone(&offset).date_naive())
                    .or_default() += 1;
                if let Some(i) = &l.iccid {
                    devices.insert(i.clone());
                }
            }
            let items: Vec<Value> = days
                .into_iter()
                .map(|(d, n)| json!({"day": d.to_string(), "amount": n}))
                .collect();
            Ok(Reply::json(
                200,
                json!({"totalUniqueDevices": devices.len(), "administrationLogs": items}),
            ))
        }
        _ => {
            let q = req.q("q");
            let items = os
                .logs
                .iter()
                .rev()
                .filter(|l| q.is_none_or(|q| log_matches(l, q)))
                .map(|l| {
                    let mut v = json!({
                        "customerId": CUSTOMER_ID,
                        "id": l.id,
                        "timestamp": super::ts(l.time),
                        "category": if l.error { "error" } else { "info" },
                        "type": l.kind,
                        "message": l.message,
                        "description": l.message,
                    });
                    if let Some(i) = &l.iccid {
                        v["iccid"] = json!(i);
                        if let Some(s) = world.find(i).map(|k| &world.sims[k]) {
                            v["imsi"] = json!(s.imsi);
                            v["ip"] = json!(s.ip_address);
                        }
                    }
                    if let Some(g) = &l.geofence_id {
                        v["geofenceId"] = json!(g);
                    }
                    if let Some(g) = &l.integration_id {
                        v["integrationId"] = json!(g);
                    }
                    v
                })
                .collect();
            page(req, items, 10, 100)
        }
    }
}
