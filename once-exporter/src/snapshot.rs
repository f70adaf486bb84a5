//! The fleet snapshot in the exposition format: encoded by
//! prometheus-client once per publish (not per scrape), then served as is.
//!
//! Label cardinality: every per-SIM metric has exactly one label, `iccid`
//! (one series per SIM per metric); `once_sim_info` adds the SIM's `imsi`,
//! `msisdn` and `label` (one series per SIM too). Fleet totals are labelled
//! by `status` (Enabled, Disabled, a handful at most). No label takes
//! unbounded values beyond the fleet's own SIMs.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use once_sdk::ConnectivityStatus;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, MetricEncoder};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::{Registry, Unit};

use crate::fleet::{Fleet, SimEntry, BYTES_PER_MB};
use crate::format::to_classic;

/// The shared fleet the refresh task updates and the collector reads.
pub type SharedFleet = Arc<Mutex<Fleet>>;

/// Locks the fleet (a panic elsewhere does not stop the exporter).
pub fn lock(fleet: &SharedFleet) -> std::sync::MutexGuard<'_, Fleet> {
    fleet.lock().unwrap_or_else(|p| p.into_inner())
}

/// Encodes the fleet's metrics with prometheus-client.
#[derive(Debug)]
struct FleetCollector(SharedFleet);

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
    m.encode_family(&labels)?.encode_gauge(&v)
}

impl Collector for FleetCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        let fleet = lock(&self.0);
        {
            let mut m = encoder.encode_descriptor(
                "once_fleet_sims",
                "SIMs in the fleet by status (SIM list).",
                None,
                MetricType::Gauge,
            )?;
            for (status, n) in fleet.count_by_status() {
                encode_gauge(&mut m, &[("status", status.as_str())], n as f64)?;
            }
        }
        {
            let mut m = encoder.encode_descriptor(
                "once_sim",
                "The SIM's identifiers and label (value 1).",
                None,
                MetricType::Info,
            )?;
            for (iccid, s) in &fleet.sims {
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
            for (iccid, s) in &fleet.sims {
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
    /// An encoder reading `fleet`.
    pub fn new(fleet: SharedFleet) -> Self {
        let mut registry = Registry::default();
        registry.register_collector(Box::new(FleetCollector(fleet)));
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
