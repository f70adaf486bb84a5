//! The PostgreSQL side: a pool, migrations under an advisory lock, monthly
//! partitions, one transaction per ingest.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use crate::query::{usage_sql, Granularity, UsageQuery, UsageTotal};
use crate::rows::{IngestOutcome, Rows};
use crate::schema::{MIGRATIONS, PARTITIONED, POSTGRES_MIGRATIONS_TABLE, SCHEMA_VERSION};
use crate::LedgerError;

/// The advisory lock that serialises migrations and partition creation
/// between replicas.
const LOCK: i64 = 0x0151_ED6E;

pub(crate) struct Postgres {
    pool: Pool,
    /// Partitions known to exist (created by this process or found).
    partitions: Mutex<HashSet<String>>,
}

fn db(e: impl std::fmt::Display) -> LedgerError {
    LedgerError::Database(e.to_string())
}

/// The month partition of `table` that holds `t`, when `t` is a month this
/// ledger partitions (2000 to 2199); others go to the default partition.
fn partition_of(table: &str, t: DateTime<Utc>) -> Option<(String, DateTime<Utc>, DateTime<Utc>)> {
    let (y, m) = (t.year(), t.month());
    if !(2000..2200).contains(&y) {
        return None;
    }
    let from = Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).single()?;
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let to = Utc.with_ymd_and_hms(ny, nm, 1, 0, 0, 0).single()?;
    Some((format!("{table}_y{y:04}m{m:02}"), from, to))
}

impl Postgres {
    pub async fn connect(url: &str) -> Result<Self, LedgerError> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| LedgerError::Config(format!("database URL: {e}")))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let timeout = Some(Duration::from_secs(10));
        let pool = Pool::builder(manager)
            .max_size(8)
            .runtime(Runtime::Tokio1)
            .wait_timeout(timeout)
            .create_timeout(timeout)
            .recycle_timeout(timeout)
            .build()
            .map_err(|e| LedgerError::Config(format!("database pool: {e}")))?;
        Ok(Self {
            pool,
            partitions: Mutex::new(HashSet::new()),
        })
    }

    pub(crate) async fn client(&self) -> Result<deadpool_postgres::Object, LedgerError> {
        self.pool
            .get()
            .await
            .map_err(|e| LedgerError::Unavailable(e.to_string()))
    }

    pub async fn ping(&self) -> Result<(), LedgerError> {
        let client = self.client().await?;
        client
            .simple_query("SELECT 1")
            .await
            .map(|_| ())
            .map_err(|e| LedgerError::Unavailable(e.to_string()))
    }

    pub async fn migrate(&self) -> Result<i64, LedgerError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .await
            .map_err(db)?;
        tx.batch_execute(POSTGRES_MIGRATIONS_TABLE)
            .await
            .map_err(db)?;
        let row = tx
            .query_one(
                "SELECT coalesce(max(version), 0) FROM ledger_migrations",
                &[],
            )
            .await
            .map_err(db)?;
        let applied: i64 = row.get(0);
        if applied > SCHEMA_VERSION {
            return Err(LedgerError::SchemaTooNew {
                database: applied,
                code: SCHEMA_VERSION,
            });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > applied) {
            tx.batch_execute(m.postgres).await.map_err(db)?;
            tx.execute(
                "INSERT INTO ledger_migrations (version, description) VALUES ($1, $2)",
                &[&m.version, &m.description],
            )
            .await
            .map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        Ok(SCHEMA_VERSION)
    }

    /// Creates the month partitions the rows need.
    async fn ensure_partitions(&self, rows: &Rows) -> Result<(), LedgerError> {
        let mut wanted = Vec::new();
        let times: [(&str, Vec<DateTime<Utc>>); 3] = [
            ("usage", rows.usage.iter().map(|r| r.end_at).collect()),
            ("events", rows.events.iter().map(|r| r.at).collect()),
            ("sms_records", rows.sms.iter().map(|r| r.at).collect()),
        ];
        {
            let known = self.partitions.lock().unwrap_or_else(|p| p.into_inner());
            for (table, ts) in &times {
                for t in ts {
                    if let Some(p) = partition_of(table, *t) {
                        if !known.contains(&p.0)
                            && !wanted.iter().any(|w: &(String, _, _, _)| w.0 == p.0)
                        {
                            wanted.push((p.0, *table, p.1, p.2));
                        }
                    }
                }
            }
        }
        if wanted.is_empty() {
            return Ok(());
        }
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .await
            .map_err(db)?;
        for (name, table, from, to) in &wanted {
            // Names and bounds are made here, never from input text.
            let sql = format!(
                "CREATE TABLE IF NOT EXISTS {name} PARTITION OF {table} \
                 FOR VALUES FROM ('{}') TO ('{}')",
                from.to_rfc3339(),
                to.to_rfc3339()
            );
            tx.batch_execute(&sql).await.map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        let mut known = self.partitions.lock().unwrap_or_else(|p| p.into_inner());
        known.extend(wanted.into_iter().map(|w| w.0));
        Ok(())
    }

    pub async fn ingest(
        &self,
        rows: &Rows,
        received_at: DateTime<Utc>,
    ) -> Result<IngestOutcome, LedgerError> {
        self.ensure_partitions(rows).await?;
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let mut inserted = 0;
        if !rows.usage.is_empty() {
            let u = &rows.usage;
            let col = |f: fn(&crate::rows::UsageRow) -> Option<String>| -> Vec<Option<String>> {
                u.iter().map(f).collect()
            };
            let num = |f: fn(&crate::rows::UsageRow) -> Option<f64>| -> Vec<Option<f64>> {
                u.iter().map(f).collect()
            };
            let ids: Vec<&str> = u.iter().map(|r| r.id.as_str()).collect();
            let starts: Vec<Option<DateTime<Utc>>> = u.iter().map(|r| r.start_at).collect();
            let ends: Vec<DateTime<Utc>> = u.iter().map(|r| r.end_at).collect();
            let traffic: Vec<&str> = u.iter().map(|r| r.traffic_type.as_str()).collect();
            let raws: Vec<&str> = u.iter().map(|r| r.raw.as_str()).collect();
            // The rows that are new (RETURNING skips the duplicates) are
            // added to the daily rollup in the same statement, keys in order
            // (concurrent batches lock rollup rows in one order).
            let row = tx
                .query_one(
                    "WITH ins AS (INSERT INTO usage (id, iccid, start_at, end_at, traffic_type, \
                     rx_mib, tx_mib, total_mib, operator, mcc, mnc, country, rat, session_id, \
                     quota_id, cost, currency, raw, received_at) \
                     SELECT u.*, $19 FROM UNNEST($1::text[], $2::text[], $3::timestamptz[], \
                     $4::timestamptz[], $5::text[], $6::float8[], $7::float8[], $8::float8[], \
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], \
                     $15::text[], $16::float8[], $17::text[], $18::text[]) AS u \
                     ON CONFLICT DO NOTHING \
                     RETURNING end_at, country, operator, rat, traffic_type, total_mib, \
                     rx_mib, tx_mib), \
                     up AS (INSERT INTO usage_daily \
                     SELECT (end_at AT TIME ZONE 'UTC')::date, \
                     coalesce(country, ''), coalesce(operator, ''), coalesce(rat, ''), \
                     traffic_type, coalesce(sum(total_mib), 0), coalesce(sum(rx_mib), 0), \
                     coalesce(sum(tx_mib), 0), count(*) FROM ins GROUP BY 1, 2, 3, 4, 5 \
                     ORDER BY 1, 2, 3, 4, 5 \
                     ON CONFLICT (day, country, operator, rat, traffic_type) DO UPDATE SET \
                     total_mib = usage_daily.total_mib + excluded.total_mib, \
                     rx_mib = usage_daily.rx_mib + excluded.rx_mib, \
                     tx_mib = usage_daily.tx_mib + excluded.tx_mib, \
                     records = usage_daily.records + excluded.records RETURNING 1) \
                     SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM up)",
                    &[
                        &ids,
                        &col(|r| r.iccid.clone()),
                        &starts,
                        &ends,
                        &traffic,
                        &num(|r| r.rx_mib),
                        &num(|r| r.tx_mib),
                        &num(|r| r.total_mib),
                        &col(|r| r.operator.clone()),
                        &col(|r| r.mcc.clone()),
                        &col(|r| r.mnc.clone()),
                        &col(|r| r.country.clone()),
                        &col(|r| r.rat.clone()),
                        &col(|r| r.session_id.clone()),
                        &col(|r| r.quota_id.clone()),
                        &num(|r| r.cost),
                        &col(|r| r.currency.clone()),
                        &raws,
                        &received_at,
                    ],
                )
                .await
                .map_err(db)?;
            inserted += u64::try_from(row.get::<_, i64>(0)).unwrap_or(0);
        }
        if !rows.events.is_empty() {
            let e = &rows.events;
            let col = |f: fn(&crate::rows::EventRow) -> Option<String>| -> Vec<Option<String>> {
                e.iter().map(f).collect()
            };
            let small = |f: fn(&crate::rows::EventRow) -> Option<i16>| -> Vec<Option<i16>> {
                e.iter().map(f).collect()
            };
            let ids: Vec<&str> = e.iter().map(|r| r.id.as_str()).collect();
            let ats: Vec<DateTime<Utc>> = e.iter().map(|r| r.at).collect();
            let types: Vec<i32> = e.iter().map(|r| r.event_type).collect();
            let ambiguous: Vec<bool> = e.iter().map(|r| r.severity_ambiguous).collect();
            let alerts: Vec<Option<bool>> = e.iter().map(|r| r.alert).collect();
            let raws: Vec<&str> = e.iter().map(|r| r.raw.as_str()).collect();
            inserted += tx
                .execute(
                    "INSERT INTO events (id, iccid, at, event_type, event_type_description, \
                     severity, severity_id, severity_ambiguous, source, alert, description, \
                     detail, raw, received_at) \
                     SELECT e.*, $14 FROM UNNEST($1::text[], $2::text[], $3::timestamptz[], \
                     $4::int4[], $5::text[], $6::int2[], $7::int2[], $8::bool[], $9::int2[], \
                     $10::bool[], $11::text[], $12::text[], $13::text[]) AS e \
                     ON CONFLICT DO NOTHING",
                    &[
                        &ids,
                        &col(|r| r.iccid.clone()),
                        &ats,
                        &types,
                        &col(|r| r.event_type_description.clone()),
                        &small(|r| r.severity),
                        &small(|r| r.severity_id),
                        &ambiguous,
                        &small(|r| r.source),
                        &alerts,
                        &col(|r| r.description.clone()),
                        &col(|r| r.detail.clone()),
                        &raws,
                        &received_at,
                    ],
                )
                .await
                .map_err(db)?;
        }
        if !rows.sms.is_empty() {
            let m = &rows.sms;
            let col = |f: fn(&crate::rows::SmsRow) -> Option<String>| -> Vec<Option<String>> {
                m.iter().map(f).collect()
            };
            let kinds: Vec<&str> = m.iter().map(|r| r.kind).collect();
            let ids: Vec<&str> = m.iter().map(|r| r.id.as_str()).collect();
            let ats: Vec<DateTime<Utc>> = m.iter().map(|r| r.at).collect();
            let raws: Vec<&str> = m.iter().map(|r| r.raw.as_str()).collect();
            inserted += tx
                .execute(
                    "INSERT INTO sms_records (kind, id, iccid, at, status, sms_id, payload, \
                     source_address, raw, received_at) \
                     SELECT m.*, $10 FROM UNNEST($1::text[], $2::text[], $3::text[], \
                     $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], \
                     $9::text[]) AS m \
                     ON CONFLICT DO NOTHING",
                    &[
                        &kinds,
                        &ids,
                        &col(|r| r.iccid.clone()),
                        &ats,
                        &col(|r| r.status.clone()),
                        &col(|r| r.sms_id.clone()),
                        &col(|r| r.payload.clone()),
                        &col(|r| r.source_address.clone()),
                        &raws,
                        &received_at,
                    ],
                )
                .await
                .map_err(db)?;
        }
        if !rows.rejected.is_empty() {
            let r = &rows.rejected;
            let keys: Vec<&str> = r.iter().map(|r| r.key.as_str()).collect();
            let reasons: Vec<&str> = r.iter().map(|r| r.reason.as_str()).collect();
            let raws: Vec<&str> = r.iter().map(|r| r.raw.as_str()).collect();
            inserted += tx
                .execute(
                    "INSERT INTO rejected (key, reason, raw, received_at) \
                     SELECT r.*, $4 FROM UNNEST($1::text[], $2::text[], $3::text[]) AS r \
                     ON CONFLICT DO NOTHING",
                    &[&keys, &reasons, &raws, &received_at],
                )
                .await
                .map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        Ok(IngestOutcome {
            inserted,
            duplicates: rows.len().saturating_sub(inserted),
        })
    }

    /// Drops the month partitions that end at or before `cutoff`.
    pub async fn drop_partitions_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<String>, LedgerError> {
        let client = self.client().await?;
        let mut dropped = Vec::new();
        for (table, _) in PARTITIONED {
            let rows = client
                .query(
                    "SELECT c.relname FROM pg_inherits i \
                     JOIN pg_class c ON c.oid = i.inhrelid \
                     JOIN pg_class p ON p.oid = i.inhparent \
                     WHERE p.relname = $1 AND c.relkind = 'r'",
                    &[table],
                )
                .await
                .map_err(db)?;
            for row in rows {
                let name: String = row.get(0);
                let Some(month) = name.strip_prefix(&format!("{table}_y")) else {
                    continue;
                };
                let Some((y, m)) = month.split_once('m') else {
                    continue;
                };
                let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
                    continue;
                };
                let Some(start) = Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).single() else {
                    continue;
                };
                let Some((_, _, end)) = partition_of(table, start) else {
                    continue;
                };
                if end <= cutoff {
                    client
                        .batch_execute(&format!("DROP TABLE IF EXISTS {name}"))
                        .await
                        .map_err(db)?;
                    self.partitions
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .remove(&name);
                    dropped.push(name);
                }
            }
        }
        dropped.sort();
        Ok(dropped)
    }

    pub async fn usage_report(&self, q: &UsageQuery) -> Result<Vec<UsageTotal>, LedgerError> {
        let client = self.client().await?;
        let top = i64::from(q.top.unwrap_or(u32::MAX));
        let ranked = q.top.is_some() && q.group != crate::query::Group::Fleet;
        let rows = if crate::query::from_rollup(q) {
            // Whole days: the daily rollup, not the raw rows.
            let bucket = match q.granularity {
                Granularity::Hour | Granularity::Total => "NULL::timestamptz",
                Granularity::Day => "(day::timestamp AT TIME ZONE 'UTC')",
                Granularity::Month => "(date_trunc('month', day::timestamp) AT TIME ZONE 'UTC')",
            };
            let sql = crate::query::rollup_sql(
                q,
                bucket,
                "NULL::text",
                ["$1::timestamptz::date", "$2::timestamptz::date", "$3"],
            )
            .replace(
                "coalesce(sum(records), 0)",
                "coalesce(sum(records), 0)::bigint",
            );
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&q.from, &q.to, &top];
            match ranked {
                true => client.query(&sql, &params).await,
                false => client.query(&sql, &params[..2]).await,
            }
        } else {
            let bucket = match q.granularity {
                Granularity::Total => "NULL::timestamptz",
                Granularity::Hour => "date_trunc('hour', end_at, 'UTC')",
                Granularity::Day => "date_trunc('day', end_at, 'UTC')",
                Granularity::Month => "date_trunc('month', end_at, 'UTC')",
            };
            let sql = usage_sql(q, bucket, "NULL::text", ["$1", "$2", "$3"]);
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 3] = [&q.from, &q.to, &top];
            match ranked {
                true => client.query(&sql, &params).await,
                false => client.query(&sql, &params[..2]).await,
            }
        }
        .map_err(db)?;
        Ok(rows
            .iter()
            .map(|r| UsageTotal {
                bucket: r.get(0),
                key: r.get(1),
                total: r.get(2),
                rx: r.get(3),
                tx: r.get(4),
                records: r.get(5),
            })
            .collect())
    }
}

impl Postgres {
    pub async fn upsert_sims(
        &self,
        rows: &[crate::sync::SimRow],
        at: DateTime<Utc>,
    ) -> Result<(), LedgerError> {
        if rows.is_empty() {
            return Ok(());
        }
        let client = self.client().await?;
        let col = |f: fn(&crate::sync::SimRow) -> Option<String>| -> Vec<Option<String>> {
            rows.iter().map(f).collect()
        };
        let iccids: Vec<&str> = rows.iter().map(|r| r.iccid.as_str()).collect();
        client
            .execute(
                "INSERT INTO sims (iccid, imsi, msisdn, imei, ip_address, status, label, updated_at) \
                 SELECT s.*, $8 FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], \
                 $5::text[], $6::text[], $7::text[]) AS s \
                 ON CONFLICT (iccid) DO UPDATE SET imsi = excluded.imsi, msisdn = excluded.msisdn, \
                 imei = excluded.imei, ip_address = excluded.ip_address, status = excluded.status, \
                 label = excluded.label, updated_at = excluded.updated_at",
                &[
                    &iccids,
                    &col(|r| r.imsi.clone()),
                    &col(|r| r.msisdn.clone()),
                    &col(|r| r.imei.clone()),
                    &col(|r| r.ip_address.clone()),
                    &col(|r| r.status.clone()),
                    &col(|r| r.label.clone()),
                    &at,
                ],
            )
            .await
            .map_err(db)?;
        Ok(())
    }

    /// Writes a snapshot unless the last one of the quota is the same.
    pub async fn snapshot_quota(
        &self,
        q: &crate::sync::QuotaRow,
        at: DateTime<Utc>,
    ) -> Result<bool, LedgerError> {
        let client = self.client().await?;
        let n = client
            .execute(
                "INSERT INTO quota_snapshots (iccid, service, observed_at, volume, total_volume, \
                 expiry_date, source) \
                 SELECT $1, $2, $3, $4, $5, $6, 'api' WHERE NOT EXISTS ( \
                   SELECT 1 FROM (SELECT volume, total_volume, expiry_date FROM quota_snapshots \
                   WHERE iccid = $1 AND service = $2 ORDER BY observed_at DESC LIMIT 1) l \
                   WHERE l.volume IS NOT DISTINCT FROM $4 \
                   AND l.total_volume IS NOT DISTINCT FROM $5 \
                   AND l.expiry_date IS NOT DISTINCT FROM $6) \
                 ON CONFLICT DO NOTHING",
                &[
                    &q.iccid,
                    &q.service,
                    &at,
                    &q.volume,
                    &q.total_volume,
                    &q.expiry_date,
                ],
            )
            .await
            .map_err(db)?;
        Ok(n > 0)
    }
}

impl Postgres {
    pub async fn gap_report(
        &self,
        since: DateTime<Utc>,
        silent_since: DateTime<Utc>,
    ) -> Result<crate::gaps::GapReport, LedgerError> {
        use crate::gaps::{quota_gap_sql, GapReport, QuotaGap, SilentStream};
        let client = self.client().await?;
        let slack = 0.001f64;
        let rows = client
            .query(&quota_gap_sql(["$1", "$2::float8"]), &[&since, &slack])
            .await
            .map_err(db)?;
        let mut report = GapReport {
            quota_gaps: rows
                .iter()
                .map(|r| QuotaGap {
                    iccid: r.get(0),
                    from: r.get(1),
                    to: r.get(2),
                    fell: r.get(3),
                    recorded: r.get(4),
                })
                .collect(),
            silent: Vec::new(),
        };
        for (table, _) in PARTITIONED {
            let last: Option<DateTime<Utc>> = client
                .query_one(&format!("SELECT max(received_at) FROM {table}"), &[])
                .await
                .map_err(db)?
                .get(0);
            if let Some(last) = last.filter(|l| *l < silent_since) {
                report.silent.push(SilentStream {
                    table,
                    last_received_at: last,
                });
            }
        }
        Ok(report)
    }
}

impl Postgres {
    pub async fn events(
        &self,
        q: &crate::query::EventQuery,
    ) -> Result<Vec<crate::query::LedgerEvent>, LedgerError> {
        use crate::query::{events_sql, severity_name, LedgerEvent};
        // Unused markers are left out of the statement, so every marker
        // that is in it is bound: number them in order of use.
        let mut params: Vec<Box<dyn tokio_postgres::types::ToSql + Sync + Send>> =
            vec![Box::new(q.from), Box::new(q.to)];
        let sev = match q.min_severity {
            Some(s) => {
                params.push(Box::new(s));
                format!("${}::int2", params.len())
            }
            None => String::new(),
        };
        let iccid = match &q.iccid {
            Some(i) => {
                params.push(Box::new(crate::rows::clean(i)));
                format!("${}", params.len())
            }
            None => String::new(),
        };
        let sql = events_sql(q, ["$1", "$2", &sev, &iccid, &q.limit.to_string()], false);
        let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p.as_ref() as &(dyn tokio_postgres::types::ToSql + Sync))
            .collect();
        let client = self.client().await?;
        let rows = client.query(&sql, &refs).await.map_err(db)?;
        Ok(rows
            .iter()
            .map(|r| LedgerEvent {
                id: r.get(0),
                iccid: r.get(1),
                at: r.get(2),
                event_type: r.get(3),
                event_type_description: r.get(4),
                severity: severity_name(r.get::<_, Option<i16>>(5).map(i64::from), r.get(6)),
                description: r.get(7),
            })
            .collect())
    }
}
