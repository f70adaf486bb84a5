//! The receiver's command-line flags, shared by the binaries that receive
//! the Data Streamer (`once-streamer`, and `once-ledger serve`), so each
//! offers the same caps, timeouts and credentials with the same names.

use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::streamer::Platform;
use crate::{BasicCredentials, ReceiverConfig};

/// How event severity ids read (`--platform`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    /// Platform 1.0: 0 INFO, 1 WARNING, 2 CRITICAL.
    Platform1,
    /// Platform 2.0: 0 INFO, 1 and 2 WARN, 3 ERROR, 4 CRITICAL.
    Platform2,
    /// Tell from the records; id 2 stays ambiguous when nothing tells.
    Detect,
}

impl From<PlatformArg> for Platform {
    fn from(p: PlatformArg) -> Self {
        match p {
            PlatformArg::Platform1 => Platform::Platform1,
            PlatformArg::Platform2 => Platform::Platform2,
            PlatformArg::Detect => Platform::Detect,
        }
    }
}

/// The receiver's flags: the stream's credentials, the caps and the
/// timeouts. Flatten it into a binary's clap arguments
/// (`#[command(flatten)]`) and build the receiver from
/// [`ReceiverArgs::config`]. A flag left out keeps [`ReceiverConfig::new`]'s
/// default.
#[derive(Args, Debug, Clone)]
pub struct ReceiverArgs {
    /// The Basic user name configured in the 1NCE portal.
    #[arg(long, env = "ONCE_STREAMER_USERNAME")]
    pub username: String,
    /// The Basic password (from the environment, so it is not in `ps`).
    #[arg(long, env = "ONCE_STREAMER_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// How event severity ids read (Platform 2.0 renumbered them).
    #[arg(long, value_enum, default_value = "detect")]
    pub platform: PlatformArg,
    /// Most records accepted in one request, 413 beyond [default: 5000].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_records: Option<u64>,
    /// Largest body accepted in bytes, after gzip is undone, 413 beyond
    /// [default: 15 MiB].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_body_bytes: Option<u64>,
    /// Seconds a client may take to send its request headers [default: 10].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_secs: Option<u64>,
    /// Longest pause in a body, in seconds, 408 beyond [default: 10].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub read_timeout_secs: Option<u64>,
    /// Seconds a whole body may take, 408 beyond [default: 60].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout_secs: Option<u64>,
    /// Seconds a stored record id is remembered to drop retransmissions
    /// [default: 86400].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub dedupe_window_secs: Option<u64>,
    /// Requests stored at once before answering 503 [default: 8].
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_in_flight: Option<u64>,
}

impl ReceiverArgs {
    /// The receiver's configuration: the defaults of [`ReceiverConfig::new`]
    /// with what the flags set.
    pub fn config(&self) -> ReceiverConfig {
        let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        let mut c = ReceiverConfig::new(BasicCredentials::new(&self.username, &self.password))
            .platform(self.platform.into());
        if let Some(v) = self.max_records {
            c = c.max_records(n(v));
        }
        if let Some(v) = self.max_body_bytes {
            c = c.max_body_bytes(n(v));
        }
        if let Some(v) = self.header_timeout_secs {
            c = c.header_timeout(Duration::from_secs(v));
        }
        if let Some(v) = self.read_timeout_secs {
            c = c.read_timeout(Duration::from_secs(v));
        }
        if let Some(v) = self.body_timeout_secs {
            c = c.body_timeout(Duration::from_secs(v));
        }
        if let Some(v) = self.dedupe_window_secs {
            c = c.dedupe_window(Duration::from_secs(v));
        }
        if let Some(v) = self.max_in_flight {
            c = c.max_in_flight(n(v));
        }
        c
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn terminated() {
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
}

/// Resolves on SIGTERM or Ctrl-C (where the binaries start draining the
/// batches in flight), after writing `<name>: shutting down` on stderr.
pub async fn shutdown_signal(name: &str) {
    terminated().await;
    use std::io::Write as _;
    // A closed stderr does not stop the shutdown.
    let _ = writeln!(
        std::io::stderr(),
        "{name}: shutting down, draining batches in flight"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Bin {
        #[command(flatten)]
        receiver: ReceiverArgs,
    }

    fn parse(args: &[&str]) -> Result<ReceiverConfig, clap::Error> {
        let mut all = vec!["bin", "--username", "u", "--password", "p"];
        all.extend_from_slice(args);
        Bin::try_parse_from(all).map(|b| b.receiver.config())
    }

    #[test]
    fn flags_left_out_keep_the_configs_defaults() {
        let given = parse(&[]).unwrap();
        let default = ReceiverConfig::new(BasicCredentials::new("u", "p"));
        assert_eq!(format!("{given:?}"), format!("{default:?}"));
    }

    #[test]
    fn each_flag_reaches_the_config() {
        let c = parse(&[
            "--platform",
            "platform2",
            "--max-records",
            "7",
            "--max-body-bytes",
            "1000",
            "--header-timeout-secs",
            "3",
            "--read-timeout-secs",
            "4",
            "--body-timeout-secs",
            "5",
            "--dedupe-window-secs",
            "6",
            "--max-in-flight",
            "2",
        ])
        .unwrap();
        let want = ReceiverConfig::new(BasicCredentials::new("u", "p"))
            .platform(Platform::Platform2)
            .max_records(7)
            .max_body_bytes(1000)
            .header_timeout(Duration::from_secs(3))
            .read_timeout(Duration::from_secs(4))
            .body_timeout(Duration::from_secs(5))
            .dedupe_window(Duration::from_secs(6))
            .max_in_flight(2);
        assert_eq!(format!("{c:?}"), format!("{want:?}"));
        assert_ne!(
            format!("{c:?}"),
            format!("{:?}", ReceiverConfig::new(BasicCredentials::new("u", "p")))
        );
    }

    #[test]
    fn zero_is_refused_with_the_flags_name() {
        for flag in ["--max-records", "--max-in-flight", "--read-timeout-secs"] {
            let e = parse(&[flag, "0"]).expect_err("0 is refused");
            assert!(e.to_string().contains(flag), "{flag}: {e}");
        }
    }
}
