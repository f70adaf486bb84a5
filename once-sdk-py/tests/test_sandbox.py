"""once_sdk.Sandbox: the Rust sandbox from Python, its helpers and faults."""

from __future__ import annotations

import pytest

import once_sdk
from once_sdk import Fault


def test_context_manager_exposes_credentials_and_clients():
    with once_sdk.Sandbox(sims=3, seed=7) as sb:
        assert sb.base_url.startswith("http://127.0.0.1:")
        assert (sb.client_id, sb.client_secret) == ("sandbox-client", "sandbox-secret")
        assert sb.iccids() == [f"898828066600000000{i}" for i in range(3)]
        client = sb.client()
        assert [s.iccid for s in client.sims.list()] == sb.iccids()
        assert repr(sb) == f"Sandbox(base_url='{sb.base_url}', client_id='sandbox-client')"
        # A client built from the exposed values works too.
        plain = once_sdk.Client(
            client_id=sb.client_id, client_secret=sb.client_secret, base_url=sb.base_url
        )
        assert plain.sims.get(sb.iccids()[0]).iccid == sb.iccids()[0]
    assert repr(sb).endswith(", closed)")
    with pytest.raises(once_sdk.ConfigError, match="sandbox is closed"):
        sb.iccids()
    with pytest.raises(once_sdk.TransportError):
        once_sdk.Client(
            client_id=sb.client_id, client_secret=sb.client_secret, base_url=sb.base_url, retries=0
        ).sims.get("8988280666000000000")
    sb.close()  # twice is fine


def test_the_same_seed_gives_the_same_fleet():
    with once_sdk.Sandbox(sims=2, seed=5) as a, once_sdk.Sandbox(sims=2, seed=5) as b:
        assert a.client().sims.get(a.iccids()[1]) == b.client().sims.get(b.iccids()[1])


async def test_async_client():
    with once_sdk.Sandbox(sims=2) as sb:
        client = sb.async_client()
        assert [s.iccid async for s in client.sims.list()] == sb.iccids()


def test_consume_data_and_sms_show_in_the_quotas(sandbox, client):
    iccid = sandbox.iccids()[0]
    before = client.sims.data_quota(iccid).volume
    left = sandbox.consume_data(iccid, 12.5)
    assert left == pytest.approx(before - 12.5)
    assert client.sims.data_quota(iccid).volume == pytest.approx(left)
    sms_before = client.sims.sms_quota(iccid).volume
    assert sandbox.consume_sms(iccid, 3) == pytest.approx(sms_before - 3)
    with pytest.raises(ValueError, match="no SIM with ICCID 8988280666000099999"):
        sandbox.consume_data("8988280666000099999", 1)
    with pytest.raises(once_sdk.ValidationError):
        sandbox.consume_sms("42", 1)


def test_expired_tokens_are_renewed_once(sandbox, client):
    iccid = sandbox.iccids()[0]
    client.sims.get(iccid)
    assert sandbox.stats().token_requests == 1
    sandbox.expire_tokens()
    client.sims.get(iccid)
    stats = sandbox.stats()
    assert (stats.token_requests, stats.unauthorized) == (2, 1)


def test_short_token_lifetimes_are_renewed_before_expiry_not_per_call():
    with once_sdk.Sandbox(sims=1, token_lifetime=60, rate_limits=False) as sb:
        client = sb.client()
        for _ in range(3):
            client.sims.get(sb.iccids()[0])
        assert sb.stats().token_requests == 1


def test_stats_and_request_log(sandbox, client):
    sandbox.reset_stats()
    iccid = sandbox.iccids()[1]
    client.sims.get(iccid)
    stats = sandbox.stats()
    assert stats.requests_to("GET", "/v2/sims/{iccid}") == 1
    assert stats.by_operation["GET /v2/sims/{iccid}"] == 1
    assert stats == sandbox.stats()
    assert "token_requests=1" in repr(stats)
    [token, get] = sandbox.requests()
    assert (token.method, token.path) == ("POST", "/oauth/token")
    assert (get.method, get.path, get.template, get.status) == (
        "GET", f"/v2/sims/{iccid}", "/v2/sims/{iccid}", 200
    )
    assert get.header("authorization").startswith("Bearer ")
    assert get.query is None and get.body == ""


def test_faults_are_immutable_builders(sandbox):
    f = Fault.status(503)
    g = f.method("post").path("/v2/sims/*/topup").times(2)
    assert f != g and f == Fault.status(503)
    assert repr(f) == "Fault.status(503)"
    assert repr(g) == "Fault.status(503).method('post').path('/v2/sims/*/topup').times(2)"
    sandbox.inject(g)
    sandbox.inject(Fault.drop_connection().always())
    assert sandbox.pending_faults() == [g, Fault.drop_connection().always()]
    sandbox.clear_faults()
    assert sandbox.pending_faults() == []
    with pytest.raises(once_sdk.ConfigError):
        Fault.status(42)
    with pytest.raises(once_sdk.ConfigError):
        Fault.delay(-1)


def test_injected_status_and_html(sandbox, client):
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.status(500).path("/v2/sims/*"))
    with pytest.raises(once_sdk.ApiError) as e:
        client.sims.get(iccid)
    assert e.value.status == 500
    sandbox.inject(Fault.html(502).method("GET"))
    with pytest.raises(once_sdk.ApiError) as e:
        client.sims.get(iccid)
    assert e.value.status == 502
    assert sandbox.stats().faults_injected == 2
    assert client.sims.get(iccid).iccid == iccid


def test_malformed_body_is_a_decode_error(sandbox, client):
    sandbox.inject(Fault.malformed_body().path("/v2/sims/*"))
    with pytest.raises(once_sdk.DecodeError) as e:
        client.sims.get(sandbox.iccids()[0])
    assert e.value.what == "sims.get"


def test_rate_limits_are_enforced_and_clients_pace_themselves():
    with once_sdk.Sandbox(sims=1, rate_limit_factor=0.1) as sb:  # /sims: 1 per second
        unpaced = sb.client(rate_limits=False, retries=0)
        iccid = sb.iccids()[0]
        with pytest.raises(once_sdk.RateLimitError) as e:
            for _ in range(5):
                unpaced.sims.get(iccid)
        assert e.value.retry_after is not None and e.value.retry_after > 0
        assert sb.stats().rate_limited == 1
    with once_sdk.Sandbox(sims=1, rate_limits=False) as sb:
        c = sb.client(rate_limits=False, retries=0)
        for _ in range(30):
            c.sims.get(sb.iccids()[0])
        assert sb.stats().rate_limited == 0


def test_bad_arguments():
    with pytest.raises(once_sdk.ConfigError, match="rate_limit_factor"):
        once_sdk.Sandbox(rate_limit_factor=0)
    with pytest.raises(once_sdk.ConfigError, match="sims must be"):
        once_sdk.Sandbox(sims=-1)


def test_a_sandbox_dropped_without_close_stops():
    import gc

    sb = once_sdk.Sandbox(sims=1)
    url, iccid = sb.base_url, sb.iccids()[0]
    client = once_sdk.Client(
        client_id=sb.client_id, client_secret=sb.client_secret, base_url=url, retries=0
    )
    assert client.sims.get(iccid).iccid == iccid
    del sb
    gc.collect()
    fresh = once_sdk.Client(client_id="sandbox-client", client_secret="sandbox-secret",
                            base_url=url, retries=0)
    with pytest.raises(once_sdk.TransportError):
        fresh.sims.get(iccid)
