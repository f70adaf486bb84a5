//! Parts shared by every kind of record: the id, volumes, the SIM and
//! endpoint a record is about, the operator.

use std::fmt;

use serde::Serialize;

use super::fields::*;
use crate::types::{Iccid, Imei, Imsi, Msisdn};

/// The unique id of a record: the key receivers deduplicate on.
///
/// 1NCE documents it as a 64-bit integer; it is kept as its decimal text so
/// that an id sent as a string (or a non-numeric one) survives as sent.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RecordId(String);

impl RecordId {
    /// An id from its text.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a number, when it is one.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        match f.get(&[ID]) {
            None => Err(FieldError::new("id", "missing")),
            Some((_, Scalar::Int(n))) => Ok(Self(n.to_string())),
            Some((_, Scalar::UInt(n))) => Ok(Self(n.to_string())),
            Some((_, Scalar::Str(s))) if !s.trim().is_empty() => Ok(Self(s.trim().to_string())),
            Some((_, v)) => Err(FieldError::new(
                "id",
                format!("expected an integer or a non-empty string, got {v}"),
            )),
        }
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({})", self.0)
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A volume: data in MiB (1 MiB = 1,048,576 bytes; 1NCE writes "MB" and
/// means binary megabytes), SMS as counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Volume {
    /// Sent plus received.
    pub total: Option<f64>,
    /// Sent by the device (uplink).
    pub tx: Option<f64>,
    /// Received by the device (downlink).
    pub rx: Option<f64>,
}

impl Volume {
    /// A volume from its parts.
    pub fn new(total: Option<f64>, tx: Option<f64>, rx: Option<f64>) -> Self {
        Self { total, tx, rx }
    }

    /// `total`, or `tx + rx` when no total was sent.
    pub fn total_or_sum(&self) -> Option<f64> {
        self.total.or(match (self.tx, self.rx) {
            (None, None) => None,
            (tx, rx) => Some(tx.unwrap_or(0.0) + rx.unwrap_or(0.0)),
        })
    }

    /// The volume's total in bytes (data records: MiB × 1,048,576).
    pub fn total_bytes(&self) -> Option<f64> {
        self.total_or_sum().map(|mib| mib * 1_048_576.0)
    }

    pub(crate) fn read(f: &Fields<'_>, [total, tx, rx]: [Slot; 3]) -> Option<Self> {
        let v = Self {
            total: f.decimal(&[total]),
            tx: f.decimal(&[tx]),
            rx: f.decimal(&[rx]),
        };
        (v != Self::default()).then_some(v)
    }
}

/// The SIM and endpoint (device) a record is about.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Device {
    /// The SIM's ICCID.
    pub iccid: Option<Iccid>,
    /// The SIM's IMSI.
    pub imsi: Option<Imsi>,
    /// The SIM's MSISDN.
    pub msisdn: Option<Msisdn>,
    /// 1NCE's internal SIM id.
    pub sim_id: Option<i64>,
    /// 1NCE's internal IMSI id.
    pub imsi_id: Option<i64>,
    /// 1NCE's internal endpoint id.
    pub endpoint_id: Option<i64>,
    /// The endpoint's name (the ICCID for SMS events).
    pub endpoint_name: Option<String>,
    /// The device's IMEI (or IMEISV) as the network saw it.
    pub imei: Option<Imei>,
    /// The endpoint's IP address.
    pub ip_address: Option<String>,
    /// The 1NCE organisation (customer) id.
    pub organisation_id: Option<i64>,
}

impl Device {
    pub(crate) fn read(f: &Fields<'_>) -> Self {
        Self {
            iccid: f
                .text(&[SIM_ICCID, ICCID, ENDPOINT_ICCID])
                .map(Iccid::new_unchecked),
            imsi: f
                .text(&[IMSI_IMSI, IMSI, SIM_IMSI])
                .map(Imsi::new_unchecked),
            msisdn: f
                .text(&[SIM_MSISDN, MSISDN, ENDPOINT_MSISDN])
                .map(Msisdn::new_unchecked),
            sim_id: f.int(&[SIM_ID]),
            imsi_id: f.int(&[IMSI_ID]),
            endpoint_id: f.int(&[ENDPOINT_ID]),
            endpoint_name: f.text(&[ENDPOINT_NAME]),
            imei: f
                .text(&[ENDPOINT_IMEI, IMEI, PDP_IMEISV])
                .map(Imei::new_unchecked),
            ip_address: f.text(&[ENDPOINT_IP_ADDRESS, IP_ADDRESS]),
            organisation_id: f.int(&[ORGANISATION_ID, ORGANISATION]),
        }
    }
}

/// The network operator that carried the traffic.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NetworkOperator {
    /// 1NCE's operator id.
    pub id: Option<i64>,
    /// The operator's name.
    pub name: Option<String>,
    /// Mobile country code.
    pub mcc: Option<String>,
    /// Mobile network code.
    pub mnc: Option<String>,
    /// The country's name.
    pub country: Option<String>,
    /// The country's ISO 3166 code (events on Platform 2.0: `de`).
    pub country_iso_code: Option<String>,
}

impl NetworkOperator {
    /// The operator of a usage record (`operator.*`).
    pub(crate) fn read_usage(f: &Fields<'_>) -> Option<Self> {
        let o = Self {
            id: f.int(&[OPERATOR_ID]),
            name: f.text(&[OPERATOR_NAME]),
            mcc: f.text(&[OPERATOR_COUNTRY_MCC, OPERATOR_MCC]),
            mnc: f.text(&[OPERATOR_MNC]),
            country: f.text(&[OPERATOR_COUNTRY_NAME]),
            country_iso_code: None,
        };
        (o != Self::default()).then_some(o)
    }

    /// The operator of an event (`detail.id`, `detail.name`, `detail.country`).
    pub(crate) fn read_event(f: &Fields<'_>) -> Option<Self> {
        let o = Self {
            id: f.int(&[DETAIL_ID]),
            name: f.text(&[DETAIL_NAME]),
            mcc: f.text(&[DETAIL_COUNTRY_MCC, DETAIL_MCC]),
            // Location events send a list here (detail.mnc[]), read as
            // the event's network codes.
            mnc: f.text_quiet(&[DETAIL_MNC]),
            country: f.text(&[DETAIL_COUNTRY_NAME]),
            country_iso_code: f.text(&[DETAIL_COUNTRY_ISO_CODE]),
        };
        (o != Self::default()).then_some(o)
    }
}
