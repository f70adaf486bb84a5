//! Scrapes serve the snapshot: its values match the sandbox, and 1,000
//! scrapes send nothing to 1NCE.

mod common;

use std::time::Duration;

use common::{by_iccid, exporter, get, http, samples, value};
use futures::TryStreamExt;
use once_exporter::{PerSim, Settings, CLASSIC_CONTENT_TYPE};
use once_sandbox::Sandbox;

/// Every SIM with per-SIM series (not the default).
fn fast(refresh: Duration) -> Settings {
    Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh,
        per_sim: PerSim::All,
        ..Settings::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_scrapes_send_no_request_and_serve_the_sandbox_state() {
    let sandbox = Sandbox::builder()
        .sims(40)
        .seed(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let iccids = sandbox.iccids();
    sandbox.consume_data(&iccids[0], 480.0).unwrap();
    sandbox.consume_sms(&iccids[1], 7).unwrap();
    sandbox.set_online(&iccids[0], true).unwrap();

    // One refresh covers 40 SIMs at this budget; the next is an hour away.
    let exporter = exporter(&sandbox, fast(Duration::from_secs(3600))).await;
    exporter.refreshed(1).await;
    let http = http();

    let before = sandbox.stats();
    let (status, content_type, first) = get(&http, &exporter, "/metrics").await;
    assert_eq!(status, 200);
    // No Accept header asking for OpenMetrics: the classic format.
    assert_eq!(content_type, CLASSIC_CONTENT_TYPE);
    assert!(!first.contains("# EOF"));
    let fleet_part = |t: &str| t[t.find("# HELP once_fleet_sims").unwrap()..].to_string();
    for _ in 1..1000 {
        let (status, _, body) = get(&http, &exporter, "/metrics").await;
        assert_eq!(status, 200);
        assert_eq!(fleet_part(&body), fleet_part(&first));
    }
    let after = sandbox.stats();
    assert_eq!(
        after.requests, before.requests,
        "scrapes must not call 1NCE"
    );
    assert_eq!(after.by_operation, before.by_operation);

    // The snapshot against the sandbox, read through the SDK afterwards.
    let s = samples(&first);
    let client = sandbox.client().unwrap();
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sims.len(), 40);
    let data_left = by_iccid(&s, "once_sim_data_left_bytes");
    let sms_left = by_iccid(&s, "once_sim_sms_left");
    let enabled = by_iccid(&s, "once_sim_enabled");
    let quota = by_iccid(&s, "once_sim_data_quota_bytes");
    let expiry = by_iccid(&s, "once_sim_data_quota_expiry_timestamp_seconds");
    assert_eq!(data_left.len(), 40);
    for sim in &sims {
        let id = sim.iccid.as_str();
        let dq = client.sims().data_quota(&sim.iccid).await.unwrap();
        let sq = client.sims().sms_quota(&sim.iccid).await.unwrap();
        assert_eq!(data_left[id], dq.volume.unwrap() * 1e6, "{id}");
        assert_eq!(sms_left[id], sq.volume.unwrap(), "{id}");
        assert_eq!(quota[id], sim.current_quota.unwrap() * 1e6, "{id}");
        let want_enabled = sim.status.as_ref().unwrap().as_str() == "Enabled";
        assert_eq!(enabled[id], if want_enabled { 1.0 } else { 0.0 }, "{id}");
        let exp = dq.expiry_date.unwrap().as_datetime().timestamp_millis() as f64 / 1000.0;
        assert_eq!(expiry[id], exp, "{id}");
    }
    // 480 MB used on top of the seeded usage: low quota, so its
    // connectivity was fetched too.
    assert!(data_left[iccids[0].as_str()] < 0.1 * quota[iccids[0].as_str()]);
    assert_eq!(
        value(&s, "once_sim_online", &[("iccid", iccids[0].as_str())]),
        Some(1.0)
    );
    let enabled_count = sims
        .iter()
        .filter(|s| s.status.as_ref().unwrap().as_str() == "Enabled")
        .count() as f64;
    assert_eq!(
        value(&s, "once_fleet_sims", &[("status", "Enabled")]),
        Some(enabled_count)
    );
    assert_eq!(
        value(&s, "once_fleet_sims", &[("status", "Disabled")]),
        Some(40.0 - enabled_count)
    );
    assert_eq!(
        value(
            &s,
            "once_exporter_refreshes_total",
            &[("result", "success")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(&s, "once_exporter_sims_with_details", &[]),
        Some(40.0)
    );
    assert!(
        value(
            &s,
            "once_exporter_last_refresh_success_timestamp_seconds",
            &[]
        )
        .unwrap()
            > 1.7e9
    );
    exporter.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_landing_page_and_unknown_paths() {
    let sandbox = Sandbox::builder()
        .sims(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let exporter = exporter(&sandbox, fast(Duration::from_secs(3600))).await;
    let http = http();
    let (status, _, body) = get(&http, &exporter, "/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (status, ct, body) = get(&http, &exporter, "/").await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"));
    assert!(body.contains("href=\"/metrics\""));
    assert_eq!(get(&http, &exporter, "/nope").await.0, 404);
    let resp = http
        .post(format!("http://{}/metrics", exporter.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);
    exporter.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_serving_and_refreshing() {
    let sandbox = Sandbox::builder()
        .sims(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let exporter = exporter(&sandbox, fast(Duration::from_secs(1))).await;
    exporter.refreshed(1).await;
    let addr = exporter.addr();
    exporter.shutdown().await;
    let requests = sandbox.stats().requests;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still accepting"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sandbox.stats().requests, requests, "still refreshing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filter_goes_to_the_sim_list_and_only_matching_sims_are_exported() {
    let sandbox = Sandbox::builder()
        .sims(30)
        .seed(8)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let target = &sims[7];
    let imei = target.imei.as_ref().unwrap().as_str().to_string();
    sandbox.reset_stats();
    let settings = Settings {
        filter: Some(format!("imei:{imei}")),
        ..fast(Duration::from_secs(3600))
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    let s = samples(&body);
    assert_eq!(
        by_iccid(&s, "once_sim_enabled")
            .into_keys()
            .collect::<Vec<_>>(),
        [target.iccid.as_str()]
    );
    assert_eq!(by_iccid(&s, "once_sim_data_left_bytes").len(), 1);
    let lists: Vec<_> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.template.as_deref() == Some("/v2/sims"))
        .collect();
    assert_eq!(lists.len(), 1);
    let query = lists[0].query.clone().unwrap();
    assert!(query.contains(&format!("q=imei%3A{imei}")), "{query}");
    exporter.shutdown().await;
}

/// The default: fleet aggregates only, whatever the fleet's size, and no
/// IMSI, MSISDN or label anywhere on /metrics; the aggregates match the
/// sandbox.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_default_no_per_sim_series_and_no_personal_data() {
    let sandbox = Sandbox::builder()
        .sims(50)
        .seed(12)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let iccids = sandbox.iccids();
    sandbox.consume_data(&iccids[0], 1000.0).unwrap();
    sandbox.consume_data(&iccids[1], 470.0).unwrap();
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
    assert!(
        s.iter().all(|x| !x.name.starts_with("once_sim_")),
        "per-SIM series by default"
    );
    let client = sandbox.client().unwrap();
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    for sim in &sims {
        for personal in [
            Some(sim.iccid.as_str()),
            sim.imsi.as_ref().map(|i| i.as_str()),
            sim.msisdn.as_ref().map(|m| m.as_str()),
            sim.label.as_deref().filter(|l| !l.is_empty()),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!body.contains(personal), "{personal} on /metrics");
        }
    }
    // The bands against the quotas read through the SDK.
    let mut bands = std::collections::BTreeMap::<&str, f64>::new();
    let mut data_left = 0.0;
    for sim in &sims {
        let d = client.sims().data_quota(&sim.iccid).await.unwrap();
        let left = d.volume.unwrap();
        data_left += left * 1e6;
        let share = left / sim.current_quota.unwrap();
        let band = match share {
            x if x <= 0.0 => "empty",
            x if x < 0.1 => "below_10pct",
            x if x < 0.2 => "below_20pct",
            x if x < 0.5 => "below_50pct",
            _ => "above_50pct",
        };
        *bands.entry(band).or_default() += 1.0;
    }
    assert!(
        bands.contains_key("empty") && bands.contains_key("below_10pct"),
        "{bands:?}"
    );
    for band in [
        "empty",
        "below_10pct",
        "below_20pct",
        "below_50pct",
        "above_50pct",
    ] {
        assert_eq!(
            value(&s, "once_fleet_sims_by_data_left", &[("band", band)]),
            Some(bands.get(band).copied().unwrap_or(0.0)),
            "{band}"
        );
    }
    assert_eq!(
        value(&s, "once_fleet_sims_by_data_left", &[("band", "unknown")]),
        Some(0.0)
    );
    let fleet_left = value(&s, "once_fleet_data_left_bytes", &[]).unwrap();
    assert!(
        (fleet_left - data_left).abs() < 1.0,
        "{fleet_left} != {data_left}"
    );
    assert_eq!(
        value(&s, "once_exporter_per_sim_sims", &[("series", "omitted")]),
        Some(50.0)
    );
    // Both low SIMs had their connectivity fetched: the sandbox's network.
    let connected: f64 = s
        .iter()
        .filter(|x| x.name == "once_fleet_sims_connectivity")
        .map(|x| x.value)
        .sum();
    assert!(connected >= 2.0, "{connected}");
    assert!(s
        .iter()
        .filter(|x| x.name == "once_fleet_sims_connectivity")
        .all(|x| x.labels["country"] == "DE"));
    exporter.shutdown().await;
}

/// The `process_*` metrics of Prometheus clients, from /proc (Linux).
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn process_metrics_come_from_proc() {
    let sandbox = Sandbox::builder()
        .sims(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let exporter = exporter(&sandbox, fast(Duration::from_secs(3600))).await;
    exporter.refreshed(1).await;
    let (_, _, body) = get(&http(), &exporter, "/metrics").await;
    for line in [
        "# TYPE process_cpu_seconds_total counter",
        "# TYPE process_resident_memory_bytes gauge",
        "# TYPE process_virtual_memory_bytes gauge",
        "# TYPE process_open_fds gauge",
        "# TYPE process_max_fds gauge",
        "# TYPE process_start_time_seconds gauge",
    ] {
        assert!(body.lines().any(|l| l == line), "{line} missing:\n{body}");
    }
    let s = samples(&body);
    let v = |name: &str| value(&s, name, &[]).unwrap_or_else(|| panic!("{name}"));
    // This test process did work before the scrape.
    assert!(v("process_cpu_seconds_total") > 0.0);
    let rss = v("process_resident_memory_bytes");
    assert!(rss > 0.0 && v("process_virtual_memory_bytes") >= rss);
    // stdin, stdout, stderr at least; the limit above the count.
    let open = v("process_open_fds");
    assert!(open >= 3.0, "{open}");
    assert!(v("process_max_fds") >= open);
    // Started after boot, before the snapshot was published.
    let boot: f64 = std::fs::read_to_string("/proc/stat")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let start = v("process_start_time_seconds");
    assert!(start >= boot, "{start} < boot {boot}");
    assert!(start <= v("once_exporter_snapshot_timestamp_seconds"));
    exporter.shutdown().await;
}
