//! sms-console: send an SMS to a device, list a SIM's SMS (sent to it, MT,
//! and sent by it, MO), show one, delete one.
//!
//! What it shows:
//! - `client.sms()`: send, list (paged stream), get, delete;
//! - `Sms::text` / `Sms::binary` with `dcs` and `udh`, and `Sms::validate`,
//!   which refuses what 1NCE would refuse (too long, not GSM 7-bit, bad hex,
//!   a UDH whose length octet is wrong) before anything is sent;
//! - what to do when the answer to a send is lost: the SDK does not send it
//!   again (that could deliver it twice) but says the outcome is unknown.
//!
//! ```text
//! cargo run -p sms-console -- sims                          # pick a SIM
//! cargo run -p sms-console -- send 8988280666000000000 "reboot"
//! cargo run -p sms-console -- send 8988280666000000000 48656c6c6f --dcs 4 --udh 050003cc0201
//! cargo run -p sms-console -- list 8988280666000000000
//! cargo run -p sms-console -- show 8988280666000000000 17
//! cargo run -p sms-console -- delete 8988280666000000000 17
//! ```

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use futures::{StreamExt, TryStreamExt};
use once_sdk::{Client, Iccid, Sms, SmsRecord, Timestamp};

/// Send, list, show and delete the SMS of a SIM.
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
    /// List SIMs, to pick an ICCID.
    Sims {
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Send an SMS to the device with the SIM (uses SMS quota).
    Send {
        /// The SIM's ICCID (19 or 20 digits).
        iccid: Iccid,
        /// The message: text (GSM 7-bit, up to 160 characters), or hex
        /// digits with --dcs 4 (binary) or --dcs 8 (UCS-2).
        payload: String,
        /// Data Coding Scheme: 0 text, 4 binary, 8 UCS-2.
        #[arg(long)]
        dcs: Option<u8>,
        /// User Data Header, hex (e.g. 050003cc0201: part 1 of 2).
        #[arg(long, value_name = "HEX")]
        udh: Option<String>,
    },
    /// List the SIM's SMS, newest pages first as 1NCE returns them.
    List {
        /// The SIM's ICCID.
        iccid: Iccid,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Show one SMS.
    Show {
        /// The SIM's ICCID.
        iccid: Iccid,
        /// The SMS id (from `list`).
        id: u64,
    },
    /// Delete (cancel) one SMS.
    Delete {
        /// The SIM's ICCID.
        iccid: Iccid,
        /// The SMS id (from `list`).
        id: u64,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("sms-console", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    // An SMS 1NCE would refuse is refused here, before connecting at all.
    let sms = match &args.command {
        Command::Send {
            payload, dcs, udh, ..
        } => Some(build_sms(payload, *dcs, udh.as_deref())?),
        _ => None,
    };
    let conn = common::connect("sms-console", &args.connect).await?;
    let client = &conn.client;
    match args.command {
        Command::Sims { limit } => sims(client, limit).await,
        Command::Send { iccid, .. } => match sms {
            Some(sms) => send(client, &iccid, sms).await,
            None => Ok(()),
        },
        Command::List { iccid, limit } => list(client, &iccid, limit).await,
        Command::Show { iccid, id } => {
            let sms = client.sms().get(&iccid, id).await?;
            show(&sms);
            Ok(())
        }
        Command::Delete { iccid, id } => {
            client.sms().delete(&iccid, id).await?;
            println!("deleted SMS {id} of {iccid}");
            Ok(())
        }
    }
}

async fn sims(client: &Client, limit: usize) -> Result<(), Box<dyn std::error::Error>> {
    let sims: Vec<_> = client
        .sims()
        .list()
        .page_size(page_size(limit, 100))
        .stream()
        .take(limit)
        .try_collect()
        .await?;
    println!("{:<20}  {:<15}  {:<8}  LABEL", "ICCID", "MSISDN", "STATUS");
    for sim in sims {
        println!(
            "{:<20}  {:<15}  {:<8}  {}",
            sim.iccid.to_string(),
            sim.msisdn.map_or("-".into(), |m| m.to_string()),
            sim.status.map_or("-".into(), |s| s.to_string()),
            sim.label.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}

/// The SMS to send, checked against what 1NCE accepts. (`send` checks it
/// too; checking first gives a clearer message.)
fn build_sms(payload: &str, dcs: Option<u8>, udh: Option<&str>) -> Result<Sms, String> {
    let mut sms = Sms::text(payload);
    if let Some(dcs) = dcs {
        sms = sms.dcs(dcs);
    }
    if let Some(udh) = udh {
        sms = sms.udh(udh);
    }
    match sms.validate() {
        Ok(()) => Ok(sms),
        Err(e) => Err(format!("not sent: 1NCE would reject this SMS: {e}")),
    }
}

async fn send(client: &Client, iccid: &Iccid, sms: Sms) -> Result<(), Box<dyn std::error::Error>> {
    match client.sms().send(iccid, sms).await {
        Ok(Some(id)) => {
            println!("sent SMS {id} to {iccid}");
            // Where it is now (delivered, pending, failed).
            let record = client.sms().get(iccid, id).await?;
            println!("status: {}", status(&record));
        }
        Ok(None) => println!("sent to {iccid} (1NCE returned no id: see `sms-console list {iccid}`)"),
        Err(e) if e.is_outcome_unknown() => {
            return Err(format!(
                "{e}\nthe SMS may have been sent: check `sms-console list {iccid}` before sending it again"
            )
            .into())
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

async fn list(
    client: &Client,
    iccid: &Iccid,
    limit: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let all: Vec<SmsRecord> = client
        .sms()
        .list(iccid)
        .page_size(page_size(limit, 1000))
        .stream()
        .take(limit)
        .try_collect()
        .await?;
    if all.is_empty() {
        println!("no SMS for {iccid}");
        return Ok(());
    }
    println!(
        "{:>8}  {:<3}  {:<9}  {:<20}  {:>3}  PAYLOAD",
        "ID", "DIR", "STATUS", "SUBMITTED", "DCS"
    );
    for sms in &all {
        let mut payload = sms.payload.clone().unwrap_or_default();
        if payload.chars().count() > 40 {
            payload = payload.chars().take(39).chain(['…']).collect();
        }
        println!(
            "{:>8}  {:<3}  {:<9}  {:<20}  {:>3}  {payload}",
            sms.id.map_or("-".into(), |id| id.to_string()),
            direction(sms),
            status(sms),
            time(&sms.submit_date),
            sms.dcs.map_or("-".into(), |d| d.to_string()),
        );
    }
    println!("{} SMS", all.len());
    Ok(())
}

fn show(sms: &SmsRecord) {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let fields = [
        ("id", opt(sms.id.map(|v| v.to_string()))),
        ("direction", direction(sms).to_string()),
        ("status", status(sms).to_string()),
        ("iccid", opt(sms.iccid.as_ref().map(|v| v.to_string()))),
        ("msisdn", opt(sms.msisdn.as_ref().map(|v| v.to_string()))),
        ("submitted", time(&sms.submit_date)),
        ("delivered", time(&sms.delivery_date)),
        ("expires", time(&sms.expiry_date)),
        ("retries", opt(sms.retry_count.map(|v| v.to_string()))),
        ("source address", opt(sms.source_address.clone())),
        ("dcs", opt(sms.dcs.map(|v| v.to_string()))),
        ("udh", opt(sms.udh.clone())),
        ("payload", opt(sms.payload.clone())),
    ];
    for (name, value) in fields {
        println!("{name:<15} {value}");
    }
}

/// A page size that fetches `limit` items in as few calls as possible.
fn page_size(limit: usize, max: usize) -> u32 {
    limit.clamp(1, max) as u32
}

fn status(sms: &SmsRecord) -> &str {
    sms.status
        .as_ref()
        .and_then(|s| s.description.as_ref())
        .map_or("?", |s| s.as_str())
}

fn direction(sms: &SmsRecord) -> &str {
    sms.sms_type
        .as_ref()
        .and_then(|t| t.description.as_ref())
        .map_or("?", |d| d.as_str())
}

fn time(t: &Option<Timestamp>) -> String {
    t.map_or("-".into(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}
