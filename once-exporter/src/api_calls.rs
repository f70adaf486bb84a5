//! Counts the SDK's API calls from its `once_sdk.call` tracing spans (one
//! span per call; `attempt` is recorded as each attempt starts, `status` as
//! its answer arrives): requests by operation and status, retries, 429s and
//! token requests, without touching the SDK.

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::Subscriber;
use tracing_subscriber::filter::{filter_fn, FilterFn, Filtered};
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use crate::health::{CallLabels, Health, OperationLabels};

/// The SDK's span for one call.
const CALL_SPAN: &str = "once_sdk.call";
/// The SDK's operation name of a token request.
const TOKEN_OPERATION: &str = "oauth.token";

/// A tracing layer that feeds [`Health`] from the SDK's call spans.
#[derive(Debug, Clone)]
pub struct ApiCallLayer {
    health: Health,
}

impl ApiCallLayer {
    /// A layer counting into `health`.
    pub fn new(health: Health) -> Self {
        Self { health }
    }

    /// The layer, seeing only the SDK's spans and events (so that other
    /// crates' debug and trace records are not enabled for it).
    pub fn sdk_only<S>(self) -> Filtered<Self, FilterFn, S>
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        self.with_filter(filter_fn(|m| m.target().starts_with("once_sdk")))
    }

    fn count(&self, operation: &str, status: &str) {
        self.health
            .api_requests
            .get_or_create(&CallLabels {
                operation: operation.to_string(),
                status: status.to_string(),
            })
            .inc();
    }
}

/// Per-span state: the operation and whether the current attempt still
/// waits for its status.
struct CallState {
    operation: String,
    awaiting_status: bool,
}

#[derive(Default)]
struct Fields {
    operation: Option<String>,
    attempt: Option<u64>,
    status: Option<u64>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "operation" {
            self.operation = Some(value.to_string());
        }
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        match field.name() {
            "attempt" => self.attempt = Some(value),
            "status" => self.status = Some(value),
            _ => {}
        }
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        if let Ok(v) = u64::try_from(value) {
            self.record_u64(field, v);
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "operation" {
            self.operation = Some(format!("{value:?}").trim_matches('"').to_string());
        }
    }
}

impl<S> Layer<S> for ApiCallLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != CALL_SPAN {
            return;
        }
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(CallState {
                operation: fields.operation.unwrap_or_else(|| "unknown".into()),
                awaiting_status: false,
            });
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        let mut ext = span.extensions_mut();
        let Some(state) = ext.get_mut::<CallState>() else {
            return;
        };
        let mut fields = Fields::default();
        values.record(&mut fields);
        if let Some(attempt) = fields.attempt {
            if state.awaiting_status {
                // The previous attempt ended without an answer.
                self.count(&state.operation, "error");
            }
            state.awaiting_status = true;
            if attempt > 1 {
                self.health
                    .api_retries
                    .get_or_create(&OperationLabels {
                        operation: state.operation.clone(),
                    })
                    .inc();
            }
            if state.operation == TOKEN_OPERATION {
                self.health.token_requests.inc();
            }
        }
        if let Some(status) = fields.status {
            if state.awaiting_status {
                state.awaiting_status = false;
                self.count(&state.operation, &status.to_string());
                if status == 429 {
                    self.health.api_throttled.inc();
                }
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let ext = span.extensions();
        if let Some(state) = ext.get::<CallState>() {
            if state.awaiting_status {
                self.count(&state.operation, "error");
            }
        }
    }
}
