//! `once token`, `once configure`, `once completions`.

use std::io::{BufRead, IsTerminal, Write};
use std::time::SystemTime;

use base64::Engine;
use clap::CommandFactory;
use once_sdk::TokenStore;
use serde_json::{json, Value};

use crate::cli::{Cli, ConfigureArgs, Shell, TokenArgs};
use crate::config::{self, Profile};
use crate::context::Ctx;
use crate::exit::{self, CliError};
use crate::token_cache::CliTokenStore;

/// `once token`: expiry and scope; the token only with `--show-token`.
pub async fn token(ctx: &Ctx, args: TokenArgs) -> Result<i32, CliError> {
    let client = ctx.client().await?;
    let token = client.access_token().await?;
    let stored = ctx.tokens.get().await.ok().flatten();
    let expires_at = stored.as_ref().map(|s| s.expires_at);
    let expires_in = expires_at.and_then(|t| t.duration_since(SystemTime::now()).ok());
    let expires_at_text = expires_at.map(|t| {
        chrono::DateTime::<chrono::Utc>::from(t)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    });
    if args.show_token {
        // Only the token, so that `$(once token --show-token)` works.
        crate::output::print_text(&format!("{}\n", token.expose()))?;
        return Ok(exit::OK);
    }
    let v = json!({
        "client_id": client.client_id(),
        "base_url": client.base_url().as_str(),
        "expires_at": expires_at_text,
        "expires_in_seconds": expires_in.map(|d| d.as_secs()),
        "scope": jwt_claim(token.expose(), "scope"),
        "token": "(hidden; --show-token prints it)",
    });
    ctx.out.one(&v)?;
    Ok(exit::OK)
}

/// A claim of a JWT's payload, if the token is a JWT that has it.
fn jwt_claim(token: &str, claim: &str) -> Value {
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return Value::Null;
    };
    let Ok(bytes) =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('='))
    else {
        return Value::Null;
    };
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .and_then(|v| v.get(claim).cloned())
        .unwrap_or(Value::Null)
}

/// `once configure`: writes a profile with mode 0600.
pub fn configure(ctx: &Ctx, args: ConfigureArgs) -> Result<i32, CliError> {
    let path = config::config_path().ok_or_else(|| {
        CliError::auth("no config directory: set XDG_CONFIG_HOME or HOME (or ONCE_CONFIG)")
    })?;
    let name = ctx.profile.clone().unwrap_or_else(|| "default".into());
    let tty = std::io::stdin().is_terminal();
    let client_id = match args.client_id {
        Some(id) => id,
        None if tty => prompt("Client id: ")?,
        None => read_line()?,
    };
    let client_secret = if tty {
        rpassword::prompt_password("Client secret (not shown): ")
            .map_err(|e| CliError::usage(format!("cannot read the secret: {e}")))?
    } else {
        read_line()?
    };
    let (client_id, client_secret) = (
        client_id.trim().to_string(),
        client_secret.trim().to_string(),
    );
    if client_id.is_empty() || client_secret.is_empty() {
        return Err(CliError::usage(
            "client id and secret must not be empty (1NCE portal: Configuration > API access)",
        ));
    }
    config::write_profile(
        &path,
        &name,
        Profile {
            client_id: client_id.clone(),
            client_secret,
            base_url: args.base_url,
        },
    )?;
    eprintln!(
        "saved profile {name:?} (client id {client_id}) to {} (mode 0600)",
        path.display()
    );
    Ok(exit::OK)
}

fn prompt(text: &str) -> Result<String, CliError> {
    eprint!("{text}");
    let _ = std::io::stderr().flush();
    read_line()
}

fn read_line() -> Result<String, CliError> {
    let mut s = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut s)
        .map_err(|e| CliError::usage(format!("cannot read stdin: {e}")))?;
    Ok(s.trim_end_matches(['\r', '\n']).to_string())
}

/// `once completions SHELL`.
pub fn completions(shell: Shell) -> Result<i32, CliError> {
    let mut cmd = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    // Written whole, so that a closed pipe ends it quietly (clap_complete
    // panics on a write error).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "once", &mut script);
    crate::output::print_text(&String::from_utf8_lossy(&script))?;
    Ok(exit::OK)
}

/// `once config show`: the settings a command would use, each with where
/// it comes from; the secret masked. Runs without a network and without
/// credentials (it says what is missing).
pub async fn config_show(ctx: &Ctx) -> Result<i32, CliError> {
    let mut rows: Vec<Value> = Vec::new();
    let mut row = |setting: &str, value: String, from: String| {
        rows.push(json!({"setting": setting, "value": value, "from": from}));
    };
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let path = config::config_path();
    let path_from = if env_set("ONCE_CONFIG") {
        "environment (ONCE_CONFIG)"
    } else if env_set("XDG_CONFIG_HOME") {
        "environment (XDG_CONFIG_HOME)"
    } else {
        "default (~/.config)"
    };
    let exists = |p: &std::path::Path| if p.exists() { "" } else { " (missing)" };
    row(
        "config_file",
        path.as_ref().map_or("(none: no HOME)".into(), |p| {
            format!("{}{}", p.display(), exists(p))
        }),
        path_from.into(),
    );
    let mut cache_key = None;
    if ctx.sandbox {
        row(
            "credentials",
            "the in-process sandbox's".into(),
            "--sandbox".into(),
        );
    } else {
        match config::resolve(ctx.profile.as_deref()) {
            Ok(r) => {
                let profile_from = if ctx.profile.is_some() {
                    "--profile"
                } else if env_set("ONCE_PROFILE") {
                    "environment (ONCE_PROFILE)"
                } else if r.profile_name.is_some() {
                    "default"
                } else {
                    "environment (ONCE_CLIENT_ID): no profile used"
                };
                row(
                    "profile",
                    r.profile_name.clone().unwrap_or_else(|| "(none)".into()),
                    profile_from.into(),
                );
                row("client_id", r.profile.client_id.clone(), r.source.clone());
                let secret_from = if r.profile_name.is_some() {
                    r.source.clone()
                } else {
                    "environment (ONCE_CLIENT_SECRET)".into()
                };
                row("client_secret", "******** (hidden)".into(), secret_from);
                let base = r
                    .profile
                    .base_url
                    .clone()
                    .unwrap_or_else(|| once_sdk::DEFAULT_BASE_URL.into());
                row("base_url", base.clone(), r.base_url_source.clone());
                cache_key = Some((r.profile.client_id, base));
            }
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                row("credentials", "(not set)".into(), first);
            }
        }
    }
    match cache_key.and_then(|(id, url)| CliTokenStore::path_for(&id, &url)) {
        Some(file) => {
            let valid = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .and_then(|v| v["expires_at"].as_u64())
                .map(|s| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
                .filter(|t| *t > SystemTime::now())
                .map(|t| {
                    chrono::DateTime::<chrono::Utc>::from(t)
                        .format(", a token valid until %Y-%m-%dT%H:%M:%SZ")
                        .to_string()
                })
                .unwrap_or_default();
            let from = if env_set("XDG_CACHE_HOME") {
                "environment (XDG_CACHE_HOME)"
            } else {
                "default (~/.cache)"
            };
            row(
                "token_cache",
                format!("{}{valid}", file.display()),
                from.into(),
            );
        }
        None => {
            let from = if ctx.sandbox {
                "--sandbox"
            } else if env_set("ONCE_NO_TOKEN_CACHE") {
                "environment (ONCE_NO_TOKEN_CACHE)"
            } else {
                "no credentials, or no HOME"
            };
            row("token_cache", "off".into(), from.into());
        }
    }
    let (timeout, timeout_from) = match ctx.timeout {
        Some(t) if env_set("ONCE_TIMEOUT") => (
            format!("{} s", t.as_secs()),
            "environment (ONCE_TIMEOUT), unless --timeout".to_string(),
        ),
        Some(t) => (format!("{} s", t.as_secs()), "--timeout".into()),
        None => (
            "10 s to connect, 30 s an attempt, 120 s a call".into(),
            "default (the SDK's)".into(),
        ),
    };
    row("timeout", timeout, timeout_from);
    let format = format!("{:?}", ctx.out.format).to_lowercase();
    row(
        "output",
        format,
        "-o, else table on a terminal and json otherwise".into(),
    );
    let columns = ["setting", "value", "from"];
    let out = if ctx.out.fields.is_empty() {
        // CSV in this order too (its columns are otherwise sorted).
        ctx.out.clone().fields(&columns.map(String::from))
    } else {
        ctx.out.clone()
    };
    out.list(&rows, &columns)?;
    Ok(exit::OK)
}
