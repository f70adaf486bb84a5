//! `client.sms`: SMS to and from SIMs (API v2).
//!
//! Both flavours come from one macro: they differ only in `call` (blocking,
//! GIL released) versus `spawn` (asyncio), and in the paginator class.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use once_sdk::{Iccid, SourceAddressType};
use pyo3::prelude::*;

use crate::client::Shared;
use crate::convert;
use crate::errors;
use crate::pagination::{AsyncPaginator, Paginator};

/// The arguments of `sms.send(...)` as the Rust request body. The body is
/// checked by the Rust call (`Sms::validate`) before anything is sent.
#[allow(clippy::too_many_arguments)]
fn sms_of(
    py: Python<'_>,
    payload: String,
    dcs: Option<i64>,
    udh: Option<String>,
    source_address: Option<String>,
    source_address_type: Option<i64>,
    expiry_date: Option<DateTime<Utc>>,
) -> PyResult<once_sdk::Sms> {
    let mut sms = once_sdk::Sms::text(payload);
    if let Some(d) = dcs {
        let d = u8::try_from(d).map_err(|_| {
            errors::validation(
                py,
                &once_sdk::ValidationError::new(
                    "dcs",
                    format!("must be 0 (text), 4 (binary) or 8 (UCS-2), got {d}"),
                ),
            )
        })?;
        sms = sms.dcs(d);
    }
    if let Some(u) = udh {
        sms = sms.udh(u);
    }
    sms.source_address = source_address;
    if let Some(t) = source_address_type {
        let id = u16::try_from(t).map_err(|_| {
            errors::validation(
                py,
                &once_sdk::ValidationError::new(
                    "source_address_type",
                    format!("must be 145, 161 or 208, got {t}"),
                ),
            )
        })?;
        sms.source_address_type = Some(SourceAddressType::new(id));
    }
    if let Some(at) = expiry_date {
        sms = sms.expiry_date(at);
    }
    Ok(sms)
}

/// The Rust list call of `sms.list(...)`.
fn list_sms(
    py: Python<'_>,
    iccid: &str,
    page_size: Option<i64>,
) -> PyResult<
    impl Fn(&once_sdk::Client) -> once_sdk::List<once_sdk::SmsRecord> + Send + Sync + 'static,
> {
    let iccid: Iccid = convert::id(py, iccid)?;
    let size = page_size
        .map(|n| convert::count(py, "per_page", n))
        .transpose()?;
    Ok(move |c: &once_sdk::Client| {
        let list = c.sms().list(&iccid);
        match size {
            Some(n) => list.page_size(n),
            None => list,
        }
    })
}

macro_rules! sms_resource {
    ($(#[$doc:meta])* $name:ident, $run:ident, $paginator:ident) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            /// Sends an SMS to the device with the SIM: `POST /v2/sims/{iccid}/sms`.
            /// Checked first (payload, `dcs`, `udh`, sender); uses SMS quota and is
            /// never retried once it may have reached 1NCE (`OutcomeUnknownError`).
            /// Returns 1NCE's id of the SMS, or `None` when its answer had none.
            #[pyo3(signature = (
                iccid, payload, *, dcs=None, udh=None, source_address=None,
                source_address_type=None, expiry_date=None, timeout=None
            ))]
            #[allow(clippy::too_many_arguments)]
            fn send<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                payload: String,
                dcs: Option<i64>,
                udh: Option<String>,
                source_address: Option<String>,
                source_address_type: Option<i64>,
                expiry_date: Option<DateTime<Utc>>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let sms = sms_of(
                    py, payload, dcs, udh, source_address, source_address_type, expiry_date,
                )?;
                self.shared
                    .$run(py, timeout, |c| async move { c.sms().send(&iccid, sms).await })
            }

            /// The SMS sent to and received from the SIM: `GET /v2/sims/{iccid}/sms`,
            /// 20 per page by default (at most 1000, 1NCE's `per_page`).
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            #[pyo3(signature = (iccid, *, page_size=None, timeout=None))]
            fn list(&self, py: Python<'_>, iccid: &str, page_size: Option<i64>, timeout: Option<f64>) -> PyResult<$paginator> {
                $paginator::new(py, &self.shared, timeout, list_sms(py, iccid, page_size)?)
            }

            /// One SMS of the SIM: `GET /v2/sims/{iccid}/sms/{id}`. Read-only.
            #[pyo3(signature = (iccid, id, *, timeout=None))]
            fn get<'py>(&self, py: Python<'py>, iccid: &str, id: i64, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let id = convert::positive_id(py, "id", id)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.sms().get(&iccid, id).await })
            }

            /// Cancels an SMS not delivered yet: `DELETE /v2/sims/{iccid}/sms/{id}`.
            /// Idempotent, so retried.
            #[pyo3(signature = (iccid, id, *, timeout=None))]
            fn delete<'py>(&self, py: Python<'py>, iccid: &str, id: i64, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let id = convert::positive_id(py, "id", id)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.sms().delete(&iccid, id).await })
            }
        }
    };
}

sms_resource!(
    /// SMS to and from SIMs (API v2), from `Client.sms`.
    SmsMessages,
    call,
    Paginator
);

sms_resource!(
    /// SMS to and from SIMs (API v2), from `AsyncClient.sms`.
    AsyncSmsMessages,
    spawn,
    AsyncPaginator
);

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SmsMessages>()?;
    m.add_class::<AsyncSmsMessages>()?;
    Ok(())
}
