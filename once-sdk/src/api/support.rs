//! Support management: `client.support()`.

use reqwest::Method;

use crate::api::call::{self, request_builder, Call};
use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::error::ValidationError;
use crate::options::CallOptions;
use crate::transport::ApiRequest;
use crate::types::{NewServiceRequest, ServiceRequest};

/// Support management, from [`Client::support`].
#[derive(Clone, Debug)]
pub struct Support {
    client: Client,
}

impl Client {
    /// Support management: the account's service requests, and new ones.
    pub fn support(&self) -> Support {
        Support {
            client: self.clone(),
        }
    }
}

const LIST_SERVICE_REQUESTS: ListSpec = ListSpec {
    operation: "support.list",
    template: "/v1/support",
    size_param: "pageSize",
    default_size: 1,
    max_size: 100,
    id_field: "caseId",
    unpaged: false,
    max_page: None,
};

impl Support {
    /// Lists the account's service requests with their messages. 1NCE's
    /// default page size is 1; ask for up to 100 with
    /// [`page_size`](List::page_size).
    ///
    /// `GET /v1/support`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// let page = client.support().list().page_size(100).send().await?;
    /// for request in page.iter() {
    ///     println!("{:?} {:?} {:?}", request.case_id, request.status, request.subject);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> List<ServiceRequest> {
        List::new(
            self.client.clone(),
            LIST_SERVICE_REQUESTS,
            "/v1/support".into(),
        )
    }

    /// Starts a new service request to 1NCE support with a subject and a
    /// text; add who to answer with [`CreateServiceRequest::reply_to_mail`]
    /// and [`CreateServiceRequest::sender_name`], then
    /// [`send`](CreateServiceRequest::send).
    ///
    /// `POST /v1/support`. Opens a ticket at 1NCE (free of charge, but it
    /// changes the world): never retried once it may have reached 1NCE (only
    /// connect failures and 429 are retried); an ambiguous failure is
    /// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown), so check
    /// [`list`](Self::list) before sending it again.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// client
    ///     .support()
    ///     .create("Connectivity issue", "SIM 8988280666000000000 has no data since 08:00 UTC.")
    ///     .reply_to_mail("ops@example.com")
    ///     .sender_name("Erika Mustermann")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create(
        &self,
        subject: impl Into<String>,
        text: impl Into<String>,
    ) -> CreateServiceRequest {
        CreateServiceRequest {
            client: self.client.clone(),
            request: NewServiceRequest {
                subject: Some(subject.into()),
                text: Some(text.into()),
                ..NewServiceRequest::default()
            },
            options: CallOptions::default(),
        }
    }
}

/// A new service request, from [`Support::create`]. Open it with
/// [`send`](CreateServiceRequest::send) or `.await`.
#[derive(Debug)]
#[must_use = "a service request does nothing until you call send() or .await it"]
pub struct CreateServiceRequest {
    client: Client,
    request: NewServiceRequest,
    options: CallOptions,
}

impl CreateServiceRequest {
    /// The e-mail address 1NCE answers to.
    pub fn reply_to_mail(mut self, mail: impl Into<String>) -> Self {
        self.request.reply_to_mail = Some(mail.into());
        self
    }

    /// The name of the person opening the request.
    pub fn sender_name(mut self, name: impl Into<String>) -> Self {
        self.request.sender_name = Some(name.into());
        self
    }

    /// The body this request will send.
    pub fn request(&self) -> &NewServiceRequest {
        &self.request
    }

    /// The call that opens the service request. Inputs are checked first;
    /// nothing is sent if one is wrong.
    fn into_call(self) -> Call<()> {
        if let Err(e) = validate(&self.request) {
            return Call::invalid(&self.client, e, call::empty);
        }
        let req = ApiRequest::new(
            "support.create",
            Method::POST,
            "/v1/support",
            "/v1/support".into(),
        )
        .json(&self.request)
        .map(|r| r.idempotent(false));
        Call::new(&self.client, req, call::empty).with_options(self.options)
    }
}

request_builder!(CreateServiceRequest => ());

fn validate(request: &NewServiceRequest) -> std::result::Result<(), ValidationError> {
    for (field, value) in [("subject", &request.subject), ("text", &request.text)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(ValidationError::new(field, "must not be empty"));
        }
    }
    if let Some(name) = &request.sender_name {
        if name.trim().is_empty() {
            return Err(ValidationError::new(
                "senderName",
                "must not be empty when set",
            ));
        }
    }
    if let Some(mail) = &request.reply_to_mail {
        if !plausible_mail(mail) {
            return Err(ValidationError::new(
                "replyToMail",
                format!("must be an e-mail address like name@example.com, got {mail:?}"),
            ));
        }
    }
    Ok(())
}

/// `local@domain.tld`: one `@`, no spaces, a dot in the domain.
fn plausible_mail(mail: &str) -> bool {
    let Some((local, domain)) = mail.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !mail.chars().any(char::is_whitespace)
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty() && !tld.ends_with('.'))
}
