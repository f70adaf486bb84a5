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
//! - Platform 1.0 and 2.0 severities (see [`Platform`] and below);
//! - volumes in MiB as 1NCE counts them; absent cost and currency stay
//!   `None`; a quota's remaining volume may be negative.
//!
//! Records are read straight from the body: no `serde_json::Value` is built;
//! each record is kept as sent in [`StreamBatch::raw`] (a [`RawRecord`], a
//! slice of one shared copy of the body).
//!
//! Nothing a 200 acknowledged is lost by decoding:
//! - an optional field with a value this SDK does not expect (a RAT type
//!   `"NR"`, a quota id that is a UUID, a date that is not one) keeps the
//!   record: the value is kept as `Unknown`/as text where the type allows,
//!   otherwise the field is `None`, and the field is listed in the record's
//!   `unread` with the reason;
//! - a record that cannot be decoded at all (no id, no kind, an event
//!   without a type id) is in [`StreamBatch::rejected`] with its index, the
//!   reason and the record as sent, and the other records of the batch are
//!   decoded all the same.
//!
//! # Severity and platform
//!
//! Platform 2.0 renumbered event severities: 0 INFO, 1 and 2 WARN, 3 ERROR,
//! 4 CRITICAL, where 1.0 had 0 INFO, 1 WARNING, 2 CRITICAL. A severity
//! description (`"WARN"`, `"CRITICAL"`), when sent, settles it on either
//! platform. Otherwise the [`Platform`] given to [`decode_batch_with`]
//! decides; with [`Platform::Detect`] (the default) the record, then its
//! batch, must show which platform wrote it:
//! - Platform 2.0 only: `ipcan_session_id` (top-level or under
//!   `detail.pdp_context`), location under `gtp_v1_uli`/`gtp_v2_uli`,
//!   `quota_id`, `detail.quota`, `detail.regional_pool`, VPN details,
//!   failure causes, event types 29, 42, 43, 61, 100-103 and 121,
//!   severity ids 3 and 4;
//! - Platform 1.0 only: `session_id`, `detail.session_id`, `currency_id`,
//!   `sim.production_date`, location without its GTP version
//!   (`detail.pdp_context.ci`, `lac`, `sac`, `rac`), event types 0, 6, 7,
//!   10, 12, 13, 14, 17, 50 and 51.
//!
//! A record showing both or neither takes what the other records of its
//! batch show, when they agree; if nothing settles it, id 2 reads as
//! [`EventSeverity::Ambiguous`] with the id kept, never as a guess.
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
//! assert_eq!(batch.rejected[0].raw.as_str(), r#"{"id": "x"}"#);
//! # Ok::<(), once_sdk::streamer::StreamBodyError>(())
//! ```

mod codes;
mod common;
mod event;
mod fields;
mod raw;
mod sms;
mod usage;

use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

pub use codes::{
    DeliveryStatus, EventSeverity, EventSource, EventType, Platform, RatType, TrafficType,
};
pub use common::{Device, NetworkOperator, RecordId, Volume};
pub use event::{CellLocation, EventRecord, PdpSession, QuotaDetail, RegionalPool, VpnDetail};
pub use raw::RawRecord;
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
    /// A [`RejectedRecord`]: kept as sent, keyed by its id and a hash of
    /// its text ([`RejectedRecord::key`]).
    Rejected,
}

impl RecordKind {
    /// The kind's name as in the JSON (`usage`, `event`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Usage => "usage",
            Self::Event => "event",
            Self::SmsDeliveryReport => "sms_delivery_report",
            Self::MoSms => "mo_sms",
            Self::Rejected => "rejected",
        }
    }

    /// The kind from its name.
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "usage" => Self::Usage,
            "event" => Self::Event,
            "sms_delivery_report" => Self::SmsDeliveryReport,
            "mo_sms" => Self::MoSms,
            "rejected" => Self::Rejected,
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

    /// Decodes one record (a JSON object, nested or flat), with
    /// [`Platform::Detect`].
    pub fn from_json(record: &Value) -> Result<Self, RecordError> {
        Self::from_json_str(&record.to_string(), Platform::Detect)
    }

    /// Decodes one record from its JSON text.
    pub fn from_json_str(json: &str, platform: Platform) -> Result<Self, RecordError> {
        let parsed = fields::parse(json).map_err(|e| RecordError::new("record", &e.to_string()))?;
        if let Some(what) = parsed.not_an_object {
            return Err(RecordError::new(
                "record",
                &format!("expected a JSON object, got {what}"),
            ));
        }
        let f = Fields::new(parsed);
        Self::read(&f, shown(&f, platform)).map_err(RecordError::from)
    }

    fn read(f: &Fields<'_>, shown: Option<Platform>) -> Result<Self, FieldError> {
        use fields::*;
        if f.any(&[
            EVENT_TYPE,
            EVENT_TYPE_ID,
            EVENT_TYPE_DESCRIPTION,
            EVENT_SEVERITY,
            EVENT_SEVERITY_ID,
            EVENT_SEVERITY_DESCRIPTION,
            EVENT_SOURCE,
            EVENT_SOURCE_ID,
            EVENT_SOURCE_DESCRIPTION,
        ]) {
            return EventRecord::read(f, shown).map(Self::Event);
        }
        if f.any(&[
            TRAFFIC_TYPE,
            TRAFFIC_TYPE_ID,
            TRAFFIC_TYPE_DESCRIPTION,
            START_TIMESTAMP,
            END_TIMESTAMP,
            VOLUME_TOTAL,
            VOLUME_TX,
            VOLUME_RX,
        ]) {
            return UsageRecord::read(f).map(Self::Usage);
        }
        if f.any(&[FINAL_DATE, STATUS_STATUS, DETAIL_SMS_ID]) {
            return SmsDeliveryReport::read(f).map(Self::SmsDeliveryReport);
        }
        if f.any(&[
            PAYLOAD,
            SOURCE_ADDRESS,
            DEST_ADDRESS,
            MULTI_PART_INFO_PARTNO,
            MULTI_PART_INFO_PART,
            MULTI_PART_INFO_TOTAL,
            MULTI_PART_INFO_IDENTIFIER,
        ]) {
            return MoSms::read(f).map(Self::MoSms);
        }
        if f.any(&[STATUS, STATUS_DESCRIPTION, STATUS_ID, SUBMIT_DATE]) {
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

    /// Optional fields of the record that carried a value this SDK could
    /// not read (the value is in the raw record).
    pub fn unread(&self) -> &[RecordError] {
        match self {
            Self::Usage(r) => &r.unread,
            Self::Event(r) => &r.unread,
            Self::SmsDeliveryReport(r) => &r.unread,
            Self::MoSms(r) => &r.unread,
        }
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
    /// The record as sent: store it, it will not be sent again.
    pub raw: RawRecord,
}

impl RejectedRecord {
    /// The dedupe key of a record that did not decode: kind
    /// [`RecordKind::Rejected`], and as id its id when one could be read
    /// and a hash of its text (FNV-1a, stable across releases and
    /// machines), so that a retransmission of it is recognised too.
    pub fn key(&self) -> RecordKey {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.raw.as_bytes() {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let id = match &self.id {
            Some(id) => format!("{id}#{hash:016x}"),
            None => format!("#{hash:016x}"),
        };
        RecordKey {
            kind: RecordKind::Rejected,
            id: RecordId::new(id),
        }
    }
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
    pub raw: Vec<RawRecord>,
    /// The records that did not decode, with their index, the reason and
    /// the record as sent.
    pub rejected: Vec<RejectedRecord>,
    /// The platform the batch's records showed, when they agreed (or the
    /// decoder's setting).
    pub platform: Option<Platform>,
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
    /// Not UTF-8 text.
    #[error("the body is not UTF-8: {0}")]
    NotUtf8(#[from] std::str::Utf8Error),
    /// Not JSON.
    #[error("the body is not JSON: {0}")]
    NotJson(#[from] serde_json::Error),
    /// JSON, but neither an array of records nor one record.
    #[error("the body is JSON but not an array of records (found {0})")]
    NotAnArray(&'static str),
    /// More records than the decoder's cap ([`DecodeOptions::max_records`]).
    #[error("the body holds more than {max} records")]
    TooManyRecords {
        /// The cap.
        max: usize,
    },
}

/// How [`decode_batch_with`] reads a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// How severity ids read (default [`Platform::Detect`]).
    pub platform: Platform,
    /// The most records one body may hold (default: unlimited).
    pub max_records: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            platform: Platform::Detect,
            max_records: usize::MAX,
        }
    }
}

impl DecodeOptions {
    /// The defaults: detect the platform, no cap on records.
    pub fn new() -> Self {
        Self::default()
    }

    /// How severity ids read.
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The most records one body may hold ([`StreamBodyError::TooManyRecords`] beyond).
    pub fn max_records(mut self, max: usize) -> Self {
        self.max_records = max;
        self
    }
}

/// Decodes a Data Streamer request body: a JSON array of records (a single
/// record object is taken as a batch of one), with the default
/// [`DecodeOptions`]. See the [module docs](self).
pub fn decode_batch(body: &[u8]) -> Result<StreamBatch, StreamBodyError> {
    decode_batch_with(body, &DecodeOptions::default())
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

/// The error serde_json gives for the whole body (the slow path, taken only
/// for a body that is not a batch).
fn body_error(text: &str) -> StreamBodyError {
    match serde_json::from_str::<Value>(text) {
        Err(e) => StreamBodyError::NotJson(e),
        Ok(Value::Null) => StreamBodyError::NotAnArray("null"),
        Ok(Value::Bool(_)) => StreamBodyError::NotAnArray("a boolean"),
        Ok(Value::Number(_)) => StreamBodyError::NotAnArray("a number"),
        Ok(Value::String(_)) => StreamBodyError::NotAnArray("a string"),
        // Whole and valid after all: only trailing data can have failed.
        Ok(_) => StreamBodyError::NotAnArray("trailing data"),
    }
}

/// The platform a record is read as: the setting, or what the record shows.
fn shown(f: &Fields<'_>, platform: Platform) -> Option<Platform> {
    match platform {
        Platform::Detect => event::platform_evidence(f),
        set => Some(set),
    }
}

/// Decodes a request body as [`decode_batch`] does, with `options`.
///
/// The body is parsed once: each record straight into its typed form, its
/// text kept as a [`RawRecord`]. A body that is not whole, valid JSON fails
/// as a whole ([`StreamBodyError`]): no record of it is returned.
pub fn decode_batch_with(
    body: &[u8],
    options: &DecodeOptions,
) -> Result<StreamBatch, StreamBodyError> {
    let text = std::str::from_utf8(body)?;
    let shared: Arc<str> = Arc::from(text);
    let b = shared.as_bytes();
    let mut batch = StreamBatch::default();
    let mut pos = skip_ws(b, 0);
    let single = match b.get(pos) {
        Some(b'[') => false,
        Some(b'{') => true,
        _ => return Err(body_error(text)),
    };
    if !single {
        pos = skip_ws(b, pos + 1);
        if b.get(pos) == Some(&b']') {
            return match skip_ws(b, pos + 1) == b.len() {
                true => Ok(batch),
                false => Err(body_error(text)),
            };
        }
    }
    let mut evidence: Option<Option<Platform>> = None;
    let mut index = 0;
    loop {
        if index >= options.max_records {
            return Err(StreamBodyError::TooManyRecords {
                max: options.max_records,
            });
        }
        let mut stream =
            serde_json::Deserializer::from_str(&shared[pos..]).into_iter::<fields::Parsed<'_>>();
        let parsed = match stream.next() {
            Some(Ok(p)) => p,
            _ => return Err(body_error(text)),
        };
        let end = pos + stream.byte_offset();
        let raw = RawRecord::new(Arc::clone(&shared), pos..end);
        let decoded = match parsed.not_an_object {
            Some(what) => Err((
                None,
                RecordError::new("record", &format!("expected a JSON object, got {what}")),
            )),
            None => {
                let f = Fields::new(parsed);
                let shown = shown(&f, options.platform);
                if options.platform == Platform::Detect && shown.is_some() {
                    evidence = match evidence {
                        None => Some(shown),
                        Some(seen) if seen == shown => Some(seen),
                        Some(_) => Some(None),
                    };
                }
                StreamRecord::read(&f, shown).map_err(|e| (RecordId::read(&f).ok(), e.into()))
            }
        };
        match decoded {
            Ok(record) => {
                batch.records.push(record);
                batch.raw.push(raw);
            }
            Err((id, error)) => batch.rejected.push(RejectedRecord {
                index,
                id,
                error,
                raw,
            }),
        }
        index += 1;
        pos = skip_ws(b, end);
        if single {
            if pos != b.len() {
                return Err(body_error(text));
            }
            break;
        }
        match b.get(pos) {
            Some(b',') => pos = skip_ws(b, pos + 1),
            Some(b']') if skip_ws(b, pos + 1) == b.len() => break,
            _ => return Err(body_error(text)),
        }
    }
    batch.platform = match options.platform {
        Platform::Detect => evidence.flatten(),
        set => Some(set),
    };
    if let Some(platform) = batch.platform {
        for record in &mut batch.records {
            if let StreamRecord::Event(e) = record {
                e.settle_platform(platform);
            }
        }
    }
    Ok(batch)
}

#[cfg(test)]
mod tests;
