//! IoT Integrator, the device side: protocol endpoints, device actions and
//! their requests, pre-shared keys and pre-shared-key jobs; device
//! statistics.

use serde::{Deserialize, Serialize};

use super::{os_model, ActionRequestId, DeviceId, OsProtocol, PskJobId, Secret, SettingState};
use crate::types::string_enum;
use crate::types::Timestamp;

string_enum!(
    /// Where a device action request stands.
    ActionStatus {
        /// Waiting to be sent.
        Scheduled = "SCHEDULED",
        /// Being sent.
        InProgress = "IN_PROGRESS",
        /// Failed (no attempts left).
        Failed = "FAILED",
        /// Done.
        Succeeded = "SUCCEEDED",
        /// Cancelled before it was done.
        Cancelled = "CANCELLED",
    }
);

impl ActionStatus {
    /// True when the request will not change any more (succeeded, failed,
    /// cancelled).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            ActionStatus::Succeeded | ActionStatus::Failed | ActionStatus::Cancelled
        )
    }
}

string_enum!(
    /// When an action is sent to the device.
    RequestMode {
        /// Right away.
        SendNow = "SEND_NOW",
        /// When the device is next active.
        SendWhenActive = "SEND_WHEN_ACTIVE",
    }
);

string_enum!(
    /// The LwM2M operation of an action.
    Lwm2mOperation {
        /// Read a resource.
        Read = "read",
        /// Write a resource.
        Write = "write",
        /// Execute a resource.
        Execute = "execute",
        /// Start observing a resource.
        ObserveStart = "observe-start",
        /// Stop observing a resource.
        ObserveEnd = "observe-end",
    }
);

string_enum!(
    /// How an action's payload is encoded.
    PayloadType {
        /// Plain text.
        String = "STRING",
        /// Base64 of the bytes.
        Base64 = "BASE64",
    }
);

string_enum!(
    /// The CoAP method of an action.
    CoapMethod {
        /// GET.
        Get = "GET",
        /// POST.
        Post = "POST",
        /// PUT.
        Put = "PUT",
        /// DELETE.
        Delete = "DELETE",
        /// PATCH.
        Patch = "PATCH",
    }
);

string_enum!(
    /// How a pre-shared key is written.
    KeyFormat {
        /// As text.
        String = "STRING",
        /// As hexadecimal digits.
        Hex = "HEX",
    }
);

string_enum!(
    /// Where a pre-shared-key job stands.
    PskJobStatus {
        /// Keys are being set.
        InProgress = "IN_PROGRESS",
        /// Every key is set (or failed).
        Done = "DONE",
    }
);

string_enum!(
    /// The name of an endpoint setting that can be changed.
    EndpointSettingName {
        /// LwM2M passive reporting.
        Lwm2mPassiveReporting = "LWM2M_PASSIVE_REPORTING",
    }
);

string_enum!(
    /// The order of an action request list.
    ActionSort {
        /// Oldest first.
        Created = "created",
        /// Newest first (1NCE's default).
        CreatedDesc = "-created",
        /// Least recently updated first.
        Updated = "updated",
        /// Most recently updated first.
        UpdatedDesc = "-updated",
    }
);

os_model!(
    /// One setting of a protocol endpoint.
    EndpointSetting {
        /// The setting's name.
        name: String = "name",
        /// On or off.
        state: SettingState = "state",
        /// What it does.
        description: String = "description",
    }
);

os_model!(
    /// A protocol endpoint of 1NCE OS devices talk to (UDP, CoAP, LwM2M).
    ProtocolEndpoint {
        /// The protocol.
        protocol: OsProtocol = "protocol",
        /// Whether the endpoint is on.
        active: bool = "active",
        /// Its domain name.
        domain: String = "domain",
        /// Its IP addresses.
        ip_addresses: Vec<String> = "ipAddresses",
        /// Its plain port.
        port: u32 = "port",
        /// Its DTLS port.
        secure_port: u32 = "securePort",
        /// Its settings (one endpoint only).
        settings: Vec<EndpointSetting> = "settings",
    }
);

os_model!(
    /// A change of one endpoint setting.
    EndpointSettingUpdate {
        /// The setting.
        name: EndpointSettingName = "name",
        /// The new state.
        state: SettingState = "state",
    }
);

impl EndpointSettingUpdate {
    /// Sets `name` to `state`.
    pub fn new(name: EndpointSettingName, state: SettingState) -> Self {
        Self {
            name: Some(name),
            state: Some(state),
        }
    }
}

os_model!(
    /// The body of an endpoint change (`PATCH .../endpoints/{protocol}`).
    EndpointUpdate {
        /// Switches the endpoint on or off.
        active: bool = "active",
        /// The settings to change (required by 1NCE, may be empty).
        settings: Vec<EndpointSettingUpdate> = "settings",
    }
);

impl EndpointUpdate {
    /// A change of these settings.
    pub fn new(settings: Vec<EndpointSettingUpdate>) -> Self {
        Self {
            active: None,
            settings: Some(settings),
        }
    }
}

os_model!(
    /// A device action request and where it stands.
    ActionRequest {
        /// The request's id.
        id: ActionRequestId = "id",
        /// Scheduled, in progress, succeeded, failed or cancelled.
        status: ActionStatus = "status",
        /// The device.
        device_id: DeviceId = "deviceId",
        /// The device's IP address.
        ip: String = "ip",
        /// The protocol it is sent with.
        protocol: OsProtocol = "protocol",
        /// When it was requested.
        created: Timestamp = "created",
        /// When it last changed.
        updated: Timestamp = "updated",
        /// Send now or when the device is active.
        mode: RequestMode = "mode",
        /// What the device answered.
        result_data: serde_json::Map<String, serde_json::Value> = "resultData",
        /// What was requested.
        request_data: serde_json::Map<String, serde_json::Value> = "requestData",
        /// Attempts left.
        send_attempts_left: u32 = "sendAttemptsLeft",
        /// Attempts in all.
        send_attempts: u32 = "sendAttempts",
    }
);

os_model!(
    /// A cancelled action request.
    CancelledRequest {
        /// The request's id.
        id: ActionRequestId = "id",
        /// `CANCELLED`.
        status: ActionStatus = "status",
    }
);

os_model!(
    /// A device's pre-shared key to set (`POST .../{deviceId}/psk`).
    PskSet {
        /// The key (a secret: redacted in `Debug`).
        secret_key: Secret = "secretKey",
        /// CoAP or LwM2M.
        protocol: OsProtocol = "protocol",
        /// Text or hexadecimal.
        format: KeyFormat = "format",
    }
);

impl PskSet {
    /// The key `secret_key` for `protocol` (CoAP or LwM2M).
    pub fn new(secret_key: impl Into<Secret>, protocol: OsProtocol) -> Self {
        Self {
            secret_key: Some(secret_key.into()),
            protocol: Some(protocol),
            format: None,
        }
    }
}

os_model!(
    /// A device's pre-shared key, as 1NCE stores it.
    PreSharedKey {
        /// The device.
        device_id: DeviceId = "deviceId",
        /// The PSK identity the device presents.
        identity: String = "identity",
        /// The key (a secret: redacted in `Debug`).
        secret_key: Secret = "secretKey",
        /// When it was set.
        created_at: Timestamp = "createdAt",
        /// When it last changed.
        updated_at: Timestamp = "updatedAt",
        /// CoAP or LwM2M.
        protocol: OsProtocol = "protocol",
        /// Text or hexadecimal.
        format: KeyFormat = "format",
    }
);

os_model!(
    /// One device's key in a pre-shared-key job.
    PskJobEntry {
        /// The device.
        device_id: DeviceId = "deviceId",
        /// The key (a secret: redacted in `Debug`).
        secret_key: Secret = "secretKey",
        /// CoAP or LwM2M.
        protocol: OsProtocol = "protocol",
        /// Text or hexadecimal.
        format: KeyFormat = "format",
    }
);

impl PskJobEntry {
    /// The key `secret_key` of `device_id` for `protocol`.
    pub fn new(
        device_id: impl Into<DeviceId>,
        secret_key: impl Into<Secret>,
        protocol: OsProtocol,
    ) -> Self {
        Self {
            device_id: Some(device_id.into()),
            secret_key: Some(secret_key.into()),
            protocol: Some(protocol),
            format: None,
        }
    }
}

os_model!(
    /// A pre-shared-key job: keys of many devices set at once.
    PskJob {
        /// The job's id.
        id: PskJobId = "id",
        /// When it was created.
        created_at: Timestamp = "createdAt",
        /// When it last changed.
        updated_at: Timestamp = "updatedAt",
        /// In progress or done.
        status: PskJobStatus = "status",
        /// Keys in the job.
        amount: u64 = "amount",
        /// Keys that failed.
        failed: u64 = "failed",
        /// Keys set.
        done: u64 = "done",
    }
);

os_model!(
    /// An LwM2M action for a device.
    Lwm2mAction {
        /// Read, write, execute, observe.
        action: Lwm2mOperation = "action",
        /// The resource, e.g. `/3/0/1`.
        resource_address: String = "resourceAddress",
        /// The value to write or the arguments to execute.
        data: String = "data",
        /// Now or when active.
        request_mode: RequestMode = "requestMode",
        /// Attempts before it fails.
        send_attempts: u32 = "sendAttempts",
    }
);

impl Lwm2mAction {
    /// `action` on `resource_address`.
    pub fn new(action: Lwm2mOperation, resource_address: impl Into<String>) -> Self {
        Self {
            action: Some(action),
            resource_address: Some(resource_address.into()),
            ..Self::default()
        }
    }
}

os_model!(
    /// A CoAP request for a device.
    CoapAction {
        /// The payload.
        payload: String = "payload",
        /// Text or base64.
        payload_type: PayloadType = "payloadType",
        /// The device's port.
        port: u32 = "port",
        /// The CoAP path.
        path: String = "path",
        /// The CoAP method.
        request_type: CoapMethod = "requestType",
        /// Now or when active.
        request_mode: RequestMode = "requestMode",
        /// Attempts before it fails.
        send_attempts: u32 = "sendAttempts",
    }
);

impl CoapAction {
    /// A `method` request to `path` on the device's `port`.
    pub fn new(method: CoapMethod, port: u32, path: impl Into<String>) -> Self {
        Self {
            request_type: Some(method),
            port: Some(port),
            path: Some(path.into()),
            ..Self::default()
        }
    }
}

os_model!(
    /// A UDP message for a device.
    UdpAction {
        /// The payload.
        payload: String = "payload",
        /// Text or base64.
        payload_type: PayloadType = "payloadType",
        /// The device's port.
        port: u32 = "port",
        /// Now or when active.
        request_mode: RequestMode = "requestMode",
    }
);

impl UdpAction {
    /// `payload` (encoded as `payload_type`) to the device's `port`.
    pub fn new(payload: impl Into<String>, payload_type: PayloadType, port: u32) -> Self {
        Self {
            payload: Some(payload.into()),
            payload_type: Some(payload_type),
            port: Some(port),
            request_mode: None,
        }
    }
}

/// The same action for many devices (`deviceIds` beside the action's
/// fields).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkAction<A> {
    /// The devices.
    #[serde(default, rename = "deviceIds")]
    pub device_ids: Vec<DeviceId>,
    /// The action.
    #[serde(flatten)]
    pub action: A,
}

impl<A> BulkAction<A> {
    /// `action` for every device of `device_ids`.
    pub fn new(device_ids: Vec<DeviceId>, action: A) -> Self {
        Self { device_ids, action }
    }
}

os_model!(
    /// 1NCE's answer to an action for one device (202 Accepted).
    ActionAccepted {
        /// The action request's id (to follow it).
        id: ActionRequestId = "id",
        /// 1NCE's message.
        message: String = "message",
    }
);

os_model!(
    /// One device's accepted request of a bulk action.
    AcceptedRequest {
        /// The device.
        device_id: DeviceId = "deviceId",
        /// Its action request.
        request_id: ActionRequestId = "requestId",
    }
);

os_model!(
    /// 1NCE's answer to an action for many devices (202 Accepted).
    BulkActionAccepted {
        /// The requests made, one per accepted device.
        accepted_requests: Vec<AcceptedRequest> = "acceptedRequests",
        /// The devices refused.
        rejected_devices: Vec<DeviceId> = "rejectedDevices",
        /// 1NCE's message.
        message: String = "message",
    }
);

os_model!(
    /// The account's device figures.
    DeviceStats {
        /// Devices in all.
        total_devices: u64 = "totalDevices",
        /// Devices activated.
        activated_devices: u64 = "activatedDevices",
    }
);
