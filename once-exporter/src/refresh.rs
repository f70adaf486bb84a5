//! The refresh loop: walk the SIM list (its pages carry each SIM's status
//! and quota levels), publish, then spend the rest of the interval's budget
//! on per-SIM details in priority order, publishing as it goes.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::Utc;
use futures::{stream, StreamExt};
use once_sdk::{Client, Iccid, Page, Sim};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::fleet::{Connectivity, Priority, QuotaLeft};
use crate::health::{DetailLabels, Health, PriorityLabels, ResultLabels, DETAIL_KINDS};
use crate::settings::Settings;
use crate::snapshot::{lock, SharedFleet, Snapshot, SnapshotEncoder};

/// SIMs per list page (1NCE's maximum).
const PAGE_SIZE: u32 = 100;
/// Publish the snapshot at most this often while details come in...
const PUBLISH_EVERY: Duration = Duration::from_secs(1);
/// ...and spend at most 1/this of the time encoding it (100,000 SIMs take
/// a few hundred milliseconds to encode).
const PUBLISH_COST_FACTOR: u32 = 20;
/// The share of the interval the details get even when the list walk
/// takes longer than the interval (huge fleets, small budgets).
const MIN_DETAIL_SHARE: f64 = 0.25;

/// The served snapshot: exposition text of the fleet metrics.
pub type Published = Arc<RwLock<Snapshot>>;

/// Everything one refresh loop needs.
pub struct Refresher {
    pub(crate) client: Client,
    pub(crate) settings: Settings,
    pub(crate) fleet: SharedFleet,
    pub(crate) encoder: SnapshotEncoder,
    pub(crate) published: Published,
    pub(crate) health: Health,
    pub(crate) cycles: watch::Sender<u64>,
}

/// Details fetched for one SIM: `None` where the call failed.
struct Details {
    iccid: String,
    priority: Priority,
    data: Option<QuotaLeft>,
    sms: Option<QuotaLeft>,
    /// `None` when not asked for (only interesting SIMs are).
    connectivity: Option<Option<Connectivity>>,
}

impl Details {
    /// Each kind's outcome, in [`DETAIL_KINDS`] order (`None`: not asked).
    fn outcomes(&self) -> [Option<bool>; 3] {
        [
            Some(self.data.is_some()),
            Some(self.sms.is_some()),
            self.connectivity.as_ref().map(Option::is_some),
        ]
    }
}

/// How the calls of one detail kind went in a cycle.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    ok: u64,
    failed: u64,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        if ok {
            self.ok += 1;
        } else {
            self.failed += 1;
        }
    }

    /// `None` when no call was made; otherwise whether more than half of
    /// the calls answered (a stray error does not fail a large fleet's
    /// stage, an outage does).
    fn success(self) -> Option<bool> {
        (self.ok + self.failed > 0).then_some(self.ok > self.failed)
    }
}

/// How a cycle whose list walk succeeded ended.
struct CycleEnd {
    /// When the next cycle should start.
    next: Instant,
    /// False when a detail stage failed.
    details_ok: bool,
}

impl Refresher {
    /// Runs refresh cycles, one every `settings.refresh` (or back to back
    /// when a cycle takes longer), until the task is dropped.
    pub async fn run(self) {
        let mut cycle = 0u64;
        loop {
            cycle += 1;
            let started = Instant::now();
            let wall = std::time::Instant::now();
            let next = match self.cycle(cycle, started).await {
                Ok(CycleEnd {
                    next,
                    details_ok: true,
                }) => {
                    let secs = wall.elapsed().as_secs_f64();
                    self.health.last_duration.set(secs);
                    self.health.last_success.set(now_secs());
                    self.count_refresh("success");
                    tracing::info!(cycle, seconds = secs, "refresh cycle done");
                    next
                }
                Ok(CycleEnd { next, .. }) => {
                    self.health.last_duration.set(wall.elapsed().as_secs_f64());
                    self.count_refresh("failure");
                    tracing::warn!(cycle, "refresh cycle failed: most SIM detail calls of a kind failed (once_exporter_stage_success); serving the figures that arrived");
                    next
                }
                Err(e) => {
                    self.count_refresh("failure");
                    tracing::warn!(cycle, error = %e, "refresh cycle failed; serving the previous snapshot");
                    started + self.settings.refresh
                }
            };
            self.cycles.send_replace(cycle);
            tokio::time::sleep_until(next).await;
        }
    }

    fn count_refresh(&self, result: &str) {
        self.health
            .refreshes
            .get_or_create(&ResultLabels {
                result: result.into(),
            })
            .inc();
    }

    /// Publishes the snapshot; returns how long encoding took.
    fn publish(&self) -> Duration {
        let started = std::time::Instant::now();
        let with = lock(&self.fleet)
            .sims
            .values()
            .filter(|s| s.details_at.is_some())
            .count();
        self.health.sims_with_details.set(with as i64);
        let text = self.encoder.encode();
        *self.published.write().unwrap_or_else(|p| p.into_inner()) = text;
        self.health.snapshot_at.set(now_secs());
        started.elapsed()
    }

    fn list(&self) -> once_sdk::List<Sim> {
        let list = self.client.sims().list().page_size(PAGE_SIZE);
        match &self.settings.filter {
            Some(q) => list.filter(q.clone()),
            None => list,
        }
    }

    /// Calls in flight at once: `--concurrency`, but no more than one
    /// second's budget, so that calls do not wait in the rate limiter's
    /// queue for long (that wait counts toward the SDK's call timeout, and
    /// delays the end of a cycle).
    fn in_flight(&self) -> usize {
        let per_second = self.settings.budget_rps().ceil().max(1.0) as usize;
        self.settings.concurrency.min(per_second)
    }

    fn apply_page(&self, page: &Page<Sim>, cycle: u64) {
        let now = Utc::now();
        let mut fleet = lock(&self.fleet);
        fleet.cycle = cycle;
        for sim in &page.items {
            fleet.apply_listed(sim, cycle, now);
        }
    }

    /// One cycle; fails when the list walk fails.
    async fn cycle(&self, cycle: u64, started: Instant) -> once_sdk::Result<CycleEnd> {
        let walked = self.walk_list(cycle).await;
        self.health.stage_ended("list", walked.is_ok(), now_secs());
        walked?;
        let listed = started.elapsed();
        let mut publish_every = PUBLISH_EVERY.max(self.publish() * PUBLISH_COST_FACTOR);
        // After the publish: a reader that sees the walk's duration sees its SIMs.
        self.health.list_duration.set(listed.as_secs_f64());

        // 2. Details until the interval's budget is spent, most urgent first.
        let refresh = self.settings.refresh;
        let deadline = (started + refresh).max(Instant::now() + refresh.mul_f64(MIN_DETAIL_SHARE));
        let queue = lock(&self.fleet).detail_queue(Utc::now(), self.settings.expiring_within);
        let mut details = stream::iter(queue)
            .take_while(|_| std::future::ready(Instant::now() < deadline))
            .map(|(iccid, priority)| self.details(iccid, priority))
            .buffer_unordered(self.in_flight());
        let mut tallies = [Tally::default(); 3];
        let mut last_publish = Instant::now();
        while let Some(d) = details.next().await {
            self.apply_details(d, &mut tallies);
            if last_publish.elapsed() >= publish_every {
                publish_every = PUBLISH_EVERY.max(self.publish() * PUBLISH_COST_FACTOR);
                last_publish = Instant::now();
            }
        }
        self.publish();
        let now = now_secs();
        let mut ran = false;
        let mut details_ok = true;
        for (kind, tally) in DETAIL_KINDS.iter().zip(tallies) {
            if let Some(ok) = tally.success() {
                self.health.stage_ended(kind, ok, now);
                ran = true;
                details_ok &= ok;
                if !ok {
                    tracing::warn!(
                        kind,
                        failed = tally.failed,
                        answered = tally.ok,
                        "most SIM detail calls of this kind failed"
                    );
                }
            }
        }
        // A cycle that sent no detail call leaves the details stage as it was.
        if ran {
            self.health.stage_ended("details", details_ok, now);
        }
        Ok(CycleEnd {
            next: started + refresh,
            details_ok,
        })
    }

    /// The list: page 1 says how many pages follow; those are fetched
    /// `in_flight()` at a time (the rate limiter paces them). SIMs the walk
    /// did not see are dropped once it is complete.
    async fn walk_list(&self, cycle: u64) -> once_sdk::Result<()> {
        let first = self.list().send().await?;
        self.apply_page(&first, cycle);
        match first.total_pages {
            Some(total) if total > 1 => {
                let mut pages = stream::iter(2..=total)
                    .map(|p| self.list().page(p).send())
                    .buffer_unordered(self.in_flight());
                while let Some(page) = pages.next().await {
                    self.apply_page(&page?, cycle);
                }
            }
            Some(_) => {}
            None => {
                let mut page = first;
                while page.has_next() {
                    page = self.list().page(page.page + 1).send().await?;
                    self.apply_page(&page, cycle);
                }
            }
        }
        let gone = lock(&self.fleet).drop_unseen(cycle);
        if gone > 0 {
            tracing::info!(gone, "SIMs no longer listed were dropped");
        }
        Ok(())
    }

    async fn details(&self, iccid: String, priority: Priority) -> Details {
        let id = Iccid::new_unchecked(iccid.clone());
        let sims = self.client.sims();
        let connectivity = async {
            if priority.interesting() {
                Some(sims.status(&id).await)
            } else {
                None
            }
        };
        let (data, sms, conn) =
            tokio::join!(sims.data_quota(&id), sims.sms_quota(&id), connectivity);
        Details {
            data: ok(&iccid, "data quota", data).map(|q| QuotaLeft::from_quota(&q)),
            sms: ok(&iccid, "sms quota", sms).map(|q| QuotaLeft::from_quota(&q)),
            connectivity: conn
                .map(|c| ok(&iccid, "connectivity", c).map(|c| Connectivity::from_status(&c))),
            iccid,
            priority,
        }
    }

    /// Counts the SIM's detail calls by outcome (into the cycle's
    /// `tallies` too) and keeps what arrived.
    fn apply_details(&self, d: Details, tallies: &mut [Tally; 3]) {
        let outcomes = d.outcomes();
        for ((kind, tally), outcome) in DETAIL_KINDS.iter().zip(tallies.iter_mut()).zip(outcomes) {
            let Some(ok) = outcome else { continue };
            tally.add(ok);
            self.health
                .detail_requests
                .get_or_create(&DetailLabels {
                    kind: (*kind).to_string(),
                    result: if ok { "success" } else { "failure" }.to_string(),
                })
                .inc();
        }
        if outcomes.iter().flatten().all(|ok| *ok) {
            self.health
                .details_fetched
                .get_or_create(&PriorityLabels {
                    priority: priority_name(d.priority).into(),
                })
                .inc();
        }
        let mut fleet = lock(&self.fleet);
        let Some(entry) = fleet.sims.get_mut(&d.iccid) else {
            return;
        };
        // Both quotas fresh: only then does the SIM count as detailed now
        // (a SIM with a failed quota call stays ahead in the queue).
        let both = d.data.is_some() && d.sms.is_some();
        if d.data.is_some() {
            entry.data = d.data;
        }
        if d.sms.is_some() {
            entry.sms = d.sms;
        }
        if let Some(Some(c)) = d.connectivity {
            entry.connectivity = Some(c);
        }
        if both {
            entry.details_at = Some(Utc::now());
        }
    }
}

/// The value, or `None` after logging why the detail is missing (the SIM
/// keeps its previous figures).
fn ok<T>(iccid: &str, what: &str, r: once_sdk::Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::debug!(%iccid, what, error = %e, "SIM detail not fetched");
            None
        }
    }
}

fn priority_name(p: Priority) -> &'static str {
    match p {
        Priority::LowQuota => "low_quota",
        Priority::ExpiringSoon => "expiring_soon",
        Priority::Changed => "changed",
        Priority::NeverFetched => "never_fetched",
        Priority::Routine => "routine",
    }
}

fn now_secs() -> f64 {
    Utc::now().timestamp_millis() as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_stage_succeeds_when_more_than_half_of_its_calls_answered() {
        let tally = |ok, failed| Tally { ok, failed }.success();
        assert_eq!(tally(0, 0), None);
        assert_eq!(tally(1, 0), Some(true));
        assert_eq!(tally(999, 1), Some(true));
        assert_eq!(tally(1, 1), Some(false));
        assert_eq!(tally(16, 128), Some(false));
        assert_eq!(tally(0, 3), Some(false));
    }
}
