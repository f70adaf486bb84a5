//! `once`: a command-line tool for the whole 1NCE IoT connectivity
//! Management API, built on [`once_sdk`] (no HTTP of its own).
//!
//! The binary is a thin `main` around [`run`], so tests and the Python
//! wheel (`pip install once_sdk` installs the same `once` command) call it
//! in-process.
//!
//! ```text
//! $ once --sandbox sims list --page-size 3
//! $ once sims top-up --file low.txt --yes
//! $ once help exit-codes
//! ```
//!
//! Conventions (as gh and the aws CLI): a table on a terminal, `-o
//! json|jsonl|csv|table` everywhere with the 1NCE API's field names,
//! `--all` streams every page as it arrives (memory of one page, `| head`
//! stops the listing), confirmation before anything that
//! costs money or changes a device, `--dry-run`, documented exit codes
//! ([`exit`]), credentials from the environment or profiles ([`config`]).
#![warn(missing_docs)]

pub mod batch;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod exit;
pub mod operations;
pub mod output;
pub mod safety;
pub mod token_cache;

use std::ffi::OsString;

use clap::Parser;

/// `--debug`: the SDK's call spans (operation, method, path template,
/// status, latency, request id) and its per-attempt and retry events on
/// stderr. The SDK puts no secret in them. Where a subscriber is already
/// set (`once` inside the Python wheel), that one stays.
fn debug_log() {
    use tracing_subscriber::fmt::format::FmtSpan;
    use tracing_subscriber::prelude::*;
    let only_the_sdk = tracing_subscriber::filter::Targets::new()
        .with_target("once_sdk", tracing_subscriber::filter::LevelFilter::TRACE);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_filter(only_the_sdk);
    let _ = tracing_subscriber::registry().with(layer).try_init();
}

/// Runs `once` with these arguments (the first is the program name) and
/// returns the exit code. Output goes to stdout and stderr.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let rest: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    if rest == ["help", "exit-codes"] || rest == ["exit-codes", "--help"] {
        return match output::print_text(&format!("{}\n", exit::HELP)) {
            Ok(()) => exit::OK,
            Err(e) => {
                eprintln!("once: {}", e.message);
                e.code
            }
        };
    }
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    exit::OK
                }
                _ => exit::USAGE,
            };
        }
    };
    if cli.global.debug {
        debug_log();
    }
    let ctx = context::Ctx::new(&cli.global);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("once: cannot start: {e}");
            return exit::FAILED;
        }
    };
    let result = runtime.block_on(commands::dispatch(&ctx, cli.command));
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("once: {}", e.message);
            e.code
        }
    };
    // The in-process sandbox (if any) lives in ctx; drop it on the runtime.
    runtime.block_on(async move { drop(ctx) });
    code
}
