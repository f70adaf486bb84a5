//! Batches of SIMs: ICCIDs from arguments, a file or stdin, worked on at
//! the SDK's pacing with bounded concurrency, one result per ICCID and a
//! summary.

use std::future::Future;
use std::io::{BufRead, IsTerminal};

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use once_sdk::Iccid;
use serde_json::{json, Value};

use crate::cli::Iccids;
use crate::context::Ctx;
use crate::exit::{self, CliError};

/// ICCIDs to work on, and whether they came as a batch (several, a file or
/// stdin) rather than as one argument.
#[derive(Debug)]
pub struct Batch {
    /// The ICCIDs, in input order, without repeats.
    pub iccids: Vec<Iccid>,
    /// More than one ICCID, or read from a file or stdin.
    pub is_batch: bool,
}

/// Parses one ICCID with an error that says what to do.
pub fn parse_iccid(raw: &str) -> Result<Iccid, String> {
    let s = raw.trim();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) && !(19..=20).contains(&s.len()) {
        return Err(format!(
            "ICCID must be 19 or 20 digits: got {} ({s})",
            s.len()
        ));
    }
    s.parse::<Iccid>()
        .map_err(|e| format!("invalid ICCID {s:?}: {}", e.rule))
}

/// The ICCID of a single-SIM command.
pub fn one_iccid(raw: &str) -> Result<Iccid, CliError> {
    parse_iccid(raw).map_err(CliError::usage)
}

/// Reads the ICCIDs of a batch; all are checked before anything is sent.
/// Lines may hold more after the ICCID (`,` or whitespace: a CSV export
/// works); blank lines, `#` comments and a header `iccid` are skipped;
/// repeats are dropped (a top-up must not be paid twice).
pub fn read(src: &Iccids) -> Result<Batch, CliError> {
    let mut raw: Vec<(String, String)> = Vec::new();
    let mut from_input = false;
    for (i, a) in src.iccids.iter().enumerate() {
        if a == "-" {
            from_input = true;
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprintln!("once: reading ICCIDs from stdin, one per line (Ctrl-D to end)");
            }
            lines(stdin.lock(), "stdin", &mut raw)?;
        } else {
            raw.push((a.clone(), format!("argument {}", i + 1)));
        }
    }
    if let Some(path) = &src.file {
        from_input = true;
        let f = std::fs::File::open(path).map_err(|e| {
            CliError::usage(format!("cannot read ICCIDs from {}: {e}", path.display()))
        })?;
        lines(
            std::io::BufReader::new(f),
            &path.display().to_string(),
            &mut raw,
        )?;
    }
    if raw.is_empty() {
        return Err(CliError::usage(
            "no ICCIDs given: pass them as arguments, with --file PATH, or `-` to read them from stdin",
        ));
    }
    let mut iccids: Vec<Iccid> = Vec::new();
    let mut errors = Vec::new();
    for (s, place) in &raw {
        match parse_iccid(s) {
            Ok(i) if iccids.contains(&i) => {
                eprintln!("once: {i} given twice ({place}); it is worked on once");
            }
            Ok(i) => iccids.push(i),
            Err(e) => errors.push(format!("{e} ({place})")),
        }
    }
    if !errors.is_empty() {
        let n = errors.len();
        let mut msg = errors.into_iter().take(10).collect::<Vec<_>>().join("\n");
        if n > 10 {
            msg.push_str(&format!("\n... and {} more", n - 10));
        }
        msg.push_str("\nnothing was sent");
        return Err(CliError::usage(msg));
    }
    let is_batch = from_input || iccids.len() > 1;
    Ok(Batch { iccids, is_batch })
}

fn lines(r: impl BufRead, name: &str, out: &mut Vec<(String, String)>) -> Result<(), CliError> {
    for (n, line) in r.lines().enumerate() {
        let line =
            line.map_err(|e| CliError::usage(format!("cannot read ICCIDs from {name}: {e}")))?;
        let line = line.split('#').next().unwrap_or("").trim();
        let first = line
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_matches('"');
        if first.is_empty() || first.eq_ignore_ascii_case("iccid") {
            continue;
        }
        out.push((first.to_string(), format!("line {} of {name}", n + 1)));
    }
    Ok(())
}

/// The result of one SIM.
pub type Results = Vec<(Iccid, Result<Value, once_sdk::Error>)>;

/// Runs `f` for every ICCID, at most `ctx.concurrency` at once (the SDK's
/// rate limiter paces the calls), results in input order. A progress bar
/// shows on stderr when it is a terminal and the batch has several SIMs.
///
/// The token is fetched first: with wrong credentials the batch stops
/// before its first SIM (exit code 4) instead of failing every SIM.
pub async fn run<F, Fut>(ctx: &Ctx, iccids: &[Iccid], f: F) -> Result<Results, CliError>
where
    F: Fn(Iccid) -> Fut,
    Fut: Future<Output = Result<Value, once_sdk::Error>>,
{
    ctx.client().await?.access_token().await?;
    let bar = progress(iccids.len() as u64, iccids.len() > 1, "SIMs");
    let results: Results = futures::stream::iter(iccids.iter().cloned())
        .map(|i| {
            let fut = f(i.clone());
            let bar = bar.clone();
            async move {
                let r = fut.await;
                bar.inc(1);
                (i, r)
            }
        })
        .buffered(ctx.concurrency)
        .collect()
        .await;
    bar.finish_and_clear();
    Ok(results)
}

/// A progress bar on stderr, or a hidden one when stderr is not a terminal.
pub fn progress(total: u64, wanted: bool, what: &str) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr_with_hz(10),
    );
    let style = ProgressStyle::with_template(&format!(
        "{{bar:30}} {{pos}}/{{len}} {what} {{elapsed}} eta {{eta}}"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// Prints the results of a read-only batch: the found records on stdout
/// (one record alone when a single ICCID was given), failures and a summary
/// on stderr. Returns the exit code.
pub fn report_reads(
    ctx: &Ctx,
    batch: &Batch,
    results: Results,
    columns: &[&str],
) -> Result<i32, CliError> {
    if !batch.is_batch {
        if let Some((_, r)) = results.into_iter().next() {
            let v = r?;
            ctx.out.one(&v)?;
        }
        return Ok(exit::OK);
    }
    let mut found = Vec::new();
    let mut failed = 0;
    for (iccid, r) in results {
        match r {
            Ok(v) => found.push(v),
            Err(e) => {
                failed += 1;
                eprintln!("{iccid}: {}", CliError::from(e));
            }
        }
    }
    ctx.out.list(&found, columns)?;
    eprintln!(
        "{}: {} ok, {failed} failed",
        crate::commands::sims_text(found.len() + failed),
        found.len()
    );
    Ok(if failed > 0 { exit::PARTIAL } else { exit::OK })
}

/// Prints the results of a batch that changes things: one record per ICCID
/// (`iccid`, `result` = ok | failed | unknown, `detail`) on stdout, what to
/// check for every unknown outcome and a summary on stderr. `check` says
/// how to verify an unknown outcome; `{iccid}` is replaced.
pub fn report_actions(
    ctx: &Ctx,
    results: Results,
    done: &str,
    check: &str,
) -> Result<i32, CliError> {
    let mut records = Vec::new();
    let (mut ok, mut failed, mut unknown) = (0, 0, 0);
    for (iccid, r) in results {
        let rec = match r {
            Ok(detail) => {
                ok += 1;
                json!({"iccid": iccid, "result": "ok", "detail": detail_text(&detail, done)})
            }
            Err(e @ once_sdk::Error::OutcomeUnknown { .. }) => {
                unknown += 1;
                eprintln!(
                    "{iccid}: OUTCOME UNKNOWN: {e}\n  check: {} before running it again",
                    check.replace("{iccid}", iccid.as_str())
                );
                json!({"iccid": iccid, "result": "unknown", "detail": e.to_string()})
            }
            Err(e) => {
                failed += 1;
                let err = CliError::from(e);
                eprintln!("{iccid}: {err}");
                json!({"iccid": iccid, "result": "failed", "detail": err.message.lines().next().unwrap_or("")})
            }
        };
        records.push(rec);
    }
    ctx.out.list(&records, &["iccid", "result", "detail"])?;
    let mut summary = format!(
        "{}: {ok} {done}, {failed} failed",
        crate::commands::sims_text(ok + failed + unknown)
    );
    if unknown > 0 {
        summary.push_str(&format!(", {unknown} outcome unknown"));
    }
    eprintln!("{summary}");
    Ok(if unknown > 0 {
        exit::OUTCOME_UNKNOWN
    } else if failed > 0 {
        exit::PARTIAL
    } else {
        exit::OK
    })
}

fn detail_text(v: &Value, done: &str) -> Value {
    match v {
        Value::Null => Value::String(done.to_string()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iccid_of_18_digits_says_what_is_wrong() {
        assert_eq!(
            parse_iccid("898822806661234567").unwrap_err(),
            "ICCID must be 19 or 20 digits: got 18 (898822806661234567)"
        );
    }

    #[test]
    fn lines_take_the_first_field_and_skip_headers_and_comments() {
        let input = "iccid,label\n8988228066612345678,pump\n\n# note\n 8988228066612345679 x\n";
        let mut out = Vec::new();
        lines(input.as_bytes(), "stdin", &mut out).unwrap();
        let got: Vec<&str> = out.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(got, ["8988228066612345678", "8988228066612345679"]);
        assert_eq!(out[1].1, "line 5 of stdin");
    }
}
