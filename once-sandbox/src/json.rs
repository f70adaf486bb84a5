//! The wire shapes, written with `json!` from the OpenAPI documents (not
//! from the SDK's model types, so that the sandbox is a second opinion).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use super::state::{
    Connectivity, DayUsage, Event, Limits, Order, Product, Quota, SimCard, SmsMessage, SupportCase,
    DATA_LIMITS, SMS_LIMITS,
};

/// `2018-03-09T07:59:09.000+0000`, as 1NCE writes SIM dates.
pub(crate) fn ts_offset(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%z").to_string()
}

/// `2029-01-01T00:00:00.000Z`.
pub(crate) fn ts_z(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `2023-08-06 09:59:05` (no zone), as 1NCE writes location updates.
pub(crate) fn ts_plain(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn opt_ts(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| Value::String(ts_offset(t)))
}

fn quota_status_sim(q: &Quota) -> Value {
    let description = match q.level() {
        0 => "More than 20% available",
        1 => "Less than 20% available",
        _ => "No volume available",
    };
    let mut v = json!({"id": q.level(), "description": description});
    if q.threshold_reached_date.is_some() {
        v["threshold_reached_date"] = opt_ts(q.threshold_reached_date);
    }
    if q.quota_exceeded_date.is_some() {
        v["quota_exceeded_date"] = opt_ts(q.quota_exceeded_date);
    }
    v
}

/// `SIM_card` (v1) and `SimsSim` (v2) have the same shape.
pub(crate) fn sim(s: &SimCard) -> Value {
    json!({
        "iccid": s.iccid,
        "iccid_with_luhn": s.iccid_with_luhn,
        "imsi": s.imsi,
        "imsi_2": s.imsi_2,
        "current_imsi": s.current_imsi,
        "msisdn": s.msisdn,
        "imei": s.imei,
        "imei_lock": s.imei_lock,
        "status": if s.enabled { "Enabled" } else { "Disabled" },
        "activation_date": ts_offset(s.activation_date),
        "ip_address": s.ip_address,
        "current_quota": s.data.total_volume,
        "quota_status": quota_status_sim(&s.data),
        "current_quota_SMS": s.sms.total_volume,
        "quota_status_SMS": quota_status_sim(&s.sms),
        "label": s.label,
    })
}

/// v1 `Quota`.
pub(crate) fn quota_v1(q: &Quota) -> Value {
    json!({
        "volume": q.volume,
        "total_volume": q.total_volume,
        "expiry_date": ts_z(q.expiry_date),
        "peak_throughput": 1_000_000,
        "last_volume_added": q.last_volume_added,
        "last_status_change_date": ts_z(q.last_status_change_date),
        "threshold_percentage": q.threshold_percentage,
    })
}

/// v2 `SimsQuota`. Status ids as the document's description has them:
/// 0 EXHAUSTED, 1 ACTIVE, 2 EXPIRED.
pub(crate) fn quota_v2(q: &Quota, service: &str, now: DateTime<Utc>) -> Value {
    let (id, description) = if q.expired(now) {
        (2, "EXPIRED")
    } else if q.volume <= 0.0 {
        (0, "EXHAUSTED")
    } else {
        (1, "ACTIVE")
    };
    json!({
        "id": q.id,
        "status": {"id": id, "description": description},
        "volume": q.volume,
        "total_volume": q.total_volume,
        "accumulated_total_volume": q.accumulated_total_volume,
        "last_volume_added": q.last_volume_added,
        "service": service,
        "threshold_percentage": q.threshold_percentage,
        "threshold_volume": q.threshold_volume(),
        "expiry_date": ts_z(q.expiry_date),
        "created_at": q.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    })
}

const OPERATOR: (&str, &str, &str, &str) = ("2", "T-Mobile", "262", "01");

fn location_v1(s: &SimCard, now: DateTime<Utc>) -> Value {
    json!({
        "iccid": s.iccid,
        "imsi": s.current_imsi,
        "last_updated": ts_offset(now),
        "last_updated_gprs": ts_offset(now),
        "sgsn_number": "491600300000",
        "vlr_number": "491710000000",
        "vlr_number_np": "1",
        "msc_number_np": "1",
        "sgsn_number_np": "1",
        "operator_id": OPERATOR.0,
        "msc": "491710300000",
        "sgsn_ip_address": "10.255.0.1",
        "operator": {"id": OPERATOR.0, "name": OPERATOR.1,
            "country": {"id": "74", "name": "Germany", "iso-code": "de"}},
        "country": {"country_id": "74", "name": "Germany", "country_code": "49",
            "mcc": OPERATOR.2, "iso-code": "de", "latitude": "51", "longitude": "9"},
    })
}

/// v1 `GET /v1/sims/{iccid}/status`.
pub(crate) fn status_v1(s: &SimCard, now: DateTime<Utc>) -> Value {
    let mut v = json!({
        "status": s.connectivity.as_str(),
        "location": location_v1(s, now),
        "services": services(s),
    });
    if s.connectivity == Connectivity::Online {
        v["pdp_context"] = json!({
            "pdp_context_id": format!("{}", 1_898_708_000 + s.id),
            "endpoint_id": format!("{}", 10_458_000 + s.id),
            "tariff_profile_id": "129700",
            "tariff_id": "442",
            "ratezone_id": "2171",
            "organisation_id": "26000",
            "imsi_id": format!("{}", 1_610_000 + s.id),
            "imsi": s.current_imsi,
            "sim_id": format!("{}", s.id),
            "teid_data_plane": "153329900",
            "teid_control_plane": "153329900",
            "gtp_version": "1",
            "nsapi": "5",
            "sgsn_control_plane_ip_address": "10.255.0.1",
            "sgsn_data_plane_ip_address": "10.255.0.2",
            "ggsn_control_plane_ip_address": "10.255.1.1",
            "ggsn_data_plane_ip_address": "10.255.1.2",
            "created": ts_plain(now),
            "mcc": OPERATOR.2,
            "mnc": OPERATOR.3,
            "lac": "1234",
            "ci": "5678",
            "sac": null,
            "rac": "1",
            "ue_ip_address": s.ip_address,
            "imeisv": s.imei,
            "rat_type": {"rat_type_id": "6", "description": "EUTRAN"},
            "duration": "00:10:00",
            "region": "eu-central-1",
        });
    }
    v
}

fn services(s: &SimCard) -> Value {
    match s.connectivity {
        Connectivity::Online => json!(["GPRS", "SMS"]),
        Connectivity::Attached => json!(["SMS"]),
        Connectivity::Offline => json!([]),
    }
}

/// v2 `SimsConnectivityDetail`.
pub(crate) fn status_v2(s: &SimCard, now: DateTime<Utc>) -> Value {
    let limit = if s.data.volume <= 0.0 {
        "REACHED"
    } else {
        "NOT_REACHED"
    };
    let pdp = if s.connectivity == Connectivity::Online {
        json!([{
            "pdp_context_id": format!("{}", 92_000 + s.id),
            "endpoint_id": format!("{}", s.id),
            "tariff_id": "34",
            "ratezone_id": "70",
            "organisation_id": "2",
            "imsi_id": format!("{}", 600 + s.id),
            "imsi": s.current_imsi,
            "sim_id": format!("{}", s.id),
            "tx_teid_data_plane": "7116",
            "tx_teid_control_plane": "7116",
            "rx_teid": "7116",
            "rx_teid_data_plane": "7116",
            "rx_teid_control_plane": "7116",
            "gtp_version": "2",
            "nsapi": "5",
            "sgsn_control_plane_ip_address": "10.255.0.1",
            "sgsn_data_plane_ip_address": "10.255.0.2",
            "ggsn_control_plane_ip_address": "10.255.1.1",
            "ggsn_data_plane_ip_address": "10.255.1.2",
            "created": ts_plain(now),
            "mcc": OPERATOR.2,
            "mnc": OPERATOR.3,
            "lac": "1234",
            "ci": "5678",
            "sac": "0",
            "rac": "1",
            "ue_ip_address": s.ip_address,
            "imeisv": s.imei.clone().unwrap_or_default(),
            "rat_type": {"id": 6, "description": "EUTRAN"},
            "region": "eu-central-1",
            "apn": "iot.1nce.net",
        }])
    } else {
        json!([])
    };
    json!({
        "status": {"description": s.connectivity.as_str()},
        "data_traffic_limit_state": {"description": limit},
        "location": {
            "iccid": s.iccid,
            "imsi": s.current_imsi,
            "last_updated": ts_plain(now),
            "sgsn_number": "120631.mmecd7.mmegi8002.mme.epc.mnc001.mcc262.3gppnetwork.org",
            "vlr_number": "491710000000",
            "operator_id": OPERATOR.0,
            "msc": "491770940000",
            "sgsn_ip_address": "10.255.0.1",
            "operator": {"id": 2, "name": OPERATOR.1, "mnc": OPERATOR.3,
                "country": {"id": 74, "name": "Germany", "iso_code": "de"}},
            "country": {"country_id": "74", "name": "Germany", "country_code": "49",
                "mcc": OPERATOR.2, "iso_code": "de"},
        },
        "pdp_contexts": pdp,
        "services": services(s),
    })
}

/// v1 `GET /v1/sims/{iccid}/connectivity_info`.
pub(crate) fn connectivity_info(
    s: &SimCard,
    subscriber: bool,
    ussd: bool,
    now: DateTime<Utc>,
) -> Value {
    let mut v = json!({
        "request_timestamp": ts_offset(now),
        "reply_timestamp": ts_offset(now),
    });
    if subscriber {
        let state = match s.connectivity {
            Connectivity::Online => "assumed_idle",
            Connectivity::Attached => "camelBusy",
            Connectivity::Offline => "not_provided_from_vlr",
        };
        let online = s.connectivity != Connectivity::Offline;
        v["subscriber_info"] = json!({
            "success": true,
            "state": state,
            "location": {
                "current_location_retrieved": online,
                "age_of_location": if online { 2 } else { 0 },
                "cell_global_id": {"cid": 5678, "lac": 1234, "mcc": OPERATOR.2, "mnc": OPERATOR.3},
            },
        });
    }
    if ussd {
        v["ussd_info"] = if s.connectivity == Connectivity::Offline {
            json!({"success": false, "error": "Request Timeout Error"})
        } else {
            json!({"success": true})
        };
    }
    v
}

/// v1 event.
pub(crate) fn event_v1(s: &SimCard, e: &Event) -> Value {
    json!({
        "timestamp": ts_offset(e.timestamp),
        "event_type": e.kind.v1(),
        "iccid": s.iccid,
        "imei": s.imei,
        "imsi": s.current_imsi,
        "country": "Germany",
        "operator": OPERATOR.1,
        "mcc": OPERATOR.2,
        "mnc": OPERATOR.3,
        "alert": e.kind.alert(),
        "event_severity": if e.kind.alert() { "Warning" } else { "Info" },
    })
}

/// v2 `Event`.
pub(crate) fn event_v2(s: &SimCard, e: &Event) -> Value {
    let (type_id, type_desc) = e.kind.v2();
    let (src_id, src_desc) = e.kind.source();
    let (sev_id, sev) = if e.kind.alert() {
        (1, "WARN")
    } else {
        (0, "INFO")
    };
    json!({
        "id": e.id,
        "event_type": {"id": type_id, "description": type_desc},
        "timestamp": ts_z(e.timestamp),
        "alert": e.kind.alert(),
        "user": if src_id == 2 { Value::from("api") } else { Value::Null },
        "description": type_desc,
        "event_source": {"id": src_id, "description": src_desc},
        "event_severity": {"id": sev_id, "description": sev},
        "organisation": {"id": 2, "name": "Sandbox Organisation"},
        "endpoint": {"id": s.id, "name": s.label.clone().unwrap_or_else(|| s.iccid.clone()),
            "ip_address": s.ip_address, "imei": s.imei},
        "sim": {"id": s.id, "iccid": s.iccid, "msisdn": s.msisdn},
        "imsi": {"id": 600 + s.id, "imsi": s.current_imsi},
    })
}

fn usage_part(volume: f64, rx: f64, tx: f64, unit: &str, decimals: usize) -> Value {
    json!({
        "cost": "0",
        "currency": {"id": 1, "symbol": "€", "code": "EUR"},
        "traffic_type": {"id": if unit == "MB" { 5 } else { 6 }, "unit": unit},
        "volume": format!("{volume:.decimals$}"),
        "volume_rx": format!("{rx:.decimals$}"),
        "volume_tx": format!("{tx:.decimals$}"),
    })
}

/// v1 usage: one row per day, then the `TOTAL` row 1NCE appends.
pub(crate) fn usage<'a>(days: impl Iterator<Item = (&'a NaiveDate, &'a DayUsage)>) -> Value {
    let mut rows = Vec::new();
    let mut total = DayUsage::default();
    for (date, u) in days {
        total.data_rx += u.data_rx;
        total.data_tx += u.data_tx;
        total.sms_mo += u.sms_mo;
        total.sms_mt += u.sms_mt;
        rows.push(usage_row(Value::String(format!("{date}T00:00:00.000Z")), u));
    }
    rows.push(usage_row(Value::String("TOTAL".into()), &total));
    json!({ "stats": rows })
}

fn usage_row(date: Value, u: &DayUsage) -> Value {
    json!({
        "date": date,
        "data": usage_part(u.data_rx + u.data_tx, u.data_rx, u.data_tx, "MB", 6),
        "sms": usage_part(u.sms_mo + u.sms_mt, u.sms_mt, u.sms_mo, "SMS", 0),
    })
}

/// v1 SMS (`retry_count` and `msc` as strings, like the document).
pub(crate) fn sms_v1(s: &SimCard, m: &SmsMessage) -> Value {
    let (status, _) = m.status.id_and_name();
    json!({
        "id": m.id,
        "submit_date": ts_z(m.submit_date),
        "delivery_date": m.delivery_date.map(ts_z),
        "expiry_date": ts_z(m.expiry_date),
        "final_date": m.delivery_date.map(ts_z),
        "retry_date": null,
        "last_delivery_attempt": m.delivery_date.map(ts_z),
        "retry_count": "0",
        "source_address": m.source_address,
        "iccid": s.iccid,
        "msisdn": s.msisdn,
        "imsi": s.current_imsi,
        "msc": "491600190000",
        "dcs": m.dcs,
        "udh": m.udh,
        "payload": m.payload,
        "status": {"id": status},
        "sms_type": {"id": if m.mobile_originated { 2 } else { 1 }},
        "source_address_type": {"id": m.source_address_type},
    })
}

fn address_type_name(id: u32) -> &'static str {
    match id {
        145 => "International",
        208 => "Alphanumeric",
        _ => "National",
    }
}

/// v2 `SimsSms`.
pub(crate) fn sms_v2(s: &SimCard, m: &SmsMessage) -> Value {
    let (status, status_name) = m.status.id_and_name();
    let (kind, kind_name) = if m.mobile_originated {
        (2, "MO")
    } else {
        (1, "MT")
    };
    json!({
        "submit_date": ts_z(m.submit_date),
        "delivery_date": m.delivery_date.map(ts_z),
        "expiry_date": ts_z(m.expiry_date),
        "final_date": m.delivery_date.map(ts_z),
        "retry_date": null,
        "last_delivery_attempt": m.delivery_date.map(ts_z),
        "retry_count": 0,
        "gsm_map_error": null,
        "dcs": m.dcs,
        "pid": 0,
        "source_address": m.source_address,
        "endpoint": {"id": s.id, "name": s.label.clone().unwrap_or_else(|| s.iccid.clone())},
        "sim_id": s.id,
        "iccid": s.iccid,
        "msisdn": s.msisdn,
        "imsi": s.current_imsi,
        "msc": 491_770_940_000u64,
        "udh": m.udh,
        "payload": m.payload,
        "id": m.id,
        "status": {"id": status, "description": status_name},
        "sms_type": {"id": kind, "description": kind_name},
        "source_address_type": {"id": m.source_address_type,
            "description": address_type_name(m.source_address_type)},
    })
}

/// `Values_for_Limits`; `only` restricts it to one service key.
pub(crate) fn limits(l: &Limits, only: Option<&str>) -> Value {
    let pick = |table: &[(u32, &str)], id: u32, unit: &str| {
        let limit = table
            .iter()
            .find(|(i, _)| *i == id)
            .map_or("0", |(_, v)| *v);
        json!({"id": id, "limit": limit, "unit": unit})
    };
    let all = [
        ("data", pick(&DATA_LIMITS, l.data, "MB")),
        ("smsMt", pick(&SMS_LIMITS, l.sms_mt, "SMS")),
        ("smsMo", pick(&SMS_LIMITS, l.sms_mo, "SMS")),
    ];
    let mut out = serde_json::Map::new();
    for (k, v) in all {
        if only.is_none_or(|o| o == k) {
            out.insert(k.to_string(), v);
        }
    }
    Value::Object(out)
}

/// An order, with `_links` pointing at the sandbox.
pub(crate) fn order(o: &Order, base_url: &str) -> Value {
    json!({
        "order_number": o.order_number,
        "order_type": o.order_type,
        "order_date": ts_offset(o.order_date),
        "order_status": o.order_status,
        "invoice_number": o.invoice_number,
        "invoice_amount": format!("{:.2}", o.invoice_amount),
        "currency": "EUR",
        "shipping_address": o.shipping_address,
        "customer_reference": o.customer_reference,
        "sims": o.sims.iter().map(|s| json!({
            "iccid": s.iccid,
            "_links": [{"rel": "self", "href": format!("{base_url}/v1/sims/{}", s.iccid)}],
        })).collect::<Vec<_>>(),
        "products": o.products.iter().map(|(id, q)| json!({"product_id": id, "quantity": q})).collect::<Vec<_>>(),
    })
}

/// A product of the catalogue.
pub(crate) fn product(p: &Product) -> Value {
    json!({
        "id": p.id,
        "product": p.name,
        "material": p.material,
        "package_size": 1,
        "minQuantity": 1,
        "maxQuantity": 100_000,
        "maxQuantityPerCustomer": 1_000_000,
        "min_contract_duration": p.min_contract_duration,
        "one_time_charges": [{"name": "provisionCharge", "amount_net": p.price, "currency": "EUR"}],
        "recurring_charges": [],
    })
}

/// A support case.
pub(crate) fn case(c: &SupportCase) -> Value {
    let mut comms = vec![json!({
        "communicationDate": ts_offset(c.created),
        "direction": "IN",
        "id": "1",
        "originator": c.sender_name,
        "subject": c.subject,
        "text": c.text,
        "type": "PORTAL",
    })];
    if let Some(solved) = c.solved {
        comms.push(json!({
            "communicationDate": ts_offset(solved),
            "direction": "OUT",
            "id": "2",
            "originator": "1NCE Support",
            "subject": format!("RE: {}", c.subject),
            "text": "Solved. Kind regards, your sandbox",
            "type": "MAIL_OUT",
        }));
    }
    json!({
        "caseId": c.case_id.to_string(),
        "communications": comms,
        "createDate": ts_offset(c.created),
        "solvedDate": c.solved.map(ts_offset),
        "status": c.status,
        "subject": c.subject,
        "text": c.text,
    })
}
