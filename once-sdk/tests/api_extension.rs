//! Extension points against wiremock: a user-supplied `reqwest::Client`,
//! clients derived with other options that share the token cache and the
//! rate limiter, per-call options, response metadata, and the one shape
//! of every call (await, `send`, lists, old v1 names as aliases).

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use futures::TryStreamExt;
use once_sdk::{
    CallOptions, EndpointGroup, Error, Iccid, RateLimit, RateLimiter, RateLimits, RetryPolicy,
    SmsId,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ICCID: &str = "8988280666000000000";

fn iccid() -> Iccid {
    ICCID.parse().unwrap()
}

fn quota_json() -> serde_json::Value {
    json!({"volume": 42.5, "total_volume": 500, "expiry_date": "2031-11-26T00:00:00.000Z"})
}

async fn mount_quota(server: &MockServer, status: u16) {
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .respond_with(ResponseTemplate::new(status).set_body_json(quota_json()))
        .mount(server)
        .await;
}

async fn quota_requests(server: &MockServer) -> usize {
    api_requests(server)
        .await
        .iter()
        .filter(|r| r.url.path().ends_with("/quota/data"))
        .count()
}

// 1. Bring your own HTTP client.

#[tokio::test]
async fn a_user_supplied_reqwest_client_carries_every_request() {
    let server = MockServer::start().await;
    // Only requests with the user's default header get a token or a quota.
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("x-corporate-proxy", "passed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .and(header("x-corporate-proxy", "passed"))
        .and(header("authorization", bearer().as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(quota_json()))
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-corporate-proxy", "passed".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .user_agent("corporate-client/1.0")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The SDK's user agent (with the application's name) is kept on the
    // user's client: it is set on each request.
    let client = builder(&server)
        .http_client(http)
        .user_agent("fleet-manager/2.1")
        .build()
        .unwrap();
    let quota = client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(quota.volume, Some(42.5));
    let all = server.received_requests().await.unwrap();
    assert_eq!(all.len(), 2);
    let want = format!("fleet-manager/2.1 {}", once_sdk::USER_AGENT);
    for r in &all {
        assert_eq!(r.headers.get("user-agent").unwrap(), want.as_str());
    }
    assert_eq!(client.settings().user_agent, want);
    assert!(!client.settings().own_http_client);
}

#[tokio::test]
async fn https_only_off_loopback_holds_with_a_user_supplied_client() {
    let err = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new("id", "secret"))
        .base_url("http://api.example.com/management-api")
        .http_client(reqwest::Client::new())
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("plain http"), "{err}");
    // Settings of the SDK's own client are refused, not silently ignored.
    for (b, name) in [
        (
            once_sdk::Client::builder().proxy("http://proxy:3128"),
            "proxy",
        ),
        (
            once_sdk::Client::builder().connect_timeout(Duration::from_secs(1)),
            "connect_timeout",
        ),
    ] {
        let err = b
            .credentials(once_sdk::Credentials::new("id", "secret"))
            .http_client(reqwest::Client::new())
            .build()
            .unwrap_err();
        assert!(err.to_string().contains(&format!("{name}()")), "{err}");
    }
    // no_proxy() (the sandbox's client builder sets it) leaves the choice to
    // the user's client.
    once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new("id", "secret"))
        .no_proxy()
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
}

// 3. Variants that share state.

/// Counts the `/sims` slots handed out.
#[derive(Default)]
struct CountingLimiter(AtomicUsize);

impl RateLimiter for CountingLimiter {
    fn acquire(&self, group: EndpointGroup) -> futures::future::BoxFuture<'_, ()> {
        if group == EndpointGroup::Sims {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        Box::pin(async {})
    }
}

#[tokio::test]
async fn a_derived_client_shares_the_token_and_the_rate_limiter() {
    let server = server().await;
    mount_quota(&server, 200).await;
    let limiter = Arc::new(CountingLimiter::default());
    let parent = builder(&server)
        .rate_limiter(limiter.clone())
        .build()
        .unwrap();
    let derived = parent.with_options(
        CallOptions::new()
            .attempt_timeout(Duration::from_secs(5))
            .retry_policy(RetryPolicy::disabled()),
    );
    let (a, b) = tokio::join!(
        parent.sims().data_quota(&iccid()).send(),
        derived.sims().data_quota(&iccid()).send()
    );
    a.unwrap();
    b.unwrap();
    derived.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(token_requests(&server).await, 1, "one token for both");
    assert_eq!(limiter.0.load(Ordering::SeqCst), 3, "one limiter for both");
}

#[tokio::test]
async fn a_derived_client_spends_the_parents_pacing_budget() {
    let server = server().await;
    mount_quota(&server, 200).await;
    // Two /sims calls per hour, for the parent and its derived client
    // together, spaced evenly: one every 30 minutes.
    let parent = builder(&server)
        .rate_limits(RateLimits::unlimited().with(
            EndpointGroup::Sims,
            Some(RateLimit::new(2, Duration::from_secs(3600))),
        ))
        .build()
        .unwrap();
    let derived =
        parent.with_options(CallOptions::new().operation_timeout(Duration::from_millis(300)));
    parent.sims().data_quota(&iccid()).await.unwrap();
    // The parent took the slot: the derived client waits for the next one
    // and its deadline passes before anything is sent.
    let err = derived.sims().data_quota(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(quota_requests(&server).await, 1);
    assert_eq!(token_requests(&server).await, 1);
    // A client built on its own has a budget of its own and goes at once.
    let other = builder(&server)
        .rate_limits(RateLimits::unlimited().with(
            EndpointGroup::Sims,
            Some(RateLimit::new(2, Duration::from_secs(3600))),
        ))
        .build()
        .unwrap();
    other.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(quota_requests(&server).await, 2);
}

#[tokio::test]
async fn a_derived_client_has_its_own_options_and_leaves_the_parents() {
    let server = server().await;
    mount_quota(&server, 503).await;
    let parent = client(&server); // 3 retries
    let derived = parent.with_options(CallOptions::new().retry_policy(RetryPolicy::disabled()));
    derived.sims().data_quota(&iccid()).await.unwrap_err();
    assert_eq!(quota_requests(&server).await, 1);
    parent.sims().data_quota(&iccid()).await.unwrap_err();
    assert_eq!(quota_requests(&server).await, 1 + 4);
}

// 4. Per-call options.

#[tokio::test]
async fn per_call_retry_policy_applies_to_that_call_alone() {
    let server = server().await;
    mount_quota(&server, 503).await;
    let client = client(&server); // 3 retries
    let err = client
        .sims()
        .data_quota(&iccid())
        .retry_policy(RetryPolicy::disabled())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(quota_requests(&server).await, 1);
    client
        .sims()
        .data_quota(&iccid())
        .retry_policy(
            RetryPolicy::default()
                .jitter(false)
                .max_retries(1)
                .initial_delay(Duration::from_millis(1)),
        )
        .await
        .unwrap_err();
    assert_eq!(quota_requests(&server).await, 1 + 2);
    client.sims().data_quota(&iccid()).await.unwrap_err();
    assert_eq!(
        quota_requests(&server).await,
        3 + 4,
        "the client's policy is unchanged"
    );
}

#[tokio::test]
async fn per_call_timeouts_apply_to_that_call_alone() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(quota_json())
                .set_delay(Duration::from_millis(1500)),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .sims()
        .data_quota(&iccid())
        .options(
            CallOptions::new()
                .attempt_timeout(Duration::from_millis(100))
                .retry_policy(RetryPolicy::disabled()),
        )
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    // The client's own timeouts (30 s per attempt) let the same call finish.
    let quota = client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(quota.volume, Some(42.5));
}

#[tokio::test]
async fn per_call_options_never_make_a_money_call_repeat() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(format!("/v2/sims/{ICCID}/topup")))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .sims()
        .top_up(&iccid())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(10)
                .initial_delay(Duration::from_millis(1)),
        )
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn per_call_options_apply_to_every_page_of_a_list() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = client(&server);
    let err = client
        .sims()
        .list()
        .retry_policy(RetryPolicy::disabled())
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(api_requests(&server).await.len(), 1);
}

// 5. Response metadata.

#[tokio::test]
async fn send_with_meta_returns_status_request_id_and_rate_limit_headers() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(quota_json())
                .insert_header("x-amzn-requestid", "5f0c-req")
                .insert_header("x-rate-limit-limit", "10")
                .insert_header("x-rate-limit-remaining", "7")
                .insert_header("x-rate-limit-reset", "1764230400"),
        )
        .mount(&server)
        .await;
    let (quota, meta) = client(&server)
        .sims()
        .data_quota(&iccid())
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(quota.volume, Some(42.5));
    assert_eq!(meta.status(), 200);
    assert_eq!(meta.request_id(), Some("5f0c-req"));
    assert_eq!(meta.rate_limit_limit(), Some(10));
    assert_eq!(meta.rate_limit_remaining(), Some(7));
    assert_eq!(meta.rate_limit_reset(), Some("1764230400"));
    assert_eq!(meta.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn list_metadata_carries_the_page_figures() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"iccid": ICCID}]))
                .insert_header("x-total-count", "31")
                .insert_header("x-total-pages", "4")
                .insert_header("x-current-page", "2")
                .insert_header("x-count-per-page", "10")
                .insert_header("x-request-id", "list-1"),
        )
        .mount(&server)
        .await;
    let (page, meta) = client(&server)
        .sims()
        .list()
        .page(2)
        .page_size(10)
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.total_count, Some(31));
    assert_eq!(
        (
            meta.total_count(),
            meta.total_pages(),
            meta.current_page(),
            meta.count_per_page()
        ),
        (Some(31), Some(4), Some(2), Some(10))
    );
    assert_eq!(meta.request_id(), Some("list-1"));
}

// 6. One shape.

#[tokio::test]
async fn every_builder_awaits_and_sends_alike() {
    let server = server().await;
    Mock::given(method("PUT"))
        .and(path(format!("/v2/sims/{ICCID}")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/products"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 1, "product": "SIM"},
            {"id": 2, "product": "Top-up"},
            {"id": 3, "product": "Extension"}
        ])))
        .mount(&server)
        .await;
    let client = client(&server);
    // UpdateSim is awaitable directly, like every request builder.
    client
        .sims()
        .update(&iccid())
        .label("pump-17")
        .await
        .unwrap();
    client
        .sims()
        .update(&iccid())
        .label("pump-18")
        .send()
        .await
        .unwrap();
    // Products are a List: await, send, pages, stream.
    let page = client.products().list().await.unwrap();
    assert_eq!(
        (page.len(), page.total_pages, page.has_next()),
        (3, Some(1), false)
    );
    let all: Vec<_> = client
        .products()
        .list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.id).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    let pages: Vec<_> = client
        .products()
        .list()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    // 1NCE answers with every product at once: no paging parameters go out,
    // and there is no page 2.
    let err = client.products().list().page(2).await.unwrap_err();
    assert_eq!(err.validation().map(|v| v.field), Some("page"));
    let product_requests: Vec<_> = api_requests(&server)
        .await
        .into_iter()
        .filter(|r| r.url.path() == "/v1/products")
        .collect();
    assert_eq!(product_requests.len(), 3);
    assert!(product_requests.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
#[allow(deprecated)]
async fn old_v1_names_send_what_the_new_names_send() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/sims/{ICCID}/sms/590")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 590, "payload": "hi"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/sims/{ICCID}/events")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "totalEvents": 3, "totalPages": 2, "page": 1,
            "events": [{"id": 1}, {"id": 2}]
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/sims/{ICCID}/events")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "totalEvents": 3, "totalPages": 2, "page": 2, "events": [{"id": 3}]
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let old = client.v1().sims().get_sms(&iccid(), 590).await.unwrap();
    let new = client
        .v1()
        .sms()
        .get(&iccid(), SmsId::new(590))
        .await
        .unwrap();
    assert_eq!(old, new);
    assert_eq!(new.id, Some(SmsId::new(590)));
    let paths: Vec<String> = api_requests(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_string())
        .collect();
    assert_eq!(paths[0], paths[1]);
    // v1 events are a List like every other: pages, stream, page figures.
    let events: Vec<_> = client
        .v1()
        .sims()
        .events(&iccid())
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        events.iter().map(|e| e.id).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn every_old_v1_sms_name_is_an_alias_of_the_new_one() {
    let server = server().await;
    let sms_path = format!("/v1/sims/{ICCID}/sms");
    Mock::given(method("POST"))
        .and(path(sms_path.as_str()))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(sms_path.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{sms_path}/590")))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client(&server);
    let (sims, sms) = (client.v1().sims(), client.v1().sms());
    let text = once_sdk::Sms::text("ping");
    sims.send_sms(&iccid(), &text).await.unwrap();
    sms.send(&iccid(), text).await.unwrap();
    let old = sims.list_sms(&iccid()).await.unwrap();
    let new = sms.list(&iccid()).await.unwrap();
    assert_eq!(old, new);
    sims.delete_sms(&iccid(), 590).await.unwrap();
    sms.delete(&iccid(), 590).await.unwrap();
    // The old event list type is the new List.
    let events: once_sdk::api::v1::EventList = sims.events(&iccid());
    drop(events);

    let seen: Vec<(String, String, Vec<u8>)> = api_requests(&server)
        .await
        .into_iter()
        .map(|r| (r.method.to_string(), r.url.to_string(), r.body))
        .collect();
    assert_eq!(seen.len(), 6);
    for pair in seen.chunks(2) {
        assert_eq!(pair[0], pair[1], "old and new names send the same request");
    }
}

// 4. Hooks and settings.

/// Counts what it sees and adds a header to every request.
#[derive(Default)]
struct Audit {
    sent: std::sync::Mutex<Vec<(String, String, u32)>>,
    answered: std::sync::Mutex<Vec<(&'static str, u16)>>,
}

impl once_sdk::hooks::RequestHook for Audit {
    fn before_send(&self, req: &mut once_sdk::hooks::SentRequest<'_>) {
        req.headers_mut()
            .insert("x-tenant", "fleet-7".parse().unwrap());
        self.sent.lock().unwrap().push((
            req.method().to_string(),
            req.template().to_string(),
            req.attempt(),
        ));
    }
    fn after_receive(&self, resp: &once_sdk::hooks::ReceivedResponse<'_>) {
        self.answered
            .lock()
            .unwrap()
            .push((resp.operation(), resp.status().as_u16()));
    }
}

/// A hook sees every request (the token request and a retried attempt
/// included) before it leaves, and its header reaches the server; it sees
/// every answer with its status.
#[tokio::test]
async fn a_hook_adds_a_header_and_counts_every_request() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{ICCID}/quota/data")))
        .and(header("x-tenant", "fleet-7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(quota_json()))
        .mount(&server)
        .await;
    let audit = std::sync::Arc::new(Audit::default());
    let client = builder(&server).hook(audit.clone()).build().unwrap();
    assert_eq!(client.settings().hooks, 1);
    client.sims().data_quota(&iccid()).await.unwrap();
    let sent = audit.sent.lock().unwrap().clone();
    assert_eq!(
        sent,
        [
            ("POST".into(), "/oauth/token".into(), 1),
            ("GET".into(), "/v2/sims/{iccid}/quota/data".into(), 1),
            ("GET".into(), "/v2/sims/{iccid}/quota/data".into(), 2),
        ]
    );
    let statuses: Vec<u16> = audit.answered.lock().unwrap().iter().map(|a| a.1).collect();
    assert_eq!(statuses, [200, 503, 200]);
    for r in server.received_requests().await.unwrap() {
        assert_eq!(r.headers.get("x-tenant").unwrap(), "fleet-7");
    }
}

/// A builder clones; a client gives back what it was built with, and a
/// derived client its options on top.
#[test]
fn a_builder_clones_and_a_client_tells_its_settings() {
    let base = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new("id", "secret"))
        .attempt_timeout(Duration::from_secs(7));
    let a = base.clone().user_agent("a/1").build().unwrap();
    let b = base
        .operation_timeout(Duration::from_secs(9))
        .build()
        .unwrap();
    assert_eq!(a.settings().attempt_timeout, Some(Duration::from_secs(7)));
    assert_eq!(b.settings().attempt_timeout, Some(Duration::from_secs(7)));
    assert_eq!(b.settings().operation_timeout, Some(Duration::from_secs(9)));
    assert!(a.settings().user_agent.starts_with("a/1 "));
    assert_eq!(b.settings().user_agent, once_sdk::USER_AGENT);
    assert_eq!(a.settings().client_id, "id");
    assert_eq!(
        a.settings().rate_limits,
        Some(once_sdk::RateLimits::default())
    );
    assert!(!format!("{:?}", a.settings()).contains("secret"));
    let c =
        a.with_options(once_sdk::CallOptions::new().operation_timeout(Duration::from_secs(900)));
    assert_eq!(
        c.settings().operation_timeout,
        Some(Duration::from_secs(900))
    );
    assert_eq!(c.settings().attempt_timeout, Some(Duration::from_secs(7)));
}

/// A token fetch that a call triggers ends with that call's deadline (its
/// `CallOptions`), not the parent client's (here: none at all).
#[tokio::test]
async fn the_token_fetch_a_call_triggers_ends_with_the_calls_deadline() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_secs(120))
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    let quick = client
        .with_options(once_sdk::CallOptions::new().operation_timeout(Duration::from_millis(300)));
    let res = tokio::time::timeout(Duration::from_secs(60), quick.sims().data_quota(&iccid()))
        .await
        .expect("the call's deadline ends it (this is only a hang guard)");
    assert!(matches!(res, Err(Error::Timeout(_))), "{res:?}");
}
