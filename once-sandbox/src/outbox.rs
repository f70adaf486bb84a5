//! The Data Streamer records the simulated fleet produces, waiting to be
//! posted: usage (data and SMS), events and SMS events, in 1NCE's nested
//! layout.

use std::collections::VecDeque;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::state::{EventKind, SimCard, SmsStatus};

/// The first record id of a stream.
const FIRST_ID: u64 = 4_100_000_000;
/// The organisation id of the sandbox's customer.
const ORGANISATION: u64 = 4567;

/// What kind of record: matches `once_sdk::streamer::RecordKind` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StreamKind {
    /// A usage record (data or SMS).
    Usage,
    /// An event record.
    Event,
    /// The delivery report of an SMS sent to a device.
    SmsDeliveryReport,
    /// An SMS sent by a device.
    MoSms,
}

impl StreamKind {
    /// The name the receivers use (`usage`, `event`, `sms_delivery_report`, `mo_sms`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Usage => "usage",
            Self::Event => "event",
            Self::SmsDeliveryReport => "sms_delivery_report",
            Self::MoSms => "mo_sms",
        }
    }
}

/// Records waiting to be posted, and every record ever queued.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    pub next_id: u64,
    pub queue: VecDeque<(u64, Value)>,
    pub emitted: Vec<(StreamKind, u64)>,
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn sim_json(s: &SimCard) -> Value {
    json!({"id": s.id, "iccid": s.iccid, "msisdn": s.msisdn,
           "production_date": ts(s.activation_date)})
}

fn endpoint_json(s: &SimCard) -> Value {
    json!({"id": 900_000 + s.id, "name": s.label.clone().unwrap_or_else(|| s.iccid.clone()),
           "ip_address": s.ip_address, "imei": s.imei, "tags": null, "balance": null})
}

fn operator_json() -> Value {
    json!({"id": 2, "name": "Telekom", "mnc": "01",
           "country": {"id": 74, "mcc": "262", "name": "Germany"}})
}

/// The Data Streamer event type of a sandbox event.
fn event_type(kind: EventKind) -> (u32, &'static str) {
    match kind {
        EventKind::LocationUpdate => (1, "Update location"),
        EventKind::PdpCreated => (3, "Create PDP Context"),
        EventKind::PdpDeleted => (5, "Delete PDP Context"),
        EventKind::Activated | EventKind::Enabled => (8, "SIM activation"),
        EventKind::Disabled => (9, "SIM suspension"),
        EventKind::DataThreshold => (18, "Data quota threshold reached"),
        EventKind::DataExhausted => (19, "Data quota used up"),
        EventKind::SmsThreshold => (20, "SMS quota threshold reached"),
        EventKind::SmsExhausted => (21, "SMS quota used up"),
        EventKind::TopUp => (56, "Data quota assigned"),
        EventKind::Reset | EventKind::Extended => (0, "Generic"),
    }
}

impl Outbox {
    pub fn new() -> Self {
        Self {
            next_id: FIRST_ID,
            ..Self::default()
        }
    }

    fn push(&mut self, kind: StreamKind, build: impl FnOnce(u64) -> Value) {
        let id = self.next_id;
        self.next_id += 1;
        self.queue.push_back((id, build(id)));
        self.emitted.push((kind, id));
    }

    /// A usage record: `mb` of data (traffic type 5) or `sms` SMS (6).
    pub fn usage(&mut self, s: &SimCard, data_mb: Option<f64>, sms: f64, now: DateTime<Utc>) {
        let (traffic, tx, rx) = match data_mb {
            Some(mb) => {
                let rx = (mb * 0.6 * 1e6).round() / 1e6;
                ((5, "Data"), ((mb - rx) * 1e6).round() / 1e6, rx)
            }
            None => ((6, "SMS"), sms, 0.0),
        };
        let total = ((tx + rx) * 1e6).round() / 1e6;
        self.push(StreamKind::Usage, |id| {
            json!({"id": id, "start_timestamp": ts(now - chrono::Duration::minutes(15)),
                "end_timestamp": ts(now),
                "traffic_type": {"id": traffic.0, "description": traffic.1},
                "volume": {"total": total, "tx": tx, "rx": rx}, "cost": 0.0,
                "imsi": s.current_imsi, "imsi_id": 7_000_000 + s.id,
                "sim": sim_json(s), "endpoint": endpoint_json(s),
                "organisation": {"id": ORGANISATION, "name": "81000000"},
                "operator": operator_json(),
                "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
                "ipcan_session_id": format!("00000000-0000-4000-8000-{:012}", s.id), "rat_type": 6})
        });
    }

    /// An event record.
    pub fn event(&mut self, s: &SimCard, kind: EventKind, at: DateTime<Utc>) {
        let (type_id, type_name) = event_type(kind);
        let (source_id, _) = kind.source();
        let (source_id, source_name) = match source_id {
            0 => (0, "Network"),
            2 => (2, "API"),
            _ => (1, "Policy Control"),
        };
        let severity = if kind.alert() {
            (1, "WARNING")
        } else {
            (0, "INFO")
        };
        let network = matches!(
            kind,
            EventKind::LocationUpdate | EventKind::PdpCreated | EventKind::PdpDeleted
        );
        self.push(StreamKind::Event, |id| {
            let mut e = json!({"id": id, "timestamp": ts(at),
                "event_type": {"id": type_id, "description": type_name},
                "event_severity": {"id": severity.0, "description": severity.1},
                "event_source": {"id": source_id, "description": source_name},
                "organisation": {"id": ORGANISATION, "name": "81000000"},
                "alert": kind.alert(), "description": kind.v1(),
                "imsi": {"id": 7_000_000 + s.id, "imsi": s.current_imsi, "import_date": ts(s.activation_date)},
                "sim": sim_json(s), "endpoint": endpoint_json(s), "user": null});
            if network {
                e["detail"] = json!({"id": 2, "name": "Telekom",
                    "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
                    "pdp_context": {"pdp_context_id": "1", "gtp_version": "2", "apn": "iot.1nce.net",
                        "ue_ip_address": s.ip_address, "mcc": "262", "mnc": "01",
                        "lac": "1234", "ci": "5678", "rat_type": 6,
                        "ipcan_session_id": format!("00000000-0000-4000-8000-{:012}", s.id)}});
            }
            e
        });
    }

    /// The delivery report of an MT SMS in a final state.
    pub fn delivery_report(
        &mut self,
        s: &SimCard,
        sms_id: u64,
        submitted: DateTime<Utc>,
        status: SmsStatus,
        now: DateTime<Utc>,
    ) {
        let (status_id, status_name) = status.id_and_name();
        self.push(StreamKind::SmsDeliveryReport, |id| {
            json!({"id": id, "submit_date": ts(submitted), "final_date": ts(now),
                "organisation": {"id": ORGANISATION},
                "endpoint": {"id": 900_000 + s.id, "name": s.iccid},
                "status": {"id": status_id, "status": status_name},
                "detail": {"sms": {"id": sms_id.to_string()}}})
        });
    }

    /// An SMS the device sent.
    pub fn mo_sms(&mut self, s: &SimCard, payload: &str, now: DateTime<Utc>) {
        self.push(StreamKind::MoSms, |id| {
            json!({"id": id, "submit_date": ts(now), "payload": payload,
                "source_address": s.msisdn, "dcs": 0, "pid": 0,
                "endpoint": {"id": 900_000 + s.id, "name": s.iccid},
                "organisation": {"id": ORGANISATION}})
        });
    }
}
