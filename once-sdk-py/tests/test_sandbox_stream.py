"""The sandbox as 1NCE's Data Streamer: records posted to a webhook."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import once_sdk
from once_sdk.streamer import UsageRecord, decode_batch


class Webhook:
    """A webhook on 127.0.0.1 that keeps every POST and answers `status`."""

    def __init__(self) -> None:
        self.status = 200
        self.posts: list[tuple[str, bytes]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with outer.lock:
                    outer.posts.append((self.headers.get("Authorization", ""), body))
                    status = outer.status
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/stream"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def bodies(self) -> list[bytes]:
        with self.lock:
            return [b for _, b in self.posts]


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


def wait_for(check: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_usage_reaches_the_webhook_as_records_the_streamer_decodes(sandbox, webhook):
    iccid = sandbox.iccids()[0]
    assert sandbox.stream_stats().state == "off"
    sandbox.stream_to(webhook.url, "Basic dXNlcjpwYXNz", interval=0.05)
    sandbox.consume_data(iccid, 1.5)
    sandbox.flush_stream()
    wait_for(lambda: sandbox.stream_stats().records_delivered >= 1, "a delivered record")

    assert {auth for auth, _ in webhook.posts} == {"Basic dXNlcjpwYXNz"}
    records = [r for body in webhook.bodies() for r in decode_batch(body).records]
    usage = [r for r in records if isinstance(r, UsageRecord)]
    assert usage, records
    assert any(r.device.iccid == iccid for r in usage), usage
    stats = sandbox.stream_stats()
    assert isinstance(stats, once_sdk.StreamStats)
    assert stats.state == "running"
    assert stats.batches_delivered >= 1 and stats.last_status == 200
    assert stats.records_delivered == len(records)
    assert repr(stats).startswith("StreamStats(state='running', attempts=")


def test_a_failing_webhook_fails_the_stream_until_it_is_restarted(sandbox, webhook):
    iccid = sandbox.iccids()[0]
    webhook.status = 500
    sandbox.stream_to(
        webhook.url, "Basic eA==", interval=0.05, max_failures=2, backoff=0.01, max_backoff=0.02
    )
    sandbox.consume_data(iccid, 1.0)
    sandbox.flush_stream()
    wait_for(lambda: sandbox.stream_stats().state == "failed", "the stream to fail")
    failed = sandbox.stream_stats()
    assert failed.records_delivered == 0 and failed.pending >= 1
    assert failed.consecutive_failures == 2 and failed.last_status == 500

    webhook.status = 200
    sandbox.restart_stream()
    sandbox.flush_stream()
    wait_for(lambda: sandbox.stream_stats().pending == 0, "the queue to drain")
    after = sandbox.stream_stats()
    assert after.state == "running" and after.records_delivered == failed.pending
    # The records refused before are the ones delivered after the restart.
    delivered = decode_batch(webhook.bodies()[-1]).records
    assert any(isinstance(r, UsageRecord) and r.device.iccid == iccid for r in delivered)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"url": "ftp://x/"}, "url must be an http:// or https:// URL"),
        ({"url": "http://"}, "url must be an http:// or https:// URL"),
        ({"batch_size": 0}, "batch_size must be 1 or more, got 0"),
        ({"max_failures": -1}, "max_failures must be 1 or more, got -1"),
        ({"interval": -1.0}, "interval must be more than 0 seconds, got -1"),
        ({"interval": 0.0}, "interval must be more than 0 seconds, got 0"),
        ({"interval": float("nan")}, "interval must be more than 0 seconds, got NaN"),
        ({"timeout": float("nan")}, "timeout must be a non-negative number of seconds"),
    ],
)
def test_bad_stream_settings_are_refused_before_anything_is_sent(sandbox, kwargs, message):
    args = {"url": "http://127.0.0.1:9/stream", "authorization": "Basic eA=="} | kwargs
    with pytest.raises(once_sdk.ConfigError, match=message):
        sandbox.stream_to(**args)
    assert sandbox.stream_stats().state == "off"


def test_a_closed_sandbox_refuses_stream_calls(webhook):
    sandbox = once_sdk.Sandbox(sims=2, rate_limits=False)
    sandbox.close()
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        sandbox.stream_to(webhook.url, "Basic eA==")
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        sandbox.stream_stats()


def test_a_stream_started_before_any_client_delivers(webhook):
    """In a fresh interpreter, with no client built yet: the wheel's TLS
    (rustls with ring) has no crypto provider until something installs one,
    and the stream's webhook client used to panic there."""
    import subprocess
    import sys

    code = f"""
import time, once_sdk
with once_sdk.Sandbox(sims=2, rate_limits=False) as sandbox:
    sandbox.stream_to({webhook.url!r}, "Basic eA==", interval=0.05)
    sandbox.consume_data(sandbox.iccids()[0], 1.0)
    sandbox.flush_stream()
    deadline = time.monotonic() + 20
    while sandbox.stream_stats().records_delivered == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    print(sandbox.stream_stats().state, sandbox.stream_stats().records_delivered)
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "panicked" not in out.stderr, out.stderr
    state, delivered = out.stdout.split()
    assert state == "running" and int(delivered) >= 1, (out.stdout, out.stderr)
    assert webhook.bodies()
