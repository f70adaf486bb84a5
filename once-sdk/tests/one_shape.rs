//! v1 and v2 in one shape where their wire shapes are the same: one
//! `PaymentMethod`, `Sim` and `TopUpOrder`, an SMS send that answers with the
//! SMS's id in both, and one update builder (v1's sends what its old
//! `update(&SimUpdate)` form, still accepted, sent).

#![allow(deprecated)]

mod common;

use common::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[test]
fn v1_and_v2_pay_with_one_payment_method() {
    // The same type under both names: a v1 value is a v2 value.
    let v1: once_sdk::types::v1::PaymentMethod = once_sdk::PaymentMethod::MonthlyInvoice;
    let v2: once_sdk::PaymentMethod = v1.clone();
    assert_eq!(v1, v2);
    assert_eq!(v2.as_str(), "monthlyinvoice");
}

#[tokio::test]
async fn v1_and_v2_sms_sends_answer_with_the_sms_id() {
    let server = server().await;
    for at in [
        "/v1/sims/8988280666000000017/sms",
        "/v2/sims/8988280666000000017/sms",
    ] {
        Mock::given(method("POST"))
            .and(path(at))
            .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "42"})))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let iccid: once_sdk::Iccid = "8988280666000000017".parse().unwrap();
    let v2 = client
        .sms()
        .send(&iccid, once_sdk::Sms::text("ping"))
        .await
        .unwrap();
    let v1 = client
        .v1()
        .sms()
        .send(&iccid, once_sdk::Sms::text("ping"))
        .await
        .unwrap();
    assert_eq!(v1, v2);
    assert_eq!(v1.map(|id| id.to_string()), Some("42".to_string()));
}

/// The bodies of the `PUT` requests the server received, in order.
async fn put_bodies(server: &wiremock::MockServer) -> Vec<(String, serde_json::Value)> {
    api_requests(server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() == "PUT")
        .map(|r| {
            let body = serde_json::from_slice(&r.body).expect("a JSON body");
            (r.url.path().to_string(), body)
        })
        .collect()
}

#[tokio::test]
async fn v1_update_builder_sends_what_the_old_form_sent() {
    use once_sdk::types::v1::SimUpdate;
    use once_sdk::SimStatus;
    let server = server().await;
    Mock::given(method("PUT"))
        .and(path("/v1/sims/8988280666000000017"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = client(&server);
    let iccid: once_sdk::Iccid = "8988280666000000017".parse().unwrap();
    // Each pair: the old form (a SimUpdate value) and the builder.
    let old_forms = [
        SimUpdate::new(iccid.clone(), SimStatus::Disabled),
        SimUpdate::new(iccid.clone(), SimStatus::Enabled).label("pump-17"),
        SimUpdate::new(iccid.clone(), SimStatus::Disabled)
            .label("pump-17")
            .imei_lock(true),
    ];
    for old in &old_forms {
        client.v1().sims().update(old).await.unwrap();
        let mut new = client.v1().sims().update(&iccid).status(old.status.clone());
        if let Some(label) = &old.label {
            new = new.label(label.clone());
        }
        if let Some(lock) = old.imei_lock {
            new = new.imei_lock(lock);
        }
        new.await.unwrap();
    }
    let bodies = put_bodies(&server).await;
    assert_eq!(bodies.len(), 2 * old_forms.len());
    for pair in bodies.chunks(2) {
        assert_eq!(pair[0], pair[1], "builder and old form differ");
    }
    assert_eq!(
        bodies[4].1,
        serde_json::json!({"iccid": "8988280666000000017", "label": "pump-17",
                           "imei_lock": true, "status": "Disabled"})
    );
}

#[tokio::test]
async fn v1_and_v2_update_builders_check_the_same_before_sending() {
    use once_sdk::SimStatus;
    let server = wiremock::MockServer::start().await;
    let client = client(&server);
    let iccid: once_sdk::Iccid = "8988280666000000017".parse().unwrap();
    let unknown: SimStatus = "Suspended".parse().unwrap();
    // The same builder type in both versions.
    let builders: [fn(&once_sdk::Client, &once_sdk::Iccid) -> once_sdk::api::sims::UpdateSim; 2] =
        [|c, i| c.sims().update(i), |c, i| c.v1().sims().update(i)];
    for (version, make) in ["v2", "v1"].into_iter().zip(builders) {
        let long = make(&client, &iccid)
            .status(SimStatus::Enabled)
            .label("x".repeat(256))
            .await
            .unwrap_err();
        assert_eq!(long.validation().unwrap().field, "label", "{version}");
        let unknown = make(&client, &iccid)
            .status(unknown.clone())
            .await
            .unwrap_err();
        assert_eq!(unknown.validation().unwrap().field, "status", "{version}");
        let nothing = make(&client, &iccid).await.unwrap_err();
        assert!(nothing.validation().is_some(), "{version}: {nothing}");
    }
    // v1 alone requires the status.
    let e = client
        .v1()
        .sims()
        .update(&iccid)
        .label("pump-17")
        .imei_lock(true)
        .await
        .unwrap_err();
    assert_eq!(e.validation().unwrap().field, "status");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused update sent something"
    );
}

#[test]
fn v1_and_v2_share_the_sim_and_top_up_order_models() {
    // The same types under both names: a v1 value is a v2 value.
    let iccid: once_sdk::Iccid = "8988280666000000017".parse().unwrap();
    let v1: once_sdk::types::v1::Sim = once_sdk::Sim::new(iccid);
    let v2: once_sdk::Sim = v1.clone();
    assert_eq!(v1, v2);
    let order: once_sdk::types::v1::TopUpOrder = once_sdk::TopUpOrder::default();
    let _: once_sdk::TopUpOrder = order;
}

#[test]
fn one_sim_model_decodes_both_documents_examples() {
    // SIM_card (v1) and SimsSim (v2) as 1NCE's documents write them.
    let body = serde_json::json!({
        "iccid": "8988303000123456789", "iccid_with_luhn": "89883030001234567890",
        "imsi": "901405100000018", "imsi_2": "901405100000018",
        "current_imsi": "901405100000018", "msisdn": "882285100000018",
        "imei": "0000000000000018", "imei_lock": true, "status": "Disabled",
        "activation_date": "2018-03-09T07:59:09.000+0000",
        "ip_address": "100.100.100.18", "current_quota": 500,
        "quota_status": {"id": 0, "description": "More than 20% available"},
        "current_quota_SMS": 250,
        "quota_status_SMS": {"id": 0, "description": "More than 20% available"},
        "label": "DX-137-B12"
    });
    let sim: once_sdk::types::v1::Sim = serde_json::from_value(body).unwrap();
    assert_eq!(sim.current_quota_sms, Some(250.0));
    assert_eq!(sim.label.as_deref(), Some("DX-137-B12"));
    // What it encodes decodes to the same SIM (the Python wheel pickles so).
    let again: once_sdk::Sim = serde_json::from_value(serde_json::to_value(&sim).unwrap()).unwrap();
    assert_eq!(again, sim);
}

#[tokio::test]
async fn v1_and_v2_sim_lists_filter_and_sort_by_the_same_rule() {
    // Both documents: q on imei and ip_address, sort by those two keys.
    let server = wiremock::MockServer::start().await;
    let client = client(&server);
    let lists: [fn(&once_sdk::Client) -> once_sdk::List<once_sdk::Sim>; 2] =
        [|c| c.sims().list(), |c| c.v1().sims().list()];
    for (version, list) in ["v2", "v1"].into_iter().zip(lists) {
        let bad_filter = list(&client).filter("label:pump").send().await.unwrap_err();
        assert_eq!(bad_filter.validation().unwrap().field, "q", "{version}");
        let empty = list(&client).filter(" ").send().await.unwrap_err();
        assert_eq!(
            empty.validation().unwrap().rule,
            "must not be empty",
            "{version}"
        );
        let good = list(&client)
            .filter("imei:4711,ip_address:10.0.0.1")
            .sort("ip_address,-imei");
        assert!(format!("{good:?}").contains("4711"), "{version}");
        let bad_sort = list(&client).sort("-iccid").send().await.unwrap_err();
        assert_eq!(bad_sort.validation().unwrap().field, "sort", "{version}");
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused list sent something"
    );
}
