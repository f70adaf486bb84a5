//! The SQLite side: one connection (WAL) on a blocking thread, one
//! transaction per ingest.

use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use crate::query::{usage_sql, Granularity, Group, UsageQuery, UsageTotal};
use crate::rows::{iso, IngestOutcome, Rows};
use crate::schema::{MIGRATIONS, SCHEMA_VERSION, SQLITE_MIGRATIONS_TABLE};
use crate::LedgerError;

pub(crate) struct Sqlite {
    conn: Arc<Mutex<Connection>>,
}

fn db(e: rusqlite::Error) -> LedgerError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::SystemIoFailure
            ) =>
        {
            LedgerError::Unavailable(e.to_string())
        }
        e => LedgerError::Database(e.to_string()),
    }
}

fn parse_time(s: Option<String>) -> Option<DateTime<Utc>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

impl Sqlite {
    pub fn open(path: &Path) -> Result<Self, LedgerError> {
        let conn = Connection::open(path).map_err(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(db)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(db)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    pub(crate) async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, LedgerError> + Send + 'static,
    ) -> Result<T, LedgerError> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| LedgerError::Database(format!("database task failed: {e}")))?
    }

    pub async fn ping(&self) -> Result<(), LedgerError> {
        self.with(|conn| conn.query_row("SELECT 1", [], |_| Ok(())).map_err(db))
            .await
    }

    pub async fn migrate(&self) -> Result<i64, LedgerError> {
        self.with(|conn| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            tx.execute_batch(SQLITE_MIGRATIONS_TABLE).map_err(db)?;
            let applied: i64 = tx
                .query_row(
                    "SELECT coalesce(max(version), 0) FROM ledger_migrations",
                    [],
                    |r| r.get(0),
                )
                .map_err(db)?;
            if applied > SCHEMA_VERSION {
                return Err(LedgerError::SchemaTooNew {
                    database: applied,
                    code: SCHEMA_VERSION,
                });
            }
            for m in MIGRATIONS.iter().filter(|m| m.version > applied) {
                tx.execute_batch(m.sqlite).map_err(db)?;
                tx.execute(
                    "INSERT INTO ledger_migrations (version, description) VALUES (?1, ?2)",
                    params![m.version, m.description],
                )
                .map_err(db)?;
            }
            tx.commit().map_err(db)?;
            Ok(SCHEMA_VERSION)
        })
        .await
    }

    pub async fn ingest(
        &self,
        rows: Rows,
        received_at: DateTime<Utc>,
    ) -> Result<IngestOutcome, LedgerError> {
        self.with(move |conn| {
            let at = iso(received_at);
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            let mut inserted = 0u64;
            {
                let mut usage = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO usage (id, iccid, start_at, end_at, traffic_type, \
                         rx_mib, tx_mib, total_mib, operator, mcc, mnc, country, rat, session_id, \
                         quota_id, cost, currency, raw, received_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
                         ?16, ?17, ?18, ?19)",
                    )
                    .map_err(db)?;
                let mut daily = tx
                    .prepare_cached(
                        "INSERT INTO usage_daily (day, country, operator, rat, \
                         traffic_type, total_mib, rx_mib, tx_mib, records) \
                         VALUES (substr(?1, 1, 10), ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1) \
                         ON CONFLICT (day, country, operator, rat, traffic_type) \
                         DO UPDATE SET total_mib = total_mib + excluded.total_mib, \
                         rx_mib = rx_mib + excluded.rx_mib, tx_mib = tx_mib + excluded.tx_mib, \
                         records = records + 1",
                    )
                    .map_err(db)?;
                for r in &rows.usage {
                    let new = usage
                        .execute(params![
                            r.id,
                            r.iccid,
                            r.start_at.map(iso),
                            iso(r.end_at),
                            r.traffic_type,
                            r.rx_mib,
                            r.tx_mib,
                            r.total_mib,
                            r.operator,
                            r.mcc,
                            r.mnc,
                            r.country,
                            r.rat,
                            r.session_id,
                            r.quota_id,
                            r.cost,
                            r.currency,
                            r.raw,
                            at
                        ])
                        .map_err(db)? as u64;
                    if new > 0 {
                        // Only a row that is new adds to the daily rollup.
                        let key = |v: &Option<String>| v.clone().unwrap_or_default();
                        daily
                            .execute(params![
                                iso(r.end_at),
                                key(&r.country),
                                key(&r.operator),
                                key(&r.rat),
                                r.traffic_type,
                                r.total_mib.unwrap_or(0.0),
                                r.rx_mib.unwrap_or(0.0),
                                r.tx_mib.unwrap_or(0.0)
                            ])
                            .map_err(db)?;
                    }
                    inserted += new;
                }
                let mut events = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO events (id, iccid, at, event_type, \
                         event_type_description, severity, severity_id, severity_ambiguous, \
                         source, alert, description, detail, raw, received_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                    )
                    .map_err(db)?;
                for r in &rows.events {
                    inserted += events
                        .execute(params![
                            r.id,
                            r.iccid,
                            iso(r.at),
                            r.event_type,
                            r.event_type_description,
                            r.severity,
                            r.severity_id,
                            r.severity_ambiguous,
                            r.source,
                            r.alert,
                            r.description,
                            r.detail,
                            r.raw,
                            at
                        ])
                        .map_err(db)? as u64;
                }
                let mut sms = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO sms_records (kind, id, iccid, at, status, sms_id, \
                         payload, source_address, raw, received_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    )
                    .map_err(db)?;
                for r in &rows.sms {
                    inserted += sms
                        .execute(params![
                            r.kind,
                            r.id,
                            r.iccid,
                            iso(r.at),
                            r.status,
                            r.sms_id,
                            r.payload,
                            r.source_address,
                            r.raw,
                            at
                        ])
                        .map_err(db)? as u64;
                }
                let mut rejected = tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO rejected (key, reason, raw, received_at) \
                         VALUES (?1, ?2, ?3, ?4)",
                    )
                    .map_err(db)?;
                for r in &rows.rejected {
                    inserted += rejected
                        .execute(params![r.key, r.reason, r.raw, at])
                        .map_err(db)? as u64;
                }
            }
            tx.commit().map_err(db)?;
            Ok(IngestOutcome {
                inserted,
                duplicates: rows.len().saturating_sub(inserted),
            })
        })
        .await
    }

    pub async fn usage_report(&self, q: &UsageQuery) -> Result<Vec<UsageTotal>, LedgerError> {
        let (sql, from, to) = if crate::query::from_rollup(q) {
            // Whole days: the daily rollup, not the raw rows.
            let bucket = match q.granularity {
                Granularity::Hour | Granularity::Total => "NULL",
                Granularity::Day => "day || 'T00:00:00.000Z'",
                Granularity::Month => "substr(day, 1, 7) || '-01T00:00:00.000Z'",
            };
            let day = |t: DateTime<Utc>| t.format("%Y-%m-%d").to_string();
            (
                crate::query::rollup_sql(q, bucket, "NULL", ["?1", "?2", "?3"]),
                day(q.from),
                day(q.to),
            )
        } else {
            let bucket = match q.granularity {
                Granularity::Total => "NULL",
                Granularity::Hour => "strftime('%Y-%m-%dT%H:00:00.000Z', end_at)",
                Granularity::Day => "strftime('%Y-%m-%dT00:00:00.000Z', end_at)",
                Granularity::Month => "strftime('%Y-%m-01T00:00:00.000Z', end_at)",
            };
            (
                usage_sql(q, bucket, "NULL", ["?1", "?2", "?3"]),
                iso(q.from),
                iso(q.to),
            )
        };
        let top = q.top.filter(|_| q.group != Group::Fleet).map(i64::from);
        self.with(move |conn| {
            let mut stmt = conn.prepare(&sql).map_err(db)?;
            let map = |r: &rusqlite::Row<'_>| {
                Ok(UsageTotal {
                    bucket: parse_time(r.get(0)?),
                    key: r.get(1)?,
                    total: r.get(2)?,
                    rx: r.get(3)?,
                    tx: r.get(4)?,
                    records: r.get(5)?,
                })
            };
            let rows = match top {
                Some(n) => stmt.query_map(params![from, to, n], map),
                None => stmt.query_map(params![from, to], map),
            }
            .map_err(db)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(db)
        })
        .await
    }
}

impl Sqlite {
    /// The retention on SQLite: deletes the time-series rows before the
    /// start of `cutoff`'s month, as PostgreSQL drops whole months.
    pub async fn delete_before(&self, cutoff: DateTime<Utc>) -> Result<Vec<String>, LedgerError> {
        use chrono::{Datelike, TimeZone};
        let month = Utc
            .with_ymd_and_hms(cutoff.year(), cutoff.month(), 1, 0, 0, 0)
            .single()
            .unwrap_or(cutoff);
        let before = iso(month);
        self.with(move |conn| {
            let tx = conn.transaction().map_err(db)?;
            let mut done = Vec::new();
            for (table, column) in crate::schema::PARTITIONED {
                let n = tx
                    .execute(
                        &format!("DELETE FROM {table} WHERE {column} < ?1"),
                        [&before],
                    )
                    .map_err(db)?;
                if n > 0 {
                    done.push(format!("{table}: {n} rows before {before}"));
                }
            }
            tx.commit().map_err(db)?;
            Ok(done)
        })
        .await
    }
}

impl Sqlite {
    pub async fn upsert_sims(
        &self,
        rows: Vec<crate::sync::SimRow>,
        at: DateTime<Utc>,
    ) -> Result<(), LedgerError> {
        let at = iso(at);
        self.with(move |conn| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(db)?;
            {
                let mut stmt = tx
                    .prepare_cached(
                        "INSERT INTO sims (iccid, imsi, msisdn, imei, ip_address, status, label, \
                         updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                         ON CONFLICT (iccid) DO UPDATE SET imsi = excluded.imsi, \
                         msisdn = excluded.msisdn, imei = excluded.imei, \
                         ip_address = excluded.ip_address, status = excluded.status, \
                         label = excluded.label, updated_at = excluded.updated_at",
                    )
                    .map_err(db)?;
                for r in &rows {
                    stmt.execute(params![
                        r.iccid,
                        r.imsi,
                        r.msisdn,
                        r.imei,
                        r.ip_address,
                        r.status,
                        r.label,
                        at
                    ])
                    .map_err(db)?;
                }
            }
            tx.commit().map_err(db)
        })
        .await
    }

    /// Writes a snapshot unless the last one of the quota is the same.
    pub async fn snapshot_quota(
        &self,
        q: crate::sync::QuotaRow,
        at: DateTime<Utc>,
    ) -> Result<bool, LedgerError> {
        let at = iso(at);
        self.with(move |conn| {
            let n = conn
                .execute(
                    "INSERT OR IGNORE INTO quota_snapshots (iccid, service, observed_at, volume, \
                     total_volume, expiry_date, source) \
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'api' WHERE NOT EXISTS ( \
                       SELECT 1 FROM (SELECT volume, total_volume, expiry_date FROM quota_snapshots \
                       WHERE iccid = ?1 AND service = ?2 ORDER BY observed_at DESC LIMIT 1) l \
                       WHERE l.volume IS ?4 AND l.total_volume IS ?5 AND l.expiry_date IS ?6)",
                    params![
                        q.iccid,
                        q.service,
                        at,
                        q.volume,
                        q.total_volume,
                        q.expiry_date.map(iso)
                    ],
                )
                .map_err(db)?;
            Ok(n > 0)
        })
        .await
    }
}

impl Sqlite {
    pub async fn gap_report(
        &self,
        since: DateTime<Utc>,
        silent_since: DateTime<Utc>,
    ) -> Result<crate::gaps::GapReport, LedgerError> {
        use crate::gaps::{quota_gap_sql, GapReport, QuotaGap, SilentStream};
        let (since, silent_since) = (iso(since), iso(silent_since));
        self.with(move |conn| {
            let mut stmt = conn.prepare(&quota_gap_sql(["?1", "?2"])).map_err(db)?;
            let gaps = stmt
                .query_map(params![since, 0.001f64], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, f64>(3)?,
                        r.get::<_, f64>(4)?,
                    ))
                })
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)?;
            let mut report = GapReport::default();
            for (iccid, from, to, fell, recorded) in gaps {
                let (Some(from), Some(to)) = (parse_time(Some(from)), parse_time(Some(to))) else {
                    continue;
                };
                report.quota_gaps.push(QuotaGap {
                    iccid,
                    from,
                    to,
                    fell,
                    recorded,
                });
            }
            for (table, _) in crate::schema::PARTITIONED {
                let last: Option<String> = conn
                    .query_row(&format!("SELECT max(received_at) FROM {table}"), [], |r| {
                        r.get(0)
                    })
                    .map_err(db)?;
                if let Some(last) = last.filter(|l| *l < silent_since) {
                    if let Some(at) = parse_time(Some(last)) {
                        report.silent.push(SilentStream {
                            table,
                            last_received_at: at,
                        });
                    }
                }
            }
            Ok(report)
        })
        .await
    }
}

impl Sqlite {
    pub async fn events(
        &self,
        q: &crate::query::EventQuery,
    ) -> Result<Vec<crate::query::LedgerEvent>, LedgerError> {
        use crate::query::{events_sql, severity_name, LedgerEvent};
        let sql = events_sql(q, ["?1", "?2", "?3", "?4", &q.limit.to_string()], true);
        let (from, to) = (iso(q.from), iso(q.to));
        let (sev, iccid) = (q.min_severity, q.iccid.clone());
        self.with(move |conn| {
            let mut stmt = conn.prepare(&sql).map_err(db)?;
            let rows = stmt
                .query_map(params![from, to, sev, iccid], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i32>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, bool>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ))
                })
                .map_err(db)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(db)?;
            Ok(rows
                .into_iter()
                .filter_map(|(id, iccid, at, t, td, sev, amb, d)| {
                    Some(LedgerEvent {
                        id,
                        iccid,
                        at: parse_time(Some(at))?,
                        event_type: t,
                        event_type_description: td,
                        severity: severity_name(sev, amb),
                        description: d,
                    })
                })
                .collect())
        })
        .await
    }
}
