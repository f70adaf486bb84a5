"""The GIL is released while a call waits; clients survive os.fork()."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from werkzeug import Response

import once_sdk
from conftest import ICCID, options, sim_json


def test_a_python_thread_runs_while_a_call_waits(api, mock_client):
    """The server answers only after another Python thread has run: with the
    GIL held by the waiting call, neither that thread nor the (Python) server
    could run and the call would time out."""
    arrived, release = threading.Event(), threading.Event()
    ran_during_call: list[bool] = []

    def delayed(request):
        arrived.set()
        release.wait(10)
        return Response(json.dumps(sim_json()), content_type="application/json")

    api.expect_request(f"/v2/sims/{ICCID}").respond_with_handler(delayed)

    def other_thread():
        arrived.wait(10)
        ran_during_call.append(True)
        release.set()

    t = threading.Thread(target=other_thread)
    t.start()
    try:
        sim = mock_client.sims.get(ICCID)
    finally:
        release.set()
        t.join()
    assert sim.iccid == ICCID
    assert ran_during_call == [True]


def test_one_client_shared_by_threads(sandbox, client):
    iccids = sandbox.iccids()[:8]
    results: list[str] = []

    def work(iccid: str) -> None:
        results.append(client.sims.get(iccid).iccid)

    threads = [threading.Thread(target=work, args=(i,)) for i in iccids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == iccids
    assert sandbox.stats().token_requests == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
async def get_async(mock_aclient: once_sdk.AsyncClient) -> once_sdk.Sim:
    return await mock_aclient.sims.get(ICCID)


def test_async_calls_need_a_running_loop(api):
    mock_aclient = once_sdk.AsyncClient(**options(api))
    with pytest.raises(RuntimeError, match="no running event loop"):
        mock_aclient.sims.get(ICCID)


def test_clients_work_in_a_forked_child(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    mock_aclient = once_sdk.AsyncClient(**options(api))
    # Warm everything up in the parent: runtime threads, connections, tokens.
    assert mock_client.sims.get(ICCID).iccid == ICCID
    assert asyncio.run(get_async(mock_aclient)).iccid == ICCID
    # Three different pages, each with a SIM of its own (the same page or
    # the same SIMs twice would end the list with an error: a server that
    # ignores `page`).
    api.expect_request("/v2/sims").respond_with_handler(
        lambda request: Response(
            json.dumps(
                [
                    sim_json(
                        iccid=f"89882806660000000{int(request.args.get('page', '1')):02d}",
                        label=f"page-{request.args.get('page')}",
                    )
                ]
            ),
            headers={"X-Total-Pages": "3"},
            content_type="application/json",
        )
    )
    started = iter(mock_client.sims.list(page_size=1))
    polled = iter(mock_client.sims.list(page_size=1))
    assert next(polled).iccid == ICCID  # page 2 is being prefetched now
    unused = once_sdk.Client(**options(api))
    assert unused.access_token()

    pid = os.fork()
    if pid == 0:  # child: report through the exit code only
        code = 10
        try:
            signal.alarm(20)  # a hang kills the child instead of the test run
            code = 11
            assert mock_client.sims.get(ICCID).iccid == ICCID
            code = 12
            assert asyncio.run(get_async(mock_aclient)).iccid == ICCID
            code = 13
            try:
                next(started)
            except once_sdk.OnceError as e:
                if "before os.fork()" in str(e):
                    code = 14
            # Objects inherited from the parent can be dropped in the child.
            del polled, unused
            gc.collect()
            code = 15
            assert [s.label for s in mock_client.sims.list(page_size=1)] == [
                "page-1",
                "page-2",
                "page-3",
            ]
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    # The parent's mock_client still works.
    assert mock_client.sims.get(ICCID).iccid == ICCID


def test_ctrl_c_interrupts_a_waiting_call():
    """A blocking call wakes up for signals: Ctrl-C (here simulated with
    _thread.interrupt_main) raises KeyboardInterrupt instead of waiting for
    the server, and the call is cancelled: the 503 the server answers
    afterwards is not retried behind the user's back."""
    import _thread

    from pytest_httpserver import HTTPServer

    from conftest import mount_token

    server = HTTPServer()  # its own: the handler is still blocked at the end
    server.start()
    arrived, release = threading.Event(), threading.Event()

    calls = []

    def stuck(request):
        calls.append(time.monotonic())
        arrived.set()
        release.wait(10)
        return Response("{}", status=503, headers={"Retry-After": "0"})

    mount_token(server)
    server.expect_request(f"/v2/sims/{ICCID}").respond_with_handler(stuck)
    # Retries on: a call left running after Ctrl-C would retry the 503.
    mock_client = once_sdk.Client(**options(server, retries=3))

    done = threading.Event()

    def on_sigint(signum, frame):
        # Ctrl-C while the call waits; presses after it returned are ignored.
        if not done.is_set():
            raise KeyboardInterrupt

    def interrupt():
        arrived.wait(10)
        # Pressed again until the call gives up: CPython hands a pending
        # signal to whichever Python code runs first on the main thread, and
        # a finalizer (`__del__` of an object an earlier test left for the
        # GIL's release pool) swallows it as "Exception ignored". A user
        # would press Ctrl-C again too.
        while not done.is_set():
            _thread.interrupt_main()
            done.wait(0.5)

    previous = signal.signal(signal.SIGINT, on_sigint)
    t = threading.Thread(target=interrupt)
    t.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            mock_client.sims.get(ICCID)
    finally:
        done.set()
        release.set()
        t.join()
        time.sleep(0.05)  # a press still pending is handled (and ignored) here
        signal.signal(signal.SIGINT, previous)
        time.sleep(1.0)  # time for a retry, had the call kept running
        server.stop()
    assert len(calls) == 1, f"the interrupted call went on: {len(calls)} requests"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_sandbox_serves_a_forked_child(sandbox, client):
    """The sandbox keeps serving from the parent's runtime; the child's
    client (rebuilt there) reaches it, and the child's handle can be closed
    or dropped without stopping the parent's server."""
    iccid = sandbox.iccids()[0]
    assert client.sims.get(iccid).iccid == iccid
    pid = os.fork()
    if pid == 0:  # child: report through the exit code only
        code = 10
        try:
            signal.alarm(20)
            assert client.sims.get(iccid).iccid == iccid
            code = 11
            sandbox.close()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert client.sims.get(iccid).iccid == iccid
    stats = sandbox.stats()
    assert stats.token_requests == 2, "the child's client fetched its own token"
    assert stats.requests_to("GET", "/v2/sims/{iccid}") == 3


EXIT_WITH_CALLS_IN_FLIGHT = """
import asyncio, sys
import once_sdk

sandbox = once_sdk.Sandbox(sims=5, seed=1, rate_limits=False)
client = sandbox.async_client(retries=0)
iccid = sandbox.iccids()[0]


async def start_calls():
    calls = [asyncio.ensure_future(client.sims.get(iccid)) for _ in range({calls})]
    await calls[0]


asyncio.new_event_loop().run_until_complete(start_calls())
print("first call answered", flush=True)
# The other calls are still in flight, their completions on their way back
# from tokio threads, while the interpreter exits.
"""


@pytest.mark.parametrize("calls", [2, 50])
def test_the_interpreter_exits_cleanly_with_async_calls_in_flight(calls):
    """Completions of asyncio calls that arrive while Python shuts down are
    dropped, not delivered into a finalizing interpreter (which crashed the
    process with SIGSEGV/SIGABRT from a tokio thread)."""
    script = EXIT_WITH_CALLS_IN_FLIGHT.format(calls=calls)
    for _ in range(15):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert done.stdout == "first call answered\n"
