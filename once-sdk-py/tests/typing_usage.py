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


def operations(client: Client, sandbox: Sandbox) -> list[str]:
    iccid = sandbox.iccids()[0]
    sandbox.inject(Fault.apply_then_status(500).method("POST").path("/v2/sims/*/topup").times(1))
    status: SimConnectivity = client.sims.status(iccid)
    seen = [status.status.description]
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


async def operations_async(client: AsyncClient) -> int:
    n = 0
    async for sms in client.sms.list("8988280666000000000"):
        n += sms.id or 0
    products: Page[Product] = await client.products.list()
    receipt: int | None = await client.sms.send("8988280666000000000", "x")
    await client.sims.reset("8988280666000000000")
    return n + len(products) + (receipt or 0)
