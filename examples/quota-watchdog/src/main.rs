//! quota-watchdog: finds SIMs whose data or SMS quota is below a threshold
//! or expires soon, and tops them up. A dry run by default: it says what it
//! would do and spends nothing; `--apply` orders the top-ups.
//!
//! Never the same SIM twice in one run, even under retries and restarts:
//! - the SDK never retries a top-up once it may have reached 1NCE; a lost
//!   answer comes back as `Error::OutcomeUnknown`, not as a second order;
//! - a write-ahead journal (`--journal`, one JSON line per event, flushed to
//!   disk before going on) records each top-up as an *intent* before it is
//!   sent and its *outcome* after;
//! - a run that did not finish (crash, Ctrl-C, lost network) is resumed by
//!   the next start: SIMs with an intent in that run are not topped up again,
//!   and an intent whose outcome is unknown is settled by reading the SIM's
//!   quota again (did its accumulated volume go up?), never by re-sending.
//!
//!
//! For crash tests, `QUOTA_WATCHDOG_PAUSE_AT=STEP:N` (STEP one of
//! `before-intent`, `after-intent`, `after-call`, `after-outcome`) stops the
//! run at that step of its N-th top-up: it prints `quota-watchdog: paused at
//! STEP of top-up N` and waits until it is killed.
//!
//! ```text
//! cargo run -p quota-watchdog                          # dry run, local sandbox
//! cargo run -p quota-watchdog -- --min-data-mb 100 --min-sms 50 --expiring-within-days 60
//! cargo run -p quota-watchdog -- --apply               # top up (costs money at 1NCE)
//! ```

mod journal;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Days, NaiveDate, Utc};
use clap::Parser;
use futures::{FutureExt, TryStreamExt};
use once_sdk::{Client, Error, Iccid, Quota, SimStatus};

use journal::{Entry, Journal, Outcome, QuotaMark};

/// Top up SIMs whose data or SMS quota runs low or expires soon.
///
/// Dry run unless --apply is given. Runs against a local sandbox unless
/// ONCE_CLIENT_ID and ONCE_CLIENT_SECRET are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Top up when less than this much data (MB) is left.
    #[arg(long, default_value_t = 50.0, value_name = "MB")]
    min_data_mb: f64,
    /// Top up when fewer SMS than this are left.
    #[arg(long, default_value_t = 25.0, value_name = "N")]
    min_sms: f64,
    /// Top up when the data or SMS quota expires within this many days.
    #[arg(long, default_value_t = 30, value_name = "DAYS")]
    expiring_within_days: u64,
    /// Order the top-ups (each costs money). Without it, nothing is spent.
    #[arg(long)]
    apply: bool,
    /// Order at most this many top-ups in this run.
    #[arg(long, value_name = "N")]
    max_top_ups: Option<usize>,
    /// The write-ahead journal of top-ups, created if missing [default:
    /// quota-watchdog.journal, or quota-watchdog.sandbox.journal against the
    /// local sandbox].
    #[arg(long, value_name = "PATH")]
    journal: Option<PathBuf>,
    /// SIMs checked in parallel (the SDK's rate limiter sets the pace).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    concurrency: u32,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

/// A SIM that needs a top-up, and why.
#[derive(Debug)]
struct Candidate {
    iccid: Iccid,
    reasons: Vec<String>,
    data: QuotaMark,
    sms: QuotaMark,
}

/// What the run did, for the summary.
#[derive(Debug, Default)]
struct Tally {
    scanned: usize,
    disabled: usize,
    unreadable: usize,
    topped_up: usize,
    would_top_up: usize,
    refused: usize,
    confirmed: usize,
    not_applied: usize,
    still_unknown: usize,
    skipped_attempted: usize,
    over_limit: usize,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("quota-watchdog", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let conn = common::connect("quota-watchdog", &args.connect).await?;
    let client = &conn.client;
    // Keep the sandbox's journal apart from the real account's.
    let journal_path = args.journal.clone().unwrap_or_else(|| {
        PathBuf::from(if conn.is_sandbox() {
            "quota-watchdog.sandbox.journal"
        } else {
            "quota-watchdog.journal"
        })
    });
    let mut journal = Journal::load(&journal_path)?;
    let mut tally = Tally::default();
    if args.apply {
        println!(
            "quota-watchdog: --apply: SIMs that need it are topped up (each top-up costs money)"
        );
        println!(
            "no SIM is topped up twice in a run: the SDK never retries a top-up, and a top-up \
             whose answer is lost is checked against the quota, not sent again"
        );
    } else {
        println!("quota-watchdog: dry run: nothing is ordered (add --apply to top up)");
    }
    println!(
        "journal: {} (each top-up is written down before it is sent, and its outcome after{})",
        journal.path().display(),
        if args.apply {
            ""
        } else {
            "; only read in a dry run"
        }
    );

    // 1. Settle top-ups whose outcome is unknown by reading the quota again.
    //    A SIM whose top-up cannot be settled now is left alone this run.
    let unsettled = settle_earlier(client, &mut journal, args.apply, &mut tally).await?;

    // 2. Resume an interrupted run, or start a new one.
    let run = match journal.open_run() {
        Some(run) if args.apply => {
            println!("resuming run {run}, which did not finish: its SIMs are not topped up again");
            run
        }
        Some(run) => {
            println!("run {run} did not finish: --apply would resume it (its SIMs are not topped up again)");
            run
        }
        None => {
            let run = Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
            if args.apply {
                journal.append(Entry::RunStarted {
                    run: run.clone(),
                    at: Utc::now(),
                })?;
            }
            run
        }
    };
    let attempted = journal.attempted_in(&run);

    // 3. Every SIM's quotas, a few SIMs at a time.
    let today = Utc::now().date_naive();
    let soon = today + Days::new(args.expiring_within_days);
    let checks: Vec<_> = client
        .sims()
        .list()
        .page_size(100)
        .stream()
        .map_ok(|sim| check(client, sim.iccid, sim.status).map(Ok::<_, Error>))
        .try_buffer_unordered(args.concurrency as usize)
        .try_collect()
        .await?;
    let mut seen = BTreeSet::new();
    let mut candidates = Vec::new();
    for check in checks {
        tally.scanned += 1;
        match check {
            Check::Disabled => tally.disabled += 1,
            Check::Failed(iccid, e) => {
                tally.unreadable += 1;
                println!("  {iccid}  could not read its quotas: {e}");
            }
            Check::Quotas(iccid, data, sms) => {
                let reasons = reasons(&args, soon, &data, &sms);
                // A SIM listed twice (the list moved while paging) counts once.
                if !reasons.is_empty() && seen.insert(iccid.clone()) {
                    candidates.push(Candidate {
                        iccid,
                        reasons,
                        data: QuotaMark::of(&data),
                        sms: QuotaMark::of(&sms),
                    });
                }
            }
        }
    }
    candidates.sort_by(|a, b| a.iccid.as_str().cmp(b.iccid.as_str()));
    println!(
        "{} SIMs ({} disabled, skipped): {} with less than {} MB or {} SMS left, or expiring by {soon}",
        tally.scanned, tally.disabled, candidates.len(), args.min_data_mb, args.min_sms
    );

    // 4. Top up, one at a time, each behind its journal entry.
    let mut sent = 0;
    for c in candidates {
        let why = c.reasons.join("; ");
        if unsettled.contains(c.iccid.as_str()) {
            tally.skipped_attempted += 1;
            println!(
                "  {}  {why}: not topped up until its earlier top-up is settled",
                c.iccid
            );
            continue;
        }
        if attempted.contains(c.iccid.as_str()) {
            tally.skipped_attempted += 1;
            println!("  {}  {why}: already tried in this run, not again (the next run looks at it afresh)", c.iccid);
            continue;
        }
        if !args.apply {
            tally.would_top_up += 1;
            println!("  {}  {why}: would top up", c.iccid);
            continue;
        }
        if args.max_top_ups.is_some_and(|max| sent >= max) {
            tally.over_limit += 1;
            println!(
                "  {}  {why}: not topped up (--max-top-ups reached)",
                c.iccid
            );
            continue;
        }
        sent += 1;
        top_up(client, &mut journal, &run, &c, &mut tally, sent).await?;
    }
    // Top-ups still unsettled stay in the journal and are re-checked at the
    // next start; the run itself is over.
    if args.apply {
        journal.append(Entry::RunFinished {
            run: run.clone(),
            at: Utc::now(),
        })?;
    }
    summary(&args, &tally);
    Ok(())
}

/// Settles the top-ups whose outcome is unknown (left by an earlier start), by reading
/// the SIM's quotas again. Returns the SIMs that could not be settled now.
async fn settle_earlier(
    client: &Client,
    journal: &mut Journal,
    apply: bool,
    tally: &mut Tally,
) -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    let mut unsettled = BTreeSet::new();
    for entry in journal.unsettled() {
        let iccid: Iccid = entry.iccid.parse()?;
        let (data, sms) = match quotas(client, &iccid).await {
            Ok(quotas) => quotas,
            Err(e) => {
                tally.still_unknown += 1;
                unsettled.insert(entry.iccid.clone());
                println!("  {iccid}  top-up of run {} has an unknown outcome; could not re-check it now: {e}", entry.run);
                continue;
            }
        };
        let applied = entry.data.raised_in(&data) || entry.sms.raised_in(&sms);
        let (outcome, what) = if applied {
            tally.confirmed += 1;
            (
                Outcome::ConfirmedApplied,
                "the quota went up: it was applied",
            )
        } else {
            tally.not_applied += 1;
            (
                Outcome::NotApplied,
                "the quota did not go up: it was not applied",
            )
        };
        println!(
            "  {iccid}  top-up of run {} had an unknown outcome; re-checked: {what}",
            entry.run
        );
        if apply {
            journal.append(Entry::Outcome {
                run: entry.run,
                iccid: entry.iccid,
                at: Utc::now(),
                outcome,
                detail: Some("settled by re-reading the quota".into()),
            })?;
        }
    }
    Ok(unsettled)
}

/// Tops up one SIM behind its journal entries: the intent is on disk before
/// the top-up is sent, and the outcome after. A lost answer is settled by
/// reading the quota, never by sending again.
async fn top_up(
    client: &Client,
    journal: &mut Journal,
    run: &str,
    c: &Candidate,
    tally: &mut Tally,
    nth: usize,
) -> std::io::Result<()> {
    let why = c.reasons.join("; ");
    pause_at("before-intent", nth);
    journal.append(Entry::Intent {
        run: run.to_string(),
        iccid: c.iccid.to_string(),
        at: Utc::now(),
        reasons: c.reasons.clone(),
        data: c.data.clone(),
        sms: c.sms.clone(),
    })?;
    pause_at("after-intent", nth);
    let result = client.sims().top_up(&c.iccid).send().await;
    pause_at("after-call", nth);
    let (outcome, detail) = match result {
        Ok(order) => {
            tally.topped_up += 1;
            let order = order
                .order_number()
                .map_or("no order number".to_string(), |n| format!("order {n}"));
            println!("  {}  {why}: topped up ({order})", c.iccid);
            (Outcome::Applied, Some(order))
        }
        Err(e) if refused(&e) => {
            tally.refused += 1;
            println!("  {}  {why}: 1NCE refused the top-up: {e}", c.iccid);
            (Outcome::Refused, Some(e.to_string()))
        }
        Err(e) => {
            // The top-up may or may not have happened: write that down
            // first, then look at the quota instead of sending it again.
            journal.append(Entry::Outcome {
                run: run.to_string(),
                iccid: c.iccid.to_string(),
                at: Utc::now(),
                outcome: Outcome::Unknown,
                detail: Some(e.to_string()),
            })?;
            let settled = settle(client, c).await;
            let (outcome, what) = match settled {
                Some(true) => {
                    tally.confirmed += 1;
                    (
                        Outcome::ConfirmedApplied,
                        "re-checked the quota: it was applied",
                    )
                }
                Some(false) => {
                    tally.not_applied += 1;
                    (
                        Outcome::NotApplied,
                        "re-checked the quota: it was not applied (not re-sent in this run)",
                    )
                }
                None => {
                    tally.still_unknown += 1;
                    println!("  {}  {why}: outcome unknown ({e}); the quota could not be read, the next start settles it", c.iccid);
                    return Ok(());
                }
            };
            println!("  {}  {why}: outcome unknown ({e}); {what}", c.iccid);
            (outcome, Some("settled by re-reading the quota".into()))
        }
    };
    journal.append(Entry::Outcome {
        run: run.to_string(),
        iccid: c.iccid.to_string(),
        at: Utc::now(),
        outcome,
        detail,
    })?;
    pause_at("after-outcome", nth);
    Ok(())
}

/// The crash tests' hook (`QUOTA_WATCHDOG_PAUSE_AT=STEP:N`, see the module
/// docs): at `step` of the `nth` top-up, says so and waits to be killed.
fn pause_at(step: &str, nth: usize) {
    let Ok(at) = std::env::var("QUOTA_WATCHDOG_PAUSE_AT") else {
        return;
    };
    if at != format!("{step}:{nth}") {
        return;
    }
    println!("quota-watchdog: paused at {step} of top-up {nth}");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

/// What one SIM's check found. (Mostly `Quotas`: boxing it would save
/// nothing.)
#[allow(clippy::large_enum_variant)]
enum Check {
    Disabled,
    Failed(Iccid, Error),
    Quotas(Iccid, Quota, Quota),
}

async fn check(client: &Client, iccid: Iccid, status: Option<SimStatus>) -> Check {
    if status == Some(SimStatus::Disabled) {
        return Check::Disabled;
    }
    match quotas(client, &iccid).await {
        Ok((data, sms)) => Check::Quotas(iccid, data, sms),
        Err(e) => Check::Failed(iccid, e),
    }
}

/// The SIM's data and SMS quotas, read together.
async fn quotas(client: &Client, iccid: &Iccid) -> Result<(Quota, Quota), Error> {
    let sims = client.sims();
    tokio::try_join!(sims.data_quota(iccid), sims.sms_quota(iccid))
}

/// Why a SIM needs a top-up (empty: it does not).
fn reasons(args: &Args, soon: NaiveDate, data: &Quota, sms: &Quota) -> Vec<String> {
    let mut why = Vec::new();
    if let Some(left) = data.volume.filter(|v| *v < args.min_data_mb) {
        why.push(format!("data {left:.1} MB left"));
    }
    if let Some(left) = sms.volume.filter(|v| *v < args.min_sms) {
        why.push(format!("{left:.0} SMS left"));
    }
    for (what, quota) in [("data", data), ("SMS", sms)] {
        if let Some(expiry) = quota
            .expiry_date
            .map(|t| t.date_naive())
            .filter(|d| *d <= soon)
        {
            why.push(format!("{what} quota expires {expiry}"));
        }
    }
    why
}

/// Errors that prove the top-up was not applied: 1NCE answered with a 4xx
/// (429 included), or the request was refused before it was sent.
fn refused(e: &Error) -> bool {
    if e.is_outcome_unknown() {
        return false;
    }
    e.validation().is_some() || e.status().is_some_and(|s| (400..500).contains(&s))
}

/// Reads the SIM's quotas again: `Some(true)` if they went up since the
/// intent, `Some(false)` if not, `None` if they could not be read.
async fn settle(client: &Client, c: &Candidate) -> Option<bool> {
    let (data, sms) = quotas(client, &c.iccid).await.ok()?;
    Some(c.data.raised_in(&data) || c.sms.raised_in(&sms))
}

fn summary(args: &Args, t: &Tally) {
    println!();
    println!("summary:");
    println!("  SIMs checked                {}", t.scanned);
    if args.apply {
        println!("  topped up                   {}", t.topped_up);
    } else {
        println!("  would top up                {}", t.would_top_up);
    }
    let lines = [
        ("applied (settled by quota)", t.confirmed),
        ("not applied (settled)", t.not_applied),
        ("outcome still unknown", t.still_unknown),
        ("refused by 1NCE", t.refused),
        ("tried before, not again", t.skipped_attempted),
        ("left out by --max-top-ups", t.over_limit),
        ("quotas unreadable", t.unreadable),
    ];
    for (what, n) in lines {
        if n > 0 {
            println!("  {what:<27} {n}");
        }
    }
    if !args.apply && t.would_top_up > 0 {
        println!(
            "run again with --apply to order these {} top-ups",
            t.would_top_up
        );
    }
}
