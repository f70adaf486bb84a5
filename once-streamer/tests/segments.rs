//! The JSON-lines sink on disk: segments and their id indexes, repairs at
//! start, and a disk that fills up mid-write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use once_streamer::streamer::decode_batch;
use once_streamer::{
    line_key, BasicCredentials, Delivery, JsonLinesOptions, JsonLinesSink, RecordSink,
    UnreadableBody,
};
use serde_json::{json, Value};

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("segments-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn usage(id: u64) -> Value {
    json!({"id": id, "traffic_type": {"id": 5, "description": "Data"},
           "end_timestamp": "2026-12-01T10:05:00.000Z", "volume": {"total": 0.5, "tx": 0.1, "rx": 0.4},
           "sim": {"iccid": "8988280666000000017"}})
}

fn body(ids: impl IntoIterator<Item = u64>) -> Vec<u8> {
    serde_json::to_vec(&ids.into_iter().map(usage).collect::<Vec<_>>()).unwrap()
}

fn delivery(body: &[u8]) -> Arc<Delivery> {
    let b = decode_batch(body).unwrap();
    let mut d = Delivery::default();
    d.records = b.records;
    d.raw = b.raw;
    d.rejected = b.rejected;
    Arc::new(d)
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

fn keys_of(sink: &JsonLinesSink) -> Vec<String> {
    let mut keys: Vec<String> = sink.known_keys().iter().map(|k| k.to_string()).collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn segments_rotate_and_a_restart_reads_only_their_indexes() {
    let dir = temp_dir("rotate");
    let options = JsonLinesOptions::new().segment_bytes(2_000);
    let sink = JsonLinesSink::dir_with(&dir, options).unwrap();
    for wave in 0..5u64 {
        let ids = (wave * 4 + 1)..(wave * 4 + 5);
        sink.store(delivery(&body(ids))).await.unwrap();
    }
    let segments = sink.segments();
    assert!(segments.len() >= 3, "{segments:?}");
    assert_eq!(files(&dir, "ids").len(), segments.len());
    drop(sink);
    // A closed segment's records are not read at start: garbage there
    // changes nothing, the index beside it gives the keys.
    std::fs::write(&segments[0], b"not json at all\n").unwrap();
    let sink = JsonLinesSink::dir_with(&dir, options).unwrap();
    let mut want: Vec<String> = (1..=20).map(|i| format!("usage:{i}")).collect();
    want.sort();
    assert_eq!(keys_of(&sink), want);
    // Only segments written within the window are read.
    let sink = JsonLinesSink::dir_with(&dir, options.remember_for(Duration::ZERO)).unwrap();
    assert!(keys_of(&sink).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_partial_line_and_missing_index_keys_are_repaired_at_start() {
    let dir = temp_dir("repair");
    let sink = JsonLinesSink::dir(&dir).unwrap();
    sink.store(delivery(&body([1, 2]))).await.unwrap();
    let (lines, _) = once_streamer::delivery_lines(&delivery(&body([3]))).unwrap();
    drop(sink);
    let data = dir.join("records-00000001.jsonl");
    // A crash after the record line but before its key, then a crash
    // halfway through the next line.
    let mut bytes = std::fs::read(&data).unwrap();
    bytes.extend_from_slice(&lines);
    bytes.extend_from_slice(br#"{"kind":"usage","id":"4","trunc"#);
    std::fs::write(&data, &bytes).unwrap();
    let sink = JsonLinesSink::dir(&dir).unwrap();
    assert_eq!(keys_of(&sink), ["usage:1", "usage:2", "usage:3"]);
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(text.ends_with('\n'));
    assert_eq!(text.lines().count(), 3);
    for line in text.lines() {
        serde_json::from_str::<Value>(line).unwrap();
    }
    let ids = std::fs::read_to_string(dir.join("records-00000001.ids")).unwrap();
    assert_eq!(ids, "usage:1\nusage:2\nusage:3\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn rejected_records_and_unreadable_bodies_are_written_with_their_reason() {
    let dir = temp_dir("rejected");
    let sink = JsonLinesSink::dir(&dir).unwrap();
    let mut d =
        (*delivery(br#"[{"id": 1, "traffic_type_id": 5}, {"id": 2, "colour": "blue"}]"#)).clone();
    d.unreadable = None;
    sink.store(Arc::new(d)).await.unwrap();
    let mut u = Delivery::default();
    u.unreadable = Some(UnreadableBody::new(
        bytes::Bytes::from_static(b"\xef\xbb\xbf[]"),
        "the body is not JSON",
    ));
    sink.store(Arc::new(u)).await.unwrap();
    let text = std::fs::read_to_string(dir.join("records-00000001.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["kind"], "usage");
    assert_eq!(lines[0]["raw"], json!({"id": 1, "traffic_type_id": 5}));
    assert_eq!(lines[1]["kind"], "rejected");
    assert_eq!(lines[1]["id"], "2");
    assert_eq!(lines[1]["field"], "record");
    assert_eq!(lines[1]["raw"], json!({"id": 2, "colour": "blue"}));
    assert_eq!(lines[2]["kind"], "rejected");
    assert_eq!(lines[2]["body_base64"], "77u/W10=");
    assert_eq!(lines[2]["reason"], "the body is not JSON");
    for (line, key) in text.lines().zip(
        std::fs::read_to_string(dir.join("records-00000001.ids"))
            .unwrap()
            .lines(),
    ) {
        assert_eq!(line_key(line).unwrap().to_string(), key);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The binary under a file-size limit (`ulimit -f`, SIGXFSZ ignored so a
/// write past it fails with EFBIG as on a full disk).
fn spawn_binary(out: &Path, port: u16, limit_kib: Option<u32>) -> tokio::process::Child {
    let bin = env!("CARGO_BIN_EXE_once-streamer");
    let limit = limit_kib
        .map(|k| format!("ulimit -f {k}; "))
        .unwrap_or_default();
    let script = format!(
        "trap '' XFSZ; {limit}exec '{bin}' --listen 127.0.0.1:{port} --username 1nce --out '{}'",
        out.display()
    );
    // Its stderr is a file already past the size limit (as a CI log is):
    // every log line fails with EFBIG, and the receiver must serve anyway.
    let log_path = out.with_extension("stderr.log");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&log_path, vec![b'.'; 20 * 1024]).unwrap();
    let log = std::fs::OpenOptions::new()
        .append(true)
        .open(&log_path)
        .unwrap();
    tokio::process::Command::new("bash")
        .args(["-c", &script])
        .env("ONCE_STREAMER_PASSWORD", "pw")
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

async fn post(port: u16, body: Vec<u8>) -> Option<u16> {
    let auth = BasicCredentials::new("1nce", "pw").header_value();
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/"))
        .header("authorization", auth)
        .body(body)
        .send()
        .await
        .ok()
        .map(|r| r.status().as_u16())
}

async fn post_when_up(port: u16, body: Vec<u8>) -> u16 {
    for _ in 0..400 {
        if let Some(status) = post(port, body.clone()).await {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the receiver did not come up");
}

async fn stop(mut child: tokio::process::Child) {
    let pid = child.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let exit = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_full_disk_mid_write_leaves_nothing_behind_and_the_retry_stores_once() {
    let dir = temp_dir("full");
    let out = dir.join("records");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = spawn_binary(&out, port, Some(16));
    // Batches of 10 records (about 3 kB of lines) until the 16 KiB limit
    // makes one fail.
    let mut acked = Vec::new();
    let mut failed = None;
    for wave in 0..40u64 {
        let ids: Vec<u64> = (wave * 10 + 1..=wave * 10 + 10).collect();
        match post_when_up(port, body(ids.clone())).await {
            200 => acked.push(ids),
            503 => {
                failed = Some(ids);
                break;
            }
            other => panic!("unexpected {other}"),
        }
    }
    let failed = failed.expect("the file-size limit was never reached");
    assert!(!acked.is_empty());
    stop(child).await;
    // Nothing half-written: every line whole, one key per line.
    let data = std::fs::read_to_string(out.join("records-00000001.jsonl")).unwrap();
    assert!(data.ends_with('\n'));
    assert_eq!(data.lines().count(), acked.len() * 10);
    for line in data.lines() {
        serde_json::from_str::<Value>(line).unwrap();
    }
    let ids = std::fs::read_to_string(out.join("records-00000001.ids")).unwrap();
    assert_eq!(ids.lines().count(), acked.len() * 10);
    // Restarted with room: 1NCE's retry of the failed batch is stored once,
    // a retransmission of an acknowledged one not again.
    let child = spawn_binary(&out, port, None);
    assert_eq!(post_when_up(port, body(failed.clone())).await, 200);
    assert_eq!(post_when_up(port, body(acked[0].clone())).await, 200);
    stop(child).await;
    let mut stored: Vec<u64> = files(&out, "jsonl")
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(|l| line_key(l).unwrap().id.as_u64().unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    stored.sort_unstable();
    let mut want: Vec<u64> = acked.into_iter().flatten().chain(failed).collect();
    want.sort_unstable();
    assert_eq!(stored, want);
    std::fs::remove_dir_all(&dir).unwrap();
}
