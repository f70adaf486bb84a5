//! The client's guarantees that are not about one operation: secrets never
//! shown, input rejected before any traffic, decode errors, transport safety,
//! rate limiting.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use once_sdk::ratelimit::{LocalRateLimiter, RateLimiter};
use once_sdk::{Client, Credentials, EndpointGroup, Error, Iccid, Imei, RateLimit, RateLimits};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

#[test]
fn client_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Client>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
}

#[tokio::test]
async fn invalid_input_is_rejected_before_any_request() {
    let server = MockServer::start().await;
    let client = client(&server);
    for size in [0, 101] {
        let err = client
            .sims()
            .list()
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        let v = err.validation().expect("a validation error");
        assert_eq!(v.field, "pageSize");
        assert!(v.rule.contains("between 1 and 100"), "{}", v.rule);
        assert!(err.to_string().contains("pageSize"), "{err}");
    }
    let err = client.sims().list().page(0).send().await.unwrap_err();
    assert_eq!(err.validation().unwrap().field, "page");
    use futures::StreamExt;
    let first = client
        .sims()
        .list()
        .page_size(500)
        .stream()
        .next()
        .await
        .unwrap();
    assert!(matches!(first, Err(Error::InvalidInput(_))));
    let err = client.sims().update(&iccid()).send().await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
    let err = client
        .sims()
        .update(&iccid())
        .label("x".repeat(256))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.validation().unwrap().field, "label");

    let e = "898828066600000000A".parse::<Iccid>().unwrap_err();
    assert_eq!(
        (e.field, e.to_string().contains("digits only")),
        ("iccid", true)
    );
    let e = "490154203237519".parse::<Imei>().unwrap_err();
    assert_eq!(e.field, "imei");
    assert!(e.rule.contains("Luhn"));

    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent, not even a token request"
    );
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_a_snippet() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"iccid": "8988280666000000000", "status": "#),
        )
        .mount(&server)
        .await;
    let err = client(&server).sims().get(&iccid()).await.unwrap_err();
    match &err {
        Error::Decode {
            status,
            snippet,
            what,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(what, "sims.get");
            assert!(
                snippet.starts_with(r#"{"iccid": "8988280666000000000""#),
                "{snippet}"
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(
        err.to_string().contains("could not decode sims.get"),
        "{err}"
    );
}

#[tokio::test]
async fn empty_and_html_bodies() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html><h1>Not Found</h1></html>"))
        .mount(&server)
        .await;
    let client = client(&server);
    let page = client.sims().list().send().await.unwrap();
    assert!(
        page.is_empty() && !page.has_next(),
        "an empty 200 is an empty page"
    );
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.body(), Some("<html><h1>Not Found</h1></html>"));
}

#[test]
fn https_is_required_except_for_loopback() {
    let build = |url: &str| {
        Client::builder()
            .credentials(Credentials::new("id", "secret"))
            .base_url(url)
            .build()
    };
    let err = build("http://api.1nce.com/management-api").unwrap_err();
    assert!(err.to_string().contains("plain http"), "{err}");
    assert!(build("https://api.1nce.com/management-api").is_ok());
    assert!(build("http://127.0.0.1:8080").is_ok());
    assert!(build("http://localhost:8080").is_ok());
    assert!(build("http://[::1]:8080").is_ok());
    assert!(build("ftp://example.com").is_err());
    assert!(build("not a url").is_err());
    let ok = Client::builder()
        .credentials(Credentials::new("id", "secret"))
        .base_url("http://10.0.0.1")
        .danger_allow_insecure_http()
        .build();
    assert!(ok.is_ok());
    let err = Client::builder().build().unwrap_err();
    assert!(err.to_string().contains("credentials"), "{err}");
}

#[tokio::test]
async fn redirects_are_not_followed_so_the_token_stays_home() {
    let elsewhere = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&elsewhere)
        .await;
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/steal", elsewhere.uri())),
        )
        .mount(&server)
        .await;
    let err = client(&server).sims().get(&iccid()).await.unwrap_err();
    assert_eq!(err.status(), Some(302));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_explicit_proxy_carries_the_requests() {
    let proxy = MockServer::start().await;
    mount_token(&proxy, TOKEN, 3600).await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 3})))
        .mount(&proxy)
        .await;
    // The base URL's port is closed: only the proxy can answer.
    let client = Client::builder()
        .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url("http://127.0.0.1:9")
        .proxy(proxy.uri())
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let quota = client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(quota.volume, Some(3.0));
    let reqs = proxy.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        reqs[1].url.as_str(),
        "http://127.0.0.1:9/v2/sims/8988280666000000000/quota/data"
    );
}

#[tokio::test(start_paused = true)]
async fn the_rate_limiter_paces_calls_at_the_limit() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 1})))
        .mount(&server)
        .await;
    let client = builder(&server)
        .rate_limits(
            RateLimits::unlimited().with(EndpointGroup::Sims, Some(RateLimit::per_second(10))),
        )
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    client.access_token().await.unwrap();
    let start = tokio::time::Instant::now();
    let calls = (0..30).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.sims().data_quota(&iccid()).await })
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
    // 10 at once, 10 after 1 s, 10 after 2 s.
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(api_requests(&server).await.len(), 30);
}

#[tokio::test]
async fn user_agent_carries_the_application_name() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = builder(&server)
        .user_agent("fleet-manager/2.1")
        .build()
        .unwrap();
    client.sims().data_quota(&iccid()).await.unwrap();
    let reqs = api_requests(&server).await;
    let ua = reqs[0].headers.get("user-agent").unwrap().to_str().unwrap();
    assert_eq!(ua, format!("fleet-manager/2.1 {}", once_sdk::USER_AGENT));
}

#[tokio::test]
async fn the_overall_deadline_bounds_retries() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(400)))
        .mount(&server)
        .await;
    let client = builder(&server)
        .retry_policy(
            once_sdk::RetryPolicy::default()
                .max_retries(10)
                .initial_delay(Duration::from_millis(1)),
        )
        .attempt_timeout(Duration::from_millis(100))
        .operation_timeout(Duration::from_millis(250))
        .build()
        .unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.to_string().contains("overall deadline"), "{err}");
    let attempts = api_requests(&server).await.len();
    assert!(
        (1..=3).contains(&attempts),
        "the deadline cut the retries short: {attempts}"
    );
}

#[tokio::test]
async fn a_money_call_cut_by_its_deadline_before_sending_is_a_plain_timeout() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/topup"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    // One /sims call per hour, and this hour's is taken: the top-up waits
    // for its slot far past its deadline, however fast or slow the machine.
    let limiter = Arc::new(LocalRateLimiter::new(RateLimits::unlimited().with(
        EndpointGroup::Sims,
        Some(RateLimit::new(1, Duration::from_secs(3600))),
    )));
    limiter.acquire(EndpointGroup::Sims).await;
    let client = builder(&server)
        .rate_limiter(limiter)
        .operation_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    // The token is fetched ahead: the deadline has only the wait to cut.
    client.access_token().await.unwrap();
    let err = client.sims().top_up(&iccid()).await.unwrap_err();
    // Never sent, so its outcome is known: not applied.
    assert!(err.is_timeout(), "{err:?}");
    assert!(!err.is_outcome_unknown(), "{err:?}");
    assert!(err.to_string().contains("overall deadline"), "{err}");
    assert_eq!(api_requests(&server).await.len(), 0);
}

#[tokio::test]
async fn a_money_call_cut_by_its_deadline_while_in_flight_has_an_unknown_outcome() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/topup"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = builder(&server)
        .attempt_timeout(Duration::from_secs(30))
        .operation_timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    // The token is fetched ahead: the deadline has only the top-up, which
    // the server holds for 5 s.
    client.access_token().await.unwrap();
    let err = client.sims().top_up(&iccid()).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(err.to_string().contains("overall deadline"), "{err}");
    assert_eq!(api_requests(&server).await.len(), 1);
}
