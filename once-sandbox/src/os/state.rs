//! What 1NCE OS remembers: requests to devices, keys, templates,
//! geofences, positions, messages, integrations, plugins, settings, logs.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::fleet::Rng;
use crate::state::{Connectivity, World};

use super::api::{OsProtocol, WebhookDelivery};

/// A request to a device (a device action), as 1NCE OS tracks it.
#[derive(Clone, Debug)]
pub(crate) struct ActionRequest {
    pub id: String,
    pub device_id: String,
    pub ip: String,
    pub protocol: OsProtocol,
    pub send_when_active: bool,
    pub send_attempts: u32,
    pub request_data: Value,
    pub created: DateTime<Utc>,
    /// When the sandbox started working on it (creation for `SEND_NOW`,
    /// the device coming online for `SEND_WHEN_ACTIVE`).
    pub started: Option<DateTime<Utc>>,
    /// The final state, once reached: `SUCCEEDED`, `FAILED` or `CANCELLED`.
    pub done: Option<(&'static str, DateTime<Utc>)>,
}

impl ActionRequest {
    /// `SCHEDULED`, `IN_PROGRESS`, or the final state.
    pub(crate) fn status(
        &self,
        now: DateTime<Utc>,
        stage: Duration,
    ) -> (&'static str, DateTime<Utc>) {
        if let Some(done) = self.done {
            return done;
        }
        match self.started {
            Some(s) if now >= s + stage => ("IN_PROGRESS", s + stage),
            _ => ("SCHEDULED", self.created),
        }
    }

    pub(crate) fn active(&self) -> bool {
        self.done.is_none()
    }
}

/// A pre-shared key of one device for one protocol.
#[derive(Clone, Debug)]
pub(crate) struct Psk {
    pub secret: String,
    pub format: &'static str,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// A bulk pre-shared-key job.
#[derive(Clone, Debug)]
pub(crate) struct PskJob {
    pub id: String,
    pub created: DateTime<Utc>,
    pub amount: usize,
    pub failed: usize,
}

/// An energy-saver (translation) template.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pub id: String,
    pub name: String,
    pub template: String,
    pub protocols: Vec<String>,
    pub active: bool,
}

/// What a translated message saved.
#[derive(Clone, Debug)]
pub(crate) struct Saving {
    pub time: DateTime<Utc>,
    pub protocol: OsProtocol,
    pub iccid: String,
    pub bytes_saved: f64,
}

/// A geofence's area.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Area {
    /// Rings of `[longitude, latitude]`, closed (first = last).
    Polygon(Vec<Vec<[f64; 2]>>),
    /// `[longitude, latitude]` and metres.
    Circle([f64; 2], f64),
}

/// A geofence.
#[derive(Clone, Debug)]
pub(crate) struct Geofence {
    pub id: String,
    pub name: String,
    pub device_id: Option<String>,
    pub event_types: Vec<String>,
    pub event_sources: Vec<String>,
    pub area: Area,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// A position of a device.
#[derive(Clone, Debug)]
pub(crate) struct Position {
    pub device_id: String,
    pub lon: f64,
    pub lat: f64,
    pub time: DateTime<Utc>,
    pub source: &'static str,
}

/// A message a device sent.
#[derive(Clone, Debug)]
pub(crate) struct Message {
    pub device_id: String,
    pub time: DateTime<Utc>,
    pub protocol: OsProtocol,
    pub payload: Vec<u8>,
}

/// A cloud integration (AWS or webhook).
#[derive(Clone)]
pub(crate) struct Integration {
    pub id: String,
    pub name: String,
    pub webhook: bool,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub event_types: Vec<(String, String)>,
    pub json_payload: bool,
    pub jwt: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub failed: bool,
    pub last_delivery: Option<DateTime<Utc>>,
}

/// A partner plugin.
#[derive(Clone, Debug)]
pub(crate) struct Plugin {
    pub id: String,
    pub partner: &'static str,
    pub fields: serde_json::Map<String, Value>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// A 1NCE OS setting (a feature that can be switched on): the document
/// names one, `ADVANCED_CELL_TOWER_LOCATION`, with credits.
#[derive(Clone, Debug)]
pub(crate) struct Setting {
    pub name: &'static str,
    pub en: &'static str,
    pub de: &'static str,
    pub enabled: bool,
    pub credits: f64,
}

/// An administration log entry.
#[derive(Clone, Debug)]
pub(crate) struct AdminLog {
    pub id: String,
    pub time: DateTime<Utc>,
    pub kind: &'static str,
    pub error: bool,
    pub message: String,
    pub iccid: Option<String>,
    pub geofence_id: Option<String>,
    pub integration_id: Option<String>,
    pub payload: Option<String>,
}

/// A post to a webhook, waiting to be sent.
#[derive(Clone)]
pub(crate) struct Outgoing {
    pub integration_id: String,
    pub event_type: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: Value,
}

/// The protocol endpoints devices talk to.
#[derive(Clone, Debug)]
pub(crate) struct Endpoint {
    pub protocol: &'static str,
    pub domain: &'static str,
    pub port: u16,
    pub secure_port: Option<u16>,
    pub active: bool,
    pub passive_reporting: Option<bool>,
}

/// Everything 1NCE OS keeps.
pub(crate) struct OsWorld {
    pub rng: Rng,
    pub clock_offset: Duration,
    /// How long a device action stays in each of `SCHEDULED` and
    /// `IN_PROGRESS`, and an AWS rollout or a key job takes.
    pub stage: Duration,
    pub endpoints: Vec<Endpoint>,
    pub requests: Vec<ActionRequest>,
    pub psks: BTreeMap<(String, String), Psk>,
    pub psk_jobs: Vec<PskJob>,
    pub templates: Vec<Template>,
    pub savings: Vec<Saving>,
    pub geofences: Vec<Geofence>,
    pub positions: Vec<Position>,
    /// Whether a device was inside a geofence at its last position.
    pub inside: HashMap<(String, String), bool>,
    pub messages: Vec<Message>,
    pub integrations: Vec<Integration>,
    pub plugins: Vec<Plugin>,
    pub settings: Vec<Setting>,
    pub agreement: Option<bool>,
    pub logs: Vec<AdminLog>,
    pub deliveries: Vec<WebhookDelivery>,
    /// The runtime the sandbox was started on: webhook posts run there,
    /// whichever thread a device's data comes from.
    pub runtime: Option<tokio::runtime::Handle>,
}

impl OsWorld {
    pub(crate) fn new(seed: u64) -> Self {
        let endpoint = |protocol, domain, port, secure_port, passive_reporting| Endpoint {
            protocol,
            domain,
            port,
            secure_port,
            active: true,
            passive_reporting,
        };
        Self {
            rng: Rng::new(seed.wrapping_mul(977).wrapping_add(3)),
            clock_offset: Duration::zero(),
            stage: Duration::seconds(1),
            endpoints: vec![
                endpoint("UDP", "udp.os.1nce.com", 4445, None, None),
                endpoint("COAP", "coap.os.1nce.com", 5683, Some(5684), None),
                endpoint("LWM2M", "lwm2m.os.1nce.com", 5683, Some(5684), Some(false)),
            ],
            requests: Vec::new(),
            psks: BTreeMap::new(),
            psk_jobs: Vec::new(),
            templates: Vec::new(),
            savings: Vec::new(),
            geofences: Vec::new(),
            positions: Vec::new(),
            inside: HashMap::new(),
            messages: Vec::new(),
            integrations: Vec::new(),
            plugins: Vec::new(),
            settings: vec![Setting {
                name: "ADVANCED_CELL_TOWER_LOCATION",
                en: "Improves the Cell Tower Location functionality, especially for 3G, 4G and LTE-M.",
                de: "Verbessert die Zellturm-Ortung, besonders für 3G, 4G und LTE-M.",
                enabled: false,
                credits: 1000.0,
            }],
            agreement: None,
            logs: Vec::new(),
            deliveries: Vec::new(),
            runtime: tokio::runtime::Handle::try_current().ok(),
        }
    }

    /// 1NCE OS's clock: the real one plus what tests advanced it by.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.clock_offset
    }

    /// A new id in the shape of 1NCE OS's (a UUID).
    pub(crate) fn new_id(&mut self) -> String {
        let a = self.rng.next_u64();
        let b = self.rng.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48 & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }

    /// Moves device actions, key jobs and AWS rollouts on to `now`:
    /// a `SEND_WHEN_ACTIVE` action waits for its SIM to be online; after a
    /// stage in `SCHEDULED` and one in `IN_PROGRESS` an action succeeds if
    /// its SIM is enabled and reachable (online or attached), else fails.
    pub(crate) fn advance(&mut self, world: &World, now: DateTime<Utc>) {
        let stage = self.stage;
        let mut finished = Vec::new();
        for r in self.requests.iter_mut().filter(|r| r.done.is_none()) {
            let sim = world.find(&r.device_id).map(|i| &world.sims[i]);
            let reachable =
                sim.is_some_and(|s| s.enabled && s.connectivity != Connectivity::Offline);
            if r.started.is_none() {
                if r.send_when_active
                    && !sim.is_some_and(|s| s.connectivity == Connectivity::Online)
                {
                    continue;
                }
                r.started = Some(now);
            }
            let Some(started) = r.started else { continue };
            if now >= started + stage + stage {
                let outcome = if reachable { "SUCCEEDED" } else { "FAILED" };
                r.done = Some((outcome, started + stage + stage));
                finished.push((r.device_id.clone(), r.id.clone(), outcome));
            }
        }
        for (device, id, outcome) in finished {
            let error = outcome == "FAILED";
            self.log(AdminLog {
                id: String::new(),
                time: now,
                kind: "DEVICE",
                error,
                message: format!("Device action {id} {}", outcome.to_ascii_lowercase()),
                iccid: Some(device),
                geofence_id: None,
                integration_id: None,
                payload: None,
            });
        }
    }

    /// Adds an administration log entry (its id is filled in).
    pub(crate) fn log(&mut self, mut entry: AdminLog) {
        entry.id = self.new_id();
        self.logs.push(entry);
    }

    /// Webhook posts of one event to every working webhook integration that
    /// subscribed to its type.
    pub(crate) fn outgoing(
        &mut self,
        event_type: &str,
        payload: Value,
        now: DateTime<Utc>,
    ) -> Vec<Outgoing> {
        let id = self.new_id();
        self.integrations
            .iter()
            .filter(|i| i.webhook && !i.failed && i.event_types.iter().any(|(t, _)| t == event_type))
            .map(|i| Outgoing {
                integration_id: i.id.clone(),
                event_type: event_type.to_string(),
                url: i.url.clone(),
                headers: i.headers.clone(),
                body: json!({
                    "id": id,
                    "type": event_type,
                    "version": i.event_types.iter().find(|(t, _)| t == event_type).map_or("1.0.0", |(_, v)| v.as_str()),
                    "timestamp": super::ts(now),
                    "payload": payload,
                }),
            })
            .collect()
    }
}
