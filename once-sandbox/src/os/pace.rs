//! 1NCE OS's rate limits on the sandbox's side.
//!
//! 1NCE's rate-limit page names one 1NCE OS limit: `GET /locate/geofences`,
//! 30 requests per minute per customer. It publishes none for the other
//! operations, so the sandbox gives each of them a group of its own at
//! [`OTHER_PER_SECOND`] (the pace of `/sims`), never unlimited. Both scale
//! with [`SandboxBuilder::rate_limit_factor`](crate::SandboxBuilder::rate_limit_factor).

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

/// Every other 1NCE OS operation: requests per second, each on its own.
pub(crate) const OTHER_PER_SECOND: u32 = 10;

/// A sliding window per operation.
pub(crate) struct OsLimiter {
    factor: Option<f64>,
    hits: HashMap<(String, &'static str), VecDeque<Instant>>,
}

impl OsLimiter {
    /// Limits at `factor` times the defaults; `None`: no limits.
    pub(crate) fn new(factor: Option<f64>) -> Self {
        Self {
            factor,
            hits: HashMap::new(),
        }
    }

    /// The limit of one operation: at most `max` per `per`.
    pub(crate) fn limit(&self, method: &str, template: &str) -> Option<(u32, Duration)> {
        let factor = self.factor?;
        let (max, per) = if method == "GET" && template == "/v1/locate/geofences" {
            // 1NCE's published figure, written once in `limits`.
            (
                crate::limits::OS_GEOFENCES.requests,
                crate::limits::OS_GEOFENCES.window,
            )
        } else {
            (OTHER_PER_SECOND, Duration::from_secs(1))
        };
        Some((((f64::from(max) * factor).round() as u32).max(1), per))
    }

    /// `None` if the request may pass (and counts it), else how long until
    /// it would and the limit.
    pub(crate) fn check(
        &mut self,
        method: &str,
        template: &'static str,
    ) -> Option<(Duration, u32)> {
        let (max, per) = self.limit(method, template)?;
        let now = Instant::now();
        let hits = self.hits.entry((method.to_string(), template)).or_default();
        while hits.front().is_some_and(|t| *t + per <= now) {
            hits.pop_front();
        }
        if hits.len() >= max as usize {
            let wait = hits
                .front()
                .map_or(per, |t| (*t + per).saturating_duration_since(now));
            return Some((wait, max));
        }
        hits.push_back(now);
        None
    }
}
