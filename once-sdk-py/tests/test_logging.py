"""SDK events reach Python logging (logger `once_sdk`), without secrets."""

from __future__ import annotations

import logging
import re

import once_sdk
from once_sdk import Fault


def test_calls_retries_and_token_renewal_are_logged_without_secrets(sandbox, caplog):
    caplog.set_level(logging.DEBUG, logger="once_sdk")
    client = sandbox.client(retries=1)
    iccid = sandbox.iccids()[0]
    token = client.access_token()
    # A refused token (renewed once), then a 503 (retried once), then the SIM.
    sandbox.expire_tokens()
    sandbox.inject(Fault.status(503).path("/v2/sims/*"))
    assert client.sims.get(iccid).iccid == iccid
    new_token = client.access_token()
    assert new_token != token

    records = [r for r in caplog.records if r.name == "once_sdk"]
    messages = [r.getMessage() for r in records]
    assert any(m.startswith("token cache miss") for m in messages), messages
    assert any(m.startswith("401: renewing the access token") for m in messages), messages
    assert any(m.startswith("retrying") and "HTTP 503" in m for m in messages), messages
    assert any(
        re.fullmatch(
            r"call operation=sims\.get method=GET path=/v2/sims/\{iccid\} attempt=2 latency_ms=\d+ status=200 request_id=sandbox-[0-9a-f]+",
            m,
        )
        for m in messages
    ), messages
    assert any(m.startswith("call operation=oauth.token") for m in messages), messages
    assert all(r.levelno == logging.DEBUG for r in records)
    for m in messages:
        assert sandbox.client_secret not in m
        assert token not in m and new_token not in m
    assert sandbox.client_secret not in repr(client)


def test_nothing_is_logged_above_the_logger_level(sandbox, client, caplog):
    caplog.set_level(logging.INFO, logger="once_sdk")
    client.sims.get(sandbox.iccids()[0])
    assert [r for r in caplog.records if r.name == "once_sdk"] == []
