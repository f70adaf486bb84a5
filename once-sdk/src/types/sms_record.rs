//! SMS sent to or received from a SIM (SIM management v2 `/v2/sims/{iccid}/sms`).

use serde::{Deserialize, Serialize};

use super::de::{opt_i64, opt_string};
use super::ids::{Iccid, Imsi, Msisdn};
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

string_enum!(
    /// Where an SMS is in its delivery.
    SmsStatus {
        /// Delivered to the device (4).
        Delivered = "DELIVERED",
        /// Delivery failed (5).
        Failed = "FAILED",
        /// Waiting to be delivered (2).
        Pending = "PENDING",
        /// Not delivered before its expiry date (6).
        Expired = "EXPIRED",
    }
);

string_enum!(
    /// Which way an SMS went.
    SmsDirection {
        /// Mobile terminated: sent to the device (1).
        Mt = "MT",
        /// Mobile originated: sent by the device (2).
        Mo = "MO",
    }
);

/// The delivery state of an SMS, as a number and a name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsStatusInfo {
    /// 2 pending, 4 delivered, 5 failed, 6 expired.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The same in words.
    #[serde(default)]
    pub description: Option<SmsStatus>,
}

/// The direction of an SMS, as a number and a name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsType {
    /// 1 MT, 2 MO.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The same in words.
    #[serde(default)]
    pub description: Option<SmsDirection>,
}

/// The type of an SMS source address, as a number and a name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceAddressTypeInfo {
    /// 145 international, 161 national, 208 alphanumeric.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The same in words (`National`).
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
}

/// The device (endpoint) of an SMS.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsEndpoint {
    /// The endpoint's id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// The endpoint's name.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
}

/// An SMS sent to (MT) or received from (MO) a SIM, as 1NCE lists it (v2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsRecord {
    /// The SMS id (for [`SmsMessages::get`](crate::api::sms::SmsMessages::get) and
    /// [`SmsMessages::delete`](crate::api::sms::SmsMessages::delete)).
    #[serde(default, deserialize_with = "crate::types::SmsId::opt")]
    pub id: Option<crate::types::SmsId>,
    /// When 1NCE accepted it.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub submit_date: Option<Timestamp>,
    /// When it was delivered.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub delivery_date: Option<Timestamp>,
    /// When delivery attempts stop.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub expiry_date: Option<Timestamp>,
    /// When it reached its final state.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub final_date: Option<Timestamp>,
    /// When delivery is tried next.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub retry_date: Option<Timestamp>,
    /// When delivery was last tried.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub last_delivery_attempt: Option<Timestamp>,
    /// How often delivery was retried.
    #[serde(default, deserialize_with = "opt_i64")]
    pub retry_count: Option<i64>,
    /// The GSM MAP error of the last failed attempt.
    #[serde(default, deserialize_with = "opt_string")]
    pub gsm_map_error: Option<String>,
    /// Data Coding Scheme (0 text, 4 binary, 8 UCS-2).
    #[serde(default, deserialize_with = "opt_i64")]
    pub dcs: Option<i64>,
    /// Protocol identifier.
    #[serde(default, deserialize_with = "opt_i64")]
    pub pid: Option<i64>,
    /// The sender's address.
    #[serde(default, deserialize_with = "opt_string")]
    pub source_address: Option<String>,
    /// The type of the sender's address.
    #[serde(default)]
    pub source_address_type: Option<SourceAddressTypeInfo>,
    /// The device (endpoint).
    #[serde(default)]
    pub endpoint: Option<SmsEndpoint>,
    /// 1NCE's internal id of the SIM.
    #[serde(default, deserialize_with = "opt_i64")]
    pub sim_id: Option<i64>,
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// The SIM's MSISDN.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub msisdn: Option<Msisdn>,
    /// The SIM's IMSI.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub imsi: Option<Imsi>,
    /// The Mobile-services Switching Centre that handled it.
    #[serde(default, deserialize_with = "opt_string")]
    pub msc: Option<String>,
    /// User Data Header (hex).
    #[serde(default, deserialize_with = "opt_string")]
    pub udh: Option<String>,
    /// The message (1NCE may mask it as `***`).
    #[serde(default, deserialize_with = "opt_string")]
    pub payload: Option<String>,
    /// Pending, delivered, failed or expired.
    #[serde(default)]
    pub status: Option<SmsStatusInfo>,
    /// MT or MO.
    #[serde(default)]
    pub sms_type: Option<SmsType>,
}

/// What 1NCE answers when it accepts an SMS to send or cancels one: the
/// SMS id (a string on the wire; numbers are accepted too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsReceipt {
    /// The SMS id.
    #[serde(default, deserialize_with = "opt_string")]
    pub id: Option<String>,
}
