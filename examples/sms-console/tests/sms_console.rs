//! sms-console against a fresh sandbox: send, list, show, delete; payloads
//! 1NCE would reject are refused before anything is sent.

use common::testing::{run, sandbox, scratch_dir};

const BIN: &str = env!("CARGO_BIN_EXE_sms-console");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const SEND: &str = "/v2/sims/{iccid}/sms";

#[tokio::test(flavor = "multi_thread")]
async fn send_list_show_delete_round_trip() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "sms-round-trip");
    let iccid = sandbox.iccids()[0].to_string();

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["send", &iccid, "hello from the test"],
    )
    .await;
    out.assert_success();
    let id: u64 = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("sent SMS ")?.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("an SMS id in:\n{}", out.stdout));
    assert!(out.stdout.contains("status: "), "{}", out.stdout);
    assert_eq!(sandbox.stats().sms_sent, 1);

    let out = run(BIN, Some(&sandbox), &dir, &["list", &iccid]).await;
    out.assert_success();
    let line = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("SMS {id} listed:\n{}", out.stdout));
    assert!(
        line.contains("MT") && line.contains("hello from the test"),
        "{line}"
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["show", &iccid, &id.to_string()],
    )
    .await;
    out.assert_success();
    assert!(
        out.stdout.contains("payload         hello from the test"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("iccid           {iccid}")),
        "{}",
        out.stdout
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["delete", &iccid, &id.to_string()],
    )
    .await;
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("deleted SMS {id}")),
        "{}",
        out.stdout
    );
    assert_eq!(
        sandbox
            .stats()
            .requests_to("DELETE", "/v2/sims/{iccid}/sms/{id}"),
        1
    );

    let out = run(BIN, Some(&sandbox), &dir, &["list", &iccid]).await;
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("no SMS for {iccid}")),
        "{}",
        out.stdout
    );

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["show", &iccid, &id.to_string()],
    )
    .await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("404"), "{}", out.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn binary_sms_with_dcs_and_udh() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "sms-binary");
    let iccid = sandbox.iccids()[1].to_string();
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "send",
            &iccid,
            "48656c6c6f",
            "--dcs",
            "4",
            "--udh",
            "050003cc0201",
        ],
    )
    .await;
    out.assert_success();
    let sent = sandbox
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.template.as_deref() == Some(SEND))
        .expect("the send");
    let body: serde_json::Value = serde_json::from_str(&sent.body).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({"payload": "48656c6c6f", "dcs": 4, "udh": "050003cc0201"})
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn rejected_payloads_send_nothing() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "sms-rejected");
    let iccid = sandbox.iccids()[0].to_string();
    let too_long = "x".repeat(161);
    let cases: [(&[&str], &str); 4] = [
        (
            &[too_long.as_str()],
            "invalid `payload`: text is 161 GSM 7-bit characters; at most 160 fit one SMS",
        ),
        (&["4865zz", "--dcs", "4"], "invalid `payload`"),
        (
            &["hi", "--udh", "0500"],
            "invalid `udh`: first octet (UDH length) is 5 but 1 octets follow",
        ),
        (&["hi", "--dcs", "3"], "invalid `dcs`"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["send", iccid.as_str()];
        args.extend_from_slice(extra);
        let out = run(BIN, Some(&sandbox), &dir, &args).await;
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(
            out.stderr.contains("not sent: 1NCE would reject this SMS"),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(message),
            "{message:?} in:\n{}",
            out.stderr
        );
    }
    assert_eq!(sandbox.stats().sms_sent, 0);
    assert_eq!(sandbox.stats().requests_to("POST", SEND), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_uses_the_sandbox() {
    let dir = scratch_dir(TMP, "sms-no-creds");
    let out = run(BIN, None, &dir, &["sims", "--sandbox-sims", "5"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("local 1NCE sandbox"), "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().count(),
        6,
        "header and 5 SIMs:\n{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_not_sent_again() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "sms-lost-answer");
    let iccid = sandbox.iccids()[0].to_string();
    sandbox.inject(
        once_sandbox::Fault::apply_then_drop()
            .method("POST")
            .path("/v2/sims/*/sms"),
    );
    let out = run(BIN, Some(&sandbox), &dir, &["send", &iccid, "once only"]).await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("outcome unknown"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "the SMS may have been sent: check `sms-console list {iccid}`"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.stats().sms_sent, 1);
    assert_eq!(sandbox.stats().requests_to("POST", SEND), 1);
}
