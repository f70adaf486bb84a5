//! The audit trail: decisions as rows, their approval, the month's spend.

use chrono::Utc;
use serde::Serialize;

use super::engine::month_of;
use super::store::{Step, K, V};
use super::PolicyError;
use crate::rows::iso;
use crate::Ledger;

/// Where a decision stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A dry run's decision: nothing written, nothing done.
    DryRun,
    /// Waiting for approval.
    Pending,
    /// Approved (by a person, or by `--apply`); not yet acted on.
    Approved,
    /// Rejected by a person: never acted on.
    Rejected,
    /// The intent is written and the budget consumed; the call may be on
    /// its way. A crash here is settled by reading the quota.
    Intent,
    /// The call's answer was lost; to be settled by reading the quota.
    Unknown,
    /// 1NCE accepted it.
    Applied,
    /// Settled: the quota shows it was applied.
    ConfirmedApplied,
    /// Settled: the quota shows it was not applied (the budget is given back).
    NotApplied,
    /// 1NCE refused it (4xx): nothing applied, the budget given back.
    Refused,
    /// The month's budget had no room when it came to act.
    OverBudget,
    /// A switch whose outcome is unknown (idempotent; decided again).
    Failed,
}

pub(crate) const ALL: [Status; 12] = [
    Status::DryRun,
    Status::Pending,
    Status::Approved,
    Status::Rejected,
    Status::Intent,
    Status::Unknown,
    Status::Applied,
    Status::ConfirmedApplied,
    Status::NotApplied,
    Status::Refused,
    Status::OverBudget,
    Status::Failed,
];

impl Status {
    /// Its name in the database and the log (`confirmed_applied`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::DryRun => "dry_run",
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Intent => "intent",
            Self::Unknown => "unknown",
            Self::Applied => "applied",
            Self::ConfirmedApplied => "confirmed_applied",
            Self::NotApplied => "not_applied",
            Self::Refused => "refused",
            Self::OverBudget => "over_budget",
            Self::Failed => "failed",
        }
    }

    /// From its name.
    pub fn from_name(s: &str) -> Option<Self> {
        ALL.into_iter().find(|x| x.name() == s)
    }

    /// Whether the action happened (as 1NCE said, or as the quota showed).
    pub fn is_applied(self) -> bool {
        matches!(self, Self::Applied | Self::ConfirmedApplied)
    }
}

/// One decision, as the log shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Decision {
    /// Its number (0 in a dry run, where nothing is written).
    pub id: i64,
    /// When it was made (ISO 8601, UTC).
    pub created_at: String,
    /// The policy group.
    pub group: String,
    /// The SIM.
    pub iccid: String,
    /// The action (`top-up`, `auto-top-up-on`, `auto-top-up-off`).
    pub action: String,
    /// Where it stands.
    pub status: Status,
    /// Why, in words.
    pub reason: String,
    /// The numbers it saw: quotas, forecast, days left and the rule.
    pub seen: serde_json::Value,
    /// What it costs (the group's price), if the policy says.
    pub amount: Option<f64>,
    /// The budget month it was charged to, once its intent was written.
    pub month: Option<String>,
    /// When it was approved.
    pub approved_at: Option<String>,
    /// Who approved it (`--apply` names the replica).
    pub approved_by: Option<String>,
    /// When its intent was written.
    pub intent_at: Option<String>,
    /// The replica that acted.
    pub holder: Option<String>,
    /// The quotas read just before the call (JSON), to settle a lost answer.
    pub mark: Option<String>,
    /// When it ended.
    pub outcome_at: Option<String>,
    /// How it ended, in words.
    pub outcome: Option<String>,
}

/// A scope's spend in a month.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Spend {
    /// `*` for the whole policy, `group:NAME` for a group.
    pub scope: String,
    /// Actions charged.
    pub actions: i64,
    /// Amount charged.
    pub amount: f64,
}

const COLUMNS: &[K] = &[
    K::I,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::F,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
    K::T,
];

macro_rules! select {
    ($tail:literal) => {
        concat!(
            "SELECT id, created_at, grp, iccid, action, status, reason, seen, amount, month, \
             approved_at, approved_by, intent_at, holder, mark, outcome_at, outcome \
             FROM policy_decisions ",
            $tail
        )
    };
}

fn decision(row: Vec<V>) -> Decision {
    let t = |i: usize| row.get(i).and_then(V::text);
    Decision {
        id: row.first().and_then(V::int).unwrap_or_default(),
        created_at: t(1).unwrap_or_default(),
        group: t(2).unwrap_or_default(),
        iccid: t(3).unwrap_or_default(),
        action: t(4).unwrap_or_default(),
        status: t(5)
            .as_deref()
            .and_then(Status::from_name)
            .unwrap_or(Status::Failed),
        reason: t(6).unwrap_or_default(),
        seen: t(7)
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(serde_json::Value::Null),
        amount: row.get(8).and_then(V::float),
        month: t(9),
        approved_at: t(10),
        approved_by: t(11),
        intent_at: t(12),
        holder: t(13),
        mark: t(14),
        outcome_at: t(15),
        outcome: t(16),
    }
}

impl Ledger {
    /// Every decision of the policy, oldest first (`limit`: the newest N).
    pub async fn policy_log(&self, limit: Option<u32>) -> Result<Vec<Decision>, PolicyError> {
        let rows = self
            .policy_query(
                select!("ORDER BY id DESC LIMIT $1"),
                vec![V::I(Some(limit.map_or(i64::MAX, i64::from)))],
                COLUMNS,
            )
            .await?;
        let mut out: Vec<Decision> = rows.into_iter().map(decision).collect();
        out.reverse();
        Ok(out)
    }

    /// The decisions in these states, oldest first.
    pub(crate) async fn policy_decisions(
        &self,
        states: &[Status],
    ) -> Result<Vec<Decision>, PolicyError> {
        // Four placeholders (the callers ask for at most four states),
        // so the status index serves.
        let mut names: Vec<V> = states.iter().map(|s| V::t(s.name())).collect();
        if names.is_empty() || names.len() > 4 {
            return Err(PolicyError::Ledger(crate::LedgerError::Config(format!(
                "policy_decisions: 1 to 4 states, not {}",
                names.len()
            ))));
        }
        while names.len() < 4 {
            names.push(names[0].clone());
        }
        let rows = self
            .policy_query(
                select!("WHERE status IN ($1, $2, $3, $4) ORDER BY id"),
                names,
                COLUMNS,
            )
            .await?;
        Ok(rows.into_iter().map(decision).collect())
    }

    /// Writes a new decision; `None` when the SIM has an open one already.
    pub(crate) async fn policy_insert(&self, d: &Decision) -> Result<Option<i64>, PolicyError> {
        let rows = self
            .policy_query(
                "INSERT INTO policy_decisions (created_at, grp, iccid, action, status, reason, \
                 seen, amount, approved_at, approved_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
                vec![
                    V::t(&d.created_at),
                    V::t(&d.group),
                    V::t(&d.iccid),
                    V::t(&d.action),
                    V::t(d.status.name()),
                    V::t(&d.reason),
                    V::t(d.seen.to_string()),
                    V::F(d.amount),
                    V::T(d.approved_at.clone()),
                    V::T(d.approved_by.clone()),
                ],
                &[K::I],
            )
            .await?;
        Ok(rows.first().and_then(|r| r.first()).and_then(V::int))
    }

    /// Approves pending decisions (`ids`, or all of them when `None`);
    /// returns how many. They are acted on by the next pass in approval or
    /// apply mode.
    pub async fn policy_approve(&self, ids: Option<&[i64]>, by: &str) -> Result<u64, PolicyError> {
        self.policy_decide(ids, Status::Approved, by).await
    }

    /// Rejects pending decisions (`ids`, or all when `None`): they are never
    /// acted on, and the SIM can be decided on again.
    pub async fn policy_reject(&self, ids: Option<&[i64]>, by: &str) -> Result<u64, PolicyError> {
        self.policy_decide(ids, Status::Rejected, by).await
    }

    async fn policy_decide(
        &self,
        ids: Option<&[i64]>,
        to: Status,
        by: &str,
    ) -> Result<u64, PolicyError> {
        let pending: Vec<i64> = self
            .policy_decisions(&[Status::Pending])
            .await?
            .into_iter()
            .map(|d| d.id)
            .filter(|id| ids.is_none_or(|ids| ids.contains(id)))
            .collect();
        let now = iso(Utc::now());
        let mut n = 0;
        for id in pending {
            let missed = self
                .policy_tx(vec![Step {
                    sql: "UPDATE policy_decisions SET status = $1, approved_at = $2, approved_by = $3 \
                          WHERE id = $4 AND status = 'pending'",
                    params: vec![V::t(to.name()), V::t(&now), V::t(by), V::I(Some(id))],
                    must_change: true,
                }])
                .await?;
            n += u64::from(missed.is_none());
        }
        Ok(n)
    }

    /// What the policy spent in a month (`2026-12`, UTC),
    /// overall (`*`) and per group.
    pub async fn policy_spend(&self, month: &str) -> Result<Vec<Spend>, PolicyError> {
        let rows = self
            .policy_query(
                "SELECT scope, actions, amount FROM policy_budget WHERE month = $1 ORDER BY scope",
                vec![V::t(month)],
                &[K::T, K::I, K::F],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Spend {
                scope: r.first().and_then(V::text).unwrap_or_default(),
                actions: r.get(1).and_then(V::int).unwrap_or_default(),
                amount: r.get(2).and_then(V::float).unwrap_or_default(),
            })
            .collect())
    }

    /// This month's spend (UTC calendar month).
    pub async fn policy_spend_now(&self) -> Result<Vec<Spend>, PolicyError> {
        self.policy_spend(&month_of(Utc::now())).await
    }
}
