//! Token cache: 1,000 concurrent calls on a cold cache (how many token
//! requests reach the server: must be 1), and the per-call cost of a warm
//! cache lookup.
//!
//! Run: `cargo run --release -p once-bench --bin token_cache`

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use once_bench::{start, ICCID};
use once_sdk::{Client, Credentials, Iccid, RateLimits};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let server = start(0, Duration::ZERO);
    let client = Client::builder()
        .credentials(Credentials::new("bench", "bench-secret"))
        .base_url(&server.base_url)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let iccid: Iccid = ICCID.parse().unwrap();

    let started = Instant::now();
    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            let iccid = iccid.clone();
            tokio::spawn(async move { client.sims().get(&iccid).await.map(|_| ()) })
        })
        .collect();
    let mut ok = 0;
    for c in calls {
        if c.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    let cold = started.elapsed();
    let tokens = server.counters.tokens.load(Ordering::Relaxed);

    const N: u32 = 1_000_000;
    let started = Instant::now();
    for _ in 0..N {
        std::hint::black_box(client.access_token().await.unwrap());
    }
    let warm = started.elapsed() / N;

    println!("| measure | value |");
    println!("| --- | ---: |");
    println!("| concurrent calls on a cold cache | 1000 ({ok} succeeded) |");
    println!("| token requests made | {tokens} |");
    println!(
        "| wall time of the 1,000 calls | {:.1} ms |",
        cold.as_secs_f64() * 1e3
    );
    println!("| warm cache lookup, per call | {} ns |", warm.as_nanos());
}
