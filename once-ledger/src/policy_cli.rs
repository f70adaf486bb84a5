//! `once-ledger policy`: the top-up policy's commands (see POLICY.md).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use once_ledger::policy::{Decision, Engine, Mode, Policy, RunReport, Status};
use once_ledger::Ledger;

/// The policy's commands.
#[derive(Subcommand, Debug)]
pub(crate) enum PolicyCommand {
    /// One pass (or, with --every, a pass on a schedule): decides for every
    /// SIM from the ledger's usage and the API's quotas. A dry run unless
    /// --apply or --approval is given. Credentials: ONCE_CLIENT_ID and
    /// ONCE_CLIENT_SECRET (+ ONCE_BASE_URL).
    Run(RunArgs),
    /// Approves pending decisions: the next pass in --approval or --apply
    /// mode acts on them.
    Approve(Pick),
    /// Rejects pending decisions: never acted on.
    Reject(Pick),
    /// Every decision: why (the numbers seen, the forecast, the rule), its
    /// approval and its outcome, oldest first.
    Log {
        /// Only the newest N.
        #[arg(long)]
        limit: Option<u32>,
        /// The rows as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The policy's metrics in Prometheus' text format (this month's spend
    /// against the budget, decisions by status), for node_exporter's
    /// textfile collector; alert rules: prometheus/once-ledger-policy.rules.yml.
    Metrics {
        /// The policy file (for the budget's limits).
        #[arg(long, env = "ONCE_LEDGER_POLICY")]
        policy: PathBuf,
    },
    /// The spend of a month against the budget, overall (`*`) and per group.
    Spend {
        /// The month (`2026-12`, UTC) [default: this month].
        #[arg(long)]
        month: Option<String>,
        /// The policy file, to show the limits beside the spend.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
}

/// `serve --policy`: the policy's passes beside the receiver, every
/// `--every`.
#[derive(Args, Debug)]
pub(crate) struct ServePolicy {
    /// Also run the top-up policy (POLICY.md) every --every, a dry run
    /// unless --policy-apply or --policy-approval is given.
    #[arg(long = "policy", env = "ONCE_LEDGER_POLICY", requires = "every")]
    file: Option<PathBuf>,
    /// The policy acts on what it decides (top-ups cost money).
    #[arg(long, requires = "file", conflicts_with = "policy_approval")]
    policy_apply: bool,
    /// The policy's decisions wait for `once-ledger policy approve`.
    #[arg(long, requires = "file")]
    policy_approval: bool,
    /// After each policy pass, write its metrics to this file.
    #[arg(long, requires = "file")]
    policy_metrics_file: Option<PathBuf>,
}

/// Starts the policy's passes for `serve` (nothing without `--policy`);
/// an invalid policy file stops `serve` before it starts (exit 2).
pub(crate) async fn serve(
    db: Option<&str>,
    p: &ServePolicy,
    every: Option<Duration>,
) -> Result<(), ExitCode> {
    let (Some(file), Some(every)) = (&p.file, every) else {
        return Ok(());
    };
    if let Err(e) = Policy::load(file) {
        say!("once-ledger: --policy: {e}");
        return Err(ExitCode::from(2));
    }
    let ledger = crate::open(db).await.map_err(|e| {
        say!("once-ledger: --policy: {e}");
        ExitCode::from(2)
    })?;
    let args = RunArgs {
        policy: file.clone(),
        apply: p.policy_apply,
        approval: p.policy_approval,
        every: Some(every),
        holder: None,
        metrics_file: p.policy_metrics_file.clone(),
        lease: Duration::from_secs(120),
        settle_after: Duration::from_secs(300),
    };
    tokio::spawn(run_passes(ledger, args));
    Ok(())
}

#[derive(Args, Debug)]
pub(crate) struct RunArgs {
    /// The policy file (TOML; see POLICY.md).
    #[arg(long, env = "ONCE_LEDGER_POLICY")]
    policy: PathBuf,
    /// Act on what is decided (top-ups cost money).
    #[arg(long, conflicts_with = "approval")]
    apply: bool,
    /// Write decisions as pending; act only on those approved.
    #[arg(long)]
    approval: bool,
    /// Run a pass this often (`15m`, `1h`) until stopped.
    #[arg(long, value_parser = crate::parse_span)]
    every: Option<Duration>,
    /// This replica's name in the lease and the log, unique among the
    /// replicas [default: host-pid-start].
    #[arg(long)]
    holder: Option<String>,
    /// After each pass, write the policy's metrics to this file (replaced
    /// whole, for node_exporter's textfile collector: `*.prom`).
    #[arg(long)]
    metrics_file: Option<PathBuf>,
    /// How long the lease lasts without renewal: a replica that died
    /// holding it blocks the others this long.
    #[arg(long, default_value = "2m", value_parser = crate::parse_span)]
    lease: Duration,
    /// Settle a lost answer by reading the quota this long after it.
    #[arg(long, default_value = "5m", value_parser = crate::parse_span)]
    settle_after: Duration,
}

#[derive(Args, Debug)]
pub(crate) struct Pick {
    /// The decisions' numbers (from `policy log`).
    #[arg(required_unless_present = "all")]
    ids: Vec<i64>,
    /// Every pending decision.
    #[arg(long, conflicts_with = "ids")]
    all: bool,
    /// Who decides [default: $USER].
    #[arg(long)]
    by: Option<String>,
}

pub(crate) async fn run(ledger: Ledger, command: PolicyCommand) -> ExitCode {
    match command {
        PolicyCommand::Run(args) => run_passes(ledger, args).await,
        PolicyCommand::Approve(pick) | PolicyCommand::Reject(pick)
            if pick.ids.is_empty() && !pick.all =>
        {
            say!("once-ledger: policy: name the decisions or --all");
            ExitCode::from(2)
        }
        PolicyCommand::Approve(pick) => {
            let by = who(&pick);
            let ids = (!pick.all).then_some(pick.ids.as_slice());
            report_count(ledger.policy_approve(ids, &by).await, "approved")
        }
        PolicyCommand::Reject(pick) => {
            let by = who(&pick);
            let ids = (!pick.all).then_some(pick.ids.as_slice());
            report_count(ledger.policy_reject(ids, &by).await, "rejected")
        }
        PolicyCommand::Log { limit, json } => match ledger.policy_log(limit).await {
            Ok(log) if json => {
                match serde_json::to_string_pretty(&log) {
                    Ok(text) => out!("{text}"),
                    Err(e) => say!("once-ledger: {e}"),
                }
                ExitCode::SUCCESS
            }
            Ok(log) => {
                if log.is_empty() {
                    out!("no decisions yet");
                }
                for d in &log {
                    print_decision(d);
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                say!("once-ledger: policy log: {e}");
                ExitCode::from(2)
            }
        },
        PolicyCommand::Metrics { policy } => {
            let policy = match Policy::load(&policy) {
                Ok(p) => p,
                Err(e) => {
                    say!("once-ledger: {e}");
                    return ExitCode::from(2);
                }
            };
            match ledger.policy_metrics(&policy).await {
                Ok(text) => {
                    out!("{}", text.trim_end());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say!("once-ledger: policy metrics: {e}");
                    ExitCode::from(2)
                }
            }
        }
        PolicyCommand::Spend { month, policy } => {
            let policy = match policy.as_deref().map(Policy::load).transpose() {
                Ok(p) => p,
                Err(e) => {
                    say!("once-ledger: {e}");
                    return ExitCode::from(2);
                }
            };
            let month = month.unwrap_or_else(|| chrono::Utc::now().format("%Y-%m").to_string());
            match ledger.policy_spend(&month).await {
                Ok(spend) => {
                    out!("{month}:");
                    for s in &spend {
                        let limits = policy
                            .as_ref()
                            .map(|p| limit_text(p, &s.scope))
                            .unwrap_or_default();
                        out!(
                            "  {:<24} {:>5} actions  {:>10.2}{limits}",
                            s.scope,
                            s.actions,
                            s.amount
                        );
                    }
                    if spend.is_empty() {
                        out!("  nothing spent");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say!("once-ledger: policy spend: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn who(pick: &Pick) -> String {
    pick.by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

fn report_count(r: Result<u64, once_ledger::policy::PolicyError>, what: &str) -> ExitCode {
    match r {
        Ok(n) => {
            out!("{n} decisions {what}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("once-ledger: policy: {e}");
            ExitCode::from(2)
        }
    }
}

fn limit_text(p: &Policy, scope: &str) -> String {
    let budget = match scope.strip_prefix("group:") {
        Some(name) => p.groups.iter().find(|g| g.name == name).map(|g| g.budget),
        None => Some(p.budget),
    };
    match budget {
        Some(b) => format!(
            "  (budget: {} actions, {} amount)",
            b.max_actions.map_or("no limit".into(), |m| m.to_string()),
            b.max_amount
                .map_or("no limit".into(), |m| format!("{m:.2}"))
        ),
        None => String::new(),
    }
}

async fn run_passes(ledger: Ledger, args: RunArgs) -> ExitCode {
    let policy = match Policy::load(&args.policy) {
        Ok(p) => p,
        Err(e) => {
            say!("once-ledger: {e}");
            return ExitCode::from(2);
        }
    };
    let client = match crate::api_client() {
        Ok(c) => c,
        Err(e) => {
            say!("once-ledger: {e}");
            return ExitCode::from(2);
        }
    };
    let mode = match (args.apply, args.approval) {
        (true, _) => Mode::Apply,
        (_, true) => Mode::Approval,
        _ => Mode::DryRun,
    };
    let ledger = Arc::new(ledger);
    let mut engine = Engine::new(Arc::clone(&ledger), client, policy)
        .mode(mode)
        .lease(args.lease)
        .settle_after(args.settle_after);
    if let Some(h) = args.holder {
        engine = engine.holder(h);
    }
    match mode {
        Mode::DryRun => {
            out!("policy: dry run: nothing is written or bought (--approval or --apply to act)")
        }
        Mode::Approval => {
            out!("policy: approval mode: decisions wait for `once-ledger policy approve`")
        }
        Mode::Apply => out!("policy: --apply: decisions are acted on (top-ups cost money)"),
    }
    loop {
        let ok = match engine.run().await {
            Ok(report) => {
                print_report(&report, mode);
                report.failures.is_empty()
            }
            Err(e) => {
                say!("once-ledger: policy pass failed (what was written stays written): {e}");
                false
            }
        };
        if let Some(path) = &args.metrics_file {
            if let Err(e) = write_metrics(&ledger, engine.policy(), path).await {
                say!("once-ledger: --metrics-file {}: {e}", path.display());
            }
        }
        let Some(every) = args.every else {
            return if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        };
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            () = stopped() => return ExitCode::SUCCESS,
        }
    }
}

/// Writes the metrics beside the file and renames it over: a scraper never
/// reads half a file.
async fn write_metrics(
    ledger: &Ledger,
    policy: &Policy,
    path: &std::path::Path,
) -> Result<(), String> {
    let text = ledger
        .policy_metrics(policy)
        .await
        .map_err(|e| e.to_string())?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, text).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, path).map_err(|e| e.to_string())
}

/// SIGTERM or Ctrl-C, between passes (a pass is never cut short here).
async fn stopped() {
    once_streamer::cli::terminated().await;
    say!("once-ledger: policy: stopping");
}

fn print_report(r: &RunReport, mode: Mode) {
    if !r.lease_held {
        out!("policy: another replica holds the lease; this pass did nothing");
        return;
    }
    for (id, status) in &r.ended {
        out!("  #{id} ended: {}", status.name());
    }
    for d in &r.decided {
        let what = match mode {
            Mode::DryRun => "would",
            _ => "decided:",
        };
        let id = if d.id > 0 {
            format!("#{} ", d.id)
        } else {
            String::new()
        };
        out!(
            "  {id}{} {what} {} ({}): {}",
            d.iccid,
            d.action,
            d.group,
            d.reason
        );
    }
    out!(
        "policy: {} SIMs, {} decisions, {} ended, {} left out by the budget, {} unreadable",
        r.sims,
        r.decided.len(),
        r.ended.len(),
        r.over_budget,
        r.failures.len()
    );
    for f in r.failures.iter().take(20) {
        say!("once-ledger: policy: {f}");
    }
}

fn print_decision(d: &Decision) {
    out!(
        "#{} {} {} {} {}: {}",
        d.id,
        d.created_at,
        d.iccid,
        d.action,
        d.group,
        d.status.name()
    );
    out!("    why:      {}", d.reason);
    out!("    saw:      {}", d.seen);
    if let (Some(at), Some(by)) = (&d.approved_at, &d.approved_by) {
        let what = match d.status {
            Status::Rejected => "rejected",
            _ => "approved",
        };
        out!("    {what}: {at} by {by}");
    }
    if let Some(at) = &d.intent_at {
        out!(
            "    intent:   {at} by {}, budget month {}",
            d.holder.as_deref().unwrap_or("?"),
            d.month.as_deref().unwrap_or("?")
        );
    }
    if let (Some(at), Some(o)) = (&d.outcome_at, &d.outcome) {
        out!("    outcome:  {at}: {o}");
    }
}
