//! Raw calls: endpoints 1NCE adds before the SDK has a method for them,
//! through the same pipeline as every other call.

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::api::call::{request_builder, Call};
use crate::client::Client;
use crate::error::{Error, Result, ValidationError};
use crate::options::{CallOptions, ResponseMeta};
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
        RawRequest {
            client: self.clone(),
            idempotent: matches!(
                method,
                Method::GET | Method::PUT | Method::DELETE | Method::HEAD
            ),
            method,
            template: path,
            params: Vec::new(),
            query: Vec::new(),
            body: None,
            options: CallOptions::default(),
        }
    }
}

/// A raw call, from [`Client::raw`]: `.await` it (or
/// [`send`](Self::send)) for an [`ApiResponse`].
#[derive(Debug)]
#[must_use = "a raw call does nothing until you .await it or call send()"]
pub struct RawRequest {
    client: Client,
    method: Method,
    template: &'static str,
    params: Vec<(String, String)>,
    query: Vec<(&'static str, String)>,
    body: Option<Result<Vec<u8>, String>>,
    idempotent: bool,
    options: CallOptions,
}

impl RawRequest {
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
        let t = self.template;
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

    fn into_call(self) -> Call<ApiResponse> {
        let request = self.path().map_err(Error::from).and_then(|path| {
            let mut req = ApiRequest::new("raw", self.method.clone(), self.template, path)
                .idempotent(self.idempotent);
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
