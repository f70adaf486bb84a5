//! Rows of the conformance table: auth, orders, products, support.

use once_sdk::{NewServiceRequest, Order, OrderRequest, Product, ServiceRequest};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::{common, decode, roundtrip, Op};

/// The rows of this spec area.
pub fn ops() -> Vec<Op> {
    vec![
        Op {
            spec: "authorization.yml",
            method: "POST",
            path: "/oauth/token",
            rust: "client.access_token()",
            call: |c| Box::pin(async move { c.access_token().await.map(|_| ()) }),
            decode_response: Some(decode_token_response),
            roundtrip_request: Some(token_request_body),
        },
        Op {
            spec: "order-management.yml",
            method: "GET",
            path: "/v1/orders",
            rust: "client.orders().list()",
            call: |c| Box::pin(async move { c.orders().list().send().await.map(|_| ()) }),
            decode_response: Some(decode::<Vec<Order>>),
            roundtrip_request: None,
        },
        Op {
            spec: "order-management.yml",
            method: "POST",
            path: "/v1/orders",
            rust: "client.orders().create().product(product_id, quantity).send()",
            call: |c| {
                Box::pin(async move {
                    c.orders()
                        .create()
                        .product(1001, 1)
                        .send()
                        .await
                        .map(|_| ())
                })
            },
            // 1NCE may echo the order back.
            decode_response: Some(decode::<OrderRequest>),
            roundtrip_request: Some(roundtrip::<OrderRequest>),
        },
        Op {
            spec: "order-management.yml",
            method: "GET",
            path: "/v1/orders/{order_number}",
            rust: "client.orders().get(order_number)",
            call: |c| Box::pin(async move { c.orders().get(1234).await.map(|_| ()) }),
            decode_response: Some(decode::<Order>),
            roundtrip_request: None,
        },
        Op {
            spec: "product-information.yml",
            method: "GET",
            path: "/v1/products",
            rust: "client.products().list()",
            call: |c| Box::pin(async move { c.products().list().await.map(|_| ()) }),
            decode_response: Some(decode::<Vec<Product>>),
            roundtrip_request: None,
        },
        Op {
            spec: "support-management.yml",
            method: "GET",
            path: "/v1/support",
            rust: "client.support().list()",
            call: |c| Box::pin(async move { c.support().list().send().await.map(|_| ()) }),
            decode_response: Some(decode::<Vec<ServiceRequest>>),
            roundtrip_request: None,
        },
        Op {
            spec: "support-management.yml",
            method: "POST",
            path: "/v1/support",
            rust: "client.support().create(subject, text).send()",
            call: |c| {
                Box::pin(async move {
                    c.support()
                        .create("Connectivity Issue", "Custom Text")
                        .send()
                        .await
                })
            },
            // 1NCE answers 200/201 without a body.
            decode_response: None,
            roundtrip_request: Some(roundtrip::<NewServiceRequest>),
        },
    ]
}

fn custom(msg: impl std::fmt::Display) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(msg)
}

/// The token response has no public type: the client decodes it inside
/// `access_token()`. So the example is served by a token endpoint and must
/// yield its `access_token` through the SDK's real path.
fn decode_token_response(example: Value) -> Result<(), serde_json::Error> {
    let want = example
        .get("access_token")
        .and_then(Value::as_str)
        .map(str::to_string);
    let got = crate::block_on(async move {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(example))
            .mount(&server)
            .await;
        common::client(&server)
            .access_token()
            .await
            .map(|t| t.expose().to_string())
    })
    .map_err(custom)?;
    if want.as_deref() != Some(got.as_str()) {
        return Err(custom(format!(
            "the client took token {got:?}, the example says {want:?}"
        )));
    }
    Ok(())
}

/// The token request has no inputs and no public type: the "round trip" is
/// the body `access_token()` really sends, which must equal the example.
fn token_request_body(_example: Value) -> Result<Value, serde_json::Error> {
    let sent = crate::block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": common::TOKEN,
                "expires_in": 3600
            })))
            .mount(&server)
            .await;
        common::client(&server).access_token().await?;
        let received = server.received_requests().await.unwrap_or_default();
        Ok::<_, once_sdk::Error>(received.into_iter().map(|r| r.body).collect::<Vec<_>>())
    })
    .map_err(custom)?;
    match sent.as_slice() {
        [body] => serde_json::from_slice(body),
        many => Err(custom(format!(
            "{} token requests, expected one",
            many.len()
        ))),
    }
}
