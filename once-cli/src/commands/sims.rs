//! `once sims ...` (SIM management v2; usage is v1's).

use once_sdk::api::sims::UpdateSim;
use once_sdk::{Iccid, List, PaymentMethod, SimStatus, SimUpdate};
use serde_json::{json, Value};

use super::{act_each, read_each, show_pages, sims_text, with_iccid, Action};
use crate::batch::{self, one_iccid};
use crate::cli::{Paging, PaymentArg, SimsCmd, StatusArg};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::to_value;
use crate::safety::Planned;

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

/// Sets on a SIM change (v2's `sims set` or v1's `v1 set`: one builder)
/// what the command was given.
pub fn changes(
    mut update: UpdateSim,
    label: Option<&str>,
    status: Option<SimStatus>,
    imei_lock: Option<bool>,
) -> UpdateSim {
    if let Some(l) = label {
        update = update.label(l);
    }
    if let Some(s) = status {
        update = update.status(s);
    }
    if let Some(l) = imei_lock {
        update = update.imei_lock(l);
    }
    update
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
            read_each(ctx, &iccids, SIM_COLUMNS, |c, i| async move {
                c.sims().get(&i).await.map(|s| to_value(&s))
            })
            .await
        }
        SimsCmd::Quota { iccids, sms } => {
            read_each(ctx, &iccids, QUOTA_COLUMNS, |c, i| async move {
                let q = if sms {
                    c.sims().sms_quota(&i).await
                } else {
                    c.sims().data_quota(&i).await
                };
                q.map(|q| with_iccid(&i, &q))
            })
            .await
        }
        SimsCmd::Status { iccids } => {
            read_each(ctx, &iccids, STATUS_COLUMNS, |c, i| async move {
                c.sims().status(&i).await.map(|s| with_iccid(&i, &s))
            })
            .await
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
            let client = ctx.client().await?.clone();
            let results = batch::run(ctx, &b.iccids, |i| {
                let mut req = client.v1().sims().usage(&i);
                if let Some(s) = since {
                    req = req.since(s);
                }
                if let Some(u) = until {
                    req = req.until(u);
                }
                async move {
                    req.send()
                        .await
                        .map(|u| Value::Array(u.stats.iter().map(|d| with_iccid(&i, d)).collect()))
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
            if label.is_none() && status.is_none() && imei_lock.is_none() {
                return Err(CliError::usage(
                    "nothing to change: give --label, --status or --imei-lock",
                ));
            }
            if label.as_ref().is_some_and(|l| l.chars().count() > 255) {
                return Err(CliError::usage("--label must be at most 255 characters"));
            }
            let action = Action {
                ask: "change {n}",
                done: "changed",
                check: "`once sims get {iccid}` shows whether the change was applied;",
            };
            let plan = |i: &Iccid| {
                let mut u = SimUpdate::default();
                u.iccid = Some(i.clone());
                u.label = label.clone();
                u.status = status.map(status_of);
                u.imei_lock = imei_lock;
                Planned::new("PUT", format!("/v2/sims/{i}")).body(to_value(&u))
            };
            act_each(ctx, &iccids, action, plan, |c, i| {
                let u = changes(
                    c.sims().update(&i),
                    label.as_deref(),
                    status.map(status_of),
                    imei_lock,
                );
                async move { u.send().await.map(|()| Value::Null) }
            })
            .await
        }
        SimsCmd::Reset { iccids } => {
            let action = Action {
                ask: "reset the connectivity of {n} (their devices re-attach)",
                done: "reset",
                check: "`once sims events {iccid}` shows whether a reset happened;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v2/sims/{i}/reset")),
                |c, i| async move { c.sims().reset(&i).await.map(|()| Value::Null) },
            )
            .await
        }
        SimsCmd::TopUp {
            iccids,
            payment_method,
        } => {
            let query = payment_method
                .map(|p| format!("?payment_method={}", p.as_str()))
                .unwrap_or_default();
            let action = Action {
                ask: "top up {n} (costs money)",
                done: "topped up",
                check: "`once sims quota {iccid}` and `once orders list` show whether the top-up was applied;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v2/sims/{i}/topup{query}")),
                |c, i| {
                    let mut t = c.sims().top_up(&i);
                    if let Some(p) = payment_method {
                        t = t.payment_method(payment_of(p));
                    }
                    async move {
                        t.send().await.map(|o| match o.order_number() {
                            Some(n) => json!(format!("topped up (order {n})")),
                            None => Value::Null,
                        })
                    }
                },
            )
            .await
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
