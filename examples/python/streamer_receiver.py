"""A 1NCE Data Streamer receiver with FastAPI, on once_sdk's decoder.

1NCE posts usage records, events and SMS events to your HTTPS endpoint as a
JSON array of up to 3,000 records, with an HTTP Basic header, and sends a
batch again until it gets a 200. This app:

- checks the Basic credentials in constant time (401 otherwise);
- refuses bodies over MAX_BODY_BYTES (413), sized for 3,000 records;
- decodes with ``once_sdk.streamer.decode_batch`` (records that do not
  decode are logged and kept as sent, with the reason, in a second file:
  1NCE will not send them again; the others are kept);
- drops records whose (kind, id) it stored within DEDUPE_WINDOW seconds
  (ids already in the output file count too, so a restart does not double);
- appends each new record as a JSON line, flushed and fsync'ed, and only
  then answers 200; 503 when storing fails, so 1NCE sends the batch again.

Run (behind a TLS-terminating proxy: 1NCE posts only to https):

    ONCE_STREAMER_USERNAME=1nce ONCE_STREAMER_PASSWORD=secret \\
        uvicorn streamer_receiver:app --port 8080

Records go to ONCE_STREAMER_OUT (default records.jsonl), records that did
not decode to the same name with ``.rejected`` appended.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Dict, Optional, Sequence

from fastapi import FastAPI, Request, Response

from once_sdk.streamer import RejectedRecord, StreamRecord, decode_batch, record_key

MAX_BODY_BYTES = 3000 * 5 * 1024
DEDUPE_WINDOW = 24 * 3600.0

log = logging.getLogger("streamer_receiver")


class Store:
    """JSON lines on disk, plus the keys stored within the dedupe window."""

    def __init__(self, path: Path, window: float = DEDUPE_WINDOW) -> None:
        self.path = path
        self.rejected_path = path.with_name(path.name + ".rejected")
        self.window = window
        self.lock = threading.Lock()
        self.seen: Dict[str, float] = {}
        if path.exists():
            now = time.monotonic()
            for line in path.read_text().splitlines():
                try:
                    row = json.loads(line)
                    self.seen[f"{row['kind']}:{row['id']}"] = now
                except (ValueError, KeyError):
                    continue

    def store(self, records: list[StreamRecord], rejected: Sequence[RejectedRecord] = ()) -> tuple[int, int]:
        """Writes the records not seen within the window, and the rejected
        records as sent; returns (new, duplicates)."""
        with self.lock:
            if rejected:
                with self.rejected_path.open("a") as out:
                    for bad in rejected:
                        row = {"index": bad.index, "id": bad.id, "error": str(bad), "raw": bad.raw}
                        out.write(json.dumps(row) + "\n")
                    out.flush()
                    os.fsync(out.fileno())
            now = time.monotonic()
            self.seen = {k: t for k, t in self.seen.items() if now - t <= self.window}
            fresh, keys = [], []
            for r in records:
                key = record_key(r)
                if key in self.seen or key in keys:
                    continue
                keys.append(key)
                fresh.append(r)
            if fresh:
                with self.path.open("a") as out:
                    for r, key in zip(fresh, keys):
                        kind = key.split(":", 1)[0]
                        out.write(json.dumps({"kind": kind, "id": r.id, "raw": r.raw}) + "\n")
                    out.flush()
                    os.fsync(out.fileno())
            for key in keys:
                self.seen[key] = now
            return len(fresh), len(records) - len(fresh)


def basic_ok(header: Optional[str], username: str, password: str) -> bool:
    """True when the Authorization header carries these credentials
    (compared in constant time)."""
    if not header or not header[:6].lower() == "basic ":
        return False
    try:
        given = base64.b64decode(header[6:].strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(given, f"{username}:{password}".encode())


def create_app(username: str, password: str, out: Path, window: float = DEDUPE_WINDOW) -> FastAPI:
    """The receiver app, storing into `out`."""
    app = FastAPI(title="1NCE Data Streamer receiver")
    store = Store(out, window)
    app.state.store = store

    @app.post("/{path:path}")
    async def receive(request: Request) -> Response:
        if not basic_ok(request.headers.get("authorization"), username, password):
            return Response("bad or missing credentials\n", 401, {"WWW-Authenticate": 'Basic realm="1nce"'})
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return Response("body too large\n", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return Response("body too large\n", 413)
        try:
            batch = decode_batch(body)
        except ValueError as e:
            return Response(f"{e}\n", 400)
        for r in batch.rejected:
            log.warning("rejected %s", r)
        try:
            new, dups = store.store(batch.records, batch.rejected)
        except OSError as e:
            return Response(f"storage failed: {e}\n", 503, {"Retry-After": "5"})
        return Response(f"stored {new}, duplicates {dups}, rejected {len(batch.rejected)}\n", 200)

    return app


def _from_env() -> FastAPI:
    user = os.environ.get("ONCE_STREAMER_USERNAME", "")
    password = os.environ.get("ONCE_STREAMER_PASSWORD", "")
    if not user or not password:
        raise SystemExit("set ONCE_STREAMER_USERNAME and ONCE_STREAMER_PASSWORD")
    return create_app(user, password, Path(os.environ.get("ONCE_STREAMER_OUT", "records.jsonl")))


if __name__ != "__main__" and os.environ.get("ONCE_STREAMER_USERNAME"):
    app = _from_env()
