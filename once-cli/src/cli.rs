//! The command tree (clap derive). Every command's help ends with examples.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

/// Top-level examples, shown by `once --help`.
const EXAMPLES: &str = "\
Examples:
  once --sandbox sims list                 try it against a local fake of 1NCE
  once sims list --all -o csv > fleet.csv  export the whole fleet
  once sims status 8988228066612345678     is the device attached?
  once sims top-up --file sims.txt --yes   top up every SIM listed in a file
  once configure --profile prod            store credentials (mode 0600)
  once os inspector devices -o csv         1NCE OS: devices, actions, locator, ...

Credentials: --sandbox; else --profile NAME (or ONCE_PROFILE); else
ONCE_CLIENT_ID + ONCE_CLIENT_SECRET (+ ONCE_BASE_URL); else the profile
\"default\" of $XDG_CONFIG_HOME/once/config.toml (see `once configure --help`).

Output: a table on a terminal, JSON otherwise; -o json|jsonl|csv|table.
JSON fields are the names of the 1NCE API (the SDK models' serde names);
CSV and table columns are the same names, nested ones joined with dots.

Run `once help exit-codes` for the exit codes.";

/// Examples of `once os --help`.
const OS_EXAMPLES: &str = "\
Examples:
  once os inspector devices --all -o csv              every device of the account
  once os devices send-udp 8988280666000000000 --payload ping --port 4445 --wait
  once os locator create-geofence --name depot --circle 13.4,52.5 --radius 250
  once os integrations create-webhook --body webhook.json --yes

Commands that change devices, clouds or settings ask first (--yes, or
--dry-run to see the request); device actions take --wait. Pre-shared
keys, webhook header values and partner tokens print as [redacted]
unless --show-secrets.";

/// `once`: the 1NCE IoT connectivity Management API from the command line.
#[derive(Debug, Parser)]
#[command(name = "once", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// Options that every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options of every command.
#[derive(Debug, Args)]
pub struct Global {
    /// Output format [default: table on a terminal, json otherwise]
    #[arg(short = 'o', long, global = true, value_enum)]
    pub output: Option<Format>,
    /// Use this profile of the config file (also: ONCE_PROFILE)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Run against an in-process sandbox (a fake 1NCE with 100 SIMs); nothing leaves the machine
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Do not ask for confirmation (needed when stdin is not a terminal)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print the requests a command would send, and send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// SIMs worked on at once in a batch (the SDK paces calls at 1NCE's rate limits)
    #[arg(long, global = true, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: u16,
    /// No colours (also: NO_COLOR=1; colours are only ever used on a terminal)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Only these fields, in this order (comma-separated, dotted paths
    /// into nested objects: `iccid,status,quota_status.description`); for
    /// queries beyond picking fields, `-o json | jq`
    #[arg(long, global = true, value_name = "LIST", value_delimiter = ',')]
    pub fields: Vec<String>,
    /// Give up on a call after this many seconds, retries included (also:
    /// ONCE_TIMEOUT) [default: the SDK's 10 s to connect, 30 s an attempt, 120 s a call]
    #[arg(long, global = true, env = "ONCE_TIMEOUT", value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,
    /// Print secrets (pre-shared keys, webhook header values, partner keys
    /// and tokens) instead of `[redacted]`; dry runs always redact them
    #[arg(long, global = true)]
    pub show_secrets: bool,
    /// Show every request on stderr: operation, method, path, status,
    /// latency, request id, retries and their waits (secrets never shown;
    /// also: ONCE_DEBUG=1)
    #[arg(short = 'v', long, global = true, env = "ONCE_DEBUG", value_parser = clap::builder::FalseyValueParser::new())]
    pub debug: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// SIM cards (API v2): list, look up, change, top up, reset
    #[command(subcommand)]
    Sims(SimsCmd),
    /// SMS to and from a SIM (API v2)
    #[command(subcommand)]
    Sms(SmsCmd),
    /// SIM orders
    #[command(subcommand)]
    Orders(OrdersCmd),
    /// Products that can be ordered
    #[command(subcommand)]
    Products(ProductsCmd),
    /// Service requests to 1NCE support
    #[command(subcommand)]
    Support(SupportCmd),
    /// Operations of SIM management v1 (1NCE retires v1 at the end of 2026)
    #[command(subcommand)]
    V1(V1Cmd),
    /// 1NCE OS, the device platform: devices, actions, inspector, locator, optimizer, integrations, plugins
    #[command(subcommand, after_help = OS_EXAMPLES)]
    Os(crate::commands::os::OsCmd),
    /// Usage from the fleet ledger, without calling 1NCE: totals by SIM, country, operator, RAT or traffic type
    #[command(
        after_help = "Examples:\n  once usage --db sqlite:fleet.db                                   the fleet, last 30 days\n  once usage --group country --granularity day --from 2026-11-01\n  once usage --group sim --top 10 -o csv > top-sims.csv\n\nThe ledger is what `once-ledger serve` stores from 1NCE's Data Streamer.\nThe database: --db or ONCE_LEDGER_DB (postgres://... or sqlite:FILE).\nVolumes are MiB for data and counts for SMS."
    )]
    Usage(UsageArgs),
    /// Events from the fleet ledger, without calling 1NCE: filter by severity, type and SIM
    #[command(
        after_help = "Examples:\n  once events --db sqlite:fleet.db --min-severity warning\n  once events --type 19 --type 60 --from 2026-11-01 -o csv\n  once events --iccid 8988280666000000017 --limit 20\n\nSeverities are Platform 2.0's (INFO, WARNING, ERROR, CRITICAL); AMBIGUOUS\nmarks an id 2 whose platform nothing told (a WARNING or a CRITICAL), and\ncounts from --min-severity warning up."
    )]
    Events(EventsArgs),
    /// The top-up policy's decisions in the fleet ledger: log, approve, reject, spend
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// Show the access token's expiry and scope (the token itself only with --show-token)
    #[command(
        after_help = "Examples:\n  once token\n  once token -o json\n  curl -H \"Authorization: Bearer $(once token --show-token)\" ..."
    )]
    Token(TokenArgs),
    /// Store credentials in a profile of the config file (mode 0600)
    #[command(
        after_help = "Examples:\n  once configure                              asks for client id and secret\n  once configure --profile prod --client-id my-id < secret.txt\n\nThe file is $ONCE_CONFIG, else $XDG_CONFIG_HOME/once/config.toml, else\n~/.config/once/config.toml. A file that others can read is refused."
    )]
    Configure(ConfigureArgs),
    /// Show the settings a command would use and where each comes from
    #[command(subcommand)]
    Config(ConfigCmd),
    /// A sandbox in the background that keeps its state between commands
    #[command(subcommand)]
    Sandbox(SandboxCmd),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  once completions bash > ~/.local/share/bash-completion/completions/once\n  once completions zsh > \"${fpath[1]}/_once\"\n  once completions fish > ~/.config/fish/completions/once.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// `once usage`.
#[derive(Debug, Args)]
pub struct UsageArgs {
    /// The ledger's database: postgres://user@host/db or sqlite:FILE
    #[arg(
        long,
        env = "ONCE_LEDGER_DB",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub db: Option<String>,
    /// From (inclusive): a date (2026-11-01, UTC) or an ISO 8601 time [default: 30 days ago]
    #[arg(long, value_name = "WHEN")]
    pub from: Option<String>,
    /// To (exclusive): a date or an ISO 8601 time [default: now]
    #[arg(long, value_name = "WHEN")]
    pub to: Option<String>,
    /// What the totals are per
    #[arg(long, value_enum, default_value = "fleet")]
    pub group: UsageGroup,
    /// The time buckets
    #[arg(long, value_enum, default_value = "total")]
    pub granularity: UsageGranularity,
    /// Only the N groups with the most volume over the period
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,
}

/// `once events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// The ledger's database: postgres://user@host/db or sqlite:FILE
    #[arg(
        long,
        env = "ONCE_LEDGER_DB",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub db: Option<String>,
    /// From (inclusive): a date (2026-11-01, UTC) or an ISO 8601 time [default: 7 days ago]
    #[arg(long, value_name = "WHEN")]
    pub from: Option<String>,
    /// To (exclusive): a date or an ISO 8601 time [default: now]
    #[arg(long, value_name = "WHEN")]
    pub to: Option<String>,
    /// Only events at least this severe
    #[arg(long, value_enum)]
    pub min_severity: Option<Severity>,
    /// Only this event type (1NCE's id; repeat for several)
    #[arg(long = "type", value_name = "ID")]
    pub types: Vec<i32>,
    /// Only this SIM
    #[arg(long)]
    pub iccid: Option<String>,
    /// At most this many, newest first
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: u32,
}

/// The ledger of a policy command.
#[derive(Debug, Args, Clone)]
pub struct LedgerDb {
    /// The ledger's database: postgres://user@host/db or sqlite:FILE
    #[arg(
        long,
        env = "ONCE_LEDGER_DB",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub db: Option<String>,
}

/// Decisions to approve or reject.
#[derive(Debug, Args, Clone)]
pub struct PolicyPick {
    /// The decisions' numbers (from `once policy log`)
    #[arg(required_unless_present = "all", value_name = "ID")]
    pub ids: Vec<i64>,
    /// Every pending decision
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// Who decides [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// The ledger.
    #[command(flatten)]
    pub ledger: LedgerDb,
}

/// `once policy ...`: the decisions of the auto top-up policy that
/// `once-ledger serve --policy` (or `once-ledger policy run`) makes.
#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// Every decision: why (the numbers it saw, the forecast, the rule), its approval and its outcome
    #[command(
        after_help = "Examples:\n  once policy log --db sqlite:fleet.db\n  once policy log --limit 20 -o json\n  once policy log --fields id,iccid,status,reason -o csv"
    )]
    Log {
        /// Only the newest N
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// The ledger.
        #[command(flatten)]
        ledger: LedgerDb,
    },
    /// Approve pending decisions: the next pass in approval mode acts on them
    #[command(
        after_help = "Examples:\n  once policy approve 12 13 --db sqlite:fleet.db\n  once policy approve --all --by finance"
    )]
    Approve(PolicyPick),
    /// Reject pending decisions: they are never acted on
    #[command(after_help = "Examples:\n  once policy reject 12 --db sqlite:fleet.db")]
    Reject(PolicyPick),
    /// This month's (or another's) spend, overall (`*`) and per group
    #[command(
        after_help = "Examples:\n  once policy spend --db sqlite:fleet.db\n  once policy spend --month 2026-11 -o json"
    )]
    Spend {
        /// The month (2026-12, UTC) [default: this month]
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// The ledger.
        #[command(flatten)]
        ledger: LedgerDb,
    },
}

/// `once events --min-severity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Severity {
    /// INFO and up: everything
    Info,
    /// WARNING and up
    Warning,
    /// ERROR and up
    Error,
    /// CRITICAL only
    Critical,
}

/// `once usage --group`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UsageGroup {
    /// One total for the fleet
    Fleet,
    /// Per SIM (ICCID)
    Sim,
    /// Per visited country
    Country,
    /// Per network operator
    Operator,
    /// Per radio access technology
    Rat,
    /// Data or SMS
    TrafficType,
}

/// `once usage --granularity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UsageGranularity {
    /// One total for the period
    Total,
    /// Per hour (UTC)
    Hour,
    /// Per day (UTC)
    Day,
    /// Per month (UTC)
    Month,
}

/// Shells `once completions` knows.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    /// bash
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
}

/// `once config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Which profile, credentials, base URL, token cache, timeout and
    /// output a command would use, and where each comes from (the secret
    /// masked)
    #[command(
        after_help = "Examples:\n  once config show\n  once --profile prod config show -o json\n  ONCE_TIMEOUT=20 once config show"
    )]
    Show,
}

/// `once sandbox ...`
#[derive(Debug, Subcommand)]
pub enum SandboxCmd {
    /// Start a sandbox in the background: `once --sandbox ...` then uses it,
    /// and its state (orders, top-ups, SMS), until `once sandbox stop`
    #[command(
        after_help = "Examples:\n  once sandbox start\n  once --sandbox sims top-up 8988280666000000000 --yes\n  once --sandbox orders list      the order is there\n  once sandbox stop"
    )]
    Start {
        /// Port on 127.0.0.1 (0: a free one)
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// SIMs in its fleet
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        sims: u32,
    },
    /// Stop the background sandbox (its state goes with it)
    #[command(after_help = "Examples:\n  once sandbox stop")]
    Stop,
    /// Whether a background sandbox runs, and where
    #[command(after_help = "Examples:\n  once sandbox status\n  once sandbox status -o json")]
    Status,
    /// Serve the background sandbox (what `start` runs)
    #[command(
        hide = true,
        after_help = "Examples:\n  once sandbox serve --port 8080 --sims 100   (use `once sandbox start`)"
    )]
    Serve {
        /// Port on 127.0.0.1
        #[arg(long)]
        port: u16,
        /// SIMs in its fleet
        #[arg(long)]
        sims: u32,
    },
}

/// ICCIDs of a batch: arguments, `-` for stdin, or `--file`.
#[derive(Debug, Args, Clone)]
pub struct Iccids {
    /// ICCIDs (19 or 20 digits); `-` reads them from stdin, one per line
    #[arg(value_name = "ICCID")]
    pub iccids: Vec<String>,
    /// Read ICCIDs from this file, one per line (# starts a comment)
    #[arg(short = 'f', long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

/// Paging of list commands.
#[derive(Debug, Args, Clone)]
pub struct Paging {
    /// Fetch every page (with a progress bar on a terminal)
    #[arg(long, conflicts_with = "page")]
    pub all: bool,
    /// Page to fetch (from 1)
    #[arg(long, value_name = "N")]
    pub page: Option<u32>,
    /// Items per page (the API's limits apply)
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
}

/// SIM status values for `set`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum StatusArg {
    /// Enabled
    Enabled,
    /// Disabled
    Disabled,
}

/// Payment methods.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PaymentArg {
    /// Bank transfer
    Banktransfer,
    /// Credit card
    Creditcard,
    /// Monthly invoice
    Monthlyinvoice,
    /// Boleto
    Boleto,
}

impl PaymentArg {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentArg::Banktransfer => "banktransfer",
            PaymentArg::Creditcard => "creditcard",
            PaymentArg::Monthlyinvoice => "monthlyinvoice",
            PaymentArg::Boleto => "boleto",
        }
    }
}

/// `once sims ...`
#[derive(Debug, Subcommand)]
pub enum SimsCmd {
    /// List SIMs (one page, or every page with --all)
    #[command(
        after_help = "Examples:\n  once sims list\n  once sims list --all -o csv > fleet.csv\n  once sims list --filter imei:35 --sort -imei\n  once sims list --all -o jsonl | jq -r 'select(.status==\"Disabled\") | .iccid'"
    )]
    List {
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
        /// Filter, e.g. `label:pump*` (1NCE's `q` parameter)
        #[arg(long)]
        filter: Option<String>,
        /// Sort keys, e.g. `-iccid`
        #[arg(long)]
        sort: Option<String>,
    },
    /// Show SIMs
    #[command(
        after_help = "Examples:\n  once sims get 8988228066612345678\n  once sims get 8988228066612345678 8988228066612345679 -o csv\n  cut -d, -f1 sims.csv | once sims get -"
    )]
    Get {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Change label, status or IMEI lock of SIMs (asks first)
    #[command(
        after_help = "Examples:\n  once sims set 8988228066612345678 --label pump-17\n  once sims set --file stolen.txt --status disabled --yes\n  once sims set 8988228066612345678 --imei-lock true --dry-run"
    )]
    Set {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// New label
        #[arg(long)]
        label: Option<String>,
        /// New status
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Lock the SIM to its current IMEI (true/false)
        #[arg(long, value_name = "BOOL")]
        imei_lock: Option<bool>,
    },
    /// Data quota of SIMs (SMS quota with --sms)
    #[command(
        after_help = "Examples:\n  once sims quota 8988228066612345678\n  once sims quota 8988228066612345678 --sms\n  once sims list --all -o jsonl | jq -r .iccid | once sims quota - -o csv"
    )]
    Quota {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// The SMS quota instead of the data quota
        #[arg(long)]
        sms: bool,
    },
    /// Connectivity status of SIMs: attached? where? (why a device is offline)
    #[command(
        after_help = "Examples:\n  once sims status 8988228066612345678\n  once sims status --file fleet.txt -o jsonl"
    )]
    Status {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Events of a SIM (attach, detach, quota, ...)
    #[command(
        after_help = "Examples:\n  once sims events 8988228066612345678\n  once sims events 8988228066612345678 --all -o jsonl"
    )]
    Events {
        /// The ICCID
        iccid: String,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Daily data and SMS usage of SIMs (a v1 operation)
    #[command(
        after_help = "Examples:\n  once sims usage 8988228066612345678\n  once sims usage 8988228066612345678 --since 2026-11-01 --until 2026-11-26 -o csv"
    )]
    Usage {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// First day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<chrono::NaiveDate>,
        /// Last day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<chrono::NaiveDate>,
    },
    /// Reset the connectivity of SIMs: the device re-attaches (asks first)
    #[command(
        after_help = "Examples:\n  once sims reset 8988228066612345678\n  once sims reset --file offline.txt --yes\n  once sims reset 8988228066612345678 --dry-run"
    )]
    Reset {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Top up SIMs: costs money (asks first)
    #[command(
        after_help = "Examples:\n  once sims top-up 8988228066612345678\n  printf '%s\\n' 8988228066612345678 8988228066612345679 | once sims top-up - --yes\n  once sims top-up 8988228066612345678 --payment-method creditcard --dry-run"
    )]
    TopUp {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Payment method (1NCE's default if not given)
        #[arg(long, value_enum)]
        payment_method: Option<PaymentArg>,
    },
}

/// `once sms ...`
#[derive(Debug, Subcommand)]
pub enum SmsCmd {
    /// SMS sent to and from a SIM
    #[command(
        after_help = "Examples:\n  once sms list 8988228066612345678\n  once sms list 8988228066612345678 --all -o jsonl"
    )]
    List {
        /// The ICCID
        iccid: String,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Send an SMS to SIMs: costs money (asks first)
    #[command(
        after_help = "Examples:\n  once sms send 8988228066612345678 --text 'reboot'\n  once sms send --file pumps.txt --text 'ping' --yes\n  once sms send 8988228066612345678 --hex 0102ff --dry-run"
    )]
    Send {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Text (GSM 7-bit, up to 160 characters)
        #[arg(long, required_unless_present = "hex", conflicts_with = "hex")]
        text: Option<String>,
        /// Binary payload in hex (8-bit data)
        #[arg(long)]
        hex: Option<String>,
        /// User data header in hex
        #[arg(long)]
        udh: Option<String>,
        /// Sender shown to the device (international number)
        #[arg(long, value_name = "NUMBER")]
        source_address: Option<String>,
    },
    /// One SMS of a SIM
    #[command(after_help = "Examples:\n  once sms get 8988228066612345678 42")]
    Get {
        /// The ICCID
        iccid: String,
        /// The SMS id
        id: u64,
    },
    /// Cancel an SMS that is not delivered yet
    #[command(after_help = "Examples:\n  once sms cancel 8988228066612345678 42")]
    Cancel {
        /// The ICCID
        iccid: String,
        /// The SMS id
        id: u64,
    },
}

/// `once orders ...`
#[derive(Debug, Subcommand)]
pub enum OrdersCmd {
    /// List orders
    #[command(after_help = "Examples:\n  once orders list\n  once orders list --all -o csv")]
    List {
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
        /// Sort keys, e.g. `-order_date`
        #[arg(long)]
        sort: Option<String>,
    },
    /// One order
    #[command(after_help = "Examples:\n  once orders get 1000001")]
    Get {
        /// The order number
        order_number: u64,
    },
    /// Place an order: costs money (asks first)
    #[command(
        after_help = "Examples:\n  once orders place --product 1001:10\n  once orders place --product 1001:500 --customer-reference PO-4711 --dry-run"
    )]
    Place {
        /// PRODUCT_ID:QUANTITY (repeat for several products)
        #[arg(long = "product", value_name = "ID:QTY", required = true)]
        products: Vec<String>,
        /// Your reference, printed on the invoice
        #[arg(long)]
        customer_reference: Option<String>,
    },
}

/// `once products ...`
#[derive(Debug, Subcommand)]
pub enum ProductsCmd {
    /// Products that can be ordered
    #[command(after_help = "Examples:\n  once products list\n  once products list -o json")]
    List,
}

/// `once support ...`
#[derive(Debug, Subcommand)]
pub enum SupportCmd {
    /// Service requests
    #[command(after_help = "Examples:\n  once support list\n  once support list --all -o jsonl")]
    List {
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Open a service request
    #[command(
        after_help = "Examples:\n  once support create --subject 'SIM offline' --text 'Since 09:00 ...'"
    )]
    Create {
        /// Subject
        #[arg(long)]
        subject: String,
        /// Text
        #[arg(long)]
        text: String,
        /// Address for replies
        #[arg(long, value_name = "EMAIL")]
        reply_to: Option<String>,
        /// Your name
        #[arg(long)]
        sender_name: Option<String>,
    },
}

/// Limit services of `once v1 service-limits`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LimitServiceArg {
    /// Data
    Data,
    /// Mobile-originated SMS
    #[value(name = "sms-mo")]
    SmsMo,
    /// Mobile-terminated SMS
    #[value(name = "sms-mt")]
    SmsMt,
}

/// `once v1 ...`
#[derive(Debug, Subcommand)]
pub enum V1Cmd {
    /// List SIMs (v1)
    #[command(after_help = "Examples:\n  once v1 list\n  once v1 list --all -o csv")]
    List {
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
        /// Filter (1NCE's `q` parameter)
        #[arg(long)]
        filter: Option<String>,
        /// Sort keys
        #[arg(long)]
        sort: Option<String>,
    },
    /// Show SIMs (v1)
    #[command(after_help = "Examples:\n  once v1 get 8988228066612345678")]
    Get {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Configure SIMs one request each (v1; asks first)
    #[command(
        after_help = "Examples:\n  once v1 set 8988228066612345678 --status enabled --label pump-17"
    )]
    Set {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Status (v1 requires it)
        #[arg(long, value_enum)]
        status: StatusArg,
        /// Label
        #[arg(long)]
        label: Option<String>,
        /// IMEI lock (true/false)
        #[arg(long, value_name = "BOOL")]
        imei_lock: Option<bool>,
    },
    /// Configure many SIMs in one bulk request (v1; asks first)
    #[command(
        after_help = "Examples:\n  once v1 set-many --file batch.txt --status disabled --yes"
    )]
    SetMany {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Status for all of them
        #[arg(long, value_enum)]
        status: StatusArg,
        /// Label for all of them
        #[arg(long)]
        label: Option<String>,
    },
    /// Connectivity status (v1)
    #[command(after_help = "Examples:\n  once v1 status 8988228066612345678")]
    Status {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Live connectivity info from the network (subscriber, USSD)
    #[command(
        after_help = "Examples:\n  once v1 connectivity-info 8988228066612345678 --subscriber"
    )]
    ConnectivityInfo {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Ask the HLR for subscriber info
        #[arg(long)]
        subscriber: bool,
        /// Ask by USSD
        #[arg(long)]
        ussd: bool,
    },
    /// Reset connectivity (v1; asks first)
    #[command(after_help = "Examples:\n  once v1 reset 8988228066612345678 --yes")]
    Reset {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
    },
    /// Events of a SIM (v1)
    #[command(after_help = "Examples:\n  once v1 events 8988228066612345678 --all")]
    Events {
        /// The ICCID
        iccid: String,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Data quota (SMS quota with --sms) (v1)
    #[command(after_help = "Examples:\n  once v1 quota 8988228066612345678 --sms")]
    Quota {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// The SMS quota instead of the data quota
        #[arg(long)]
        sms: bool,
    },
    /// SMS (v1)
    #[command(subcommand)]
    Sms(V1SmsCmd),
    /// Top up SIMs one request each (v1; costs money, asks first)
    #[command(after_help = "Examples:\n  once v1 top-up 8988228066612345678 --yes")]
    TopUp {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Payment method
        #[arg(long, value_enum)]
        payment_method: Option<PaymentArg>,
    },
    /// Top up many SIMs in one bulk request (v1; costs money, asks first)
    #[command(after_help = "Examples:\n  once v1 top-up-many --file low.txt --yes")]
    TopUpMany {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Payment method
        #[arg(long, value_enum)]
        payment_method: Option<PaymentArg>,
    },
    /// Turn automatic top-up on or off (costs money when on; asks first)
    #[command(
        after_help = "Examples:\n  once v1 auto-top-up 8988228066612345678 --enable\n  once v1 auto-top-up --file fleet.txt --disable --yes"
    )]
    AutoTopUp {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Turn it on
        #[arg(long, conflicts_with = "disable", required_unless_present = "disable")]
        enable: bool,
        /// Turn it off
        #[arg(long)]
        disable: bool,
    },
    /// Global limits of the account
    #[command(after_help = "Examples:\n  once v1 limits")]
    Limits,
    /// Set the global limits (ids from `once v1 service-limits`; asks first)
    #[command(after_help = "Examples:\n  once v1 set-limits --data 3 --sms-mt 1")]
    SetLimits {
        /// Data limit id
        #[arg(long, value_name = "ID")]
        data: Option<i64>,
        /// MT-SMS limit id
        #[arg(long, value_name = "ID")]
        sms_mt: Option<i64>,
        /// MO-SMS limit id
        #[arg(long, value_name = "ID")]
        sms_mo: Option<i64>,
    },
    /// Limits that can be chosen for a service
    #[command(
        after_help = "Examples:\n  once v1 service-limits data\n  once v1 service-limits sms-mt -o json"
    )]
    ServiceLimits {
        /// The service
        #[arg(value_enum)]
        service: LimitServiceArg,
    },
    /// Extend SIMs with a product (costs money; asks first)
    #[command(
        after_help = "Examples:\n  once v1 extend 8988228066612345678 --product-id 1001 --dry-run"
    )]
    Extend {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// The extension product
        #[arg(long, value_name = "ID")]
        product_id: Option<i64>,
        /// Payment method
        #[arg(long, value_enum)]
        payment_method: Option<PaymentArg>,
    },
    /// Transfer SIMs to another organisation (asks first)
    #[command(
        after_help = "Examples:\n  once v1 transfer 8988228066612345678 --target-organisation 42\n  once v1 transfer --range 8988228066612345670-8988228066612345679 --target-organisation 42"
    )]
    Transfer {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// FROM-TO range of ICCIDs (repeatable)
        #[arg(long = "range", value_name = "FROM-TO")]
        ranges: Vec<String>,
        /// The receiving organisation
        #[arg(long, value_name = "ID")]
        target_organisation: Option<i64>,
    },
}

/// `once v1 sms ...`
#[derive(Debug, Subcommand)]
pub enum V1SmsCmd {
    /// SMS of a SIM (v1)
    #[command(after_help = "Examples:\n  once v1 sms list 8988228066612345678")]
    List {
        /// The ICCID
        iccid: String,
        /// Paging options.
        #[command(flatten)]
        paging: Paging,
    },
    /// Send an SMS (v1; costs money, asks first)
    #[command(after_help = "Examples:\n  once v1 sms send 8988228066612345678 --text ping")]
    Send {
        /// The SIMs.
        #[command(flatten)]
        iccids: Iccids,
        /// Text (GSM 7-bit)
        #[arg(long)]
        text: String,
    },
    /// One SMS (v1)
    #[command(after_help = "Examples:\n  once v1 sms get 8988228066612345678 42")]
    Get {
        /// The ICCID
        iccid: String,
        /// The SMS id
        id: u64,
    },
    /// Delete an SMS (v1)
    #[command(after_help = "Examples:\n  once v1 sms delete 8988228066612345678 42")]
    Delete {
        /// The ICCID
        iccid: String,
        /// The SMS id
        id: u64,
    },
}

/// `once token`
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Print the token itself (a secret: anyone holding it can call the API for an hour)
    #[arg(long)]
    pub show_token: bool,
}

/// `once configure`
#[derive(Debug, Args)]
pub struct ConfigureArgs {
    /// Client id (asked for if not given; the secret is always read from the terminal or stdin)
    #[arg(long)]
    pub client_id: Option<String>,
    /// Base URL, if not 1NCE's
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}
