//! The webhook endpoint: auth, body read, decode, dedupe, hand-off, answer.

use std::future::Future;
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use once_sdk::streamer::{decode_batch_with, DecodeOptions, Platform, StreamBodyError};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::auth::BasicCredentials;
use crate::dedupe::{Deduper, Reservation};
use crate::sink::{Delivery, RecordSink, UnreadableBody};

/// Bytes allowed per record by the default body cap: a full Platform 2.0
/// event record with its PDP context is about 2.5 kB of JSON.
pub const BYTES_PER_RECORD: usize = 5 * 1024;

/// The most records 1NCE puts in one request (Platform 2.0 documents 3,000).
const RECORDS_PER_REQUEST: usize = 3_000;

/// How the receiver behaves. Build with [`ReceiverConfig::new`].
#[derive(Clone, Debug)]
#[must_use]
pub struct ReceiverConfig {
    credentials: BasicCredentials,
    max_body_bytes: usize,
    max_records: usize,
    dedupe_window: Duration,
    max_dedupe_keys: usize,
    max_in_flight: usize,
    max_reading: usize,
    store_timeout: Duration,
    header_timeout: Duration,
    read_timeout: Duration,
    body_timeout: Duration,
    platform: Platform,
}

impl ReceiverConfig {
    /// A receiver that accepts `credentials`, with the defaults: a body
    /// cap of 3,000 records × [`BYTES_PER_RECORD`] (15 MiB, after gzip is
    /// undone) and of 5,000 records, retransmitted ids dropped for 24 hours
    /// (at most 5,000,000 remembered), 8 requests stored at once and 64
    /// bodies read at once (503 beyond), 503 when storing takes over 20 s,
    /// headers within 10 s ([`serve`](Receiver::serve) only), no gap over
    /// 10 s in a body and the whole body within 60 s (408 otherwise),
    /// severities read with [`Platform::Detect`].
    pub fn new(credentials: BasicCredentials) -> Self {
        Self {
            credentials,
            max_body_bytes: RECORDS_PER_REQUEST * BYTES_PER_RECORD,
            max_records: 5_000,
            dedupe_window: Duration::from_secs(24 * 3600),
            max_dedupe_keys: 5_000_000,
            max_in_flight: 8,
            max_reading: 64,
            store_timeout: Duration::from_secs(20),
            header_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            platform: Platform::Detect,
        }
    }

    /// How long a stored record id is remembered to drop its
    /// retransmissions (set with [`dedupe_window`](Self::dedupe_window)).
    pub fn remembered_for(&self) -> Duration {
        self.dedupe_window
    }

    /// The largest request body accepted, decompressed (413 beyond).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The most records one request may hold (413 beyond, at least 1).
    pub fn max_records(mut self, n: usize) -> Self {
        self.max_records = n.max(1);
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
    /// A request takes its slot only once its body is in.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// How many request bodies may be read at once; more get 503 (at
    /// least 1). Bounds the memory slow uploads can hold.
    pub fn max_reading(mut self, n: usize) -> Self {
        self.max_reading = n.max(1);
        self
    }

    /// How long the sink may take before the request gets 503 (the store
    /// still completes, and a retransmission then counts as duplicate).
    pub fn store_timeout(mut self, d: Duration) -> Self {
        self.store_timeout = d;
        self
    }

    /// How long a client may take to send a request's headers before
    /// [`serve`](Receiver::serve) closes the connection (mounted in your
    /// own server, set your server's header timeout instead).
    pub fn header_timeout(mut self, d: Duration) -> Self {
        self.header_timeout = d;
        self
    }

    /// The longest pause allowed between two pieces of a body (408 beyond).
    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.read_timeout = d;
        self
    }

    /// How long a whole body may take to arrive (408 beyond).
    pub fn body_timeout(mut self, d: Duration) -> Self {
        self.body_timeout = d;
        self
    }

    /// How event severity ids read (see [`once_sdk::streamer::Platform`]).
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
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
    /// Records that could not be decoded (acknowledged, handed to the
    /// sink with their text and the reason).
    pub records_rejected: u64,
    /// Records stored with optional fields this SDK could not read.
    pub records_with_unread_fields: u64,
    /// Bodies that arrived whole but were not a batch (acknowledged,
    /// handed to the sink whole).
    pub bodies_unreadable: u64,
    /// 401 answers.
    pub unauthorized: u64,
    /// 503 answers: too many requests at once, a record still being stored
    /// by another request, the sink failing or too slow.
    pub unavailable: u64,
    /// 413 answers: too many bytes or records.
    pub too_large: u64,
    /// 400 answers: bodies cut short.
    pub bad_bodies: u64,
    /// 408 answers: bodies that stalled or took too long.
    pub timeouts: u64,
    /// 415 answers: a `Content-Encoding` other than gzip.
    pub unsupported_encoding: u64,
}

struct Inner<S> {
    config: ReceiverConfig,
    sink: S,
    dedupe: Mutex<Deduper>,
    permits: Arc<Semaphore>,
    reading: Arc<Semaphore>,
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
        let reading = Arc::new(Semaphore::new(config.max_reading));
        Self {
            inner: Arc::new(Inner {
                config,
                sink,
                dedupe: Mutex::new(dedupe),
                permits,
                reading,
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
    /// flight to be stored. A client that does not send its headers within
    /// [`ReceiverConfig::header_timeout`] is disconnected.
    pub async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = hyper_util::service::TowerToHyperService::new(self.router());
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let mut connections = tokio::task::JoinSet::new();
        let header_timeout = self.inner.config.header_timeout;
        tokio::pin!(shutdown);
        loop {
            let accepted = tokio::select! {
                () = &mut shutdown => break,
                accepted = listener.accept() => accepted,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(target: "once_streamer", "accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let service = service.clone();
            let mut stop = stop_rx.clone();
            connections.spawn(async move {
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                tokio::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = stop.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
            });
            while connections.try_join_next().is_some() {}
        }
        // No new connections from here on: refused, rather than left
        // waiting in the backlog of a listener nobody accepts from.
        drop(listener);
        let _ = stop_tx.send(true);
        while connections.join_next().await.is_some() {}
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

enum BodyFailure {
    TooLarge,
    CutShort,
    Stalled,
}

/// Reads a body whole: at most `limit` bytes, no pause over `idle`, all of
/// it by `deadline`.
async fn read_body(
    mut body: Body,
    limit: usize,
    idle: Duration,
    deadline: tokio::time::Instant,
) -> Result<Bytes, BodyFailure> {
    let mut first: Option<Bytes> = None;
    let mut rest: Option<BytesMut> = None;
    let mut len = 0usize;
    loop {
        let wait = idle.min(deadline.saturating_duration_since(tokio::time::Instant::now()));
        let frame = match tokio::time::timeout(wait, body.frame()).await {
            Err(_) => return Err(BodyFailure::Stalled),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(BodyFailure::CutShort),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        len += data.len();
        if len > limit {
            return Err(BodyFailure::TooLarge);
        }
        match (&mut first, &mut rest) {
            (None, _) => first = Some(data),
            (Some(f), None) => {
                let mut buf = BytesMut::with_capacity(len.max(64 * 1024));
                buf.extend_from_slice(f);
                buf.extend_from_slice(&data);
                rest = Some(buf);
            }
            (Some(_), Some(buf)) => buf.extend_from_slice(&data),
        }
    }
    Ok(match rest {
        Some(buf) => buf.freeze(),
        None => first.unwrap_or_default(),
    })
}

/// Undoes gzip, reading at most `limit` bytes of output.
fn gunzip(body: &[u8], limit: usize) -> Result<Result<Bytes, String>, BodyFailure> {
    let mut out = Vec::with_capacity(body.len().saturating_mul(4).min(limit));
    let mut decoder = flate2::read::MultiGzDecoder::new(body).take(limit as u64 + 1);
    match decoder.read_to_end(&mut out) {
        Ok(_) if out.len() > limit => Err(BodyFailure::TooLarge),
        Ok(_) => Ok(Ok(Bytes::from(out))),
        Err(e) => Ok(Err(format!("gzip: {e}"))),
    }
}

async fn receive<S: RecordSink>(
    State(inner): State<Arc<Inner<S>>>,
    req: Request<Body>,
) -> Response {
    if req.method() == Method::GET && req.uri().path().ends_with("/healthz") {
        // For load balancers and systemd: no credentials, nothing revealed.
        return match inner.sink.health().await {
            Ok(()) => answer(StatusCode::OK, "ok"),
            Err(e) => {
                tracing::warn!(target: "once_streamer", "health check failed: {e}");
                answer(StatusCode::SERVICE_UNAVAILABLE, "the store is unavailable")
            }
        };
    }
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
    let gzip = match req
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|v| v.as_bytes())
    {
        None => false,
        Some(v) if v.eq_ignore_ascii_case(b"identity") => false,
        Some(v) if v.eq_ignore_ascii_case(b"gzip") || v.eq_ignore_ascii_case(b"x-gzip") => true,
        Some(_) => {
            count(|s| s.unsupported_encoding += 1);
            return answer(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Encoding must be gzip or identity",
            );
        }
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
    // Reading takes a slot of its own: slow uploads cannot hold the slots
    // of the requests being stored.
    let Ok(reading) = Arc::clone(&inner.reading).try_acquire_owned() else {
        count(|s| s.unavailable += 1);
        return answer(StatusCode::SERVICE_UNAVAILABLE, "busy, send again later");
    };
    let deadline = tokio::time::Instant::now() + inner.config.body_timeout;
    let body = read_body(req.into_body(), limit, inner.config.read_timeout, deadline).await;
    drop(reading);
    let body = match body {
        Ok(b) => b,
        Err(BodyFailure::TooLarge) => {
            count(|s| s.too_large += 1);
            return answer(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
        }
        Err(BodyFailure::CutShort) => {
            count(|s| s.bad_bodies += 1);
            return answer(StatusCode::BAD_REQUEST, "body cut short");
        }
        Err(BodyFailure::Stalled) => {
            count(|s| s.timeouts += 1);
            return answer(StatusCode::REQUEST_TIMEOUT, "body too slow");
        }
    };
    let body = match gzip {
        false => Ok(body),
        true => match gunzip(&body, limit) {
            Ok(decoded) => decoded.map_err(|reason| (body, reason)),
            Err(_) => {
                count(|s| s.too_large += 1);
                return answer(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body too large once gunzipped",
                );
            }
        },
    };
    let options = DecodeOptions::new()
        .platform(inner.config.platform)
        .max_records(inner.config.max_records);
    let all = match body.map(|b| (decode_batch_with(&b, &options), b)) {
        Ok((Ok(batch), _)) => Delivery {
            records: batch.records,
            raw: batch.raw,
            rejected: batch.rejected,
            ..Delivery::default()
        },
        Ok((Err(StreamBodyError::TooManyRecords { max }), _)) => {
            count(|s| s.too_large += 1);
            return answer(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!("more than {max} records"),
            );
        }
        Ok((Err(e), body)) => unreadable(body, e.to_string()),
        Err((body, reason)) => unreadable(body, reason),
    };
    let Ok(permit) = Arc::clone(&inner.permits).try_acquire_owned() else {
        count(|s| s.unavailable += 1);
        return answer(StatusCode::SERVICE_UNAVAILABLE, "busy, send again later");
    };
    let reservation = lock(&inner.dedupe).reserve(all, Instant::now());
    let (delivery, keys) = match reservation {
        Reservation::Fresh { delivery, keys } => (delivery, keys),
        Reservation::InFlight(key) => {
            count(|s| s.unavailable += 1);
            return answer(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("record {key} is being stored by another request"),
            );
        }
    };
    let delivery = Arc::new(delivery);
    // Stored in a task of its own: if 1NCE hangs up, the store still
    // completes and its ids are remembered, so the retransmission is dropped.
    let task_inner = Arc::clone(&inner);
    let task = tokio::spawn(async move {
        let _permit = permit;
        let n = delivery.records.len() as u64;
        let unread = delivery
            .records
            .iter()
            .filter(|r| !r.unread().is_empty())
            .count() as u64;
        let rejected = delivery.rejected.len() as u64;
        let unreadable = u64::from(delivery.unreadable.is_some());
        let dups = delivery.duplicates as u64;
        if let Some(u) = &delivery.unreadable {
            tracing::warn!(target: "once_streamer", "storing an unreadable body whole ({} bytes): {}", u.body.len(), u.reason);
        }
        let result = match delivery.is_empty() {
            true => Ok(()),
            false => task_inner.sink.store(delivery).await,
        };
        match &result {
            Ok(()) => {
                lock(&task_inner.dedupe).commit(&keys, Instant::now());
                let mut s = lock(&task_inner.stats);
                s.records_stored += n;
                s.records_with_unread_fields += unread;
                s.records_rejected += rejected;
                s.bodies_unreadable += unreadable;
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

fn unreadable(body: Bytes, reason: String) -> Delivery {
    Delivery {
        unreadable: Some(UnreadableBody { body, reason }),
        ..Delivery::default()
    }
}
