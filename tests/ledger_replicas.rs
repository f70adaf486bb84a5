//! The fleet ledger's exactly-once promise across replicas, end to end:
//! the sandbox's Data Streamer posts usage, events and SMS records through a round-robin proxy that misbehaves (500 instead of
//! forwarding, the connection dropped before or after forwarding, an answer
//! slower than the sender waits) to `once-ledger serve` processes storing
//! into one database. Mid-stream a replica is killed with SIGKILL right
//! after it stored a batch (so the batch comes again to a process that never
//! saw it) or while a batch is on its way to it, and started again;
//! PostgreSQL is stopped and started. Once the stream is drained, every
//! record id the sandbox emitted is stored exactly once, and nothing else.
//! The same flow then runs with one replica on a SQLite file.
//!
//! The sandbox has one stream that carries every kind (1NCE sets up one
//! stream per kind); the check is per kind and table, against the list of
//! ids the sandbox itself emitted.

// The test PostgreSQL of once-ledger's own tests (initdb, pg_ctl on a free
// loopback port), one file for both.
#[path = "../once-ledger/tests/common/mod.rs"]
mod common;
mod stream_support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use common::PgServer;
use once_sandbox::{Sandbox, StreamConfig, StreamKind, StreamState};
use once_streamer::BasicCredentials;
use stream_support::{
    assert_every_fault_met, forward, read_request, reply, serve, traffic, Dropped, Fault, Reply,
};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The `once-ledger` binary beside this test's own executable
/// (`target/<profile>/`). `cargo test --workspace` builds it (once-ledger's
/// own tests need it); when this test runs alone (`cargo test -p
/// once-tests`), it is built here first.
fn ledger_bin() -> PathBuf {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test's path");
        let dir = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("target/<profile>/deps");
        let bin = dir.join("once-ledger");
        if !bin.exists() {
            let mut build = std::process::Command::new(env!("CARGO"));
            build.args(["build", "-p", "once-ledger", "--bin", "once-ledger"]);
            if dir.file_name().is_some_and(|p| p == "release") {
                build.arg("--release");
            }
            let status = build.status().expect("cargo runs");
            assert!(status.success(), "building once-ledger: {status:?}");
        }
        bin
    })
    .clone()
}
const USER: &str = "1nce";
const PASSWORD: &str = "stream-secret";
/// The bound of every wait: a step that takes longer fails the test.
const BOUND: Duration = Duration::from_secs(40);
/// How long the sandbox waits for an answer.
const SENDER_TIMEOUT: Duration = Duration::from_millis(500);
/// How long the proxy holds a slow answer: longer than the sender waits.
const SLOW: Duration = Duration::from_millis(800);

/// Eleven entries: not a multiple of the replicas, so every fault meets
/// every replica.
const PLAN: [Fault; 11] = [
    Fault::Pass,
    Fault::Status500,
    Fault::Pass,
    Fault::DropAfterForward,
    Fault::Pass,
    Fault::Slow,
    Fault::Pass,
    Fault::DropBeforeForward,
    Fault::Pass,
    Fault::DropAfterForward,
    Fault::Pass,
];

/// How an armed kill hits its replica.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kill {
    /// Once the replica answered 200 to a batch (it is stored): SIGKILL,
    /// and the connection is dropped, so the sandbox sends the batch again
    /// to a process that has never seen it.
    AfterAnswer,
    /// SIGKILL while the batch is on its way to the replica (before, during
    /// or after its transaction: whichever it is, nothing may be lost or
    /// doubled).
    DuringForward,
}

/// One `once-ledger serve` process, started again after each kill.
struct Replica {
    /// The address and incarnation (0 for the first process) the proxy
    /// forwards to.
    current: Mutex<(SocketAddr, u32)>,
    child: tokio::sync::Mutex<Child>,
    /// Every incarnation's stderr.
    log: Arc<Mutex<String>>,
}

/// The replicas, and what happened to them.
struct Fleet {
    db: String,
    replicas: Vec<Replica>,
    /// Kills done, by replica.
    kills: Mutex<Vec<(usize, Kill)>>,
    /// Failures in tasks (a restart that did not come up): the waits
    /// report them.
    errors: Mutex<Vec<String>>,
}

/// Starts `once-ledger serve` on a port of its choosing; returns the
/// process and its address once it listens and its /healthz answers 200.
async fn spawn_serve(
    db: &str,
    name: &str,
    log: &Arc<Mutex<String>>,
) -> Result<(Child, SocketAddr), String> {
    let bin = ledger_bin();
    let mut child = Command::new(&bin)
        .arg("serve")
        .env("ONCE_LEDGER_DB", db)
        .env("ONCE_LEDGER_LISTEN", "127.0.0.1:0")
        .env("ONCE_STREAMER_USERNAME", USER)
        .env("ONCE_STREAMER_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("{name}: cannot start {}: {e}", bin.display()))?;
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = tokio::sync::oneshot::channel::<String>();
    let sink = Arc::clone(log);
    let header = format!("--- {name}\n");
    tokio::spawn(async move {
        sink.lock().unwrap().push_str(&header);
        let mut tx = Some(tx);
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.strip_prefix("once-ledger: listening on ") {
                if let (Some(tx), Some(addr)) = (tx.take(), rest.split(',').next()) {
                    let _ = tx.send(addr.to_string());
                }
            }
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    let addr = match tokio::time::timeout(BOUND, rx).await {
        Ok(Ok(addr)) => addr,
        Ok(Err(_)) => {
            let status = tokio::time::timeout(BOUND, child.wait()).await;
            return Err(format!(
                "{name} exited before listening ({status:?}):\n{}",
                log.lock().unwrap()
            ));
        }
        Err(_) => {
            return Err(format!(
                "{name} did not listen within {BOUND:?}:\n{}",
                log.lock().unwrap()
            ))
        }
    };
    let addr: SocketAddr = addr
        .parse()
        .map_err(|e| format!("{name}: address {addr:?}: {e}"))?;
    let health = reqwest::Client::builder()
        .no_proxy()
        .timeout(BOUND)
        .build()
        .unwrap()
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .map(|r| r.status().as_u16());
    if health.as_ref().ok() != Some(&200) {
        return Err(format!(
            "{name}: GET /healthz answered {health:?}:\n{}",
            log.lock().unwrap()
        ));
    }
    Ok((child, addr))
}

impl Fleet {
    async fn start(db: String, n: usize) -> Arc<Fleet> {
        let mut replicas = Vec::new();
        for i in 0..n {
            let log = Arc::default();
            let (child, addr) = spawn_serve(&db, &format!("replica {i}.0"), &log)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            replicas.push(Replica {
                current: Mutex::new((addr, 0)),
                child: tokio::sync::Mutex::new(child),
                log,
            });
        }
        Arc::new(Fleet {
            db,
            replicas,
            kills: Mutex::default(),
            errors: Mutex::default(),
        })
    }

    fn target(&self, i: usize) -> (SocketAddr, u32) {
        *self.replicas[i].current.lock().unwrap()
    }

    /// SIGKILL replica `i` and start it again (holding its lock throughout).
    async fn kill_and_restart(&self, i: usize, how: Kill) -> Result<(), String> {
        let r = &self.replicas[i];
        let mut child = r.child.lock().await;
        child
            .start_kill()
            .map_err(|e| format!("replica {i}: SIGKILL: {e}"))?;
        let status = tokio::time::timeout(BOUND, child.wait())
            .await
            .map_err(|_| format!("replica {i} still running {BOUND:?} after SIGKILL"))?
            .map_err(|e| format!("replica {i}: wait: {e}"))?;
        if status.signal() != Some(9) {
            return Err(format!("replica {i} ended with {status:?}, not SIGKILL"));
        }
        self.kills.lock().unwrap().push((i, how));
        let generation = r.current.lock().unwrap().1 + 1;
        let (new, addr) =
            spawn_serve(&self.db, &format!("replica {i}.{generation}"), &r.log).await?;
        *child = new;
        *r.current.lock().unwrap() = (addr, generation);
        Ok(())
    }

    fn kills_of(&self, i: usize) -> usize {
        self.kills
            .lock()
            .unwrap()
            .iter()
            .filter(|k| k.0 == i)
            .count()
    }

    fn check(&self) {
        let errors = self.errors.lock().unwrap();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }

    /// SIGTERM every replica (they drain what is in flight) and wait for
    /// them to exit 0; returns their stderr.
    async fn stop(&self) -> String {
        let mut logs = String::new();
        for (i, r) in self.replicas.iter().enumerate() {
            let mut child = r.child.lock().await;
            let pid = child.id().expect("a running replica").to_string();
            let sent = std::process::Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap();
            assert!(sent.success(), "kill -TERM {pid}");
            let status = tokio::time::timeout(BOUND, child.wait())
                .await
                .unwrap_or_else(|_| panic!("replica {i} did not stop within {BOUND:?} of SIGTERM"))
                .unwrap();
            assert!(
                status.success(),
                "replica {i}: {status:?}\n{}",
                r.log.lock().unwrap()
            );
            // The stderr reader ends with the process.
            wait_for(&format!("replica {i}'s last words"), || {
                r.log.lock().unwrap().contains("once-ledger: stopped")
            })
            .await;
            let log = r.log.lock().unwrap().clone();
            logs.push_str(&log);
        }
        logs
    }
}

/// One answer of a replica to a forwarded batch.
struct Answer {
    replica: usize,
    incarnation: u32,
    status: u16,
    ids: Vec<u64>,
}

/// The load balancer: request `n` goes to replica `n % replicas` with
/// fault `PLAN[n % 11]`.
struct Proxy {
    fleet: Arc<Fleet>,
    seq: AtomicUsize,
    armed: Mutex<Option<(usize, Kill)>>,
    hits: Mutex<BTreeMap<Fault, u32>>,
    answers: Mutex<Vec<Answer>>,
    http: reqwest::Client,
}

impl Proxy {
    fn arm(&self, replica: usize, how: Kill) {
        *self.armed.lock().unwrap() = Some((replica, how));
    }

    fn answered(&self, status: u16) -> usize {
        let answers = self.answers.lock().unwrap();
        answers.iter().filter(|a| a.status == status).count()
    }

    async fn forward(
        &self,
        replica: usize,
        auth: Option<hyper::header::HeaderValue>,
        body: Bytes,
        ids: Vec<u64>,
    ) -> Result<(u16, Bytes), Dropped> {
        let (addr, incarnation) = self.fleet.target(replica);
        let (status, text) = forward(&self.http, &format!("http://{addr}/"), auth, body).await?;
        // Who answered, unless a restart came in between.
        if self.fleet.target(replica).1 == incarnation {
            self.answers.lock().unwrap().push(Answer {
                replica,
                incarnation,
                status,
                ids,
            });
        }
        Ok((status, text))
    }

    /// The kill and restart in a task of its own: nothing may cancel it
    /// halfway (hyper drops a handler whose client went away).
    async fn kill(self: &Arc<Self>, replica: usize, how: Kill) {
        let fleet = Arc::clone(&self.fleet);
        let done = tokio::spawn(async move {
            if let Err(e) = fleet.kill_and_restart(replica, how).await {
                fleet.errors.lock().unwrap().push(e);
            }
        });
        let _ = done.await;
    }

    async fn handle(self: Arc<Self>, req: hyper::Request<hyper::body::Incoming>) -> Reply {
        let (auth, body) = read_request(req).await?;
        // The rest in a task of its own, so that what a replica answered is
        // always recorded.
        tokio::spawn(async move { self.route(auth, body).await })
            .await
            .map_err(|_| Dropped)?
    }

    async fn route(
        self: Arc<Self>,
        auth: Option<hyper::header::HeaderValue>,
        body: Bytes,
    ) -> Reply {
        let n = self.seq.fetch_add(1, Ordering::SeqCst);
        let replica = n % self.fleet.replicas.len();
        let fault = PLAN[n % PLAN.len()];
        *self.hits.lock().unwrap().entry(fault).or_default() += 1;
        let ids: Vec<u64> = serde_json::from_slice::<Vec<serde_json::Value>>(&body)
            .expect("the sandbox posts a JSON array")
            .iter()
            .map(|r| r["id"].as_u64().expect("a record id"))
            .collect();
        match fault {
            Fault::Status500 => return reply(500, Bytes::new()),
            Fault::DropBeforeForward => return Err(Dropped),
            _ => {}
        }
        let armed = self.armed.lock().unwrap().filter(|a| a.0 == replica);
        match armed.map(|a| a.1) {
            Some(Kill::DuringForward) => {
                self.armed.lock().unwrap().take();
                let me = Arc::clone(&self);
                let on_its_way =
                    tokio::spawn(async move { me.forward(replica, auth, body, ids).await });
                tokio::task::yield_now().await;
                self.kill(replica, Kill::DuringForward).await;
                let _ = on_its_way.await;
                Err(Dropped)
            }
            Some(Kill::AfterAnswer) => {
                let (status, text) = self.forward(replica, auth, body, ids).await?;
                if status != 200 {
                    // Not stored: the kill waits for a batch that is.
                    return reply(status, text);
                }
                self.armed.lock().unwrap().take();
                self.kill(replica, Kill::AfterAnswer).await;
                Err(Dropped)
            }
            None => {
                let (status, text) = self.forward(replica, auth, body, ids).await?;
                match fault {
                    Fault::DropAfterForward => Err(Dropped),
                    Fault::Slow => {
                        tokio::time::sleep(SLOW).await;
                        reply(status, text)
                    }
                    _ => reply(status, text),
                }
            }
        }
    }
}

async fn start_proxy(fleet: Arc<Fleet>) -> (Arc<Proxy>, SocketAddr) {
    let proxy = Arc::new(Proxy {
        fleet,
        seq: AtomicUsize::new(0),
        armed: Mutex::new(None),
        hits: Mutex::default(),
        answers: Mutex::default(),
        http: reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(0)
            .timeout(BOUND)
            .build()
            .unwrap(),
    });
    let p = Arc::clone(&proxy);
    let addr = serve(move |req| Arc::clone(&p).handle(req)).await;
    (proxy, addr)
}

/// Waits until `done`, at most [`BOUND`].
async fn wait_for(what: &str, done: impl FnMut() -> bool) {
    stream_support::wait_for(what, BOUND, done).await
}

/// The stream and its traffic.
struct Stream {
    sandbox: Sandbox,
    wave: usize,
}

impl Stream {
    async fn start(proxy: SocketAddr) -> Stream {
        let sandbox = Sandbox::builder()
            .sims(40)
            .seed(28)
            .no_rate_limits()
            .start()
            .await
            .unwrap();
        let auth = BasicCredentials::new(USER, PASSWORD).header_value();
        sandbox.stream_to(
            StreamConfig::new(format!("http://{proxy}/stream"), auth)
                .interval(Duration::from_millis(10))
                .batch_size(10)
                .timeout(SENDER_TIMEOUT)
                .backoff(Duration::from_millis(10), Duration::from_millis(100))
                .max_failures(100_000),
        );
        // SMS sent to devices: their delivery reports.
        let client = sandbox.client().unwrap();
        for iccid in sandbox.iccids().iter().take(3) {
            sandbox.set_online(iccid, true).unwrap();
            client
                .sms()
                .send(iccid, once_sdk::Sms::text("ping"))
                .await
                .unwrap();
        }
        let mut s = Stream { sandbox, wave: 0 };
        s.traffic();
        s
    }

    fn traffic(&mut self) {
        traffic(&self.sandbox, self.wave);
        self.wave += 1;
    }

    /// Keeps records coming until `done`.
    async fn until(&mut self, what: &str, fleet: &Fleet, mut done: impl FnMut(&Sandbox) -> bool) {
        let deadline = tokio::time::Instant::now() + BOUND;
        loop {
            fleet.check();
            if done(&self.sandbox) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out ({BOUND:?}) waiting for {what}: {:?}",
                self.sandbox.stream_stats()
            );
            if self.sandbox.stream_stats().pending == 0 {
                self.traffic();
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Arms a kill of `replica` and waits until it was killed and is back.
    async fn kill(&mut self, proxy: &Proxy, replica: usize, how: Kill) {
        let before = proxy.fleet.kills_of(replica);
        proxy.arm(replica, how);
        self.until(
            &format!("replica {replica} killed ({how:?})"),
            &proxy.fleet,
            |_| proxy.fleet.kills_of(replica) > before,
        )
        .await;
        // Back: the restart holds the replica's lock until it answers.
        drop(proxy.fleet.replicas[replica].child.lock().await);
        proxy.fleet.check();
    }

    /// Waits until the sandbox has nothing left to send.
    async fn drain(&self, fleet: &Fleet) {
        wait_for("the stream drained (pending 0)", || {
            fleet.check();
            self.sandbox.stream_stats().pending == 0
        })
        .await;
        let s = self.sandbox.stream_stats();
        assert_eq!(s.state, StreamState::Running, "{s:?}");
    }
}

/// What a ledger holds, read straight from its tables.
#[derive(Debug, Default)]
struct Stored {
    usage: Vec<String>,
    events: Vec<String>,
    /// (`mt` or `mo`, id).
    sms: Vec<(String, String)>,
    rejected: Vec<String>,
    /// Per table: count(*) and count(DISTINCT id) (`kind:id` for SMS
    /// records, delivery reports and MO SMS being two kinds).
    counts: BTreeMap<&'static str, (i64, i64)>,
}

const COUNTS: [(&str, &str); 3] = [
    ("usage", "SELECT count(*), count(DISTINCT id) FROM usage"),
    ("events", "SELECT count(*), count(DISTINCT id) FROM events"),
    (
        "sms_records",
        "SELECT count(*), count(DISTINCT kind || ':' || id) FROM sms_records",
    ),
];

async fn stored_in_postgres(c: &tokio_postgres::Client) -> Stored {
    let ids = |rows: Vec<tokio_postgres::Row>| rows.iter().map(|r| r.get(0)).collect();
    let mut s = Stored {
        usage: ids(c.query("SELECT id FROM usage", &[]).await.unwrap()),
        events: ids(c.query("SELECT id FROM events", &[]).await.unwrap()),
        rejected: ids(c.query("SELECT key FROM rejected", &[]).await.unwrap()),
        sms: c
            .query("SELECT kind, id FROM sms_records", &[])
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect(),
        counts: BTreeMap::new(),
    };
    for (table, sql) in COUNTS {
        let row = c.query_one(sql, &[]).await.unwrap();
        s.counts.insert(table, (row.get(0), row.get(1)));
    }
    s
}

fn stored_in_sqlite(path: &std::path::Path) -> Stored {
    let db = rusqlite::Connection::open(path).unwrap();
    let ids = |sql: &str| -> Vec<String> {
        let mut stmt = db.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut s = Stored {
        usage: ids("SELECT id FROM usage"),
        events: ids("SELECT id FROM events"),
        rejected: ids("SELECT key FROM rejected"),
        sms: {
            let mut stmt = db.prepare("SELECT kind, id FROM sms_records").unwrap();
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
            rows.map(Result::unwrap).collect()
        },
        counts: BTreeMap::new(),
    };
    for (table, sql) in COUNTS {
        let counts = db
            .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        s.counts.insert(table, counts);
    }
    s
}

/// The check, against the sandbox's own list of what it emitted (not the
/// ledger's): every id exactly once, in its table, and nothing else.
fn assert_exactly_once(stored: &Stored, emitted: &[(StreamKind, u64)]) {
    // 1NCE's ids are unique per kind (events carry the API's event ids).
    let unique: BTreeSet<(StreamKind, u64)> = emitted.iter().copied().collect();
    assert_eq!(unique.len(), emitted.len(), "the sandbox's ids repeat");
    let kinds: BTreeSet<StreamKind> = emitted.iter().map(|e| e.0).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            StreamKind::Usage,
            StreamKind::Event,
            StreamKind::SmsDeliveryReport,
            StreamKind::MoSms
        ]),
        "the traffic makes usage, events and SMS records both ways"
    );
    for (table, (all, distinct)) in &stored.counts {
        assert_eq!(all, distinct, "{table}: a record stored twice");
    }
    let of = |kind: StreamKind, prefix: &str| -> Vec<String> {
        emitted
            .iter()
            .filter(|e| e.0 == kind)
            .map(|e| format!("{prefix}{}", e.1))
            .collect()
    };
    let sms: Vec<String> = stored
        .sms
        .iter()
        .map(|(k, id)| format!("{k}:{id}"))
        .collect();
    let mut sms_emitted = of(StreamKind::SmsDeliveryReport, "mt:");
    sms_emitted.extend(of(StreamKind::MoSms, "mo:"));
    for (table, got, want) in [
        ("usage", stored.usage.clone(), of(StreamKind::Usage, "")),
        ("events", stored.events.clone(), of(StreamKind::Event, "")),
        ("sms_records", sms, sms_emitted),
    ] {
        let got_set: BTreeSet<&String> = got.iter().collect();
        let want_set: BTreeSet<&String> = want.iter().collect();
        let missing: Vec<_> = want_set.difference(&got_set).collect();
        let extra: Vec<_> = got_set.difference(&want_set).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{table}: {} emitted records missing {missing:?}, {} stored that were never emitted \
             {extra:?}",
            missing.len(),
            extra.len()
        );
        assert_eq!(got.len(), want.len(), "{table}: a record stored twice");
    }
    assert!(
        stored.rejected.is_empty(),
        "rejected: {:?}",
        stored.rejected
    );
    let total = stored.usage.len() + stored.events.len() + stored.sms.len();
    assert_eq!(total, emitted.len());
}

/// The faults did happen, and the database, not a process's memory, is
/// what kept a record once: some batch was answered 200 by two different
/// processes.
fn assert_the_faults_happened(proxy: &Proxy, sandbox: &Sandbox) -> String {
    let hits = proxy.hits.lock().unwrap().clone();
    assert_every_fault_met(&hits);
    let mut by: HashMap<u64, BTreeSet<(usize, u32)>> = HashMap::new();
    for a in proxy
        .answers
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.status == 200)
    {
        for id in &a.ids {
            by.entry(*id)
                .or_default()
                .insert((a.replica, a.incarnation));
        }
    }
    let across = by.values().filter(|p| p.len() > 1).count();
    assert!(
        across > 0,
        "no record was stored by one process and sent again to another"
    );
    let s = sandbox.stream_stats();
    assert!(s.failed_attempts > 0, "{s:?}");
    format!(
        "{} requests, faults {hits:?}, kills {:?}, {across} records answered 200 by several \
         processes, stream {s:?}",
        proxy.seq.load(Ordering::SeqCst),
        proxy.fleet.kills.lock().unwrap()
    )
}

/// The replicas on `db`, the proxy in front of them and the stream, once a
/// first batch went through.
async fn start_run(db: String, replicas: usize) -> (Arc<Fleet>, Arc<Proxy>, Stream) {
    let fleet = Fleet::start(db, replicas).await;
    let (proxy, proxy_addr) = start_proxy(Arc::clone(&fleet)).await;
    let mut stream = Stream::start(proxy_addr).await;
    stream
        .until("a first batch delivered", &fleet, |s| {
            s.stream_stats().records_delivered > 0
        })
        .await;
    (fleet, proxy, stream)
}

/// Checks that the faults happened and prints what the run went through.
fn report(label: &str, proxy: &Proxy, sandbox: &Sandbox, logs: &str) {
    let summary = assert_the_faults_happened(proxy, sandbox);
    eprintln!(
        "{label}: {} records stored once; {summary}\n{}",
        sandbox.streamed_records().len(),
        logs.lines()
            .filter(|l| l.contains("stopped;"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("once-ledger-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_on_postgres_store_every_record_once_through_faults_kills_and_a_restart() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("fleet").await;
    let (fleet, proxy, mut stream) = start_run(url, 3).await;

    // A replica killed right after it stored a batch.
    stream.kill(&proxy, 0, Kill::AfterAnswer).await;

    // PostgreSQL stops (open connections cut) and starts again: the
    // replicas answer 503 meanwhile, and the sandbox sends again.
    stream.traffic();
    let refused = proxy.answered(503);
    tokio::task::block_in_place(|| pg.down());
    stream
        .until("a 503 while PostgreSQL is down", &fleet, |_| {
            proxy.answered(503) > refused
        })
        .await;
    tokio::task::block_in_place(|| pg.up());

    // The two others: one right after a batch, one while a batch is on its
    // way to it.
    stream.kill(&proxy, 1, Kill::AfterAnswer).await;
    stream.kill(&proxy, 2, Kill::DuringForward).await;
    stream.traffic();
    stream.drain(&fleet).await;
    let logs = fleet.stop().await;

    let stored = stored_in_postgres(&pg.client("fleet").await).await;
    assert_exactly_once(&stored, &stream.sandbox.streamed_records());
    report("postgres", &proxy, &stream.sandbox, &logs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_replica_on_sqlite_stores_every_record_once_through_faults_and_kills() {
    let dir = temp_dir("replicas-sqlite");
    let path = dir.join("fleet.db");
    let (fleet, proxy, mut stream) = start_run(format!("sqlite:{}", path.display()), 1).await;
    // Killed right after it stored a batch: the batch comes again to the
    // new process, whose memory is empty; then killed while a batch is on
    // its way (mid-transaction, perhaps: SQLite's journal must hold).
    stream.kill(&proxy, 0, Kill::AfterAnswer).await;
    stream.traffic();
    stream.kill(&proxy, 0, Kill::DuringForward).await;
    stream.traffic();
    stream.drain(&fleet).await;
    let logs = fleet.stop().await;

    let stored = stored_in_sqlite(&path);
    assert_exactly_once(&stored, &stream.sandbox.streamed_records());
    report("sqlite", &proxy, &stream.sandbox, &logs);
    std::fs::remove_dir_all(&dir).unwrap();
}
