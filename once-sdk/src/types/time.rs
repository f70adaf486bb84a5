//! [`Timestamp`]: a UTC instant decoded from every shape 1NCE sends.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use std::sync::LazyLock;

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{DateTime, Datelike, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time, in UTC.
///
/// Decodes all the shapes the 1NCE specs and real responses use:
/// `2018-03-09T07:59:09.000+0000`, `2029-01-01T00:00:00.000Z`,
/// `2018-03-14T16:10:29Z`, zone-less `2031-11-26 00:00:00` (taken as UTC), and
/// plain dates `2031-11-26` (midnight UTC). Encodes as RFC 3339.
///
/// ```
/// let t: once_sdk::Timestamp = "2018-03-09T07:59:09.000+0000".parse()?;
/// assert_eq!(t.to_rfc3339(), "2018-03-09T07:59:09+00:00");
/// let t: once_sdk::Timestamp = "2031-11-26 00:00:00".parse()?;
/// assert_eq!(t.to_rfc3339(), "2031-11-26T00:00:00+00:00");
/// # Ok::<(), once_sdk::ValidationError>(())
/// ```
#[derive(Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// The timestamp of an instant (also `Timestamp::from(datetime)`).
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(at)
    }

    /// The instant as a chrono `DateTime<Utc>`.
    pub fn as_datetime(&self) -> DateTime<Utc> {
        self.0
    }

    /// Parses any of the accepted shapes; `None` if none fits, or if the
    /// instant is outside the years 0000 to 9999 (UTC), which RFC 3339, and
    /// so the SDK's own encoding, cannot write.
    pub fn parse_lenient(s: &str) -> Option<Self> {
        Self::parse_any(s).filter(|t| (0..=9999).contains(&t.0.year()))
    }

    fn parse_any(s: &str) -> Option<Self> {
        let s = s.trim();
        // 1NCE's usual `+0000` has no colon, which RFC 3339 requires: such
        // a string goes straight to the layouts below (trying RFC 3339 first
        // was a third of its parsing).
        if !ends_with_colonless_offset(s) {
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Some(Self(t.with_timezone(&Utc)));
            }
        }
        let formats = &*FORMATS;
        // Offsets without a colon (+0000), with or without fraction, 'T' or ' '.
        for items in &formats.with_offset {
            if let Some(t) = parse_with(s, items).and_then(|p| p.to_datetime().ok()) {
                return Some(Self(t.with_timezone(&Utc)));
            }
        }
        // Zone-less: taken as UTC.
        for items in &formats.zoneless {
            if let Some(t) =
                parse_with(s, items).and_then(|p| p.to_naive_datetime_with_offset(0).ok())
            {
                return Some(Self(Utc.from_utc_datetime(&t)));
            }
        }
        if let Some(d) = parse_with(s, &formats.date).and_then(|p| p.to_naive_date().ok()) {
            return d
                .and_hms_opt(0, 0, 0)
                .map(|t| Self(Utc.from_utc_datetime(&t)));
        }
        // Epoch milliseconds, as some gateways send.
        if s.len() >= 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            return s
                .parse::<i64>()
                .ok()
                .and_then(|ms| Utc.timestamp_millis_opt(ms).single())
                .map(Self);
        }
        None
    }
}

/// Whether `s` ends with a numeric offset without a colon (`+0000`,
/// `-0200`).
fn ends_with_colonless_offset(s: &str) -> bool {
    match s.as_bytes() {
        [.., sign, h1, h2, m1, m2] => {
            matches!(sign, b'+' | b'-') && [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// The layouts [`Timestamp`] accepts besides RFC 3339, parsed from their
/// strftime strings once (parsing the format string on every timestamp
/// was most of a timestamp's decode time).
struct Formats {
    with_offset: Vec<Vec<Item<'static>>>,
    zoneless: Vec<Vec<Item<'static>>>,
    date: Vec<Item<'static>>,
}

static FORMATS: LazyLock<Formats> = LazyLock::new(|| {
    let items = |f: &'static str| StrftimeItems::new(f).parse().unwrap_or_default();
    Formats {
        with_offset: [
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%dT%H:%M:%S%z",
            "%Y-%m-%d %H:%M:%S%.f%z",
            "%Y-%m-%d %H:%M:%S%z",
        ]
        .map(items)
        .into(),
        zoneless: [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ]
        .map(items)
        .into(),
        date: items("%Y-%m-%d"),
    }
});

/// `s` read with `items`, the whole of it; `None` if it does not fit.
fn parse_with(s: &str, items: &[Item<'static>]) -> Option<Parsed> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, s, items.iter())
        .ok()
        .map(|()| parsed)
}

impl Deref for Timestamp {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Self(t)
    }
}

impl From<Timestamp> for DateTime<Utc> {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl FromStr for Timestamp {
    type Err = crate::ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_lenient(s).ok_or_else(|| {
            crate::ValidationError::new(
                "timestamp",
                format!("{s:?} is not a date or date-time 1NCE uses (e.g. 2018-03-14T16:10:29Z)"),
            )
        })
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.0.to_rfc3339())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = crate::types::de::text(d)?;
        Self::parse_lenient(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unrecognised timestamp {s:?}")))
    }
}

/// `Option<Timestamp>` where an empty string or an unparseable value counts
/// as absent (the field is informative; it must not fail a whole response).
pub(crate) fn opt_timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Timestamp>, D::Error> {
    let s = crate::types::de::opt_text(d)?;
    Ok(s.and_then(|s| Timestamp::parse_lenient(&s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_without_a_colon_is_told_apart() {
        for s in [
            "2018-03-09T07:59:09.000+0000",
            "2018-03-09 07:59:09-0200",
            "+0100",
        ] {
            assert!(ends_with_colonless_offset(s), "{s}");
        }
        for s in [
            "2018-03-09T07:59:09+01:00",
            "2029-01-01T00:00:00.000Z",
            "2031-11-26",
            "2018-03-09T07:59",
            "1520582349000",
            "+010",
            "",
        ] {
            assert!(!ends_with_colonless_offset(s), "{s}");
        }
    }

    #[test]
    fn every_shape() {
        let cases = [
            ("2018-03-09T07:59:09.000+0000", "2018-03-09T07:59:09+00:00"),
            ("2029-01-01T00:00:00.000Z", "2029-01-01T00:00:00+00:00"),
            ("2018-03-14T16:10:29Z", "2018-03-14T16:10:29+00:00"),
            ("2018-03-14T18:10:29+02:00", "2018-03-14T16:10:29+00:00"),
            ("2031-11-26 00:00:00", "2031-11-26T00:00:00+00:00"),
            ("2023-08-06 09:59:05", "2023-08-06T09:59:05+00:00"),
            ("2031-11-26", "2031-11-26T00:00:00+00:00"),
            ("2018-03-09T07:59:09.000+0100", "2018-03-09T06:59:09+00:00"),
            // The other shapes `FORMATS` is there for: a layout whose
            // format string did not parse would match nothing.
            ("2018-03-09T07:59:09+0100", "2018-03-09T06:59:09+00:00"),
            (
                "2018-03-09 07:59:09.250+0000",
                "2018-03-09T07:59:09.250+00:00",
            ),
            ("2018-03-09 07:59:09-0200", "2018-03-09T09:59:09+00:00"),
            ("2018-03-09T07:59:09.5", "2018-03-09T07:59:09.500+00:00"),
            ("2018-03-09T07:59", "2018-03-09T07:59:00+00:00"),
            ("2018-03-09 07:59", "2018-03-09T07:59:00+00:00"),
        ];
        for (input, want) in cases {
            let t: Timestamp = serde_json::from_value(serde_json::json!(input)).unwrap();
            assert_eq!(t.to_rfc3339(), want, "input {input}");
        }
        assert!("yesterday".parse::<Timestamp>().is_err());
    }
}
