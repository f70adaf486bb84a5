//! Event records: network, policy and API events of a SIM.

use serde::Serialize;

use super::codes::{EventSeverity, EventSource, EventType, RatType};
use super::common::{Device, NetworkOperator, RecordId, Volume};
use super::fields::{FieldError, FieldResult, Fields};
use super::usage::read_rat_type;
use crate::types::Timestamp;

/// An event record. Platform 2.0 names (`detail_pdp_context_ipcan_session_id`,
/// the GTP-version location fields such as `..._gtp_v1_uli_ci`) and 1.0
/// names (`detail_session_id`, `..._ci`) are both read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EventRecord {
    /// The record's unique id (dedupe key).
    pub id: RecordId,
    /// When it happened.
    pub timestamp: Option<Timestamp>,
    /// What happened (unknown codes kept).
    pub event_type: EventType,
    /// 1NCE's words for the event type.
    pub event_type_description: Option<String>,
    /// How serious it is.
    pub severity: Option<EventSeverity>,
    /// What raised it.
    pub source: Option<EventSource>,
    /// Whether 1NCE flags it as an alert.
    pub alert: Option<bool>,
    /// The event in words.
    pub description: Option<String>,
    /// The SIM and device.
    #[serde(flatten)]
    pub device: Device,
    /// The network operator of the event (`detail.id`, `detail.name`).
    pub operator: Option<NetworkOperator>,
    /// Volume of the session, for session events.
    pub volume: Option<Volume>,
    /// The data session's context, for PDP context events.
    pub session: Option<PdpSession>,
    /// Location events: the network codes (`detail.mnc[]`).
    pub network_codes: Vec<String>,
    /// Location events: the TAP codes of the networks (`detail.tapcode[]`).
    pub tap_codes: Vec<String>,
}

/// The data session (PDP context) an event is about.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PdpSession {
    /// The IP-CAN session id (Platform 2.0) or session id (1.0).
    pub session_id: Option<String>,
    /// The PDP context id.
    pub pdp_context_id: Option<String>,
    /// The GTP version of the session.
    pub gtp_version: Option<String>,
    /// The access point name.
    pub apn: Option<String>,
    /// The device's IP address in the session.
    pub ue_ip_address: Option<String>,
    /// The breakout IP address.
    pub breakout_ip: Option<String>,
    /// The radio access technology.
    pub rat_type: Option<RatType>,
    /// Where the device was.
    pub location: CellLocation,
}

/// A cell location from the GTP user location information, whichever GTP
/// version wrote it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CellLocation {
    /// Mobile country code.
    pub mcc: Option<String>,
    /// Mobile network code.
    pub mnc: Option<String>,
    /// Location area code.
    pub lac: Option<String>,
    /// Cell id.
    pub ci: Option<String>,
    /// Service area code.
    pub sac: Option<String>,
    /// Routing area code.
    pub rac: Option<String>,
    /// Tracking area code (LTE).
    pub tac: Option<String>,
    /// E-UTRAN cell id (LTE).
    pub eci: Option<String>,
}

const PDP: &str = "detail_pdp_context_";

fn location_field(f: &Fields<'_>, name: &str) -> Option<String> {
    let plain = format!("{PDP}{name}");
    if let Some(v) = f.text_lenient(&[&plain]) {
        return Some(v);
    }
    // Platform 2.0: detail_pdp_context_gtp_v1_uli_ci, ..._gtp_v2_uli_tai_tac, ...
    f.get_matching(&format!("{PDP}gtp_v"), &format!("_{name}"))
        .and_then(|v| match v {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

impl PdpSession {
    fn read(f: &Fields<'_>) -> FieldResult<Option<Self>> {
        let location = CellLocation {
            mcc: location_field(f, "mcc"),
            mnc: location_field(f, "mnc"),
            lac: location_field(f, "lac"),
            ci: location_field(f, "ci"),
            sac: location_field(f, "sac"),
            rac: location_field(f, "rac"),
            tac: location_field(f, "tac"),
            eci: location_field(f, "eci"),
        };
        let s = Self {
            session_id: f.text(&[
                "detail_pdp_context_ipcan_session_id",
                "detail_pdp_context_session_id",
                "detail_session_id",
                "ipcan_session_id",
                "session_id",
            ])?,
            pdp_context_id: f.text(&["detail_pdp_context_pdp_context_id"])?,
            gtp_version: f.text(&["detail_pdp_context_gtp_version"])?,
            apn: f.text(&["detail_pdp_context_apn"])?,
            ue_ip_address: f.text(&["detail_pdp_context_ue_ip_address"])?,
            breakout_ip: f.text(&["detail_pdp_context_breakout_ip"])?,
            rat_type: read_rat_type(f, &["detail_pdp_context_rat_type", "rat_type"])?,
            location,
        };
        Ok((s != Self::default()).then_some(s))
    }
}

impl EventRecord {
    pub(crate) fn read(f: &Fields<'_>) -> FieldResult<Self> {
        let id = RecordId::read(f)?;
        let event_type = match f.int(&["event_type_id", "event_type"]) {
            Ok(Some(code)) => EventType::from_code(code),
            _ => {
                return Err(FieldError::new(
                    "event_type",
                    "missing or not a numeric event type id",
                ))
            }
        };
        let severity = match f.int(&["event_severity_id", "event_severity"]) {
            Ok(code) => code.map(EventSeverity::from_code),
            Err(e) => Some(
                f.text_lenient(&["event_severity"])
                    .as_deref()
                    .and_then(EventSeverity::from_description)
                    .ok_or(e)?,
            ),
        };
        let source = match f.int(&["event_source_id", "event_source"]) {
            Ok(code) => code.map(EventSource::from_code),
            Err(e) => Some(
                f.text_lenient(&["event_source"])
                    .as_deref()
                    .and_then(EventSource::from_description)
                    .ok_or(e)?,
            ),
        };
        Ok(Self {
            id,
            timestamp: f.timestamp(&["timestamp"])?,
            event_type,
            event_type_description: f.text_lenient(&["event_type_description"]),
            severity,
            source,
            alert: f.boolean(&["alert"])?,
            description: f.text_lenient(&["description"]),
            device: Device::read(f)?,
            operator: NetworkOperator::read(f, "detail_")?,
            volume: Volume::read(f, "detail_volume_")?,
            session: PdpSession::read(f)?,
            network_codes: match f.get(&["detail_mnc"]) {
                Some((_, serde_json::Value::Array(_))) => f.text_list(&["detail_mnc"]),
                _ => Vec::new(),
            },
            tap_codes: f.text_list(&["detail_tapcode", "detail_tap_code"]),
        })
    }
}
