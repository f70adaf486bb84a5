"""examples/python/ledger_api.py through FastAPI's test client, against a
PostgreSQL server of the test's own (initdb into a temporary directory,
pg_ctl on a free 127.0.0.1 port; as the `postgres` user when run as root)
migrated by the `once-ledger migrate` binary, and a once_sdk.Sandbox.

Skipped when PostgreSQL or the once-ledger binary is missing, unless
ONCE_REQUIRE_POSTGRES is set (CI sets it, and builds the binary first with
`cargo test --workspace`): then it fails. The binary is ONCE_LEDGER_BIN, or
target/debug/once-ledger (CARGO_TARGET_DIR respected), or once-ledger on
PATH."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

import once_sdk

REQUIRED = bool(os.environ.get("ONCE_REQUIRE_POSTGRES"))


def unavailable(why: str) -> None:
    if REQUIRED:
        pytest.fail(f"ONCE_REQUIRE_POSTGRES is set: {why}", pytrace=False)
    pytest.skip(why, allow_module_level=True)


try:
    import psycopg
    from fastapi.testclient import TestClient
except ImportError as e:  # pragma: no cover - requirements-dev.txt installs them
    unavailable(f"{e.name} is not installed (pip install -r once-sdk-py/requirements-dev.txt)")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "python" / "ledger_api.py"
UTC = dt.timezone.utc


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ledger_api", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ledger_api"] = module
    spec.loader.exec_module(module)
    return module


def pg_bin() -> Optional[Path]:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "pg_ctl").exists()]
    versions.sort(key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    return versions[-1] if versions else None


def ledger_bin() -> Optional[Path]:
    given = os.environ.get("ONCE_LEDGER_BIN")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    if not target.is_absolute():
        target = ROOT / target
    for candidate in [given, str(target / "debug" / "once-ledger"), shutil.which("once-ledger")]:
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """initdb + pg_ctl on a free loopback port, password authentication
    over TCP (so the URL carries a password the app must never show)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="once-ledger-api-pg-"))
        self.port = free_port()
        self.password = "pw-" + secrets.token_hex(12)
        (self.dir / "pwfile").write_text(self.password + "\n")
        if self.root:
            subprocess.run(["chown", "-R", "postgres:postgres", str(self.dir)], check=True)
        self.run(
            "initdb", "-D", str(self.dir / "data"), "-U", "ledger", "--pwfile", str(self.dir / "pwfile"),
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.dir / "data"), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")

    def run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{tool}: {done.stdout}{done.stderr}"

    def url(self, db: str) -> str:
        return f"postgres://ledger:{self.password}@127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# Usage rows the test writes (as `once-ledger serve` would from the stream):
# (iccid index, end_at, traffic_type, rx, tx, total). Volumes are exact in
# binary, so sums compare exactly.
NOW = dt.datetime.now(UTC).replace(microsecond=0)
FIXED = [
    (0, dt.datetime(2025, 3, 2, 10, 15, tzinfo=UTC), "data", 1.0, 0.5, 1.5),
    (0, dt.datetime(2025, 3, 2, 10, 45, tzinfo=UTC), "data", 2.0, 0.25, 2.25),
    (0, dt.datetime(2025, 3, 2, 11, 0, tzinfo=UTC), "sms", None, None, 2.0),
    (0, dt.datetime(2025, 3, 2, 13, 0, tzinfo=UTC), "data", 0.5, 0.0, 0.5),
    (0, dt.datetime(2025, 3, 3, 0, 0, tzinfo=UTC), "data", 3.0, 1.0, 4.0),
    (0, dt.datetime(2025, 3, 30, 23, 59, tzinfo=UTC), "data", 0.125, 0.125, 0.25),
    (0, dt.datetime(2025, 4, 1, 0, 0, tzinfo=UTC), "data", 8.0, 0.0, 8.0),  # `to` is exclusive
    (1, dt.datetime(2025, 3, 2, 10, 30, tzinfo=UTC), "data", 50.0, 50.0, 100.0),  # another SIM
    (0, NOW - dt.timedelta(days=1), "data", 0.75, 0.25, 1.0),
    (0, NOW - dt.timedelta(days=2, hours=3), "sms", None, None, 1.0),
    (0, NOW - dt.timedelta(days=40), "data", 16.0, 16.0, 32.0),  # before the default 30 days
]


def expected_usage(
    iccid: str, iccids: List[str], start: dt.datetime, end: dt.datetime, grain: str
) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """The totals and buckets the endpoint must answer, from FIXED."""

    def trunc(t: dt.datetime) -> dt.datetime:
        if grain == "hour":
            return t.replace(minute=0, second=0, microsecond=0)
        if grain == "day":
            return t.replace(hour=0, minute=0, second=0, microsecond=0)
        return t.replace(day=1, hour=0, minute=0, second=0, microsecond=0)

    buckets: Dict[dt.datetime, Dict[str, Any]] = {}
    for i, end_at, kind, rx, tx, total in FIXED:
        if iccids[i] != iccid or not start <= end_at < end:
            continue
        b = buckets.setdefault(
            trunc(end_at), {"data_mib": 0.0, "rx_mib": 0.0, "tx_mib": 0.0, "sms": 0.0, "records": 0}
        )
        b["records"] += 1
        if kind == "data":
            b["data_mib"] += total
            b["rx_mib"] += rx or 0.0
            b["tx_mib"] += tx or 0.0
        else:
            b["sms"] += total
    rows = [{"start": iso(t), **b} for t, b in sorted(buckets.items())]
    totals: Dict[str, Any] = {k: sum((b[k] for b in rows), 0.0) for k in ("data_mib", "rx_mib", "tx_mib", "sms")}
    totals["records"] = sum(b["records"] for b in rows)
    return totals, rows


def iso(t: dt.datetime) -> str:
    return t.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Env:
    """Everything a test needs: the server, the migrated ledger, the sandbox,
    the app's client, and every answer text and log line seen (checked for
    the password at the end)."""

    def __init__(self, pg: PgServer, dsn: str, sandbox: once_sdk.Sandbox, binary: Path) -> None:
        self.pg, self.dsn, self.sandbox, self.binary = pg, dsn, sandbox, binary
        self.iccids = sorted(sandbox.iccids())
        self.seen: List[str] = []
        self.module = load()
        self.app = self.module.create_app(
            dsn,
            sandbox.async_client(),
            ledger_bin=str(binary),
            sync_env={
                "ONCE_CLIENT_ID": sandbox.client_id,
                "ONCE_CLIENT_SECRET": sandbox.client_secret,
                "ONCE_BASE_URL": sandbox.base_url,
            },
        )
        self.http: Any = None

    def call(self, method: str, url: str, status: int) -> Any:
        r = self.http.request(method, url)
        self.seen.append(r.text)
        assert r.status_code == status, f"{method} {url}: {r.status_code} {r.text}"
        return r.json()

    def get(self, url: str, status: int = 200) -> Any:
        return self.call("GET", url, status)

    def sql(self, query: str, *params: Any) -> List[Tuple[Any, ...]]:
        with psycopg.connect(self.dsn) as conn:
            return conn.execute(query, params).fetchall()  # type: ignore[arg-type]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(scope="module")
def env() -> Iterator[Env]:
    bin_dir = pg_bin()
    if bin_dir is None:
        unavailable("PostgreSQL (initdb, pg_ctl) is not installed")
    binary = ledger_bin()
    if binary is None:
        unavailable("the once-ledger binary is not built (cargo build -p once-ledger, or set ONCE_LEDGER_BIN)")
    assert bin_dir is not None and binary is not None
    pg = PgServer(bin_dir)
    capture = Capture()
    logging.getLogger().addHandler(capture)
    levels = {name: logging.getLogger(name).level for name in ("ledger_api", "psycopg")}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        with psycopg.connect(pg.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE fleet")
        dsn = pg.url("fleet")
        done = subprocess.run(
            [str(binary), "migrate"],
            env={**os.environ, "ONCE_LEDGER_DB": dsn},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        # The ledger's schema version, whichever it is now (the binary knows it).
        assert re.search(r": schema version [1-9][0-9]*$", done.stdout.strip()), done.stdout
        assert pg.password not in done.stdout + done.stderr
        with once_sdk.Sandbox(sims=7, seed=7, rate_limit_factor=100) as sandbox:
            e = Env(pg, dsn, sandbox, binary)
            with psycopg.connect(dsn) as conn:
                for n, (i, end_at, kind, rx, tx, total) in enumerate(FIXED):
                    conn.execute(
                        "INSERT INTO usage (id, iccid, start_at, end_at, traffic_type, rx_mib, tx_mib, "
                        "total_mib, received_at, raw) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now(), '{}')",
                        (f"u{n}", e.iccids[i], end_at - dt.timedelta(minutes=15), end_at, kind, rx, tx, total),
                    )
            with TestClient(e.app) as http:
                e.http = http
                yield e
        # Nothing the app answered or logged carries the database password.
        for text in e.seen + capture.lines:
            assert pg.password not in text, text
        assert e.seen and any("sync: 7 SIMs" in line for line in capture.lines), "nothing was checked"
    finally:
        logging.getLogger().removeHandler(capture)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        pg.stop()


@pytest.fixture(scope="module")
def synced(env: Env) -> Dict[str, Any]:
    """The ledger before the first sync pass, and that pass's answer."""
    before = env.get("/api/v1/sims")
    # Two SIMs disabled, so the status filter has something to leave out.
    client = env.sandbox.client()
    for iccid in env.iccids[-2:]:
        client.sims.update(iccid, status="Disabled")
    report = env.call("POST", "/api/v1/sims/sync", 200)
    return {"before": before, "report": report}


def sim_rows(env: Env) -> List[Dict[str, Any]]:
    """The sandbox's SIMs as the ledger should hold them, in ICCID order."""
    client = env.sandbox.client()
    sims = sorted(client.sims.list(page_size=100), key=lambda s: s.iccid)
    return [
        {
            "iccid": s.iccid,
            "imsi": s.imsi,
            "msisdn": s.msisdn,
            "imei": s.imei,
            "ip_address": s.ip_address,
            "status": None if s.status is None else str(s.status),
            "label": s.label,
        }
        for s in sims
    ]


def test_sync_writes_every_sandbox_sim_and_a_snapshot_only_when_a_quota_changed(
    env: Env, synced: Dict[str, Any]
) -> None:
    assert synced["before"] == {"page": 1, "page_size": 20, "total": 0, "items": []}
    report = synced["report"]
    n = len(env.iccids)
    assert (report["sims"], report["quota_snapshots"], report["failed"], report["failures"]) == (n, 2 * n, 0, [])
    assert env.sql("SELECT count(*) FROM sims") == [(n,)]
    assert env.sql("SELECT count(*) FROM quota_snapshots") == [(2 * n,)]
    assert env.sql("SELECT count(*) FROM events") == [(report["events_inserted"],)]

    again = env.call("POST", "/api/v1/sims/sync", 200)
    assert (again["sims"], again["quota_snapshots"], again["events_inserted"]) == (n, 0, 0)
    assert again["events_already_stored"] == report["events_inserted"]
    assert env.sql("SELECT count(*) FROM quota_snapshots") == [(2 * n,)]

    # One SIM uses data: the next pass writes exactly that quota's snapshot.
    iccid = env.iccids[2]
    env.sandbox.consume_data(iccid, 1.5)
    third = env.call("POST", "/api/v1/sims/sync", 200)
    assert third["quota_snapshots"] == 1
    assert env.sql(
        "SELECT service, count(*) FROM quota_snapshots WHERE iccid = %s GROUP BY 1 ORDER BY 1", iccid
    ) == [("data", 2), ("sms", 1)]

    # 1NCE fails one SIM's SMS quota: the pass goes on and says which.
    env.sandbox.inject(once_sdk.Fault.status(404).method("GET").path(f"/v2/sims/{iccid}/quota/sms").always())
    try:
        fourth = env.call("POST", "/api/v1/sims/sync", 200)
        live = env.get(f"/api/v1/sims/{iccid}/quota?live=true", 404)
    finally:
        env.sandbox.clear_faults()
    assert (fourth["sims"], fourth["quota_snapshots"], fourth["failed"]) == (n, 0, 1)
    assert [f.split(": ")[:2] for f in fourth["failures"]] == [[iccid, "sms quota"]]
    assert live == {"detail": f"1NCE does not know SIM {iccid}"}


def test_sims_are_listed_by_page_and_status(env: Env, synced: Dict[str, Any]) -> None:
    want = sim_rows(env)
    got: List[Dict[str, Any]] = []
    for page in (1, 2, 3):
        body = env.get(f"/api/v1/sims?page={page}&page_size=3")
        assert (body["page"], body["page_size"], body["total"]) == (page, 3, len(want))
        assert len(body["items"]) == min(3, len(want) - 3 * (page - 1))
        got += body["items"]
    assert env.get("/api/v1/sims?page=4&page_size=3")["items"] == []
    assert [{k: v for k, v in s.items() if k != "updated_at"} for s in got] == want
    updated = env.sql("SELECT iccid, updated_at FROM sims ORDER BY iccid")
    assert [s["updated_at"] for s in got] == [iso(t) for _, t in updated]

    enabled = [s for s in want if s["status"] == "Enabled"]
    assert len(enabled) == len(want) - 2
    body = env.get("/api/v1/sims?status=Enabled&page_size=100")
    assert body["total"] == len(enabled)
    assert [s["iccid"] for s in body["items"]] == [s["iccid"] for s in enabled]
    assert env.get("/api/v1/sims?status=Nowhere")["total"] == 0


def test_one_sim_and_404(env: Env, synced: Dict[str, Any]) -> None:
    want = sim_rows(env)[4]
    got = env.get(f"/api/v1/sims/{want['iccid']}")
    assert {k: v for k, v in got.items() if k != "updated_at"} == want
    missing = "8988280666000009999"
    assert missing not in env.iccids
    assert env.get(f"/api/v1/sims/{missing}", 404) == {"detail": f"SIM {missing} is not in the ledger"}
    assert env.get(f"/api/v1/sims/{missing}/quota", 404)["detail"].startswith("the ledger holds no quota")


def test_usage_totals_match_the_rows(env: Env) -> None:
    iccid = env.iccids[0]
    start, end = dt.datetime(2025, 3, 2, tzinfo=UTC), dt.datetime(2025, 4, 1, tzinfo=UTC)
    for grain in ("hour", "day", "month"):
        body = env.get(f"/api/v1/sims/{iccid}/usage?from=2025-03-02&to=2025-04-01&granularity={grain}")
        totals, buckets = expected_usage(iccid, env.iccids, start, end, grain)
        assert body == {
            "iccid": iccid,
            "from": "2025-03-02T00:00:00Z",
            "to": "2025-04-01T00:00:00Z",
            "granularity": grain,
            "total": totals,
            "buckets": buckets,
        }
    # The day buckets of that month, spelled out from FIXED.
    day = env.get(f"/api/v1/sims/{iccid}/usage?from=2025-03-02&to=2025-04-01")
    assert [(b["start"], b["data_mib"], b["sms"], b["records"]) for b in day["buckets"]] == [
        ("2025-03-02T00:00:00Z", 1.5 + 2.25 + 0.5, 2.0, 4),
        ("2025-03-03T00:00:00Z", 4.0, 0.0, 1),
        ("2025-03-30T00:00:00Z", 0.25, 0.0, 1),
    ]
    # Times with zones; the other SIM's rows are its own.
    other = env.get(f"/api/v1/sims/{env.iccids[1]}/usage?from=2025-03-02T11:30:00%2B01:00&to=2025-03-02T10:31:00Z")
    assert other["from"] == "2025-03-02T10:30:00Z" and other["total"]["data_mib"] == 100.0

    # Default: the last 30 days, by day.
    body = env.get(f"/api/v1/sims/{iccid}/usage")
    end = dt.datetime.fromisoformat(body["to"].replace("Z", "+00:00"))
    assert body["from"] == iso(end - dt.timedelta(days=30)) and body["granularity"] == "day"
    totals, buckets = expected_usage(iccid, env.iccids, end - dt.timedelta(days=30), end, "day")
    assert (body["total"], body["buckets"]) == (totals, buckets)
    assert (totals["data_mib"], totals["sms"], totals["records"]) == (1.0, 1.0, 2)


def test_quota_from_the_ledger_and_live_from_1nce(env: Env, synced: Dict[str, Any]) -> None:
    client = env.sandbox.client()
    for iccid in env.iccids[:3]:
        ledger = env.get(f"/api/v1/sims/{iccid}/quota")
        live = env.get(f"/api/v1/sims/{iccid}/quota?live=true")
        assert (ledger["source"], live["source"]) == ("ledger", "1nce")
        want = {}
        for service, q in (("data", client.sims.data_quota(iccid)), ("sms", client.sims.sms_quota(iccid))):
            want[service] = {
                "volume": q.volume,
                "total_volume": q.total_volume,
                "expiry_date": None if q.expiry_date is None else iso(q.expiry_date),
            }
        strip = lambda body: {s: {k: v for k, v in q.items() if k != "observed_at"} for s, q in body["quotas"].items()}  # noqa: E731
        assert strip(ledger) == want
        assert strip(live) == want
        observed = env.sql(
            "SELECT service, max(observed_at) FROM quota_snapshots WHERE iccid = %s GROUP BY 1 ORDER BY 1", iccid
        )
        assert [(s, ledger["quotas"][s]["observed_at"]) for s, _ in observed] == [(s, iso(t)) for s, t in observed]
    # Live goes to 1NCE each time.
    env.sandbox.reset_stats()
    env.get(f"/api/v1/sims/{env.iccids[0]}/quota?live=1")
    assert env.sandbox.stats().requests_to("GET", "/v2/sims/{iccid}/quota/data") == 1


BAD = [
    ("/api/v1/sims/12345", "iccid: must be 19 digits (or 20 with the Luhn check digit), got 5"),
    ("/api/v1/sims/89882806660000000x1/usage", "iccid: must be digits only, got '89882806660000000x1'"),
    ("/api/v1/sims/1988280666000000000/quota", "iccid: must start with 89 (the telecom industry prefix)"),
    ("/api/v1/sims/89882806660000000001", "iccid: 20-digit ICCID fails the Luhn check"),
    ("/api/v1/sims?page_size=101", "page_size: must be a whole number from 1 to 100, got '101'"),
    ("/api/v1/sims?page_size=0", "page_size: must be a whole number from 1 to 100, got '0'"),
    ("/api/v1/sims?page=x", "page: must be a whole number from 1 to 1000000, got 'x'"),
    ("/api/v1/sims?status=1%3Bdrop", "status: must be a SIM status such as Enabled or Disabled, got '1;drop'"),
    ("/api/v1/sims/8988280666000000000/usage?granularity=week", "granularity: must be one of hour, day, month, got 'week'"),
    ("/api/v1/sims/8988280666000000000/usage?from=yesterday", "from: must be an ISO 8601 date or time (2026-11-02, 2026-11-02T10:00:00Z), got 'yesterday'"),
    ("/api/v1/sims/8988280666000000000/usage?from=2026-11-03&to=2026-11-02", "from: must be before to (2026-11-03T00:00:00Z is not before 2026-11-02T00:00:00Z)"),
    ("/api/v1/sims/8988280666000000000/quota?live=maybe", "live: must be true or false, got 'maybe'"),
]  # fmt: skip


@pytest.mark.parametrize("url,detail", BAD)
def test_bad_input_is_refused_naming_the_field(env: Env, url: str, detail: str) -> None:
    assert env.get(url, 422) == {"detail": detail}


def test_bad_input_is_refused_before_any_query(env: Env) -> None:
    """An app whose database cannot be reached answers 422 for bad input
    (so no query was tried) and 503 for good input, without its password."""
    port = free_port()
    dsn = f"postgres://ledger:{env.pg.password}@127.0.0.1:{port}/fleet"
    app = env.module.create_app(dsn, env.sandbox.async_client(), db_timeout=1.0)
    with TestClient(app) as http:
        for url, detail in BAD:
            r = http.get(url)
            env.seen.append(r.text)
            assert (r.status_code, r.json()) == (422, {"detail": detail})
        r = http.get(f"/api/v1/sims/{env.iccids[0]}")
        env.seen.append(r.text)
        assert (r.status_code, r.json()) == (503, {"detail": "the ledger database is unavailable"})


def test_sync_without_the_binary_or_with_bad_credentials(env: Env, tmp_path: Path) -> None:
    app = env.module.create_app(env.dsn, env.sandbox.async_client(), ledger_bin=str(tmp_path / "once-ledger"))
    with TestClient(app) as http:
        r = http.post("/api/v1/sims/sync")
        env.seen.append(r.text)
        assert r.status_code == 503
        assert "once-ledger sync" in r.json()["detail"] and "ONCE_LEDGER_BIN" in r.json()["detail"]

    wrong = "not-the-secret-" + secrets.token_hex(4)
    app = env.module.create_app(
        env.dsn,
        env.sandbox.async_client(),
        ledger_bin=str(env.binary),
        sync_env={"ONCE_CLIENT_ID": env.sandbox.client_id, "ONCE_CLIENT_SECRET": wrong, "ONCE_BASE_URL": env.sandbox.base_url},
    )
    before = env.sql("SELECT count(*) FROM quota_snapshots")
    with TestClient(app) as http:
        r = http.post("/api/v1/sims/sync")
        env.seen.append(r.text)
    assert r.status_code == 502, r.text
    assert r.json()["detail"].startswith("the sync pass failed (exit 1): ")
    assert wrong not in r.text
    assert env.sql("SELECT count(*) FROM quota_snapshots") == before


def test_main_says_what_it_needs(tmp_path: Path) -> None:
    """`python ledger_api.py`: --help names its settings; without
    ONCE_LEDGER_DB it stops before starting anything."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ONCE_")}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, str(EXAMPLE), *args], env=clean, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    done = run("--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: ")
    assert "ONCE_LEDGER_DB" in done.stdout and "ONCE_CLIENT_ID" in done.stdout
    done = run()
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "set ONCE_LEDGER_DB=postgres://user:PASSWORD@host:5432/db (the ledger's PostgreSQL)\n"
