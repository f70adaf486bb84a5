//! The command line: flags, each with an environment variable fallback.

use std::time::Duration;

use clap::Parser;

use crate::settings::{parse_duration, PerSim, Settings, PUBLISHED_SIMS_RATE};

/// Prometheus exporter for a 1NCE SIM fleet. Credentials come from
/// ONCE_CLIENT_ID and ONCE_CLIENT_SECRET (ONCE_BASE_URL to override the API
/// address), or use --sandbox to try it against a local fake 1NCE.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "once-exporter",
    version,
    after_help = "Examples:\n  once-exporter --sandbox\n  ONCE_CLIENT_ID=.. ONCE_CLIENT_SECRET=.. once-exporter --budget 0.3 --refresh 10m\n  once-exporter --listen 127.0.0.1:9883 --filter imei:35290611"
)]
pub struct Args {
    /// Address to serve /metrics and /healthz on: HOST:PORT (an IPv6 host
    /// in brackets), or :PORT for every interface (IPv6 and IPv4).
    #[arg(
        long,
        visible_alias = "web.listen-address",
        env = "ONCE_EXPORTER_LISTEN",
        default_value = ":9883"
    )]
    pub listen: String,
    /// Share of the account's /sims rate limit the exporter may use, more
    /// than 0 and at most 1; the rest stays free for other tools.
    #[arg(long, env = "ONCE_EXPORTER_BUDGET", default_value_t = 0.5)]
    pub budget: f64,
    /// The account's /sims rate limit in requests per second (1NCE: 10).
    #[arg(long, env = "ONCE_EXPORTER_RATE_LIMIT", default_value_t = PUBLISHED_SIMS_RATE)]
    pub rate_limit: f64,
    /// How often a refresh cycle starts (30s, 5m, 1h): the SIM list first,
    /// then per-SIM details for the rest of the interval.
    #[arg(long, env = "ONCE_EXPORTER_REFRESH", default_value = "5m", value_parser = parse_duration)]
    pub refresh: Duration,
    /// Only SIMs matching 1NCE's list filter (q syntax: imei:DIGITS or ip_address:IP, comma separated).
    #[arg(long, env = "ONCE_EXPORTER_FILTER")]
    pub filter: Option<String>,
    /// Quotas expiring within this window get their SIM's details first.
    #[arg(long, env = "ONCE_EXPORTER_EXPIRING_WITHIN", default_value = "30d", value_parser = parse_duration)]
    pub expiring_within: Duration,
    /// List pages or SIMs in flight at once, at most one second's budget.
    #[arg(long, env = "ONCE_EXPORTER_CONCURRENCY", default_value_t = 8)]
    pub concurrency: usize,
    /// Per-SIM series: off (the default: fleet aggregates only), all, or a
    /// number of SIMs (those with the worst quota level in the SIM list
    /// first). About 10 to 12 series per SIM; see the README.
    #[arg(long, env = "ONCE_EXPORTER_PER_SIM", default_value = "off", value_parser = clap::value_parser!(PerSim))]
    pub per_sim: PerSim,
    /// Add once_sim_info{iccid,imsi,msisdn,label} for every SIM with
    /// per-SIM series: personal data (the phone number, the customer's
    /// label) on /metrics. Needs --per-sim all or a number.
    #[arg(long, env = "ONCE_EXPORTER_PER_SIM_PERSONAL_DATA")]
    pub per_sim_personal_data: bool,
    /// TLS and basic auth for every path, in the Prometheus exporter-toolkit
    /// format (tls_server_config: cert_file, key_file; basic_auth_users:
    /// user: bcrypt hash).
    #[arg(
        long = "web.config.file",
        env = "ONCE_EXPORTER_WEB_CONFIG",
        value_name = "FILE"
    )]
    pub web_config_file: Option<std::path::PathBuf>,
    /// Run against an in-process sandbox (a fake 1NCE) instead of 1NCE.
    #[arg(long, env = "ONCE_EXPORTER_SANDBOX")]
    pub sandbox: bool,
    /// SIMs in the --sandbox fleet.
    #[arg(long, env = "ONCE_EXPORTER_SANDBOX_SIMS", default_value_t = 1000)]
    pub sandbox_sims: usize,
    /// The fleet ledger (`postgres://...` or `sqlite:FILE`) whose top-up
    /// policy's spend, budget and pending decisions are served too
    /// (`once_policy_*`); needs --ledger-policy.
    #[cfg(feature = "ledger")]
    #[arg(
        long,
        env = "ONCE_LEDGER_DB",
        hide_env_values = true,
        value_name = "URL",
        requires = "ledger_policy"
    )]
    pub ledger_db: Option<String>,
    /// The policy file the ledger's policy runs (its budgets are the
    /// limits served as once_policy_budget_*); needs --ledger-db.
    #[cfg(feature = "ledger")]
    #[arg(
        long,
        env = "ONCE_LEDGER_POLICY",
        value_name = "FILE",
        requires = "ledger_db"
    )]
    pub ledger_policy: Option<std::path::PathBuf>,
    /// Log filter (tracing targets syntax: info, once_exporter=debug,...).
    #[arg(long, env = "RUST_LOG", default_value = "info")]
    pub log: String,
}

impl Args {
    /// The refresh settings the flags describe (checked by
    /// [`Settings::validate`] when the exporter starts).
    pub fn settings(&self) -> Settings {
        Settings {
            rate_limit: self.rate_limit,
            budget: self.budget,
            refresh: self.refresh,
            filter: self.filter.clone(),
            expiring_within: self.expiring_within,
            concurrency: self.concurrency,
            per_sim: self.per_sim,
            personal_data: self.per_sim_personal_data,
            web_config: self.web_config_file.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_their_defaults() {
        let a = Args::try_parse_from(["once-exporter"]).unwrap();
        assert_eq!(a.listen, ":9883");
        assert_eq!(a.settings(), Settings::default());
        let a = Args::try_parse_from([
            "once-exporter",
            "--web.listen-address",
            "127.0.0.1:1234",
            "--budget",
            "0.3",
            "--refresh",
            "10m",
            "--filter",
            "imei:35290611",
            "--sandbox",
        ])
        .unwrap();
        assert_eq!(a.listen, "127.0.0.1:1234");
        assert!(a.sandbox);
        let s = a.settings();
        assert_eq!((s.budget, s.refresh), (0.3, Duration::from_secs(600)));
        assert_eq!(s.filter.as_deref(), Some("imei:35290611"));
        let err = Args::try_parse_from(["once-exporter", "--refresh", "soon"]).unwrap_err();
        assert!(err.to_string().contains("--refresh"), "{err}");
        let a = Args::try_parse_from([
            "once-exporter",
            "--per-sim",
            "500",
            "--per-sim-personal-data",
        ])
        .unwrap();
        let s = a.settings();
        assert_eq!((s.per_sim, s.personal_data), (PerSim::Limit(500), true));
        let a =
            Args::try_parse_from(["once-exporter", "--web.config.file", "/etc/web.yml"]).unwrap();
        assert_eq!(
            a.settings().web_config.as_deref(),
            Some(std::path::Path::new("/etc/web.yml"))
        );
        let err = Args::try_parse_from(["once-exporter", "--per-sim", "many"]).unwrap_err();
        let err = err.to_string();
        assert!(err.contains("--per-sim"), "{err}");
        assert!(
            err.contains("expected off, all or a number of SIMs"),
            "{err}"
        );
    }
}
