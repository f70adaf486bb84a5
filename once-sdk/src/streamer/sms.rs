//! SMS events: delivery reports of mobile-terminated SMS and mobile-originated SMS.

use serde::Serialize;

use super::codes::DeliveryStatus;
use super::common::{Device, RecordId};
use super::fields::{FieldError, FieldResult, Fields};
use crate::types::{Msisdn, Timestamp};

/// The delivery report of an SMS sent to a device (mobile terminated).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SmsDeliveryReport {
    /// The record's unique id (dedupe key).
    pub id: RecordId,
    /// When the SMS was submitted.
    pub submit_date: Option<Timestamp>,
    /// When it reached its final state.
    pub final_date: Option<Timestamp>,
    /// DELIVERED, FAILED or EXPIRED (unknown states kept).
    pub status: DeliveryStatus,
    /// 1NCE's numeric id of the state.
    pub status_id: Option<i64>,
    /// The SMS id (`detail.sms.id`), probably the API's SMS id.
    pub sms_id: Option<String>,
    /// The SIM and device (the endpoint's name is the ICCID).
    #[serde(flatten)]
    pub device: Device,
}

/// Which part of a multi-part SMS this is.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MultiPartInfo {
    /// This part's number, from 1.
    pub part: Option<i64>,
    /// How many parts the message has.
    pub total: Option<i64>,
    /// The id shared by the parts.
    pub identifier: Option<String>,
}

/// An SMS sent by a device (mobile originated).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MoSms {
    /// The record's unique id (dedupe key).
    pub id: RecordId,
    /// When the device sent it (the older forwarder wrote no zone: UTC).
    pub submit_date: Option<Timestamp>,
    /// The message text or data.
    pub payload: Option<String>,
    /// The sender's MSISDN (older forwarder: `dest_address`).
    pub source_address: Option<Msisdn>,
    /// The data coding scheme.
    pub dcs: Option<i64>,
    /// The protocol identifier.
    pub pid: Option<i64>,
    /// The part of a multi-part SMS, if it is one.
    pub multi_part: Option<MultiPartInfo>,
    /// The SIM and device.
    #[serde(flatten)]
    pub device: Device,
}

impl SmsDeliveryReport {
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let status = f
            .text(&["status_status", "status_description", "status"])?
            .map(|s| DeliveryStatus::from_text(&s))
            .ok_or_else(|| FieldError::new("status", "missing (DELIVERED, FAILED or EXPIRED)"))?;
        Ok(Self {
            id,
            submit_date: f.timestamp(&["submit_date"])?,
            final_date: f.timestamp(&["final_date"])?,
            status,
            status_id: f.int(&["status_id"])?,
            sms_id: f.text(&["detail_sms_id", "sms_id"])?,
            device: Device::read(f)?,
        })
    }
}

impl MoSms {
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let multi_part = MultiPartInfo {
            part: f.int(&["multi_part_info_partno", "multi_part_info_part"])?,
            total: f.int(&["multi_part_info_total"])?,
            identifier: f.text(&["multi_part_info_identifier"])?,
        };
        Ok(Self {
            id,
            submit_date: f.timestamp(&["submit_date"])?,
            payload: f.text(&["payload"])?,
            source_address: f
                .text(&["source_address", "dest_address"])?
                .map(Msisdn::new_unchecked),
            dcs: f.int(&["dcs"])?,
            pid: f.int(&["pid"])?,
            multi_part: (multi_part != MultiPartInfo::default()).then_some(multi_part),
            device: Device::read(f)?,
        })
    }
}
