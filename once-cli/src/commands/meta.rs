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
