//! What every command gets: the global options, the output, and the client
//! (built on first use, so `--dry-run` and bad input need no credentials).

use std::sync::Arc;

use once_sandbox::Sandbox;
use once_sdk::Client;
use tokio::sync::OnceCell;

use crate::cli::Global;
use crate::config;
use crate::exit::CliError;
use crate::output::Output;
use crate::token_cache::{fingerprint, CliTokenStore};

/// The user agent the CLI adds to the SDK's.
pub const APP: &str = concat!("once-cli/", env!("CARGO_PKG_VERSION"));

/// Context of one command run.
pub struct Ctx {
    /// `--yes`.
    pub yes: bool,
    /// `--dry-run`.
    pub dry_run: bool,
    /// `--concurrency`.
    pub concurrency: usize,
    /// `--sandbox`.
    pub sandbox: bool,
    /// `--profile`.
    pub profile: Option<String>,
    /// How results are printed.
    pub out: Output,
    /// `--timeout`: the limit of one call, retries included.
    pub timeout: Option<std::time::Duration>,
    /// The token store of the client (read by `once token`): kept between
    /// runs in the user's cache directory ([`crate::token_cache`]).
    pub tokens: Arc<CliTokenStore>,
    client: OnceCell<(Client, Option<Sandbox>)>,
}

impl Ctx {
    /// A context for the global options.
    pub fn new(g: &Global) -> Self {
        Self {
            yes: g.yes,
            dry_run: g.dry_run,
            concurrency: usize::from(g.concurrency),
            sandbox: g.sandbox,
            profile: g.profile.clone(),
            out: Output::new(g.output, g.no_color)
                .fields(&g.fields)
                .secrets(g.show_secrets),
            timeout: g.timeout.map(std::time::Duration::from_secs),
            tokens: Arc::new(CliTokenStore::new()),
            client: OnceCell::new(),
        }
    }

    /// The client: against an in-process sandbox with `--sandbox`, else
    /// with the credentials [`config::resolve`] finds.
    pub async fn client(&self) -> Result<&Client, CliError> {
        let (client, _) = self
            .client
            .get_or_try_init(|| async {
                if self.sandbox {
                    if let Some(r) = crate::commands::sandbox::running() {
                        // The one `once sandbox start` left running: its
                        // state is kept between commands.
                        let client = self
                            .timeouts(Client::builder())
                            .credentials(once_sdk::Credentials::new(&r.client_id, &r.client_secret))
                            .base_url(r.base_url)
                            .token_store(self.tokens.clone())
                            .user_agent(APP)
                            .build()?;
                        if let Some(file) =
                            CliTokenStore::path_for(client.client_id(), client.base_url().as_str())
                        {
                            self.tokens.persist_at(file, fingerprint(&r.client_id, &r.client_secret));
                        }
                        return Ok((client, None));
                    }
                    let sandbox = Sandbox::start().await.map_err(|e| {
                        CliError::new(
                            crate::exit::FAILED,
                            format!("cannot start the sandbox: {e}"),
                        )
                    })?;
                    eprintln!(
                        "once: using an in-process sandbox at {} (fake SIMs; nothing is sent to 1NCE)",
                        sandbox.base_url()
                    );
                    let client = self
                        .timeouts(sandbox.client_builder())
                        .token_store(self.tokens.clone())
                        .user_agent(APP)
                        .build()?;
                    return Ok((client, Some(sandbox)));
                }
                let resolved = config::resolve(self.profile.as_deref())?;
                let p = resolved.profile;
                let mut b = self
                    .timeouts(Client::builder())
                    .credentials(once_sdk::Credentials::new(&p.client_id, &p.client_secret))
                    .token_store(self.tokens.clone())
                    .user_agent(APP);
                if let Some(url) = p.base_url {
                    b = b.base_url(url);
                }
                let client = b.build().map_err(|e| {
                    CliError::auth(format!("{e} (credentials from {})", resolved.source))
                })?;
                if let Some(file) =
                    CliTokenStore::path_for(client.client_id(), client.base_url().as_str())
                {
                    self.tokens
                        .persist_at(file, fingerprint(&p.client_id, &p.client_secret));
                }
                Ok::<_, CliError>((client, None))
            })
            .await?;
        Ok(client)
    }

    /// `--timeout` on a client: connecting within it (at most 10 s), each
    /// attempt and the whole call, retries included.
    fn timeouts(&self, b: once_sdk::ClientBuilder) -> once_sdk::ClientBuilder {
        match self.timeout {
            None => b,
            Some(t) => b
                .connect_timeout(t.min(std::time::Duration::from_secs(10)))
                .attempt_timeout(t)
                .operation_timeout(t),
        }
    }

    /// The base URL requests would go to, for `--dry-run` (no credentials needed).
    pub fn base_url(&self) -> String {
        if self.sandbox {
            return "http://127.0.0.1:<sandbox port>".into();
        }
        if let Ok(r) = config::resolve(self.profile.as_deref()) {
            if let Some(url) = r.profile.base_url {
                return url;
            }
            return once_sdk::DEFAULT_BASE_URL.into();
        }
        std::env::var("ONCE_BASE_URL")
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| once_sdk::DEFAULT_BASE_URL.into())
    }
}
