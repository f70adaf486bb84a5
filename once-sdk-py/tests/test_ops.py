"""Every wrapped operation beyond the SIM basics, blocking and asyncio,
against the sandbox: results, pagination across pages, validation."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import once_sdk


def first(sandbox: once_sdk.Sandbox) -> str:
    return sandbox.iccids()[0]


def requests_to(sandbox: once_sdk.Sandbox, method: str, template: str) -> list[once_sdk.SandboxRequest]:
    return [r for r in sandbox.requests() if r.method == method and r.template == template]


# --- sims.status / events / reset / top_up ---------------------------------


def check_status(s: once_sdk.SimConnectivity, iccid: str) -> None:
    assert isinstance(s, once_sdk.SimConnectivity)
    assert s.status.description in {"ONLINE", "ATTACHED", "OFFLINE", "BLOCKED"}
    assert isinstance(s.pdp_contexts, tuple) and isinstance(s.services, tuple)
    if s.location is not None:
        assert s.location.iccid == iccid


def test_status(sandbox, client):
    iccid = first(sandbox)
    sandbox.set_online(iccid, True)
    s = client.sims.status(iccid)
    check_status(s, iccid)
    assert s.status.description == "ONLINE"
    assert s.location is not None and s.location.operator is not None
    [pdp] = s.pdp_contexts
    assert isinstance(pdp, once_sdk.PdpContext) and pdp.imsi == s.location.imsi
    sandbox.set_online(iccid, False)
    assert client.sims.status(iccid).status.description == "OFFLINE"


async def test_status_async(sandbox, aclient):
    iccid = first(sandbox)
    check_status(await aclient.sims.status(iccid), iccid)


def test_events_across_pages(sandbox, client):
    iccid = first(sandbox)
    sandbox.consume_data(iccid, 10_000)  # threshold and exhaustion events
    events = list(client.sims.events(iccid, page_size=1))
    page = client.sims.events(iccid, page_size=1).page(2)
    assert page.total_count == len(events) >= 3
    assert page.total_pages == len(events) and page[0] == events[1]
    assert all(isinstance(e, once_sdk.Event) for e in events)
    assert all(e.sim is not None and e.sim.iccid == iccid for e in events)
    assert {r.query for r in requests_to(sandbox, "GET", "/v2/sims/{iccid}/events")} >= {
        f"page={n}&pageSize=1" for n in range(1, len(events) + 1)
    }


async def test_events_async(sandbox, aclient):
    iccid = first(sandbox)
    events = [e async for e in aclient.sims.events(iccid, page_size=2)]
    page = await aclient.sims.events(iccid).page(1)
    assert list(page) == events[: len(page)]
    assert events[0].event_type is not None


@pytest.mark.parametrize("size", [0, 1001])
def test_events_page_size_is_checked(sandbox, client, size):
    with pytest.raises(once_sdk.ValidationError) as e:
        list(client.sims.events(first(sandbox), page_size=size))
    assert e.value.field == "pageSize"
    assert requests_to(sandbox, "GET", "/v2/sims/{iccid}/events") == []


def test_reset(sandbox, client):
    assert client.sims.reset(first(sandbox)) is None
    assert sandbox.stats().requests_to("POST", "/v2/sims/{iccid}/reset") == 1


async def test_reset_async(sandbox, aclient):
    assert await aclient.sims.reset(first(sandbox)) is None
    assert sandbox.stats().requests_to("POST", "/v2/sims/{iccid}/reset") == 1


def test_top_up_raises_the_quota_and_creates_an_order(sandbox, client):
    iccid = first(sandbox)
    before = client.sims.data_quota(iccid).volume
    order = client.sims.top_up(iccid, payment_method="monthlyinvoice")
    assert isinstance(order, once_sdk.TopUpOrder)
    assert order.location is not None
    number = int(order.location.rsplit("/", 1)[1])
    assert client.orders.get(number).order_type == "TOPUP"
    assert client.sims.data_quota(iccid).volume > before
    assert sandbox.stats().top_ups_applied == 1
    [req] = requests_to(sandbox, "POST", "/v2/sims/{iccid}/topup")
    assert req.query == "payment_method=monthlyinvoice"


async def test_top_up_async(sandbox, aclient):
    order = await aclient.sims.top_up(first(sandbox))
    assert order.location is not None
    assert sandbox.stats().top_ups_applied == 1
    [req] = requests_to(sandbox, "POST", "/v2/sims/{iccid}/topup")
    assert req.query is None


def test_top_up_refuses_unknown_payment_methods(sandbox, client):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.sims.top_up(first(sandbox), payment_method="cash")
    assert e.value.field == "payment_method"
    assert sandbox.stats().top_ups_applied == 0


# --- sms ------------------------------------------------------------------


def test_sms_send_get_list_delete(sandbox, client):
    iccid = first(sandbox)
    sandbox.set_online(iccid, False)  # SMS stay pending, so they can be cancelled
    expiry = datetime.now(timezone.utc) + timedelta(hours=2)
    sms_id = client.sms.send(
        iccid, "ping", udh="050003CC0301", source_address="1NCE", source_address_type=208,
        expiry_date=expiry,
    )
    assert isinstance(sms_id, int)
    [req] = requests_to(sandbox, "POST", "/v2/sims/{iccid}/sms")
    import json

    body = json.loads(req.body)
    assert body["payload"] == "ping" and body["udh"] == "050003CC0301"
    assert body["source_address"] == "1NCE" and body["source_address_type"] == {"id": 208}
    assert "expiry_date" in body and "dcs" not in body
    sms = client.sms.get(iccid, sms_id)
    assert isinstance(sms, once_sdk.SmsRecord)
    assert (sms.id, sms.payload, sms.iccid) == (sms_id, "ping", iccid)
    assert sms.status is not None and sms.status.description == "PENDING"
    assert sms.sms_type is not None and sms.sms_type.description == "MT"
    assert client.sms.send(iccid, "48656c6c6f", dcs=4) != sms_id
    assert sandbox.stats().sms_sent == 2
    listed = list(client.sms.list(iccid, page_size=1))
    assert sms_id in {s.id for s in listed} and len(listed) == 2
    assert client.sms.delete(iccid, sms_id) is None


def test_sms_list_across_pages(sandbox, client):
    iccid = first(sandbox)
    ids = [sandbox.receive_sms(iccid, f"mo {n}") for n in range(5)]
    page = client.sms.list(iccid, page_size=2).page(3)
    assert (page.page, page.total_count, page.total_pages, page.has_next) == (3, 5, 3, False)
    assert {s.id for s in client.sms.list(iccid, page_size=2)} == set(ids)
    assert all(s.sms_type.description == "MO" for s in page)  # type: ignore[union-attr]
    queries = {r.query for r in requests_to(sandbox, "GET", "/v2/sims/{iccid}/sms")}
    assert "page=2&per_page=2" in queries


async def test_sms_async(sandbox, aclient):
    iccid = first(sandbox)
    sandbox.set_online(iccid, False)
    sms_id = await aclient.sms.send(iccid, "ping")
    assert (await aclient.sms.get(iccid, sms_id)).payload == "ping"
    assert [s.id async for s in aclient.sms.list(iccid)] == [sms_id]
    assert (await aclient.sms.list(iccid).page()).total_count == 1
    assert await aclient.sms.delete(iccid, sms_id) is None


@pytest.mark.parametrize(
    "payload, kwargs, field",
    [
        ("", {}, "payload"),
        ("x" * 161, {}, "payload"),
        ("你好", {}, "payload"),
        ("abc", {"dcs": 4}, "payload"),
        ("x", {"dcs": 3}, "dcs"),
        ("x", {"dcs": 300}, "dcs"),
        ("x", {"udh": "0500"}, "udh"),
        ("x", {"source_address": "abc"}, "source_address"),
        ("x", {"source_address": "1", "source_address_type": 1}, "source_address_type"),
        ("x", {"source_address_type": -1}, "source_address_type"),
    ],
)
def test_sms_is_checked_before_sending(sandbox, client, payload, kwargs, field):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.sms.send(first(sandbox), payload, **kwargs)
    assert e.value.field == field
    assert sandbox.stats().sms_sent == 0
    assert requests_to(sandbox, "POST", "/v2/sims/{iccid}/sms") == []


async def test_sms_is_checked_before_sending_async(sandbox, aclient):
    with pytest.raises(once_sdk.ValidationError) as e:
        await aclient.sms.send(first(sandbox), "x", dcs=3)
    assert e.value.field == "dcs"
    with pytest.raises(once_sdk.ValidationError) as e:
        await aclient.sms.get(first(sandbox), 0)
    assert e.value.field == "id"


@pytest.mark.parametrize("sms_id", [0, -1])
def test_sms_ids_are_checked(sandbox, client, sms_id):
    for call in (client.sms.get, client.sms.delete):
        with pytest.raises(once_sdk.ValidationError) as e:
            call(first(sandbox), sms_id)
        assert e.value.field == "id"
    with pytest.raises(once_sdk.ValidationError) as e:
        list(client.sms.list(first(sandbox), page_size=1001))
    assert e.value.field == "per_page"


def test_sms_not_found(sandbox, client):
    with pytest.raises(once_sdk.ApiError) as e:
        client.sms.get(first(sandbox), 999)
    assert (e.value.status, e.value.code) == (404, "NotFound")


# --- orders ---------------------------------------------------------------


def test_orders_list_get_create(sandbox, client):
    [seed] = list(client.orders.list())
    assert isinstance(seed, once_sdk.Order)
    assert (seed.order_number, seed.order_type) == (1234, "FIRST_ORDER")
    assert seed.shipping_address is not None and seed.shipping_address.country == "DE"
    assert seed.sims is not None and len(seed.sims) == 20
    assert client.orders.get(1234) == seed
    created = client.orders.create(
        {1001: 5, 1002: 1},
        delivery_address={"salutation": "2", "first_name": "Erika", "company": "Pumpwerk GmbH",
                          "city": "Köln", "country": "DE"},
        customer_reference="PO-17",
    )
    assert isinstance(created, once_sdk.OrderCreated)
    assert created.order_number is not None and created.location is not None
    assert sandbox.stats().orders_created == 1
    order = client.orders.get(created.order_number)
    assert order.order_type == "ADDITIONAL_ORDER"
    import json

    [req] = requests_to(sandbox, "POST", "/v1/orders")
    assert json.loads(req.body) == {
        "products": [{"productId": 1001, "quantity": 5}, {"productId": 1002, "quantity": 1}],
        "delivery_address": {"salutation": "2", "first_name": "Erika",
                             "company": "Pumpwerk GmbH", "city": "Köln", "country": "DE"},
        "customer_reference": "PO-17",
    }
    # Pairs and an order's own address work too.
    again = client.orders.create([(1001, 1)], delivery_address=seed.shipping_address)
    assert again.order_number == created.order_number + 1


def test_orders_across_pages(sandbox, client):
    for _ in range(3):
        client.orders.create({1001: 1})
    numbers = [o.order_number for o in client.orders.list(page_size=2, sort="order_date")]
    assert len(numbers) == 4 and numbers[0] == 1234
    page = client.orders.list(page_size=2).page(2)
    assert (page.total_count, page.total_pages, len(page)) == (4, 2, 2)
    queries = [r.query for r in requests_to(sandbox, "GET", "/v1/orders")]
    assert "page=1&pageSize=2&sort=order_date" in queries


async def test_orders_async(sandbox, aclient):
    created = await aclient.orders.create({1001: 1}, customer_reference="async")
    assert created.order is None or created.order.customer_reference == "async"
    order = await aclient.orders.get(created.order_number)
    assert order.order_number == created.order_number
    assert [o.order_number async for o in aclient.orders.list()] == [1234, created.order_number]
    assert (await aclient.orders.list().page()).total_count == 2


@pytest.mark.parametrize(
    "args, kwargs, field",
    [
        ({}, {}, "products"),
        ({1001: 0}, {}, "quantity"),
        ({1001: -1}, {}, "quantity"),
        ({-5: 1}, {}, "productId"),
        ({1001: 1}, {"delivery_address": {"country": "Germany"}}, "country"),
        ({1001: 1}, {"delivery_address": {"salutation": "Dr"}}, "salutation"),
        ({1001: 1}, {"delivery_address": {"planet": "Earth"}}, "delivery_address"),
    ],
)
def test_orders_are_checked_before_sending(sandbox, client, args, kwargs, field):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.orders.create(args, **kwargs)
    assert e.value.field == field
    assert sandbox.stats().orders_created == 0


def test_order_arguments_of_the_wrong_type(sandbox, client):
    with pytest.raises(TypeError, match="products must be"):
        client.orders.create("1001")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="delivery_address"):
        client.orders.create({1001: 1}, delivery_address=["DE"])  # type: ignore[arg-type]
    with pytest.raises(once_sdk.ValidationError) as e:
        list(client.orders.list(sort="price"))
    assert e.value.field == "sort"
    with pytest.raises(once_sdk.ValidationError) as e:
        list(client.orders.list(page_size=11))
    assert e.value.field == "pageSize"


def test_order_not_found(sandbox, client):
    with pytest.raises(once_sdk.ApiError) as e:
        client.orders.get(99999)
    assert (e.value.status, e.value.code) == (404, "NotFound")


# --- products -------------------------------------------------------------


def check_products(page: once_sdk.Page[once_sdk.Product]) -> None:
    assert isinstance(page, once_sdk.Page)
    assert (page.page, page.total_pages, page.total_count, page.has_next) == (1, 1, len(page), False)
    ids = [p.id for p in page]
    assert 1001 in ids and 2001 in ids
    standard = page[ids.index(1001)]
    assert isinstance(standard, once_sdk.Product)
    assert standard.product == "1NCE IoT FlexSIM - Standard"
    assert standard.one_time_charges is not None
    assert isinstance(standard.one_time_charges[0], once_sdk.Charge)
    assert standard.one_time_charges[0].currency == "EUR"


def test_products(client):
    check_products(client.products.list())


async def test_products_async(aclient):
    check_products(await aclient.products.list())


# --- support --------------------------------------------------------------


def test_support_list_and_create(sandbox, client):
    [welcome] = list(client.support.list())
    assert isinstance(welcome, once_sdk.ServiceRequest)
    assert (welcome.case_id, welcome.status) == ("1", "CLOSED")
    assert welcome.communications is not None
    assert isinstance(welcome.communications[0], once_sdk.Communication)
    assert welcome.communications[0].channel == "PORTAL"
    for n in range(2):
        assert client.support.create(
            f"Case {n}", "No data since 08:00", reply_to_mail="ops@example.com", sender_name="Ops"
        ) is None
    assert sandbox.stats().support_requests_created == 2
    requests = list(client.support.list())  # 1NCE's default: one per page, newest first
    assert [r.subject for r in requests] == ["Case 1", "Case 0", "Welcome to the sandbox"]
    page = client.support.list(page_size=2).page(2)
    assert (page.total_count, page.total_pages, len(page)) == (3, 2, 1)
    import json

    first_create = requests_to(sandbox, "POST", "/v1/support")[0]
    assert json.loads(first_create.body) == {
        "subject": "Case 0", "text": "No data since 08:00",
        "replyToMail": "ops@example.com", "senderName": "Ops",
    }


async def test_support_async(sandbox, aclient):
    assert await aclient.support.create("Hello", "World") is None
    subjects = [r.subject async for r in aclient.support.list(page_size=100)]
    assert subjects == ["Hello", "Welcome to the sandbox"]


@pytest.mark.parametrize(
    "args, kwargs, field",
    [
        (("", "text"), {}, "subject"),
        (("s", " "), {}, "text"),
        (("s", "t"), {"reply_to_mail": "nobody"}, "replyToMail"),
        (("s", "t"), {"sender_name": ""}, "senderName"),
    ],
)
def test_support_requests_are_checked_before_sending(sandbox, client, args, kwargs, field):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.support.create(*args, **kwargs)
    assert e.value.field == field
    assert sandbox.stats().support_requests_created == 0
