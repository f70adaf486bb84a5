//! SMS events: delivery reports of mobile-terminated SMS and mobile-originated SMS.

use serde::Serialize;

use super::codes::DeliveryStatus;
use super::common::{Device, RecordId};
use super::fields::*;
use super::RecordError;
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
    /// Optional fields that carried a value this SDK could not read (the
    /// value is in the raw record); empty for a clean record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<RecordError>,
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
    /// Optional fields that carried a value this SDK could not read (the
    /// value is in the raw record); empty for a clean record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<RecordError>,
}

impl SmsDeliveryReport {
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let status = f
            .text_strict(&[STATUS_STATUS, STATUS_DESCRIPTION, STATUS])
            .ok()
            .flatten()
            .map(|s| DeliveryStatus::from_text(&s))
            // Platform 2.0 may send the id alone: 4, 5, 6.
            .or_else(|| match f.int_strict(&[STATUS_ID]) {
                Ok(Some(4)) => Some(DeliveryStatus::Delivered),
                Ok(Some(5)) => Some(DeliveryStatus::Failed),
                Ok(Some(6)) => Some(DeliveryStatus::Expired),
                _ => None,
            })
            .ok_or_else(|| FieldError::new("status", "missing (DELIVERED, FAILED or EXPIRED)"))?;
        let mut record = Self {
            id,
            submit_date: f.timestamp(&[SUBMIT_DATE]),
            final_date: f.timestamp(&[FINAL_DATE]),
            status,
            status_id: f.int(&[STATUS_ID]),
            sms_id: f.text(&[DETAIL_SMS_ID, SMS_ID]),
            device: Device::read(f),
            unread: Vec::new(),
        };
        record.unread = f.take_unread().into_iter().map(RecordError::from).collect();
        Ok(record)
    }
}

impl MoSms {
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let multi_part = MultiPartInfo {
            part: f.int(&[MULTI_PART_INFO_PARTNO, MULTI_PART_INFO_PART]),
            total: f.int(&[MULTI_PART_INFO_TOTAL]),
            identifier: f.text(&[MULTI_PART_INFO_IDENTIFIER]),
        };
        let mut record = Self {
            id,
            submit_date: f.timestamp(&[SUBMIT_DATE]),
            payload: f.text(&[PAYLOAD]),
            source_address: f
                .text(&[SOURCE_ADDRESS, DEST_ADDRESS])
                .map(Msisdn::new_unchecked),
            dcs: f.int(&[DCS]),
            pid: f.int(&[PID]),
            multi_part: (multi_part != MultiPartInfo::default()).then_some(multi_part),
            device: Device::read(f),
            unread: Vec::new(),
        };
        record.unread = f.take_unread().into_iter().map(RecordError::from).collect();
        Ok(record)
    }
}
