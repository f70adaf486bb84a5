//! `once sms ...` (SMS of SIMs, API v2).

use once_sdk::{Sms, SourceAddressType};
use serde_json::{json, Value};

use super::sims::{paged, printed};
use super::{act_each, show_pages, Action};
use crate::batch::one_iccid;
use crate::cli::SmsCmd;
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::to_value;
use crate::safety::{print_plan, Planned};

/// Table columns of SMS lists.
pub const SMS_COLUMNS: &[&str] = &[
    "id",
    "submit_date",
    "status.description",
    "sms_type.description",
    "source_address",
    "payload",
];

/// Runs `once sms ...`.
pub async fn run(ctx: &Ctx, cmd: SmsCmd) -> Result<i32, CliError> {
    match cmd {
        SmsCmd::List { iccid, paging } => {
            let iccid = one_iccid(&iccid)?;
            let client = ctx.client().await?;
            let list = paged(client.sms().list(&iccid), &paging, 1000);
            show_pages(ctx, list, &paging, SMS_COLUMNS, "SMS").await
        }
        SmsCmd::Get { iccid, id } => {
            let iccid = one_iccid(&iccid)?;
            let sms = ctx.client().await?.sms().get(&iccid, id).await?;
            printed(ctx, &to_value(&sms))
        }
        SmsCmd::Cancel { iccid, id } => {
            let iccid = one_iccid(&iccid)?;
            if id == 0 {
                return Err(CliError::usage("SMS id must be a positive number: got 0"));
            }
            if ctx.dry_run {
                return print_plan(
                    ctx,
                    &[Planned::new("DELETE", format!("/v2/sims/{iccid}/sms/{id}"))],
                );
            }
            ctx.client().await?.sms().delete(&iccid, id).await?;
            eprintln!("cancelled SMS {id} of {iccid}");
            Ok(exit::OK)
        }
        SmsCmd::Send {
            iccids,
            text,
            hex,
            udh,
            source_address,
        } => {
            let mut sms = match (text, hex) {
                (Some(t), _) => Sms::text(t),
                (None, Some(h)) => Sms::binary(h),
                (None, None) => return Err(CliError::usage("give --text or --hex")),
            };
            if let Some(u) = udh {
                sms = sms.udh(u);
            }
            if let Some(a) = source_address {
                sms = sms.source_address(a, SourceAddressType::INTERNATIONAL);
            }
            sms.validate()?;
            let action = Action {
                ask: "send an SMS to {n} (costs money)",
                done: "sent",
                check: "`once sms list {iccid}` shows whether the SMS went out;",
            };
            act_each(
                ctx,
                &iccids,
                action,
                |i| Planned::new("POST", format!("/v2/sims/{i}/sms")).body(to_value(&sms)),
                |c, i| {
                    let sms = sms.clone();
                    async move {
                        c.sms().send(&i, sms).await.map(|id| match id {
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
