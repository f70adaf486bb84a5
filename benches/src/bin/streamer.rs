//! Data Streamer benchmarks: decode rate of a 3,000-record batch (the SDK's
//! typed decoder vs `serde_json::Value` vs Python's `json.loads`), and
//! records per second through the once-streamer receiver (auth + dedupe)
//! vs nginx taking the same POSTs.
//!
//! `cargo run --release -p once-bench --bin streamer` (prints markdown).
//! `ONCE_BENCH_PYTHON` picks the Python for `json.loads` (default
//! `python3`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use once_sdk::streamer::decode_batch;
use once_streamer::{handler_fn, BasicCredentials, Delivery, Receiver, ReceiverConfig, SinkError};
use serde_json::{json, Value};

const RECORDS: usize = 3000;
const ROUNDS: usize = 7;

fn usage(id: u64) -> Value {
    json!({"id": id, "start_timestamp": "2026-11-20T08:00:00Z", "end_timestamp": "2026-11-20T08:14:10Z",
     "traffic_type": {"id": 5, "description": "Data"},
     "volume": {"total": 0.734, "tx": 0.112, "rx": 0.622}, "cost": 0.734,
     "imsi": "901405100000017", "imsi_id": 7000017,
     "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017",
             "production_date": "2025-03-01T10:00:00Z"},
     "endpoint": {"id": 900017, "name": "pump-17", "ip_address": "10.20.0.17",
                  "imei": "3598004029786504", "tags": null, "balance": null},
     "organisation": {"id": 4567, "name": "81000000"},
     "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                  "country": {"id": 74, "mcc": "262", "name": "Germany"}},
     "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
     "ipcan_session_id": "3f1c2a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c", "rat_type": 6})
}

fn event(id: u64) -> Value {
    json!({"id": id, "timestamp": "2026-11-20T08:00:01.000+0000",
        "event_type": {"id": 3, "description": "Create PDP Context"},
        "event_severity": {"id": 0, "description": "INFO"},
        "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": false,
        "description": "PDP Context created",
        "imsi": {"id": 7000017, "imsi": "901405100000017", "import_date": "2025-03-01T10:00:00Z"},
        "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017"},
        "endpoint": {"id": 900017, "name": "pump-17", "imei": "3598004029786504", "tags": null},
        "detail": {"id": 2, "name": "Telekom", "country": {"id": 74, "mcc": "262", "name": "Germany"},
          "pdp_context": {"pdp_context_id": "1", "gtp_version": "2", "apn": "iot.1nce.net",
            "ue_ip_address": "10.20.0.17", "mcc": "262", "mnc": "01", "lac": "1234", "ci": "5678",
            "rat_type": 6, "ipcan_session_id": "3f1c2a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c"}}})
}

fn batch(first: u64, make: fn(u64) -> Value) -> Vec<u8> {
    let records: Vec<Value> = (first..first + RECORDS as u64).map(make).collect();
    serde_json::to_vec(&records).expect("serializes")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Batches decoded per second by `f`, median of ROUNDS rounds of ~0.5 s.
fn rate(body: &[u8], f: impl Fn(&[u8]) -> usize) -> f64 {
    let mut rates = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_millis(500) {
            assert_eq!(f(body), RECORDS);
            n += 1;
        }
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    median(rates)
}

fn python_rate(python: &str, body: &[u8], code: &str) -> Option<f64> {
    let file = std::env::temp_dir().join(format!("once-bench-stream-{}.json", std::process::id()));
    std::fs::write(&file, body).ok()?;
    let script = format!(
        "import json, sys, time\n{code}\nbody = open(sys.argv[1], 'rb').read()\nrates = []\n\
         for _ in range({ROUNDS}):\n    t = time.perf_counter(); n = 0\n\
         \x20   while time.perf_counter() - t < 0.5:\n        assert len(decode(body)) == {RECORDS}; n += 1\n\
         \x20   rates.append(n / (time.perf_counter() - t))\n\
         print(sorted(rates)[len(rates) // 2])\n"
    );
    let out = std::process::Command::new(python)
        .args(["-c", &script])
        .arg(&file)
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&file);
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn decode_table() {
    let python = std::env::var("ONCE_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    println!("### Decode rate of one {RECORDS}-record body\n");
    println!("| records | body | decoder | batches/s | records/s | vs serde_json::Value |");
    println!("| --- | ---: | --- | ---: | ---: | ---: |");
    for (name, make) in [("usage", usage as fn(u64) -> Value), ("events", event)] {
        let body = batch(1, make);
        let kb = body.len() / 1024;
        let value = rate(&body, |b| {
            serde_json::from_slice::<Value>(b)
                .ok()
                .and_then(|v| v.as_array().map(Vec::len))
                .unwrap_or(0)
        });
        let typed = rate(&body, |b| {
            decode_batch(b).map(|x| x.records.len()).unwrap_or(0)
        });
        let mut rows = vec![
            ("serde_json::from_slice::<Value>", Some(value)),
            ("once_sdk::streamer::decode_batch (typed)", Some(typed)),
            (
                "Python json.loads",
                python_rate(&python, &body, "decode = json.loads"),
            ),
        ];
        rows.retain(|(_, r)| r.is_some());
        for (decoder, r) in rows {
            let r = r.unwrap_or_default();
            println!(
                "| {name} | {kb} KiB | {decoder} | {r:.1} | {:.0} | {:.2} |",
                r * RECORDS as f64,
                r / value
            );
        }
    }
    println!();
}

/// A usage batch whose ids are `99999999jjjjj`: [`with_prefix`] gives each
/// request its own ids.
fn template() -> Vec<u8> {
    let records: Vec<Value> = (0..RECORDS as u64)
        .map(|j| usage(99_999_999 * 100_000 + j))
        .collect();
    serde_json::to_vec(&records).expect("serializes")
}

/// The template with the id prefix replaced by `n` (8 digits).
fn with_prefix(template: &[u8], n: u64) -> Vec<u8> {
    let from = b"\"id\":99999999";
    let to = format!("\"id\":{}", 10_000_000 + n % 89_999_999);
    let mut out = Vec::with_capacity(template.len());
    let mut i = 0;
    while i < template.len() {
        if template[i..].starts_with(from) {
            out.extend_from_slice(to.as_bytes());
            i += from.len();
        } else {
            out.push(template[i]);
            i += 1;
        }
    }
    out
}

/// Posts bodies from `concurrency` tasks for `secs`, each request with new
/// ids except every 10th, which repeats the ids of an earlier request (a
/// retransmission); returns records acknowledged (200) per second.
async fn load(
    url: String,
    auth: String,
    template: Arc<Vec<u8>>,
    next: Arc<AtomicU64>,
    concurrency: usize,
    secs: f64,
) -> f64 {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let acked = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (http, url, auth, template, acked, next) = (
            http.clone(),
            url.clone(),
            auth.clone(),
            Arc::clone(&template),
            Arc::clone(&acked),
            Arc::clone(&next),
        );
        tasks.push(tokio::spawn(async move {
            while start.elapsed().as_secs_f64() < secs {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let ids = if n % 10 == 9 { n - 5 } else { n };
                let body = with_prefix(&template, ids);
                let r = http
                    .post(&url)
                    .header("authorization", &auth)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await;
                if let Ok(r) = r {
                    if r.status() == 200 && r.bytes().await.is_ok() {
                        acked.fetch_add(RECORDS as u64, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    acked.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

fn nginx(dir: &std::path::Path, port: u16) -> Option<std::process::Child> {
    std::fs::create_dir_all(dir.join("logs")).ok()?;
    let conf = format!(
        "worker_processes 2;\nerror_log {0}/logs/error.log;\npid {0}/nginx.pid;\nevents {{ worker_connections 256; }}\n\
         http {{ access_log off; client_max_body_size 32m; client_body_buffer_size 16m;\n\
         client_body_temp_path {0}/body; proxy_temp_path {0}/proxy; fastcgi_temp_path {0}/fcgi;\n\
         uwsgi_temp_path {0}/uwsgi; scgi_temp_path {0}/scgi;\n\
         server {{ listen 127.0.0.1:{1}; location / {{ return 200 'stored'; }} }} }}\n",
        dir.display(),
        port
    );
    std::fs::write(dir.join("nginx.conf"), conf).ok()?;
    std::process::Command::new("nginx")
        .args(["-p"])
        .arg(dir)
        .args(["-c"])
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .spawn()
        .ok()
}

fn receiver_table() {
    let secs = 5.0;
    let concurrency = 4;
    println!("### Records per second through the receiver\n");
    println!("{RECORDS}-record usage bodies (about 2 MB), {concurrency} posters on one client thread, receiver on 2 runtime workers, {secs} s per round, median of 3 rounds; every request has new ids except every 10th, a retransmission of an earlier one.\n");
    println!("| server | records/s acknowledged | vs nginx |");
    println!("| --- | ---: | ---: |");
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let client_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let creds = BasicCredentials::new("1nce", "bench-secret");
    let auth = creds.header_value();
    let template = Arc::new(template());
    let next = Arc::new(AtomicU64::new(0));
    assert!(
        decode_batch(&with_prefix(&template, 7))
            .map(|b| b.records.len())
            .unwrap_or(0)
            == RECORDS
    );
    let (url, _guard) = server_rt.block_on(async {
        let receiver = Receiver::new(
            ReceiverConfig::new(creds.clone()).max_in_flight(64),
            handler_fn(|_d: Arc<Delivery>| async { Ok::<(), SinkError>(()) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("addr"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = receiver
                .serve(listener, async {
                    let _ = stopped.await;
                })
                .await;
        });
        (url, stop)
    });
    let ours: Vec<f64> = (0..3)
        .map(|_| {
            client_rt.block_on(load(
                url.clone(),
                auth.clone(),
                Arc::clone(&template),
                Arc::clone(&next),
                concurrency,
                secs,
            ))
        })
        .collect();
    let ours = median(ours);

    let dir = std::env::temp_dir().join(format!("once-bench-nginx-{}", std::process::id()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18099);
    let theirs = nginx(&dir, port).map(|mut child| {
        std::thread::sleep(Duration::from_millis(500));
        let url = format!("http://127.0.0.1:{port}/");
        let r: Vec<f64> = (0..3)
            .map(|_| {
                client_rt.block_on(load(
                    url.clone(),
                    auth.clone(),
                    Arc::clone(&template),
                    Arc::clone(&next),
                    concurrency,
                    secs,
                ))
            })
            .collect();
        let _ = child.kill();
        let _ = child.wait();
        median(r)
    });
    let _ = std::fs::remove_dir_all(&dir);
    match theirs {
        Some(n) => {
            println!("| once-streamer (Basic auth, decode, dedupe, handler) | {ours:.0} | {:.2} |", ours / n);
            println!("| nginx (`return 200`, body read and discarded) | {n:.0} | 1.00 |");
        }
        None => println!("| once-streamer (Basic auth, decode, dedupe, handler) | {ours:.0} | (nginx not installed) |"),
    }
    println!();
}

fn main() {
    decode_table();
    receiver_table();
}
