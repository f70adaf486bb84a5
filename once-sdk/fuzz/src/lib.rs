//! The bodies of the fuzz targets, as plain functions of the input bytes.
//!
//! `fuzz_targets/*.rs` hand them to libFuzzer (`cargo fuzz run NAME`), and
//! `tests/fuzz_smoke.rs` includes this file to drive the same bodies
//! from the committed seeds and a simple mutator without libFuzzer (the CI
//! smoke run, `scripts/fuzz-smoke.sh`). A body may see its input refused
//! (decoding errors are fine); it panics only when the SDK does something it
//! must never do: panic itself, produce a value that does not survive its own
//! serialization, or accept an identifier, timestamp or SMS it should refuse.
//!
//! Input of the response targets: the body, optionally preceded by a header
//! block. When the input starts with an ASCII letter and contains a blank
//! line, the lines before it are `name: value` headers (`status: NNN` sets
//! the HTTP status) and the rest is the body.

use std::fmt::Debug;

use once_sdk::fuzzing::Response;
use once_sdk::types::ids::{luhn_check_digit, luhn_valid};
use once_sdk::types::v1;
use once_sdk::{Iccid, Imei, Imsi, Msisdn, Sms, SourceAddressType, Timestamp};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A target's body.
pub type Body = fn(&[u8]);

/// A header of a response input: name and value.
pub type Header<'a> = (&'a [u8], &'a [u8]);

/// Every target: its name (the `cargo fuzz` target and the seed folder) and
/// its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("decode_v2", decode_v2),
    ("decode_v1", decode_v1),
    ("decode_orders", decode_orders),
    ("response_meta", response_meta),
    ("ids", ids),
    ("timestamp", timestamp),
    ("sms", sms),
    ("decode_stream", decode_stream),
];

/// Splits an input into status, headers and body (see the module doc).
pub fn split_response(data: &[u8]) -> (u16, Vec<Header<'_>>, &[u8]) {
    let mut status = 200;
    let mut headers = Vec::new();
    if !data.first().is_some_and(u8::is_ascii_alphabetic) {
        return (status, headers, data);
    }
    let Some(end) = data.windows(2).position(|w| w == b"\n\n") else {
        return (status, headers, data);
    };
    for line in data[..end].split(|&b| b == b'\n') {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"status") {
            if let Some(s) = std::str::from_utf8(value).ok().and_then(|v| v.parse().ok()) {
                status = s;
            }
        } else {
            headers.push((name, value));
        }
    }
    (status, headers, &data[end + 2..])
}

fn response(data: &[u8]) -> Response {
    let (status, headers, body) = split_response(data);
    Response::new(status, &headers, body)
}

/// Decodes the response as `T`. A decoded value must print, serialize, and
/// decode again from what it serialized to, to the same JSON: the sandbox
/// server sends the SDK's own serialization.
fn decode<T: DeserializeOwned + Serialize + Debug>(resp: &Response) {
    match resp.decode::<T>() {
        Ok(v) => {
            let _ = format!("{v:?}");
            round_trip(&v);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

fn round_trip<T: DeserializeOwned + Serialize + Debug>(v: &T) {
    let first = match serde_json::to_vec(v) {
        Ok(b) => b,
        Err(e) => panic!(
            "{} does not serialize: {e}: {v:?}",
            std::any::type_name::<T>()
        ),
    };
    let again: T = match Response::new(200, &[], &first).decode() {
        Ok(a) => a,
        Err(e) => panic!(
            "{} serialized as {} does not decode again: {e}",
            std::any::type_name::<T>(),
            String::from_utf8_lossy(&first)
        ),
    };
    let second = serde_json::to_vec(&again).unwrap_or_default();
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second),
        "{} changes on a serialize/decode round trip",
        std::any::type_name::<T>()
    );
}

/// Decodes the response as page `n` of a list, with the headers as sent.
fn page<T: DeserializeOwned + Debug>(resp: &Response) {
    if let Ok(p) = resp.page::<T>(3, 10) {
        let _ = (p.has_next(), p.len(), format!("{p:?}"));
    }
}

macro_rules! decode_all {
    ($resp:expr; $($t:ty),+ $(,)?) => {
        $(decode::<$t>($resp);)+
    };
}

/// Every response (and request) model of the v2 API, the enums, and the
/// pages of the v2 lists.
pub fn decode_v2(data: &[u8]) {
    use once_sdk::*;
    let resp = &response(data);
    decode_all!(resp;
        Sim, Quota, QuotaStatus, QuotaThreshold, SimUpdate, SimStatus, QuotaState, QuotaService,
        SimConnectivity, ConnectivityState, ConnectivityStatus, DataTrafficLimitState,
        DataTrafficLimit, SimLocation, Operator, Country, RatType, PdpContext, GtpV1Uli,
        GtpV2Uli, CellGlobalId, ServiceAreaId, RoutingAreaId,
        Event, EventCode, Organisation, EventEndpoint, EventSim, EventImsi, EventDetail,
        DataServiceFailureCause, RegionalPool, TapCode, NetworkCode, SessionVolume, EventQuota,
        QuotaThresholdLevel, VpnClient,
        SmsRecord, SmsReceipt, SmsStatus, SmsDirection, SmsStatusInfo, SmsType,
        SourceAddressTypeInfo, SmsEndpoint, Sms, SourceAddressType,
        TopUpOrder, PaymentMethod, Timestamp, Iccid, Imsi, Imei, Msisdn,
        Vec<Sim>, Vec<Event>, Vec<SmsRecord>,
    );
    page::<Sim>(resp);
    page::<Event>(resp);
    page::<SmsRecord>(resp);
}

/// Every model of orders, products and support requests, the pages of the
/// order and support lists, and the answer to a new order.
pub fn decode_orders(data: &[u8]) {
    use once_sdk::*;
    let resp = &response(data);
    decode_all!(resp;
        Order, OrderRequest, OrderedProduct, OrderType, Salutation, DeliveryAddress, SimLink,
        OrderSim, OrderProduct, Product, Charge, ServiceRequest, NewServiceRequest,
        Communication, ServiceRequestStatus, CommunicationDirection, CommunicationChannel,
        Vec<Order>, Vec<Product>, Vec<ServiceRequest>,
    );
    page::<Order>(resp);
    page::<ServiceRequest>(resp);
    let created = resp.order_created();
    let _ = format!("{created:?}");
    if let Some(order) = &created.order {
        round_trip(order);
    }
}

/// Every model of SIM management v1, and the pages of the v1 lists.
pub fn decode_v1(data: &[u8]) {
    use v1::*;
    let resp = &response(data);
    decode_all!(resp;
        Sim, SimUpdate, Quota, ConnectivityStatus, Connectivity, Operator, OperatorCountry,
        Country, Location, RatType, PdpContext, ConnectivityInfo, UssdInfo, SubscriberInfo,
        SubscriberLocation, CellGlobalId, Event, EventCollection, Currency, TrafficType, Traffic,
        DailyUsage, UsageTotal, Usage, Described, SmsRecord, Limit, Limits, LimitOptions,
        LimitService, SetLimits, PaymentMethod, AutoTopUp, Extension, IccidRange, Transfer,
        Vec<Sim>, Vec<Quota>, Vec<SmsRecord>, Vec<Limit>,
    );
    if let Ok(u) = resp.decode::<Usage>() {
        let _ = (u.data_volume(), u.sms_volume());
    }
    page::<Sim>(resp);
    page::<SmsRecord>(resp);
    if let Ok(p) = resp.v1_events_page(2, 10) {
        let _ = (p.has_next(), format!("{p:?}"));
    }
}

/// What the SDK reads besides a body: error bodies (every status), the
/// `Retry-After` header, the token answer, a top-up's `Location`.
pub fn response_meta(data: &[u8]) {
    let resp = response(data);
    let details = resp.error_details();
    assert!(
        details.body.chars().count() <= 4097,
        "error body kept beyond 4 KiB"
    );
    let retry_after = resp.retry_after();
    let errors = [
        once_sdk::Error::api(details.clone()),
        once_sdk::Error::auth(details.clone()),
        once_sdk::Error::rate_limited(details, retry_after),
    ];
    for e in &errors {
        let _ = (
            e.to_string(),
            format!("{e:?}"),
            e.status(),
            e.code(),
            e.message(),
        );
        let _ = (e.is_retryable(), e.retry_after());
    }
    match resp.token() {
        Ok(t) => {
            let _ = format!("{t:?}");
        }
        Err(e) => {
            // A token answer that does not decode must not show its token.
            let (_, _, body) = split_response(data);
            let token = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("access_token")?.as_str().map(str::to_string));
            let shown = format!("{e} {e:?}");
            if let Some(t) = token.filter(|t| t.len() >= 24) {
                assert!(!shown.contains(&t), "token shown in {shown}");
            }
        }
    }
    let order = resp.v1_top_up_order();
    let _ = order.order_number();
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn check_id<T>(s: &str)
where
    T: std::str::FromStr<Err = once_sdk::ValidationError>
        + std::fmt::Display
        + Debug
        + PartialEq
        + AsRef<str>
        + Serialize
        + DeserializeOwned,
{
    match s.parse::<T>() {
        Ok(id) => {
            assert!(
                s.bytes().all(|b| b.is_ascii_digit()),
                "accepted non-digits: {s:?}"
            );
            assert_eq!(id.to_string(), s, "display differs from the parsed text");
            assert_eq!(id.as_ref(), s);
            assert_eq!(s.parse::<T>().ok().as_ref(), Some(&id));
            let json = serde_json::to_vec(&id).unwrap_or_default();
            let back: Option<T> = serde_json::from_slice(&json).ok();
            assert_eq!(back.as_ref(), Some(&id), "JSON round trip");
        }
        Err(e) => {
            assert!(!e.rule.is_empty());
            let _ = e.to_string();
        }
    }
    // Decoding from a server is lenient: any string is kept as sent.
    let json = serde_json::to_vec(s).unwrap_or_default();
    if let Ok(v) = serde_json::from_slice::<T>(&json) {
        assert_eq!(v.as_ref(), s);
    }
}

/// The identifier parsers: accepted values round-trip and obey the rules.
pub fn ids(data: &[u8]) {
    let s = text(data);
    let s = s.as_ref();
    check_id::<Iccid>(s);
    check_id::<Imsi>(s);
    check_id::<Imei>(s);
    check_id::<Msisdn>(s);
    if s.parse::<Iccid>().is_ok() {
        assert!((19..=20).contains(&s.len()) && s.starts_with("89"));
        assert!(s.len() == 19 || luhn_valid(s));
    }
    if let Ok(i) = s.parse::<Imei>() {
        assert!(s.len() == 16 || (s.len() == 15 && luhn_valid(i.as_str())));
    }
    if s.len() <= 64 {
        if let Some(d) = luhn_check_digit(s) {
            assert!(luhn_valid(&format!("{s}{d}")), "check digit {d} for {s:?}");
        }
    }
}

/// The timestamp parser: `parse_lenient` and `FromStr` agree, and what is
/// accepted prints and serializes to something that parses back the same.
pub fn timestamp(data: &[u8]) {
    let s = text(data);
    let s = s.as_ref();
    let lenient = Timestamp::parse_lenient(s);
    let strict = s.parse::<Timestamp>();
    assert_eq!(
        lenient,
        strict.as_ref().ok().copied(),
        "parse_lenient and FromStr disagree"
    );
    if let Err(e) = &strict {
        let _ = e.to_string();
    }
    let from_json: Option<Timestamp> = serde_json::to_vec(s)
        .ok()
        .and_then(|j| serde_json::from_slice(&j).ok());
    assert_eq!(
        from_json, lenient,
        "JSON decoding differs from parse_lenient"
    );
    if let Some(t) = lenient {
        let _ = format!("{t:?}");
        let shown = t.to_string();
        assert_eq!(
            Timestamp::parse_lenient(&shown),
            Some(t),
            "{s:?} displays as {shown:?}, which does not parse back"
        );
        let json = serde_json::to_vec(&t).unwrap_or_default();
        let back: Option<Timestamp> = serde_json::from_slice(&json).ok();
        assert_eq!(
            back,
            Some(t),
            "{s:?} serializes as {}, which does not decode back",
            String::from_utf8_lossy(&json)
        );
    }
}

/// `Sms::validate`: never panics, and what it accepts fits one SMS and
/// survives serialization. The input is either an SMS as JSON or, when it
/// does not decode, the parts of one: a byte for `dcs`, a byte of flags, and
/// payload, UDH and sender separated by `0xFF`.
pub fn sms(data: &[u8]) {
    let sms = match serde_json::from_slice::<Sms>(data) {
        Ok(s) => s,
        Err(_) => {
            let (dcs, flags, rest) = match data {
                [d, f, rest @ ..] => (*d, *f, rest),
                _ => (0, 0, data),
            };
            let mut parts = rest.split(|&b| b == 0xFF);
            let mut sms = Sms::text(text(parts.next().unwrap_or_default()));
            if dcs < 0xF0 {
                sms = sms.dcs(dcs % 10);
            }
            if flags & 1 != 0 {
                sms = sms.udh(text(parts.next().unwrap_or_default()));
            }
            if flags & 2 != 0 {
                let kind = match flags >> 4 {
                    0..=4 => SourceAddressType::INTERNATIONAL,
                    5..=9 => SourceAddressType::NATIONAL,
                    10..=14 => SourceAddressType::ALPHANUMERIC,
                    _ => SourceAddressType::new(u16::from(flags)),
                };
                sms = sms.source_address(text(parts.next().unwrap_or_default()), kind);
            }
            sms
        }
    };
    match sms.validate() {
        Err(e) => {
            assert!(!e.rule.is_empty());
            let _ = e.to_string();
        }
        Ok(()) => {
            assert!(!sms.payload.is_empty(), "empty payload accepted");
            let udh = sms.udh.as_ref().map_or(0, |u| u.len() / 2);
            match sms.dcs.unwrap_or(0) {
                0 => assert!(sms.payload.chars().count() <= 160, "text too long accepted"),
                4 | 8 => {
                    assert!(
                        sms.payload.len() % 2 == 0
                            && sms.payload.bytes().all(|b| b.is_ascii_hexdigit()),
                        "non-hex binary payload accepted: {:?}",
                        sms.payload
                    );
                    assert!(
                        udh + sms.payload.len() / 2 <= 140,
                        "binary SMS too long accepted"
                    );
                }
                d => panic!("dcs {d} accepted"),
            }
            let json = serde_json::to_vec(&sms).unwrap_or_default();
            let back: Option<Sms> = serde_json::from_slice(&json).ok();
            assert_eq!(
                back.as_ref(),
                Some(&sms),
                "SMS changes on a JSON round trip"
            );
        }
    }
}

/// A Data Streamer request body through `streamer::decode_batch`: every
/// record of the body is either decoded or rejected with its index, never
/// both and never lost; decoded records serialize and decode the same way
/// again from the raw record kept for them.
pub fn decode_stream(data: &[u8]) {
    use once_sdk::streamer::{decode_batch, StreamRecord};
    let Ok(batch) = decode_batch(data) else {
        return;
    };
    let sent = match serde_json::from_slice::<serde_json::Value>(data) {
        Ok(serde_json::Value::Array(items)) => items.len(),
        Ok(_) => 1,
        Err(e) => panic!("decode_batch accepted a body serde_json refuses: {e}"),
    };
    assert_eq!(batch.len(), sent, "records lost or doubled");
    assert_eq!(batch.records.len(), batch.raw.len());
    let mut last = None;
    for r in &batch.rejected {
        assert!(r.index < sent, "rejected index {} out of range", r.index);
        assert!(last < Some(r.index), "rejected indices out of order");
        last = Some(r.index);
        assert!(!r.to_string().is_empty());
        let kept: serde_json::Value =
            serde_json::from_str(r.raw.as_str()).expect("a rejected record is kept as valid JSON");
        let _ = kept;
    }
    let platform = batch.platform.unwrap_or_default();
    for (record, raw) in batch.records.iter().zip(&batch.raw) {
        let again = StreamRecord::from_json_str(raw.as_str(), platform)
            .expect("a decoded record decodes again");
        assert_eq!(&again, record, "decoding is not deterministic");
        if let Err(e) = serde_json::to_vec(record) {
            panic!("{record:?} does not serialize: {e}");
        }
        let _ = (record.key().to_string(), format!("{record:?}"));
    }
}
