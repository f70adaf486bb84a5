//! fleet-sync: mirrors the fleet into a local SQLite database (SIMs, data
//! and SMS quotas, events, daily usage) so that you can ask it anything in
//! SQL:
//!
//! ```sql
//! -- the ten SIMs with the least data left
//! SELECT s.iccid, s.label, q.volume FROM sims s JOIN quotas q USING (iccid)
//!  WHERE q.service = 'data' ORDER BY q.volume LIMIT 10;
//! -- data used per day across the fleet
//! SELECT day, round(sum(data_mb), 1) FROM daily_usage GROUP BY day ORDER BY day;
//! ```
//!
//! Re-runs are incremental and idempotent:
//! - every write is an upsert that only touches a row when a value changed
//!   (`ON CONFLICT ... DO UPDATE ... WHERE`), so the count of changed rows
//!   printed at the end is exactly what changed at 1NCE since the last run;
//! - usage is fetched only for the days not stored yet (up to yesterday:
//!   today is not over), remembered per SIM in `usage_synced`;
//! - events never change, so new ones are added and known ones left alone
//!   (1NCE's v2 event list has no date filter, so a SIM's events are read
//!   again on each run);
//! - each SIM is written in one transaction: an interrupted run keeps the
//!   SIMs it finished, and the next run does the rest.
//!
//! Daily usage: 1NCE retires the v1 usage call with SIM management v1 at
//! the end of 2026. `--listen` receives 1NCE's Data Streamer instead and
//! adds each usage record to its SIM's day, exactly once (see `listen.rs`);
//! `--v1-usage` keeps polling the v1 call while 1NCE still answers it. Use
//! one of the two for a database, not both.
//!
//! ```text
//! cargo run -p fleet-sync                      # local sandbox, fleet-sandbox.db
//! cargo run -p fleet-sync -- --v1-usage        # also daily usage from v1 (until 2026)
//! ONCE_STREAMER_USERNAME=1nce ONCE_STREAMER_PASSWORD=... \
//!     cargo run -p fleet-sync -- --listen 0.0.0.0:8080 --db fleet.db
//! cargo run -p fleet-sync -- --db fleet.db --days 90
//! sqlite3 fleet.db 'SELECT * FROM quotas LIMIT 5'
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Days, NaiveDate, Utc};
use clap::Parser;
use futures::{StreamExt, TryStreamExt};
use once_sdk::types::v1::Usage;
use once_sdk::{Client, Error, Event, Quota, Sim, Timestamp};
use rusqlite::{params, Connection, Transaction};

mod listen;

/// Mirror SIMs, quotas, events and daily usage into SQLite.
///
/// Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET
/// are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The SQLite database (created if missing) [default: fleet.db, or
    /// fleet-sandbox.db against the local sandbox].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// On a SIM's first sync, fetch usage for this many days back (1NCE
    /// keeps 6 months).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=180))]
    days: u64,
    /// SIMs fetched in parallel (the SDK's rate limiter sets the pace).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    concurrency: u32,
    /// Also fetch daily usage with SIM management v1's usage call (1NCE
    /// turns it off at the end of 2026; prefer --listen).
    #[arg(long)]
    v1_usage: bool,
    /// Instead of syncing, receive 1NCE's Data Streamer on this address
    /// and add usage records to daily_usage (each once) until SIGTERM.
    #[arg(long, value_name = "ADDR")]
    listen: Option<std::net::SocketAddr>,
    /// The stream's Basic user name (--listen).
    #[arg(long, env = "ONCE_STREAMER_USERNAME", default_value = "")]
    stream_username: String,
    /// The stream's Basic password (--listen).
    #[arg(
        long,
        env = "ONCE_STREAMER_PASSWORD",
        hide_env_values = true,
        default_value = ""
    )]
    stream_password: String,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sims (
    iccid           TEXT PRIMARY KEY,
    label           TEXT,
    status          TEXT,
    imsi            TEXT,
    msisdn          TEXT,
    imei            TEXT,
    imei_lock       INTEGER,
    ip_address      TEXT,
    activation_date TEXT
);
CREATE TABLE IF NOT EXISTS quotas (
    iccid                    TEXT NOT NULL,
    service                  TEXT NOT NULL,   -- 'data' (MB) or 'sms' (messages)
    state                    TEXT,            -- ACTIVE, EXHAUSTED, EXPIRED
    volume                   REAL,            -- left
    total_volume             REAL,
    accumulated_total_volume REAL,            -- initial volume plus every top-up
    last_volume_added        REAL,
    threshold_percentage     INTEGER,
    expiry_date              TEXT,
    created_at               TEXT,
    PRIMARY KEY (iccid, service)
);
CREATE TABLE IF NOT EXISTS events (
    id          INTEGER PRIMARY KEY,
    iccid       TEXT NOT NULL,
    timestamp   TEXT,
    event_type  TEXT,
    severity    TEXT,
    source      TEXT,
    alert       INTEGER,
    description TEXT
);
CREATE INDEX IF NOT EXISTS events_by_sim ON events (iccid, timestamp);
CREATE TABLE IF NOT EXISTS daily_usage (
    iccid      TEXT NOT NULL,
    day        TEXT NOT NULL,                 -- YYYY-MM-DD (UTC)
    data_mb    REAL,
    data_rx_mb REAL,                          -- downstream
    data_tx_mb REAL,                          -- upstream
    sms        REAL,
    sms_rx     REAL,
    sms_tx     REAL,
    PRIMARY KEY (iccid, day)
);
-- Bookkeeping: usage is stored for each SIM up to this day.
CREATE TABLE IF NOT EXISTS usage_synced (
    iccid   TEXT PRIMARY KEY,
    through TEXT NOT NULL
);
";

/// Rows changed per table in this run.
#[derive(Debug, Default)]
struct Changes {
    sims: usize,
    quotas: usize,
    events: usize,
    daily_usage: usize,
}

/// What was fetched for one SIM.
struct Fetched {
    sim: Sim,
    data: Quota,
    sms: Quota,
    events: Vec<Event>,
    /// Usage of the days `from..=to`, if any were missing.
    usage: Option<(NaiveDate, NaiveDate, Usage)>,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("fleet-sync", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(addr) = args.listen {
        if args.stream_username.is_empty() || args.stream_password.is_empty() {
            return Err(
                "--listen needs ONCE_STREAMER_USERNAME and ONCE_STREAMER_PASSWORD \
                        (the Basic credentials set for the stream in the 1NCE portal)"
                    .into(),
            );
        }
        let db = args.db.clone().unwrap_or_else(|| PathBuf::from("fleet.db"));
        return listen::run(addr, &db, &args.stream_username, &args.stream_password).await;
    }
    let conn = common::connect("fleet-sync", &args.connect).await?;
    let client = &conn.client;
    // Keep the sandbox's mirror apart from the real account's.
    let path = args.db.clone().unwrap_or_else(|| {
        PathBuf::from(if conn.is_sandbox() {
            "fleet-sandbox.db"
        } else {
            "fleet.db"
        })
    });
    let mut db = Connection::open(&path)?;
    db.execute_batch(SCHEMA)?;
    let synced = usage_synced(&db)?;

    // Usage: only complete days (up to yesterday) that are not stored yet.
    let yesterday = Utc::now().date_naive() - Days::new(1);
    let first_day = yesterday - Days::new(args.days - 1);
    let usage_from = |iccid: &str| match synced.get(iccid) {
        Some(through) => *through + Days::new(1),
        None => first_day,
    };

    let mut fetched = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .map_ok(|sim| {
            let from = usage_from(sim.iccid.as_str());
            // Without --v1-usage, an empty range: no usage call.
            let to = if args.v1_usage {
                yesterday
            } else {
                from - Days::new(1)
            };
            fetch(client, sim, from, to)
        })
        .try_buffer_unordered(args.concurrency as usize);

    let mut changes = Changes::default();
    let mut sims = 0;
    while let Some(sim) = fetched.next().await {
        let tx = db.transaction()?;
        store(&tx, &sim?, &mut changes)?;
        tx.commit()?;
        sims += 1;
    }

    let total = changes.sims + changes.quotas + changes.events + changes.daily_usage;
    println!("fleet-sync: {sims} SIMs synced into {}", path.display());
    println!("  sims         {:>6} rows changed", changes.sims);
    println!("  quotas       {:>6} rows changed", changes.quotas);
    println!("  events       {:>6} rows changed", changes.events);
    println!("  daily_usage  {:>6} rows changed", changes.daily_usage);
    println!(
        "  total        {total:>6} rows changed{}",
        if total == 0 {
            " (already up to date)"
        } else {
            ""
        }
    );
    Ok(())
}

/// The last day of usage stored for each SIM.
fn usage_synced(db: &Connection) -> rusqlite::Result<HashMap<String, NaiveDate>> {
    let mut stmt = db.prepare("SELECT iccid, through FROM usage_synced")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut synced = HashMap::new();
    for row in rows {
        let (iccid, through) = row?;
        if let Ok(day) = through.parse() {
            synced.insert(iccid, day);
        }
    }
    Ok(synced)
}

/// One SIM's quotas, events and missing usage days, fetched together.
async fn fetch(
    client: &Client,
    sim: Sim,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Fetched, Error> {
    let sims = client.sims();
    let iccid = &sim.iccid;
    let usage = async {
        if from > to {
            return Ok(None);
        }
        let usage = client
            .v1()
            .sims()
            .usage(iccid)
            .between(from, to)
            .send()
            .await?;
        Ok(Some((from, to, usage)))
    };
    let (data, sms, events, usage) = tokio::try_join!(
        sims.data_quota(iccid),
        sims.sms_quota(iccid),
        sims.events(iccid)
            .page_size(1000)
            .stream()
            .try_collect::<Vec<_>>(),
        usage,
    )?;
    Ok(Fetched {
        sim,
        data,
        sms,
        events,
        usage,
    })
}

fn time(t: &Option<Timestamp>) -> Option<String> {
    t.map(|t| t.to_rfc3339())
}

/// Writes one SIM; counts the rows that changed.
fn store(tx: &Transaction<'_>, f: &Fetched, changes: &mut Changes) -> rusqlite::Result<()> {
    let sim = &f.sim;
    let iccid = sim.iccid.as_str();
    changes.sims += tx.execute(
        "INSERT INTO sims (iccid, label, status, imsi, msisdn, imei, imei_lock, ip_address, activation_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (iccid) DO UPDATE SET
             label = excluded.label, status = excluded.status, imsi = excluded.imsi,
             msisdn = excluded.msisdn, imei = excluded.imei, imei_lock = excluded.imei_lock,
             ip_address = excluded.ip_address, activation_date = excluded.activation_date
         WHERE (sims.label, sims.status, sims.imsi, sims.msisdn, sims.imei, sims.imei_lock,
                sims.ip_address, sims.activation_date)
            IS NOT (excluded.label, excluded.status, excluded.imsi, excluded.msisdn, excluded.imei,
                    excluded.imei_lock, excluded.ip_address, excluded.activation_date)",
        params![
            iccid,
            sim.label,
            sim.status.as_ref().map(|s| s.to_string()),
            sim.imsi.as_ref().map(|v| v.to_string()),
            sim.msisdn.as_ref().map(|v| v.to_string()),
            sim.imei.as_ref().map(|v| v.to_string()),
            sim.imei_lock,
            sim.ip_address,
            time(&sim.activation_date),
        ],
    )?;
    for (service, q) in [("data", &f.data), ("sms", &f.sms)] {
        changes.quotas += tx.execute(
            "INSERT INTO quotas (iccid, service, state, volume, total_volume, accumulated_total_volume,
                                 last_volume_added, threshold_percentage, expiry_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (iccid, service) DO UPDATE SET
                 state = excluded.state, volume = excluded.volume, total_volume = excluded.total_volume,
                 accumulated_total_volume = excluded.accumulated_total_volume,
                 last_volume_added = excluded.last_volume_added,
                 threshold_percentage = excluded.threshold_percentage,
                 expiry_date = excluded.expiry_date, created_at = excluded.created_at
             WHERE (quotas.state, quotas.volume, quotas.total_volume, quotas.accumulated_total_volume,
                    quotas.last_volume_added, quotas.threshold_percentage, quotas.expiry_date, quotas.created_at)
                IS NOT (excluded.state, excluded.volume, excluded.total_volume, excluded.accumulated_total_volume,
                        excluded.last_volume_added, excluded.threshold_percentage, excluded.expiry_date,
                        excluded.created_at)",
            params![
                iccid,
                service,
                q.status.as_ref().and_then(|s| s.description.as_ref()).map(|s| s.to_string()),
                q.volume,
                q.total_volume,
                q.accumulated_total_volume,
                q.last_volume_added,
                q.threshold_percentage,
                time(&q.expiry_date),
                time(&q.created_at),
            ],
        )?;
    }
    for e in &f.events {
        // Events without an id cannot be told apart from each other: skip them.
        let Some(id) = e.id else { continue };
        let code = |c: &Option<once_sdk::EventCode>| c.as_ref().and_then(|c| c.description.clone());
        changes.events += tx.execute(
            "INSERT INTO events (id, iccid, timestamp, event_type, severity, source, alert, description)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO NOTHING",
            params![
                id,
                iccid,
                time(&e.timestamp),
                code(&e.event_type),
                code(&e.event_severity),
                code(&e.event_source),
                e.alert,
                e.description,
            ],
        )?;
    }
    if let Some((from, to, usage)) = &f.usage {
        for day in &usage.stats {
            let Some(date) = day.date.map(|d| d.date_naive()) else {
                continue;
            };
            // Only the days asked for: today's figures are still growing.
            if date < *from || date > *to {
                continue;
            }
            let data = day.data.as_ref();
            let sms = day.sms.as_ref();
            changes.daily_usage += tx.execute(
                "INSERT INTO daily_usage (iccid, day, data_mb, data_rx_mb, data_tx_mb, sms, sms_rx, sms_tx)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (iccid, day) DO UPDATE SET
                     data_mb = excluded.data_mb, data_rx_mb = excluded.data_rx_mb, data_tx_mb = excluded.data_tx_mb,
                     sms = excluded.sms, sms_rx = excluded.sms_rx, sms_tx = excluded.sms_tx
                 WHERE (daily_usage.data_mb, daily_usage.data_rx_mb, daily_usage.data_tx_mb,
                        daily_usage.sms, daily_usage.sms_rx, daily_usage.sms_tx)
                    IS NOT (excluded.data_mb, excluded.data_rx_mb, excluded.data_tx_mb,
                            excluded.sms, excluded.sms_rx, excluded.sms_tx)",
                params![
                    iccid,
                    date.to_string(),
                    data.and_then(|d| d.volume),
                    data.and_then(|d| d.volume_rx),
                    data.and_then(|d| d.volume_tx),
                    sms.and_then(|s| s.volume),
                    sms.and_then(|s| s.volume_rx),
                    sms.and_then(|s| s.volume_tx),
                ],
            )?;
        }
        tx.execute(
            "INSERT INTO usage_synced (iccid, through) VALUES (?1, ?2)
             ON CONFLICT (iccid) DO UPDATE SET through = excluded.through",
            params![iccid, to.to_string()],
        )?;
    }
    Ok(())
}
