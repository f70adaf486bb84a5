"""Blocking calls are driven by the calling thread (a current-thread tokio
runtime that only runs while some thread waits in a call). What that must
not change: a connection the server closed while nobody was calling is not
used for the next call (which would otherwise fail on it),
a paginator's prefetch still overlaps the caller's work, and threads that
call at once all get their answers."""

from __future__ import annotations

import gc
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Optional

import once_sdk
from conftest import ICCID, TOKEN, sim_json


@dataclass
class Seen:
    method: str
    path: str
    connection: int
    at: float
    answered: float = 0.0


@dataclass
class KeepAliveServer:
    """HTTP/1.1 on raw sockets, keep-alive on every answer, and each
    connection closed `idle_close` seconds after its last answer, as a load
    balancer's idle timeout does. `answer(method, path)` gives status,
    headers and body; `delay(method, path)` seconds pass before it is sent."""

    answer: Callable[[str, str], tuple[int, dict[str, str], bytes]]
    idle_close: float = 0.2
    delay: Callable[[str, str], float] = lambda method, path: 0.0
    seen: list[Seen] = field(default_factory=list)
    connections: int = 0
    in_flight: int = 0
    most_in_flight: int = 0
    closed_by_client: set[int] = field(default_factory=set)
    closed_by_server: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                number = self.connections
            threading.Thread(target=self._serve, args=(conn, number), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        buf = b""
        with conn:
            while True:
                conn.settimeout(self.idle_close)
                try:
                    while b"\r\n\r\n" not in buf:
                        chunk = conn.recv(65536)
                        if not chunk:
                            with self.lock:
                                self.closed_by_client.add(number)
                            return
                        buf += chunk
                except (socket.timeout, OSError):
                    break  # idle for too long: close, as the balancer does
                head, _, buf = buf.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                conn.settimeout(5)
                while len(buf) < length:
                    buf += conn.recv(65536)
                buf = buf[length:]
                seen = Seen(method, path, number, time.monotonic())
                with self.lock:
                    self.seen.append(seen)
                    self.in_flight += 1
                    self.most_in_flight = max(self.most_in_flight, self.in_flight)
                time.sleep(self.delay(method, path))
                status, headers, body = self.answer(method, path)
                with self.lock:
                    self.in_flight -= 1
                seen.answered = time.monotonic()
                extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                conn.sendall(
                    f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\n"
                    f"Content-Type: application/json\r\n{extra}\r\n".encode() + body
                )
        # Only an idle timeout gets here (the client's close returns above).
        with self.lock:
            self.closed_by_server.add(number)

    def close(self) -> None:
        self.listener.close()

    def requests(self, method: str, fragment: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.method == method and fragment in s.path]


def token_or(
    answer: Callable[[str, str], Optional[tuple[int, dict[str, str], bytes]]],
) -> Callable[[str, str], tuple[int, dict[str, str], bytes]]:
    def answer_all(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        if path.startswith("/oauth/token"):
            body = {"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600}
            return 200, {}, json.dumps(body).encode()
        out = answer(method, path)
        return out if out is not None else (404, {}, b'{"message":"not here"}')

    return answer_all


def sims_api(method: str, path: str) -> Optional[tuple[int, dict[str, str], bytes]]:
    if method == "GET" and path.startswith(f"/v2/sims/{ICCID}"):
        return 200, {}, json.dumps(sim_json()).encode()
    if method == "POST" and path.startswith(f"/v2/sims/{ICCID}/topup"):
        return 201, {"Location": "/v1/orders/42"}, b""
    if method == "GET" and path.startswith("/v2/sims?"):
        page = int(path.split("page=")[1].split("&")[0])
        # A SIM of its own on each page (the same ICCID on every page would
        # be a server repeating its items: the list would end with an error).
        body = [sim_json(iccid=f"89882806660000000{page:02d}", label=f"page-{page}")]
        return 200, {"X-Total-Pages": "3", "X-Current-Page": str(page)}, json.dumps(body).encode()
    return None


def client_of(server: KeepAliveServer, **kw: object) -> once_sdk.Client:
    return once_sdk.Client(
        client_id="id", client_secret="secret", base_url=server.url, rate_limits=False, **kw
    )


def test_a_connection_closed_while_nobody_called_is_not_used_for_the_next_call():
    """The server closes the kept-alive connection while the client is idle.
    No thread drives the client's runtime then, so the close is only seen
    when the next call starts: the call must see it before it picks a
    connection from the pool, or it goes out on a dead connection and fails.
    Reads take pooled connections (top-ups never do: they always open a new
    one), and retries are off, so a read sent on the dead connection would
    raise instead of being retried on a new one."""
    server = KeepAliveServer(token_or(sims_api), idle_close=0.2)
    client = client_of(server, retries=0)
    try:
        assert client.sims.get(ICCID).iccid == ICCID
        for _ in range(3):
            used = server.requests("GET", f"/v2/sims/{ICCID}")[-1].connection
            deadline = time.monotonic() + 20  # a hang guard, not a budget
            while used not in server.closed_by_server and time.monotonic() < deadline:
                time.sleep(0.01)
            assert used in server.closed_by_server, "the server closed the idle connection"
            assert client.sims.get(ICCID).iccid == ICCID
        reads = server.requests("GET", f"/v2/sims/{ICCID}")
        assert len(reads) == 4
        # Each went out on a connection of its own: the old ones were closed.
        assert len({s.connection for s in reads}) == 4
    finally:
        client.close()
        server.close()


def test_closing_a_client_closes_its_connections_without_another_call():
    """A closed client's connections close when their tasks next run; with
    no thread in a call, `close()` runs them itself, and so does dropping
    the client. Nothing else calls afterwards here."""
    server = KeepAliveServer(token_or(sims_api), idle_close=30)
    for how in ("close", "drop"):
        client = client_of(server)
        assert client.sims.get(ICCID).iccid == ICCID
        used = server.requests("GET", f"/v2/sims/{ICCID}")[-1].connection
        if how == "close":
            client.close()
        else:
            del client
            gc.collect()
        deadline = time.monotonic() + 10
        while used not in server.closed_by_client and time.monotonic() < deadline:
            time.sleep(0.02)
        assert used in server.closed_by_client, how
    server.close()


def test_a_paginators_prefetch_overlaps_the_callers_work():
    """Page 2 is asked for before page 1 is handed over, and answered while
    the caller works on page 1, when no thread drives the client's runtime:
    the request must already be on its way when the call returns."""
    server = KeepAliveServer(
        token_or(sims_api),
        idle_close=5,
        delay=lambda method, path: 0.3 if "page=2" in path else 0.0,
    )
    client = client_of(server)
    try:
        client.access_token()
        it = iter(client.sims.list(page_size=1))
        assert next(it).label == "page-1"
        time.sleep(1.5)  # the caller's work on page 1
        resumed = time.monotonic()
        asked = server.requests("GET", "page=2")
        assert len(asked) == 1, asked
        assert asked[0].answered and asked[0].answered < resumed, (asked, resumed)
        assert next(it).label == "page-2"
        assert [s.label for s in it] == ["page-3"]
    finally:
        client.close()
        server.close()


def test_threads_that_call_at_once_all_get_their_answers():
    """Sixteen threads call at once through one client: one of them drives
    the runtime, the others are woken when their answer is in; when the
    driving thread's call ends, another takes over. The requests are in
    flight together, not one after another."""
    server = KeepAliveServer(
        token_or(sims_api),
        idle_close=5,
        delay=lambda method, path: 0.05 if method == "GET" else 0.0,
    )
    client = client_of(server)
    try:
        with ThreadPoolExecutor(16) as pool:
            got = list(pool.map(lambda _: client.sims.get(ICCID).iccid, range(160)))
        assert got == [ICCID] * 160
        assert len(server.requests("POST", "/oauth/token")) == 1
        assert len(server.requests("GET", f"/v2/sims/{ICCID}")) == 160
        assert server.most_in_flight >= 8, server.most_in_flight
    finally:
        client.close()
        server.close()


def test_paginators_and_single_calls_from_many_threads_do_not_stall():
    """Paginators hand the runtime to the module's driving thread after each
    page and single calls take it back: with both going on from eight
    threads at once, every call still gets its answer."""
    server = KeepAliveServer(token_or(sims_api), idle_close=5)
    client = client_of(server)

    def iterate(_: int) -> list[str]:
        return [s.label for s in client.sims.list(page_size=1)]

    def get(_: int) -> str:
        return client.sims.get(ICCID).iccid

    try:
        with ThreadPoolExecutor(8) as pool:
            lists = [pool.submit(iterate, i) for i in range(40)]
            gets = [pool.submit(get, i) for i in range(200)]
            assert [f.result(timeout=60) for f in lists] == [
                ["page-1", "page-2", "page-3"]
            ] * 40
            assert [f.result(timeout=60) for f in gets] == [ICCID] * 200
    finally:
        client.close()
        server.close()
