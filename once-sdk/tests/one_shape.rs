//! v1 and v2 in one shape where their wire shapes are the same: one
//! `PaymentMethod`, and an SMS send that answers with the SMS's id in both.

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
