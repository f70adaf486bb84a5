//! Fleet scan at the limit: the sandbox enforces 1NCE's `/sims` limit scaled
//! up (10/s × 20 = 200 requests/s); the data quota of 2,000 SIMs is read with
//! 64 calls in flight. The client-side limiter paces the calls, so the scan
//! should run at the limit without a single 429. It runs twice: once as is,
//! once with ±20 ms of arrival jitter added by the sandbox (each request
//! reaches its rate limiter 0 to 40 ms late).
//!
//! Run: `cargo run --release -p once-bench --bin fleet_scan`
//! (`FLEET_SCAN_FACTOR=5` for a limit of 50 requests/s).

use std::time::{Duration, Instant};

use futures::StreamExt;
use once_sandbox::Sandbox;

const SIMS: usize = 2_000;
/// The sandbox's rate-limit factor (`FLEET_SCAN_FACTOR` overrides it:
/// on a busy machine a lower limit shows the pacing rather than the CPU).
const FACTOR: f64 = 20.0;
const CONCURRENCY: usize = 64;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!("| measure | no jitter | ±20 ms arrival jitter |");
    println!("| --- | ---: | ---: |");
    let plain = scan(None).await;
    let jittered = scan(Some(Duration::from_millis(20))).await;
    for (i, (label, _)) in plain.iter().enumerate() {
        println!("| {label} | {} | {} |", plain[i].1, jittered[i].1);
    }
}

/// One scan; its figures as (label, value) rows.
async fn scan(jitter: Option<Duration>) -> Vec<(&'static str, String)> {
    let factor = std::env::var("FLEET_SCAN_FACTOR")
        .ok()
        .and_then(|f| f.parse::<f64>().ok())
        .filter(|f| *f > 0.0)
        .unwrap_or(FACTOR);
    let mut builder = Sandbox::builder().sims(SIMS).rate_limit_factor(factor);
    if let Some(j) = jitter {
        builder = builder.arrival_jitter(j);
    }
    let sandbox = builder.start().await.unwrap();
    let client = sandbox.client().unwrap();
    client.access_token().await.unwrap();
    let limit = 10.0 * factor;
    let iccids = sandbox.iccids();

    let started = Instant::now();
    let results: Vec<_> = futures::stream::iter(iccids.iter())
        .map(|iccid| {
            let client = client.clone();
            async move { client.sims().data_quota(iccid).await }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let stats = sandbox.stats();
    // Calls are spaced evenly from the first on: n calls take n - 1
    // intervals (plus the last answer's round trip).
    let rate = (SIMS as f64 - 1.0) / elapsed;
    vec![
        ("SIMs scanned (data quota)", format!("{ok} of {SIMS}")),
        ("sandbox limit on /sims", format!("{limit:.0} requests/s")),
        ("wall time", format!("{elapsed:.2} s")),
        ("rate", format!("{rate:.1} requests/s")),
        ("rate / limit", format!("{:.3}", rate / limit)),
        (
            "429 answers from the sandbox",
            stats.rate_limited.to_string(),
        ),
    ]
}
