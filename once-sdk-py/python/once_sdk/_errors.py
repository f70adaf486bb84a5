"""The exceptions of once_sdk, one per kind of the Rust ``once_sdk::Error``.

The native module raises these; they are plain Python classes so that your
own tests can raise them too (``raise ApiError("boom", status=500)``).
"""

from __future__ import annotations

import builtins
from typing import Any, Optional

__all__ = [
    "OnceError",
    "ApiError",
    "NotFoundError",
    "AuthError",
    "RateLimitError",
    "TimeoutError",
    "ValidationError",
    "OutcomeUnknownError",
    "TransportError",
    "DecodeError",
    "ConfigError",
]


def _rebuild(cls: type[OnceError], args: tuple[Any, ...], state: dict[str, Any]) -> OnceError:
    """Unpickles an error: the message, then the attributes as they were."""
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    cause = state.get("cause")
    if isinstance(cause, BaseException):
        exc.__cause__ = cause
    return exc


class OnceError(Exception):
    """Base class of every error raised by once_sdk.

    Errors pickle and copy with their attributes (to cross process pools,
    task queues and caches), and compare equal when their class, message
    and attributes are equal.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, OnceError)
        return self.args == other.args and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), self.args))


class ApiError(OnceError):
    """1NCE answered with an error status.

    ``status`` is the HTTP status, ``code`` 1NCE's error code (``errorCode``
    on v1, ``error_token`` on v2) and ``message`` its text, when the body
    carried them; ``body`` is the raw body (at most 4 KiB) and ``request_id``
    the id to quote to 1NCE support.
    """

    status: int
    code: Optional[str]
    message: Optional[str]
    body: str
    request_id: Optional[str]

    def __init__(
        self,
        text: str,
        *,
        status: int,
        code: Optional[str] = None,
        message: Optional[str] = None,
        body: str = "",
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(text)
        self.status = status
        self.code = code
        self.message = message
        self.body = body
        self.request_id = request_id


class NotFoundError(ApiError):
    """What was asked for does not exist: 1NCE answered 404, or answered a
    call for one resource (a SIM, an order) with an empty or ``null`` body
    (v1 does that for an unknown ICCID; ``status`` is then 200). Lists are
    never "not found": an empty list is an empty page.
    """


class AuthError(ApiError):
    """The credentials were refused (or a fresh token was refused with 401)."""


class RateLimitError(ApiError):
    """1NCE answered 429 and the retries are spent (or off).

    ``retry_after`` is how long 1NCE asked to wait, in seconds, if it said.
    """

    retry_after: Optional[float]

    def __init__(
        self,
        text: str,
        *,
        status: int = 429,
        code: Optional[str] = None,
        message: Optional[str] = None,
        body: str = "",
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(
            text,
            status=status,
            code=code,
            message=message,
            body=body,
            request_id=request_id,
        )
        self.retry_after = retry_after


class TimeoutError(OnceError, builtins.TimeoutError):
    """The call did not finish in time (per attempt or overall).

    Also a builtin ``TimeoutError``.
    """


class ValidationError(OnceError, ValueError):
    """Bad input, rejected before anything was sent.

    ``field`` is the parameter as the 1NCE API spells it (``iccid``,
    ``pageSize``), ``rule`` the rule it broke. Also a ``ValueError``.
    """

    field: str
    rule: str

    def __init__(self, text: str, *, field: str, rule: str) -> None:
        super().__init__(text)
        self.field = field
        self.rule = rule


class OutcomeUnknownError(OnceError):
    """A call that costs money or changes state may or may not have been
    applied by 1NCE, and was not retried so as not to apply it twice.

    Check the state (read the quota, list the SMS) before trying again.
    ``operation`` names the call, ``cause`` is what went wrong after the
    request was sent (also ``__cause__``).
    """

    operation: str
    cause: Optional[OnceError]

    def __init__(
        self, text: str, *, operation: str, cause: Optional[OnceError] = None
    ) -> None:
        super().__init__(text)
        self.operation = operation
        self.cause = cause
        self.__cause__ = cause


class TransportError(OnceError):
    """The request could not be sent or the response not read (DNS,
    connect, TLS, connection reset)."""


class DecodeError(OnceError):
    """The response arrived but its body did not have the expected shape.

    ``status`` is the HTTP status, ``what`` the operation, ``snippet`` the
    start of the body.
    """

    status: int
    what: str
    snippet: str

    def __init__(self, text: str, *, status: int, what: str, snippet: str) -> None:
        super().__init__(text)
        self.status = status
        self.what = what
        self.snippet = snippet


class ConfigError(OnceError):
    """The client is configured wrongly (missing credentials, bad base URL),
    or was used after ``close()``."""


for _cls in (
    OnceError,
    ApiError,
    AuthError,
    RateLimitError,
    TimeoutError,
    ValidationError,
    OutcomeUnknownError,
    TransportError,
    DecodeError,
    ConfigError,
):
    _cls.__module__ = "once_sdk"
del _cls
