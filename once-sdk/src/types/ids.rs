//! Validated identifiers: [`Iccid`], [`Imsi`], [`Imei`], [`Msisdn`].
//!
//! Parsing (`"...".parse::<Iccid>()`) is strict and names the rule a value
//! broke. Values decoded from 1NCE responses are taken as they come: the
//! server is the source of truth, and one odd IMEI must not fail a page of 100
//! SIMs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValidationError;

/// True when the digits pass the Luhn (mod 10) check, the last digit being the
/// check digit.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The Luhn check digit for `digits` (the payload without its check digit).
pub fn luhn_check_digit(digits: &str) -> Option<u8> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (0..=9u8).find(|d| luhn_valid(&format!("{digits}{d}")))
}

fn only_digits(field: &'static str, s: &str) -> Result<(), ValidationError> {
    if s.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if let Some(c) = s.chars().find(|c| !c.is_ascii_digit()) {
        return Err(ValidationError::new(
            field,
            format!("must contain digits only, found {c:?}"),
        ));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Wraps a value without validating it. Use for values that come
            /// from 1NCE itself; parse user input with `str::parse` instead.
            pub fn new_unchecked(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The API field name used in validation errors.
            pub const FIELD: &'static str = $field;
        }

        impl FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let check: fn(&str) -> Result<(), ValidationError> = $check;
                check(s)?;
                Ok(Self(s.to_string()))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValidationError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
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

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        /// Lenient: accepts any string or number the server sends.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::types::de::string_or_number(d).map(Self)
            }
        }
    };
}

id_type!(
    /// An ICCID, the number printed on the SIM card: 19 digits (as 1NCE
    /// addresses SIMs), or 20 digits with the Luhn check digit, starting with
    /// the telecom prefix `89`.
    ///
    /// ```
    /// let iccid: once_sdk::Iccid = "8988280666000000000".parse()?;
    /// assert_eq!(iccid.as_str(), "8988280666000000000");
    /// assert!("1234".parse::<once_sdk::Iccid>().is_err());
    /// # Ok::<(), once_sdk::ValidationError>(())
    /// ```
    Iccid,
    "iccid",
    |s| {
        only_digits("iccid", s)?;
        if !(19..=20).contains(&s.len()) {
            return Err(ValidationError::new(
                "iccid",
                format!("must be 19 digits (or 20 with the Luhn check digit), got {}", s.len()),
            ));
        }
        if !s.starts_with("89") {
            return Err(ValidationError::new("iccid", "must start with 89 (the telecom industry prefix)"));
        }
        if s.len() == 20 && !luhn_valid(s) {
            return Err(ValidationError::new("iccid", "20-digit ICCID fails the Luhn check"));
        }
        Ok(())
    }
);

id_type!(
    /// An IMSI, the subscriber identity on the SIM: 6 to 15 digits.
    Imsi,
    "imsi",
    |s| {
        only_digits("imsi", s)?;
        if !(6..=15).contains(&s.len()) {
            return Err(ValidationError::new("imsi", format!("must be 6 to 15 digits, got {}", s.len())));
        }
        Ok(())
    }
);

id_type!(
    /// An IMEI, the device identity: 15 digits whose last is the Luhn check
    /// digit, or a 16-digit IMEISV (as 1NCE reports it).
    ///
    /// ```
    /// assert!("490154203237518".parse::<once_sdk::Imei>().is_ok());
    /// assert!("490154203237519".parse::<once_sdk::Imei>().is_err()); // bad check digit
    /// assert!("4901542032375101".parse::<once_sdk::Imei>().is_ok()); // IMEISV
    /// ```
    Imei,
    "imei",
    |s| {
        only_digits("imei", s)?;
        match s.len() {
            15 if luhn_valid(s) => Ok(()),
            15 => Err(ValidationError::new("imei", "15-digit IMEI fails the Luhn check")),
            16 => Ok(()),
            n => Err(ValidationError::new("imei", format!("must be 15 digits (with Luhn check digit) or 16 digits (IMEISV), got {n}"))),
        }
    }
);

id_type!(
    /// An MSISDN, the SIM's phone number in international format without `+`:
    /// 7 to 15 digits (E.164).
    Msisdn,
    "msisdn",
    |s| {
        only_digits("msisdn", s)?;
        if !(7..=15).contains(&s.len()) {
            return Err(ValidationError::new("msisdn", format!("must be 7 to 15 digits (E.164), got {}", s.len())));
        }
        Ok(())
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn_valid("490154203237518"));
        assert!(!luhn_valid("490154203237517"));
        assert_eq!(luhn_check_digit("49015420323751"), Some(8));
        assert!(!luhn_valid("4901542032375x8"));
        assert!(!luhn_valid(""));
    }

    #[test]
    fn iccid_rules_name_field_and_rule() {
        let e = "89882806660000000x0".parse::<Iccid>().unwrap_err();
        assert_eq!(e.field, "iccid");
        assert!(e.rule.contains("digits only"), "{}", e.rule);
        let e = "898828066600".parse::<Iccid>().unwrap_err();
        assert!(e.rule.contains("19 digits"), "{}", e.rule);
        let e = "1188280666000000000".parse::<Iccid>().unwrap_err();
        assert!(e.rule.contains("89"), "{}", e.rule);
        assert!("8988280666000000000".parse::<Iccid>().is_ok());
    }

    #[test]
    fn imei_rules() {
        assert!("490154203237518".parse::<Imei>().is_ok());
        let e = "490154203237519".parse::<Imei>().unwrap_err();
        assert!(e.rule.contains("Luhn"));
        assert!("0000000000000018".parse::<Imei>().is_ok());
        assert!("12345".parse::<Imei>().is_err());
    }

    #[test]
    fn decoding_is_lenient() {
        let i: Imei = serde_json::from_str("\"not-an-imei\"").unwrap();
        assert_eq!(i.as_str(), "not-an-imei");
        let i: Imei = serde_json::from_str("18").unwrap();
        assert_eq!(i.as_str(), "18");
    }
}

/// Identifiers that can be built from a server value without validation.
pub(crate) trait LenientId: Sized {
    fn from_server(s: String) -> Self;
}

macro_rules! lenient {
    ($($t:ident),*) => {$(
        impl LenientId for $t {
            fn from_server(s: String) -> Self {
                $t(s)
            }
        }
    )*};
}
lenient!(Iccid, Imsi, Imei, Msisdn);

/// An optional identifier from the server: absent, `null` and `""` are `None`,
/// anything else is kept as sent.
pub(crate) fn opt_id<'de, D: Deserializer<'de>, T: LenientId>(d: D) -> Result<Option<T>, D::Error> {
    Ok(crate::types::de::opt_string(d)?.map(T::from_server))
}
