//! The HTTP side: accept loop, tokens, rate limits, faults, request log.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use chrono::Utc;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response};
use serde_json::{json, Value};
use tokio::time::Instant;

use super::fault::{Fault, FaultKind, RandomFaults};
use super::fleet::Rng;
use super::routes::{self, Call, Effects, Op, Reply, Route, Style};
use super::state::World;
use super::{RecordedRequest, Stats};
use crate::limits::PublishedLimit;

/// The request log keeps at most this many entries (the oldest go first).
pub(crate) const LOG_CAPACITY: usize = 100_000;

/// How many issued tokens [`Sandbox::issued_tokens`](super::Sandbox::issued_tokens) keeps.
pub(crate) const TOKEN_HISTORY: usize = 1_000;

pub(crate) type Body = BoxBody<Bytes, std::io::Error>;

/// Locks a mutex, ignoring poisoning (a panicked handler must not take the
/// sandbox down with it).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Everything the handlers share.
pub(crate) struct Shared {
    pub world: Mutex<World>,
    pub tokens: Mutex<Tokens>,
    pub faults: Mutex<Vec<Fault>>,
    /// Random faults for the requests no injected fault matches.
    pub random: Mutex<Option<(RandomFaults, Rng)>>,
    pub limiter: Mutex<Limiter>,
    /// Arrival jitter: each request reaches the rate limiter a random
    /// 0 to 2 × this late (± this around the mean), like the network
    /// between a client and 1NCE.
    pub jitter: Option<(Duration, Mutex<Rng>)>,
    pub stats: Mutex<Stats>,
    pub log: Mutex<VecDeque<RecordedRequest>>,
    pub client_id: String,
    pub client_secret: String,
    pub base_url: String,
    /// The Data Streamer's configuration, counters and task.
    pub stream: Mutex<crate::stream::StreamControl>,
    /// Wakes the streamer (restart, flush).
    pub stream_wake: tokio::sync::Notify,
    /// Client connections open now (accepted and not yet closed).
    pub open_connections: std::sync::atomic::AtomicUsize,
    /// 1NCE OS: its devices, requests, geofences, integrations, ...
    pub os: Mutex<crate::os::OsWorld>,
    /// 1NCE OS's rate limits (one group per operation).
    pub os_pace: Mutex<crate::os::pace::OsLimiter>,
}

/// Issued tokens and when they expire.
pub(crate) struct Tokens {
    pub lifetime: Duration,
    pub issued: HashMap<String, Instant>,
    /// Every token issued, newest last (at most [`TOKEN_HISTORY`]), expired
    /// ones included: tests check that none of them leaks.
    pub history: VecDeque<String>,
    pub rng: Rng,
}

impl Tokens {
    fn issue(&mut self) -> String {
        // About 3000 characters, like 1NCE's JWTs.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut t = String::with_capacity(3000);
        t.push_str("eyJraWQiOiJzYW5kYm94In0.");
        while t.len() < 3000 {
            let r = self.rng.next_u64();
            for k in 0..10 {
                t.push(char::from(ALPHABET[((r >> (k * 6)) & 63) as usize]));
            }
        }
        let now = Instant::now();
        self.issued.retain(|_, exp| *exp > now);
        self.issued.insert(t.clone(), now + self.lifetime);
        if self.history.len() >= TOKEN_HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(t.clone());
        t
    }

    fn valid(&self, token: &str) -> bool {
        self.issued
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }
}

/// Server-side rate limits: a sliding window per published limit.
pub(crate) struct Limiter {
    pub limits: Option<[PublishedLimit; 5]>,
    /// The arrival times each limit still counts, by its index in `limits`.
    pub hits: HashMap<usize, VecDeque<Instant>>,
}

impl Limiter {
    /// `None` if the request may pass (and counts it), else how long until
    /// it would.
    fn check(&mut self, path: &str) -> Option<(Duration, u32)> {
        let limits = self.limits.as_ref()?;
        let (index, limit) = limits.iter().enumerate().find(|(_, l)| l.counts(path))?;
        let now = Instant::now();
        let hits = self.hits.entry(index).or_default();
        while hits.front().is_some_and(|t| *t + limit.window <= now) {
            hits.pop_front();
        }
        if hits.len() >= limit.requests as usize {
            let wait = hits.front().map_or(limit.window, |t| {
                (*t + limit.window).saturating_duration_since(now)
            });
            return Some((wait, limit.requests));
        }
        hits.push_back(now);
        None
    }
}

/// Why a connection is closed without an answer.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never: Infallible| match never {})
        .boxed()
}

/// What goes back to the client before it is turned into hyper types.
struct Outcome {
    status: u16,
    headers: Vec<(String, String)>,
    content_type: &'static str,
    body: Vec<u8>,
    truncate: bool,
}

impl From<Reply> for Outcome {
    fn from(r: Reply) -> Self {
        // 1NCE OS answers a few operations with a plain-text URI.
        if let Some(Value::String(uri)) = &r.body {
            if r.headers
                .iter()
                .any(|(k, v)| k == "content-type" && v == crate::os::URI_TEXT)
            {
                return Outcome {
                    status: r.status,
                    headers: Vec::new(),
                    content_type: crate::os::URI_TEXT,
                    body: uri.clone().into_bytes(),
                    truncate: false,
                };
            }
        }
        Outcome {
            status: r.status,
            headers: r.headers,
            content_type: "application/json;charset=UTF-8",
            body: r
                .body
                .map(|b| b.to_string().into_bytes())
                .unwrap_or_default(),
            truncate: false,
        }
    }
}

fn to_response(o: Outcome) -> Response<Body> {
    let mut b = Response::builder()
        .status(o.status)
        .header("x-amzn-requestid", request_id());
    if !o.body.is_empty() {
        b = b.header("content-type", o.content_type);
    }
    for (k, v) in &o.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    let body = if o.truncate && o.body.len() <= 1 {
        // Nothing to cut in half: promise two bytes, send none.
        b = b.header("content-length", "2");
        let frames = futures::stream::once(async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            Err::<Frame<Bytes>, _>(std::io::Error::other("truncated by an injected fault"))
        });
        BodyExt::boxed(StreamBody::new(frames))
    } else if o.truncate {
        let half = Bytes::from(o.body[..o.body.len() / 2].to_vec());
        b = b.header("content-length", o.body.len().to_string());
        // Send the first half, give hyper a moment to flush it with the
        // head, then fail the body so that the connection closes mid-way.
        let frames = futures::stream::unfold(Some(half), |half| async move {
            match half {
                Some(h) => Some((Ok(Frame::data(h)), None)),
                None => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    let cut = std::io::Error::other("truncated by an injected fault");
                    Some((Err(cut), None))
                }
            }
        });
        BodyExt::boxed(StreamBody::new(frames))
    } else {
        full(o.body)
    };
    b.body(body).unwrap_or_else(|_| {
        let mut r = Response::new(full(Vec::new()));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("sandbox-{:08x}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn too_many(retry_after: Option<Duration>, limit: Option<u32>) -> Outcome {
    let mut headers = Vec::new();
    if let Some(d) = retry_after {
        let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
        headers.push(("Retry-After".to_string(), secs.max(1).to_string()));
    }
    if let Some(l) = limit {
        headers.push(("x-rate-limit-limit".to_string(), l.to_string()));
        headers.push(("x-rate-limit-remaining".to_string(), "0".to_string()));
    }
    Outcome {
        headers,
        ..Outcome::from(Reply::json(429, json!({"message": "Too Many Requests"})))
    }
}

fn html(status: u16) -> Outcome {
    let body = format!(
        "<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>{status} Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
    );
    Outcome {
        status,
        headers: Vec::new(),
        content_type: "text/html",
        body: body.into_bytes(),
        truncate: false,
    }
}

fn unauthorized(route: Option<&Route>, path: &str, message: &str) -> Outcome {
    let body = match route.map(Route::style) {
        Some(Style::V2) => {
            json!({"error_code": 1000, "error_token": "Unauthorized", "message": message})
        }
        Some(Style::Os) => return crate::os::error(401, "Unauthorized", message).into(),
        _ => json!({
            "timestamp": super::json::ts_offset(Utc::now()),
            "status": 401,
            "error": "Unauthorized",
            "message": message,
            "path": format!("/management-api{path}"),
        }),
    };
    Reply::json(401, body).into()
}

impl Shared {
    fn take_fault(&self, method: &str, path: &str) -> Option<FaultKind> {
        let mut faults = lock(&self.faults);
        let Some(pos) = faults.iter().position(|f| f.matches(method, path)) else {
            drop(faults);
            let mut random = lock(&self.random);
            let (config, rng) = random.as_mut()?;
            return config.draw(rng);
        };
        let f = &mut faults[pos];
        let kind = f.kind.clone();
        if let Some(n) = &mut f.remaining {
            *n -= 1;
            if *n == 0 {
                drop(faults.remove(pos));
            }
        }
        Some(kind)
    }

    fn token(&self, headers: &hyper::HeaderMap, body: &[u8]) -> Outcome {
        let bad = |code: &str, message: &str| -> Outcome {
            routes::error(Style::V1, 400, code, message).into()
        };
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !content_type
            .to_ascii_lowercase()
            .starts_with("application/json")
        {
            return bad("UnsupportedContentTypeError", "Content-Type not supported");
        }
        let basic = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(|b| {
                base64::engine::general_purpose::STANDARD
                    .decode(b.trim())
                    .ok()
            })
            .and_then(|b| String::from_utf8(b).ok());
        let Some(basic) = basic else {
            return bad(
                "AuthValidationError",
                "Auth header validation error: Missing attributes 'username'",
            );
        };
        let (user, password) = basic.split_once(':').unwrap_or((basic.as_str(), ""));
        if user.is_empty() {
            return bad(
                "AuthValidationError",
                "Auth header validation error: Missing attributes 'username'",
            );
        }
        if password.is_empty() {
            return bad(
                "AuthValidationError",
                "Auth header validation error: Missing attributes 'password'",
            );
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(v) if v.get("grant_type").and_then(Value::as_str) == Some("client_credentials") => {}
            Ok(v) if v.get("grant_type").is_some() => {
                return bad(
                    "BodyValidationError",
                    "Request body validation error: grant_type must be client_credentials",
                )
            }
            _ => {
                return bad(
                    "BodyValidationError",
                    "Request body validation error: Missing attributes 'grant_type'",
                )
            }
        }
        if user != self.client_id {
            return bad("BadCredentials", "User does not exist.");
        }
        if password != self.client_secret {
            return bad("BadCredentials", "Incorrect username or password.");
        }
        let mut tokens = lock(&self.tokens);
        let token = tokens.issue();
        let expires_in = tokens.lifetime.as_secs();
        drop(tokens);
        lock(&self.stats).tokens_issued += 1;
        Reply::json(
            200,
            json!({
                "status_code": 200,
                "access_token": token,
                "token_type": "bearer",
                "expires_in": expires_in,
                "userId": "user",
                "scope": "all",
            }),
        )
        .into()
    }

    fn authorized(&self, headers: &hyper::HeaderMap) -> Result<(), &'static str> {
        let token = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .ok_or("Missing Authentication Token")?;
        if lock(&self.tokens).valid(token.trim()) {
            Ok(())
        } else {
            Err("The incoming token has expired or is invalid")
        }
    }
}

/// Handles one request. `Err` closes the connection without an answer.
pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Body>, Dropped> {
    let method = req.method().as_str().to_string();
    let uri = req.uri().clone();
    let full_path = uri.path().to_string();
    // Accept both `/v1/...` and `/management-api/v1/...`.
    let path = full_path
        .strip_prefix("/management-api")
        .filter(|p| p.starts_with('/'))
        .unwrap_or(&full_path)
        .to_string();
    let query_string = uri.query().map(str::to_string);
    let headers = req.headers().clone();
    let body = match Limited::new(req.into_body(), 1024 * 1024).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let query: Vec<(String, String)> = query_string.as_deref().map(parse_query).unwrap_or_default();
    let route = routes::resolve(&method, &path);

    let mut record = RecordedRequest {
        method: method.clone(),
        path: path.clone(),
        query: query_string,
        template: route.as_ref().map(|r| r.template.to_string()),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
        status: None,
        fault: None,
        charged: 0,
    };

    let outcome = respond(
        &shared,
        &method,
        &path,
        route.as_ref(),
        &query,
        &headers,
        &body,
        &mut record,
    )
    .await;

    {
        let mut stats = lock(&shared.stats);
        stats.requests += 1;
        let key = format!(
            "{method} {}",
            route.as_ref().map_or(path.as_str(), |r| r.template)
        );
        *stats.by_operation.entry(key).or_default() += 1;
        if record.fault.is_some() {
            stats.faults_injected += 1;
        }
        match &outcome {
            Some(o) if o.status == 429 => stats.rate_limited += 1,
            Some(o) if o.status == 401 => stats.unauthorized += 1,
            _ => {}
        }
    }
    record.status = outcome.as_ref().map(|o| o.status);
    {
        let mut log = lock(&shared.log);
        if log.len() >= LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(record);
    }
    outcome.map(to_response).ok_or(Dropped)
}

#[allow(clippy::too_many_arguments)]
async fn respond(
    shared: &Shared,
    method: &str,
    path: &str,
    route: Option<&Route>,
    query: &[(String, String)],
    headers: &hyper::HeaderMap,
    body: &[u8],
    record: &mut RecordedRequest,
) -> Option<Outcome> {
    let style = route.map_or(Style::V1, Route::style);
    let fault = shared.take_fault(method, path);
    record.fault = fault.clone();
    match &fault {
        Some(FaultKind::Delay(d)) => tokio::time::sleep(*d).await,
        Some(FaultKind::Status(s)) => {
            let code = match s {
                400 => "BadRequest",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "NotFound",
                409 => "Conflict",
                422 => "UnprocessableEntity",
                429 => "TooManyRequests",
                502 => "BadGateway",
                503 => "ServiceUnavailable",
                504 => "GatewayTimeout",
                _ => "InternalServerError",
            };
            return Some(routes::error(style, *s, code, "Injected fault").into());
        }
        Some(FaultKind::Html(s)) => return Some(html(*s)),
        Some(FaultKind::RateLimited(ra)) => return Some(too_many(*ra, None)),
        Some(FaultKind::DropConnection) => return None,
        _ => {}
    }

    if let Some((jitter, rng)) = &shared.jitter {
        let span = u64::try_from(jitter.as_micros() * 2).unwrap_or(u64::MAX);
        let late = Duration::from_micros(lock(rng).below(span.saturating_add(1)));
        tokio::time::sleep(late).await;
    }
    let limited = match route {
        Some(r) if r.op == Op::Os => lock(&shared.os_pace).check(method, r.template),
        _ => lock(&shared.limiter).check(path),
    };
    if let Some((wait, max)) = limited {
        return Some(too_many(Some(wait), Some(max)));
    }

    let Some(route) = route else {
        return Some(
            routes::error(
                Style::V1,
                404,
                "NotFound",
                format!("No operation {method} {path}"),
            )
            .into(),
        );
    };

    let mut outcome = if route.op == Op::Token {
        lock(&shared.stats).token_requests += 1;
        shared.token(headers, body)
    } else if let Err(message) = shared.authorized(headers) {
        unauthorized(Some(route), path, message)
    } else if route.op == Op::Os {
        Outcome::from(crate::os::respond(shared, method, route, query, body).await)
    } else {
        let mut fx = Effects::default();
        let reply = {
            let mut world = lock(&shared.world);
            routes::handle(
                &mut world,
                &mut fx,
                &Call {
                    route,
                    query,
                    body,
                    base_url: &shared.base_url,
                    now: Utc::now(),
                },
            )
        };
        record.charged = fx.top_ups + fx.sms_sent + fx.orders_created;
        let mut stats = lock(&shared.stats);
        stats.top_ups_applied += fx.top_ups;
        stats.sms_sent += fx.sms_sent;
        stats.orders_created += fx.orders_created;
        stats.support_requests_created += fx.support_requests;
        Outcome::from(reply)
    };

    match fault {
        Some(FaultKind::ApplyThenStatus(s)) => Some(
            routes::error(
                style,
                s,
                "InternalServerError",
                "Injected fault after the change was applied",
            )
            .into(),
        ),
        Some(FaultKind::ApplyThenDrop) => None,
        Some(FaultKind::TruncatedBody) => {
            outcome.truncate = true;
            Some(outcome)
        }
        Some(FaultKind::MalformedBody) => {
            outcome.content_type = "application/json;charset=UTF-8";
            outcome.body = b"{\"iccid\": \"8988280666000000000\", \"status\": Enab".to_vec();
            Some(outcome)
        }
        _ => Some(outcome),
    }
}

/// `a=1&b=x%20y` into pairs, percent-decoded.
fn parse_query(q: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decoding() {
        assert_eq!(
            parse_query("q=imei%3A35&sort=-imei&x=a+b"),
            vec![
                ("q".to_string(), "imei:35".to_string()),
                ("sort".to_string(), "-imei".to_string()),
                ("x".to_string(), "a b".to_string()),
            ]
        );
    }
}
