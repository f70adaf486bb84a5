//! device-actions: a console for 1NCE OS device actions. Lists the
//! devices, sends a UDP message, a CoAP request or an LwM2M operation to one
//! device or to many at once, follows each request until the device has it
//! (or it failed, or a timeout passed), lists the active and archived
//! requests, and cancels them.
//!
//! What it shows:
//! - `client.os().devices().send_udp` / `send_coap` / `send_lwm2m` and
//!   their `_bulk` forms: 1NCE answers 202 Accepted with a request id; the
//!   SDK's handle `wait`s for the request to end (polling, with a timeout);
//! - an action is never sent twice by the SDK's retries: when its answer is
//!   lost the error says the outcome is unknown, and the console says to
//!   look at the requests before sending again;
//! - actions and cancellations change devices, so they ask first (`--yes`
//!   to skip the question, e.g. in scripts);
//! - `active_action_requests()`, `archived_action_requests()` with their
//!   filters, `action_request(id)`, `cancel_action_request(id)` and
//!   `cancel_action_requests(device)`.
//!
//! ```text
//! cargo run -p device-actions -- devices
//! cargo run -p device-actions -- send udp 8988280666000000000 --port 4445 --payload ping
//! cargo run -p device-actions -- send coap 8988280666000000000 8988280666000000001 --port 5683 --method put --path /led --payload on
//! cargo run -p device-actions -- send lwm2m 8988280666000000000 --action execute --resource /3/0/4 --yes --no-wait
//! cargo run -p device-actions -- requests --active
//! cargo run -p device-actions -- status 3f1c...
//! cargo run -p device-actions -- cancel 3f1c...
//! ```

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use futures::{StreamExt, TryStreamExt};
use once_sdk::api::os::{ActionHandle, BulkActionHandle};
use once_sdk::{
    ActionRequest, ActionRequestId, BulkAction, Client, CoapAction, CoapMethod, DeviceId,
    Lwm2mAction, Lwm2mOperation, PayloadType, RequestMode, Timestamp, UdpAction,
};

/// Send actions to 1NCE OS devices (UDP, CoAP, LwM2M), follow, list and
/// cancel them.
///
/// Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET
/// are set (the sandbox starts afresh on every run).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the 1NCE OS devices, to pick device ids.
    Devices {
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Send an action to one device, or to several at once; asks first.
    #[command(subcommand)]
    Send(Action),
    /// List action requests, newest first.
    Requests {
        /// Only those still scheduled or in progress.
        #[arg(long, conflicts_with = "archived")]
        active: bool,
        /// Only those that ended (succeeded, failed, cancelled).
        #[arg(long)]
        archived: bool,
        /// Only those of this device.
        #[arg(long, value_name = "DEVICE")]
        device: Option<DeviceId>,
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Show one action request.
    Status {
        /// The request id (from `send` or `requests`).
        request: ActionRequestId,
    },
    /// Cancel an action request, or every open one of a device; asks first.
    Cancel {
        /// The request id.
        #[arg(required_unless_present = "device", conflicts_with = "device")]
        request: Option<ActionRequestId>,
        /// Cancel every open request of this device instead.
        #[arg(long, value_name = "DEVICE")]
        device: Option<DeviceId>,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
enum Action {
    /// A UDP message to the device's port.
    Udp {
        #[command(flatten)]
        to: Target,
        /// The device's UDP port.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65535))]
        port: u32,
        /// The message (text, or base64 with --base64).
        #[arg(long)]
        payload: String,
        /// The payload is base64 of the bytes to send.
        #[arg(long)]
        base64: bool,
    },
    /// A CoAP request to a path on the device.
    Coap {
        #[command(flatten)]
        to: Target,
        /// The device's CoAP port.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=65535))]
        port: u32,
        /// The CoAP method.
        #[arg(long, value_enum, default_value_t = Method::Get)]
        method: Method,
        /// The CoAP path, e.g. /led.
        #[arg(long)]
        path: String,
        /// The request's payload (text, or base64 with --base64).
        #[arg(long)]
        payload: Option<String>,
        /// The payload is base64 of the bytes to send.
        #[arg(long, requires = "payload")]
        base64: bool,
        /// Attempts before 1NCE gives up (1 to 5).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=5))]
        attempts: Option<u32>,
    },
    /// An LwM2M operation on a resource of the device.
    Lwm2m {
        #[command(flatten)]
        to: Target,
        /// The operation.
        #[arg(long, value_enum)]
        action: Operation,
        /// The resource, e.g. /3/0/4 (Device: Reboot).
        #[arg(long)]
        resource: String,
        /// The value to write, or the arguments to execute.
        #[arg(long)]
        data: Option<String>,
        /// Attempts before 1NCE gives up (1 to 5).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=5))]
        attempts: Option<u32>,
    },
}

/// Which devices, and how to follow the requests.
#[derive(Debug, ClapArgs)]
struct Target {
    /// The device ids (from `devices`); more than one sends in bulk.
    #[arg(required = true, num_args = 1.., value_name = "DEVICE")]
    devices: Vec<DeviceId>,
    /// Send when the device is next active, not right away.
    #[arg(long)]
    when_active: bool,
    /// Do not ask.
    #[arg(long)]
    yes: bool,
    /// Print the request ids and return; follow later with `status`.
    #[arg(long)]
    no_wait: bool,
    /// Stop following a request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    timeout: u64,
    /// Ask 1NCE how a request stands every this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 2000)]
    poll_ms: u64,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Operation {
    Read,
    Write,
    Execute,
    ObserveStart,
    ObserveEnd,
}

/// The action to send, as the SDK takes it.
enum Planned {
    Udp(UdpAction),
    Coap(CoapAction),
    Lwm2m(Lwm2mAction),
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("device-actions", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let conn = common::connect("device-actions", &args.connect).await?;
    let client = &conn.client;
    match args.command {
        Command::Devices { limit } => devices(client, limit).await,
        Command::Send(action) => {
            let (planned, what, to) = plan(action);
            send(client, planned, &what, &to).await
        }
        Command::Requests {
            active,
            archived,
            device,
            limit,
        } => requests(client, active, archived, device, limit).await,
        Command::Status { request } => {
            let r = client.os().devices().action_request(&request).await?;
            show(&r);
            Ok(())
        }
        Command::Cancel {
            request,
            device,
            yes,
        } => cancel(client, request, device, yes).await,
    }
}

async fn devices(client: &Client, limit: usize) -> Result<(), Box<dyn Error>> {
    let devices: Vec<_> = client
        .os()
        .inspector()
        .devices()
        .page_size(limit.clamp(1, 50) as u32)
        .stream()
        .take(limit)
        .try_collect()
        .await?;
    println!("{:<22}  {:<22}  {:<15}  NAME", "DEVICE", "ICCID", "IP");
    for d in &devices {
        println!(
            "{:<22}  {:<22}  {:<15}  {}",
            d.id.as_ref().map_or("-", |i| i.as_str()),
            d.iccid.as_deref().unwrap_or("-"),
            d.ip.as_deref().unwrap_or("-"),
            d.name.as_deref().unwrap_or("-"),
        );
    }
    println!("{} devices", devices.len());
    Ok(())
}

/// The SDK's action for the command line, and a sentence saying what it does.
fn plan(action: Action) -> (Planned, String, Target) {
    let encoding = |base64: bool| {
        if base64 {
            PayloadType::Base64
        } else {
            PayloadType::String
        }
    };
    let mode = |to: &Target| to.when_active.then_some(RequestMode::SendWhenActive);
    match action {
        Action::Udp {
            to,
            port,
            payload,
            base64,
        } => {
            let what = format!("send UDP {payload:?} to port {port}");
            let mut a = UdpAction::new(payload, encoding(base64), port);
            a.request_mode = mode(&to);
            (Planned::Udp(a), what, to)
        }
        Action::Coap {
            to,
            port,
            method,
            path,
            payload,
            base64,
            attempts,
        } => {
            let method = match method {
                Method::Get => CoapMethod::Get,
                Method::Post => CoapMethod::Post,
                Method::Put => CoapMethod::Put,
                Method::Delete => CoapMethod::Delete,
                Method::Patch => CoapMethod::Patch,
            };
            let what = format!("send CoAP {method} {path} to port {port}");
            let mut a = CoapAction::new(method, port, path);
            if let Some(p) = payload {
                a.payload = Some(p);
                a.payload_type = Some(encoding(base64));
            }
            a.send_attempts = attempts;
            a.request_mode = mode(&to);
            (Planned::Coap(a), what, to)
        }
        Action::Lwm2m {
            to,
            action,
            resource,
            data,
            attempts,
        } => {
            let op = match action {
                Operation::Read => Lwm2mOperation::Read,
                Operation::Write => Lwm2mOperation::Write,
                Operation::Execute => Lwm2mOperation::Execute,
                Operation::ObserveStart => Lwm2mOperation::ObserveStart,
                Operation::ObserveEnd => Lwm2mOperation::ObserveEnd,
            };
            let what = format!("LwM2M {op} {resource}");
            let mut a = Lwm2mAction::new(op, resource);
            a.data = data;
            a.send_attempts = attempts;
            a.request_mode = mode(&to);
            (Planned::Lwm2m(a), what, to)
        }
    }
}

async fn send(
    client: &Client,
    action: Planned,
    what: &str,
    to: &Target,
) -> Result<(), Box<dyn Error>> {
    let ids = &to.devices;
    let whom = match ids.as_slice() {
        [one] => format!("device {one}"),
        many => format!("{} devices ({})", many.len(), list_ids(many)),
    };
    confirm(
        format!("{what} to {whom}?"),
        to.yes,
        "not confirmed: nothing was sent",
    )
    .await?;

    let api = client.os().devices();
    let one =
        |r: once_sdk::Result<ActionHandle>| r.map(|h| (vec![(ids[0].clone(), h)], Vec::new()));
    let bulk = |r: once_sdk::Result<BulkActionHandle>| {
        r.map(|b| {
            let devices = b.accepted().accepted_requests.iter().flatten();
            let handles = devices
                .map(|a| a.device_id.clone().unwrap_or_else(|| DeviceId::from("?")))
                .zip(b.handles())
                .collect();
            (handles, b.rejected().to_vec())
        })
    };
    let sent = match (&action, ids.len()) {
        (Planned::Udp(a), 1) => one(api.send_udp(&ids[0], a).await),
        (Planned::Udp(a), _) => bulk(
            api.send_udp_bulk(&BulkAction::new(ids.clone(), a.clone()))
                .await,
        ),
        (Planned::Coap(a), 1) => one(api.send_coap(&ids[0], a).await),
        (Planned::Coap(a), _) => bulk(
            api.send_coap_bulk(&BulkAction::new(ids.clone(), a.clone()))
                .await,
        ),
        (Planned::Lwm2m(a), 1) => one(api.send_lwm2m(&ids[0], a).await),
        (Planned::Lwm2m(a), _) => bulk(
            api.send_lwm2m_bulk(&BulkAction::new(ids.clone(), a.clone()))
                .await,
        ),
    };
    let (handles, rejected) = match sent {
        Ok(sent) => sent,
        Err(e) if e.is_outcome_unknown() => {
            let check = match ids.as_slice() {
                [one] => format!("device-actions requests --device {one}"),
                _ => "device-actions requests".to_string(),
            };
            return Err(format!(
                "{e}\nthe action may have reached 1NCE: check `{check}` before sending it again"
            )
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    for (device, handle) in &handles {
        let id = handle.id().map_or("(no id)", |i| i.as_str());
        println!("accepted: request {id} for device {device}");
    }
    for device in &rejected {
        println!("rejected: device {device}");
    }
    if to.no_wait {
        if !handles.is_empty() {
            println!("follow with `device-actions status <request>`");
        }
        return if rejected.is_empty() {
            Ok(())
        } else {
            Err(format!("1NCE refused {} of {} devices", rejected.len(), ids.len()).into())
        };
    }

    // Follow every request at once; each ends on its own.
    let timeout = Duration::from_secs(to.timeout);
    let poll = Duration::from_millis(to.poll_ms.max(1));
    let ended = futures::future::join_all(handles.iter().map(|(device, handle)| async move {
        let outcome = handle.clone().poll_every(poll).wait(timeout).await;
        (device, handle.id(), outcome)
    }))
    .await;
    let mut not_done = rejected.len();
    for (device, id, outcome) in ended {
        let id = id.map_or("(no id)", |i| i.as_str());
        match outcome {
            Ok(r) => {
                let status = r.status.as_ref().map_or("?".into(), |s| s.to_string());
                if status != "SUCCEEDED" {
                    not_done += 1;
                }
                let result = r
                    .result_data
                    .map_or(String::new(), |d| serde_json::Value::Object(d).to_string());
                println!("request {id} for device {device}: {status} {result}");
            }
            Err(e) if e.is_timeout() => {
                not_done += 1;
                println!(
                    "request {id} for device {device}: not done after {}s; follow with `device-actions status {id}`",
                    to.timeout
                );
            }
            Err(e) => {
                not_done += 1;
                println!("request {id} for device {device}: could not follow it: {e}");
            }
        }
    }
    if not_done > 0 {
        return Err(format!("{not_done} of {} actions did not succeed", ids.len()).into());
    }
    Ok(())
}

async fn requests(
    client: &Client,
    active: bool,
    archived: bool,
    device: Option<DeviceId>,
    limit: usize,
) -> Result<(), Box<dyn Error>> {
    let api = client.os().devices();
    let mut list = if active {
        api.active_action_requests()
    } else if archived {
        api.archived_action_requests()
    } else {
        api.action_requests()
    };
    if let Some(d) = &device {
        list = list.device_id(d);
    }
    let all: Vec<ActionRequest> = list
        .page_size(limit.clamp(1, 100) as u32)
        .stream()
        .take(limit)
        .try_collect()
        .await?;
    if all.is_empty() {
        println!("no action requests");
        return Ok(());
    }
    println!(
        "{:<36}  {:<22}  {:<5}  {:<11}  {:<19}  UPDATED",
        "REQUEST", "DEVICE", "PROTO", "STATUS", "CREATED"
    );
    for r in &all {
        println!(
            "{:<36}  {:<22}  {:<5}  {:<11}  {:<19}  {}",
            r.id.as_ref().map_or("-", |i| i.as_str()),
            r.device_id.as_ref().map_or("-", |i| i.as_str()),
            opt(&r.protocol),
            opt(&r.status),
            time(&r.created),
            time(&r.updated),
        );
    }
    println!("{} requests", all.len());
    Ok(())
}

fn show(r: &ActionRequest) {
    let json = |m: &Option<serde_json::Map<String, serde_json::Value>>| {
        m.clone()
            .map_or("-".into(), |m| serde_json::Value::Object(m).to_string())
    };
    let fields = [
        (
            "request",
            r.id.as_ref().map_or("-".into(), |i| i.to_string()),
        ),
        (
            "device",
            r.device_id.as_ref().map_or("-".into(), |i| i.to_string()),
        ),
        ("status", opt(&r.status)),
        ("protocol", opt(&r.protocol)),
        ("mode", opt(&r.mode)),
        ("created", time(&r.created)),
        ("updated", time(&r.updated)),
        ("attempts", opt(&r.send_attempts)),
        ("attempts left", opt(&r.send_attempts_left)),
        ("request data", json(&r.request_data)),
        ("result data", json(&r.result_data)),
    ];
    for (name, value) in fields {
        println!("{name:<14} {value}");
    }
}

async fn cancel(
    client: &Client,
    request: Option<ActionRequestId>,
    device: Option<DeviceId>,
    yes: bool,
) -> Result<(), Box<dyn Error>> {
    let api = client.os().devices();
    let cancelled = match (request, device) {
        (Some(id), _) => {
            confirm(
                format!("cancel action request {id}?"),
                yes,
                "not confirmed: nothing was cancelled",
            )
            .await?;
            vec![api.cancel_action_request(&id).await?]
        }
        (None, Some(device)) => {
            confirm(
                format!("cancel every open action request of device {device}?"),
                yes,
                "not confirmed: nothing was cancelled",
            )
            .await?;
            api.cancel_action_requests(&device).await?
        }
        (None, None) => return Err("name a request, or a device with --device".into()),
    };
    for c in &cancelled {
        println!(
            "cancelled request {} ({})",
            c.id.as_ref().map_or("?", |i| i.as_str()),
            opt(&c.status)
        );
    }
    Ok(())
}

/// Asks `question` on the terminal (stderr, so stdout stays the tool's
/// output); anything but y or yes, or no answer at all, is a no.
async fn confirm(question: String, yes: bool, refused: &str) -> Result<(), Box<dyn Error>> {
    if yes {
        return Ok(());
    }
    eprint!("{question} [y/N] ");
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await??;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(format!("{refused} (answer y, or pass --yes)").into()),
    }
}

fn list_ids(ids: &[DeviceId]) -> String {
    let mut shown: Vec<&str> = ids.iter().take(5).map(|i| i.as_str()).collect();
    if ids.len() > 5 {
        shown.push("...");
    }
    shown.join(", ")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or("-".into(), |v| v.to_string())
}

fn time(t: &Option<Timestamp>) -> String {
    t.map_or("-".into(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}
