//! The exporter's picture of the fleet: what the SIM list said about each
//! SIM, and the details (quotas left, expiry, connectivity) fetched for it
//! since. Plain data plus the priority rule; no HTTP here.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use once_sdk::{ConnectivityStatus, Quota, Sim, SimConnectivity, SimStatus};

use crate::settings::PerSim;

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

    /// The label value: `plenty`, `low` or `exhausted`.
    pub fn name(self) -> &'static str {
        match self {
            QuotaLevel::Plenty => "plenty",
            QuotaLevel::Low => "low",
            QuotaLevel::Exhausted => "exhausted",
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
    /// The country of the network it was last seen in (ISO code, upper
    /// case, or the name when 1NCE sent no code).
    pub country: Option<String>,
    /// The operator of that network (its name).
    pub operator: Option<String>,
    /// The radio access technology of its data session (`EUTRAN`,
    /// `NB-IoT`, ...), when it has one.
    pub rat: Option<String>,
}

impl Connectivity {
    /// The fields of a connectivity answer.
    pub fn from_status(s: &SimConnectivity) -> Connectivity {
        let location = s.location.as_ref();
        let country = location.and_then(|l| {
            let c = l
                .country
                .as_ref()
                .or(l.operator.as_ref().and_then(|o| o.country.as_ref()))?;
            c.iso_code
                .as_ref()
                .map(|code| code.to_ascii_uppercase())
                .or_else(|| c.name.clone())
        });
        Connectivity {
            state: s.status.description.clone(),
            last_seen: location
                .and_then(|l| l.last_updated.as_ref())
                .map(|t| t.as_datetime()),
            country,
            operator: location
                .and_then(|l| l.operator.as_ref())
                .and_then(|o| o.name.clone()),
            rat: s
                .pdp_contexts
                .iter()
                .find_map(|p| p.rat_type.as_ref()?.description.clone()),
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

/// The bands of `once_fleet_sims_by_data_left{band}`: the share of its
/// data quota a SIM has left.
pub const DATA_LEFT_BANDS: [&str; 6] = [
    "empty",
    "below_10pct",
    "below_20pct",
    "below_50pct",
    "above_50pct",
    "unknown",
];

impl SimEntry {
    /// The SIM's band in [`DATA_LEFT_BANDS`]: data left over the overall
    /// data quota (nothing or less left: `empty`; `unknown` before the
    /// details arrive or without a quota).
    pub fn data_left_band(&self) -> &'static str {
        let left = self.data.and_then(|q| q.volume);
        let quota = self.listed.data_quota_mb.filter(|q| *q > 0.0);
        match (left, quota) {
            (Some(left), Some(quota)) => {
                let share = left / quota;
                if share <= 0.0 {
                    "empty"
                } else if share < 0.1 {
                    "below_10pct"
                } else if share < 0.2 {
                    "below_20pct"
                } else if share < 0.5 {
                    "below_50pct"
                } else {
                    "above_50pct"
                }
            }
            _ => "unknown",
        }
    }

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

    /// The SIMs that get per-SIM series under `per_sim`, in ICCID order:
    /// all of them, none, or at most `n` picked by the worst quota level
    /// the SIM list reports (exhausted, then low, then the rest; data or
    /// SMS), then by ICCID.
    pub fn per_sim_selection(&self, per_sim: PerSim) -> Vec<(&String, &SimEntry)> {
        match per_sim {
            PerSim::Off => Vec::new(),
            PerSim::All => self.sims.iter().collect(),
            PerSim::Limit(n) if n >= self.sims.len() => self.sims.iter().collect(),
            PerSim::Limit(n) => {
                let worst = |s: &SimEntry| {
                    let level = |l: Option<QuotaLevel>| l.map_or(-1, QuotaLevel::id);
                    level(s.listed.data_level).max(level(s.listed.sms_level))
                };
                let mut all: Vec<(&String, &SimEntry)> = self.sims.iter().collect();
                // Stable: equal levels stay in ICCID order.
                all.sort_by_key(|(_, s)| std::cmp::Reverse(worst(s)));
                all.truncate(n);
                all.sort_by_key(|(iccid, _)| *iccid);
                all
            }
        }
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

    #[test]
    fn a_per_sim_limit_keeps_the_worst_quota_levels_then_the_lowest_iccids() {
        let mut fleet = Fleet::default();
        let level = |data, sms| {
            let mut l = plenty();
            l.data_level = Some(data);
            l.sms_level = Some(sms);
            entry(l)
        };
        use QuotaLevel::*;
        fleet.sims.insert("1".into(), level(Plenty, Plenty));
        fleet.sims.insert("2".into(), level(Plenty, Low));
        fleet.sims.insert("3".into(), level(Exhausted, Plenty));
        fleet.sims.insert("4".into(), level(Plenty, Plenty));
        fleet.sims.insert("5".into(), level(Low, Plenty));
        let picked = |p| -> Vec<String> {
            fleet
                .per_sim_selection(p)
                .into_iter()
                .map(|(i, _)| i.clone())
                .collect()
        };
        assert_eq!(picked(PerSim::Off), Vec::<String>::new());
        assert_eq!(picked(PerSim::All), ["1", "2", "3", "4", "5"]);
        assert_eq!(picked(PerSim::Limit(9)), ["1", "2", "3", "4", "5"]);
        assert_eq!(picked(PerSim::Limit(1)), ["3"]);
        assert_eq!(picked(PerSim::Limit(3)), ["2", "3", "5"]);
        assert_eq!(picked(PerSim::Limit(4)), ["1", "2", "3", "5"]);
    }

    #[test]
    fn data_left_bands() {
        let band = |left: Option<f64>, quota: Option<f64>| {
            let mut l = plenty();
            l.data_quota_mb = quota;
            let mut e = entry(l);
            e.data = left.map(|v| QuotaLeft {
                volume: Some(v),
                expiry: None,
            });
            e.data_left_band()
        };
        assert_eq!(band(Some(-5.0), Some(500.0)), "empty");
        assert_eq!(band(Some(0.0), Some(500.0)), "empty");
        assert_eq!(band(Some(49.9), Some(500.0)), "below_10pct");
        assert_eq!(band(Some(50.0), Some(500.0)), "below_20pct");
        assert_eq!(band(Some(100.0), Some(500.0)), "below_50pct");
        assert_eq!(band(Some(250.0), Some(500.0)), "above_50pct");
        assert_eq!(band(None, Some(500.0)), "unknown");
        assert_eq!(band(Some(10.0), Some(0.0)), "unknown");
        assert_eq!(band(Some(10.0), None), "unknown");
    }
}
