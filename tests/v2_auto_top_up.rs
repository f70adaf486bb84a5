//! `POST /v2/sims/autoTopup`: listed in 1NCE's v2 docs without a body; the
//! SDK sends v1's `{"enabled": bool, "iccids": [...]}`.

use once_sandbox::Sandbox;
use once_sdk::{Error, Iccid};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_sandbox_switches_auto_top_up_on_through_v2() {
    let sandbox = Sandbox::builder()
        .sims(3)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    let iccids = sandbox.iccids();
    client.sims().auto_top_up(&iccids[..2], true).await.unwrap();
    let req = sandbox
        .requests()
        .into_iter()
        .find(|r| r.path == "/v2/sims/autoTopup")
        .expect("the call reached the sandbox");
    assert_eq!(req.method, "POST");
    assert_eq!(req.status, Some(201));
    let body: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"enabled": true, "iccids": [iccids[0].as_str(), iccids[1].as_str()]})
    );
    assert_eq!(sandbox.stats().requests_to("POST", "/v2/sims/autoTopup"), 1);
    // The setting works: an exhausted quota is topped up by itself.
    sandbox.consume_data(&iccids[0], 1.0e6).unwrap();
    assert_eq!(sandbox.stats().auto_top_ups, 1);
    sandbox.consume_data(&iccids[2], 1.0e6).unwrap();
    assert_eq!(
        sandbox.stats().auto_top_ups,
        1,
        "the third SIM was not switched on"
    );
}

#[tokio::test]
async fn bad_input_fails_before_any_request() {
    let sandbox = Sandbox::builder()
        .sims(1)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    let client = sandbox.client().unwrap();
    let iccid = sandbox.iccids()[0].clone();
    let cases: Vec<Vec<Iccid>> = vec![
        vec![],
        vec![iccid.clone(), iccid.clone()],
        vec![Iccid::new_unchecked("12ab")],
    ];
    for iccids in cases {
        match client.sims().auto_top_up(&iccids, false).await {
            Err(Error::InvalidInput(e)) => assert_eq!(e.field, "iccids", "{e}"),
            other => panic!("{iccids:?}: {other:?}"),
        }
    }
    assert_eq!(sandbox.stats().requests, 0);
}

#[tokio::test]
async fn created_with_an_empty_body_is_success_and_5xx_is_retried() {
    let server = MockServer::start().await;
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let want = serde_json::json!({"enabled": false, "iccids": ["8988280666000000000"]});
    Mock::given(method("POST"))
        .and(path("/v2/sims/autoTopup"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/autoTopup"))
        .and(body_json(&want))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"access_token": "t", "token_type": "bearer", "expires_in": 3600}),
        ))
        .mount(&server)
        .await;
    let client = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new("id", "secret"))
        .base_url(server.uri())
        .no_proxy()
        .retry_policy(
            once_sdk::RetryPolicy::default().initial_delay(std::time::Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    client.sims().auto_top_up(&[iccid], false).await.unwrap();
    let calls = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/v2/sims/autoTopup")
        .count();
    assert_eq!(calls, 2);
}
