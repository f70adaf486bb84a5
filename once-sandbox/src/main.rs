//! `once-sandbox`: the 1NCE API sandbox (1NCE OS included) as a stand-alone
//! server.
//!
//! ```text
//! once-sandbox --port 8080 --sims 1000 --seed 7
//! ```
//!
//! Prints the base URL and the credentials, then serves until Ctrl-C.

use std::time::Duration;

use clap::Parser;
use once_sandbox::{OsProtocol, PositionSource, Sandbox};

/// A local fake of the 1NCE Management API and 1NCE OS, with a seeded fleet
/// of SIMs (each a 1NCE OS device).
#[derive(Debug, Parser)]
#[command(name = "once-sandbox", version)]
struct Args {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Number of SIMs in the fleet.
    #[arg(long, default_value_t = 100)]
    sims: usize,
    /// Seed of the fleet: the same seed gives the same SIMs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Lifetime of issued tokens, in seconds.
    #[arg(long, default_value_t = 3600)]
    token_lifetime: u64,
    /// Multiply 1NCE's published rate limits by this factor.
    #[arg(long, default_value_t = 1.0)]
    rate_limit_factor: f64,
    /// Do not enforce rate limits.
    #[arg(long)]
    no_rate_limits: bool,
    /// Arrival jitter in milliseconds: each request reaches the rate
    /// limiter a random 0 to 2 × this late (± this around the mean).
    #[arg(long, default_value_t = 0)]
    arrival_jitter_ms: u64,
    /// Client id the token endpoint accepts.
    #[arg(long, default_value = once_sandbox::DEFAULT_CLIENT_ID)]
    client_id: String,
    /// Client secret the token endpoint accepts.
    #[arg(long, default_value = once_sandbox::DEFAULT_CLIENT_SECRET)]
    client_secret: String,
    /// Stream usage, events and SMS events to this webhook URL, like 1NCE's
    /// Data Streamer.
    #[arg(long)]
    stream_url: Option<String>,
    /// The `Authorization` header of the stream's posts (e.g. `Basic ...`).
    #[arg(
        long,
        env = "ONCE_SANDBOX_STREAM_AUTHORIZATION",
        hide_env_values = true,
        default_value = ""
    )]
    stream_authorization: String,
    /// Milliseconds between the stream's batches.
    #[arg(long, default_value_t = 1000)]
    stream_interval_ms: u64,
    /// Simulate traffic: every this many milliseconds one SIM (in turn) uses
    /// some data and its device sends 1NCE OS a UDP message, every third
    /// one reports a GPS position (a walk around Berlin's Brandenburg
    /// Gate), and every fifth one sends an SMS (0: off).
    #[arg(long, default_value_t = 0)]
    simulate_traffic_ms: u64,
    /// 1NCE OS: how long a device action stays SCHEDULED and then
    /// IN_PROGRESS, in milliseconds each.
    #[arg(long, default_value_t = 1000)]
    os_action_stage_ms: u64,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut builder = Sandbox::builder()
        .port(args.port)
        .sims(args.sims)
        .seed(args.seed)
        .token_lifetime(Duration::from_secs(args.token_lifetime))
        .credentials(&args.client_id, &args.client_secret)
        .arrival_jitter(Duration::from_millis(args.arrival_jitter_ms));
    builder = if args.no_rate_limits {
        builder.no_rate_limits()
    } else {
        builder.rate_limit_factor(args.rate_limit_factor)
    };
    let sandbox = builder.start().await?;
    sandbox.set_os_action_stage(Duration::from_millis(args.os_action_stage_ms));
    let creds = sandbox.credentials();
    println!("1NCE sandbox with {} SIMs (seed {})", args.sims, args.seed);
    println!("ONCE_BASE_URL={}", sandbox.base_url());
    println!("ONCE_CLIENT_ID={}", creds.client_id());
    println!("ONCE_CLIENT_SECRET={}", creds.expose_secret());
    println!();
    println!("Try:");
    println!(
        "  TOKEN=$(curl -s -u {}:{} -H 'Content-Type: application/json' \\\n    -d '{{\"grant_type\":\"client_credentials\"}}' {}/oauth/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
        creds.client_id(),
        creds.expose_secret(),
        sandbox.base_url()
    );
    println!(
        "  curl -i -H \"Authorization: Bearer $TOKEN\" '{}/v2/sims?pageSize=5'",
        sandbox.base_url()
    );
    if let Some(url) = &args.stream_url {
        sandbox.stream_to(
            once_sandbox::StreamConfig::new(url, &args.stream_authorization)
                .interval(Duration::from_millis(args.stream_interval_ms)),
        );
        println!("Streaming records to {url}");
    }
    if args.simulate_traffic_ms > 0 {
        let iccids = sandbox.iccids();
        let mut tick = tokio::time::interval(Duration::from_millis(args.simulate_traffic_ms));
        for n in 0usize.. {
            tick.tick().await;
            let Some(iccid) = iccids.get(n % iccids.len().max(1)) else {
                break;
            };
            let _ = sandbox.consume_data(iccid, 0.1 + (n % 10) as f64 / 10.0);
            let _ = sandbox.os_device_message(iccid, OsProtocol::Udp, &[(n % 256) as u8, 42]);
            if n % 3 == 0 {
                let step = n as f64 / 50.0;
                let (lon, lat) = (13.3777 + 0.02 * step.sin(), 52.5163 + 0.01 * step.cos());
                let _ = sandbox.os_report_position(iccid, lon, lat, PositionSource::Gps);
            }
            if n % 5 == 0 {
                let _ = sandbox.receive_sms(iccid, "status ok");
            }
        }
    }
    // Serve until the process is stopped (Ctrl-C).
    std::future::pending::<()>().await;
    drop(sandbox);
    Ok(())
}
