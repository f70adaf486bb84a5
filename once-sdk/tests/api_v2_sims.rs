//! The v2 SIM operations of the core, end to end against wiremock.

mod common;

use common::*;
use futures::TryStreamExt;
use once_sdk::{Iccid, SimStatus};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn sim_json(iccid: &str) -> serde_json::Value {
    json!({
        "iccid": iccid,
        "iccid_with_luhn": format!("{iccid}0"),
        "imsi": "901405100000018",
        "msisdn": "882285100000018",
        "imei": "0000000000000018",
        "imei_lock": true,
        "status": "Enabled",
        "activation_date": "2018-03-09T07:59:09.000+0000",
        "ip_address": "100.100.100.18",
        "current_quota": 500,
        "quota_status": {"id": 0, "description": "More than 20% available"},
        "current_quota_SMS": "250",
        "quota_status_SMS": {"id": 1, "description": "Less than 20% available", "threshold_reached_date": "2031-11-26 00:00:00"},
        "label": "pump-17",
        "some_future_field": {"x": 1}
    })
}

#[tokio::test]
async fn get_sim_sends_exact_request_and_decodes() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .and(header("authorization", bearer().as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(sim_json("8988280666000000000")))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let sim = client.sims().get(&iccid).await.unwrap();
    assert_eq!(sim.iccid, iccid);
    assert_eq!(sim.status, Some(SimStatus::Enabled));
    assert_eq!(
        sim.imei.as_ref().map(|i| i.as_str()),
        Some("0000000000000018")
    );
    assert_eq!(sim.current_quota, Some(500.0));
    assert_eq!(sim.current_quota_sms, Some(250.0));
    assert_eq!(
        sim.activation_date.unwrap().to_rfc3339(),
        "2018-03-09T07:59:09+00:00"
    );
    assert_eq!(
        sim.quota_status_sms
            .unwrap()
            .threshold_reached_date
            .unwrap()
            .to_rfc3339(),
        "2031-11-26T00:00:00+00:00"
    );
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 1);
    let ua = reqs[0].headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(ua.starts_with("once-sdk-rust/"), "{ua}");
}

#[tokio::test]
async fn unknown_status_is_kept() {
    let server = server().await;
    let mut body = sim_json("8988280666000000001");
    body["status"] = json!("Suspended");
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let sim = client(&server)
        .sims()
        .get(&"8988280666000000001".parse().unwrap())
        .await
        .unwrap();
    match sim.status.as_ref() {
        Some(SimStatus::Unknown(value)) => assert_eq!(value.as_str(), "Suspended"),
        other => panic!("expected an unknown status, got {other:?}"),
    }
    assert_eq!(sim.status, Some("Suspended".parse().unwrap()));
}

#[tokio::test]
async fn list_sims_page_with_totals() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims"))
        .and(query_param("page", "2"))
        .and(query_param("pageSize", "2"))
        .and(query_param("q", "imei:4711"))
        .and(query_param("sort", "-imei"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Total-Count", "5")
                .insert_header("X-Total-Pages", "3")
                .insert_header("X-Current-Page", "2")
                .insert_header("X-Count-Per-Page", "2")
                .set_body_json(json!([
                    sim_json("8988280666000000002"),
                    sim_json("8988280666000000003")
                ])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server)
        .sims()
        .list()
        .page(2)
        .page_size(2)
        .filter("imei:4711")
        .sort("-imei")
        .send()
        .await
        .unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(
        (
            page.page,
            page.page_size,
            page.total_count,
            page.total_pages
        ),
        (2, 2, Some(5), Some(3))
    );
    assert!(page.has_next());
}

#[tokio::test]
async fn stream_walks_every_page_once() {
    let server = server().await;
    for p in 1..=3u32 {
        let n = if p == 3 { 1 } else { 2 };
        let sims: Vec<_> = (0..n)
            .map(|i| sim_json(&format!("89882806660000000{}{}", p, i)))
            .collect();
        Mock::given(method("GET"))
            .and(path("/v2/sims"))
            .and(query_param("page", p.to_string()))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Total-Count", "5")
                    .insert_header("X-Total-Pages", "3")
                    .insert_header("X-Current-Page", p.to_string())
                    .set_body_json(json!(sims)),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let sims: Vec<_> = client(&server)
        .sims()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = sims.iter().map(|s| s.iccid.to_string()).collect();
    assert_eq!(
        ids,
        vec![
            "8988280666000000010",
            "8988280666000000011",
            "8988280666000000020",
            "8988280666000000021",
            "8988280666000000030"
        ]
    );
}

#[tokio::test]
async fn update_sends_only_set_fields() {
    let server = server().await;
    Mock::given(method("PUT"))
        .and(path("/v2/sims/8988280666000000000"))
        .and(header("authorization", bearer().as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"iccid": "8988280666000000000", "label": "pump-17", "status": "Disabled"}),
        ))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .sims()
        .update(&"8988280666000000000".parse().unwrap())
        .label("pump-17")
        .status(SimStatus::Disabled)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn quotas_decode() {
    let server = server().await;
    for (service, volume) in [("data", json!(435.787951)), ("sms", json!("12"))] {
        Mock::given(method("GET"))
            .and(path(format!(
                "/v2/sims/8988280666000000000/quota/{service}"
            )))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": 1,
                "status": {"id": 1, "description": "ACTIVE"},
                "volume": volume,
                "total_volume": 500,
                "service": service,
                "threshold_percentage": 20,
                "expiry_date": "2029-01-01T00:00:00.000Z",
                "created_at": "2024-08-24T13:13:21Z"
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let data = client.sims().data_quota(&iccid).await.unwrap();
    assert_eq!(data.volume, Some(435.787951));
    assert_eq!(
        data.status.unwrap().description,
        Some(once_sdk::QuotaState::Active)
    );
    assert_eq!(
        data.expiry_date.unwrap().to_rfc3339(),
        "2029-01-01T00:00:00+00:00"
    );
    let sms = client.sims().sms_quota(&iccid).await.unwrap();
    assert_eq!(sms.volume, Some(12.0));
    assert_eq!(sms.service, Some(once_sdk::QuotaService::Sms));
}
