"""Every exception kind, with its attributes, and validation before sending."""

from __future__ import annotations

import builtins
import threading

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

import once_sdk
from conftest import ICCID, api_requests, mount_token, options
from once_sdk import Fault


def test_api_error_has_status_code_message_body_request_id(api, mock_client):
    body = {"error_code": 404, "error_token": "NotFound", "message": "SIM not found"}
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(
        body, status=404, headers={"x-request-id": "req-123"}
    )
    with pytest.raises(once_sdk.ApiError) as e:
        mock_client.sims.get(ICCID)
    err = e.value
    assert type(err) is once_sdk.NotFoundError
    assert isinstance(err, once_sdk.ApiError) and isinstance(err, once_sdk.OnceError)
    assert err.status == 404
    assert err.code == "NotFound"
    assert err.message == "SIM not found"
    assert '"error_token": "NotFound"' in err.body or '"error_token":"NotFound"' in err.body
    assert err.request_id == "req-123"
    assert str(err) == (
        "not found: `sims.get` answered HTTP 404 NotFound: SIM not found (request id req-123)"
    )


async def test_api_error_async(api, mock_aclient):
    api.expect_request(f"/v2/sims/{ICCID}/quota/data").respond_with_json(
        {"statusCode": 500, "errorCode": "InternalError", "message": "oops"}, status=500
    )
    with pytest.raises(once_sdk.ApiError) as e:
        await mock_aclient.sims.data_quota(ICCID)
    assert (e.value.status, e.value.code, e.value.message) == (500, "InternalError", "oops")


def test_api_error_from_the_sandbox(sandbox, client):
    with pytest.raises(once_sdk.ApiError) as e:
        client.sims.get("8988280666000099999")
    assert type(e.value) is once_sdk.NotFoundError
    assert (e.value.status, e.value.code, e.value.message) == (404, "NotFound", "Element not found")
    assert e.value.request_id is not None and e.value.request_id in str(e.value)


async def test_api_error_from_the_sandbox_async(sandbox, aclient):
    with pytest.raises(once_sdk.ApiError) as e:
        await aclient.orders.get(99999)
    assert (e.value.status, e.value.code) == (404, "NotFound")


def test_auth_error_when_the_credentials_are_refused(sandbox):
    client = once_sdk.Client(
        client_id=sandbox.client_id, client_secret="wrong", base_url=sandbox.base_url, retries=0
    )
    with pytest.raises(once_sdk.AuthError) as e:
        client.sims.get(sandbox.iccids()[0])
    assert isinstance(e.value, once_sdk.ApiError)
    # 1NCE answers refused credentials with 400 BadCredentials.
    assert (e.value.status, e.value.code) == (400, "BadCredentials")
    stats = sandbox.stats()
    assert (stats.requests, stats.token_requests, stats.tokens_issued) == (1, 1, 0)


async def test_auth_error_async(sandbox):
    aclient = once_sdk.AsyncClient(
        client_id="nobody", client_secret=sandbox.client_secret, base_url=sandbox.base_url
    )
    with pytest.raises(once_sdk.AuthError) as e:
        await aclient.products.list()
    assert e.value.code == "BadCredentials"


def test_rate_limit_error_has_retry_after(sandbox, client):
    sandbox.inject(Fault.rate_limited(7).path("/v2/sims/*"))
    with pytest.raises(once_sdk.RateLimitError) as e:
        client.sims.get(sandbox.iccids()[0])
    assert e.value.retry_after == 7.0
    assert e.value.status == 429
    assert isinstance(e.value, once_sdk.ApiError)
    assert sandbox.stats().rate_limited == 1


async def test_rate_limit_error_without_retry_after_async(sandbox, aclient):
    sandbox.inject(Fault.rate_limited())
    with pytest.raises(once_sdk.RateLimitError) as e:
        await aclient.support.list().page()
    assert e.value.retry_after is None


def test_rate_limited_calls_are_retried(sandbox):
    sandbox.inject(Fault.rate_limited(0).path("/v2/sims/*"))
    client = sandbox.client(retries=1)
    iccid = sandbox.iccids()[0]
    assert client.sims.get(iccid).iccid == iccid
    assert sandbox.stats().requests_to("GET", "/v2/sims/{iccid}") == 2
    assert sandbox.stats().rate_limited == 1


def test_timeout_error_is_also_the_builtin():
    # A server of its own: its handler is still blocked when the test ends.
    server = HTTPServer()
    server.start()
    release = threading.Event()

    def never_answers(request):
        release.wait(10)
        return Response("{}", content_type="application/json")

    mount_token(server)
    server.expect_request(f"/v2/sims/{ICCID}").respond_with_handler(never_answers)
    mock_client = once_sdk.Client(**options(server, timeout=0.3))
    try:
        with pytest.raises(once_sdk.TimeoutError) as e:
            mock_client.sims.get(ICCID)
    finally:
        release.set()
        server.stop()
    assert isinstance(e.value, builtins.TimeoutError)
    assert isinstance(e.value, once_sdk.OnceError)
    assert "timed out" in str(e.value)


@pytest.mark.parametrize(
    "iccid, rule",
    [
        ("123", "must be 19 digits (or 20 with the Luhn check digit), got 3"),
        ("89882806660000000x1", "must contain digits only, found 'x'"),
        ("1188280666000000000", "must start with 89 (the telecom industry prefix)"),
    ],
)
def test_validation_error_names_field_and_rule_and_sends_nothing(sandbox, client, iccid, rule):
    calls = (client.sims.get, client.sims.data_quota, client.sims.sms_quota, client.sims.status,
             client.sims.reset, client.sims.top_up, client.sims.events)
    for call in calls:
        with pytest.raises(once_sdk.ValidationError) as e:
            call(iccid)
        assert (e.value.field, e.value.rule) == ("iccid", rule)
        assert isinstance(e.value, ValueError)
        assert str(e.value) == f"invalid `iccid`: {rule}"
    assert sandbox.requests() == []


async def test_validation_error_async(sandbox, aclient):
    with pytest.raises(once_sdk.ValidationError) as e:
        await aclient.sims.get("42")
    assert e.value.field == "iccid"
    with pytest.raises(once_sdk.ValidationError) as e:
        await aclient.sms.send("42", "x")
    assert e.value.field == "iccid"
    assert sandbox.requests() == []


@pytest.mark.parametrize(
    "kwargs, field, rule",
    [
        ({}, "body", "set at least one of label, status, imei_lock"),
        ({"status": "Suspended"}, "status", 'must be Enabled or Disabled, got "Suspended"'),
        ({"label": "x" * 256}, "label", "must be at most 255 characters"),
    ],
)
def test_update_validation(sandbox, client, kwargs, field, rule):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.sims.update(ICCID, **kwargs)
    assert (e.value.field, e.value.rule) == (field, rule)
    assert sandbox.requests() == []


def test_decode_error_keeps_status_and_snippet(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_data(
        "<html>maintenance</html>", content_type="text/html"
    )
    with pytest.raises(once_sdk.DecodeError) as e:
        mock_client.sims.get(ICCID)
    assert e.value.status == 200
    assert e.value.what == "sims.get"
    assert e.value.snippet == "<html>maintenance</html>"


def test_transport_error_when_nothing_listens(closed_port):
    mock_client = once_sdk.Client(
        client_id="id", client_secret="secret", base_url=f"http://127.0.0.1:{closed_port}", retries=0
    )
    with pytest.raises(once_sdk.TransportError, match="could not connect"):
        mock_client.sims.get(ICCID)


def test_config_errors():
    with pytest.raises(once_sdk.ConfigError, match="plain http"):
        once_sdk.Client(client_id="id", client_secret="s", base_url="http://example.com")
    with pytest.raises(once_sdk.ConfigError, match="timeout must be a non-negative"):
        once_sdk.Client(client_id="id", client_secret="s", timeout=-1)
    with pytest.raises(once_sdk.ConfigError, match="retries must be 0 or more"):
        once_sdk.AsyncClient(client_id="id", client_secret="s", retries=-1)


def test_from_env_without_credentials(monkeypatch):
    monkeypatch.delenv("ONCE_CLIENT_ID", raising=False)
    monkeypatch.delenv("ONCE_CLIENT_SECRET", raising=False)
    with pytest.raises(once_sdk.ConfigError, match="ONCE_CLIENT_ID is not set"):
        once_sdk.Client.from_env()


def test_an_applied_then_failed_top_up_is_outcome_unknown(sandbox):
    client = sandbox.client(retries=3)  # retries on, yet never repeated
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.apply_then_status(500).method("POST").path("/v2/sims/*/topup"))
    with pytest.raises(once_sdk.OutcomeUnknownError) as e:
        client.sims.top_up(iccid)
    err = e.value
    assert err.operation == "sims.top_up"
    assert isinstance(err.cause, once_sdk.ApiError) and err.cause.status == 500
    assert err.__cause__ is err.cause
    assert "it was not retried to avoid applying it twice" in str(err)
    assert sandbox.stats().top_ups_applied == 1
    assert sandbox.stats().requests_to("POST", "/v2/sims/{iccid}/topup") == 1


async def test_a_lost_sms_answer_is_outcome_unknown_async(sandbox, aclient):
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.apply_then_drop().method("POST").path("/v2/sims/*/sms"))
    with pytest.raises(once_sdk.OutcomeUnknownError) as e:
        await aclient.sms.send(iccid, "ping")
    assert e.value.operation == "sms.send"
    assert isinstance(e.value.cause, once_sdk.TransportError)
    assert sandbox.stats().sms_sent == 1
    [sms] = [s async for s in aclient.sms.list(iccid)]
    assert sms.payload == "ping"


@pytest.mark.parametrize(
    "call, path, counter",
    [
        (lambda c, i: c.orders.create({1001: 1}), "/v1/orders", "orders_created"),
        (lambda c, i: c.support.create("s", "t"), "/v1/support", "support_requests_created"),
        (lambda c, i: c.sims.reset(i), "/v2/sims/*/reset", None),
    ],
)
def test_other_changes_are_never_repeated(sandbox, call, path, counter):
    client = sandbox.client(retries=3)
    sandbox.inject(Fault.apply_then_status(503).method("POST").path(path))
    with pytest.raises(once_sdk.OutcomeUnknownError):
        call(client, sandbox.iccids()[0])
    if counter:
        assert getattr(sandbox.stats(), counter) == 1
    assert sandbox.stats().faults_injected == 1
    posts = [r for r in sandbox.requests() if r.method == "POST" and r.path != "/oauth/token"]
    assert len(posts) == 1


def test_a_refused_change_is_not_outcome_unknown(sandbox, client):
    # A 4xx says 1NCE refused it; a 5xx could come after applying it.
    sandbox.inject(Fault.status(409).method("POST").path("/v2/sims/*/topup"))
    with pytest.raises(once_sdk.ApiError) as e:
        client.sims.top_up(sandbox.iccids()[0])
    assert type(e.value) is once_sdk.ApiError and e.value.status == 409
    assert sandbox.stats().top_ups_applied == 0


def test_exceptions_can_be_raised_by_user_code():
    err = once_sdk.RateLimitError("slow down", retry_after=1.5)
    assert (err.status, err.retry_after, str(err)) == (429, 1.5, "slow down")
    assert once_sdk.ApiError.__module__ == "once_sdk"
    assert issubclass(once_sdk.AuthError, once_sdk.ApiError)
    assert issubclass(once_sdk.ValidationError, ValueError)
