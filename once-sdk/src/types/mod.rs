//! Models of the 1NCE API: identifiers, timestamps and the request and
//! response types of each area.

pub mod connectivity;
pub(crate) mod de;
pub mod event;
pub mod ids;
pub mod numbers;
pub mod order;
pub mod os;
pub mod product;
pub mod sim;
pub mod sms;
pub mod sms_record;
pub(crate) mod strict;
pub mod support;
pub mod time;
pub mod top_up;
pub mod v1;

pub use connectivity::*;
pub use event::*;
pub use ids::{Iccid, Imei, Imsi, Msisdn};
pub use numbers::{OrderNumber, SmsId};
pub use order::*;
pub use os::*;
pub use product::*;
pub use sim::*;
pub use sms::*;
pub use sms_record::*;
pub use support::*;
pub use time::Timestamp;
pub use top_up::*;

/// A value 1NCE sent that this version of the SDK has no variant for, kept
/// as sent (the `Unknown` variant of every enum of the API).
///
/// It is opaque on purpose: code cannot match it against a string that a
/// later release turns into a variant of its own (which would silently stop
/// matching). Read it with [`as_str`](Self::as_str); build one by parsing
/// (`"Suspended".parse::<SimStatus>()`).
///
/// ```
/// use once_sdk::SimStatus;
/// let status: SimStatus = "Suspended".parse().unwrap();
/// match &status {
///     SimStatus::Enabled | SimStatus::Disabled => unreachable!(),
///     SimStatus::Unknown(v) => assert_eq!(v.as_str(), "Suspended"),
///     _ => unreachable!(),
/// }
/// assert_eq!(status.as_str(), "Suspended");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as 1NCE sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Defines a string enum that keeps values it does not know as
/// `Unknown(UnknownValue)`, so a new status at 1NCE never breaks decoding.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version of the SDK does not know, kept as sent
            /// (opaque: read it with `as_str()`).
            Unknown($crate::types::UnknownValue),
        }

        impl $name {
            /// Every value this version knows: the variant's name and the
            /// value as 1NCE spells it on the wire (for bindings that mirror
            /// the enum, such as the Python wheel's).
            pub const VARIANTS: &'static [(&'static str, &'static str)] =
                &[$((stringify!($variant), $wire)),+];

            /// The value as 1NCE spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(s) => s.as_str(),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($wire $(| $alias)* => $name::$variant,)+
                    other => {
                        $(if other.eq_ignore_ascii_case($wire) { return Ok($name::$variant); })+
                        $name::Unknown($crate::types::UnknownValue::new(other))
                    }
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = crate::types::de::text(d)?;
                Ok(s.parse().unwrap_or_else(|never: std::convert::Infallible| match never {}))
            }
        }
    };
}
pub(crate) use string_enum;
