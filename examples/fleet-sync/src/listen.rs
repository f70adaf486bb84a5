//! `fleet-sync --listen`: daily usage from 1NCE's Data Streamer instead of
//! the v1 usage call (which 1NCE retires at the end of 2026).
//!
//! Runs a once-streamer receiver; each usage record is added to its SIM's
//! day in `daily_usage`, once: the record's kind and id go into
//! `stream_records` in the same transaction, and a record already there is
//! skipped, so retransmissions and restarts never count twice.
//!
//! 1NCE never sends an acknowledged record again, so what this example does
//! not add up is kept as sent in `stream_kept`, in the same transaction:
//! records of other kinds (events, SMS), records that did not decode (with
//! the reason) and whole bodies that were not a batch (base64).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use once_streamer::streamer::{StreamRecord, TrafficType, UsageRecord};
use once_streamer::{BasicCredentials, Delivery, Receiver, ReceiverConfig, RecordSink, SinkError};
use rusqlite::{params, Connection};

/// The bookkeeping table of `--listen`.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS stream_records (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS stream_kept (
    key    TEXT PRIMARY KEY,
    kind   TEXT NOT NULL,
    reason TEXT,
    raw    TEXT NOT NULL
);
";

/// Keeps one record as sent; returns whether it was new.
fn keep(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    kind: &str,
    reason: Option<&str>,
    raw: &str,
) -> rusqlite::Result<bool> {
    let new = tx.execute(
        "INSERT OR IGNORE INTO stream_kept (key, kind, reason, raw) VALUES (?1, ?2, ?3, ?4)",
        params![key, kind, reason, raw],
    )?;
    Ok(new > 0)
}

/// Adds usage records to `daily_usage`, each once.
#[derive(Clone)]
pub struct UsageSink {
    db: Arc<Mutex<Connection>>,
}

impl UsageSink {
    /// A sink writing into the database at `path` (tables created if missing).
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let db = Connection::open(path)?;
        db.execute_batch(crate::SCHEMA)?;
        db.execute_batch(SCHEMA)?;
        Ok(Self {
            db: Arc::new(Mutex::new(db)),
        })
    }
}

/// Adds one usage record to its SIM's day; returns whether it was new.
fn add(tx: &rusqlite::Transaction<'_>, u: &UsageRecord) -> rusqlite::Result<bool> {
    let (Some(iccid), Some(day)) = (u.device.iccid.as_ref(), u.day()) else {
        return Ok(false);
    };
    let new = tx.execute(
        "INSERT OR IGNORE INTO stream_records (kind, id) VALUES ('usage', ?1)",
        [u.id.as_str()],
    )?;
    if new == 0 {
        return Ok(false);
    }
    let v = &u.volume;
    let (total, rx, tx_) = (
        v.total_or_sum().unwrap_or(0.0),
        v.rx.unwrap_or(0.0),
        v.tx.unwrap_or(0.0),
    );
    let (data, sms) = match u.traffic_type {
        TrafficType::Data => ((total, rx, tx_), (0.0, 0.0, 0.0)),
        TrafficType::Sms => ((0.0, 0.0, 0.0), (total, rx, tx_)),
        _ => return Ok(false),
    };
    tx.execute(
        "INSERT INTO daily_usage (iccid, day, data_mb, data_rx_mb, data_tx_mb, sms, sms_rx, sms_tx)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (iccid, day) DO UPDATE SET
             data_mb = coalesce(daily_usage.data_mb, 0) + excluded.data_mb,
             data_rx_mb = coalesce(daily_usage.data_rx_mb, 0) + excluded.data_rx_mb,
             data_tx_mb = coalesce(daily_usage.data_tx_mb, 0) + excluded.data_tx_mb,
             sms = coalesce(daily_usage.sms, 0) + excluded.sms,
             sms_rx = coalesce(daily_usage.sms_rx, 0) + excluded.sms_rx,
             sms_tx = coalesce(daily_usage.sms_tx, 0) + excluded.sms_tx",
        params![
            iccid.as_str(),
            day.to_string(),
            data.0,
            data.1,
            data.2,
            sms.0,
            sms.1,
            sms.2
        ],
    )?;
    Ok(true)
}

impl RecordSink for UsageSink {
    async fn store(&self, delivery: Arc<Delivery>) -> Result<(), SinkError> {
        let db = Arc::clone(&self.db);
        let added = tokio::task::spawn_blocking(move || -> Result<usize, SinkError> {
            let mut db = db
                .lock()
                .map_err(|_| SinkError::new("database lock poisoned"))?;
            let tx = db
                .transaction()
                .map_err(|e| SinkError::new(e.to_string()))?;
            let mut added = 0;
            let sql = |e: rusqlite::Error| SinkError::new(e.to_string());
            for (r, raw) in delivery.records.iter().zip(&delivery.raw) {
                match r {
                    StreamRecord::Usage(u) if add(&tx, u).map_err(sql)? => added += 1,
                    StreamRecord::Usage(_) => {}
                    other => {
                        let key = other.key().to_string();
                        keep(&tx, &key, other.kind().as_str(), None, raw.as_str()).map_err(sql)?;
                    }
                }
            }
            for r in &delivery.rejected {
                let (key, reason) = (r.key().to_string(), r.error.to_string());
                keep(&tx, &key, "rejected", Some(&reason), r.raw.as_str()).map_err(sql)?;
            }
            if let Some(u) = &delivery.unreadable {
                use base64::Engine as _;
                let body = base64::engine::general_purpose::STANDARD.encode(&u.body);
                let key = u.key().to_string();
                keep(&tx, &key, "unreadable_body", Some(&u.reason), &body).map_err(sql)?;
            }
            tx.commit().map_err(|e| SinkError::new(e.to_string()))?;
            Ok(added)
        })
        .await
        .map_err(|e| SinkError::new(e.to_string()))??;
        if added > 0 {
            eprintln!("fleet-sync: {added} usage records added");
        }
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Receives the stream on `addr` until SIGTERM or Ctrl-C, then drains.
pub async fn run(
    addr: SocketAddr,
    db: &Path,
    username: &str,
    password: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let sink = UsageSink::open(db)?;
    let receiver = Receiver::new(
        ReceiverConfig::new(BasicCredentials::new(username, password)),
        sink,
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!(
        "fleet-sync: receiving the 1NCE Data Streamer on {} into {}",
        listener.local_addr()?,
        db.display()
    );
    receiver.serve(listener, shutdown_signal()).await?;
    let s = receiver.stats();
    println!(
        "fleet-sync: stopped; {} records received, {} retransmissions dropped, {} rejected",
        s.records_stored, s.duplicates_dropped, s.records_rejected
    );
    Ok(())
}
