"""Hostile and live answers as Python sees them: not found, pages that
repeat, echoed secrets, HTML error pages."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import once_sdk
from conftest import ICCID, TOKEN, api_requests, sim_json

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@pytest.mark.parametrize("body", ["", "  \n", "null"])
def test_an_empty_answer_for_one_sim_is_not_found(api, mock_client, body):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_data(body, status=200)
    with pytest.raises(once_sdk.NotFoundError) as e:
        mock_client.sims.get(ICCID)
    assert isinstance(e.value, once_sdk.ApiError)
    assert e.value.status == 200
    assert str(e.value) == "not found: `sims.get` answered HTTP 200 with an empty body"


async def test_a_404_is_not_found_async(api, mock_aclient):
    api.expect_request(f"/v2/sims/{ICCID}/quota/data").respond_with_json(
        {"error_token": "NotFound", "message": "Element not found"}, status=404
    )
    with pytest.raises(once_sdk.NotFoundError) as e:
        await mock_aclient.sims.data_quota(ICCID)
    assert (e.value.status, e.value.code, e.value.message) == (404, "NotFound", "Element not found")


def test_an_empty_list_answer_is_an_empty_page(api, mock_client):
    api.expect_request("/v2/sims").respond_with_data("", status=200)
    assert list(mock_client.sims.list()) == []


def test_a_server_that_ignores_page_ends_the_iteration_with_an_error(api, mock_client):
    page = [sim_json(str(8988280666000000000 + i)) for i in range(10)]
    api.expect_request("/v2/sims").respond_with_json(page, headers={"X-Total-Pages": "100"})
    seen = []
    with pytest.raises(once_sdk.OnceError) as e:
        for sim in mock_client.sims.list(page_size=10):
            seen.append(sim.iccid)
    assert len(seen) == 10
    assert str(e.value) == (
        "`sims.list`: page 2 repeats page 1 (the server does not page as asked); "
        "the list was stopped there"
    )
    assert [r.args.get("page") for r in api_requests(api)] == ["1", "2"]


def test_echoed_secrets_never_reach_the_exception(api, mock_client):
    def echo(request: Request) -> Response:
        header = request.headers.get("Authorization", "")
        return Response(
            f'{{"message": "Invalid key=value pair in Authorization header: \'{header}\'"}}',
            status=400,
            content_type="application/json",
        )

    api.expect_request(f"/v2/sims/{ICCID}").respond_with_handler(echo)
    with pytest.raises(once_sdk.ApiError) as e:
        mock_client.sims.get(ICCID)
    shown = f"{e.value} {e.value!r} {e.value.body} {e.value.message}"
    assert TOKEN not in shown
    assert e.value.message == "Invalid key=value pair in Authorization header: 'Bearer [redacted]'"


def test_an_html_error_page_is_one_short_line(api, mock_client):
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_data(
        NGINX_502, status=502, content_type="text/html"
    )
    with pytest.raises(once_sdk.ApiError) as e:
        mock_client.sims.get(ICCID)
    assert str(e.value) == "1NCE API error: HTTP 502: 502 Bad Gateway"
    assert e.value.body == NGINX_502
