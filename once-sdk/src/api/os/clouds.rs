//! IoT Integrator, cloud side: `client.os().integrations()`.

use super::*;
use crate::types::os::{
    AwsParameters, EventTypes, Integration, IntegrationId, IntegrationRestart, IntegrationTest,
    IntegrationUpdate, NewAwsIntegration, NewWebhookIntegration, WebhookHeaders,
};

/// Cloud integrations (AWS, webhooks), from [`Os::integrations`]. Webhook
/// header values are secrets: redacted in `Debug`, scrubbed from errors.
#[derive(Clone, Debug)]
pub struct Integrations {
    client: Client,
}

fn check_id(id: &IntegrationId) -> std::result::Result<(), ValidationError> {
    non_empty("integrationId", id.as_str())
}

fn check_url(url: &str) -> std::result::Result<(), ValidationError> {
    match reqwest::Url::parse(url) {
        Ok(u) if u.scheme() == "https" || u.scheme() == "http" => Ok(()),
        _ => Err(ValidationError::new(
            "url",
            format!("must be an http(s) URL, got {url:?}"),
        )),
    }
}

/// The request, with the webhook header values marked secret.
fn with_headers(req: Result<ApiRequest>, headers: Option<&WebhookHeaders>) -> Result<ApiRequest> {
    let mut req = req?;
    for (_, v) in headers.into_iter().flat_map(WebhookHeaders::iter) {
        req = req.secret(v.expose());
    }
    Ok(req)
}

impl Integrations {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The integrations (AWS and webhooks).
    ///
    /// `GET /v1/integrate/clouds`. Read-only.
    pub fn list(&self) -> List<Integration> {
        list(&self.client, unpaged(&INTEGRATIONS), &INTEGRATIONS, &[])
    }

    /// One integration.
    ///
    /// `GET /v1/integrate/clouds/{integrationId}`. Read-only.
    pub fn get(&self, id: &IntegrationId) -> Call<Integration> {
        match check_id(id) {
            Ok(()) => plain(&self.client, &INTEGRATION, &[id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Changes an integration (only the fields set are sent).
    ///
    /// `PATCH /v1/integrate/clouds/{integrationId}`. Sets values: retried
    /// on transient failures.
    pub fn update(&self, id: &IntegrationId, change: &IntegrationUpdate) -> Call<Integration> {
        self.patch(&UPDATE_INTEGRATION, id, change)
    }

    /// Changes a webhook integration (only the fields set are sent).
    ///
    /// `PATCH /v1/integrate/clouds/webhooks/{integrationId}`. Retried on
    /// transient failures.
    pub fn update_webhook(
        &self,
        id: &IntegrationId,
        change: &IntegrationUpdate,
    ) -> Call<Integration> {
        self.patch(&UPDATE_WEBHOOK, id, change)
    }

    fn patch(
        &self,
        op: &'static OsOperation,
        id: &IntegrationId,
        change: &IntegrationUpdate,
    ) -> Call<Integration> {
        let check = check_id(id)
            .and_then(|_| change.url.as_deref().map_or(Ok(()), check_url))
            .and_then(|_| {
                if change == &IntegrationUpdate::default() {
                    Err(ValidationError::new(
                        "change",
                        "must change url, headers, eventTypes or jsonPayloadEnabled",
                    ))
                } else {
                    Ok(())
                }
            });
        if let Err(e) = check {
            return Call::invalid(&self.client, e, call::json);
        }
        let req = with_headers(
            op.request(&[id.as_str()]).json(change),
            change.headers.as_ref(),
        );
        Call::new(&self.client, req, call::json)
    }

    /// Deletes an integration (AWS or webhook).
    ///
    /// `DELETE /v1/integrate/clouds/{integrationId}`. Tears down cloud
    /// resources: never retried once it may have reached 1NCE.
    pub fn delete(&self, id: &IntegrationId) -> Call<()> {
        match check_id(id) {
            Ok(()) => Call::new(
                &self.client,
                Ok(DELETE_INTEGRATION.request(&[id.as_str()])),
                call::empty,
            ),
            Err(e) => Call::invalid(&self.client, e, call::empty),
        }
    }

    /// The event types integrations can forward.
    ///
    /// `GET /v1/integrate/clouds/eventTypes`. Read-only.
    pub fn event_types(&self) -> Call<EventTypes> {
        plain(&self.client, &EVENT_TYPES, &[])
    }

    /// The CloudFormation templates of AWS integrations.
    ///
    /// `GET /v1/integrate/clouds/aws/parameters`. Read-only.
    pub fn aws_parameters(&self) -> Call<AwsParameters> {
        plain(&self.client, &AWS_PARAMETERS, &[])
    }

    /// Creates an AWS integration.
    ///
    /// `POST /v1/integrate/clouds/aws`. Never retried once it may have
    /// reached 1NCE (a retry would create a second one).
    pub fn create_aws(&self, new: &NewAwsIntegration) -> Call<Integration> {
        let check = non_empty("name", new.name.as_deref().unwrap_or("")).and_then(|_| {
            match &new.event_types {
                Some(t) if !t.is_empty() => Ok(()),
                _ => Err(ValidationError::new(
                    "eventTypes",
                    "must name at least one event type",
                )),
            }
        });
        match check {
            Ok(()) => with_body(&self.client, &CREATE_AWS, &[], new, call::json),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Creates a webhook integration: 1NCE posts the events to `url` with
    /// the custom headers (their values are secrets).
    ///
    /// `POST /v1/integrate/clouds/webhooks`. Never retried once it may have
    /// reached 1NCE (a retry would create a second one).
    pub fn create_webhook(&self, new: &NewWebhookIntegration) -> Call<Integration> {
        let check = non_empty("name", new.name.as_deref().unwrap_or(""))
            .and_then(|_| check_url(new.url.as_deref().unwrap_or("")))
            .and_then(|_| match &new.event_types {
                Some(t) if !t.is_empty() => Ok(()),
                _ => Err(ValidationError::new(
                    "eventTypes",
                    "must name at least one event type",
                )),
            });
        if let Err(e) = check {
            return Call::invalid(&self.client, e, call::json);
        }
        let mut new = new.clone();
        new.headers.get_or_insert_with(WebhookHeaders::new);
        let req = with_headers(CREATE_WEBHOOK.request(&[]).json(&new), new.headers.as_ref());
        Call::new(&self.client, req, call::json)
    }

    /// Restarts a failed AWS integration.
    ///
    /// `POST /v1/integrate/clouds/aws/{integrationId}/restart`. Never
    /// retried once it may have reached 1NCE.
    pub fn restart_aws(&self, id: &IntegrationId) -> Call<IntegrationRestart> {
        self.post(&RESTART_AWS, id)
    }

    /// Sends a test message through an AWS integration.
    ///
    /// `POST /v1/integrate/clouds/aws/{integrationId}/test`. Never retried
    /// once it may have reached 1NCE.
    pub fn test_aws(&self, id: &IntegrationId) -> Call<IntegrationTest> {
        self.post(&TEST_AWS, id)
    }

    /// Restarts a failed webhook integration.
    ///
    /// `POST /v1/integrate/clouds/webhooks/{integrationId}/restart`. Never
    /// retried once it may have reached 1NCE.
    pub fn restart_webhook(&self, id: &IntegrationId) -> Call<IntegrationRestart> {
        self.post(&RESTART_WEBHOOK, id)
    }

    /// Sends a test message through a webhook integration.
    ///
    /// `POST /v1/integrate/clouds/webhooks/{integrationId}/test`. Never
    /// retried once it may have reached 1NCE.
    pub fn test_webhook(&self, id: &IntegrationId) -> Call<IntegrationTest> {
        self.post(&TEST_WEBHOOK, id)
    }

    fn post<T: DeserializeOwned>(&self, op: &'static OsOperation, id: &IntegrationId) -> Call<T> {
        match check_id(id) {
            Ok(()) => plain(&self.client, op, &[id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }
}
