# Stubs of the native module once_sdk._once_sdk.
#
# The part between the GENERATED markers is produced by the module itself
# (`_once_sdk._generated_stubs()`); `python gen_stubs.py` rewrites it and the
# tests fail when it is stale. The asyncio twins of the blocking resource
# classes (`AsyncSims` of `Sims`, ...; each marked), and `AsyncClient` from
# its constructor down to `close`, are generated from the blocking classes by
# the same script. The rest is written by hand. All of it is checked by
# `python -m mypy.stubtest once_sdk`.

import datetime
from collections.abc import AsyncIterator, Awaitable, Iterable, Iterator, Mapping, Sequence
from types import GenericAlias
from typing import Any, Generic, Literal, TypeVar, final, overload

from typing_extensions import Self

from ._strenum import StrEnum

__version__: str

def _generated_stubs() -> str: ...
def _run_cli(args: list[str]) -> int: ...
def _decode_stream(
    body: bytes | str, platform: str | None = None
) -> tuple[str, list[tuple[int, str | None, str, str, str]], str | None]: ...

_T = TypeVar("_T")

# The arguments that take an enum take its members or their strings.
_SimStatusArg = SimStatus | Literal["Enabled", "Disabled"]
_PaymentMethodArg = PaymentMethod | Literal["banktransfer", "creditcard", "monthlyinvoice", "boleto"]
_LimitServiceArg = LimitService | Literal["data", "smsMO", "smsMT"]

@final
class Client:
    """A blocking client for the 1NCE Management API.

    Calls release the GIL while they wait, so threads can share one client.
    Usable as a context manager (closes on exit). After ``os.fork()`` the
    child gets its own connections and token on first use.
    """

    def __new__(
        cls,
        *,
        client_id: str,
        client_secret: str,
        base_url: str | None = None,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
        proxy: str | None = None,
        no_proxy: bool = False,
    ) -> Self:
        """A client with explicit credentials.

        ``base_url`` defaults to 1NCE's production API (plain ``http`` only
        to loopback); ``connect_timeout`` (10 s), ``timeout`` per attempt
        (30 s) and ``operation_timeout`` for the whole call with retries
        (120 s) are in seconds; ``retries`` (3) applies to idempotent calls
        (0 switches retries off); ``rate_limits=False`` switches the pacing
        at 1NCE's published limits off; ``user_agent`` is prepended to the
        SDK's own. ``proxy`` (``http://host:port``) sends every request
        through that proxy; without it ``HTTPS_PROXY``, ``HTTP_PROXY``,
        ``ALL_PROXY`` and ``NO_PROXY`` are honoured, and ``no_proxy=True``
        ignores them (no proxy at all).

        ``redis_url`` (``redis://[[user]:password@]host[:port][/db]``) shares
        the access token and the rate limits with every process that uses
        the same Redis, client id and ``redis_key_prefix`` (default
        ``"once-sdk"``): one token request for all of them, and 1NCE's
        limits for all of them together rather than per process.
        ``shared_token=False`` keeps the token per process,
        ``shared_rate_limits=False`` the pacing; with ``rate_limits=False``
        there is no pacing to share and only the token is shared. Nothing
        connects to Redis before the first call; a malformed URL raises
        ``ConfigError`` here. While Redis is unreachable, calls go on with
        the process's own token and pacing (logged once at WARNING).
        """
    @classmethod
    def from_env(
        cls,
        *,
        base_url: str | None = None,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
        proxy: str | None = None,
        no_proxy: bool = False,
    ) -> Self:
        """A client from ``ONCE_CLIENT_ID``, ``ONCE_CLIENT_SECRET`` and
        ``ONCE_BASE_URL`` (optional); the keywords override or add to them
        (see ``Client``)."""
    @property
    def sims(self) -> Sims:
        """SIM management (API v2): list, read and change SIMs, quotas."""
    @property
    def sms(self) -> SmsMessages:
        """SMS (API v2): send SMS to devices, list, read and cancel them."""
    @property
    def orders(self) -> Orders:
        """Order management: the account's orders, and new orders."""
    @property
    def products(self) -> Products:
        """Product information: what can be ordered, at what price."""
    @property
    def support(self) -> Support:
        """Support management: service requests to 1NCE support."""
    @property
    def v1(self) -> V1:
        """SIM management v1 (``client.v1.sims``), retired by 1NCE at the end
        of 2026: use ``sims`` (v2) wherever it has the operation."""
    @property
    def os(self) -> Os:
        """1NCE OS, the device platform: devices and their actions, inspector,
        locator, optimizer, cloud integrations, plugins, settings,
        agreements and logs."""
    def access_token(self, *, timeout: float | None = None) -> str:
        """A valid access token (cached, or freshly issued), to call 1NCE
        endpoints the SDK does not cover yet. Keep it secret."""
    def close(self) -> None:
        """Closes the client: later calls raise ``ConfigError``."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *_exc: object) -> None: ...

@final
class AsyncClient:
    """An asyncio client for the 1NCE Management API: the same calls as
    ``Client``, each returning an awaitable. Usable as ``async with``.

    The calls return asyncio futures, not coroutines: call them with the
    event loop running (inside ``async def``) and ``await`` them, or pass
    them to ``asyncio.gather``/``wait_for``.
    """

    # Generated by gen_stubs.py from Client, down to close(): edit Client.
    def __new__(
        cls,
        *,
        client_id: str,
        client_secret: str,
        base_url: str | None = None,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
        proxy: str | None = None,
        no_proxy: bool = False,
    ) -> Self:
        """A client with explicit credentials.

        ``base_url`` defaults to 1NCE's production API (plain ``http`` only
        to loopback); ``connect_timeout`` (10 s), ``timeout`` per attempt
        (30 s) and ``operation_timeout`` for the whole call with retries
        (120 s) are in seconds; ``retries`` (3) applies to idempotent calls
        (0 switches retries off); ``rate_limits=False`` switches the pacing
        at 1NCE's published limits off; ``user_agent`` is prepended to the
        SDK's own. ``proxy`` (``http://host:port``) sends every request
        through that proxy; without it ``HTTPS_PROXY``, ``HTTP_PROXY``,
        ``ALL_PROXY`` and ``NO_PROXY`` are honoured, and ``no_proxy=True``
        ignores them (no proxy at all).

        ``redis_url`` (``redis://[[user]:password@]host[:port][/db]``) shares
        the access token and the rate limits with every process that uses
        the same Redis, client id and ``redis_key_prefix`` (default
        ``"once-sdk"``): one token request for all of them, and 1NCE's
        limits for all of them together rather than per process.
        ``shared_token=False`` keeps the token per process,
        ``shared_rate_limits=False`` the pacing; with ``rate_limits=False``
        there is no pacing to share and only the token is shared. Nothing
        connects to Redis before the first call; a malformed URL raises
        ``ConfigError`` here. While Redis is unreachable, calls go on with
        the process's own token and pacing (logged once at WARNING).
        """
    @classmethod
    def from_env(
        cls,
        *,
        base_url: str | None = None,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
        proxy: str | None = None,
        no_proxy: bool = False,
    ) -> Self:
        """A client from ``ONCE_CLIENT_ID``, ``ONCE_CLIENT_SECRET`` and
        ``ONCE_BASE_URL`` (optional); the keywords override or add to them
        (see ``Client``)."""
    @property
    def sims(self) -> AsyncSims:
        """SIM management (API v2): list, read and change SIMs, quotas."""
    @property
    def sms(self) -> AsyncSmsMessages:
        """SMS (API v2): send SMS to devices, list, read and cancel them."""
    @property
    def orders(self) -> AsyncOrders:
        """Order management: the account's orders, and new orders."""
    @property
    def products(self) -> AsyncProducts:
        """Product information: what can be ordered, at what price."""
    @property
    def support(self) -> AsyncSupport:
        """Support management: service requests to 1NCE support."""
    @property
    def v1(self) -> AsyncV1:
        """SIM management v1 (``client.v1.sims``), retired by 1NCE at the end
        of 2026: use ``sims`` (v2) wherever it has the operation."""
    @property
    def os(self) -> AsyncOs:
        """1NCE OS, the device platform: devices and their actions, inspector,
        locator, optimizer, cloud integrations, plugins, settings,
        agreements and logs."""
    def access_token(self, *, timeout: float | None = None) -> Awaitable[str]:
        """A valid access token (cached, or freshly issued), to call 1NCE
        endpoints the SDK does not cover yet. Keep it secret."""
    def close(self) -> None:
        """Closes the client: later calls raise ``ConfigError``."""
    def aclose(self) -> Awaitable[None]:
        """Closes the client, as an awaitable (``await client.aclose()``, as
        with httpx): later calls raise ``ConfigError``; calls in flight
        finish. Closing twice is fine."""
    def __aenter__(self) -> Awaitable[Self]: ...
    def __aexit__(self, *_exc: object) -> Awaitable[None]: ...

@final
class Sims:
    """SIM management (API v2), from ``Client.sims``."""

    def list(
        self,
        *,
        page_size: int | None = None,
        filter: str | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> Paginator[Sim]:
        """The account's SIMs (``GET /v2/sims``), ``page_size`` 1..100
        (default 10). ``filter`` is 1NCE's ``q`` (``imei:4711``), ``sort``
        e.g. ``ip_address,-imei``. Pages are fetched lazily.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, iccid: str, *, timeout: float | None = None) -> Sim:
        """One SIM (``GET /v2/sims/{iccid}``)."""
    def update(
        self,
        iccid: str,
        *,
        label: str | None = None,
        status: _SimStatusArg | None = None,
        imei_lock: bool | None = None,
        timeout: float | None = None,
    ) -> None:
        """Changes a SIM (``PUT /v2/sims/{iccid}``): label (at most 255
        characters), status ``Enabled``/``Disabled``, IMEI lock. At least
        one must be given."""
    def data_quota(self, iccid: str, *, timeout: float | None = None) -> Quota:
        """The SIM's data quota (``GET /v2/sims/{iccid}/quota/data``)."""
    def sms_quota(self, iccid: str, *, timeout: float | None = None) -> Quota:
        """The SIM's SMS quota (``GET /v2/sims/{iccid}/quota/sms``)."""
    def status(self, iccid: str, *, timeout: float | None = None) -> SimConnectivity:
        """The SIM's connectivity (``GET /v2/sims/{iccid}/status``): online,
        attached, offline or blocked, where it is, its data sessions."""
    def events(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[Event]:
        """The SIM's diagnostic events (``GET /v2/sims/{iccid}/events``),
        ``page_size`` 1..1000 (default 10).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def reset(self, iccid: str, *, timeout: float | None = None) -> None:
        """Resets the SIM's connectivity (``POST /v2/sims/{iccid}/reset``).
        Never retried once it may have reached 1NCE (``OutcomeUnknownError``)."""
    def top_up(self, iccid: str, *, payment_method: _PaymentMethodArg | None = None, timeout: float | None = None) -> TopUpOrder:
        """Tops up the SIM's volume (``POST /v2/sims/{iccid}/topup``). **Costs
        money**; never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: check the quota before trying again).
        ``payment_method``: ``banktransfer`` (default at 1NCE),
        ``creditcard``, ``monthlyinvoice`` or ``boleto``."""
    def auto_top_up(self, iccids: Sequence[str], *, enabled: bool, timeout: float | None = None) -> None:
        """Switches automatic top-up on or off (``POST /v2/sims/autoTopup``,
        201). 1NCE does not publish the v2 body; the SDK sends v1's
        ``{"enabled": bool, "iccids": [...]}``."""

# Generated by gen_stubs.py from Sims: edit Sims, then run it.
@final
class AsyncSims:
    """SIM management (API v2), from ``AsyncClient.sims``."""

    def list(
        self,
        *,
        page_size: int | None = None,
        filter: str | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> AsyncPaginator[Sim]:
        """The account's SIMs (``GET /v2/sims``), ``page_size`` 1..100
        (default 10). ``filter`` is 1NCE's ``q`` (``imei:4711``), ``sort``
        e.g. ``ip_address,-imei``. Pages are fetched lazily.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, iccid: str, *, timeout: float | None = None) -> Awaitable[Sim]:
        """One SIM (``GET /v2/sims/{iccid}``)."""
    def update(
        self,
        iccid: str,
        *,
        label: str | None = None,
        status: _SimStatusArg | None = None,
        imei_lock: bool | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Changes a SIM (``PUT /v2/sims/{iccid}``): label (at most 255
        characters), status ``Enabled``/``Disabled``, IMEI lock. At least
        one must be given."""
    def data_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[Quota]:
        """The SIM's data quota (``GET /v2/sims/{iccid}/quota/data``)."""
    def sms_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[Quota]:
        """The SIM's SMS quota (``GET /v2/sims/{iccid}/quota/sms``)."""
    def status(self, iccid: str, *, timeout: float | None = None) -> Awaitable[SimConnectivity]:
        """The SIM's connectivity (``GET /v2/sims/{iccid}/status``): online,
        attached, offline or blocked, where it is, its data sessions."""
    def events(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Event]:
        """The SIM's diagnostic events (``GET /v2/sims/{iccid}/events``),
        ``page_size`` 1..1000 (default 10).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def reset(self, iccid: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Resets the SIM's connectivity (``POST /v2/sims/{iccid}/reset``).
        Never retried once it may have reached 1NCE (``OutcomeUnknownError``)."""
    def top_up(self, iccid: str, *, payment_method: _PaymentMethodArg | None = None, timeout: float | None = None) -> Awaitable[TopUpOrder]:
        """Tops up the SIM's volume (``POST /v2/sims/{iccid}/topup``). **Costs
        money**; never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: check the quota before trying again).
        ``payment_method``: ``banktransfer`` (default at 1NCE),
        ``creditcard``, ``monthlyinvoice`` or ``boleto``."""
    def auto_top_up(self, iccids: Sequence[str], *, enabled: bool, timeout: float | None = None) -> Awaitable[None]:
        """Switches automatic top-up on or off (``POST /v2/sims/autoTopup``,
        201). 1NCE does not publish the v2 body; the SDK sends v1's
        ``{"enabled": bool, "iccids": [...]}``."""

# --- 1NCE OS (client.os): the area classes are generated below ---

@final
class Secret:
    """A device or cloud secret (pre-shared key, partner key, webhook header
    value): ``repr()`` and ``str()`` show ``[redacted]``; ``expose()``
    returns it. ``"[redacted]"`` in ``to_dict(mode="json")`` too."""

    def __new__(cls, value: str) -> Self: ...
    def expose(self) -> str:
        """The secret itself: only where it is meant to be seen."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ActionHandle:
    """A device action 1NCE accepted (202): ``wait(timeout)`` follows its
    request until it ended."""

    @property
    def id(self) -> str | None:
        """The id of the action request, if 1NCE gave one."""
    @property
    def accepted(self) -> ActionAccepted:
        """1NCE's answer to the action."""
    def wait(self, timeout: float, *, poll_every: float | None = None) -> ActionRequest:
        """Polls the request until it ended, for at most ``timeout`` seconds."""

@final
class AsyncActionHandle:
    """A device action 1NCE accepted (202), from ``AsyncClient``."""

    @property
    def id(self) -> str | None:
        """The id of the action request, if 1NCE gave one."""
    @property
    def accepted(self) -> ActionAccepted:
        """1NCE's answer to the action."""
    def wait(self, timeout: float, *, poll_every: float | None = None) -> Awaitable[ActionRequest]:
        """Polls the request until it ended, for at most ``timeout`` seconds."""

@final
class BulkActionHandle:
    """A bulk device action 1NCE accepted (202)."""

    @property
    def accepted(self) -> BulkActionAccepted:
        """1NCE's answer: the requests it accepted, the devices it rejected."""
    @property
    def rejected(self) -> list[str]:
        """The devices 1NCE rejected."""
    def handles(self) -> list[ActionHandle]:
        """One action handle per accepted request, to wait on."""

@final
class AsyncBulkActionHandle:
    """A bulk device action 1NCE accepted (202), from ``AsyncClient``."""

    @property
    def accepted(self) -> BulkActionAccepted:
        """1NCE's answer: the requests it accepted, the devices it rejected."""
    @property
    def rejected(self) -> list[str]:
        """The devices 1NCE rejected."""
    def handles(self) -> list[AsyncActionHandle]:
        """One action handle per accepted request, to wait on."""

@final
class PskJobHandle:
    """Pre-shared-key jobs 1NCE accepted (202)."""

    def wait(self, timeout: float, *, poll_every: float | None = None) -> tuple[PskJob, ...]:
        """Polls the jobs until none is in progress, for at most ``timeout`` seconds."""

@final
class AsyncPskJobHandle:
    """Pre-shared-key jobs 1NCE accepted (202), from ``AsyncClient``."""

    def wait(self, timeout: float, *, poll_every: float | None = None) -> Awaitable[tuple[PskJob, ...]]:
        """Polls the jobs until none is in progress, for at most ``timeout`` seconds."""

# --- SIM management v1 (client.v1.sims) ---

@final
class V1:
    """SIM management v1 (``/v1/sims...``), from ``Client.v1``.

    1NCE retires SIM management v1 at the end of 2026: use ``client.sims``
    (v2) wherever it has the operation."""

    @property
    def sims(self) -> V1Sims:
        """The SIM operations of v1 (all 23)."""

# Generated by gen_stubs.py from V1: edit V1, then run it.
@final
class AsyncV1:
    """SIM management v1 (``/v1/sims...``), from ``AsyncClient.v1``.

    1NCE retires SIM management v1 at the end of 2026: use ``client.sims``
    (v2) wherever it has the operation."""

    @property
    def sims(self) -> AsyncV1Sims:
        """The SIM operations of v1 (all 23)."""

@final
class V1SimUpdate:
    """One SIM's new settings for ``update_many``: ICCID and status (required
    by v1), optionally label and IMEI lock. Checked when built.

    1NCE retires v1 at the end of 2026; v2 changes one SIM at a time with
    ``client.sims.update``."""

    def __new__(
        cls,
        iccid: str,
        *,
        status: _SimStatusArg,
        label: str | None = None,
        imei_lock: bool | None = None,
    ) -> Self: ...
    @property
    def iccid(self) -> str:
        """The SIM to change."""
    @property
    def status(self) -> SimStatus:
        """``Enabled`` or ``Disabled``."""
    @property
    def label(self) -> str | None:
        """The new label, if any."""
    @property
    def imei_lock(self) -> bool | None:
        """Lock (or unlock) the SIM to the current device IMEI, if set."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class V1Sims:
    """SIM management v1, from ``Client.v1.sims``: the 23 v1 operations.

    1NCE retires SIM management v1 at the end of 2026. Where v2 has the
    operation (``client.sims``, ``client.sms``), use v2; usage, connectivity
    info, bulk update, multiple and auto top-up, limits, extension and
    transfer exist only here."""

    def list(
        self,
        *,
        page_size: int | None = None,
        filter: str | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> Paginator[V1Sim]:
        """The account's SIMs (``GET /v1/sims``), ``page_size`` 1..100
        (default 10); ``filter`` on imei/ip_address (``imei:4711``), ``sort``
        by imei/ip_address (``-imei``). Pages are fetched lazily.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: use ``sims.list`` (v2)."""
    def get(self, iccid: str, *, timeout: float | None = None) -> V1Sim:
        """One SIM (``GET /v1/sims/{iccid}``).

        Retired with v1 at the end of 2026: use ``sims.get`` (v2)."""
    def update(
        self,
        iccid: str,
        *,
        status: _SimStatusArg,
        label: str | None = None,
        imei_lock: bool | None = None,
        timeout: float | None = None,
    ) -> None:
        """Changes one SIM (``PUT /v1/sims/{iccid}``): ``status``
        ``Enabled``/``Disabled`` (required by v1), label (at most 255
        characters), IMEI lock.

        Retired with v1 at the end of 2026: use ``sims.update`` (v2)."""
    def update_many(self, updates: Sequence[V1SimUpdate], *, timeout: float | None = None) -> None:
        """Changes many SIMs at once (``POST /v1/sims``; non-empty, no SIM
        twice); 1NCE queues the changes.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def status(self, iccid: str, *, timeout: float | None = None) -> V1Connectivity:
        """The SIM's connectivity status, location and data session
        (``GET /v1/sims/{iccid}/status``).

        Retired with v1 at the end of 2026: v2 has ``sims.status``."""
    def connectivity_info(
        self,
        iccid: str,
        *,
        subscriber: bool | None = None,
        ussd: bool | None = None,
        timeout: float | None = None,
    ) -> ConnectivityInfo:
        """Connectivity and cell tower information (``GET
        /v1/sims/{iccid}/connectivity_info``; 1NCE's defaults: subscriber
        True, ussd False).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def reset(self, iccid: str, *, timeout: float | None = None) -> None:
        """Resets the SIM's connectivity (``POST /v1/sims/{iccid}/reset``);
        never retried.

        Retired with v1 at the end of 2026: v2 has ``sims.reset``."""
    def events(
        self,
        iccid: str,
        *,
        page_size: int | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> Paginator[V1Event]:
        """The SIM's events (``GET /v1/sims/{iccid}/events``),
        ``page_size`` 1..1000 (default 10), ``sort`` e.g. ``-timestamp``.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: v2 has ``sims.events``."""
    def usage(
        self,
        iccid: str,
        *,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        timeout: float | None = None,
    ) -> Usage:
        """Daily data and SMS usage (``GET /v1/sims/{iccid}/usage``) from
        ``since`` to ``until`` (at most 6 months back), the period's totals
        in ``Usage.total``.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def data_quota(self, iccid: str, *, timeout: float | None = None) -> V1Quota:
        """The SIM's data quota (``GET /v1/sims/{iccid}/quota/data``).

        Retired with v1 at the end of 2026: use ``sims.data_quota`` (v2)."""
    def sms_quota(self, iccid: str, *, timeout: float | None = None) -> V1Quota:
        """The SIM's SMS quota (``GET /v1/sims/{iccid}/quota/sms``).

        Retired with v1 at the end of 2026: use ``sims.sms_quota`` (v2)."""
    def list_sms(
        self,
        iccid: str,
        *,
        page_size: int | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> Paginator[V1SmsRecord]:
        """The SIM's SMS (``GET /v1/sims/{iccid}/sms``), ``page_size``
        1..100 (default 10), ``sort`` e.g. ``-submit_date``.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: v2 has ``sms.list``."""
    def send_sms(
        self,
        iccid: str,
        payload: str,
        *,
        dcs: int | None = None,
        udh: str | None = None,
        source_address: str | None = None,
        source_address_type: int | None = None,
        expiry_date: datetime.datetime | None = None,
        timeout: float | None = None,
    ) -> int | None:
        """Sends an SMS to the device (``POST /v1/sims/{iccid}/sms``):
        text, or hex with ``dcs`` 4 (binary) or 8 (UCS-2); checked before
        sending; never retried. Returns the SMS's id when 1NCE gives one
        (as v2's ``sms.send``).

        Retired with v1 at the end of 2026: v2 has ``sms.send``."""
    def get_sms(self, iccid: str, id: int, *, timeout: float | None = None) -> V1SmsRecord:
        """One SMS (``GET /v1/sims/{iccid}/sms/{id}``).

        Retired with v1 at the end of 2026: v2 has ``sms.get``."""
    def delete_sms(self, iccid: str, id: int, *, timeout: float | None = None) -> None:
        """Cancels an SMS waiting for delivery (``DELETE
        /v1/sims/{iccid}/sms/{id}``).

        Retired with v1 at the end of 2026: v2 has ``sms.delete``."""
    def top_up(
        self, iccid: str, *, payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> V1TopUpOrder:
        """Tops up the SIM (``POST /v1/sims/{iccid}/topup``), paid by
        ``banktransfer`` (default), ``creditcard``, ``monthlyinvoice`` or
        ``boleto``. Costs money; never retried.

        Retired with v1 at the end of 2026: v2 has ``sims.top_up``."""
    def top_up_many(
        self, iccids: Sequence[str], *, payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> V1TopUpOrder:
        """Tops up several SIMs in one order (``POST /v1/sims/topup``).
        Costs money; never retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def auto_top_up(self, iccids: Sequence[str], *, enabled: bool, timeout: float | None = None) -> None:
        """Switches automatic top-up on or off (``POST /v1/sims/autoTopup``).

        Retired with v1 at the end of 2026; use ``sims.auto_top_up``
        (``POST /v2/sims/autoTopup``) instead."""
    def limits(self, *, timeout: float | None = None) -> Limits:
        """The account-wide monthly limits (``GET /v1/sims/limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def set_limits(
        self,
        *,
        data: int | None = None,
        sms_mt: int | None = None,
        sms_mo: int | None = None,
        timeout: float | None = None,
    ) -> None:
        """Sets the account-wide monthly limits by limit id (``POST
        /v1/sims/limits``; ids from ``selectable_limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def selectable_limits(self, service: _LimitServiceArg, *, timeout: float | None = None) -> tuple[Limit, ...]:
        """The limits selectable for ``data``, ``smsMO`` or ``smsMT``
        (``GET /v1/sims/{service}/limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def extend(
        self,
        iccids: Sequence[str],
        *,
        product_id: int | None = None,
        payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> None:
        """Extends SIMs and renews their quotas (``POST
        /v1/sims/extension``). Costs money; never retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def transfer(
        self,
        *,
        iccids: Sequence[str] | None = None,
        ranges: Sequence[tuple[str, str]] | None = None,
        target_organisation: int | None = None,
        timeout: float | None = None,
    ) -> None:
        """Moves SIMs (single ``iccids`` and/or ``(first, last)`` ``ranges``)
        to another organisation (``POST /v1/sims/simTransfer``); never
        retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""

# Generated by gen_stubs.py from V1Sims: edit V1Sims, then run it.
@final
class AsyncV1Sims:
    """SIM management v1, from ``AsyncClient.v1.sims``: the 23 v1 operations.

    1NCE retires SIM management v1 at the end of 2026. Where v2 has the
    operation (``client.sims``, ``client.sms``), use v2; usage, connectivity
    info, bulk update, multiple and auto top-up, limits, extension and
    transfer exist only here."""

    def list(
        self,
        *,
        page_size: int | None = None,
        filter: str | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> AsyncPaginator[V1Sim]:
        """The account's SIMs (``GET /v1/sims``), ``page_size`` 1..100
        (default 10); ``filter`` on imei/ip_address (``imei:4711``), ``sort``
        by imei/ip_address (``-imei``). Pages are fetched lazily.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: use ``sims.list`` (v2)."""
    def get(self, iccid: str, *, timeout: float | None = None) -> Awaitable[V1Sim]:
        """One SIM (``GET /v1/sims/{iccid}``).

        Retired with v1 at the end of 2026: use ``sims.get`` (v2)."""
    def update(
        self,
        iccid: str,
        *,
        status: _SimStatusArg,
        label: str | None = None,
        imei_lock: bool | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Changes one SIM (``PUT /v1/sims/{iccid}``): ``status``
        ``Enabled``/``Disabled`` (required by v1), label (at most 255
        characters), IMEI lock.

        Retired with v1 at the end of 2026: use ``sims.update`` (v2)."""
    def update_many(self, updates: Sequence[V1SimUpdate], *, timeout: float | None = None) -> Awaitable[None]:
        """Changes many SIMs at once (``POST /v1/sims``; non-empty, no SIM
        twice); 1NCE queues the changes.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def status(self, iccid: str, *, timeout: float | None = None) -> Awaitable[V1Connectivity]:
        """The SIM's connectivity status, location and data session
        (``GET /v1/sims/{iccid}/status``).

        Retired with v1 at the end of 2026: v2 has ``sims.status``."""
    def connectivity_info(
        self,
        iccid: str,
        *,
        subscriber: bool | None = None,
        ussd: bool | None = None,
        timeout: float | None = None,
    ) -> Awaitable[ConnectivityInfo]:
        """Connectivity and cell tower information (``GET
        /v1/sims/{iccid}/connectivity_info``; 1NCE's defaults: subscriber
        True, ussd False).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def reset(self, iccid: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Resets the SIM's connectivity (``POST /v1/sims/{iccid}/reset``);
        never retried.

        Retired with v1 at the end of 2026: v2 has ``sims.reset``."""
    def events(
        self,
        iccid: str,
        *,
        page_size: int | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> AsyncPaginator[V1Event]:
        """The SIM's events (``GET /v1/sims/{iccid}/events``),
        ``page_size`` 1..1000 (default 10), ``sort`` e.g. ``-timestamp``.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: v2 has ``sims.events``."""
    def usage(
        self,
        iccid: str,
        *,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        timeout: float | None = None,
    ) -> Awaitable[Usage]:
        """Daily data and SMS usage (``GET /v1/sims/{iccid}/usage``) from
        ``since`` to ``until`` (at most 6 months back), the period's totals
        in ``Usage.total``.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def data_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[V1Quota]:
        """The SIM's data quota (``GET /v1/sims/{iccid}/quota/data``).

        Retired with v1 at the end of 2026: use ``sims.data_quota`` (v2)."""
    def sms_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[V1Quota]:
        """The SIM's SMS quota (``GET /v1/sims/{iccid}/quota/sms``).

        Retired with v1 at the end of 2026: use ``sims.sms_quota`` (v2)."""
    def list_sms(
        self,
        iccid: str,
        *,
        page_size: int | None = None,
        sort: str | None = None,
        timeout: float | None = None,
    ) -> AsyncPaginator[V1SmsRecord]:
        """The SIM's SMS (``GET /v1/sims/{iccid}/sms``), ``page_size``
        1..100 (default 10), ``sort`` e.g. ``-submit_date``.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it.

        Retired with v1 at the end of 2026: v2 has ``sms.list``."""
    def send_sms(
        self,
        iccid: str,
        payload: str,
        *,
        dcs: int | None = None,
        udh: str | None = None,
        source_address: str | None = None,
        source_address_type: int | None = None,
        expiry_date: datetime.datetime | None = None,
        timeout: float | None = None,
    ) -> Awaitable[int | None]:
        """Sends an SMS to the device (``POST /v1/sims/{iccid}/sms``):
        text, or hex with ``dcs`` 4 (binary) or 8 (UCS-2); checked before
        sending; never retried. Returns the SMS's id when 1NCE gives one
        (as v2's ``sms.send``).

        Retired with v1 at the end of 2026: v2 has ``sms.send``."""
    def get_sms(self, iccid: str, id: int, *, timeout: float | None = None) -> Awaitable[V1SmsRecord]:
        """One SMS (``GET /v1/sims/{iccid}/sms/{id}``).

        Retired with v1 at the end of 2026: v2 has ``sms.get``."""
    def delete_sms(self, iccid: str, id: int, *, timeout: float | None = None) -> Awaitable[None]:
        """Cancels an SMS waiting for delivery (``DELETE
        /v1/sims/{iccid}/sms/{id}``).

        Retired with v1 at the end of 2026: v2 has ``sms.delete``."""
    def top_up(
        self, iccid: str, *, payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> Awaitable[V1TopUpOrder]:
        """Tops up the SIM (``POST /v1/sims/{iccid}/topup``), paid by
        ``banktransfer`` (default), ``creditcard``, ``monthlyinvoice`` or
        ``boleto``. Costs money; never retried.

        Retired with v1 at the end of 2026: v2 has ``sims.top_up``."""
    def top_up_many(
        self, iccids: Sequence[str], *, payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> Awaitable[V1TopUpOrder]:
        """Tops up several SIMs in one order (``POST /v1/sims/topup``).
        Costs money; never retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def auto_top_up(self, iccids: Sequence[str], *, enabled: bool, timeout: float | None = None) -> Awaitable[None]:
        """Switches automatic top-up on or off (``POST /v1/sims/autoTopup``).

        Retired with v1 at the end of 2026; use ``sims.auto_top_up``
        (``POST /v2/sims/autoTopup``) instead."""
    def limits(self, *, timeout: float | None = None) -> Awaitable[Limits]:
        """The account-wide monthly limits (``GET /v1/sims/limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def set_limits(
        self,
        *,
        data: int | None = None,
        sms_mt: int | None = None,
        sms_mo: int | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Sets the account-wide monthly limits by limit id (``POST
        /v1/sims/limits``; ids from ``selectable_limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def selectable_limits(self, service: _LimitServiceArg, *, timeout: float | None = None) -> Awaitable[tuple[Limit, ...]]:
        """The limits selectable for ``data``, ``smsMO`` or ``smsMT``
        (``GET /v1/sims/{service}/limits``).

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def extend(
        self,
        iccids: Sequence[str],
        *,
        product_id: int | None = None,
        payment_method: _PaymentMethodArg | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Extends SIMs and renews their quotas (``POST
        /v1/sims/extension``). Costs money; never retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""
    def transfer(
        self,
        *,
        iccids: Sequence[str] | None = None,
        ranges: Sequence[tuple[str, str]] | None = None,
        target_organisation: int | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Moves SIMs (single ``iccids`` and/or ``(first, last)`` ``ranges``)
        to another organisation (``POST /v1/sims/simTransfer``); never
        retried.

        Retired with v1 at the end of 2026; v2 has no counterpart."""

# --- end of SIM management v1 ---

@final
class Page(Generic[_T]):
    """One page of a list, with the figures 1NCE reports for the whole list."""

    @classmethod
    def __class_getitem__(cls, key: Any) -> GenericAlias: ...
    @property
    def items(self) -> tuple[_T, ...]:
        """The items on this page."""
    @property
    def page(self) -> int:
        """This page's number (from 1)."""
    @property
    def page_size(self) -> int:
        """The page size asked for."""
    @property
    def total_count(self) -> int | None:
        """Items in the whole list (``X-Total-Count``), when reported."""
    @property
    def total_pages(self) -> int | None:
        """Pages in the whole list (``X-Total-Pages``), when reported."""
    @property
    def has_next(self) -> bool:
        """True when a page follows this one."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_T]: ...
    @overload
    def __getitem__(self, index: int, /) -> _T: ...
    @overload
    def __getitem__(self, index: slice, /) -> tuple[_T, ...]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Paginator(Iterator[_T]):
    """A list and an iterator over its items: pages are fetched lazily, one
    ahead, when iterating; ``page(n)`` fetches one page, ``pages()`` iterates
    over pages. Nothing is sent before one of these."""

    @classmethod
    def __class_getitem__(cls, key: Any) -> GenericAlias: ...
    def __iter__(self) -> Self: ...
    def __next__(self) -> _T: ...
    def pages(self) -> PageIterator[_T]:
        """Every page from the first, fetched lazily (a new iteration)."""
    def page(self, n: int = 1, *, timeout: float | None = None) -> Page[_T]:
        """Page ``n`` (from 1), with the list's totals. ``timeout``: seconds
        this page's call may take, retries included (default: the list's
        ``timeout=``, else the client's ``operation_timeout``)."""

@final
class AsyncPaginator(AsyncIterator[_T]):
    """A list and an async iterator over its items: ``async for`` fetches
    pages lazily, one ahead; ``await page(n)`` fetches one page, ``pages()``
    is an async iterator over pages. Nothing is sent before one of these."""

    @classmethod
    def __class_getitem__(cls, key: Any) -> GenericAlias: ...
    def __aiter__(self) -> Self: ...
    def __anext__(self) -> Awaitable[_T]: ...
    def pages(self) -> AsyncPageIterator[_T]:
        """Every page from the first, fetched lazily (a new iteration)."""
    def page(self, n: int = 1, *, timeout: float | None = None) -> Awaitable[Page[_T]]:
        """Page ``n`` (from 1), with the list's totals. ``timeout``: seconds
        this page's call may take, retries included (default: the list's
        ``timeout=``, else the client's ``operation_timeout``)."""

@final
class PageIterator(Iterator[Page[_T]]):
    """The pages of a list, from ``Paginator.pages()``."""

    @classmethod
    def __class_getitem__(cls, key: Any) -> GenericAlias: ...
    def __iter__(self) -> Self: ...
    def __next__(self) -> Page[_T]: ...

@final
class AsyncPageIterator(AsyncIterator[Page[_T]]):
    """The pages of a list, from ``AsyncPaginator.pages()``."""

    @classmethod
    def __class_getitem__(cls, key: Any) -> GenericAlias: ...
    def __aiter__(self) -> Self: ...
    def __anext__(self) -> Awaitable[Page[_T]]: ...

# --- SMS, orders, products, support ---

@final
class SmsMessages:
    """SMS to and from SIMs (API v2), from ``Client.sms``."""

    def send(
        self,
        iccid: str,
        payload: str,
        *,
        dcs: int | None = None,
        udh: str | None = None,
        source_address: str | None = None,
        source_address_type: int | None = None,
        expiry_date: datetime.datetime | None = None,
        timeout: float | None = None,
    ) -> int | None:
        """Sends an SMS to the device (``POST /v2/sims/{iccid}/sms``).

        ``payload`` is text (``dcs`` 0, GSM 7-bit, up to 160 characters) or
        hex (``dcs`` 4 binary, 8 UCS-2; up to 140 octets); ``udh`` a User
        Data Header in hex; ``source_address`` the sender shown, of
        ``source_address_type`` 145 (international), 161 (national) or 208
        (alphanumeric); ``expiry_date`` (timezone-aware) ends delivery
        attempts. Checked before sending (``ValidationError`` names the
        field). Uses SMS quota; never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: list the SMS before sending again).
        Returns 1NCE's id of the SMS, or ``None`` when its answer had none.
        """
    def list(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[SmsRecord]:
        """The SMS sent to and received from the SIM (``GET
        /v2/sims/{iccid}/sms``), ``page_size`` 1..1000 (default 20, 1NCE's
        ``per_page``).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, iccid: str, id: int, *, timeout: float | None = None) -> SmsRecord:
        """One SMS of the SIM (``GET /v2/sims/{iccid}/sms/{id}``)."""
    def delete(self, iccid: str, id: int, *, timeout: float | None = None) -> None:
        """Cancels an SMS not delivered yet (``DELETE /v2/sims/{iccid}/sms/{id}``)."""

# Generated by gen_stubs.py from SmsMessages: edit SmsMessages, then run it.
@final
class AsyncSmsMessages:
    """SMS to and from SIMs (API v2), from ``AsyncClient.sms``."""

    def send(
        self,
        iccid: str,
        payload: str,
        *,
        dcs: int | None = None,
        udh: str | None = None,
        source_address: str | None = None,
        source_address_type: int | None = None,
        expiry_date: datetime.datetime | None = None,
        timeout: float | None = None,
    ) -> Awaitable[int | None]:
        """Sends an SMS to the device (``POST /v2/sims/{iccid}/sms``).

        ``payload`` is text (``dcs`` 0, GSM 7-bit, up to 160 characters) or
        hex (``dcs`` 4 binary, 8 UCS-2; up to 140 octets); ``udh`` a User
        Data Header in hex; ``source_address`` the sender shown, of
        ``source_address_type`` 145 (international), 161 (national) or 208
        (alphanumeric); ``expiry_date`` (timezone-aware) ends delivery
        attempts. Checked before sending (``ValidationError`` names the
        field). Uses SMS quota; never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: list the SMS before sending again).
        Returns 1NCE's id of the SMS, or ``None`` when its answer had none.
        """
    def list(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[SmsRecord]:
        """The SMS sent to and received from the SIM (``GET
        /v2/sims/{iccid}/sms``), ``page_size`` 1..1000 (default 20, 1NCE's
        ``per_page``).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, iccid: str, id: int, *, timeout: float | None = None) -> Awaitable[SmsRecord]:
        """One SMS of the SIM (``GET /v2/sims/{iccid}/sms/{id}``)."""
    def delete(self, iccid: str, id: int, *, timeout: float | None = None) -> Awaitable[None]:
        """Cancels an SMS not delivered yet (``DELETE /v2/sims/{iccid}/sms/{id}``)."""

@final
class Orders:
    """Order management, from ``Client.orders``."""

    def list(self, *, page_size: int | None = None, sort: str | None = None, timeout: float | None = None) -> Paginator[Order]:
        """The account's orders (``GET /v1/orders``), ``page_size`` 1..10
        (default 10); ``sort`` by ``order_number``, ``order_status``,
        ``order_date``, comma separated.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, order_number: int, *, timeout: float | None = None) -> Order:
        """One order (``GET /v1/orders/{order_number}``)."""
    def create(
        self,
        products: Mapping[int, int] | Iterable[tuple[int, int]],
        *,
        delivery_address: Mapping[str, str] | DeliveryAddress | None = None,
        customer_reference: str | None = None,
        timeout: float | None = None,
    ) -> OrderCreated:
        """Places an order (``POST /v1/orders``). **Costs money**; checked
        first, never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: list the orders before ordering again).

        ``products`` is ``{product_id: quantity}`` or ``[(product_id,
        quantity)]`` (ids from ``products.list()``); ``delivery_address`` a
        dict with ``salutation`` (``"1"`` Mr, ``"2"`` Ms), ``first_name``,
        ``last_name``, ``company``, ``street``, ``address_line2``,
        ``house_number``, ``zip``, ``city``, ``country`` (ISO code like
        ``DE``), ``phone``, or a ``DeliveryAddress``.
        """

# Generated by gen_stubs.py from Orders: edit Orders, then run it.
@final
class AsyncOrders:
    """Order management, from ``AsyncClient.orders``."""

    def list(self, *, page_size: int | None = None, sort: str | None = None, timeout: float | None = None) -> AsyncPaginator[Order]:
        """The account's orders (``GET /v1/orders``), ``page_size`` 1..10
        (default 10); ``sort`` by ``order_number``, ``order_status``,
        ``order_date``, comma separated.
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def get(self, order_number: int, *, timeout: float | None = None) -> Awaitable[Order]:
        """One order (``GET /v1/orders/{order_number}``)."""
    def create(
        self,
        products: Mapping[int, int] | Iterable[tuple[int, int]],
        *,
        delivery_address: Mapping[str, str] | DeliveryAddress | None = None,
        customer_reference: str | None = None,
        timeout: float | None = None,
    ) -> Awaitable[OrderCreated]:
        """Places an order (``POST /v1/orders``). **Costs money**; checked
        first, never retried once it may have reached 1NCE
        (``OutcomeUnknownError``: list the orders before ordering again).

        ``products`` is ``{product_id: quantity}`` or ``[(product_id,
        quantity)]`` (ids from ``products.list()``); ``delivery_address`` a
        dict with ``salutation`` (``"1"`` Mr, ``"2"`` Ms), ``first_name``,
        ``last_name``, ``company``, ``street``, ``address_line2``,
        ``house_number``, ``zip``, ``city``, ``country`` (ISO code like
        ``DE``), ``phone``, or a ``DeliveryAddress``.
        """

@final
class Products:
    """Product information, from ``Client.products``."""

    def list(self, *, timeout: float | None = None) -> Page[Product]:
        """Every product 1NCE offers the account (``GET /v1/products``).
        1NCE does not page it: one ``Page`` holds every product."""

# Generated by gen_stubs.py from Products: edit Products, then run it.
@final
class AsyncProducts:
    """Product information, from ``AsyncClient.products``."""

    def list(self, *, timeout: float | None = None) -> Awaitable[Page[Product]]:
        """Every product 1NCE offers the account (``GET /v1/products``).
        1NCE does not page it: one ``Page`` holds every product."""

# Support and AsyncSupport are generated (below, with 1NCE OS).

# --- end SMS, orders, products, support ---

# --- sandbox (once_sdk::sandbox) ---

@final
class Fault:
    """A fault to inject with ``Sandbox.inject()``, mirroring the Rust
    ``once_sdk::sandbox::Fault``: pick what happens with a constructor, narrow
    it with ``method()`` / ``path()``, widen it with ``times()`` /
    ``always()``. Immutable: each of those returns a new ``Fault``.
    By default a fault hits the next request of any method to any path, once.
    """

    @staticmethod
    def status(code: int) -> Fault:
        """Answer ``code`` with the API's error body; nothing is applied."""
    @staticmethod
    def delay(seconds: float) -> Fault:
        """Wait ``seconds``, then handle the request normally."""
    @staticmethod
    def malformed_body() -> Fault:
        """Answer 200 with a body that is not JSON; nothing is applied."""
    @staticmethod
    def truncated_body() -> Fault:
        """Apply the request, then send half of the real body and close."""
    @staticmethod
    def rate_limited(retry_after: float | None = None) -> Fault:
        """Answer 429, with ``Retry-After`` when given; nothing is applied."""
    @staticmethod
    def html(code: int) -> Fault:
        """Answer ``code`` with an HTML page (a gateway error); nothing is applied."""
    @staticmethod
    def drop_connection() -> Fault:
        """Close the connection without an answer; nothing is applied."""
    @staticmethod
    def apply_then_status(code: int) -> Fault:
        """Apply the request, then answer ``code`` as if it had failed."""
    @staticmethod
    def apply_then_drop() -> Fault:
        """Apply the request, then close the connection without an answer."""
    def method(self, method: str) -> Fault:
        """Only requests with this HTTP method (case-insensitive)."""
    def path(self, pattern: str) -> Fault:
        """Only requests whose path matches ``pattern`` (``*`` one segment,
        a final ``**`` any rest: ``/v2/sims/*/topup``)."""
    def times(self, n: int) -> Fault:
        """The next ``n`` matching requests (default 1)."""
    def always(self) -> Fault:
        """Every matching request until ``Sandbox.clear_faults()``."""

@final
class SandboxStats:
    """What the sandbox counted since it started (or since ``reset_stats()``)."""

    @property
    def requests(self) -> int:
        """Every request received (token requests included)."""
    @property
    def token_requests(self) -> int:
        """``POST /oauth/token`` requests, successful or not."""
    @property
    def tokens_issued(self) -> int:
        """Tokens issued."""
    @property
    def unauthorized(self) -> int:
        """401 answers (missing, unknown or expired token)."""
    @property
    def rate_limited(self) -> int:
        """429 answers, from the rate limits or injected."""
    @property
    def faults_injected(self) -> int:
        """Requests an injected fault hit."""
    @property
    def top_ups_applied(self) -> int:
        """Top-ups applied, one per SIM, auto top-ups included."""
    @property
    def auto_top_ups(self) -> int:
        """Top-ups applied automatically when a quota with auto top-up ran out."""
    @property
    def sms_sent(self) -> int:
        """SMS accepted for sending (v1 and v2)."""
    @property
    def orders_created(self) -> int:
        """Orders created with ``POST /v1/orders``."""
    @property
    def support_requests_created(self) -> int:
        """Support requests created."""
    @property
    def by_operation(self) -> dict[str, int]:
        """Requests per operation, keyed ``"METHOD /path/{template}"``."""
    def requests_to(self, method: str, template: str) -> int:
        """Requests to one operation, e.g. ``requests_to("GET", "/v2/sims/{iccid}")``."""

@final
class StreamStats:
    """What the sandbox's Data Streamer stream did (``Sandbox.stream_stats()``)."""

    @property
    def state(self) -> Literal["off", "running", "failed"]:
        """``"off"`` (no stream set up), ``"running"``, or ``"failed"`` (too many
        failed attempts in a row; see ``Sandbox.restart_stream()``)."""
    @property
    def attempts(self) -> int:
        """Requests sent (answered or not)."""
    @property
    def batches_delivered(self) -> int:
        """Requests answered 200."""
    @property
    def records_delivered(self) -> int:
        """Records acknowledged with 200."""
    @property
    def failed_attempts(self) -> int:
        """Requests not answered 200: another status, a redirect, a timeout, a
        dropped connection."""
    @property
    def consecutive_failures(self) -> int:
        """Failed attempts since the last 200."""
    @property
    def redirects(self) -> int:
        """Redirect answers (3xx), which are not followed."""
    @property
    def pending(self) -> int:
        """Records queued and not yet acknowledged."""
    @property
    def last_status(self) -> int | None:
        """The status of the last answer (``None``: no answer yet, or none)."""

@final
class SandboxRequest:
    """One request as the sandbox received it."""

    @property
    def method(self) -> str:
        """HTTP method."""
    @property
    def path(self) -> str:
        """Path relative to the base URL (``/v2/sims/8988...``)."""
    @property
    def query(self) -> str | None:
        """The raw query string, if any."""
    @property
    def template(self) -> str | None:
        """The operation's path template (``/v2/sims/{iccid}``), if the path is one."""
    @property
    def headers(self) -> list[tuple[str, str]]:
        """Request headers (names lower case), in order."""
    @property
    def body(self) -> str:
        """The request body (lossy UTF-8)."""
    @property
    def status(self) -> int | None:
        """The status sent back; ``None`` if the connection was dropped."""
    def header(self, name: str) -> str | None:
        """The first value of a header (name case-insensitive)."""

@final
class Sandbox:
    """A stateful local fake of the 1NCE Management API on ``127.0.0.1``.

    A seeded fleet of SIMs (ICCIDs from ``8988280666000000000`` up), quotas
    that usage consumes and top-ups raise, SMS, orders, products, support
    requests and 1NCE's rate limits (429 with ``Retry-After``). For tests:
    simulate usage, expire tokens, inject faults, read the counters. Runs in
    the background on the SDK's runtime; a context manager, ``close()``
    stops it.
    """

    def __new__(
        cls,
        *,
        sims: int = 100,
        seed: int = 1,
        token_lifetime: float = 3600.0,
        rate_limit_factor: float = 1.0,
        rate_limits: bool = True,
        port: int = 0,
        client_id: str | None = None,
        client_secret: str | None = None,
    ) -> Self:
        """Starts a sandbox: ``sims`` SIMs generated from ``seed`` (the same
        seed gives the same fleet), tokens valid ``token_lifetime`` seconds,
        1NCE's rate limits times ``rate_limit_factor`` (none with
        ``rate_limits=False``), on a free port unless ``port`` is given."""
    @property
    def base_url(self) -> str:
        """The base URL to point a client at (``http://127.0.0.1:<port>``)."""
    @property
    def client_id(self) -> str:
        """The client id the token endpoint accepts."""
    @property
    def client_secret(self) -> str:
        """The client secret the token endpoint accepts."""
    def client(
        self,
        *,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
    ) -> Client:
        """A blocking client pointed at the sandbox, pacing itself at the
        sandbox's rate limits (also when they are shared through
        ``redis_url``); the keywords are those of ``Client``."""
    def async_client(
        self,
        *,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
        redis_url: str | None = None,
        redis_key_prefix: str | None = None,
        shared_token: bool = True,
        shared_rate_limits: bool = True,
    ) -> AsyncClient:
        """An asyncio client pointed at the sandbox (see ``client()``)."""
    def iccids(self) -> list[str]:
        """The ICCIDs of the fleet, in list order."""
    def consume_data(self, iccid: str, mb: float) -> float:
        """Simulates the device using ``mb`` MB of data today; returns the
        volume left. ``ValueError`` for a SIM the sandbox does not have."""
    def consume_sms(self, iccid: str, n: int) -> float:
        """Simulates the device sending ``n`` SMS today; returns the SMS left."""
    def receive_sms(self, iccid: str, text: str) -> int:
        """Simulates the device sending an SMS (mobile originated); returns its id."""
    def set_online(self, iccid: str, online: bool) -> None:
        """Brings the SIM online (with a data session) or takes it offline."""
    def expire_sim(self, iccid: str) -> None:
        """Ends the SIM's lifetime now: 1NCE then refuses changes to it."""
    def expire_tokens(self) -> None:
        """Makes every token issued so far invalid: the next call with one gets 401."""
    def set_rate_limit_factor(self, factor: float | None) -> None:
        """Sets the rate limits from now on (``None``: no limits)."""
    def inject(self, fault: Fault) -> None:
        """Adds a fault: the next matching requests fail as it says."""
    def clear_faults(self) -> None:
        """Removes every pending fault."""
    def pending_faults(self) -> list[Fault]:
        """Faults still pending."""
    def stats(self) -> SandboxStats:
        """The counters."""
    def stream_to(
        self,
        url: str,
        authorization: str,
        *,
        interval: float = 1.0,
        batch_size: int = 3000,
        timeout: float = 10.0,
        max_failures: int = 10,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
    ) -> None:
        """Streams the fleet's records to ``url`` like 1NCE's Data Streamer (a
        webhook): usage, events, SMS delivery reports and MO SMS, posted in
        batches every ``interval`` seconds (more than 0) with ``authorization`` as the
        ``Authorization`` header. A batch is delivered only when answered 200;
        otherwise it is retried with backoff, and after ``max_failures``
        failures in a row the stream goes ``"failed"`` until
        ``restart_stream()``. Decode what arrives with
        ``once_sdk.streamer.decode_batch``."""
    def restart_stream(self) -> None:
        """Restarts a ``"failed"`` stream; unacknowledged records are sent again."""
    def flush_stream(self) -> None:
        """Sends the next batch now instead of after the interval."""
    def stream_stats(self) -> StreamStats:
        """The stream's state and counters."""
    def requests(self) -> list[SandboxRequest]:
        """Every request received, oldest first."""
    def reset_stats(self) -> None:
        """Forgets the request log and resets the counters."""
    def advance_os_clock(self, seconds: float) -> None:
        """Moves 1NCE OS's clock forward by ``seconds``: device actions, key
        jobs and AWS rollouts progress as if that time had passed."""
    def set_os_action_stage(self, seconds: float) -> None:
        """How long (seconds) a device action stays ``SCHEDULED`` and then
        ``IN_PROGRESS`` before it ends (1 by default)."""
    def os_report_position(
        self, iccid: str, longitude: float, latitude: float, *, source: Literal["GPS", "CellTower"] = "GPS"
    ) -> list[tuple[str, Literal["ENTER", "EXIT"]]]:
        """Simulates the SIM's device reporting a position; returns the
        geofence crossings it caused as ``(geofence_id, "ENTER" | "EXIT")``."""
    def os_device_message(self, iccid: str, protocol: Literal["UDP", "COAP", "LWM2M"], payload: bytes) -> None:
        """Simulates the SIM's device sending ``payload`` to 1NCE OS."""
    def os_webhook_deliveries(self) -> list[tuple[str, str, int | None]]:
        """Every ended post to a webhook integration, oldest first:
        ``(integration_id, event_type, status)``."""
    def close(self) -> None:
        """Stops serving. Closing twice is fine."""
    def __enter__(self) -> Self: ...
    def __exit__(self, *_exc: object) -> None: ...

# --- end sandbox ---

# BEGIN GENERATED MODELS

class SimStatus(StrEnum):
    """A SIM's status: `Enabled` or `Disabled`."""
    ENABLED = "Enabled"
    DISABLED = "Disabled"

class QuotaState(StrEnum):
    """The state of a quota."""
    ACTIVE = "ACTIVE"
    EXHAUSTED = "EXHAUSTED"
    EXPIRED = "EXPIRED"

class QuotaService(StrEnum):
    """What a quota counts: `data` or `sms`."""
    DATA = "data"
    SMS = "sms"

class ConnectivityStatus(StrEnum):
    """How a SIM is connected (v2 status, v1 connectivity)."""
    ONLINE = "ONLINE"
    ATTACHED = "ATTACHED"
    OFFLINE = "OFFLINE"
    BLOCKED = "BLOCKED"

class DataTrafficLimit(StrEnum):
    """Whether a SIM's data traffic limit is reached."""
    REACHED = "REACHED"
    NOT_REACHED = "NOT_REACHED"

class DataServiceFailureCause(StrEnum):
    """Why a data session was refused (SIM events)."""
    IMSI_NOT_FOUND = "IMSI_NOT_FOUND"
    APN_NOT_AUTHORIZED = "APN_NOT_AUTHORIZED"
    PDN_NOT_SUPPORTED = "PDN_NOT_SUPPORTED"
    IMEI_LOCK_BREACHED = "IMEI_LOCK_BREACHED"
    NO_QUOTA_FOUND = "NO_QUOTA_FOUND"
    QUOTA_EXPIRED = "QUOTA_EXPIRED"
    QUOTA_EXHAUSTED = "QUOTA_EXHAUSTED"
    MONTHLY_USAGE_LIMIT_EXCEEDED = "MONTHLY_USAGE_LIMIT_EXCEEDED"
    DATA_SERVICE_BARRED = "DATA_SERVICE_BARRED"
    IMEI_LOCK_ENFORCED = "IMEI_LOCK_ENFORCED"
    INACTIVITY_TIMER_EXPIRED = "INACTIVITY_TIMER_EXPIRED"

class SmsStatus(StrEnum):
    """The delivery state of an SMS."""
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"
    PENDING = "PENDING"
    EXPIRED = "EXPIRED"

class SmsDirection(StrEnum):
    """The direction of an SMS: `MT` (to the device) or `MO` (from it)."""
    MT = "MT"
    MO = "MO"

class PaymentMethod(StrEnum):
    """How a top-up is paid."""
    BANK_TRANSFER = "banktransfer"
    CREDIT_CARD = "creditcard"
    MONTHLY_INVOICE = "monthlyinvoice"
    BOLETO = "boleto"

class OrderType(StrEnum):
    """The kind of an order."""
    FIRST_ORDER = "FIRST_ORDER"
    ADDITIONAL_ORDER = "ADDITIONAL_ORDER"
    TOP_UP = "TOPUP"
    BULK_TOP_UP = "BULK_TOPUP"
    TARIFF_CHANGE = "TARIFF_CHANGE"

class Salutation(StrEnum):
    """The salutation of a delivery address: `"1"` Mr, `"2"` Ms."""
    MR = "1"
    MS = "2"

class ServiceRequestStatus(StrEnum):
    """The state of a support service request."""
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    CLOSED = "CLOSED"

class CommunicationDirection(StrEnum):
    """The direction of a support communication."""
    IN = "IN"
    OUT = "OUT"

class CommunicationChannel(StrEnum):
    """The channel of a support communication."""
    PORTAL = "PORTAL"
    PHONE_IN = "PHONE_IN"
    PHONE_OUT = "PHONE_OUT"
    MAIL_IN = "MAIL_IN"
    MAIL_OUT = "MAIL_OUT"

class LimitService(StrEnum):
    """The service a v1 limit applies to."""
    DATA = "data"
    SMS_MO = "smsMO"
    SMS_MT = "smsMT"

class LogCategory(StrEnum):
    """The severity of an administration log."""
    INFO = "info"
    ERROR = "error"

class LogType(StrEnum):
    """What an administration log is about."""
    INTEGRATION = "INTEGRATION"
    DEVICE = "DEVICE"
    GENERAL = "GENERAL"
    LOCATION = "LOCATION"
    LIFECYCLE = "LIFECYCLE"

class SettingsLanguage(StrEnum):
    """The language of setting descriptions."""
    EN = "en"
    DE = "de"

class IntegrationState(StrEnum):
    """Where an integration stands."""
    ROLLOUT_STARTED = "ROLLOUT_STARTED"
    ROLLOUT_DONE = "ROLLOUT_DONE"
    ROLLOUT_FAILED = "ROLLOUT_FAILED"
    INTEGRATION_ACTIVE = "INTEGRATION_ACTIVE"
    INTEGRATION_FAILED = "INTEGRATION_FAILED"

class IntegrationType(StrEnum):
    """The kind of an integration."""
    AWS = "AWS"
    WEBHOOK = "WEBHOOK"

class OsEventType(StrEnum):
    """A kind of event an integration forwards."""
    TELEMETRY_DATA = "TELEMETRY_DATA"
    LIFECYCLE = "LIFECYCLE"
    ERROR = "ERROR"
    GEOFENCE = "GEOFENCE"
    LOCATION = "LOCATION"
    TEST_MESSAGE = "TEST_MESSAGE"

class ActionStatus(StrEnum):
    """Where a device action request stands."""
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    FAILED = "FAILED"
    SUCCEEDED = "SUCCEEDED"
    CANCELLED = "CANCELLED"

class RequestMode(StrEnum):
    """When an action is sent to the device."""
    SEND_NOW = "SEND_NOW"
    SEND_WHEN_ACTIVE = "SEND_WHEN_ACTIVE"

class Lwm2mOperation(StrEnum):
    """The LwM2M operation of an action."""
    READ = "read"
    WRITE = "write"
    EXECUTE = "execute"
    OBSERVE_START = "observe-start"
    OBSERVE_END = "observe-end"

class PayloadType(StrEnum):
    """How an action's payload is encoded."""
    STRING = "STRING"
    BASE64 = "BASE64"

class CoapMethod(StrEnum):
    """The CoAP method of an action."""
    GET = "GET"
    POST = "POST"
    PUT = "PUT"
    DELETE = "DELETE"
    PATCH = "PATCH"

class KeyFormat(StrEnum):
    """How a pre-shared key is written."""
    STRING = "STRING"
    HEX = "HEX"

class PskJobStatus(StrEnum):
    """Where a pre-shared-key job stands."""
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"

class EndpointSettingName(StrEnum):
    """The name of an endpoint setting that can be changed."""
    LWM2M_PASSIVE_REPORTING = "LWM2M_PASSIVE_REPORTING"

class ActionSort(StrEnum):
    """The order of an action request list."""
    CREATED = "created"
    CREATED_DESC = "-created"
    UPDATED = "updated"
    UPDATED_DESC = "-updated"

class PositionSource(StrEnum):
    """Where a position came from."""
    GPS = "GPS"
    CELL_TOWER = "CellTower"

class PositionMode(StrEnum):
    """Every position or a summary."""
    ALL = "ALL"
    SUMMARY = "SUMMARY"

class RadioAccessType(StrEnum):
    """The radio technology of a cell-tower sample."""
    G2 = "2G"
    G3 = "3G"
    G3_5 = "3.5G"
    G4 = "4G"
    NB_IOT = "NB-IoT"
    LTE_M = "LTE-M"

class ResolutionMode(StrEnum):
    """How a cell tower's location is resolved."""
    BASIC = "BASIC"
    ADVANCED = "ADVANCED"

class ResolutionStatus(StrEnum):
    """Whether a cell tower's location was found."""
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"

class GeofenceType(StrEnum):
    """The shape of a geofence."""
    POLYGON = "polygon"
    CIRCLE = "circle"

class GeofenceEvent(StrEnum):
    """What a geofence reports."""
    ENTER = "ENTER"
    EXIT = "EXIT"

class GeofenceScope(StrEnum):
    """Which geofences to list."""
    GLOBAL = "global"
    DEVICE = "device"

class OsProtocol(StrEnum):
    """A device protocol of 1NCE OS."""
    UDP = "UDP"
    COAP = "COAP"
    LWM2M = "LWM2M"

class SettingState(StrEnum):
    """Enabled or disabled (endpoint settings, 1NCE OS settings)."""
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"

class OutcomeStatus(StrEnum):
    """The outcome of restarting or testing an integration or plugin."""
    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"

class TemplateStatus(StrEnum):
    """Whether a template is applied."""
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

class SavingsRange(StrEnum):
    """The period of the savings figures."""
    DAY = "1"
    WEEK = "7"
    MONTH = "30"

class Partner(StrEnum):
    """A partner of the plugin system."""
    DATACAKE = "DATACAKE"
    MENDER = "MENDER"
    TARTABIT = "TARTABIT"
    MEMFAULT = "MEMFAULT"

@final
class Sim:
    """A SIM card (SIM management v2)."""
    def __new__(cls, *, iccid: str = ..., iccid_with_luhn: str | None = ..., imsi: str | None = ..., imsi_2: str | None = ..., current_imsi: str | None = ..., msisdn: str | None = ..., imei: str | None = ..., imei_lock: bool | None = ..., status: SimStatus | Literal["Enabled", "Disabled"] | None = ..., activation_date: datetime.datetime | None = ..., ip_address: str | None = ..., current_quota: float | None = ..., quota_status: QuotaThreshold | Mapping[str, Any] | None = ..., current_quota_sms: float | None = ..., quota_status_sms: QuotaThreshold | Mapping[str, Any] | None = ..., label: str | None = ...) -> Self: ...
    @property
    def iccid(self) -> str:
        """The ICCID 1NCE addresses the SIM by (19 digits)."""
    @property
    def iccid_with_luhn(self) -> str | None:
        """The ICCID with its Luhn check digit (20 digits)."""
    @property
    def imsi(self) -> str | None:
        """First IMSI, used on the normal 1NCE network."""
    @property
    def imsi_2(self) -> str | None:
        """Second IMSI, used on the China+ network."""
    @property
    def current_imsi(self) -> str | None:
        """The IMSI currently in use."""
    @property
    def msisdn(self) -> str | None:
        """The SIM's phone number."""
    @property
    def imei(self) -> str | None:
        """IMEI of the device the SIM is in (may be a 16-digit IMEISV)."""
    @property
    def imei_lock(self) -> bool | None:
        """Whether the SIM is locked to the current device IMEI."""
    @property
    def status(self) -> SimStatus | None:
        """`Enabled` or `Disabled` (other values are passed on as sent)."""
    @property
    def activation_date(self) -> datetime.datetime | None:
        """When the SIM was activated."""
    @property
    def ip_address(self) -> str | None:
        """The SIM's fixed IP address."""
    @property
    def current_quota(self) -> float | None:
        """The overall data quota in MB."""
    @property
    def quota_status(self) -> QuotaThreshold | None:
        """How much data quota is left, roughly."""
    @property
    def current_quota_sms(self) -> float | None:
        """The current SMS quota."""
    @property
    def quota_status_sms(self) -> QuotaThreshold | None:
        """How much SMS quota is left, roughly."""
    @property
    def label(self) -> str | None:
        """Your label for the SIM."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class QuotaThreshold:
    """How much of a quota is left, as reported on a SIM."""
    def __new__(cls, *, id: int | None = ..., description: str | None = ..., threshold_reached_date: datetime.datetime | None = ..., quota_exceeded_date: datetime.datetime | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """0: more than 20 % left; 1: less than 20 % left; 2: nothing left."""
    @property
    def description(self) -> str | None:
        """The same in words."""
    @property
    def threshold_reached_date(self) -> datetime.datetime | None:
        """When less than 20 % was first left."""
    @property
    def quota_exceeded_date(self) -> datetime.datetime | None:
        """When the quota ran out."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class QuotaStatus:
    """The state of a quota, as a number and a name."""
    def __new__(cls, *, id: int | None = ..., description: QuotaState | Literal["ACTIVE", "EXHAUSTED", "EXPIRED"] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """0, 1 or 2."""
    @property
    def description(self) -> QuotaState | None:
        """`ACTIVE`, `EXHAUSTED` or `EXPIRED`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Quota:
    """A data or SMS quota of a SIM (v2)."""
    def __new__(cls, *, id: int | None = ..., status: QuotaStatus | Mapping[str, Any] | None = ..., volume: float | None = ..., total_volume: float | None = ..., accumulated_total_volume: float | None = ..., last_volume_added: float | None = ..., service: QuotaService | Literal["data", "sms"] | None = ..., threshold_percentage: int | None = ..., threshold_volume: float | None = ..., expiry_date: datetime.datetime | None = ..., created_at: datetime.datetime | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The quota's id."""
    @property
    def status(self) -> QuotaStatus | None:
        """Active, exhausted or expired."""
    @property
    def volume(self) -> float | None:
        """What is left: MB for data, messages for SMS. Can be negative."""
    @property
    def total_volume(self) -> float | None:
        """The volume provisioned, or what was left at the last top-up plus the top-up."""
    @property
    def accumulated_total_volume(self) -> float | None:
        """The initial volume plus every top-up."""
    @property
    def last_volume_added(self) -> float | None:
        """The volume of the last top-up."""
    @property
    def service(self) -> QuotaService | None:
        """`data` or `sms`."""
    @property
    def threshold_percentage(self) -> int | None:
        """The percentage of `total_volume` at which a threshold event fires."""
    @property
    def threshold_volume(self) -> float | None:
        """`total_volume * threshold_percentage`."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When the quota expires."""
    @property
    def created_at(self) -> datetime.datetime | None:
        """When the quota was created."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SimConnectivity:
    """A SIM's connectivity: status, data limit state, location, PDP contexts and
    the services available (the v2 connectivity detail).
    """
    def __new__(cls, *, status: ConnectivityState | Mapping[str, Any] = ..., data_traffic_limit_state: DataTrafficLimitState | Mapping[str, Any] | None = ..., location: SimLocation | Mapping[str, Any] | None = ..., pdp_contexts: Sequence[PdpContext | Mapping[str, Any]] = ..., services: Sequence[str] = ...) -> Self: ...
    @property
    def status(self) -> ConnectivityState:
        """Online, attached, offline or blocked."""
    @property
    def data_traffic_limit_state(self) -> DataTrafficLimitState | None:
        """Whether the data traffic limit is reached."""
    @property
    def location(self) -> SimLocation | None:
        """Where the SIM was last seen in the network."""
    @property
    def pdp_contexts(self) -> tuple[PdpContext, ...]:
        """The SIM's current data sessions."""
    @property
    def services(self) -> tuple[str, ...]:
        """The services currently available (`GPRS`, `SMS`, ...)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ConnectivityState:
    """The connectivity status object (`{"description": "ONLINE"}`)."""
    def __new__(cls, *, description: ConnectivityStatus | Literal["ONLINE", "ATTACHED", "OFFLINE", "BLOCKED"] = ...) -> Self: ...
    @property
    def description(self) -> ConnectivityStatus:
        """`ONLINE`, `ATTACHED`, `OFFLINE` or `BLOCKED`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DataTrafficLimitState:
    """The data traffic limit state object (`{"description": "NOT_REACHED"}`)."""
    def __new__(cls, *, description: DataTrafficLimit | Literal["REACHED", "NOT_REACHED"] = ...) -> Self: ...
    @property
    def description(self) -> DataTrafficLimit:
        """`REACHED` or `NOT_REACHED`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SimLocation:
    """Where a SIM was last seen in the network."""
    def __new__(cls, *, iccid: str = ..., imsi: str = ..., last_updated: datetime.datetime | None = ..., sgsn_number: str | None = ..., vlr_number: str | None = ..., operator_id: str | None = ..., msc: str | None = ..., sgsn_ip_address: str | None = ..., mme_name: str | None = ..., mme_realm: str | None = ..., sgsn_name: str | None = ..., sgsn_realm: str | None = ..., operator: Operator | Mapping[str, Any] | None = ..., country: Country | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def iccid(self) -> str:
        """The SIM's ICCID."""
    @property
    def imsi(self) -> str:
        """The IMSI the SIM used."""
    @property
    def last_updated(self) -> datetime.datetime | None:
        """When the location was last updated."""
    @property
    def sgsn_number(self) -> str | None:
        """The SGSN the SIM is attached to."""
    @property
    def vlr_number(self) -> str | None:
        """The Visitor Location Register."""
    @property
    def operator_id(self) -> str | None:
        """The id of the operator the SIM is connected to."""
    @property
    def msc(self) -> str | None:
        """The Mobile-services Switching Centre."""
    @property
    def sgsn_ip_address(self) -> str | None:
        """The IP address of the SGSN."""
    @property
    def mme_name(self) -> str | None:
        """The MME name (LTE)."""
    @property
    def mme_realm(self) -> str | None:
        """The MME realm (LTE)."""
    @property
    def sgsn_name(self) -> str | None:
        """The SGSN name."""
    @property
    def sgsn_realm(self) -> str | None:
        """The SGSN realm."""
    @property
    def operator(self) -> Operator | None:
        """The operator the SIM is attached to."""
    @property
    def country(self) -> Country | None:
        """The country the SIM is in."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Operator:
    """A mobile network operator."""
    def __new__(cls, *, id: int | None = ..., name: str | None = ..., mnc: str | None = ..., country: Country | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """1NCE's id of the operator."""
    @property
    def name(self) -> str | None:
        """The operator's name (`T-Mobile`)."""
    @property
    def mnc(self) -> str | None:
        """The Mobile Network Code (`01`)."""
    @property
    def country(self) -> Country | None:
        """The operator's country."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Country:
    """A country. 1NCE sends its id as `id` (a number) in some places and as
    `country_id` (a string) in others; each is kept as sent.
    """
    def __new__(cls, *, id: int | None = ..., country_id: str | None = ..., name: str | None = ..., country_code: str | None = ..., mcc: str | None = ..., iso_code: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """1NCE's id of the country; 0 is "any country"."""
    @property
    def country_id(self) -> str | None:
        """1NCE's id of the country, where it is sent as `country_id`."""
    @property
    def name(self) -> str | None:
        """The country's name (`Germany`)."""
    @property
    def country_code(self) -> str | None:
        """The international dialling prefix (`49`)."""
    @property
    def mcc(self) -> str | None:
        """The Mobile Country Code (`262`)."""
    @property
    def iso_code(self) -> str | None:
        """The ISO 3166 code (`de`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class RatType:
    """The Radio Access Technology of a data session. The status call sends it as
    `{"rat_type_id": "2", "description": "NB-IoT"}`, SIM events as a bare
    number; both decode.
    """
    def __new__(cls, *, rat_type_id: str | None = ..., description: str | None = ...) -> Self: ...
    @property
    def rat_type_id(self) -> str | None:
        """The RAT's id."""
    @property
    def description(self) -> str | None:
        """The RAT's name (`NB-IoT`, `LTE-M`, ...)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PdpContext:
    """A PDP context: one data session of the SIM. Ids and codes are kept as
    text (1NCE sends them as strings on the status call and as numbers in SIM
    events). Every field is optional: the deprecated `lac`/`ci`/`sac`/`rac`
    exist only for 2G/3G sessions, whatever the spec's `required` list says.
    """
    def __new__(cls, *, pdp_context_id: str | None = ..., endpoint_id: str | None = ..., tariff_id: str | None = ..., ratezone_id: str | None = ..., organisation_id: str | None = ..., imsi_id: str | None = ..., imsi: str | None = ..., sim_id: str | None = ..., tx_teid_data_plane: str | None = ..., tx_teid_control_plane: str | None = ..., rx_teid: str | None = ..., rx_teid_data_plane: str | None = ..., rx_teid_control_plane: str | None = ..., gtp_version: str | None = ..., nsapi: str | None = ..., sgsn_control_plane_ip_address: str | None = ..., sgsn_data_plane_ip_address: str | None = ..., ggsn_control_plane_ip_address: str | None = ..., ggsn_data_plane_ip_address: str | None = ..., created: datetime.datetime | None = ..., tunnel_created: datetime.datetime | None = ..., mcc: str | None = ..., mnc: str | None = ..., operator_id: str | None = ..., lac: str | None = ..., ci: str | None = ..., sac: str | None = ..., rac: str | None = ..., gtp_v1_uli: GtpV1Uli | Mapping[str, Any] | None = ..., gtp_v2_uli: GtpV2Uli | Mapping[str, Any] | None = ..., ue_ip_address: str | None = ..., imeisv: str | None = ..., rat_type: RatType | Mapping[str, Any] | None = ..., region: str | None = ..., apn: str | None = ..., ipcan_session_id: str | None = ..., breakout_ip: str | None = ...) -> Self: ...
    @property
    def pdp_context_id(self) -> str | None:
        """The PDP context's id."""
    @property
    def endpoint_id(self) -> str | None:
        """The endpoint (SIM device) id."""
    @property
    def tariff_id(self) -> str | None:
        """The tariff id."""
    @property
    def ratezone_id(self) -> str | None:
        """The rate zone id."""
    @property
    def organisation_id(self) -> str | None:
        """The organisation id."""
    @property
    def imsi_id(self) -> str | None:
        """The IMSI's id."""
    @property
    def imsi(self) -> str | None:
        """The IMSI in use."""
    @property
    def sim_id(self) -> str | None:
        """The SIM's id."""
    @property
    def tx_teid_data_plane(self) -> str | None:
        """Tunnel id, user plane."""
    @property
    def tx_teid_control_plane(self) -> str | None:
        """Tunnel id, control plane."""
    @property
    def rx_teid(self) -> str | None:
        """Receive tunnel id."""
    @property
    def rx_teid_data_plane(self) -> str | None:
        """Receive tunnel id, user plane."""
    @property
    def rx_teid_control_plane(self) -> str | None:
        """Receive tunnel id, control plane."""
    @property
    def gtp_version(self) -> str | None:
        """The GTP version (`1`, `2`)."""
    @property
    def nsapi(self) -> str | None:
        """The NSAPI."""
    @property
    def sgsn_control_plane_ip_address(self) -> str | None:
        """SGSN address, control plane."""
    @property
    def sgsn_data_plane_ip_address(self) -> str | None:
        """SGSN address, user plane."""
    @property
    def ggsn_control_plane_ip_address(self) -> str | None:
        """GGSN address, control plane."""
    @property
    def ggsn_data_plane_ip_address(self) -> str | None:
        """GGSN address, user plane."""
    @property
    def created(self) -> datetime.datetime | None:
        """When the session was created."""
    @property
    def tunnel_created(self) -> datetime.datetime | None:
        """When the tunnel was created (SIM events)."""
    @property
    def mcc(self) -> str | None:
        """Mobile Country Code."""
    @property
    def mnc(self) -> str | None:
        """Mobile Network Code."""
    @property
    def operator_id(self) -> str | None:
        """The operator's id."""
    @property
    def lac(self) -> str | None:
        """Location Area Code (deprecated: use `gtp_v1_uli`)."""
    @property
    def ci(self) -> str | None:
        """Cell id (deprecated: use `gtp_v1_uli`)."""
    @property
    def sac(self) -> str | None:
        """Service Area Code (deprecated: use `gtp_v1_uli`)."""
    @property
    def rac(self) -> str | None:
        """Routing Area Code (deprecated: use `gtp_v1_uli`)."""
    @property
    def gtp_v1_uli(self) -> GtpV1Uli | None:
        """User location, GTP v1 (2G/3G). Only one of the two ULIs is sent."""
    @property
    def gtp_v2_uli(self) -> GtpV2Uli | None:
        """User location, GTP v2 (LTE). Only one of the two ULIs is sent."""
    @property
    def ue_ip_address(self) -> str | None:
        """The device's IP address."""
    @property
    def imeisv(self) -> str | None:
        """The device's IMEISV."""
    @property
    def rat_type(self) -> RatType | None:
        """The radio access technology."""
    @property
    def region(self) -> str | None:
        """The AWS region of the session's breakout."""
    @property
    def apn(self) -> str | None:
        """The APN."""
    @property
    def ipcan_session_id(self) -> str | None:
        """The IP-CAN session id."""
    @property
    def breakout_ip(self) -> str | None:
        """The breakout IP address (SIM events)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class GtpV1Uli:
    """GTP v1 User Location Information."""
    def __new__(cls, *, lac: str | None = ..., ci: str | None = ..., sac: str | None = ..., rac: str | None = ...) -> Self: ...
    @property
    def lac(self) -> str | None:
        """Location Area Code."""
    @property
    def ci(self) -> str | None:
        """Cell id."""
    @property
    def sac(self) -> str | None:
        """Service Area Code."""
    @property
    def rac(self) -> str | None:
        """Routing Area Code."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class GtpV2Uli:
    """GTP v2 User Location Information."""
    def __new__(cls, *, cgi: CellGlobalId | Mapping[str, Any] | None = ..., sai: ServiceAreaId | Mapping[str, Any] | None = ..., rai: RoutingAreaId | Mapping[str, Any] | None = ..., tac: str | None = ..., eci: str | None = ..., lac: str | None = ..., menbi: str | None = ..., emenbi: str | None = ...) -> Self: ...
    @property
    def cgi(self) -> CellGlobalId | None:
        """Cell Global Identification."""
    @property
    def sai(self) -> ServiceAreaId | None:
        """Service Area Identity."""
    @property
    def rai(self) -> RoutingAreaId | None:
        """Routing Area Identity."""
    @property
    def tac(self) -> str | None:
        """Tracking Area Code."""
    @property
    def eci(self) -> str | None:
        """E-UTRAN Cell Identifier."""
    @property
    def lac(self) -> str | None:
        """Location Area Code."""
    @property
    def menbi(self) -> str | None:
        """Macro eNodeB id."""
    @property
    def emenbi(self) -> str | None:
        """Extended macro eNodeB id."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CellGlobalId:
    """Cell Global Identification."""
    def __new__(cls, *, lac: str | None = ..., ci: str | None = ...) -> Self: ...
    @property
    def lac(self) -> str | None:
        """Location Area Code."""
    @property
    def ci(self) -> str | None:
        """Cell id."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ServiceAreaId:
    """Service Area Identity."""
    def __new__(cls, *, lac: str | None = ..., sac: str | None = ...) -> Self: ...
    @property
    def lac(self) -> str | None:
        """Location Area Code."""
    @property
    def sac(self) -> str | None:
        """Service Area Code."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class RoutingAreaId:
    """Routing Area Identity."""
    def __new__(cls, *, lac: str | None = ..., rac: str | None = ...) -> Self: ...
    @property
    def lac(self) -> str | None:
        """Location Area Code."""
    @property
    def rac(self) -> str | None:
        """Routing Area Code."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Event:
    """A diagnostic event of a SIM."""
    def __new__(cls, *, id: int | None = ..., event_type: EventCode | Mapping[str, Any] | None = ..., timestamp: datetime.datetime | None = ..., alert: bool | None = ..., user: str | None = ..., description: str | None = ..., event_source: EventCode | Mapping[str, Any] | None = ..., event_severity: EventCode | Mapping[str, Any] | None = ..., organisation: Organisation | Mapping[str, Any] | None = ..., endpoint: EventEndpoint | Mapping[str, Any] | None = ..., sim: EventSim | Mapping[str, Any] | None = ..., imsi: EventImsi | Mapping[str, Any] | None = ..., detail: EventDetail | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The event's id."""
    @property
    def event_type(self) -> EventCode | None:
        """What happened (`{"id": 4, "description": "Delete PDP Context"}`)."""
    @property
    def timestamp(self) -> datetime.datetime | None:
        """When it happened."""
    @property
    def alert(self) -> bool | None:
        """Whether the event is an alert."""
    @property
    def user(self) -> str | None:
        """The user who caused the event, if any."""
    @property
    def description(self) -> str | None:
        """The event in words (`PDP Context deleted.`)."""
    @property
    def event_source(self) -> EventCode | None:
        """Where the event came from (`{"id": 0, "description": "Network"}`)."""
    @property
    def event_severity(self) -> EventCode | None:
        """How severe it is (`{"id": 0, "description": "INFO"}`)."""
    @property
    def organisation(self) -> Organisation | None:
        """The organisation (your 1NCE account)."""
    @property
    def endpoint(self) -> EventEndpoint | None:
        """The device (endpoint) the SIM is in."""
    @property
    def sim(self) -> EventSim | None:
        """The SIM."""
    @property
    def imsi(self) -> EventImsi | None:
        """The IMSI the SIM used."""
    @property
    def detail(self) -> EventDetail | None:
        """Details that depend on the event type: location update, data
        session, quota or VPN.
        """
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventCode:
    """A numbered value with a name, as events carry their type, source and
    severity.
    """
    def __new__(cls, *, id: int | None = ..., description: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The number."""
    @property
    def description(self) -> str | None:
        """The name."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Organisation:
    """An organisation (1NCE account)."""
    def __new__(cls, *, id: int | None = ..., name: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """Its id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventEndpoint:
    """The device (endpoint) of an event."""
    def __new__(cls, *, id: int | None = ..., name: str | None = ..., ip_address: str | None = ..., imei: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The endpoint's id."""
    @property
    def name(self) -> str | None:
        """The endpoint's name."""
    @property
    def ip_address(self) -> str | None:
        """The device's IP address."""
    @property
    def imei(self) -> str | None:
        """The device's IMEI."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventSim:
    """The SIM of an event."""
    def __new__(cls, *, id: int | None = ..., iccid: str | None = ..., msisdn: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """1NCE's internal id of the SIM."""
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def msisdn(self) -> str | None:
        """The SIM's MSISDN."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventImsi:
    """The IMSI of an event."""
    def __new__(cls, *, id: int | None = ..., imsi: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """1NCE's internal id of the IMSI."""
    @property
    def imsi(self) -> str | None:
        """The IMSI."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventDetail:
    """The details of an event. 1NCE sends one of four shapes (location update,
    data session, quota, VPN) without saying which; this type holds the fields
    of all four, and those of the shape received are set.
    """
    def __new__(cls, *, id: int | None = ..., name: str | None = ..., country: Country | Mapping[str, Any] | None = ..., tapcode: Sequence[TapCode | Mapping[str, Any]] | None = ..., mnc: Sequence[NetworkCode | Mapping[str, Any]] | None = ..., update_location_failure_reason: str | None = ..., volume: SessionVolume | Mapping[str, Any] | None = ..., data_service_failure_cause: DataServiceFailureCause | Literal["IMSI_NOT_FOUND", "APN_NOT_AUTHORIZED", "PDN_NOT_SUPPORTED", "IMEI_LOCK_BREACHED", "NO_QUOTA_FOUND", "QUOTA_EXPIRED", "QUOTA_EXHAUSTED", "MONTHLY_USAGE_LIMIT_EXCEEDED", "DATA_SERVICE_BARRED", "IMEI_LOCK_ENFORCED", "INACTIVITY_TIMER_EXPIRED"] | None = ..., pdp_context: PdpContext | Mapping[str, Any] | None = ..., quota: EventQuota | Mapping[str, Any] | None = ..., regional_pool: RegionalPool | Mapping[str, Any] | None = ..., vpn_id: int | None = ..., region: str | None = ..., client: VpnClient | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The network's or session's id (location update, data session)."""
    @property
    def name(self) -> str | None:
        """The network's or session's name (location update, data session)."""
    @property
    def country(self) -> Country | None:
        """The country (location update, data session)."""
    @property
    def tapcode(self) -> tuple[TapCode, ...] | None:
        """TAP codes of the network (location update)."""
    @property
    def mnc(self) -> tuple[NetworkCode, ...] | None:
        """Mobile Network Codes of the network (location update)."""
    @property
    def update_location_failure_reason(self) -> str | None:
        """Why the location update failed (`RAT_NOT_ALLOWED`)."""
    @property
    def volume(self) -> SessionVolume | None:
        """Data volume of the session (data session)."""
    @property
    def data_service_failure_cause(self) -> DataServiceFailureCause | None:
        """Why the data session was refused (data session)."""
    @property
    def pdp_context(self) -> PdpContext | None:
        """The session (data session)."""
    @property
    def quota(self) -> EventQuota | None:
        """The quota (quota events)."""
    @property
    def regional_pool(self) -> RegionalPool | None:
        """The regional pool the quota belongs to (quota events)."""
    @property
    def vpn_id(self) -> int | None:
        """The OpenVPN id (VPN events)."""
    @property
    def region(self) -> str | None:
        """The AWS region (VPN events)."""
    @property
    def client(self) -> VpnClient | None:
        """The VPN client (VPN events)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class RegionalPool:
    """A regional pool of quota."""
    def __new__(cls, *, id: int | None = ..., name: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """Its id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TapCode:
    """A TAP code of a network."""
    def __new__(cls, *, id: int | None = ..., tapcode: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """Its id."""
    @property
    def tapcode(self) -> str | None:
        """The TAP code."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class NetworkCode:
    """A Mobile Network Code of a network."""
    def __new__(cls, *, id: int | None = ..., mnc: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """Its id."""
    @property
    def mnc(self) -> str | None:
        """The MNC."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SessionVolume:
    """The data volume of a session."""
    def __new__(cls, *, tx: float | None = ..., rx: float | None = ..., total: float | None = ...) -> Self: ...
    @property
    def tx(self) -> float | None:
        """Sent by the device."""
    @property
    def rx(self) -> float | None:
        """Received by the device."""
    @property
    def total(self) -> float | None:
        """Both directions."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventQuota:
    """The quota of a quota event (either of the two shapes 1NCE sends)."""
    def __new__(cls, *, id: int | None = ..., status: QuotaStatus | Mapping[str, Any] | None = ..., volume: float | None = ..., total_volume: float | None = ..., accumulated_total_volume: float | None = ..., last_volume_added: float | None = ..., service: QuotaService | Literal["data", "sms"] | None = ..., threshold_percentage: int | None = ..., threshold_volume: float | None = ..., threshold: QuotaThresholdLevel | Mapping[str, Any] | None = ..., expiry_date: datetime.datetime | None = ..., created_at: datetime.datetime | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The quota's id."""
    @property
    def status(self) -> QuotaStatus | None:
        """Active, exhausted or expired."""
    @property
    def volume(self) -> float | None:
        """What is left: MB for data, messages for SMS. Can be negative."""
    @property
    def total_volume(self) -> float | None:
        """The volume provisioned, or what was left at the last top-up plus the top-up."""
    @property
    def accumulated_total_volume(self) -> float | None:
        """The initial volume plus every top-up."""
    @property
    def last_volume_added(self) -> float | None:
        """The volume of the last top-up."""
    @property
    def service(self) -> QuotaService | None:
        """`data` or `sms`."""
    @property
    def threshold_percentage(self) -> int | None:
        """The percentage of `total_volume` at which a threshold event fires."""
    @property
    def threshold_volume(self) -> float | None:
        """`total_volume * threshold_percentage`."""
    @property
    def threshold(self) -> QuotaThresholdLevel | None:
        """The threshold as percentage and volume."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When the quota expires."""
    @property
    def created_at(self) -> datetime.datetime | None:
        """When the quota was created."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class QuotaThresholdLevel:
    """The threshold of a quota."""
    def __new__(cls, *, percentage: int | None = ..., volume: float | None = ...) -> Self: ...
    @property
    def percentage(self) -> int | None:
        """Percentage of the total volume."""
    @property
    def volume(self) -> float | None:
        """The same as a volume."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class VpnClient:
    """The OpenVPN client of a VPN event."""
    def __new__(cls, *, version: str | None = ..., private_ip: str | None = ..., public_ip: str | None = ...) -> Self: ...
    @property
    def version(self) -> str | None:
        """The OpenVPN client version."""
    @property
    def private_ip(self) -> str | None:
        """The client's private IP address."""
    @property
    def public_ip(self) -> str | None:
        """The client's public IP address."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SmsRecord:
    """An SMS sent to (MT) or received from (MO) a SIM, as 1NCE lists it (v2)."""
    def __new__(cls, *, id: int | None = ..., submit_date: datetime.datetime | None = ..., delivery_date: datetime.datetime | None = ..., expiry_date: datetime.datetime | None = ..., final_date: datetime.datetime | None = ..., retry_date: datetime.datetime | None = ..., last_delivery_attempt: datetime.datetime | None = ..., retry_count: int | None = ..., gsm_map_error: str | None = ..., dcs: int | None = ..., pid: int | None = ..., source_address: str | None = ..., source_address_type: SourceAddressTypeInfo | Mapping[str, Any] | None = ..., endpoint: SmsEndpoint | Mapping[str, Any] | None = ..., sim_id: int | None = ..., iccid: str | None = ..., msisdn: str | None = ..., imsi: str | None = ..., msc: str | None = ..., udh: str | None = ..., payload: str | None = ..., status: SmsStatusInfo | Mapping[str, Any] | None = ..., sms_type: SmsType | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The SMS id (for `client.sms.get` and
        `client.sms.delete`).
        """
    @property
    def submit_date(self) -> datetime.datetime | None:
        """When 1NCE accepted it."""
    @property
    def delivery_date(self) -> datetime.datetime | None:
        """When it was delivered."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When delivery attempts stop."""
    @property
    def final_date(self) -> datetime.datetime | None:
        """When it reached its final state."""
    @property
    def retry_date(self) -> datetime.datetime | None:
        """When delivery is tried next."""
    @property
    def last_delivery_attempt(self) -> datetime.datetime | None:
        """When delivery was last tried."""
    @property
    def retry_count(self) -> int | None:
        """How often delivery was retried."""
    @property
    def gsm_map_error(self) -> str | None:
        """The GSM MAP error of the last failed attempt."""
    @property
    def dcs(self) -> int | None:
        """Data Coding Scheme (0 text, 4 binary, 8 UCS-2)."""
    @property
    def pid(self) -> int | None:
        """Protocol identifier."""
    @property
    def source_address(self) -> str | None:
        """The sender's address."""
    @property
    def source_address_type(self) -> SourceAddressTypeInfo | None:
        """The type of the sender's address."""
    @property
    def endpoint(self) -> SmsEndpoint | None:
        """The device (endpoint)."""
    @property
    def sim_id(self) -> int | None:
        """1NCE's internal id of the SIM."""
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def msisdn(self) -> str | None:
        """The SIM's MSISDN."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def msc(self) -> str | None:
        """The Mobile-services Switching Centre that handled it."""
    @property
    def udh(self) -> str | None:
        """User Data Header (hex)."""
    @property
    def payload(self) -> str | None:
        """The message (1NCE may mask it as `***`)."""
    @property
    def status(self) -> SmsStatusInfo | None:
        """Pending, delivered, failed or expired."""
    @property
    def sms_type(self) -> SmsType | None:
        """MT or MO."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SmsStatusInfo:
    """The delivery state of an SMS, as a number and a name."""
    def __new__(cls, *, id: int | None = ..., description: SmsStatus | Literal["DELIVERED", "FAILED", "PENDING", "EXPIRED"] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """2 pending, 4 delivered, 5 failed, 6 expired."""
    @property
    def description(self) -> SmsStatus | None:
        """The same in words."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SmsType:
    """The direction of an SMS, as a number and a name."""
    def __new__(cls, *, id: int | None = ..., description: SmsDirection | Literal["MT", "MO"] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """1 MT, 2 MO."""
    @property
    def description(self) -> SmsDirection | None:
        """The same in words."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SourceAddressTypeInfo:
    """The type of an SMS source address, as a number and a name."""
    def __new__(cls, *, id: int | None = ..., description: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """145 international, 161 national, 208 alphanumeric."""
    @property
    def description(self) -> str | None:
        """The same in words (`National`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SmsEndpoint:
    """The device (endpoint) of an SMS."""
    def __new__(cls, *, id: int | None = ..., name: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The endpoint's id."""
    @property
    def name(self) -> str | None:
        """The endpoint's name."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TopUpOrder:
    """The order 1NCE created for a top-up."""
    def __new__(cls, *, location: str | None = ...) -> Self: ...
    @property
    def location(self) -> str | None:
        """Where the order is (the `Location` header, e.g.
        `https://api.1nce.com/management-api/v2/orders/1234`), when 1NCE sent it.
        """
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Order:
    """An order of the account: SIMs, top-ups, tariff changes."""
    def __new__(cls, *, order_number: int | None = ..., order_type: OrderType | Literal["FIRST_ORDER", "ADDITIONAL_ORDER", "TOPUP", "BULK_TOPUP", "TARIFF_CHANGE"] | None = ..., order_date: datetime.datetime | None = ..., order_status: str | None = ..., invoice_number: str | None = ..., invoice_amount: str | None = ..., currency: str | None = ..., shipping_address: DeliveryAddress | Mapping[str, Any] | None = ..., sims: Sequence[OrderSim | Mapping[str, Any]] | None = ..., products: Sequence[OrderProduct | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def order_number(self) -> int | None:
        """The order's number."""
    @property
    def order_type(self) -> OrderType | None:
        """First order, additional order, top-up, bulk top-up or tariff change."""
    @property
    def order_date(self) -> datetime.datetime | None:
        """When the order was placed."""
    @property
    def order_status(self) -> str | None:
        """Where the order is in 1NCE's process (e.g. `COMPLETED`)."""
    @property
    def invoice_number(self) -> str | None:
        """The invoice's number."""
    @property
    def invoice_amount(self) -> str | None:
        """The gross amount as printed on the invoice (`"19.99"`), kept as text
        so no cent is lost to floating point.
        """
    @property
    def currency(self) -> str | None:
        """ISO 4217 currency of the invoice amount (`EUR`)."""
    @property
    def shipping_address(self) -> DeliveryAddress | None:
        """Where the order was shipped."""
    @property
    def sims(self) -> tuple[OrderSim, ...] | None:
        """The SIMs included in or affected by the order."""
    @property
    def products(self) -> tuple[OrderProduct, ...] | None:
        """The products ordered and their quantities."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeliveryAddress:
    """A delivery address: where an order is shipped to (in a new order), or
    where it was shipped (in an `Order`).
    """
    def __new__(cls, *, salutation: Salutation | Literal["1", "2"] | None = ..., first_name: str | None = ..., last_name: str | None = ..., company: str | None = ..., street: str | None = ..., address_line2: str | None = ..., house_number: str | None = ..., zip: str | None = ..., city: str | None = ..., country: str | None = ..., phone: str | None = ...) -> Self: ...
    @property
    def salutation(self) -> Salutation | None:
        """Mr (`"1"`) or Ms (`"2"`)."""
    @property
    def first_name(self) -> str | None:
        """First name."""
    @property
    def last_name(self) -> str | None:
        """Last name."""
    @property
    def company(self) -> str | None:
        """Company name."""
    @property
    def street(self) -> str | None:
        """Street name."""
    @property
    def address_line2(self) -> str | None:
        """Second address line."""
    @property
    def house_number(self) -> str | None:
        """House number."""
    @property
    def zip(self) -> str | None:
        """ZIP code."""
    @property
    def city(self) -> str | None:
        """City."""
    @property
    def country(self) -> str | None:
        """ISO 3166-1 alpha-2 country code (`DE`)."""
    @property
    def phone(self) -> str | None:
        """Phone number with international prefix."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OrderSim:
    """A SIM included in or affected by an order."""
    def __new__(cls, *, iccid: str | None = ..., links: Sequence[SimLink | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def links(self) -> tuple[SimLink, ...] | None:
        """Links to the SIM resource."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SimLink:
    """A link from an order's SIM to the SIM resource."""
    def __new__(cls, *, rel: str | None = ..., href: str | None = ...) -> Self: ...
    @property
    def rel(self) -> str | None:
        """The relation, e.g. `self`."""
    @property
    def href(self) -> str | None:
        """The URL."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OrderProduct:
    """A product and quantity of an existing order."""
    def __new__(cls, *, product_id: int | None = ..., quantity: int | None = ...) -> Self: ...
    @property
    def product_id(self) -> int | None:
        """The product's id."""
    @property
    def quantity(self) -> int | None:
        """How many were ordered."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OrderRequest:
    """The body of a new order (`POST /v1/orders`); 1NCE may echo it back."""
    def __new__(cls, *, products: Sequence[OrderedProduct | Mapping[str, Any]] = ..., delivery_address: DeliveryAddress | Mapping[str, Any] | None = ..., customer_reference: str | None = ...) -> Self: ...
    @property
    def products(self) -> tuple[OrderedProduct, ...]:
        """The products to order."""
    @property
    def delivery_address(self) -> DeliveryAddress | None:
        """Where to ship; without it 1NCE uses the account's single delivery
        address (required when the account has several).
        """
    @property
    def customer_reference(self) -> str | None:
        """Your own reference for the order."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OrderedProduct:
    """One line of a new order: a product (see `client.products.list()`) and
    how many of it.
    """
    def __new__(cls, *, product_id: int | None = ..., quantity: int | None = ...) -> Self: ...
    @property
    def product_id(self) -> int | None:
        """The product's id (`productId` on the wire)."""
    @property
    def quantity(self) -> int | None:
        """How many to order (at least 1)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OrderCreated:
    """What 1NCE answered to a new order."""
    def __new__(cls, *, order_number: int | None = ..., location: str | None = ..., order: OrderRequest | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def order_number(self) -> int | None:
        """The new order's number, when 1NCE said where it lives."""
    @property
    def location(self) -> str | None:
        """The `Location` header (URL of the new order), when sent."""
    @property
    def order(self) -> OrderRequest | None:
        """The order as 1NCE echoed it back, when it sent a body."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Product:
    """A product that can be ordered with `client.orders.create()`."""
    def __new__(cls, *, id: int | None = ..., product: str | None = ..., material: str | None = ..., package_size: int | None = ..., min_quantity: int | None = ..., max_quantity: int | None = ..., max_quantity_per_customer: int | None = ..., min_contract_duration: int | None = ..., one_time_charges: Sequence[Charge | Mapping[str, Any]] | None = ..., recurring_charges: Sequence[Charge | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The product id to order by."""
    @property
    def product(self) -> str | None:
        """The product's name, e.g. `1NCE IoT FlexSIM - Standard`."""
    @property
    def material(self) -> str | None:
        """The product type, e.g. `1NCE FlexSIM`."""
    @property
    def package_size(self) -> int | None:
        """How many items one package holds."""
    @property
    def min_quantity(self) -> int | None:
        """The least quantity per order."""
    @property
    def max_quantity(self) -> int | None:
        """The largest quantity per order."""
    @property
    def max_quantity_per_customer(self) -> int | None:
        """The largest quantity per customer."""
    @property
    def min_contract_duration(self) -> int | None:
        """The minimum contract duration in months."""
    @property
    def one_time_charges(self) -> tuple[Charge, ...] | None:
        """Charges due once."""
    @property
    def recurring_charges(self) -> tuple[Charge, ...] | None:
        """Charges due repeatedly."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Charge:
    """A price of a product: one-time or recurring."""
    def __new__(cls, *, name: str | None = ..., amount_net: float | None = ..., currency: str | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """What the charge is for, e.g. `provisionCharge`."""
    @property
    def amount_net(self) -> float | None:
        """The net amount."""
    @property
    def currency(self) -> str | None:
        """ISO 4217 currency (`EUR`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ServiceRequest:
    """A service request (support ticket) of the account."""
    def __new__(cls, *, case_id: str | None = ..., status: ServiceRequestStatus | Literal["OPEN", "IN_PROGRESS", "CLOSED"] | None = ..., subject: str | None = ..., text: str | None = ..., create_date: datetime.datetime | None = ..., solved_date: datetime.datetime | None = ..., communications: Sequence[Communication | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def case_id(self) -> str | None:
        """The case id to refer to the ticket by."""
    @property
    def status(self) -> ServiceRequestStatus | None:
        """Open, in progress or closed."""
    @property
    def subject(self) -> str | None:
        """The subject."""
    @property
    def text(self) -> str | None:
        """The text."""
    @property
    def create_date(self) -> datetime.datetime | None:
        """When it was opened."""
    @property
    def solved_date(self) -> datetime.datetime | None:
        """When it was marked solved."""
    @property
    def communications(self) -> tuple[Communication, ...] | None:
        """The messages exchanged."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Communication:
    """One message of a service request."""
    def __new__(cls, *, id: str | None = ..., communication_date: datetime.datetime | None = ..., direction: CommunicationDirection | Literal["IN", "OUT"] | None = ..., originator: str | None = ..., subject: str | None = ..., text: str | None = ..., channel: CommunicationChannel | Literal["PORTAL", "PHONE_IN", "PHONE_OUT", "MAIL_IN", "MAIL_OUT"] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The message's id."""
    @property
    def communication_date(self) -> datetime.datetime | None:
        """When it was sent."""
    @property
    def direction(self) -> CommunicationDirection | None:
        """To 1NCE (`IN`) or from 1NCE (`OUT`)."""
    @property
    def originator(self) -> str | None:
        """Who sent it."""
    @property
    def subject(self) -> str | None:
        """The subject."""
    @property
    def text(self) -> str | None:
        """The text."""
    @property
    def channel(self) -> CommunicationChannel | None:
        """Portal, phone or e-mail (`type` on the wire)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Sim:
    """A SIM card as SIM management v1 reports it (from ``client.v1.sims``).

    1NCE retires v1 at the end of 2026: v2's ``client.sims`` returns ``Sim``.
    """
    def __new__(cls, *, iccid: str = ..., iccid_with_luhn: str | None = ..., imsi: str | None = ..., imsi_2: str | None = ..., current_imsi: str | None = ..., msisdn: str | None = ..., imei: str | None = ..., imei_lock: bool | None = ..., status: SimStatus | Literal["Enabled", "Disabled"] | None = ..., activation_date: datetime.datetime | None = ..., ip_address: str | None = ..., current_quota: float | None = ..., quota_status: QuotaThreshold | Mapping[str, Any] | None = ..., current_quota_sms: float | None = ..., quota_status_sms: QuotaThreshold | Mapping[str, Any] | None = ..., label: str | None = ...) -> Self: ...
    @property
    def iccid(self) -> str:
        """The ICCID 1NCE addresses the SIM by (19 digits)."""
    @property
    def iccid_with_luhn(self) -> str | None:
        """The ICCID with its Luhn check digit (20 digits)."""
    @property
    def imsi(self) -> str | None:
        """First IMSI, used on the normal 1NCE network."""
    @property
    def imsi_2(self) -> str | None:
        """Second IMSI, used on the China+ network."""
    @property
    def current_imsi(self) -> str | None:
        """The IMSI currently in use."""
    @property
    def msisdn(self) -> str | None:
        """The SIM's phone number."""
    @property
    def imei(self) -> str | None:
        """IMEI of the device the SIM is in (may be a 16-digit IMEISV)."""
    @property
    def imei_lock(self) -> bool | None:
        """Whether the SIM is locked to the current device IMEI."""
    @property
    def status(self) -> SimStatus | None:
        """`Enabled` or `Disabled` (other values are passed on as sent)."""
    @property
    def activation_date(self) -> datetime.datetime | None:
        """When the SIM was activated."""
    @property
    def ip_address(self) -> str | None:
        """The SIM's fixed IP address."""
    @property
    def current_quota(self) -> float | None:
        """The overall data quota in MB."""
    @property
    def quota_status(self) -> QuotaThreshold | None:
        """How much data quota is left, roughly."""
    @property
    def current_quota_sms(self) -> float | None:
        """The current SMS quota."""
    @property
    def quota_status_sms(self) -> QuotaThreshold | None:
        """How much SMS quota is left, roughly."""
    @property
    def label(self) -> str | None:
        """Your label for the SIM."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Quota:
    """A data or SMS quota of a SIM (SIM management v1).

    1NCE retires v1 at the end of 2026: v2's ``client.sims.data_quota`` and
    ``sms_quota`` return ``Quota``.
    """
    def __new__(cls, *, volume: float | None = ..., total_volume: float | None = ..., expiry_date: datetime.datetime | None = ..., peak_throughput: int | None = ..., last_volume_added: float | None = ..., last_status_change_date: datetime.datetime | None = ..., threshold_percentage: int | None = ...) -> Self: ...
    @property
    def volume(self) -> float | None:
        """What is left: MB for data, messages for SMS."""
    @property
    def total_volume(self) -> float | None:
        """The volume the SIM has over its lifetime (MB or messages)."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When the quota expires."""
    @property
    def peak_throughput(self) -> int | None:
        """Throughput limit in bit/s (data quotas only)."""
    @property
    def last_volume_added(self) -> float | None:
        """The volume of the last top-up."""
    @property
    def last_status_change_date(self) -> datetime.datetime | None:
        """When the quota last changed."""
    @property
    def threshold_percentage(self) -> int | None:
        """The percentage left at which a volume notification is sent."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Connectivity:
    """A SIM's connectivity status, location and data session
    (``client.v1.sims.status``; SIM management v1, retired by 1NCE at the
    end of 2026).
    """
    def __new__(cls, *, status: ConnectivityStatus | Literal["ONLINE", "ATTACHED", "OFFLINE", "BLOCKED"] | None = ..., location: V1Location | Mapping[str, Any] | None = ..., pdp_context: V1PdpContext | Mapping[str, Any] | None = ..., services: Sequence[str] | None = ...) -> Self: ...
    @property
    def status(self) -> ConnectivityStatus | None:
        """`OFFLINE`, `ONLINE` or `ATTACHED`."""
    @property
    def location(self) -> V1Location | None:
        """Where the device was last seen."""
    @property
    def pdp_context(self) -> V1PdpContext | None:
        """The current data session, if any."""
    @property
    def services(self) -> tuple[str, ...] | None:
        """The services in use (`GPRS`, ...)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Location:
    """Where a SIM's device was last seen by the network (SIM management v1)."""
    def __new__(cls, *, iccid: str | None = ..., imsi: str | None = ..., last_updated: datetime.datetime | None = ..., last_updated_gprs: datetime.datetime | None = ..., sgsn_number: str | None = ..., vlr_number: str | None = ..., vlr_number_np: str | None = ..., msc_number_np: str | None = ..., sgsn_number_np: str | None = ..., operator_id: str | None = ..., msc: str | None = ..., sgsn_ip_address: str | None = ..., operator: V1Operator | Mapping[str, Any] | None = ..., country: V1Country | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def last_updated(self) -> datetime.datetime | None:
        """Last location update."""
    @property
    def last_updated_gprs(self) -> datetime.datetime | None:
        """Last GPRS location update."""
    @property
    def sgsn_number(self) -> str | None:
        """SGSN the SIM is attached to."""
    @property
    def vlr_number(self) -> str | None:
        """Visitor Location Register."""
    @property
    def vlr_number_np(self) -> str | None:
        """VLR number NP."""
    @property
    def msc_number_np(self) -> str | None:
        """MSC number NP."""
    @property
    def sgsn_number_np(self) -> str | None:
        """SGSN number NP."""
    @property
    def operator_id(self) -> str | None:
        """The current operator's id."""
    @property
    def msc(self) -> str | None:
        """Mobile-services Switching Centre."""
    @property
    def sgsn_ip_address(self) -> str | None:
        """IP address of the SGSN."""
    @property
    def operator(self) -> V1Operator | None:
        """The operator the SIM is attached to."""
    @property
    def country(self) -> V1Country | None:
        """The country the device is in."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Operator:
    """A mobile operator (SIM management v1)."""
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., country: V1OperatorCountry | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The operator's id."""
    @property
    def name(self) -> str | None:
        """The operator's name (`T-Mobile`)."""
    @property
    def country(self) -> V1OperatorCountry | None:
        """The operator's country."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1OperatorCountry:
    """The country of an operator (SIM management v1)."""
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., iso_code: str | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The country's id."""
    @property
    def name(self) -> str | None:
        """The country's name."""
    @property
    def iso_code(self) -> str | None:
        """ISO code (`de`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Country:
    """The country a device is in (SIM management v1)."""
    def __new__(cls, *, country_id: str | None = ..., name: str | None = ..., country_code: str | None = ..., mcc: str | None = ..., iso_code: str | None = ..., latitude: str | None = ..., longitude: str | None = ...) -> Self: ...
    @property
    def country_id(self) -> str | None:
        """The country's id."""
    @property
    def name(self) -> str | None:
        """The country's name."""
    @property
    def country_code(self) -> str | None:
        """International dialling code (`49`)."""
    @property
    def mcc(self) -> str | None:
        """Mobile Country Code."""
    @property
    def iso_code(self) -> str | None:
        """ISO code (`de`)."""
    @property
    def latitude(self) -> str | None:
        """Reference latitude of the country."""
    @property
    def longitude(self) -> str | None:
        """Reference longitude of the country."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1RatType:
    """Radio access technology of a data session (SIM management v1)."""
    def __new__(cls, *, rat_type_id: str | None = ..., description: str | None = ...) -> Self: ...
    @property
    def rat_type_id(self) -> str | None:
        """The RAT's id."""
    @property
    def description(self) -> str | None:
        """`2G`, `3G`, `4G`, `5G` or `NB-IoT`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1PdpContext:
    """A SIM's current data session, its PDP context (SIM management v1)."""
    def __new__(cls, *, pdp_context_id: str | None = ..., endpoint_id: str | None = ..., tariff_profile_id: str | None = ..., tariff_id: str | None = ..., ratezone_id: str | None = ..., organisation_id: str | None = ..., imsi_id: str | None = ..., imsi: str | None = ..., sim_id: str | None = ..., teid_data_plane: str | None = ..., teid_control_plane: str | None = ..., gtp_version: str | None = ..., nsapi: str | None = ..., sgsn_control_plane_ip_address: str | None = ..., sgsn_data_plane_ip_address: str | None = ..., ggsn_control_plane_ip_address: str | None = ..., ggsn_data_plane_ip_address: str | None = ..., created: datetime.datetime | None = ..., mcc: str | None = ..., mnc: str | None = ..., operator_id: str | None = ..., lac: str | None = ..., ci: str | None = ..., ue_ip_address: str | None = ..., imeisv: str | None = ..., duration: str | None = ..., rat_type: V1RatType | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def pdp_context_id(self) -> str | None:
        """The context's id."""
    @property
    def endpoint_id(self) -> str | None:
        """The SIM endpoint's id."""
    @property
    def tariff_profile_id(self) -> str | None:
        """Tariff profile id."""
    @property
    def tariff_id(self) -> str | None:
        """Tariff id."""
    @property
    def ratezone_id(self) -> str | None:
        """Rate zone id."""
    @property
    def organisation_id(self) -> str | None:
        """Internal organisation id."""
    @property
    def imsi_id(self) -> str | None:
        """IMSI id."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def sim_id(self) -> str | None:
        """Internal SIM id."""
    @property
    def teid_data_plane(self) -> str | None:
        """User plane tunnel id."""
    @property
    def teid_control_plane(self) -> str | None:
        """Control plane tunnel id."""
    @property
    def gtp_version(self) -> str | None:
        """GTP version."""
    @property
    def nsapi(self) -> str | None:
        """Network Service Access Point Identifier."""
    @property
    def sgsn_control_plane_ip_address(self) -> str | None:
        """SGSN control plane IP."""
    @property
    def sgsn_data_plane_ip_address(self) -> str | None:
        """SGSN user plane IP."""
    @property
    def ggsn_control_plane_ip_address(self) -> str | None:
        """GGSN control plane IP."""
    @property
    def ggsn_data_plane_ip_address(self) -> str | None:
        """GGSN user plane IP."""
    @property
    def created(self) -> datetime.datetime | None:
        """When the session started."""
    @property
    def mcc(self) -> str | None:
        """Mobile Country Code."""
    @property
    def mnc(self) -> str | None:
        """Mobile Network Code."""
    @property
    def operator_id(self) -> str | None:
        """Operator id."""
    @property
    def lac(self) -> str | None:
        """Location area code."""
    @property
    def ci(self) -> str | None:
        """Cell identity."""
    @property
    def ue_ip_address(self) -> str | None:
        """The device's IP address."""
    @property
    def imeisv(self) -> str | None:
        """The device's IMEISV."""
    @property
    def duration(self) -> str | None:
        """How long the session has lasted (`02:39:10`)."""
    @property
    def rat_type(self) -> V1RatType | None:
        """Radio access technology."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ConnectivityInfo:
    """Connectivity and cell tower information of a device
    (``client.v1.sims.connectivity_info``; v1 only, no v2 counterpart;
    1NCE retires v1 at the end of 2026).
    """
    def __new__(cls, *, ussd_info: UssdInfo | Mapping[str, Any] | None = ..., subscriber_info: SubscriberInfo | Mapping[str, Any] | None = ..., request_timestamp: datetime.datetime | None = ..., reply_timestamp: datetime.datetime | None = ...) -> Self: ...
    @property
    def ussd_info(self) -> UssdInfo | None:
        """USSD result, when asked for with `ussd=True`."""
    @property
    def subscriber_info(self) -> SubscriberInfo | None:
        """Subscriber (location) information, when asked for with `subscriber=True`."""
    @property
    def request_timestamp(self) -> datetime.datetime | None:
        """When 1NCE received the request (UTC)."""
    @property
    def reply_timestamp(self) -> datetime.datetime | None:
        """When 1NCE answered (UTC)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class UssdInfo:
    """The USSD part of ``ConnectivityInfo``."""
    def __new__(cls, *, success: bool | None = ..., error: str | None = ...) -> Self: ...
    @property
    def success(self) -> bool | None:
        """Whether the USSD request succeeded."""
    @property
    def error(self) -> str | None:
        """What went wrong, if anything."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SubscriberInfo:
    """The subscriber part of ``ConnectivityInfo``."""
    def __new__(cls, *, success: bool | None = ..., state: str | None = ..., location: SubscriberLocation | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def success(self) -> bool | None:
        """Whether the subscriber request succeeded."""
    @property
    def state(self) -> str | None:
        """State of the information (`not_provided_from_vlr`)."""
    @property
    def location(self) -> SubscriberLocation | None:
        """The device location the network knows."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SubscriberLocation:
    """A device location from the network (subscriber information)."""
    def __new__(cls, *, current_location_retrieved: bool | None = ..., age_of_location: int | None = ..., cell_global_id: V1CellGlobalId | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def current_location_retrieved(self) -> bool | None:
        """Whether the location is current."""
    @property
    def age_of_location(self) -> int | None:
        """Age of the location in minutes."""
    @property
    def cell_global_id(self) -> V1CellGlobalId | None:
        """The cell tower."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1CellGlobalId:
    """Identifies a cell tower (SIM management v1)."""
    def __new__(cls, *, cid: int | None = ..., lac: int | None = ..., mcc: str | None = ..., mnc: str | None = ...) -> Self: ...
    @property
    def cid(self) -> int | None:
        """Cell id."""
    @property
    def lac(self) -> int | None:
        """Location area code."""
    @property
    def mcc(self) -> str | None:
        """Mobile Country Code."""
    @property
    def mnc(self) -> str | None:
        """Mobile Network Code."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Event:
    """A network or SIM event (SIM management v1, ``client.v1.sims.events``).

    1NCE retires v1 at the end of 2026: v2's ``client.sims.events`` has
    richer events.
    """
    def __new__(cls, *, id: int | None = ..., timestamp: datetime.datetime | None = ..., event_type: str | None = ..., iccid: str | None = ..., imei: str | None = ..., imsi: str | None = ..., country: str | None = ..., operator: str | None = ..., mcc: str | None = ..., mnc: str | None = ..., alert: bool | None = ..., event_severity: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The event's id (when 1NCE sends one)."""
    @property
    def timestamp(self) -> datetime.datetime | None:
        """When it happened."""
    @property
    def event_type(self) -> str | None:
        """What happened, in words."""
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def imei(self) -> str | None:
        """The device's IMEI."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def country(self) -> str | None:
        """The country of the network."""
    @property
    def operator(self) -> str | None:
        """The network's operator."""
    @property
    def mcc(self) -> str | None:
        """Mobile Country Code."""
    @property
    def mnc(self) -> str | None:
        """Mobile Network Code."""
    @property
    def alert(self) -> bool | None:
        """Whether 1NCE treats the event as an alert."""
    @property
    def event_severity(self) -> str | None:
        """Severity in words (`Info`, ...)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Currency:
    """A currency of a usage record."""
    def __new__(cls, *, id: int | None = ..., symbol: str | None = ..., code: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The currency's id."""
    @property
    def symbol(self) -> str | None:
        """Its symbol (`€`)."""
    @property
    def code(self) -> str | None:
        """Its code (`EUR`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TrafficType:
    """The kind of traffic of a usage record."""
    def __new__(cls, *, description: str | None = ..., id: int | None = ..., unit: str | None = ...) -> Self: ...
    @property
    def description(self) -> str | None:
        """`Data` or `SMS`."""
    @property
    def id(self) -> int | None:
        """The type's id."""
    @property
    def unit(self) -> str | None:
        """`MB` or `SMS`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Traffic:
    """Data or SMS traffic of one usage row (1NCE sends the figures as
    strings; they are numbers here).
    """
    def __new__(cls, *, cost: float | None = ..., currency: Currency | Mapping[str, Any] | None = ..., traffic_type: TrafficType | Mapping[str, Any] | None = ..., volume: float | None = ..., volume_rx: float | None = ..., volume_tx: float | None = ...) -> Self: ...
    @property
    def cost(self) -> float | None:
        """Mirrors the volume (there is no real cost behind it)."""
    @property
    def currency(self) -> Currency | None:
        """The currency of `cost`."""
    @property
    def traffic_type(self) -> TrafficType | None:
        """Data or SMS."""
    @property
    def volume(self) -> float | None:
        """Total: MB of data (RX + TX) or messages (MO + MT)."""
    @property
    def volume_rx(self) -> float | None:
        """Received by the SIM: MB downstream, or MO-SMS count."""
    @property
    def volume_tx(self) -> float | None:
        """Sent by the SIM: MB upstream, or MT-SMS count."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DailyUsage:
    """The usage of one day."""
    def __new__(cls, *, date: datetime.datetime | None = ..., data: Traffic | Mapping[str, Any] | None = ..., sms: Traffic | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def date(self) -> datetime.datetime | None:
        """The day (midnight UTC); None if 1NCE left it out."""
    @property
    def data(self) -> Traffic | None:
        """Data used that day."""
    @property
    def sms(self) -> Traffic | None:
        """SMS used that day."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class UsageTotal:
    """The sums over the whole period (the row 1NCE dates `TOTAL`)."""
    def __new__(cls, *, data: Traffic | Mapping[str, Any] | None = ..., sms: Traffic | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def data(self) -> Traffic | None:
        """Data used in the period."""
    @property
    def sms(self) -> Traffic | None:
        """SMS used in the period."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Usage:
    """A SIM's daily data and SMS usage over a period
    (``client.v1.sims.usage``; v1 only, no v2 counterpart; 1NCE retires v1
    at the end of 2026).

    1NCE puts a row dated `TOTAL` among the daily rows; it is taken out of
    `stats` and kept in `total`.
    """
    def __new__(cls, *, stats: Sequence[DailyUsage | Mapping[str, Any]] = ..., total: UsageTotal | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def stats(self) -> tuple[DailyUsage, ...]:
        """One row per day, the `TOTAL` row excluded."""
    @property
    def total(self) -> UsageTotal | None:
        """The `TOTAL` row, when 1NCE sent one."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1Described:
    """A numbered status or type with a description (of a v1 SMS)."""
    def __new__(cls, *, id: int | None = ..., description: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The numeric id."""
    @property
    def description(self) -> str | None:
        """The same in words (`DELIVERED`; `MT` or `MO`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1SmsRecord:
    """An SMS sent to or received from a SIM (SIM management v1).

    1NCE retires v1 at the end of 2026: v2 has SMS under ``client.sms``.
    """
    def __new__(cls, *, id: int | None = ..., submit_date: datetime.datetime | None = ..., delivery_date: datetime.datetime | None = ..., expiry_date: datetime.datetime | None = ..., final_date: datetime.datetime | None = ..., retry_date: datetime.datetime | None = ..., last_delivery_attempt: datetime.datetime | None = ..., retry_count: int | None = ..., source_address: str | None = ..., iccid: str | None = ..., msisdn: str | None = ..., imsi: str | None = ..., msc: str | None = ..., dcs: int | None = ..., udh: str | None = ..., payload: str | None = ..., status: V1Described | Mapping[str, Any] | None = ..., sms_type: V1Described | Mapping[str, Any] | None = ..., source_address_type: V1Described | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The SMS id (for `get_sms` and `delete_sms`)."""
    @property
    def submit_date(self) -> datetime.datetime | None:
        """When the SMS was submitted."""
    @property
    def delivery_date(self) -> datetime.datetime | None:
        """When it was delivered."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When it expires."""
    @property
    def final_date(self) -> datetime.datetime | None:
        """When its processing ended."""
    @property
    def retry_date(self) -> datetime.datetime | None:
        """When delivery was retried."""
    @property
    def last_delivery_attempt(self) -> datetime.datetime | None:
        """The last delivery attempt."""
    @property
    def retry_count(self) -> int | None:
        """Delivery retries so far."""
    @property
    def source_address(self) -> str | None:
        """The sender."""
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def msisdn(self) -> str | None:
        """The SIM's MSISDN."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def msc(self) -> str | None:
        """The MSC that handled the SMS."""
    @property
    def dcs(self) -> int | None:
        """Data Coding Scheme: 0 text, 4 binary, 8 UCS-2."""
    @property
    def udh(self) -> str | None:
        """User Data Header (hex)."""
    @property
    def payload(self) -> str | None:
        """The message."""
    @property
    def status(self) -> V1Described | None:
        """Delivery status (`DELIVERED`, ...)."""
    @property
    def sms_type(self) -> V1Described | None:
        """`MT` (to the device) or `MO` (from the device)."""
    @property
    def source_address_type(self) -> V1Described | None:
        """The type of `source_address` (145 international, 161 national, 208 alphanumeric)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Limit:
    """A self-set monthly limit, or one of the limits that can be selected
    (SIM management v1; no v2 counterpart).
    """
    def __new__(cls, *, id: int | None = ..., limit: str | None = ..., unit: str | None = ...) -> Self: ...
    @property
    def id(self) -> int | None:
        """The limit's id (what `set_limits` takes)."""
    @property
    def limit(self) -> str | None:
        """The value (`"16"`)."""
    @property
    def unit(self) -> str | None:
        """The unit (`MB`, `SMS`)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Limits:
    """The account-wide self-set monthly limits (``client.v1.sims.limits``;
    v1 only, no v2 counterpart; 1NCE retires v1 at the end of 2026).
    """
    def __new__(cls, *, data: Limit | Mapping[str, Any] | None = ..., sms_mt: Limit | Mapping[str, Any] | None = ..., sms_mo: Limit | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def data(self) -> Limit | None:
        """The data limit."""
    @property
    def sms_mt(self) -> Limit | None:
        """The MT-SMS limit."""
    @property
    def sms_mo(self) -> Limit | None:
        """The MO-SMS limit."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class V1TopUpOrder:
    """The order a v1 top-up created (``client.v1.sims.top_up`` and
    ``top_up_many``). 1NCE retires v1 at the end of 2026: v2 has single
    top-ups as ``client.sims.top_up``.
    """
    def __new__(cls, *, location: str | None = ..., order_id: str | None = ...) -> Self: ...
    @property
    def location(self) -> str | None:
        """The URL of the new order, when 1NCE sent one."""
    @property
    def order_id(self) -> str | None:
        """The order number: the last segment of `location`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SettingDetails:
    """Credits of a paid setting."""
    def __new__(cls, *, credits: float | None = ..., expiry_date: datetime.datetime | None = ...) -> Self: ...
    @property
    def credits(self) -> float | None:
        """Credits left."""
    @property
    def expiry_date(self) -> datetime.datetime | None:
        """When they expire."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OsSetting:
    """A 1NCE OS setting of the account."""
    def __new__(cls, *, name: str | None = ..., description: str | None = ..., state: SettingState | Literal["ENABLED", "DISABLED"] | None = ..., details: SettingDetails | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def description(self) -> str | None:
        """What it does."""
    @property
    def state(self) -> SettingState | None:
        """On or off."""
    @property
    def details(self) -> SettingDetails | None:
        """Credits, for paid settings."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OsSettingUpdate:
    """A change of a setting (`PATCH /v1/settings/1nceos/{name}`)."""
    def __new__(cls, *, state: SettingState | Literal["ENABLED", "DISABLED"] | None = ..., read_and_accepted_disclaimer: bool | None = ...) -> Self: ...
    @property
    def state(self) -> SettingState | None:
        """On or off."""
    @property
    def read_and_accepted_disclaimer(self) -> bool | None:
        """Whether you read and accepted the setting's disclaimer."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class OsSettingChanged:
    """A setting as changed."""
    def __new__(cls, *, customer_id: str | None = ..., name: str | None = ..., state: SettingState | Literal["ENABLED", "DISABLED"] | None = ...) -> Self: ...
    @property
    def customer_id(self) -> str | None:
        """The customer."""
    @property
    def name(self) -> str | None:
        """The setting."""
    @property
    def state(self) -> SettingState | None:
        """Its new state."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Agreement:
    """The answer to the 1NCE OS agreement (`POST /v1/agreements/1nceos`)."""
    def __new__(cls, *, accepted: bool | None = ...) -> Self: ...
    @property
    def accepted(self) -> bool | None:
        """Whether you accept it."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class AdminLog:
    """An administration log entry."""
    def __new__(cls, *, id: str | None = ..., imsi: str | None = ..., payload_reference: str | None = ..., ip: str | None = ..., iccid: str | None = ..., customer_id: str | None = ..., timestamp: datetime.datetime | None = ..., category: LogCategory | Literal["info", "error"] | None = ..., log_type: LogType | Literal["INTEGRATION", "DEVICE", "GENERAL", "LOCATION", "LIFECYCLE"] | None = ..., description: str | None = ..., message: str | None = ..., trace_id: str | None = ..., geofence_id: str | None = ..., integration_id: str | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """Its id."""
    @property
    def imsi(self) -> str | None:
        """The SIM's IMSI."""
    @property
    def payload_reference(self) -> str | None:
        """A reference to the payload (see `payload_url`)."""
    @property
    def ip(self) -> str | None:
        """The device's IP address."""
    @property
    def iccid(self) -> str | None:
        """The SIM's ICCID."""
    @property
    def customer_id(self) -> str | None:
        """The customer."""
    @property
    def timestamp(self) -> datetime.datetime | None:
        """When it happened."""
    @property
    def category(self) -> LogCategory | None:
        """Info or error."""
    @property
    def log_type(self) -> LogType | None:
        """What it is about."""
    @property
    def description(self) -> str | None:
        """A description."""
    @property
    def message(self) -> str | None:
        """The message."""
    @property
    def trace_id(self) -> str | None:
        """The trace id."""
    @property
    def geofence_id(self) -> str | None:
        """The geofence concerned."""
    @property
    def integration_id(self) -> str | None:
        """The integration concerned."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DailyLogCount:
    """Logs on one day."""
    def __new__(cls, *, day: datetime.date | None = ..., amount: int | None = ...) -> Self: ...
    @property
    def day(self) -> datetime.date | None:
        """The day."""
    @property
    def amount(self) -> int | None:
        """Logs on that day."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class AdminLogStats:
    """Administration log figures."""
    def __new__(cls, *, total_unique_devices: int | None = ..., administration_logs: Sequence[DailyLogCount | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def total_unique_devices(self) -> int | None:
        """Devices with logs."""
    @property
    def administration_logs(self) -> tuple[DailyLogCount, ...] | None:
        """Logs per day."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventSubscription:
    """An event type an integration forwards, in a version."""
    def __new__(cls, *, event_type: OsEventType | Literal["TELEMETRY_DATA", "LIFECYCLE", "ERROR", "GEOFENCE", "LOCATION", "TEST_MESSAGE"] | None = ..., version: str | None = ...) -> Self: ...
    @property
    def event_type(self) -> OsEventType | None:
        """The event type."""
    @property
    def version(self) -> str | None:
        """Its version."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Integration:
    """A cloud integration (AWS or webhook)."""
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., event_types: Sequence[EventSubscription | Mapping[str, Any]] | None = ..., state: IntegrationState | Literal["ROLLOUT_STARTED", "ROLLOUT_DONE", "ROLLOUT_FAILED", "INTEGRATION_ACTIVE", "INTEGRATION_FAILED"] | None = ..., integration_type: IntegrationType | Literal["AWS", "WEBHOOK"] | None = ..., last_successful_message_delivery: datetime.datetime | None = ..., aws_account_id: str | None = ..., region: str | None = ..., error: str | None = ..., jwt: str | None = ..., created_time: datetime.datetime | None = ..., updated_time: datetime.datetime | None = ..., url: str | None = ..., headers: Mapping[str, Secret | str] | None = ..., json_payload_enabled: bool | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """Its id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def event_types(self) -> tuple[EventSubscription, ...] | None:
        """The event types it forwards."""
    @property
    def state(self) -> IntegrationState | None:
        """Where it stands."""
    @property
    def integration_type(self) -> IntegrationType | None:
        """AWS or webhook."""
    @property
    def last_successful_message_delivery(self) -> datetime.datetime | None:
        """When data last got through."""
    @property
    def aws_account_id(self) -> str | None:
        """The AWS account (AWS)."""
    @property
    def region(self) -> str | None:
        """The AWS region (AWS)."""
    @property
    def error(self) -> str | None:
        """The last error."""
    @property
    def jwt(self) -> str | None:
        """The token of the CloudFormation stack (AWS)."""
    @property
    def created_time(self) -> datetime.datetime | None:
        """When it was created."""
    @property
    def updated_time(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def url(self) -> str | None:
        """The URL it posts to (webhook)."""
    @property
    def headers(self) -> dict[str, Secret] | None:
        """Its custom headers (webhook; values redacted in `repr()`)."""
    @property
    def json_payload_enabled(self) -> bool | None:
        """Whether payloads are sent as JSON."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class NewAwsIntegration:
    """A new AWS integration (`POST /v1/integrate/clouds/aws`)."""
    def __new__(cls, *, name: str | None = ..., event_types: Sequence[EventSubscription | Mapping[str, Any]] | None = ..., json_payload_enabled: bool | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def event_types(self) -> tuple[EventSubscription, ...] | None:
        """The event types to forward."""
    @property
    def json_payload_enabled(self) -> bool | None:
        """Whether payloads are sent as JSON."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class NewWebhookIntegration:
    """A new webhook integration (`POST /v1/integrate/clouds/webhooks`)."""
    def __new__(cls, *, name: str | None = ..., url: str | None = ..., headers: Mapping[str, Secret | str] | None = ..., event_types: Sequence[EventSubscription | Mapping[str, Any]] | None = ..., json_payload_enabled: bool | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def url(self) -> str | None:
        """The URL to post to."""
    @property
    def headers(self) -> dict[str, Secret] | None:
        """Custom headers sent with every post (values are secrets)."""
    @property
    def event_types(self) -> tuple[EventSubscription, ...] | None:
        """The event types to forward."""
    @property
    def json_payload_enabled(self) -> bool | None:
        """Whether payloads are sent as JSON."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class IntegrationUpdate:
    """A change of an integration (only the fields set are sent)."""
    def __new__(cls, *, url: str | None = ..., headers: Mapping[str, Secret | str] | None = ..., event_types: Sequence[EventSubscription | Mapping[str, Any]] | None = ..., json_payload_enabled: bool | None = ...) -> Self: ...
    @property
    def url(self) -> str | None:
        """A new URL (webhook)."""
    @property
    def headers(self) -> dict[str, Secret] | None:
        """New custom headers (webhook; values are secrets)."""
    @property
    def event_types(self) -> tuple[EventSubscription, ...] | None:
        """New event types."""
    @property
    def json_payload_enabled(self) -> bool | None:
        """Whether payloads are sent as JSON."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CloudFormationTemplate:
    """A version of the CloudFormation template of AWS integrations."""
    def __new__(cls, *, version: str | None = ..., url: str | None = ...) -> Self: ...
    @property
    def version(self) -> str | None:
        """Its version."""
    @property
    def url(self) -> str | None:
        """Where it is."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class AwsParameters:
    """The CloudFormation templates for AWS integrations."""
    def __new__(cls, *, aws_integration: Sequence[CloudFormationTemplate | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def aws_integration(self) -> tuple[CloudFormationTemplate, ...] | None:
        """The templates, by version."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class IntegrationRestart:
    """What restarting an integration did."""
    def __new__(cls, *, integration: Integration | Mapping[str, Any] | None = ..., restart_status: OutcomeStatus | Literal["SUCCESS", "FAILURE"] | None = ..., message: str | None = ...) -> Self: ...
    @property
    def integration(self) -> Integration | None:
        """The integration."""
    @property
    def restart_status(self) -> OutcomeStatus | None:
        """Success or failure."""
    @property
    def message(self) -> str | None:
        """1NCE's message."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class IntegrationTest:
    """What a test message through an integration did."""
    def __new__(cls, *, test_status: OutcomeStatus | Literal["SUCCESS", "FAILURE"] | None = ..., message: str | None = ...) -> Self: ...
    @property
    def test_status(self) -> OutcomeStatus | None:
        """Success or failure."""
    @property
    def message(self) -> str | None:
        """1NCE's message."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventTypeInfo:
    """An event type integrations can forward."""
    def __new__(cls, *, name: OsEventType | Literal["TELEMETRY_DATA", "LIFECYCLE", "ERROR", "GEOFENCE", "LOCATION", "TEST_MESSAGE"] | None = ..., description: str | None = ..., version: str | None = ..., payload: Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def name(self) -> OsEventType | None:
        """Its name."""
    @property
    def description(self) -> str | None:
        """What it is."""
    @property
    def version(self) -> str | None:
        """Its version."""
    @property
    def payload(self) -> dict[str, Any] | None:
        """An example payload."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EventTypes:
    """The event types integrations can forward."""
    def __new__(cls, *, event_types: Sequence[EventTypeInfo | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def event_types(self) -> tuple[EventTypeInfo, ...] | None:
        """The event types."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EndpointSetting:
    """One setting of a protocol endpoint."""
    def __new__(cls, *, name: str | None = ..., state: SettingState | Literal["ENABLED", "DISABLED"] | None = ..., description: str | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """The setting's name."""
    @property
    def state(self) -> SettingState | None:
        """On or off."""
    @property
    def description(self) -> str | None:
        """What it does."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ProtocolEndpoint:
    """A protocol endpoint of 1NCE OS devices talk to (UDP, CoAP, LwM2M)."""
    def __new__(cls, *, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., active: bool | None = ..., domain: str | None = ..., ip_addresses: Sequence[str] | None = ..., port: int | None = ..., secure_port: int | None = ..., settings: Sequence[EndpointSetting | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def protocol(self) -> OsProtocol | None:
        """The protocol."""
    @property
    def active(self) -> bool | None:
        """Whether the endpoint is on."""
    @property
    def domain(self) -> str | None:
        """Its domain name."""
    @property
    def ip_addresses(self) -> tuple[str, ...] | None:
        """Its IP addresses."""
    @property
    def port(self) -> int | None:
        """Its plain port."""
    @property
    def secure_port(self) -> int | None:
        """Its DTLS port."""
    @property
    def settings(self) -> tuple[EndpointSetting, ...] | None:
        """Its settings (one endpoint only)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EndpointSettingUpdate:
    """A change of one endpoint setting."""
    def __new__(cls, *, name: EndpointSettingName | Literal["LWM2M_PASSIVE_REPORTING"] | None = ..., state: SettingState | Literal["ENABLED", "DISABLED"] | None = ...) -> Self: ...
    @property
    def name(self) -> EndpointSettingName | None:
        """The setting."""
    @property
    def state(self) -> SettingState | None:
        """The new state."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class EndpointUpdate:
    """The body of an endpoint change (`PATCH .../endpoints/{protocol}`)."""
    def __new__(cls, *, active: bool | None = ..., settings: Sequence[EndpointSettingUpdate | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def active(self) -> bool | None:
        """Switches the endpoint on or off."""
    @property
    def settings(self) -> tuple[EndpointSettingUpdate, ...] | None:
        """The settings to change (required by 1NCE, may be empty)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ActionRequest:
    """A device action request and where it stands."""
    def __new__(cls, *, id: str | None = ..., status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = ..., device_id: str | None = ..., ip: str | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., created: datetime.datetime | None = ..., updated: datetime.datetime | None = ..., mode: RequestMode | Literal["SEND_NOW", "SEND_WHEN_ACTIVE"] | None = ..., result_data: Mapping[str, Any] | None = ..., request_data: Mapping[str, Any] | None = ..., send_attempts_left: int | None = ..., send_attempts: int | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The request's id."""
    @property
    def status(self) -> ActionStatus | None:
        """Scheduled, in progress, succeeded, failed or cancelled."""
    @property
    def device_id(self) -> str | None:
        """The device."""
    @property
    def ip(self) -> str | None:
        """The device's IP address."""
    @property
    def protocol(self) -> OsProtocol | None:
        """The protocol it is sent with."""
    @property
    def created(self) -> datetime.datetime | None:
        """When it was requested."""
    @property
    def updated(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def mode(self) -> RequestMode | None:
        """Send now or when the device is active."""
    @property
    def result_data(self) -> dict[str, Any] | None:
        """What the device answered."""
    @property
    def request_data(self) -> dict[str, Any] | None:
        """What was requested."""
    @property
    def send_attempts_left(self) -> int | None:
        """Attempts left."""
    @property
    def send_attempts(self) -> int | None:
        """Attempts in all."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CancelledRequest:
    """A cancelled action request."""
    def __new__(cls, *, id: str | None = ..., status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The request's id."""
    @property
    def status(self) -> ActionStatus | None:
        """`CANCELLED`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PskSet:
    """A device's pre-shared key to set (`POST .../{deviceId}/psk`)."""
    def __new__(cls, *, secret_key: Secret | str | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., format: KeyFormat | Literal["STRING", "HEX"] | None = ...) -> Self: ...
    @property
    def secret_key(self) -> Secret | None:
        """The key (a secret: redacted in `repr()`)."""
    @property
    def protocol(self) -> OsProtocol | None:
        """CoAP or LwM2M."""
    @property
    def format(self) -> KeyFormat | None:
        """Text or hexadecimal."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PreSharedKey:
    """A device's pre-shared key, as 1NCE stores it."""
    def __new__(cls, *, device_id: str | None = ..., identity: str | None = ..., secret_key: Secret | str | None = ..., created_at: datetime.datetime | None = ..., updated_at: datetime.datetime | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., format: KeyFormat | Literal["STRING", "HEX"] | None = ...) -> Self: ...
    @property
    def device_id(self) -> str | None:
        """The device."""
    @property
    def identity(self) -> str | None:
        """The PSK identity the device presents."""
    @property
    def secret_key(self) -> Secret | None:
        """The key (a secret: redacted in `repr()`)."""
    @property
    def created_at(self) -> datetime.datetime | None:
        """When it was set."""
    @property
    def updated_at(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def protocol(self) -> OsProtocol | None:
        """CoAP or LwM2M."""
    @property
    def format(self) -> KeyFormat | None:
        """Text or hexadecimal."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PskJobEntry:
    """One device's key in a pre-shared-key job."""
    def __new__(cls, *, device_id: str | None = ..., secret_key: Secret | str | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., format: KeyFormat | Literal["STRING", "HEX"] | None = ...) -> Self: ...
    @property
    def device_id(self) -> str | None:
        """The device."""
    @property
    def secret_key(self) -> Secret | None:
        """The key (a secret: redacted in `repr()`)."""
    @property
    def protocol(self) -> OsProtocol | None:
        """CoAP or LwM2M."""
    @property
    def format(self) -> KeyFormat | None:
        """Text or hexadecimal."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PskJob:
    """A pre-shared-key job: keys of many devices set at once."""
    def __new__(cls, *, id: str | None = ..., created_at: datetime.datetime | None = ..., updated_at: datetime.datetime | None = ..., status: PskJobStatus | Literal["IN_PROGRESS", "DONE"] | None = ..., amount: int | None = ..., failed: int | None = ..., done: int | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The job's id."""
    @property
    def created_at(self) -> datetime.datetime | None:
        """When it was created."""
    @property
    def updated_at(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def status(self) -> PskJobStatus | None:
        """In progress or done."""
    @property
    def amount(self) -> int | None:
        """Keys in the job."""
    @property
    def failed(self) -> int | None:
        """Keys that failed."""
    @property
    def done(self) -> int | None:
        """Keys set."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Lwm2mAction:
    """An LwM2M action for a device."""
    def __new__(cls, *, action: Lwm2mOperation | Literal["read", "write", "execute", "observe-start", "observe-end"] | None = ..., resource_address: str | None = ..., data: str | None = ..., request_mode: RequestMode | Literal["SEND_NOW", "SEND_WHEN_ACTIVE"] | None = ..., send_attempts: int | None = ...) -> Self: ...
    @property
    def action(self) -> Lwm2mOperation | None:
        """Read, write, execute, observe."""
    @property
    def resource_address(self) -> str | None:
        """The resource, e.g. `/3/0/1`."""
    @property
    def data(self) -> str | None:
        """The value to write or the arguments to execute."""
    @property
    def request_mode(self) -> RequestMode | None:
        """Now or when active."""
    @property
    def send_attempts(self) -> int | None:
        """Attempts before it fails."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CoapAction:
    """A CoAP request for a device."""
    def __new__(cls, *, payload: str | None = ..., payload_type: PayloadType | Literal["STRING", "BASE64"] | None = ..., port: int | None = ..., path: str | None = ..., request_type: CoapMethod | Literal["GET", "POST", "PUT", "DELETE", "PATCH"] | None = ..., request_mode: RequestMode | Literal["SEND_NOW", "SEND_WHEN_ACTIVE"] | None = ..., send_attempts: int | None = ...) -> Self: ...
    @property
    def payload(self) -> str | None:
        """The payload."""
    @property
    def payload_type(self) -> PayloadType | None:
        """Text or base64."""
    @property
    def port(self) -> int | None:
        """The device's port."""
    @property
    def path(self) -> str | None:
        """The CoAP path."""
    @property
    def request_type(self) -> CoapMethod | None:
        """The CoAP method."""
    @property
    def request_mode(self) -> RequestMode | None:
        """Now or when active."""
    @property
    def send_attempts(self) -> int | None:
        """Attempts before it fails."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class UdpAction:
    """A UDP message for a device."""
    def __new__(cls, *, payload: str | None = ..., payload_type: PayloadType | Literal["STRING", "BASE64"] | None = ..., port: int | None = ..., request_mode: RequestMode | Literal["SEND_NOW", "SEND_WHEN_ACTIVE"] | None = ...) -> Self: ...
    @property
    def payload(self) -> str | None:
        """The payload."""
    @property
    def payload_type(self) -> PayloadType | None:
        """Text or base64."""
    @property
    def port(self) -> int | None:
        """The device's port."""
    @property
    def request_mode(self) -> RequestMode | None:
        """Now or when active."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ActionAccepted:
    """1NCE's answer to an action for one device (202 Accepted)."""
    def __new__(cls, *, id: str | None = ..., message: str | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The action request's id (to follow it)."""
    @property
    def message(self) -> str | None:
        """1NCE's message."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class AcceptedRequest:
    """One device's accepted request of a bulk action."""
    def __new__(cls, *, device_id: str | None = ..., request_id: str | None = ...) -> Self: ...
    @property
    def device_id(self) -> str | None:
        """The device."""
    @property
    def request_id(self) -> str | None:
        """Its action request."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class BulkActionAccepted:
    """1NCE's answer to an action for many devices (202 Accepted)."""
    def __new__(cls, *, accepted_requests: Sequence[AcceptedRequest | Mapping[str, Any]] | None = ..., rejected_devices: Sequence[str] | None = ..., message: str | None = ...) -> Self: ...
    @property
    def accepted_requests(self) -> tuple[AcceptedRequest, ...] | None:
        """The requests made, one per accepted device."""
    @property
    def rejected_devices(self) -> tuple[str, ...] | None:
        """The devices refused."""
    @property
    def message(self) -> str | None:
        """1NCE's message."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceStats:
    """The account's device figures."""
    def __new__(cls, *, total_devices: int | None = ..., activated_devices: int | None = ...) -> Self: ...
    @property
    def total_devices(self) -> int | None:
        """Devices in all."""
    @property
    def activated_devices(self) -> int | None:
        """Devices activated."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Device:
    """A device of 1NCE OS."""
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., iccid: str | None = ..., imsi1: str | None = ..., ip: str | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The device's id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def iccid(self) -> str | None:
        """Its SIM's ICCID."""
    @property
    def imsi1(self) -> str | None:
        """Its SIM's IMSI."""
    @property
    def ip(self) -> str | None:
        """Its IP address."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceTelemetry:
    """A device's last reported state (LwM2M objects, as reported)."""
    def __new__(cls, *, id: str | None = ..., state: Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """The device."""
    @property
    def state(self) -> dict[str, Any] | None:
        """The state, as the device reported it."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceMessage:
    """One message of a device's history."""
    def __new__(cls, *, iccid: str | None = ..., time: datetime.datetime | None = ..., payload: str | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., device_id: str | None = ..., topic: str | None = ...) -> Self: ...
    @property
    def iccid(self) -> str | None:
        """The device's SIM."""
    @property
    def time(self) -> datetime.datetime | None:
        """When it was received."""
    @property
    def payload(self) -> str | None:
        """The payload."""
    @property
    def protocol(self) -> OsProtocol | None:
        """The protocol it came with."""
    @property
    def device_id(self) -> str | None:
        """The device."""
    @property
    def topic(self) -> str | None:
        """The topic (one device's history only)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class MessageHistory:
    """A page of message history: the messages and the tokens to page on."""
    def __new__(cls, *, items: Sequence[DeviceMessage | Mapping[str, Any]] | None = ..., next_token: str | None = ..., first_token: str | None = ...) -> Self: ...
    @property
    def items(self) -> tuple[DeviceMessage, ...] | None:
        """The messages."""
    @property
    def next_token(self) -> str | None:
        """Pass to `next_token` for the next page."""
    @property
    def first_token(self) -> str | None:
        """The token of the first page."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class MessageCount:
    """Messages counted per interval and protocol."""
    def __new__(cls, *, time: datetime.datetime | None = ..., protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = ..., amount: int | None = ...) -> Self: ...
    @property
    def time(self) -> datetime.datetime | None:
        """The interval's start."""
    @property
    def protocol(self) -> OsProtocol | None:
        """The protocol."""
    @property
    def amount(self) -> int | None:
        """Messages in the interval."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class HistoryInsights:
    """Message insights: counts per interval."""
    def __new__(cls, *, items: Sequence[MessageCount | Mapping[str, Any]] | None = ..., interval: str | None = ...) -> Self: ...
    @property
    def items(self) -> tuple[MessageCount, ...] | None:
        """The counts."""
    @property
    def interval(self) -> str | None:
        """The interval, e.g. `1d`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Position:
    """A device's position."""
    def __new__(cls, *, device_id: str | None = ..., coordinate: Sequence[float] | None = ..., sample_time: datetime.datetime | None = ..., source: PositionSource | Literal["GPS", "CellTower"] | None = ..., metadata: Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def device_id(self) -> str | None:
        """The device (latest positions only)."""
    @property
    def coordinate(self) -> tuple[float, ...] | None:
        """`[longitude, latitude]`."""
    @property
    def sample_time(self) -> datetime.datetime | None:
        """When it was sampled."""
    @property
    def source(self) -> PositionSource | None:
        """GPS or cell tower."""
    @property
    def metadata(self) -> dict[str, Any] | None:
        """More about the sample."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TowerLocation:
    """Where a cell tower is."""
    def __new__(cls, *, longitude: float | None = ..., latitude: float | None = ...) -> Self: ...
    @property
    def longitude(self) -> float | None:
        """Longitude."""
    @property
    def latitude(self) -> float | None:
        """Latitude."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TowerMetadata:
    """A cell tower's identity."""
    def __new__(cls, *, mcc: str | None = ..., mnc: str | None = ..., lac: str | None = ..., cell_id: str | None = ...) -> Self: ...
    @property
    def mcc(self) -> str | None:
        """Mobile country code."""
    @property
    def mnc(self) -> str | None:
        """Mobile network code."""
    @property
    def lac(self) -> str | None:
        """Location area code."""
    @property
    def cell_id(self) -> str | None:
        """Cell id."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CellActivity:
    """A cell tower a device used."""
    def __new__(cls, *, iccid: str | None = ..., tower_location: TowerLocation | Mapping[str, Any] | None = ..., tower_metadata: TowerMetadata | Mapping[str, Any] | None = ..., sample_time: datetime.datetime | None = ..., resolution_metadata: Mapping[str, Any] | None = ..., radio_access_type: RadioAccessType | Literal["2G", "3G", "3.5G", "4G", "NB-IoT", "LTE-M"] | None = ..., resolution_mode: ResolutionMode | Literal["BASIC", "ADVANCED"] | None = ..., location_resolution_status: ResolutionStatus | Literal["SUCCEEDED", "FAILED"] | None = ...) -> Self: ...
    @property
    def iccid(self) -> str | None:
        """The device's SIM."""
    @property
    def tower_location(self) -> TowerLocation | None:
        """The tower's location."""
    @property
    def tower_metadata(self) -> TowerMetadata | None:
        """The tower's identity."""
    @property
    def sample_time(self) -> datetime.datetime | None:
        """When it was sampled."""
    @property
    def resolution_metadata(self) -> dict[str, Any] | None:
        """How the location was resolved."""
    @property
    def radio_access_type(self) -> RadioAccessType | None:
        """The radio technology."""
    @property
    def resolution_mode(self) -> ResolutionMode | None:
        """Basic or advanced."""
    @property
    def location_resolution_status(self) -> ResolutionStatus | None:
        """Found or not."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceActivity:
    """A device's cell-tower activity."""
    def __new__(cls, *, items: Sequence[CellActivity | Mapping[str, Any]] | None = ...) -> Self: ...
    @property
    def items(self) -> tuple[CellActivity, ...] | None:
        """The towers, in time order."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Geofence:
    """A geofence: a polygon (`coordinates`) or a circle (`center`,
    `radius`), global or for one device.
    """
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., created: datetime.datetime | None = ..., updated: datetime.datetime | None = ..., device_id: str | None = ..., geofence_type: GeofenceType | Literal["polygon", "circle"] | None = ..., event_types: Sequence[GeofenceEvent | Literal["ENTER", "EXIT"]] | None = ..., event_sources: Sequence[PositionSource | Literal["GPS", "CellTower"]] | None = ..., coordinates: Sequence[Sequence[Sequence[float]]] | None = ..., radius: float | None = ..., center: Sequence[float] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """Its id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def created(self) -> datetime.datetime | None:
        """When it was created."""
    @property
    def updated(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def device_id(self) -> str | None:
        """The device it is for (absent or null: every device)."""
    @property
    def geofence_type(self) -> GeofenceType | None:
        """Polygon or circle."""
    @property
    def event_types(self) -> tuple[GeofenceEvent, ...] | None:
        """Enter and/or exit."""
    @property
    def event_sources(self) -> tuple[PositionSource, ...] | None:
        """GPS and/or cell tower."""
    @property
    def coordinates(self) -> tuple[tuple[tuple[float, ...], ...], ...] | None:
        """A polygon's rings of `[longitude, latitude]` points."""
    @property
    def radius(self) -> float | None:
        """A circle's radius, in metres."""
    @property
    def center(self) -> tuple[float, ...] | None:
        """A circle's center, `[longitude, latitude]`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class NewGeofence:
    """A new geofence (`POST /v1/locate/geofences`): a circle
    (`geofence_type="circle"`, `center=[lon, lat]`, `radius` in metres) or
    a polygon (`geofence_type="polygon"`, `coordinates`: rings of
    `[lon, lat]` points, the first repeated last).
    """
    def __new__(cls, *, name: str | None = ..., event_types: Sequence[GeofenceEvent | Literal["ENTER", "EXIT"]] | None = ..., event_sources: Sequence[PositionSource | Literal["GPS", "CellTower"]] | None = ..., device_id: str | None = ..., geofence_type: GeofenceType | Literal["polygon", "circle"] | None = ..., coordinates: Sequence[Sequence[Sequence[float]]] | None = ..., radius: float | None = ..., center: Sequence[float] | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def event_types(self) -> tuple[GeofenceEvent, ...] | None:
        """Enter and/or exit."""
    @property
    def event_sources(self) -> tuple[PositionSource, ...] | None:
        """GPS and/or cell tower."""
    @property
    def device_id(self) -> str | None:
        """The device it is for (none: every device)."""
    @property
    def geofence_type(self) -> GeofenceType | None:
        """Polygon or circle."""
    @property
    def coordinates(self) -> tuple[tuple[tuple[float, ...], ...], ...] | None:
        """A polygon's rings of `[longitude, latitude]` points (the first
        point repeated last).
        """
    @property
    def radius(self) -> float | None:
        """A circle's radius, in metres."""
    @property
    def center(self) -> tuple[float, ...] | None:
        """A circle's center, `[longitude, latitude]`."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class GeofenceUpdate:
    """A change of a geofence (`PATCH /v1/locate/geofences/{id}`)."""
    def __new__(cls, *, name: str | None = ..., event_types: Sequence[GeofenceEvent | Literal["ENTER", "EXIT"]] | None = ..., event_sources: Sequence[PositionSource | Literal["GPS", "CellTower"]] | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """A new name."""
    @property
    def event_types(self) -> tuple[GeofenceEvent, ...] | None:
        """New event types."""
    @property
    def event_sources(self) -> tuple[PositionSource, ...] | None:
        """New event sources."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Template:
    """A translation template of the energy saver."""
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., template: str | None = ..., status: TemplateStatus | Literal["ACTIVE", "INACTIVE"] | None = ..., protocol_filter: Sequence[OsProtocol | Literal["UDP", "COAP", "LWM2M"]] | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """Its id."""
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def template(self) -> str | None:
        """The template."""
    @property
    def status(self) -> TemplateStatus | None:
        """Active or inactive."""
    @property
    def protocol_filter(self) -> tuple[OsProtocol, ...] | None:
        """The protocols it applies to (CoAP, UDP)."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TemplateInput:
    """A new template, or a change of one (only the fields set are sent)."""
    def __new__(cls, *, name: str | None = ..., template: str | None = ..., protocol_filter: Sequence[OsProtocol | Literal["UDP", "COAP", "LWM2M"]] | None = ..., status: TemplateStatus | Literal["ACTIVE", "INACTIVE"] | None = ...) -> Self: ...
    @property
    def name(self) -> str | None:
        """Its name."""
    @property
    def template(self) -> str | None:
        """The template."""
    @property
    def protocol_filter(self) -> tuple[OsProtocol, ...] | None:
        """The protocols it applies to (CoAP, UDP)."""
    @property
    def status(self) -> TemplateStatus | None:
        """Active or inactive."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class TranslationTest:
    """A payload to translate with a template, as a test."""
    def __new__(cls, *, template: str | None = ..., payload: str | None = ...) -> Self: ...
    @property
    def template(self) -> str | None:
        """The template."""
    @property
    def payload(self) -> str | None:
        """The payload."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Translation:
    """What a test translation gave."""
    def __new__(cls, *, translated_payload: str | None = ..., reduced_bytes: float | None = ..., energy_usage_reduction: float | None = ...) -> Self: ...
    @property
    def translated_payload(self) -> str | None:
        """The translated payload."""
    @property
    def reduced_bytes(self) -> float | None:
        """Bytes saved."""
    @property
    def energy_usage_reduction(self) -> float | None:
        """Energy saved, in percent."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Trend:
    """A figure and its change over the period before."""
    def __new__(cls, *, value: float | None = ..., delta: float | None = ...) -> Self: ...
    @property
    def value(self) -> float | None:
        """The figure."""
    @property
    def delta(self) -> float | None:
        """Its change."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Savings:
    """The energy saver's figures over a period."""
    def __new__(cls, *, messages_translated: Trend | Mapping[str, Any] | None = ..., average_bytes_reduced_per_message: Trend | Mapping[str, Any] | None = ..., bytes_saved: Trend | Mapping[str, Any] | None = ...) -> Self: ...
    @property
    def messages_translated(self) -> Trend | None:
        """Messages translated."""
    @property
    def average_bytes_reduced_per_message(self) -> Trend | None:
        """Bytes saved per message on average."""
    @property
    def bytes_saved(self) -> Trend | None:
        """Bytes saved."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Plugin:
    """A partner plugin; the fields beyond the common ones depend on the
    partner.
    """
    def __new__(cls, *, id: str | None = ..., partner: Partner | Literal["DATACAKE", "MENDER", "TARTABIT", "MEMFAULT"] | None = ..., created: datetime.datetime | None = ..., updated: datetime.datetime | None = ..., status: str | None = ..., workspace_id: str | None = ..., tenant_token: Secret | str | None = ..., private_key: Secret | str | None = ..., public_key: str | None = ..., server_domain: str | None = ..., webhook_key: Secret | str | None = ..., email: str | None = ..., url: str | None = ..., memfault_project_id: str | None = ...) -> Self: ...
    @property
    def id(self) -> str | None:
        """Its id."""
    @property
    def partner(self) -> Partner | None:
        """The partner."""
    @property
    def created(self) -> datetime.datetime | None:
        """When it was created."""
    @property
    def updated(self) -> datetime.datetime | None:
        """When it last changed."""
    @property
    def status(self) -> str | None:
        """Its status."""
    @property
    def workspace_id(self) -> str | None:
        """The Datacake workspace."""
    @property
    def tenant_token(self) -> Secret | None:
        """The Mender tenant token (a secret)."""
    @property
    def private_key(self) -> Secret | None:
        """The Mender private key (a secret)."""
    @property
    def public_key(self) -> str | None:
        """The Mender public key."""
    @property
    def server_domain(self) -> str | None:
        """The Tartabit server."""
    @property
    def webhook_key(self) -> Secret | None:
        """The Tartabit webhook key (a secret)."""
    @property
    def email(self) -> str | None:
        """The Memfault account e-mail."""
    @property
    def url(self) -> str | None:
        """The Memfault URL."""
    @property
    def memfault_project_id(self) -> str | None:
        """The Memfault project."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PluginSettings:
    """The settings of a new partner plugin: each partner needs its own
    (Datacake: `workspace_id`; Mender: `tenant_token`; Tartabit:
    `server_domain`, `webhook_key`; Memfault: none).
    """
    def __new__(cls, *, workspace_id: str | None = ..., tenant_token: Secret | str | None = ..., private_key: Secret | str | None = ..., public_key: str | None = ..., server_domain: str | None = ..., webhook_key: Secret | str | None = ...) -> Self: ...
    @property
    def workspace_id(self) -> str | None:
        """Datacake: the workspace."""
    @property
    def tenant_token(self) -> Secret | None:
        """Mender: the tenant token."""
    @property
    def private_key(self) -> Secret | None:
        """Mender: a private key."""
    @property
    def public_key(self) -> str | None:
        """Mender: a public key."""
    @property
    def server_domain(self) -> str | None:
        """Tartabit: the server."""
    @property
    def webhook_key(self) -> Secret | None:
        """Tartabit: the webhook key."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class PluginRestart:
    """What restarting a plugin did."""
    def __new__(cls, *, plugin: Plugin | Mapping[str, Any] | None = ..., restart_status: OutcomeStatus | Literal["SUCCESS", "FAILURE"] | None = ..., message: str | None = ...) -> Self: ...
    @property
    def plugin(self) -> Plugin | None:
        """The plugin."""
    @property
    def restart_status(self) -> OutcomeStatus | None:
        """Success or failure."""
    @property
    def message(self) -> str | None:
        """1NCE's message."""
    def to_dict(self, *, mode: Literal["python", "json"] = "python") -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __hash__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Os:
    """1NCE OS, 1NCE's device platform, from ``Client.os``."""
    @property
    def devices(self) -> OsDevices:
        """IoT Integrator, device side: endpoints, actions, pre-shared keys."""
    @property
    def inspector(self) -> OsInspector:
        """Device Inspector: devices, telemetry, message history."""
    @property
    def locator(self) -> OsLocator:
        """Device Locator: positions, cell-tower activity, geofences."""
    @property
    def optimizer(self) -> OsOptimizer:
        """Optimizer: energy-saver templates and savings."""
    @property
    def integrations(self) -> OsIntegrations:
        """IoT Integrator, cloud side: AWS and webhook integrations."""
    @property
    def plugins(self) -> OsPlugins:
        """Plugin system: partner plugins."""
    @property
    def settings(self) -> OsSettings:
        """1NCE OS settings of the account."""
    @property
    def agreements(self) -> OsAgreements:
        """The 1NCE OS agreement."""
    @property
    def logs(self) -> OsLogs:
        """Administration logs."""

@final
class AsyncOs:
    """1NCE OS, 1NCE's device platform, from ``AsyncClient.os``."""
    @property
    def devices(self) -> AsyncOsDevices:
        """IoT Integrator, device side: endpoints, actions, pre-shared keys."""
    @property
    def inspector(self) -> AsyncOsInspector:
        """Device Inspector: devices, telemetry, message history."""
    @property
    def locator(self) -> AsyncOsLocator:
        """Device Locator: positions, cell-tower activity, geofences."""
    @property
    def optimizer(self) -> AsyncOsOptimizer:
        """Optimizer: energy-saver templates and savings."""
    @property
    def integrations(self) -> AsyncOsIntegrations:
        """IoT Integrator, cloud side: AWS and webhook integrations."""
    @property
    def plugins(self) -> AsyncOsPlugins:
        """Plugin system: partner plugins."""
    @property
    def settings(self) -> AsyncOsSettings:
        """1NCE OS settings of the account."""
    @property
    def agreements(self) -> AsyncOsAgreements:
        """The 1NCE OS agreement."""
    @property
    def logs(self) -> AsyncOsLogs:
        """Administration logs."""

@final
class OsDevices:
    """IoT Integrator, device side: endpoints, actions, pre-shared keys.

    From ``Client.os.devices``.
    """
    def endpoints(self, *, timeout: float | None = None) -> Paginator[ProtocolEndpoint]:
        """The protocol endpoints devices talk to: `GET /v1/integrate/devices/endpoints`."""
    def endpoint(self, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], *, timeout: float | None = None) -> ProtocolEndpoint:
        """One protocol endpoint: `GET /v1/integrate/devices/endpoints/{protocol}`."""
    def update_endpoint(self, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], update: EndpointUpdate | Mapping[str, Any], *, timeout: float | None = None) -> ProtocolEndpoint:
        """Changes an endpoint's settings: `PATCH /v1/integrate/devices/endpoints/{protocol}`."""
    def action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[ActionRequest]:
        """Every action request: `GET /v1/integrate/devices/actions/requests`."""
    def active_action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[ActionRequest]:
        """The action requests in flight: `GET /v1/integrate/devices/actions/requests/active`."""
    def archived_action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[ActionRequest]:
        """The ended action requests: `GET /v1/integrate/devices/actions/requests/archived`."""
    def action_request(self, request_id: str, *, timeout: float | None = None) -> ActionRequest:
        """One action request: `GET /v1/integrate/devices/actions/requests/{requestId}`."""
    def cancel_action_request(self, request_id: str, *, timeout: float | None = None) -> CancelledRequest:
        """Cancels one action request: `DELETE /v1/integrate/devices/actions/requests/{requestId}`."""
    def cancel_action_requests(self, device_id: str, *, timeout: float | None = None) -> tuple[CancelledRequest, ...]:
        """Cancels every pending action request of a device: `DELETE /v1/integrate/devices/{deviceId}/actions/requests`."""
    def set_preshared_key(self, device_id: str, key: PskSet | Mapping[str, Any], *, timeout: float | None = None) -> PreSharedKey:
        """Sets a device's pre-shared key (older path): `POST /v1/integrate/devices/{deviceId}/presharedkey`.
        Never sent twice once it may have reached 1NCE.
        """
    def set_psk(self, device_id: str, key: PskSet | Mapping[str, Any], *, timeout: float | None = None) -> PreSharedKey:
        """Sets a device's pre-shared key: `POST /v1/integrate/devices/{deviceId}/psk`.
        Never sent twice once it may have reached 1NCE.
        """
    def psk(self, device_id: str, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], *, timeout: float | None = None) -> PreSharedKey:
        """A device's pre-shared key for a protocol: `GET /v1/integrate/devices/{deviceId}/psk/{protocol}`."""
    def preshared_key_jobs(self, *, timeout: float | None = None) -> Paginator[PskJob]:
        """The pre-shared-key jobs (older path): `GET /v1/integrate/devices/presharedkey/jobs`."""
    def psk_jobs(self, *, timeout: float | None = None) -> Paginator[PskJob]:
        """The pre-shared-key jobs: `GET /v1/integrate/devices/psk/jobs`."""
    def create_preshared_key_job(self, keys: Sequence[PskJobEntry | Mapping[str, Any]], *, timeout: float | None = None) -> PskJobHandle:
        """Sets many devices' keys as a job (older path): `POST /v1/integrate/devices/presharedkey/jobs`.
        Returns a handle to wait on; never sent twice.
        """
    def create_psk_job(self, keys: Sequence[PskJobEntry | Mapping[str, Any]], *, timeout: float | None = None) -> PskJobHandle:
        """Sets many devices' keys as a job: `POST /v1/integrate/devices/psk/jobs`.
        Returns a handle to wait on; never sent twice.
        """
    def send_lwm2m(self, device_id: str, action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> ActionHandle:
        """Sends an LwM2M action to a device: `POST /v1/integrate/devices/{deviceId}/actions/LWM2M`.
        Returns a handle to wait on; never sent twice.
        """
    def send_action(self, device_id: str, action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> ActionHandle:
        """Sends an LwM2M action (the device API's path): `POST /v1/devices/{deviceId}/actions`.
        Returns a handle to wait on; never sent twice.
        """
    def send_lwm2m_bulk(self, device_ids: Sequence[str], action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> BulkActionHandle:
        """Sends an LwM2M action to many devices: `POST /v1/integrate/devices/actions/LWM2M`."""
    def send_coap(self, device_id: str, action: CoapAction | Mapping[str, Any], *, timeout: float | None = None) -> ActionHandle:
        """Sends a CoAP action to a device: `POST /v1/integrate/devices/{deviceId}/actions/COAP`."""
    def send_coap_bulk(self, device_ids: Sequence[str], action: CoapAction | Mapping[str, Any], *, timeout: float | None = None) -> BulkActionHandle:
        """Sends a CoAP action to many devices: `POST /v1/integrate/devices/actions/COAP`."""
    def send_udp(self, device_id: str, action: UdpAction | Mapping[str, Any], *, timeout: float | None = None) -> ActionHandle:
        """Sends a UDP message to a device: `POST /v1/integrate/devices/{deviceId}/actions/UDP`."""
    def send_udp_bulk(self, device_ids: Sequence[str], action: UdpAction | Mapping[str, Any], *, timeout: float | None = None) -> BulkActionHandle:
        """Sends a UDP message to many devices: `POST /v1/integrate/devices/actions/UDP`."""
    def stats(self, *, timeout: float | None = None) -> DeviceStats:
        """Device counts: `GET /v1/devices/stats`."""

@final
class AsyncOsDevices:
    """IoT Integrator, device side: endpoints, actions, pre-shared keys.

    From ``AsyncClient.os.devices``: each call returns an awaitable.
    """
    def endpoints(self, *, timeout: float | None = None) -> AsyncPaginator[ProtocolEndpoint]:
        """The protocol endpoints devices talk to: `GET /v1/integrate/devices/endpoints`."""
    def endpoint(self, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], *, timeout: float | None = None) -> Awaitable[ProtocolEndpoint]:
        """One protocol endpoint: `GET /v1/integrate/devices/endpoints/{protocol}`."""
    def update_endpoint(self, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], update: EndpointUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[ProtocolEndpoint]:
        """Changes an endpoint's settings: `PATCH /v1/integrate/devices/endpoints/{protocol}`."""
    def action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[ActionRequest]:
        """Every action request: `GET /v1/integrate/devices/actions/requests`."""
    def active_action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[ActionRequest]:
        """The action requests in flight: `GET /v1/integrate/devices/actions/requests/active`."""
    def archived_action_requests(self, *, device_id: str | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, status: ActionStatus | Literal["SCHEDULED", "IN_PROGRESS", "FAILED", "SUCCEEDED", "CANCELLED"] | None = None, sort: ActionSort | Literal["created", "-created", "updated", "-updated"] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[ActionRequest]:
        """The ended action requests: `GET /v1/integrate/devices/actions/requests/archived`."""
    def action_request(self, request_id: str, *, timeout: float | None = None) -> Awaitable[ActionRequest]:
        """One action request: `GET /v1/integrate/devices/actions/requests/{requestId}`."""
    def cancel_action_request(self, request_id: str, *, timeout: float | None = None) -> Awaitable[CancelledRequest]:
        """Cancels one action request: `DELETE /v1/integrate/devices/actions/requests/{requestId}`."""
    def cancel_action_requests(self, device_id: str, *, timeout: float | None = None) -> Awaitable[tuple[CancelledRequest, ...]]:
        """Cancels every pending action request of a device: `DELETE /v1/integrate/devices/{deviceId}/actions/requests`."""
    def set_preshared_key(self, device_id: str, key: PskSet | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[PreSharedKey]:
        """Sets a device's pre-shared key (older path): `POST /v1/integrate/devices/{deviceId}/presharedkey`.
        Never sent twice once it may have reached 1NCE.
        """
    def set_psk(self, device_id: str, key: PskSet | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[PreSharedKey]:
        """Sets a device's pre-shared key: `POST /v1/integrate/devices/{deviceId}/psk`.
        Never sent twice once it may have reached 1NCE.
        """
    def psk(self, device_id: str, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"], *, timeout: float | None = None) -> Awaitable[PreSharedKey]:
        """A device's pre-shared key for a protocol: `GET /v1/integrate/devices/{deviceId}/psk/{protocol}`."""
    def preshared_key_jobs(self, *, timeout: float | None = None) -> AsyncPaginator[PskJob]:
        """The pre-shared-key jobs (older path): `GET /v1/integrate/devices/presharedkey/jobs`."""
    def psk_jobs(self, *, timeout: float | None = None) -> AsyncPaginator[PskJob]:
        """The pre-shared-key jobs: `GET /v1/integrate/devices/psk/jobs`."""
    def create_preshared_key_job(self, keys: Sequence[PskJobEntry | Mapping[str, Any]], *, timeout: float | None = None) -> Awaitable[AsyncPskJobHandle]:
        """Sets many devices' keys as a job (older path): `POST /v1/integrate/devices/presharedkey/jobs`.
        Returns a handle to wait on; never sent twice.
        """
    def create_psk_job(self, keys: Sequence[PskJobEntry | Mapping[str, Any]], *, timeout: float | None = None) -> Awaitable[AsyncPskJobHandle]:
        """Sets many devices' keys as a job: `POST /v1/integrate/devices/psk/jobs`.
        Returns a handle to wait on; never sent twice.
        """
    def send_lwm2m(self, device_id: str, action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncActionHandle]:
        """Sends an LwM2M action to a device: `POST /v1/integrate/devices/{deviceId}/actions/LWM2M`.
        Returns a handle to wait on; never sent twice.
        """
    def send_action(self, device_id: str, action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncActionHandle]:
        """Sends an LwM2M action (the device API's path): `POST /v1/devices/{deviceId}/actions`.
        Returns a handle to wait on; never sent twice.
        """
    def send_lwm2m_bulk(self, device_ids: Sequence[str], action: Lwm2mAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncBulkActionHandle]:
        """Sends an LwM2M action to many devices: `POST /v1/integrate/devices/actions/LWM2M`."""
    def send_coap(self, device_id: str, action: CoapAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncActionHandle]:
        """Sends a CoAP action to a device: `POST /v1/integrate/devices/{deviceId}/actions/COAP`."""
    def send_coap_bulk(self, device_ids: Sequence[str], action: CoapAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncBulkActionHandle]:
        """Sends a CoAP action to many devices: `POST /v1/integrate/devices/actions/COAP`."""
    def send_udp(self, device_id: str, action: UdpAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncActionHandle]:
        """Sends a UDP message to a device: `POST /v1/integrate/devices/{deviceId}/actions/UDP`."""
    def send_udp_bulk(self, device_ids: Sequence[str], action: UdpAction | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[AsyncBulkActionHandle]:
        """Sends a UDP message to many devices: `POST /v1/integrate/devices/actions/UDP`."""
    def stats(self, *, timeout: float | None = None) -> Awaitable[DeviceStats]:
        """Device counts: `GET /v1/devices/stats`."""

@final
class OsInspector:
    """Device Inspector: devices, telemetry, message history.

    From ``Client.os.inspector``.
    """
    def devices(self, *, q: str | None = None, sort: str | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[Device]:
        """The devices: `GET /v1/inspect/devices`; `q` searches, `sort` orders."""
    def device(self, device_id: str, *, timeout: float | None = None) -> Device:
        """One device: `GET /v1/inspect/devices/{deviceId}`."""
    def telemetry(self, device_id: str, *, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, timeout: float | None = None) -> DeviceTelemetry:
        """A device's telemetry: `GET /v1/inspect/devices/{deviceId}/telemetry`."""
    def device_history(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, page_size: int | None = None, next_token: str | None = None, timeout: float | None = None) -> MessageHistory:
        """One page of a device's messages: `GET /v1/inspect/devices/{deviceId}/history`
        (`next_token` from the previous page).
        """
    def history(self, *, device_id: str | None = None, iccid: str | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, page_size: int | None = None, next_token: str | None = None, timeout: float | None = None) -> MessageHistory:
        """One page of every device's messages: `GET /v1/inspect/devices/history`."""
    def device_insights(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, interval: str | None = None, timeout: float | None = None) -> HistoryInsights:
        """Message counts of a device: `GET /v1/inspect/devices/{deviceId}/history/insights`."""
    def insights(self, *, device_id: str | None = None, iccid: str | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, interval: str | None = None, timeout: float | None = None) -> HistoryInsights:
        """Message counts of every device: `GET /v1/inspect/devices/history/insights`."""

@final
class AsyncOsInspector:
    """Device Inspector: devices, telemetry, message history.

    From ``AsyncClient.os.inspector``: each call returns an awaitable.
    """
    def devices(self, *, q: str | None = None, sort: str | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Device]:
        """The devices: `GET /v1/inspect/devices`; `q` searches, `sort` orders."""
    def device(self, device_id: str, *, timeout: float | None = None) -> Awaitable[Device]:
        """One device: `GET /v1/inspect/devices/{deviceId}`."""
    def telemetry(self, device_id: str, *, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, timeout: float | None = None) -> Awaitable[DeviceTelemetry]:
        """A device's telemetry: `GET /v1/inspect/devices/{deviceId}/telemetry`."""
    def device_history(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, page_size: int | None = None, next_token: str | None = None, timeout: float | None = None) -> Awaitable[MessageHistory]:
        """One page of a device's messages: `GET /v1/inspect/devices/{deviceId}/history`
        (`next_token` from the previous page).
        """
    def history(self, *, device_id: str | None = None, iccid: str | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, page_size: int | None = None, next_token: str | None = None, timeout: float | None = None) -> Awaitable[MessageHistory]:
        """One page of every device's messages: `GET /v1/inspect/devices/history`."""
    def device_insights(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, interval: str | None = None, timeout: float | None = None) -> Awaitable[HistoryInsights]:
        """Message counts of a device: `GET /v1/inspect/devices/{deviceId}/history/insights`."""
    def insights(self, *, device_id: str | None = None, iccid: str | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, interval: str | None = None, timeout: float | None = None) -> Awaitable[HistoryInsights]:
        """Message counts of every device: `GET /v1/inspect/devices/history/insights`."""

@final
class OsLocator:
    """Device Locator: positions, cell-tower activity, geofences.

    From ``Client.os.locator``.
    """
    def positions(self, device_id: str, *, source: PositionSource | Literal["GPS", "CellTower"] | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, sort: str | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[Position]:
        """A device's positions: `GET /v1/locate/devices/{deviceId}/positions`."""
    def latest_positions(self, *, device_id: str | None = None, mode: PositionMode | Literal["ALL", "SUMMARY"] | None = None, within: Sequence[float] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[Position]:
        """The latest position of each device (or of `device_id`), optionally
        within `within` = `(lon_from, lat_from, lon_to, lat_to)`: `GET /v1/locate/positions/latest`.
        """
    def activity(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, timeout: float | None = None) -> DeviceActivity:
        """The cell towers a device used: `GET /v1/locate/devices/{deviceId}/activity`."""
    def geofences(self, *, name: str | None = None, device_id: str | None = None, scope: GeofenceScope | Literal["global", "device"] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[Geofence]:
        """The geofences: `GET /v1/locate/geofences` (1NCE allows 30 a minute; the client paces it)."""
    def create_geofence(self, geofence: NewGeofence | Mapping[str, Any], *, timeout: float | None = None) -> Geofence:
        """Creates a geofence: `POST /v1/locate/geofences`. Never sent twice."""
    def geofence(self, geofence_id: str, *, timeout: float | None = None) -> Geofence:
        """One geofence: `GET /v1/locate/geofences/{geofenceId}`."""
    def update_geofence(self, geofence_id: str, update: GeofenceUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Geofence:
        """Changes a geofence: `PATCH /v1/locate/geofences/{geofenceId}`."""
    def delete_geofence(self, geofence_id: str, *, timeout: float | None = None) -> None:
        """Deletes a geofence: `DELETE /v1/locate/geofences/{geofenceId}`."""

@final
class AsyncOsLocator:
    """Device Locator: positions, cell-tower activity, geofences.

    From ``AsyncClient.os.locator``: each call returns an awaitable.
    """
    def positions(self, device_id: str, *, source: PositionSource | Literal["GPS", "CellTower"] | None = None, start: datetime.datetime | None = None, end: datetime.datetime | None = None, sort: str | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Position]:
        """A device's positions: `GET /v1/locate/devices/{deviceId}/positions`."""
    def latest_positions(self, *, device_id: str | None = None, mode: PositionMode | Literal["ALL", "SUMMARY"] | None = None, within: Sequence[float] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Position]:
        """The latest position of each device (or of `device_id`), optionally
        within `within` = `(lon_from, lat_from, lon_to, lat_to)`: `GET /v1/locate/positions/latest`.
        """
    def activity(self, device_id: str, *, start: datetime.datetime | None = None, end: datetime.datetime | None = None, timeout: float | None = None) -> Awaitable[DeviceActivity]:
        """The cell towers a device used: `GET /v1/locate/devices/{deviceId}/activity`."""
    def geofences(self, *, name: str | None = None, device_id: str | None = None, scope: GeofenceScope | Literal["global", "device"] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Geofence]:
        """The geofences: `GET /v1/locate/geofences` (1NCE allows 30 a minute; the client paces it)."""
    def create_geofence(self, geofence: NewGeofence | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Geofence]:
        """Creates a geofence: `POST /v1/locate/geofences`. Never sent twice."""
    def geofence(self, geofence_id: str, *, timeout: float | None = None) -> Awaitable[Geofence]:
        """One geofence: `GET /v1/locate/geofences/{geofenceId}`."""
    def update_geofence(self, geofence_id: str, update: GeofenceUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Geofence]:
        """Changes a geofence: `PATCH /v1/locate/geofences/{geofenceId}`."""
    def delete_geofence(self, geofence_id: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Deletes a geofence: `DELETE /v1/locate/geofences/{geofenceId}`."""

@final
class OsOptimizer:
    """Optimizer: energy-saver templates and savings.

    From ``Client.os.optimizer``.
    """
    def test(self, test: TranslationTest | Mapping[str, Any], *, timeout: float | None = None) -> Translation:
        """Translates a payload with a template, as a test: `POST /v1/optimize/messages/test`."""
    def savings(self, *, range: SavingsRange | Literal["1", "7", "30"] | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, iccid: str | None = None, timeout: float | None = None) -> Savings:
        """The energy saver's figures: `GET /v1/optimize/savings`."""
    def templates(self, *, timeout: float | None = None) -> tuple[Template, ...]:
        """The translation templates: `GET /v1/optimize/templates`."""
    def create_template(self, template: TemplateInput | Mapping[str, Any], *, timeout: float | None = None) -> Template:
        """Creates a template: `POST /v1/optimize/templates`. Never sent twice."""
    def update_template(self, template_id: str, change: TemplateInput | Mapping[str, Any], *, timeout: float | None = None) -> Template:
        """Changes a template: `PATCH /v1/optimize/templates/{templateId}`."""
    def delete_template(self, template_id: str, *, timeout: float | None = None) -> None:
        """Deletes a template: `DELETE /v1/optimize/templates/{templateId}`."""

@final
class AsyncOsOptimizer:
    """Optimizer: energy-saver templates and savings.

    From ``AsyncClient.os.optimizer``: each call returns an awaitable.
    """
    def test(self, test: TranslationTest | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Translation]:
        """Translates a payload with a template, as a test: `POST /v1/optimize/messages/test`."""
    def savings(self, *, range: SavingsRange | Literal["1", "7", "30"] | None = None, protocol: OsProtocol | Literal["UDP", "COAP", "LWM2M"] | None = None, iccid: str | None = None, timeout: float | None = None) -> Awaitable[Savings]:
        """The energy saver's figures: `GET /v1/optimize/savings`."""
    def templates(self, *, timeout: float | None = None) -> Awaitable[tuple[Template, ...]]:
        """The translation templates: `GET /v1/optimize/templates`."""
    def create_template(self, template: TemplateInput | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Template]:
        """Creates a template: `POST /v1/optimize/templates`. Never sent twice."""
    def update_template(self, template_id: str, change: TemplateInput | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Template]:
        """Changes a template: `PATCH /v1/optimize/templates/{templateId}`."""
    def delete_template(self, template_id: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Deletes a template: `DELETE /v1/optimize/templates/{templateId}`."""

@final
class OsIntegrations:
    """IoT Integrator, cloud side: AWS and webhook integrations.

    From ``Client.os.integrations``.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[Integration]:
        """The integrations: `GET /v1/integrate/clouds`."""
    def get(self, integration_id: str, *, timeout: float | None = None) -> Integration:
        """One integration: `GET /v1/integrate/clouds/{integrationId}`."""
    def update(self, integration_id: str, change: IntegrationUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Integration:
        """Changes an integration: `PATCH /v1/integrate/clouds/{integrationId}`."""
    def update_webhook(self, integration_id: str, change: IntegrationUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Integration:
        """Changes a webhook integration: `PATCH /v1/integrate/clouds/webhooks/{integrationId}`."""
    def delete(self, integration_id: str, *, timeout: float | None = None) -> None:
        """Deletes an integration: `DELETE /v1/integrate/clouds/{integrationId}`. Never sent twice."""
    def event_types(self, *, timeout: float | None = None) -> EventTypes:
        """The event types integrations can subscribe to: `GET /v1/integrate/clouds/eventTypes`."""
    def aws_parameters(self, *, timeout: float | None = None) -> AwsParameters:
        """The parameters of an AWS integration: `GET /v1/integrate/clouds/aws/parameters`."""
    def create_aws(self, integration: NewAwsIntegration | Mapping[str, Any], *, timeout: float | None = None) -> Integration:
        """Creates an AWS integration: `POST /v1/integrate/clouds/aws`. Never sent twice."""
    def create_webhook(self, integration: NewWebhookIntegration | Mapping[str, Any], *, timeout: float | None = None) -> Integration:
        """Creates a webhook integration: `POST /v1/integrate/clouds/webhooks`
        (its header values are secrets). Never sent twice.
        """
    def restart_aws(self, integration_id: str, *, timeout: float | None = None) -> IntegrationRestart:
        """Restarts an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/restart`."""
    def test_aws(self, integration_id: str, *, timeout: float | None = None) -> IntegrationTest:
        """Tests an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/test`."""
    def restart_webhook(self, integration_id: str, *, timeout: float | None = None) -> IntegrationRestart:
        """Restarts a webhook integration: `POST /v1/integrate/clouds/webhooks/{integrationId}/restart`."""
    def test_webhook(self, integration_id: str, *, timeout: float | None = None) -> IntegrationTest:
        """Tests a webhook integration (posts a test message): `POST /v1/integrate/clouds/webhooks/{integrationId}/test`."""

@final
class AsyncOsIntegrations:
    """IoT Integrator, cloud side: AWS and webhook integrations.

    From ``AsyncClient.os.integrations``: each call returns an awaitable.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Integration]:
        """The integrations: `GET /v1/integrate/clouds`."""
    def get(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[Integration]:
        """One integration: `GET /v1/integrate/clouds/{integrationId}`."""
    def update(self, integration_id: str, change: IntegrationUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Integration]:
        """Changes an integration: `PATCH /v1/integrate/clouds/{integrationId}`."""
    def update_webhook(self, integration_id: str, change: IntegrationUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Integration]:
        """Changes a webhook integration: `PATCH /v1/integrate/clouds/webhooks/{integrationId}`."""
    def delete(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Deletes an integration: `DELETE /v1/integrate/clouds/{integrationId}`. Never sent twice."""
    def event_types(self, *, timeout: float | None = None) -> Awaitable[EventTypes]:
        """The event types integrations can subscribe to: `GET /v1/integrate/clouds/eventTypes`."""
    def aws_parameters(self, *, timeout: float | None = None) -> Awaitable[AwsParameters]:
        """The parameters of an AWS integration: `GET /v1/integrate/clouds/aws/parameters`."""
    def create_aws(self, integration: NewAwsIntegration | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Integration]:
        """Creates an AWS integration: `POST /v1/integrate/clouds/aws`. Never sent twice."""
    def create_webhook(self, integration: NewWebhookIntegration | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Integration]:
        """Creates a webhook integration: `POST /v1/integrate/clouds/webhooks`
        (its header values are secrets). Never sent twice.
        """
    def restart_aws(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[IntegrationRestart]:
        """Restarts an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/restart`."""
    def test_aws(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[IntegrationTest]:
        """Tests an AWS integration: `POST /v1/integrate/clouds/aws/{integrationId}/test`."""
    def restart_webhook(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[IntegrationRestart]:
        """Restarts a webhook integration: `POST /v1/integrate/clouds/webhooks/{integrationId}/restart`."""
    def test_webhook(self, integration_id: str, *, timeout: float | None = None) -> Awaitable[IntegrationTest]:
        """Tests a webhook integration (posts a test message): `POST /v1/integrate/clouds/webhooks/{integrationId}/test`."""

@final
class OsPlugins:
    """Plugin system: partner plugins.

    From ``Client.os.plugins``.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[Plugin]:
        """The plugins: `GET /v1/partners/plugins`."""
    def get(self, plugin_id: str, *, timeout: float | None = None) -> Plugin:
        """One plugin: `GET /v1/partners/plugins/{pluginId}`."""
    def create(self, partner: Partner | Literal["DATACAKE", "MENDER", "TARTABIT", "MEMFAULT"], settings: PluginSettings | Mapping[str, Any], *, timeout: float | None = None) -> Plugin:
        """Installs a partner's plugin: `POST /v1/partners/{partner}/plugins`
        (`DATACAKE`, `MENDER`, `TARTABIT`, `MEMFAULT`). Never sent twice.
        """
    def restart(self, plugin_id: str, *, timeout: float | None = None) -> PluginRestart:
        """Restarts a plugin: `POST /v1/partners/plugins/{pluginId}/restart`."""
    def delete(self, plugin_id: str, *, timeout: float | None = None) -> None:
        """Removes a plugin: `DELETE /v1/partners/plugins/{pluginId}`. Never sent twice."""

@final
class AsyncOsPlugins:
    """Plugin system: partner plugins.

    From ``AsyncClient.os.plugins``: each call returns an awaitable.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Plugin]:
        """The plugins: `GET /v1/partners/plugins`."""
    def get(self, plugin_id: str, *, timeout: float | None = None) -> Awaitable[Plugin]:
        """One plugin: `GET /v1/partners/plugins/{pluginId}`."""
    def create(self, partner: Partner | Literal["DATACAKE", "MENDER", "TARTABIT", "MEMFAULT"], settings: PluginSettings | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[Plugin]:
        """Installs a partner's plugin: `POST /v1/partners/{partner}/plugins`
        (`DATACAKE`, `MENDER`, `TARTABIT`, `MEMFAULT`). Never sent twice.
        """
    def restart(self, plugin_id: str, *, timeout: float | None = None) -> Awaitable[PluginRestart]:
        """Restarts a plugin: `POST /v1/partners/plugins/{pluginId}/restart`."""
    def delete(self, plugin_id: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Removes a plugin: `DELETE /v1/partners/plugins/{pluginId}`. Never sent twice."""

@final
class OsSettings:
    """1NCE OS settings of the account.

    From ``Client.os.settings``.
    """
    def list(self, *, language: SettingsLanguage | Literal["en", "de"] | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[OsSetting]:
        """The settings: `GET /v1/settings/1nceos`; `language` of the descriptions."""
    def update(self, name: str, update: OsSettingUpdate | Mapping[str, Any], *, timeout: float | None = None) -> OsSettingChanged:
        """Switches a setting on or off: `PATCH /v1/settings/1nceos/{name}`."""

@final
class AsyncOsSettings:
    """1NCE OS settings of the account.

    From ``AsyncClient.os.settings``: each call returns an awaitable.
    """
    def list(self, *, language: SettingsLanguage | Literal["en", "de"] | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[OsSetting]:
        """The settings: `GET /v1/settings/1nceos`; `language` of the descriptions."""
    def update(self, name: str, update: OsSettingUpdate | Mapping[str, Any], *, timeout: float | None = None) -> Awaitable[OsSettingChanged]:
        """Switches a setting on or off: `PATCH /v1/settings/1nceos/{name}`."""

@final
class OsAgreements:
    """The 1NCE OS agreement.

    From ``Client.os.agreements``.
    """
    def accept(self, accepted: bool, *, timeout: float | None = None) -> None:
        """Accepts (or declines) the 1NCE OS agreement: `POST /v1/agreements/1nceos`."""

@final
class AsyncOsAgreements:
    """The 1NCE OS agreement.

    From ``AsyncClient.os.agreements``: each call returns an awaitable.
    """
    def accept(self, accepted: bool, *, timeout: float | None = None) -> Awaitable[None]:
        """Accepts (or declines) the 1NCE OS agreement: `POST /v1/agreements/1nceos`."""

@final
class OsLogs:
    """Administration logs.

    From ``Client.os.logs``.
    """
    def list(self, *, q: str | None = None, page_size: int | None = None, timeout: float | None = None) -> Paginator[AdminLog]:
        """The administration logs: `GET /v1/administrationLogs`; `q` searches."""
    def stats(self, timezone: str, *, category: LogCategory | Literal["info", "error"] | None = None, timeout: float | None = None) -> AdminLogStats:
        """Log counts per day in `timezone`: `GET /v1/administrationLogs/stats`."""
    def payload_url(self, admin_log_id: str, *, timeout: float | None = None) -> str:
        """A download URL of a log's payload: `GET /v1/administrationLogs/{adminLogId}/payload`."""

@final
class AsyncOsLogs:
    """Administration logs.

    From ``AsyncClient.os.logs``: each call returns an awaitable.
    """
    def list(self, *, q: str | None = None, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[AdminLog]:
        """The administration logs: `GET /v1/administrationLogs`; `q` searches."""
    def stats(self, timezone: str, *, category: LogCategory | Literal["info", "error"] | None = None, timeout: float | None = None) -> Awaitable[AdminLogStats]:
        """Log counts per day in `timezone`: `GET /v1/administrationLogs/stats`."""
    def payload_url(self, admin_log_id: str, *, timeout: float | None = None) -> Awaitable[str]:
        """A download URL of a log's payload: `GET /v1/administrationLogs/{adminLogId}/payload`."""

@final
class Support:
    """Support management: service requests to 1NCE support.

    From ``Client.support``.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[ServiceRequest]:
        """The account's service requests with their messages:
        `GET /v1/support`, 1 per page by default (1NCE's), at most 100.
        `timeout`: seconds each page's call may take, retries included, on
        every page fetched; `page(n, timeout=)` overrides it.
        """
    def create(self, subject: str, text: str, *, reply_to_mail: str | None = None, sender_name: str | None = None, timeout: float | None = None) -> None:
        """Opens a service request at 1NCE support: `POST /v1/support`.
        Checked first; never retried once it may have reached 1NCE
        (`OutcomeUnknownError`).
        """

@final
class AsyncSupport:
    """Support management: service requests to 1NCE support.

    From ``AsyncClient.support``: each call returns an awaitable.
    """
    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[ServiceRequest]:
        """The account's service requests with their messages:
        `GET /v1/support`, 1 per page by default (1NCE's), at most 100.
        `timeout`: seconds each page's call may take, retries included, on
        every page fetched; `page(n, timeout=)` overrides it.
        """
    def create(self, subject: str, text: str, *, reply_to_mail: str | None = None, sender_name: str | None = None, timeout: float | None = None) -> Awaitable[None]:
        """Opens a service request at 1NCE support: `POST /v1/support`.
        Checked first; never retried once it may have reached 1NCE
        (`OutcomeUnknownError`).
        """

# END GENERATED MODELS
