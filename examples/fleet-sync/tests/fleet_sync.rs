//! fleet-sync against a fresh sandbox: the first pass fills the ledger, a
//! second stores nothing twice, a change at 1NCE shows up as exactly the
//! snapshot it made.

use common::testing::{run, sandbox, scratch_dir};
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_fleet-sync");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn count(db: &std::path::Path, table: &str) -> i64 {
    let conn = Connection::open(db).expect("database");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// The number on the line of stdout that starts with `label`.
fn printed(stdout: &str, label: &str) -> i64 {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(label)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("a `{label}` line in:\n{stdout}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_pass_stores_nothing_twice() {
    let sandbox = sandbox(25).await;
    let dir = scratch_dir(TMP, "fleet-sync-twice");
    let db = dir.join("mirror.db");
    let args = ["--db", "sqlite:mirror.db"];

    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    out.assert_success();
    assert_eq!(printed(&out.stdout, "sims"), 25);
    assert_eq!(printed(&out.stdout, "quota snapshots"), 50);
    let events = printed(&out.stdout, "events new");
    assert!(events >= 25, "every SIM has its activation event: {events}");
    assert_eq!(printed(&out.stdout, "events known"), 0);
    assert_eq!(count(&db, "sims"), 25);
    assert_eq!(count(&db, "quota_snapshots"), 50);
    assert_eq!(count(&db, "events"), events);
    assert!(
        out.stdout.contains("usage: none stored yet"),
        "{}",
        out.stdout
    );

    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    out.assert_success();
    assert_eq!(printed(&out.stdout, "quota snapshots"), 0);
    assert_eq!(printed(&out.stdout, "events new"), 0);
    assert_eq!(printed(&out.stdout, "events known"), events);
    assert_eq!(count(&db, "events"), events);

    // One SIM's device uses data: its data quota gets one new snapshot,
    // holding what 1NCE now says is left.
    let iccid = sandbox.iccids()[3].clone();
    sandbox.consume_data(&iccid, 0.25).expect("known SIM");
    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    out.assert_success();
    assert_eq!(printed(&out.stdout, "quota snapshots"), 1, "{}", out.stdout);
    assert_eq!(count(&db, "quota_snapshots"), 51);
    let conn = Connection::open(&db).expect("database");
    let left: f64 = conn
        .query_row(
            "SELECT volume FROM quota_snapshots WHERE iccid = ?1 AND service = 'data' \
             ORDER BY observed_at DESC LIMIT 1",
            [iccid.as_str()],
            |r| r.get(0),
        )
        .expect("data quota row");
    let now = sandbox
        .client()
        .expect("client")
        .sims()
        .data_quota(&iccid)
        .await
        .expect("quota");
    assert_eq!(Some(left), now.volume);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_uses_the_sandbox() {
    let dir = scratch_dir(TMP, "fleet-sync-no-creds");
    let out = run(BIN, None, &dir, &["--sandbox-sims", "5"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert_eq!(printed(&out.stdout, "sims"), 5);
    assert_eq!(count(&dir.join("fleet-sandbox.db"), "sims"), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_ledger_url_fails_before_any_call() {
    let sandbox = sandbox(3).await;
    let dir = scratch_dir(TMP, "fleet-sync-bad-db");
    let out = run(BIN, Some(&sandbox), &dir, &["--db", "mysql://x"]).await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("mysql://x"), "{}", out.stderr);
    let stats = sandbox.stats();
    assert_eq!(stats.token_requests, 0, "{stats:?}");
    assert!(stats.by_operation.is_empty(), "{stats:?}");
}
