"""Clients as Python users know them from httpx: proxies, aclose(), a
per-call timeout, help() that explains the arguments, errors in Python
terms, and log records with the call's fields in `extra`."""

from __future__ import annotations

import asyncio
import inspect
import logging
import pydoc
import re
import time
from typing import Any, Iterator

import pytest
from pytest_httpserver import HTTPServer

import once_sdk
from once_sdk import Fault

from conftest import ICCID, api_requests, mount_token, options, sim_json


@pytest.fixture
def proxy() -> Iterator[HTTPServer]:
    """A second server standing in for an HTTP proxy: it answers what it is
    asked (absolute-form requests) as the API would."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    mount_token(server)
    server.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.lower(), raising=False)
    return monkeypatch


def proxied_paths(server: HTTPServer) -> list[str]:
    return [r.path for r, _ in server.log]


def test_proxy_sends_every_request_through_the_proxy(api, proxy, no_proxy_env):
    client = once_sdk.Client(**options(api, proxy=proxy.url_for("/").rstrip("/")))
    assert client.sims.get(ICCID).iccid == ICCID
    assert proxied_paths(proxy) == ["/oauth/token", f"/v2/sims/{ICCID}"]
    assert api.log == []


def test_proxy_environment_variables_are_honoured(api, proxy, no_proxy_env):
    no_proxy_env.setenv("HTTP_PROXY", proxy.url_for("/").rstrip("/"))
    client = once_sdk.Client(**options(api))
    assert client.sims.get(ICCID).iccid == ICCID
    assert proxied_paths(proxy) == ["/oauth/token", f"/v2/sims/{ICCID}"]
    assert api.log == []


def test_no_proxy_ignores_the_environment(api, proxy, no_proxy_env):
    no_proxy_env.setenv("HTTP_PROXY", proxy.url_for("/").rstrip("/"))
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    client = once_sdk.Client(**options(api, no_proxy=True))
    assert client.sims.get(ICCID).iccid == ICCID
    assert proxy.log == []
    assert [r.path for r in api_requests(api)] == [f"/v2/sims/{ICCID}"]


def test_proxy_arguments_are_checked(no_proxy_env):
    creds = dict(client_id="id", client_secret="secret")
    with pytest.raises(once_sdk.ConfigError, match="proxy= and no_proxy=True"):
        once_sdk.Client(**creds, proxy="http://127.0.0.1:3128", no_proxy=True)
    with pytest.raises(once_sdk.ConfigError, match=": proxy is not a valid URL"):
        once_sdk.Client(**creds, proxy="http://[::1")


def test_config_errors_name_the_python_argument():
    with pytest.raises(once_sdk.ConfigError) as caught:
        once_sdk.Client(client_id="id", client_secret="s", base_url="http://example.com")
    text = str(caught.value)
    assert 'base_url "http://example.com" uses plain http' in text, text
    assert "loopback" in text
    assert "danger" not in text and "()" not in text
    with pytest.raises(once_sdk.ConfigError, match=": base_url is not a valid URL"):
        once_sdk.Client(client_id="id", client_secret="s", base_url="not a url")


async def test_aclose_and_async_with_close_the_client(sandbox):
    client = sandbox.async_client()
    iccid = sandbox.iccids()[0]
    assert (await client.sims.get(iccid)).iccid == iccid
    await client.aclose()
    await client.aclose()  # twice is fine
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        await client.sims.get(iccid)
    async with sandbox.async_client() as other:
        assert (await other.sims.get(iccid)).iccid == iccid
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        await other.sims.get(iccid)


def test_a_per_call_timeout_ends_a_slow_read(sandbox, client):
    iccid = sandbox.iccids()[0]
    client.access_token()  # the token is not part of what is measured
    sandbox.inject(Fault.delay(5.0).path("/v2/sims/*").always())
    with pytest.raises(once_sdk.TimeoutError):
        client.sims.get(iccid, timeout=0.5)
    sandbox.clear_faults()
    assert client.sims.get(iccid, timeout=30).iccid == iccid


def test_a_per_call_timeout_on_a_money_call_says_the_outcome_is_unknown(sandbox, client):
    iccid = sandbox.iccids()[0]
    client.access_token()
    sandbox.inject(Fault.delay(5.0).path("/v2/sims/*/topup"))
    with pytest.raises(once_sdk.OutcomeUnknownError) as caught:
        client.sims.top_up(iccid, timeout=1.0)
    assert isinstance(caught.value.cause, once_sdk.TimeoutError)
    assert caught.value.operation == "sims.top_up"
    # The top-up reached the sandbox (it took the fault) and was not sent again.
    assert sandbox.pending_faults() == []


async def test_a_per_call_timeout_on_the_async_client(sandbox, aclient):
    iccid = sandbox.iccids()[0]
    await aclient.access_token()
    sandbox.inject(Fault.delay(5.0).path("/v2/sims/*/quota/data").always())
    with pytest.raises(once_sdk.TimeoutError):
        await aclient.sims.data_quota(iccid, timeout=0.5)
    with pytest.raises(once_sdk.TimeoutError):
        await asyncio.wait_for(aclient.sims.data_quota(iccid, timeout=0.5), 60)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_a_bad_timeout_is_refused_before_sending(sandbox, client, bad):
    with pytest.raises(once_sdk.ValidationError) as caught:
        client.sims.get(sandbox.iccids()[0], timeout=bad)
    assert caught.value.field == "timeout"
    assert sandbox.requests() == []


# timeout= on lists: the limit of each page's call, retries included.

# A delay far longer than the timeouts below and shorter than the client's
# own (30 s per attempt): only the list's timeout= can end these calls early.
SLOW_PAGE = 5.0
# "Raised well before the slow page would have answered" (generous).
WITHIN = 3.5


def lists(client: once_sdk.Client | once_sdk.AsyncClient, iccid: str) -> dict[str, Any]:
    """Every method that returns a paginator, as `timeout -> paginator`."""
    return {
        "sims.list": lambda t: client.sims.list(timeout=t),
        "sims.events": lambda t: client.sims.events(iccid, timeout=t),
        "sms.list": lambda t: client.sms.list(iccid, timeout=t),
        "orders.list": lambda t: client.orders.list(timeout=t),
        "support.list": lambda t: client.support.list(timeout=t),
        "v1.sims.list": lambda t: client.v1.sims.list(timeout=t),
        "v1.sims.events": lambda t: client.v1.sims.events(iccid, timeout=t),
        "v1.sims.list_sms": lambda t: client.v1.sims.list_sms(iccid, timeout=t),
    }


def test_a_list_timeout_ends_iteration_over_a_slow_page(sandbox, client):
    client.access_token()  # the token is not part of what is measured
    sandbox.inject(Fault.delay(SLOW_PAGE).path("/v2/sims").always())
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError, match="overall deadline"):
        list(client.sims.list(timeout=0.5))
    assert time.monotonic() - started < WITHIN
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError):
        list(client.sims.list(timeout=0.5).pages())
    assert time.monotonic() - started < WITHIN


async def test_a_list_timeout_ends_async_iteration_over_a_slow_page(sandbox, aclient):
    iccid = sandbox.iccids()[0]
    await aclient.access_token()
    sandbox.inject(Fault.delay(SLOW_PAGE).path("/v2/sims/*/events").always())
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError):
        [e async for e in aclient.sims.events(iccid, timeout=0.5)]
    assert time.monotonic() - started < WITHIN
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError):
        [p async for p in aclient.sims.events(iccid, timeout=0.5).pages()]
    assert time.monotonic() - started < WITHIN


def test_a_list_timeout_applies_to_a_later_page_and_page_n_overrides_it(sandbox, client):
    client.access_token()
    # The first page answers at once, the second slowly.
    sandbox.inject(Fault.delay(0.0).path("/v2/sims"))
    sandbox.inject(Fault.delay(SLOW_PAGE).path("/v2/sims"))
    sims = client.sims.list(page_size=10, timeout=0.5)
    seen = []
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError):
        for sim in sims:
            seen.append(sim.iccid)
    assert time.monotonic() - started < WITHIN
    assert len(seen) == 10  # the whole first page, then the second timed out
    assert sandbox.pending_faults() == []
    # page(n, timeout=) takes the place of the list's timeout for that page.
    sandbox.inject(Fault.delay(1.0).path("/v2/sims"))
    page = sims.page(2, timeout=30)
    assert page.page == 2 and len(page) == 10
    sandbox.inject(Fault.delay(SLOW_PAGE).path("/v2/sims"))
    with pytest.raises(once_sdk.TimeoutError):
        sims.page(2)  # the list's timeout again


async def test_a_list_timeout_applies_to_a_later_async_page(sandbox, aclient):
    await aclient.access_token()
    sandbox.inject(Fault.delay(0.0).path("/v2/sims"))
    sandbox.inject(Fault.delay(SLOW_PAGE).path("/v2/sims"))
    seen = []
    started = time.monotonic()
    with pytest.raises(once_sdk.TimeoutError):
        async for sim in aclient.sims.list(page_size=10, timeout=0.5):
            seen.append(sim.iccid)
    assert time.monotonic() - started < WITHIN
    assert len(seen) == 10


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf")])
def test_a_bad_list_timeout_is_refused_before_sending(sandbox, flavour, bad):
    client = sandbox.client() if flavour == "sync" else sandbox.async_client()
    for name, make in lists(client, sandbox.iccids()[0]).items():
        with pytest.raises(once_sdk.ValidationError) as caught:
            make(bad)
        assert caught.value.field == "timeout", name
        assert "timeout" in str(caught.value), name
    assert sandbox.requests() == []


def resource_classes() -> list[type]:
    return [
        once_sdk.Sims, once_sdk.AsyncSims, once_sdk.SmsMessages, once_sdk.AsyncSmsMessages,
        once_sdk.Orders, once_sdk.AsyncOrders, once_sdk.Products, once_sdk.AsyncProducts,
        once_sdk.Support, once_sdk.AsyncSupport, once_sdk.V1Sims, once_sdk.AsyncV1Sims,
    ]


def test_every_call_takes_timeout_and_help_shows_every_argument():
    calls = 0
    for cls in resource_classes():
        for name, fn in vars(cls).items():
            if name.startswith("_") or not callable(fn):
                continue
            sig = inspect.signature(fn)
            assert fn.__doc__, f"{cls.__name__}.{name} has no docstring"
            assert "timeout" in sig.parameters, f"{cls.__name__}.{name}{sig}"
            if name in ("list", "events", "list_sms") and cls not in (once_sdk.Products, once_sdk.AsyncProducts):
                # Lists: the limit of each page's call, said in help().
                assert "each page's call" in fn.__doc__, f"{cls.__name__}.{name}"
            p = sig.parameters["timeout"]
            assert p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is None
            calls += 1
    assert calls >= 50
    for paginator in (once_sdk.Paginator, once_sdk.AsyncPaginator):
        assert str(inspect.signature(paginator.page)) == "(self, /, n=1, *, timeout=None)"
    text = pydoc.render_doc(once_sdk.Client)
    for arg in ("client_id", "client_secret", "base_url=None", "connect_timeout=None",
                "operation_timeout=None", "retries=None", "rate_limits=True", "user_agent=None",
                "redis_url=None", "shared_token=True", "proxy=None", "no_proxy=False"):
        assert arg in text, arg
    assert "HTTPS_PROXY" in text and "(120 s)" in text
    assert "proxy=None" in pydoc.render_doc(once_sdk.AsyncClient)


def test_log_records_carry_the_call_fields_in_extra(sandbox, client, caplog):
    caplog.set_level(logging.DEBUG, logger="once_sdk")
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.status(503).path("/v2/sims/*"))
    client_retrying = sandbox.client(retries=1)
    client_retrying.sims.get(iccid)
    records = [r for r in caplog.records if r.name == "once_sdk"]
    [call] = [r for r in records if getattr(r, "operation", None) == "sims.get"
              and r.getMessage().startswith("call ")]
    assert call.method == "GET" and call.status == 200 and call.attempt == 2
    assert isinstance(call.latency_ms, int)
    assert call.path == "/v2/sims/{iccid}"
    [retry] = [r for r in records if r.getMessage().startswith("retrying")]
    assert retry.operation == "sims.get"
    for r in records:
        keys = re.findall(r"(?:^| )([a-z_]+)=", r.getMessage())
        assert len(keys) == len(set(keys)), r.getMessage()


def test_validation_errors_name_the_python_argument(sandbox, client):
    with pytest.raises(once_sdk.ValidationError) as caught:
        client.sims.list(page_size=1000).page(1)
    assert str(caught.value).startswith("invalid `page_size` (1NCE's `pageSize`): ")
    assert caught.value.field == "pageSize"
    with pytest.raises(once_sdk.ValidationError) as bad_sms:
        list(client.sms.list(sandbox.iccids()[0], page_size=5000))
    assert str(bad_sms.value).startswith("invalid `page_size` (1NCE's `per_page`): ")
    with pytest.raises(once_sdk.ValidationError) as bad_iccid:
        client.sims.get("12")
    assert str(bad_iccid.value).startswith("invalid `iccid`: ")
    assert sandbox.requests() == []
