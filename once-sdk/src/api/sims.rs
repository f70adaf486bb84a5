//! SIM management v2: `client.sims()`.

use reqwest::Method;

use crate::api::call::{self, request_builder, Call};
use crate::api::List;
use crate::api::ListSpec;
use crate::client::Client;
use crate::error::ValidationError;
use crate::options::CallOptions;
use crate::transport::{seg, ApiRequest};
use crate::types::{
    Event, Iccid, PaymentMethod, Quota, Sim, SimConnectivity, SimStatus, SimUpdate, TopUpOrder,
};

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
    id_field: "iccid",
    unpaged: false,
    max_page: None,
};

/// The fields SIM lists filter and sort by: the same two in 1NCE's v1 and
/// v2 documents (`GET /v1/sims`, `GET /v2/sims`).
const SIM_FIELDS: [&str; 2] = ["imei", "ip_address"];

/// SIM lists of v1 and v2 (one `Sim`, one set of rules: 1NCE documents the
/// same `q` and `sort` for both).
impl List<Sim> {
    /// Filters by `field:value` pairs, comma separated, on `imei` and
    /// `ip_address` (`ip_address:10.0.0.1,imei:4711`): 1NCE's `q` parameter.
    /// Other fields are refused before sending.
    pub fn filter(self, q: impl Into<String>) -> Self {
        let q = q.into();
        if q.trim().is_empty() {
            return self.reject(ValidationError::new("q", "must not be empty"));
        }
        for pair in q.split(',') {
            let ok = match pair.split_once(':') {
                Some((field, value)) => {
                    SIM_FIELDS.contains(&field.trim()) && !value.trim().is_empty()
                }
                None => false,
            };
            if !ok {
                return self.reject(ValidationError::new(
                    "q",
                    format!("{pair:?} is not field:value with field imei or ip_address"),
                ));
            }
        }
        self.param("q", q)
    }

    /// Sorts by `imei` or `ip_address`, comma separated; prefix `-` for
    /// descending (`ip_address,-imei`). Other keys are refused before sending.
    pub fn sort(self, sort: impl Into<String>) -> Self {
        let sort = sort.into();
        for key in sort.split(',') {
            let key = key.trim();
            if !SIM_FIELDS.contains(&key.strip_prefix('-').unwrap_or(key)) {
                return self.reject(ValidationError::new(
                    "sort",
                    format!("{key:?} is not imei or ip_address (prefix - for descending)"),
                ));
            }
        }
        self.param("sort", sort)
    }
}

const LIST_EVENTS: ListSpec = ListSpec {
    operation: "sims.events",
    template: "/v2/sims/{iccid}/events",
    size_param: "pageSize",
    default_size: 10,
    max_size: 1000,
    id_field: "id",
    unpaged: false,
    max_page: None,
};

impl Sims {
    /// A GET of `/v2/sims/{iccid}{rest}` decoded as JSON.
    fn get_call<T: serde::de::DeserializeOwned>(
        &self,
        operation: &'static str,
        template: &'static str,
        iccid: &Iccid,
        rest: &str,
    ) -> Call<T> {
        let req = ApiRequest::new(
            operation,
            Method::GET,
            template,
            format!("/v2/sims/{}{rest}", seg(iccid.as_str())),
        );
        Call::new(&self.client, Ok(req), call::json::<T>)
    }

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
    pub fn get(&self, iccid: &Iccid) -> Call<Sim> {
        self.get_call("sims.get", "/v2/sims/{iccid}", iccid, "")
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
        UpdateSim::new(&self.client, iccid, Version::V2)
    }

    /// The SIM's current data quota (volume left in MB, expiry).
    ///
    /// `GET /v2/sims/{iccid}/quota/data`. Read-only; retried on transient failures.
    pub fn data_quota(&self, iccid: &Iccid) -> Call<Quota> {
        self.get_call(
            "sims.data_quota",
            "/v2/sims/{iccid}/quota/data",
            iccid,
            "/quota/data",
        )
    }

    /// The SIM's current SMS quota (messages left, expiry).
    ///
    /// `GET /v2/sims/{iccid}/quota/sms`. Read-only; retried on transient failures.
    pub fn sms_quota(&self, iccid: &Iccid) -> Call<Quota> {
        self.get_call(
            "sims.sms_quota",
            "/v2/sims/{iccid}/quota/sms",
            iccid,
            "/quota/sms",
        )
    }

    /// Switches automatic top-up on or off for SIMs (non-empty, valid
    /// ICCIDs, no SIM twice): when a SIM's quota runs out, 1NCE tops it up
    /// (and charges for it) by itself.
    ///
    /// `POST /v2/sims/autoTopup` ("Enable Auto Top Up", answered 201).
    /// 1NCE's v2 documentation lists this operation but does not publish
    /// its body; the SDK sends v1's `{"enabled": bool, "iccids": [...]}`,
    /// an inference from `POST /v1/sims/autoTopup`. Setting a flag is
    /// idempotent, so it is retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// client.sims().auto_top_up(&[iccid], true).await?;
    /// # Ok(()) }
    /// ```
    pub fn auto_top_up(&self, iccids: &[Iccid], enabled: bool) -> Call<()> {
        Call::new(
            &self.client,
            auto_top_up_request(iccids, enabled),
            call::empty,
        )
    }

    /// Resets the SIM's connectivity: 1NCE detaches it from the network so
    /// the device attaches afresh. The reset runs asynchronously; success
    /// means 1NCE queued it.
    ///
    /// `POST /v2/sims/{iccid}/reset`. Changes the world (drops the device's
    /// sessions), so it is not retried once it may have reached 1NCE: a lost
    /// answer gives [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown).
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// client.sims().reset(&iccid).await?;
    /// # Ok(()) }
    /// ```
    pub fn reset(&self, iccid: &Iccid) -> Call<()> {
        let req = ApiRequest::new(
            "sims.reset",
            Method::POST,
            "/v2/sims/{iccid}/reset",
            format!("/v2/sims/{}/reset", seg(iccid.as_str())),
        );
        Call::new(&self.client, Ok(req), call::empty)
    }

    /// The SIM's connectivity: online, attached, offline or blocked, where
    /// it is (operator, country, cells), its data sessions and the services
    /// available.
    ///
    /// `GET /v2/sims/{iccid}/status`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::ConnectivityStatus;
    /// let status = client.sims().status(&iccid).await?;
    /// if status.status.description == ConnectivityStatus::Online {
    ///     println!("online via {:?}", status.location.and_then(|l| l.operator));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn status(&self, iccid: &Iccid) -> Call<SimConnectivity> {
        self.get_call("sims.status", "/v2/sims/{iccid}/status", iccid, "/status")
    }

    /// The SIM's diagnostic events (attaches, data sessions, quota
    /// thresholds, VPN), 10 per page by default (at most 1000).
    ///
    /// `GET /v2/sims/{iccid}/events`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// let page = client.sims().events(&iccid).page_size(100).send().await?;
    /// for event in page {
    ///     println!("{:?} {:?}", event.timestamp, event.description);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn events(&self, iccid: &Iccid) -> List<Event> {
        List::new(
            self.client.clone(),
            LIST_EVENTS,
            format!("/v2/sims/{}/events", seg(iccid.as_str())),
        )
    }

    /// Tops up the SIM's data and SMS volume: 1NCE creates an order, paid by
    /// bank transfer unless [`TopUp::payment_method`] says otherwise.
    ///
    /// `POST /v2/sims/{iccid}/topup`. **Costs money.** Never retried once it
    /// may have reached 1NCE: a lost answer gives
    /// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown); check the
    /// quota or the orders before trying again.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::PaymentMethod;
    /// let order = client.sims().top_up(&iccid).payment_method(PaymentMethod::MonthlyInvoice).await?;
    /// println!("order {:?}", order.order_number());
    /// # Ok(()) }
    /// ```
    pub fn top_up(&self, iccid: &Iccid) -> TopUp {
        TopUp {
            client: self.client.clone(),
            iccid: iccid.clone(),
            payment_method: None,
            options: CallOptions::default(),
        }
    }
}

/// A pending top-up, from [`Sims::top_up`]. Send it with
/// [`send`](TopUp::send) or `.await`.
#[derive(Debug)]
#[must_use = "a top-up does nothing until you call send() or .await it"]
pub struct TopUp {
    client: Client,
    iccid: Iccid,
    payment_method: Option<PaymentMethod>,
    options: CallOptions,
}

impl TopUp {
    /// How to pay (default at 1NCE: bank transfer). 1NCE silently falls back
    /// to bank transfer on a value it does not know, so unknown values are
    /// refused before sending.
    pub fn payment_method(mut self, method: PaymentMethod) -> Self {
        self.payment_method = Some(method);
        self
    }

    /// The call that places the top-up order.
    fn into_call(self) -> Call<TopUpOrder> {
        let decode: call::Decoder<TopUpOrder> = |resp, _| Ok(top_up_order(resp));
        if let Some(PaymentMethod::Unknown(s)) = &self.payment_method {
            let err = ValidationError::new(
                "payment_method",
                format!("must be banktransfer, creditcard, monthlyinvoice or boleto, got {s:?}"),
            );
            return Call::invalid(&self.client, err, decode);
        }
        let req = ApiRequest::new(
            "sims.top_up",
            Method::POST,
            "/v2/sims/{iccid}/topup",
            format!("/v2/sims/{}/topup", seg(self.iccid.as_str())),
        )
        .query_opt("payment_method", self.payment_method.as_ref());
        Call::new(&self.client, Ok(req), decode).with_options(self.options)
    }
}

request_builder!(TopUp => TopUpOrder);

/// The API version a SIM change goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Version {
    /// SIM management v1: `PUT /v1/sims/{iccid}`, `status` required.
    V1,
    /// SIM management v2: `PUT /v2/sims/{iccid}`.
    V2,
}

/// A pending SIM change, from [`Sims::update`] (v2) or
/// [`V1Sims::update`](crate::V1Sims::update) (v1): the same builder for both
/// versions. Send it with [`send`](UpdateSim::send) or `.await`.
///
/// Everything is checked before anything is sent: at least one of label,
/// status, IMEI lock set, a label of at most 255 characters, a known status;
/// v1 also requires the status on every change.
#[derive(Debug)]
#[must_use = "an update does nothing until you call send() or .await it"]
pub struct UpdateSim {
    client: Client,
    iccid: Iccid,
    update: SimUpdate,
    version: Version,
    options: CallOptions,
}

impl UpdateSim {
    /// A change of the SIM `iccid` that sets nothing yet.
    pub(crate) fn new(client: &Client, iccid: &Iccid, version: Version) -> Self {
        UpdateSim {
            client: client.clone(),
            iccid: iccid.clone(),
            update: SimUpdate::default(),
            version,
            options: CallOptions::default(),
        }
    }

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

    fn validate(&self) -> std::result::Result<(), ValidationError> {
        if self.version == Version::V1 && self.update.status.is_none() {
            return Err(v1_status_required());
        }
        if self.update.is_empty() {
            return Err(ValidationError::new(
                "body",
                "set at least one of label, status, imei_lock",
            ));
        }
        if let Some(label) = &self.update.label {
            if label.chars().count() > 255 {
                return Err(ValidationError::new(
                    "label",
                    "must be at most 255 characters",
                ));
            }
        }
        if let Some(SimStatus::Unknown(s)) = &self.update.status {
            return Err(ValidationError::new(
                "status",
                format!("must be Enabled or Disabled, got {s:?}"),
            ));
        }
        Ok(())
    }

    /// The call that sends the change.
    fn into_call(self) -> Call<()> {
        if let Err(e) = self.validate() {
            return Call::invalid(&self.client, e, call::empty);
        }
        let UpdateSim {
            client,
            iccid,
            mut update,
            version,
            options,
        } = self;
        let request = match (version, update.status.clone()) {
            // v1's own request (the body of `types::v1::SimUpdate`), so the
            // builder and the `update(&SimUpdate)` form send the same bytes.
            (Version::V1, Some(status)) => {
                let mut v1 = crate::types::v1::SimUpdate::new(iccid, status);
                v1.label = update.label;
                v1.imei_lock = update.imei_lock;
                crate::api::v1::update_request(&v1)
            }
            // `validate` refused this already.
            (Version::V1, None) => Err(v1_status_required().into()),
            (Version::V2, _) => {
                let path = format!("/v2/sims/{}", seg(iccid.as_str()));
                update.iccid = Some(iccid);
                ApiRequest::new("sims.update", Method::PUT, "/v2/sims/{iccid}", path).json(&update)
            }
        };
        Call::new(&client, request, call::empty).with_options(options)
    }
}

request_builder!(UpdateSim => ());

/// v1 takes no change without the SIM's status.
fn v1_status_required() -> ValidationError {
    ValidationError::new(
        "status",
        "is required by SIM management v1 on every change: set Enabled or Disabled",
    )
}

/// The order a top-up (v1 or v2) created, from the `Location` header of
/// the answer.
pub(crate) fn top_up_order(resp: &crate::transport::RawResponse) -> TopUpOrder {
    TopUpOrder {
        location: resp
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    }
}

/// The request of [`Sims::auto_top_up`], its input checked.
fn auto_top_up_request(iccids: &[Iccid], enabled: bool) -> crate::Result<ApiRequest> {
    if iccids.is_empty() {
        return Err(ValidationError::new("iccids", "must list at least one ICCID").into());
    }
    crate::types::v1::check_iccids("iccids", iccids, true)?;
    let body = serde_json::json!({ "enabled": enabled, "iccids": iccids });
    Ok(ApiRequest::new(
        "sims.auto_top_up",
        Method::POST,
        "/v2/sims/autoTopup",
        "/v2/sims/autoTopup".into(),
    )
    .json(&body)?
    .idempotent(true))
}
