//! once-exporter at 100,000 SIMs: how long the list walk takes at the
//! budgeted share of 1NCE's rate limit, what a scrape of /metrics costs
//! (time, size, memory), side by side with nginx serving the same bytes
//! as a static file, and what encoding the snapshot costs.
//!
//! `cargo build --release -p once-exporter && cargo run --release -p once-bench --bin exporter_scrape`
//! options: --sims 100000 --factor 1 --budget 0.5 --scrapes 20 --per-sim all
//! (the exporter's --per-sim for the process part).
//!
//! `cargo run -p once-bench --bin exporter_scrape -- --sizes-only` prints
//! only what a scrape weighs under each `--per-sim` setting (the snapshot
//! encoded in process with every SIM's details; no sandbox, no exporter
//! process, no timings).

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use once_bench::median;
use once_exporter::fleet::{Connectivity, Fleet, QuotaLeft};
use once_exporter::{PerSim, Settings, SnapshotEncoder};
use once_sandbox::{Sandbox, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};

fn arg<T: std::str::FromStr>(name: &str, default: T) -> T {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// VmRSS and VmHWM (peak) of a process, in MiB.
fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn sample(body: &str, name: &str) -> Option<f64> {
    body.lines()
        .find(|l| l.split_once(' ').is_some_and(|(n, _)| n == name))
        .and_then(|l| l.rsplit_once(' '))
        .and_then(|(_, v)| v.parse().ok())
}

/// What Prometheus 2.x sends: the exporter answers in OpenMetrics.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

async fn scrape(http: &reqwest::Client, url: &str) -> (Duration, String) {
    let start = Instant::now();
    let body = http
        .get(url)
        .header("accept", PROMETHEUS_ACCEPT)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (start.elapsed(), body)
}

/// A fleet of `n` SIMs with every detail (the connectivity too, on one
/// network), as after a full refresh.
fn full_fleet(n: usize) -> Fleet {
    let mut fleet = Fleet::default();
    let now = chrono::Utc::now();
    for i in 0..n {
        let sim: once_sdk::Sim = serde_json::from_value(serde_json::json!({
            "iccid": format!("89882806660{i:08}"),
            "imsi": format!("901405{:09}", 377_525_867 + i),
            "msisdn": format!("88283{:010}", 3_304_971_354u64 + i as u64),
            "status": if i % 10 == 0 { "Disabled" } else { "Enabled" },
            "label": format!("pump-{i:05}"),
            "current_quota": 500, "quota_status": {"id": i % 3},
            "current_quota_SMS": 250, "quota_status_SMS": {"id": 0},
        }))
        .unwrap();
        fleet.apply_listed(&sim, 1, now);
        let entry = fleet.sims.get_mut(sim.iccid.as_str()).unwrap();
        entry.data = Some(QuotaLeft {
            volume: Some(123.4),
            expiry: Some(now),
        });
        entry.sms = Some(QuotaLeft {
            volume: Some(200.0),
            expiry: Some(now),
        });
        let online = once_sdk::SimConnectivity::new(if i % 2 == 0 {
            once_sdk::ConnectivityStatus::Online
        } else {
            once_sdk::ConnectivityStatus::Offline
        });
        let mut c = Connectivity::from_status(&online);
        c.last_seen = Some(now);
        c.country = Some("DE".into());
        c.operator = Some("Telekom".into());
        entry.connectivity = Some(c);
        entry.details_at = Some(now);
    }
    fleet
}

/// What one encoding weighs: samples, OpenMetrics and classic bytes, and
/// the classic text gzipped (fast level, as /metrics does).
struct Weight {
    samples: usize,
    openmetrics: usize,
    classic: usize,
    gzip: usize,
}

fn weigh(encoder: &SnapshotEncoder) -> Weight {
    use std::io::Write;
    let snapshot = encoder.encode();
    let samples = snapshot
        .openmetrics
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty() && !l.starts_with(b"#"))
        .count();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&snapshot.classic).unwrap();
    Weight {
        samples,
        openmetrics: snapshot.openmetrics.len(),
        classic: snapshot.classic.len(),
        gzip: gz.finish().unwrap().len(),
    }
}

/// Encoding cost in process: a fleet of `n` SIMs with details, every SIM
/// with series of its own and personal data (the most there is).
fn encode_in_process(n: usize) -> (Duration, usize) {
    let settings = Settings {
        per_sim: PerSim::All,
        personal_data: true,
        ..Settings::default()
    };
    let encoder = SnapshotEncoder::new(Arc::new(Mutex::new(full_fleet(n))), &settings);
    let mut times = Vec::new();
    let mut len = 0;
    for _ in 0..5 {
        let start = Instant::now();
        len = encoder.encode().openmetrics.len();
        times.push(start.elapsed().as_secs_f64());
    }
    (Duration::from_secs_f64(median(times)), len)
}

/// The table of scrape weights per `--per-sim` setting (fleet metrics only:
/// the exporter's own health metrics add about 60 samples and 9 kB).
fn sizes(n: usize) {
    let fleet = Arc::new(Mutex::new(full_fleet(n)));
    println!("| --per-sim setting ({n} SIMs, all details) | samples | samples per SIM | OpenMetrics | classic text | classic, gzip |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let settings = [
        ("off (default)", PerSim::Off, false),
        ("1000", PerSim::Limit(1000), false),
        ("all", PerSim::All, false),
        ("all, --per-sim-personal-data", PerSim::All, true),
    ];
    for (name, per_sim, personal_data) in settings {
        let s = Settings {
            per_sim,
            personal_data,
            ..Settings::default()
        };
        let w = weigh(&SnapshotEncoder::new(Arc::clone(&fleet), &s));
        let size = |bytes: usize| {
            if bytes < 100_000 {
                format!("{:.1} kB", bytes as f64 / 1e3)
            } else {
                format!("{:.2} MB", bytes as f64 / 1e6)
            }
        };
        println!(
            "| {name} | {} | {:.2} | {} | {} | {} |",
            w.samples,
            w.samples as f64 / n as f64,
            size(w.openmetrics),
            size(w.classic),
            size(w.gzip)
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sims: usize = arg("--sims", 100_000);
    let factor: f64 = arg("--factor", 1.0);
    let budget: f64 = arg("--budget", 0.5);
    let scrapes: usize = arg("--scrapes", 20);
    let per_sim: String = arg("--per-sim", "all".to_string());
    if std::env::args().any(|a| a == "--sizes-only") {
        sizes(sims);
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let exporter_bin = exe.parent().unwrap().join("once-exporter");
    assert!(
        exporter_bin.exists(),
        "{} missing: cargo build --release -p once-exporter first",
        exporter_bin.display()
    );

    let t = Instant::now();
    let sandbox = Sandbox::builder()
        .sims(sims)
        .seed(1)
        .rate_limit_factor(factor)
        .start()
        .await
        .unwrap();
    eprintln!(
        "sandbox with {sims} SIMs started in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let rate_limit = 10.0 * factor;
    let port = free_port();
    let started = Instant::now();
    let mut child = tokio::process::Command::new(&exporter_bin)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args([
            "--budget",
            &budget.to_string(),
            "--rate-limit",
            &rate_limit.to_string(),
        ])
        .args(["--refresh", "1h", "--log", "warn", "--per-sim", &per_sim])
        .env("ONCE_CLIENT_ID", DEFAULT_CLIENT_ID)
        .env("ONCE_CLIENT_SECRET", DEFAULT_CLIENT_SECRET)
        .env("ONCE_BASE_URL", sandbox.base_url())
        .env("NO_PROXY", "127.0.0.1")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = format!("http://127.0.0.1:{port}/metrics");

    // Wait for the list walk (the first publish after it).
    let list_secs = loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let Ok(resp) = http.get(&url).send().await else {
            continue;
        };
        let body = resp.text().await.unwrap();
        let listed: f64 = body
            .lines()
            .filter(|l| l.starts_with("once_fleet_sims{status="))
            .filter_map(|l| l.rsplit_once(' ')?.1.parse::<f64>().ok())
            .sum();
        if let Some(v) = sample(&body, "once_exporter_list_duration_seconds").filter(|v| *v > 0.0) {
            assert_eq!(
                listed, sims as f64,
                "the list walk's SIMs are published with its duration"
            );
            break v;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            panic!("no list walk within 30 min");
        }
    };
    let pages = sims.div_ceil(100);
    let budget_rps = rate_limit * budget;
    let list_stats = sandbox.stats();
    let (rss_listed, _) = memory_mib(pid);

    // Scrapes, alternating with nginx serving the same bytes.
    let (_, body) = scrape(&http, &url).await;
    let series = body.lines().filter(|l| !l.starts_with('#')).count();
    let dir = std::env::temp_dir().join(format!("once-exporter-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::write(dir.join("html/metrics"), &body).unwrap();
    let nginx_port = free_port();
    std::fs::write(
        dir.join("nginx.conf"),
        format!(
            "worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {d};\n  proxy_temp_path {d};\n  fastcgi_temp_path {d};\n  uwsgi_temp_path {d};\n  scgi_temp_path {d};\n  server {{\n    listen 127.0.0.1:{nginx_port};\n    root {d}/html;\n    default_type text/plain;\n  }}\n}}\n",
            d = dir.display()
        ),
    )
    .unwrap();
    let nginx = which("nginx").map(|bin| {
        std::process::Command::new(bin)
            .args([
                "-c",
                &dir.join("nginx.conf").display().to_string(),
                "-g",
                "daemon off;",
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let nginx_url = format!("http://127.0.0.1:{nginx_port}/metrics");
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..scrapes {
        let (d, b) = scrape(&http, &url).await;
        assert!(b.ends_with("# EOF\n"));
        ours.push(d.as_secs_f64() * 1000.0);
        if nginx.is_some() {
            let (d, b) = scrape(&http, &nginx_url).await;
            assert_eq!(b.len(), body.len());
            theirs.push(d.as_secs_f64() * 1000.0);
        }
    }
    let (rss_after, hwm) = memory_mib(pid);
    let (encode, encoded_len) = tokio::task::spawn_blocking(move || encode_in_process(sims))
        .await
        .unwrap();
    let _ = child.kill().await;
    if let Some(mut n) = nginx {
        // SIGTERM, so that the master stops its worker too.
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &n.id().to_string()])
            .status();
        let _ = n.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);

    let max = |v: &[f64]| v.iter().cloned().fold(f64::MIN, f64::max);
    println!("| measure | value |");
    println!("| --- | ---: |");
    println!("| SIMs in the sandbox | {sims} |");
    println!("| sandbox /sims limit | {rate_limit} requests/s |");
    println!("| exporter budget | {budget} of it = {budget_rps} requests/s |");
    println!("| list walk: pages | {pages} |");
    println!("| list walk: time | {list_secs:.1} s |");
    println!(
        "| list walk: time the budget allows (pages / budget) | {:.1} s |",
        pages as f64 / budget_rps
    );
    println!(
        "| list walk: pages per second / budget | {:.3} |",
        pages as f64 / list_secs / budget_rps
    );
    println!("| 429 answers | {} |", list_stats.rate_limited);
    println!(
        "| /metrics body | {:.1} MB, {series} samples |",
        body.len() as f64 / 1e6
    );
    println!(
        "| /metrics scrape, median (max) of {scrapes} | {:.1} ms ({:.1} ms) |",
        median(ours.clone()),
        max(&ours)
    );
    if !theirs.is_empty() {
        println!(
            "| nginx, same bytes as a static file, median (max) | {:.1} ms ({:.1} ms) |",
            median(theirs.clone()),
            max(&theirs)
        );
        println!(
            "| exporter / nginx (median) | {:.2} |",
            median(ours.clone()) / median(theirs.clone())
        );
    }
    println!("| exporter RSS after the list walk | {rss_listed:.0} MiB |");
    println!("| exporter RSS after the scrapes (peak) | {rss_after:.0} MiB ({hwm:.0} MiB) |");
    println!(
        "| encoding the snapshot in process ({sims} SIMs, all details, --per-sim all with personal data) | {:.0} ms, {:.1} MB |",
        encode.as_secs_f64() * 1000.0,
        encoded_len as f64 / 1e6
    );
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .chain([std::path::PathBuf::from("/usr/sbin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}
