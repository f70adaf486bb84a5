//! Exit codes of `once` and the error type that carries them.

use std::fmt;

/// The command did what was asked.
pub const OK: i32 = 0;
/// The 1NCE API or the network failed (the message says how).
pub const FAILED: i32 = 1;
/// The command line or the input was wrong; nothing was sent.
pub const USAGE: i32 = 2;
/// A confirmation was declined, or `--yes` was missing without a terminal;
/// nothing was sent.
pub const CANCELLED: i32 = 3;
/// No usable credentials: missing, rejected by 1NCE, or a config file
/// others can read.
pub const AUTH: i32 = 4;
/// A batch finished, but some of its SIMs failed (one line each above the
/// summary).
pub const PARTIAL: i32 = 5;
/// A request that costs money or changes a device may or may not have been
/// applied (the connection broke after it was sent). It was not retried.
pub const OUTCOME_UNKNOWN: i32 = 6;

/// The text of `once help exit-codes`, also shown at the end of `once --help`.
pub const HELP: &str = "\
Exit codes:
  0  success
  1  the 1NCE API or the network failed (the message says how), or a
     1NCE OS action or key job followed with --wait did not succeed
  2  wrong command line or input (e.g. an ICCID with 18 digits); nothing was sent
  3  cancelled: confirmation declined, or --yes missing when stdin is not a terminal; nothing was sent
  4  credentials missing, rejected, or in a config file that others can read
  5  a batch finished but some SIMs failed (see the lines above the summary)
  6  outcome unknown: a top-up, SMS, order, reset, transfer, extension,
     status change or 1NCE OS side effect (a device action, a key, an
     integration, a plugin) may or may not have been applied; it was not
     retried.
     Check before running it again (the message says what to check).";

/// An error that ends the command: what to print and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// Exit code (one of the constants of this module).
    pub code: i32,
    /// What happened and what to do, one or more lines.
    pub message: String,
}

impl CliError {
    /// An error with an exit code and a message.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// Wrong input (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(USAGE, message)
    }

    /// Credentials or configuration (exit code 4).
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(AUTH, message)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// The exit code of an SDK error.
pub fn code_of(e: &once_sdk::Error) -> i32 {
    use once_sdk::Error as E;
    match e {
        E::InvalidInput(_) => USAGE,
        E::Auth { .. } | E::Config(_) => AUTH,
        E::OutcomeUnknown { .. } => OUTCOME_UNKNOWN,
        _ => FAILED,
    }
}

/// What the user can do about an SDK error, if there is something to say.
pub fn hint_of(e: &once_sdk::Error) -> Option<&'static str> {
    use once_sdk::Error as E;
    match e {
        E::Auth { .. } => {
            Some("check ONCE_CLIENT_ID and ONCE_CLIENT_SECRET (or the profile: `once configure`)")
        }
        E::RateLimited { .. } => {
            Some("1NCE throttled the calls: try again later or lower --concurrency")
        }
        E::Timeout(_) | E::Transport { .. } => {
            Some("check the network and ONCE_BASE_URL; read-only commands can simply be run again")
        }
        E::Api(d) if d.status == 404 => {
            Some("check the id: 1NCE does not know it for this account")
        }
        _ => None,
    }
}

impl From<once_sdk::Error> for CliError {
    fn from(e: once_sdk::Error) -> Self {
        let mut message = e.to_string();
        if let Some(h) = hint_of(&e) {
            message.push_str("\n  hint: ");
            message.push_str(h);
        }
        CliError::new(code_of(&e), message)
    }
}

impl From<once_sdk::ValidationError> for CliError {
    fn from(e: once_sdk::ValidationError) -> Self {
        CliError::usage(e.to_string())
    }
}
