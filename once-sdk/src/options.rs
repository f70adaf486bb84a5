//! Per-call options ([`CallOptions`]) and response metadata ([`ResponseMeta`]).
//!
//! # Options for one call
//!
//! Every request builder of the SDK (`client.sims().get(&iccid)`, lists,
//! top-ups, raw calls, ...) takes the same three builder methods, which
//! apply to that call alone and leave the client as it is:
//!
//! - `.attempt_timeout(d)`: how long one attempt may take (`None`: no limit);
//! - `.operation_timeout(d)`: the deadline of the whole call, retries and
//!   waits included (`None`: no deadline);
//! - `.retry_policy(p)`: how this call is retried ([`RetryPolicy::disabled`]
//!   for none);
//!
//! and `.options(CallOptions)` sets all three from a prepared
//! [`CallOptions`]. What is retried still depends on the call: options
//! change how often and how long, never whether a call that costs money may
//! be sent twice.
//!
//! ```no_run
//! # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
//! use std::time::Duration;
//! use once_sdk::RetryPolicy;
//! // A quick look: one attempt, two seconds.
//! let sim = client
//!     .sims()
//!     .get(&iccid)
//!     .attempt_timeout(Duration::from_secs(2))
//!     .retry_policy(RetryPolicy::disabled())
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! For many calls with the same options, derive a client with
//! [`Client::with_options`](crate::Client::with_options): it shares the
//! parent's token cache, rate limiter and connection pool.
//!
//! # Response metadata
//!
//! `.send_with_meta()` on every request builder returns the value together
//! with its [`ResponseMeta`]: the HTTP status, 1NCE's request id, the
//! rate-limit headers and, on lists, the page figures. The request id is
//! also recorded on the call's `once_sdk.call` tracing span.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName};

use crate::retry::RetryPolicy;
use crate::transport::TransportConfig;

/// Timeouts and retry policy for one call (or for a client derived with
/// [`Client::with_options`](crate::Client::with_options)). Anything not
/// set keeps the client's setting. See the [module docs](self).
///
/// ```
/// use std::time::Duration;
/// use once_sdk::{CallOptions, RetryPolicy};
/// let patient = CallOptions::new()
///     .operation_timeout(Duration::from_secs(600))
///     .retry_policy(RetryPolicy::default().max_retries(10));
/// # let _ = patient;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallOptions {
    attempt_timeout: Option<Option<Duration>>,
    operation_timeout: Option<Option<Duration>>,
    retry_policy: Option<RetryPolicy>,
}

impl CallOptions {
    /// No overrides: the client's settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long one attempt may take, response body included; `None` for no
    /// limit.
    pub fn attempt_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.attempt_timeout = Some(d.into());
        self
    }

    /// The deadline of the whole call, retries and waits included; `None`
    /// for no deadline (see
    /// [`ClientBuilder::operation_timeout`](crate::ClientBuilder::operation_timeout)).
    pub fn operation_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.operation_timeout = Some(d.into());
        self
    }

    /// How the call is retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }

    /// True when nothing is overridden.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// These options on top of `other`: what is set here wins.
    pub(crate) fn over(&self, other: &CallOptions) -> CallOptions {
        CallOptions {
            attempt_timeout: self.attempt_timeout.or(other.attempt_timeout),
            operation_timeout: self.operation_timeout.or(other.operation_timeout),
            retry_policy: self
                .retry_policy
                .clone()
                .or_else(|| other.retry_policy.clone()),
        }
    }

    /// A transport configuration with these overrides applied.
    pub(crate) fn apply(&self, config: &TransportConfig) -> TransportConfig {
        let mut c = config.clone();
        if let Some(t) = self.attempt_timeout {
            c.attempt_timeout = t;
        }
        if let Some(t) = self.operation_timeout {
            c.operation_timeout = t;
        }
        if let Some(p) = &self.retry_policy {
            c.retry = p.clone();
        }
        c
    }
}

/// The headers that carry a request id, in order of preference (1NCE's
/// gateway, AWS API Gateway, common proxies). Prepared names: looking one up
/// hashes it, where a `&str` would be parsed and checked on every lookup.
pub(crate) const REQUEST_ID_HEADERS: [HeaderName; 4] = [
    HeaderName::from_static("x-request-id"),
    HeaderName::from_static("x-amzn-requestid"),
    HeaderName::from_static("x-amz-apigw-id"),
    HeaderName::from_static("x-correlation-id"),
];

/// The request id of a response, if it carried one.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| headers.get(h))
        .and_then(|v| v.to_str().ok())
}

/// What a successful response said besides its body: status, request id,
/// rate-limit headers, page figures, and every header.
///
/// From `.send_with_meta()` on any request builder:
///
/// ```no_run
/// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
/// let (quota, meta) = client.sims().data_quota(&iccid).send_with_meta().await?;
/// println!("{:?} MB left (request {:?}, {:?} calls left)", quota.volume, meta.request_id(), meta.rate_limit_remaining());
/// # Ok(()) }
/// ```
///
/// Tests can build one with [`ResponseMeta::new`] and
/// [`with_header`](Self::with_header).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseMeta {
    status: u16,
    headers: HeaderMap,
}

impl ResponseMeta {
    /// Metadata of a response with `status` and no headers.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
        }
    }

    pub(crate) fn from_parts(status: u16, headers: HeaderMap) -> Self {
        Self { status, headers }
    }

    /// With one more header (ignored when the name or value is not a valid
    /// HTTP header).
    ///
    /// ```
    /// let meta = once_sdk::ResponseMeta::new(200)
    ///     .with_header("x-amzn-requestid", "3f1c")
    ///     .with_header("x-total-count", "42");
    /// assert_eq!(meta.request_id(), Some("3f1c"));
    /// assert_eq!(meta.total_count(), Some(42));
    /// ```
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            reqwest::header::HeaderName::from_bytes(name.as_bytes()),
            reqwest::header::HeaderValue::from_str(value),
        ) {
            self.headers.append(n, v);
        }
        self
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// 1NCE's request id (`x-request-id`, `x-amzn-requestid`,
    /// `x-amz-apigw-id` or `x-correlation-id`); quote it to 1NCE support.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// Every response header.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header as text, if present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    fn number<N: std::str::FromStr>(&self, name: &str) -> Option<N> {
        self.header(name)?.trim().parse().ok()
    }

    fn first_number<N: std::str::FromStr>(&self, names: &[&str]) -> Option<N> {
        names.iter().find_map(|n| self.number(n))
    }

    /// The calls allowed per window (`x-rate-limit-limit` or `x-ratelimit-limit`).
    pub fn rate_limit_limit(&self) -> Option<u64> {
        self.first_number(&["x-rate-limit-limit", "x-ratelimit-limit"])
    }

    /// The calls left in the window (`x-rate-limit-remaining` or `x-ratelimit-remaining`).
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        self.first_number(&["x-rate-limit-remaining", "x-ratelimit-remaining"])
    }

    /// When the window resets, as sent (`x-rate-limit-reset` or `x-ratelimit-reset`).
    pub fn rate_limit_reset(&self) -> Option<&str> {
        self.header("x-rate-limit-reset")
            .or_else(|| self.header("x-ratelimit-reset"))
    }

    /// Items in the whole list (`X-Total-Count`), on list responses.
    pub fn total_count(&self) -> Option<u64> {
        self.number("x-total-count")
    }

    /// Pages in the whole list (`X-Total-Pages`), on list responses.
    pub fn total_pages(&self) -> Option<u32> {
        self.number("x-total-pages")
    }

    /// The page this response holds (`X-Current-Page`), on list responses.
    pub fn current_page(&self) -> Option<u32> {
        self.number("x-current-page")
    }

    /// Items per page (`X-Count-Per-Page`), on list responses.
    pub fn count_per_page(&self) -> Option<u32> {
        self.number("x-count-per-page")
    }
}

impl crate::transport::RawResponse {
    /// The metadata of this response.
    pub(crate) fn meta(&self) -> ResponseMeta {
        ResponseMeta::from_parts(self.status.as_u16(), self.headers.clone())
    }

    /// The metadata of this response, its headers moved, not copied.
    pub(crate) fn into_meta(self) -> ResponseMeta {
        ResponseMeta::from_parts(self.status.as_u16(), self.headers)
    }
}
