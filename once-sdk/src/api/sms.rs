//! SMS of SIMs (API v2): `client.sms()`.

use reqwest::Method;

use crate::api::call::{self, Call};
use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::error::{Result, ValidationError};
use crate::transport::{seg, ApiRequest, RawResponse};
use crate::types::{Iccid, Sms, SmsId, SmsReceipt, SmsRecord};

/// SMS to and from SIMs (API v2), from [`Client::sms`].
#[derive(Clone, Debug)]
pub struct SmsMessages {
    client: Client,
}

impl Client {
    /// SMS (API v2): send SMS to devices, list, read and cancel them.
    pub fn sms(&self) -> SmsMessages {
        SmsMessages {
            client: self.clone(),
        }
    }
}

const LIST_SMS: ListSpec = ListSpec {
    operation: "sms.list",
    template: "/v2/sims/{iccid}/sms",
    size_param: "per_page",
    default_size: 20,
    max_size: 1000,
    id_field: "id",
    unpaged: false,
    max_page: None,
};

/// SMS ids are positive integers.
pub(crate) fn check_id(id: SmsId) -> std::result::Result<(), ValidationError> {
    if id.get() == 0 {
        return Err(ValidationError::new(
            "id",
            "must be a positive SMS id, got 0",
        ));
    }
    Ok(())
}

/// The id in 1NCE's answer to a new SMS. The SMS is accepted at this
/// point: an odd answer must not turn into an error that invites sending
/// it again.
pub(crate) fn sms_receipt(resp: &RawResponse, op: &'static str) -> Result<Option<SmsId>> {
    let receipt = match resp.decode::<Option<SmsReceipt>>(op) {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, "1NCE accepted the SMS but its answer did not decode");
            None
        }
    };
    let id = receipt.and_then(|r| r.id);
    Ok(match id {
        None => None,
        Some(id) => match id.trim().parse::<u64>() {
            Ok(n) => Some(SmsId::new(n)),
            Err(_) => {
                tracing::warn!(id = %id, "1NCE accepted the SMS with a non-numeric id");
                None
            }
        },
    })
}

impl SmsMessages {
    /// Sends an SMS to the device with the SIM (mobile terminated). The SMS
    /// is checked with [`Sms::validate`] first. Returns the id 1NCE gave
    /// the SMS, or `None` when its answer carried no numeric id (the SMS was
    /// accepted all the same: find it with [`list`](Self::list)).
    ///
    /// `POST /v2/sims/{iccid}/sms`. Uses SMS quota and changes the world, so
    /// it is never retried once it may have reached 1NCE: a lost answer
    /// gives [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown); list
    /// the SIM's SMS before sending again.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::Sms;
    /// if let Some(id) = client.sms().send(&iccid, Sms::text("ping")).await? {
    ///     let sms = client.sms().get(&iccid, id).await?;
    ///     println!("{:?}", sms.status);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn send(&self, iccid: &Iccid, sms: Sms) -> Call<Option<SmsId>> {
        if let Err(e) = sms.validate() {
            return Call::invalid(&self.client, e, sms_receipt);
        }
        let req = ApiRequest::new(
            "sms.send",
            Method::POST,
            "/v2/sims/{iccid}/sms",
            format!("/v2/sims/{}/sms", seg(iccid.as_str())),
        )
        .json(&sms);
        Call::new(&self.client, req, sms_receipt)
    }

    /// The SMS sent to (MT) and received from (MO) the SIM, 20 per page by
    /// default (at most 1000; 1NCE's page size parameter here is `per_page`).
    ///
    /// `GET /v2/sims/{iccid}/sms`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let all: Vec<_> = client.sms().list(&iccid).page_size(1000).stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self, iccid: &Iccid) -> List<SmsRecord> {
        List::new(
            self.client.clone(),
            LIST_SMS,
            format!("/v2/sims/{}/sms", seg(iccid.as_str())),
        )
    }

    /// One SMS of the SIM: status, dates, payload.
    ///
    /// `GET /v2/sims/{iccid}/sms/{id}`. Read-only; retried on transient failures.
    pub fn get(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<SmsRecord> {
        let id = id.into();
        if let Err(e) = check_id(id) {
            return Call::invalid(&self.client, e, call::json);
        }
        let req = ApiRequest::new(
            "sms.get",
            Method::GET,
            "/v2/sims/{iccid}/sms/{id}",
            format!("/v2/sims/{}/sms/{id}", seg(iccid.as_str())),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Cancels an SMS that 1NCE holds for delivery but has not delivered yet.
    ///
    /// `DELETE /v2/sims/{iccid}/sms/{id}`. Idempotent, so retried on
    /// transient failures (a retry after a lost answer may get 404: the SMS
    /// is already cancelled).
    pub fn delete(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<()> {
        let id = id.into();
        if let Err(e) = check_id(id) {
            return Call::invalid(&self.client, e, call::empty);
        }
        let req = ApiRequest::new(
            "sms.delete",
            Method::DELETE,
            "/v2/sims/{iccid}/sms/{id}",
            format!("/v2/sims/{}/sms/{id}", seg(iccid.as_str())),
        );
        Call::new(&self.client, Ok(req), call::empty)
    }
}
