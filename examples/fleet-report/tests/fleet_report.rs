//! fleet-report against a fresh sandbox: one CSV row per SIM, the filter
//! goes to 1NCE's `q`, and without credentials it says it uses the sandbox.

use common::testing::{run, sandbox, scratch_dir};

const BIN: &str = env!("CARGO_BIN_EXE_fleet-report");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

#[tokio::test(flavor = "multi_thread")]
async fn csv_has_one_row_per_sim() {
    let sandbox = sandbox(30).await;
    let dir = scratch_dir(TMP, "fleet-report-csv");
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--csv", "--output", "fleet.csv"],
    )
    .await;
    out.assert_success();
    assert!(
        out.stderr.contains("fleet-report: 30 SIMs"),
        "{}",
        out.stderr
    );

    let mut csv = csv::Reader::from_path(dir.join("fleet.csv")).expect("the CSV file");
    let headers = csv.headers().expect("a header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "iccid",
            "label",
            "status",
            "imei",
            "data_left_mb",
            "data_total_mb",
            "sms_left",
            "sms_total",
            "data_expiry",
            "sms_expiry",
            "data_used_mb",
            "sms_used",
            "error"
        ]
    );
    let rows: Vec<csv::StringRecord> = csv.records().collect::<Result<_, _>>().expect("CSV rows");
    assert_eq!(rows.len(), 30);
    let mut iccids: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
    let mut expected: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    iccids.sort();
    expected.sort();
    assert_eq!(iccids, expected);
    for row in &rows {
        assert_eq!(&row[12], "", "no errors expected: {row:?}");
        assert!(
            row[4].parse::<f64>().is_ok(),
            "data left is a number: {row:?}"
        );
        assert!(
            row[10].parse::<f64>().expect("data used") > 0.0,
            "the sandbox fleet used data last week: {row:?}"
        );
    }

    // Each SIM: two quotas and one usage query, all under the raised limits.
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"), 30);
    assert_eq!(stats.requests_to("GET", "/v1/sims/{iccid}/usage"), 30);
    assert_eq!(stats.rate_limited, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn filter_is_sent_as_q() {
    let sandbox = sandbox(25).await;
    let dir = scratch_dir(TMP, "fleet-report-filter");
    let client = sandbox.client().expect("client");
    let expected = client
        .sims()
        .list()
        .filter("imei:35")
        .page_size(100)
        .send()
        .await
        .expect("list")
        .len();
    assert!(
        expected > 0 && expected < 25,
        "the sandbox fleet has SIMs without an IMEI"
    );

    let out = run(BIN, Some(&sandbox), &dir, &["--csv", "--filter", "imei:35"]).await;
    out.assert_success();
    let lines = out.stdout.lines().count();
    assert_eq!(
        lines,
        expected + 1,
        "header plus one line per matching SIM:\n{}",
        out.stdout
    );
    assert!(sandbox.requests().iter().any(|r| r.path == "/v2/sims"
        && r.query
            .as_deref()
            .is_some_and(|q| q.contains("q=imei%3A35") || q.contains("q=imei:35"))));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_uses_the_sandbox() {
    let dir = scratch_dir(TMP, "fleet-report-no-creds");
    let out = run(BIN, None, &dir, &["--sandbox-sims", "5"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("local 1NCE sandbox"), "{}", out.stderr);
    assert!(out.stdout.starts_with("ICCID"), "{}", out.stdout);
    assert_eq!(
        out.stdout.lines().count(),
        6,
        "header and 5 SIMs:\n{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn one_failing_sim_does_not_stop_the_report() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "fleet-report-one-error");
    let broken = sandbox.iccids()[4].to_string();
    sandbox.inject(
        once_sandbox::Fault::status(404)
            .method("GET")
            .path(&format!("/v2/sims/{broken}/quota/data")),
    );
    let out = run(BIN, Some(&sandbox), &dir, &["--csv"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("20 SIMs") && out.stderr.contains("1 with errors"),
        "{}",
        out.stderr
    );
    let mut csv = csv::Reader::from_reader(out.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = csv.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), 20);
    let failed: Vec<_> = rows.iter().filter(|r| !r[12].is_empty()).collect();
    assert_eq!(failed.len(), 1, "{rows:?}");
    assert_eq!(&failed[0][0], broken);
    assert_eq!(&failed[0][4], "", "no data figure for the SIM that failed");
    assert!(failed[0][12].starts_with("data quota: "), "{:?}", failed[0]);
    assert_ne!(&failed[0][6], "", "its SMS quota is still there");
}
