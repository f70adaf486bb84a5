//! Optimizer: `client.os().optimizer()`.

use super::*;
use crate::types::os::{
    OsProtocol, Savings, SavingsRange, Template, TemplateId, TemplateInput, Translation,
    TranslationTest,
};

/// Optimizer (energy saver), from [`Os::optimizer`]: translation templates
/// and their savings.
#[derive(Clone, Debug)]
pub struct Optimizer {
    client: Client,
}

fn check_protocols(protocols: Option<&[OsProtocol]>) -> std::result::Result<(), ValidationError> {
    match protocols
        .unwrap_or_default()
        .iter()
        .find(|p| !matches!(p, OsProtocol::Coap | OsProtocol::Udp))
    {
        Some(p) => Err(ValidationError::new(
            "protocolFilter",
            format!("takes COAP and UDP only, got {p}"),
        )),
        None => Ok(()),
    }
}

impl Optimizer {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Translates a payload with a template, as a test (nothing is stored).
    ///
    /// `POST /v1/optimize/messages/test`. Changes nothing: retried on
    /// transient failures.
    pub fn test(&self, test: &TranslationTest) -> Call<Translation> {
        let check = non_empty("template", test.template.as_deref().unwrap_or(""))
            .and_then(|_| non_empty("payload", test.payload.as_deref().unwrap_or("")));
        match check {
            Ok(()) => with_body(&self.client, &TEST_TRANSLATION, &[], test, call::json),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// The energy saver's figures over `range` (1 day by default), of one
    /// protocol and/or SIM.
    ///
    /// `GET /v1/optimize/savings`. Read-only.
    pub fn savings(
        &self,
        range: Option<SavingsRange>,
        protocol: Option<OsProtocol>,
        iccid: Option<&crate::Iccid>,
    ) -> Call<Savings> {
        let req = check_protocols(protocol.as_ref().map(std::slice::from_ref))
            .map(|_| {
                SAVINGS
                    .request(&[])
                    .query_opt("range", range.as_ref())
                    .query_opt("protocol", protocol.as_ref())
                    .query_opt("iccid", iccid)
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// The translation templates.
    ///
    /// `GET /v1/optimize/templates`. Read-only.
    pub fn templates(&self) -> Call<Vec<Template>> {
        plain(&self.client, &TEMPLATES, &[])
    }

    /// Creates a template ([`TemplateInput::new`]).
    ///
    /// `POST /v1/optimize/templates`. Never retried once it may have
    /// reached 1NCE (a retry would create a second one).
    pub fn create_template(&self, template: &TemplateInput) -> Call<Template> {
        let check = non_empty("name", template.name.as_deref().unwrap_or(""))
            .and_then(|_| non_empty("template", template.template.as_deref().unwrap_or("")))
            .and_then(|_| match template.protocol_filter.as_deref() {
                None | Some([]) => Err(ValidationError::new(
                    "protocolFilter",
                    "must name COAP and/or UDP",
                )),
                p => check_protocols(p),
            });
        match check {
            Ok(()) => with_body(&self.client, &CREATE_TEMPLATE, &[], template, call::json),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Changes a template (only the fields set are sent).
    ///
    /// `PATCH /v1/optimize/templates/{templateId}`. Retried on transient failures.
    pub fn update_template(&self, id: &TemplateId, change: &TemplateInput) -> Call<Template> {
        let check = non_empty("templateId", id.as_str())
            .and_then(|_| {
                if change == &TemplateInput::default() {
                    Err(ValidationError::new(
                        "change",
                        "must change name, template, protocolFilter or status",
                    ))
                } else {
                    Ok(())
                }
            })
            .and_then(|_| check_protocols(change.protocol_filter.as_deref()));
        match check {
            Ok(()) => with_body(
                &self.client,
                &UPDATE_TEMPLATE,
                &[id.as_str()],
                change,
                call::json,
            ),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Deletes a template.
    ///
    /// `DELETE /v1/optimize/templates/{templateId}`. Retried on transient failures.
    pub fn delete_template(&self, id: &TemplateId) -> Call<()> {
        match non_empty("templateId", id.as_str()) {
            Ok(()) => Call::new(
                &self.client,
                Ok(DELETE_TEMPLATE.request(&[id.as_str()])),
                call::empty,
            ),
            Err(e) => Call::invalid(&self.client, e, call::empty),
        }
    }
}
