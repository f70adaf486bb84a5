//! The exporter stays within its share of the rate limit, and spends its
//! first requests on the SIMs that need them most.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use common::{exporter, get, http, samples, value};
use futures::TryStreamExt;
use once_exporter::Settings;
use once_sandbox::Sandbox;

/// The sandbox has no limits at all here: only the exporter's budget
/// holds it back (unbudgeted, it would send hundreds per second).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_per_second_stay_within_the_budgeted_share_of_the_limit() {
    let sandbox = Sandbox::builder()
        .sims(4000)
        .seed(2)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    // An account limit of 1000/s scaled down: 2 % of it is 20 requests/s.
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 0.02,
        refresh: Duration::from_secs(2),
        ..Settings::default()
    };
    let started = Instant::now();
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    exporter.shutdown().await;
    // Everything sent from start to shutdown (the next cycle may have begun).
    let elapsed = started.elapsed().as_secs_f64();
    let stats = sandbox.stats();
    let sims_requests = stats.requests - stats.token_requests;
    let rate = sims_requests as f64 / elapsed;
    eprintln!(
        "budget 20/s: {sims_requests} requests to /sims in {elapsed:.2} s = {rate:.1}/s (limit 1000/s)"
    );
    // The limiter grants at most 20 starts in any 1.02 s window.
    assert!(
        sims_requests as f64 <= 20.0 * (elapsed / 1.02).ceil(),
        "{sims_requests} requests in {elapsed:.2} s exceed 20/s"
    );
    assert_eq!(stats.rate_limited, 0);
    // 40 list pages at 20/s: the walk cannot take less than one window.
    let s = samples(&body);
    let pages: BTreeSet<String> = sandbox
        .requests()
        .iter()
        .filter(|r| r.template.as_deref() == Some("/v2/sims"))
        .filter_map(|r| r.query.clone())
        .collect();
    assert_eq!(pages.len(), 40, "{pages:?}");
    assert!(value(&s, "once_exporter_list_duration_seconds", &[]).unwrap() >= 1.0);
    assert_eq!(
        value(&s, "once_exporter_budget_requests_per_second", &[]),
        Some(20.0)
    );
    assert_eq!(
        value(&s, "once_fleet_sims", &[("status", "Enabled")]).unwrap()
            + value(&s, "once_fleet_sims", &[("status", "Disabled")]).unwrap(),
        4000.0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_quota_sims_get_their_details_first() {
    let sandbox = Sandbox::builder()
        .sims(300)
        .seed(4)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    // Ground truth first: which SIMs does the list call low?
    let client = sandbox.client().unwrap();
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let low: BTreeSet<String> = sims
        .iter()
        .filter(|s| {
            let level =
                |q: &Option<once_sdk::QuotaThreshold>| q.as_ref().and_then(|q| q.id).unwrap_or(0);
            level(&s.quota_status) >= 1 || level(&s.quota_status_sms) >= 1
        })
        .map(|s| s.iccid.as_str().to_string())
        .collect();
    assert!(
        low.len() >= 30,
        "the seeded fleet has {} low SIMs",
        low.len()
    );
    sandbox.reset_stats();

    // 20 requests/s for 2 s: 3 list pages, then room for at most ~12
    // SIMs' details (3 requests each for low ones): fewer than the low SIMs.
    let settings = Settings {
        rate_limit: 100.0,
        budget: 0.2,
        refresh: Duration::from_secs(2),
        ..Settings::default()
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    exporter.shutdown().await;
    let detailed: Vec<String> = sandbox
        .requests()
        .iter()
        .filter(|r| r.template.as_deref() == Some("/v2/sims/{iccid}/quota/data"))
        .map(|r| r.path.split('/').nth(3).unwrap().to_string())
        .collect();
    assert!(!detailed.is_empty());
    assert!(detailed.len() < low.len());
    for iccid in &detailed {
        assert!(
            low.contains(iccid),
            "{iccid} is not low but was fetched before low SIMs"
        );
    }
    // Low SIMs also get their connectivity.
    let statuses = sandbox
        .requests()
        .iter()
        .filter(|r| r.template.as_deref() == Some("/v2/sims/{iccid}/status"))
        .count();
    assert!(statuses > 0);
}
