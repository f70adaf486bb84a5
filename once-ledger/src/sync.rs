//! The API side of the ledger: one sync pass reads the SIMs, their quotas
//! and the events the API still holds (seven days on Platform 2.0), through
//! the SDK (so at 1NCE's rate limits, shared through Redis when the client
//! is built so), and stores them with the same keys as the stream's: an
//! event that arrives from both is stored once.

use chrono::{DateTime, Utc};
use futures::{StreamExt, TryStreamExt};
use once_sdk::{Client, Iccid, Quota, Sim};

use crate::{Ingest, Ledger, LedgerError};

/// How a sync pass runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncOptions {
    /// SIMs worked on at once (the SDK paces the calls at 1NCE's limits).
    pub concurrency: usize,
    /// Read each SIM's data and SMS quota (two calls per SIM).
    pub quotas: bool,
    /// Read each SIM's events (one call per page of events).
    pub events: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            concurrency: 4,
            quotas: true,
            events: true,
        }
    }
}

impl SyncOptions {
    /// The defaults: 4 SIMs at once, quotas and events.
    pub fn new() -> Self {
        Self::default()
    }

    /// SIMs worked on at once (at least 1).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Whether to read quotas.
    pub fn quotas(mut self, on: bool) -> Self {
        self.quotas = on;
        self
    }

    /// Whether to read events.
    pub fn events(mut self, on: bool) -> Self {
        self.events = on;
        self
    }
}

/// What a sync pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SyncReport {
    /// SIMs listed (and their rows written).
    pub sims: u64,
    /// Quota snapshots written (a quota that did not change writes none).
    pub quota_snapshots: u64,
    /// Events stored for the first time.
    pub events_inserted: u64,
    /// Events the ledger already held (from the stream or an earlier pass).
    pub events_already_stored: u64,
    /// What failed for single SIMs (`ICCID: error`); the pass went on.
    pub failures: Vec<String>,
}

/// A SIM's current state as the ledger keeps it.
pub(crate) struct SimRow {
    pub iccid: String,
    pub imsi: Option<String>,
    pub msisdn: Option<String>,
    pub imei: Option<String>,
    pub ip_address: Option<String>,
    pub status: Option<String>,
    pub label: Option<String>,
}

impl SimRow {
    fn of(sim: &Sim) -> Self {
        use crate::rows::clean;
        Self {
            iccid: sim.iccid.as_str().to_string(),
            imsi: sim.imsi.as_ref().map(|i| clean(i.as_str())),
            msisdn: sim.msisdn.as_ref().map(|m| clean(m.as_str())),
            imei: sim.imei.as_ref().map(|i| clean(i.as_str())),
            ip_address: sim.ip_address.as_deref().map(clean),
            status: sim.status.as_ref().map(|s| clean(s.as_str())),
            label: sim.label.as_deref().map(clean),
        }
    }
}

/// A quota as observed.
pub(crate) struct QuotaRow {
    pub iccid: String,
    pub service: &'static str,
    pub volume: Option<f64>,
    pub total_volume: Option<f64>,
    pub expiry_date: Option<DateTime<Utc>>,
}

impl QuotaRow {
    fn of(iccid: &Iccid, service: &'static str, q: &Quota) -> Self {
        Self {
            iccid: iccid.as_str().to_string(),
            service,
            volume: q.volume,
            total_volume: q.total_volume,
            expiry_date: q.expiry_date.map(|t| t.0),
        }
    }
}

#[derive(Default)]
struct SimOutcome {
    snapshots: u64,
    inserted: u64,
    duplicates: u64,
    failures: Vec<String>,
}

impl Ledger {
    /// One sync pass: every SIM's row, a quota snapshot when a quota
    /// changed, and every event the API holds. Errors of single SIMs are
    /// collected in the report; a failing SIM list or database ends the pass
    /// with an error (what was stored so far stays stored).
    pub async fn sync(
        &self,
        client: &Client,
        options: &SyncOptions,
    ) -> Result<SyncReport, LedgerError> {
        let api = |e: once_sdk::Error| LedgerError::Api(e.to_string());
        let mut report = SyncReport::default();
        let mut pages = client.sims().list().page_size(100).stream().chunks(100);
        while let Some(chunk) = pages.next().await {
            let sims: Vec<Sim> = chunk.into_iter().collect::<Result<_, _>>().map_err(api)?;
            let rows: Vec<SimRow> = sims.iter().map(SimRow::of).collect();
            self.upsert_sims(rows, Utc::now()).await?;
            report.sims += sims.len() as u64;
            // At most `concurrency` SIMs at once (no closure over the
            // futures: they stay Send for a spawned task).
            let mut todo = sims.iter();
            let mut running = futures::stream::FuturesUnordered::new();
            loop {
                while running.len() < options.concurrency {
                    match todo.next() {
                        Some(sim) => running.push(self.sync_sim(client, sim, options)),
                        None => break,
                    }
                }
                let Some(outcome) = running.next().await else {
                    break;
                };
                let o = outcome?;
                report.quota_snapshots += o.snapshots;
                report.events_inserted += o.inserted;
                report.events_already_stored += o.duplicates;
                report.failures.extend(o.failures);
            }
        }
        Ok(report)
    }

    async fn sync_sim(
        &self,
        client: &Client,
        sim: &Sim,
        options: &SyncOptions,
    ) -> Result<SimOutcome, LedgerError> {
        let mut out = SimOutcome::default();
        let iccid = &sim.iccid;
        if options.quotas {
            for (service, quota) in [
                ("data", client.sims().data_quota(iccid).await),
                ("sms", client.sims().sms_quota(iccid).await),
            ] {
                match quota {
                    Ok(q) => {
                        let observed = Utc::now();
                        if self
                            .snapshot_quota(QuotaRow::of(iccid, service, &q), observed)
                            .await?
                        {
                            out.snapshots += 1;
                        }
                    }
                    Err(e) => out.failures.push(format!("{iccid}: {service} quota: {e}")),
                }
            }
        }
        if options.events {
            match client
                .sims()
                .events(iccid)
                .stream()
                .try_collect::<Vec<_>>()
                .await
            {
                Ok(events) if events.is_empty() => {}
                Ok(events) => {
                    // The API's events have the Data Streamer's shape: read
                    // them with the stream's decoder, store them under the
                    // stream's keys.
                    let body = serde_json::to_vec(&events)
                        .map_err(|e| LedgerError::Api(format!("{iccid}: events: {e}")))?;
                    match once_sdk::streamer::decode_batch(&body) {
                        Ok(batch) => {
                            let stored = self
                                .ingest(
                                    &Ingest::new(&batch.records, &batch.raw)
                                        .rejected(&batch.rejected),
                                )
                                .await?;
                            out.inserted += stored.inserted;
                            out.duplicates += stored.duplicates;
                        }
                        Err(e) => out.failures.push(format!("{iccid}: events: {e}")),
                    }
                }
                Err(e) => out.failures.push(format!("{iccid}: events: {e}")),
            }
        }
        Ok(out)
    }

    async fn upsert_sims(&self, rows: Vec<SimRow>, at: DateTime<Utc>) -> Result<(), LedgerError> {
        match &self.backend {
            crate::Backend::Postgres(p) => p.upsert_sims(&rows, at).await,
            crate::Backend::Sqlite(s) => s.upsert_sims(rows, at).await,
        }
    }

    async fn snapshot_quota(&self, row: QuotaRow, at: DateTime<Utc>) -> Result<bool, LedgerError> {
        match &self.backend {
            crate::Backend::Postgres(p) => p.snapshot_quota(&row, at).await,
            crate::Backend::Sqlite(s) => s.snapshot_quota(row, at).await,
        }
    }
}
