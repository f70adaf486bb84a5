//! The exporter's own health metrics count what the SDK sent: requests by
//! operation and status, retries, 429s, token requests; checked against
//! the sandbox's counters with faults injected.

mod common;

use std::time::Duration;

use common::{exporter, get, http, samples, value};
use once_exporter::{PerSim, Settings};
use once_sandbox::{Fault, Sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_calls_retries_429s_and_token_requests_match_the_sandbox() {
    let sandbox = Sandbox::builder()
        .sims(12)
        .seed(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    sandbox.inject(
        Fault::rate_limited(Duration::from_millis(20))
            .method("GET")
            .path("/v2/sims/*/quota/data")
            .times(2),
    );
    sandbox.inject(Fault::status(503).method("GET").path("/v2/sims").times(1));
    sandbox.inject(
        Fault::drop_connection()
            .method("GET")
            .path("/v2/sims/*/quota/sms")
            .times(1),
    );
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(3600),
        ..Settings::default()
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    let s = samples(&body);
    let stats = sandbox.stats();
    let calls = |op: &str, status: &str| {
        value(
            &s,
            "once_exporter_api_requests_total",
            &[("operation", op), ("status", status)],
        )
    };
    assert_eq!(calls("sims.data_quota", "429"), Some(2.0));
    assert_eq!(calls("sims.data_quota", "200"), Some(12.0));
    assert_eq!(calls("sims.list", "503"), Some(1.0));
    assert_eq!(calls("sims.list", "200"), Some(1.0));
    assert_eq!(calls("sims.sms_quota", "error"), Some(1.0));
    assert_eq!(calls("sims.sms_quota", "200"), Some(12.0));
    assert_eq!(calls("oauth.token", "200"), Some(1.0));
    let retries = |op: &str| value(&s, "once_exporter_api_retries_total", &[("operation", op)]);
    assert_eq!(retries("sims.data_quota"), Some(2.0));
    assert_eq!(retries("sims.list"), Some(1.0));
    assert_eq!(retries("sims.sms_quota"), Some(1.0));
    assert_eq!(
        value(&s, "once_exporter_api_throttled_total", &[]),
        Some(2.0)
    );
    assert_eq!(stats.rate_limited, 2);
    assert_eq!(
        value(&s, "once_exporter_token_requests_total", &[]),
        Some(stats.token_requests as f64)
    );
    // Every request the sandbox received is counted once, by its operation.
    let counted: f64 = s
        .iter()
        .filter(|x| x.name == "once_exporter_api_requests_total")
        .map(|x| x.value)
        .sum();
    assert_eq!(counted, stats.requests as f64);
    assert_eq!(
        calls("sims.status", "200"),
        Some(stats.requests_to("GET", "/v2/sims/{iccid}/status") as f64)
    );
    exporter.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_list_walk_keeps_the_previous_snapshot_and_counts_a_failure() {
    let sandbox = Sandbox::builder()
        .sims(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(1),
        per_sim: PerSim::All,
        ..Settings::default()
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    // Every list request fails from now on (400: not retried).
    sandbox.inject(Fault::status(400).method("GET").path("/v2/sims").always());
    let done = exporter.cycles();
    exporter.refreshed(done + 1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    let s = samples(&body);
    assert_eq!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "failure")]
        ),
        Some(1.0)
    );
    assert!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "success")]
        )
        .unwrap()
            >= 1.0
    );
    assert_eq!(common::by_iccid(&s, "once_sim_data_left_bytes").len(), 5);
    exporter.shutdown().await;
}

/// The tester's outage: every data quota call answers 500 while the list
/// works. The data_quota stage and the refresh fail, their timestamps stay
/// where they were, and the counters count answers, not attempts; once
/// the quota calls answer again, everything recovers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quota_calls_failing_while_the_list_works_fail_their_stage_and_the_refresh() {
    const SIMS: f64 = 12.0;
    let sandbox = Sandbox::builder()
        .sims(SIMS as usize)
        .seed(9)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    sandbox.inject(
        Fault::status(500)
            .method("GET")
            .path("/v2/sims/*/quota/data")
            .always(),
    );
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(1),
        ..Settings::default()
    };
    // No retries: each failed call is one request (the outcome is the same
    // with them, only slower).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let exporter = once_exporter::Exporter::start(
        sandbox
            .client_builder()
            .retry_policy(once_sdk::RetryPolicy::disabled()),
        settings,
        listener,
        None,
    )
    .await
    .unwrap();
    exporter.refreshed(1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    let s = samples(&body);
    let stage = |name: &str, stage: &str| value(&s, name, &[("stage", stage)]);
    let success = |st: &str| stage("once_exporter_stage_success", st);
    let last = |st: &str| stage("once_exporter_stage_last_success_timestamp_seconds", st);
    assert_eq!(success("list"), Some(1.0));
    assert_eq!(success("sms_quota"), Some(1.0));
    assert_eq!(success("data_quota"), Some(0.0));
    assert_eq!(success("details"), Some(0.0));
    assert!(last("list").unwrap() > 1.7e9);
    assert!(last("sms_quota").unwrap() > 1.7e9);
    assert_eq!(last("data_quota"), Some(0.0));
    assert_eq!(last("details"), Some(0.0));
    let detail = |kind: &str, result: &str| {
        value(
            &s,
            "once_exporter_sim_detail_requests_total",
            &[("kind", kind), ("result", result)],
        )
        .unwrap()
    };
    // A cycle covers every SIM; cycle 2 may have begun.
    let failed = detail("data_quota", "failure");
    assert!(failed >= SIMS, "{failed}");
    assert_eq!(detail("data_quota", "success"), 0.0);
    assert!(detail("sms_quota", "success") >= SIMS);
    assert_eq!(detail("sms_quota", "failure"), 0.0);
    let fetched: f64 = s
        .iter()
        .filter(|x| x.name == "once_exporter_sim_details_fetched_total")
        .map(|x| x.value)
        .sum();
    assert_eq!(fetched, 0.0, "no SIM got all its details");
    assert!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "failure")]
        )
        .unwrap()
            >= 1.0
    );
    assert_eq!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "success")]
        ),
        None
    );
    assert_eq!(
        value(
            &s,
            "once_exporter_last_refresh_success_timestamp_seconds",
            &[]
        ),
        Some(0.0)
    );
    assert_eq!(value(&s, "once_exporter_sims_with_details", &[]), Some(0.0));

    // The quota calls answer again: a whole cycle after that succeeds.
    sandbox.clear_faults();
    let done = exporter.cycles();
    exporter.refreshed(done + 2).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    let s = samples(&body);
    let stage = |name: &str, stage: &str| value(&s, name, &[("stage", stage)]);
    for st in ["list", "details", "data_quota", "sms_quota"] {
        assert_eq!(stage("once_exporter_stage_success", st), Some(1.0), "{st}");
        assert!(
            stage("once_exporter_stage_last_success_timestamp_seconds", st).unwrap() > 1.7e9,
            "{st}"
        );
    }
    assert!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "success")]
        )
        .unwrap()
            >= 1.0
    );
    assert_eq!(
        value(&s, "once_exporter_sims_with_details", &[]),
        Some(SIMS)
    );
    exporter.shutdown().await;
}
