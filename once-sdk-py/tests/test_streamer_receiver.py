"""examples/python/streamer_receiver.py through FastAPI's test client."""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "python" / "streamer_receiver.py"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"1nce:s3cret").decode()}


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("streamer_receiver", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["streamer_receiver"] = module
    spec.loader.exec_module(module)
    return module


def usage(i: int) -> dict[str, object]:
    return {"id": i, "traffic_type": {"id": 5}, "volume": {"total": 0.5}, "sim": {"iccid": "8988280666000000017"}}


def stored(path: Path) -> list[str]:
    return [json.loads(l)["id"] for l in path.read_text().splitlines()] if path.exists() else []


def test_auth_dedupe_bad_records_and_restart(tmp_path: Path) -> None:
    m = load()
    out = tmp_path / "records.jsonl"
    client = TestClient(m.create_app("1nce", "s3cret", out))
    body = json.dumps([usage(1), usage(2)])
    assert client.post("/stream", content=body).status_code == 401
    wrong = {"Authorization": "Basic " + base64.b64encode(b"1nce:guess").decode()}
    assert client.post("/stream", content=body, headers=wrong).status_code == 401
    assert stored(out) == []
    r = client.post("/stream", content=body, headers=AUTH)
    assert r.status_code == 200, r.text
    # 1NCE did not see the 200 and sends the batch again, with one more.
    bad = '{"id": 4,  "colour": "blue"}'
    again = "[" + ",".join([json.dumps(usage(2)), json.dumps(usage(1)), json.dumps(usage(3)), bad]) + "]"
    r = client.post("/stream", content=again, headers=AUTH)
    assert r.status_code == 200
    assert r.text.strip() == "stored 1, duplicates 2, rejected 1"
    assert stored(out) == ["1", "2", "3"]
    # The record that did not decode is kept as sent: 1NCE will not send it again.
    rejected = [json.loads(l) for l in (tmp_path / "records.jsonl.rejected").read_text().splitlines()]
    assert [(row["index"], row["id"], row["raw"]) for row in rejected] == [(3, "4", bad)]
    assert client.post("/stream", content=b"{nope", headers=AUTH).status_code == 400
    # A restarted receiver reads the ids back: no doubles.
    restarted = TestClient(m.create_app("1nce", "s3cret", out))
    assert restarted.post("/stream", content=json.dumps([usage(3), usage(5)]), headers=AUTH).status_code == 200
    assert stored(out) == ["1", "2", "3", "5"]


def test_large_bodies_and_storage_failures(tmp_path: Path) -> None:
    m = load()
    out = tmp_path / "records.jsonl"
    client = TestClient(m.create_app("1nce", "s3cret", out))
    big = json.dumps([usage(i) for i in range(3000)])
    assert client.post("/", content=big, headers=AUTH).status_code == 200
    assert len(stored(out)) == 3000
    too_big = b"[" + b" " * m.MAX_BODY_BYTES + b"]"
    assert client.post("/", content=too_big, headers=AUTH).status_code == 413
    # The output cannot be written: 503, so 1NCE sends the batch again.
    blocked = TestClient(m.create_app("1nce", "s3cret", tmp_path / "missing" / "records.jsonl"))
    r = blocked.post("/", content=json.dumps([usage(9)]), headers=AUTH)
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
