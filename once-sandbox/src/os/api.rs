//! The sandbox's 1NCE OS controls for tests: devices sending data and
//! positions, 1NCE OS's clock, and the webhook posts made.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use serde_json::json;

use super::state::{AdminLog, Message, Outgoing, Position};
use crate::server::{lock, Shared};
use crate::{Sandbox, UnknownSim};

/// A protocol devices speak to 1NCE OS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OsProtocol {
    /// Plain UDP.
    Udp,
    /// CoAP.
    Coap,
    /// LwM2M.
    Lwm2m,
}

impl OsProtocol {
    /// The document's name: `UDP`, `COAP`, `LWM2M`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Udp => "UDP",
            Self::Coap => "COAP",
            Self::Lwm2m => "LWM2M",
        }
    }

    /// The protocol of a document name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "UDP" => Some(Self::Udp),
            "COAP" => Some(Self::Coap),
            "LWM2M" => Some(Self::Lwm2m),
            _ => None,
        }
    }
}

/// Where a position comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PositionSource {
    /// The device's GPS.
    Gps,
    /// The cell tower the device is attached to.
    CellTower,
}

impl PositionSource {
    /// The document's name: `GPS`, `CellTower`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gps => "GPS",
            Self::CellTower => "CellTower",
        }
    }
}

/// Entering or leaving a geofence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GeofenceCrossing {
    /// The device moved into the geofence (`ENTER`).
    Enter,
    /// The device moved out of it (`EXIT`).
    Exit,
}

/// A device crossing a geofence's border, for an event type the geofence
/// watches (its `eventTypes`) from a source it watches (`eventSources`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeofenceEvent {
    /// The geofence's id.
    pub geofence_id: String,
    /// The device (its ICCID).
    pub device_id: String,
    /// In or out.
    pub crossing: GeofenceCrossing,
}

/// One post 1NCE OS made to a webhook integration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// The integration's id.
    pub integration_id: String,
    /// The event type posted (`TELEMETRY_DATA`, `GEOFENCE`, `LOCATION`,
    /// `TEST_MESSAGE`, ...).
    pub event_type: String,
    /// The status the webhook answered; `None` if it could not be reached.
    pub status: Option<u16>,
}

/// Posts to webhooks, records each outcome, and returns them.
pub(crate) async fn deliver(shared: &Shared, posts: Vec<Outgoing>) -> Vec<WebhookDelivery> {
    if posts.is_empty() {
        return Vec::new();
    }
    let http = crate::stream::webhook_client();
    let mut done = Vec::new();
    for post in posts {
        let status = match &http {
            None => None,
            Some(http) => {
                let mut req = http
                    .post(&post.url)
                    .timeout(Duration::from_secs(10))
                    .header("content-type", "application/json");
                for (k, v) in &post.headers {
                    req = req.header(k.as_str(), v.as_str());
                }
                req.body(post.body.to_string())
                    .send()
                    .await
                    .ok()
                    .map(|r| r.status().as_u16())
            }
        };
        let delivery = WebhookDelivery {
            integration_id: post.integration_id.clone(),
            event_type: post.event_type.clone(),
            status,
        };
        let mut os = lock(&shared.os);
        let now = os.now();
        let ok = status.is_some_and(|s| (200..300).contains(&s));
        if let Some(i) = os
            .integrations
            .iter_mut()
            .find(|i| i.id == post.integration_id)
        {
            if ok {
                i.last_delivery = Some(now);
            }
        }
        if !ok {
            os.log(AdminLog {
                id: String::new(),
                time: now,
                kind: "INTEGRATION",
                error: true,
                message: format!(
                    "Delivery of {} to integration {} failed ({})",
                    post.event_type,
                    post.integration_id,
                    status.map_or("unreachable".to_string(), |s| format!("HTTP {s}"))
                ),
                iccid: None,
                geofence_id: None,
                integration_id: Some(post.integration_id.clone()),
                payload: None,
            });
        }
        os.deliveries.push(delivery.clone());
        done.push(delivery);
    }
    done
}

/// Posts in the background (the device does not wait for the cloud).
fn deliver_later(shared: &Arc<Shared>, posts: Vec<Outgoing>) {
    if posts.is_empty() {
        return;
    }
    let Some(runtime) = lock(&shared.os).runtime.clone() else {
        return;
    };
    let shared = Arc::clone(shared);
    runtime.spawn(async move {
        deliver(&shared, posts).await;
    });
}

impl Sandbox {
    fn os_device(&self, iccid: &str) -> Result<String, UnknownSim> {
        let world = lock(&self.shared.world);
        world
            .find(iccid)
            .map(|i| world.sims[i].iccid.clone())
            .ok_or_else(|| UnknownSim(iccid.to_string()))
    }

    /// Simulates the device (every SIM of the fleet is a 1NCE OS device, its
    /// id the ICCID) sending `payload` to 1NCE OS over `protocol`: the
    /// message shows in the device's history and telemetry; an `ACTIVE`
    /// energy-saver template for the protocol translates it (and counts its
    /// savings); webhook integrations subscribed to `TELEMETRY_DATA` get it
    /// posted, with their custom headers, in the background (see
    /// [`os_webhook_deliveries`](Self::os_webhook_deliveries)) on the
    /// sandbox's runtime, from whichever thread this is called.
    pub fn os_device_message(
        &self,
        iccid: impl AsRef<str>,
        protocol: OsProtocol,
        payload: &[u8],
    ) -> Result<(), UnknownSim> {
        let device = self.os_device(iccid.as_ref())?;
        let mut os = lock(&self.shared.os);
        let now = os.now();
        os.messages.push(Message {
            device_id: device.clone(),
            time: now,
            protocol,
            payload: payload.to_vec(),
        });
        let translated =
            super::optimizer::translate_incoming(&mut os, &device, protocol, payload, now);
        let b64 = base64::engine::general_purpose::STANDARD.encode(payload);
        let mut data = json!({
            "deviceId": device,
            "iccid": device,
            "protocol": protocol.as_str(),
            "payload": b64,
        });
        if let Some(t) = translated {
            data["translatedPayload"] = t;
        }
        let posts = os.outgoing("TELEMETRY_DATA", data, now);
        drop(os);
        deliver_later(&self.shared, posts);
        Ok(())
    }

    /// Simulates the device reporting a position (`longitude`, `latitude`
    /// in degrees): it shows in the locator, and each geofence the device is
    /// subject to (global ones and its own) that watches `source` compares
    /// it with the device's last position there. Moving in is `ENTER`,
    /// moving out `EXIT` (a first position inside counts as entering); a
    /// crossing of a type the geofence watches is logged (administration
    /// logs, type `LOCATION`, with the `geofenceId`) and posted to webhook
    /// integrations subscribed to `GEOFENCE`. Every position is posted to
    /// those subscribed to `LOCATION`. Returns the crossings.
    pub fn os_report_position(
        &self,
        iccid: impl AsRef<str>,
        longitude: f64,
        latitude: f64,
        source: PositionSource,
    ) -> Result<Vec<GeofenceEvent>, UnknownSim> {
        let device = self.os_device(iccid.as_ref())?;
        let mut os = lock(&self.shared.os);
        let now = os.now();
        os.positions.push(Position {
            device_id: device.clone(),
            lon: longitude,
            lat: latitude,
            time: now,
            source: source.as_str(),
        });
        let events =
            super::locator::crossings(&mut os, &device, [longitude, latitude], source, now);
        let mut posts = os.outgoing(
            "LOCATION",
            json!({
                "deviceId": device,
                "coordinate": [longitude, latitude],
                "source": source.as_str(),
                "sampleTime": super::ts(now),
            }),
            now,
        );
        for e in &events {
            let kind = match e.crossing {
                GeofenceCrossing::Enter => "ENTER",
                GeofenceCrossing::Exit => "EXIT",
            };
            posts.extend(os.outgoing(
                "GEOFENCE",
                json!({
                    "deviceId": e.device_id,
                    "geofenceId": e.geofence_id,
                    "eventType": kind,
                    "coordinate": [longitude, latitude],
                    "source": source.as_str(),
                    "sampleTime": super::ts(now),
                }),
                now,
            ));
        }
        drop(os);
        deliver_later(&self.shared, posts);
        Ok(events)
    }

    /// Moves 1NCE OS's clock forward: device actions, key jobs and AWS
    /// rollouts progress as if `by` had passed (the Management API's clock
    /// is not affected).
    pub fn advance_os_clock(&self, by: Duration) {
        let mut os = lock(&self.shared.os);
        os.clock_offset += chrono::Duration::from_std(by).unwrap_or(chrono::Duration::zero());
    }

    /// How long a device action stays `SCHEDULED` and then `IN_PROGRESS`
    /// before it ends (default 1 s each), and how long a pre-shared-key job
    /// or an AWS rollout takes. Applies to requests in flight too.
    pub fn set_os_action_stage(&self, stage: Duration) {
        lock(&self.shared.os).stage =
            chrono::Duration::from_std(stage).unwrap_or(chrono::Duration::seconds(1));
    }

    /// Every post to a webhook integration that has ended (answered or
    /// failed), oldest first.
    pub fn os_webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.shared.os).deliveries.clone()
    }
}
