//! IoT Integrator, the cloud side: AWS and webhook integrations.

use super::{os_model, IntegrationId, OutcomeStatus, WebhookHeaders};
use crate::types::string_enum;
use crate::types::Timestamp;

string_enum!(
    /// Where an integration stands.
    IntegrationState {
        /// Being rolled out.
        RolloutStarted = "ROLLOUT_STARTED",
        /// Rolled out.
        RolloutDone = "ROLLOUT_DONE",
        /// The rollout failed.
        RolloutFailed = "ROLLOUT_FAILED",
        /// Forwarding data.
        IntegrationActive = "INTEGRATION_ACTIVE",
        /// Failing to forward data.
        IntegrationFailed = "INTEGRATION_FAILED",
    }
);

string_enum!(
    /// The kind of an integration.
    IntegrationType {
        /// AWS (a CloudFormation stack in your account).
        Aws = "AWS",
        /// A webhook.
        Webhook = "WEBHOOK",
    }
);

string_enum!(
    /// A kind of event an integration forwards.
    OsEventType {
        /// Device data.
        TelemetryData = "TELEMETRY_DATA",
        /// Device lifecycle.
        Lifecycle = "LIFECYCLE",
        /// Errors.
        Error = "ERROR",
        /// Geofence enter/exit.
        Geofence = "GEOFENCE",
        /// Positions.
        Location = "LOCATION",
        /// A test message.
        TestMessage = "TEST_MESSAGE",
    }
);

os_model!(
    /// An event type an integration forwards, in a version.
    EventSubscription {
        /// The event type.
        event_type: OsEventType = "type",
        /// Its version.
        version: String = "version",
    }
);

impl EventSubscription {
    /// `event_type` in its current version.
    pub fn new(event_type: OsEventType) -> Self {
        Self {
            event_type: Some(event_type),
            version: None,
        }
    }
}

os_model!(
    /// A cloud integration (AWS or webhook).
    Integration {
        /// Its id.
        id: IntegrationId = "id",
        /// Its name.
        name: String = "name",
        /// The event types it forwards.
        event_types: Vec<EventSubscription> = "eventTypes",
        /// Where it stands.
        state: IntegrationState = "state",
        /// AWS or webhook.
        integration_type: IntegrationType = "type",
        /// When data last got through.
        last_successful_message_delivery: Timestamp = "lastSuccessfulMessageDelivery",
        /// The AWS account (AWS).
        aws_account_id: String = "awsAccountId",
        /// The AWS region (AWS).
        region: String = "region",
        /// The last error.
        error: String = "error",
        /// The token of the CloudFormation stack (AWS).
        jwt: String = "jwt",
        /// When it was created.
        created_time: Timestamp = "createdTime",
        /// When it last changed.
        updated_time: Timestamp = "updatedTime",
        /// The URL it posts to (webhook).
        url: String = "url",
        /// Its custom headers (webhook; values redacted in `Debug`).
        headers: WebhookHeaders = "headers",
        /// Whether payloads are sent as JSON.
        json_payload_enabled: bool = "jsonPayloadEnabled",
    }
);

os_model!(
    /// A new AWS integration (`POST /v1/integrate/clouds/aws`).
    NewAwsIntegration {
        /// Its name.
        name: String = "name",
        /// The event types to forward.
        event_types: Vec<EventSubscription> = "eventTypes",
        /// Whether payloads are sent as JSON.
        json_payload_enabled: bool = "jsonPayloadEnabled",
    }
);

impl NewAwsIntegration {
    /// An integration `name` forwarding `event_types`.
    pub fn new(name: impl Into<String>, event_types: Vec<EventSubscription>) -> Self {
        Self {
            name: Some(name.into()),
            event_types: Some(event_types),
            json_payload_enabled: None,
        }
    }
}

os_model!(
    /// A new webhook integration (`POST /v1/integrate/clouds/webhooks`).
    NewWebhookIntegration {
        /// Its name.
        name: String = "name",
        /// The URL to post to.
        url: String = "url",
        /// Custom headers sent with every post (values are secrets).
        headers: WebhookHeaders = "headers",
        /// The event types to forward.
        event_types: Vec<EventSubscription> = "eventTypes",
        /// Whether payloads are sent as JSON.
        json_payload_enabled: bool = "jsonPayloadEnabled",
    }
);

impl NewWebhookIntegration {
    /// A webhook `name` posting `event_types` to `url` with `headers`.
    pub fn new(
        name: impl Into<String>,
        url: impl Into<String>,
        headers: WebhookHeaders,
        event_types: Vec<EventSubscription>,
    ) -> Self {
        Self {
            name: Some(name.into()),
            url: Some(url.into()),
            headers: Some(headers),
            event_types: Some(event_types),
            json_payload_enabled: None,
        }
    }
}

os_model!(
    /// A change of an integration (only the fields set are sent).
    IntegrationUpdate {
        /// A new URL (webhook).
        url: String = "url",
        /// New custom headers (webhook; values are secrets).
        headers: WebhookHeaders = "headers",
        /// New event types.
        event_types: Vec<EventSubscription> = "eventTypes",
        /// Whether payloads are sent as JSON.
        json_payload_enabled: bool = "jsonPayloadEnabled",
    }
);

os_model!(
    /// A version of the CloudFormation template of AWS integrations.
    CloudFormationTemplate {
        /// Its version.
        version: String = "version",
        /// Where it is.
        url: String = "url",
    }
);

os_model!(
    /// The CloudFormation templates for AWS integrations.
    AwsParameters {
        /// The templates, by version.
        aws_integration: Vec<CloudFormationTemplate> = "awsIntegration",
    }
);

os_model!(
    /// What restarting an integration did.
    IntegrationRestart {
        /// The integration.
        integration: Integration = "integration",
        /// Success or failure.
        restart_status: OutcomeStatus = "restartStatus",
        /// 1NCE's message.
        message: String = "message",
    }
);

os_model!(
    /// What a test message through an integration did.
    IntegrationTest {
        /// Success or failure.
        test_status: OutcomeStatus = "testStatus",
        /// 1NCE's message.
        message: String = "message",
    }
);

os_model!(
    /// An event type integrations can forward.
    EventTypeInfo {
        /// Its name.
        name: OsEventType = "name",
        /// What it is.
        description: String = "description",
        /// Its version.
        version: String = "version",
        /// An example payload.
        payload: serde_json::Map<String, serde_json::Value> = "payload",
    }
);

os_model!(
    /// The event types integrations can forward.
    EventTypes {
        /// The event types.
        event_types: Vec<EventTypeInfo> = "eventTypes",
    }
);
