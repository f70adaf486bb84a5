//! Safe by default: confirmation for what costs money or changes a device,
//! and `--dry-run`.

use std::io::{BufRead, IsTerminal, Write};

use serde_json::{json, Value};

use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::Format;

/// Asks before `what` (e.g. "top up 3 SIMs (costs money)"). Passes with
/// `--yes`; asks on a terminal; refuses when stdin is not a terminal.
pub fn confirm(ctx: &Ctx, what: &str) -> Result<(), CliError> {
    if ctx.yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::new(
            exit::CANCELLED,
            format!(
                "refusing to {what} without confirmation: stdin is not a terminal; nothing was sent\n  \
                 hint: add --yes to go ahead, or --dry-run to see the requests"
            ),
        ));
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "About to {what}. Continue? [y/N] ");
    let _ = err.flush();
    drop(err);
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|e| CliError::new(exit::CANCELLED, format!("cannot read the answer: {e}")))?;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(CliError::new(
            exit::CANCELLED,
            "cancelled; nothing was sent",
        )),
    }
}

/// A request `--dry-run` shows instead of sending.
#[derive(Debug, Clone)]
pub struct Planned {
    /// HTTP method.
    pub method: &'static str,
    /// Path and query, e.g. `/v2/sims/8988.../topup`.
    pub path: String,
    /// JSON body, if any.
    pub body: Option<Value>,
}

impl Planned {
    /// A request without a body.
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            body: None,
        }
    }

    /// Adds a JSON body.
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
}

/// Prints the requests instead of sending them. Exit code 0.
pub fn print_plan(ctx: &Ctx, plan: &[Planned]) -> Result<i32, CliError> {
    let base = ctx.base_url();
    let base = base.trim_end_matches('/');
    eprintln!(
        "dry run: {} request{} not sent",
        plan.len(),
        if plan.len() == 1 { "" } else { "s" }
    );
    if ctx.out.format == Format::Table {
        let mut text = String::new();
        for p in plan {
            text.push_str(&format!("{} {base}{}\n", p.method, p.path));
            if let Some(b) = &p.body {
                let body = serde_json::to_string_pretty(b).unwrap_or_default();
                for line in body.lines() {
                    text.push_str("    ");
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
        print!("{text}");
        return Ok(exit::OK);
    }
    let records: Vec<Value> = plan
        .iter()
        .map(|p| json!({"method": p.method, "url": format!("{base}{}", p.path), "body": p.body}))
        .collect();
    ctx.out.list(&records, &[])?;
    Ok(exit::OK)
}
