//! The string enums of the 1NCE API (`SimStatus`, `ConnectivityStatus`,
//! ...) as Python `str` enums: each member is a `str` equal to the value
//! 1NCE sends (`SimStatus.ENABLED == "Enabled"`), and a value this version
//! does not know still arrives as a member of its class, kept as sent.
//!
//! The classes are made at import from the Rust enums' `VARIANTS` by
//! `once_sdk._strenum.make`, and their stubs are generated from the same
//! list, so Rust, runtime and stubs cannot drift apart.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

use crate::convert::{Mode, ToPy};

/// The string a string-like value stands for (enums, and optional enums).
pub(crate) trait AsStrValue {
    /// The value as sent, if there is one.
    fn str_value(&self) -> Option<&str>;
}

impl<T: AsStrValue> AsStrValue for Option<T> {
    fn str_value(&self) -> Option<&str> {
        self.as_ref().and_then(AsStrValue::str_value)
    }
}

/// A Python enum class and its members, in the order of `VARIANTS`.
pub(crate) struct Members {
    class: Py<PyAny>,
    values: Vec<(&'static str, Py<PyAny>)>,
}

/// The member of the class `name` for `value` (known members are made once).
fn member<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Members>,
    name: &'static str,
    variants: &'static [(&'static str, &'static str)],
    value: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let members = cell.get_or_try_init(py, || -> PyResult<Members> {
        let class = py.import("once_sdk._once_sdk")?.getattr(name)?;
        let values = variants
            .iter()
            .map(|(_, wire)| Ok((*wire, class.call1((*wire,))?.unbind())))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Members {
            class: class.unbind(),
            values,
        })
    })?;
    match members.values.iter().find(|(wire, _)| *wire == value) {
        Some((_, m)) => Ok(m.bind(py).clone()),
        None => members.class.bind(py).call1((value,)),
    }
}

/// `NotReached` as a Python member name: `NOT_REACHED`.
fn member_name(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// `Literal["Enabled", "Disabled"]`.
fn literal(variants: &[(&str, &str)]) -> String {
    let values: Vec<String> = variants.iter().map(|(_, w)| format!("{w:?}")).collect();
    format!("Literal[{}]", values.join(", "))
}

macro_rules! enum_to_py {
    ($name:ident, $rust:ty, $variants:expr) => {
        impl ToPy for $rust {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                static MEMBERS: PyOnceLock<Members> = PyOnceLock::new();
                member(py, &MEMBERS, stringify!($name), $variants, self.as_str())
            }
            fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
                match mode {
                    Mode::Python => self.to_py(py),
                    Mode::Json => Ok(PyString::new(py, self.as_str()).into_any()),
                }
            }
            fn py_type() -> String {
                stringify!($name).into()
            }
            fn py_arg_type() -> String {
                format!("{} | {}", stringify!($name), literal($variants))
            }
        }

        impl AsStrValue for $rust {
            fn str_value(&self) -> Option<&str> {
                Some(self.as_str())
            }
        }
    };
}

/// Declares the Python enum classes; the first Rust type of each gives the
/// members, the others (v1's twins) map onto the same class.
macro_rules! py_enums {
    ($( $(#[doc = $doc:literal])* $name:ident($rust:ty $(, $also:ty)*) ),* $(,)?) => {
        $(
            enum_to_py!($name, $rust, <$rust>::VARIANTS);
            $( enum_to_py!($name, $also, <$rust>::VARIANTS); )*
        )*

        /// Makes every enum class and adds it to the module.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let make = m.py().import("once_sdk._strenum")?.getattr("make")?;
            $(
                let members: Vec<(String, &str)> = <$rust>::VARIANTS
                    .iter()
                    .map(|(v, w)| (member_name(v), *w))
                    .collect();
                let doc = [$($doc.trim()),*].join("\n");
                m.add(stringify!($name), make.call1((stringify!($name), doc, members))?)?;
            )*
            Ok(())
        }

        /// The stub text of every enum class.
        pub(crate) fn stubs() -> String {
            let mut out = Vec::new();
            $(
                let mut s = format!("class {}(StrEnum):\n", stringify!($name));
                s += &crate::models::docstring("    ", &[$($doc),*]);
                for (v, w) in <$rust>::VARIANTS {
                    s += &format!("    {} = {:?}\n", member_name(v), w);
                }
                out.push(s);
            )*
            out.join("\n")
        }

        /// Every enum class name with its values as a `Literal[...]`, for the
        /// argument types written by hand in the stubs.
        #[allow(dead_code)]
        pub(crate) fn literals() -> Vec<(&'static str, String)> {
            vec![$((stringify!($name), literal(<$rust>::VARIANTS))),*]
        }
    };
}

py_enums! {
    /// A SIM's status: `Enabled` or `Disabled`.
    SimStatus(once_sdk::SimStatus),
    /// The state of a quota.
    QuotaState(once_sdk::QuotaState),
    /// What a quota counts: `data` or `sms`.
    QuotaService(once_sdk::QuotaService),
    /// How a SIM is connected (v2 status, v1 connectivity).
    ConnectivityStatus(once_sdk::ConnectivityStatus, once_sdk::types::v1::ConnectivityStatus),
    /// Whether a SIM's data traffic limit is reached.
    DataTrafficLimit(once_sdk::DataTrafficLimit),
    /// Why a data session was refused (SIM events).
    DataServiceFailureCause(once_sdk::DataServiceFailureCause),
    /// The delivery state of an SMS.
    SmsStatus(once_sdk::SmsStatus),
    /// The direction of an SMS: `MT` (to the device) or `MO` (from it).
    SmsDirection(once_sdk::SmsDirection),
    /// How a top-up is paid.
    PaymentMethod(once_sdk::PaymentMethod),
    /// The kind of an order.
    OrderType(once_sdk::OrderType),
    /// The salutation of a delivery address: `"1"` Mr, `"2"` Ms.
    Salutation(once_sdk::Salutation),
    /// The state of a support service request.
    ServiceRequestStatus(once_sdk::ServiceRequestStatus),
    /// The direction of a support communication.
    CommunicationDirection(once_sdk::CommunicationDirection),
    /// The channel of a support communication.
    CommunicationChannel(once_sdk::CommunicationChannel),
    /// The service a v1 limit applies to.
    LimitService(once_sdk::types::v1::LimitService),
    /// The severity of an administration log.
    LogCategory(once_sdk::types::os::LogCategory),
    /// What an administration log is about.
    LogType(once_sdk::types::os::LogType),
    /// The language of setting descriptions.
    SettingsLanguage(once_sdk::types::os::SettingsLanguage),
    /// Where an integration stands.
    IntegrationState(once_sdk::types::os::IntegrationState),
    /// The kind of an integration.
    IntegrationType(once_sdk::types::os::IntegrationType),
    /// A kind of event an integration forwards.
    OsEventType(once_sdk::types::os::OsEventType),
    /// Where a device action request stands.
    ActionStatus(once_sdk::types::os::ActionStatus),
    /// When an action is sent to the device.
    RequestMode(once_sdk::types::os::RequestMode),
    /// The LwM2M operation of an action.
    Lwm2mOperation(once_sdk::types::os::Lwm2mOperation),
    /// How an action's payload is encoded.
    PayloadType(once_sdk::types::os::PayloadType),
    /// The CoAP method of an action.
    CoapMethod(once_sdk::types::os::CoapMethod),
    /// How a pre-shared key is written.
    KeyFormat(once_sdk::types::os::KeyFormat),
    /// Where a pre-shared-key job stands.
    PskJobStatus(once_sdk::types::os::PskJobStatus),
    /// The name of an endpoint setting that can be changed.
    EndpointSettingName(once_sdk::types::os::EndpointSettingName),
    /// The order of an action request list.
    ActionSort(once_sdk::types::os::ActionSort),
    /// Where a position came from.
    PositionSource(once_sdk::types::os::PositionSource),
    /// Every position or a summary.
    PositionMode(once_sdk::types::os::PositionMode),
    /// The radio technology of a cell-tower sample.
    RadioAccessType(once_sdk::types::os::RadioAccessType),
    /// How a cell tower's location is resolved.
    ResolutionMode(once_sdk::types::os::ResolutionMode),
    /// Whether a cell tower's location was found.
    ResolutionStatus(once_sdk::types::os::ResolutionStatus),
    /// The shape of a geofence.
    GeofenceType(once_sdk::types::os::GeofenceType),
    /// What a geofence reports.
    GeofenceEvent(once_sdk::types::os::GeofenceEvent),
    /// Which geofences to list.
    GeofenceScope(once_sdk::types::os::GeofenceScope),
    /// A device protocol of 1NCE OS.
    OsProtocol(once_sdk::types::os::OsProtocol),
    /// Enabled or disabled (endpoint settings, 1NCE OS settings).
    SettingState(once_sdk::types::os::SettingState),
    /// The outcome of restarting or testing an integration or plugin.
    OutcomeStatus(once_sdk::types::os::OutcomeStatus),
    /// Whether a template is applied.
    TemplateStatus(once_sdk::types::os::TemplateStatus),
    /// The period of the savings figures.
    SavingsRange(once_sdk::types::os::SavingsRange),
    /// A partner of the plugin system.
    Partner(once_sdk::types::os::Partner),
}
