//! The 42 API operations (the token endpoint lives in `server.rs`): routing,
//! input checks with 1NCE's error shapes, and the changes they make.

use chrono::{DateTime, Duration as Days, NaiveDate, Utc};
use serde_json::{json, Value};

use super::json;
use super::state::{EventKind, OrderSim, SmsMessage, SmsStatus, World, DATA_LIMITS, SMS_LIMITS};

/// Which error body shape an endpoint uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `{"statusCode", "errorCode", "message"}` (v1 SIMs, orders, products, support, oauth).
    V1,
    /// `{"error_code", "error_token", "message"}` (v2 SIMs).
    V2,
    /// `{"statusCode", "statusText", "errors"}` (1NCE OS).
    Os,
}

/// What a request resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    Token,
    V1ListSims,
    V1UpdateSims,
    V1GetSim,
    V1UpdateSim,
    V1Status,
    V1Transfer,
    V1ConnectivityInfo,
    V1Reset,
    V1Events,
    V1Usage,
    V1DataQuota,
    V1SmsQuota,
    V1ListSms,
    V1SendSms,
    V1GetSms,
    V1DeleteSms,
    V1TopUp,
    V1TopUpMany,
    V1AutoTopUp,
    V2AutoTopUp,
    V1GetLimits,
    V1SetLimits,
    V1ServiceLimits,
    V1Extension,
    V2ListSims,
    V2GetSim,
    V2UpdateSim,
    V2Reset,
    V2DataQuota,
    V2SmsQuota,
    V2Status,
    V2SendSms,
    V2ListSms,
    V2GetSms,
    V2DeleteSms,
    V2Events,
    V2TopUp,
    ListOrders,
    CreateOrder,
    GetOrder,
    ListProducts,
    ListSupport,
    CreateSupport,
    /// One of 1NCE OS's operations (see `crate::os`), told apart by template.
    Os,
}

/// A resolved route: the operation, the spec's path template, the dynamic
/// segments in order.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    pub op: Op,
    pub template: &'static str,
    pub params: Vec<String>,
}

impl Route {
    pub(crate) fn style(&self) -> Style {
        if self.op == Op::Os {
            Style::Os
        } else if self.template.starts_with("/v2/") {
            Style::V2
        } else {
            Style::V1
        }
    }
}

/// Finds the operation for a method and path (relative to the base URL).
pub(crate) fn resolve(method: &str, path: &str) -> Option<Route> {
    use Op::*;
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let r = |op, template, params: &[&str]| {
        Some(Route {
            op,
            template,
            params: params.iter().map(|s| s.to_string()).collect(),
        })
    };
    match (method, segs.as_slice()) {
        ("POST", ["oauth", "token"]) => r(Token, "/oauth/token", &[]),
        ("GET", ["v1", "sims"]) => r(V1ListSims, "/v1/sims", &[]),
        ("POST", ["v1", "sims"]) => r(V1UpdateSims, "/v1/sims", &[]),
        ("POST", ["v1", "sims", "simTransfer"]) => r(V1Transfer, "/v1/sims/simTransfer", &[]),
        ("POST", ["v1", "sims", "topup"]) => r(V1TopUpMany, "/v1/sims/topup", &[]),
        ("POST", ["v1", "sims", "autoTopup"]) => r(V1AutoTopUp, "/v1/sims/autoTopup", &[]),
        ("GET", ["v1", "sims", "limits"]) => r(V1GetLimits, "/v1/sims/limits", &[]),
        ("POST", ["v1", "sims", "limits"]) => r(V1SetLimits, "/v1/sims/limits", &[]),
        ("POST", ["v1", "sims", "extension"]) => r(V1Extension, "/v1/sims/extension", &[]),
        ("GET", ["v1", "sims", s, "limits"]) => {
            r(V1ServiceLimits, "/v1/sims/{service}/limits", &[s])
        }
        ("GET", ["v1", "sims", i]) => r(V1GetSim, "/v1/sims/{iccid}", &[i]),
        ("PUT", ["v1", "sims", i]) => r(V1UpdateSim, "/v1/sims/{iccid}", &[i]),
        ("GET", ["v1", "sims", i, "status"]) => r(V1Status, "/v1/sims/{iccid}/status", &[i]),
        ("GET", ["v1", "sims", i, "connectivity_info"]) => r(
            V1ConnectivityInfo,
            "/v1/sims/{iccid}/connectivity_info",
            &[i],
        ),
        ("POST", ["v1", "sims", i, "reset"]) => r(V1Reset, "/v1/sims/{iccid}/reset", &[i]),
        ("GET", ["v1", "sims", i, "events"]) => r(V1Events, "/v1/sims/{iccid}/events", &[i]),
        ("GET", ["v1", "sims", i, "usage"]) => r(V1Usage, "/v1/sims/{iccid}/usage", &[i]),
        ("GET", ["v1", "sims", i, "quota", "data"]) => {
            r(V1DataQuota, "/v1/sims/{iccid}/quota/data", &[i])
        }
        ("GET", ["v1", "sims", i, "quota", "sms"]) => {
            r(V1SmsQuota, "/v1/sims/{iccid}/quota/sms", &[i])
        }
        ("GET", ["v1", "sims", i, "sms"]) => r(V1ListSms, "/v1/sims/{iccid}/sms", &[i]),
        ("POST", ["v1", "sims", i, "sms"]) => r(V1SendSms, "/v1/sims/{iccid}/sms", &[i]),
        ("GET", ["v1", "sims", i, "sms", id]) => r(V1GetSms, "/v1/sims/{iccid}/sms/{id}", &[i, id]),
        ("DELETE", ["v1", "sims", i, "sms", id]) => {
            r(V1DeleteSms, "/v1/sims/{iccid}/sms/{id}", &[i, id])
        }
        ("POST", ["v1", "sims", i, "topup"]) => r(V1TopUp, "/v1/sims/{iccid}/topup", &[i]),
        ("GET", ["v2", "sims"]) => r(V2ListSims, "/v2/sims", &[]),
        // Listed in 1NCE's v2 docs without a body; the sandbox takes v1's.
        ("POST", ["v2", "sims", "autoTopup"]) => r(V2AutoTopUp, "/v2/sims/autoTopup", &[]),
        ("GET", ["v2", "sims", i]) => r(V2GetSim, "/v2/sims/{iccid}", &[i]),
        ("PUT", ["v2", "sims", i]) => r(V2UpdateSim, "/v2/sims/{iccid}", &[i]),
        ("POST", ["v2", "sims", i, "reset"]) => r(V2Reset, "/v2/sims/{iccid}/reset", &[i]),
        ("GET", ["v2", "sims", i, "quota", "data"]) => {
            r(V2DataQuota, "/v2/sims/{iccid}/quota/data", &[i])
        }
        ("GET", ["v2", "sims", i, "quota", "sms"]) => {
            r(V2SmsQuota, "/v2/sims/{iccid}/quota/sms", &[i])
        }
        ("GET", ["v2", "sims", i, "status"]) => r(V2Status, "/v2/sims/{iccid}/status", &[i]),
        ("POST", ["v2", "sims", i, "sms"]) => r(V2SendSms, "/v2/sims/{iccid}/sms", &[i]),
        ("GET", ["v2", "sims", i, "sms"]) => r(V2ListSms, "/v2/sims/{iccid}/sms", &[i]),
        ("GET", ["v2", "sims", i, "sms", id]) => r(V2GetSms, "/v2/sims/{iccid}/sms/{id}", &[i, id]),
        ("DELETE", ["v2", "sims", i, "sms", id]) => {
            r(V2DeleteSms, "/v2/sims/{iccid}/sms/{id}", &[i, id])
        }
        ("GET", ["v2", "sims", i, "events"]) => r(V2Events, "/v2/sims/{iccid}/events", &[i]),
        ("POST", ["v2", "sims", i, "topup"]) => r(V2TopUp, "/v2/sims/{iccid}/topup", &[i]),
        ("GET", ["v1", "orders"]) => r(ListOrders, "/v1/orders", &[]),
        ("POST", ["v1", "orders"]) => r(CreateOrder, "/v1/orders", &[]),
        ("GET", ["v1", "orders", n]) => r(GetOrder, "/v1/orders/{order_number}", &[n]),
        ("GET", ["v1", "products"]) => r(ListProducts, "/v1/products", &[]),
        ("GET", ["v1", "support"]) => r(ListSupport, "/v1/support", &[]),
        ("POST", ["v1", "support"]) => r(CreateSupport, "/v1/support", &[]),
        _ => crate::os::resolve(method, path),
    }
}

/// A response to send.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl Reply {
    pub(crate) fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    pub(crate) fn empty(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: None,
        }
    }

    fn header(mut self, k: &str, v: impl ToString) -> Self {
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
}

/// An error body in the endpoint's shape.
pub(crate) fn error(style: Style, status: u16, code: &str, message: impl Into<String>) -> Reply {
    let message = message.into();
    Reply::json(
        status,
        match style {
            Style::V1 => json!({"statusCode": status, "errorCode": code, "message": message}),
            Style::V2 => json!({"error_code": 1000, "error_token": code, "message": message}),
            Style::Os => return crate::os::error(status, code, message),
        },
    )
}

/// What the operations counted, for [`Stats`](super::Stats).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Effects {
    pub top_ups: u64,
    pub sms_sent: u64,
    pub orders_created: u64,
    pub support_requests: u64,
}

/// One API request, decoded.
pub(crate) struct Call<'a> {
    pub route: &'a Route,
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
}

impl Call<'_> {
    fn style(&self) -> Style {
        self.route.style()
    }

    fn param(&self, k: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    }

    fn invalid(&self, message: impl Into<String>) -> Reply {
        match self.style() {
            Style::V2 => error(Style::V2, 400, "BadRequest", message),
            Style::V1 | Style::Os => error(Style::V1, 422, "ValidationError", message),
        }
    }

    fn not_found(&self, what: &str) -> Reply {
        match self.style() {
            Style::V2 => error(Style::V2, 404, "NotFound", "Element not found"),
            Style::V1 | Style::Os => error(Style::V1, 404, "NotFound", format!("{what} not found")),
        }
    }

    fn json_body(&self) -> Result<Value, Reply> {
        serde_json::from_slice(self.body).map_err(|e| match self.style() {
            Style::V2 => error(
                Style::V2,
                400,
                "BadRequest",
                format!("Invalid JSON body: {e}"),
            ),
            Style::V1 | Style::Os => error(
                Style::V1,
                400,
                "BodyValidationError",
                format!("Request body validation error: {e}"),
            ),
        })
    }

    fn sim(&self, world: &World) -> Result<usize, Reply> {
        let iccid = self.route.params.first().map_or("", String::as_str);
        world
            .find(iccid)
            .ok_or_else(|| self.not_found(&format!("SIM {iccid}")))
    }

    /// `page` and the page size, checked against the list's limits.
    fn paging(
        &self,
        size_param: &str,
        default: usize,
        max: usize,
    ) -> Result<(usize, usize), Reply> {
        let num = |name: &str, default: usize| -> Result<usize, Reply> {
            match self.param(name) {
                None => Ok(default),
                Some(v) => v.trim().parse::<usize>().map_err(|_| {
                    self.invalid(format!(
                        "Cannot parse parameter {name} as Int: For Input String \"{v}\""
                    ))
                }),
            }
        };
        let page = num("page", 1)?;
        let size = num(size_param, default)?;
        if page < 1 {
            return Err(self.invalid("page must be at least 1"));
        }
        if size < 1 || size > max {
            return Err(self.invalid(format!("{size_param} must be between 1 and {max}")));
        }
        Ok((page, size))
    }

    fn payment_method(&self) -> Result<(), Reply> {
        match self.param("payment_method") {
            None | Some("banktransfer" | "creditcard" | "monthlyinvoice" | "boleto") => Ok(()),
            Some(_) => Err(Reply::json(
                400,
                json!({"message": "Payment method used is not valid."}),
            )),
        }
    }
}

/// One page of `items` with 1NCE's `X-*` headers.
fn page_of<T: Clone>(items: &[T], page: usize, size: usize) -> (Vec<T>, Vec<(String, String)>) {
    let total = items.len();
    let pages = total.div_ceil(size);
    let start = (page - 1).saturating_mul(size).min(total);
    let end = (start + size).min(total);
    let headers = vec![
        ("X-Total-Count".to_string(), total.to_string()),
        ("X-Total-Pages".to_string(), pages.to_string()),
        ("X-Current-Page".to_string(), page.to_string()),
        ("X-Count-Per-Page".to_string(), size.to_string()),
    ];
    (items[start..end].to_vec(), headers)
}

/// One page of `items`, rendered, as a JSON array with the `X-*` headers.
fn paged<T: Clone>(items: &[T], page: usize, size: usize, render: impl Fn(&T) -> Value) -> Reply {
    let (slice, headers) = page_of(items, page, size);
    Reply {
        status: 200,
        headers,
        body: Some(Value::Array(slice.iter().map(render).collect())),
    }
}

/// Runs an operation against the world.
pub(crate) fn handle(world: &mut World, fx: &mut Effects, c: &Call<'_>) -> Reply {
    match run(world, fx, c) {
        Ok(r) | Err(r) => r,
    }
}

fn run(world: &mut World, fx: &mut Effects, c: &Call<'_>) -> Result<Reply, Reply> {
    use Op::*;
    let now = c.now;
    Ok(match c.route.op {
        Token | Os => error(
            Style::V1,
            500,
            "InternalServerError",
            "token or 1NCE OS endpoint misrouted",
        ),
        V1ListSims | V2ListSims => list_sims(world, c)?,
        V1GetSim | V2GetSim => Reply::json(200, json::sim(&world.sims[c.sim(world)?])),
        V1UpdateSim | V2UpdateSim => {
            let i = c.sim(world)?;
            check_live(world, c, &[i])?;
            let body = c.json_body()?;
            let change = sim_change(c, &body)?;
            apply_change(world, i, change, now);
            Reply::empty(200)
        }
        V1UpdateSims => {
            let body = c.json_body()?;
            let Some(list) = body.as_array() else {
                return Err(c.invalid("body must be a list of SIM changes"));
            };
            let mut changes = Vec::new();
            for item in list {
                let iccid = item.get("iccid").and_then(Value::as_str).unwrap_or("");
                let i = world
                    .find(iccid)
                    .ok_or_else(|| c.not_found(&format!("SIM {iccid}")))?;
                changes.push((i, sim_change(c, item)?));
            }
            let all: Vec<usize> = changes.iter().map(|(i, _)| *i).collect();
            check_live(world, c, &all)?;
            for (i, ch) in changes {
                apply_change(world, i, ch, now);
            }
            Reply::empty(201)
        }
        V1Status => Reply::json(200, json::status_v1(&world.sims[c.sim(world)?], now)),
        V2Status => Reply::json(200, json::status_v2(&world.sims[c.sim(world)?], now)),
        V1ConnectivityInfo => {
            let i = c.sim(world)?;
            let flag = |k: &str, d: bool| -> Result<bool, Reply> {
                match c.param(k) {
                    None => Ok(d),
                    Some("true") => Ok(true),
                    Some("false") => Ok(false),
                    Some(v) => Err(c.invalid(format!("{k} must be true or false, got {v:?}"))),
                }
            };
            let subscriber = flag("subscriber", true)?;
            let ussd = flag("ussd", false)?;
            Reply::json(
                200,
                json::connectivity_info(&world.sims[i], subscriber, ussd, now),
            )
        }
        V1Reset | V2Reset => {
            let i = c.sim(world)?;
            check_live(world, c, &[i])?;
            world.record(i, EventKind::Reset, now);
            world.record(i, EventKind::PdpDeleted, now);
            Reply::empty(201)
        }
        V1Events | V2Events => {
            let i = c.sim(world)?;
            let (page, size) = c.paging("pageSize", 10, 1000)?;
            let s = &world.sims[i];
            let mut events: Vec<_> = s.events.iter().collect();
            // A comma-separated list of keys, `-` for descending (the spec's
            // example is `-timestamp,id`); events are kept in timestamp and
            // id order, so the first key decides.
            if let Some(sort) = c.param("sort").filter(|s| !s.is_empty()) {
                let keys: Vec<&str> = sort.split(',').map(str::trim).collect();
                if let Some(bad) = keys
                    .iter()
                    .find(|k| !matches!(k.trim_start_matches('-'), "timestamp" | "id"))
                {
                    return Err(c.invalid(format!("cannot sort events by {bad:?} (timestamp, id)")));
                }
                if keys.first().is_some_and(|k| k.starts_with('-')) {
                    events.reverse();
                }
            }
            if c.route.op == V1Events {
                let total = events.len();
                let all: Vec<Value> = events.iter().map(|e| json::event_v1(s, e)).collect();
                let (slice, headers) = page_of(&all, page, size);
                Reply {
                    status: 200,
                    headers,
                    body: Some(json!({
                        "events": slice,
                        "totalEvents": total,
                        "totalPages": total.div_ceil(size),
                    })),
                }
            } else {
                paged(&events, page, size, |e| json::event_v2(s, e))
            }
        }
        V1Usage => {
            let i = c.sim(world)?;
            let date = |k: &str| -> Result<Option<NaiveDate>, Reply> {
                match c.param(k) {
                    None | Some("") => Ok(None),
                    Some(v) => parse_day(v).map(Some).ok_or_else(|| {
                        c.invalid(format!("{k} must be a date (YYYY-MM-DD), got {v:?}"))
                    }),
                }
            };
            let from = date("start_dt")?;
            let to = date("end_dt")?;
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    return Err(c.invalid("start_dt must not be after end_dt"));
                }
            }
            let days = world.sims[i]
                .usage
                .iter()
                .filter(|(d, _)| from.is_none_or(|f| **d >= f) && to.is_none_or(|t| **d <= t));
            Reply::json(200, json::usage(days))
        }
        V1DataQuota => Reply::json(200, json::quota_v1(&world.sims[c.sim(world)?].data)),
        V1SmsQuota => Reply::json(200, json::quota_v1(&world.sims[c.sim(world)?].sms)),
        V2DataQuota => Reply::json(
            200,
            json::quota_v2(&world.sims[c.sim(world)?].data, "data", now),
        ),
        V2SmsQuota => Reply::json(
            200,
            json::quota_v2(&world.sims[c.sim(world)?].sms, "sms", now),
        ),
        V1ListSms | V2ListSms => {
            let i = c.sim(world)?;
            let (page, size) = if c.route.op == V1ListSms {
                c.paging("pageSize", 10, 100)?
            } else {
                c.paging("per_page", 20, 1000)?
            };
            let s = &world.sims[i];
            let mut msgs: Vec<_> = s.sms_messages.iter().collect();
            match c.param("sort") {
                None | Some("") | Some("id") | Some("submit_date") => {}
                Some("-id") | Some("-submit_date") => msgs.reverse(),
                Some(v) => return Err(c.invalid(format!("cannot sort SMS by {v:?}"))),
            }
            paged(&msgs, page, size, |m| {
                if c.route.op == V1ListSms {
                    json::sms_v1(s, m)
                } else {
                    json::sms_v2(s, m)
                }
            })
        }
        V1SendSms | V2SendSms => {
            let i = c.sim(world)?;
            check_live(world, c, &[i])?;
            let body = c.json_body()?;
            let msg = sms_request(c, &body)?;
            let id = world.send_sms(i, msg, now);
            fx.sms_sent += 1;
            if c.route.op == V2SendSms {
                Reply::json(201, json!({"id": id.to_string()}))
            } else {
                Reply::empty(201)
            }
        }
        V1GetSms | V2GetSms | V1DeleteSms | V2DeleteSms => {
            let i = c.sim(world)?;
            let raw = c.route.params.get(1).map_or("", String::as_str);
            let id: u64 = raw
                .parse()
                .map_err(|_| c.invalid(format!("SMS id must be a number, got {raw:?}")))?;
            let s = &world.sims[i];
            let pos = s
                .sms_messages
                .iter()
                .position(|m| m.id == id)
                .ok_or_else(|| c.not_found(&format!("SMS {id}")))?;
            match c.route.op {
                V1GetSms => Reply::json(200, json::sms_v1(s, &s.sms_messages[pos])),
                V2GetSms => Reply::json(200, json::sms_v2(s, &s.sms_messages[pos])),
                op => {
                    world.sims[i].sms_messages.remove(pos);
                    if op == V2DeleteSms {
                        Reply::json(200, json!({"id": id.to_string()}))
                    } else {
                        Reply::empty(200)
                    }
                }
            }
        }
        V1TopUp | V2TopUp => {
            c.payment_method()?;
            let i = c.sim(world)?;
            check_live(world, c, &[i])?;
            let order = world.top_up(&[i], now);
            fx.top_ups += 1;
            Reply::empty(201).header("Location", format!("{}/v1/orders/{order}", c.base_url))
        }
        V1TopUpMany => {
            c.payment_method()?;
            let body = c.json_body()?;
            let sims = iccid_list(world, c, Some(&body))?;
            if sims.is_empty() {
                return Err(c.invalid("the list of ICCIDs must not be empty"));
            }
            check_live(world, c, &sims)?;
            let order = world.top_up(&sims, now);
            fx.top_ups += sims.len() as u64;
            Reply::empty(201).header("Location", format!("{}/v1/orders/{order}", c.base_url))
        }
        V1AutoTopUp | V2AutoTopUp => {
            let body = c.json_body()?;
            let Some(enabled) = body.get("enabled").and_then(Value::as_bool) else {
                return Err(c.invalid("enabled must be true or false"));
            };
            let sims = iccid_list(world, c, body.get("iccids"))?;
            check_live(world, c, &sims)?;
            for i in sims {
                world.sims[i].auto_top_up = enabled;
            }
            Reply::empty(201)
        }
        V1GetLimits => Reply::json(200, json::limits(&world.limits, None)),
        V1ServiceLimits => {
            let key = match c.route.params.first().map(String::as_str) {
                Some("data") => "data",
                Some("smsMO") => "smsMo",
                Some("smsMT") => "smsMt",
                other => {
                    return Err(c.invalid(format!(
                        "service must be data, smsMO or smsMT, got {:?}",
                        other.unwrap_or("")
                    )))
                }
            };
            Reply::json(200, json::limits(&world.limits, Some(key)))
        }
        V1SetLimits => {
            let body = c.json_body()?;
            let mut limits = world.limits;
            for (field, table, slot) in [
                ("dataLimitId", &DATA_LIMITS[..], &mut limits.data),
                ("smsMtLimitId", &SMS_LIMITS[..], &mut limits.sms_mt),
                ("smsMoLimitId", &SMS_LIMITS[..], &mut limits.sms_mo),
            ] {
                match body.get(field) {
                    None | Some(Value::Null) => {}
                    Some(v) => {
                        let id = v.as_u64().unwrap_or(0);
                        if !table.iter().any(|(i, _)| u64::from(*i) == id) {
                            return Err(c.invalid(format!("{field} {v} is not a selectable limit")));
                        }
                        *slot = id as u32;
                    }
                }
            }
            world.limits = limits;
            Reply::empty(201)
        }
        V1Extension => {
            c.payment_method()?;
            let body = c.json_body()?;
            // Without a productId the SIM's current product (1001, 120
            // months) is extended, as the spec says.
            let product = body.get("productId").map_or(Some(1001), Value::as_u64);
            let months = match product.and_then(|p| world.products.iter().find(|x| x.id == p)) {
                Some(p) if p.min_contract_duration > 0 => p.min_contract_duration,
                _ => {
                    return Err(error(
                        Style::V1,
                        400,
                        "BadRequest",
                        "productId is not an extension product",
                    ))
                }
            };
            let sims = iccid_list(world, c, body.get("iccids"))?;
            if sims.is_empty() {
                return Err(error(
                    Style::V1,
                    400,
                    "BadRequest",
                    "iccids must not be empty",
                ));
            }
            for i in sims {
                world.extend(i, months, now);
            }
            Reply::empty(201)
        }
        V1Transfer => {
            let body = c.json_body()?;
            if body
                .get("target_organisation")
                .and_then(Value::as_u64)
                .is_none()
            {
                return Err(c.invalid("target_organisation must be an organisation id"));
            }
            let mut sims = match body.get("iccids") {
                None | Some(Value::Null) => Vec::new(),
                Some(v) => iccid_list(world, c, Some(v))?,
            };
            for range in body
                .get("iccid_ranges")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let (Some(from), Some(to)) = (
                    range.get("from").and_then(Value::as_str),
                    range.get("to").and_then(Value::as_str),
                ) else {
                    return Err(c.invalid("each iccid range needs from and to"));
                };
                let hit: Vec<usize> = (0..world.sims.len())
                    .filter(|&i| {
                        let s = world.sims[i].iccid.as_str();
                        s >= from && s <= to
                    })
                    .collect();
                if hit.is_empty() {
                    return Err(c.not_found(&format!("SIMs {from}..{to}")));
                }
                sims.extend(hit);
            }
            if sims.is_empty() {
                return Err(c.invalid("no SIMs to transfer"));
            }
            sims.sort_unstable();
            sims.dedup();
            for i in sims.into_iter().rev() {
                world.sims.remove(i);
            }
            world.reindex();
            Reply::empty(201)
        }
        ListOrders => {
            let (page, size) = c.paging("pageSize", 10, 10)?;
            let mut orders: Vec<_> = world.orders.iter().collect();
            let sort = c.param("sort").unwrap_or("order_number");
            for key in sort.split(',').rev().filter(|k| !k.is_empty()) {
                let (desc, field) = match key.strip_prefix('-') {
                    Some(f) => (true, f),
                    None => (false, key),
                };
                let cmp = |a: &&super::state::Order, b: &&super::state::Order| match field {
                    "order_number" => Some(a.order_number.cmp(&b.order_number)),
                    "order_date" => Some(a.order_date.cmp(&b.order_date)),
                    "order_status" => Some(a.order_status.cmp(b.order_status)),
                    "order_type" => Some(a.order_type.cmp(b.order_type)),
                    _ => None,
                };
                if orders.len() > 1 && cmp(&orders[0], &orders[1]).is_none() {
                    return Err(c.invalid(format!("cannot sort orders by {field:?}")));
                }
                orders.sort_by(|a, b| {
                    let o = cmp(a, b).unwrap_or(std::cmp::Ordering::Equal);
                    if desc {
                        o.reverse()
                    } else {
                        o
                    }
                });
            }
            paged(&orders, page, size, |o| json::order(o, c.base_url))
        }
        GetOrder => {
            let raw = c.route.params.first().map_or("", String::as_str);
            let n: u64 = raw
                .parse()
                .map_err(|_| c.invalid(format!("order_number must be a number, got {raw:?}")))?;
            let o = world
                .orders
                .iter()
                .find(|o| o.order_number == n)
                .ok_or_else(|| c.not_found(&format!("Order {n}")))?;
            Reply::json(200, json::order(o, c.base_url))
        }
        CreateOrder => {
            let body = c.json_body()?;
            let Some(items) = body
                .get("products")
                .and_then(Value::as_array)
                .filter(|p| !p.is_empty())
            else {
                return Err(c.invalid("products must list at least one product"));
            };
            let mut products = Vec::new();
            let mut amount = 0.0;
            for item in items {
                let id = item.get("productId").and_then(Value::as_u64).unwrap_or(0);
                let qty = item.get("quantity").and_then(Value::as_u64).unwrap_or(0);
                let Some(p) = world.products.iter().find(|p| p.id == id) else {
                    return Err(c.invalid(format!("unknown productId {id}")));
                };
                if qty < 1 {
                    return Err(c.invalid("quantity must be at least 1"));
                }
                amount += p.price * qty as f64;
                products.push((id, qty));
            }
            // Only `products` is required (order-management.yml); without an
            // address 1NCE ships to the account's address.
            let address = body
                .get("delivery_address")
                .filter(|a| a.is_object())
                .cloned()
                .unwrap_or_else(|| serde_json::json!({}));
            let reference = body
                .get("customer_reference")
                .and_then(Value::as_str)
                .map(str::to_string);
            let n = world.add_order(
                "ADDITIONAL_ORDER",
                "IN_PROGRESS",
                Vec::<OrderSim>::new(),
                products,
                amount,
                address,
                reference,
                now,
            );
            fx.orders_created += 1;
            Reply::json(201, body.clone())
                .header("Location", format!("{}/v1/orders/{n}", c.base_url))
        }
        ListProducts => Reply::json(
            200,
            Value::Array(world.products.iter().map(json::product).collect()),
        ),
        ListSupport => {
            let (page, size) = c.paging("pageSize", 1, 100)?;
            let cases: Vec<_> = world.cases.iter().rev().collect();
            paged(&cases, page, size, |c| json::case(c))
        }
        CreateSupport => {
            let body = c.json_body()?;
            let field = |k: &str| {
                body.get(k)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .unwrap_or("")
            };
            // The spec requires no field; a request without subject or text
            // says nothing, so those two are required here.
            for k in ["subject", "text"] {
                if field(k).is_empty() {
                    return Err(c.invalid(format!("{k} is required")));
                }
            }
            if !field("replyToMail").is_empty() && !field("replyToMail").contains('@') {
                return Err(c.invalid("replyToMail must be an e-mail address"));
            }
            let id = world.cases.iter().map(|c| c.case_id).max().unwrap_or(0) + 1;
            world.cases.push(super::state::SupportCase {
                case_id: id,
                subject: field("subject").to_string(),
                text: field("text").to_string(),
                status: "OPEN",
                created: now,
                solved: None,
                sender_name: field("senderName").to_string(),
                reply_to: field("replyToMail").to_string(),
            });
            fx.support_requests += 1;
            Reply::empty(201)
        }
    })
}

/// 1NCE refuses changes to SIMs whose lifetime has ended; only extensions
/// are permitted (v1 422, v2 409).
fn check_live(world: &World, c: &Call<'_>, sims: &[usize]) -> Result<(), Reply> {
    let expired: Vec<&str> = sims
        .iter()
        .filter_map(|&i| world.sims.get(i))
        .filter(|s| s.data.expired(c.now))
        .map(|s| s.iccid.as_str())
        .collect();
    if expired.is_empty() {
        return Ok(());
    }
    let list = expired.join(", ");
    Err(match c.style() {
        Style::V1 | Style::Os => error(
            Style::V1,
            422,
            "SimExpired",
            format!("The following SIMs are expired and cannot be modified via API. Only extensions are permitted: {list}"),
        ),
        Style::V2 => error(
            Style::V2,
            409,
            "Conflict",
            format!("SIM {list} is expired; only extensions are permitted"),
        ),
    })
}

fn parse_day(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d").ok()
}

fn iccid_list(world: &World, c: &Call<'_>, v: Option<&Value>) -> Result<Vec<usize>, Reply> {
    let Some(list) = v.and_then(Value::as_array) else {
        return Err(c.invalid("iccids must be a list of ICCIDs"));
    };
    list.iter()
        .map(|x| {
            let iccid = x.as_str().unwrap_or("");
            world
                .find(iccid)
                .ok_or_else(|| c.not_found(&format!("SIM {iccid}")))
        })
        .collect()
}

/// A SIM change: label, IMEI lock, status.
#[derive(Default)]
struct SimChange {
    label: Option<String>,
    imei_lock: Option<bool>,
    enabled: Option<bool>,
}

fn sim_change(c: &Call<'_>, body: &Value) -> Result<SimChange, Reply> {
    if !body.is_object() {
        return Err(c.invalid("body must be an object"));
    }
    let mut ch = SimChange::default();
    match body.get("label") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.chars().count() <= 255 => ch.label = Some(s.clone()),
        Some(_) => return Err(c.invalid("label must be a string of at most 255 characters")),
    }
    match body.get("imei_lock") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => ch.imei_lock = Some(*b),
        Some(_) => return Err(c.invalid("imei_lock must be true or false")),
    }
    match body.get("status") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "Enabled" => ch.enabled = Some(true),
        Some(Value::String(s)) if s == "Disabled" => ch.enabled = Some(false),
        Some(_) => return Err(c.invalid("status must be Enabled or Disabled")),
    }
    Ok(ch)
}

fn apply_change(world: &mut World, i: usize, ch: SimChange, now: DateTime<Utc>) {
    let mut event = None;
    if let Some(s) = world.sims.get_mut(i) {
        if let Some(l) = ch.label {
            s.label = Some(l);
        }
        if let Some(b) = ch.imei_lock {
            s.imei_lock = b;
        }
        if let Some(e) = ch.enabled {
            if e != s.enabled {
                s.enabled = e;
                if !e {
                    s.connectivity = super::state::Connectivity::Offline;
                }
                event = Some(if e {
                    EventKind::Enabled
                } else {
                    EventKind::Disabled
                });
            }
        }
    }
    if let Some(k) = event {
        world.record(i, k, now);
    }
}

fn sms_request(c: &Call<'_>, body: &Value) -> Result<SmsMessage, Reply> {
    let Some(payload) = body
        .get("payload")
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
    else {
        return Err(c.invalid("payload is required"));
    };
    let dcs = match body.get("dcs") {
        None | Some(Value::Null) => 0,
        Some(v) => match v.as_u64() {
            Some(d @ (0 | 4 | 8)) => d as u32,
            _ => return Err(c.invalid("dcs must be 0, 4 or 8")),
        },
    };
    let is_hex = |s: &str| s.len().is_multiple_of(2) && s.bytes().all(|b| b.is_ascii_hexdigit());
    let udh = match body.get("udh") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(u)) if is_hex(u) => u.clone(),
        Some(_) => return Err(c.invalid("udh must be a hex string")),
    };
    if dcs == 0 && payload.chars().count() > 160 {
        return Err(c.invalid("payload must be at most 160 characters"));
    }
    if dcs != 0 && (!is_hex(payload) || payload.len() > 280) {
        return Err(c.invalid("payload must be at most 140 octets of hex for dcs 4 and 8"));
    }
    let address_type = match body.get("source_address_type").and_then(|t| t.get("id")) {
        None | Some(Value::Null) => 161,
        Some(v) => match v.as_u64() {
            Some(t @ (145 | 161 | 208)) => t as u32,
            _ => return Err(c.invalid("source_address_type.id must be 145, 161 or 208")),
        },
    };
    let expiry = match body.get("expiry_date") {
        None | Some(Value::Null) => c.now + Days::days(1),
        Some(Value::String(s)) => once_sdk::types::Timestamp::parse_lenient(s)
            .map(|t| t.as_datetime())
            .ok_or_else(|| c.invalid(format!("expiry_date {s:?} is not a date-time")))?,
        Some(_) => return Err(c.invalid("expiry_date must be a date-time string")),
    };
    Ok(SmsMessage {
        id: 0,
        submit_date: c.now,
        delivery_date: None,
        expiry_date: expiry,
        status: SmsStatus::Pending,
        mobile_originated: false,
        source_address: body
            .get("source_address")
            .and_then(Value::as_str)
            .unwrap_or("1234567890")
            .to_string(),
        source_address_type: address_type,
        dcs,
        udh,
        payload: payload.to_string(),
    })
}

fn list_sims(world: &World, c: &Call<'_>) -> Result<Reply, Reply> {
    let (page, size) = c.paging("pageSize", 10, 100)?;
    let mut sims: Vec<_> = world.sims.iter().collect();
    if let Some(q) = c.param("q").filter(|q| !q.is_empty()) {
        for clause in q.split(',') {
            let Some((field, value)) = clause.split_once(':') else {
                return Err(c.invalid(format!("filter {clause:?} must be field:value")));
            };
            match field {
                "imei" => sims.retain(|s| s.imei.as_deref().is_some_and(|i| i.contains(value))),
                "ip_address" => sims.retain(|s| s.ip_address == value),
                _ => {
                    return Err(c.invalid(format!("cannot filter by {field:?} (imei, ip_address)")))
                }
            }
        }
    }
    if let Some(sort) = c.param("sort").filter(|s| !s.is_empty()) {
        for key in sort.split(',').rev() {
            let (desc, field) = match key.strip_prefix('-') {
                Some(f) => (true, f),
                None => (false, key),
            };
            match field {
                "imei" => sims.sort_by(|a, b| a.imei.cmp(&b.imei)),
                "ip_address" => sims.sort_by_key(|s| {
                    s.ip_address
                        .parse::<std::net::Ipv4Addr>()
                        .map(u32::from)
                        .unwrap_or(0)
                }),
                "iccid" => sims.sort_by(|a, b| a.iccid.cmp(&b.iccid)),
                _ => return Err(c.invalid(format!("cannot sort by {field:?} (imei, ip_address)"))),
            }
            if desc {
                sims.reverse();
            }
        }
    }
    Ok(paged(&sims, page, size, |s| json::sim(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation of the six OpenAPI documents (43), as written there.
    const SPEC_OPERATIONS: [(&str, &str); 43] = [
        ("POST", "/oauth/token"),
        ("GET", "/v1/sims"),
        ("POST", "/v1/sims"),
        ("GET", "/v1/sims/{iccid}"),
        ("PUT", "/v1/sims/{iccid}"),
        ("GET", "/v1/sims/{iccid}/status"),
        ("POST", "/v1/sims/simTransfer"),
        ("GET", "/v1/sims/{iccid}/connectivity_info"),
        ("POST", "/v1/sims/{iccid}/reset"),
        ("GET", "/v1/sims/{iccid}/events"),
        ("GET", "/v1/sims/{iccid}/usage"),
        ("GET", "/v1/sims/{iccid}/quota/data"),
        ("GET", "/v1/sims/{iccid}/quota/sms"),
        ("GET", "/v1/sims/{iccid}/sms"),
        ("POST", "/v1/sims/{iccid}/sms"),
        ("GET", "/v1/sims/{iccid}/sms/{id}"),
        ("DELETE", "/v1/sims/{iccid}/sms/{id}"),
        ("POST", "/v1/sims/{iccid}/topup"),
        ("POST", "/v1/sims/topup"),
        ("POST", "/v1/sims/autoTopup"),
        ("GET", "/v1/sims/limits"),
        ("POST", "/v1/sims/limits"),
        ("GET", "/v1/sims/{service}/limits"),
        ("POST", "/v1/sims/extension"),
        ("GET", "/v2/sims"),
        ("GET", "/v2/sims/{iccid}"),
        ("PUT", "/v2/sims/{iccid}"),
        ("POST", "/v2/sims/{iccid}/reset"),
        ("GET", "/v2/sims/{iccid}/quota/data"),
        ("GET", "/v2/sims/{iccid}/quota/sms"),
        ("GET", "/v2/sims/{iccid}/status"),
        ("POST", "/v2/sims/{iccid}/sms"),
        ("GET", "/v2/sims/{iccid}/sms"),
        ("GET", "/v2/sims/{iccid}/sms/{id}"),
        ("DELETE", "/v2/sims/{iccid}/sms/{id}"),
        ("GET", "/v2/sims/{iccid}/events"),
        ("POST", "/v2/sims/{iccid}/topup"),
        ("GET", "/v1/orders"),
        ("POST", "/v1/orders"),
        ("GET", "/v1/orders/{order_number}"),
        ("GET", "/v1/products"),
        ("GET", "/v1/support"),
        ("POST", "/v1/support"),
    ];

    #[test]
    fn every_spec_operation_has_a_route_with_its_template() {
        let mut ops = std::collections::HashSet::new();
        for (method, template) in SPEC_OPERATIONS {
            let path = template
                .replace("{iccid}", "8988280666000000000")
                .replace("{id}", "123")
                .replace("{service}", "smsMO")
                .replace("{order_number}", "1234");
            let route = resolve(method, &path).unwrap_or_else(|| panic!("{method} {path}"));
            assert_eq!(route.template, template, "{method} {path}");
            assert!(
                ops.insert(route.op),
                "{method} {template} shares {:?}",
                route.op
            );
        }
        assert_eq!(ops.len(), 43);
        assert!(resolve("PATCH", "/v2/sims/8988280666000000000").is_none());
        assert!(resolve("GET", "/v3/sims").is_none());
    }
}
