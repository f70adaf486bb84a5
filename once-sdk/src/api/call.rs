//! [`Call`]: the request builder of every single-resource operation, and
//! the macro that gives every request builder the same shape (per-call
//! options, `send`, `send_with_meta`, `IntoFuture`).

use std::fmt;

use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::options::CallOptions;
use crate::transport::{ApiRequest, RawResponse};

/// Turns a successful response into the call's value.
pub(crate) type Decoder<T> = fn(&RawResponse, &'static str) -> Result<T>;

/// The JSON body as `T`.
pub(crate) fn json<T: DeserializeOwned>(resp: &RawResponse, op: &'static str) -> Result<T> {
    resp.decode(op)
}

/// Nothing to read: 200/201/204, possibly with an empty body.
pub(crate) fn empty(_: &RawResponse, _: &'static str) -> Result<()> {
    Ok(())
}

/// One API call, ready to send: `.await` it (or call [`send`](Self::send)),
/// or [`send_with_meta`](Self::send_with_meta) for the response metadata
/// too. Set a timeout or a retry policy for this call alone with the
/// builder methods (see [`options`](crate::options)).
///
/// ```no_run
/// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
/// use std::time::Duration;
/// let sim = client.sims().get(&iccid).await?;
/// let (quota, meta) = client
///     .sims()
///     .data_quota(&iccid)
///     .operation_timeout(Duration::from_secs(5))
///     .send_with_meta()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until you .await it or call send()"]
pub struct Call<T> {
    client: Client,
    request: Result<ApiRequest>,
    decode: Decoder<T>,
    options: CallOptions,
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Call");
        match &self.request {
            Ok(r) => d
                .field("operation", &r.operation)
                .field("method", &r.method)
                .field("path", &r.path),
            Err(e) => d.field("invalid", e),
        };
        d.field("options", &self.options).finish()
    }
}

impl<T> Call<T> {
    pub(crate) fn new(client: &Client, request: Result<ApiRequest>, decode: Decoder<T>) -> Self {
        Self {
            client: client.clone(),
            request,
            decode,
            options: CallOptions::default(),
        }
    }

    /// A call that fails with `err` when sent (bad input: nothing is sent).
    pub(crate) fn invalid(client: &Client, err: impl Into<Error>, decode: Decoder<T>) -> Self {
        Self::new(client, Err(err.into()), decode)
    }

    /// Sets the call's options (used by the builders that wrap a `Call`).
    pub(crate) fn with_options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    fn into_call(self) -> Call<T> {
        self
    }

    /// The request this call would send, without sending it (for dry
    /// runs): the SDK's own checks of the input run, so bad input is the
    /// same [`Error::InvalidInput`] that
    /// sending would give. Secrets the body carries (pre-shared keys,
    /// webhook header values, partner keys) are `[redacted]`.
    pub fn preview(self) -> Result<RequestPreview> {
        self.request.map(|r| RequestPreview::of(&r))
    }

    /// Sends the call; returns the value and the response it came from,
    /// whose metadata is built only when asked for (`send_with_meta`).
    pub(crate) async fn run(self) -> Result<(T, RawResponse)> {
        let req = self.request?;
        let op = req.operation;
        let resp = self.client.execute_with(req, &self.options).await?;
        let value = (self.decode)(&resp, op)?;
        Ok((value, resp))
    }
}

/// The per-call option methods of a builder with an `options: CallOptions`
/// field.
macro_rules! call_options {
    ($ty:ident $(<$g:ident>)?) => {
        impl$(<$g>)? $ty$(<$g>)? {
            /// This call's attempt timeout (`None`: no limit), instead of
            /// the client's. See [`options`](crate::options).
            pub fn attempt_timeout(mut self, d: impl Into<Option<std::time::Duration>>) -> Self {
                self.options = self.options.attempt_timeout(d);
                self
            }

            /// This call's overall deadline, retries included (`None`: no
            /// deadline), instead of the client's. See [`options`](crate::options).
            pub fn operation_timeout(mut self, d: impl Into<Option<std::time::Duration>>) -> Self {
                self.options = self.options.operation_timeout(d);
                self
            }

            /// This call's retry policy, instead of the client's. Which
            /// failures are retried still depends on the call: a call that
            /// costs money is never sent twice. See [`options`](crate::options).
            pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
                self.options = self.options.retry_policy(policy);
                self
            }

            /// Sets this call's options at once (on top of any set before).
            pub fn options(mut self, options: $crate::CallOptions) -> Self {
                self.options = options.over(&self.options);
                self
            }
        }
    };
}
pub(crate) use call_options;

/// Gives a request builder with an `options: CallOptions` field and an
/// `into_call(self) -> Call<T>` method the common shape: the per-call
/// option methods, `send`, `send_with_meta` and `IntoFuture`.
macro_rules! request_builder {
    ($ty:ident $(<$g:ident>)? => $out:ty) => {
        $crate::api::call::call_options!($ty $(<$g>)?);

        impl$(<$g: Send + 'static>)? $ty$(<$g>)? {
            /// Sends the call (the same as `.await`).
            pub async fn send(self) -> $crate::Result<$out> {
                self.into_call().run().await.map(|(value, _)| value)
            }

            /// Sends the call; returns the value and the response metadata
            /// (status, request id, rate-limit headers).
            pub async fn send_with_meta(self) -> $crate::Result<($out, $crate::ResponseMeta)> {
                let (value, resp) = self.into_call().run().await?;
                Ok((value, resp.into_meta()))
            }
        }

        impl$(<$g: Send + 'static>)? std::future::IntoFuture for $ty$(<$g>)? {
            type Output = $crate::Result<$out>;
            type IntoFuture = futures::future::BoxFuture<'static, $crate::Result<$out>>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
pub(crate) use request_builder;

request_builder!(Call<T> => T);

/// A request as the SDK would send it, from [`Call::preview`] and
/// [`Submit::preview`](crate::Submit::preview): what a dry run shows.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RequestPreview {
    /// The SDK's name of the operation, e.g. `os.devices.send_udp`.
    pub operation: &'static str,
    /// The HTTP method, in capitals.
    pub method: String,
    /// The path with its parameters filled in (percent-encoded) and the
    /// query, if any (`/v1/locate/geofences?name=depot`).
    pub path: String,
    /// The JSON body, with every secret it carries replaced by
    /// `[redacted]`.
    pub body: Option<serde_json::Value>,
}

impl RequestPreview {
    pub(crate) fn of(r: &ApiRequest) -> Self {
        let mut path = r.path.clone();
        if !r.query.is_empty() {
            if let Ok(mut u) = reqwest::Url::parse("http://preview/") {
                u.query_pairs_mut()
                    .extend_pairs(r.query.iter().map(|(k, v)| (*k, v.as_str())));
                path.push('?');
                path.push_str(u.query().unwrap_or_default());
            }
        }
        let body = r.body.as_deref().map(|b| {
            let mut v = serde_json::from_slice(b)
                .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(b).into()));
            redact_secrets(&mut v, &r.secrets);
            v
        });
        Self {
            operation: r.operation,
            method: r.method.as_str().to_string(),
            path,
            body,
        }
    }
}

/// Replaces every string of `v` that is one of `secrets` (or holds one).
fn redact_secrets(v: &mut serde_json::Value, secrets: &[String]) {
    use serde_json::Value;
    match v {
        Value::String(s)
            if secrets
                .iter()
                .any(|x| !x.is_empty() && s.contains(x.as_str())) =>
        {
            *s = "[redacted]".to_string();
        }
        Value::Array(a) => a.iter_mut().for_each(|x| redact_secrets(x, secrets)),
        Value::Object(m) => m.values_mut().for_each(|x| redact_secrets(x, secrets)),
        _ => {}
    }
}
