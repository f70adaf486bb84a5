"""SDK events reach Python logging (logger `once_sdk`), without secrets."""

from __future__ import annotations

import logging
import re

import once_sdk
from conftest import CLIENT_SECRET, ICCID, TOKEN, options, sim_json


def test_calls_retries_and_token_renewal_are_logged_without_secrets(api, caplog):
    caplog.set_level(logging.DEBUG, logger="once_sdk")
    # A refused token (renewed once), then a 503 (retried once), then the SIM.
    api.expect_oneshot_request(f"/v2/sims/{ICCID}").respond_with_json(
        {"message": "token expired"}, status=401
    )
    api.expect_oneshot_request(f"/v2/sims/{ICCID}").respond_with_json(
        {"message": "busy"}, status=503
    )
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    mock_client = once_sdk.Client(**options(api, retries=1))
    assert mock_client.sims.get(ICCID).iccid == ICCID
    assert mock_client.access_token() == TOKEN

    records = [r for r in caplog.records if r.name == "once_sdk"]
    messages = [r.getMessage() for r in records]
    assert any(m.startswith("token cache miss") for m in messages), messages
    assert any(m.startswith("401: renewing the access token") for m in messages), messages
    assert any(m.startswith("retrying") and "HTTP 503" in m for m in messages), messages
    assert any(
        re.fullmatch(
            r"call operation=sims\.get method=GET path=/v2/sims/\{iccid\} attempt=2 latency_ms=\d+ status=200",
            m,
        )
        for m in messages
    ), messages
    assert any(m.startswith("call operation=oauth.token") for m in messages), messages
    assert all(r.levelno == logging.DEBUG for r in records)
    for m in messages:
        assert CLIENT_SECRET not in m
        assert TOKEN not in m
    assert CLIENT_SECRET not in repr(mock_client)


def test_nothing_is_logged_above_the_logger_level(api, mock_client, caplog):
    caplog.set_level(logging.INFO, logger="once_sdk")
    api.expect_request(f"/v2/sims/{ICCID}").respond_with_json(sim_json())
    mock_client.sims.get(ICCID)
    assert [r for r in caplog.records if r.name == "once_sdk"] == []
