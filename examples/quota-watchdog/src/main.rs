//! quota-watchdog: finds SIMs whose data or SMS quota is below a threshold
//! or expires soon, and tops them up. A dry run by default: it says what it
//! would do and spends nothing; `--apply` orders the top-ups.
//!
//! A thin user of once-ledger's top-up policy ([`once_ledger::policy`]):
//! its flags make a policy of one group (every SIM; `--min-data-mb`,
//! `--min-sms`, `--expiring-within-days` its conditions, `--max-top-ups`
//! its monthly budget), and a run is one pass of the policy's engine
//! against a SQLite ledger file (`--ledger`). The decisions, top-ups and
//! safety are the engine's, the same path as `once-ledger serve --policy`:
//! - each top-up is a decision row; its *intent* (and the budget it uses)
//!   is written before it is sent, its *outcome* after;
//! - the SDK never retries a top-up once it may have reached 1NCE; a lost
//!   answer is settled at once by reading the SIM's quota again (did it go
//!   up?), never by sending again;
//! - a run that died (crash, SIGKILL, lost network) leaves its intent
//!   without outcome: the next start settles it the same way before it
//!   decides anything, so nothing is bought twice and nothing is missed.
//!
//! `once-ledger --db sqlite:FILE policy log` shows every decision
//! with its reason, the numbers it saw and its outcome.
//!
//! For crash tests, `QUOTA_WATCHDOG_PAUSE_AT=STEP:N` (STEP one of
//! `before-intent`, `after-intent`, `after-call`, `after-outcome`: the
//! engine's [`ActStep`]s) stops the run at that step of its N-th top-up: it
//! prints `quota-watchdog: paused at STEP of top-up N` and waits until it
//! is killed.
//!
//! ```text
//! cargo run -p quota-watchdog                          # dry run, local sandbox
//! cargo run -p quota-watchdog -- --min-data-mb 100 --min-sms 50 --expiring-within-days 60
//! cargo run -p quota-watchdog -- --apply               # top up (costs money at 1NCE)
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use once_ledger::policy::{ActStep, Decision, Engine, Mode, Policy, Status};
use once_ledger::Ledger;

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
    /// Order at most this many top-ups per calendar month (UTC), counted in
    /// the ledger: the policy's budget.
    #[arg(long, value_name = "N")]
    max_top_ups: Option<u32>,
    /// The ledger (SQLite) of decisions, intents and outcomes, created if
    /// missing [default: quota-watchdog.db, or quota-watchdog.sandbox.db
    /// against the local sandbox]. A dry run does not create it.
    #[arg(long, alias = "journal", value_name = "PATH")]
    ledger: Option<PathBuf>,
    /// SIMs checked in parallel (the SDK's rate limiter sets the pace).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    concurrency: u32,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

impl Args {
    /// The policy these flags stand for: one group of every SIM.
    fn policy(&self) -> Result<Policy, once_ledger::policy::PolicyError> {
        let budget = self.max_top_ups.map_or(String::new(), |n| {
            format!("[budget]\nmax_actions = {n}\n\n")
        });
        Policy::parse(&format!(
            "{budget}[[group]]\nname = \"watchdog\"\nall = true\naction = \"top-up\"\n\
             when = {{ data_below_mb = {:?}, sms_below = {:?}, expires_within_days = {} }}\n",
            self.min_data_mb, self.min_sms, self.expiring_within_days
        ))
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("quota-watchdog", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let conn = common::connect("quota-watchdog", &args.connect).await?;
    // Keep the sandbox's ledger apart from the real account's.
    let path = args.ledger.clone().unwrap_or_else(|| {
        PathBuf::from(if conn.is_sandbox() {
            "quota-watchdog.sandbox.db"
        } else {
            "quota-watchdog.db"
        })
    });
    if args.apply {
        println!(
            "quota-watchdog: --apply: SIMs that need it are topped up (each top-up costs money)"
        );
        println!(
            "no SIM is topped up twice for one decision: the SDK never retries a top-up, and a \
             top-up whose answer is lost is checked against the quota, not sent again"
        );
    } else {
        println!("quota-watchdog: dry run: nothing is ordered (add --apply to top up)");
    }
    // A dry run reads the ledger but never creates it: without one, it
    // decides against an empty scratch ledger, removed afterwards.
    let scratch = (!args.apply && !path.exists()).then(scratch_path);
    println!(
        "ledger: {} (each top-up is written down before it is sent, and its outcome after{})",
        path.display(),
        match (args.apply, &scratch) {
            (true, _) => "",
            (false, None) => "; only read in a dry run",
            (false, Some(_)) => "; not created in a dry run",
        }
    );
    let file = scratch.as_deref().unwrap_or(&path);
    let ledger = Arc::new(Ledger::open(&format!("sqlite:{}", file.display())).await?);
    let result = pass(&args, ledger.clone(), conn.client.clone()).await;
    drop(ledger);
    if let Some(scratch) = scratch {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = scratch.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

/// One pass of the policy engine, and what it did, in words.
async fn pass(
    args: &Args,
    ledger: Arc<Ledger>,
    client: once_sdk::Client,
) -> Result<(), Box<dyn std::error::Error>> {
    let pause_at = std::env::var("QUOTA_WATCHDOG_PAUSE_AT").ok();
    let engine = Engine::new(ledger.clone(), client, args.policy()?)
        .mode(if args.apply {
            Mode::Apply
        } else {
            Mode::DryRun
        })
        // One host's one-shot runs share the lease: a run killed holding
        // it does not lock out the next start.
        .holder("quota-watchdog")
        // No later pass to wait for: a lost answer is settled in its run,
        // and one a killed run left, at the next start.
        .settle_after(Duration::ZERO)
        .settle_at_once(true)
        .concurrency(args.concurrency as usize)
        .on_step(move |step, nth| pause(pause_at.as_deref(), step, nth));
    let report = engine.run().await?;
    if !report.lease_held {
        return Err("another replica of the policy holds this ledger's lease; nothing done".into());
    }
    // The decisions this pass ended, and earlier ones it settled.
    let log: HashMap<i64, Decision> = if args.apply {
        ledger
            .policy_log(None)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect()
    } else {
        HashMap::new()
    };
    let ended: HashMap<i64, Status> = report.ended.iter().copied().collect();
    let mut tally = Tally {
        scanned: report.sims,
        over_budget: report.over_budget,
        unreadable: report.failures.len() as u64,
        ..Tally::default()
    };
    for (id, status) in &report.ended {
        if report.decided.iter().any(|d| d.id == *id) {
            continue;
        }
        let iccid = log.get(id).map_or("?", |d| d.iccid.as_str());
        let what = match status {
            Status::ConfirmedApplied => "the quota went up: it was applied",
            Status::NotApplied => "the quota did not go up: it was not applied",
            _ => "the decision ended",
        };
        tally.count(*status);
        println!("  {iccid}  top-up of an earlier run had an unknown outcome; re-checked: {what}");
    }
    println!(
        "{} SIMs (disabled ones skipped): {} with less than {} MB or {} SMS left, or expiring \
         within {} days",
        report.sims,
        report.decided.len() as u64 + report.over_budget,
        args.min_data_mb,
        args.min_sms,
        args.expiring_within_days
    );
    for f in &report.failures {
        println!("  {f}");
    }
    for d in &report.decided {
        let outcome = log.get(&d.id).and_then(|d| d.outcome.clone());
        let status = ended.get(&d.id).copied();
        let what = match status {
            None if d.status == Status::DryRun => {
                tally.would_top_up += 1;
                "would top up".to_string()
            }
            None => {
                tally.not_now += 1;
                "not topped up now (its quota could not be read again); the next run decides again"
                    .to_string()
            }
            Some(s) => {
                tally.count(s);
                said(s, outcome.as_deref().unwrap_or(""))
            }
        };
        println!("  {}  {}: {what}", d.iccid, d.reason);
    }
    summary(args, &tally);
    Ok(())
}

/// What an ended decision's status says, in the watchdog's words.
fn said(status: Status, outcome: &str) -> String {
    match status {
        Status::Applied => {
            let order = outcome
                .strip_prefix("applied: ")
                .unwrap_or("no order number");
            format!("topped up ({order})")
        }
        Status::Refused => format!(
            "1NCE refused the top-up: {}",
            outcome.strip_prefix("1NCE refused it: ").unwrap_or(outcome)
        ),
        Status::ConfirmedApplied => {
            "outcome unknown; re-checked the quota: it was applied".to_string()
        }
        Status::NotApplied => "outcome unknown; re-checked the quota: it was not applied \
                               (not re-sent in this run)"
            .to_string(),
        Status::Unknown => {
            "outcome unknown; the quota could not be read, the next start settles it".to_string()
        }
        Status::OverBudget => "not topped up (--max-top-ups reached this month)".to_string(),
        other => format!("{} ({outcome})", other.name()),
    }
}

/// The crash tests' hook (`QUOTA_WATCHDOG_PAUSE_AT=STEP:N`, see the module
/// docs): at `step` of the `nth` top-up, says so and waits to be killed.
fn pause(at: Option<&str>, step: ActStep, nth: usize) {
    if at != Some(format!("{}:{nth}", step.name()).as_str()) {
        return;
    }
    println!("quota-watchdog: paused at {} of top-up {nth}", step.name());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// A scratch ledger file for a dry run without a ledger.
fn scratch_path() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!(
        "quota-watchdog-dry-run-{}-{nanos:x}.db",
        std::process::id()
    ))
}

/// What the run did, for the summary.
#[derive(Debug, Default)]
struct Tally {
    scanned: u64,
    unreadable: u64,
    topped_up: u64,
    would_top_up: u64,
    refused: u64,
    confirmed: u64,
    not_applied: u64,
    still_unknown: u64,
    over_budget: u64,
    not_now: u64,
}

impl Tally {
    fn count(&mut self, status: Status) {
        match status {
            Status::Applied => self.topped_up += 1,
            Status::Refused => self.refused += 1,
            Status::ConfirmedApplied => self.confirmed += 1,
            Status::NotApplied => self.not_applied += 1,
            Status::Unknown => self.still_unknown += 1,
            Status::OverBudget => self.over_budget += 1,
            _ => {}
        }
    }
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
        ("left out by --max-top-ups", t.over_budget),
        ("not topped up now", t.not_now),
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
