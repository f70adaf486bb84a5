//! Where a blocking call's time goes, as the Python wheel's sync `Client`
//! makes it: decoding a 100-SIM page into `Sim`s, and one `sims().get()`
//! waited for from a thread outside the runtime, three ways:
//!
//! - `block_on` on a multi-thread runtime (the connection's task runs on a
//!   worker, so every call wakes a worker and is woken by it);
//! - `spawn` onto that runtime and wait on a channel;
//! - `block_on` on a current-thread runtime driven by the calling thread
//!   (the connection is driven by the caller itself: no thread hop; what
//!   the wheel's blocking `Client` does).
//!
//! The page is decoded the way a call decodes it (`once_sdk::fuzzing`'s
//! entry point to the SDK's own body decoding).
//!
//! Rounds alternate the variants; medians of µs per call are printed.
//!
//! Run: `cargo run --release -p once-bench --bin blocking_call`
//!
//! `blocking_call decode N` only decodes the page N times (no server, no
//! output): for counting its instructions with valgrind (`valgrind
//! --tool=cachegrind --cache-sim=no`, minus the same with `decode 0`), a
//! figure the machine's load does not move.

use std::future::IntoFuture;
use std::time::{Duration, Instant};

use once_bench::{median, sim_json, start, ICCID};
use once_sdk::{Client, Credentials, Iccid, RateLimits, Sim};
use tokio::runtime::{Builder, Runtime};

const ROUNDS: usize = 5;

fn client(rt: &Runtime, url: &str) -> Client {
    rt.block_on(async {
        let c = Client::builder()
            .credentials(Credentials::new("bench", "bench-secret"))
            .base_url(url)
            .rate_limits(RateLimits::unlimited())
            .build()
            .expect("client");
        c.access_token().await.expect("token");
        c
    })
}

/// µs per run of `f`, over `n` runs.
fn per_call(n: usize, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn main() {
    let page: Vec<u8> =
        serde_json::to_vec(&(0..100).map(sim_json).collect::<Vec<_>>()).expect("page");
    let mut args = std::env::args().skip(1);
    let response = once_sdk::fuzzing::Response::new(200, &[], &page);
    let decode_page = || {
        let sims: Vec<Sim> = response.decode().expect("decode");
        std::hint::black_box(sims);
    };
    if args.next().as_deref() == Some("decode") {
        let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
        for _ in 0..n {
            decode_page();
        }
        return;
    }
    let server = start(0, Duration::ZERO);
    let iccid: Iccid = ICCID.parse().expect("iccid");
    let multi = Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let current = Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let on_multi = client(&multi, &server.base_url);
    let on_current = client(&current, &server.base_url);

    let (mut decode, mut block_on, mut spawn, mut local) = (vec![], vec![], vec![], vec![]);
    let (mut page_block_on, mut page_spawn, mut page_local) = (vec![], vec![], vec![]);
    for _ in 0..ROUNDS {
        decode.push(per_call(1000, decode_page));
        block_on.push(per_call(2000, || {
            multi
                .block_on(on_multi.sims().get(&iccid).into_future())
                .expect("get");
        }));
        spawn.push(per_call(2000, || {
            let (c, i) = (on_multi.clone(), iccid.clone());
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            multi.spawn(async move {
                let _ = tx.send(c.sims().get(&i).await);
            });
            rx.recv().expect("answer").expect("get");
        }));
        local.push(per_call(2000, || {
            current
                .block_on(on_current.sims().get(&iccid).into_future())
                .expect("get");
        }));
        page_block_on.push(per_call(500, || {
            multi
                .block_on(on_multi.sims().list().page_size(100).into_future())
                .expect("page");
        }));
        page_spawn.push(per_call(500, || {
            let c = on_multi.clone();
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            multi.spawn(async move {
                let _ = tx.send(c.sims().list().page_size(100).await);
            });
            rx.recv().expect("answer").expect("page");
        }));
        page_local.push(per_call(500, || {
            current
                .block_on(on_current.sims().list().page_size(100).into_future())
                .expect("page");
        }));
    }
    println!("| measurement | µs per call |");
    println!("| --- | ---: |");
    println!(
        "| decoding the 100-SIM page ({} bytes) into `Sim`s | {:.1} |",
        page.len(),
        median(decode)
    );
    println!(
        "| `sims().get()`, `block_on` on a multi-thread runtime | {:.1} |",
        median(block_on)
    );
    println!(
        "| `sims().get()`, spawned on a multi-thread runtime, answer over a channel | {:.1} |",
        median(spawn)
    );
    println!(
        "| `sims().get()`, `block_on` on the caller's current-thread runtime | {:.1} |",
        median(local)
    );
    println!(
        "| 100-SIM page, `block_on` on a multi-thread runtime | {:.1} |",
        median(page_block_on)
    );
    println!(
        "| 100-SIM page, spawned on a multi-thread runtime, answer over a channel | {:.1} |",
        median(page_spawn)
    );
    println!(
        "| 100-SIM page, `block_on` on the caller's current-thread runtime | {:.1} |",
        median(page_local)
    );
}
