"""The Python examples (examples/python/*.py), each run as a subprocess
against a fresh once_sdk.Sandbox of this process (credentials and base URL
passed through ONCE_CLIENT_ID, ONCE_CLIENT_SECRET and ONCE_BASE_URL), or
with no credentials at all."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

import once_sdk

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"
TOP_UP = "/v2/sims/{iccid}/topup"


def env_for(sandbox: Optional[once_sdk.Sandbox]) -> dict[str, str]:
    """This process's environment with the ONCE_* variables pointing at
    `sandbox` (or unset)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONCE_")}
    if sandbox is not None:
        env.update(
            ONCE_CLIENT_ID=sandbox.client_id,
            ONCE_CLIENT_SECRET=sandbox.client_secret,
            ONCE_BASE_URL=sandbox.base_url,
        )
    return env


def run(
    script: str, *args: str, sandbox: Optional[once_sdk.Sandbox], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Runs examples/python/<script> with `args` in `cwd`, against `sandbox`
    (or with the ONCE_* variables unset); fails the test if it fails."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env=env_for(sandbox),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def sandbox_of(sims: int) -> once_sdk.Sandbox:
    """A fresh sandbox whose rate limits are 100 times 1NCE's: the examples
    pace themselves at 1NCE's, so they never meet a 429 there."""
    return once_sdk.Sandbox(sims=sims, seed=7, rate_limit_factor=100)


@pytest.fixture
def fleet() -> Iterator[once_sdk.Sandbox]:
    with sandbox_of(12) as sandbox:
        yield sandbox


def summary(out: str) -> dict[str, int]:
    """The watchdog's summary lines as {what: n}."""
    lines = out.split("\nsummary:\n", 1)[1].splitlines()
    return {
        line[:29].strip(): int(line[29:].strip())
        for line in lines
        if line.startswith("  ") and line[29:].strip().isdigit()
    }


@pytest.mark.parametrize(
    "script", ["quickstart.py", "fleet_report.py", "quota_watchdog.py", "device_locator.py"]
)
def test_help(script: str, tmp_path: Path) -> None:
    out = run(script, "--help", sandbox=None, cwd=tmp_path).stdout
    assert out.startswith("usage: ")
    assert "ONCE_CLIENT_ID" in out


def test_examples_are_typed(tmp_path: Path) -> None:
    """The examples pass mypy --strict against the wheel's stubs."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_quickstart_without_credentials_uses_the_sandbox(tmp_path: Path) -> None:
    out = run("quickstart.py", sandbox=None, cwd=tmp_path).stdout
    assert "ONCE_CLIENT_ID is not set: using the local 1NCE sandbox at http://127.0.0.1:" in out
    assert "25 SIMs in the account, the first 5:" in out
    assert "Sent SMS" in out


def test_quickstart_against_the_given_account(fleet: once_sdk.Sandbox, tmp_path: Path) -> None:
    first = fleet.iccids()[0]
    out = run("quickstart.py", "--page-size", "3", sandbox=fleet, cwd=tmp_path).stdout
    assert "sandbox" not in out
    assert "12 SIMs in the account, the first 3:" in out
    assert f"\nSIM {first}\n" in out
    assert fleet.stats().sms_sent == 1


def test_fleet_report_writes_one_row_per_sim(fleet: once_sdk.Sandbox, tmp_path: Path) -> None:
    client = fleet.client()
    iccid = fleet.iccids()[3]
    left = client.sims.data_quota(iccid).volume
    assert left is not None
    # A quota stops at zero: use less than is left, so the report's figure
    # is exactly what remains.
    used = min(12.5, left / 2)
    fleet.consume_data(iccid, used)

    done = run("fleet_report.py", "-o", "fleet.csv", sandbox=fleet, cwd=tmp_path)
    with open(tmp_path / "fleet.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["iccid"] for r in rows] == sorted(fleet.iccids())
    assert all(r["error"] == "" for r in rows)
    row = next(r for r in rows if r["iccid"] == iccid)
    sim = client.sims.get(iccid)
    assert row["status"] == sim.status and row["imei"] == (sim.imei or "")
    assert float(row["data_left_mb"]) == pytest.approx(left - used)
    assert row["data_expiry"] and row["sms_expiry"] and row["sms_left"]
    assert float(row["data_used_mb"]) >= used  # today's use is in the last 30 days
    assert "fleet_report: 12 SIMs" in done.stderr


def test_fleet_report_without_credentials_uses_the_sandbox(tmp_path: Path) -> None:
    done = run("fleet_report.py", sandbox=None, cwd=tmp_path)
    assert "runs against a local 1NCE sandbox" in done.stderr
    assert len(list(csv.DictReader(done.stdout.splitlines()))) == 20


def made_low(sandbox: once_sdk.Sandbox, k: int) -> list[str]:
    """Makes exactly `k` enabled SIMs low on data or SMS (in turn) by the
    watchdog's defaults, after topping up every SIM the seed made low."""
    client = sandbox.client()
    sims = list(client.sims.list(page_size=100))
    for sim in sims:
        data, sms = client.sims.data_quota(sim.iccid), client.sims.sms_quota(sim.iccid)
        if (data.volume or 0) < 50 or (sms.volume or 0) < 25:
            client.sims.top_up(sim.iccid)
    low = [s.iccid for s in sims if s.status == "Enabled"][:k]
    assert len(low) == k
    for i, iccid in enumerate(low):
        if i % 2 == 0:
            sandbox.consume_data(iccid, (client.sims.data_quota(iccid).volume or 0) - 10)
        else:
            sandbox.consume_sms(iccid, int((client.sims.sms_quota(iccid).volume or 0) - 5))
    sandbox.reset_stats()
    return low


def test_watchdog_tops_up_exactly_the_low_sims_once(
    fleet: once_sdk.Sandbox, tmp_path: Path
) -> None:
    low = made_low(fleet, 3)

    dry = run("quota_watchdog.py", sandbox=fleet, cwd=tmp_path).stdout
    assert "dry run" in dry
    assert summary(dry)["would top up"] == 3
    assert fleet.stats().requests_to("POST", TOP_UP) == 0

    out = run("quota_watchdog.py", "--apply", sandbox=fleet, cwd=tmp_path).stdout
    assert fleet.stats().top_ups_applied == 3
    assert summary(out)["topped up"] == 3
    for iccid in low:
        assert f"  {iccid}  " in out

    again = run("quota_watchdog.py", "--apply", sandbox=fleet, cwd=tmp_path).stdout
    assert summary(again)["topped up"] == 0
    assert fleet.stats().top_ups_applied == 3
    assert fleet.stats().requests_to("POST", TOP_UP) == 3

    journal = [json.loads(line) for line in (tmp_path / "quota-watchdog.journal").open()]
    assert [e["event"] for e in journal].count("run_finished") == 2
    assert sorted(e["iccid"] for e in journal if e.get("outcome") == "applied") == sorted(low)


def test_watchdog_resumes_a_crashed_run_without_a_second_top_up(
    fleet: once_sdk.Sandbox, tmp_path: Path
) -> None:
    low = made_low(fleet, 3)
    client = fleet.client()
    # A run that died right after writing its first intent: whether that
    # top-up was sent is unknown (here it was not).
    first = low[0]
    data, sms = client.sims.data_quota(first), client.sims.sms_quota(first)
    entries = [
        {"event": "run_started", "run": "r1", "at": "2026-01-01T00:00:00Z"},
        {
            "event": "intent",
            "run": "r1",
            "iccid": first,
            "at": "2026-01-01T00:00:01Z",
            "reasons": ["data low"],
            "data": {
                "id": data.id,
                "volume": data.volume,
                "accumulated": data.accumulated_total_volume,
            },
            "sms": {
                "id": sms.id,
                "volume": sms.volume,
                "accumulated": sms.accumulated_total_volume,
            },
        },
    ]
    journal = tmp_path / "w.journal"
    # The crash also tore the last line: it is ignored.
    journal.write_text("".join(json.dumps(e) + "\n" for e in entries) + '{"event": "outc')

    out = run(
        "quota_watchdog.py", "--apply", "--journal", str(journal), sandbox=fleet, cwd=tmp_path
    ).stdout
    assert "run r1 did not finish" in out
    # The quota shows no top-up, but r1 tried that SIM: only the other two.
    assert fleet.stats().requests_to("POST", TOP_UP) == 2
    counts = summary(out)
    assert counts["topped up"] == 2
    assert counts["not applied (settled)"] == 1
    assert counts["tried before, not again"] == 1
    lines = [json.loads(line) for line in journal.open()]
    assert lines[2]["event"] == "outcome" and lines[2]["iccid"] == first
    assert lines[2]["outcome"] == "not_applied"
    assert lines[-1] == {**lines[-1], "event": "run_finished", "run": "r1"}


def test_watchdog_settles_a_lost_answer_by_the_quota(
    fleet: once_sdk.Sandbox, tmp_path: Path
) -> None:
    made_low(fleet, 2)
    fleet.inject(once_sdk.Fault.apply_then_drop().method("POST").path("/v2/sims/*/topup"))

    out = run("quota_watchdog.py", "--apply", sandbox=fleet, cwd=tmp_path).stdout
    assert fleet.stats().requests_to("POST", TOP_UP) == 2
    assert fleet.stats().top_ups_applied == 2
    counts = summary(out)
    assert counts["topped up"] == 1
    assert counts["applied (settled by quota)"] == 1
    assert "re-checked the quota: it was applied" in out


def twice_area(ring: list[list[float]]) -> float:
    """The shoelace sum of a closed ring: positive when counterclockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))


def test_device_locator_maps_the_positions_and_geofences(
    fleet: once_sdk.Sandbox, tmp_path: Path
) -> None:
    client = fleet.client()
    a, b = fleet.iccids()[:2]
    fleet.os_report_position(a, 13.4049, 52.5200)  # older: only in the time window
    fleet.os_report_position(a, 13.4105, 52.5244)
    fleet.os_report_position(b, 2.3522, 48.8566, source="CellTower")
    # A clockwise outer ring: the map has it counterclockwise.
    clockwise = [[13.0, 52.0], [13.0, 53.0], [14.0, 53.0], [14.0, 52.0], [13.0, 52.0]]
    square = client.os.locator.create_geofence(
        once_sdk.NewGeofence(name="square", geofence_type="polygon", coordinates=[clockwise])
    )
    depot = client.os.locator.create_geofence(
        once_sdk.NewGeofence(
            name="depot", geofence_type="circle", center=[2.35, 48.85], radius=500.0
        )
    )

    done = run(
        "device_locator.py", "-o", "map.geojson", "--hours", "1", sandbox=fleet, cwd=tmp_path
    )
    assert "sandbox" not in done.stderr
    assert not (tmp_path / "map.geojson.partial").exists()
    fc = json.loads((tmp_path / "map.geojson").read_text())
    assert fc["type"] == "FeatureCollection"
    features = fc["features"]
    by_kind: dict[str, list[Any]] = {}
    for f in features:
        by_kind.setdefault(f["properties"]["kind"], []).append(f)

    # Latest: one Point per device with a position, [lon, lat], the older one absent.
    latest = {f["properties"]["deviceId"]: f for f in by_kind["latest"]}
    assert set(latest) == {a, b}
    assert latest[a]["geometry"] == {"type": "Point", "coordinates": [13.4105, 52.5244]}
    assert latest[b]["geometry"] == {"type": "Point", "coordinates": [2.3522, 48.8566]}
    assert latest[b]["properties"]["source"] == "CellTower"
    assert latest[a]["properties"]["iccid"] == a
    # The last hour: both of a's positions, oldest first, and its track.
    mine = [
        f["geometry"]["coordinates"]
        for f in by_kind["position"]
        if f["properties"]["deviceId"] == a
    ]
    assert mine == [[13.4049, 52.52], [13.4105, 52.5244]]
    [track] = by_kind["track"]
    assert track["geometry"] == {"type": "LineString", "coordinates": mine}

    fences = {f["properties"]["geofenceId"]: f for f in by_kind["geofence"]}
    assert set(fences) == {square.id, depot.id}
    [ring] = fences[square.id]["geometry"]["coordinates"]
    assert fences[square.id]["geometry"]["type"] == "Polygon"
    assert ring[0] == ring[-1] and sorted(map(tuple, ring)) == sorted(map(tuple, clockwise))
    assert twice_area(ring) > 0, ring
    circle = fences[depot.id]
    [ring] = circle["geometry"]["coordinates"]
    assert len(ring) == 65 and ring[0] == ring[-1] and twice_area(ring) > 0
    assert (
        circle["properties"]["center"] == [2.35, 48.85] and circle["properties"]["radius"] == 500.0
    )
    # Every vertex is 500 m from the center (equirectangular is exact enough here).
    for lon, lat in ring:
        dx = math.radians(lon - 2.35) * math.cos(math.radians(48.85))
        dy = math.radians(lat - 48.85)
        assert 6_371_008.8 * math.hypot(dx, dy) == pytest.approx(500.0, rel=1e-3)
    assert (
        "2 of 12 devices with a position, 3 positions in the time window, 2 geofences"
        in done.stderr
    )

    # Without a window: no positions but the latest, no tracks.
    plain = json.loads(
        run("device_locator.py", "--no-geofences", sandbox=fleet, cwd=tmp_path).stdout
    )
    assert {f["properties"]["kind"] for f in plain["features"]} == {"latest"}


def test_device_locator_leaves_no_half_written_map(fleet: once_sdk.Sandbox, tmp_path: Path) -> None:
    fleet.client().os.locator.create_geofence(
        once_sdk.NewGeofence(
            name="depot", geofence_type="circle", center=[2.35, 48.85], radius=50.0
        )
    )
    (tmp_path / "map.geojson").write_text("the previous map")
    fleet.inject(once_sdk.Fault.status(400).method("GET").path("/v1/locate/geofences/*"))
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "device_locator.py"), "-o", "map.geojson"],
        cwd=tmp_path,
        env=env_for(fleet),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "device_locator: error: " in done.stderr, done.stderr
    assert (tmp_path / "map.geojson").read_text() == "the previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.geojson"]


def test_device_locator_without_credentials_uses_the_sandbox(tmp_path: Path) -> None:
    done = run("device_locator.py", sandbox=None, cwd=tmp_path)
    assert "runs against a local 1NCE sandbox" in done.stderr
    fc = json.loads(done.stdout)
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert kinds == ["latest"] * 10 + ["geofence"]
    for f in fc["features"][:10]:
        lon, lat = f["geometry"]["coordinates"]
        assert 13.3 <= lon <= 13.5 and 52.4 <= lat <= 52.6  # Berlin, [lon, lat]


def test_device_locator_refuses_a_window_backwards(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "device_locator.py"),
            "--since",
            "2026-12-02T00:00:00Z",
            "--until",
            "2026-12-01T00:00:00Z",
        ],
        cwd=tmp_path,
        env=env_for(None),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--since (2026-12-02T00:00:00+00:00) is after --until" in done.stderr
    assert "sandbox" not in done.stderr  # refused before connecting


# The README's Python snippets, read from README.md itself.

README = Path(__file__).resolve().parents[2] / "README.md"

# The module the README's pytest example imports ("your code").
MYAPP = """
import once_sdk


def low_on_data(client: once_sdk.Client, min_mb: float) -> list[str]:
    return [
        sim.iccid
        for sim in client.sims.list(page_size=100)
        if (client.sims.data_quota(sim.iccid).volume or 0) < min_mb
    ]
"""


def readme_python() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) >= 4, "README.md lost its Python snippets"
    return blocks


def test_readme_python_snippets_compile() -> None:
    for block in readme_python():
        compile(block, "README.md", "exec")


def test_readme_from_env_snippets_run_against_a_sandbox(tmp_path: Path) -> None:
    """The snippets that start with Client.from_env() run as written,
    with the ONCE_* variables pointing at a sandbox."""
    scripts = [b for b in readme_python() if ".from_env()" in b]
    assert len(scripts) == 2  # blocking and asyncio
    with once_sdk.Sandbox(sims=5, seed=7, rate_limits=False) as sb:
        env = env_for(sb)
        for n, script in enumerate(scripts):
            done = subprocess.run(
                [sys.executable, "-c", script],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, f"snippet {n}:\n{script}\n{done.stderr}"
            printed = [line.split()[0] for line in done.stdout.splitlines()]
            assert sorted(set(sb.iccids()) & set(printed)) == sorted(sb.iccids()), done.stdout
        assert sb.client().sims.get(sb.iccids()[0]).label == "pump-17"


def test_readme_pytest_example_passes(tmp_path: Path) -> None:
    """The README's pytest example, run by pytest as written, against the
    MYAPP above."""
    (block,) = [b for b in readme_python() if "def test_" in b]
    (tmp_path / "myapp.py").write_text(MYAPP)
    (tmp_path / "test_readme.py").write_text(block)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_readme.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_readme_python_snippets_pass_mypy_strict(tmp_path: Path) -> None:
    """Every Python snippet of the README type-checks (mypy --strict)
    against the wheel's stubs, as a user's editor would check it."""
    (tmp_path / "myapp.py").write_text(MYAPP)
    files = []
    for n, block in enumerate(readme_python()):
        path = tmp_path / f"readme_snippet_{n}.py"
        # Fragments (the errors section) use a client and an ICCID from
        # the snippets before them.
        prelude = "import once_sdk\nclient: once_sdk.Client\niccid: str\n"
        path.write_text(block if "client = " in block else prelude + block)
        files.append(str(path))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy"), *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# The wheel's own README (its PyPI page): both snippets run as written.

PYPI_README = Path(__file__).resolve().parents[1] / "README.md"


def test_pypi_readme_snippets_run_against_a_sandbox(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", PYPI_README.read_text(), re.S)
    assert len(blocks) == 4, "once-sdk-py/README.md: a tour, 1NCE OS (sync, async), the sandbox"
    with once_sdk.Sandbox(sims=5, seed=7, rate_limits=False) as sb:
        env = env_for(sb)
        outputs = []
        for n, script in enumerate(blocks):
            done = subprocess.run(
                [sys.executable, "-c", script],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, f"snippet {n}:\n{script}\n{done.stderr}"
            outputs.append(done.stdout)
        printed = {line.split()[0] for line in outputs[0].splitlines()}
        assert set(sb.iccids()) <= printed, outputs[0]
        stats = sb.stats()
        assert (stats.top_ups_applied, stats.sms_sent) == (1, 1)
        assert sb.client().sims.get(sb.iccids()[0]).label == "pump-17"
        # 1NCE OS: every device listed, the action followed until it
        # succeeded, the geofence seen by the async snippet, the key redacted.
        assert set(sb.iccids()) <= {line.split()[0] for line in outputs[1].splitlines()}
        assert "SUCCEEDED" in outputs[1], outputs[1]
        assert outputs[2].startswith("geofence depot "), outputs[2]
        assert "[redacted]" in outputs[2] and "0123456789abcdef" not in outputs[2]
        assert sb.stats().requests_to("POST", "/v1/integrate/devices/{deviceId}/actions/UDP") == 1
