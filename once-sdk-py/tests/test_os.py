"""1NCE OS (`client.os`) against the sandbox: every area, blocking and
asyncio; action handles followed until the sandbox's clock ends them;
geofences that see a device enter and leave; secrets redacted; bad input
refused before any traffic; side effects never sent twice."""

from __future__ import annotations

import pickle
import time
from typing import Iterator

import pytest

import once_sdk
import os_world
from once_sdk import (
    ActionStatus,
    Fault,
    GeofenceUpdate,
    NewGeofence,
    NewWebhookIntegration,
    PskJobEntry,
    PskSet,
    Secret,
    TemplateInput,
    UdpAction,
)

UDP = UdpAction(port=4445, payload="AQI=", payload_type="BASE64")


@pytest.fixture
def hook() -> Iterator[os_world.Hook]:
    h = os_world.Hook()
    yield h
    h.close()


def _sent(sandbox: once_sdk.Sandbox) -> list[tuple[str, str]]:
    """The API requests the sandbox received (the token's left out)."""
    return [(r.method, r.template) for r in sandbox.requests() if r.path != "/oauth/token"]


def test_every_area_blocking(sandbox, client):
    device = sandbox.iccids()[0]
    os = client.os
    # devices
    assert {e.protocol for e in os.devices.endpoints()} >= {"UDP", "COAP", "LWM2M"}
    assert os.devices.endpoint("LWM2M").protocol == once_sdk.OsProtocol.LWM2M
    assert os.devices.stats().total_devices == 20
    # inspector: every device, paged two at a time
    devices = os.inspector.devices(page_size=2)
    assert [d.id for d in devices] == sandbox.iccids()
    assert os.inspector.device(device).iccid == device
    sandbox.os_device_message(device, "UDP", b"\x00\xe7\x02")
    history = os.inspector.device_history(device)
    assert [m.device_id for m in history.items or ()] == [device]
    # locator: a geofence, and a position inside it (logged as entering)
    fence = os.locator.create_geofence(
        NewGeofence(name="depot", geofence_type="circle", center=list(os_world.BERLIN), radius=1000.0)
    )
    sandbox.os_report_position(device, *os_world.BERLIN)
    assert os.locator.geofence(fence.id or "").name == "depot"
    [position] = os.locator.positions(device)
    assert tuple(position.coordinate or ()) == os_world.BERLIN
    # optimizer
    created = os.optimizer.create_template(
        TemplateInput(name="climate", template=os_world.TEMPLATE, protocol_filter=["UDP"], status="ACTIVE")
    )
    assert [t.id for t in os.optimizer.templates()] == [created.id]
    translated = os.optimizer.test({"template": os_world.TEMPLATE, "payload": "AOcC"})
    assert translated.translated_payload
    # integrations, plugins, settings, agreements, logs
    aws = os.integrations.create_aws({"name": "aws", "event_types": [{"event_type": "TELEMETRY_DATA"}]})
    assert [i.id for i in os.integrations.list()] == [aws.id]
    plugin = os.plugins.create("MENDER", {"tenant_token": "tenant-token"})
    assert os.plugins.get(plugin.id or "").id == plugin.id
    assert "tenant-token" not in repr(plugin)
    settings = list(os.settings.list())
    assert settings and all(s.name for s in settings)
    assert os.agreements.accept(True) is None
    logs = list(os.logs.list())
    assert logs and all(isinstance(log.log_type, once_sdk.LogType) for log in logs)
    assert os.logs.payload_url(logs[0].id or "").startswith("http")
    stats = os.logs.stats("+01:00")
    assert isinstance(stats, once_sdk.AdminLogStats)
    # what went out: one request per call (lists: per page)
    sent = _sent(sandbox)
    assert sent.count(("GET", "/v1/inspect/devices")) == 10
    assert ("POST", "/v1/partners/MENDER/plugins") in sent


async def test_every_area_asyncio(sandbox, aclient):
    device = sandbox.iccids()[1]
    os = aclient.os
    assert {e.protocol async for e in os.devices.endpoints()} >= {"UDP", "COAP", "LWM2M"}
    assert (await os.devices.stats()).total_devices == 20
    assert [d.id async for d in os.inspector.devices(page_size=7)] == sandbox.iccids()
    assert (await os.inspector.device(device)).iccid == device
    fence = await os.locator.create_geofence(
        NewGeofence(name="depot", geofence_type="circle", center=list(os_world.BERLIN), radius=1000.0)
    )
    assert sandbox.os_report_position(device, *os_world.BERLIN) == [(fence.id, "ENTER")]
    assert [tuple(p.coordinate or ()) async for p in os.locator.positions(device)] == [os_world.BERLIN]
    template = await os.optimizer.create_template(
        TemplateInput(name="climate", template=os_world.TEMPLATE, protocol_filter=["UDP"])
    )
    await os.optimizer.delete_template(template.id or "")
    assert await os.optimizer.templates() == ()
    aws = await os.integrations.create_aws({"name": "aws", "event_types": [{"event_type": "LOCATION"}]})
    assert (await os.integrations.get(aws.id or "")).name == "aws"
    plugin = await os.plugins.create("DATACAKE", {"workspace_id": "ws-42"})
    assert [p.id async for p in os.plugins.list()] == [plugin.id]
    assert [s.name async for s in os.settings.list()]
    assert await os.agreements.accept(True) is None
    changed = await os.settings.update("ADVANCED_CELL_TOWER_LOCATION", {"state": "ENABLED", "read_and_accepted_disclaimer": True})
    assert isinstance(changed, once_sdk.OsSettingChanged)
    logs = [log async for log in os.logs.list()]
    assert logs and all(isinstance(log, once_sdk.AdminLog) for log in logs)
    assert isinstance(await os.logs.stats("UTC"), once_sdk.AdminLogStats)


def test_an_action_is_followed_until_it_succeeded(sandbox, client):
    device = sandbox.iccids()[0]
    handle = client.os.devices.send_udp(device, UDP)
    assert isinstance(handle, once_sdk.ActionHandle) and handle.id
    assert client.os.devices.action_request(handle.id).status == ActionStatus.SCHEDULED
    # Not done within the time given: TimeoutError (the clock has not moved).
    with pytest.raises(once_sdk.TimeoutError):
        handle.wait(0.2, poll_every=0.05)
    sandbox.advance_os_clock(5)
    done = handle.wait(5, poll_every=0.05)
    assert done.id == handle.id and done.status == ActionStatus.SUCCEEDED
    assert [r.id for r in client.os.devices.archived_action_requests(device_id=device)] == [handle.id]


async def test_an_action_and_a_key_job_are_awaited(sandbox, aclient):
    device = sandbox.iccids()[2]
    sandbox.set_online(device, True)
    handle = await aclient.os.devices.send_lwm2m(device, {"action": "read", "resource_address": "/3/0/0"})
    assert isinstance(handle, once_sdk.AsyncActionHandle)
    sandbox.advance_os_clock(5)
    done = await handle.wait(5, poll_every=0.05)
    assert done.status == ActionStatus.SUCCEEDED and done.device_id == device
    bulk = await aclient.os.devices.send_udp_bulk([device, "unknown-device"], UDP)
    assert bulk.rejected == ["unknown-device"] and len(bulk.handles()) == 1
    jobs = await aclient.os.devices.create_psk_job(
        [PskJobEntry(device_id=device, secret_key="job-secret", protocol="COAP")]
    )
    sandbox.advance_os_clock(5)
    [job] = await jobs.wait(5, poll_every=0.05)
    assert job.status == once_sdk.PskJobStatus.DONE and job.done == 1


def test_a_geofence_sees_a_device_enter_and_leave(sandbox, client):
    device = sandbox.iccids()[0]
    fence = client.os.locator.create_geofence(
        NewGeofence(name="depot", geofence_type="circle", center=list(os_world.BERLIN), radius=1000.0)
    )
    assert fence.id and fence.name == "depot"
    assert [g.id for g in client.os.locator.geofences()] == [fence.id]
    assert [g.id for g in client.os.locator.geofences(name="nothing")] == []
    assert sandbox.os_report_position(device, *os_world.BERLIN) == [(fence.id, "ENTER")]
    assert sandbox.os_report_position(device, 13.380, 52.517) == []  # still inside
    assert sandbox.os_report_position(device, 11.5761, 48.1374) == [(fence.id, "EXIT")]  # Munich
    logged = [log for log in client.os.logs.list() if log.geofence_id == fence.id]
    assert len(logged) == 2 and all(log.log_type == "LOCATION" for log in logged)
    renamed = client.os.locator.update_geofence(fence.id, GeofenceUpdate(name="depot berlin"))
    assert renamed.name == "depot berlin"
    latest = list(client.os.locator.latest_positions(device_id=device))
    assert [tuple(p.coordinate or ()) for p in latest] == [(11.5761, 48.1374)]
    client.os.locator.delete_geofence(fence.id)
    assert list(client.os.locator.geofences()) == []


def test_keys_and_webhook_headers_are_redacted(sandbox, client, hook):
    device = sandbox.iccids()[0]
    key = client.os.devices.set_psk(device, PskSet(secret_key="s3cr3t-psk", protocol="COAP"))
    read = client.os.devices.psk(device, "COAP")
    for shown in (repr(key), str(read), repr(read.to_dict()), read.to_json(), repr(PskSet(secret_key="s3cr3t-psk"))):
        assert "s3cr3t-psk" not in shown, shown
    assert isinstance(read.secret_key, Secret) and read.secret_key.expose() == "s3cr3t-psk"
    assert repr(read.secret_key) == "Secret('[redacted]')" and str(read.secret_key) == "[redacted]"
    assert pickle.loads(pickle.dumps(read)) == read  # the value travels, redacted only in text

    webhook = client.os.integrations.create_webhook(
        NewWebhookIntegration(
            name="hook", url=hook.url, headers={"x-api-key": "hook-secret"},
            event_types=[{"event_type": "TELEMETRY_DATA"}],
        )
    )
    assert "hook-secret" not in repr(webhook) and "hook-secret" not in webhook.to_json()
    assert webhook.headers and webhook.headers["x-api-key"].expose() == "hook-secret"
    # The sandbox posts the device's message with the custom header.
    sandbox.os_device_message(device, "UDP", b"\x01\x02")
    deadline = time.monotonic() + 5
    while not sandbox.os_webhook_deliveries() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sandbox.os_webhook_deliveries() == [(webhook.id, "TELEMETRY_DATA", 200)]
    [(headers, _body)] = hook.posts
    assert headers["x-api-key"] == "hook-secret"


def test_bad_input_is_refused_before_any_traffic(sandbox, client):
    device = sandbox.iccids()[0]
    client.os.devices.stats()  # the token is fetched
    before = len(sandbox.requests())
    with pytest.raises(once_sdk.ValidationError) as e:
        client.os.integrations.create_webhook(
            NewWebhookIntegration(name="hook", url="ftp://example.com", event_types=[{"event_type": "GEOFENCE"}])
        )
    assert e.value.field == "url"
    with pytest.raises(once_sdk.ValidationError) as e:
        client.os.integrations.update_webhook("42", {})
    assert e.value.field == "change"
    with pytest.raises(once_sdk.ValidationError) as e:
        client.os.inspector.device_history(device, page_size=500)
    assert e.value.field == "pageSize"
    with pytest.raises(once_sdk.ValidationError) as e:
        client.os.devices.action_requests(page_size=-1)
    assert e.value.field == "pageSize"  # as the API spells it
    with pytest.raises(once_sdk.ValidationError) as e:
        client.os.devices.send_udp(device, {"port": "not a port"})
    assert e.value.field == "action"
    assert len(sandbox.requests()) == before


async def test_bad_input_is_refused_before_any_traffic_async(sandbox, aclient):
    before = len(sandbox.requests())
    with pytest.raises(once_sdk.ValidationError) as e:
        await aclient.os.inspector.device_history("", page_size=10)
    assert e.value.field == "deviceId"
    assert len(sandbox.requests()) == before


@pytest.mark.parametrize("fault", [Fault.apply_then_status(500), Fault.apply_then_drop()], ids=["5xx", "cut"])
def test_a_side_effect_that_may_have_happened_is_outcome_unknown(sandbox, fault):
    client = sandbox.client(retries=3)  # retries on, yet never repeated
    device = sandbox.iccids()[0]
    sandbox.inject(fault.method("POST").path("/v1/integrate/devices/*/actions/UDP"))
    with pytest.raises(once_sdk.OutcomeUnknownError) as e:
        client.os.devices.send_udp(device, UDP)
    assert e.value.operation == "os.devices.send_udp"
    assert sandbox.stats().requests_to("POST", "/v1/integrate/devices/{deviceId}/actions/UDP") == 1
    # The action was applied once: one request in the device's list.
    assert len(list(client.os.devices.action_requests(device_id=device))) == 1


async def test_a_write_is_retried_but_a_side_effect_is_not_async(sandbox):
    aclient = sandbox.async_client(retries=3)
    sandbox.inject(Fault.status(503).method("GET").path("/v1/devices/stats"))
    assert (await aclient.os.devices.stats()).total_devices == 20
    assert sandbox.stats().requests_to("GET", "/v1/devices/stats") == 2
    sandbox.inject(Fault.apply_then_status(502).method("POST").path("/v1/locate/geofences"))
    with pytest.raises(once_sdk.OutcomeUnknownError):
        await aclient.os.locator.create_geofence(
            NewGeofence(name="depot", geofence_type="circle", center=list(os_world.BERLIN), radius=100.0)
        )
    assert sandbox.stats().requests_to("POST", "/v1/locate/geofences") == 1
    assert len([g async for g in aclient.os.locator.geofences()]) == 1


def test_unknown_values_and_big_ids_survive_the_decoder():
    # The constructors run the decoder responses go through.
    request = once_sdk.ActionRequest(id=2**60 + 1, status="PAUSED", protocol="MQTT", device_id="dev-17")
    assert request.id == str(2**60 + 1)  # every digit
    assert request.status == "PAUSED" and isinstance(request.status, ActionStatus)
    assert request.protocol == "MQTT" and request.to_dict(mode="json")["status"] == "PAUSED"
    assert once_sdk.ActionRequest(status="SUCCEEDED").status is ActionStatus.SUCCEEDED
