//! orders against a fresh sandbox: products and orders are listed, and an
//! order is placed only with --confirm, exactly once.

use common::testing::{run, sandbox, scratch_dir};

const BIN: &str = env!("CARGO_BIN_EXE_orders");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");
const ADDRESS: [&str; 12] = [
    "--company",
    "Pumpwerk GmbH",
    "--street",
    "Hafenstrasse",
    "--house-number",
    "1",
    "--zip",
    "20095",
    "--city",
    "Hamburg",
    "--country",
    "DE",
];

#[tokio::test(flavor = "multi_thread")]
async fn products_and_orders_are_listed() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "orders-list");
    let out = run(BIN, Some(&sandbox), &dir, &["products"]).await;
    out.assert_success();
    assert!(
        out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("1001 ") && l.contains("FlexSIM")),
        "{}",
        out.stdout
    );

    let out = run(BIN, Some(&sandbox), &dir, &["list"]).await;
    out.assert_success();
    let first_order = out
        .stdout
        .lines()
        .find(|l| l.contains("FIRST_ORDER"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("the order that brought the fleet:\n{}", out.stdout))
        .to_string();
    assert!(
        out.stdout.contains("the newest 1 of 1 orders"),
        "{}",
        out.stdout
    );

    let out = run(BIN, Some(&sandbox), &dir, &["show", &first_order]).await;
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("order      {first_order}")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("SIMs       20"), "{}", out.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_is_placed_only_with_confirm() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "orders-place");
    let mut args = vec![
        "place",
        "--product",
        "1001",
        "--quantity",
        "5",
        "--reference",
        "PO-17",
    ];
    args.extend_from_slice(&ADDRESS);

    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    out.assert_success();
    assert!(
        out.stdout.contains("not placed: add --confirm"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("5 x 1NCE IoT FlexSIM - Standard (product 1001)"),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox.stats().orders_created, 0);
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/orders"), 0);

    args.push("--confirm");
    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    out.assert_success();
    assert_eq!(sandbox.stats().orders_created, 1);
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/orders"), 1);
    let number: String = out
        .stdout
        .lines()
        .find_map(|l| {
            l.strip_prefix("placed order ")?
                .split(' ')
                .next()
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("an order number in:\n{}", out.stdout));
    let posted = sandbox
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path == "/v1/orders")
        .expect("the order");
    let body: serde_json::Value = serde_json::from_str(&posted.body).expect("JSON body");
    assert_eq!(
        body["products"],
        serde_json::json!([{"productId": 1001, "quantity": 5}])
    );
    assert_eq!(body["customer_reference"], "PO-17");
    assert_eq!(body["delivery_address"]["city"], "Hamburg");

    let out = run(BIN, Some(&sandbox), &dir, &["list"]).await;
    out.assert_success();
    let first_line = out.stdout.lines().nth(1).unwrap_or_default();
    assert!(
        first_line.contains(&number) && first_line.contains("ADDITIONAL_ORDER"),
        "newest first:\n{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_product_is_refused_before_ordering() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "orders-unknown");
    let mut args = vec!["place", "--product", "9999", "--quantity", "1", "--confirm"];
    args.extend_from_slice(&ADDRESS);
    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    assert!(!out.status.success());
    assert!(
        out.stderr.contains("not ordered: there is no product 9999"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.stats().orders_created, 0);
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/orders"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_uses_the_sandbox() {
    let dir = scratch_dir(TMP, "orders-no-creds");
    let out = run(BIN, None, &dir, &["products"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("local 1NCE sandbox"), "{}", out.stderr);
    assert!(out.stdout.contains("1001"), "{}", out.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_answer_is_not_ordered_again() {
    let sandbox = sandbox(20).await;
    let dir = scratch_dir(TMP, "orders-lost-answer");
    sandbox.inject(
        once_sandbox::Fault::apply_then_drop()
            .method("POST")
            .path("/v1/orders"),
    );
    let mut args = vec!["place", "--product", "1002", "--quantity", "2", "--confirm"];
    args.extend_from_slice(&ADDRESS);
    let out = run(BIN, Some(&sandbox), &dir, &args).await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("outcome unknown"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the order may have been placed: check `orders list` before ordering again"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.stats().orders_created, 1);
    assert_eq!(sandbox.stats().requests_to("POST", "/v1/orders"), 1);
}
