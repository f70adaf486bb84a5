//! The shipped systemd unit starts the binary: its `ExecStart` is run with
//! exactly the unit's `Environment=` lines. Two stand-ins, both said here:
//! `/etc/once-exporter.env` (the credentials) becomes a sandbox, and the
//! port of `ONCE_EXPORTER_LISTEN=:9883` becomes a free one, keeping the
//! `:PORT` shape (every interface) that the unit uses.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

/// The unit's `[Service]` settings, in order.
fn service_settings() -> Vec<(String, String)> {
    let unit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("once-exporter.service"),
    )
    .unwrap();
    let mut section = "";
    let mut out = Vec::new();
    for line in unit.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[Service]" {
            let (k, v) = line.split_once('=').expect("key=value");
            out.push((k.to_string(), v.to_string()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_unit_starts_the_binary_with_its_environment() {
    let settings = service_settings();
    let get = |key: &str| -> Vec<&str> {
        settings
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(get("ExecStart"), ["/usr/local/bin/once-exporter"]);
    assert_eq!(get("EnvironmentFile"), ["/etc/once-exporter.env"]);
    let mut env: Vec<(String, String)> = get("Environment")
        .iter()
        .map(|e| {
            let (k, v) = e.split_once('=').expect("Environment=KEY=VALUE");
            (k.to_string(), v.to_string())
        })
        .collect();
    assert!(env.len() >= 3, "{env:?}");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = env
        .iter_mut()
        .find(|(k, _)| k == "ONCE_EXPORTER_LISTEN")
        .expect("the unit sets ONCE_EXPORTER_LISTEN");
    assert_eq!(listen.1, ":9883", "the unit listens on every interface");
    listen.1 = format!(":{port}");

    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_once-exporter"))
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        // The stand-in for /etc/once-exporter.env.
        .env("ONCE_EXPORTER_SANDBOX", "true")
        .env("ONCE_EXPORTER_SANDBOX_SIMS", "40")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let until = Instant::now() + Duration::from_secs(60);
    // The list walk (one page) is done once the fleet gauge appears.
    let metrics = loop {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/metrics"))
            .send()
            .await
        {
            let body = r.text().await.unwrap();
            if body.contains("once_fleet_sims{status=") {
                break body;
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            let mut log = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut log).await;
            panic!("the binary exited with {status}: {log}");
        }
        assert!(Instant::now() < until, "no list walk within 60 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // The unit's budget (0.5 of 10 requests per second) and refresh (5m).
    assert!(
        metrics.contains("once_exporter_budget_requests_per_second 5.0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("once_exporter_refresh_interval_seconds 300.0"),
        "{metrics}"
    );

    let pid = child.id().unwrap().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("exits after SIGTERM")
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
    // Every interface: the dual-stack wildcard (or IPv4's, without IPv6).
    assert!(
        log.contains(&format!("addr=[::]:{port}")) || log.contains(&format!("addr=0.0.0.0:{port}")),
        "{log}"
    );
    assert!(log.contains("stopped"), "{log}");
}
