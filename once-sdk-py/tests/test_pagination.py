"""`sims.list()`: lazy iteration across pages, one page with totals, every
page; blocking and asyncio."""

from __future__ import annotations

import pytest

import once_sdk
from conftest import BEARER, api_requests, sim_json

ICCIDS = [f"89882806660000000{i:02d}" for i in range(1, 6)]


def mount_pages(api, size: int = 2, **query: str) -> None:
    """Five SIMs in pages of `size`, with 1NCE's X-* headers."""
    pages = [ICCIDS[i : i + size] for i in range(0, len(ICCIDS), size)]
    for n, chunk in enumerate(pages, start=1):
        api.expect_request(
            "/v2/sims",
            method="GET",
            headers=BEARER,
            query_string={"page": str(n), "pageSize": str(size), **query},
        ).respond_with_json(
            [sim_json(i) for i in chunk],
            headers={
                "X-Total-Count": str(len(ICCIDS)),
                "X-Total-Pages": str(len(pages)),
                "X-Current-Page": str(n),
                "X-Count-Per-Page": str(size),
            },
        )


def test_iterates_every_item_lazily(api, mock_client):
    mount_pages(api)
    sims = mock_client.sims.list(page_size=2)
    assert api_requests(api) == [], "nothing is sent before iterating"
    it = iter(sims)
    first = next(it)
    assert first.iccid == ICCIDS[0]
    assert [s.iccid for s in it] == ICCIDS[1:]
    assert [r.args["page"] for r in api_requests(api)] == ["1", "2", "3"]


def test_a_list_is_its_own_iterator(api, mock_client):
    mount_pages(api)
    sims = mock_client.sims.list(page_size=2)
    assert iter(sims) is sims
    assert next(sims).iccid == ICCIDS[0]
    assert [s.iccid for s in sims] == ICCIDS[1:]
    assert list(sims) == [], "an exhausted list stays exhausted, like a generator"
    # pages() and page(n) are separate requests from the first page on.
    assert [p.page for p in sims.pages()] == [1, 2, 3]
    assert sims.page(3).page == 3


async def test_iterates_every_item_lazily_async(api, mock_aclient):
    mount_pages(api)
    sims = mock_aclient.sims.list(page_size=2)
    assert api_requests(api) == []
    assert sims.__aiter__() is sims
    assert (await sims.__anext__()).iccid == ICCIDS[0]
    assert [s.iccid async for s in sims] == ICCIDS[1:]
    assert len(api_requests(api)) == 3


def test_filter_and_sort_are_sent(api, mock_client):
    mount_pages(api, size=5, q="imei:4711", sort="-imei")
    sims = list(mock_client.sims.list(page_size=5, filter="imei:4711", sort="-imei"))
    assert [s.iccid for s in sims] == ICCIDS


def test_one_page_with_totals(api, mock_client):
    mount_pages(api)
    page = mock_client.sims.list(page_size=2).page(2)
    assert isinstance(page, once_sdk.Page)
    assert (page.page, page.page_size, page.total_count, page.total_pages) == (2, 2, 5, 3)
    assert page.has_next is True
    assert len(page) == 2 and [s.iccid for s in page] == ICCIDS[2:4]
    assert page[0].iccid == ICCIDS[2] and page[-1].iccid == ICCIDS[3]
    assert isinstance(page.items, tuple)
    assert page.to_dict()["items"][0]["iccid"] == ICCIDS[2]
    assert repr(page).startswith("Page(page=2, page_size=2, total_count=5, total_pages=3, has_next=True, items=(Sim(")
    assert len(api_requests(api)) == 1
    last = mock_client.sims.list(page_size=2).page(3)
    assert last.has_next is False and [s.iccid for s in last] == ICCIDS[4:]


async def test_one_page_with_totals_async(api, mock_aclient):
    mount_pages(api)
    page = await mock_aclient.sims.list(page_size=2).page(2)
    assert (page.page, page.total_count, page.total_pages, page.has_next) == (2, 5, 3, True)
    assert [s.iccid for s in page] == ICCIDS[2:4]


def test_every_page(api, mock_client):
    mount_pages(api)
    pages = list(mock_client.sims.list(page_size=2).pages())
    assert [p.page for p in pages] == [1, 2, 3]
    assert [s.iccid for p in pages for s in p] == ICCIDS


async def test_every_page_async(api, mock_aclient):
    mount_pages(api)
    pages = [p async for p in mock_aclient.sims.list(page_size=2).pages()]
    assert [p.page for p in pages] == [1, 2, 3]
    assert [s.iccid for p in pages for s in p] == ICCIDS


def test_default_page_size_is_not_sent(api, mock_client):
    api.expect_request("/v2/sims", query_string={"page": "1"}).respond_with_json(
        [sim_json(ICCIDS[0])]
    )
    assert [s.iccid for s in mock_client.sims.list()] == ICCIDS[:1]


def test_an_error_ends_the_iteration(api, mock_client):
    api.expect_request("/v2/sims").respond_with_json({"message": "boom"}, status=400)
    it = iter(mock_client.sims.list())
    with pytest.raises(once_sdk.ApiError) as e:
        next(it)
    assert e.value.status == 400
    with pytest.raises(StopIteration):
        next(it)


@pytest.mark.parametrize("size", [0, 101, -1])
def test_bad_page_size_is_rejected_before_sending(api, mock_client, size):
    with pytest.raises(once_sdk.ValidationError) as e:
        list(mock_client.sims.list(page_size=size))
    assert e.value.field == "pageSize"
    assert api_requests(api) == []


def test_bad_page_number_is_rejected(api, mock_client):
    with pytest.raises(once_sdk.ValidationError) as e:
        mock_client.sims.list().page(0)
    assert e.value.field == "page"
    assert api_requests(api) == []


async def test_bad_filter_is_rejected_before_sending_async(api, mock_aclient):
    with pytest.raises(once_sdk.ValidationError) as e:
        async for _ in mock_aclient.sims.list(filter=" "):
            pass
    assert (e.value.field, e.value.rule) == ("q", "must not be empty")
    assert api_requests(api) == []


def test_generic_aliases():
    assert once_sdk.Paginator[once_sdk.Sim].__origin__ is once_sdk.Paginator
    assert once_sdk.Page[once_sdk.Sim].__args__ == (once_sdk.Sim,)
