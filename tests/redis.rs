//! The Redis token store and rate limiter (feature `redis`) against a real
//! `redis-server` on 127.0.0.1 and the sandbox: several replicas (separate
//! `Client`s, and separate processes) sharing one token and one set of rate
//! limits.
//!
//! Each test starts its own `redis-server` on a free port. Without the
//! binary (`redis-server` on the PATH, in /usr/bin or /usr/sbin, or named by
//! `REDIS_SERVER`) the tests print `SKIPPED: redis-server not found` and
//! return; with `ONCE_REQUIRE_REDIS=1` (set by `scripts/redis-tests.sh`)
//! they fail instead.
//!
//! The multi-process tests start this test binary again, running the
//! ignored test `replica` with its role in `ONCE_REDIS_TEST_ROLE`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use once_sandbox::{Fault, Sandbox};
use once_sdk::ratelimit::RateLimiter;
use once_sdk::redis::{RedisRateLimiter, RedisTokenStore};
use once_sdk::{
    AccessToken, Client, Credentials, EndpointGroup, Iccid, RateLimit, RateLimits, RefreshLock,
    StoredToken, TokenStore,
};

const CLIENT_ID: &str = "fleet-client";
const CLIENT_SECRET: &str = "s3cr3t-never-in-redis";

// ---------------------------------------------------------------- redis-server

/// A `redis-server` on 127.0.0.1, stopped when dropped.
struct RedisServer {
    child: std::process::Child,
    port: u16,
}

impl RedisServer {
    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// A plain connection for looking at what the SDK stored.
    async fn conn(&self) -> redis::aio::MultiplexedConnection {
        redis::Client::open(self.url())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn redis_server_binary() -> Option<PathBuf> {
    // REDIS_SERVER names the binary; when set, nothing else is looked at.
    if let Some(p) = std::env::var_os("REDIS_SERVER") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/bin", "/usr/sbin", "/usr/local/bin"].map(PathBuf::from))
        .map(|d| d.join("redis-server"))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts a redis-server on `port` (a free one if `None`), or says why not:
/// `None` (with the SKIPPED line on stderr, past the test harness's capture)
/// when there is no redis-server binary.
async fn start_redis_on(test: &str, port: Option<u16>) -> Option<RedisServer> {
    let Some(bin) = redis_server_binary() else {
        assert!(
            std::env::var_os("ONCE_REQUIRE_REDIS").is_none(),
            "ONCE_REQUIRE_REDIS is set but redis-server was not found"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: redis-server not found ({test}: the checks against a real \
             Redis did not run; install the redis-server package or set REDIS_SERVER)"
        );
        return None;
    };
    let port = port.unwrap_or_else(free_port);
    let child = std::process::Command::new(&bin)
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .arg("--dir")
        .arg(std::env::temp_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", bin.display()));
    let server = RedisServer { child, port };
    let client = redis::Client::open(server.url()).unwrap();
    for _ in 0..400 {
        if let Ok(mut c) = client.get_multiplexed_async_connection().await {
            if redis::cmd("PING")
                .query_async::<String>(&mut c)
                .await
                .is_ok()
            {
                return Some(server);
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("redis-server on port {port} did not answer PING within 10 s");
}

async fn start_redis(test: &str) -> Option<RedisServer> {
    start_redis_on(test, None).await
}

// ---------------------------------------------------------------- helpers

async fn sandbox(sims: usize, rate_factor: f64) -> Sandbox {
    Sandbox::builder()
        .sims(sims)
        .rate_limit_factor(rate_factor)
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .start()
        .await
        .unwrap()
}

/// One replica: its own client, token store and rate limiter, each with its
/// own Redis connection.
fn replica_client(sb: &Sandbox, url: &str, limits: RateLimits, lock_ttl: Duration) -> Client {
    sb.client_builder()
        .token_store(Arc::new(
            RedisTokenStore::new(url, CLIENT_ID)
                .unwrap()
                .lock_ttl(lock_ttl),
        ))
        .rate_limiter(Arc::new(
            RedisRateLimiter::new(url, CLIENT_ID, limits).unwrap(),
        ))
        .build()
        .unwrap()
}

/// Every key in Redis with its value (strings only).
async fn dump(redis: &RedisServer) -> Vec<(String, String)> {
    let mut c = redis.conn().await;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("*")
        .query_async(&mut c)
        .await
        .unwrap();
    let mut out = Vec::new();
    for k in keys {
        let v: Option<String> = redis::cmd("GET").arg(&k).query_async(&mut c).await.unwrap();
        out.push((k, v.unwrap_or_default()));
    }
    out.sort();
    out
}

/// Runs this test binary's `replica` test in a new process with `role`.
fn spawn_replica(
    role: &str,
    redis: &RedisServer,
    sb: &Sandbox,
    extra: &[(&str, String)],
) -> tokio::process::Child {
    let mut cmd = tokio::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "replica",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("ONCE_REDIS_TEST_ROLE", role)
    .env("ONCE_REDIS_TEST_REDIS", redis.url())
    .env("ONCE_REDIS_TEST_SANDBOX", sb.base_url())
    .env("ONCE_REDIS_TEST_ICCID", sb.iccids()[0].as_str())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .kill_on_drop(true);
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

// ---------------------------------------------------------------- the replica process

/// Not a test of its own: the replica process the multi-process tests start.
/// Role `fetch`: one API call through a shared token store, then print
/// `REPLICA OK`. Role `hold`: the same, but the parent has the sandbox hold
/// the token request and kills this process while it holds the refresh lock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the replica process started by the multi-process tests of this file"]
async fn replica() {
    let var = |k: &str| {
        std::env::var(k)
            .unwrap_or_else(|_| panic!("{k} is not set: this test is started by the others"))
    };
    let role = var("ONCE_REDIS_TEST_ROLE");
    let url = var("ONCE_REDIS_TEST_REDIS");
    let lock_ttl = std::env::var("ONCE_REDIS_TEST_LOCK_TTL_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::from_secs(10), Duration::from_millis);
    let client = Client::builder()
        .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(var("ONCE_REDIS_TEST_SANDBOX"))
        .no_proxy()
        .token_store(Arc::new(
            RedisTokenStore::new(&url, CLIENT_ID)
                .unwrap()
                .lock_ttl(lock_ttl),
        ))
        .build()
        .unwrap();
    let iccid = Iccid::new_unchecked(var("ONCE_REDIS_TEST_ICCID"));
    match role.as_str() {
        "fetch" | "hold" => {
            client.sims().data_quota(&iccid).await.unwrap();
            println!("REPLICA OK");
        }
        other => panic!("unknown role {other}"),
    }
}

// ---------------------------------------------------------------- token store

#[tokio::test]
async fn token_lock_and_keys_behave_as_documented() {
    let Some(redis) = start_redis("token_lock_and_keys_behave_as_documented").await else {
        return;
    };
    let url = redis.url();
    let a = RedisTokenStore::new(&url, CLIENT_ID)
        .unwrap()
        .lock_ttl(Duration::from_secs(2));
    let b = RedisTokenStore::new(&url, CLIENT_ID).unwrap();
    assert_eq!(a.token_key(), "once-sdk:fleet-client:token");
    assert_eq!(a.lock_key(), "once-sdk:fleet-client:token-lock");

    // One holder at a time; a stranger's unlock does not release it.
    let held = a.try_lock_refresh().await.unwrap().expect("first lock");
    assert!(b.try_lock_refresh().await.unwrap().is_none());
    b.unlock_refresh(RefreshLock::new("someone-else"))
        .await
        .unwrap();
    assert!(b.try_lock_refresh().await.unwrap().is_none());
    // It expires by itself within its ttl.
    let mut c = redis.conn().await;
    let pttl: i64 = redis::cmd("PTTL")
        .arg(a.lock_key())
        .query_async(&mut c)
        .await
        .unwrap();
    assert!(0 < pttl && pttl <= 2000, "lock pttl {pttl}");
    // Another client id has its own lock.
    let other = RedisTokenStore::new(&url, "other-client").unwrap();
    assert!(other.try_lock_refresh().await.unwrap().is_some());
    // Released by its holder, it can be taken again.
    a.unlock_refresh(held).await.unwrap();
    let again = b
        .try_lock_refresh()
        .await
        .unwrap()
        .expect("lock after release");
    b.unlock_refresh(again).await.unwrap();

    // A token stored by one replica is seen by another, expiring with it.
    let expires_at = std::time::UNIX_EPOCH + Duration::from_millis(4_102_444_800_000);
    let token = AccessToken::new("tok-1");
    a.put(StoredToken::new(token.clone(), expires_at))
        .await
        .unwrap();
    let seen = b.get().await.unwrap().expect("shared token");
    assert_eq!(seen.token, token);
    assert_eq!(seen.expires_at, expires_at);
    let pttl: i64 = redis::cmd("PTTL")
        .arg(a.token_key())
        .query_async(&mut c)
        .await
        .unwrap();
    assert!(pttl > 0, "the token key must expire, pttl {pttl}");
    // remove_if drops only the token it names.
    b.remove_if(&AccessToken::new("tok-0")).await.unwrap();
    assert!(a.get().await.unwrap().is_some());
    b.remove_if(&token).await.unwrap();
    assert!(a.get().await.unwrap().is_none());
    assert!(!a.fallback_active() && !b.fallback_active());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_racing_on_a_cold_cache_make_one_token_request() {
    let Some(redis) = start_redis("clients_racing_on_a_cold_cache_make_one_token_request").await
    else {
        return;
    };
    let sb = sandbox(20, 100.0).await;
    // Hold the token answer so that every client asks while it is pending.
    sb.inject(
        Fault::delay(Duration::from_millis(500))
            .method("POST")
            .path("/oauth/token")
            .times(1),
    );
    let url = redis.url();
    let limits = RateLimits::default().scaled(100.0);
    let clients: Vec<Client> = (0..8)
        .map(|_| replica_client(&sb, &url, limits, Duration::from_secs(10)))
        .collect();
    let iccids = sb.iccids();
    let results = futures::future::join_all(clients.iter().enumerate().map(|(i, c)| {
        let iccid = iccids[i].clone();
        async move { c.sims().data_quota(&iccid).await }
    }))
    .await;
    for r in results {
        r.unwrap();
    }
    let stats = sb.stats();
    assert_eq!(stats.token_requests, 1, "{stats:?}");
    assert_eq!(stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"), 8);

    // In Redis: the token under the client id, nothing under the secret,
    // the lock released.
    let keys = dump(&redis).await;
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    assert!(names.contains(&"once-sdk:fleet-client:token"), "{names:?}");
    assert!(
        !names.contains(&"once-sdk:fleet-client:token-lock"),
        "{names:?}"
    );
    for (k, v) in &keys {
        assert!(
            !k.contains(CLIENT_SECRET) && !v.contains(CLIENT_SECRET),
            "the secret is in Redis under {k}"
        );
        assert!(k.starts_with("once-sdk:fleet-client:"), "{k}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_racing_on_a_cold_cache_make_one_token_request() {
    let Some(redis) = start_redis("processes_racing_on_a_cold_cache_make_one_token_request").await
    else {
        return;
    };
    let sb = sandbox(10, 100.0).await;
    // Hold the first token answer for a second: every process starts and
    // asks for a token while it is pending.
    sb.inject(
        Fault::delay(Duration::from_secs(1))
            .method("POST")
            .path("/oauth/token")
            .times(1),
    );
    let children: Vec<_> = (0..4)
        .map(|_| spawn_replica("fetch", &redis, &sb, &[]))
        .collect();
    for child in children {
        let out = child.wait_with_output().await.unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("REPLICA OK"),
            "replica failed: {}\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stats = sb.stats();
    assert_eq!(stats.token_requests, 1, "{stats:?}");
    assert_eq!(stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_holding_the_refresh_lock_stalls_the_others_only_until_it_expires() {
    let test = "a_replica_killed_holding_the_refresh_lock_stalls_the_others_only_until_it_expires";
    let Some(redis) = start_redis(test).await else {
        return;
    };
    let sb = sandbox(10, 100.0).await;
    // The first token request never gets an answer in time.
    sb.inject(
        Fault::delay(Duration::from_secs(120))
            .method("POST")
            .path("/oauth/token")
            .times(1),
    );
    let lock_ttl = Duration::from_millis(1500);
    let mut child = spawn_replica(
        "hold",
        &redis,
        &sb,
        &[(
            "ONCE_REDIS_TEST_LOCK_TTL_MS",
            lock_ttl.as_millis().to_string(),
        )],
    );
    let pid = child.id().unwrap();
    // Wait until the replica holds the lock and its token request is pending.
    let lock_key = format!("once-sdk:{CLIENT_ID}:token-lock");
    let mut c = redis.conn().await;
    let mut holder = None;
    for _ in 0..1200 {
        let v: Option<String> = redis::cmd("GET")
            .arg(&lock_key)
            .query_async(&mut c)
            .await
            .unwrap();
        // The fault is used up once the token request has arrived.
        if v.is_some() && sb.pending_faults().is_empty() {
            holder = v;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let holder = holder.expect("the replica never took the refresh lock");
    assert!(
        holder.starts_with(&format!("{pid}-")),
        "lock held by {holder}, replica is {pid}"
    );
    child.kill().await.unwrap();

    // The dead replica's lock has a lifetime, now running out in Redis.
    let pttl: i64 = redis::cmd("PTTL")
        .arg(&lock_key)
        .query_async(&mut c)
        .await
        .unwrap();
    assert!(
        (1..=lock_ttl.as_millis() as i64).contains(&pttl),
        "the lock lives {pttl} ms more"
    );

    // Three more replicas need a token now: they wait for the dead one's
    // lock to expire, then one of them fetches for all. Their own lock
    // lifetime is an hour, so their give-up-and-fetch-anyway fallback (after
    // twice that) cannot be what ends the stall: only the dead replica's
    // lock running out can, within the hang guard below.
    let url = redis.url();
    let limits = RateLimits::default().scaled(100.0);
    let clients: Vec<Client> = (0..3)
        .map(|_| replica_client(&sb, &url, limits, Duration::from_secs(3600)))
        .collect();
    let iccid = sb.iccids()[0].clone();
    let started = Instant::now();
    let all = futures::future::join_all(clients.iter().map(|c| {
        let iccid = iccid.clone();
        async move { c.sims().data_quota(&iccid).await }
    }));
    let results = tokio::time::timeout(Duration::from_secs(60), all)
        .await
        .expect("the replicas stalled behind the dead replica's lock");
    for r in results {
        r.unwrap();
    }
    // One token request for the three (had the lock not expired, each
    // would have fetched its own after waiting). The sandbox counts a token
    // request when it answers it: the dead replica's is still held.
    let stats = sb.stats();
    assert_eq!(stats.token_requests, 1, "{stats:?}");
    assert_eq!(
        sb.requests()
            .iter()
            .filter(|r| r.path == "/oauth/token")
            .count(),
        1,
        "the survivors made more than one token request"
    );
    println!(
        "replicas got their token {:?} after the kill (lock ttl {lock_ttl:?})",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_is_renewed_once_for_all_replicas() {
    let Some(redis) = start_redis("a_refused_token_is_renewed_once_for_all_replicas").await else {
        return;
    };
    let sb = sandbox(20, 100.0).await;
    let url = redis.url();
    let limits = RateLimits::default().scaled(100.0);
    let clients: Vec<Client> = (0..6)
        .map(|_| replica_client(&sb, &url, limits, Duration::from_secs(10)))
        .collect();
    let iccids = sb.iccids();
    let iccids = &iccids;
    let scan = |round: usize| {
        futures::future::join_all(clients.iter().enumerate().map(move |(i, c)| {
            let iccid = iccids[(i + round) % iccids.len()].clone();
            async move { c.sims().data_quota(&iccid).await }
        }))
    };
    for r in scan(0).await {
        r.unwrap();
    }
    assert_eq!(sb.stats().token_requests, 1);
    // 1NCE stops accepting the shared token: every replica gets a 401, drops
    // that token (only that one) and asks for a new one; one of them fetches.
    sb.expire_tokens();
    for r in scan(1).await {
        r.unwrap();
    }
    let stats = sb.stats();
    assert_eq!(stats.token_requests, 2, "{stats:?}");
    assert_eq!(stats.unauthorized, 6, "{stats:?}");
}

// ---------------------------------------------------------------- rate limiter

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_scanning_together_stay_within_the_shared_limit() {
    let Some(redis) = start_redis("replicas_scanning_together_stay_within_the_shared_limit").await
    else {
        return;
    };
    // /sims at 100 per second, four replicas scanning 400 SIMs together.
    let factor = 10.0;
    let sb = sandbox(400, factor).await;
    let limits = RateLimits::default().scaled(factor);
    let limit = limits.get(once_sdk::EndpointGroup::Sims).unwrap();
    let url = redis.url();
    let clients: Vec<Client> = (0..4)
        .map(|_| replica_client(&sb, &url, limits, Duration::from_secs(10)))
        .collect();
    let iccids = sb.iccids();
    let started = Instant::now();
    let scans = clients.iter().enumerate().map(|(i, c)| {
        let mine: Vec<Iccid> = iccids.iter().skip(i).step_by(4).cloned().collect();
        async move {
            futures::stream::iter(mine)
                .map(|iccid| async move { c.sims().data_quota(&iccid).await })
                .buffer_unordered(8)
                .try_collect::<Vec<_>>()
                .await
        }
    });
    for r in futures::future::join_all(scans).await {
        assert_eq!(r.unwrap().len(), 100);
    }
    let elapsed = started.elapsed();
    let stats = sb.stats();
    let calls = stats.requests_to("GET", "/v2/sims/{iccid}/quota/data");
    // Each replica pacing on its own at the limit would be 4 × the limit:
    // the sandbox answers 429 to most of that (checked: 4 key prefixes
    // instead of one). Shared pacing sends at the limit; on a loaded machine
    // requests released in time can still reach the sandbox bunched (the
    // jitter of docs/RELIABILITY.md), and the few 429s are retried (a 429 was
    // not processed). So: every call beyond the 400 is a 429 answered, and
    // those stay a handful.
    assert_eq!(
        calls,
        400 + stats.rate_limited,
        "calls beyond the 400 that were not 429s: {stats:?}"
    );
    assert!(
        stats.rate_limited <= 8,
        "the sandbox answered 429 to {} of {calls} calls: not one shared limit: {stats:?}",
        stats.rate_limited
    );
    assert_eq!(stats.token_requests, 1, "{stats:?}");
    // How close to the limit they get depends on the machine: a figure for
    // benches/shared_limit (docs/BENCHMARKS.md), not a test.
    let rate = calls as f64 / elapsed.as_secs_f64();
    let allowed = f64::from(limit.max) / limit.per.as_secs_f64();
    println!("400 calls in {elapsed:?}: {rate:.1}/s of {allowed}/s allowed");
}

// ---------------------------------------------------------------- Redis unavailable

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_a_replica_falls_back_to_in_process_state_and_returns_to_redis() {
    // Nothing listens on this port (yet).
    let port = free_port();
    let url = format!("redis://127.0.0.1:{port}/");
    let sb = sandbox(10, 100.0).await;
    let store = Arc::new(
        RedisTokenStore::new(&url, CLIENT_ID)
            .unwrap()
            .retry_interval(Duration::ZERO),
    );
    let limiter = Arc::new(
        RedisRateLimiter::new(&url, CLIENT_ID, RateLimits::default().scaled(100.0))
            .unwrap()
            .retry_interval(Duration::ZERO),
    );
    let client = sb
        .client_builder()
        .token_store(store.clone())
        .rate_limiter(limiter.clone())
        .build()
        .unwrap();
    let iccid = sb.iccids()[0].clone();
    for _ in 0..5 {
        client.sims().data_quota(&iccid).await.unwrap();
    }
    assert!(store.fallback_active() && limiter.fallback_active());
    // Without Redis the token is the process's own, fetched once.
    assert_eq!(sb.stats().token_requests, 1);

    // Redis comes up on that port: the next calls use it again.
    let test = "without_redis_a_replica_falls_back_to_in_process_state_and_returns_to_redis";
    let Some(redis) = start_redis_on(test, Some(port)).await else {
        return;
    };
    // Every call passes the limiter, so it is back on Redis at once; the
    // token store is asked again only when the process's own token is no
    // longer good (here: refused), so no token is fetched for nothing.
    client.sims().data_quota(&iccid).await.unwrap();
    assert!(!limiter.fallback_active());
    assert_eq!(sb.stats().token_requests, 1);
    sb.expire_tokens();
    // Redis started empty: one token request puts a token there for all.
    client.sims().data_quota(&iccid).await.unwrap();
    assert!(!store.fallback_active());
    assert_eq!(sb.stats().token_requests, 2);
    let names: Vec<String> = dump(&redis).await.into_iter().map(|(k, _)| k).collect();
    assert!(
        names.contains(&"once-sdk:fleet-client:token".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"once-sdk:fleet-client:rate:sims".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_malformed_redis_url_is_a_config_error() {
    let err = RedisTokenStore::new("http://:hunter2@127.0.0.1/", CLIENT_ID).unwrap_err();
    assert!(matches!(err, once_sdk::Error::Config(_)), "{err:?}");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    let err = RedisRateLimiter::new("not a url", CLIENT_ID, RateLimits::default()).unwrap_err();
    assert!(matches!(err, once_sdk::Error::Config(_)), "{err:?}");
}

// ---------------------------------------------------------------- documented fallback defaults

/// The log lines of the current thread, as text.
#[derive(Clone, Default)]
struct Lines(Arc<std::sync::Mutex<Vec<u8>>>);

impl Lines {
    fn count(&self, needle: &str) -> usize {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .filter(|l| l.contains(needle))
            .count()
    }
}

impl std::io::Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
    type Writer = Lines;
    fn make_writer(&'a self) -> Lines {
        self.clone()
    }
}

/// Sends `signal` (`STOP`, `CONT`) to the redis-server.
fn signal(redis: &RedisServer, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(redis.child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// How long `acquire` took on the (paused) clock.
async fn timed_acquire(limiter: &RedisRateLimiter) -> Duration {
    let t = tokio::time::Instant::now();
    limiter.acquire(EndpointGroup::Sims).await;
    t.elapsed()
}

/// `elapsed` is `expected` on the paused clock, give or take its rounding
/// (each timer fires at the next whole millisecond).
#[track_caller]
fn about(elapsed: Duration, expected: Duration) {
    assert!(
        (expected..expected + Duration::from_millis(20)).contains(&elapsed),
        "{elapsed:?}, expected {expected:?}"
    );
}

/// What a hung Redis costs the call that finds it: the command's 500 ms
/// timeout, or (when the connection manager reconnects once, after 20 to
/// 100 ms) two of them.
#[track_caller]
fn hung(elapsed: Duration) {
    let ms = Duration::from_millis;
    assert!(
        (ms(500)..ms(520)).contains(&elapsed) || (ms(1020)..ms(1120)).contains(&elapsed),
        "{elapsed:?}, expected one command timeout of 500 ms, or two and a reconnect delay"
    );
}

/// The module docs' promises for a Redis that stops answering: each
/// command gives up after 500 ms (the call that finds Redis hung may wait
/// two of them: the command and one reconnect), Redis is then left alone for 1 s (calls
/// go on at once, paced in process), the switch is logged once at WARN,
/// the process paces with `fallback_limits` (by default the shared
/// limits), and the return is logged once at INFO. Redis hangs for real
/// (SIGSTOP); the waits run on tokio's paused clock.
#[tokio::test]
async fn a_hung_redis_is_left_after_500_ms_retried_after_1_s_and_its_return_logged() {
    let test = "a_hung_redis_is_left_after_500_ms_retried_after_1_s_and_its_return_logged";
    let Some(redis) = start_redis(test).await else {
        return;
    };
    let lines = Lines::default();
    let _log = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_writer(lines.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish(),
    );
    let url = redis.url();
    let shared = RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(5)));
    // Defaults but for an unpaced fallback: only Redis's own waits count.
    let limiter = RedisRateLimiter::new(
        &url,
        CLIENT_ID,
        RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(1000))),
    )
    .unwrap()
    .fallback_limits(RateLimits::unlimited());
    // Paced by fallback_limits (2/s), and by default by the shared limits
    // (5/s); Redis is not asked again during the test.
    let halved = RedisRateLimiter::new(&url, CLIENT_ID, shared)
        .unwrap()
        .fallback_limits(
            RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(2))),
        )
        .retry_interval(Duration::from_secs(3600));
    let default_fallback = RedisRateLimiter::new(&url, CLIENT_ID, shared)
        .unwrap()
        .key_prefix("other")
        .retry_interval(Duration::from_secs(3600));
    for l in [&limiter, &halved, &default_fallback] {
        l.acquire(EndpointGroup::Sims).await;
        assert!(!l.fallback_active());
    }

    signal(&redis, "STOP");
    tokio::time::pause();
    // The first call waits for the command timeout (sometimes twice: the
    // command, then one reconnect), then goes on.
    hung(timed_acquire(&limiter).await);
    assert!(limiter.fallback_active());
    // For the next second Redis is not asked.
    assert_eq!(timed_acquire(&limiter).await, Duration::ZERO);
    tokio::time::advance(Duration::from_millis(990)).await;
    assert_eq!(timed_acquire(&limiter).await, Duration::ZERO);
    // Then it is, and it still hangs.
    tokio::time::advance(Duration::from_millis(15)).await;
    hung(timed_acquire(&limiter).await);
    assert_eq!(
        lines.count("Redis is unavailable: the rate limiter falls back to in-process state"),
        1,
        "one WARN line for the switch"
    );

    // fallback_limits: 2/s is one call every 510 ms (1.02 s / 2).
    hung(timed_acquire(&halved).await);
    about(timed_acquire(&halved).await, Duration::from_millis(510));
    about(timed_acquire(&halved).await, Duration::from_millis(510));
    // Without fallback_limits, the shared limits: 5/s, every 204 ms.
    about(
        timed_acquire(&default_fallback).await,
        Duration::from_millis(500),
    );
    about(
        timed_acquire(&default_fallback).await,
        Duration::from_millis(204),
    );
    about(
        timed_acquire(&default_fallback).await,
        Duration::from_millis(204),
    );

    // Redis answers again: the next call it is asked goes through it, and
    // the return is logged once.
    signal(&redis, "CONT");
    tokio::time::resume();
    let guard = Instant::now() + Duration::from_secs(60);
    while limiter.fallback_active() {
        assert!(
            Instant::now() < guard,
            "the limiter never went back to Redis"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        limiter.acquire(EndpointGroup::Sims).await;
    }
    assert_eq!(
        lines.count("Redis is reachable again: the rate limiter is shared again"),
        1,
        "{}",
        String::from_utf8_lossy(&lines.0.lock().unwrap())
    );
    assert!(lines.count(" INFO ") >= 1);
}
