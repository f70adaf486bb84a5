//! Fleet ledger benchmarks: ingest of 3,000-record Data Streamer batches
//! into PostgreSQL against `COPY` of the same rows by psql (the database's
//! own bulk path), and into SQLite against the sqlite3 shell's `.import`;
//! then, with `--rows N` usage rows in PostgreSQL, one SIM's month and the
//! fleet's day-by-country totals, with their query plans.
//!
//! `cargo run --release -p once-bench --bin ledger_ingest -- [--batches 20] [--rows 10000000]`
//! Needs PostgreSQL's initdb/pg_ctl (Debian's `postgresql`), `psql` and `sqlite3`.

// The test suites' own PostgreSQL starter (initdb, pg_ctl on a free port).
#[path = "../../../once-ledger/tests/common/mod.rs"]
mod pg;

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use once_ledger::{Granularity, Group, Ingest, Ledger, UsageQuery};
use once_sdk::streamer::decode_batch;
use serde_json::{json, Value};

const RECORDS: usize = 3000;
const SIMS: u64 = 10_000;

fn usage(id: u64) -> Value {
    let sim = id % SIMS;
    // Each SIM's records spread over November, 43 minutes apart.
    let minute = ((id / SIMS) * 43) % (30 * 24 * 60);
    let end = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
        + chrono::Duration::minutes(minute as i64);
    let countries = ["Germany", "Austria", "France", "Spain", "Italy", "Poland"];
    json!({"id": id, "start_timestamp": (end - chrono::Duration::minutes(5)).to_rfc3339(),
      "end_timestamp": end.to_rfc3339(), "traffic_type": {"id": 5, "description": "Data"},
      "volume": {"total": 0.5, "rx": 0.3, "tx": 0.2},
      "imsi": format!("90140510{sim:07}"),
      "sim": {"id": sim, "iccid": format!("89882806660{sim:08}"), "msisdn": format!("88228510{sim:07}")},
      "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                   "country": {"id": 74, "mcc": "262", "name": countries[(sim % 6) as usize]}},
      "detail": {"pdp_context": {"rat_type": 6, "ipcan_session_id": format!("s-{sim}-{minute}")}}})
}

fn body(first: u64) -> Vec<u8> {
    let v: Vec<Value> = (first..first + RECORDS as u64).map(usage).collect();
    serde_json::to_vec(&v).unwrap()
}

/// The rows of `batches` bodies as CSV in the usage table's columns.
const COLUMNS: &str = "id,iccid,start_at,end_at,traffic_type,rx_mib,tx_mib,total_mib,operator,mcc,mnc,country,rat,session_id,received_at,raw";

fn csv_rows(first: u64, n: u64, out: &mut impl Write) {
    let at = Utc::now().to_rfc3339();
    let mut w = csv::Writer::from_writer(out);
    for id in first..first + n {
        let v = usage(id);
        let raw = v.to_string();
        let sim = &v["sim"]["iccid"];
        let op = &v["operator"];
        w.write_record([
            id.to_string(),
            sim.as_str().unwrap().to_string(),
            v["start_timestamp"].as_str().unwrap().to_string(),
            v["end_timestamp"].as_str().unwrap().to_string(),
            "data".into(),
            "0.3".into(),
            "0.2".into(),
            "0.5".into(),
            op["name"].as_str().unwrap().to_string(),
            "262".into(),
            "01".into(),
            op["country"]["name"].as_str().unwrap().to_string(),
            "6".into(),
            v["detail"]["pdp_context"]["ipcan_session_id"]
                .as_str()
                .unwrap()
                .to_string(),
            at.clone(),
            raw,
        ])
        .unwrap();
    }
    w.flush().unwrap();
}

fn psql(url: &str, sql: &str) -> (Duration, String) {
    let t = Instant::now();
    let out = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        t.elapsed(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn rate(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut batches = 20u64;
    let mut rows = 10_000_000u64;
    let args: Vec<String> = std::env::args().collect();
    for w in args.windows(2) {
        match w[0].as_str() {
            "--batches" => batches = w[1].parse().expect("--batches N"),
            "--rows" => rows = w[1].parse().expect("--rows N"),
            _ => {}
        }
    }
    let n = batches * RECORDS as u64;
    println!(
        "Machine: {} cores; load average at start: {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let bodies: Vec<Vec<u8>> = (0..batches).map(|b| body(b * RECORDS as u64)).collect();
    let decoded: Vec<_> = bodies.iter().map(|b| decode_batch(b).unwrap()).collect();
    let dir = tempdir();
    let csv_path = dir.join("rows.csv");
    csv_rows(0, n, &mut std::fs::File::create(&csv_path).unwrap());

    // ---------------------------------------------------------- PostgreSQL
    let server = pg::PgServer::start().expect("PostgreSQL (initdb, pg_ctl) is needed");
    let url = server.database("ingest").await;
    let ledger = Ledger::open(&url).await.unwrap();
    let t = Instant::now();
    for b in &decoded {
        let out = ledger
            .ingest(&Ingest::new(&b.records, &b.raw))
            .await
            .unwrap();
        assert_eq!(out.inserted, RECORDS as u64);
    }
    let ingest = t.elapsed();
    let copy_url = server.database("copy").await;
    Ledger::open(&copy_url).await.unwrap();
    // Partitions as the ledger would have made them, so COPY routes alike.
    psql(&copy_url, "CREATE TABLE usage_y2026m11 PARTITION OF usage FOR VALUES FROM ('2026-11-01') TO ('2026-12-01')");
    let (copy, _) = psql(
        &copy_url,
        &format!(
            "\\copy usage ({COLUMNS}) FROM '{}' WITH (FORMAT csv)",
            csv_path.display()
        ),
    );
    let (_, count) = psql(&copy_url, "SELECT count(*) FROM usage");
    assert_eq!(count.trim(), n.to_string());
    println!("\n### Ingest of {batches} batches of {RECORDS} usage records ({n} rows)\n");
    println!("| database | path | seconds | rows/s | vs the database's own bulk path |");
    println!("| --- | --- | ---: | ---: | ---: |");
    println!(
        "| PostgreSQL | `Ledger::ingest` (one transaction per batch, UNNEST arrays) | {:.2} | {:.0} | {:.2} |",
        ingest.as_secs_f64(),
        rate(n, ingest),
        copy.as_secs_f64() / ingest.as_secs_f64()
    );
    println!(
        "| PostgreSQL | psql `\\copy ... FROM csv` (one transaction) | {:.2} | {:.0} | 1.00 |",
        copy.as_secs_f64(),
        rate(n, copy)
    );

    // -------------------------------------------------------------- SQLite
    let db = dir.join("fleet.db");
    let lite = Ledger::open(&format!("sqlite:{}", db.display()))
        .await
        .unwrap();
    let t = Instant::now();
    for b in &decoded {
        lite.ingest(&Ingest::new(&b.records, &b.raw)).await.unwrap();
    }
    let lite_ingest = t.elapsed();
    let import_db = dir.join("import.db");
    Ledger::open(&format!("sqlite:{}", import_db.display()))
        .await
        .unwrap();
    let script = format!(
        "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nCREATE TEMP TABLE staging({COLUMNS});\n.import --csv {} staging\nBEGIN;\nINSERT INTO usage ({COLUMNS}) SELECT * FROM staging;\nCOMMIT;\n",
        csv_path.display()
    );
    let t = Instant::now();
    let out = Command::new("sqlite3")
        .arg(&import_db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(script.as_bytes())?;
            c.wait_with_output()
        })
        .expect("sqlite3 runs");
    let import = t.elapsed();
    assert!(out.status.success());
    println!(
        "| SQLite | `Ledger::ingest` (one transaction per batch) | {:.2} | {:.0} | {:.2} |",
        lite_ingest.as_secs_f64(),
        rate(n, lite_ingest),
        import.as_secs_f64() / lite_ingest.as_secs_f64()
    );
    println!("| SQLite | sqlite3 `.import --csv` into a staging table, then one INSERT | {:.2} | {:.0} | 1.00 |", import.as_secs_f64(), rate(n, import));

    // ------------------------------------------------ queries at `rows` rows
    if rows > 0 {
        let big = server.database("big").await;
        let ledger = Ledger::open(&big).await.unwrap();
        psql(&big, "CREATE TABLE usage_y2026m11 PARTITION OF usage FOR VALUES FROM ('2026-11-01') TO ('2026-12-01')");
        psql(&big, "CREATE TABLE usage_y2026m12 PARTITION OF usage FOR VALUES FROM ('2026-12-01') TO ('2027-01-01')");
        let t = Instant::now();
        let chunk = 1_000_000u64;
        let mut loaded = 0;
        while loaded < rows {
            let k = chunk.min(rows - loaded);
            let path = dir.join("chunk.csv");
            csv_rows(loaded, k, &mut std::fs::File::create(&path).unwrap());
            psql(
                &big,
                &format!(
                    "\\copy usage ({COLUMNS}) FROM '{}' WITH (FORMAT csv)",
                    path.display()
                ),
            );
            loaded += k;
        }
        // COPY bypasses the ledger's ingest, which keeps the daily rollup:
        // fill it as the ledger's migration 2 does from stored rows.
        psql(&big, "INSERT INTO usage_daily SELECT (end_at AT TIME ZONE 'UTC')::date, coalesce(country, ''), coalesce(operator, ''), coalesce(rat, ''), traffic_type, coalesce(sum(total_mib), 0), coalesce(sum(rx_mib), 0), coalesce(sum(tx_mib), 0), count(*) FROM usage GROUP BY 1, 2, 3, 4, 5");
        psql(&big, "ANALYZE usage");
        psql(&big, "ANALYZE usage_daily");
        println!("\n### Queries with {rows} usage rows ({SIMS} SIMs, November 2026; loaded in {:.0} s)\n", t.elapsed().as_secs_f64());
        let from = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let one_sim = "89882806660".to_string() + "00000042";
        let cases = [
            ("one SIM's month, per day", format!(
                "SELECT date_trunc('day', end_at, 'UTC'), sum(total_mib) FROM usage WHERE iccid = '{one_sim}' AND end_at >= '2026-11-01' AND end_at < '2026-12-01' GROUP BY 1")),
            ("the fleet's day by country, one day", "SELECT country, sum(total_mib) FROM usage WHERE end_at >= '2026-11-15' AND end_at < '2026-11-16' GROUP BY 1".to_string()),
        ];
        println!("| query | ms (median of 5) |");
        println!("| --- | ---: |");
        let client = server.client("big").await;
        for (name, sql) in &cases {
            let mut times = Vec::new();
            for _ in 0..5 {
                let t = Instant::now();
                client.query(sql.as_str(), &[]).await.unwrap();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            println!("| {name} | {:.1} |", times[2]);
        }
        // The library's own query for the month, through the pool.
        let q = UsageQuery::new(from, to)
            .unwrap()
            .group(Group::Country)
            .granularity(Granularity::Day);
        let t = Instant::now();
        let totals = ledger.usage_report(&q).await.unwrap();
        println!(
            "| `Ledger::usage_report`: the month by day and country, from the daily rollup ({} rows) | {:.1} |",
            totals.len(),
            t.elapsed().as_secs_f64() * 1000.0
        );
        // One second more than whole days: the same question from the rows.
        let raw_q = UsageQuery::new(from, to + chrono::Duration::seconds(1))
            .unwrap()
            .group(Group::Country)
            .granularity(Granularity::Day);
        let t = Instant::now();
        let raw = ledger.usage_report(&raw_q).await.unwrap();
        println!(
            "| the same from the rows (a period that is not whole days; {} rows) | {:.1} |",
            raw.len(),
            t.elapsed().as_secs_f64() * 1000.0
        );
        assert_eq!(totals.len(), raw.len(), "the rollup and the rows disagree");
        for (name, sql) in &cases {
            let (_, plan) = psql(&big, &format!("EXPLAIN (COSTS OFF) {sql}"));
            println!("\nPlan, {name}:\n\n```text\n{}```", plan);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("once-bench-ledger-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // psql and sqlite3 may run as another user (root runs PostgreSQL as
    // postgres); the CSV must be readable.
    let _ = Command::new("chmod").args(["755"]).arg(&dir).status();
    dir
}
