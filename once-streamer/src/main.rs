//! `once-streamer`: receives 1NCE Data Streamer batches and writes each
//! record as a JSON line to a file or stdout.

use std::time::Duration;

use clap::Parser;
use once_streamer::{BasicCredentials, JsonLinesSink, Receiver, ReceiverConfig};

/// Receives 1NCE Data Streamer batches (webhook / REST destination) and
/// writes every record once, as a JSON line.
///
/// Examples:
///   ONCE_STREAMER_PASSWORD=secret once-streamer --username 1nce --out records.jsonl
///   ONCE_STREAMER_PASSWORD=secret once-streamer --listen 127.0.0.1:9000 --username 1nce
#[derive(Parser, Debug)]
#[command(name = "once-streamer", version)]
struct Args {
    /// Address to listen on (put a TLS-terminating proxy in front: 1NCE
    /// posts only to https URLs with a public certificate).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// The Basic user name configured in the 1NCE portal.
    #[arg(long, env = "ONCE_STREAMER_USERNAME")]
    username: String,
    /// The Basic password (from the environment, so it is not in `ps`).
    #[arg(long, env = "ONCE_STREAMER_PASSWORD", hide_env_values = true)]
    password: String,
    /// File to append JSON lines to; `-` for stdout.
    #[arg(long, default_value = "-")]
    out: String,
    /// Seconds a stored record id is remembered to drop retransmissions.
    #[arg(long, default_value_t = 86_400)]
    dedupe_window_secs: u64,
    /// Requests stored at once before answering 503.
    #[arg(long, default_value_t = 8)]
    max_in_flight: usize,
    /// Largest body accepted, in bytes.
    #[arg(long)]
    max_body_bytes: Option<usize>,
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("once-streamer: shutting down, draining batches in flight");
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let mut config = ReceiverConfig::new(BasicCredentials::new(&args.username, &args.password))
        .dedupe_window(Duration::from_secs(args.dedupe_window_secs))
        .max_in_flight(args.max_in_flight);
    if let Some(n) = args.max_body_bytes {
        config = config.max_body_bytes(n);
    }
    let sink = if args.out == "-" {
        JsonLinesSink::stdout()
    } else {
        JsonLinesSink::file(&args.out)?
    };
    let receiver = Receiver::new(config, sink);
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    eprintln!("once-streamer: listening on {}", listener.local_addr()?);
    receiver.serve(listener, shutdown_signal()).await?;
    let s = receiver.stats();
    eprintln!(
        "once-streamer: stopped; {} records stored, {} duplicates dropped, {} rejected",
        s.records_stored, s.duplicates_dropped, s.records_rejected
    );
    Ok(())
}
