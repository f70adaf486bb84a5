//! SMS to send (the request body shared by SIM management v1 and v2).

use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use crate::error::ValidationError;

/// The type of an SMS source address.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceAddressType {
    /// 145 international, 161 national, 208 alphanumeric.
    pub id: u16,
}

impl SourceAddressType {
    /// The type with this id (see the constants for the ones 1NCE documents).
    pub const fn new(id: u16) -> Self {
        Self { id }
    }

    /// An international number (145).
    pub const INTERNATIONAL: Self = Self { id: 145 };
    /// A national number (161).
    pub const NATIONAL: Self = Self { id: 161 };
    /// An alphanumeric sender (208).
    pub const ALPHANUMERIC: Self = Self { id: 208 };
}

/// Largest user data of one SMS, in octets.
const MAX_USER_DATA_OCTETS: usize = 140;

/// A mobile-terminated SMS to send to a device.
///
/// [`Sms::text`] sends text (DCS 0, GSM 7-bit, up to 160 characters, fewer
/// with a UDH); [`Sms::binary`] sends hex-encoded bytes (DCS 4, up to 140
/// octets including the UDH). Payloads 1NCE would reject are refused by
/// [`Sms::validate`] before anything is sent.
///
/// ```
/// use once_sdk::Sms;
/// assert!(Sms::text("ping").validate().is_ok());
/// assert!(Sms::text("x".repeat(161)).validate().is_err());
/// assert!(Sms::binary("48656c6c6f").validate().is_ok());
/// assert!(Sms::binary("4865zz").validate().is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sms {
    /// The message: text, or hex when `dcs` selects binary.
    pub payload: String,
    /// Data Coding Scheme: 0 text (GSM 7-bit), 4 binary (8-bit, hex payload),
    /// 8 UCS-2 (hex payload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dcs: Option<u8>,
    /// User Data Header as hex (e.g. `050003CC0301` for part 1 of 3 of a
    /// concatenated message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub udh: Option<String>,
    /// The sender shown on the device (any number; 1NCE does not use it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_address: Option<String>,
    /// The type of `source_address`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_address_type: Option<SourceAddressType>,
    /// When 1NCE stops trying to deliver the SMS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<Timestamp>,
}

impl Sms {
    /// A text SMS (GSM 7-bit, DCS 0).
    pub fn text(payload: impl Into<String>) -> Self {
        Self {
            payload: payload.into(),
            dcs: None,
            udh: None,
            source_address: None,
            source_address_type: None,
            expiry_date: None,
        }
    }

    /// A binary SMS: `hex` is the payload as hex digits (DCS 4).
    pub fn binary(hex: impl Into<String>) -> Self {
        Self {
            dcs: Some(4),
            ..Self::text(hex)
        }
    }

    /// Sets the Data Coding Scheme explicitly (0 text, 4 binary, 8 UCS-2).
    pub fn dcs(mut self, dcs: u8) -> Self {
        self.dcs = Some(dcs);
        self
    }

    /// Sets the User Data Header (hex).
    pub fn udh(mut self, udh: impl Into<String>) -> Self {
        self.udh = Some(udh.into());
        self
    }

    /// Sets the sender address and its type.
    pub fn source_address(mut self, address: impl Into<String>, kind: SourceAddressType) -> Self {
        self.source_address = Some(address.into());
        self.source_address_type = Some(kind);
        self
    }

    /// Sets when delivery attempts stop.
    pub fn expiry_date(mut self, at: impl Into<Timestamp>) -> Self {
        self.expiry_date = Some(at.into());
        self
    }

    /// Checks the SMS against what 1NCE accepts: payload present, `dcs`
    /// known, hex where hex is required, and the whole fitting one SMS
    /// (140 octets of user data, UDH included).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.payload.is_empty() {
            return Err(ValidationError::new("payload", "must not be empty"));
        }
        let udh_octets = match &self.udh {
            None => 0,
            Some(udh) => {
                let bytes = hex_octets("udh", udh)?;
                if bytes.is_empty() {
                    return Err(ValidationError::new("udh", "must not be empty when set"));
                }
                if usize::from(bytes[0]) != bytes.len() - 1 {
                    return Err(ValidationError::new(
                        "udh",
                        format!(
                            "first octet (UDH length) is {} but {} octets follow",
                            bytes[0],
                            bytes.len() - 1
                        ),
                    ));
                }
                bytes.len()
            }
        };
        if udh_octets >= MAX_USER_DATA_OCTETS {
            return Err(ValidationError::new(
                "udh",
                "leaves no room for the payload (140 octets in all)",
            ));
        }
        match self.dcs.unwrap_or(0) {
            0 => {
                if let Some(c) = self.payload.chars().find(|c| !is_gsm7(*c)) {
                    return Err(ValidationError::new(
                        "payload",
                        format!("{c:?} is not in the GSM 7-bit alphabet; send it as UCS-2 (dcs 8, hex payload)"),
                    ));
                }
                let septets: usize = self.payload.chars().map(gsm7_septets).sum();
                // The UDH is padded to a septet boundary.
                let max = MAX_USER_DATA_OCTETS * 8 / 7 - (udh_octets * 8).div_ceil(7);
                if septets > max {
                    return Err(ValidationError::new(
                        "payload",
                        format!(
                            "text is {septets} GSM 7-bit characters; at most {max} fit one SMS"
                        ),
                    ));
                }
            }
            4 | 8 => {
                let n = hex_octets("payload", &self.payload)?.len();
                let max = MAX_USER_DATA_OCTETS - udh_octets;
                if n > max {
                    return Err(ValidationError::new(
                        "payload",
                        format!("payload is {n} octets; at most {max} fit one SMS"),
                    ));
                }
                if self.dcs == Some(8) && n % 2 != 0 {
                    return Err(ValidationError::new(
                        "payload",
                        "UCS-2 payload must be a whole number of 2-octet characters",
                    ));
                }
            }
            d => {
                return Err(ValidationError::new(
                    "dcs",
                    format!("must be 0 (text), 4 (binary) or 8 (UCS-2), got {d}"),
                ))
            }
        }
        if let Some(addr) = &self.source_address {
            let alpha = self.source_address_type == Some(SourceAddressType::ALPHANUMERIC);
            let ok = if alpha {
                !addr.is_empty()
                    && addr.len() <= 11
                    && addr.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
            } else {
                !addr.is_empty() && addr.len() <= 15 && addr.bytes().all(|b| b.is_ascii_digit())
            };
            if !ok {
                return Err(ValidationError::new(
                    "source_address",
                    if alpha {
                        "alphanumeric sender must be 1 to 11 letters or digits"
                    } else {
                        "must be 1 to 15 digits"
                    },
                ));
            }
        }
        if let Some(t) = self.source_address_type {
            if ![145, 161, 208].contains(&t.id) {
                return Err(ValidationError::new(
                    "source_address_type",
                    format!("must be 145, 161 or 208, got {}", t.id),
                ));
            }
        }
        Ok(())
    }
}

fn hex_octets(field: &'static str, s: &str) -> Result<Vec<u8>, ValidationError> {
    if !s.len().is_multiple_of(2) {
        return Err(ValidationError::new(
            field,
            "hex string must have an even number of digits",
        ));
    }
    // Digits checked first: `u8::from_str_radix` alone takes a sign ("+0").
    fn digit(b: u8) -> Option<u8> {
        (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
    }
    s.as_bytes()
        .chunks(2)
        .map(|p| match p {
            [hi, lo] => Some((digit(*hi)? << 4) | digit(*lo)?),
            _ => None,
        })
        .map(|o| o.ok_or_else(|| ValidationError::new(field, "must be hex digits (0-9, a-f)")))
        .collect()
}

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{c}";

fn is_gsm7(c: char) -> bool {
    GSM7_BASIC.contains(c) || GSM7_EXTENDED.contains(c)
}

fn gsm7_septets(c: char) -> usize {
    if GSM7_EXTENDED.contains(c) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_limits() {
        assert!(Sms::text("a".repeat(160)).validate().is_ok());
        let e = Sms::text("a".repeat(161)).validate().unwrap_err();
        assert_eq!(e.field, "payload");
        // Extended characters take two septets.
        assert!(Sms::text("€".repeat(80)).validate().is_ok());
        assert!(Sms::text("€".repeat(81)).validate().is_err());
        // A 6-octet UDH leaves 153 characters.
        assert!(Sms::text("a".repeat(153))
            .udh("050003CC0301")
            .validate()
            .is_ok());
        assert!(Sms::text("a".repeat(154))
            .udh("050003CC0301")
            .validate()
            .is_err());
        let e = Sms::text("héllo 你").validate().unwrap_err();
        assert!(e.rule.contains("GSM"), "{}", e.rule);
        assert_eq!(Sms::text("").validate().unwrap_err().field, "payload");
    }

    #[test]
    fn binary_and_udh() {
        assert!(Sms::binary("00".repeat(140)).validate().is_ok());
        assert!(Sms::binary("00".repeat(141)).validate().is_err());
        assert!(Sms::binary("00".repeat(134))
            .udh("050003CC0301")
            .validate()
            .is_ok());
        assert!(Sms::binary("00".repeat(135))
            .udh("050003CC0301")
            .validate()
            .is_err());
        assert_eq!(Sms::binary("abc").validate().unwrap_err().field, "payload");
        assert_eq!(
            Sms::text("x").udh("0500").validate().unwrap_err().field,
            "udh"
        );
        assert_eq!(
            Sms::text("x").udh("zz").validate().unwrap_err().field,
            "udh"
        );
        assert_eq!(Sms::text("x").dcs(3).validate().unwrap_err().field, "dcs");
        assert!(Sms::text("00e9").dcs(8).validate().is_ok());
        assert!(Sms::text("00e9ff").dcs(8).validate().is_err());
    }

    #[test]
    fn source_address() {
        assert!(Sms::text("x")
            .source_address("1234567890", SourceAddressType::INTERNATIONAL)
            .validate()
            .is_ok());
        assert!(Sms::text("x")
            .source_address("1NCE", SourceAddressType::ALPHANUMERIC)
            .validate()
            .is_ok());
        let e = Sms::text("x")
            .source_address("abc", SourceAddressType::NATIONAL)
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "source_address");
    }

    #[test]
    fn wire_shape() {
        let v = serde_json::to_value(Sms::text("hi").udh("050003CC0301")).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"payload": "hi", "udh": "050003CC0301"})
        );
        let v = serde_json::to_value(
            Sms::binary("00ff").source_address("123", SourceAddressType::INTERNATIONAL),
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"payload": "00ff", "dcs": 4, "source_address": "123", "source_address_type": {"id": 145}})
        );
    }
}
