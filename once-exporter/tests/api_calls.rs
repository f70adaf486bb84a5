//! The exporter's own health metrics count what the SDK sent: requests by
//! operation and status, retries, 429s, token requests; checked against
//! the sandbox's counters with faults injected.

mod common;

use std::time::Duration;

use common::{exporter, get, http, samples, value};
use once_exporter::Settings;
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
