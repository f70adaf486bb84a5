//! [`RedisRateLimiter`]: one schedule per endpoint group for every replica.

use std::fmt;
use std::sync::LazyLock;
use std::time::Duration;

use futures::future::BoxFuture;

use super::{key, Conn, DEFAULT_KEY_PREFIX};
use crate::error::Result;
use crate::ratelimit::{EndpointGroup, LocalRateLimiter, RateLimiter, RateLimits};

const DEFAULT_SAFETY_MARGIN: Duration = Duration::from_millis(50);

/// GCRA on Redis's clock. `KEYS[1]` holds the theoretical arrival time (µs
/// since the epoch) of the next call; `ARGV[1]` is the emission interval in
/// µs. Reserves the next slot and returns how many µs until it.
static GCRA: LazyLock<::redis::Script> = LazyLock::new(|| {
    ::redis::Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then
  tat = now
end
local next_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', next_tat),
  'PX', math.floor((next_tat - now) / 1000) + 1000)
return tat - now
",
    )
});

/// A [`RateLimiter`] in Redis that every replica using the same Redis, key
/// prefix and client id draws from, so that together they stay within
/// 1NCE's limits (which count per customer, not per process).
///
/// Each endpoint group has one schedule in Redis (GCRA, one atomic Lua
/// script on Redis's clock): calls are spaced `(per + safety_margin) / max`
/// apart, in the order they asked, whichever replica they come from. Even
/// spacing rather than bursts keeps every window 1NCE may count (sliding,
/// fixed, token bucket) within the limit even when requests take a little
/// longer to reach 1NCE from one replica than from another; the
/// [`safety_margin`](Self::safety_margin) absorbs that difference. The
/// price: a first burst is spaced too (10 `/sims` calls take 0.9 s, not 0).
/// See the [module docs](super) for what happens when Redis is unavailable.
///
/// ```no_run
/// # fn run() -> Result<(), once_sdk::Error> {
/// use std::sync::Arc;
/// use once_sdk::redis::RedisRateLimiter;
/// use once_sdk::RateLimits;
///
/// let creds = once_sdk::Credentials::new("my-id", "my-secret");
/// let replicas = 10.0;
/// let limiter = RedisRateLimiter::new("redis://redis.internal/", creds.client_id(), RateLimits::default())?
///     // If Redis goes away, each replica takes its share only.
///     .fallback_limits(RateLimits::default().scaled(1.0 / replicas));
/// let client = once_sdk::Client::builder()
///     .credentials(creds)
///     .rate_limiter(Arc::new(limiter))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct RedisRateLimiter {
    conn: Conn,
    client_id: String,
    prefix: String,
    limits: RateLimits,
    margin: Duration,
    fallback: LocalRateLimiter,
}

impl RedisRateLimiter {
    /// A limiter in the Redis at `url` for the API client `client_id`,
    /// enforcing `limits` across every replica (1NCE's are
    /// `RateLimits::default()`). Nothing is connected until first use; fails
    /// only on a malformed URL.
    pub fn new(url: &str, client_id: impl Into<String>, limits: RateLimits) -> Result<Self> {
        Ok(Self {
            conn: Conn::open(url, "rate limiter")?,
            client_id: client_id.into(),
            prefix: DEFAULT_KEY_PREFIX.to_string(),
            limits,
            margin: DEFAULT_SAFETY_MARGIN,
            fallback: LocalRateLimiter::new(limits),
        })
    }

    /// The prefix of the Redis keys (default `once-sdk`).
    #[must_use]
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Added to each limit's window (default 50 ms, so `/sims` runs at
    /// 10 per 1.05 s): room for requests granted in order to reach 1NCE a
    /// little out of order.
    #[must_use]
    pub fn safety_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The limits this process keeps to on its own while Redis is
    /// unavailable (default: the shared limits).
    #[must_use]
    pub fn fallback_limits(mut self, limits: RateLimits) -> Self {
        self.fallback = LocalRateLimiter::new(limits);
        self
    }

    /// The timeout of each Redis command (default 500 ms); past it Redis
    /// counts as unavailable.
    #[must_use]
    pub fn timeout(mut self, d: Duration) -> Self {
        self.conn.set_timeout(d);
        self
    }

    /// How long after a Redis failure the limiter uses the fallback before
    /// trying Redis again (default 1 s).
    #[must_use]
    pub fn retry_interval(mut self, d: Duration) -> Self {
        self.conn.set_retry_interval(d);
        self
    }

    /// Whether the last Redis command failed, so calls are paced by the
    /// in-process fallback until Redis answers again.
    pub fn fallback_active(&self) -> bool {
        self.conn.degraded()
    }

    /// The Redis key of one group's schedule.
    pub fn key(&self, group: EndpointGroup) -> String {
        key(
            &self.prefix,
            &self.client_id,
            // `<deviceId>`, not `{deviceId}`: braces are a hash tag to
            // Redis Cluster.
            &format!(
                "rate:{}",
                group_name(group).replace('{', "<").replace('}', ">")
            ),
        )
    }

    /// The spacing of one group's calls, `None` if it is unlimited.
    pub fn interval(&self, group: EndpointGroup) -> Option<Duration> {
        let limit = self.limits.get(group)?;
        Some((limit.per + self.margin) / limit.max.max(1))
    }
}

fn group_name(group: EndpointGroup) -> &'static str {
    match group {
        EndpointGroup::OAuth => "oauth",
        EndpointGroup::Sims => "sims",
        EndpointGroup::Orders => "orders",
        EndpointGroup::Products => "products",
        EndpointGroup::Support => "support",
        EndpointGroup::OsGeofences => "os-geofences",
        EndpointGroup::Os(path) => path.template(),
        EndpointGroup::Other => "other",
    }
}

impl fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisRateLimiter")
            .field("prefix", &self.prefix)
            .field("client_id", &self.client_id)
            .field("limits", &self.limits)
            .field("safety_margin", &self.margin)
            .field("fallback", &self.fallback)
            .field("fallback_active", &self.fallback_active())
            .finish_non_exhaustive()
    }
}

impl RateLimiter for RedisRateLimiter {
    fn acquire(&self, group: EndpointGroup) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let Some(interval) = self.interval(group) else {
                return;
            };
            let interval_us = u64::try_from(interval.as_micros()).unwrap_or(u64::MAX);
            let key = self.key(group);
            let wait_us = self
                .conn
                .run(|mut c| async move {
                    GCRA.key(key)
                        .arg(interval_us)
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await;
            match wait_us {
                Some(us) => {
                    let us = u64::try_from(us).unwrap_or(0);
                    if us > 0 {
                        tokio::time::sleep(Duration::from_micros(us)).await;
                    }
                }
                None => self.fallback.acquire(group).await,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratelimit::OsPath;

    #[test]
    fn every_group_has_its_own_key_without_hash_tags() {
        let limiter =
            RedisRateLimiter::new("redis://127.0.0.1:1", "c", RateLimits::default()).unwrap();
        let keys: std::collections::BTreeSet<String> =
            EndpointGroup::ALL.iter().map(|g| limiter.key(*g)).collect();
        assert_eq!(keys.len(), EndpointGroup::ALL.len());
        assert!(
            keys.iter().all(|k| !k.contains('{') && !k.contains('}')),
            "{keys:?}"
        );
        let positions = OsPath::of_template("/v1/locate/devices/{deviceId}/positions").unwrap();
        assert_eq!(
            limiter.key(EndpointGroup::Os(positions)),
            "once-sdk:c:rate:/v1/locate/devices/<deviceId>/positions"
        );
        assert_eq!(
            limiter.key(EndpointGroup::OsGeofences),
            "once-sdk:c:rate:os-geofences"
        );
    }
}
