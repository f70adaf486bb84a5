//! fleet-sync against a fresh sandbox: the first run fills the database, a
//! second run changes nothing and fetches no usage again, a change at 1NCE
//! shows up as exactly the rows it changed.

use common::testing::{run, sandbox, scratch_dir};
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_fleet-sync");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const USAGE: &str = "/v1/sims/{iccid}/usage";

fn counts(db: &std::path::Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).expect("database");
    ["sims", "quotas", "events", "daily_usage", "usage_synced"]
        .iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count");
            (t.to_string(), n)
        })
        .collect()
}

fn changed(stdout: &str, table: &str) -> i64 {
    stdout
        .lines()
        .find_map(|l| {
            let mut words = l.split_whitespace();
            (words.next() == Some(table)).then_some(())?;
            words.next()?.parse().ok()
        })
        .unwrap_or_else(|| panic!("a `{table}` line in:\n{stdout}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn second_run_changes_nothing() {
    let sandbox = sandbox(25).await;
    let dir = scratch_dir(TMP, "fleet-sync-twice");
    let db = dir.join("mirror.db");

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--db", "mirror.db", "--v1-usage"],
    )
    .await;
    out.assert_success();
    let first = counts(&db);
    assert_eq!(first[0], ("sims".to_string(), 25));
    assert_eq!(first[1], ("quotas".to_string(), 50));
    assert!(
        first[2].1 >= 25,
        "every SIM has at least its activation event: {first:?}"
    );
    assert!(
        first[3].1 >= 25 * 7,
        "the sandbox fleet used data on each of the last 7 days: {first:?}"
    );
    assert_eq!(first[4], ("usage_synced".to_string(), 25));
    assert_eq!(changed(&out.stdout, "sims"), 25);
    assert_eq!(
        changed(&out.stdout, "total"),
        first[..4].iter().map(|(_, n)| n).sum::<i64>()
    );
    assert_eq!(sandbox.stats().requests_to("GET", USAGE), 25);

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--db", "mirror.db", "--v1-usage"],
    )
    .await;
    out.assert_success();
    assert_eq!(counts(&db), first);
    assert_eq!(changed(&out.stdout, "total"), 0);
    assert!(out.stdout.contains("already up to date"), "{}", out.stdout);
    assert_eq!(
        sandbox.stats().requests_to("GET", USAGE),
        25,
        "no usage fetched for days already stored"
    );

    // The device of one SIM uses data: its data quota row changes, nothing else
    // (today's usage is stored once the day is over).
    let iccid = sandbox.iccids()[3].clone();
    sandbox.consume_data(&iccid, 0.25).expect("known SIM");
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--db", "mirror.db", "--v1-usage"],
    )
    .await;
    out.assert_success();
    assert_eq!(changed(&out.stdout, "quotas"), 1, "{}", out.stdout);
    assert_eq!(changed(&out.stdout, "sims"), 0);
    assert_eq!(changed(&out.stdout, "daily_usage"), 0);
    let conn = Connection::open(&db).expect("database");
    let left: f64 = conn
        .query_row(
            "SELECT volume FROM quotas WHERE iccid = ?1 AND service = 'data'",
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
    assert!(out.stderr.contains("local 1NCE sandbox"), "{}", out.stderr);
    assert!(
        out.stdout.contains("5 SIMs synced into fleet-sandbox.db"),
        "{}",
        out.stdout
    );
    assert_eq!(
        counts(&dir.join("fleet-sandbox.db"))[0],
        ("sims".to_string(), 5)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_v1_usage_no_usage_call_is_made() {
    let sandbox = sandbox(5).await;
    let dir = scratch_dir(TMP, "fleet-sync-no-v1-usage");
    let out = run(BIN, Some(&sandbox), &dir, &["--db", "mirror.db"]).await;
    out.assert_success();
    assert_eq!(sandbox.stats().requests_to("GET", USAGE), 0);
    let c = counts(&dir.join("mirror.db"));
    assert_eq!(c[0], ("sims".to_string(), 5));
    assert_eq!(c[3], ("daily_usage".to_string(), 0));
}
