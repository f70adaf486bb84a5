//! Secrets and tokens never appear in tracing output or Debug/Display
//! strings. Alone in its own test binary: it installs a tracing subscriber,
//! and tracing's per-callsite interest cache races with other tests that run
//! in parallel threads of the same process.

mod common;

use common::*;
use once_sdk::{Credentials, Iccid};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

#[tokio::test]
async fn secrets_and_tokens_never_appear_in_logs_or_debug_output() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;

    let builder = builder(&server);
    let mut shown = vec![format!("{builder:?}")];
    let client = builder.build().unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    shown.push(format!("{err:?} {err}"));
    let err = client.sims().data_quota(&iccid()).await.unwrap_err();
    shown.push(format!("{err:?} {err}"));
    let token = client.access_token().await.unwrap();
    assert_eq!(token.expose(), TOKEN);
    shown.push(format!("{token:?} {token}"));
    shown.push(format!("{client:?}"));
    let creds = Credentials::new(CLIENT_ID, CLIENT_SECRET);
    shown.push(format!("{creds:?}"));

    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        logged.contains("once_sdk.call"),
        "spans were captured: {logged}"
    );
    assert!(logged.contains("operation=\"sims.get\""), "{logged}");
    for text in shown.iter().chain(std::iter::once(&logged)) {
        assert!(!text.contains(CLIENT_SECRET), "secret leaked: {text}");
        assert!(!text.contains(TOKEN), "token leaked: {text}");
        assert!(
            !text.contains("dGVzdC1jbGllbnQ6"),
            "basic auth leaked: {text}"
        );
    }
    assert!(shown.iter().any(|s| s.contains("[redacted]")));
}
