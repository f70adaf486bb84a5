//! The canned local server of the benchmarks as a process of its own, for
//! benchmarks of other clients (`benches/py_vs_httpx.py`): prints its base
//! URL (`http://127.0.0.1:PORT`) on one line, then serves until its
//! standard input closes, and prints the requests it served on stderr.
//!
//! Run: `cargo run --release -p once-bench --bin canned_server`

use std::io::{Read, Write};
use std::sync::atomic::Ordering;
use std::time::Duration;

fn main() {
    let server = once_bench::start(0, Duration::ZERO);
    let mut out = std::io::stdout().lock();
    // Best effort: if nobody reads the URL there is nobody to serve.
    let _ = writeln!(out, "{}", server.base_url);
    let _ = out.flush();
    drop(out);
    // Serve until the parent closes our stdin (or dies).
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    eprintln!(
        "canned_server: served {} token and {} API requests",
        server.counters.tokens.load(Ordering::Relaxed),
        server.counters.api.load(Ordering::Relaxed)
    );
}
