//! Connectivity of a SIM (SIM management v2 `GET /v2/sims/{iccid}/status`):
//! online state, location and PDP contexts.

use serde::{Deserialize, Deserializer, Serialize};

use super::de::{opt_i64, opt_string};
use super::ids::{Iccid, Imsi};
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

string_enum!(
    /// Whether a SIM is reachable.
    ConnectivityStatus {
        /// The device has an active data connection.
        Online = "ONLINE",
        /// The device attached to the core network and the visited network has
        /// not yet reported it inactive (it does so within 1-2 days).
        Attached = "ATTACHED",
        /// The device never attached, or was inactive for 1-2 days. It cannot
        /// be reached by SMS or MSRN lookups.
        Offline = "OFFLINE",
        /// The SIM is blocked.
        Blocked = "BLOCKED",
    }
);

string_enum!(
    /// Whether the SIM has hit its data traffic limit.
    DataTrafficLimit {
        /// The limit is reached: data is blocked.
        Reached = "REACHED",
        /// The limit is not reached.
        NotReached = "NOT_REACHED",
    }
);

/// The connectivity status object (`{"description": "ONLINE"}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectivityState {
    /// `ONLINE`, `ATTACHED`, `OFFLINE` or `BLOCKED`.
    pub description: ConnectivityStatus,
}

/// The data traffic limit state object (`{"description": "NOT_REACHED"}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DataTrafficLimitState {
    /// `REACHED` or `NOT_REACHED`.
    pub description: DataTrafficLimit,
}

/// A SIM's connectivity: status, data limit state, location, PDP contexts and
/// the services available (the v2 connectivity detail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimConnectivity {
    /// Online, attached, offline or blocked.
    pub status: ConnectivityState,
    /// Whether the data traffic limit is reached.
    #[serde(default)]
    pub data_traffic_limit_state: Option<DataTrafficLimitState>,
    /// Where the SIM was last seen in the network.
    #[serde(default)]
    pub location: Option<SimLocation>,
    /// The SIM's current data sessions.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub pdp_contexts: Vec<PdpContext>,
    /// The services currently available (`GPRS`, `SMS`, ...).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub services: Vec<String>,
}

impl ConnectivityState {
    /// The state `description`.
    pub fn new(description: ConnectivityStatus) -> Self {
        Self { description }
    }
}

impl DataTrafficLimitState {
    /// The state `description`.
    pub fn new(description: DataTrafficLimit) -> Self {
        Self { description }
    }
}

impl SimConnectivity {
    /// A connectivity with this status and nothing else (no location, no
    /// sessions, no services): set the other fields as needed, e.g. in tests.
    ///
    /// ```
    /// use once_sdk::{ConnectivityStatus, SimConnectivity};
    /// let mut online = SimConnectivity::new(ConnectivityStatus::Online);
    /// online.services = vec!["GPRS".into(), "SMS".into()];
    /// assert_eq!(online.status.description, ConnectivityStatus::Online);
    /// ```
    pub fn new(status: ConnectivityStatus) -> Self {
        Self {
            status: ConnectivityState::new(status),
            data_traffic_limit_state: None,
            location: None,
            pdp_contexts: Vec::new(),
            services: Vec::new(),
        }
    }
}

impl SimLocation {
    /// The location record of the SIM `iccid` using `imsi`, with nothing
    /// else known.
    pub fn new(iccid: Iccid, imsi: Imsi) -> Self {
        Self {
            iccid,
            imsi,
            last_updated: None,
            sgsn_number: None,
            vlr_number: None,
            operator_id: None,
            msc: None,
            sgsn_ip_address: None,
            mme_name: None,
            mme_realm: None,
            sgsn_name: None,
            sgsn_realm: None,
            operator: None,
            country: None,
        }
    }
}

/// A JSON array where `null` counts as empty.
fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Where a SIM was last seen in the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimLocation {
    /// The SIM's ICCID.
    pub iccid: Iccid,
    /// The IMSI the SIM used.
    pub imsi: Imsi,
    /// When the location was last updated.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_updated: Option<Timestamp>,
    /// The SGSN the SIM is attached to.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_number: Option<String>,
    /// The Visitor Location Register.
    #[serde(default, deserialize_with = "opt_string")]
    pub vlr_number: Option<String>,
    /// The id of the operator the SIM is connected to.
    #[serde(default, deserialize_with = "opt_string")]
    pub operator_id: Option<String>,
    /// The Mobile-services Switching Centre.
    #[serde(default, deserialize_with = "opt_string")]
    pub msc: Option<String>,
    /// The IP address of the SGSN.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_ip_address: Option<String>,
    /// The MME name (LTE).
    #[serde(default, deserialize_with = "opt_string")]
    pub mme_name: Option<String>,
    /// The MME realm (LTE).
    #[serde(default, deserialize_with = "opt_string")]
    pub mme_realm: Option<String>,
    /// The SGSN name.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_name: Option<String>,
    /// The SGSN realm.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_realm: Option<String>,
    /// The operator the SIM is attached to.
    #[serde(default)]
    pub operator: Option<Operator>,
    /// The country the SIM is in.
    #[serde(default)]
    pub country: Option<Country>,
}

/// A mobile network operator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Operator {
    /// 1NCE's id of the operator.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The operator's name (`T-Mobile`).
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// The Mobile Network Code (`01`).
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
    /// The operator's country.
    #[serde(default)]
    pub country: Option<Country>,
}

/// A country. 1NCE sends its id as `id` (a number) in some places and as
/// `country_id` (a string) in others; each is kept as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Country {
    /// 1NCE's id of the country; 0 is "any country".
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// 1NCE's id of the country, where it is sent as `country_id`.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_id: Option<String>,
    /// The country's name (`Germany`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// The international dialling prefix (`49`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_code: Option<String>,
    /// The Mobile Country Code (`262`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub mcc: Option<String>,
    /// The ISO 3166 code (`de`); `iso_code`, `iso-code` (as v1's spec
    /// writes it) or `isoCode` on the wire.
    #[serde(
        default,
        alias = "iso-code",
        alias = "isoCode",
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub iso_code: Option<String>,
}

/// The Radio Access Technology of a data session. The status call sends it as
/// `{"rat_type_id": "2", "description": "NB-IoT"}`, SIM events as a bare
/// number; both decode.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RatType {
    /// The RAT's id.
    pub rat_type_id: Option<String>,
    /// The RAT's name (`NB-IoT`, `LTE-M`, ...).
    pub description: Option<String>,
}

impl<'de> Deserialize<'de> for RatType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Object {
            #[serde(default, deserialize_with = "opt_string")]
            rat_type_id: Option<String>,
            #[serde(default, deserialize_with = "opt_string")]
            description: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Object(Object),
            Id(#[serde(deserialize_with = "super::de::string_or_number")] String),
        }
        Ok(match Shape::deserialize(d)? {
            Shape::Object(o) => RatType {
                rat_type_id: o.rat_type_id,
                description: o.description,
            },
            // Empty like the object's `rat_type_id` (`opt_string`): absent.
            Shape::Id(id) => RatType {
                rat_type_id: Some(id).filter(|s| !s.is_empty()),
                description: None,
            },
        })
    }
}

/// A PDP context: one data session of the SIM. Ids and codes are kept as
/// text (1NCE sends them as strings on the status call and as numbers in SIM
/// events). Every field is optional: the deprecated `lac`/`ci`/`sac`/`rac`
/// exist only for 2G/3G sessions, whatever the spec's `required` list says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PdpContext {
    /// The PDP context's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub pdp_context_id: Option<String>,
    /// The endpoint (SIM device) id.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub endpoint_id: Option<String>,
    /// The tariff id.
    #[serde(default, deserialize_with = "opt_string")]
    pub tariff_id: Option<String>,
    /// The rate zone id.
    #[serde(default, deserialize_with = "opt_string")]
    pub ratezone_id: Option<String>,
    /// The organisation id.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub organisation_id: Option<String>,
    /// The IMSI's id.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub imsi_id: Option<String>,
    /// The IMSI in use.
    #[serde(default, deserialize_with = "opt_string")]
    pub imsi: Option<String>,
    /// The SIM's id.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub sim_id: Option<String>,
    /// Tunnel id, user plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub tx_teid_data_plane: Option<String>,
    /// Tunnel id, control plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub tx_teid_control_plane: Option<String>,
    /// Receive tunnel id.
    #[serde(default, deserialize_with = "opt_string")]
    pub rx_teid: Option<String>,
    /// Receive tunnel id, user plane.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub rx_teid_data_plane: Option<String>,
    /// Receive tunnel id, control plane.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub rx_teid_control_plane: Option<String>,
    /// The GTP version (`1`, `2`).
    #[serde(default, deserialize_with = "opt_string")]
    pub gtp_version: Option<String>,
    /// The NSAPI.
    #[serde(default, deserialize_with = "opt_string")]
    pub nsapi: Option<String>,
    /// SGSN address, control plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_control_plane_ip_address: Option<String>,
    /// SGSN address, user plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub sgsn_data_plane_ip_address: Option<String>,
    /// GGSN address, control plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub ggsn_control_plane_ip_address: Option<String>,
    /// GGSN address, user plane.
    #[serde(default, deserialize_with = "opt_string")]
    pub ggsn_data_plane_ip_address: Option<String>,
    /// When the session was created.
    #[serde(
        default,
        deserialize_with = "opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<Timestamp>,
    /// When the tunnel was created (SIM events).
    #[serde(
        default,
        deserialize_with = "opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub tunnel_created: Option<Timestamp>,
    /// Mobile Country Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mcc: Option<String>,
    /// Mobile Network Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
    /// The operator's id.
    #[serde(default, deserialize_with = "opt_string")]
    pub operator_id: Option<String>,
    /// Location Area Code (deprecated: use `gtp_v1_uli`).
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Cell id (deprecated: use `gtp_v1_uli`).
    #[serde(default, deserialize_with = "opt_string")]
    pub ci: Option<String>,
    /// Service Area Code (deprecated: use `gtp_v1_uli`).
    #[serde(default, deserialize_with = "opt_string")]
    pub sac: Option<String>,
    /// Routing Area Code (deprecated: use `gtp_v1_uli`).
    #[serde(default, deserialize_with = "opt_string")]
    pub rac: Option<String>,
    /// User location, GTP v1 (2G/3G). Only one of the two ULIs is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtp_v1_uli: Option<GtpV1Uli>,
    /// User location, GTP v2 (LTE). Only one of the two ULIs is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtp_v2_uli: Option<GtpV2Uli>,
    /// The device's IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub ue_ip_address: Option<String>,
    /// The device's IMEISV.
    #[serde(default, deserialize_with = "opt_string")]
    pub imeisv: Option<String>,
    /// The radio access technology.
    #[serde(default)]
    pub rat_type: Option<RatType>,
    /// The AWS region of the session's breakout.
    #[serde(default, deserialize_with = "opt_string")]
    pub region: Option<String>,
    /// The APN.
    #[serde(default, deserialize_with = "opt_string")]
    pub apn: Option<String>,
    /// The IP-CAN session id.
    #[serde(default, deserialize_with = "opt_string")]
    pub ipcan_session_id: Option<String>,
    /// The breakout IP address (SIM events).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub breakout_ip: Option<String>,
}

/// GTP v1 User Location Information.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GtpV1Uli {
    /// Location Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Cell id.
    #[serde(default, deserialize_with = "opt_string")]
    pub ci: Option<String>,
    /// Service Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub sac: Option<String>,
    /// Routing Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub rac: Option<String>,
}

/// GTP v2 User Location Information.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GtpV2Uli {
    /// Cell Global Identification.
    #[serde(default)]
    pub cgi: Option<CellGlobalId>,
    /// Service Area Identity.
    #[serde(default)]
    pub sai: Option<ServiceAreaId>,
    /// Routing Area Identity.
    #[serde(default)]
    pub rai: Option<RoutingAreaId>,
    /// Tracking Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub tac: Option<String>,
    /// E-UTRAN Cell Identifier.
    #[serde(default, deserialize_with = "opt_string")]
    pub eci: Option<String>,
    /// Location Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Macro eNodeB id.
    #[serde(default, deserialize_with = "opt_string")]
    pub menbi: Option<String>,
    /// Extended macro eNodeB id.
    #[serde(default, deserialize_with = "opt_string")]
    pub emenbi: Option<String>,
}

/// Cell Global Identification.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CellGlobalId {
    /// Location Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Cell id.
    #[serde(default, deserialize_with = "opt_string")]
    pub ci: Option<String>,
}

/// Service Area Identity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceAreaId {
    /// Location Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Service Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub sac: Option<String>,
}

/// Routing Area Identity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoutingAreaId {
    /// Location Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub lac: Option<String>,
    /// Routing Area Code.
    #[serde(default, deserialize_with = "opt_string")]
    pub rac: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rat_type_both_shapes() {
        let r: RatType = serde_json::from_value(
            serde_json::json!({"rat_type_id": "2", "description": "NB-IoT"}),
        )
        .unwrap();
        assert_eq!(r.rat_type_id.as_deref(), Some("2"));
        assert_eq!(r.description.as_deref(), Some("NB-IoT"));
        let r: RatType = serde_json::from_value(serde_json::json!(6)).unwrap();
        assert_eq!((r.rat_type_id.as_deref(), r.description), (Some("6"), None));
    }

    #[test]
    fn null_lists_are_empty() {
        let c: SimConnectivity = serde_json::from_value(serde_json::json!({
            "status": {"description": "OFFLINE"},
            "services": null,
            "pdp_contexts": null
        }))
        .unwrap();
        assert_eq!(c.status.description, ConnectivityStatus::Offline);
        assert!(c.services.is_empty() && c.pdp_contexts.is_empty());
    }
}
