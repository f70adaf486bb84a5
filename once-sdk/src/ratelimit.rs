//! Client-side rate limiting at 1NCE's published limits.
//!
//! 1NCE answers 429 when an account goes over its limits. The client paces
//! its own calls instead, per endpoint group, so that a fleet scan runs at
//! the limit rather than into it. Calls are spaced evenly (GCRA: one call
//! every `per / max`, plus a 2 % safety margin), never in bursts: a burst
//! of `max` calls that leaves at once can, with a little jitter on the way,
//! land in one of 1NCE's windows together with the next burst. Callers that
//! have to wait are served in the order they arrived.

use std::fmt;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio::time::Instant;

use crate::error::ValidationError;

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
    /// 1NCE OS `GET /v1/locate/geofences`: 30 requests per minute per
    /// customer (1NCE's only published 1NCE OS limit).
    OsGeofences,
    /// Any other 1NCE OS path (one group per path template of
    /// [`OS_PATHS`]): 1NCE publishes no limit,
    /// so each is paced at [`OS_DEFAULT_LIMIT`] unless set otherwise.
    Os(OsPath),
    /// Any path the SDK does not know (an endpoint 1NCE added, called
    /// through [`Client::raw`](crate::Client::raw)): paced at
    /// [`OTHER_DEFAULT_LIMIT`], never unpaced. A raw call that knows
    /// better names its group ([`RawRequest::group`](crate::RawRequest::group)).
    Other,
}

/// The default limit of [`EndpointGroup::Other`]: one call a second, as
/// for the 1NCE OS paths whose limits 1NCE does not publish.
pub const OTHER_DEFAULT_LIMIT: RateLimit = RateLimit {
    max: 60,
    per: Duration::from_secs(60),
};

/// The default limit of each 1NCE OS path group: one call a second. 1NCE
/// publishes none but the geofence list's (30 a minute); this keeps a
/// loop over devices well clear of an unknown limit. Raise it with
/// [`RateLimits::with`] once you know your account's.
pub const OS_DEFAULT_LIMIT: RateLimit = RateLimit {
    max: 60,
    per: Duration::from_secs(60),
};

/// A 1NCE OS path template, as a rate-limit group: an index into
/// [`OS_PATHS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OsPath(u8);

impl OsPath {
    /// The group of `template` (e.g. `/v1/locate/devices/{deviceId}/positions`).
    pub fn of_template(template: &str) -> Option<OsPath> {
        OS_PATHS
            .iter()
            .position(|p| *p == template)
            .map(|i| OsPath(i as u8))
    }

    /// The path template.
    pub fn template(self) -> &'static str {
        OS_PATHS[usize::from(self.0)]
    }

    /// The template a concrete path (ids filled in) belongs to: same
    /// segment count, literal segments equal, the most literal one wins.
    fn of_path(path: &str) -> Option<OsPath> {
        let p: Vec<&str> = path.split('/').collect();
        OS_PATHS
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let t: Vec<&str> = t.split('/').collect();
                if t.len() != p.len() {
                    return None;
                }
                let mut literal = 0;
                for (t, p) in t.iter().zip(&p) {
                    if t.starts_with('{') {
                        if p.is_empty() {
                            return None;
                        }
                    } else if t == p {
                        literal += 1;
                    } else {
                        return None;
                    }
                }
                Some((literal, i))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, i)| OsPath(i as u8))
    }
}

use crate::api::os::OS_PATHS;

/// The number of groups: the five of the Management API, the geofence
/// list, the unknown paths and one per 1NCE OS path.
const GROUPS: usize = 7 + OS_PATHS.len();

impl EndpointGroup {
    /// All groups.
    pub const ALL: [EndpointGroup; GROUPS] = {
        let mut all = [EndpointGroup::OAuth; GROUPS];
        all[1] = EndpointGroup::Sims;
        all[2] = EndpointGroup::Orders;
        all[3] = EndpointGroup::Products;
        all[4] = EndpointGroup::Support;
        all[5] = EndpointGroup::OsGeofences;
        all[6] = EndpointGroup::Other;
        let mut i = 0;
        while i < OS_PATHS.len() {
            all[7 + i] = EndpointGroup::Os(OsPath(i as u8));
            i += 1;
        }
        all
    };

    /// The group of a request: [`OsGeofences`](Self::OsGeofences) for
    /// `GET /v1/locate/geofences`, else the group of its path
    /// ([`of_path`](Self::of_path)).
    pub fn of_request(method: &str, path: &str) -> Option<EndpointGroup> {
        let bare = path.split(['?', '#']).next().unwrap_or(path);
        let bare = bare.trim_start_matches('/').trim_end_matches('/');
        if method.eq_ignore_ascii_case("GET") && bare == "v1/locate/geofences" {
            return Some(EndpointGroup::OsGeofences);
        }
        Self::of_path(path)
    }

    /// The group an API path (relative to the base URL) belongs to:
    /// [`Other`](Self::Other) for a path the SDK does not know (so `None`
    /// no longer comes back; the `Option` stays for compatibility).
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
            let bare = p
                .split(['?', '#'])
                .next()
                .unwrap_or(p)
                .trim_end_matches('/');
            Some(
                OsPath::of_path(&format!("/{bare}"))
                    .map(EndpointGroup::Os)
                    .unwrap_or(EndpointGroup::Other),
            )
        }
    }

    fn index(self) -> usize {
        match self {
            EndpointGroup::OAuth => 0,
            EndpointGroup::Sims => 1,
            EndpointGroup::Orders => 2,
            EndpointGroup::Products => 3,
            EndpointGroup::Support => 4,
            EndpointGroup::OsGeofences => 5,
            EndpointGroup::Other => 6,
            EndpointGroup::Os(p) => 7 + usize::from(p.0),
        }
    }

    /// 1NCE's published limit for this group; for the groups 1NCE
    /// publishes none for ([`Os`](Self::Os), [`Other`](Self::Other)), the
    /// SDK's own conservative default.
    pub fn published_limit(self) -> RateLimit {
        match self {
            EndpointGroup::OAuth => RateLimit::new(600, Duration::from_secs(60)),
            EndpointGroup::Sims => RateLimit::new(10, Duration::from_secs(1)),
            EndpointGroup::Orders | EndpointGroup::Products | EndpointGroup::Support => {
                RateLimit::new(100, Duration::from_secs(300))
            }
            EndpointGroup::OsGeofences => RateLimit::new(30, Duration::from_secs(60)),
            EndpointGroup::Os(_) => OS_DEFAULT_LIMIT,
            EndpointGroup::Other => OTHER_DEFAULT_LIMIT,
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
    /// `max` calls per `per` (a `max` of 0 is taken as 1; use
    /// [`try_new`](Self::try_new) to have it refused).
    pub fn new(max: u32, per: Duration) -> Self {
        Self {
            max: max.max(1),
            per,
        }
    }

    /// `max` calls per `per`, refusing a limit no call could ever meet: a
    /// `max` of 0 or a zero window.
    ///
    /// ```
    /// use std::time::Duration;
    /// use once_sdk::RateLimit;
    /// assert!(RateLimit::try_new(0, Duration::from_secs(1)).is_err());
    /// assert_eq!(RateLimit::try_new(10, Duration::from_secs(1)), Ok(RateLimit::per_second(10)));
    /// ```
    pub fn try_new(max: u32, per: Duration) -> Result<Self, ValidationError> {
        let limit = Self { max, per };
        limit.validate()?;
        Ok(limit)
    }

    /// Checks the limit: `max` at least 1 and a window longer than zero.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.max == 0 {
            return Err(ValidationError::new(
                "rate_limit.max",
                format!(
                    "must be at least 1 call per {:?} (use None for no limit)",
                    self.per
                ),
            ));
        }
        if self.per.is_zero() {
            return Err(ValidationError::new(
                "rate_limit.per",
                "must be longer than zero",
            ));
        }
        Ok(())
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
pub struct RateLimits([Option<RateLimit>; GROUPS]);

impl Default for RateLimits {
    /// 1NCE's published limits.
    fn default() -> Self {
        Self(EndpointGroup::ALL.map(|g| Some(g.published_limit())))
    }
}

impl RateLimits {
    /// No client-side limits at all.
    pub fn unlimited() -> Self {
        Self([None; GROUPS])
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

    /// Checks every limit ([`RateLimit::validate`]);
    /// [`ClientBuilder::build`](crate::ClientBuilder::build) refuses limits
    /// that fail it.
    pub fn validate(&self) -> Result<(), ValidationError> {
        for group in EndpointGroup::ALL {
            if let Some(limit) = self.get(group) {
                limit.validate().map_err(|e| {
                    ValidationError::new(e.field, format!("{} ({group:?})", e.rule))
                })?;
            }
        }
        Ok(())
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

/// The in-process rate limiter: even spacing (GCRA) per endpoint group.
pub struct LocalRateLimiter {
    windows: [Option<Window>; GROUPS],
}

/// The fraction of a window added as a safety margin: a request that leaves
/// on time may still arrive late (scheduling, network), and 1NCE counts
/// arrivals.
const SAFETY_MARGIN: f64 = 0.02;

struct Window {
    limit: RateLimit,
    /// The time between two calls: `limit.per` plus the safety margin,
    /// divided by `limit.max`.
    interval: std::time::Duration,
    /// The start time granted last (GCRA's schedule). Held while the
    /// caller it was granted to waits for it: callers are served one after
    /// the other, in the order they arrived (tokio's mutex is fair).
    last: tokio::sync::Mutex<Option<Instant>>,
}

impl Window {
    /// Waits for the next start time: one interval after the one granted
    /// before, or now if that has passed. A caller that woke late (a busy
    /// runtime) therefore never lets several waiting calls leave in a
    /// bunch behind it: the schedule moves on from its actual start.
    async fn acquire(&self) {
        let mut last = self.last.lock().await;
        let now = Instant::now();
        let slot = last.map_or(now, |prev| (prev + self.interval).max(now));
        tokio::time::sleep_until(slot).await;
        // The actual start, not the planned one: after a late wake-up the
        // next call is still one interval behind this one.
        *last = Some(Instant::now().max(slot));
    }
}

impl LocalRateLimiter {
    /// A limiter enforcing `limits`. A limit with a `max` of 0 (refused by
    /// [`RateLimits::validate`] and the client builder) is taken as 1.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            windows: EndpointGroup::ALL.map(|g| {
                limits.get(g).map(|limit| Window {
                    limit,
                    interval: limit.per.mul_f64(1.0 + SAFETY_MARGIN) / limit.max.max(1),
                    last: tokio::sync::Mutex::new(None),
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
        match self.windows[group.index()].as_ref() {
            Some(window) => Box::pin(window.acquire()),
            // Unlimited group: a zero-sized future, no allocation.
            None => Box::pin(std::future::ready(())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_os_path_has_a_group_of_its_own_and_the_geofence_list_its_limit() {
        use crate::api::os::OPERATIONS;
        let distinct: std::collections::BTreeSet<&str> =
            OPERATIONS.iter().map(|o| o.path).collect();
        assert_eq!(
            distinct.len(),
            OS_PATHS.len(),
            "OS_PATHS against OPERATIONS"
        );
        for op in OPERATIONS {
            // A concrete path, ids filled in, finds its own template.
            let concrete = op
                .path
                .replace("{deviceId}", "8988280666000000000")
                .replace('{', "x-")
                .replace('}', "");
            let group = EndpointGroup::of_request(op.method, &concrete).expect(op.path);
            if op.method == "GET" && op.path == "/v1/locate/geofences" {
                assert_eq!(group, EndpointGroup::OsGeofences);
            } else {
                assert_eq!(
                    group,
                    EndpointGroup::Os(OsPath::of_template(op.path).expect(op.path)),
                    "{} {}",
                    op.method,
                    op.path
                );
            }
            assert!(
                RateLimits::default().get(group).is_some(),
                "{} {} is unpaced",
                op.method,
                op.path
            );
        }
        assert_eq!(
            EndpointGroup::of_request("GET", "/v1/integrate/devices/actions/requests/active"),
            Some(EndpointGroup::Os(
                OsPath::of_template("/v1/integrate/devices/actions/requests/active").unwrap()
            )),
            "a literal segment wins over {{requestId}}"
        );
        assert_eq!(
            EndpointGroup::of_request("GET", "/v1/locate/geofences?page=2"),
            Some(EndpointGroup::OsGeofences)
        );
        assert_eq!(
            RateLimits::default().get(EndpointGroup::OsGeofences),
            Some(RateLimit::per_minute(30))
        );
        let groups: std::collections::HashSet<usize> =
            EndpointGroup::ALL.iter().map(|g| g.index()).collect();
        assert_eq!(
            groups.len(),
            EndpointGroup::ALL.len(),
            "one window per group"
        );
    }

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
        assert_eq!(
            EndpointGroup::of_path("/v3/other"),
            Some(EndpointGroup::Other)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn calls_are_spaced_evenly_never_more_than_max_in_any_window_and_fifo() {
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
        // FIFO, and one call every 102 ms (100 ms plus the 2 % margin):
        // no burst, not even in the first window.
        for (n, (i, t)) in times.iter().enumerate() {
            assert_eq!(*i, n);
            assert_eq!(*t, Duration::from_millis(102) * n as u32, "call {n}");
        }
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

    #[tokio::test(start_paused = true)]
    async fn a_late_wake_up_keeps_the_next_call_one_interval_behind() {
        let limiter = std::sync::Arc::new(LocalRateLimiter::new(
            RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(10))),
        ));
        let start = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..3 {
            let l = limiter.clone();
            handles.push(tokio::spawn(async move {
                l.acquire(EndpointGroup::Sims).await;
                Instant::now() - start
            }));
        }
        // The first call leaves at once, the second sleeps until 102 ms,
        // the third waits for the lock.
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        // The second wakes 400 ms late (a busy runtime).
        tokio::time::advance(Duration::from_millis(500)).await;
        let mut times = Vec::new();
        for h in handles {
            times.push(h.await.unwrap());
        }
        assert_eq!(
            times,
            [
                Duration::ZERO,
                Duration::from_millis(500),
                Duration::from_millis(602)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_limiter_lets_the_next_call_go_at_once() {
        let limiter = LocalRateLimiter::new(
            RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(10))),
        );
        limiter.acquire(EndpointGroup::Sims).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        let before = Instant::now();
        limiter.acquire(EndpointGroup::Sims).await;
        assert_eq!(Instant::now(), before);
    }

    #[tokio::test(start_paused = true)]
    async fn a_limit_of_zero_is_refused_where_it_is_built_and_never_panics() {
        let zero = RateLimit {
            max: 0,
            per: Duration::from_secs(1),
        };
        let e = RateLimit::try_new(0, Duration::from_secs(1)).unwrap_err();
        assert_eq!(e.field, "rate_limit.max");
        assert_eq!(
            RateLimit::try_new(1, Duration::ZERO).unwrap_err().field,
            "rate_limit.per"
        );
        let limits = RateLimits::default().with(EndpointGroup::Sims, Some(zero));
        let e = limits.validate().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid `rate_limit.max`: must be at least 1 call per 1s (use None for no limit) (Sims)"
        );
        assert!(RateLimits::default().validate().is_ok());
        // Built anyway, the local limiter takes it as 1 per window.
        let limiter = LocalRateLimiter::new(limits);
        limiter.acquire(EndpointGroup::Sims).await;
        let before = Instant::now();
        limiter.acquire(EndpointGroup::Sims).await;
        assert_eq!(Instant::now() - before, Duration::from_millis(1020));
    }
}
