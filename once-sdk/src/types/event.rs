//! SIM events (SIM management v2 `GET /v2/sims/{iccid}/events`): attaches,
//! data sessions, quota thresholds, VPN connections.

use serde::{Deserialize, Serialize};

use super::connectivity::{Country, PdpContext};
use super::de::{opt_bool, opt_f64, opt_i64, opt_string};
use super::ids::{Iccid, Imei, Imsi, Msisdn};
use super::sim::{QuotaService, QuotaStatus};
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

/// A diagnostic event of a SIM.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// What happened (`{"id": 4, "description": "Delete PDP Context"}`).
    #[serde(default)]
    pub event_type: Option<EventCode>,
    /// When it happened.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub timestamp: Option<Timestamp>,
    /// Whether the event is an alert.
    #[serde(default, deserialize_with = "opt_bool")]
    pub alert: Option<bool>,
    /// The user who caused the event, if any.
    #[serde(default, deserialize_with = "opt_string")]
    pub user: Option<String>,
    /// The event in words (`PDP Context deleted.`).
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    /// Where the event came from (`{"id": 0, "description": "Network"}`).
    #[serde(default)]
    pub event_source: Option<EventCode>,
    /// How severe it is (`{"id": 0, "description": "INFO"}`).
    #[serde(default)]
    pub event_severity: Option<EventCode>,
    /// The organisation (your 1NCE account).
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// The device (endpoint) the SIM is in.
    #[serde(default)]
    pub endpoint: Option<EventEndpoint>,
    /// The SIM.
    #[serde(default)]
    pub sim: Option<EventSim>,
    /// The IMSI the SIM used.
    #[serde(default)]
    pub imsi: Option<EventImsi>,
    /// Details that depend on the event type: location update, data
    /// session, quota or VPN.
    #[serde(default)]
    pub detail: Option<EventDetail>,
}

/// A numbered value with a name, as events carry their type, source and
/// severity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventCode {
    /// The number.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The name.
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
}

/// An organisation (1NCE account).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organisation {
    /// Its id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// Its name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
}

/// The device (endpoint) of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventEndpoint {
    /// The endpoint's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The endpoint's name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// The device's IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub ip_address: Option<String>,
    /// The device's IMEI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imei: Option<Imei>,
}

/// The SIM of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventSim {
    /// 1NCE's internal id of the SIM.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// The SIM's MSISDN.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub msisdn: Option<Msisdn>,
}

/// The IMSI of an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventImsi {
    /// 1NCE's internal id of the IMSI.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
}

string_enum!(
    /// Why a data session was refused.
    DataServiceFailureCause {
        /// The IMSI is unknown.
        ImsiNotFound = "IMSI_NOT_FOUND",
        /// The APN is not allowed.
        ApnNotAuthorized = "APN_NOT_AUTHORIZED",
        /// The PDN type is not supported.
        PdnNotSupported = "PDN_NOT_SUPPORTED",
        /// The SIM is locked to another IMEI.
        ImeiLockBreached = "IMEI_LOCK_BREACHED",
        /// The SIM has no data quota.
        NoQuotaFound = "NO_QUOTA_FOUND",
        /// The data quota expired.
        QuotaExpired = "QUOTA_EXPIRED",
        /// The data quota is used up.
        QuotaExhausted = "QUOTA_EXHAUSTED",
        /// The monthly usage limit is reached.
        MonthlyUsageLimitExceeded = "MONTHLY_USAGE_LIMIT_EXCEEDED",
        /// Data is barred for the SIM.
        DataServiceBarred = "DATA_SERVICE_BARRED",
        /// The IMEI lock is enforced.
        ImeiLockEnforced = "IMEI_LOCK_ENFORCED",
        /// The session was idle too long.
        InactivityTimerExpired = "INACTIVITY_TIMER_EXPIRED",
    }
);

/// The details of an event. 1NCE sends one of four shapes (location update,
/// data session, quota, VPN) without saying which; this type holds the fields
/// of all four, and those of the shape received are set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventDetail {
    /// The network's or session's id (location update, data session).
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The network's or session's name (location update, data session).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// The country (location update, data session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// TAP codes of the network (location update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tapcode: Option<Vec<TapCode>>,
    /// Mobile Network Codes of the network (location update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mnc: Option<Vec<NetworkCode>>,
    /// Why the location update failed (`RAT_NOT_ALLOWED`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub update_location_failure_reason: Option<String>,
    /// Data volume of the session (data session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<SessionVolume>,
    /// Why the data session was refused (data session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_service_failure_cause: Option<DataServiceFailureCause>,
    /// The session (data session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdp_context: Option<PdpContext>,
    /// The quota (quota events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<EventQuota>,
    /// The regional pool the quota belongs to (quota events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_pool: Option<RegionalPool>,
    /// The OpenVPN id (VPN events).
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub vpn_id: Option<i64>,
    /// The AWS region (VPN events).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub region: Option<String>,
    /// The VPN client (VPN events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<VpnClient>,
}

/// A regional pool of quota.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegionalPool {
    /// Its id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// Its name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
}

/// A TAP code of a network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TapCode {
    /// Its id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The TAP code.
    #[serde(default, deserialize_with = "opt_string")]
    pub tapcode: Option<String>,
}

/// A Mobile Network Code of a network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NetworkCode {
    /// Its id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The MNC.
    #[serde(default, deserialize_with = "opt_string")]
    pub mnc: Option<String>,
}

/// The data volume of a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionVolume {
    /// Sent by the device.
    #[serde(default, deserialize_with = "opt_f64")]
    pub tx: Option<f64>,
    /// Received by the device.
    #[serde(default, deserialize_with = "opt_f64")]
    pub rx: Option<f64>,
    /// Both directions.
    #[serde(default, deserialize_with = "opt_f64")]
    pub total: Option<f64>,
}

/// The quota of a quota event (either of the two shapes 1NCE sends).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventQuota {
    /// The quota's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// Active, exhausted or expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<QuotaStatus>,
    /// What is left: MB for data, messages for SMS. Can be negative.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
    /// The volume provisioned, or what was left at the last top-up plus the top-up.
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_volume: Option<f64>,
    /// The initial volume plus every top-up.
    #[serde(
        default,
        deserialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub accumulated_total_volume: Option<f64>,
    /// The volume of the last top-up.
    #[serde(
        default,
        deserialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_volume_added: Option<f64>,
    /// `data` or `sms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<QuotaService>,
    /// The percentage of `total_volume` at which a threshold event fires.
    #[serde(
        default,
        deserialize_with = "opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub threshold_percentage: Option<i64>,
    /// `total_volume * threshold_percentage`.
    #[serde(
        default,
        deserialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub threshold_volume: Option<f64>,
    /// The threshold as percentage and volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<QuotaThresholdLevel>,
    /// When the quota expires.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub expiry_date: Option<Timestamp>,
    /// When the quota was created.
    #[serde(
        default,
        deserialize_with = "opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
}

/// The threshold of a quota.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaThresholdLevel {
    /// Percentage of the total volume.
    #[serde(default, deserialize_with = "opt_i64")]
    pub percentage: Option<i64>,
    /// The same as a volume.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
}

/// The OpenVPN client of a VPN event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VpnClient {
    /// The OpenVPN client version.
    #[serde(default, deserialize_with = "opt_string")]
    pub version: Option<String>,
    /// The client's private IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub private_ip: Option<String>,
    /// The client's public IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub public_ip: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_shapes_decode() {
        let d: EventDetail = serde_json::from_value(serde_json::json!({
            "id": 7, "name": "Telekom", "country": {"id": 74, "name": "Germany", "mcc": "262"},
            "tapcode": [{"id": 1, "tapcode": "DEUD1"}], "mnc": [{"id": 1, "mnc": "01"}],
            "update_location_failure_reason": "RAT_NOT_ALLOWED"
        }))
        .unwrap();
        assert_eq!(d.mnc.unwrap()[0].mnc.as_deref(), Some("01"));
        let d: EventDetail = serde_json::from_value(serde_json::json!({
            "volume": {"tx": 1.5, "rx": "2", "total": 3.5},
            "data_service_failure_cause": "QUOTA_EXHAUSTED",
            "pdp_context": {"rat_type": 6, "nsapi": 5, "lac": null}
        }))
        .unwrap();
        assert_eq!(d.volume.unwrap().rx, Some(2.0));
        assert_eq!(
            d.data_service_failure_cause,
            Some(DataServiceFailureCause::QuotaExhausted)
        );
        assert_eq!(d.pdp_context.unwrap().nsapi.as_deref(), Some("5"));
        let d: EventDetail = serde_json::from_value(serde_json::json!({
            "quota": {"id": 1, "status": {"id": 0, "description": "EXHAUSTED"}, "volume": 0,
                      "threshold": {"percentage": 20, "volume": 100}},
            "regional_pool": {"id": 3, "name": "EU"}
        }))
        .unwrap();
        assert_eq!(d.quota.unwrap().threshold.unwrap().percentage, Some(20));
        let d: EventDetail = serde_json::from_value(serde_json::json!({
            "vpn_id": 9, "region": "eu-central-1", "client": {"public_ip": "1.2.3.4"}
        }))
        .unwrap();
        assert_eq!(d.client.unwrap().public_ip.as_deref(), Some("1.2.3.4"));
    }
}
