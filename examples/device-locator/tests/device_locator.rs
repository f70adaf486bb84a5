//! device-locator against a fresh sandbox: the devices report known
//! positions (`os_report_position`), geofences are drawn through the SDK,
//! and the GeoJSON the binary writes must hold exactly those, in GeoJSON's
//! `[longitude, latitude]` order.

use std::time::Duration;

use common::testing::{run, sandbox, scratch_dir};
use once_sandbox::{PositionSource, Sandbox};
use once_sdk::{DeviceId, NewGeofence};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_device-locator");
const TMP: &str = env!("CARGO_TARGET_TMPDIR");

/// Parses `text` as a GeoJSON FeatureCollection and checks what RFC 7946
/// asks of every feature here: a geometry of a known type, positions of
/// two numbers on the globe, closed rings; returns the features.
fn geojson(text: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    assert_eq!(doc["type"], "FeatureCollection", "{doc}");
    let features = doc["features"].as_array().expect("features").clone();
    for f in &features {
        assert_eq!(f["type"], "Feature", "{f}");
        assert!(f["properties"].is_object(), "{f}");
        let coords = &f["geometry"]["coordinates"];
        let points: Vec<&Value> = match f["geometry"]["type"].as_str() {
            Some("Point") => vec![coords],
            Some("LineString") => coords.as_array().expect("a line").iter().collect(),
            Some("Polygon") => {
                let rings = coords.as_array().expect("rings");
                assert!(!rings.is_empty(), "{f}");
                for ring in rings {
                    let ring = ring.as_array().expect("a ring");
                    assert!(ring.len() >= 4 && ring.first() == ring.last(), "{f}");
                }
                rings.iter().flat_map(|r| r.as_array().unwrap()).collect()
            }
            other => panic!("geometry {other:?} in {f}"),
        };
        for p in points {
            let [lon, lat] = point(p);
            assert!((-180.0..=180.0).contains(&lon), "longitude {lon} in {f}");
            assert!((-90.0..=90.0).contains(&lat), "latitude {lat} in {f}");
        }
    }
    features
}

fn point(p: &Value) -> [f64; 2] {
    match p.as_array().map(|a| a.as_slice()) {
        Some([lon, lat]) => [lon.as_f64().unwrap(), lat.as_f64().unwrap()],
        _ => panic!("not a position: {p}"),
    }
}

fn of_kind<'f>(features: &'f [Value], kind: &str) -> Vec<&'f Value> {
    features
        .iter()
        .filter(|f| f["properties"]["kind"] == kind)
        .collect()
}

/// `(deviceId, [lon, lat])` of the Point features of `kind`, in order.
fn points(features: &[Value], kind: &str) -> Vec<(String, [f64; 2])> {
    of_kind(features, kind)
        .into_iter()
        .map(|f| {
            assert_eq!(f["geometry"]["type"], "Point", "{f}");
            let device = f["properties"]["deviceId"].as_str().expect("deviceId");
            (device.to_string(), point(&f["geometry"]["coordinates"]))
        })
        .collect()
}

fn report(sandbox: &Sandbox, device: usize, lon: f64, lat: f64) {
    let iccid = &sandbox.iccids()[device];
    sandbox
        .os_report_position(iccid, lon, lat, PositionSource::Gps)
        .expect("a device of the sandbox");
}

/// Great-circle distance in metres.
fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, la2) = (a[1].to_radians(), b[1].to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((b[0] - a[0]).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

#[tokio::test(flavor = "multi_thread")]
async fn latest_positions_and_geofences_as_geojson() {
    let sandbox = sandbox(6).await;
    let dir = scratch_dir(TMP, "locator-latest");
    let iccids: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    // Device 0 moved from Frankfurt to Tokyo; 1 is in Sydney, 2 in New York
    // (each sign of longitude and latitude; swapped, Tokyo's and Sydney's
    // longitudes are no latitude at all).
    report(&sandbox, 0, 8.6821, 50.1109);
    report(&sandbox, 0, 139.6917, 35.6895);
    report(&sandbox, 1, 151.2093, -33.8688);
    report(&sandbox, 2, -74.006, 40.7128);

    let client = sandbox.client_builder().build().unwrap();
    let locator = client.os().locator();
    // Clockwise, as 1NCE does not forbid; GeoJSON wants it counterclockwise.
    let clockwise = vec![
        [13.3, 52.5],
        [13.3, 52.6],
        [13.5, 52.6],
        [13.5, 52.5],
        [13.3, 52.5],
    ];
    locator
        .create_geofence(&NewGeofence::polygon("Berlin", clockwise.clone()))
        .await
        .unwrap();
    let mut depot = NewGeofence::circle("Paris depot", [2.3522, 48.8566], 1000.0);
    depot.device_id = Some(DeviceId::from(iccids[3].as_str()));
    locator.create_geofence(&depot).await.unwrap();

    let out = run(BIN, Some(&sandbox), &dir, &["--output", "fleet.geojson"]).await;
    out.assert_success();
    assert!(
        out.stdout.is_empty(),
        "the map goes to the file:\n{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("3 of 6 devices with a position, 2 geofences"),
        "{}",
        out.stderr
    );
    let text = std::fs::read_to_string(dir.join("fleet.geojson")).unwrap();
    assert!(!dir.join("fleet.geojson.partial").exists());
    let features = geojson(&text);

    let mut latest = points(&features, "latest");
    latest.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want = vec![
        (iccids[0].clone(), [139.6917, 35.6895]),
        (iccids[1].clone(), [151.2093, -33.8688]),
        (iccids[2].clone(), [-74.006, 40.7128]),
    ];
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(latest, want);
    for f in of_kind(&features, "latest") {
        let p = &f["properties"];
        // The sandbox's device ids are the ICCIDs.
        assert_eq!(p["iccid"], p["deviceId"], "{f}");
        assert_eq!(p["source"], "GPS", "{f}");
        assert!(
            p["sampleTime"]
                .as_str()
                .is_some_and(|t| t.parse::<once_sdk::Timestamp>().is_ok()),
            "{f}"
        );
    }
    assert!(
        points(&features, "position").is_empty(),
        "no window asked for"
    );

    let fences = of_kind(&features, "geofence");
    assert_eq!(fences.len(), 2, "{fences:?}");
    let berlin = fences
        .iter()
        .find(|f| f["properties"]["name"] == "Berlin")
        .unwrap();
    assert_eq!(berlin["geometry"]["type"], "Polygon");
    assert_eq!(berlin["properties"]["shape"], "polygon");
    let ring: Vec<[f64; 2]> = berlin["geometry"]["coordinates"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(point)
        .collect();
    let mut counterclockwise = clockwise.clone();
    counterclockwise.reverse();
    assert_eq!(ring, counterclockwise);
    assert!(berlin["properties"]["deviceId"].is_null(), "{berlin}");

    let paris = fences
        .iter()
        .find(|f| f["properties"]["name"] == "Paris depot")
        .unwrap();
    let p = &paris["properties"];
    assert_eq!(p["shape"], "circle");
    assert_eq!(p["radius"], 1000.0);
    assert_eq!(point(&p["center"]), [2.3522, 48.8566]);
    assert_eq!(p["deviceId"], iccids[3].as_str());
    let ring = paris["geometry"]["coordinates"][0].as_array().unwrap();
    assert_eq!(ring.len(), 65);
    for v in ring {
        let d = distance([2.3522, 48.8566], point(v));
        assert!((d - 1000.0).abs() < 1.0, "a vertex {d} m from the center");
    }
    // The list carries no shapes: each geofence is fetched once.
    assert_eq!(
        sandbox
            .stats()
            .requests_to("GET", "/v1/locate/geofences/{geofenceId}"),
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn positions_in_a_time_window_with_tracks() {
    let sandbox = sandbox(3).await;
    let dir = scratch_dir(TMP, "locator-window");
    let iccids: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    report(&sandbox, 0, 1.0, 1.0);
    sandbox.advance_os_clock(Duration::from_secs(2 * 3600));
    report(&sandbox, 0, 2.0, 2.5);
    report(&sandbox, 0, 3.0, 3.5);
    report(&sandbox, 1, -4.0, -4.5);
    // Between the first position and the others.
    let between = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();

    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &["--since", &between, "--no-geofences"],
    )
    .await;
    out.assert_success();
    let features = geojson(&out.stdout);
    assert_eq!(
        points(&features, "position"),
        vec![
            (iccids[0].clone(), [2.0, 2.5]),
            (iccids[0].clone(), [3.0, 3.5]),
            (iccids[1].clone(), [-4.0, -4.5]),
        ]
    );
    let tracks = of_kind(&features, "track");
    assert_eq!(tracks.len(), 1, "one device has two positions: {tracks:?}");
    assert_eq!(tracks[0]["geometry"]["type"], "LineString");
    assert_eq!(tracks[0]["properties"]["deviceId"], iccids[0].as_str());
    assert_eq!(
        tracks[0]["geometry"]["coordinates"],
        serde_json::json!([[2.0, 2.5], [3.0, 3.5]])
    );
    let mut latest = points(&features, "latest");
    latest.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want = vec![
        (iccids[0].clone(), [3.0, 3.5]),
        (iccids[1].clone(), [-4.0, -4.5]),
    ];
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(latest, want);
    assert!(of_kind(&features, "geofence").is_empty());
    assert!(
        out.stderr.contains("3 positions in the time window"),
        "{}",
        out.stderr
    );

    // Until the same moment: only the first.
    let out = run(BIN, Some(&sandbox), &dir, &["--until", &between]).await;
    out.assert_success();
    assert_eq!(
        points(&geojson(&out.stdout), "position"),
        vec![(iccids[0].clone(), [1.0, 1.0])]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_window_that_ends_before_it_starts_is_refused_before_any_call() {
    let sandbox = sandbox(2).await;
    let dir = scratch_dir(TMP, "locator-bad-window");
    let out = run(
        BIN,
        Some(&sandbox),
        &dir,
        &[
            "--since",
            "2026-12-02T00:00:00Z",
            "--until",
            "2026-12-01T00:00:00Z",
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("--since"), "{}", out.stderr);
    assert!(out.stderr.contains("is after --until"), "{}", out.stderr);
    assert_eq!(sandbox.stats().requests, 0);

    let out = run(BIN, Some(&sandbox), &dir, &["--since", "yesterday"]).await;
    assert!(!out.status.success());
    assert!(out.stderr.contains("--since"), "{}", out.stderr);
    assert_eq!(sandbox.stats().requests, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_credentials_it_maps_the_sandbox() {
    let dir = scratch_dir(TMP, "locator-no-creds");
    let out = run(BIN, None, &dir, &["--sandbox-sims", "4"]).await;
    out.assert_success();
    assert!(
        out.stderr.contains("ONCE_CLIENT_ID is not set"),
        "{}",
        out.stderr
    );
    let features = geojson(&out.stdout);
    assert_eq!(points(&features, "latest").len(), 4);
    assert_eq!(of_kind(&features, "geofence").len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_run_leaves_no_file() {
    let sandbox = sandbox(2).await;
    let dir = scratch_dir(TMP, "locator-failed");
    report(&sandbox, 0, 10.0, 50.0);
    let client = sandbox.client_builder().build().unwrap();
    client
        .os()
        .locator()
        .create_geofence(&NewGeofence::circle("fence", [10.0, 50.0], 500.0))
        .await
        .unwrap();
    // The geofence's shape cannot be read: the map would be incomplete.
    sandbox.inject(
        once_sandbox::Fault::status(403)
            .method("GET")
            .path("/v1/locate/geofences/*")
            .always(),
    );
    let out = run(BIN, Some(&sandbox), &dir, &["--output", "fleet.geojson"]).await;
    assert!(!out.status.success(), "{}", out.stderr);
    assert!(out.stderr.contains("403"), "{}", out.stderr);
    assert!(!dir.join("fleet.geojson").exists());
    assert!(!dir.join("fleet.geojson.partial").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_geofence_deleted_while_listing_is_left_out() {
    let sandbox = sandbox(2).await;
    let dir = scratch_dir(TMP, "locator-deleted-fence");
    let client = sandbox.client_builder().build().unwrap();
    for name in ["first", "second"] {
        client
            .os()
            .locator()
            .create_geofence(&NewGeofence::circle(name, [10.0, 50.0], 500.0))
            .await
            .unwrap();
    }
    // The first one fetched is gone by then.
    sandbox.inject(
        once_sandbox::Fault::status(404)
            .method("GET")
            .path("/v1/locate/geofences/*")
            .times(1),
    );
    let out = run(BIN, Some(&sandbox), &dir, &[]).await;
    out.assert_success();
    assert_eq!(of_kind(&geojson(&out.stdout), "geofence").len(), 1);
    assert!(out.stderr.contains(", 1 geofences"), "{}", out.stderr);
}
