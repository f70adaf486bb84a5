//! `once ... | head`: a closed pipe ends the output quietly (exit 0, no
//! panic), as coreutils do, for every command that prints.

use std::process::{Command, Stdio};

/// Runs `once` with its stdout a pipe whose reading end is already closed:
/// the first write fails with EPIPE.
fn into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_once"))
        .args(args)
        .env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_PROFILE")
        .env("ONCE_CONFIG", "/nonexistent/once-config.toml")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn commands_that_print_end_quietly_on_a_closed_pipe() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["help", "exit-codes"],
        &["--sandbox", "token", "--show-token"],
        &["--sandbox", "token", "-o", "json"],
        &["--sandbox", "sims", "list", "--all", "-o", "csv"],
        &["--sandbox", "sims", "list", "-o", "table"],
    ] {
        let (code, err) = into_closed_pipe(args);
        assert!(!err.contains("panicked"), "once {args:?}: {err}");
        assert_eq!(code, Some(0), "once {args:?}: {err}");
    }
}
