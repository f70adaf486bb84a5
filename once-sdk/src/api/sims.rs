//! SIM management v2: `client.sims()`.

use reqwest::Method;

use crate::api::List;
use crate::api::ListSpec;
use crate::client::Client;
use crate::error::{Result, ValidationError};
use crate::transport::{seg, ApiRequest};
use crate::types::{Iccid, Quota, Sim, SimStatus, SimUpdate};

/// SIM management (API v2), from [`Client::sims`].
#[derive(Clone, Debug)]
pub struct Sims {
    client: Client,
}

impl Client {
    /// SIM management (API v2): list, read and change SIMs, quotas.
    pub fn sims(&self) -> Sims {
        Sims {
            client: self.clone(),
        }
    }
}

const LIST_SIMS: ListSpec = ListSpec {
    operation: "sims.list",
    template: "/v2/sims",
    size_param: "pageSize",
    default_size: 10,
    max_size: 100,
};

impl List<Sim> {
    /// Filters by `field:value` pairs, comma separated (`imei:4711`,
    /// `ip_address:10.0.0.1`), as 1NCE's `q` parameter.
    pub fn filter(self, q: impl Into<String>) -> Self {
        let q = q.into();
        if q.trim().is_empty() {
            return self.reject(ValidationError::new("q", "must not be empty"));
        }
        self.param("q", q)
    }

    /// Sorts by `imei` or `ip_address`, comma separated; prefix `-` for
    /// descending (`ip_address,-imei`).
    pub fn sort(self, sort: impl Into<String>) -> Self {
        self.param("sort", sort.into())
    }
}

impl Sims {
    /// Lists the account's SIMs, 10 per page by default (at most 100).
    ///
    /// `GET /v2/sims`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut sims = client.sims().list().page_size(100).stream();
    /// while let Some(sim) = sims.try_next().await? {
    ///     println!("{} {:?}", sim.iccid, sim.label);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> List<Sim> {
        List::new(self.client.clone(), LIST_SIMS, "/v2/sims".into())
    }

    /// One SIM: status, label, MSISDN, IMSI, IMEI, IP, quotas.
    ///
    /// `GET /v2/sims/{iccid}`. Read-only; retried on transient failures.
    pub async fn get(&self, iccid: &Iccid) -> Result<Sim> {
        self.client
            .call(ApiRequest::new(
                "sims.get",
                Method::GET,
                "/v2/sims/{iccid}",
                format!("/v2/sims/{}", seg(iccid.as_str())),
            ))
            .await
    }

    /// Changes a SIM: label, status (enable/disable), IMEI lock.
    ///
    /// `PUT /v2/sims/{iccid}`. Free of charge; idempotent, so retried on
    /// transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::SimStatus;
    /// client.sims().update(&iccid).label("pump-17").status(SimStatus::Disabled).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn update(&self, iccid: &Iccid) -> UpdateSim {
        UpdateSim {
            client: self.client.clone(),
            iccid: iccid.clone(),
            update: SimUpdate::default(),
        }
    }

    /// The SIM's current data quota (volume left in MB, expiry).
    ///
    /// `GET /v2/sims/{iccid}/quota/data`. Read-only; retried on transient failures.
    pub async fn data_quota(&self, iccid: &Iccid) -> Result<Quota> {
        self.client
            .call(ApiRequest::new(
                "sims.data_quota",
                Method::GET,
                "/v2/sims/{iccid}/quota/data",
                format!("/v2/sims/{}/quota/data", seg(iccid.as_str())),
            ))
            .await
    }

    /// The SIM's current SMS quota (messages left, expiry).
    ///
    /// `GET /v2/sims/{iccid}/quota/sms`. Read-only; retried on transient failures.
    pub async fn sms_quota(&self, iccid: &Iccid) -> Result<Quota> {
        self.client
            .call(ApiRequest::new(
                "sims.sms_quota",
                Method::GET,
                "/v2/sims/{iccid}/quota/sms",
                format!("/v2/sims/{}/quota/sms", seg(iccid.as_str())),
            ))
            .await
    }
}

/// A pending SIM change, from [`Sims::update`].
#[derive(Debug)]
#[must_use = "an update does nothing until you call send()"]
pub struct UpdateSim {
    client: Client,
    iccid: Iccid,
    update: SimUpdate,
}

impl UpdateSim {
    /// A new label (at most 255 characters).
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.update.label = Some(label.into());
        self
    }

    /// Enable or disable the SIM.
    pub fn status(mut self, status: SimStatus) -> Self {
        self.update.status = Some(status);
        self
    }

    /// Lock the SIM to the device it is in (or unlock it).
    pub fn imei_lock(mut self, lock: bool) -> Self {
        self.update.imei_lock = Some(lock);
        self
    }

    /// Sends the change.
    pub async fn send(mut self) -> Result<()> {
        if self.update.is_empty() {
            return Err(ValidationError::new(
                "body",
                "set at least one of label, status, imei_lock",
            )
            .into());
        }
        if let Some(label) = &self.update.label {
            if label.chars().count() > 255 {
                return Err(ValidationError::new("label", "must be at most 255 characters").into());
            }
        }
        if let Some(SimStatus::Unknown(s)) = &self.update.status {
            return Err(ValidationError::new(
                "status",
                format!("must be Enabled or Disabled, got {s:?}"),
            )
            .into());
        }
        self.update.iccid = Some(self.iccid.clone());
        let req = ApiRequest::new(
            "sims.update",
            Method::PUT,
            "/v2/sims/{iccid}",
            format!("/v2/sims/{}", seg(self.iccid.as_str())),
        )
        .json(&self.update)?;
        self.client.call_empty(req).await
    }
}
