//! 1NCE OS (`1nce-os.yml`): `client.os()`, with one handle per area of the
//! document: [`devices`](Os::devices) (IoT Integrator: endpoints, actions,
//! pre-shared keys), [`inspector`](Os::inspector),
//! [`locator`](Os::locator), [`optimizer`](Os::optimizer),
//! [`integrations`](Os::integrations), [`plugins`](Os::plugins),
//! [`settings`](Os::settings), [`agreements`](Os::agreements) and
//! [`logs`](Os::logs).
//!
//! Every operation is one row of [`OPERATIONS`] (name, method, path and
//! [`Effect`]), which the methods send: bindings and the CLI can walk it.
//! 1NCE OS lists page in the body (`items`, `page`, `pageAmount`); they are
//! the SDK's one [`List`], with its guards against pages that never end.

use std::time::Duration;

use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::api::call::{self, Call};
use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::error::{Error, Result, ValidationError};
use crate::options::{CallOptions, ResponseMeta};
use crate::pagination::Page;
use crate::transport::{seg, ApiRequest, RawResponse};
use crate::types::os::BodyPage;

pub mod admin;
pub mod clouds;
pub mod devices;
pub mod inspect;
pub mod locate;
pub mod optimize;
pub mod plugins;

pub use admin::{Agreements, Logs, Settings};
pub use clouds::Integrations;
pub use devices::{ActionHandle, BulkActionHandle, Devices, PskJobHandle};
pub use inspect::{HistoryQuery, Inspector};
pub use locate::Locator;
pub use optimize::Optimizer;
pub use plugins::Plugins;

/// What an operation does to devices and clouds: decides which failures
/// are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Effect {
    /// Reads only; retried on transient failures.
    Read,
    /// Sets a value; sending it twice leaves the same state, so it is
    /// retried on transient failures.
    Write,
    /// Acts on devices or clouds (an action, a key, an integration): never
    /// sent twice once it may have reached 1NCE; an ambiguous failure is
    /// [`Error::OutcomeUnknown`].
    SideEffect,
}

/// One operation of 1NCE OS: a row of [`OPERATIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OsOperation {
    /// The SDK's name, e.g. `os.devices.send_udp` (spans and errors).
    pub name: &'static str,
    /// The HTTP method, in capitals.
    pub method: &'static str,
    /// The path template as 1NCE's document writes it.
    pub path: &'static str,
    /// What it does to devices and clouds.
    pub effect: Effect,
}

impl OsOperation {
    /// The request with the path's `{...}` parameters filled in, in order
    /// (percent-encoded).
    pub(crate) fn request(&'static self, params: &[&str]) -> ApiRequest {
        let mut path = String::with_capacity(self.path.len() + 32);
        let mut rest = self.path;
        let mut params = params.iter();
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            path.push_str(&seg(params.next().copied().unwrap_or_default()));
            rest = &rest[close..];
        }
        path.push_str(rest);
        let method = Method::from_bytes(self.method.as_bytes()).unwrap_or(Method::GET);
        ApiRequest::new(self.name, method, self.path, path)
            .idempotent(self.effect != Effect::SideEffect)
    }

    /// The row of `(method, path template)`, if 1NCE OS has it.
    pub fn find(method: &str, path: &str) -> Option<&'static OsOperation> {
        OPERATIONS
            .iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
    }
}

macro_rules! operations {
    ($($const:ident = $name:literal, $method:literal, $path:literal, $effect:ident;)+) => {
        $(
            pub(crate) static $const: OsOperation = OsOperation {
                name: $name,
                method: $method,
                path: $path,
                effect: Effect::$effect,
            };
        )+

        /// Every operation of 1NCE OS the SDK performs, in the document's order.
        pub static OPERATIONS: &[OsOperation] = &[$(OsOperation {
            name: $name,
            method: $method,
            path: $path,
            effect: Effect::$effect,
        }),+];
    };
}

operations! {
    ENDPOINTS = "os.devices.endpoints", "GET", "/v1/integrate/devices/endpoints", Read;
    ENDPOINT = "os.devices.endpoint", "GET", "/v1/integrate/devices/endpoints/{protocol}", Read;
    UPDATE_ENDPOINT = "os.devices.update_endpoint", "PATCH", "/v1/integrate/devices/endpoints/{protocol}", Write;
    ACTION_REQUESTS = "os.devices.action_requests", "GET", "/v1/integrate/devices/actions/requests", Read;
    ACTIVE_ACTION_REQUESTS = "os.devices.active_action_requests", "GET", "/v1/integrate/devices/actions/requests/active", Read;
    ARCHIVED_ACTION_REQUESTS = "os.devices.archived_action_requests", "GET", "/v1/integrate/devices/actions/requests/archived", Read;
    CANCEL_DEVICE_ACTION_REQUESTS = "os.devices.cancel_action_requests", "DELETE", "/v1/integrate/devices/{deviceId}/actions/requests", Write;
    CANCEL_ACTION_REQUEST = "os.devices.cancel_action_request", "DELETE", "/v1/integrate/devices/actions/requests/{requestId}", Write;
    ACTION_REQUEST = "os.devices.action_request", "GET", "/v1/integrate/devices/actions/requests/{requestId}", Read;
    SET_PRESHARED_KEY = "os.devices.set_preshared_key", "POST", "/v1/integrate/devices/{deviceId}/presharedkey", SideEffect;
    PRESHARED_KEY_JOBS = "os.devices.preshared_key_jobs", "GET", "/v1/integrate/devices/presharedkey/jobs", Read;
    CREATE_PRESHARED_KEY_JOB = "os.devices.create_preshared_key_job", "POST", "/v1/integrate/devices/presharedkey/jobs", SideEffect;
    SET_PSK = "os.devices.set_psk", "POST", "/v1/integrate/devices/{deviceId}/psk", SideEffect;
    PSK = "os.devices.psk", "GET", "/v1/integrate/devices/{deviceId}/psk/{protocol}", Read;
    PSK_JOBS = "os.devices.psk_jobs", "GET", "/v1/integrate/devices/psk/jobs", Read;
    CREATE_PSK_JOB = "os.devices.create_psk_job", "POST", "/v1/integrate/devices/psk/jobs", SideEffect;
    SEND_LWM2M = "os.devices.send_lwm2m", "POST", "/v1/integrate/devices/{deviceId}/actions/LWM2M", SideEffect;
    SEND_LWM2M_BULK = "os.devices.send_lwm2m_bulk", "POST", "/v1/integrate/devices/actions/LWM2M", SideEffect;
    SEND_COAP = "os.devices.send_coap", "POST", "/v1/integrate/devices/{deviceId}/actions/COAP", SideEffect;
    SEND_COAP_BULK = "os.devices.send_coap_bulk", "POST", "/v1/integrate/devices/actions/COAP", SideEffect;
    SEND_UDP = "os.devices.send_udp", "POST", "/v1/integrate/devices/{deviceId}/actions/UDP", SideEffect;
    SEND_UDP_BULK = "os.devices.send_udp_bulk", "POST", "/v1/integrate/devices/actions/UDP", SideEffect;
    TEST_TRANSLATION = "os.optimizer.test", "POST", "/v1/optimize/messages/test", Read;
    SAVINGS = "os.optimizer.savings", "GET", "/v1/optimize/savings", Read;
    ACCEPT_AGREEMENT = "os.agreements.accept", "POST", "/v1/agreements/1nceos", Write;
    AWS_PARAMETERS = "os.integrations.aws_parameters", "GET", "/v1/integrate/clouds/aws/parameters", Read;
    RESTART_AWS = "os.integrations.restart_aws", "POST", "/v1/integrate/clouds/aws/{integrationId}/restart", SideEffect;
    TEST_AWS = "os.integrations.test_aws", "POST", "/v1/integrate/clouds/aws/{integrationId}/test", SideEffect;
    LOGS = "os.logs.list", "GET", "/v1/administrationLogs", Read;
    LOG_STATS = "os.logs.stats", "GET", "/v1/administrationLogs/stats", Read;
    LOG_PAYLOAD = "os.logs.payload_url", "GET", "/v1/administrationLogs/{adminLogId}/payload", Read;
    TEMPLATES = "os.optimizer.templates", "GET", "/v1/optimize/templates", Read;
    CREATE_TEMPLATE = "os.optimizer.create_template", "POST", "/v1/optimize/templates", SideEffect;
    DELETE_TEMPLATE = "os.optimizer.delete_template", "DELETE", "/v1/optimize/templates/{templateId}", Write;
    UPDATE_TEMPLATE = "os.optimizer.update_template", "PATCH", "/v1/optimize/templates/{templateId}", Write;
    DEVICES = "os.inspector.devices", "GET", "/v1/inspect/devices", Read;
    DEVICE = "os.inspector.device", "GET", "/v1/inspect/devices/{deviceId}", Read;
    SEND_ACTION = "os.devices.send_action", "POST", "/v1/devices/{deviceId}/actions", SideEffect;
    TELEMETRY = "os.inspector.telemetry", "GET", "/v1/inspect/devices/{deviceId}/telemetry", Read;
    DEVICE_HISTORY = "os.inspector.device_history", "GET", "/v1/inspect/devices/{deviceId}/history", Read;
    HISTORY = "os.inspector.history", "GET", "/v1/inspect/devices/history", Read;
    DEVICE_INSIGHTS = "os.inspector.device_insights", "GET", "/v1/inspect/devices/{deviceId}/history/insights", Read;
    INSIGHTS = "os.inspector.insights", "GET", "/v1/inspect/devices/history/insights", Read;
    POSITIONS = "os.locator.positions", "GET", "/v1/locate/devices/{deviceId}/positions", Read;
    LATEST_POSITIONS = "os.locator.latest_positions", "GET", "/v1/locate/positions/latest", Read;
    ACTIVITY = "os.locator.activity", "GET", "/v1/locate/devices/{deviceId}/activity", Read;
    DEVICE_STATS = "os.devices.stats", "GET", "/v1/devices/stats", Read;
    GEOFENCES = "os.locator.geofences", "GET", "/v1/locate/geofences", Read;
    CREATE_GEOFENCE = "os.locator.create_geofence", "POST", "/v1/locate/geofences", SideEffect;
    DELETE_GEOFENCE = "os.locator.delete_geofence", "DELETE", "/v1/locate/geofences/{geofenceId}", Write;
    GEOFENCE = "os.locator.geofence", "GET", "/v1/locate/geofences/{geofenceId}", Read;
    UPDATE_GEOFENCE = "os.locator.update_geofence", "PATCH", "/v1/locate/geofences/{geofenceId}", Write;
    UPDATE_SETTING = "os.settings.update", "PATCH", "/v1/settings/1nceos/{name}", Write;
    SETTINGS = "os.settings.list", "GET", "/v1/settings/1nceos", Read;
    CREATE_AWS = "os.integrations.create_aws", "POST", "/v1/integrate/clouds/aws", SideEffect;
    DELETE_INTEGRATION = "os.integrations.delete", "DELETE", "/v1/integrate/clouds/{integrationId}", SideEffect;
    INTEGRATION = "os.integrations.get", "GET", "/v1/integrate/clouds/{integrationId}", Read;
    UPDATE_INTEGRATION = "os.integrations.update", "PATCH", "/v1/integrate/clouds/{integrationId}", Write;
    INTEGRATIONS = "os.integrations.list", "GET", "/v1/integrate/clouds", Read;
    EVENT_TYPES = "os.integrations.event_types", "GET", "/v1/integrate/clouds/eventTypes", Read;
    CREATE_WEBHOOK = "os.integrations.create_webhook", "POST", "/v1/integrate/clouds/webhooks", SideEffect;
    UPDATE_WEBHOOK = "os.integrations.update_webhook", "PATCH", "/v1/integrate/clouds/webhooks/{integrationId}", Write;
    RESTART_WEBHOOK = "os.integrations.restart_webhook", "POST", "/v1/integrate/clouds/webhooks/{integrationId}/restart", SideEffect;
    TEST_WEBHOOK = "os.integrations.test_webhook", "POST", "/v1/integrate/clouds/webhooks/{integrationId}/test", SideEffect;
    CREATE_DATACAKE = "os.plugins.create_datacake", "POST", "/v1/partners/DATACAKE/plugins", SideEffect;
    CREATE_MENDER = "os.plugins.create_mender", "POST", "/v1/partners/MENDER/plugins", SideEffect;
    CREATE_TARTABIT = "os.plugins.create_tartabit", "POST", "/v1/partners/TARTABIT/plugins", SideEffect;
    CREATE_MEMFAULT = "os.plugins.create_memfault", "POST", "/v1/partners/MEMFAULT/plugins", SideEffect;
    DELETE_PLUGIN = "os.plugins.delete", "DELETE", "/v1/partners/plugins/{pluginId}", SideEffect;
    PLUGIN = "os.plugins.get", "GET", "/v1/partners/plugins/{pluginId}", Read;
    RESTART_PLUGIN = "os.plugins.restart", "POST", "/v1/partners/plugins/{pluginId}/restart", SideEffect;
    PLUGINS = "os.plugins.list", "GET", "/v1/partners/plugins", Read;
}

/// The distinct path templates of [`OPERATIONS`], in their order: each is
/// a rate-limit group of its own ([`EndpointGroup::Os`](crate::EndpointGroup::Os)).
pub static OS_PATHS: [&str; 60] = [
    "/v1/integrate/devices/endpoints",
    "/v1/integrate/devices/endpoints/{protocol}",
    "/v1/integrate/devices/actions/requests",
    "/v1/integrate/devices/actions/requests/active",
    "/v1/integrate/devices/actions/requests/archived",
    "/v1/integrate/devices/{deviceId}/actions/requests",
    "/v1/integrate/devices/actions/requests/{requestId}",
    "/v1/integrate/devices/{deviceId}/presharedkey",
    "/v1/integrate/devices/presharedkey/jobs",
    "/v1/integrate/devices/{deviceId}/psk",
    "/v1/integrate/devices/{deviceId}/psk/{protocol}",
    "/v1/integrate/devices/psk/jobs",
    "/v1/integrate/devices/{deviceId}/actions/LWM2M",
    "/v1/integrate/devices/actions/LWM2M",
    "/v1/integrate/devices/{deviceId}/actions/COAP",
    "/v1/integrate/devices/actions/COAP",
    "/v1/integrate/devices/{deviceId}/actions/UDP",
    "/v1/integrate/devices/actions/UDP",
    "/v1/optimize/messages/test",
    "/v1/optimize/savings",
    "/v1/agreements/1nceos",
    "/v1/integrate/clouds/aws/parameters",
    "/v1/integrate/clouds/aws/{integrationId}/restart",
    "/v1/integrate/clouds/aws/{integrationId}/test",
    "/v1/administrationLogs",
    "/v1/administrationLogs/stats",
    "/v1/administrationLogs/{adminLogId}/payload",
    "/v1/optimize/templates",
    "/v1/optimize/templates/{templateId}",
    "/v1/inspect/devices",
    "/v1/inspect/devices/{deviceId}",
    "/v1/devices/{deviceId}/actions",
    "/v1/inspect/devices/{deviceId}/telemetry",
    "/v1/inspect/devices/{deviceId}/history",
    "/v1/inspect/devices/history",
    "/v1/inspect/devices/{deviceId}/history/insights",
    "/v1/inspect/devices/history/insights",
    "/v1/locate/devices/{deviceId}/positions",
    "/v1/locate/positions/latest",
    "/v1/locate/devices/{deviceId}/activity",
    "/v1/devices/stats",
    "/v1/locate/geofences",
    "/v1/locate/geofences/{geofenceId}",
    "/v1/settings/1nceos/{name}",
    "/v1/settings/1nceos",
    "/v1/integrate/clouds/aws",
    "/v1/integrate/clouds/{integrationId}",
    "/v1/integrate/clouds",
    "/v1/integrate/clouds/eventTypes",
    "/v1/integrate/clouds/webhooks",
    "/v1/integrate/clouds/webhooks/{integrationId}",
    "/v1/integrate/clouds/webhooks/{integrationId}/restart",
    "/v1/integrate/clouds/webhooks/{integrationId}/test",
    "/v1/partners/DATACAKE/plugins",
    "/v1/partners/MENDER/plugins",
    "/v1/partners/TARTABIT/plugins",
    "/v1/partners/MEMFAULT/plugins",
    "/v1/partners/plugins/{pluginId}",
    "/v1/partners/plugins/{pluginId}/restart",
    "/v1/partners/plugins",
];

/// 1NCE OS, from [`Client::os`]: one handle per area of its document.
#[derive(Clone, Debug)]
pub struct Os {
    client: Client,
}

impl Client {
    /// 1NCE OS, 1NCE's device platform on the same host and token: device
    /// integration and actions, inspector, locator, optimizer, cloud
    /// integrations, partner plugins, settings, agreements and logs.
    pub fn os(&self) -> Os {
        Os {
            client: self.clone(),
        }
    }
}

impl Os {
    /// IoT Integrator, device side: endpoints, actions, pre-shared keys.
    pub fn devices(&self) -> Devices {
        Devices::new(self.client.clone())
    }

    /// Device Inspector: devices, telemetry, message history.
    pub fn inspector(&self) -> Inspector {
        Inspector::new(self.client.clone())
    }

    /// Device Locator: positions, cell-tower activity, geofences.
    pub fn locator(&self) -> Locator {
        Locator::new(self.client.clone())
    }

    /// Optimizer: energy-saver templates and savings.
    pub fn optimizer(&self) -> Optimizer {
        Optimizer::new(self.client.clone())
    }

    /// IoT Integrator, cloud side: AWS and webhook integrations.
    pub fn integrations(&self) -> Integrations {
        Integrations::new(self.client.clone())
    }

    /// Plugin system: partner plugins.
    pub fn plugins(&self) -> Plugins {
        Plugins::new(self.client.clone())
    }

    /// 1NCE OS settings of the account.
    pub fn settings(&self) -> Settings {
        Settings::new(self.client.clone())
    }

    /// The 1NCE OS agreement.
    pub fn agreements(&self) -> Agreements {
        Agreements::new(self.client.clone())
    }

    /// Administration logs.
    pub fn logs(&self) -> Logs {
        Logs::new(self.client.clone())
    }
}

/// A call of `op` with these path parameters and no body, decoding JSON.
pub(crate) fn plain<T: DeserializeOwned>(
    client: &Client,
    op: &'static OsOperation,
    params: &[&str],
) -> Call<T> {
    Call::new(client, Ok(op.request(params)), call::json)
}

/// A call of `op` with a JSON body, decoded by `decode`.
pub(crate) fn with_body<B: serde::Serialize, T>(
    client: &Client,
    op: &'static OsOperation,
    params: &[&str],
    body: &B,
    decode: call::Decoder<T>,
) -> Call<T> {
    Call::new(client, op.request(params).json(body), decode)
}

/// A page of a 1NCE OS list: the page and the number of pages come from
/// the body (`page`, `pageAmount`), not from headers.
pub(crate) fn body_page<T: DeserializeOwned>(
    resp: &RawResponse,
    what: &'static str,
    page: u32,
    page_size: u32,
) -> Result<Page<T>> {
    let body: Option<BodyPage<T>> = resp.decode(what)?;
    let (items, got_page, pages) = match body {
        Some(b) => (b.items.unwrap_or_default(), b.page, b.page_amount),
        None => (Vec::new(), None, None),
    };
    let mut out = Page::new(items).with_page(
        got_page.and_then(|p| u32::try_from(p).ok()).unwrap_or(page),
        page_size,
    );
    out.total_pages = pages.map(|p| u32::try_from(p).unwrap_or(u32::MAX));
    Ok(out)
}

/// The last page 1NCE OS serves (`page`: maximum 50 in its document).
pub(crate) const MAX_PAGE: u32 = 50;

/// The spec of a 1NCE OS list that pages with `page` and `pageSize`
/// (1NCE documents a maximum page size for some lists only; the others are
/// capped at `max_size` by the SDK).
/// `id_field` names the field that tells its items apart (`""` when none
/// does, as for positions).
pub(crate) const fn paged(
    op: &'static OsOperation,
    default_size: u32,
    max_size: u32,
    id_field: &'static str,
) -> ListSpec {
    ListSpec {
        operation: op.name,
        template: op.path,
        size_param: "pageSize",
        default_size,
        max_size,
        unpaged: false,
        id_field,
        max_page: Some(MAX_PAGE),
    }
}

/// The spec of a 1NCE OS list 1NCE answers at once (no paging parameters).
pub(crate) const fn unpaged(op: &'static OsOperation) -> ListSpec {
    ListSpec {
        operation: op.name,
        template: op.path,
        size_param: "pageSize",
        default_size: 1000,
        max_size: 1000,
        unpaged: true,
        // One page: nothing to tell apart across pages.
        id_field: "",
        max_page: None,
    }
}

/// A 1NCE OS list of `op` at `path`.
pub(crate) fn list<T: DeserializeOwned + Send + 'static>(
    client: &Client,
    spec: ListSpec,
    op: &'static OsOperation,
    params: &[&str],
) -> List<T> {
    let path = op.request(params).path;
    List::new(client.clone(), spec, path).with_decoder(body_page::<T>)
}

/// A filter that only some lists of the same item type take: refused on
/// the others, naming the parameter.
pub(crate) fn only_on<T: Send + 'static>(
    list: List<T>,
    ops: &[&'static OsOperation],
    key: &'static str,
    value: impl ToString,
) -> List<T> {
    if ops.iter().any(|o| o.name == list.spec.operation) {
        list.param(key, value)
    } else {
        let names: Vec<&str> = ops.iter().map(|o| o.name).collect();
        let rule = format!(
            "is a filter of {} only, not of {}",
            names.join(", "),
            list.spec.operation
        );
        list.reject(ValidationError::new(key, rule))
    }
}

/// Checks that `value` lies in `min..=max` (a float query parameter).
pub(crate) fn check_float(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> std::result::Result<(), ValidationError> {
    if !(min..=max).contains(&value) {
        return Err(ValidationError::new(
            field,
            format!("must be between {min} and {max}, got {value}"),
        ));
    }
    Ok(())
}

/// Checks that a string input is not empty.
pub(crate) fn non_empty(
    field: &'static str,
    value: &str,
) -> std::result::Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    Ok(())
}

/// A call that answers 202 Accepted with something to follow: `.await` it
/// (or [`send`](Self::send)) for a handle (`H`) whose `wait` polls 1NCE
/// until the work is done.
#[must_use = "a call does nothing until you .await it or call send()"]
pub struct Submit<H> {
    client: Client,
    request: Result<ApiRequest>,
    decode: fn(&Client, &RawResponse, &'static str) -> H,
    options: CallOptions,
}

impl<H> std::fmt::Debug for Submit<H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Submit");
        match &self.request {
            Ok(r) => d.field("operation", &r.operation).field("path", &r.path),
            Err(e) => d.field("invalid", e),
        };
        d.field("options", &self.options).finish()
    }
}

call::call_options!(Submit<H>);

impl<H: Send + 'static> Submit<H> {
    pub(crate) fn new(
        client: &Client,
        request: Result<ApiRequest>,
        decode: fn(&Client, &RawResponse, &'static str) -> H,
    ) -> Self {
        Self {
            client: client.clone(),
            request,
            decode,
            options: CallOptions::default(),
        }
    }

    /// The request this call would send, without sending it (for dry
    /// runs): the SDK's checks of the input run; secrets are `[redacted]`.
    pub fn preview(self) -> Result<crate::api::call::RequestPreview> {
        self.request
            .map(|r| crate::api::call::RequestPreview::of(&r))
    }

    /// Sends the call (the same as `.await`). 1NCE accepted the work when
    /// this returns `Ok`; an answer that does not decode is logged, not an
    /// error (an error would invite sending it again).
    pub async fn send(self) -> Result<H> {
        self.send_with_meta().await.map(|(h, _)| h)
    }

    /// Sends the call; returns the handle and the response metadata.
    pub async fn send_with_meta(self) -> Result<(H, ResponseMeta)> {
        let req = self.request?;
        let op = req.operation;
        let resp = self.client.execute_with(req, &self.options).await?;
        let handle = (self.decode)(&self.client, &resp, op);
        Ok((handle, resp.into_meta()))
    }
}

impl<H: Send + 'static> std::future::IntoFuture for Submit<H> {
    type Output = Result<H>;
    type IntoFuture = futures::future::BoxFuture<'static, Result<H>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Decodes the answer to accepted work; logs (and defaults) what does not
/// decode, since the work was accepted all the same.
pub(crate) fn accepted<T: DeserializeOwned + Default>(resp: &RawResponse, op: &'static str) -> T {
    match resp.decode::<Option<T>>(op) {
        Ok(v) => v.unwrap_or_default(),
        Err(e) => {
            tracing::warn!(operation = op, error = %e, "1NCE accepted the work but its answer did not decode");
            T::default()
        }
    }
}

/// How often and how long a handle's `wait` polls.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Polling {
    pub every: Duration,
}

impl Default for Polling {
    fn default() -> Self {
        Self {
            every: Duration::from_secs(2),
        }
    }
}

/// Polls `check` every `every` until it yields a value, for at most
/// `timeout`; the error names `what` was waited for.
pub(crate) async fn poll_until<T, F, Fut>(
    what: String,
    every: Duration,
    timeout: Duration,
    mut check: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(v) = check().await? {
            return Ok(v);
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            return Err(Error::timeout(format!(
                "{what} was not done after {timeout:?}"
            )));
        }
        tokio::time::sleep(every.min(deadline - now)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A preview is the request the call would send (path, query, body),
    /// the body's secrets redacted; bad input fails as sending would.
    #[test]
    fn a_preview_shows_the_request_with_its_secrets_redacted() {
        use crate::types::os::{DeviceId, OsProtocol, PayloadType, PskSet, UdpAction};
        let client = Client::builder()
            .credentials(crate::Credentials::new("id", "secret"))
            .build()
            .expect("a client");
        let device = DeviceId::from("dev 1");
        let key = PskSet::new("s3cr3t-psk-1", OsProtocol::Coap);
        let p = client
            .os()
            .devices()
            .set_psk(&device, &key)
            .preview()
            .expect("valid");
        assert_eq!(
            (p.operation, p.method.as_str(), p.path.as_str()),
            (
                "os.devices.set_psk",
                "POST",
                "/v1/integrate/devices/dev%201/psk"
            )
        );
        let body = p.body.expect("a body");
        assert_eq!(body["secretKey"], "[redacted]");
        assert_eq!(body["protocol"], "COAP");
        let p = client
            .os()
            .logs()
            .stats("UTC", None)
            .preview()
            .expect("valid");
        assert_eq!(p.path, "/v1/administrationLogs/stats?timezone=UTC");
        assert!(p.body.is_none());
        let udp = UdpAction::new("ping", PayloadType::String, 4445);
        let p = client
            .os()
            .devices()
            .send_udp(&device, &udp)
            .preview()
            .expect("valid");
        assert_eq!(p.body.expect("a body")["payload"], "ping");
        let bad = UdpAction::new("ping", PayloadType::String, 0);
        let e = client
            .os()
            .devices()
            .send_udp(&device, &bad)
            .preview()
            .unwrap_err();
        assert!(matches!(e, Error::InvalidInput(_)), "{e:?}");
    }

    #[test]
    fn the_table_decides_idempotency_and_fills_every_path_parameter() {
        let mut names = std::collections::HashSet::new();
        for op in OPERATIONS {
            assert!(names.insert(op.name), "{} twice", op.name);
            let params = op.path.matches('{').count();
            let values: Vec<&str> = ["a b", "c/d", "e"][..params].to_vec();
            let req = op.request(&values);
            assert!(!req.path.contains('{'), "{}", req.path);
            assert!(
                !req.path.contains(' ') && !req.path.contains("c/d"),
                "{}",
                req.path
            );
            assert_eq!(req.method.as_str(), op.method);
            assert_eq!(
                req.idempotent,
                op.effect != Effect::SideEffect,
                "{}",
                op.name
            );
            if op.method == "GET" {
                assert_eq!(op.effect, Effect::Read, "{}", op.name);
            }
            // Calls on devices and clouds are never sent twice.
            let acts = op.path.contains("/actions/")
                || op.path.ends_with("/actions")
                || op.path.ends_with("/psk")
                || op.path.ends_with("/presharedkey")
                || op.path.ends_with("/jobs")
                || op.path.contains("/partners/")
                || op.path.ends_with("/restart")
                || op.path.ends_with("/test") && op.path.contains("/clouds/");
            if op.method != "GET" && !op.path.contains("/actions/requests") && acts {
                assert_eq!(op.effect, Effect::SideEffect, "{}", op.name);
            }
        }
        let created: Vec<_> = OPERATIONS
            .iter()
            .filter(|o| o.method == "POST" && o.path.starts_with("/v1/integrate/clouds"))
            .collect();
        assert!(
            created.iter().all(|o| o.effect == Effect::SideEffect),
            "{created:?}"
        );
        assert_eq!(
            OsOperation::find("delete", "/v1/integrate/clouds/{integrationId}").map(|o| o.effect),
            Some(Effect::SideEffect)
        );
    }
}
