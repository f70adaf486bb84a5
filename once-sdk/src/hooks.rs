//! Per-request hooks: work of your own on every HTTP request the client
//! sends (retries and token requests included), such as a header per
//! request, signing, metrics or an audit log. Register them with
//! [`ClientBuilder::hook`](crate::ClientBuilder::hook); they run in the
//! order registered, before each request leaves and after each answer
//! arrives (not for an attempt that got no answer).
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use std::sync::Arc;
//! use once_sdk::hooks::{RequestHook, SentRequest, ReceivedResponse};
//! use once_sdk::{Client, Credentials};
//!
//! /// Adds a tenant header and counts requests by status.
//! #[derive(Default)]
//! struct Audit {
//!     requests: AtomicU64,
//!     errors: AtomicU64,
//! }
//!
//! impl RequestHook for Audit {
//!     fn before_send(&self, req: &mut SentRequest<'_>) {
//!         req.headers_mut()
//!             .insert("x-tenant", "fleet-7".parse().expect("a header value"));
//!         self.requests.fetch_add(1, Ordering::Relaxed);
//!     }
//!     fn after_receive(&self, resp: &ReceivedResponse<'_>) {
//!         if resp.status().is_client_error() || resp.status().is_server_error() {
//!             self.errors.fetch_add(1, Ordering::Relaxed);
//!         }
//!         tracing::info!(op = resp.operation(), ms = resp.latency().as_millis() as u64, "answered");
//!     }
//! }
//!
//! let audit = Arc::new(Audit::default());
//! let client = Client::builder()
//!     .credentials(Credentials::new("id", "secret"))
//!     .hook(audit.clone())
//!     .build()?;
//! # let _ = client;
//! # Ok::<(), once_sdk::Error>(())
//! ```

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

/// Work on every request: see the [module docs](self). Both methods do
/// nothing by default. They run inline on the request's task: keep them
/// quick (hand slow work to a channel).
pub trait RequestHook: Send + Sync + 'static {
    /// Before a request leaves: read it, add or change headers. The
    /// `Authorization` header is already set (do not log it).
    fn before_send(&self, req: &mut SentRequest<'_>) {
        let _ = req;
    }

    /// After an answer arrived (any status), before the SDK reads it.
    fn after_receive(&self, resp: &ReceivedResponse<'_>) {
        let _ = resp;
    }
}

/// A request about to be sent, as a [`RequestHook`] sees it.
pub struct SentRequest<'a> {
    pub(crate) operation: &'static str,
    pub(crate) template: &'a str,
    pub(crate) attempt: u32,
    pub(crate) request: &'a mut reqwest::Request,
}

impl SentRequest<'_> {
    /// The SDK's name of the operation (`sims.get`, `oauth.token`, `raw`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The path template (`/v2/sims/{iccid}`): no ids, fit for metrics.
    pub fn template(&self) -> &str {
        self.template
    }
    /// Which attempt of the call this is (from 1).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.request.method()
    }
    /// The full URL.
    pub fn url(&self) -> &Url {
        self.request.url()
    }
    /// The headers, to read.
    pub fn headers(&self) -> &HeaderMap {
        self.request.headers()
    }
    /// The headers, to add or change.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.request.headers_mut()
    }
    /// The body, if the request has one in memory (JSON).
    pub fn body(&self) -> Option<&[u8]> {
        self.request.body().and_then(|b| b.as_bytes())
    }
}

impl std::fmt::Debug for SentRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentRequest")
            .field("operation", &self.operation)
            .field("method", self.request.method())
            .field("template", &self.template)
            .field("attempt", &self.attempt)
            .finish_non_exhaustive()
    }
}

/// An answer that arrived, as a [`RequestHook`] sees it.
#[derive(Debug)]
pub struct ReceivedResponse<'a> {
    pub(crate) operation: &'static str,
    pub(crate) template: &'a str,
    pub(crate) method: &'a Method,
    pub(crate) attempt: u32,
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) latency: Duration,
}

impl ReceivedResponse<'_> {
    /// The SDK's name of the operation.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The path template of the request.
    pub fn template(&self) -> &str {
        self.template
    }
    /// The request's method.
    pub fn method(&self) -> &Method {
        self.method
    }
    /// Which attempt of the call this answered (from 1).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
    /// The answer's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// The answer's headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }
    /// From sending the request to the answer's headers.
    pub fn latency(&self) -> Duration {
        self.latency
    }
}
