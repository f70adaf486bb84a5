//! `once usage`: answers from a fleet ledger written by once-ledger.

use std::process::Command;

use once_ledger::{Ingest, Ledger};
use serde_json::{json, Value};

fn usage(id: u64, iccid: &str, end: &str, total: f64, country: &str) -> Value {
    json!({"id": id, "traffic_type": {"id": 5}, "end_timestamp": end,
           "volume": {"total": total, "rx": total, "tx": 0.0},
           "sim": {"iccid": iccid}, "operator": {"name": "Telekom", "country": {"name": country}}})
}

fn once(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_once"))
        .args(args)
        .env_remove("ONCE_LEDGER_DB")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn usage_reads_the_ledger_by_group_and_granularity() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("fleet.db").display());
    let ledger = Ledger::open(&db).await.unwrap();
    let body = serde_json::to_vec(&json!([
        usage(
            1,
            "8988280666000000017",
            "2026-11-30T10:00:00Z",
            1.0,
            "Germany"
        ),
        usage(
            2,
            "8988280666000000017",
            "2026-12-01T10:00:00Z",
            2.0,
            "Germany"
        ),
        usage(
            3,
            "8988280666000000018",
            "2026-12-01T11:00:00Z",
            4.0,
            "Austria"
        ),
    ]))
    .unwrap();
    let b = once_sdk::streamer::decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    drop(ledger);

    let period = ["--from", "2026-11-01", "--to", "2027-01-01"];
    let mut args = vec![
        "usage",
        "--db",
        &db,
        "-o",
        "json",
        "--group",
        "country",
        "--granularity",
        "month",
    ];
    args.extend(period);
    let (code, out, err) = once(&args);
    assert_eq!(code, 0, "{err}");
    let got: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        got,
        json!([
            {"from": "2026-11-01T00:00:00Z", "country": "Germany", "total": 1.0, "rx": 1.0, "tx": 0.0, "records": 1},
            {"from": "2026-12-01T00:00:00Z", "country": "Austria", "total": 4.0, "rx": 4.0, "tx": 0.0, "records": 1},
            {"from": "2026-12-01T00:00:00Z", "country": "Germany", "total": 2.0, "rx": 2.0, "tx": 0.0, "records": 1},
        ])
    );
    let mut args = vec![
        "usage", "--db", &db, "-o", "csv", "--group", "sim", "--top", "1",
    ];
    args.extend(period);
    let (code, out, _) = once(&args);
    assert_eq!(code, 0);
    // CSV columns are sorted by name, as every list of the CLI.
    assert_eq!(
        out,
        "iccid,records,rx,total,tx\n8988280666000000018,1,4.0,4.0,0.0\n"
    );
    // Bad input is refused before the database is opened.
    let (code, _, err) = once(&["usage", "--db", &db, "--from", "last tuesday"]);
    assert_eq!(code, 2);
    assert!(err.contains("--from"), "{err}");
    let (code, _, err) = once(&[
        "usage",
        "--db",
        &db,
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-01",
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = once(&["usage"]);
    assert_eq!(code, 2);
    assert!(err.contains("ONCE_LEDGER_DB"), "{err}");
}

#[tokio::test]
async fn events_reads_the_ledger_with_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("fleet.db").display());
    let ledger = Ledger::open(&db).await.unwrap();
    let body = serde_json::to_vec(&json!([
        {"id": 1, "timestamp": "2026-12-01T10:00:00Z", "event_type": {"id": 3, "description": "Create PDP Context"},
         "event_severity": {"id": 0, "description": "INFO"}, "sim": {"iccid": "8988280666000000017"}},
        {"id": 2, "timestamp": "2026-12-01T11:00:00Z", "event_type": {"id": 19, "description": "Data quota used up"},
         "event_severity": {"id": 4, "description": "CRITICAL"}, "sim": {"iccid": "8988280666000000017"}}
    ]))
    .unwrap();
    let b = once_sdk::streamer::decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    drop(ledger);
    let period = ["--from", "2026-12-01", "--to", "2026-12-02"];
    let mut args = vec![
        "events",
        "--db",
        &db,
        "-o",
        "jsonl",
        "--min-severity",
        "warning",
    ];
    args.extend(period);
    let (code, out, err) = once(&args);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "2");
    assert_eq!(lines[0]["severity"], "CRITICAL");
    assert_eq!(lines[0]["event_type_description"], "Data quota used up");
    let mut args = vec!["events", "--db", &db, "-o", "jsonl", "--type", "3"];
    args.extend(period);
    let (code, out, _) = once(&args);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("\"severity\":\"INFO\""), "{out}");
    let (code, _, err) = once(&["events", "--db", &db, "--iccid", "123"]);
    assert_eq!(code, 2);
    assert!(err.contains("--iccid"), "{err}");
}

/// `once policy`: the decisions the top-up policy made in approval mode are
/// listed with their reasons, approved and rejected by the CLI, and the
/// next pass acts on the approved one only (the sandbox's counter).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_decisions_are_logged_approved_and_rejected_from_the_cli() {
    use once_ledger::policy::{Engine, Mode, Policy, Status};
    use std::sync::Arc;

    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("fleet.db").display());
    let sandbox = once_sandbox::Sandbox::builder()
        .sims(8)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    use futures::TryStreamExt;
    let sims: Vec<once_sdk::Sim> = client.sims().list().stream().try_collect().await.unwrap();
    let low: Vec<once_sdk::Iccid> = sims
        .into_iter()
        .filter(|s| s.status == Some(once_sdk::SimStatus::Enabled))
        .map(|s| s.iccid)
        .take(2)
        .collect();
    assert_eq!(low.len(), 2, "enough enabled SIMs");
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
    let file = dir.path().join("policy.toml");
    std::fs::write(
        &file,
        format!(
            "[budget]\nmax_actions = 5\n\n[[group]]\nname = \"pumps\"\niccids = [{}]\n\
             action = \"top-up\"\nprice = 10.0\nwhen = {{ data_below_mb = 50 }}\n",
            listed.join(", ")
        ),
    )
    .unwrap();
    let ledger = Arc::new(Ledger::open(&db).await.unwrap());
    let policy = Policy::load(&file).unwrap();
    let engine = || Engine::new(Arc::clone(&ledger), client.clone(), policy.clone());
    let pending = engine().mode(Mode::Approval).run().await.unwrap();
    assert_eq!(pending.decided.len(), 2, "{pending:?}");
    let (a, b) = (pending.decided[0].id, pending.decided[1].id);

    let (code, out, err) = once(&["policy", "log", "--db", &db, "-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let log: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|d| d["status"] == "pending"), "{out}");
    assert!(
        log.iter()
            .all(|d| !d["reason"].as_str().unwrap().is_empty()),
        "{out}"
    );

    let (code, out, err) = once(&[
        "policy",
        "approve",
        &a.to_string(),
        "--by",
        "finance",
        "--db",
        &db,
        "-o",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["approved"], 1);
    let (code, _, err) = once(&["policy", "reject", &b.to_string(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    // Nothing named: refused before the database is opened.
    let (code, _, err) = once(&["policy", "approve", "--db", &db]);
    assert_eq!(code, 2, "{err}");

    // The next pass in approval mode acts on what was approved only.
    let applied = engine().mode(Mode::Approval).run().await.unwrap();
    assert_eq!(
        applied.ended.iter().map(|e| e.1).collect::<Vec<_>>(),
        [Status::Applied]
    );
    assert_eq!(sandbox.stats().top_ups_applied, 1);
    let (code, out, _) = once(&["policy", "log", "--db", &db, "-o", "json"]);
    assert_eq!(code, 0);
    let log: Vec<Value> = serde_json::from_str(&out).unwrap();
    let status = |id: i64| log.iter().find(|d| d["id"] == id).unwrap()["status"].clone();
    assert_eq!(
        (status(a), status(b)),
        (json!("applied"), json!("rejected"))
    );
    let approved_by = log.iter().find(|d| d["id"] == a).unwrap()["approved_by"].clone();
    assert_eq!(approved_by, "finance");
    let (code, out, _) = once(&["policy", "spend", "--db", &db, "-o", "json"]);
    assert_eq!(code, 0);
    let spend: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(
        spend.iter().any(|s| s["scope"] == "*" && s["actions"] == 1),
        "{out}"
    );
}
