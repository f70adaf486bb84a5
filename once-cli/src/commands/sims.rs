//! `once sims ...` (SIM management v2; usage is v1's).

use once_sdk::{List, PaymentMethod, SimStatus, SimUpdate};
use serde_json::{json, Value};

use super::{show_pages, sims_text, with_iccid};
use crate::batch::{self, one_iccid};
use crate::cli::{Paging, PaymentArg, SimsCmd, StatusArg};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::to_value;
use crate::safety::{confirm, print_plan, Planned};

/// Table columns of SIM lists.
pub const SIM_COLUMNS: &[&str] = &[
    "iccid",
    "msisdn",
    "status",
    "label",
    "current_quota",
    "current_quota_SMS",
    "activation_date",
];
/// Table columns of quota lists.
pub const QUOTA_COLUMNS: &[&str] = &[
    "iccid",
    "volume",
    "total_volume",
    "status.description",
    "expiry_date",
];
/// Table columns of connectivity lists.
pub const STATUS_COLUMNS: &[&str] = &[
    "iccid",
    "status",
    "location.country.name",
    "location.operator.name",
    "pdp_context.rat_type",
];

/// Applies `--page` and `--page-size` to a list. `--all` without
/// `--page-size` fetches pages of `max_page_size` (the API's largest), so
/// that a fleet export takes as few requests as possible.
pub fn paged<T>(list: List<T>, paging: &Paging, max_page_size: u32) -> List<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    let mut list = list;
    if let Some(p) = paging.page {
        list = list.page(p);
    }
    match paging.page_size {
        Some(s) => list = list.page_size(s),
        None if paging.all => list = list.page_size(max_page_size),
        None => {}
    }
    list
}

/// The SDK's status.
pub fn status_of(s: StatusArg) -> SimStatus {
    match s {
        StatusArg::Enabled => SimStatus::Enabled,
        StatusArg::Disabled => SimStatus::Disabled,
    }
}

fn payment_of(p: PaymentArg) -> PaymentMethod {
    p.as_str().parse().unwrap_or(PaymentMethod::BankTransfer)
}

/// Runs `once sims ...`.
pub async fn run(ctx: &Ctx, cmd: SimsCmd) -> Result<i32, CliError> {
    match cmd {
        SimsCmd::List {
            paging,
            filter,
            sort,
        } => {
            let client = ctx.client().await?;
            let mut list = paged(client.sims().list(), &paging, 100);
            if let Some(f) = filter {
                list = list.filter(f);
            }
            if let Some(s) = sort {
                list = list.sort(s);
            }
            show_pages(ctx, list, &paging, SIM_COLUMNS, "SIMs").await
        }
        SimsCmd::Get { iccids } => {
            let b = batch::read(&iccids)?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                async move { sims.get(&i).await.map(|s| to_value(&s)) }
            })
            .await?;
            batch::report_reads(ctx, &b, results, SIM_COLUMNS)
        }
        SimsCmd::Quota { iccids, sms } => {
            let b = batch::read(&iccids)?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                async move {
                    let q = if sms {
                        sims.sms_quota(&i).await
                    } else {
                        sims.data_quota(&i).await
                    };
                    q.map(|q| with_iccid(&i, &q))
                }
            })
            .await?;
            batch::report_reads(ctx, &b, results, QUOTA_COLUMNS)
        }
        SimsCmd::Status { iccids } => {
            let b = batch::read(&iccids)?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                async move { sims.status(&i).await.map(|s| with_iccid(&i, &s)) }
            })
            .await?;
            batch::report_reads(ctx, &b, results, STATUS_COLUMNS)
        }
        SimsCmd::Events { iccid, paging } => {
            let iccid = one_iccid(&iccid)?;
            let client = ctx.client().await?;
            let list = paged(client.sims().events(&iccid), &paging, 1000);
            show_pages(
                ctx,
                list,
                &paging,
                &[
                    "timestamp",
                    "event_type.description",
                    "event_severity.description",
                    "description",
                ],
                "events",
            )
            .await
        }
        SimsCmd::Usage {
            iccids,
            since,
            until,
        } => {
            let b = batch::read(&iccids)?;
            let v1 = ctx.client().await?.v1().sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let v1 = v1.clone();
                async move {
                    let mut req = v1.usage(&i);
                    if let Some(s) = since {
                        req = req.since(s);
                    }
                    if let Some(u) = until {
                        req = req.until(u);
                    }
                    req.send().await.map(|u| {
                        let days: Vec<Value> = u.stats.iter().map(|d| with_iccid(&i, d)).collect();
                        Value::Array(days)
                    })
                }
            })
            .await?;
            usage_report(ctx, results)
        }
        SimsCmd::Set {
            iccids,
            label,
            status,
            imei_lock,
        } => {
            let b = batch::read(&iccids)?;
            if label.is_none() && status.is_none() && imei_lock.is_none() {
                return Err(CliError::usage(
                    "nothing to change: give --label, --status or --imei-lock",
                ));
            }
            if label.as_ref().is_some_and(|l| l.chars().count() > 255) {
                return Err(CliError::usage("--label must be at most 255 characters"));
            }
            if ctx.dry_run {
                let plan: Vec<Planned> = b
                    .iccids
                    .iter()
                    .map(|i| {
                        let mut u = SimUpdate::default();
                        u.iccid = Some(i.clone());
                        u.label = label.clone();
                        u.status = status.map(status_of);
                        u.imei_lock = imei_lock;
                        Planned::new("PUT", format!("/v2/sims/{i}")).body(to_value(&u))
                    })
                    .collect();
                return print_plan(ctx, &plan);
            }
            confirm(ctx, &format!("change {}", sims_text(b.iccids.len())))?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                let label = label.clone();
                async move {
                    let mut u = sims.update(&i);
                    if let Some(l) = label {
                        u = u.label(l);
                    }
                    if let Some(s) = status {
                        u = u.status(status_of(s));
                    }
                    if let Some(l) = imei_lock {
                        u = u.imei_lock(l);
                    }
                    u.send().await.map(|()| Value::Null)
                }
            })
            .await?;
            batch::report_actions(
                ctx,
                results,
                "changed",
                "`once sims get {iccid}` shows whether the change was applied;",
            )
        }
        SimsCmd::Reset { iccids } => {
            let b = batch::read(&iccids)?;
            if ctx.dry_run {
                let plan: Vec<Planned> = b
                    .iccids
                    .iter()
                    .map(|i| Planned::new("POST", format!("/v2/sims/{i}/reset")))
                    .collect();
                return print_plan(ctx, &plan);
            }
            confirm(
                ctx,
                &format!(
                    "reset the connectivity of {} (their devices re-attach)",
                    sims_text(b.iccids.len())
                ),
            )?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                async move { sims.reset(&i).await.map(|()| Value::Null) }
            })
            .await?;
            batch::report_actions(
                ctx,
                results,
                "reset",
                "`once sims events {iccid}` shows whether a reset happened;",
            )
        }
        SimsCmd::TopUp {
            iccids,
            payment_method,
        } => {
            let b = batch::read(&iccids)?;
            let query = payment_method
                .map(|p| format!("?payment_method={}", p.as_str()))
                .unwrap_or_default();
            if ctx.dry_run {
                let plan: Vec<Planned> = b
                    .iccids
                    .iter()
                    .map(|i| Planned::new("POST", format!("/v2/sims/{i}/topup{query}")))
                    .collect();
                return print_plan(ctx, &plan);
            }
            confirm(
                ctx,
                &format!("top up {} (costs money)", sims_text(b.iccids.len())),
            )?;
            let sims = ctx.client().await?.sims();
            let results = batch::run(ctx, &b.iccids, |i| {
                let sims = sims.clone();
                async move {
                    let mut t = sims.top_up(&i);
                    if let Some(p) = payment_method {
                        t = t.payment_method(payment_of(p));
                    }
                    t.send().await.map(|o| match o.order_number() {
                        Some(n) => json!(format!("topped up (order {n})")),
                        None => Value::Null,
                    })
                }
            })
            .await?;
            batch::report_actions(
                ctx,
                results,
                "topped up",
                "`once sims quota {iccid}` and `once orders list` show whether the top-up was applied;",
            )
        }
    }
}

/// Usage is one row per SIM and day (`iccid`, `date`, `data`, `sms`;
/// the SDK leaves 1NCE's `TOTAL` row out), whatever the batch size.
fn usage_report(ctx: &Ctx, results: batch::Results) -> Result<i32, CliError> {
    let n = results.len();
    let mut rows = Vec::new();
    let mut failed = 0;
    let mut last_err = None;
    for (iccid, r) in results {
        match r {
            Ok(Value::Array(days)) => rows.extend(days),
            Ok(other) => rows.push(other),
            Err(e) => {
                failed += 1;
                let e = CliError::from(e);
                eprintln!("{iccid}: {e}");
                last_err = Some(e);
            }
        }
    }
    if n == 1 {
        if let Some(e) = last_err {
            return Err(e);
        }
    }
    ctx.out.list(
        &rows,
        &[
            "iccid",
            "date",
            "data.volume",
            "data.volume_rx",
            "data.volume_tx",
            "sms.volume",
        ],
    )?;
    if n > 1 {
        eprintln!("{}: {} ok, {failed} failed", sims_text(n), n - failed);
    }
    Ok(if failed > 0 { exit::PARTIAL } else { exit::OK })
}

/// Exit code helper for commands that print one value.
pub fn printed(ctx: &Ctx, v: &Value) -> Result<i32, CliError> {
    ctx.out.one(v)?;
    Ok(exit::OK)
}
