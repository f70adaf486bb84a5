//! Fault injection: make the next requests that match fail in a chosen way.

use std::time::Duration;

/// What an injected fault does to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Answer with this status and an error body in the API's shape; the
    /// request is not applied.
    Status(u16),
    /// Wait this long, then handle the request normally.
    Delay(Duration),
    /// Apply the request, then answer with its status and a body that is not
    /// valid JSON (the server did the work; its answer is garbled).
    MalformedBody,
    /// Apply the request, then send its real response cut in half (the
    /// `Content-Length` promises the whole body, the connection closes early;
    /// an empty body is announced as 2 bytes and none are sent).
    TruncatedBody,
    /// Answer 429, with a `Retry-After` header (whole seconds) if given; not
    /// applied.
    RateLimited(Option<Duration>),
    /// Answer with this status and an HTML error page, as a gateway or proxy
    /// does; not applied.
    Html(u16),
    /// Close the connection without answering; not applied.
    DropConnection,
    /// Apply the request, then answer with this status (e.g. 500) as if it had
    /// failed.
    ApplyThenStatus(u16),
    /// Apply the request, then close the connection without answering.
    ApplyThenDrop,
}

impl FaultKind {
    /// Whether the operation is carried out before the fault shows.
    pub fn applies(&self) -> bool {
        matches!(
            self,
            FaultKind::Delay(_)
                | FaultKind::MalformedBody
                | FaultKind::TruncatedBody
                | FaultKind::ApplyThenStatus(_)
                | FaultKind::ApplyThenDrop
        )
    }
}

/// A fault to inject with [`Sandbox::inject`](super::Sandbox::inject).
///
/// By default a fault hits the next request of any method to any path, once.
/// Narrow it with [`method`](Fault::method) and [`path`](Fault::path) (`*`
/// matches one path segment, a trailing `/**` any rest), widen it with
/// [`times`](Fault::times) or [`always`](Fault::always). Faults are checked in
/// the order they were injected; the first that matches is used.
///
/// ```
/// use once_sandbox::Fault;
/// // The next two v2 top-ups answer 503 without being applied.
/// let f = Fault::status(503).method("POST").path("/v2/sims/*/topup").times(2);
/// // The next SMS is sent, but the answer is lost.
/// let g = Fault::apply_then_drop().method("POST").path("/v2/sims/*/sms");
/// # let _ = (f, g);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Fault {
    pub(crate) kind: FaultKind,
    pub(crate) method: Option<String>,
    pub(crate) path: Option<String>,
    /// `None`: forever.
    pub(crate) remaining: Option<u32>,
}

impl Fault {
    /// A fault of any kind.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            method: None,
            path: None,
            remaining: Some(1),
        }
    }

    /// Answer `status` with the API's error body; nothing is applied.
    pub fn status(status: u16) -> Self {
        Self::new(FaultKind::Status(status))
    }

    /// Wait `d` before handling the request normally.
    pub fn delay(d: Duration) -> Self {
        Self::new(FaultKind::Delay(d))
    }

    /// Apply, then answer with a body that is not JSON.
    pub fn malformed_body() -> Self {
        Self::new(FaultKind::MalformedBody)
    }

    /// Apply, then send half of the real body and close the connection.
    pub fn truncated_body() -> Self {
        Self::new(FaultKind::TruncatedBody)
    }

    /// Answer 429 with `Retry-After: <secs>`; nothing is applied.
    pub fn rate_limited(retry_after: Duration) -> Self {
        Self::new(FaultKind::RateLimited(Some(retry_after)))
    }

    /// Answer 429 without `Retry-After`; nothing is applied.
    pub fn rate_limited_without_retry_after() -> Self {
        Self::new(FaultKind::RateLimited(None))
    }

    /// Answer `status` with an HTML page (a gateway error); nothing is applied.
    pub fn html(status: u16) -> Self {
        Self::new(FaultKind::Html(status))
    }

    /// Close the connection without an answer; nothing is applied.
    pub fn drop_connection() -> Self {
        Self::new(FaultKind::DropConnection)
    }

    /// Apply the request, then answer `status` (the caller cannot know it
    /// was applied).
    pub fn apply_then_status(status: u16) -> Self {
        Self::new(FaultKind::ApplyThenStatus(status))
    }

    /// Apply the request, then close the connection without an answer.
    pub fn apply_then_drop() -> Self {
        Self::new(FaultKind::ApplyThenDrop)
    }

    /// Only requests with this HTTP method (case-insensitive).
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only requests whose path (without the query) matches `pattern`:
    /// segments compared literally, `*` matches any one segment, a final
    /// `**` matches any rest (`/v2/sims/**`).
    pub fn path(mut self, pattern: &str) -> Self {
        self.path = Some(pattern.to_string());
        self
    }

    /// The next `n` matching requests (default 1).
    pub fn times(mut self, n: u32) -> Self {
        self.remaining = Some(n);
        self
    }

    /// Every matching request until [`Sandbox::clear_faults`](super::Sandbox::clear_faults).
    pub fn always(mut self) -> Self {
        self.remaining = None;
        self
    }

    /// What the fault does.
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        if self.remaining == Some(0) {
            return false;
        }
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        match &self.path {
            Some(p) => path_matches(p, path),
            None => true,
        }
    }
}

/// Random faults for load tests: each request that no injected [`Fault`]
/// matches is hit, with probability `rate`, by one kind drawn uniformly from
/// [`RandomFaults::KINDS`] (500, 502, 503, 504, 429 with and without
/// `Retry-After`, an HTML 502, a malformed or truncated body, a dropped
/// connection, applied then 500, applied then dropped) or, if
/// [`delay`](RandomFaults::delay) is set, a delay. The draws come from
/// `seed`, so a run with the same requests in the same order draws the same
/// faults. Set with [`Sandbox::random_faults`](super::Sandbox::random_faults).
///
/// ```
/// use std::time::Duration;
/// use once_sandbox::RandomFaults;
/// // 1% of requests fail, some of them by stalling 2 s.
/// let r = RandomFaults::new(0.01).seed(7).delay(Duration::from_secs(2));
/// # let _ = r;
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct RandomFaults {
    pub(crate) rate: f64,
    pub(crate) seed: u64,
    pub(crate) delay: Option<Duration>,
}

impl RandomFaults {
    /// The kinds drawn (besides the optional delay).
    pub const KINDS: [FaultKind; 12] = [
        FaultKind::Status(500),
        FaultKind::Status(502),
        FaultKind::Status(503),
        FaultKind::Status(504),
        FaultKind::RateLimited(Some(Duration::from_secs(1))),
        FaultKind::RateLimited(None),
        FaultKind::Html(502),
        FaultKind::MalformedBody,
        FaultKind::TruncatedBody,
        FaultKind::DropConnection,
        FaultKind::ApplyThenStatus(500),
        FaultKind::ApplyThenDrop,
    ];

    /// Faults on a share `rate` (0.0 to 1.0) of requests; seed 1, no delays.
    pub fn new(rate: f64) -> Self {
        Self {
            rate: rate.clamp(0.0, 1.0),
            seed: 1,
            delay: None,
        }
    }

    /// The seed of the draws (default 1).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Also draw [`FaultKind::Delay`] with this duration (make it longer than
    /// the client's attempt timeout to exercise timeouts).
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = Some(d);
        self
    }

    pub(crate) fn draw(&self, rng: &mut super::fleet::Rng) -> Option<FaultKind> {
        if rng.unit() >= self.rate {
            return None;
        }
        let n = Self::KINDS.len() as u64 + u64::from(self.delay.is_some());
        let i = rng.below(n) as usize;
        Some(match Self::KINDS.get(i) {
            Some(k) => k.clone(),
            None => FaultKind::Delay(self.delay.unwrap_or_default()),
        })
    }
}

/// `*` matches one segment, a final `**` any rest.
pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
    let mut pat = pattern.trim_matches('/').split('/');
    let mut segs = path.trim_matches('/').split('/');
    loop {
        match (pat.next(), segs.next()) {
            (Some("**"), _) => return true,
            (Some(p), Some(s)) if p == "*" || p == s => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(path_matches("/v2/sims/*/topup", "/v2/sims/8988/topup"));
        assert!(!path_matches("/v2/sims/*/topup", "/v2/sims/8988/sms"));
        assert!(!path_matches("/v2/sims/*", "/v2/sims/8988/sms"));
        assert!(path_matches("/v2/sims/**", "/v2/sims/8988/sms/3"));
        assert!(path_matches("/oauth/token", "/oauth/token"));
        assert!(!path_matches("/oauth/token", "/oauth"));
        let f = Fault::status(503).method("post").path("/v1/orders");
        assert!(f.matches("POST", "/v1/orders"));
        assert!(!f.matches("GET", "/v1/orders"));
    }

    #[test]
    fn random_faults_follow_rate_and_seed() {
        use crate::fleet::Rng;
        let draws = |r: &RandomFaults| {
            let mut rng = Rng::new(r.seed);
            (0..2000).map(|_| r.draw(&mut rng)).collect::<Vec<_>>()
        };
        assert!(draws(&RandomFaults::new(0.0)).iter().all(Option::is_none));
        let all = draws(&RandomFaults::new(1.0).delay(Duration::from_secs(2)));
        assert!(all.iter().all(Option::is_some));
        assert!(all.contains(&Some(FaultKind::Delay(Duration::from_secs(2)))));
        for k in RandomFaults::KINDS {
            assert!(all.contains(&Some(k.clone())), "{k:?} never drawn");
        }
        let some = RandomFaults::new(0.05).seed(9);
        let hits = draws(&some).iter().filter(|d| d.is_some()).count();
        assert!(
            (40..=160).contains(&hits),
            "{hits} faults in 2000 draws at 5%"
        );
        assert_eq!(draws(&some), draws(&some.clone()));
        assert_ne!(draws(&some), draws(&some.clone().seed(10)));
    }
}
