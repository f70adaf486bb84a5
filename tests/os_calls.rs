//! 1NCE OS through the SDK against a recording mock server: paging in the
//! body, the retry rules of calls with side effects, the handles of 202
//! answers, pacing of raw calls, validation before traffic, and hostile
//! answers (unknown fields and values, ids above 2^53, repeated pages,
//! bodies over the cap, secrets echoed back).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::TryStreamExt;
use once_sdk::reqwest::Method;
use once_sdk::*;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
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

/// Every page of a body-paged list, each once; `page` and `pageSize` sent.
#[tokio::test]
async fn lists_page_in_the_body_to_the_last_page() {
    let server = common::server().await;
    for page in 1..=3 {
        Mock::given(method("GET"))
            .and(path("/v1/locate/geofences"))
            .and(query_param("page", page.to_string()))
            .and(query_param("pageSize", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": [{"id": format!("g{page}a"), "name": "a"}, {"id": format!("g{page}b"), "name": "b"}],
                "page": page,
                "pageAmount": 3
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = common::client(&server);
    let all: Vec<Geofence> = client
        .os()
        .locator()
        .geofences()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all
        .iter()
        .map(|g| g.id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["g1a", "g1b", "g2a", "g2b", "g3a", "g3b"]);
}

/// A server that answers every page with the same page ends the stream
/// with an error instead of looping.
#[tokio::test]
async fn a_page_that_repeats_ends_the_stream_with_an_error() {
    let server = common::server().await;
    answer(
        &server,
        "GET",
        "/v1/administrationLogs",
        ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"id": "l1", "message": "m"}],
            "pageAmount": 1000
        })),
    )
    .await;
    let client = common::client(&server);
    let got: Vec<Result<AdminLog>> = client
        .os()
        .logs()
        .list()
        .page_size(1)
        .stream()
        .collect::<Vec<_>>()
        .await;
    let err = got.last().unwrap().as_ref().unwrap_err();
    assert!(
        matches!(
            err,
            Error::RepeatedPage {
                page: 2,
                repeats: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(common::api_requests(&server).await.len(), 2);
}

use futures::StreamExt;

/// Unknown fields are ignored, unknown enum values kept, ids above 2^53
/// (sent as numbers) keep every digit.
#[tokio::test]
async fn unknown_fields_and_values_and_huge_ids_decode() {
    let server = common::server().await;
    answer(
        &server,
        "GET",
        "/v1/integrate/devices/actions/requests/18446744073709551615",
        ResponseTemplate::new(200).set_body_raw(
            r#"{"id": 18446744073709551615, "deviceId": 9007199254740993, "status": "PAUSED",
                "protocol": "MQTT", "mode": "SEND_NOW", "brandNew": {"x": 1}}"#,
            "application/json",
        ),
    )
    .await;
    let client = common::client(&server);
    let req = client
        .os()
        .devices()
        .action_request(&"18446744073709551615".into())
        .await
        .unwrap();
    assert_eq!(req.id.unwrap().as_str(), "18446744073709551615");
    assert_eq!(req.device_id.unwrap().as_str(), "9007199254740993");
    assert_eq!(req.status.as_ref().unwrap().as_str(), "PAUSED");
    assert!(matches!(req.status, Some(ActionStatus::Unknown(_))));
    assert!(matches!(req.protocol, Some(OsProtocol::Unknown(_))));
    assert_eq!(req.mode, Some(RequestMode::SendNow));
}

/// A device action that fails after it was sent is not sent again:
/// `OutcomeUnknown`, one request. A read is retried.
#[tokio::test]
async fn actions_are_never_sent_twice_reads_are_retried() {
    let server = common::server().await;
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/dev-17/actions/UDP",
        ResponseTemplate::new(502),
    )
    .await;
    let client = common::client(&server);
    let err = client
        .os()
        .devices()
        .send_udp(&dev(), &UdpAction::new("ping", PayloadType::String, 4445))
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(common::api_requests(&server).await.len(), 1);

    // The same for creating a webhook integration and deleting a plugin.
    let server = common::server().await;
    answer(
        &server,
        "DELETE",
        "/v1/partners/plugins/p1",
        ResponseTemplate::new(503),
    )
    .await;
    let err = common::client(&server)
        .os()
        .plugins()
        .delete(&"p1".into())
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(common::api_requests(&server).await.len(), 1);

    let server = common::server().await;
    Mock::given(method("GET"))
        .and(path("/v1/devices/stats"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    answer(
        &server,
        "GET",
        "/v1/devices/stats",
        ResponseTemplate::new(200).set_body_json(json!({"totalDevices": 3})),
    )
    .await;
    let stats = common::client(&server)
        .os()
        .devices()
        .stats()
        .await
        .unwrap();
    assert_eq!(stats.total_devices, Some(3));
    assert_eq!(common::api_requests(&server).await.len(), 2);
}

/// The handle of an accepted action polls the request until it is final;
/// with a timeout that passes first, the wait fails with a timeout.
#[tokio::test]
async fn an_action_handle_waits_until_the_request_is_done_or_the_timeout() {
    let server = common::server().await;
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/dev-17/actions/LWM2M",
        ResponseTemplate::new(202).set_body_json(json!({"id": "r1", "message": "accepted"})),
    )
    .await;
    let request = |status: &str| {
        ResponseTemplate::new(200).set_body_json(json!({"id": "r1", "status": status}))
    };
    Mock::given(method("GET"))
        .and(path("/v1/integrate/devices/actions/requests/r1"))
        .respond_with(request("SCHEDULED"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    answer(
        &server,
        "GET",
        "/v1/integrate/devices/actions/requests/r1",
        request("SUCCEEDED"),
    )
    .await;
    let client = common::client(&server);
    let handle = client
        .os()
        .devices()
        .send_lwm2m(&dev(), &Lwm2mAction::new(Lwm2mOperation::Read, "/3/0/0"))
        .await
        .unwrap()
        .poll_every(Duration::from_millis(5));
    assert_eq!(handle.id().unwrap().as_str(), "r1");
    let done = handle.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(done.status, Some(ActionStatus::Succeeded));
    let polls = common::api_requests(&server)
        .await
        .iter()
        .filter(|r| r.method == Method::GET)
        .count();
    assert_eq!(polls, 3, "two scheduled answers, then the final one");

    let server = common::server().await;
    answer(
        &server,
        "GET",
        "/v1/integrate/devices/psk/jobs",
        ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"id": "j1", "status": "IN_PROGRESS"}], "page": 1, "pageAmount": 1
        })),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/psk/jobs",
        ResponseTemplate::new(202),
    )
    .await;
    let client = common::client(&server);
    let job = client
        .os()
        .devices()
        .create_psk_job(&[PskJobEntry::new(dev(), "s3cret-key-17", OsProtocol::Coap)])
        .await
        .unwrap()
        .poll_every(Duration::from_millis(5));
    let err = job.wait(Duration::from_millis(30)).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

/// Bad input fails before any traffic, naming the field.
#[tokio::test]
async fn bad_input_is_refused_before_any_traffic() {
    let server = common::server().await;
    let client = common::client(&server);
    let os = client.os();
    let cases: Vec<(Result<()>, &str)> = vec![
        (
            os.devices()
                .send_udp(&dev(), &UdpAction::new("x", PayloadType::String, 0))
                .await
                .map(|_| ()),
            "port",
        ),
        (
            os.devices()
                .set_psk(&dev(), &PskSet::new("", OsProtocol::Coap))
                .await
                .map(|_| ()),
            "secretKey",
        ),
        (
            os.devices()
                .set_psk(&dev(), &PskSet::new("k3y-123456", OsProtocol::Udp))
                .await
                .map(|_| ()),
            "protocol",
        ),
        (
            os.devices()
                .send_coap_bulk(&BulkAction::new(
                    vec![],
                    CoapAction::new(CoapMethod::Get, 1, "/a"),
                ))
                .await
                .map(|_| ()),
            "deviceIds",
        ),
        (
            os.devices()
                .action_requests()
                .page_size(0)
                .send()
                .await
                .map(|_| ()),
            "pageSize",
        ),
        (
            os.devices()
                .active_action_requests()
                .status(ActionStatus::Failed)
                .send()
                .await
                .map(|_| ()),
            "status",
        ),
        (
            os.locator()
                .latest_positions()
                .mode(PositionMode::All)
                .send()
                .await
                .map(|_| ()),
            "mode",
        ),
        (
            os.locator()
                .latest_positions()
                .within(-200.0, 0.0, 0.0, 0.0)
                .send()
                .await
                .map(|_| ()),
            "longitudeFrom",
        ),
        (
            os.locator()
                .create_geofence(&NewGeofence::circle("c", [0.0, 0.0], 0.0))
                .await
                .map(|_| ()),
            "radius",
        ),
        (
            os.locator()
                .create_geofence(&NewGeofence::polygon(
                    "p",
                    vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]],
                ))
                .await
                .map(|_| ()),
            "coordinates",
        ),
        (
            os.optimizer()
                .create_template(&TemplateInput::new("t", "x", vec![OsProtocol::Lwm2m]))
                .await
                .map(|_| ()),
            "protocolFilter",
        ),
        (
            os.integrations()
                .create_webhook(&NewWebhookIntegration::new(
                    "w",
                    "not a url",
                    WebhookHeaders::new(),
                    vec![EventSubscription::new(OsEventType::Location)],
                ))
                .await
                .map(|_| ()),
            "url",
        ),
        (
            os.plugins()
                .create(Partner::Tartabit, &PluginSettings::datacake("w"))
                .await
                .map(|_| ()),
            "serverDomain",
        ),
        (
            os.inspector().device(&"".into()).await.map(|_| ()),
            "deviceId",
        ),
    ];
    for (result, field) in cases {
        let err = result.unwrap_err();
        let v = err
            .validation()
            .unwrap_or_else(|| panic!("{field}: {err:?}"));
        assert_eq!(v.field, field, "{v}");
    }
    assert!(common::api_requests(&server).await.is_empty());
}

/// Pre-shared keys, partner keys and webhook header values never show in
/// `Debug`; echoed back by the server in an error, they are scrubbed from
/// the error's `Display` and `Debug`.
#[tokio::test]
async fn secrets_are_redacted_and_scrubbed_from_echoes() {
    const PSK: &str = "psk-secret-0123456789";
    const HEADER: &str = "hook-secret-9876543210";
    let key = PskSet::new(PSK, OsProtocol::Coap);
    let hook = NewWebhookIntegration::new(
        "w",
        "https://example.com/in",
        WebhookHeaders::new().with("x-api-key", HEADER),
        vec![EventSubscription::new(OsEventType::TelemetryData)],
    );
    let plugin = PluginSettings::tartabit("bridge.example.com", HEADER);
    for debug in [
        format!("{key:?}"),
        format!("{hook:?}"),
        format!("{plugin:?}"),
    ] {
        assert!(!debug.contains(PSK) && !debug.contains(HEADER), "{debug}");
    }
    assert!(
        format!("{hook:?}").contains("x-api-key"),
        "header names stay visible"
    );

    let server = common::server().await;
    let echo = |s: &str| {
        ResponseTemplate::new(400).set_body_json(json!({
            "statusCode": 400, "statusText": "Bad Request", "message": format!("invalid value {s}"),
            "errors": [{"field": "secretKey", "value": s}]
        }))
    };
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/dev-17/psk",
        echo(PSK),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v1/integrate/clouds/webhooks",
        echo(HEADER),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v1/partners/TARTABIT/plugins",
        echo(HEADER),
    )
    .await;
    let client = common::client(&server);
    let errors = [
        client
            .os()
            .devices()
            .set_psk(&dev(), &key)
            .await
            .unwrap_err(),
        client
            .os()
            .integrations()
            .create_webhook(&hook)
            .await
            .unwrap_err(),
        client
            .os()
            .plugins()
            .create(Partner::Tartabit, &plugin)
            .await
            .unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err.status(), Some(400), "{err:?}");
        for text in [
            err.to_string(),
            format!("{err:?}"),
            err.body().unwrap_or_default().to_string(),
        ] {
            assert!(!text.contains(PSK) && !text.contains(HEADER), "{text}");
            assert!(
                !text.contains(&PSK[..14]) && !text.contains(&HEADER[..14]),
                "{text}"
            );
        }
    }
    // The secrets were sent, though.
    let bodies: Vec<String> = common::api_requests(&server)
        .await
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert!(
        bodies[0].contains(PSK) && bodies[1].contains(HEADER) && bodies[2].contains(HEADER),
        "{bodies:?}"
    );
}

/// A body over the client's cap is refused, for 1NCE OS lists as for the
/// rest.
#[tokio::test]
async fn a_body_over_the_cap_is_refused() {
    let server = common::server().await;
    let big = json!({"items": [{"id": "x".repeat(4096)}], "page": 1, "pageAmount": 1});
    answer(
        &server,
        "GET",
        "/v1/partners/plugins",
        ResponseTemplate::new(200).set_body_json(big),
    )
    .await;
    let client = common::builder(&server)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.os().plugins().list().send().await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
}

/// Records the groups calls acquire.
#[derive(Default)]
struct Recorder(Mutex<Vec<EndpointGroup>>);

impl RateLimiter for Recorder {
    fn acquire(&self, group: EndpointGroup) -> BoxFuture<'_, ()> {
        self.0.lock().unwrap().push(group);
        Box::pin(std::future::ready(()))
    }
}

/// Typed and raw calls to 1NCE OS paths are paced by the same groups:
/// the geofence list its own, every other path its own.
#[tokio::test]
async fn typed_and_raw_calls_are_paced_by_the_os_groups() {
    let server = common::server().await;
    answer(
        &server,
        "GET",
        "/v1/locate/geofences",
        ResponseTemplate::new(200).set_body_json(json!({"items": [], "page": 1, "pageAmount": 1})),
    )
    .await;
    answer(
        &server,
        "GET",
        "/v1/locate/devices/dev-17/positions",
        ResponseTemplate::new(200)
            .set_body_json(json!({"coordinates": [], "page": 1, "pageAmount": 1})),
    )
    .await;
    let recorder = Arc::new(Recorder::default());
    let client = common::builder(&server)
        .rate_limiter(recorder.clone())
        .build()
        .unwrap();
    client.os().locator().geofences().send().await.unwrap();
    client
        .raw(Method::GET, "/v1/locate/geofences")
        .await
        .unwrap();
    client
        .os()
        .locator()
        .positions(&dev())
        .send()
        .await
        .unwrap();
    client
        .raw(Method::GET, "/v1/locate/devices/{deviceId}/positions")
        .param("deviceId", "dev-17")
        .await
        .unwrap();
    let positions = EndpointGroup::Os(
        ratelimit::OsPath::of_template("/v1/locate/devices/{deviceId}/positions").unwrap(),
    );
    let groups: Vec<EndpointGroup> = recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .copied()
        .filter(|g| *g != EndpointGroup::OAuth)
        .collect();
    assert_eq!(
        groups,
        [
            EndpointGroup::OsGeofences,
            EndpointGroup::OsGeofences,
            positions,
            positions
        ]
    );
    assert_eq!(
        RateLimits::default().get(EndpointGroup::OsGeofences),
        Some(RateLimit::per_minute(30))
    );
    assert_eq!(
        RateLimits::default().get(positions),
        Some(ratelimit::OS_DEFAULT_LIMIT)
    );
}

/// 1NCE OS serves pages up to 50: a stream that would need page 51 ends
/// with an error naming `page` after page 50's items, without asking for
/// it; page 51 by hand is refused before any traffic.
#[tokio::test]
async fn pages_past_fifty_are_refused_not_requested() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .and(path("/v1/inspect/devices"))
        .respond_with(|req: &wiremock::Request| {
            let page = req.url.query_pairs().find(|(k, _)| k == "page").map(|(_, v)| v.into_owned()).unwrap();
            ResponseTemplate::new(200).set_body_json(json!({
                "items": [{"id": format!("d{page}")}], "page": page.parse::<u32>().unwrap(), "pageAmount": 60
            }))
        })
        .mount(&server)
        .await;
    let client = common::client(&server);
    let got: Vec<Result<Device>> = client
        .os()
        .inspector()
        .devices()
        .page_size(1)
        .page(49)
        .stream()
        .collect()
        .await;
    let ids: Vec<&str> = got
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|d| d.id.as_ref().unwrap().as_str())
        .collect();
    assert_eq!(ids, ["d49", "d50"]);
    let err = got.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.validation().map(|v| v.field), Some("page"), "{err:?}");
    assert_eq!(common::api_requests(&server).await.len(), 2);

    let err = client
        .os()
        .inspector()
        .devices()
        .page(51)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.validation().map(|v| v.field), Some("page"), "{err:?}");
    assert_eq!(common::api_requests(&server).await.len(), 2);
}

/// A bulk action's handle gives one handle per accepted request and the
/// refused devices; an accepted action whose answer does not decode is
/// still accepted (no error that invites sending it again), and its
/// handle says it has no id to follow.
#[tokio::test]
async fn bulk_handles_and_accepted_answers_that_do_not_decode() {
    let server = common::server().await;
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/actions/COAP",
        ResponseTemplate::new(202).set_body_json(json!({
            "acceptedRequests": [{"deviceId": "a", "requestId": "r-a"}, {"deviceId": "b", "requestId": "r-b"}],
            "rejectedDevices": ["c"],
            "message": "2 of 3"
        })),
    )
    .await;
    answer(
        &server,
        "POST",
        "/v1/integrate/devices/dev-17/actions/UDP",
        ResponseTemplate::new(202).set_body_string("<html>accepted</html>"),
    )
    .await;
    let client = common::client(&server);
    let bulk = client
        .os()
        .devices()
        .send_coap_bulk(&BulkAction::new(
            vec!["a".into(), "b".into(), "c".into()],
            CoapAction::new(CoapMethod::Get, 5683, "/x"),
        ))
        .await
        .unwrap();
    let ids: Vec<String> = bulk
        .handles()
        .iter()
        .map(|h| h.id().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["r-a", "r-b"]);
    assert_eq!(bulk.rejected(), [DeviceId::from("c")]);

    let handle = client
        .os()
        .devices()
        .send_udp(&dev(), &UdpAction::new("x", PayloadType::String, 1))
        .await
        .unwrap();
    assert!(handle.id().is_none());
    let err = handle.wait(Duration::from_secs(1)).await.unwrap_err();
    assert_eq!(
        err.validation().map(|v| v.field),
        Some("requestId"),
        "{err:?}"
    );
    assert_eq!(
        common::api_requests(&server).await.len(),
        2,
        "nothing polled without an id"
    );
}

/// Message history pages by token: the stream follows `nextToken` until
/// none comes back; a token sent twice ends it with an error.
#[tokio::test]
async fn history_streams_follow_next_token_and_refuse_a_repeated_one() {
    let server = common::server().await;
    let page = |items: &[&str], next: Option<&str>| {
        let items: Vec<_> = items
            .iter()
            .map(|p| json!({"payload": p, "deviceId": "dev-17"}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "nextToken": next}))
    };
    let history = "/v1/inspect/devices/dev-17/history";
    Mock::given(method("GET"))
        .and(path(history))
        .and(query_param("nextToken", "t2"))
        .respond_with(page(&["c"], None))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(history))
        .and(query_param("nextToken", "t1"))
        .respond_with(page(&["b"], Some("t2")))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(history))
        .respond_with(page(&["a"], Some("t1")))
        .with_priority(3)
        .mount(&server)
        .await;
    let client = common::client(&server);
    let all: Vec<DeviceMessage> = client
        .os()
        .inspector()
        .device_history_stream(&dev(), &HistoryQuery::new(), Some(1))
        .try_collect()
        .await
        .unwrap();
    let payloads: Vec<&str> = all.iter().map(|m| m.payload.as_deref().unwrap()).collect();
    assert_eq!(payloads, ["a", "b", "c"]);

    let server = common::server().await;
    answer(
        &server,
        "GET",
        "/v1/inspect/devices/history",
        page(&["x"], Some("same")),
    )
    .await;
    let client = common::client(&server);
    let got: Vec<Result<DeviceMessage>> = client
        .os()
        .inspector()
        .history_stream(None, None, &HistoryQuery::new(), None)
        .take(10) // ends even if the guard does not
        .collect()
        .await;
    assert!(
        matches!(got.last(), Some(Err(Error::RepeatedPage { .. }))),
        "{got:?}"
    );
    assert_eq!(common::api_requests(&server).await.len(), 2);
}
