//! Usage records: one per data session slice or per SMS.

use serde::Serialize;

use super::codes::{RatType, TrafficType};
use super::common::{Device, NetworkOperator, RecordId, Volume};
use super::fields::{FieldError, FieldResult, Fields};
use crate::types::Timestamp;

/// A usage record: data (MB) a session used in up to 15 minutes, or one
/// SMS. Platform 1.0 and 2.0 names are both read (`session_id` /
/// `ipcan_session_id`).
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
    /// Volume: MB for data, count for SMS.
    pub volume: Volume,
    /// What it cost.
    pub cost: Option<f64>,
    /// The currency code (Platform 1.0; always EUR in 2.0).
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
    /// The quota the usage counted against (Platform 2.0).
    pub quota_id: Option<i64>,
    /// The radio access technology (Platform 2.0).
    pub rat_type: Option<RatType>,
}

impl UsageRecord {
    /// The day (UTC) the usage counts for: the end of the period, else its start.
    pub fn day(&self) -> Option<chrono::NaiveDate> {
        self.end.or(self.start).map(|t| t.0.date_naive())
    }

    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let traffic_type = match f.int(&["traffic_type_id", "traffic_type"]) {
            Ok(Some(code)) => TrafficType::from_code(code),
            Ok(None) | Err(_) => {
                let text = f.text_lenient(&["traffic_type_description", "traffic_type"]);
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
        Ok(Self {
            id,
            traffic_type,
            start: f.timestamp(&["start_timestamp", "start_time", "start"])?,
            end: f.timestamp(&["end_timestamp", "end_time", "end"])?,
            volume: Volume::read(f, "volume_")?.unwrap_or_default(),
            cost: f.decimal(&["cost"])?,
            currency: f.text(&["currency_code", "currency"])?,
            device: Device::read(f)?,
            operator: NetworkOperator::read(f, "operator_")?,
            tariff_id: f.int(&["tariff_id"])?,
            ratezone_id: f.int(&["tariff_ratezone_id", "ratezone_id"])?,
            session_id: f.text(&["ipcan_session_id", "session_id"])?,
            quota_id: f.int(&["quota_id"])?,
            rat_type: read_rat_type(f, &["rat_type", "rat_type_id"])?,
        })
    }
}

/// A RAT type sent as a code or a name.
pub(crate) fn read_rat_type(f: &Fields<'_>, keys: &[&str]) -> FieldResult<Option<RatType>> {
    match f.get(keys) {
        None => Ok(None),
        Some((k, v)) => match f.int(&[k]) {
            Ok(code) => Ok(code.map(RatType::from_code)),
            Err(_) => {
                let name = f.text(&[k])?.unwrap_or_default();
                RatType::from_name(&name)
                    .map(Some)
                    .ok_or_else(|| FieldError::new(k, format!("not a RAT type: {v}")))
            }
        },
    }
}
