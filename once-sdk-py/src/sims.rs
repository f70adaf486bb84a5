//! `client.sims`: SIM management (API v2).
//!
//! Both flavours come from one macro, so each operation (its arguments,
//! docstring and Rust call) is written once: they differ only in `call`
//! (blocking, GIL released) versus `spawn` (asyncio), in the paginator
//! class and in how the lists' docstrings say to iterate. Arguments are
//! parsed by the Rust parsers before anything is sent.

use std::sync::Arc;

use once_sdk::api::sims::UpdateSim;
use once_sdk::{Iccid, PaymentMethod, SimStatus};
use pyo3::prelude::*;

use crate::client::Shared;
use crate::convert;
use crate::pagination::{AsyncPaginator, Paginator};

/// The Rust list call of `sims.list(...)`, shared by both flavours.
fn list_sims(
    py: Python<'_>,
    page_size: Option<i64>,
    filter: Option<String>,
    sort: Option<String>,
) -> PyResult<impl Fn(&once_sdk::Client) -> once_sdk::List<once_sdk::Sim> + Send + Sync + 'static> {
    let page_size = page_size
        .map(|n| convert::count(py, "pageSize", n))
        .transpose()?;
    Ok(move |c: &once_sdk::Client| {
        let mut list = c.sims().list();
        if let Some(n) = page_size {
            list = list.page_size(n);
        }
        if let Some(q) = &filter {
            list = list.filter(q.clone());
        }
        if let Some(s) = &sort {
            list = list.sort(s.clone());
        }
        list
    })
}

/// The arguments of `sims.update(...)`, applied to the Rust builder.
struct Update {
    iccid: Iccid,
    label: Option<String>,
    status: Option<SimStatus>,
    imei_lock: Option<bool>,
}

impl Update {
    fn new(
        py: Python<'_>,
        iccid: &str,
        label: Option<String>,
        status: Option<&str>,
        imei_lock: Option<bool>,
    ) -> PyResult<Self> {
        Ok(Self {
            iccid: convert::id(py, iccid)?,
            label,
            // Unknown values are rejected by the Rust call, naming `status`.
            status: status.map(|s| {
                s.parse()
                    .unwrap_or_else(|e: std::convert::Infallible| match e {})
            }),
            imei_lock,
        })
    }

    async fn send(self, c: once_sdk::Client) -> once_sdk::Result<()> {
        let update = c.sims().update(&self.iccid);
        changes(update, self.label, self.status, self.imei_lock)
            .send()
            .await
    }
}

/// Sets on a SIM change (`sims.update` or `v1.sims.update`: one Rust
/// builder) the arguments given.
pub(crate) fn changes(
    mut update: UpdateSim,
    label: Option<String>,
    status: Option<SimStatus>,
    imei_lock: Option<bool>,
) -> UpdateSim {
    if let Some(l) = label {
        update = update.label(l);
    }
    if let Some(s) = status {
        update = update.status(s);
    }
    if let Some(b) = imei_lock {
        update = update.imei_lock(b);
    }
    update
}

/// The Rust list call of `sims.events(...)`, shared by both flavours.
fn list_events(
    py: Python<'_>,
    iccid: &str,
    page_size: Option<i64>,
) -> PyResult<impl Fn(&once_sdk::Client) -> once_sdk::List<once_sdk::Event> + Send + Sync + 'static>
{
    let iccid: Iccid = convert::id(py, iccid)?;
    let size = page_size
        .map(|n| convert::count(py, "pageSize", n))
        .transpose()?;
    Ok(move |c: &once_sdk::Client| {
        let list = c.sims().events(&iccid);
        match size {
            Some(n) => list.page_size(n),
            None => list,
        }
    })
}

/// The arguments of `sims.top_up(...)`; unknown payment methods are refused
/// by the Rust call, naming `payment_method`.
struct TopUp {
    iccid: Iccid,
    payment_method: Option<PaymentMethod>,
}

impl TopUp {
    fn new(py: Python<'_>, iccid: &str, payment_method: Option<&str>) -> PyResult<Self> {
        Ok(Self {
            iccid: convert::id(py, iccid)?,
            payment_method: payment_method.map(|s| {
                s.parse()
                    .unwrap_or_else(|e: std::convert::Infallible| match e {})
            }),
        })
    }

    async fn send(self, c: once_sdk::Client) -> once_sdk::Result<once_sdk::TopUpOrder> {
        let t = c.sims().top_up(&self.iccid);
        match self.payment_method {
            Some(m) => t.payment_method(m).send().await,
            None => t.send().await,
        }
    }
}

/// Generates the blocking and the asyncio class of `client.sims`: the same
/// methods, `$run` being `call` or `spawn`, `$pager` the paginator;
/// `$list_doc` is `list`'s docstring (it says how to iterate).
macro_rules! sims_class {
    (
        $(#[$doc:meta])* $name:ident, $run:ident, $pager:ident,
        list: $(#[$list_doc:meta])*
    ) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            $(#[$list_doc])*
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            #[pyo3(signature = (*, page_size=None, filter=None, sort=None, timeout=None))]
            fn list(
                &self,
                py: Python<'_>,
                page_size: Option<i64>,
                filter: Option<String>,
                sort: Option<String>,
                timeout: Option<f64>,
            ) -> PyResult<$pager> {
                $pager::new(py, &self.shared, timeout, list_sims(py, page_size, filter, sort)?)
            }

            /// One SIM: `GET /v2/sims/{iccid}`. Read-only; retried on transient failures.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn get<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.sims().get(&iccid).await })
            }

            /// Changes a SIM's label, status (`Enabled`/`Disabled`) or IMEI lock:
            /// `PUT /v2/sims/{iccid}`. Free; idempotent, so retried.
            #[pyo3(signature = (iccid, *, label=None, status=None, imei_lock=None, timeout=None))]
            fn update<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                label: Option<String>,
                status: Option<&str>,
                imei_lock: Option<bool>,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let update = Update::new(py, iccid, label, status, imei_lock)?;
                self.shared.$run(py, timeout, |c| update.send(c))
            }

            /// The SIM's data quota: `GET /v2/sims/{iccid}/quota/data`. Read-only.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn data_quota<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared.$run(py, timeout, |c| async move {
                    c.sims().data_quota(&iccid).await
                })
            }

            /// The SIM's SMS quota: `GET /v2/sims/{iccid}/quota/sms`. Read-only.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn sms_quota<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared.$run(py, timeout, |c| async move {
                    c.sims().sms_quota(&iccid).await
                })
            }

            /// The SIM's connectivity (online, attached, offline, blocked), where it
            /// is and its data sessions: `GET /v2/sims/{iccid}/status`. Read-only.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn status<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared.$run(py, timeout, |c| async move {
                    c.sims().status(&iccid).await
                })
            }

            /// The SIM's diagnostic events: `GET /v2/sims/{iccid}/events`, 10 per
            /// page by default (at most 1000).
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            #[pyo3(signature = (iccid, *, page_size=None, timeout=None))]
            fn events(
                &self,
                py: Python<'_>,
                iccid: &str,
                page_size: Option<i64>,
                timeout: Option<f64>,
            ) -> PyResult<$pager> {
                $pager::new(py, &self.shared, timeout, list_events(py, iccid, page_size)?)
            }

            /// Resets the SIM's connectivity (1NCE detaches it; the device attaches
            /// afresh): `POST /v2/sims/{iccid}/reset`. Changes the world: never
            /// retried once it may have reached 1NCE (`OutcomeUnknownError`).
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn reset<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.sims().reset(&iccid).await })
            }

            /// Tops up the SIM's data and SMS volume: `POST /v2/sims/{iccid}/topup`.
            /// **Costs money**; never retried once it may have reached 1NCE
            /// (`OutcomeUnknownError`: check the quota before trying again).
            /// `payment_method`: `banktransfer` (1NCE's default), `creditcard`,
            /// `monthlyinvoice` or `boleto`.
            #[pyo3(signature = (iccid, *, payment_method=None, timeout=None))]
            fn top_up<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                payment_method: Option<&str>,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let top_up = TopUp::new(py, iccid, payment_method)?;
                self.shared.$run(py, timeout, |c| top_up.send(c))
            }

            /// Switches automatic top-up on or off for SIMs: `POST
            /// /v2/sims/autoTopup` (201). 1NCE does not publish this body; the SDK
            /// sends v1's `{"enabled": bool, "iccids": [...]}`. Non-empty, valid
            /// ICCIDs, no SIM twice; setting a flag is idempotent, so retried.
            #[pyo3(signature = (iccids, *, enabled, timeout=None))]
            fn auto_top_up<'py>(
                &self,
                py: Python<'py>,
                iccids: Vec<String>,
                enabled: bool,
                timeout: Option<f64>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccids = iccids
                    .iter()
                    .map(|v| convert::id::<Iccid>(py, v))
                    .collect::<PyResult<Vec<Iccid>>>()?;
                self.shared.$run(py, timeout, |c| async move {
                    c.sims().auto_top_up(&iccids, enabled).await
                })
            }
        }
    };
}

sims_class!(
    /// SIM management (API v2), from `Client.sims`.
    Sims,
    call,
    Paginator,
    list:
    /// The account's SIMs: `GET /v2/sims`, 10 per page by default (at most
    /// 100). Iterate for every SIM; pages are fetched lazily.
);

sims_class!(
    /// SIM management (API v2), from `AsyncClient.sims`.
    AsyncSims,
    spawn,
    AsyncPaginator,
    list:
    /// The account's SIMs: `GET /v2/sims`, 10 per page by default (at most
    /// 100). `async for` over it for every SIM; pages are fetched lazily.
);

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Sims>()?;
    m.add_class::<AsyncSims>()?;
    Ok(())
}
