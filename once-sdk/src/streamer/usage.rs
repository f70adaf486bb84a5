//! Usage records: one per data session slice or per SMS.

use serde::Serialize;

use super::codes::{RatType, TrafficType};
use super::common::{Device, NetworkOperator, RecordId, Volume};
use super::fields::*;
use super::RecordError;
use crate::types::Timestamp;

/// A usage record: data (MiB) a session used since the last record, or one
/// SMS. Platform 1.0 and 2.0 names are both read (`session_id` /
/// `ipcan_session_id`, top-level or under `detail.pdp_context` as 2.0
/// nests it).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UsageRecord {
    /// The record's unique id (dedupe key).
    pub id: RecordId,
    /// Data or SMS (unknown codes kept).
    pub traffic_type: TrafficType,
    /// Start of the period counted.
    pub start: Option<Timestamp>,
    /// End of the period counted.
    pub end: Option<Timestamp>,
    /// Volume: MiB for data (binary megabytes, as 1NCE counts), count for SMS.
    pub volume: Volume,
    /// What it cost; `None` when not sent (Platform 2.0 calls cost legacy
    /// and may leave it out): absent is not zero.
    pub cost: Option<f64>,
    /// The currency code (Platform 1.0; retired on 2.0, where it may be
    /// absent); `None` when not sent.
    pub currency: Option<String>,
    /// The SIM and device.
    #[serde(flatten)]
    pub device: Device,
    /// The visited network.
    pub operator: Option<NetworkOperator>,
    /// 1NCE's tariff id.
    pub tariff_id: Option<i64>,
    /// 1NCE's rate zone id.
    pub ratezone_id: Option<i64>,
    /// The IP-CAN session (Platform 2.0 `ipcan_session_id`, 1.0 `session_id`):
    /// links usage to the session's events.
    pub session_id: Option<String>,
    /// The quota the usage counted against (Platform 2.0), as sent: a
    /// number or a UUID.
    pub quota_id: Option<String>,
    /// The radio access technology (Platform 2.0; names this SDK does not
    /// know are kept as [`RatType::UnknownName`]).
    pub rat_type: Option<RatType>,
    /// Optional fields that carried a value this SDK could not read (the
    /// value is in the raw record); empty for a clean record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<RecordError>,
}

impl UsageRecord {
    /// The day (UTC) the usage counts for: the end of the period, else its start.
    pub fn day(&self) -> Option<chrono::NaiveDate> {
        self.end.or(self.start).map(|t| t.0.date_naive())
    }

    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let traffic_type = match f.int_strict(&[TRAFFIC_TYPE_ID, TRAFFIC_TYPE]) {
            Ok(Some(code)) => TrafficType::from_code(code),
            Ok(None) | Err(_) => {
                let text = f.text_quiet(&[TRAFFIC_TYPE_DESCRIPTION, TRAFFIC_TYPE]);
                match text.as_deref().and_then(TrafficType::from_description) {
                    Some(t) => t,
                    None => {
                        return Err(FieldError::new(
                            "traffic_type",
                            "missing, or neither an id (5 data, 6 SMS) nor Data/SMS",
                        ))
                    }
                }
            }
        };
        let mut record = Self {
            id,
            traffic_type,
            start: f.timestamp(&[START_TIMESTAMP, START_TIME, START]),
            end: f.timestamp(&[END_TIMESTAMP, END_TIME, END]),
            volume: Volume::read(f, [VOLUME_TOTAL, VOLUME_TX, VOLUME_RX]).unwrap_or_default(),
            cost: f.decimal(&[COST]),
            currency: f.text(&[CURRENCY_CODE, CURRENCY]),
            device: Device::read(f),
            operator: NetworkOperator::read_usage(f),
            tariff_id: f.int(&[TARIFF_ID]),
            ratezone_id: f.int(&[TARIFF_RATEZONE_ID, RATEZONE_ID]),
            session_id: f.text(&[
                IPCAN_SESSION_ID,
                PDP_IPCAN_SESSION_ID,
                SESSION_ID,
                PDP_SESSION_ID,
            ]),
            quota_id: f.text(&[QUOTA_ID]),
            rat_type: read_rat_type(f, &[RAT_TYPE, RAT_TYPE_ID, PDP_RAT_TYPE]),
            unread: Vec::new(),
        };
        record.unread = f.take_unread().into_iter().map(RecordError::from).collect();
        Ok(record)
    }
}

/// A RAT type sent as a code or a name; a name this SDK does not know is
/// kept as [`RatType::UnknownName`].
pub(crate) fn read_rat_type(f: &Fields<'_>, slots: &[Slot]) -> Option<RatType> {
    let (_, v) = f.get(slots)?;
    match v {
        Scalar::Int(c) => Some(RatType::from_code(*c)),
        Scalar::UInt(c) => Some(RatType::from_code(i64::try_from(*c).unwrap_or(i64::MAX))),
        Scalar::Str(s) => match s.trim().parse::<i64>() {
            Ok(c) => Some(RatType::from_code(c)),
            Err(_) if s.trim().is_empty() => None,
            Err(_) => Some(RatType::from_name_lenient(s.trim())),
        },
        _ => f.text(slots).map(|t| RatType::from_name_lenient(&t)),
    }
}
