//! The Data Streamer records the simulated fleet produces, waiting to be
//! posted: usage (data and SMS), events and SMS events, as 1NCE's Platform
//! 2.0 streams them (nested layout).
//!
//! Platform 2.0, as 1NCE's developer hub describes it:
//! - usage: no `cost` or `currency` (legacy, "may not be present"), `sim`
//!   without `production_date`, volumes in MiB (the sandbox's "MB" are
//!   1NCE's binary megabytes), `quota_id`, and for data
//!   `detail.pdp_context {rat_type, ipcan_session_id}`;
//! - events: severities `{"id", "description"}` on 2.0's scale (0 INFO,
//!   1 and 2 WARN, 3 ERROR, 4 CRITICAL); endpoint enabled / disabled as
//!   event types 42 / 43; quota events with a `detail.quota` object; the
//!   location of a session under `detail.pdp_context.gtp_v2_uli` (the
//!   sandbox's SIMs are on LTE, GTPv2), not 1.0's flat `lac`/`ci`;
//!   `user` is gone.
//!
//! The sandbox's own choices where 1NCE documents no value: which severity
//! each event gets (see `severity`), the quota ids and the quota states
//! (`ACTIVE`, `THRESHOLD_REACHED`, `EXHAUSTED`, `EXPIRED`). A connectivity
//! reset and a lifetime extension have no Platform 2.0 event type (1.0 sent
//! them as type 0, "generic", which 2.0 no longer sends): they are not
//! streamed. The sandbox's quotas stop at zero, so the quota volume it
//! streams is never negative, though 1NCE's may be.

use std::collections::VecDeque;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::state::{EventKind, Quota, SimCard, SmsStatus};

/// The first record id of a stream.
const FIRST_ID: u64 = 4_100_000_000;
/// The organisation id of the sandbox's customer.
const ORGANISATION: u64 = 4567;
/// The RAT type of the sandbox's sessions: LTE / E-UTRAN.
const RAT_EUTRAN: u32 = 6;

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

/// A timestamp as Platform 2.0 writes it: milliseconds and `Z`.
fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The SIM as 2.0 sends it: no `production_date`.
fn sim_json(s: &SimCard) -> Value {
    json!({"id": s.id, "iccid": s.iccid, "msisdn": s.msisdn})
}

fn endpoint_json(s: &SimCard) -> Value {
    json!({"id": 900_000 + s.id, "name": s.label.clone().unwrap_or_else(|| s.iccid.clone()),
           "ip_address": s.ip_address, "imei": s.imei, "tags": null, "balance": null})
}

fn operator_json() -> Value {
    json!({"id": 2, "name": "Telekom", "mnc": "01",
           "country": {"id": 74, "mcc": "262", "name": "Germany"}})
}

/// The IP-CAN session of a SIM (one per SIM in the sandbox), a UUID.
fn session_id(s: &SimCard) -> String {
    format!("00000000-0000-4000-8000-{:012}", s.id)
}

/// Which quota of a SIM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Service {
    Data,
    Sms,
}

impl Service {
    fn quota(self, s: &SimCard) -> &Quota {
        match self {
            Self::Data => &s.data,
            Self::Sms => &s.sms,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Data => "data",
            Self::Sms => "sms",
        }
    }
}

/// The id of a SIM's quota: unique per SIM and service, and new with each
/// top-up (a top-up assigns a new quota).
fn quota_id(s: &SimCard, service: Service) -> u64 {
    let offset = match service {
        Service::Data => 1,
        Service::Sms => 2,
    };
    10 * (1_000 * s.id + service.quota(s).id) + offset
}

/// Platform 2.0's `detail.quota` of a quota event.
fn quota_json(s: &SimCard, service: Service, at: DateTime<Utc>) -> Value {
    let q = service.quota(s);
    let status = if q.expired(at) {
        (3, "EXPIRED")
    } else {
        match q.level() {
            0 => (0, "ACTIVE"),
            1 => (1, "THRESHOLD_REACHED"),
            _ => (2, "EXHAUSTED"),
        }
    };
    json!({"id": quota_id(s, service), "status": {"id": status.0, "description": status.1},
        "volume": q.volume, "total_volume": q.total_volume,
        "accumulated_total_volume": q.accumulated_total_volume,
        "last_volume_added": q.last_volume_added, "service": service.name(),
        "threshold_percentage": q.threshold_percentage, "threshold_volume": q.threshold_volume(),
        "expiry_date": ts(q.expiry_date), "created_at": ts(q.created_at)})
}

/// The Platform 2.0 event type of a sandbox event, and the quota it
/// reports; `None` for happenings 2.0 has no event type for.
fn event_type(kind: EventKind) -> Option<(u32, &'static str, Option<Service>)> {
    Some(match kind {
        EventKind::LocationUpdate => (1, "Update location", None),
        EventKind::PdpCreated => (3, "Create PDP Context", None),
        EventKind::PdpDeleted => (5, "Delete PDP Context", None),
        EventKind::Activated => (8, "SIM activation", None),
        EventKind::Enabled => (42, "Endpoint enabled", None),
        EventKind::Disabled => (43, "Endpoint disabled", None),
        EventKind::DataThreshold => (18, "Data quota threshold reached", Some(Service::Data)),
        EventKind::DataExhausted => (19, "Data quota used up", Some(Service::Data)),
        EventKind::SmsThreshold => (20, "SMS quota threshold reached", Some(Service::Sms)),
        EventKind::SmsExhausted => (21, "SMS quota used up", Some(Service::Sms)),
        EventKind::TopUp => (56, "Data quota assigned", Some(Service::Data)),
        EventKind::Reset | EventKind::Extended => return None,
    })
}

/// The severity the sandbox gives an event, on Platform 2.0's scale (0
/// INFO, 1 and 2 WARN, 3 ERROR, 4 CRITICAL): a disabled endpoint WARN (1),
/// a quota threshold WARN (2, the id that was CRITICAL on 1.0), SMS used up
/// ERROR, data used up CRITICAL, the rest INFO.
fn severity(kind: EventKind) -> (u32, &'static str) {
    match kind {
        EventKind::Disabled => (1, "WARN"),
        EventKind::DataThreshold | EventKind::SmsThreshold => (2, "WARN"),
        EventKind::SmsExhausted => (3, "ERROR"),
        EventKind::DataExhausted => (4, "CRITICAL"),
        _ => (0, "INFO"),
    }
}

/// `detail` of a network event: the operator, and for sessions the PDP
/// context with its location under `gtp_v2_uli`.
fn network_detail(s: &SimCard, kind: EventKind) -> Value {
    let mut d = json!({"id": 2, "name": "Telekom",
        "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"}});
    if kind == EventKind::LocationUpdate {
        d["mnc"] = json!([{"id": 1, "mnc": "01"}]);
        d["tapcode"] = json!([{"id": 1, "tapcode": "DEUD1"}]);
    } else {
        d["pdp_context"] = json!({"pdp_context_id": "1", "gtp_version": "2",
            "apn": "iot.1nce.net", "ue_ip_address": s.ip_address, "region": "eu-central-1",
            "rat_type": RAT_EUTRAN, "ipcan_session_id": session_id(s),
            "gtp_v2_uli": {"tai": {"mcc": "262", "mnc": "01", "tac": "1234"},
                           "ecgi": {"mcc": "262", "mnc": "01", "eci": "5678"}}});
    }
    d
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
        self.push_as(kind, id, build);
    }

    /// Queues a record under an id given by the caller (an event's API id).
    fn push_as(&mut self, kind: StreamKind, id: u64, build: impl FnOnce(u64) -> Value) {
        self.queue.push_back((id, build(id)));
        self.emitted.push((kind, id));
    }

    /// A usage record: `mb` MiB of data (traffic type 5) or `sms` SMS (6).
    pub fn usage(&mut self, s: &SimCard, data_mb: Option<f64>, sms: f64, now: DateTime<Utc>) {
        let (traffic, tx, rx, service) = match data_mb {
            Some(mb) => {
                let rx = (mb * 0.6 * 1e6).round() / 1e6;
                (
                    (5, "Data"),
                    ((mb - rx) * 1e6).round() / 1e6,
                    rx,
                    Service::Data,
                )
            }
            None => ((6, "SMS"), sms, 0.0, Service::Sms),
        };
        let total = ((tx + rx) * 1e6).round() / 1e6;
        self.push(StreamKind::Usage, |id| {
            let mut u = json!({"id": id, "start_timestamp": ts(now - chrono::Duration::minutes(15)),
                "end_timestamp": ts(now),
                "traffic_type": {"id": traffic.0, "description": traffic.1},
                "volume": {"total": total, "tx": tx, "rx": rx},
                "imsi": s.current_imsi, "imsi_id": 7_000_000 + s.id,
                "sim": sim_json(s), "endpoint": endpoint_json(s),
                "organisation": {"id": ORGANISATION, "name": "81000000"},
                "operator": operator_json(),
                "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
                "quota_id": quota_id(s, service)});
            if service == Service::Data {
                u["detail"] = json!({"pdp_context": {"rat_type": RAT_EUTRAN,
                    "ipcan_session_id": session_id(s)}});
            }
            u
        });
    }

    /// An event record; nothing for a happening Platform 2.0 has no event
    /// type for (a connectivity reset, a lifetime extension).
    pub fn event(&mut self, s: &SimCard, kind: EventKind, at: DateTime<Utc>, id: u64) {
        let Some((type_id, type_name, quota)) = event_type(kind) else {
            return;
        };
        let (source_id, _) = kind.source();
        let (source_id, source_name) = match source_id {
            0 => (0, "Network"),
            2 => (2, "API"),
            _ => (1, "Policy Control"),
        };
        let severity = severity(kind);
        let network = matches!(
            kind,
            EventKind::LocationUpdate | EventKind::PdpCreated | EventKind::PdpDeleted
        );
        self.push_as(StreamKind::Event, id, |id| {
            let mut e = json!({"id": id, "timestamp": ts(at),
                "event_type": {"id": type_id, "description": type_name},
                "event_severity": {"id": severity.0, "description": severity.1},
                "event_source": {"id": source_id, "description": source_name},
                "organisation": {"id": ORGANISATION, "name": "81000000"},
                "alert": kind.alert(), "description": kind.v1(),
                "imsi": {"id": 7_000_000 + s.id, "imsi": s.current_imsi, "import_date": ts(s.activation_date)},
                "sim": sim_json(s), "endpoint": endpoint_json(s)});
            if network {
                e["detail"] = network_detail(s, kind);
            } else if let Some(service) = quota {
                e["detail"] = json!({"quota": quota_json(s, service, at)});
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
