//! What the exporter is told: budget, refresh interval, filter, priorities.

use std::time::Duration;

use once_sdk::{EndpointGroup, RateLimit, RateLimits};

/// 1NCE's published limit for `/sims`: 10 requests per second per customer.
pub const PUBLISHED_SIMS_RATE: f64 = 10.0;

/// A setting out of range, named with its rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field} {rule}")]
pub struct SettingsError {
    /// The flag (`--budget`, ...).
    pub field: &'static str,
    /// What it must be, and what it was.
    pub rule: String,
}

/// Which SIMs get series of their own (`--per-sim`). The fleet aggregates
/// (`once_fleet_*`) are served whatever this says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PerSim {
    /// No per-SIM series (`off`, the default): the series count does not
    /// grow with the fleet.
    #[default]
    Off,
    /// Per-SIM series for at most this many SIMs (`N`, at least 1): the
    /// SIMs whose quota level in the SIM list is worst (exhausted, then
    /// low), then by ICCID.
    Limit(usize),
    /// Per-SIM series for every SIM (`all`).
    All,
}

impl std::str::FromStr for PerSim {
    type Err = String;

    /// `off`, `all`, or a number of SIMs (`0` is `off`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "off" => Ok(PerSim::Off),
            "all" => Ok(PerSim::All),
            n => match n.parse::<usize>() {
                Ok(0) => Ok(PerSim::Off),
                Ok(n) => Ok(PerSim::Limit(n)),
                Err(_) => Err(format!(
                    "expected off, all or a number of SIMs (at most that many get per-SIM series), got {s:?}"
                )),
            },
        }
    }
}

/// How the exporter spends its share of the rate limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The account's limit on `/sims` in requests per second (1NCE: 10).
    pub rate_limit: f64,
    /// The share of `rate_limit` the exporter may use, in (0, 1]: other
    /// tools of the account keep the rest.
    pub budget: f64,
    /// How often a refresh cycle starts: the SIM list is walked, then the
    /// rest of the interval goes to per-SIM details.
    pub refresh: Duration,
    /// 1NCE's `q` filter for the SIM list (`imei:35290611`, `ip_address:10.0.1.5`), if any.
    pub filter: Option<String>,
    /// Quotas expiring within this window make a SIM a priority.
    pub expiring_within: Duration,
    /// List pages or SIMs (up to three requests each) in flight at once,
    /// at most one second's budget (the budget paces them).
    pub concurrency: usize,
    /// Which SIMs get per-SIM series (`--per-sim`).
    pub per_sim: PerSim,
    /// Whether `once_sim_info` carries each exported SIM's IMSI, MSISDN and
    /// label (`--per-sim-personal-data`); without it there is no
    /// `once_sim_info`.
    pub personal_data: bool,
    /// The web config (`--web.config.file`, the Prometheus exporter-toolkit
    /// format): TLS and basic auth, read when the exporter starts.
    pub web_config: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rate_limit: PUBLISHED_SIMS_RATE,
            budget: 0.5,
            refresh: Duration::from_secs(300),
            filter: None,
            expiring_within: Duration::from_secs(30 * 86_400),
            concurrency: 8,
            per_sim: PerSim::Off,
            personal_data: false,
            web_config: None,
        }
    }
}

impl Settings {
    /// Checks every field; the error names the flag and the rule.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !(self.budget > 0.0 && self.budget <= 1.0) {
            return Err(SettingsError {
                field: "--budget",
                rule: format!("must be more than 0 and at most 1, got {}", self.budget),
            });
        }
        if !(self.rate_limit.is_finite() && self.rate_limit > 0.0) {
            return Err(SettingsError {
                field: "--rate-limit",
                rule: format!(
                    "must be more than 0 requests per second, got {}",
                    self.rate_limit
                ),
            });
        }
        if self.refresh < Duration::from_secs(1) {
            return Err(SettingsError {
                field: "--refresh",
                rule: format!("must be at least 1s, got {:?}", self.refresh),
            });
        }
        if self.filter.as_deref().is_some_and(|f| f.trim().is_empty()) {
            return Err(SettingsError {
                field: "--filter",
                rule: "must not be empty (1NCE's q syntax, e.g. imei:35290611)".into(),
            });
        }
        if self.concurrency == 0 {
            return Err(SettingsError {
                field: "--concurrency",
                rule: "must be at least 1".into(),
            });
        }
        if self.personal_data && self.per_sim == PerSim::Off {
            return Err(SettingsError {
                field: "--per-sim-personal-data",
                rule: "needs per-SIM series (--per-sim all or a number of SIMs); with --per-sim off no series carries a SIM".into(),
            });
        }
        Ok(())
    }

    /// Requests per second the exporter may send to `/sims`.
    pub fn budget_rps(&self) -> f64 {
        self.rate_limit * self.budget
    }

    /// The client-side limit that enforces the budget: `floor(budget)`
    /// requests per second when that is at least one (never more than the
    /// budget, never a burst above it), otherwise one request every
    /// `1 / budget` seconds.
    pub fn sims_limit(&self) -> RateLimit {
        let rps = self.budget_rps();
        if rps >= 1.0 {
            RateLimit::per_second(rps.floor().min(f64::from(u32::MAX)) as u32)
        } else {
            RateLimit::new(1, Duration::from_secs_f64(1.0 / rps))
        }
    }

    /// 1NCE's published limits with `/sims` at the exporter's budget.
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits::default().with(EndpointGroup::Sims, Some(self.sims_limit()))
    }
}

/// Parses `90s`, `5m`, `2h`, `30d`, `250ms` (a plain number is seconds).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("expected a duration like 30s, 5m, 1h or 7d, got {s:?}"))?;
    let factor = match unit {
        "ms" => 0.001,
        "" | "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => {
            return Err(format!(
                "unknown unit {unit:?} in {s:?} (use ms, s, m, h or d)"
            ))
        }
    };
    Duration::try_from_secs_f64(n * factor).map_err(|e| format!("{s:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_becomes_the_sims_limit_and_never_exceeds_the_share() {
        let s = |rate_limit, budget| Settings {
            rate_limit,
            budget,
            ..Settings::default()
        };
        assert_eq!(s(10.0, 0.5).sims_limit(), RateLimit::per_second(5));
        assert_eq!(s(10.0, 0.25).sims_limit(), RateLimit::per_second(2));
        assert_eq!(s(10.0, 1.0).sims_limit(), RateLimit::per_second(10));
        assert_eq!(
            s(10.0, 0.05).sims_limit(),
            RateLimit::new(1, Duration::from_secs(2))
        );
        assert_eq!(
            s(10.0, 0.5).rate_limits().get(EndpointGroup::Sims),
            Some(RateLimit::per_second(5))
        );
        assert_eq!(
            s(10.0, 0.5).rate_limits().get(EndpointGroup::OAuth),
            Some(EndpointGroup::OAuth.published_limit())
        );
    }

    #[test]
    fn out_of_range_settings_name_the_flag_and_the_rule() {
        let bad = Settings {
            budget: 1.5,
            ..Settings::default()
        };
        assert_eq!(
            bad.validate().unwrap_err().to_string(),
            "--budget must be more than 0 and at most 1, got 1.5"
        );
        let bad = Settings {
            budget: 0.0,
            ..Settings::default()
        };
        assert_eq!(bad.validate().unwrap_err().field, "--budget");
        let bad = Settings {
            refresh: Duration::from_millis(10),
            ..Settings::default()
        };
        assert_eq!(bad.validate().unwrap_err().field, "--refresh");
        let bad = Settings {
            filter: Some(" ".into()),
            ..Settings::default()
        };
        assert_eq!(bad.validate().unwrap_err().field, "--filter");
        let bad = Settings {
            rate_limit: f64::NAN,
            ..Settings::default()
        };
        assert_eq!(bad.validate().unwrap_err().field, "--rate-limit");
        let bad = Settings {
            personal_data: true,
            ..Settings::default()
        };
        assert_eq!(
            bad.validate().unwrap_err().to_string(),
            "--per-sim-personal-data needs per-SIM series (--per-sim all or a number of SIMs); with --per-sim off no series carries a SIM"
        );
        let good = Settings {
            personal_data: true,
            per_sim: PerSim::Limit(5),
            ..Settings::default()
        };
        assert_eq!(good.validate(), Ok(()));
        assert_eq!(Settings::default().validate(), Ok(()));
    }

    #[test]
    fn per_sim_values() {
        assert_eq!("off".parse(), Ok(PerSim::Off));
        assert_eq!("all".parse(), Ok(PerSim::All));
        assert_eq!("0".parse(), Ok(PerSim::Off));
        assert_eq!("1000".parse(), Ok(PerSim::Limit(1000)));
        let err = "some".parse::<PerSim>().unwrap_err();
        assert!(
            err.starts_with("expected off, all or a number of SIMs"),
            "{err}"
        );
        assert!("-3".parse::<PerSim>().is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_duration("30d"), Ok(Duration::from_secs(30 * 86_400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("12"), Ok(Duration::from_secs(12)));
        assert!(parse_duration("5 weeks")
            .unwrap_err()
            .contains("unknown unit"));
        assert!(parse_duration("soon")
            .unwrap_err()
            .contains("expected a duration"));
    }
}
