//! `client.support`: service requests to 1NCE support (`/v1/support`), both
//! flavours from one macro.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::client::Shared;
use crate::convert;
use crate::pagination::{AsyncPaginator, Paginator};

/// The Rust list call of `support.list(...)`.
fn list_requests(
    py: Python<'_>,
    page_size: Option<i64>,
) -> PyResult<
    impl Fn(&once_sdk::Client) -> once_sdk::List<once_sdk::ServiceRequest> + Send + Sync + 'static,
> {
    let size = page_size
        .map(|n| convert::count(py, "pageSize", n))
        .transpose()?;
    Ok(move |c: &once_sdk::Client| {
        let list = c.support().list();
        match size {
            Some(n) => list.page_size(n),
            None => list,
        }
    })
}

/// The arguments of `support.create(...)`.
struct NewRequest {
    subject: String,
    text: String,
    reply_to_mail: Option<String>,
    sender_name: Option<String>,
}

impl NewRequest {
    async fn send(self, c: once_sdk::Client) -> once_sdk::Result<()> {
        let mut r = c.support().create(self.subject, self.text);
        if let Some(m) = self.reply_to_mail {
            r = r.reply_to_mail(m);
        }
        if let Some(n) = self.sender_name {
            r = r.sender_name(n);
        }
        r.send().await
    }
}

macro_rules! support_resource {
    ($(#[$doc:meta])* $name:ident, $run:ident, $paginator:ident) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            /// The account's service requests with their messages:
            /// `GET /v1/support`, 1 per page by default (1NCE's), at most 100.
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            #[pyo3(signature = (*, page_size=None, timeout=None))]
            fn list(&self, py: Python<'_>, page_size: Option<i64>, timeout: Option<f64>) -> PyResult<$paginator> {
                $paginator::new(py, &self.shared, timeout, list_requests(py, page_size)?)
            }

            /// Opens a service request at 1NCE support: `POST /v1/support`.
            /// Checked first; never retried once it may have reached 1NCE
            /// (`OutcomeUnknownError`).
            #[pyo3(signature = (subject, text, *, reply_to_mail=None, sender_name=None, timeout=None))]
            fn create<'py>(
                &self,
                py: Python<'py>,
                subject: String,
                text: String,
                reply_to_mail: Option<String>,
                sender_name: Option<String>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let request = NewRequest { subject, text, reply_to_mail, sender_name };
                self.shared.$run(py, timeout, |c| request.send(c))
            }
        }
    };
}

support_resource!(
    /// Support management, from `Client.support`.
    Support,
    call,
    Paginator
);

support_resource!(
    /// Support management, from `AsyncClient.support`.
    AsyncSupport,
    spawn,
    AsyncPaginator
);

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Support>()?;
    m.add_class::<AsyncSupport>()?;
    Ok(())
}
