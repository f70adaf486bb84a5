//! Lenient decoding helpers for what real 1NCE responses send beyond the spec:
//! numbers as strings, ids as numbers, empty strings for absent values.

use serde::de::{self, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The `Visitor` methods of an optional value: `null` (and an absent
/// value) is `None`, anything else is visited again as itself.
macro_rules! null_is_none {
    () => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    };
}

/// Accepts a JSON string or number and yields its text.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// A number that may arrive as a JSON number or as a string (`"0.004879"`).
/// An empty string or `null` decodes as `None`.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number (or a string with one)")
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let t = v.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse()
                .map(Some)
                .map_err(|_| E::custom(format!("expected a number, got {v:?}")))
        }
        null_is_none!();
    }
    d.deserialize_any(V)
}

/// An integer that may arrive as a JSON number (possibly `3.0`) or a string.
/// Decoded without a detour through `f64`: every `i64` comes back exactly,
/// and one out of range is refused with the number as it was written.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(OptInt::<i64>(std::marker::PhantomData))
}

/// A non-negative integer that may arrive as a number or a string (the
/// whole `u64` range, exactly).
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(OptInt::<u64>(std::marker::PhantomData))
}

/// The largest integer an `f64` holds exactly (2^53): a number written as
/// `3.0` is taken as an integer up to this size only.
const F64_EXACT: f64 = 9_007_199_254_740_992.0;

/// Visits a JSON number or string as an integer of type `N`.
struct OptInt<N>(std::marker::PhantomData<N>);

impl<N> OptInt<N>
where
    N: TryFrom<i128> + fmt::Display + Bounded,
{
    fn rule() -> String {
        format!("expected an integer from {} to {}", N::MIN, N::MAX)
    }

    /// `n` in range, or the rule and `written` (the number as sent).
    fn fit<E: de::Error>(n: i128, written: &dyn fmt::Display) -> Result<Option<N>, E> {
        N::try_from(n)
            .map(Some)
            .map_err(|_| E::custom(format!("{}, got {written}", Self::rule())))
    }
}

/// The bounds of an integer type, for error messages.
trait Bounded: Sized {
    const MIN: Self;
    const MAX: Self;
}

impl Bounded for i64 {
    const MIN: Self = i64::MIN;
    const MAX: Self = i64::MAX;
}

impl Bounded for u64 {
    const MIN: Self = u64::MIN;
    const MAX: Self = u64::MAX;
}

impl<'de, N> Visitor<'de> for OptInt<N>
where
    N: TryFrom<i128> + fmt::Display + Bounded,
{
    type Value = Option<N>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Self::rule())?;
        f.write_str(" (a number or a string)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::fit(v.into(), &v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Self::fit(v.into(), &v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() <= F64_EXACT {
            Self::fit(v as i128, &v)
        } else {
            Err(E::custom(format!("{}, got {v}", Self::rule())))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let written = format!("{v:?}");
        if let Ok(n) = t.parse::<i128>() {
            return Self::fit(n, &written);
        }
        match t.parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && f.abs() <= F64_EXACT => Self::fit(f as i128, &written),
            _ => Err(E::custom(format!("{}, got {written}", Self::rule()))),
        }
    }

    null_is_none!();
}

/// A boolean that may arrive as `true`/`false` or as `"true"`/`"false"`.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean (or a string with one)")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.eq_ignore_ascii_case("true") {
                Ok(Some(true))
            } else if v.eq_ignore_ascii_case("false") {
                Ok(Some(false))
            } else if v.is_empty() {
                Ok(None)
            } else {
                Err(E::custom(format!("expected a boolean, got {v:?}")))
            }
        }
        null_is_none!();
    }
    d.deserialize_any(V)
}

/// A string that may arrive as a number; empty strings decode as `None`.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(opt_text(d)?.filter(|s| !s.is_empty()).map(Cow::into_owned))
}

/// The text of a JSON string or number, borrowed from the body where
/// possible (no allocation for the common case); `None` for `null`.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    d.deserialize_any(Text)
}

/// The text of a JSON string or number, as [`opt_text`], `null` refused.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    opt_text(d)?.ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &Text))
}

struct Text;

impl<'de> Visitor<'de> for Text {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    null_is_none!();
}

/// A list that may arrive as one bare value (`"COAP"` for `["COAP"]`, as
/// 1NCE OS's document writes its `protocolFilter` examples); `null` is
/// `None`.
pub(crate) fn opt_one_or_many<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany<T> {
        Many(Vec<T>),
        One(T),
    }
    Ok(
        match <Option<OneOrMany<T>> as serde::Deserialize>::deserialize(d)? {
            None => None,
            Some(OneOrMany::Many(v)) => Some(v),
            Some(OneOrMany::One(v)) => Some(vec![v]),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "opt_f64")]
        f: Option<f64>,
        #[serde(default, deserialize_with = "opt_i64")]
        i: Option<i64>,
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
    }

    #[test]
    fn numbers_as_strings() {
        let t: T = serde_json::from_str(r#"{"f":"0.004879","i":"42","b":"true","s":18}"#).unwrap();
        assert_eq!(t.f, Some(0.004879));
        assert_eq!(t.i, Some(42));
        assert_eq!(t.b, Some(true));
        assert_eq!(t.s.as_deref(), Some("18"));
        let t: T = serde_json::from_str(r#"{"f":"","i":null,"s":""}"#).unwrap();
        assert_eq!((t.f, t.i, t.b, t.s), (None, None, None, None));
        assert!(serde_json::from_str::<T>(r#"{"f":"abc"}"#).is_err());
    }

    /// Every helper through the strict decoder the responses use, with
    /// strings borrowed from the body and strings that need unescaping
    /// (copied), numbers and `null`.
    #[test]
    fn every_shape_through_the_response_decoder() {
        let decode = |body: &str| crate::types::strict::from_slice::<T>(body.as_bytes());
        let t = decode(r#"{"f":7,"b":"FALSE","s":"a\"b"}"#).unwrap();
        assert_eq!(
            (t.f, t.b, t.s.as_deref()),
            (Some(7.0), Some(false), Some("a\"b"))
        );
        let t = decode(r#"{"f":" 2.5 ","b":"True","s":1.5}"#).unwrap();
        assert_eq!(
            (t.f, t.b, t.s.as_deref()),
            (Some(2.5), Some(true), Some("1.5"))
        );
        let t = decode(r#"{"f":-3,"b":false,"s":"pump-1"}"#).unwrap();
        assert_eq!(
            (t.f, t.b, t.s.as_deref()),
            (Some(-3.0), Some(false), Some("pump-1"))
        );
        let t = decode(r#"{"f":null,"b":null,"s":null}"#).unwrap();
        assert_eq!((t.f, t.b, t.s), (None, None, None));
        let t = decode(r#"{"b":""}"#).unwrap();
        assert_eq!(t.b, None);

        let err = |body: &str| {
            decode(body)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err(r#"{"b":"yes"}"#).contains("expected a boolean, got \"yes\""));
        assert!(err(r#"{"f":"lots"}"#).contains("expected a number, got \"lots\""));
        assert!(err(r#"{"f":true}"#).contains("a number"));
        assert!(err(r#"{"b":1}"#).contains("a boolean"));
        assert!(err(r#"{"s":[1]}"#).contains("a string or a number"));
    }

    #[test]
    fn text_borrows_plain_strings_and_refuses_null() {
        let mut de = serde_json::Deserializer::from_str(r#""plain""#);
        assert!(matches!(text(&mut de).unwrap(), Cow::Borrowed("plain")));
        let mut de = serde_json::Deserializer::from_str(r#""esc\u0061ped""#);
        assert_eq!(text(&mut de).unwrap(), "escaped");
        let mut de = serde_json::Deserializer::from_str("42");
        assert_eq!(text(&mut de).unwrap(), "42");
        let mut de = serde_json::Deserializer::from_str("null");
        assert!(text(&mut de).is_err());
    }
}
