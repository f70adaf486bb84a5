//! Orders, products and support, end to end against wiremock: the exact
//! request of every operation, the decoded result, and the input checks
//! (which must stop a call before anything is sent).

mod common;

use common::*;
use once_sdk::{
    CommunicationChannel, CommunicationDirection, DeliveryAddress, Error, OrderType, Salutation,
    ServiceRequestStatus,
};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Asserts the one API request the server got: method, path, the whole
/// query string, the headers and the exact JSON body (or none).
async fn assert_one_request(
    server: &MockServer,
    verb: &str,
    want_path: &str,
    want_query: &[(&str, &str)],
    want_body: Option<Value>,
) -> Request {
    let reqs = api_requests(server).await;
    assert_eq!(reqs.len(), 1, "expected exactly one API request: {reqs:?}");
    let req = reqs.into_iter().next().unwrap();
    assert_eq!(req.method.as_str(), verb);
    assert_eq!(req.url.path(), want_path);
    let mut query: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    query.sort();
    let mut want: Vec<(String, String)> = want_query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    want.sort();
    assert_eq!(query, want, "query string");
    let header = |name: &str| {
        req.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(header("authorization"), Some(bearer()));
    assert_eq!(header("accept").as_deref(), Some("application/json"));
    match want_body {
        Some(body) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"));
            let sent: Value = serde_json::from_slice(&req.body).expect("JSON body");
            assert_eq!(sent, body);
        }
        None => assert!(req.body.is_empty(), "no body expected"),
    }
    req
}

/// Asserts a validation error naming `field`, and that nothing was sent
/// (not even a token request).
async fn assert_rejected<T: std::fmt::Debug>(
    server: &MockServer,
    result: Result<T, Error>,
    field: &str,
) {
    match result {
        Err(Error::InvalidInput(e)) => assert_eq!(e.field, field, "{e}"),
        other => panic!("expected InvalidInput({field}), got {other:?}"),
    }
    let received = server.received_requests().await.unwrap_or_default();
    assert!(received.is_empty(), "nothing may be sent: {received:?}");
}

fn order_json() -> Value {
    json!({
        "order_number": 2000000001u64,
        "order_type": "ADDITIONAL_ORDER",
        "order_date": "2026-03-09T07:59:09.000+0000",
        "order_status": "COMPLETED",
        "invoice_number": 20000002,
        "invoice_amount": "19.99",
        "currency": "EUR",
        "shipping_address": {
            "salutation": "2", "first_name": "Erika", "last_name": "Mustermann",
            "company": "Pumpwerk GmbH", "street": "Hauptstraße", "house_number": "17",
            "zip": "50667", "city": "Köln", "country": "DE", "phone": "+49221000000"
        },
        "sims": [{
            "iccid": "8988280666000000000",
            "_links": [{"rel": "self", "href": "https://api.1nce.com/api/v1/sims/8988280666000000000"}]
        }],
        "products": [{"product_id": 1001, "quantity": "5"}],
        "a_future_field": true
    })
}

#[tokio::test]
async fn list_orders_sends_paging_and_sort_and_decodes() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/orders"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "11")
                .insert_header("X-Total-Pages", "2")
                .insert_header("X-Current-Page", "2")
                .set_body_json(json!([order_json()])),
        )
        .mount(&server)
        .await;
    let page = client(&server)
        .orders()
        .list()
        .page(2)
        .page_size(10)
        .sort("order_status, order_date")
        .send()
        .await
        .unwrap();
    assert_one_request(
        &server,
        "GET",
        "/v1/orders",
        &[
            ("page", "2"),
            ("pageSize", "10"),
            ("sort", "order_status,order_date"),
        ],
        None,
    )
    .await;
    assert_eq!(
        (page.page, page.total_count, page.total_pages),
        (2, Some(11), Some(2))
    );
    assert!(!page.has_next());
    let order = &page.items[0];
    assert_eq!(
        order.order_number,
        Some(once_sdk::OrderNumber::new(2_000_000_001))
    );
    assert_eq!(order.order_type, Some(OrderType::AdditionalOrder));
    assert_eq!(order.invoice_number.as_deref(), Some("20000002"));
    assert_eq!(order.invoice_amount.as_deref(), Some("19.99"));
    assert_eq!(
        order.order_date.unwrap().to_rfc3339(),
        "2026-03-09T07:59:09+00:00"
    );
    let address = order.shipping_address.as_ref().unwrap();
    assert_eq!(address.salutation, Some(Salutation::Ms));
    assert_eq!(address.city.as_deref(), Some("Köln"));
    let sim = &order.sims.as_ref().unwrap()[0];
    assert_eq!(sim.iccid.as_ref().unwrap().as_str(), "8988280666000000000");
    assert_eq!(sim.links.as_ref().unwrap()[0].rel.as_deref(), Some("self"));
    let product = &order.products.as_ref().unwrap()[0];
    assert_eq!(
        (product.product_id, product.quantity),
        (Some(1001), Some(5))
    );
}

#[tokio::test]
async fn list_orders_defaults_send_only_the_page() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let page = client(&server).orders().list().send().await.unwrap();
    assert!(page.is_empty());
    assert_eq!(page.page_size, 10);
    assert_one_request(&server, "GET", "/v1/orders", &[("page", "1")], None).await;
}

#[tokio::test]
async fn get_order_sends_the_number_and_decodes() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/orders/2000000001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(order_json()))
        .mount(&server)
        .await;
    let order = client(&server).orders().get(2_000_000_001).await.unwrap();
    assert_one_request(&server, "GET", "/v1/orders/2000000001", &[], None).await;
    assert_eq!(order.order_status.as_deref(), Some("COMPLETED"));
    assert_eq!(order.currency.as_deref(), Some("EUR"));
}

#[tokio::test]
async fn create_order_sends_the_exact_body_and_reads_the_location() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(201).insert_header(
            "Location",
            "https://api.1nce.com/management-api/v1/orders/1234",
        ))
        .mount(&server)
        .await;
    let created = client(&server)
        .orders()
        .create()
        .product(1001, 50)
        .product(1002, 1)
        .delivery_address(
            DeliveryAddress::new()
                .salutation(Salutation::Mr)
                .first_name("Max")
                .company("Pumpwerk GmbH")
                .street("Hauptstraße")
                .house_number("17")
                .zip("50667")
                .city("Köln")
                .country("DE"),
        )
        .customer_reference("PO-2026-117")
        .send()
        .await
        .unwrap();
    assert_one_request(
        &server,
        "POST",
        "/v1/orders",
        &[],
        Some(json!({
            "products": [{"productId": 1001, "quantity": 50}, {"productId": 1002, "quantity": 1}],
            "delivery_address": {
                "salutation": "1", "first_name": "Max", "company": "Pumpwerk GmbH",
                "street": "Hauptstraße", "house_number": "17", "zip": "50667",
                "city": "Köln", "country": "DE"
            },
            "customer_reference": "PO-2026-117"
        })),
    )
    .await;
    assert_eq!(created.order_number, Some(once_sdk::OrderNumber::new(1234)));
    assert_eq!(
        created.location.as_deref(),
        Some("https://api.1nce.com/management-api/v1/orders/1234")
    );
    assert_eq!(created.order, None);
}

#[tokio::test]
async fn create_order_decodes_the_echoed_order_and_survives_a_bad_body() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "products": [{"productId": 1001, "quantity": 2}],
            "customer_reference": "PO-1"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>ok</html>"))
        .mount(&server)
        .await;
    let client = client(&server);
    let created = client
        .orders()
        .create()
        .product(1001, 2)
        .send()
        .await
        .unwrap();
    let order = created.order.unwrap();
    assert_eq!(order.products[0].quantity, Some(2));
    assert_eq!(order.customer_reference.as_deref(), Some("PO-1"));
    assert_eq!(created.order_number, None);
    // The order was placed: an undecodable body must not look like a failure.
    let created = client
        .orders()
        .create()
        .product(1001, 2)
        .send()
        .await
        .unwrap();
    assert_eq!(created.order, None);
}

#[tokio::test]
async fn create_order_is_never_sent_twice() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/orders"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let err = client(&server)
        .orders()
        .create()
        .product(1001, 1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn list_products_is_one_page_of_everything() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/products"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {
                "id": 1001,
                "product": "1NCE IoT FlexSIM - Standard",
                "material": "1NCE FlexSIM",
                "package_size": 1,
                "minQuantity": 1,
                "maxQuantity": 1000,
                "maxQuantityPerCustomer": "5000",
                "min_contract_duration": 120,
                "one_time_charges": [{"name": "provisionCharge", "amount_net": 10, "currency": "EUR"}],
                "recurring_charges": []
            },
            {"id": 1002, "product": "1NCE IoT FlexSIM - Industrial", "one_time_charges": [{"amount_net": "12.5"}]}
        ])))
        .mount(&server)
        .await;
    let page = client(&server).products().list().await.unwrap();
    assert_one_request(&server, "GET", "/v1/products", &[], None).await;
    assert_eq!(page.len(), 2);
    assert_eq!((page.page, page.page_size), (1, 2));
    assert_eq!((page.total_count, page.total_pages), (Some(2), Some(1)));
    assert!(!page.has_next());
    let p = &page.items[0];
    assert_eq!(p.id, Some(1001));
    assert_eq!(p.min_quantity, Some(1));
    assert_eq!(p.max_quantity, Some(1000));
    assert_eq!(p.max_quantity_per_customer, Some(5000));
    assert_eq!(p.min_contract_duration, Some(120));
    let charge = &p.one_time_charges.as_ref().unwrap()[0];
    assert_eq!(charge.name.as_deref(), Some("provisionCharge"));
    assert_eq!(charge.amount_net, Some(10.0));
    assert_eq!(
        page.items[1].one_time_charges.as_ref().unwrap()[0].amount_net,
        Some(12.5)
    );
}

#[tokio::test]
async fn list_service_requests_sends_paging_and_decodes() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/support"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "120")
                .insert_header("X-Total-Pages", "2")
                .set_body_json(json!([{
                    "caseId": "12",
                    "status": "IN_PROGRESS",
                    "subject": "Connectivity Issue",
                    "text": "Custom Text",
                    "createDate": "2026-03-14T16:10:29Z",
                    "solvedDate": null,
                    "communications": [{
                        "communicationDate": "2026-03-14 16:10:29",
                        "direction": "IN",
                        "id": 1,
                        "originator": "Hans Mustermann",
                        "subject": "Connectivity Issue",
                        "text": "Custom Text",
                        "type": "Portal"
                    }]
                }])),
        )
        .mount(&server)
        .await;
    let page = client(&server)
        .support()
        .list()
        .page_size(100)
        .send()
        .await
        .unwrap();
    assert_one_request(
        &server,
        "GET",
        "/v1/support",
        &[("page", "1"), ("pageSize", "100")],
        None,
    )
    .await;
    assert!(page.has_next());
    let request = &page.items[0];
    assert_eq!(request.case_id.as_deref(), Some("12"));
    assert_eq!(request.status, Some(ServiceRequestStatus::InProgress));
    assert_eq!(
        request.create_date.unwrap().to_rfc3339(),
        "2026-03-14T16:10:29+00:00"
    );
    assert_eq!(request.solved_date, None);
    let message = &request.communications.as_ref().unwrap()[0];
    assert_eq!(message.id.as_deref(), Some("1"));
    assert_eq!(message.direction, Some(CommunicationDirection::In));
    assert_eq!(message.channel, Some(CommunicationChannel::Portal));
    assert_eq!(
        message.communication_date.unwrap().to_rfc3339(),
        "2026-03-14T16:10:29+00:00"
    );
}

#[tokio::test]
async fn list_service_requests_default_page_size_is_one() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/support"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"caseId": "7"}])))
        .mount(&server)
        .await;
    let page = client(&server).support().list().send().await.unwrap();
    assert_eq!(page.page_size, 1);
    // One item on a page of one, no totals: there may be a next page.
    assert!(page.has_next());
    assert_one_request(&server, "GET", "/v1/support", &[("page", "1")], None).await;
}

#[tokio::test]
async fn create_service_request_sends_the_exact_body() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/support"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    client(&server)
        .support()
        .create("Connectivity Issue", "No data since 08:00 UTC.")
        .reply_to_mail("ops@example.com")
        .sender_name("Hans Mustermann")
        .send()
        .await
        .unwrap();
    assert_one_request(
        &server,
        "POST",
        "/v1/support",
        &[],
        Some(json!({
            "replyToMail": "ops@example.com",
            "senderName": "Hans Mustermann",
            "subject": "Connectivity Issue",
            "text": "No data since 08:00 UTC."
        })),
    )
    .await;
}

#[tokio::test]
async fn create_service_request_is_never_sent_twice() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/support"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = client(&server)
        .support()
        .create("Subject", "Text")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");
    assert_eq!(api_requests(&server).await.len(), 1);
}

// Input checks: each stops the call before anything is sent.

#[tokio::test]
async fn order_page_size_above_ten_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server).orders().list().page_size(11).send().await;
    assert_rejected(&server, r, "pageSize").await;
}

#[tokio::test]
async fn order_page_zero_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server).orders().list().page(0).send().await;
    assert_rejected(&server, r, "page").await;
}

#[tokio::test]
async fn order_sort_by_unknown_key_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server)
        .orders()
        .list()
        .sort("order_date,price")
        .send()
        .await;
    assert_rejected(&server, r, "sort").await;
    let r = client(&server).orders().list().sort("").send().await;
    assert_rejected(&server, r, "sort").await;
}

#[tokio::test]
async fn order_without_products_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server).orders().create().send().await;
    assert_rejected(&server, r, "products").await;
}

#[tokio::test]
async fn order_quantity_zero_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server)
        .orders()
        .create()
        .product(1001, 1)
        .product(1002, 0)
        .send()
        .await;
    assert_rejected(&server, r, "quantity").await;
}

#[tokio::test]
async fn order_country_must_be_alpha_2() {
    let server = MockServer::start().await;
    for bad in ["Germany", "de", "D", ""] {
        let r = client(&server)
            .orders()
            .create()
            .product(1001, 1)
            .delivery_address(DeliveryAddress::new().country(bad))
            .send()
            .await;
        assert_rejected(&server, r, "country").await;
    }
}

#[tokio::test]
async fn order_unknown_salutation_is_rejected() {
    let server = MockServer::start().await;
    let r = client(&server)
        .orders()
        .create()
        .product(1001, 1)
        .delivery_address(DeliveryAddress::new().salutation("3".parse().unwrap()))
        .send()
        .await;
    assert_rejected(&server, r, "salutation").await;
}

#[tokio::test]
async fn support_page_size_out_of_range_is_rejected() {
    let server = MockServer::start().await;
    for size in [0, 101] {
        let r = client(&server)
            .support()
            .list()
            .page_size(size)
            .send()
            .await;
        assert_rejected(&server, r, "pageSize").await;
    }
}

#[tokio::test]
async fn support_request_needs_subject_and_text() {
    let server = MockServer::start().await;
    let r = client(&server).support().create("  ", "text").send().await;
    assert_rejected(&server, r, "subject").await;
    let r = client(&server).support().create("subject", "").send().await;
    assert_rejected(&server, r, "text").await;
}

#[tokio::test]
async fn support_request_needs_a_plausible_reply_address() {
    let server = MockServer::start().await;
    for bad in [
        "ops",
        "ops@",
        "@example.com",
        "ops@example",
        "o ps@example.com",
        "a@b@c.de",
    ] {
        let r = client(&server)
            .support()
            .create("subject", "text")
            .reply_to_mail(bad)
            .send()
            .await;
        assert_rejected(&server, r, "replyToMail").await;
    }
}

#[tokio::test]
async fn support_request_sender_name_must_not_be_blank() {
    let server = MockServer::start().await;
    let r = client(&server)
        .support()
        .create("subject", "text")
        .sender_name(" ")
        .send()
        .await;
    assert_rejected(&server, r, "senderName").await;
}
