//! The receiver over HTTP: auth, caps, dedupe, answers, drain.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use once_streamer::{
    handler_fn, BasicCredentials, Delivery, JsonLinesSink, Receiver, ReceiverConfig, RecordSink,
    SinkError,
};
use serde_json::{json, Value};
use tokio::sync::{oneshot, Notify};

fn creds() -> BasicCredentials {
    BasicCredentials::new("1nce", "streamer-secret")
}

fn usage(id: u64) -> Value {
    json!({"id": id, "traffic_type": {"id": 5, "description": "Data"},
           "start_timestamp": "2026-11-20T08:00:00Z", "end_timestamp": "2026-11-20T08:14:10Z",
           "volume": {"total": 0.5, "tx": 0.1, "rx": 0.4},
           "sim": {"iccid": "8988280666000000017"}})
}

fn body(ids: impl IntoIterator<Item = u64>) -> Vec<u8> {
    serde_json::to_vec(&ids.into_iter().map(usage).collect::<Vec<_>>()).unwrap()
}

type Log = Arc<Mutex<Vec<Arc<Delivery>>>>;

/// A sink that records deliveries; fails while `fail` is set; waits for
/// `gate` when given.
#[derive(Clone, Default)]
struct TestSink {
    log: Log,
    fail: Arc<Mutex<bool>>,
    gate: Option<Arc<Notify>>,
    /// Deliveries that reached the sink (before the gate).
    entered: Arc<std::sync::atomic::AtomicUsize>,
}

impl RecordSink for TestSink {
    async fn store(&self, d: Arc<Delivery>) -> Result<(), SinkError> {
        self.entered
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Some(g) = &self.gate {
            g.notified().await;
        }
        if *self.fail.lock().unwrap() {
            return Err(SinkError::new("disk full"));
        }
        self.log.lock().unwrap().push(d);
        Ok(())
    }
}

impl TestSink {
    /// Waits until `n` deliveries reached the sink.
    async fn wait_entered(&self, n: usize) {
        while self.entered.load(std::sync::atomic::Ordering::SeqCst) < n {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    fn stored_ids(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .flat_map(|d| d.records.iter().map(|r| r.id().to_string()))
            .collect()
    }
}

struct Running<S: RecordSink> {
    url: String,
    receiver: Receiver<S>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start<S: RecordSink>(config: ReceiverConfig, sink: S) -> Running<S> {
    let receiver = Receiver::new(config, sink);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/1nce/stream", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let r = receiver.clone();
    let task = tokio::spawn(async move {
        r.serve(listener, async {
            let _ = stopped.await;
        })
        .await
    });
    Running {
        url,
        receiver,
        stop: Some(stop),
        task,
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn post(url: &str, auth: Option<&str>, body: Vec<u8>) -> reqwest::Response {
    let mut req = http()
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn credentials_are_required() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let wrong = BasicCredentials::new("1nce", "guess").header_value();
    for auth in [None, Some(wrong.as_str()), Some("Bearer x")] {
        let resp = post(&r.url, auth, body([1])).await;
        assert_eq!(resp.status(), 401);
        assert_eq!(
            resp.headers()["www-authenticate"],
            "Basic realm=\"once-streamer\""
        );
    }
    assert!(sink.stored_ids().is_empty());
    assert_eq!(r.receiver.stats().unauthorized, 3);
    let resp = post(&r.url, Some(&creds().header_value()), body([1])).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(sink.stored_ids(), ["1"]);
}

#[tokio::test]
async fn retransmissions_are_dropped_and_bad_records_reported() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    assert_eq!(
        post(&r.url, Some(&auth), body([1, 2, 3])).await.status(),
        200
    );
    assert_eq!(
        post(&r.url, Some(&auth), body([2, 3, 4, 4])).await.status(),
        200
    );
    assert_eq!(
        post(&r.url, Some(&auth), body([1, 2, 3, 4])).await.status(),
        200
    );
    assert_eq!(sink.stored_ids(), ["1", "2", "3", "4"]);
    let mixed = serde_json::to_vec(&json!([usage(5), {"id": 6, "traffic_type_id": 5,
        "volume": {"total": "lots"}}, {"id": 8, "colour": "blue"}, usage(7)]))
    .unwrap();
    assert_eq!(post(&r.url, Some(&auth), mixed).await.status(), 200);
    let log = sink.log.lock().unwrap().clone();
    let last = log.last().unwrap();
    // An optional field the SDK cannot read keeps its record (noted as unread).
    assert_eq!(last.records.len(), 3);
    assert_eq!(last.records[1].unread()[0].field, "volume_total");
    assert_eq!(last.rejected.len(), 1);
    assert_eq!(last.rejected[0].index, 2);
    assert_eq!(last.rejected[0].error.field, "record");
    assert_eq!(last.rejected[0].raw.as_str(), r#"{"colour":"blue","id":8}"#);
    let s = r.receiver.stats();
    assert_eq!(
        (s.records_stored, s.duplicates_dropped, s.records_rejected),
        (7, 7, 1)
    );
    assert_eq!(s.acknowledged, 4);
    // Not a batch at all, but whole: acknowledged once stored whole, with
    // the reason (1NCE would only fail the stream on resending it).
    assert_eq!(
        post(&r.url, Some(&auth), b"{not json".to_vec())
            .await
            .status(),
        200
    );
    let log = sink.log.lock().unwrap().clone();
    let u = log.last().unwrap().unreadable.clone().unwrap();
    assert_eq!(&u.body[..], b"{not json");
    assert!(u.reason.contains("not JSON"), "{}", u.reason);
    assert_eq!(r.receiver.stats().bodies_unreadable, 1);
}

#[tokio::test]
async fn the_dedupe_window_is_configurable() {
    let sink = TestSink::default();
    let config = ReceiverConfig::new(creds()).dedupe_window(Duration::ZERO);
    let r = start(config, sink.clone()).await;
    let auth = creds().header_value();
    post(&r.url, Some(&auth), body([1])).await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    post(&r.url, Some(&auth), body([1])).await;
    assert_eq!(sink.stored_ids(), ["1", "1"]);
}

#[tokio::test]
async fn three_thousand_records_fit_and_larger_bodies_get_413() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    // Full-size records: a Platform 2.0 event with its PDP context.
    let events: Vec<Value> = (0..3000u64)
        .map(|i| json!({"id": i, "timestamp": "2026-11-20T08:00:01Z",
            "event_type": {"id": 3, "description": "Create PDP Context"},
            "event_severity": {"id": 0, "description": "INFO"},
            "event_source": {"id": 0, "description": "Network"},
            "organisation": {"id": 4567, "name": "81000000"}, "alert": false,
            "description": "PDP Context created for the endpoint with the ICCID 8988280666000000017",
            "imsi": {"id": 7000017, "imsi": "901405100000017", "import_date": "2025-03-01T10:00:00Z"},
            "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017",
                    "production_date": "2025-03-01T10:00:00Z"},
            "endpoint": {"id": 900017, "name": "pump-17", "ip_address": "10.20.0.17",
                         "imei": "3598004029786504", "tags": null},
            "detail": {"id": 2, "name": "Telekom Deutschland GmbH",
              "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
              "pdp_context": {"pdp_context_id": "1", "tunnel_created": "2026-11-20T08:00:01.000+0000",
                "gtp_version": "2", "ggsn_control_plane_ip_address": "185.90.100.1",
                "ggsn_data_plane_ip_address": "185.90.100.2", "sgsn_control_plane_ip_address": "80.187.1.1",
                "sgsn_data_plane_ip_address": "80.187.1.2", "region": "eu-central-1",
                "breakout_ip": "185.90.100.77", "apn": "iot.1nce.net", "nsapi": 5,
                "ue_ip_address": "10.20.0.17", "imeisv": "3598004029786504", "mcc": "262",
                "mnc": "01", "lac": 1234, "sac": null, "rac": 1, "ci": 5678, "rat_type": 6,
                "tariff_id": "398", "ratezone_id": "2067", "operator_id": "2",
                "ipcan_session_id": "3f1c2a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c"}}}))
        .collect();
    let big = serde_json::to_vec(&events).unwrap();
    let resp = post(&r.url, Some(&auth), big.clone()).await;
    assert_eq!(resp.status(), 200, "{} bytes", big.len());
    assert_eq!(sink.stored_ids().len(), 3000);

    let small = start(
        ReceiverConfig::new(creds()).max_body_bytes(1000),
        TestSink::default(),
    )
    .await;
    assert_eq!(
        post(&small.url, Some(&auth), body(0..40)).await.status(),
        413
    );
    assert_eq!(post(&small.url, Some(&auth), body([1])).await.status(), 200);
    assert_eq!(small.receiver.stats().too_large, 1);
}

#[tokio::test]
async fn storage_failures_get_503_and_the_records_come_through_later() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    *sink.fail.lock().unwrap() = true;
    let resp = post(&r.url, Some(&auth), body([1, 2])).await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["retry-after"], "5");
    *sink.fail.lock().unwrap() = false;
    assert_eq!(post(&r.url, Some(&auth), body([1, 2])).await.status(), 200);
    assert_eq!(sink.stored_ids(), ["1", "2"]);
}

#[tokio::test]
async fn overload_gets_503_never_a_redirect() {
    let gate = Arc::new(Notify::new());
    let sink = TestSink {
        gate: Some(Arc::clone(&gate)),
        ..TestSink::default()
    };
    let r = start(ReceiverConfig::new(creds()).max_in_flight(1), sink.clone()).await;
    let auth = creds().header_value();
    let url = r.url.clone();
    let a2 = auth.clone();
    let first = tokio::spawn(async move { post(&url, Some(&a2), body([1])).await.status() });
    sink.wait_entered(1).await;
    assert_eq!(post(&r.url, Some(&auth), body([2])).await.status(), 503);
    gate.notify_one();
    assert_eq!(first.await.unwrap(), 200);
    // Other methods and paths: never 3xx.
    let get = http().get(&r.url).send().await.unwrap();
    assert_eq!(get.status(), 405);
    let root = r.url.replace("/1nce/stream", "/");
    gate.notify_one();
    assert_eq!(post(&root, Some(&auth), body([3])).await.status(), 200);
    assert_eq!(sink.stored_ids(), ["1", "3"]);
}

#[tokio::test]
async fn a_record_being_stored_is_not_stored_twice_by_a_parallel_retransmission() {
    let gate = Arc::new(Notify::new());
    let sink = TestSink {
        gate: Some(Arc::clone(&gate)),
        ..TestSink::default()
    };
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    let (url, a2) = (r.url.clone(), auth.clone());
    let first = tokio::spawn(async move { post(&url, Some(&a2), body([1, 2])).await.status() });
    sink.wait_entered(1).await;
    assert_eq!(post(&r.url, Some(&auth), body([2, 3])).await.status(), 503);
    gate.notify_one();
    assert_eq!(first.await.unwrap(), 200);
    gate.notify_one();
    assert_eq!(post(&r.url, Some(&auth), body([2, 3])).await.status(), 200);
    assert_eq!(sink.stored_ids(), ["1", "2", "3"]);
}

#[tokio::test]
async fn shutdown_drains_batches_in_flight() {
    let gate = Arc::new(Notify::new());
    let sink = TestSink {
        gate: Some(Arc::clone(&gate)),
        ..TestSink::default()
    };
    let mut r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    let (url, a2) = (r.url.clone(), auth.clone());
    let first = tokio::spawn(async move { post(&url, Some(&a2), body([1, 2])).await.status() });
    sink.wait_entered(1).await;
    r.stop.take().unwrap().send(()).unwrap();
    // The receiver has acted on the stop once it refuses new connections.
    let addr = addr_of(&r.url);
    let mut refused = false;
    for _ in 0..1000 {
        if tokio::net::TcpStream::connect(&addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        refused,
        "the receiver still takes connections after the stop"
    );
    assert!(
        !r.task.is_finished(),
        "serve returned with a batch in flight"
    );
    gate.notify_one();
    assert_eq!(first.await.unwrap(), 200);
    r.task.await.unwrap().unwrap();
    assert_eq!(sink.stored_ids(), ["1", "2"]);
}

#[tokio::test]
async fn json_lines_survive_a_restart_without_doubles() {
    let dir = std::env::temp_dir().join(format!("once-streamer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("restart");
    let _ = std::fs::remove_dir_all(&path);
    let auth = creds().header_value();
    {
        let r = start(
            ReceiverConfig::new(creds()),
            JsonLinesSink::dir(&path).unwrap(),
        )
        .await;
        assert_eq!(post(&r.url, Some(&auth), body([1, 2])).await.status(), 200);
    }
    let r = start(
        ReceiverConfig::new(creds()),
        JsonLinesSink::dir(&path).unwrap(),
    )
    .await;
    assert_eq!(r.receiver.remembered_ids(), 2);
    assert_eq!(post(&r.url, Some(&auth), body([2, 3])).await.status(), 200);
    let text = std::fs::read_to_string(path.join("records-00000001.jsonl")).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(lines[0]["kind"], "usage");
    assert_eq!(lines[0]["iccid"], "8988280666000000017");
    assert_eq!(lines[0]["raw"]["volume"]["total"], 0.5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn handler_fn_is_a_sink() {
    let seen = Arc::new(Mutex::new(0usize));
    let s2 = Arc::clone(&seen);
    let sink = handler_fn(move |d: Arc<Delivery>| {
        let s = Arc::clone(&s2);
        async move {
            *s.lock().unwrap() += d.records.len();
            Ok(())
        }
    });
    let r = start(ReceiverConfig::new(creds()), sink).await;
    let auth = creds().header_value();
    assert_eq!(
        post(&r.url, Some(&auth), body([1, 2, 3])).await.status(),
        200
    );
    assert_eq!(*seen.lock().unwrap(), 3);
}

// A hostile or careless peer: stalls, cuts, compression, odd bodies.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn addr_of(url: &str) -> String {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

/// Sends `head` (and whatever body bytes follow it) on a fresh connection.
async fn raw(url: &str, bytes: &[u8]) -> tokio::net::TcpStream {
    let mut s = tokio::net::TcpStream::connect(addr_of(url)).await.unwrap();
    s.write_all(bytes).await.unwrap();
    s
}

fn post_head(auth: &str, content_length: usize, extra: &str) -> String {
    format!(
        "POST /1nce/stream HTTP/1.1\r\nhost: x\r\nauthorization: {auth}\r\n\
         content-type: application/json\r\ncontent-length: {content_length}\r\n{extra}\r\n"
    )
}

/// Reads until the server closes, or 30 s (a guard against hanging, not a
/// timing check); returns what was read and whether the server closed.
async fn read_until_closed(s: &mut tokio::net::TcpStream) -> (String, bool) {
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut buf)).await;
    (String::from_utf8_lossy(&buf).into_owned(), read.is_ok())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

async fn post_with(url: &str, auth: &str, headers: &[(&str, &str)], body: Vec<u8>) -> u16 {
    let mut req = http().post(url).header("authorization", auth).body(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn stalled_uploads_do_not_hold_the_storing_slots() {
    let sink = TestSink::default();
    let config = ReceiverConfig::new(creds())
        .max_in_flight(1)
        .read_timeout(Duration::from_millis(500));
    let r = start(config, sink.clone()).await;
    let auth = creds().header_value();
    // Eight uploads that send a tenth of their body and stall.
    let mut stalled = Vec::new();
    for _ in 0..8 {
        let mut head = post_head(&auth, 1000, "").into_bytes();
        head.extend_from_slice(b"[{\"id\": 1,");
        stalled.push(raw(&r.url, &head).await);
    }
    while r.receiver.stats().requests < 8 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // A real batch meanwhile is stored, not turned away.
    assert_eq!(post(&r.url, Some(&auth), body([1, 2])).await.status(), 200);
    assert_eq!(sink.stored_ids(), ["1", "2"]);
    // Each stall ends in 408, and nothing of them is stored.
    for s in &mut stalled {
        let (answer, closed) = read_until_closed(s).await;
        assert!(closed, "the server kept a stalled upload open");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
    let stats = r.receiver.stats();
    assert_eq!((stats.timeouts, stats.acknowledged), (8, 1));
    assert_eq!(sink.stored_ids(), ["1", "2"]);
}

#[tokio::test]
async fn a_stalled_header_is_disconnected() {
    let config = ReceiverConfig::new(creds()).header_timeout(Duration::from_millis(300));
    let r = start(config, TestSink::default()).await;
    let mut s = raw(&r.url, b"POST /1nce/stream HTTP/1.1\r\nhost: x\r\n").await;
    let (_, closed) = read_until_closed(&mut s).await;
    assert!(
        closed,
        "a connection that never finished its headers stayed open"
    );
    assert_eq!(r.receiver.stats().requests, 0);
}

#[tokio::test]
async fn a_body_cut_short_is_never_acknowledged() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    let whole = body([1, 2, 3]);
    let mut bytes = post_head(&auth, whole.len(), "").into_bytes();
    bytes.extend_from_slice(&whole[..whole.len() / 2]);
    let mut s = raw(&r.url, &bytes).await;
    s.shutdown().await.unwrap();
    let (answer, _) = read_until_closed(&mut s).await;
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(r.receiver.stats().acknowledged, 0);
    assert_eq!(r.receiver.stats().bad_bodies, 1);
    assert!(sink.stored_ids().is_empty());
}

#[tokio::test]
async fn gzip_is_read_with_the_cap_on_what_it_expands_to() {
    let sink = TestSink::default();
    let config = ReceiverConfig::new(creds()).max_body_bytes(20_000);
    let r = start(config, sink.clone()).await;
    let auth = creds().header_value();
    let gz = [("content-encoding", "gzip")];
    assert_eq!(
        post_with(&r.url, &auth, &gz, gzip(&body([1, 2, 3]))).await,
        200
    );
    assert_eq!(sink.stored_ids(), ["1", "2", "3"]);
    // 1 MB of spaces is about 1 kB of gzip: refused once past the cap.
    let mut bomb = b"[".to_vec();
    bomb.extend(std::iter::repeat_n(b' ', 1_000_000));
    bomb.push(b']');
    let small = gzip(&bomb);
    assert!(small.len() < 20_000);
    assert_eq!(post_with(&r.url, &auth, &gz, small).await, 413);
    // Not gzip at all: kept whole with the reason, acknowledged.
    assert_eq!(
        post_with(&r.url, &auth, &gz, b"[{\"id\": 9}]".to_vec()).await,
        200
    );
    let last = sink.log.lock().unwrap().last().cloned().unwrap();
    let u = last.unreadable.as_ref().unwrap();
    assert_eq!(&u.body[..], b"[{\"id\": 9}]");
    assert!(u.reason.starts_with("gzip"), "{}", u.reason);
    // An encoding the receiver cannot undo: refused, so 1NCE can tell.
    let br = [("content-encoding", "br")];
    assert_eq!(post_with(&r.url, &auth, &br, body([4])).await, 415);
    let stats = r.receiver.stats();
    assert_eq!(
        (
            stats.too_large,
            stats.unsupported_encoding,
            stats.bodies_unreadable
        ),
        (1, 1, 1)
    );
    assert_eq!(sink.stored_ids(), ["1", "2", "3"]);
}

#[tokio::test]
async fn records_per_request_are_capped_and_odd_shapes_accepted() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()).max_records(100), sink.clone()).await;
    let auth = creds().header_value();
    let tiny = |n: u64| {
        let records: Vec<Value> = (0..n)
            .map(|i| json!({"id": 1000 + i, "traffic_type_id": 6}))
            .collect();
        serde_json::to_vec(&records).unwrap()
    };
    assert_eq!(post(&r.url, Some(&auth), tiny(101)).await.status(), 413);
    assert_eq!(post(&r.url, Some(&auth), tiny(100)).await.status(), 200);
    assert_eq!(sink.stored_ids().len(), 100);
    // One object is a batch of one; an empty array is acknowledged.
    let one = serde_json::to_vec(&usage(7)).unwrap();
    assert_eq!(post(&r.url, Some(&auth), one).await.status(), 200);
    assert_eq!(
        post(&r.url, Some(&auth), b"[]".to_vec()).await.status(),
        200
    );
    assert_eq!(sink.stored_ids().len(), 101);
    assert_eq!(r.receiver.stats().acknowledged, 3);
}

#[tokio::test]
async fn whole_bodies_that_do_not_parse_are_kept_once() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let auth = creds().header_value();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(body([1]));
    let mut stray = body([2]);
    stray.push(b'x');
    let bodies = [bom, b"[\xff\xfe]".to_vec(), stray];
    for b in &bodies {
        assert_eq!(post(&r.url, Some(&auth), b.clone()).await.status(), 200);
    }
    // Sent again (our 200 lost on the way): not stored twice.
    assert_eq!(
        post(&r.url, Some(&auth), bodies[1].clone()).await.status(),
        200
    );
    let log = sink.log.lock().unwrap().clone();
    let kept: Vec<&[u8]> = log
        .iter()
        .filter_map(|d| d.unreadable.as_ref().map(|u| &u.body[..]))
        .collect();
    assert_eq!(kept, bodies.iter().map(|b| &b[..]).collect::<Vec<_>>());
    let stats = r.receiver.stats();
    assert_eq!((stats.bodies_unreadable, stats.duplicates_dropped), (3, 1));
    assert!(sink.stored_ids().is_empty());
}

#[tokio::test]
async fn healthz_answers_without_credentials_and_follows_the_sink() {
    let sink = TestSink::default();
    let r = start(ReceiverConfig::new(creds()), sink.clone()).await;
    let base = r.url.trim_end_matches("/1nce/stream").to_string();
    let get = |url: String| async move { http().get(url).send().await.unwrap().status().as_u16() };
    assert_eq!(get(format!("{base}/healthz")).await, 200);
    // Any other GET is still refused, and not counted as a batch.
    assert_eq!(get(format!("{base}/1nce/stream")).await, 405);
    assert_eq!(r.receiver.stats().acknowledged, 0);
}
