//! No token storms, whatever `expires_in` says: a cold-cache burst makes
//! one token request, and a usable token is not re-requested call after call.

mod common;

use common::*;
use futures::future::join_all;
use once_sdk::Iccid;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

/// A server whose token endpoint answers `expires_in` (left out for `None`).
async fn server_with_lifetime(expires_in: Option<Value>) -> MockServer {
    let server = MockServer::start().await;
    let mut body = json!({"access_token": TOKEN, "token_type": "bearer"});
    if let Some(e) = expires_in {
        body["expires_in"] = e;
    }
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 1.0})))
        .mount(&server)
        .await;
    server
}

fn lifetimes() -> Vec<Option<Value>> {
    vec![
        Some(json!(0)),
        Some(json!(-5)),
        Some(json!("0")),
        Some(json!(" -1 ")),
        None,
        Some(Value::Null),
        // Shorter than the default refresh margin of 300 s.
        Some(json!(60)),
        Some(json!("60")),
        Some(json!(1)),
        // Past what a clock holds: must not panic or storm either.
        Some(json!(i64::MAX)),
    ]
}

#[tokio::test]
async fn twenty_concurrent_calls_on_a_cold_cache_make_one_token_request() {
    for expires_in in lifetimes() {
        let server = server_with_lifetime(expires_in.clone()).await;
        let client = client(&server);
        let calls = (0..20).map(|_| {
            let client = client.clone();
            async move { client.sims().data_quota(&iccid()).await }
        });
        for r in join_all(calls).await {
            r.unwrap();
        }
        assert_eq!(
            token_requests(&server).await,
            1,
            "expires_in {expires_in:?}"
        );
        assert_eq!(api_requests(&server).await.len(), 20);
    }
}

#[tokio::test]
async fn twenty_sequential_calls_reuse_the_usable_token() {
    for expires_in in lifetimes() {
        let server = server_with_lifetime(expires_in.clone()).await;
        let client = client(&server);
        for _ in 0..20 {
            client.sims().data_quota(&iccid()).await.unwrap();
        }
        // A background refresh, had one started, is a task of this runtime:
        // once the client is gone and no task is left, it has run.
        drop(client);
        let runtime = tokio::runtime::Handle::current().metrics();
        let mut idle = false;
        for _ in 0..1000 {
            if runtime.num_alive_tasks() == 0 {
                idle = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(
            idle,
            "{} tasks still run after the client was dropped",
            runtime.num_alive_tasks()
        );
        assert_eq!(
            token_requests(&server).await,
            1,
            "expires_in {expires_in:?}"
        );
        let reqs = api_requests(&server).await;
        assert_eq!(reqs.len(), 20);
        assert!(reqs
            .iter()
            .all(|r| r.headers.get("authorization").unwrap().to_str().unwrap() == bearer()));
    }
}
