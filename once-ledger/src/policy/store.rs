//! The policy's rows in either database. The policy tables keep times as
//! ISO 8601 text in both, so each statement is written once (`$1`, `$2`
//! ... as PostgreSQL numbers its parameters; SQLite reads them as `?1`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::forecast::UsageWindow;
use crate::rows::iso;
use crate::{Backend, Ledger, LedgerError};

/// A parameter or a column value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum V {
    I(Option<i64>),
    F(Option<f64>),
    T(Option<String>),
}

impl V {
    pub fn t(s: impl Into<String>) -> Self {
        Self::T(Some(s.into()))
    }
    pub fn text(&self) -> Option<String> {
        match self {
            Self::T(t) => t.clone(),
            _ => None,
        }
    }
    pub fn int(&self) -> Option<i64> {
        match self {
            Self::I(i) => *i,
            _ => None,
        }
    }
    pub fn float(&self) -> Option<f64> {
        match self {
            Self::F(f) => *f,
            _ => None,
        }
    }
}

/// A column's type, to read it.
#[derive(Clone, Copy)]
pub(crate) enum K {
    I,
    F,
    T,
}

/// One statement of a transaction; `must_change`: if it changes no row,
/// the whole transaction is rolled back.
pub(crate) struct Step {
    pub sql: &'static str,
    pub params: Vec<V>,
    pub must_change: bool,
}

/// `$1` as SQLite's `?1`.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

fn pg(e: impl std::fmt::Display) -> LedgerError {
    LedgerError::Database(e.to_string())
}

fn lite(e: rusqlite::Error) -> LedgerError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            LedgerError::Unavailable(e.to_string())
        }
        e => LedgerError::Database(e.to_string()),
    }
}

fn pg_params(params: &[V]) -> Vec<&(dyn tokio_postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|v| match v {
            V::I(i) => i as &(dyn tokio_postgres::types::ToSql + Sync),
            V::F(f) => f as _,
            V::T(t) => t as _,
        })
        .collect()
}

fn lite_params(params: &[V]) -> Vec<&dyn rusqlite::ToSql> {
    params
        .iter()
        .map(|v| match v {
            V::I(i) => i as &dyn rusqlite::ToSql,
            V::F(f) => f as _,
            V::T(t) => t as _,
        })
        .collect()
}

impl Ledger {
    /// Runs the steps in one transaction. `Ok(None)`: committed;
    /// `Ok(Some(i))`: step `i` changed nothing and everything was rolled back.
    pub(crate) async fn policy_tx(&self, steps: Vec<Step>) -> Result<Option<usize>, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => {
                let mut client = p.client().await?;
                let tx = client.transaction().await.map_err(pg)?;
                for (i, s) in steps.iter().enumerate() {
                    let n = tx.execute(s.sql, &pg_params(&s.params)).await.map_err(pg)?;
                    if s.must_change && n == 0 {
                        tx.rollback().await.map_err(pg)?;
                        return Ok(Some(i));
                    }
                }
                tx.commit().await.map_err(pg)?;
                Ok(None)
            }
            Backend::Sqlite(s) => {
                s.with(move |conn| {
                    let tx = conn
                        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                        .map_err(lite)?;
                    for (i, s) in steps.iter().enumerate() {
                        let n = tx
                            .execute(&sqlite_sql(s.sql), lite_params(&s.params).as_slice())
                            .map_err(lite)?;
                        if s.must_change && n == 0 {
                            tx.rollback().map_err(lite)?;
                            return Ok(Some(i));
                        }
                    }
                    tx.commit().map_err(lite)?;
                    Ok(None)
                })
                .await
            }
        }
    }

    /// Rows of a query, each column read as `kinds` says.
    pub(crate) async fn policy_query(
        &self,
        sql: &'static str,
        params: Vec<V>,
        kinds: &'static [K],
    ) -> Result<Vec<Vec<V>>, LedgerError> {
        match &self.backend {
            Backend::Postgres(p) => {
                let client = p.client().await?;
                let rows = client.query(sql, &pg_params(&params)).await.map_err(pg)?;
                rows.iter()
                    .map(|r| {
                        kinds
                            .iter()
                            .enumerate()
                            .map(|(i, k)| {
                                Ok(match k {
                                    K::I => V::I(r.try_get(i).map_err(pg)?),
                                    K::F => V::F(r.try_get(i).map_err(pg)?),
                                    K::T => V::T(r.try_get(i).map_err(pg)?),
                                })
                            })
                            .collect()
                    })
                    .collect()
            }
            Backend::Sqlite(s) => {
                s.with(move |conn| {
                    let mut stmt = conn.prepare_cached(&sqlite_sql(sql)).map_err(lite)?;
                    let rows = stmt
                        .query_map(lite_params(&params).as_slice(), |r| {
                            kinds
                                .iter()
                                .enumerate()
                                .map(|(i, k)| {
                                    Ok(match k {
                                        K::I => V::I(r.get(i)?),
                                        K::F => V::F(r.get(i)?),
                                        K::T => V::T(r.get(i)?),
                                    })
                                })
                                .collect()
                        })
                        .map_err(lite)?;
                    rows.collect::<Result<Vec<_>, _>>().map_err(lite)
                })
                .await
            }
        }
    }

    /// Each SIM's data usage in `[from, to)`: its first record's start and
    /// the volume.
    pub(crate) async fn usage_windows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<HashMap<String, UsageWindow>, LedgerError> {
        let mut out = HashMap::new();
        match &self.backend {
            Backend::Postgres(p) => {
                let client = p.client().await?;
                let rows = client
                    .query(
                        "SELECT iccid, min(coalesce(start_at, end_at)), coalesce(sum(total_mib), 0) \
                         FROM usage WHERE traffic_type = 'data' AND iccid IS NOT NULL \
                         AND end_at >= $1 AND end_at < $2 GROUP BY iccid",
                        &[&from, &to],
                    )
                    .await
                    .map_err(pg)?;
                for r in rows {
                    let iccid: String = r.try_get(0).map_err(pg)?;
                    out.insert(
                        iccid,
                        UsageWindow {
                            first_at: r.try_get(1).map_err(pg)?,
                            total_mb: r.try_get(2).map_err(pg)?,
                        },
                    );
                }
            }
            Backend::Sqlite(s) => {
                let (from, to) = (iso(from), iso(to));
                let rows = s
                    .with(move |conn| {
                        let mut stmt = conn
                            .prepare_cached(
                                "SELECT iccid, min(coalesce(start_at, end_at)), coalesce(sum(total_mib), 0) \
                                 FROM usage WHERE traffic_type = 'data' AND iccid IS NOT NULL \
                                 AND end_at >= ?1 AND end_at < ?2 GROUP BY iccid",
                            )
                            .map_err(lite)?;
                        let rows = stmt
                            .query_map([from, to], |r| {
                                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, f64>(2)?))
                            })
                            .map_err(lite)?;
                        rows.collect::<Result<Vec<_>, _>>().map_err(lite)
                    })
                    .await?;
                for (iccid, first, total) in rows {
                    let first_at = first
                        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                        .map(|t| t.with_timezone(&Utc));
                    out.insert(
                        iccid,
                        UsageWindow {
                            first_at,
                            total_mb: total,
                        },
                    );
                }
            }
        }
        Ok(out)
    }
}
