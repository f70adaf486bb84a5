//! Models of SIM management v1 (`/v1/sims...`), reached as
//! `once_sdk::types::v1::...`.
//!
//! 1NCE retires SIM management v1 at the end of 2026; prefer the v2 models
//! at the crate root ([`crate::Sim`], [`crate::Quota`]) where v2 has the
//! operation. These types are what `client.v1()` sends and returns.
//!
//! Where v1 and v2 have the same wire shape, the v1 name is the v2 type
//! (`pub use`), one model per shape: [`Sim`], [`PaymentMethod`],
//! [`TopUpOrder`]. Code naming either keeps compiling.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::de::{opt_bool, opt_f64, opt_i64, opt_string};
use super::ids::{Iccid, Imei, Imsi, Msisdn};
use super::sim::SimStatus;
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};
use crate::error::ValidationError;

/// A SIM card as SIM management v1 reports it: the same type as v2's
/// [`crate::Sim`]. 1NCE's two documents describe the same SIM object
/// (`SIM_card` in v1, `SimsSim` in v2: the same fields, types and quota
/// status), so one model decodes both.
pub use super::sim::Sim;

/// One SIM's new settings (v1 `Values_for_a_SIM_update`): the ICCID and
/// status are always sent, the label and IMEI lock only when set.
///
/// ```
/// use once_sdk::types::v1::SimUpdate;
/// use once_sdk::SimStatus;
/// let u = SimUpdate::new("8988280666000000000".parse()?, SimStatus::Enabled).label("pump-17");
/// assert_eq!(
///     serde_json::to_value(&u).unwrap(),
///     serde_json::json!({"iccid": "8988280666000000000", "status": "Enabled", "label": "pump-17"})
/// );
/// # Ok::<(), once_sdk::ValidationError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimUpdate {
    /// The SIM to change.
    pub iccid: Iccid,
    /// A new label (at most 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Lock (or unlock) the SIM to the current device IMEI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imei_lock: Option<bool>,
    /// Enabled or disabled (1NCE requires it on every v1 update).
    pub status: SimStatus,
}

impl SimUpdate {
    /// An update that sets `status` (required by v1) and nothing else.
    pub fn new(iccid: Iccid, status: SimStatus) -> Self {
        Self {
            iccid,
            label: None,
            imei_lock: None,
            status,
        }
    }

    /// Also sets a new label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Also locks (or unlocks) the SIM to its current device.
    pub fn imei_lock(mut self, lock: bool) -> Self {
        self.imei_lock = Some(lock);
        self
    }

    /// Checks what 1NCE accepts: a known status and a label of at most 255
    /// characters.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if let SimStatus::Unknown(s) = &self.status {
            return Err(ValidationError::new(
                "status",
                format!("must be Enabled or Disabled, got {s:?}"),
            ));
        }
        if let Some(label) = &self.label {
            if label.chars().count() > 255 {
                return Err(ValidationError::new(
                    "label",
                    "must be at most 255 characters",
                ));
            }
        }
        Ok(())
    }
}

/// A data or SMS quota of a SIM (v1 shape).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quota {
    /// What is left: MB for data, messages for SMS.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
    /// The volume the SIM has over its lifetime (MB or messages).
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_volume: Option<f64>,
    /// When the quota expires.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub expiry_date: Option<Timestamp>,
    /// Throughput limit in bit/s (data quotas only).
    #[serde(default, deserialize_with = "opt_i64")]
    pub peak_throughput: Option<i64>,
    /// The volume of the last top-up.
    #[serde(default, deserialize_with = "opt_f64")]
    pub last_volume_added: Option<f64>,
    /// When the quota last changed.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_status_change_date: Option<Timestamp>,
    /// The percentage left at which a volume notification is sent.
    #[serde(default, deserialize_with = "opt_i64")]
    pub threshold_percentage: Option<i64>,
}

string_enum!(
    /// Whether a SIM is on the network.
    ConnectivityStatus {
        /// Not attached.
        Offline = "OFFLINE",
        /// Attached with a data session.
        Online = "ONLINE",
        /// Attached to the network.
        Attached = "ATTACHED",
    }
);

/// A SIM's connectivity status, location and PDP context
/// (`GET /v1/sims/{iccid}/status`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Connectivity {
    /// Offline, online or attached.
    #[serde(default)]
    pub status: Option<ConnectivityStatus>,
    /// Where the device was last seen.
    #[serde(default)]
    pub location: Option<Location>,
    /// The current data session, if any.
    #[serde(default)]
    pub pdp_context: Option<PdpContext>,
    /// The services in use (`GPRS`, ...).
    #[serde(default)]
    pub services: Option<Vec<String>>,
}

/// A mobile operator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Operator {
    /// The operator's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    /// The operator's name (`T-Mobile`).
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// The operator's country.
    #[serde(default)]
    pub country: Option<OperatorCountry>,
}

/// The country of an operator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OperatorCountry {
    /// The country's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
    /// The country's name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// ISO code (`de`). The spec writes `iso-code`; the live API sends
    /// `iso_code`; both decode.
    #[serde(
        default,
        rename = "iso-code",
        alias = "iso_code",
        alias = "isoCode",
        deserialize_with = "opt_string"
    )]
    pub iso_code: Option<String>,
}

/// The country a device is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Country {
    /// The country's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub country_id: Option<String>,
    /// The country's name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// International dialling code (`49`).
    #[serde(default, deserialize_with = "opt_string")]
    pub country_code: Option<String>,
    /// Mobile Country Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mcc: Option<String>,
    /// ISO code (`de`). The spec writes `iso-code`; the live API sends
    /// `iso_code`; both decode.
    #[serde(
        default,
        rename = "iso-code",
        alias = "iso_code",
        alias = "isoCode",
        deserialize_with = "opt_string"
    )]
    pub iso_code: Option<String>,
    /// Reference latitude of the country.
    #[serde(default, deserialize_with = "opt_string")]
    pub latitude: Option<String>,
    /// Reference longitude of the country.
    #[serde(default, deserialize_with = "opt_string")]
    pub longitude: Option<String>,
}

/// Where a SIM's device was last seen by the network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// The SIM's IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// Last location update.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_updated: Option<Timestamp>,
    /// Last GPRS location update.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_updated_gprs: Option<Timestamp>,
    /// SGSN the SIM is attached to.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_number: Option<String>,
    /// Visitor Location Register.
    #[serde(default, deserialize_with = "opt_string")]
    pub vlr_number: Option<String>,
    /// VLR number NP.
    #[serde(default, deserialize_with = "opt_string")]
    pub vlr_number_np: Option<String>,
    /// MSC number NP.
    #[serde(default, deserialize_with = "opt_string")]
    pub msc_number_np: Option<String>,
    /// SGSN number NP.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_number_np: Option<String>,
    /// The current operator's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub operator_id: Option<String>,
    /// Mobile-services Switching Centre.
    #[serde(default, deserialize_with = "opt_string")]
    pub msc: Option<String>,
    /// IP address of the SGSN.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_ip_address: Option<String>,
    /// The operator the SIM is attached to.
    #[serde(default)]
    pub operator: Option<Operator>,
    /// The country the device is in.
    #[serde(default)]
    pub country: Option<Country>,
}

/// Radio access technology of a data session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RatType {
    /// The RAT's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub rat_type_id: Option<String>,
    /// `2G`, `3G`, `4G`, `5G` or `NB-IoT`.
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
}

/// A SIM's current data session (PDP context).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PdpContext {
    /// The context's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub pdp_context_id: Option<String>,
    /// The SIM endpoint's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub endpoint_id: Option<String>,
    /// Tariff profile id.
    #[serde(default, deserialize_with = "opt_string")]
    pub tariff_profile_id: Option<String>,
    /// Tariff id.
    #[serde(default, deserialize_with = "opt_string")]
    pub tariff_id: Option<String>,
    /// Rate zone id.
    #[serde(default, deserialize_with = "opt_string")]
    pub ratezone_id: Option<String>,
    /// Internal organisation id.
    #[serde(default, deserialize_with = "opt_string")]
    pub organisation_id: Option<String>,
    /// IMSI id.
    #[serde(default, deserialize_with = "opt_string")]
    pub imsi_id: Option<String>,
    /// The SIM's IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// Internal SIM id.
    #[serde(default, deserialize_with = "opt_string")]
    pub sim_id: Option<String>,
    /// User plane tunnel id.
    #[serde(default, deserialize_with = "opt_string")]
    pub teid_data_plane: Option<String>,
    /// Control plane tunnel id.
    #[serde(default, deserialize_with = "opt_string")]
    pub teid_control_plane: Option<String>,
    /// GTP version.
    #[serde(default, deserialize_with = "opt_string")]
    pub gtp_version: Option<String>,
    /// Network Service Access Point Identifier.
    #[serde(default, deserialize_with = "opt_string")]
    pub nsapi: Option<String>,
    /// SGSN control plane IP.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_control_plane_ip_address: Option<String>,
    /// SGSN user plane IP.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_data_plane_ip_address: Option<String>,
    /// GGSN control plane IP.
    #[serde(default, deserialize_with = "opt_string")]
    pub ggsn_control_plane_ip_address: Option<String>,
    /// GGSN user plane IP.
    #[serde(default, deserialize_with = "opt_string")]
    pub ggsn_data_plane_ip_address: Option<String>,
    /// When the session started.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub created: Option<Timestamp>,
    /// Mobile Country Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mcc: Option<String>,
    /// Mobile Network Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
    /// Operator id.
    #[serde(default, deserialize_with = "opt_string")]
    pub operator_id: Option<String>,
    /// Location area code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Cell identity.
    #[serde(default, deserialize_with = "opt_string")]
    pub ci: Option<String>,
    /// The device's IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub ue_ip_address: Option<String>,
    /// The device's IMEISV.
    #[serde(default, deserialize_with = "opt_string")]
    pub imeisv: Option<String>,
    /// How long the session has lasted (`02:39:10`).
    #[serde(default, deserialize_with = "opt_string")]
    pub duration: Option<String>,
    /// Radio access technology.
    #[serde(default)]
    pub rat_type: Option<RatType>,
}

/// Connectivity and cell tower information
/// (`GET /v1/sims/{iccid}/connectivity_info`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectivityInfo {
    /// USSD result, when asked for with `ussd=true`.
    #[serde(default)]
    pub ussd_info: Option<UssdInfo>,
    /// Subscriber (location) information, when asked for with `subscriber=true`.
    #[serde(default)]
    pub subscriber_info: Option<SubscriberInfo>,
    /// When 1NCE received the request (UTC).
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub request_timestamp: Option<Timestamp>,
    /// When 1NCE answered (UTC).
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub reply_timestamp: Option<Timestamp>,
}

/// The USSD part of [`ConnectivityInfo`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UssdInfo {
    /// Whether the USSD request succeeded.
    #[serde(default, deserialize_with = "opt_bool")]
    pub success: Option<bool>,
    /// What went wrong, if anything.
    #[serde(default, deserialize_with = "opt_string")]
    pub error: Option<String>,
}

/// The subscriber part of [`ConnectivityInfo`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriberInfo {
    /// Whether the subscriber request succeeded.
    #[serde(default, deserialize_with = "opt_bool")]
    pub success: Option<bool>,
    /// State of the information (`not_provided_from_vlr`).
    #[serde(default, deserialize_with = "opt_string")]
    pub state: Option<String>,
    /// The device location the network knows.
    #[serde(default)]
    pub location: Option<SubscriberLocation>,
}

/// A device location from the network (subscriber information).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriberLocation {
    /// Whether the location is current.
    #[serde(default, deserialize_with = "opt_bool")]
    pub current_location_retrieved: Option<bool>,
    /// Age of the location in minutes.
    #[serde(default, deserialize_with = "opt_i64")]
    pub age_of_location: Option<i64>,
    /// The cell tower.
    #[serde(default)]
    pub cell_global_id: Option<CellGlobalId>,
}

/// Identifies a cell tower.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CellGlobalId {
    /// Cell id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cid: Option<i64>,
    /// Location area code.
    #[serde(default, deserialize_with = "opt_i64")]
    pub lac: Option<i64>,
    /// Mobile Country Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mcc: Option<String>,
    /// Mobile Network Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
}

/// A network or SIM event (attach, status change, ...).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event's id (when 1NCE sends one).
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// When it happened.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub timestamp: Option<Timestamp>,
    /// What happened, in words.
    #[serde(default, deserialize_with = "opt_string")]
    pub event_type: Option<String>,
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// The device's IMEI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imei: Option<Imei>,
    /// The SIM's IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// The country of the network.
    #[serde(default, deserialize_with = "opt_string")]
    pub country: Option<String>,
    /// The network's operator.
    #[serde(default, deserialize_with = "opt_string")]
    pub operator: Option<String>,
    /// Mobile Country Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mcc: Option<String>,
    /// Mobile Network Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
    /// Whether 1NCE treats the event as an alert.
    #[serde(default, deserialize_with = "opt_bool")]
    pub alert: Option<bool>,
    /// Severity in words (`Info`, ...).
    #[serde(default, deserialize_with = "opt_string")]
    pub event_severity: Option<String>,
}

/// A page of events as `GET /v1/sims/{iccid}/events` sends it: the events and
/// the totals. A bare JSON array of events is accepted too.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct EventCollection {
    /// The events on this page.
    pub events: Vec<Event>,
    /// Events in all pages.
    #[serde(rename = "totalEvents", skip_serializing_if = "Option::is_none")]
    pub total_events: Option<u64>,
    /// Pages in all.
    #[serde(rename = "totalPages", skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u32>,
}

impl<'de> Deserialize<'de> for EventCollection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            events: Option<Vec<Event>>,
            // The spec's camel case, or snake case like the rest of v1.
            #[serde(
                default,
                rename = "totalEvents",
                alias = "total_events",
                deserialize_with = "opt_i64"
            )]
            total_events: Option<i64>,
            #[serde(
                default,
                rename = "totalPages",
                alias = "total_pages",
                deserialize_with = "opt_i64"
            )]
            total_pages: Option<i64>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            List(Vec<Event>),
            Object(Wire),
        }
        Ok(match Option::<Either>::deserialize(d)? {
            None => EventCollection {
                events: Vec::new(),
                total_events: None,
                total_pages: None,
            },
            Some(Either::List(events)) => EventCollection {
                events,
                total_events: None,
                total_pages: None,
            },
            Some(Either::Object(w)) => EventCollection {
                events: w.events.unwrap_or_default(),
                total_events: w.total_events.and_then(|n| u64::try_from(n).ok()),
                total_pages: w.total_pages.and_then(|n| u32::try_from(n).ok()),
            },
        })
    }
}

/// A currency of a usage record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Currency {
    /// The currency's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// Its symbol (`€`).
    #[serde(default, deserialize_with = "opt_string")]
    pub symbol: Option<String>,
    /// Its code (`EUR`).
    #[serde(default, deserialize_with = "opt_string")]
    pub code: Option<String>,
}

/// The kind of traffic of a usage record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrafficType {
    /// `Data` or `SMS`.
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    /// The type's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// `MB` or `SMS`.
    #[serde(default, deserialize_with = "opt_string")]
    pub unit: Option<String>,
}

/// Data or SMS traffic of one usage row. 1NCE sends the figures as strings
/// (`"0.002803"`); they decode as numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Traffic {
    /// Mirrors the volume (there is no real cost behind it).
    #[serde(default, deserialize_with = "opt_f64")]
    pub cost: Option<f64>,
    /// The currency of `cost`.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Data or SMS.
    #[serde(default)]
    pub traffic_type: Option<TrafficType>,
    /// Total: MB of data (RX + TX) or messages (MO + MT).
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
    /// Received by the SIM: MB downstream, or MO-SMS count.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume_rx: Option<f64>,
    /// Sent by the SIM: MB upstream, or MT-SMS count.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume_tx: Option<f64>,
}

/// The usage of one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DailyUsage {
    /// The day (midnight UTC); `None` if 1NCE left it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    /// Data used that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Traffic>,
    /// SMS used that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<Traffic>,
}

/// The sums over the whole period (the row 1NCE dates `TOTAL`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UsageTotal {
    /// Data used in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Traffic>,
    /// SMS used in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<Traffic>,
}

/// A SIM's data and SMS usage over a period (`GET /v1/sims/{iccid}/usage`).
///
/// 1NCE puts a row dated `TOTAL` among the daily rows; it is taken out of
/// [`stats`](Self::stats) and kept in [`total`](Self::total). On the wire
/// (serializing) it goes back as the last row.
///
/// ```
/// use once_sdk::types::v1::Usage;
/// let usage: Usage = serde_json::from_value(serde_json::json!({"stats": [
///     {"date": "2022-07-22", "data": {"volume": "1.5"}},
///     {"date": "TOTAL", "data": {"volume": "1.5"}}
/// ]})).unwrap();
/// assert_eq!(usage.stats.len(), 1);
/// assert_eq!(usage.total.unwrap().data.unwrap().volume, Some(1.5));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Usage {
    /// One row per day, the `TOTAL` row excluded.
    pub stats: Vec<DailyUsage>,
    /// The `TOTAL` row, when 1NCE sent one.
    pub total: Option<UsageTotal>,
}

impl Usage {
    /// Data volume (MB) of the daily rows, summed.
    pub fn data_volume(&self) -> f64 {
        self.stats
            .iter()
            .filter_map(|d| d.data.as_ref()?.volume)
            .sum()
    }

    /// SMS count of the daily rows, summed.
    pub fn sms_volume(&self) -> f64 {
        self.stats
            .iter()
            .filter_map(|d| d.sms.as_ref()?.volume)
            .sum()
    }
}

#[derive(Serialize, Deserialize)]
struct UsageRow {
    #[serde(default, deserialize_with = "opt_string")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data: Option<Traffic>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sms: Option<Traffic>,
}

impl<'de> Deserialize<'de> for Usage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            stats: Option<Vec<UsageRow>>,
        }
        let wire = Option::<Wire>::deserialize(d)?;
        let mut usage = Usage {
            stats: Vec::new(),
            total: None,
        };
        for row in wire.and_then(|w| w.stats).unwrap_or_default() {
            let date = match row.date {
                Some(d) if d.trim().eq_ignore_ascii_case("TOTAL") => {
                    usage.total = Some(UsageTotal {
                        data: row.data,
                        sms: row.sms,
                    });
                    continue;
                }
                // A date that is neither a day nor TOTAL is an unknown kind
                // of row: refuse it rather than count it as a day.
                Some(d) => Some(Timestamp::parse_lenient(&d).ok_or_else(|| {
                    serde::de::Error::custom(format!("usage row with unrecognised date {d:?}"))
                })?),
                None => None,
            };
            usage.stats.push(DailyUsage {
                date,
                data: row.data,
                sms: row.sms,
            });
        }
        Ok(usage)
    }
}

impl Serialize for Usage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            stats: Vec<DailyOrTotal<'a>>,
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum DailyOrTotal<'a> {
            Daily(&'a DailyUsage),
            Total {
                date: &'static str,
                #[serde(flatten)]
                total: &'a UsageTotal,
            },
        }
        let mut stats: Vec<DailyOrTotal<'_>> = self.stats.iter().map(DailyOrTotal::Daily).collect();
        if let Some(total) = &self.total {
            stats.push(DailyOrTotal::Total {
                date: "TOTAL",
                total,
            });
        }
        Wire { stats }.serialize(s)
    }
}

/// A numbered status or type with a description (SMS status, SMS type).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Described {
    /// The numeric id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The same in words (`DELIVERED`; `MT` or `MO`).
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
}

/// An SMS sent to or received from a SIM (v1 `SMS-Data`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsRecord {
    /// The SMS id (for [`get_sms`](crate::api::v1::V1Sims::get_sms) and [`delete_sms`](crate::api::v1::V1Sims::delete_sms)).
    #[serde(default, deserialize_with = "crate::types::SmsId::opt")]
    pub id: Option<crate::types::SmsId>,
    /// When the SMS was submitted.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub submit_date: Option<Timestamp>,
    /// When it was delivered.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub delivery_date: Option<Timestamp>,
    /// When it expires.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub expiry_date: Option<Timestamp>,
    /// When its processing ended.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub final_date: Option<Timestamp>,
    /// When delivery was retried.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub retry_date: Option<Timestamp>,
    /// The last delivery attempt.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_delivery_attempt: Option<Timestamp>,
    /// Delivery retries so far (sent as a string by 1NCE).
    #[serde(default, deserialize_with = "opt_i64")]
    pub retry_count: Option<i64>,
    /// The sender.
    #[serde(default, deserialize_with = "opt_string")]
    pub source_address: Option<String>,
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// The SIM's MSISDN.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub msisdn: Option<Msisdn>,
    /// The SIM's IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// The MSC that handled the SMS.
    #[serde(default, deserialize_with = "opt_string")]
    pub msc: Option<String>,
    /// Data Coding Scheme: 0 text, 4 binary, 8 UCS-2.
    #[serde(default, deserialize_with = "opt_i64")]
    pub dcs: Option<i64>,
    /// User Data Header (hex).
    #[serde(default, deserialize_with = "opt_string")]
    pub udh: Option<String>,
    /// The message.
    #[serde(default, deserialize_with = "opt_string")]
    pub payload: Option<String>,
    /// Delivery status (`DELIVERED`, ...).
    #[serde(default)]
    pub status: Option<Described>,
    /// `MT` (to the device) or `MO` (from the device).
    #[serde(default)]
    pub sms_type: Option<Described>,
    /// The type of `source_address` (145 international, 161 national, 208
    /// alphanumeric).
    #[serde(default)]
    pub source_address_type: Option<Described>,
}

/// A self-set monthly limit, or one of the limits that can be selected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limit {
    /// The limit's id (what [`SetLimits`] takes).
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The value (`"16"`).
    #[serde(default, deserialize_with = "opt_string")]
    pub limit: Option<String>,
    /// The unit (`MB`, `SMS`).
    #[serde(default, deserialize_with = "opt_string")]
    pub unit: Option<String>,
}

/// The account-wide self-set monthly limits (`GET /v1/sims/limits`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// The data limit.
    #[serde(default)]
    pub data: Option<Limit>,
    /// The MT-SMS limit.
    #[serde(default, rename = "smsMt")]
    pub sms_mt: Option<Limit>,
    /// The MO-SMS limit.
    #[serde(default, rename = "smsMo")]
    pub sms_mo: Option<Limit>,
}

/// The limits selectable for a service (`GET /v1/sims/{service}/limits`).
///
/// Decodes a JSON array of limits, and also the object the spec declares
/// (`{"data": .., "smsMt": .., "smsMo": ..}`), whose limits are listed in
/// that order. Encodes as an array.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct LimitOptions {
    /// The limits that can be chosen.
    pub options: Vec<Limit>,
}

impl<'de> Deserialize<'de> for LimitOptions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            List(Vec<Limit>),
            Object(Limits),
        }
        Ok(match Option::<Either>::deserialize(d)? {
            None => LimitOptions::default(),
            Some(Either::List(options)) => LimitOptions { options },
            Some(Either::Object(l)) => LimitOptions {
                options: [l.data, l.sms_mt, l.sms_mo].into_iter().flatten().collect(),
            },
        })
    }
}

string_enum!(
    /// A service with selectable monthly limits.
    LimitService {
        /// Data volume.
        Data = "data",
        /// Mobile-originated SMS (sent by devices).
        SmsMo = "smsMO",
        /// Mobile-terminated SMS (sent to devices).
        SmsMt = "smsMT",
    }
);

/// New account-wide monthly limits (`POST /v1/sims/limits`): the ids come
/// from the limits selectable per service. Only the ids set are sent.
///
/// ```
/// use once_sdk::types::v1::SetLimits;
/// let body = SetLimits::default().data(3).sms_mt(2);
/// assert_eq!(
///     serde_json::to_value(&body).unwrap(),
///     serde_json::json!({"dataLimitId": 3, "smsMtLimitId": 2})
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetLimits {
    /// The data limit id.
    #[serde(
        default,
        rename = "dataLimitId",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_limit_id: Option<i64>,
    /// The MT-SMS limit id.
    #[serde(
        default,
        rename = "smsMtLimitId",
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mt_limit_id: Option<i64>,
    /// The MO-SMS limit id.
    #[serde(
        default,
        rename = "smsMoLimitId",
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mo_limit_id: Option<i64>,
}

impl SetLimits {
    /// Sets the data limit id.
    pub fn data(mut self, id: i64) -> Self {
        self.data_limit_id = Some(id);
        self
    }

    /// Sets the MT-SMS limit id.
    pub fn sms_mt(mut self, id: i64) -> Self {
        self.sms_mt_limit_id = Some(id);
        self
    }

    /// Sets the MO-SMS limit id.
    pub fn sms_mo(mut self, id: i64) -> Self {
        self.sms_mo_limit_id = Some(id);
        self
    }

    /// Checks that at least one id is set and every id is positive.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let ids = [
            ("dataLimitId", self.data_limit_id),
            ("smsMtLimitId", self.sms_mt_limit_id),
            ("smsMoLimitId", self.sms_mo_limit_id),
        ];
        if ids.iter().all(|(_, id)| id.is_none()) {
            return Err(ValidationError::new(
                "body",
                "set at least one of dataLimitId, smsMtLimitId, smsMoLimitId",
            ));
        }
        for (field, id) in ids {
            if let Some(id) = id {
                if id < 1 {
                    return Err(ValidationError::new(
                        field,
                        format!(
                            "must be a limit id (1 or more) from the selectable limits, got {id}"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// How a top-up or SIM extension is paid: the same type as v2's
/// ([`crate::PaymentMethod`]), one type for both versions.
pub use super::top_up::PaymentMethod;

/// Switches auto top-up on or off for SIMs (`POST /v1/sims/autoTopup`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AutoTopUp {
    /// On (`true`) or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The SIMs.
    #[serde(default)]
    pub iccids: Vec<Iccid>,
}

/// Extends SIMs' lifetime and renews their quotas (`POST /v1/sims/extension`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Extension {
    /// The SIMs to extend (at least one).
    #[serde(default)]
    pub iccids: Vec<Iccid>,
    /// A product to switch to (see the product list); the current product
    /// when absent.
    #[serde(default, rename = "productId", skip_serializing_if = "Option::is_none")]
    pub product_id: Option<i64>,
}

impl Extension {
    /// Extends these SIMs on their current product.
    pub fn new(iccids: Vec<Iccid>) -> Self {
        Self {
            iccids,
            product_id: None,
        }
    }

    /// Switches the SIMs to this product while extending them.
    pub fn product_id(mut self, id: i64) -> Self {
        self.product_id = Some(id);
        self
    }

    /// Checks that at least one SIM is listed, none twice, and the product
    /// id (if any) is positive.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.iccids.is_empty() {
            return Err(ValidationError::new(
                "iccids",
                "must list at least one ICCID",
            ));
        }
        check_iccids("iccids", &self.iccids, true)?;
        if let Some(id) = self.product_id {
            if id < 1 {
                return Err(ValidationError::new(
                    "productId",
                    format!("must be a positive product id, got {id}"),
                ));
            }
        }
        Ok(())
    }
}

/// A range of ICCIDs, both ends included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IccidRange {
    /// The first ICCID.
    pub from: Iccid,
    /// The last ICCID.
    pub to: Iccid,
}

impl IccidRange {
    /// The SIMs from `from` to `to`, both included.
    pub fn new(from: Iccid, to: Iccid) -> Self {
        Self { from, to }
    }
}

/// Moves SIMs to another customer or sub-organisation
/// (`POST /v1/sims/simTransfer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transfer {
    /// The organisation to move the SIMs to (required for a sub-organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_organisation: Option<i64>,
    /// Ranges of SIMs to move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iccid_ranges: Vec<IccidRange>,
    /// Single SIMs to move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub iccids: Vec<Iccid>,
}

impl Transfer {
    /// An empty transfer; add SIMs with [`iccid`](Self::iccid) and
    /// [`range`](Self::range).
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the SIMs to this organisation.
    pub fn target_organisation(mut self, id: i64) -> Self {
        self.target_organisation = Some(id);
        self
    }

    /// Adds one SIM.
    pub fn iccid(mut self, iccid: Iccid) -> Self {
        self.iccids.push(iccid);
        self
    }

    /// Adds a range of SIMs, both ends included.
    pub fn range(mut self, from: Iccid, to: Iccid) -> Self {
        self.iccid_ranges.push(IccidRange { from, to });
        self
    }

    /// Checks that at least one SIM is named, ranges run upwards within one
    /// ICCID length, and the target organisation id is positive.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.iccids.is_empty() && self.iccid_ranges.is_empty() {
            return Err(ValidationError::new(
                "iccids",
                "name at least one SIM in iccids or iccid_ranges",
            ));
        }
        check_iccids("iccids", &self.iccids, true)?;
        for r in &self.iccid_ranges {
            check_iccids("iccid_ranges", &[r.from.clone(), r.to.clone()], false)?;
            let (from, to) = (r.from.as_str(), r.to.as_str());
            if from.len() != to.len() || from > to {
                return Err(ValidationError::new(
                    "iccid_ranges",
                    format!("range {from}..{to} must run from the lower to the higher ICCID of the same length"),
                ));
            }
        }
        if let Some(org) = self.target_organisation {
            if org < 1 {
                return Err(ValidationError::new(
                    "target_organisation",
                    format!("must be a positive organisation id, got {org}"),
                ));
            }
        }
        Ok(())
    }
}

/// Checks a list of ICCIDs: each valid (they may have been built with
/// `new_unchecked` or decoded), and, with `unique`, none repeated.
pub(crate) fn check_iccids(
    field: &'static str,
    iccids: &[Iccid],
    unique: bool,
) -> Result<(), ValidationError> {
    let mut seen = std::collections::HashSet::new();
    for iccid in iccids {
        if let Err(e) = iccid.as_str().parse::<Iccid>() {
            return Err(ValidationError::new(
                field,
                format!("{}: {}", iccid, e.rule),
            ));
        }
        if unique && !seen.insert(iccid.as_str()) {
            return Err(ValidationError::new(
                field,
                format!("{iccid} is listed twice"),
            ));
        }
    }
    Ok(())
}

/// The order a top-up created (v1 or v2): the same type as v2's
/// [`crate::TopUpOrder`], the `Location` header 1NCE answers with.
pub use super::top_up::TopUpOrder;
