//! Records of 1NCE's Data Streamer, and the decoder of a whole webhook
//! request body.
//!
//! The Data Streamer pushes usage records, event records and SMS events to
//! the customer's HTTPS endpoint as a JSON array of up to 3,000 records.
//! [`decode_batch`] reads such a body into typed records:
//!
//! - the nested layout of the classic docs (`"endpoint": {"imei": ..}`) and
//!   the flat one of the Platform 2.0 tables (`"endpoint_imei"`);
//! - Platform 1.0 and 2.0 names (`session_id` / `ipcan_session_id`,
//!   `detail_session_id` / `detail_pdp_context_ipcan_session_id`, location
//!   fields with and without their GTP version, `..._gtp_v1_uli_ci`);
//! - the zone-less dates of the older SMS format (`2018-08-17 16:31:51`, UTC);
//! - codes this SDK does not know (event types, RAT types, states) are kept
//!   as `Unknown`, and every record as sent is kept in [`StreamBatch::raw`].
//!
//! A record that cannot be decoded is reported in [`StreamBatch::rejected`]
//! with its index in the body and the reason; the other records of the batch
//! are decoded all the same.
//!
//! ```
//! use once_sdk::streamer::{decode_batch, StreamRecord, TrafficType};
//!
//! let body = br#"[
//!   {"id": 1, "traffic_type": {"id": 5}, "volume": {"total": 0.5, "tx": 0.1, "rx": 0.4},
//!    "end_timestamp": "2026-11-20T08:14:10Z", "sim": {"iccid": "8988280666000000017"}},
//!   {"id": 2, "traffic_type_id": 6, "volume_total": 1, "sim_iccid": "8988280666000000018"},
//!   {"id": "x"}
//! ]"#;
//! let batch = decode_batch(body)?;
//! assert_eq!(batch.records.len(), 2);
//! let StreamRecord::Usage(usage) = &batch.records[1] else { panic!() };
//! assert_eq!(usage.traffic_type, TrafficType::Sms);
//! assert_eq!(batch.rejected[0].index, 2);
//! # Ok::<(), once_sdk::streamer::StreamBodyError>(())
//! ```

mod codes;
mod common;
mod event;
mod fields;
mod sms;
mod usage;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

pub use codes::{DeliveryStatus, EventSeverity, EventSource, EventType, RatType, TrafficType};
pub use common::{Device, NetworkOperator, RecordId, Volume};
pub use event::{CellLocation, EventRecord, PdpSession};
pub use sms::{MoSms, MultiPartInfo, SmsDeliveryReport};
pub use usage::UsageRecord;

use fields::{FieldError, Fields};

/// The most records 1NCE puts in one request by default.
pub const MAX_RECORDS_PER_REQUEST: usize = 3_000;

/// One record of a Data Streamer batch.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
// Records are built once and moved into a batch's Vec: boxing the larger
// variants would cost an allocation per record for nothing.
#[allow(clippy::large_enum_variant)]
pub enum StreamRecord {
    /// Data or SMS usage.
    Usage(UsageRecord),
    /// A network, policy or API event.
    Event(EventRecord),
    /// The delivery report of an SMS sent to a device.
    SmsDeliveryReport(SmsDeliveryReport),
    /// An SMS sent by a device.
    MoSms(MoSms),
}

/// The kind of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordKind {
    /// [`StreamRecord::Usage`].
    Usage,
    /// [`StreamRecord::Event`].
    Event,
    /// [`StreamRecord::SmsDeliveryReport`].
    SmsDeliveryReport,
    /// [`StreamRecord::MoSms`].
    MoSms,
}

impl RecordKind {
    /// The kind's name as in the JSON (`usage`, `event`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Usage => "usage",
            Self::Event => "event",
            Self::SmsDeliveryReport => "sms_delivery_report",
            Self::MoSms => "mo_sms",
        }
    }

    /// The kind from its name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "usage" => Self::Usage,
            "event" => Self::Event,
            "sms_delivery_report" => Self::SmsDeliveryReport,
            "mo_sms" => Self::MoSms,
            _ => return None,
        })
    }
}

/// What identifies a record across retransmissions: its kind and id (one
/// endpoint may receive a usage stream and an event stream, whose ids are
/// not promised to be distinct from each other).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RecordKey {
    /// The record's kind.
    pub kind: RecordKind,
    /// The record's id.
    pub id: RecordId,
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.id)
    }
}

impl StreamRecord {
    /// The record's id.
    pub fn id(&self) -> &RecordId {
        match self {
            Self::Usage(r) => &r.id,
            Self::Event(r) => &r.id,
            Self::SmsDeliveryReport(r) => &r.id,
            Self::MoSms(r) => &r.id,
        }
    }

    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            Self::Usage(_) => RecordKind::Usage,
            Self::Event(_) => RecordKind::Event,
            Self::SmsDeliveryReport(_) => RecordKind::SmsDeliveryReport,
            Self::MoSms(_) => RecordKind::MoSms,
        }
    }

    /// The dedupe key: kind and id.
    pub fn key(&self) -> RecordKey {
        RecordKey {
            kind: self.kind(),
            id: self.id().clone(),
        }
    }

    /// The SIM and device the record is about.
    pub fn device(&self) -> &Device {
        match self {
            Self::Usage(r) => &r.device,
            Self::Event(r) => &r.device,
            Self::SmsDeliveryReport(r) => &r.device,
            Self::MoSms(r) => &r.device,
        }
    }

    /// Decodes one record (a JSON object, nested or flat).
    pub fn from_json(record: &Value) -> Result<Self, RecordError> {
        let Value::Object(map) = record else {
            return Err(RecordError::new("record", "expected a JSON object"));
        };
        let f = Fields::new(map);
        Self::read(&f).map_err(RecordError::from)
    }

    fn read(f: &Fields<'_>) -> Result<Self, FieldError> {
        if f.has_prefix(&["event_type", "event_severity", "event_source"]) {
            return EventRecord::read(f).map(Self::Event);
        }
        if f.has_prefix(&[
            "traffic_type",
            "start_timestamp",
            "end_timestamp",
            "volume_",
        ]) {
            return UsageRecord::read(f).map(Self::Usage);
        }
        if f.has_prefix(&["final_date", "status_status", "detail_sms_id"]) {
            return SmsDeliveryReport::read(f).map(Self::SmsDeliveryReport);
        }
        if f.has_prefix(&[
            "payload",
            "source_address",
            "dest_address",
            "multi_part_info",
        ]) {
            return MoSms::read(f).map(Self::MoSms);
        }
        if f.has_prefix(&["status", "submit_date"]) {
            return SmsDeliveryReport::read(f).map(Self::SmsDeliveryReport);
        }
        // Say what is wrong with the id first, if anything.
        RecordId::read(f)?;
        Err(FieldError::new(
            "record",
            "not a usage record, event or SMS event (none of traffic_type, \
             start_timestamp, event_type, final_date, status, payload)",
        ))
    }
}

/// Why one record could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("field `{field}`: {rule}")]
#[non_exhaustive]
pub struct RecordError {
    /// The field (flat name, e.g. `volume_total`), or `record` for the whole record.
    pub field: String,
    /// What is wrong with it.
    pub rule: String,
}

impl RecordError {
    fn new(field: &str, rule: &str) -> Self {
        Self {
            field: field.to_string(),
            rule: rule.to_string(),
        }
    }
}

impl From<FieldError> for RecordError {
    fn from(e: FieldError) -> Self {
        Self {
            field: e.field,
            rule: e.rule,
        }
    }
}

/// A record of a batch that could not be decoded.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RejectedRecord {
    /// Its position in the request body's array, from 0.
    pub index: usize,
    /// Its id, if that much could be read.
    pub id: Option<RecordId>,
    /// Why it was rejected.
    pub error: RecordError,
}

impl fmt::Display for RejectedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record {}", self.index)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// A decoded request body.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct StreamBatch {
    /// The records that decoded, in the order sent.
    pub records: Vec<StreamRecord>,
    /// Each of `records` as sent (same order), for fields this SDK does not read.
    pub raw: Vec<Value>,
    /// The records that did not decode, with their index and the reason.
    pub rejected: Vec<RejectedRecord>,
}

impl StreamBatch {
    /// How many records the body held (decoded and rejected).
    pub fn len(&self) -> usize {
        self.records.len() + self.rejected.len()
    }

    /// True when the body held no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A request body that is not a batch at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamBodyError {
    /// Not JSON.
    #[error("the body is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    /// JSON, but neither an array of records nor one record.
    #[error("the body is JSON but not an array of records (found {0})")]
    NotAnArray(&'static str),
}

/// Decodes a Data Streamer request body: a JSON array of records (a single
/// record object is taken as a batch of one). See the [module docs](self).
pub fn decode_batch(body: &[u8]) -> Result<StreamBatch, StreamBodyError> {
    let items = match serde_json::from_slice::<Value>(body)? {
        Value::Array(items) => items,
        obj @ Value::Object(_) => vec![obj],
        Value::Null => return Err(StreamBodyError::NotAnArray("null")),
        Value::Bool(_) => return Err(StreamBodyError::NotAnArray("a boolean")),
        Value::Number(_) => return Err(StreamBodyError::NotAnArray("a number")),
        Value::String(_) => return Err(StreamBodyError::NotAnArray("a string")),
    };
    Ok(decode_records(items))
}

/// Decodes already parsed records (see [`decode_batch`]).
pub fn decode_records(items: Vec<Value>) -> StreamBatch {
    let mut batch = StreamBatch {
        records: Vec::with_capacity(items.len()),
        raw: Vec::with_capacity(items.len()),
        rejected: Vec::new(),
    };
    for (index, item) in items.into_iter().enumerate() {
        let decoded = match &item {
            Value::Object(map) => {
                let f = Fields::new(map);
                StreamRecord::read(&f).map_err(|e| (RecordId::read(&f).ok(), e.into()))
            }
            _ => Err((None, RecordError::new("record", "expected a JSON object"))),
        };
        match decoded {
            Ok(record) => {
                batch.records.push(record);
                batch.raw.push(item);
            }
            Err((id, error)) => batch.rejected.push(RejectedRecord { index, id, error }),
        }
    }
    batch
}

#[cfg(test)]
mod tests;
