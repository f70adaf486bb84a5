//! Settings, agreements and administration logs of 1NCE OS.

use super::{os_model, AdminLogId, SettingState};
use crate::types::string_enum;
use crate::types::Timestamp;

string_enum!(
    /// The severity of an administration log.
    LogCategory {
        /// Information.
        Info = "info",
        /// An error.
        Error = "error",
    }
);

string_enum!(
    /// What an administration log is about.
    LogType {
        /// An integration.
        Integration = "INTEGRATION",
        /// A device.
        Device = "DEVICE",
        /// The account.
        General = "GENERAL",
        /// Positions and geofences.
        Location = "LOCATION",
        /// Device lifecycle.
        Lifecycle = "LIFECYCLE",
    }
);

string_enum!(
    /// The language of setting descriptions.
    SettingsLanguage {
        /// English.
        En = "en",
        /// German.
        De = "de",
    }
);

os_model!(
    /// Credits of a paid setting.
    SettingDetails {
        /// Credits left.
        credits: f64 = "credits",
        /// When they expire.
        expiry_date: Timestamp = "expiryDate",
    }
);

os_model!(
    /// A 1NCE OS setting of the account.
    OsSetting {
        /// Its name.
        name: String = "name",
        /// What it does.
        description: String = "description",
        /// On or off.
        state: SettingState = "state",
        /// Credits, for paid settings.
        details: SettingDetails = "details",
    }
);

os_model!(
    /// A change of a setting (`PATCH /v1/settings/1nceos/{name}`).
    OsSettingUpdate {
        /// On or off.
        state: SettingState = "state",
        /// Whether you read and accepted the setting's disclaimer.
        read_and_accepted_disclaimer: bool = "readAndAcceptedDisclaimer",
    }
);

impl OsSettingUpdate {
    /// Switches the setting to `state`.
    pub fn new(state: SettingState) -> Self {
        Self {
            state: Some(state),
            read_and_accepted_disclaimer: None,
        }
    }
}

os_model!(
    /// A setting as changed.
    OsSettingChanged {
        /// The customer.
        customer_id: String = "customerId",
        /// The setting.
        name: String = "name",
        /// Its new state.
        state: SettingState = "state",
    }
);

os_model!(
    /// The answer to the 1NCE OS agreement (`POST /v1/agreements/1nceos`).
    Agreement {
        /// Whether you accept it.
        accepted: bool = "accepted",
    }
);

os_model!(
    /// An administration log entry.
    AdminLog {
        /// Its id.
        id: AdminLogId = "id",
        /// The SIM's IMSI.
        imsi: String = "imsi",
        /// A reference to the payload (see `payload_url`).
        payload_reference: String = "payloadReference",
        /// The device's IP address.
        ip: String = "ip",
        /// The SIM's ICCID.
        iccid: String = "iccid",
        /// The customer.
        customer_id: String = "customerId",
        /// When it happened.
        timestamp: Timestamp = "timestamp",
        /// Info or error.
        category: LogCategory = "category",
        /// What it is about.
        log_type: LogType = "type",
        /// A description.
        description: String = "description",
        /// The message.
        message: String = "message",
        /// The trace id.
        trace_id: String = "traceId",
        /// The geofence concerned.
        geofence_id: String = "geofenceId",
        /// The integration concerned.
        integration_id: String = "integrationId",
    }
);

os_model!(
    /// Logs on one day.
    DailyLogCount {
        /// The day.
        day: chrono::NaiveDate = "day",
        /// Logs on that day.
        amount: u64 = "amount",
    }
);

os_model!(
    /// Administration log figures.
    AdminLogStats {
        /// Devices with logs.
        total_unique_devices: u64 = "totalUniqueDevices",
        /// Logs per day.
        administration_logs: Vec<DailyLogCount> = "administrationLogs",
    }
);
