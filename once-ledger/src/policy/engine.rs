//! The decision engine: one pass over the fleet, and the one path by
//! which a decision becomes a call to 1NCE.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::{StreamExt, TryStreamExt};
use once_sdk::{Client, Iccid, Quota, SimStatus};
use serde_json::json;

use super::file::{Action, Group, Policy};
use super::forecast::Forecast;
use super::log::{Decision, Status};
use super::store::{Step, V};
use super::PolicyError;
use crate::rows::iso;
use crate::Ledger;

/// How a pass treats what it decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Decide and report; write nothing, call nothing (the default).
    DryRun,
    /// Write decisions as pending; act only on those approved (with
    /// [`Ledger::policy_approve`]).
    Approval,
    /// Act on what is decided (and on what was approved).
    Apply,
}

/// What one pass did.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct RunReport {
    /// False when another replica holds the lease: this pass did nothing.
    pub lease_held: bool,
    /// SIMs looked at.
    pub sims: u64,
    /// The decisions made in this pass (in a dry run: what would be done).
    pub decided: Vec<Decision>,
    /// Decisions that ended in this pass, with how (actions taken, and
    /// earlier unknown outcomes settled).
    pub ended: Vec<(i64, Status)>,
    /// SIMs that met their group's conditions but whose budget is used up.
    pub over_budget: u64,
    /// SIMs whose quotas could not be read (`ICCID: error`).
    pub failures: Vec<String>,
}

/// A step of [the one path](Engine) from an approved decision to a call,
/// as [`Engine::on_step`] sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActStep {
    /// The quota is read; the intent is not yet written.
    BeforeIntent,
    /// The intent (and the budget it consumes) is in the database; the
    /// call is not yet sent.
    AfterIntent,
    /// The call returned (or failed); its outcome is not yet written.
    AfterCall,
    /// The outcome is in the database (for a lost answer settled at once,
    /// see [`Engine::settle_at_once`], the settled one).
    AfterOutcome,
}

impl ActStep {
    /// `before-intent`, `after-intent`, `after-call`, `after-outcome`.
    pub fn name(self) -> &'static str {
        match self {
            Self::BeforeIntent => "before-intent",
            Self::AfterIntent => "after-intent",
            Self::AfterCall => "after-call",
            Self::AfterOutcome => "after-outcome",
        }
    }
}

/// The callback of [`Engine::on_step`].
type StepHook = Arc<dyn Fn(ActStep, usize) + Send + Sync>;

/// The name of the lease row.
const LEASE: &str = "policy";

/// Runs the policy against the fleet: see [the module](super).
pub struct Engine {
    ledger: Arc<Ledger>,
    client: Client,
    policy: Policy,
    mode: Mode,
    holder: String,
    lease: Duration,
    settle_after: Duration,
    settle_at_once: bool,
    concurrency: usize,
    on_step: Option<StepHook>,
    acted: AtomicUsize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("policy", &self.policy)
            .field("mode", &self.mode)
            .field("holder", &self.holder)
            .field("lease", &self.lease)
            .field("settle_after", &self.settle_after)
            .field("settle_at_once", &self.settle_at_once)
            .field("concurrency", &self.concurrency)
            .field("on_step", &self.on_step.as_ref().map(|_| "..."))
            .finish_non_exhaustive()
    }
}

/// A SIM's data and SMS quotas as read before an intent, to settle a lost
/// answer against.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
struct Mark {
    data: QuotaMark,
    sms: QuotaMark,
}

#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
struct QuotaMark {
    volume: Option<f64>,
    accumulated: Option<f64>,
    id: Option<i64>,
}

impl QuotaMark {
    fn of(q: &Quota) -> Self {
        Self {
            volume: q.volume,
            accumulated: q.accumulated_total_volume,
            id: q.id,
        }
    }

    /// Whether `now` shows a top-up since this mark: the accumulated volume
    /// rose, a new quota replaced this one, or the volume left rose.
    fn raised_in(&self, now: &Quota) -> bool {
        let more = |b: Option<f64>, a: Option<f64>| matches!((b, a), (Some(b), Some(a)) if a > b);
        more(self.accumulated, now.accumulated_total_volume)
            || matches!((self.id, now.id), (Some(b), Some(a)) if a != b)
            || more(self.volume, now.volume)
    }
}

/// How a call went.
enum Called {
    Applied(String),
    Refused(String),
    Unknown(String),
}

impl Engine {
    /// An engine for `policy`, in [`Mode::DryRun`] until told otherwise.
    pub fn new(ledger: Arc<Ledger>, client: Client, policy: Policy) -> Self {
        Self {
            ledger,
            client,
            policy,
            mode: Mode::DryRun,
            holder: default_holder(),
            lease: Duration::from_secs(120),
            settle_after: Duration::from_secs(300),
            settle_at_once: false,
            concurrency: 8,
            on_step: None,
            acted: AtomicUsize::new(0),
        }
    }

    /// Dry run, approval or apply.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// This replica's name in the lease and the log, unique among the
    /// replicas (default: host, process id and start time).
    pub fn holder(mut self, holder: impl Into<String>) -> Self {
        self.holder = holder.into();
        self
    }

    /// How long the lease lasts without renewal (default 2 minutes): a
    /// replica that died holding it blocks the others this long. Every
    /// intent renews it, if no other replica has taken it meanwhile (it
    /// may once it expired); a pass whose lease was taken stops acting
    /// ([`PolicyError::LeaseLost`]).
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// How long after a lost answer (or an intent a crash left) its SIM's
    /// quota is read to settle it (default 5 minutes): a request that timed
    /// out may still be applied by 1NCE after the client gave up, so the
    /// quota is read once that has had time to happen. Until then the
    /// decision stays open and keeps its budget.
    pub fn settle_after(mut self, d: Duration) -> Self {
        self.settle_after = d;
        self
    }

    /// SIMs whose quotas are read at once (default 8; the SDK paces calls
    /// at 1NCE's limits).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Settles a lost answer in the pass that lost it, by reading the
    /// quota right after the failed call (default: no, a later pass does,
    /// see [`settle_after`](Self::settle_after)). For one-shot runs with no
    /// later pass to wait for, such as the quota-watchdog example; a
    /// top-up that 1NCE applies after the quota was read is then taken as
    /// not applied, and its SIM decided afresh from its quota by the next
    /// run (a top-up that raised the quota makes it no longer due).
    pub fn settle_at_once(mut self, yes: bool) -> Self {
        self.settle_at_once = yes;
        self
    }

    /// Calls `hook` at each [`ActStep`] of every action this engine takes,
    /// with the action's number (from 1, counted over the engine's life).
    /// For observers and crash tests (the quota-watchdog example pauses
    /// there to be killed); the hook runs on the pass's task, so what it
    /// blocks, the pass waits for.
    pub fn on_step(mut self, hook: impl Fn(ActStep, usize) + Send + Sync + 'static) -> Self {
        self.on_step = Some(Arc::new(hook));
        self
    }

    fn step(&self, step: ActStep, nth: usize) {
        if let Some(hook) = &self.on_step {
            hook(step, nth);
        }
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// One pass: take the lease (not in a dry run), settle outcomes left
    /// unknown, act on approved decisions, then decide afresh for every
    /// SIM without an open decision.
    pub async fn run(&self) -> Result<RunReport, PolicyError> {
        let mut report = RunReport::default();
        if self.mode != Mode::DryRun && !self.take_lease().await? {
            return Ok(report);
        }
        report.lease_held = true;
        let result = self.pass(&mut report).await;
        if self.mode != Mode::DryRun {
            // Let another replica take over at once; if this fails, the
            // lease runs out by itself.
            let _ = self
                .ledger
                .policy_tx(vec![Step {
                    sql: "DELETE FROM policy_lease WHERE name = $1 AND holder = $2",
                    params: vec![V::t(LEASE), V::t(&self.holder)],
                    must_change: false,
                }])
                .await;
        }
        result.map(|()| report)
    }

    async fn pass(&self, report: &mut RunReport) -> Result<(), PolicyError> {
        if self.mode != Mode::DryRun {
            let due = iso(shift(Utc::now(), self.settle_after, false));
            for d in self
                .ledger
                .policy_decisions(&[Status::Intent, Status::Unknown])
                .await?
            {
                let since = d
                    .outcome_at
                    .as_deref()
                    .or(d.intent_at.as_deref())
                    .unwrap_or_default();
                if since > due.as_str() {
                    continue;
                }
                if let Some(s) = self.settle(&d).await? {
                    report.ended.push((d.id, s));
                }
            }
            for d in self.ledger.policy_decisions(&[Status::Approved]).await? {
                if let Some(s) = self.act(&d).await? {
                    report.ended.push((d.id, s));
                }
            }
        }
        let open: HashSet<String> = self
            .ledger
            .policy_decisions(&[
                Status::Pending,
                Status::Approved,
                Status::Intent,
                Status::Unknown,
            ])
            .await?
            .into_iter()
            .map(|d| d.iccid)
            .collect();
        let now = Utc::now();
        let window = chrono::Duration::milliseconds(
            (self.policy.forecast.window_days * 86_400_000.0) as i64,
        );
        let usage = self.ledger.usage_windows(now - window, now).await?;
        let sims: Vec<_> = self
            .client
            .sims()
            .list()
            .page_size(100)
            .stream()
            .try_collect()
            .await
            .map_err(|e| PolicyError::Api(format!("listing the SIMs: {e}")))?;
        report.sims = sims.len() as u64;
        let mut seen = HashSet::new();
        let groups = &self.policy.groups;
        let wanted: Vec<(Iccid, usize)> = sims
            .into_iter()
            .filter(|s| s.status != Some(SimStatus::Disabled))
            .filter(|s| !open.contains(s.iccid.as_str()))
            .filter_map(|s| {
                let g = groups
                    .iter()
                    .position(|g| g.members.contains(s.iccid.as_str(), s.label.as_deref()))?;
                seen.insert(s.iccid.to_string()).then_some((s.iccid, g))
            })
            .collect();
        let client = &self.client;
        let read: Vec<_> = futures::stream::iter(wanted)
            .map(|(iccid, g)| async move {
                let q = quotas(client, &iccid).await;
                (iccid, g, q)
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        let mut found = Vec::new();
        for (iccid, g, q) in read {
            let group = &groups[g];
            let (data, sms) = match q {
                Ok(q) => q,
                Err(e) => {
                    report.failures.push(format!("{iccid}: {e}"));
                    continue;
                }
            };
            let forecast = Forecast::of(
                &usage.get(iccid.as_str()).copied().unwrap_or_default(),
                now,
                &self.policy.forecast,
            );
            if let Some((reason, seen)) = evaluate(group, &data, &sms, &forecast, now) {
                found.push((iccid, group, reason, seen));
            }
        }
        found.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        for (iccid, group, reason, seen) in found {
            if self.budget_full(group, now).await? {
                report.over_budget += 1;
                continue;
            }
            let status = match self.mode {
                Mode::DryRun => Status::DryRun,
                Mode::Approval => Status::Pending,
                Mode::Apply => Status::Approved,
            };
            let mut d = Decision {
                id: 0,
                created_at: iso(now),
                group: group.name.clone(),
                iccid: iccid.to_string(),
                action: group.action.name().to_string(),
                status,
                reason,
                seen,
                amount: group.price,
                month: None,
                approved_at: (status == Status::Approved).then(|| iso(now)),
                approved_by: (status == Status::Approved)
                    .then(|| format!("{} (--apply)", self.holder)),
                intent_at: None,
                holder: None,
                mark: None,
                outcome_at: None,
                outcome: None,
            };
            if self.mode != Mode::DryRun {
                match self.ledger.policy_insert(&d).await? {
                    Some(id) => d.id = id,
                    None => continue, // another decision for this SIM is open
                }
            }
            report.decided.push(d.clone());
            if self.mode == Mode::Apply {
                if let Some(s) = self.act(&d).await? {
                    report.ended.push((d.id, s));
                }
            }
        }
        Ok(())
    }

    /// Whether the group's or the overall budget for this month has no room
    /// for one more action (checked again, transactionally, at the intent).
    async fn budget_full(&self, group: &Group, now: DateTime<Utc>) -> Result<bool, PolicyError> {
        let spend = self.ledger.policy_spend(&month_of(now)).await?;
        let price = group.price.unwrap_or(0.0);
        let full = |scope: &str, b: &super::Budget| {
            let s = spend.iter().find(|s| s.scope == scope);
            let (n, a) = s.map_or((0, 0.0), |s| (s.actions, s.amount));
            b.max_actions.is_some_and(|m| n + 1 > m) || b.max_amount.is_some_and(|m| a + price > m)
        };
        Ok(full("*", &self.policy.budget) || full(&format!("group:{}", group.name), &group.budget))
    }

    async fn take_lease(&self) -> Result<bool, PolicyError> {
        let now = Utc::now();
        let until = shift(now, self.lease, true);
        let refused = self
            .ledger
            .policy_tx(vec![Step {
                sql: "INSERT INTO policy_lease (name, holder, expires_at) VALUES ($1, $2, $3) \
                      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, \
                      expires_at = excluded.expires_at \
                      WHERE policy_lease.holder = excluded.holder OR policy_lease.expires_at <= $4",
                params: vec![
                    V::t(LEASE),
                    V::t(&self.holder),
                    V::t(iso(until)),
                    V::t(iso(now)),
                ],
                must_change: true,
            }])
            .await?;
        Ok(refused.is_none())
    }

    /// The one path from an approved decision to a call: the quota is read
    /// (to settle a lost answer against), the budget consumed and the
    /// intent written in one transaction that also checks this replica
    /// still holds the lease; then the call; then its outcome.
    async fn act(&self, d: &Decision) -> Result<Option<Status>, PolicyError> {
        let Some(group) = self.policy.groups.iter().find(|g| g.name == d.group) else {
            return Ok(None); // a group no longer in the policy: left as it is
        };
        let Ok(iccid) = d.iccid.parse::<Iccid>() else {
            return Ok(None);
        };
        let Some(action) = Action::from_name(&d.action) else {
            return Ok(None);
        };
        let mark = match quotas(&self.client, &iccid).await {
            Ok((data, sms)) => Mark {
                data: QuotaMark::of(&data),
                sms: QuotaMark::of(&sms),
            },
            // Not read: no intent, nothing sent; the next pass tries again.
            Err(_) => return Ok(None),
        };
        let now = Utc::now();
        let month = month_of(now);
        let until = shift(now, self.lease, true);
        let amount = group.price.unwrap_or(0.0);
        let scope = format!("group:{}", group.name);
        let budget_step = |scope: &str, b: &super::Budget| {
            Step {
            sql: "UPDATE policy_budget SET actions = actions + 1, amount = amount + $1 \
                  WHERE month = $2 AND scope = $3 \
                  AND (CAST($4 AS BIGINT) IS NULL OR actions + 1 <= CAST($4 AS BIGINT)) \
                  AND (CAST($5 AS DOUBLE PRECISION) IS NULL OR amount + $1 <= CAST($5 AS DOUBLE PRECISION))",
            params: vec![
                V::F(Some(amount)),
                V::t(&month),
                V::t(scope),
                V::I(b.max_actions),
                V::F(b.max_amount),
            ],
            must_change: true,
        }
        };
        let mark_text = serde_json::to_string(&mark).unwrap_or_default();
        let mark_param = mark_text.clone();
        let nth = self.acted.fetch_add(1, Ordering::SeqCst) + 1;
        self.step(ActStep::BeforeIntent, nth);
        let steps = vec![
            // Still ours (another replica takes an expired lease by
            // writing its name): renewed, or nothing of this is written.
            Step {
                sql: "UPDATE policy_lease SET expires_at = $1 WHERE name = $2 AND holder = $3",
                params: vec![V::t(iso(until)), V::t(LEASE), V::t(&self.holder)],
                must_change: true,
            },
            Step {
                sql: "INSERT INTO policy_budget (month, scope) VALUES ($1, $2), ($1, $3) \
                      ON CONFLICT DO NOTHING",
                params: vec![V::t(&month), V::t("*"), V::t(&scope)],
                must_change: false,
            },
            budget_step("*", &self.policy.budget),
            budget_step(&scope, &group.budget),
            Step {
                sql: "UPDATE policy_decisions SET status = 'intent', month = $1, intent_at = $2, \
                      holder = $3, mark = $4 WHERE id = $5 AND status = 'approved'",
                params: vec![
                    V::t(&month),
                    V::t(iso(now)),
                    V::t(&self.holder),
                    V::t(mark_param),
                    V::I(Some(d.id)),
                ],
                must_change: true,
            },
        ];
        match self.ledger.policy_tx(steps).await? {
            None => {}
            Some(0) => return Err(PolicyError::LeaseLost(self.holder.clone())),
            Some(2 | 3) => {
                self.end(
                    d.id,
                    Status::Approved,
                    Status::OverBudget,
                    "the month's budget is used up",
                    None,
                )
                .await?;
                return Ok(Some(Status::OverBudget));
            }
            // Taken by someone else (it is no longer approved): not ours.
            Some(_) => return Ok(None),
        }
        self.step(ActStep::AfterIntent, nth);
        let called = match action {
            Action::TopUp => match self.client.sims().top_up(&iccid).send().await {
                Ok(order) => Called::Applied(
                    order
                        .order_number()
                        .map_or("applied (no order number)".to_string(), |n| {
                            format!("applied: order {n}")
                        }),
                ),
                Err(e) if refused(&e) => Called::Refused(e.to_string()),
                Err(e) => Called::Unknown(e.to_string()),
            },
            Action::AutoTopUpOn | Action::AutoTopUpOff => {
                let on = action == Action::AutoTopUpOn;
                match self
                    .client
                    .sims()
                    .auto_top_up(std::slice::from_ref(&iccid), on)
                    .send()
                    .await
                {
                    Ok(()) => Called::Applied(format!(
                        "auto top-up switched {}",
                        if on { "on" } else { "off" }
                    )),
                    Err(e) if refused(&e) => Called::Refused(e.to_string()),
                    Err(e) => Called::Unknown(e.to_string()),
                }
            }
        };
        self.step(ActStep::AfterCall, nth);
        let refund = Some((month.as_str(), scope.as_str(), amount));
        let ended = match called {
            Called::Applied(what) => {
                self.end(d.id, Status::Intent, Status::Applied, &what, None)
                    .await?;
                Some(Status::Applied)
            }
            Called::Refused(why) => {
                self.end(
                    d.id,
                    Status::Intent,
                    Status::Refused,
                    &format!("1NCE refused it: {why}"),
                    refund,
                )
                .await?;
                Some(Status::Refused)
            }
            Called::Unknown(why) => {
                // Written down; settled by reading the quota (by a later
                // pass, or at once: see `settle_at_once`), never by sending
                // again.
                let outcome = format!("outcome unknown: {why}");
                self.end(d.id, Status::Intent, Status::Unknown, &outcome, None)
                    .await?;
                if self.settle_at_once {
                    let unknown = Decision {
                        status: Status::Unknown,
                        month: Some(month.clone()),
                        mark: Some(mark_text),
                        amount: Some(amount),
                        outcome: Some(outcome),
                        ..d.clone()
                    };
                    self.settle(&unknown).await?.or(Some(Status::Unknown))
                } else {
                    Some(Status::Unknown)
                }
            }
        };
        self.step(ActStep::AfterOutcome, nth);
        Ok(ended)
    }

    /// Settles an intent left without an outcome (a crash) or with an
    /// unknown one: the quota is read again and compared with the mark
    /// taken before the call. Nothing is sent again.
    async fn settle(&self, d: &Decision) -> Result<Option<Status>, PolicyError> {
        let month = d.month.clone().unwrap_or_default();
        let scope = format!("group:{}", d.group);
        let refund = Some((month.as_str(), scope.as_str(), d.amount.unwrap_or(0.0)));
        let action = Action::from_name(&d.action);
        let mark = d
            .mark
            .as_deref()
            .and_then(|m| serde_json::from_str::<Mark>(m).ok());
        let (Some(mark), Ok(iccid), Some(Action::TopUp)) = (mark, d.iccid.parse::<Iccid>(), action)
        else {
            // A flag switch cannot be read back; switching it is
            // idempotent and buys nothing, so the decision ends as failed
            // and the next pass decides again.
            self.end(
                d.id,
                d.status,
                Status::Failed,
                "the outcome of a switch is unknown; decided again next pass",
                refund,
            )
            .await?;
            return Ok(Some(Status::Failed));
        };
        let Ok((data, sms)) = quotas(&self.client, &iccid).await else {
            if d.status == Status::Intent {
                self.end(
                    d.id,
                    Status::Intent,
                    Status::Unknown,
                    "no outcome recorded; the quota could not be read",
                    None,
                )
                .await?;
            }
            return Ok(None);
        };
        if mark.data.raised_in(&data) || mark.sms.raised_in(&sms) {
            self.end(
                d.id,
                d.status,
                Status::ConfirmedApplied,
                "settled by reading the quota: it went up",
                None,
            )
            .await?;
            Ok(Some(Status::ConfirmedApplied))
        } else {
            self.end(
                d.id,
                d.status,
                Status::NotApplied,
                "settled by reading the quota: it did not go up",
                refund,
            )
            .await?;
            Ok(Some(Status::NotApplied))
        }
    }

    /// Moves a decision from `from` to `to` with its outcome; a refund
    /// gives the budget back (the money was not spent).
    async fn end(
        &self,
        id: i64,
        from: Status,
        to: Status,
        outcome: &str,
        refund: Option<(&str, &str, f64)>,
    ) -> Result<(), PolicyError> {
        let mut steps = vec![Step {
            sql: "UPDATE policy_decisions SET status = $1, outcome = $2, outcome_at = $3 \
                  WHERE id = $4 AND status = $5",
            params: vec![
                V::t(to.name()),
                V::t(outcome),
                V::t(iso(Utc::now())),
                V::I(Some(id)),
                V::t(from.name()),
            ],
            must_change: true,
        }];
        if let Some((month, scope, amount)) = refund.filter(|_| from != Status::Approved) {
            steps.push(Step {
                sql: "UPDATE policy_budget SET actions = actions - 1, amount = amount - $1 \
                      WHERE month = $2 AND scope IN ('*', $3)",
                params: vec![V::F(Some(amount)), V::t(month), V::t(scope)],
                must_change: false,
            });
        }
        self.ledger.policy_tx(steps).await?;
        Ok(())
    }
}

/// `t` moved by `d`, later or earlier, saturating.
fn shift(t: DateTime<Utc>, d: Duration, later: bool) -> DateTime<Utc> {
    let d = chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
    let moved = if later {
        t.checked_add_signed(d)
    } else {
        t.checked_sub_signed(d)
    };
    moved.unwrap_or(if later {
        DateTime::<Utc>::MAX_UTC
    } else {
        DateTime::<Utc>::MIN_UTC
    })
}

/// `2026-12`: the budget's calendar month (UTC).
pub(crate) fn month_of(t: DateTime<Utc>) -> String {
    t.format("%Y-%m").to_string()
}

/// Host, process and start time: unique per replica, also where
/// containers share a host name and a process id.
fn default_holder() -> String {
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{}-{started:x}", hostname(), std::process::id())
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "once-ledger".into())
}

async fn quotas(client: &Client, iccid: &Iccid) -> Result<(Quota, Quota), once_sdk::Error> {
    let sims = client.sims();
    tokio::try_join!(sims.data_quota(iccid), sims.sms_quota(iccid))
}

/// Errors that prove nothing was applied: 1NCE answered 4xx, or the call
/// was refused before it was sent.
fn refused(e: &once_sdk::Error) -> bool {
    !e.is_outcome_unknown()
        && (e.validation().is_some() || e.status().is_some_and(|s| (400..500).contains(&s)))
}

/// Whether a SIM meets its group's conditions: the reason in words and the
/// numbers seen (for the log), or `None`.
fn evaluate(
    group: &Group,
    data: &Quota,
    sms: &Quota,
    forecast: &Forecast,
    now: DateTime<Utc>,
) -> Option<(String, serde_json::Value)> {
    let w = &group.when;
    let mut why = Vec::new();
    let data_left = data.volume;
    if let (Some(min), Some(left)) = (w.data_below_mb, data_left) {
        if left < min {
            why.push(format!("data {left:.1} MB left, below {min} MB"));
        }
    }
    if let (Some(min), Some(left)) = (w.sms_below, sms.volume) {
        if left < min {
            why.push(format!("{left:.0} SMS left, below {min}"));
        }
    }
    if let Some(days) = w.expires_within_days {
        for (what, q) in [("data", data), ("SMS", sms)] {
            if let Some(at) = q.expiry_date.map(|t| t.0) {
                let left = (at - now).num_seconds() as f64 / 86_400.0;
                if left <= days {
                    why.push(format!(
                        "{what} quota expires {} ({left:.1} days, within {days})",
                        at.date_naive()
                    ));
                }
            }
        }
    }
    let days_left = data_left.and_then(|l| forecast.days_left(l));
    if let (Some(horizon), Some(days)) = (w.runs_out_within_days, days_left) {
        if days <= horizon {
            let rate = match forecast {
                Forecast::Rate { mb_per_day, .. } => *mb_per_day,
                _ => 0.0,
            };
            why.push(format!(
                "data runs out in {days:.1} days at {rate:.1} MB/day, within {horizon} days"
            ));
        }
    }
    if why.is_empty() {
        return None;
    }
    let seen = json!({
        "data_left_mb": data_left,
        "sms_left": sms.volume,
        "data_expires": data.expiry_date.map(|t| t.0.to_rfc3339()),
        "sms_expires": sms.expiry_date.map(|t| t.0.to_rfc3339()),
        "forecast": forecast,
        "days_left": days_left,
        "rule": format!("group {:?} (line {}): {}", group.name, group.line, rule_text(group)),
    });
    Some((why.join("; "), seen))
}

fn rule_text(g: &Group) -> String {
    let w = &g.when;
    let parts: Vec<String> = [
        ("data_below_mb", w.data_below_mb),
        ("sms_below", w.sms_below),
        ("expires_within_days", w.expires_within_days),
        ("runs_out_within_days", w.runs_out_within_days),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| format!("{k} = {v}")))
    .collect();
    format!("{} when {}", g.action.name(), parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn quota(v: serde_json::Value) -> Quota {
        serde_json::from_value(v).expect("a quota")
    }

    fn group(when: &str) -> Group {
        let text = format!(
            "[[group]]\nname = \"g\"\nall = true\naction = \"top-up\"\nwhen = {{ {when} }}\n"
        );
        Policy::parse(&text).expect("valid").groups.remove(0)
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 10, 0, 0, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn each_condition_gives_its_reason_and_none_gives_none() {
        let data = quota(json!({"volume": 80.0, "expiry_date": "2026-12-30T00:00:00Z"}));
        let sms = quota(json!({"volume": 4, "expiry_date": "2026-12-13T00:00:00Z"}));
        let idle = Forecast::Idle;
        let why = |when: &str| evaluate(&group(when), &data, &sms, &idle, now()).map(|(w, _)| w);
        assert_eq!(why("data_below_mb = 50"), None);
        assert_eq!(
            why("data_below_mb = 100").as_deref(),
            Some("data 80.0 MB left, below 100 MB")
        );
        assert_eq!(why("sms_below = 4"), None);
        assert_eq!(why("sms_below = 5").as_deref(), Some("4 SMS left, below 5"));
        assert_eq!(why("expires_within_days = 2"), None);
        assert_eq!(
            why("expires_within_days = 3").as_deref(),
            Some("SMS quota expires 2026-12-13 (3.0 days, within 3)")
        );
        assert_eq!(
            why("expires_within_days = 20, sms_below = 5").as_deref(),
            Some("4 SMS left, below 5; data quota expires 2026-12-30 (20.0 days, within 20); SMS quota expires 2026-12-13 (3.0 days, within 20)")
        );
        // No rate: the forecast condition is never met.
        assert_eq!(why("runs_out_within_days = 100"), None);
        let fast = Forecast::Rate {
            mb_per_day: 40.0,
            hours: 48.0,
        };
        let with = |f: &Forecast, when: &str| evaluate(&group(when), &data, &sms, f, now());
        assert!(with(&fast, "runs_out_within_days = 1.9").is_none());
        let (why, seen) = with(&fast, "runs_out_within_days = 2").expect("due");
        assert_eq!(
            why,
            "data runs out in 2.0 days at 40.0 MB/day, within 2 days"
        );
        assert_eq!(seen["days_left"], json!(2.0));
        assert_eq!(seen["sms_left"], json!(4.0));
        assert_eq!(
            seen["forecast"],
            json!({"kind": "rate", "mb_per_day": 40.0, "hours": 48.0})
        );
    }

    #[test]
    fn a_top_up_shows_in_the_quota_by_any_of_three_signs() {
        let mark = QuotaMark::of(&quota(
            json!({"id": 7, "volume": 5.0, "accumulated_total_volume": 500.0}),
        ));
        let same = quota(json!({"id": 7, "volume": 4.0, "accumulated_total_volume": 500.0}));
        assert!(!mark.raised_in(&same), "used a little more: not applied");
        for after in [
            json!({"id": 7, "volume": 4.0, "accumulated_total_volume": 1000.0}),
            json!({"id": 8, "volume": 4.0, "accumulated_total_volume": 500.0}),
            json!({"id": 7, "volume": 505.0}),
        ] {
            assert!(mark.raised_in(&quota(after.clone())), "{after}");
        }
    }
}
