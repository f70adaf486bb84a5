//! The result and request classes of 1NCE OS (`client.os`): one
//! `py_model!` per Rust model of `once_sdk::types::os`, listing the same
//! fields with the same docs, plus `Secret` (pre-shared keys, partner keys,
//! webhook header values: redacted in `repr()`) and the `ToPy` of the OS
//! identifiers.
//!
//! Request models (`PskSet`, `NewGeofence`, `UdpAction`, ...) are built
//! like results, `UdpAction(payload=..., port=...)`, or passed as dicts of
//! the same keywords; what 1NCE requires is checked by the Rust SDK before
//! anything is sent.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{py_type_of, python_to_json, Mode, ToPy};
use crate::models::py_model;

/// The 1NCE OS identifiers are opaque strings (a number above 2^53 keeps
/// every digit): `str` in Python, either way accepted as arguments.
macro_rules! to_py_as_os_id {
    ($($t:ident),* $(,)?) => {$(
        impl ToPy for once_sdk::types::os::$t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(PyString::new(py, self.as_str()).into_any())
            }
            fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
                if value.is_instance_of::<pyo3::types::PyInt>() {
                    return Ok(serde_json::Value::String(value.str()?.to_cow()?.into_owned()));
                }
                let text: String = value.extract()?;
                Ok(serde_json::Value::String(text))
            }
            fn py_type() -> String {
                "str".into()
            }
        }
    )*};
}

to_py_as_os_id!(
    DeviceId,
    ActionRequestId,
    IntegrationId,
    TemplateId,
    GeofenceId,
    PluginId,
    AdminLogId,
    PskJobId,
);

/// A device or cloud secret (a pre-shared key, a partner's key or token, a
/// webhook's custom header value): `repr()` and `str()` show
/// `[redacted]`; `expose()` returns the value. In `to_dict(mode="json")`
/// and `to_json()` it is `"[redacted]"` too (pickling keeps it).
#[pyclass(frozen, eq, hash, module = "once_sdk")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(pub once_sdk::types::os::Secret);

#[pymethods]
impl Secret {
    #[new]
    fn __new__(value: String) -> Self {
        Self(once_sdk::types::os::Secret::new(value))
    }

    /// The secret itself: only where it is meant to be seen.
    fn expose(&self) -> String {
        self.0.expose().to_string()
    }

    fn __repr__(&self) -> &'static str {
        "Secret('[redacted]')"
    }

    fn __str__(&self) -> &'static str {
        "[redacted]"
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().into_any(),
            (slf.get().0.expose().to_string(),),
        ))
    }
}

impl ToPy for once_sdk::types::os::Secret {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, Secret(self.clone()))?.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        match mode {
            Mode::Python => self.to_py(py),
            Mode::Json => Ok(PyString::new(py, "[redacted]").into_any()),
        }
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        if let Ok(s) = value.cast::<Secret>() {
            return Ok(serde_json::Value::String(s.get().0.expose().to_string()));
        }
        let text: String = value.extract()?;
        Ok(serde_json::Value::String(text))
    }
    fn py_type() -> String {
        "Secret".into()
    }
    fn py_arg_type() -> String {
        "Secret | str".into()
    }
}

/// A webhook's custom headers: a dict of header name to `Secret`.
impl ToPy for once_sdk::types::os::WebhookHeaders {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self.iter() {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
    fn to_plain<'py>(&self, py: Python<'py>, mode: Mode) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self.iter() {
            d.set_item(k, v.to_plain(py, mode)?)?;
        }
        Ok(d.into_any())
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        let d = value.cast::<PyDict>()?;
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            map.insert(
                k.extract()?,
                <once_sdk::types::os::Secret as ToPy>::wire_from_py(&v)?,
            );
        }
        Ok(serde_json::Value::Object(map))
    }
    fn py_type() -> String {
        "dict[str, Secret]".into()
    }
    fn py_arg_type() -> String {
        "Mapping[str, Secret | str]".into()
    }
}

/// Free-form JSON objects (an action's request and result data).
impl ToPy for serde_json::Map<String, serde_json::Value> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        for (k, v) in self {
            d.set_item(k, v.to_py(py)?)?;
        }
        Ok(d.into_any())
    }
    fn wire_from_py(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
        python_to_json(value)
    }
    fn py_type() -> String {
        "dict[str, Any]".into()
    }
    fn py_arg_type() -> String {
        "Mapping[str, Any]".into()
    }
}

py_model! {
    /// Credits of a paid setting.
    SettingDetails(once_sdk::types::os::SettingDetails) {
        /// Credits left.
        credits,
        /// When they expire.
        expiry_date,
    }
}

py_model! {
    /// A 1NCE OS setting of the account.
    OsSetting(once_sdk::types::os::OsSetting) {
        /// Its name.
        name,
        /// What it does.
        description,
        /// On or off.
        state,
        /// Credits, for paid settings.
        details,
    }
}

py_model! {
    /// A change of a setting (`PATCH /v1/settings/1nceos/{name}`).
    OsSettingUpdate(once_sdk::types::os::OsSettingUpdate) {
        /// On or off.
        state,
        /// Whether you read and accepted the setting's disclaimer.
        read_and_accepted_disclaimer,
    }
}

py_model! {
    /// A setting as changed.
    OsSettingChanged(once_sdk::types::os::OsSettingChanged) {
        /// The customer.
        customer_id,
        /// The setting.
        name,
        /// Its new state.
        state,
    }
}

py_model! {
    /// The answer to the 1NCE OS agreement (`POST /v1/agreements/1nceos`).
    Agreement(once_sdk::types::os::Agreement) {
        /// Whether you accept it.
        accepted,
    }
}

py_model! {
    /// An administration log entry.
    AdminLog(once_sdk::types::os::AdminLog) {
        /// Its id.
        id,
        /// The SIM's IMSI.
        imsi,
        /// A reference to the payload (see `payload_url`).
        payload_reference,
        /// The device's IP address.
        ip,
        /// The SIM's ICCID.
        iccid,
        /// The customer.
        customer_id,
        /// When it happened.
        timestamp,
        /// Info or error.
        category,
        /// What it is about.
        log_type,
        /// A description.
        description,
        /// The message.
        message,
        /// The trace id.
        trace_id,
        /// The geofence concerned.
        geofence_id,
        /// The integration concerned.
        integration_id,
    }
}

py_model! {
    /// Logs on one day.
    DailyLogCount(once_sdk::types::os::DailyLogCount) {
        /// The day.
        day,
        /// Logs on that day.
        amount,
    }
}

py_model! {
    /// Administration log figures.
    AdminLogStats(once_sdk::types::os::AdminLogStats) {
        /// Devices with logs.
        total_unique_devices,
        /// Logs per day.
        administration_logs,
    }
}

py_model! {
    /// An event type an integration forwards, in a version.
    EventSubscription(once_sdk::types::os::EventSubscription) {
        /// The event type.
        event_type,
        /// Its version.
        version,
    }
}

py_model! {
    /// A cloud integration (AWS or webhook).
    Integration(once_sdk::types::os::Integration) {
        /// Its id.
        id,
        /// Its name.
        name,
        /// The event types it forwards.
        event_types,
        /// Where it stands.
        state,
        /// AWS or webhook.
        integration_type,
        /// When data last got through.
        last_successful_message_delivery,
        /// The AWS account (AWS).
        aws_account_id,
        /// The AWS region (AWS).
        region,
        /// The last error.
        error,
        /// The token of the CloudFormation stack (AWS).
        jwt,
        /// When it was created.
        created_time,
        /// When it last changed.
        updated_time,
        /// The URL it posts to (webhook).
        url,
        /// Its custom headers (webhook; values redacted in `repr()`).
        headers,
        /// Whether payloads are sent as JSON.
        json_payload_enabled,
    }
}

py_model! {
    /// A new AWS integration (`POST /v1/integrate/clouds/aws`).
    NewAwsIntegration(once_sdk::types::os::NewAwsIntegration) {
        /// Its name.
        name,
        /// The event types to forward.
        event_types,
        /// Whether payloads are sent as JSON.
        json_payload_enabled,
    }
}

py_model! {
    /// A new webhook integration (`POST /v1/integrate/clouds/webhooks`).
    NewWebhookIntegration(once_sdk::types::os::NewWebhookIntegration) {
        /// Its name.
        name,
        /// The URL to post to.
        url,
        /// Custom headers sent with every post (values are secrets).
        headers,
        /// The event types to forward.
        event_types,
        /// Whether payloads are sent as JSON.
        json_payload_enabled,
    }
}

py_model! {
    /// A change of an integration (only the fields set are sent).
    IntegrationUpdate(once_sdk::types::os::IntegrationUpdate) {
        /// A new URL (webhook).
        url,
        /// New custom headers (webhook; values are secrets).
        headers,
        /// New event types.
        event_types,
        /// Whether payloads are sent as JSON.
        json_payload_enabled,
    }
}

py_model! {
    /// A version of the CloudFormation template of AWS integrations.
    CloudFormationTemplate(once_sdk::types::os::CloudFormationTemplate) {
        /// Its version.
        version,
        /// Where it is.
        url,
    }
}

py_model! {
    /// The CloudFormation templates for AWS integrations.
    AwsParameters(once_sdk::types::os::AwsParameters) {
        /// The templates, by version.
        aws_integration,
    }
}

py_model! {
    /// What restarting an integration did.
    IntegrationRestart(once_sdk::types::os::IntegrationRestart) {
        /// The integration.
        integration,
        /// Success or failure.
        restart_status,
        /// 1NCE's message.
        message,
    }
}

py_model! {
    /// What a test message through an integration did.
    IntegrationTest(once_sdk::types::os::IntegrationTest) {
        /// Success or failure.
        test_status,
        /// 1NCE's message.
        message,
    }
}

py_model! {
    /// An event type integrations can forward.
    EventTypeInfo(once_sdk::types::os::EventTypeInfo) {
        /// Its name.
        name,
        /// What it is.
        description,
        /// Its version.
        version,
        /// An example payload.
        payload,
    }
}

py_model! {
    /// The event types integrations can forward.
    EventTypes(once_sdk::types::os::EventTypes) {
        /// The event types.
        event_types,
    }
}

py_model! {
    /// One setting of a protocol endpoint.
    EndpointSetting(once_sdk::types::os::EndpointSetting) {
        /// The setting's name.
        name,
        /// On or off.
        state,
        /// What it does.
        description,
    }
}

py_model! {
    /// A protocol endpoint of 1NCE OS devices talk to (UDP, CoAP, LwM2M).
    ProtocolEndpoint(once_sdk::types::os::ProtocolEndpoint) {
        /// The protocol.
        protocol,
        /// Whether the endpoint is on.
        active,
        /// Its domain name.
        domain,
        /// Its IP addresses.
        ip_addresses,
        /// Its plain port.
        port,
        /// Its DTLS port.
        secure_port,
        /// Its settings (one endpoint only).
        settings,
    }
}

py_model! {
    /// A change of one endpoint setting.
    EndpointSettingUpdate(once_sdk::types::os::EndpointSettingUpdate) {
        /// The setting.
        name,
        /// The new state.
        state,
    }
}

py_model! {
    /// The body of an endpoint change (`PATCH .../endpoints/{protocol}`).
    EndpointUpdate(once_sdk::types::os::EndpointUpdate) {
        /// Switches the endpoint on or off.
        active,
        /// The settings to change (required by 1NCE, may be empty).
        settings,
    }
}

py_model! {
    /// A device action request and where it stands.
    ActionRequest(once_sdk::types::os::ActionRequest) {
        /// The request's id.
        id,
        /// Scheduled, in progress, succeeded, failed or cancelled.
        status,
        /// The device.
        device_id,
        /// The device's IP address.
        ip,
        /// The protocol it is sent with.
        protocol,
        /// When it was requested.
        created,
        /// When it last changed.
        updated,
        /// Send now or when the device is active.
        mode,
        /// What the device answered.
        result_data,
        /// What was requested.
        request_data,
        /// Attempts left.
        send_attempts_left,
        /// Attempts in all.
        send_attempts,
    }
}

py_model! {
    /// A cancelled action request.
    CancelledRequest(once_sdk::types::os::CancelledRequest) {
        /// The request's id.
        id,
        /// `CANCELLED`.
        status,
    }
}

py_model! {
    /// A device's pre-shared key to set (`POST .../{deviceId}/psk`).
    PskSet(once_sdk::types::os::PskSet) {
        /// The key (a secret: redacted in `repr()`).
        secret_key,
        /// CoAP or LwM2M.
        protocol,
        /// Text or hexadecimal.
        format,
    }
}

py_model! {
    /// A device's pre-shared key, as 1NCE stores it.
    PreSharedKey(once_sdk::types::os::PreSharedKey) {
        /// The device.
        device_id,
        /// The PSK identity the device presents.
        identity,
        /// The key (a secret: redacted in `repr()`).
        secret_key,
        /// When it was set.
        created_at,
        /// When it last changed.
        updated_at,
        /// CoAP or LwM2M.
        protocol,
        /// Text or hexadecimal.
        format,
    }
}

py_model! {
    /// One device's key in a pre-shared-key job.
    PskJobEntry(once_sdk::types::os::PskJobEntry) {
        /// The device.
        device_id,
        /// The key (a secret: redacted in `repr()`).
        secret_key,
        /// CoAP or LwM2M.
        protocol,
        /// Text or hexadecimal.
        format,
    }
}

py_model! {
    /// A pre-shared-key job: keys of many devices set at once.
    PskJob(once_sdk::types::os::PskJob) {
        /// The job's id.
        id,
        /// When it was created.
        created_at,
        /// When it last changed.
        updated_at,
        /// In progress or done.
        status,
        /// Keys in the job.
        amount,
        /// Keys that failed.
        failed,
        /// Keys set.
        done,
    }
}

py_model! {
    /// An LwM2M action for a device.
    Lwm2mAction(once_sdk::types::os::Lwm2mAction) {
        /// Read, write, execute, observe.
        action,
        /// The resource, e.g. `/3/0/1`.
        resource_address,
        /// The value to write or the arguments to execute.
        data,
        /// Now or when active.
        request_mode,
        /// Attempts before it fails.
        send_attempts,
    }
}

py_model! {
    /// A CoAP request for a device.
    CoapAction(once_sdk::types::os::CoapAction) {
        /// The payload.
        payload,
        /// Text or base64.
        payload_type,
        /// The device's port.
        port,
        /// The CoAP path.
        path,
        /// The CoAP method.
        request_type,
        /// Now or when active.
        request_mode,
        /// Attempts before it fails.
        send_attempts,
    }
}

py_model! {
    /// A UDP message for a device.
    UdpAction(once_sdk::types::os::UdpAction) {
        /// The payload.
        payload,
        /// Text or base64.
        payload_type,
        /// The device's port.
        port,
        /// Now or when active.
        request_mode,
    }
}

py_model! {
    /// 1NCE's answer to an action for one device (202 Accepted).
    ActionAccepted(once_sdk::types::os::ActionAccepted) {
        /// The action request's id (to follow it).
        id,
        /// 1NCE's message.
        message,
    }
}

py_model! {
    /// One device's accepted request of a bulk action.
    AcceptedRequest(once_sdk::types::os::AcceptedRequest) {
        /// The device.
        device_id,
        /// Its action request.
        request_id,
    }
}

py_model! {
    /// 1NCE's answer to an action for many devices (202 Accepted).
    BulkActionAccepted(once_sdk::types::os::BulkActionAccepted) {
        /// The requests made, one per accepted device.
        accepted_requests,
        /// The devices refused.
        rejected_devices,
        /// 1NCE's message.
        message,
    }
}

py_model! {
    /// The account's device figures.
    DeviceStats(once_sdk::types::os::DeviceStats) {
        /// Devices in all.
        total_devices,
        /// Devices activated.
        activated_devices,
    }
}

py_model! {
    /// A device of 1NCE OS.
    Device(once_sdk::types::os::Device) {
        /// The device's id.
        id,
        /// Its name.
        name,
        /// Its SIM's ICCID.
        iccid,
        /// Its SIM's IMSI.
        imsi1,
        /// Its IP address.
        ip,
    }
}

py_model! {
    /// A device's last reported state (LwM2M objects, as reported).
    DeviceTelemetry(once_sdk::types::os::DeviceTelemetry) {
        /// The device.
        id,
        /// The state, as the device reported it.
        state,
    }
}

py_model! {
    /// One message of a device's history.
    DeviceMessage(once_sdk::types::os::DeviceMessage) {
        /// The device's SIM.
        iccid,
        /// When it was received.
        time,
        /// The payload.
        payload,
        /// The protocol it came with.
        protocol,
        /// The device.
        device_id,
        /// The topic (one device's history only).
        topic,
    }
}

py_model! {
    /// A page of message history: the messages and the tokens to page on.
    MessageHistory(once_sdk::types::os::MessageHistory) {
        /// The messages.
        items,
        /// Pass to `next_token` for the next page.
        next_token,
        /// The token of the first page.
        first_token,
    }
}

py_model! {
    /// Messages counted per interval and protocol.
    MessageCount(once_sdk::types::os::MessageCount) {
        /// The interval's start.
        time,
        /// The protocol.
        protocol,
        /// Messages in the interval.
        amount,
    }
}

py_model! {
    /// Message insights: counts per interval.
    HistoryInsights(once_sdk::types::os::HistoryInsights) {
        /// The counts.
        items,
        /// The interval, e.g. `1d`.
        interval,
    }
}

py_model! {
    /// A device's position.
    Position(once_sdk::types::os::Position) {
        /// The device (latest positions only).
        device_id,
        /// `[longitude, latitude]`.
        coordinate,
        /// When it was sampled.
        sample_time,
        /// GPS or cell tower.
        source,
        /// More about the sample.
        metadata,
    }
}

py_model! {
    /// Where a cell tower is.
    TowerLocation(once_sdk::types::os::TowerLocation) {
        /// Longitude.
        longitude,
        /// Latitude.
        latitude,
    }
}

py_model! {
    /// A cell tower's identity.
    TowerMetadata(once_sdk::types::os::TowerMetadata) {
        /// Mobile country code.
        mcc,
        /// Mobile network code.
        mnc,
        /// Location area code.
        lac,
        /// Cell id.
        cell_id,
    }
}

py_model! {
    /// A cell tower a device used.
    CellActivity(once_sdk::types::os::CellActivity) {
        /// The device's SIM.
        iccid,
        /// The tower's location.
        tower_location,
        /// The tower's identity.
        tower_metadata,
        /// When it was sampled.
        sample_time,
        /// How the location was resolved.
        resolution_metadata,
        /// The radio technology.
        radio_access_type,
        /// Basic or advanced.
        resolution_mode,
        /// Found or not.
        location_resolution_status,
    }
}

py_model! {
    /// A device's cell-tower activity.
    DeviceActivity(once_sdk::types::os::DeviceActivity) {
        /// The towers, in time order.
        items,
    }
}

py_model! {
    /// A geofence: a polygon (`coordinates`) or a circle (`center`,
    /// `radius`), global or for one device.
    Geofence(once_sdk::types::os::Geofence) {
        /// Its id.
        id,
        /// Its name.
        name,
        /// When it was created.
        created,
        /// When it last changed.
        updated,
        /// The device it is for (absent or null: every device).
        device_id,
        /// Polygon or circle.
        geofence_type,
        /// Enter and/or exit.
        event_types,
        /// GPS and/or cell tower.
        event_sources,
        /// A polygon's rings of `[longitude, latitude]` points.
        coordinates,
        /// A circle's radius, in metres.
        radius,
        /// A circle's center, `[longitude, latitude]`.
        center,
    }
}

py_model! {
    /// A new geofence (`POST /v1/locate/geofences`): a circle
    /// (`geofence_type="circle"`, `center=[lon, lat]`, `radius` in metres) or
    /// a polygon (`geofence_type="polygon"`, `coordinates`: rings of
    /// `[lon, lat]` points, the first repeated last).
    NewGeofence(once_sdk::types::os::NewGeofence) {
        /// Its name.
        name,
        /// Enter and/or exit.
        event_types,
        /// GPS and/or cell tower.
        event_sources,
        /// The device it is for (none: every device).
        device_id,
        /// Polygon or circle.
        geofence_type,
        /// A polygon's rings of `[longitude, latitude]` points (the first
        /// point repeated last).
        coordinates,
        /// A circle's radius, in metres.
        radius,
        /// A circle's center, `[longitude, latitude]`.
        center,
    }
}

py_model! {
    /// A change of a geofence (`PATCH /v1/locate/geofences/{id}`).
    GeofenceUpdate(once_sdk::types::os::GeofenceUpdate) {
        /// A new name.
        name,
        /// New event types.
        event_types,
        /// New event sources.
        event_sources,
    }
}

py_model! {
    /// A translation template of the energy saver.
    Template(once_sdk::types::os::Template) {
        /// Its id.
        id,
        /// Its name.
        name,
        /// The template.
        template,
        /// Active or inactive.
        status,
        /// The protocols it applies to (CoAP, UDP).
        protocol_filter,
    }
}

py_model! {
    /// A new template, or a change of one (only the fields set are sent).
    TemplateInput(once_sdk::types::os::TemplateInput) {
        /// Its name.
        name,
        /// The template.
        template,
        /// The protocols it applies to (CoAP, UDP).
        protocol_filter,
        /// Active or inactive.
        status,
    }
}

py_model! {
    /// A payload to translate with a template, as a test.
    TranslationTest(once_sdk::types::os::TranslationTest) {
        /// The template.
        template,
        /// The payload.
        payload,
    }
}

py_model! {
    /// What a test translation gave.
    Translation(once_sdk::types::os::Translation) {
        /// The translated payload.
        translated_payload,
        /// Bytes saved.
        reduced_bytes,
        /// Energy saved, in percent.
        energy_usage_reduction,
    }
}

py_model! {
    /// A figure and its change over the period before.
    Trend(once_sdk::types::os::Trend) {
        /// The figure.
        value,
        /// Its change.
        delta,
    }
}

py_model! {
    /// The energy saver's figures over a period.
    Savings(once_sdk::types::os::Savings) {
        /// Messages translated.
        messages_translated,
        /// Bytes saved per message on average.
        average_bytes_reduced_per_message,
        /// Bytes saved.
        bytes_saved,
    }
}

py_model! {
    /// A partner plugin; the fields beyond the common ones depend on the
    /// partner.
    Plugin(once_sdk::types::os::Plugin) {
        /// Its id.
        id,
        /// The partner.
        partner,
        /// When it was created.
        created,
        /// When it last changed.
        updated,
        /// Its status.
        status,
        /// The Datacake workspace.
        workspace_id,
        /// The Mender tenant token (a secret).
        tenant_token,
        /// The Mender private key (a secret).
        private_key,
        /// The Mender public key.
        public_key,
        /// The Tartabit server.
        server_domain,
        /// The Tartabit webhook key (a secret).
        webhook_key,
        /// The Memfault account e-mail.
        email,
        /// The Memfault URL.
        url,
        /// The Memfault project.
        memfault_project_id,
    }
}

py_model! {
    /// The settings of a new partner plugin: each partner needs its own
    /// (Datacake: `workspace_id`; Mender: `tenant_token`; Tartabit:
    /// `server_domain`, `webhook_key`; Memfault: none).
    PluginSettings(once_sdk::types::os::PluginSettings) {
        /// Datacake: the workspace.
        workspace_id,
        /// Mender: the tenant token.
        tenant_token,
        /// Mender: a private key.
        private_key,
        /// Mender: a public key.
        public_key,
        /// Tartabit: the server.
        server_domain,
        /// Tartabit: the webhook key.
        webhook_key,
    }
}

py_model! {
    /// What restarting a plugin did.
    PluginRestart(once_sdk::types::os::PluginRestart) {
        /// The plugin.
        plugin,
        /// Success or failure.
        restart_status,
        /// 1NCE's message.
        message,
    }
}
