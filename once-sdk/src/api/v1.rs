//! SIM management v1: `client.v1().sims()`.
//!
//! **1NCE retires SIM management v1 at the end of 2026.** Every v1 operation
//! is here, but where v2 has the operation, use v2 ([`Client::sims`]); the
//! operations only v1 has (usage, connectivity info, bulk update, multiple
//! top-up, auto top-up, limits, extension, transfer) have no v2 counterpart
//! yet and stay reachable here.

use chrono::{Months, NaiveDate, Utc};
use reqwest::header::HeaderMap;
use reqwest::Method;

use crate::api::call::{self, request_builder, Call};
use crate::api::sims::{top_up_order, UpdateSim, Version};
use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::error::{Error, Result, ValidationError};
use crate::options::CallOptions;
use crate::pagination::Page;
use crate::transport::{seg, ApiRequest, RawResponse};
use crate::types::v1::{
    check_iccids, AutoTopUp, Connectivity, ConnectivityInfo, Event, EventCollection, Extension,
    Limit, LimitOptions, LimitService, Limits, PaymentMethod, Quota, SetLimits, Sim, SimUpdate,
    SmsRecord, TopUpOrder, Transfer, Usage,
};
use crate::types::{Iccid, Sms, SmsId};

/// SIM management v1, from [`Client::v1`].
///
/// **Deprecated by 1NCE: SIM management v1 retires at the end of 2026.**
/// Where v2 has the operation, use v2: [`Client::sims`] (list, get, update,
/// data and SMS quota, status, reset, events, top-up) and [`Client::sms`]
/// (send, list, get, delete).
/// Usage, connectivity info, bulk update, multiple top-up, auto top-up,
/// global limits, limits by service, extension and transfer exist only here.
#[derive(Clone, Debug)]
pub struct V1 {
    client: Client,
}

impl Client {
    /// SIM management v1 (`/v1/sims...`).
    ///
    /// **1NCE retires SIM management v1 at the end of 2026.** Use
    /// [`Client::sims`] (v2) wherever it has the operation; the v1-only
    /// operations (usage, connectivity info, limits, auto top-up, bulk
    /// changes, extension, transfer) have no v2 counterpart.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// let usage = client.v1().sims().usage(&iccid).await?;
    /// println!("{} MB in {} days", usage.data_volume(), usage.stats.len());
    /// # Ok(()) }
    /// ```
    pub fn v1(&self) -> V1 {
        V1 {
            client: self.clone(),
        }
    }
}

impl V1 {
    /// The SMS operations of v1, with v2's verbs (`send`, `list`, `get`,
    /// `delete`). 1NCE retires v1 on 2026-12-31: use [`Client::sms`] (v2).
    pub fn sms(&self) -> V1Sms {
        V1Sms {
            client: self.client.clone(),
        }
    }

    /// The SIM operations of v1 (the SMS ones are on [`V1::sms`]).
    ///
    /// 1NCE retires SIM management v1 at the end of 2026; see [`V1`] for the
    /// v2 counterparts.
    pub fn sims(&self) -> V1Sims {
        V1Sims {
            client: self.client.clone(),
        }
    }
}

/// The SIM operations of SIM management v1, from [`V1::sims`].
///
/// **1NCE retires SIM management v1 at the end of 2026.** Each method's
/// documentation names its v2 counterpart, or says that there is none.
#[derive(Clone, Debug)]
pub struct V1Sims {
    client: Client,
}

const LIST_SIMS: ListSpec = ListSpec {
    operation: "v1.sims.list",
    template: "/v1/sims",
    size_param: "pageSize",
    default_size: 10,
    max_size: 100,
    id_field: "iccid",
    unpaged: false,
    max_page: None,
};

const LIST_SMS: ListSpec = ListSpec {
    operation: "v1.sims.sms.list",
    template: "/v1/sims/{iccid}/sms",
    size_param: "pageSize",
    default_size: 10,
    max_size: 100,
    id_field: "id",
    unpaged: false,
    max_page: None,
};

const LIST_EVENTS: ListSpec = ListSpec {
    operation: "v1.sims.events",
    template: "/v1/sims/{iccid}/events",
    size_param: "pageSize",
    default_size: 10,
    max_size: 1000,
    id_field: "id",
    unpaged: false,
    max_page: None,
};

impl List<SmsRecord> {
    /// Sorts by keys, comma separated; prefix `-` for descending
    /// (`-submit_date`).
    pub fn sort(self, sort: impl Into<String>) -> Self {
        let sort = sort.into();
        if sort
            .split(',')
            .any(|k| k.trim().trim_start_matches('-').is_empty())
        {
            return self.reject(ValidationError::new(
                "sort",
                "must be comma-separated keys, each optionally prefixed with -",
            ));
        }
        self.param("sort", sort)
    }
}

fn sim_path(iccid: &Iccid, rest: &str) -> String {
    format!("/v1/sims/{}{}", seg(iccid.as_str()), rest)
}

fn reject_unknown_payment(method: &Option<PaymentMethod>) -> Result<()> {
    if let Some(PaymentMethod::Unknown(m)) = method {
        return Err(ValidationError::new(
            "payment_method",
            format!("must be banktransfer, creditcard, monthlyinvoice or boleto, got {m:?} (1NCE would silently use banktransfer)"),
        )
        .into());
    }
    Ok(())
}

fn non_empty(field: &'static str, iccids: &[Iccid]) -> Result<()> {
    if iccids.is_empty() {
        return Err(ValidationError::new(field, "must list at least one ICCID").into());
    }
    check_iccids(field, iccids, true)?;
    Ok(())
}

impl V1Sims {
    /// Lists the account's SIMs, 10 per page by default (at most 100),
    /// optionally filtered ([`List::filter`]) and sorted ([`List::sort`]).
    ///
    /// `GET /v1/sims`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: use `client.sims().list()` (v2).
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// let page = client.v1().sims().list().page_size(100).filter("imei:4711").send().await?;
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().list() (v2)"
    )]
    pub fn list(&self) -> List<Sim> {
        List::new(self.client.clone(), LIST_SIMS, "/v1/sims".into())
    }

    /// One SIM: status, label, MSISDN, IMSI, IMEI, IP, quotas.
    ///
    /// `GET /v1/sims/{iccid}`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: use `client.sims().get()` (v2).
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().get() (v2)"
    )]
    pub fn get(&self, iccid: &Iccid) -> Call<Sim> {
        let req = ApiRequest::new(
            "v1.sims.get",
            Method::GET,
            "/v1/sims/{iccid}",
            sim_path(iccid, ""),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Changes one SIM: status (required by v1), label, IMEI lock. The same
    /// builder as v2's [`Sims::update`](crate::api::sims::Sims::update): set
    /// the fields, then await it or call `send()`. Checked before anything
    /// is sent: a status (v1 requires it), a known one, a label of at most
    /// 255 characters.
    ///
    /// The form before the builder, `update(&SimUpdate)`, still compiles
    /// and sends the same body: `update` takes either (see
    /// [`V1UpdateTarget`]); new code passes the ICCID.
    ///
    /// `PUT /v1/sims/{iccid}`. Free of charge; changes the SIM (disabling it
    /// cuts it off the network); idempotent, so retried on transient
    /// failures.
    /// 1NCE retires v1 at the end of 2026: use `client.sims().update()` (v2).
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::SimStatus;
    /// client.v1().sims().update(&iccid).status(SimStatus::Enabled).label("pump-17").await?;
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().update() (v2)"
    )]
    pub fn update<T: V1UpdateTarget>(&self, target: T) -> T::Update {
        target.update(&self.client)
    }

    /// Changes many SIMs at once (status, label, IMEI lock each). 1NCE queues
    /// the changes and applies them asynchronously; success means queued.
    ///
    /// `POST /v1/sims`. Free of charge; changes the SIMs. Setting values is
    /// idempotent, so it is retried on transient failures. The list must not
    /// be empty nor name a SIM twice.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn update_many(&self, updates: &[SimUpdate]) -> Call<()> {
        Call::new(&self.client, update_many_request(updates), call::empty)
    }

    /// The SIM's connectivity status (offline, online, attached), location
    /// and data session.
    ///
    /// `GET /v1/sims/{iccid}/status`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims().status()`.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().status() (v2)"
    )]
    pub fn status(&self, iccid: &Iccid) -> Call<Connectivity> {
        let req = ApiRequest::new(
            "v1.sims.status",
            Method::GET,
            "/v1/sims/{iccid}/status",
            sim_path(iccid, "/status"),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Connectivity and cell tower information of the device (valid on
    /// 2G/3G only). Set [`subscriber`](ConnectivityInfoRequest::subscriber)
    /// (1NCE's default: true) and [`ussd`](ConnectivityInfoRequest::ussd)
    /// (default: false) to choose what is queried; await it or call `send()`.
    ///
    /// `GET /v1/sims/{iccid}/connectivity_info`. Read-only; retried on
    /// transient failures.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// let info = client.v1().sims().connectivity_info(&iccid).ussd(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn connectivity_info(&self, iccid: &Iccid) -> ConnectivityInfoRequest {
        ConnectivityInfoRequest {
            client: self.client.clone(),
            iccid: iccid.clone(),
            subscriber: None,
            ussd: None,
            options: CallOptions::default(),
        }
    }

    /// Resets the SIM's connectivity (detaches it so the device reattaches).
    /// 1NCE queues the reset; success means queued.
    ///
    /// `POST /v1/sims/{iccid}/reset`. Free of charge but changes state: not
    /// idempotent, so never retried once it may have reached 1NCE.
    /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims().reset()`.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().reset() (v2)"
    )]
    pub fn reset(&self, iccid: &Iccid) -> Call<()> {
        let req = ApiRequest::new(
            "v1.sims.reset",
            Method::POST,
            "/v1/sims/{iccid}/reset",
            sim_path(iccid, "/reset"),
        );
        Call::new(&self.client, Ok(req), call::empty)
    }

    /// The SIM's network and status events, 10 per page by default (at most
    /// 1000), optionally sorted (`.sort("-timestamp")`).
    ///
    /// `GET /v1/sims/{iccid}/events`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims().events()`.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// let latest = client.v1().sims().events(&iccid).sort("-timestamp").page_size(50).send().await?;
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().events() (v2)"
    )]
    pub fn events(&self, iccid: &Iccid) -> List<Event> {
        List::new(self.client.clone(), LIST_EVENTS, sim_path(iccid, "/events"))
            .with_decoder(events_page)
    }

    /// Daily data and SMS usage of the SIM, with the period's totals apart
    /// ([`Usage::total`]). 1NCE keeps the last 6 months: dates before that
    /// are refused before sending, as is a start after the end. Await it or
    /// call `send()`.
    ///
    /// `GET /v1/sims/{iccid}/usage`. Read-only; retried on transient
    /// failures.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// let since = chrono::Utc::now().date_naive() - chrono::Days::new(30);
    /// let usage = client.v1().sims().usage(&iccid).since(since).await?;
    /// for day in &usage.stats {
    ///     println!("{:?}: {:?} MB", day.date, day.data.as_ref().and_then(|d| d.volume));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn usage(&self, iccid: &Iccid) -> UsageRequest {
        UsageRequest {
            client: self.client.clone(),
            iccid: iccid.clone(),
            start: None,
            end: None,
            options: CallOptions::default(),
        }
    }

    /// The SIM's data quota (MB left, expiry, throughput).
    ///
    /// `GET /v1/sims/{iccid}/quota/data`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: use `client.sims().data_quota()` (v2).
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().data_quota() (v2)"
    )]
    pub fn data_quota(&self, iccid: &Iccid) -> Call<Quota> {
        let req = ApiRequest::new(
            "v1.sims.data_quota",
            Method::GET,
            "/v1/sims/{iccid}/quota/data",
            sim_path(iccid, "/quota/data"),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// The SIM's SMS quota (messages left, expiry).
    ///
    /// `GET /v1/sims/{iccid}/quota/sms`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026: use `client.sims().sms_quota()` (v2).
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().sms_quota() (v2)"
    )]
    pub fn sms_quota(&self, iccid: &Iccid) -> Call<Quota> {
        let req = ApiRequest::new(
            "v1.sims.sms_quota",
            Method::GET,
            "/v1/sims/{iccid}/quota/sms",
            sim_path(iccid, "/quota/sms"),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Renamed: [`V1Sms::list`] (`client.v1().sms().list()`).
    #[deprecated(
        note = "renamed to client.v1().sms().list(); 1NCE retires SIM management v1 on 2026-12-31: use client.sms().list() (v2)"
    )]
    #[allow(deprecated)]
    pub fn list_sms(&self, iccid: &Iccid) -> List<SmsRecord> {
        self.sms().list(iccid)
    }

    /// Renamed: [`V1Sms::send`] (`client.v1().sms().send()`).
    #[deprecated(
        note = "renamed to client.v1().sms().send(); 1NCE retires SIM management v1 on 2026-12-31: use client.sms().send() (v2)"
    )]
    #[allow(deprecated)]
    pub fn send_sms(&self, iccid: &Iccid, sms: &Sms) -> Call<Option<SmsId>> {
        self.sms().send(iccid, sms.clone())
    }

    /// Renamed: [`V1Sms::get`] (`client.v1().sms().get()`).
    #[deprecated(
        note = "renamed to client.v1().sms().get(); 1NCE retires SIM management v1 on 2026-12-31: use client.sms().get() (v2)"
    )]
    #[allow(deprecated)]
    pub fn get_sms(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<SmsRecord> {
        self.sms().get(iccid, id)
    }

    /// Renamed: [`V1Sms::delete`] (`client.v1().sms().delete()`).
    #[deprecated(
        note = "renamed to client.v1().sms().delete(); 1NCE retires SIM management v1 on 2026-12-31: use client.sms().delete() (v2)"
    )]
    #[allow(deprecated)]
    pub fn delete_sms(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<()> {
        self.sms().delete(iccid, id)
    }

    fn sms(&self) -> V1Sms {
        V1Sms {
            client: self.client.clone(),
        }
    }

    /// Tops up the SIM's data and SMS volume. Choose how to pay with
    /// [`TopUp::payment_method`] (1NCE's default: bank transfer); await it
    /// or call `send()`. The result carries the order's address.
    ///
    /// `POST /v1/sims/{iccid}/topup`. **Costs money**; not idempotent, so
    /// never retried once it may have reached 1NCE.
    /// 1NCE retires v1 at the end of 2026: v2 has it as `client.sims().top_up()`.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> Result<(), once_sdk::Error> {
    /// use once_sdk::types::v1::PaymentMethod;
    /// let order = client.v1().sims().top_up(&iccid).payment_method(PaymentMethod::MonthlyInvoice).await?;
    /// println!("order {:?}", order.order_number());
    /// # Ok(()) }
    /// ```
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().top_up() (v2)"
    )]
    pub fn top_up(&self, iccid: &Iccid) -> TopUp {
        TopUp {
            client: self.client.clone(),
            target: TopUpTarget::One(iccid.clone()),
            payment_method: None,
            options: CallOptions::default(),
        }
    }

    /// Tops up several SIMs in one order (non-empty, no SIM twice). Choose
    /// how to pay with [`TopUp::payment_method`]; await it or call `send()`.
    ///
    /// `POST /v1/sims/topup`. **Costs money**; not idempotent, so never
    /// retried once it may have reached 1NCE.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn top_up_many(&self, iccids: &[Iccid]) -> TopUp {
        TopUp {
            client: self.client.clone(),
            target: TopUpTarget::Many(iccids.to_vec()),
            payment_method: None,
            options: CallOptions::default(),
        }
    }

    /// Switches automatic top-up on or off for SIMs (non-empty, no SIM twice).
    ///
    /// `POST /v1/sims/autoTopup`. Changes settings (later top-ups cost
    /// money); setting a flag is idempotent, so it is retried on transient
    /// failures.
    /// 1NCE retires v1 at the end of 2026; use
    /// [`Sims::auto_top_up`](crate::api::sims::Sims::auto_top_up)
    /// (`POST /v2/sims/autoTopup`, same body) instead.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sims().auto_top_up() (v2; its body is inferred from v1's)"
    )]
    pub fn auto_top_up(&self, iccids: &[Iccid], enabled: bool) -> Call<()> {
        Call::new(
            &self.client,
            auto_top_up_request(iccids, enabled),
            call::empty,
        )
    }

    /// The account-wide self-set monthly limits (data, MT-SMS, MO-SMS).
    ///
    /// `GET /v1/sims/limits`. Read-only; retried on transient failures.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn limits(&self) -> Call<Limits> {
        let req = ApiRequest::new(
            "v1.sims.limits",
            Method::GET,
            "/v1/sims/limits",
            "/v1/sims/limits".into(),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Sets the account-wide monthly limits by id (ids from
    /// [`selectable_limits`](Self::selectable_limits)); at least one, each
    /// positive.
    ///
    /// `POST /v1/sims/limits`. Changes every SIM's limits; setting values is
    /// idempotent, so it is retried on transient failures.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// use once_sdk::types::v1::{LimitService, SetLimits};
    /// let options = client.v1().sims().selectable_limits(LimitService::Data).await?;
    /// if let Some(id) = options.first().and_then(|l| l.id) {
    ///     client.v1().sims().set_limits(&SetLimits::default().data(id)).await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn set_limits(&self, limits: &SetLimits) -> Call<()> {
        Call::new(&self.client, set_limits_request(limits), call::empty)
    }

    /// The limits that can be chosen for a service (`data`, `smsMO`, `smsMT`).
    ///
    /// `GET /v1/sims/{service}/limits`. Read-only; retried on transient
    /// failures.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn selectable_limits(&self, service: LimitService) -> Call<Vec<Limit>> {
        let decode: call::Decoder<Vec<Limit>> =
            |resp, op| Ok(resp.decode::<LimitOptions>(op)?.options);
        if let LimitService::Unknown(s) = &service {
            let err = ValidationError::new(
                "service",
                format!("must be data, smsMO or smsMT, got {s:?}"),
            );
            return Call::invalid(&self.client, err, decode);
        }
        let req = ApiRequest::new(
            "v1.sims.selectable_limits",
            Method::GET,
            "/v1/sims/{service}/limits",
            format!("/v1/sims/{}/limits", seg(service.as_str())),
        );
        Call::new(&self.client, Ok(req), decode)
    }

    /// Extends SIMs' activation period and renews their data and SMS quotas,
    /// optionally switching product. Choose how to pay with
    /// [`Extend::payment_method`]; await it or call `send()`.
    ///
    /// `POST /v1/sims/extension`. **Costs money** (1NCE invoices it); not
    /// idempotent, so never retried once it may have reached 1NCE.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn extend(&self, extension: Extension) -> Extend {
        Extend {
            client: self.client.clone(),
            extension,
            payment_method: None,
            options: CallOptions::default(),
        }
    }

    /// Moves SIMs to another customer or sub-organisation.
    ///
    /// `POST /v1/sims/simTransfer`. Changes who owns the SIMs; not
    /// idempotent, so never retried once it may have reached 1NCE.
    /// 1NCE retires v1 at the end of 2026; v2 has no counterpart.
    pub fn transfer(&self, transfer: &Transfer) -> Call<()> {
        let request = transfer.validate().map_err(Error::from).and_then(|()| {
            ApiRequest::new(
                "v1.sims.transfer",
                Method::POST,
                "/v1/sims/simTransfer",
                "/v1/sims/simTransfer".into(),
            )
            .json(transfer)
        });
        Call::new(&self.client, request, call::empty)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for &crate::types::Iccid {}
    impl Sealed for &crate::types::v1::SimUpdate {}
}

/// What [`V1Sims::update`] takes: an ICCID, for v2's builder
/// ([`UpdateSim`], the form to use), or a whole [`SimUpdate`], the form
/// `update` had before (kept so that code keeps compiling; it sends the
/// same body the builder sends for the same fields). Implemented for
/// `&Iccid` and `&SimUpdate` only.
pub trait V1UpdateTarget: sealed::Sealed {
    /// What `update` returns for it.
    type Update;
    /// The update of this target, on `client`.
    #[doc(hidden)]
    fn update(self, client: &Client) -> Self::Update;
}

impl V1UpdateTarget for &Iccid {
    type Update = UpdateSim;
    fn update(self, client: &Client) -> UpdateSim {
        UpdateSim::new(client, self, Version::V1)
    }
}

impl V1UpdateTarget for &SimUpdate {
    type Update = Call<()>;
    fn update(self, client: &Client) -> Call<()> {
        Call::new(client, update_request(self), call::empty)
    }
}

/// The request of [`V1Sims::update`] (either form), its
/// input checked.
pub(crate) fn update_request(update: &SimUpdate) -> Result<ApiRequest> {
    update.validate()?;
    let req = ApiRequest::new(
        "v1.sims.update",
        Method::PUT,
        "/v1/sims/{iccid}",
        sim_path(&update.iccid, ""),
    )
    .json(update)?;
    Ok(req)
}

/// The request of [`V1Sims::update_many`], its input checked.
fn update_many_request(updates: &[SimUpdate]) -> Result<ApiRequest> {
    if updates.is_empty() {
        return Err(ValidationError::new("body", "must list at least one SIM update").into());
    }
    let mut seen = std::collections::HashSet::new();
    for u in updates {
        u.validate()?;
        if !seen.insert(u.iccid.as_str()) {
            return Err(ValidationError::new(
                "iccid",
                format!("{} is updated twice in one request", u.iccid),
            )
            .into());
        }
    }
    let req = ApiRequest::new(
        "v1.sims.update_many",
        Method::POST,
        "/v1/sims",
        "/v1/sims".into(),
    )
    .json(updates)?
    .idempotent(true);
    Ok(req)
}

/// The request of [`V1Sims::auto_top_up`], its input checked.
fn auto_top_up_request(iccids: &[Iccid], enabled: bool) -> Result<ApiRequest> {
    non_empty("iccids", iccids)?;
    let body = AutoTopUp {
        enabled: Some(enabled),
        iccids: iccids.to_vec(),
    };
    let req = ApiRequest::new(
        "v1.sims.auto_top_up",
        Method::POST,
        "/v1/sims/autoTopup",
        "/v1/sims/autoTopup".into(),
    )
    .json(&body)?
    .idempotent(true);
    Ok(req)
}

/// The request of [`V1Sims::set_limits`], its input checked.
fn set_limits_request(limits: &SetLimits) -> Result<ApiRequest> {
    limits.validate()?;
    let req = ApiRequest::new(
        "v1.sims.set_limits",
        Method::POST,
        "/v1/sims/limits",
        "/v1/sims/limits".into(),
    )
    .json(limits)?
    .idempotent(true);
    Ok(req)
}

/// The SMS operations of SIM management v1, from [`V1::sms`]: the same
/// verbs as v2's [`Client::sms`].
///
/// **1NCE retires SIM management v1 on 2026-12-31**, and v2 has every one
/// of these operations: use [`Client::sms`].
#[derive(Clone, Debug)]
pub struct V1Sms {
    client: Client,
}

impl V1Sms {
    /// The SMS sent to and received from the SIM, 10 per page by default (at
    /// most 100), optionally sorted.
    ///
    /// `GET /v1/sims/{iccid}/sms`. Read-only; retried on transient failures.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sms().list() (v2)"
    )]
    pub fn list(&self, iccid: &Iccid) -> List<SmsRecord> {
        List::new(self.client.clone(), LIST_SMS, sim_path(iccid, "/sms"))
    }

    /// Sends an SMS to the device with the SIM. The SMS is checked with
    /// [`Sms::validate`] first.
    ///
    /// `POST /v1/sims/{iccid}/sms`. Uses the SIM's SMS quota; not
    /// idempotent, so never retried once it may have reached 1NCE.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sms().send() (v2)"
    )]
    pub fn send(&self, iccid: &Iccid, sms: Sms) -> Call<Option<SmsId>> {
        if let Err(e) = sms.validate() {
            return Call::invalid(&self.client, e, crate::api::sms::sms_receipt);
        }
        let req = ApiRequest::new(
            "v1.sims.sms.send",
            Method::POST,
            "/v1/sims/{iccid}/sms",
            sim_path(iccid, "/sms"),
        )
        .json(&sms);
        // The same answer as v2's: the SMS's id when 1NCE gives one.
        Call::new(&self.client, req, crate::api::sms::sms_receipt)
    }

    /// One SMS of the SIM, by id.
    ///
    /// `GET /v1/sims/{iccid}/sms/{id}`. Read-only; retried on transient failures.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sms().get() (v2)"
    )]
    pub fn get(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<SmsRecord> {
        let id = id.into();
        if let Err(e) = crate::api::sms::check_id(id) {
            return Call::invalid(&self.client, e, call::json);
        }
        let req = ApiRequest::new(
            "v1.sims.sms.get",
            Method::GET,
            "/v1/sims/{iccid}/sms/{id}",
            sim_path(iccid, &format!("/sms/{id}")),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Cancels an SMS that waits for delivery to the device.
    ///
    /// `DELETE /v1/sims/{iccid}/sms/{id}`. Changes state; idempotent, so
    /// retried on transient failures.
    #[deprecated(
        note = "1NCE retires SIM management v1 on 2026-12-31: use client.sms().delete() (v2)"
    )]
    pub fn delete(&self, iccid: &Iccid, id: impl Into<SmsId>) -> Call<()> {
        let id = id.into();
        if let Err(e) = crate::api::sms::check_id(id) {
            return Call::invalid(&self.client, e, call::empty);
        }
        let req = ApiRequest::new(
            "v1.sims.sms.delete",
            Method::DELETE,
            "/v1/sims/{iccid}/sms/{id}",
            sim_path(iccid, &format!("/sms/{id}")),
        );
        Call::new(&self.client, Ok(req), call::empty)
    }
}

/// A connectivity info query, from [`V1Sims::connectivity_info`].
///
/// 1NCE retires SIM management v1 at the end of 2026; there is no v2
/// counterpart.
#[derive(Debug)]
#[must_use = "a query does nothing until you await it or call send()"]
pub struct ConnectivityInfoRequest {
    client: Client,
    iccid: Iccid,
    subscriber: Option<bool>,
    ussd: Option<bool>,
    options: CallOptions,
}

impl ConnectivityInfoRequest {
    /// Whether to query subscriber (location) information (1NCE's default: true).
    pub fn subscriber(mut self, yes: bool) -> Self {
        self.subscriber = Some(yes);
        self
    }

    /// Whether to query USSD information (1NCE's default: false).
    pub fn ussd(mut self, yes: bool) -> Self {
        self.ussd = Some(yes);
        self
    }

    /// The call that sends the query.
    fn into_call(self) -> Call<ConnectivityInfo> {
        let req = ApiRequest::new(
            "v1.sims.connectivity_info",
            Method::GET,
            "/v1/sims/{iccid}/connectivity_info",
            sim_path(&self.iccid, "/connectivity_info"),
        )
        .query_opt("subscriber", self.subscriber)
        .query_opt("ussd", self.ussd);
        Call::new(&self.client, Ok(req), call::json).with_options(self.options)
    }
}

request_builder!(ConnectivityInfoRequest => ConnectivityInfo);

/// A usage query, from [`V1Sims::usage`].
///
/// 1NCE retires SIM management v1 at the end of 2026; there is no v2
/// counterpart.
#[derive(Debug)]
#[must_use = "a query does nothing until you await it or call send()"]
pub struct UsageRequest {
    client: Client,
    iccid: Iccid,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    options: CallOptions,
}

impl UsageRequest {
    /// The first day of the period (`start_dt`); at most 6 months ago.
    pub fn since(mut self, start: NaiveDate) -> Self {
        self.start = Some(start);
        self
    }

    /// The last day of the period (`end_dt`), not before the first.
    pub fn until(mut self, end: NaiveDate) -> Self {
        self.end = Some(end);
        self
    }

    /// Both days of the period (`start_dt`, `end_dt`).
    pub fn between(self, start: NaiveDate, end: NaiveDate) -> Self {
        self.since(start).until(end)
    }

    fn validate(&self) -> std::result::Result<(), ValidationError> {
        if let (Some(start), Some(end)) = (self.start, self.end) {
            if start > end {
                return Err(ValidationError::new(
                    "start_dt",
                    format!("must not be after end_dt ({start} > {end})"),
                ));
            }
        }
        let today = Utc::now().date_naive();
        let Some(earliest) = today.checked_sub_months(Months::new(6)) else {
            return Ok(());
        };
        for (field, date) in [("start_dt", self.start), ("end_dt", self.end)] {
            if let Some(date) = date {
                if date < earliest {
                    return Err(ValidationError::new(
                        field,
                        format!("1NCE keeps usage for the last 6 months only: {date} is before {earliest}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The call that sends the query.
    fn into_call(self) -> Call<Usage> {
        if let Err(e) = self.validate() {
            return Call::invalid(&self.client, e, call::json);
        }
        let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let req = ApiRequest::new(
            "v1.sims.usage",
            Method::GET,
            "/v1/sims/{iccid}/usage",
            sim_path(&self.iccid, "/usage"),
        )
        .query_opt("start_dt", self.start.map(fmt))
        .query_opt("end_dt", self.end.map(fmt));
        Call::new(&self.client, Ok(req), call::json).with_options(self.options)
    }
}

request_builder!(UsageRequest => Usage);

/// The v1 event list, now a [`List`] like every other list.
#[deprecated(
    note = "v1 events are a `List<types::v1::Event>` now; 1NCE retires SIM management v1 on 2026-12-31: use client.sims().events() (v2)"
)]
pub type EventList = List<Event>;

fn header_num<N: std::str::FromStr>(headers: &HeaderMap, name: &str) -> Option<N> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// One page of v1 events: totals from the body, else from the `X-*` headers.
pub(crate) fn events_page(
    resp: &RawResponse,
    op: &'static str,
    page: u32,
    size: u32,
) -> Result<Page<Event>> {
    let body: EventCollection = resp.decode(op)?;
    let h = &resp.headers;
    let mut out = Page::new(body.events).with_page(
        header_num(h, "x-current-page").unwrap_or(page),
        header_num(h, "x-count-per-page").unwrap_or(size),
    );
    out.total_count = body.total_events.or_else(|| header_num(h, "x-total-count"));
    out.total_pages = body.total_pages.or_else(|| header_num(h, "x-total-pages"));
    Ok(out)
}

impl List<Event> {
    /// Sorts v1 events by keys, comma separated; prefix `-` for descending
    /// (`-timestamp,id`).
    pub fn sort(self, sort: impl Into<String>) -> Self {
        let sort = sort.into();
        if sort
            .split(',')
            .any(|k| k.trim().trim_start_matches('-').is_empty())
        {
            return self.reject(ValidationError::new(
                "sort",
                "must be comma-separated keys, each optionally prefixed with -",
            ));
        }
        self.param("sort", sort)
    }
}

#[derive(Debug)]
enum TopUpTarget {
    One(Iccid),
    Many(Vec<Iccid>),
}

/// A top-up order, from [`V1Sims::top_up`] or [`V1Sims::top_up_many`].
/// **Costs money**; never sent twice by a retry.
///
/// 1NCE retires SIM management v1 at the end of 2026: v2 has single top-ups
/// as `client.sims().top_up()`; multiple top-ups have no v2 counterpart.
#[derive(Debug)]
#[must_use = "a top-up does nothing until you await it or call send()"]
pub struct TopUp {
    client: Client,
    target: TopUpTarget,
    payment_method: Option<PaymentMethod>,
    options: CallOptions,
}

impl TopUp {
    /// How to pay (1NCE's default: bank transfer).
    pub fn payment_method(mut self, method: PaymentMethod) -> Self {
        self.payment_method = Some(method);
        self
    }

    fn request(&self) -> Result<ApiRequest> {
        reject_unknown_payment(&self.payment_method)?;
        let req = match &self.target {
            TopUpTarget::One(iccid) => ApiRequest::new(
                "v1.sims.top_up",
                Method::POST,
                "/v1/sims/{iccid}/topup",
                sim_path(iccid, "/topup"),
            ),
            TopUpTarget::Many(iccids) => {
                non_empty("iccids", iccids)?;
                ApiRequest::new(
                    "v1.sims.top_up_many",
                    Method::POST,
                    "/v1/sims/topup",
                    "/v1/sims/topup".into(),
                )
                .json(iccids)?
            }
        };
        Ok(req.query_opt("payment_method", self.payment_method.as_ref()))
    }

    /// The call that places the order.
    fn into_call(self) -> Call<TopUpOrder> {
        let request = self.request();
        Call::new(&self.client, request, |resp, _| Ok(top_up_order(resp)))
            .with_options(self.options)
    }
}

request_builder!(TopUp => TopUpOrder);

/// A SIM extension order, from [`V1Sims::extend`]. **Costs money**; never
/// sent twice by a retry.
///
/// 1NCE retires SIM management v1 at the end of 2026; there is no v2
/// counterpart.
#[derive(Debug)]
#[must_use = "an extension does nothing until you await it or call send()"]
pub struct Extend {
    client: Client,
    extension: Extension,
    payment_method: Option<PaymentMethod>,
    options: CallOptions,
}

impl Extend {
    /// How to pay (1NCE's default: bank transfer; credit card needs the
    /// card saved in the 1NCE portal).
    pub fn payment_method(mut self, method: PaymentMethod) -> Self {
        self.payment_method = Some(method);
        self
    }

    fn request(&self) -> Result<ApiRequest> {
        reject_unknown_payment(&self.payment_method)?;
        self.extension.validate()?;
        ApiRequest::new(
            "v1.sims.extend",
            Method::POST,
            "/v1/sims/extension",
            "/v1/sims/extension".into(),
        )
        .query_opt("payment_method", self.payment_method.as_ref())
        .json(&self.extension)
    }

    /// The call that places the order.
    fn into_call(self) -> Call<()> {
        let request = self.request();
        Call::new(&self.client, request, call::empty).with_options(self.options)
    }
}

request_builder!(Extend => ());
