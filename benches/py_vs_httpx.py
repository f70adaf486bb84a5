"""once_sdk (the Python wheel) vs httpx, the way Python code calls 1NCE today.

Same calls, same server, same bytes: ``sims.get(iccid)`` and one page of 100
SIMs (``sims.list(page_size=100).page(1)``), through

- ``once_sdk.Client`` / ``once_sdk.AsyncClient``,
- ``httpx.Client`` / ``httpx.AsyncClient`` + ``response.json()`` (dicts),
- the same + a pydantic v2 model of the SIM (``TypeAdapter.validate_json``),

sequentially (sync clients) and at concurrency 32 (asyncio clients), against
the canned local server of the Rust benchmarks (``benches/src/lib.rs``,
started as ``cargo run --release -p once-bench --bin canned_server``), which
answers from memory so that the clients are what is measured.

Every variant reads ``iccid``, ``status`` and ``current_quota`` of every SIM
it gets, so that once_sdk's attributes (converted to Python on access) are
not counted as free. Each measurement runs for ``--seconds``; rounds
alternate the clients (the first one rotates); the medians are printed as a
markdown table.

Needs httpx and pydantic, and the wheel installed as a release build
(``maturin build --release``): see docs/BENCHMARKS.md, "2. Python vs httpx".

    python benches/py_vs_httpx.py [--rounds 7] [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Optional

import httpx
import pydantic

import once_sdk

ICCID = "8988280666000000000"  # once_bench::ICCID
CLIENT_ID, CLIENT_SECRET = "bench", "bench-secret"
CONCURRENCY = 32
REPO = Path(__file__).resolve().parent.parent


# -- the pydantic variant: a model of the fields once_sdk.Sim has ------------


class QuotaThreshold(pydantic.BaseModel):
    id: Optional[int] = None
    description: Optional[str] = None
    threshold_reached_date: Optional[datetime.datetime] = None
    quota_exceeded_date: Optional[datetime.datetime] = None


class Sim(pydantic.BaseModel):
    iccid: str
    iccid_with_luhn: Optional[str] = None
    imsi: Optional[str] = None
    imsi_2: Optional[str] = None
    current_imsi: Optional[str] = None
    msisdn: Optional[str] = None
    imei: Optional[str] = None
    imei_lock: Optional[bool] = None
    status: Optional[str] = None
    activation_date: Optional[datetime.datetime] = None
    ip_address: Optional[str] = None
    current_quota: Optional[float] = None
    quota_status: Optional[QuotaThreshold] = None
    current_quota_sms: Optional[float] = pydantic.Field(None, alias="current_quota_SMS")
    quota_status_sms: Optional[QuotaThreshold] = pydantic.Field(None, alias="quota_status_SMS")
    label: Optional[str] = None


SIM = pydantic.TypeAdapter(Sim)
SIMS = pydantic.TypeAdapter(list[Sim])


# -- what every call does with its result ------------------------------------


def touch(sims: Any) -> int:
    """Reads three fields of every SIM (objects)."""
    n = 0
    for s in sims:
        n += len(s.iccid) + len(s.status or "") + int(s.current_quota or 0)
    return n


def touch_dicts(sims: list[dict[str, Any]]) -> int:
    """The same on dicts."""
    n = 0
    for s in sims:
        n += len(s["iccid"]) + len(s.get("status") or "") + int(s.get("current_quota") or 0)
    return n


# -- the variants ------------------------------------------------------------

SyncCall = Callable[[], int]
AsyncCall = Callable[[], Awaitable[int]]


def sync_calls(url: str, token: str) -> dict[str, dict[str, SyncCall]]:
    sdk = once_sdk.Client(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=url, rate_limits=False
    )
    sdk.access_token()
    hx = httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    page_params = {"page": 1, "pageSize": 100}
    return {
        "sims.get": {
            "once_sdk": lambda: touch([sdk.sims.get(ICCID)]),
            "httpx": lambda: touch_dicts([hx.get(f"/v2/sims/{ICCID}").json()]),
            "httpx+pydantic": lambda: touch(
                [SIM.validate_json(hx.get(f"/v2/sims/{ICCID}").content)]
            ),
        },
        "100-SIM page": {
            "once_sdk": lambda: touch(sdk.sims.list(page_size=100).page(1).items),
            "httpx": lambda: touch_dicts(hx.get("/v2/sims", params=page_params).json()),
            "httpx+pydantic": lambda: touch(
                SIMS.validate_json(hx.get("/v2/sims", params=page_params).content)
            ),
        },
    }


def async_calls(url: str, token: str) -> dict[str, dict[str, AsyncCall]]:
    """Must be called with the event loop running."""
    sdk = once_sdk.AsyncClient(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=url, rate_limits=False
    )
    # Keep all 32 connections alive (httpx keeps 20 by default and would
    # open a new connection for every 32nd-or-so request).
    hx = httpx.AsyncClient(
        base_url=url,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        limits=httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY),
    )
    page_params = {"page": 1, "pageSize": 100}

    async def sdk_get() -> int:
        return touch([await sdk.sims.get(ICCID)])

    async def hx_get() -> int:
        return touch_dicts([(await hx.get(f"/v2/sims/{ICCID}")).json()])

    async def pd_get() -> int:
        return touch([SIM.validate_json((await hx.get(f"/v2/sims/{ICCID}")).content)])

    async def sdk_page() -> int:
        return touch((await sdk.sims.list(page_size=100).page(1)).items)

    async def hx_page() -> int:
        return touch_dicts((await hx.get("/v2/sims", params=page_params)).json())

    async def pd_page() -> int:
        return touch(SIMS.validate_json((await hx.get("/v2/sims", params=page_params)).content))

    return {
        "sims.get": {"once_sdk": sdk_get, "httpx": hx_get, "httpx+pydantic": pd_get},
        "100-SIM page": {"once_sdk": sdk_page, "httpx": hx_page, "httpx+pydantic": pd_page},
    }


# -- measuring ---------------------------------------------------------------


def rate_sync(call: SyncCall, seconds: float) -> float:
    """Calls per second, one after the other, for `seconds`."""
    n = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        call()
        n += 1
    return n / (time.perf_counter() - start)


async def rate_async(call: AsyncCall, seconds: float) -> float:
    """Calls per second with CONCURRENCY in flight, for `seconds`."""
    start = time.perf_counter()
    deadline = start + seconds

    async def worker() -> int:
        n = 0
        while time.perf_counter() < deadline:
            await call()
            n += 1
        return n

    counts = await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return sum(counts) / (time.perf_counter() - start)


def rotated(names: list[str], r: int) -> list[str]:
    k = r % len(names)
    return names[k:] + names[:k]


def check_same_bytes(url: str, token: str) -> None:
    """Both clients see the same SIMs (a broken setup fails here, not in the figures)."""
    with once_sdk.Client(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=url, rate_limits=False
    ) as sdk:
        page = sdk.sims.list(page_size=100).page(1)
        one = sdk.sims.get(ICCID)
    raw = httpx.get(
        f"{url}/v2/sims",
        params={"page": 1, "pageSize": 100},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    typed = SIMS.validate_python(raw)
    iccids = [s["iccid"] for s in raw]
    if [s.iccid for s in page.items] != iccids or [s.iccid for s in typed] != iccids:
        sys.exit("the clients do not see the same SIMs")
    if len(page.items) != 100 or one.activation_date != typed[0].activation_date:
        sys.exit("unexpected canned page")


def start_server() -> tuple[subprocess.Popen[str], str]:
    cmd = ["cargo", "run", "--release", "-q", "-p", "once-bench", "--bin", "canned_server"]
    print(f"starting the canned server: {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        sys.exit(f"the canned server did not start (said {url!r})")
    return proc, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per cell (default 7)")
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="length of one measurement (default 1.0)"
    )
    args = parser.parse_args()

    proc, url = start_server()
    try:
        token = httpx.post(f"{url}/oauth/token", auth=(CLIENT_ID, CLIENT_SECRET)).json()[
            "access_token"
        ]
        check_same_bytes(url, token)
        results: dict[tuple[str, str], dict[str, list[float]]] = {}

        sync = sync_calls(url, token)
        for call_name, variants in sync.items():
            cell = results.setdefault((call_name, "sync, sequential"), {v: [] for v in variants})
            for call in variants.values():  # warm up connections and caches
                rate_sync(call, 0.2)
            for r in range(args.rounds):
                for v in rotated(list(variants), r):
                    cell[v].append(rate_sync(variants[v], args.seconds))
                print(f"  {call_name} sync: round {r + 1}/{args.rounds}", file=sys.stderr)

        async def run_async() -> None:
            calls = async_calls(url, token)
            for call_name, variants in calls.items():
                cell = results.setdefault(
                    (call_name, f"asyncio, {CONCURRENCY} in flight"), {v: [] for v in variants}
                )
                for call in variants.values():
                    await rate_async(call, 0.2)
                for r in range(args.rounds):
                    for v in rotated(list(variants), r):
                        cell[v].append(await rate_async(variants[v], args.seconds))
                    print(f"  {call_name} async: round {r + 1}/{args.rounds}", file=sys.stderr)

        asyncio.run(run_async())
    finally:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=10)

    print(
        f"\nonce_sdk {once_sdk.__version__}, httpx {httpx.__version__}, "
        f"pydantic {pydantic.VERSION}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {args.rounds} rounds of {args.seconds:g} s, "
        f"{datetime.date.today()}\n"
    )
    print(
        "| call | mode | once_sdk req/s | httpx + .json() req/s | httpx + pydantic req/s "
        "| once_sdk / httpx | once_sdk / httpx + pydantic |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for (call_name, mode), cell in results.items():
        sdk, hx, pd = (statistics.median(cell[v]) for v in ("once_sdk", "httpx", "httpx+pydantic"))
        print(
            f"| {call_name} | {mode} | {sdk:.0f} | {hx:.0f} | {pd:.0f} "
            f"| {sdk / hx:.2f} | {sdk / pd:.2f} |"
        )


if __name__ == "__main__":
    main()
