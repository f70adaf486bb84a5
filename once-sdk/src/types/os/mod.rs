//! Models of 1NCE OS (`1nce-os.yml`): the device platform on the same host
//! and token as the Management API. One file per area of the document:
//! [`devices`] (IoT Integrator: endpoints, actions, pre-shared keys),
//! [`inspect`] (Device Inspector), [`locate`] (Device Locator),
//! [`optimize`] (Optimizer), [`clouds`] (cloud integrations), [`plugins`]
//! (partner plugins) and [`admin`] (settings, agreements, administration
//! logs).
//!
//! Every model is `#[non_exhaustive]` with optional fields (unknown fields
//! are ignored, unknown enum values kept); the request models have a `new`
//! with the fields 1NCE requires. Device secrets (pre-shared keys, partner
//! keys, webhook header values) are [`Secret`]s: redacted in `Debug`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub mod admin;
pub mod clouds;
pub mod devices;
pub mod inspect;
pub mod locate;
pub mod optimize;
pub mod plugins;

pub use admin::*;
pub use clouds::*;
pub use devices::*;
pub use inspect::*;
pub use locate::*;
pub use optimize::*;
pub use plugins::*;

/// Defines a 1NCE OS model: a `#[non_exhaustive]` struct whose fields are
/// all optional (`rename`d to their wire names, left out when `None`).
macro_rules! os_model {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty = $wire:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(default, rename = $wire, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }
    };
}
pub(crate) use os_model;

/// Defines an identifier of 1NCE OS: an opaque string, decoded from a JSON
/// string or number (a number above 2^53 keeps every digit).
macro_rules! os_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The id as 1NCE spells it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        /// Lenient: any string or number the server sends, digits kept.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::types::de::string_or_number(d).map(Self)
            }
        }
    };
}

os_id!(
    /// A device of 1NCE OS (`deviceId`; 1NCE derives it from the SIM).
    DeviceId
);
os_id!(
    /// A device action request (`requestId`), from sending an action.
    ActionRequestId
);
os_id!(
    /// A cloud integration (AWS or webhook).
    IntegrationId
);
os_id!(
    /// An energy-saver translation template.
    TemplateId
);
os_id!(
    /// A geofence of the Device Locator.
    GeofenceId
);
os_id!(
    /// A partner plugin.
    PluginId
);
os_id!(
    /// An administration log entry.
    AdminLogId
);
os_id!(
    /// A pre-shared-key job.
    PskJobId
);

/// A device or cloud secret (a pre-shared key, a partner's key or token, a
/// webhook's custom header value): sent and decoded as plain text, shown as
/// `[redacted]` by `Debug` and `Display`. Read it with
/// [`expose`](Self::expose).
///
/// ```
/// use once_sdk::Secret;
/// let key = Secret::new("s3cr3t-psk");
/// assert_eq!(format!("{key:?}"), "Secret([redacted])");
/// assert_eq!(key.expose(), "s3cr3t-psk");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself: only where it is meant to be seen.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self(s.to_string())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::types::de::string_or_number(d).map(Self)
    }
}

/// A webhook integration's static custom headers (name to value). The
/// values are secrets (API keys, basic credentials): `Debug` shows the
/// names only.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebhookHeaders(BTreeMap<String, Secret>);

impl WebhookHeaders {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// With header `name` set to `value`.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        self.0.insert(name.into(), value.into());
        self
    }

    /// The value of header `name`.
    pub fn get(&self, name: &str) -> Option<&Secret> {
        self.0.get(name)
    }

    /// Every header, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Secret)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of headers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no headers.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for WebhookHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|k| (k, "[redacted]")))
            .finish()
    }
}

crate::types::string_enum!(
    /// A device protocol of 1NCE OS.
    OsProtocol {
        /// Plain UDP.
        Udp = "UDP",
        /// CoAP (over DTLS with a pre-shared key, or plain).
        Coap = "COAP",
        /// LwM2M.
        Lwm2m = "LWM2M",
    }
);

crate::types::string_enum!(
    /// Enabled or disabled (endpoint settings, 1NCE OS settings).
    SettingState {
        /// On.
        Enabled = "ENABLED",
        /// Off.
        Disabled = "DISABLED",
    }
);

crate::types::string_enum!(
    /// The outcome of restarting or testing an integration or plugin.
    OutcomeStatus {
        /// It worked.
        Success = "SUCCESS",
        /// It failed; see the message.
        Failure = "FAILURE",
    }
);

/// One page of a 1NCE OS list as 1NCE sends it: the items (`items`, or
/// `coordinates` for positions), this page's number and the number of
/// pages.
#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub(crate) struct BodyPage<T> {
    #[serde(default = "none", alias = "coordinates")]
    pub items: Option<Vec<T>>,
    #[serde(default, deserialize_with = "crate::types::de::opt_u64")]
    pub page: Option<u64>,
    #[serde(
        default,
        rename = "pageAmount",
        deserialize_with = "crate::types::de::opt_u64"
    )]
    pub page_amount: Option<u64>,
}

fn none<T>() -> Option<T> {
    None
}
