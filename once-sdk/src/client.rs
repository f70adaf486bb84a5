//! [`Client`] and [`ClientBuilder`].

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, Url};
use serde::Deserialize;

use crate::auth::{
    Credentials, InMemoryTokenStore, StoredToken, TokenCache, TokenFetcher, TokenStore,
};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::hooks::RequestHook;
use crate::options::CallOptions;
use crate::ratelimit::{LocalRateLimiter, RateLimiter, RateLimits};
use crate::retry::RetryPolicy;
use crate::transport::{ApiRequest, RawResponse, Transport, TransportConfig};

/// The production base URL of the 1NCE Management API.
pub const DEFAULT_BASE_URL: &str = "https://api.1nce.com/management-api";

/// The user agent every request carries (after any application prefix).
pub const USER_AGENT: &str = concat!("once-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// A client for the 1NCE Management API.
///
/// Cheap to clone (an `Arc` inside): clones share the token cache, the rate
/// limiter and the connection pool, so create one per process and clone it
/// into tasks.
///
/// ```no_run
/// # async fn run() -> Result<(), once_sdk::Error> {
/// let client = once_sdk::Client::from_env()?;
/// let iccid = "8988280666000000000".parse()?;
/// let sim = client.sims().get(&iccid).await?;
/// println!("{} is {:?}", sim.iccid, sim.status);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) transport: Arc<Transport>,
    pub(crate) tokens: Arc<TokenCache>,
    client_id: String,
    settings: ClientSettings,
}

/// What a [`Client`] was built with ([`Client::settings`]): for logs,
/// diagnostics and tests. The secret is not part of it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ClientSettings {
    /// The base URL every request goes to.
    pub base_url: Url,
    /// The client id.
    pub client_id: String,
    /// The `User-Agent` every request carries (the application's prefix,
    /// then [`USER_AGENT`]).
    pub user_agent: String,
    /// The connect timeout of the SDK's own HTTP client (`None` with
    /// [`ClientBuilder::http_client`]: yours sets it).
    pub connect_timeout: Option<Duration>,
    /// The limit of one attempt.
    pub attempt_timeout: Option<Duration>,
    /// The limit of a whole call, retries included.
    pub operation_timeout: Option<Duration>,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The rate limits of the client's own limiter (`None` with
    /// [`ClientBuilder::rate_limiter`]: yours decides).
    pub rate_limits: Option<RateLimits>,
    /// How long before its expiry a token is renewed.
    pub token_refresh_margin: Duration,
    /// The largest response body accepted.
    pub max_response_bytes: usize,
    /// Whether the SDK built its own HTTP client (no
    /// [`ClientBuilder::http_client`]).
    pub own_http_client: bool,
    /// How many [`hooks`](crate::hooks) run on each request.
    pub hooks: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.transport.base_url.as_str())
            .field("client_id", &self.inner.client_id)
            .field("retry", &self.inner.transport.config.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with 1NCE's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment: `ONCE_CLIENT_ID`,
    /// `ONCE_CLIENT_SECRET` and optionally `ONCE_BASE_URL` (default
    /// [`DEFAULT_BASE_URL`]). Proxies come from `HTTPS_PROXY`/`HTTP_PROXY`/
    /// `ALL_PROXY`, with `NO_PROXY` exceptions.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::from_env()?.build()
    }

    /// The base URL every request goes to.
    pub fn base_url(&self) -> &Url {
        &self.inner.transport.base_url
    }

    /// The client id in use.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// Sends a request with the retry rules of its idempotency.
    pub(crate) async fn execute(&self, req: ApiRequest) -> Result<RawResponse> {
        self.inner
            .transport
            .execute(&req, Some(&self.inner.tokens), None)
            .await
    }

    /// Sends a request with this call's options on top of the client's.
    pub(crate) async fn execute_with(
        &self,
        req: ApiRequest,
        options: &CallOptions,
    ) -> Result<RawResponse> {
        if options.is_empty() {
            self.execute(req).await
        } else {
            self.with_options(options.clone()).execute(req).await
        }
    }

    /// A client with other timeouts or retry policy that shares this
    /// client's token cache, rate limiter and connection pool: one token
    /// for both, one pacing budget for both. Anything `options` does not
    /// set stays as it is here. Cheap (no new pool, no token request).
    ///
    /// ```
    /// use std::time::Duration;
    /// use once_sdk::{CallOptions, Client, Credentials, RetryPolicy};
    /// let client = Client::builder().credentials(Credentials::new("id", "secret")).build()?;
    /// // For a nightly report: patient, many retries; same token, same limits.
    /// let patient = client.with_options(
    ///     CallOptions::new()
    ///         .operation_timeout(Duration::from_secs(900))
    ///         .retry_policy(RetryPolicy::default().max_retries(10)),
    /// );
    /// # let _ = patient;
    /// # Ok::<(), once_sdk::Error>(())
    /// ```
    pub fn with_options(&self, options: CallOptions) -> Client {
        let transport = &self.inner.transport;
        let config = options.apply(&transport.config);
        let settings = ClientSettings {
            attempt_timeout: config.attempt_timeout,
            operation_timeout: config.operation_timeout,
            retry: config.retry.clone(),
            max_response_bytes: config.max_response_bytes,
            ..self.inner.settings.clone()
        };
        Client {
            inner: Arc::new(Inner {
                transport: Arc::new(transport.with_config(config)),
                tokens: Arc::clone(&self.inner.tokens),
                client_id: self.inner.client_id.clone(),
                settings,
            }),
        }
    }

    /// What this client was built with (and, for a client from
    /// [`with_options`](Self::with_options), the options on top): base URL,
    /// client id, user agent, timeouts, retry policy, rate limits, ...
    ///
    /// ```
    /// use std::time::Duration;
    /// use once_sdk::{Client, Credentials};
    /// let client = Client::builder()
    ///     .credentials(Credentials::new("id", "secret"))
    ///     .attempt_timeout(Duration::from_secs(5))
    ///     .user_agent("fleet-manager/2.1")
    ///     .build()?;
    /// let s = client.settings();
    /// assert_eq!(s.attempt_timeout, Some(Duration::from_secs(5)));
    /// assert!(s.user_agent.starts_with("fleet-manager/2.1 once-sdk-rust/"));
    /// # Ok::<(), once_sdk::Error>(())
    /// ```
    pub fn settings(&self) -> &ClientSettings {
        &self.inner.settings
    }

    /// A valid access token (from the cache, or freshly issued), e.g. for
    /// another tool. To call a 1NCE endpoint the SDK does not cover yet,
    /// prefer [`Client::raw`]: it adds pacing, retries and error mapping.
    pub async fn access_token(&self) -> Result<crate::AccessToken> {
        self.inner.tokens.token().await
    }
}

/// Configures a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use once_sdk::{Client, Credentials, RetryPolicy};
/// let client = Client::builder()
///     .credentials(Credentials::new("id", "secret"))
///     .connect_timeout(Duration::from_secs(5))
///     .attempt_timeout(Duration::from_secs(20))
///     .retry_policy(RetryPolicy::default().max_retries(5))
///     .user_agent("fleet-manager/2.1")
///     .build()?;
/// # Ok::<(), once_sdk::Error>(())
/// ```
///
/// A builder is `Clone`: build several clients that differ in one setting
/// from one base.
#[must_use]
#[derive(Clone)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    base_url: String,
    connect_timeout: Duration,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    retry: RetryPolicy,
    rate_limits: RateLimits,
    rate_limiter: Option<Arc<dyn RateLimiter>>,
    token_store: Option<Arc<dyn TokenStore>>,
    token_refresh_margin: Duration,
    user_agent: Option<String>,
    proxy: Option<String>,
    no_proxy: bool,
    allow_insecure_http: bool,
    max_response_bytes: usize,
    http_client: Option<reqwest::Client>,
    hooks: Vec<Arc<dyn RequestHook>>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            credentials: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            connect_timeout: Duration::from_secs(10),
            attempt_timeout: Some(Duration::from_secs(30)),
            operation_timeout: Some(Duration::from_secs(120)),
            retry: RetryPolicy::default(),
            rate_limits: RateLimits::default(),
            rate_limiter: None,
            token_store: None,
            token_refresh_margin: Duration::from_secs(300),
            user_agent: None,
            proxy: None,
            no_proxy: false,
            allow_insecure_http: false,
            max_response_bytes: 32 * 1024 * 1024,
            http_client: None,
            hooks: Vec::new(),
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry", &self.retry)
            .field("rate_limits", &self.rate_limits)
            .field("http_client", &self.http_client.is_some())
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder filled from `ONCE_CLIENT_ID`, `ONCE_CLIENT_SECRET` and
    /// `ONCE_BASE_URL` (optional).
    pub fn from_env() -> Result<ClientBuilder> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let id = var("ONCE_CLIENT_ID")
            .ok_or_else(|| Error::Config("ONCE_CLIENT_ID is not set".into()))?;
        let secret = var("ONCE_CLIENT_SECRET")
            .ok_or_else(|| Error::Config("ONCE_CLIENT_SECRET is not set".into()))?;
        let mut b = ClientBuilder::default().credentials(Credentials::new(id, secret));
        if let Some(url) = var("ONCE_BASE_URL") {
            b = b.base_url(url);
        }
        Ok(b)
    }

    /// The API client id and secret (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The API base URL (default [`DEFAULT_BASE_URL`]). Must be `https`,
    /// except for loopback addresses (the sandbox, tests).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// How long to wait for a TCP/TLS connection (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// How long one attempt may take, response body included (default
    /// 30 s); `None` for no limit.
    pub fn attempt_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.attempt_timeout = d.into();
        self
    }

    /// The deadline for a whole call, retries and waits included (default
    /// 120 s); `None` for no deadline. A call that costs money and is cut
    /// while its request may be on its way ends in
    /// [`Error::OutcomeUnknown`]; cut before anything was sent (waiting for
    /// the token, a rate-limit slot or a retry), it is [`Error::Timeout`].
    pub fn operation_timeout(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.operation_timeout = d.into();
        self
    }

    /// How failed calls are retried (see [`RetryPolicy`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Client-side rate limits per endpoint group (default: 1NCE's published
    /// limits). Use [`RateLimits::unlimited`] to switch pacing off.
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = limits;
        self
    }

    /// A custom rate limiter, e.g. one shared between processes. Replaces
    /// the in-process limiter built from [`rate_limits`](Self::rate_limits).
    pub fn rate_limiter(mut self, limiter: Arc<dyn RateLimiter>) -> Self {
        self.rate_limiter = Some(limiter);
        self
    }

    /// Where the access token is kept (default: in memory).
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.token_store = Some(store);
        self
    }

    /// How long before expiry the token is refreshed in the background
    /// (default 5 minutes). For a token that lives shorter, the margin is
    /// cut to half its lifetime; an `expires_in` of zero or less is taken
    /// as 60 s, so that no answer of the token endpoint makes the client
    /// request a token per call.
    pub fn token_refresh_margin(mut self, d: Duration) -> Self {
        self.token_refresh_margin = d;
        self
    }

    /// Your application's name, sent before `once-sdk-rust/<version>` in the
    /// `User-Agent` header.
    pub fn user_agent(mut self, app: impl Into<String>) -> Self {
        self.user_agent = Some(app.into());
        self
    }

    /// An explicit proxy for every request (`http://host:port`). Without it,
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` are honoured.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Ignore proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.no_proxy = true;
        self
    }

    /// Allow plain `http` to non-loopback hosts. For tests only: the bearer
    /// token would travel in clear text.
    pub fn danger_allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Sends every request (token requests included) through your own
    /// `reqwest::Client`: your connection pool settings, root
    /// certificates, corporate proxy, default headers.
    ///
    /// The SDK builds nothing of its own then, so the settings it would
    /// give its own client are yours to make:
    ///
    /// - **Redirects**: the SDK's client never follows them, so the bearer
    ///   token only goes to the base URL's host. Build yours with
    ///   `.redirect(reqwest::redirect::Policy::none())`. (reqwest drops the
    ///   `Authorization` header when a redirect leaves the host, but a
    ///   followed redirect can still turn a POST into a GET.)
    /// - **Connect timeout, proxy**:
    ///   [`connect_timeout`](Self::connect_timeout) and
    ///   [`proxy`](Self::proxy) configure the SDK's own client only;
    ///   combined with this,
    ///   [`build`](Self::build) fails rather than ignore them.
    ///   [`no_proxy`](Self::no_proxy) is ignored: whether proxy variables
    ///   apply is your client's setting (`reqwest::ClientBuilder::no_proxy`).
    ///
    /// - **User agent**: every request carries the SDK's
    ///   ([`USER_AGENT`], after [`user_agent`](Self::user_agent)'s name),
    ///   on your client too: it replaces your client's default.
    ///
    /// What the SDK still enforces with your client: `https` for every host
    /// but loopback (the base URL check), per-attempt and overall timeouts,
    /// the response size limit, retries by idempotency (calls that cost
    /// money are sent through the same client and are never repeated once
    /// they may have reached 1NCE), pacing, token handling and tracing.
    ///
    /// One guarantee is yours to keep: the SDK's own clients send calls that
    /// cost money on a fresh connection each, because a pooled connection
    /// the server has just closed makes a request that never arrived look
    /// like one that may have been applied ([`Error::OutcomeUnknown`]).
    /// With your client they use its pool; give it
    /// `.pool_idle_timeout(..)` shorter than your server's or proxy's
    /// keep-alive, or `.pool_max_idle_per_host(0)`, to keep that risk away.
    ///
    /// ```
    /// use once_sdk::{Client, Credentials};
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .pool_max_idle_per_host(4)
    ///     .build()
    ///     .expect("client");
    /// let client = Client::builder()
    ///     .credentials(Credentials::new("id", "secret"))
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), once_sdk::Error>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Runs `hook` on every request this client sends (retries and token
    /// requests included): before it leaves (to add headers, sign, count)
    /// and after its answer (status, headers, latency). Hooks run in the
    /// order added; see [`hooks`](crate::hooks) for an example.
    pub fn hook<H: RequestHook>(mut self, hook: Arc<H>) -> Self {
        self.hooks.push(hook);
        self
    }

    /// The largest response body accepted (default 32 MiB).
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// The SDK's own HTTP client: no redirects, the connect timeout and the
    /// proxy settings of this builder (the user agent is set on each
    /// request, by the transport, for any client). `pooled: false`
    /// keeps no idle connection, so each request opens a fresh one.
    fn own_http_client(&self, pooled: bool) -> Result<reqwest::Client> {
        install_tls_provider();
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            // Never follow redirects: the bearer token goes to the base URL's host only.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60));
        if !pooled {
            http = http.pool_max_idle_per_host(0);
        }
        if self.no_proxy {
            http = http.no_proxy();
        }
        if let Some(p) = &self.proxy {
            let proxy = reqwest::Proxy::all(p)
                .map_err(|e| Error::Config(format!("invalid proxy URL {p:?}: {e}")))?;
            http = http.proxy(proxy);
        }
        http.build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {e}")))
    }

    /// Builds the client. Fails on missing credentials, a bad base URL or a
    /// rate limit no call could meet (`max` of 0, see
    /// [`RateLimit::validate`](crate::RateLimit::validate)).
    pub fn build(self) -> Result<Client> {
        let credentials = self
            .credentials
            .clone()
            .ok_or_else(|| Error::Config("credentials are required (Credentials::new(id, secret) or ONCE_CLIENT_ID/ONCE_CLIENT_SECRET)".into()))?;
        let base_url = parse_base_url(&self.base_url, self.allow_insecure_http)?;
        self.rate_limits.validate()?;
        let ua = match &self.user_agent {
            Some(app) => format!("{app} {USER_AGENT}"),
            None => USER_AGENT.to_string(),
        };
        let (http, fresh_http) = match self.http_client.clone() {
            Some(http) => {
                let defaults = ClientBuilder::default();
                // The user agent is set on each request, so it is kept on
                // the user's client too.
                let own = [
                    ("proxy", self.proxy.is_some()),
                    (
                        "connect_timeout",
                        self.connect_timeout != defaults.connect_timeout,
                    ),
                ];
                if let Some((name, _)) = own.iter().find(|(_, set)| *set) {
                    return Err(Error::Config(format!(
                        "{name}() configures the SDK's own HTTP client; with http_client() set it on your reqwest::Client instead"
                    )));
                }
                // Calls that cost money ride the user's client too (see
                // `http_client`'s docs for keeping them off stale connections).
                (http.clone(), http)
            }
            // Calls that cost money each go on a connection of their own: a
            // pooled one may have just been closed by the server, and a
            // request lost on it could not be told apart from one that was
            // applied.
            None => (self.own_http_client(true)?, self.own_http_client(false)?),
        };
        let user_agent = reqwest::header::HeaderValue::from_str(&ua)
            .map_err(|_| Error::Config(format!("user agent {ua:?} is not a valid header value")))?;
        let settings = ClientSettings {
            base_url: base_url.clone(),
            client_id: credentials.client_id().to_string(),
            user_agent: ua,
            connect_timeout: self.http_client.is_none().then_some(self.connect_timeout),
            attempt_timeout: self.attempt_timeout,
            operation_timeout: self.operation_timeout,
            retry: self.retry.clone(),
            rate_limits: self.rate_limiter.is_none().then_some(self.rate_limits),
            token_refresh_margin: self.token_refresh_margin,
            max_response_bytes: self.max_response_bytes,
            own_http_client: self.http_client.is_none(),
            hooks: self.hooks.len(),
        };
        let clock = Clock::new();
        let limiter = self
            .rate_limiter
            .unwrap_or_else(|| Arc::new(LocalRateLimiter::new(self.rate_limits)));
        let transport = Arc::new(Transport {
            http,
            fresh_http,
            base_url,
            config: TransportConfig {
                attempt_timeout: self.attempt_timeout,
                operation_timeout: self.operation_timeout,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
            },
            limiter,
            clock,
            user_agent,
            hooks: self.hooks.into(),
        });
        let fetch = token_fetcher(Arc::clone(&transport), credentials.clone());
        let store = self
            .token_store
            .unwrap_or_else(|| Arc::new(InMemoryTokenStore::new()));
        let tokens = Arc::new(TokenCache::new(
            store,
            fetch,
            self.token_refresh_margin,
            clock,
        ));
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                tokens,
                client_id: credentials.client_id().to_string(),
                settings,
            }),
        })
    }
}

/// With the `rustls-ring` feature alone, reqwest has no crypto provider of
/// its own: ring becomes the process default, unless the application
/// installed one already.
fn install_tls_provider() {
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls-aws-lc")))]
    {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

fn parse_base_url(raw: &str, allow_insecure: bool) -> Result<Url> {
    let url = Url::parse(raw.trim_end_matches('/'))
        .map_err(|e| Error::Config(format!("invalid base URL {raw:?}: {e}")))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure || is_loopback(&url) => {}
        "http" => {
            return Err(Error::Config(format!(
                "base URL {raw:?} uses plain http to a non-loopback host; use https \
                 (or danger_allow_insecure_http() in tests)"
            )))
        }
        s => {
            return Err(Error::Config(format!(
                "base URL {raw:?}: unsupported scheme {s:?}"
            )))
        }
    }
    if url.host().is_none() {
        return Err(Error::Config(format!("base URL {raw:?} has no host")));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(h) => h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default, deserialize_with = "crate::types::de::opt_i64")]
    expires_in: Option<i64>,
}

/// A token answer that does not decode may still hold the access token (a
/// bad `expires_in`, a body cut short): keep the body out of the error, and
/// the token out of the decoder's message.
fn redact_token(e: Error, body: &[u8]) -> Error {
    match e {
        Error::Decode {
            what,
            status,
            mut message,
            ..
        } => {
            let token = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("access_token")?.as_str().map(str::to_string));
            if let Some(t) = token.filter(|t| !t.is_empty()) {
                message = message.replace(&t, "[redacted]");
            }
            Error::Decode {
                what,
                status,
                message,
                snippet: "[withheld: the token answer may contain the access token]".into(),
            }
        }
        e => e,
    }
}

fn token_fetcher(transport: Arc<Transport>, credentials: Credentials) -> TokenFetcher {
    Arc::new(move || {
        let transport = Arc::clone(&transport);
        let credentials = credentials.clone();
        Box::pin(async move {
            // Issuing a token changes nothing at 1NCE: safe to retry.
            let req = ApiRequest::new(
                "oauth.token",
                Method::POST,
                "/oauth/token",
                "/oauth/token".into(),
            )
            .json(&serde_json::json!({"grant_type": "client_credentials"}))?
            .idempotent(true);
            let resp = transport
                .execute(
                    &req,
                    None,
                    Some((credentials.client_id(), credentials.expose_secret())),
                )
                .await?;
            token_from_response(&resp, transport.clock.now())
        })
    })
}

/// A token's lifetime when `expires_in` is missing (1NCE's documented default).
const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// The lifetime assumed for a nonsensical `expires_in` (zero or negative):
/// long enough not to request a token per call; a token that is really
/// expired is refused with 401 and replaced once.
const FLOOR_TOKEN_LIFETIME: Duration = Duration::from_secs(60);
/// The longest lifetime believed (1NCE issues tokens for an hour).
const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// How long a token with this `expires_in` is used.
fn token_lifetime(expires_in: Option<i64>) -> Duration {
    match expires_in {
        None => DEFAULT_TOKEN_LIFETIME,
        Some(s) if s <= 0 => FLOOR_TOKEN_LIFETIME,
        Some(s) => Duration::from_secs(s.unsigned_abs()).min(MAX_TOKEN_LIFETIME),
    }
}

/// The token in a `POST /oauth/token` answer received at `now`.
pub(crate) fn token_from_response(
    resp: &crate::transport::RawResponse,
    now: std::time::SystemTime,
) -> Result<StoredToken> {
    let t: TokenResponse = resp
        .decode("oauth.token")
        .map_err(|e| redact_token(e, &resp.body))?;
    let lifetime = token_lifetime(t.expires_in);
    Ok(StoredToken {
        token: crate::AccessToken::new(t.access_token),
        expires_at: now + lifetime,
    })
}

#[cfg(test)]
mod tls_tests {
    /// An https client builds with whichever TLS feature is on: with
    /// `rustls-ring` alone reqwest has no crypto provider of its own and
    /// would panic here without the SDK installing ring.
    #[test]
    fn an_https_client_builds_with_the_configured_tls() {
        let client = super::Client::builder()
            .credentials(crate::Credentials::new("id", "secret"))
            .build()
            .expect("the client builds");
        assert_eq!(client.base_url().scheme(), "https");
    }
}
