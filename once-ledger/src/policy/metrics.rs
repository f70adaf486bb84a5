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

impl Ledger {
    /// The policy's metrics, now: `once_policy_budget_actions` and
    /// `once_policy_budget_amount` (the limits; a scope without a limit has
    /// no sample), `once_policy_spent_actions` and `once_policy_spent_amount`
    /// (this calendar month, UTC), per `scope` (`*` overall, `group:NAME`),
    /// and `once_policy_decisions` per `status` (`pending`: waiting for
    /// approval).
    pub async fn policy_metrics(&self, policy: &Policy) -> Result<String, PolicyError> {
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
        let mut out = String::new();
        let mut family = |name: &str, help: &str, samples: Vec<(String, f64)>| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
            for (labels, v) in samples {
                let _ = writeln!(out, "{name}{{{labels}}} {v}");
            }
        };
        let per_scope = |f: &dyn Fn(&str, &Budget) -> Option<f64>| -> Vec<(String, f64)> {
            scopes
                .iter()
                .filter_map(|(scope, b)| {
                    f(scope, b).map(|v| (format!("scope=\"{}\"", label(scope)), v))
                })
                .collect()
        };
        let spent = |scope: &str| spend.iter().find(|s| s.scope == scope);
        family(
            "once_policy_budget_actions",
            "The monthly budget's limit of actions (no sample: no limit).",
            per_scope(&|_, b| b.max_actions.map(|m| m as f64)),
        );
        family(
            "once_policy_spent_actions",
            "Actions charged to the budget this calendar month (UTC).",
            per_scope(&|s, _| Some(spent(s).map_or(0.0, |s| s.actions as f64))),
        );
        family(
            "once_policy_budget_amount",
            "The monthly budget's limit of amount (no sample: no limit).",
            per_scope(&|_, b| b.max_amount),
        );
        family(
            "once_policy_spent_amount",
            "Amount charged to the budget this calendar month (UTC).",
            per_scope(&|s, _| Some(spent(s).map_or(0.0, |s| s.amount))),
        );
        family(
            "once_policy_decisions",
            "Decisions in the ledger by status (pending: waiting for approval).",
            ALL.iter()
                .filter(|s| **s != Status::DryRun)
                .map(|s| (format!("status=\"{}\"", s.name()), count(*s) as f64))
                .collect(),
        );
        Ok(out)
    }
}
