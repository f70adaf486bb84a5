//! One token and one set of rate limits for every replica (feature `redis`).
//!
//! 1NCE limits `/sims` calls per customer (10 per second) and token
//! requests per IP (600 per minute). Each [`Client`](crate::Client) paces
//! itself and caches its own token, so ten replicas of a service run at ten
//! times the limit and each asks for its own token. With Redis they share:
//!
//! - [`RedisTokenStore`]: one token for all replicas. A cold cache makes one
//!   token request in total: the replica that takes a short refresh lock
//!   (`SET NX PX`) fetches, the others wait for its token. The lock expires
//!   by itself, so a replica that dies while fetching blocks the others no
//!   longer than the lock's lifetime.
//! - [`RedisRateLimiter`]: one schedule per endpoint group that every
//!   replica draws from (GCRA in an atomic Lua script, on Redis's clock), at
//!   1NCE's published limits.
//!
//! ```no_run
//! use std::sync::Arc;
//! use once_sdk::redis::{RedisRateLimiter, RedisTokenStore};
//! use once_sdk::{Client, Credentials, RateLimits};
//!
//! # fn run() -> Result<(), once_sdk::Error> {
//! let creds = Credentials::new("my-id", "my-secret");
//! let url = "redis://redis.internal:6379/";
//! let client = Client::builder()
//!     .credentials(creds.clone())
//!     .token_store(Arc::new(RedisTokenStore::new(url, creds.client_id())?))
//!     .rate_limiter(Arc::new(RedisRateLimiter::new(url, creds.client_id(), RateLimits::default())?))
//!     .build()?;
//! # Ok(()) }
//! ```
//!
//! Keys are namespaced by the client id (never the secret):
//! `once-sdk:<client id>:token`, `once-sdk:<client id>:token-lock` and
//! `once-sdk:<client id>:rate:<group>` (the prefix can be changed with
//! `key_prefix`). The token is stored in Redis in clear, as the API
//! receives it, and expires there with it: protect the Redis like the
//! credentials (a password or ACL, a private network). It is never logged.
//!
//! ## When Redis is unavailable
//!
//! Both fall back to in-process state rather than failing calls: the token
//! store keeps a copy of the last token it saw and, without Redis, fetches
//! and keeps tokens for its own process (a few extra token requests); the
//! rate limiter paces the process alone with its
//! [`fallback_limits`](RedisRateLimiter::fallback_limits) (by default the
//! shared limits, so N replicas cut off from Redis at once may run at up to
//! N times the limit, and the 429s that follow are retried after their
//! `Retry-After`; set `fallback_limits` to the limits divided by the number
//! of replicas to avoid that). The switch is logged once at WARN (and the
//! return at INFO); after a failure Redis is tried again every
//! [`retry_interval`](RedisTokenStore::retry_interval) (1 s by default), so
//! an outage does not add a Redis timeout to every call. Each Redis command
//! has a timeout (500 ms by default; the call that finds Redis hung waits
//! one, or two when the connection is re-made once in between, never more
//! than four). `fallback_active()` tells whether the fallback is in use.
//!
//! A single Redis server (5 or later) through a `redis://` URL; TLS
//! (`rediss://`), Redis Cluster and Sentinel are not supported.

mod rate_limiter;
mod token_store;

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use ::redis::aio::{ConnectionManager, ConnectionManagerConfig};
use ::redis::RedisResult;
use tokio::time::Instant;

pub use rate_limiter::RedisRateLimiter;
pub use token_store::RedisTokenStore;

use crate::error::{Error, Result};

/// The default key prefix.
pub const DEFAULT_KEY_PREFIX: &str = "once-sdk";
const DEFAULT_TIMEOUT: Duration = Duration::from_millis(500);
const DEFAULT_RETRY_INTERVAL: Duration = Duration::from_secs(1);

/// A lazily opened Redis connection that reports "unavailable" (`None`)
/// instead of errors, and stays away from Redis for `retry_interval` after
/// a failure.
pub(crate) struct Conn {
    client: ::redis::Client,
    /// Dropped after a failure, so that the next attempt connects afresh
    /// rather than reusing a connection attempt that already failed.
    manager: Mutex<Option<ConnectionManager>>,
    timeout: Duration,
    retry_interval: Duration,
    down_until: Mutex<Option<Instant>>,
    degraded: AtomicBool,
    /// What uses the connection, for the log ("token store", "rate limiter").
    what: &'static str,
}

impl Conn {
    pub(crate) fn open(url: &str, what: &'static str) -> Result<Self> {
        // The URL may carry a password: never echo it.
        let client = ::redis::Client::open(url)
            .map_err(|e| Error::Config(format!("invalid Redis URL for the {what}: {e}")))?;
        Ok(Self {
            client,
            manager: Mutex::new(None),
            timeout: DEFAULT_TIMEOUT,
            retry_interval: DEFAULT_RETRY_INTERVAL,
            down_until: Mutex::new(None),
            degraded: AtomicBool::new(false),
            what,
        })
    }

    pub(crate) fn set_timeout(&mut self, d: Duration) {
        self.timeout = d;
    }

    pub(crate) fn set_retry_interval(&mut self, d: Duration) {
        self.retry_interval = d;
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    pub(crate) fn retry_interval(&self) -> Duration {
        self.retry_interval
    }

    pub(crate) fn degraded(&self) -> bool {
        self.degraded.load(Ordering::Acquire)
    }

    /// The connection manager, created (without connecting) on first use:
    /// creating it needs a tokio runtime, which `new` may not run in.
    fn manager(&self) -> RedisResult<ConnectionManager> {
        let mut slot = self.manager.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(m) = slot.as_ref() {
            return Ok(m.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(20))
            .set_max_delay(Duration::from_millis(100));
        let m = ConnectionManager::new_lazy_with_config(self.client.clone(), config)?;
        *slot = Some(m.clone());
        Ok(m)
    }

    /// Runs `op` on Redis; `None` if Redis is unavailable (an error, a
    /// timeout, or a recent failure).
    pub(crate) async fn run<T, F, Fut>(&self, op: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        {
            let down = self.down_until.lock().unwrap_or_else(|p| p.into_inner());
            if down.is_some_and(|t| Instant::now() < t) {
                return None;
            }
        }
        // The connection manager's timeouts bound each step; this bounds
        // the whole (connect, send, maybe load a script and send again).
        let outcome = tokio::time::timeout(self.timeout * 4, async {
            let manager = self.manager()?;
            op(manager).await
        })
        .await;
        let error = match outcome {
            Ok(Ok(v)) => {
                if self.degraded.swap(false, Ordering::AcqRel) {
                    tracing::info!(
                        "Redis is reachable again: the {} is shared again",
                        self.what
                    );
                }
                return Some(v);
            }
            Ok(Err(e)) => e.to_string(),
            Err(_) => format!("no answer within {:?}", self.timeout * 4),
        };
        *self.down_until.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(Instant::now() + self.retry_interval);
        *self.manager.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if !self.degraded.swap(true, Ordering::AcqRel) {
            tracing::warn!(
                error = %error,
                "Redis is unavailable: the {} falls back to in-process state",
                self.what
            );
        }
        None
    }
}

/// `<prefix>:<client id>:<suffix>`.
pub(crate) fn key(prefix: &str, client_id: &str, suffix: &str) -> String {
    format!("{prefix}:{client_id}:{suffix}")
}
