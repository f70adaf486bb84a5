//! A real Prometheus (the Debian package) scrapes the exporter running
//! against a sandbox; PromQL answers are checked against the sandbox's
//! state, the alert rules load and evaluate, and every panel query of the
//! Grafana dashboard returns data.
//!
//! Skipped (with a SKIPPED line) when `prometheus` is not installed, unless
//! `ONCE_REQUIRE_PROMETHEUS=1` (CI), which turns a missing binary into a
//! failure.

mod common;

use std::time::Duration;

use common::prom::{crate_file, start_prometheus};
use common::{exporter, required_binary};
use once_exporter::{PerSim, Settings};
use once_sandbox::Sandbox;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_scrapes_the_exporter_and_answers_from_the_sandbox_state() {
    let Some(prometheus) = required_binary("prometheus") else {
        return;
    };
    const SIMS: usize = 60;
    let sandbox = Sandbox::builder()
        .sims(SIMS)
        .seed(11)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let iccids = sandbox.iccids();
    // Make sure every dashboard panel has something to show: low and
    // empty quotas, an expired quota, a SIM online.
    sandbox.consume_data(&iccids[2], 470.0).unwrap();
    sandbox.consume_data(&iccids[3], 1000.0).unwrap();
    sandbox.expire_sim(&iccids[4]).unwrap();
    sandbox.set_online(&iccids[3], true).unwrap();
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(3600),
        per_sim: PerSim::All,
        ..Settings::default()
    };
    let exporter = exporter(&sandbox, settings).await;
    exporter.refreshed(1).await;

    // Ground truth from the sandbox, through the SDK.
    let client = sandbox.client().unwrap();
    let mut under_10 = 0usize;
    let mut sms_left = 0.0;
    for iccid in &iccids {
        let d = client.sims().data_quota(iccid).await.unwrap();
        if d.volume.unwrap() / d.total_volume.unwrap() < 0.1 {
            under_10 += 1;
        }
        sms_left += client
            .sims()
            .sms_quota(iccid)
            .await
            .unwrap()
            .volume
            .unwrap();
    }
    assert!(under_10 >= 2);

    let (mut child, prom, dir) = start_prometheus(
        &prometheus,
        &crate_file("prometheus/once-exporter.rules.yml"),
        exporter.addr(),
    );

    // Scraped (up) and the whole fleet stored.
    let up = prom
        .wait_for("up{job=\"once\"} == 1", |r| !r.is_empty())
        .await;
    assert_eq!(up.len(), 1, "Prometheus never scraped the exporter");
    let n = prom
        .wait_for("count(once_sim_data_left_bytes)", |r| !r.is_empty())
        .await;
    assert_eq!(n[0]["value"][1], SIMS.to_string());

    // PromQL against the sandbox.
    assert_eq!(
        prom.scalar("count(once_sim_data_left_bytes / (once_sim_data_quota_bytes > 0) < 0.1)")
            .await,
        Some(under_10 as f64)
    );
    assert_eq!(prom.scalar("sum(once_sim_sms_left)").await, Some(sms_left));
    assert_eq!(prom.scalar("sum(once_fleet_sims)").await, Some(SIMS as f64));
    assert_eq!(
        prom.scalar("once_sim_online{iccid=\"8988280666000000003\"}")
            .await,
        Some(1.0)
    );

    // The rules loaded and evaluate without errors; the low-data alert is
    // pending (for: 15m) once, with the number of SIMs under 10 % (from
    // the recording rule), not once per SIM.
    let rules = prom.get("/api/v1/rules").await.unwrap();
    let rules: Vec<&Value> = rules["data"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["rules"].as_array().unwrap())
        .collect();
    assert_eq!(rules.len(), 9);
    let recorded = prom
        .wait_for("once:fleet_sims_data_below_10pct:sum", |r| !r.is_empty())
        .await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["value"][1], under_10.to_string());
    let pending = prom
        .wait_for(
            "ALERTS{alertname=\"OnceFleetSimsDataLow\",alertstate=\"pending\"}",
            |r| !r.is_empty(),
        )
        .await;
    assert_eq!(pending.len(), 1, "one alert for the fleet: {pending:?}");
    let alerts = prom.get("/api/v1/alerts").await.unwrap();
    let low: Vec<&Value> = alerts["data"]["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["labels"]["alertname"] == "OnceFleetSimsDataLow")
        .collect();
    assert_eq!(low.len(), 1);
    let count: f64 = low[0]["value"].as_str().unwrap().parse().unwrap();
    assert_eq!(count, under_10 as f64);
    assert_eq!(
        low[0]["annotations"]["summary"],
        format!(
            "{under_10} SIMs of {} have less than 10% of their data quota left",
            exporter.addr()
        )
    );
    let rules = prom.get("/api/v1/rules").await.unwrap();
    for g in rules["data"]["groups"].as_array().unwrap() {
        for r in g["rules"].as_array().unwrap() {
            assert_eq!(r["health"], "ok", "{r}");
        }
    }

    // Every panel query of the dashboard returns data.
    let dashboard: Value = serde_json::from_str(
        &std::fs::read_to_string(crate_file("grafana/once-fleet.json")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for panel in dashboard["panels"].as_array().unwrap() {
        for target in panel["targets"].as_array().unwrap() {
            // The job and instance variables as Grafana fills them in.
            let expr = target["expr"]
                .as_str()
                .unwrap()
                .replace("$__rate_interval", "1m")
                .replace("$job", "once")
                .replace("$instance", &exporter.addr().to_string());
            let r = prom.wait_for(&expr, |r| !r.is_empty()).await;
            assert!(
                !r.is_empty(),
                "panel {:?}: {expr} returned no data",
                panel["title"]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 21, "queries");

    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&dir);
    exporter.shutdown().await;
}

#[test]
fn promtool_checks_and_unit_tests_the_alert_rules() {
    let Some(promtool) = required_binary("promtool") else {
        return;
    };
    let dir = crate_file("prometheus");
    let check = std::process::Command::new(&promtool)
        .args(["check", "rules", "once-exporter.rules.yml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(out.contains("SUCCESS: 9 rules found"), "{out}");
    let test = std::process::Command::new(&promtool)
        .args(["test", "rules", "once-exporter.rules.test.yml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}
