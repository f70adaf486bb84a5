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
    /// Answer 200 with a body that is not valid JSON; not applied.
    MalformedBody,
    /// Apply the request, then send its real response cut in half (the
    /// `Content-Length` promises the whole body, the connection closes early).
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
/// use once_sdk::sandbox::Fault;
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

    /// Answer 200 with a body that is not JSON; nothing is applied.
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
}
