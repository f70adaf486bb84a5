//! `once-streamer`: receives 1NCE Data Streamer batches and writes each
//! record as a JSON line, into segment files of a directory or to stdout.

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

use clap::Parser;
use once_streamer::cli::{shutdown_signal, ReceiverArgs};
use once_streamer::{JsonLinesOptions, JsonLinesSink, Receiver};

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
    /// Directory of JSON-lines segment files (created if missing; each
    /// with an id index beside it); `-` for stdout.
    #[arg(long, default_value = "-")]
    out: String,
    /// Size at which a segment file is closed and the next one begun, in MiB.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
    segment_mib: u64,
    #[command(flatten)]
    receiver: ReceiverArgs,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let config = args.receiver.config();
    let sink = if args.out == "-" {
        JsonLinesSink::stdout()
    } else {
        let options = JsonLinesOptions::new()
            .segment_bytes(args.segment_mib.saturating_mul(1024 * 1024))
            .remember_for(config.remembered_for());
        JsonLinesSink::dir_with(&args.out, options)?
    };
    let receiver = Receiver::new(config, sink);
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    say!("once-streamer: listening on {}", listener.local_addr()?);
    receiver
        .serve(listener, shutdown_signal("once-streamer"))
        .await?;
    let s = receiver.stats();
    say!(
        "once-streamer: stopped; {} records stored, {} duplicates dropped, {} rejected (kept raw), {} unreadable bodies (kept whole)",
        s.records_stored, s.duplicates_dropped, s.records_rejected, s.bodies_unreadable
    );
    Ok(())
}
