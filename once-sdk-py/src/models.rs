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
macro_rules! py_model {
    (
        $(#[doc = $doc:literal])*
        $name:ident($rust:ty) {
            $( $(#[doc = $fdoc:literal])* $field:ident ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, eq, module = "once_sdk")]
        #[derive(Clone, PartialEq)]
        pub struct $name(pub $rust);

        #[pymethods]
        impl $name {
            $(
                $(#[doc = $fdoc])*
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    ToPy::to_py(&self.0.$field, py)
                }
            )*

            /// The fields as a plain dict (nested models as dicts, lists as lists).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                $name::dict_of(&self.0, py)
            }

            /// Equal models hash equally (the hash of their JSON form).
            fn __hash__(&self) -> u64 {
                crate::models::hash_json(&self.0)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let parts: Vec<String> = vec![$(
                    format!("{}={}", stringify!($field), ToPy::to_py(&self.0.$field, py)?.repr()?),
                )*];
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }
        }

        impl $name {
            fn dict_of<'py>(m: &$rust, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let d = PyDict::new(py);
                $( d.set_item(stringify!($field), ToPy::to_plain(&m.$field, py)?)?; )*
                Ok(d)
            }

            /// The class as it appears in `_once_sdk.pyi`.
            pub(crate) fn stub() -> String {
                let mut s = format!("@final\nclass {}:\n", stringify!($name));
                s += &crate::models::docstring("    ", &[$($doc),*]);
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
                s += "    def to_dict(self) -> dict[str, Any]: ...\n";
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
            fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok($name::dict_of(self, py)?.into_any())
            }
            fn py_type() -> String {
                stringify!($name).into()
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
    QuotaStatus(once_sdk::QuotaStatus) {
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
);
