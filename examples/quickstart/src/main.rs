//! once-sdk quickstart: list SIMs, look at one SIM's quota, status and
//! usage, send it an SMS and list it back.
//!
//! ```text
//! cargo run -p quickstart                    # against the local sandbox
//! ONCE_CLIENT_ID=... ONCE_CLIENT_SECRET=... cargo run -p quickstart
//! ```

use clap::Parser;
use once_sandbox::Sandbox;
use once_sdk::{Client, Iccid, Sms};

/// List SIMs, read one SIM's quotas, status and usage, send it an SMS.
/// Runs against a local sandbox unless ONCE_CLIENT_ID and
/// ONCE_CLIENT_SECRET are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// How many SIMs to list.
    #[arg(long, default_value_t = 5)]
    page_size: u32,
    /// The SIM to look at (default: the first one listed).
    #[arg(long)]
    iccid: Option<Iccid>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();

    // Real credentials if set, else a local sandbox (kept alive while used).
    let (client, _sandbox) = if std::env::var_os("ONCE_CLIENT_ID").is_some() {
        (Client::from_env()?, None)
    } else {
        let sandbox = Sandbox::builder().sims(25).start().await?;
        println!(
            "ONCE_CLIENT_ID is not set: using the local 1NCE sandbox at {}\n",
            sandbox.base_url()
        );
        (sandbox.client()?, Some(sandbox))
    };

    // One page of SIMs.
    let page = client
        .sims()
        .list()
        .page_size(args.page_size)
        .send()
        .await?;
    println!(
        "{} SIMs in the account, the first {}:",
        page.total_count.unwrap_or(0),
        page.len()
    );
    for sim in page.iter() {
        let status = sim.status.as_ref().map_or("?", |s| s.as_str());
        println!(
            "  {}  {:<8}  {}",
            sim.iccid,
            status,
            sim.label.as_deref().unwrap_or("-")
        );
    }

    // One SIM: its state and quotas.
    let iccid = match args.iccid {
        Some(iccid) => iccid,
        None => page
            .items
            .first()
            .ok_or("the account has no SIMs")?
            .iccid
            .clone(),
    };
    let sim = client.sims().get(&iccid).await?;
    let data = client.sims().data_quota(&iccid).await?;
    let sms = client.sims().sms_quota(&iccid).await?;
    println!("\nSIM {iccid}");
    println!(
        "  status      {}",
        sim.status.as_ref().map_or("?", |s| s.as_str())
    );
    println!(
        "  data left   {:.2} of {:.0} MB",
        data.volume.unwrap_or(0.0),
        data.total_volume.unwrap_or(0.0)
    );
    println!(
        "  SMS left    {:.0} of {:.0}",
        sms.volume.unwrap_or(0.0),
        sms.total_volume.unwrap_or(0.0)
    );

    // Where the device is on the network (v2).
    let status = client.sims().status(&iccid).await?;
    println!("  network     {}", status.status.description);

    // The last 30 days of usage (v1 only: 1NCE has no v2 usage yet).
    let usage = client.v1().sims().usage(&iccid).await?;
    println!(
        "  usage       {:.2} MB and {:.0} SMS over {} days",
        usage.data_volume(),
        usage.sms_volume(),
        usage.stats.len()
    );

    // Send the device an SMS, then list the SIM's SMS back.
    let id = client
        .sms()
        .send(&iccid, Sms::text("ping from once-sdk"))
        .await?;
    println!(
        "\nSent SMS {}",
        id.map_or("(no id)".into(), |id| id.to_string())
    );
    let messages = client.sms().list(&iccid).send().await?;
    println!("{} SMS for this SIM:", messages.len());
    for sms in messages.iter() {
        let direction = sms.sms_type.as_ref().and_then(|t| t.description.as_ref());
        let state = sms.status.as_ref().and_then(|s| s.description.as_ref());
        println!(
            "  #{:<5} {:<3} {:<10} {}",
            sms.id.map_or(0, |id| id.get()),
            direction.map_or("?", |d| d.as_str()),
            state.map_or("?", |s| s.as_str()),
            sms.payload.as_deref().unwrap_or("")
        );
    }

    Ok(())
}
