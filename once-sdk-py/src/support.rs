//! `client.support`: service requests to 1NCE support (`/v1/support`),
//! declared once with `resource_pair!` (as 1NCE OS is): the blocking and
//! asyncio classes and their stubs are generated from the same lines.

use std::sync::Arc;

use once_sdk::ServiceRequest;
use pyo3::prelude::*;

use crate::client::Shared;

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

/// Sets the page size if one was given.
fn sized(
    list: once_sdk::List<ServiceRequest>,
    size: Option<u32>,
) -> once_sdk::List<ServiceRequest> {
    match size {
        Some(n) => list.page_size(n),
        None => list,
    }
}

crate::os::resource_pair! {
    /// Support management: service requests to 1NCE support.
    Support, AsyncSupport ("support") {
        /// The account's service requests with their messages:
        /// `GET /v1/support`, 1 per page by default (1NCE's), at most 100.
        /// `timeout`: seconds each page's call may take, retries included, on
        /// every page fetched; `page(n, timeout=)` overrides it.
        list list(; page_size: u32) -> ServiceRequest = |c| sized(c.support().list(), page_size);
        /// Opens a service request at 1NCE support: `POST /v1/support`.
        /// Checked first; never retried once it may have reached 1NCE
        /// (`OutcomeUnknownError`).
        call create(subject: String, text: String; reply_to_mail: String, sender_name: String) -> ()
            = |c| NewRequest { subject, text, reply_to_mail, sender_name }.send(c);
    }
}

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Support>()?;
    m.add_class::<AsyncSupport>()?;
    Ok(())
}

/// The stub text of `Support` and `AsyncSupport` (generated).
pub(crate) fn stubs() -> String {
    [Support::stub(), AsyncSupport::stub()].join("\n")
}
