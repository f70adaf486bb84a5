//! The one place a request is sent: rate limiter, bearer token, retries with
//! backoff, `Retry-After`, timeouts, the tracing span and error mapping.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, USER_AGENT,
};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use tracing::{field, Instrument};

use crate::auth::{AccessToken, TokenCache};
use crate::clock::Clock;
use crate::error::{snippet, ApiErrorDetails, Error, Result};
use crate::hooks::{ReceivedResponse, RequestHook, SentRequest};
use crate::ratelimit::{EndpointGroup, RateLimiter};
use crate::redact::Secrets;
use crate::retry::RetryPolicy;

/// The most a response's `Content-Length` makes the transport reserve up
/// front; larger bodies grow as they arrive.
const PREALLOCATE_AT_MOST: usize = 4 * 1024 * 1024;
/// One API call, before it is sent.
#[derive(Debug, Clone)]
pub(crate) struct ApiRequest {
    /// Name of the operation, e.g. `sims.get` (for spans and errors).
    pub operation: &'static str,
    pub method: Method,
    /// Path template, e.g. `/v2/sims/{iccid}` (for spans; no ids in metrics).
    pub template: std::borrow::Cow<'static, str>,
    /// The actual path, ids filled in and percent-encoded.
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
    /// Safe to send twice: decides which failures are retried.
    pub idempotent: bool,
    /// Secrets in the body (pre-shared keys, webhook header values),
    /// scrubbed from anything the server echoes back.
    pub secrets: Arc<Vec<String>>,
    /// The rate-limit group, when the caller names it (raw calls); else
    /// the group of the method and path.
    pub group: Option<EndpointGroup>,
    /// Headers of the caller's own (raw calls).
    pub headers: Vec<(reqwest::header::HeaderName, HeaderValue)>,
}

impl ApiRequest {
    /// A request; GET, PUT and DELETE are idempotent, POST is not unless
    /// marked with [`ApiRequest::idempotent`].
    pub(crate) fn new(
        operation: &'static str,
        method: Method,
        template: &'static str,
        path: String,
    ) -> Self {
        let idempotent = matches!(
            method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        );
        Self {
            operation,
            method,
            template: std::borrow::Cow::Borrowed(template),
            path,
            query: Vec::new(),
            body: None,
            idempotent,
            secrets: Arc::default(),
            group: None,
            headers: Vec::new(),
        }
    }

    pub(crate) fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }

    pub(crate) fn query_opt(self, key: &'static str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    pub(crate) fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Decode {
            what: format!("{} request body", self.operation),
            status: 0,
            message: e.to_string(),
            snippet: String::new(),
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Marks `value` as a secret the body carries: scrubbed from errors
    /// built from the answer (empty values are ignored).
    pub(crate) fn secret(mut self, value: &str) -> Self {
        if !value.is_empty() {
            Arc::make_mut(&mut self.secrets).push(value.to_string());
        }
        self
    }

    /// Marks a POST as safe to repeat (e.g. setting a value, not adding one).
    pub(crate) fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }
}

/// Percent-encodes one path segment.
pub(crate) fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A successful response.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    /// The secrets the request carried, scrubbed from any error built
    /// from this response.
    pub sent: SentSecrets,
}

/// The secrets a request carried (cheap to keep: the token is shared).
#[derive(Clone, Default)]
pub(crate) struct SentSecrets {
    pub token: Option<AccessToken>,
    pub basic: Option<(String, String)>,
    /// The secrets of the request's body.
    pub body: Arc<Vec<String>>,
}

impl std::fmt::Debug for SentSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SentSecrets([redacted])")
    }
}

impl SentSecrets {
    /// The values to scrub from server text.
    pub(crate) fn secrets(&self) -> Secrets {
        Secrets::of_request(
            self.token.as_ref().map(AccessToken::expose),
            self.basic.as_ref().map(|(id, s)| (id.as_str(), s.as_str())),
        )
        .with(self.body.iter().map(String::as_str))
    }
}

impl RawResponse {
    /// Decodes the body into `T`. Arrays and scalars are refused where a
    /// model (an object) is expected, at any depth. An empty, blank or
    /// `null` body is `None` for an `Option`, an empty list for a list, and
    /// [`Error::NotFound`] where one resource is expected.
    pub(crate) fn decode<T: DeserializeOwned>(&self, what: &'static str) -> Result<T> {
        let trimmed = self.body.trim_ascii();
        if trimmed.is_empty() || trimmed == b"null" {
            // What the type makes of "nothing": `None`, `()`, or (for a
            // list) no items; anything else was one resource, not found.
            return crate::types::strict::from_slice::<T>(b"null")
                .or_else(|_| crate::types::strict::from_slice::<T>(b"[]"))
                .map_err(|_| Error::NotFound {
                    operation: what,
                    details: Box::new(ApiErrorDetails {
                        status: self.status.as_u16(),
                        code: None,
                        message: None,
                        body: self
                            .sent
                            .secrets()
                            .scrub_owned(String::from_utf8_lossy(&self.body).into_owned()),
                        request_id: request_id(&self.headers),
                    }),
                });
        }
        crate::types::strict::from_slice(&self.body).map_err(|e| {
            let secrets = self.sent.secrets();
            Error::Decode {
                what: what.to_string(),
                status: self.status.as_u16(),
                message: secrets.scrub_owned(e.to_string()),
                snippet: snippet(&secrets.scrub(&String::from_utf8_lossy(&self.body)), 200),
            }
        })
    }
}

/// Timeouts and limits of the transport.
#[derive(Clone, Debug)]
pub(crate) struct TransportConfig {
    pub attempt_timeout: Option<Duration>,
    pub operation_timeout: Option<Duration>,
    pub max_response_bytes: usize,
    pub retry: RetryPolicy,
}

pub(crate) struct Transport {
    pub http: reqwest::Client,
    /// Keeps no idle connections: every request on it opens a fresh one.
    /// Non-idempotent calls use it, so that a failure before the server
    /// read a byte is a connect failure ("not sent"), never a pooled
    /// connection the server closed just before.
    pub fresh_http: reqwest::Client,
    pub base_url: Url,
    pub config: TransportConfig,
    pub limiter: Arc<dyn RateLimiter>,
    pub clock: Clock,
    /// The `User-Agent` of every request (also on a user's own client).
    pub user_agent: HeaderValue,
    /// The user's per-request hooks, in the order registered.
    pub hooks: Arc<[Arc<dyn RequestHook>]>,
}

/// How one attempt failed before a response arrived.
enum SendFailure {
    /// Never reached the server (connect/DNS/TLS failure): safe to retry.
    NotSent(Error),
    /// The attempt timed out; the server may have got it.
    Timeout(Error),
    /// Failed after sending (reset, truncated body): the server may have got it.
    AfterSend(Error),
    /// The server answered, but with something no retry changes (a body
    /// over the size cap).
    Final(Error),
}

impl Transport {
    /// The same transport (connection pool, base URL, rate limiter, clock)
    /// with other timeouts and retry policy: for derived clients and
    /// per-call options.
    pub(crate) fn with_config(&self, config: TransportConfig) -> Transport {
        Transport {
            http: self.http.clone(),
            fresh_http: self.fresh_http.clone(),
            base_url: self.base_url.clone(),
            config,
            limiter: Arc::clone(&self.limiter),
            clock: self.clock,
            user_agent: self.user_agent.clone(),
            hooks: Arc::clone(&self.hooks),
        }
    }

    pub(crate) fn url(&self, path: &str, query: &[(&'static str, String)]) -> Url {
        let mut url = self.base_url.clone();
        let base = self.base_url.path().trim_end_matches('/');
        url.set_path(&format!("{base}{path}"));
        if !query.is_empty() {
            let mut q = url.query_pairs_mut();
            for (k, v) in query {
                q.append_pair(k, v);
            }
        }
        url
    }

    /// Sends one attempt and reads the body (capped).
    async fn attempt(
        &self,
        req: &ApiRequest,
        auth: Option<&HeaderValue>,
        basic: Option<(&str, &str)>,
        attempt: u32,
    ) -> std::result::Result<RawResponse, SendFailure> {
        let http = if req.idempotent {
            &self.http
        } else {
            &self.fresh_http
        };
        let mut rb = http
            .request(req.method.clone(), self.url(&req.path, &req.query))
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, self.user_agent.clone());
        for (name, value) in &req.headers {
            rb = rb.header(name, value.clone());
        }
        if let Some(a) = auth {
            rb = rb.header(AUTHORIZATION, a.clone());
        }
        if let Some((user, pass)) = basic {
            rb = rb.basic_auth(user, Some(pass));
        }
        if let Some(body) = &req.body {
            rb = rb
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let mut request = rb.build().map_err(classify)?;
        for hook in self.hooks.iter() {
            hook.before_send(&mut SentRequest {
                operation: req.operation,
                template: &req.template,
                attempt,
                request: &mut request,
            });
        }
        let sent_at = Instant::now();
        let mut resp = http.execute(request).await.map_err(classify)?;
        let status = resp.status();
        let headers = std::mem::take(resp.headers_mut());
        for hook in self.hooks.iter() {
            hook.after_receive(&ReceivedResponse {
                operation: req.operation,
                template: &req.template,
                method: &req.method,
                attempt,
                status,
                headers: &headers,
                latency: sent_at.elapsed(),
            });
        }
        let cap = self.config.max_response_bytes;
        // The server answered; the same call would only download the same
        // body again: final.
        let too_big = || {
            SendFailure::Final(Error::ResponseTooLarge {
                operation: req.operation,
                status: status.as_u16(),
                limit: cap,
            })
        };
        if resp.content_length().is_some_and(|n| n > cap as u64) {
            return Err(too_big());
        }
        let read_failed = |e: reqwest::Error| match classify(e) {
            SendFailure::NotSent(e) | SendFailure::AfterSend(e) => SendFailure::AfterSend(e),
            t => t,
        };
        // Most bodies arrive as one chunk: kept as it is, without a copy.
        let mut body = match resp.chunk().await.map_err(read_failed)? {
            Some(first) => first,
            None => bytes::Bytes::new(),
        };
        if body.len() > cap {
            return Err(too_big());
        }
        // The announced length (already checked against the cap) sizes the
        // buffer once, up to a bound a lying header cannot inflate further.
        let announced = resp
            .content_length()
            .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX))
            .min(PREALLOCATE_AT_MOST);
        if let Some(second) = resp.chunk().await.map_err(read_failed)? {
            let mut all = bytes::BytesMut::with_capacity(announced.max(body.len() + second.len()));
            all.extend_from_slice(&body);
            all.extend_from_slice(&second);
            while let Some(chunk) = resp.chunk().await.map_err(read_failed)? {
                if all.len() + chunk.len() > cap {
                    return Err(too_big());
                }
                all.extend_from_slice(&chunk);
            }
            if all.len() > cap {
                return Err(too_big());
            }
            body = all.freeze();
        }
        Ok(RawResponse {
            status,
            headers,
            body,
            sent: SentSecrets::default(),
        })
    }

    /// Sends `req` with the retry rules of its idempotency. `token` supplies
    /// the bearer token (`None` for the token request itself, which uses
    /// `basic` credentials).
    pub(crate) async fn execute(
        &self,
        req: &ApiRequest,
        tokens: Option<&Arc<TokenCache>>,
        basic: Option<(&str, &str)>,
    ) -> Result<RawResponse> {
        let span = tracing::debug_span!(
            "once_sdk.call",
            operation = req.operation,
            method = %req.method,
            path = &*req.template,
            attempt = field::Empty,
            status = field::Empty,
            latency_ms = field::Empty,
            request_id = field::Empty,
        );
        let deadline = self
            .config
            .operation_timeout
            .map(|t| Deadline::after(t, req));
        let mut stats = CallStats::default();
        let res = self
            .execute_inner(req, tokens, basic, span.clone(), deadline, &mut stats)
            .await;
        // Recorded once, for the last attempt: a field recorded again would
        // be printed again by formatting subscribers.
        if stats.attempt > 0 {
            span.record("attempt", stats.attempt);
        }
        if let Some(ms) = stats.latency_ms {
            span.record("latency_ms", ms);
        }
        if let Some(status) = stats.status {
            span.record("status", status);
        }
        // Looked up only for a span that records it (logging on).
        if !span.is_disabled() {
            let request_id = match &res {
                Ok(resp) => crate::options::request_id(&resp.headers),
                Err(e) => e.request_id(),
            };
            if let Some(id) = request_id {
                span.record("request_id", id);
            }
        }
        if let Err(e) = &res {
            span.in_scope(|| tracing::debug!(error = %e, "call failed"));
        }
        res
    }

    async fn execute_inner(
        &self,
        req: &ApiRequest,
        tokens: Option<&Arc<TokenCache>>,
        basic: Option<(&str, &str)>,
        span: tracing::Span,
        deadline: Option<Deadline>,
        stats: &mut CallStats,
    ) -> Result<RawResponse> {
        let group = req
            .group
            .or_else(|| EndpointGroup::of_request(req.method.as_str(), &req.path));
        let mut delays = self.config.retry.delays();
        let mut attempt = 0u32;
        let mut renewed_token = false;
        loop {
            attempt += 1;
            // The token first, then the rate-limit slot: the request then
            // leaves as soon as its slot is granted. (The other way round, a
            // slot granted while the token was being fetched is spent late,
            // bunched together with the next window's, and the server may
            // count more than its limit in one window.)
            // Nothing of this attempt has been sent while waiting for the
            // token or the slot: a deadline here is a plain timeout.
            let token: Option<AccessToken> = match tokens {
                Some(t) => {
                    Some(within(deadline, false, t.token().instrument(span.clone())).await??)
                }
                None => None,
            };
            if let Some(g) = group {
                within(
                    deadline,
                    false,
                    self.limiter.acquire(g).instrument(span.clone()),
                )
                .await?;
            }
            let auth = match &token {
                Some(t) => Some(t.header().ok_or_else(|| {
                    Error::Config(
                        "the access token contains characters not allowed in a header".into(),
                    )
                })?),
                None => None,
            };
            *stats = CallStats {
                attempt,
                ..CallStats::default()
            };
            let started = Instant::now();
            // One timer per attempt: whichever of the attempt timeout and the
            // call's deadline comes first.
            let attempt_ends = self
                .config
                .attempt_timeout
                .map(|t| (tokio::time::Instant::now() + t, t));
            let sending = self
                .attempt(req, auth, basic, attempt)
                .instrument(span.clone());
            let outcome = match (attempt_ends, deadline) {
                (None, None) => sending.await,
                (Some((at, t)), d) if d.is_none_or(|d| at < d.at) => {
                    match tokio::time::timeout_at(at, sending).await {
                        Ok(outcome) => outcome,
                        Err(_) => Err(SendFailure::Timeout(Error::Timeout(format!(
                            "attempt timed out after {t:?}"
                        )))),
                    }
                }
                // The call's deadline ends this attempt: it may have been sent.
                (_, d) => match within(d, true, sending).await {
                    Ok(outcome) => outcome,
                    Err(e) => {
                        attempt_event(&span, attempt, None, started);
                        return Err(e);
                    }
                },
            };
            stats.latency_ms = Some(started.elapsed().as_millis() as u64);
            attempt_event(
                &span,
                attempt,
                outcome.as_ref().ok().map(|r| r.status.as_u16()),
                started,
            );
            // Whatever the server echoes of this request's secrets is
            // scrubbed from errors built from its answer.
            let outcome = outcome.map(|mut resp| {
                resp.sent = SentSecrets {
                    token: token.clone(),
                    basic: basic.map(|(id, secret)| (id.to_string(), secret.to_string())),
                    body: Arc::clone(&req.secrets),
                };
                resp
            });

            // Decide: done, or retry after how long.
            let (err, retry_after) = match outcome {
                Ok(resp) if resp.status.is_success() => {
                    stats.status = Some(resp.status.as_u16());
                    return Ok(resp);
                }
                Ok(resp) => {
                    stats.status = Some(resp.status.as_u16());
                    let status = resp.status.as_u16();
                    let details = error_details(&resp);
                    if status == 401 {
                        if let (Some(cache), Some(t), false) = (tokens, &token, renewed_token) {
                            // The token was refused: drop it (only it) and replay once.
                            renewed_token = true;
                            span.in_scope(|| {
                                tracing::debug!("401: renewing the access token and replaying once")
                            });
                            cache.invalidate(t).await?;
                            attempt -= 1;
                            continue;
                        }
                        return Err(Error::Auth { details });
                    }
                    let retry_after = retry_after(&resp.headers, &self.clock);
                    match status {
                        429 => (
                            Error::RateLimited {
                                retry_after,
                                details,
                            },
                            retry_after,
                        ),
                        500 | 502 | 503 | 504 => {
                            let e = Error::Api(details);
                            if !req.idempotent {
                                return Err(Error::OutcomeUnknown {
                                    operation: req.operation,
                                    cause: Box::new(e),
                                });
                            }
                            (e, retry_after)
                        }
                        _ if basic.is_some() => return Err(Error::Auth { details }),
                        404 => {
                            return Err(Error::NotFound {
                                operation: req.operation,
                                details: Box::new(details),
                            })
                        }
                        _ => return Err(Error::Api(details)),
                    }
                }
                Err(SendFailure::Final(e)) => return Err(e),
                Err(SendFailure::NotSent(e)) => (e, None),
                Err(SendFailure::Timeout(e)) | Err(SendFailure::AfterSend(e)) => {
                    if !req.idempotent {
                        return Err(Error::OutcomeUnknown {
                            operation: req.operation,
                            cause: Box::new(e),
                        });
                    }
                    (e, None)
                }
            };
            let Some(backoff) = delays.next() else {
                return Err(err);
            };
            let delay = retry_delay(retry_after, backoff, self.config.retry.max_retry_after);
            span.in_scope(|| {
                tracing::debug!(
                    error = %err,
                    failed_attempt = attempt,
                    delay_ms = delay.as_millis() as u64,
                    "retrying"
                )
            });
            // Only attempts that provably did not apply (or idempotent ones)
            // get here, so a deadline during the wait is a plain timeout.
            within(deadline, false, tokio::time::sleep(delay)).await?;
        }
    }
}

/// One TRACE event per attempt, in the call's span (target
/// `once_sdk::attempt`): `attempt` (from 1), `status` when an answer came
/// (absent when the attempt failed without one) and `latency_ms`. The span's
/// own fields describe only the last attempt; these events let a subscriber
/// count every request sent (retries, 429s, token requests).
fn attempt_event(span: &tracing::Span, attempt: u32, status: Option<u16>, started: Instant) {
    let latency_ms = started.elapsed().as_millis() as u64;
    span.in_scope(|| match status {
        Some(status) => tracing::trace!(
            target: "once_sdk::attempt",
            attempt,
            status,
            latency_ms,
            "attempt answered"
        ),
        None => tracing::trace!(
            target: "once_sdk::attempt",
            attempt,
            latency_ms,
            "attempt failed without an answer"
        ),
    });
}

/// The figures of a call's last attempt, recorded on its span once the
/// call ends.
#[derive(Default)]
struct CallStats {
    attempt: u32,
    status: Option<u16>,
    latency_ms: Option<u64>,
}

/// The end of a call's overall time budget (`operation_timeout`).
#[derive(Clone, Copy)]
struct Deadline {
    at: tokio::time::Instant,
    budget: Duration,
    operation: &'static str,
    idempotent: bool,
}

impl Deadline {
    fn after(budget: Duration, req: &ApiRequest) -> Self {
        Deadline {
            at: tokio::time::Instant::now() + budget,
            budget,
            operation: req.operation,
            idempotent: req.idempotent,
        }
    }

    /// The error for a call cut by its deadline; `maybe_sent`: a request was
    /// on its way, so a call that is not idempotent has an unknown outcome.
    fn passed(&self, maybe_sent: bool) -> Error {
        let e = Error::Timeout(format!(
            "`{}` did not finish within the overall deadline of {:?}",
            self.operation, self.budget
        ));
        if maybe_sent && !self.idempotent {
            Error::OutcomeUnknown {
                operation: self.operation,
                cause: Box::new(e),
            }
        } else {
            e
        }
    }
}

/// Runs `fut` until `deadline`. No timer is armed when `fut` is ready at its
/// first poll (a cached token, a free rate-limit slot).
async fn within<F: std::future::Future>(
    deadline: Option<Deadline>,
    maybe_sent: bool,
    fut: F,
) -> Result<F::Output> {
    match deadline {
        None => Ok(fut.await),
        Some(d) => tokio::time::timeout_at(d.at, fut)
            .await
            .map_err(|_| d.passed(maybe_sent)),
    }
}

/// How long to wait before the next attempt: the server's `Retry-After`
/// (capped at `max_retry_after`) wins over the computed backoff.
pub(crate) fn retry_delay(
    retry_after: Option<Duration>,
    backoff: Duration,
    max_retry_after: Duration,
) -> Duration {
    match retry_after {
        Some(ra) => ra.min(max_retry_after),
        None => backoff,
    }
}

fn classify(e: reqwest::Error) -> SendFailure {
    let message = e.to_string();
    if e.is_connect() {
        SendFailure::NotSent(Error::transport(format!("could not connect: {message}"), e))
    } else if e.is_timeout() {
        SendFailure::Timeout(Error::Timeout(format!("attempt timed out: {message}")))
    } else if e.is_builder() {
        SendFailure::NotSent(Error::Config(message))
    } else {
        SendFailure::AfterSend(Error::transport(message, e))
    }
}

/// `Retry-After` as seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, clock: &Clock) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<f64>() {
        // Past what a Duration holds (`Retry-After: 1e300`): as long as can be;
        // the transport waits at most `max_retry_after` anyway.
        return (secs.is_finite() && secs >= 0.0)
            .then(|| Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    }
    let date = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let at = std::time::SystemTime::from(date);
    Some(at.duration_since(clock.now()).unwrap_or(Duration::ZERO))
}

/// Parses whichever error shape 1NCE sent; keeps the raw body.
pub(crate) fn error_details(resp: &RawResponse) -> ApiErrorDetails {
    let secrets = resp.sent.secrets();
    let body = String::from_utf8_lossy(&resp.body);
    let body = secrets.scrub(&body);
    let (mut code, mut message) = (None, None);
    if let Ok(serde_json::Value::Object(m)) =
        serde_json::from_slice::<serde_json::Value>(&resp.body)
    {
        let text = |k: &str| match m.get(k) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => {
                Some(secrets.scrub_owned(s.clone()))
            }
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        code = text("errorCode")
            .or_else(|| text("error_token"))
            .or_else(|| text("error"))
            .or_else(|| text("error_code"));
        message = text("message")
            .or_else(|| text("error_description"))
            .or_else(|| text("errorMessage"));
    }
    ApiErrorDetails {
        status: resp.status.as_u16(),
        code,
        message,
        body: snippet(&body, 64 * 1024),
        request_id: request_id(&resp.headers),
    }
}

/// The request id header 1NCE's gateway sent back, if any.
fn request_id(headers: &HeaderMap) -> Option<String> {
    crate::options::request_id(headers).map(str::to_string)
}

#[cfg(test)]
mod tests;
