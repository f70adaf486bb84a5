//! One test per defect the fuzz targets (`once-sdk/fuzz/`) found, through the
//! public API. The failing inputs are also kept in the fuzz seeds, so the
//! smoke run replays them too.

mod common;

use std::time::Duration;

use once_sdk::{Error, Iccid, RetryPolicy, Sim, Timestamp};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// Found by `response_meta`: a `Retry-After` of more seconds than a
/// `Duration` holds made the transport panic (`Duration::from_secs_f64`).
#[tokio::test]
async fn huge_retry_after_does_not_panic() {
    let server = common::server().await;
    let huge = "3".repeat(60);
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", huge.as_str()))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::builder(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::MAX));
    assert!(err.to_string().contains("rate limited"), "{err}");
}

/// Found by `response_meta`, retried: the wait is still capped by
/// `max_retry_after`, so a huge `Retry-After` does not stall the call.
#[tokio::test]
async fn huge_retry_after_is_capped_when_retrying() {
    let server = common::server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1e300"))
        .expect(2)
        .mount(&server)
        .await;
    let client = common::builder(&server)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(1)
                .max_retry_after(Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    let iccid: Iccid = "8988280666000000000".parse().unwrap();
    let err = client.sims().get(&iccid).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::MAX), "{err:?}");
}

/// Found by `timestamp`: instants outside the years 0000 to 9999 (UTC) were
/// accepted, but the SDK's own RFC 3339 encoding of them (`+10000-01-01...Z`)
/// did not decode again. They are refused now.
#[test]
fn timestamps_beyond_year_9999_are_refused() {
    for input in [
        "9999-12-31T23:59:59.999999999-23:59", // year 10000 in UTC
        "253402300800000",                     // epoch ms of 10000-01-01
        "+10000-01-01T00:00:00Z",
        "0000-01-01T00:00:00+01:00", // year -1 in UTC
    ] {
        assert_eq!(Timestamp::parse_lenient(input), None, "{input}");
        let err = input.parse::<Timestamp>().unwrap_err();
        assert_eq!(err.field, "timestamp");
    }
    for input in [
        "9999-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "253402300799999",
    ] {
        let t = Timestamp::parse_lenient(input).unwrap_or_else(|| panic!("{input}"));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
    }
    // In a response the field is informative: it reads as absent.
    let sim: Sim = serde_json::from_str(
        r#"{"iccid":"8988280666000000000","activation_date":"253402300800000"}"#,
    )
    .unwrap();
    assert_eq!(sim.activation_date, None);
}

/// Found by `sms`: a hex payload or UDH with a `+` in it passed
/// `Sms::validate` (`u8::from_str_radix("+0", 16)` is 0), so an SMS 1NCE
/// would refuse or garble went out.
#[test]
fn hex_with_a_sign_is_refused() {
    for payload in ["+00E", "+0+0", "00+1"] {
        for dcs in [4, 8] {
            let err = once_sdk::Sms::text(payload)
                .dcs(dcs)
                .validate()
                .unwrap_err();
            assert_eq!(err.field, "payload", "{payload} dcs {dcs}");
            assert!(err.rule.contains("hex digits"), "{}", err.rule);
        }
    }
    let err = once_sdk::Sms::text("hello")
        .udh("+20000")
        .validate()
        .unwrap_err();
    assert_eq!(err.field, "udh");
    assert!(once_sdk::Sms::binary("00aAfF").validate().is_ok());
    assert!(once_sdk::Sms::text("hi")
        .udh("050003CC0301")
        .validate()
        .is_ok());
}

/// Found by `decode_v1`: serde_json's default number parser can land one
/// unit in the last place off, so `8828066600606660.0` written by the SDK
/// (or the sandbox) came back as `8828066600606659.0`. The workspace now
/// enables serde_json's `float_roundtrip`.
#[test]
fn numbers_decode_to_the_value_written() {
    for volume in [
        8828066600606660.0,
        0.1 + 0.2,
        1.7976931348623157e308,
        5e-324,
    ] {
        let quota: once_sdk::types::v1::Quota =
            serde_json::from_value(serde_json::json!({ "volume": volume })).unwrap();
        let text = serde_json::to_string(&quota).unwrap();
        let again: once_sdk::types::v1::Quota = serde_json::from_str(&text).unwrap();
        assert_eq!(again.volume, Some(volume), "{text}");
    }
    let quota: once_sdk::Quota = serde_json::from_str(r#"{"volume": 8828066600606660.0}"#).unwrap();
    assert_eq!(quota.volume, Some(8828066600606660.0));
}

/// Found by `decode_v2`: a RAT type sent as a bare `""` decoded as
/// `rat_type_id: Some("")`, while the same empty id inside the object form
/// decodes as `None`; the SDK's own serialization did not round-trip.
#[test]
fn empty_rat_type_reads_as_absent() {
    let bare: once_sdk::RatType = serde_json::from_str(r#""""#).unwrap();
    let object: once_sdk::RatType = serde_json::from_str(r#"{"rat_type_id": ""}"#).unwrap();
    assert_eq!(bare.rat_type_id, None);
    assert_eq!(bare, object);
    let numbered: once_sdk::RatType = serde_json::from_str("6").unwrap();
    assert_eq!(numbered.rat_type_id.as_deref(), Some("6"));
}
