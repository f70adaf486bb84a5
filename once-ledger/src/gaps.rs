//! The gap report: where the ledger is missing what 1NCE counted.
//!
//! - a SIM whose data quota fell between two snapshots by more than the
//!   usage records the ledger holds for that time (a stream outage, a
//!   receiver that was down past 1NCE's retries, a FAILED stream);
//! - a stream kind (usage, events, SMS) that stored nothing for a while.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{Ledger, LedgerError};

/// A quota that fell with too little usage recorded for the fall.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct QuotaGap {
    /// The SIM.
    pub iccid: String,
    /// The earlier snapshot.
    pub from: DateTime<Utc>,
    /// The later snapshot.
    pub to: DateTime<Utc>,
    /// How far the data quota fell, MiB.
    pub fell: f64,
    /// The data usage the ledger holds for that time, MiB.
    pub recorded: f64,
}

/// A record kind that stored nothing for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SilentStream {
    /// `usage`, `events` or `sms_records`.
    pub table: &'static str,
    /// When the last record of the kind arrived.
    pub last_received_at: DateTime<Utc>,
}

/// What [`Ledger::gap_report`] found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GapReport {
    /// Quotas that fell with too little usage recorded.
    pub quota_gaps: Vec<QuotaGap>,
    /// Kinds that stored nothing since the cut-off.
    pub silent: Vec<SilentStream>,
}

impl GapReport {
    /// True when nothing is missing.
    pub fn is_clean(&self) -> bool {
        self.quota_gaps.is_empty() && self.silent.is_empty()
    }
}

/// The share of a quota's fall the usage records must cover.
pub(crate) const COVERED: f64 = 0.9;

/// The gap query; `p` are the dialect's parameter markers (since, tolerance).
pub(crate) fn quota_gap_sql(p: [&str; 2]) -> String {
    let [since, slack] = p;
    format!(
        "WITH s AS ( \
           SELECT iccid, observed_at, volume, \
             LAG(volume) OVER (PARTITION BY iccid ORDER BY observed_at) AS prev_volume, \
             LAG(observed_at) OVER (PARTITION BY iccid ORDER BY observed_at) AS prev_at \
           FROM quota_snapshots WHERE service = 'data' AND observed_at >= {since}), \
         f AS ( \
           SELECT s.iccid, s.prev_at, s.observed_at, s.prev_volume - s.volume AS fell, \
             coalesce((SELECT sum(u.total_mib) FROM usage u WHERE u.iccid = s.iccid \
               AND u.traffic_type = 'data' AND u.end_at > s.prev_at \
               AND u.end_at <= s.observed_at), 0) AS recorded \
           FROM s WHERE s.prev_volume IS NOT NULL AND s.volume < s.prev_volume) \
         SELECT iccid, prev_at, observed_at, fell, recorded FROM f \
         WHERE recorded < fell * {COVERED} - {slack} ORDER BY iccid, observed_at"
    )
}

impl Ledger {
    /// The gap report for the time since `since`: data quotas (from the
    /// sync's snapshots) that fell by more than the usage recorded for the
    /// same time (less than 90 % covered), and record kinds that stored
    /// nothing since `silent_since` while they had stored before.
    pub async fn gap_report(
        &self,
        since: DateTime<Utc>,
        silent_since: DateTime<Utc>,
    ) -> Result<GapReport, LedgerError> {
        match &self.backend {
            crate::Backend::Postgres(p) => p.gap_report(since, silent_since).await,
            crate::Backend::Sqlite(s) => s.gap_report(since, silent_since).await,
        }
    }
}
