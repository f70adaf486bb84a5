//! Conformance with the official 1NCE OpenAPI documents.
//!
//! Every operation of the specs has one [`Op`] row, in `v1.rs` (SIM
//! management v1), `v2.rs` (SIM management v2) and `other.rs` (auth, orders,
//! products, support). A row names the SDK method and holds a function that
//! calls it, so coverage is measured by running the calls, not claimed.

use futures::future::BoxFuture;
use once_sdk::Client;

mod other;
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
    /// The Rust call, as shown in docs/API_COVERAGE.md.
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
