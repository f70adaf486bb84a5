//! Device Locator: positions, cell-tower activity and geofences.

use super::{os_model, DeviceId, GeofenceId};
use crate::types::string_enum;
use crate::types::Timestamp;

string_enum!(
    /// Where a position came from.
    PositionSource {
        /// The device's GPS.
        Gps = "GPS",
        /// The cell tower the device used.
        CellTower = "CellTower",
    }
);

string_enum!(
    /// Every position or a summary.
    PositionMode {
        /// Every position (1NCE's default).
        All = "ALL",
        /// A summary.
        Summary = "SUMMARY",
    }
);

string_enum!(
    /// The radio technology of a cell-tower sample.
    RadioAccessType {
        /// 2G.
        G2 = "2G",
        /// 3G.
        G3 = "3G",
        /// 3.5G.
        G3_5 = "3.5G",
        /// 4G.
        G4 = "4G",
        /// NB-IoT.
        NbIot = "NB-IoT",
        /// LTE-M.
        LteM = "LTE-M",
    }
);

string_enum!(
    /// How a cell tower's location is resolved.
    ResolutionMode {
        /// Basic.
        Basic = "BASIC",
        /// Advanced.
        Advanced = "ADVANCED",
    }
);

string_enum!(
    /// Whether a cell tower's location was found.
    ResolutionStatus {
        /// Found.
        Succeeded = "SUCCEEDED",
        /// Not found.
        Failed = "FAILED",
    }
);

string_enum!(
    /// The shape of a geofence.
    GeofenceType {
        /// A polygon.
        Polygon = "polygon",
        /// A circle.
        Circle = "circle",
    }
);

string_enum!(
    /// What a geofence reports.
    GeofenceEvent {
        /// A device entered it.
        Enter = "ENTER",
        /// A device left it.
        Exit = "EXIT",
    }
);

string_enum!(
    /// Which geofences to list.
    GeofenceScope {
        /// For every device.
        Global = "global",
        /// For one device.
        Device = "device",
    }
);

os_model!(
    /// A device's position.
    Position {
        /// The device (latest positions only).
        device_id: DeviceId = "deviceId",
        /// `[longitude, latitude]`.
        coordinate: Vec<f64> = "coordinate",
        /// When it was sampled.
        sample_time: Timestamp = "sampleTime",
        /// GPS or cell tower.
        source: PositionSource = "source",
        /// More about the sample.
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
    }
);

os_model!(
    /// Where a cell tower is.
    TowerLocation {
        /// Longitude.
        longitude: f64 = "longitude",
        /// Latitude.
        latitude: f64 = "latitude",
    }
);

os_model!(
    /// A cell tower's identity.
    TowerMetadata {
        /// Mobile country code.
        mcc: String = "MCC",
        /// Mobile network code.
        mnc: String = "MNC",
        /// Location area code.
        lac: String = "LAC",
        /// Cell id.
        cell_id: String = "CellID",
    }
);

os_model!(
    /// A cell tower a device used.
    CellActivity {
        /// The device's SIM.
        iccid: String = "iccid",
        /// The tower's location.
        tower_location: TowerLocation = "towerLocation",
        /// The tower's identity.
        tower_metadata: TowerMetadata = "towerMetadata",
        /// When it was sampled.
        sample_time: Timestamp = "sampleTime",
        /// How the location was resolved.
        resolution_metadata: serde_json::Map<String, serde_json::Value> = "resolutionMetadata",
        /// The radio technology.
        radio_access_type: RadioAccessType = "radioAccessType",
        /// Basic or advanced.
        resolution_mode: ResolutionMode = "resolutionMode",
        /// Found or not.
        location_resolution_status: ResolutionStatus = "locationResolutionStatus",
    }
);

os_model!(
    /// A device's cell-tower activity.
    DeviceActivity {
        /// The towers, in time order.
        items: Vec<CellActivity> = "items",
    }
);

os_model!(
    /// A geofence: a polygon (`coordinates`) or a circle (`center`,
    /// `radius`), global or for one device.
    Geofence {
        /// Its id.
        id: GeofenceId = "id",
        /// Its name.
        name: String = "name",
        /// When it was created.
        created: Timestamp = "created",
        /// When it last changed.
        updated: Timestamp = "updated",
        /// The device it is for (absent or null: every device).
        device_id: DeviceId = "deviceId",
        /// Polygon or circle.
        geofence_type: GeofenceType = "type",
        /// Enter and/or exit.
        event_types: Vec<GeofenceEvent> = "eventTypes",
        /// GPS and/or cell tower.
        event_sources: Vec<PositionSource> = "eventSources",
        /// A polygon's rings of `[longitude, latitude]` points.
        coordinates: Vec<Vec<Vec<f64>>> = "coordinates",
        /// A circle's radius, in metres.
        radius: f64 = "radius",
        /// A circle's center, `[longitude, latitude]`.
        center: Vec<f64> = "center",
    }
);

os_model!(
    /// A new geofence (`POST /v1/locate/geofences`); build it with
    /// [`polygon`](Self::polygon) or [`circle`](Self::circle).
    NewGeofence {
        /// Its name.
        name: String = "name",
        /// Enter and/or exit.
        event_types: Vec<GeofenceEvent> = "eventTypes",
        /// GPS and/or cell tower.
        event_sources: Vec<PositionSource> = "eventSources",
        /// The device it is for (none: every device).
        device_id: DeviceId = "deviceId",
        /// Polygon or circle.
        geofence_type: GeofenceType = "type",
        /// A polygon's rings of `[longitude, latitude]` points (the first
        /// point repeated last).
        coordinates: Vec<Vec<Vec<f64>>> = "coordinates",
        /// A circle's radius, in metres.
        radius: f64 = "radius",
        /// A circle's center, `[longitude, latitude]`.
        center: Vec<f64> = "center",
    }
);

impl NewGeofence {
    /// A polygon named `name` with one ring of `[longitude, latitude]`
    /// points (closed: the first point repeated last).
    pub fn polygon(name: impl Into<String>, ring: Vec<[f64; 2]>) -> Self {
        Self {
            name: Some(name.into()),
            geofence_type: Some(GeofenceType::Polygon),
            coordinates: Some(vec![ring.into_iter().map(|p| p.to_vec()).collect()]),
            ..Self::default()
        }
    }

    /// A circle named `name` of `radius` metres around `[longitude, latitude]`.
    pub fn circle(name: impl Into<String>, center: [f64; 2], radius: f64) -> Self {
        Self {
            name: Some(name.into()),
            geofence_type: Some(GeofenceType::Circle),
            center: Some(center.to_vec()),
            radius: Some(radius),
            ..Self::default()
        }
    }
}

os_model!(
    /// A change of a geofence (`PATCH /v1/locate/geofences/{id}`).
    GeofenceUpdate {
        /// A new name.
        name: String = "name",
        /// New event types.
        event_types: Vec<GeofenceEvent> = "eventTypes",
        /// New event sources.
        event_sources: Vec<PositionSource> = "eventSources",
    }
);
