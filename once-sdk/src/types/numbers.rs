//! Numeric identifiers: [`OrderNumber`] and [`SmsId`].
//!
//! Both are plain positive integers at 1NCE; the newtypes keep an order
//! number from being passed where an SMS id is expected (and the other way
//! round). Both convert from `u64`, so `client.orders().get(1234)` reads as
//! before.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! number_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(u64);

        impl $name {
            /// The id with this number.
            pub const fn new(n: u64) -> Self {
                Self(n)
            }

            /// The number.
            pub const fn get(self) -> u64 {
                self.0
            }
        }

        impl From<u64> for $name {
            fn from(n: u64) -> Self {
                Self(n)
            }
        }

        impl From<$name> for u64 {
            fn from(id: $name) -> u64 {
                id.0
            }
        }

        impl PartialEq<u64> for $name {
            fn eq(&self, other: &u64) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<u64>().map(Self).map_err(|_| {
                    crate::error::ValidationError::new(
                        $what,
                        format!("must be a non-negative integer, got {s:?}"),
                    )
                })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// A number, or a string holding one (as 1NCE sometimes sends ids).
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                match super::de::opt_u64(d)? {
                    Some(n) => Ok(Self(n)),
                    None => Err(serde::de::Error::custom(concat!("expected ", $what, ", got nothing"))),
                }
            }
        }

        impl $name {
            /// Lenient decoding of an optional id: a number, a string
            /// holding one, an empty string or `null` (`None`).
            pub(crate) fn opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
                Ok(super::de::opt_u64(d)?.map(Self))
            }
        }
    };
}

number_id!(
    /// The number of an order (`order_number`), as in
    /// `client.orders().get(number)`.
    ///
    /// ```
    /// use once_sdk::OrderNumber;
    /// let n = OrderNumber::from(1234);
    /// assert_eq!(n.get(), 1234);
    /// assert_eq!(n.to_string(), "1234");
    /// assert_eq!("1234".parse::<OrderNumber>().unwrap(), n);
    /// ```
    OrderNumber,
    "order_number"
);

number_id!(
    /// The id 1NCE gives an SMS, as in `client.sms().get(&iccid, id)`.
    ///
    /// ```
    /// use once_sdk::SmsId;
    /// let id = SmsId::new(42);
    /// assert_eq!(id, 42);
    /// assert_eq!(serde_json::to_string(&id).unwrap(), "42");
    /// ```
    SmsId,
    "id"
);
