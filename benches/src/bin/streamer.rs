//! Data Streamer benchmarks, side by side in one run:
//!
//! - decode rate of a 3,000-record body (Platform 2.0 usage and events, and
//!   the older 1.0 records): the SDK's typed decoder vs
//!   `serde_json::from_slice::<Value>` (and `IgnoredAny`, a parse that
//!   builds nothing, and Python's `json.loads`);
//! - records per second through the once-streamer receiver (Basic auth,
//!   body read, decode, dedupe, a handler that does nothing) vs nginx
//!   reading the same bodies and answering 200, from the same raw
//!   keep-alive HTTP/1.1 load generator at 1, 2, 4 and 8 connections.
//!
//! `cargo build --release -p once-bench --bin streamer`, then
//! `target/release/streamer` (prints markdown). Modes:
//! - no argument: both tables; `decode`, `receiver`: one of them;
//! - `decode-only <usage|events|usage-v1|events-v1> <n> [typed|value|ignored]`:
//!   decodes one body `n` times and nothing else (for
//!   `valgrind --tool=callgrind`);
//! - `load <addr> <connections> <secs> <first> <body file>`: the load
//!   generator, which the receiver table starts as a child process.
//!
//! With 2 cores or more the process pins itself to core 0 (`taskset`), the
//! server (receiver runtime, or nginx with one worker) runs there, and the
//! load generator runs on core 1. `ONCE_BENCH_PYTHON` picks the Python for
//! `json.loads` (default `python3`), `ONCE_BENCH_NGINX` the nginx binary
//! (default `nginx`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use once_sdk::streamer::decode_batch;
use once_streamer::{handler_fn, BasicCredentials, Delivery, Receiver, ReceiverConfig, SinkError};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const RECORDS: usize = 3000;
/// Rounds of the decode table; each decoder runs `DECODE_SLICE` per round,
/// the decoders taking turns (so a burst of load on the machine hits them
/// alike).
const DECODE_ROUNDS: usize = 7;
const DECODE_SLICE: Duration = Duration::from_millis(400);
/// Seconds per load run, and runs per (server, connections).
const LOAD_SECS: f64 = 3.0;
const LOAD_ROUNDS: usize = 5;
const CONNECTIONS: [usize; 4] = [1, 2, 4, 8];
/// Record ids are `ID_PREFIX` followed by the record's index in 5 digits;
/// the load generator overwrites the 8 prefix digits per request.
const ID_PREFIX: u64 = 99_999_999;
const USER: &str = "1nce";
const PASSWORD: &str = "bench-secret";

// --- Records ---------------------------------------------------------------

/// Values that differ from record to record (SIM, IMSI, endpoint, volumes),
/// as in a real batch from a fleet.
struct Sim {
    k: u64,
    imsi: String,
    iccid: String,
    msisdn: String,
    name: String,
    ip: String,
    imei: String,
    session: String,
}

fn sim(id: u64) -> Sim {
    let k = id % 100_000;
    Sim {
        k,
        imsi: format!("9014051{:08}", 10_000 + k),
        iccid: format!("89882806660{:08}", 10_000 + k),
        msisdn: format!("8822851{:08}", 10_000 + k),
        name: format!("pump-{k}"),
        ip: format!("10.20.{}.{}", k / 256 % 256, k % 256),
        imei: format!("35980040{:08}", 29_786_504 + k),
        session: format!("3f1c2a9e-5b7d-4e21-9a0c-{:012x}", k * 7919 + 0x7d8e_6f5a),
    }
}

/// Volumes in MiB with three decimals, `(total, rx, tx)`.
fn volumes(k: u64) -> (f64, f64, f64) {
    let rx = 100 + (k * 37) % 900;
    let tx = 20 + (k * 13) % 200;
    (
        (rx + tx) as f64 / 1000.0,
        rx as f64 / 1000.0,
        tx as f64 / 1000.0,
    )
}

/// A Platform 2.0 usage record as 1NCE sends it: no cost or currency, no
/// `sim.production_date`, volumes in MiB, `detail.pdp_context {rat_type,
/// ipcan_session_id}`.
fn usage_v2(id: u64) -> Value {
    let s = sim(id);
    let (total, rx, tx) = volumes(s.k);
    json!({"id": id, "start_timestamp": "2026-11-20T08:00:00.000Z",
     "end_timestamp": "2026-11-20T08:14:10.000Z",
     "imsi": s.imsi, "imsi_id": 7_000_000 + s.k,
     "organisation": {"id": 4567, "name": "81000000"},
     "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                  "country": {"id": 74, "mcc": "262", "name": "Germany"}},
     "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
     "traffic_type": {"id": 5, "description": "Data"},
     "endpoint": {"id": 900_000 + s.k, "name": s.name, "ip_address": s.ip,
                  "imei": s.imei, "tags": null, "balance": null},
     "sim": {"id": 500_000 + s.k, "iccid": s.iccid, "msisdn": s.msisdn},
     "volume": {"total": total, "rx": rx, "tx": tx},
     "detail": {"pdp_context": {"rat_type": 6, "ipcan_session_id": s.session}}})
}

/// A Platform 2.0 event record: a PDP context created on GTP v1, severity
/// with its description (`WARN`), location under
/// `detail.pdp_context.gtp_v1_uli`, the PDP context fields of 1NCE's docs.
fn event_v2(id: u64) -> Value {
    let s = sim(id);
    json!({"id": id, "timestamp": "2026-11-20T08:00:01.000Z",
        "event_type": {"id": 3, "description": "Create PDP Context"},
        "event_severity": {"id": 1, "description": "WARN"},
        "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": false,
        "description": "PDP Context created",
        "imsi": {"id": 7_000_000 + s.k, "imsi": s.imsi, "import_date": "2025-03-01T10:00:00.000Z"},
        "sim": {"id": 500_000 + s.k, "iccid": s.iccid, "msisdn": s.msisdn},
        "endpoint": {"id": 900_000 + s.k, "name": s.name, "ip_address": s.ip,
                     "imei": s.imei, "tags": null},
        "detail": {"id": 2, "name": "Telekom",
          "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
          "pdp_context": {"pdp_context_id": "1", "tunnel_created": "2026-11-20T08:00:01.000Z",
            "gtp_version": "1",
            "ggsn_control_plane_ip_address": "185.8.208.10",
            "ggsn_data_plane_ip_address": "185.8.208.11",
            "sgsn_control_plane_ip_address": "80.187.1.10",
            "sgsn_data_plane_ip_address": "80.187.1.11",
            "region": "eu-central-1", "breakout_ip": "3.120.1.17", "apn": "iot.1nce.net",
            "nsapi": 5, "ue_ip_address": s.ip, "imeisv": s.imei, "rat_type": 1,
            "ipcan_session_id": s.session,
            "gtp_v1_uli": {"mcc": "262", "mnc": "01", "lac": 1234, "ci": 5678}}}})
}

/// The Platform 1.0 usage record of the earlier benchmark (cost, top-level
/// `ipcan_session_id` and `rat_type`, `sim.production_date`).
fn usage_v1(id: u64) -> Value {
    let s = sim(id);
    let (total, rx, tx) = volumes(s.k);
    json!({"id": id, "start_timestamp": "2026-11-20T08:00:00Z", "end_timestamp": "2026-11-20T08:14:10Z",
     "traffic_type": {"id": 5, "description": "Data"},
     "volume": {"total": total, "tx": tx, "rx": rx}, "cost": total,
     "imsi": s.imsi, "imsi_id": 7_000_000 + s.k,
     "sim": {"id": 500_000 + s.k, "iccid": s.iccid, "msisdn": s.msisdn,
             "production_date": "2025-03-01T10:00:00Z"},
     "endpoint": {"id": 900_000 + s.k, "name": s.name, "ip_address": s.ip,
                  "imei": s.imei, "tags": null, "balance": null},
     "organisation": {"id": 4567, "name": "81000000"},
     "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                  "country": {"id": 74, "mcc": "262", "name": "Germany"}},
     "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
     "ipcan_session_id": s.session, "rat_type": 6})
}

/// The Platform 1.0 event record of the earlier benchmark (severity 0
/// INFO, location without its GTP version).
fn event_v1(id: u64) -> Value {
    let s = sim(id);
    json!({"id": id, "timestamp": "2026-11-20T08:00:01.000+0000",
        "event_type": {"id": 3, "description": "Create PDP Context"},
        "event_severity": {"id": 0, "description": "INFO"},
        "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": false,
        "description": "PDP Context created",
        "imsi": {"id": 7_000_000 + s.k, "imsi": s.imsi, "import_date": "2025-03-01T10:00:00Z"},
        "sim": {"id": 500_000 + s.k, "iccid": s.iccid, "msisdn": s.msisdn},
        "endpoint": {"id": 900_000 + s.k, "name": s.name, "imei": s.imei, "tags": null},
        "detail": {"id": 2, "name": "Telekom", "country": {"id": 74, "mcc": "262", "name": "Germany"},
          "pdp_context": {"pdp_context_id": "1", "gtp_version": "2", "apn": "iot.1nce.net",
            "ue_ip_address": s.ip, "mcc": "262", "mnc": "01", "lac": "1234", "ci": "5678",
            "rat_type": 6, "ipcan_session_id": s.session}}})
}

/// A record template: the record with this id.
type Make = fn(u64) -> Value;

const KINDS: [(&str, Make); 4] = [
    ("usage", usage_v2),
    ("events", event_v2),
    ("usage-v1", usage_v1),
    ("events-v1", event_v1),
];

fn kind(name: &str) -> Make {
    KINDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("unknown record kind {name:?}"))
}

/// A body of `RECORDS` records with ids `ID_PREFIX` followed by the index.
fn batch(make: Make) -> Vec<u8> {
    let records: Vec<Value> = (0..RECORDS as u64)
        .map(|j| make(ID_PREFIX * 100_000 + j))
        .collect();
    serde_json::to_vec(&records).expect("serializes")
}

// --- Decode table ----------------------------------------------------------

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn value_count(b: &[u8]) -> usize {
    serde_json::from_slice::<Value>(b)
        .ok()
        .and_then(|v| v.as_array().map(Vec::len))
        .unwrap_or(0)
}

fn ignored_count(b: &[u8]) -> usize {
    serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(b)
        .map(|v| v.len())
        .unwrap_or(0)
}

fn typed_count(b: &[u8]) -> usize {
    decode_batch(b).map(|x| x.records.len()).unwrap_or(0)
}

/// Batches per second of each decoder, median of `DECODE_ROUNDS` rounds in
/// which the decoders take turns.
fn rates(body: &[u8], decoders: &[fn(&[u8]) -> usize]) -> Vec<f64> {
    let mut per: Vec<Vec<f64>> = vec![Vec::new(); decoders.len()];
    for _ in 0..DECODE_ROUNDS {
        for (f, r) in decoders.iter().zip(per.iter_mut()) {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < DECODE_SLICE {
                assert_eq!(f(body), RECORDS);
                n += 1;
            }
            r.push(n as f64 / start.elapsed().as_secs_f64());
        }
    }
    per.into_iter().map(median).collect()
}

fn python_rate(python: &str, body: &[u8], code: &str) -> Option<f64> {
    let file = std::env::temp_dir().join(format!("once-bench-stream-{}.json", std::process::id()));
    std::fs::write(&file, body).ok()?;
    let script = format!(
        "import json, sys, time\n{code}\nbody = open(sys.argv[1], 'rb').read()\nrates = []\n\
         for _ in range({DECODE_ROUNDS}):\n    t = time.perf_counter(); n = 0\n\
         \x20   while time.perf_counter() - t < 0.5:\n        assert len(decode(body)) == {RECORDS}; n += 1\n\
         \x20   rates.append(n / (time.perf_counter() - t))\n\
         print(sorted(rates)[len(rates) // 2])\n"
    );
    let out = Command::new(python)
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
    println!("Decoders take turns, {DECODE_ROUNDS} rounds of {} ms each, medians (Python: 7 rounds of 0.5 s).\n", DECODE_SLICE.as_millis());
    println!("| records | body | decoder | batches/s | records/s | MB/s | vs serde_json::Value |");
    println!("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
    for (name, make) in KINDS {
        let body = batch(make);
        let decoded = decode_batch(&body).expect("decodes");
        assert!(decoded.rejected.is_empty(), "{:?}", decoded.rejected);
        assert_eq!(decoded.records.len(), RECORDS);
        let unread = decoded
            .records
            .iter()
            .filter(|r| !r.unread().is_empty())
            .count();
        assert_eq!(
            unread, 0,
            "{name}: records with fields the SDK could not read"
        );
        let label = match name {
            "usage" => "usage 2.0",
            "events" => "events 2.0",
            "usage-v1" => "usage 1.0",
            _ => "events 1.0",
        };
        let r = rates(&body, &[value_count, typed_count, ignored_count]);
        let (value, typed, ignored) = (r[0], r[1], r[2]);
        let mut rows = vec![
            ("serde_json::from_slice::<Value>", Some(value)),
            ("once_sdk::streamer::decode_batch (typed)", Some(typed)),
            (
                "serde_json::from_slice::<Vec<IgnoredAny>> (parse only)",
                Some(ignored),
            ),
            (
                "Python json.loads",
                python_rate(&python, &body, "decode = json.loads"),
            ),
        ];
        rows.retain(|(_, r)| r.is_some());
        for (decoder, r) in rows {
            let r = r.unwrap_or_default();
            println!(
                "| {label} | {} KiB | {decoder} | {r:.1} | {:.0} | {:.0} | {:.2} |",
                body.len() / 1024,
                r * RECORDS as f64,
                r * body.len() as f64 / 1e6,
                r / value
            );
        }
    }
    println!();
}

/// Decodes one body `n` times and nothing else, for an instruction profile.
fn decode_only(name: &str, n: usize, decoder: &str) {
    let body = batch(kind(name));
    let f = match decoder {
        "value" => value_count,
        "ignored" => ignored_count,
        _ => typed_count,
    };
    let start = Instant::now();
    for _ in 0..n {
        assert_eq!(f(&body), RECORDS);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{decoder} {name}: {n} x {} bytes in {secs:.3} s, {:.0} records/s",
        body.len(),
        (n * RECORDS) as f64 / secs
    );
}

// --- Load generator ----------------------------------------------------------

/// Offsets of the 8 id-prefix digits of every record in `body`.
fn id_offsets(body: &[u8]) -> Vec<usize> {
    let needle = format!("\"id\":{ID_PREFIX}");
    let needle = needle.as_bytes();
    let mut out = Vec::with_capacity(RECORDS);
    let mut i = 0;
    while let Some(p) = body[i..].windows(needle.len()).position(|w| w == needle) {
        out.push(i + p + 5);
        i += p + needle.len();
    }
    out
}

/// Overwrites the id prefix of every record with `n`'s 8 digits.
fn stamp(request: &mut [u8], offsets: &[usize], n: u64) {
    let digits = format!("{:08}", 10_000_000 + n % 89_999_999);
    for &o in offsets {
        request[o..o + 8].copy_from_slice(digits.as_bytes());
    }
}

fn header_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

fn content_length(head: &[u8]) -> usize {
    let text = String::from_utf8_lossy(head);
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0)
}

#[derive(Default)]
struct Counts {
    ok: AtomicU64,
    other: AtomicU64,
    errors: AtomicU64,
}

/// One keep-alive connection posting `request` (fresh ids each time) until
/// `deadline`; reads the status line, headers and Content-Length body of
/// each answer. Reconnects after an error or a `Connection: close`.
async fn connection(
    addr: String,
    mut request: Vec<u8>,
    offsets: Arc<Vec<usize>>,
    next: Arc<AtomicU64>,
    counts: Arc<Counts>,
    deadline: Instant,
) {
    let mut buf = vec![0u8; 16 * 1024];
    'connect: while Instant::now() < deadline {
        let Ok(mut stream) = tokio::net::TcpStream::connect(&addr).await else {
            counts.errors.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        while Instant::now() < deadline {
            stamp(&mut request, &offsets, next.fetch_add(1, Ordering::Relaxed));
            if stream.write_all(&request).await.is_err() {
                counts.errors.fetch_add(1, Ordering::Relaxed);
                continue 'connect;
            }
            let mut have = 0;
            let head = loop {
                if let Some(end) = header_end(&buf[..have]) {
                    break end;
                }
                if have == buf.len() {
                    buf.resize(buf.len() * 2, 0);
                }
                match stream.read(&mut buf[have..]).await {
                    Ok(0) | Err(_) => {
                        counts.errors.fetch_add(1, Ordering::Relaxed);
                        continue 'connect;
                    }
                    Ok(n) => have += n,
                }
            };
            let length = content_length(&buf[..head]);
            let mut left = (head + length).saturating_sub(have);
            while left > 0 {
                let want = left.min(buf.len());
                match stream.read(&mut buf[..want]).await {
                    Ok(0) | Err(_) => {
                        counts.errors.fetch_add(1, Ordering::Relaxed);
                        continue 'connect;
                    }
                    Ok(n) => left -= n,
                }
            }
            let status = &buf[9..12.min(head)];
            let counter = if status == b"200" {
                &counts.ok
            } else {
                &counts.other
            };
            counter.fetch_add(1, Ordering::Relaxed);
            let close = String::from_utf8_lossy(&buf[..head])
                .to_ascii_lowercase()
                .contains("connection: close");
            if close {
                continue 'connect;
            }
        }
    }
}

/// `load <addr> <connections> <secs> <first> <body file>`: posts the body
/// from `connections` keep-alive connections on one tokio thread for
/// `secs` (`write_all` of the prepared request), request `i` carrying the
/// id prefix `first + i`; prints `ok=.. other=.. errors=.. secs=.. cpu=..`
/// (cpu: this process's user + system seconds).
fn load_main(args: &[String]) {
    let [addr, conns, secs, first, file] = args else {
        panic!("load <addr> <connections> <secs> <first> <body file>");
    };
    let conns: usize = conns.parse().expect("connections");
    let secs: f64 = secs.parse().expect("secs");
    let first: u64 = first.parse().expect("first");
    let body = std::fs::read(file).expect("body file");
    let auth = BasicCredentials::new(USER, PASSWORD).header_value();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut request = head.into_bytes();
    let offsets: Vec<usize> = id_offsets(&body)
        .into_iter()
        .map(|o| o + request.len())
        .collect();
    assert_eq!(offsets.len(), RECORDS, "id prefix not found in the body");
    request.extend_from_slice(&body);
    let counts = Arc::new(Counts::default());
    let next = Arc::new(AtomicU64::new(first));
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(secs);
    let offsets = Arc::new(offsets);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let tasks: Vec<_> = (0..conns)
            .map(|_| {
                tokio::spawn(connection(
                    addr.clone(),
                    request.clone(),
                    Arc::clone(&offsets),
                    Arc::clone(&next),
                    Arc::clone(&counts),
                    deadline,
                ))
            })
            .collect();
        for t in tasks {
            let _ = t.await;
        }
    });
    report(&counts, start);
}

fn report(counts: &Counts, start: Instant) {
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ok={} other={} errors={} secs={secs} cpu={}",
        counts.ok.load(Ordering::Relaxed),
        counts.other.load(Ordering::Relaxed),
        counts.errors.load(Ordering::Relaxed),
        cpu_secs(std::process::id()).unwrap_or(f64::NAN)
    );
}

// --- Receiver table ------------------------------------------------------------

/// User + system CPU seconds of process `pid` (all its threads), from
/// /proc (clock ticks of 1/100 s).
fn cpu_secs(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Pins this process (and the threads it starts later) to `core`.
fn pin_self(core: usize) -> bool {
    Command::new("taskset")
        .args(["-a", "-p", "-c", &core.to_string()])
        .arg(std::process::id().to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `program` under `taskset -c <core>` when a core is given.
fn pinned(program: impl AsRef<std::ffi::OsStr>, core: Option<usize>) -> Command {
    match core {
        Some(c) => {
            let mut cmd = Command::new("taskset");
            cmd.args(["-c", &c.to_string()]).arg(program);
            cmd
        }
        None => Command::new(program),
    }
}

struct Run {
    ok: u64,
    other: u64,
    errors: u64,
    secs: f64,
    client_cpu: f64,
    server_cpu: f64,
    /// Busy share of cores 0 and 1 (every process, interrupts included).
    busy: [f64; 2],
}

/// (busy, total) clock ticks of cores 0 and 1, from /proc/stat.
fn core_ticks() -> [(f64, f64); 2] {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let mut out = [(0.0, 0.0); 2];
    for (i, slot) in out.iter_mut().enumerate() {
        let prefix = format!("cpu{i} ");
        if let Some(line) = stat.lines().find(|l| l.starts_with(&prefix)) {
            let v: Vec<f64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect();
            let total: f64 = v.iter().take(8).sum();
            let idle = v.get(3).copied().unwrap_or(0.0) + v.get(4).copied().unwrap_or(0.0);
            *slot = (total - idle, total);
        }
    }
    out
}

/// One run of the load generator against `addr`, with the server's CPU
/// (process `server`) over the generator's lifetime.
fn run_load(
    addr: &str,
    conns: usize,
    first: u64,
    body_file: &Path,
    server: u32,
    core: Option<usize>,
) -> Run {
    let exe = std::env::current_exe().expect("exe");
    let before = cpu_secs(server).unwrap_or(0.0);
    let ticks = core_ticks();
    let started = Instant::now();
    let out = pinned(exe, core)
        .args(["load", addr, &conns.to_string(), &LOAD_SECS.to_string()])
        .arg(first.to_string())
        .arg(body_file)
        .output()
        .expect("load generator");
    let wall = started.elapsed().as_secs_f64();
    let server_cpu = (cpu_secs(server).unwrap_or(0.0) - before) / wall;
    let after = core_ticks();
    let busy = [0, 1].map(|i| {
        let total = after[i].1 - ticks[i].1;
        if total > 0.0 {
            (after[i].0 - ticks[i].0) / total
        } else {
            f64::NAN
        }
    });
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "load generator: {text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let get = |k: &str| -> f64 {
        text.split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .find(|(key, _)| *key == k)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let secs = get("secs");
    Run {
        ok: get("ok") as u64,
        other: get("other") as u64,
        errors: get("errors") as u64,
        secs,
        client_cpu: get("cpu") / wall,
        server_cpu,
        busy,
    }
}

fn nginx(dir: &Path, port: u16, core: Option<usize>) -> Option<std::process::Child> {
    std::fs::create_dir_all(dir.join("www")).ok()?;
    // `mirror` reads the whole body into memory (one buffer: it fits
    // client_body_buffer_size) before the content phase; the static
    // handler then refuses the POST and error_page answers 200 from @ok.
    // (`return 200` alone would run before the body is read, and discard it.)
    let conf = format!(
        "master_process off;\ndaemon off;\nworker_processes 1;\nerror_log {0}/error.log;\npid {0}/nginx.pid;\n\
         events {{ worker_connections 256; }}\n\
         http {{ access_log off; client_max_body_size 20m; client_body_buffer_size 20m;\n\
         keepalive_requests 1000000; keepalive_timeout 60s;\n\
         client_body_temp_path {0}/body; proxy_temp_path {0}/proxy; fastcgi_temp_path {0}/fcgi;\n\
         uwsgi_temp_path {0}/uwsgi; scgi_temp_path {0}/scgi;\n\
         server {{ listen 127.0.0.1:{1};\n\
         location / {{ mirror /_body; root {0}/www; error_page 403 404 405 =200 @ok; }}\n\
         location = /_body {{ internal; return 204; }}\n\
         location @ok {{ return 200 'stored\\n'; }} }} }}\n",
        dir.display(),
        port
    );
    std::fs::write(dir.join("nginx.conf"), conf).ok()?;
    let program = std::env::var("ONCE_BENCH_NGINX").unwrap_or_else(|_| "nginx".into());
    let child = pinned(program, core)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Ready when it answers.
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(child);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut child = child;
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

#[derive(Default)]
struct Row {
    ours: Vec<Run>,
    theirs: Vec<Run>,
}

fn per_sec(runs: &[Run], f: impl Fn(&Run) -> f64) -> f64 {
    if runs.is_empty() {
        return f64::NAN;
    }
    median(runs.iter().map(f).collect())
}

fn receiver_table(pinned_cores: bool) {
    let (server_core, client_core) = if pinned_cores {
        (Some(0), Some(1))
    } else {
        (None, None)
    };
    let body = batch(usage_v2);
    let dir = std::env::temp_dir().join(format!("once-bench-streamer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let body_file: PathBuf = dir.join("body.json");
    std::fs::write(&body_file, &body).expect("body file");

    // The receiver: one runtime worker, on this (pinned) process.
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let creds = BasicCredentials::new(USER, PASSWORD);
    let receiver = Receiver::new(
        ReceiverConfig::new(creds),
        handler_fn(|_d: Arc<Delivery>| async { Ok::<(), SinkError>(()) }),
    );
    let (ours_addr, stop) = server_rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let r = receiver.clone();
        tokio::spawn(async move {
            let _ = r
                .serve(listener, async {
                    let _ = stopped.await;
                })
                .await;
        });
        (addr, stop)
    });

    let port = free_port();
    let nginx_dir = dir.join("nginx");
    let mut nginx_child = nginx(&nginx_dir, port, server_core);
    let nginx_addr = format!("127.0.0.1:{port}");
    let me = std::process::id();
    let load_at_start = loadavg();

    let mut first = 0u64;
    let mut rows: Vec<Row> = CONNECTIONS.iter().map(|_| Row::default()).collect();
    // Rounds outermost, and the servers take turns within a round: a burst
    // of load elsewhere on the machine hits every cell alike.
    for _ in 0..LOAD_ROUNDS {
        for (&conns, row) in CONNECTIONS.iter().zip(rows.iter_mut()) {
            let mut run = |addr: &str, server: u32| {
                first += 1_000_000;
                run_load(addr, conns, first, &body_file, server, client_core)
            };
            row.ours.push(run(&ours_addr, me));
            if let Some(child) = &nginx_child {
                row.theirs.push(run(&nginx_addr, child.id()));
            }
        }
    }
    if let Some(child) = &mut nginx_child {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = stop.send(());
    let stats = receiver.stats();
    drop(server_rt);
    let _ = std::fs::remove_dir_all(&dir);

    let nginx_version =
        Command::new(std::env::var("ONCE_BENCH_NGINX").unwrap_or_else(|_| "nginx".into()))
            .arg("-v")
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stderr)
                    .trim()
                    .replace("nginx version: ", "")
            })
            .unwrap_or_default();
    println!("### Records per second through the receiver\n");
    println!(
        "{RECORDS}-record Platform 2.0 usage bodies ({} KiB), each request with fresh ids; \
         load generator: raw keep-alive HTTP/1.1 client, a separate process{}, all connections \
         on one tokio thread, `write_all` of the prepared request, then the status line, headers \
         and Content-Length body of the answer; server{}: once-streamer on a \
         1-worker tokio runtime (Basic auth, body read, decode, dedupe, a handler that does \
         nothing) or {nginx_version} (1 worker, reads the whole body into memory, answers 200). \
         {LOAD_SECS} s per run, {LOAD_ROUNDS} runs per cell (rounds outermost, servers taking \
         turns), medians. records/s: median (best run); CPU: share of one core used by the \
         server / generator process over the run; cores busy: all processes and interrupts. Load average at start: {load_at_start}, at the end: {}.\n",
        body.len() / 1024,
        if pinned_cores {
            " pinned to core 1"
        } else {
            " (not pinned)"
        },
        if pinned_cores {
            " pinned to core 0"
        } else {
            ""
        },
        loadavg(),
    );
    println!("| connections | receiver records/s (best) | receiver req/s | receiver CPU | generator CPU | cores 0 / 1 busy | nginx records/s (best) | nginx req/s | nginx CPU | generator CPU | cores 0 / 1 busy | receiver / nginx (medians) |");
    println!(
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let mut not_ok = 0;
    let mut ours_ok = 0;
    for (conns, row) in CONNECTIONS.iter().zip(&rows) {
        for r in row.ours.iter().chain(&row.theirs) {
            not_ok += r.other + r.errors;
        }
        ours_ok += row.ours.iter().map(|r| r.ok).sum::<u64>();
        let req = |runs: &[Run]| per_sec(runs, |r| r.ok as f64 / r.secs);
        let cpu = |runs: &[Run], f: fn(&Run) -> f64| per_sec(runs, f) * 100.0;
        let best = |runs: &[Run]| {
            runs.iter()
                .map(|r| r.ok as f64 / r.secs)
                .fold(f64::NAN, f64::max)
        };
        let ours = req(&row.ours);
        let theirs = req(&row.theirs);
        println!(
            "| {conns} | {:.0} ({:.0}) | {ours:.1} | {:.0} % | {:.0} % | {:.0} / {:.0} % | {:.0} ({:.0}) | {theirs:.1} | {:.0} % | {:.0} % | {:.0} / {:.0} % | {:.3} |",
            ours * RECORDS as f64,
            best(&row.ours) * RECORDS as f64,
            cpu(&row.ours, |r| r.server_cpu),
            cpu(&row.ours, |r| r.client_cpu),
            cpu(&row.ours, |r| r.busy[0]),
            cpu(&row.ours, |r| r.busy[1]),
            theirs * RECORDS as f64,
            best(&row.theirs) * RECORDS as f64,
            cpu(&row.theirs, |r| r.server_cpu),
            cpu(&row.theirs, |r| r.client_cpu),
            cpu(&row.theirs, |r| r.busy[0]),
            cpu(&row.theirs, |r| r.busy[1]),
            ours / theirs
        );
    }
    println!();
    println!(
        "Answers other than 200, and connection errors, over all runs: {not_ok}. \
         Receiver counters: {} requests, {} acknowledged, {} records stored, {} duplicates dropped, \
         {} rejected, {} answered 503 (generator counted {} acknowledged requests).\n",
        stats.requests,
        stats.acknowledged,
        stats.records_stored,
        stats.duplicates_dropped,
        stats.records_rejected,
        stats.unavailable,
        ours_ok
    );
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("all");
    if mode == "load" {
        return load_main(&args[1..]);
    }
    if mode == "decode-only" {
        let name = args.get(1).map_or("usage", String::as_str);
        let n = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
        let decoder = args.get(3).map_or("typed", String::as_str);
        return decode_only(name, n, decoder);
    }
    let cores = cores();
    let pinned_cores = cores >= 2 && pin_self(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "Machine: {cores} cores ({cpu}); load average at start: {}\n",
        loadavg()
    );
    if mode == "all" || mode == "decode" {
        decode_table();
    }
    if mode == "all" || mode == "receiver" {
        receiver_table(pinned_cores);
    }
}
