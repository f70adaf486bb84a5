//! Memory stays bounded while a long list is streamed: every SIM of a
//! 10,000-SIM sandbox fleet is read through `sims().list().stream()`, and the
//! heap this process holds at its peak, above what it held before the
//! listing, must stay under [`CEILING`]. Collecting the same listing into a
//! `Vec` (what an implementation that fetched every page before yielding would
//! hold) is measured too and must exceed the ceiling: it shows the ceiling can
//! catch such an implementation.
//!
//! The heap is counted by a global allocator that wraps the system one (this
//! file is a test binary of its own, so the allocator counts nothing else).
//! The sandbox runs in this process: its fleet is built before the baseline
//! is taken, and what it allocates per request is one page's answer, so it
//! adds no more than a few pages to the peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::TryStreamExt;
use once_sandbox::Sandbox;

/// The system allocator, counting the bytes held now and the most held since
/// the last [`reset_peak`].
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

fn grew(bytes: usize) {
    let now = HELD.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The fleet listed.
const SIMS: usize = 10_000;
/// The most heap the streamed listing may add at its peak. One page of 100
/// SIMs, its JSON on the wire and in the sandbox, and the page fetched ahead
/// fit many times over; the whole fleet in memory does not (the collecting
/// run below measures it).
const CEILING: usize = 2 << 20;

/// Bytes held now, after the peak is set to it.
fn reset_peak() -> usize {
    let now = HELD.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streaming_every_sim_keeps_the_heap_under_a_ceiling_collecting_does_not() {
    let sandbox = Sandbox::builder()
        .sims(SIMS)
        .seed(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    // The token, the connection pool and the lazily built parts of the
    // client exist before the baseline.
    let first = client.sims().list().page_size(100).await.unwrap();
    assert_eq!(first.total_count, Some(SIMS as u64));
    drop(first);

    let base = reset_peak();
    let mut seen = 0usize;
    let mut last = String::new();
    let mut sims = client.sims().list().page_size(100).stream();
    while let Some(sim) = sims.try_next().await.unwrap() {
        seen += 1;
        last = sim.iccid.to_string();
    }
    drop(sims);
    let streamed = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    assert_eq!(seen, SIMS);
    assert_eq!(last, sandbox.iccids()[SIMS - 1].to_string());

    let base = reset_peak();
    let all: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let collected = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    assert_eq!(all.len(), SIMS);
    drop(all);

    eprintln!(
        "{SIMS} SIMs: streamed peak +{} KiB, collected peak +{} KiB, ceiling {} KiB",
        streamed >> 10,
        collected >> 10,
        CEILING >> 10
    );
    assert!(
        streamed < CEILING,
        "streaming {SIMS} SIMs held {streamed} bytes at its peak (ceiling {CEILING})"
    );
    assert!(
        collected > CEILING,
        "the whole fleet held only {collected} bytes: the ceiling {CEILING} would not catch a collecting listing"
    );
}
