//! `once usage`: answers from the fleet ledger (once-ledger), without
//! calling 1NCE.

use crate::cli::{EventsArgs, UsageArgs};
use crate::context::Ctx;
use crate::exit::CliError;

/// A date (`2026-11-01`, midnight UTC) or an ISO 8601 time.
#[cfg(feature = "ledger")]
fn when(flag: &str, text: &str) -> Result<chrono::DateTime<chrono::Utc>, CliError> {
    use chrono::{DateTime, NaiveDate, Utc};
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(d.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            CliError::usage(format!(
                "{flag}: {text:?} is neither a date (2026-11-01) nor an ISO 8601 time (2026-11-01T08:00:00Z)"
            ))
        })
}

/// The database and the period of a ledger command: `--db` (or
/// `ONCE_LEDGER_DB`) required, `--to` by default now, `--from` by default
/// `default_days` before it.
#[cfg(feature = "ledger")]
fn db_and_period<'a>(
    db: Option<&'a str>,
    from: Option<&str>,
    to: Option<&str>,
    default_days: i64,
) -> Result<
    (
        &'a str,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
    ),
    CliError,
> {
    let db = db.ok_or_else(|| {
        CliError::usage("--db (or ONCE_LEDGER_DB) is required: postgres://... or sqlite:FILE")
    })?;
    let to = match to {
        Some(t) => when("--to", t)?,
        None => chrono::Utc::now(),
    };
    let from = match from {
        Some(t) => when("--from", t)?,
        None => to - chrono::Duration::days(default_days),
    };
    Ok((db, from, to))
}

/// `once usage`.
#[cfg(feature = "ledger")]
pub async fn usage(ctx: &Ctx, a: UsageArgs) -> Result<i32, CliError> {
    use crate::cli::{UsageGranularity as Gr, UsageGroup as G};
    use once_ledger::{Granularity, Group, Ledger, UsageQuery};

    let (db, from, to) = db_and_period(a.db.as_deref(), a.from.as_deref(), a.to.as_deref(), 30)?;
    let group = match a.group {
        G::Fleet => Group::Fleet,
        G::Sim => Group::Sim,
        G::Country => Group::Country,
        G::Operator => Group::Operator,
        G::Rat => Group::Rat,
        G::TrafficType => Group::TrafficType,
    };
    let granularity = match a.granularity {
        Gr::Total => Granularity::Total,
        Gr::Hour => Granularity::Hour,
        Gr::Day => Granularity::Day,
        Gr::Month => Granularity::Month,
    };
    let mut q = UsageQuery::new(from, to)
        .map_err(|e| CliError::usage(format!("--from/--to: {e}")))?
        .group(group)
        .granularity(granularity);
    if let Some(n) = a.top {
        q = q.top(n);
    }
    let failed = |e: once_ledger::LedgerError| CliError::new(crate::exit::FAILED, e.to_string());
    let ledger = Ledger::connect(db).await.map_err(failed)?;
    let totals = ledger.usage_report(&q).await.map_err(failed)?;
    let key = match a.group {
        G::Fleet => None,
        G::Sim => Some("iccid"),
        G::Country => Some("country"),
        G::Operator => Some("operator"),
        G::Rat => Some("rat"),
        G::TrafficType => Some("traffic_type"),
    };
    let items: Vec<serde_json::Value> = totals
        .iter()
        .map(|t| {
            let mut m = serde_json::Map::new();
            if a.granularity != Gr::Total {
                let b = t
                    .bucket
                    .map(|b| b.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                m.insert("from".into(), b.into());
            }
            if let Some(k) = key {
                m.insert(k.into(), t.key.clone().into());
            }
            m.insert("total".into(), t.total.into());
            m.insert("rx".into(), t.rx.into());
            m.insert("tx".into(), t.tx.into());
            m.insert("records".into(), t.records.into());
            serde_json::Value::Object(m)
        })
        .collect();
    let mut columns = Vec::new();
    if a.granularity != Gr::Total {
        columns.push("from");
    }
    columns.extend(key);
    columns.extend(["total", "rx", "tx", "records"]);
    ctx.out.list(&items, &columns)?;
    Ok(crate::exit::OK)
}

/// `once events`.
#[cfg(feature = "ledger")]
pub async fn events(ctx: &Ctx, a: EventsArgs) -> Result<i32, CliError> {
    use crate::cli::Severity;
    use once_ledger::{EventQuery, Ledger};

    let (db, from, to) = db_and_period(a.db.as_deref(), a.from.as_deref(), a.to.as_deref(), 7)?;
    if let Some(iccid) = &a.iccid {
        iccid
            .parse::<once_sdk::Iccid>()
            .map_err(|e| CliError::usage(format!("--iccid: {e}")))?;
    }
    let mut q = EventQuery::new(from, to)
        .map_err(|e| CliError::usage(format!("--from/--to: {e}")))?
        .types(a.types.iter().copied())
        .limit(a.limit);
    if let Some(s) = a.min_severity {
        q = q.min_severity(match s {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 3,
            Severity::Critical => 4,
        });
    }
    if let Some(iccid) = &a.iccid {
        q = q.iccid(iccid.clone());
    }
    let failed = |e: once_ledger::LedgerError| CliError::new(crate::exit::FAILED, e.to_string());
    let ledger = Ledger::connect(db).await.map_err(failed)?;
    let events = ledger.events(&q).await.map_err(failed)?;
    let items: Vec<serde_json::Value> = events.iter().map(crate::output::to_value).collect();
    ctx.out.list(
        &items,
        &[
            "at",
            "iccid",
            "severity",
            "event_type",
            "event_type_description",
            "description",
            "id",
        ],
    )?;
    Ok(crate::exit::OK)
}

/// `once policy ...`: the top-up policy's decisions, from the ledger.
#[cfg(feature = "ledger")]
pub async fn policy(ctx: &Ctx, c: crate::cli::PolicyCmd) -> Result<i32, CliError> {
    use crate::cli::PolicyCmd as P;
    use once_ledger::Ledger;

    let failed = |e: &dyn std::fmt::Display| CliError::new(crate::exit::FAILED, e.to_string());
    let open = |db: &Option<String>| {
        let db = db.clone().ok_or_else(|| {
            CliError::usage("--db (or ONCE_LEDGER_DB) is required: postgres://... or sqlite:FILE")
        });
        async move { Ledger::connect(&db?).await.map_err(|e| failed(&e)) }
    };
    match c {
        P::Log { limit, ledger } => {
            let ledger = open(&ledger.db).await?;
            let mut log = ledger.policy_log(limit).await.map_err(|e| failed(&e))?;
            log.reverse(); // oldest first, as a log reads
            let items: Vec<serde_json::Value> = log.iter().map(crate::output::to_value).collect();
            ctx.out.list(
                &items,
                &[
                    "id",
                    "created_at",
                    "iccid",
                    "group",
                    "action",
                    "status",
                    "reason",
                    "outcome",
                ],
            )?;
        }
        P::Approve(pick) | P::Reject(pick) if pick.ids.is_empty() && !pick.all => {
            return Err(CliError::usage(
                "name the decisions (ids from `once policy log`) or --all",
            ));
        }
        P::Approve(pick) => decide(ctx, pick, true).await?,
        P::Reject(pick) => decide(ctx, pick, false).await?,
        P::Spend { month, ledger } => {
            let month = match month {
                Some(m) => {
                    chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
                        .map_err(|_| CliError::usage(format!("--month: {m:?} is not YYYY-MM")))?;
                    m
                }
                None => chrono::Utc::now().format("%Y-%m").to_string(),
            };
            let ledger = open(&ledger.db).await?;
            let spend = ledger.policy_spend(&month).await.map_err(|e| failed(&e))?;
            let items: Vec<serde_json::Value> = spend
                .iter()
                .map(|s| {
                    let mut v = crate::output::to_value(s);
                    v["month"] = month.clone().into();
                    v
                })
                .collect();
            ctx.out
                .list(&items, &["month", "scope", "actions", "amount"])?;
        }
    }
    Ok(crate::exit::OK)
}

/// `once policy approve|reject`: marks the decisions, says how many.
#[cfg(feature = "ledger")]
async fn decide(ctx: &Ctx, pick: crate::cli::PolicyPick, approve: bool) -> Result<(), CliError> {
    let db = pick.ledger.db.ok_or_else(|| {
        CliError::usage("--db (or ONCE_LEDGER_DB) is required: postgres://... or sqlite:FILE")
    })?;
    let ledger = once_ledger::Ledger::connect(&db)
        .await
        .map_err(|e| CliError::new(crate::exit::FAILED, e.to_string()))?;
    let by = pick
        .by
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "once".into());
    let ids = (!pick.all).then_some(pick.ids.as_slice());
    let n = match approve {
        true => ledger.policy_approve(ids, &by).await,
        false => ledger.policy_reject(ids, &by).await,
    }
    .map_err(|e| CliError::new(crate::exit::FAILED, e.to_string()))?;
    let word = if approve { "approved" } else { "rejected" };
    ctx.out.one(&serde_json::json!({ word: n, "by": by }))?;
    Ok(())
}

/// `once policy` in a build without the ledger (the Python wheel's `once`).
#[cfg(not(feature = "ledger"))]
pub async fn policy(ctx: &Ctx, c: crate::cli::PolicyCmd) -> Result<i32, CliError> {
    let _ = c;
    usage_missing(ctx)
}

/// `once events` in a build without the ledger (the Python wheel's `once`).
#[cfg(not(feature = "ledger"))]
pub async fn events(ctx: &Ctx, a: EventsArgs) -> Result<i32, CliError> {
    let _ = a;
    usage_missing(ctx)
}

/// `once usage` in a build without the ledger (the Python wheel's `once`).
#[cfg(not(feature = "ledger"))]
pub async fn usage(ctx: &Ctx, a: UsageArgs) -> Result<i32, CliError> {
    let _ = a;
    usage_missing(ctx)
}

#[cfg(not(feature = "ledger"))]
fn usage_missing(_ctx: &Ctx) -> Result<i32, CliError> {
    Err(CliError::new(
        crate::exit::FAILED,
        "this `once` was built without the fleet ledger (the Python wheel leaves its \
         database drivers out to stay small). Install the full CLI from a \
         checkout of once-sdk: `cargo install --path once-cli`.",
    ))
}
