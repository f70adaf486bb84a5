//! `once_sdk.Sandbox`: the Rust sandbox (a stateful local fake of the 1NCE
//! API) from Python, with the helpers tests need: simulated usage, token
//! expiry, fault injection, counters and the request log.
//!
//! The server runs on the module's tokio runtime (in the background, also
//! while Python holds the GIL); `close()` or leaving the `with` block stops
//! it. It serves the process that started it: after `os.fork()` the child's
//! clients still reach it only while the parent keeps running it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use once_sandbox::{self as rs, Fault as RsFault};
use once_sdk::{Credentials, Iccid, RateLimits};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::client::{AsyncClient, Client, Options};
use crate::convert::{self, ToPy};
use crate::errors;
use crate::runtime;

/// A fault to inject with `Sandbox.inject()`, mirroring the Rust
/// `once_sandbox::Fault`: pick what happens with a constructor, narrow
/// it with `method()` / `path()`, widen it with `times()` / `always()`.
/// Immutable: each of those returns a new `Fault`.
#[pyclass(frozen, eq, module = "once_sdk")]
#[derive(Clone)]
pub struct Fault(RsFault, String);

impl PartialEq for Fault {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

fn seconds(py: Python<'_>, name: &str, s: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(s).map_err(|_| {
        errors::config(
            py,
            format!("{name} must be a non-negative number of seconds, got {s}"),
        )
    })
}

fn status(py: Python<'_>, code: i64) -> PyResult<u16> {
    u16::try_from(code)
        .ok()
        .filter(|c| (100..=599).contains(c))
        .ok_or_else(|| errors::config(py, format!("status must be 100..599, got {code}")))
}

#[pymethods]
impl Fault {
    /// Answer `code` with the API's error body; nothing is applied.
    #[staticmethod]
    fn status(py: Python<'_>, code: i64) -> PyResult<Self> {
        Ok(Self(
            RsFault::status(status(py, code)?),
            format!("Fault.status({code})"),
        ))
    }

    /// Wait `seconds`, then handle the request normally.
    #[staticmethod]
    fn delay(py: Python<'_>, seconds: f64) -> PyResult<Self> {
        Ok(Self(
            RsFault::delay(self::seconds(py, "seconds", seconds)?),
            format!("Fault.delay({seconds:?})"),
        ))
    }

    /// Answer 200 with a body that is not JSON; nothing is applied.
    #[staticmethod]
    fn malformed_body() -> Self {
        Self(RsFault::malformed_body(), "Fault.malformed_body()".into())
    }

    /// Apply the request, then send half of the real body and close the connection.
    #[staticmethod]
    fn truncated_body() -> Self {
        Self(RsFault::truncated_body(), "Fault.truncated_body()".into())
    }

    /// Answer 429, with `Retry-After` (whole seconds) when `retry_after`
    /// is given; nothing is applied.
    #[staticmethod]
    #[pyo3(signature = (retry_after=None))]
    fn rate_limited(py: Python<'_>, retry_after: Option<f64>) -> PyResult<Self> {
        Ok(match retry_after {
            Some(s) => Self(
                RsFault::rate_limited(seconds(py, "retry_after", s)?),
                format!("Fault.rate_limited({s:?})"),
            ),
            None => Self(
                RsFault::rate_limited_without_retry_after(),
                "Fault.rate_limited()".into(),
            ),
        })
    }

    /// Answer `code` with an HTML page (a gateway error); nothing is applied.
    #[staticmethod]
    fn html(py: Python<'_>, code: i64) -> PyResult<Self> {
        Ok(Self(
            RsFault::html(status(py, code)?),
            format!("Fault.html({code})"),
        ))
    }

    /// Close the connection without an answer; nothing is applied.
    #[staticmethod]
    fn drop_connection() -> Self {
        Self(RsFault::drop_connection(), "Fault.drop_connection()".into())
    }

    /// Apply the request, then answer `code` as if it had failed.
    #[staticmethod]
    fn apply_then_status(py: Python<'_>, code: i64) -> PyResult<Self> {
        Ok(Self(
            RsFault::apply_then_status(status(py, code)?),
            format!("Fault.apply_then_status({code})"),
        ))
    }

    /// Apply the request, then close the connection without an answer.
    #[staticmethod]
    fn apply_then_drop() -> Self {
        Self(RsFault::apply_then_drop(), "Fault.apply_then_drop()".into())
    }

    /// Only requests with this HTTP method (case-insensitive).
    fn method(&self, method: &str) -> Self {
        Self(
            self.0.clone().method(method),
            format!("{}.method('{method}')", self.1),
        )
    }

    /// Only requests whose path (without the query) matches `pattern`:
    /// `*` matches one segment, a final `**` any rest (`/v2/sims/*/topup`).
    fn path(&self, pattern: &str) -> Self {
        Self(
            self.0.clone().path(pattern),
            format!("{}.path('{pattern}')", self.1),
        )
    }

    /// The next `n` matching requests (default 1).
    fn times(&self, py: Python<'_>, n: i64) -> PyResult<Self> {
        let n = convert::count(py, "times", n)?;
        Ok(Self(
            self.0.clone().times(n),
            format!("{}.times({n})", self.1),
        ))
    }

    /// Every matching request until `Sandbox.clear_faults()`.
    fn always(&self) -> Self {
        Self(self.0.clone().always(), format!("{}.always()", self.1))
    }

    fn __repr__(&self) -> String {
        self.1.clone()
    }
}

/// What the sandbox counted since it started (or since `reset_stats()`).
#[pyclass(frozen, eq, module = "once_sdk")]
#[derive(Clone, PartialEq)]
pub struct SandboxStats {
    /// Every request received (token requests included).
    #[pyo3(get)]
    requests: u64,
    /// `POST /oauth/token` requests, successful or not.
    #[pyo3(get)]
    token_requests: u64,
    /// Tokens issued.
    #[pyo3(get)]
    tokens_issued: u64,
    /// 401 answers (missing, unknown or expired token).
    #[pyo3(get)]
    unauthorized: u64,
    /// 429 answers, from the rate limits or injected.
    #[pyo3(get)]
    rate_limited: u64,
    /// Requests an injected fault hit.
    #[pyo3(get)]
    faults_injected: u64,
    /// Top-ups applied, one per SIM, auto top-ups included.
    #[pyo3(get)]
    top_ups_applied: u64,
    /// Top-ups applied automatically when a quota with auto top-up ran out.
    #[pyo3(get)]
    auto_top_ups: u64,
    /// SMS accepted for sending (v1 and v2).
    #[pyo3(get)]
    sms_sent: u64,
    /// Orders created with `POST /v1/orders`.
    #[pyo3(get)]
    orders_created: u64,
    /// Support requests created.
    #[pyo3(get)]
    support_requests_created: u64,
    /// Requests per operation, keyed `"METHOD /path/{template}"`.
    #[pyo3(get)]
    by_operation: BTreeMap<String, u64>,
}

impl From<rs::Stats> for SandboxStats {
    fn from(s: rs::Stats) -> Self {
        Self {
            requests: s.requests,
            token_requests: s.token_requests,
            tokens_issued: s.tokens_issued,
            unauthorized: s.unauthorized,
            rate_limited: s.rate_limited,
            faults_injected: s.faults_injected,
            top_ups_applied: s.top_ups_applied,
            auto_top_ups: s.auto_top_ups,
            sms_sent: s.sms_sent,
            orders_created: s.orders_created,
            support_requests_created: s.support_requests_created,
            by_operation: s.by_operation,
        }
    }
}

#[pymethods]
impl SandboxStats {
    /// Requests to one operation, e.g. `requests_to("GET", "/v2/sims/{iccid}")`.
    fn requests_to(&self, method: &str, template: &str) -> u64 {
        self.by_operation
            .get(&format!("{} {template}", method.to_ascii_uppercase()))
            .copied()
            .unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        format!(
            "SandboxStats(requests={}, token_requests={}, tokens_issued={}, unauthorized={}, \
             rate_limited={}, faults_injected={}, top_ups_applied={}, auto_top_ups={}, \
             sms_sent={}, orders_created={}, support_requests_created={})",
            self.requests,
            self.token_requests,
            self.tokens_issued,
            self.unauthorized,
            self.rate_limited,
            self.faults_injected,
            self.top_ups_applied,
            self.auto_top_ups,
            self.sms_sent,
            self.orders_created,
            self.support_requests_created,
        )
    }
}

/// What the sandbox's Data Streamer stream did (`Sandbox.stream_stats()`).
#[pyclass(frozen, eq, module = "once_sdk")]
#[derive(Clone, PartialEq)]
pub struct StreamStats {
    /// `"off"` (no stream set up), `"running"`, or `"failed"` (too many
    /// failed attempts in a row; see `Sandbox.restart_stream()`).
    #[pyo3(get)]
    state: &'static str,
    /// Requests sent (answered or not).
    #[pyo3(get)]
    attempts: u64,
    /// Requests answered 200.
    #[pyo3(get)]
    batches_delivered: u64,
    /// Records acknowledged with 200.
    #[pyo3(get)]
    records_delivered: u64,
    /// Requests not answered 200: another status, a redirect, a timeout, a
    /// dropped connection.
    #[pyo3(get)]
    failed_attempts: u64,
    /// Failed attempts since the last 200.
    #[pyo3(get)]
    consecutive_failures: u32,
    /// Redirect answers (3xx), which are not followed.
    #[pyo3(get)]
    redirects: u64,
    /// Records queued and not yet acknowledged.
    #[pyo3(get)]
    pending: usize,
    /// The status of the last answer (`None`: no answer yet, or none).
    #[pyo3(get)]
    last_status: Option<u16>,
}

impl From<rs::StreamStats> for StreamStats {
    fn from(s: rs::StreamStats) -> Self {
        Self {
            state: match s.state {
                rs::StreamState::Running => "running",
                rs::StreamState::Failed => "failed",
                _ => "off",
            },
            attempts: s.attempts,
            batches_delivered: s.batches_delivered,
            records_delivered: s.records_delivered,
            failed_attempts: s.failed_attempts,
            consecutive_failures: s.consecutive_failures,
            redirects: s.redirects,
            pending: s.pending,
            last_status: s.last_status,
        }
    }
}

#[pymethods]
impl StreamStats {
    fn __repr__(&self) -> String {
        format!(
            "StreamStats(state='{}', attempts={}, batches_delivered={}, records_delivered={}, \
             failed_attempts={}, consecutive_failures={}, redirects={}, pending={}, \
             last_status={})",
            self.state,
            self.attempts,
            self.batches_delivered,
            self.records_delivered,
            self.failed_attempts,
            self.consecutive_failures,
            self.redirects,
            self.pending,
            self.last_status
                .map_or_else(|| "None".to_string(), |s| s.to_string()),
        )
    }
}

/// One request as the sandbox received it.
#[pyclass(frozen, module = "once_sdk")]
pub struct SandboxRequest {
    /// HTTP method.
    #[pyo3(get)]
    method: String,
    /// Path relative to the base URL (`/v2/sims/8988...`).
    #[pyo3(get)]
    path: String,
    /// The raw query string, if any.
    #[pyo3(get)]
    query: Option<String>,
    /// The operation's path template (`/v2/sims/{iccid}`), if the path is one.
    #[pyo3(get)]
    template: Option<String>,
    /// Request headers (names lower case), in order.
    #[pyo3(get)]
    headers: Vec<(String, String)>,
    /// The request body (lossy UTF-8).
    #[pyo3(get)]
    body: String,
    /// The status sent back; `None` if the connection was dropped.
    #[pyo3(get)]
    status: Option<u16>,
}

#[pymethods]
impl SandboxRequest {
    /// The first value of a header (name case-insensitive).
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "SandboxRequest(method={}, path={}, query={}, status={})",
            self.method.to_py(py)?.repr()?,
            self.path.to_py(py)?.repr()?,
            self.query.to_py(py)?.repr()?,
            self.status.to_py(py)?.repr()?,
        ))
    }
}

/// A running sandbox and what clients need to reach it.
struct Running {
    /// The process that started it: its server runs on that process's
    /// runtime, so a forked child must neither stop nor drop it.
    pid: u32,
    sandbox: rs::Sandbox,
    credentials: Credentials,
    base_url: String,
    limits: RateLimits,
    /// How long before expiry clients renew their token: 1NCE's 5 minutes,
    /// or a quarter of a shorter token lifetime (else every call would
    /// fetch a new token).
    refresh_margin: Duration,
}

/// A stateful local fake of the 1NCE Management API on `127.0.0.1`: a seeded
/// fleet of SIMs, quotas that usage consumes and top-ups raise, SMS, orders,
/// products, support requests and 1NCE's rate limits. For tests: simulate
/// usage, expire tokens, inject faults, read the counters. A context manager;
/// `close()` stops it.
#[pyclass(frozen, module = "once_sdk")]
pub struct Sandbox {
    running: Mutex<Option<Running>>,
    base_url: String,
    client_id: String,
    client_secret: String,
}

impl Sandbox {
    /// The running sandbox, or `ConfigError` once closed.
    fn with<T>(&self, py: Python<'_>, f: impl FnOnce(&Running) -> T) -> PyResult<T> {
        let guard = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Some(r) => Ok(f(r)),
            None => Err(errors::config(py, "the sandbox is closed")),
        }
    }

    /// A recipe for clients pointed at the sandbox, with client-side rate
    /// limits equal to the sandbox's (a well-behaved client never sees 429).
    fn recipe(&self, py: Python<'_>, options: Options) -> PyResult<crate::client::Recipe> {
        let (credentials, base_url, limits, margin) = self.with(py, |r| {
            (
                r.credentials.clone(),
                r.base_url.clone(),
                r.limits,
                r.refresh_margin,
            )
        })?;
        let client_id = credentials.client_id().to_string();
        Ok(options.with_builder(client_id, limits, move || {
            once_sdk::Client::builder()
                .credentials(credentials.clone())
                .base_url(base_url.clone())
                .no_proxy()
                .token_refresh_margin(margin)
        }))
    }

    fn iccid(py: Python<'_>, iccid: &str) -> PyResult<Iccid> {
        convert::id(py, iccid)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let running = self
            .running
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(r) = running {
            if r.pid != std::process::id() {
                // Inherited through fork(): the server task is the parent's.
                std::mem::forget(r);
            }
        }
    }
}

fn unknown(e: rs::UnknownSim) -> PyErr {
    PyValueError::new_err(e.to_string())
}

#[pymethods]
impl Sandbox {
    /// Starts a sandbox: `sims` SIMs generated from `seed` (the same seed
    /// gives the same fleet), tokens valid `token_lifetime` seconds,
    /// 1NCE's rate limits times `rate_limit_factor` (none with
    /// `rate_limits=False`), on a free port unless `port` is given.
    #[new]
    #[pyo3(signature = (
        *, sims=100, seed=1, token_lifetime=3600.0, rate_limit_factor=1.0, rate_limits=true,
        port=0, client_id=None, client_secret=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        sims: i64,
        seed: u64,
        token_lifetime: f64,
        rate_limit_factor: f64,
        rate_limits: bool,
        port: u16,
        client_id: Option<String>,
        client_secret: Option<String>,
    ) -> PyResult<Self> {
        let sims = usize::try_from(sims)
            .map_err(|_| errors::config(py, format!("sims must be 0 or more, got {sims}")))?;
        if !(rate_limit_factor.is_finite() && rate_limit_factor > 0.0) {
            return Err(errors::config(
                py,
                format!("rate_limit_factor must be a positive number, got {rate_limit_factor}"),
            ));
        }
        let lifetime = seconds(py, "token_lifetime", token_lifetime)?;
        let mut builder = rs::Sandbox::builder()
            .sims(sims)
            .seed(seed)
            .token_lifetime(lifetime)
            .port(port);
        builder = if rate_limits {
            builder.rate_limit_factor(rate_limit_factor)
        } else {
            builder.no_rate_limits()
        };
        if client_id.is_some() || client_secret.is_some() {
            builder = builder.credentials(
                client_id.unwrap_or_else(|| rs::DEFAULT_CLIENT_ID.into()),
                client_secret.unwrap_or_else(|| rs::DEFAULT_CLIENT_SECRET.into()),
            );
        }
        let sandbox = runtime::wait_on_workers(py, builder.start())?.map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("the sandbox could not start: {e}"))
        })?;
        let credentials = sandbox.credentials();
        let base_url = sandbox.base_url().to_string();
        let limits = if rate_limits {
            RateLimits::default().scaled(rate_limit_factor)
        } else {
            RateLimits::unlimited()
        };
        Ok(Self {
            base_url: base_url.clone(),
            client_id: credentials.client_id().to_string(),
            client_secret: credentials.expose_secret().to_string(),
            running: Mutex::new(Some(Running {
                pid: std::process::id(),
                sandbox,
                credentials,
                base_url,
                limits,
                refresh_margin: (lifetime / 4).min(Duration::from_secs(300)),
            })),
        })
    }

    /// The base URL to point a client at (`http://127.0.0.1:<port>`).
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The client id the token endpoint accepts.
    #[getter]
    fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret the token endpoint accepts.
    #[getter]
    fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// A blocking client pointed at the sandbox, pacing itself at the
    /// sandbox's rate limits (also when they are shared through
    /// `redis_url`); the keywords are those of `Client`. The client keeps
    /// the sandbox alive (`Sandbox().client()` works).
    #[pyo3(signature = (
        *, connect_timeout=None, timeout=None, operation_timeout=None, retries=None,
        rate_limits=true, user_agent=None, redis_url=None, redis_key_prefix=None,
        shared_token=true, shared_rate_limits=true
    ))]
    #[allow(clippy::too_many_arguments)]
    fn client(
        slf: &Bound<'_, Self>,
        py: Python<'_>,
        connect_timeout: Option<f64>,
        timeout: Option<f64>,
        operation_timeout: Option<f64>,
        retries: Option<i64>,
        rate_limits: bool,
        user_agent: Option<String>,
        redis_url: Option<String>,
        redis_key_prefix: Option<String>,
        shared_token: bool,
        shared_rate_limits: bool,
    ) -> PyResult<Client> {
        let options = client_options(
            py,
            [connect_timeout, timeout, operation_timeout],
            retries,
            rate_limits,
            user_agent,
            redis_url,
            redis_key_prefix,
            [shared_token, shared_rate_limits],
        )?;
        let owner = slf.clone().into_any().unbind();
        Client::from_recipe(py, slf.get().recipe(py, options)?, owner)
    }

    /// An asyncio client pointed at the sandbox (see `client()`).
    #[pyo3(signature = (
        *, connect_timeout=None, timeout=None, operation_timeout=None, retries=None,
        rate_limits=true, user_agent=None, redis_url=None, redis_key_prefix=None,
        shared_token=true, shared_rate_limits=true
    ))]
    #[allow(clippy::too_many_arguments)]
    fn async_client(
        slf: &Bound<'_, Self>,
        py: Python<'_>,
        connect_timeout: Option<f64>,
        timeout: Option<f64>,
        operation_timeout: Option<f64>,
        retries: Option<i64>,
        rate_limits: bool,
        user_agent: Option<String>,
        redis_url: Option<String>,
        redis_key_prefix: Option<String>,
        shared_token: bool,
        shared_rate_limits: bool,
    ) -> PyResult<AsyncClient> {
        let options = client_options(
            py,
            [connect_timeout, timeout, operation_timeout],
            retries,
            rate_limits,
            user_agent,
            redis_url,
            redis_key_prefix,
            [shared_token, shared_rate_limits],
        )?;
        let owner = slf.clone().into_any().unbind();
        AsyncClient::from_recipe(py, slf.get().recipe(py, options)?, owner)
    }

    /// The ICCIDs of the fleet, in list order.
    fn iccids(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, |r| {
            r.sandbox
                .iccids()
                .into_iter()
                .map(|i| i.as_str().to_string())
                .collect()
        })
    }

    /// Simulates the device using `mb` megabytes of data today (events and
    /// auto top-up included). Returns the volume left.
    fn consume_data(&self, py: Python<'_>, iccid: &str, mb: f64) -> PyResult<f64> {
        let iccid = Self::iccid(py, iccid)?;
        self.with(py, |r| r.sandbox.consume_data(&iccid, mb))?
            .map_err(unknown)
    }

    /// Simulates the device sending `n` SMS today. Returns the SMS left.
    fn consume_sms(&self, py: Python<'_>, iccid: &str, n: i64) -> PyResult<f64> {
        let iccid = Self::iccid(py, iccid)?;
        let n = convert::count(py, "n", n)?;
        self.with(py, |r| r.sandbox.consume_sms(&iccid, n))?
            .map_err(unknown)
    }

    /// Simulates the device sending an SMS (mobile originated). Returns its id.
    fn receive_sms(&self, py: Python<'_>, iccid: &str, text: &str) -> PyResult<u64> {
        let iccid = Self::iccid(py, iccid)?;
        self.with(py, |r| r.sandbox.receive_sms(&iccid, text))?
            .map_err(unknown)
    }

    /// Brings the SIM online (with a data session) or takes it offline.
    fn set_online(&self, py: Python<'_>, iccid: &str, online: bool) -> PyResult<()> {
        let iccid = Self::iccid(py, iccid)?;
        self.with(py, |r| r.sandbox.set_online(&iccid, online))?
            .map_err(unknown)
    }

    /// Ends the SIM's lifetime now: 1NCE then refuses changes to it.
    fn expire_sim(&self, py: Python<'_>, iccid: &str) -> PyResult<()> {
        let iccid = Self::iccid(py, iccid)?;
        self.with(py, |r| r.sandbox.expire_sim(&iccid))?
            .map_err(unknown)
    }

    /// Makes every token issued so far invalid: the next call with one gets 401.
    fn expire_tokens(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.expire_tokens())
    }

    /// Sets the rate limits from now on: a factor of 1NCE's published
    /// limits, or `None` for none. Clients made before keep their pacing.
    fn set_rate_limit_factor(&self, py: Python<'_>, factor: Option<f64>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.set_rate_limit_factor(factor))
    }

    /// Adds a fault: the next matching requests fail as it says.
    fn inject(&self, py: Python<'_>, fault: &Fault) -> PyResult<()> {
        self.with(py, |r| r.sandbox.inject(fault.0.clone()))
    }

    /// Removes every pending fault.
    fn clear_faults(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.clear_faults())
    }

    /// Faults still pending.
    fn pending_faults(&self, py: Python<'_>) -> PyResult<Vec<Fault>> {
        self.with(py, |r| {
            r.sandbox
                .pending_faults()
                .into_iter()
                .map(|f| {
                    // What is left of an injected fault (its count goes down).
                    let text = format!("<Fault {f:?}>");
                    Fault(f, text)
                })
                .collect()
        })
    }

    /// The counters.
    fn stats(&self, py: Python<'_>) -> PyResult<SandboxStats> {
        self.with(py, |r| r.sandbox.stats().into())
    }

    /// Moves 1NCE OS's clock forward by `seconds`: device actions, key jobs
    /// and AWS rollouts progress as if that time had passed (the Management
    /// API's clock is not affected).
    fn advance_os_clock(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let by = self::seconds(py, "seconds", seconds)?;
        self.with(py, |r| r.sandbox.advance_os_clock(by))
    }

    /// How long (seconds) a device action stays `SCHEDULED` and then
    /// `IN_PROGRESS` before it ends (1 by default), and how long a
    /// pre-shared-key job or an AWS rollout takes.
    fn set_os_action_stage(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let stage = self::seconds(py, "seconds", seconds)?;
        self.with(py, |r| r.sandbox.set_os_action_stage(stage))
    }

    /// Simulates the SIM's device (its 1NCE OS device id is the ICCID)
    /// reporting a position (degrees) from `source` (`"GPS"` or
    /// `"CellTower"`). Returns the geofence crossings it caused, as
    /// `(geofence_id, "ENTER" | "EXIT")`.
    #[pyo3(signature = (iccid, longitude, latitude, *, source="GPS"))]
    fn os_report_position(
        &self,
        py: Python<'_>,
        iccid: &str,
        longitude: f64,
        latitude: f64,
        source: &str,
    ) -> PyResult<Vec<(String, &'static str)>> {
        let source = match source {
            "GPS" => rs::PositionSource::Gps,
            "CellTower" => rs::PositionSource::CellTower,
            other => {
                return Err(errors::config(
                    py,
                    format!("source must be 'GPS' or 'CellTower', got {other:?}"),
                ))
            }
        };
        let events = self
            .with(py, |r| {
                r.sandbox
                    .os_report_position(iccid, longitude, latitude, source)
            })?
            .map_err(unknown)?;
        Ok(events
            .into_iter()
            .map(|e| {
                let kind = match e.crossing {
                    rs::GeofenceCrossing::Enter => "ENTER",
                    _ => "EXIT",
                };
                (e.geofence_id, kind)
            })
            .collect())
    }

    /// Simulates the SIM's device sending `payload` to 1NCE OS over
    /// `protocol` (`"UDP"`, `"COAP"` or `"LWM2M"`): it shows in the
    /// device's history and telemetry, and is posted to webhook
    /// integrations subscribed to `TELEMETRY_DATA` (in the background).
    fn os_device_message(
        &self,
        py: Python<'_>,
        iccid: &str,
        protocol: &str,
        payload: &[u8],
    ) -> PyResult<()> {
        let protocol = rs::OsProtocol::parse(protocol).ok_or_else(|| {
            errors::config(
                py,
                format!("protocol must be 'UDP', 'COAP' or 'LWM2M', got {protocol:?}"),
            )
        })?;
        self.with(py, |r| {
            r.sandbox.os_device_message(iccid, protocol, payload)
        })?
        .map_err(unknown)
    }

    /// Every post to a webhook integration that has ended, oldest first, as
    /// `(integration_id, event_type, status)` (`status` `None`: the webhook
    /// could not be reached).
    fn os_webhook_deliveries(
        &self,
        py: Python<'_>,
    ) -> PyResult<Vec<(String, String, Option<u16>)>> {
        self.with(py, |r| {
            r.sandbox
                .os_webhook_deliveries()
                .into_iter()
                .map(|d| (d.integration_id, d.event_type, d.status))
                .collect()
        })
    }

    /// Streams the fleet's records to `url` like 1NCE's Data Streamer (a
    /// webhook): from now on, usage (data and SMS), events, SMS delivery
    /// reports and MO SMS are queued and posted in batches (a JSON array,
    /// nested layout) every `interval` seconds (more than 0), at most `batch_size` records
    /// per request, with `authorization` as the `Authorization` header
    /// (e.g. `"Basic dXNlcjpwYXNz"`). A batch counts as delivered only when
    /// answered 200 within `timeout` seconds; anything else (redirects are
    /// not followed) is retried after `backoff` seconds, doubled after each
    /// failure up to `max_backoff`; after `max_failures` failures in a row the
    /// stream goes `"failed"` until `restart_stream()`. Calling it again
    /// replaces the settings (queued records stay). Decode what arrives with
    /// `once_sdk.streamer.decode_batch`.
    #[pyo3(signature = (
        url, authorization, *, interval=1.0, batch_size=3000, timeout=10.0,
        max_failures=10, backoff=1.0, max_backoff=60.0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn stream_to(
        &self,
        py: Python<'_>,
        url: &str,
        authorization: &str,
        interval: f64,
        batch_size: i64,
        timeout: f64,
        max_failures: i64,
        backoff: f64,
        max_backoff: f64,
    ) -> PyResult<()> {
        let at_least_one = |name: &str, n: i64| {
            if n >= 1 {
                Ok(n)
            } else {
                Err(errors::config(
                    py,
                    format!("{name} must be 1 or more, got {n}"),
                ))
            }
        };
        let host = url
            .strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
            .unwrap_or("");
        if host.is_empty() || host.starts_with('/') {
            return Err(errors::config(
                py,
                format!("url must be an http:// or https:// URL, got {url:?}"),
            ));
        }
        if interval.is_nan() || interval <= 0.0 {
            return Err(errors::config(
                py,
                format!("interval must be more than 0 seconds, got {interval}"),
            ));
        }
        let config = rs::StreamConfig::new(url, authorization)
            .interval(seconds(py, "interval", interval)?)
            .batch_size(
                usize::try_from(at_least_one("batch_size", batch_size)?).unwrap_or(usize::MAX),
            )
            .timeout(seconds(py, "timeout", timeout)?)
            .max_failures(
                u32::try_from(at_least_one("max_failures", max_failures)?).unwrap_or(u32::MAX),
            )
            .backoff(
                seconds(py, "backoff", backoff)?,
                seconds(py, "max_backoff", max_backoff)?,
            );
        // The stream's task runs on the runtime the sandbox's server runs on.
        let rt = runtime::runtime()?;
        self.with(py, |r| {
            let _entered = rt.enter();
            r.sandbox.stream_to(config)
        })
    }

    /// Restarts a `"failed"` stream (as a customer does in the 1NCE portal);
    /// the records not yet acknowledged are sent again.
    fn restart_stream(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.restart_stream())
    }

    /// Sends the next batch now instead of after the interval.
    fn flush_stream(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.flush_stream())
    }

    /// The stream's state and counters.
    fn stream_stats(&self, py: Python<'_>) -> PyResult<StreamStats> {
        self.with(py, |r| r.sandbox.stream_stats().into())
    }

    /// Every request received, oldest first (at most the last 100,000).
    fn requests(&self, py: Python<'_>) -> PyResult<Vec<SandboxRequest>> {
        self.with(py, |r| {
            r.sandbox
                .requests()
                .into_iter()
                .map(|q| SandboxRequest {
                    method: q.method,
                    path: q.path,
                    query: q.query,
                    template: q.template,
                    headers: q.headers,
                    body: q.body,
                    status: q.status,
                })
                .collect()
        })
    }

    /// Forgets the request log and resets the counters.
    fn reset_stats(&self, py: Python<'_>) -> PyResult<()> {
        self.with(py, |r| r.sandbox.reset_stats())
    }

    /// Stops serving (open connections are closed). Closing twice is fine.
    /// In a forked child it only closes the child's handle: the server
    /// belongs to the parent.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let running = self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(r) = running {
            if r.pid == std::process::id() {
                runtime::wait_on_workers(py, r.sandbox.shutdown())?;
            } else {
                std::mem::forget(r);
            }
        }
        Ok(())
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, PyTuple>) -> PyResult<()> {
        self.close(py)
    }

    fn __repr__(&self) -> String {
        let open = self.running.lock().map(|g| g.is_some()).unwrap_or(false);
        format!(
            "Sandbox(base_url='{}', client_id='{}'{})",
            self.base_url,
            self.client_id,
            if open { "" } else { ", closed" }
        )
    }
}

/// Adds the sandbox classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Sandbox>()?;
    m.add_class::<Fault>()?;
    m.add_class::<SandboxStats>()?;
    m.add_class::<StreamStats>()?;
    m.add_class::<SandboxRequest>()?;
    Ok(())
}

/// The keywords of `Sandbox.client()` and `Sandbox.async_client()`, checked
/// (the base URL is the sandbox's). `timeouts`: connect, attempt, operation;
/// `shared`: token, rate limits.
#[allow(clippy::too_many_arguments)]
fn client_options(
    py: Python<'_>,
    timeouts: [Option<f64>; 3],
    retries: Option<i64>,
    rate_limits: bool,
    user_agent: Option<String>,
    redis_url: Option<String>,
    redis_key_prefix: Option<String>,
    shared: [bool; 2],
) -> PyResult<Options> {
    let [connect_timeout, timeout, operation_timeout] = timeouts;
    let [shared_token, shared_rate_limits] = shared;
    Options::new(
        py,
        None,
        connect_timeout,
        timeout,
        operation_timeout,
        retries,
        rate_limits,
        user_agent,
    )?
    .redis(
        py,
        redis_url,
        redis_key_prefix,
        shared_token,
        shared_rate_limits,
    )
}
