//! Which `once` command performs which operation of the 1NCE API.
//!
//! The "CLI" column of docs/API_COVERAGE.md is generated from
//! [`OPERATIONS`], and the end-to-end tests run every `example` against the
//! sandbox and check that it sent exactly this method and path.

/// One API operation and the command that performs it.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// HTTP method, e.g. `GET`.
    pub method: &'static str,
    /// Path template as in 1NCE's OpenAPI documents.
    pub path: &'static str,
    /// The command, as shown in the coverage table.
    pub command: &'static str,
    /// A complete example (arguments after `once`); `{iccid}`, `{iccid2}`, `{iccid3}`,
    /// `{sms_id}`, `{product}` and `{order}` stand for values of the account.
    pub example: &'static str,
}

const fn op(
    method: &'static str,
    path: &'static str,
    command: &'static str,
    example: &'static str,
) -> Operation {
    Operation {
        method,
        path,
        command,
        example,
    }
}

/// Every operation of the API (43) and its command.
pub const OPERATIONS: &[Operation] = &[
    op("POST", "/oauth/token", "once token", "token"),
    // SIM management v2
    op(
        "GET",
        "/v2/sims",
        "once sims list",
        "sims list --page-size 5",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}",
        "once sims get ICCID...",
        "sims get {iccid}",
    ),
    op(
        "PUT",
        "/v2/sims/{iccid}",
        "once sims set ICCID... --label/--status/--imei-lock",
        "sims set {iccid} --label pump-17 --yes",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/events",
        "once sims events ICCID",
        "sims events {iccid}",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/quota/data",
        "once sims quota ICCID...",
        "sims quota {iccid}",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/quota/sms",
        "once sims quota --sms ICCID...",
        "sims quota --sms {iccid}",
    ),
    op(
        "POST",
        "/v2/sims/{iccid}/reset",
        "once sims reset ICCID...",
        "sims reset {iccid} --yes",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/sms",
        "once sms list ICCID",
        "sms list {iccid}",
    ),
    op(
        "POST",
        "/v2/sims/{iccid}/sms",
        "once sms send ICCID... --text",
        "sms send {iccid} --text ping --yes",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/sms/{id}",
        "once sms get ICCID ID",
        "sms get {iccid} {sms_id}",
    ),
    op(
        "DELETE",
        "/v2/sims/{iccid}/sms/{id}",
        "once sms cancel ICCID ID",
        "sms cancel {iccid} {sms_id}",
    ),
    op(
        "GET",
        "/v2/sims/{iccid}/status",
        "once sims status ICCID...",
        "sims status {iccid}",
    ),
    op(
        "POST",
        "/v2/sims/{iccid}/topup",
        "once sims top-up ICCID...",
        "sims top-up {iccid} --yes",
    ),
    // SIM management v1
    op("GET", "/v1/sims", "once v1 list", "v1 list --page-size 5"),
    op(
        "POST",
        "/v1/sims",
        "once v1 set-many ICCID... --status",
        "v1 set-many {iccid} {iccid2} --status enabled --yes",
    ),
    op(
        "POST",
        "/v1/sims/autoTopup",
        "once v1 auto-top-up ICCID... --enable/--disable",
        "v1 auto-top-up {iccid} --enable --yes",
    ),
    op(
        "POST",
        "/v1/sims/extension",
        "once v1 extend ICCID...",
        "v1 extend {iccid} --yes",
    ),
    op("GET", "/v1/sims/limits", "once v1 limits", "v1 limits"),
    op(
        "POST",
        "/v1/sims/limits",
        "once v1 set-limits --data/--sms-mt/--sms-mo",
        "v1 set-limits --data 1 --yes",
    ),
    op(
        "POST",
        "/v1/sims/simTransfer",
        "once v1 transfer ICCID... --target-organisation",
        "v1 transfer {iccid3} --target-organisation 42 --yes",
    ),
    op(
        "POST",
        "/v1/sims/topup",
        "once v1 top-up-many ICCID...",
        "v1 top-up-many {iccid} {iccid2} --yes",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}",
        "once v1 get ICCID...",
        "v1 get {iccid}",
    ),
    op(
        "PUT",
        "/v1/sims/{iccid}",
        "once v1 set ICCID... --status",
        "v1 set {iccid} --status enabled --yes",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/connectivity_info",
        "once v1 connectivity-info ICCID...",
        "v1 connectivity-info {iccid} --subscriber",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/events",
        "once v1 events ICCID",
        "v1 events {iccid}",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/quota/data",
        "once v1 quota ICCID...",
        "v1 quota {iccid}",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/quota/sms",
        "once v1 quota --sms ICCID...",
        "v1 quota --sms {iccid}",
    ),
    op(
        "POST",
        "/v1/sims/{iccid}/reset",
        "once v1 reset ICCID...",
        "v1 reset {iccid} --yes",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/sms",
        "once v1 sms list ICCID",
        "v1 sms list {iccid}",
    ),
    op(
        "POST",
        "/v1/sims/{iccid}/sms",
        "once v1 sms send ICCID... --text",
        "v1 sms send {iccid} --text ping --yes",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/sms/{id}",
        "once v1 sms get ICCID ID",
        "v1 sms get {iccid} {sms_id}",
    ),
    op(
        "DELETE",
        "/v1/sims/{iccid}/sms/{id}",
        "once v1 sms delete ICCID ID",
        "v1 sms delete {iccid} {sms_id}",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/status",
        "once v1 status ICCID...",
        "v1 status {iccid}",
    ),
    op(
        "POST",
        "/v1/sims/{iccid}/topup",
        "once v1 top-up ICCID...",
        "v1 top-up {iccid} --yes",
    ),
    op(
        "GET",
        "/v1/sims/{iccid}/usage",
        "once sims usage ICCID...",
        "sims usage {iccid}",
    ),
    op(
        "GET",
        "/v1/sims/{service}/limits",
        "once v1 service-limits SERVICE",
        "v1 service-limits data",
    ),
    // Orders, products, support
    op("GET", "/v1/orders", "once orders list", "orders list"),
    op(
        "POST",
        "/v1/orders",
        "once orders place --product ID:QTY",
        "orders place --product {product}:1 --yes",
    ),
    op(
        "GET",
        "/v1/orders/{order_number}",
        "once orders get NUMBER",
        "orders get {order}",
    ),
    op("GET", "/v1/products", "once products list", "products list"),
    op("GET", "/v1/support", "once support list", "support list"),
    op(
        "POST",
        "/v1/support",
        "once support create --subject --text",
        "support create --subject test --text hello",
    ),
];

/// The command of an operation, if there is one.
pub fn command(method: &str, path: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .find(|o| o.method == method && o.path == path)
        .map(|o| o.command)
}
