"""device_locator: where a fleet's devices are, as a GeoJSON map. Writes one
FeatureCollection (RFC 7946) with a Point per device at its latest position,
optionally every position (and a track per device) in a time window, and
the account's geofences as Polygons. Drop the file on https://geojson.io
(or QGIS, kepler.gl, a GitHub gist) to see it. The Python twin of
examples/device-locator.

What it shows:
- ``client.os.inspector.devices()`` for the devices' ICCIDs and names;
- ``client.os.locator.latest_positions()`` and ``positions(device_id,
  start=, end=, sort=)``: lists fetched page by page while the features
  are written, so only one page is held at a time;
- ``client.os.locator.geofences()`` then ``geofence(id)`` for each one's
  shape (the list carries no coordinates): a polygon's rings, or a
  circle's center and radius, which GeoJSON has no type for, so it is
  written as a 64-sided polygon with ``center`` and ``radius`` properties;
- 1NCE OS writes points as ``[longitude, latitude]``, GeoJSON's order too.

    python device_locator.py -o fleet.geojson            # latest positions and geofences
    python device_locator.py --hours 24 -o day.geojson   # and every position of the last day
    python device_locator.py --since 2026-12-01T00:00:00Z --until 2026-12-02T00:00:00Z
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import sys
from typing import Any, Optional, TextIO

import once_sdk

Point = tuple[float, float]
Window = tuple[Optional[datetime.datetime], Optional[datetime.datetime]]
EARTH_RADIUS_M = 6_371_008.8  # the mean Earth radius


def connect() -> tuple[once_sdk.Client, Optional[once_sdk.Sandbox]]:
    """Your 1NCE account if ONCE_CLIENT_ID is set, else a local sandbox
    (keep it referenced while you use the client)."""
    if os.environ.get("ONCE_CLIENT_ID"):
        return once_sdk.Client.from_env(user_agent="device_locator"), None
    sandbox = once_sdk.Sandbox(sims=10)
    print(
        f"device_locator: ONCE_CLIENT_ID is not set, so this runs against a local 1NCE sandbox "
        f"(10 devices around Berlin at {sandbox.base_url}) that is gone when it exits",
        file=sys.stderr,
    )
    client = sandbox.client(user_agent="device_locator")
    # Made-up positions (three per device, the last one latest) and a depot.
    for i, iccid in enumerate(sandbox.iccids()):
        for step in range(3):
            lon = 13.30 + 0.03 * (i % 5) + 0.004 * step
            lat = 52.47 + 0.02 * (i // 5) + 0.002 * step
            sandbox.os_report_position(iccid, round(lon, 5), round(lat, 5))
    client.os.locator.create_geofence(
        once_sdk.NewGeofence(
            name="Depot (sandbox)", geofence_type="circle", center=[13.36, 52.49], radius=1500.0
        )
    )
    return client, sandbox


def lon_lat(c: Optional[tuple[float, ...]]) -> Optional[Point]:
    """``(longitude, latitude)`` if ``c`` is a point on the globe."""
    if c is not None and len(c) == 2 and -180 <= c[0] <= 180 and -90 <= c[1] <= 90:
        return c[0], c[1]
    return None


def circle(center: Point, radius: float, sides: int = 64) -> list[Point]:
    """A closed, counterclockwise ring of points ``radius`` metres (along the
    sphere) from ``center``; not cut at the antimeridian."""
    lon, lat = math.radians(center[0]), math.radians(center[1])
    d = radius / EARTH_RADIUS_M
    ring = []
    for i in range(sides):
        bearing = -2 * math.pi * i / sides  # north, then west: counterclockwise
        lat2 = math.asin(
            math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(bearing)
        )
        lon2 = lon + math.atan2(
            math.sin(bearing) * math.sin(d) * math.cos(lat),
            math.cos(d) - math.sin(lat) * math.sin(lat2),
        )
        # 7 decimals: about a centimetre.
        ring.append(
            (round((math.degrees(lon2) + 540) % 360 - 180, 7), round(math.degrees(lat2), 7))
        )
    return ring + ring[:1]


def right_hand(ring: list[Point], outer: bool) -> list[Point]:
    """RFC 7946: outer rings counterclockwise, holes clockwise (1NCE does not
    promise either)."""
    twice_area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))
    return ring if (twice_area > 0) == outer else ring[::-1]


def geofence_polygon(g: once_sdk.Geofence) -> tuple[list[list[Point]], dict[str, Any]]:
    """A geofence's Polygon rings and properties; ValueError if its shape is
    not one."""
    props: dict[str, Any] = {
        "kind": "geofence",
        "geofenceId": g.id,
        "name": g.name,
        "deviceId": g.device_id,  # None: every device
        "eventTypes": [str(e) for e in g.event_types or ()],
        "eventSources": [str(s) for s in g.event_sources or ()],
        "stroke": "#1f77b4",
        "fill": "#1f77b4",
        "fill-opacity": 0.15,
    }
    if g.geofence_type == once_sdk.GeofenceType.POLYGON:
        if not g.coordinates:
            raise ValueError("a polygon without rings")
        rings = []
        for i, raw in enumerate(g.coordinates):
            points = [lon_lat(p) for p in raw]
            ring = [p for p in points if p is not None]
            if len(ring) < len(points) or len(ring) < 4 or ring[0] != ring[-1]:
                raise ValueError(f"ring {i} is not a closed ring of [longitude, latitude] points")
            rings.append(right_hand(ring, outer=i == 0))
        props["shape"] = "polygon"
    elif g.geofence_type == once_sdk.GeofenceType.CIRCLE:
        center = lon_lat(g.center)
        if center is None:
            raise ValueError("a circle without a center")
        if g.radius is None or not 0 < g.radius < math.inf:
            raise ValueError("a circle without a radius")
        props.update(shape="circle", center=center, radius=g.radius)
        rings = [circle(center, g.radius)]
    else:
        raise ValueError(f"shape {g.geofence_type} is neither polygon nor circle")
    return rings, props


class FeatureWriter:
    """Writes one FeatureCollection a feature at a time."""

    def __init__(self, out: TextIO, devices: dict[str, once_sdk.Device]) -> None:
        self.out, self.devices, self.count = out, devices, 0
        out.write('{"type":"FeatureCollection","features":[')

    def feature(self, geometry: str, coordinates: Any, props: dict[str, Any]) -> None:
        self.out.write(",\n" if self.count else "\n")
        geo = {"type": geometry, "coordinates": coordinates}
        feature = {"type": "Feature", "geometry": geo, "properties": props}
        json.dump(feature, self.out, separators=(",", ":"))
        self.count += 1

    def device(self, device_id: str) -> dict[str, Any]:
        props: dict[str, Any] = {"deviceId": device_id}
        d = self.devices.get(device_id)
        if d and d.iccid:
            props["iccid"] = d.iccid
        if d and d.name:
            props["name"] = d.name
        return props

    def position(self, p: once_sdk.Position, device_id: str, kind: str) -> Optional[Point]:
        """Writes a position as a Point; None (and a note) if it is off the globe."""
        point = lon_lat(p.coordinate)
        if point is None:
            print(
                f"device_locator: a position of {device_id} left out: {p.coordinate}",
                file=sys.stderr,
            )
            return None
        props = self.device(device_id)
        props.update(kind=kind, sampleTime=p.sample_time and p.sample_time.isoformat())
        props["source"] = str(p.source) if p.source else None
        # simplestyle: how geojson.io and GitHub draw the marker.
        props.update({"marker-color": "#d62728"} if kind == "latest" else {"marker-size": "small"})
        for k, v in (p.metadata or {}).items():  # accuracy, ...: as 1NCE sent it
            props.setdefault(k, v)
        self.feature("Point", point, props)
        return point

    def finish(self) -> None:
        self.out.write("\n]}\n")


def write_map(
    client: once_sdk.Client, out: FeatureWriter, window: Optional[Window], fences: bool
) -> str:
    """Writes the latest positions, the positions in ``window`` (and a track
    per device) and the geofences; returns what it wrote, in words."""
    locator = client.os.locator
    latest = sum(
        out.position(p, p.device_id or "?", "latest") is not None
        for p in locator.latest_positions(page_size=100)
    )
    summary = f"{latest} of {len(out.devices)} devices with a position"
    if window is not None:
        earlier = 0
        since, until = window
        for device_id in out.devices:
            line = []
            for p in locator.positions(
                device_id, start=since, end=until, sort="sampleTime", page_size=100
            ):
                point = out.position(p, device_id, "position")
                if point is not None:
                    line.append(point)
            earlier += len(line)
            if len(line) >= 2:
                props = out.device(device_id)
                props.update(kind="track", positions=len(line), stroke="#ff7f0e")
                out.feature("LineString", line, props)
        summary += f", {earlier} positions in the time window"
    written = 0
    for listed in locator.geofences(page_size=100) if fences else ():
        if not listed.id:
            continue
        try:  # the list has no shapes: each geofence is fetched for its own
            out.feature("Polygon", *geofence_polygon(locator.geofence(listed.id)))
            written += 1
        except once_sdk.NotFoundError:
            continue  # deleted since it was listed
        except ValueError as why:
            print(f"device_locator: geofence {listed.id} left out: {why}", file=sys.stderr)
    out.finish()
    return summary + f", {written} geofences"


def timestamp(text: str) -> datetime.datetime:
    """An argparse type: an RFC 3339 time with an offset (``Z`` or ``+01:00``)."""
    try:
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an RFC 3339 time, e.g. 2026-12-01T00:00:00Z"
        ) from None
    if t.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no offset: add Z or e.g. +01:00")
    return t


def hours(text: str) -> int:
    """An argparse type: 1 to 8784 hours (a leap year)."""
    if not text.isdigit() or not 1 <= int(text) <= 24 * 366:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours in 1..{24 * 366}")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Write the positions of a fleet's devices and its geofences as GeoJSON. "
        "Runs against a local sandbox (with made-up positions around Berlin) unless "
        "ONCE_CLIENT_ID and ONCE_CLIENT_SECRET are set."
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout (written in full, then moved into place)",
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--since",
        type=timestamp,
        metavar="TIME",
        help="also every position from TIME on, and a track per device",
    )
    when.add_argument(
        "--hours", type=hours, metavar="N", help="also every position of the last N hours"
    )
    parser.add_argument(
        "--until", type=timestamp, metavar="TIME", help="also every position until TIME"
    )
    parser.add_argument("--no-geofences", action="store_true", help="leave the geofences out")
    args = parser.parse_args()

    since: Optional[datetime.datetime] = args.since
    if args.hours:
        since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=args.hours)
    if since and args.until and since > args.until:
        parser.error(f"--since ({since.isoformat()}) is after --until ({args.until.isoformat()})")
    window = (since, args.until) if since or args.until else None

    partial = args.output + ".partial" if args.output else None
    try:
        client, _sandbox = connect()
        # The ICCID and name of each device, to label its positions.
        devices = {d.id: d for d in client.os.inspector.devices(page_size=50) if d.id}
        with open(partial, "w") if partial else open(sys.stdout.fileno(), "w", closefd=False) as f:
            summary = write_map(client, FeatureWriter(f, devices), window, not args.no_geofences)
        if partial:
            os.replace(partial, args.output)
    except (once_sdk.OnceError, OSError) as e:
        sys.exit(f"device_locator: error: {e}")
    finally:
        if partial and os.path.exists(partial):
            os.remove(partial)  # a failed run leaves no half-written map
    print(f"device_locator: {summary}, written to {args.output or 'stdout'}", file=sys.stderr)


if __name__ == "__main__":
    main()
