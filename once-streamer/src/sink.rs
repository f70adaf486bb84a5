//! Where received records go: the user's handler, or JSON lines.

use std::future::Future;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use once_sdk::streamer::{RecordId, RecordKey, RecordKind, RejectedRecord, StreamRecord};

/// One request's new records, handed to a [`RecordSink`].
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Delivery {
    /// The records not seen before, in the order sent.
    pub records: Vec<StreamRecord>,
    /// Each of `records` as sent (same order).
    pub raw: Vec<once_sdk::streamer::RawRecord>,
    /// Records of the request that could not be decoded (they are
    /// acknowledged all the same: sent again, they would fail again).
    pub rejected: Vec<RejectedRecord>,
    /// Records of the request dropped as retransmissions.
    pub duplicates: usize,
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
/// durably).
pub trait RecordSink: Send + Sync + 'static {
    /// Stores one request's new records.
    fn store(&self, delivery: Arc<Delivery>) -> impl Future<Output = Result<(), SinkError>> + Send;

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

enum Output {
    Stdout,
    File(std::fs::File),
}

/// Writes each record as one JSON line: the typed record (its `kind`, `id`
/// and decoded fields), `received_at`, and the record as sent under `raw`.
/// A file is flushed to disk (`fsync`) before the request is acknowledged.
/// At start-up it reads the keys already in the file, so that a restarted
/// receiver still drops retransmissions of records it stored before.
pub struct JsonLinesSink {
    out: Arc<Mutex<Output>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for JsonLinesSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLinesSink")
            .field("path", &self.path)
            .finish()
    }
}

impl JsonLinesSink {
    /// Appends to `path` (created if missing).
    pub fn file(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path.as_ref())?;
        Ok(Self {
            out: Arc::new(Mutex::new(Output::File(file))),
            path: Some(path.as_ref().to_path_buf()),
        })
    }

    /// Writes to standard output.
    pub fn stdout() -> Self {
        Self {
            out: Arc::new(Mutex::new(Output::Stdout)),
            path: None,
        }
    }

    /// The lines of a delivery, each ending in `\n`.
    pub fn lines(delivery: &Delivery) -> Result<Vec<u8>, SinkError> {
        let received_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let mut buf = Vec::with_capacity(delivery.records.len() * 1024);
        for (record, raw) in delivery.records.iter().zip(&delivery.raw) {
            let mut v = serde_json::to_value(record).map_err(|e| SinkError::new(e.to_string()))?;
            if let Some(obj) = v.as_object_mut() {
                obj.insert("received_at".into(), received_at.clone().into());
                obj.insert("raw".into(), raw.to_value());
            }
            serde_json::to_writer(&mut buf, &v).map_err(|e| SinkError::new(e.to_string()))?;
            buf.push(b'\n');
        }
        Ok(buf)
    }
}

/// The key of one JSON line written by [`JsonLinesSink`].
pub fn line_key(line: &str) -> Option<RecordKey> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let kind = RecordKind::from_name(v.get("kind")?.as_str()?)?;
    let id = v.get("id")?.as_str()?;
    Some(RecordKey {
        kind,
        id: RecordId::new(id),
    })
}

impl RecordSink for JsonLinesSink {
    async fn store(&self, delivery: Arc<Delivery>) -> Result<(), SinkError> {
        for r in &delivery.rejected {
            tracing::warn!(target: "once_streamer", "rejected {r}");
        }
        if delivery.records.is_empty() {
            return Ok(());
        }
        let out = Arc::clone(&self.out);
        tokio::task::spawn_blocking(move || {
            let buf = Self::lines(&delivery)?;
            let mut out = out
                .lock()
                .map_err(|_| SinkError::new("output lock poisoned"))?;
            match &mut *out {
                Output::Stdout => {
                    let mut s = std::io::stdout().lock();
                    s.write_all(&buf)?;
                    s.flush()?;
                }
                Output::File(f) => {
                    f.write_all(&buf)?;
                    f.sync_data()?;
                }
            }
            Ok(())
        })
        .await
        .map_err(|e| SinkError::new(format!("writer task failed: {e}")))?
    }

    fn known_keys(&self) -> Vec<RecordKey> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let Ok(file) = std::fs::File::open(path) else {
            return Vec::new();
        };
        std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| line_key(&l))
            .collect()
    }
}
