"""A fake 1NCE API on 127.0.0.1 (pytest-httpserver) and clients pointed at it."""

from __future__ import annotations

import base64
import socket
from typing import Any, Iterator

import pytest
from pytest_httpserver import HTTPServer

import once_sdk

TOKEN = "test-access-token-0123456789"
CLIENT_ID = "test-client"
CLIENT_SECRET = "test-secret-do-not-log"
BASIC = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
BEARER = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
ICCID = "8988280666000000001"


def sim_json(iccid: str = ICCID, **extra: Any) -> dict[str, Any]:
    """A v2 SIM as 1NCE sends it (numbers as strings, odd timestamps)."""
    sim = {
        "iccid": iccid,
        "iccid_with_luhn": iccid + "0",
        "imsi": "901405100000018",
        "msisdn": "882285100000018",
        "imei": "0000000000000018",
        "imei_lock": True,
        "status": "Enabled",
        "activation_date": "2018-03-09T07:59:09.000+0000",
        "ip_address": "100.100.100.18",
        "current_quota": 500,
        "quota_status": {"id": 0, "description": "More than 20% available"},
        "current_quota_SMS": "250",
        "quota_status_SMS": {
            "id": 1,
            "description": "Less than 20% available",
            "threshold_reached_date": "2031-11-26 00:00:00",
        },
        "label": "pump-17",
        "some_future_field": {"x": 1},
    }
    sim.update(extra)
    return sim


def quota_json(service: str = "data") -> dict[str, Any]:
    return {
        "id": 42,
        "status": {"id": 0, "description": "ACTIVE"},
        "volume": 412.5,
        "total_volume": "500",
        "accumulated_total_volume": 1000,
        "last_volume_added": 500,
        "service": service,
        "threshold_percentage": 20,
        "threshold_volume": 100,
        "expiry_date": "2029-01-01T00:00:00.000Z",
        "created_at": "2018-03-14T16:10:29Z",
    }


def mount_token(server: HTTPServer) -> None:
    server.expect_request(
        "/oauth/token",
        method="POST",
        headers={"Authorization": BASIC},
        json={"grant_type": "client_credentials"},
    ).respond_with_json(
        {"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600}
    )


@pytest.fixture
def api(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """The fake API with its token endpoint; fails the test on unmatched requests."""
    mount_token(httpserver)
    yield httpserver
    httpserver.check_assertions()


def base_url(server: HTTPServer) -> str:
    return server.url_for("/").rstrip("/")


def api_requests(server: HTTPServer) -> list[Any]:
    """The requests that reached the server, token requests excluded."""
    return [r for r, _ in server.log if r.path != "/oauth/token"]


def options(server: HTTPServer, **kw: Any) -> dict[str, Any]:
    """Client keywords for the fake server: no retries (an unmatched request
    fails at once), no client-side pacing."""
    opts: dict[str, Any] = dict(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        base_url=base_url(server),
        retries=0,
        rate_limits=False,
        timeout=10,
    )
    opts.update(kw)
    return opts


@pytest.fixture
def mock_client(api: HTTPServer) -> Iterator[once_sdk.Client]:
    with once_sdk.Client(**options(api)) as c:
        yield c


@pytest.fixture
def mock_aclient(api: HTTPServer) -> once_sdk.AsyncClient:
    return once_sdk.AsyncClient(**options(api))


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return int(port)


@pytest.fixture
def sandbox() -> Iterator[once_sdk.Sandbox]:
    """A fresh sandbox: 20 SIMs, seed 7, no rate limits."""
    with once_sdk.Sandbox(sims=20, seed=7, rate_limits=False) as sb:
        yield sb


@pytest.fixture
def client(sandbox: once_sdk.Sandbox) -> Iterator[once_sdk.Client]:
    """A blocking client of the sandbox; no retries (faults show at once)."""
    with sandbox.client(retries=0) as c:
        yield c


@pytest.fixture
def aclient(sandbox: once_sdk.Sandbox) -> once_sdk.AsyncClient:
    """An asyncio client of the sandbox; no retries."""
    return sandbox.async_client(retries=0)
