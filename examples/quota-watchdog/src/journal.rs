//! The write-ahead journal: one JSON object per line, appended and flushed
//! to disk (`fsync`) before the program goes on.
//!
//! A top-up is recorded as an `intent` *before* it is sent and as an
//! `outcome` after. A run is closed by `run_finished`; a run without it was
//! interrupted and is resumed by the next start. An `intent` whose outcome
//! is missing (the program died while the top-up was in flight) or
//! `unknown` (the answer was lost) is settled by reading the quota again,
//! never by sending the top-up again.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use once_sdk::Quota;
use serde::{Deserialize, Serialize};

/// What a quota looked like before a top-up: enough to tell afterwards
/// whether the top-up was applied.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaMark {
    /// The quota's id (1NCE starts a new quota on a top-up).
    pub id: Option<i64>,
    /// Volume left.
    pub volume: Option<f64>,
    /// Initial volume plus every top-up.
    pub accumulated: Option<f64>,
}

impl QuotaMark {
    /// The mark of a quota as read now.
    pub fn of(quota: &Quota) -> Self {
        Self {
            id: quota.id,
            volume: quota.volume,
            accumulated: quota.accumulated_total_volume,
        }
    }

    /// Whether `now` shows a top-up since this mark: more accumulated
    /// volume, a new quota id, or more volume left (usage only lowers it).
    pub fn raised_in(&self, now: &Quota) -> bool {
        let more = |before: Option<f64>, after: Option<f64>| matches!((before, after), (Some(b), Some(a)) if a > b);
        more(self.accumulated, now.accumulated_total_volume)
            || matches!((self.id, now.id), (Some(b), Some(a)) if a != b)
            || more(self.volume, now.volume)
    }
}

/// How a top-up ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 1NCE accepted it.
    Applied,
    /// 1NCE refused it (4xx): nothing was applied.
    Refused,
    /// The answer was lost; to be settled against the quota.
    Unknown,
    /// Settled: the quota shows the top-up.
    ConfirmedApplied,
    /// Settled: the quota shows no top-up.
    NotApplied,
}

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Entry {
    /// A run began.
    RunStarted { run: String, at: DateTime<Utc> },
    /// A top-up is about to be sent.
    Intent {
        run: String,
        iccid: String,
        at: DateTime<Utc>,
        reasons: Vec<String>,
        data: QuotaMark,
        sms: QuotaMark,
    },
    /// What became of a top-up.
    Outcome {
        run: String,
        iccid: String,
        at: DateTime<Utc>,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// A run ended (every top-up of it has an outcome).
    RunFinished { run: String, at: DateTime<Utc> },
}

/// A top-up whose outcome is not settled yet.
#[derive(Clone, Debug)]
pub struct Unsettled {
    pub run: String,
    pub iccid: String,
    pub data: QuotaMark,
    pub sms: QuotaMark,
}

/// The journal file and what it says.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    entries: Vec<Entry>,
    /// Bytes up to the end of the last complete line.
    valid_len: u64,
    file: Option<File>,
}

impl Journal {
    /// Reads the journal at `path` (a missing file is an empty journal). A
    /// torn last line (the program died while writing it) is ignored and cut
    /// off before the next append; any other unreadable line is an error.
    pub fn load(path: &Path) -> std::io::Result<Self> {
        let mut entries = Vec::new();
        let mut valid_len = 0;
        match File::open(path) {
            Ok(mut file) => {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                // A line without its newline was cut short by a crash.
                let complete = text.rfind('\n').map_or(0, |i| i + 1);
                valid_len = complete as u64;
                for (i, line) in text[..complete].lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str(line) {
                        Ok(entry) => entries.push(entry),
                        Err(e) => {
                            return Err(std::io::Error::new(
                                std::io::ErrorKind::InvalidData,
                                format!("{} line {}: {e}", path.display(), i + 1),
                            ))
                        }
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(Self {
            path: path.to_path_buf(),
            entries,
            valid_len,
            file: None,
        })
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an entry and waits until it is on disk.
    pub fn append(&mut self, entry: Entry) -> std::io::Result<()> {
        if self.file.is_none() {
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)?;
            // Drop a torn last line before adding to the file.
            if file.metadata()?.len() > self.valid_len {
                file.set_len(self.valid_len)?;
            }
            self.file = Some(file);
        }
        if let Some(file) = self.file.as_mut() {
            let mut line = serde_json::to_string(&entry).map_err(std::io::Error::other)?;
            line.push('\n');
            file.write_all(line.as_bytes())?;
            file.sync_data()?;
        }
        self.entries.push(entry);
        Ok(())
    }

    /// The run that was started but not finished, if any.
    pub fn open_run(&self) -> Option<String> {
        let mut open = None;
        for entry in &self.entries {
            match entry {
                Entry::RunStarted { run, .. } => open = Some(run.clone()),
                Entry::RunFinished { run, .. } if open.as_ref() == Some(run) => open = None,
                _ => {}
            }
        }
        open
    }

    /// SIMs with a top-up intent in `run`, whatever its outcome.
    pub fn attempted_in(&self, run: &str) -> BTreeSet<String> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Intent { run: r, iccid, .. } if r == run => Some(iccid.clone()),
                _ => None,
            })
            .collect()
    }

    /// Intents (of any run) without a settled outcome: no outcome at all, or
    /// `unknown`.
    pub fn unsettled(&self) -> Vec<Unsettled> {
        let mut pending: BTreeMap<(String, String), Unsettled> = BTreeMap::new();
        for entry in &self.entries {
            match entry {
                Entry::Intent {
                    run,
                    iccid,
                    data,
                    sms,
                    ..
                } => {
                    pending.insert(
                        (run.clone(), iccid.clone()),
                        Unsettled {
                            run: run.clone(),
                            iccid: iccid.clone(),
                            data: data.clone(),
                            sms: sms.clone(),
                        },
                    );
                }
                Entry::Outcome {
                    run,
                    iccid,
                    outcome,
                    ..
                } if *outcome != Outcome::Unknown => {
                    pending.remove(&(run.clone(), iccid.clone()));
                }
                _ => {}
            }
        }
        pending.into_values().collect()
    }
}
