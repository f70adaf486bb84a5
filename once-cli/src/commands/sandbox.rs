//! `once sandbox start|stop|status`: a sandbox in the background that
//! keeps its state between commands, so that an order placed by one
//! `once --sandbox` command is listed by the next. Without it, every
//! `--sandbox` run starts a fresh in-process sandbox.
//!
//! `start` runs `once sandbox serve` as a process of its own (in its own
//! process group, so a Ctrl-C in the shell leaves it running) and waits
//! until it has written its state file: `$XDG_CACHE_HOME/once/sandbox.json`
//! (else `~/.cache/once/sandbox.json`, mode 0600), with its process id,
//! URL and the sandbox's (fake) credentials. `--sandbox` uses the sandbox
//! that file names while its process lives. `stop` ends the process, which
//! removes the file.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::cli::SandboxCmd;
use crate::context::Ctx;
use crate::exit::{self, CliError};

/// What the background sandbox's state file holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Running {
    /// Its process id.
    pub pid: u32,
    /// Its base URL.
    pub base_url: String,
    /// The client id it accepts.
    pub client_id: String,
    /// The client secret it accepts (the sandbox's, not a real one).
    pub client_secret: String,
    /// SIMs in its fleet.
    pub sims: u32,
}

/// The state file's path, if there is a cache directory.
pub fn state_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("once").join("sandbox.json"))
}

/// The background sandbox, if one runs: its state file exists and its
/// process lives (a file left by a process that died is ignored).
pub fn running() -> Option<Running> {
    let text = std::fs::read_to_string(state_file()?).ok()?;
    let r: Running = serde_json::from_str(&text).ok()?;
    alive(r.pid).then_some(r)
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        || std::process::Command::new("kill")
            .args(["-0", &pid.to_string()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// How to run this program again: the binary itself, or what the Python
/// console script set in `ONCE_CLI_SELF` (a JSON list: the interpreter and
/// its arguments), since the wheel's `once` runs inside Python.
fn this_program() -> Result<(PathBuf, Vec<String>), CliError> {
    if let Some(spec) = std::env::var_os("ONCE_CLI_SELF").filter(|v| !v.is_empty()) {
        let words: Vec<String> = serde_json::from_str(&spec.to_string_lossy()).map_err(|e| {
            CliError::new(
                exit::FAILED,
                format!("ONCE_CLI_SELF is not a JSON list: {e}"),
            )
        })?;
        if let Some((program, args)) = words.split_first() {
            return Ok((PathBuf::from(program), args.to_vec()));
        }
    }
    let exe = std::env::current_exe()
        .map_err(|e| CliError::new(exit::FAILED, format!("cannot find this program: {e}")))?;
    Ok((exe, Vec::new()))
}

/// Runs `once sandbox ...`.
pub async fn run(ctx: &Ctx, cmd: SandboxCmd) -> Result<i32, CliError> {
    match cmd {
        SandboxCmd::Start { port, sims } => start(ctx, port, sims).await,
        SandboxCmd::Stop => stop(ctx).await,
        SandboxCmd::Status => {
            match running() {
                Some(r) => ctx.out.one(&json!({
                    "running": true,
                    "base_url": r.base_url,
                    "pid": r.pid,
                    "sims": r.sims,
                }))?,
                None => ctx.out.one(&json!({"running": false}))?,
            }
            Ok(exit::OK)
        }
        SandboxCmd::Serve { port, sims } => serve(port, sims).await,
    }
}

fn no_cache_dir() -> CliError {
    CliError::new(
        exit::FAILED,
        "no cache directory for the sandbox's state file: set XDG_CACHE_HOME or HOME",
    )
}

async fn start(ctx: &Ctx, port: u16, sims: u32) -> Result<i32, CliError> {
    if let Some(r) = running() {
        eprintln!(
            "once: a sandbox already runs at {} (pid {}); `once sandbox stop` ends it",
            r.base_url, r.pid
        );
        ctx.out
            .one(&json!({"base_url": r.base_url, "pid": r.pid, "started": false}))?;
        return Ok(exit::OK);
    }
    let file = state_file().ok_or_else(no_cache_dir)?;
    let dir = file.parent().unwrap_or(std::path::Path::new("."));
    crate::config::create_private_dir(dir).map_err(|e| {
        CliError::new(
            exit::FAILED,
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    let _ = std::fs::remove_file(&file);
    let log_path = dir.join("sandbox.log");
    let log = std::fs::File::create(&log_path).map_err(|e| {
        CliError::new(
            exit::FAILED,
            format!("cannot create {}: {e}", log_path.display()),
        )
    })?;
    let (program, mut args) = this_program()?;
    args.extend([
        "sandbox".into(),
        "serve".into(),
        "--port".into(),
        port.to_string(),
        "--sims".into(),
        sims.to_string(),
    ]);
    let mut cmd = std::process::Command::new(&program);
    cmd.args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(log);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().map_err(|e| {
        CliError::new(
            exit::FAILED,
            format!("cannot start {}: {e}", program.display()),
        )
    })?;
    // Wait (boundedly) for its state file, or for it to fail.
    for _ in 0..200 {
        if let Some(r) = running().filter(|r| r.pid == child.id()) {
            eprintln!(
                "once: a sandbox runs in the background at {} (pid {}, {} SIMs): \
                 `once --sandbox ...` uses it until `once sandbox stop`",
                r.base_url, r.pid, r.sims
            );
            ctx.out
                .one(&json!({"base_url": r.base_url, "pid": r.pid, "started": true}))?;
            return Ok(exit::OK);
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(CliError::new(
                exit::FAILED,
                format!("the sandbox did not start ({status}): {}", log.trim()),
            ));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    Err(CliError::new(
        exit::FAILED,
        format!(
            "the sandbox did not start within 10 s (log: {})",
            log_path.display()
        ),
    ))
}

async fn stop(ctx: &Ctx) -> Result<i32, CliError> {
    let Some(r) = running() else {
        ctx.out.one(&json!({"stopped": false, "running": false}))?;
        return Ok(exit::OK);
    };
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &r.pid.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    if !sent {
        return Err(CliError::new(
            exit::FAILED,
            format!("cannot stop the sandbox (pid {})", r.pid),
        ));
    }
    for _ in 0..200 {
        if !alive(r.pid) {
            ctx.out.one(&json!({"stopped": true, "pid": r.pid}))?;
            return Ok(exit::OK);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(CliError::new(
        exit::FAILED,
        format!(
            "the sandbox (pid {}) is still running 10 s after SIGTERM",
            r.pid
        ),
    ))
}

/// The background process: serves until SIGTERM, its state file written
/// once it listens and removed when it stops.
async fn serve(port: u16, sims: u32) -> Result<i32, CliError> {
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        CliError::new(exit::FAILED, format!("sandbox: {what}: {e}"))
    };
    let file = state_file().ok_or_else(no_cache_dir)?;
    let sandbox = once_sandbox::Sandbox::builder()
        .port(port)
        .sims(sims as usize)
        .start()
        .await
        .map_err(|e| fail("cannot start", &e))?;
    let creds = sandbox.credentials();
    let state = Running {
        pid: std::process::id(),
        base_url: sandbox.base_url().to_string(),
        client_id: creds.client_id().to_string(),
        client_secret: creds.expose_secret().to_string(),
        sims,
    };
    let text = serde_json::to_string(&state).map_err(|e| fail("state", &e))?;
    let tmp = file.with_extension(format!("json.{}.tmp", std::process::id()));
    crate::config::write_private(&tmp, text.as_bytes()).map_err(|e| fail("state file", &e))?;
    std::fs::rename(&tmp, &file).map_err(|e| fail("state file", &e))?;
    eprintln!("once: sandbox at {} (pid {})", state.base_url, state.pid);
    wait_for_stop().await;
    // Only our own file: a newer sandbox may have replaced it.
    let ours = std::fs::read_to_string(&file)
        .ok()
        .and_then(|t| serde_json::from_str::<Running>(&t).ok())
        .is_some_and(|r| r.pid == state.pid);
    if ours {
        let _ = std::fs::remove_file(&file);
    }
    drop(sandbox);
    Ok(exit::OK)
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
