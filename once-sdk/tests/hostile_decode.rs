//! What live 1NCE answers and hostile servers send in a 200 body: an empty
//! body for an unknown SIM, 64-bit ids, arrays where objects belong, live
//! spellings the spec does not know.
//!
//! v1 calls are tested as they are, deprecated or not: 1NCE still answers them.
#![allow(deprecated)]

mod common;

use common::*;
use futures::TryStreamExt;
use once_sdk::{Error, Iccid};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

async fn answer(server: &MockServer, p: &str, status: u16, body: &str) {
    Mock::given(method("GET"))
        .and(path(p))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .mount(server)
        .await;
}

// Item 1: not found is a typed answer.

#[tokio::test]
async fn an_empty_blank_or_null_body_for_one_resource_is_not_found() {
    for body in ["", "  \r\n\t", "null", " null \n"] {
        let server = server().await;
        answer(&server, "/v2/sims/8988280666000000000", 200, body).await;
        let err = client(&server).sims().get(&iccid()).await.unwrap_err();
        assert!(err.is_not_found(), "body {body:?}: {err}");
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
        assert!(!err.is_retryable());
        assert_eq!(err.status(), Some(200));
        assert_eq!(
            err.to_string(),
            "not found: `sims.get` answered HTTP 200 with an empty body"
        );
        assert_eq!(api_requests(&server).await.len(), 1, "not retried");
    }
}

#[tokio::test]
async fn a_404_is_not_found_with_its_details() {
    let server = server().await;
    answer(
        &server,
        "/v2/sims/8988280666000000000",
        404,
        r#"{"error_code":1000,"error_token":"NotFound","message":"Element not found"}"#,
    )
    .await;
    let err = client(&server).sims().get(&iccid()).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (Some(404), Some("NotFound"), Some("Element not found"))
    );
    assert_eq!(
        err.to_string(),
        "not found: `sims.get` answered HTTP 404 NotFound: Element not found"
    );
    assert_eq!(api_requests(&server).await.len(), 1, "a 404 is final");
}

#[tokio::test]
async fn list_calls_with_an_empty_or_null_body_stay_an_empty_page() {
    for body in ["", " ", "null"] {
        let server = server().await;
        answer(&server, "/v2/sims", 200, body).await;
        answer(&server, "/v2/sims/8988280666000000000/events", 200, body).await;
        let client = client(&server);
        let page = client.sims().list().send().await.unwrap();
        assert!(page.is_empty() && !page.has_next(), "{body:?}");
        let events: Vec<_> = client
            .sims()
            .events(&iccid())
            .stream()
            .try_collect()
            .await
            .unwrap();
        assert!(events.is_empty(), "{body:?}");
    }
}

// Item 2: integers decode exactly over their whole range.

fn event(id: serde_json::Value) -> serde_json::Value {
    json!({"id": id, "timestamp": "2024-01-01T00:00:00.000+0000", "iccid": "8988280666000000000"})
}

#[tokio::test]
async fn int64_ids_decode_exactly_as_numbers_or_strings() {
    let server = server().await;
    let body = json!([
        event(json!(9007199254740993_i64)),
        event(json!(-9007199254740991_i64)),
        event(json!(i64::MAX)),
        event(json!(i64::MIN)),
        event(json!("9007199254740993")),
        event(json!(" -42 ")),
        event(json!(7.0)),
    ]);
    answer(
        &server,
        "/v2/sims/8988280666000000000/events",
        200,
        &body.to_string(),
    )
    .await;
    let page = client(&server)
        .sims()
        .events(&iccid())
        .send()
        .await
        .unwrap();
    let ids: Vec<_> = page.items.iter().map(|e| e.id).collect();
    assert_eq!(
        ids,
        vec![
            Some(9007199254740993),
            Some(-9007199254740991),
            Some(i64::MAX),
            Some(i64::MIN),
            Some(9007199254740993),
            Some(-42),
            Some(7),
        ]
    );
}

#[tokio::test]
async fn an_integer_out_of_range_is_refused_with_the_number_as_written() {
    for (raw, shown) in [
        ("9223372036854775808", "9223372036854775808"),
        ("\"9223372036854775808\"", "\"9223372036854775808\""),
        ("1.5", "1.5"),
        ("\"12abc\"", "\"12abc\""),
    ] {
        let server = server().await;
        let body = format!(r#"[{{"id": {raw}, "iccid": "8988280666000000000"}}]"#);
        answer(&server, "/v2/sims/8988280666000000000/events", 200, &body).await;
        let err = client(&server)
            .sims()
            .events(&iccid())
            .send()
            .await
            .unwrap_err();
        let Error::Decode { message, .. } = &err else {
            panic!("{raw}: {err:?}");
        };
        assert!(
            message.starts_with(&format!(
                "expected an integer from -9223372036854775808 to 9223372036854775807, got {shown}"
            )),
            "{raw}: {message}"
        );
    }
}

#[tokio::test]
async fn order_numbers_decode_exactly_over_u64() {
    let server = server().await;
    let body = json!([{"order_number": 18446744073709551615_u64, "order_status": "DONE"}]);
    answer(&server, "/v1/orders", 200, &body.to_string()).await;
    let page = client(&server).orders().list().send().await.unwrap();
    assert_eq!(page.items[0].order_number.map(|n| n.get()), Some(u64::MAX));
}

// Item 3: an object is an object.

#[tokio::test]
async fn a_non_object_where_an_object_belongs_is_refused() {
    for body in [
        r#"[1,2,3]"#,
        r#"["8988280666000000000"]"#,
        r#""8988280666000000000""#,
        "17",
    ] {
        let server = server().await;
        answer(&server, "/v2/sims/8988280666000000000", 200, body).await;
        let err = client(&server).sims().get(&iccid()).await.unwrap_err();
        let Error::Decode { message, .. } = &err else {
            panic!("{body}: decoded into {err:?}");
        };
        assert!(message.contains("expected struct Sim"), "{body}: {message}");
    }
}

#[tokio::test]
async fn a_nested_array_where_an_object_belongs_is_refused() {
    let server = server().await;
    let body = json!([{
        "id": 1,
        "iccid": "8988280666000000000",
        "event_type": [4, "Delete PDP Context"]
    }]);
    answer(
        &server,
        "/v2/sims/8988280666000000000/events",
        200,
        &body.to_string(),
    )
    .await;
    let err = client(&server)
        .sims()
        .events(&iccid())
        .send()
        .await
        .unwrap_err();
    let Error::Decode { message, .. } = &err else {
        panic!("decoded: {err:?}");
    };
    assert!(message.contains("expected struct EventCode"), "{message}");
}

// Item 4: live spellings.

#[tokio::test]
async fn v1_status_reads_the_iso_code_in_every_spelling() {
    for key in ["iso-code", "iso_code", "isoCode"] {
        let server = server().await;
        let body = json!({
            "status": "ONLINE",
            "location": {
                "iccid": "8988280666000000000",
                "operator": {"id": "7", "name": "T-Mobile", "country": {"id": "74", "name": "Germany", key: "de"}},
                "country": {"country_id": "74", "name": "Germany", "mcc": "262", key: "de"}
            }
        });
        answer(
            &server,
            "/v1/sims/8988280666000000000/status",
            200,
            &body.to_string(),
        )
        .await;
        let status = client(&server).v1().sims().status(&iccid()).await.unwrap();
        let location = status.location.unwrap();
        assert_eq!(
            location.country.unwrap().iso_code.as_deref(),
            Some("de"),
            "{key}"
        );
        assert_eq!(
            location
                .operator
                .unwrap()
                .country
                .unwrap()
                .iso_code
                .as_deref(),
            Some("de"),
            "{key}"
        );
    }
}

#[tokio::test]
async fn v2_connectivity_reads_the_iso_code_in_every_spelling() {
    for key in ["iso_code", "iso-code", "isoCode"] {
        let server = server().await;
        let body = json!({
            "status": {"description": "ONLINE"},
            "location": {
                "iccid": "8988280666000000000",
                "imsi": "901405100000018",
                "operator": {"id": 7, "name": "T-Mobile", "country": {"id": 74, key: "de"}},
                "country": {"id": 74, "name": "Germany", key: "de"}
            },
            "pdp_contexts": [],
            "services": []
        });
        answer(
            &server,
            "/v2/sims/8988280666000000000/status",
            200,
            &body.to_string(),
        )
        .await;
        let status = client(&server).sims().status(&iccid()).await.unwrap();
        let location = status.location.unwrap();
        assert_eq!(
            location.country.unwrap().iso_code.as_deref(),
            Some("de"),
            "{key}"
        );
        assert_eq!(
            location
                .operator
                .unwrap()
                .country
                .unwrap()
                .iso_code
                .as_deref(),
            Some("de"),
            "{key}"
        );
    }
}

#[tokio::test]
async fn v1_events_read_their_totals_in_either_case() {
    for (events, pages) in [
        ("totalEvents", "totalPages"),
        ("total_events", "total_pages"),
    ] {
        let server = server().await;
        let body = json!({
            "events": [{"id": 1, "iccid": "8988280666000000000"}],
            events: 41,
            pages: 5
        });
        answer(
            &server,
            "/v1/sims/8988280666000000000/events",
            200,
            &body.to_string(),
        )
        .await;
        let page = client(&server)
            .v1()
            .sims()
            .events(&iccid())
            .send()
            .await
            .unwrap();
        assert_eq!(
            (page.total_count, page.total_pages),
            (Some(41), Some(5)),
            "{events}"
        );
    }
}
