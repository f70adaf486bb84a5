//! Raw calls (`client.raw(method, path)`) against the sandbox: the same
//! pipeline as the typed calls — token, pacing by the endpoint group of the
//! path, retries by method and the explicit idempotency flag, error
//! mapping — returning the body and the response metadata.

use std::time::Duration;

use once_sandbox::{Fault, Sandbox};
use once_sdk::reqwest::Method;
use once_sdk::{EndpointGroup, Error, Quota, RateLimit, RateLimits, RetryPolicy};
use serde_json::{json, Value};

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .no_rate_limits()
        .start()
        .await
        .expect("sandbox starts")
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .jitter(false)
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
}

#[tokio::test]
async fn a_raw_get_reads_what_the_typed_call_reads_with_the_same_token() {
    let sandbox = sandbox().await;
    let client = sandbox.client().unwrap();
    let iccid = sandbox.iccids()[0].clone();

    let typed = client.sims().data_quota(&iccid).await.unwrap();
    let raw = client
        .raw(Method::GET, "/v2/sims/{iccid}/quota/data")
        .param("iccid", iccid.as_str())
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    let decoded: Quota = raw.json().unwrap();
    assert_eq!(decoded, typed);
    let value: Value = serde_json::from_slice(raw.bytes()).unwrap();
    assert_eq!(value["volume"].as_f64(), typed.volume);
    // send_json decodes straight into a type.
    let again: Quota = client
        .raw(Method::GET, "/v2/sims/{iccid}/quota/data")
        .param("iccid", iccid.as_str())
        .send_json()
        .await
        .unwrap();
    assert_eq!(again, typed);

    let stats = sandbox.stats();
    assert_eq!(stats.token_requests, 1, "one token for typed and raw calls");
    assert_eq!(stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"), 3);
    let last = sandbox.requests().pop().unwrap();
    assert_eq!(last.path, format!("/v2/sims/{iccid}/quota/data"));
    let token = sandbox.issued_tokens().pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
}

#[tokio::test]
async fn query_parameters_and_json_bodies_are_sent() {
    let sandbox = sandbox().await;
    let client = sandbox.client().unwrap();
    let page = client
        .raw(Method::GET, "/v2/sims")
        .query("page", 2)
        .query("pageSize", 5)
        .await
        .unwrap();
    let sims: Vec<Value> = page.json().unwrap();
    assert_eq!(sims.len(), 5);
    assert_eq!(page.meta().current_page(), Some(2));
    assert_eq!(page.meta().count_per_page(), Some(5));
    assert_eq!(
        page.meta().total_count(),
        Some(sandbox.iccids().len() as u64)
    );

    let iccid = sandbox.iccids()[1].clone();
    client
        .raw(Method::PUT, "/v2/sims/{iccid}")
        .param("iccid", iccid.as_str())
        .json(&json!({"iccid": iccid.as_str(), "label": "raw-label"}))
        .await
        .unwrap();
    let sim = client.sims().get(&iccid).await.unwrap();
    assert_eq!(sim.label.as_deref(), Some("raw-label"));
    let put = sandbox
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(put.query, None);
    assert_eq!(put.header("content-type"), Some("application/json"));
    let body: Value = serde_json::from_str(&put.body).unwrap();
    assert_eq!(body["label"], "raw-label");
}

#[tokio::test]
async fn a_raw_post_that_may_have_been_applied_is_never_repeated() {
    let sandbox = sandbox().await;
    let client = sandbox
        .client_builder()
        .retry_policy(fast_retries().max_retries(5))
        .build()
        .unwrap();
    let iccid = sandbox.iccids()[0].clone();
    sandbox.inject(Fault::apply_then_status(500).path("/v2/sims/*/topup"));
    let err = client
        .raw(Method::POST, "/v2/sims/{iccid}/topup")
        .param("iccid", iccid.as_str())
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(err.status(), Some(500));
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("POST", "/v2/sims/{iccid}/topup"), 1);
    assert_eq!(stats.top_ups_applied, 1);
}

#[tokio::test]
async fn an_explicitly_idempotent_post_and_every_get_are_retried() {
    let sandbox = sandbox().await;
    let client = sandbox
        .client_builder()
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    // Setting the global limits twice sets the same value: safe to repeat.
    sandbox.inject(Fault::status(503).path("/v1/sims/limits").method("POST"));
    client
        .raw(Method::POST, "/v1/sims/limits")
        .json(&json!({"data_limit": {"id": 1}}))
        .idempotent(true)
        .await
        .unwrap();
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/sims/limits"), 2);

    // Without the flag the same POST is not retried after a 503.
    sandbox.inject(Fault::status(503).path("/v1/sims/limits").method("POST"));
    let err = client
        .raw(Method::POST, "/v1/sims/limits")
        .json(&json!({"data_limit": {"id": 1}}))
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/sims/limits"), 3);

    sandbox.inject(Fault::status(502).path("/v1/products").times(2));
    let products = client.raw(Method::GET, "/v1/products").await.unwrap();
    assert_eq!(products.status(), 200);
    assert_eq!(sandbox.stats().requests_to("GET", "/v1/products"), 3);
}

#[tokio::test]
async fn errors_are_mapped_like_typed_calls() {
    let sandbox = sandbox().await;
    let client = sandbox.client().unwrap();
    let err = client
        .raw(Method::GET, "/v2/sims/{iccid}")
        .param("iccid", "8988280666999999999")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!((err.status(), err.code()), (Some(404), Some("NotFound")));
}

#[tokio::test]
async fn a_bad_path_fails_before_anything_is_sent() {
    let sandbox = sandbox().await;
    let client = sandbox.client().unwrap();
    for (req, rule) in [
        (client.raw(Method::GET, "/v2/sims/{iccid}"), "has no value"),
        (
            client.raw(Method::GET, "/v2/sims").param("iccid", "1"),
            "has no placeholder",
        ),
        (client.raw(Method::GET, "v2/sims"), "starting with /"),
        (
            client.raw(Method::GET, "https://evil.example/v2/sims"),
            "starting with /",
        ),
        (
            client.raw(Method::GET, "/v2/sims?page=2"),
            "query parameters",
        ),
        (
            client
                .raw(Method::GET, "/v2/sims/{iccid}")
                .param("iccid", ""),
            "must not be empty",
        ),
    ] {
        let err = req.await.unwrap_err();
        let v = err.validation().unwrap_or_else(|| panic!("{err:?}"));
        assert_eq!(v.field, "path");
        assert!(v.rule.contains(rule), "{v}");
    }
    // A value is one path segment: a slash cannot reach another endpoint.
    let err = client
        .raw(Method::GET, "/v2/sims/{iccid}")
        .param("iccid", "../../oauth/token")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
    let last = sandbox.requests().pop().unwrap();
    assert_eq!(last.path, "/v2/sims/..%2F..%2Foauth%2Ftoken");
    assert_eq!(sandbox.stats().requests - sandbox.stats().token_requests, 1);
}

#[tokio::test]
async fn raw_calls_are_paced_by_the_endpoint_group_of_their_path() {
    let sandbox = sandbox().await;
    // /sims: one call per hour; every other group unlimited.
    let client = sandbox
        .client_builder()
        .rate_limits(RateLimits::unlimited().with(
            EndpointGroup::Sims,
            Some(RateLimit::new(1, Duration::from_secs(3600))),
        ))
        .build()
        .unwrap();
    let iccid = sandbox.iccids()[0].clone();
    client
        .raw(Method::GET, "/v2/sims/{iccid}")
        .param("iccid", iccid.as_str())
        .await
        .unwrap();
    // The /sims budget is spent: the next raw /sims call waits for a slot
    // and runs into its deadline without being sent.
    let err = client
        .raw(Method::GET, "/v1/sims/{iccid}/status")
        .param("iccid", iccid.as_str())
        .operation_timeout(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    // Another group is not held up.
    client.raw(Method::GET, "/v1/products").await.unwrap();
    let stats = sandbox.stats();
    assert_eq!(stats.requests_to("GET", "/v2/sims/{iccid}"), 1);
    assert_eq!(stats.requests_to("GET", "/v1/sims/{iccid}/status"), 0);
    assert_eq!(stats.requests_to("GET", "/v1/products"), 1);
}

/// A client whose only limit is one call an hour in `group`.
fn one_an_hour_in(sandbox: &Sandbox, group: EndpointGroup) -> once_sdk::Client {
    sandbox
        .client_builder()
        .rate_limits(
            RateLimits::unlimited().with(group, Some(RateLimit::new(1, Duration::from_secs(3600)))),
        )
        .build()
        .unwrap()
}

/// An unknown path is paced (in `EndpointGroup::Other`), never unpaced; a
/// raw call can name its group instead.
#[tokio::test]
async fn an_unknown_path_is_paced_and_a_raw_call_can_name_its_group() {
    let sandbox = sandbox().await;
    assert_eq!(
        EndpointGroup::of_path("/v3/something/new"),
        Some(EndpointGroup::Other)
    );
    assert_eq!(
        RateLimits::default().get(EndpointGroup::Other),
        Some(once_sdk::ratelimit::OTHER_DEFAULT_LIMIT)
    );
    let client = one_an_hour_in(&sandbox, EndpointGroup::Other);
    // The first unknown call gets the slot (the sandbox answers 404).
    let first = client.raw(Method::GET, "/v3/something/new").await;
    assert_eq!(first.unwrap_err().status(), Some(404));
    // The second waits for the hour and runs into its deadline unsent.
    let err = client
        .raw(Method::GET, "/v3/other")
        .operation_timeout(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(
        sandbox
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("/v3"))
            .count(),
        1
    );
    // Named into another group, an unknown path is paced there instead.
    let client = one_an_hour_in(&sandbox, EndpointGroup::Support);
    client.raw(Method::GET, "/v1/support").await.unwrap();
    let err = client
        .raw(Method::GET, "/v3/support-tickets")
        .group(EndpointGroup::Support)
        .operation_timeout(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    // Its own group unnamed, the same path goes (Other is unlimited here).
    let err = client
        .raw(Method::GET, "/v3/support-tickets")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
}

/// A path known at run time, or a full URL on the API's host (a
/// `Location` header), reaches the API; another host is refused before
/// anything is sent, and the span's template has no ids.
#[tokio::test]
async fn a_run_time_url_on_the_api_host_is_called_and_another_host_refused() {
    /// The templates of the requests sent.
    #[derive(Default)]
    struct Templates(std::sync::Mutex<Vec<String>>);
    impl once_sdk::hooks::RequestHook for Templates {
        fn before_send(&self, req: &mut once_sdk::hooks::SentRequest<'_>) {
            self.0.lock().unwrap().push(req.template().to_string());
        }
    }
    let sandbox = sandbox().await;
    let templates = std::sync::Arc::new(Templates::default());
    let client = sandbox
        .client_builder()
        .hook(templates.clone())
        .build()
        .unwrap();
    let iccid = sandbox.iccids()[0].clone();
    let url = format!("{}/v2/sims/{iccid}", sandbox.base_url());
    let by_url: Value = client.raw_url(Method::GET, &url).send_json().await.unwrap();
    assert_eq!(by_url["iccid"], iccid.as_str());
    let by_path: Value = client
        .raw_url(Method::GET, &format!("/v2/sims/{iccid}"))
        .send_json()
        .await
        .unwrap();
    assert_eq!(by_path, by_url);
    // The spans and hooks see the path without its id.
    let seen = templates.0.lock().unwrap().clone();
    assert_eq!(seen, ["/oauth/token", "/v2/sims/{id}", "/v2/sims/{id}"]);
    let before = sandbox.stats().requests;
    for (url, rule) in [
        (
            "https://evil.example/v2/sims".to_string(),
            "not on the API's host",
        ),
        (
            sandbox.base_url().replace("http://", "https://") + "/v2/sims",
            "not on the API's host",
        ),
        (format!("{}/v2/sims?page=2", sandbox.base_url()), "query"),
        ("v2/sims".to_string(), "starting with /"),
    ] {
        let err = client.raw_url(Method::GET, &url).await.unwrap_err();
        let v = err.validation().unwrap_or_else(|| panic!("{url}: {err:?}"));
        assert_eq!(v.field, "url");
        assert!(v.rule.contains(rule), "{url}: {v}");
    }
    assert_eq!(sandbox.stats().requests, before, "nothing sent");
}

/// Headers of the caller's own reach the server; the SDK's own cannot be
/// replaced, and a bad one is refused before anything is sent.
#[tokio::test]
async fn a_raw_call_adds_headers_of_its_own() {
    let sandbox = sandbox().await;
    let client = sandbox.client().unwrap();
    client
        .raw(Method::GET, "/v1/products")
        .header("X-Request-Source", "nightly-report")
        .await
        .unwrap();
    let last = sandbox.requests().pop().unwrap();
    assert!(
        last.headers
            .iter()
            .any(|(k, v)| k == "x-request-source" && v == "nightly-report"),
        "{last:?}"
    );
    let before = sandbox.stats().requests;
    for (name, value, rule) in [
        ("Authorization", "Bearer x", "the SDK's to set"),
        ("User-Agent", "me", "the SDK's to set"),
        ("bad name", "x", "not a header name"),
        ("X-Ok", "line\nbreak", "not a valid header value"),
    ] {
        let err = client
            .raw(Method::GET, "/v1/products")
            .header(name, value)
            .await
            .unwrap_err();
        let v = err
            .validation()
            .unwrap_or_else(|| panic!("{name}: {err:?}"));
        assert_eq!(v.field, "header");
        assert!(v.rule.contains(rule), "{name}: {v}");
    }
    assert_eq!(sandbox.stats().requests, before, "nothing sent");
}
