"""Type-checked (mypy --strict) by run-tests.sh, never run: the stubs must
give users precise types for the usual code."""

from __future__ import annotations

from datetime import datetime

from once_sdk import ApiError, AsyncClient, Client, Page, Quota, Sim, ValidationError


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
