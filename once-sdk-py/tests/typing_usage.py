"""Type-checked (mypy --strict) by run-tests.sh, never run: the stubs must
give users precise types for the usual code."""

from __future__ import annotations

from datetime import datetime

from once_sdk import (
    ApiError,
    AsyncClient,
    Client,
    Fault,
    Order,
    OrderCreated,
    Page,
    Product,
    Quota,
    Sandbox,
    SandboxStats,
    Sim,
    SimConnectivity,
    SmsRecord,
    StreamStats,
    TopUpOrder,
    ValidationError,
)


def blocking(client: Client) -> list[str]:
    seen: list[str] = []
    for sim in client.sims.list(page_size=100, filter="imei:4711", sort="-imei"):
        activated: datetime | None = sim.activation_date
        quota: Quota = client.sims.data_quota(sim.iccid)
        left: float | None = quota.volume
        seen.append(f"{sim.iccid} {activated} {left}")
    page: Page[Sim] = client.sims.list().page(2)
    total: int | None = page.total_count
    first: Sim = page[0]
    for p in client.sims.list().pages():
        seen.extend(s.iccid for s in p.items)
    try:
        client.sims.update(first.iccid, label="pump-17", status="Disabled", imei_lock=True)
    except ValidationError as e:
        seen.append(f"{e.field}: {e.rule} {total}")
    except ApiError as e:
        seen.append(f"{e.status} {e.code} {e.request_id}")
    token: str = client.access_token()
    return seen + [token, str(first.to_dict())]


async def asynchronous(client: AsyncClient) -> list[str]:
    async with client as c:
        seen = [sim.iccid async for sim in c.sims.list(page_size=10)]
        sim: Sim = await c.sims.get("8988280666000000001")
        quota: Quota = await c.sims.sms_quota(sim.iccid)
        page: Page[Sim] = await c.sims.list().page()
        async for p in c.sims.list().pages():
            seen.extend(s.iccid for s in p)
        await c.sims.update(sim.iccid, label="x")
        token: str = await c.access_token()
        return seen + [token, str(quota.volume), str(page.has_next)]


def from_env() -> Client:
    return Client.from_env(timeout=5, connect_timeout=2, retries=0, rate_limits=False)


def shared_through_redis(sandbox: Sandbox) -> list[Client | AsyncClient]:
    return [
        Client(client_id="id", client_secret="secret", redis_url="redis://127.0.0.1/"),
        AsyncClient.from_env(
            redis_url="redis://127.0.0.1/", redis_key_prefix="app", shared_token=False
        ),
        sandbox.client(redis_url="redis://127.0.0.1/", shared_rate_limits=False),
    ]


def operations(client: Client, sandbox: Sandbox) -> list[str]:
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.apply_then_status(500).method("POST").path("/v2/sims/*/topup").times(1))
    status: SimConnectivity = client.sims.status(iccid)
    seen: list[str] = [status.status.description]
    seen.extend(str(e.timestamp) for e in client.sims.events(iccid, page_size=100))
    order: TopUpOrder = client.sims.top_up(iccid, payment_method="monthlyinvoice")
    sms_id: int | None = client.sms.send(iccid, "ping", dcs=0, source_address="1NCE", source_address_type=208)
    if sms_id is not None:
        record: SmsRecord = client.sms.get(iccid, sms_id)
        client.sms.delete(iccid, sms_id)
        seen.append(str(record.payload))
    created: OrderCreated = client.orders.create({1001: 2}, delivery_address={"country": "DE"})
    orders: Page[Order] = client.orders.list(sort="order_date").page(1)
    products: Page[Product] = client.products.list()
    client.support.create("subject", "text", reply_to_mail="ops@example.com")
    requests = [r.case_id for r in client.support.list(page_size=10)]
    stats: SandboxStats = sandbox.stats()
    return seen + [str(order.location), str(created.order_number), str(orders.total_count),
                   str(len(products)), str(requests), str(stats.top_ups_applied)]


def streaming(sandbox: Sandbox) -> int:
    sandbox.stream_to("http://127.0.0.1:8080/stream", "Basic eA==", interval=0.5, batch_size=100)
    sandbox.flush_stream()
    stats: StreamStats = sandbox.stream_stats()
    if stats.state == "failed":
        sandbox.restart_stream()
    last: int | None = stats.last_status
    return stats.records_delivered + stats.pending + (last or 0)


def decoding(body: bytes) -> list[str]:
    """once_sdk.streamer: the platform setting, 2.0 severities and details."""
    from once_sdk.streamer import (
        EventRecord,
        EventSeverity,
        Platform,
        QuotaDetail,
        RatType,
        StreamBatch,
        UsageRecord,
        decode_batch,
    )

    batch: StreamBatch = decode_batch(body, platform="platform2")
    batch = decode_batch(body.decode(), platform=Platform.DETECT)
    seen: list[str] = [r.raw for r in batch.rejected]
    shown: Platform | None = batch.platform
    for r in batch.records:
        if isinstance(r, EventRecord):
            severity: EventSeverity | None = r.severity
            ambiguous: bool = r.severity_ambiguous
            sent: int | None = r.severity_id
            quota: QuotaDetail | None = r.quota
            left: float | None = quota.volume if quota else None
            seen.append(f"{severity} {ambiguous} {sent} {left} {r.failure_cause} {r.platform}")
        elif isinstance(r, UsageRecord):
            rat: RatType | int | str | None = r.rat_type
            quota_id: str | None = r.quota_id
            cost: float | None = r.cost
            seen.append(f"{rat} {quota_id} {cost} {[u.field for u in r.unread]}")
    return seen + [str(shown)]


async def operations_async(client: AsyncClient) -> int:
    n = 0
    async for sms in client.sms.list("8988280666000000000"):
        n += sms.id or 0
    products: Page[Product] = await client.products.list()
    receipt: int | None = await client.sms.send("8988280666000000000", "x")
    await client.sims.reset("8988280666000000000")
    return n + len(products) + (receipt or 0)


def v1_blocking(client: Client) -> list[str]:
    """SIM management v1 (retired by 1NCE at the end of 2026)."""
    import datetime as dt

    from once_sdk import Limit, Usage, V1Event, V1Sim, V1SimUpdate, V1TopUpOrder

    sims = client.v1.sims
    seen: list[str] = [s.iccid for s in sims.list(page_size=100, filter="imei:4711")]
    sim: V1Sim = sims.get(seen[0])
    usage: Usage = sims.usage(sim.iccid, since=dt.date(2026, 11, 1), until=dt.date(2026, 11, 2))
    if usage.total is not None and usage.total.data is not None:
        seen.append(str(usage.total.data.volume))
    seen.extend(str(d.date) for d in usage.stats)
    events: Page[V1Event] = sims.events(sim.iccid, page_size=1000, sort="-timestamp").page(2)
    sims.update_many([V1SimUpdate(sim.iccid, status="Enabled", label="x")])
    order: V1TopUpOrder = sims.top_up(sim.iccid, payment_method="monthlyinvoice")
    options: tuple[Limit, ...] = sims.selectable_limits("data")
    sims.set_limits(data=options[0].id)
    sims.send_sms(sim.iccid, payload="ping", expiry_date=dt.datetime.now(dt.timezone.utc))
    sims.transfer(iccids=[sim.iccid], ranges=[(sim.iccid, sim.iccid)], target_organisation=1)
    return seen + [str(order.order_id), str(events.total_count)]


async def v1_asynchronous(client: AsyncClient) -> list[str]:
    from once_sdk import ConnectivityInfo, V1Quota, V1SmsRecord

    sims = client.v1.sims
    info: ConnectivityInfo = await sims.connectivity_info("8988280666000000001", ussd=True)
    quota: V1Quota = await sims.data_quota("8988280666000000001")
    sms: list[V1SmsRecord] = [m async for m in sims.list_sms("8988280666000000001")]
    await sims.auto_top_up(["8988280666000000001"], enabled=False)
    await sims.extend(["8988280666000000001"], product_id=1001)
    return [str(info.reply_timestamp), str(quota.volume), str(len(sms))]


# --- results that travel, str enums, fakes, httpx-like clients (issue 15) ---

import copy
import json
import pickle

from once_sdk import (
    ConnectivityState,
    ConnectivityStatus,
    OnceError,
    PaymentMethod,
    QuotaStatus,
    SimStatus,
)


def travelling(sim: Sim, err: OnceError) -> str:
    back: Sim = pickle.loads(pickle.dumps(sim))
    same: Sim = copy.deepcopy(back)
    plain: dict[str, object] = same.to_dict(mode="json")
    text: str = sim.to_json()
    err_back = pickle.loads(pickle.dumps(err))
    assert isinstance(err_back, OnceError)
    return json.dumps(plain) + text


def enums(client: Client, sim: Sim) -> bool:
    status: SimStatus | None = sim.status
    client.sims.update(sim.iccid, status=SimStatus.DISABLED)
    client.sims.update(sim.iccid, status="Enabled")
    client.sims.top_up(sim.iccid, payment_method=PaymentMethod.CREDIT_CARD, timeout=5.0)
    conn = client.sims.status(sim.iccid, timeout=2.5)
    online: bool = conn.status.description is ConnectivityStatus.ONLINE
    return status == "Enabled" and online and conn.status == "ONLINE"


def fakes() -> list[Sim]:
    when = datetime(2024, 1, 1)
    sim = Sim(iccid="8988280666000000000", status="Enabled", activation_date=when, label="x")
    other = Sim(iccid="8988280666000000001", status=SimStatus.DISABLED)
    Quota(volume=1.5, status=QuotaStatus(id=0, description="ACTIVE"))
    ConnectivityState(description="ONLINE")
    return [sim, other]


async def httpx_like(sandbox: Sandbox) -> Page[Sim]:
    client = AsyncClient(client_id="id", client_secret="s", proxy="http://127.0.0.1:3128")
    await client.aclose()
    AsyncClient(client_id="id", client_secret="s", no_proxy=True).close()
    async with sandbox.async_client() as c:
        page: Page[Sim] = await c.sims.list().page(1, timeout=3.0)
        first_two: tuple[Sim, ...] = page[0:2]
        one: Sim = page[0]
        del first_two, one
        return page



# --- timeout= on lists: each page's call (issue 15) ---

from typing import Iterator

from once_sdk import AsyncPaginator, Paginator


def list_timeouts(client: Client, aclient: AsyncClient, iccid: str) -> Iterator[object]:
    sims: Paginator[Sim] = client.sims.list(page_size=100, timeout=2.0)
    yield from sims
    yield sims.page(2, timeout=5.0)
    yield from client.sims.events(iccid, timeout=1.5)
    yield from client.sms.list(iccid, page_size=10, timeout=1)
    yield from client.orders.list(sort="order_date", timeout=3.0)
    yield from client.support.list(timeout=None)
    yield from client.v1.sims.list(timeout=2.0)
    yield from client.v1.sims.events(iccid, timeout=2.0)
    yield from client.v1.sims.list_sms(iccid, timeout=2.0)
    asims: AsyncPaginator[Sim] = aclient.sims.list(timeout=2.0)
    asms: AsyncPaginator[SmsRecord] = aclient.sms.list(iccid, timeout=2.0)
    yield asims, asms, aclient.sims.events(iccid, timeout=2.0)
    yield aclient.orders.list(timeout=2.0), aclient.support.list(timeout=2.0)
    yield aclient.v1.sims.list(timeout=2.0), aclient.v1.sims.events(iccid, timeout=2.0)
    yield aclient.v1.sims.list_sms(iccid, timeout=2.0)


def os_blocking(client: Client, sandbox: Sandbox) -> list[str]:
    """1NCE OS: typed results, handles, enums as members or strings."""
    from once_sdk import ActionRequest, ActionStatus, Geofence, NewGeofence, PreSharedKey, PskSet, Secret, UdpAction

    device = sandbox.iccids()[0]
    handle = client.os.devices.send_udp(device, UdpAction(payload="AQI=", payload_type="BASE64", port=4445))
    request_id: str | None = handle.id
    sandbox.advance_os_clock(5.0)
    done: ActionRequest = handle.wait(10.0, poll_every=0.1)
    ok: bool = done.status == ActionStatus.SUCCEEDED
    fence: Geofence = client.os.locator.create_geofence(
        NewGeofence(name="depot", geofence_type="circle", center=[13.37, 52.51], radius=500.0)
    )
    crossings: list[tuple[str, str]] = list(sandbox.os_report_position(device, 13.37, 52.51))
    names = [g.name for g in client.os.locator.geofences(scope="global", page_size=10)]
    key: PreSharedKey = client.os.devices.set_psk(device, PskSet(secret_key="k", protocol="COAP"))
    secret: Secret | None = key.secret_key
    shown: str = secret.expose() if secret else ""
    deliveries: list[tuple[str, str, int | None]] = sandbox.os_webhook_deliveries()
    return [str(request_id), str(ok), str(fence.id), str(crossings), str(names), shown, str(deliveries)]


async def os_asynchronous(client: AsyncClient) -> list[str]:
    from once_sdk import AsyncActionHandle, Device, Template

    device: Device = await client.os.inspector.device("8988280666000000000")
    ids = [d.id async for d in client.os.inspector.devices(q="imsi1:901", page_size=5)]
    handle: AsyncActionHandle = await client.os.devices.send_lwm2m(str(device.id), {"action": "read"})
    templates: tuple[Template, ...] = await client.os.optimizer.templates()
    await client.os.agreements.accept(True)
    return [str(ids), str(handle.id), str(len(templates))]
