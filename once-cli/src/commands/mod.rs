//! One module per resource; each command validates its input, honours
//! `--dry-run` and confirmation, calls the SDK and prints the result.

pub mod account;
pub mod ledger;
pub mod meta;
pub mod os;
pub mod sandbox;
pub mod sims;
pub mod sms;
pub mod v1;

use std::io::IsTerminal;

use std::future::Future;

use futures::future::BoxFuture;
use futures::StreamExt;
use once_sdk::{Client, Iccid, Page, PageStream};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::batch;
use crate::cli::{Command, Iccids, Paging};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::output::{to_value, ListWriter};
use crate::safety::{confirm, print_plan, Planned};

/// Runs a parsed command.
pub async fn dispatch(ctx: &Ctx, command: Command) -> Result<i32, CliError> {
    match command {
        Command::Sims(c) => sims::run(ctx, c).await,
        Command::Sms(c) => sms::run(ctx, c).await,
        Command::Orders(c) => account::orders(ctx, c).await,
        Command::Products(c) => account::products(ctx, c).await,
        Command::Support(c) => account::support(ctx, c).await,
        Command::V1(c) => v1::run(ctx, c).await,
        Command::Os(c) => os::run(ctx, c).await,
        Command::Usage(a) => ledger::usage(ctx, a).await,
        Command::Events(a) => ledger::events(ctx, a).await,
        Command::Policy(c) => ledger::policy(ctx, c).await,
        Command::Token(a) => meta::token(ctx, a).await,
        Command::Configure(a) => meta::configure(ctx, a),
        Command::Config(crate::cli::ConfigCmd::Show) => meta::config_show(ctx).await,
        Command::Sandbox(c) => sandbox::run(ctx, c).await,
        Command::Completions { shell } => meta::completions(shell),
    }
}

/// A list of the SDK that can fetch one page or stream every page.
pub trait Pager<T>: Sized {
    /// One page (exactly one request).
    fn one_page(self) -> BoxFuture<'static, once_sdk::Result<Page<T>>>;
    /// Every page from the requested one (the SDK fetches the next page
    /// while the current one is handled).
    fn every_page(self) -> PageStream<T>;
}

impl<T: DeserializeOwned + Send + 'static> Pager<T> for once_sdk::List<T> {
    fn one_page(self) -> BoxFuture<'static, once_sdk::Result<Page<T>>> {
        Box::pin(self.send())
    }
    fn every_page(self) -> PageStream<T> {
        self.pages()
    }
}

/// Prints one page (one request), or every page with `--all`: streamed,
/// each page printed as it arrives (a progress bar on a terminal), and the
/// listing stopped when standard output closes (`| head`).
pub async fn show_pages<T: Serialize, L: Pager<T>>(
    ctx: &Ctx,
    list: L,
    paging: &Paging,
    columns: &[&str],
    what: &str,
) -> Result<i32, CliError> {
    if !paging.all {
        let page = list.one_page().await?;
        let items: Vec<Value> = page.items.iter().map(to_value).collect();
        if page.has_next() && std::io::stderr().is_terminal() {
            let of = page
                .total_pages
                .map_or(String::new(), |n| format!(" of {n}"));
            let count = page
                .total_count
                .map_or(String::new(), |n| format!(" ({n} {what})"));
            eprintln!(
                "page {}{of}{count}; --all for every page, --page N for another",
                page.page
            );
        }
        ctx.out.list(&items, columns)?;
        return Ok(exit::OK);
    }
    let mut pages = list.every_page();
    let mut writer = ListWriter::new(&ctx.out, columns);
    let mut bar = None;
    while let Some(page) = pages.next().await {
        let page = page?;
        let items: Vec<Value> = page.items.iter().map(to_value).collect();
        if !writer.write(&items)? {
            // `| head`: the reader has what it wanted; stop the listing.
            return Ok(exit::OK);
        }
        // A bar only when the output goes elsewhere (a file): on a
        // terminal the lines themselves show the progress.
        let bar = bar.get_or_insert_with(|| {
            let redirected = !std::io::stdout().is_terminal();
            batch::progress(page.total_count.unwrap_or(0), redirected, what)
        });
        bar.set_position(writer.written());
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    writer.finish()?;
    Ok(exit::OK)
}

/// A read of every SIM of a batch: one record per SIM (the record alone for
/// a single ICCID argument), failures and a summary on stderr. `f` gets
/// the client and one ICCID; the input is checked before anything else.
pub async fn read_each<F, Fut>(
    ctx: &Ctx,
    src: &Iccids,
    columns: &[&str],
    f: F,
) -> Result<i32, CliError>
where
    F: Fn(Client, Iccid) -> Fut,
    Fut: Future<Output = once_sdk::Result<Value>>,
{
    let b = batch::read(src)?;
    let client = ctx.client().await?.clone();
    let results = batch::run(ctx, &b.iccids, |i| f(client.clone(), i)).await?;
    batch::report_reads(ctx, &b, results, columns)
}

/// What a per-SIM action says: the question before it (`{n}` becomes
/// "3 SIMs"), the word for success, and how to check an unknown outcome
/// (`{iccid}` becomes the SIM).
pub struct Action<'a> {
    /// E.g. "top up {n} (costs money)".
    pub ask: &'a str,
    /// E.g. "topped up".
    pub done: &'a str,
    /// E.g. "`once sims quota {iccid}` shows whether the top-up was applied;".
    pub check: &'a str,
}

/// An action on every SIM of a batch, one request each: `--dry-run` prints
/// `plan` of every SIM; otherwise confirmation, then `f` per SIM at the
/// SDK's pacing, one result per SIM and a summary.
pub async fn act_each<P, F, Fut>(
    ctx: &Ctx,
    src: &Iccids,
    action: Action<'_>,
    plan: P,
    f: F,
) -> Result<i32, CliError>
where
    P: Fn(&Iccid) -> Planned,
    F: Fn(Client, Iccid) -> Fut,
    Fut: Future<Output = once_sdk::Result<Value>>,
{
    let b = batch::read(src)?;
    if ctx.dry_run {
        let requests: Vec<Planned> = b.iccids.iter().map(plan).collect();
        return print_plan(ctx, &requests);
    }
    confirm(ctx, &action.ask.replace("{n}", &sims_text(b.iccids.len())))?;
    let client = ctx.client().await?.clone();
    let results = batch::run(ctx, &b.iccids, |i| f(client.clone(), i)).await?;
    batch::report_actions(ctx, results, action.done, action.check)
}

/// A per-SIM record: the model's JSON with the ICCID added as `iccid`
/// (quota, status and usage carry no ICCID of their own).
pub fn with_iccid<T: Serialize>(iccid: &Iccid, v: &T) -> Value {
    let mut value = to_value(v);
    if let Value::Object(m) = &mut value {
        m.entry("iccid".to_string())
            .or_insert_with(|| Value::String(iccid.to_string()));
    }
    value
}

/// "1 SIM" / "3 SIMs".
pub fn sims_text(n: usize) -> String {
    if n == 1 {
        "1 SIM".into()
    } else {
        format!("{n} SIMs")
    }
}
