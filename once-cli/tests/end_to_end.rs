//! `once` as a user runs it: the built binary against an in-process
//! sandbox (its URL and credentials passed through the environment), with
//! the sandbox's request counters showing what was sent.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use once_sandbox::{Fault, Sandbox};

struct Env {
    rt: tokio::runtime::Runtime,
    sandbox: Option<Sandbox>,
    dir: tempfile::TempDir,
}

#[derive(Clone)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Env {
    fn new() -> Self {
        Self::with(Sandbox::builder().no_rate_limits())
    }

    /// A sandbox that enforces 1NCE's published rate limits (answers 429).
    fn rate_limited() -> Self {
        Self::with(Sandbox::builder())
    }

    fn with(builder: once_sandbox::SandboxBuilder) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sandbox = rt.block_on(builder.start()).unwrap();
        Env {
            rt,
            sandbox: Some(sandbox),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn sb(&self) -> &Sandbox {
        self.sandbox.as_ref().unwrap()
    }

    fn iccid(&self, n: usize) -> String {
        self.sb().iccids()[n].to_string()
    }

    /// The command with a clean environment: the sandbox's URL and
    /// credentials, a config directory of its own.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_once"));
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("ONCE_BASE_URL", self.sb().base_url())
            .env("ONCE_CLIENT_ID", once_sandbox::DEFAULT_CLIENT_ID)
            .env("ONCE_CLIENT_SECRET", once_sandbox::DEFAULT_CLIENT_SECRET)
            // Each run fetches its own token, so the request counts of a
            // run are its own; the token cache has tests of its own, which
            // turn it back on.
            .env("ONCE_NO_TOKEN_CACHE", "1");
        c
    }

    fn run_cmd(&self, mut c: Command, stdin: Option<&str>) -> Out {
        c.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let o = child.wait_with_output().unwrap();
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8(o.stdout).unwrap(),
            stderr: String::from_utf8(o.stderr).unwrap(),
        }
    }

    fn once(&self, args: &[&str]) -> Out {
        self.run_cmd(self.cmd(args), None)
    }

    fn once_stdin(&self, args: &[&str], stdin: &str) -> Out {
        self.run_cmd(self.cmd(args), Some(stdin))
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _g = self.rt.enter();
        drop(self.sandbox.take());
    }
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

/// Every operation of the API runs through its command, and the sandbox
/// saw exactly that one request (plus the token request).
#[test]
fn every_operation_runs_its_command() {
    let env = Env::new();
    let sb = env.sb();
    for op in once_cli::operations::OPERATIONS {
        // The command shown in docs/API_COVERAGE.md is the one run here.
        let words: Vec<&str> = op
            .command
            .split(' ')
            .skip(1)
            .take_while(|w| !w.starts_with('-') && !w.chars().any(|c| c.is_ascii_uppercase()))
            .collect();
        let shown = words.join(" ");
        assert!(
            op.example.starts_with(&format!("{shown} ")) || op.example == shown,
            "{} vs {}",
            op.command,
            op.example
        );
        let sms_id = sb.receive_sms(env.iccid(0), "hello").unwrap();
        let line = op
            .example
            .replace("{iccid}", &env.iccid(0))
            .replace("{iccid2}", &env.iccid(1))
            .replace("{iccid3}", &env.iccid(2))
            .replace("{sms_id}", &sms_id.to_string())
            .replace("{product}", "1001")
            .replace("{order}", "1234");
        let args: Vec<&str> = line.split(' ').collect();
        sb.reset_stats();
        let out = env.once(
            &["-o", "json"]
                .iter()
                .copied()
                .chain(args.iter().copied())
                .collect::<Vec<_>>(),
        );
        assert_eq!(out.code, 0, "once {line}: {}", out.stderr);
        let stats = sb.stats();
        assert_eq!(
            stats.requests_to(op.method, op.path),
            1,
            "once {line} should send {} {}: {:?}",
            op.method,
            op.path,
            stats.by_operation
        );
        let expected = if op.path == "/oauth/token" { 1 } else { 2 };
        assert_eq!(
            stats.requests, expected,
            "once {line}: {:?}",
            stats.by_operation
        );
        if !out.stdout.is_empty() {
            serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap_or_else(|e| {
                panic!("once {line} -o json printed no JSON ({e}): {}", out.stdout)
            });
        }
    }
}

#[test]
fn list_outputs_match_the_golden_files() {
    let env = Env::new();
    for (format, file) in [
        ("json", "sims_list.json"),
        ("jsonl", "sims_list.jsonl"),
        ("csv", "sims_list.csv"),
        ("table", "sims_list.table"),
    ] {
        let out = env.once(&["sims", "list", "--page-size", "3", "-o", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        golden(file, &out.stdout);
    }
    let out = env.once(&["products", "list", "-o", "csv"]);
    golden("products_list.csv", &out.stdout);
    let i = env.iccid(0);
    let out = env.once(&["sims", "get", &i, "-o", "table"]);
    golden("sims_get.table", &out.stdout);
    let out = env.once(&["sims", "top-up", &i, &env.iccid(1), "--yes", "-o", "table"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    golden("sims_top_up.table", &out.stdout);
    golden(
        "help_exit_codes.txt",
        &env.once(&["help", "exit-codes"]).stdout,
    );
    let out = env.once(&["sims", "top-up", &i, "--dry-run", "-o", "json"]);
    assert_eq!(out.code, 0);
    golden(
        "top_up_dry_run.json",
        &out.stdout.replace(env.sb().base_url(), "BASE"),
    );
}

#[test]
fn json_of_a_sim_uses_the_api_field_names() {
    let env = Env::new();
    let i = env.iccid(0);
    let out = env.once(&["sims", "get", &i, "-o", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["iccid"], i.as_str());
    for key in [
        "msisdn",
        "imsi",
        "status",
        "current_quota",
        "current_quota_SMS",
        "quota_status",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
}

#[test]
fn all_pages_through_the_whole_fleet() {
    let env = Env::new();
    let out = env.once(&["sims", "list", "--all", "--page-size", "30", "-o", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 100);
    assert_eq!(env.sb().stats().requests_to("GET", "/v2/sims"), 4);
    // Not a terminal: no progress bar on stderr.
    assert!(out.stderr.is_empty(), "{:?}", out.stderr);
    // Without --page-size, --all asks for the largest pages (100 SIMs).
    env.sb().reset_stats();
    let out = env.once(&["sims", "list", "--all", "-o", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 101);
    assert_eq!(env.sb().stats().requests_to("GET", "/v2/sims"), 1);
    let req = env
        .sb()
        .requests()
        .into_iter()
        .find(|r| r.path == "/v2/sims")
        .unwrap();
    assert_eq!(req.query.as_deref(), Some("page=1&pageSize=100"));
}

#[test]
fn confirmation_is_refused_without_yes_and_nothing_is_sent() {
    let env = Env::new();
    let (a, b) = (env.iccid(0), env.iccid(1));
    let commands: Vec<Vec<&str>> = vec![
        vec!["sims", "top-up", &a, &b],
        vec!["sims", "reset", &a],
        vec!["sims", "set", &a, "--status", "disabled"],
        vec!["sms", "send", &a, "--text", "reboot"],
        vec!["orders", "place", "--product", "1001:5"],
        vec!["v1", "transfer", &a, "--target-organisation", "7"],
        vec!["v1", "extend", &a],
        vec!["v1", "top-up-many", &a, &b],
        vec!["v1", "auto-top-up", &a, "--enable"],
        vec!["v1", "set-limits", "--data", "1"],
    ];
    for args in commands {
        env.sb().reset_stats();
        let out = env.once(&args);
        assert_eq!(out.code, 3, "once {args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("without confirmation") && out.stderr.contains("--yes"),
            "{}",
            out.stderr
        );
        assert_eq!(env.sb().stats().requests, 0, "once {args:?} sent something");
    }
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let env = Env::new();
    let a = env.iccid(0);
    let out = env.once(&[
        "sms",
        "send",
        &a,
        "--text",
        "reboot",
        "--dry-run",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v[0]["method"], "POST");
    assert_eq!(
        v[0]["url"],
        format!("{}/v2/sims/{a}/sms", env.sb().base_url())
    );
    assert_eq!(v[0]["body"], serde_json::json!({"payload": "reboot"}));
    assert_eq!(env.sb().stats().requests, 0);

    // An order, without any credentials: the body the SDK would send.
    let mut c = env.cmd(&[
        "orders",
        "place",
        "--product",
        "1001:3",
        "--customer-reference",
        "PO-1",
        "--dry-run",
        "-o",
        "json",
    ]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v[0]["body"],
        serde_json::json!({"customer_reference": "PO-1", "products": [{"productId": 1001, "quantity": 3}]})
    );
    assert_eq!(v[0]["url"], format!("{}/v1/orders", env.sb().base_url()));
    assert_eq!(env.sb().stats().requests, 0);
}

#[test]
fn stdin_batches_give_one_result_per_iccid_and_a_summary() {
    let env = Env::new();
    let (a, b) = (env.iccid(0), env.iccid(1));
    // Read-only batch from stdin, with a header, a comment and a repeat.
    let input = format!("iccid\n{a}\n# comment\n{b},pump\n{a}\n");
    let out = env.once_stdin(&["sims", "get", "-", "-o", "json"], &input);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let got: Vec<&str> = v.iter().map(|s| s["iccid"].as_str().unwrap()).collect();
    assert_eq!(got, [a.as_str(), b.as_str()]);
    assert!(
        out.stderr.contains("2 SIMs: 2 ok, 0 failed"),
        "{}",
        out.stderr
    );

    // A top-up batch with one SIM 1NCE does not know: exit 5, each SIM once.
    let unknown = "8988280666999999999";
    env.sb().reset_stats();
    let input = format!("{a}\n{unknown}\n{b}\n");
    let out = env.once_stdin(&["sims", "top-up", "-", "--yes", "-o", "csv"], &input);
    assert_eq!(out.code, 5, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "detail,iccid,result");
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    assert!(lines[1].ends_with(&format!("{a},ok")), "{}", lines[1]);
    assert!(
        lines[2].ends_with(&format!("{unknown},failed")),
        "{}",
        lines[2]
    );
    assert!(lines[3].ends_with(&format!("{b},ok")), "{}", lines[3]);
    assert!(
        out.stderr.contains("3 SIMs: 2 topped up, 1 failed"),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.sb()
            .stats()
            .requests_to("POST", "/v2/sims/{iccid}/topup"),
        3
    );
    assert_eq!(env.sb().stats().top_ups_applied, 2);
}

/// A batch larger than 1NCE's 10 requests per second, against a sandbox
/// that enforces the limit: the SDK paces it, a 429 at a window's edge is
/// retried (a read), and every SIM gets exactly one result.
///
/// Paced, a 429 needs two arrivals to come more than the pacing's 2 %
/// margin (20 ms) closer together than they left: none on an idle machine,
/// at most one or two on a very busy one. Unpaced (the SDK's `/sims` limit
/// taken off), the same batch got 13.
#[test]
fn batches_run_at_the_rate_limit_one_result_per_sim() {
    let env = Env::rate_limited();
    let input: String = env.sb().iccids()[..25]
        .iter()
        .map(|i| format!("{i}\n"))
        .collect();
    let out = env.once_stdin(
        &["sims", "quota", "-", "--concurrency", "8", "-o", "jsonl"],
        &input,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 25);
    let stats = env.sb().stats();
    // Every request either answered its SIM or was a 429 that was retried.
    assert_eq!(
        stats.requests_to("GET", "/v2/sims/{iccid}/quota/data"),
        25 + stats.rate_limited
    );
    assert!(
        stats.rate_limited <= 2,
        "the SDK paces the batch: {} × 429",
        stats.rate_limited
    );
    assert!(
        out.stderr.contains("25 SIMs: 25 ok, 0 failed"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_input_fails_before_any_request_with_what_to_do() {
    let env = Env::new();
    let out = env.once(&["sims", "get", "898828066600000000"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("ICCID must be 19 or 20 digits: got 18"),
        "{}",
        out.stderr
    );
    let out = env.once_stdin(
        &["sims", "top-up", "-", "--yes"],
        "8988280666000000000\n12345\n",
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("line 2 of stdin"), "{}", out.stderr);
    let out = env.once(&["orders", "place", "--product", "1001", "--yes"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("PRODUCT_ID:QUANTITY"), "{}", out.stderr);
    let out = env.once(&["sims", "top-up", "--yes"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no ICCIDs given"), "{}", out.stderr);
    let out = env.once(&["sims", "lsit"]);
    assert_eq!(out.code, 2);
    assert_eq!(env.sb().stats().requests, 0);
}

#[test]
fn exit_codes_are_distinct_and_documented() {
    let env = Env::new();
    // 1: an API error (unknown SIM).
    let out = env.once(&["sims", "get", "8988280666999999999"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("404"), "{}", out.stderr);
    // 4: no credentials.
    let mut c = env.cmd(&["sims", "list"]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 4);
    assert!(out.stderr.contains("once configure"), "{}", out.stderr);
    // 4: wrong secret.
    let mut c = env.cmd(&["sims", "list"]);
    c.env("ONCE_CLIENT_SECRET", "wrong");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        !out.stderr.contains("wrong"),
        "the secret was printed: {}",
        out.stderr
    );
    // 6: the top-up reached 1NCE but the answer was lost.
    env.sb().reset_stats();
    env.sb().inject(
        Fault::apply_then_drop()
            .method("POST")
            .path("/v2/sims/*/topup"),
    );
    let a = env.iccid(0);
    let out = env.once(&["sims", "top-up", &a, "--yes"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("OUTCOME UNKNOWN"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("once sims quota {a}")),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.sb()
            .stats()
            .requests_to("POST", "/v2/sims/{iccid}/topup"),
        1,
        "a top-up must not be retried"
    );
    // The documentation.
    let out = env.once(&["help", "exit-codes"]);
    assert_eq!(out.code, 0);
    for code in ["0", "1", "2", "3", "4", "5", "6"] {
        assert!(
            out.stdout.contains(&format!("  {code}  ")),
            "{}",
            out.stdout
        );
    }
    let out = env.once(&["--help"]);
    assert!(out.stdout.contains("once help exit-codes"));
}

#[cfg(unix)]
#[test]
fn profiles_are_written_0600_and_readable_profiles_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let mut c = env.cmd(&[
        "configure",
        "--profile",
        "test",
        "--client-id",
        once_sandbox::DEFAULT_CLIENT_ID,
        "--base-url",
        env.sb().base_url(),
    ]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET");
    let out = env.run_cmd(
        c,
        Some(&format!("{}\n", once_sandbox::DEFAULT_CLIENT_SECRET)),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains(once_sandbox::DEFAULT_CLIENT_SECRET));
    let path = env.dir.path().join("config/once/config.toml");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // The profile works (environment credentials removed).
    let mut c = env.cmd(&[
        "--profile",
        "test",
        "sims",
        "list",
        "--page-size",
        "1",
        "-o",
        "jsonl",
    ]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET")
        .env_remove("ONCE_BASE_URL");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 1);

    // Readable by others: refused before anything is sent.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.sb().reset_stats();
    let mut c = env.cmd(&["--profile", "test", "sims", "list"]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("others can read it (mode 0644)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("chmod 600"), "{}", out.stderr);
    assert_eq!(env.sb().stats().requests, 0);
}

#[test]
fn token_shows_expiry_and_the_token_only_when_asked() {
    let env = Env::new();
    let out = env.once(&["token", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let secs = v["expires_in_seconds"].as_u64().unwrap();
    assert!((3500..=3600).contains(&secs), "{v}");
    let issued = env.sb().issued_tokens();
    assert_eq!(issued.len(), 1);
    assert!(!out.stdout.contains(&issued[0]) && !out.stderr.contains(&issued[0]));
    let out = env.once(&["token", "--show-token"]);
    assert_eq!(out.stdout.trim(), env.sb().issued_tokens()[1]);
}

#[test]
fn completions_are_generated_for_bash_zsh_and_fish() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.once(&["completions", shell]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("top-up"), "{shell}");
        assert!(out.stdout.contains("connectivity-info"), "{shell}");
    }
    assert!(env
        .once(&["completions", "bash"])
        .stdout
        .contains("complete -F"));
    assert!(env
        .once(&["completions", "zsh"])
        .stdout
        .starts_with("#compdef once"));
}

#[test]
fn every_command_help_has_an_example() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>, n: &mut usize) {
        for sub in cmd.get_subcommands() {
            let p = format!("{path} {}", sub.get_name());
            if sub.has_subcommands() {
                walk(sub, &p, missing, n);
                continue;
            }
            *n += 1;
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            if !help.contains("Examples:\n  once ") {
                missing.push(p);
            }
        }
    }
    let mut missing = Vec::new();
    let mut n = 0;
    walk(&once_cli::cli::Cli::command(), "once", &mut missing, &mut n);
    assert!(n >= 40, "{n} commands");
    assert!(missing.is_empty(), "no example in: {missing:?}");
    let env = Env::new();
    let out = env.once(&["sims", "top-up", "--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
}

/// Runs `once` in a pseudo-terminal (tests/pty_run.py), answering a
/// confirmation prompt with `answer` ("-": never).
#[cfg(unix)]
fn in_pty(env: &Env, answer: &str, args: &[&str], extra_env: &[(&str, &str)]) -> Out {
    let program = env.cmd(&[]).get_program().to_os_string();
    let mut argv = vec![program];
    argv.extend(args.iter().map(std::ffi::OsString::from));
    in_pty_argv(env, answer, &argv, extra_env)
}

/// `once ARGS > file` in a terminal: stdin and stderr are the terminal,
/// standard output goes to `file`.
#[cfg(unix)]
fn in_pty_to_file(env: &Env, args: &[&str], file: &std::path::Path) -> Out {
    let program = env.cmd(&[]).get_program().to_os_string();
    let mut argv: Vec<std::ffi::OsString> = vec![
        "sh".into(),
        "-c".into(),
        format!("exec \"$0\" \"$@\" > '{}'", file.display()).into(),
        program,
    ];
    argv.extend(args.iter().map(std::ffi::OsString::from));
    in_pty_argv(env, "-", &argv, &[])
}

fn in_pty_argv(
    env: &Env,
    answer: &str,
    argv: &[std::ffi::OsString],
    extra_env: &[(&str, &str)],
) -> Out {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty_run.py");
    let mut c = env.cmd(&[]);
    let mut py = Command::new("python3");
    py.arg(script).arg(answer).args(argv);
    py.env_clear();
    for (k, v) in c.get_envs() {
        if let Some(v) = v {
            py.env(k, v);
        }
    }
    py.env("TERM", "xterm-256color");
    // A pyenv shim for python3 needs to find its root.
    for var in ["PYENV_ROOT", "PYENV_VERSION"] {
        if let Some(v) = std::env::var_os(var) {
            py.env(var, v);
        }
    }
    for (k, v) in extra_env {
        py.env(k, v);
    }
    c = py;
    env.run_cmd(c, None)
}

#[cfg(unix)]
#[test]
fn on_a_terminal_a_table_a_prompt_and_a_progress_bar() {
    let env = Env::new();
    let a = env.iccid(0);

    // A table by default, with colours; none with NO_COLOR.
    let out = in_pty(&env, "-", &["sims", "list", "--page-size", "3"], &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("iccid") && out.stdout.contains("┆"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&format!("│ {a} ┆")), "{}", out.stdout);
    assert!(
        out.stdout.contains("\u{1b}["),
        "no colours: {:?}",
        out.stdout
    );
    assert!(
        out.stdout.contains("--all for every page"),
        "{}",
        out.stdout
    );
    let out = in_pty(
        &env,
        "-",
        &["sims", "list", "--page-size", "3"],
        &[("NO_COLOR", "1")],
    );
    assert!(out.stdout.contains("│ iccid"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("\u{1b}["),
        "colours with NO_COLOR: {:?}",
        out.stdout
    );

    // The confirmation prompt: "n" sends nothing, "y" sends the top-up once.
    env.sb().reset_stats();
    let out = in_pty(&env, "n", &["sims", "top-up", &a], &[]);
    assert_eq!(out.code, 3, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("About to top up 1 SIM (costs money). Continue? [y/N]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("cancelled; nothing was sent"),
        "{}",
        out.stdout
    );
    assert_eq!(env.sb().stats().requests, 0);
    let out = in_pty(&env, "y", &["sims", "top-up", &a], &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(env.sb().stats().top_ups_applied, 1);
    assert!(
        out.stdout.contains("1 SIM: 1 topped up, 0 failed"),
        "{}",
        out.stdout
    );

    // --all on a terminal streams the lines as the pages come (the SDK
    // paces /v2/sims at 10 requests per second, so 20 pages take about two
    // seconds): the lines are the progress, no bar over them.
    let args = ["sims", "list", "--all", "--page-size", "5", "-o", "jsonl"];
    let out = in_pty(&env, "-", &args, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.stdout.matches("{\"activation_date\"").count(), 100);
    assert!(!out.stdout.contains("/100 SIMs"), "a bar: {:?}", out.stdout);
    // Into a file, the terminal shows a progress bar instead.
    let file = env.dir.path().join("fleet.jsonl");
    let out = in_pty_to_file(&env, &args, &file);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("/100 SIMs"),
        "no progress bar: {:?}",
        out.stdout
    );
    assert!(!out.stdout.contains("activation_date"), "{:?}", out.stdout);
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 100);
}

/// The library entry point the binary and the Python wheel call.
#[test]
fn run_is_callable_in_process() {
    assert_eq!(once_cli::run(["once", "help", "exit-codes"]), 0);
    assert_eq!(once_cli::run(["once", "sims", "get", "123"]), 2);
    assert_eq!(once_cli::run(["once", "--version"]), 0);
    assert_eq!(once_cli::run(["once", "no-such-command"]), 2);
}

/// `once configure` on a terminal: asks for the client id, reads the secret
/// without echo, writes the profile with mode 0600.
#[cfg(unix)]
#[test]
fn configure_on_a_terminal_does_not_show_the_secret() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let secret = once_sandbox::DEFAULT_CLIENT_SECRET;
    let answers = format!(
        r#"[["Client id: ", "{}"], ["Client secret (not shown): ", "{secret}", "noecho"]]"#,
        once_sandbox::DEFAULT_CLIENT_ID
    );
    let out = in_pty(&env, &answers, &["configure", "--profile", "pty"], &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("Client secret (not shown): "),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains(secret),
        "the secret showed: {}",
        out.stdout
    );
    let path = env.dir.path().join("config/once/config.toml");
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[profiles.pty]") && text.contains(secret),
        "{text}"
    );
}

/// A server that misbehaves: a garbled body is a clear error (exit 1), a
/// gateway's HTML 503 on a read is retried by the SDK and goes unnoticed.
#[test]
fn misbehaving_server_answers_are_reported_not_hidden() {
    let env = Env::new();
    let a = env.iccid(0);
    env.sb()
        .inject(Fault::malformed_body().method("GET").path("/v2/sims/*"));
    let out = env.once(&["sims", "get", &a]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("could not decode"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    env.sb().reset_stats();
    env.sb()
        .inject(Fault::html(503).method("GET").path("/v2/sims"));
    let out = env.once(&["sims", "list", "--page-size", "2", "-o", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2);
    assert_eq!(env.sb().stats().requests_to("GET", "/v2/sims"), 2);
}

/// `--all` streams: the first line comes with the first page, and a reader
/// that is done (`| head -1`) stops the listing. The pipe's buffer (64 KiB)
/// holds under two pages of 50 SIMs as JSON lines, so while this test does
/// not read, the CLI cannot get further than writing page 2 (with one page
/// fetched ahead); a CLI that collects every page first would have fetched
/// all 20 before its first line.
#[test]
fn all_streams_and_stops_when_the_reader_is_done() {
    use std::io::BufRead;
    let env = Env::with(Sandbox::builder().no_rate_limits().sims(1000));
    let mut c = env.cmd(&["sims", "list", "--all", "--page-size", "50", "-o", "jsonl"]);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"activation_date\""), "{first}");
    drop(stdout); // `| head -1` exits
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let pages = env.sb().stats().requests_to("GET", "/v2/sims");
    assert!(
        (1..=4).contains(&pages),
        "{pages} of 20 pages fetched for one line"
    );
}

/// A loop of commands within a token's life makes one token request: the
/// token is kept between runs in the user's cache directory, in a private
/// file that holds no secret. `ONCE_NO_TOKEN_CACHE=1` turns it off.
#[cfg(unix)]
#[test]
fn runs_share_one_token_through_the_cache() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let a = env.iccid(0);
    let cached = |args: &[&str]| {
        let mut c = env.cmd(args);
        c.env_remove("ONCE_NO_TOKEN_CACHE");
        env.run_cmd(c, None)
    };
    for _ in 0..3 {
        let out = cached(&["sims", "get", &a, "-o", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    assert_eq!(env.sb().stats().token_requests, 1);
    let dir = env.dir.path().join(".cache/once/tokens");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        !text.contains(once_sandbox::DEFAULT_CLIENT_SECRET),
        "{text}"
    );

    // Off: every run asks for its own.
    assert_eq!(env.once(&["sims", "get", &a, "-o", "json"]).code, 0);
    assert_eq!(env.sb().stats().token_requests, 2);
    // Another secret for the same client id: the cached token is not used
    // (it was issued for the other), and the wrong secret is refused.
    let mut c = env.cmd(&["sims", "get", &a, "-o", "json"]);
    c.env_remove("ONCE_NO_TOKEN_CACHE")
        .env("ONCE_CLIENT_SECRET", "not-the-secret");
    let out = env.run_cmd(c, None);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert_eq!(env.sb().stats().token_requests, 3);

    // Readable by others: not used, and replaced by a private file.
    std::fs::set_permissions(&files[0], std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cached(&["sims", "get", &a, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("can be read by others"),
        "{}",
        out.stderr
    );
    assert_eq!(env.sb().stats().token_requests, 4);
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// `once config show`: which profile and settings, where each comes from,
/// the secret never shown; no request is sent.
#[test]
fn config_show_says_where_each_setting_comes_from() {
    let env = Env::new();
    let rows = |out: &Out| -> std::collections::BTreeMap<String, (String, String)> {
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().unwrap().to_string();
                (s("setting"), (s("value"), s("from")))
            })
            .collect()
    };
    // From the environment (as Env sets it, the token cache on).
    let mut c = env.cmd(&["config", "show", "-o", "jsonl"]);
    c.env_remove("ONCE_NO_TOKEN_CACHE");
    let out = env.run_cmd(c, None);
    assert!(!out.stdout.contains(once_sandbox::DEFAULT_CLIENT_SECRET));
    let r = rows(&out);
    assert_eq!(r["client_id"].0, once_sandbox::DEFAULT_CLIENT_ID);
    assert_eq!(r["client_id"].1, "environment (ONCE_CLIENT_ID)");
    assert_eq!(r["client_secret"].0, "******** (hidden)");
    assert_eq!(
        r["base_url"],
        (
            env.sb().base_url().to_string(),
            "environment (ONCE_BASE_URL)".into()
        )
    );
    assert!(
        r["token_cache"].0.contains(".cache/once/tokens/"),
        "{:?}",
        r["token_cache"]
    );
    assert_eq!(r["timeout"].1, "default (the SDK's)");

    // From a profile named with --profile; its base URL from the file.
    let mut c = env.cmd(&[
        "configure",
        "--profile",
        "prod",
        "--client-id",
        "prod-id",
        "--base-url",
        "https://example.test/api",
    ]);
    c.env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET");
    assert_eq!(env.run_cmd(c, Some("prod-secret\n")).code, 0);
    let mut c = env.cmd(&[
        "--profile",
        "prod",
        "--timeout",
        "7",
        "config",
        "show",
        "-o",
        "jsonl",
    ]);
    c.env_remove("ONCE_BASE_URL");
    let out = env.run_cmd(c, None);
    assert!(!out.stdout.contains("prod-secret"), "{}", out.stdout);
    let r = rows(&out);
    assert_eq!(r["profile"], ("prod".into(), "--profile".into()));
    assert_eq!(r["client_id"].0, "prod-id");
    assert!(
        r["client_id"].1.starts_with("profile \"prod\" in "),
        "{:?}",
        r["client_id"]
    );
    assert_eq!(r["base_url"].0, "https://example.test/api");
    assert!(
        r["base_url"].1.starts_with("profile \"prod\""),
        "{:?}",
        r["base_url"]
    );
    assert_eq!(r["timeout"], ("7 s".into(), "--timeout".into()));
    assert_eq!(env.sb().stats().requests, 0);
}

/// `--fields` picks and orders the columns of every format, for lists,
/// streamed lists and single records.
#[test]
fn fields_pick_what_is_printed() {
    let env = Env::new();
    let out = env.once(&["sims", "list", "--fields", "status,iccid", "-o", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut lines = out.stdout.lines();
    assert_eq!(lines.next(), Some("status,iccid"));
    assert_eq!(lines.count(), 10);
    let out = env.once(&[
        "sims",
        "list",
        "--all",
        "--fields",
        "iccid,quota_status.id",
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 100);
    let first: serde_json::Value =
        serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first.as_object().unwrap().len(), 2, "{first}");
    assert!(first["quota_status"]["id"].is_number(), "{first}");
    let a = env.iccid(0);
    let out = env.once(&["sims", "get", &a, "--fields", "iccid", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!({"iccid": a}));
    // A field no result has is named on stderr.
    let out = env.once(&["sims", "get", &a, "--fields", "icid", "-o", "json"]);
    assert!(
        out.stderr.contains("no result has \"icid\""),
        "{}",
        out.stderr
    );
}

/// `once sandbox start`: a sandbox in the background keeps its state
/// between `--sandbox` commands (an order placed by one is listed by the
/// next) until `once sandbox stop`; without it each run starts afresh.
#[test]
fn a_background_sandbox_keeps_its_state_between_commands() {
    let env = Env::new();
    let once = |args: &[&str]| {
        let mut c = env.cmd(args);
        c.env_remove("ONCE_CLIENT_ID")
            .env_remove("ONCE_CLIENT_SECRET")
            .env_remove("ONCE_BASE_URL");
        env.run_cmd(c, None)
    };
    /// Stops the background sandbox even when an assert fails.
    struct Stop<'a>(&'a dyn Fn(&[&str]) -> Out);
    impl Drop for Stop<'_> {
        fn drop(&mut self) {
            (self.0)(&["sandbox", "stop"]);
        }
    }
    let orders = |out: &Out| -> Vec<serde_json::Value> {
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let started = once(&["sandbox", "start", "--sims", "5", "-o", "json"]);
    let _stop = Stop(&once);
    assert_eq!(started.code, 0, "{}", started.stderr);
    let before = orders(&once(&["--sandbox", "orders", "list", "-o", "jsonl"])).len();
    let topped = once(&[
        "--sandbox",
        "sims",
        "top-up",
        "8988280666000000001",
        "--yes",
    ]);
    assert_eq!(topped.code, 0, "{}", topped.stderr);
    let after = orders(&once(&["--sandbox", "orders", "list", "-o", "jsonl"]));
    assert_eq!(after.len(), before + 1);
    assert!(
        after.iter().any(|o| o["order_type"] == "TOPUP"),
        "{after:?}"
    );
    let status = once(&["sandbox", "status", "-o", "json"]);
    assert!(
        status.stdout.contains("\"running\": true"),
        "{}",
        status.stdout
    );

    let stopped = once(&["sandbox", "stop", "-o", "json"]);
    assert!(
        stopped.stdout.contains("\"stopped\": true"),
        "{}",
        stopped.stdout
    );
    let status = once(&["sandbox", "status", "-o", "json"]);
    assert!(
        status.stdout.contains("\"running\": false"),
        "{}",
        status.stdout
    );
    // Fresh again: no top-up order.
    let fresh = orders(&once(&["--sandbox", "orders", "list", "-o", "jsonl"]));
    assert!(
        fresh.iter().all(|o| o["order_type"] != "TOPUP"),
        "{fresh:?}"
    );
}

/// The energy-saver template the 1NCE OS tests use (the sandbox's format).
const OS_TEMPLATE: &str = r#"{"fields":[{"name":"temp","type":"int8"}]}"#;

/// Secrets the 1NCE OS tests send: none may ever be printed.
const OS_SECRETS: &[&str] = &[
    "sandbox-key-12345",
    "00112233445566778899aabbccddeeff",
    "job-key-123456",
    "hook-secret-1",
    "hook-secret-2",
    "mender-token-123",
    "tartabit-key-1",
    "fixture-key-12345",
];

/// Request bodies of the 1NCE OS examples (`{bodies}`).
fn os_bodies(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("bodies");
    std::fs::create_dir_all(&dir).unwrap();
    let template = serde_json::Value::String(OS_TEMPLATE.into());
    let files = [
        ("key.txt", "sandbox-key-12345\n".to_string()),
        ("key.hex", "00112233445566778899aabbccddeeff".to_string()),
        (
            "keys.json",
            serde_json::json!([{"deviceId": env.iccid(4), "secretKey": "job-key-123456", "protocol": "COAP"}])
                .to_string(),
        ),
        (
            "test.json",
            serde_json::json!({"template": template, "payload": "EQ=="}).to_string(),
        ),
        (
            "template.json",
            serde_json::json!({"name": "cli-temps", "template": template, "protocolFilter": ["UDP"]})
                .to_string(),
        ),
        (
            "webhook.json",
            serde_json::json!({"name": "cli-hook", "url": "http://127.0.0.1:9/hook",
                "headers": {"X-Api-Key": "hook-secret-2"}, "eventTypes": [{"type": "TELEMETRY_DATA"}]})
            .to_string(),
        ),
        (
            "mender.json",
            serde_json::json!({"tenantToken": "mender-token-123"}).to_string(),
        ),
        (
            "tartabit.json",
            serde_json::json!({"serverDomain": "eu.tartabit.com", "webhookKey": "tartabit-key-1"})
                .to_string(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// The value of a `{placeholder}` of a 1NCE OS example: ids of the fleet,
/// or something made through the SDK for this one command.
fn os_fixture(env: &Env, name: &str, k: usize) -> String {
    use once_sdk::*;
    let sb = env.sb();
    let client = sb.client().unwrap();
    let os = client.os();
    let fresh = format!("fixture-{k}");
    env.rt.block_on(async {
        match name {
            "device" => env.iccid(0),
            "device2" => env.iccid(1),
            "busy_device" => {
                let d = DeviceId::from(env.iccid(7));
                let udp = UdpAction::new("x", PayloadType::String, 4445);
                os.devices().send_udp(&d, &udp).await.unwrap();
                env.iccid(7)
            }
            "psk_device" => {
                let d = DeviceId::from(env.iccid(3));
                let key = PskSet::new("fixture-key-12345", OsProtocol::Coap);
                os.devices().set_psk(&d, &key).await.unwrap();
                env.iccid(3)
            }
            "request" => {
                let d = DeviceId::from(env.iccid(5));
                let udp = UdpAction::new("x", PayloadType::String, 4445);
                let h = os.devices().send_udp(&d, &udp).await.unwrap();
                h.id().unwrap().to_string()
            }
            "geofence" => {
                let g = NewGeofence::circle(fresh, [13.0, 52.0], 100.0);
                let g = os.locator().create_geofence(&g).await.unwrap();
                g.id.unwrap().to_string()
            }
            "template" => {
                let t = TemplateInput::new(fresh, OS_TEMPLATE, vec![OsProtocol::Udp]);
                let t = os.optimizer().create_template(&t).await.unwrap();
                t.id.unwrap().to_string()
            }
            "aws" => {
                let events = vec![EventSubscription::new(OsEventType::TelemetryData)];
                let i = NewAwsIntegration::new(fresh, events);
                let i = os.integrations().create_aws(&i).await.unwrap();
                // Rolled out: active.
                sb.advance_os_clock(std::time::Duration::from_secs(60));
                i.id.unwrap().to_string()
            }
            "webhook" => {
                let events = vec![EventSubscription::new(OsEventType::TelemetryData)];
                let headers = WebhookHeaders::new().with("X-Api-Key", "hook-secret-1");
                let i =
                    NewWebhookIntegration::new(fresh, "http://127.0.0.1:9/hook", headers, events);
                let i = os.integrations().create_webhook(&i).await.unwrap();
                i.id.unwrap().to_string()
            }
            "plugin" => {
                let page = os.plugins().list().send().await.unwrap();
                let restartable = page
                    .items
                    .iter()
                    .find(|p| matches!(p.partner, Some(Partner::Datacake | Partner::Tartabit)));
                match restartable {
                    Some(p) => p.id.clone().unwrap().to_string(),
                    None => {
                        let s = PluginSettings::datacake("fixture-ws");
                        let p = os.plugins().create(Partner::Datacake, &s).await.unwrap();
                        p.id.unwrap().to_string()
                    }
                }
            }
            "log" => {
                let d = DeviceId::from(env.iccid(6));
                let udp = UdpAction::new("x", PayloadType::String, 4445);
                os.devices().send_udp(&d, &udp).await.unwrap();
                sb.advance_os_clock(std::time::Duration::from_secs(60));
                let page = os.logs().list().send().await.unwrap();
                page.items[0].id.clone().unwrap().to_string()
            }
            other => panic!("unknown placeholder {{{other}}}"),
        }
    })
}

/// Every 1NCE OS operation runs through its `once os` command against the
/// sandbox: exit code 0, exactly that one request (plus the token's), an
/// answer printed, and no secret of the test in any output.
#[test]
fn every_os_operation_runs_its_command() {
    let env = Env::new();
    let sb = env.sb();
    let bodies = os_bodies(&env);
    let table = once_sdk::api::os::OPERATIONS;
    let mut ran = std::collections::HashSet::new();
    for (k, c) in once_cli::operations::OS_COMMANDS.iter().enumerate() {
        let op = table.iter().find(|o| o.name == c.operation).unwrap();
        // The command shown in docs/API_COVERAGE.md is the one run here.
        let shown: Vec<&str> = c
            .command
            .split(' ')
            .skip(1)
            .take_while(|w| !w.starts_with('-') && !w.contains('_') && w.to_uppercase() != *w)
            .collect();
        assert!(
            c.example.starts_with(&shown.join(" ")),
            "{} vs {}",
            c.command,
            c.example
        );
        if c.example.contains("plugins create") {
            // One plugin per partner: make room.
            env.rt.block_on(async {
                let os = sb.client().unwrap().os();
                for p in os.plugins().list().send().await.unwrap().items {
                    os.plugins().delete(&p.id.unwrap()).await.unwrap();
                }
            });
        }
        let mut line = c.example.replace("{bodies}", bodies.to_str().unwrap());
        while let Some(start) = line.find('{') {
            let end = start + line[start..].find('}').unwrap();
            let value = os_fixture(&env, &line[start + 1..end], k);
            line.replace_range(start..=end, &value);
        }
        let args: Vec<&str> = line.split(' ').collect();
        sb.reset_stats();
        let out = env.once(&[&["-o", "json"], &args[..]].concat());
        assert_eq!(out.code, 0, "once {line}: {}", out.stderr);
        let stats = sb.stats();
        assert_eq!(
            stats.requests_to(op.method, op.path),
            1,
            "once {line} should send {} {}: {:?}",
            op.method,
            op.path,
            stats.by_operation
        );
        assert_eq!(stats.requests, 2, "once {line}: {:?}", stats.by_operation);
        if out.stdout.is_empty() {
            // 204 No Content: said on stderr.
            assert!(out.stderr.contains("done"), "once {line}: {}", out.stderr);
        } else {
            let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
                panic!("once {line} -o json printed no JSON ({e}): {}", out.stdout)
            });
            assert!(!v.is_null(), "once {line}: {}", out.stdout);
        }
        for secret in OS_SECRETS {
            assert!(
                !out.stdout.contains(secret) && !out.stderr.contains(secret),
                "once {line} printed the secret {secret}: {}{}",
                out.stdout,
                out.stderr
            );
        }
        ran.insert(op.name);
        // Device actions end, so no device runs out of room for more.
        sb.advance_os_clock(std::time::Duration::from_secs(60));
    }
    assert_eq!(ran.len(), 72, "{ran:?}");
}

/// Every 1NCE OS operation that changes something (Write or SideEffect in
/// the SDK's table) is refused without `--yes` when stdin is not a
/// terminal, and `--dry-run` prints its request: neither sends anything.
#[test]
fn os_changes_are_confirmed_or_dry_run_and_send_nothing() {
    let env = Env::new();
    let sb = env.sb();
    let bodies = os_bodies(&env);
    let table = once_sdk::api::os::OPERATIONS;
    let mut changes = 0;
    for (k, c) in once_cli::operations::OS_COMMANDS.iter().enumerate() {
        let op = table.iter().find(|o| o.name == c.operation).unwrap();
        if op.effect == once_sdk::Effect::Read {
            continue;
        }
        changes += 1;
        assert!(c.example.ends_with(" --yes"), "{}", c.example);
        let mut line = c
            .example
            .trim_end_matches(" --yes")
            .replace("{bodies}", bodies.to_str().unwrap());
        while let Some(start) = line.find('{') {
            let end = start + line[start..].find('}').unwrap();
            let value = os_fixture(&env, &line[start + 1..end], k);
            line.replace_range(start..=end, &value);
        }
        let args: Vec<&str> = line.split(' ').collect();
        sb.reset_stats();
        let out = env.once(&args);
        assert_eq!(out.code, 3, "once {line}: {}", out.stderr);
        assert!(
            out.stderr.contains("without confirmation")
                && out.stderr.contains(op.method)
                && out.stderr.contains(op.name),
            "once {line}: {}",
            out.stderr
        );
        let out = env.once(&[&args[..], &["--dry-run", "-o", "json"]].concat());
        assert_eq!(out.code, 0, "once {line} --dry-run: {}", out.stderr);
        let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(plan[0]["method"], op.method, "{}", out.stdout);
        let url = plan[0]["url"].as_str().unwrap();
        let prefix: String = op.path.split('{').next().unwrap().to_string();
        assert!(url.contains(&prefix), "{url} vs {}", op.path);
        for secret in OS_SECRETS {
            assert!(!out.stdout.contains(secret), "{secret}: {}", out.stdout);
        }
        assert_eq!(sb.stats().requests, 0, "once {line} sent something");
        sb.advance_os_clock(std::time::Duration::from_secs(60));
    }
    let in_table = table
        .iter()
        .filter(|o| o.effect != once_sdk::Effect::Read)
        .count();
    assert_eq!(changes, in_table);
}

#[test]
fn os_outputs_match_the_golden_files() {
    let env = Env::new();
    let a = env.iccid(0);
    for (format, file) in [("table", "os_devices.table"), ("csv", "os_devices.csv")] {
        let out = env.once(&[
            "os",
            "inspector",
            "devices",
            "--page-size",
            "3",
            "-o",
            format,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        golden(file, &out.stdout);
    }
    let out = env.once(&["os", "inspector", "device", &a, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    golden("os_device.json", &out.stdout);
    let udp = [
        "os",
        "devices",
        "send-udp",
        &a,
        "--payload",
        "ping",
        "--port",
        "4445",
    ];
    env.sb().reset_stats();
    let out = env.once(&[&udp[..], &["--dry-run", "-o", "json"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    golden(
        "os_send_udp_dry_run.json",
        &out.stdout.replace(env.sb().base_url(), "BASE"),
    );
    let out = env.once(&udp);
    assert_eq!(out.code, 3);
    golden("os_send_udp_refused.txt", &out.stderr);
    assert_eq!(env.sb().stats().requests, 0);
    let out = env.once(&["os", "--help"]);
    assert_eq!(out.code, 0);
    golden("os_help.txt", &out.stdout);
}

#[test]
fn os_device_actions_wait_until_done() {
    let env = Env::new();
    let sb = env.sb();
    sb.set_os_action_stage(std::time::Duration::from_millis(200));
    let (a, b) = (env.iccid(0), env.iccid(1));
    env.rt.block_on(async {
        let client = sb.client().unwrap();
        for i in [&a, &b] {
            let i: once_sdk::Iccid = i.parse().unwrap();
            let up = client
                .sims()
                .update(&i)
                .status(once_sdk::SimStatus::Enabled);
            up.send().await.unwrap();
        }
    });
    sb.set_online(&a, true).unwrap();
    sb.set_online(&b, true).unwrap();
    let out = env.once(&[
        "os",
        "devices",
        "send-udp",
        &a,
        "--payload",
        "ping",
        "--port",
        "4445",
        "--yes",
        "--wait",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "SUCCEEDED", "{}", out.stdout);
    assert_eq!(v[0]["deviceId"], a.as_str());
    // The request was followed: more than the one POST.
    assert!(
        sb.stats()
            .requests_to("GET", "/v1/integrate/devices/actions/requests/{requestId}")
            >= 1
    );
    let out = env.once(&[
        "os",
        "devices",
        "send-lwm2m-bulk",
        "--device-id",
        &a,
        "--device-id",
        &b,
        "--action",
        "read",
        "--resource",
        "/3/0/1",
        "--yes",
        "--wait",
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert!(
        out.stdout.lines().all(|l| l.contains("SUCCEEDED")),
        "{}",
        out.stdout
    );
    // An offline device: the action fails, and so does the command.
    let c = env.iccid(2);
    sb.set_online(&c, false).unwrap();
    let out = env.once(&[
        "os",
        "devices",
        "send-udp",
        &c,
        "--payload",
        "ping",
        "--port",
        "4445",
        "--yes",
        "--wait",
    ]);
    assert_eq!(out.code, 1, "{} {}", out.stdout, out.stderr);
    assert!(out.stdout.contains("FAILED"), "{}", out.stdout);
    // A timeout that is too short: exit code and message say so.
    sb.set_os_action_stage(std::time::Duration::from_secs(60));
    let out = env.once(&[
        "os",
        "devices",
        "send-udp",
        &a,
        "--payload",
        "ping",
        "--port",
        "4445",
        "--yes",
        "--wait",
        "--timeout",
        "1",
    ]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("not done"), "{}", out.stderr);
}

#[test]
fn os_secrets_are_redacted_unless_asked_for() {
    let env = Env::new();
    let a = env.iccid(0);
    let key = env.dir.path().join("key");
    std::fs::write(&key, "very-secret-psk-1\n").unwrap();
    let out = env.once(&[
        "os",
        "devices",
        "set-psk",
        &a,
        "--protocol",
        "COAP",
        "--key-file",
        key.to_str().unwrap(),
        "--yes",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("very-secret-psk-1"), "{}", out.stdout);
    let out = env.once(&["os", "devices", "psk", &a, "COAP", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["secretKey"], "[redacted]", "{}", out.stdout);
    for format in ["table", "csv", "jsonl"] {
        let out = env.once(&["os", "devices", "psk", &a, "COAP", "-o", format]);
        assert!(out.stdout.contains("[redacted]") && !out.stdout.contains("very-secret-psk-1"));
    }
    let out = env.once(&[
        "os",
        "devices",
        "psk",
        &a,
        "COAP",
        "--show-secrets",
        "-o",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["secretKey"], "very-secret-psk-1", "{}", out.stdout);
    // Webhook header values: in the answer, in lists, in a dry run.
    let args = [
        "os",
        "integrations",
        "create-webhook",
        "--name",
        "ops",
        "--url",
        "http://127.0.0.1:9/h",
        "--header",
        "X-Api-Key=hook-value-9",
        "--event-type",
        "TELEMETRY_DATA",
    ];
    let out = env.once(&[&args[..], &["--dry-run", "-o", "json"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("X-Api-Key") && !out.stdout.contains("hook-value-9"),
        "{}",
        out.stdout
    );
    let out = env.once(&[&args[..], &["--yes", "-o", "json"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("hook-value-9"), "{}", out.stdout);
    let created = out.clone();
    for format in ["json", "csv", "table"] {
        let out = env.once(&["os", "integrations", "list", "-o", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stdout.contains("hook-value-9"), "{}", out.stdout);
    }
    let v: serde_json::Value = serde_json::from_str(&created.stdout).unwrap();
    let id = v["id"].as_str().unwrap();
    let out = env.once(&["os", "integrations", "get", id, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("[redacted]") && !out.stdout.contains("hook-value-9"),
        "{}",
        out.stdout
    );
    let out = env.once(&[
        "os",
        "integrations",
        "get",
        id,
        "--show-secrets",
        "-o",
        "json",
    ]);
    assert!(out.stdout.contains("hook-value-9"), "{}", out.stdout);
}

#[test]
fn os_bad_input_names_the_field_and_sends_nothing() {
    let env = Env::new();
    let a = env.iccid(0);
    let body = env.dir.path().join("body.json");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        // The SDK's own checks, also in a dry run.
        (
            vec![
                "os",
                "devices",
                "send-udp",
                &a,
                "--payload",
                "x",
                "--port",
                "0",
                "--yes",
            ],
            "",
            "port",
        ),
        (
            vec![
                "os",
                "devices",
                "send-udp",
                &a,
                "--payload",
                "x",
                "--port",
                "70000",
                "--dry-run",
            ],
            "",
            "port",
        ),
        (
            vec![
                "os",
                "locator",
                "create-geofence",
                "--name",
                "g",
                "--circle",
                "200,10",
                "--radius",
                "5",
                "--dry-run",
            ],
            "",
            "longitude",
        ),
        (
            vec![
                "os",
                "locator",
                "create-geofence",
                "--name",
                "g",
                "--polygon",
                "1,1 2,2 3,1",
                "--yes",
            ],
            "",
            "coordinates",
        ),
        // --body: checked against the SDK's type.
        (
            vec!["os", "devices", "send-udp", &a, "--body", "BODY", "--yes"],
            r#"{"payload": "x", "payloadType": "STRING", "port": "high"}"#,
            "port",
        ),
        (
            vec!["os", "devices", "send-udp", &a, "--body", "BODY", "--yes"],
            r#"{"payload": "x", "payloadType": "STRING", "port": 1, "prot": 2}"#,
            "prot",
        ),
        (
            vec![
                "os",
                "locator",
                "create-geofence",
                "--body",
                "BODY",
                "--dry-run",
            ],
            r#"{"name": "g", "type": "circle", "center": [1, 2], "radius": -1}"#,
            "radius",
        ),
        (
            vec!["os", "devices", "create-psk-job", "--body", "BODY", "--yes"],
            r#"[{"deviceId": {"id": 1}, "secretKey": "k", "protocol": "COAP"}]"#,
            "[0].deviceId",
        ),
        (
            vec!["os", "devices", "create-psk-job", "--body", "BODY", "--yes"],
            r#"[{"deviceId": "d", "secretKey": "key-123456", "protocol": "UDP"}]"#,
            "protocol",
        ),
        (
            vec!["os", "devices", "send-udp", &a, "--body", "BODY", "--yes"],
            "{not json",
            "not JSON",
        ),
        // clap: values of the SDK's enums.
        (
            vec!["os", "devices", "endpoint", "SMTP"],
            "",
            "possible values",
        ),
    ];
    for (args, text, field) in cases {
        std::fs::write(&body, text).unwrap();
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "BODY" {
                    body.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        env.sb().reset_stats();
        let out = env.once(&args);
        assert_eq!(out.code, 2, "once {args:?}: {}", out.stderr);
        assert!(out.stderr.contains(field), "once {args:?}: {}", out.stderr);
        assert_eq!(env.sb().stats().requests, 0, "once {args:?} sent something");
    }
}

/// On a terminal a 1NCE OS change asks first: "n" sends nothing, "y"
/// sends it once.
#[cfg(unix)]
#[test]
fn os_changes_ask_on_a_terminal() {
    let env = Env::new();
    let args = [
        "os",
        "locator",
        "create-geofence",
        "--name",
        "pty-depot",
        "--circle",
        "13.4,52.5",
        "--radius",
        "250",
        "-o",
        "json",
    ];
    env.sb().reset_stats();
    let out = in_pty(&env, "n", &args, &[]);
    assert_eq!(out.code, 3, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("About to send POST /v1/locate/geofences")
            && out.stdout.contains("Continue? [y/N]")
            && out.stdout.contains("cancelled; nothing was sent"),
        "{}",
        out.stdout
    );
    assert_eq!(env.sb().stats().requests, 0);
    let out = in_pty(&env, "y", &args, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("pty-depot"), "{}", out.stdout);
    assert_eq!(
        env.sb().stats().requests_to("POST", "/v1/locate/geofences"),
        1
    );
    // Reads do not ask.
    let out = in_pty(
        &env,
        "-",
        &["os", "locator", "geofences", "-o", "json"],
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(!out.stdout.contains("[y/N]"), "{}", out.stdout);
}

/// Lists: `--all` through body pages and through history tokens, and
/// `--fields` on 1NCE OS records.
#[test]
fn os_lists_page_through_everything_and_pick_fields() {
    let env = Env::new();
    let sb = env.sb();
    let out = env.once(&[
        "os",
        "inspector",
        "devices",
        "--all",
        "--page-size",
        "30",
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 100);
    assert_eq!(sb.stats().requests_to("GET", "/v1/inspect/devices"), 4);
    let out = env.once(&[
        "os",
        "inspector",
        "devices",
        "--page-size",
        "2",
        "--fields",
        "ip,id",
        "-o",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "ip,id\n10.0.1.0,{}\n10.0.1.1,{}\n",
            env.iccid(0),
            env.iccid(1)
        )
    );
    let a = env.iccid(0);
    for n in 0..5u8 {
        sb.os_device_message(&a, once_sandbox::OsProtocol::Udp, &[n])
            .unwrap();
    }
    sb.reset_stats();
    let out = env.once(&[
        "os",
        "inspector",
        "device-history",
        &a,
        "--all",
        "--page-size",
        "2",
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 5, "{}", out.stdout);
    assert_eq!(
        sb.stats()
            .requests_to("GET", "/v1/inspect/devices/{deviceId}/history"),
        3
    );
    // One page: the token of the next on stderr.
    let out = env.once(&[
        "os",
        "inspector",
        "device-history",
        &a,
        "--page-size",
        "2",
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert!(out.stderr.contains("--next-token"), "{}", out.stderr);
}

/// A device action whose answer is lost is not sent again: exit code 6
/// and what to check, and the sandbox received it once.
#[test]
fn os_side_effects_of_unknown_outcome_are_not_sent_twice() {
    let env = Env::new();
    let a = env.iccid(0);
    env.sb().inject(
        Fault::apply_then_drop()
            .method("POST")
            .path("/v1/integrate/devices/*/actions/UDP"),
    );
    let out = env.once(&[
        "os",
        "devices",
        "send-udp",
        &a,
        "--payload",
        "ping",
        "--port",
        "4445",
        "--yes",
    ]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("OUTCOME UNKNOWN")
            && out.stderr.contains("once os devices action-requests"),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.sb()
            .stats()
            .requests_to("POST", "/v1/integrate/devices/{deviceId}/actions/UDP"),
        1
    );
    // The sandbox applied it: the request is there.
    let out = env.once(&[
        "os",
        "devices",
        "action-requests",
        "--device-id",
        &a,
        "-o",
        "jsonl",
    ]);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
}
