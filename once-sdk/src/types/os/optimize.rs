//! Optimizer: energy-saver translation templates and their savings.

use super::{os_model, OsProtocol, TemplateId};
use crate::types::string_enum;

string_enum!(
    /// Whether a template is applied.
    TemplateStatus {
        /// Applied to incoming messages.
        Active = "ACTIVE",
        /// Not applied.
        Inactive = "INACTIVE",
    }
);

string_enum!(
    /// The period of the savings figures.
    SavingsRange {
        /// The last day.
        Day = "1",
        /// The last 7 days.
        Week = "7",
        /// The last 30 days.
        Month = "30",
    }
);

os_model!(
    /// A translation template of the energy saver.
    Template {
        /// Its id.
        id: TemplateId = "id",
        /// Its name.
        name: String = "name",
        /// The template.
        template: String = "template",
        /// Active or inactive.
        status: TemplateStatus = "status",
        /// The protocols it applies to (CoAP, UDP).
        #[serde(deserialize_with = "crate::types::de::opt_one_or_many")]
        protocol_filter: Vec<OsProtocol> = "protocolFilter",
    }
);

os_model!(
    /// A new template, or a change of one (only the fields set are sent).
    TemplateInput {
        /// Its name.
        name: String = "name",
        /// The template.
        template: String = "template",
        /// The protocols it applies to (CoAP, UDP).
        #[serde(deserialize_with = "crate::types::de::opt_one_or_many")]
        protocol_filter: Vec<OsProtocol> = "protocolFilter",
        /// Active or inactive.
        status: TemplateStatus = "status",
    }
);

impl TemplateInput {
    /// A new template `name` for `protocols`.
    pub fn new(
        name: impl Into<String>,
        template: impl Into<String>,
        protocols: Vec<OsProtocol>,
    ) -> Self {
        Self {
            name: Some(name.into()),
            template: Some(template.into()),
            protocol_filter: Some(protocols),
            status: None,
        }
    }
}

os_model!(
    /// A payload to translate with a template, as a test.
    TranslationTest {
        /// The template.
        template: String = "template",
        /// The payload.
        payload: String = "payload",
    }
);

impl TranslationTest {
    /// `payload` through `template`.
    pub fn new(template: impl Into<String>, payload: impl Into<String>) -> Self {
        Self {
            template: Some(template.into()),
            payload: Some(payload.into()),
        }
    }
}

os_model!(
    /// What a test translation gave.
    Translation {
        /// The translated payload.
        translated_payload: String = "translatedPayload",
        /// Bytes saved.
        reduced_bytes: f64 = "reducedBytes",
        /// Energy saved, in percent.
        energy_usage_reduction: f64 = "energyUsageReduction",
    }
);

os_model!(
    /// A figure and its change over the period before.
    Trend {
        /// The figure.
        value: f64 = "value",
        /// Its change.
        delta: f64 = "delta",
    }
);

os_model!(
    /// The energy saver's figures over a period.
    Savings {
        /// Messages translated.
        messages_translated: Trend = "messagesTranslated",
        /// Bytes saved per message on average.
        average_bytes_reduced_per_message: Trend = "averageBytesReducedPerMessage",
        /// Bytes saved.
        bytes_saved: Trend = "bytesSaved",
    }
);
