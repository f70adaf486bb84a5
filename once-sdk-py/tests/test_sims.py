"""Each wrapped SIM operation, blocking and asyncio: the exact request and
the decoded result."""

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


def test_get(api, mock_client):
    api.expect_request(
        f"/v2/sims/{ICCID}", method="GET", headers=BEARER
    ).respond_with_json(sim_json())
    sim = mock_client.sims.get(ICCID)
    check_sim(sim)
    [req] = api_requests(api)
    assert req.query_string == b""


async def test_get_async(api, mock_aclient):
    api.expect_request(
        f"/v2/sims/{ICCID}", method="GET", headers=BEARER
    ).respond_with_json(sim_json())
    check_sim(await mock_aclient.sims.get(ICCID))


def test_models_are_immutable_comparable_and_convertible(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    a = mock_client.sims.get(ICCID)
    b = mock_client.sims.get(ICCID)
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


async def test_update_async(api, mock_aclient):
    api.expect_request(
        f"/v2/sims/{ICCID}",
        method="PUT",
        headers={**BEARER, "Content-Type": "application/json"},
        json=UPDATE_BODY,
    ).respond_with_data("", status=200)
    assert await mock_aclient.sims.update(
        ICCID, label="pump-18", status="Disabled", imei_lock=False
    ) is None
    assert len(api_requests(api)) == 1


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
def test_quotas(api, mock_client, kind):
    api.expect_request(
        f"/v2/sims/{ICCID}/quota/{kind}", method="GET", headers=BEARER
    ).respond_with_json(quota_json(kind))
    call = mock_client.sims.data_quota if kind == "data" else mock_client.sims.sms_quota
    check_quota(call(ICCID), kind)


@pytest.mark.parametrize("kind", ["data", "sms"])
async def test_quotas_async(api, mock_aclient, kind):
    api.expect_request(
        f"/v2/sims/{ICCID}/quota/{kind}", method="GET", headers=BEARER
    ).respond_with_json(quota_json(kind))
    call = mock_aclient.sims.data_quota if kind == "data" else mock_aclient.sims.sms_quota
    check_quota(await call(ICCID), kind)


def test_access_token(api, mock_client):
    assert mock_client.access_token() == TOKEN
    assert mock_client.access_token() == TOKEN
    assert len([r for r, _ in api.log if r.path == "/oauth/token"]) == 1


async def test_access_token_async(api, mock_aclient):
    assert await mock_aclient.access_token() == TOKEN


def test_from_env(api, monkeypatch):
    from conftest import CLIENT_ID, CLIENT_SECRET, base_url

    monkeypatch.setenv("ONCE_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("ONCE_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("ONCE_BASE_URL", base_url(api))
    api.expect_request(f"/v2/sims/{ICCID}", headers=BEARER).respond_with_json(sim_json())
    mock_client = once_sdk.Client.from_env(retries=0, rate_limits=False)
    assert mock_client.sims.get(ICCID).iccid == ICCID
    assert repr(mock_client) == f"Client(base_url='{base_url(api)}/', client_id='{CLIENT_ID}')"


async def test_context_managers_close(api):
    from conftest import options

    with once_sdk.Client(**options(api)) as mock_client:
        assert mock_client.access_token() == TOKEN
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        mock_client.sims.get(ICCID)
    async with once_sdk.AsyncClient(**options(api)) as mock_aclient:
        assert await mock_aclient.access_token() == TOKEN
    with pytest.raises(once_sdk.ConfigError, match="closed"):
        await mock_aclient.sims.get(ICCID)
