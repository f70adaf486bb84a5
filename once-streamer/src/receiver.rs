//! The webhook endpoint: auth, body cap, decode, dedupe, hand-off, answer.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use once_sdk::streamer::{decode_batch, MAX_RECORDS_PER_REQUEST};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::auth::BasicCredentials;
use crate::dedupe::{Deduper, Reservation};
use crate::sink::{Delivery, RecordSink};

/// Bytes allowed per record by the default body cap: a full Platform 2.0
/// event record with its PDP context is about 2.5 kB of JSON.
pub const BYTES_PER_RECORD: usize = 5 * 1024;

/// How the receiver behaves. Build with [`ReceiverConfig::new`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ReceiverConfig {
    credentials: BasicCredentials,
    max_body_bytes: usize,
    dedupe_window: Duration,
    max_dedupe_keys: usize,
    max_in_flight: usize,
    store_timeout: Duration,
}

impl ReceiverConfig {
    /// A receiver that accepts `credentials`, with the defaults: a body
    /// cap of 3,000 records × [`BYTES_PER_RECORD`] (15 MiB), retransmitted
    /// ids dropped for 24 hours (at most 5,000,000 remembered), 8 requests
    /// stored at once (503 beyond), 503 when storing takes over 20 s.
    pub fn new(credentials: BasicCredentials) -> Self {
        Self {
            credentials,
            max_body_bytes: MAX_RECORDS_PER_REQUEST * BYTES_PER_RECORD,
            dedupe_window: Duration::from_secs(24 * 3600),
            max_dedupe_keys: 5_000_000,
            max_in_flight: 8,
            store_timeout: Duration::from_secs(20),
        }
    }

    /// The largest request body accepted (413 beyond).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// How long a stored record's id is remembered to drop retransmissions.
    pub fn dedupe_window(mut self, window: Duration) -> Self {
        self.dedupe_window = window;
        self
    }

    /// The most ids remembered; the oldest are forgotten first.
    pub fn max_dedupe_keys(mut self, n: usize) -> Self {
        self.max_dedupe_keys = n;
        self
    }

    /// How many requests may be stored at once; more get 503 (at least 1).
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// How long the sink may take before the request gets 503 (the store
    /// still completes, and a retransmission then counts as duplicate).
    pub fn store_timeout(mut self, d: Duration) -> Self {
        self.store_timeout = d;
        self
    }
}

/// What the receiver counted since it started.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReceiverStats {
    /// Requests received.
    pub requests: u64,
    /// Requests answered 200.
    pub acknowledged: u64,
    /// Records handed to the sink (new ones only).
    pub records_stored: u64,
    /// Records dropped as retransmissions.
    pub duplicates_dropped: u64,
    /// Records that could not be decoded (acknowledged, reported to the sink).
    pub records_rejected: u64,
    /// 401 answers.
    pub unauthorized: u64,
    /// 503 answers: too many requests at once, a record still being stored
    /// by another request, the sink failing or too slow.
    pub unavailable: u64,
    /// 413 answers.
    pub too_large: u64,
    /// 400 answers: bodies that are not a JSON array of records.
    pub bad_bodies: u64,
}

struct Inner<S> {
    config: ReceiverConfig,
    sink: S,
    dedupe: Mutex<Deduper>,
    permits: Arc<Semaphore>,
    stats: Mutex<ReceiverStats>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A Data Streamer receiver. Mount [`router`](Receiver::router) in your
/// axum app (any path, `POST`), or run it with [`serve`](Receiver::serve).
///
/// ```no_run
/// use std::sync::Arc;
/// use once_streamer::{handler_fn, BasicCredentials, Delivery, Receiver, ReceiverConfig, SinkError};
///
/// # async fn run() -> std::io::Result<()> {
/// let config = ReceiverConfig::new(BasicCredentials::new("1nce", "secret"));
/// let receiver = Receiver::new(config, handler_fn(|d: Arc<Delivery>| async move {
///     for r in &d.records { println!("{} {:?}", r.key(), r.device().iccid); }
///     Ok::<(), SinkError>(())
/// }));
/// let app = axum::Router::new().nest_service("/1nce", receiver.router());
/// let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
/// axum::serve(listener, app).await
/// # }
/// ```
pub struct Receiver<S> {
    inner: Arc<Inner<S>>,
}

impl<S> Clone for Receiver<S> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<S> std::fmt::Debug for Receiver<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl<S: RecordSink> Receiver<S> {
    /// A receiver handing new records to `sink`. Keys the sink already
    /// holds ([`RecordSink::known_keys`]) count as seen.
    pub fn new(config: ReceiverConfig, sink: S) -> Self {
        let mut dedupe = Deduper::new(config.dedupe_window, config.max_dedupe_keys);
        let now = Instant::now();
        for key in sink.known_keys() {
            dedupe.remember(key, now);
        }
        let permits = Arc::new(Semaphore::new(config.max_in_flight));
        Self {
            inner: Arc::new(Inner {
                config,
                sink,
                dedupe: Mutex::new(dedupe),
                permits,
                stats: Mutex::new(ReceiverStats::default()),
            }),
        }
    }

    /// The sink.
    pub fn sink(&self) -> &S {
        &self.inner.sink
    }

    /// The counters.
    pub fn stats(&self) -> ReceiverStats {
        lock(&self.inner.stats).clone()
    }

    /// How many stored record ids are remembered for deduplication.
    pub fn remembered_ids(&self) -> usize {
        lock(&self.inner.dedupe).len()
    }

    /// An axum router answering `POST` on every path (a tower `Service`).
    pub fn router(&self) -> Router {
        Router::new()
            .fallback(receive::<S>)
            .with_state(Arc::clone(&self.inner))
    }

    /// Waits until every batch being stored has been stored (or failed).
    pub async fn drain(&self) {
        let n = u32::try_from(self.inner.config.max_in_flight).unwrap_or(u32::MAX);
        let _ = self.inner.permits.acquire_many(n).await;
    }

    /// Serves on `listener` until `shutdown` completes; then stops taking
    /// connections, lets open requests finish and waits for every batch in
    /// flight to be stored.
    pub async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await?;
        self.drain().await;
        Ok(())
    }
}

fn answer(status: StatusCode, message: &str) -> Response {
    let mut r = (status, format!("{message}\n")).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        r.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
    }
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Basic realm=\"once-streamer\""),
        );
    }
    r
}

async fn receive<S: RecordSink>(
    State(inner): State<Arc<Inner<S>>>,
    req: Request<Body>,
) -> Response {
    lock(&inner.stats).requests += 1;
    let count = |f: fn(&mut ReceiverStats)| f(&mut lock(&inner.stats));
    if req.method() != Method::POST {
        return answer(StatusCode::METHOD_NOT_ALLOWED, "only POST");
    }
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes());
    if !inner.config.credentials.verify(auth) {
        count(|s| s.unauthorized += 1);
        return answer(StatusCode::UNAUTHORIZED, "bad or missing credentials");
    }
    let Ok(permit) = Arc::clone(&inner.permits).try_acquire_owned() else {
        count(|s| s.unavailable += 1);
        return answer(StatusCode::SERVICE_UNAVAILABLE, "busy, send again later");
    };
    let limit = inner.config.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        count(|s| s.too_large += 1);
        return answer(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    }
    let Ok(body) = axum::body::to_bytes(req.into_body(), limit).await else {
        count(|s| s.too_large += 1);
        return answer(StatusCode::PAYLOAD_TOO_LARGE, "body too large or cut short");
    };
    let batch = match decode_batch(&body) {
        Ok(b) => b,
        Err(e) => {
            count(|s| s.bad_bodies += 1);
            return answer(StatusCode::BAD_REQUEST, &e.to_string());
        }
    };
    let reservation = lock(&inner.dedupe).reserve(batch.records, batch.raw, Instant::now());
    let (records, raw, keys, duplicates) = match reservation {
        Reservation::Fresh {
            records,
            raw,
            keys,
            duplicates,
        } => (records, raw, keys, duplicates),
        Reservation::InFlight(key) => {
            count(|s| s.unavailable += 1);
            return answer(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("record {key} is being stored by another request"),
            );
        }
    };
    let delivery = Arc::new(Delivery {
        records,
        raw,
        rejected: batch.rejected,
        duplicates,
    });
    // Stored in a task of its own: if 1NCE hangs up, the store still
    // completes and its ids are remembered, so the retransmission is dropped.
    let task_inner = Arc::clone(&inner);
    let task = tokio::spawn(async move {
        let _permit = permit;
        let n = delivery.records.len() as u64;
        let rejected = delivery.rejected.len() as u64;
        let dups = delivery.duplicates as u64;
        let result = task_inner.sink.store(delivery).await;
        match &result {
            Ok(()) => {
                lock(&task_inner.dedupe).commit(&keys, Instant::now());
                let mut s = lock(&task_inner.stats);
                s.records_stored += n;
                s.records_rejected += rejected;
                s.duplicates_dropped += dups;
            }
            Err(e) => {
                lock(&task_inner.dedupe).release(&keys);
                tracing::warn!(target: "once_streamer", "sink failed: {e}");
            }
        }
        result
    });
    match tokio::time::timeout(inner.config.store_timeout, task).await {
        Ok(Ok(Ok(()))) => {
            count(|s| s.acknowledged += 1);
            answer(StatusCode::OK, "stored")
        }
        Ok(Ok(Err(e))) => {
            count(|s| s.unavailable += 1);
            answer(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("storage failed: {e}"),
            )
        }
        Ok(Err(_)) | Err(_) => {
            count(|s| s.unavailable += 1);
            answer(
                StatusCode::SERVICE_UNAVAILABLE,
                "storage too slow, send again later",
            )
        }
    }
}
