//! device-actions against a fresh sandbox: an action is followed while the
//! sandbox's 1NCE OS clock moves it to SUCCEEDED, bulk CoAP and LwM2M reach
//! every device, a cancel cancels, and a refused confirmation sends nothing.

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::testing::{command, run, sandbox, scratch_dir, Output};
use once_sandbox::Sandbox;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_device-actions");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const UDP: &str = "/v1/integrate/devices/{deviceId}/actions/UDP";
const CANCEL: &str = "/v1/integrate/devices/actions/requests/{requestId}";

/// Runs the console with `input` on its standard input.
async fn run_with_stdin(
    sandbox: &Sandbox,
    dir: &std::path::Path,
    args: &[&str],
    input: &str,
) -> Output {
    let mut cmd = command(BIN, Some(sandbox), dir, args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let input = input.to_string();
    let out = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().expect("the console starts");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("the answer is written");
        child.wait_with_output()
    })
    .await
    .expect("waiting")
    .expect("the console ran");
    Output {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The bodies the sandbox received for `template`, as JSON.
fn bodies(sandbox: &Sandbox, template: &str) -> Vec<Value> {
    sandbox
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.template.as_deref() == Some(template))
        .map(|r| serde_json::from_str(&r.body).expect("a JSON body"))
        .collect()
}

/// The request ids of `accepted: request ID for device DEVICE` lines.
fn accepted(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("accepted: request ")?;
            let (id, device) = rest.split_once(" for device ")?;
            Some((id.to_string(), device.to_string()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_is_followed_until_the_sandbox_clock_makes_it_succeed() {
    let sandbox = sandbox(3).await;
    // An hour per stage: nothing ends unless the clock is moved.
    sandbox.set_os_action_stage(Duration::from_secs(3600));
    let dir = scratch_dir(TMP, "actions-follow");
    let iccid = sandbox.iccids()[0].to_string();
    sandbox.set_online(&iccid, true).unwrap();

    let mut cmd = command(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "udp",
            &iccid,
            "--port",
            "4445",
            "--payload",
            "ping",
            "--yes",
            "--timeout",
            "60",
            "--poll-ms",
            "50",
        ],
    );
    let child = tokio::task::spawn_blocking(move || cmd.output());

    // Once the action is in, and still scheduled, time passes.
    let mut waited = 0;
    while sandbox.stats().requests_to("POST", UDP) == 0 {
        assert!(waited < 600, "the action was not sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += 1;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let client = sandbox.client_builder().build().unwrap();
    let active = client
        .os()
        .devices()
        .active_action_requests()
        .send()
        .await
        .unwrap();
    assert_eq!(active.items.len(), 1, "still scheduled: {active:?}");
    sandbox.advance_os_clock(Duration::from_secs(3 * 3600));

    let out = child.await.unwrap().unwrap();
    let out = Output {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    out.assert_success();
    let sent = accepted(&out.stdout);
    assert_eq!(sent.len(), 1, "{}", out.stdout);
    let (id, device) = &sent[0];
    assert_eq!(device, &iccid);
    assert_eq!(
        Some(id.as_str()),
        active.items[0].id.as_ref().map(|i| i.as_str())
    );
    assert!(
        out.stdout
            .contains(&format!("request {id} for device {iccid}: SUCCEEDED")),
        "{}",
        out.stdout
    );
    assert_eq!(
        bodies(&sandbox, UDP),
        vec![json!({"payload": "ping", "payloadType": "STRING", "port": 4445})]
    );
    // Sent once, never again.
    assert_eq!(sandbox.stats().requests_to("POST", UDP), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bulk_coap_and_lwm2m_reach_every_device_and_a_failure_fails_the_run() {
    let sandbox = sandbox(3).await;
    sandbox.set_os_action_stage(Duration::from_millis(20));
    let dir = scratch_dir(TMP, "actions-bulk");
    let iccids: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    for iccid in &iccids[..2] {
        sandbox.set_online(iccid, true).unwrap();
    }
    sandbox.set_online(&iccids[2], false).unwrap();

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "coap",
            &iccids[0],
            &iccids[1],
            "--port",
            "5683",
            "--method",
            "put",
            "--path",
            "/led",
            "--payload",
            "on",
            "--yes",
            "--poll-ms",
            "20",
        ],
    )
    .await;
    out.assert_success();
    let sent = accepted(&out.stdout);
    let devices: Vec<&str> = sent.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(devices, vec![iccids[0].as_str(), iccids[1].as_str()]);
    for (id, device) in &sent {
        assert!(
            out.stdout
                .contains(&format!("request {id} for device {device}: SUCCEEDED")),
            "{}",
            out.stdout
        );
    }
    assert_eq!(
        bodies(&sandbox, "/v1/integrate/devices/actions/COAP"),
        vec![json!({
            "deviceIds": [iccids[0], iccids[1]],
            "payload": "on",
            "payloadType": "STRING",
            "port": 5683,
            "path": "/led",
            "requestType": "PUT",
        })]
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "lwm2m",
            &iccids[1],
            "--action",
            "execute",
            "--resource",
            "/3/0/4",
            "--yes",
            "--poll-ms",
            "20",
        ],
    )
    .await;
    out.assert_success();
    assert!(out.stdout.contains(": SUCCEEDED"), "{}", out.stdout);
    assert_eq!(
        bodies(&sandbox, "/v1/integrate/devices/{deviceId}/actions/LWM2M"),
        vec![json!({"action": "execute", "resourceAddress": "/3/0/4"})]
    );

    // An offline device: the request fails, and so does the run.
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "udp",
            &iccids[2],
            "--port",
            "4445",
            "--payload",
            "cGluZw==",
            "--base64",
            "--yes",
            "--poll-ms",
            "20",
        ],
    )
    .await;
    assert!(!out.status.success(), "{}", out.stdout);
    assert!(out.stdout.contains(": FAILED"), "{}", out.stdout);
    assert!(
        out.stderr.contains("1 of 1 actions did not succeed"),
        "{}",
        out.stderr
    );
    assert_eq!(bodies(&sandbox, UDP)[0]["payloadType"], "BASE64");
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_are_listed_and_cancelled() {
    let sandbox = sandbox(3).await;
    sandbox.set_os_action_stage(Duration::from_secs(3600));
    let dir = scratch_dir(TMP, "actions-cancel");
    let iccid = sandbox.iccids()[0].to_string();
    let send = [
        "send",
        "udp",
        &iccid,
        "--port",
        "4445",
        "--payload",
        "x",
        "--yes",
        "--no-wait",
    ];

    let out = run(BIN, Some(&sandbox), &dir, &send).await;
    out.assert_success();
    let id = accepted(&out.stdout).remove(0).0;

    let out = run(BIN, Some(&sandbox), &dir, &["requests", "--active"]).await;
    out.assert_success();
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with(&id))
        .unwrap_or_else(|| panic!("{id} listed:\n{}", out.stdout));
    assert!(
        line.contains("SCHEDULED") && line.contains(&iccid),
        "{line}"
    );

    // No: nothing is cancelled.
    let out = run_with_stdin(&sandbox, &dir, &["cancel", &id], "n\n").await;
    assert!(!out.status.success());
    assert!(
        out.stderr
            .contains(&format!("cancel action request {id}? [y/N]")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("not confirmed: nothing was cancelled"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.stats().requests_to("DELETE", CANCEL), 0);

    // Yes.
    let out = run_with_stdin(&sandbox, &dir, &["cancel", &id], "y\n").await;
    out.assert_success();
    assert!(
        out.stdout
            .contains(&format!("cancelled request {id} (CANCELLED)")),
        "{}",
        out.stdout
    );
    let out = run(BIN, Some(&sandbox), &dir, &["status", &id]).await;
    out.assert_success();
    assert!(
        out.stdout.contains("status         CANCELLED"),
        "{}",
        out.stdout
    );
    let out = run(BIN, Some(&sandbox), &dir, &["requests", "--archived"]).await;
    out.assert_success();
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with(&id) && l.contains("CANCELLED")),
        "{}",
        out.stdout
    );
    let out = run(BIN, Some(&sandbox), &dir, &["requests", "--active"]).await;
    out.assert_success();
    assert!(out.stdout.contains("no action requests"), "{}", out.stdout);

    // Every open request of a device at once.
    for _ in 0..2 {
        run(BIN, Some(&sandbox), &dir, &send).await.assert_success();
    }
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["cancel", "--device", &iccid, "--yes"],
    )
    .await;
    out.assert_success();
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("cancelled request ") && l.ends_with("(CANCELLED)"))
            .count(),
        2,
        "{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_confirmation_sends_nothing() {
    let sandbox = sandbox(3).await;
    let dir = scratch_dir(TMP, "actions-refused");
    let iccids: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    let one = [
        "send",
        "udp",
        &iccids[0],
        "--port",
        "4445",
        "--payload",
        "ping",
        "--no-wait",
    ];
    for answer in ["n\n", "\n", "", "maybe\n"] {
        let out = run_with_stdin(&sandbox, &dir, &one, answer).await;
        assert!(!out.status.success(), "{answer:?}: {}", out.stdout);
        assert!(
            out.stderr.contains(&format!(
                "send UDP \"ping\" to port 4445 to device {}? [y/N]",
                iccids[0]
            )),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("not confirmed: nothing was sent"),
            "{}",
            out.stderr
        );
    }
    let bulk = [
        "send",
        "lwm2m",
        &iccids[0],
        &iccids[1],
        "--action",
        "read",
        "--resource",
        "/3/0/0",
    ];
    let out = run_with_stdin(&sandbox, &dir, &bulk, "no\n").await;
    assert!(!out.status.success());
    assert!(
        out.stderr.contains(&format!(
            "LwM2M read /3/0/0 to 2 devices ({}, {})? [y/N]",
            iccids[0], iccids[1]
        )),
        "{}",
        out.stderr
    );
    let posts: u64 = sandbox
        .stats()
        .by_operation
        .iter()
        .filter(|(k, _)| k.starts_with("POST ") && k.contains("/actions"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(posts, 0);

    // Yes sends it, once.
    let out = run_with_stdin(&sandbox, &dir, &one, "y\n").await;
    out.assert_success();
    assert_eq!(accepted(&out.stdout).len(), 1, "{}", out.stdout);
    assert_eq!(sandbox.stats().requests_to("POST", UDP), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_before_any_traffic() {
    let sandbox = sandbox(2).await;
    let dir = scratch_dir(TMP, "actions-bad-input");
    let iccid = sandbox.iccids()[0].to_string();
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "udp",
            &iccid,
            "--port",
            "0",
            "--payload",
            "x",
            "--yes",
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("--port"), "{}", out.stderr);
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "udp",
            " ",
            "--port",
            "4445",
            "--payload",
            "x",
            "--yes",
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("deviceId"), "{}", out.stderr);
    assert!(out.stderr.contains("must not be empty"), "{}", out.stderr);
    assert_eq!(sandbox.stats().requests_to("POST", UDP), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_lists_the_sandbox_devices() {
    let dir = scratch_dir(TMP, "actions-no-creds");
    let out = run(BIN, None, &dir, &["devices", "--sandbox-sims", "4"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("4 devices"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 6, "{}", out.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_not_sent_again() {
    let sandbox = sandbox(2).await;
    let dir = scratch_dir(TMP, "actions-lost-answer");
    let iccid = sandbox.iccids()[0].to_string();
    sandbox.inject(
        once_sandbox::Fault::apply_then_drop()
            .method("POST")
            .path("/v1/integrate/devices/*/actions/UDP"),
    );
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            "udp",
            &iccid,
            "--port",
            "4445",
            "--payload",
            "once",
            "--yes",
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("outcome unknown"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "the action may have reached 1NCE: check `device-actions requests --device {iccid}`"
        )),
        "{}",
        out.stderr
    );
    // The sandbox has it, once: the SDK did not send it again.
    assert_eq!(sandbox.stats().requests_to("POST", UDP), 1);
    let out = run(BIN, Some(&sandbox), &dir, &["requests", "--device", &iccid]).await;
    out.assert_success();
    assert!(out.stdout.contains("1 requests"), "{}", out.stdout);
}
