//! A record as sent: a slice of one shared copy of the request body.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// One record's JSON text exactly as 1NCE sent it.
///
/// Every record of a batch points into one shared copy of the body, so
/// keeping the raw records costs one copy of the body, not a tree of
/// values per record. [`as_str`](Self::as_str) is valid JSON (an object
/// for every decoded record); [`to_value`](Self::to_value) parses it when
/// you need a `serde_json::Value`.
#[derive(Clone)]
pub struct RawRecord {
    body: Arc<str>,
    range: Range<usize>,
}

impl RawRecord {
    pub(crate) fn new(body: Arc<str>, range: Range<usize>) -> Self {
        Self { body, range }
    }

    /// A raw record from JSON text you hold (e.g. read back from storage).
    /// Fails when `json` is not valid JSON.
    pub fn from_json(json: impl Into<String>) -> Result<Self, serde_json::Error> {
        let json = json.into();
        serde_json::from_str::<serde::de::IgnoredAny>(&json)?;
        let len = json.len();
        Ok(Self {
            body: Arc::from(json),
            range: 0..len,
        })
    }

    /// The record's JSON text.
    pub fn as_str(&self) -> &str {
        // The range was cut at value boundaries of this very text.
        self.body.get(self.range.clone()).unwrap_or_default()
    }

    /// The record's JSON bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.as_str().as_bytes()
    }

    /// The record parsed into a `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        // Valid JSON by construction; a parse failure cannot happen.
        serde_json::from_str(self.as_str()).unwrap_or(serde_json::Value::Null)
    }
}

impl PartialEq for RawRecord {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for RawRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawRecord({})", self.as_str())
    }
}

impl fmt::Display for RawRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Default for RawRecord {
    fn default() -> Self {
        Self {
            body: Arc::from("null"),
            range: 0..4,
        }
    }
}

/// Serialized as the JSON it holds (not as a string).
impl Serialize for RawRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(self.as_str().to_string()) {
            Ok(raw) => raw.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}
