"""SIM management v1 (`client.v1.sims`): every operation, blocking and
asyncio.

- against pytest-httpserver: the exact request (method, path, query,
  headers, JSON body) and the decoded result;
- against the sandbox: results and state changes (usage has days and a
  total, a top-up raises the quota, a top-up whose answer is lost raises
  OutcomeUnknownError and was applied once, ...);
- validation errors name the field and send nothing.

Each test runs once per flavour: `flavour` wraps `client.v1.sims` or
`aclient.v1.sims` so that one test body drives both.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable

import pytest

import once_sdk
from conftest import BEARER, ICCID, api_requests, options, sim_json

ICCID2 = "8988280666000000002"
JSON = {**BEARER, "Content-Type": "application/json"}
TODAY = datetime.now(timezone.utc).date()


class Flavour:
    """`client.v1.sims` or `aclient.v1.sims`, driven the same way: `await
    f(call)` gives the result of a call, `await f.items(list)` every item,
    `await f.page(list, n)` one page."""

    def __init__(self, sims: Any, is_async: bool) -> None:
        self.sims = sims
        self.is_async = is_async

    async def __call__(self, value: Any) -> Any:
        return await value if self.is_async else value

    async def items(self, paginator: Any) -> list[Any]:
        if self.is_async:
            return [x async for x in paginator]
        return list(paginator)

    async def page(self, paginator: Any, n: int = 1) -> Any:
        return await paginator.page(n) if self.is_async else paginator.page(n)

    async def pages(self, paginator: Any) -> list[Any]:
        if self.is_async:
            return [p async for p in paginator.pages()]
        return list(paginator.pages())


@pytest.fixture(params=["sync", "async"])
def mock(request, api):
    """A flavour pointed at pytest-httpserver."""
    if request.param == "sync":
        client = once_sdk.Client(**options(api))
        yield Flavour(client.v1.sims, False)
        client.close()
    else:
        yield Flavour(once_sdk.AsyncClient(**options(api)).v1.sims, True)


@pytest.fixture(params=["sync", "async"])
def sb(request, sandbox):
    """A flavour pointed at a fresh sandbox (no retries)."""
    if request.param == "sync":
        with sandbox.client(retries=0) as client:
            yield Flavour(client.v1.sims, False)
    else:
        yield Flavour(sandbox.async_client(retries=0).v1.sims, True)


# --- exact requests (pytest-httpserver) -------------------------------------


def v1_quota_json() -> dict[str, Any]:
    return {
        "volume": "412.5",
        "total_volume": 500,
        "expiry_date": "2029-01-01T00:00:00.000Z",
        "peak_throughput": "128000",
        "last_volume_added": 500,
        "last_status_change_date": "2018-03-14 16:10:29",
        "threshold_percentage": 20,
    }


def check_v1_sim(sim: once_sdk.V1Sim) -> None:
    assert isinstance(sim, once_sdk.V1Sim)
    assert sim.iccid == ICCID
    assert sim.status == "Enabled"
    assert sim.activation_date == datetime(2018, 3, 9, 7, 59, 9, tzinfo=timezone.utc)
    assert sim.current_quota_sms == 250.0
    assert sim.quota_status_sms is not None
    assert sim.quota_status_sms.threshold_reached_date == datetime(2031, 11, 26, tzinfo=timezone.utc)
    assert sim.label == "pump-17"


def check_v1_quota(q: once_sdk.V1Quota) -> None:
    assert isinstance(q, once_sdk.V1Quota)
    assert q.volume == 412.5
    assert q.total_volume == 500.0
    assert q.expiry_date == datetime(2029, 1, 1, tzinfo=timezone.utc)
    assert q.peak_throughput == 128000
    assert q.last_status_change_date == datetime(2018, 3, 14, 16, 10, 29, tzinfo=timezone.utc)
    assert q.threshold_percentage == 20


STATUS_JSON = {
    "status": "ONLINE",
    "location": {
        "iccid": ICCID,
        "imsi": "901405100000018",
        "last_updated": "2022-07-22T10:00:00.000+0000",
        "operator": {"id": "5", "name": "T-Mobile", "country": {"id": "74", "name": "Germany", "iso-code": "de"}},
        "country": {"country_id": "74", "name": "Germany", "country_code": "49", "mcc": "262", "iso-code": "de"},
    },
    "pdp_context": {
        "pdp_context_id": "123",
        "imsi": "901405100000018",
        "created": "2022-07-22 10:00:00",
        "ue_ip_address": "10.0.0.1",
        "duration": "02:39:10",
        "rat_type": {"rat_type_id": "6", "description": "4G"},
    },
    "services": ["GPRS", "SMS"],
}


def check_status(c: once_sdk.V1Connectivity) -> None:
    assert isinstance(c, once_sdk.V1Connectivity)
    assert c.status == "ONLINE"
    assert c.services == ("GPRS", "SMS")
    assert c.location is not None and c.location.iccid == ICCID
    assert c.location.last_updated == datetime(2022, 7, 22, 10, tzinfo=timezone.utc)
    assert c.location.operator is not None and c.location.operator.name == "T-Mobile"
    assert c.location.operator.country is not None and c.location.operator.country.iso_code == "de"
    assert c.location.country is not None and c.location.country.mcc == "262"
    assert c.pdp_context is not None and c.pdp_context.ue_ip_address == "10.0.0.1"
    assert c.pdp_context.rat_type is not None and c.pdp_context.rat_type.description == "4G"
    assert c.to_dict()["location"]["operator"]["country"]["iso_code"] == "de"


INFO_JSON = {
    "ussd_info": {"success": True},
    "subscriber_info": {
        "success": "true",
        "state": "not_provided_from_vlr",
        "location": {
            "current_location_retrieved": False,
            "age_of_location": "5",
            "cell_global_id": {"cid": 4711, "lac": "12", "mcc": "262", "mnc": "01"},
        },
    },
    "request_timestamp": "2022-07-22 10:00:00",
    "reply_timestamp": "2022-07-22 10:00:01",
}


def check_info(i: once_sdk.ConnectivityInfo) -> None:
    assert isinstance(i, once_sdk.ConnectivityInfo)
    assert i.ussd_info is not None and i.ussd_info.success is True
    s = i.subscriber_info
    assert s is not None and s.success is True and s.state == "not_provided_from_vlr"
    assert s.location is not None and s.location.age_of_location == 5
    cell = s.location.cell_global_id
    assert isinstance(cell, once_sdk.V1CellGlobalId)
    assert (cell.cid, cell.lac, cell.mcc, cell.mnc) == (4711, 12, "262", "01")
    assert i.reply_timestamp == datetime(2022, 7, 22, 10, 0, 1, tzinfo=timezone.utc)


def traffic(volume: str, unit: str) -> dict[str, Any]:
    return {
        "cost": volume,
        "currency": {"id": 1, "symbol": "€", "code": "EUR"},
        "traffic_type": {"description": "Data" if unit == "MB" else "SMS", "id": 5, "unit": unit},
        "volume": volume,
        "volume_rx": volume,
        "volume_tx": "0",
    }


USAGE_JSON = {
    "stats": [
        {"date": "2022-07-21", "data": traffic("1.5", "MB"), "sms": traffic("2", "SMS")},
        {"date": "2022-07-22", "data": traffic("0.25", "MB"), "sms": traffic("0", "SMS")},
        {"date": "TOTAL", "data": traffic("1.75", "MB"), "sms": traffic("2", "SMS")},
    ]
}


def check_usage(u: once_sdk.Usage) -> None:
    assert isinstance(u, once_sdk.Usage)
    assert [d.date for d in u.stats] == [
        datetime(2022, 7, 21, tzinfo=timezone.utc),
        datetime(2022, 7, 22, tzinfo=timezone.utc),
    ]
    day = u.stats[0]
    assert isinstance(day, once_sdk.DailyUsage)
    assert day.data is not None and day.data.volume == 1.5 and day.data.volume_tx == 0.0
    assert day.data.currency is not None and day.data.currency.code == "EUR"
    assert day.data.traffic_type is not None and day.data.traffic_type.unit == "MB"
    assert isinstance(u.total, once_sdk.UsageTotal)
    assert u.total.data is not None and u.total.data.volume == 1.75
    assert u.total.sms is not None and u.total.sms.volume == 2.0
    assert len(u.to_dict()["stats"]) == 2


SMS_JSON = {
    "id": 5,
    "submit_date": "2022-07-22T10:00:00.000+0000",
    "delivery_date": "2022-07-22T10:00:02.000+0000",
    "retry_count": "0",
    "source_address": "1234567",
    "iccid": ICCID,
    "msisdn": "882285100000018",
    "dcs": 0,
    "payload": "ping",
    "status": {"id": 4, "description": "DELIVERED"},
    "sms_type": {"id": 1, "description": "MT"},
    "source_address_type": {"id": 145, "description": "International"},
}


def check_sms(s: once_sdk.V1SmsRecord) -> None:
    assert isinstance(s, once_sdk.V1SmsRecord)
    assert s.id == 5 and s.retry_count == 0 and s.payload == "ping"
    assert s.delivery_date == datetime(2022, 7, 22, 10, 0, 2, tzinfo=timezone.utc)
    assert s.status is not None and s.status.description == "DELIVERED"
    assert isinstance(s.sms_type, once_sdk.V1Described) and s.sms_type.description == "MT"
    assert s.source_address_type is not None and s.source_address_type.id == 145


LIMITS_JSON = {
    "data": {"id": 3, "limit": "16", "unit": "MB"},
    "smsMt": {"id": 2, "limit": "10", "unit": "SMS"},
    "smsMo": {"id": 1, "limit": "5", "unit": "SMS"},
}


def check_limits(l: once_sdk.Limits) -> None:
    assert isinstance(l, once_sdk.Limits)
    assert l.data == l.data and l.data is not None and (l.data.id, l.data.limit, l.data.unit) == (3, "16", "MB")
    assert l.sms_mt is not None and l.sms_mt.id == 2
    assert l.sms_mo is not None and l.sms_mo.limit == "5"


ORDER_URL = "https://api.1nce.com/management-api/v1/orders/1234"


def check_order(o: once_sdk.V1TopUpOrder) -> None:
    assert isinstance(o, once_sdk.V1TopUpOrder)
    assert o.location == ORDER_URL
    assert o.order_id == "1234"


def is_none(r: Any) -> None:
    assert r is None


@dataclass
class Op:
    """One call and the exact request it must send."""

    id: str
    call: Callable[[Any], Any]
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    reply: Any = None  # JSON, or None for an empty 200/201
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    check: Callable[[Any], None] = is_none


SINCE = TODAY - timedelta(days=30)
UNTIL = TODAY - timedelta(days=1)

OPS = [
    Op("get", lambda s: s.get(ICCID), "GET", f"/v1/sims/{ICCID}", reply=sim_json(), check=check_v1_sim),
    Op(
        "update",
        lambda s: s.update(ICCID, status="Disabled", label="pump-18", imei_lock=False),
        "PUT",
        f"/v1/sims/{ICCID}",
        body={"iccid": ICCID, "status": "Disabled", "label": "pump-18", "imei_lock": False},
    ),
    Op(
        "update_status_only",
        lambda s: s.update(ICCID, status="Enabled"),
        "PUT",
        f"/v1/sims/{ICCID}",
        body={"iccid": ICCID, "status": "Enabled"},
    ),
    Op(
        "update_many",
        lambda s: s.update_many(
            [
                once_sdk.V1SimUpdate(ICCID, status="Enabled", label="a"),
                once_sdk.V1SimUpdate(ICCID2, status="Disabled", imei_lock=True),
            ]
        ),
        "POST",
        "/v1/sims",
        body=[
            {"iccid": ICCID, "status": "Enabled", "label": "a"},
            {"iccid": ICCID2, "status": "Disabled", "imei_lock": True},
        ],
        status=201,
    ),
    Op("status", lambda s: s.status(ICCID), "GET", f"/v1/sims/{ICCID}/status", reply=STATUS_JSON, check=check_status),
    Op(
        "connectivity_info",
        lambda s: s.connectivity_info(ICCID, subscriber=True, ussd=True),
        "GET",
        f"/v1/sims/{ICCID}/connectivity_info",
        query={"subscriber": "true", "ussd": "true"},
        reply=INFO_JSON,
        check=check_info,
    ),
    Op(
        "connectivity_info_defaults",
        lambda s: s.connectivity_info(ICCID),
        "GET",
        f"/v1/sims/{ICCID}/connectivity_info",
        reply={},
        check=lambda i: (i.ussd_info, i.subscriber_info) == (None, None),
    ),
    Op("reset", lambda s: s.reset(ICCID), "POST", f"/v1/sims/{ICCID}/reset", status=201),
    Op(
        "usage",
        lambda s: s.usage(ICCID, since=SINCE, until=UNTIL),
        "GET",
        f"/v1/sims/{ICCID}/usage",
        query={"start_dt": SINCE.isoformat(), "end_dt": UNTIL.isoformat()},
        reply=USAGE_JSON,
        check=check_usage,
    ),
    Op(
        "usage_no_period",
        lambda s: s.usage(ICCID),
        "GET",
        f"/v1/sims/{ICCID}/usage",
        reply={"stats": []},
        check=lambda u: (u.stats, u.total) == ((), None),
    ),
    Op("data_quota", lambda s: s.data_quota(ICCID), "GET", f"/v1/sims/{ICCID}/quota/data", reply=v1_quota_json(), check=check_v1_quota),
    Op("sms_quota", lambda s: s.sms_quota(ICCID), "GET", f"/v1/sims/{ICCID}/quota/sms", reply=v1_quota_json(), check=check_v1_quota),
    Op(
        "send_sms",
        lambda s: s.send_sms(
            ICCID,
            payload="ping",
            source_address="1234567",
            source_address_type=145,
            expiry_date=datetime(2026, 12, 1, 11, 0, tzinfo=timezone(timedelta(hours=1))),
        ),
        "POST",
        f"/v1/sims/{ICCID}/sms",
        body={
            "payload": "ping",
            "source_address": "1234567",
            "source_address_type": {"id": 145},
            "expiry_date": "2026-12-01T10:00:00Z",
        },
        status=201,
    ),
    Op(
        "send_sms_binary",
        lambda s: s.send_sms(ICCID, payload="48656c6c6f", dcs=4, udh="050003CC0301"),
        "POST",
        f"/v1/sims/{ICCID}/sms",
        body={"payload": "48656c6c6f", "dcs": 4, "udh": "050003CC0301"},
        status=201,
    ),
    Op("get_sms", lambda s: s.get_sms(ICCID, 5), "GET", f"/v1/sims/{ICCID}/sms/5", reply=SMS_JSON, check=check_sms),
    Op("delete_sms", lambda s: s.delete_sms(ICCID, 5), "DELETE", f"/v1/sims/{ICCID}/sms/5"),
    Op(
        "top_up",
        lambda s: s.top_up(ICCID, payment_method="monthlyinvoice"),
        "POST",
        f"/v1/sims/{ICCID}/topup",
        query={"payment_method": "monthlyinvoice"},
        status=201,
        headers={"Location": ORDER_URL},
        check=check_order,
    ),
    Op(
        "top_up_default_payment",
        lambda s: s.top_up(ICCID),
        "POST",
        f"/v1/sims/{ICCID}/topup",
        status=201,
        check=lambda o: (o.location, o.order_id) == (None, None),
    ),
    Op(
        "top_up_many",
        lambda s: s.top_up_many([ICCID, ICCID2], payment_method="creditcard"),
        "POST",
        "/v1/sims/topup",
        query={"payment_method": "creditcard"},
        body=[ICCID, ICCID2],
        status=201,
        headers={"Location": ORDER_URL},
        check=check_order,
    ),
    Op(
        "auto_top_up",
        lambda s: s.auto_top_up((ICCID, ICCID2), enabled=True),
        "POST",
        "/v1/sims/autoTopup",
        body={"enabled": True, "iccids": [ICCID, ICCID2]},
        status=201,
    ),
    Op("limits", lambda s: s.limits(), "GET", "/v1/sims/limits", reply=LIMITS_JSON, check=check_limits),
    Op(
        "set_limits",
        lambda s: s.set_limits(data=3, sms_mt=2),
        "POST",
        "/v1/sims/limits",
        body={"dataLimitId": 3, "smsMtLimitId": 2},
        status=201,
    ),
    Op(
        "selectable_limits",
        lambda s: s.selectable_limits("smsMO"),
        "GET",
        "/v1/sims/smsMO/limits",
        reply=[{"id": 1, "limit": "5", "unit": "SMS"}, {"id": 2, "limit": "10", "unit": "SMS"}],
        check=lambda ls: [(l.id, l.limit) for l in ls] == [(1, "5"), (2, "10")] and isinstance(ls, tuple),
    ),
    Op(
        "extend",
        lambda s: s.extend([ICCID, ICCID2], product_id=7, payment_method="banktransfer"),
        "POST",
        "/v1/sims/extension",
        query={"payment_method": "banktransfer"},
        body={"iccids": [ICCID, ICCID2], "productId": 7},
        status=201,
    ),
    Op(
        "transfer",
        lambda s: s.transfer(iccids=[ICCID], ranges=[(ICCID2, "8988280666000000009")], target_organisation=42),
        "POST",
        "/v1/sims/simTransfer",
        body={
            "target_organisation": 42,
            "iccid_ranges": [{"from": ICCID2, "to": "8988280666000000009"}],
            "iccids": [ICCID],
        },
        status=201,
    ),
]


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
async def test_exact_request(api, mock, op):
    body = {} if op.body is None else {"json": op.body}
    api.expect_request(
        op.path,
        method=op.method,
        query_string=op.query,
        headers=JSON if op.body is not None else BEARER,
        **body,
    ).respond_with_data(
        "" if op.reply is None else json.dumps(op.reply),
        status=op.status,
        headers=op.headers,
        content_type="application/json",
    )
    result = await mock(op.call(mock.sims))
    check = op.check(result)
    assert check is None or check is True
    [req] = api_requests(api)
    if op.body is None:
        assert "Content-Type" not in req.headers
        assert req.get_data() == b""


def test_every_operation_is_covered():
    names = {op.id.split("_default")[0].split("_no_")[0].split("_status_")[0] for op in OPS}
    names = {n.removesuffix("_binary") for n in names}
    lists = {"list", "events", "list_sms"}
    methods = {m for m in dir(once_sdk.V1Sims) if not m.startswith("_")}
    assert len(methods) == 23
    assert methods == names | lists
    assert methods == {m for m in dir(once_sdk.AsyncV1Sims) if not m.startswith("_")}


def test_coverage_table_lists_every_v1_operation():
    from test_coverage import CALLS

    v1 = [call for op, call in CALLS if op.split(" ")[1].startswith("/v1/sims")]
    assert len(v1) == 23, "docs/API_COVERAGE.md: a Python call on each v1 row"
    names = {call.removeprefix("`client.v1.sims.").split("(")[0] for call in v1}
    assert names == {m for m in dir(once_sdk.V1Sims) if not m.startswith("_")}


def page_headers(n: int, pages: int, size: int, total: int) -> dict[str, str]:
    return {
        "X-Total-Count": str(total),
        "X-Total-Pages": str(pages),
        "X-Current-Page": str(n),
        "X-Count-Per-Page": str(size),
    }


async def test_list(api, mock):
    query = {"pageSize": "2", "q": "imei:4711", "sort": "-imei"}
    iccids = [ICCID, ICCID2, "8988280666000000003"]
    for n, chunk in [(1, iccids[:2]), (2, iccids[2:])]:
        api.expect_request(
            "/v1/sims", method="GET", headers=BEARER, query_string={"page": str(n), **query}
        ).respond_with_json([sim_json(i) for i in chunk], headers=page_headers(n, 2, 2, 3))
    sims = mock.sims.list(page_size=2, filter="imei:4711", sort="-imei")
    assert api_requests(api) == [], "nothing is sent before iterating"
    items = await mock.items(sims)
    assert [s.iccid for s in items] == iccids
    assert all(isinstance(s, once_sdk.V1Sim) for s in items)
    page = await mock.page(mock.sims.list(page_size=2, filter="imei:4711", sort="-imei"), 2)
    assert (page.page, page.total_count, page.total_pages, page.has_next) == (2, 3, 2, False)
    assert [r.args["page"] for r in api_requests(api)] == ["1", "2", "2"]


async def test_events(api, mock):
    def event(i: int) -> dict[str, Any]:
        return {
            "id": i,
            "timestamp": f"2022-07-2{i} 10:00:00",
            "event_type": "Update location",
            "iccid": ICCID,
            "alert": "false",
            "event_severity": "Info",
        }

    for n, ids in [(1, [1, 2]), (2, [3])]:
        api.expect_request(
            f"/v1/sims/{ICCID}/events",
            method="GET",
            headers=BEARER,
            query_string={"page": str(n), "pageSize": "2", "sort": "-timestamp,id"},
        ).respond_with_json({"events": [event(i) for i in ids], "totalEvents": 3, "totalPages": 2})
    events = await mock.items(mock.sims.events(ICCID, page_size=2, sort="-timestamp,id"))
    assert [e.id for e in events] == [1, 2, 3]
    e = events[0]
    assert isinstance(e, once_sdk.V1Event)
    assert e.timestamp == datetime(2022, 7, 21, 10, tzinfo=timezone.utc)
    assert (e.event_type, e.iccid, e.alert, e.event_severity) == ("Update location", ICCID, False, "Info")
    page = await mock.page(mock.sims.events(ICCID, page_size=2, sort="-timestamp,id"), 1)
    assert (page.page, page.total_count, page.total_pages, page.has_next) == (1, 3, 2, True)


async def test_list_sms(api, mock):
    api.expect_request(
        f"/v1/sims/{ICCID}/sms",
        method="GET",
        headers=BEARER,
        query_string={"page": "1", "pageSize": "100", "sort": "-submit_date"},
    ).respond_with_json([SMS_JSON], headers=page_headers(1, 1, 100, 1))
    [sms] = await mock.items(mock.sims.list_sms(ICCID, page_size=100, sort="-submit_date"))
    check_sms(sms)


async def test_list_defaults_send_only_the_page(api, mock):
    for path in ["/v1/sims", f"/v1/sims/{ICCID}/events", f"/v1/sims/{ICCID}/sms"]:
        api.expect_request(path, method="GET", query_string={"page": "1"}).respond_with_json([])
    assert await mock.items(mock.sims.list()) == []
    assert await mock.items(mock.sims.events(ICCID)) == []
    assert await mock.items(mock.sims.list_sms(ICCID)) == []
    assert len(api_requests(api)) == 3


# --- validation: ValidationError naming the field, nothing sent -------------


def too_old() -> date:
    return TODAY - timedelta(days=200)


INVALID = [
    ("get", lambda s: s.get("12345"), "iccid"),
    ("update_status", lambda s: s.update(ICCID, status="Suspended"), "status"),
    ("update_label", lambda s: s.update(ICCID, status="Enabled", label="x" * 256), "label"),
    ("update_iccid", lambda s: s.update("8988", status="Enabled"), "iccid"),
    ("update_many_empty", lambda s: s.update_many([]), "body"),
    (
        "update_many_twice",
        lambda s: s.update_many([once_sdk.V1SimUpdate(ICCID, status="Enabled")] * 2),
        "iccid",
    ),
    ("status", lambda s: s.status("x"), "iccid"),
    ("connectivity_info", lambda s: s.connectivity_info("x", ussd=True), "iccid"),
    ("reset", lambda s: s.reset("x"), "iccid"),
    ("events_iccid", lambda s: s.events("x"), "iccid"),
    ("events_page_size", lambda s: s.events(ICCID, page_size=1001), "pageSize"),
    ("events_sort", lambda s: s.events(ICCID, sort="timestamp,,id"), "sort"),
    ("list_page_size", lambda s: s.list(page_size=101), "pageSize"),
    ("list_negative_page_size", lambda s: s.list(page_size=-1), "pageSize"),
    ("list_filter", lambda s: s.list(filter="label:x"), "q"),
    ("list_sort", lambda s: s.list(sort="label"), "sort"),
    ("list_sms_page_size", lambda s: s.list_sms(ICCID, page_size=0), "pageSize"),
    ("list_sms_sort", lambda s: s.list_sms(ICCID, sort="-"), "sort"),
    ("usage_too_old", lambda s: s.usage(ICCID, since=too_old()), "start_dt"),
    ("usage_until_too_old", lambda s: s.usage(ICCID, until=too_old()), "end_dt"),
    ("usage_backwards", lambda s: s.usage(ICCID, since=TODAY, until=TODAY - timedelta(days=1)), "start_dt"),
    ("data_quota", lambda s: s.data_quota("x"), "iccid"),
    ("sms_quota", lambda s: s.sms_quota("x"), "iccid"),
    ("send_sms_empty", lambda s: s.send_sms(ICCID, payload=""), "payload"),
    ("send_sms_too_long", lambda s: s.send_sms(ICCID, payload="x" * 161), "payload"),
    ("send_sms_dcs", lambda s: s.send_sms(ICCID, payload="ab", dcs=3), "dcs"),
    ("send_sms_dcs_range", lambda s: s.send_sms(ICCID, payload="ab", dcs=300), "dcs"),
    ("send_sms_udh", lambda s: s.send_sms(ICCID, payload="ab", udh="zz"), "udh"),
    (
        "send_sms_source_type",
        lambda s: s.send_sms(ICCID, payload="ab", source_address="1", source_address_type=999),
        "source_address_type",
    ),
    ("send_sms_source", lambda s: s.send_sms(ICCID, payload="ab", source_address="abc"), "source_address"),
    ("send_sms_naive_expiry", lambda s: s.send_sms(ICCID, payload="ab", expiry_date=datetime(2030, 1, 1)), "expiry_date"),
    ("send_sms_date_expiry", lambda s: s.send_sms(ICCID, payload="ab", expiry_date=date(2030, 1, 1)), "expiry_date"),
    ("get_sms", lambda s: s.get_sms(ICCID, -1), "id"),
    ("delete_sms", lambda s: s.delete_sms("x", 1), "iccid"),
    ("top_up_payment", lambda s: s.top_up(ICCID, payment_method="paypal"), "payment_method"),
    ("top_up_iccid", lambda s: s.top_up("x"), "iccid"),
    ("top_up_many_empty", lambda s: s.top_up_many([]), "iccids"),
    ("top_up_many_twice", lambda s: s.top_up_many([ICCID, ICCID]), "iccids"),
    ("top_up_many_bad", lambda s: s.top_up_many([ICCID, "x"]), "iccids"),
    ("top_up_many_payment", lambda s: s.top_up_many([ICCID], payment_method="cash"), "payment_method"),
    ("auto_top_up_empty", lambda s: s.auto_top_up([], enabled=True), "iccids"),
    ("auto_top_up_twice", lambda s: s.auto_top_up([ICCID, ICCID], enabled=False), "iccids"),
    ("set_limits_none", lambda s: s.set_limits(), "body"),
    ("set_limits_zero", lambda s: s.set_limits(data=0), "dataLimitId"),
    ("set_limits_negative", lambda s: s.set_limits(sms_mo=-2), "smsMoLimitId"),
    ("selectable_limits", lambda s: s.selectable_limits("voice"), "service"),
    ("extend_empty", lambda s: s.extend([]), "iccids"),
    ("extend_twice", lambda s: s.extend([ICCID, ICCID]), "iccids"),
    ("extend_product", lambda s: s.extend([ICCID], product_id=0), "productId"),
    ("extend_payment", lambda s: s.extend([ICCID], payment_method="gold"), "payment_method"),
    ("transfer_nothing", lambda s: s.transfer(target_organisation=1), "iccids"),
    ("transfer_range", lambda s: s.transfer(ranges=[(ICCID2, ICCID)]), "iccid_ranges"),
    ("transfer_range_bad", lambda s: s.transfer(ranges=[(ICCID, "x")]), "iccid_ranges"),
    ("transfer_org", lambda s: s.transfer(iccids=[ICCID], target_organisation=0), "target_organisation"),
]


async def consume(f: Flavour, result: Any) -> Any:
    """Sends what a call prepared: awaits it, or fetches a list's first page."""
    if isinstance(result, (once_sdk.Paginator, once_sdk.AsyncPaginator)):
        return await f.page(result, 1)
    return await f(result)


@pytest.mark.parametrize("call,name", [(c, n) for _, c, n in INVALID], ids=[i for i, _, _ in INVALID])
async def test_validation_sends_nothing(api, mock, call, name):
    with pytest.raises(once_sdk.ValidationError) as e:
        await consume(mock, call(mock.sims))
    assert e.value.field == name
    assert e.value.rule
    assert api_requests(api) == []


@pytest.mark.parametrize(
    "kwargs,name",
    [
        (dict(iccid="x", status="Enabled"), "iccid"),
        (dict(iccid=ICCID, status="On"), "status"),
        (dict(iccid=ICCID, status="Enabled", label="x" * 256), "label"),
    ],
)
def test_sim_update_is_checked_when_built(kwargs, name):
    with pytest.raises(once_sdk.ValidationError) as e:
        once_sdk.V1SimUpdate(**kwargs)
    assert e.value.field == name


def test_sim_update_is_an_immutable_value():
    a = once_sdk.V1SimUpdate(ICCID, status="Enabled", label="x")
    b = once_sdk.V1SimUpdate(ICCID, status="Enabled", label="x")
    assert a == b and hash(a) == hash(b) and a != once_sdk.V1SimUpdate(ICCID, status="Disabled")
    assert (a.iccid, a.status, a.label, a.imei_lock) == (ICCID, "Enabled", "x", None)
    assert a.to_dict() == {"iccid": ICCID, "status": "Enabled", "label": "x", "imei_lock": None}
    assert repr(a) == (
        f"V1SimUpdate(iccid='{ICCID}', status=<SimStatus.ENABLED: 'Enabled'>, label='x', imei_lock=None)"
    )
    with pytest.raises(AttributeError):
        a.label = "y"  # type: ignore[misc]


async def test_update_many_takes_updates_only(api, mock):
    with pytest.raises(TypeError, match="V1SimUpdate"):
        await mock(mock.sims.update_many([{"iccid": ICCID, "status": "Enabled"}]))
    assert api_requests(api) == []


def test_docstrings_name_the_retirement_and_v2():
    for cls in [once_sdk.V1, once_sdk.AsyncV1, once_sdk.V1Sims, once_sdk.AsyncV1Sims]:
        assert "end of 2026" in (cls.__doc__ or "")
    for name in ["get", "update", "status", "reset", "events", "data_quota", "sms_quota", "list_sms", "send_sms", "get_sms", "delete_sms", "top_up", "list"]:
        doc = getattr(once_sdk.V1Sims, name).__doc__
        assert "end of 2026" in doc and "v2" in doc and "client.s" in doc, name
    for name in ["usage", "connectivity_info", "update_many", "top_up_many", "limits", "set_limits", "selectable_limits", "extend", "transfer"]:
        doc = getattr(once_sdk.AsyncV1Sims, name).__doc__
        assert "end of 2026" in doc and "no counterpart" in doc, name
    # Auto top-up has a v2 call now (POST /v2/sims/autoTopup).
    doc = once_sdk.AsyncV1Sims.auto_top_up.__doc__ or ""
    assert "end of 2026" in doc and "/v2/sims/autoTopup" in doc and "sims.auto_top_up" in doc
    assert "end of 2026" in (once_sdk.Usage.__doc__ or "")


# --- results and state changes (sandbox) ------------------------------------


async def test_sandbox_list_and_get(sandbox, sb):
    iccids = sandbox.iccids()
    sims = await sb.items(sb.sims.list(page_size=7))
    assert [s.iccid for s in sims] == iccids
    page = await sb.page(sb.sims.list(page_size=7), 3)
    assert (page.page, page.total_count, len(page), page.has_next) == (3, 20, 6, False)
    sim = await sb(sb.sims.get(iccids[0]))
    assert sim == sims[0] and isinstance(sim, once_sdk.V1Sim)
    with pytest.raises(once_sdk.ApiError) as e:
        await sb(sb.sims.get("8988280666000099999"))
    assert e.value.status == 404


async def test_sandbox_update_and_update_many(sandbox, sb):
    a, b, c = sandbox.iccids()[:3]
    await sb(sb.sims.update(a, status="Disabled", label="pump-1"))
    sim = await sb(sb.sims.get(a))
    assert (sim.status, sim.label) == ("Disabled", "pump-1")
    await sb(
        sb.sims.update_many(
            [once_sdk.V1SimUpdate(b, status="Disabled", label="b"), once_sdk.V1SimUpdate(c, status="Enabled", label="c")]
        )
    )
    got = [await sb(sb.sims.get(i)) for i in (b, c)]
    assert [(s.status, s.label) for s in got] == [("Disabled", "b"), ("Enabled", "c")]


async def test_sandbox_status_connectivity_info_and_reset(sandbox, sb):
    iccid = sandbox.iccids()[0]
    sandbox.set_online(iccid, True)
    status = await sb(sb.sims.status(iccid))
    assert status.status == "ONLINE" and status.pdp_context is not None
    sandbox.set_online(iccid, False)
    assert (await sb(sb.sims.status(iccid))).status == "OFFLINE"
    info = await sb(sb.sims.connectivity_info(iccid, ussd=True))
    assert isinstance(info, once_sdk.ConnectivityInfo)
    assert info.ussd_info is not None and info.subscriber_info is not None
    before = len(await sb.items(sb.sims.events(iccid, page_size=1000)))
    await sb(sb.sims.reset(iccid))
    events = await sb.items(sb.sims.events(iccid, page_size=1000, sort="-timestamp"))
    assert len(events) == before + 2
    assert all(isinstance(e, once_sdk.V1Event) and e.iccid == iccid for e in events)
    pages = await sb.pages(sb.sims.events(iccid, page_size=1))
    assert len(pages) == len(events) and pages[0].total_count == len(events)


async def test_sandbox_usage_has_days_and_a_total(sandbox, sb):
    iccid = sandbox.iccids()[1]
    sandbox.consume_data(iccid, 1.5)
    sandbox.consume_sms(iccid, 2)
    usage = await sb(sb.sims.usage(iccid, since=TODAY - timedelta(days=30), until=TODAY))
    assert isinstance(usage, once_sdk.Usage)
    assert usage.stats, "daily rows"
    assert all(d.date is not None and d.date.date() <= TODAY for d in usage.stats)
    assert usage.total is not None and usage.total.data is not None and usage.total.sms is not None
    days_data = sum(d.data.volume or 0 for d in usage.stats if d.data is not None)
    assert usage.total.data.volume == pytest.approx(days_data)
    today = [d for d in usage.stats if d.date is not None and d.date.date() == TODAY]
    assert today and today[0].data is not None and today[0].data.volume >= 1.5
    assert today[0].sms is not None and today[0].sms.volume >= 2


async def test_sandbox_top_up_raises_the_quota(sandbox, sb):
    iccid = sandbox.iccids()[2]
    sandbox.consume_data(iccid, 100)
    before = await sb(sb.sims.data_quota(iccid))
    sms_before = await sb(sb.sims.sms_quota(iccid))
    assert isinstance(before, once_sdk.V1Quota) and isinstance(sms_before, once_sdk.V1Quota)
    order = await sb(sb.sims.top_up(iccid, payment_method="monthlyinvoice"))
    assert isinstance(order, once_sdk.V1TopUpOrder)
    assert order.location is not None and order.location.endswith(f"/v1/orders/{order.order_id}")
    after = await sb(sb.sims.data_quota(iccid))
    assert after.volume > before.volume
    assert sandbox.stats().top_ups_applied == 1


async def test_sandbox_top_up_many_and_auto_top_up(sandbox, sb):
    a, b = sandbox.iccids()[3:5]
    order = await sb(sb.sims.top_up_many([a, b]))
    assert order.order_id is not None
    assert sandbox.stats().top_ups_applied == 2
    await sb(sb.sims.auto_top_up([a], enabled=True))
    left = (await sb(sb.sims.data_quota(a))).volume
    sandbox.consume_data(a, left + 1)
    assert sandbox.stats().auto_top_ups == 1


async def test_sandbox_lost_top_up_answer_is_outcome_unknown(sandbox, sb):
    iccid = sandbox.iccids()[5]
    before = (await sb(sb.sims.data_quota(iccid))).volume
    sandbox.inject(once_sdk.Fault.apply_then_drop().method("POST").path("/v1/sims/*/topup"))
    with pytest.raises(once_sdk.OutcomeUnknownError):
        await sb(sb.sims.top_up(iccid))
    assert sandbox.stats().top_ups_applied == 1
    assert sandbox.stats().requests_to("POST", "/v1/sims/{iccid}/topup") == 1
    assert (await sb(sb.sims.data_quota(iccid))).volume > before


async def test_sandbox_sms(sandbox, sb):
    iccid = sandbox.iccids()[6]
    await sb(sb.sims.send_sms(iccid, payload="ping"))
    assert sandbox.stats().sms_sent == 1
    received = sandbox.receive_sms(iccid, "pong")
    msgs = await sb.items(sb.sims.list_sms(iccid, sort="-id"))
    assert [m.payload for m in msgs[:2]] == ["pong", "ping"]
    one = await sb(sb.sims.get_sms(iccid, received))
    assert one.id == received and one.payload == "pong"
    await sb(sb.sims.delete_sms(iccid, received))
    with pytest.raises(once_sdk.ApiError) as e:
        await sb(sb.sims.get_sms(iccid, received))
    assert e.value.status == 404


async def test_sandbox_limits(sandbox, sb):
    options = await sb(sb.sims.selectable_limits("data"))
    assert options and all(isinstance(l, once_sdk.Limit) for l in options)
    sms_options = await sb(sb.sims.selectable_limits("smsMT"))
    pick, sms_pick = options[-1], sms_options[-1]
    await sb(sb.sims.set_limits(data=pick.id, sms_mt=sms_pick.id))
    limits = await sb(sb.sims.limits())
    assert isinstance(limits, once_sdk.Limits)
    assert limits.data is not None and limits.data.id == pick.id
    assert limits.sms_mt is not None and limits.sms_mt.id == sms_pick.id


async def test_sandbox_extend_and_transfer(sandbox, sb):
    iccids = sandbox.iccids()
    before = (await sb(sb.sims.data_quota(iccids[7]))).expiry_date
    await sb(sb.sims.extend([iccids[7]]))
    after = (await sb(sb.sims.data_quota(iccids[7]))).expiry_date
    assert before is not None and after is not None and after > before
    await sb(sb.sims.transfer(iccids=[iccids[8]], ranges=[(iccids[10], iccids[11])], target_organisation=42))
    left = [s.iccid for s in await sb.items(sb.sims.list(page_size=100))]
    assert len(left) == 17
    assert not {iccids[8], iccids[10], iccids[11]} & set(left)


def test_namespace_shape(sandbox):
    with sandbox.client() as client:
        assert isinstance(client.v1, once_sdk.V1)
        assert isinstance(client.v1.sims, once_sdk.V1Sims)
    aclient = sandbox.async_client()
    assert isinstance(aclient.v1, once_sdk.AsyncV1)
    assert isinstance(aclient.v1.sims, once_sdk.AsyncV1Sims)
    assert inspect.signature(once_sdk.V1Sims.update).parameters["status"].kind is inspect.Parameter.KEYWORD_ONLY
