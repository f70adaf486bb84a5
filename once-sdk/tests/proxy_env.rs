//! Proxies from the environment: `HTTP_PROXY` is used, `NO_PROXY` exempts
//! hosts. Alone in its own test binary because it sets process-wide
//! environment variables.

mod common;

use common::*;
use once_sdk::{Client, Credentials, RateLimits};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn proxy_environment_variables_are_honoured() {
    let proxy = MockServer::start().await;
    mount_token(&proxy, TOKEN, 3600).await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 7})))
        .mount(&proxy)
        .await;
    let direct = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 8})))
        .mount(&direct)
        .await;
    let iccid = "8988280666000000000".parse().unwrap();
    let build = |base: &str| {
        Client::builder()
            .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
            .base_url(base)
            .rate_limits(RateLimits::unlimited())
            .build()
            .unwrap()
    };

    // SAFETY of the test: this binary has a single test, so nothing else
    // reads the environment concurrently.
    std::env::set_var("HTTP_PROXY", proxy.uri());
    std::env::set_var("NO_PROXY", "localhost");
    // 127.0.0.1:9 is closed; only the proxy can answer.
    let via_proxy = build("http://127.0.0.1:9")
        .sims()
        .data_quota(&iccid)
        .await
        .unwrap();
    assert_eq!(via_proxy.volume, Some(7.0));

    std::env::set_var("NO_PROXY", "127.0.0.1");
    let exempt = build(&direct.uri())
        .sims()
        .data_quota(&iccid)
        .await
        .unwrap();
    assert_eq!(exempt.volume, Some(8.0));

    let no_proxy = Client::builder()
        .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(direct.uri())
        .no_proxy()
        .build()
        .unwrap();
    std::env::set_var("NO_PROXY", "");
    assert_eq!(
        no_proxy.sims().data_quota(&iccid).await.unwrap().volume,
        Some(8.0)
    );
    std::env::remove_var("HTTP_PROXY");
    std::env::remove_var("NO_PROXY");
}
