//! Device Inspector: `client.os().inspector()`.

use super::*;
use crate::types::os::{
    Device, DeviceId, DeviceTelemetry, HistoryInsights, MessageHistory, OsProtocol,
};
use crate::types::Timestamp;

/// Device Inspector, from [`Os::inspector`]: devices, their telemetry and
/// message history.
#[derive(Clone, Debug)]
pub struct Inspector {
    client: Client,
}

/// A history query: the filters the history and insights operations share.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct HistoryQuery {
    /// From this time.
    pub start: Option<Timestamp>,
    /// Until this time.
    pub end: Option<Timestamp>,
    /// Only this protocol.
    pub protocol: Option<OsProtocol>,
}

impl HistoryQuery {
    /// No filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// From `start` until `end`.
    pub fn between(start: Timestamp, end: Timestamp) -> Self {
        Self {
            start: Some(start),
            end: Some(end),
            protocol: None,
        }
    }

    /// Only messages of `protocol`.
    pub fn protocol(mut self, protocol: OsProtocol) -> Self {
        self.protocol = Some(protocol);
        self
    }

    fn apply(&self, req: ApiRequest) -> std::result::Result<ApiRequest, ValidationError> {
        if let (Some(s), Some(e)) = (&self.start, &self.end) {
            if s > e {
                return Err(ValidationError::new(
                    "startDateTime",
                    "must not be after endDateTime",
                ));
            }
        }
        Ok(req
            .query_opt("startDateTime", self.start.as_ref())
            .query_opt("endDateTime", self.end.as_ref())
            .query_opt("protocol", self.protocol.as_ref()))
    }
}

/// Who a history is of: one device, or every device (optionally one
/// device id or ICCID as a filter).
fn whose(
    req: ApiRequest,
    device_id: Option<&DeviceId>,
    iccid: Option<&crate::Iccid>,
) -> ApiRequest {
    req.query_opt("deviceId", device_id)
        .query_opt("iccid", iccid)
}

impl Inspector {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The account's devices; `q` and `sort` filter and order them (1NCE's
    /// syntax: `q("iccid:8988...")`, `sort("iccid,-ip")`). At most 50 per page.
    ///
    /// `GET /v1/inspect/devices`. Read-only.
    pub fn devices(&self) -> List<Device> {
        list(&self.client, paged(&DEVICES, 10, 50), &DEVICES, &[])
    }

    /// One device.
    ///
    /// `GET /v1/inspect/devices/{deviceId}`. Read-only.
    pub fn device(&self, device_id: &DeviceId) -> Call<Device> {
        match non_empty("deviceId", device_id.as_str()) {
            Ok(()) => plain(&self.client, &DEVICE, &[device_id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// A device's last reported state, optionally of one protocol.
    ///
    /// `GET /v1/inspect/devices/{deviceId}/telemetry`. Read-only.
    pub fn telemetry(
        &self,
        device_id: &DeviceId,
        protocol: Option<OsProtocol>,
    ) -> Call<DeviceTelemetry> {
        let req = non_empty("deviceId", device_id.as_str())
            .map(|_| {
                TELEMETRY
                    .request(&[device_id.as_str()])
                    .query_opt("protocol", protocol.as_ref())
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// One page of a device's messages: pass the answer's `next_token` to
    /// get the next (1NCE pages this history by token, not by number).
    ///
    /// `GET /v1/inspect/devices/{deviceId}/history`. Read-only.
    pub fn device_history(
        &self,
        device_id: &DeviceId,
        query: &HistoryQuery,
        page_size: Option<u32>,
        next_token: Option<&str>,
    ) -> Call<MessageHistory> {
        let req = non_empty("deviceId", device_id.as_str())
            .and_then(|_| {
                page_size.map_or(Ok(()), |s| crate::api::check_range("pageSize", s, 1, 100))
            })
            .and_then(|_| query.apply(DEVICE_HISTORY.request(&[device_id.as_str()])))
            .map(|r| {
                r.query_opt("pageSize", page_size)
                    .query_opt("nextToken", next_token)
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// One page of the messages of every device (or of one device id or
    /// ICCID); page on with the answer's `next_token`.
    ///
    /// `GET /v1/inspect/devices/history`. Read-only.
    pub fn history(
        &self,
        device_id: Option<&DeviceId>,
        iccid: Option<&crate::Iccid>,
        query: &HistoryQuery,
        page_size: Option<u32>,
        next_token: Option<&str>,
    ) -> Call<MessageHistory> {
        let req = page_size
            .map_or(Ok(()), |s| crate::api::check_range("pageSize", s, 1, 100))
            .and_then(|_| query.apply(whose(HISTORY.request(&[]), device_id, iccid)))
            .map(|r| {
                r.query_opt("pageSize", page_size)
                    .query_opt("nextToken", next_token)
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// A device's messages counted per `interval` (e.g. `1d`).
    ///
    /// `GET /v1/inspect/devices/{deviceId}/history/insights`. Read-only.
    pub fn device_insights(
        &self,
        device_id: &DeviceId,
        query: &HistoryQuery,
        interval: Option<&str>,
    ) -> Call<HistoryInsights> {
        let req = non_empty("deviceId", device_id.as_str())
            .and_then(|_| query.apply(DEVICE_INSIGHTS.request(&[device_id.as_str()])))
            .map(|r| r.query_opt("interval", interval))
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// Every device's messages (or one device id's or ICCID's) counted per
    /// `interval`.
    ///
    /// `GET /v1/inspect/devices/history/insights`. Read-only.
    pub fn insights(
        &self,
        device_id: Option<&DeviceId>,
        iccid: Option<&crate::Iccid>,
        query: &HistoryQuery,
        interval: Option<&str>,
    ) -> Call<HistoryInsights> {
        let req = query
            .apply(whose(INSIGHTS.request(&[]), device_id, iccid))
            .map(|r| r.query_opt("interval", interval))
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }
}

impl List<Device> {
    /// 1NCE's query, e.g. `iccid:8988280666000000000`.
    pub fn q(self, query: impl Into<String>) -> Self {
        only_on(self, &[&DEVICES], "q", query.into())
    }

    /// 1NCE's order, e.g. `iccid,-ip`.
    pub fn sort(self, keys: impl Into<String>) -> Self {
        only_on(self, &[&DEVICES], "sort", keys.into())
    }
}
