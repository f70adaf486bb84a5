//! Where received records go: the user's handler, or JSON lines.

use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use once_sdk::streamer::{
    RawRecord, RecordId, RecordKey, RecordKind, RejectedRecord, StreamRecord,
};

pub use crate::segments::{JsonLinesOptions, JsonLinesSink};

/// One request's new records, handed to a [`RecordSink`].
///
/// Everything in it was (or, once the sink returns `Ok`, will be)
/// acknowledged to 1NCE, which never sends it again: a sink must keep all
/// of it, the records that decoded and those that did not.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Delivery {
    /// The records not seen before, in the order sent.
    pub records: Vec<StreamRecord>,
    /// Each of `records` as sent (same order).
    pub raw: Vec<RawRecord>,
    /// Records of the request that could not be decoded, each with the
    /// reason and its text as sent (they are acknowledged all the same:
    /// sent again, they would fail again).
    pub rejected: Vec<RejectedRecord>,
    /// A body that arrived whole but is not a batch at all (not UTF-8, not
    /// JSON, a stray byte): kept whole, see [`UnreadableBody`].
    pub unreadable: Option<UnreadableBody>,
    /// Records of the request dropped as retransmissions.
    pub duplicates: usize,
}

impl Delivery {
    /// True when there is nothing to store.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.rejected.is_empty() && self.unreadable.is_none()
    }
}

/// A request body that arrived whole (its length checked) but could not be
/// read as a batch. The receiver acknowledges it once the sink has stored
/// it: sending it again could never fix it, and 1NCE would put the whole
/// stream into FAILED after its retries.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct UnreadableBody {
    /// The body as received (after `Content-Encoding` was undone, when it
    /// could be).
    pub body: Bytes,
    /// Why it could not be read.
    pub reason: String,
}

impl UnreadableBody {
    /// A body kept whole with the reason it could not be read.
    pub fn new(body: impl Into<Bytes>, reason: impl Into<String>) -> Self {
        Self {
            body: body.into(),
            reason: reason.into(),
        }
    }

    /// The body's dedupe key (kind `rejected`, id `body#<FNV-1a hash>`).
    pub fn key(&self) -> RecordKey {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.body.iter() {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        RecordKey {
            kind: RecordKind::Rejected,
            id: RecordId::new(format!("body#{hash:016x}")),
        }
    }
}

/// Why a sink could not take a delivery; the receiver answers 503 and
/// 1NCE sends the records again.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SinkError(pub String);

impl SinkError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl From<std::io::Error> for SinkError {
    fn from(e: std::io::Error) -> Self {
        Self(e.to_string())
    }
}

/// Takes the records of each request. The receiver answers 200 only after
/// [`store`](RecordSink::store) returned `Ok`, so a sink must return only
/// once the records are safe (written and flushed, committed, queued
/// durably), and must keep the rejected records and an unreadable body
/// too: 1NCE does not send acknowledged data again.
pub trait RecordSink: Send + Sync + 'static {
    /// Stores one request's new records.
    fn store(&self, delivery: Arc<Delivery>) -> impl Future<Output = Result<(), SinkError>> + Send;

    /// Whether the sink can store right now, for `GET /healthz` (default:
    /// yes). A database sink checks its database here.
    fn health(&self) -> impl Future<Output = Result<(), SinkError>> + Send {
        async { Ok(()) }
    }

    /// Keys of records stored before this process started, to drop them
    /// if 1NCE sends them again (default: none).
    fn known_keys(&self) -> Vec<RecordKey> {
        Vec::new()
    }
}

/// A sink made of an async function (see [`handler_fn`]).
#[derive(Clone, Debug)]
pub struct FnSink<F>(F);

/// Wraps an async function as a [`RecordSink`].
///
/// ```
/// use std::sync::Arc;
/// use once_streamer::{handler_fn, Delivery, SinkError};
///
/// let sink = handler_fn(|delivery: Arc<Delivery>| async move {
///     println!("{} new records", delivery.records.len());
///     Ok::<(), SinkError>(())
/// });
/// # let _ = sink;
/// ```
pub fn handler_fn<F, Fut>(f: F) -> FnSink<F>
where
    F: Fn(Arc<Delivery>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), SinkError>> + Send,
{
    FnSink(f)
}

impl<F, Fut> RecordSink for FnSink<F>
where
    F: Fn(Arc<Delivery>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), SinkError>> + Send,
{
    fn store(&self, delivery: Arc<Delivery>) -> impl Future<Output = Result<(), SinkError>> + Send {
        (self.0)(delivery)
    }
}

/// The JSON lines of a delivery, each ending in `\n`, and the key of each
/// line in the same order (also each ending in `\n`).
///
/// - a decoded record: the typed record (its `kind`, `id` and decoded
///   fields), `received_at`, and the record as sent under `raw`;
/// - a rejected record: `{"kind": "rejected", "key", "index", "id",
///   "field", "rule", "received_at", "raw"}`;
/// - an unreadable body: `{"kind": "rejected", "key", "reason",
///   "received_at", "bytes", "body_base64"}`.
///
/// The records are written as they are, borrowed: nothing is converted to
/// a `serde_json::Value` or copied per record.
pub fn delivery_lines(delivery: &Delivery) -> Result<(Vec<u8>, Vec<u8>), SinkError> {
    use base64::Engine as _;
    let received_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let raw_len: usize = delivery.raw.iter().map(|r| r.as_str().len()).sum();
    let mut buf = Vec::with_capacity(raw_len * 2 + delivery.records.len() * 64);
    let mut keys = Vec::with_capacity(delivery.records.len() * 24);
    let err = |e: serde_json::Error| SinkError::new(format!("a record does not serialize: {e}"));
    for (record, raw) in delivery.records.iter().zip(&delivery.raw) {
        serde_json::to_writer(&mut buf, record).map_err(err)?;
        // An object always: swap its closing brace for the two fields.
        if buf.last() == Some(&b'}') {
            buf.pop();
        }
        buf.extend_from_slice(b",\"received_at\":\"");
        buf.extend_from_slice(received_at.as_bytes());
        buf.extend_from_slice(b"\",\"raw\":");
        buf.extend_from_slice(raw.as_bytes());
        buf.extend_from_slice(b"}\n");
        writeln!(keys, "{}", record.key()).map_err(SinkError::from)?;
    }
    for r in &delivery.rejected {
        let key = r.key();
        let head = serde_json::json!({
            "kind": "rejected", "key": key.to_string(), "index": r.index,
            "id": r.id, "field": r.error.field, "rule": r.error.rule,
            "received_at": received_at,
        });
        serde_json::to_writer(&mut buf, &head).map_err(err)?;
        buf.pop();
        buf.extend_from_slice(b",\"raw\":");
        buf.extend_from_slice(r.raw.as_bytes());
        buf.extend_from_slice(b"}\n");
        writeln!(keys, "{key}").map_err(SinkError::from)?;
    }
    if let Some(u) = &delivery.unreadable {
        let key = u.key();
        let line = serde_json::json!({
            "kind": "rejected", "key": key.to_string(), "reason": u.reason,
            "received_at": received_at, "bytes": u.body.len(),
            "body_base64": base64::engine::general_purpose::STANDARD.encode(&u.body),
        });
        serde_json::to_writer(&mut buf, &line).map_err(err)?;
        buf.push(b'\n');
        writeln!(keys, "{key}").map_err(SinkError::from)?;
    }
    Ok((buf, keys))
}

/// The key of one JSON line written by [`JsonLinesSink`] (see
/// [`delivery_lines`]).
pub fn line_key(line: &str) -> Option<RecordKey> {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(borrow)]
        kind: std::borrow::Cow<'a, str>,
        #[serde(borrow, default)]
        id: Option<std::borrow::Cow<'a, str>>,
        #[serde(borrow, default)]
        key: Option<std::borrow::Cow<'a, str>>,
    }
    let head: Head<'_> = serde_json::from_str(line).ok()?;
    if let Some(key) = head.key {
        return parse_key(&key);
    }
    Some(RecordKey {
        kind: RecordKind::from_name(&head.kind)?,
        id: RecordId::new(head.id?.into_owned()),
    })
}

/// A key from its text (`usage:4100000017`), as the id index holds it.
pub(crate) fn parse_key(text: &str) -> Option<RecordKey> {
    let (kind, id) = text.split_once(':')?;
    Some(RecordKey {
        kind: RecordKind::from_name(kind)?,
        id: RecordId::new(id),
    })
}

/// Standard output, for [`JsonLinesSink::stdout`].
pub(crate) fn write_stdout(buf: &[u8]) -> std::io::Result<()> {
    let mut s = std::io::stdout().lock();
    s.write_all(buf)?;
    s.flush()
}

/// A lock that survives a panic of another holder.
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Shared by the sinks that write on a blocking thread.
pub(crate) type Shared<T> = Arc<Mutex<T>>;
