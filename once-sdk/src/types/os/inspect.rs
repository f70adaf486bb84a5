//! Device Inspector: devices, their telemetry and message history.

use super::{os_model, DeviceId, OsProtocol};
use crate::types::Timestamp;

os_model!(
    /// A device of 1NCE OS.
    Device {
        /// The device's id.
        id: DeviceId = "id",
        /// Its name.
        name: String = "name",
        /// Its SIM's ICCID.
        iccid: String = "iccid",
        /// Its SIM's IMSI.
        imsi1: String = "imsi1",
        /// Its IP address.
        ip: String = "ip",
    }
);

os_model!(
    /// A device's last reported state (LwM2M objects, as reported).
    DeviceTelemetry {
        /// The device.
        id: DeviceId = "id",
        /// The state, as the device reported it.
        state: serde_json::Map<String, serde_json::Value> = "state",
    }
);

os_model!(
    /// One message of a device's history.
    DeviceMessage {
        /// The device's SIM.
        iccid: String = "iccid",
        /// When it was received.
        time: Timestamp = "time",
        /// The payload.
        payload: String = "payload",
        /// The protocol it came with.
        protocol: OsProtocol = "protocol",
        /// The device.
        device_id: DeviceId = "deviceId",
        /// The topic (one device's history only).
        topic: String = "topic",
    }
);

os_model!(
    /// A page of message history: the messages and the tokens to page on.
    MessageHistory {
        /// The messages.
        items: Vec<DeviceMessage> = "items",
        /// Pass to `next_token` for the next page.
        next_token: String = "nextToken",
        /// The token of the first page.
        first_token: String = "firstToken",
    }
);

os_model!(
    /// Messages counted per interval and protocol.
    MessageCount {
        /// The interval's start.
        time: Timestamp = "time",
        /// The protocol.
        protocol: OsProtocol = "protocol",
        /// Messages in the interval.
        amount: u64 = "amount",
    }
);

os_model!(
    /// Message insights: counts per interval.
    HistoryInsights {
        /// The counts.
        items: Vec<MessageCount> = "items",
        /// The interval, e.g. `1d`.
        interval: String = "interval",
    }
);
