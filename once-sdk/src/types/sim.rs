//! SIM cards and quotas (SIM management v2 shapes).

use serde::{Deserialize, Serialize};

use super::de::{opt_bool, opt_f64, opt_i64, opt_string};
use super::ids::{Iccid, Imei, Imsi, Msisdn};
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

string_enum!(
    /// Whether a SIM may use the network.
    SimStatus {
        /// The SIM is active.
        Enabled = "Enabled",
        /// The SIM is deactivated.
        Disabled = "Disabled",
    }
);

string_enum!(
    /// The state of a quota (v2).
    QuotaState {
        /// Volume is left and the quota has not expired.
        Active = "ACTIVE",
        /// No volume left.
        Exhausted = "EXHAUSTED",
        /// The quota's validity has ended.
        Expired = "EXPIRED",
    }
);

string_enum!(
    /// Which service a quota is for.
    QuotaService {
        /// Data, volumes in megabytes.
        Data = "data",
        /// SMS, volumes in messages.
        Sms = "sms",
    }
);

/// How much of a quota is left, as reported on a SIM: more than 20 %, less
/// than 20 %, or nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaThreshold {
    /// 0: more than 20 % left; 1: less than 20 % left; 2: nothing left.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The same in words.
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    /// When less than 20 % was first left.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub threshold_reached_date: Option<Timestamp>,
    /// When the quota ran out.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub quota_exceeded_date: Option<Timestamp>,
}

/// A SIM card (SIM management v2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sim {
    /// The ICCID 1NCE addresses the SIM by (19 digits).
    pub iccid: Iccid,
    /// The ICCID with its Luhn check digit (20 digits).
    #[serde(default, deserialize_with = "opt_string")]
    pub iccid_with_luhn: Option<String>,
    /// First IMSI, used on the normal 1NCE network.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// Second IMSI, used on the China+ network.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi_2: Option<Imsi>,
    /// The IMSI currently in use.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub current_imsi: Option<Imsi>,
    /// The SIM's phone number.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub msisdn: Option<Msisdn>,
    /// IMEI of the device the SIM is in (may be a 16-digit IMEISV).
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imei: Option<Imei>,
    /// Whether the SIM is locked to the current device IMEI.
    #[serde(default, deserialize_with = "opt_bool")]
    pub imei_lock: Option<bool>,
    /// Enabled or disabled.
    #[serde(default)]
    pub status: Option<SimStatus>,
    /// When the SIM was activated.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub activation_date: Option<Timestamp>,
    /// The SIM's fixed IP address.
    #[serde(default, deserialize_with = "opt_string")]
    pub ip_address: Option<String>,
    /// The overall data quota in MB.
    #[serde(default, deserialize_with = "opt_f64")]
    pub current_quota: Option<f64>,
    /// How much data quota is left, roughly.
    #[serde(default)]
    pub quota_status: Option<QuotaThreshold>,
    /// The current SMS quota.
    #[serde(default, rename = "current_quota_SMS", deserialize_with = "opt_f64")]
    pub current_quota_sms: Option<f64>,
    /// How much SMS quota is left, roughly.
    #[serde(default, rename = "quota_status_SMS")]
    pub quota_status_sms: Option<QuotaThreshold>,
    /// Your label for the SIM.
    #[serde(default, deserialize_with = "opt_string")]
    pub label: Option<String>,
}

impl Sim {
    /// The SIM `iccid` with nothing else known: set the fields you need
    /// (they are public), e.g. in tests of code that reads SIMs.
    ///
    /// ```
    /// use once_sdk::{Sim, SimStatus};
    /// let mut sim = Sim::new("8988280666000000000".parse()?);
    /// sim.status = Some(SimStatus::Enabled);
    /// sim.label = Some("pump-17".into());
    /// # Ok::<(), once_sdk::Error>(())
    /// ```
    pub fn new(iccid: Iccid) -> Self {
        Self {
            iccid,
            iccid_with_luhn: None,
            imsi: None,
            imsi_2: None,
            current_imsi: None,
            msisdn: None,
            imei: None,
            imei_lock: None,
            status: None,
            activation_date: None,
            ip_address: None,
            current_quota: None,
            quota_status: None,
            current_quota_sms: None,
            quota_status_sms: None,
            label: None,
        }
    }
}

/// The state of a quota, as a number and a name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaStatus {
    /// 0, 1 or 2.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// `ACTIVE`, `EXHAUSTED` or `EXPIRED`.
    #[serde(default)]
    pub description: Option<QuotaState>,
}

/// A data or SMS quota of a SIM (v2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quota {
    /// The quota's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// Active, exhausted or expired.
    #[serde(default)]
    pub status: Option<QuotaStatus>,
    /// What is left: MB for data, messages for SMS. Can be negative.
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
    /// The volume provisioned, or what was left at the last top-up plus the top-up.
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_volume: Option<f64>,
    /// The initial volume plus every top-up.
    #[serde(default, deserialize_with = "opt_f64")]
    pub accumulated_total_volume: Option<f64>,
    /// The volume of the last top-up.
    #[serde(default, deserialize_with = "opt_f64")]
    pub last_volume_added: Option<f64>,
    /// `data` or `sms`.
    #[serde(default)]
    pub service: Option<QuotaService>,
    /// The percentage of `total_volume` at which a threshold event fires.
    #[serde(default, deserialize_with = "opt_i64")]
    pub threshold_percentage: Option<i64>,
    /// `total_volume * threshold_percentage`.
    #[serde(default, deserialize_with = "opt_f64")]
    pub threshold_volume: Option<f64>,
    /// When the quota expires.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub expiry_date: Option<Timestamp>,
    /// When the quota was created.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub created_at: Option<Timestamp>,
}

/// Changes to a SIM (v2 `PUT /v2/sims/{iccid}`): only the fields set are sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimUpdate {
    /// The ICCID (1NCE's request schema carries it in the body too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iccid: Option<Iccid>,
    /// A new label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Lock (or unlock) the SIM to the current device IMEI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imei_lock: Option<bool>,
    /// Enable or disable the SIM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SimStatus>,
}

impl SimUpdate {
    /// True when nothing would change.
    pub fn is_empty(&self) -> bool {
        self.label.is_none() && self.imei_lock.is_none() && self.status.is_none()
    }
}
