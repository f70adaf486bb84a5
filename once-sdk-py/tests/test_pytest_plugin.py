"""The pytest plugin once_sdk.testing: a user's test file that uses only
the fixtures, run by pytest in a subprocess as the user would run it."""

from __future__ import annotations

import gc
import importlib.metadata
import subprocess
import sys
import textwrap
from pathlib import Path

import once_sdk

USER_TESTS = '''
import asyncio

import pytest

from once_sdk import ApiError, Fault, RateLimitError, SimStatus


def test_a_fresh_fleet(once_client, once_sandbox):
    sims = list(once_client.sims.list(page_size=100))
    assert [s.iccid for s in sims] == once_sandbox.iccids()
    assert len(sims) == 20
    once_client.sims.update(sims[0].iccid, label="changed")


def test_every_test_gets_a_new_sandbox(once_client, once_sandbox):
    # The label changed by the test above is gone.
    assert once_client.sims.get(once_sandbox.iccids()[0]).label != "changed"


def test_rate_limits_are_off(once_client, once_sandbox):
    iccid = once_sandbox.iccids()[0]
    for _ in range(60):
        assert once_client.sims.get(iccid).status in (SimStatus.ENABLED, SimStatus.DISABLED)
    stats = once_sandbox.stats()
    assert stats.rate_limited == 0
    assert stats.requests_to("GET", "/v2/sims/{iccid}") == 60


@pytest.mark.once_sandbox(sims=3, rate_limits=True)
@pytest.mark.once_client(retries=0)
def test_markers_turn_them_on(once_client, once_sandbox):
    assert len(once_sandbox.iccids()) == 3
    iccid = once_sandbox.iccids()[0]
    with pytest.raises(RateLimitError):
        for _ in range(60):
            once_client.sims.get(iccid)


def test_faults_are_injected(once_client, once_sandbox):
    once_sandbox.inject(Fault.status(500).path("/v2/sims/*").always())
    with pytest.raises(ApiError) as caught:
        once_client.sims.get(once_sandbox.iccids()[0])
    assert caught.value.status == 500
    once_sandbox.clear_faults()
    assert once_client.sims.get(once_sandbox.iccids()[0]).iccid == once_sandbox.iccids()[0]


def test_the_async_client(once_async_client, once_sandbox):
    async def main():
        async with once_async_client as client:
            return [s async for s in client.sims.list(page_size=5)]

    sims = asyncio.run(main())
    assert [s.iccid for s in sims] == once_sandbox.iccids()
'''


def test_a_users_test_file_runs_on_the_fixtures_alone(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TESTS))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 passed" in done.stdout, done.stdout


def test_the_plugin_is_registered_through_the_pytest11_entry_point() -> None:
    eps = importlib.metadata.entry_points(group="pytest11")
    assert [(e.name, e.value) for e in eps if e.value.startswith("once_sdk")] == [
        ("once_sdk", "once_sdk.testing")
    ]


def test_a_client_keeps_its_sandbox_alive() -> None:
    client = once_sdk.Sandbox(sims=3, rate_limits=False).client()
    aclient = once_sdk.Sandbox(sims=2, rate_limits=False).async_client()
    gc.collect()
    assert len(list(client.sims.list())) == 3
    import asyncio

    async def count() -> int:
        return len([s async for s in aclient.sims.list()])

    assert asyncio.run(count()) == 2
