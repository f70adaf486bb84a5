//! The request id of a response is recorded on the call's `once_sdk.call`
//! span, for successes and errors alike. Alone in its own test binary: it
//! installs a tracing subscriber (see core_secrets.rs for why).

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// Collects the `request_id` values recorded on `once_sdk.call` spans.
#[derive(Clone, Default)]
struct RequestIds(Arc<Mutex<Vec<String>>>);

struct Visitor<'a>(&'a RequestIds);

impl Visit for Visitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "request_id" {
            self.0 .0.lock().unwrap().push(value.to_string());
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "request_id" {
            self.0 .0.lock().unwrap().push(format!("{value:?}"));
        }
    }
}

impl<S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>> Layer<S>
    for RequestIds
{
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        if attrs.metadata().name() == "once_sdk.call" {
            attrs.record(&mut Visitor(self));
        }
    }
    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if ctx.span(id).is_some_and(|s| s.name() == "once_sdk.call") {
            values.record(&mut Visitor(self));
        }
    }
}

#[tokio::test]
async fn the_request_id_is_recorded_on_the_call_span() {
    let ids = RequestIds::default();
    let subscriber = tracing_subscriber::registry()
        .with(ids.clone())
        .with(tracing_subscriber::filter::LevelFilter::TRACE);
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = server().await;
    let iccid: once_sdk::Iccid = "8988280666000000000".parse().unwrap();
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{iccid}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"iccid": iccid.as_str()}))
                .insert_header("x-amzn-requestid", "ok-7f3a"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/sims/{iccid}/quota/data")))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"errorCode": "NotFound"}))
                .insert_header("x-request-id", "err-9c1d"),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    client.sims().get(&iccid).await.unwrap();
    let err = client.sims().data_quota(&iccid).await.unwrap_err();
    assert_eq!(err.request_id(), Some("err-9c1d"));
    assert_eq!(*ids.0.lock().unwrap(), ["ok-7f3a", "err-9c1d"]);
}
