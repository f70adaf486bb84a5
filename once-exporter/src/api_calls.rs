//! Counts the SDK's API calls from its tracing: one `once_sdk.call` span per
//! call names the operation, and one `once_sdk::attempt` event per attempt
//! inside it carries `attempt` (from 1) and `status` (absent when the attempt
//! got no answer). From them: requests by operation and status, retries,
//! 429s and token requests, without touching the SDK.

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
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

/// Per-span state: the call's operation.
struct CallState {
    operation: String,
}

/// The SDK's per-attempt event target.
const ATTEMPT_TARGET: &str = "once_sdk::attempt";

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
            });
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != ATTEMPT_TARGET {
            return;
        }
        let Some(span) = ctx.event_span(event) else {
            return;
        };
        let ext = span.extensions();
        let Some(state) = ext.get::<CallState>() else {
            return;
        };
        let mut fields = Fields::default();
        event.record(&mut fields);
        match fields.status {
            Some(status) => {
                self.count(&state.operation, &status.to_string());
                if status == 429 {
                    self.health.api_throttled.inc();
                }
            }
            None => self.count(&state.operation, "error"),
        }
        if fields.attempt.is_some_and(|a| a > 1) {
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
}
