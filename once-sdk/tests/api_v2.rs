//! The v2 SIM operations beyond the core (reset, status, events, top-up)
//! and the v2 SMS operations, end to end against wiremock.

mod common;

use common::*;
use futures::TryStreamExt;
use once_sdk::{
    ConnectivityStatus, DataServiceFailureCause, DataTrafficLimit, Error, Iccid, PaymentMethod,
    Sms, SmsDirection, SmsStatus, SourceAddressType,
};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ICCID: &str = "8988280666000000000";

fn iccid() -> Iccid {
    ICCID.parse().unwrap()
}

/// The one API request the server got, checked for the headers every call
/// carries.
async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut reqs = api_requests(server).await;
    assert_eq!(reqs.len(), 1, "expected exactly one API request");
    let req = reqs.remove(0);
    let h = |name: &str| {
        req.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(h("authorization"), Some(bearer()));
    assert_eq!(h("accept").as_deref(), Some("application/json"));
    req
}

fn content_type(req: &wiremock::Request) -> Option<String> {
    req.headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
}

/// Asserts that nothing at all (not even a token request) reached the server.
async fn assert_no_traffic(server: &MockServer) {
    let reqs = server.received_requests().await.unwrap_or_default();
    assert!(
        reqs.is_empty(),
        "{} requests reached the server",
        reqs.len()
    );
}

fn invalid_field(err: &Error) -> &'static str {
    err.validation()
        .unwrap_or_else(|| panic!("expected a validation error, got {err}"))
        .field
}

#[tokio::test]
async fn reset_posts_without_a_body() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/reset"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).sims().reset(&iccid()).await.unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), None);
    assert!(req.body.is_empty());
    assert_eq!(content_type(&req), None);
}

#[tokio::test]
async fn status_decodes_the_connectivity_detail() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": {"description": "ONLINE"},
            "data_traffic_limit_state": {"description": "NOT_REACHED"},
            "location": {
                "iccid": ICCID,
                "imsi": "901439999999999",
                "last_updated": "2023-08-06 09:59:05",
                "sgsn_number": "120631.mmecd7.mmegi8002.mme.epc.mnc260.mcc310.3gppnetwork.org",
                "operator_id": 826,
                "operator": {"id": 2, "name": "T-Mobile", "mnc": "01",
                             "country": {"id": 74, "name": "Germany", "iso_code": "de"}},
                "country": {"country_id": "74", "name": "Germany", "country_code": "49",
                            "mcc": "262", "iso_code": "de"}
            },
            "pdp_contexts": [{
                "pdp_context_id": "92415",
                "imsi": "901439999999999",
                "created": "2019-12-04T08:12:02.000Z",
                "gtp_v2_uli": {"tac": "38402", "eci": "12", "cgi": {"lac": "40217", "ci": "12"}},
                "ue_ip_address": "10.199.5.223",
                "rat_type": {"rat_type_id": "2", "description": "NB-IoT"},
                "apn": "iot.1nce.net"
            }],
            "services": ["GPRS", "SMS"]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server).sims().status(&iccid()).await.unwrap();
    only_request(&server).await;
    assert_eq!(c.status.description, ConnectivityStatus::Online);
    assert_eq!(
        c.data_traffic_limit_state.unwrap().description,
        DataTrafficLimit::NotReached
    );
    let loc = c.location.unwrap();
    assert_eq!(loc.iccid, iccid());
    assert_eq!(loc.imsi.as_str(), "901439999999999");
    assert_eq!(
        loc.last_updated.unwrap().to_rfc3339(),
        "2023-08-06T09:59:05+00:00"
    );
    assert_eq!(loc.operator_id.as_deref(), Some("826"));
    let op = loc.operator.unwrap();
    assert_eq!(op.name.as_deref(), Some("T-Mobile"));
    assert_eq!(op.country.unwrap().id, Some(74));
    let country = loc.country.unwrap();
    assert_eq!(country.country_id.as_deref(), Some("74"));
    assert_eq!(country.mcc.as_deref(), Some("262"));
    assert_eq!(c.pdp_contexts.len(), 1);
    let pdp = &c.pdp_contexts[0];
    assert_eq!(pdp.pdp_context_id.as_deref(), Some("92415"));
    assert_eq!(
        pdp.created.unwrap().to_rfc3339(),
        "2019-12-04T08:12:02+00:00"
    );
    let uli = pdp.gtp_v2_uli.as_ref().unwrap();
    assert_eq!(uli.tac.as_deref(), Some("38402"));
    assert_eq!(uli.cgi.as_ref().unwrap().lac.as_deref(), Some("40217"));
    assert_eq!(
        pdp.rat_type.as_ref().unwrap().description.as_deref(),
        Some("NB-IoT")
    );
    assert_eq!(c.services, vec!["GPRS".to_string(), "SMS".to_string()]);
}

fn event_json(id: i64) -> serde_json::Value {
    json!({
        "id": id,
        "event_type": {"id": 4, "description": "Delete PDP Context"},
        "timestamp": "2023-03-01T12:07:09.000Z",
        "alert": false,
        "user": null,
        "description": "PDP Context deleted.",
        "event_source": {"id": 0, "description": "Network"},
        "event_severity": {"id": 0, "description": "INFO"},
        "organisation": {"id": 2, "name": "Organisation_Name"},
        "endpoint": {"id": 1, "name": "Monitoring201", "ip_address": "10.199.6.39", "imei": "869951030000000"},
        "sim": {"id": 110, "iccid": "8988317000000000000", "msisdn": "456831700000000"},
        "imsi": {"id": 110, "imsi": "901430000000114"},
        "detail": {
            "id": 3, "name": "Telekom",
            "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
            "volume": {"tx": 0.5, "rx": 1.25, "total": 1.75},
            "data_service_failure_cause": "QUOTA_EXHAUSTED",
            "pdp_context": {"nsapi": 5, "rat_type": 6, "lac": null, "ue_ip_address": "10.199.6.39",
                            "gtp_v1_uli": {"lac": 40217, "ci": 12}}
        }
    })
}

#[tokio::test]
async fn events_page_sends_page_and_page_size() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/events"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "1001")
                .insert_header("X-Total-Pages", "3")
                .insert_header("X-Current-Page", "2")
                .insert_header("X-Count-Per-Page", "500")
                .set_body_json(json!([event_json(1), event_json(2)])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .sims()
        .events(&iccid())
        .page(2)
        .page_size(500)
        .send()
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), Some("page=2&pageSize=500"));
    assert_eq!(
        (
            page.page,
            page.page_size,
            page.total_count,
            page.total_pages
        ),
        (2, 500, Some(1001), Some(3))
    );
    assert_eq!(page.len(), 2);
    let e = &page.items[0];
    assert_eq!(e.id, Some(1));
    assert_eq!(
        e.event_type.as_ref().unwrap().description.as_deref(),
        Some("Delete PDP Context")
    );
    assert_eq!(
        e.timestamp.unwrap().to_rfc3339(),
        "2023-03-01T12:07:09+00:00"
    );
    assert_eq!(e.alert, Some(false));
    assert_eq!(e.user, None);
    assert_eq!(
        e.sim.as_ref().unwrap().iccid.as_ref().unwrap().as_str(),
        "8988317000000000000"
    );
    assert_eq!(
        e.endpoint.as_ref().unwrap().imei.as_ref().unwrap().as_str(),
        "869951030000000"
    );
    let detail = e.detail.as_ref().unwrap();
    assert_eq!(detail.volume.as_ref().unwrap().total, Some(1.75));
    assert_eq!(
        detail.data_service_failure_cause,
        Some(DataServiceFailureCause::QuotaExhausted)
    );
    let pdp = detail.pdp_context.as_ref().unwrap();
    assert_eq!(pdp.nsapi.as_deref(), Some("5"));
    assert_eq!(
        pdp.rat_type.as_ref().unwrap().rat_type_id.as_deref(),
        Some("6")
    );
    assert_eq!(
        pdp.gtp_v1_uli.as_ref().unwrap().lac.as_deref(),
        Some("40217")
    );
}

#[tokio::test]
async fn events_without_page_size_send_only_the_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/events"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .sims()
        .events(&iccid())
        .send()
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), Some("page=1"));
    assert!(page.is_empty());
    assert!(!page.has_next());
}

#[tokio::test]
async fn top_up_sends_payment_method_and_returns_the_order() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/topup"))
        .and(query_param("payment_method", "monthlyinvoice"))
        .respond_with(ResponseTemplate::new(201).insert_header(
            "Location",
            "https://api.1nce.com/management-api/v2/orders/1234",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let order = client(&server)
        .sims()
        .top_up(&iccid())
        .payment_method(PaymentMethod::MonthlyInvoice)
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), Some("payment_method=monthlyinvoice"));
    assert!(req.body.is_empty());
    assert_eq!(content_type(&req), None);
    assert_eq!(
        order.location.as_deref(),
        Some("https://api.1nce.com/management-api/v2/orders/1234")
    );
    assert_eq!(order.order_number(), Some("1234"));
}

#[tokio::test]
async fn top_up_without_payment_method_sends_no_query() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/topup"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let order = client(&server)
        .sims()
        .top_up(&iccid())
        .send()
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), None);
    assert_eq!(order.location, None);
    assert_eq!(order.order_number(), None);
}

#[tokio::test]
async fn sms_send_posts_the_exact_body_and_returns_the_id() {
    let server = server().await;
    let want = json!({
        "payload": "48656c6c6f",
        "dcs": 4,
        "udh": "050003CC0301",
        "source_address": "1234567890",
        "source_address_type": {"id": 145},
        "expiry_date": "2028-03-14T16:10:29Z"
    });
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .and(header("content-type", "application/json"))
        .and(body_json(&want))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "589"})))
        .expect(1)
        .mount(&server)
        .await;
    let sms = Sms::binary("48656c6c6f")
        .udh("050003CC0301")
        .source_address("1234567890", SourceAddressType::INTERNATIONAL)
        .expiry_date(
            "2028-03-14T16:10:29.000+00:00"
                .parse::<once_sdk::Timestamp>()
                .unwrap(),
        );
    let id = client(&server).sms().send(&iccid(), sms).await.unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), None);
    assert_eq!(content_type(&req).as_deref(), Some("application/json"));
    assert_eq!(req.body_json::<serde_json::Value>().unwrap(), want);
    assert_eq!(id, Some(once_sdk::SmsId::new(589)));
}

#[tokio::test]
async fn sms_send_accepts_an_empty_or_numeric_answer() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .and(body_json(json!({"payload": "first"})))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .and(body_json(json!({"payload": "second"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 590})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let first = client
        .sms()
        .send(&iccid(), Sms::text("first"))
        .await
        .unwrap();
    assert_eq!(first, None);
    let second = client
        .sms()
        .send(&iccid(), Sms::text("second"))
        .await
        .unwrap();
    assert_eq!(second, Some(once_sdk::SmsId::new(590)));
}

#[tokio::test]
async fn sms_send_odd_answers_are_not_errors_once_accepted() {
    // The SMS is accepted by then: an error would invite sending it twice.
    let server = server().await;
    for (payload, answer) in [
        (
            "a",
            ResponseTemplate::new(201).set_body_json(json!({"id": "abc"})),
        ),
        (
            "b",
            ResponseTemplate::new(201).set_body_string("<html>created</html>"),
        ),
    ] {
        Mock::given(method("POST"))
            .and(path("/v2/sims/8988280666000000000/sms"))
            .and(body_json(json!({ "payload": payload })))
            .respond_with(answer)
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for payload in ["a", "b"] {
        let id = client
            .sms()
            .send(&iccid(), Sms::text(payload))
            .await
            .unwrap();
        assert_eq!(id, None, "payload {payload}");
    }
}

fn sms_json(id: i64) -> serde_json::Value {
    json!({
        "submit_date": "2019-09-29T07:33:15.000Z",
        "delivery_date": "2019-09-29T07:33:15.000Z",
        "expiry_date": "2019-09-30T07:33:15.000Z",
        "final_date": "2019-09-29T07:33:18.000Z",
        "retry_date": null,
        "last_delivery_attempt": "2019-09-29T07:33:15.000Z",
        "retry_count": 0,
        "gsm_map_error": null,
        "dcs": 0,
        "pid": 0,
        "source_address": "1234",
        "endpoint": {"id": 166, "name": "Your Endpoint"},
        "sim_id": 0,
        "iccid": "8988303000000001000",
        "msisdn": "883XXXXXXXXXXXX",
        "imsi": "901XXXXXXXXXXXX",
        "msc": 491770940000u64,
        "udh": "",
        "payload": "***",
        "id": id,
        "status": {"description": "DELIVERED", "id": 4},
        "sms_type": {"description": "MT", "id": 1},
        "source_address_type": {"description": "National", "id": 161}
    })
}

#[tokio::test]
async fn sms_list_pages_with_per_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "2")
                .insert_header("X-Total-Pages", "1")
                .set_body_json(json!([sms_json(589), sms_json(590)])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .sms()
        .list(&iccid())
        .page_size(1000)
        .send()
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), Some("page=1&per_page=1000"));
    assert_eq!(
        (page.page, page.page_size, page.total_count),
        (1, 1000, Some(2))
    );
    let ids: Vec<_> = page.iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        vec![
            Some(once_sdk::SmsId::new(589)),
            Some(once_sdk::SmsId::new(590))
        ]
    );
    assert!(!page.has_next());
}

#[tokio::test]
async fn sms_stream_sends_per_page_on_every_page() {
    let server = server().await;
    for (p, ids) in [(1u32, vec![1, 2]), (2, vec![3])] {
        Mock::given(method("GET"))
            .and(path("/v2/sims/8988280666000000000/sms"))
            .and(query_param("page", p.to_string()))
            .and(query_param("per_page", "2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Total-Pages", "2")
                    .set_body_json(json!(ids.iter().map(|i| sms_json(*i)).collect::<Vec<_>>())),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let all: Vec<_> = client(&server)
        .sms()
        .list(&iccid())
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 2, 3].map(|n| Some(once_sdk::SmsId::new(n))));
}

#[tokio::test]
async fn sms_get_decodes_the_record() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/sms/589"))
        .respond_with(ResponseTemplate::new(200).set_body_json(sms_json(589)))
        .expect(1)
        .mount(&server)
        .await;
    let sms = client(&server).sms().get(&iccid(), 589).await.unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), None);
    assert_eq!(sms.id, Some(once_sdk::SmsId::new(589)));
    assert_eq!(sms.status.unwrap().description, Some(SmsStatus::Delivered));
    assert_eq!(sms.sms_type.unwrap().description, Some(SmsDirection::Mt));
    assert_eq!(
        sms.final_date.unwrap().to_rfc3339(),
        "2019-09-29T07:33:18+00:00"
    );
    assert_eq!(sms.retry_date, None);
    assert_eq!(sms.msc.as_deref(), Some("491770940000"));
    assert_eq!(sms.udh, None);
    assert_eq!(sms.payload.as_deref(), Some("***"));
    assert_eq!(sms.source_address_type.unwrap().id, Some(161));
    assert_eq!(sms.endpoint.unwrap().name.as_deref(), Some("Your Endpoint"));
}

#[tokio::test]
async fn sms_delete_cancels() {
    let server = server().await;
    Mock::given(method("DELETE"))
        .and(path("/v2/sims/8988280666000000000/sms/589"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "589"})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).sms().delete(&iccid(), 589).await.unwrap();
    let req = only_request(&server).await;
    assert_eq!(req.url.query(), None);
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn calls_that_change_the_world_are_sent_once_on_500() {
    let server = server().await;
    for p in ["reset", "topup", "sms"] {
        Mock::given(method("POST"))
            .and(path(format!("/v2/sims/8988280666000000000/{p}")))
            .respond_with(ResponseTemplate::new(500).set_body_json(json!({
                "error_code": 1000, "error_token": "InternalServerError", "message": "Internal Server Error"
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let errors = [
        client.sims().reset(&iccid()).await.unwrap_err(),
        client.sims().top_up(&iccid()).await.unwrap_err(),
        client
            .sms()
            .send(&iccid(), Sms::text("ping"))
            .await
            .unwrap_err(),
    ];
    for (err, op) in errors.iter().zip(["sims.reset", "sims.top_up", "sms.send"]) {
        match err {
            Error::OutcomeUnknown { operation, .. } => assert_eq!(*operation, op),
            other => panic!("{op}: expected OutcomeUnknown, got {other}"),
        }
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.code(), Some("InternalServerError"));
        assert!(!err.is_retryable());
    }
    assert_eq!(api_requests(&server).await.len(), 3);
}

#[tokio::test]
async fn v2_error_bodies_map_to_code_and_message() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/status"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error_code": 1000, "error_token": "NotFound", "message": "Element not found"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error_code": 1000, "error_token": "BadRequest",
            "message": "Cannot parse parameter per_page as Int: For Input String \"abc\""
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/sms"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "error_code": 1000, "error_token": "Conflict", "message": "Conflicting request"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/sims/8988280666000000000/topup"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "message": "Payment method used is not valid."
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let err = client.sims().status(&iccid()).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (Some(404), Some("NotFound"), Some("Element not found"))
    );

    let err = client.sms().list(&iccid()).send().await.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some("BadRequest"));
    assert_eq!(
        err.message(),
        Some("Cannot parse parameter per_page as Int: For Input String \"abc\"")
    );

    let err = client
        .sms()
        .send(&iccid(), Sms::text("ping"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Api(..)),
        "a 409 is a definite answer: {err}"
    );
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (Some(409), Some("Conflict"), Some("Conflicting request"))
    );

    let err = client.sims().top_up(&iccid()).await.unwrap_err();
    assert_eq!(
        (err.status(), err.code(), err.message()),
        (Some(400), None, Some("Payment method used is not valid."))
    );
    assert_eq!(api_requests(&server).await.len(), 4);
}

#[tokio::test]
async fn event_page_size_is_checked_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    for size in [0, 1001] {
        let err = client
            .sims()
            .events(&iccid())
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&err), "pageSize");
        assert!(err.to_string().contains("between 1 and 1000"), "{err}");
    }
    let err = client
        .sims()
        .events(&iccid())
        .page(0)
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&err), "page");
    let err = client
        .sims()
        .events(&iccid())
        .page_size(0)
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&err), "pageSize");
    assert_no_traffic(&server).await;
}

#[tokio::test]
async fn sms_per_page_is_checked_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    for size in [0, 1001] {
        let err = client
            .sms()
            .list(&iccid())
            .page_size(size)
            .send()
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&err), "per_page");
        assert!(err.to_string().contains("between 1 and 1000"), "{err}");
    }
    let err = client
        .sms()
        .list(&iccid())
        .page(0)
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&err), "page");
    assert_no_traffic(&server).await;
}

#[tokio::test]
async fn sms_id_zero_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    let err = client.sms().get(&iccid(), 0).await.unwrap_err();
    assert_eq!(invalid_field(&err), "id");
    let err = client.sms().delete(&iccid(), 0).await.unwrap_err();
    assert_eq!(invalid_field(&err), "id");
    assert_no_traffic(&server).await;
}

#[tokio::test]
async fn sms_payload_is_validated_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    let cases = [
        (Sms::text(""), "payload"),
        (Sms::text("x".repeat(161)), "payload"),
        (Sms::text("你好"), "payload"),
        (Sms::binary("4865zz"), "payload"),
        (Sms::binary("00".repeat(141)), "payload"),
        (Sms::text("00e9ff").dcs(8), "payload"),
        (Sms::text("ping").dcs(3), "dcs"),
        (Sms::text("ping").udh("0500"), "udh"),
        (Sms::text("ping").udh("zz"), "udh"),
        (
            Sms::text("ping").source_address("abc", SourceAddressType::NATIONAL),
            "source_address",
        ),
        (
            Sms::text("ping").source_address("123", SourceAddressType::new(99)),
            "source_address_type",
        ),
    ];
    for (sms, field) in cases {
        let err = client.sms().send(&iccid(), sms.clone()).await.unwrap_err();
        assert_eq!(invalid_field(&err), field, "{sms:?}");
    }
    assert_no_traffic(&server).await;
}

#[tokio::test]
async fn unknown_payment_method_is_refused_before_sending() {
    let server = MockServer::start().await;
    let err = client(&server)
        .sims()
        .top_up(&iccid())
        .payment_method("paypal".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(invalid_field(&err), "payment_method");
    assert!(err.to_string().contains("banktransfer"), "{err}");
    assert_no_traffic(&server).await;
}
