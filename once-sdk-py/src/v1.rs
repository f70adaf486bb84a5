//! `client.v1.sims`: SIM management v1, all 23 operations of
//! `once_sdk::api::v1` (`client.v1().sims()` in Rust).
//!
//! 1NCE retires SIM management v1 at the end of 2026. Each method's
//! docstring names its v2 counterpart, or says that there is none.
//!
//! The blocking (`V1Sims`) and asyncio (`AsyncV1Sims`) classes are generated
//! by one macro: they differ only in `call` versus `spawn` and in the
//! paginator class. Python arguments are parsed here (ids, enums, counts)
//! and the Rust request values validated before anything is sent; a bad
//! value raises `ValidationError` naming the field as 1NCE spells it.
//!
//! The Rust v1 calls that v2 also has are deprecated (1NCE retires v1 on
//! 2026-12-31); this module wraps exactly those calls, unchanged for Python.
#![allow(deprecated)]

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use once_sdk::types::v1::{Extension, LimitService, PaymentMethod, SetLimits, SimUpdate, Transfer};
use once_sdk::{Iccid, SimStatus, Sms, SourceAddressType, ValidationError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::Shared;
use crate::convert::{self, ToPy};
use crate::errors;
use crate::models_v1::{AsV1, V1TopUpOrderData};
use crate::pagination::{AsV1List, AsyncPaginator, Paginator};

fn invalid(py: Python<'_>, field: &'static str, rule: impl Into<String>) -> PyErr {
    errors::validation(py, &ValidationError::new(field, rule))
}

/// Parses ICCIDs given as a list; a bad one raises naming `field`.
fn iccid_list(py: Python<'_>, field: &'static str, values: Vec<String>) -> PyResult<Vec<Iccid>> {
    values
        .into_iter()
        .map(|v| {
            v.parse::<Iccid>()
                .map_err(|e| invalid(py, field, format!("{v:?}: {}", e.rule)))
        })
        .collect()
}

/// A string enum from Python: unknown values are kept and refused by the
/// Rust call (naming the field) before anything is sent.
fn enum_of<T: std::str::FromStr<Err = std::convert::Infallible>>(s: &str) -> T {
    s.parse()
        .unwrap_or_else(|e: std::convert::Infallible| match e {})
}

fn payment(method: Option<&str>) -> Option<PaymentMethod> {
    method.map(enum_of)
}

/// An SMS id (`{id}` in the path).
fn sms_id(py: Python<'_>, id: i64) -> PyResult<u64> {
    u64::try_from(id).map_err(|_| invalid(py, "id", format!("must be 0 or more, got {id}")))
}

/// A timezone-aware `datetime` as a UTC instant.
fn utc_datetime(
    py: Python<'_>,
    field: &'static str,
    value: &Bound<'_, PyAny>,
) -> PyResult<DateTime<Utc>> {
    let datetime = py.import("datetime")?;
    let aware = value.is_instance(&datetime.getattr("datetime")?)?
        && !value.call_method0("utcoffset")?.is_none();
    if !aware {
        return Err(invalid(py, field, "must be a timezone-aware datetime"));
    }
    let utc = datetime.getattr("timezone")?.getattr("utc")?;
    value.call_method1("astimezone", (utc,))?.extract()
}

/// The SMS of `send_sms`, built from the keyword arguments and validated.
#[allow(clippy::too_many_arguments)]
fn sms(
    py: Python<'_>,
    payload: String,
    dcs: Option<i64>,
    udh: Option<String>,
    source_address: Option<String>,
    source_address_type: Option<i64>,
    expiry_date: Option<&Bound<'_, PyAny>>,
) -> PyResult<Sms> {
    let mut sms = Sms::text(payload);
    if let Some(d) = dcs {
        sms.dcs = Some(u8::try_from(d).map_err(|_| {
            invalid(
                py,
                "dcs",
                format!("must be 0 (text), 4 (binary) or 8 (UCS-2), got {d}"),
            )
        })?);
    }
    sms.udh = udh;
    sms.source_address = source_address;
    if let Some(t) = source_address_type {
        let id = u16::try_from(t).map_err(|_| {
            invalid(
                py,
                "source_address_type",
                format!("must be 145, 161 or 208, got {t}"),
            )
        })?;
        sms.source_address_type = Some(SourceAddressType::new(id));
    }
    if let Some(at) = expiry_date {
        sms.expiry_date = Some(utc_datetime(py, "expiry_date", at)?.into());
    }
    sms.validate().map_err(|e| errors::validation(py, &e))?;
    Ok(sms)
}

fn sim_update(
    py: Python<'_>,
    iccid: &str,
    status: &str,
    label: Option<String>,
    imei_lock: Option<bool>,
) -> PyResult<SimUpdate> {
    let mut u = SimUpdate::new(convert::id(py, iccid)?, enum_of::<SimStatus>(status));
    if let Some(l) = label {
        u = u.label(l);
    }
    if let Some(b) = imei_lock {
        u = u.imei_lock(b);
    }
    u.validate().map_err(|e| errors::validation(py, &e))?;
    Ok(u)
}

/// One SIM's new settings for `update_many`: the ICCID and status (which
/// SIM management v1 requires on every update), optionally a label and the
/// IMEI lock. Checked when built (``ValidationError`` naming the field).
///
/// 1NCE retires SIM management v1 at the end of 2026; v2 changes one SIM at
/// a time with `client.sims.update`.
#[pyclass(frozen, eq, module = "once_sdk")]
#[derive(Clone, PartialEq)]
pub struct V1SimUpdate(SimUpdate);

#[pymethods]
impl V1SimUpdate {
    #[new]
    #[pyo3(signature = (iccid, *, status, label=None, imei_lock=None))]
    fn new(
        py: Python<'_>,
        iccid: &str,
        status: &str,
        label: Option<String>,
        imei_lock: Option<bool>,
    ) -> PyResult<Self> {
        sim_update(py, iccid, status, label, imei_lock).map(Self)
    }

    /// The SIM to change.
    #[getter]
    fn iccid<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.iccid.to_py(py)
    }

    /// `Enabled` or `Disabled`.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.status.to_py(py)
    }

    /// The new label, if any.
    #[getter]
    fn label<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.label.to_py(py)
    }

    /// Lock (or unlock) the SIM to the current device IMEI, if set.
    #[getter]
    fn imei_lock<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.imei_lock.to_py(py)
    }

    /// The fields as a plain dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("iccid", self.iccid(py)?)?;
        d.set_item("status", self.status(py)?)?;
        d.set_item("label", self.label(py)?)?;
        d.set_item("imei_lock", self.imei_lock(py)?)?;
        Ok(d)
    }

    fn __hash__(&self) -> u64 {
        crate::models::hash_json(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "V1SimUpdate(iccid={}, status={}, label={}, imei_lock={})",
            self.iccid(py)?.repr()?,
            self.status(py)?.repr()?,
            self.label(py)?.repr()?,
            self.imei_lock(py)?.repr()?,
        ))
    }
}

/// The updates of `update_many`, each a `V1SimUpdate`.
fn updates(py: Python<'_>, items: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<SimUpdate>> {
    items
        .iter()
        .map(|item| match item.cast::<V1SimUpdate>() {
            Ok(u) => Ok(u.get().0.clone()),
            Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "update_many takes V1SimUpdate items, got {}",
                item.get_type().name()?
            ))),
        })
        .collect::<PyResult<Vec<_>>>()
        .and_then(|u| {
            if u.is_empty() {
                Err(invalid(py, "body", "must list at least one SIM update"))
            } else {
                Ok(u)
            }
        })
}

fn transfer(
    py: Python<'_>,
    iccids: Option<Vec<String>>,
    ranges: Option<Vec<(String, String)>>,
    target_organisation: Option<i64>,
) -> PyResult<Transfer> {
    let mut t = Transfer::new();
    for iccid in iccid_list(py, "iccids", iccids.unwrap_or_default())? {
        t = t.iccid(iccid);
    }
    for (from, to) in ranges.unwrap_or_default() {
        let mut ends = iccid_list(py, "iccid_ranges", vec![from, to])?.into_iter();
        if let (Some(from), Some(to)) = (ends.next(), ends.next()) {
            t = t.range(from, to);
        }
    }
    if let Some(org) = target_organisation {
        t = t.target_organisation(org);
    }
    t.validate().map_err(|e| errors::validation(py, &e))?;
    Ok(t)
}

fn set_limits(
    py: Python<'_>,
    data: Option<i64>,
    sms_mt: Option<i64>,
    sms_mo: Option<i64>,
) -> PyResult<SetLimits> {
    let mut l = SetLimits::default();
    if let Some(id) = data {
        l = l.data(id);
    }
    if let Some(id) = sms_mt {
        l = l.sms_mt(id);
    }
    if let Some(id) = sms_mo {
        l = l.sms_mo(id);
    }
    l.validate().map_err(|e| errors::validation(py, &e))?;
    Ok(l)
}

fn extension(py: Python<'_>, iccids: Vec<String>, product_id: Option<i64>) -> PyResult<Extension> {
    let mut e = Extension::new(iccid_list(py, "iccids", iccids)?);
    if let Some(id) = product_id {
        e = e.product_id(id);
    }
    e.validate().map_err(|e| errors::validation(py, &e))?;
    Ok(e)
}

fn page_size(py: Python<'_>, n: Option<i64>) -> PyResult<Option<u32>> {
    n.map(|n| convert::count(py, "pageSize", n)).transpose()
}

/// Generates the blocking and the asyncio class of `client.v1.sims`: the
/// same methods, `$run` being `call` or `spawn`, `$pager` the paginator.
macro_rules! v1_sims_class {
    ($(#[$doc:meta])* $name:ident, $run:ident, $pager:ident) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            /// The account's SIMs (`GET /v1/sims`), `page_size` 1..100
            /// (default 10), `filter` on imei/ip_address (`imei:4711`), `sort`
            /// by imei/ip_address (`-imei`). Pages are fetched lazily;
            /// read-only, retried.
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            ///
            /// 1NCE retires v1 at the end of 2026: use `client.sims.list` (v2).
            #[pyo3(signature = (*, page_size=None, filter=None, sort=None, timeout=None))]
            fn list(
                &self,
                py: Python<'_>,
                page_size: Option<i64>,
                filter: Option<String>,
                sort: Option<String>,
                timeout: Option<f64>,
            ) -> PyResult<$pager> {
                let size = self::page_size(py, page_size)?;
                $pager::new(py, &self.shared, timeout, move |c| {
                    let mut list = c.v1().sims().list();
                    if let Some(n) = size {
                        list = list.page_size(n);
                    }
                    if let Some(q) = &filter {
                        list = list.filter(q.clone());
                    }
                    if let Some(s) = &sort {
                        list = list.sort(s.clone());
                    }
                    AsV1List(list)
                })
            }

            /// One SIM (`GET /v1/sims/{iccid}`). Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026: use `client.sims.get` (v2).
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn get<'py>(&self, py: Python<'py>, iccid: &str, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().get(&iccid).await.map(AsV1) })
            }

            /// Changes one SIM (`PUT /v1/sims/{iccid}`): `status`
            /// (`Enabled`/`Disabled`, required by v1), `label` (at most 255
            /// characters), `imei_lock`. Free; idempotent, so retried.
            ///
            /// 1NCE retires v1 at the end of 2026: use `client.sims.update` (v2).
            #[pyo3(signature = (iccid, *, status, label=None, imei_lock=None, timeout=None))]
            fn update<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                status: &str,
                label: Option<String>,
                imei_lock: Option<bool>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                // Checked here, so that errors name Python's arguments.
                let u = sim_update(py, iccid, status, label, imei_lock)?;
                self.shared.$run(py, timeout, |c| async move {
                    let update = c.v1().sims().update(&u.iccid);
                    crate::sims::changes(update, u.label, Some(u.status), u.imei_lock).send().await
                })
            }

            /// Changes many SIMs at once (`POST /v1/sims`), one `V1SimUpdate`
            /// each (non-empty, no SIM twice). 1NCE queues the changes; success
            /// means queued. Setting values is idempotent, so retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (updates, *, timeout=None))]
            fn update_many<'py>(
                &self,
                py: Python<'py>,
                updates: Vec<Bound<'py, PyAny>>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let u = self::updates(py, updates)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().update_many(&u).await })
            }

            /// The SIM's connectivity status, location and data session
            /// (`GET /v1/sims/{iccid}/status`). Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims.status`.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn status<'py>(&self, py: Python<'py>, iccid: &str, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().status(&iccid).await })
            }

            /// Connectivity and cell tower information of the device
            /// (`GET /v1/sims/{iccid}/connectivity_info`, 2G/3G only):
            /// `subscriber` (1NCE's default True) and `ussd` (default False)
            /// choose what is queried. Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (iccid, *, subscriber=None, ussd=None, timeout=None))]
            fn connectivity_info<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                subscriber: Option<bool>,
                ussd: Option<bool>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared.$run(py, timeout, |c| async move {
                    let mut q = c.v1().sims().connectivity_info(&iccid);
                    if let Some(b) = subscriber {
                        q = q.subscriber(b);
                    }
                    if let Some(b) = ussd {
                        q = q.ussd(b);
                    }
                    q.send().await
                })
            }

            /// Resets the SIM's connectivity (`POST /v1/sims/{iccid}/reset`);
            /// 1NCE queues it. Changes state: never retried once it may have
            /// reached 1NCE.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims.reset`.
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn reset<'py>(&self, py: Python<'py>, iccid: &str, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().reset(&iccid).await })
            }

            /// The SIM's network and status events (`GET
            /// /v1/sims/{iccid}/events`), `page_size` 1..1000 (default 10),
            /// `sort` by keys (`-timestamp`). Pages are fetched lazily;
            /// read-only, retried.
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims.events`.
            #[pyo3(signature = (iccid, *, page_size=None, sort=None, timeout=None))]
            fn events(
                &self,
                py: Python<'_>,
                iccid: &str,
                page_size: Option<i64>,
                sort: Option<String>,
                timeout: Option<f64>,
            ) -> PyResult<$pager> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let size = self::page_size(py, page_size)?;
                $pager::new(py, &self.shared, timeout, move |c| {
                    let mut list = c.v1().sims().events(&iccid);
                    if let Some(n) = size {
                        list = list.page_size(n);
                    }
                    if let Some(s) = &sort {
                        list = list.sort(s.clone());
                    }
                    list
                })
            }

            /// Daily data and SMS usage of the SIM (`GET
            /// /v1/sims/{iccid}/usage`) from `since` to `until` (dates, both
            /// optional; at most 6 months back, `since` not after `until`),
            /// with the period's totals apart (`Usage.total`). Read-only;
            /// retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (iccid, *, since=None, until=None, timeout=None))]
            fn usage<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                since: Option<NaiveDate>,
                until: Option<NaiveDate>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared.$run(py, timeout, |c| async move {
                    let mut q = c.v1().sims().usage(&iccid);
                    if let Some(d) = since {
                        q = q.since(d);
                    }
                    if let Some(d) = until {
                        q = q.until(d);
                    }
                    q.send().await
                })
            }

            /// The SIM's data quota (`GET /v1/sims/{iccid}/quota/data`).
            /// Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026: use `client.sims.data_quota` (v2).
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn data_quota<'py>(&self, py: Python<'py>, iccid: &str, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().data_quota(&iccid).await })
            }

            /// The SIM's SMS quota (`GET /v1/sims/{iccid}/quota/sms`).
            /// Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026: use `client.sims.sms_quota` (v2).
            #[pyo3(signature = (iccid, *, timeout=None))]
            fn sms_quota<'py>(&self, py: Python<'py>, iccid: &str, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().sms_quota(&iccid).await })
            }

            /// The SMS sent to and received from the SIM (`GET
            /// /v1/sims/{iccid}/sms`), `page_size` 1..100 (default 10),
            /// `sort` by keys (`-submit_date`). Pages are fetched lazily;
            /// read-only, retried.
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sms.list`.
            #[pyo3(signature = (iccid, *, page_size=None, sort=None, timeout=None))]
            fn list_sms(
                &self,
                py: Python<'_>,
                iccid: &str,
                page_size: Option<i64>,
                sort: Option<String>,
                timeout: Option<f64>,
            ) -> PyResult<$pager> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let size = self::page_size(py, page_size)?;
                $pager::new(py, &self.shared, timeout, move |c| {
                    let mut list = c.v1().sms().list(&iccid);
                    if let Some(n) = size {
                        list = list.page_size(n);
                    }
                    if let Some(s) = &sort {
                        list = list.sort(s.clone());
                    }
                    list
                })
            }

            /// Sends an SMS to the device (`POST /v1/sims/{iccid}/sms`):
            /// `payload` is text (GSM 7-bit) or hex with `dcs` 4 (binary) or
            /// 8 (UCS-2); `udh` hex; `source_address` with its
            /// `source_address_type` (145, 161, 208); `expiry_date` a
            /// timezone-aware datetime. Checked before sending. Uses the SMS
            /// quota: never retried once it may have reached 1NCE.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sms.send`.
            #[pyo3(signature = (
                iccid, payload, *, dcs=None, udh=None, source_address=None,
                source_address_type=None, expiry_date=None, timeout=None
            ))]
            #[allow(clippy::too_many_arguments)]
            fn send_sms<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                payload: String,
                dcs: Option<i64>,
                udh: Option<String>,
                source_address: Option<String>,
                source_address_type: Option<i64>,
                expiry_date: Option<Bound<'py, PyAny>>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let sms = self::sms(
                    py, payload, dcs, udh, source_address, source_address_type,
                    expiry_date.as_ref(),
                )?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sms().send(&iccid, sms).await })
            }

            /// One SMS of the SIM by id (`GET /v1/sims/{iccid}/sms/{id}`).
            /// Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sms.get`.
            #[pyo3(signature = (iccid, id, *, timeout=None))]
            fn get_sms<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                id: i64, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let id = sms_id(py, id)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sms().get(&iccid, id).await })
            }

            /// Cancels an SMS waiting for delivery (`DELETE
            /// /v1/sims/{iccid}/sms/{id}`). Idempotent, so retried.
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sms.delete`.
            #[pyo3(signature = (iccid, id, *, timeout=None))]
            fn delete_sms<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                id: i64, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let id = sms_id(py, id)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sms().delete(&iccid, id).await })
            }

            /// Tops up the SIM's data and SMS volume (`POST
            /// /v1/sims/{iccid}/topup`), paid by `payment_method`
            /// (`banktransfer` (1NCE's default), `creditcard`,
            /// `monthlyinvoice`, `boleto`). **Costs money**: never retried
            /// once it may have reached 1NCE (`OutcomeUnknownError` then).
            ///
            /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims.top_up`.
            #[pyo3(signature = (iccid, *, payment_method=None, timeout=None))]
            fn top_up<'py>(
                &self,
                py: Python<'py>,
                iccid: &str,
                payment_method: Option<&str>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccid: Iccid = convert::id(py, iccid)?;
                let method = payment(payment_method);
                self.shared.$run(py, timeout, |c| async move {
                    let mut t = c.v1().sims().top_up(&iccid);
                    if let Some(m) = method {
                        t = t.payment_method(m);
                    }
                    t.send().await.map(V1TopUpOrderData::from)
                })
            }

            /// Tops up several SIMs in one order (`POST /v1/sims/topup`;
            /// non-empty, no SIM twice), paid by `payment_method` as in
            /// `top_up`. **Costs money**: never retried once it may have
            /// reached 1NCE.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (iccids, *, payment_method=None, timeout=None))]
            fn top_up_many<'py>(
                &self,
                py: Python<'py>,
                iccids: Vec<String>,
                payment_method: Option<&str>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccids = iccid_list(py, "iccids", iccids)?;
                let method = payment(payment_method);
                self.shared.$run(py, timeout, |c| async move {
                    let mut t = c.v1().sims().top_up_many(&iccids);
                    if let Some(m) = method {
                        t = t.payment_method(m);
                    }
                    t.send().await.map(V1TopUpOrderData::from)
                })
            }

            /// Switches automatic top-up on or off for SIMs (`POST
            /// /v1/sims/autoTopup`; non-empty, no SIM twice). Setting a flag
            /// is idempotent, so retried (later top-ups cost money).
            ///
            /// 1NCE retires v1 at the end of 2026; use `sims.auto_top_up`
            /// (`POST /v2/sims/autoTopup`, same body) instead.
            #[pyo3(signature = (iccids, *, enabled, timeout=None))]
            fn auto_top_up<'py>(
                &self,
                py: Python<'py>,
                iccids: Vec<String>,
                enabled: bool, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let iccids = iccid_list(py, "iccids", iccids)?;
                self.shared.$run(py, timeout, |c| async move {
                    c.v1().sims().auto_top_up(&iccids, enabled).await
                })
            }

            /// The account-wide self-set monthly limits (`GET
            /// /v1/sims/limits`). Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (*, timeout=None))]
            fn limits<'py>(&self, py: Python<'py>, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().limits().await })
            }

            /// Sets the account-wide monthly limits by id (`POST
            /// /v1/sims/limits`): `data`, `sms_mt`, `sms_mo` are limit ids
            /// from `selectable_limits` (at least one, each positive).
            /// Idempotent, so retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (*, data=None, sms_mt=None, sms_mo=None, timeout=None))]
            fn set_limits<'py>(
                &self,
                py: Python<'py>,
                data: Option<i64>,
                sms_mt: Option<i64>,
                sms_mo: Option<i64>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let l = self::set_limits(py, data, sms_mt, sms_mo)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().set_limits(&l).await })
            }

            /// The limits that can be chosen for `service` (`data`, `smsMO`,
            /// `smsMT`): `GET /v1/sims/{service}/limits`. Read-only; retried.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (service, *, timeout=None))]
            fn selectable_limits<'py>(
                &self,
                py: Python<'py>,
                service: &str, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let service: LimitService = enum_of(service);
                self.shared.$run(py, timeout, |c| async move {
                    c.v1().sims().selectable_limits(service).await
                })
            }

            /// Extends SIMs' activation period and renews their quotas
            /// (`POST /v1/sims/extension`; `iccids` non-empty, no SIM twice),
            /// optionally switching to `product_id`, paid by
            /// `payment_method` as in `top_up`. **Costs money**: never
            /// retried once it may have reached 1NCE.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (iccids, *, product_id=None, payment_method=None, timeout=None))]
            fn extend<'py>(
                &self,
                py: Python<'py>,
                iccids: Vec<String>,
                product_id: Option<i64>,
                payment_method: Option<&str>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let e = extension(py, iccids, product_id)?;
                let method = payment(payment_method);
                self.shared.$run(py, timeout, |c| async move {
                    let mut x = c.v1().sims().extend(e);
                    if let Some(m) = method {
                        x = x.payment_method(m);
                    }
                    x.send().await
                })
            }

            /// Moves SIMs to another customer or sub-organisation (`POST
            /// /v1/sims/simTransfer`): single `iccids` and/or `ranges` of
            /// (first, last) ICCIDs, both included, at least one SIM;
            /// `target_organisation` the receiving organisation's id. Never
            /// retried once it may have reached 1NCE.
            ///
            /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
            #[pyo3(signature = (*, iccids=None, ranges=None, target_organisation=None, timeout=None))]
            fn transfer<'py>(
                &self,
                py: Python<'py>,
                iccids: Option<Vec<String>>,
                ranges: Option<Vec<(String, String)>>,
                target_organisation: Option<i64>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let t = self::transfer(py, iccids, ranges, target_organisation)?;
                self.shared
                    .$run(py, timeout, |c| async move { c.v1().sims().transfer(&t).await })
            }
        }
    };
}

v1_sims_class!(
    /// SIM management v1, from `Client.v1.sims`: the 23 v1 operations.
    ///
    /// 1NCE retires SIM management v1 at the end of 2026. Where v2 has the
    /// operation (`client.sims`, `client.sms`), use v2; usage, connectivity
    /// info, bulk update, multiple and auto top-up, limits, extension and
    /// transfer exist only here.
    V1Sims,
    call,
    Paginator
);

v1_sims_class!(
    /// SIM management v1, from `AsyncClient.v1.sims`: the 23 v1 operations,
    /// each returning an awaitable (lists: async iterators).
    ///
    /// 1NCE retires SIM management v1 at the end of 2026. Where v2 has the
    /// operation (`client.sims`, `client.sms`), use v2; usage, connectivity
    /// info, bulk update, multiple and auto top-up, limits, extension and
    /// transfer exist only here.
    AsyncV1Sims,
    spawn,
    AsyncPaginator
);

/// Generates `V1` and `AsyncV1`: the v1 namespace, holding its resources.
macro_rules! v1_class {
    ($(#[$doc:meta])* $name:ident, $sims:ident) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            /// The SIM operations of v1 (all 23 v1 operations). 1NCE retires
            /// v1 at the end of 2026.
            #[getter]
            fn sims(&self) -> $sims {
                $sims::new(Arc::clone(&self.shared))
            }
        }
    };
}

v1_class!(
    /// SIM management v1 (`/v1/sims...`), from `Client.v1`.
    ///
    /// 1NCE retires SIM management v1 at the end of 2026: use `client.sims`
    /// (v2) wherever it has the operation.
    V1,
    V1Sims
);

v1_class!(
    /// SIM management v1 (`/v1/sims...`), from `AsyncClient.v1`.
    ///
    /// 1NCE retires SIM management v1 at the end of 2026: use `client.sims`
    /// (v2) wherever it has the operation.
    AsyncV1,
    AsyncV1Sims
);

/// Adds the v1 classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<V1>()?;
    m.add_class::<AsyncV1>()?;
    m.add_class::<V1Sims>()?;
    m.add_class::<AsyncV1Sims>()?;
    m.add_class::<V1SimUpdate>()?;
    Ok(())
}
