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


class _CallsTheClient(logging.Handler):
    """A handler that makes a blocking call when the SDK logs a call."""

    def __init__(self, call) -> None:
        super().__init__(logging.DEBUG)
        self.call = call
        self.outcomes: list[BaseException | object] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("call operation=sims.get") and not self.outcomes:
            try:
                self.outcomes.append(self.call())
            except BaseException as e:  # a panic would be a BaseException
                self.outcomes.append(e)


def _with_handler(handler: logging.Handler):
    logger = logging.getLogger("once_sdk")
    old = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    return lambda: (logger.removeHandler(handler), logger.setLevel(old))


def test_a_blocking_call_from_a_log_handler_is_refused_clearly(sandbox, client):
    iccid = sandbox.iccids()[0]
    handler = _CallsTheClient(lambda: client.sims.get(iccid))
    undo = _with_handler(handler)
    try:
        # The call that logs is not disturbed by its handler's refused call.
        assert client.sims.get(iccid).iccid == iccid
    finally:
        undo()
    [outcome] = handler.outcomes
    assert type(outcome) is RuntimeError, repr(outcome)
    assert "cannot be made from code that runs inside another call" in str(outcome)
    assert "'once_sdk' logger" in str(outcome)
    # Once the call has returned, the same client works as before.
    assert client.sims.get(iccid).iccid == iccid


async def test_a_blocking_call_from_a_log_handler_of_an_asyncio_call_is_refused_clearly(
    sandbox, client, aclient
):
    iccid = sandbox.iccids()[0]
    handler = _CallsTheClient(lambda: client.sims.get(iccid))
    undo = _with_handler(handler)
    try:
        sim = await aclient.sims.get(iccid)
    finally:
        undo()
    assert sim.iccid == iccid
    [outcome] = handler.outcomes
    assert type(outcome) is RuntimeError, repr(outcome)
    assert client.sims.get(iccid).iccid == iccid
