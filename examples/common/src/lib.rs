//! What every once-sdk example shares, in one place: connect to the 1NCE
//! account in `ONCE_CLIENT_ID` / `ONCE_CLIENT_SECRET` (and `ONCE_BASE_URL`,
//! if set), or, when `ONCE_CLIENT_ID` is not set, to a local sandbox started
//! in-process; and print errors the way a command-line tool should.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use clap::Parser;
//!
//! #[derive(Parser)]
//! struct Args {
//!     #[command(flatten)]
//!     connect: common::ConnectArgs,
//! }
//!
//! let args = Args::parse();
//! let conn = common::connect("my-tool", &args.connect).await?;
//! let page = conn.client.sims().list().send().await?;
//! # Ok(()) }
//! ```

use std::error::Error;
use std::process::ExitCode;

use once_sandbox::Sandbox;
use once_sdk::{Client, ClientBuilder, RateLimits};

/// Command-line options about where to connect, shared by every example.
#[derive(Clone, Debug, clap::Args)]
pub struct ConnectArgs {
    /// SIMs in the local sandbox used when ONCE_CLIENT_ID is not set.
    #[arg(long, default_value_t = 20, value_name = "N", global = true)]
    pub sandbox_sims: usize,

    /// Multiply the client's rate limits (1NCE's published ones) by this
    /// factor. Only for a sandbox started with raised limits
    /// (`once-sandbox --rate-limit-factor`); 1NCE answers 429 above its limits.
    #[arg(
        long,
        env = "ONCE_RATE_LIMIT_FACTOR",
        value_name = "FACTOR",
        global = true
    )]
    pub rate_limit_factor: Option<f64>,
}

/// A client, and the sandbox behind it when there is one. Keep it alive
/// while you use the client: dropping it stops the sandbox.
#[derive(Debug)]
pub struct Connection {
    /// The client to call 1NCE with.
    pub client: Client,
    sandbox: Option<Sandbox>,
}

impl Connection {
    /// True when the client talks to the in-process sandbox.
    pub fn is_sandbox(&self) -> bool {
        self.sandbox.is_some()
    }

    /// The in-process sandbox, when there is one.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }
}

/// Connects to 1NCE with `Client::from_env()` when `ONCE_CLIENT_ID` is set,
/// else starts a local sandbox and says so on stderr (stdout stays clean for
/// the tool's output). `app` goes into the User-Agent.
pub async fn connect(app: &str, args: &ConnectArgs) -> Result<Connection, Box<dyn Error>> {
    if std::env::var_os("ONCE_CLIENT_ID").is_some() {
        let mut builder = ClientBuilder::from_env()?.user_agent(app);
        if let Some(factor) = args.rate_limit_factor {
            builder = builder.rate_limits(RateLimits::default().scaled(factor));
        }
        let client = builder.build()?;
        eprintln!(
            "{app}: using the 1NCE API at {} (client id {})",
            client.base_url(),
            client.client_id()
        );
        return Ok(Connection {
            client,
            sandbox: None,
        });
    }
    let sandbox = Sandbox::builder().sims(args.sandbox_sims).start().await?;
    let client = sandbox.client_builder().user_agent(app).build()?;
    eprintln!(
        "{app}: ONCE_CLIENT_ID is not set, so this runs against a local 1NCE sandbox \
         ({} SIMs at {}) that is gone when {app} exits.\n\
         {app}: set ONCE_CLIENT_ID and ONCE_CLIENT_SECRET to use your 1NCE account.",
        args.sandbox_sims,
        sandbox.base_url()
    );
    Ok(Connection {
        client,
        sandbox: Some(sandbox),
    })
}

/// Turns the result of a tool's `run` into its exit code, printing the error
/// and its causes on stderr (`error: ...` / `  caused by: ...`).
pub fn exit_code(app: &str, result: Result<(), Box<dyn Error>>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut shown = e.to_string();
            eprintln!("{app}: error: {shown}");
            let mut source = e.source();
            while let Some(cause) = source {
                // Some errors already quote their cause in their message.
                let text = cause.to_string();
                if !shown.contains(&text) {
                    eprintln!("  caused by: {text}");
                }
                shown = text;
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

/// Helpers for the examples' integration tests: a fast sandbox, and running
/// an example binary against it (or with no credentials at all).
pub mod testing {
    use std::process::{Command, ExitStatus};

    use once_sandbox::Sandbox;

    /// How much faster than 1NCE's limits the test sandboxes (and the
    /// binaries pointed at them) may go.
    pub const RATE_LIMIT_FACTOR: f64 = 100.0;

    /// A fresh sandbox with `sims` SIMs and rate limits raised by
    /// [`RATE_LIMIT_FACTOR`].
    pub async fn sandbox(sims: usize) -> Sandbox {
        match Sandbox::builder()
            .sims(sims)
            .seed(7)
            .rate_limit_factor(RATE_LIMIT_FACTOR)
            .start()
            .await
        {
            Ok(sandbox) => sandbox,
            Err(e) => panic!("the sandbox did not start: {e}"),
        }
    }

    /// What a run of an example printed.
    #[derive(Debug)]
    pub struct Output {
        /// The exit status.
        pub status: ExitStatus,
        /// Standard output.
        pub stdout: String,
        /// Standard error.
        pub stderr: String,
    }

    impl Output {
        /// Panics with both streams unless the run succeeded.
        pub fn assert_success(&self) -> &Self {
            assert!(
                self.status.success(),
                "exit {:?}\nstdout:\n{}\nstderr:\n{}",
                self.status,
                self.stdout,
                self.stderr
            );
            self
        }
    }

    /// Runs the binary `bin` (from `env!("CARGO_BIN_EXE_...")`) with `args`
    /// in `dir`: against `sandbox` through ONCE_CLIENT_ID, ONCE_CLIENT_SECRET
    /// and ONCE_BASE_URL, or with those unset when `sandbox` is `None`.
    pub async fn run(
        bin: &str,
        sandbox: Option<&Sandbox>,
        dir: &std::path::Path,
        args: &[&str],
    ) -> Output {
        let mut cmd = command(bin, sandbox, dir, args);
        // The sandbox serves from this runtime: wait for the child elsewhere.
        let out = tokio::task::spawn_blocking(move || cmd.output()).await;
        let out = match out {
            Ok(Ok(out)) => out,
            Ok(Err(e)) => panic!("could not run {bin}: {e}"),
            Err(e) => panic!("waiting for {bin} failed: {e}"),
        };
        Output {
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The command [`run`] runs: `bin` with `args` in `dir`, pointed at
    /// `sandbox` (or with no credentials), for tests that drive the process
    /// themselves.
    pub fn command(
        bin: &str,
        sandbox: Option<&Sandbox>,
        dir: &std::path::Path,
        args: &[&str],
    ) -> Command {
        let mut cmd = Command::new(bin);
        cmd.args(args).current_dir(dir);
        for var in [
            "ONCE_CLIENT_ID",
            "ONCE_CLIENT_SECRET",
            "ONCE_BASE_URL",
            "ONCE_RATE_LIMIT_FACTOR",
        ] {
            cmd.env_remove(var);
        }
        if let Some(sandbox) = sandbox {
            let creds = sandbox.credentials();
            cmd.env("ONCE_CLIENT_ID", creds.client_id())
                .env("ONCE_CLIENT_SECRET", creds.expose_secret())
                .env("ONCE_BASE_URL", sandbox.base_url())
                .env("ONCE_RATE_LIMIT_FACTOR", RATE_LIMIT_FACTOR.to_string());
        }
        cmd
    }

    /// A fresh, empty directory for one test under `base` (pass
    /// `env!("CARGO_TARGET_TMPDIR")`).
    pub fn scratch_dir(base: &str, name: &str) -> std::path::PathBuf {
        let dir = std::path::Path::new(base).join(name);
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("could not create {}: {e}", dir.display());
        }
        dir
    }
}
