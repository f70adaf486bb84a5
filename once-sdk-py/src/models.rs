//! The result types: frozen Python classes that wrap the Rust models.
//!
//! A model is one `py_model!` block listing the Rust model's fields to show.
//! Each field becomes a read-only attribute converted on access through
//! [`ToPy`] (timestamps as timezone-aware `datetime`, dates as `date`,
//! identifiers and enums as `str`, nested models as their classes, lists as
//! tuples); the class gets `__eq__` (on the Rust values), `__repr__`,
//! `to_dict()` and its generated stub text. Add the class to [`register`] and
//! the stub check in the tests points at any `.pyi` drift.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{py_type_of, ToPy};
#[allow(clippy::wildcard_imports)]
use crate::models_v1::*;

/// Declares the frozen Python class `$name` wrapping the Rust model `$rust`.
///
/// `adapt(path)` names a function that reshapes the keywords' JSON object
/// into what the decoder reads, where a model's shape differs from 1NCE's.
///
/// `as str(field)` marks a model that stands for one string-like value (the
/// `{"description": "ONLINE"}` objects): it then compares equal to that
/// value's string too, hashes like it and prints as it.
macro_rules! py_model {
    (
        $(#[doc = $doc:literal])*
        $name:ident($rust:ty) $(as str($sfield:ident))? $(adapt($adapt:path))? {
            $( $(#[doc = $fdoc:literal])* $field:ident ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, module = "once_sdk")]
        #[derive(Clone, PartialEq)]
        pub struct $name(pub $rust);

        #[pymethods]
        impl $name {
            /// Builds the model from its fields, checked as a decoded response
            /// is (to fake SDK results in tests). Nested models take an
            /// instance or a dict of keywords.
            #[new]
            #[pyo3(signature = (**fields))]
            fn __new__(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let wire = $name::wire_from_kwargs(fields)?;
                $name::from_wire(wire)
            }

            $(
                $(#[doc = $fdoc])*
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// The fields as a plain dict (nested models as dicts, lists as
            /// lists). With `mode="json"` every value is JSON-ready:
            /// timestamps and dates as ISO 8601 strings, enums as `str`.
            #[pyo3(signature = (*, mode = "python"))]
            fn to_dict<'py>(&self, py: Python<'py>, mode: &str) -> PyResult<Bound<'py, PyDict>> {
                $name::dict_of(&self.0, py, crate::convert::Mode::parse(mode)?)
            }

            /// The fields as a JSON string (`to_dict(mode="json")`, encoded).
            fn to_json(&self, py: Python<'_>) -> PyResult<String> {
                let d = $name::dict_of(&self.0, py, crate::convert::Mode::Json)?;
                crate::models::json_dumps(py, d.as_any())
            }

            /// Rebuilds a model from its pickled form (the wire JSON).
            #[classmethod]
            fn _from_wire(_cls: &Bound<'_, pyo3::types::PyType>, wire: &str) -> PyResult<Self> {
                let value = serde_json::from_str(wire).map_err(|e| {
                    pyo3::exceptions::PyValueError::new_err(e.to_string())
                })?;
                $name::from_wire(value)
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let wire = serde_json::to_string(&slf.get().0).map_err(|e| {
                    pyo3::exceptions::PyValueError::new_err(e.to_string())
                })?;
                Ok((slf.get_type().getattr("_from_wire")?, (wire,)))
            }

            fn __copy__(slf: Py<Self>) -> Py<Self> {
                slf
            }

            fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
                slf
            }

            fn __eq__<'py>(&self, other: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                let py = other.py();
                if let Ok(other) = other.cast::<$name>() {
                    return Ok(pyo3::types::PyBool::new(py, self.0 == other.get().0).to_owned().into_any());
                }
                if let (Some(mine), Ok(s)) = (self.str_value(), other.cast::<pyo3::types::PyString>()) {
                    return Ok(pyo3::types::PyBool::new(py, mine == s.to_cow()?).to_owned().into_any());
                }
                Ok(py.NotImplemented().into_bound(py))
            }

            /// Equal models hash equally (the hash of their JSON form; of the
            /// string for string-like models).
            fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
                match self.str_value() {
                    Some(s) => pyo3::types::PyString::new(py, s).hash(),
                    None => Ok(crate::models::hash_json(&self.0) as isize),
                }
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let parts: Vec<String> = vec![$(
                    format!("{}={}", stringify!($field), ToPy::to_py(&self.0.$field, py)?.repr()?),
                )*];
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            fn __str__(&self, py: Python<'_>) -> PyResult<String> {
                match self.str_value() {
                    Some(s) => Ok(s.to_owned()),
                    None => self.__repr__(py),
                }
            }
        }

        impl $name {
            fn dict_of<'py>(
                m: &$rust,
                py: Python<'py>,
                mode: crate::convert::Mode,
            ) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $( d.set_item(stringify!($field), ToPy::to_plain(&m.$field, py, mode)?)?; )*
                Ok(d)
            }

            /// The string this model stands for (`as str(...)` models only).
            #[allow(clippy::unused_self)]
            fn str_value(&self) -> Option<&str> {
                None$(.or(crate::enums::AsStrValue::str_value(&self.0.$sfield)))?
            }

            /// Decodes the wire JSON as a response body is decoded; a value
            /// the decoder refuses raises `ValidationError`.
            fn from_wire(wire: serde_json::Value) -> PyResult<Self> {
                serde_json::from_value::<$rust>(wire).map($name).map_err(|e| {
                    pyo3::Python::attach(|py| crate::errors::validation(
                        py,
                        &once_sdk::ValidationError::new(stringify!($name), e.to_string()),
                    ))
                })
            }

            /// The wire JSON object for keyword arguments named as the
            /// Python attributes.
            fn wire_from_kwargs(
                fields: Option<&Bound<'_, PyDict>>,
            ) -> PyResult<serde_json::Value> {
                static WIRE: std::sync::OnceLock<Vec<(&'static str, String)>> =
                    std::sync::OnceLock::new();
                let names = WIRE.get_or_init(|| {
                    crate::wire::names::<$rust>(&[$(stringify!($field)),*])
                });
                let mut obj = serde_json::Map::new();
                let Some(fields) = fields else {
                    return Ok(serde_json::Value::Object(obj));
                };
                for (key, value) in fields.iter() {
                    let key: String = key.extract()?;
                    let wire_name = names
                        .iter()
                        .find(|(py_name, _)| *py_name == key)
                        .map(|(_, w)| w.clone());
                    let json = match key.as_str() {
                        $(
                            stringify!($field) => crate::convert::wire_of::<$rust, _>(
                                |m| &m.$field,
                                &value,
                            )
                            .map_err(|e| crate::models::field_error(value.py(), stringify!($name), stringify!($field), e))?,
                        )*
                        _ => {
                            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                                "{}() got an unexpected keyword argument '{}'",
                                stringify!($name),
                                key
                            )))
                        }
                    };
                    if let Some(w) = wire_name {
                        obj.insert(w, json);
                    }
                }
                $( $adapt(&mut obj); )?
                Ok(serde_json::Value::Object(obj))
            }

            /// The class as it appears in `_once_sdk.pyi`.
            pub(crate) fn stub() -> String {
                let mut s = format!("@final\nclass {}:\n", stringify!($name));
                s += &crate::models::docstring("    ", &[$($doc),*]);
                let mut init = vec!["cls".to_string(), "*".to_string()];
                $(
                    init.push(format!(
                        "{}: {} = ...",
                        stringify!($field),
                        crate::convert::arg_type_of::<$rust, _>(|m| &m.$field),
                    ));
                )*
                if init.len() == 2 {
                    init.pop();
                }
                s += &format!("    def __new__({}) -> Self: ...\n", init.join(", "));
                $(
                    s += &format!(
                        "    @property\n    def {}(self) -> {}:",
                        stringify!($field),
                        py_type_of::<$rust, _>(|m| &m.$field),
                    );
                    let doc = crate::models::docstring("        ", &[$($fdoc),*]);
                    if doc.is_empty() {
                        s += " ...\n";
                    } else {
                        s += "\n";
                        s += &doc;
                    }
                )*
                s += "    def to_dict(self, *, mode: Literal[\"python\", \"json\"] = \"python\") -> dict[str, Any]: ...\n";
                s += "    def to_json(self) -> str: ...\n";
                s += "    def __copy__(self) -> Self: ...\n";
                s += "    def __deepcopy__(self, memo: Any, /) -> Self: ...\n";
                s += "    def __hash__(self) -> int: ...\n";
                s += "    def __eq__(self, other: object, /) -> bool: ...\n";
                s
            }
        }

        impl ToPy for $rust {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $name(self.clone()))?.into_any())
            }
            fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $name(self))?.into_any())
            }
            fn to_plain<'py>(&self, py: Python<'py>, mode: crate::convert::Mode) -> PyResult<Bound<'py, PyAny>> {
                Ok($name::dict_of(self, py, mode)?.into_any())
            }
            fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
                if let Ok(m) = value.cast::<$name>() {
                    return serde_json::to_value(&m.get().0).map_err(|e| {
                        pyo3::exceptions::PyValueError::new_err(e.to_string())
                    });
                }
                if let Ok(d) = value.cast::<PyDict>() {
                    return $name::wire_from_kwargs(Some(d));
                }
                Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "expected a {} or a dict, got a {}",
                    stringify!($name),
                    value.get_type().name()?
                )))
            }
            fn py_type() -> String {
                stringify!($name).into()
            }
            /// An instance, or a dict of its keywords (as `wire_from_py` takes).
            fn py_arg_type() -> String {
                format!("{} | Mapping[str, Any]", stringify!($name))
            }
        }
    };
}
pub(crate) use py_model;

/// A hash of a model's JSON form: equal models serialize equally.
pub(crate) fn hash_json<T: serde::Serialize>(value: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match serde_json::to_vec(value) {
        Ok(bytes) => bytes.hash(&mut h),
        // Models serialize infallibly (plain data, string keys).
        Err(_) => 0u8.hash(&mut h),
    }
    h.finish()
}

/// A bad keyword argument of a model constructor: `TypeError`s name the
/// class and the argument; `ValidationError`s pass through.
pub(crate) fn field_error(py: Python<'_>, class: &str, field: &'static str, err: PyErr) -> PyErr {
    if err.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
        pyo3::exceptions::PyTypeError::new_err(format!("{class}({field}=...): {}", err.value(py)))
    } else if err.is_instance_of::<pyo3::exceptions::PyValueError>(py) {
        // Names the keyword argument (`imsi_2`), not the API's field.
        let rule = match err.value(py).getattr("rule") {
            Ok(rule) => rule.to_string(),
            Err(_) => err.value(py).to_string(),
        };
        crate::errors::validation(
            py,
            &once_sdk::ValidationError::new(field, format!("{class}: {rule}")),
        )
    } else {
        err
    }
}

/// `json.dumps(value)`.
pub(crate) fn json_dumps(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
    static DUMPS: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let dumps = DUMPS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("json")?.getattr("dumps")?.unbind())
    })?;
    dumps.bind(py).call1((value,))?.extract()
}

/// A docstring block from doc-comment lines, indented; empty without lines.
pub(crate) fn docstring(indent: &str, lines: &[&str]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    if text.len() == 1 {
        return format!("{indent}\"\"\"{}\"\"\"\n", text[0]);
    }
    let mut s = format!("{indent}\"\"\"{}\n", text[0]);
    for line in &text[1..] {
        if line.is_empty() {
            s += "\n";
        } else {
            s += &format!("{indent}{line}\n");
        }
    }
    s += &format!("{indent}\"\"\"\n");
    s
}

py_model! {
    /// A SIM card (SIM management v2).
    Sim(once_sdk::Sim) {
        /// The ICCID 1NCE addresses the SIM by (19 digits).
        iccid,
        /// The ICCID with its Luhn check digit (20 digits).
        iccid_with_luhn,
        /// First IMSI, used on the normal 1NCE network.
        imsi,
        /// Second IMSI, used on the China+ network.
        imsi_2,
        /// The IMSI currently in use.
        current_imsi,
        /// The SIM's phone number.
        msisdn,
        /// IMEI of the device the SIM is in (may be a 16-digit IMEISV).
        imei,
        /// Whether the SIM is locked to the current device IMEI.
        imei_lock,
        /// `Enabled` or `Disabled` (other values are passed on as sent).
        status,
        /// When the SIM was activated.
        activation_date,
        /// The SIM's fixed IP address.
        ip_address,
        /// The overall data quota in MB.
        current_quota,
        /// How much data quota is left, roughly.
        quota_status,
        /// The current SMS quota.
        current_quota_sms,
        /// How much SMS quota is left, roughly.
        quota_status_sms,
        /// Your label for the SIM.
        label,
    }
}

py_model! {
    /// How much of a quota is left, as reported on a SIM.
    QuotaThreshold(once_sdk::QuotaThreshold) {
        /// 0: more than 20 % left; 1: less than 20 % left; 2: nothing left.
        id,
        /// The same in words.
        description,
        /// When less than 20 % was first left.
        threshold_reached_date,
        /// When the quota ran out.
        quota_exceeded_date,
    }
}

py_model! {
    /// The state of a quota, as a number and a name.
    QuotaStatus(once_sdk::QuotaStatus) as str(description) {
        /// 0, 1 or 2.
        id,
        /// `ACTIVE`, `EXHAUSTED` or `EXPIRED`.
        description,
    }
}

py_model! {
    /// A data or SMS quota of a SIM (v2).
    Quota(once_sdk::Quota) {
        /// The quota's id.
        id,
        /// Active, exhausted or expired.
        status,
        /// What is left: MB for data, messages for SMS. Can be negative.
        volume,
        /// The volume provisioned, or what was left at the last top-up plus the top-up.
        total_volume,
        /// The initial volume plus every top-up.
        accumulated_total_volume,
        /// The volume of the last top-up.
        last_volume_added,
        /// `data` or `sms`.
        service,
        /// The percentage of `total_volume` at which a threshold event fires.
        threshold_percentage,
        /// `total_volume * threshold_percentage`.
        threshold_volume,
        /// When the quota expires.
        expiry_date,
        /// When the quota was created.
        created_at,
    }
}

/// Every model class: registered in the module and listed in the stubs.
macro_rules! models {
    ($($name:ident),* $(,)?) => {
        /// Adds every model class to the module.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_class::<$name>()?; )*
            Ok(())
        }

        /// The stub text of every model class.
        pub(crate) fn stubs() -> String {
            [$($name::stub()),*].join("\n")
        }
    };
}

// The models of the SIM operations, SMS, orders, products and support.
#[allow(clippy::wildcard_imports)]
use crate::models_ops::*;
#[allow(clippy::wildcard_imports)]
use crate::models_os::*;

models!(
    Sim,
    QuotaThreshold,
    QuotaStatus,
    Quota,
    // SIM status, events, top-ups, SMS, orders, products, support (models_ops.rs)
    SimConnectivity,
    ConnectivityState,
    DataTrafficLimitState,
    SimLocation,
    Operator,
    Country,
    RatType,
    PdpContext,
    GtpV1Uli,
    GtpV2Uli,
    CellGlobalId,
    ServiceAreaId,
    RoutingAreaId,
    Event,
    EventCode,
    Organisation,
    EventEndpoint,
    EventSim,
    EventImsi,
    EventDetail,
    RegionalPool,
    TapCode,
    NetworkCode,
    SessionVolume,
    EventQuota,
    QuotaThresholdLevel,
    VpnClient,
    SmsRecord,
    SmsStatusInfo,
    SmsType,
    SourceAddressTypeInfo,
    SmsEndpoint,
    TopUpOrder,
    Order,
    DeliveryAddress,
    OrderSim,
    SimLink,
    OrderProduct,
    OrderRequest,
    OrderedProduct,
    OrderCreated,
    Product,
    Charge,
    ServiceRequest,
    Communication,
    // SIM management v1 (models_v1.rs)
    V1Sim,
    V1Quota,
    V1Connectivity,
    V1Location,
    V1Operator,
    V1OperatorCountry,
    V1Country,
    V1RatType,
    V1PdpContext,
    ConnectivityInfo,
    UssdInfo,
    SubscriberInfo,
    SubscriberLocation,
    V1CellGlobalId,
    V1Event,
    Currency,
    TrafficType,
    Traffic,
    DailyUsage,
    UsageTotal,
    Usage,
    V1Described,
    V1SmsRecord,
    Limit,
    Limits,
    V1TopUpOrder,
    // 1NCE OS (models_os.rs)
    SettingDetails,
    OsSetting,
    OsSettingUpdate,
    OsSettingChanged,
    Agreement,
    AdminLog,
    DailyLogCount,
    AdminLogStats,
    EventSubscription,
    Integration,
    NewAwsIntegration,
    NewWebhookIntegration,
    IntegrationUpdate,
    CloudFormationTemplate,
    AwsParameters,
    IntegrationRestart,
    IntegrationTest,
    EventTypeInfo,
    EventTypes,
    EndpointSetting,
    ProtocolEndpoint,
    EndpointSettingUpdate,
    EndpointUpdate,
    ActionRequest,
    CancelledRequest,
    PskSet,
    PreSharedKey,
    PskJobEntry,
    PskJob,
    Lwm2mAction,
    CoapAction,
    UdpAction,
    ActionAccepted,
    AcceptedRequest,
    BulkActionAccepted,
    DeviceStats,
    Device,
    DeviceTelemetry,
    DeviceMessage,
    MessageHistory,
    MessageCount,
    HistoryInsights,
    Position,
    TowerLocation,
    TowerMetadata,
    CellActivity,
    DeviceActivity,
    Geofence,
    NewGeofence,
    GeofenceUpdate,
    Template,
    TemplateInput,
    TranslationTest,
    Translation,
    Trend,
    Savings,
    Plugin,
    PluginSettings,
    PluginRestart,
);
