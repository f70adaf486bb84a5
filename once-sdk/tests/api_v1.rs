//! SIM management v1 (`client.v1().sims()`), end to end against wiremock:
//! one test per operation (exact request, decoded result), input validation
//! with nothing sent, and what real v1 responses do beyond the spec.
//!
//! The v1 operations that v2 also has are deprecated (1NCE retires v1 on
//! 2026-12-31); these tests exercise exactly those calls.
#![allow(deprecated)]

mod common;

use chrono::{Days, Months, Utc};
use common::*;
use futures::TryStreamExt;
use once_sdk::types::v1::{
    ConnectivityStatus, Extension, LimitService, PaymentMethod, SetLimits, SimUpdate, Transfer,
    Usage,
};
use once_sdk::{Iccid, SimStatus, Sms};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ICCID: &str = "8988280666000000000";
const ICCID2: &str = "8988280666000000001";

fn iccid(s: &str) -> Iccid {
    s.parse().unwrap()
}

/// Mounts `response` for `verb path`, expected exactly once.
async fn mount(server: &MockServer, verb: &str, p: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

/// Asserts the one API request the server received: method, path, exact
/// query string, bearer and accept headers, and the exact JSON body (with
/// its content type) or no body.
async fn assert_request(
    server: &MockServer,
    verb: &str,
    p: &str,
    query: Option<&str>,
    body: Option<Value>,
) {
    let reqs = api_requests(server).await;
    assert_eq!(reqs.len(), 1, "exactly one API request");
    let r = &reqs[0];
    assert_eq!(r.method.as_str(), verb);
    assert_eq!(r.url.path(), p);
    assert_eq!(r.url.query(), query, "query string");
    let h = |n: &str| r.headers.get(n).map(|v| v.to_str().unwrap().to_string());
    assert_eq!(h("authorization"), Some(bearer()));
    assert_eq!(h("accept").as_deref(), Some("application/json"));
    match body {
        Some(want) => {
            assert_eq!(h("content-type").as_deref(), Some("application/json"));
            let got: Value = serde_json::from_slice(&r.body).expect("JSON body");
            assert_eq!(got, want);
        }
        None => assert!(r.body.is_empty(), "no body expected"),
    }
}

/// Asserts that nothing at all reached the server (not even a token request).
async fn assert_nothing_sent(server: &MockServer) {
    let n = server.received_requests().await.unwrap_or_default().len();
    assert_eq!(n, 0, "no request may be sent for invalid input");
}

fn sim_json(iccid: &str) -> Value {
    json!({
        "iccid": iccid,
        "iccid_with_luhn": format!("{iccid}8"),
        "imsi": "901405100000018",
        "imsi_2": "901405100000019",
        "current_imsi": "901405100000018",
        "msisdn": "882285100000018",
        "imei": "0000000000000018",
        "imei_lock": "true",
        "status": "Enabled",
        "activation_date": "2018-03-09T07:59:09.000+0000",
        "ip_address": "100.100.100.18",
        "current_quota": "500",
        "quota_status": {"id": 0, "description": "More than 20% available"},
        "current_quota_SMS": 250,
        "quota_status_SMS": {"id": 2, "description": "0%", "quota_exceeded_date": "2031-11-26 00:00:00"},
        "label": "DX-137-B12"
    })
}

fn sms_json(id: i64) -> Value {
    json!({
        "id": id,
        "submit_date": "2015-10-05T13:56:59.000Z",
        "delivery_date": "2015-10-05 13:56:59",
        "expiry_date": "2015-10-06T13:56:59.000Z",
        "retry_count": "1",
        "source_address": "1234567890",
        "iccid": ICCID,
        "msisdn": "882285100000018",
        "imsi": "901405100000018",
        "msc": "491600190000",
        "dcs": 0,
        "udh": "",
        "payload": "This is a SMS message.",
        "status": {"id": 4, "description": "DELIVERED"},
        "sms_type": {"id": 1, "description": "MT"},
        "source_address_type": {"id": "145"}
    })
}

// ---- one test per operation -------------------------------------------

#[tokio::test]
async fn list_sims() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims",
        ResponseTemplate::new(200)
            .insert_header("X-Total-Count", "3")
            .insert_header("X-Total-Pages", "2")
            .insert_header("X-Current-Page", "2")
            .insert_header("X-Count-Per-Page", "2")
            .set_body_json(json!([sim_json(ICCID)])),
    )
    .await;
    let page = client(&server)
        .v1()
        .sims()
        .list()
        .page(2)
        .page_size(2)
        .filter("ip_address:10.0.0.1,imei:4711")
        .sort("ip_address,-imei")
        .send()
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims",
        Some("page=2&pageSize=2&q=ip_address%3A10.0.0.1%2Cimei%3A4711&sort=ip_address%2C-imei"),
        None,
    )
    .await;
    assert_eq!(
        (page.page, page.total_count, page.total_pages),
        (2, Some(3), Some(2))
    );
    assert!(!page.has_next());
    let sim = &page.items[0];
    assert_eq!(sim.iccid, iccid(ICCID));
    assert_eq!(sim.imei_lock, Some(true));
    assert_eq!(sim.current_quota, Some(500.0));
    assert_eq!(sim.label.as_deref(), Some("DX-137-B12"));
}

#[tokio::test]
async fn list_sims_streams_every_page() {
    let server = server().await;
    for (p, ids) in [(1, vec![ICCID, ICCID2]), (2, vec!["8988280666000000002"])] {
        Mock::given(method("GET"))
            .and(path("/v1/sims"))
            .and(wiremock::matchers::query_param("page", p.to_string()))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Total-Pages", "2")
                    .insert_header("X-Current-Page", p.to_string())
                    .set_body_json(Value::Array(ids.iter().map(|i| sim_json(i)).collect())),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let all: Vec<_> = client(&server)
        .v1()
        .sims()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
}

#[tokio::test]
async fn get_sim() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000",
        ResponseTemplate::new(200).set_body_json(sim_json(ICCID)),
    )
    .await;
    let sim = client(&server)
        .v1()
        .sims()
        .get(&iccid(ICCID))
        .await
        .unwrap();
    assert_request(&server, "GET", "/v1/sims/8988280666000000000", None, None).await;
    assert_eq!(sim.status, Some(SimStatus::Enabled));
    assert_eq!(sim.imei.unwrap().as_str(), "0000000000000018");
    assert_eq!(sim.current_quota_sms, Some(250.0));
    assert_eq!(
        sim.activation_date.unwrap().to_rfc3339(),
        "2018-03-09T07:59:09+00:00"
    );
    let sms = sim.quota_status_sms.unwrap();
    assert_eq!(sms.id, Some(2));
    assert_eq!(
        sms.quota_exceeded_date.unwrap().to_rfc3339(),
        "2031-11-26T00:00:00+00:00"
    );
}

#[tokio::test]
async fn update_sim() {
    let server = server().await;
    mount(
        &server,
        "PUT",
        "/v1/sims/8988280666000000000",
        ResponseTemplate::new(200),
    )
    .await;
    client(&server)
        .v1()
        .sims()
        .update(&iccid(ICCID))
        .status(SimStatus::Disabled)
        .label("pump-17")
        .imei_lock(true)
        .await
        .unwrap();
    assert_request(
        &server,
        "PUT",
        "/v1/sims/8988280666000000000",
        None,
        Some(json!({"iccid": ICCID, "label": "pump-17", "imei_lock": true, "status": "Disabled"})),
    )
    .await;
}

#[tokio::test]
async fn update_many_sims() {
    let server = server().await;
    mount(&server, "POST", "/v1/sims", ResponseTemplate::new(201)).await;
    let updates = [
        SimUpdate::new(iccid(ICCID), SimStatus::Enabled).label("a"),
        SimUpdate::new(iccid(ICCID2), SimStatus::Disabled),
    ];
    client(&server)
        .v1()
        .sims()
        .update_many(&updates)
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims",
        None,
        Some(json!([
            {"iccid": ICCID, "label": "a", "status": "Enabled"},
            {"iccid": ICCID2, "status": "Disabled"}
        ])),
    )
    .await;
}

#[tokio::test]
async fn sim_status() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/status",
        ResponseTemplate::new(200).set_body_json(json!({
            "status": "ONLINE",
            "location": {
                "iccid": ICCID,
                "imsi": "901405100000018",
                "last_updated": "2023-08-06 09:59:05",
                "operator": {"id": 2, "name": "T-Mobile", "country": {"id": "74", "name": "Germany", "iso-code": "de"}},
                "country": {"country_id": "74", "name": "Germany", "mcc": 262, "iso-code": "de", "latitude": "51"}
            },
            "pdp_context": {
                "pdp_context_id": "1898708000",
                "created": "2023-08-06T09:59:05.000+0000",
                "imsi": "901405100000018",
                "duration": "02:39:10",
                "rat_type": {"rat_type_id": 6, "description": "4G"}
            },
            "services": ["GPRS", "SMS"]
        })),
    )
    .await;
    let c = client(&server)
        .v1()
        .sims()
        .status(&iccid(ICCID))
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/status",
        None,
        None,
    )
    .await;
    assert_eq!(c.status, Some(ConnectivityStatus::Online));
    let loc = c.location.unwrap();
    assert_eq!(
        loc.last_updated.unwrap().to_rfc3339(),
        "2023-08-06T09:59:05+00:00"
    );
    let op = loc.operator.unwrap();
    assert_eq!(op.id.as_deref(), Some("2"));
    assert_eq!(op.country.unwrap().iso_code.as_deref(), Some("de"));
    assert_eq!(loc.country.unwrap().mcc.as_deref(), Some("262"));
    let pdp = c.pdp_context.unwrap();
    assert_eq!(pdp.rat_type.unwrap().description.as_deref(), Some("4G"));
    assert_eq!(
        c.services,
        Some(vec!["GPRS".to_string(), "SMS".to_string()])
    );
}

#[tokio::test]
async fn connectivity_info() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/connectivity_info",
        ResponseTemplate::new(200).set_body_json(json!({
            "ussd_info": {"success": false, "error": "Request Timeout Error"},
            "subscriber_info": {
                "success": true,
                "state": "not_provided_from_vlr",
                "location": {
                    "current_location_retrieved": false,
                    "age_of_location": "2",
                    "cell_global_id": {"cid": 5559, "lac": "10458", "mcc": "262", "mnc": "01"}
                }
            },
            "request_timestamp": "2018-11-07T17:21:46.121+0000",
            "reply_timestamp": "2018-11-07T17:21:46.263+0000"
        })),
    )
    .await;
    let info = client(&server)
        .v1()
        .sims()
        .connectivity_info(&iccid(ICCID))
        .subscriber(false)
        .ussd(true)
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/connectivity_info",
        Some("subscriber=false&ussd=true"),
        None,
    )
    .await;
    assert_eq!(
        info.ussd_info.unwrap().error.as_deref(),
        Some("Request Timeout Error")
    );
    let loc = info.subscriber_info.unwrap().location.unwrap();
    assert_eq!(loc.age_of_location, Some(2));
    let cell = loc.cell_global_id.unwrap();
    assert_eq!((cell.cid, cell.lac), (Some(5559), Some(10458)));
    assert_eq!(
        info.reply_timestamp.unwrap().to_rfc3339(),
        "2018-11-07T17:21:46.263+00:00"
    );
}

#[tokio::test]
async fn connectivity_info_sends_no_flags_by_default() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/connectivity_info",
        ResponseTemplate::new(200).set_body_json(json!({})),
    )
    .await;
    let info = client(&server)
        .v1()
        .sims()
        .connectivity_info(&iccid(ICCID))
        .send()
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/connectivity_info",
        None,
        None,
    )
    .await;
    assert_eq!(info.subscriber_info, None);
}

#[tokio::test]
async fn reset_connectivity() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/reset",
        ResponseTemplate::new(201),
    )
    .await;
    client(&server)
        .v1()
        .sims()
        .reset(&iccid(ICCID))
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/reset",
        None,
        None,
    )
    .await;
}

#[tokio::test]
async fn events_page() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/events",
        ResponseTemplate::new(200).set_body_json(json!({
            "events": [{
                "id": 7,
                "timestamp": "2018-05-07T14:08:05.000+0000",
                "event_type": "Status of SIM changed from 'Issued' to 'Activated'",
                "iccid": ICCID,
                "imei": "0000000000000018",
                "imsi": "901405100000018",
                "country": "Germany",
                "operator": "T-Mobile",
                "mcc": "262",
                "mnc": "01",
                "alert": false,
                "event_severity": "Info"
            }],
            "totalEvents": 12,
            "totalPages": "4"
        })),
    )
    .await;
    let page = client(&server)
        .v1()
        .sims()
        .events(&iccid(ICCID))
        .page(3)
        .page_size(3)
        .sort("-timestamp,id")
        .send()
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/events",
        Some("page=3&pageSize=3&sort=-timestamp%2Cid"),
        None,
    )
    .await;
    assert_eq!((page.page, page.page_size), (3, 3));
    assert_eq!((page.total_count, page.total_pages), (Some(12), Some(4)));
    assert!(page.has_next());
    let e = &page.items[0];
    assert_eq!(e.id, Some(7));
    assert_eq!(e.alert, Some(false));
    assert_eq!(e.mnc.as_deref(), Some("01"));
    assert_eq!(
        e.timestamp.unwrap().to_rfc3339(),
        "2018-05-07T14:08:05+00:00"
    );
}

#[tokio::test]
async fn usage_splits_off_the_total_row() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/usage",
        ResponseTemplate::new(200).set_body_json(json!({"stats": [
            {
                "date": "2021-06-30T00:00:00.000Z",
                "data": {
                    "cost": "0.002803",
                    "currency": {"id": 1, "symbol": "€", "code": "EUR"},
                    "traffic_type": {"description": "Data", "id": 5, "unit": "MB"},
                    "volume": "0.002803",
                    "volume_rx": "0.001482",
                    "volume_tx": "0.001321"
                },
                "sms": {"volume": "3", "volume_rx": "2", "volume_tx": "1", "traffic_type": {"id": "6", "unit": "SMS"}}
            },
            {"date": "2021-07-01", "data": {"volume": 1.0}, "sms": {"volume": "0"}},
            {"date": "TOTAL", "data": {"volume": "1.002803"}, "sms": {"volume": "3"}}
        ]})),
    )
    .await;
    let today = Utc::now().date_naive();
    let start = today - Days::new(30);
    let usage = client(&server)
        .v1()
        .sims()
        .usage(&iccid(ICCID))
        .between(start, today)
        .await
        .unwrap();
    let q = format!(
        "start_dt={}&end_dt={}",
        start.format("%Y-%m-%d"),
        today.format("%Y-%m-%d")
    );
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/usage",
        Some(&q),
        None,
    )
    .await;
    assert_eq!(usage.stats.len(), 2);
    assert_eq!(
        usage.stats[0].date.unwrap().to_rfc3339(),
        "2021-06-30T00:00:00+00:00"
    );
    let data = usage.stats[0].data.as_ref().unwrap();
    assert_eq!(data.volume_rx, Some(0.001482));
    assert_eq!(data.currency.as_ref().unwrap().code.as_deref(), Some("EUR"));
    assert_eq!(
        usage.stats[1].date.unwrap().to_rfc3339(),
        "2021-07-01T00:00:00+00:00"
    );
    assert_eq!(usage.sms_volume(), 3.0);
    let total = usage.total.unwrap();
    assert_eq!(total.data.unwrap().volume, Some(1.002803));
    assert_eq!(total.sms.unwrap().volume, Some(3.0));
}

#[tokio::test]
async fn data_quota() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/quota/data",
        ResponseTemplate::new(200).set_body_json(json!({
            "volume": "435.787951",
            "total_volume": 500,
            "expiry_date": "2031-11-26 00:00:00",
            "peak_throughput": 1000000,
            "last_volume_added": 500,
            "last_status_change_date": "2018-10-01T11:59:44.000Z",
            "threshold_percentage": "20"
        })),
    )
    .await;
    let q = client(&server)
        .v1()
        .sims()
        .data_quota(&iccid(ICCID))
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/quota/data",
        None,
        None,
    )
    .await;
    assert_eq!(q.volume, Some(435.787951));
    assert_eq!(q.peak_throughput, Some(1_000_000));
    assert_eq!(q.threshold_percentage, Some(20));
    assert_eq!(
        q.expiry_date.unwrap().to_rfc3339(),
        "2031-11-26T00:00:00+00:00"
    );
}

#[tokio::test]
async fn sms_quota() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/quota/sms",
        ResponseTemplate::new(200).set_body_json(json!({
            "volume": 42,
            "total_volume": "250",
            "expiry_date": "2029-01-01T00:00:00.000Z"
        })),
    )
    .await;
    let q = client(&server)
        .v1()
        .sims()
        .sms_quota(&iccid(ICCID))
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/quota/sms",
        None,
        None,
    )
    .await;
    assert_eq!((q.volume, q.total_volume), (Some(42.0), Some(250.0)));
    assert_eq!(q.peak_throughput, None);
}

#[tokio::test]
async fn list_sms() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/sms",
        ResponseTemplate::new(200)
            .insert_header("X-Total-Count", "2")
            .set_body_json(json!([sms_json(590), sms_json(591)])),
    )
    .await;
    let page = client(&server)
        .v1()
        .sms()
        .list(&iccid(ICCID))
        .page_size(100)
        .sort("-submit_date")
        .send()
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/sms",
        Some("page=1&pageSize=100&sort=-submit_date"),
        None,
    )
    .await;
    assert_eq!(page.total_count, Some(2));
    assert_eq!(page.items[1].id, Some(once_sdk::SmsId::new(591)));
    let s = &page.items[0];
    assert_eq!(s.retry_count, Some(1));
    assert_eq!(s.udh, None);
    assert_eq!(
        s.status.as_ref().unwrap().description.as_deref(),
        Some("DELIVERED")
    );
    assert_eq!(s.source_address_type.as_ref().unwrap().id, Some(145));
    assert_eq!(
        s.delivery_date.unwrap().to_rfc3339(),
        "2015-10-05T13:56:59+00:00"
    );
}

#[tokio::test]
async fn send_sms() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/sms",
        ResponseTemplate::new(201),
    )
    .await;
    let sms = Sms::text("This is a SMS message.").udh("050003CC0301");
    client(&server)
        .v1()
        .sms()
        .send(&iccid(ICCID), sms.clone())
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/sms",
        None,
        Some(json!({"payload": "This is a SMS message.", "udh": "050003CC0301"})),
    )
    .await;
}

#[tokio::test]
async fn get_sms() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/sms/590",
        ResponseTemplate::new(200).set_body_json(sms_json(590)),
    )
    .await;
    let sms = client(&server)
        .v1()
        .sms()
        .get(&iccid(ICCID), 590)
        .await
        .unwrap();
    assert_request(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/sms/590",
        None,
        None,
    )
    .await;
    assert_eq!(sms.id, Some(once_sdk::SmsId::new(590)));
    assert_eq!(sms.sms_type.unwrap().description.as_deref(), Some("MT"));
    assert_eq!(sms.iccid, Some(iccid(ICCID)));
}

#[tokio::test]
async fn delete_sms() {
    let server = server().await;
    mount(
        &server,
        "DELETE",
        "/v1/sims/8988280666000000000/sms/590",
        ResponseTemplate::new(204),
    )
    .await;
    client(&server)
        .v1()
        .sms()
        .delete(&iccid(ICCID), 590)
        .await
        .unwrap();
    assert_request(
        &server,
        "DELETE",
        "/v1/sims/8988280666000000000/sms/590",
        None,
        None,
    )
    .await;
}

#[tokio::test]
async fn top_up_one() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/topup",
        ResponseTemplate::new(201).insert_header(
            "Location",
            "https://api.1nce.com/management-api/v1/orders/1234",
        ),
    )
    .await;
    let order = client(&server)
        .v1()
        .sims()
        .top_up(&iccid(ICCID))
        .payment_method(PaymentMethod::MonthlyInvoice)
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/topup",
        Some("payment_method=monthlyinvoice"),
        None,
    )
    .await;
    assert_eq!(order.order_number(), Some("1234"));
}

#[tokio::test]
async fn top_up_many() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/topup",
        ResponseTemplate::new(201),
    )
    .await;
    let order = client(&server)
        .v1()
        .sims()
        .top_up_many(&[iccid(ICCID), iccid(ICCID2)])
        .send()
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/topup",
        None,
        Some(json!([ICCID, ICCID2])),
    )
    .await;
    assert_eq!(order.location, None);
    assert_eq!(order.order_number(), None);
}

#[tokio::test]
async fn auto_top_up() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/autoTopup",
        ResponseTemplate::new(201),
    )
    .await;
    client(&server)
        .v1()
        .sims()
        .auto_top_up(&[iccid(ICCID), iccid(ICCID2)], true)
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/autoTopup",
        None,
        Some(json!({"enabled": true, "iccids": [ICCID, ICCID2]})),
    )
    .await;
}

#[tokio::test]
async fn global_limits() {
    let server = server().await;
    // The spec declares `*/*`; the body is JSON.
    mount(
        &server,
        "GET",
        "/v1/sims/limits",
        ResponseTemplate::new(200).set_body_raw(
            r#"{"data":{"id":1,"limit":"16","unit":"MB"},"smsMt":{"id":"2","limit":10,"unit":"SMS"}}"#,
            "*/*",
        ),
    )
    .await;
    let limits = client(&server).v1().sims().limits().await.unwrap();
    assert_request(&server, "GET", "/v1/sims/limits", None, None).await;
    let data = limits.data.unwrap();
    assert_eq!((data.id, data.limit.as_deref()), (Some(1), Some("16")));
    let mt = limits.sms_mt.unwrap();
    assert_eq!((mt.id, mt.limit.as_deref()), (Some(2), Some("10")));
    assert_eq!(limits.sms_mo, None);
}

#[tokio::test]
async fn set_global_limits() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/limits",
        ResponseTemplate::new(201),
    )
    .await;
    client(&server)
        .v1()
        .sims()
        .set_limits(&SetLimits::default().data(3).sms_mo(1).sms_mt(2))
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/limits",
        None,
        Some(json!({"dataLimitId": 3, "smsMtLimitId": 2, "smsMoLimitId": 1})),
    )
    .await;
}

#[tokio::test]
async fn selectable_limits() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/smsMO/limits",
        ResponseTemplate::new(200).set_body_json(json!([
            {"id": 1, "limit": "10", "unit": "SMS"},
            {"id": 2, "limit": "50", "unit": "SMS"}
        ])),
    )
    .await;
    let options = client(&server)
        .v1()
        .sims()
        .selectable_limits(LimitService::SmsMo)
        .await
        .unwrap();
    assert_request(&server, "GET", "/v1/sims/smsMO/limits", None, None).await;
    assert_eq!(options.len(), 2);
    assert_eq!(options[1].limit.as_deref(), Some("50"));
}

#[tokio::test]
async fn selectable_limits_in_the_spec_shape() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/data/limits",
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": {"id": 1, "limit": "16", "unit": "MB"}})),
    )
    .await;
    let options = client(&server)
        .v1()
        .sims()
        .selectable_limits(LimitService::Data)
        .await
        .unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].unit.as_deref(), Some("MB"));
}

#[tokio::test]
async fn extend_sims() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/extension",
        ResponseTemplate::new(201),
    )
    .await;
    client(&server)
        .v1()
        .sims()
        .extend(Extension::new(vec![iccid(ICCID)]).product_id(1001))
        .payment_method(PaymentMethod::CreditCard)
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/extension",
        Some("payment_method=creditcard"),
        Some(json!({"iccids": [ICCID], "productId": 1001})),
    )
    .await;
}

#[tokio::test]
async fn transfer_sims() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/simTransfer",
        ResponseTemplate::new(201),
    )
    .await;
    let transfer = Transfer::new()
        .target_organisation(2_000_000_001)
        .range(iccid(ICCID), iccid("8988280666000000010"))
        .iccid(iccid("8988280666000000042"));
    client(&server)
        .v1()
        .sims()
        .transfer(&transfer)
        .await
        .unwrap();
    assert_request(
        &server,
        "POST",
        "/v1/sims/simTransfer",
        None,
        Some(json!({
            "target_organisation": 2000000001,
            "iccid_ranges": [{"from": ICCID, "to": "8988280666000000010"}],
            "iccids": ["8988280666000000042"]
        })),
    )
    .await;
}

// ---- retries: what may be sent twice and what may not ------------------

#[tokio::test]
async fn top_up_is_never_sent_twice() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/topup",
        ResponseTemplate::new(502),
    )
    .await;
    let err = client(&server)
        .v1()
        .sims()
        .top_up(&iccid(ICCID))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_outcome_unknown(), "{err}");
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn reset_and_transfer_are_never_sent_twice() {
    let server = server().await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/reset",
        ResponseTemplate::new(503),
    )
    .await;
    mount(
        &server,
        "POST",
        "/v1/sims/simTransfer",
        ResponseTemplate::new(503),
    )
    .await;
    let sims = client(&server).v1().sims();
    assert!(sims
        .reset(&iccid(ICCID))
        .await
        .unwrap_err()
        .is_outcome_unknown());
    let t = Transfer::new().iccid(iccid(ICCID));
    assert!(sims.transfer(&t).await.unwrap_err().is_outcome_unknown());
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn auto_top_up_and_set_limits_are_retried() {
    let server = server().await;
    for p in ["/v1/sims/autoTopup", "/v1/sims/limits", "/v1/sims"] {
        Mock::given(method("POST"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(201))
            .with_priority(2)
            .mount(&server)
            .await;
    }
    let sims = client(&server).v1().sims();
    sims.auto_top_up(&[iccid(ICCID)], false).await.unwrap();
    sims.set_limits(&SetLimits::default().data(1))
        .await
        .unwrap();
    sims.update_many(&[SimUpdate::new(iccid(ICCID), SimStatus::Enabled)])
        .await
        .unwrap();
    assert_eq!(api_requests(&server).await.len(), 6);
}

// ---- validation: nothing is sent -----------------------------------------

#[tokio::test]
async fn list_filters_and_page_sizes_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let cases = [
        (sims.list().filter("msisdn:123").send().await, "q"),
        (sims.list().filter("imei").send().await, "q"),
        (sims.list().sort("label").send().await, "sort"),
        (sims.list().page_size(101).send().await, "pageSize"),
    ];
    for (res, field) in cases {
        assert_eq!(res.unwrap_err().validation().unwrap().field, field);
    }
    let e = sims
        .list_sms(&iccid(ICCID))
        .page_size(101)
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "pageSize");
    let e = sims
        .list_sms(&iccid(ICCID))
        .sort("a,,b")
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "sort");
    let e = sims
        .events(&iccid(ICCID))
        .page_size(1001)
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "pageSize");
    let e = sims.events(&iccid(ICCID)).page(0).send().await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "page");
    let e = sims
        .events(&iccid(ICCID))
        .sort("-")
        .stream()
        .try_next()
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "sort");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn events_accept_the_full_page_size() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/events",
        ResponseTemplate::new(200).set_body_json(json!({"events": []})),
    )
    .await;
    let page = client(&server)
        .v1()
        .sims()
        .events(&iccid(ICCID))
        .page_size(1000)
        .send()
        .await
        .unwrap();
    assert!(page.is_empty());
    assert!(!page.has_next());
}

#[tokio::test]
async fn usage_dates_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let today = Utc::now().date_naive();
    let e = sims
        .usage(&iccid(ICCID))
        .between(today, today - Days::new(1))
        .await
        .unwrap_err();
    let v = e.validation().unwrap();
    assert_eq!(v.field, "start_dt");
    assert!(v.rule.contains("after end_dt"), "{}", v.rule);
    let too_old = today - Months::new(6) - Days::new(1);
    let e = sims.usage(&iccid(ICCID)).since(too_old).await.unwrap_err();
    let v = e.validation().unwrap();
    assert_eq!(v.field, "start_dt");
    assert!(v.rule.contains("6 months"), "{}", v.rule);
    let e = sims.usage(&iccid(ICCID)).until(too_old).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "end_dt");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn usage_accepts_one_day_six_months_back() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/usage",
        ResponseTemplate::new(200).set_body_json(json!({"stats": []})),
    )
    .await;
    let day = Utc::now().date_naive() - Months::new(6);
    let usage = client(&server)
        .v1()
        .sims()
        .usage(&iccid(ICCID))
        .between(day, day)
        .await
        .unwrap();
    assert!(usage.stats.is_empty() && usage.total.is_none());
}

#[tokio::test]
async fn sms_is_validated_before_sending() {
    let server = MockServer::start().await;
    let e = client(&server)
        .v1()
        .sms()
        .send(&iccid(ICCID), Sms::text("x".repeat(161)))
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "payload");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn updates_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let unknown: SimStatus = "Suspended".parse().unwrap();
    let e = sims
        .update(&iccid(ICCID))
        .status(unknown)
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "status");
    // v1 requires the status on every change.
    let e = sims
        .update(&iccid(ICCID))
        .label("pump-17")
        .await
        .unwrap_err();
    let v = e.validation().unwrap();
    assert_eq!(v.field, "status");
    assert!(v.rule.contains("required"), "{}", v.rule);
    assert_eq!(
        sims.update(&iccid(ICCID))
            .status(SimStatus::Enabled)
            .label("x".repeat(256))
            .await
            .unwrap_err()
            .validation()
            .unwrap()
            .field,
        "label"
    );
    let e = sims.update_many(&[]).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "body");
    let twice = [
        SimUpdate::new(iccid(ICCID), SimStatus::Enabled),
        SimUpdate::new(iccid(ICCID), SimStatus::Disabled),
    ];
    assert_eq!(
        sims.update_many(&twice)
            .await
            .unwrap_err()
            .validation()
            .unwrap()
            .field,
        "iccid"
    );
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn top_ups_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let bogus: PaymentMethod = "paypal".parse().unwrap();
    let e = sims
        .top_up(&iccid(ICCID))
        .payment_method(bogus)
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "payment_method");
    let e = sims.top_up_many(&[]).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccids");
    let e = sims
        .top_up_many(&[iccid(ICCID), iccid(ICCID)])
        .await
        .unwrap_err();
    assert!(e.validation().unwrap().rule.contains("twice"));
    let e = sims
        .top_up_many(&[Iccid::new_unchecked("12")])
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccids");
    let e = sims.auto_top_up(&[], true).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccids");
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn limits_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let e = sims.set_limits(&SetLimits::default()).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "body");
    let e = sims
        .set_limits(&SetLimits::default().sms_mt(0))
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "smsMtLimitId");
    let e = sims
        .selectable_limits("voice".parse().unwrap())
        .await
        .unwrap_err();
    let v = e.validation().unwrap();
    assert_eq!(v.field, "service");
    assert!(v.rule.contains("smsMT"), "{}", v.rule);
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn extensions_and_transfers_are_checked() {
    let server = MockServer::start().await;
    let sims = client(&server).v1().sims();
    let e = sims.extend(Extension::new(vec![])).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccids");
    let e = sims
        .extend(Extension::new(vec![iccid(ICCID)]).product_id(0))
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "productId");
    let e = sims
        .extend(Extension::new(vec![iccid(ICCID)]))
        .payment_method("cash".parse().unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "payment_method");
    let e = sims.transfer(&Transfer::new()).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccids");
    let backwards = Transfer::new().range(iccid(ICCID2), iccid(ICCID));
    let e = sims.transfer(&backwards).await.unwrap_err();
    assert_eq!(e.validation().unwrap().field, "iccid_ranges");
    let e = sims
        .transfer(&Transfer::new().iccid(iccid(ICCID)).target_organisation(-1))
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "target_organisation");
    assert_nothing_sent(&server).await;
}

// ---- what real responses do -----------------------------------------------

#[tokio::test]
async fn empty_and_whitespace_2xx_bodies_are_fine() {
    let server = server().await;
    mount(
        &server,
        "PUT",
        "/v1/sims/8988280666000000000",
        ResponseTemplate::new(200).set_body_string(""),
    )
    .await;
    mount(
        &server,
        "POST",
        "/v1/sims/8988280666000000000/sms",
        ResponseTemplate::new(201).set_body_string(" \n"),
    )
    .await;
    let sims = client(&server).v1().sims();
    sims.update(&iccid(ICCID))
        .status(SimStatus::Enabled)
        .await
        .unwrap();
    sims.send_sms(&iccid(ICCID), &Sms::text("hi"))
        .await
        .unwrap();
}

#[tokio::test]
async fn events_as_a_bare_array_use_the_headers() {
    let server = server().await;
    mount(
        &server,
        "GET",
        "/v1/sims/8988280666000000000/events",
        ResponseTemplate::new(200)
            .insert_header("X-Total-Count", "1")
            .insert_header("X-Total-Pages", "1")
            .set_body_json(json!([{"timestamp": "2023-08-06 09:59:05", "event_type": "Update location", "imei": 490154203237518u64}])),
    )
    .await;
    let events: Vec<_> = client(&server)
        .v1()
        .sims()
        .events(&iccid(ICCID))
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].imei.as_ref().unwrap().as_str(), "490154203237518");
    assert_eq!(
        events[0].timestamp.unwrap().to_rfc3339(),
        "2023-08-06T09:59:05+00:00"
    );
}

#[test]
fn usage_encodes_total_as_the_last_row() {
    let wire = json!({"stats": [
        {"date": "TOTAL", "data": {"volume": "2"}},
        {"date": "2031-11-26 00:00:00", "data": {"volume": "2"}}
    ]});
    let usage: Usage = serde_json::from_value(wire).unwrap();
    assert_eq!(usage.stats.len(), 1);
    assert_eq!(usage.data_volume(), 2.0);
    let back = serde_json::to_value(&usage).unwrap();
    assert_eq!(back["stats"][1]["date"], "TOTAL");
    assert_eq!(back["stats"][0]["date"], "2031-11-26T00:00:00Z");
    let again: Usage = serde_json::from_value(back).unwrap();
    assert_eq!(again, usage);
}

#[test]
fn usage_rows_with_bad_dates_fail_to_decode() {
    let wire = json!({"stats": [{"date": "yesterday"}]});
    let err = serde_json::from_value::<Usage>(wire).unwrap_err();
    assert!(err.to_string().contains("yesterday"), "{err}");
    // A row without a date is kept as a day of unknown date.
    let usage: Usage = serde_json::from_value(json!({"stats": [{"data": {"volume": 1}}]})).unwrap();
    assert_eq!((usage.stats.len(), usage.stats[0].date), (1, None));
    // An empty body (200 with nothing) is no usage.
    let usage: Usage = serde_json::from_value(Value::Null).unwrap();
    assert!(usage.stats.is_empty() && usage.total.is_none());
}
