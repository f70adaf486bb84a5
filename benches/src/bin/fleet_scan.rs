//! Fleet scan at the limit: the sandbox enforces 1NCE's `/sims` limit scaled
//! up (10/s × 20 = 200 requests/s); the data quota of 2,000 SIMs is read with
//! 64 calls in flight. The client-side limiter paces the calls, so the scan
//! should run at the limit without a single 429.
//!
//! Run: `cargo run --release -p once-bench --bin fleet_scan`

use std::time::Instant;

use futures::StreamExt;
use once_sandbox::Sandbox;

const SIMS: usize = 2_000;
const FACTOR: f64 = 20.0;
const CONCURRENCY: usize = 64;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sandbox = Sandbox::builder()
        .sims(SIMS)
        .rate_limit_factor(FACTOR)
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    client.access_token().await.unwrap();
    let limit = 10.0 * FACTOR;
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
    // The first window's calls start at once (the limit allows a burst of
    // `limit`); the steady rate is what follows.
    let steady = (SIMS as f64 - limit) / elapsed;

    println!("| measure | value |");
    println!("| --- | ---: |");
    println!("| SIMs scanned (data quota) | {ok} of {SIMS} |");
    println!("| sandbox limit on /sims | {limit:.0} requests/s |");
    println!("| wall time | {elapsed:.2} s |");
    println!("| steady rate after the first window | {steady:.1} requests/s |");
    println!("| steady rate / limit | {:.3} |", steady / limit);
    println!("| 429 answers from the sandbox | {} |", stats.rate_limited);
}
