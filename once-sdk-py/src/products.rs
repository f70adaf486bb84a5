//! `client.products`: product information (`/v1/products`).

use std::sync::Arc;

use pyo3::prelude::*;

use crate::client::Shared;
use crate::errors::{self, IntoPyResult};
use crate::pagination::ErasedPage;
use crate::runtime;

crate::client::resource_class!(
    /// Product information, from `Client.products`.
    Products
);

#[pymethods]
impl Products {
    /// Every product 1NCE offers the account: `GET /v1/products`. 1NCE does
    /// not page it: one `Page` holds every product. Read-only.
    #[pyo3(signature = (*, timeout=None))]
    fn list<'py>(&self, py: Python<'py>, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
        let client = self.shared.client_within(py, timeout)?;
        let page =
            runtime::wait(py, async move { client.products().list().await })?.into_py_result(py)?;
        Ok(ErasedPage::from(page).into_pyobject(py)?.into_any())
    }
}

crate::client::resource_class!(
    /// Product information, from `AsyncClient.products`.
    AsyncProducts
);

#[pymethods]
impl AsyncProducts {
    /// Every product 1NCE offers the account: `GET /v1/products`, as one `Page`.
    #[pyo3(signature = (*, timeout=None))]
    fn list<'py>(&self, py: Python<'py>, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
        let client = self.shared.client_within(py, timeout)?;
        runtime::spawn(py, async move {
            match client.products().list().await {
                Ok(page) => Ok(ErasedPage::from(page)),
                Err(e) => Err(errors::to_py_async(e).await),
            }
        })
    }
}

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Products>()?;
    m.add_class::<AsyncProducts>()?;
    Ok(())
}
