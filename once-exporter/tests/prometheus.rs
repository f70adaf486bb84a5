//! A real Prometheus (the Debian package) scrapes the exporter running
//! against a sandbox; PromQL answers are checked against the sandbox's
//! state, the alert rules load and evaluate, and every panel query of the
//! Grafana dashboard returns data.
//!
//! Skipped (with a SKIPPED line) when `prometheus` is not installed, unless
//! `ONCE_REQUIRE_PROMETHEUS=1` (CI), which turns a missing binary into a
//! failure.

mod common;
// The test PostgreSQL of once-ledger's own tests (initdb, pg_ctl on a free
// loopback port), one file for all.
#[cfg(feature = "ledger")]
#[path = "../../once-ledger/tests/common/mod.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{exporter, required_binary};
use once_exporter::{PerSim, Settings};
use once_sandbox::Sandbox;
use serde_json::Value;

fn crate_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct Prom {
    base: String,
    http: reqwest::Client,
}

impl Prom {
    async fn get(&self, path: &str) -> Option<Value> {
        let resp = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .ok()?;
        serde_json::from_str(&resp.text().await.ok()?).ok()
    }

    /// The result vector of an instant query.
    async fn query(&self, q: &str) -> Vec<Value> {
        let v = self
            .get(&format!("/api/v1/query?query={}", percent_encode(q)))
            .await
            .unwrap_or(Value::Null);
        assert_ne!(v["status"], "error", "{q}: {v}");
        match &v["data"]["result"] {
            Value::Array(a) => a.clone(),
            // A scalar result: [time, "value"].
            Value::Null => Vec::new(),
            other => vec![serde_json::json!({"metric": {}, "value": other})],
        }
    }

    /// The single value of an instant query.
    async fn scalar(&self, q: &str) -> Option<f64> {
        let r = self.query(q).await;
        r.first()?["value"][1].as_str()?.parse().ok()
    }

    /// Polls `q` until `done` says yes (at most 30 s).
    async fn wait_for(&self, q: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let r = self.query(q).await;
            if done(&r) || Instant::now() > until {
                return r;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

/// Prometheus on a free port, scraping the exporter at `addr` every
/// second, with the alert rules in `rules`; and its scratch directory.
fn start_prometheus(
    prometheus: &Path,
    rules: &Path,
    addr: std::net::SocketAddr,
) -> (tokio::process::Child, Prom, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "once-exporter-prom-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    let config = format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - {rules}\nscrape_configs:\n  - job_name: once\n    static_configs:\n      - targets: ['{addr}']\n",
        rules = rules.display(),
    );
    std::fs::write(dir.join("prometheus.yml"), config).unwrap();
    let child = tokio::process::Command::new(prometheus)
        .arg(format!(
            "--config.file={}",
            dir.join("prometheus.yml").display()
        ))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.join("data").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--log.level=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("prometheus starts");
    let prom = Prom {
        base: format!("http://127.0.0.1:{port}"),
        http: common::http(),
    };
    (child, prom, dir)
}

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

/// `--ledger-db`: a policy that spent its whole overall budget (2 of 2
/// top-ups) and a fifth of its group's amount, with one decision waiting
/// for approval, in a real SQLite ledger. The exporter serves once-ledger's
/// `once_policy_*` series (promtool's lint passes), and a real Prometheus
/// with once-ledger's alert rules fires OncePolicyBudgetNearlyUsed for the
/// overall scope only, and holds OncePolicyApprovalsWaiting pending.
#[cfg(feature = "ledger")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_spend_from_the_ledger_is_served_and_alerted_on() {
    let dir = std::env::temp_dir().join(format!(
        "once-exporter-ledger-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite:{}", dir.join("ledger.db").display());
    policy_from_the_ledger(&url, &dir, true).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same figures from a PostgreSQL ledger (the test's own server;
/// skipped without PostgreSQL unless `ONCE_REQUIRE_POSTGRES` is set).
#[cfg(feature = "ledger")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_spend_from_a_postgres_ledger_is_served() {
    let Some(pg) = pg::PgServer::start() else {
        return;
    };
    let url = pg.database("exporter").await;
    let dir = std::env::temp_dir().join(format!(
        "once-exporter-ledger-pg-{}-{}",
        std::process::id(),
        free_port()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    policy_from_the_ledger(&url, &dir, false).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The policy case against the ledger at `url` (its policy file in `dir`);
/// with Prometheus and the alert rules when `alerts`.
#[cfg(feature = "ledger")]
async fn policy_from_the_ledger(url: &str, dir: &Path, alerts: bool) {
    use once_ledger::policy::{Engine, Mode, Policy, Status};
    use once_ledger::Ledger;
    use std::sync::Arc;

    let sandbox = Sandbox::builder()
        .sims(10)
        .seed(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    use futures::TryStreamExt;
    let sims: Vec<once_sdk::Sim> = client.sims().list().stream().try_collect().await.unwrap();
    let low: Vec<_> = sims
        .into_iter()
        .filter(|s| s.status == Some(once_sdk::SimStatus::Enabled))
        .map(|s| s.iccid)
        .take(3)
        .collect();
    assert_eq!(low.len(), 3, "enough enabled SIMs");
    for iccid in &low {
        let left = client
            .sims()
            .data_quota(iccid)
            .await
            .unwrap()
            .volume
            .unwrap();
        sandbox.consume_data(iccid, (left - 10.0).max(0.0)).unwrap();
    }
    let listed: Vec<String> = low.iter().map(|i| format!("\"{i}\"")).collect();
    let policy_file = dir.join("policy.toml");
    std::fs::write(
        &policy_file,
        format!(
            "[budget]\nmax_actions = 2\n\n[[group]]\nname = \"pumps\"\niccids = [{}]\n\
             action = \"top-up\"\nprice = 10.0\nwhen = {{ data_below_mb = 50 }}\n\
             budget = {{ max_amount = 100.0 }}\n",
            listed.join(", ")
        ),
    )
    .unwrap();
    let ledger = Arc::new(Ledger::open(url).await.unwrap());
    let policy = Policy::load(&policy_file).unwrap();
    // Three decisions wait for approval; two are approved and bought.
    let pending = Engine::new(Arc::clone(&ledger), client.clone(), policy.clone())
        .mode(Mode::Approval)
        .run()
        .await
        .unwrap();
    assert_eq!(pending.decided.len(), 3, "{pending:?}");
    let ids: Vec<i64> = pending.decided[..2].iter().map(|d| d.id).collect();
    assert_eq!(ledger.policy_approve(Some(&ids), "test").await.unwrap(), 2);
    let applied = Engine::new(Arc::clone(&ledger), client.clone(), policy)
        .mode(Mode::Apply)
        .run()
        .await
        .unwrap();
    assert_eq!(
        applied.ended.iter().map(|e| e.1).collect::<Vec<_>>(),
        [Status::Applied, Status::Applied]
    );
    assert_eq!(sandbox.stats().top_ups_applied, 2);

    let metrics = once_exporter::ledger::LedgerMetrics::open(url, &policy_file)
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let settings = Settings {
        rate_limit: 1000.0,
        budget: 1.0,
        refresh: Duration::from_secs(3600),
        ..Settings::default()
    };
    let exporter = once_exporter::Exporter::start_with_ledger(
        sandbox.client_builder(),
        settings,
        listener,
        None,
        once_exporter::health::Health::new(),
        metrics,
    )
    .await
    .unwrap();
    let http = common::http();
    let (status, _, body) = common::get(&http, &exporter, "/metrics").await;
    assert_eq!(status, 200);
    let s = common::samples(&body);
    let v = |name: &str, labels: &[(&str, &str)]| common::value(&s, name, labels);
    assert_eq!(
        v("once_policy_budget_actions", &[("scope", "*")]),
        Some(2.0)
    );
    assert_eq!(v("once_policy_spent_actions", &[("scope", "*")]), Some(2.0));
    assert_eq!(
        v("once_policy_budget_actions", &[("scope", "group:pumps")]),
        None
    );
    assert_eq!(
        v("once_policy_spent_amount", &[("scope", "group:pumps")]),
        Some(20.0)
    );
    assert_eq!(
        v("once_policy_budget_amount", &[("scope", "group:pumps")]),
        Some(100.0)
    );
    assert_eq!(
        v("once_policy_decisions", &[("status", "pending")]),
        Some(1.0)
    );
    assert_eq!(
        v("once_policy_decisions", &[("status", "applied")]),
        Some(2.0)
    );
    // The same figures as once-ledger's own `policy metrics` text.
    let own = ledger
        .policy_metrics(&Policy::load(&policy_file).unwrap())
        .await
        .unwrap();
    let mut from_ledger = common::samples(&own);
    let mut served: Vec<_> = s
        .into_iter()
        .filter(|x| x.name.starts_with("once_policy_"))
        .collect();
    let key = |x: &common::Sample| format!("{} {:?}", x.name, x.labels);
    from_ledger.sort_by_key(key);
    served.sort_by_key(key);
    assert_eq!(served, from_ledger);
    if let Some(promtool) = required_binary("promtool") {
        let report = common::promtool_check_metrics(&promtool, &body);
        assert_eq!(report, "", "lint problems: {report}");
    }

    let prometheus = match required_binary("prometheus") {
        Some(p) if alerts => p,
        _ => return exporter.shutdown().await,
    };
    let (mut child, prom, prom_dir) = start_prometheus(
        &prometheus,
        &crate_file("../once-ledger/prometheus/once-ledger-policy.rules.yml"),
        exporter.addr(),
    );
    let firing = prom
        .wait_for(
            "ALERTS{alertname=\"OncePolicyBudgetNearlyUsed\",alertstate=\"firing\"}",
            |r| !r.is_empty(),
        )
        .await;
    let scopes: Vec<&str> = firing
        .iter()
        .filter_map(|r| r["metric"]["scope"].as_str())
        .collect();
    assert_eq!(scopes, ["*"], "{firing:?}");
    let waiting = prom
        .wait_for("ALERTS{alertname=\"OncePolicyApprovalsWaiting\"}", |r| {
            !r.is_empty()
        })
        .await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["metric"]["alertstate"], "pending");
    child.kill().await.unwrap();
    exporter.shutdown().await;
    let _ = std::fs::remove_dir_all(&prom_dir);
}
