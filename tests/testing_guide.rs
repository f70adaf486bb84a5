//! The examples of the rustdoc page "Testing code that uses once-sdk"
//! (`once_sdk::testing`), run for real: the sandbox example (which the
//! page cannot run itself, once-sandbox depending on once-sdk), and the
//! values a user builds, fed to code that reads them.

use once_sandbox::{Fault, Sandbox};
use once_sdk::{
    ApiErrorDetails, ConnectivityStatus, Error, Iccid, Order, OrderNumber, Page, Product, Quota,
    ResponseMeta, Sim, SimConnectivity, SimStatus, SmsId, SmsRecord,
};

#[tokio::test]
async fn tops_up_the_pump_that_runs_dry() -> Result<(), Error> {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = sandbox.client()?;
    let iccid = sandbox.iccids()[0].clone();
    sandbox.consume_data(&iccid, 495.0).expect("known SIM");

    let before = client
        .sims()
        .data_quota(&iccid)
        .await?
        .volume
        .unwrap_or(0.0);
    client.sims().top_up(&iccid).await?;
    let after = client
        .sims()
        .data_quota(&iccid)
        .await?
        .volume
        .unwrap_or(0.0);
    assert!(after > before, "{before} -> {after}");

    // A lost answer to a top-up: the SDK does not send it twice.
    sandbox.inject(Fault::apply_then_status(500).path("/v2/sims/*/topup"));
    let err = client.sims().top_up(&iccid).await.unwrap_err();
    assert!(err.is_outcome_unknown());
    assert_eq!(sandbox.stats().top_ups_applied, 2);
    Ok(())
}

/// Code a user might write: a one-line report per SIM.
fn report(sim: &Sim, quota: &Quota, online: &SimConnectivity) -> String {
    format!(
        "{} {} {:.1} MB {}",
        sim.label.as_deref().unwrap_or("-"),
        sim.status.as_ref().map_or("?", |s| s.as_str()),
        quota.volume.unwrap_or(0.0),
        online.status.description
    )
}

#[test]
fn every_response_model_can_be_built_by_a_user() {
    let iccid: Iccid = "8988280666000000001".parse().unwrap();
    let mut sim = Sim::new(iccid.clone());
    sim.label = Some("pump-17".into());
    sim.status = Some(SimStatus::Enabled);
    let mut quota = Quota::default();
    quota.volume = Some(42.25);
    let online = SimConnectivity::new(ConnectivityStatus::Online);
    assert_eq!(
        report(&sim, &quota, &online),
        "pump-17 Enabled 42.2 MB ONLINE"
    );

    let page = Page::new(vec![sim.clone()])
        .with_page(3, 1)
        .with_totals(5, 5);
    assert!(page.has_next());
    assert_eq!(page.items[0].iccid, iccid);

    let mut order = Order::default();
    order.order_number = Some(OrderNumber::new(1234));
    let mut sms = SmsRecord::default();
    sms.id = Some(SmsId::new(7));
    let mut product = Product::default();
    product.id = Some(1001);
    assert_eq!(
        (order.order_number.unwrap(), sms.id.unwrap()),
        (OrderNumber::from(1234), SmsId::from(7))
    );
    assert_eq!(product.id, Some(1001));

    // Unknown enum values: built by parsing, read with as_str().
    let status: SimStatus = "Suspended".parse().unwrap();
    match &status {
        SimStatus::Unknown(v) => assert_eq!(v.as_str(), "Suspended"),
        other => panic!("{other:?}"),
    }

    let meta = ResponseMeta::new(200)
        .with_header("x-amzn-requestid", "abc")
        .with_header("x-total-pages", "5");
    assert_eq!(
        (meta.request_id(), meta.total_pages()),
        (Some("abc"), Some(5))
    );
}

#[test]
fn every_error_kind_can_be_built_by_a_user() {
    let errors = [
        Error::invalid_input("iccid", "must be 19 or 20 digits"),
        Error::auth(ApiErrorDetails::new(400).with_code("BadCredentials")),
        Error::rate_limited(ApiErrorDetails::new(429), None),
        Error::api(ApiErrorDetails::new(503).with_message("try later")),
        Error::timeout("attempt timed out after 30s"),
        Error::transport_failure("connection reset"),
        Error::decode("sims.get", 200, "expected value", "<html>"),
        Error::outcome_unknown("sms.send", Error::transport_failure("reset")),
        Error::config("ONCE_CLIENT_ID is not set"),
        Error::not_found("sims.get", ApiErrorDetails::new(404)),
        Error::response_too_large("sims.list", 200, 1024),
        Error::repeated_page("sims.list", 2, 1),
    ];
    let kinds: Vec<&str> = errors
        .iter()
        .map(|e| match e {
            Error::InvalidInput(_) => "invalid",
            Error::Auth { .. } => "auth",
            Error::RateLimited { .. } => "rate",
            Error::Api(_) => "api",
            Error::Timeout(_) => "timeout",
            Error::Transport { .. } => "transport",
            Error::Decode { .. } => "decode",
            Error::OutcomeUnknown { .. } => "unknown",
            Error::Config(_) => "config",
            Error::NotFound { .. } => "not found",
            Error::ResponseTooLarge { .. } => "too large",
            Error::RepeatedPage { .. } => "repeated page",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "invalid",
            "auth",
            "rate",
            "api",
            "timeout",
            "transport",
            "decode",
            "unknown",
            "config",
            "not found",
            "too large",
            "repeated page"
        ]
    );
    let retryable: Vec<bool> = errors.iter().map(Error::is_retryable).collect();
    assert_eq!(
        retryable,
        [false, false, true, true, true, true, false, false, false, false, false, false]
    );
    assert_eq!(errors[3].to_string(), "1NCE API error: HTTP 503: try later");
}
