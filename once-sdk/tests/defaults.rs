//! The documented defaults take effect: connect timeout 10 s, attempt
//! timeout 30 s, overall deadline 120 s, and the retry schedule (3 retries,
//! 250 ms doubling, full jitter). On tokio's paused clock: the client's
//! timers fire at their exact times while no real time passes, because the
//! servers here never answer (or answer at once, with no timer armed).

mod common;

use std::time::Duration;

use common::*;
use once_sdk::{Client, Credentials, RateLimits, RetryPolicy};
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn iccid() -> once_sdk::Iccid {
    "8988280666000000000".parse().unwrap()
}

/// A client with every default but the base URL (and no proxy from the
/// environment).
fn default_client(base_url: &str) -> once_sdk::ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(base_url)
        .no_proxy()
}

/// `elapsed` is `expected` on the paused clock, give or take its rounding:
/// each timer fires at the next whole millisecond.
#[track_caller]
fn about(elapsed: Duration, expected: Duration) {
    assert!(
        (expected..expected + Duration::from_millis(20)).contains(&elapsed),
        "{elapsed:?}, expected {expected:?}"
    );
}

#[test]
fn the_documented_retry_schedule_is_the_default() {
    assert_eq!(
        RetryPolicy::default(),
        RetryPolicy::disabled()
            .max_retries(3)
            .initial_delay(Duration::from_millis(250))
            .max_delay(Duration::from_secs(10))
            .max_retry_after(Duration::from_secs(60))
            .jitter(true)
    );
}

#[tokio::test]
async fn an_attempt_is_cut_at_30_s_and_a_call_at_120_s_by_default() {
    let server = server().await;
    // The answer would come in an hour (wiremock's own, real, clock).
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3600)))
        .mount(&server)
        .await;

    // Retries off, everything else default: one attempt, cut at 30 s.
    let once = default_client(&server.uri())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    // The token comes first, in real time (a paused clock would jump to a
    // timeout while the answer is on its way).
    once.access_token().await.unwrap();
    tokio::time::pause();
    let started = Instant::now();
    let err = once.sims().get(&iccid()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(!err.to_string().contains("overall deadline"), "{err}");
    about(started.elapsed(), Duration::from_secs(30));

    // Every default: attempts of 30 s with retries between them, until the
    // overall deadline cuts the fourth at 120 s.
    let client = default_client(&server.uri()).build().unwrap();
    tokio::time::resume();
    client.access_token().await.unwrap();
    tokio::time::pause();
    let started = Instant::now();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        err.to_string().contains("overall deadline of 120s"),
        "{err}"
    );
    about(started.elapsed(), Duration::from_secs(120));
}

#[tokio::test]
async fn retries_follow_the_default_schedule() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    // No timeouts, no pacing and no idle-connection reaper: the only timers
    // are the retry delays, so the paused clock moves by their sum alone
    // (it jumps to the next timer whenever the client waits for the server).
    let builder = || {
        default_client(&server.uri())
            .attempt_timeout(None)
            .operation_timeout(None)
            .rate_limits(RateLimits::unlimited())
            .http_client(
                reqwest::Client::builder()
                    .no_proxy()
                    .pool_idle_timeout(None)
                    .build()
                    .unwrap(),
            )
    };
    let exact = builder()
        .retry_policy(RetryPolicy::default().jitter(false))
        .build()
        .unwrap();
    exact.access_token().await.unwrap();
    tokio::time::pause();
    let started = Instant::now();
    let err = exact.sims().get(&iccid()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    // 3 retries after 250, 500 and 1000 ms.
    about(started.elapsed(), Duration::from_millis(1750));
    assert_eq!(api_requests(&server).await.len(), 4);

    // With the default jitter each delay is d plus up to d more.
    tokio::time::resume();
    let jittered = builder().build().unwrap();
    jittered.access_token().await.unwrap();
    tokio::time::pause();
    let started = Instant::now();
    let err = jittered.sims().get(&iccid()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    let waited = started.elapsed();
    assert!(
        (Duration::from_millis(1750)..Duration::from_millis(3520)).contains(&waited),
        "{waited:?}"
    );
    assert_eq!(api_requests(&server).await.len(), 8);
}

#[tokio::test]
async fn a_connection_that_never_completes_is_cut_at_10_s_by_default() {
    // A listener whose queue is full: further connections are never
    // accepted (the kernel drops their SYNs).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..8 {
        let c = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200));
        match c {
            Ok(c) => fillers.push(c),
            Err(_) => break,
        }
    }
    let client = default_client(&format!("http://{addr}"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    tokio::time::pause();
    let started = Instant::now();
    let err = client.access_token().await.unwrap_err();
    assert!(
        err.is_timeout() || err.to_string().contains("connect"),
        "{err:?}"
    );
    about(started.elapsed(), Duration::from_secs(10));
    drop(fillers);
}
