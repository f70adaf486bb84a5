"""fleet_report: one CSV row per SIM with its status, IMEI, data and SMS
quota left, quota expiry and the last 30 days of usage.

What it shows:
- ``AsyncClient`` and ``async for`` over every SIM (pages of 100 fetched
  lazily; ``--filter`` is 1NCE's ``q``);
- the per-SIM calls (data quota, SMS quota, v1 usage) run concurrently,
  bounded by a semaphore; there is no sleep and no 429 handling here because
  the SDK paces its calls at 1NCE's published rate limits however many are
  in flight;
- one failing SIM does not stop the report: its cells stay empty and the
  ``error`` column says why.

    python fleet_report.py                      # CSV on stdout, local sandbox
    python fleet_report.py -o fleet.csv --filter imei:35
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import dataclasses
import datetime
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Optional, TypeVar

import once_sdk

T = TypeVar("T")


@dataclasses.dataclass
class Row:
    """One line of the report. Empty cells: 1NCE did not send the value, or
    the call failed (see ``error``)."""

    iccid: str
    label: Optional[str] = None
    status: Optional[str] = None
    imei: Optional[str] = None
    data_left_mb: Optional[float] = None
    data_total_mb: Optional[float] = None
    sms_left: Optional[float] = None
    sms_total: Optional[float] = None
    data_expiry: Optional[datetime.date] = None
    sms_expiry: Optional[datetime.date] = None
    data_used_mb: Optional[float] = None
    sms_used: Optional[float] = None
    error: Optional[str] = None


def between(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: an integer from lo to hi."""

    def integer(text: str) -> int:
        n = int(text)
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{n} is not in {lo}..{hi}")
        return n

    return integer


def connect() -> tuple[once_sdk.AsyncClient, Optional[once_sdk.Sandbox]]:
    """Your 1NCE account if ONCE_CLIENT_ID is set, else a local sandbox
    (keep it referenced while you use the client)."""
    if os.environ.get("ONCE_CLIENT_ID"):
        return once_sdk.AsyncClient.from_env(user_agent="fleet_report"), None
    sandbox = once_sdk.Sandbox(sims=20)
    print(
        f"fleet_report: ONCE_CLIENT_ID is not set, so this runs against a local 1NCE sandbox "
        f"(20 SIMs at {sandbox.base_url}) that is gone when it exits",
        file=sys.stderr,
    )
    return sandbox.async_client(user_agent="fleet_report"), sandbox


async def attempt(what: str, call: Awaitable[T], errors: list[str]) -> Optional[T]:
    """The call's result, or None with the error noted."""
    try:
        return await call
    except once_sdk.OnceError as e:
        errors.append(f"{what}: {e}")
        return None


async def sim_row(client: once_sdk.AsyncClient, sim: once_sdk.Sim, since: datetime.date) -> Row:
    """The SIM's quotas and usage, fetched together."""
    errors: list[str] = []
    data, sms, usage = await asyncio.gather(
        attempt("data quota", client.sims.data_quota(sim.iccid), errors),
        attempt("SMS quota", client.sims.sms_quota(sim.iccid), errors),
        attempt("usage", client.v1.sims.usage(sim.iccid, since=since), errors),
    )
    return Row(
        iccid=sim.iccid,
        label=sim.label,
        status=sim.status,
        imei=sim.imei,
        data_left_mb=data.volume if data else None,
        data_total_mb=data.total_volume if data else None,
        sms_left=sms.volume if sms else None,
        sms_total=sms.total_volume if sms else None,
        data_expiry=data.expiry_date.date() if data and data.expiry_date else None,
        sms_expiry=sms.expiry_date.date() if sms and sms.expiry_date else None,
        # Sums of 1NCE's 6-decimal figures, rounded back to 6 decimals.
        data_used_mb=(
            round(sum(d.data.volume or 0 for d in usage.stats if d.data), 6) if usage else None
        ),
        sms_used=sum(d.sms.volume or 0 for d in usage.stats if d.sms) if usage else None,
        error="; ".join(errors) or None,
    )


async def report(args: argparse.Namespace) -> list[Row]:
    client, _sandbox = connect()
    since = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(
        days=args.days - 1
    )
    limit = asyncio.Semaphore(args.concurrency)

    async def row(sim: once_sdk.Sim) -> Row:
        async with limit:
            return await sim_row(client, sim, since)

    async with client:
        tasks = [
            asyncio.create_task(row(sim))
            async for sim in client.sims.list(page_size=100, filter=args.filter)
        ]
        rows = await asyncio.gather(*tasks)
    return sorted(rows, key=lambda r: r.iccid)


def write_csv(rows: list[Row], path: Optional[str]) -> None:
    fields = [f.name for f in dataclasses.fields(Row)]
    out = open(path, "w", newline="") if path else sys.stdout
    try:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows(dataclasses.asdict(r) for r in rows)
    finally:
        if path:
            out.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Every SIM with status, IMEI, quota left, expiry and recent usage, as CSV. "
        "Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET are set."
    )
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    parser.add_argument(
        "--filter", metavar="Q", help="only SIMs matching 1NCE's q filter, e.g. imei:3530"
    )
    parser.add_argument(
        "--days",
        type=between(1, 180),
        default=30,
        metavar="N",
        help="usage over the last N days, 1..180 (default 30)",
    )
    parser.add_argument(
        "--concurrency",
        type=between(1, 64),
        default=8,
        metavar="N",
        help="SIMs looked at in parallel, 1..64 (default 8; the SDK sets the pace)",
    )
    args = parser.parse_args()

    try:
        rows = asyncio.run(report(args))
    except once_sdk.OnceError as e:
        sys.exit(f"fleet_report: error: {e}")
    write_csv(rows, args.output)

    failed = sum(1 for r in rows if r.error)
    used = sum(r.data_used_mb or 0 for r in rows)
    print(
        f"fleet_report: {len(rows)} SIMs, {used:.1f} MB used in the last {args.days} days"
        + (f", {failed} with errors (see the error column)" if failed else "")
        + (f"; written to {args.output}" if args.output else ""),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
