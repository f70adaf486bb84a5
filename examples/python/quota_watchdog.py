"""quota_watchdog: finds SIMs whose data or SMS quota is below a threshold
or expires soon, and tops them up. A dry run by default: it says what it
would do and spends nothing; ``--apply`` orders the top-ups.

What it shows: how to spend money safely with the SDK. Never the same SIM
twice in one run, even across retries and restarts:
- the SDK never retries a top-up once it may have reached 1NCE; a lost
  answer raises ``OutcomeUnknownError`` instead of ordering twice;
- a write-ahead journal (``--journal``, one JSON line per event, on disk
  before the program goes on) records each top-up as an *intent* before it
  is sent and its *outcome* after;
- a run that did not finish (crash, Ctrl-C) is resumed by the next start:
  its SIMs are not topped up again, and a top-up whose outcome is unknown is
  settled by reading the SIM's quota again (did it go up?), never by
  sending it again.

The journal has the format of the Rust example's (examples/quota-watchdog).

    python quota_watchdog.py                    # dry run, local sandbox
    python quota_watchdog.py --min-data-mb 100 --min-sms 50 --expiring-within-days 60
    python quota_watchdog.py --apply            # top up (costs money at 1NCE)
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional, Union

import once_sdk

Entry = dict[str, Any]
Quotas = tuple[once_sdk.Quota, once_sdk.Quota]  # data, SMS


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


class Journal:
    """The write-ahead journal: JSON lines, each flushed to disk (fsync)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []
        text = path.read_text() if path.exists() else ""
        # A last line without its newline was cut short by a crash: ignore it
        # (and cut it off before the next append).
        self.valid_len = len(text[: text.rfind("\n") + 1].encode())
        for n, line in enumerate(text[: text.rfind("\n") + 1].splitlines(), 1):
            if line.strip():
                try:
                    self.entries.append(json.loads(line))
                except ValueError as e:
                    raise SystemExit(f"quota_watchdog: {path} line {n}: {e}") from e

    def append(self, event: str, **fields: Any) -> Entry:
        """Appends an entry and waits until it is on disk."""
        entry = {"event": event, **fields, "at": now()}
        with open(self.path, "ab") as f:
            if f.tell() > self.valid_len:
                f.truncate(self.valid_len)
            line = (json.dumps(entry) + "\n").encode()
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
            self.valid_len += len(line)
        self.entries.append(entry)
        return entry

    def open_run(self) -> Optional[str]:
        """The run that was started but did not finish, if any."""
        run = None
        for e in self.entries:
            if e["event"] == "run_started":
                run = e["run"]
            elif e["event"] == "run_finished" and e["run"] == run:
                run = None
        return run

    def attempted_in(self, run: str) -> set[str]:
        """SIMs with a top-up intent in `run`, whatever its outcome."""
        return {e["iccid"] for e in self.entries if e["event"] == "intent" and e["run"] == run}

    def unsettled(self) -> list[Entry]:
        """Intents (of any run) with no outcome, or an `unknown` one."""
        pending: dict[tuple[str, str], Entry] = {}
        for e in self.entries:
            key = (e.get("run", ""), e.get("iccid", ""))
            if e["event"] == "intent":
                pending[key] = e
            elif e["event"] == "outcome" and e["outcome"] != "unknown":
                pending.pop(key, None)
        return list(pending.values())


def mark(q: once_sdk.Quota) -> Entry:
    """What a quota looked like before a top-up."""
    return {"id": q.id, "volume": q.volume, "accumulated": q.accumulated_total_volume}


def raised(before: Entry, q: once_sdk.Quota) -> bool:
    """Whether `q` shows a top-up since `before`: more accumulated volume, a
    new quota id, or more volume left (usage only lowers it)."""

    def more(b: Optional[float], a: Optional[float]) -> bool:
        return a is not None and b is not None and a > b

    return (
        more(before["accumulated"], q.accumulated_total_volume)
        or (before["id"] is not None and q.id is not None and q.id != before["id"])
        or more(before["volume"], q.volume)
    )


def quotas(client: once_sdk.Client, iccid: str) -> Quotas:
    return client.sims.data_quota(iccid), client.sims.sms_quota(iccid)


def applied_since(client: once_sdk.Client, intent: Entry) -> Optional[bool]:
    """Re-reads the SIM's quotas: did they go up since the intent? None if
    they cannot be read now."""
    try:
        data, sms = quotas(client, intent["iccid"])
    except once_sdk.OnceError:
        return None
    return raised(intent["data"], data) or raised(intent["sms"], sms)


def reasons(args: argparse.Namespace, data: once_sdk.Quota, sms: once_sdk.Quota) -> list[str]:
    """Why a SIM needs a top-up (empty: it does not)."""
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
        days=args.expiring_within_days
    )
    why = []
    if data.volume is not None and data.volume < args.min_data_mb:
        why.append(f"data {data.volume:.1f} MB left")
    if sms.volume is not None and sms.volume < args.min_sms:
        why.append(f"{sms.volume:.0f} SMS left")
    for what, q in (("data", data), ("SMS", sms)):
        if q.expiry_date is not None and q.expiry_date <= soon:
            why.append(f"{what} quota expires {q.expiry_date.date()}")
    return why


def read(client: once_sdk.Client, iccid: str) -> Union[Quotas, once_sdk.OnceError]:
    try:
        return quotas(client, iccid)
    except once_sdk.OnceError as e:
        return e


def refused(e: once_sdk.OnceError) -> bool:
    """Errors that prove the top-up was not applied: refused before sending,
    or 1NCE answered 4xx (429 included)."""
    return isinstance(e, once_sdk.ValidationError) or (
        isinstance(e, once_sdk.ApiError) and 400 <= e.status < 500
    )


def top_up(
    client: once_sdk.Client,
    journal: Journal,
    run: str,
    iccid: str,
    why: list[str],
    before: Quotas,
    tally: collections.Counter[str],
) -> None:
    """Tops up one SIM behind its journal entries: the intent is on disk
    before the top-up is sent, the outcome after. A lost answer is settled
    by reading the quota, never by sending again."""
    because = "; ".join(why)
    intent = journal.append(
        "intent", run=run, iccid=iccid, reasons=why, data=mark(before[0]), sms=mark(before[1])
    )
    try:
        client.sims.top_up(iccid)
        tally["topped up"] += 1
        print(f"  {iccid}  {because}: topped up")
        journal.append("outcome", run=run, iccid=iccid, outcome="applied")
        return
    except once_sdk.OnceError as e:
        error = e
    if refused(error):
        tally["refused by 1NCE"] += 1
        print(f"  {iccid}  {because}: 1NCE refused the top-up: {error}")
        journal.append("outcome", run=run, iccid=iccid, outcome="refused", detail=str(error))
        return
    # It may or may not have happened: write that down first, then look at
    # the quota instead of sending it again.
    journal.append("outcome", run=run, iccid=iccid, outcome="unknown", detail=str(error))
    applied = applied_since(client, intent)
    if applied is None:
        tally["outcome still unknown"] += 1
        print(f"  {iccid}  {because}: outcome unknown ({error}); the next start settles it")
        return
    tally["applied (settled by quota)" if applied else "not applied (settled)"] += 1
    print(
        f"  {iccid}  {because}: outcome unknown ({error}); re-checked the quota: "
        + ("it was applied" if applied else "not applied (not re-sent in this run)")
    )
    journal.append(
        "outcome",
        run=run,
        iccid=iccid,
        outcome="confirmed_applied" if applied else "not_applied",
        detail="settled by re-reading the quota",
    )


def between(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: an integer from lo to hi."""

    def integer(text: str) -> int:
        n = int(text)
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{n} is not in {lo}..{hi}")
        return n

    return integer


def connect() -> tuple[once_sdk.Client, Optional[once_sdk.Sandbox]]:
    """Your 1NCE account if ONCE_CLIENT_ID is set, else a local sandbox
    (keep it referenced while you use the client)."""
    if os.environ.get("ONCE_CLIENT_ID"):
        return once_sdk.Client.from_env(user_agent="quota_watchdog"), None
    sandbox = once_sdk.Sandbox(sims=20)
    print(
        f"quota_watchdog: ONCE_CLIENT_ID is not set, so this runs against a local 1NCE "
        f"sandbox (20 SIMs at {sandbox.base_url}) that is gone when it exits",
        file=sys.stderr,
    )
    return sandbox.client(user_agent="quota_watchdog"), sandbox


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Top up SIMs whose data or SMS quota runs low or expires soon. Dry run "
        "unless --apply is given. Runs against a local sandbox unless ONCE_CLIENT_ID and "
        "ONCE_CLIENT_SECRET are set."
    )
    parser.add_argument(
        "--min-data-mb",
        type=float,
        default=50.0,
        metavar="MB",
        help="top up when less than MB of data is left (default 50)",
    )
    parser.add_argument(
        "--min-sms",
        type=float,
        default=25.0,
        metavar="N",
        help="top up when fewer than N SMS are left (default 25)",
    )
    parser.add_argument(
        "--expiring-within-days",
        type=int,
        default=30,
        metavar="DAYS",
        help="top up when a quota expires within DAYS (default 30)",
    )
    parser.add_argument(
        "--apply",
        action="store_true",
        help="order the top-ups (each costs money); without it nothing is spent",
    )
    parser.add_argument(
        "--max-top-ups", type=int, metavar="N", help="order at most N top-ups in this run"
    )
    parser.add_argument(
        "--journal",
        type=Path,
        metavar="PATH",
        help="the write-ahead journal, created if missing (default "
        "quota-watchdog.journal, or quota-watchdog.sandbox.journal "
        "against the local sandbox)",
    )
    parser.add_argument(
        "--concurrency",
        type=between(1, 64),
        default=8,
        metavar="N",
        help="SIMs checked in parallel, 1..64 (default 8; the SDK sets the pace)",
    )
    args = parser.parse_args()

    client, sandbox = connect()
    # Keep the sandbox's journal apart from the real account's.
    default = "quota-watchdog.sandbox.journal" if sandbox else "quota-watchdog.journal"
    journal = Journal(args.journal or Path(default))
    tally: collections.Counter[str] = collections.Counter()
    if args.apply:
        print("quota_watchdog: --apply: SIMs that need it are topped up (each top-up costs money)")
    else:
        print("quota_watchdog: dry run: nothing is ordered (add --apply to top up)")
    print(f"journal: {journal.path}" + ("" if args.apply else " (only read in a dry run)"))

    # 1. Settle top-ups whose outcome is unknown by reading the quotas again.
    #    A SIM whose top-up cannot be settled now is left alone this run.
    unsettled: set[str] = set()
    for intent in journal.unsettled():
        iccid, earlier = intent["iccid"], intent["run"]
        applied = applied_since(client, intent)
        if applied is None:
            tally["outcome still unknown"] += 1
            unsettled.add(iccid)
            print(f"  {iccid}  top-up of run {earlier}: outcome unknown, quota unreadable now")
            continue
        tally["applied (settled by quota)" if applied else "not applied (settled)"] += 1
        print(
            f"  {iccid}  top-up of run {earlier} had an unknown outcome; re-checked the quota: "
            + ("applied" if applied else "not applied")
        )
        if args.apply:
            journal.append(
                "outcome",
                run=earlier,
                iccid=iccid,
                outcome="confirmed_applied" if applied else "not_applied",
                detail="settled by re-reading the quota",
            )

    # 2. Resume an interrupted run, or start a new one.
    run = journal.open_run()
    if run:
        print(f"run {run} did not finish: its SIMs are not topped up again")
    else:
        run = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        if args.apply:
            journal.append("run_started", run=run)
    attempted = journal.attempted_in(run)

    # 3. Every SIM's quotas, a few SIMs at a time (a Client is thread-safe).
    sims = list(client.sims.list(page_size=100))
    enabled = [s.iccid for s in sims if s.status != "Disabled"]
    with ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda iccid: read(client, iccid), enabled))
    candidates: dict[str, tuple[list[str], Quotas]] = {}
    for iccid, result in zip(enabled, results):
        if isinstance(result, once_sdk.OnceError):
            tally["quotas unreadable"] += 1
            print(f"  {iccid}  could not read its quotas: {result}")
        elif why := reasons(args, *result):
            candidates[iccid] = (why, result)  # a SIM listed twice counts once
    print(
        f"{len(sims)} SIMs ({len(sims) - len(enabled)} disabled, skipped): {len(candidates)} "
        f"with less than {args.min_data_mb:g} MB or {args.min_sms:g} SMS left, "
        f"or a quota expiring within {args.expiring_within_days} days"
    )

    # 4. Top up, one at a time, each behind its journal entry.
    sent = 0
    for iccid, (why, before) in sorted(candidates.items()):
        because = "; ".join(why)
        if iccid in attempted or iccid in unsettled:
            tally["tried before, not again"] += 1
            print(f"  {iccid}  {because}: already tried in this run, not again")
        elif not args.apply:
            tally["would top up"] += 1
            print(f"  {iccid}  {because}: would top up")
        elif args.max_top_ups is not None and sent >= args.max_top_ups:
            tally["left out by --max-top-ups"] += 1
            print(f"  {iccid}  {because}: not topped up (--max-top-ups reached)")
        else:
            sent += 1
            top_up(client, journal, run, iccid, why, before, tally)
    if args.apply:
        journal.append("run_finished", run=run)

    print(f"\nsummary:\n  {'SIMs checked':<27} {len(sims)}")
    main_line = "topped up" if args.apply else "would top up"
    would = tally[main_line]
    print(f"  {main_line:<27} {tally.pop(main_line, 0)}")
    for what, n in tally.items():
        print(f"  {what:<27} {n}")
    if not args.apply and would:
        print(f"run again with --apply to order these {would} top-ups")


if __name__ == "__main__":
    try:
        main()
    except once_sdk.OnceError as e:
        sys.exit(f"quota_watchdog: error: {e}")
