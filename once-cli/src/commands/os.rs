//! `once os ...`: every operation of 1NCE OS (`1nce-os.yml`, 72), grouped
//! as the SDK groups them (`client.os().devices()`, `.inspector()`, ...),
//! each command named after its SDK method in kebab case.
//!
//! Each command is a declaration: its clap variant (typed arguments, SDK
//! enums through [`sdk_enum`]) and one match arm that builds the SDK call.
//! What happens around the call is decided by the SDK's table
//! (`once_sdk::api::os::OPERATIONS`), not per command: an operation whose
//! [`Effect`] is `Write` or `SideEffect` is previewed by the SDK (its own
//! input checks run, secrets redacted), printed by `--dry-run`, and
//! confirmed first (a prompt on a terminal, refused without `--yes`
//! elsewhere); a `Read` is sent. Device actions and pre-shared-key jobs
//! answer with handles that `--wait` follows until they are done.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use clap::builder::TypedValueParser;
use clap::{Args, Subcommand};
use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use once_sdk::api::os::{
    ActionHandle, BulkActionHandle, Effect, HistoryQuery, OsOperation, PskJobHandle, OPERATIONS,
};
use once_sdk::{
    ActionRequestId, ActionSort, ActionStatus, AdminLogId, BulkAction, Call, Client, CoapAction,
    CoapMethod, Credentials, DeviceId, EndpointSettingName, EndpointSettingUpdate, EndpointUpdate,
    EventSubscription, GeofenceEvent, GeofenceId, GeofenceScope, GeofenceUpdate, Iccid,
    IntegrationId, IntegrationUpdate, KeyFormat, List, LogCategory, Lwm2mAction, Lwm2mOperation,
    NewAwsIntegration, NewGeofence, NewWebhookIntegration, OsEventType, OsProtocol,
    OsSettingUpdate, Partner, PayloadType, PluginId, PluginSettings, PositionMode, PositionSource,
    PskJobEntry, PskSet, RequestMode, RequestPreview, SavingsRange, SettingState, SettingsLanguage,
    Submit, TemplateId, TemplateInput, TemplateStatus, Timestamp, TranslationTest, UdpAction,
    WebhookHeaders,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::show_pages;
use super::sims::paged;
use crate::batch::parse_iccid;
use crate::cli::Paging;
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::{to_value, ListWriter};
use crate::safety::{confirm, print_plan, Planned};

/// A clap value parser for an enum of the SDK: the values 1NCE spells
/// (`UDP`, `observe-start`, ...), any case, listed in `--help`.
pub fn sdk_enum<T>(variants: &'static [(&'static str, &'static str)]) -> clap::builder::ValueParser
where
    T: FromStr<Err = Infallible> + Clone + Send + Sync + 'static,
{
    let parser = clap::builder::PossibleValuesParser::new(
        variants
            .iter()
            .map(|(_, wire)| clap::builder::PossibleValue::new(*wire)),
    )
    .map(|s| match s.parse::<T>() {
        Ok(v) => v,
        Err(never) => match never {},
    });
    clap::builder::ValueParser::new(parser)
}

/// [`sdk_enum`] of an SDK type.
macro_rules! sdk {
    ($t:ty) => {
        sdk_enum::<$t>(<$t>::VARIANTS)
    };
}

/// `Examples:` of a command's help, one line per example.
macro_rules! ex {
    ($($line:literal),+ $(,)?) => {
        concat!("Examples:" $(, "\n  once os ", $line)+)
    };
}

/// `N` numbers separated by commas (`13.4,52.5`).
fn numbers<const N: usize>(s: &str) -> Result<[f64; N], String> {
    let parts: Vec<&str> = s.split(',').collect();
    if parts.len() != N {
        return Err(format!("{N} numbers separated by commas, got {s:?}"));
    }
    let mut out = [0.0; N];
    for (o, p) in out.iter_mut().zip(parts) {
        *o = p
            .trim()
            .parse()
            .map_err(|e| format!("{p:?} is not a number: {e}"))?;
    }
    Ok(out)
}

fn timestamp(s: &str) -> Result<Timestamp, String> {
    s.parse()
        .map_err(|e: once_sdk::ValidationError| e.to_string())
}

/// `once os ...`: one subcommand per area of 1NCE OS.
#[derive(Debug, Subcommand)]
pub enum OsCmd {
    /// IoT Integrator, device side: endpoints, actions and their requests, pre-shared keys
    #[command(subcommand)]
    Devices(DevicesCmd),
    /// Device Inspector: devices, telemetry, message history
    #[command(subcommand)]
    Inspector(InspectorCmd),
    /// Device Locator: positions, cell-tower activity, geofences
    #[command(subcommand)]
    Locator(LocatorCmd),
    /// Optimizer: energy-saver templates and savings
    #[command(subcommand)]
    Optimizer(OptimizerCmd),
    /// IoT Integrator, cloud side: AWS and webhook integrations
    #[command(subcommand)]
    Integrations(IntegrationsCmd),
    /// Partner plugins (Datacake, Mender, Tartabit, Memfault)
    #[command(subcommand)]
    Plugins(PluginsCmd),
    /// 1NCE OS settings of the account
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// The 1NCE OS agreement
    #[command(subcommand)]
    Agreements(AgreementsCmd),
    /// Administration logs
    #[command(subcommand)]
    Logs(LogsCmd),
}

/// A JSON body read from a file or stdin, checked against the SDK's type.
#[derive(Debug, Args, Clone, Default)]
pub struct Body {
    /// The request body as JSON (1NCE's field names), from FILE or `-` for
    /// stdin; checked against the SDK's type before anything is sent
    #[arg(long, value_name = "FILE|-")]
    pub body: Option<PathBuf>,
}

/// `--wait`: follow accepted work until it is done.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct Wait {
    /// Follow the request until it is done (succeeded, failed or
    /// cancelled), for at most --timeout seconds (default 120)
    #[arg(long)]
    pub wait: bool,
}

/// The fields of an LwM2M action.
#[derive(Debug, Args, Clone)]
pub struct Lwm2mArgs {
    /// The LwM2M operation
    #[arg(long, value_parser = sdk!(Lwm2mOperation), ignore_case = true,
          required_unless_present = "body", conflicts_with = "body")]
    pub action: Option<Lwm2mOperation>,
    /// The resource, e.g. /3/0/1
    #[arg(
        long,
        value_name = "PATH",
        required_unless_present = "body",
        conflicts_with = "body"
    )]
    pub resource: Option<String>,
    /// The value to write or the arguments to execute
    #[arg(long, conflicts_with = "body")]
    pub data: Option<String>,
    /// Send now or when the device is next active
    #[arg(long, value_parser = sdk!(RequestMode), ignore_case = true, conflicts_with = "body")]
    pub request_mode: Option<RequestMode>,
    /// Attempts before it fails (1 to 5)
    #[arg(long, value_name = "N", conflicts_with = "body")]
    pub send_attempts: Option<u32>,
    /// Or the whole action as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl Lwm2mArgs {
    fn action(&self) -> Lwm2mAction {
        let mut a = Lwm2mAction::new(
            self.action.clone().unwrap_or(Lwm2mOperation::Read),
            self.resource.clone().unwrap_or_default(),
        );
        a.data = self.data.clone();
        a.request_mode = self.request_mode.clone();
        a.send_attempts = self.send_attempts;
        a
    }
}

/// The fields of a CoAP request.
#[derive(Debug, Args, Clone)]
pub struct CoapArgs {
    /// The CoAP method
    #[arg(long, value_parser = sdk!(CoapMethod), ignore_case = true,
          required_unless_present = "body", conflicts_with = "body")]
    pub method: Option<CoapMethod>,
    /// The device's port
    #[arg(long, required_unless_present = "body", conflicts_with = "body")]
    pub port: Option<u32>,
    /// The CoAP path
    #[arg(long, required_unless_present = "body", conflicts_with = "body")]
    pub path: Option<String>,
    /// The payload
    #[arg(long, conflicts_with = "body")]
    pub payload: Option<String>,
    /// How the payload is written
    #[arg(long, value_parser = sdk!(PayloadType), ignore_case = true, conflicts_with = "body")]
    pub payload_type: Option<PayloadType>,
    /// Send now or when the device is next active
    #[arg(long, value_parser = sdk!(RequestMode), ignore_case = true, conflicts_with = "body")]
    pub request_mode: Option<RequestMode>,
    /// Attempts before it fails (1 to 5)
    #[arg(long, value_name = "N", conflicts_with = "body")]
    pub send_attempts: Option<u32>,
    /// Or the whole request as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl CoapArgs {
    fn action(&self) -> CoapAction {
        let mut a = CoapAction::new(
            self.method.clone().unwrap_or(CoapMethod::Get),
            self.port.unwrap_or_default(),
            self.path.clone().unwrap_or_default(),
        );
        a.payload = self.payload.clone();
        a.payload_type = self
            .payload_type
            .clone()
            .or_else(|| self.payload.as_ref().map(|_| PayloadType::String));
        a.request_mode = self.request_mode.clone();
        a.send_attempts = self.send_attempts;
        a
    }
}

/// The fields of a UDP message.
#[derive(Debug, Args, Clone)]
pub struct UdpArgs {
    /// The payload
    #[arg(long, required_unless_present = "body", conflicts_with = "body")]
    pub payload: Option<String>,
    /// How the payload is written [default: STRING]
    #[arg(long, value_parser = sdk!(PayloadType), ignore_case = true, conflicts_with = "body")]
    pub payload_type: Option<PayloadType>,
    /// The device's port
    #[arg(long, required_unless_present = "body", conflicts_with = "body")]
    pub port: Option<u32>,
    /// Send now or when the device is next active
    #[arg(long, value_parser = sdk!(RequestMode), ignore_case = true, conflicts_with = "body")]
    pub request_mode: Option<RequestMode>,
    /// Or the whole message as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl UdpArgs {
    fn action(&self) -> UdpAction {
        let mut a = UdpAction::new(
            self.payload.clone().unwrap_or_default(),
            self.payload_type.clone().unwrap_or(PayloadType::String),
            self.port.unwrap_or_default(),
        );
        a.request_mode = self.request_mode.clone();
        a
    }
}

/// The devices of a bulk action.
#[derive(Debug, Args, Clone)]
pub struct Devices {
    /// A device (repeat for several)
    #[arg(
        long = "device-id",
        value_name = "ID",
        required_unless_present = "body",
        conflicts_with = "body"
    )]
    pub device_ids: Vec<DeviceId>,
}

/// A pre-shared key to set.
#[derive(Debug, Args, Clone)]
pub struct PskArgs {
    /// The device
    pub device_id: DeviceId,
    /// The protocol the key is for
    #[arg(long, value_parser = sdk!(OsProtocol), ignore_case = true,
          required_unless_present = "body", conflicts_with = "body")]
    pub protocol: Option<OsProtocol>,
    /// How the key is written
    #[arg(long, value_parser = sdk!(KeyFormat), ignore_case = true, conflicts_with = "body")]
    pub format: Option<KeyFormat>,
    /// Read the key from FILE (`-`: stdin; its first line); keys are not
    /// taken as arguments, which shells keep in their history
    #[arg(
        long,
        value_name = "FILE|-",
        required_unless_present = "body",
        conflicts_with = "body"
    )]
    pub key_file: Option<PathBuf>,
    /// Or the whole body as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl PskArgs {
    fn key(&self) -> Result<PskSet, CliError> {
        if let Some(b) = &self.body.body {
            return parse_body(b);
        }
        let file = self.key_file.as_deref().unwrap_or(Path::new("-"));
        let text = read_text(file, "--key-file")?;
        let key = text.lines().next().unwrap_or_default().trim().to_string();
        let mut set = PskSet::new(key, self.protocol.clone().unwrap_or(OsProtocol::Coap));
        set.format = self.format.clone();
        Ok(set)
    }
}

/// Filters of the action request lists.
#[derive(Debug, Args, Clone)]
pub struct ActionFilter {
    /// Only the requests of this device
    #[arg(long, value_name = "ID")]
    pub device_id: Option<DeviceId>,
    /// Only the requests sent with this protocol
    #[arg(long, value_parser = sdk!(OsProtocol), ignore_case = true)]
    pub protocol: Option<OsProtocol>,
    /// Only the requests in this status
    #[arg(long, value_parser = sdk!(ActionStatus), ignore_case = true)]
    pub status: Option<ActionStatus>,
    /// The order
    #[arg(long, value_parser = sdk!(ActionSort), allow_hyphen_values = true)]
    pub sort: Option<ActionSort>,
    /// Paging options.
    #[command(flatten)]
    pub paging: Paging,
}

impl ActionFilter {
    fn apply(&self, mut l: List<once_sdk::ActionRequest>) -> List<once_sdk::ActionRequest> {
        if let Some(d) = &self.device_id {
            l = l.device_id(d);
        }
        if let Some(p) = &self.protocol {
            l = l.protocol(p.clone());
        }
        if let Some(s) = &self.status {
            l = l.status(s.clone());
        }
        if let Some(s) = &self.sort {
            l = l.sort(s.clone());
        }
        paged(l, &self.paging, 100)
    }
}

/// The time range and protocol of history queries.
#[derive(Debug, Args, Clone)]
pub struct HistoryRange {
    /// From (ISO 8601, e.g. 2026-11-01T00:00:00Z)
    #[arg(long, value_name = "WHEN", value_parser = timestamp)]
    pub start: Option<Timestamp>,
    /// Until (ISO 8601)
    #[arg(long, value_name = "WHEN", value_parser = timestamp)]
    pub end: Option<Timestamp>,
    /// Only this protocol
    #[arg(long, value_parser = sdk!(OsProtocol), ignore_case = true)]
    pub protocol: Option<OsProtocol>,
}

impl HistoryRange {
    fn query(&self) -> HistoryQuery {
        let mut q = HistoryQuery::new();
        q.start = self.start;
        q.end = self.end;
        q.protocol = self.protocol.clone();
        q
    }
}

/// Token paging of message histories.
#[derive(Debug, Args, Clone)]
pub struct TokenPaging {
    /// Every page (following nextToken until 1NCE sends none)
    #[arg(long, conflicts_with = "next_token")]
    pub all: bool,
    /// Messages per page (1 to 100)
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// The page after the one that gave this token
    #[arg(long, value_name = "TOKEN")]
    pub next_token: Option<String>,
}

/// Whose history: one device id or ICCID, or every device.
#[derive(Debug, Args, Clone)]
pub struct Whose {
    /// Only this device
    #[arg(long, value_name = "ID")]
    pub device_id: Option<DeviceId>,
    /// Only this SIM
    #[arg(long, value_parser = parse_iccid)]
    pub iccid: Option<Iccid>,
}

/// Filters shared by the two position lists.
#[derive(Debug, Args, Clone)]
pub struct PositionFilter {
    /// Only positions from this source
    #[arg(long, value_parser = sdk!(PositionSource), ignore_case = true)]
    pub source: Option<PositionSource>,
    /// Sampled from (ISO 8601)
    #[arg(long, value_name = "WHEN", value_parser = timestamp)]
    pub start: Option<Timestamp>,
    /// Sampled until (ISO 8601)
    #[arg(long, value_name = "WHEN", value_parser = timestamp)]
    pub end: Option<Timestamp>,
    /// The order, e.g. -sampleTime
    #[arg(long, allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Paging options.
    #[command(flatten)]
    pub paging: Paging,
}

impl PositionFilter {
    fn apply(&self, mut l: List<once_sdk::Position>) -> List<once_sdk::Position> {
        if let Some(s) = &self.source {
            l = l.source(s.clone());
        }
        if let Some(s) = &self.start {
            l = l.start(*s);
        }
        if let Some(e) = &self.end {
            l = l.end(*e);
        }
        if let Some(s) = &self.sort {
            l = l.sort(s.clone());
        }
        paged(l, &self.paging, 100)
    }
}

/// What a geofence reports.
#[derive(Debug, Args, Clone)]
pub struct GeofenceEvents {
    /// Report entering and/or leaving (repeat for both)
    #[arg(long = "event-type", value_parser = sdk!(GeofenceEvent), ignore_case = true, conflicts_with = "body")]
    pub event_types: Vec<GeofenceEvent>,
    /// Positions from GPS and/or cell towers (repeat for both)
    #[arg(long = "event-source", value_parser = sdk!(PositionSource), ignore_case = true, conflicts_with = "body")]
    pub event_sources: Vec<PositionSource>,
}

/// The fields of an integration change.
#[derive(Debug, Args, Clone)]
pub struct IntegrationChange {
    /// A new URL (webhooks)
    #[arg(long, conflicts_with = "body")]
    pub url: Option<String>,
    /// New custom headers, NAME=VALUE (webhooks; repeat; the values are
    /// secrets: --body keeps them out of the shell's history)
    #[arg(long = "header", value_name = "NAME=VALUE", value_parser = header, conflicts_with = "body")]
    pub headers: Vec<(String, String)>,
    /// New event types (repeat)
    #[arg(long = "event-type", value_parser = sdk!(OsEventType), ignore_case = true, conflicts_with = "body")]
    pub event_types: Vec<OsEventType>,
    /// Whether payloads are sent as JSON
    #[arg(long, value_name = "BOOL", conflicts_with = "body")]
    pub json_payload: Option<bool>,
    /// Or the whole change as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl IntegrationChange {
    fn change(&self) -> Result<IntegrationUpdate, CliError> {
        if let Some(b) = &self.body.body {
            return parse_body(b);
        }
        let mut u = IntegrationUpdate::default();
        u.url = self.url.clone();
        u.headers = headers_of(&self.headers);
        u.event_types = subscriptions(&self.event_types);
        u.json_payload_enabled = self.json_payload;
        Ok(u)
    }
}

fn header(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err("a header is NAME=VALUE".into()),
    }
}

fn headers_of(h: &[(String, String)]) -> Option<WebhookHeaders> {
    (!h.is_empty()).then(|| {
        h.iter().fold(WebhookHeaders::new(), |acc, (k, v)| {
            acc.with(k.clone(), v.as_str())
        })
    })
}

fn subscriptions(t: &[OsEventType]) -> Option<Vec<EventSubscription>> {
    (!t.is_empty()).then(|| t.iter().cloned().map(EventSubscription::new).collect())
}

/// `once os devices ...`
#[derive(Debug, Subcommand)]
pub enum DevicesCmd {
    /// The protocol endpoints devices talk to (UDP, CoAP, LwM2M)
    #[command(after_help = ex!("devices endpoints", "devices endpoints -o json"))]
    Endpoints,
    /// One protocol endpoint, with its settings
    #[command(after_help = ex!("devices endpoint LWM2M"))]
    Endpoint {
        /// The protocol
        #[arg(value_parser = sdk!(OsProtocol), ignore_case = true)]
        protocol: OsProtocol,
    },
    /// Switch a protocol endpoint on or off, or change its settings (asks first)
    #[command(after_help = ex!(
        "devices update-endpoint LWM2M --setting LWM2M_PASSIVE_REPORTING=ENABLED",
        "devices update-endpoint UDP --active false --dry-run"
    ))]
    UpdateEndpoint {
        /// The protocol
        #[arg(value_parser = sdk!(OsProtocol), ignore_case = true)]
        protocol: OsProtocol,
        /// Switch the endpoint on or off
        #[arg(long, value_name = "BOOL", conflicts_with = "body")]
        active: Option<bool>,
        /// A setting to change, NAME=ENABLED|DISABLED (repeat)
        #[arg(long = "setting", value_name = "NAME=STATE", value_parser = endpoint_setting, conflicts_with = "body")]
        settings: Vec<EndpointSettingUpdate>,
        /// Or the whole change as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// Every device action request, newest first
    #[command(after_help = ex!(
        "devices action-requests",
        "devices action-requests --device-id 8988280666000000000 --status FAILED --all -o csv"
    ))]
    ActionRequests(ActionFilter),
    /// The action requests still scheduled or in progress
    #[command(after_help = ex!("devices active-action-requests --protocol UDP"))]
    ActiveActionRequests(ActionFilter),
    /// The action requests that are done (succeeded, failed, cancelled)
    #[command(after_help = ex!("devices archived-action-requests --all -o jsonl"))]
    ArchivedActionRequests(ActionFilter),
    /// Cancel every unfinished action request of a device (asks first)
    #[command(after_help = ex!("devices cancel-action-requests 8988280666000000000 --yes"))]
    CancelActionRequests {
        /// The device
        device_id: DeviceId,
    },
    /// Cancel one unfinished action request (asks first)
    #[command(after_help = ex!("devices cancel-action-request 3f2c9a1e --yes"))]
    CancelActionRequest {
        /// The action request
        request_id: ActionRequestId,
    },
    /// One action request and where it stands
    #[command(after_help = ex!("devices action-request 3f2c9a1e -o json"))]
    ActionRequest {
        /// The action request
        request_id: ActionRequestId,
    },
    /// Set a device's pre-shared key, older path (asks first; the key is never printed)
    #[command(after_help = ex!(
        "devices set-preshared-key 8988280666000000000 --protocol COAP --key-file key.txt",
        "devices set-preshared-key 8988280666000000000 --body psk.json --yes"
    ))]
    SetPresharedKey(PskArgs),
    /// The pre-shared-key jobs, older path
    #[command(after_help = ex!("devices preshared-key-jobs"))]
    PresharedKeyJobs,
    /// Set the keys of many devices in one job, older path (asks first)
    #[command(after_help = ex!("devices create-preshared-key-job --body keys.json --wait"))]
    CreatePresharedKeyJob {
        /// A JSON array of {deviceId, secretKey, protocol, format}
        #[arg(long, value_name = "FILE|-")]
        body: PathBuf,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Set a device's pre-shared key for CoAP or LwM2M (asks first; the key is never printed)
    #[command(after_help = ex!(
        "devices set-psk 8988280666000000000 --protocol LWM2M --format HEX --key-file key.hex",
        "devices set-psk 8988280666000000000 --protocol COAP --key-file - --yes < key.txt"
    ))]
    SetPsk(PskArgs),
    /// A device's pre-shared key for a protocol (the key only with --show-secrets)
    #[command(after_help = ex!(
        "devices psk 8988280666000000000 COAP",
        "devices psk 8988280666000000000 COAP --show-secrets -o json"
    ))]
    Psk {
        /// The device
        device_id: DeviceId,
        /// The protocol
        #[arg(value_parser = sdk!(OsProtocol), ignore_case = true)]
        protocol: OsProtocol,
    },
    /// The pre-shared-key jobs
    #[command(after_help = ex!("devices psk-jobs -o json"))]
    PskJobs,
    /// Set the keys of many devices in one job (asks first)
    #[command(after_help = ex!("devices create-psk-job --body keys.json --wait --yes"))]
    CreatePskJob {
        /// A JSON array of {deviceId, secretKey, protocol, format}
        #[arg(long, value_name = "FILE|-")]
        body: PathBuf,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send an LwM2M action to a device (asks first)
    #[command(after_help = ex!(
        "devices send-lwm2m 8988280666000000000 --action read --resource /3/0/1 --wait",
        "devices send-lwm2m 8988280666000000000 --action write --resource /1/0/1 --data 60 --dry-run"
    ))]
    SendLwm2m {
        /// The device
        device_id: DeviceId,
        /// The action.
        #[command(flatten)]
        action: Lwm2mArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send an LwM2M action to many devices (asks first)
    #[command(after_help = ex!(
        "devices send-lwm2m-bulk --device-id 8988280666000000000 --device-id 8988280666000000001 --action execute --resource /3/0/4"
    ))]
    SendLwm2mBulk {
        /// The devices.
        #[command(flatten)]
        devices: Devices,
        /// The action.
        #[command(flatten)]
        action: Lwm2mArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send a CoAP request to a device (asks first)
    #[command(after_help = ex!(
        "devices send-coap 8988280666000000000 --method POST --port 5683 --path /led --payload on --wait"
    ))]
    SendCoap {
        /// The device
        device_id: DeviceId,
        /// The request.
        #[command(flatten)]
        action: CoapArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send a CoAP request to many devices (asks first)
    #[command(after_help = ex!(
        "devices send-coap-bulk --device-id 8988280666000000000 --device-id 8988280666000000001 --method GET --port 5683 --path /status"
    ))]
    SendCoapBulk {
        /// The devices.
        #[command(flatten)]
        devices: Devices,
        /// The request.
        #[command(flatten)]
        action: CoapArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send a UDP message to a device (asks first)
    #[command(after_help = ex!(
        "devices send-udp 8988280666000000000 --payload ping --port 4445 --wait",
        "devices send-udp 8988280666000000000 --payload AQI= --payload-type BASE64 --port 4445 --dry-run"
    ))]
    SendUdp {
        /// The device
        device_id: DeviceId,
        /// The message.
        #[command(flatten)]
        action: UdpArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send a UDP message to many devices (asks first)
    #[command(after_help = ex!(
        "devices send-udp-bulk --device-id 8988280666000000000 --device-id 8988280666000000001 --payload ping --port 4445 --yes"
    ))]
    SendUdpBulk {
        /// The devices.
        #[command(flatten)]
        devices: Devices,
        /// The message.
        #[command(flatten)]
        action: UdpArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// Send an LwM2M action to a device, by the Devices area's path (asks first)
    #[command(after_help = ex!(
        "devices send-action 8988280666000000000 --action read --resource /3/0/0 --wait"
    ))]
    SendAction {
        /// The device
        device_id: DeviceId,
        /// The action.
        #[command(flatten)]
        action: Lwm2mArgs,
        /// --wait.
        #[command(flatten)]
        wait: Wait,
    },
    /// The account's device figures
    #[command(after_help = ex!("devices stats"))]
    Stats,
}

fn endpoint_setting(s: &str) -> Result<EndpointSettingUpdate, String> {
    let (name, state) = s
        .split_once('=')
        .ok_or("a setting is NAME=ENABLED|DISABLED")?;
    let state = match state.to_ascii_uppercase().as_str() {
        "ENABLED" => SettingState::Enabled,
        "DISABLED" => SettingState::Disabled,
        other => {
            return Err(format!(
                "the state must be ENABLED or DISABLED, got {other}"
            ))
        }
    };
    let name: EndpointSettingName = match name.parse() {
        Ok(n) => n,
        Err(never) => match never {},
    };
    Ok(EndpointSettingUpdate::new(name, state))
}

/// `once os inspector ...`
#[derive(Debug, Subcommand)]
pub enum InspectorCmd {
    /// The account's devices (at most 50 a page)
    #[command(after_help = ex!(
        "inspector devices",
        "inspector devices --q iccid:8988280666000000000 -o json",
        "inspector devices --all -o csv > devices.csv"
    ))]
    Devices {
        /// 1NCE's query, e.g. iccid:8988280666000000000
        #[arg(long)]
        q: Option<String>,
        /// 1NCE's order, e.g. iccid,-ip
        #[arg(long, allow_hyphen_values = true)]
        sort: Option<String>,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// One device
    #[command(after_help = ex!("inspector device 8988280666000000000"))]
    Device {
        /// The device
        device_id: DeviceId,
    },
    /// A device's last reported state
    #[command(after_help = ex!("inspector telemetry 8988280666000000000 --protocol LWM2M -o json"))]
    Telemetry {
        /// The device
        device_id: DeviceId,
        /// Only this protocol's
        #[arg(long, value_parser = sdk!(OsProtocol), ignore_case = true)]
        protocol: Option<OsProtocol>,
    },
    /// A device's messages
    #[command(after_help = ex!(
        "inspector device-history 8988280666000000000",
        "inspector device-history 8988280666000000000 --all --start 2026-11-01T00:00:00Z -o jsonl"
    ))]
    DeviceHistory {
        /// The device
        device_id: DeviceId,
        /// Time range and protocol.
        #[command(flatten)]
        history: HistoryRange,
        /// Paging.
        #[command(flatten)]
        paging: TokenPaging,
    },
    /// The messages of every device (or of one device id or ICCID)
    #[command(after_help = ex!(
        "inspector history --protocol UDP",
        "inspector history --iccid 8988280666000000000 --all -o csv"
    ))]
    History {
        /// Whose.
        #[command(flatten)]
        whose: Whose,
        /// Time range and protocol.
        #[command(flatten)]
        history: HistoryRange,
        /// Paging.
        #[command(flatten)]
        paging: TokenPaging,
    },
    /// A device's messages counted per interval
    #[command(after_help = ex!("inspector device-insights 8988280666000000000 --interval 1d"))]
    DeviceInsights {
        /// The device
        device_id: DeviceId,
        /// Time range and protocol.
        #[command(flatten)]
        history: HistoryRange,
        /// The interval, e.g. 1h or 1d
        #[arg(long)]
        interval: Option<String>,
    },
    /// Every device's messages counted per interval
    #[command(after_help = ex!("inspector insights --interval 1d -o csv"))]
    Insights {
        /// Whose.
        #[command(flatten)]
        whose: Whose,
        /// Time range and protocol.
        #[command(flatten)]
        history: HistoryRange,
        /// The interval, e.g. 1h or 1d
        #[arg(long)]
        interval: Option<String>,
    },
}

/// `once os locator ...`
#[derive(Debug, Subcommand)]
pub enum LocatorCmd {
    /// A device's positions, newest first
    #[command(after_help = ex!(
        "locator positions 8988280666000000000",
        "locator positions 8988280666000000000 --source GPS --all -o csv"
    ))]
    Positions {
        /// The device
        device_id: DeviceId,
        /// Every position or a summary
        #[arg(long, value_parser = sdk!(PositionMode), ignore_case = true)]
        mode: Option<PositionMode>,
        /// Filters.
        #[command(flatten)]
        filter: PositionFilter,
    },
    /// The latest position of each device
    #[command(after_help = ex!(
        "locator latest-positions --all -o jsonl",
        "locator latest-positions --within 13.0,52.3,13.8,52.7"
    ))]
    LatestPositions {
        /// Only this device's
        #[arg(long, value_name = "ID")]
        device_id: Option<DeviceId>,
        /// Only within the box LON_FROM,LAT_FROM,LON_TO,LAT_TO
        #[arg(long, value_name = "BOX", value_parser = numbers::<4>, allow_hyphen_values = true)]
        within: Option<[f64; 4]>,
        /// Filters.
        #[command(flatten)]
        filter: PositionFilter,
    },
    /// The cell towers a device used
    #[command(after_help = ex!("locator activity 8988280666000000000 --start 2026-11-01T00:00:00Z"))]
    Activity {
        /// The device
        device_id: DeviceId,
        /// From (ISO 8601)
        #[arg(long, value_name = "WHEN", value_parser = timestamp)]
        start: Option<Timestamp>,
        /// Until (ISO 8601)
        #[arg(long, value_name = "WHEN", value_parser = timestamp)]
        end: Option<Timestamp>,
    },
    /// The geofences
    #[command(after_help = ex!("locator geofences", "locator geofences --scope device -o csv"))]
    Geofences {
        /// Only geofences with this name
        #[arg(long)]
        name: Option<String>,
        /// Only this device's geofences
        #[arg(long, value_name = "ID")]
        device_id: Option<DeviceId>,
        /// Only global or only device geofences
        #[arg(long, value_parser = sdk!(GeofenceScope), ignore_case = true)]
        scope: Option<GeofenceScope>,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Create a geofence: a circle or a polygon (asks first)
    #[command(after_help = ex!(
        "locator create-geofence --name depot --circle 13.4,52.5 --radius 250",
        "locator create-geofence --name yard --polygon '13.1,52.1 13.2,52.1 13.2,52.2 13.1,52.1' --event-type ENTER",
        "locator create-geofence --body geofence.json --yes"
    ))]
    CreateGeofence {
        /// Its name
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        name: Option<String>,
        /// A circle around LON,LAT (with --radius)
        #[arg(long, value_name = "LON,LAT", value_parser = numbers::<2>, allow_hyphen_values = true,
              requires = "radius", conflicts_with_all = ["polygon", "body"])]
        circle: Option<[f64; 2]>,
        /// The circle's radius in metres
        #[arg(long, value_name = "METRES", conflicts_with = "body")]
        radius: Option<f64>,
        /// A polygon: LON,LAT points separated by spaces, the first repeated last
        #[arg(
            long,
            value_name = "POINTS",
            allow_hyphen_values = true,
            conflicts_with = "body"
        )]
        polygon: Option<String>,
        /// Only for this device (default: every device)
        #[arg(long, value_name = "ID", conflicts_with = "body")]
        device_id: Option<DeviceId>,
        /// What it reports.
        #[command(flatten)]
        events: GeofenceEvents,
        /// Or the whole geofence as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// One geofence
    #[command(after_help = ex!("locator geofence 7c1e2d3f -o json"))]
    Geofence {
        /// The geofence
        geofence_id: GeofenceId,
    },
    /// Rename a geofence or change what it reports (asks first)
    #[command(after_help = ex!("locator update-geofence 7c1e2d3f --name depot-north --event-type EXIT"))]
    UpdateGeofence {
        /// The geofence
        geofence_id: GeofenceId,
        /// A new name
        #[arg(long, conflicts_with = "body")]
        name: Option<String>,
        /// What it reports.
        #[command(flatten)]
        events: GeofenceEvents,
        /// Or the whole change as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// Delete a geofence (asks first)
    #[command(after_help = ex!("locator delete-geofence 7c1e2d3f --yes"))]
    DeleteGeofence {
        /// The geofence
        geofence_id: GeofenceId,
    },
}

/// `once os optimizer ...`
#[derive(Debug, Subcommand)]
pub enum OptimizerCmd {
    /// Translate a payload with a template, as a test (nothing is stored)
    #[command(after_help = ex!("optimizer test --template 'temp:int8' --payload 17"))]
    Test {
        /// The template
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        template: Option<String>,
        /// The payload
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        payload: Option<String>,
        /// Or the whole test as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// The energy saver's figures over a period
    #[command(after_help = ex!("optimizer savings --range 7 --protocol UDP"))]
    Savings {
        /// The period in days: 1, 7 or 30
        #[arg(long, value_parser = sdk!(SavingsRange))]
        range: Option<SavingsRange>,
        /// Only this protocol (COAP or UDP)
        #[arg(long, value_parser = sdk!(OsProtocol), ignore_case = true)]
        protocol: Option<OsProtocol>,
        /// Only this SIM
        #[arg(long, value_parser = parse_iccid)]
        iccid: Option<Iccid>,
    },
    /// The translation templates
    #[command(after_help = ex!("optimizer templates", "optimizer templates -o json"))]
    Templates,
    /// Create a template (asks first)
    #[command(after_help = ex!(
        "optimizer create-template --name temps --template 'temp:int8' --protocol UDP",
        "optimizer create-template --body template.json --yes"
    ))]
    CreateTemplate(TemplateArgs),
    /// Change a template (asks first)
    #[command(after_help = ex!("optimizer update-template 5b8e --status INACTIVE"))]
    UpdateTemplate {
        /// The template
        template_id: TemplateId,
        /// The change.
        #[command(flatten)]
        change: TemplateArgs,
    },
    /// Delete a template (asks first)
    #[command(after_help = ex!("optimizer delete-template 5b8e --yes"))]
    DeleteTemplate {
        /// The template
        template_id: TemplateId,
    },
}

/// The fields of a template.
#[derive(Debug, Args, Clone)]
pub struct TemplateArgs {
    /// Its name
    #[arg(long, conflicts_with = "body")]
    pub name: Option<String>,
    /// The template
    #[arg(long, conflicts_with = "body")]
    pub template: Option<String>,
    /// A protocol it applies to: COAP, UDP (repeat)
    #[arg(long = "protocol", value_parser = sdk!(OsProtocol), ignore_case = true, conflicts_with = "body")]
    pub protocols: Vec<OsProtocol>,
    /// Active or inactive
    #[arg(long, value_parser = sdk!(TemplateStatus), ignore_case = true, conflicts_with = "body")]
    pub status: Option<TemplateStatus>,
    /// Or the whole template as JSON.
    #[command(flatten)]
    pub body: Body,
}

impl TemplateArgs {
    fn input(&self) -> Result<TemplateInput, CliError> {
        if let Some(b) = &self.body.body {
            return parse_body(b);
        }
        let mut t = TemplateInput::default();
        t.name = self.name.clone();
        t.template = self.template.clone();
        t.protocol_filter = (!self.protocols.is_empty()).then(|| self.protocols.clone());
        t.status = self.status.clone();
        Ok(t)
    }
}

/// `once os integrations ...`
#[derive(Debug, Subcommand)]
pub enum IntegrationsCmd {
    /// The integrations (AWS and webhooks; header values only with --show-secrets)
    #[command(after_help = ex!("integrations list", "integrations list -o json"))]
    List,
    /// One integration
    #[command(after_help = ex!("integrations get 2d4f -o json"))]
    Get {
        /// The integration
        integration_id: IntegrationId,
    },
    /// Change an integration (asks first)
    #[command(after_help = ex!("integrations update 2d4f --event-type TELEMETRY_DATA --event-type LOCATION"))]
    Update {
        /// The integration
        integration_id: IntegrationId,
        /// The change.
        #[command(flatten)]
        change: IntegrationChange,
    },
    /// Change a webhook integration (asks first)
    #[command(after_help = ex!(
        "integrations update-webhook 2d4f --url https://example.com/1nce",
        "integrations update-webhook 2d4f --body headers.json --yes"
    ))]
    UpdateWebhook {
        /// The integration
        integration_id: IntegrationId,
        /// The change.
        #[command(flatten)]
        change: IntegrationChange,
    },
    /// Delete an integration (asks first)
    #[command(after_help = ex!("integrations delete 2d4f --yes"))]
    Delete {
        /// The integration
        integration_id: IntegrationId,
    },
    /// The event types integrations can forward
    #[command(after_help = ex!("integrations event-types -o json"))]
    EventTypes,
    /// The CloudFormation templates of AWS integrations
    #[command(after_help = ex!("integrations aws-parameters"))]
    AwsParameters,
    /// Create an AWS integration (asks first)
    #[command(after_help = ex!("integrations create-aws --name fleet --event-type TELEMETRY_DATA"))]
    CreateAws {
        /// Its name
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        name: Option<String>,
        /// An event type to forward (repeat)
        #[arg(long = "event-type", value_parser = sdk!(OsEventType), ignore_case = true,
              required_unless_present = "body", conflicts_with = "body")]
        event_types: Vec<OsEventType>,
        /// Whether payloads are sent as JSON
        #[arg(long, value_name = "BOOL", conflicts_with = "body")]
        json_payload: Option<bool>,
        /// Or the whole integration as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// Create a webhook integration: 1NCE posts events to a URL (asks first)
    #[command(after_help = ex!(
        "integrations create-webhook --name ops --url https://example.com/1nce --event-type TELEMETRY_DATA",
        "integrations create-webhook --body webhook.json --yes"
    ))]
    CreateWebhook {
        /// Its name
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        name: Option<String>,
        /// The URL to post to
        #[arg(long, required_unless_present = "body", conflicts_with = "body")]
        url: Option<String>,
        /// A custom header, NAME=VALUE (repeat; the values are secrets:
        /// --body keeps them out of the shell's history)
        #[arg(long = "header", value_name = "NAME=VALUE", value_parser = header, conflicts_with = "body")]
        headers: Vec<(String, String)>,
        /// An event type to forward (repeat)
        #[arg(long = "event-type", value_parser = sdk!(OsEventType), ignore_case = true,
              required_unless_present = "body", conflicts_with = "body")]
        event_types: Vec<OsEventType>,
        /// Whether payloads are sent as JSON
        #[arg(long, value_name = "BOOL", conflicts_with = "body")]
        json_payload: Option<bool>,
        /// Or the whole integration as JSON.
        #[command(flatten)]
        body: Body,
    },
    /// Restart a failed AWS integration (asks first)
    #[command(after_help = ex!("integrations restart-aws 2d4f --yes"))]
    RestartAws {
        /// The integration
        integration_id: IntegrationId,
    },
    /// Send a test message through an AWS integration (asks first)
    #[command(after_help = ex!("integrations test-aws 2d4f --yes"))]
    TestAws {
        /// The integration
        integration_id: IntegrationId,
    },
    /// Restart a failed webhook integration (asks first)
    #[command(after_help = ex!("integrations restart-webhook 2d4f --yes"))]
    RestartWebhook {
        /// The integration
        integration_id: IntegrationId,
    },
    /// Send a test message through a webhook integration (asks first)
    #[command(after_help = ex!("integrations test-webhook 2d4f --yes"))]
    TestWebhook {
        /// The integration
        integration_id: IntegrationId,
    },
}

/// `once os plugins ...`
#[derive(Debug, Subcommand)]
pub enum PluginsCmd {
    /// The plugins
    #[command(after_help = ex!("plugins list"))]
    List,
    /// One plugin (keys and tokens only with --show-secrets)
    #[command(after_help = ex!("plugins get 9a7b -o json"))]
    Get {
        /// The plugin
        plugin_id: PluginId,
    },
    /// Install a partner's plugin (asks first); tokens and keys go in --body
    #[command(after_help = ex!(
        "plugins create DATACAKE --workspace-id 0f1e2d3c",
        "plugins create MEMFAULT --yes",
        "plugins create TARTABIT --body tartabit.json --yes"
    ))]
    Create {
        /// The partner
        #[arg(value_parser = sdk!(Partner), ignore_case = true)]
        partner: Partner,
        /// Datacake: the workspace
        #[arg(long, conflicts_with = "body")]
        workspace_id: Option<String>,
        /// Tartabit: the server
        #[arg(long, conflicts_with = "body")]
        server_domain: Option<String>,
        /// The settings as JSON (Mender's tenantToken, Tartabit's webhookKey: secrets)
        #[command(flatten)]
        body: Body,
    },
    /// Restart a plugin (asks first)
    #[command(after_help = ex!("plugins restart 9a7b --yes"))]
    Restart {
        /// The plugin
        plugin_id: PluginId,
    },
    /// Delete a plugin (asks first)
    #[command(after_help = ex!("plugins delete 9a7b --yes"))]
    Delete {
        /// The plugin
        plugin_id: PluginId,
    },
}

/// `once os settings ...`
#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// The account's 1NCE OS settings
    #[command(after_help = ex!("settings list", "settings list --language de -o json"))]
    List {
        /// The language of the descriptions
        #[arg(long, value_parser = sdk!(SettingsLanguage), ignore_case = true)]
        language: Option<SettingsLanguage>,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Switch a setting on or off (asks first)
    #[command(after_help = ex!(
        "settings update ADVANCED_CELL_TOWER_LOCATION --state ENABLED --accept-disclaimer"
    ))]
    Update {
        /// The setting's name
        name: String,
        /// On or off
        #[arg(long, value_parser = sdk!(SettingState), ignore_case = true)]
        state: SettingState,
        /// You read and accept the setting's disclaimer (needed to switch a paid one on)
        #[arg(long)]
        accept_disclaimer: bool,
    },
}

/// `once os agreements ...`
#[derive(Debug, Subcommand)]
pub enum AgreementsCmd {
    /// Accept (or, with --decline, decline) the 1NCE OS agreement (asks first)
    #[command(after_help = ex!("agreements accept", "agreements accept --decline --yes"))]
    Accept {
        /// Decline it instead
        #[arg(long)]
        decline: bool,
    },
}

/// `once os logs ...`
#[derive(Debug, Subcommand)]
pub enum LogsCmd {
    /// The administration logs, newest first
    #[command(after_help = ex!(
        "logs list",
        "logs list --q type:DEVICE,category:error --all -o csv"
    ))]
    List {
        /// 1NCE's query, e.g. type:DEVICE,iccid:8988280666000000000
        #[arg(long)]
        q: Option<String>,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Log figures per day
    #[command(after_help = ex!("logs stats --timezone UTC --category error"))]
    Stats {
        /// The time zone of the days, e.g. UTC or Europe/Berlin
        #[arg(long, default_value = "UTC")]
        timezone: String,
        /// Only this category
        #[arg(long, value_parser = sdk!(LogCategory), ignore_case = true)]
        category: Option<LogCategory>,
    },
    /// The URL of a log's payload
    #[command(after_help = ex!("logs payload-url 6e0f"))]
    PayloadUrl {
        /// The log entry
        admin_log_id: AdminLogId,
    },
}

/// The row of the SDK's table an operation is.
pub fn operation(name: &str) -> Option<&'static OsOperation> {
    OPERATIONS.iter().find(|o| o.name == name)
}

/// Reads a file, or stdin for `-`.
fn read_text(path: &Path, what: &str) -> Result<String, CliError> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| CliError::usage(format!("{what}: cannot read stdin: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("{what}: cannot read {}: {e}", path.display())))
}

/// A `--body` as the SDK's type `T`: JSON, every field of the right type
/// (the error names the field) and known to `T` (an unknown field, a
/// typo most likely, is refused rather than dropped).
pub fn parse_body<T: DeserializeOwned + Serialize>(path: &Path) -> Result<T, CliError> {
    let text = read_text(path, "--body")?;
    body_of(&text)
}

/// [`parse_body`] of a text.
pub fn body_of<T: DeserializeOwned + Serialize>(text: &str) -> Result<T, CliError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| CliError::usage(format!("--body is not JSON: {e}")))?;
    checked::<T>(&value, "")
}

fn checked<T: DeserializeOwned + Serialize>(value: &Value, at: &str) -> Result<T, CliError> {
    let typed: T = match serde_json::from_value(value.clone()) {
        Ok(t) => t,
        Err(e) => {
            // Name the field: the first one that fails on its own.
            if let Value::Object(m) = value {
                for (k, v) in m {
                    let one = Value::Object([(k.clone(), v.clone())].into_iter().collect());
                    if let Err(e) = serde_json::from_value::<T>(one) {
                        return Err(CliError::usage(format!("--body: field {at}{k}: {e}")));
                    }
                }
            }
            let whole = if at.is_empty() { "the body" } else { at };
            return Err(CliError::usage(format!("--body: {whole}: {e}")));
        }
    };
    let back = to_value(&typed);
    if let (Value::Object(sent), Value::Object(kept)) = (value, &back) {
        if let Some(k) = sent
            .iter()
            .find(|(k, v)| !v.is_null() && kept.get(k.as_str()).is_none_or(Value::is_null))
            .map(|(k, _)| k)
        {
            let known: Vec<&str> = kept.keys().map(String::as_str).collect();
            return Err(CliError::usage(format!(
                "--body: field {at}{k} is not one 1NCE takes here (given and understood: {})",
                known.join(", ")
            )));
        }
    }
    Ok(typed)
}

/// A `--body` that is a JSON array of `T`, each checked as [`parse_body`].
fn parse_body_list<T: DeserializeOwned + Serialize>(path: &Path) -> Result<Vec<T>, CliError> {
    let text = read_text(path, "--body")?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("--body is not JSON: {e}")))?;
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| checked::<T>(v, &format!("[{i}].")))
            .collect(),
        _ => Err(CliError::usage("--body must be a JSON array")),
    }
}

/// The client of a dry run: requests are previewed, never sent, so no
/// credentials are needed.
fn offline_client() -> Result<Client, CliError> {
    Client::builder()
        .credentials(Credentials::new("dry-run", "dry-run"))
        .build()
        .map_err(CliError::from)
}

/// The client calls are built on: the real one, or an offline one for a
/// dry run of a change (reads are sent as usual).
async fn client_for(ctx: &Ctx) -> Result<Client, CliError> {
    if ctx.dry_run {
        offline_client()
    } else {
        Ok(ctx.client().await?.clone())
    }
}

/// What the SDK's table says about the request `preview` is: a read is
/// sent; a change is printed by `--dry-run` (and not sent) or confirmed.
/// `Ok(None)`: go ahead and send it; `Ok(Some(code))`: done (a dry run).
fn gate(ctx: &Ctx, preview: RequestPreview) -> Result<Option<i32>, CliError> {
    let op = operation(preview.operation).ok_or_else(|| {
        CliError::new(
            exit::FAILED,
            format!("{} is not in the SDK's table of 1NCE OS", preview.operation),
        )
    })?;
    if op.effect == Effect::Read {
        return Ok(None);
    }
    if ctx.dry_run {
        let mut planned = Planned::new(op.method, preview.path);
        planned.body = preview.body;
        return print_plan(ctx, &[planned]).map(Some);
    }
    let what = match op.effect {
        Effect::SideEffect => "it acts on devices or clouds and is never sent twice",
        _ => "it changes the account's 1NCE OS",
    };
    confirm(
        ctx,
        &format!("send {} {} ({}: {what})", op.method, preview.path, op.name),
    )?;
    Ok(None)
}

/// Where to look when a side effect's outcome is unknown (the request may
/// have reached 1NCE; it was not sent again), by the SDK's operation name.
fn check_hint(operation: &str) -> &'static str {
    match operation {
        o if o.starts_with("os.devices.send_") => {
            "`once os devices action-requests --device-id DEVICE` shows whether the action was received"
        }
        o if o.contains("psk") || o.contains("preshared") => {
            "`once os devices psk-jobs` or `once os devices psk DEVICE PROTOCOL` shows whether the key was set"
        }
        o if o.starts_with("os.integrations.") => {
            "`once os integrations list` shows the integrations as they are"
        }
        o if o.starts_with("os.plugins.") => "`once os plugins list` shows the plugins as they are",
        o if o.starts_with("os.locator.") => "`once os locator geofences` shows the geofences",
        o if o.starts_with("os.optimizer.") => "`once os optimizer templates` shows the templates",
        _ => "the matching list command shows whether it was applied",
    }
}

/// An SDK error as the CLI reports it; an unknown outcome says what to
/// check before sending it again.
fn reported(e: once_sdk::Error, operation: &str) -> CliError {
    match e {
        e @ once_sdk::Error::OutcomeUnknown { .. } => CliError::new(
            exit::OUTCOME_UNKNOWN,
            format!(
                "OUTCOME UNKNOWN: {e}\n  check: {} before running it again",
                check_hint(operation)
            ),
        ),
        e => e.into(),
    }
}

/// Runs a call: a read is sent and its answer printed; a change goes
/// through [`gate`] first. `make` builds the call (twice for a change: a
/// preview, then the call sent).
async fn call<T, F>(ctx: &Ctx, make: F) -> Result<i32, CliError>
where
    T: Serialize + Send + 'static,
    F: Fn(&Client) -> Call<T>,
{
    let client = client_for(ctx).await?;
    let preview = make(&client).preview()?;
    let operation = preview.operation;
    if let Some(code) = gate(ctx, preview)? {
        return Ok(code);
    }
    let client = ctx.client().await?;
    let v = make(client).await.map_err(|e| reported(e, operation))?;
    print_answer(ctx, to_value(&v))
}

/// Prints an answer: `null` (204, no body) as a line on stderr.
fn print_answer(ctx: &Ctx, v: Value) -> Result<i32, CliError> {
    match v {
        Value::Null => eprintln!("done"),
        Value::Array(items) => ctx.out.list(&items, &[])?,
        other => ctx.out.one(&other)?,
    }
    Ok(exit::OK)
}

/// Accepted work (202): what 1NCE answered, and how to follow it.
trait Accepted: Send + Sync + 'static {
    /// The answer, as printed without `--wait`.
    fn answer(&self) -> Value;
    /// Follows the work until it is done; the records printed with
    /// `--wait` and whether every one of them succeeded.
    fn follow(&self, timeout: Duration) -> BoxFuture<'_, once_sdk::Result<(Vec<Value>, bool)>>;
}

/// How often `--wait` asks.
const POLL: Duration = Duration::from_millis(500);

fn succeeded(r: &once_sdk::ActionRequest) -> bool {
    r.status == Some(ActionStatus::Succeeded)
}

impl Accepted for ActionHandle {
    fn answer(&self) -> Value {
        to_value(self.accepted())
    }
    fn follow(&self, timeout: Duration) -> BoxFuture<'_, once_sdk::Result<(Vec<Value>, bool)>> {
        async move {
            let done = self.clone().poll_every(POLL).wait(timeout).await?;
            Ok((vec![to_value(&done)], succeeded(&done)))
        }
        .boxed()
    }
}

impl Accepted for BulkActionHandle {
    fn answer(&self) -> Value {
        to_value(self.accepted())
    }
    fn follow(&self, timeout: Duration) -> BoxFuture<'_, once_sdk::Result<(Vec<Value>, bool)>> {
        async move {
            let mut out = Vec::new();
            let mut ok = self.rejected().is_empty();
            for h in self.handles() {
                let done = h.poll_every(POLL).wait(timeout).await?;
                ok &= succeeded(&done);
                out.push(to_value(&done));
            }
            Ok((out, ok))
        }
        .boxed()
    }
}

impl Accepted for PskJobHandle {
    fn answer(&self) -> Value {
        json!({"message": "accepted: the keys are being set (`once os devices psk-jobs` shows the job)"})
    }
    fn follow(&self, timeout: Duration) -> BoxFuture<'_, once_sdk::Result<(Vec<Value>, bool)>> {
        async move {
            let jobs = self.clone().poll_every(POLL).wait(timeout).await?;
            let ok = jobs.iter().all(|j| j.failed.unwrap_or(0) == 0);
            Ok((jobs.iter().map(to_value).collect(), ok))
        }
        .boxed()
    }
}

/// Runs a call that answers 202 with work to follow: gated as a change,
/// then sent once; `--wait` follows it for at most `--timeout` (120 s by
/// default). Exit code 1 when the work ended other than in success.
async fn submit<H, F>(ctx: &Ctx, wait: Wait, make: F) -> Result<i32, CliError>
where
    H: Accepted,
    F: Fn(&Client) -> Submit<H>,
{
    let client = client_for(ctx).await?;
    let preview = make(&client).preview()?;
    let operation = preview.operation;
    if let Some(code) = gate(ctx, preview)? {
        return Ok(code);
    }
    let client = ctx.client().await?;
    let handle = make(client).await.map_err(|e| reported(e, operation))?;
    if !wait.wait {
        ctx.out.one(&handle.answer())?;
        return Ok(exit::OK);
    }
    let timeout = ctx.timeout.unwrap_or(Duration::from_secs(120));
    let (records, ok) = handle.follow(timeout).await?;
    ctx.out.list(
        &records,
        &["id", "deviceId", "status", "protocol", "updated"],
    )?;
    if ok {
        Ok(exit::OK)
    } else {
        Err(CliError::new(
            exit::FAILED,
            "the work ended, but not in success (see the records above)",
        ))
    }
}

/// Prints a body-paged list: one page, or every page with `--all`.
async fn list<T: Serialize + DeserializeOwned + Send + 'static>(
    ctx: &Ctx,
    list: List<T>,
    paging: &Paging,
    columns: &[&str],
    what: &str,
) -> Result<i32, CliError> {
    show_pages(ctx, list, paging, columns, what).await
}

/// Prints a list 1NCE answers at once (no paging).
async fn whole<T: Serialize + DeserializeOwned + Send + 'static>(
    ctx: &Ctx,
    l: List<T>,
    columns: &[&str],
    what: &str,
) -> Result<i32, CliError> {
    let paging = Paging {
        all: false,
        page: None,
        page_size: None,
    };
    show_pages(ctx, l, &paging, columns, what).await
}

/// A message history: one page (its next token on stderr), or every page
/// with `--all`, streamed.
async fn history<F, S>(ctx: &Ctx, paging: &TokenPaging, one: F, all: S) -> Result<i32, CliError>
where
    F: FnOnce() -> Call<once_sdk::MessageHistory>,
    S: FnOnce() -> once_sdk::ItemStream<once_sdk::DeviceMessage>,
{
    let columns = ["time", "deviceId", "protocol", "payload"];
    if !paging.all {
        let page = one().await?;
        let items: Vec<Value> = page.items.iter().flatten().map(to_value).collect();
        ctx.out.list(&items, &columns)?;
        if let Some(t) = page.next_token.filter(|t| !t.is_empty()) {
            eprintln!("more: --next-token {t} (or --all)");
        }
        return Ok(exit::OK);
    }
    let mut stream = all().chunks(100);
    let mut writer = ListWriter::new(&ctx.out, &columns);
    while let Some(chunk) = stream.next().await {
        let items = chunk
            .into_iter()
            .map(|m| m.map(|m| to_value(&m)))
            .collect::<once_sdk::Result<Vec<Value>>>()?;
        if !writer.write(&items)? {
            return Ok(exit::OK);
        }
    }
    writer.finish()?;
    Ok(exit::OK)
}

const ACTION_COLUMNS: &[&str] = &["id", "deviceId", "status", "protocol", "created", "updated"];
const JOB_COLUMNS: &[&str] = &["id", "status", "amount", "done", "failed", "updatedAt"];
const POSITION_COLUMNS: &[&str] = &["deviceId", "sampleTime", "source", "coordinate"];
const GEOFENCE_COLUMNS: &[&str] = &["id", "name", "type", "deviceId", "eventTypes", "radius"];
const INTEGRATION_COLUMNS: &[&str] = &["id", "name", "type", "state", "url"];

/// Runs `once os ...`.
pub async fn run(ctx: &Ctx, cmd: OsCmd) -> Result<i32, CliError> {
    match cmd {
        OsCmd::Devices(c) => devices(ctx, c).await,
        OsCmd::Inspector(c) => inspector(ctx, c).await,
        OsCmd::Locator(c) => locator(ctx, c).await,
        OsCmd::Optimizer(c) => optimizer(ctx, c).await,
        OsCmd::Integrations(c) => integrations(ctx, c).await,
        OsCmd::Plugins(c) => plugins(ctx, c).await,
        OsCmd::Settings(c) => settings(ctx, c).await,
        OsCmd::Agreements(AgreementsCmd::Accept { decline }) => {
            call(ctx, |c| c.os().agreements().accept(!decline)).await
        }
        OsCmd::Logs(c) => logs(ctx, c).await,
    }
}

/// `--body`, else the action the flags describe.
fn action_of<T: DeserializeOwned + Serialize>(
    body: &Body,
    flags: impl FnOnce() -> T,
) -> Result<T, CliError> {
    match &body.body {
        Some(b) => parse_body(b),
        None => Ok(flags()),
    }
}

/// `--body` (the whole bulk action), else the devices and the action's flags.
fn bulk_of<T: DeserializeOwned + Serialize + Default>(
    body: &Body,
    devices: &Devices,
    flags: impl FnOnce() -> T,
) -> Result<BulkAction<T>, CliError> {
    match &body.body {
        Some(b) => parse_body(b),
        None => Ok(BulkAction::new(devices.device_ids.clone(), flags())),
    }
}

async fn devices(ctx: &Ctx, cmd: DevicesCmd) -> Result<i32, CliError> {
    let d = |c: &Client| c.os().devices();
    match cmd {
        DevicesCmd::Endpoints => {
            let client = ctx.client().await?;
            let columns = ["protocol", "active", "domain", "port", "securePort"];
            whole(ctx, d(client).endpoints(), &columns, "endpoints").await
        }
        DevicesCmd::Endpoint { protocol } => call(ctx, |c| d(c).endpoint(protocol.clone())).await,
        DevicesCmd::UpdateEndpoint {
            protocol,
            active,
            settings,
            body,
        } => {
            let update = action_of(&body, || {
                let mut u = EndpointUpdate::new(settings.clone());
                u.active = active;
                u
            })?;
            call(ctx, |c| d(c).update_endpoint(protocol.clone(), &update)).await
        }
        DevicesCmd::ActionRequests(f) => {
            let l = f.apply(d(ctx.client().await?).action_requests());
            list(ctx, l, &f.paging, ACTION_COLUMNS, "action requests").await
        }
        DevicesCmd::ActiveActionRequests(f) => {
            let l = f.apply(d(ctx.client().await?).active_action_requests());
            list(ctx, l, &f.paging, ACTION_COLUMNS, "action requests").await
        }
        DevicesCmd::ArchivedActionRequests(f) => {
            let l = f.apply(d(ctx.client().await?).archived_action_requests());
            list(ctx, l, &f.paging, ACTION_COLUMNS, "action requests").await
        }
        DevicesCmd::CancelActionRequests { device_id } => {
            call(ctx, |c| d(c).cancel_action_requests(&device_id)).await
        }
        DevicesCmd::CancelActionRequest { request_id } => {
            call(ctx, |c| d(c).cancel_action_request(&request_id)).await
        }
        DevicesCmd::ActionRequest { request_id } => {
            call(ctx, |c| d(c).action_request(&request_id)).await
        }
        DevicesCmd::SetPresharedKey(a) => {
            let key = a.key()?;
            call(ctx, |c| d(c).set_preshared_key(&a.device_id, &key)).await
        }
        DevicesCmd::PresharedKeyJobs => {
            let l = d(ctx.client().await?).preshared_key_jobs();
            whole(ctx, l, JOB_COLUMNS, "jobs").await
        }
        DevicesCmd::CreatePresharedKeyJob { body, wait } => {
            let keys: Vec<PskJobEntry> = parse_body_list(&body)?;
            submit(ctx, wait, |c| d(c).create_preshared_key_job(&keys)).await
        }
        DevicesCmd::SetPsk(a) => {
            let key = a.key()?;
            call(ctx, |c| d(c).set_psk(&a.device_id, &key)).await
        }
        DevicesCmd::Psk {
            device_id,
            protocol,
        } => call(ctx, |c| d(c).psk(&device_id, protocol.clone())).await,
        DevicesCmd::PskJobs => {
            let l = d(ctx.client().await?).psk_jobs();
            whole(ctx, l, JOB_COLUMNS, "jobs").await
        }
        DevicesCmd::CreatePskJob { body, wait } => {
            let keys: Vec<PskJobEntry> = parse_body_list(&body)?;
            submit(ctx, wait, |c| d(c).create_psk_job(&keys)).await
        }
        DevicesCmd::SendLwm2m {
            device_id,
            action,
            wait,
        } => {
            let a = action_of(&action.body, || action.action())?;
            submit(ctx, wait, |c| d(c).send_lwm2m(&device_id, &a)).await
        }
        DevicesCmd::SendLwm2mBulk {
            devices,
            action,
            wait,
        } => {
            let a = bulk_of(&action.body, &devices, || action.action())?;
            submit(ctx, wait, |c| d(c).send_lwm2m_bulk(&a)).await
        }
        DevicesCmd::SendCoap {
            device_id,
            action,
            wait,
        } => {
            let a = action_of(&action.body, || action.action())?;
            submit(ctx, wait, |c| d(c).send_coap(&device_id, &a)).await
        }
        DevicesCmd::SendCoapBulk {
            devices,
            action,
            wait,
        } => {
            let a = bulk_of(&action.body, &devices, || action.action())?;
            submit(ctx, wait, |c| d(c).send_coap_bulk(&a)).await
        }
        DevicesCmd::SendUdp {
            device_id,
            action,
            wait,
        } => {
            let a = action_of(&action.body, || action.action())?;
            submit(ctx, wait, |c| d(c).send_udp(&device_id, &a)).await
        }
        DevicesCmd::SendUdpBulk {
            devices,
            action,
            wait,
        } => {
            let a = bulk_of(&action.body, &devices, || action.action())?;
            submit(ctx, wait, |c| d(c).send_udp_bulk(&a)).await
        }
        DevicesCmd::SendAction {
            device_id,
            action,
            wait,
        } => {
            let a = action_of(&action.body, || action.action())?;
            submit(ctx, wait, |c| d(c).send_action(&device_id, &a)).await
        }
        DevicesCmd::Stats => call(ctx, |c| d(c).stats()).await,
    }
}

async fn inspector(ctx: &Ctx, cmd: InspectorCmd) -> Result<i32, CliError> {
    let i = |c: &Client| c.os().inspector();
    match cmd {
        InspectorCmd::Devices { q, sort, paging } => {
            let mut l = paged(i(ctx.client().await?).devices(), &paging, 50);
            if let Some(q) = q {
                l = l.q(q);
            }
            if let Some(s) = sort {
                l = l.sort(s);
            }
            list(
                ctx,
                l,
                &paging,
                &["id", "name", "iccid", "imsi1", "ip"],
                "devices",
            )
            .await
        }
        InspectorCmd::Device { device_id } => call(ctx, |c| i(c).device(&device_id)).await,
        InspectorCmd::Telemetry {
            device_id,
            protocol,
        } => call(ctx, |c| i(c).telemetry(&device_id, protocol.clone())).await,
        InspectorCmd::DeviceHistory {
            device_id,
            history: h,
            paging,
        } => {
            let api = i(ctx.client().await?);
            let q = h.query();
            let (size, token) = (paging.page_size, paging.next_token.clone());
            history(
                ctx,
                &paging,
                || api.device_history(&device_id, &q, size, token.as_deref()),
                || api.device_history_stream(&device_id, &q, size),
            )
            .await
        }
        InspectorCmd::History {
            whose,
            history: h,
            paging,
        } => {
            let api = i(ctx.client().await?);
            let q = h.query();
            let (dev, iccid) = (whose.device_id.as_ref(), whose.iccid.as_ref());
            let (size, token) = (paging.page_size, paging.next_token.clone());
            history(
                ctx,
                &paging,
                || api.history(dev, iccid, &q, size, token.as_deref()),
                || api.history_stream(dev, iccid, &q, size),
            )
            .await
        }
        InspectorCmd::DeviceInsights {
            device_id,
            history: h,
            interval,
        } => {
            let q = h.query();
            call(ctx, |c| {
                i(c).device_insights(&device_id, &q, interval.as_deref())
            })
            .await
        }
        InspectorCmd::Insights {
            whose,
            history: h,
            interval,
        } => {
            let q = h.query();
            call(ctx, |c| {
                i(c).insights(
                    whose.device_id.as_ref(),
                    whose.iccid.as_ref(),
                    &q,
                    interval.as_deref(),
                )
            })
            .await
        }
    }
}

fn polygon(text: &str) -> Result<Vec<[f64; 2]>, CliError> {
    text.split_whitespace()
        .map(|p| {
            let xy: Vec<f64> = p
                .split(',')
                .map(|n| n.trim().parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|e| CliError::usage(format!("--polygon: {p:?}: {e}")))?;
            match xy.as_slice() {
                [lon, lat] => Ok([*lon, *lat]),
                _ => Err(CliError::usage(format!("--polygon: {p:?} is not LON,LAT"))),
            }
        })
        .collect()
}

async fn locator(ctx: &Ctx, cmd: LocatorCmd) -> Result<i32, CliError> {
    let l = |c: &Client| c.os().locator();
    match cmd {
        LocatorCmd::Positions {
            device_id,
            mode,
            filter,
        } => {
            let mut list_ = filter.apply(l(ctx.client().await?).positions(&device_id));
            if let Some(m) = mode {
                list_ = list_.mode(m);
            }
            list(ctx, list_, &filter.paging, POSITION_COLUMNS, "positions").await
        }
        LocatorCmd::LatestPositions {
            device_id,
            within,
            filter,
        } => {
            let mut list_ = filter.apply(l(ctx.client().await?).latest_positions());
            if let Some(d) = &device_id {
                list_ = list_.device_id(d);
            }
            if let Some([a, b, c, d]) = within {
                list_ = list_.within(a, b, c, d);
            }
            list(ctx, list_, &filter.paging, POSITION_COLUMNS, "positions").await
        }
        LocatorCmd::Activity {
            device_id,
            start,
            end,
        } => call(ctx, |c| l(c).activity(&device_id, start, end)).await,
        LocatorCmd::Geofences {
            name,
            device_id,
            scope,
            paging,
        } => {
            let mut list_ = paged(l(ctx.client().await?).geofences(), &paging, 100);
            if let Some(n) = name {
                list_ = list_.name(n);
            }
            if let Some(d) = &device_id {
                list_ = list_.device_id(d);
            }
            if let Some(s) = scope {
                list_ = list_.scope(s);
            }
            list(ctx, list_, &paging, GEOFENCE_COLUMNS, "geofences").await
        }
        LocatorCmd::CreateGeofence {
            name,
            circle,
            radius,
            polygon: points,
            device_id,
            events,
            body,
        } => {
            let geofence = match &body.body {
                Some(b) => parse_body(b)?,
                None => {
                    let name = name.unwrap_or_default();
                    let mut g =
                        match (circle, points) {
                            (Some(center), _) => {
                                NewGeofence::circle(name, center, radius.unwrap_or_default())
                            }
                            (_, Some(p)) => NewGeofence::polygon(name, polygon(&p)?),
                            _ => return Err(CliError::usage(
                                "a geofence needs --circle LON,LAT --radius M, --polygon or --body",
                            )),
                        };
                    g.device_id = device_id;
                    g.event_types = (!events.event_types.is_empty()).then_some(events.event_types);
                    g.event_sources =
                        (!events.event_sources.is_empty()).then_some(events.event_sources);
                    g
                }
            };
            call(ctx, |c| l(c).create_geofence(&geofence)).await
        }
        LocatorCmd::Geofence { geofence_id } => call(ctx, |c| l(c).geofence(&geofence_id)).await,
        LocatorCmd::UpdateGeofence {
            geofence_id,
            name,
            events,
            body,
        } => {
            let update = action_of(&body, || {
                let mut u = GeofenceUpdate::default();
                u.name = name.clone();
                u.event_types =
                    (!events.event_types.is_empty()).then(|| events.event_types.clone());
                u.event_sources =
                    (!events.event_sources.is_empty()).then(|| events.event_sources.clone());
                u
            })?;
            call(ctx, |c| l(c).update_geofence(&geofence_id, &update)).await
        }
        LocatorCmd::DeleteGeofence { geofence_id } => {
            call(ctx, |c| l(c).delete_geofence(&geofence_id)).await
        }
    }
}

async fn optimizer(ctx: &Ctx, cmd: OptimizerCmd) -> Result<i32, CliError> {
    let o = |c: &Client| c.os().optimizer();
    match cmd {
        OptimizerCmd::Test {
            template,
            payload,
            body,
        } => {
            let test = action_of(&body, || {
                TranslationTest::new(
                    template.clone().unwrap_or_default(),
                    payload.clone().unwrap_or_default(),
                )
            })?;
            call(ctx, |c| o(c).test(&test)).await
        }
        OptimizerCmd::Savings {
            range,
            protocol,
            iccid,
        } => {
            call(ctx, |c| {
                o(c).savings(range.clone(), protocol.clone(), iccid.as_ref())
            })
            .await
        }
        OptimizerCmd::Templates => {
            let templates = o(ctx.client().await?).templates().await?;
            let items: Vec<Value> = templates.iter().map(to_value).collect();
            ctx.out.list(
                &items,
                &["id", "name", "status", "protocolFilter", "template"],
            )?;
            Ok(exit::OK)
        }
        OptimizerCmd::CreateTemplate(t) => {
            let t = t.input()?;
            call(ctx, |c| o(c).create_template(&t)).await
        }
        OptimizerCmd::UpdateTemplate {
            template_id,
            change,
        } => {
            let t = change.input()?;
            call(ctx, |c| o(c).update_template(&template_id, &t)).await
        }
        OptimizerCmd::DeleteTemplate { template_id } => {
            call(ctx, |c| o(c).delete_template(&template_id)).await
        }
    }
}

async fn integrations(ctx: &Ctx, cmd: IntegrationsCmd) -> Result<i32, CliError> {
    let i = |c: &Client| c.os().integrations();
    match cmd {
        IntegrationsCmd::List => {
            let l = i(ctx.client().await?).list();
            whole(ctx, l, INTEGRATION_COLUMNS, "integrations").await
        }
        IntegrationsCmd::Get { integration_id } => call(ctx, |c| i(c).get(&integration_id)).await,
        IntegrationsCmd::Update {
            integration_id,
            change,
        } => {
            let u = change.change()?;
            call(ctx, |c| i(c).update(&integration_id, &u)).await
        }
        IntegrationsCmd::UpdateWebhook {
            integration_id,
            change,
        } => {
            let u = change.change()?;
            call(ctx, |c| i(c).update_webhook(&integration_id, &u)).await
        }
        IntegrationsCmd::Delete { integration_id } => {
            call(ctx, |c| i(c).delete(&integration_id)).await
        }
        IntegrationsCmd::EventTypes => call(ctx, |c| i(c).event_types()).await,
        IntegrationsCmd::AwsParameters => call(ctx, |c| i(c).aws_parameters()).await,
        IntegrationsCmd::CreateAws {
            name,
            event_types,
            json_payload,
            body,
        } => {
            let new = action_of(&body, || {
                let mut n = NewAwsIntegration::new(
                    name.clone().unwrap_or_default(),
                    subscriptions(&event_types).unwrap_or_default(),
                );
                n.json_payload_enabled = json_payload;
                n
            })?;
            call(ctx, |c| i(c).create_aws(&new)).await
        }
        IntegrationsCmd::CreateWebhook {
            name,
            url,
            headers,
            event_types,
            json_payload,
            body,
        } => {
            let new = action_of(&body, || {
                let mut n = NewWebhookIntegration::new(
                    name.clone().unwrap_or_default(),
                    url.clone().unwrap_or_default(),
                    headers_of(&headers).unwrap_or_default(),
                    subscriptions(&event_types).unwrap_or_default(),
                );
                n.json_payload_enabled = json_payload;
                n
            })?;
            call(ctx, |c| i(c).create_webhook(&new)).await
        }
        IntegrationsCmd::RestartAws { integration_id } => {
            call(ctx, |c| i(c).restart_aws(&integration_id)).await
        }
        IntegrationsCmd::TestAws { integration_id } => {
            call(ctx, |c| i(c).test_aws(&integration_id)).await
        }
        IntegrationsCmd::RestartWebhook { integration_id } => {
            call(ctx, |c| i(c).restart_webhook(&integration_id)).await
        }
        IntegrationsCmd::TestWebhook { integration_id } => {
            call(ctx, |c| i(c).test_webhook(&integration_id)).await
        }
    }
}

async fn plugins(ctx: &Ctx, cmd: PluginsCmd) -> Result<i32, CliError> {
    let p = |c: &Client| c.os().plugins();
    match cmd {
        PluginsCmd::List => {
            let l = p(ctx.client().await?).list();
            whole(ctx, l, &["id", "partner", "status", "created"], "plugins").await
        }
        PluginsCmd::Get { plugin_id } => call(ctx, |c| p(c).get(&plugin_id)).await,
        PluginsCmd::Create {
            partner,
            workspace_id,
            server_domain,
            body,
        } => {
            let settings = action_of(&body, || {
                let mut s = PluginSettings::memfault();
                s.workspace_id = workspace_id.clone();
                s.server_domain = server_domain.clone();
                s
            })?;
            call(ctx, |c| p(c).create(partner.clone(), &settings)).await
        }
        PluginsCmd::Restart { plugin_id } => call(ctx, |c| p(c).restart(&plugin_id)).await,
        PluginsCmd::Delete { plugin_id } => call(ctx, |c| p(c).delete(&plugin_id)).await,
    }
}

async fn settings(ctx: &Ctx, cmd: SettingsCmd) -> Result<i32, CliError> {
    match cmd {
        SettingsCmd::List { language, paging } => {
            let mut l = paged(ctx.client().await?.os().settings().list(), &paging, 100);
            if let Some(lang) = language {
                l = l.language(lang);
            }
            list(
                ctx,
                l,
                &paging,
                &["name", "state", "description"],
                "settings",
            )
            .await
        }
        SettingsCmd::Update {
            name,
            state,
            accept_disclaimer,
        } => {
            let mut u = OsSettingUpdate::new(state);
            u.read_and_accepted_disclaimer = accept_disclaimer.then_some(true);
            call(ctx, |c| c.os().settings().update(&name, &u)).await
        }
    }
}

async fn logs(ctx: &Ctx, cmd: LogsCmd) -> Result<i32, CliError> {
    match cmd {
        LogsCmd::List { q, paging } => {
            let mut l = paged(ctx.client().await?.os().logs().list(), &paging, 100);
            if let Some(q) = q {
                l = l.q(q);
            }
            let columns = ["id", "timestamp", "category", "type", "iccid", "message"];
            list(ctx, l, &paging, &columns, "logs").await
        }
        LogsCmd::Stats { timezone, category } => {
            call(ctx, |c| c.os().logs().stats(&timezone, category.clone())).await
        }
        LogsCmd::PayloadUrl { admin_log_id } => {
            let url = ctx
                .client()
                .await?
                .os()
                .logs()
                .payload_url(&admin_log_id)
                .await?;
            ctx.out.one(&json!({"id": admin_log_id, "url": url}))?;
            Ok(exit::OK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap's own checks of the whole command tree (names, groups,
    /// conflicts), which otherwise only fail when a command runs.
    #[test]
    fn the_command_tree_is_consistent() {
        use clap::CommandFactory;
        crate::cli::Cli::command().debug_assert();
    }

    #[test]
    fn a_body_is_checked_against_the_sdk_type_and_names_the_field() {
        let ok: UdpAction =
            body_of(r#"{"payload": "AQI=", "payloadType": "BASE64", "port": 4445}"#).unwrap();
        assert_eq!(ok.port, Some(4445));
        assert_eq!(ok.payload_type, Some(PayloadType::Base64));
        let e = body_of::<UdpAction>(r#"{"payload": "x", "port": -1}"#).unwrap_err();
        assert!(e.message.contains("field port"), "{}", e.message);
        assert_eq!(e.code, exit::USAGE);
        let e = body_of::<UdpAction>(r#"{"payload": "x", "porrt": 1}"#).unwrap_err();
        assert!(e.message.contains("field porrt"), "{}", e.message);
        let e = body_of::<UdpAction>("[1]").unwrap_err();
        assert!(e.message.contains("the body"), "{}", e.message);
        // A bulk action: the devices beside the action's fields.
        let bulk: BulkAction<UdpAction> = body_of(
            r#"{"deviceIds": ["a", "b"], "payload": "x", "payloadType": "STRING", "port": 1}"#,
        )
        .unwrap();
        assert_eq!(bulk.device_ids.len(), 2);
    }

    #[test]
    fn sdk_enums_parse_their_wire_values_in_any_case() {
        use clap::Parser;
        let cli = crate::cli::Cli::try_parse_from(["once", "os", "devices", "endpoint", "lwm2m"])
            .unwrap();
        match cli.command {
            crate::cli::Command::Os(OsCmd::Devices(DevicesCmd::Endpoint { protocol })) => {
                assert_eq!(protocol, OsProtocol::Lwm2m)
            }
            other => panic!("{other:?}"),
        }
        assert!(
            crate::cli::Cli::try_parse_from(["once", "os", "devices", "endpoint", "SMTP"]).is_err()
        );
        let cli = crate::cli::Cli::try_parse_from([
            "once",
            "os",
            "devices",
            "action-requests",
            "--sort",
            "-updated",
        ])
        .unwrap();
        match cli.command {
            crate::cli::Command::Os(OsCmd::Devices(DevicesCmd::ActionRequests(f))) => {
                assert_eq!(f.sort, Some(ActionSort::UpdatedDesc))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_command_s_operation_is_in_the_sdk_table() {
        for c in crate::operations::OS_COMMANDS {
            assert!(operation(c.operation).is_some(), "{}", c.operation);
        }
    }
}
