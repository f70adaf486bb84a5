//! Retry policy: how often and how long to wait between attempts.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

/// How failed calls are retried.
///
/// Which failures are retried depends on the call (see the crate docs):
/// idempotent calls (GET, PUT, DELETE) on connect errors, timeouts, 429, 500,
/// 502, 503 and 504; calls that cost money or change state only when the
/// request provably never reached 1NCE (connect failure) or on 429. This
/// policy sets how many times and how long to wait: exponential backoff with
/// full jitter, and the server's `Retry-After` (bounded by
/// [`max_retry_after`](Self::max_retry_after)) wins over the computed delay.
///
/// ```
/// use std::time::Duration;
/// let policy = once_sdk::RetryPolicy::default()
///     .max_retries(5)
///     .initial_delay(Duration::from_millis(200));
/// let off = once_sdk::RetryPolicy::disabled();
/// # let _ = (policy, off);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    pub(crate) max_retries: usize,
    pub(crate) initial_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) jitter: bool,
}

impl Default for RetryPolicy {
    /// 3 retries, 250 ms doubling up to 10 s, with jitter; `Retry-After` up to 60 s.
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries at all (401 token renewal still happens once).
    pub fn disabled() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// How many times a failed call is retried (0 switches retries off).
    pub fn max_retries(mut self, n: usize) -> Self {
        self.max_retries = n;
        self
    }

    /// The first backoff delay; it doubles on each retry.
    pub fn initial_delay(mut self, d: Duration) -> Self {
        self.initial_delay = d;
        self
    }

    /// The largest computed backoff delay.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// The longest `Retry-After` the client will honour; longer ones are cut
    /// to this.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// Random jitter on the backoff delays (on by default; off makes delays
    /// deterministic).
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The delays before each retry, as computed by `backon`.
    pub(crate) fn delays(&self) -> impl Iterator<Item = Duration> {
        let mut b = ExponentialBuilder::default()
            .with_min_delay(self.initial_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_max_times(self.max_retries);
        if self.jitter {
            b = b.with_jitter();
        }
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_without_jitter() {
        let d: Vec<_> = RetryPolicy::default()
            .jitter(false)
            .max_retries(5)
            .initial_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(5))
            .delays()
            .collect();
        let secs: Vec<u64> = d.iter().map(|d| d.as_secs()).collect();
        assert_eq!(secs, vec![1, 2, 4, 5, 5]);
        assert_eq!(RetryPolicy::disabled().delays().count(), 0);
    }
}
