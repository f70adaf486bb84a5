"""once_sdk quickstart: list SIMs, look at one SIM's quotas, network status
and usage, send it an SMS and list its SMS back.

What it shows: ``Client.from_env()``, a page of a list with its totals,
plain calls returning typed objects (attributes, ``datetime``s), the v1
usage endpoint, sending an SMS, and ``once_sdk.Sandbox``: without
ONCE_CLIENT_ID it runs against a local fake of the 1NCE API.

    python quickstart.py                        # local sandbox
    ONCE_CLIENT_ID=... ONCE_CLIENT_SECRET=... python quickstart.py
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

import once_sdk


def connect() -> tuple[once_sdk.Client, Optional[once_sdk.Sandbox]]:
    """Your 1NCE account if ONCE_CLIENT_ID is set, else a local sandbox
    (keep it referenced while you use the client)."""
    if os.environ.get("ONCE_CLIENT_ID"):
        return once_sdk.Client.from_env(), None
    sandbox = once_sdk.Sandbox(sims=25)
    print(f"ONCE_CLIENT_ID is not set: using the local 1NCE sandbox at {sandbox.base_url}\n")
    return sandbox.client(), sandbox


def main() -> None:
    parser = argparse.ArgumentParser(
        description="List SIMs, read one SIM's quotas, status and usage, send it an SMS. "
        "Runs against a local sandbox unless ONCE_CLIENT_ID and ONCE_CLIENT_SECRET are set."
    )
    parser.add_argument(
        "--page-size", type=int, default=5, help="how many SIMs to list (default 5)"
    )
    parser.add_argument("--iccid", help="the SIM to look at (default: the first one listed)")
    args = parser.parse_args()

    client, _sandbox = connect()

    # One page of SIMs, with the account's total.
    page = client.sims.list(page_size=args.page_size).page(1)
    print(f"{page.total_count or 0} SIMs in the account, the first {len(page)}:")
    for sim in page:
        print(f"  {sim.iccid}  {sim.status or '?':<8}  {sim.label or '-'}")

    # One SIM: its state and quotas.
    if args.iccid:
        iccid = args.iccid
    elif page.items:
        iccid = page.items[0].iccid
    else:
        sys.exit("the account has no SIMs")
    sim = client.sims.get(iccid)
    data = client.sims.data_quota(iccid)
    sms = client.sims.sms_quota(iccid)
    print(f"\nSIM {iccid}")
    print(f"  status      {sim.status or '?'}")
    print(f"  data left   {data.volume or 0:.2f} of {data.total_volume or 0:.0f} MB")
    print(f"  SMS left    {sms.volume or 0:.0f} of {sms.total_volume or 0:.0f}")

    # Where the device is on the network (v2).
    status = client.sims.status(iccid)
    print(f"  network     {status.status.description}")

    # The last 30 days of usage (v1 only: 1NCE has no v2 usage yet).
    usage = client.v1.sims.usage(iccid)
    mb = sum(day.data.volume or 0 for day in usage.stats if day.data)
    sms_used = sum(day.sms.volume or 0 for day in usage.stats if day.sms)
    print(f"  usage       {mb:.2f} MB and {sms_used:.0f} SMS over {len(usage.stats)} days")

    # Send the device an SMS, then list the SIM's SMS back.
    sms_id = client.sms.send(iccid, payload="ping from once_sdk")
    print(f"\nSent SMS {sms_id if sms_id is not None else '(no id)'}")
    messages = client.sms.list(iccid).page(1)
    print(f"{len(messages)} SMS for this SIM:")
    for m in messages:
        direction = m.sms_type.description if m.sms_type else None
        state = m.status.description if m.status else None
        print(f"  #{m.id or 0:<5} {direction or '?':<3} {state or '?':<10} {m.payload or ''}")


if __name__ == "__main__":
    try:
        main()
    except once_sdk.OnceError as e:
        sys.exit(f"quickstart: error: {e}")
