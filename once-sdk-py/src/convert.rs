//! Rust values to Python values, and Python arguments to validated Rust ones.
//!
//! [`ToPy`] is implemented for every field type the models use; a model's
//! getters, `to_dict()`, `__repr__` and its stub are all derived from it, so
//! a new model only lists its field names (see `models.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use once_sdk::{Iccid, Imei, Imsi, Msisdn, QuotaService, QuotaState, SimStatus, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyNone, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::errors;

/// A Rust value as seen from Python.
pub(crate) trait ToPy {
    /// The value as an attribute value (models become their frozen classes,
    /// lists become tuples).
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The value for `to_dict()`: models become dicts, lists become lists.
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
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
    NaiveDate => "datetime.date",
    DateTime<Utc> => "datetime.datetime",
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
            fn py_type() -> String {
                "str".into()
            }
        }
    )*};
}

to_py_as_str!(
    Iccid,
    Imsi,
    Imei,
    Msisdn,
    SimStatus,
    QuotaState,
    QuotaService
);

// SIM management v1
to_py_as_str!(once_sdk::types::v1::ConnectivityStatus);

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
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_plain(py),
            None => Ok(PyNone::get(py).to_owned().into_any()),
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
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, items)?.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_plain(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
    fn py_type() -> String {
        format!("tuple[{}, ...]", T::py_type())
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
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_plain(py)?)?;
        }
        Ok(d.into_any())
    }
    fn py_type() -> String {
        format!("dict[str, {}]", T::py_type())
    }
}

/// The Python type of the field `get` selects, for the generated stubs.
pub(crate) fn py_type_of<S, T: ToPy>(_get: for<'a> fn(&'a S) -> &'a T) -> String {
    T::py_type()
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

// The string enums of SIM status, events, SMS, orders and support.
to_py_as_str!(
    once_sdk::ConnectivityStatus,
    once_sdk::DataTrafficLimit,
    once_sdk::DataServiceFailureCause,
    once_sdk::SmsStatus,
    once_sdk::SmsDirection,
    once_sdk::OrderType,
    once_sdk::Salutation,
    once_sdk::ServiceRequestStatus,
    once_sdk::CommunicationDirection,
    once_sdk::CommunicationChannel,
);

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
