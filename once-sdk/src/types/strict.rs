//! Decoding that refuses a non-object where a model (a struct) is expected.
//!
//! serde's derived `Deserialize` for a struct also accepts a sequence
//! (`[1, 2, 3]` would decode into a `Sim` whose ICCID is `"1"`). Every
//! response body is decoded through [`ObjectsOnly`], a deserializer that
//! wraps serde_json's and, wherever a struct is asked for, at any depth,
//! only lets a JSON object through.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// Decodes `bytes` as JSON into `T`, refusing arrays (and scalars) where
/// `T` or any model inside it expects an object.
///
/// The body is checked to be UTF-8 once, as a whole, and then decoded as
/// text: decoding bytes would check every string on its own, which cost a
/// sixth of a 100-SIM page's decoding (docs/BENCHMARKS.md). A body that is
/// not UTF-8 is decoded as bytes, for serde_json's error and its position.
pub(crate) fn from_slice<T: de::DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(bytes) {
        Ok(text) => decode(serde_json::Deserializer::from_str(text)),
        Err(_) => decode(serde_json::Deserializer::from_slice(bytes)),
    }
}

fn decode<'de, R, T>(mut de: serde_json::Deserializer<R>) -> serde_json::Result<T>
where
    R: serde_json::de::Read<'de>,
    T: de::DeserializeOwned,
{
    let value = T::deserialize(ObjectsOnly(&mut de))?;
    de.end()?;
    Ok(value)
}

/// A deserializer that forwards to `D`, with every visitor wrapped.
pub(crate) struct ObjectsOnly<D>(pub(crate) D);

/// A visitor that forwards to `V`; `object_only` refuses sequences (a
/// struct was asked for).
struct Wrap<V> {
    inner: V,
    object_only: bool,
}

impl<V> Wrap<V> {
    fn any(inner: V) -> Self {
        Wrap {
            inner,
            object_only: false,
        }
    }
}

macro_rules! forward_plain {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.0.$method(Wrap::any(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    forward_plain!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, Wrap::any(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_newtype_struct(name, Wrap::any(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple(len, Wrap::any(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_tuple_struct(name, len, Wrap::any(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let wrapped = Wrap {
            inner: visitor,
            object_only: true,
        };
        self.0.deserialize_struct(name, fields, wrapped)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, Wrap::any(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.inner.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_i128(i128),
        visit_u128(u128),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(ObjectsOnly(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(ObjectsOnly(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if self.object_only {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self.inner));
        }
        self.inner.visit_seq(ObjectsOnly(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(ObjectsOnly(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_enum(ObjectsOnly(data))
    }
}

/// A seed that deserializes through [`ObjectsOnly`].
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(ObjectsOnly(d))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;
    type Variant = ObjectsOnly<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), Self::Error> {
        let (value, variant) = self.0.variant_seed(Seed(seed))?;
        Ok((value, ObjectsOnly(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for ObjectsOnly<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.tuple_variant(len, Wrap::any(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let wrapped = Wrap {
            inner: visitor,
            object_only: true,
        };
        self.0.struct_variant(fields, wrapped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        a: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inner: Option<Inner>,
        list: Vec<Inner>,
        tuple: (u8, String),
    }

    #[test]
    fn objects_pass_sequences_stay_sequences() {
        let v: Outer =
            from_slice(br#"{"inner":{"a":1},"list":[{"a":2}],"tuple":[3,"x"]}"#).unwrap();
        assert_eq!(
            v,
            Outer {
                inner: Some(Inner { a: 1 }),
                list: vec![Inner { a: 2 }],
                tuple: (3, "x".into()),
            }
        );
    }

    #[test]
    fn arrays_are_refused_where_a_struct_is_expected_at_any_depth() {
        for body in [
            r#"[{"a":1},[],[3,"x"]]"#,
            r#"{"inner":[1],"list":[],"tuple":[3,"x"]}"#,
            r#"{"inner":null,"list":[[2]],"tuple":[3,"x"]}"#,
        ] {
            let e = from_slice::<Outer>(body.as_bytes()).unwrap_err();
            assert!(
                e.to_string()
                    .starts_with("invalid type: sequence, expected struct"),
                "{body}: {e}"
            );
        }
        // Without the wrapper serde accepts them: the wrapper is what refuses.
        assert!(serde_json::from_str::<Inner>("[1]").is_ok());
        assert!(from_slice::<Inner>(b"[1]").is_err());
    }

    #[test]
    fn a_body_that_is_not_utf8_is_refused_where_it_breaks() {
        // In a string, and outside one: serde_json's own error and position,
        // as when every body was decoded as bytes.
        for (body, column) in [
            (
                &b"{\"inner\":null,\"list\":[],\"tuple\":[3,\"a\xff\"]}"[..],
                38,
            ),
            (
                &b"{\"inner\":null,\"list\":[],\"tuple\":[3,\"x\"]}\xff"[..],
                41,
            ),
        ] {
            let e = from_slice::<Outer>(body).unwrap_err();
            let bytes = {
                let mut de = serde_json::Deserializer::from_slice(body);
                Outer::deserialize(&mut de)
                    .and_then(|_| de.end())
                    .unwrap_err()
            };
            assert_eq!((e.line(), e.column()), (1, column), "{e}");
            assert_eq!(e.to_string(), bytes.to_string());
        }
        // Multi-byte UTF-8 decodes as text.
        let v: Outer =
            from_slice(r#"{"inner":null,"list":[],"tuple":[3,"Grüße 🛰"]}"#.as_bytes()).unwrap();
        assert_eq!(v.tuple.1, "Grüße 🛰");
    }
}
