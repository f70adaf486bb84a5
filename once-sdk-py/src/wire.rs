//! The wire names of a model's fields (`iccidWithLuhn` for
//! `iccid_with_luhn`), read from its serde decoder, so that keyword
//! constructors can feed the decoder.

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The field list a derived decoder announces, carried out as an "error".
#[derive(Debug)]
struct Announced(Option<&'static [&'static str]>);

impl std::fmt::Display for Announced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names probe")
    }
}

impl std::error::Error for Announced {}

impl de::Error for Announced {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Announced(None)
    }
}

/// A decoder that decodes nothing: it only records the field names a
/// struct decoder asks for.
struct Probe;

impl<'de> Deserializer<'de> for Probe {
    type Error = Announced;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Announced> {
        Err(Announced(None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Announced> {
        Err(Announced(Some(fields)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// Lower-case letters and digits only: `iccidWithLuhn`, `iso-code` and
/// `iccid_with_luhn`, `iso_code` meet as `iccidwithluhn`, `isocode`.
fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// For each Python attribute name, the JSON key the decoder of `T` reads it
/// from: the announced field that matches it up to case and underscores, or
/// the attribute name itself.
pub(crate) fn names<'de, T: Deserialize<'de>>(
    attributes: &[&'static str],
) -> Vec<(&'static str, String)> {
    let announced = match T::deserialize(Probe) {
        Err(Announced(Some(fields))) => fields,
        _ => &[],
    };
    let matched = |attr: &str| {
        announced
            .iter()
            .find(|f| **f == attr)
            .or_else(|| announced.iter().find(|f| squash(f) == squash(attr)))
    };
    // A field renamed to something else entirely (`channel` read from
    // `type`): when exactly one attribute and one field are left over, they
    // are each other.
    let left_attrs: Vec<&str> = attributes
        .iter()
        .copied()
        .filter(|a| matched(a).is_none())
        .collect();
    let left_fields: Vec<&str> = announced
        .iter()
        .copied()
        .filter(|f| !attributes.iter().any(|a| matched(a) == Some(f)))
        .collect();
    attributes
        .iter()
        .map(|attr| {
            let wire = match matched(attr) {
                Some(f) => (*f).to_owned(),
                None if left_attrs.len() == 1 && left_fields.len() == 1 => {
                    left_fields[0].to_owned()
                }
                None => (*attr).to_owned(),
            };
            (*attr, wire)
        })
        .collect()
}

/// `Usage(stats=..., total=...)`: 1NCE sends the total as a `TOTAL` row of
/// `stats`, which is what the decoder reads.
pub(crate) fn usage_total_as_row(wire: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    let Some(Value::Object(mut total)) = wire.remove("total") else {
        return;
    };
    total.insert("date".into(), Value::String("TOTAL".into()));
    match wire.get_mut("stats") {
        Some(Value::Array(rows)) => rows.push(Value::Object(total)),
        _ => {
            wire.insert("stats".into(), Value::Array(vec![Value::Object(total)]));
        }
    }
}
