//! The retry matrix: which failures are retried for idempotent calls and for
//! calls that cost money, counted at the server.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::ApiRequest;
use crate::{Client, Credentials, Error, RateLimits, RetryPolicy};

const RETRIES: usize = 2;

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t", "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    server
}

fn client(base: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new("id", "secret"))
        .base_url(base)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(RETRIES)
                .jitter(false)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(2)),
        )
        .attempt_timeout(Duration::from_millis(300))
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap()
}

fn get() -> ApiRequest {
    ApiRequest::new(
        "test.get",
        Method::GET,
        "/v2/sims/{iccid}",
        "/v2/sims/1".into(),
    )
}

fn top_up() -> ApiRequest {
    ApiRequest::new(
        "test.top_up",
        Method::POST,
        "/v2/sims/{iccid}/topup",
        "/v2/sims/1/topup".into(),
    )
}

async fn api_hits(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() != "/oauth/token")
        .count()
}

/// Every call fails with `status`: how many requests reached the server,
/// and the error.
async fn always(status: u16, req: ApiRequest) -> (usize, Error) {
    let server = server().await;
    Mock::given(path(req.path.clone()))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(json!({"statusCode": status, "errorCode": "E", "message": "m"})),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri()).execute(req).await.unwrap_err();
    (api_hits(&server).await, err)
}

#[tokio::test]
async fn idempotent_calls_retry_transient_statuses() {
    for status in [429, 500, 502, 503, 504] {
        let (hits, err) = always(status, get()).await;
        assert_eq!(hits, RETRIES + 1, "GET {status}");
        assert_eq!(err.status(), Some(status));
        assert!(err.is_retryable());
        assert!(!err.is_outcome_unknown());
    }
    for status in [400, 403, 404, 409, 422] {
        let (hits, err) = always(status, get()).await;
        assert_eq!(hits, 1, "GET {status} is final");
        if status == 404 {
            assert!(err.is_not_found(), "{err:?}");
        } else {
            assert!(matches!(err, Error::Api(_)), "{err:?}");
        }
        assert_eq!(err.code(), Some("E"));
    }
}

#[tokio::test]
async fn money_calls_retry_only_429_and_report_unknown_outcomes() {
    let (hits, err) = always(429, top_up()).await;
    assert_eq!(hits, RETRIES + 1, "429 means not processed: retried");
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    for status in [500, 502, 503, 504] {
        let (hits, err) = always(status, top_up()).await;
        assert_eq!(hits, 1, "POST {status} is never repeated");
        assert!(err.is_outcome_unknown(), "POST {status}: {err:?}");
        assert_eq!(err.status(), Some(status));
        assert!(!err.is_retryable());
        assert!(err.to_string().contains("outcome unknown"), "{err}");
    }
    let (hits, err) = always(400, top_up()).await;
    assert_eq!(hits, 1);
    assert!(
        matches!(err, Error::Api(_)),
        "a 400 is a definite refusal: {err:?}"
    );
}

#[tokio::test]
async fn transient_failure_then_success() {
    for req in [get(), top_up()] {
        let server = server().await;
        // First answer 429 (for both), then 200.
        Mock::given(path(req.path.clone()))
            .respond_with(ResponseTemplate::new(429))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(path(req.path.clone()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
            .mount(&server)
            .await;
        let resp = client(&server.uri()).execute(req).await.unwrap();
        assert_eq!(resp.status, 200);
        assert_eq!(api_hits(&server).await, 2);
    }
}

#[tokio::test]
async fn timeouts_retry_reads_but_not_money_calls() {
    for (req, want_hits) in [(get(), RETRIES + 1), (top_up(), 1)] {
        let server = server().await;
        Mock::given(path(req.path.clone()))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
            .mount(&server)
            .await;
        let idempotent = req.idempotent;
        let err = client(&server.uri()).execute(req).await.unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert_eq!(err.is_outcome_unknown(), !idempotent, "{err:?}");
        assert_eq!(api_hits(&server).await, want_hits);
    }
}

/// A token store that holds a valid token, so no token request is needed.
#[derive(Default)]
struct FixedStore;

/// A rate limiter that lets everything through and counts attempts (every
/// attempt passes the limiter).
#[derive(Default)]
struct CountingLimiter {
    attempts: std::sync::atomic::AtomicUsize,
}

impl crate::RateLimiter for CountingLimiter {
    fn acquire(&self, _: crate::EndpointGroup) -> futures::future::BoxFuture<'_, ()> {
        self.attempts
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async {})
    }
}

impl crate::TokenStore for FixedStore {
    fn get(&self) -> futures::future::BoxFuture<'_, crate::Result<Option<crate::StoredToken>>> {
        Box::pin(async {
            Ok(Some(crate::StoredToken {
                token: crate::AccessToken::new("t"),
                expires_at: std::time::SystemTime::now() + Duration::from_secs(3600),
            }))
        })
    }
    fn put(&self, _: crate::StoredToken) -> futures::future::BoxFuture<'_, crate::Result<()>> {
        Box::pin(async { Ok(()) })
    }
    fn remove_if(
        &self,
        _: &crate::AccessToken,
    ) -> futures::future::BoxFuture<'_, crate::Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

#[tokio::test]
async fn connect_failures_are_retried_for_every_call() {
    // A port nobody listens on: the request provably never left, so even a
    // top-up is retried, and the error is a transport error, not "unknown".
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    for req in [get(), top_up()] {
        let limiter = std::sync::Arc::new(CountingLimiter::default());
        let client = Client::builder()
            .credentials(Credentials::new("id", "secret"))
            .base_url(format!("http://127.0.0.1:{port}"))
            .token_store(std::sync::Arc::new(FixedStore))
            .rate_limiter(limiter.clone())
            .retry_policy(
                RetryPolicy::default()
                    .max_retries(RETRIES)
                    .jitter(false)
                    .initial_delay(Duration::from_millis(1)),
            )
            .build()
            .unwrap();
        let err = client.execute(req).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert!(!err.is_outcome_unknown());
        assert!(err.is_retryable());
        assert_eq!(
            limiter.attempts.load(std::sync::atomic::Ordering::SeqCst),
            RETRIES + 1,
            "attempts"
        );
    }
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let server = server().await;
    Mock::given(path("/v2/sims/1"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials(Credentials::new("id", "secret"))
        .base_url(server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client.execute(get()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(api_hits(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn retry_after_wins_over_backoff_and_is_capped() {
    for (header, want) in [("7", 7u64), ("3600", 60)] {
        let server = server().await;
        Mock::given(path("/v2/sims/1"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", header))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(path("/v2/sims/1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;
        let client = Client::builder()
            .credentials(Credentials::new("id", "secret"))
            .base_url(server.uri())
            .retry_policy(
                RetryPolicy::default()
                    .jitter(false)
                    .initial_delay(Duration::from_millis(10))
                    .max_retry_after(Duration::from_secs(60)),
            )
            .attempt_timeout(None)
            .operation_timeout(None)
            .rate_limits(RateLimits::unlimited())
            .build()
            .unwrap();
        client.access_token().await.unwrap();
        let start = tokio::time::Instant::now();
        client.execute(get()).await.unwrap();
        // Virtual time only moves forward (other timers may add to it), so
        // the wait is at least the Retry-After; the cap shows as an upper
        // bound far below the 3600 s asked for.
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_secs(want),
            "Retry-After {header}: {waited:?}"
        );
        assert!(
            waited < Duration::from_secs(3600),
            "Retry-After {header}: {waited:?}"
        );
    }
}

#[test]
fn retry_after_decides_the_delay() {
    let max = Duration::from_secs(60);
    let backoff = Duration::from_millis(250);
    assert_eq!(super::retry_delay(None, backoff, max), backoff);
    assert_eq!(
        super::retry_delay(Some(Duration::from_secs(7)), backoff, max),
        Duration::from_secs(7)
    );
    assert_eq!(
        super::retry_delay(Some(Duration::ZERO), backoff, max),
        Duration::ZERO
    );
    assert_eq!(
        super::retry_delay(Some(Duration::from_secs(3600)), backoff, max),
        max
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_http_date() {
    let server = server().await;
    let client = Client::builder()
        .credentials(Credentials::new("id", "secret"))
        .base_url(server.uri())
        .attempt_timeout(None)
        .operation_timeout(None)
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let clock = client.inner.transport.clock;
    let at = chrono::DateTime::<chrono::Utc>::from(clock.now() + Duration::from_secs(5));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::RETRY_AFTER,
        at.format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string()
            .parse()
            .unwrap(),
    );
    let d = super::retry_after(&headers, &clock).unwrap();
    assert!(
        d > Duration::from_secs(3) && d <= Duration::from_secs(5),
        "{d:?}"
    );
    headers.insert(reqwest::header::RETRY_AFTER, "soon".parse().unwrap());
    assert_eq!(super::retry_after(&headers, &clock), None);
}

#[tokio::test]
async fn error_bodies_in_every_shape() {
    let server = server().await;
    let cases = [
        (json!({"statusCode": 404, "errorCode": "NotFound", "message": "SIM not found"}).to_string(), 404, Some("NotFound"), Some("SIM not found")),
        (json!({"error_code": 1000, "error_token": "BadRequest", "message": "Cannot parse"}).to_string(), 400, Some("BadRequest"), Some("Cannot parse")),
        (json!({"timestamp": "x", "status": 403, "error": "Forbidden", "message": "no", "path": "/v2/sims"}).to_string(), 403, Some("Forbidden"), Some("no")),
        ("<html><body>Bad Gateway</body></html>".to_string(), 409, None, None),
    ];
    for (i, (body, status, code, message)) in cases.into_iter().enumerate() {
        let p = format!("/v2/sims/{i}");
        Mock::given(path(p.clone()))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_string(body.clone())
                    .insert_header("x-request-id", "req-42"),
            )
            .mount(&server)
            .await;
        let req = ApiRequest::new("test.get", Method::GET, "/v2/sims/{iccid}", p);
        let err = client(&server.uri()).execute(req).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.code(), code);
        assert_eq!(err.message(), message);
        assert_eq!(err.body(), Some(body.as_str()));
        assert_eq!(err.request_id(), Some("req-42"));
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = server().await;
    Mock::given(path("/v2/sims/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(10_000)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .credentials(Credentials::new("id", "secret"))
        .base_url(server.uri())
        .max_response_bytes(1024)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client.execute(get()).await.unwrap_err();
    assert!(
        err.to_string().contains("exceeds the limit of 1024 bytes"),
        "{err}"
    );
}
