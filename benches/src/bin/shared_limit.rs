//! Many replicas, one 1NCE account: N processes scan the fleet together
//! (one `GET /v2/sims/{iccid}/quota/data` per SIM, each process its share,
//! 8 calls in flight per process) against one sandbox whose `/sims` limit is
//! scaled. Compares the shared Redis rate limiter and token store with
//! per-process limiters: 429s the sandbox answered, token requests, calls
//! that failed after their retries, and the combined rate of successful
//! calls.
//!
//! Needs `redis-server` (Debian package `redis-server`, or `REDIS_SERVER`).
//!
//! Run: `cargo run --release -p once-bench --features redis --bin shared_limit -- [--replicas 4] [--sims 800] [--factor 10]`

use std::io::{BufRead, Write};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use once_sandbox::{Sandbox, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET};
use once_sdk::redis::{RedisRateLimiter, RedisTokenStore};
use once_sdk::{Client, Credentials, EndpointGroup, Iccid, RateLimits};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

const CONCURRENCY: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// Redis rate limiter and token store shared by every process.
    Shared,
    /// Each process its own limiter at the full limit (the SDK without Redis).
    Local,
    /// Each process its own limiter at 1/N of the limit (a static split).
    Split,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Shared => "shared",
            Mode::Local => "local",
            Mode::Split => "split",
        }
    }

    fn parse(s: &str) -> Mode {
        match s {
            "shared" => Mode::Shared,
            "local" => Mode::Local,
            "split" => Mode::Split,
            other => panic!("unknown mode {other}"),
        }
    }

    fn label(self, replicas: usize) -> String {
        match self {
            Mode::Shared => "shared Redis limiter + token store".into(),
            Mode::Local => "per-process limiters at the full limit".into(),
            Mode::Split => format!("per-process limiters at 1/{replicas} of the limit"),
        }
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    if args.iter().any(|a| a == "--replica") {
        rt.block_on(replica(&args));
    } else {
        rt.block_on(parent(&args));
    }
}

// ---------------------------------------------------------------- one replica

/// Builds its client, prints READY, waits for a line on stdin, scans its
/// ICCIDs (one per line in ONCE_BENCH_ICCIDS), prints `DONE <ok> <failed>`.
async fn replica(args: &[String]) {
    let mode = Mode::parse(&arg(args, "--mode").unwrap());
    let replicas: usize = arg(args, "--replicas").unwrap().parse().unwrap();
    let factor: f64 = arg(args, "--factor").unwrap().parse().unwrap();
    let base_url = arg(args, "--sandbox").unwrap();
    let redis_url = arg(args, "--redis").unwrap();
    let iccids: Vec<Iccid> = std::env::var("ONCE_BENCH_ICCIDS")
        .unwrap()
        .lines()
        .map(Iccid::new_unchecked)
        .collect();
    let limits = RateLimits::default().scaled(factor);
    let mut builder = Client::builder()
        .credentials(Credentials::new(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET))
        .base_url(base_url)
        .no_proxy();
    builder = match mode {
        Mode::Shared => builder
            .token_store(Arc::new(
                RedisTokenStore::new(&redis_url, DEFAULT_CLIENT_ID).unwrap(),
            ))
            .rate_limiter(Arc::new(
                RedisRateLimiter::new(&redis_url, DEFAULT_CLIENT_ID, limits).unwrap(),
            )),
        Mode::Local => builder.rate_limits(limits),
        Mode::Split => builder.rate_limits(limits.scaled(1.0 / replicas as f64)),
    };
    let client = builder.build().unwrap();
    println!("READY");
    std::io::stdout().flush().unwrap();
    let mut go = String::new();
    std::io::stdin().lock().read_line(&mut go).unwrap();

    let results: Vec<bool> = futures::stream::iter(iccids)
        .map(|iccid| {
            let client = client.clone();
            async move { client.sims().data_quota(&iccid).await.is_ok() }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let ok = results.iter().filter(|r| **r).count();
    println!("DONE {ok} {}", results.len() - ok);
}

// ---------------------------------------------------------------- the parent

struct Row {
    mode: Mode,
    calls: usize,
    ok: usize,
    failed: usize,
    rate_limited: u64,
    token_requests: u64,
    wall: Duration,
}

async fn parent(args: &[String]) {
    let replicas: usize = arg(args, "--replicas").map_or(4, |v| v.parse().unwrap());
    let sims: usize = arg(args, "--sims").map_or(800, |v| v.parse().unwrap());
    let factor: f64 = arg(args, "--factor").map_or(10.0, |v| v.parse().unwrap());
    let redis = RedisServer::start();
    let limit = RateLimits::default()
        .scaled(factor)
        .get(EndpointGroup::Sims)
        .unwrap();
    let allowed = f64::from(limit.max) / limit.per.as_secs_f64();

    let mut rows = Vec::new();
    for mode in [Mode::Shared, Mode::Local, Mode::Split] {
        // A fresh sandbox (and fresh Redis keys) per run.
        let sb = Sandbox::builder()
            .sims(sims)
            .rate_limit_factor(factor)
            .start()
            .await
            .unwrap();
        redis.flush();
        let iccids = sb.iccids();
        let mut children = Vec::new();
        for r in 0..replicas {
            let mine: Vec<&str> = iccids
                .iter()
                .skip(r)
                .step_by(replicas)
                .map(Iccid::as_str)
                .collect();
            let mut child = tokio::process::Command::new(std::env::current_exe().unwrap())
                .args(["--replica", "--mode", mode.name()])
                .args(["--replicas", &replicas.to_string()])
                .args(["--factor", &factor.to_string()])
                .args(["--sandbox", sb.base_url(), "--redis", &redis.url()])
                .env("ONCE_BENCH_ICCIDS", mine.join("\n"))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .unwrap();
            let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
            let ready = lines.next_line().await.unwrap();
            assert_eq!(ready.as_deref(), Some("READY"), "replica did not start");
            children.push((child, lines));
        }
        let started = Instant::now();
        for (child, _) in &mut children {
            child
                .stdin
                .as_mut()
                .unwrap()
                .write_all(b"go\n")
                .await
                .unwrap();
        }
        let (mut ok, mut failed) = (0, 0);
        for (child, lines) in &mut children {
            let done = lines.next_line().await.unwrap().unwrap_or_default();
            let mut parts = done.split_whitespace().skip(1);
            ok += parts
                .next()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            failed += parts
                .next()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            child.wait().await.unwrap();
        }
        let wall = started.elapsed();
        let stats = sb.stats();
        rows.push(Row {
            mode,
            calls: sims,
            ok,
            failed,
            rate_limited: stats.rate_limited,
            token_requests: stats.token_requests,
            wall,
        });
        sb.shutdown().await;
    }

    println!(
        "{replicas} processes x {} SIMs each, {CONCURRENCY} calls in flight per process; \
         sandbox /sims limit {} per {:?} ({allowed}/s)\n",
        sims / replicas,
        limit.max,
        limit.per
    );
    println!("| limiter | calls | failed after retries | 429s at the sandbox | token requests | wall time | combined rate (successful calls/s) | of the limit |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in rows {
        let rate = r.ok as f64 / r.wall.as_secs_f64();
        println!(
            "| {} | {} | {} | {} | {} | {:.2} s | {:.1} | {:.0}% |",
            r.mode.label(replicas),
            r.calls,
            r.failed,
            r.rate_limited,
            r.token_requests,
            r.wall.as_secs_f64(),
            rate,
            100.0 * rate / allowed
        );
    }
}

// ---------------------------------------------------------------- redis-server

struct RedisServer {
    child: std::process::Child,
    port: u16,
}

impl RedisServer {
    fn start() -> RedisServer {
        let bin = std::env::var("REDIS_SERVER").unwrap_or_else(|_| "redis-server".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new(&bin)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(std::env::temp_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("could not start {bin} ({e}): install redis-server or set REDIS_SERVER")
            });
        let server = RedisServer { child, port };
        for _ in 0..400 {
            if server.ping() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("redis-server did not answer within 10 s");
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Sends one inline command, true on a `+` reply.
    fn command(&self, cmd: &str) -> bool {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        if s.write_all(format!("{cmd}\r\n").as_bytes()).is_err() {
            return false;
        }
        let mut line = String::new();
        std::io::BufReader::new(s).read_line(&mut line).is_ok() && line.starts_with('+')
    }

    fn ping(&self) -> bool {
        self.command("PING")
    }

    fn flush(&self) {
        assert!(self.command("FLUSHALL"), "FLUSHALL failed");
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
