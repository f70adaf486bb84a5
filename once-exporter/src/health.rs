//! The exporter's own health metrics (live counters and gauges, encoded on
//! every scrape): refreshes, API calls by operation and status, retries,
//! 429s, token requests.

use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};

/// Labels of an API call: the SDK's operation name (`sims.list`,
/// `sims.data_quota`, ...) and the HTTP status, or `error` when no answer
/// came (connection failure, timeout). Both sets are small and fixed.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CallLabels {
    /// The SDK's operation name.
    pub operation: String,
    /// `200`, `429`, ... or `error`.
    pub status: String,
}

/// Labels carrying only the operation.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    /// The SDK's operation name.
    pub operation: String,
}

/// Labels of a refresh outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ResultLabels {
    /// `success` or `failure`.
    pub result: String,
}

/// Labels of a detail fetch: why the SIM was picked.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PriorityLabels {
    /// `low_quota`, `expiring_soon`, `changed`, `never_fetched` or `routine`.
    pub priority: String,
}

/// Labels of a collector stage.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StageLabels {
    /// One of [`STAGES`].
    pub stage: String,
}

/// Labels of one kind of SIM detail and its result.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct DetailLabels {
    /// `data_quota`, `sms_quota` or `connectivity`.
    pub kind: String,
    /// `success` or `failure` (after the SDK's retries).
    pub result: String,
}

/// The collector's stages: the walk through the SIM list, the per-SIM
/// details as a whole, and each kind of detail.
pub const STAGES: [&str; 5] = ["list", "details", "data_quota", "sms_quota", "connectivity"];

/// The kinds of per-SIM detail (the stages after `details` in [`STAGES`]).
pub const DETAIL_KINDS: [&str; 3] = ["data_quota", "sms_quota", "connectivity"];

type F64Gauge = Gauge<f64, AtomicU64>;

/// The live health metrics. Cheap to clone (every metric is an `Arc` inside).
#[derive(Clone, Debug, Default)]
pub struct Health {
    /// `once_exporter_api_requests_total{operation,status}`.
    pub api_requests: Family<CallLabels, Counter>,
    /// `once_exporter_api_retries_total{operation}`.
    pub api_retries: Family<OperationLabels, Counter>,
    /// `once_exporter_api_throttled_total`: 429 answers.
    pub api_throttled: Counter,
    /// `once_exporter_token_requests_total`.
    pub token_requests: Counter,
    /// `once_exporter_refreshes_total{result}`.
    pub refreshes: Family<ResultLabels, Counter>,
    /// `once_exporter_last_refresh_success_timestamp_seconds`.
    pub last_success: F64Gauge,
    /// `once_exporter_last_refresh_duration_seconds`.
    pub last_duration: F64Gauge,
    /// `once_exporter_list_duration_seconds`: the list walk of the last refresh.
    pub list_duration: F64Gauge,
    /// `once_exporter_sim_details_fetched_total{priority}`: SIMs whose
    /// every requested detail arrived, counted once the answers are in.
    pub details_fetched: Family<PriorityLabels, Counter>,
    /// `once_exporter_sim_detail_requests_total{kind,result}`: detail calls
    /// by kind and outcome (after the SDK's retries).
    pub detail_requests: Family<DetailLabels, Counter>,
    /// `once_exporter_stage_success{stage}`: 1 when the stage's last run
    /// succeeded, 0 when it failed (see the README for each stage's rule).
    pub stage_success: Family<StageLabels, Gauge>,
    /// `once_exporter_stage_last_success_timestamp_seconds{stage}`: when
    /// the stage last succeeded (Unix time; 0 until its first success).
    pub stage_last_success: Family<StageLabels, F64Gauge>,
    /// `once_exporter_sims_with_details`: SIMs whose quotas are known.
    pub sims_with_details: Gauge,
    /// `once_exporter_budget_requests_per_second`: the configured share of the rate limit.
    pub budget_rps: F64Gauge,
    /// `once_exporter_refresh_interval_seconds`: how often a refresh starts.
    pub refresh_interval: F64Gauge,
    /// `once_exporter_snapshot_timestamp_seconds`: when the served snapshot was published.
    pub snapshot_at: F64Gauge,
}

/// The SDK operations the exporter calls: their retry series start at 0
/// (Prometheus' advice for known label values, so `rate()` and
/// `increase()` work before the first retry).
pub const OPERATIONS: [&str; 5] = [
    "oauth.token",
    "sims.list",
    "sims.data_quota",
    "sims.sms_quota",
    "sims.status",
];

impl Health {
    /// Health metrics with the known retry and detail series at 0.
    pub fn new() -> Self {
        let h = Health::default();
        for op in OPERATIONS {
            let _ = h.api_retries.get_or_create(&OperationLabels {
                operation: op.to_string(),
            });
        }
        for kind in DETAIL_KINDS {
            for result in ["success", "failure"] {
                let _ = h.detail_requests.get_or_create(&DetailLabels {
                    kind: kind.to_string(),
                    result: result.to_string(),
                });
            }
        }
        h
    }

    /// Records how a stage's run ended at Unix time `now`: its success
    /// gauge, and its last-success timestamp when it succeeded (the
    /// timestamp series appears at 0 on a first run that failed).
    pub fn stage_ended(&self, stage: &str, success: bool, now: f64) {
        let labels = StageLabels {
            stage: stage.to_string(),
        };
        self.stage_success
            .get_or_create(&labels)
            .set(i64::from(success));
        let last = self.stage_last_success.get_or_create(&labels);
        if success {
            last.set(now);
        }
    }

    /// A registry holding every health metric plus
    /// `once_exporter_build_info{version}` and the `process_*` metrics
    /// (read from `/proc` when encoded).
    pub fn registry(&self) -> Registry {
        let mut r = Registry::default();
        r.register(
            "once_exporter_api_requests",
            "Requests sent to the 1NCE API, by SDK operation and HTTP status (error: no answer)",
            self.api_requests.clone(),
        );
        r.register(
            "once_exporter_api_retries",
            "Attempts the SDK repeated after a failed one, by operation",
            self.api_retries.clone(),
        );
        r.register(
            "once_exporter_api_throttled",
            "429 Too Many Requests answers from the 1NCE API",
            self.api_throttled.clone(),
        );
        r.register(
            "once_exporter_token_requests",
            "POST /oauth/token requests sent",
            self.token_requests.clone(),
        );
        r.register(
            "once_exporter_refreshes",
            "Refresh cycles finished, by result: success when the list walk and every detail stage that ran succeeded",
            self.refreshes.clone(),
        );
        r.register_with_unit(
            "once_exporter_last_refresh_success_timestamp",
            "When the last successful refresh cycle ended (Unix time)",
            Unit::Seconds,
            self.last_success.clone(),
        );
        r.register_with_unit(
            "once_exporter_last_refresh_duration",
            "How long the last refresh cycle took (list walk plus details)",
            Unit::Seconds,
            self.last_duration.clone(),
        );
        r.register_with_unit(
            "once_exporter_list_duration",
            "How long the last walk through the SIM list took",
            Unit::Seconds,
            self.list_duration.clone(),
        );
        r.register(
            "once_exporter_sim_details_fetched",
            "SIMs whose every requested detail (data quota, SMS quota, connectivity for interesting SIMs) arrived, by why the SIM was picked",
            self.details_fetched.clone(),
        );
        r.register(
            "once_exporter_sim_detail_requests",
            "SIM detail calls (data quota, SMS quota, connectivity) by kind and result, after the SDK's retries",
            self.detail_requests.clone(),
        );
        r.register(
            "once_exporter_stage_success",
            "1 when the collector stage (list, details, data_quota, sms_quota, connectivity) succeeded in its last run, 0 when it failed",
            self.stage_success.clone(),
        );
        r.register_with_unit(
            "once_exporter_stage_last_success_timestamp",
            "When the collector stage last succeeded (Unix time; 0 until its first success)",
            Unit::Seconds,
            self.stage_last_success.clone(),
        );
        r.register(
            "once_exporter_sims_with_details",
            "SIMs whose quota details are known",
            self.sims_with_details.clone(),
        );
        r.register(
            "once_exporter_budget_requests_per_second",
            "Requests per second the exporter may send to /sims (its share of the rate limit)",
            self.budget_rps.clone(),
        );
        r.register_with_unit(
            "once_exporter_refresh_interval",
            "How often a refresh cycle starts (--refresh)",
            Unit::Seconds,
            self.refresh_interval.clone(),
        );
        r.register_with_unit(
            "once_exporter_snapshot_timestamp",
            "When the snapshot served on /metrics was published (Unix time)",
            Unit::Seconds,
            self.snapshot_at.clone(),
        );
        r.register_collector(Box::new(crate::process::ProcessCollector));
        r.register(
            "once_exporter_build",
            "The exporter's version",
            Info::new(vec![("version", env!("CARGO_PKG_VERSION"))]),
        );
        r
    }
}
