//! The policy's figures in Prometheus' text format, for node_exporter's
//! textfile collector (or any scraper of a file): this month's spend
//! against the budget and the decisions by status (pending approvals
//! among them). The alert rules are in once-ledger's
//! `prometheus/once-ledger-policy.rules.yml`.

use std::fmt::Write as _;

use super::file::{Budget, Policy};
use super::log::{Status, ALL};
use super::store::{K, V};
use super::PolicyError;
use crate::Ledger;

/// A label value as the text format wants it.
fn label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// One gauge family of the policy's metrics: its name, its help text and
/// its samples, each with its one label (`scope` or `status`). What
/// [`Ledger::policy_metrics`] writes as text, and what an exporter encodes
/// itself (once-exporter's `--ledger-db`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Family {
    /// The metric name (`once_policy_spent_actions`, ...).
    pub name: &'static str,
    /// The `# HELP` text.
    pub help: &'static str,
    /// `(label name, label value, value)` per sample.
    pub samples: Vec<(&'static str, String, f64)>,
}

impl Family {
    /// This family in Prometheus' text format (gauge).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let name = self.name;
        let _ = writeln!(out, "# HELP {name} {}\n# TYPE {name} gauge", self.help);
        for (key, value, v) in &self.samples {
            let _ = writeln!(out, "{name}{{{key}=\"{}\"}} {v}", label(value));
        }
        out
    }
}

impl Ledger {
    /// The policy's metrics, now, in Prometheus' text format: the
    /// [`policy_figures`](Self::policy_figures), rendered.
    pub async fn policy_metrics(&self, policy: &Policy) -> Result<String, PolicyError> {
        Ok(self
            .policy_figures(policy)
            .await?
            .iter()
            .map(Family::render)
            .collect())
    }

    /// The policy's figures, now: `once_policy_budget_actions` and
    /// `once_policy_budget_amount` (the limits; a scope without a limit has
    /// no sample), `once_policy_spent_actions` and `once_policy_spent_amount`
    /// (this calendar month, UTC), per `scope` (`*` overall, `group:NAME`),
    /// and `once_policy_decisions` per `status` (`pending`: waiting for
    /// approval).
    pub async fn policy_figures(&self, policy: &Policy) -> Result<Vec<Family>, PolicyError> {
        let spend = self.policy_spend_now().await?;
        let rows = self
            .policy_query(
                "SELECT status, count(*) FROM policy_decisions GROUP BY status",
                vec![],
                &[K::T, K::I],
            )
            .await?;
        let count = |s: Status| {
            rows.iter()
                .find(|r| r.first().and_then(V::text).as_deref() == Some(s.name()))
                .and_then(|r| r.get(1).and_then(V::int))
                .unwrap_or(0)
        };
        let mut scopes: Vec<(String, Budget)> = vec![("*".into(), policy.budget)];
        scopes.extend(
            policy
                .groups
                .iter()
                .map(|g| (format!("group:{}", g.name), g.budget)),
        );
        let per_scope =
            |f: &dyn Fn(&str, &Budget) -> Option<f64>| -> Vec<(&'static str, String, f64)> {
                scopes
                    .iter()
                    .filter_map(|(scope, b)| f(scope, b).map(|v| ("scope", scope.clone(), v)))
                    .collect()
            };
        let spent = |scope: &str| spend.iter().find(|s| s.scope == scope);
        let family = |name, help, samples| Family {
            name,
            help,
            samples,
        };
        Ok(vec![
            family(
                "once_policy_budget_actions",
                "The monthly budget's limit of actions (no sample: no limit).",
                per_scope(&|_, b| b.max_actions.map(|m| m as f64)),
            ),
            family(
                "once_policy_spent_actions",
                "Actions charged to the budget this calendar month (UTC).",
                per_scope(&|s, _| Some(spent(s).map_or(0.0, |s| s.actions as f64))),
            ),
            family(
                "once_policy_budget_amount",
                "The monthly budget's limit of amount (no sample: no limit).",
                per_scope(&|_, b| b.max_amount),
            ),
            family(
                "once_policy_spent_amount",
                "Amount charged to the budget this calendar month (UTC).",
                per_scope(&|s, _| Some(spent(s).map_or(0.0, |s| s.amount))),
            ),
            family(
                "once_policy_decisions",
                "Decisions in the ledger by status (pending: waiting for approval).",
                ALL.iter()
                    .filter(|s| **s != Status::DryRun)
                    .map(|s| ("status", s.name().to_string(), count(*s) as f64))
                    .collect(),
            ),
        ])
    }
}
