"""An HTTP API over the fleet ledger, with FastAPI: the SIM, usage and quota
endpoints a SIM-management platform serves, read from once-ledger's
PostgreSQL tables, with live quotas from 1NCE through once_sdk's asyncio
client.

    GET  /api/v1/sims?status=&page=&page_size=     SIMs in the ledger (paged)
    GET  /api/v1/sims/{iccid}                       one SIM (404 if not in the ledger)
    GET  /api/v1/sims/{iccid}/usage?from=&to=&granularity=day|hour|month
                                                    usage totals (data in MiB, SMS as
                                                    counts); default: the last 30 days
    GET  /api/v1/sims/{iccid}/quota[?live=true]     the latest quota snapshot per
                                                    service, or 1NCE's quota now
    POST /api/v1/sims/sync                          one sync pass into the ledger

Bad input answers 422 with a message naming the parameter, before any
query. The database URL (with its password) is never put in an answer or
a log line.

The tables (``sims``, ``quota_snapshots``, ``usage``, ...) are once-ledger's
(see once-ledger/README.md): ``once-ledger serve`` fills ``usage``,
``events`` and ``sms_records`` from the Data Streamer, ``once-ledger sync``
fills ``sims`` and ``quota_snapshots`` from the API. Times are UTC, data
volumes MiB as 1NCE sends them.

POST /api/v1/sims/sync runs the ledger's own sync: the ``once-ledger sync``
binary as a subprocess (``ONCE_LEDGER_BIN``, else ``once-ledger`` on PATH),
with the database URL and the 1NCE credentials in its environment, never on
its command line. It is not written again in Python: the sync's semantics
(SIM rows upserted, a quota snapshot only when a quota changed, events
decoded by the stream's decoder and stored under the stream's keys, monthly
partitions created under the ledger's advisory lock) stay in one place, so
this app and ``once-ledger serve`` cannot disagree about a row. Without the
binary the endpoint answers 503 saying so; the read endpoints work without
it. One pass runs at a time (409 while one runs); the answer carries the
pass's counts and the SIMs that failed.

Run:

    pip install fastapi uvicorn 'psycopg[binary]' psycopg-pool
    export ONCE_LEDGER_DB=postgres://ledger:PASSWORD@127.0.0.1:5432/fleet
    ONCE_CLIENT_ID=... ONCE_CLIENT_SECRET=... python ledger_api.py --port 8000
    python ledger_api.py      # no ONCE_CLIENT_ID: a local 1NCE sandbox

or mount ``create_app(dsn, client)`` in your own ASGI server.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib
import logging
import os
import re
import shutil
import sys
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Dict, List, Mapping, Optional
from urllib.parse import unquote, urlsplit

import psycopg
from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import JSONResponse
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, PoolTimeout

import once_sdk

log = logging.getLogger("ledger_api")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
USAGE_DAYS = 30
GRANULARITIES = ("hour", "day", "month")
STATUS = re.compile(r"[A-Za-z][A-Za-z _-]{0,31}")
# The summary line `once-ledger sync` writes to stderr.
SYNC_SUMMARY = re.compile(
    r"once-ledger: sync: (\d+) SIMs, (\d+) quota snapshots, (\d+) events new, "
    r"(\d+) already stored, (\d+) failures"
)
SYNC_FAILURE = "once-ledger: sync: "
SIM_COLUMNS = "iccid, imsi, msisdn, imei, ip_address, status, label, updated_at"


def unprocessable(field: str, message: str) -> HTTPException:
    return HTTPException(422, f"{field}: {message}")


def shown(value: str) -> str:
    """A query value as quoted in an error (cut short)."""
    return repr(value if len(value) <= 40 else value[:40] + "...")


def check_iccid(iccid: str) -> str:
    """The ICCID as 1NCE addresses SIMs: 19 digits, or 20 with the Luhn
    check digit, starting with 89 (once_sdk's rules)."""
    if not iccid.isascii() or not iccid.isdigit():
        raise unprocessable("iccid", f"must be digits only, got {shown(iccid)}")
    if len(iccid) not in (19, 20):
        raise unprocessable("iccid", f"must be 19 digits (or 20 with the Luhn check digit), got {len(iccid)}")
    if not iccid.startswith("89"):
        raise unprocessable("iccid", "must start with 89 (the telecom industry prefix)")
    if len(iccid) == 20:
        total = 0
        for i, c in enumerate(reversed(iccid)):
            d = int(c) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10:
            raise unprocessable("iccid", "20-digit ICCID fails the Luhn check")
    return iccid


def whole(field: str, value: Optional[str], default: int, lo: int, hi: int) -> int:
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 9) or not lo <= int(value) <= hi:
        raise unprocessable(field, f"must be a whole number from {lo} to {hi}, got {shown(value)}")
    return int(value)


def when(field: str, value: str) -> dt.datetime:
    """An ISO 8601 date (its midnight, UTC) or time (UTC unless it says)."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise unprocessable(
            field, f"must be an ISO 8601 date or time (2026-11-02, 2026-11-02T10:00:00Z), got {shown(value)}"
        ) from None
    return t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t.astimezone(dt.timezone.utc)


def iso(t: Optional[dt.datetime]) -> Optional[str]:
    """A time as ISO 8601 UTC with a Z."""
    if t is None:
        return None
    return t.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def secrets_of(dsn: str, env: Mapping[str, str]) -> List[str]:
    """What must never be shown: the database password, the client secret."""
    found = [env.get("ONCE_CLIENT_SECRET", "")]
    try:
        password = urlsplit(dsn).password
    except ValueError:
        password = None
    if password:
        found += [password, unquote(password)]
    for part in dsn.split():  # key=value form
        if part.startswith("password="):
            found.append(part[len("password=") :].strip("'"))
    return [s for s in found if s]


def redacted(text: str, secrets: List[str]) -> str:
    for s in secrets:
        text = text.replace(s, "***")
    return text


def create_app(
    dsn: str,
    client: once_sdk.AsyncClient,
    *,
    ledger_bin: Optional[str] = None,
    sync_env: Optional[Mapping[str, str]] = None,
    sync_timeout: float = 900.0,
    db_timeout: float = 10.0,
) -> FastAPI:
    """The app, reading the ledger at `dsn` (``postgres://...``) and 1NCE
    through `client`.

    POST /api/v1/sims/sync runs `ledger_bin` (default: ``ONCE_LEDGER_BIN``,
    else ``once-ledger`` on PATH) with this process's environment plus
    `sync_env` (the 1NCE credentials: ``ONCE_CLIENT_ID``,
    ``ONCE_CLIENT_SECRET``, ``ONCE_BASE_URL``) and ``ONCE_LEDGER_DB``."""
    pool = AsyncConnectionPool(
        dsn, min_size=1, max_size=8, open=False, timeout=db_timeout, kwargs={"connect_timeout": 5}
    )
    env = {**os.environ, **(sync_env or {})}
    hidden = secrets_of(dsn, env)
    sync_lock = asyncio.Lock()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await pool.open(wait=False)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(title="Fleet ledger API", lifespan=lifespan)

    async def query(sql: str, *params: Any) -> List[Dict[str, Any]]:
        """The rows of one query; 503 when the database cannot be reached."""
        try:
            async with pool.connection() as conn:
                async with conn.cursor(row_factory=dict_row) as cur:
                    await cur.execute(sql, params)
                    return await cur.fetchall()
        except (PoolTimeout, psycopg.OperationalError) as e:
            log.warning("ledger database unavailable: %s", redacted(str(e), hidden))
            raise HTTPException(503, "the ledger database is unavailable", {"Retry-After": "5"}) from None
        except psycopg.Error as e:
            log.error("ledger query failed: %s", redacted(str(e), hidden))
            raise HTTPException(
                500, "the ledger query failed (is the schema migrated? once-ledger migrate)"
            ) from None

    def sim_json(row: Dict[str, Any]) -> Dict[str, Any]:
        return {**row, "updated_at": iso(row["updated_at"])}

    @app.get("/api/v1/sims")
    async def list_sims(
        status: Optional[str] = None, page: Optional[str] = None, page_size: Optional[str] = None
    ) -> Dict[str, Any]:
        n = whole("page", page, 1, 1, 1_000_000)
        size = whole("page_size", page_size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        if status is not None and not STATUS.fullmatch(status):
            raise unprocessable("status", f"must be a SIM status such as Enabled or Disabled, got {shown(status)}")
        where = "WHERE status = %s" if status is not None else ""
        args = [status] if status is not None else []
        total = (await query(f"SELECT count(*) AS n FROM sims {where}", *args))[0]["n"]
        rows = await query(
            f"SELECT {SIM_COLUMNS} FROM sims {where} ORDER BY iccid LIMIT %s OFFSET %s",
            *args,
            size,
            (n - 1) * size,
        )
        return {"page": n, "page_size": size, "total": total, "items": [sim_json(r) for r in rows]}

    @app.get("/api/v1/sims/{iccid}")
    async def get_sim(iccid: str) -> Dict[str, Any]:
        check_iccid(iccid)
        rows = await query(f"SELECT {SIM_COLUMNS} FROM sims WHERE iccid = %s", iccid)
        if not rows:
            raise HTTPException(404, f"SIM {iccid} is not in the ledger")
        return sim_json(rows[0])

    @app.get("/api/v1/sims/{iccid}/usage")
    async def usage(
        iccid: str,
        from_: Optional[str] = Query(None, alias="from"),
        to: Optional[str] = None,
        granularity: Optional[str] = None,
    ) -> Dict[str, Any]:
        check_iccid(iccid)
        grain = "day" if granularity is None else granularity
        if grain not in GRANULARITIES:
            raise unprocessable("granularity", f"must be one of hour, day, month, got {shown(grain)}")
        end = when("to", to) if to is not None else dt.datetime.now(dt.timezone.utc)
        start = when("from", from_) if from_ is not None else end - dt.timedelta(days=USAGE_DAYS)
        if start >= end:
            raise unprocessable("from", f"must be before to ({iso(start)} is not before {iso(end)})")
        # Data in MiB and SMS as counts, as 1NCE sends them: two sums, never one.
        rows = await query(
            "SELECT date_trunc(%s, end_at, 'UTC') AS start, "
            "coalesce(sum(total_mib) FILTER (WHERE traffic_type = 'data'), 0) AS data_mib, "
            "coalesce(sum(rx_mib) FILTER (WHERE traffic_type = 'data'), 0) AS rx_mib, "
            "coalesce(sum(tx_mib) FILTER (WHERE traffic_type = 'data'), 0) AS tx_mib, "
            "coalesce(sum(total_mib) FILTER (WHERE traffic_type = 'sms'), 0) AS sms, "
            "count(*) AS records "
            "FROM usage WHERE iccid = %s AND end_at >= %s AND end_at < %s GROUP BY 1 ORDER BY 1",
            grain,
            iccid,
            start,
            end,
        )
        buckets = [{**r, "start": iso(r["start"])} for r in rows]
        total: Dict[str, Any] = {k: sum((b[k] for b in buckets), 0.0) for k in ("data_mib", "rx_mib", "tx_mib", "sms")}
        total["records"] = sum(b["records"] for b in buckets)
        return {
            "iccid": iccid,
            "from": iso(start),
            "to": iso(end),
            "granularity": grain,
            "total": total,
            "buckets": buckets,
        }

    @app.get("/api/v1/sims/{iccid}/quota")
    async def quota(iccid: str, live: Optional[str] = None) -> Dict[str, Any]:
        check_iccid(iccid)
        flags = {None: False, "false": False, "0": False, "true": True, "1": True}
        if live not in flags:
            raise unprocessable("live", f"must be true or false, got {shown(str(live))}")
        if not flags[live]:
            rows = await query(
                "SELECT DISTINCT ON (service) service, volume, total_volume, expiry_date, observed_at "
                "FROM quota_snapshots WHERE iccid = %s ORDER BY service, observed_at DESC",
                iccid,
            )
            if not rows:
                raise HTTPException(404, f"the ledger holds no quota of SIM {iccid} (POST /api/v1/sims/sync)")
            quotas = {
                r["service"]: {
                    "volume": r["volume"],
                    "total_volume": r["total_volume"],
                    "expiry_date": iso(r["expiry_date"]),
                    "observed_at": iso(r["observed_at"]),
                }
                for r in rows
            }
            return {"iccid": iccid, "source": "ledger", "quotas": quotas}
        try:
            data, sms = await asyncio.gather(client.sims.data_quota(iccid), client.sims.sms_quota(iccid))
        except once_sdk.RateLimitError as e:
            raise HTTPException(429, f"1NCE: {e}", {"Retry-After": "5"}) from None
        except once_sdk.ApiError as e:
            if e.status == 404:
                raise HTTPException(404, f"1NCE does not know SIM {iccid}") from None
            log.warning("1NCE quota of %s: %s", iccid, redacted(str(e), hidden))
            raise HTTPException(502, f"1NCE: {redacted(str(e), hidden)}") from None
        except once_sdk.OnceError as e:
            log.warning("1NCE quota of %s: %s", iccid, redacted(str(e), hidden))
            raise HTTPException(502, f"1NCE: {redacted(str(e), hidden)}") from None
        now = iso(dt.datetime.now(dt.timezone.utc))
        return {
            "iccid": iccid,
            "source": "1nce",
            "quotas": {
                service: {
                    "volume": q.volume,
                    "total_volume": q.total_volume,
                    "expiry_date": iso(q.expiry_date),
                    "observed_at": now,
                }
                for service, q in (("data", data), ("sms", sms))
            },
        }

    @app.post("/api/v1/sims/sync")
    async def sync() -> JSONResponse:
        exe = ledger_bin or os.environ.get("ONCE_LEDGER_BIN") or shutil.which("once-ledger")
        if not exe or not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
            return JSONResponse(
                {
                    "detail": "the sync is once-ledger's own (`once-ledger sync`), and it is not installed "
                    "here: put once-ledger on PATH or set ONCE_LEDGER_BIN (cargo install --path once-ledger)"
                },
                503,
            )
        if sync_lock.locked():
            return JSONResponse({"detail": "a sync pass is running; try again when it is done"}, 409)
        async with sync_lock:
            proc = await asyncio.create_subprocess_exec(
                exe,
                "sync",
                env={**env, "ONCE_LEDGER_DB": dsn},
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                _, err = await asyncio.wait_for(proc.communicate(), sync_timeout)
            except asyncio.TimeoutError:
                proc.kill()
                await proc.wait()
                return JSONResponse({"detail": f"the sync pass took over {sync_timeout:g} s and was stopped"}, 504)
        lines = [redacted(line, hidden) for line in err.decode(errors="replace").splitlines()]
        summary = next((m for m in map(SYNC_SUMMARY.search, lines) if m), None)
        if summary is None:
            last = next((line for line in reversed(lines) if line.strip()), "no output")
            log.error("once-ledger sync exited %s: %s", proc.returncode, last)
            return JSONResponse({"detail": f"the sync pass failed (exit {proc.returncode}): {last}"}, 502)
        failures = [
            line[line.index(SYNC_FAILURE) + len(SYNC_FAILURE) :]
            for line in lines
            if SYNC_FAILURE in line and not SYNC_SUMMARY.search(line)
        ]
        sims, snapshots, new, stored, failed = (int(g) for g in summary.groups())
        log.info("sync: %s SIMs, %s quota snapshots, %s events new, %s failures", sims, snapshots, new, failed)
        return JSONResponse(
            {
                "sims": sims,
                "quota_snapshots": snapshots,
                "events_inserted": new,
                "events_already_stored": stored,
                "failed": failed,
                "failures": failures,  # the first 20, as once-ledger prints them
            }
        )

    return app


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Serves the fleet ledger's SIMs, usage and quotas over HTTP (FastAPI + uvicorn). "
        "The ledger's PostgreSQL from ONCE_LEDGER_DB (postgres://...); 1NCE from ONCE_CLIENT_ID and "
        "ONCE_CLIENT_SECRET, or a local sandbox when ONCE_CLIENT_ID is not set."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    args = parser.parse_args()

    dsn = os.environ.get("ONCE_LEDGER_DB", "")
    if not dsn.startswith(("postgres://", "postgresql://")):
        sys.exit("set ONCE_LEDGER_DB=postgres://user:PASSWORD@host:5432/db (the ledger's PostgreSQL)")
    sandbox: Optional[once_sdk.Sandbox] = None
    sync_env: Optional[Dict[str, str]] = None
    if os.environ.get("ONCE_CLIENT_ID"):
        client = once_sdk.AsyncClient.from_env()
    else:
        sandbox = once_sdk.Sandbox(sims=25)
        print(f"ONCE_CLIENT_ID is not set: using the local 1NCE sandbox at {sandbox.base_url}")
        client = sandbox.async_client()
        sync_env = {
            "ONCE_CLIENT_ID": sandbox.client_id,
            "ONCE_CLIENT_SECRET": sandbox.client_secret,
            "ONCE_BASE_URL": sandbox.base_url,
        }
    try:
        uvicorn = importlib.import_module("uvicorn")
    except ImportError:
        sys.exit("uvicorn is not installed (pip install uvicorn), or mount create_app(dsn, client) in your ASGI server")
    logging.basicConfig(level=logging.INFO)
    uvicorn.run(create_app(dsn, client, sync_env=sync_env), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
