//! Secrets the server echoes back stay secret: the bearer token, the Basic
//! credential and the client secret are scrubbed from error text, error
//! bodies and logs. Alone in its own test binary: it installs a tracing
//! subscriber.

mod common;

use common::*;
use once_sdk::{Error, Iccid, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

fn echoed(r: &Request) -> String {
    r.headers
        .get("authorization")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Everything a caller or a log could show of `err`.
fn shown(err: &Error) -> String {
    format!(
        "{err} | {err:?} | {:?} | {:?} | {:?}",
        err.body(),
        err.message(),
        err.code()
    )
}

fn assert_no_secret(text: &str) {
    let basic = BASIC_AUTH.trim_start_matches("Basic ");
    for secret in [TOKEN, &TOKEN[..16], basic, CLIENT_SECRET] {
        assert!(!text.contains(secret), "{secret:?} leaked: {text}");
    }
}

#[tokio::test]
async fn echoed_tokens_and_credentials_are_scrubbed_from_errors_and_logs() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // An API gateway that echoes the Authorization header, whole (JSON and
    // plain text) and cut short.
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(400).set_body_json(json!({
                "message": format!("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '{}'.", echoed(r)),
            }))
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(|r: &Request| {
            let h = echoed(r);
            ResponseTemplate::new(403).set_body_string(format!("forbidden: {}…", &h[..24]))
        })
        .mount(&server)
        .await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    let text = shown(&err);
    assert_no_secret(&text);
    assert_eq!(
        err.message(),
        Some("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'Bearer [redacted]'.")
    );
    let err = client.sims().data_quota(&iccid()).await.unwrap_err();
    assert_no_secret(&shown(&err));
    assert_eq!(err.body(), Some("forbidden: Bearer [redacted]…"));

    // A token endpoint that echoes the Basic header and the secret.
    let token_server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(|r: &Request| {
            ResponseTemplate::new(400).set_body_json(json!({
                "error": "BadCredentials",
                "message": format!("Bad credentials in '{}' (client_secret={CLIENT_SECRET})", echoed(r)),
            }))
        })
        .mount(&token_server)
        .await;
    let client = builder(&token_server).build().unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_no_secret(&shown(&err));
    assert_eq!(
        err.message(),
        Some("Bad credentials in 'Basic [redacted]' (client_secret=[redacted])")
    );

    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        logged.contains("call failed"),
        "the failures were logged: {logged}"
    );
    assert!(logged.contains("[redacted]"), "{logged}");
    assert_no_secret(&logged);
}
