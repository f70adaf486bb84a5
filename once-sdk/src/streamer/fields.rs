//! One record's fields, nested or flat, under one set of flat names.
//!
//! The classic Data Streamer docs show nested JSON (`endpoint.imei`), the
//! Platform 2.0 migration tables name the same fields flat
//! (`endpoint_imei`). Flattening nested objects with `_` between the names
//! turns both layouts into the same keys, so every field is looked up once.

use std::collections::HashMap;

use serde_json::Value;

use crate::types::Timestamp;

/// Deepest nesting flattened; deeper objects are kept as leaves.
const MAX_DEPTH: usize = 8;

/// Why a record's field could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: String,
    pub rule: String,
}

impl FieldError {
    pub fn new(field: &str, rule: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            rule: rule.into(),
        }
    }
}

pub(crate) type FieldResult<T> = Result<T, FieldError>;

/// A record's fields under their flat names.
pub(crate) struct Fields<'a> {
    map: HashMap<String, &'a Value>,
}

impl<'a> Fields<'a> {
    pub fn new(record: &'a serde_json::Map<String, Value>) -> Self {
        let mut map = HashMap::with_capacity(64);
        let mut prefix = String::new();
        flatten(&mut prefix, record, &mut map, 0);
        Self { map }
    }

    /// The first of `keys` present with a value other than `null`.
    pub fn get(&self, keys: &[&str]) -> Option<(&str, &'a Value)> {
        keys.iter().find_map(|k| {
            self.map
                .get_key_value(*k)
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.as_str(), *v))
        })
    }

    /// True when any key starts with one of `prefixes`.
    pub fn has_prefix(&self, prefixes: &[&str]) -> bool {
        self.map
            .iter()
            .any(|(k, v)| !v.is_null() && prefixes.iter().any(|p| k.starts_with(p)))
    }

    /// The value of a key that starts with `prefix` and ends with `suffix`
    /// (the GTP-version location fields of Platform 2.0).
    pub fn get_matching(&self, prefix: &str, suffix: &str) -> Option<&'a Value> {
        let mut found: Vec<(&String, &&Value)> = self
            .map
            .iter()
            .filter(|(k, v)| !v.is_null() && k.starts_with(prefix) && k.ends_with(suffix))
            .collect();
        // Deterministic: the shortest name, then alphabetical.
        found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(b.0)));
        found.first().map(|(_, v)| **v)
    }

    /// Text of a string or number field; empty strings count as absent.
    pub fn text(&self, keys: &[&str]) -> FieldResult<Option<String>> {
        match self.get(keys) {
            None => Ok(None),
            Some((k, v)) => text(k, v),
        }
    }

    /// Text of a string or number field, lenient: other types count as absent.
    pub fn text_lenient(&self, keys: &[&str]) -> Option<String> {
        self.text(keys).ok().flatten()
    }

    /// An integer sent as a number or a string.
    pub fn int(&self, keys: &[&str]) -> FieldResult<Option<i64>> {
        match self.get(keys) {
            None => Ok(None),
            Some((k, v)) => int(k, v),
        }
    }

    /// A decimal sent as a number or a string.
    pub fn decimal(&self, keys: &[&str]) -> FieldResult<Option<f64>> {
        match self.get(keys) {
            None => Ok(None),
            Some((k, v)) => decimal(k, v),
        }
    }

    /// A boolean sent as `true`/`false`, `"true"`/`"false"` or 1/0.
    pub fn boolean(&self, keys: &[&str]) -> FieldResult<Option<bool>> {
        match self.get(keys) {
            None => Ok(None),
            Some((_, Value::Bool(b))) => Ok(Some(*b)),
            Some((k, v)) => match text(k, v)?.as_deref().map(str::to_ascii_lowercase) {
                None => Ok(None),
                Some(s) if s == "true" || s == "1" => Ok(Some(true)),
                Some(s) if s == "false" || s == "0" => Ok(Some(false)),
                Some(s) => Err(FieldError::new(k, format!("expected a boolean, got {s:?}"))),
            },
        }
    }

    /// A timestamp in any shape 1NCE writes (zone-less ones taken as UTC).
    pub fn timestamp(&self, keys: &[&str]) -> FieldResult<Option<Timestamp>> {
        match self.get(keys) {
            None => Ok(None),
            Some((k, v)) => match text(k, v)? {
                None => Ok(None),
                Some(s) => Timestamp::parse_lenient(&s).map(Some).ok_or_else(|| {
                    FieldError::new(k, format!("{s:?} is not an ISO 8601 date-time"))
                }),
            },
        }
    }

    /// A list of strings (a JSON array, or one string or number).
    pub fn text_list(&self, keys: &[&str]) -> Vec<String> {
        match self.get(keys) {
            None => Vec::new(),
            Some((_, Value::Array(items))) => items
                .iter()
                .filter_map(|v| text("", v).ok().flatten())
                .collect(),
            Some((k, v)) => text(k, v).ok().flatten().into_iter().collect(),
        }
    }
}

fn flatten<'a>(
    prefix: &mut String,
    object: &'a serde_json::Map<String, Value>,
    out: &mut HashMap<String, &'a Value>,
    depth: usize,
) {
    for (name, value) in object {
        let len = prefix.len();
        if !prefix.is_empty() {
            prefix.push('_');
        }
        prefix.push_str(name);
        match value {
            Value::Object(inner) if depth < MAX_DEPTH && !inner.is_empty() => {
                flatten(prefix, inner, out, depth + 1);
            }
            _ => {
                // The flat spelling wins over a nested one of the same name.
                out.entry(prefix.clone()).or_insert(value);
            }
        }
        prefix.truncate(len);
    }
}

fn text(key: &str, v: &Value) -> FieldResult<Option<String>> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Array(_) => Err(FieldError::new(key, "expected a string, got a list")),
        Value::Object(_) => Err(FieldError::new(key, "expected a string, got an object")),
    }
}

fn decimal(key: &str, v: &Value) -> FieldResult<Option<f64>> {
    let parsed = match v {
        Value::Number(n) => n.as_f64(),
        _ => match text(key, v)? {
            None => return Ok(None),
            Some(s) => s.trim().parse::<f64>().ok(),
        },
    };
    match parsed {
        Some(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(FieldError::new(key, format!("expected a number, got {v}"))),
    }
}

fn int(key: &str, v: &Value) -> FieldResult<Option<i64>> {
    if let Some(i) = v.as_i64() {
        return Ok(Some(i));
    }
    if let Value::String(s) = v {
        if let Ok(i) = s.trim().parse::<i64>() {
            return Ok(Some(i));
        }
    }
    match decimal(key, v)? {
        None => Ok(None),
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Some(_) => Err(FieldError::new(
            key,
            format!("expected an integer, got {v}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_flat_give_the_same_keys() {
        let nested =
            serde_json::json!({"endpoint": {"imei": "1", "tags": null}, "a": {"b": {"c": 3}}});
        let flat = serde_json::json!({"endpoint_imei": "1", "a_b_c": "3"});
        for v in [nested, flat] {
            let f = Fields::new(v.as_object().unwrap());
            assert_eq!(f.text(&["endpoint_imei"]).unwrap().as_deref(), Some("1"));
            assert_eq!(f.int(&["a_b_c"]).unwrap(), Some(3));
            assert_eq!(f.text(&["endpoint_tags"]).unwrap(), None);
        }
    }

    #[test]
    fn wrong_types_name_the_field() {
        let v = serde_json::json!({"volume": {"total": "abc"}, "n": 1.5, "t": "soon"});
        let f = Fields::new(v.as_object().unwrap());
        assert_eq!(
            f.decimal(&["volume_total"]).unwrap_err().field,
            "volume_total"
        );
        assert_eq!(f.int(&["n"]).unwrap_err().field, "n");
        assert_eq!(f.timestamp(&["t"]).unwrap_err().field, "t");
    }
}
