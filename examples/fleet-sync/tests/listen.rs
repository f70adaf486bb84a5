//! `fleet-sync listen`: the sandbox streams usage to it and every record
//! lands in the ledger once, also when a batch comes again after a restart.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::testing::{sandbox, scratch_dir, RATE_LIMIT_FACTOR};
use once_sandbox::{Sandbox, StreamConfig, StreamKind};
use once_streamer::BasicCredentials;
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_fleet-sync");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `fleet-sync listen` against `sandbox`, its stdout in `dir/out-N.txt`.
fn start(sandbox: &Sandbox, dir: &std::path::Path, port: u16, n: u32) -> Child {
    let creds = sandbox.credentials();
    let out = std::fs::File::create(dir.join(format!("out-{n}.txt"))).expect("file");
    Command::new(BIN)
        .args(["--db", "sqlite:stream.db", "listen"])
        .arg(format!("127.0.0.1:{port}"))
        .current_dir(dir)
        .env("ONCE_CLIENT_ID", creds.client_id())
        .env("ONCE_CLIENT_SECRET", creds.expose_secret())
        .env("ONCE_BASE_URL", sandbox.base_url())
        .env("ONCE_RATE_LIMIT_FACTOR", RATE_LIMIT_FACTOR.to_string())
        .env("ONCE_STREAMER_USERNAME", "1nce")
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("fleet-sync starts")
}

fn stop(mut child: Child) {
    let pid = child.id().to_string();
    let ok = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(ok.success());
    let status = child.wait().expect("wait");
    assert!(status.success(), "{status:?}");
}

/// Posts `body` until the receiver answers (it listens after its sync pass).
async fn post(port: u16, body: &serde_json::Value) -> u16 {
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    for _ in 0..400 {
        match reqwest::Client::new()
            .post(format!("http://127.0.0.1:{port}/"))
            .header("authorization", &auth)
            .body(body.to_string())
            .send()
            .await
        {
            Ok(r) => return r.status().as_u16(),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    panic!("fleet-sync listen never answered");
}

fn usage_ids(db: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(db).expect("db");
    let mut stmt = conn
        .prepare("SELECT id FROM usage ORDER BY id")
        .expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn streamed_usage_is_stored_once() {
    let sandbox = sandbox(3).await;
    let dir = scratch_dir(TMP, "fleet-sync-listen");
    let db = dir.join("stream.db");
    let port = free_port();
    let child = start(&sandbox, &dir, port, 1);
    assert_eq!(post(port, &serde_json::json!([])).await, 200);

    let auth = BasicCredentials::new("1nce", "pw").header_value();
    sandbox.stream_to(
        StreamConfig::new(format!("http://127.0.0.1:{port}/1nce"), auth)
            .interval(Duration::from_millis(20)),
    );
    let iccids = sandbox.iccids();
    sandbox.consume_data(&iccids[0], 1.5).expect("sim");
    sandbox.consume_data(&iccids[1], 4.0).expect("sim");
    for _ in 0..500 {
        let s = sandbox.stream_stats();
        if s.pending == 0 && s.records_delivered > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sandbox.stream_stats().pending, 0);
    let mut streamed: Vec<String> = sandbox
        .streamed_records()
        .into_iter()
        .filter(|(kind, _)| *kind == StreamKind::Usage)
        .map(|(_, id)| id.to_string())
        .collect();
    assert_eq!(streamed.len(), 2);

    // A batch sent again after a restart is stored once.
    let batch = serde_json::json!([
        {"id": 900001, "traffic_type": {"id": 5}, "volume": {"total": 2.0, "rx": 1.5, "tx": 0.5},
         "end_timestamp": "2026-11-01T10:00:00Z", "sim": {"iccid": iccids[2].as_str()}}
    ]);
    assert_eq!(post(port, &batch).await, 200);
    stop(child);
    let child = start(&sandbox, &dir, port, 2);
    assert_eq!(post(port, &batch).await, 200);
    stop(child);

    streamed.push("900001".into());
    streamed.sort();
    assert_eq!(usage_ids(&db), streamed);
    // What it printed at the end comes from the ledger: today's 5.5 MiB.
    let out = std::fs::read_to_string(dir.join("out-1.txt")).expect("stdout");
    let today = chrono::Utc::now().date_naive().to_string();
    assert!(
        out.contains(&format!("usage {today} 5.500 MiB in 2 records")),
        "{out}"
    );
}
