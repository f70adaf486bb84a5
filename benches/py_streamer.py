"""Data Streamer decoding in Python: ``once_sdk.streamer.decode_batch`` vs
``json.loads`` on the same 3,000-record bodies.

The bodies are those of the Rust benchmark (``benches/src/bin/streamer.rs``,
``usage_v2`` and ``event_v2``): Platform 2.0 usage records and PDP-context
events, values varying from record to record, written as serde_json writes
them (compact, keys sorted). ``json.loads`` gives dicts; ``decode_batch``
gives typed records (dataclasses, enums, datetimes, each record's ``raw``
dict), so the two do not do the same work: the ratio is what typed records
cost over plain dicts.

Each round times every decoder for ``--seconds`` in turn (so a burst of load
on the machine hits them alike); the medians are printed as markdown. Run it
on a release wheel (``maturin build --release``): see docs/BENCHMARKS.md,
"Data Streamer decoding in Python".

    python benches/py_streamer.py [--rounds 7] [--seconds 0.4]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import once_sdk
from once_sdk.streamer import EventRecord, UsageRecord, decode_batch

RECORDS = 3000
ID_PREFIX = 99_999_999


def sim(record_id: int) -> dict[str, Any]:
    """The values that differ from record to record (``sim()`` of the Rust bench)."""
    k = record_id % 100_000
    return {
        "k": k,
        "imsi": f"9014051{10_000 + k:08}",
        "iccid": f"89882806660{10_000 + k:08}",
        "msisdn": f"8822851{10_000 + k:08}",
        "name": f"pump-{k}",
        "ip": f"10.20.{k // 256 % 256}.{k % 256}",
        "imei": f"35980040{29_786_504 + k:08}",
        "session": f"3f1c2a9e-5b7d-4e21-9a0c-{k * 7919 + 0x7D8E6F5A:012x}",
    }


def volumes(k: int) -> tuple[float, float, float]:
    """(total, rx, tx) in MiB with three decimals."""
    rx = 100 + (k * 37) % 900
    tx = 20 + (k * 13) % 200
    return (rx + tx) / 1000.0, rx / 1000.0, tx / 1000.0


def usage_v2(record_id: int) -> dict[str, Any]:
    s = sim(record_id)
    k = s["k"]
    total, rx, tx = volumes(k)
    return {
        "id": record_id, "start_timestamp": "2026-11-20T08:00:00.000Z",
        "end_timestamp": "2026-11-20T08:14:10.000Z",
        "imsi": s["imsi"], "imsi_id": 7_000_000 + k,
        "organisation": {"id": 4567, "name": "81000000"},
        "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                     "country": {"id": 74, "mcc": "262", "name": "Germany"}},
        "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
        "traffic_type": {"id": 5, "description": "Data"},
        "endpoint": {"id": 900_000 + k, "name": s["name"], "ip_address": s["ip"],
                     "imei": s["imei"], "tags": None, "balance": None},
        "sim": {"id": 500_000 + k, "iccid": s["iccid"], "msisdn": s["msisdn"]},
        "volume": {"total": total, "rx": rx, "tx": tx},
        "detail": {"pdp_context": {"rat_type": 6, "ipcan_session_id": s["session"]}},
    }


def event_v2(record_id: int) -> dict[str, Any]:
    s = sim(record_id)
    k = s["k"]
    return {
        "id": record_id, "timestamp": "2026-11-20T08:00:01.000Z",
        "event_type": {"id": 3, "description": "Create PDP Context"},
        "event_severity": {"id": 1, "description": "WARN"},
        "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": False,
        "description": "PDP Context created",
        "imsi": {"id": 7_000_000 + k, "imsi": s["imsi"], "import_date": "2025-03-01T10:00:00.000Z"},
        "sim": {"id": 500_000 + k, "iccid": s["iccid"], "msisdn": s["msisdn"]},
        "endpoint": {"id": 900_000 + k, "name": s["name"], "ip_address": s["ip"],
                     "imei": s["imei"], "tags": None},
        "detail": {
            "id": 2, "name": "Telekom",
            "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
            "pdp_context": {
                "pdp_context_id": "1", "tunnel_created": "2026-11-20T08:00:01.000Z",
                "gtp_version": "1",
                "ggsn_control_plane_ip_address": "185.8.208.10",
                "ggsn_data_plane_ip_address": "185.8.208.11",
                "sgsn_control_plane_ip_address": "80.187.1.10",
                "sgsn_data_plane_ip_address": "80.187.1.11",
                "region": "eu-central-1", "breakout_ip": "3.120.1.17", "apn": "iot.1nce.net",
                "nsapi": 5, "ue_ip_address": s["ip"], "imeisv": s["imei"], "rat_type": 1,
                "ipcan_session_id": s["session"],
                "gtp_v1_uli": {"mcc": "262", "mnc": "01", "lac": 1234, "ci": 5678},
            },
        },
    }


def body(make: Callable[[int], dict[str, Any]]) -> bytes:
    """A body of RECORDS records, as serde_json::to_vec writes the Rust bench's."""
    records = [make(ID_PREFIX * 100_000 + j) for j in range(RECORDS)]
    return json.dumps(records, separators=(",", ":"), sort_keys=True).encode()


def check(payload: bytes, kind: type) -> None:
    """Both decoders read every record; the typed one reads them right."""
    assert len(json.loads(payload)) == RECORDS
    batch = decode_batch(payload)
    assert not batch.rejected and len(batch.records) == RECORDS, batch.rejected[:3]
    first = batch.records[0]
    assert isinstance(first, kind), first
    assert first.device.iccid == "8988280666000010000"
    assert batch.platform == "platform2"


def rates(payload: bytes, decoders: dict[str, Callable[[bytes], Any]], rounds: int,
          seconds: float) -> dict[str, float]:
    """Median batches per second of each decoder over `rounds` rounds."""
    got: dict[str, list[float]] = {name: [] for name in decoders}
    for _ in range(rounds):
        for name, decode in decoders.items():
            n, start = 0, time.perf_counter()
            while (elapsed := time.perf_counter() - start) < seconds:
                decode(payload)
                n += 1
            got[name].append(n / elapsed)
    return {name: statistics.median(v) for name, v in got.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=0.4)
    args = parser.parse_args()

    decoders: dict[str, Callable[[bytes], Any]] = {
        "json.loads (dicts)": json.loads,
        "once_sdk.streamer.decode_batch (typed)": decode_batch,
    }
    print(f"Python {platform.python_version()}, once_sdk {once_sdk.__version__}, "
          f"{os.cpu_count()} cores, {platform.machine()}, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"{args.rounds} rounds of {args.seconds} s per decoder, medians\n", file=sys.stderr)
    print("| records | body | decoder | batches/s | records/s | vs json.loads |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for name, make, kind in (("usage (2.0)", usage_v2, UsageRecord), ("events (2.0)", event_v2, EventRecord)):
        payload = body(make)
        check(payload, kind)
        r = rates(payload, decoders, args.rounds, args.seconds)
        base = r["json.loads (dicts)"]
        for decoder, per_s in r.items():
            print(f"| {name} | {len(payload) // 1024} kB | {decoder} | {per_s:,.1f} | "
                  f"{per_s * RECORDS:,.0f} | {per_s / base:.2f}x |")


if __name__ == "__main__":
    main()
