//! The top-up policy: a service that decides from the ledger's data when a
//! SIM needs a top-up (or 1NCE's auto top-up switched), within a monthly
//! budget it never exceeds, with every decision on record.
//!
//! - [`Policy`]: the policy file (TOML; once-ledger's POLICY.md), checked
//!   with errors that name the line and the rule.
//! - [`Forecast`]: when a SIM's data runs out at its recent rate, from the
//!   ledger's usage records (the method is on its page).
//! - [`Engine`]: one pass over the fleet. Dry run by default;
//!   [`Mode::Approval`] writes decisions that wait for
//!   [`Ledger::policy_approve`](crate::Ledger::policy_approve); [`Mode::Apply`] acts.
//! - [`Ledger::policy_log`](crate::Ledger::policy_log): every decision with its reason (the numbers
//!   seen, the forecast, the rule), its approval and its outcome.
//!
//! Safety, all of it in the ledger's database (migration 3), none in memory:
//! - only one replica acts at a time: a lease row (`policy_lease`) with an
//!   expiry, taken at the start of a pass, renewed with each intent and
//!   checked in the intent's own transaction, so a replica whose lease
//!   another took (once it expired) cannot write an intent;
//! - a decision's *intent* is written, and the month's budget (overall and
//!   the group's) consumed, in one transaction before the call; its
//!   *outcome* after. A budget update that would pass its limit changes no
//!   row, and the transaction is rolled back: the budget is never exceeded;
//! - a SIM has at most one open decision (a unique index), and a decision
//!   goes from approved to intent once (a conditional update): nothing is
//!   bought twice for one decision;
//! - a lost answer, or an intent a crash left without outcome, is settled
//!   by reading the SIM's quota again and comparing it with the quota read
//!   just before the call (accumulated volume, quota id, volume left),
//!   never by sending again. A top-up shown not applied gives its budget
//!   back; one whose quota cannot be read stays unknown and keeps it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use once_ledger::policy::{Engine, Mode, Policy};
//!
//! let ledger = Arc::new(once_ledger::Ledger::open("sqlite:fleet.db").await?);
//! let policy = Policy::load("policy.toml".as_ref())?;
//! let engine = Engine::new(ledger.clone(), once_sdk::Client::from_env()?, policy).mode(Mode::Apply);
//! let report = engine.run().await?;
//! for d in &report.decided {
//!     println!("{} {} {}: {}", d.id, d.iccid, d.action, d.reason);
//! }
//! # Ok(()) }
//! ```

mod engine;
mod file;
mod forecast;
mod log;
mod metrics;
mod store;

pub use engine::{ActStep, Engine, Mode, RunReport};
pub use file::{Action, Budget, Conditions, ForecastSettings, Group, Members, Policy};
pub use forecast::{Forecast, UsageWindow};
pub use log::{Decision, Spend, Status};
pub use metrics::Family;

use crate::LedgerError;

/// What went wrong with the policy.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy file broke a rule (on this line).
    #[error("line {line}: {rule}")]
    Invalid {
        /// The line (from 1).
        line: usize,
        /// The rule, in words.
        rule: String,
    },
    /// The policy file could not be read, or is invalid (with its path).
    #[error("policy file {0}")]
    File(String),
    /// The ledger failed.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// 1NCE's API failed in a way that ends the pass (the SIM list).
    #[error("1NCE API: {0}")]
    Api(String),
    /// Another replica took the lease while this pass was acting: it
    /// stopped before its next intent.
    #[error("the policy lease held by {0} was taken over; this pass stopped")]
    LeaseLost(String),
}
