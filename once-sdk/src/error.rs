//! The one error type of the SDK.
//!
//! Every fallible call returns [`Error`]. It says what happened in its
//! `Display` text and exposes the details (HTTP status, 1NCE error code,
//! message, raw body, request id, `Retry-After`) through accessors, so callers
//! can branch on them without parsing strings.

use std::fmt;
use std::time::Duration;

/// Result alias used throughout the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the 1NCE API said when it refused a call.
///
/// 1NCE sends errors in several shapes (`{statusCode, errorCode, message}` on
/// v1, `{error_code, error_token, message}` on v2, Spring-style
/// `{timestamp, status, error, message, path}` from the gateway, and HTML
/// pages from proxies). The parsed parts land in `code` and `message`; the raw
/// body is always kept.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiErrorDetails {
    /// HTTP status code of the response.
    pub status: u16,
    /// 1NCE's error code (`errorCode` on v1, `error_token` on v2, `error` on
    /// gateway errors), when the body carried one.
    pub code: Option<String>,
    /// 1NCE's human-readable message, when the body carried one.
    pub message: Option<String>,
    /// The response body as received (lossily decoded as UTF-8, at most
    /// 64 KiB). `Display` shows only a short line of it.
    pub body: String,
    /// The request id header (`x-amzn-requestid`, `x-request-id`) if present.
    pub request_id: Option<String>,
}

impl fmt::Debug for ApiErrorDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiErrorDetails")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("body", &self.body)
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl ApiErrorDetails {
    /// Details of an answer with HTTP `status` and nothing else; add the
    /// rest with the `with_*` methods. For tests of code that handles
    /// [`Error`]s:
    ///
    /// ```
    /// use once_sdk::{ApiErrorDetails, Error};
    /// let err = Error::api(ApiErrorDetails::new(404).with_code("NotFound").with_message("SIM not found"));
    /// assert_eq!(err.status(), Some(404));
    /// assert_eq!(err.code(), Some("NotFound"));
    /// ```
    pub fn new(status: u16) -> Self {
        Self {
            status,
            code: None,
            message: None,
            body: String::new(),
            request_id: None,
        }
    }

    /// With 1NCE's error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// With 1NCE's message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// With the raw response body.
    pub fn with_body(mut self, body: impl Into<String>) -> Self {
        self.body = body.into();
        self
    }

    /// With the request id the server sent back.
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }
}

impl fmt::Display for ApiErrorDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {}", one_line(code, SHORT_TEXT))?;
        }
        let text = match &self.message {
            Some(m) => one_line(m, 2 * SHORT_TEXT),
            None => body_summary(&self.body),
        };
        if !text.is_empty() {
            write!(f, ": {text}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A rejected input value: which field, and which rule it broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationError {
    /// The name of the field or parameter, as in the 1NCE API (`iccid`, `pageSize`).
    pub field: &'static str,
    /// The rule the value broke, in words.
    pub rule: String,
}

impl ValidationError {
    /// A validation error for `field` that broke `rule`.
    pub fn new(field: &'static str, rule: impl Into<String>) -> Self {
        Self {
            field,
            rule: rule.into(),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.rule)
    }
}

impl std::error::Error for ValidationError {}

/// Everything that can go wrong when talking to 1NCE.
///
/// The enum is `#[non_exhaustive]`: match the kinds you care about and keep a
/// catch-all arm. The variants with named fields are `#[non_exhaustive]`
/// too (match them with `..`); the one-value variants carry a type that can
/// grow on its own ([`ApiErrorDetails`] and [`ValidationError`] are
/// `#[non_exhaustive]`) or a message. Build any kind with the constructors
/// ([`Error::api`], [`Error::timeout`], ...), e.g. in tests. The predicates ([`Error::is_retryable`],
/// [`Error::is_timeout`], ...) and accessors ([`Error::status`],
/// [`Error::code`], ...) work across kinds.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input, rejected before anything was sent.
    #[error("{0}")]
    InvalidInput(#[from] ValidationError),

    /// Authentication failed: the token endpoint refused the credentials, or
    /// an API call was refused with 401 even with a freshly issued token.
    #[error("authentication failed: {details}")]
    #[non_exhaustive]
    Auth {
        /// What the server said.
        details: ApiErrorDetails,
    },

    /// The API answered 429 and the retry budget is spent (or retries are off).
    #[error("rate limited by 1NCE{}: {details}", retry_after_text(*.retry_after))]
    #[non_exhaustive]
    RateLimited {
        /// How long the server asked us to wait, from `Retry-After`.
        retry_after: Option<Duration>,
        /// What the server said.
        details: ApiErrorDetails,
    },

    /// The API answered with an error status.
    #[error("1NCE API error: {0}")]
    Api(ApiErrorDetails),

    /// What was asked for does not exist: 1NCE answered 404, or answered a
    /// call for one resource (a SIM, an order) with an empty, blank or
    /// `null` body (v1 does that for an unknown ICCID). Lists are never
    /// "not found": an empty list body is an empty page.
    #[error("not found: `{operation}` answered {}", not_found_text(.details))]
    #[non_exhaustive]
    NotFound {
        /// The operation that found nothing (e.g. `sims.get`).
        operation: &'static str,
        /// What the server said (status 404, or 200 with an empty body).
        details: Box<ApiErrorDetails>,
    },

    /// The call did not finish in time (per attempt or overall deadline).
    #[error("timed out: {0}")]
    Timeout(String),

    /// The request could not be sent or the response could not be read
    /// (DNS, connect, TLS, connection reset).
    #[error("transport error: {message}")]
    #[non_exhaustive]
    Transport {
        /// Description of the failure.
        message: String,
        /// The underlying error, when there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The response arrived but its body could not be decoded into the
    /// expected type.
    #[error("could not decode {what} (HTTP {status}): {}; body starts with: {:?}", one_line(.message, 200), crate::error::snippet(&one_line(.snippet, 200), 60))]
    #[non_exhaustive]
    Decode {
        /// What was being decoded (e.g. the operation name).
        what: String,
        /// HTTP status of the response.
        status: u16,
        /// The decoder's message.
        message: String,
        /// The first bytes of the body.
        snippet: String,
    },

    /// A call that costs money or changes state (top-up, SMS, order, reset,
    /// transfer, extension, support request) may or may not have been applied
    /// by 1NCE. It was not retried, because retrying could apply it twice.
    /// Check the state (e.g. list the SMS, read the quota) before trying again.
    #[error("outcome unknown for `{operation}`: the request may have been applied by 1NCE; it was not retried to avoid applying it twice ({cause})")]
    #[non_exhaustive]
    OutcomeUnknown {
        /// The operation whose outcome is unknown.
        operation: &'static str,
        /// What went wrong after the request was sent.
        #[source]
        cause: Box<Error>,
    },

    /// The response body is larger than
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes).
    /// Final: the same call would download it again, so it is not retried.
    /// The server did answer: for a call that costs money, a 2xx `status`
    /// means it was applied.
    #[error("the response to `{operation}` (HTTP {status}) exceeds the limit of {limit} bytes; not retried")]
    #[non_exhaustive]
    ResponseTooLarge {
        /// The operation whose answer was too large.
        operation: &'static str,
        /// HTTP status of the response.
        status: u16,
        /// The limit in bytes.
        limit: usize,
    },

    /// A list's stream was ended because the server sent a page it had
    /// already sent (it ignores `page`, or says `X-Current-Page` is an
    /// earlier page): going on would loop over the same items forever.
    #[error("`{operation}`: page {page} repeats page {repeats} (the server does not page as asked); the list was stopped there")]
    #[non_exhaustive]
    RepeatedPage {
        /// The list operation (e.g. `sims.list`).
        operation: &'static str,
        /// The page that was asked for.
        page: u32,
        /// The earlier page it repeats.
        repeats: u32,
    },

    /// The client was configured wrongly (bad base URL, missing credentials).
    #[error("configuration error: {0}")]
    Config(String),
}

fn not_found_text(details: &ApiErrorDetails) -> String {
    if (200..300).contains(&details.status) {
        format!("HTTP {} with an empty body", details.status)
    } else {
        details.to_string()
    }
}

fn retry_after_text(d: Option<Duration>) -> String {
    match d {
        Some(d) => format!(" (retry after {}s)", d.as_secs_f64()),
        None => String::new(),
    }
}

/// How many characters of a server's text an error's `Display` shows.
const SHORT_TEXT: usize = 100;

/// `s` on one line (runs of whitespace and control characters as one
/// space), cut to `max` characters.
pub(crate) fn one_line(s: &str, max: usize) -> String {
    let joined = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    snippet(&joined, max)
}

/// A short line for a body that is not a 1NCE error object: an HTML page's
/// `<title>` (or its text without tags), or the text itself, on one line.
pub(crate) fn body_summary(body: &str) -> String {
    let trimmed = body.trim_start();
    let lower = trimmed
        .get(..trimmed.len().min(512))
        .unwrap_or(trimmed)
        .to_ascii_lowercase();
    if !(lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body"))
    {
        return one_line(body, SHORT_TEXT);
    }
    if let Some(title) = html_element_text(body, "title").filter(|t| !t.trim().is_empty()) {
        return one_line(&title, SHORT_TEXT);
    }
    one_line(&strip_tags(body), SHORT_TEXT)
}

/// The text of the first `<tag>...</tag>` (ASCII case-insensitive).
fn html_element_text(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find(&format!("</{tag}"))?;
    Some(strip_tags(&html[start..end]))
}

/// `html` without its tags (and without `<head>`, `<script>`, `<style>`
/// content, which is no text to read).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len().min(4096));
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let after = &rest[lt..];
        let lower: String = after
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = ["head", "script", "style"].iter().find_map(|t| {
            let opens = lower.starts_with(&format!("<{t}"))
                && after[1 + t.len()..].starts_with(['>', ' ', '\t', '\n', '\r']);
            opens.then(|| format!("</{t}"))
        });
        rest = match skip_to {
            Some(close) => match after.to_ascii_lowercase().find(&close) {
                Some(i) => &after[i..],
                None => "",
            },
            None => after,
        };
        match rest.find('>') {
            Some(gt) => rest = &rest[gt + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The first `max` characters of `s`, on a char boundary.
pub(crate) fn snippet(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Constructors, for code that wraps the SDK and for tests of code that
/// handles its errors (every kind can be built; see the crate page "Testing
/// code that uses once-sdk").
impl Error {
    pub(crate) fn transport(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Error::Transport {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// [`Error::InvalidInput`]: `field` broke `rule`.
    pub fn invalid_input(field: &'static str, rule: impl Into<String>) -> Self {
        Error::InvalidInput(ValidationError::new(field, rule))
    }

    /// [`Error::Auth`] with what the server said.
    pub fn auth(details: ApiErrorDetails) -> Self {
        Error::Auth { details }
    }

    /// [`Error::RateLimited`]: a 429, with the server's `Retry-After`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use once_sdk::{ApiErrorDetails, Error};
    /// let err = Error::rate_limited(ApiErrorDetails::new(429), Some(Duration::from_secs(2)));
    /// assert!(err.is_retryable());
    /// assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));
    /// ```
    pub fn rate_limited(details: ApiErrorDetails, retry_after: Option<Duration>) -> Self {
        Error::RateLimited {
            retry_after,
            details,
        }
    }

    /// [`Error::Api`]: the API answered with an error status.
    pub fn api(details: ApiErrorDetails) -> Self {
        Error::Api(details)
    }

    /// [`Error::Timeout`] with a description.
    pub fn timeout(message: impl Into<String>) -> Self {
        Error::Timeout(message.into())
    }

    /// [`Error::Transport`] without an underlying error.
    pub fn transport_failure(message: impl Into<String>) -> Self {
        Error::Transport {
            message: message.into(),
            source: None,
        }
    }

    /// [`Error::Decode`]: the body of an answer with `status` did not decode
    /// as `what`.
    pub fn decode(
        what: impl Into<String>,
        status: u16,
        message: impl Into<String>,
        snippet: impl Into<String>,
    ) -> Self {
        Error::Decode {
            what: what.into(),
            status,
            message: message.into(),
            snippet: snippet.into(),
        }
    }

    /// [`Error::OutcomeUnknown`]: `operation` may have been applied; `cause`
    /// is what went wrong after it was sent.
    ///
    /// ```
    /// use once_sdk::Error;
    /// let err = Error::outcome_unknown("sms.send", Error::timeout("attempt timed out after 30s"));
    /// assert!(err.is_outcome_unknown() && err.is_timeout() && !err.is_retryable());
    /// ```
    pub fn outcome_unknown(operation: &'static str, cause: Error) -> Self {
        Error::OutcomeUnknown {
            operation,
            cause: Box::new(cause),
        }
    }

    /// A [`NotFound`](Error::NotFound) error: `operation` found nothing,
    /// with what the server said (e.g. `ApiErrorDetails::new(404)`).
    pub fn not_found(operation: &'static str, details: ApiErrorDetails) -> Self {
        Error::NotFound {
            operation,
            details: Box::new(details),
        }
    }

    /// A [`ResponseTooLarge`](Error::ResponseTooLarge) error: the answer to
    /// `operation` (HTTP `status`) was over `limit` bytes.
    pub fn response_too_large(operation: &'static str, status: u16, limit: usize) -> Self {
        Error::ResponseTooLarge {
            operation,
            status,
            limit,
        }
    }

    /// A [`RepeatedPage`](Error::RepeatedPage) error: the list
    /// `operation` got back for `page` what it had for page `repeats`.
    pub fn repeated_page(operation: &'static str, page: u32, repeats: u32) -> Self {
        Error::RepeatedPage {
            operation,
            page,
            repeats,
        }
    }

    /// [`Error::Config`] with a description.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config(message.into())
    }

    /// The API error details (status, code, message, body), if the server answered.
    pub fn details(&self) -> Option<&ApiErrorDetails> {
        match self {
            Error::Api(d) | Error::Auth { details: d } | Error::RateLimited { details: d, .. } => {
                Some(d)
            }
            Error::NotFound { details, .. } => Some(details),
            Error::OutcomeUnknown { cause, .. } => cause.details(),
            _ => None,
        }
    }

    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode { status, .. } | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => self.details().map(|d| d.status),
        }
    }

    /// 1NCE's error code (`BadCredentials`, `NotFound`, ...), if the body had one.
    pub fn code(&self) -> Option<&str> {
        self.details().and_then(|d| d.code.as_deref())
    }

    /// 1NCE's error message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.details().and_then(|d| d.message.as_deref())
    }

    /// The raw response body, if the server answered.
    pub fn body(&self) -> Option<&str> {
        self.details().map(|d| d.body.as_str())
    }

    /// The request id the server sent back, if any (quote it to 1NCE support).
    pub fn request_id(&self) -> Option<&str> {
        self.details().and_then(|d| d.request_id.as_deref())
    }

    /// How long the server asked us to wait (429 with `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The validation failure, if the input was rejected before sending.
    pub fn validation(&self) -> Option<&ValidationError> {
        match self {
            Error::InvalidInput(v) => Some(v),
            _ => None,
        }
    }

    /// True for timeouts (per attempt or overall).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout(_) => true,
            Error::OutcomeUnknown { cause, .. } => cause.is_timeout(),
            _ => false,
        }
    }

    /// True when what was asked for does not exist ([`Error::NotFound`]: a
    /// 404, or an empty body where one resource was expected).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// True when the outcome of a non-idempotent call is unknown.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown { .. })
    }

    /// True when the same call may succeed if tried again later: timeouts,
    /// transport failures, 429, and 500/502/503/504. Outcome-unknown errors are
    /// not retryable: find out what happened first.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Transport { .. } | Error::RateLimited { .. } => true,
            Error::Api(d) => matches!(d.status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }
}
