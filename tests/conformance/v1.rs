//! Rows of the conformance table for SIM management v1
//! (`sim-management.yml`, 23 operations), under `client.v1().sims()` and
//! `client.v1().sms()`. The v1 calls that v2 also has are deprecated (1NCE
//! retires v1 on 2026-12-31); these rows test exactly those calls.
#![allow(deprecated)]

use chrono::{Days, Utc};
use futures::future::BoxFuture;
use once_sdk::types::v1::{
    Connectivity, ConnectivityInfo, EventCollection, Extension, LimitOptions, LimitService, Limits,
    PaymentMethod, Quota, SetLimits, Sim, SimUpdate, SmsRecord, Transfer, Usage,
};
use once_sdk::{Client, Error, Iccid, SimStatus, Sms};
use serde_json::Value;

use crate::{Op, ICCID};

const SPEC: &str = "sim-management.yml";

fn iccid() -> Iccid {
    Iccid::new_unchecked(ICCID)
}

type Call = fn(Client) -> BoxFuture<'static, Result<(), Error>>;
type Decode = fn(Value) -> Result<(), serde_json::Error>;
type Roundtrip = fn(Value) -> Result<Value, serde_json::Error>;

fn op(
    method: &'static str,
    path: &'static str,
    rust: &'static str,
    call: Call,
    decode_response: Option<Decode>,
    roundtrip_request: Option<Roundtrip>,
) -> Op {
    Op {
        spec: SPEC,
        method,
        path,
        rust,
        call,
        decode_response,
        roundtrip_request,
    }
}

/// The rows of this spec area.
pub fn ops() -> Vec<Op> {
    vec![
        op(
            "GET",
            "/v1/sims",
            "client.v1().sims().list()",
            |c| Box::pin(async move { c.v1().sims().list().send().await.map(drop) }),
            Some(crate::decode::<Vec<Sim>>),
            None,
        ),
        op(
            "POST",
            "/v1/sims",
            "client.v1().sims().update_many(&updates)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .update_many(
                            &[SimUpdate::new(iccid(), SimStatus::Enabled).label("pump-17")],
                        )
                        .await
                })
            },
            None,
            Some(crate::roundtrip::<Vec<SimUpdate>>),
        ),
        op(
            "GET",
            "/v1/sims/{iccid}",
            "client.v1().sims().get(&iccid)",
            |c| Box::pin(async move { c.v1().sims().get(&iccid()).await.map(drop) }),
            Some(crate::decode::<Sim>),
            None,
        ),
        op(
            "PUT",
            "/v1/sims/{iccid}",
            "client.v1().sims().update(&iccid)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .update(&iccid())
                        .status(SimStatus::Disabled)
                        .imei_lock(true)
                        .await
                })
            },
            None,
            Some(crate::roundtrip::<SimUpdate>),
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/status",
            "client.v1().sims().status(&iccid)",
            |c| Box::pin(async move { c.v1().sims().status(&iccid()).await.map(drop) }),
            Some(crate::decode::<Connectivity>),
            None,
        ),
        op(
            "POST",
            "/v1/sims/simTransfer",
            "client.v1().sims().transfer(&transfer)",
            |c| {
                Box::pin(async move {
                    let t = Transfer::new()
                        .target_organisation(2_000_000_001)
                        .iccid(iccid());
                    c.v1().sims().transfer(&t).await
                })
            },
            None,
            Some(crate::roundtrip::<Transfer>),
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/connectivity_info",
            "client.v1().sims().connectivity_info(&iccid).subscriber(true).ussd(false)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .connectivity_info(&iccid())
                        .subscriber(true)
                        .ussd(false)
                        .await
                        .map(drop)
                })
            },
            Some(crate::decode::<ConnectivityInfo>),
            None,
        ),
        op(
            "POST",
            "/v1/sims/{iccid}/reset",
            "client.v1().sims().reset(&iccid)",
            |c| Box::pin(async move { c.v1().sims().reset(&iccid()).await }),
            None,
            None,
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/events",
            "client.v1().sims().events(&iccid)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .events(&iccid())
                        .sort("-timestamp,id")
                        .send()
                        .await
                        .map(drop)
                })
            },
            Some(crate::decode::<EventCollection>),
            None,
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/usage",
            "client.v1().sims().usage(&iccid).between(start, end)",
            |c| {
                Box::pin(async move {
                    let today = Utc::now().date_naive();
                    c.v1()
                        .sims()
                        .usage(&iccid())
                        .between(today - Days::new(7), today)
                        .await
                        .map(drop)
                })
            },
            Some(crate::decode::<Usage>),
            None,
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/quota/data",
            "client.v1().sims().data_quota(&iccid)",
            |c| Box::pin(async move { c.v1().sims().data_quota(&iccid()).await.map(drop) }),
            Some(crate::decode::<Quota>),
            None,
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/quota/sms",
            "client.v1().sims().sms_quota(&iccid)",
            |c| Box::pin(async move { c.v1().sims().sms_quota(&iccid()).await.map(drop) }),
            Some(crate::decode::<Quota>),
            None,
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/sms",
            "client.v1().sms().list(&iccid)",
            |c| Box::pin(async move { c.v1().sms().list(&iccid()).send().await.map(drop) }),
            Some(crate::decode::<Vec<SmsRecord>>),
            None,
        ),
        op(
            "POST",
            "/v1/sims/{iccid}/sms",
            "client.v1().sms().send(&iccid, sms)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sms()
                        .send(&iccid(), Sms::text("This is a SMS message."))
                        .await
                        .map(drop)
                })
            },
            None,
            Some(crate::roundtrip::<Sms>),
        ),
        op(
            "GET",
            "/v1/sims/{iccid}/sms/{id}",
            "client.v1().sms().get(&iccid, id)",
            |c| Box::pin(async move { c.v1().sms().get(&iccid(), 123).await.map(drop) }),
            Some(crate::decode::<SmsRecord>),
            None,
        ),
        op(
            "DELETE",
            "/v1/sims/{iccid}/sms/{id}",
            "client.v1().sms().delete(&iccid, id)",
            |c| Box::pin(async move { c.v1().sms().delete(&iccid(), 123).await }),
            None,
            None,
        ),
        op(
            "POST",
            "/v1/sims/{iccid}/topup",
            "client.v1().sims().top_up(&iccid).payment_method(..)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .top_up(&iccid())
                        .payment_method(PaymentMethod::BankTransfer)
                        .await
                        .map(drop)
                })
            },
            None,
            None,
        ),
        op(
            "POST",
            "/v1/sims/topup",
            "client.v1().sims().top_up_many(&iccids).payment_method(..)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .top_up_many(&[iccid()])
                        .payment_method(PaymentMethod::BankTransfer)
                        .await
                        .map(drop)
                })
            },
            None,
            Some(crate::roundtrip::<Vec<Iccid>>),
        ),
        op(
            "POST",
            "/v1/sims/autoTopup",
            "client.v1().sims().auto_top_up(&iccids, enabled)",
            |c| Box::pin(async move { c.v1().sims().auto_top_up(&[iccid()], true).await }),
            None,
            Some(crate::roundtrip::<once_sdk::types::v1::AutoTopUp>),
        ),
        op(
            "GET",
            "/v1/sims/limits",
            "client.v1().sims().limits()",
            |c| Box::pin(async move { c.v1().sims().limits().await.map(drop) }),
            Some(crate::decode::<Limits>),
            None,
        ),
        op(
            "POST",
            "/v1/sims/limits",
            "client.v1().sims().set_limits(&limits)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .set_limits(&SetLimits::default().data(1).sms_mt(1).sms_mo(1))
                        .await
                })
            },
            None,
            Some(crate::roundtrip::<SetLimits>),
        ),
        op(
            "GET",
            "/v1/sims/{service}/limits",
            "client.v1().sims().selectable_limits(service)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .selectable_limits(LimitService::Data)
                        .await
                        .map(drop)
                })
            },
            Some(crate::decode::<LimitOptions>),
            None,
        ),
        op(
            "POST",
            "/v1/sims/extension",
            "client.v1().sims().extend(extension).payment_method(..)",
            |c| {
                Box::pin(async move {
                    c.v1()
                        .sims()
                        .extend(Extension::new(vec![iccid()]))
                        .payment_method(PaymentMethod::BankTransfer)
                        .await
                })
            },
            None,
            Some(crate::roundtrip::<Extension>),
        ),
    ]
}
