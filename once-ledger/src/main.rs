//! `once-ledger`: the fleet ledger's binary. `serve` runs the Data Streamer
//! receiver storing into the ledger (and, with `--every`, the API sync on a
//! schedule); `sync` runs one pass; `migrate` applies the schema.

use std::sync::Arc;
use std::time::Duration;

/// A line on stderr; a stderr that cannot be written (closed, or a file
/// past a size limit) does not stop the service.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// A line on stdout, quietly dropped when stdout is closed (`| head`).
#[allow(unused_macros)]
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod policy_cli;

use clap::{Parser, Subcommand};
use once_ledger::{redact_url, Ledger, LedgerSink, SyncOptions};
use once_streamer::cli::{shutdown_signal, ReceiverArgs};
use once_streamer::Receiver;

/// The fleet ledger: every usage record, event and SMS record of a 1NCE
/// fleet, kept in PostgreSQL or SQLite, exactly once.
///
/// The database comes from `--db` or, to keep a password out of `ps`,
/// `ONCE_LEDGER_DB`: `postgres://user:password@host:5432/db` or
/// `sqlite:/var/lib/once-ledger/fleet.db`.
#[derive(Parser, Debug)]
#[command(name = "once-ledger", version)]
struct Args {
    /// The database URL.
    #[arg(long, global = true, env = "ONCE_LEDGER_DB", hide_env_values = true)]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The top-up policy (see POLICY.md): passes on a schedule, approval,
    /// the log of every decision, the month's spend.
    #[command(subcommand)]
    Policy(policy_cli::PolicyCommand),
    /// Applies the migrations the database lacks and prints its schema version.
    Migrate,
    /// One sync pass from the 1NCE API: every SIM, a quota snapshot when a
    /// quota changed, every event the API still holds (seven days on
    /// Platform 2.0); events the stream delivered are not stored twice.
    /// Credentials: ONCE_CLIENT_ID and ONCE_CLIENT_SECRET (+ ONCE_BASE_URL).
    Sync {
        /// SIMs worked on at once (the SDK paces calls at 1NCE's limits).
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
        concurrency: u16,
    },
    /// The gap report: SIMs whose data quota fell by more than the usage
    /// the ledger holds for that time, and record kinds that stored nothing
    /// lately. Prints JSON; exits 1 when something is missing (for cron and
    /// monitoring), 0 when nothing is.
    Gaps {
        /// How far back to look at quota snapshots (`7d`, `24h`).
        #[arg(long, default_value = "7d", value_parser = parse_span)]
        since: Duration,
        /// A record kind that stored nothing for this long is reported (`1h`).
        #[arg(long, default_value = "1h", value_parser = parse_span)]
        silent_after: Duration,
    },
    /// Receives the Data Streamer into the ledger: 200 only once a batch is
    /// committed, 503 while the database is down (1NCE sends it again);
    /// `GET /healthz` checks the database. SIGTERM drains batches in flight.
    Serve {
        #[command(flatten)]
        policy: policy_cli::ServePolicy,
        /// Address to listen on (put a TLS-terminating proxy in front: 1NCE
        /// posts only to https URLs with a public certificate).
        #[arg(long, env = "ONCE_LEDGER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        #[command(flatten)]
        receiver: ReceiverArgs,
        /// Also run a sync pass from the API this often (`15m`, `1h`);
        /// needs ONCE_CLIENT_ID and ONCE_CLIENT_SECRET.
        #[arg(long, env = "ONCE_LEDGER_EVERY", value_parser = parse_every)]
        every: Option<Duration>,
    },
}

fn parse_every(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e} (e.g. 15m, 1h)"))?;
    if d < Duration::from_secs(60) {
        return Err(format!("{s:?}: at least 1m (a pass reads every SIM)"));
    }
    Ok(d)
}

fn parse_span(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e} (e.g. 7d, 1h)"))
}

fn api_client() -> Result<once_sdk::Client, String> {
    once_sdk::Client::from_env().map_err(|e| format!("1NCE credentials: {e}"))
}

async fn sync_once(ledger: &Ledger, client: &once_sdk::Client, options: &SyncOptions) -> bool {
    match ledger.sync(client, options).await {
        Ok(r) => {
            say!(
                "once-ledger: sync: {} SIMs, {} quota snapshots, {} events new, {} already stored, {} failures",
                r.sims,
                r.quota_snapshots,
                r.events_inserted,
                r.events_already_stored,
                r.failures.len()
            );
            for f in r.failures.iter().take(20) {
                say!("once-ledger: sync: {f}");
            }
            r.failures.is_empty()
        }
        Err(e) => {
            say!("once-ledger: sync failed (what was stored stays stored): {e}");
            false
        }
    }
}

async fn open(db: Option<&str>) -> Result<Ledger, String> {
    let db = db.ok_or("--db (or ONCE_LEDGER_DB) is required: postgres://... or sqlite:FILE")?;
    // Retried for a while: a database starting with the ledger is normal.
    let mut last = String::new();
    for attempt in 0..30 {
        match Ledger::open(db).await {
            Ok(l) => return Ok(l),
            Err(once_ledger::LedgerError::Unavailable(e)) => {
                last = e;
                if attempt == 0 {
                    say!("once-ledger: waiting for {}: {last}", redact_url(db));
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => return Err(format!("{}: {e}", redact_url(db))),
        }
    }
    Err(format!("{}: unavailable: {last}", redact_url(db)))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let ledger = match open(args.db.as_deref()).await {
        Ok(l) => l,
        Err(e) => {
            say!("once-ledger: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    // `serve --policy`: the top-up policy's passes beside the receiver.
    if let Command::Serve { policy, every, .. } = &args.command {
        if let Err(code) = policy_cli::serve(args.db.as_deref(), policy, *every).await {
            return code;
        }
    }
    match args.command {
        Command::Policy(command) => policy_cli::run(ledger, command).await,
        Command::Migrate => {
            out!(
                "{}: schema version {}",
                ledger.url(),
                once_ledger::SCHEMA_VERSION
            );
            std::process::ExitCode::SUCCESS
        }
        Command::Gaps {
            since,
            silent_after,
        } => {
            let now = chrono::Utc::now();
            let ago = |d: Duration| {
                chrono::Duration::from_std(d)
                    .ok()
                    .and_then(|d| now.checked_sub_signed(d))
                    .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
            };
            match ledger.gap_report(ago(since), ago(silent_after)).await {
                Ok(report) => {
                    match serde_json::to_string_pretty(&report) {
                        Ok(text) => out!("{text}"),
                        Err(e) => say!("once-ledger: {e}"),
                    }
                    match report.is_clean() {
                        true => std::process::ExitCode::SUCCESS,
                        false => std::process::ExitCode::FAILURE,
                    }
                }
                Err(e) => {
                    say!("once-ledger: gaps: {e}");
                    std::process::ExitCode::from(2)
                }
            }
        }
        Command::Sync { concurrency } => {
            let client = match api_client() {
                Ok(c) => c,
                Err(e) => {
                    say!("once-ledger: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            let options = SyncOptions::new().concurrency(usize::from(concurrency));
            match sync_once(&ledger, &client, &options).await {
                true => std::process::ExitCode::SUCCESS,
                false => std::process::ExitCode::FAILURE,
            }
        }
        Command::Serve {
            listen,
            receiver,
            every,
            .. // the policy started above
        } => {
            let ledger = Arc::new(ledger);
            let syncing = match every {
                None => None,
                Some(every) => {
                    let client = match api_client() {
                        Ok(c) => c,
                        Err(e) => {
                            say!("once-ledger: --every: {e}");
                            return std::process::ExitCode::from(2);
                        }
                    };
                    let ledger = Arc::clone(&ledger);
                    Some(tokio::spawn(async move {
                        let options = SyncOptions::new();
                        loop {
                            sync_once(&ledger, &client, &options).await;
                            tokio::time::sleep(every).await;
                        }
                    }))
                }
            };
            let receiver = Receiver::new(receiver.config(), LedgerSink::new(Arc::clone(&ledger)));
            let listener = match tokio::net::TcpListener::bind(&listen).await {
                Ok(l) => l,
                Err(e) => {
                    say!("once-ledger: --listen {listen}: {e}");
                    return std::process::ExitCode::from(2);
                }
            };
            match listener.local_addr() {
                Ok(addr) => say!(
                    "once-ledger: listening on {addr}, storing into {}",
                    ledger.url()
                ),
                Err(e) => say!("once-ledger: {e}"),
            }
            let served = receiver
                .serve(listener, shutdown_signal("once-ledger"))
                .await;
            if let Some(task) = syncing {
                // A pass cut short keeps what it stored; the next start goes on.
                task.abort();
            }
            if let Err(e) = served {
                say!("once-ledger: {e}");
                return std::process::ExitCode::FAILURE;
            }
            let s = receiver.stats();
            say!(
                "once-ledger: stopped; {} records stored, {} duplicates dropped, {} rejected (kept raw)",
                s.records_stored, s.duplicates_dropped, s.records_rejected
            );
            std::process::ExitCode::SUCCESS
        }
    }
}
