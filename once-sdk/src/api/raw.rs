//! Raw calls: endpoints 1NCE adds before the SDK has a method for them,
//! through the same pipeline as every other call.

use std::borrow::Cow;

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::api::call::{request_builder, Call};
use crate::client::Client;
use crate::error::{Error, Result, ValidationError};
use crate::options::{CallOptions, ResponseMeta};
use crate::ratelimit::EndpointGroup;
use crate::transport::{seg, ApiRequest, RawResponse};

impl Client {
    /// A call to an endpoint the SDK does not cover yet, through the same
    /// pipeline as every other call: the bearer token (renewed on 401), the
    /// rate limit of the endpoint group the path falls in (`/v2/sims...`
    /// paces like `/sims`), retries by method (GET, PUT, DELETE, HEAD
    /// idempotent; POST and PATCH not, unless marked with
    /// [`RawRequest::idempotent`]), timeouts, the tracing span and error
    /// mapping ([`Error::Api`], [`Error::OutcomeUnknown`], ...).
    ///
    /// `path` is a template relative to the base URL; fill its `{name}`
    /// placeholders with [`RawRequest::param`] (each value is
    /// percent-encoded as one path segment). The template is what the
    /// tracing span shows, so ids stay out of it.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::reqwest::Method;
    /// let resp = client
    ///     .raw(Method::GET, "/v2/sims/{iccid}/quota/data")
    ///     .param("iccid", iccid.as_str())
    ///     .await?;
    /// let quota: serde_json::Value = resp.json()?;
    /// println!("{} (request id {:?})", quota["volume"], resp.meta().request_id());
    /// # Ok(()) }
    /// ```
    pub fn raw(&self, method: Method, path: &'static str) -> RawRequest {
        RawRequest::new(self, method, Ok(Cow::Borrowed(path)))
    }

    /// A raw call to a path known only at run time: a path below the base
    /// URL (`/v2/orders/1234`) or a full URL on the API's host, as 1NCE
    /// gives it in a `Location` header
    /// (`https://api.1nce.com/management-api/v2/orders/1234`). A URL on
    /// another host (or scheme, or port), or outside the base URL's path,
    /// is refused before anything is sent: the bearer token goes to the API
    /// only. The span and hooks see the path with its numbers and long ids
    /// as `{id}`, so ids stay out of metrics.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, location: String) -> Result<(), once_sdk::Error> {
    /// use once_sdk::reqwest::Method;
    /// let order: serde_json::Value = client.raw_url(Method::GET, &location).send_json().await?;
    /// # Ok(()) }
    /// ```
    pub fn raw_url(&self, method: Method, url: &str) -> RawRequest {
        let path = relative_path(self.base_url(), url);
        RawRequest::new(self, method, path.map(Cow::Owned))
    }
}

/// `url` (a path, or a full URL on the base URL's host) as a path below the
/// base URL.
fn relative_path(base: &reqwest::Url, url: &str) -> std::result::Result<String, String> {
    if url.starts_with('/') {
        return Ok(url.to_string());
    }
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| format!("must be a path starting with / or a URL, got {url:?}: {e}"))?;
    let same_origin = parsed.scheme() == base.scheme()
        && parsed.host_str() == base.host_str()
        && parsed.port_or_known_default() == base.port_or_known_default();
    if !same_origin {
        return Err(format!(
            "{url:?} is not on the API's host ({}): the token goes to the API only",
            base.origin().ascii_serialization()
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(format!(
            "{url:?} has a query or fragment: pass query parameters with .query()"
        ));
    }
    let base_path = base.path().trim_end_matches('/');
    match parsed.path().strip_prefix(base_path) {
        Some(rest) if rest.starts_with('/') => Ok(rest.to_string()),
        _ => Err(format!("{url:?} is not below the base URL {base}")),
    }
}

/// A path with its ids (all-digit segments, and long ones with digits)
/// as `{id}`: the span's and hooks' template of a run-time path.
fn template_of(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            let digits = seg.bytes().filter(u8::is_ascii_digit).count();
            if !seg.is_empty() && (digits == seg.len() || (seg.len() >= 16 && digits > 0)) {
                "{id}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A raw call, from [`Client::raw`]: `.await` it (or
/// [`send`](Self::send)) for an [`ApiResponse`].
#[derive(Debug)]
#[must_use = "a raw call does nothing until you .await it or call send()"]
pub struct RawRequest {
    client: Client,
    method: Method,
    /// The path template, or why the run-time URL was refused.
    template: std::result::Result<Cow<'static, str>, String>,
    params: Vec<(String, String)>,
    query: Vec<(&'static str, String)>,
    body: Option<Result<Vec<u8>, String>>,
    idempotent: bool,
    group: Option<EndpointGroup>,
    headers: Vec<(String, String)>,
    options: CallOptions,
}

/// Headers a raw call may not set: the SDK's own.
const RESERVED_HEADERS: [&str; 5] = [
    "authorization",
    "host",
    "content-length",
    "transfer-encoding",
    "user-agent",
];

impl RawRequest {
    fn new(
        client: &Client,
        method: Method,
        template: std::result::Result<Cow<'static, str>, String>,
    ) -> Self {
        RawRequest {
            client: client.clone(),
            idempotent: matches!(
                method,
                Method::GET | Method::PUT | Method::DELETE | Method::HEAD
            ),
            method,
            template,
            params: Vec::new(),
            query: Vec::new(),
            body: None,
            group: None,
            headers: Vec::new(),
            options: CallOptions::default(),
        }
    }

    /// Paces the call in `group` instead of the group of its path (every
    /// path has one: an unknown path falls in [`EndpointGroup::Other`]).
    pub fn group(mut self, group: EndpointGroup) -> Self {
        self.group = Some(group);
        self
    }

    /// Adds a header of your own (checked before sending: a valid name and
    /// value, and not one the SDK sets itself: `Authorization`, `Host`,
    /// `Content-Length`, `Transfer-Encoding`, `User-Agent`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Fills the `{name}` placeholder of the path with `value`
    /// (percent-encoded).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_vec(body).map_err(|e| e.to_string()));
        self
    }

    /// Whether the call is safe to send twice, which decides what is
    /// retried. By default GET, PUT, DELETE and HEAD are, POST and PATCH
    /// are not: a POST that costs money is then never repeated once it may
    /// have reached 1NCE. Mark a POST idempotent only when repeating it
    /// changes nothing (it sets a value rather than adding one).
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    fn path(&self) -> std::result::Result<String, ValidationError> {
        let t: &str = match &self.template {
            Ok(t) => t,
            Err(why) => return Err(ValidationError::new("url", why.clone())),
        };
        if !t.starts_with('/') || t.contains("://") || t.contains(['?', '#']) {
            return Err(ValidationError::new(
                "path",
                format!("must be a path below the base URL starting with / (query parameters through .query()), got {t:?}"),
            ));
        }
        let mut out = String::with_capacity(t.len());
        let mut used = vec![false; self.params.len()];
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                return Err(ValidationError::new(
                    "path",
                    format!("unclosed {{ in {t:?}"),
                ));
            };
            let name = &rest[open + 1..open + close];
            let Some(i) = self.params.iter().position(|(n, _)| n == name) else {
                return Err(ValidationError::new(
                    "path",
                    format!("placeholder {{{name}}} has no value: add .param({name:?}, ...)"),
                ));
            };
            let value = &self.params[i].1;
            if value.is_empty() {
                return Err(ValidationError::new(
                    "path",
                    format!("the value of {{{name}}} must not be empty"),
                ));
            }
            used[i] = true;
            out.push_str(&seg(value));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        if let Some(i) = used.iter().position(|u| !u) {
            return Err(ValidationError::new(
                "path",
                format!("{t:?} has no placeholder {{{}}}", self.params[i].0),
            ));
        }
        Ok(out)
    }

    fn checked_headers(
        &self,
    ) -> std::result::Result<Vec<(HeaderName, HeaderValue)>, ValidationError> {
        self.headers
            .iter()
            .map(|(name, value)| {
                let n = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    ValidationError::new("header", format!("{name:?} is not a header name"))
                })?;
                if RESERVED_HEADERS.contains(&n.as_str()) {
                    return Err(ValidationError::new(
                        "header",
                        format!("{name} is the SDK's to set"),
                    ));
                }
                let v = HeaderValue::from_str(value).map_err(|_| {
                    ValidationError::new(
                        "header",
                        format!("the value of {name} is not a valid header value"),
                    )
                })?;
                Ok((n, v))
            })
            .collect()
    }

    fn into_call(self) -> Call<ApiResponse> {
        let request = self.path().map_err(Error::from).and_then(|path| {
            let template = match &self.template {
                // A run-time path: its ids as `{id}` in spans and hooks.
                Ok(Cow::Owned(_)) => Cow::Owned(template_of(&path)),
                Ok(t) => t.clone(),
                Err(_) => unreachable!("path() refused it"),
            };
            let mut req =
                ApiRequest::new("raw", self.method.clone(), "", path).idempotent(self.idempotent);
            req.template = template;
            req.group = self.group;
            req.headers = self.checked_headers()?;
            req.query = self.query.clone();
            match &self.body {
                None => {}
                Some(Ok(bytes)) => req.body = Some(bytes.clone()),
                Some(Err(e)) => {
                    return Err(Error::InvalidInput(ValidationError::new(
                        "body",
                        format!("does not serialize as JSON: {e}"),
                    )))
                }
            }
            Ok(req)
        });
        Call::new(&self.client, request, response).with_options(self.options)
    }

    /// Sends the call and decodes the JSON body as `T`.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T> {
        self.send().await?.json()
    }
}

request_builder!(RawRequest => ApiResponse);

fn response(resp: &RawResponse, _: &'static str) -> Result<ApiResponse> {
    Ok(ApiResponse {
        meta: resp.meta(),
        body: resp.body.clone(),
    })
}

/// The answer to a raw call: its metadata and the body as received.
#[derive(Clone, Debug)]
pub struct ApiResponse {
    meta: ResponseMeta,
    body: Bytes,
}

impl ApiResponse {
    /// An answer with this metadata and body (for tests).
    pub fn new(meta: ResponseMeta, body: impl Into<Bytes>) -> Self {
        Self {
            meta,
            body: body.into(),
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// Status, request id, rate-limit headers, every header.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The body as received.
    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// The body decoded as JSON into `T` (an empty body reads as `null`).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| Error::Decode {
            what: "raw response".into(),
            status: self.status(),
            message: e.to_string(),
            snippet: crate::error::snippet(&String::from_utf8_lossy(&self.body), 200),
        })
    }
}
