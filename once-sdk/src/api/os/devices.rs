//! IoT Integrator, device side: `client.os().devices()`.

use std::time::Duration;

use super::*;
use crate::types::os::{
    ActionAccepted, ActionRequest, ActionRequestId, ActionSort, ActionStatus, BulkAction,
    BulkActionAccepted, CancelledRequest, CoapAction, DeviceId, DeviceStats, EndpointUpdate,
    Lwm2mAction, OsProtocol, PreSharedKey, ProtocolEndpoint, PskJob, PskJobEntry, PskJobStatus,
    PskSet, UdpAction,
};

/// IoT Integrator, device side, from [`Os::devices`]: protocol endpoints,
/// device actions and their requests, pre-shared keys, device figures.
#[derive(Clone, Debug)]
pub struct Devices {
    client: Client,
}

const ACTION_LIST_MAX: u32 = 100;

/// Checks a device id given as input.
fn device(id: &DeviceId) -> std::result::Result<(), ValidationError> {
    non_empty("deviceId", id.as_str())
}

/// A pre-shared key is for CoAP or LwM2M, and not empty.
fn check_psk(key: &str, protocol: Option<&OsProtocol>) -> std::result::Result<(), ValidationError> {
    non_empty("secretKey", key)?;
    match protocol {
        Some(OsProtocol::Coap | OsProtocol::Lwm2m) => Ok(()),
        other => Err(ValidationError::new(
            "protocol",
            format!("must be COAP or LWM2M, got {:?}", other.map(|p| p.as_str())),
        )),
    }
}

fn check_ids(ids: &[DeviceId]) -> std::result::Result<(), ValidationError> {
    if ids.is_empty() {
        return Err(ValidationError::new(
            "deviceIds",
            "must name at least one device",
        ));
    }
    ids.iter()
        .try_for_each(|id| non_empty("deviceIds", id.as_str()))
}

fn check_port(port: Option<u32>) -> std::result::Result<(), ValidationError> {
    match port {
        Some(p) if (1..=65535).contains(&p) => Ok(()),
        Some(p) => Err(ValidationError::new(
            "port",
            format!("must be between 1 and 65535, got {p}"),
        )),
        None => Err(ValidationError::new("port", "is required")),
    }
}

fn check_lwm2m(a: &Lwm2mAction) -> std::result::Result<(), ValidationError> {
    if a.action.is_none() {
        return Err(ValidationError::new("action", "is required"));
    }
    non_empty(
        "resourceAddress",
        a.resource_address.as_deref().unwrap_or(""),
    )
}

fn check_coap(a: &CoapAction) -> std::result::Result<(), ValidationError> {
    check_port(a.port)?;
    non_empty("path", a.path.as_deref().unwrap_or(""))?;
    if a.request_type.is_none() {
        return Err(ValidationError::new("requestType", "is required"));
    }
    Ok(())
}

fn check_udp(a: &UdpAction) -> std::result::Result<(), ValidationError> {
    check_port(a.port)?;
    if a.payload.is_none() || a.payload_type.is_none() {
        return Err(ValidationError::new(
            "payload",
            "payload and payloadType are required",
        ));
    }
    Ok(())
}

impl Devices {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The protocol endpoints devices talk to (UDP, CoAP, LwM2M).
    ///
    /// `GET /v1/integrate/devices/endpoints`. Read-only.
    pub fn endpoints(&self) -> List<ProtocolEndpoint> {
        list(&self.client, unpaged(&ENDPOINTS), &ENDPOINTS, &[])
    }

    /// One protocol endpoint, with its settings.
    ///
    /// `GET /v1/integrate/devices/endpoints/{protocol}`. Read-only.
    pub fn endpoint(&self, protocol: OsProtocol) -> Call<ProtocolEndpoint> {
        plain(&self.client, &ENDPOINT, &[protocol.as_str()])
    }

    /// Switches a protocol endpoint on or off, or changes its settings.
    ///
    /// `PATCH /v1/integrate/devices/endpoints/{protocol}`. Sets values:
    /// retried on transient failures.
    pub fn update_endpoint(
        &self,
        protocol: OsProtocol,
        update: &EndpointUpdate,
    ) -> Call<ProtocolEndpoint> {
        if update.settings.is_none() {
            return Call::invalid(
                &self.client,
                ValidationError::new("settings", "is required (it may be empty)"),
                call::json,
            );
        }
        with_body(
            &self.client,
            &UPDATE_ENDPOINT,
            &[protocol.as_str()],
            update,
            call::json,
        )
    }

    /// Every device action request, newest first by default; filter with
    /// the methods of `List<ActionRequest>`.
    ///
    /// `GET /v1/integrate/devices/actions/requests`. Read-only.
    pub fn action_requests(&self) -> List<ActionRequest> {
        list(
            &self.client,
            paged(&ACTION_REQUESTS, 10, ACTION_LIST_MAX, "id"),
            &ACTION_REQUESTS,
            &[],
        )
    }

    /// The action requests still scheduled or in progress.
    ///
    /// `GET /v1/integrate/devices/actions/requests/active`. Read-only.
    pub fn active_action_requests(&self) -> List<ActionRequest> {
        list(
            &self.client,
            paged(&ACTIVE_ACTION_REQUESTS, 10, ACTION_LIST_MAX, "id"),
            &ACTIVE_ACTION_REQUESTS,
            &[],
        )
    }

    /// The action requests that are done (succeeded, failed, cancelled).
    ///
    /// `GET /v1/integrate/devices/actions/requests/archived`. Read-only.
    pub fn archived_action_requests(&self) -> List<ActionRequest> {
        list(
            &self.client,
            paged(&ARCHIVED_ACTION_REQUESTS, 10, ACTION_LIST_MAX, "id"),
            &ARCHIVED_ACTION_REQUESTS,
            &[],
        )
    }

    /// One action request and where it stands.
    ///
    /// `GET /v1/integrate/devices/actions/requests/{requestId}`. Read-only.
    pub fn action_request(&self, id: &ActionRequestId) -> Call<ActionRequest> {
        if let Err(e) = non_empty("requestId", id.as_str()) {
            return Call::invalid(&self.client, e, call::json);
        }
        plain(&self.client, &ACTION_REQUEST, &[id.as_str()])
    }

    /// Cancels one action request that is not done yet.
    ///
    /// `DELETE /v1/integrate/devices/actions/requests/{requestId}`.
    /// Cancelling twice cancels once: retried on transient failures.
    pub fn cancel_action_request(&self, id: &ActionRequestId) -> Call<CancelledRequest> {
        if let Err(e) = non_empty("requestId", id.as_str()) {
            return Call::invalid(&self.client, e, call::json);
        }
        plain(&self.client, &CANCEL_ACTION_REQUEST, &[id.as_str()])
    }

    /// Cancels every action request of a device that is not done yet.
    ///
    /// `DELETE /v1/integrate/devices/{deviceId}/actions/requests`.
    /// Retried on transient failures.
    pub fn cancel_action_requests(&self, device_id: &DeviceId) -> Call<Vec<CancelledRequest>> {
        if let Err(e) = device(device_id) {
            return Call::invalid(&self.client, e, call::json);
        }
        plain(
            &self.client,
            &CANCEL_DEVICE_ACTION_REQUESTS,
            &[device_id.as_str()],
        )
    }

    /// Sets a device's pre-shared key (the older `presharedkey` path).
    ///
    /// `POST /v1/integrate/devices/{deviceId}/presharedkey`. Changes what
    /// the device must present: never retried once it may have reached
    /// 1NCE ([`Error::OutcomeUnknown`]). The key is redacted in `Debug`
    /// and scrubbed from errors.
    pub fn set_preshared_key(&self, device_id: &DeviceId, key: &PskSet) -> Call<PreSharedKey> {
        self.psk_call(&SET_PRESHARED_KEY, device_id, key)
    }

    /// Sets a device's pre-shared key for CoAP or LwM2M.
    ///
    /// `POST /v1/integrate/devices/{deviceId}/psk`. Never retried once it
    /// may have reached 1NCE ([`Error::OutcomeUnknown`]). The key is
    /// redacted in `Debug` and scrubbed from errors.
    pub fn set_psk(&self, device_id: &DeviceId, key: &PskSet) -> Call<PreSharedKey> {
        self.psk_call(&SET_PSK, device_id, key)
    }

    fn psk_call(
        &self,
        op: &'static OsOperation,
        device_id: &DeviceId,
        key: &PskSet,
    ) -> Call<PreSharedKey> {
        let secret = key.secret_key.as_ref().map(|s| s.expose()).unwrap_or("");
        if let Err(e) = device(device_id).and_then(|_| check_psk(secret, key.protocol.as_ref())) {
            return Call::invalid(&self.client, e, call::json);
        }
        let req = op
            .request(&[device_id.as_str()])
            .json(key)
            .map(|r| r.secret(secret));
        Call::new(&self.client, req, call::json)
    }

    /// A device's pre-shared key for `protocol` (the key is redacted in
    /// `Debug`; read it with `expose()`).
    ///
    /// `GET /v1/integrate/devices/{deviceId}/psk/{protocol}`. Read-only.
    pub fn psk(&self, device_id: &DeviceId, protocol: OsProtocol) -> Call<PreSharedKey> {
        if let Err(e) = device(device_id) {
            return Call::invalid(&self.client, e, call::json);
        }
        plain(&self.client, &PSK, &[device_id.as_str(), protocol.as_str()])
    }

    /// The pre-shared-key jobs (the older `presharedkey` path).
    ///
    /// `GET /v1/integrate/devices/presharedkey/jobs`. Read-only.
    pub fn preshared_key_jobs(&self) -> List<PskJob> {
        list(
            &self.client,
            unpaged(&PRESHARED_KEY_JOBS),
            &PRESHARED_KEY_JOBS,
            &[],
        )
    }

    /// The pre-shared-key jobs.
    ///
    /// `GET /v1/integrate/devices/psk/jobs`. Read-only.
    pub fn psk_jobs(&self) -> List<PskJob> {
        list(&self.client, unpaged(&PSK_JOBS), &PSK_JOBS, &[])
    }

    /// Sets the keys of many devices in one job (the older `presharedkey`
    /// path); the handle waits until the job is done.
    ///
    /// `POST /v1/integrate/devices/presharedkey/jobs` (202 Accepted). Never
    /// retried once it may have reached 1NCE.
    pub fn create_preshared_key_job(&self, keys: &[PskJobEntry]) -> Submit<PskJobHandle> {
        self.psk_job(&CREATE_PRESHARED_KEY_JOB, keys, |c, _, _| {
            PskJobHandle::new(c, &PRESHARED_KEY_JOBS)
        })
    }

    /// Sets the keys of many devices in one job; the handle waits until the
    /// job is done.
    ///
    /// `POST /v1/integrate/devices/psk/jobs` (202 Accepted). Never retried
    /// once it may have reached 1NCE.
    pub fn create_psk_job(&self, keys: &[PskJobEntry]) -> Submit<PskJobHandle> {
        self.psk_job(&CREATE_PSK_JOB, keys, |c, _, _| {
            PskJobHandle::new(c, &PSK_JOBS)
        })
    }

    fn psk_job(
        &self,
        op: &'static OsOperation,
        keys: &[PskJobEntry],
        decode: fn(&Client, &RawResponse, &'static str) -> PskJobHandle,
    ) -> Submit<PskJobHandle> {
        let check = || -> std::result::Result<(), ValidationError> {
            if keys.is_empty() {
                return Err(ValidationError::new(
                    "keys",
                    "must hold at least one device's key",
                ));
            }
            for k in keys {
                non_empty("deviceId", k.device_id.as_ref().map_or("", |d| d.as_str()))?;
                check_psk(
                    k.secret_key.as_ref().map_or("", |s| s.expose()),
                    k.protocol.as_ref(),
                )?;
            }
            Ok(())
        };
        let req = check().map_err(Error::from).and_then(|_| {
            let mut req = op.request(&[]).json(keys)?;
            for k in keys {
                req = req.secret(k.secret_key.as_ref().map_or("", |s| s.expose()));
            }
            Ok(req)
        });
        Submit::new(&self.client, req, decode)
    }

    fn action<B: serde::Serialize>(
        &self,
        op: &'static OsOperation,
        device_id: Option<&DeviceId>,
        body: &B,
        check: std::result::Result<(), ValidationError>,
    ) -> Result<ApiRequest> {
        if let Some(d) = device_id {
            device(d)?;
        }
        check?;
        let params: Vec<&str> = device_id.map(|d| d.as_str()).into_iter().collect();
        op.request(&params).json(body)
    }

    /// Sends an LwM2M action (read, write, execute, observe) to a device;
    /// the handle follows its request until it is done.
    ///
    /// `POST /v1/integrate/devices/{deviceId}/actions/LWM2M` (202). Acts on
    /// the device: never retried once it may have reached 1NCE
    /// ([`Error::OutcomeUnknown`]; look at
    /// [`action_requests`](Self::action_requests) before sending again).
    pub fn send_lwm2m(&self, device_id: &DeviceId, action: &Lwm2mAction) -> Submit<ActionHandle> {
        let req = self.action(&SEND_LWM2M, Some(device_id), action, check_lwm2m(action));
        Submit::new(&self.client, req, ActionHandle::decode)
    }

    /// Sends an LwM2M action to a device (the Devices area's path, same
    /// body as [`send_lwm2m`](Self::send_lwm2m)).
    ///
    /// `POST /v1/devices/{deviceId}/actions` (202). Never retried once it
    /// may have reached 1NCE.
    pub fn send_action(&self, device_id: &DeviceId, action: &Lwm2mAction) -> Submit<ActionHandle> {
        let req = self.action(&SEND_ACTION, Some(device_id), action, check_lwm2m(action));
        Submit::new(&self.client, req, ActionHandle::decode)
    }

    /// Sends an LwM2M action to many devices.
    ///
    /// `POST /v1/integrate/devices/actions/LWM2M` (202). Never retried
    /// once it may have reached 1NCE.
    pub fn send_lwm2m_bulk(&self, action: &BulkAction<Lwm2mAction>) -> Submit<BulkActionHandle> {
        let check = check_ids(&action.device_ids).and_then(|_| check_lwm2m(&action.action));
        let req = self.action(&SEND_LWM2M_BULK, None, action, check);
        Submit::new(&self.client, req, BulkActionHandle::decode)
    }

    /// Sends a CoAP request to a device.
    ///
    /// `POST /v1/integrate/devices/{deviceId}/actions/COAP` (202). Never
    /// retried once it may have reached 1NCE.
    pub fn send_coap(&self, device_id: &DeviceId, action: &CoapAction) -> Submit<ActionHandle> {
        let req = self.action(&SEND_COAP, Some(device_id), action, check_coap(action));
        Submit::new(&self.client, req, ActionHandle::decode)
    }

    /// Sends a CoAP request to many devices.
    ///
    /// `POST /v1/integrate/devices/actions/COAP` (202). Never retried once
    /// it may have reached 1NCE.
    pub fn send_coap_bulk(&self, action: &BulkAction<CoapAction>) -> Submit<BulkActionHandle> {
        let check = check_ids(&action.device_ids).and_then(|_| check_coap(&action.action));
        let req = self.action(&SEND_COAP_BULK, None, action, check);
        Submit::new(&self.client, req, BulkActionHandle::decode)
    }

    /// Sends a UDP message to a device.
    ///
    /// `POST /v1/integrate/devices/{deviceId}/actions/UDP` (202). Never
    /// retried once it may have reached 1NCE.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// use std::time::Duration;
    /// use once_sdk::{DeviceId, PayloadType, UdpAction};
    /// let device = DeviceId::from("8988280666000000000");
    /// let handle = client
    ///     .os()
    ///     .devices()
    ///     .send_udp(&device, &UdpAction::new("ping", PayloadType::String, 4445))
    ///     .await?;
    /// let done = handle.wait(Duration::from_secs(120)).await?;
    /// println!("{:?}", done.status);
    /// # Ok(()) }
    /// ```
    pub fn send_udp(&self, device_id: &DeviceId, action: &UdpAction) -> Submit<ActionHandle> {
        let req = self.action(&SEND_UDP, Some(device_id), action, check_udp(action));
        Submit::new(&self.client, req, ActionHandle::decode)
    }

    /// Sends a UDP message to many devices.
    ///
    /// `POST /v1/integrate/devices/actions/UDP` (202). Never retried once
    /// it may have reached 1NCE.
    pub fn send_udp_bulk(&self, action: &BulkAction<UdpAction>) -> Submit<BulkActionHandle> {
        let check = check_ids(&action.device_ids).and_then(|_| check_udp(&action.action));
        let req = self.action(&SEND_UDP_BULK, None, action, check);
        Submit::new(&self.client, req, BulkActionHandle::decode)
    }

    /// The account's device figures (devices in all, activated).
    ///
    /// `GET /v1/devices/stats`. Read-only.
    pub fn stats(&self) -> Call<DeviceStats> {
        plain(&self.client, &DEVICE_STATS, &[])
    }
}

const ACTION_LISTS: [&OsOperation; 3] = [
    &ACTION_REQUESTS,
    &ACTIVE_ACTION_REQUESTS,
    &ARCHIVED_ACTION_REQUESTS,
];

impl List<ActionRequest> {
    /// Only the requests of this device.
    pub fn device_id(self, device_id: &DeviceId) -> Self {
        only_on(self, &ACTION_LISTS, "deviceId", device_id)
    }

    /// Only the requests sent with this protocol.
    pub fn protocol(self, protocol: OsProtocol) -> Self {
        only_on(self, &ACTION_LISTS, "protocol", protocol)
    }

    /// Only the requests in this status (the active list takes scheduled
    /// and in progress, the archived list the final ones).
    pub fn status(self, status: ActionStatus) -> Self {
        let fits = match self.spec.operation {
            n if n == ACTIVE_ACTION_REQUESTS.name => !status.is_final(),
            n if n == ARCHIVED_ACTION_REQUESTS.name => status.is_final(),
            _ => true,
        };
        if !fits || matches!(status, ActionStatus::Unknown(_)) {
            let rule = format!("{status} is not a status of {}", self.spec.operation);
            return self.reject(ValidationError::new("status", rule));
        }
        only_on(self, &ACTION_LISTS, "status", status)
    }

    /// The order (`-created` by default).
    pub fn sort(self, sort: ActionSort) -> Self {
        only_on(self, &ACTION_LISTS, "sort", sort)
    }
}

/// An action 1NCE accepted, from [`Devices::send_udp`] and the other
/// single-device actions: its request id, and [`wait`](Self::wait) to
/// follow it until it is done.
#[derive(Clone, Debug)]
pub struct ActionHandle {
    client: Client,
    accepted: ActionAccepted,
    poll: Polling,
}

impl ActionHandle {
    fn decode(client: &Client, resp: &RawResponse, op: &'static str) -> Self {
        Self {
            client: client.clone(),
            accepted: accepted(resp, op),
            poll: Polling::default(),
        }
    }

    /// The action request's id (`None` when 1NCE's answer did not carry one).
    pub fn id(&self) -> Option<&ActionRequestId> {
        self.accepted.id.as_ref()
    }

    /// 1NCE's answer, as sent.
    pub fn accepted(&self) -> &ActionAccepted {
        &self.accepted
    }

    /// Polls every `every` (2 s by default) while waiting.
    pub fn poll_every(mut self, every: Duration) -> Self {
        self.poll.every = every;
        self
    }

    /// Polls the action request until it succeeded, failed or was
    /// cancelled, for at most `timeout` ([`Error::Timeout`] after it); returns
    /// the request as it ended. A failed action is `Ok` with status `FAILED`.
    pub async fn wait(&self, timeout: Duration) -> Result<ActionRequest> {
        let id = self.id().cloned().ok_or_else(|| {
            Error::from(ValidationError::new(
                "requestId",
                "1NCE's answer carried no request id to follow",
            ))
        })?;
        let devices = Devices::new(self.client.clone());
        poll_until(
            format!("action request {id}"),
            self.poll.every,
            timeout,
            || {
                let call = devices.action_request(&id);
                async move {
                    let req = call.await?;
                    Ok(req
                        .status
                        .as_ref()
                        .is_some_and(ActionStatus::is_final)
                        .then_some(req))
                }
            },
        )
        .await
    }
}

/// A bulk action 1NCE accepted: one [`ActionHandle`] per accepted device,
/// and the devices it refused.
#[derive(Clone, Debug)]
pub struct BulkActionHandle {
    client: Client,
    accepted: BulkActionAccepted,
}

impl BulkActionHandle {
    fn decode(client: &Client, resp: &RawResponse, op: &'static str) -> Self {
        Self {
            client: client.clone(),
            accepted: accepted(resp, op),
        }
    }

    /// 1NCE's answer, as sent.
    pub fn accepted(&self) -> &BulkActionAccepted {
        &self.accepted
    }

    /// The devices 1NCE refused.
    pub fn rejected(&self) -> &[DeviceId] {
        self.accepted
            .rejected_devices
            .as_deref()
            .unwrap_or_default()
    }

    /// A handle per accepted request.
    pub fn handles(&self) -> Vec<ActionHandle> {
        self.accepted
            .accepted_requests
            .iter()
            .flatten()
            .map(|r| ActionHandle {
                client: self.client.clone(),
                accepted: ActionAccepted {
                    id: r.request_id.clone(),
                    message: None,
                },
                poll: Polling::default(),
            })
            .collect()
    }
}

/// A pre-shared-key job 1NCE accepted (its answer carries no job id):
/// [`wait`](Self::wait) polls the job list until no job is in progress.
/// Without an id it cannot tell this job from others: a job 1NCE has not
/// listed yet when `wait` first looks is not waited for.
#[derive(Clone, Debug)]
pub struct PskJobHandle {
    client: Client,
    jobs: &'static OsOperation,
    poll: Polling,
}

impl PskJobHandle {
    fn new(client: &Client, jobs: &'static OsOperation) -> Self {
        Self {
            client: client.clone(),
            jobs,
            poll: Polling::default(),
        }
    }

    /// Polls every `every` (2 s by default) while waiting.
    pub fn poll_every(mut self, every: Duration) -> Self {
        self.poll.every = every;
        self
    }

    /// Polls the job list until no job is in progress, for at most
    /// `timeout`; returns the jobs as they ended.
    pub async fn wait(&self, timeout: Duration) -> Result<Vec<PskJob>> {
        let client = self.client.clone();
        let jobs = self.jobs;
        poll_until(
            "the pre-shared-key jobs".to_string(),
            self.poll.every,
            timeout,
            || {
                let l: List<PskJob> = list(&client, unpaged(jobs), jobs, &[]);
                async move {
                    let page = l.send().await?;
                    let busy = page
                        .items
                        .iter()
                        .any(|j| j.status == Some(PskJobStatus::InProgress));
                    Ok((!busy).then_some(page.items))
                }
            },
        )
        .await
    }
}
