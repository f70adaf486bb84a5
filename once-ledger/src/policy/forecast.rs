//! The forecast: when a SIM's data quota runs out at its recent rate, from
//! the ledger's usage records.
//!
//! The method (once-ledger's POLICY.md says the same):
//! 1. The window is the last `window_days` before now. Only data usage
//!    records whose end lies in it count.
//! 2. The SIM's history starts at the start of its first record in the
//!    window (its end when it has no start), clamped to the window's start.
//! 3. Less history than `min_history_hours`: no forecast (a new SIM, or a
//!    SIM that was silent until lately, has no rate to trust). The other
//!    conditions (thresholds, expiry) still apply.
//! 4. No record in the window: the SIM is idle, its rate is 0 and the
//!    forecast never says it runs out.
//! 5. Otherwise the rate is the window's volume divided by the time from
//!    the history's start to now. A silence in between (a device asleep,
//!    or records the ledger missed) counts as no use: gaps lower the rate,
//!    never raise it; `once-ledger gaps` reports what the ledger missed.
//! 6. Days left = data left / rate per day.

use chrono::{DateTime, Duration, Utc};

use super::file::ForecastSettings;

/// A SIM's data usage in the window, as the ledger holds it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct UsageWindow {
    /// The start of its first record in the window (or that record's end).
    pub first_at: Option<DateTime<Utc>>,
    /// The data volume of the records in the window (MB).
    pub total_mb: f64,
}

/// What the forecast says about a SIM.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Forecast {
    /// Too little history for a rate.
    TooLittleHistory {
        /// The history there is (hours).
        hours: f64,
    },
    /// No usage in the window.
    Idle,
    /// A rate.
    Rate {
        /// MB a day.
        mb_per_day: f64,
        /// The history it was taken over (hours).
        hours: f64,
    },
}

impl Forecast {
    /// The forecast for a SIM's window at `now`.
    pub fn of(usage: &UsageWindow, now: DateTime<Utc>, settings: &ForecastSettings) -> Self {
        let window_start = now - hours(settings.window_days * 24.0);
        let Some(first) = usage.first_at else {
            return Self::Idle;
        };
        let start = first.max(window_start).min(now);
        let history = (now - start).num_milliseconds() as f64 / 3_600_000.0;
        if history < settings.min_history_hours {
            return Self::TooLittleHistory { hours: history };
        }
        if usage.total_mb <= 0.0 {
            return Self::Idle;
        }
        Self::Rate {
            mb_per_day: usage.total_mb / history * 24.0,
            hours: history,
        }
    }

    /// Days until `left_mb` is used up (`None`: never, by this forecast).
    pub fn days_left(&self, left_mb: f64) -> Option<f64> {
        match *self {
            Self::Rate { mb_per_day, .. } if mb_per_day > 0.0 => {
                Some(left_mb.max(0.0) / mb_per_day)
            }
            _ => None,
        }
    }
}

fn hours(h: f64) -> Duration {
    Duration::milliseconds((h * 3_600_000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 10, 12, 0, 0)
            .single()
            .expect("time")
    }

    fn settings() -> ForecastSettings {
        ForecastSettings {
            window_days: 7.0,
            min_history_hours: 24.0,
        }
    }

    fn window(hours_ago: i64, mb: f64) -> UsageWindow {
        UsageWindow {
            first_at: Some(now() - Duration::hours(hours_ago)),
            total_mb: mb,
        }
    }

    #[test]
    fn a_steady_sim_gets_its_rate_and_days_left() {
        // 10 MB a day over two days.
        let f = Forecast::of(&window(48, 20.0), now(), &settings());
        assert_eq!(
            f,
            Forecast::Rate {
                mb_per_day: 10.0,
                hours: 48.0
            }
        );
        assert_eq!(f.days_left(25.0), Some(2.5));
        assert_eq!(f.days_left(-3.0), Some(0.0));
    }

    #[test]
    fn history_older_than_the_window_is_clamped_to_it() {
        // The first record began 30 days ago; only the 7-day window counts.
        let f = Forecast::of(&window(30 * 24, 70.0), now(), &settings());
        assert_eq!(
            f,
            Forecast::Rate {
                mb_per_day: 10.0,
                hours: 168.0
            }
        );
    }

    #[test]
    fn too_little_history_makes_no_forecast() {
        let f = Forecast::of(&window(6, 500.0), now(), &settings());
        assert_eq!(f, Forecast::TooLittleHistory { hours: 6.0 });
        assert_eq!(f.days_left(1.0), None);
    }

    #[test]
    fn no_usage_is_idle_and_never_runs_out() {
        assert_eq!(
            Forecast::of(&UsageWindow::default(), now(), &settings()),
            Forecast::Idle
        );
        let f = Forecast::of(&window(72, 0.0), now(), &settings());
        assert_eq!(f, Forecast::Idle);
        assert_eq!(f.days_left(0.5), None);
    }

    #[test]
    fn a_gap_counts_as_no_use_and_lowers_the_rate() {
        // 40 MB in records that began 4 days ago, with a silent day in
        // between: the rate is over all 4 days (10/day), not over the 3 days
        // that have records (13.3/day).
        let f = Forecast::of(&window(96, 40.0), now(), &settings());
        assert_eq!(
            f,
            Forecast::Rate {
                mb_per_day: 10.0,
                hours: 96.0
            }
        );
    }

    #[test]
    fn a_record_from_the_future_is_no_history() {
        let w = UsageWindow {
            first_at: Some(now() + Duration::hours(5)),
            total_mb: 10.0,
        };
        assert_eq!(
            Forecast::of(&w, now(), &settings()),
            Forecast::TooLittleHistory { hours: 0.0 }
        );
    }
}
