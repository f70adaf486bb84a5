//! Device Inspector: `client.os().inspector()`.

use super::*;
use crate::pagination::ItemStream;
use crate::types::os::{
    Device, DeviceId, DeviceMessage, DeviceTelemetry, HistoryInsights, MessageHistory, OsProtocol,
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
        list(&self.client, paged(&DEVICES, 10, 50, "id"), &DEVICES, &[])
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

    /// Every message of a device's history, page after page (following
    /// `nextToken` until 1NCE sends none). A token 1NCE already sent ends
    /// the stream with [`Error::RepeatedPage`] instead of looping.
    ///
    /// `GET /v1/inspect/devices/{deviceId}/history`, once per page. Read-only.
    pub fn device_history_stream(
        &self,
        device_id: &DeviceId,
        query: &HistoryQuery,
        page_size: Option<u32>,
    ) -> ItemStream<DeviceMessage> {
        let (inspector, device_id, query) = (self.clone(), device_id.clone(), query.clone());
        by_token(DEVICE_HISTORY.name, move |token| {
            inspector.device_history(&device_id, &query, page_size, token.as_deref())
        })
    }

    /// Every message of every device (or of one device id or ICCID), page
    /// after page by `nextToken`, as
    /// [`device_history_stream`](Self::device_history_stream).
    ///
    /// `GET /v1/inspect/devices/history`, once per page. Read-only.
    pub fn history_stream(
        &self,
        device_id: Option<&DeviceId>,
        iccid: Option<&crate::Iccid>,
        query: &HistoryQuery,
        page_size: Option<u32>,
    ) -> ItemStream<DeviceMessage> {
        let (inspector, query) = (self.clone(), query.clone());
        let (device_id, iccid) = (device_id.cloned(), iccid.cloned());
        by_token(HISTORY.name, move |token| {
            inspector.history(
                device_id.as_ref(),
                iccid.as_ref(),
                &query,
                page_size,
                token.as_deref(),
            )
        })
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

/// The items of a history paged by token: `call(None)` for the first
/// page, `call(Some(next_token))` for the next, until no token comes back.
fn by_token<F>(operation: &'static str, call: F) -> ItemStream<DeviceMessage>
where
    F: Fn(Option<String>) -> Call<MessageHistory> + Send + 'static,
{
    use futures::{StreamExt, TryStreamExt};
    struct State<F> {
        call: F,
        next: Option<Option<String>>,
        seen: Vec<String>,
    }
    let state = State {
        call,
        next: Some(None),
        seen: Vec::new(),
    };
    futures::stream::try_unfold(state, move |mut st| async move {
        let Some(token) = st.next.take() else {
            return Ok(None);
        };
        let page = (st.call)(token).await?;
        let items = page.items.unwrap_or_default();
        match page.next_token.filter(|t| !t.is_empty()) {
            Some(t) if !items.is_empty() => {
                if let Some(i) = st.seen.iter().position(|s| *s == t) {
                    let n = st.seen.len() as u32;
                    return Err(Error::repeated_page(operation, n + 2, i as u32 + 2));
                }
                st.seen.push(t.clone());
                st.next = Some(Some(t));
            }
            _ => st.next = None,
        }
        Ok(Some((futures::stream::iter(items.into_iter().map(Ok)), st)))
    })
    .try_flatten()
    .boxed()
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
