//! The top-up policy against the sandbox: the forecast and the thresholds
//! buy exactly the SIMs that need it; dry run, approval and apply; faults
//! on the top-up path (a lost answer, a 5xx, a timeout) settled by reading
//! the quota and never sent twice; the budget held; two replicas against
//! one PostgreSQL; a replica killed in the middle of a call.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::PgServer;
use futures::{StreamExt, TryStreamExt};
use once_ledger::policy::{Engine, Mode, Policy, Status};
use once_ledger::{Ingest, Ledger};
use once_sandbox::{Fault, Sandbox};
use once_sdk::streamer::decode_batch;
use once_sdk::{Client, Iccid, SimStatus};
use serde_json::json;

const TOP_UP: &str = "/v2/sims/{iccid}/topup";

/// A sandbox of `n` SIMs, no rate limits, where every enabled SIM has at
/// least 100 MB of data left; returns it with its enabled SIMs, sorted.
async fn fleet(n: usize) -> (Sandbox, Client, Vec<Iccid>) {
    let sandbox = Sandbox::builder()
        .sims(n)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    let sims: Vec<once_sdk::Sim> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let mut enabled: Vec<Iccid> = sims
        .into_iter()
        .filter(|s| s.status != Some(SimStatus::Disabled))
        .map(|s| s.iccid)
        .collect();
    let client = &client;
    futures::stream::iter(&enabled)
        .for_each_concurrent(16, |iccid| async move {
            if data_left(client, iccid).await < 100.0 {
                client.sims().top_up(iccid).send().await.unwrap();
            }
        })
        .await;
    let client = client.clone();
    enabled.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    sandbox.reset_stats();
    (sandbox, client, enabled)
}

async fn data_left(client: &Client, iccid: &Iccid) -> f64 {
    client
        .sims()
        .data_quota(iccid)
        .await
        .unwrap()
        .volume
        .unwrap()
}

/// Data ever added to the SIM's quota: each top-up adds 500 MB.
async fn accumulated(client: &Client, iccid: &Iccid) -> f64 {
    client
        .sims()
        .data_quota(iccid)
        .await
        .unwrap()
        .accumulated_total_volume
        .unwrap()
}

async fn accumulated_all(client: &Client, iccids: &[Iccid]) -> BTreeMap<String, f64> {
    futures::stream::iter(iccids)
        .map(|i| async move { (i.to_string(), accumulated(client, i).await) })
        .buffer_unordered(16)
        .collect()
        .await
}

/// The top-ups each SIM received since `before` (SIMs with none left out).
async fn top_ups_since(client: &Client, before: &BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    let iccids: Vec<Iccid> = before.keys().map(|i| i.parse().unwrap()).collect();
    let now = accumulated_all(client, &iccids).await;
    now.into_iter()
        .filter(|(iccid, now)| now > &before[iccid])
        .map(|(iccid, now)| {
            let n = (now - before[&iccid]) / 500.0;
            (iccid, n)
        })
        .collect()
}

/// Leaves the SIM with `mb` of data.
async fn leave_data(sandbox: &Sandbox, client: &Client, iccid: &Iccid, mb: f64) {
    let left = data_left(client, iccid).await;
    let now = sandbox.consume_data(iccid, left - mb).unwrap();
    assert!((now - mb).abs() < 1e-6, "{iccid}: {now} MB left");
}

/// Stores made-up data usage in the ledger: `mb` in two records spread
/// over the last `hours`.
async fn usage(ledger: &Ledger, id: u64, iccid: &Iccid, hours: i64, mb: f64) {
    let now = Utc::now();
    let mid = now - chrono::Duration::hours(hours / 2);
    let ts = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let record = |id: u64, from, to| {
        json!({"id": id, "start_timestamp": ts(from), "end_timestamp": ts(to),
               "traffic_type": {"id": 5, "description": "Data"},
               "volume": {"total": mb / 2.0, "rx": mb / 4.0, "tx": mb / 4.0},
               "sim": {"iccid": iccid.as_str()}})
    };
    let body = serde_json::to_vec(&json!([
        record(id, now - chrono::Duration::hours(hours), mid),
        record(id + 1, mid, now - chrono::Duration::minutes(1)),
    ]))
    .unwrap();
    let b = decode_batch(&body).unwrap();
    let stored = ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    assert_eq!(stored.inserted, 2);
}

/// A fleet of `n` SIMs whose first `k` enabled SIMs have 5 MB of data
/// left, the policy that tops up SIMs below 20 MB (`budget`: the TOML
/// lines before its group), and every SIM's data added so far.
struct LowFleet {
    sandbox: Sandbox,
    client: Client,
    low: Vec<Iccid>,
    policy: Policy,
    before: BTreeMap<String, f64>,
}

async fn low_fleet(n: usize, k: usize, budget: &str, group: &str) -> LowFleet {
    let (sandbox, client, sims) = fleet(n).await;
    let low: Vec<Iccid> = sims[..k].to_vec();
    for s in &low {
        leave_data(&sandbox, &client, s, 5.0).await;
    }
    let policy = Policy::parse(&format!(
        "{budget}\n[[group]]\nname = \"all\"\nall = true\naction = \"top-up\"\nwhen = {{ data_below_mb = 20 }}\n{group}\n"
    ))
    .unwrap();
    let before = accumulated_all(&client, &sims).await;
    LowFleet {
        sandbox,
        client,
        low,
        policy,
        before,
    }
}

fn sqlite_url(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("policy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite:{}", dir.join("fleet.db").display())
}

/// Waits for a condition, with a generous guard against hanging.
async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..3000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn statuses(report: &once_ledger::policy::RunReport) -> Vec<Status> {
    report.ended.iter().map(|(_, s)| *s).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forecast_and_the_thresholds_buy_exactly_the_sims_that_need_it() {
    forecast_case(&sqlite_url("forecast")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forecast_reads_the_usage_rows_of_postgresql_too() {
    let Some(pg) = PgServer::start() else { return };
    forecast_case(&pg.database("forecast").await).await;
}

/// Four SIMs in two groups, from which the forecast and the thresholds
/// pick two, through a dry run, approval and apply.
async fn forecast_case(url: &str) {
    let (sandbox, client, sims) = fleet(30).await;
    let ledger = Arc::new(Ledger::open(url).await.unwrap());
    let (fast, slow, new, low) = (&sims[0], &sims[1], &sims[2], &sims[3]);
    // fast: 100 MB left, 100 MB a day over two days: out in 1 day.
    // slow: 100 MB left, 10 MB a day: out in 10 days.
    // new: 100 MB left, 200 MB in 6 hours: too little history to say.
    // low: in the catch-all group, 10 MB left, below its threshold.
    for s in [fast, slow, new] {
        leave_data(&sandbox, &client, s, 100.0).await;
    }
    leave_data(&sandbox, &client, low, 10.0).await;
    for (i, s) in [fast, slow, new].into_iter().enumerate() {
        client
            .sims()
            .update(s)
            .label(format!("watched-{i}"))
            .send()
            .await
            .unwrap();
    }
    usage(&ledger, 1, fast, 48, 200.0).await;
    usage(&ledger, 3, slow, 48, 20.0).await;
    usage(&ledger, 5, new, 6, 200.0).await;
    let policy = Policy::parse(
        r#"
[budget]
max_actions = 10

[[group]]
name = "watched"
label = "watched-*"
action = "top-up"
when = { data_below_mb = 20, runs_out_within_days = 3 }

[[group]]
name = "rest"
all = true
action = "top-up"
when = { data_below_mb = 20 }
"#,
    )
    .unwrap();
    let before = accumulated_all(&client, &sims).await;
    let engine = |mode| Engine::new(Arc::clone(&ledger), client.clone(), policy.clone()).mode(mode);

    // A dry run says what it would do, and writes and buys nothing.
    let dry = engine(Mode::DryRun).run().await.unwrap();
    let decided: Vec<(&str, &str)> = dry
        .decided
        .iter()
        .map(|d| (d.iccid.as_str(), d.group.as_str()))
        .collect();
    let mut want = vec![(fast.as_str(), "watched"), (low.as_str(), "rest")];
    want.sort();
    assert_eq!(decided, want);
    let reason = |iccid: &Iccid| {
        dry.decided
            .iter()
            .find(|d| d.iccid == iccid.as_str())
            .map(|d| d.reason.clone())
            .unwrap()
    };
    assert_eq!(
        reason(fast),
        "data runs out in 1.0 days at 100.0 MB/day, within 3 days"
    );
    assert_eq!(reason(low), "data 10.0 MB left, below 20 MB");
    assert!(dry.decided.iter().all(|d| d.status == Status::DryRun));
    assert!(
        ledger.policy_log(None).await.unwrap().is_empty(),
        "a dry run writes nothing"
    );
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 0);

    // Approval mode: the decisions wait; nothing is bought until approved.
    let waiting = engine(Mode::Approval).run().await.unwrap();
    assert_eq!(waiting.decided.len(), 2);
    assert!(waiting.decided.iter().all(|d| d.status == Status::Pending));
    let again = engine(Mode::Approval).run().await.unwrap();
    assert!(
        again.decided.is_empty(),
        "a SIM with an open decision gets no second"
    );
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 0);
    let fast_id = waiting
        .decided
        .iter()
        .find(|d| d.iccid == fast.as_str())
        .unwrap()
        .id;
    assert_eq!(
        ledger
            .policy_approve(Some(&[fast_id]), "finance")
            .await
            .unwrap(),
        1
    );
    let acted = engine(Mode::Approval).run().await.unwrap();
    assert_eq!(acted.ended, vec![(fast_id, Status::Applied)]);
    assert_eq!(
        top_ups_since(&client, &before).await,
        BTreeMap::from([(fast.to_string(), 1.0)])
    );
    assert_eq!(ledger.policy_approve(None, "finance").await.unwrap(), 1);
    engine(Mode::Approval).run().await.unwrap();
    let bought = BTreeMap::from([(fast.to_string(), 1.0), (low.to_string(), 1.0)]);
    assert_eq!(top_ups_since(&client, &before).await, bought);

    // Topped up, they need nothing more: the next passes buy nothing.
    for mode in [Mode::Apply, Mode::Approval] {
        let r = engine(mode).run().await.unwrap();
        assert!(r.decided.is_empty() && r.ended.is_empty(), "{r:?}");
    }
    assert_eq!(sandbox.stats().top_ups_applied, 2);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 2);

    // The log shows each decision with its numbers, approval and outcome.
    let log = ledger.policy_log(None).await.unwrap();
    assert_eq!(log.len(), 2);
    let f = log.iter().find(|d| d.iccid == fast.as_str()).unwrap();
    assert_eq!(f.status, Status::Applied);
    assert_eq!(f.approved_by.as_deref(), Some("finance"));
    assert_eq!(f.seen["data_left_mb"], json!(100.0));
    assert_eq!(f.seen["forecast"]["kind"], json!("rate"));
    // The made-up records end a moment before the pass: close to 100.
    let near = |v: &serde_json::Value, want: f64| (v.as_f64().unwrap() - want).abs() < 0.01;
    assert!(near(&f.seen["forecast"]["mb_per_day"], 100.0), "{}", f.seen);
    assert!(near(&f.seen["days_left"], 1.0), "{}", f.seen);
    assert_eq!(
        f.seen["rule"],
        json!(
            "group \"watched\" (line 5): top-up when data_below_mb = 20, runs_out_within_days = 3"
        )
    );
    assert!(
        f.outcome.as_deref().unwrap().starts_with("applied"),
        "{f:?}"
    );
    let spend = ledger.policy_spend_now().await.unwrap();
    let count = |scope: &str| spend.iter().find(|s| s.scope == scope).map(|s| s.actions);
    assert_eq!(
        (count("*"), count("group:watched"), count("group:rest")),
        (Some(2), Some(1), Some(1))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_sims_at_different_rates_get_exactly_the_top_ups_due_within_the_budget() {
    let (sandbox, client, sims) = fleet(1000).await;
    let ledger = Arc::new(Ledger::open(&sqlite_url("thousand")).await.unwrap());
    let now = Utc::now();
    let ts = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    // SIM k: data left 10, 50, 100 or 200 MB; history none, 6 hours (too
    // little), 2 days or 5 days, at a rate that empties it in 1, 5 or 1.5
    // days. Due: below 30 MB, or out within 2 days by the forecast.
    let mut records = Vec::new();
    let mut due = Vec::new();
    let left_of = |k: usize| [10.0, 50.0, 100.0, 200.0][k % 4];
    futures::stream::iter(sims.iter().enumerate())
        .for_each_concurrent(16, |(k, iccid)| {
            leave_data(&sandbox, &client, iccid, left_of(k))
        })
        .await;
    for (k, iccid) in sims.iter().enumerate() {
        let left = left_of(k);
        let days = [1.0, 5.0, 1.5][(k / 16) % 3];
        let hours = [0, 6, 48, 120][(k / 4) % 4];
        let total = if hours == 6 {
            500.0
        } else {
            left / days * hours as f64 / 24.0
        };
        if hours > 0 {
            records.push(
                json!({"id": k, "start_timestamp": ts(now - chrono::Duration::hours(hours)),
                "end_timestamp": ts(now - chrono::Duration::minutes(1)),
                "traffic_type": {"id": 5}, "volume": {"total": total},
                "sim": {"iccid": iccid.as_str()}}),
            );
        }
        if left < 30.0 || (hours >= 48 && days <= 2.0) {
            due.push(iccid.to_string());
        }
    }
    let body = serde_json::to_vec(&records).unwrap();
    let b = decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    let policy = Policy::parse(
        "[budget]\nmax_actions = 300\n[[group]]\nname = \"all\"\nall = true\naction = \"top-up\"\nwhen = { data_below_mb = 30, runs_out_within_days = 2 }\n",
    )
    .unwrap();
    let before = accumulated_all(&client, &sims).await;
    sandbox.reset_stats();
    let engine = Engine::new(Arc::clone(&ledger), client.clone(), policy).mode(Mode::Apply);
    let first = engine.run().await.unwrap();
    assert!(due.len() > 300, "the budget binds: {} due", due.len());
    // The budget goes to the SIMs due, in ICCID order.
    due.sort();
    let want: BTreeMap<String, f64> = due[..300].iter().map(|i| (i.clone(), 1.0)).collect();
    assert_eq!(top_ups_since(&client, &before).await, want);
    assert_eq!(sandbox.stats().top_ups_applied, 300);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 300);
    assert_eq!(first.over_budget, due.len() as u64 - 300);
    let second = engine.run().await.unwrap();
    assert!(second.decided.is_empty() && second.ended.is_empty());
    assert_eq!(second.over_budget, due.len() as u64 - 300);
    assert_eq!(sandbox.stats().top_ups_applied, 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_auto_top_up_on_is_a_decision_with_its_budget_too() {
    let (sandbox, client, sims) = fleet(6).await;
    let ledger = Arc::new(Ledger::open(&sqlite_url("auto")).await.unwrap());
    leave_data(&sandbox, &client, &sims[0], 5.0).await;
    let policy = Policy::parse(
        "[budget]\nmax_actions = 1\n[[group]]\nname = \"all\"\nall = true\naction = \"auto-top-up-on\"\nwhen = { data_below_mb = 20 }\n",
    )
    .unwrap();
    let engine = Engine::new(Arc::clone(&ledger), client.clone(), policy).mode(Mode::Apply);
    let r = engine.run().await.unwrap();
    assert_eq!(statuses(&r), [Status::Applied]);
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("POST", "/v2/sims/autoTopup"), 1);
    assert_eq!(
        (stats.top_ups_applied, stats.requests_to("POST", TOP_UP)),
        (0, 0)
    );
    // The flag is on for that SIM: running dry, 1NCE tops it up by itself.
    sandbox.consume_data(&sims[0], 10.0).unwrap();
    assert_eq!(sandbox.stats().auto_top_ups, 1);
    assert!(data_left(&client, &sims[0]).await > 20.0);
    let spend = ledger.policy_spend_now().await.unwrap();
    assert_eq!(
        spend.iter().find(|s| s.scope == "*").map(|s| s.actions),
        Some(1)
    );
    // Another SIM runs low: the budget of one is used.
    leave_data(&sandbox, &client, &sims[1], 5.0).await;
    let r = engine.run().await.unwrap();
    assert!(r.decided.is_empty() && r.ended.is_empty(), "{r:?}");
    assert_eq!(r.over_budget, 1);
    assert_eq!(sandbox.stats().requests_to("POST", "/v2/sims/autoTopup"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_settled_by_the_quota_and_the_budget_holds() {
    let LowFleet {
        sandbox,
        low,
        policy,
        before,
        ..
    } = low_fleet(20, 5, "[budget]\nmax_actions = 3", "").await;
    // A client that gives up on an answer after a short while.
    let client = sandbox
        .client_builder()
        .attempt_timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let ledger = Arc::new(Ledger::open(&sqlite_url("faults")).await.unwrap());
    let engine = Engine::new(Arc::clone(&ledger), client.clone(), policy)
        .mode(Mode::Apply)
        .settle_after(Duration::ZERO);
    // The first top-up is applied but its answer lost; the second answers
    // 503 (not applied); the third is applied and answers 500.
    for f in [
        Fault::apply_then_drop(),
        Fault::status(503),
        Fault::apply_then_status(500),
    ] {
        sandbox.inject(f.method("POST").path("/v2/sims/*/topup"));
    }
    let first = engine.run().await.unwrap();
    assert_eq!(statuses(&first), [Status::Unknown; 3]);
    assert_eq!(
        first.over_budget, 2,
        "the budget of 3 is held by the unknown outcomes"
    );
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 3);
    assert_eq!(sandbox.stats().top_ups_applied, 2);

    // The next pass reads the quotas: two applied, one not; its budget is
    // given back and spent on the SIM first in line (that one), whose new
    // top-up times out: the sandbox drops it when the client gives up.
    sandbox.inject(
        Fault::delay(Duration::from_secs(10))
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let second = engine.run().await.unwrap();
    assert_eq!(
        statuses(&second),
        [
            Status::ConfirmedApplied,
            Status::NotApplied,
            Status::ConfirmedApplied,
            Status::Unknown
        ]
    );
    assert_eq!(second.decided.len(), 1);
    assert_eq!(second.decided[0].iccid, low[1].as_str());
    assert_eq!(second.over_budget, 2);
    // The third settles the timeout (not applied) and buys it anew.
    let third = engine.run().await.unwrap();
    assert_eq!(statuses(&third), [Status::NotApplied, Status::Applied]);
    assert_eq!(third.over_budget, 2);
    let fourth = engine.run().await.unwrap();
    assert!(
        fourth.ended.is_empty() && fourth.decided.is_empty(),
        "{fourth:?}"
    );
    assert_eq!(fourth.over_budget, 2);

    assert_eq!(sandbox.stats().top_ups_applied, 3, "exactly the budget");
    // Sent: 5; the sandbox records the 4 it answered (the timed-out one was
    // dropped with its connection).
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 4);
    let bought: BTreeMap<String, f64> = low[..3].iter().map(|i| (i.to_string(), 1.0)).collect();
    assert_eq!(top_ups_since(&client, &before).await, bought);
    let spend = ledger.policy_spend_now().await.unwrap();
    assert_eq!(
        spend.iter().find(|s| s.scope == "*").map(|s| s.actions),
        Some(3)
    );
    let log: Vec<(String, Status)> = ledger
        .policy_log(None)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.iccid, d.status))
        .collect();
    assert_eq!(
        log,
        [
            (low[0].to_string(), Status::ConfirmedApplied),
            (low[1].to_string(), Status::NotApplied),
            (low[2].to_string(), Status::ConfirmedApplied),
            (low[1].to_string(), Status::NotApplied),
            (low[1].to_string(), Status::Applied),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approved_decisions_past_the_budget_are_not_bought() {
    // 10 a top-up; 25 a month overall: room for two.
    let LowFleet {
        sandbox,
        client,
        low,
        policy,
        before,
    } = low_fleet(
        12,
        5,
        "[budget]\nmax_amount = 25.0",
        "price = 10.0\nbudget = { max_actions = 3 }",
    )
    .await;
    let ledger = Arc::new(Ledger::open(&sqlite_url("approved")).await.unwrap());
    let engine = Engine::new(Arc::clone(&ledger), client.clone(), policy).mode(Mode::Approval);
    // Five decisions wait (nothing is spent yet), and all are approved.
    assert_eq!(engine.run().await.unwrap().decided.len(), 5);
    let metrics = ledger.policy_metrics(engine.policy()).await.unwrap();
    assert!(
        metrics.contains("once_policy_decisions{status=\"pending\"} 5\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("once_policy_spent_actions{scope=\"*\"} 0\n"),
        "{metrics}"
    );
    assert_eq!(ledger.policy_approve(None, "finance").await.unwrap(), 5);
    let acted = engine.run().await.unwrap();
    assert_eq!(
        statuses(&acted),
        [
            Status::Applied,
            Status::Applied,
            Status::OverBudget,
            Status::OverBudget,
            Status::OverBudget
        ]
    );
    let bought: BTreeMap<String, f64> = low[..2].iter().map(|i| (i.to_string(), 1.0)).collect();
    assert_eq!(top_ups_since(&client, &before).await, bought);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 2);
    let spend = ledger.policy_spend_now().await.unwrap();
    let got: Vec<(&str, i64, f64)> = spend
        .iter()
        .map(|s| (s.scope.as_str(), s.actions, s.amount))
        .collect();
    assert_eq!(got, [("*", 2, 20.0), ("group:all", 2, 20.0)]);
    // The metrics: spend against the budget, decisions by status.
    let metrics = ledger.policy_metrics(engine.policy()).await.unwrap();
    for line in [
        "once_policy_budget_actions{scope=\"group:all\"} 3",
        "once_policy_spent_actions{scope=\"*\"} 2",
        "once_policy_spent_actions{scope=\"group:all\"} 2",
        "once_policy_budget_amount{scope=\"*\"} 25",
        "once_policy_spent_amount{scope=\"*\"} 20",
        "once_policy_spent_amount{scope=\"group:all\"} 20",
        "once_policy_decisions{status=\"applied\"} 2",
        "once_policy_decisions{status=\"over_budget\"} 3",
        "once_policy_decisions{status=\"pending\"} 0",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in:\n{metrics}");
    }
    assert!(
        !metrics.contains("once_policy_budget_actions{scope=\"*\"}"),
        "no limit, no sample"
    );
    if let Some(promtool) = promtool() {
        let check = std::process::Command::new(promtool)
            .args(["check", "metrics"])
            .stdin(std::process::Stdio::piped())
            .output_with_stdin(metrics.as_bytes());
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// promtool, or `None` (skipped) unless ONCE_REQUIRE_PROMETHEUS=1.
fn promtool() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("promtool"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("ONCE_REQUIRE_PROMETHEUS").as_deref() != Ok("1"),
            "ONCE_REQUIRE_PROMETHEUS=1 but promtool is not on PATH"
        );
        eprintln!("SKIPPED: promtool is not installed");
    }
    found
}

trait WithStdin {
    fn output_with_stdin(&mut self, input: &[u8]) -> std::process::Output;
}

impl WithStdin for std::process::Command {
    fn output_with_stdin(&mut self, input: &[u8]) -> std::process::Output {
        use std::io::Write;
        let mut child = self
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    }
}

#[test]
fn the_alert_rules_pass_their_promtool_tests() {
    let Some(promtool) = promtool() else { return };
    let out = std::process::Command::new(promtool)
        .args(["test", "rules", "once-ledger-policy.rules.test.yml"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/prometheus"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_on_one_postgresql_buy_each_top_up_once_within_the_budget() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("replicas").await;
    let LowFleet {
        sandbox,
        client,
        low,
        policy,
        before,
        ..
    } = low_fleet(20, 5, "[budget]\nmax_actions = 3", "").await;
    let replica = |name: &str, ledger: Ledger| {
        Engine::new(Arc::new(ledger), client.clone(), policy.clone())
            .mode(Mode::Apply)
            .holder(name)
    };
    let a = Arc::new(replica("a", Ledger::open(&url).await.unwrap()));
    let b = Arc::new(replica("b", Ledger::open(&url).await.unwrap()));
    // Replica a is in the middle of its first top-up (the sandbox took the
    // fault: the request arrived and waits) when b starts.
    sandbox.inject(
        Fault::delay(Duration::from_secs(1))
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let running = tokio::spawn({
        let a = Arc::clone(&a);
        async move { a.run().await.unwrap() }
    });
    wait_for("a's first top-up", || sandbox.pending_faults().is_empty()).await;
    let refused = b.run().await.unwrap();
    if !running.is_finished() {
        assert!(
            !refused.lease_held,
            "b must not act while a holds the lease"
        );
    }
    assert!(
        refused.decided.is_empty() && refused.ended.is_empty(),
        "{refused:?}"
    );
    let done = running.await.unwrap();
    assert!(done.lease_held);
    assert_eq!(statuses(&done), [Status::Applied; 3]);
    assert_eq!(done.over_budget, 2);
    // Now both at once, a few times: nothing more is bought.
    for _ in 0..3 {
        let (x, y) = tokio::join!(a.run(), b.run());
        for r in [x.unwrap(), y.unwrap()] {
            assert!(r.decided.is_empty() && r.ended.is_empty(), "{r:?}");
        }
    }
    assert_eq!(sandbox.stats().top_ups_applied, 3);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 3);
    let bought: BTreeMap<String, f64> = low[..3].iter().map(|i| (i.to_string(), 1.0)).collect();
    assert_eq!(top_ups_since(&client, &before).await, bought);
    // What the database holds, read apart from the ledger.
    let db = pg.client("replicas").await;
    let row = db
        .query_one("SELECT actions FROM policy_budget WHERE scope = '*'", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, i64>(0), 3);
    let row = db
        .query_one(
            "SELECT count(*), count(DISTINCT iccid) FROM policy_decisions WHERE status = 'applied'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (3, 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_call_is_settled_by_the_next_not_sent_again() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("killed").await;
    let LowFleet {
        sandbox,
        client,
        low,
        policy,
        before,
        ..
    } = low_fleet(10, 2, "", "").await;
    let replica = |name: &str, ledger: Ledger, lease| {
        Engine::new(Arc::new(ledger), client.clone(), policy.clone())
            .mode(Mode::Apply)
            .holder(name)
            .lease(lease)
            .settle_after(Duration::ZERO)
    };
    let a = replica(
        "a",
        Ledger::open(&url).await.unwrap(),
        Duration::from_secs(1),
    );
    sandbox.inject(
        Fault::delay(Duration::from_secs(1))
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let running = tokio::spawn(async move { a.run().await });
    wait_for("a's first top-up to arrive", || {
        sandbox.pending_faults().is_empty()
    })
    .await;
    // a dies while its top-up is on the way: its intent has no outcome and
    // its lease is not given back.
    running.abort();
    assert!(running.await.unwrap_err().is_cancelled());

    let b = replica(
        "b",
        Ledger::open(&url).await.unwrap(),
        Duration::from_secs(60),
    );
    let mut report = b.run().await.unwrap();
    for _ in 0..300 {
        if report.lease_held {
            break;
        }
        assert!(report.decided.is_empty() && report.ended.is_empty());
        tokio::time::sleep(Duration::from_millis(20)).await;
        report = b.run().await.unwrap();
    }
    assert!(report.lease_held, "a's lease ran out");
    assert_settled_once(&sandbox, &client, &low, &before, b_log(&url).await).await;
    assert_eq!(statuses(&report).last(), Some(&Status::Applied));
}

/// After replica a died in the middle of the top-up of `low[0]`, and b
/// took over: whether the sandbox finished a's top-up or dropped it with
/// the connection, b found out from the quota, and each SIM of `low` is
/// topped up once.
async fn assert_settled_once(
    sandbox: &Sandbox,
    client: &Client,
    low: &[Iccid],
    before: &BTreeMap<String, f64>,
    log: Vec<(String, Status, Option<String>)>,
) {
    let bought: BTreeMap<String, f64> = low.iter().map(|i| (i.to_string(), 1.0)).collect();
    assert_eq!(top_ups_since(client, before).await, bought);
    assert_eq!(sandbox.stats().top_ups_applied, 2);
    let (first, second) = (low[0].to_string(), low[1].to_string());
    let a_applied = (
        first.clone(),
        Status::ConfirmedApplied,
        Some("a".to_string()),
    );
    let a_not = (first.clone(), Status::NotApplied, Some("a".to_string()));
    let by_b = |iccid: &String| (iccid.clone(), Status::Applied, Some("b".to_string()));
    if log[0] == a_applied {
        assert_eq!(log, [a_applied, by_b(&second)]);
    } else {
        assert_eq!(log, [a_not, by_b(&first), by_b(&second)]);
    }
}

async fn b_log(url: &str) -> Vec<(String, Status, Option<String>)> {
    Ledger::open(url)
        .await
        .unwrap()
        .policy_log(None)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.iccid, d.status, d.holder))
        .collect()
}

/// `once-ledger` on the ledger `db`, its API the sandbox.
fn ledger_command(sandbox: &Sandbox, db: &str) -> tokio::process::Command {
    let creds = sandbox.credentials();
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-ledger"));
    cmd.env("ONCE_LEDGER_DB", db)
        .env("ONCE_CLIENT_ID", creds.client_id())
        .env("ONCE_CLIENT_SECRET", creds.expose_secret())
        .env("ONCE_BASE_URL", sandbox.base_url())
        .env("USER", "tester")
        .kill_on_drop(true);
    cmd
}

/// `once-ledger policy ...` against the sandbox, as a process.
async fn cli(sandbox: &Sandbox, db: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = ledger_command(sandbox, db)
        .arg("policy")
        .args(args)
        .output()
        .await
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_runs_dry_then_waits_for_approval_and_logs_why() {
    let LowFleet { sandbox, low, .. } = low_fleet(6, 1, "[budget]\nmax_actions = 5", "").await;
    let db = sqlite_url("cli");
    let dir = std::path::PathBuf::from(db.trim_start_matches("sqlite:"));
    let file = dir.with_file_name("policy.toml");
    let iccid = low[0].to_string();

    std::fs::write(
        &file,
        "[[group]]\nname = \"x\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = -1 }\n",
    )
    .unwrap();
    let policy = file.display().to_string();
    let (code, _, err) = cli(&sandbox, &db, &["run", "--policy", &policy]).await;
    assert_eq!(code, Some(2));
    assert!(
        err.contains("policy.toml: line 5: group \"x\": when.sms_below must be a number above 0"),
        "{err}"
    );

    std::fs::write(&file, "[budget]\nmax_actions = 5\n[[group]]\nname = \"all\"\nall = true\naction = \"top-up\"\nwhen = { data_below_mb = 20 }\n").unwrap();
    let (code, out, err) = cli(&sandbox, &db, &["run", "--policy", &policy]).await;
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("dry run"), "{out}");
    assert!(
        out.contains(&format!(
            "  {iccid} would top-up (all): data 5.0 MB left, below 20 MB"
        )),
        "{out}"
    );
    assert_eq!(out.matches(" would ").count(), 1, "{out}");

    let (code, out, _) = cli(&sandbox, &db, &["run", "--policy", &policy, "--approval"]).await;
    assert_eq!(code, Some(0));
    assert!(
        out.contains(&format!("  #1 {iccid} decided: top-up (all)")),
        "{out}"
    );
    assert_eq!(
        sandbox.stats().requests_to("POST", TOP_UP),
        0,
        "nothing before approval"
    );
    let (code, out, _) = cli(&sandbox, &db, &["approve", "1", "--by", "finance"]).await;
    assert_eq!((code, out.trim()), (Some(0), "1 decisions approved"));
    let metrics_file = file.with_file_name("policy.prom");
    let metrics_arg = metrics_file.display().to_string();
    let (code, out, _) = cli(
        &sandbox,
        &db,
        &[
            "run",
            "--policy",
            &policy,
            "--approval",
            "--metrics-file",
            &metrics_arg,
        ],
    )
    .await;
    assert_eq!(code, Some(0));
    assert!(out.contains("  #1 ended: applied"), "{out}");
    let written = std::fs::read_to_string(&metrics_file).unwrap();
    assert!(
        written.contains("once_policy_decisions{status=\"applied\"} 1\n"),
        "{written}"
    );
    let (_, printed, _) = cli(&sandbox, &db, &["metrics", "--policy", &policy]).await;
    assert!(
        printed.contains("once_policy_spent_actions{scope=\"*\"} 1\n"),
        "{printed}"
    );
    assert!(
        printed.contains("once_policy_budget_actions{scope=\"*\"} 5\n"),
        "{printed}"
    );
    assert_eq!(sandbox.stats().top_ups_applied, 1);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 1);

    let (code, out, _) = cli(&sandbox, &db, &["log"]).await;
    assert_eq!(code, Some(0));
    for line in [
        format!("{iccid} top-up all: applied"),
        "    why:      data 5.0 MB left, below 20 MB".to_string(),
        " by finance".to_string(),
        "\"rule\":\"group \\\"all\\\" (line 3): top-up when data_below_mb = 20\"".to_string(),
        "    outcome:  ".to_string(),
    ] {
        assert!(out.contains(&line), "{line:?} in:\n{out}");
    }
    let (_, json, _) = cli(&sandbox, &db, &["log", "--json"]).await;
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["status"], json!("applied"));
    assert_eq!(rows[0]["approved_by"], json!("finance"));
    let (_, out, _) = cli(&sandbox, &db, &["spend", "--policy", &policy]).await;
    assert!(
        out.contains("  *                            1 actions"),
        "{out}"
    );
    assert!(
        out.contains("(budget: 5 actions, no limit amount)"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_killed_with_sigkill_mid_top_up_is_settled_not_sent_again() {
    let LowFleet {
        sandbox,
        client,
        low,
        before,
        ..
    } = low_fleet(10, 2, "", "").await;
    let db = sqlite_url("sigkill");
    let file =
        std::path::PathBuf::from(db.trim_start_matches("sqlite:")).with_file_name("policy.toml");
    std::fs::write(&file, "[[group]]\nname = \"all\"\nall = true\naction = \"top-up\"\nwhen = { data_below_mb = 20 }\n").unwrap();
    let policy = file.display().to_string();
    sandbox.inject(
        Fault::delay(Duration::from_secs(2))
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let mut service = ledger_command(&sandbox, &db)
        .args([
            "policy", "run", "--apply", "--policy", &policy, "--holder", "a",
        ])
        .args(["--lease", "1s", "--every", "1h"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for("its first top-up to arrive", || {
        sandbox.pending_faults().is_empty()
    })
    .await;
    service.start_kill().unwrap(); // SIGKILL
    service.wait().await.unwrap();

    let b = [
        "run",
        "--apply",
        "--policy",
        &policy,
        "--holder",
        "b",
        "--settle-after",
        "0s",
    ];
    let mut out = cli(&sandbox, &db, &b).await;
    for _ in 0..300 {
        if !out.1.contains("another replica holds the lease") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        out = cli(&sandbox, &db, &b).await;
    }
    assert_eq!(out.0, Some(0), "{out:?}");
    assert!(
        !out.1.contains("another replica holds the lease"),
        "a's lease ran out: {out:?}"
    );
    let (_, json, _) = cli(&sandbox, &db, &["log", "--json"]).await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let log = rows
        .iter()
        .map(|r| {
            let status = serde_json::from_value::<String>(r["status"].clone()).unwrap();
            (
                r["iccid"].as_str().unwrap().to_string(),
                match status.as_str() {
                    "confirmed_applied" => Status::ConfirmedApplied,
                    "not_applied" => Status::NotApplied,
                    "applied" => Status::Applied,
                    other => panic!("{other}"),
                },
                r["holder"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_settled_once(&sandbox, &client, &low, &before, log).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_runs_the_policy_beside_the_receiver() {
    let LowFleet { sandbox, low, .. } = low_fleet(6, 1, "", "").await;
    let db = sqlite_url("serve");
    let file =
        std::path::PathBuf::from(db.trim_start_matches("sqlite:")).with_file_name("policy.toml");
    let policy = file.display().to_string();
    let serve = |extra: &[&str]| {
        let mut cmd = ledger_command(&sandbox, &db);
        cmd.args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--username",
            "1nce",
            "--every",
            "1m",
        ])
        .args(["--policy", &policy])
        .args(extra)
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
        cmd
    };
    std::fs::write(
        &file,
        "[[group]]\nname = \"a\"\nlabel = \"\"\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
    )
    .unwrap();
    let bad = serve(&[]).output().await.unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("line 3: group \"a\": label must not be empty"),
        "{err}"
    );

    std::fs::write(&file, "[[group]]\nname = \"all\"\nall = true\naction = \"top-up\"\nwhen = { data_below_mb = 20 }\n").unwrap();
    let mut service = serve(&["--policy-apply"]).spawn().unwrap();
    wait_for("the policy's first pass", || {
        assert!(service.try_wait().unwrap().is_none(), "serve ended");
        sandbox.stats().top_ups_applied == 1
    })
    .await;
    let pid = service.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    assert!(service.wait().await.unwrap().success());
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 1);
    let log = Ledger::open(&db)
        .await
        .unwrap()
        .policy_log(None)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].iccid.as_str(), log[0].status),
        (low[0].as_str(), Status::Applied)
    );
}
