//! The numeric codes of Data Streamer records: traffic type, RAT type,
//! event type, severity and source. Codes this SDK does not know are kept
//! as `Unknown(code)`.

use serde::{Serialize, Serializer};

/// Defines an enum over numeric codes that keeps unknown codes.
macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A code this version of the SDK does not know, kept as sent.
            Unknown(i64),
        }

        impl $name {
            /// The variant for a code (unknown codes are kept).
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => $name::$variant,)+
                    other => $name::Unknown(other),
                }
            }

            /// The code as 1NCE sends it.
            pub fn code(&self) -> i64 {
                match self {
                    $($name::$variant => $code,)+
                    $name::Unknown(c) => *c,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.code())
            }
        }
    };
}

code_enum!(
    /// What a usage record counts (`traffic_type.id`).
    TrafficType {
        /// Data, volumes in MB (5).
        Data = 5,
        /// SMS, volumes as counts (6).
        Sms = 6,
    }
);

impl TrafficType {
    /// From a description when no id was sent (`"Data"`, `"SMS"`).
    pub fn from_description(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "data" => Some(Self::Data),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// The radio access technology of a session (`rat_type`): GTPv2's RAT
/// type values, which 1NCE sends as codes (and sometimes as names).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RatType {
    /// 3G / UTRAN (1).
    Utran,
    /// 2G / GERAN (2).
    Geran,
    /// HSPA+ (5).
    HspaEvolution,
    /// LTE / E-UTRAN (6); CAT-M is often reported as 6 too.
    Eutran,
    /// NB-IoT, `EUTRAN-NB-IoT` (8).
    NbIot,
    /// LTE-M / CAT-M (9).
    LteM,
    /// 5G NR (10).
    Nr,
    /// A code this version of the SDK does not know, kept as sent.
    Unknown(i64),
    /// A name this version of the SDK does not know, kept as sent.
    UnknownName(String),
}

impl RatType {
    /// The variant for a code (unknown codes are kept).
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Utran,
            2 => Self::Geran,
            5 => Self::HspaEvolution,
            6 => Self::Eutran,
            8 => Self::NbIot,
            9 => Self::LteM,
            10 => Self::Nr,
            other => Self::Unknown(other),
        }
    }

    /// The code as 1NCE sends it; `None` for a name this SDK does not know.
    pub fn code(&self) -> Option<i64> {
        Some(match self {
            Self::Utran => 1,
            Self::Geran => 2,
            Self::HspaEvolution => 5,
            Self::Eutran => 6,
            Self::NbIot => 8,
            Self::LteM => 9,
            Self::Nr => 10,
            Self::Unknown(c) => *c,
            Self::UnknownName(_) => return None,
        })
    }

    /// From a name when a text was sent instead of a code (`"LTE"`,
    /// `"NB-IoT"`, `"EUTRAN-NB-IoT"`, `"NR"`); `None` for other names.
    pub fn from_name(s: &str) -> Option<Self> {
        let n: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match n.as_str() {
            "3g" | "utran" => Self::Utran,
            "2g" | "geran" => Self::Geran,
            "hspa" | "hspaevolution" => Self::HspaEvolution,
            "4g" | "lte" | "eutran" => Self::Eutran,
            "nbiot" | "eutrannbiot" => Self::NbIot,
            "catm" | "ltem" | "catm1" => Self::LteM,
            "5g" | "nr" => Self::Nr,
            _ => return None,
        })
    }

    /// From a name, keeping a name this SDK does not know.
    pub fn from_name_lenient(s: &str) -> Self {
        Self::from_name(s).unwrap_or_else(|| Self::UnknownName(s.to_string()))
    }
}

impl Serialize for RatType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::UnknownName(name) => s.serialize_str(name),
            other => s.serialize_i64(other.code().unwrap_or_default()),
        }
    }
}

code_enum!(
    /// What happened (`event_type.id`).
    EventType {
        /// Generic event (0).
        Generic = 0,
        /// Update location (1).
        UpdateLocation = 1,
        /// Update GPRS location (2).
        UpdateGprsLocation = 2,
        /// Create PDP context: a data session started (3).
        CreatePdpContext = 3,
        /// Update PDP context (4).
        UpdatePdpContext = 4,
        /// Delete PDP context: a data session ended (5).
        DeletePdpContext = 5,
        /// User authentication failed (6).
        UserAuthenticationFailed = 6,
        /// Application authentication failed (7).
        ApplicationAuthenticationFailed = 7,
        /// SIM activation (8).
        SimActivation = 8,
        /// SIM suspension (9).
        SimSuspension = 9,
        /// SIM deletion (10).
        SimDeletion = 10,
        /// Endpoint blocked (11).
        EndpointBlocked = 11,
        /// Organisation blocked (12).
        OrganisationBlocked = 12,
        /// Support access (13).
        SupportAccess = 13,
        /// Multi-factor authentication (14).
        MultiFactorAuthentication = 14,
        /// Purge location (15).
        PurgeLocation = 15,
        /// Purge GPRS location (16).
        PurgeGprsLocation = 16,
        /// Self-signup (17).
        SelfSignup = 17,
        /// Data quota threshold reached (18).
        DataQuotaThresholdReached = 18,
        /// Data quota used up (19).
        DataQuotaUsedUp = 19,
        /// SMS quota threshold reached (20).
        SmsQuotaThresholdReached = 20,
        /// SMS quota used up (21).
        SmsQuotaUsedUp = 21,
        /// OpenVPN authentication (30).
        OpenVpnAuthentication = 30,
        /// SIM released (50).
        SimReleased = 50,
        /// SIM assigned (51).
        SimAssigned = 51,
        /// Data quota enabled (52).
        DataQuotaEnabled = 52,
        /// Data quota disabled (53).
        DataQuotaDisabled = 53,
        /// SMS quota enabled (54).
        SmsQuotaEnabled = 54,
        /// SMS quota disabled (55).
        SmsQuotaDisabled = 55,
        /// Data quota assigned (56).
        DataQuotaAssigned = 56,
        /// Data quota deleted (57).
        DataQuotaDeleted = 57,
        /// SMS quota assigned (58).
        SmsQuotaAssigned = 58,
        /// SMS quota deleted (59).
        SmsQuotaDeleted = 59,
        /// Data quota expired (60).
        DataQuotaExpired = 60,
        /// OpenVPN disconnect (29, Platform 2.0).
        OpenVpnDisconnect = 29,
        /// Endpoint enabled (42, Platform 2.0).
        EndpointEnabled = 42,
        /// Endpoint disabled (43, Platform 2.0).
        EndpointDisabled = 43,
        /// SMS quota expired (61, Platform 2.0).
        SmsQuotaExpired = 61,
        /// Regional-pool quota event 100 (Platform 2.0; 1NCE names the
        /// 100-103 range "regional pool quota events" without telling them apart).
        RegionalPoolQuota100 = 100,
        /// Regional-pool quota event 101 (Platform 2.0).
        RegionalPoolQuota101 = 101,
        /// Regional-pool quota event 102 (Platform 2.0).
        RegionalPoolQuota102 = 102,
        /// Regional-pool quota event 103 (Platform 2.0).
        RegionalPoolQuota103 = 103,
        /// Endpoint deleted (121, Platform 2.0).
        EndpointDeleted = 121,
    }
);

/// The Data Streamer platform a record was written by. Platform 2.0
/// renumbered event severities (id 2 was CRITICAL on 1.0 and is a WARN on
/// 2.0), so reading a severity id needs to know the platform.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Platform {
    /// Platform 1.0 (severity 0 INFO, 1 WARNING, 2 CRITICAL).
    Platform1,
    /// Platform 2.0 (severity 0 INFO, 1 and 2 WARN, 3 ERROR, 4 CRITICAL).
    Platform2,
    /// Tell from the records (see [`decode_batch_with`](super::decode_batch_with)).
    #[default]
    Detect,
}

/// How serious an event is, on one scale for both platforms (Platform 2.0's
/// ids: 0 INFO, 1 WARNING, 3 ERROR, 4 CRITICAL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventSeverity {
    /// INFO.
    Info,
    /// WARNING (WARN on Platform 2.0).
    Warning,
    /// ERROR (Platform 2.0).
    Error,
    /// CRITICAL.
    Critical,
    /// Id 2 with no description on a stream whose platform could not be
    /// told: CRITICAL on Platform 1.0, WARN on 2.0. Kept as sent, not guessed.
    Ambiguous(i64),
    /// An id this version of the SDK does not know, kept as sent.
    Unknown(i64),
}

impl EventSeverity {
    /// The severity of an id as `platform` numbers them. Id 2 reads as
    /// [`Critical`](Self::Critical) on Platform 1.0, [`Warning`](Self::Warning)
    /// on 2.0, and [`Ambiguous`](Self::Ambiguous) when the platform is not known.
    pub fn from_id(id: i64, platform: Platform) -> Self {
        match (id, platform) {
            (0, _) => Self::Info,
            (1, _) => Self::Warning,
            (2, Platform::Platform1) => Self::Critical,
            (2, Platform::Platform2) => Self::Warning,
            (2, Platform::Detect) => Self::Ambiguous(2),
            (3, Platform::Platform2 | Platform::Detect) => Self::Error,
            (4, Platform::Platform2 | Platform::Detect) => Self::Critical,
            (other, _) => Self::Unknown(other),
        }
    }

    /// From a description (`"WARN"`, `"WARNING"`, `"CRITICAL"`, ...), which
    /// settles the severity on either platform.
    pub fn from_description(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "INFO" => Some(Self::Info),
            "WARNING" | "WARN" => Some(Self::Warning),
            "ERROR" => Some(Self::Error),
            "CRITICAL" => Some(Self::Critical),
            _ => None,
        }
    }

    /// The level on Platform 2.0's scale (0 INFO, 1 WARNING, 3 ERROR,
    /// 4 CRITICAL); `None` for an ambiguous or unknown id.
    pub fn level(&self) -> Option<i64> {
        match self {
            Self::Info => Some(0),
            Self::Warning => Some(1),
            Self::Error => Some(3),
            Self::Critical => Some(4),
            Self::Ambiguous(_) | Self::Unknown(_) => None,
        }
    }

    /// The name (`INFO`, `WARNING`, `ERROR`, `CRITICAL`, `AMBIGUOUS`, `UNKNOWN`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Info => "INFO",
            Self::Warning => "WARNING",
            Self::Error => "ERROR",
            Self::Critical => "CRITICAL",
            Self::Ambiguous(_) => "AMBIGUOUS",
            Self::Unknown(_) => "UNKNOWN",
        }
    }
}

/// Serialized as its level on Platform 2.0's scale, `null` when ambiguous
/// or unknown (the id as sent is in the record's `severity_id`).
impl Serialize for EventSeverity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.level() {
            Some(l) => s.serialize_i64(l),
            None => s.serialize_none(),
        }
    }
}

code_enum!(
    /// What raised an event (`event_source.id`).
    EventSource {
        /// The mobile network (0).
        Network = 0,
        /// Policy control (1).
        PolicyControl = 1,
        /// The API or portal (2).
        Api = 2,
    }
);

impl EventSource {
    /// From a description when no id was sent (`"Network"`).
    pub fn from_description(s: &str) -> Option<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['_', '-'], " ")
            .as_str()
        {
            "network" => Some(Self::Network),
            "policy control" => Some(Self::PolicyControl),
            "api" => Some(Self::Api),
            _ => None,
        }
    }
}

/// The final state of a mobile-terminated SMS (`status.status`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// The device received it.
    Delivered,
    /// Delivery failed.
    Failed,
    /// Not delivered before it expired.
    Expired,
    /// A state this SDK does not know, kept as sent.
    Unknown(String),
}

impl DeliveryStatus {
    /// From the text 1NCE sends (any case).
    pub fn from_text(s: &str) -> Self {
        match s.trim().to_ascii_uppercase().as_str() {
            "DELIVERED" => Self::Delivered,
            "FAILED" => Self::Failed,
            "EXPIRED" => Self::Expired,
            _ => Self::Unknown(s.to_string()),
        }
    }

    /// The state as 1NCE spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Delivered => "DELIVERED",
            Self::Failed => "FAILED",
            Self::Expired => "EXPIRED",
            Self::Unknown(s) => s,
        }
    }
}

impl Serialize for DeliveryStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_ids_read_by_platform() {
        use EventSeverity as S;
        let read = |p| [0, 1, 2, 3, 4, 5].map(|id| S::from_id(id, p));
        assert_eq!(
            read(Platform::Platform1),
            [
                S::Info,
                S::Warning,
                S::Critical,
                S::Unknown(3),
                S::Unknown(4),
                S::Unknown(5)
            ]
        );
        assert_eq!(
            read(Platform::Platform2),
            [
                S::Info,
                S::Warning,
                S::Warning,
                S::Error,
                S::Critical,
                S::Unknown(5)
            ]
        );
        assert_eq!(
            read(Platform::Detect),
            [
                S::Info,
                S::Warning,
                S::Ambiguous(2),
                S::Error,
                S::Critical,
                S::Unknown(5)
            ]
        );
        assert_eq!(S::from_description("warn"), Some(S::Warning));
        assert_eq!(S::from_description("ERROR"), Some(S::Error));
        assert_eq!(serde_json::to_string(&S::Critical).unwrap(), "4");
        assert_eq!(serde_json::to_string(&S::Ambiguous(2)).unwrap(), "null");
    }

    #[test]
    fn unknown_codes_are_kept() {
        assert_eq!(EventType::from_code(3), EventType::CreatePdpContext);
        assert_eq!(EventType::from_code(77), EventType::Unknown(77));
        assert_eq!(EventType::from_code(77).code(), 77);
        assert_eq!(RatType::from_code(42), RatType::Unknown(42));
        assert_eq!(RatType::from_name("NB-IoT"), Some(RatType::NbIot));
        assert_eq!(RatType::from_name("EUTRAN-NB-IoT"), Some(RatType::NbIot));
        assert_eq!(RatType::from_name("NR"), Some(RatType::Nr));
        assert_eq!(
            RatType::from_name_lenient("6G-sat"),
            RatType::UnknownName("6G-sat".into())
        );
        assert_eq!(
            DeliveryStatus::from_text("queued"),
            DeliveryStatus::Unknown("queued".into())
        );
    }
}
