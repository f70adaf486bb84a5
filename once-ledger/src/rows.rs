//! Records as the ledger's rows, for either database.

use chrono::{DateTime, TimeZone, Utc};
use once_sdk::streamer::{RawRecord, RejectedRecord, StreamRecord};

/// What one Data Streamer request (or one API sync pass) hands the ledger.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Ingest<'a> {
    /// The records that decoded.
    pub records: &'a [StreamRecord],
    /// Each of `records` as sent (same order).
    pub raw: &'a [RawRecord],
    /// The records that did not decode, kept with their reason.
    pub rejected: &'a [RejectedRecord],
    /// A whole body that was not a batch: its key, the reason and the body
    /// (base64 when it is not text).
    pub unreadable: Option<(&'a str, &'a str, &'a str)>,
    /// When the records arrived.
    pub received_at: DateTime<Utc>,
}

impl<'a> Ingest<'a> {
    /// A batch of decoded records with their raw text (same length and order).
    pub fn new(records: &'a [StreamRecord], raw: &'a [RawRecord]) -> Self {
        Self {
            records,
            raw,
            rejected: &[],
            unreadable: None,
            received_at: Utc::now(),
        }
    }

    /// The records that did not decode.
    pub fn rejected(mut self, rejected: &'a [RejectedRecord]) -> Self {
        self.rejected = rejected;
        self
    }

    /// A whole body that was not a batch: its key, the reason, the body.
    pub fn unreadable(mut self, key: &'a str, reason: &'a str, body: &'a str) -> Self {
        self.unreadable = Some((key, reason, body));
        self
    }

    /// When the records arrived (default: now).
    pub fn received_at(mut self, at: DateTime<Utc>) -> Self {
        self.received_at = at;
        self
    }
}

/// What an ingest stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IngestOutcome {
    /// Rows written (usage, events, SMS records, rejected).
    pub inserted: u64,
    /// Records the ledger already held (a retransmission, another replica,
    /// or the same record from the API and the stream).
    pub duplicates: u64,
}

/// The time a record without one is filed under: its key needs a time, and
/// a retransmission must land on the same key.
pub(crate) fn no_time() -> DateTime<Utc> {
    Utc.timestamp_opt(0, 0).single().unwrap_or_default()
}

/// Text as a database takes it: PostgreSQL refuses NUL in text.
pub(crate) fn clean(s: &str) -> String {
    if s.contains('\0') {
        s.replace('\0', "\u{fffd}")
    } else {
        s.to_string()
    }
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(clean)
}

pub(crate) struct UsageRow {
    pub id: String,
    pub iccid: Option<String>,
    pub start_at: Option<DateTime<Utc>>,
    pub end_at: DateTime<Utc>,
    pub traffic_type: String,
    pub rx_mib: Option<f64>,
    pub tx_mib: Option<f64>,
    pub total_mib: Option<f64>,
    pub operator: Option<String>,
    pub mcc: Option<String>,
    pub mnc: Option<String>,
    pub country: Option<String>,
    pub rat: Option<String>,
    pub session_id: Option<String>,
    pub quota_id: Option<String>,
    pub cost: Option<f64>,
    pub currency: Option<String>,
    pub raw: String,
}

pub(crate) struct EventRow {
    pub id: String,
    pub iccid: Option<String>,
    pub at: DateTime<Utc>,
    pub event_type: i32,
    pub event_type_description: Option<String>,
    pub severity: Option<i16>,
    pub severity_id: Option<i16>,
    pub severity_ambiguous: bool,
    pub source: Option<i16>,
    pub alert: Option<bool>,
    pub description: Option<String>,
    pub detail: Option<String>,
    pub raw: String,
}

pub(crate) struct SmsRow {
    pub kind: &'static str,
    pub id: String,
    pub iccid: Option<String>,
    pub at: DateTime<Utc>,
    pub status: Option<String>,
    pub sms_id: Option<String>,
    pub payload: Option<String>,
    pub source_address: Option<String>,
    pub raw: String,
}

pub(crate) struct RejectedRow {
    pub key: String,
    pub reason: String,
    pub raw: String,
}

/// The rows of one ingest, by table.
#[derive(Default)]
pub(crate) struct Rows {
    pub usage: Vec<UsageRow>,
    pub events: Vec<EventRow>,
    pub sms: Vec<SmsRow>,
    pub rejected: Vec<RejectedRow>,
}

fn small(v: Option<i64>) -> Option<i16> {
    v.and_then(|v| i16::try_from(v).ok())
}

impl Rows {
    pub fn of(batch: &Ingest<'_>) -> Self {
        let mut rows = Rows::default();
        for (record, raw) in batch.records.iter().zip(batch.raw) {
            let raw = clean(raw.as_str());
            let device = record.device();
            let iccid = device.iccid.as_ref().map(|i| clean(i.as_str()));
            match record {
                StreamRecord::Usage(u) => {
                    let op = u.operator.as_ref();
                    rows.usage.push(UsageRow {
                        id: clean(u.id.as_str()),
                        iccid,
                        start_at: u.start.map(|t| t.0),
                        end_at: u.end.or(u.start).map(|t| t.0).unwrap_or_else(no_time),
                        traffic_type: match u.traffic_type {
                            once_sdk::streamer::TrafficType::Data => "data".into(),
                            once_sdk::streamer::TrafficType::Sms => "sms".into(),
                            other => other.code().to_string(),
                        },
                        rx_mib: u.volume.rx,
                        tx_mib: u.volume.tx,
                        total_mib: u.volume.total_or_sum(),
                        operator: opt(op.and_then(|o| o.name.as_deref())),
                        mcc: opt(op.and_then(|o| o.mcc.as_deref())),
                        mnc: opt(op.and_then(|o| o.mnc.as_deref())),
                        country: opt(op.and_then(|o| o.country.as_deref())),
                        rat: u.rat_type.as_ref().map(rat_name),
                        session_id: opt(u.session_id.as_deref()),
                        quota_id: opt(u.quota_id.as_deref()),
                        cost: u.cost,
                        currency: opt(u.currency.as_deref()),
                        raw,
                    });
                }
                StreamRecord::Event(e) => {
                    let detail = serde_json::json!({
                        "operator": e.operator, "volume": e.volume, "session": e.session,
                        "network_codes": e.network_codes, "tap_codes": e.tap_codes,
                        "quota": e.quota, "regional_pool": e.regional_pool, "vpn": e.vpn,
                        "failure_cause": e.failure_cause,
                    });
                    rows.events.push(EventRow {
                        id: clean(e.id.as_str()),
                        iccid,
                        at: e.timestamp.map(|t| t.0).unwrap_or_else(no_time),
                        event_type: i32::try_from(e.event_type.code()).unwrap_or(i32::MAX),
                        event_type_description: opt(e.event_type_description.as_deref()),
                        severity: small(e.severity.and_then(|s| s.level())),
                        severity_id: small(e.severity_id),
                        severity_ambiguous: matches!(
                            e.severity,
                            Some(once_sdk::streamer::EventSeverity::Ambiguous(_))
                        ),
                        source: small(e.source.map(|s| s.code())),
                        alert: e.alert,
                        description: opt(e.description.as_deref()),
                        detail: Some(clean(&detail.to_string())),
                        raw,
                    });
                }
                StreamRecord::SmsDeliveryReport(r) => rows.sms.push(SmsRow {
                    kind: "mt",
                    id: clean(r.id.as_str()),
                    iccid: iccid.or_else(|| opt(r.device.endpoint_name.as_deref())),
                    at: r
                        .final_date
                        .or(r.submit_date)
                        .map(|t| t.0)
                        .unwrap_or_else(no_time),
                    status: Some(clean(r.status.as_str())),
                    sms_id: opt(r.sms_id.as_deref()),
                    payload: None,
                    source_address: None,
                    raw,
                }),
                StreamRecord::MoSms(m) => rows.sms.push(SmsRow {
                    kind: "mo",
                    id: clean(m.id.as_str()),
                    iccid: iccid.or_else(|| opt(m.device.endpoint_name.as_deref())),
                    at: m.submit_date.map(|t| t.0).unwrap_or_else(no_time),
                    status: None,
                    sms_id: None,
                    payload: opt(m.payload.as_deref()),
                    source_address: opt(m.source_address.as_ref().map(|a| a.as_str())),
                    raw,
                }),
                // A kind a later SDK adds: kept as sent, not lost.
                other => rows.rejected.push(RejectedRow {
                    key: clean(&other.key().to_string()),
                    reason: "a record kind this ledger has no table for".into(),
                    raw,
                }),
            }
        }
        for r in batch.rejected {
            rows.rejected.push(RejectedRow {
                key: clean(&r.key().to_string()),
                reason: clean(&r.error.to_string()),
                raw: clean(r.raw.as_str()),
            });
        }
        if let Some((key, reason, body)) = batch.unreadable {
            rows.rejected.push(RejectedRow {
                key: clean(key),
                reason: clean(reason),
                raw: clean(body),
            });
        }
        rows
    }

    pub fn len(&self) -> u64 {
        (self.usage.len() + self.events.len() + self.sms.len() + self.rejected.len()) as u64
    }
}

/// A RAT type as the ledger writes it: 1NCE's code, or the name as sent.
fn rat_name(r: &once_sdk::streamer::RatType) -> String {
    match r.code() {
        Some(code) => code.to_string(),
        None => serde_json::to_value(r)
            .ok()
            .and_then(|v| v.as_str().map(clean))
            .unwrap_or_default(),
    }
}

/// ISO 8601 UTC with milliseconds: SQLite's time text, which sorts as time.
pub(crate) fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
