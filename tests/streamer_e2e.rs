//! Sandbox → receiver, end to end, with the receiver misbehaving: 500s,
//! answers slower than the sender waits, connections dropped after the
//! batch was stored and before it reached the receiver, and a receiver
//! restart. Every record the sandbox emitted is stored exactly once.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use once_sandbox::{Sandbox, StreamConfig, StreamState};
use once_streamer::{BasicCredentials, JsonLinesSink, Receiver, ReceiverConfig};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

mod stream_support;
use stream_support::{
    assert_every_fault_met, forward, read_request, reply, serve, traffic, wait_for, Dropped, Fault,
    Reply,
};

/// The proxy: each request meets the next fault of its plan.
#[derive(Clone)]
struct Proxy {
    target: Arc<Mutex<String>>,
    plan: Arc<Mutex<VecDeque<Fault>>>,
    hits: Arc<Mutex<BTreeMap<Fault, u32>>>,
    http: reqwest::Client,
}

impl Proxy {
    async fn handle(self, req: hyper::Request<hyper::body::Incoming>) -> Reply {
        let fault = self.plan.lock().unwrap().pop_front().unwrap_or(Fault::Pass);
        *self.hits.lock().unwrap().entry(fault).or_default() += 1;
        let (auth, body) = read_request(req).await?;
        match fault {
            Fault::Status500 => return reply(500, Bytes::new()),
            Fault::DropBeforeForward => return Err(Dropped),
            _ => {}
        }
        let url = self.target.lock().unwrap().clone();
        let (status, answer) = forward(&self.http, &url, auth, body).await?;
        match fault {
            Fault::DropAfterForward => Err(Dropped),
            Fault::Slow => {
                tokio::time::sleep(Duration::from_millis(800)).await;
                reply(status, answer)
            }
            _ => reply(status, answer),
        }
    }
}

struct RunningReceiver {
    receiver: Receiver<JsonLinesSink>,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    url: String,
}

async fn start_receiver(out: &PathBuf) -> RunningReceiver {
    let config = ReceiverConfig::new(BasicCredentials::new("1nce", "stream-secret"));
    let receiver = Receiver::new(config, JsonLinesSink::dir(out).unwrap());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/stream", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let r = receiver.clone();
    let task = tokio::spawn(async move {
        r.serve(listener, async {
            let _ = stopped.await;
        })
        .await
    });
    RunningReceiver {
        receiver,
        stop,
        task,
        url,
    }
}

/// Every JSON line the sink wrote, segment after segment.
fn read_segments(dir: &PathBuf) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// The bound of every wait.
const BOUND: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_record_is_stored_exactly_once_through_faults_and_a_restart() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("streamer-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("records");
    let _ = std::fs::remove_dir_all(&out);

    let first = start_receiver(&out).await;
    let plan = [
        Fault::Pass,
        Fault::Status500,
        Fault::Slow,
        Fault::Pass,
        Fault::DropAfterForward,
        Fault::DropBeforeForward,
        Fault::Pass,
        Fault::Status500,
        Fault::DropAfterForward,
        Fault::Slow,
    ];
    let proxy = Proxy {
        target: Arc::new(Mutex::new(first.url.clone())),
        plan: Arc::new(Mutex::new(plan.iter().copied().cycle().take(60).collect())),
        hits: Arc::default(),
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
    };
    let p = proxy.clone();
    let proxy_addr = serve(move |req| p.clone().handle(req)).await;

    let sandbox = Sandbox::builder().sims(40).seed(19).start().await.unwrap();
    let auth = BasicCredentials::new("1nce", "stream-secret").header_value();
    sandbox.stream_to(
        StreamConfig::new(format!("http://{proxy_addr}/stream"), auth)
            .interval(Duration::from_millis(20))
            .batch_size(25)
            .timeout(Duration::from_millis(300))
            .backoff(Duration::from_millis(10), Duration::from_millis(80))
            .max_failures(1000),
    );

    traffic(&sandbox, 0);
    traffic(&sandbox, 1);
    wait_for("half the records delivered", BOUND, || {
        let s = sandbox.stream_stats();
        s.records_delivered > 0 && s.pending < sandbox.streamed_records().len() / 2
    })
    .await;

    // Restart: the first receiver drains and stops; while it is down the
    // sender's posts fail; a new one on the same file takes over.
    first.stop.send(()).unwrap();
    first.task.await.unwrap().unwrap();
    let before_restart = first.receiver.stats();
    traffic(&sandbox, 2);
    tokio::time::sleep(Duration::from_millis(150)).await;
    let second = start_receiver(&out).await;
    *proxy.target.lock().unwrap() = second.url.clone();
    traffic(&sandbox, 3);

    wait_for("every record delivered", BOUND, || {
        sandbox.stream_stats().pending == 0
    })
    .await;
    second.stop.send(()).unwrap();
    second.task.await.unwrap().unwrap();

    // Every record emitted, stored exactly once.
    let text = read_segments(&out);
    let mut stored: BTreeMap<(String, u64), u32> = BTreeMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let kind = v["kind"].as_str().unwrap().to_string();
        let id: u64 = v["id"].as_str().unwrap().parse().unwrap();
        *stored.entry((kind, id)).or_default() += 1;
    }
    let emitted: BTreeMap<(String, u64), u32> = sandbox
        .streamed_records()
        .iter()
        .map(|(k, id)| ((k.as_str().to_string(), *id), 1))
        .collect();
    assert_eq!(
        emitted.len(),
        sandbox.streamed_records().len(),
        "sandbox ids repeat"
    );
    let doubled: Vec<_> = stored.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "stored twice: {doubled:?}");
    assert_eq!(stored, emitted);
    let kinds: std::collections::BTreeSet<&str> = stored.keys().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["event", "mo_sms", "usage"],
        "the traffic makes events, usage and MO SMS"
    );

    // The faults did happen, and retransmissions reached the receivers.
    assert_every_fault_met(&proxy.hits.lock().unwrap());
    let after = second.receiver.stats();
    assert!(
        before_restart.duplicates_dropped + after.duplicates_dropped > 0,
        "no retransmission was deduplicated"
    );
    let s = sandbox.stream_stats();
    assert_eq!(s.state, StreamState::Running);
    assert!(s.failed_attempts > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn sms_delivery_reports_flow_to_the_receiver() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("streamer-dr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("records");
    let _ = std::fs::remove_dir_all(&out);
    let receiver = start_receiver(&out).await;
    let sandbox = Sandbox::builder()
        .sims(2)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let auth = BasicCredentials::new("1nce", "stream-secret").header_value();
    sandbox.stream_to(StreamConfig::new(&receiver.url, auth).interval(Duration::from_millis(20)));
    let client = sandbox.client().unwrap();
    let iccid = sandbox.iccids()[0].clone();
    sandbox.set_online(&iccid, true).unwrap();
    client
        .sms()
        .send(&iccid, once_sdk::Sms::text("ping"))
        .await
        .unwrap();
    wait_for("delivery", BOUND, || {
        sandbox.stream_stats().pending == 0 && !sandbox.streamed_records().is_empty()
    })
    .await;
    let text = read_segments(&out);
    let report: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["kind"] == "sms_delivery_report")
        .expect("a delivery report");
    assert_eq!(report["status"], "DELIVERED");
    assert_eq!(report["endpoint_name"], iccid.as_str());
    std::fs::remove_dir_all(&dir).unwrap();
}
