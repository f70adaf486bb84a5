//! fleet-sync: keeps your fleet's history in a ledger you own, with
//! [`once_ledger`]: a SQLite file (no server) or PostgreSQL. One pass reads
//! the SIMs, their quotas and the events the API still holds (seven days on
//! Platform 2.0); `listen ADDR` then receives the Data Streamer, the only source of
//! per-record usage once 1NCE retires v1's usage call at the end of 2026.
//! Re-runs and retransmissions store nothing twice: the ledger keys every
//! row by its 1NCE id.
//!
//! ```text
//! cargo run -p fleet-sync                          # local sandbox, fleet-sandbox.db
//! cargo run -p fleet-sync -- --db sqlite:fleet.db  # your account (ONCE_CLIENT_ID/SECRET)
//! ONCE_STREAMER_USERNAME=1nce ONCE_STREAMER_PASSWORD=... \
//!     cargo run -p fleet-sync -- --db sqlite:fleet.db listen 0.0.0.0:8080
//! sqlite3 fleet.db 'SELECT iccid, status FROM sims LIMIT 5'
//! ```
//!
//! The tables are the ledger's (its README documents them column by
//! column); for a service with a schedule, replicas and a gap report, run
//! the `once-ledger` binary instead.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{Duration, Utc};
use clap::Parser;
use once_ledger::{Granularity, Ledger, LedgerSink, SyncOptions, UsageQuery};
use once_sandbox::StreamConfig;
use once_streamer::cli::{shutdown_signal, ReceiverArgs};
use once_streamer::{BasicCredentials, Receiver};

/// Keep SIMs, quotas, events (and, with `listen`, usage) in a ledger.
///
/// Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET
/// are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The ledger: `sqlite:FILE` or `postgres://user@host/db` [default:
    /// sqlite:fleet.db, or sqlite:fleet-sandbox.db against the sandbox].
    #[arg(long, env = "ONCE_LEDGER_DB", hide_env_values = true)]
    db: Option<String>,
    /// SIMs worked on at once (the SDK paces the calls at 1NCE's limits).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    concurrency: u16,
    /// `listen ADDR`: after the pass, receive the Data Streamer.
    #[command(subcommand)]
    then: Option<Then>,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

/// What to do after the sync pass.
#[derive(Debug, clap::Subcommand)]
enum Then {
    /// Receive the Data Streamer on ADDR into the ledger until SIGTERM
    /// (against the sandbox, its stream is pointed here).
    Listen {
        /// Address to listen on (`0.0.0.0:8080`; `127.0.0.1:0` picks a port).
        addr: SocketAddr,
        /// The stream's credentials and limits.
        #[command(flatten)]
        receiver: ReceiverArgs,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("fleet-sync", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    // The ledger first: a wrong URL fails before any call to 1NCE.
    let sandboxed = std::env::var_os("ONCE_CLIENT_ID").is_none();
    let db = args.db.clone().unwrap_or_else(|| match sandboxed {
        true => "sqlite:fleet-sandbox.db".into(),
        false => "sqlite:fleet.db".into(),
    });
    let ledger = Arc::new(Ledger::open(&db).await?);
    let conn = common::connect("fleet-sync", &args.connect).await?;

    let options = SyncOptions::new().concurrency(usize::from(args.concurrency));
    let report = ledger.sync(&conn.client, &options).await?;
    println!("sims            {}", report.sims);
    println!("quota snapshots {}", report.quota_snapshots);
    println!("events new      {}", report.events_inserted);
    println!("events known    {}", report.events_already_stored);
    for failure in &report.failures {
        eprintln!("fleet-sync: skipped {failure}");
    }
    print_usage(&ledger).await?;

    if let Some(Then::Listen {
        addr,
        receiver: flags,
    }) = args.then
    {
        let receiver = Receiver::new(flags.config(), LedgerSink::new(Arc::clone(&ledger)));
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        eprintln!("fleet-sync: receiving the Data Streamer on {local} until SIGTERM");
        if let Some(sandbox) = conn.sandbox() {
            // The sandbox streams to us, and its SIMs use a little data.
            let auth = BasicCredentials::new(&flags.username, &flags.password).header_value();
            sandbox.stream_to(StreamConfig::new(format!("http://{local}/"), auth));
            for iccid in sandbox.iccids() {
                sandbox.consume_data(&iccid, 0.5)?;
            }
        }
        receiver
            .serve(listener, shutdown_signal("fleet-sync"))
            .await?;
        print_usage(&ledger).await?;
    }
    Ok(())
}

/// The fleet's data use per day over the last week, from the ledger.
async fn print_usage(ledger: &Ledger) -> Result<(), once_ledger::LedgerError> {
    let now = Utc::now();
    let query = UsageQuery::new(now - Duration::days(7), now)?.granularity(Granularity::Day);
    let days = ledger.usage_report(&query).await?;
    if days.is_empty() {
        println!("usage: none stored yet (usage arrives with the Data Streamer: listen ADDR)");
    }
    for day in days {
        let when = day
            .bucket
            .map(|b| b.date_naive().to_string())
            .unwrap_or_default();
        println!(
            "usage {when} {:.3} MiB in {} records",
            day.total, day.records
        );
    }
    Ok(())
}
