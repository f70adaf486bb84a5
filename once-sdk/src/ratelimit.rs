//! Client-side rate limiting at 1NCE's published limits.
//!
//! 1NCE answers 429 when an account goes over its limits. The client paces
//! its own calls instead, per endpoint group, so that a fleet scan runs at
//! the limit rather than into it. Each group keeps a sliding window of the
//! last grants: never more than `max` calls start in any window of `per`
//! (plus a 2 % safety margin, so that requests delayed on their way to 1NCE
//! do not bunch up into a window there), and callers that have to wait are
//! served in the order they arrived.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio::time::Instant;

/// The groups 1NCE limits separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndpointGroup {
    /// `/oauth/token`: 600 requests per minute.
    OAuth,
    /// `/v1/sims...` and `/v2/sims...`: 10 requests per second per customer.
    Sims,
    /// `/v1/orders...`: 100 requests per 5 minutes.
    Orders,
    /// `/v1/products`: 100 requests per 5 minutes.
    Products,
    /// `/v1/support`: 100 requests per 5 minutes.
    Support,
}

impl EndpointGroup {
    /// All groups.
    pub const ALL: [EndpointGroup; 5] = [
        EndpointGroup::OAuth,
        EndpointGroup::Sims,
        EndpointGroup::Orders,
        EndpointGroup::Products,
        EndpointGroup::Support,
    ];

    /// The group an API path (relative to the base URL) belongs to.
    pub fn of_path(path: &str) -> Option<EndpointGroup> {
        let p = path.trim_start_matches('/');
        if p.starts_with("oauth") {
            Some(EndpointGroup::OAuth)
        } else if p.starts_with("v1/sims") || p.starts_with("v2/sims") {
            Some(EndpointGroup::Sims)
        } else if p.starts_with("v1/orders") {
            Some(EndpointGroup::Orders)
        } else if p.starts_with("v1/products") {
            Some(EndpointGroup::Products)
        } else if p.starts_with("v1/support") {
            Some(EndpointGroup::Support)
        } else {
            None
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// 1NCE's published limit for this group.
    pub fn published_limit(self) -> RateLimit {
        match self {
            EndpointGroup::OAuth => RateLimit::new(600, Duration::from_secs(60)),
            EndpointGroup::Sims => RateLimit::new(10, Duration::from_secs(1)),
            EndpointGroup::Orders | EndpointGroup::Products | EndpointGroup::Support => {
                RateLimit::new(100, Duration::from_secs(300))
            }
        }
    }
}

/// At most `max` calls in any window of `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Calls allowed per window (at least 1).
    pub max: u32,
    /// The window.
    pub per: Duration,
}

impl RateLimit {
    /// `max` calls per `per` (a `max` of 0 is taken as 1).
    pub fn new(max: u32, per: Duration) -> Self {
        Self {
            max: max.max(1),
            per,
        }
    }

    /// `n` calls per second.
    pub fn per_second(n: u32) -> Self {
        Self::new(n, Duration::from_secs(1))
    }

    /// `n` calls per minute.
    pub fn per_minute(n: u32) -> Self {
        Self::new(n, Duration::from_secs(60))
    }
}

/// The limit of each endpoint group; `None` means unlimited.
///
/// ```
/// use once_sdk::{EndpointGroup, RateLimit, RateLimits};
/// // 1NCE's limits, but /sims scaled down for a shared account:
/// let limits = RateLimits::default().with(EndpointGroup::Sims, Some(RateLimit::per_second(5)));
/// assert_eq!(limits.get(EndpointGroup::Sims), Some(RateLimit::per_second(5)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits([Option<RateLimit>; 5]);

impl Default for RateLimits {
    /// 1NCE's published limits.
    fn default() -> Self {
        Self(EndpointGroup::ALL.map(|g| Some(g.published_limit())))
    }
}

impl RateLimits {
    /// No client-side limits at all.
    pub fn unlimited() -> Self {
        Self([None; 5])
    }

    /// Sets (or with `None`, removes) one group's limit.
    pub fn with(mut self, group: EndpointGroup, limit: Option<RateLimit>) -> Self {
        self.0[group.index()] = limit;
        self
    }

    /// One group's limit.
    pub fn get(&self, group: EndpointGroup) -> Option<RateLimit> {
        self.0[group.index()]
    }

    /// Every limit multiplied by `factor` (e.g. 100 turns 10/s into 1000/s),
    /// for tests against a sandbox with scaled limits.
    pub fn scaled(self, factor: f64) -> Self {
        Self(self.0.map(|l| {
            l.map(|l| RateLimit::new(((f64::from(l.max) * factor).round() as u32).max(1), l.per))
        }))
    }
}

/// Decides when a call may start. The default is [`LocalRateLimiter`]; a
/// shared one (e.g. in Redis) can be plugged in with
/// [`ClientBuilder::rate_limiter`](crate::ClientBuilder::rate_limiter).
pub trait RateLimiter: Send + Sync + 'static {
    /// Resolves when a call to `group` may start.
    fn acquire(&self, group: EndpointGroup) -> BoxFuture<'_, ()>;
}

/// The in-process rate limiter: a sliding window per endpoint group.
pub struct LocalRateLimiter {
    windows: [Option<Window>; 5],
}

/// The fraction of a window added as a safety margin: a request that leaves
/// on time may still arrive late (scheduling, network), and 1NCE counts
/// arrivals.
const SAFETY_MARGIN: f64 = 0.02;

struct Window {
    limit: RateLimit,
    /// `limit.per` plus the safety margin.
    span: std::time::Duration,
    /// Start times granted so far (the last `max` of them), in order.
    granted: Mutex<VecDeque<Instant>>,
}

impl Window {
    /// Reserves the earliest start time that keeps the window within its
    /// limit, after every earlier reservation (FIFO).
    fn reserve(&self) -> Instant {
        let now = Instant::now();
        let mut granted = self.granted.lock().unwrap_or_else(|p| p.into_inner());
        let max = self.limit.max as usize;
        let mut slot = granted.back().map_or(now, |last| (*last).max(now));
        if granted.len() >= max {
            let oldest_in_window = granted[granted.len() - max];
            slot = slot.max(oldest_in_window + self.span);
        }
        granted.push_back(slot);
        while granted.len() > max {
            granted.pop_front();
        }
        slot
    }
}

impl LocalRateLimiter {
    /// A limiter enforcing `limits`.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            windows: EndpointGroup::ALL.map(|g| {
                limits.get(g).map(|limit| Window {
                    limit,
                    span: limit.per.mul_f64(1.0 + SAFETY_MARGIN),
                    granted: Mutex::new(VecDeque::with_capacity(limit.max as usize)),
                })
            }),
        }
    }
}

impl fmt::Debug for LocalRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limits: Vec<_> = EndpointGroup::ALL
            .iter()
            .map(|g| (g, self.windows[g.index()].as_ref().map(|w| w.limit)))
            .collect();
        f.debug_struct("LocalRateLimiter")
            .field("limits", &limits)
            .finish()
    }
}

impl RateLimiter for LocalRateLimiter {
    fn acquire(&self, group: EndpointGroup) -> BoxFuture<'_, ()> {
        match self.windows[group.index()].as_ref().map(Window::reserve) {
            Some(slot) => Box::pin(tokio::time::sleep_until(slot)),
            // Unlimited group: a zero-sized future, no allocation.
            None => Box::pin(std::future::ready(())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_path() {
        assert_eq!(
            EndpointGroup::of_path("/v2/sims/1"),
            Some(EndpointGroup::Sims)
        );
        assert_eq!(
            EndpointGroup::of_path("/v1/sims"),
            Some(EndpointGroup::Sims)
        );
        assert_eq!(
            EndpointGroup::of_path("/oauth/token"),
            Some(EndpointGroup::OAuth)
        );
        assert_eq!(
            EndpointGroup::of_path("/v1/orders/7"),
            Some(EndpointGroup::Orders)
        );
        assert_eq!(
            EndpointGroup::of_path("/v1/products"),
            Some(EndpointGroup::Products)
        );
        assert_eq!(
            EndpointGroup::of_path("/v1/support"),
            Some(EndpointGroup::Support)
        );
        assert_eq!(EndpointGroup::of_path("/v3/other"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_max_in_any_window_and_fifo() {
        let limiter = std::sync::Arc::new(LocalRateLimiter::new(
            RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(10))),
        ));
        let start = Instant::now();
        let mut handles = Vec::new();
        for i in 0..35 {
            let l = limiter.clone();
            handles.push(tokio::spawn(async move {
                l.acquire(EndpointGroup::Sims).await;
                (i, Instant::now() - start)
            }));
            tokio::task::yield_now().await;
        }
        let mut times = Vec::new();
        for h in handles {
            times.push(h.await.unwrap());
        }
        // FIFO: start times are in arrival order.
        for w in times.windows(2) {
            assert!(w[0].1 <= w[1].1, "{times:?}");
        }
        // The first 10 go at once, then 10 per second (plus the margin).
        assert_eq!(times[9].1, Duration::ZERO);
        assert_eq!(times[10].1, Duration::from_millis(1020));
        assert_eq!(times[19].1, Duration::from_millis(1020));
        assert_eq!(times[20].1, Duration::from_millis(2040));
        assert_eq!(times[34].1, Duration::from_millis(3060));
        // No window of 1 s holds more than 10 starts.
        for (i, (_, t)) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .filter(|(_, u)| *u < *t + Duration::from_secs(1))
                .count();
            assert!(in_window <= 10, "{in_window} starts within 1 s of {t:?}");
        }
        // Unlimited groups never wait.
        let before = Instant::now();
        limiter.acquire(EndpointGroup::Orders).await;
        assert_eq!(Instant::now(), before);
    }
}
