//! `once-exporter`: Prometheus metrics for a 1NCE SIM fleet.
//!
//! A scrape never calls 1NCE. A background refresh walks the SIM list (its
//! pages carry every SIM's status and quota levels), publishes a snapshot,
//! then spends the rest of its interval on per-SIM details (data and SMS
//! left, quota expiry, connectivity) in priority order: low quota first,
//! then quotas expiring soon, then SIMs that changed. Every request to
//! `/sims` goes through the SDK's rate limiter set to the exporter's share
//! of the account's limit ([`Settings::budget`]).
//!
//! The snapshot is encoded by prometheus-client when it is published, in
//! OpenMetrics and in the classic text format; `/metrics` adds the live
//! health metrics and sends the format the scraper asks for
//! ([`Format::negotiate`]), gzipped when it accepts gzip. By default only
//! fleet aggregates are served; per-SIM series and personal data are
//! [`Settings::per_sim`] and [`Settings::personal_data`]. TLS and basic
//! auth come from a [`WebConfig`] ([`Settings::web_config`]). See the crate
//! README section for the metrics and their labels. With the cargo feature
//! `ledger` (on by default), [`ledger::LedgerMetrics`] adds the top-up
//! policy's spend, budget and pending decisions from the fleet ledger
//! ([`Exporter::start_with_ledger`], `--ledger-db`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use once_exporter::{Exporter, Settings};
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:9883").await?;
//! let exporter = Exporter::start(
//!     once_sdk::ClientBuilder::from_env()?,
//!     Settings { budget: 0.5, ..Settings::default() },
//!     listener,
//!     None,
//! )
//! .await?;
//! exporter.refreshed(1).await;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

mod api_calls;
pub mod cli;
mod exporter;
pub mod fleet;
pub mod format;
pub mod health;
#[cfg(feature = "ledger")]
pub mod ledger;
pub mod listen;
pub mod process;
mod refresh;
mod server;
pub mod settings;
pub mod snapshot;
pub mod web;

pub use api_calls::ApiCallLayer;
pub use exporter::{Exporter, StartError};
pub use format::{Format, CLASSIC_CONTENT_TYPE, OPENMETRICS_CONTENT_TYPE};
pub use settings::{parse_duration, PerSim, Settings, SettingsError, PUBLISHED_SIMS_RATE};
pub use snapshot::{SharedFleet, Snapshot, SnapshotEncoder};
pub use web::{WebConfig, WebConfigError};
