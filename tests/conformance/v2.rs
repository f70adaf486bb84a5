//! Rows of the conformance table: SIM management v2 (`sim-management-v2.yml`,
//! 13 operations; the spec's pseudo path `/prod/token: {}` has none).

use futures::FutureExt;
use once_sdk::{Event, Iccid, Quota, Sim, SimConnectivity, SimUpdate, Sms, SmsReceipt, SmsRecord};
use serde_json::Value;

use crate::{Op, ICCID};

const SPEC: &str = "sim-management-v2.yml";

fn iccid() -> Iccid {
    ICCID.parse().expect("ICCID constant is valid")
}

fn decodes<T: serde::de::DeserializeOwned + serde::Serialize>(
    v: Value,
) -> Result<(), serde_json::Error> {
    crate::decode::<T>(v)
}

fn roundtrips<T: serde::de::DeserializeOwned + serde::Serialize>(
    v: Value,
) -> Result<Value, serde_json::Error> {
    crate::roundtrip::<T>(v)
}

/// The rows of this spec area.
pub fn ops() -> Vec<Op> {
    vec![
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims",
            rust: "client.sims().list()",
            call: |c| async move { c.sims().list().send().await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Vec<Sim>>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}",
            rust: "client.sims().get(&iccid)",
            call: |c| async move { c.sims().get(&iccid()).await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Sim>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "PUT",
            path: "/v2/sims/{iccid}",
            rust: "client.sims().update(&iccid)",
            call: |c| {
                async move { c.sims().update(&iccid()).label("DX-137-B12").send().await }.boxed()
            },
            decode_response: None,
            roundtrip_request: Some(roundtrips::<SimUpdate>),
        },
        Op {
            spec: SPEC,
            method: "POST",
            path: "/v2/sims/{iccid}/reset",
            rust: "client.sims().reset(&iccid)",
            call: |c| async move { c.sims().reset(&iccid()).await }.boxed(),
            decode_response: None,
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/quota/data",
            rust: "client.sims().data_quota(&iccid)",
            call: |c| async move { c.sims().data_quota(&iccid()).await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Quota>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/quota/sms",
            rust: "client.sims().sms_quota(&iccid)",
            call: |c| async move { c.sims().sms_quota(&iccid()).await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Quota>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/status",
            rust: "client.sims().status(&iccid)",
            call: |c| async move { c.sims().status(&iccid()).await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<SimConnectivity>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "POST",
            path: "/v2/sims/{iccid}/sms",
            rust: "client.sms().send(&iccid, sms)",
            call: |c| {
                async move {
                    c.sms()
                        .send(&iccid(), Sms::text("This is an SMS message."))
                        .await
                        .map(|_| ())
                }
                .boxed()
            },
            decode_response: Some(decodes::<SmsReceipt>),
            roundtrip_request: Some(roundtrips::<Sms>),
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/sms",
            rust: "client.sms().list(&iccid)",
            call: |c| async move { c.sms().list(&iccid()).send().await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Vec<SmsRecord>>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/sms/{id}",
            rust: "client.sms().get(&iccid, id)",
            call: |c| async move { c.sms().get(&iccid(), 123).await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<SmsRecord>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "DELETE",
            path: "/v2/sims/{iccid}/sms/{id}",
            rust: "client.sms().delete(&iccid, id)",
            call: |c| async move { c.sms().delete(&iccid(), 123).await }.boxed(),
            decode_response: Some(decodes::<SmsReceipt>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "GET",
            path: "/v2/sims/{iccid}/events",
            rust: "client.sims().events(&iccid)",
            call: |c| async move { c.sims().events(&iccid()).send().await.map(|_| ()) }.boxed(),
            decode_response: Some(decodes::<Vec<Event>>),
            roundtrip_request: None,
        },
        Op {
            spec: SPEC,
            method: "POST",
            path: "/v2/sims/{iccid}/topup",
            rust: "client.sims().top_up(&iccid)",
            call: |c| async move { c.sims().top_up(&iccid()).send().await.map(|_| ()) }.boxed(),
            decode_response: None,
            roundtrip_request: None,
        },
    ]
}
