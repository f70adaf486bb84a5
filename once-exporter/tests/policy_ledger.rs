//! The top-up policy's spend, budget and waiting decisions, read from the
//! fleet ledger (`--ledger-db`) and served on the exporter's `/metrics`,
//! against a real SQLite and PostgreSQL ledger and a real Prometheus with
//! once-ledger's alert rules.
//!
//! Not in the published crate (it uses once-ledger's test PostgreSQL and
//! alert rules from the workspace): see `include` in Cargo.toml.

mod common;
// The test PostgreSQL of once-ledger's own tests (initdb, pg_ctl on a free
// loopback port), one file for all.
#[cfg(feature = "ledger")]
#[path = "../../once-ledger/tests/common/mod.rs"]
mod pg;

#[cfg(feature = "ledger")]
use std::path::Path;
#[cfg(feature = "ledger")]
use std::time::Duration;

#[cfg(feature = "ledger")]
use common::prom::{crate_file, free_port, start_prometheus};
#[cfg(feature = "ledger")]
use common::required_binary;
#[cfg(feature = "ledger")]
use once_exporter::Settings;
#[cfg(feature = "ledger")]
use once_sandbox::Sandbox;

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
