//! Rust values to Python values, and Python arguments to validated Rust ones.
//!
//! [`ToPy`] is implemented for every field type the models use; a model's
//! getters, `to_dict()`, `__repr__` and its stub are all derived from it, so
//! a new model only lists its field names (see `models.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use once_sdk::{Iccid, Imei, Imsi, Msisdn, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyNone, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::errors;

/// What `to_dict(mode=...)` produces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Python values: `datetime`, enum members, nested dicts and lists.
    Python,
    /// JSON-ready values: ISO 8601 strings, enum values as plain `str`.
    Json,
}

impl Mode {
    /// Parses the `mode=` argument of `to_dict`.
    pub(crate) fn parse(mode: &str) -> PyResult<Self> {
        match mode {
            "python" => Ok(Self::Python),
            "json" => Ok(Self::Json),
            other => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "mode must be 'python' or 'json', got {other:?}"
            ))),
        }
    }
}

/// `datetime.date` (the stable ABI has no direct access to it).
fn date_class(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    static DATE: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    DATE.get_or_try_init(py, || Ok(py.import("datetime")?.getattr("date")?.unbind()))
}

/// A plain Python value (what a keyword constructor receives) as JSON:
/// `None`, `bool`, `int`, `float`, `str` (enum members included), `datetime`
/// and `date` (as ISO 8601), lists, tuples and dicts of those.
pub(crate) fn python_to_json(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use pyo3::types::{PyBool, PyFloat, PyInt};
    use serde_json::Value;
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(value.extract::<u64>()?));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    // datetime is a date subclass: both have isoformat().
    if value.is_instance(date_class(value.py())?.bind(value.py()))? {
        return Ok(Value::String(value.call_method0("isoformat")?.extract()?));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let k: String = k
                .extract()
                .map_err(|_| pyo3::exceptions::PyTypeError::new_err("dict keys must be str"))?;
            map.insert(k, python_to_json(&v)?);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value
            .try_iter()?
            .map(|v| python_to_json(&v?))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "cannot use a {} here",
        value.get_type().name()?
    )))
}

/// A Rust value as seen from Python.
pub(crate) trait ToPy {
    /// The value as an attribute value (models become their frozen classes,
    /// lists become tuples).
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The value for `to_dict()`: models become dicts, lists become lists;
    /// in [`Mode::Json`] also timestamps and dates become ISO 8601 strings
    /// and enum members plain `str`.
    fn to_plain<'py>(&self, py: Python<'py>, _mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }

    /// The JSON value a Python argument stands for, as the decoder of this
    /// type expects it (model constructors: `Sim(iccid=...)`). Models take
    /// their instances or a dict of keywords; everything else goes through
    /// [`python_to_json`].
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value>
    where
        Self: Sized,
    {
        python_to_json(value)
    }

    /// Like [`to_py`](ToPy::to_py), consuming the value (saves a clone).
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>
    where
        Self: Sized,
    {
        self.to_py(py)
    }

    /// The Python type in stub syntax (`str`, `datetime.datetime | None`).
    fn py_type() -> String;

    /// The type a keyword constructor takes for it, in stub syntax (enums
    /// also as their strings, tuples as any sequence).
    fn py_arg_type() -> String {
        Self::py_type()
    }
}

macro_rules! to_py_via_into {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.clone().into_bound_py_any(py)
            }
            fn py_type() -> String {
                $name.into()
            }
        }
    )*};
}

to_py_via_into!(
    String => "str",
    bool => "bool",
    i64 => "int",
    i32 => "int",
    u64 => "int",
    u32 => "int",
    u16 => "int",
    u8 => "int",
    f64 => "float",
    f32 => "float",
);

/// Dates and times: `datetime` objects, ISO 8601 strings in JSON mode.
macro_rules! to_py_as_time {
    ($($t:ty => $name:literal, |$v:ident| $iso:expr;)*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $v = self;
                $v.clone().into_bound_py_any(py)
            }
            fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
                match mode {
                    Mode::Python => self.to_py(py),
                    Mode::Json => {
                        let $v = self;
                        Ok(PyString::new(py, &$iso).into_any())
                    }
                }
            }
            fn py_type() -> String {
                $name.into()
            }
        }
    )*};
}

to_py_as_time!(
    NaiveDate => "datetime.date", |d| d.format("%Y-%m-%d").to_string();
    DateTime<Utc> => "datetime.datetime", |t| t.to_rfc3339();
);

// Order numbers and SMS ids are newtypes in Rust, plain `int` in Python.
macro_rules! to_py_as_number {
    ($($t:ty),* $(,)?) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.get().into_bound_py_any(py)
            }
            fn py_type() -> String {
                "int".into()
            }
        }
    )*};
}

to_py_as_number!(once_sdk::OrderNumber, once_sdk::SmsId);

impl ToPy for Timestamp {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.as_datetime().into_bound_py_any(py)
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        self.as_datetime().to_plain(py, mode)
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        let json = python_to_json(value)?;
        match &json {
            serde_json::Value::String(s) if Timestamp::parse_lenient(s).is_some() => Ok(json),
            _ => Err(pyo3::exceptions::PyValueError::new_err(
                "must be a datetime or an ISO 8601 timestamp",
            )),
        }
    }
    fn py_type() -> String {
        "datetime.datetime".into()
    }
}

/// Identifiers and string enums are plain `str` in Python: unknown enum
/// values stay readable, and comparisons with literals just work.
macro_rules! to_py_as_str {
    ($($t:ty),* $(,)?) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(PyString::new(py, self.as_str()).into_any())
            }
            fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
                // Checked strictly: a fake with a malformed id is a bug in the test.
                let text: String = value.extract()?;
                text.parse::<$t>()
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.rule))?;
                Ok(serde_json::Value::String(text))
            }
            fn py_type() -> String {
                "str".into()
            }
        }
    )*};
}

to_py_as_str!(Iccid, Imsi, Imei, Msisdn);

impl ToPy for () {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyNone::get(py).to_owned().into_any())
    }
    fn py_type() -> String {
        "None".into()
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(PyNone::get(py).to_owned().into_any()),
        }
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_plain(py, mode),
            None => Ok(PyNone::get(py).to_owned().into_any()),
        }
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        if value.is_none() {
            Ok(serde_json::Value::Null)
        } else {
            T::wire_from_py(value)
        }
    }
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.into_py(py),
            None => Ok(PyNone::get(py).to_owned().into_any()),
        }
    }
    fn py_type() -> String {
        format!("{} | None", T::py_type())
    }
    fn py_arg_type() -> String {
        format!("{} | None", T::py_arg_type())
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, items)?.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_plain(py, mode))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        if value.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected a list or tuple, got a str",
            ));
        }
        let items = value
            .try_iter()?
            .map(|v| T::wire_from_py(&v?))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(serde_json::Value::Array(items))
    }
    fn py_type() -> String {
        format!("tuple[{}, ...]", T::py_type())
    }
    fn py_arg_type() -> String {
        format!("Sequence[{}]", T::py_arg_type())
    }
}

/// Free-form JSON (fields 1NCE leaves open) as plain Python data.
impl ToPy for serde_json::Value {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        use serde_json::Value;
        match self {
            Value::Null => Ok(PyNone::get(py).to_owned().into_any()),
            Value::Bool(b) => b.into_bound_py_any(py),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => i.into_bound_py_any(py),
                (None, Some(u), _) => u.into_bound_py_any(py),
                (None, None, f) => f.unwrap_or(f64::NAN).into_bound_py_any(py),
            },
            Value::String(s) => s.into_bound_py_any(py),
            Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|v| v.to_py(py))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(py, items)?.into_any())
            }
            Value::Object(map) => {
                let d = PyDict::new(py);
                for (k, v) in map {
                    d.set_item(k, v.to_py(py)?)?;
                }
                Ok(d.into_any())
            }
        }
    }
    fn py_type() -> String {
        "Any".into()
    }
}

impl<T: ToPy> ToPy for std::collections::HashMap<String, T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_plain(py, mode)?)?;
        }
        Ok(d.into_any())
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        let d = value.cast::<PyDict>()?;
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            map.insert(k.extract()?, T::wire_from_py(&v)?);
        }
        Ok(serde_json::Value::Object(map))
    }
    fn py_type() -> String {
        format!("dict[str, {}]", T::py_type())
    }
    fn py_arg_type() -> String {
        format!("Mapping[str, {}]", T::py_arg_type())
    }
}

/// The Python type of the field `get` selects, for the generated stubs.
pub(crate) fn py_type_of<S, T: ToPy>(_get: for<'a> fn(&'a S) -> &'a T) -> String {
    T::py_type()
}

/// The constructor argument type of the field `get` selects, for the stubs.
pub(crate) fn arg_type_of<S, T: ToPy>(_get: for<'a> fn(&'a S) -> &'a T) -> String {
    T::py_arg_type()
}

/// The JSON for the field `get` selects, from a keyword argument.
pub(crate) fn wire_of<S, T: ToPy>(
    _get: for<'a> fn(&'a S) -> &'a T,
    value: &Bound<'_, PyAny>,
) -> PyResult<serde_json::Value> {
    T::wire_from_py(value)
}

/// A value on its way back to Python from an async call.
pub(crate) struct Out<T>(pub T);

impl<'py, T: ToPy> IntoPyObject<'py> for Out<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.into_py(py)
    }
}

/// Parses a user-supplied identifier (`Iccid`, `Imei`, ...) with the Rust
/// parser; a bad value raises `ValidationError` naming the field.
pub(crate) fn id<T>(py: Python<'_>, value: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = once_sdk::ValidationError>,
{
    value.parse().map_err(|e| errors::validation(py, &e))
}

/// A count from Python (page, page size) as `u32`; out-of-range values raise
/// `ValidationError` naming `field` (as the API spells it).
pub(crate) fn count(py: Python<'_>, field: &'static str, value: i64) -> PyResult<u32> {
    u32::try_from(value).map_err(|_| {
        errors::validation(
            py,
            &once_sdk::ValidationError::new(
                field,
                format!("must be a positive number, got {value}"),
            ),
        )
    })
}

/// An id from Python (SMS id, order number, product id) as `u64`; negative
/// values raise `ValidationError` naming `field`.
pub(crate) fn positive_id(py: Python<'_>, field: &'static str, value: i64) -> PyResult<u64> {
    u64::try_from(value).map_err(|_| {
        errors::validation(
            py,
            &once_sdk::ValidationError::new(field, format!("must be positive, got {value}")),
        )
    })
}
