//! Pagination: stream 100,000 SIMs (1,000 pages of 100, 20 ms server delay
//! per page) and measure peak heap vs streaming 1,000 SIMs; and wall time of
//! the prefetching stream vs fetching pages one by one, with the same 20 ms
//! of work per page on the caller's side (e.g. writing to a database).
//!
//! Run: `cargo run --release -p once-bench --bin pagination`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use once_bench::start;
use once_sdk::{Client, Credentials, RateLimits};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const PAGE: u32 = 100;
const DELAY: Duration = Duration::from_millis(20);
const WORK_PER_PAGE: Duration = Duration::from_millis(20);

fn client(base: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("bench", "bench-secret"))
        .base_url(base)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap()
}

/// Streams the whole fleet; returns (SIMs seen, peak heap above the start, wall time).
async fn stream_all(fleet: u64, work: Duration) -> (u64, usize, Duration) {
    let server = start(fleet, DELAY);
    let client = client(&server.base_url);
    client.access_token().await.unwrap();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let mut pages = client.sims().list().page_size(PAGE).pages();
    let mut seen = 0u64;
    while let Some(page) = pages.try_next().await.unwrap() {
        seen += page.len() as u64;
        std::hint::black_box(&page);
        tokio::time::sleep(work).await;
    }
    let wall = started.elapsed();
    (seen, PEAK.load(Ordering::Relaxed) - base, wall)
}

/// Fetches page after page with `send()`, no prefetch.
async fn one_by_one(fleet: u64, work: Duration) -> (u64, Duration) {
    let server = start(fleet, DELAY);
    let client = client(&server.base_url);
    client.access_token().await.unwrap();
    let started = Instant::now();
    let mut seen = 0u64;
    for n in 1.. {
        let page = client
            .sims()
            .list()
            .page(n)
            .page_size(PAGE)
            .send()
            .await
            .unwrap();
        seen += page.len() as u64;
        tokio::time::sleep(work).await;
        if !page.has_next() {
            break;
        }
    }
    (seen, started.elapsed())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (small_n, small_peak, _) = stream_all(1_000, Duration::ZERO).await;
    let (big_n, big_peak, _) = stream_all(100_000, Duration::ZERO).await;
    println!("| stream | SIMs | peak heap above start |");
    println!("| --- | ---: | ---: |");
    println!(
        "| 1,000 SIMs | {small_n} | {:.2} MB |",
        small_peak as f64 / 1e6
    );
    println!(
        "| 100,000 SIMs | {big_n} | {:.2} MB |",
        big_peak as f64 / 1e6
    );
    println!();
    let (n1, _, streamed) = stream_all(100_000, WORK_PER_PAGE).await;
    let (n2, sequential) = one_by_one(100_000, WORK_PER_PAGE).await;
    assert_eq!((n1, n2), (100_000, 100_000));
    println!("| 100,000 SIMs, 20 ms server delay + 20 ms work per page | wall time |");
    println!("| --- | ---: |");
    println!(
        "| stream() with one page prefetched | {:.1} s |",
        streamed.as_secs_f64()
    );
    println!(
        "| send() page by page | {:.1} s |",
        sequential.as_secs_f64()
    );
    println!(
        "| speed-up | {:.2}x |",
        sequential.as_secs_f64() / streamed.as_secs_f64()
    );
}
