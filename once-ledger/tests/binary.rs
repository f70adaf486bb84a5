//! The `once-ledger` binary as the shipped systemd unit starts it.

use std::time::Duration;

use once_streamer::BasicCredentials;

const BIN: &str = env!("CARGO_BIN_EXE_once-ledger");

/// The unit's `Environment=` pairs and its `ExecStart` words.
fn unit() -> (Vec<(String, String)>, Vec<String>) {
    let text = include_str!("../once-ledger.service");
    let mut env = Vec::new();
    let mut exec = Vec::new();
    for line in text.lines() {
        if let Some(kv) = line.strip_prefix("Environment=") {
            let (k, v) = kv.split_once('=').unwrap();
            env.push((k.to_string(), v.to_string()));
        } else if let Some(cmd) = line.strip_prefix("ExecStart=") {
            exec = cmd.split_whitespace().map(str::to_string).collect();
        }
    }
    (env, exec)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits (boundedly) until `serve` on `port` answers `/healthz` with 200.
async fn wait_healthy(http: &reqwest::Client, port: u16) {
    for _ in 0..400 {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            assert_eq!(r.status(), 200);
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("once-ledger serve never answered /healthz");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_unit_serves_stores_and_stops_on_sigterm() {
    let (env, exec) = unit();
    assert_eq!(exec[0], "/usr/local/bin/once-ledger");
    let dir = std::env::temp_dir().join(format!("once-ledger-unit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port();
    // The unit's environment, with the state directory and the port this
    // test may use; the password as /etc/once-ledger/env would give it.
    let db = dir.join("fleet.db");
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.args(&exec[1..])
        .env_clear()
        .env("PATH", "/usr/bin:/bin");
    for (k, v) in &env {
        let v = match k.as_str() {
            "ONCE_LEDGER_DB" => {
                assert_eq!(v, "sqlite:/var/lib/once-ledger/fleet.db");
                format!("sqlite:{}", db.display())
            }
            "ONCE_LEDGER_LISTEN" => {
                assert_eq!(v, "127.0.0.1:8080");
                format!("127.0.0.1:{port}")
            }
            _ => v.clone(),
        };
        cmd.env(k, v);
    }
    cmd.env("ONCE_STREAMER_PASSWORD", "pw").kill_on_drop(true);
    let mut child = cmd.spawn().unwrap();
    let http = reqwest::Client::new();
    wait_healthy(&http, port).await;
    let body = r#"[{"id": 1, "traffic_type_id": 5, "volume_total": 1.5, "end_timestamp": "2026-12-01T10:00:00Z", "sim_iccid": "8988280666000000017"}, {"id": 2}]"#;
    let status = http
        .post(format!("http://127.0.0.1:{port}/"))
        .header(
            "authorization",
            BasicCredentials::new("1nce", "pw").header_value(),
        )
        .body(body)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let exit = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "{exit:?}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let usage: i64 = conn
        .query_row("SELECT count(*) FROM usage", [], |r| r.get(0))
        .unwrap();
    let rejected: i64 = conn
        .query_row("SELECT count(*) FROM rejected", [], |r| r.get(0))
        .unwrap();
    assert_eq!((usage, rejected), (1, 1));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `serve` takes the receiver's flags of `once-streamer` (one definition,
/// in `once_streamer::cli`): here a record cap of 2 turns a batch of 3 away
/// with 413, storing none of it, while a batch of 2 is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_takes_the_receivers_caps() {
    let dir = std::env::temp_dir().join(format!("once-ledger-caps-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("fleet.db");
    let port = free_port();
    let mut child = tokio::process::Command::new(BIN)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(["--username", "1nce", "--max-records", "2"])
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .env("ONCE_LEDGER_DB", format!("sqlite:{}", db.display()))
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    wait_healthy(&http, port).await;
    let record = |id: u32| {
        format!(
            r#"{{"id": {id}, "traffic_type_id": 5, "volume_total": 1.5, "end_timestamp": "2026-12-01T10:00:00Z", "sim_iccid": "8988280666000000017"}}"#
        )
    };
    let post = |body: String| {
        http.post(format!("http://127.0.0.1:{port}/"))
            .header(
                "authorization",
                BasicCredentials::new("1nce", "pw").header_value(),
            )
            .body(body)
            .send()
    };
    let three = format!("[{},{},{}]", record(1), record(2), record(3));
    assert_eq!(post(three).await.unwrap().status(), 413);
    let two = format!("[{},{}]", record(4), record(5));
    assert_eq!(post(two).await.unwrap().status(), 200);
    child.start_kill().unwrap();
    child.wait().await.unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM usage ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, ["4", "5"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_database_url_exits_2_without_its_password() {
    let out = std::process::Command::new(BIN)
        .args(["migrate"])
        .env("ONCE_LEDGER_DB", "mysql://ledger:hunter2@db/fleet")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ledger:***@db"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let missing = std::process::Command::new(BIN)
        .args(["migrate"])
        .env_remove("ONCE_LEDGER_DB")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("ONCE_LEDGER_DB"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_runs_one_pass_from_the_api() {
    let sandbox = once_sandbox::Sandbox::builder()
        .sims(4)
        .start()
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("once-ledger-sync-bin-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("fleet.db");
    let creds = sandbox.credentials();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(BIN)
            .args(args)
            .env("ONCE_LEDGER_DB", format!("sqlite:{}", db.display()))
            .env("ONCE_CLIENT_ID", creds.client_id())
            .env("ONCE_CLIENT_SECRET", creds.expose_secret())
            .env("ONCE_BASE_URL", sandbox.base_url())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = tokio::task::block_in_place(|| run(&["sync"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("sync: 4 SIMs, 8 quota snapshots"), "{err}");
    let (code, err) = tokio::task::block_in_place(|| run(&["sync"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("sync: 4 SIMs, 0 quota snapshots, 0 events new"),
        "{err}"
    );
    // Two passes, nothing changed in between: no gap, nothing silent (no
    // stream has delivered yet), exit 0 and the report as JSON.
    let out = tokio::task::block_in_place(|| {
        std::process::Command::new(BIN)
            .args(["gaps", "--since", "30d", "--silent-after", "1h"])
            .env("ONCE_LEDGER_DB", format!("sqlite:{}", db.display()))
            .output()
            .unwrap()
    });
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report, serde_json::json!({"quota_gaps": [], "silent": []}));
    let (code, err) = tokio::task::block_in_place(|| run(&["gaps", "--since", "a while"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--since"), "{err}");
    // A schedule shorter than a pass can take is refused, naming the flag.
    let (code, err) = tokio::task::block_in_place(|| {
        run(&[
            "serve",
            "--username",
            "1nce",
            "--password",
            "pw",
            "--every",
            "10s",
        ])
    });
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--every"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let sims: i64 = conn
        .query_row("SELECT count(*) FROM sims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sims, 4);
    std::fs::remove_dir_all(&dir).unwrap();
}
