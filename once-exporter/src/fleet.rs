//! The exporter's picture of the fleet: what the SIM list said about each
//! SIM, and the details (quotas left, expiry, connectivity) fetched for it
//! since. Plain data plus the priority rule; no HTTP here.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use once_sdk::{ConnectivityStatus, Quota, Sim, SimConnectivity, SimStatus};

/// Bytes in one of 1NCE's megabytes (quotas are sold in decimal MB).
pub const BYTES_PER_MB: f64 = 1_000_000.0;

/// A quota's level as the SIM list reports it (`quota_status.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum QuotaLevel {
    /// More than 20 % left (id 0).
    Plenty,
    /// Less than 20 % left (id 1).
    Low,
    /// Nothing left (id 2).
    Exhausted,
}

impl QuotaLevel {
    fn from_id(id: Option<i64>) -> Option<QuotaLevel> {
        match id? {
            0 => Some(QuotaLevel::Plenty),
            1 => Some(QuotaLevel::Low),
            2 => Some(QuotaLevel::Exhausted),
            _ => None,
        }
    }

    /// The list's id: 0 plenty, 1 low, 2 exhausted.
    pub fn id(self) -> i64 {
        match self {
            QuotaLevel::Plenty => 0,
            QuotaLevel::Low => 1,
            QuotaLevel::Exhausted => 2,
        }
    }
}

/// What one SIM list entry says about a SIM (the fields the exporter uses).
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// Enabled, Disabled (or a status this version does not know).
    pub status: Option<SimStatus>,
    /// The customer's label.
    pub label: Option<String>,
    /// The IMSI in use.
    pub imsi: Option<String>,
    /// The phone number.
    pub msisdn: Option<String>,
    /// The overall data quota, MB.
    pub data_quota_mb: Option<f64>,
    /// The overall SMS quota, messages.
    pub sms_quota: Option<f64>,
    /// The data quota's level.
    pub data_level: Option<QuotaLevel>,
    /// The SMS quota's level.
    pub sms_level: Option<QuotaLevel>,
}

impl Listed {
    /// The fields of a list entry.
    pub fn from_sim(sim: &Sim) -> Listed {
        Listed {
            status: sim.status.clone(),
            label: sim.label.clone(),
            imsi: sim
                .current_imsi
                .as_ref()
                .or(sim.imsi.as_ref())
                .map(|i| i.as_str().to_string()),
            msisdn: sim.msisdn.as_ref().map(|m| m.as_str().to_string()),
            data_quota_mb: sim.current_quota,
            sms_quota: sim.current_quota_sms,
            data_level: QuotaLevel::from_id(sim.quota_status.as_ref().and_then(|q| q.id)),
            sms_level: QuotaLevel::from_id(sim.quota_status_sms.as_ref().and_then(|q| q.id)),
        }
    }

    /// True when either quota is low or exhausted.
    pub fn quota_low(&self) -> bool {
        self.data_level.is_some_and(|l| l >= QuotaLevel::Low)
            || self.sms_level.is_some_and(|l| l >= QuotaLevel::Low)
    }
}

/// A quota's figures from its own endpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuotaLeft {
    /// What is left (MB for data, messages for SMS); can be negative.
    pub volume: Option<f64>,
    /// When the quota expires.
    pub expiry: Option<DateTime<Utc>>,
}

impl QuotaLeft {
    /// The fields of a quota answer.
    pub fn from_quota(q: &Quota) -> QuotaLeft {
        QuotaLeft {
            volume: q.volume,
            expiry: q.expiry_date.as_ref().map(|t| t.as_datetime()),
        }
    }
}

/// A SIM's connectivity, as far as the metrics need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Connectivity {
    /// `ONLINE`, `ATTACHED`, `OFFLINE`, `BLOCKED` (or what 1NCE sent).
    pub state: ConnectivityStatus,
    /// When the network last saw the SIM.
    pub last_seen: Option<DateTime<Utc>>,
}

impl Connectivity {
    /// The fields of a connectivity answer.
    pub fn from_status(s: &SimConnectivity) -> Connectivity {
        Connectivity {
            state: s.status.description.clone(),
            last_seen: s
                .location
                .as_ref()
                .and_then(|l| l.last_updated.as_ref())
                .map(|t| t.as_datetime()),
        }
    }
}

/// One SIM in the snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct SimEntry {
    /// From the latest list page that carried the SIM.
    pub listed: Listed,
    /// When the list entry last changed (or the SIM first appeared).
    pub changed_at: DateTime<Utc>,
    /// The refresh cycle that last saw the SIM in the list.
    pub seen_in_cycle: u64,
    /// The data quota, once fetched.
    pub data: Option<QuotaLeft>,
    /// The SMS quota, once fetched.
    pub sms: Option<QuotaLeft>,
    /// Connectivity, fetched for interesting SIMs only.
    pub connectivity: Option<Connectivity>,
    /// When the details were last fetched.
    pub details_at: Option<DateTime<Utc>>,
}

/// Why a SIM gets its details fetched, most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// A quota is low or exhausted (the list says so).
    LowQuota,
    /// A known quota expiry falls within the warning window.
    ExpiringSoon,
    /// The list entry changed since the details were fetched, or the SIM is new.
    Changed,
    /// Nothing known beyond the list entry yet.
    NeverFetched,
    /// Routine: the details are merely getting old.
    Routine,
}

impl Priority {
    /// Low quota, expiring or changed SIMs also get their connectivity fetched.
    pub fn interesting(self) -> bool {
        self <= Priority::Changed
    }
}

impl SimEntry {
    /// How urgently the SIM needs its details, given `now` and the expiry
    /// warning window.
    pub fn priority(&self, now: DateTime<Utc>, expiring_within: Duration) -> Priority {
        if self.listed.quota_low() {
            return Priority::LowQuota;
        }
        let window = chrono::Duration::from_std(expiring_within).unwrap_or(chrono::Duration::MAX);
        let expiring = [self.data, self.sms]
            .iter()
            .flatten()
            .filter_map(|q| q.expiry)
            .any(|e| {
                e <= now
                    .checked_add_signed(window)
                    .unwrap_or(DateTime::<Utc>::MAX_UTC)
            });
        if expiring {
            return Priority::ExpiringSoon;
        }
        match self.details_at {
            None => Priority::NeverFetched,
            Some(at) if self.changed_at > at => Priority::Changed,
            Some(_) => Priority::Routine,
        }
    }
}

/// Every SIM the exporter knows, by ICCID (sorted, so metrics come out in
/// a stable order).
#[derive(Clone, Debug, Default)]
pub struct Fleet {
    /// The SIMs.
    pub sims: BTreeMap<String, SimEntry>,
    /// The refresh cycle under way (1 for the first).
    pub cycle: u64,
}

impl Fleet {
    /// Records a list entry seen in `cycle` at `now`. A SIM that is new, or
    /// whose entry changed, is marked changed.
    pub fn apply_listed(&mut self, sim: &Sim, cycle: u64, now: DateTime<Utc>) {
        let listed = Listed::from_sim(sim);
        match self.sims.get_mut(sim.iccid.as_str()) {
            Some(entry) => {
                if entry.listed != listed {
                    entry.listed = listed;
                    entry.changed_at = now;
                }
                entry.seen_in_cycle = cycle;
            }
            None => {
                self.sims.insert(
                    sim.iccid.as_str().to_string(),
                    SimEntry {
                        listed,
                        changed_at: now,
                        seen_in_cycle: cycle,
                        data: None,
                        sms: None,
                        connectivity: None,
                        details_at: None,
                    },
                );
            }
        }
    }

    /// Forgets SIMs the list of `cycle` did not carry (terminated or
    /// filtered out). Call only after a complete list walk.
    pub fn drop_unseen(&mut self, cycle: u64) -> usize {
        let before = self.sims.len();
        self.sims.retain(|_, s| s.seen_in_cycle == cycle);
        before - self.sims.len()
    }

    /// ICCIDs in the order their details should be fetched: by
    /// [`Priority`], then the oldest details first.
    pub fn detail_queue(
        &self,
        now: DateTime<Utc>,
        expiring_within: Duration,
    ) -> Vec<(String, Priority)> {
        let mut queue: Vec<(Priority, Option<DateTime<Utc>>, &String)> = self
            .sims
            .iter()
            .map(|(iccid, s)| (s.priority(now, expiring_within), s.details_at, iccid))
            .collect();
        queue.sort();
        queue
            .into_iter()
            .map(|(p, _, iccid)| (iccid.clone(), p))
            .collect()
    }

    /// SIMs per status (`Enabled`, `Disabled`, ...; `unknown` when absent).
    pub fn count_by_status(&self) -> BTreeMap<String, u64> {
        let mut counts = BTreeMap::new();
        for s in self.sims.values() {
            let key = s
                .listed
                .status
                .as_ref()
                .map_or_else(|| "unknown".to_string(), |st| st.as_str().to_string());
            *counts.entry(key).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(listed: Listed) -> SimEntry {
        SimEntry {
            listed,
            changed_at: Utc::now(),
            seen_in_cycle: 1,
            data: None,
            sms: None,
            connectivity: None,
            details_at: None,
        }
    }

    fn plenty() -> Listed {
        Listed {
            status: Some(SimStatus::Enabled),
            label: None,
            imsi: None,
            msisdn: None,
            data_quota_mb: Some(500.0),
            sms_quota: Some(250.0),
            data_level: Some(QuotaLevel::Plenty),
            sms_level: Some(QuotaLevel::Plenty),
        }
    }

    fn sim_json(iccid: &str, label: &str, level: i64) -> Sim {
        serde_json::from_value(serde_json::json!({
            "iccid": iccid, "status": "Enabled", "label": label,
            "current_quota": 500, "quota_status": {"id": level},
            "current_quota_SMS": 250, "quota_status_SMS": {"id": 0},
        }))
        .unwrap()
    }

    #[test]
    fn details_are_fetched_low_quota_first_then_expiring_then_changed_then_new_then_oldest() {
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);
        let window = Duration::from_secs(30 * 86_400);
        let fetched = |at, expiry| {
            let mut e = entry(plenty());
            e.changed_at = now - hour * 100;
            e.details_at = Some(at);
            e.data = Some(QuotaLeft {
                volume: Some(400.0),
                expiry: Some(expiry),
            });
            e
        };
        let far = now + chrono::Duration::days(365);
        let mut fleet = Fleet::default();
        // Routine, fetched 2 h ago and 5 h ago: the older goes first.
        fleet.sims.insert("r2".into(), fetched(now - hour * 2, far));
        fleet.sims.insert("r5".into(), fetched(now - hour * 5, far));
        // Never fetched.
        fleet.sims.insert("new".into(), entry(plenty()));
        // Changed after its details were fetched.
        let mut changed = fetched(now - hour * 3, far);
        changed.changed_at = now - hour;
        fleet.sims.insert("chg".into(), changed);
        // Data quota expires in 10 days.
        fleet.sims.insert(
            "exp".into(),
            fetched(now - hour, now + chrono::Duration::days(10)),
        );
        // SMS quota low, data exhausted.
        let mut low = plenty();
        low.sms_level = Some(QuotaLevel::Low);
        fleet.sims.insert("lowsms".into(), entry(low));
        let mut empty = plenty();
        empty.data_level = Some(QuotaLevel::Exhausted);
        fleet
            .sims
            .insert("empty".into(), fetched(now - hour * 9, far));
        fleet.sims.get_mut("empty").unwrap().listed = empty;

        let queue = fleet.detail_queue(now, window);
        let order: Vec<(&str, Priority)> = queue.iter().map(|(i, p)| (i.as_str(), *p)).collect();
        assert_eq!(
            order,
            vec![
                // Both low: never fetched (None) sorts before fetched 9 h ago.
                ("lowsms", Priority::LowQuota),
                ("empty", Priority::LowQuota),
                ("exp", Priority::ExpiringSoon),
                ("chg", Priority::Changed),
                ("new", Priority::NeverFetched),
                ("r5", Priority::Routine),
                ("r2", Priority::Routine),
            ]
        );
        assert!(Priority::Changed.interesting());
        assert!(!Priority::NeverFetched.interesting());
    }

    #[test]
    fn a_changed_list_entry_marks_the_sim_changed_and_unlisted_sims_are_dropped() {
        let t0 = Utc::now() - chrono::Duration::hours(1);
        let t1 = Utc::now();
        let mut fleet = Fleet::default();
        fleet.apply_listed(&sim_json("8988280666000000001", "a", 0), 1, t0);
        fleet.apply_listed(&sim_json("8988280666000000002", "b", 0), 1, t0);
        // Cycle 2: SIM 1 unchanged, SIM 2 relabelled, SIM 2's quota low; SIM 3 new.
        fleet.apply_listed(&sim_json("8988280666000000001", "a", 0), 2, t1);
        fleet.apply_listed(&sim_json("8988280666000000002", "b2", 1), 2, t1);
        assert_eq!(fleet.sims["8988280666000000001"].changed_at, t0);
        assert_eq!(fleet.sims["8988280666000000002"].changed_at, t1);
        assert_eq!(
            fleet.sims["8988280666000000002"].listed.data_level,
            Some(QuotaLevel::Low)
        );
        fleet.apply_listed(&sim_json("8988280666000000003", "c", 0), 3, t1);
        fleet.apply_listed(&sim_json("8988280666000000001", "a", 0), 3, t1);
        assert_eq!(fleet.drop_unseen(3), 1);
        let left: Vec<&String> = fleet.sims.keys().collect();
        assert_eq!(left, ["8988280666000000001", "8988280666000000003"]);
        assert_eq!(fleet.count_by_status().get("Enabled"), Some(&2));
    }
}
