//! Conformance with the official 1NCE OpenAPI documents.
//!
//! Every operation of the specs has one [`Op`] row, in `v1.rs` (SIM
//! management v1), `v2.rs` (SIM management v2) and `other.rs` (auth, orders,
//! products, support). A row names the SDK method and holds a function that
//! calls it, so coverage is measured by running the calls, not claimed.
//!
//! The documents are unmodified copies in `tests/fixtures/openapi/`. For
//! each document there is a module of three tests (run one area with e.g.
//! `cargo test -p once-sdk --test conformance -- orders::`):
//!
//! - `every_operation_has_one_row`: each (method, path) of the document has
//!   exactly one row, and each row of the document is one of its operations;
//! - `every_row_calls_its_operation`: each row's `call` runs against a mock
//!   server that issues tokens and answers everything with the operation's
//!   2xx status and example body (or an empty body); the one request sent
//!   must route to the row's operation (method and path template; concrete
//!   paths win over templated ones, as on a server);
//! - `examples_decode_and_roundtrip`: every 2xx response example decodes
//!   through the row's `decode_response`, every request body example comes
//!   back unchanged from `roundtrip_request`; a missing decoder for an
//!   operation that has examples fails.
//!
//! `coverage_doc_is_current` checks docs/API_COVERAGE.md against the rows
//! (`UPDATE_COVERAGE=1` rewrites it).

use futures::future::BoxFuture;
use once_sdk::Client;
use serde::de::DeserializeOwned;
use serde::Serialize;

mod checks;
#[path = "../../once-sdk/tests/common/mod.rs"]
mod common;
mod os;
mod other;
mod python;
mod spec;
mod v1;
mod v2;

/// One operation of the specs and the SDK method that performs it.
pub struct Op {
    /// Spec file name, e.g. `sim-management.yml`.
    pub spec: &'static str,
    /// HTTP method in capitals, e.g. `GET`.
    pub method: &'static str,
    /// Path template as in the spec, e.g. `/v1/sims/{iccid}/usage`.
    pub path: &'static str,
    /// The Rust call, as shown in docs/API_COVERAGE.md (the Python call is
    /// in `python.rs`).
    pub rust: &'static str,
    /// Calls the SDK method with valid example arguments.
    pub call: fn(Client) -> BoxFuture<'static, Result<(), once_sdk::Error>>,
    /// Decodes a 2xx response example of the spec into the SDK's type.
    pub decode_response: Option<fn(serde_json::Value) -> Result<(), serde_json::Error>>,
    /// Decodes a request body example into the SDK's request type and
    /// encodes it again (the result must equal the example).
    pub roundtrip_request:
        Option<fn(serde_json::Value) -> Result<serde_json::Value, serde_json::Error>>,
}

/// Every row.
pub fn all_ops() -> Vec<Op> {
    let mut ops = other::ops();
    ops.extend(v1::ops());
    ops.extend(v2::ops());
    ops
}

/// A valid ICCID for calls.
pub const ICCID: &str = "8988280666000000000";

/// A `decode_response` for rows whose response body is a `T`: the example
/// must decode, and every field it documents must survive into `T` (encoded
/// again, each non-empty field of the example is still there), so a model
/// that misses or misnames a documented field fails. Without that check any
/// object would decode into any model, as every model field is optional and
/// unknown fields are ignored.
pub fn decode<T: DeserializeOwned + Serialize>(
    example: serde_json::Value,
) -> Result<(), serde_json::Error> {
    let value: T = serde_json::from_value(example.clone())?;
    let encoded = serde_json::to_value(&value)?;
    let mut lost = Vec::new();
    lost_fields(&example, &encoded, "", &mut lost);
    if lost.is_empty() {
        Ok(())
    } else {
        Err(<serde_json::Error as serde::de::Error>::custom(format!(
            "fields of the example the SDK type does not keep: {}",
            lost.join(", ")
        )))
    }
}

/// Paths of `example` fields that `encoded` lacks (null and "" are absent).
fn lost_fields(
    example: &serde_json::Value,
    encoded: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    match (example, encoded) {
        (Value::Object(ex), Value::Object(enc)) => {
            for (k, v) in ex {
                if v.is_null() || v.as_str() == Some("") {
                    continue;
                }
                let here = format!("{at}/{k}");
                match enc.get(k) {
                    None | Some(Value::Null) => out.push(here),
                    Some(e) => lost_fields(v, e, &here, out),
                }
            }
        }
        (Value::Array(ex), Value::Array(enc)) => {
            for (i, v) in ex.iter().enumerate() {
                match enc.get(i) {
                    Some(e) => lost_fields(v, e, &format!("{at}/{i}"), out),
                    None => out.push(format!("{at}/{i}")),
                }
            }
        }
        _ => {}
    }
}

/// A `roundtrip_request` for rows whose request body is a `T`.
pub fn roundtrip<T: DeserializeOwned + Serialize>(
    example: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(serde_json::from_value::<T>(example)?)
}

/// Runs a future to completion on a runtime of its own, on a thread of its
/// own (so decoders that need the SDK's async path work from any test).
pub fn block_on<F>(future: F) -> F::Output
where
    F: std::future::Future + Send,
    F::Output: Send,
{
    std::thread::scope(|s| {
        s.spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime")
                .block_on(future)
        })
        .join()
        .expect("the decoder thread panicked")
    })
}

/// The sandbox answers every operation of the table: each row's call, made
/// through the SDK against a fresh sandbox, succeeds.
#[tokio::test]
async fn the_sandbox_answers_every_operation() {
    // A fresh sandbox per operation: some change the fleet (a transfer
    // moves SIMs out of the account).
    let mut failures = Vec::new();
    let ops = all_ops();
    for op in &ops {
        let sandbox = once_sandbox::Sandbox::builder()
            .sims(20)
            .no_rate_limits()
            .start()
            .await
            .expect("sandbox starts");
        // An SMS for the rows that read or delete one (it gets the specs'
        // example id, 123).
        sandbox
            .receive_sms(ICCID, "hello")
            .expect("the row ICCID exists");
        let client = sandbox.client().expect("client");
        match (op.call)(client).await {
            Err(e) => failures.push(format!("{} {} ({}): {e}", op.method, op.path, op.rust)),
            Ok(()) if sandbox.stats().requests_to(op.method, op.path) == 0 => failures.push(
                format!("{} {} never reached the sandbox", op.method, op.path),
            ),
            Ok(()) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "the sandbox refused:\n{}",
        failures.join("\n")
    );
    assert_eq!(ops.len(), 43);
}
