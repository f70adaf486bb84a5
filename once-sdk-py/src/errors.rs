//! `once_sdk::Error` to the Python exceptions of `once_sdk._errors`.

use once_sdk::{Error, ValidationError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS.get_or_try_init(py, || py.import("once_sdk._errors").map(Bound::unbind))?;
    module.bind(py).getattr(name)
}

/// Builds `name(text, **kwargs)` as a `PyErr`.
fn raise(py: Python<'_>, name: &str, text: String, kwargs: &Bound<'_, PyDict>) -> PyErr {
    match class(py, name).and_then(|cls| cls.call((text,), Some(kwargs))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// A `ValidationError` for `field` breaking `rule`.
pub(crate) fn validation(py: Python<'_>, v: &ValidationError) -> PyErr {
    let kwargs = PyDict::new(py);
    let fill = || -> PyResult<()> {
        kwargs.set_item("field", v.field)?;
        kwargs.set_item("rule", &v.rule)
    };
    if let Err(e) = fill() {
        return e;
    }
    let text = match python_argument(v.field) {
        // The message names the Python argument; `field` keeps the API's.
        Some(arg) => format!("invalid `{arg}` (1NCE's `{}`): {}", v.field, v.rule),
        None => v.to_string(),
    };
    raise(py, "ValidationError", text, &kwargs)
}

/// The Python argument for an API field the SDK spells differently.
fn python_argument(api_field: &str) -> Option<&'static str> {
    match api_field {
        "pageSize" | "per_page" => Some("page_size"),
        "q" => Some("filter"),
        _ => None,
    }
}

/// A `ConfigError` with `text`.
pub(crate) fn config(py: Python<'_>, text: impl Into<String>) -> PyErr {
    raise(py, "ConfigError", text.into(), &PyDict::new(py))
}

/// A plain `OnceError` with `text`.
pub(crate) fn once_error(py: Python<'_>, text: impl Into<String>) -> PyErr {
    raise(py, "OnceError", text.into(), &PyDict::new(py))
}

/// The Python exception for an SDK error: one class per kind, with the
/// structured details as attributes and the Rust `Display` text as message.
pub(crate) fn to_py(py: Python<'_>, err: Error) -> PyErr {
    if let Error::InvalidInput(v) = &err {
        return validation(py, v);
    }
    let text = match &err {
        Error::Config(_) => python_wording(&err.to_string()),
        _ => err.to_string(),
    };
    let kwargs = PyDict::new(py);
    // The class name, after filling in its keyword arguments.
    let built: PyResult<&str> = (|| {
        Ok(match &err {
            Error::Auth { .. }
            | Error::Api(_)
            | Error::RateLimited { .. }
            | Error::NotFound { .. } => {
                let Some(details) = err.details() else {
                    return Ok("OnceError");
                };
                kwargs.set_item("status", details.status)?;
                kwargs.set_item("code", details.code.as_deref())?;
                kwargs.set_item("message", details.message.as_deref())?;
                kwargs.set_item("body", &details.body)?;
                kwargs.set_item("request_id", details.request_id.as_deref())?;
                match &err {
                    Error::Auth { .. } => "AuthError",
                    Error::NotFound { .. } => "NotFoundError",
                    Error::RateLimited { retry_after, .. } => {
                        kwargs.set_item("retry_after", retry_after.map(|d| d.as_secs_f64()))?;
                        "RateLimitError"
                    }
                    _ => "ApiError",
                }
            }
            Error::Timeout(_) => "TimeoutError",
            Error::Transport { .. } => "TransportError",
            Error::Decode {
                what,
                status,
                snippet,
                ..
            } => {
                kwargs.set_item("status", *status)?;
                kwargs.set_item("what", what)?;
                kwargs.set_item("snippet", snippet)?;
                "DecodeError"
            }
            Error::OutcomeUnknown { operation, .. } => {
                kwargs.set_item("operation", *operation)?;
                "OutcomeUnknownError"
            }
            Error::Config(_) => "ConfigError",
            // InvalidInput is handled above; kinds added to the core later
            // are at least a OnceError with the core's message.
            _ => "OnceError",
        })
    })();
    let name = match built {
        Ok(name) => name,
        Err(e) => return e,
    };
    if let Error::OutcomeUnknown { cause, .. } = err {
        let cause = to_py(py, *cause);
        if let Err(e) = kwargs.set_item("cause", cause.value(py)) {
            return e;
        }
    }
    raise(py, name, text, &kwargs)
}

/// A configuration message of the Rust core in Python terms: the keyword
/// arguments (`base_url`, `proxy`, `client_id`) instead of Rust builder
/// methods, which Python users cannot call.
pub(crate) fn python_wording(text: &str) -> String {
    const WORDING: &[(&str, &str)] = &[
        (
            " (or danger_allow_insecure_http() in tests)",
            " (plain http is accepted only to loopback hosts, such as a Sandbox)",
        ),
        ("invalid base URL ", "base_url is not a valid URL: "),
        ("base URL ", "base_url "),
        ("invalid proxy URL ", "proxy is not a valid URL: "),
        (
            "credentials are required (Credentials::new(id, secret) or ONCE_CLIENT_ID/ONCE_CLIENT_SECRET)",
            "credentials are required (client_id= and client_secret=, or ONCE_CLIENT_ID and \
             ONCE_CLIENT_SECRET with Client.from_env())",
        ),
    ];
    let mut out = text.to_owned();
    for (rust, python) in WORDING {
        out = out.replace(rust, python);
    }
    out
}

/// `Result<T, once_sdk::Error>` to `PyResult<T>`.
pub(crate) trait IntoPyResult<T> {
    /// Converts the error into its Python exception.
    fn into_py_result(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn into_py_result(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}

/// The Python exception for an SDK error, built off the async runtime's
/// worker threads (building it needs the GIL, which the event loop holds).
pub(crate) async fn to_py_async(err: Error) -> PyErr {
    let fallback = err.to_string();
    match tokio::task::spawn_blocking(move || crate::runtime::attach(|py| to_py(py, err))).await {
        Ok(Some(e)) => e,
        // Python is shutting down; nobody is going to see this exception.
        Ok(None) => pyo3::exceptions::PyRuntimeError::new_err(fallback),
        Err(join) => pyo3::exceptions::PyRuntimeError::new_err(format!(
            "converting an error to Python failed: {join}"
        )),
    }
}
