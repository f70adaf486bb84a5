//! `--debug` shows each request without secrets; `--timeout` bounds a call
//! to a server that never answers.

use std::process::{Command, Stdio};
use std::time::Duration;

fn once() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_once"));
    c.env_remove("ONCE_PROFILE")
        .env_remove("ONCE_DEBUG")
        .env_remove("ONCE_TIMEOUT")
        .env("ONCE_CONFIG", "/nonexistent/once-config.toml")
        .stdin(Stdio::null());
    c
}

#[test]
fn debug_shows_each_request_and_no_secret() {
    let out = once()
        .args([
            "--sandbox",
            "--debug",
            "sims",
            "list",
            "--page-size",
            "2",
            "-o",
            "json",
        ])
        .env_remove("ONCE_CLIENT_ID")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(r#"operation="sims.list" method=GET path="/v2/sims""#),
        "{err}"
    );
    assert!(err.contains("status=200"), "{err}");
    assert!(err.contains(r#"operation="oauth.token""#), "{err}");
    assert!(err.contains("request_id="), "{err}");
    assert!(!err.contains(once_sandbox::DEFAULT_CLIENT_SECRET), "{err}");
    assert!(!err.to_lowercase().contains("bearer"), "{err}");
    // Without it, nothing of the kind.
    let quiet = once()
        .args([
            "--sandbox",
            "sims",
            "list",
            "--page-size",
            "2",
            "-o",
            "json",
        ])
        .env_remove("ONCE_CLIENT_ID")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("once_sdk.call"));
}

#[test]
fn timeout_bounds_a_call_to_a_server_that_never_answers() {
    // Accepts connections, reads nothing, answers nothing.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
        }
    });
    for (args, env) in [
        (
            vec!["sims", "get", "8988280666000000017", "--timeout", "1"],
            None,
        ),
        (vec!["sims", "get", "8988280666000000017"], Some("1")),
    ] {
        let mut c = once();
        c.args(&args)
            .env("ONCE_BASE_URL", format!("http://{addr}"))
            .env("ONCE_CLIENT_ID", "id")
            .env("ONCE_CLIENT_SECRET", "s3cret-never-shown")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(t) = env {
            c.env("ONCE_TIMEOUT", t);
        }
        let mut child = c.spawn().unwrap();
        // A guard against hanging, not a timing check: without --timeout
        // the SDK's defaults would wait minutes.
        let mut status = None;
        for _ in 0..600 {
            if let Some(s) = child.try_wait().unwrap() {
                status = Some(s);
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let Some(status) = status else {
            let _ = child.kill();
            panic!("once {args:?} did not give up");
        };
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!status.success(), "{err}");
        assert!(err.to_lowercase().contains("time"), "{err}");
        assert!(!err.contains("s3cret-never-shown"), "{err}");
    }
    let out = once()
        .args(["sims", "list", "--timeout", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timeout"));
}
