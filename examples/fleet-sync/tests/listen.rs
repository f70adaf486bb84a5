//! `fleet-sync --listen`: the sandbox streams usage to it; daily usage per
//! SIM adds up, and a record sent again (also after a restart) counts once.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::testing::{sandbox, scratch_dir};
use once_sandbox::StreamConfig;
use once_streamer::BasicCredentials;
use rusqlite::Connection;

const BIN: &str = env!("CARGO_BIN_EXE_fleet-sync");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

fn start(dir: &std::path::Path, port: u16) -> Child {
    Command::new(BIN)
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--db",
            "stream.db",
        ])
        .current_dir(dir)
        .env_remove("ONCE_CLIENT_ID")
        .env("ONCE_STREAMER_USERNAME", "1nce")
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .stdout(Stdio::null())
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

async fn post(port: u16, body: &serde_json::Value) -> u16 {
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    for _ in 0..200 {
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
    panic!("fleet-sync --listen never answered");
}

async fn post_raw(port: u16, body: &'static [u8]) -> u16 {
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/"))
        .header("authorization", &auth)
        .body(body)
        .send()
        .await
        .expect("fleet-sync answers")
        .status()
        .as_u16()
}

fn day_usage(db: &std::path::Path, iccid: &str) -> Vec<(String, f64, f64)> {
    let conn = Connection::open(db).expect("db");
    let mut stmt = conn
        .prepare("SELECT day, data_mb, sms FROM daily_usage WHERE iccid = ?1 ORDER BY day")
        .expect("query");
    stmt.query_map([iccid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_from_the_stream_adds_up_once() {
    let dir = scratch_dir(TMP, "fleet-sync-listen");
    let db = dir.join("stream.db");
    let port = free_port();
    let child = start(&dir, port);
    // Wait until it listens.
    assert_eq!(post(port, &serde_json::json!([])).await, 200);

    let sandbox = sandbox(3).await;
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    sandbox.stream_to(
        StreamConfig::new(format!("http://127.0.0.1:{port}/1nce"), auth)
            .interval(Duration::from_millis(20)),
    );
    let iccids = sandbox.iccids();
    sandbox.consume_data(&iccids[0], 1.5).expect("sim");
    sandbox.consume_data(&iccids[0], 0.25).expect("sim");
    sandbox.consume_sms(&iccids[0], 2).expect("sim");
    sandbox.consume_data(&iccids[1], 4.0).expect("sim");
    for _ in 0..500 {
        let s = sandbox.stream_stats();
        if s.pending == 0 && s.records_delivered > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sandbox.stream_stats().pending, 0);
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(
        day_usage(&db, iccids[0].as_str()),
        [(today.clone(), 1.75, 2.0)]
    );
    assert_eq!(
        day_usage(&db, iccids[1].as_str()),
        [(today.clone(), 4.0, 0.0)]
    );
    assert!(day_usage(&db, iccids[2].as_str()).is_empty());

    // A batch sent twice, the second time after a restart: counted once.
    let batch = serde_json::json!([
        {"id": 1, "traffic_type": {"id": 5}, "volume": {"total": 2.0, "rx": 1.5, "tx": 0.5},
         "end_timestamp": "2026-11-01T10:00:00Z", "sim": {"iccid": iccids[2].as_str()}},
        {"id": 2, "traffic_type_id": 6, "volume_total": 1, "end_timestamp": "2026-11-01 11:00:00",
         "sim_iccid": iccids[2].as_str()}
    ]);
    assert_eq!(post(port, &batch).await, 200);
    stop(child);
    let child = start(&dir, port);
    assert_eq!(post(port, &batch).await, 200);
    let more = serde_json::json!([
        {"id": 2, "traffic_type_id": 6, "volume_total": 1, "end_timestamp": "2026-11-01 11:00:00",
         "sim_iccid": iccids[2].as_str()},
        {"id": 3, "traffic_type_id": 5, "volume_total": 0.5, "end_timestamp": "2026-11-02T00:00:01Z",
         "sim_iccid": iccids[2].as_str()}
    ]);
    assert_eq!(post(port, &more).await, 200);
    // What the example does not add up is kept as sent, once: an event, a
    // record that does not decode, a body that is not JSON.
    let others = serde_json::json!([
        {"id": 70, "event_type": {"id": 42}, "event_severity": {"id": 0}, "sim": {"iccid": iccids[2].as_str()}},
        {"id": 71, "colour": "blue"}
    ]);
    for _ in 0..2 {
        assert_eq!(post(port, &others).await, 200);
        assert_eq!(post_raw(port, b"\xef\xbb\xbf[]").await, 200);
    }
    stop(child);
    let conn = Connection::open(&db).expect("db");
    let mut stmt = conn
        .prepare("SELECT kind, reason IS NOT NULL, raw FROM stream_kept ORDER BY kind")
        .expect("query");
    let kept: Vec<(String, bool, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    let kinds: Vec<(&str, bool)> = kept.iter().map(|(k, r, _)| (k.as_str(), *r)).collect();
    assert_eq!(
        kinds,
        [
            ("event", false),
            ("rejected", true),
            ("unreadable_body", true)
        ]
    );
    assert_eq!(kept[1].2, r#"{"colour":"blue","id":71}"#);
    assert_eq!(kept[2].2, "77u/W10=");
    assert_eq!(
        day_usage(&db, iccids[2].as_str()),
        [
            ("2026-11-01".to_string(), 2.0, 1.0),
            ("2026-11-02".to_string(), 0.5, 0.0)
        ]
    );
}
