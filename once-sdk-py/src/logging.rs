//! The SDK's `tracing` events to Python `logging`, logger `once_sdk`.
//!
//! Only the SDK's own events (targets `once_sdk::*`) are forwarded. Each
//! finished `once_sdk.call` span becomes one DEBUG record (`call
//! operation=sims.get method=GET path=/v2/sims/{iccid} attempt=1 status=200
//! latency_ms=3`); other events (retries, token refreshes, failures) carry the
//! fields of the call they belong to. The Rust core never records secrets or
//! tokens in events or spans, so nothing here needs redacting.
//!
//! The logger's level is read whenever a call starts (no GIL is taken for
//! events the logger would drop).

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU8, Ordering};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// The most verbose tracing level the `once_sdk` logger takes: 0 none,
/// 1 ERROR .. 5 TRACE.
static MAX_RANK: AtomicU8 = AtomicU8::new(0);

static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn logger(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    LOGGER
        .get_or_try_init(py, || {
            py.import("logging")?
                .call_method1("getLogger", ("once_sdk",))
                .map(Bound::unbind)
        })
        .map(|l| l.bind(py))
}

fn rank(level: &Level) -> u8 {
    match *level {
        Level::ERROR => 1,
        Level::WARN => 2,
        Level::INFO => 3,
        Level::DEBUG => 4,
        Level::TRACE => 5,
    }
}

fn python_level(level: &Level) -> u8 {
    match *level {
        Level::ERROR => 40,
        Level::WARN => 30,
        Level::INFO => 20,
        Level::DEBUG => 10,
        Level::TRACE => 5,
    }
}

/// Reads the effective level of the `once_sdk` logger.
pub(crate) fn sync_level(py: Python<'_>) {
    let level: i64 = logger(py)
        .and_then(|l| l.call_method0(pyo3::intern!(py, "getEffectiveLevel")))
        .and_then(|v| v.extract())
        .unwrap_or(30);
    let rank = match level {
        i64::MIN..=5 => 5,
        6..=10 => 4,
        11..=20 => 3,
        21..=30 => 2,
        31..=40 => 1,
        _ => 0,
    };
    MAX_RANK.store(rank, Ordering::Relaxed);
}

fn emit(level: &Level, text: String, fields: &[(&'static str, String)]) {
    let _ = crate::runtime::attach(|py| {
        if let Ok(l) = logger(py) {
            let kwargs = pyo3::types::PyDict::new(py);
            let extra = pyo3::types::PyDict::new(py);
            for (name, value) in fields {
                let key = extra_key(name);
                let _ = match value.parse::<i64>() {
                    Ok(n) => extra.set_item(key, n),
                    Err(_) => extra.set_item(key, value),
                };
            }
            let _ = kwargs.set_item("extra", extra);
            let _ = l.call_method("log", (python_level(level), text), Some(&kwargs));
        }
    });
}

/// The `extra` key of a field: its name, unless `logging.LogRecord` already
/// has an attribute of that name (then `once_` + name), which `logging`
/// would refuse.
fn extra_key(name: &'static str) -> std::borrow::Cow<'static, str> {
    const RESERVED: &[&str] = &[
        "name",
        "msg",
        "args",
        "levelname",
        "levelno",
        "pathname",
        "filename",
        "module",
        "exc_info",
        "exc_text",
        "stack_info",
        "lineno",
        "funcName",
        "created",
        "msecs",
        "relativeCreated",
        "thread",
        "threadName",
        "processName",
        "process",
        "taskName",
        "message",
        "asctime",
    ];
    if RESERVED.contains(&name) {
        std::borrow::Cow::Owned(format!("once_{name}"))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

#[derive(Default)]
struct Fields {
    message: Option<String>,
    pairs: Vec<(&'static str, String)>,
}

impl Fields {
    fn set(&mut self, name: &'static str, value: String) {
        if name == "message" {
            self.message = Some(value);
        } else if let Some(slot) = self.pairs.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            self.pairs.push((name, value));
        }
    }

    /// Adds the fields of `other` not set here yet (an event's own fields
    /// win over its spans', inner spans over outer ones).
    fn merge(&mut self, other: &Fields) {
        for (name, value) in &other.pairs {
            if !self.pairs.iter().any(|(n, _)| n == name) {
                self.pairs.push((name, value.clone()));
            }
        }
    }

    fn render(&self, out: &mut String) {
        for (name, value) in &self.pairs {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "{name}={value}");
        }
    }
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.set(field.name(), value.to_string());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.set(field.name(), format!("{value:?}"));
    }
}

const CALL_SPAN: &str = "once_sdk.call";

struct PyLogging;

fn ours(meta: &Metadata<'_>) -> bool {
    meta.target() == "once_sdk" || meta.target().starts_with("once_sdk::")
}

impl<S> Layer<S> for PyLogging
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if ours(meta) {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, meta: &Metadata<'_>, _ctx: Context<'_, S>) -> bool {
        ours(meta) && rank(meta.level()) <= MAX_RANK.load(Ordering::Relaxed)
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            let mut fields = Fields::default();
            attrs.record(&mut fields);
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(fields);
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        if let Some(scope) = ctx.event_scope(event) {
            // Innermost span first: its values win over the outer spans'.
            for span in scope {
                if let Some(f) = span.extensions().get::<Fields>() {
                    fields.merge(f);
                }
            }
        }
        let mut text = fields.message.clone().unwrap_or_default();
        fields.render(&mut text);
        emit(event.metadata().level(), text, &fields.pairs);
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        if span.name() != CALL_SPAN {
            return;
        }
        let mut text = String::from("call");
        let extensions = span.extensions();
        let pairs = match extensions.get::<Fields>() {
            Some(f) => {
                f.render(&mut text);
                f.pairs.as_slice()
            }
            None => &[],
        };
        emit(span.metadata().level(), text, pairs);
    }
}

/// Routes the SDK's tracing events to Python `logging` (once per process).
pub(crate) fn install(py: Python<'_>) {
    sync_level(py);
    let subscriber = tracing_subscriber::registry().with(PyLogging);
    // Already installed (module imported twice in one process): keep it.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
