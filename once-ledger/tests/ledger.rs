//! The ledger on a real PostgreSQL (started by the test) and on SQLite:
//! migrations, exactly-once ingest, partitions and retention, reports, and
//! the receiver storing into it while the database goes down and up.

mod common;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use common::PgServer;
use once_ledger::{Granularity, Group, Ingest, Ledger, LedgerError, LedgerSink, UsageQuery};
use once_sdk::streamer::decode_batch;
use serde_json::{json, Value};

fn usage(id: u64, iccid: &str, end: &str, total: f64, country: &str) -> Value {
    json!({"id": id, "start_timestamp": "2026-12-01T10:00:00.000Z", "end_timestamp": end,
           "traffic_type": {"id": 5, "description": "Data"},
           "volume": {"total": total, "rx": total / 2.0, "tx": total / 2.0},
           "sim": {"id": 1, "iccid": iccid, "msisdn": "882285100000017"},
           "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                        "country": {"id": 74, "mcc": "262", "name": country}},
           "detail": {"pdp_context": {"rat_type": 6, "ipcan_session_id": "s-1"}}})
}

/// Usage, an event, SMS records both ways, and a record that does not decode.
fn mixed_batch() -> Vec<u8> {
    serde_json::to_vec(&json!([
        usage(1, "8988280666000000017", "2026-12-01T10:05:00.000Z", 1.5, "Germany"),
        usage(2, "8988280666000000018", "2026-11-30T23:55:00.000Z", 0.5, "Austria"),
        {"id": 10, "timestamp": "2026-12-01T10:00:00.000Z", "event_type": {"id": 19},
         "event_severity": {"id": 2, "description": "WARN"}, "description": "quota used up\u{0}",
         "sim": {"iccid": "8988280666000000017"},
         "detail": {"quota": {"volume": -0.25, "total_volume": 100}}},
        {"id": 20, "submit_date": "2024-12-16 07:01:00", "final_date": "2024-12-16T07:01:04.000Z",
         "endpoint": {"name": "8988280666000000017"}, "status": {"id": 4, "status": "DELIVERED"},
         "detail": {"sms": {"id": "771"}}},
        {"id": 21, "submit_date": "2024-12-16 07:02:00", "payload": "hi",
         "source_address": "882285100000017", "endpoint": {"name": "8988280666000000017"}},
        {"id": 99, "colour": "blue"}
    ]))
    .unwrap()
}

async fn exactly_once(ledger: &Ledger) {
    let body = mixed_batch();
    let b = decode_batch(&body).unwrap();
    let batch = Ingest::new(&b.records, &b.raw).rejected(&b.rejected);
    let first = ledger.ingest(&batch).await.unwrap();
    assert_eq!((first.inserted, first.duplicates), (6, 0));
    let again = ledger.ingest(&batch).await.unwrap();
    assert_eq!((again.inserted, again.duplicates), (0, 6));
    let q = UsageQuery::new(
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let fleet = ledger.usage_report(&q).await.unwrap();
    assert_eq!(fleet.len(), 1);
    assert_eq!((fleet[0].total, fleet[0].records), (2.0, 2));
    let by_country = ledger
        .usage_report(
            &q.clone()
                .group(Group::Country)
                .granularity(Granularity::Month),
        )
        .await
        .unwrap();
    let got: Vec<(String, Option<&str>, f64)> = by_country
        .iter()
        .map(|t| (t.bucket.unwrap().to_rfc3339(), t.key.as_deref(), t.total))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-11-01T00:00:00+00:00".to_string(),
                Some("Austria"),
                0.5
            ),
            (
                "2026-12-01T00:00:00+00:00".to_string(),
                Some("Germany"),
                1.5
            ),
        ]
    );
    let top = ledger
        .usage_report(&q.clone().group(Group::Sim).top(1))
        .await
        .unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].key.as_deref(), Some("8988280666000000017"));
    // Whole days read the daily rollup; a period that is not whole days
    // reads the rows. Both give the same answers here.
    let odd = UsageQuery::new(
        Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 1).unwrap(),
    )
    .unwrap();
    for (group, granularity) in [
        (Group::Fleet, Granularity::Total),
        (Group::Country, Granularity::Month),
        (Group::Sim, Granularity::Day),
        (Group::Rat, Granularity::Total),
        (Group::TrafficType, Granularity::Day),
    ] {
        let daily = ledger
            .usage_report(&q.clone().group(group).granularity(granularity))
            .await
            .unwrap();
        let raw = ledger
            .usage_report(&odd.clone().group(group).granularity(granularity))
            .await
            .unwrap();
        assert_eq!(daily, raw, "{group:?} {granularity:?}");
        assert!(!daily.is_empty());
    }
}

#[tokio::test]
async fn sqlite_stores_each_record_once_and_answers_from_its_tables() {
    let dir = std::env::temp_dir().join(format!("once-ledger-sqlite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fleet.db");
    let ledger = Ledger::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    exactly_once(&ledger).await;
    drop(ledger);
    let db = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM usage"), 2);
    assert_eq!(
        count("SELECT count(*) FROM events WHERE severity = 1 AND severity_id = 2"),
        1
    );
    assert_eq!(count("SELECT count(*) FROM sms_records"), 2);
    assert_eq!(
        count("SELECT count(*) FROM rejected WHERE raw = '{\"colour\":\"blue\",\"id\":99}'"),
        1
    );
    let detail: String = db
        .query_row("SELECT detail FROM events", [], |r| r.get(0))
        .unwrap();
    let detail: Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["quota"]["volume"], -0.25);
    // A database migrated by a newer once-ledger is refused.
    db.execute(
        "INSERT INTO ledger_migrations (version, description) VALUES (99, 'future')",
        [],
    )
    .unwrap();
    let newer = Ledger::open(&format!("sqlite:{}", path.display())).await;
    assert!(
        matches!(
            newer,
            Err(LedgerError::SchemaTooNew {
                database: 99,
                code: once_ledger::SCHEMA_VERSION
            })
        ),
        "{newer:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn bad_urls_and_questions_are_refused_before_any_database() {
    let err = Ledger::open("mysql://root:hunter2@db/fleet")
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("neither postgres"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert!(matches!(
        Ledger::open("sqlite:").await,
        Err(LedgerError::Config(_))
    ));
    let t = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    assert!(UsageQuery::new(t, t).is_err());
    assert!(Group::from_name("planet")
        .unwrap_err()
        .to_string()
        .contains("group"));
    assert_eq!(
        once_ledger::redact_url(
            "postgres://ledger:s3cret@db:5432/fleet?sslmode=require&password=x"
        ),
        "postgres://ledger:***@db:5432/fleet?sslmode=require&password=***"
    );
}

#[tokio::test]
async fn postgres_stores_each_record_once_in_month_partitions() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("once_exactly").await;
    let ledger = Ledger::open(&url).await.unwrap();
    // Migrating again is a no-op.
    assert_eq!(ledger.migrate().await.unwrap(), once_ledger::SCHEMA_VERSION);
    exactly_once(&ledger).await;
    let c = pg.client("once_exactly").await;
    let partitions: Vec<String> = c
        .query(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid \
             JOIN pg_class p ON p.oid = i.inhparent WHERE c.relkind = 'r' ORDER BY 1",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        partitions,
        [
            "events_default",
            "events_y2026m12",
            "sms_records_default",
            "sms_records_y2024m12",
            "usage_default",
            "usage_y2026m11",
            "usage_y2026m12"
        ]
    );
    // The record with a NUL in its description is stored (PostgreSQL
    // text cannot hold NUL: it is replaced; the raw text keeps the escape,
    // which a JSONB column would have refused, failing the whole batch).
    let row = c
        .query_one("SELECT description, raw FROM events", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "quota used up\u{fffd}");
    assert!(row.get::<_, String>(1).contains(r#""quota used up\u0000""#));
    // Retention: whole months go.
    let dropped = ledger
        .drop_partitions_before(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap())
        .await
        .unwrap();
    assert_eq!(dropped, ["sms_records_y2024m12", "usage_y2026m11"]);
    let left: i64 = c
        .query_one("SELECT count(*) FROM usage", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(left, 1);
    c.batch_execute("INSERT INTO ledger_migrations (version, description) VALUES (99, 'future')")
        .await
        .unwrap();
    let newer = Ledger::open(&url).await;
    assert!(
        matches!(newer, Err(LedgerError::SchemaTooNew { database: 99, .. })),
        "{newer:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_racing_on_one_postgres_store_each_record_once() {
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("replicas").await;
    // Four replicas migrate at once, then take the same batches at once.
    let ledgers: Vec<Arc<Ledger>> = futures::future::join_all((0..4).map(|_| Ledger::open(&url)))
        .await
        .into_iter()
        .map(|l| Arc::new(l.unwrap()))
        .collect();
    let records: Vec<Value> = (0..3000u64)
        .map(|i| {
            let month = if i % 2 == 0 {
                "2026-10-15T00:00:00Z"
            } else {
                "2027-01-15T00:00:00Z"
            };
            usage(100_000 + i, "8988280666000000017", month, 0.001, "Germany")
        })
        .collect();
    let body = serde_json::to_vec(&records).unwrap();
    let b = Arc::new(decode_batch(&body).unwrap());
    let mut tasks = Vec::new();
    for ledger in &ledgers {
        for _ in 0..2 {
            let (ledger, b) = (Arc::clone(ledger), Arc::clone(&b));
            tasks.push(tokio::spawn(async move {
                ledger
                    .ingest(&Ingest::new(&b.records, &b.raw))
                    .await
                    .unwrap()
                    .inserted
            }));
        }
    }
    let mut inserted = 0;
    for t in tasks {
        inserted += t.await.unwrap();
    }
    assert_eq!(inserted, 3000);
    let c = pg.client("replicas").await;
    let n: i64 = c
        .query_one("SELECT count(DISTINCT id) FROM usage", &[])
        .await
        .unwrap()
        .get(0);
    let all: i64 = c
        .query_one("SELECT count(*) FROM usage", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!((n, all), (3000, 3000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receiver_answers_503_while_postgres_is_down_and_stores_once_after() {
    use once_streamer::{BasicCredentials, Receiver, ReceiverConfig};
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("receiver").await;
    let ledger = Arc::new(Ledger::open(&url).await.unwrap());
    let creds = BasicCredentials::new("1nce", "pw");
    let receiver = Receiver::new(ReceiverConfig::new(creds.clone()), LedgerSink::new(ledger));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let r = receiver.clone();
    let task = tokio::spawn(async move {
        r.serve(listener, async {
            let _ = stopped.await;
        })
        .await
    });
    let post = |body: Vec<u8>| {
        let auth = creds.header_value();
        async move {
            reqwest::Client::new()
                .post(format!("http://{addr}/"))
                .header("authorization", auth)
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let first = mixed_batch();
    assert_eq!(post(first.clone()).await, 200);
    pg.down();
    let second = serde_json::to_vec(&json!([usage(
        3,
        "8988280666000000019",
        "2026-12-02T00:00:00Z",
        2.0,
        "Germany"
    )]))
    .unwrap();
    assert_eq!(post(second.clone()).await, 503);
    pg.up();
    // 1NCE sends both again: the first is there already, the second lands.
    assert_eq!(post(first).await, 200);
    assert_eq!(post(second).await, 200);
    let _ = stop.send(());
    task.await.unwrap().unwrap();
    let c = pg.client("receiver").await;
    let ids: Vec<String> = c
        .query("SELECT id FROM usage ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);
    let kept: i64 = c
        .query_one("SELECT count(*) FROM rejected", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);
}

/// Snapshots of SIM A's data quota fall by 3 MiB with 3 MiB of usage
/// recorded (covered); SIM B's fall by 5 MiB with 1 MiB recorded (a gap).
const GAP_SNAPSHOTS: &[(&str, &str, f64)] = &[
    ("8988280666000000017", "2026-12-01T00:00:00Z", 100.0),
    ("8988280666000000017", "2026-12-01T06:00:00Z", 97.0),
    ("8988280666000000018", "2026-12-01T00:00:00Z", 50.0),
    ("8988280666000000018", "2026-12-01T06:00:00Z", 45.0),
    ("8988280666000000018", "2026-12-01T12:00:00Z", 45.0),
];

async fn gap_usage(ledger: &Ledger) {
    let body = serde_json::to_vec(&json!([
        usage(
            501,
            "8988280666000000017",
            "2026-12-01T02:00:00Z",
            2.0,
            "Germany"
        ),
        usage(
            502,
            "8988280666000000017",
            "2026-12-01T05:00:00Z",
            1.0,
            "Germany"
        ),
        usage(
            503,
            "8988280666000000018",
            "2026-12-01T03:00:00Z",
            1.0,
            "Germany"
        ),
    ]))
    .unwrap();
    let b = decode_batch(&body).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 7, 0, 0).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw).received_at(at))
        .await
        .unwrap();
}

fn check_gaps(report: &once_ledger::GapReport) {
    assert_eq!(report.quota_gaps.len(), 1, "{report:?}");
    let g = &report.quota_gaps[0];
    assert_eq!(g.iccid, "8988280666000000018");
    assert_eq!((g.fell, g.recorded), (5.0, 1.0));
    assert_eq!(g.to.to_rfc3339(), "2026-12-01T06:00:00+00:00");
    // Usage arrived at 07:00 and nothing since: silent since 08:00.
    let tables: Vec<&str> = report.silent.iter().map(|s| s.table).collect();
    assert_eq!(tables, ["usage"]);
}

#[tokio::test]
async fn the_gap_report_finds_quota_falls_without_usage_and_silent_streams() {
    let dir = std::env::temp_dir().join(format!("once-ledger-gaps-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fleet.db");
    let ledger = Ledger::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    gap_usage(&ledger).await;
    let db = rusqlite::Connection::open(&path).unwrap();
    for (iccid, at, volume) in GAP_SNAPSHOTS {
        let at = at.replace('Z', ".000Z");
        db.execute(
            "INSERT INTO quota_snapshots (iccid, service, observed_at, volume, source) VALUES (?1, 'data', ?2, ?3, 'api')",
            rusqlite::params![iccid, at, volume],
        )
        .unwrap();
    }
    let since = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap();
    let silent = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    check_gaps(&ledger.gap_report(since, silent).await.unwrap());
    // Before the usage arrived, nothing was silent yet.
    let early = Utc.with_ymd_and_hms(2026, 12, 1, 6, 30, 0).unwrap();
    assert!(ledger
        .gap_report(since, early)
        .await
        .unwrap()
        .silent
        .is_empty());
    std::fs::remove_dir_all(&dir).unwrap();

    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("gaps").await;
    let ledger = Ledger::open(&url).await.unwrap();
    gap_usage(&ledger).await;
    let c = pg.client("gaps").await;
    for (iccid, at, volume) in GAP_SNAPSHOTS {
        c.execute(
            "INSERT INTO quota_snapshots (iccid, service, observed_at, volume, source) VALUES ($1, 'data', $2::text::timestamptz, $3, 'api')",
            &[iccid, at, volume],
        )
        .await
        .unwrap();
    }
    check_gaps(&ledger.gap_report(since, silent).await.unwrap());
}

/// The dashboard as Grafana's file provisioning reads it: no `__inputs`,
/// a datasource variable every panel uses, and every panel's SQL answering
/// from the ledger's tables in a real PostgreSQL.
#[tokio::test]
async fn the_ledger_dashboard_provisions_and_every_panel_query_answers() {
    let text = include_str!("../grafana/ledger.json");
    assert!(
        !text.contains("${DS_"),
        "an import-only datasource placeholder"
    );
    let dash: Value = serde_json::from_str(text).unwrap();
    assert!(dash.get("__inputs").is_none());
    let vars = dash["templating"]["list"].as_array().unwrap();
    assert!(vars
        .iter()
        .any(|v| v["name"] == "datasource" && v["type"] == "datasource"));
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("dashboard").await;
    let ledger = Ledger::open(&url).await.unwrap();
    let body = mixed_batch();
    let b = decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw).rejected(&b.rejected))
        .await
        .unwrap();
    let c = pg.client("dashboard").await;
    let panels = dash["panels"].as_array().unwrap();
    assert_eq!(panels.len(), 6);
    for panel in panels {
        assert_eq!(
            panel["datasource"]["uid"], "${datasource}",
            "{}",
            panel["title"]
        );
        for target in panel["targets"].as_array().unwrap() {
            assert_eq!(target["datasource"]["uid"], "${datasource}");
            let sql = target["rawSql"].as_str().unwrap();
            // Grafana's macro, as its PostgreSQL datasource expands it.
            let mut expanded = sql.to_string();
            while let Some(i) = expanded.find("$__timeFilter(") {
                let end = i + expanded[i..].find(')').unwrap();
                let col = expanded[i + "$__timeFilter(".len()..end].to_string();
                expanded.replace_range(
                    i..=end,
                    &format!("{col} BETWEEN '2020-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'"),
                );
            }
            assert!(!expanded.contains("$__"), "{expanded}");
            let rows = c
                .query(expanded.as_str(), &[])
                .await
                .unwrap_or_else(|e| panic!("panel {}: {e}\n{expanded}", panel["title"]));
            assert!(
                !rows.is_empty(),
                "panel {} returned nothing",
                panel["title"]
            );
        }
    }
    // The per-day panel's numbers are the usage ingested.
    let per_day = panels[0]["targets"][0]["rawSql"].as_str().unwrap().replace(
        "$__timeFilter(end_at)",
        "end_at BETWEEN '2020-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'",
    );
    let days: Vec<f64> = c
        .query(per_day.as_str(), &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(1))
        .collect();
    assert_eq!(days, [0.5, 1.5]);
}

async fn events_case(ledger: &Ledger) {
    let body = serde_json::to_vec(&json!([
        {"id": 1, "timestamp": "2026-12-01T10:00:00Z", "event_type": {"id": 3}, "event_severity": {"id": 0}, "sim": {"iccid": "8988280666000000017"}},
        {"id": 2, "timestamp": "2026-12-01T11:00:00Z", "event_type": {"id": 19}, "event_severity": {"id": 4}, "sim": {"iccid": "8988280666000000017"}},
        {"id": 3, "timestamp": "2026-12-01T12:00:00Z", "event_type": {"id": 18}, "event_severity": {"id": 2}, "sim": {"iccid": "8988280666000000018"}},
        {"id": 4, "timestamp": "2026-12-01T13:00:00Z", "event_type": {"id": 42}, "event_severity": {"id": 1}, "sim": {"iccid": "8988280666000000018"}}
    ]))
    .unwrap();
    // The body shows Platform 2.0 (type 42, severity 4): id 2 reads WARN.
    let b = decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    let q = once_ledger::EventQuery::new(
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let ids = |events: Vec<once_ledger::LedgerEvent>| -> Vec<(String, &'static str)> {
        events.into_iter().map(|e| (e.id, e.severity)).collect()
    };
    let all = ids(ledger.events(&q).await.unwrap());
    let s = |id: &str, sev: &'static str| (id.to_string(), sev);
    assert_eq!(
        all,
        [
            s("4", "WARNING"),
            s("3", "WARNING"),
            s("2", "CRITICAL"),
            s("1", "INFO")
        ]
    );
    let warn_up = ids(ledger.events(&q.clone().min_severity(1)).await.unwrap());
    assert_eq!(
        warn_up,
        [s("4", "WARNING"), s("3", "WARNING"), s("2", "CRITICAL")]
    );
    let crit = ids(ledger.events(&q.clone().min_severity(4)).await.unwrap());
    assert_eq!(crit, [s("2", "CRITICAL")]);
    let typed = ids(ledger
        .events(&q.clone().types([18, 19]).iccid("8988280666000000018"))
        .await
        .unwrap());
    assert_eq!(typed, [s("3", "WARNING")]);
    assert_eq!(ledger.events(&q.limit(1)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn events_are_filtered_by_severity_type_and_sim_on_both_databases() {
    let dir = std::env::temp_dir().join(format!("once-ledger-events-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ledger = Ledger::open(&format!("sqlite:{}", dir.join("fleet.db").display()))
        .await
        .unwrap();
    events_case(&ledger).await;
    std::fs::remove_dir_all(&dir).unwrap();
    let Some(pg) = PgServer::start() else { return };
    let url = pg.database("events_query").await;
    events_case(&Ledger::open(&url).await.unwrap()).await;
}

#[tokio::test]
async fn migration_2_fills_the_daily_rollup_from_the_rows_already_stored() {
    let dir = std::env::temp_dir().join(format!("once-ledger-v2-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fleet.db");
    let url = format!("sqlite:{}", path.display());
    let ledger = Ledger::open(&url).await.unwrap();
    let body = mixed_batch();
    let b = decode_batch(&body).unwrap();
    ledger
        .ingest(&Ingest::new(&b.records, &b.raw))
        .await
        .unwrap();
    drop(ledger);
    // Back to a version 1 database that holds the rows.
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "DROP TABLE usage_daily; DROP TABLE policy_decisions; DROP TABLE policy_budget; \
         DROP TABLE policy_lease; DELETE FROM ledger_migrations WHERE version >= 2;",
    )
    .unwrap();
    drop(db);
    let ledger = Ledger::open(&url).await.unwrap();
    let q = UsageQuery::new(
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let fleet = ledger.usage_report(&q).await.unwrap();
    assert_eq!((fleet[0].total, fleet[0].records), (2.0, 2));
    std::fs::remove_dir_all(&dir).unwrap();
}
