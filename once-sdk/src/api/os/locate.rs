//! Device Locator: `client.os().locator()`.

use super::*;
use crate::types::os::{
    DeviceActivity, DeviceId, Geofence, GeofenceId, GeofenceScope, GeofenceType, GeofenceUpdate,
    NewGeofence, Position, PositionMode, PositionSource,
};
use crate::types::Timestamp;

/// Device Locator, from [`Os::locator`]: positions, cell-tower activity and
/// geofences.
#[derive(Clone, Debug)]
pub struct Locator {
    client: Client,
}

fn check_geofence(g: &NewGeofence) -> std::result::Result<(), ValidationError> {
    non_empty("name", g.name.as_deref().unwrap_or(""))?;
    let point = |p: &[f64]| -> std::result::Result<(), ValidationError> {
        match p {
            [lon, lat] => {
                check_float("longitude", *lon, -180.0, 180.0)?;
                check_float("latitude", *lat, -90.0, 90.0)
            }
            _ => Err(ValidationError::new(
                "coordinates",
                "a point is [longitude, latitude]",
            )),
        }
    };
    match &g.geofence_type {
        Some(GeofenceType::Polygon) => {
            let rings = g.coordinates.as_deref().unwrap_or_default();
            if rings.is_empty() {
                return Err(ValidationError::new(
                    "coordinates",
                    "a polygon needs a ring of points",
                ));
            }
            for ring in rings {
                if ring.len() < 4 || ring.first() != ring.last() {
                    return Err(ValidationError::new(
                        "coordinates",
                        "a ring needs at least 4 points, the first repeated last",
                    ));
                }
                ring.iter().try_for_each(|p| point(p))?;
            }
            Ok(())
        }
        Some(GeofenceType::Circle) => {
            point(g.center.as_deref().unwrap_or_default()).map_err(|_| {
                ValidationError::new("center", "a circle needs a center [longitude, latitude]")
            })?;
            match g.radius {
                Some(r) if r > 0.0 && r.is_finite() => Ok(()),
                other => Err(ValidationError::new(
                    "radius",
                    format!("must be more than 0 metres, got {other:?}"),
                )),
            }
        }
        other => Err(ValidationError::new(
            "type",
            format!("must be polygon or circle, got {other:?}"),
        )),
    }
}

fn check_id(id: &GeofenceId) -> std::result::Result<(), ValidationError> {
    non_empty("geofenceId", id.as_str())
}

impl Locator {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// A device's positions, newest first by default; at most 100 a page.
    ///
    /// `GET /v1/locate/devices/{deviceId}/positions`. Read-only.
    pub fn positions(&self, device_id: &DeviceId) -> List<Position> {
        let l = list(
            &self.client,
            paged(&POSITIONS, 100, 100, ""),
            &POSITIONS,
            &[device_id.as_str()],
        );
        match non_empty("deviceId", device_id.as_str()) {
            Ok(()) => l,
            Err(e) => l.reject(e),
        }
    }

    /// The latest position of each device (or of one, with `device_id`),
    /// optionally within a box (`within`).
    ///
    /// `GET /v1/locate/positions/latest`. Read-only.
    pub fn latest_positions(&self) -> List<Position> {
        list(
            &self.client,
            paged(&LATEST_POSITIONS, 100, 100, "deviceId"),
            &LATEST_POSITIONS,
            &[],
        )
    }

    /// The cell towers a device used.
    ///
    /// `GET /v1/locate/devices/{deviceId}/activity`. Read-only.
    pub fn activity(
        &self,
        device_id: &DeviceId,
        start: Option<Timestamp>,
        end: Option<Timestamp>,
    ) -> Call<DeviceActivity> {
        let req = non_empty("deviceId", device_id.as_str())
            .map(|_| {
                ACTIVITY
                    .request(&[device_id.as_str()])
                    .query_opt("startDateTime", start.as_ref())
                    .query_opt("endDateTime", end.as_ref())
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// The geofences; filter with `name`, `device_id` and `scope`. 1NCE
    /// limits this list to 30 requests a minute (the client paces it).
    ///
    /// `GET /v1/locate/geofences`. Read-only.
    pub fn geofences(&self) -> List<Geofence> {
        list(
            &self.client,
            paged(&GEOFENCES, 10, 100, "id"),
            &GEOFENCES,
            &[],
        )
    }

    /// Creates a geofence ([`NewGeofence::polygon`] or
    /// [`NewGeofence::circle`]); checked first (closed rings, points on the
    /// globe, a positive radius).
    ///
    /// `POST /v1/locate/geofences`. Never retried once it may have reached
    /// 1NCE: a retry would create a second geofence.
    pub fn create_geofence(&self, geofence: &NewGeofence) -> Call<Geofence> {
        match check_geofence(geofence) {
            Ok(()) => with_body(&self.client, &CREATE_GEOFENCE, &[], geofence, call::json),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// One geofence.
    ///
    /// `GET /v1/locate/geofences/{geofenceId}`. Read-only.
    pub fn geofence(&self, id: &GeofenceId) -> Call<Geofence> {
        match check_id(id) {
            Ok(()) => plain(&self.client, &GEOFENCE, &[id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Renames a geofence or changes what it reports.
    ///
    /// `PATCH /v1/locate/geofences/{geofenceId}`. Sets values: retried on
    /// transient failures.
    pub fn update_geofence(&self, id: &GeofenceId, update: &GeofenceUpdate) -> Call<Geofence> {
        let check = check_id(id).and_then(|_| {
            if update == &GeofenceUpdate::default() {
                Err(ValidationError::new(
                    "update",
                    "must change name, eventTypes or eventSources",
                ))
            } else {
                Ok(())
            }
        });
        match check {
            Ok(()) => with_body(
                &self.client,
                &UPDATE_GEOFENCE,
                &[id.as_str()],
                update,
                call::json,
            ),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Deletes a geofence.
    ///
    /// `DELETE /v1/locate/geofences/{geofenceId}`. Retried on transient
    /// failures (a second delete finds nothing to delete).
    pub fn delete_geofence(&self, id: &GeofenceId) -> Call<()> {
        match check_id(id) {
            Ok(()) => Call::new(
                &self.client,
                Ok(DELETE_GEOFENCE.request(&[id.as_str()])),
                call::empty,
            ),
            Err(e) => Call::invalid(&self.client, e, call::empty),
        }
    }
}

const POSITION_LISTS: [&OsOperation; 2] = [&POSITIONS, &LATEST_POSITIONS];

impl List<Position> {
    /// Only positions from GPS or from cell towers.
    pub fn source(self, source: PositionSource) -> Self {
        only_on(self, &POSITION_LISTS, "source", source)
    }

    /// Positions sampled from `start` on.
    pub fn start(self, start: Timestamp) -> Self {
        only_on(self, &POSITION_LISTS, "startDateTime", start)
    }

    /// Positions sampled until `end`.
    pub fn end(self, end: Timestamp) -> Self {
        only_on(self, &POSITION_LISTS, "endDateTime", end)
    }

    /// The order, e.g. `-sampleTime` (the default).
    pub fn sort(self, key: impl Into<String>) -> Self {
        only_on(self, &POSITION_LISTS, "sort", key.into())
    }

    /// Every position or a summary (one device's positions only).
    pub fn mode(self, mode: PositionMode) -> Self {
        only_on(self, &[&POSITIONS], "mode", mode)
    }

    /// The latest position of this device only (latest positions only).
    pub fn device_id(self, device_id: &DeviceId) -> Self {
        only_on(self, &[&LATEST_POSITIONS], "deviceId", device_id)
    }

    /// Only positions within the box from `(lon_from, lat_from)` to
    /// `(lon_to, lat_to)` (latest positions only).
    pub fn within(self, lon_from: f64, lat_from: f64, lon_to: f64, lat_to: f64) -> Self {
        let check = check_float("longitudeFrom", lon_from, -180.0, 180.0)
            .and_then(|_| check_float("longitudeTo", lon_to, -180.0, 180.0))
            .and_then(|_| check_float("latitudeFrom", lat_from, -90.0, 90.0))
            .and_then(|_| check_float("latitudeTo", lat_to, -90.0, 90.0));
        if let Err(e) = check {
            return self.reject(e);
        }
        let l = only_on(self, &[&LATEST_POSITIONS], "longitudeFrom", lon_from);
        let l = only_on(l, &[&LATEST_POSITIONS], "longitudeTo", lon_to);
        let l = only_on(l, &[&LATEST_POSITIONS], "latitudeFrom", lat_from);
        only_on(l, &[&LATEST_POSITIONS], "latitudeTo", lat_to)
    }
}

impl List<Geofence> {
    /// Only geofences with this name.
    pub fn name(self, name: impl Into<String>) -> Self {
        only_on(self, &[&GEOFENCES], "name", name.into())
    }

    /// Only the geofences of this device.
    pub fn device_id(self, device_id: &DeviceId) -> Self {
        only_on(self, &[&GEOFENCES], "deviceId", device_id)
    }

    /// Only global or only device geofences.
    pub fn scope(self, scope: GeofenceScope) -> Self {
        only_on(self, &[&GEOFENCES], "scope", scope)
    }
}
