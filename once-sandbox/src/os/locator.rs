//! Device Locator: positions, cell tower activity, geofences and their
//! enter/exit logic.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::api::{GeofenceCrossing, GeofenceEvent, PositionSource};
use super::state::{AdminLog, Area, Geofence, OsWorld, Position};
use super::{bad, not_found, page, paged, Answer, Req};
use crate::routes::Reply;
use crate::state::World;

/// The mean Earth radius in metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres between two `[lon, lat]` points.
fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, la2) = (a[1].to_radians(), b[1].to_radians());
    let dla = la2 - la1;
    let dlo = (b[0] - a[0]).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// Ray casting: inside the first ring and outside every other (holes).
fn in_polygon(rings: &[Vec<[f64; 2]>], p: [f64; 2]) -> bool {
    let in_ring = |ring: &Vec<[f64; 2]>| {
        let mut inside = false;
        let mut j = ring.len().wrapping_sub(1);
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[j]);
            if (a[1] > p[1]) != (b[1] > p[1])
                && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
            {
                inside = !inside;
            }
            j = i;
        }
        inside
    };
    rings.first().is_some_and(in_ring) && !rings.iter().skip(1).any(in_ring)
}

impl Area {
    pub(crate) fn contains(&self, p: [f64; 2]) -> bool {
        match self {
            Area::Polygon(rings) => in_polygon(rings, p),
            Area::Circle(c, r) => distance(*c, p) <= *r,
        }
    }
}

/// The crossings a new position makes, logged; see
/// [`Sandbox::os_report_position`](crate::Sandbox::os_report_position).
pub(crate) fn crossings(
    os: &mut OsWorld,
    device: &str,
    p: [f64; 2],
    source: PositionSource,
    now: DateTime<Utc>,
) -> Vec<GeofenceEvent> {
    let mut events = Vec::new();
    for g in &os.geofences {
        if g.device_id.as_deref().is_some_and(|d| d != device)
            || !g.event_sources.iter().any(|s| s == source.as_str())
        {
            continue;
        }
        let inside = g.area.contains(p);
        let was = os
            .inside
            .insert((g.id.clone(), device.to_string()), inside)
            .unwrap_or(false);
        let crossing = match (was, inside) {
            (false, true) => GeofenceCrossing::Enter,
            (true, false) => GeofenceCrossing::Exit,
            _ => continue,
        };
        let kind = if crossing == GeofenceCrossing::Enter {
            "ENTER"
        } else {
            "EXIT"
        };
        if g.event_types.iter().any(|t| t == kind) {
            events.push(GeofenceEvent {
                geofence_id: g.id.clone(),
                device_id: device.to_string(),
                crossing,
            });
        }
    }
    for e in &events {
        let name = os
            .geofences
            .iter()
            .find(|g| g.id == e.geofence_id)
            .map_or("", |g| g.name.as_str())
            .to_string();
        let verb = if e.crossing == GeofenceCrossing::Enter {
            "entered"
        } else {
            "left"
        };
        os.log(AdminLog {
            id: String::new(),
            time: now,
            kind: "LOCATION",
            error: false,
            message: format!("Device {device} {verb} geofence {name}"),
            iccid: Some(device.to_string()),
            geofence_id: Some(e.geofence_id.clone()),
            integration_id: None,
            payload: None,
        });
    }
    events
}

fn position_json(p: &Position, with_device: bool) -> Value {
    let mut v = json!({
        "coordinate": [p.lon, p.lat],
        "sampleTime": super::ts(p.time),
        "source": p.source,
        "metadata": {},
    });
    if with_device {
        v["deviceId"] = json!(p.device_id);
    }
    v
}

/// Positions filtered by source and time, sorted by `sort` (`sampleTime`
/// or `-sampleTime`, the default newest first).
fn filtered<'o>(
    os: &'o OsWorld,
    req: &Req<'_>,
    device: Option<&str>,
) -> Result<Vec<&'o Position>, Reply> {
    let source = req.q_enum("source", &["GPS", "CellTower"])?;
    let start = req.q_time("startDateTime")?;
    let end = req.q_time("endDateTime")?;
    let mut ps: Vec<&Position> = os
        .positions
        .iter()
        .filter(|p| device.is_none_or(|d| p.device_id == d))
        .filter(|p| source.is_none_or(|s| p.source == s))
        .filter(|p| start.is_none_or(|s| p.time >= s) && end.is_none_or(|e| p.time <= e))
        .collect();
    match req.q("sort") {
        Some("sampleTime") => {}
        None | Some("-sampleTime") => ps.reverse(),
        Some(v) => {
            return Err(bad(format!(
                "cannot sort positions by {v:?} (sampleTime, -sampleTime)"
            )))
        }
    }
    Ok(ps)
}

pub(crate) fn positions(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let page_no = req.q_int("page", 1, 1, 50)?;
    let size = req.q_int("pageSize", 10, 1, 100)?;
    match req.template {
        "/v1/locate/devices/{deviceId}/positions" => {
            let device = req.path(0);
            if world.find(device).is_none() {
                return Err(bad(format!(
                    "Device {device} is not a device of this customer"
                )));
            }
            let mode = req.q_enum("mode", &["ALL", "SUMMARY"])?;
            let mut ps = filtered(os, req, Some(device))?;
            if mode == Some("SUMMARY") && ps.len() > 2 {
                // The first and the last position of the range.
                ps = vec![ps[0], ps[ps.len() - 1]];
            }
            let items = ps.into_iter().map(|p| position_json(p, false)).collect();
            Ok(Reply::json(200, paged(items, page_no, size, "coordinates")))
        }
        _ => {
            let lon_from = req.q_num("longitudeFrom", -180.0, 180.0)?;
            let lon_to = req.q_num("longitudeTo", -180.0, 180.0)?;
            let lat_from = req.q_num("latitudeFrom", -90.0, 90.0)?;
            let lat_to = req.q_num("latitudeTo", -90.0, 90.0)?;
            let mut latest: Vec<&Position> = Vec::new();
            for p in filtered(os, req, req.q("deviceId"))? {
                if !latest.iter().any(|l| l.device_id == p.device_id) {
                    latest.push(p);
                }
            }
            latest.retain(|p| {
                lon_from.is_none_or(|v| p.lon >= v)
                    && lon_to.is_none_or(|v| p.lon <= v)
                    && lat_from.is_none_or(|v| p.lat >= v)
                    && lat_to.is_none_or(|v| p.lat <= v)
            });
            let items = latest.into_iter().map(|p| position_json(p, true)).collect();
            Ok(Reply::json(200, paged(items, page_no, size, "coordinates")))
        }
    }
}

pub(crate) fn activity(os: &OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let device = req.path(0);
    let sim = world
        .find(device)
        .map(|i| &world.sims[i])
        .ok_or_else(|| bad(format!("Device {device} is not a device of this customer")))?;
    let start = req.q_time("startDateTime")?;
    let end = req.q_time("endDateTime")?;
    let advanced = os
        .settings
        .iter()
        .any(|s| s.name == "ADVANCED_CELL_TOWER_LOCATION" && s.enabled);
    let items: Vec<Value> = os
        .positions
        .iter()
        .filter(|p| p.device_id == device && p.source == "CellTower")
        .filter(|p| start.is_none_or(|s| p.time >= s) && end.is_none_or(|e| p.time <= e))
        .map(|p| {
            json!({
                "iccid": sim.iccid,
                "towerLocation": {"longitude": p.lon, "latitude": p.lat},
                "towerMetadata": {"MCC": "262", "MNC": "01", "LAC": "1234", "CellID": format!("{}", (p.lon.abs() * 1000.0) as u64 % 65536)},
                "sampleTime": super::ts(p.time),
                "resolutionMetadata": {},
                "radioAccessType": "LTE-M",
                "resolutionMode": if advanced { "ADVANCED" } else { "BASIC" },
                "locationResolutionStatus": "SUCCEEDED",
            })
        })
        .collect();
    Ok(Reply::json(200, json!({"items": items})))
}

fn geofence_json(g: &Geofence, times: bool) -> Value {
    let mut v = json!({
        "id": g.id,
        "name": g.name,
        "deviceId": g.device_id,
        "eventTypes": g.event_types,
        "eventSources": g.event_sources,
    });
    match &g.area {
        Area::Polygon(rings) => {
            v["type"] = json!("polygon");
            v["coordinates"] = json!(rings);
        }
        Area::Circle(c, r) => {
            v["type"] = json!("circle");
            v["center"] = json!(c);
            v["radius"] = json!(r);
        }
    }
    if times {
        v["created"] = json!(super::ts(g.created));
        v["updated"] = json!(super::ts(g.updated));
    }
    v
}

fn strings(
    body: &Map<String, Value>,
    key: &str,
    allowed: &[&str],
) -> Result<Option<Vec<String>>, Reply> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Array(a)) if !a.is_empty() => a
            .iter()
            .map(|v| match v.as_str() {
                Some(s) if allowed.contains(&s) => Ok(s.to_string()),
                _ => Err(bad(format!(
                    "{key} items must be one of {}",
                    allowed.join(", ")
                ))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(bad(format!("{key} must be a non-empty array"))),
    }
}

fn name(body: &Map<String, Value>, required: bool) -> Result<Option<String>, Reply> {
    match body.get("name") {
        None if required => Err(bad("name is required")),
        None => Ok(None),
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= 50 => Ok(Some(s.clone())),
        Some(_) => Err(bad("name must be a string of 1 to 50 characters")),
    }
}

fn point(v: &Value) -> Option<[f64; 2]> {
    let a = v.as_array().filter(|a| a.len() == 2)?;
    let (lon, lat) = (a[0].as_f64()?, a[1].as_f64()?);
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some([lon, lat])
}

fn area(body: &Map<String, Value>) -> Result<Area, Reply> {
    match body.get("type").and_then(Value::as_str) {
        Some("polygon") => {
            let rings = body
                .get("coordinates")
                .and_then(Value::as_array)
                .filter(|r| !r.is_empty())
                .ok_or_else(|| bad("coordinates is required for a polygon: an array of rings"))?;
            let mut out = Vec::new();
            for ring in rings {
                let pts: Option<Vec<[f64; 2]>> = ring
                    .as_array()
                    .map(|r| r.iter().map(point).collect())
                    .unwrap_or(None);
                match pts {
                    Some(p) if p.len() >= 4 && p.first() == p.last() => out.push(p),
                    _ => return Err(bad("each ring needs at least 4 [longitude, latitude] points, the last equal to the first")),
                }
            }
            Ok(Area::Polygon(out))
        }
        Some("circle") => {
            let center = body
                .get("center")
                .and_then(point)
                .ok_or_else(|| bad("center is required for a circle: [longitude, latitude]"))?;
            let radius = body
                .get("radius")
                .and_then(Value::as_f64)
                .filter(|r| (50.0..=30000.0).contains(r))
                .ok_or_else(|| bad("radius must be a number of metres from 50 to 30000"))?;
            Ok(Area::Circle(center, radius))
        }
        _ => Err(bad("type must be polygon or circle")),
    }
}

pub(crate) fn geofences(os: &mut OsWorld, world: &World, req: &Req<'_>) -> Answer {
    let now = req.now;
    match (req.method, req.template) {
        ("GET", "/v1/locate/geofences") => {
            let scope = req.q_enum("scope", &["global", "device"])?;
            let name = req.q("name");
            let device = req.q("deviceId");
            let items = os
                .geofences
                .iter()
                .filter(|g| name.is_none_or(|n| g.name.contains(n)))
                .filter(|g| device.is_none_or(|d| g.device_id.as_deref() == Some(d)))
                .filter(|g| match scope {
                    Some("global") => g.device_id.is_none(),
                    Some(_) => g.device_id.is_some(),
                    None => true,
                })
                .map(|g| {
                    let mut v = json!({"id": g.id, "name": g.name, "deviceId": g.device_id,
                        "created": super::ts(g.created), "updated": super::ts(g.updated)});
                    v["type"] = json!(if matches!(g.area, Area::Polygon(_)) {
                        "polygon"
                    } else {
                        "circle"
                    });
                    v
                })
                .collect();
            page(req, items, 10, 100)
        }
        ("POST", _) => {
            let body = req.object(&[
                "name",
                "eventTypes",
                "eventSources",
                "deviceId",
                "type",
                "coordinates",
                "radius",
                "center",
            ])?;
            let name = name(&body, true)?.unwrap_or_default();
            let area = area(&body)?;
            let device_id = match body.get("deviceId") {
                None | Some(Value::Null) => None,
                Some(Value::String(d)) if world.find(d).is_some() => Some(d.clone()),
                Some(d) => {
                    return Err(bad(format!(
                        "deviceId {d} is not a device of this customer"
                    )))
                }
            };
            let id = os.new_id();
            let g = Geofence {
                id,
                name,
                device_id,
                event_types: strings(&body, "eventTypes", &["ENTER", "EXIT"])?
                    .unwrap_or_else(|| vec!["ENTER".into(), "EXIT".into()]),
                event_sources: strings(&body, "eventSources", &["CellTower", "GPS"])?
                    .unwrap_or_else(|| vec!["CellTower".into(), "GPS".into()]),
                area,
                created: now,
                updated: now,
            };
            let v = geofence_json(&g, false);
            os.geofences.push(g);
            Ok(Reply::json(201, v))
        }
        (method, _) => {
            let id = req.path(0);
            let i = os
                .geofences
                .iter()
                .position(|g| g.id == id)
                .ok_or_else(|| not_found("Geofence", id))?;
            match method {
                "GET" => Ok(Reply::json(200, geofence_json(&os.geofences[i], true))),
                "DELETE" => {
                    os.geofences.remove(i);
                    os.inside.retain(|(g, _), _| g != id);
                    Ok(Reply::empty(204))
                }
                _ => {
                    let body = req.object(&["name", "eventTypes", "eventSources"])?;
                    let name = name(&body, false)?;
                    let types = strings(&body, "eventTypes", &["ENTER", "EXIT"])?;
                    let sources = strings(&body, "eventSources", &["CellTower", "GPS"])?;
                    let g = &mut os.geofences[i];
                    if let Some(n) = name {
                        g.name = n;
                    }
                    if let Some(t) = types {
                        g.event_types = t;
                    }
                    if let Some(s) = sources {
                        g.event_sources = s;
                    }
                    g.updated = now;
                    Ok(Reply::json(200, geofence_json(g, true)))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_contain_what_is_inside_them() {
        let square = Area::Polygon(vec![vec![
            [0.0, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ]]);
        assert!(square.contains([0.5, 0.5]));
        assert!(!square.contains([1.5, 0.5]));
        // Berlin's Brandenburg Gate and a point about 1.1 km east of it.
        let circle = Area::Circle([13.3777, 52.5163], 1000.0);
        assert!(circle.contains([13.3800, 52.5163]));
        assert!(!circle.contains([13.3940, 52.5163]));
    }
}
