"""The SIM basics, blocking and asyncio, against the sandbox; on a mock
server where the exact request or 1NCE's odd shapes (numbers as strings,
unusual timestamps, unknown statuses) matter."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

import once_sdk
from conftest import BEARER, ICCID, TOKEN, api_requests, quota_json, sim_json


def check_sim(sim: once_sdk.Sim) -> None:
    assert isinstance(sim, once_sdk.Sim)
    assert sim.iccid == ICCID
    assert sim.iccid_with_luhn == ICCID + "0"
    assert sim.imsi == "901405100000018"
    assert sim.imsi_2 is None
    assert sim.msisdn == "882285100000018"
    assert sim.imei == "0000000000000018"
    assert sim.imei_lock is True
    assert sim.status == "Enabled"
    assert sim.activation_date == datetime(2018, 3, 9, 7, 59, 9, tzinfo=timezone.utc)
    assert sim.activation_date.tzinfo is not None
    assert sim.ip_address == "100.100.100.18"
    assert sim.current_quota == 500.0
    assert sim.current_quota_sms == 250.0
    assert sim.quota_status is not None
    assert sim.quota_status.id == 0
    assert sim.quota_status.description == "More than 20% available"
    assert sim.quota_status_sms is not None
    assert sim.quota_status_sms.threshold_reached_date == datetime(
        2031, 11, 26, tzinfo=timezone.utc
    )
    assert sim.label == "pump-17"


def test_get_decodes_what_1nce_sends(api, mock_client):
    api.expect_request(
        f"/v2/sims/{ICCID}", method="GET", headers=BEARER
    ).respond_with_json(sim_json())
    sim = mock_client.sims.get(ICCID)
    check_sim(sim)
    [req] = api_requests(api)
    assert req.query_string == b""


def test_get_from_the_sandbox(sandbox, client):
    iccid = sandbox.iccids()[3]
    sim = client.sims.get(iccid)
    assert isinstance(sim, once_sdk.Sim)
    assert sim.iccid == iccid and sim.iccid_with_luhn is not None
    assert sim.iccid_with_luhn.startswith(iccid) and len(sim.iccid_with_luhn) == 20
    assert sim.status in {"Enabled", "Disabled"}
    assert sim.activation_date is not None and sim.activation_date.tzinfo is not None
    assert sim == next(s for s in client.sims.list(page_size=100) if s.iccid == iccid)


async def test_get_async(sandbox, aclient):
    iccid = sandbox.iccids()[3]
    sim = await aclient.sims.get(iccid)
    assert sim.iccid == iccid and sim.imsi is not None


def test_models_are_immutable_comparable_and_convertible(api, mock_client, sandbox, client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    a = mock_client.sims.get(ICCID)
    b = mock_client.sims.get(ICCID)
    c = client.sims.get(sandbox.iccids()[0])
    assert c != a and c == client.sims.get(sandbox.iccids()[0])
    assert a == b and a is not b
    assert hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.label = "other"  # type: ignore[misc]
    d = a.to_dict()
    assert d["iccid"] == ICCID
    assert d["activation_date"] == datetime(2018, 3, 9, 7, 59, 9, tzinfo=timezone.utc)
    assert d["quota_status_sms"] == {
        "id": 1,
        "description": "Less than 20% available",
        "threshold_reached_date": datetime(2031, 11, 26, tzinfo=timezone.utc),
        "quota_exceeded_date": None,
    }
    assert "some_future_field" not in d
    assert repr(a).startswith("Sim(iccid='8988280666000000001', iccid_with_luhn=")
    assert "quota_status=QuotaThreshold(id=0, description='More than 20% available'" in repr(a)
    assert a != b.quota_status


def test_unknown_status_is_kept_as_sent(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(
        sim_json(status="Suspended")
    )
    assert mock_client.sims.get(ICCID).status == "Suspended"


UPDATE_BODY = {"iccid": ICCID, "label": "pump-18", "status": "Disabled", "imei_lock": False}


def test_update(api, mock_client):
    api.expect_request(
        f"/v2/sims/{ICCID}",
        method="PUT",
        headers={**BEARER, "Content-Type": "application/json"},
        json=UPDATE_BODY,
    ).respond_with_data("", status=200)
    result = mock_client.sims.update(ICCID, label="pump-18", status="Disabled", imei_lock=False)
    assert result is None
    assert len(api_requests(api)) == 1


def test_update_changes_the_sim(sandbox, client):
    iccid = sandbox.iccids()[0]
    assert client.sims.update(iccid, label="pump-18", status="Disabled", imei_lock=True) is None
    sim = client.sims.get(iccid)
    assert (sim.label, sim.status, sim.imei_lock) == ("pump-18", "Disabled", True)
    client.sims.update(iccid, status="Enabled")
    sim = client.sims.get(iccid)
    assert (sim.label, sim.status) == ("pump-18", "Enabled")


async def test_update_async(sandbox, aclient):
    iccid = sandbox.iccids()[1]
    assert await aclient.sims.update(iccid, label="pump-19", imei_lock=False) is None
    sim = await aclient.sims.get(iccid)
    assert (sim.label, sim.imei_lock) == ("pump-19", False)


def test_update_sends_only_the_fields_given(api, mock_client):
    api.expect_request(
        f"/v2/sims/{ICCID}", method="PUT", json={"iccid": ICCID, "label": "x"}
    ).respond_with_data("")
    mock_client.sims.update(ICCID, label="x")


def check_quota(q: once_sdk.Quota, service: str) -> None:
    assert isinstance(q, once_sdk.Quota)
    assert q.id == 42
    assert q.status is not None and q.status.description == "ACTIVE"
    assert q.volume == 412.5
    assert q.total_volume == 500.0
    assert q.accumulated_total_volume == 1000.0
    assert q.last_volume_added == 500.0
    assert q.service == service
    assert q.threshold_percentage == 20
    assert q.threshold_volume == 100.0
    assert q.expiry_date == datetime(2029, 1, 1, tzinfo=timezone.utc)
    assert q.created_at == datetime(2018, 3, 14, 16, 10, 29, tzinfo=timezone.utc)
    assert q.to_dict()["status"] == {"id": 0, "description": "ACTIVE"}


@pytest.mark.parametrize("kind", ["data", "sms"])
def test_quotas_decode_what_1nce_sends(api, mock_client, kind):
    api.expect_request(
        f"/v2/sims/{ICCID}/quota/{kind}", method="GET", headers=BEARER
    ).respond_with_json(quota_json(kind))
    call = mock_client.sims.data_quota if kind == "data" else mock_client.sims.sms_quota
    check_quota(call(ICCID), kind)


def test_quotas_follow_usage(sandbox, client):
    iccid = sandbox.iccids()[2]
    data = client.sims.data_quota(iccid)
    assert isinstance(data, once_sdk.Quota) and data.service == "data"
    assert data.status is not None and data.expiry_date is not None
    sandbox.consume_data(iccid, 5)
    assert client.sims.data_quota(iccid).volume == pytest.approx(data.volume - 5)
    sms = client.sims.sms_quota(iccid)
    sandbox.consume_sms(iccid, 2)
    assert client.sims.sms_quota(iccid).volume == pytest.approx(sms.volume - 2)


@pytest.mark.parametrize("kind", ["data", "sms"])
async def test_quotas_async(sandbox, aclient, kind):
    iccid = sandbox.iccids()[2]
    call = aclient.sims.data_quota if kind == "data" else aclient.sims.sms_quota
    quota = await call(iccid)
    assert quota.service == kind and quota.volume is not None


def test_access_token(sandbox, client):
    token = client.access_token()
    assert token and client.access_token() == token
    assert sandbox.stats().token_requests == 1


async def test_access_token_async(sandbox, aclient):
    assert await aclient.access_token()
    assert sandbox.stats().tokens_issued == 1


def test_from_env(sandbox, monkeypatch):
    monkeypatch.setenv("ONCE_CLIENT_ID", sandbox.client_id)
    monkeypatch.setenv("ONCE_CLIENT_SECRET", sandbox.client_secret)
    monkeypatch.setenv("ONCE_BASE_URL", sandbox.base_url)
    iccid = sandbox.iccids()[0]
    client = once_sdk.Client.from_env(retries=0, rate_limits=False)
    assert client.sims.get(iccid).iccid == iccid
    assert repr(client) == f"Client(base_url='{sandbox.base_url}/', client_id='{sandbox.client_id}')"


async def test_context_managers_close(sandbox):
    iccid = sandbox.iccids()[0]
    with sandbox.client() as client:
        assert client.access_token()
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        client.sims.get(iccid)
    async with sandbox.async_client() as aclient:
        assert await aclient.access_token()
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        await aclient.sims.get(iccid)
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        await aclient.sms.send(iccid, "x")
