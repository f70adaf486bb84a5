//! Parts shared by every kind of record: the id, volumes, the SIM and
//! endpoint a record is about, the operator.

use std::fmt;

use serde::Serialize;

use super::fields::{FieldError, FieldResult, Fields};
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
        match f.get(&["id"]) {
            None => Err(FieldError::new("id", "missing")),
            Some((_, serde_json::Value::Number(n))) if n.is_u64() || n.is_i64() => {
                Ok(Self(n.to_string()))
            }
            Some((_, serde_json::Value::String(s))) if !s.trim().is_empty() => {
                Ok(Self(s.trim().to_string()))
            }
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

/// A volume: data in MB, SMS as counts.
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

    pub(crate) fn read(f: &Fields<'_>, prefix: &str) -> FieldResult<Option<Self>> {
        let k = |s: &str| format!("{prefix}{s}");
        let v = Self {
            total: f.decimal(&[&k("total")])?,
            tx: f.decimal(&[&k("tx")])?,
            rx: f.decimal(&[&k("rx")])?,
        };
        Ok((v != Self::default()).then_some(v))
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
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        Ok(Self {
            iccid: f
                .text(&["sim_iccid", "iccid", "endpoint_iccid"])?
                .map(Iccid::new_unchecked),
            imsi: f
                .text(&["imsi_imsi", "imsi", "sim_imsi"])?
                .map(Imsi::new_unchecked),
            msisdn: f
                .text(&["sim_msisdn", "msisdn", "endpoint_msisdn"])?
                .map(Msisdn::new_unchecked),
            sim_id: f.int(&["sim_id"])?,
            imsi_id: f.int(&["imsi_id"])?,
            endpoint_id: f.int(&["endpoint_id"])?,
            endpoint_name: f.text(&["endpoint_name"])?,
            imei: f
                .text(&["endpoint_imei", "imei", "detail_pdp_context_imeisv"])?
                .map(Imei::new_unchecked),
            ip_address: f.text(&["endpoint_ip_address", "ip_address"])?,
            organisation_id: f.int(&["organisation_id", "organisation"])?,
        })
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
}

impl NetworkOperator {
    pub(crate) fn read(f: &Fields<'_>, prefix: &str) -> FieldResult<Option<Self>> {
        let k = |s: &str| format!("{prefix}{s}");
        let o = Self {
            id: f.int(&[&k("id")])?,
            name: f.text(&[&k("name")])?,
            mcc: f.text(&[&k("country_mcc"), &k("mcc")])?,
            // Location events send a list here (detail.mnc[]).
            mnc: f.text_lenient(&[&k("mnc")]),
            country: f.text(&[&k("country_name")])?,
        };
        Ok((o != Self::default()).then_some(o))
    }
}
