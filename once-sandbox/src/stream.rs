//! The sandbox's Data Streamer: posts the fleet's records to a webhook the
//! way 1NCE does.

use std::sync::Arc;
use std::time::Duration;

use crate::server::{lock, Shared};

/// Where and how the sandbox streams (see [`Sandbox::stream_to`](crate::Sandbox::stream_to)).
#[derive(Clone)]
#[must_use]
pub struct StreamConfig {
    pub(crate) url: String,
    pub(crate) authorization: String,
    pub(crate) interval: Duration,
    pub(crate) batch_size: usize,
    pub(crate) timeout: Duration,
    pub(crate) max_failures: u32,
    pub(crate) backoff: Duration,
    pub(crate) max_backoff: Duration,
}

impl std::fmt::Debug for StreamConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamConfig")
            .field("url", &self.url)
            .field("authorization", &"[redacted]")
            .field("interval", &self.interval)
            .field("batch_size", &self.batch_size)
            .field("timeout", &self.timeout)
            .field("max_failures", &self.max_failures)
            .field("backoff", &self.backoff)
            .field("max_backoff", &self.max_backoff)
            .finish()
    }
}

/// The shortest interval between two looks at the queue.
const MIN_INTERVAL: Duration = Duration::from_millis(1);

impl StreamConfig {
    /// Posts to `url` with `authorization` as the `Authorization` header
    /// (e.g. `Basic dXNlcjpwYXNz`), like a webhook stream set up in the
    /// 1NCE portal. Defaults: a batch every second of at most 3,000
    /// records, 10 s per request, backoff from 1 s doubling up to 60 s,
    /// FAILED after 10 failed attempts in a row.
    pub fn new(url: impl Into<String>, authorization: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            authorization: authorization.into(),
            interval: Duration::from_secs(1),
            batch_size: 3_000,
            timeout: Duration::from_secs(10),
            max_failures: 10,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
        }
    }

    /// How often a batch is sent while there are records; at least 1 ms
    /// (with no pause at all, an empty queue would be polled in a busy
    /// loop).
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d.max(MIN_INTERVAL);
        self
    }

    /// The most records per request (1NCE: 3,000).
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = n.max(1);
        self
    }

    /// How long to wait for the answer to one request.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Failed attempts in a row after which the stream goes FAILED.
    pub fn max_failures(mut self, n: u32) -> Self {
        self.max_failures = n.max(1);
        self
    }

    /// The first retry delay (doubled after each failure) and its cap.
    pub fn backoff(mut self, first: Duration, max: Duration) -> Self {
        self.backoff = first;
        self.max_backoff = max.max(first);
        self
    }

    fn delay(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1).min(16));
        self.backoff.saturating_mul(factor).min(self.max_backoff)
    }
}

/// The state of the sandbox's stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamState {
    /// No stream set up.
    #[default]
    Off,
    /// Posting batches.
    Running,
    /// Stopped after too many failed attempts in a row; see
    /// [`Sandbox::restart_stream`](crate::Sandbox::restart_stream).
    Failed,
}

/// What the stream did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamStats {
    /// The state.
    pub state: StreamState,
    /// Requests sent (answered or not).
    pub attempts: u64,
    /// Requests answered 200.
    pub batches_delivered: u64,
    /// Records acknowledged with 200.
    pub records_delivered: u64,
    /// Requests not answered 200: another status, a redirect, a timeout,
    /// a dropped connection.
    pub failed_attempts: u64,
    /// Failed attempts since the last 200.
    pub consecutive_failures: u32,
    /// Redirect answers (3xx), which are not followed.
    pub redirects: u64,
    /// Records queued and not yet acknowledged.
    pub pending: usize,
    /// The status of the last answer (`None`: no answer).
    pub last_status: Option<u16>,
    /// Times the stream, being [`StreamState::Failed`], looked for a restart
    /// and sent nothing (every 50 ms or on a wake-up): its growth shows
    /// that a failed stream is idle.
    pub idle_checks: u64,
}

#[derive(Default)]
pub(crate) struct StreamControl {
    pub config: Option<StreamConfig>,
    pub stats: StreamStats,
    pub generation: u64,
    pub task: Option<tokio::task::JoinHandle<()>>,
}

pub(crate) fn start(shared: &Arc<Shared>, config: StreamConfig) {
    {
        let mut world = lock(&shared.world);
        if world.outbox.is_none() {
            world.outbox = Some(crate::outbox::Outbox::new());
        }
    }
    let mut c = lock(&shared.stream);
    c.generation += 1;
    c.config = Some(config);
    c.stats.state = StreamState::Running;
    c.stats.consecutive_failures = 0;
    if let Some(t) = c.task.take() {
        t.abort();
    }
    c.task = Some(tokio::spawn(run(Arc::clone(shared), c.generation)));
}

/// The HTTP client that posts to customers' URLs (the Data Streamer's and
/// 1NCE OS's webhooks): no redirects followed, no proxy.
pub(crate) fn webhook_client() -> Option<reqwest::Client> {
    // With the `rustls-ring` feature alone, reqwest has no crypto provider
    // of its own and building a client would panic: ring becomes the
    // process default (as once-sdk's clients do), unless one is installed.
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
    {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .ok()
}

async fn run(shared: Arc<Shared>, generation: u64) {
    let Some(http) = webhook_client() else {
        return;
    };
    let mut failures = 0u32;
    loop {
        let config = {
            let mut c = lock(&shared.stream);
            if c.generation != generation {
                return;
            }
            match (&c.config, c.stats.state) {
                (Some(cfg), StreamState::Running) => Some(cfg.clone()),
                (Some(_), _) => {
                    c.stats.idle_checks += 1;
                    None
                }
                (None, _) => return,
            }
        };
        let Some(config) = config else {
            // FAILED: wait for a restart (re-checked now and then, so a
            // wake-up between the check and the wait is not missed).
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
                _ = shared.stream_wake.notified() => {}
            }
            failures = 0;
            continue;
        };
        let wait = if failures == 0 {
            config.interval
        } else {
            config.delay(failures)
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shared.stream_wake.notified() => {}
        }
        let batch: Vec<(u64, serde_json::Value)> = {
            let world = lock(&shared.world);
            match &world.outbox {
                Some(o) => o.queue.iter().take(config.batch_size).cloned().collect(),
                None => Vec::new(),
            }
        };
        if batch.is_empty() {
            continue;
        }
        let body: Vec<&serde_json::Value> = batch.iter().map(|(_, v)| v).collect();
        let sent = http
            .post(&config.url)
            .header("authorization", &config.authorization)
            .header("content-type", "application/json")
            .timeout(config.timeout)
            .body(serde_json::to_vec(&body).unwrap_or_default())
            .send()
            .await;
        // Read the whole answer: an answer cut short counts as no answer.
        let status = match sent {
            Ok(resp) => {
                let status = resp.status().as_u16();
                resp.bytes().await.ok().map(|_| status)
            }
            Err(_) => None,
        };
        let mut c = lock(&shared.stream);
        if c.generation != generation {
            return;
        }
        c.stats.attempts += 1;
        c.stats.last_status = status;
        if status == Some(200) {
            failures = 0;
            let mut world = lock(&shared.world);
            if let Some(o) = world.outbox.as_mut() {
                let acked: std::collections::HashSet<u64> =
                    batch.iter().map(|(id, _)| *id).collect();
                o.queue.retain(|(id, _)| !acked.contains(id));
            }
            c.stats.batches_delivered += 1;
            c.stats.records_delivered += batch.len() as u64;
            c.stats.consecutive_failures = 0;
        } else {
            failures += 1;
            c.stats.failed_attempts += 1;
            c.stats.consecutive_failures = failures;
            if status.is_some_and(|s| (300..400).contains(&s)) {
                c.stats.redirects += 1;
            }
            if failures >= config.max_failures {
                c.stats.state = StreamState::Failed;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_interval_becomes_the_shortest_pause() {
        let c = StreamConfig::new("http://127.0.0.1:9/", "Basic eA==").interval(Duration::ZERO);
        assert_eq!(c.interval, MIN_INTERVAL);
        let c = c.interval(Duration::from_millis(250));
        assert_eq!(c.interval, Duration::from_millis(250));
    }
}
