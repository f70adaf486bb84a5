"""once_sdk (the Python wheel) vs httpx, the way Python code calls 1NCE today.

Same calls, same server, same bytes: ``sims.get(iccid)`` and one page of 100
SIMs (``sims.list(page_size=100).page(1)``), through

- ``once_sdk.Client`` / ``once_sdk.AsyncClient``,
- ``httpx.Client`` / ``httpx.AsyncClient`` + ``response.json()`` (dicts),
- the same + a pydantic v2 model of the SIM (``TypeAdapter.validate_json``),

sequentially (sync clients) and at concurrency 32 (asyncio clients), against
two servers answering the same canned bytes: the canned local server of the
Rust benchmarks (``benches/src/lib.rs``, started as ``cargo run --release -p
once-bench --bin canned_server``), which answers from memory so that the
clients are what is measured, and nginx (Debian's package; a server nobody
here wrote) serving the same bodies and headers, copied from the canned
server into a temporary directory (``--servers canned,nginx``).

Every variant reads ``iccid``, ``status`` and ``current_quota`` of every SIM
it gets, so that once_sdk's attributes (converted to Python on access) are
not counted as free. Each measurement runs for ``--seconds``; rounds
alternate the clients (the first one rotates); the medians are printed as a
markdown table.

Needs httpx and pydantic, and the wheel installed as a release build
(``maturin build --release``): see docs/BENCHMARKS.md, "2. Python vs httpx".

    python benches/py_vs_httpx.py [--rounds 7] [--seconds 1.0] [--servers canned,nginx]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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


def start_server(binary: Optional[str] = None) -> tuple[subprocess.Popen[str], str]:
    cmd = (
        [binary]
        if binary
        else ["cargo", "run", "--release", "-q", "-p", "once-bench", "--bin", "canned_server"]
    )
    print(f"starting the canned server: {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        sys.exit(f"the canned server did not start (said {url!r})")
    return proc, url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ }}
    default_type application/json;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    client_body_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        location = /oauth/token {{
            # Any method (the token request is a POST): the canned token body.
            return 200 '{token}';
        }}
        location = /v2/sims {{
            add_header X-Total-Count {total} always;
            add_header X-Total-Pages {pages} always;
            add_header X-Current-Page 1 always;
            add_header X-Count-Per-Page 100 always;
            try_files /page.json =404;
        }}
        location = /v2/sims/{iccid} {{
            try_files /sim.json =404;
        }}
    }}
}}
"""


def start_nginx(canned_url: str) -> tuple[subprocess.Popen[str], str, str]:
    """nginx on a free loopback port, serving the canned server's bodies and
    page headers (copied from it), from a temporary directory."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        sys.exit("nginx is not installed (Debian: apt-get install -y nginx)")
    root = tempfile.mkdtemp(prefix="py-vs-httpx-nginx-")
    os.makedirs(f"{root}/www")
    os.makedirs(f"{root}/tmp")
    token = httpx.post(f"{canned_url}/oauth/token", auth=(CLIENT_ID, CLIENT_SECRET))
    page = httpx.get(f"{canned_url}/v2/sims", params={"page": 1, "pageSize": 100})
    sim = httpx.get(f"{canned_url}/v2/sims/{ICCID}")
    Path(f"{root}/www/page.json").write_bytes(page.content)
    Path(f"{root}/www/sim.json").write_bytes(sim.content)
    if "'" in token.text:
        sys.exit("unexpected quote in the canned token body")
    port = free_port()
    conf = NGINX_CONF.format(
        root=root,
        port=port,
        token=token.text,
        total=page.headers["x-total-count"],
        pages=page.headers["x-total-pages"],
        iccid=ICCID,
    )
    Path(f"{root}/nginx.conf").write_text(conf)
    cmd = [nginx, "-p", root, "-c", f"{root}/nginx.conf"]
    print(f"starting nginx: {' '.join(cmd)}", file=sys.stderr)
    proc = subprocess.Popen(cmd, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{url}/v2/sims/{ICCID}").status_code == 200:
                return proc, url, root
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    sys.exit(f"nginx did not start: {Path(root, 'error.log').read_text()}")


def measure(
    url: str, rounds: int, seconds: float
) -> dict[tuple[str, str], dict[str, list[float]]]:
    """Every call and mode against one server: rates per client, per round."""
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
        for r in range(rounds):
            for v in rotated(list(variants), r):
                cell[v].append(rate_sync(variants[v], seconds))
            print(f"  {call_name} sync: round {r + 1}/{rounds}", file=sys.stderr)

    async def run_async() -> None:
        calls = async_calls(url, token)
        for call_name, variants in calls.items():
            cell = results.setdefault(
                (call_name, f"asyncio, {CONCURRENCY} in flight"), {v: [] for v in variants}
            )
            for call in variants.values():
                await rate_async(call, 0.2)
            for r in range(rounds):
                for v in rotated(list(variants), r):
                    cell[v].append(await rate_async(variants[v], seconds))
                print(f"  {call_name} async: round {r + 1}/{rounds}", file=sys.stderr)

    asyncio.run(run_async())
    return results


def context_switches() -> int:
    """Voluntary and involuntary context switches of every thread of this
    process so far (Linux: /proc/self/task/*/status)."""
    total = 0
    for status in Path("/proc/self/task").glob("*/status"):
        try:
            text = status.read_text()
        except OSError:  # the thread ended meanwhile
            continue
        for line in text.splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                total += int(line.split()[1])
    return total


def switches_per_call(fn: Callable[[], object], n: int) -> float:
    fn()
    before = context_switches()
    for _ in range(n):
        fn()
    return (context_switches() - before) / n


class RawHttp:
    """The least a Python client can do: one keep-alive socket, the request
    written as bytes, the answer read up to its Content-Length (nginx and the
    canned server send one). No pool, no timeouts, no validation: the floor
    that the machine and the server set for any client."""

    def __init__(self, url: str, token: str) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.head = f"Host: {host}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\n\r\n"

    def get(self, target: str) -> bytes:
        self.sock.sendall(f"GET {target} HTTP/1.1\r\n{self.head}".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            data += self.sock.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        while len(body) < length:
            body += self.sock.recv(65536)
        return body


def cpu_seconds() -> tuple[float, float]:
    """User and system CPU time of this process so far (all threads)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime, ru.ru_stime


def breakdown(url: str, seconds: float) -> None:
    """Where the time of one sync call goes: the same work taken apart, each
    part measured on its own (medians of 5 runs, microseconds per call, wall
    and CPU), next to a bare socket client (`RawHttp`) doing the same GETs."""
    token = httpx.post(f"{url}/oauth/token", auth=(CLIENT_ID, CLIENT_SECRET)).json()[
        "access_token"
    ]
    sdk = once_sdk.Client(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=url, rate_limits=False
    )
    sdk.access_token()
    hx = httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    page = sdk.sims.list(page_size=100).page(1)
    items = page.items
    raw = hx.get("/v2/sims", params={"page": 1, "pageSize": 100})
    body = raw.content
    import json as _json

    sock = RawHttp(url, token)

    parts: dict[str, Callable[[], object]] = {
        "once_sdk: a call with no I/O (access_token from the cache: GIL release, runtime round trip)": sdk.access_token,
        "once_sdk: sims.get, whole call": lambda: sdk.sims.get(ICCID),
        "once_sdk: 100-SIM page, whole call (no attribute read)": lambda: sdk.sims.list(page_size=100).page(1),
        "once_sdk: reading 3 attributes of 100 SIMs (touch)": lambda: touch(items),
        "once_sdk: 100 SIMs to dicts (to_dict())": lambda: [s.to_dict() for s in items],
        "httpx: GET of the 100-SIM page, bytes only": lambda: hx.get("/v2/sims", params={"page": 1, "pageSize": 100}).content,
        "httpx: GET /v2/sims/{iccid}, bytes only": lambda: hx.get(f"/v2/sims/{ICCID}").content,
        "socket: GET /v2/sims/{iccid} + json.loads (no HTTP client: the floor)": lambda: _json.loads(sock.get(f"/v2/sims/{ICCID}")),
        "socket: GET of the 100-SIM page + json.loads (the floor)": lambda: _json.loads(sock.get("/v2/sims?page=1&pageSize=100")),
        "json.loads of the 100-SIM page": lambda: _json.loads(body),
        "dicts: reading 3 fields of 100 SIMs (touch_dicts)": lambda: touch_dicts(_json.loads(body)),
    }
    print("\n| call | context switches per call, all threads of this process |\n| --- | ---: |")
    for name, fn in {
        "once_sdk: sims.get": parts["once_sdk: sims.get, whole call"],
        "once_sdk: 100-SIM page": parts["once_sdk: 100-SIM page, whole call (no attribute read)"],
        "httpx: GET /v2/sims/{iccid}": parts["httpx: GET /v2/sims/{iccid}, bytes only"],
        "httpx: GET of the 100-SIM page": parts["httpx: GET of the 100-SIM page, bytes only"],
    }.items():
        print(f"| {name} | {switches_per_call(fn, 1000):.2f} |")
    print(
        "\n| part | µs per call | user CPU µs per call | system CPU µs per call |"
        "\n| --- | ---: | ---: | ---: |"
    )
    for name, fn in parts.items():
        runs: list[tuple[float, float, float]] = []
        for _ in range(5):
            n = 0
            user, system = cpu_seconds()
            start = time.perf_counter()
            deadline = start + seconds / 5
            while time.perf_counter() < deadline:
                fn()
                n += 1
            wall = time.perf_counter() - start
            user2, system2 = cpu_seconds()
            runs.append((wall / n * 1e6, (user2 - user) / n * 1e6, (system2 - system) / n * 1e6))
        w, u, k = (statistics.median(col) for col in zip(*runs))
        print(f"| {name} | {w:.1f} | {u:.1f} | {k:.1f} |")
    sock.sock.close()
    sdk.close()
    hx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per cell (default 7)")
    parser.add_argument(
        "--seconds", type=float, default=1.0, help="length of one measurement (default 1.0)"
    )
    parser.add_argument(
        "--servers",
        default="canned,nginx",
        help="servers to measure against, in order: canned, nginx (default both)",
    )
    parser.add_argument(
        "--canned-server",
        metavar="PATH",
        help="a built canned_server binary to run instead of `cargo run --release` (with "
        "--servers nginx it only supplies the bodies, so a debug build will do)",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also take one sync call apart (against the last server), time the parts with "
        "their CPU time, and time a bare socket client (the floor for any client)",
    )
    args = parser.parse_args()
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    if not servers or set(servers) - {"canned", "nginx"}:
        sys.exit("--servers takes canned, nginx or both")

    by_server: dict[str, dict[tuple[str, str], dict[str, list[float]]]] = {}
    proc, url = start_server(args.canned_server)
    try:
        for server in servers:
            if server == "canned":
                by_server[server] = measure(url, args.rounds, args.seconds)
                if args.breakdown and server == servers[-1]:
                    breakdown(url, args.seconds * 5)
            else:
                nginx, nginx_url, root = start_nginx(url)
                try:
                    by_server[server] = measure(nginx_url, args.rounds, args.seconds)
                    if args.breakdown and server == servers[-1]:
                        breakdown(nginx_url, args.seconds * 5)
                finally:
                    nginx.terminate()
                    nginx.wait(timeout=10)
                    shutil.rmtree(root, ignore_errors=True)
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
        "| server | call | mode | once_sdk req/s | httpx + .json() req/s "
        "| httpx + pydantic req/s | once_sdk / httpx | once_sdk / httpx + pydantic |"
    )
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for server, results in by_server.items():
        for (call_name, mode), cell in results.items():
            sdk, hx, pd = (
                statistics.median(cell[v]) for v in ("once_sdk", "httpx", "httpx+pydantic")
            )
            print(
                f"| {server} | {call_name} | {mode} | {sdk:.0f} | {hx:.0f} | {pd:.0f} "
                f"| {sdk / hx:.2f} | {sdk / pd:.2f} |"
            )
    # The clients of one round run back to back, so a ratio taken within a
    # round is not moved by the machine getting slower or faster between
    # rounds (the medians above are).
    print(
        "\n| server | call | mode | once_sdk / httpx, per round: median (lowest to highest) |"
        "\n| --- | --- | --- | --- |"
    )
    for server, results in by_server.items():
        for (call_name, mode), cell in results.items():
            ratios = [a / b for a, b in zip(cell["once_sdk"], cell["httpx"])]
            print(
                f"| {server} | {call_name} | {mode} | {statistics.median(ratios):.2f} "
                f"({min(ratios):.2f} to {max(ratios):.2f}) |"
            )


if __name__ == "__main__":
    main()
