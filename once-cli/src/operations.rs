//! Which `once` command performs which operation of the 1NCE API.
//!
//! The "CLI" column of docs/API_COVERAGE.md is generated from
//! [`OPERATIONS`] and [`OS_COMMANDS`], and the end-to-end tests run every
//! `example` against the sandbox and check that it sent exactly this method
//! and path.

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

/// The command of an operation, if there is one (the Management API's
/// [`OPERATIONS`], then 1NCE OS's [`OS_COMMANDS`]).
pub fn command(method: &str, path: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .find(|o| o.method == method && o.path == path)
        .map(|o| o.command)
        .or_else(|| {
            let op = once_sdk::OsOperation::find(method, path)?;
            OS_COMMANDS
                .iter()
                .find(|c| c.operation == op.name)
                .map(|c| c.command)
        })
}

/// A 1NCE OS operation, by its name in the SDK's table
/// (`once_sdk::api::os::OPERATIONS`, which gives its method, path and
/// effect), and the `once os` command that performs it.
#[derive(Clone, Copy, Debug)]
pub struct OsCommand {
    /// The SDK's name, e.g. `os.devices.send_udp`.
    pub operation: &'static str,
    /// The command, as shown in the coverage table.
    pub command: &'static str,
    /// A complete example (arguments after `once`), run by the end-to-end
    /// tests against the sandbox. Placeholders: `{device}` and `{device2}`
    /// (devices of the fleet), `{busy_device}` (one with an unfinished
    /// action), `{psk_device}` (one with a COAP key),
    /// `{request}` (an action request), `{geofence}`, `{template}`,
    /// `{aws}` (an active AWS integration), `{webhook}`, `{plugin}` (one
    /// that can restart), `{log}` (an administration log) and `{bodies}`
    /// (a directory of request bodies: key.txt, key.hex, keys.json,
    /// test.json, template.json, webhook.json, mender.json, tartabit.json).
    pub example: &'static str,
}

const fn os(operation: &'static str, command: &'static str, example: &'static str) -> OsCommand {
    OsCommand {
        operation,
        command,
        example,
    }
}

/// Every operation of 1NCE OS (72) and its command, in the SDK's order.
pub const OS_COMMANDS: &[OsCommand] = &[
    os("os.devices.endpoints", "once os devices endpoints", "os devices endpoints"),
    os("os.devices.endpoint", "once os devices endpoint PROTOCOL", "os devices endpoint LWM2M"),
    os(
        "os.devices.update_endpoint",
        "once os devices update-endpoint PROTOCOL --active/--setting",
        "os devices update-endpoint LWM2M --setting LWM2M_PASSIVE_REPORTING=ENABLED --yes",
    ),
    os(
        "os.devices.action_requests",
        "once os devices action-requests",
        "os devices action-requests --device-id {device}",
    ),
    os(
        "os.devices.active_action_requests",
        "once os devices active-action-requests",
        "os devices active-action-requests --protocol UDP",
    ),
    os(
        "os.devices.archived_action_requests",
        "once os devices archived-action-requests",
        "os devices archived-action-requests --page-size 5",
    ),
    os(
        "os.devices.cancel_action_requests",
        "once os devices cancel-action-requests DEVICE_ID",
        "os devices cancel-action-requests {busy_device} --yes",
    ),
    os(
        "os.devices.cancel_action_request",
        "once os devices cancel-action-request REQUEST_ID",
        "os devices cancel-action-request {request} --yes",
    ),
    os(
        "os.devices.action_request",
        "once os devices action-request REQUEST_ID",
        "os devices action-request {request}",
    ),
    os(
        "os.devices.set_preshared_key",
        "once os devices set-preshared-key DEVICE_ID --protocol --key-file",
        "os devices set-preshared-key {device} --protocol COAP --key-file {bodies}/key.txt --yes",
    ),
    os(
        "os.devices.preshared_key_jobs",
        "once os devices preshared-key-jobs",
        "os devices preshared-key-jobs",
    ),
    os(
        "os.devices.create_preshared_key_job",
        "once os devices create-preshared-key-job --body FILE",
        "os devices create-preshared-key-job --body {bodies}/keys.json --yes",
    ),
    os(
        "os.devices.set_psk",
        "once os devices set-psk DEVICE_ID --protocol --key-file",
        "os devices set-psk {device} --protocol LWM2M --format HEX --key-file {bodies}/key.hex --yes",
    ),
    os(
        "os.devices.psk",
        "once os devices psk DEVICE_ID PROTOCOL",
        "os devices psk {psk_device} COAP",
    ),
    os("os.devices.psk_jobs", "once os devices psk-jobs", "os devices psk-jobs"),
    os(
        "os.devices.create_psk_job",
        "once os devices create-psk-job --body FILE",
        "os devices create-psk-job --body {bodies}/keys.json --yes",
    ),
    os(
        "os.devices.send_lwm2m",
        "once os devices send-lwm2m DEVICE_ID --action --resource",
        "os devices send-lwm2m {device} --action read --resource /3/0/1 --yes",
    ),
    os(
        "os.devices.send_lwm2m_bulk",
        "once os devices send-lwm2m-bulk --device-id... --action --resource",
        "os devices send-lwm2m-bulk --device-id {device} --device-id {device2} --action execute --resource /3/0/4 --yes",
    ),
    os(
        "os.devices.send_coap",
        "once os devices send-coap DEVICE_ID --method --port --path",
        "os devices send-coap {device} --method POST --port 5683 --path /led --payload on --yes",
    ),
    os(
        "os.devices.send_coap_bulk",
        "once os devices send-coap-bulk --device-id... --method --port --path",
        "os devices send-coap-bulk --device-id {device} --device-id {device2} --method GET --port 5683 --path /status --yes",
    ),
    os(
        "os.devices.send_udp",
        "once os devices send-udp DEVICE_ID --payload --port",
        "os devices send-udp {device} --payload ping --port 4445 --yes",
    ),
    os(
        "os.devices.send_udp_bulk",
        "once os devices send-udp-bulk --device-id... --payload --port",
        "os devices send-udp-bulk --device-id {device} --device-id {device2} --payload ping --port 4445 --yes",
    ),
    os("os.optimizer.test", "once os optimizer test --template --payload", "os optimizer test --body {bodies}/test.json"),
    os("os.optimizer.savings", "once os optimizer savings", "os optimizer savings --range 7"),
    os("os.agreements.accept", "once os agreements accept", "os agreements accept --yes"),
    os(
        "os.integrations.aws_parameters",
        "once os integrations aws-parameters",
        "os integrations aws-parameters",
    ),
    os(
        "os.integrations.restart_aws",
        "once os integrations restart-aws INTEGRATION_ID",
        "os integrations restart-aws {aws} --yes",
    ),
    os(
        "os.integrations.test_aws",
        "once os integrations test-aws INTEGRATION_ID",
        "os integrations test-aws {aws} --yes",
    ),
    os("os.logs.list", "once os logs list", "os logs list --page-size 5"),
    os("os.logs.stats", "once os logs stats --timezone", "os logs stats --timezone UTC"),
    os("os.logs.payload_url", "once os logs payload-url ADMIN_LOG_ID", "os logs payload-url {log}"),
    os("os.optimizer.templates", "once os optimizer templates", "os optimizer templates"),
    os(
        "os.optimizer.create_template",
        "once os optimizer create-template --name --template --protocol",
        "os optimizer create-template --body {bodies}/template.json --yes",
    ),
    os(
        "os.optimizer.delete_template",
        "once os optimizer delete-template TEMPLATE_ID",
        "os optimizer delete-template {template} --yes",
    ),
    os(
        "os.optimizer.update_template",
        "once os optimizer update-template TEMPLATE_ID",
        "os optimizer update-template {template} --status INACTIVE --yes",
    ),
    os("os.inspector.devices", "once os inspector devices", "os inspector devices --page-size 5"),
    os("os.inspector.device", "once os inspector device DEVICE_ID", "os inspector device {device}"),
    os(
        "os.devices.send_action",
        "once os devices send-action DEVICE_ID --action --resource",
        "os devices send-action {device} --action read --resource /3/0/0 --yes",
    ),
    os(
        "os.inspector.telemetry",
        "once os inspector telemetry DEVICE_ID",
        "os inspector telemetry {device}",
    ),
    os(
        "os.inspector.device_history",
        "once os inspector device-history DEVICE_ID",
        "os inspector device-history {device}",
    ),
    os("os.inspector.history", "once os inspector history", "os inspector history --iccid {device}"),
    os(
        "os.inspector.device_insights",
        "once os inspector device-insights DEVICE_ID",
        "os inspector device-insights {device} --interval 1d",
    ),
    os("os.inspector.insights", "once os inspector insights", "os inspector insights --interval 1d"),
    os(
        "os.locator.positions",
        "once os locator positions DEVICE_ID",
        "os locator positions {device}",
    ),
    os(
        "os.locator.latest_positions",
        "once os locator latest-positions",
        "os locator latest-positions",
    ),
    os(
        "os.locator.activity",
        "once os locator activity DEVICE_ID",
        "os locator activity {device}",
    ),
    os("os.devices.stats", "once os devices stats", "os devices stats"),
    os("os.locator.geofences", "once os locator geofences", "os locator geofences"),
    os(
        "os.locator.create_geofence",
        "once os locator create-geofence --name --circle/--polygon",
        "os locator create-geofence --name cli-depot --circle 13.4,52.5 --radius 250 --yes",
    ),
    os(
        "os.locator.delete_geofence",
        "once os locator delete-geofence GEOFENCE_ID",
        "os locator delete-geofence {geofence} --yes",
    ),
    os(
        "os.locator.geofence",
        "once os locator geofence GEOFENCE_ID",
        "os locator geofence {geofence}",
    ),
    os(
        "os.locator.update_geofence",
        "once os locator update-geofence GEOFENCE_ID",
        "os locator update-geofence {geofence} --name renamed --event-type EXIT --yes",
    ),
    os(
        "os.settings.update",
        "once os settings update NAME --state",
        "os settings update ADVANCED_CELL_TOWER_LOCATION --state ENABLED --accept-disclaimer --yes",
    ),
    os("os.settings.list", "once os settings list", "os settings list"),
    os(
        "os.integrations.create_aws",
        "once os integrations create-aws --name --event-type",
        "os integrations create-aws --name cli-aws --event-type TELEMETRY_DATA --yes",
    ),
    os(
        "os.integrations.delete",
        "once os integrations delete INTEGRATION_ID",
        "os integrations delete {webhook} --yes",
    ),
    os(
        "os.integrations.get",
        "once os integrations get INTEGRATION_ID",
        "os integrations get {webhook}",
    ),
    os(
        "os.integrations.update",
        "once os integrations update INTEGRATION_ID",
        "os integrations update {aws} --event-type LOCATION --yes",
    ),
    os("os.integrations.list", "once os integrations list", "os integrations list"),
    os(
        "os.integrations.event_types",
        "once os integrations event-types",
        "os integrations event-types",
    ),
    os(
        "os.integrations.create_webhook",
        "once os integrations create-webhook --name --url --event-type",
        "os integrations create-webhook --body {bodies}/webhook.json --yes",
    ),
    os(
        "os.integrations.update_webhook",
        "once os integrations update-webhook INTEGRATION_ID",
        "os integrations update-webhook {webhook} --url https://127.0.0.1:9/hook --yes",
    ),
    os(
        "os.integrations.restart_webhook",
        "once os integrations restart-webhook INTEGRATION_ID",
        "os integrations restart-webhook {webhook} --yes",
    ),
    os(
        "os.integrations.test_webhook",
        "once os integrations test-webhook INTEGRATION_ID",
        "os integrations test-webhook {webhook} --yes",
    ),
    os(
        "os.plugins.create_datacake",
        "once os plugins create DATACAKE --workspace-id",
        "os plugins create DATACAKE --workspace-id ws-17 --yes",
    ),
    os(
        "os.plugins.create_mender",
        "once os plugins create MENDER --body FILE",
        "os plugins create MENDER --body {bodies}/mender.json --yes",
    ),
    os(
        "os.plugins.create_tartabit",
        "once os plugins create TARTABIT --body FILE",
        "os plugins create TARTABIT --body {bodies}/tartabit.json --yes",
    ),
    os(
        "os.plugins.create_memfault",
        "once os plugins create MEMFAULT",
        "os plugins create MEMFAULT --yes",
    ),
    os(
        "os.plugins.delete",
        "once os plugins delete PLUGIN_ID",
        "os plugins delete {plugin} --yes",
    ),
    os("os.plugins.get", "once os plugins get PLUGIN_ID", "os plugins get {plugin}"),
    os(
        "os.plugins.restart",
        "once os plugins restart PLUGIN_ID",
        "os plugins restart {plugin} --yes",
    ),
    os("os.plugins.list", "once os plugins list", "os plugins list"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// One command per operation of the SDK's table, each naming a row of it.
    #[test]
    fn every_os_operation_has_one_command() {
        let table = once_sdk::api::os::OPERATIONS;
        assert_eq!(OS_COMMANDS.len(), table.len());
        for op in table {
            let n = OS_COMMANDS
                .iter()
                .filter(|c| c.operation == op.name)
                .count();
            assert_eq!(n, 1, "{}: {n} commands", op.name);
            assert_eq!(
                command(op.method, op.path),
                OS_COMMANDS
                    .iter()
                    .find(|c| c.operation == op.name)
                    .map(|c| c.command)
            );
        }
    }
}
