//! The 1NCE OS secrets and the logs, in a test binary of its own: the
//! subscriber is set for this thread only, and a test of the same binary
//! running the SDK's callsites without one would disable them for it.

use once_sdk::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "../once-sdk/tests/common/mod.rs"]
mod common;

fn dev() -> DeviceId {
    DeviceId::from("dev-17")
}

async fn answer(server: &MockServer, m: &str, p: &str, resp: ResponseTemplate) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(resp)
        .mount(server)
        .await;
}

/// Nothing the SDK logs (down to TRACE) carries a pre-shared key or a
/// webhook header value, even when the server echoes them.
#[tokio::test]
async fn secrets_never_reach_the_logs() {
    use tracing_subscriber::fmt::format::FmtSpan;
    const PSK: &str = "psk-secret-0123456789";
    const HEADER: &str = "hook-secret-9876543210";
    let logs = common::Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = common::server().await;
    let echo = |s: &str| ResponseTemplate::new(422).set_body_string(format!("rejected: {s}"));
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/dev-17/presharedkey",
        echo(PSK),
    )
    .await;
    // 200 with a body that does not decode, echoing the header value.
    answer(
        &server,
        "PATCH",
        "/v1/integrate/clouds/webhooks/w1",
        ResponseTemplate::new(200).set_body_string(format!("{{\"url\": {HEADER}")),
    )
    .await;
    let client = common::client(&server);
    let e1 = client
        .os()
        .devices()
        .set_preshared_key(&dev(), &PskSet::new(PSK, OsProtocol::Lwm2m))
        .await
        .unwrap_err();
    let mut change = IntegrationUpdate::default();
    change.headers = Some(WebhookHeaders::new().with("x-api-key", HEADER));
    let e2 = client
        .os()
        .integrations()
        .update_webhook(&"w1".into(), &change)
        .await
        .unwrap_err();
    tracing::error!(first = %e1, second = ?e2, "what an application logs");
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("os.devices.set_preshared_key") && text.contains("what an application logs"),
        "{text}"
    );
    assert!(!text.contains(PSK) && !text.contains(HEADER), "{text}");
    assert!(
        !text.contains(&PSK[..14]) && !text.contains(&HEADER[..14]),
        "{text}"
    );
}

/// A list 1NCE documents without paging (integrations) that comes back
/// saying it has more pages: its items are listed and the cut is logged at
/// WARN, not passed off as the whole list in silence.
#[tokio::test]
async fn an_unpaged_list_answered_with_more_pages_is_logged_as_cut() {
    let logs = common::Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = common::server().await;
    let body = serde_json::json!({"items": [{"id": "i-1", "name": "hook", "type": "WEBHOOK"}], "page": 1, "pageAmount": 3});
    answer(
        &server,
        "GET",
        "/v1/integrate/clouds",
        ResponseTemplate::new(200).set_body_json(body),
    )
    .await;
    let client = common::client(&server);
    let page = client.os().integrations().list().send().await.unwrap();
    assert_eq!(page.items.len(), 1);
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("WARN") && text.contains("os.integrations.list") && text.contains("pages=3"),
        "{text}"
    );
}
