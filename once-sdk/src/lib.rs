//! # once-sdk
//!
//! A typed, async client for the [1NCE](https://1nce.com) IoT connectivity
//! Management API: SIMs, quotas, SMS, orders, products and support requests.
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
//!   `/oauth` 600/min), so fleet scans run at the limit instead of into 429s.
//!   See [`RateLimits`]. Replicas sharing one account share the limits
//!   through a [`RateLimiter`] (feature `redis`: `redis::RedisRateLimiter`).
//! - **Retries**: idempotent calls (GET, PUT, DELETE) are retried on connect
//!   errors, timeouts, 429, 500, 502, 503 and 504 with exponential backoff
//!   and jitter; `Retry-After` wins. Calls that cost money or change state
//!   (top-ups, SMS, orders, resets, transfers, extensions, support requests)
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
//! ever goes to the base URL's host.
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod api;
pub mod auth;
mod call_timeout;
mod client;
mod clock;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod pagination;
pub mod ratelimit;
#[cfg(feature = "redis")]
pub mod redis;
mod retry;
mod transport;
pub mod types;

pub use api::v1::{V1Sims, V1};
pub use api::List;
pub use auth::{
    AccessToken, Credentials, InMemoryTokenStore, RefreshLock, StoredToken, TokenStore,
};
pub use call_timeout::with_operation_timeout;
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL, USER_AGENT};
pub use error::{ApiErrorDetails, Error, Result, ValidationError};
pub use pagination::{ItemStream, Page, PageStream};
pub use ratelimit::{EndpointGroup, LocalRateLimiter, RateLimit, RateLimiter, RateLimits};
pub use retry::RetryPolicy;
pub use types::*;
