//! # once-sdk
//!
//! A typed, async client for the [1NCE](https://1nce.com) IoT connectivity
//! Management API: SIMs, quotas, SMS, orders, products and support requests;
//! and 1NCE OS, its device platform on the same token ([`Client::os`]:
//! device actions and keys, inspector, locator, optimizer, cloud
//! integrations, plugins; see [`api::os`]).
//!
//! ```no_run
//! use futures::TryStreamExt;
//!
//! # async fn run() -> Result<(), once_sdk::Error> {
//! // ONCE_CLIENT_ID and ONCE_CLIENT_SECRET from the 1NCE portal.
//! let client = once_sdk::Client::from_env()?;
//!
//! // Every SIM, 100 per request, the next page fetched while you work.
//! let mut sims = client.sims().list().page_size(100).stream();
//! while let Some(sim) = sims.try_next().await? {
//!     let quota = client.sims().data_quota(&sim.iccid).await?;
//!     println!("{} {:?} MB left", sim.iccid, quota.volume);
//! }
//! # Ok(()) }
//! ```
//!
//! ## What the client does for you
//!
//! - **Tokens**: `POST /oauth/token` is called once however many calls start
//!   together, refreshed in the background before it expires, and renewed
//!   once when the API answers 401. Share a token between processes with a
//!   [`TokenStore`] (feature `redis`: `redis::RedisTokenStore`, one token
//!   for every replica, fetched by one of them).
//! - **Rate limits**: calls are paced at 1NCE's published limits per endpoint
//!   group (`/sims` 10/s, `/orders`, `/products`, `/support` 100 per 5 min,
//!   `/oauth` 600/min; 1NCE OS's geofence list 30/min, every other 1NCE OS
//!   path its own group at [`ratelimit::OS_DEFAULT_LIMIT`]), so fleet scans
//!   run at the limit instead of into 429s.
//!   See [`RateLimits`]. Replicas sharing one account share the limits
//!   through a [`RateLimiter`] (feature `redis`: `redis::RedisRateLimiter`).
//! - **Retries**: idempotent calls (GET, PUT, DELETE) are retried on connect
//!   errors, timeouts, 429, 500, 502, 503 and 504 with exponential backoff
//!   and jitter; `Retry-After` wins. Calls that cost money or change state
//!   (top-ups, SMS, orders, resets, transfers, extensions, support requests;
//!   1NCE OS device actions, keys, integrations and plugins)
//!   are retried only when they provably did not reach 1NCE (connect failure)
//!   or on 429; otherwise you get [`Error::OutcomeUnknown`] and nothing is
//!   ever sent twice. See [`RetryPolicy`].
//! - **Validation**: ICCIDs, IMEIs, page sizes, SMS payloads are checked
//!   before anything is sent; the [`Error::InvalidInput`] names the field and
//!   the rule.
//! - **Lenient decoding**: unknown fields are ignored, unknown enum values
//!   kept (`SimStatus::Unknown`), timestamps in every shape 1NCE sends
//!   decoded ([`Timestamp`]), numbers sent as strings accepted.
//! - **Tracing**: one `once_sdk.call` span per call (operation, method, path
//!   template, attempt, status, latency). Secrets and tokens are never logged.
//!
//! ## Proxies and TLS
//!
//! TLS is rustls. `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` are
//! honoured; [`ClientBuilder::proxy`] sets one explicitly and
//! [`ClientBuilder::no_proxy`] ignores them. Plain `http` is allowed only to
//! loopback addresses. Redirects are not followed, so the bearer token only
//! ever goes to the base URL's host (with your own `reqwest::Client`, that
//! is its setting: see [`ClientBuilder::http_client`]).
//!
//! ## One shape, and room to extend
//!
//! - Every call is a request builder: `.await` it (or `.send()`), give it a
//!   timeout or a retry policy for that call alone, or ask for the
//!   [`ResponseMeta`] next to the value with `.send_with_meta()` (see
//!   [`options`]). Single-resource calls are a [`Call`], lists a [`List`]
//!   with `page_size`, `send`, `pages` and `stream`.
//! - [`Client::with_options`] derives a client with other timeouts or retry
//!   policy that shares the token cache and the rate limiter.
//! - [`ClientBuilder::http_client`] takes your own `reqwest::Client`.
//! - [`Client::raw`] calls endpoints the SDK does not cover yet, through
//!   the same token, pacing, retries and error mapping.
//! - [`testing`]: building models and errors in your unit tests, next to
//!   the sandbox.
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(rustdoc::broken_intra_doc_links)]

#[cfg(not(any(feature = "rustls-aws-lc", feature = "rustls-ring")))]
compile_error!(
    "once-sdk needs a TLS feature: `rustls-aws-lc` (the default) or `rustls-ring` \
     (`default-features = false, features = [\"rustls-ring\"]`)"
);

pub mod api;
pub mod auth;
mod client;
mod clock;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod hooks;
pub mod options;
pub mod pagination;
pub mod ratelimit;
mod redact;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub mod redis;
mod retry;
pub mod streamer;
pub mod testing;
mod transport;
pub mod types;

pub use api::call::{Call, RequestPreview};
pub use api::os::{Effect, HistoryQuery, Os, OsOperation, Submit};
pub use api::raw::{ApiResponse, RawRequest};
pub use api::v1::{V1Sims, V1Sms, V1UpdateTarget, V1};
pub use api::List;
pub use auth::{
    AccessToken, Credentials, InMemoryTokenStore, RefreshLock, StoredToken, TokenStore,
};
pub use client::{Client, ClientBuilder, ClientSettings, DEFAULT_BASE_URL, USER_AGENT};
pub use error::{ApiErrorDetails, Error, Result, ValidationError};
pub use options::{CallOptions, ResponseMeta};
pub use pagination::{ItemStream, Page, PageStream};
pub use ratelimit::{EndpointGroup, LocalRateLimiter, RateLimit, RateLimiter, RateLimits};
pub use retry::RetryPolicy;
pub use types::*;

/// The date and time crate of the API's timestamps ([`Timestamp`] wraps a
/// `chrono::DateTime<Utc>`; v1 usage takes `chrono::NaiveDate`), re-exported
/// so your code uses the same version.
pub use chrono;
/// The HTTP client crate: [`ClientBuilder::http_client`] takes a
/// `reqwest::Client`, [`Client::raw`] a `reqwest::Method`, and
/// [`ResponseMeta::headers`] is a `reqwest::header::HeaderMap`.
pub use reqwest;

/// The crate's README (its crates.io page), compiled as a doctest so that its
/// example stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadme;
