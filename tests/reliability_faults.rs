//! The fault matrix: every fault the sandbox can inject against the six
//! kinds of call (GET, PUT, DELETE and three calls that cost money), once
//! (transient) and on every attempt (persistent). Each cell asserts the
//! outcome the design promises: idempotent calls succeed after retries or
//! fail with the right typed error; money calls are sent at most once unless
//! the request provably was not applied (connect refused, 429, 401), and a
//! call whose outcome cannot be known returns `Error::OutcomeUnknown`; the
//! sandbox's counters show how often each was applied. Nothing may panic.
//!
//! The table in docs/RELIABILITY.md is generated from the observed results:
//! `UPDATE_RELIABILITY=1 cargo test -p once-tests --test
//! reliability_faults` rewrites it; without the switch the test fails when
//! the committed table differs from what was observed.

mod reliability_support;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use once_sandbox::Fault;
use once_sdk::InMemoryTokenStore;
use reliability_support::{fast_retries, outcome, sandbox, CountingLimiter, Forwarder, Op};

/// Per-attempt timeout of the matrix clients; the injected delay is far
/// longer, so "timeout before response" always times out. Generous, so that
/// a busy machine does not turn other cells into timeouts.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(3);
/// Cells run at the same time (each with its own sandbox and clients).
const PARALLEL_CELLS: usize = 8;
const STALL: Duration = Duration::from_secs(120);
const OVERALL_TIMEOUT: Duration = Duration::from_secs(60);
/// Attempts with the matrix's retry policy (3 retries).
const ALL_ATTEMPTS: u64 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FaultRow {
    ConnectionRefused,
    TimeoutBeforeResponse,
    AppliedThen500,
    AppliedThenDropped,
    RateLimitedRetryAfter,
    RateLimitedNoRetryAfter,
    Status500,
    Status502,
    Status503,
    Status504,
    MalformedJson,
    TruncatedBody,
    HtmlErrorPage,
    ExpiredToken401,
}

use FaultRow::*;

impl FaultRow {
    const ALL: [FaultRow; 14] = [
        ConnectionRefused,
        TimeoutBeforeResponse,
        AppliedThen500,
        AppliedThenDropped,
        RateLimitedRetryAfter,
        RateLimitedNoRetryAfter,
        Status500,
        Status502,
        Status503,
        Status504,
        MalformedJson,
        TruncatedBody,
        HtmlErrorPage,
        ExpiredToken401,
    ];

    fn label(self) -> &'static str {
        match self {
            ConnectionRefused => "connection refused",
            TimeoutBeforeResponse => "timeout before response",
            AppliedThen500 => "applied, then 500",
            AppliedThenDropped => "applied, then connection dropped",
            RateLimitedRetryAfter => "429 with Retry-After",
            RateLimitedNoRetryAfter => "429 without Retry-After",
            Status500 => "500",
            Status502 => "502",
            Status503 => "503",
            Status504 => "504",
            MalformedJson => "malformed JSON (applied, 2xx)",
            TruncatedBody => "truncated body (applied)",
            HtmlErrorPage => "HTML error page (502)",
            ExpiredToken401 => "401, expired token",
        }
    }

    /// The sandbox fault (`None` for the two that are not request faults).
    fn fault(self) -> Option<Fault> {
        Some(match self {
            ConnectionRefused | ExpiredToken401 => return None,
            TimeoutBeforeResponse => Fault::delay(STALL),
            AppliedThen500 => Fault::apply_then_status(500),
            AppliedThenDropped => Fault::apply_then_drop(),
            RateLimitedRetryAfter => Fault::rate_limited(Duration::from_secs(1)),
            RateLimitedNoRetryAfter => Fault::rate_limited_without_retry_after(),
            Status500 => Fault::status(500),
            Status502 => Fault::status(502),
            Status503 => Fault::status(503),
            Status504 => Fault::status(504),
            MalformedJson => Fault::malformed_body(),
            TruncatedBody => Fault::truncated_body(),
            HtmlErrorPage => Fault::html(502),
        })
    }
}

/// What a cell ends in: the outcome, how many attempts the client made
/// (401 replays included), and for money calls how often the sandbox
/// applied it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    outcome: String,
    attempts: u64,
    applied: Option<u64>,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ×{}", self.outcome, self.attempts)?;
        if let Some(a) = self.applied {
            write!(f, " applied {a}")?;
        }
        Ok(())
    }
}

fn cell(outcome: &str, attempts: u64, applied: Option<u64>) -> Cell {
    Cell {
        outcome: outcome.to_string(),
        attempts,
        applied,
    }
}

/// The design's promise for one cell.
fn expected(row: FaultRow, persistent: bool, op: Op) -> Cell {
    if op.is_money() {
        let money = |o: &str, attempts, applied| cell(o, attempts, Some(applied));
        return match (row, persistent) {
            // Provably not applied: retried, applied exactly once.
            (ConnectionRefused | RateLimitedRetryAfter | RateLimitedNoRetryAfter, false) => {
                money("Ok", 2, 1)
            }
            (ExpiredToken401, false) => money("Ok", 2, 1),
            (ConnectionRefused, true) => money("Transport", ALL_ATTEMPTS, 0),
            (RateLimitedRetryAfter | RateLimitedNoRetryAfter, true) => {
                money("RateLimited", ALL_ATTEMPTS, 0)
            }
            // One token renewal and replay, then the refusal is final.
            (ExpiredToken401, true) => money("Auth 401", 2, 0),
            // 2xx with a garbled body: applied, and the SDK does not need the body.
            (MalformedJson, _) => money("Ok", 1, 1),
            // The server may have acted: never resent.
            (TimeoutBeforeResponse, _) => money("OutcomeUnknown(Timeout)", 1, 0),
            (Status500 | AppliedThen500, _) => money(
                "OutcomeUnknown(Api 500)",
                1,
                u64::from(row == AppliedThen500),
            ),
            (Status502 | HtmlErrorPage, _) => money("OutcomeUnknown(Api 502)", 1, 0),
            (Status503, _) => money("OutcomeUnknown(Api 503)", 1, 0),
            (Status504, _) => money("OutcomeUnknown(Api 504)", 1, 0),
            (AppliedThenDropped | TruncatedBody, _) => money("OutcomeUnknown(Transport)", 1, 1),
        };
    }
    let plain = |o: &str, attempts| cell(o, attempts, None);
    if row == MalformedJson {
        // 200 is success: not retried. GET must decode the body; PUT and
        // DELETE answers carry nothing the SDK reads.
        return plain(if op == Op::Get { "Decode" } else { "Ok" }, 1);
    }
    if !persistent {
        // The first DELETE was carried out, the answer lost: the retry finds
        // nothing to delete (documented on `sms().delete`).
        if op == Op::Delete && matches!(row, AppliedThen500 | AppliedThenDropped | TruncatedBody) {
            return plain("NotFound 404", 2);
        }
        return plain("Ok", 2);
    }
    match row {
        ExpiredToken401 => plain("Auth 401", 2),
        ConnectionRefused | AppliedThenDropped | TruncatedBody => plain("Transport", ALL_ATTEMPTS),
        TimeoutBeforeResponse => plain("Timeout", ALL_ATTEMPTS),
        RateLimitedRetryAfter | RateLimitedNoRetryAfter => plain("RateLimited", ALL_ATTEMPTS),
        Status500 | AppliedThen500 => plain("Api 500", ALL_ATTEMPTS),
        Status502 | HtmlErrorPage => plain("Api 502", ALL_ATTEMPTS),
        Status503 => plain("Api 503", ALL_ATTEMPTS),
        Status504 => plain("Api 504", ALL_ATTEMPTS),
        MalformedJson => unreachable!("handled above"),
    }
}

/// Runs one cell against its own sandbox.
async fn observe(row: FaultRow, persistent: bool, op: Op) -> Cell {
    let sb = sandbox(2).await;
    let iccid = sb.iccids()[0].clone();
    let sms_id = sb.receive_sms(&iccid, "to be deleted").unwrap();

    // A token fetched beforehand (shared store), so that the attempts
    // counted below are the call's own.
    let store = Arc::new(InMemoryTokenStore::new());
    let warm = sb
        .client_builder()
        .token_store(store.clone())
        .build()
        .unwrap();
    warm.access_token().await.unwrap();

    let limiter = CountingLimiter::new();
    let mut builder = sb
        .client_builder()
        .token_store(store)
        .rate_limiter(limiter.clone())
        .retry_policy(fast_retries())
        .attempt_timeout(ATTEMPT_TIMEOUT)
        .operation_timeout(OVERALL_TIMEOUT);
    let mut _forwarder = None;
    if row == ConnectionRefused {
        // Nothing listens on the forwarder's port until (transient) just
        // before the second attempt.
        let fwd = Forwarder::new(sb.addr());
        builder = builder.base_url(fwd.url());
        if !persistent {
            limiter.up_before_attempt(op.group(), 2, fwd.clone());
        }
        _forwarder = Some(fwd);
    }
    let client = builder.build().unwrap();

    if row == ExpiredToken401 {
        if persistent {
            let (m, p) = op.route();
            sb.inject(Fault::status(401).method(m).path(p).always());
        } else {
            sb.expire_tokens();
        }
    }
    if let Some(f) = row.fault() {
        let (m, p) = op.route();
        let f = f.method(m).path(p);
        sb.inject(if persistent { f.always() } else { f });
    }

    let task = tokio::spawn(async move { op.run(&client, &iccid, sms_id).await });
    let outcome = match task.await {
        Ok(r) => outcome(&r),
        Err(e) => format!("panic: {e}"),
    };
    Cell {
        outcome,
        attempts: limiter.attempts(op.group()),
        applied: op.is_money().then(|| op.applied(&sb.stats())),
    }
}

const BEGIN: &str =
    "<!-- BEGIN fault-matrix: generated by tests/reliability_faults.rs; do not edit -->";
const END: &str = "<!-- END fault-matrix -->";

/// One row of the table: the fault, whether it persists, (expected, observed) per call.
type Row = (FaultRow, bool, Vec<(Cell, Cell)>);

fn render(results: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(BEGIN);
    out.push_str("\n\n| fault | ");
    out.push_str(
        &Op::ALL
            .iter()
            .map(|o| o.label())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    out.push_str(" |\n| --- |");
    out.push_str(&" --- |".repeat(Op::ALL.len()));
    out.push('\n');
    for (row, persistent, cells) in results {
        let how = if *persistent { "every attempt" } else { "once" };
        out.push_str(&format!("| {} ({how}) |", row.label()));
        for (exp, obs) in cells {
            let mark = if exp == obs { "✓" } else { "✗" };
            out.push_str(&format!(" expected: {exp}<br>observed: {obs} {mark} |"));
        }
        out.push('\n');
    }
    let total: usize = results.iter().map(|r| r.2.len()).sum();
    let failed: usize = results
        .iter()
        .flat_map(|r| &r.2)
        .filter(|(e, o)| e != o)
        .count();
    out.push_str(&format!(
        "\n{total} cells, {} as expected, {failed} not.\n\n{END}",
        total - failed
    ));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_matrix() {
    let permits = Arc::new(tokio::sync::Semaphore::new(PARALLEL_CELLS));
    let mut tasks = Vec::new();
    for row in FaultRow::ALL {
        for persistent in [false, true] {
            for op in Op::ALL {
                let permits = Arc::clone(&permits);
                tasks.push(tokio::spawn(async move {
                    let _permit = permits.acquire_owned().await.unwrap();
                    observe(row, persistent, op).await
                }));
            }
        }
    }
    let mut results = Vec::new();
    let mut tasks = tasks.into_iter();
    let mut mismatches = Vec::new();
    for row in FaultRow::ALL {
        for persistent in [false, true] {
            let mut cells = Vec::new();
            for op in Op::ALL {
                let observed = tasks.next().unwrap().await.expect("cell task panicked");
                let exp = expected(row, persistent, op);
                if exp != observed {
                    mismatches.push(format!(
                        "{} ({}) × {}: expected {exp}, observed {observed}",
                        row.label(),
                        if persistent { "every attempt" } else { "once" },
                        op.short()
                    ));
                }
                cells.push((exp, observed));
            }
            results.push((row, persistent, cells));
        }
    }
    let table = render(&results);

    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/RELIABILITY.md");
    let doc = std::fs::read_to_string(&file).expect("docs/RELIABILITY.md exists");
    let (start, end) = match (doc.find(BEGIN), doc.find(END)) {
        (Some(s), Some(e)) if s < e => (s, e + END.len()),
        _ => panic!("docs/RELIABILITY.md lacks the fault-matrix markers"),
    };
    if std::env::var("UPDATE_RELIABILITY").as_deref() == Ok("1") {
        let new = format!("{}{table}{}", &doc[..start], &doc[end..]);
        std::fs::write(&file, new).unwrap();
    } else {
        assert!(
            doc[start..end] == table,
            "the fault matrix in docs/RELIABILITY.md is not what this run observed; \
             run `UPDATE_RELIABILITY=1 cargo test -p once-tests --test reliability_faults`\n{table}"
        );
    }
    assert!(
        mismatches.is_empty(),
        "cells that broke the design's promise:\n{}",
        mismatches.join("\n")
    );
}
