"""Every exception kind, with its attributes, and validation before sending."""

from __future__ import annotations

import builtins
import threading

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

import once_sdk
from conftest import ICCID, api_requests, mount_token, options


def test_api_error_has_status_code_message_body_request_id(api, mock_client):
    body = {"error_code": 404, "error_token": "NotFound", "message": "SIM not found"}
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(
        body, status=404, headers={"x-request-id": "req-123"}
    )
    with pytest.raises(once_sdk.ApiError) as e:
        mock_client.sims.get(ICCID)
    err = e.value
    assert type(err) is once_sdk.ApiError
    assert isinstance(err, once_sdk.OnceError)
    assert err.status == 404
    assert err.code == "NotFound"
    assert err.message == "SIM not found"
    assert '"error_token": "NotFound"' in err.body or '"error_token":"NotFound"' in err.body
    assert err.request_id == "req-123"
    assert str(err) == "1NCE API error: HTTP 404 NotFound: SIM not found (request id req-123)"


async def test_api_error_async(api, mock_aclient):
    api.expect_request(f"/v2/sims/{ICCID}/quota/data").respond_with_json(
        {"statusCode": 500, "errorCode": "InternalError", "message": "oops"}, status=500
    )
    with pytest.raises(once_sdk.ApiError) as e:
        await mock_aclient.sims.data_quota(ICCID)
    assert (e.value.status, e.value.code, e.value.message) == (500, "InternalError", "oops")


def test_auth_error_when_the_credentials_are_refused(httpserver):
    httpserver.expect_request("/oauth/token").respond_with_json(
        {"statusCode": 401, "errorCode": "BadCredentials", "message": "Bad credentials"},
        status=401,
    )
    mock_client = once_sdk.Client(**options(httpserver))
    with pytest.raises(once_sdk.AuthError) as e:
        mock_client.sims.get(ICCID)
    assert isinstance(e.value, once_sdk.ApiError)
    assert (e.value.status, e.value.code) == (401, "BadCredentials")
    assert [r.path for r, _ in httpserver.log] == ["/oauth/token"]


def test_rate_limit_error_has_retry_after(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(
        {"message": "slow down"}, status=429, headers={"Retry-After": "7"}
    )
    with pytest.raises(once_sdk.RateLimitError) as e:
        mock_client.sims.get(ICCID)
    assert e.value.retry_after == 7.0
    assert e.value.status == 429
    assert isinstance(e.value, once_sdk.ApiError)


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
def test_validation_error_names_field_and_rule_and_sends_nothing(api, mock_client, iccid, rule):
    for call in (mock_client.sims.get, mock_client.sims.data_quota, mock_client.sims.sms_quota):
        with pytest.raises(once_sdk.ValidationError) as e:
            call(iccid)
        assert (e.value.field, e.value.rule) == ("iccid", rule)
        assert isinstance(e.value, ValueError)
        assert str(e.value) == f"invalid `iccid`: {rule}"
    assert api_requests(api) == []


async def test_validation_error_async(api, mock_aclient):
    with pytest.raises(once_sdk.ValidationError) as e:
        await mock_aclient.sims.get("42")
    assert e.value.field == "iccid"
    assert api_requests(api) == []


@pytest.mark.parametrize(
    "kwargs, field, rule",
    [
        ({}, "body", "set at least one of label, status, imei_lock"),
        ({"status": "Suspended"}, "status", 'must be Enabled or Disabled, got "Suspended"'),
        ({"label": "x" * 256}, "label", "must be at most 255 characters"),
    ],
)
def test_update_validation(api, mock_client, kwargs, field, rule):
    with pytest.raises(once_sdk.ValidationError) as e:
        mock_client.sims.update(ICCID, **kwargs)
    assert (e.value.field, e.value.rule) == (field, rule)
    assert api_requests(api) == []


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


def test_outcome_unknown_error_carries_operation_and_cause():
    with pytest.raises(once_sdk.OutcomeUnknownError) as e:
        once_sdk._once_sdk._raise_outcome_unknown_sample()
    err = e.value
    assert err.operation == "sms.send"
    assert isinstance(err.cause, once_sdk.TimeoutError)
    assert err.__cause__ is err.cause
    assert "it was not retried to avoid applying it twice" in str(err)


def test_exceptions_can_be_raised_by_user_code():
    err = once_sdk.RateLimitError("slow down", retry_after=1.5)
    assert (err.status, err.retry_after, str(err)) == (429, 1.5, "slow down")
    assert once_sdk.ApiError.__module__ == "once_sdk"
    assert issubclass(once_sdk.AuthError, once_sdk.ApiError)
    assert issubclass(once_sdk.ValidationError, ValueError)
