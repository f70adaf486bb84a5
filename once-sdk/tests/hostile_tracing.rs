//! Tracing keeps the caller's context: pages fetched ahead by `stream()`
//! stay in the caller's span, and a call's span fields are printed once.
//! Alone in its own test binary: it installs a tracing subscriber.

mod common;

use common::*;
use futures::TryStreamExt;
use once_sdk::Iccid;
use serde_json::json;
use tracing::Instrument;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, ResponseTemplate};

#[tokio::test]
async fn prefetched_pages_keep_the_callers_span_and_fields_print_once() {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(logs.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .respond_with(|r: &Request| {
            let n: u64 = r
                .url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(1);
            ResponseTemplate::new(200)
                .set_body_json(json!([{"iccid": format!("{}", 8988280666000000000u64 + n)}]))
                .insert_header("x-total-pages", "3")
                .insert_header("x-current-page", n.to_string().as_str())
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .mount(&server)
        .await;
    let client = client(&server);

    // Three pages, two of them fetched ahead in a task of their own.
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(1)
        .stream()
        .try_collect()
        .instrument(tracing::info_span!("fleet_scan", job = "nightly"))
        .await
        .unwrap();
    assert_eq!(sims.len(), 3);

    // A 401, the token renewed, the call replayed and refused again.
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert_eq!(err.status(), Some(401));

    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    let list_calls: Vec<&str> = logged
        .lines()
        .filter(|l| {
            l.contains("once_sdk.call{operation=\"sims.list\"")
                || l.contains("once_sdk.call{operation=sims.list")
        })
        .filter(|l| l.contains("close") && !l.contains("oauth.token"))
        .collect();
    assert_eq!(list_calls.len(), 3, "{logged}");
    for line in &list_calls {
        assert!(
            line.contains("fleet_scan{job=\"nightly\"}:once_sdk.call{"),
            "a page lost the caller's span: {line}"
        );
    }
    let failed: Vec<&str> = logged
        .lines()
        .filter(|l| l.contains("call failed"))
        .collect();
    assert_eq!(failed.len(), 1, "{logged}");
    for field in ["attempt=", "latency_ms=", "status=401"] {
        assert_eq!(
            failed[0].matches(field).count(),
            1,
            "{field} twice: {}",
            failed[0]
        );
    }
}
