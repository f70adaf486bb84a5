//! The result classes of SIM management v1 (`client.v1.sims`), one
//! `py_model!` per model of `once_sdk::types::v1`.
//!
//! 1NCE retires SIM management v1 at the end of 2026. Models whose v2
//! namesake exists (or whose concept v2 covers) carry a `V1` prefix
//! (`V1Sim`, `V1Quota`, `V1Event`, ...); the v1-only ones keep their Rust
//! names (`Usage`, `DailyUsage`, `Limit`, ...).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::{Deserialize, Serialize};

use crate::convert::{py_type_of, ToPy};
use crate::models::py_model;

/// A model that v1 and v2 share in Rust (one type per wire shape, such as
/// `once_sdk::Sim`), as v1 returns it: Python keeps its v1 class (`V1Sim`),
/// so class names, stubs and `isinstance` checks stay as they were.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AsV1<T>(pub T);

impl<T> std::ops::Deref for AsV1<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

py_model! {
    /// A SIM card as SIM management v1 reports it (from ``client.v1.sims``).
    ///
    /// 1NCE retires v1 at the end of 2026: v2's ``client.sims`` returns ``Sim``.
    V1Sim(AsV1<once_sdk::types::v1::Sim>) {
        /// The ICCID 1NCE addresses the SIM by (19 digits).
        iccid,
        /// The ICCID with its Luhn check digit (20 digits).
        iccid_with_luhn,
        /// First IMSI, used on the normal 1NCE network.
        imsi,
        /// Second IMSI, used on the China+ network.
        imsi_2,
        /// The IMSI currently in use.
        current_imsi,
        /// The SIM's phone number.
        msisdn,
        /// IMEI of the device the SIM is in (may be a 16-digit IMEISV).
        imei,
        /// Whether the SIM is locked to the current device IMEI.
        imei_lock,
        /// `Enabled` or `Disabled` (other values are passed on as sent).
        status,
        /// When the SIM was activated.
        activation_date,
        /// The SIM's fixed IP address.
        ip_address,
        /// The overall data quota in MB.
        current_quota,
        /// How much data quota is left, roughly.
        quota_status,
        /// The current SMS quota.
        current_quota_sms,
        /// How much SMS quota is left, roughly.
        quota_status_sms,
        /// Your label for the SIM.
        label,
    }
}

py_model! {
    /// A data or SMS quota of a SIM (SIM management v1).
    ///
    /// 1NCE retires v1 at the end of 2026: v2's ``client.sims.data_quota`` and
    /// ``sms_quota`` return ``Quota``.
    V1Quota(once_sdk::types::v1::Quota) {
        /// What is left: MB for data, messages for SMS.
        volume,
        /// The volume the SIM has over its lifetime (MB or messages).
        total_volume,
        /// When the quota expires.
        expiry_date,
        /// Throughput limit in bit/s (data quotas only).
        peak_throughput,
        /// The volume of the last top-up.
        last_volume_added,
        /// When the quota last changed.
        last_status_change_date,
        /// The percentage left at which a volume notification is sent.
        threshold_percentage,
    }
}

py_model! {
    /// A SIM's connectivity status, location and data session
    /// (``client.v1.sims.status``; SIM management v1, retired by 1NCE at the
    /// end of 2026).
    V1Connectivity(once_sdk::types::v1::Connectivity) {
        /// `OFFLINE`, `ONLINE` or `ATTACHED`.
        status,
        /// Where the device was last seen.
        location,
        /// The current data session, if any.
        pdp_context,
        /// The services in use (`GPRS`, ...).
        services,
    }
}

py_model! {
    /// Where a SIM's device was last seen by the network (SIM management v1).
    V1Location(once_sdk::types::v1::Location) {
        /// The SIM's ICCID.
        iccid,
        /// The SIM's IMSI.
        imsi,
        /// Last location update.
        last_updated,
        /// Last GPRS location update.
        last_updated_gprs,
        /// SGSN the SIM is attached to.
        sgsn_number,
        /// Visitor Location Register.
        vlr_number,
        /// VLR number NP.
        vlr_number_np,
        /// MSC number NP.
        msc_number_np,
        /// SGSN number NP.
        sgsn_number_np,
        /// The current operator's id.
        operator_id,
        /// Mobile-services Switching Centre.
        msc,
        /// IP address of the SGSN.
        sgsn_ip_address,
        /// The operator the SIM is attached to.
        operator,
        /// The country the device is in.
        country,
    }
}

py_model! {
    /// A mobile operator (SIM management v1).
    V1Operator(once_sdk::types::v1::Operator) {
        /// The operator's id.
        id,
        /// The operator's name (`T-Mobile`).
        name,
        /// The operator's country.
        country,
    }
}

py_model! {
    /// The country of an operator (SIM management v1).
    V1OperatorCountry(once_sdk::types::v1::OperatorCountry) {
        /// The country's id.
        id,
        /// The country's name.
        name,
        /// ISO code (`de`).
        iso_code,
    }
}

py_model! {
    /// The country a device is in (SIM management v1).
    V1Country(once_sdk::types::v1::Country) {
        /// The country's id.
        country_id,
        /// The country's name.
        name,
        /// International dialling code (`49`).
        country_code,
        /// Mobile Country Code.
        mcc,
        /// ISO code (`de`).
        iso_code,
        /// Reference latitude of the country.
        latitude,
        /// Reference longitude of the country.
        longitude,
    }
}

py_model! {
    /// Radio access technology of a data session (SIM management v1).
    V1RatType(once_sdk::types::v1::RatType) {
        /// The RAT's id.
        rat_type_id,
        /// `2G`, `3G`, `4G`, `5G` or `NB-IoT`.
        description,
    }
}

py_model! {
    /// A SIM's current data session, its PDP context (SIM management v1).
    V1PdpContext(once_sdk::types::v1::PdpContext) {
        /// The context's id.
        pdp_context_id,
        /// The SIM endpoint's id.
        endpoint_id,
        /// Tariff profile id.
        tariff_profile_id,
        /// Tariff id.
        tariff_id,
        /// Rate zone id.
        ratezone_id,
        /// Internal organisation id.
        organisation_id,
        /// IMSI id.
        imsi_id,
        /// The SIM's IMSI.
        imsi,
        /// Internal SIM id.
        sim_id,
        /// User plane tunnel id.
        teid_data_plane,
        /// Control plane tunnel id.
        teid_control_plane,
        /// GTP version.
        gtp_version,
        /// Network Service Access Point Identifier.
        nsapi,
        /// SGSN control plane IP.
        sgsn_control_plane_ip_address,
        /// SGSN user plane IP.
        sgsn_data_plane_ip_address,
        /// GGSN control plane IP.
        ggsn_control_plane_ip_address,
        /// GGSN user plane IP.
        ggsn_data_plane_ip_address,
        /// When the session started.
        created,
        /// Mobile Country Code.
        mcc,
        /// Mobile Network Code.
        mnc,
        /// Operator id.
        operator_id,
        /// Location area code.
        lac,
        /// Cell identity.
        ci,
        /// The device's IP address.
        ue_ip_address,
        /// The device's IMEISV.
        imeisv,
        /// How long the session has lasted (`02:39:10`).
        duration,
        /// Radio access technology.
        rat_type,
    }
}

py_model! {
    /// Connectivity and cell tower information of a device
    /// (``client.v1.sims.connectivity_info``; v1 only, no v2 counterpart;
    /// 1NCE retires v1 at the end of 2026).
    ConnectivityInfo(once_sdk::types::v1::ConnectivityInfo) {
        /// USSD result, when asked for with `ussd=True`.
        ussd_info,
        /// Subscriber (location) information, when asked for with `subscriber=True`.
        subscriber_info,
        /// When 1NCE received the request (UTC).
        request_timestamp,
        /// When 1NCE answered (UTC).
        reply_timestamp,
    }
}

py_model! {
    /// The USSD part of ``ConnectivityInfo``.
    UssdInfo(once_sdk::types::v1::UssdInfo) {
        /// Whether the USSD request succeeded.
        success,
        /// What went wrong, if anything.
        error,
    }
}

py_model! {
    /// The subscriber part of ``ConnectivityInfo``.
    SubscriberInfo(once_sdk::types::v1::SubscriberInfo) {
        /// Whether the subscriber request succeeded.
        success,
        /// State of the information (`not_provided_from_vlr`).
        state,
        /// The device location the network knows.
        location,
    }
}

py_model! {
    /// A device location from the network (subscriber information).
    SubscriberLocation(once_sdk::types::v1::SubscriberLocation) {
        /// Whether the location is current.
        current_location_retrieved,
        /// Age of the location in minutes.
        age_of_location,
        /// The cell tower.
        cell_global_id,
    }
}

py_model! {
    /// Identifies a cell tower (SIM management v1).
    V1CellGlobalId(once_sdk::types::v1::CellGlobalId) {
        /// Cell id.
        cid,
        /// Location area code.
        lac,
        /// Mobile Country Code.
        mcc,
        /// Mobile Network Code.
        mnc,
    }
}

py_model! {
    /// A network or SIM event (SIM management v1, ``client.v1.sims.events``).
    ///
    /// 1NCE retires v1 at the end of 2026: v2's ``client.sims.events`` has
    /// richer events.
    V1Event(once_sdk::types::v1::Event) {
        /// The event's id (when 1NCE sends one).
        id,
        /// When it happened.
        timestamp,
        /// What happened, in words.
        event_type,
        /// The SIM's ICCID.
        iccid,
        /// The device's IMEI.
        imei,
        /// The SIM's IMSI.
        imsi,
        /// The country of the network.
        country,
        /// The network's operator.
        operator,
        /// Mobile Country Code.
        mcc,
        /// Mobile Network Code.
        mnc,
        /// Whether 1NCE treats the event as an alert.
        alert,
        /// Severity in words (`Info`, ...).
        event_severity,
    }
}

py_model! {
    /// A currency of a usage record.
    Currency(once_sdk::types::v1::Currency) {
        /// The currency's id.
        id,
        /// Its symbol (`€`).
        symbol,
        /// Its code (`EUR`).
        code,
    }
}

py_model! {
    /// The kind of traffic of a usage record.
    TrafficType(once_sdk::types::v1::TrafficType) {
        /// `Data` or `SMS`.
        description,
        /// The type's id.
        id,
        /// `MB` or `SMS`.
        unit,
    }
}

py_model! {
    /// Data or SMS traffic of one usage row (1NCE sends the figures as
    /// strings; they are numbers here).
    Traffic(once_sdk::types::v1::Traffic) {
        /// Mirrors the volume (there is no real cost behind it).
        cost,
        /// The currency of `cost`.
        currency,
        /// Data or SMS.
        traffic_type,
        /// Total: MB of data (RX + TX) or messages (MO + MT).
        volume,
        /// Received by the SIM: MB downstream, or MO-SMS count.
        volume_rx,
        /// Sent by the SIM: MB upstream, or MT-SMS count.
        volume_tx,
    }
}

py_model! {
    /// The usage of one day.
    DailyUsage(once_sdk::types::v1::DailyUsage) {
        /// The day (midnight UTC); None if 1NCE left it out.
        date,
        /// Data used that day.
        data,
        /// SMS used that day.
        sms,
    }
}

py_model! {
    /// The sums over the whole period (the row 1NCE dates `TOTAL`).
    UsageTotal(once_sdk::types::v1::UsageTotal) {
        /// Data used in the period.
        data,
        /// SMS used in the period.
        sms,
    }
}

py_model! {
    /// A SIM's daily data and SMS usage over a period
    /// (``client.v1.sims.usage``; v1 only, no v2 counterpart; 1NCE retires v1
    /// at the end of 2026).
    ///
    /// 1NCE puts a row dated `TOTAL` among the daily rows; it is taken out of
    /// `stats` and kept in `total`.
    Usage(once_sdk::types::v1::Usage) adapt(crate::wire::usage_total_as_row) {
        /// One row per day, the `TOTAL` row excluded.
        stats,
        /// The `TOTAL` row, when 1NCE sent one.
        total,
    }
}

py_model! {
    /// A numbered status or type with a description (of a v1 SMS).
    V1Described(once_sdk::types::v1::Described) {
        /// The numeric id.
        id,
        /// The same in words (`DELIVERED`; `MT` or `MO`).
        description,
    }
}

py_model! {
    /// An SMS sent to or received from a SIM (SIM management v1).
    ///
    /// 1NCE retires v1 at the end of 2026: v2 has SMS under ``client.sms``.
    V1SmsRecord(once_sdk::types::v1::SmsRecord) {
        /// The SMS id (for `get_sms` and `delete_sms`).
        id,
        /// When the SMS was submitted.
        submit_date,
        /// When it was delivered.
        delivery_date,
        /// When it expires.
        expiry_date,
        /// When its processing ended.
        final_date,
        /// When delivery was retried.
        retry_date,
        /// The last delivery attempt.
        last_delivery_attempt,
        /// Delivery retries so far.
        retry_count,
        /// The sender.
        source_address,
        /// The SIM's ICCID.
        iccid,
        /// The SIM's MSISDN.
        msisdn,
        /// The SIM's IMSI.
        imsi,
        /// The MSC that handled the SMS.
        msc,
        /// Data Coding Scheme: 0 text, 4 binary, 8 UCS-2.
        dcs,
        /// User Data Header (hex).
        udh,
        /// The message.
        payload,
        /// Delivery status (`DELIVERED`, ...).
        status,
        /// `MT` (to the device) or `MO` (from the device).
        sms_type,
        /// The type of `source_address` (145 international, 161 national, 208 alphanumeric).
        source_address_type,
    }
}

py_model! {
    /// A self-set monthly limit, or one of the limits that can be selected
    /// (SIM management v1; no v2 counterpart).
    Limit(once_sdk::types::v1::Limit) {
        /// The limit's id (what `set_limits` takes).
        id,
        /// The value (`"16"`).
        limit,
        /// The unit (`MB`, `SMS`).
        unit,
    }
}

py_model! {
    /// The account-wide self-set monthly limits (``client.v1.sims.limits``;
    /// v1 only, no v2 counterpart; 1NCE retires v1 at the end of 2026).
    Limits(once_sdk::types::v1::Limits) {
        /// The data limit.
        data,
        /// The MT-SMS limit.
        sms_mt,
        /// The MO-SMS limit.
        sms_mo,
    }
}

/// The order a v1 top-up created, with its number taken from the address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct V1TopUpOrderData {
    location: Option<String>,
    order_id: Option<String>,
}

impl From<once_sdk::TopUpOrder> for V1TopUpOrderData {
    fn from(o: once_sdk::TopUpOrder) -> Self {
        Self {
            order_id: o.order_number().map(str::to_string),
            location: o.location,
        }
    }
}

py_model! {
    /// The order a v1 top-up created (``client.v1.sims.top_up`` and
    /// ``top_up_many``). 1NCE retires v1 at the end of 2026: v2 has single
    /// top-ups as ``client.sims.top_up``.
    V1TopUpOrder(V1TopUpOrderData) {
        /// The URL of the new order, when 1NCE sent one.
        location,
        /// The order number: the last segment of `location`.
        order_id,
    }
}
