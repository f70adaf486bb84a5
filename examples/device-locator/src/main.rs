//! device-locator: where a fleet's devices are, as a GeoJSON map. Writes
//! one FeatureCollection (RFC 7946) with a Point per device at its latest
//! position, optionally every position (and a track per device) in a time
//! window, and the account's geofences as Polygons. Drop the file on
//! <https://geojson.io> (or QGIS, kepler.gl, a GitHub gist) to see it.
//!
//! What it shows:
//! - `client.os().inspector().devices()`: the 1NCE OS devices, paged in the
//!   body (`items`, `page`, `pageAmount`), for their ICCIDs and names;
//! - `client.os().locator().latest_positions()` and `positions(device)`
//!   with `start`/`end`/`sort`: streams that fetch page after page while
//!   the features are written, so only one page is held at a time;
//! - `client.os().locator().geofences()` then `geofence(id)` for each one's
//!   shape (the list carries no coordinates): a polygon's rings, or a
//!   circle's center and radius, which GeoJSON has no type for, so it is
//!   written as a 64-sided polygon with `center` and `radius` properties;
//! - 1NCE OS writes points as `[longitude, latitude]`, which is GeoJSON's
//!   order too.
//!
//! 1NCE OS serves no list past its 50th page (5,000 positions at 100 a
//! page): a device with more positions in the window stops the run with
//! the SDK's error saying so (and no file is written); narrow the window.
//!
//! ```text
//! cargo run -p device-locator -- --output fleet.geojson                # latest positions and geofences
//! cargo run -p device-locator -- --hours 24 --output day.geojson       # and every position of the last day
//! cargo run -p device-locator -- --since 2026-12-01T00:00:00Z --until 2026-12-02T00:00:00Z
//! ```

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use futures::TryStreamExt;
use once_sdk::types::os::{Device, DeviceId, Geofence, GeofenceType, NewGeofence, Position};
use once_sdk::{Client, Timestamp};
use serde_json::{json, Map, Value};

/// Write the positions of a fleet's devices and its geofences as GeoJSON.
///
/// Runs against a local sandbox (with a few made-up positions around
/// Berlin) unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET are set.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Write to this file instead of stdout (written in full, then moved
    /// into place: a failed run leaves no half-written map).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also every position sampled from this time on (RFC 3339, e.g.
    /// 2026-12-01T00:00:00Z), one Point each and a LineString track per
    /// device (one more request per device).
    #[arg(long, value_name = "TIME", conflicts_with = "hours")]
    since: Option<Timestamp>,
    /// Also every position sampled until this time (with or without --since).
    #[arg(long, value_name = "TIME")]
    until: Option<Timestamp>,
    /// Also every position of the last N hours (the same as --since N hours ago).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=24 * 366))]
    hours: Option<u32>,
    /// Leave the geofences out.
    #[arg(long)]
    no_geofences: bool,
    #[command(flatten)]
    connect: common::ConnectArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::exit_code("device-locator", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let since = match args.hours {
        Some(h) => Some(Timestamp::new(
            chrono::Utc::now() - chrono::Duration::hours(h.into()),
        )),
        None => args.since,
    };
    if let (Some(s), Some(u)) = (since, args.until) {
        if s > u {
            return Err(format!("--since ({s}) is after --until ({u})").into());
        }
    }
    let history = (since.is_some() || args.until.is_some()).then_some((since, args.until));

    let conn = common::connect("device-locator", &args.connect).await?;
    let client = &conn.client;
    if let Some(sandbox) = conn.sandbox() {
        demo_positions(sandbox, client).await?;
    }

    // The ICCID and name of each device, to label its positions.
    let devices: BTreeMap<DeviceId, Device> = client
        .os()
        .inspector()
        .devices()
        .page_size(50)
        .stream()
        .try_filter_map(|d| async move { Ok(d.id.clone().map(|id| (id, d))) })
        .try_collect()
        .await?;

    let (out, tmp): (Box<dyn Write>, _) = match &args.output {
        Some(path) => {
            let tmp = path.with_extension("geojson.partial");
            let file = File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
            (Box::new(file), Some(tmp))
        }
        None => (Box::new(std::io::stdout().lock()), None),
    };
    let written = write_map(client, &devices, out, history, !args.no_geofences).await;
    let (latest, earlier, fences) = match (written, &tmp) {
        (Ok(counts), _) => counts,
        (Err(e), Some(tmp)) => {
            // No half-written map is left behind.
            let _ = std::fs::remove_file(tmp);
            return Err(e);
        }
        (Err(e), None) => return Err(e),
    };
    let to = match (&args.output, tmp) {
        (Some(path), Some(tmp)) => {
            std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))?;
            path.display().to_string()
        }
        _ => "stdout".to_string(),
    };
    eprintln!(
        "device-locator: {latest} of {} devices with a position{}, {fences} geofences, written to {to}",
        devices.len(),
        if history.is_some() {
            format!(", {earlier} positions in the time window")
        } else {
            String::new()
        },
    );
    Ok(())
}

/// Writes the map to `out`: the latest positions, the positions in the
/// window (`history`), the geofences. Returns how many of each it wrote.
async fn write_map(
    client: &Client,
    devices: &BTreeMap<DeviceId, Device>,
    out: impl Write,
    history: Option<(Option<Timestamp>, Option<Timestamp>)>,
    geofences: bool,
) -> Result<(usize, usize, usize), Box<dyn std::error::Error>> {
    let mut map = FeatureWriter::new(BufWriter::new(out))?;

    let mut latest = 0;
    let mut positions = client
        .os()
        .locator()
        .latest_positions()
        .page_size(100)
        .stream();
    while let Some(p) = positions.try_next().await? {
        let device = p.device_id.as_ref().and_then(|id| devices.get(id));
        if map.position(&p, device, "latest")? {
            latest += 1;
        }
    }

    let mut earlier = 0;
    if let Some((since, until)) = history {
        for (id, device) in devices {
            earlier += track(client, &mut map, id, device, since, until).await?;
        }
    }

    let mut fences = 0;
    if geofences {
        let mut list = client.os().locator().geofences().page_size(100).stream();
        while let Some(listed) = list.try_next().await? {
            let Some(id) = &listed.id else { continue };
            // The list has no shapes: each geofence is fetched for its own.
            let fence = match client.os().locator().geofence(id).await {
                Ok(fence) => fence,
                // Deleted since it was listed.
                Err(e) if e.is_not_found() => continue,
                Err(e) => return Err(e.into()),
            };
            match geofence_feature(&fence) {
                Ok(feature) => {
                    map.feature(&feature)?;
                    fences += 1;
                }
                Err(why) => eprintln!("device-locator: geofence {id} left out: {why}"),
            }
        }
    }

    map.finish()?;
    Ok((latest, earlier, fences))
}

/// Writes a device's positions in the window as Points, oldest first, and
/// the path through them as a LineString. Returns how many were written.
async fn track(
    client: &Client,
    map: &mut FeatureWriter<impl Write>,
    id: &DeviceId,
    device: &Device,
    since: Option<Timestamp>,
    until: Option<Timestamp>,
) -> Result<usize, Box<dyn std::error::Error>> {
    let mut list = client
        .os()
        .locator()
        .positions(id)
        .sort("sampleTime")
        .page_size(100);
    if let Some(since) = since {
        list = list.start(since);
    }
    if let Some(until) = until {
        list = list.end(until);
    }
    let mut positions = list.stream();
    // Only this device's points are held, for its track.
    let mut line: Vec<[f64; 2]> = Vec::new();
    let (mut first, mut last) = (None, None);
    while let Some(mut p) = positions.try_next().await? {
        // One device's positions do not name it.
        p.device_id.get_or_insert_with(|| id.clone());
        if map.position(&p, Some(device), "position")? {
            line.extend(lon_lat(p.coordinate.as_deref()));
            first = first.or(p.sample_time);
            last = p.sample_time.or(last);
        }
    }
    let written = line.len();
    if line.len() >= 2 {
        let mut properties = device_properties(id, Some(device));
        properties.insert("kind".into(), json!("track"));
        properties.insert("from".into(), json!(first));
        properties.insert("to".into(), json!(last));
        properties.insert("positions".into(), json!(line.len()));
        properties.insert("stroke".into(), json!("#ff7f0e"));
        map.feature(&json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": line},
            "properties": properties,
        }))?;
    }
    Ok(written)
}

/// Writes one FeatureCollection a feature at a time.
struct FeatureWriter<W: Write> {
    out: W,
    features: usize,
}

impl<W: Write> FeatureWriter<W> {
    fn new(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(Self { out, features: 0 })
    }

    fn feature(&mut self, feature: &Value) -> std::io::Result<()> {
        let sep: &[u8] = if self.features == 0 { b"\n" } else { b",\n" };
        self.out.write_all(sep)?;
        serde_json::to_writer(&mut self.out, feature)?;
        self.features += 1;
        Ok(())
    }

    /// Writes a position as a Point; false (and a note on stderr) if its
    /// coordinate is not a point on the globe.
    fn position(
        &mut self,
        p: &Position,
        device: Option<&Device>,
        kind: &str,
    ) -> std::io::Result<bool> {
        let Some(point) = lon_lat(p.coordinate.as_deref()) else {
            eprintln!(
                "device-locator: a position of {} left out: coordinate {:?} is not [longitude, latitude]",
                p.device_id.as_ref().map_or("?", |d| d.as_str()),
                p.coordinate
            );
            return Ok(false);
        };
        let mut properties = match &p.device_id {
            Some(id) => device_properties(id, device),
            None => Map::new(),
        };
        properties.insert("kind".into(), json!(kind));
        properties.insert("sampleTime".into(), json!(p.sample_time));
        properties.insert("source".into(), json!(p.source));
        // simplestyle: how geojson.io and GitHub draw the marker.
        if kind == "latest" {
            properties.insert("marker-color".into(), json!("#d62728"));
        } else {
            properties.insert("marker-size".into(), json!("small"));
        }
        // Whatever 1NCE tells about the sample (accuracy, ...), as sent.
        for (k, v) in p.metadata.iter().flatten() {
            properties.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self.feature(&json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": point},
            "properties": properties,
        }))?;
        Ok(true)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()
    }
}

fn device_properties(id: &DeviceId, device: Option<&Device>) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("deviceId".into(), json!(id));
    if let Some(d) = device {
        if let Some(iccid) = &d.iccid {
            properties.insert("iccid".into(), json!(iccid));
        }
        if let Some(name) = &d.name {
            properties.insert("name".into(), json!(name));
        }
    }
    properties
}

/// `[longitude, latitude]` if `c` is a point on the globe.
fn lon_lat(c: Option<&[f64]>) -> Option<[f64; 2]> {
    match c {
        Some(&[lon, lat]) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
            Some([lon, lat])
        }
        _ => None,
    }
}

/// A geofence as a GeoJSON Polygon feature.
fn geofence_feature(g: &Geofence) -> Result<Value, String> {
    let mut properties = Map::new();
    properties.insert("kind".into(), json!("geofence"));
    properties.insert("geofenceId".into(), json!(g.id));
    properties.insert("name".into(), json!(g.name));
    // No device: the geofence applies to every device.
    properties.insert("deviceId".into(), json!(g.device_id));
    properties.insert("eventTypes".into(), json!(g.event_types));
    properties.insert("eventSources".into(), json!(g.event_sources));
    properties.insert("stroke".into(), json!("#1f77b4"));
    properties.insert("fill".into(), json!("#1f77b4"));
    properties.insert("fill-opacity".into(), json!(0.15));
    let rings = match &g.geofence_type {
        Some(GeofenceType::Polygon) => {
            let rings = g.coordinates.as_deref().unwrap_or_default();
            if rings.is_empty() {
                return Err("a polygon without rings".into());
            }
            properties.insert("shape".into(), json!("polygon"));
            rings
                .iter()
                .enumerate()
                .map(|(i, ring)| {
                    let points: Option<Vec<[f64; 2]>> =
                        ring.iter().map(|p| lon_lat(Some(p))).collect();
                    match points {
                        Some(p) if p.len() >= 4 && p.first() == p.last() => {
                            Ok(right_hand(p, i == 0))
                        }
                        _ => Err(format!(
                            "ring {i} is not a closed ring of [longitude, latitude] points"
                        )),
                    }
                })
                .collect::<Result<Vec<_>, _>>()?
        }
        Some(GeofenceType::Circle) => {
            let center = lon_lat(g.center.as_deref()).ok_or("a circle without a center")?;
            let radius = g
                .radius
                .filter(|r| *r > 0.0 && r.is_finite())
                .ok_or("a circle without a radius")?;
            properties.insert("shape".into(), json!("circle"));
            properties.insert("center".into(), json!(center));
            properties.insert("radius".into(), json!(radius));
            vec![circle(center, radius, 64)]
        }
        other => return Err(format!("shape {other:?} is neither polygon nor circle")),
    };
    Ok(json!({
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": rings},
        "properties": properties,
    }))
}

/// The mean Earth radius in metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A closed, counterclockwise ring of `sides` points `radius` metres
/// (along the sphere) from `center`. A circle across the antimeridian is
/// not cut in two (RFC 7946 asks for it; 1NCE geofences rarely are there).
fn circle(center: [f64; 2], radius: f64, sides: usize) -> Vec<[f64; 2]> {
    let (lon, lat) = (center[0].to_radians(), center[1].to_radians());
    let d = radius / EARTH_RADIUS_M;
    let mut ring: Vec<[f64; 2]> = (0..sides)
        .map(|i| {
            // North, then west: counterclockwise on the map.
            let bearing = -std::f64::consts::TAU * i as f64 / sides as f64;
            let lat2 = (lat.sin() * d.cos() + lat.cos() * d.sin() * bearing.cos()).asin();
            let lon2 =
                lon + (bearing.sin() * d.sin() * lat.cos()).atan2(d.cos() - lat.sin() * lat2.sin());
            let lon2 = (lon2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
            // 7 decimals: about a centimetre, and a much smaller file.
            let round = |v: f64| (v * 1e7).round() / 1e7;
            [round(lon2), round(lat2.to_degrees())]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// RFC 7946's right-hand rule: the outer ring counterclockwise, holes
/// clockwise (1NCE does not promise either).
fn right_hand(mut ring: Vec<[f64; 2]>, outer: bool) -> Vec<[f64; 2]> {
    let twice_area: f64 = ring
        .windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum();
    if (twice_area > 0.0) != outer {
        ring.reverse();
    }
    ring
}

/// Against the in-process sandbox only: its devices report a few made-up
/// positions around Berlin, and a geofence is drawn, so the map shows
/// something. A real fleet reports its own.
async fn demo_positions(
    sandbox: &once_sandbox::Sandbox,
    client: &Client,
) -> Result<(), Box<dyn std::error::Error>> {
    for (i, iccid) in sandbox.iccids().iter().enumerate() {
        let (col, row) = ((i % 5) as f64, (i / 5) as f64);
        for step in 0..3 {
            let (lon, lat) = (
                13.30 + 0.03 * col + 0.004 * step as f64,
                52.47 + 0.02 * row + 0.002 * step as f64,
            );
            sandbox.os_report_position(iccid, lon, lat, once_sandbox::PositionSource::Gps)?;
        }
    }
    let depot = NewGeofence::circle("Depot (sandbox)", [13.36, 52.49], 1500.0);
    client.os().locator().create_geofence(&depot).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_are_closed_counterclockwise_and_the_right_size() {
        let ring = circle([13.4, 52.5], 1000.0, 64);
        assert_eq!(ring.len(), 65);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(right_hand(ring.clone(), true), ring, "counterclockwise");
        let north = ring[0];
        assert!(
            (north[0] - 13.4).abs() < 1e-9 && north[1] > 52.5,
            "{north:?}"
        );
        // The second point is west of north: counterclockwise.
        assert!(ring[1][0] < 13.4, "{:?}", ring[1]);
    }

    #[test]
    fn rings_follow_the_right_hand_rule() {
        let clockwise = vec![[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]];
        let mut ccw = clockwise.clone();
        ccw.reverse();
        assert_eq!(right_hand(clockwise.clone(), true), ccw);
        assert_eq!(right_hand(ccw.clone(), false), clockwise);
        assert_eq!(right_hand(ccw.clone(), true), ccw);
    }

    #[test]
    fn points_off_the_globe_are_refused() {
        assert_eq!(lon_lat(Some(&[139.7, 35.7])), Some([139.7, 35.7]));
        assert_eq!(lon_lat(Some(&[35.7, 139.7])), None);
        assert_eq!(lon_lat(Some(&[1.0])), None);
        assert_eq!(lon_lat(None), None);
    }
}
