"""A 1NCE OS world in a sandbox, for tests/test_os.py and
tests/test_coverage.py: a webhook receiver on 127.0.0.1, and one of each
thing (keys, key jobs, actions, a template, a geofence, integrations, a
plugin, messages, a position, logs) made through the client, with the ids
and request bodies the operations take."""

from __future__ import annotations

import http.server
import threading
from typing import Any

import once_sdk
from once_sdk import (
    CoapAction,
    EventSubscription,
    Lwm2mAction,
    NewAwsIntegration,
    NewGeofence,
    NewWebhookIntegration,
    PskJobEntry,
    PskSet,
    TemplateInput,
    UdpAction,
)

# A template of the energy saver: two fields, 3 bytes.
TEMPLATE = '{"fields":[{"name":"temperature","type":"int16"},{"name":"battery","type":"uint8"}]}'
BERLIN = (13.3777, 52.5163)

LWM2M = Lwm2mAction(action="read", resource_address="/3/0/0", request_mode="SEND_WHEN_ACTIVE", send_attempts=2)
COAP = CoapAction(
    port=5683, path="/led", request_type="PUT", payload="on", payload_type="STRING", request_mode="SEND_WHEN_ACTIVE"
)
UDP = UdpAction(port=4445, payload="AQI=", payload_type="BASE64", request_mode="SEND_WHEN_ACTIVE")

PLUGIN_SETTINGS: dict[str, dict[str, Any]] = {
    "DATACAKE": {"workspace_id": "ws-42"},
    "MENDER": {"tenant_token": "tenant-token"},
    "TARTABIT": {"server_domain": "iot.tartabit.com", "webhook_key": "key123"},
    "MEMFAULT": {},
}


class Hook:
    """A webhook receiver: answers 200 and keeps each post's headers and body."""

    def __init__(self) -> None:
        self.posts: list[tuple[dict[str, str], bytes]] = []
        posts = self.posts

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                posts.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def build(sb: once_sdk.Sandbox, client: once_sdk.Client, hook_url: str, operation: str = "") -> dict[str, Any]:
    """Makes one of each thing through `client` and returns the arguments
    the operations take, by their Python names (the plugin is of a partner
    other than the one in the `operation`'s path: 1NCE has one plugin per partner)."""
    device = sb.iccids()[0]
    # Actions wait for the device to come online: they can be cancelled.
    sb.set_online(device, False)
    os = client.os
    os.devices.set_psk(device, PskSet(secret_key="0123456789abcdef", protocol="LWM2M", format="HEX"))
    keys = [PskJobEntry(device_id=sb.iccids()[1], secret_key="secret-of-device-1", protocol="COAP")]
    os.devices.create_psk_job(keys)
    os.devices.create_preshared_key_job(keys)
    pending = os.devices.send_udp(device, UDP)
    cancelled = os.devices.send_udp(device, UDP)
    os.devices.cancel_action_request(cancelled.id or "")
    template = os.optimizer.create_template(
        TemplateInput(name="climate", template=TEMPLATE, protocol_filter=["UDP"], status="ACTIVE")
    )
    geofence = os.locator.create_geofence(
        NewGeofence(name="depot", geofence_type="circle", center=list(BERLIN), radius=1000.0)
    )
    webhook = os.integrations.create_webhook(
        NewWebhookIntegration(
            name="hook",
            url=hook_url,
            headers={"x-api-key": "hook-secret"},
            event_types=[EventSubscription(event_type="TELEMETRY_DATA"), EventSubscription(event_type="GEOFENCE")],
        )
    )
    aws = os.integrations.create_aws(
        NewAwsIntegration(name="aws", event_types=[{"event_type": "TELEMETRY_DATA"}], json_payload_enabled=True)
    )
    partner = "MENDER" if "/DATACAKE/" in operation else "DATACAKE"
    plugin = os.plugins.create(partner, PLUGIN_SETTINGS[partner])
    sb.os_device_message(device, "UDP", bytes([0, 231, 2]))
    sb.os_report_position(device, *BERLIN)
    sb.advance_os_clock(3600)
    log = next(iter(os.logs.list()))
    assert pending.id and template.id and geofence.id and webhook.id and aws.id and plugin.id and log.id
    return {
        "device": device,
        "device_id": device,
        "device_ids": [device],
        "protocol": "LWM2M",
        "request_id": pending.id,
        "key": PskSet(secret_key="0123456789abcdef", protocol="LWM2M", format="HEX"),
        "keys": keys,
        "test": {"template": TEMPLATE, "payload": "AOcC"},
        "accepted": True,
        "timezone": "+01:00",
        "template": TemplateInput(name="climate 2", template=TEMPLATE, protocol_filter=["UDP"]),
        "template_id": template.id,
        "geofence": NewGeofence(name="yard", geofence_type="circle", center=list(BERLIN), radius=500.0),
        "geofence_id": geofence.id,
        "name": "ADVANCED_CELL_TOWER_LOCATION",
        "webhook_id": webhook.id,
        "aws_id": aws.id,
        "plugin_id": plugin.id,
        "admin_log_id": log.id,
    }


def arguments(path: str, template: str, world: dict[str, Any], names: list[str]) -> list[Any]:
    """The positional arguments of the call `client.<path>(names...)` for the
    operation at `template`."""
    per_call: dict[str, Any] = {
        "action": LWM2M if "LWM2M" in template or template.endswith("{deviceId}/actions") else
        COAP if "COAP" in template else UDP,
        "integration_id": world["webhook_id"] if "webhooks" in template else world["aws_id"],
        "integration": (
            NewAwsIntegration(name="aws 2", event_types=[{"event_type": "LOCATION"}])
            if template.endswith("/aws")
            else NewWebhookIntegration(
                name="hook 2", url="http://127.0.0.1:9/", headers={"x-api-key": "k"},
                event_types=[{"event_type": "LOCATION"}],
            )
        ),
        "change": (
            TemplateInput(protocol_filter=["UDP", "COAP"])
            if "templates" in template
            else {"headers": {"x-api-key": "hook-secret-2"}}
            if "webhooks" in template
            else {"event_types": [{"event_type": "TELEMETRY_DATA"}, {"event_type": "LOCATION"}]}
        ),
        "update": (
            {"active": True, "settings": [{"name": "LWM2M_PASSIVE_REPORTING", "state": "ENABLED"}]}
            if "endpoints" in template
            else {"name": "depot berlin", "event_types": ["ENTER", "EXIT"]}
            if "geofences" in template
            else {"state": "ENABLED", "read_and_accepted_disclaimer": True}
        ),
        "partner": template.split("/")[3] if "/partners/" in template else None,
    }
    if per_call["partner"]:
        per_call["settings"] = PLUGIN_SETTINGS.get(per_call["partner"], {})
    values = {**world, **per_call}
    return [values[n] for n in names]
