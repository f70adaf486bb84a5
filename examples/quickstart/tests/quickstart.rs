//! The README's first command: runs against the sandbox without credentials.

use std::process::Command;

#[test]
fn runs_against_the_sandbox_without_credentials() {
    let out = Command::new(env!("CARGO_BIN_EXE_quickstart"))
        .env_remove("ONCE_CLIENT_ID")
        .env_remove("ONCE_CLIENT_SECRET")
        .env_remove("ONCE_BASE_URL")
        .output()
        .expect("quickstart runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("ONCE_CLIENT_ID is not set: using the local 1NCE sandbox"),
        "{stdout}"
    );
    assert!(
        stdout.contains("25 SIMs in the account, the first 5:"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("  8988")).count(),
        5,
        "{stdout}"
    );
    for label in ["data left", "SMS left", "network", "usage", "Sent SMS"] {
        assert!(stdout.contains(label), "missing {label}: {stdout}");
    }
    assert!(
        stdout.contains("ping from once-sdk"),
        "the SMS is listed back: {stdout}"
    );
}
