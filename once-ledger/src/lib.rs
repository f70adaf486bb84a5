//! # once-ledger
//!
//! The fleet's history, kept where the customer owns it. On 1NCE's
//! Platform 2.0 the API keeps usage and events for seven days, and v1's
//! six months of usage retire on 2026-12-31: what a fleet used last month
//! exists only where it was stored. The ledger stores it: every usage
//! record, event and SMS record of the Data Streamer (and of the API), the
//! SIMs' state and their quota snapshots, in **PostgreSQL** (the server
//! database) or **SQLite** (a file: the embedded default), with one schema
//! and versioned migrations.
//!
//! - **Exactly once**: each record's 1NCE id (with its time, the partition
//!   column) is the table's key and every insert skips what is there, in
//!   one transaction per batch; so a retransmission, a second receiver
//!   behind a load balancer, or the same record from the API and the stream
//!   is stored once, with no memory shared between processes.
//! - **Nothing lost**: a record that did not decode, or a body that was not
//!   a batch, is kept in `rejected` with its reason and its text as sent.
//! - **Time-partitioned** in PostgreSQL: `usage`, `events` and
//!   `sms_records` are partitioned by month on their time column
//!   (declarative partitioning; partitions are created as records arrive),
//!   and [`Ledger::drop_partitions_before`] applies a retention by dropping
//!   whole months.
//! - **From the API too**: [`Ledger::sync`] reads the SIMs, their quotas
//!   (a snapshot when one changed) and the events the API holds, under the
//!   stream's keys.
//! - **Answers without calling 1NCE**: [`Ledger::usage_report`], and
//!   [`Ledger::gap_report`] for what the ledger is missing.
//!
//! ```no_run
//! # async fn run() -> Result<(), once_ledger::LedgerError> {
//! use once_ledger::{Ingest, Ledger};
//! use once_sdk::streamer::decode_batch;
//!
//! let ledger = Ledger::open("sqlite:fleet.db").await?; // or postgres://user@host/db
//! let body = br#"[{"id": 1, "traffic_type": {"id": 5}, "volume": {"total": 0.5},
//!                 "end_timestamp": "2026-12-01T10:05:00.000Z", "sim": {"iccid": "8988280666000000017"}}]"#;
//! let batch = decode_batch(body).expect("a batch");
//! let stored = ledger.ingest(&Ingest::new(&batch.records, &batch.raw).rejected(&batch.rejected)).await?;
//! assert_eq!(stored.inserted, 1);
//! # Ok(()) }
//! ```
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod gaps;
mod pg;
pub mod policy;
mod query;
mod rows;
mod schema;
mod sqlite;
mod sync;

#[cfg(feature = "receiver")]
mod sink;
#[cfg(feature = "receiver")]
pub use sink::LedgerSink;

use chrono::{DateTime, Utc};

pub use gaps::{GapReport, QuotaGap, SilentStream};
pub use query::{EventQuery, Granularity, Group, LedgerEvent, UsageQuery, UsageTotal};
pub use rows::{Ingest, IngestOutcome};
pub use schema::SCHEMA_VERSION;
pub use sync::{SyncOptions, SyncReport};

/// What went wrong with the ledger.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A setting is wrong (the database URL, a query's period): nothing was
    /// sent to the database.
    #[error("{0}")]
    Config(String),
    /// The database cannot be reached or is busy: try again later (the
    /// receiver answers 503, so 1NCE sends the records again).
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// 1NCE's API failed in a way that ends a sync pass (the SIM list).
    #[error("1NCE API: {0}")]
    Api(String),
    /// The database refused a statement.
    #[error("database error: {0}")]
    Database(String),
    /// The database was migrated by a newer once-ledger.
    #[error(
        "the database's schema is version {database}, newer than this once-ledger knows \
         (up to {code}): upgrade once-ledger"
    )]
    SchemaTooNew {
        /// The version the database records.
        database: i64,
        /// The newest version this code knows.
        code: i64,
    },
}

pub(crate) enum Backend {
    Postgres(pg::Postgres),
    Sqlite(sqlite::Sqlite),
}

/// A ledger on PostgreSQL or SQLite. Cheap to share behind an `Arc`.
pub struct Ledger {
    pub(crate) backend: Backend,
    url: String,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("db", &self.url)
            .finish_non_exhaustive()
    }
}

/// A database URL with its password masked, for logs and errors.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return redact_params(url);
    };
    let user = userinfo.split(':').next().unwrap_or_default();
    let masked = if userinfo.contains(':') {
        format!("{user}:***")
    } else {
        user.to_string()
    };
    redact_params(&format!("{scheme}://{masked}@{host}{tail}"))
}

fn redact_params(url: &str) -> String {
    let Some((head, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{head}?{}", query.join("&"))
}

impl Ledger {
    /// Opens the ledger at `url` and applies the migrations it lacks:
    /// `postgres://user:password@host:port/db` (or `postgresql://`), or
    /// `sqlite:path/to/fleet.db`. A database migrated by a newer
    /// once-ledger is refused ([`LedgerError::SchemaTooNew`]).
    pub async fn open(url: &str) -> Result<Self, LedgerError> {
        let ledger = Self::connect(url).await?;
        ledger.migrate().await?;
        Ok(ledger)
    }

    /// Connects without migrating (see [`migrate`](Self::migrate)).
    pub async fn connect(url: &str) -> Result<Self, LedgerError> {
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(pg::Postgres::connect(url).await?)
        } else if let Some(path) = url.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(LedgerError::Config(
                    "database URL: sqlite: needs a file path (sqlite:fleet.db)".into(),
                ));
            }
            Backend::Sqlite(sqlite::Sqlite::open(std::path::Path::new(path))?)
        } else {
            return Err(LedgerError::Config(format!(
                "database URL: {} is neither postgres://... nor sqlite:FILE",
                redact_url(url)
            )));
        };
        Ok(Self {
            backend,
            url: redact_url(url),
        })
    }

    /// The database URL, password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Applies the migrations the database lacks; returns the schema version.
    pub async fn migrate(&self) -> Result<i64, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => p.migrate().await,
            Backend::Sqlite(s) => s.migrate().await,
        }
    }

    /// Stores a batch in one transaction: every row is new or skipped as
    /// already stored. Returns once the transaction committed.
    pub async fn ingest(&self, batch: &Ingest<'_>) -> Result<IngestOutcome, LedgerError> {
        let rows = rows::Rows::of(batch);
        match &self.backend {
            Backend::Postgres(p) => p.ingest(&rows, batch.received_at).await,
            Backend::Sqlite(s) => s.ingest(rows, batch.received_at).await,
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => p.ping().await,
            Backend::Sqlite(s) => s.ping().await,
        }
    }

    /// Usage totals for a question, from the ledger alone.
    pub async fn usage_report(&self, q: &UsageQuery) -> Result<Vec<UsageTotal>, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => p.usage_report(q).await,
            Backend::Sqlite(s) => s.usage_report(q).await,
        }
    }

    /// Events from the ledger alone, newest first.
    pub async fn events(&self, q: &EventQuery) -> Result<Vec<LedgerEvent>, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => p.events(q).await,
            Backend::Sqlite(s) => s.events(q).await,
        }
    }

    /// The retention: drops the month partitions of `usage`, `events` and
    /// `sms_records` that end at or before `cutoff` (PostgreSQL; whole
    /// partitions, no row-by-row delete). Returns the partitions dropped.
    /// On SQLite, which has no partitions, it deletes those rows.
    pub async fn drop_partitions_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<String>, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => p.drop_partitions_before(cutoff).await,
            Backend::Sqlite(s) => s.delete_before(cutoff).await,
        }
    }
}
