"""A pytest plugin for code that uses once_sdk: a fresh local Sandbox per
test and clients pointed at it, with no network and no credentials.

Installed with the wheel and registered through the ``pytest11`` entry
point, so the fixtures are there without any import::

    def test_pump_is_online(once_client, once_sandbox):
        iccid = once_sandbox.iccids()[0]
        once_sandbox.set_online(iccid, True)
        assert once_client.sims.status(iccid).status == "ONLINE"

Fixtures (each test gets new ones):

``once_sandbox``
    A started :class:`once_sdk.Sandbox` (20 SIMs, seed 1) **without rate
    limits**, so that a test making hundreds of calls runs at full speed.
    Inject faults with ``once_sandbox.inject(Fault.status(500))``, read the
    counters with ``once_sandbox.stats()``. Closed after the test.
``once_client``
    A :class:`once_sdk.Client` of that sandbox (no client-side pacing).
``once_async_client``
    An :class:`once_sdk.AsyncClient` of that sandbox; use it from
    ``async def`` tests (pytest-asyncio, anyio, ...).

The ``once_sandbox`` marker changes the sandbox, the ``once_client`` marker
the clients (keywords of ``Sandbox()`` and ``Sandbox.client()``)::

    @pytest.mark.once_sandbox(sims=3, rate_limits=True)
    @pytest.mark.once_client(retries=0)
    def test_no_retry(once_client, once_sandbox): ...
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from ._once_sdk import AsyncClient, Client, Sandbox

__all__ = ["once_sandbox", "once_client", "once_async_client"]

#: The sandbox the fixtures start unless a ``once_sandbox`` marker says otherwise.
SANDBOX_DEFAULTS: dict[str, Any] = {"sims": 20, "seed": 1, "rate_limits": False}
#: The client options unless a ``once_client`` marker says otherwise.
CLIENT_DEFAULTS: dict[str, Any] = {"rate_limits": False}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "once_sandbox(**kwargs): keywords of once_sdk.Sandbox() for the once_sandbox fixture",
    )
    config.addinivalue_line(
        "markers",
        "once_client(**kwargs): keywords of Sandbox.client() for once_client / once_async_client",
    )


def _marker_kwargs(request: pytest.FixtureRequest, name: str, defaults: dict[str, Any]) -> dict[str, Any]:
    kwargs = dict(defaults)
    marker = request.node.get_closest_marker(name)
    if marker is not None:
        if marker.args:
            raise TypeError(f"the {name} marker takes keyword arguments only")
        kwargs.update(marker.kwargs)
    return kwargs


@pytest.fixture
def once_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """A fresh sandbox (20 SIMs, seed 1, no rate limits), closed after the test."""
    with Sandbox(**_marker_kwargs(request, "once_sandbox", SANDBOX_DEFAULTS)) as sandbox:
        yield sandbox


@pytest.fixture
def once_client(request: pytest.FixtureRequest, once_sandbox: Sandbox) -> Iterator[Client]:
    """A blocking client of ``once_sandbox``, closed after the test."""
    with once_sandbox.client(**_marker_kwargs(request, "once_client", CLIENT_DEFAULTS)) as client:
        yield client


@pytest.fixture
def once_async_client(request: pytest.FixtureRequest, once_sandbox: Sandbox) -> Iterator[AsyncClient]:
    """An asyncio client of ``once_sandbox``, closed after the test."""
    client = once_sandbox.async_client(**_marker_kwargs(request, "once_client", CLIENT_DEFAULTS))
    try:
        yield client
    finally:
        client.close()
