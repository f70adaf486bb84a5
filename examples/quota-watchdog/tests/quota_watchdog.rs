//! quota-watchdog against a fresh sandbox: exactly the SIMs made low are
//! topped up, once; a lost answer, a failed top-up and a crash in the middle
//! of a run never lead to a second top-up of a SIM in the same run. The
//! crash is both a hand-written journal and the binary itself killed with
//! SIGKILL at each step of a top-up.

use common::testing::{command, run, sandbox, scratch_dir};
use futures::TryStreamExt;
use once_sandbox::{Fault, Sandbox};
use once_sdk::{Iccid, Sim, SimStatus};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_quota-watchdog");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const TOP_UP: &str = "/v2/sims/{iccid}/topup";

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

fn journal_lines(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("wd.journal")).expect("journal");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_then_exactly_k_top_ups_then_none() {
    let (sandbox, low) = fleet_with_low_sims(30, 3).await;
    let dir = scratch_dir(TMP, "watchdog-k");

    let out = run(BIN, Some(&sandbox), &dir, &["--journal", "wd.journal"]).await;
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
    assert!(
        !dir.join("wd.journal").exists(),
        "a dry run writes no journal"
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
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
    let events: Vec<String> = journal_lines(&dir)
        .iter()
        .map(|e| e["event"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        events,
        [
            "run_started",
            "intent",
            "outcome",
            "intent",
            "outcome",
            "intent",
            "outcome",
            "run_finished"
        ]
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
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

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
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
    let outcomes: Vec<String> = journal_lines(&dir)
        .iter()
        .filter_map(|e| e["outcome"].as_str().map(str::to_string))
        .collect();
    assert_eq!(outcomes, ["unknown", "confirmed_applied", "applied"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_top_up_waits_for_the_next_run() {
    let (sandbox, low) = fleet_with_low_sims(20, 2).await;
    let dir = scratch_dir(TMP, "watchdog-503");
    // The first top-up fails with 503 and is not applied.
    sandbox.inject(Fault::status(503).method("POST").path("/v2/sims/*/topup"));

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
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

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
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

#[tokio::test(flavor = "multi_thread")]
async fn a_crashed_run_is_resumed_without_sending_twice() {
    let (sandbox, low) = fleet_with_low_sims(20, 3).await;
    let (a, b, c) = (&low[0], &low[1], &low[2]);
    let dir = scratch_dir(TMP, "watchdog-crash");
    let client = sandbox.client().expect("client");
    // The journal of a run that died with two top-ups in flight: A's reached
    // 1NCE, B's did not. C was not reached at all.
    let mark = |q: &once_sdk::Quota| json!({"id": q.id, "volume": q.volume, "accumulated": q.accumulated_total_volume});
    let mut lines =
        vec![json!({"event": "run_started", "run": "r1", "at": "2026-01-01T00:00:00Z"})];
    for iccid in [a, b] {
        let data = client.sims().data_quota(iccid).await.expect("data");
        let sms = client.sims().sms_quota(iccid).await.expect("sms");
        lines.push(json!({"event": "intent", "run": "r1", "iccid": iccid.to_string(), "at": "2026-01-01T00:00:01Z",
                          "reasons": ["low"], "data": mark(&data), "sms": mark(&sms)}));
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    // ... and the crash tore the line it was writing.
    std::fs::write(dir.join("wd.journal"), format!("{text}{{\"event\":\"outc")).expect("journal");
    client
        .sims()
        .top_up(a)
        .send()
        .await
        .expect("A's top-up reached 1NCE");
    sandbox.reset_stats();

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
    out.assert_success();
    assert!(out.stdout.contains("resuming run r1"), "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!(
            "{a}  top-up of run r1 had an unknown outcome; re-checked: the quota went up"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "{b}  top-up of run r1 had an unknown outcome; re-checked: the quota did not go up"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("{b}  ")) && out.stdout.contains("already tried in this run"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&format!("{c}  ")), "{}", out.stdout);
    assert_eq!(
        sandbox.stats().top_ups_applied,
        1,
        "only C: A was applied before the crash, B was tried in this run"
    );
    let posted: Vec<String> = sandbox
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.template.as_deref() == Some(TOP_UP))
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(posted, [format!("/v2/sims/{c}/topup")]);

    // The next run is a new one: B, still low, is topped up now.
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
    out.assert_success();
    assert!(!out.stdout.contains("resuming"), "{}", out.stdout);
    assert_eq!(sandbox.stats().top_ups_applied, 2);
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--journal", "wd.journal", "--apply"],
    )
    .await;
    out.assert_success();
    assert_eq!(sandbox.stats().top_ups_applied, 2, "nothing left to do");
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
        out.stdout.contains("quota-watchdog.sandbox.journal"),
        "{}",
        out.stdout
    );
}

/// Runs quota-watchdog `--apply` until it pauses at `step` of its 2nd
/// top-up (the `QUOTA_WATCHDOG_PAUSE_AT` hook), then kills it with SIGKILL.
async fn killed_at(sandbox: &Sandbox, dir: &std::path::Path, step: &str) {
    let mut cmd = command(
        BIN,
        Some(sandbox),
        dir,
        &["--journal", "wd.journal", "--apply"],
    );
    cmd.env("QUOTA_WATCHDOG_PAUSE_AT", format!("{step}:2"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let marker = format!("quota-watchdog: paused at {step} of top-up 2");
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
        killed_at(&sandbox, &dir, step).await;
        assert_eq!(
            sandbox.stats().top_ups_applied,
            bought_before_the_kill,
            "killed at {step}"
        );

        for _ in 0..2 {
            run(
                BIN,
                Some(&sandbox),
                &dir,
                &["--journal", "wd.journal", "--apply"],
            )
            .await
            .assert_success();
        }
        let want: std::collections::BTreeMap<String, usize> = low
            .iter()
            .map(|iccid| (format!("/v2/sims/{iccid}/topup"), 1))
            .collect();
        assert_eq!(top_ups_per_sim(&sandbox), want, "killed at {step}");
        assert_eq!(sandbox.stats().top_ups_applied, 3, "killed at {step}");

        let out = run(
            BIN,
            Some(&sandbox),
            &dir,
            &["--journal", "wd.journal", "--apply"],
        )
        .await;
        out.assert_success();
        assert_eq!(
            sandbox.stats().top_ups_applied,
            3,
            "killed at {step}: nothing left to buy\n{}",
            out.stdout
        );
        let events = journal_lines(&dir);
        assert_eq!(
            events.last().and_then(|e| e["event"].as_str()),
            Some("run_finished"),
            "killed at {step}"
        );
    }
}
