//! fleet-report: one line per SIM with its status, IMEI, data and SMS quota
//! left, quota expiry and the last 30 days of usage, as a table on the
//! terminal or as CSV.
//!
//! What it shows:
//! - every SIM, page after page, with `client.sims().list().pages()` (1NCE's
//!   `q` filter with `--filter`);
//! - the per-SIM calls (data quota, SMS quota, v1 usage) run with bounded
//!   concurrency (`try_buffer_unordered`); there is no sleep and no 429
//!   handling here because the SDK's rate limiter paces the calls at 1NCE's
//!   published limits (10/s for `/sims`) however many are in flight;
//! - a progress bar on stderr (hidden when stderr is not a terminal), so
//!   stdout stays clean for the CSV.
//!
//! ```text
//! cargo run -p fleet-report                          # table, local sandbox
//! cargo run -p fleet-report -- --csv > fleet.csv     # CSV
//! cargo run -p fleet-report -- --csv --output fleet.csv --filter imei:35
//! ```

use std::io::Write;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Parser;
use futures::{FutureExt, TryStreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use once_sdk::{Client, Sim, Timestamp};
use serde::Serialize;

/// Every SIM with status, IMEI, quota left, expiry and recent usage.
///
/// Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET
/// are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Write CSV instead of a table.
    #[arg(long)]
    csv: bool,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "PATH")]
    output: Option<std::path::PathBuf>,
    /// Only SIMs matching 1NCE's `q` filter, e.g. `imei:3530` or
    /// `ip_address:10.0.1.17` (comma separated for several).
    #[arg(long, value_name = "Q")]
    filter: Option<String>,
    /// Usage over this many days up to today (1NCE keeps 6 months).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=180))]
    days: u64,
    /// SIMs looked at in parallel (the SDK's rate limiter sets the pace).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64))]
    concurrency: u32,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

/// One line of the report. Empty cells are values 1NCE did not send (or
/// could not be fetched: see `error`).
#[derive(Debug, Serialize)]
struct Row {
    iccid: String,
    label: Option<String>,
    status: Option<String>,
    imei: Option<String>,
    data_left_mb: Option<f64>,
    data_total_mb: Option<f64>,
    sms_left: Option<f64>,
    sms_total: Option<f64>,
    data_expiry: Option<NaiveDate>,
    sms_expiry: Option<NaiveDate>,
    data_used_mb: Option<f64>,
    sms_used: Option<f64>,
    error: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("fleet-report", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let conn = common::connect("fleet-report", &args.connect).await?;
    let client = &conn.client;
    let since = Utc::now().date_naive() - chrono::Days::new(args.days - 1);

    let bar = ProgressBar::new(0).with_style(ProgressStyle::with_template(
        "{spinner} {pos}/{len} SIMs [{wide_bar}] {eta} left",
    )?);

    // Every SIM, 100 per page; the page's X-Total-Count sets the bar's length.
    let mut list = client.sims().list().page_size(100);
    if let Some(q) = &args.filter {
        list = list.filter(q.clone());
    }
    let pages_bar = bar.clone();
    let sims = list
        .pages()
        .map_ok(move |page| {
            if let Some(total) = page.total_count {
                pages_bar.set_length(total);
            }
            futures::stream::iter(page.items.into_iter().map(Ok::<_, once_sdk::Error>))
        })
        .try_flatten();

    // Up to `concurrency` SIMs at a time; the SDK's rate limiter paces the calls.
    let mut rows: Vec<Row> = sims
        .map_ok(|sim| sim_row(client, sim, since).map(Ok))
        .try_buffer_unordered(args.concurrency as usize)
        .inspect_ok(|_| bar.inc(1))
        .try_collect()
        .await?;
    bar.finish_and_clear();
    rows.sort_by(|a, b| a.iccid.cmp(&b.iccid));

    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    if args.csv {
        write_csv(out, &rows)?;
    } else {
        write_table(out, &rows)?;
    }

    let failed = rows.iter().filter(|r| r.error.is_some()).count();
    let used: f64 = rows.iter().filter_map(|r| r.data_used_mb).sum();
    eprintln!(
        "fleet-report: {} SIMs, {:.1} MB used in the last {} days{}{}",
        rows.len(),
        used,
        args.days,
        if failed > 0 {
            format!(", {failed} with errors (see the error column)")
        } else {
            String::new()
        },
        match &args.output {
            Some(path) => format!("; written to {}", path.display()),
            None => String::new(),
        }
    );
    Ok(())
}

/// The SIM's quotas and usage, fetched together. A failed call leaves its
/// cells empty and is noted in `error`, so one bad SIM does not stop a scan
/// of thousands.
async fn sim_row(client: &Client, sim: Sim, since: NaiveDate) -> Row {
    let iccid = &sim.iccid;
    let sims = client.sims();
    let (data, sms, usage) = tokio::join!(
        sims.data_quota(iccid),
        sims.sms_quota(iccid),
        client.v1().sims().usage(iccid).since(since).send(),
    );
    let mut errors = Vec::new();
    let data = data
        .map_err(|e| errors.push(format!("data quota: {e}")))
        .ok();
    let sms = sms.map_err(|e| errors.push(format!("SMS quota: {e}"))).ok();
    let usage = usage.map_err(|e| errors.push(format!("usage: {e}"))).ok();
    let day = |t: &Option<Timestamp>| t.map(|t| t.date_naive());
    Row {
        iccid: iccid.to_string(),
        label: sim.label,
        status: sim.status.map(|s| s.to_string()),
        imei: sim.imei.map(|i| i.to_string()),
        data_left_mb: data.as_ref().and_then(|q| q.volume),
        data_total_mb: data.as_ref().and_then(|q| q.total_volume),
        sms_left: sms.as_ref().and_then(|q| q.volume),
        sms_total: sms.as_ref().and_then(|q| q.total_volume),
        data_expiry: data.as_ref().and_then(|q| day(&q.expiry_date)),
        sms_expiry: sms.as_ref().and_then(|q| day(&q.expiry_date)),
        // Sums of 1NCE's 6-decimal figures, rounded back to 6 decimals.
        data_used_mb: usage
            .as_ref()
            .map(|u| (u.data_volume() * 1e6).round() / 1e6),
        sms_used: usage.as_ref().map(|u| u.sms_volume()),
        error: (!errors.is_empty()).then(|| errors.join("; ")),
    }
}

fn write_csv(out: impl Write, rows: &[Row]) -> Result<(), Box<dyn std::error::Error>> {
    let mut csv = csv::Writer::from_writer(out);
    for row in rows {
        csv.serialize(row)?;
    }
    csv.flush()?;
    Ok(())
}

fn write_table(mut out: impl Write, rows: &[Row]) -> std::io::Result<()> {
    let num =
        |v: Option<f64>, decimals: usize| v.map_or("-".to_string(), |v| format!("{v:.decimals$}"));
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let header = [
        "ICCID",
        "LABEL",
        "STATUS",
        "IMEI",
        "DATA LEFT MB",
        "SMS LEFT",
        "EXPIRES",
        "USED MB",
        "USED SMS",
        "ERROR",
    ];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            [
                r.iccid.clone(),
                text(&r.label),
                text(&r.status),
                text(&r.imei),
                num(r.data_left_mb, 1),
                num(r.sms_left, 0),
                r.data_expiry.map_or("-".into(), |d| d.to_string()),
                num(r.data_used_mb, 1),
                num(r.sms_used, 0),
                r.error.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // Numbers right-aligned (columns 4 to 8), text left-aligned.
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let mut parts = Vec::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            parts.push(match i {
                4 | 5 | 7 | 8 => format!("{cell:>w$}"),
                _ => format!("{cell:<w$}"),
            });
        }
        writeln!(out, "{}", parts.join("  ").trim_end())
    };
    line(&mut out, &header.map(String::from))?;
    for row in &cells {
        line(&mut out, row)?;
    }
    out.flush()
}
