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

code_enum!(
    /// The radio access technology of a session (`rat_type`).
    RatType {
        /// 3G / UTRAN (1).
        Utran = 1,
        /// 2G / GERAN (2).
        Geran = 2,
        /// HSPA+ (5).
        HspaEvolution = 5,
        /// LTE / E-UTRAN (6); CAT-M is often reported as 6 too.
        Eutran = 6,
        /// NB-IoT (8).
        NbIot = 8,
        /// LTE-M / CAT-M (9).
        LteM = 9,
    }
);

impl RatType {
    /// From a name when a text was sent instead of a code (`"LTE"`, `"NB-IoT"`).
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
            "nbiot" => Self::NbIot,
            "catm" | "ltem" | "catm1" => Self::LteM,
            _ => return None,
        })
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
    }
);

code_enum!(
    /// How serious an event is (`event_severity.id`).
    EventSeverity {
        /// INFO (0).
        Info = 0,
        /// WARNING (1).
        Warning = 1,
        /// CRITICAL (2).
        Critical = 2,
    }
);

impl EventSeverity {
    /// From a description when no id was sent (`"WARNING"`).
    pub fn from_description(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "INFO" => Some(Self::Info),
            "WARNING" | "WARN" => Some(Self::Warning),
            "CRITICAL" => Some(Self::Critical),
            _ => None,
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
    fn unknown_codes_are_kept() {
        assert_eq!(EventType::from_code(3), EventType::CreatePdpContext);
        assert_eq!(EventType::from_code(77), EventType::Unknown(77));
        assert_eq!(EventType::from_code(77).code(), 77);
        assert_eq!(RatType::from_code(42), RatType::Unknown(42));
        assert_eq!(RatType::from_name("NB-IoT"), Some(RatType::NbIot));
        assert_eq!(
            DeliveryStatus::from_text("queued"),
            DeliveryStatus::Unknown("queued".into())
        );
    }
}
