//! One record's fields, nested or flat, under one set of flat names, read
//! straight from the request body.
//!
//! The classic Data Streamer docs show nested JSON (`endpoint.imei`), the
//! Platform 2.0 migration tables name the same fields flat
//! (`endpoint_imei`). Joining nested names with `_` turns both layouts into
//! the same flat names. Only the names this SDK reads are kept ([`SLOTS`]):
//! the parser walks each record once, borrows its strings from the body,
//! and skips every subtree that holds no name it reads. No
//! `serde_json::Value` is built.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::types::Timestamp;

/// Deepest nesting read; deeper objects are skipped.
const MAX_DEPTH: usize = 8;
/// Longest flat name kept (longer ones are not names this SDK reads).
const MAX_PATH: usize = 96;
/// Most items kept of a list (`detail.mnc[]`); the rest are skipped.
const MAX_LIST: usize = 64;

/// Why a record's field could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: String,
    pub rule: String,
}

impl FieldError {
    pub fn new(field: &str, rule: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            rule: rule.into(),
        }
    }
}

pub(crate) type FieldResult<T> = Result<T, FieldError>;

/// Defines the flat names this SDK reads, each as a constant index.
macro_rules! slots {
    ($($name:ident = $text:literal,)+) => {
        #[allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        #[repr(u16)]
        enum SlotId { $($name,)+ Count }
        $(pub(crate) const $name: Slot = Slot(SlotId::$name as u16);)+
        /// Every flat name read, by slot.
        pub(crate) const SLOTS: [&str; SlotId::Count as usize] = [$($text,)+];
    };
}

/// A flat field name this SDK reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot(u16);

impl Slot {
    pub fn name(self) -> &'static str {
        SLOTS[self.0 as usize]
    }
}

slots! {
    ID = "id",
    // usage
    TRAFFIC_TYPE = "traffic_type",
    TRAFFIC_TYPE_ID = "traffic_type_id",
    TRAFFIC_TYPE_DESCRIPTION = "traffic_type_description",
    START_TIMESTAMP = "start_timestamp",
    START_TIME = "start_time",
    START = "start",
    END_TIMESTAMP = "end_timestamp",
    END_TIME = "end_time",
    END = "end",
    VOLUME_TOTAL = "volume_total",
    VOLUME_TX = "volume_tx",
    VOLUME_RX = "volume_rx",
    COST = "cost",
    CURRENCY = "currency",
    CURRENCY_CODE = "currency_code",
    CURRENCY_ID = "currency_id",
    TARIFF_ID = "tariff_id",
    TARIFF_RATEZONE_ID = "tariff_ratezone_id",
    RATEZONE_ID = "ratezone_id",
    IPCAN_SESSION_ID = "ipcan_session_id",
    SESSION_ID = "session_id",
    QUOTA_ID = "quota_id",
    RAT_TYPE = "rat_type",
    RAT_TYPE_ID = "rat_type_id",
    // device
    SIM_ICCID = "sim_iccid",
    ICCID = "iccid",
    ENDPOINT_ICCID = "endpoint_iccid",
    IMSI_IMSI = "imsi_imsi",
    IMSI = "imsi",
    SIM_IMSI = "sim_imsi",
    SIM_MSISDN = "sim_msisdn",
    MSISDN = "msisdn",
    ENDPOINT_MSISDN = "endpoint_msisdn",
    SIM_ID = "sim_id",
    SIM_PRODUCTION_DATE = "sim_production_date",
    IMSI_ID = "imsi_id",
    ENDPOINT_ID = "endpoint_id",
    ENDPOINT_NAME = "endpoint_name",
    ENDPOINT_IMEI = "endpoint_imei",
    IMEI = "imei",
    ENDPOINT_IP_ADDRESS = "endpoint_ip_address",
    IP_ADDRESS = "ip_address",
    ORGANISATION_ID = "organisation_id",
    ORGANISATION = "organisation",
    // operator of a usage record
    OPERATOR_ID = "operator_id",
    OPERATOR_NAME = "operator_name",
    OPERATOR_MCC = "operator_mcc",
    OPERATOR_COUNTRY_MCC = "operator_country_mcc",
    OPERATOR_MNC = "operator_mnc",
    OPERATOR_COUNTRY_NAME = "operator_country_name",
    // event
    TIMESTAMP = "timestamp",
    EVENT_TYPE = "event_type",
    EVENT_TYPE_ID = "event_type_id",
    EVENT_TYPE_DESCRIPTION = "event_type_description",
    EVENT_SEVERITY = "event_severity",
    EVENT_SEVERITY_ID = "event_severity_id",
    EVENT_SEVERITY_DESCRIPTION = "event_severity_description",
    EVENT_SOURCE = "event_source",
    EVENT_SOURCE_ID = "event_source_id",
    EVENT_SOURCE_DESCRIPTION = "event_source_description",
    ALERT = "alert",
    DESCRIPTION = "description",
    DETAIL_ID = "detail_id",
    DETAIL_NAME = "detail_name",
    DETAIL_MCC = "detail_mcc",
    DETAIL_COUNTRY_MCC = "detail_country_mcc",
    DETAIL_MNC = "detail_mnc",
    DETAIL_COUNTRY_NAME = "detail_country_name",
    DETAIL_COUNTRY_ISO_CODE = "detail_country_iso_code",
    DETAIL_TAPCODE = "detail_tapcode",
    DETAIL_TAP_CODE = "detail_tap_code",
    DETAIL_VOLUME_TOTAL = "detail_volume_total",
    DETAIL_VOLUME_TX = "detail_volume_tx",
    DETAIL_VOLUME_RX = "detail_volume_rx",
    DETAIL_SESSION_ID = "detail_session_id",
    PDP_IPCAN_SESSION_ID = "detail_pdp_context_ipcan_session_id",
    PDP_SESSION_ID = "detail_pdp_context_session_id",
    PDP_CONTEXT_ID = "detail_pdp_context_pdp_context_id",
    PDP_GTP_VERSION = "detail_pdp_context_gtp_version",
    PDP_APN = "detail_pdp_context_apn",
    PDP_UE_IP_ADDRESS = "detail_pdp_context_ue_ip_address",
    PDP_BREAKOUT_IP = "detail_pdp_context_breakout_ip",
    PDP_RAT_TYPE = "detail_pdp_context_rat_type",
    PDP_IMEISV = "detail_pdp_context_imeisv",
    PDP_REGION = "detail_pdp_context_region",
    PDP_MCC = "detail_pdp_context_mcc",
    PDP_MNC = "detail_pdp_context_mnc",
    PDP_LAC = "detail_pdp_context_lac",
    PDP_CI = "detail_pdp_context_ci",
    PDP_SAC = "detail_pdp_context_sac",
    PDP_RAC = "detail_pdp_context_rac",
    PDP_TAC = "detail_pdp_context_tac",
    PDP_ECI = "detail_pdp_context_eci",
    // Platform 2.0 location, whichever GTP version wrote it (see `gtp_slot`)
    GTP_MCC = "detail_pdp_context_gtp_v*_mcc",
    GTP_MNC = "detail_pdp_context_gtp_v*_mnc",
    GTP_LAC = "detail_pdp_context_gtp_v*_lac",
    GTP_CI = "detail_pdp_context_gtp_v*_ci",
    GTP_SAC = "detail_pdp_context_gtp_v*_sac",
    GTP_RAC = "detail_pdp_context_gtp_v*_rac",
    GTP_TAC = "detail_pdp_context_gtp_v*_tac",
    GTP_ECI = "detail_pdp_context_gtp_v*_eci",
    GTP_VERSION_SEEN = "detail_pdp_context_gtp_v*",
    // Platform 2.0 quota detail
    QUOTA_VOLUME = "detail_quota_volume",
    QUOTA_TOTAL_VOLUME = "detail_quota_total_volume",
    QUOTA_ACCUMULATED_TOTAL_VOLUME = "detail_quota_accumulated_total_volume",
    QUOTA_LAST_VOLUME_ADDED = "detail_quota_last_volume_added",
    QUOTA_SERVICE = "detail_quota_service",
    QUOTA_THRESHOLD_PERCENTAGE = "detail_quota_threshold_percentage",
    QUOTA_THRESHOLD_VOLUME = "detail_quota_threshold_volume",
    QUOTA_EXPIRY_DATE = "detail_quota_expiry_date",
    QUOTA_CREATED_AT = "detail_quota_created_at",
    QUOTA_STATUS_ID = "detail_quota_status_id",
    QUOTA_STATUS_DESCRIPTION = "detail_quota_status_description",
    QUOTA_ID_DETAIL = "detail_quota_id",
    // Platform 2.0 regional pool detail
    POOL_ID = "detail_regional_pool_id",
    POOL_NAME = "detail_regional_pool_name",
    // Platform 2.0 VPN detail (`detail.vpn_id`, `detail.region`, `detail.client`)
    VPN_ID = "detail_vpn_id",
    VPN_REGION = "detail_region",
    VPN_CLIENT_VERSION = "detail_client_version",
    VPN_CLIENT_PRIVATE_IP = "detail_client_private_ip",
    VPN_CLIENT_PUBLIC_IP = "detail_client_public_ip",
    // Platform 2.0 failure diagnostics
    DATA_SERVICE_FAILURE_CAUSE = "detail_data_service_failure_cause",
    UPDATE_LOCATION_FAILURE_REASON = "detail_update_location_failure_reason",
    // SMS events
    SUBMIT_DATE = "submit_date",
    FINAL_DATE = "final_date",
    STATUS = "status",
    STATUS_STATUS = "status_status",
    STATUS_DESCRIPTION = "status_description",
    STATUS_ID = "status_id",
    DETAIL_SMS_ID = "detail_sms_id",
    SMS_ID = "sms_id",
    PAYLOAD = "payload",
    SOURCE_ADDRESS = "source_address",
    DEST_ADDRESS = "dest_address",
    DCS = "dcs",
    PID = "pid",
    MULTI_PART_INFO_PARTNO = "multi_part_info_partno",
    MULTI_PART_INFO_PART = "multi_part_info_part",
    MULTI_PART_INFO_TOTAL = "multi_part_info_total",
    MULTI_PART_INFO_IDENTIFIER = "multi_part_info_identifier",
}

/// The flat names read, and every name that is a prefix of one of them
/// at a `_` (the objects worth walking into), for lookups while parsing.
struct Names {
    slots: rustc_hash::FxHashMap<&'static str, Slot>,
    prefixes: rustc_hash::FxHashSet<&'static str>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Names {
            slots: rustc_hash::FxHashMap::default(),
            prefixes: rustc_hash::FxHashSet::default(),
        };
        for (i, name) in SLOTS.iter().enumerate() {
            if name.contains('*') {
                continue;
            }
            names.slots.insert(*name, Slot(i as u16));
            for (at, _) in name.match_indices('_') {
                names.prefixes.insert(&name[..at]);
            }
        }
        names
    })
}

fn lookup(path: &str) -> Option<Slot> {
    names().slots.get(path).copied()
}

/// True when some flat name read starts with `path` followed by `_`.
fn is_read_prefix(path: &str) -> bool {
    names().prefixes.contains(path)
}

const GTP_PREFIX: &str = "detail_pdp_context_gtp_v";

/// Platform 2.0's location fields carry their GTP version in the name
/// (`detail.pdp_context.gtp_v1_uli.ci`, `..gtp_v2_uli.tai.tac`): the field
/// is known by its last name.
fn gtp_slot(path: &str) -> Option<Slot> {
    let rest = path.strip_prefix(GTP_PREFIX)?;
    let last = rest.rsplit('_').next()?;
    Some(match last {
        "mcc" => GTP_MCC,
        "mnc" => GTP_MNC,
        "lac" => GTP_LAC,
        "ci" => GTP_CI,
        "sac" => GTP_SAC,
        "rac" => GTP_RAC,
        "tac" => GTP_TAC,
        "eci" => GTP_ECI,
        _ => return None,
    })
}

/// A leaf value as sent, borrowed from the body where it has no escapes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar<'de> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'de, str>),
    List(Vec<Scalar<'de>>),
    /// An object where a value was expected.
    Object,
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => f.write_str("null"),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::UInt(u) => write!(f, "{u}"),
            Self::Float(x) => write!(f, "{x}"),
            Self::Str(s) => write!(f, "{s:?}"),
            Self::List(_) => f.write_str("a list"),
            Self::Object => f.write_str("an object"),
        }
    }
}

/// The leaves of one record, each slot once (the first spelling of a name
/// wins), with a bit set of the slots taken.
#[derive(Debug, Default)]
pub(crate) struct Leaves<'de> {
    list: Vec<(Slot, Scalar<'de>)>,
    seen: [u64; 4],
}

const _: () = assert!(SLOTS.len() <= 256, "Leaves::seen holds 256 slots");

impl<'de> Leaves<'de> {
    fn has(&self, slot: Slot) -> bool {
        let i = usize::from(slot.0);
        self.seen[i / 64] & (1 << (i % 64)) != 0
    }

    fn put(&mut self, slot: Slot, v: Scalar<'de>) {
        let i = usize::from(slot.0);
        if self.seen[i / 64] & (1 << (i % 64)) == 0 {
            self.seen[i / 64] |= 1 << (i % 64);
            self.list.push((slot, v));
        }
    }
}

/// A record's fields as parsed: the leaves this SDK reads, and whether the
/// value was a JSON object at all.
#[derive(Debug, Default)]
pub(crate) struct Parsed<'de> {
    leaves: Leaves<'de>,
    /// `None` for an object; otherwise what the value was.
    pub not_an_object: Option<&'static str>,
}

impl<'de> de::Deserialize<'de> for Parsed<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Parsed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut parsed = Parsed {
            leaves: Leaves {
                list: Vec::with_capacity(40),
                seen: [0; 4],
            },
            not_an_object: None,
        };
        let mut path = PathBuf::default();
        walk_map(&mut map, &mut path, &mut parsed.leaves, 0)?;
        Ok(parsed)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_object("a list"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(not_object("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(not_object("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(not_object("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(not_object("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(not_object("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(not_object("null"))
    }
}

fn not_object<'de>(what: &'static str) -> Parsed<'de> {
    Parsed {
        leaves: Leaves::default(),
        not_an_object: Some(what),
    }
}

/// The flat name being read (one buffer per record, reused for every key).
struct PathBuf {
    buf: String,
    /// The name did not fit: nothing under it is read.
    overflow: usize,
}

impl Default for PathBuf {
    fn default() -> Self {
        Self {
            buf: String::with_capacity(MAX_PATH),
            overflow: 0,
        }
    }
}

impl PathBuf {
    /// Appends `_name` (or `name` at the top); returns what to restore.
    fn push(&mut self, name: &str) -> (usize, usize) {
        let saved = (self.buf.len(), self.overflow);
        let sep = usize::from(!self.buf.is_empty());
        if self.overflow > 0 || self.buf.len() + sep + name.len() > MAX_PATH {
            self.overflow += 1;
            return saved;
        }
        if sep == 1 {
            self.buf.push('_');
        }
        self.buf.push_str(name);
        saved
    }

    fn restore(&mut self, saved: (usize, usize)) {
        self.buf.truncate(saved.0);
        self.overflow = saved.1;
    }

    fn as_str(&self) -> Option<&str> {
        (self.overflow == 0).then_some(self.buf.as_str())
    }
}

/// A map key, borrowed when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

fn walk_map<'de, A: MapAccess<'de>>(
    map: &mut A,
    path: &mut PathBuf,
    out: &mut Leaves<'de>,
    depth: usize,
) -> Result<(), A::Error> {
    while let Some(Key(name)) = map.next_key::<Key<'de>>()? {
        let saved = path.push(&name);
        map.next_value_seed(ValueSeed { path, out, depth })?;
        path.restore(saved);
    }
    Ok(())
}

/// Reads the value at `path`: a leaf into its slot, an object walked into,
/// anything else skipped without building it.
struct ValueSeed<'p, 'o, 'de> {
    path: &'p mut PathBuf,
    out: &'o mut Leaves<'de>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // One lookup per key: the slot of a leaf, else whether an object
        // here holds names this SDK reads (a slot's object is checked only
        // when an object comes: `event_type` is a leaf and an object).
        let (slot, descend) = match self.path.as_str() {
            None => (None, false),
            Some(p) => match lookup(p) {
                Some(slot) => (Some(slot), false),
                None if p.starts_with(GTP_PREFIX) => (gtp_slot(p), self.depth < MAX_DEPTH),
                None => (None, self.depth < MAX_DEPTH && is_read_prefix(p)),
            },
        };
        if slot.is_none() && !descend {
            d.deserialize_ignored_any(IgnoredAny)?;
            return Ok(());
        }
        d.deserialize_any(LeafVisitor {
            seed: self,
            slot,
            descend,
        })
    }
}

struct LeafVisitor<'p, 'o, 'de> {
    seed: ValueSeed<'p, 'o, 'de>,
    slot: Option<Slot>,
    descend: bool,
}

impl<'de> LeafVisitor<'_, '_, 'de> {
    fn put(self, v: Scalar<'de>) {
        if let Some(slot) = self.slot {
            self.seed.out.put(slot, v);
        }
        let gtp = [
            GTP_MCC, GTP_MNC, GTP_LAC, GTP_CI, GTP_SAC, GTP_RAC, GTP_TAC, GTP_ECI,
        ];
        if self.slot.is_some_and(|s| gtp.contains(&s)) && !self.seed.out.has(GTP_VERSION_SEEN) {
            let version = gtp_version(self.seed.path.as_str().unwrap_or(""));
            self.seed
                .out
                .put(GTP_VERSION_SEEN, Scalar::Str(Cow::Owned(version)));
        }
    }
}

fn gtp_version(path: &str) -> String {
    path.strip_prefix(GTP_PREFIX)
        .and_then(|r| r.split('_').next())
        .map(|v| format!("v{v}"))
        .unwrap_or_default()
}

impl<'de> Visitor<'de> for LeafVisitor<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.put(Scalar::Null);
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        self.put(Scalar::Null);
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.put(Scalar::Bool(v));
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.put(Scalar::Int(v));
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.put(Scalar::UInt(v));
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.put(Scalar::Float(v));
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.put(Scalar::Str(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.put(Scalar::Str(Cow::Owned(v.to_string())));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.slot.is_none() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let mut items = Vec::new();
        let member = self
            .slot
            .map(|s| s.name().rsplit('_').next().unwrap_or(""))
            .unwrap_or("");
        while let Some(item) = seq.next_element_seed(ListItem { member })? {
            if let (Some(v), true) = (item, items.len() < MAX_LIST) {
                items.push(v);
            }
        }
        self.put(Scalar::List(items));
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let descend = self.descend
            || (self.seed.depth < MAX_DEPTH && self.seed.path.as_str().is_some_and(is_read_prefix));
        if descend {
            walk_map(&mut map, self.seed.path, self.seed.out, self.seed.depth + 1)?;
            return Ok(());
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.put(Scalar::Object);
        Ok(())
    }
}

/// An item of a list: a string or number kept; an object gives its member
/// named `member` (1NCE's `detail.mnc[]` holds `{"id", "mnc"}` objects);
/// anything else is skipped.
struct ListItem<'m> {
    member: &'m str,
}

impl<'de> DeserializeSeed<'de> for ListItem<'_> {
    type Value = Option<Scalar<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListItem<'_> {
    type Value = Option<Scalar<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list item")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Str(Cow::Borrowed(s))))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Str(Cow::Owned(s.to_string()))))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::UInt(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Float(v)))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(Key(name)) = map.next_key::<Key<'de>>()? {
            if found.is_none() && name == self.member {
                found = map.next_value_seed(ListItem { member: "" })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A record's fields under their flat names, with what could not be read
/// of the optional ones.
pub(crate) struct Fields<'de> {
    index: [u8; SLOTS.len()],
    leaves: Vec<(Slot, Scalar<'de>)>,
    unread: RefCell<Vec<FieldError>>,
}

impl<'de> Fields<'de> {
    pub fn new(parsed: Parsed<'de>) -> Self {
        let mut index = [0u8; SLOTS.len()];
        let mut leaves = parsed.leaves.list;
        leaves.truncate(255);
        for (i, (slot, _)) in leaves.iter().enumerate() {
            index[slot.0 as usize] = (i + 1) as u8;
        }
        Self {
            index,
            leaves,
            unread: RefCell::new(Vec::new()),
        }
    }

    /// The optional fields that carried a value this SDK could not read.
    pub fn take_unread(&self) -> Vec<FieldError> {
        std::mem::take(&mut self.unread.borrow_mut())
    }

    fn note(&self, e: FieldError) {
        let mut unread = self.unread.borrow_mut();
        if !unread.iter().any(|u| u.field == e.field) {
            unread.push(e);
        }
    }

    fn value(&self, slot: Slot) -> Option<&Scalar<'de>> {
        match self.index[slot.0 as usize] {
            0 => None,
            i => self.leaves.get(usize::from(i) - 1).map(|(_, v)| v),
        }
    }

    /// The first of `slots` present with a value other than `null`.
    pub fn get(&self, slots: &[Slot]) -> Option<(Slot, &Scalar<'de>)> {
        slots.iter().find_map(|s| match self.value(*s) {
            None | Some(Scalar::Null) => None,
            Some(v) => Some((*s, v)),
        })
    }

    /// True when any of `slots` holds a value other than `null`.
    pub fn any(&self, slots: &[Slot]) -> bool {
        self.get(slots).is_some()
    }

    /// Text of a string or number field; empty strings count as absent.
    pub fn text_strict(&self, slots: &[Slot]) -> FieldResult<Option<String>> {
        match self.get(slots) {
            None => Ok(None),
            Some((k, v)) => text(k.name(), v),
        }
    }

    /// Text of an optional field: a value of another type is noted as
    /// unread (it stays in the raw record) and counts as absent.
    pub fn text(&self, slots: &[Slot]) -> Option<String> {
        self.text_strict(slots).unwrap_or_else(|e| {
            self.note(e);
            None
        })
    }

    /// Text of a field, without noting a value of another type.
    pub fn text_quiet(&self, slots: &[Slot]) -> Option<String> {
        self.text_strict(slots).ok().flatten()
    }

    /// An integer sent as a number or a string.
    pub fn int_strict(&self, slots: &[Slot]) -> FieldResult<Option<i64>> {
        match self.get(slots) {
            None => Ok(None),
            Some((k, v)) => int(k.name(), v),
        }
    }

    /// An optional integer (see [`text`](Self::text)).
    pub fn int(&self, slots: &[Slot]) -> Option<i64> {
        self.int_strict(slots).unwrap_or_else(|e| {
            self.note(e);
            None
        })
    }

    /// An optional decimal sent as a number or a string.
    pub fn decimal(&self, slots: &[Slot]) -> Option<f64> {
        match self.get(slots) {
            None => None,
            Some((k, v)) => decimal(k.name(), v).unwrap_or_else(|e| {
                self.note(e);
                None
            }),
        }
    }

    /// An optional boolean sent as `true`/`false`, `"true"`/`"false"` or 1/0.
    pub fn boolean(&self, slots: &[Slot]) -> Option<bool> {
        let (k, v) = self.get(slots)?;
        if let Scalar::Bool(b) = v {
            return Some(*b);
        }
        match text(k.name(), v).map(|t| t.map(|s| s.to_ascii_lowercase())) {
            Ok(Some(s)) if s == "true" || s == "1" => Some(true),
            Ok(Some(s)) if s == "false" || s == "0" => Some(false),
            Ok(None) => None,
            Ok(Some(s)) => {
                self.note(FieldError::new(
                    k.name(),
                    format!("expected a boolean, got {s:?}"),
                ));
                None
            }
            Err(e) => {
                self.note(e);
                None
            }
        }
    }

    /// An optional timestamp in any shape 1NCE writes (zone-less ones
    /// taken as UTC).
    pub fn timestamp(&self, slots: &[Slot]) -> Option<Timestamp> {
        let (k, v) = self.get(slots)?;
        let parsed = match v {
            Scalar::Str(s) if s.is_empty() => return None,
            Scalar::Str(s) => Timestamp::parse_lenient(s).ok_or_else(|| {
                FieldError::new(k.name(), format!("{s:?} is not an ISO 8601 date-time"))
            }),
            other => Err(FieldError::new(
                k.name(),
                format!("expected a date-time, got {other}"),
            )),
        };
        parsed.map(Some).unwrap_or_else(|e| {
            self.note(e);
            None
        })
    }

    /// A list of strings (a JSON array, or one string or number).
    pub fn text_list(&self, slots: &[Slot]) -> Vec<String> {
        match self.get(slots) {
            None => Vec::new(),
            Some((_, Scalar::List(items))) => items
                .iter()
                .filter_map(|v| text("", v).ok().flatten())
                .collect(),
            Some((k, v)) => match text(k.name(), v) {
                Ok(t) => t.into_iter().collect(),
                Err(e) => {
                    self.note(e);
                    Vec::new()
                }
            },
        }
    }
}

fn text(key: &str, v: &Scalar<'_>) -> FieldResult<Option<String>> {
    match v {
        Scalar::Null => Ok(None),
        Scalar::Str(s) if s.is_empty() => Ok(None),
        Scalar::Str(s) => Ok(Some(s.to_string())),
        Scalar::Int(i) => Ok(Some(i.to_string())),
        Scalar::UInt(u) => Ok(Some(u.to_string())),
        Scalar::Float(f) => Ok(Some(f.to_string())),
        Scalar::Bool(b) => Ok(Some(b.to_string())),
        Scalar::List(_) => Err(FieldError::new(key, "expected a string, got a list")),
        Scalar::Object => Err(FieldError::new(key, "expected a string, got an object")),
    }
}

fn decimal(key: &str, v: &Scalar<'_>) -> FieldResult<Option<f64>> {
    let parsed = match v {
        Scalar::Null => return Ok(None),
        Scalar::Int(i) => Some(*i as f64),
        Scalar::UInt(u) => Some(*u as f64),
        Scalar::Float(f) => Some(*f),
        Scalar::Str(s) if s.trim().is_empty() => return Ok(None),
        Scalar::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match parsed {
        Some(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(FieldError::new(key, format!("expected a number, got {v}"))),
    }
}

fn int(key: &str, v: &Scalar<'_>) -> FieldResult<Option<i64>> {
    match v {
        Scalar::Int(i) => return Ok(Some(*i)),
        Scalar::UInt(u) => {
            return i64::try_from(*u)
                .map(Some)
                .map_err(|_| FieldError::new(key, format!("{u} is out of range")))
        }
        Scalar::Str(s) => {
            if let Ok(i) = s.trim().parse::<i64>() {
                return Ok(Some(i));
            }
        }
        _ => {}
    }
    match decimal(key, v)? {
        None => Ok(None),
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Some(_) => Err(FieldError::new(
            key,
            format!("expected an integer, got {v}"),
        )),
    }
}

/// Parses one record from its JSON text.
pub(crate) fn parse(json: &str) -> serde_json::Result<Parsed<'_>> {
    serde_json::from_str(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(json: &str) -> Fields<'_> {
        Fields::new(parse(json).unwrap())
    }

    #[test]
    fn every_name_is_unique_and_found() {
        let plain: Vec<&str> = SLOTS.iter().copied().filter(|n| !n.contains('*')).collect();
        assert_eq!(names().slots.len(), plain.len(), "a name twice");
        for (i, name) in SLOTS.iter().enumerate() {
            if !name.contains('*') {
                assert_eq!(lookup(name), Some(Slot(i as u16)));
            }
        }
        assert!(is_read_prefix("detail_pdp_context"));
        assert!(is_read_prefix("sim"));
        assert!(!is_read_prefix("tariff_ratezone_name"));
        assert!(!is_read_prefix("endpoint_tags"));
    }

    #[test]
    fn nested_and_flat_give_the_same_fields() {
        for json in [
            r#"{"endpoint": {"imei": "1", "tags": {"a": 1}}, "detail": {"quota": {"volume": 3}}}"#,
            r#"{"endpoint_imei": "1", "detail_quota_volume": "3", "endpoint_tags": null}"#,
        ] {
            let f = fields(json);
            assert_eq!(f.text(&[ENDPOINT_IMEI]).as_deref(), Some("1"));
            assert_eq!(f.int(&[QUOTA_VOLUME]), Some(3));
            assert!(f.take_unread().is_empty());
        }
    }

    #[test]
    fn gtp_location_is_read_by_its_last_name() {
        let f = fields(
            r#"{"detail": {"pdp_context": {"gtp_v2_uli": {"tai": {"tac": "12"}, "ecgi": {"eci": 77}}}}}"#,
        );
        assert_eq!(f.text(&[GTP_TAC]).as_deref(), Some("12"));
        assert_eq!(f.text(&[GTP_ECI]).as_deref(), Some("77"));
        assert_eq!(f.text(&[GTP_VERSION_SEEN]).as_deref(), Some("v2"));
    }

    #[test]
    fn wrong_types_are_noted_by_field_and_count_as_absent() {
        let f = fields(
            r#"{"volume": {"total": "abc"}, "id": 1.5, "timestamp": "soon", "alert": "maybe"}"#,
        );
        assert_eq!(f.decimal(&[VOLUME_TOTAL]), None);
        assert_eq!(f.int(&[ID]), None);
        assert_eq!(f.timestamp(&[TIMESTAMP]), None);
        assert_eq!(f.boolean(&[ALERT]), None);
        let unread: Vec<_> = f.take_unread().into_iter().map(|e| e.field).collect();
        assert_eq!(unread, ["volume_total", "id", "timestamp", "alert"]);
    }

    #[test]
    fn escaped_strings_lists_and_deep_objects() {
        let f = fields(
            r#"{"endpoint": {"name": "a\"b"}, "detail": {"mnc": ["01", 2, {"x": 1}, {"id": 3, "mnc": "03"}], "tapcode": [{"id": 1, "tapcode": "DEUD1"}]},
               "a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": 1}}}}}}}}}}"#,
        );
        assert_eq!(f.text(&[ENDPOINT_NAME]).as_deref(), Some("a\"b"));
        assert_eq!(f.text_list(&[DETAIL_MNC]), ["01", "2", "03"]);
        assert_eq!(f.text_list(&[DETAIL_TAPCODE]), ["DEUD1"]);
    }

    #[test]
    fn a_value_that_is_not_an_object_says_what_it_is() {
        assert_eq!(parse("[1]").unwrap().not_an_object, Some("a list"));
        assert_eq!(parse("7").unwrap().not_an_object, Some("a number"));
        assert_eq!(parse("{}").unwrap().not_an_object, None);
    }
}
