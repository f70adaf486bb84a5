//! The JSON-lines sink: segment files with an index of ids beside each.
//!
//! A directory holds `records-00000001.jsonl`, `records-00000002.jsonl`, ...
//! and beside each its id index `records-00000001.ids` (one record key a
//! line, in the order of the records). A segment is closed once it reaches
//! [`JsonLinesOptions::segment_bytes`]; the next write opens the next one
//! and `fsync`s the directory, so a new file survives a power cut.
//!
//! A write is all or nothing: the lines of one delivery are appended and
//! flushed (`fdatasync`), then their keys; when any step fails (a full
//! disk), both files are cut back to their length before the write, so no
//! half-written line is left for the retransmission to double or for the
//! next start to trip over. Should the cut itself fail, the next write
//! repairs it first (and fails until it can).
//!
//! At start the last segment is checked: a partial last line (a crash
//! mid-write) is cut off, and keys missing from its index (a crash between
//! the two writes) are read back from its lines. The keys to drop
//! retransmissions of come from the index files of the segments written
//! within [`JsonLinesOptions::remember_for`]: the records themselves are
//! not read again.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use once_sdk::streamer::RecordKey;

use crate::sink::{
    delivery_lines, line_key, lock, parse_key, write_stdout, Delivery, RecordSink, Shared,
    SinkError,
};

/// How a [`JsonLinesSink`] writes its directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonLinesOptions {
    /// A segment is closed once it holds this many bytes (default 64 MiB).
    pub segment_bytes: u64,
    /// How far back the id indexes are read at start (default 24 hours,
    /// the receiver's default dedupe window).
    pub remember_for: Duration,
}

impl Default for JsonLinesOptions {
    fn default() -> Self {
        Self {
            segment_bytes: 64 * 1024 * 1024,
            remember_for: Duration::from_secs(24 * 3600),
        }
    }
}

impl JsonLinesOptions {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// The size at which a segment is closed (at least 1 byte).
    pub fn segment_bytes(mut self, bytes: u64) -> Self {
        self.segment_bytes = bytes.max(1);
        self
    }

    /// How far back the id indexes are read at start.
    pub fn remember_for(mut self, window: Duration) -> Self {
        self.remember_for = window;
        self
    }
}

struct Segment {
    seq: u64,
    data: File,
    ids: File,
    /// Lengths of the two files after the last write that succeeded.
    data_len: u64,
    ids_len: u64,
    /// A failed write could not be cut back yet.
    dirty: bool,
}

struct Dir {
    path: PathBuf,
    options: JsonLinesOptions,
    segment: Segment,
}

enum Output {
    Stdout,
    Dir(Box<Dir>),
}

/// Writes each record as one JSON line (see [`delivery_lines`] for the
/// lines): into segment files of a directory with an id index beside each,
/// or to standard output.
///
/// The directory holds `records-00000001.jsonl`, `records-00000002.jsonl`,
/// ... and beside each its id index `records-00000001.ids` (one record key
/// a line, `usage:4100000017`, in the order of the lines). A segment is
/// closed once it reaches [`JsonLinesOptions::segment_bytes`]; creating a
/// file `fsync`s the directory, so the new file survives a power cut.
///
/// A write is all or nothing: a delivery's lines are appended and flushed
/// (`fdatasync`) before the request is acknowledged, then their keys; when
/// a step fails (a full disk), both files are cut back to their length
/// before the write, so no half-written line is left for the retry to
/// double or for the next start to trip over (should the cut fail too, the
/// next write repairs it first, and fails until it can).
///
/// At start the last segment is checked: a partial last line (a crash
/// mid-write) is cut off, and keys missing from its index (a crash between
/// the two writes) are read back from its lines. The keys to drop
/// retransmissions of come from the indexes of the segments written within
/// [`JsonLinesOptions::remember_for`]; the records themselves are not read
/// again, so start-up does not grow with the history kept.
pub struct JsonLinesSink {
    out: Shared<Output>,
    known: Mutex<Vec<RecordKey>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for JsonLinesSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLinesSink")
            .field("path", &self.path)
            .finish()
    }
}

fn data_name(seq: u64) -> String {
    format!("records-{seq:08}.jsonl")
}

fn ids_name(seq: u64) -> String {
    format!("records-{seq:08}.ids")
}

fn seq_of(name: &str) -> Option<u64> {
    name.strip_prefix("records-")?
        .strip_suffix(".jsonl")?
        .parse()
        .ok()
}

fn sync_dir(path: &Path) -> std::io::Result<()> {
    File::open(path)?.sync_all()
}

fn open_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
}

/// Cuts a file back to the end of its last whole line; returns the length.
fn cut_partial_line(file: &mut File) -> std::io::Result<u64> {
    let len = file.metadata()?.len();
    let mut end = len;
    let mut chunk = vec![0u8; 64 * 1024];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut chunk[..n])?;
        if let Some(i) = chunk[..n].iter().rposition(|b| *b == b'\n') {
            end = start + i as u64 + 1;
            break;
        }
        end = start;
    }
    if end != len {
        file.set_len(end)?;
        file.sync_all()?;
    }
    Ok(end)
}

fn count_lines(file: &mut File) -> std::io::Result<usize> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut n = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(n);
        }
        n += buf.iter().filter(|b| **b == b'\n').count();
        let len = buf.len();
        reader.consume(len);
    }
}

impl Segment {
    fn open(dir: &Path, seq: u64) -> std::io::Result<Self> {
        let created = !dir.join(data_name(seq)).exists();
        let mut data = open_append(&dir.join(data_name(seq)))?;
        let mut ids = open_append(&dir.join(ids_name(seq)))?;
        if created {
            sync_dir(dir)?;
        }
        let data_len = cut_partial_line(&mut data)?;
        let mut ids_len = cut_partial_line(&mut ids)?;
        // Keys written by a delivery whose key write did not complete.
        let (lines, keyed) = (count_lines(&mut data)?, count_lines(&mut ids)?);
        if lines > keyed {
            data.seek(SeekFrom::Start(0))?;
            let mut missing = Vec::new();
            for line in BufReader::new(&mut data).lines().skip(keyed) {
                match line_key(&line?) {
                    Some(key) => writeln!(missing, "{key}")?,
                    None => writeln!(missing, "unknown:line")?,
                }
            }
            ids.write_all(&missing)?;
            ids.sync_data()?;
            ids_len += missing.len() as u64;
        }
        Ok(Self {
            seq,
            data,
            ids,
            data_len,
            ids_len,
            dirty: false,
        })
    }

    /// Cuts both files back to the last good write.
    fn cut_back(&mut self) -> std::io::Result<()> {
        self.data.set_len(self.data_len)?;
        self.ids.set_len(self.ids_len)?;
        self.dirty = false;
        Ok(())
    }

    fn append(&mut self, lines: &[u8], keys: &[u8]) -> std::io::Result<()> {
        if self.dirty {
            self.cut_back()?;
        }
        let written = (|| {
            self.data.write_all(lines)?;
            self.data.sync_data()?;
            self.ids.write_all(keys)?;
            self.ids.sync_data()
        })();
        match written {
            Ok(()) => {
                self.data_len += lines.len() as u64;
                self.ids_len += keys.len() as u64;
                Ok(())
            }
            Err(e) => {
                self.dirty = true;
                if self.cut_back().is_ok() {
                    // The cut is durable only once flushed; a failed flush
                    // leaves it to the next write's repair.
                    let _ = self.data.sync_data().and_then(|()| self.ids.sync_data());
                }
                Err(e)
            }
        }
    }
}

impl Dir {
    fn write(&mut self, lines: &[u8], keys: &[u8]) -> std::io::Result<()> {
        if self.segment.data_len > 0
            && self.segment.data_len + lines.len() as u64 > self.options.segment_bytes
            && !self.segment.dirty
        {
            let next = Segment::open(&self.path, self.segment.seq + 1)?;
            self.segment = next;
        }
        self.segment.append(lines, keys)
    }
}

impl JsonLinesSink {
    /// Writes segments into directory `path` (created if missing), with
    /// the default [`JsonLinesOptions`].
    pub fn dir(path: impl AsRef<Path>) -> std::io::Result<Self> {
        Self::dir_with(path, JsonLinesOptions::default())
    }

    /// Writes segments into directory `path` (created if missing).
    pub fn dir_with(path: impl AsRef<Path>, options: JsonLinesOptions) -> std::io::Result<Self> {
        let path = path.as_ref().to_path_buf();
        if !path.is_dir() {
            std::fs::create_dir_all(&path)?;
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(parent)?;
            }
        }
        let mut seqs: Vec<u64> = std::fs::read_dir(&path)?
            .filter_map(|e| e.ok())
            .filter_map(|e| seq_of(&e.file_name().to_string_lossy()))
            .collect();
        seqs.sort_unstable();
        let last = seqs.last().copied().unwrap_or(1);
        let segment = Segment::open(&path, last)?;
        let known = read_known(&path, &seqs, options.remember_for)?;
        Ok(Self {
            out: Arc::new(Mutex::new(Output::Dir(Box::new(Dir {
                path: path.clone(),
                options,
                segment,
            })))),
            known: Mutex::new(known),
            path: Some(path),
        })
    }

    /// Writes to standard output.
    pub fn stdout() -> Self {
        Self {
            out: Arc::new(Mutex::new(Output::Stdout)),
            known: Mutex::new(Vec::new()),
            path: None,
        }
    }

    /// The segment files written so far, oldest first (none for stdout).
    pub fn segments(&self) -> Vec<PathBuf> {
        let Some(path) = &self.path else {
            return Vec::new();
        };
        let mut seqs: Vec<u64> = std::fs::read_dir(path)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter_map(|e| seq_of(&e.file_name().to_string_lossy()))
                    .collect()
            })
            .unwrap_or_default();
        seqs.sort_unstable();
        seqs.into_iter().map(|s| path.join(data_name(s))).collect()
    }
}

/// The keys in the id indexes of the segments changed within `window`.
fn read_known(dir: &Path, seqs: &[u64], window: Duration) -> std::io::Result<Vec<RecordKey>> {
    let since = SystemTime::now()
        .checked_sub(window)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut keys = Vec::new();
    for seq in seqs {
        let path = dir.join(ids_name(*seq));
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.modified().is_ok_and(|m| m < since) {
            continue;
        }
        let file = File::open(&path)?;
        for line in BufReader::with_capacity(256 * 1024, file).lines() {
            if let Some(key) = parse_key(&line?) {
                keys.push(key);
            }
        }
    }
    Ok(keys)
}

impl RecordSink for JsonLinesSink {
    async fn store(&self, delivery: Arc<Delivery>) -> Result<(), SinkError> {
        if delivery.is_empty() {
            return Ok(());
        }
        let out = Arc::clone(&self.out);
        tokio::task::spawn_blocking(move || {
            let (lines, keys) = delivery_lines(&delivery)?;
            let mut out = lock(&out);
            match &mut *out {
                Output::Stdout => write_stdout(&lines)?,
                Output::Dir(dir) => dir.write(&lines, &keys)?,
            }
            Ok(())
        })
        .await
        .map_err(|e| SinkError::new(format!("writer task failed: {e}")))?
    }

    fn known_keys(&self) -> Vec<RecordKey> {
        std::mem::take(&mut *lock(&self.known))
    }
}
