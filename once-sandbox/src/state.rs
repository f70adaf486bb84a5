//! The sandbox's world: SIMs, quotas, usage, SMS, events, orders, support
//! cases, limits. Plain data plus the rules that change it; no HTTP here.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Months, NaiveDate, Utc};

/// Data volume (MB) and SMS count that one top-up adds, as 1NCE sells it.
pub(crate) const TOP_UP_DATA_MB: f64 = 500.0;
/// See [`TOP_UP_DATA_MB`].
pub(crate) const TOP_UP_SMS: f64 = 250.0;
/// Net price of one top-up in EUR.
pub(crate) const TOP_UP_PRICE: f64 = 10.0;

/// Whether the SIM is on the network right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Connectivity {
    Online,
    Attached,
    Offline,
}

impl Connectivity {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Connectivity::Online => "ONLINE",
            Connectivity::Attached => "ATTACHED",
            Connectivity::Offline => "OFFLINE",
        }
    }
}

/// A data or SMS quota.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quota {
    pub id: u64,
    pub volume: f64,
    pub total_volume: f64,
    pub accumulated_total_volume: f64,
    pub last_volume_added: f64,
    pub threshold_percentage: u8,
    pub expiry_date: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub last_status_change_date: DateTime<Utc>,
    pub threshold_reached_date: Option<DateTime<Utc>>,
    pub quota_exceeded_date: Option<DateTime<Utc>>,
}

/// What crossing a line while consuming did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Crossing {
    None,
    Threshold,
    Exhausted,
}

impl Quota {
    pub(crate) fn new(volume: f64, created: DateTime<Utc>, expiry: DateTime<Utc>) -> Self {
        Self {
            id: 1,
            volume,
            total_volume: volume,
            accumulated_total_volume: volume,
            last_volume_added: volume,
            threshold_percentage: 20,
            expiry_date: expiry,
            created_at: created,
            last_status_change_date: created,
            threshold_reached_date: None,
            quota_exceeded_date: None,
        }
    }

    pub(crate) fn threshold_volume(&self) -> f64 {
        self.total_volume * f64::from(self.threshold_percentage) / 100.0
    }

    /// 0: more than the threshold left, 1: less, 2: nothing (SIM view).
    pub(crate) fn level(&self) -> u8 {
        if self.volume <= 0.0 {
            2
        } else if self.volume < self.threshold_volume() {
            1
        } else {
            0
        }
    }

    pub(crate) fn expired(&self, now: DateTime<Utc>) -> bool {
        self.expiry_date <= now
    }

    /// Uses up to `amount` of what is left: like a real quota, usage stops
    /// at zero, so the volume never goes negative. Returns what was used.
    pub(crate) fn consume(&mut self, amount: f64, at: DateTime<Utc>) -> (f64, Crossing) {
        let before = self.level();
        let used = amount.clamp(0.0, self.volume.max(0.0));
        self.volume = (((self.volume - used) * 1e6).round() / 1e6).max(0.0);
        (used, self.crossing(before, at))
    }

    /// What moving from `before` to the current level means.
    fn crossing(&mut self, before: u8, at: DateTime<Utc>) -> Crossing {
        let after = self.level();
        if after == before {
            return Crossing::None;
        }
        self.last_status_change_date = at;
        if after >= 1 && self.threshold_reached_date.is_none() {
            self.threshold_reached_date = Some(at);
        }
        if after == 2 {
            self.quota_exceeded_date = Some(at);
            Crossing::Exhausted
        } else {
            Crossing::Threshold
        }
    }

    pub(crate) fn top_up(&mut self, amount: f64, at: DateTime<Utc>) {
        self.id += 1;
        self.volume = ((self.volume + amount) * 1e6).round() / 1e6;
        self.total_volume = self.volume.max(amount);
        self.accumulated_total_volume += amount;
        self.last_volume_added = amount;
        self.created_at = at;
        self.last_status_change_date = at;
        if self.level() == 0 {
            self.threshold_reached_date = None;
            self.quota_exceeded_date = None;
        }
    }
}

/// One day of usage.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct DayUsage {
    pub data_rx: f64,
    pub data_tx: f64,
    pub sms_mo: f64,
    pub sms_mt: f64,
}

/// What happened to a SIM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EventKind {
    LocationUpdate,
    PdpCreated,
    PdpDeleted,
    Activated,
    Enabled,
    Disabled,
    DataThreshold,
    DataExhausted,
    SmsThreshold,
    SmsExhausted,
    TopUp,
    Reset,
    Extended,
}

impl EventKind {
    /// v2 `event_type.id` and description.
    pub(crate) fn v2(self) -> (u32, &'static str) {
        match self {
            EventKind::LocationUpdate => (1, "Update location"),
            EventKind::PdpCreated => (3, "Create PDP Context"),
            EventKind::PdpDeleted => (4, "Delete PDP Context"),
            EventKind::Activated => (5, "SIM activation"),
            EventKind::Enabled => (6, "SIM enabled"),
            EventKind::Disabled => (7, "SIM disabled"),
            EventKind::DataThreshold => (8, "Data quota threshold reached"),
            EventKind::DataExhausted => (9, "Data quota exhausted"),
            EventKind::SmsThreshold => (10, "SMS quota threshold reached"),
            EventKind::SmsExhausted => (11, "SMS quota exhausted"),
            EventKind::TopUp => (12, "Quota top-up"),
            EventKind::Reset => (13, "Connectivity reset"),
            EventKind::Extended => (14, "SIM lifetime extended"),
        }
    }

    /// v1 `event_type` text.
    pub(crate) fn v1(self) -> &'static str {
        match self {
            EventKind::LocationUpdate => "Location Update",
            EventKind::PdpCreated => "PDP Context created",
            EventKind::PdpDeleted => "PDP Context deleted",
            EventKind::Activated => "Status of SIM changed from 'Issued' to 'Activated'",
            EventKind::Enabled => "Status of SIM changed from 'Disabled' to 'Enabled'",
            EventKind::Disabled => "Status of SIM changed from 'Enabled' to 'Disabled'",
            EventKind::DataThreshold => "Data quota threshold reached",
            EventKind::DataExhausted => "Data quota exhausted",
            EventKind::SmsThreshold => "SMS quota threshold reached",
            EventKind::SmsExhausted => "SMS quota exhausted",
            EventKind::TopUp => "Quota topped up",
            EventKind::Reset => "Connectivity reset",
            EventKind::Extended => "SIM lifetime extended",
        }
    }

    pub(crate) fn alert(self) -> bool {
        matches!(
            self,
            EventKind::DataThreshold
                | EventKind::DataExhausted
                | EventKind::SmsThreshold
                | EventKind::SmsExhausted
        )
    }

    /// (v2 source id, v2 source description): network or API.
    pub(crate) fn source(self) -> (u32, &'static str) {
        match self {
            EventKind::LocationUpdate | EventKind::PdpCreated | EventKind::PdpDeleted => {
                (0, "Network")
            }
            EventKind::Enabled | EventKind::Disabled | EventKind::Reset | EventKind::TopUp => {
                (2, "API")
            }
            _ => (1, "Platform"),
        }
    }
}

/// An event of a SIM.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Event {
    pub id: u64,
    pub kind: EventKind,
    pub timestamp: DateTime<Utc>,
}

impl Event {
    /// An event whose id is set when it is recorded.
    pub(crate) fn new(kind: EventKind, timestamp: DateTime<Utc>) -> Self {
        Self {
            id: 0,
            kind,
            timestamp,
        }
    }
}

/// SMS delivery status ids: 2 pending, 4 delivered, 5 failed, 6 expired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SmsStatus {
    Pending,
    Delivered,
    Failed,
    Expired,
}

impl SmsStatus {
    pub(crate) fn id_and_name(self) -> (u32, &'static str) {
        match self {
            SmsStatus::Pending => (2, "PENDING"),
            SmsStatus::Delivered => (4, "DELIVERED"),
            SmsStatus::Failed => (5, "FAILED"),
            SmsStatus::Expired => (6, "EXPIRED"),
        }
    }
}

/// An SMS to (MT) or from (MO) a SIM.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SmsMessage {
    pub id: u64,
    pub submit_date: DateTime<Utc>,
    pub delivery_date: Option<DateTime<Utc>>,
    pub expiry_date: DateTime<Utc>,
    pub status: SmsStatus,
    pub mobile_originated: bool,
    pub source_address: String,
    pub source_address_type: u32,
    pub dcs: u32,
    pub udh: String,
    pub payload: String,
}

/// A SIM card and everything the sandbox knows about it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SimCard {
    pub id: u64,
    pub iccid: String,
    pub iccid_with_luhn: String,
    pub imsi: String,
    pub imsi_2: String,
    pub current_imsi: String,
    pub msisdn: String,
    pub imei: Option<String>,
    pub imei_lock: bool,
    pub enabled: bool,
    pub activation_date: DateTime<Utc>,
    pub ip_address: String,
    pub label: Option<String>,
    pub data: Quota,
    pub sms: Quota,
    pub auto_top_up: bool,
    pub connectivity: Connectivity,
    pub usage: BTreeMap<NaiveDate, DayUsage>,
    pub events: Vec<Event>,
    pub sms_messages: Vec<SmsMessage>,
}

/// A product of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Product {
    pub id: u64,
    pub name: &'static str,
    pub material: &'static str,
    pub price: f64,
    pub min_contract_duration: u32,
}

impl Product {
    pub(crate) fn new(
        id: u64,
        name: &'static str,
        material: &'static str,
        price: f64,
        min_contract_duration: u32,
    ) -> Self {
        Self {
            id,
            name,
            material,
            price,
            min_contract_duration,
        }
    }
}

/// A SIM listed in an order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OrderSim {
    pub iccid: String,
}

/// An order (SIMs, top-ups).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Order {
    pub order_number: u64,
    pub order_type: &'static str,
    pub order_date: DateTime<Utc>,
    pub order_status: &'static str,
    pub invoice_number: String,
    pub invoice_amount: f64,
    pub sims: Vec<OrderSim>,
    pub products: Vec<(u64, u64)>,
    pub shipping_address: serde_json::Value,
    pub customer_reference: Option<String>,
}

/// A support request.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SupportCase {
    pub case_id: u64,
    pub subject: String,
    pub text: String,
    pub status: &'static str,
    pub created: DateTime<Utc>,
    pub solved: Option<DateTime<Utc>>,
    pub sender_name: String,
    pub reply_to: String,
}

/// The account-wide limits (ids into [`DATA_LIMITS`] / [`SMS_LIMITS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    pub data: u32,
    pub sms_mt: u32,
    pub sms_mo: u32,
}

/// Selectable monthly data limits: (id, MB).
pub(crate) const DATA_LIMITS: [(u32, &str); 7] = [
    (1, "1"),
    (2, "16"),
    (3, "64"),
    (4, "128"),
    (5, "256"),
    (6, "512"),
    (7, "1024"),
];
/// Selectable monthly SMS limits: (id, messages).
pub(crate) const SMS_LIMITS: [(u32, &str); 4] = [(1, "10"), (2, "50"), (3, "100"), (4, "250")];

/// Everything the sandbox holds.
#[derive(Debug)]
pub(crate) struct World {
    pub sims: Vec<SimCard>,
    pub index: HashMap<String, usize>,
    pub products: Vec<Product>,
    pub orders: Vec<Order>,
    pub cases: Vec<SupportCase>,
    pub limits: Limits,
    pub next_event_id: u64,
    pub next_sms_id: u64,
    /// Data Streamer records waiting to be posted; `None` until a stream is set up.
    pub outbox: Option<crate::outbox::Outbox>,
}

impl World {
    pub(crate) fn new(sims: Vec<SimCard>) -> Self {
        let orders = vec![super::fleet::first_order(&sims)];
        let mut world = Self {
            index: HashMap::new(),
            sims: Vec::new(),
            products: super::fleet::products(),
            orders,
            cases: vec![super::fleet::first_case()],
            limits: Limits {
                data: 7,
                sms_mt: 4,
                sms_mo: 4,
            },
            next_event_id: 1,
            // The specs' example SMS id: the first SMS sent or received.
            next_sms_id: 123,
            outbox: None,
        };
        for mut sim in sims {
            for e in &mut sim.events {
                e.id = world.next_event_id;
                world.next_event_id += 1;
            }
            world.sims.push(sim);
        }
        world.reindex();
        world
    }

    pub(crate) fn reindex(&mut self) {
        self.index = self
            .sims
            .iter()
            .enumerate()
            .map(|(i, s)| (s.iccid.clone(), i))
            .collect();
    }

    /// The SIM with this ICCID (19 digits, or 20 with the Luhn digit).
    pub(crate) fn find(&self, iccid: &str) -> Option<usize> {
        self.index
            .get(iccid)
            .or_else(|| {
                (iccid.len() == 20)
                    .then(|| self.index.get(&iccid[..19]))
                    .flatten()
            })
            .copied()
    }

    /// Queues a Data Streamer record about `sim`, when a stream is set up.
    pub(crate) fn stream(
        &mut self,
        sim: usize,
        f: impl FnOnce(&mut crate::outbox::Outbox, &SimCard),
    ) {
        if let (Some(o), Some(s)) = (self.outbox.as_mut(), self.sims.get(sim)) {
            f(o, s);
        }
    }

    pub(crate) fn record(&mut self, sim: usize, kind: EventKind, at: DateTime<Utc>) {
        let id = self.next_event_id;
        self.next_event_id += 1;
        // The stream carries the event under the id the API lists it by,
        // as 1NCE does: a ledger fed by both stores it once.
        self.stream(sim, |o, s| o.event(s, kind, at, id));
        if let Some(s) = self.sims.get_mut(sim) {
            s.events.push(Event {
                id,
                kind,
                timestamp: at,
            });
        }
    }

    /// Uses `mb` of data on `sim` today; returns whether an auto top-up fired.
    pub(crate) fn consume_data(&mut self, sim: usize, mb: f64, now: DateTime<Utc>) -> bool {
        let Some(s) = self.sims.get_mut(sim) else {
            return false;
        };
        let (mb, crossing) = s.data.consume(mb, now);
        let day = s.usage.entry(now.date_naive()).or_default();
        let rx = (mb * 0.6 * 1e6).round() / 1e6;
        day.data_rx += rx;
        day.data_tx += mb - rx;
        let auto = s.auto_top_up && crossing == Crossing::Exhausted;
        self.stream(sim, |o, s| o.usage(s, Some(mb), 0.0, now));
        match crossing {
            Crossing::Threshold => self.record(sim, EventKind::DataThreshold, now),
            Crossing::Exhausted => self.record(sim, EventKind::DataExhausted, now),
            Crossing::None => {}
        }
        if auto {
            self.top_up(&[sim], now);
        }
        auto
    }

    /// Uses `n` SMS of `sim`'s quota today (messages sent by the device).
    pub(crate) fn consume_sms(
        &mut self,
        sim: usize,
        n: f64,
        mobile_originated: bool,
        now: DateTime<Utc>,
    ) {
        let Some(s) = self.sims.get_mut(sim) else {
            return;
        };
        let (n, crossing) = s.sms.consume(n, now);
        let day = s.usage.entry(now.date_naive()).or_default();
        if mobile_originated {
            day.sms_mo += n;
        } else {
            day.sms_mt += n;
        }
        self.stream(sim, |o, s| o.usage(s, None, n, now));
        match crossing {
            Crossing::Threshold => self.record(sim, EventKind::SmsThreshold, now),
            Crossing::Exhausted => self.record(sim, EventKind::SmsExhausted, now),
            Crossing::None => {}
        }
    }

    /// Tops up data and SMS of each SIM and records one order for them.
    /// Returns the order number.
    pub(crate) fn top_up(&mut self, sims: &[usize], now: DateTime<Utc>) -> u64 {
        let mut iccids = Vec::new();
        for &i in sims {
            if let Some(s) = self.sims.get_mut(i) {
                s.data.top_up(TOP_UP_DATA_MB, now);
                s.sms.top_up(TOP_UP_SMS, now);
                iccids.push(OrderSim {
                    iccid: s.iccid.clone(),
                });
            }
            self.record(i, EventKind::TopUp, now);
        }
        let order_type = if sims.len() == 1 {
            "TOPUP"
        } else {
            "BULK_TOPUP"
        };
        self.add_order(
            order_type,
            "COMPLETED",
            iccids,
            vec![(2001, sims.len() as u64)],
            TOP_UP_PRICE * sims.len() as f64,
            serde_json::Value::Null,
            None,
            now,
        )
    }

    #[allow(clippy::too_many_arguments)]
    /// Adds an order; the first gets the spec's example number.
    pub(crate) fn add_order(
        &mut self,
        order_type: &'static str,
        order_status: &'static str,
        sims: Vec<OrderSim>,
        products: Vec<(u64, u64)>,
        amount: f64,
        shipping_address: serde_json::Value,
        customer_reference: Option<String>,
        now: DateTime<Utc>,
    ) -> u64 {
        let order_number = self
            .orders
            .iter()
            .map(|o| o.order_number)
            .max()
            .map_or(2_000_000_001, |n| n + 1);
        self.orders.push(Order {
            order_number,
            order_type,
            order_date: now,
            order_status,
            invoice_number: format!("{}", 20_000_000 + self.orders.len() + 1),
            invoice_amount: amount,
            sims,
            products,
            shipping_address,
            customer_reference,
        });
        order_number
    }

    /// Sends an MT SMS to `sim`; returns its id.
    pub(crate) fn send_sms(&mut self, sim: usize, mut msg: SmsMessage, now: DateTime<Utc>) -> u64 {
        let id = self.next_sms_id;
        self.next_sms_id += 1;
        msg.id = id;
        let deliverable = match self.sims.get(sim) {
            Some(s) => s.enabled && s.sms.volume > 0.0 && !s.sms.expired(now),
            None => false,
        };
        let online = self
            .sims
            .get(sim)
            .is_some_and(|s| s.connectivity != Connectivity::Offline);
        msg.status = if !deliverable {
            SmsStatus::Failed
        } else if online {
            msg.delivery_date = Some(now);
            SmsStatus::Delivered
        } else {
            SmsStatus::Pending
        };
        if deliverable {
            self.consume_sms(sim, 1.0, false, now);
        }
        if msg.status != SmsStatus::Pending {
            let (submitted, status) = (msg.submit_date, msg.status);
            self.stream(sim, |o, s| o.delivery_report(s, id, submitted, status, now));
        }
        if let Some(s) = self.sims.get_mut(sim) {
            s.sms_messages.push(msg);
        }
        id
    }

    /// Brings a SIM on or off the network. Coming online delivers the SMS
    /// waiting for it (those not yet expired; the others expire).
    pub(crate) fn set_online(&mut self, sim: usize, online: bool, now: DateTime<Utc>) {
        let Some(s) = self.sims.get_mut(sim) else {
            return;
        };
        let was_online = s.connectivity == Connectivity::Online;
        s.connectivity = if online {
            Connectivity::Online
        } else {
            Connectivity::Offline
        };
        let mut finished = Vec::new();
        if online {
            for m in s.sms_messages.iter_mut() {
                if m.status == SmsStatus::Pending {
                    if m.expiry_date > now {
                        m.status = SmsStatus::Delivered;
                        m.delivery_date = Some(now);
                    } else {
                        m.status = SmsStatus::Expired;
                    }
                    finished.push((m.id, m.submit_date, m.status));
                }
            }
        }
        for (id, submitted, status) in finished {
            self.stream(sim, |o, s| o.delivery_report(s, id, submitted, status, now));
        }
        match (was_online, online) {
            (false, true) => {
                self.record(sim, EventKind::LocationUpdate, now);
                self.record(sim, EventKind::PdpCreated, now);
            }
            (true, false) => self.record(sim, EventKind::PdpDeleted, now),
            _ => {}
        }
    }

    /// An SMS sent by the device (mobile originated); returns its id.
    pub(crate) fn receive_sms(&mut self, sim: usize, payload: &str, now: DateTime<Utc>) -> u64 {
        let id = self.next_sms_id;
        self.next_sms_id += 1;
        let Some(s) = self.sims.get_mut(sim) else {
            return id;
        };
        s.sms_messages.push(SmsMessage {
            id,
            submit_date: now,
            delivery_date: Some(now),
            expiry_date: now + chrono::Duration::days(1),
            status: SmsStatus::Delivered,
            mobile_originated: true,
            source_address: s.msisdn.clone(),
            source_address_type: 145,
            dcs: 0,
            udh: String::new(),
            payload: payload.to_string(),
        });
        self.stream(sim, |o, s| o.mo_sms(s, payload, now));
        self.consume_sms(sim, 1.0, true, now);
        id
    }

    /// Moves a SIM's lifetime on by `months`.
    pub(crate) fn extend(&mut self, sim: usize, months: u32, now: DateTime<Utc>) {
        if let Some(s) = self.sims.get_mut(sim) {
            for q in [&mut s.data, &mut s.sms] {
                let from = q.expiry_date.max(now);
                q.expiry_date = from.checked_add_months(Months::new(months)).unwrap_or(from);
            }
        }
        self.record(sim, EventKind::Extended, now);
    }
}
