"""One once_sdk call in a loop against nginx, for profiling and for A/B runs
of two builds of the wheel (the figure is calls per second, printed once).

    python benches/py_call_loop.py page 2 --canned-server target/release/canned_server
    perf record -g -- python benches/py_call_loop.py get 8 --canned-server ...
    python benches/py_call_loop.py get 1 --cpu --canned-server ...

`--cpu` also prints the wall time and the user and system CPU time of the
process per call (getrusage), for A/B runs of two builds whose difference is
smaller than the machine's drift in calls per second.

`page` is `sims.list(page_size=100).page(1)` plus three attributes of each
SIM (as in py_vs_httpx.py); `get` is `sims.get(iccid)`. nginx serves the
canned server's bodies, as in py_vs_httpx.py (which this imports).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time

import once_sdk
import py_vs_httpx as bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("call", choices=["get", "page"])
    parser.add_argument("seconds", type=float)
    parser.add_argument("--canned-server", metavar="PATH", help="a built canned_server binary")
    parser.add_argument(
        "--cpu", action="store_true", help="also print wall, user and system µs per call"
    )
    args = parser.parse_args()
    proc, url = bench.start_server(args.canned_server)
    nginx, nginx_url, root = bench.start_nginx(url)
    try:
        client = once_sdk.Client(
            client_id=bench.CLIENT_ID,
            client_secret=bench.CLIENT_SECRET,
            base_url=nginx_url,
            rate_limits=False,
        )
        client.access_token()
        before = resource.getrusage(resource.RUSAGE_SELF)
        n, start = 0, time.perf_counter()
        deadline = start + args.seconds
        while time.perf_counter() < deadline:
            if args.call == "page":
                bench.touch(client.sims.list(page_size=100).page(1).items)
            else:
                client.sims.get(bench.ICCID)
            n += 1
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        line = f"{args.call} {n / wall:.0f} per s"
        if args.cpu:
            user = (after.ru_utime - before.ru_utime) / n * 1e6
            system = (after.ru_stime - before.ru_stime) / n * 1e6
            line += f", per call: wall {wall / n * 1e6:.1f} µs, user {user:.1f} µs, system {system:.1f} µs"
        print(line, flush=True)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
