"""redis_url=: one access token and one set of rate limits for several
clients and processes, against a real redis-server on 127.0.0.1 and the
sandbox.

Each test that needs Redis starts its own redis-server on a free port.
Without the binary (``redis-server`` on the PATH, in /usr/bin, /usr/sbin or
/usr/local/bin, or named by ``REDIS_SERVER``) those tests are skipped; with
``ONCE_REQUIRE_REDIS=1`` (set by CI) they fail instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Callable, Iterator, Optional, Union

import pytest

import once_sdk
from once_sdk import Fault

QUOTA = "/v2/sims/{iccid}/quota/data"


# ---------------------------------------------------------------- redis-server


def redis_server_binary() -> Optional[str]:
    named = os.environ.get("REDIS_SERVER")
    if named:  # when set, nothing else is looked at
        return named if os.path.isfile(named) else None
    found = shutil.which("redis-server")
    if found:
        return found
    for d in ("/usr/bin", "/usr/sbin", "/usr/local/bin"):
        path = os.path.join(d, "redis-server")
        if os.path.isfile(path):
            return path
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


Reply = Union[str, int, bytes, None, list[Any]]


def read_reply(f: Any) -> Reply:
    """One RESP2 reply from the file `f`."""
    line = f.readline()
    if not line.endswith(b"\r\n"):
        raise ConnectionError("Redis closed the connection")
    kind, rest = line[:1], line[1:-2]
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise RuntimeError(f"Redis error: {rest.decode()}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        n = int(rest)
        if n < 0:
            return None
        data: bytes = f.read(n + 2)[:-2]
        return data
    if kind == b"*":
        n = int(rest)
        return None if n < 0 else [read_reply(f) for _ in range(n)]
    raise RuntimeError(f"unexpected Redis reply {line!r}")


class RedisServer:
    """A redis-server on 127.0.0.1, with a plain connection for looking at
    what the SDK stored."""

    def __init__(self, binary: str) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", tempfile.gettempdir()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def command(self, *args: str) -> Reply:
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            request = f"*{len(args)}\r\n".encode()
            for a in args:
                b = a.encode()
                request += b"$%d\r\n%s\r\n" % (len(b), b)
            s.sendall(request)
            with s.makefile("rb") as f:
                return read_reply(f)

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            try:
                if self.command("PING") == "PONG":
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"redis-server on port {self.port} did not answer PING within 10 s")

    def dump(self) -> dict[str, str]:
        """Every key with its value (strings only)."""
        keys = self.command("KEYS", "*")
        assert isinstance(keys, list)
        out = {}
        for k in keys:
            assert isinstance(k, bytes)
            value = self.command("GET", k.decode())
            assert isinstance(value, bytes)
            out[k.decode()] = value.decode()
        return out

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    """A fresh redis-server (so no test sees another's token or schedule)."""
    binary = redis_server_binary()
    if binary is None:
        reason = (
            "redis-server not found (install the redis-server package or set "
            "REDIS_SERVER): the checks against a real Redis did not run"
        )
        if os.environ.get("ONCE_REQUIRE_REDIS") == "1":
            pytest.fail("ONCE_REQUIRE_REDIS=1 but " + reason)
        pytest.skip(reason)
    server = RedisServer(binary)
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


def plain(sb: once_sdk.Sandbox, **kw: Any) -> once_sdk.Client:
    """A `Client` built from the sandbox's credentials: it paces itself at
    1NCE's published limits."""
    return once_sdk.Client(
        client_id=sb.client_id, client_secret=sb.client_secret, base_url=sb.base_url, **kw
    )


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Runs each call in its own thread, all starting together; returns
    their results (or raises the first exception)."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]()
        except BaseException as e:  # handed to the test below
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        if isinstance(r, BaseException):
            raise r
    return results


# ---------------------------------------------------------------- one token


def test_clients_racing_on_a_cold_cache_make_one_token_request(redis, monkeypatch):
    """Clients of every kind (constructor, from_env(), the sandbox's), all
    asking for a token at once while the first token answer is held: one
    token request in total, stored under the client id, never the secret."""
    with once_sdk.Sandbox(sims=6, seed=3, rate_limit_factor=100) as sb:
        monkeypatch.setenv("ONCE_CLIENT_ID", sb.client_id)
        monkeypatch.setenv("ONCE_CLIENT_SECRET", sb.client_secret)
        monkeypatch.setenv("ONCE_BASE_URL", sb.base_url)
        sb.inject(Fault.delay(0.5).method("POST").path("/oauth/token").times(1))
        clients = [
            plain(sb, redis_url=redis.url),
            plain(sb, redis_url=redis.url),
            once_sdk.Client.from_env(redis_url=redis.url),
            once_sdk.Client.from_env(redis_url=redis.url),
            sb.client(redis_url=redis.url),
            sb.client(redis_url=redis.url),
        ]
        iccids = sb.iccids()
        calls = [lambda c=c, i=i: c.sims.data_quota(i) for c, i in zip(clients, iccids)]
        quotas = run_together(calls)
        assert all(q.volume is not None for q in quotas)
        stats = sb.stats()
        assert stats.token_requests == 1, stats
        assert stats.requests_to("GET", QUOTA) == 6
        stored = redis.dump()
        assert f"once-sdk:{sb.client_id}:token" in stored, stored
        assert f"once-sdk:{sb.client_id}:token-lock" not in stored, stored
        for k, v in stored.items():
            assert k.startswith(f"once-sdk:{sb.client_id}:"), k
            assert sb.client_secret not in k and sb.client_secret not in v


async def test_async_clients_share_one_token(redis):
    with once_sdk.Sandbox(sims=4, seed=3, rate_limit_factor=100) as sb:
        sb.inject(Fault.delay(0.3).method("POST").path("/oauth/token").times(1))
        kw = dict(client_id=sb.client_id, client_secret=sb.client_secret, base_url=sb.base_url)
        clients = [once_sdk.AsyncClient(**kw, redis_url=redis.url) for _ in range(3)]
        clients.append(sb.async_client(redis_url=redis.url))
        await asyncio.gather(*(c.sims.data_quota(i) for c, i in zip(clients, sb.iccids())))
        assert sb.stats().token_requests == 1
        assert sb.stats().requests_to("GET", QUOTA) == 4


REPLICA = """
import sys
import once_sdk

client_id, client_secret, base_url, redis_url, iccid = sys.argv[1:]
client = once_sdk.Client(
    client_id=client_id, client_secret=client_secret, base_url=base_url, redis_url=redis_url
)
client.sims.data_quota(iccid)
print("REPLICA OK")
"""


def test_processes_racing_on_a_cold_cache_make_one_token_request(redis):
    with once_sdk.Sandbox(sims=3, seed=3, rate_limit_factor=100) as sb:
        # Hold the first token answer: the processes start while it is pending.
        sb.inject(Fault.delay(1.5).method("POST").path("/oauth/token").times(1))
        replicas = [
            subprocess.Popen(
                [sys.executable, "-c", REPLICA, sb.client_id, sb.client_secret, sb.base_url]
                + [redis.url, iccid],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for iccid in sb.iccids()
        ]
        for r in replicas:
            out, err = r.communicate(timeout=60)
            assert r.returncode == 0 and "REPLICA OK" in out, f"exit {r.returncode}\n{out}\n{err}"
        stats = sb.stats()
        assert stats.token_requests == 1, stats
        assert stats.requests_to("GET", QUOTA) == 3


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_takes_the_shared_token(redis):
    """After fork() the child's client is rebuilt with its own Redis
    connection: it finds the parent's token there instead of fetching one."""
    with once_sdk.Sandbox(sims=2, seed=3, rate_limit_factor=100) as sb:
        client = plain(sb, redis_url=redis.url)
        iccid = sb.iccids()[0]
        client.sims.data_quota(iccid)
        pid = os.fork()
        if pid == 0:  # child: report through the exit code only
            code = 10
            try:
                signal.alarm(20)
                client.sims.data_quota(iccid)
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        stats = sb.stats()
        assert stats.requests_to("GET", QUOTA) == 2
        assert stats.token_requests == 1, "the child fetched its own token"


# ---------------------------------------------------------------- one set of limits


def scan(clients: list[once_sdk.Client], iccids: list[str]) -> int:
    """Every client reads the data quota of every SIM, the clients at the
    same time; returns how many calls were refused with 429."""

    def one(client: once_sdk.Client) -> int:
        refused = 0
        for iccid in iccids:
            try:
                client.sims.data_quota(iccid)
            except once_sdk.RateLimitError:
                refused += 1
        return refused

    return sum(run_together([lambda c=c: one(c) for c in clients]))


def test_clients_scanning_together_stay_within_the_shared_limit(redis):
    """Three clients, each pacing itself at 1NCE's /sims limit (10 per
    second), read 10 quotas each at once from a sandbox allowing 12 per
    second: without Redis the sandbox refuses some (30 calls in a moment);
    sharing the limit through Redis, none (the 30 calls take about 3 s)."""
    factor = 1.2
    with once_sdk.Sandbox(sims=10, seed=3, rate_limit_factor=factor) as sb:
        refused = scan([plain(sb, retries=0) for _ in range(3)], sb.iccids())
        assert refused > 0
        assert sb.stats().rate_limited == refused
    with once_sdk.Sandbox(sims=10, seed=3, rate_limit_factor=factor) as sb:
        shared = [plain(sb, retries=0, redis_url=redis.url) for _ in range(3)]
        assert scan(shared, sb.iccids()) == 0
        stats = sb.stats()
        assert stats.rate_limited == 0, stats
        assert stats.requests_to("GET", QUOTA) == 30
        assert stats.token_requests == 1
        # The schedule's key expires a second after its last call.
        assert f"once-sdk:{sb.client_id}:rate:sims" in redis.dump()


def test_what_is_shared_follows_the_keywords(redis):
    """`shared_token=False` keeps the token per client, `rate_limits=False`
    (or `shared_rate_limits=False`) the limits; `redis_key_prefix` names
    the keys."""
    with once_sdk.Sandbox(sims=2, seed=3, rate_limit_factor=100) as sb:
        iccid = sb.iccids()[0]
        cid = sb.client_id

        # (The schedules' keys expire a second after their last call.)
        for _ in range(2):
            sb.client(redis_url=redis.url, shared_token=False).sims.data_quota(iccid)
        assert sb.stats().token_requests == 2
        assert sorted(redis.dump()) == [f"once-sdk:{cid}:rate:oauth", f"once-sdk:{cid}:rate:sims"]

        redis.command("FLUSHALL")
        sb.reset_stats()
        for kw in ({"rate_limits": False}, {"shared_rate_limits": False}):
            sb.client(redis_url=redis.url, **kw).sims.data_quota(iccid)
        assert sb.stats().token_requests == 1
        assert sorted(redis.dump()) == [f"once-sdk:{cid}:token"]

        redis.command("FLUSHALL")
        sb.reset_stats()
        sb.client(redis_url=redis.url, redis_key_prefix="pumps").sims.data_quota(iccid)
        assert sorted(redis.dump()) == [
            f"pumps:{cid}:rate:oauth",
            f"pumps:{cid}:rate:sims",
            f"pumps:{cid}:token",
        ]
        # Another prefix is another namespace: its own token.
        plain(sb, redis_url=redis.url, redis_key_prefix="meters").sims.data_quota(iccid)
        assert sb.stats().token_requests == 2


# ---------------------------------------------------------------- configuration


MALFORMED = [
    "not a url",
    "http://:hunter2@127.0.0.1:6379/",  # not a Redis URL
    "redis://:hunter2@127.0.0.1:6379/not-a-db",
    "rediss://:hunter2@127.0.0.1:6380/",  # TLS is not supported
    "",
]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_redis_url_is_a_config_error_before_any_traffic(url, monkeypatch):
    with once_sdk.Sandbox(sims=1, rate_limits=False) as sb:
        monkeypatch.setenv("ONCE_CLIENT_ID", sb.client_id)
        monkeypatch.setenv("ONCE_CLIENT_SECRET", sb.client_secret)
        monkeypatch.setenv("ONCE_BASE_URL", sb.base_url)
        kw = dict(client_id=sb.client_id, client_secret=sb.client_secret, base_url=sb.base_url)
        makers: list[Callable[[], Any]] = [
            lambda: once_sdk.Client(**kw, redis_url=url),
            lambda: once_sdk.AsyncClient(**kw, redis_url=url, shared_token=False),
            lambda: once_sdk.Client.from_env(redis_url=url, rate_limits=False),
            lambda: once_sdk.AsyncClient.from_env(redis_url=url),
            lambda: sb.client(redis_url=url),
            lambda: sb.async_client(redis_url=url),
        ]
        for make in makers:
            with pytest.raises(once_sdk.ConfigError, match="redis_url") as e:
                make()
            assert "hunter2" not in str(e.value)
        assert sb.stats().requests == 0


def test_an_empty_key_prefix_is_a_config_error():
    with pytest.raises(once_sdk.ConfigError, match="redis_key_prefix"):
        once_sdk.Client(
            client_id="id",
            client_secret="secret",
            redis_url="redis://127.0.0.1/",
            redis_key_prefix=" ",
        )


# ---------------------------------------------------------------- Redis unavailable


def test_without_redis_calls_go_on_with_in_process_state(closed_port, caplog):
    """Nothing listens at the Redis URL: the calls succeed, with the
    process's own token (fetched once) and pacing, and the switch is
    logged at WARNING."""
    caplog.set_level(logging.WARNING, logger="once_sdk")
    with once_sdk.Sandbox(sims=3, seed=3, rate_limit_factor=100) as sb:
        client = plain(sb, redis_url=f"redis://127.0.0.1:{closed_port}/")
        for iccid in sb.iccids():
            assert client.sims.data_quota(iccid).volume is not None
        stats = sb.stats()
        assert stats.requests_to("GET", QUOTA) == 3
        assert stats.token_requests == 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "once_sdk"]
    assert any("Redis is unavailable" in m and "token store" in m for m in warnings), warnings
    assert any("Redis is unavailable" in m and "rate limiter" in m for m in warnings), warnings


async def test_without_redis_async_calls_go_on_too(closed_port):
    with once_sdk.Sandbox(sims=2, seed=3, rate_limit_factor=100) as sb:
        client = sb.async_client(redis_url=f"redis://127.0.0.1:{closed_port}/")
        await asyncio.gather(*(client.sims.data_quota(i) for i in sb.iccids()))
        assert sb.stats().token_requests == 1
