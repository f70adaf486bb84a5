//! `once v1 ...`: SIM management v1 (retired by 1NCE at the end of 2026),
//! including the operations only v1 has.
//!
//! These commands call the v1 API on purpose (`once v1 sims get` is the v1
//! call), so the SDK's deprecation of v1 calls that v2 has is expected here.
#![allow(deprecated)]

use std::future::{Future, IntoFuture};

use once_sdk::types::v1::{
    Extension, LimitService, PaymentMethod as V1Payment, SetLimits, SimUpdate as V1SimUpdate,
    Transfer,
};
use once_sdk::{Iccid, Sms};
use serde_json::{json, Value};

use super::sims::{changes, paged, printed, status_of, SIM_COLUMNS};
use super::{act_each, read_each, show_pages, sims_text, with_iccid, Action};
use crate::batch::{self, one_iccid, parse_iccid};
use crate::cli::{LimitServiceArg, PaymentArg, V1Cmd, V1SmsCmd};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::to_value;
use crate::safety::{confirm, print_plan, Planned};

fn payment(p: PaymentArg) -> V1Payment {
    p.as_str().parse().unwrap_or(V1Payment::BankTransfer)
}

fn query(p: Option<PaymentArg>) -> String {
    p.map(|p| format!("?payment_method={}", p.as_str()))
        .unwrap_or_default()
}

/// One request for many SIMs: prints one record per SIM, or the error.
async fn bulk<F>(
    ctx: &Ctx,
    iccids: &[Iccid],
    call: F,
    done: &str,
    check: &str,
) -> Result<i32, CliError>
where
    F: Future<Output = Result<(), once_sdk::Error>>,
{
    match call.await {
        Ok(()) => {
            let records: Vec<Value> = iccids
                .iter()
                .map(|i| json!({"iccid": i, "result": "ok", "detail": done}))
                .collect();
            ctx.out.list(&records, &["iccid", "result", "detail"])?;
            eprintln!("{}: {done} (one request)", sims_text(iccids.len()));
            Ok(exit::OK)
        }
        Err(e @ once_sdk::Error::OutcomeUnknown { .. }) => Err(CliError::new(
            exit::OUTCOME_UNKNOWN,
            format!("OUTCOME UNKNOWN: {e}\n  check: {check} before running it again"),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Runs `once v1 ...`.
pub async fn run(ctx: &Ctx, cmd: V1Cmd) -> Result<i32, CliError> {
    match cmd {
        V1Cmd::List {
            paging,
            filter,
            sort,
        } => {
            let client = ctx.client().await?;
            let mut list = paged(client.v1().sims().list(), &paging, 100);
            if let Some(f) = filter {
                list = list.filter(f);
            }
            if let Some(s) = sort {
                list = list.sort(s);
            }
            show_pages(ctx, list, &paging, SIM_COLUMNS, "SIMs").await
        }
        V1Cmd::Get { iccids } => {
            read_each(ctx, &iccids, SIM_COLUMNS, |c, i| async move {
                c.v1().sims().get(&i).await.map(|s| to_value(&s))
            })
            .await
        }
        V1Cmd::Status { iccids } => {
            read_each(
                ctx,
                &iccids,
                &["iccid", "status", "services"],
                |c, i| async move { c.v1().sims().status(&i).await.map(|s| with_iccid(&i, &s)) },
            )
            .await
        }
        V1Cmd::ConnectivityInfo {
            iccids,
            subscriber,
            ussd,
        } => {
            read_each(ctx, &iccids, &[], |c, i| {
                let mut r = c.v1().sims().connectivity_info(&i);
                if subscriber {
                    r = r.subscriber(true);
                }
                if ussd {
                    r = r.ussd(true);
                }
                async move { r.send().await.map(|info| with_iccid(&i, &info)) }
            })
            .await
        }
        V1Cmd::Quota { iccids, sms } => {
            let columns = ["iccid", "volume", "total_volume", "expiry_date"];
            read_each(ctx, &iccids, &columns, |c, i| async move {
                let api = c.v1().sims();
                let q = if sms {
                    api.sms_quota(&i).await
                } else {
                    api.data_quota(&i).await
                };
                q.map(|q| with_iccid(&i, &q))
            })
            .await
        }
        V1Cmd::Events { iccid, paging } => {
            let iccid = one_iccid(&iccid)?;
            let client = ctx.client().await?;
            let mut list = client.v1().sims().events(&iccid);
            if let Some(p) = paging.page {
                list = list.page(p);
            }
            match paging.page_size {
                Some(s) => list = list.page_size(s),
                None if paging.all => list = list.page_size(1000),
                None => {}
            }
            show_pages(
                ctx,
                list,
                &paging,
                &[
                    "timestamp",
                    "event_type",
                    "event_severity",
                    "country",
                    "operator",
                ],
                "events",
            )
            .await
        }
        V1Cmd::Sms(c) => sms(ctx, c).await,
        V1Cmd::Limits => {
            let limits = ctx.client().await?.v1().sims().limits().await?;
            printed(ctx, &to_value(&limits))
        }
        V1Cmd::ServiceLimits { service } => {
            let service = match service {
                LimitServiceArg::Data => LimitService::Data,
                LimitServiceArg::SmsMo => LimitService::SmsMo,
                LimitServiceArg::SmsMt => LimitService::SmsMt,
            };
            let options = ctx
                .client()
                .await?
                .v1()
                .sims()
                .selectable_limits(service)
                .await?;
            let items: Vec<Value> = options.iter().map(to_value).collect();
            ctx.out.list(&items, &["id", "limit", "unit"])?;
            Ok(exit::OK)
        }
        V1Cmd::SetLimits {
            data,
            sms_mt,
            sms_mo,
        } => {
            let mut limits = SetLimits::default();
            if let Some(d) = data {
                limits = limits.data(d);
            }
            if let Some(d) = sms_mt {
                limits = limits.sms_mt(d);
            }
            if let Some(d) = sms_mo {
                limits = limits.sms_mo(d);
            }
            limits.validate()?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("POST", "/v1/sims/limits").body(to_value(&limits))],
                );
            }
            confirm(ctx, "change the global limits of every SIM of the account")?;
            ctx.client().await?.v1().sims().set_limits(&limits).await?;
            eprintln!("global limits set");
            Ok(exit::OK)
        }
        V1Cmd::Set {
            iccids,
            status,
            label,
            imei_lock,
        } => {
            let check = |i: &Iccid| {
                let mut u = V1SimUpdate::new(i.clone(), status_of(status));
                if let Some(l) = &label {
                    u = u.label(l.clone());
                }
                if let Some(l) = imei_lock {
                    u = u.imei_lock(l);
                }
                u
            };
            // The rules of an update do not depend on the SIM: check one.
            if let Some(first) = iccids.iccids.first().and_then(|s| parse_iccid(s).ok()) {
                check(&first).validate()?;
            }
            let action = Action {
                ask: "change {n}",
                done: "changed",
                check: "`once v1 get {iccid}` shows whether the change was applied;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("PUT", format!("/v1/sims/{i}")).body(to_value(&check(i))),
                |c, i| {
                    let u = changes(
                        c.v1().sims().update(&i),
                        label.as_deref(),
                        Some(status_of(status)),
                        imei_lock,
                    );
                    async move { u.await.map(|()| Value::Null) }
                },
            )
            .await
        }
        V1Cmd::SetMany {
            iccids,
            status,
            label,
        } => {
            let b = batch::read(&iccids)?;
            let updates = updates(&b.iccids, status, label, None)?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("POST", "/v1/sims").body(to_value(&updates))],
                );
            }
            confirm(
                ctx,
                &format!("change {} in one request", sims_text(b.iccids.len())),
            )?;
            let api = ctx.client().await?.v1().sims();
            bulk(
                ctx,
                &b.iccids,
                api.update_many(&updates).into_future(),
                "changed",
                "`once v1 get ICCID` for a few of them shows whether the change was applied;",
            )
            .await
        }
        V1Cmd::Reset { iccids } => {
            let action = Action {
                ask: "reset the connectivity of {n}",
                done: "reset",
                check: "`once v1 events {iccid}` shows whether a reset happened;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v1/sims/{i}/reset")),
                |c, i| async move { c.v1().sims().reset(&i).await.map(|()| Value::Null) },
            )
            .await
        }
        V1Cmd::TopUp {
            iccids,
            payment_method,
        } => {
            let q = query(payment_method);
            let action = Action {
                ask: "top up {n} (costs money)",
                done: "topped up",
                check: "`once v1 quota {iccid}` and `once orders list` show whether the top-up was applied;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v1/sims/{i}/topup{q}")),
                |c, i| {
                    let mut t = c.v1().sims().top_up(&i);
                    if let Some(p) = payment_method {
                        t = t.payment_method(payment(p));
                    }
                    async move { t.send().await.map(|_| Value::Null) }
                },
            )
            .await
        }
        V1Cmd::TopUpMany {
            iccids,
            payment_method,
        } => {
            let b = batch::read(&iccids)?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[
                        Planned::new("POST", format!("/v1/sims/topup{}", query(payment_method)))
                            .body(to_value(&b.iccids)),
                    ],
                );
            }
            confirm(
                ctx,
                &format!(
                    "top up {} in one request (costs money)",
                    sims_text(b.iccids.len())
                ),
            )?;
            let api = ctx.client().await?.v1().sims();
            let mut t = api.top_up_many(&b.iccids);
            if let Some(p) = payment_method {
                t = t.payment_method(payment(p));
            }
            bulk(
                ctx,
                &b.iccids,
                async move { t.send().await.map(|_| ()) },
                "topped up",
                "`once orders list` and `once v1 quota ICCID` show whether the top-up was applied;",
            )
            .await
        }
        V1Cmd::AutoTopUp {
            iccids,
            enable,
            disable: _,
        } => {
            let b = batch::read(&iccids)?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("POST", "/v1/sims/autoTopup")
                        .body(json!({"enabled": enable, "iccids": b.iccids}))],
                );
            }
            let what = if enable {
                format!(
                    "turn on automatic top-up for {} (later top-ups cost money)",
                    sims_text(b.iccids.len())
                )
            } else {
                format!(
                    "turn off automatic top-up for {}",
                    sims_text(b.iccids.len())
                )
            };
            confirm(ctx, &what)?;
            let api = ctx.client().await?.v1().sims();
            bulk(
                ctx,
                &b.iccids,
                api.auto_top_up(&b.iccids, enable).into_future(),
                if enable {
                    "auto top-up on"
                } else {
                    "auto top-up off"
                },
                "run the same command again (it is safe to repeat)",
            )
            .await
        }
        V1Cmd::Extend {
            iccids,
            product_id,
            payment_method,
        } => {
            let b = batch::read(&iccids)?;
            let mut ext = Extension::new(b.iccids.clone());
            if let Some(p) = product_id {
                ext = ext.product_id(p);
            }
            ext.validate()?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new(
                        "POST",
                        format!("/v1/sims/extension{}", query(payment_method)),
                    )
                    .body(to_value(&ext))],
                );
            }
            confirm(
                ctx,
                &format!("extend {} (costs money)", sims_text(b.iccids.len())),
            )?;
            let api = ctx.client().await?.v1().sims();
            let mut call = api.extend(ext);
            if let Some(p) = payment_method {
                call = call.payment_method(payment(p));
            }
            bulk(
                ctx,
                &b.iccids,
                call.send(),
                "extended",
                "`once orders list` and `once v1 quota ICCID` show whether the extension was applied;",
            )
            .await
        }
        V1Cmd::Transfer {
            iccids,
            ranges,
            target_organisation,
        } => {
            let mut transfer = Transfer::new();
            if let Some(t) = target_organisation {
                transfer = transfer.target_organisation(t);
            }
            let mut listed = Vec::new();
            if !iccids.iccids.is_empty() || iccids.file.is_some() {
                let b = batch::read(&iccids)?;
                for i in b.iccids {
                    listed.push(i.clone());
                    transfer = transfer.iccid(i);
                }
            }
            for r in &ranges {
                let (from, to) = r.split_once('-').ok_or_else(|| {
                    CliError::usage(format!("--range must be FROM-TO (two ICCIDs): got {r:?}"))
                })?;
                let from = parse_iccid(from).map_err(CliError::usage)?;
                let to = parse_iccid(to).map_err(CliError::usage)?;
                transfer = transfer.range(from, to);
            }
            transfer.validate()?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("POST", "/v1/sims/simTransfer").body(to_value(&transfer))],
                );
            }
            confirm(
                ctx,
                &format!(
                    "transfer {}{} to organisation {}",
                    sims_text(listed.len()),
                    if ranges.is_empty() {
                        String::new()
                    } else {
                        format!(" and {} range(s)", ranges.len())
                    },
                    target_organisation.map_or("(default)".into(), |t| t.to_string())
                ),
            )?;
            let api = ctx.client().await?.v1().sims();
            bulk(
                ctx,
                &listed,
                api.transfer(&transfer).into_future(),
                "transferred",
                "`once v1 get ICCID` (a SIM no longer found was transferred)",
            )
            .await
        }
    }
}

fn updates(
    iccids: &[Iccid],
    status: crate::cli::StatusArg,
    label: Option<String>,
    imei_lock: Option<bool>,
) -> Result<Vec<V1SimUpdate>, CliError> {
    let mut out = Vec::new();
    for i in iccids {
        let mut u = V1SimUpdate::new(i.clone(), status_of(status));
        if let Some(l) = &label {
            u = u.label(l.clone());
        }
        if let Some(l) = imei_lock {
            u = u.imei_lock(l);
        }
        u.validate()?;
        out.push(u);
    }
    Ok(out)
}

async fn sms(ctx: &Ctx, cmd: V1SmsCmd) -> Result<i32, CliError> {
    match cmd {
        V1SmsCmd::List { iccid, paging } => {
            let iccid = one_iccid(&iccid)?;
            let client = ctx.client().await?;
            let list = paged(client.v1().sims().list_sms(&iccid), &paging, 100);
            show_pages(
                ctx,
                list,
                &paging,
                &["id", "submit_date", "status.description", "payload"],
                "SMS",
            )
            .await
        }
        V1SmsCmd::Get { iccid, id } => {
            let iccid = one_iccid(&iccid)?;
            let sms = ctx.client().await?.v1().sims().get_sms(&iccid, id).await?;
            printed(ctx, &to_value(&sms))
        }
        V1SmsCmd::Delete { iccid, id } => {
            let iccid = one_iccid(&iccid)?;
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("DELETE", format!("/v1/sims/{iccid}/sms/{id}"))],
                );
            }
            ctx.client()
                .await?
                .v1()
                .sims()
                .delete_sms(&iccid, id)
                .await?;
            eprintln!("deleted SMS {id} of {iccid}");
            Ok(exit::OK)
        }
        V1SmsCmd::Send { iccids, text } => {
            let sms = Sms::text(text);
            sms.validate()?;
            let action = Action {
                ask: "send an SMS to {n} (costs money)",
                done: "sent",
                check: "`once v1 sms list {iccid}` shows whether the SMS went out;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v1/sims/{i}/sms")).body(to_value(&sms)),
                |c, i| {
                    let sms = sms.clone();
                    async move {
                        c.v1().sims().send_sms(&i, &sms).await.map(|id| match id {
                            Some(id) => json!(format!("sent (id {id})")),
                            None => Value::Null,
                        })
                    }
                },
            )
            .await
        }
    }
}
