//! quota-watchdog against a fresh sandbox: exactly the SIMs made low are
//! topped up, once; a lost answer, a failed top-up and a crash in the middle
//! of a run never lead to a second top-up of a SIM. The crash is the binary
//! itself killed with SIGKILL at each step of a top-up. What the runs wrote
//! is read from their ledger file through once-ledger's API.

use common::testing::{command, run, sandbox, scratch_dir};
use futures::TryStreamExt;
use once_sandbox::{Fault, Sandbox};
use once_sdk::{Iccid, Sim, SimStatus};

const BIN: &str = env!("CARGO_BIN_EXE_quota-watchdog");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TOP_UP: &str = "/v2/sims/{iccid}/topup";
const LEDGER: &str = "wd.db";
const APPLY: &[&str] = &["--ledger", LEDGER, "--apply"];

/// A sandbox of `n` SIMs where exactly the returned `k` enabled SIMs are
/// below the default thresholds (50 MB, 25 SMS): every SIM the seed made
/// low is topped up first, then `k` are drained (data or SMS, in turn).
async fn fleet_with_low_sims(n: usize, k: usize) -> (Sandbox, Vec<Iccid>) {
    let sandbox = sandbox(n).await;
    let client = sandbox.client().expect("client");
    let sims: Vec<Sim> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .expect("SIMs");
    for sim in &sims {
        let data = client
            .sims()
            .data_quota(&sim.iccid)
            .await
            .expect("data quota");
        let sms = client
            .sims()
            .sms_quota(&sim.iccid)
            .await
            .expect("SMS quota");
        if data.volume.unwrap_or(0.0) < 50.0 || sms.volume.unwrap_or(0.0) < 25.0 {
            client
                .sims()
                .top_up(&sim.iccid)
                .send()
                .await
                .expect("top-up");
        }
    }
    let low: Vec<Iccid> = sims
        .iter()
        .filter(|s| s.status == Some(SimStatus::Enabled))
        .map(|s| s.iccid.clone())
        .take(k)
        .collect();
    assert_eq!(low.len(), k, "enough enabled SIMs");
    for (i, iccid) in low.iter().enumerate() {
        if i % 2 == 0 {
            let left = client
                .sims()
                .data_quota(iccid)
                .await
                .expect("data")
                .volume
                .expect("volume");
            sandbox.consume_data(iccid, left - 10.0).expect("known SIM");
        } else {
            let left = client
                .sims()
                .sms_quota(iccid)
                .await
                .expect("sms")
                .volume
                .expect("volume");
            sandbox
                .consume_sms(iccid, (left - 5.0) as u32)
                .expect("known SIM");
        }
    }
    sandbox.reset_stats();
    (sandbox, low)
}

/// The decisions in the runs' ledger file, oldest first, as
/// `(ICCID, status)`.
async fn decisions(dir: &std::path::Path) -> Vec<(String, String)> {
    let url = format!("sqlite:{}", dir.join(LEDGER).display());
    let ledger = once_ledger::Ledger::open(&url).await.expect("the ledger");
    ledger
        .policy_log(None)
        .await
        .expect("the log")
        .into_iter()
        .map(|d| (d.iccid, d.status.name().to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_then_exactly_k_top_ups_then_none() {
    let (sandbox, low) = fleet_with_low_sims(30, 3).await;
    let dir = scratch_dir(TMP, "watchdog-k");

    let out = run(BIN, Some(&sandbox), &dir, &["--ledger", LEDGER]).await;
    out.assert_success();
    assert!(out.stdout.contains("dry run"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches(": would top up").count(),
        3,
        "{}",
        out.stdout
    );
    for iccid in &low {
        assert!(
            out.stdout.contains(&format!("{iccid}  ")),
            "{iccid} listed:\n{}",
            out.stdout
        );
    }
    assert_eq!(sandbox.stats().top_ups_applied, 0);
    assert!(!dir.join(LEDGER).exists(), "a dry run creates no ledger");

    let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
    out.assert_success();
    assert_eq!(sandbox.stats().top_ups_applied, 3);
    assert_eq!(sandbox.stats().requests_to("POST", TOP_UP), 3);
    assert_eq!(
        out.stdout.matches(": topped up (order ").count(),
        3,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("topped up                   3"),
        "{}",
        out.stdout
    );
    let mut want: Vec<(String, String)> = low
        .iter()
        .map(|iccid| (iccid.to_string(), "applied".to_string()))
        .collect();
    want.sort();
    assert_eq!(decisions(&dir).await, want);

    let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
    out.assert_success();
    assert_eq!(
        sandbox.stats().top_ups_applied,
        3,
        "the second run tops up nothing"
    );
    assert!(
        out.stdout.contains("topped up                   0"),
        "{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_settled_by_the_quota_not_resent() {
    let (sandbox, low) = fleet_with_low_sims(20, 2).await;
    let dir = scratch_dir(TMP, "watchdog-lost-answer");
    // The first top-up is applied, but its answer never arrives.
    sandbox.inject(
        Fault::apply_then_drop()
            .method("POST")
            .path("/v2/sims/*/topup"),
    );

    let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
    out.assert_success();
    assert_eq!(sandbox.stats().top_ups_applied, 2);
    assert_eq!(
        sandbox.stats().requests_to("POST", TOP_UP),
        2,
        "nothing sent twice"
    );
    assert!(
        out.stdout.contains(&format!("{}  ", low[0])),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("outcome unknown"), "{}", out.stdout);
    assert!(
        out.stdout.contains("re-checked the quota: it was applied"),
        "{}",
        out.stdout
    );
    let statuses: Vec<String> = decisions(&dir).await.into_iter().map(|d| d.1).collect();
    assert_eq!(statuses, ["confirmed_applied", "applied"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_top_up_waits_for_the_next_run() {
    let (sandbox, low) = fleet_with_low_sims(20, 2).await;
    let dir = scratch_dir(TMP, "watchdog-503");
    // The first top-up fails with 503 and is not applied.
    sandbox.inject(Fault::status(503).method("POST").path("/v2/sims/*/topup"));

    let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
    out.assert_success();
    assert_eq!(sandbox.stats().top_ups_applied, 1);
    assert_eq!(
        sandbox.stats().requests_to("POST", TOP_UP),
        2,
        "the failed one is not retried"
    );
    assert!(
        out.stdout
            .contains("it was not applied (not re-sent in this run)"),
        "{}",
        out.stdout
    );

    let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
    out.assert_success();
    assert_eq!(
        sandbox.stats().top_ups_applied,
        2,
        "the next run tops it up"
    );
    assert!(
        out.stdout.contains(&format!("{}  ", low[0])),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("topped up                   1"),
        "{}",
        out.stdout
    );
}

/// A run killed in its first top-up leaves an intent without outcome: the
/// next start settles it by reading the quota (applied: not bought again;
/// not applied: decided afresh), then tops up the rest, each SIM once.
#[tokio::test(flavor = "multi_thread")]
async fn a_crashed_run_is_settled_by_the_quota_without_sending_twice() {
    for (step, went_up, posted_after) in [
        ("after-call", "the quota went up: it was applied", 2),
        (
            "after-intent",
            "the quota did not go up: it was not applied",
            3,
        ),
    ] {
        let (sandbox, mut low) = fleet_with_low_sims(20, 3).await;
        // The engine acts in ICCID order: A is the first top-up.
        low.sort_by(|x, y| x.as_str().cmp(y.as_str()));
        let a = &low[0];
        let dir = scratch_dir(TMP, &format!("watchdog-crash-{step}"));
        killed_at(&sandbox, &dir, step, 1).await;
        sandbox.reset_stats();

        let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
        out.assert_success();
        assert!(
            out.stdout.contains(&format!(
                "{a}  top-up of an earlier run had an unknown outcome; re-checked: {went_up}"
            )),
            "killed at {step}:\n{}",
            out.stdout
        );
        let posted: Vec<String> = sandbox
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.template.as_deref() == Some(TOP_UP))
            .map(|r| r.path.clone())
            .collect();
        let want: Vec<String> = low[3 - posted_after..]
            .iter()
            .map(|iccid| format!("/v2/sims/{iccid}/topup"))
            .collect();
        assert_eq!(posted, want, "killed at {step}");

        let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
        out.assert_success();
        assert_eq!(
            sandbox.stats().top_ups_applied,
            posted_after as u64,
            "killed at {step}: nothing left to do\n{}",
            out.stdout
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_uses_the_sandbox() {
    let dir = scratch_dir(TMP, "watchdog-no-creds");
    let out = run(BIN, None, &dir, &["--sandbox-sims", "5"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("local 1NCE sandbox"), "{}", out.stderr);
    assert!(out.stdout.contains("dry run"), "{}", out.stdout);
    assert!(
        out.stdout.contains("quota-watchdog.sandbox.db"),
        "{}",
        out.stdout
    );
}

/// Runs quota-watchdog `--apply` until it pauses at `step` of its `nth`
/// top-up (the `QUOTA_WATCHDOG_PAUSE_AT` hook), then kills it with SIGKILL.
async fn killed_at(sandbox: &Sandbox, dir: &std::path::Path, step: &str, nth: usize) {
    let mut cmd = command(BIN, Some(sandbox), dir, APPLY);
    cmd.env("QUOTA_WATCHDOG_PAUSE_AT", format!("{step}:{nth}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let marker = format!("quota-watchdog: paused at {step} of top-up {nth}");
    // The sandbox serves from this runtime: read the child elsewhere.
    let (status, printed) = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut child = cmd.spawn().expect("quota-watchdog starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut printed = String::new();
        // Until the marker; EOF (it exited without pausing) ends it too.
        for line in std::io::BufReader::new(stdout).lines() {
            let line = line.expect("stdout is text");
            printed.push_str(&line);
            printed.push('\n');
            if line == marker {
                child.kill().expect("SIGKILL");
                break;
            }
        }
        (child.wait().expect("the child is reaped"), printed)
    })
    .await
    .expect("the reader thread");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(9),
        "killed by SIGKILL at {step}: {status:?}\n{printed}"
    );
}

/// Top-ups that reached the sandbox, per SIM.
fn top_ups_per_sim(sandbox: &Sandbox) -> std::collections::BTreeMap<String, usize> {
    let mut per_sim = std::collections::BTreeMap::new();
    for r in sandbox.requests() {
        if r.method == "POST" && r.template.as_deref() == Some(TOP_UP) && r.status == Some(201) {
            *per_sim.entry(r.path.clone()).or_insert(0) += 1;
        }
    }
    per_sim
}

/// The binary itself is killed (SIGKILL) at each step of its 2nd top-up:
/// before its intent is on disk, after it, after the top-up call returned,
/// after its outcome is on disk. What follows is read from the sandbox's
/// counters: the killed run bought exactly what it got to, and the runs after
/// it (the one that resumes the killed run, and a fresh one) leave every low
/// SIM topped up exactly once; a further run buys nothing.
#[tokio::test(flavor = "multi_thread")]
async fn killed_at_each_step_of_a_top_up_buys_nothing_twice_and_misses_nothing() {
    for (step, bought_before_the_kill) in [
        ("before-intent", 1),
        ("after-intent", 1),
        ("after-call", 2),
        ("after-outcome", 2),
    ] {
        let (sandbox, low) = fleet_with_low_sims(20, 3).await;
        let dir = scratch_dir(TMP, &format!("watchdog-kill-{step}"));
        killed_at(&sandbox, &dir, step, 2).await;
        assert_eq!(
            sandbox.stats().top_ups_applied,
            bought_before_the_kill,
            "killed at {step}"
        );

        for _ in 0..2 {
            run(BIN, Some(&sandbox), &dir, APPLY).await.assert_success();
        }
        let want: std::collections::BTreeMap<String, usize> = low
            .iter()
            .map(|iccid| (format!("/v2/sims/{iccid}/topup"), 1))
            .collect();
        assert_eq!(top_ups_per_sim(&sandbox), want, "killed at {step}");
        assert_eq!(sandbox.stats().top_ups_applied, 3, "killed at {step}");

        let out = run(BIN, Some(&sandbox), &dir, APPLY).await;
        out.assert_success();
        assert_eq!(
            sandbox.stats().top_ups_applied,
            3,
            "killed at {step}: nothing left to buy\n{}",
            out.stdout
        );
        // Every decision ended: none is left open (intent, unknown).
        for (iccid, status) in decisions(&dir).await {
            assert!(
                ["applied", "confirmed_applied", "not_applied"].contains(&status.as_str()),
                "killed at {step}: {iccid} {status}"
            );
        }
    }
}
