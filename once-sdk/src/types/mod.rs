//! Models of the 1NCE API: identifiers, timestamps and the request and
//! response types of each area.

pub mod connectivity;
pub(crate) mod de;
pub mod event;
pub mod ids;
pub mod order;
pub mod product;
pub mod sim;
pub mod sms;
pub mod sms_record;
pub mod support;
pub mod time;
pub mod top_up;
pub mod v1;

pub use connectivity::*;
pub use event::*;
pub use ids::{Iccid, Imei, Imsi, Msisdn};
pub use order::*;
pub use product::*;
pub use sim::*;
pub use sms::*;
pub use sms_record::*;
pub use support::*;
pub use time::Timestamp;
pub use top_up::*;

/// Defines a string enum that keeps values it does not know as
/// `Unknown(String)`, so a new status at 1NCE never breaks decoding.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $wire:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version of the SDK does not know, kept as sent.
            Unknown(String),
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
                        $name::Unknown(other.to_string())
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
                let s = crate::types::de::string_or_number(d)?;
                Ok(s.parse().unwrap_or_else(|never: std::convert::Infallible| match never {}))
            }
        }
    };
}
pub(crate) use string_enum;
