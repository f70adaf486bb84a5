//! The fleet snapshot in the exposition format: encoded by
//! prometheus-client once per publish (not per scrape), then served as is.
//!
//! Label cardinality: the fleet aggregates (`once_fleet_*`) are labelled by
//! status, quota kind and level, data-left band, expiry window, and for
//! SIMs whose connectivity is known by state, country, operator and RAT:
//! their number does not grow with the fleet. Per-SIM series
//! (`once_sim_*`, one label `iccid`) exist only for the SIMs
//! [`PerSim`] selects; `once_sim_info` adds `imsi`, `msisdn` and `label`
//! only with [`Settings::personal_data`].

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use once_sdk::ConnectivityStatus;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, MetricEncoder};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::{Registry, Unit};

use std::collections::BTreeMap;

use crate::fleet::{Fleet, QuotaLeft, SimEntry, BYTES_PER_MB, DATA_LEFT_BANDS};
use crate::format::to_classic;
use crate::settings::{PerSim, Settings};

/// The shared fleet the refresh task updates and the collector reads.
pub type SharedFleet = Arc<Mutex<Fleet>>;

/// Locks the fleet (a panic elsewhere does not stop the exporter).
pub fn lock(fleet: &SharedFleet) -> std::sync::MutexGuard<'_, Fleet> {
    fleet.lock().unwrap_or_else(|p| p.into_inner())
}

/// Encodes the fleet's metrics with prometheus-client.
#[derive(Debug)]
struct FleetCollector {
    fleet: SharedFleet,
    per_sim: PerSim,
    personal_data: bool,
}

/// The windows of `once_fleet_quotas_expiring{within}`, in days (0:
/// already expired); each counts the quotas expiring within it.
const EXPIRY_WINDOWS: [(&str, i64); 3] = [("expired", 0), ("7d", 7), ("30d", 30)];

fn secs(t: DateTime<Utc>) -> f64 {
    t.timestamp_millis() as f64 / 1000.0
}

/// One per-SIM gauge: name, help, unit, and the value (if known) for a SIM.
struct SimGauge {
    name: &'static str,
    help: &'static str,
    unit: Option<Unit>,
    value: fn(&SimEntry) -> Option<f64>,
}

const SIM_GAUGES: &[SimGauge] = &[
    SimGauge {
        name: "once_sim_enabled",
        help: "1 when the SIM is enabled, 0 when it is disabled (SIM list).",
        unit: None,
        value: |s| s.listed.status.as_ref().map(|st| f64::from(u8::from(st.as_str() == "Enabled"))),
    },
    SimGauge {
        name: "once_sim_data_quota",
        help: "The SIM's overall data quota (SIM list current_quota, decimal MB in bytes).",
        unit: Some(Unit::Bytes),
        value: |s| s.listed.data_quota_mb.map(|mb| mb * BYTES_PER_MB),
    },
    SimGauge {
        name: "once_sim_data_quota_level",
        help: "Data quota level from the SIM list: 0 more than 20% left, 1 less than 20%, 2 nothing left.",
        unit: None,
        value: |s| s.listed.data_level.map(|l| l.id() as f64),
    },
    SimGauge {
        name: "once_sim_data_left",
        help: "Data volume left on the SIM's quota (can be negative; known once the SIM's details were fetched).",
        unit: Some(Unit::Bytes),
        value: |s| s.data.and_then(|q| q.volume).map(|mb| mb * BYTES_PER_MB),
    },
    SimGauge {
        name: "once_sim_data_quota_expiry_timestamp",
        help: "When the SIM's data quota expires (Unix time).",
        unit: Some(Unit::Seconds),
        value: |s| s.data.and_then(|q| q.expiry).map(secs),
    },
    SimGauge {
        name: "once_sim_sms_quota",
        help: "The SIM's overall SMS quota, in messages (SIM list current_quota_SMS).",
        unit: None,
        value: |s| s.listed.sms_quota,
    },
    SimGauge {
        name: "once_sim_sms_quota_level",
        help: "SMS quota level from the SIM list: 0 more than 20% left, 1 less than 20%, 2 nothing left.",
        unit: None,
        value: |s| s.listed.sms_level.map(|l| l.id() as f64),
    },
    SimGauge {
        name: "once_sim_sms_left",
        help: "SMS messages left on the SIM's quota (known once the SIM's details were fetched).",
        unit: None,
        value: |s| s.sms.and_then(|q| q.volume),
    },
    SimGauge {
        name: "once_sim_sms_quota_expiry_timestamp",
        help: "When the SIM's SMS quota expires (Unix time).",
        unit: Some(Unit::Seconds),
        value: |s| s.sms.and_then(|q| q.expiry).map(secs),
    },
    SimGauge {
        name: "once_sim_online",
        help: "1 when the SIM has a data session (ONLINE), 0 when attached, offline or blocked; fetched for SIMs with low quota, expiring quota or a recent change.",
        unit: None,
        value: |s| {
            s.connectivity
                .as_ref()
                .map(|c| f64::from(u8::from(c.state == ConnectivityStatus::Online)))
        },
    },
    SimGauge {
        name: "once_sim_last_seen_timestamp",
        help: "When the network last saw the SIM (location update, Unix time); fetched with the connectivity.",
        unit: Some(Unit::Seconds),
        value: |s| s.connectivity.as_ref().and_then(|c| c.last_seen).map(secs),
    },
    SimGauge {
        name: "once_sim_details_timestamp",
        help: "When the SIM's quota details were last fetched (Unix time).",
        unit: Some(Unit::Seconds),
        value: |s| s.details_at.map(secs),
    },
];

fn encode_gauge(m: &mut MetricEncoder<'_>, labels: &[(&str, &str)], v: f64) -> std::fmt::Result {
    if labels.is_empty() {
        // Not `name{} v`.
        return m.encode_gauge(&v);
    }
    m.encode_family(&labels)?.encode_gauge(&v)
}

/// One gauge family with a label set per value.
pub(crate) fn gauge_family<'a>(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    unit: Option<&Unit>,
    values: impl IntoIterator<Item = (Vec<(&'a str, &'a str)>, f64)>,
) -> std::fmt::Result {
    let mut m = encoder.encode_descriptor(name, help, unit, MetricType::Gauge)?;
    for (labels, v) in values {
        encode_gauge(&mut m, &labels, v)?;
    }
    Ok(())
}

impl FleetCollector {
    /// The aggregates: their label values come from small, fixed sets or
    /// from the networks the fleet roams on, never from the SIMs' ids.
    fn encode_fleet(&self, fleet: &Fleet, encoder: &mut DescriptorEncoder) -> std::fmt::Result {
        gauge_family(
            encoder,
            "once_fleet_sims",
            "SIMs in the fleet by status (SIM list).",
            None,
            fleet
                .count_by_status()
                .iter()
                .map(|(status, n)| (vec![("status", status.as_str())], *n as f64)),
        )?;
        let mut levels: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for quota in ["data", "sms"] {
            for level in ["plenty", "low", "exhausted", "unknown"] {
                levels.insert((quota, level), 0);
            }
        }
        for s in fleet.sims.values() {
            let name = |l: Option<crate::fleet::QuotaLevel>| l.map_or("unknown", |l| l.name());
            *levels
                .entry(("data", name(s.listed.data_level)))
                .or_default() += 1;
            *levels.entry(("sms", name(s.listed.sms_level))).or_default() += 1;
        }
        gauge_family(
            encoder,
            "once_fleet_sims_by_quota_level",
            "SIMs by the quota level the SIM list reports (plenty: more than 20% left, low: less, exhausted: nothing), per quota (data, sms).",
            None,
            levels
                .iter()
                .map(|((q, l), n)| (vec![("quota", *q), ("level", *l)], *n as f64)),
        )?;
        let mut bands: BTreeMap<&str, u64> = DATA_LEFT_BANDS.iter().map(|b| (*b, 0)).collect();
        for s in fleet.sims.values() {
            *bands.entry(s.data_left_band()).or_default() += 1;
        }
        gauge_family(
            encoder,
            "once_fleet_sims_by_data_left",
            "SIMs by the share of their data quota left (details): empty, below_10pct, below_20pct, below_50pct, above_50pct, unknown (details not fetched yet).",
            None,
            DATA_LEFT_BANDS
                .iter()
                .map(|b| (vec![("band", *b)], bands[b] as f64)),
        )?;
        let sum = |f: fn(&SimEntry) -> Option<f64>| fleet.sims.values().filter_map(f).sum::<f64>();
        gauge_family(
            encoder,
            "once_fleet_data_left",
            "Data volume left, summed over the SIMs whose details are known.",
            Some(&Unit::Bytes),
            [(
                vec![],
                sum(|s| s.data.and_then(|q| q.volume)) * BYTES_PER_MB,
            )],
        )?;
        gauge_family(
            encoder,
            "once_fleet_sms_left",
            "SMS messages left, summed over the SIMs whose details are known.",
            None,
            [(vec![], sum(|s| s.sms.and_then(|q| q.volume)))],
        )?;
        let now = Utc::now();
        let expiring = |quota: fn(&SimEntry) -> Option<QuotaLeft>, days: i64| {
            let until = now + chrono::Duration::days(days);
            fleet
                .sims
                .values()
                .filter(|s| quota(s).and_then(|q| q.expiry).is_some_and(|e| e <= until))
                .count() as f64
        };
        let mut windows = Vec::new();
        for (quota, get) in [
            (
                "data",
                (|s: &SimEntry| s.data) as fn(&SimEntry) -> Option<QuotaLeft>,
            ),
            ("sms", |s: &SimEntry| s.sms),
        ] {
            for (within, days) in EXPIRY_WINDOWS {
                windows.push((
                    vec![("quota", quota), ("within", within)],
                    expiring(get, days),
                ));
            }
        }
        gauge_family(
            encoder,
            "once_fleet_quotas_expiring",
            "Quotas (details) expired (within=expired) or expiring within 7 or 30 days of the snapshot, by quota; each window includes the shorter ones.",
            None,
            windows,
        )?;
        let mut connectivity: BTreeMap<[&str; 4], u64> = BTreeMap::new();
        for c in fleet.sims.values().filter_map(|s| s.connectivity.as_ref()) {
            let key = [
                c.state.as_str(),
                c.country.as_deref().unwrap_or("unknown"),
                c.operator.as_deref().unwrap_or("unknown"),
                c.rat.as_deref().unwrap_or("none"),
            ];
            *connectivity.entry(key).or_default() += 1;
        }
        gauge_family(
            encoder,
            "once_fleet_sims_connectivity",
            "SIMs whose connectivity is known (fetched for low, expiring or changed SIMs), by state, country and operator of the network last seen, and the RAT of the data session (none without one).",
            None,
            connectivity.iter().map(|([state, country, operator, rat], n)| {
                (
                    vec![
                        ("state", *state),
                        ("country", *country),
                        ("operator", *operator),
                        ("rat", *rat),
                    ],
                    *n as f64,
                )
            }),
        )
    }
}

impl Collector for FleetCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        let fleet = lock(&self.fleet);
        self.encode_fleet(&fleet, &mut encoder)?;
        let selected = fleet.per_sim_selection(self.per_sim);
        gauge_family(
            &mut encoder,
            "once_exporter_per_sim_sims",
            "SIMs with per-SIM series (series=exported) and without (series=omitted), under --per-sim.",
            None,
            [
                (vec![("series", "exported")], selected.len() as f64),
                (
                    vec![("series", "omitted")],
                    (fleet.sims.len() - selected.len()) as f64,
                ),
            ],
        )?;
        if selected.is_empty() {
            return Ok(());
        }
        if self.personal_data {
            let mut m = encoder.encode_descriptor(
                "once_sim",
                "The SIM's identifiers and label (value 1; --per-sim-personal-data).",
                None,
                MetricType::Info,
            )?;
            for (iccid, s) in &selected {
                let l = &s.listed;
                let labels = [
                    ("iccid", iccid.as_str()),
                    ("imsi", l.imsi.as_deref().unwrap_or("")),
                    ("msisdn", l.msisdn.as_deref().unwrap_or("")),
                    ("label", l.label.as_deref().unwrap_or("")),
                ];
                m.encode_info(&labels)?;
            }
        }
        for g in SIM_GAUGES {
            let mut m =
                encoder.encode_descriptor(g.name, g.help, g.unit.as_ref(), MetricType::Gauge)?;
            for (iccid, s) in &selected {
                if let Some(v) = (g.value)(s) {
                    encode_gauge(&mut m, &[("iccid", iccid.as_str())], v)?;
                }
            }
        }
        Ok(())
    }
}

/// Turns the shared fleet into exposition text, on demand.
#[derive(Debug)]
pub struct SnapshotEncoder {
    registry: Registry,
}

impl SnapshotEncoder {
    /// An encoder reading `fleet`, with the per-SIM series and personal
    /// data `settings` asks for ([`Settings::per_sim`],
    /// [`Settings::personal_data`]).
    pub fn new(fleet: SharedFleet, settings: &Settings) -> Self {
        let mut registry = Registry::default();
        registry.register_collector(Box::new(FleetCollector {
            fleet,
            per_sim: settings.per_sim,
            personal_data: settings.personal_data,
        }));
        Self { registry }
    }

    /// The fleet's metrics now, in both formats, without the OpenMetrics
    /// `# EOF` line (the health metrics and the EOF join at scrape time).
    pub fn encode(&self) -> Snapshot {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode_registry(&mut text, &self.registry);
        Snapshot {
            classic: Bytes::from(to_classic(&text)),
            openmetrics: Bytes::from(text),
        }
    }
}

/// One published snapshot of the fleet metrics, in both exposition formats
/// (cheap to clone: the texts are shared).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// OpenMetrics, without `# EOF`.
    pub openmetrics: Bytes,
    /// The classic text format 0.0.4.
    pub classic: Bytes,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::{Connectivity, QuotaLeft};

    /// Three SIMs with details: data left 0, 40 and 400 MB of 500; SIM 1
    /// is online in Germany on LTE.
    fn fleet() -> SharedFleet {
        let now = Utc::now();
        let mut fleet = Fleet::default();
        for (i, (left, level)) in [(0.0, 2), (40.0, 1), (400.0, 0)].into_iter().enumerate() {
            let sim: once_sdk::Sim = serde_json::from_value(serde_json::json!({
                "iccid": format!("898828066600000000{i}"),
                "imsi": format!("90140500000000{i}"),
                "msisdn": format!("88283000000{i}"),
                "status": "Enabled", "label": format!("pump-{i}"),
                "current_quota": 500, "quota_status": {"id": level},
                "current_quota_SMS": 250, "quota_status_SMS": {"id": 0},
            }))
            .unwrap();
            fleet.apply_listed(&sim, 1, now);
            let e = fleet.sims.get_mut(sim.iccid.as_str()).unwrap();
            e.data = Some(QuotaLeft {
                volume: Some(left),
                expiry: Some(now + chrono::Duration::days(3 + 10 * i as i64)),
            });
            e.sms = Some(QuotaLeft {
                volume: Some(100.0),
                expiry: None,
            });
            e.details_at = Some(now);
        }
        fleet
            .sims
            .get_mut("8988280666000000001")
            .unwrap()
            .connectivity = Some(Connectivity {
            state: once_sdk::ConnectivityStatus::Online,
            last_seen: None,
            country: Some("DE".into()),
            operator: Some("Telekom".into()),
            rat: Some("EUTRAN".into()),
        });
        Arc::new(Mutex::new(fleet))
    }

    fn encode(per_sim: PerSim, personal_data: bool) -> String {
        let settings = Settings {
            per_sim,
            personal_data,
            ..Settings::default()
        };
        let text = SnapshotEncoder::new(fleet(), &settings)
            .encode()
            .openmetrics;
        String::from_utf8(text.to_vec()).unwrap()
    }

    fn sample_lines(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.starts_with('#')).collect()
    }

    #[test]
    fn by_default_only_fleet_aggregates_and_no_personal_data() {
        let text = encode(PerSim::Off, false);
        assert!(!text.contains("once_sim_"), "{text}");
        for personal in ["901405", "882830", "pump-", "8988280666"] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
        let lines = sample_lines(&text);
        for want in [
            "once_fleet_sims{status=\"Enabled\"} 3.0",
            "once_fleet_sims_by_quota_level{quota=\"data\",level=\"exhausted\"} 1.0",
            "once_fleet_sims_by_quota_level{quota=\"data\",level=\"low\"} 1.0",
            "once_fleet_sims_by_quota_level{quota=\"sms\",level=\"plenty\"} 3.0",
            "once_fleet_sims_by_data_left{band=\"empty\"} 1.0",
            "once_fleet_sims_by_data_left{band=\"below_10pct\"} 1.0",
            "once_fleet_sims_by_data_left{band=\"above_50pct\"} 1.0",
            "once_fleet_sims_by_data_left{band=\"unknown\"} 0.0",
            "once_fleet_data_left_bytes 440000000.0",
            "once_fleet_sms_left 300.0",
            "once_fleet_quotas_expiring{quota=\"data\",within=\"expired\"} 0.0",
            "once_fleet_quotas_expiring{quota=\"data\",within=\"7d\"} 1.0",
            "once_fleet_quotas_expiring{quota=\"data\",within=\"30d\"} 3.0",
            "once_fleet_quotas_expiring{quota=\"sms\",within=\"30d\"} 0.0",
            "once_fleet_sims_connectivity{state=\"ONLINE\",country=\"DE\",operator=\"Telekom\",rat=\"EUTRAN\"} 1.0",
            "once_exporter_per_sim_sims{series=\"exported\"} 0.0",
            "once_exporter_per_sim_sims{series=\"omitted\"} 3.0",
        ] {
            assert!(lines.contains(&want), "{want} not in {text}");
        }
    }

    #[test]
    fn a_per_sim_limit_exports_the_worst_sims_and_personal_data_only_when_asked() {
        let text = encode(PerSim::Limit(2), false);
        let iccids: std::collections::BTreeSet<&str> = sample_lines(&text)
            .into_iter()
            .filter(|l| l.starts_with("once_sim_"))
            .map(|l| &l[l.find("iccid=\"").unwrap() + 7..][..19])
            .collect();
        assert_eq!(
            iccids.into_iter().collect::<Vec<_>>(),
            ["8988280666000000000", "8988280666000000001"]
        );
        assert!(!text.contains("once_sim_info"));
        assert!(!text.contains("pump-"));
        assert!(text.contains("once_exporter_per_sim_sims{series=\"omitted\"} 1.0"));

        let text = encode(PerSim::All, true);
        assert!(text.contains(
            "once_sim_info{iccid=\"8988280666000000002\",imsi=\"901405000000002\",msisdn=\"882830000002\",label=\"pump-2\"} 1"
        ), "{text}");
        assert_eq!(
            sample_lines(&text)
                .iter()
                .filter(|l| l.starts_with("once_sim_data_left_bytes{"))
                .count(),
            3
        );
    }
}
