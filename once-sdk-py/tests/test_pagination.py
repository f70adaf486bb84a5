"""Lists against the sandbox (20 SIMs): lazy iteration across pages, one
page with totals, every page; blocking and asyncio."""

from __future__ import annotations

import pytest

import once_sdk
from once_sdk import Fault


def list_queries(sandbox: once_sdk.Sandbox) -> list[str | None]:
    return [r.query for r in sandbox.requests() if r.template == "/v2/sims"]


def test_iterates_every_item_lazily(sandbox, client):
    sims = client.sims.list(page_size=7)
    assert sandbox.requests() == [], "nothing is sent before iterating"
    it = iter(sims)
    first = next(it)
    assert first.iccid == sandbox.iccids()[0]
    assert [first.iccid] + [s.iccid for s in it] == sandbox.iccids()
    assert list_queries(sandbox) == [f"page={n}&pageSize=7" for n in (1, 2, 3)]


def test_a_list_is_its_own_iterator(sandbox, client):
    sims = client.sims.list(page_size=7)
    assert iter(sims) is sims
    assert next(sims).iccid == sandbox.iccids()[0]
    assert [s.iccid for s in sims] == sandbox.iccids()[1:]
    # A finished iteration starts again from the first page (a second `for`
    # over the same list sees every item, not silently nothing).
    sandbox.reset_stats()
    assert [s.iccid for s in sims] == sandbox.iccids()
    assert [s.iccid for s in sims] == sandbox.iccids()
    assert sandbox.stats().requests_to("GET", "/v2/sims") == 6
    # pages() and page(n) are separate requests from the first page on.
    assert [p.page for p in sims.pages()] == [1, 2, 3]
    assert sims.page(3).page == 3


async def test_iterates_every_item_lazily_async(sandbox, aclient):
    sims = aclient.sims.list(page_size=7)
    assert sandbox.requests() == []
    assert sims.__aiter__() is sims
    assert (await sims.__anext__()).iccid == sandbox.iccids()[0]
    assert [s.iccid async for s in sims] == sandbox.iccids()[1:]
    assert len(list_queries(sandbox)) == 3
    # Iterating again starts from the first page.
    assert [s.iccid async for s in sims] == sandbox.iccids()
    assert len(list_queries(sandbox)) == 6


def test_a_page_slices_and_lists_have_python_reprs(sandbox, client):
    sims = client.sims.list(page_size=7)
    assert repr(sims) == "<Paginator[Sim] not started>"
    next(sims)
    assert repr(sims) == "<Paginator[Sim] iterating>"
    page = sims.page(1)
    assert page[1:3] == page.items[1:3] and len(page[1:3]) == 2
    assert [s.iccid for s in page[::3]] == sandbox.iccids()[0:7:3]
    assert page[-2:] == page.items[-2:]
    assert repr(client.v1.sims.events(sandbox.iccids()[0])) == "<Paginator[V1Event] not started>"


def test_filter_and_sort_are_sent(sandbox, client):
    ip = client.sims.get(sandbox.iccids()[4]).ip_address
    found = list(client.sims.list(page_size=5, filter=f"ip_address:{ip}", sort="-imei"))
    assert [s.iccid for s in found] == [sandbox.iccids()[4]]
    [query] = list_queries(sandbox)
    assert query is not None and "q=ip_address" in query and "sort=-imei" in query


def test_one_page_with_totals(sandbox, client):
    page = client.sims.list(page_size=7).page(2)
    assert isinstance(page, once_sdk.Page)
    assert (page.page, page.page_size, page.total_count, page.total_pages) == (2, 7, 20, 3)
    assert page.has_next is True
    assert len(page) == 7 and [s.iccid for s in page] == sandbox.iccids()[7:14]
    assert page[0].iccid == sandbox.iccids()[7] and page[-1].iccid == sandbox.iccids()[13]
    with pytest.raises(IndexError):
        page[7]
    assert isinstance(page.items, tuple)
    assert page.to_dict()["items"][0]["iccid"] == sandbox.iccids()[7]
    assert repr(page).startswith(
        "Page(page=2, page_size=7, total_count=20, total_pages=3, has_next=True, items=(Sim("
    )
    assert len(list_queries(sandbox)) == 1
    last = client.sims.list(page_size=7).page(3)
    assert last.has_next is False and [s.iccid for s in last] == sandbox.iccids()[14:]
    assert page == client.sims.list(page_size=7).page(2) and page != last


async def test_one_page_with_totals_async(sandbox, aclient):
    page = await aclient.sims.list(page_size=7).page(2)
    assert (page.page, page.total_count, page.total_pages, page.has_next) == (2, 20, 3, True)
    assert [s.iccid for s in page] == sandbox.iccids()[7:14]


def test_every_page(sandbox, client):
    pages = list(client.sims.list(page_size=7).pages())
    assert [p.page for p in pages] == [1, 2, 3]
    assert [len(p) for p in pages] == [7, 7, 6]
    assert [s.iccid for p in pages for s in p] == sandbox.iccids()


async def test_every_page_async(sandbox, aclient):
    pages = [p async for p in aclient.sims.list(page_size=7).pages()]
    assert [p.page for p in pages] == [1, 2, 3]
    assert [s.iccid for p in pages for s in p] == sandbox.iccids()


def test_default_page_size_is_not_sent(sandbox, client):
    assert len(list(client.sims.list())) == 20
    assert list_queries(sandbox) == ["page=1", "page=2"]


def test_an_error_ends_the_iteration(sandbox, client):
    sandbox.inject(Fault.status(400).path("/v2/sims"))
    it = iter(client.sims.list())
    with pytest.raises(once_sdk.ApiError) as e:
        next(it)
    assert e.value.status == 400
    # The failed iteration is over: the next one starts from the first page.
    assert next(it).iccid == sandbox.iccids()[0]


@pytest.mark.parametrize("size", [0, 101, -1])
def test_bad_page_size_is_rejected_before_sending(sandbox, client, size):
    with pytest.raises(once_sdk.ValidationError) as e:
        list(client.sims.list(page_size=size))
    assert e.value.field == "pageSize"
    assert sandbox.requests() == []


def test_bad_page_number_is_rejected(sandbox, client):
    with pytest.raises(once_sdk.ValidationError) as e:
        client.sims.list().page(0)
    assert e.value.field == "page"
    assert sandbox.requests() == []


async def test_bad_filter_is_rejected_before_sending_async(sandbox, aclient):
    with pytest.raises(once_sdk.ValidationError) as e:
        async for _ in aclient.sims.list(filter=" "):
            pass
    assert (e.value.field, e.value.rule) == ("q", "must not be empty")
    assert sandbox.requests() == []


def test_generic_aliases():
    assert once_sdk.Paginator[once_sdk.Sim].__origin__ is once_sdk.Paginator
    assert once_sdk.Page[once_sdk.Sim].__args__ == (once_sdk.Sim,)
