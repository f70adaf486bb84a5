//! `client.os`: 1NCE OS (`1nce-os.yml`, 72 operations) on `Client` and
//! `AsyncClient`, grouped as in Rust (`client.os.devices`, `.inspector`,
//! `.locator`, `.optimizer`, `.integrations`, `.plugins`, `.settings`,
//! `.agreements`, `.logs`).
//!
//! Every operation is declared once, in `os_areas!` below (a
//! `resource_pair!` per area, the macro `client.support` uses too): its Python
//! name and arguments (positional ones before `;`, keyword-only ones
//! after), what it returns (`call`: a value; `list`: a paginator;
//! `submit`: a handle to wait on) and the Rust call it makes. The macro
//! writes the blocking method, the asyncio method and the stub lines of
//! both from that one declaration; the Rust SDK checks the arguments before
//! anything is sent and decides what may be retried (side effects never
//! are once they may have reached 1NCE: `OutcomeUnknownError`).

use std::sync::Arc;
use std::time::Duration;

use once_sdk::api::os as api;
use once_sdk::types::os::*;
use once_sdk::{HistoryQuery, Iccid, Timestamp};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

use crate::client::Shared;
use crate::convert::{Out, ToPy};
use crate::errors::{self, IntoPyResult};
use crate::runtime;

/// An argument's name as the 1NCE API spells it (`page_size` is
/// `pageSize`), for `ValidationError.field`. Each name is made once.
fn api_name(name: &'static str) -> &'static str {
    use std::collections::BTreeMap;
    use std::sync::Mutex;
    static NAMES: Mutex<BTreeMap<&'static str, &'static str>> = Mutex::new(BTreeMap::new());
    if !name.contains('_') {
        return name;
    }
    let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
    names.entry(name).or_insert_with(|| {
        let mut camel = String::with_capacity(name.len());
        let mut upper = false;
        for ch in name.chars() {
            if ch == '_' {
                upper = true;
            } else if upper {
                camel.extend(ch.to_uppercase());
                upper = false;
            } else {
                camel.push(ch);
            }
        }
        // A few dozen argument names in all: kept for the process.
        Box::leak(camel.into_boxed_str())
    })
}

/// A Python argument as the Rust type: through its JSON (as a response
/// would be decoded); a value that does not fit raises `ValidationError`
/// (or `TypeError`) naming the argument as the API spells it.
pub(crate) fn arg<T: ToPy + DeserializeOwned>(
    py: Python<'_>,
    name: &'static str,
    value: &Bound<'_, PyAny>,
) -> PyResult<T> {
    let name = api_name(name);
    let json =
        T::wire_from_py(value).map_err(|e| crate::models::field_error(py, "argument", name, e))?;
    serde_json::from_value(json)
        .map_err(|e| errors::validation(py, &once_sdk::ValidationError::new(name, e.to_string())))
}

/// An optional keyword argument (`None` when left out or `None`).
pub(crate) fn opt_arg<T: ToPy + DeserializeOwned>(
    py: Python<'_>,
    name: &'static str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    match value {
        Some(v) if !v.is_none() => arg(py, name, v).map(Some),
        _ => Ok(None),
    }
}

/// Applies an optional argument to a builder (`list.with(&sort, |l, s| l.sort(s))`).
trait With: Sized {
    fn with<V>(self, value: &Option<V>, f: impl FnOnce(Self, &V) -> Self) -> Self {
        match value {
            Some(v) => f(self, v),
            None => self,
        }
    }
}

impl<T> With for T {}

/// The history filters of the inspector's history and insights calls.
fn query(
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    protocol: Option<OsProtocol>,
) -> HistoryQuery {
    let mut q = HistoryQuery::new();
    q.start = start;
    q.end = end;
    q.protocol = protocol;
    q
}

/// Seconds (`timeout=`, `poll_every=`) as a duration, checked.
fn seconds(py: Python<'_>, name: &'static str, s: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            errors::validation(
                py,
                &once_sdk::ValidationError::new(
                    name,
                    format!("must be a positive number of seconds, got {s}"),
                ),
            )
        })
}

/// Waits for `fut` with the GIL released (blocking flavour).
fn block<'py, T: ToPy + Send + 'static>(
    py: Python<'py>,
    fut: impl std::future::Future<Output = once_sdk::Result<T>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>> {
    runtime::wait(py, fut)?.into_py_result(py)?.into_py(py)
}

/// `fut` as an asyncio awaitable (async flavour).
fn awaitable<'py, T: ToPy + Send + 'static>(
    py: Python<'py>,
    fut: impl std::future::Future<Output = once_sdk::Result<T>> + Send + 'static,
) -> PyResult<Bound<'py, PyAny>> {
    runtime::spawn(py, async move {
        match fut.await {
            Ok(v) => Ok(Out(v)),
            Err(e) => Err(errors::to_py_async(e).await),
        }
    })
}

/// A handle of the blocking client (its `wait` blocks).
pub(crate) struct Blocking<H>(H);
/// A handle of the asyncio client (its `wait` is awaitable).
pub(crate) struct Asyncio<H>(H);

/// The handle classes of 202 answers, both flavours from one macro:
/// `$wrap` is `Blocking`/`Asyncio`, `$run` is `block`/`awaitable`.
macro_rules! handle_classes {
    ($(#[doc = $doc:literal])* $rust:ty => $sync:ident, $async_:ident { $($body:tt)* }) => {
        handle_classes!(@one $(#[doc = $doc])* $rust, $sync, Blocking, block, { $($body)* });
        handle_classes!(@one $(#[doc = $doc])* $rust, $async_, Asyncio, awaitable, { $($body)* });
    };
    (@one $(#[doc = $doc:literal])* $rust:ty, $name:ident, $wrap:ident, $run:ident, { $($body:tt)* }) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, module = "once_sdk")]
        pub struct $name($rust);

        impl ToPy for $wrap<$rust> {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $name(self.0.clone()))?.into_any())
            }
            fn py_type() -> String {
                stringify!($name).into()
            }
        }

        handle_methods!($name, $wrap, $run, $($body)*);
    };
}

/// The methods of a handle class (see `handle_classes!`).
macro_rules! handle_methods {
    ($name:ident, $wrap:ident, $run:ident, action) => {
        #[pymethods]
        impl $name {
            fn __repr__(&self) -> String {
                format!("<{} {}>", stringify!($name), self.describe())
            }

            /// The id of the action request (to look it up with
            /// `action_request`), if 1NCE gave one.
            #[getter]
            fn id(&self) -> Option<String> {
                self.0.id().map(|i| i.as_str().to_string())
            }

            /// 1NCE's answer to the action.
            #[getter]
            fn accepted<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.0.accepted().to_py(py)
            }

            /// Polls the action request every `poll_every` seconds (2 by
            /// default) until it ended (succeeded, failed or cancelled), for at
            /// most `timeout` seconds (then `TimeoutError`); returns it.
            #[pyo3(signature = (timeout, *, poll_every=None))]
            fn wait<'py>(
                &self,
                py: Python<'py>,
                timeout: f64,
                poll_every: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let timeout = seconds(py, "timeout", timeout)?;
                let mut handle = self.0.clone();
                if let Some(p) = poll_every {
                    handle = handle.poll_every(seconds(py, "poll_every", p)?);
                }
                $run(py, async move { handle.wait(timeout).await })
            }
        }
    };
    ($name:ident, $wrap:ident, $run:ident, bulk) => {
        #[pymethods]
        impl $name {
            fn __repr__(&self) -> String {
                format!("<{} {}>", stringify!($name), self.describe())
            }

            /// 1NCE's answer: the requests it accepted, the devices it rejected.
            #[getter]
            fn accepted<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.0.accepted().to_py(py)
            }

            /// The devices 1NCE rejected.
            #[getter]
            fn rejected(&self) -> Vec<String> {
                self.0
                    .rejected()
                    .iter()
                    .map(|d| d.as_str().to_string())
                    .collect()
            }

            /// One action handle per accepted request, to wait on.
            fn handles<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
                self.0
                    .handles()
                    .into_iter()
                    .map(|h| $wrap(h).to_py(py))
                    .collect()
            }
        }
    };
    ($name:ident, $wrap:ident, $run:ident, psk_job) => {
        #[pymethods]
        impl $name {
            fn __repr__(&self) -> String {
                format!("<{} {}>", stringify!($name), self.describe())
            }

            /// Polls the key jobs every `poll_every` seconds (2 by default)
            /// until none is in progress, for at most `timeout` seconds (then
            /// `TimeoutError`); returns the jobs.
            #[pyo3(signature = (timeout, *, poll_every=None))]
            fn wait<'py>(
                &self,
                py: Python<'py>,
                timeout: f64,
                poll_every: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let timeout = seconds(py, "timeout", timeout)?;
                let mut handle = self.0.clone();
                if let Some(p) = poll_every {
                    handle = handle.poll_every(seconds(py, "poll_every", p)?);
                }
                $run(py, async move { handle.wait(timeout).await })
            }
        }
    };
}

/// What a handle's `repr()` shows.
trait Describe {
    fn describe(&self) -> String;
}

macro_rules! describe {
    ($($t:ident => |$h:ident| $e:expr;)*) => {$(
        impl Describe for $t {
            fn describe(&self) -> String {
                let $h = &self.0;
                $e
            }
        }
    )*};
}

handle_classes!(
    /// A device action 1NCE accepted (202): `wait(timeout)` follows its
    /// request until it ended.
    api::ActionHandle => ActionHandle, AsyncActionHandle { action }
);
handle_classes!(
    /// A bulk device action 1NCE accepted (202): the accepted requests
    /// (`handles()`, each to wait on) and the rejected devices.
    api::BulkActionHandle => BulkActionHandle, AsyncBulkActionHandle { bulk }
);
handle_classes!(
    /// Pre-shared-key jobs 1NCE accepted (202): `wait(timeout)` until none
    /// is in progress.
    api::PskJobHandle => PskJobHandle, AsyncPskJobHandle { psk_job }
);

describe! {
    ActionHandle => |h| h.id().map_or("no request id".into(), |i| i.as_str().to_string());
    AsyncActionHandle => |h| h.id().map_or("no request id".into(), |i| i.as_str().to_string());
    BulkActionHandle => |h| format!("{} accepted, {} rejected", h.handles().len(), h.rejected().len());
    AsyncBulkActionHandle => |h| format!("{} accepted, {} rejected", h.handles().len(), h.rejected().len());
    PskJobHandle => |_h| "key jobs".to_string();
    AsyncPskJobHandle => |_h| "key jobs".to_string();
}

/// The Python parameter list of a stub line.
pub(crate) fn stub_params(positional: &[(&str, String)], keywords: &[(&str, String)]) -> String {
    let mut out = vec!["self".to_string()];
    for (n, t) in positional {
        out.push(format!("{n}: {t}"));
    }
    out.push("*".into());
    for (n, t) in keywords {
        out.push(format!("{n}: {t} | None = None"));
    }
    out.push("timeout: float | None = None".into());
    out.join(", ")
}

/// One method of a resource class, for one flavour (see `resource_pair!`).
macro_rules! os_method {
    (call, $flavour:ident, $run:ident, $pag:ty, $self_:ident, $py:ident, $timeout:ident, $ret:ty, |$c:ident| $body:expr) => {
        $self_
            .shared
            .$run($py, $timeout, move |$c: once_sdk::Client| async move {
                let out: $ret = ($body).await?;
                Ok(out)
            })
    };
    (list, $flavour:ident, $run:ident, $pag:ty, $self_:ident, $py:ident, $timeout:ident, $ret:ty, |$c:ident| $body:expr) => {
        Ok(pyo3::Bound::new(
            $py,
            <$pag>::new(
                $py,
                &$self_.shared,
                $timeout,
                move |$c: &once_sdk::Client| -> once_sdk::List<$ret> { $body },
            )?,
        )?
        .into_any())
    };
    (submit, $flavour:ident, $run:ident, $pag:ty, $self_:ident, $py:ident, $timeout:ident, $ret:ty, |$c:ident| $body:expr) => {
        $self_
            .shared
            .$run($py, $timeout, move |$c: once_sdk::Client| async move {
                let handle: $ret = ($body).await?;
                Ok($crate::os::$flavour(handle))
            })
    };
}
pub(crate) use os_method;

/// The stub return type of an operation, per kind and flavour.
macro_rules! os_stub_return {
    (call, Blocking, $ret:ty) => {
        <$ret as $crate::convert::ToPy>::py_type()
    };
    (call, Asyncio, $ret:ty) => {
        format!("Awaitable[{}]", <$ret as $crate::convert::ToPy>::py_type())
    };
    (list, Blocking, $ret:ty) => {
        format!("Paginator[{}]", <$ret as $crate::convert::ToPy>::py_type())
    };
    (list, Asyncio, $ret:ty) => {
        format!(
            "AsyncPaginator[{}]",
            <$ret as $crate::convert::ToPy>::py_type()
        )
    };
    (submit, Blocking, $ret:ty) => {
        <$crate::os::Blocking<$ret> as $crate::convert::ToPy>::py_type()
    };
    (submit, Asyncio, $ret:ty) => {
        format!(
            "Awaitable[{}]",
            <$crate::os::Asyncio<$ret> as $crate::convert::ToPy>::py_type()
        )
    };
}
pub(crate) use os_stub_return;

/// The class of one resource in one flavour (`Blocking`: methods through
/// `Shared::call`, lists as `Paginator`; `Asyncio`: `Shared::spawn`,
/// `AsyncPaginator`), its methods and its stub text (`stub()`).
macro_rules! resource_flavour {
    (
        $(#[doc = $adoc:literal])* $name:ident, $flavour:ident, $run:ident, $pag:ty, $from:expr,
        $(
            $(#[doc = $doc:literal])*
            $kind:ident $op:ident ( $($arg:ident : $aty:ty),* ; $($kw:ident : $kty:ty),* ) -> $ret:ty = |$c:ident| $body:expr;
        )*
    ) => {
        $crate::client::resource_class!($(#[doc = $adoc])* $name);

        #[pyo3::pymethods]
        impl $name {
            $(
                $(#[doc = $doc])*
                #[pyo3(signature = ($($arg,)* *, $($kw = None,)* timeout = None))]
                #[allow(unused_variables, clippy::too_many_arguments)]
                fn $op<'py>(
                    &self,
                    py: pyo3::Python<'py>,
                    $($arg: pyo3::Bound<'py, pyo3::PyAny>,)*
                    $($kw: Option<pyo3::Bound<'py, pyo3::PyAny>>,)*
                    timeout: Option<f64>,
                ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    $( let $arg: $aty = $crate::os::arg(py, stringify!($arg), &$arg)?; )*
                    $( let $kw: Option<$kty> = $crate::os::opt_arg(py, stringify!($kw), $kw.as_ref())?; )*
                    $crate::os::os_method!($kind, $flavour, $run, $pag, self, py, timeout, $ret, |$c| $body)
                }
            )*
        }

        impl $name {
            /// The class as it appears in `_once_sdk.pyi`.
            pub(crate) fn stub() -> String {
                let mut s = format!("@final\nclass {}:\n", stringify!($name));
                s += &$crate::models::docstring("    ", &[$($adoc,)* "", $from]);
                $(
                    let positional: Vec<(&str, String)> =
                        vec![$((stringify!($arg), <$aty as $crate::convert::ToPy>::py_arg_type())),*];
                    let keywords: Vec<(&str, String)> =
                        vec![$((stringify!($kw), <$kty as $crate::convert::ToPy>::py_arg_type())),*];
                    s += &format!(
                        "    def {}({}) -> {}:\n",
                        stringify!($op),
                        $crate::os::stub_params(&positional, &keywords),
                        $crate::os::os_stub_return!($kind, $flavour, $ret),
                    );
                    let doc = $crate::models::docstring("        ", &[$($doc),*]);
                    s += if doc.is_empty() { "        ...\n" } else { &doc };
                )*
                s
            }
        }
    };
}
pub(crate) use resource_flavour;

/// A resource of the clients declared once: its operations (kind
/// `call`/`list`/`submit`, Python name, positional arguments before `;`,
/// keyword-only ones after, the Rust result type, the Rust call) become the
/// blocking class `$sync` and the asyncio class `$async_`, each with its
/// stub text. `$path` (in parentheses) is where the clients have it (`"support"`,
/// `"os.devices"`).
macro_rules! resource_pair {
    (
        $(#[doc = $adoc:literal])*
        $sync:ident, $async_:ident ($path:expr) {
            $(
                $(#[doc = $doc:literal])*
                $kind:ident $op:ident ( $($arg:ident : $aty:ty),* ; $($kw:ident : $kty:ty),* ) -> $ret:ty = |$c:ident| $body:expr;
            )*
        }
    ) => {
        $crate::os::resource_flavour!(
            $(#[doc = $adoc])* $sync, Blocking, call, $crate::pagination::Paginator,
            concat!("From ``Client.", $path, "``."),
            $( $(#[doc = $doc])* $kind $op ( $($arg : $aty),* ; $($kw : $kty),* ) -> $ret = |$c| $body; )*
        );
        $crate::os::resource_flavour!(
            $(#[doc = $adoc])* $async_, Asyncio, spawn, $crate::pagination::AsyncPaginator,
            concat!("From ``AsyncClient.", $path, "``: each call returns an awaitable."),
            $( $(#[doc = $doc])* $kind $op ( $($arg : $aty),* ; $($kw : $kty),* ) -> $ret = |$c| $body; )*
        );
    };
}
pub(crate) use resource_pair;

/// Declares the areas of 1NCE OS: each a `resource_pair!` (a blocking and
/// an asyncio class from one operation list); and the `Os`/`AsyncOs`
/// classes with one getter per area.
macro_rules! os_areas {
    ($(
        $(#[doc = $adoc:literal])*
        $area:ident: $sync:ident, $async_:ident {
            $(
                $(#[doc = $doc:literal])*
                $kind:ident $op:ident ( $($arg:ident : $aty:ty),* ; $($kw:ident : $kty:ty),* ) -> $ret:ty = |$c:ident| $body:expr;
            )*
        }
    )*) => {
        $(
            resource_pair!(
                $(#[doc = $adoc])*
                $sync, $async_ (concat!("os.", stringify!($area))) {
                    $( $(#[doc = $doc])* $kind $op ( $($arg : $aty),* ; $($kw : $kty),* ) -> $ret = |$c| $body; )*
                }
            );
        )*

        crate::client::resource_class!(
            /// 1NCE OS, 1NCE's device platform, from `Client.os`: one
            /// attribute per area of its document.
            Os
        );
        crate::client::resource_class!(
            /// 1NCE OS, 1NCE's device platform, from `AsyncClient.os`: one
            /// attribute per area of its document.
            AsyncOs
        );

        #[pymethods]
        impl Os {
            $(
                $(#[doc = $adoc])*
                #[getter]
                fn $area(&self) -> $sync {
                    $sync::new(Arc::clone(&self.shared))
                }
            )*
        }

        #[pymethods]
        impl AsyncOs {
            $(
                $(#[doc = $adoc])*
                #[getter]
                fn $area(&self) -> $async_ {
                    $async_::new(Arc::clone(&self.shared))
                }
            )*
        }

        /// Adds the 1NCE OS classes to the module.
        pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<crate::models_os::Secret>()?;
            m.add_class::<Os>()?;
            m.add_class::<AsyncOs>()?;
            $( m.add_class::<$sync>()?; m.add_class::<$async_>()?; )*
            m.add_class::<ActionHandle>()?;
            m.add_class::<AsyncActionHandle>()?;
            m.add_class::<BulkActionHandle>()?;
            m.add_class::<AsyncBulkActionHandle>()?;
            m.add_class::<PskJobHandle>()?;
            m.add_class::<AsyncPskJobHandle>()?;
            Ok(())
        }

        /// The stub text of the 1NCE OS classes (areas and `Os`/`AsyncOs`).
        pub(crate) fn stubs() -> String {
            let mut out = Vec::new();
            for (name, prefix, from) in [("Os", "", "Client"), ("AsyncOs", "Async", "AsyncClient")] {
                let mut s = format!(
                    "@final\nclass {name}:\n    \"\"\"1NCE OS, 1NCE's device platform, from ``{from}.os``.\"\"\"\n"
                );
                $(
                    s += &format!(
                        "    @property\n    def {}(self) -> {}{}:\n",
                        stringify!($area),
                        prefix,
                        stringify!($sync),
                    );
                    s += &crate::models::docstring("        ", &[$($adoc),*]);
                )*
                out.push(s);
            }
            $(
                out.push($sync::stub());
                out.push($async_::stub());
            )*
            out.join("\n")
        }
    };
}

os_areas! {
    /// IoT Integrator, device side: endpoints, actions, pre-shared keys.
    devices: OsDevices, AsyncOsDevices {
        /// The protocol endpoints devices talk to: `GET /v1/integrate/devices/endpoints`.
        list endpoints(;) -> ProtocolEndpoint = |c| c.os().devices().endpoints();
        /// One protocol endpoint: `GET /v1/integrate/devices/endpoints/{protocol}`.
        call endpoint(protocol: OsProtocol;) -> ProtocolEndpoint = |c| c.os().devices().endpoint(protocol);
        /// Changes an endpoint's settings: `PATCH /v1/integrate/devices/endpoints/{protocol}`.
        call update_endpoint(protocol: OsProtocol, update: EndpointUpdate;) -> ProtocolEndpoint
            = |c| c.os().devices().update_endpoint(protocol, &update);
        /// Every action request: `GET /v1/integrate/devices/actions/requests`.
        list action_requests(; device_id: DeviceId, protocol: OsProtocol, status: ActionStatus, sort: ActionSort, page_size: u32) -> ActionRequest
            = |c| c.os().devices().action_requests()
                .with(&device_id, |l, d| l.device_id(d))
                .with(&protocol, |l, p| l.protocol(p.clone()))
                .with(&status, |l, s| l.status(s.clone()))
                .with(&sort, |l, s| l.sort(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// The action requests in flight: `GET /v1/integrate/devices/actions/requests/active`.
        list active_action_requests(; device_id: DeviceId, protocol: OsProtocol, status: ActionStatus, sort: ActionSort, page_size: u32) -> ActionRequest
            = |c| c.os().devices().active_action_requests()
                .with(&device_id, |l, d| l.device_id(d))
                .with(&protocol, |l, p| l.protocol(p.clone()))
                .with(&status, |l, s| l.status(s.clone()))
                .with(&sort, |l, s| l.sort(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// The ended action requests: `GET /v1/integrate/devices/actions/requests/archived`.
        list archived_action_requests(; device_id: DeviceId, protocol: OsProtocol, status: ActionStatus, sort: ActionSort, page_size: u32) -> ActionRequest
            = |c| c.os().devices().archived_action_requests()
                .with(&device_id, |l, d| l.device_id(d))
                .with(&protocol, |l, p| l.protocol(p.clone()))
                .with(&status, |l, s| l.status(s.clone()))
                .with(&sort, |l, s| l.sort(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// One action request: `GET /v1/integrate/devices/actions/requests/{requestId}`.
        call action_request(request_id: ActionRequestId;) -> ActionRequest
            = |c| c.os().devices().action_request(&request_id);
        /// Cancels one action request: `DELETE /v1/integrate/devices/actions/requests/{requestId}`.
        call cancel_action_request(request_id: ActionRequestId;) -> CancelledRequest
            = |c| c.os().devices().cancel_action_request(&request_id);
        /// Cancels every pending action request of a device: `DELETE /v1/integrate/devices/{deviceId}/actions/requests`.
        call cancel_action_requests(device_id: DeviceId;) -> Vec<CancelledRequest>
            = |c| c.os().devices().cancel_action_requests(&device_id);
        /// Sets a device's pre-shared key (older path): `POST /v1/integrate/devices/{deviceId}/presharedkey`.
        /// Never sent twice once it may have reached 1NCE.
        call set_preshared_key(device_id: DeviceId, key: PskSet;) -> PreSharedKey
            = |c| c.os().devices().set_preshared_key(&device_id, &key);
        /// Sets a device's pre-shared key: `POST /v1/integrate/devices/{deviceId}/psk`.
        /// Never sent twice once it may have reached 1NCE.
        call set_psk(device_id: DeviceId, key: PskSet;) -> PreSharedKey
            = |c| c.os().devices().set_psk(&device_id, &key);
        /// A device's pre-shared key for a protocol: `GET /v1/integrate/devices/{deviceId}/psk/{protocol}`.
        call psk(device_id: DeviceId, protocol: OsProtocol;) -> PreSharedKey
            = |c| c.os().devices().psk(&device_id, protocol);
        /// The pre-shared-key jobs (older path): `GET /v1/integrate/devices/presharedkey/jobs`.
        list preshared_key_jobs(;) -> PskJob = |c| c.os().devices().preshared_key_jobs();
        /// The pre-shared-key jobs: `GET /v1/integrate/devices/psk/jobs`.
        list psk_jobs(;) -> PskJob = |c| c.os().devices().psk_jobs();
        /// Sets many devices' keys as a job (older path): `POST /v1/integrate/devices/presharedkey/jobs`.
        /// Returns a handle to wait on; never sent twice.
        submit create_preshared_key_job(keys: Vec<PskJobEntry>;) -> api::PskJobHandle
            = |c| c.os().devices().create_preshared_key_job(&keys);
        /// Sets many devices' keys as a job: `POST /v1/integrate/devices/psk/jobs`.
        /// Returns a handle to wait on; never sent twice.
        submit create_psk_job(keys: Vec<PskJobEntry>;) -> api::PskJobHandle
            = |c| c.os().devices().create_psk_job(&keys);
        /// Sends an LwM2M action to a device: `POST /v1/integrate/devices/{deviceId}/actions/LWM2M`.
        /// Returns a handle to wait on; never sent twice.
        submit send_lwm2m(device_id: DeviceId, action: Lwm2mAction;) -> api::ActionHandle
            = |c| c.os().devices().send_lwm2m(&device_id, &action);
        /// Sends an LwM2M action (the device API's path): `POST /v1/devices/{deviceId}/actions`.
        /// Returns a handle to wait on; never sent twice.
        submit send_action(device_id: DeviceId, action: Lwm2mAction;) -> api::ActionHandle
            = |c| c.os().devices().send_action(&device_id, &action);
        /// Sends an LwM2M action to many devices: `POST /v1/integrate/devices/actions/LWM2M`.
        submit send_lwm2m_bulk(device_ids: Vec<DeviceId>, action: Lwm2mAction;) -> api::BulkActionHandle
            = |c| c.os().devices().send_lwm2m_bulk(&BulkAction::new(device_ids, action));
        /// Sends a CoAP action to a device: `POST /v1/integrate/devices/{deviceId}/actions/COAP`.
        submit send_coap(device_id: DeviceId, action: CoapAction;) -> api::ActionHandle
            = |c| c.os().devices().send_coap(&device_id, &action);
        /// Sends a CoAP action to many devices: `POST /v1/integrate/devices/actions/COAP`.
        submit send_coap_bulk(device_ids: Vec<DeviceId>, action: CoapAction;) -> api::BulkActionHandle
            = |c| c.os().devices().send_coap_bulk(&BulkAction::new(device_ids, action));
        /// Sends a UDP message to a device: `POST /v1/integrate/devices/{deviceId}/actions/UDP`.
        submit send_udp(device_id: DeviceId, action: UdpAction;) -> api::ActionHandle
            = |c| c.os().devices().send_udp(&device_id, &action);
        /// Sends a UDP message to many devices: `POST /v1/integrate/devices/actions/UDP`.
        submit send_udp_bulk(device_ids: Vec<DeviceId>, action: UdpAction;) -> api::BulkActionHandle
            = |c| c.os().devices().send_udp_bulk(&BulkAction::new(device_ids, action));
        /// Device counts: `GET /v1/devices/stats`.
        call stats(;) -> DeviceStats = |c| c.os().devices().stats();
    }

    /// Device Inspector: devices, telemetry, message history.
    inspector: OsInspector, AsyncOsInspector {
        /// The devices: `GET /v1/inspect/devices`; `q` searches, `sort` orders.
        list devices(; q: String, sort: String, page_size: u32) -> Device
            = |c| c.os().inspector().devices()
                .with(&q, |l, q| l.q(q.clone()))
                .with(&sort, |l, s| l.sort(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// One device: `GET /v1/inspect/devices/{deviceId}`.
        call device(device_id: DeviceId;) -> Device = |c| c.os().inspector().device(&device_id);
        /// A device's telemetry: `GET /v1/inspect/devices/{deviceId}/telemetry`.
        call telemetry(device_id: DeviceId; protocol: OsProtocol) -> DeviceTelemetry
            = |c| c.os().inspector().telemetry(&device_id, protocol);
        /// One page of a device's messages: `GET /v1/inspect/devices/{deviceId}/history`
        /// (`next_token` from the previous page).
        call device_history(device_id: DeviceId; start: Timestamp, end: Timestamp, protocol: OsProtocol, page_size: u32, next_token: String) -> MessageHistory
            = |c| c.os().inspector().device_history(&device_id, &query(start, end, protocol), page_size, next_token.as_deref());
        /// One page of every device's messages: `GET /v1/inspect/devices/history`.
        call history(; device_id: DeviceId, iccid: Iccid, start: Timestamp, end: Timestamp, protocol: OsProtocol, page_size: u32, next_token: String) -> MessageHistory
            = |c| c.os().inspector().history(device_id.as_ref(), iccid.as_ref(), &query(start, end, protocol), page_size, next_token.as_deref());
        /// Message counts of a device: `GET /v1/inspect/devices/{deviceId}/history/insights`.
        call device_insights(device_id: DeviceId; start: Timestamp, end: Timestamp, protocol: OsProtocol, interval: String) -> HistoryInsights
            = |c| c.os().inspector().device_insights(&device_id, &query(start, end, protocol), interval.as_deref());
        /// Message counts of every device: `GET /v1/inspect/devices/history/insights`.
        call insights(; device_id: DeviceId, iccid: Iccid, start: Timestamp, end: Timestamp, protocol: OsProtocol, interval: String) -> HistoryInsights
            = |c| c.os().inspector().insights(device_id.as_ref(), iccid.as_ref(), &query(start, end, protocol), interval.as_deref());
    }

    /// Device Locator: positions, cell-tower activity, geofences.
    locator: OsLocator, AsyncOsLocator {
        /// A device's positions: `GET /v1/locate/devices/{deviceId}/positions`.
        list positions(device_id: DeviceId; source: PositionSource, start: Timestamp, end: Timestamp, sort: String, page_size: u32) -> Position
            = |c| c.os().locator().positions(&device_id)
                .with(&source, |l, s| l.source(s.clone()))
                .with(&start, |l, t| l.start(*t))
                .with(&end, |l, t| l.end(*t))
                .with(&sort, |l, s| l.sort(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// The latest position of each device (or of `device_id`), optionally
        /// within `within` = `(lon_from, lat_from, lon_to, lat_to)`: `GET /v1/locate/positions/latest`.
        list latest_positions(; device_id: DeviceId, mode: PositionMode, within: Vec<f64>, page_size: u32) -> Position
            = |c| c.os().locator().latest_positions()
                .with(&device_id, |l, d| l.device_id(d))
                .with(&mode, |l, m| l.mode(m.clone()))
                .with(&within, |l, w| l.within(
                    w.first().copied().unwrap_or(f64::NAN),
                    w.get(1).copied().unwrap_or(f64::NAN),
                    w.get(2).copied().unwrap_or(f64::NAN),
                    w.get(3).copied().unwrap_or(f64::NAN),
                ))
                .with(&page_size, |l, n| l.page_size(*n));
        /// The cell towers a device used: `GET /v1/locate/devices/{deviceId}/activity`.
        call activity(device_id: DeviceId; start: Timestamp, end: Timestamp) -> DeviceActivity
            = |c| c.os().locator().activity(&device_id, start, end);
        /// The geofences: `GET /v1/locate/geofences` (1NCE allows 30 a minute; the client paces it).
        list geofences(; name: String, device_id: DeviceId, scope: GeofenceScope, page_size: u32) -> Geofence
            = |c| c.os().locator().geofences()
                .with(&name, |l, n| l.name(n.clone()))
                .with(&device_id, |l, d| l.device_id(d))
                .with(&scope, |l, s| l.scope(s.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// Creates a geofence: `POST /v1/locate/geofences`. Never sent twice.
        call create_geofence(geofence: NewGeofence;) -> Geofence
            = |c| c.os().locator().create_geofence(&geofence);
        /// One geofence: `GET /v1/locate/geofences/{geofenceId}`.
        call geofence(geofence_id: GeofenceId;) -> Geofence = |c| c.os().locator().geofence(&geofence_id);
        /// Changes a geofence: `PATCH /v1/locate/geofences/{geofenceId}`.
        call update_geofence(geofence_id: GeofenceId, update: GeofenceUpdate;) -> Geofence
            = |c| c.os().locator().update_geofence(&geofence_id, &update);
        /// Deletes a geofence: `DELETE /v1/locate/geofences/{geofenceId}`.
        call delete_geofence(geofence_id: GeofenceId;) -> () = |c| c.os().locator().delete_geofence(&geofence_id);
    }

    /// Optimizer: energy-saver templates and savings.
    optimizer: OsOptimizer, AsyncOsOptimizer {
        /// Translates a payload with a template, as a test: `POST /v1/optimize/messages/test`.
        call test(test: TranslationTest;) -> Translation = |c| c.os().optimizer().test(&test);
        /// The energy saver's figures: `GET /v1/optimize/savings`.
        call savings(; range: SavingsRange, protocol: OsProtocol, iccid: Iccid) -> Savings
            = |c| c.os().optimizer().savings(range, protocol, iccid.as_ref());
        /// The translation templates: `GET /v1/optimize/templates`.
        call templates(;) -> Vec<Template> = |c| c.os().optimizer().templates();
        /// Creates a template: `POST /v1/optimize/templates`. Never sent twice.
        call create_template(template: TemplateInput;) -> Template
            = |c| c.os().optimizer().create_template(&template);
        /// Changes a template: `PATCH /v1/optimize/templates/{templateId}`.
        call update_template(template_id: TemplateId, change: TemplateInput;) -> Template
            = |c| c.os().optimizer().update_template(&template_id, &change);
        /// Deletes a template: `DELETE /v1/optimize/templates/{templateId}`.
        call delete_template(template_id: TemplateId;) -> () = |c| c.os().optimizer().delete_template(&template_id);
    }

    /// IoT Integrator, cloud side: AWS and webhook integrations.
    integrations: OsIntegrations, AsyncOsIntegrations {
        /// The integrations: `GET /v1/integrate/clouds`.
        list list(; page_size: u32) -> Integration
            = |c| c.os().integrations().list().with(&page_size, |l, n| l.page_size(*n));
        /// One integration: `GET /v1/integrate/clouds/{integrationId}`.
        call get(integration_id: IntegrationId;) -> Integration = |c| c.os().integrations().get(&integration_id);
        /// Changes an integration: `PATCH /v1/integrate/clouds/{integrationId}`.
        call update(integration_id: IntegrationId, change: IntegrationUpdate;) -> Integration
            = |c| c.os().integrations().update(&integration_id, &change);
        /// Changes a webhook integration: `PATCH /v1/integrate/clouds/webhooks/{integrationId}`.
        call update_webhook(integration_id: IntegrationId, change: IntegrationUpdate;) -> Integration
            = |c| c.os().integrations().update_webhook(&integration_id, &change);
        /// Deletes an integration: `DELETE /v1/integrate/clouds/{integrationId}`. Never sent twice.
        call delete(integration_id: IntegrationId;) -> () = |c| c.os().integrations().delete(&integration_id);
        /// The event types integrations can subscribe to: `GET /v1/integrate/clouds/eventTypes`.
        call event_types(;) -> EventTypes = |c| c.os().integrations().event_types();
        /// The parameters of an AWS integration: `GET /v1/integrate/clouds/aws/parameters`.
        call aws_parameters(;) -> AwsParameters = |c| c.os().integrations().aws_parameters();
        /// Creates an AWS integration: `POST /v1/integrate/clouds/aws`. Never sent twice.
        call create_aws(integration: NewAwsIntegration;) -> Integration
            = |c| c.os().integrations().create_aws(&integration);
        /// Creates a webhook integration: `POST /v1/integrate/clouds/webhooks`
        /// (its header values are secrets). Never sent twice.
        call create_webhook(integration: NewWebhookIntegration;) -> Integration
            = |c| c.os().integrations().create_webhook(&integration);
        /// Restarts an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/restart`.
        call restart_aws(integration_id: IntegrationId;) -> IntegrationRestart
            = |c| c.os().integrations().restart_aws(&integration_id);
        /// Tests an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/test`.
        call test_aws(integration_id: IntegrationId;) -> IntegrationTest
            = |c| c.os().integrations().test_aws(&integration_id);
        /// Restarts a webhook integration: `POST /v1/integrate/clouds/webhooks/{integrationId}/restart`.
        call restart_webhook(integration_id: IntegrationId;) -> IntegrationRestart
            = |c| c.os().integrations().restart_webhook(&integration_id);
        /// Tests a webhook integration (posts a test message): `POST /v1/integrate/clouds/webhooks/{integrationId}/test`.
        call test_webhook(integration_id: IntegrationId;) -> IntegrationTest
            = |c| c.os().integrations().test_webhook(&integration_id);
    }

    /// Plugin system: partner plugins.
    plugins: OsPlugins, AsyncOsPlugins {
        /// The plugins: `GET /v1/partners/plugins`.
        list list(; page_size: u32) -> Plugin
            = |c| c.os().plugins().list().with(&page_size, |l, n| l.page_size(*n));
        /// One plugin: `GET /v1/partners/plugins/{pluginId}`.
        call get(plugin_id: PluginId;) -> Plugin = |c| c.os().plugins().get(&plugin_id);
        /// Installs a partner's plugin: `POST /v1/partners/{partner}/plugins`
        /// (`DATACAKE`, `MENDER`, `TARTABIT`, `MEMFAULT`). Never sent twice.
        call create(partner: Partner, settings: PluginSettings;) -> Plugin
            = |c| c.os().plugins().create(partner, &settings);
        /// Restarts a plugin: `POST /v1/partners/plugins/{pluginId}/restart`.
        call restart(plugin_id: PluginId;) -> PluginRestart = |c| c.os().plugins().restart(&plugin_id);
        /// Removes a plugin: `DELETE /v1/partners/plugins/{pluginId}`. Never sent twice.
        call delete(plugin_id: PluginId;) -> () = |c| c.os().plugins().delete(&plugin_id);
    }

    /// 1NCE OS settings of the account.
    settings: OsSettings, AsyncOsSettings {
        /// The settings: `GET /v1/settings/1nceos`; `language` of the descriptions.
        list list(; language: SettingsLanguage, page_size: u32) -> OsSetting
            = |c| c.os().settings().list()
                .with(&language, |l, g| l.language(g.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// Switches a setting on or off: `PATCH /v1/settings/1nceos/{name}`.
        call update(name: String, update: OsSettingUpdate;) -> OsSettingChanged
            = |c| c.os().settings().update(&name, &update);
    }

    /// The 1NCE OS agreement.
    agreements: OsAgreements, AsyncOsAgreements {
        /// Accepts (or declines) the 1NCE OS agreement: `POST /v1/agreements/1nceos`.
        call accept(accepted: bool;) -> () = |c| c.os().agreements().accept(accepted);
    }

    /// Administration logs.
    logs: OsLogs, AsyncOsLogs {
        /// The administration logs: `GET /v1/administrationLogs`; `q` searches.
        list list(; q: String, page_size: u32) -> AdminLog
            = |c| c.os().logs().list()
                .with(&q, |l, q| l.q(q.clone()))
                .with(&page_size, |l, n| l.page_size(*n));
        /// Log counts per day in `timezone`: `GET /v1/administrationLogs/stats`.
        call stats(timezone: String; category: LogCategory) -> AdminLogStats
            = |c| c.os().logs().stats(&timezone, category);
        /// A download URL of a log's payload: `GET /v1/administrationLogs/{adminLogId}/payload`.
        call payload_url(admin_log_id: AdminLogId;) -> String = |c| c.os().logs().payload_url(&admin_log_id);
    }
}
