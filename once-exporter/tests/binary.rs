//! The `once-exporter` binary: configured from the environment, serves
//! /healthz and /metrics, logs through tracing, and stops cleanly on SIGTERM.

use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn env_configured_binary_serves_and_exits_cleanly_on_sigterm() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-exporter"))
        .env("ONCE_EXPORTER_LISTEN", format!("127.0.0.1:{port}"))
        .env("ONCE_EXPORTER_SANDBOX", "true")
        .env("ONCE_EXPORTER_SANDBOX_SIMS", "20")
        .env("ONCE_EXPORTER_RATE_LIMIT", "1000")
        .env("ONCE_EXPORTER_BUDGET", "0.25")
        .env("ONCE_EXPORTER_REFRESH", "1h")
        .env("ONCE_EXPORTER_PER_SIM", "all")
        .env("RUST_LOG", "info")
        .env_remove("ONCE_CLIENT_ID")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    let metrics = loop {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/metrics"))
            .send()
            .await
        {
            let body = r.text().await.unwrap();
            if body.contains("once_exporter_refreshes_total{result=\"success\"} 1") {
                break body;
            }
        }
        assert!(Instant::now() < until, "no successful refresh within 30 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        metrics.contains("once_exporter_budget_requests_per_second 250.0"),
        "{metrics}"
    );
    assert_eq!(metrics.matches("once_sim_data_left_bytes{").count(), 20);
    let health = http
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);

    let pid = child.id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exits within 10 s of SIGTERM")
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .await
        .unwrap();
    assert!(
        log.contains("running against an in-process sandbox"),
        "{log}"
    );
    assert!(log.contains("refresh cycle done"), "{log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("stopped"), "{log}");
}

#[tokio::test]
async fn a_bad_flag_is_refused_with_the_flag_and_the_rule() {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-exporter"))
        .args(["--sandbox", "--budget", "2", "--listen", "127.0.0.1:0"])
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--budget must be more than 0 and at most 1, got 2"),
        "{err}"
    );
}
