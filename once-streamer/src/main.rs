//! `once-streamer`: receives 1NCE Data Streamer batches and writes each
//! record as a JSON line, into segment files of a directory or to stdout.

use std::time::Duration;

/// A line on stderr; a stderr that cannot be written (closed, or a file
/// past a size limit) does not stop the service.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// A line on stdout, quietly dropped when stdout is closed (`| head`).
#[allow(unused_macros)]
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

use clap::{Parser, ValueEnum};
use once_streamer::streamer::Platform;
use once_streamer::{BasicCredentials, JsonLinesOptions, JsonLinesSink, Receiver, ReceiverConfig};

/// How event severity ids read.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum PlatformArg {
    /// Platform 1.0: 0 INFO, 1 WARNING, 2 CRITICAL.
    Platform1,
    /// Platform 2.0: 0 INFO, 1 and 2 WARN, 3 ERROR, 4 CRITICAL.
    Platform2,
    /// Tell from the records; id 2 stays ambiguous when nothing tells.
    Detect,
}

/// Receives 1NCE Data Streamer batches (webhook / REST destination) and
/// writes every record once, as a JSON line.
///
/// Examples:
///   ONCE_STREAMER_PASSWORD=secret once-streamer --username 1nce --out records/
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
    /// Directory of JSON-lines segment files (created if missing; each
    /// with an id index beside it); `-` for stdout.
    #[arg(long, default_value = "-")]
    out: String,
    /// Size at which a segment file is closed and the next one begun, in MiB.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
    segment_mib: u64,
    /// How event severity ids read (Platform 2.0 renumbered them).
    #[arg(long, value_enum, default_value = "detect")]
    platform: PlatformArg,
    /// Most records accepted in one request (413 beyond).
    #[arg(long, default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(1..))]
    max_records: u64,
    /// Seconds a client may take to send its request headers.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout_secs: u64,
    /// Longest pause in a body, in seconds (408 beyond).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    read_timeout_secs: u64,
    /// Seconds a whole body may take (408 beyond).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout_secs: u64,
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
    say!("once-streamer: shutting down, draining batches in flight");
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let platform = match args.platform {
        PlatformArg::Platform1 => Platform::Platform1,
        PlatformArg::Platform2 => Platform::Platform2,
        PlatformArg::Detect => Platform::Detect,
    };
    let mut config = ReceiverConfig::new(BasicCredentials::new(&args.username, &args.password))
        .dedupe_window(Duration::from_secs(args.dedupe_window_secs))
        .max_in_flight(args.max_in_flight)
        .platform(platform)
        .max_records(usize::try_from(args.max_records).unwrap_or(usize::MAX))
        .header_timeout(Duration::from_secs(args.header_timeout_secs))
        .read_timeout(Duration::from_secs(args.read_timeout_secs))
        .body_timeout(Duration::from_secs(args.body_timeout_secs));
    if let Some(n) = args.max_body_bytes {
        config = config.max_body_bytes(n);
    }
    let sink = if args.out == "-" {
        JsonLinesSink::stdout()
    } else {
        let options = JsonLinesOptions::new()
            .segment_bytes(args.segment_mib.saturating_mul(1024 * 1024))
            .remember_for(Duration::from_secs(args.dedupe_window_secs));
        JsonLinesSink::dir_with(&args.out, options)?
    };
    let receiver = Receiver::new(config, sink);
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    say!("once-streamer: listening on {}", listener.local_addr()?);
    receiver.serve(listener, shutdown_signal()).await?;
    let s = receiver.stats();
    say!(
        "once-streamer: stopped; {} records stored, {} duplicates dropped, {} rejected (kept raw), {} unreadable bodies (kept whole)",
        s.records_stored, s.duplicates_dropped, s.records_rejected, s.bodies_unreadable
    );
    Ok(())
}
