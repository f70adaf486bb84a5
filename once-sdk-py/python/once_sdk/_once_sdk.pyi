# Stubs of the native module once_sdk._once_sdk.
#
# The part between the GENERATED markers is produced by the module itself
# (`_once_sdk._generated_stubs()`); `python gen_stubs.py` rewrites it and the
# tests fail when it is stale. The rest is written by hand and checked by
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
        """A client with explicit credentials (see ``Client``)."""
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
    def access_token(self, *, timeout: float | None = None) -> Awaitable[str]:
        """A valid access token (cached, or freshly issued). Keep it secret."""
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
        """The account's SIMs (``GET /v2/sims``); ``async for`` over it.
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
        """Changes a SIM (``PUT /v2/sims/{iccid}``)."""
    def data_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[Quota]:
        """The SIM's data quota (``GET /v2/sims/{iccid}/quota/data``)."""
    def sms_quota(self, iccid: str, *, timeout: float | None = None) -> Awaitable[Quota]:
        """The SIM's SMS quota (``GET /v2/sims/{iccid}/quota/sms``)."""
    def status(self, iccid: str, *, timeout: float | None = None) -> Awaitable[SimConnectivity]:
        """The SIM's connectivity (``GET /v2/sims/{iccid}/status``)."""
    def events(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[Event]:
        """The SIM's diagnostic events (``GET /v2/sims/{iccid}/events``).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def reset(self, iccid: str, *, timeout: float | None = None) -> Awaitable[None]:
        """Resets the SIM's connectivity (``POST /v2/sims/{iccid}/reset``)."""
    def top_up(self, iccid: str, *, payment_method: _PaymentMethodArg | None = None, timeout: float | None = None) -> Awaitable[TopUpOrder]:
        """Tops up the SIM's volume (``POST /v2/sims/{iccid}/topup``). **Costs money.**"""
    def auto_top_up(self, iccids: Sequence[str], *, enabled: bool, timeout: float | None = None) -> Awaitable[None]:
        """Switches automatic top-up on or off (``POST /v2/sims/autoTopup``);
        the body is inferred from v1."""

# --- SIM management v1 (client.v1.sims) ---

@final
class V1:
    """SIM management v1 (``/v1/sims...``), from ``Client.v1``.

    1NCE retires SIM management v1 at the end of 2026: use ``client.sims``
    (v2) wherever it has the operation."""

    @property
    def sims(self) -> V1Sims:
        """The SIM operations of v1 (all 23)."""

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

@final
class AsyncV1Sims:
    """SIM management v1, from ``AsyncClient.v1.sims``: the same operations
    as ``V1Sims``, each returning an awaitable (lists: async iterators).
    1NCE retires SIM management v1 at the end of 2026."""

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
        sending; never retried.

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
        """Sends an SMS to the device (``POST /v2/sims/{iccid}/sms``); see ``SmsMessages.send``."""
    def list(self, iccid: str, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[SmsRecord]:
        """The SMS sent to and received from the SIM (``GET /v2/sims/{iccid}/sms``).
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

@final
class AsyncOrders:
    """Order management, from ``AsyncClient.orders``."""

    def list(self, *, page_size: int | None = None, sort: str | None = None, timeout: float | None = None) -> AsyncPaginator[Order]:
        """The account's orders (``GET /v1/orders``).
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
        """Places an order (``POST /v1/orders``); see ``Orders.create``. **Costs money.**"""

@final
class Products:
    """Product information, from ``Client.products``."""

    def list(self, *, timeout: float | None = None) -> Page[Product]:
        """Every product 1NCE offers the account (``GET /v1/products``).
        1NCE does not page it: one ``Page`` holds every product."""

@final
class AsyncProducts:
    """Product information, from ``AsyncClient.products``."""

    def list(self, *, timeout: float | None = None) -> Awaitable[Page[Product]]:
        """Every product 1NCE offers the account (``GET /v1/products``), as one ``Page``."""

@final
class Support:
    """Support management, from ``Client.support``."""

    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> Paginator[ServiceRequest]:
        """The account's service requests (``GET /v1/support``),
        ``page_size`` 1..100 (default 1, 1NCE's).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def create(
        self,
        subject: str,
        text: str,
        *,
        reply_to_mail: str | None = None,
        sender_name: str | None = None,
        timeout: float | None = None,
    ) -> None:
        """Opens a service request (``POST /v1/support``). Checked first;
        never retried once it may have reached 1NCE (``OutcomeUnknownError``)."""

@final
class AsyncSupport:
    """Support management, from ``AsyncClient.support``."""

    def list(self, *, page_size: int | None = None, timeout: float | None = None) -> AsyncPaginator[ServiceRequest]:
        """The account's service requests (``GET /v1/support``).
        ``timeout``: seconds each page's call may take, retries included, on
        every page fetched; ``page(n, timeout=)`` overrides it."""
    def create(
        self,
        subject: str,
        text: str,
        *,
        reply_to_mail: str | None = None,
        sender_name: str | None = None,
        timeout: float | None = None,
    ) -> Awaitable[None]:
        """Opens a service request (``POST /v1/support``)."""

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

@final
class Sim:
    """A SIM card (SIM management v2)."""
    def __new__(cls, *, iccid: str = ..., iccid_with_luhn: str | None = ..., imsi: str | None = ..., imsi_2: str | None = ..., current_imsi: str | None = ..., msisdn: str | None = ..., imei: str | None = ..., imei_lock: bool | None = ..., status: SimStatus | Literal["Enabled", "Disabled"] | None = ..., activation_date: datetime.datetime | None = ..., ip_address: str | None = ..., current_quota: float | None = ..., quota_status: QuotaThreshold | None = ..., current_quota_sms: float | None = ..., quota_status_sms: QuotaThreshold | None = ..., label: str | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., status: QuotaStatus | None = ..., volume: float | None = ..., total_volume: float | None = ..., accumulated_total_volume: float | None = ..., last_volume_added: float | None = ..., service: QuotaService | Literal["data", "sms"] | None = ..., threshold_percentage: int | None = ..., threshold_volume: float | None = ..., expiry_date: datetime.datetime | None = ..., created_at: datetime.datetime | None = ...) -> Self: ...
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
    def __new__(cls, *, status: ConnectivityState = ..., data_traffic_limit_state: DataTrafficLimitState | None = ..., location: SimLocation | None = ..., pdp_contexts: Sequence[PdpContext] = ..., services: Sequence[str] = ...) -> Self: ...
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
    def __new__(cls, *, iccid: str = ..., imsi: str = ..., last_updated: datetime.datetime | None = ..., sgsn_number: str | None = ..., vlr_number: str | None = ..., operator_id: str | None = ..., msc: str | None = ..., sgsn_ip_address: str | None = ..., mme_name: str | None = ..., mme_realm: str | None = ..., sgsn_name: str | None = ..., sgsn_realm: str | None = ..., operator: Operator | None = ..., country: Country | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., name: str | None = ..., mnc: str | None = ..., country: Country | None = ...) -> Self: ...
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
    def __new__(cls, *, pdp_context_id: str | None = ..., endpoint_id: str | None = ..., tariff_id: str | None = ..., ratezone_id: str | None = ..., organisation_id: str | None = ..., imsi_id: str | None = ..., imsi: str | None = ..., sim_id: str | None = ..., tx_teid_data_plane: str | None = ..., tx_teid_control_plane: str | None = ..., rx_teid: str | None = ..., rx_teid_data_plane: str | None = ..., rx_teid_control_plane: str | None = ..., gtp_version: str | None = ..., nsapi: str | None = ..., sgsn_control_plane_ip_address: str | None = ..., sgsn_data_plane_ip_address: str | None = ..., ggsn_control_plane_ip_address: str | None = ..., ggsn_data_plane_ip_address: str | None = ..., created: datetime.datetime | None = ..., tunnel_created: datetime.datetime | None = ..., mcc: str | None = ..., mnc: str | None = ..., operator_id: str | None = ..., lac: str | None = ..., ci: str | None = ..., sac: str | None = ..., rac: str | None = ..., gtp_v1_uli: GtpV1Uli | None = ..., gtp_v2_uli: GtpV2Uli | None = ..., ue_ip_address: str | None = ..., imeisv: str | None = ..., rat_type: RatType | None = ..., region: str | None = ..., apn: str | None = ..., ipcan_session_id: str | None = ..., breakout_ip: str | None = ...) -> Self: ...
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
    def __new__(cls, *, cgi: CellGlobalId | None = ..., sai: ServiceAreaId | None = ..., rai: RoutingAreaId | None = ..., tac: str | None = ..., eci: str | None = ..., lac: str | None = ..., menbi: str | None = ..., emenbi: str | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., event_type: EventCode | None = ..., timestamp: datetime.datetime | None = ..., alert: bool | None = ..., user: str | None = ..., description: str | None = ..., event_source: EventCode | None = ..., event_severity: EventCode | None = ..., organisation: Organisation | None = ..., endpoint: EventEndpoint | None = ..., sim: EventSim | None = ..., imsi: EventImsi | None = ..., detail: EventDetail | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., name: str | None = ..., country: Country | None = ..., tapcode: Sequence[TapCode] | None = ..., mnc: Sequence[NetworkCode] | None = ..., update_location_failure_reason: str | None = ..., volume: SessionVolume | None = ..., data_service_failure_cause: DataServiceFailureCause | Literal["IMSI_NOT_FOUND", "APN_NOT_AUTHORIZED", "PDN_NOT_SUPPORTED", "IMEI_LOCK_BREACHED", "NO_QUOTA_FOUND", "QUOTA_EXPIRED", "QUOTA_EXHAUSTED", "MONTHLY_USAGE_LIMIT_EXCEEDED", "DATA_SERVICE_BARRED", "IMEI_LOCK_ENFORCED", "INACTIVITY_TIMER_EXPIRED"] | None = ..., pdp_context: PdpContext | None = ..., quota: EventQuota | None = ..., regional_pool: RegionalPool | None = ..., vpn_id: int | None = ..., region: str | None = ..., client: VpnClient | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., status: QuotaStatus | None = ..., volume: float | None = ..., total_volume: float | None = ..., accumulated_total_volume: float | None = ..., last_volume_added: float | None = ..., service: QuotaService | Literal["data", "sms"] | None = ..., threshold_percentage: int | None = ..., threshold_volume: float | None = ..., threshold: QuotaThresholdLevel | None = ..., expiry_date: datetime.datetime | None = ..., created_at: datetime.datetime | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., submit_date: datetime.datetime | None = ..., delivery_date: datetime.datetime | None = ..., expiry_date: datetime.datetime | None = ..., final_date: datetime.datetime | None = ..., retry_date: datetime.datetime | None = ..., last_delivery_attempt: datetime.datetime | None = ..., retry_count: int | None = ..., gsm_map_error: str | None = ..., dcs: int | None = ..., pid: int | None = ..., source_address: str | None = ..., source_address_type: SourceAddressTypeInfo | None = ..., endpoint: SmsEndpoint | None = ..., sim_id: int | None = ..., iccid: str | None = ..., msisdn: str | None = ..., imsi: str | None = ..., msc: str | None = ..., udh: str | None = ..., payload: str | None = ..., status: SmsStatusInfo | None = ..., sms_type: SmsType | None = ...) -> Self: ...
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
    def __new__(cls, *, order_number: int | None = ..., order_type: OrderType | Literal["FIRST_ORDER", "ADDITIONAL_ORDER", "TOPUP", "BULK_TOPUP", "TARIFF_CHANGE"] | None = ..., order_date: datetime.datetime | None = ..., order_status: str | None = ..., invoice_number: str | None = ..., invoice_amount: str | None = ..., currency: str | None = ..., shipping_address: DeliveryAddress | None = ..., sims: Sequence[OrderSim] | None = ..., products: Sequence[OrderProduct] | None = ...) -> Self: ...
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
    def __new__(cls, *, iccid: str | None = ..., links: Sequence[SimLink] | None = ...) -> Self: ...
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
    def __new__(cls, *, products: Sequence[OrderedProduct] = ..., delivery_address: DeliveryAddress | None = ..., customer_reference: str | None = ...) -> Self: ...
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
    def __new__(cls, *, order_number: int | None = ..., location: str | None = ..., order: OrderRequest | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., product: str | None = ..., material: str | None = ..., package_size: int | None = ..., min_quantity: int | None = ..., max_quantity: int | None = ..., max_quantity_per_customer: int | None = ..., min_contract_duration: int | None = ..., one_time_charges: Sequence[Charge] | None = ..., recurring_charges: Sequence[Charge] | None = ...) -> Self: ...
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
    def __new__(cls, *, case_id: str | None = ..., status: ServiceRequestStatus | Literal["OPEN", "IN_PROGRESS", "CLOSED"] | None = ..., subject: str | None = ..., text: str | None = ..., create_date: datetime.datetime | None = ..., solved_date: datetime.datetime | None = ..., communications: Sequence[Communication] | None = ...) -> Self: ...
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
    def __new__(cls, *, iccid: str = ..., iccid_with_luhn: str | None = ..., imsi: str | None = ..., imsi_2: str | None = ..., current_imsi: str | None = ..., msisdn: str | None = ..., imei: str | None = ..., imei_lock: bool | None = ..., status: SimStatus | Literal["Enabled", "Disabled"] | None = ..., activation_date: datetime.datetime | None = ..., ip_address: str | None = ..., current_quota: float | None = ..., quota_status: QuotaThreshold | None = ..., current_quota_sms: float | None = ..., quota_status_sms: QuotaThreshold | None = ..., label: str | None = ...) -> Self: ...
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
    def __new__(cls, *, status: ConnectivityStatus | Literal["ONLINE", "ATTACHED", "OFFLINE", "BLOCKED"] | None = ..., location: V1Location | None = ..., pdp_context: V1PdpContext | None = ..., services: Sequence[str] | None = ...) -> Self: ...
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
    def __new__(cls, *, iccid: str | None = ..., imsi: str | None = ..., last_updated: datetime.datetime | None = ..., last_updated_gprs: datetime.datetime | None = ..., sgsn_number: str | None = ..., vlr_number: str | None = ..., vlr_number_np: str | None = ..., msc_number_np: str | None = ..., sgsn_number_np: str | None = ..., operator_id: str | None = ..., msc: str | None = ..., sgsn_ip_address: str | None = ..., operator: V1Operator | None = ..., country: V1Country | None = ...) -> Self: ...
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
    def __new__(cls, *, id: str | None = ..., name: str | None = ..., country: V1OperatorCountry | None = ...) -> Self: ...
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
    def __new__(cls, *, pdp_context_id: str | None = ..., endpoint_id: str | None = ..., tariff_profile_id: str | None = ..., tariff_id: str | None = ..., ratezone_id: str | None = ..., organisation_id: str | None = ..., imsi_id: str | None = ..., imsi: str | None = ..., sim_id: str | None = ..., teid_data_plane: str | None = ..., teid_control_plane: str | None = ..., gtp_version: str | None = ..., nsapi: str | None = ..., sgsn_control_plane_ip_address: str | None = ..., sgsn_data_plane_ip_address: str | None = ..., ggsn_control_plane_ip_address: str | None = ..., ggsn_data_plane_ip_address: str | None = ..., created: datetime.datetime | None = ..., mcc: str | None = ..., mnc: str | None = ..., operator_id: str | None = ..., lac: str | None = ..., ci: str | None = ..., ue_ip_address: str | None = ..., imeisv: str | None = ..., duration: str | None = ..., rat_type: V1RatType | None = ...) -> Self: ...
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
    def __new__(cls, *, ussd_info: UssdInfo | None = ..., subscriber_info: SubscriberInfo | None = ..., request_timestamp: datetime.datetime | None = ..., reply_timestamp: datetime.datetime | None = ...) -> Self: ...
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
    def __new__(cls, *, success: bool | None = ..., state: str | None = ..., location: SubscriberLocation | None = ...) -> Self: ...
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
    def __new__(cls, *, current_location_retrieved: bool | None = ..., age_of_location: int | None = ..., cell_global_id: V1CellGlobalId | None = ...) -> Self: ...
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
    def __new__(cls, *, cost: float | None = ..., currency: Currency | None = ..., traffic_type: TrafficType | None = ..., volume: float | None = ..., volume_rx: float | None = ..., volume_tx: float | None = ...) -> Self: ...
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
    def __new__(cls, *, date: datetime.datetime | None = ..., data: Traffic | None = ..., sms: Traffic | None = ...) -> Self: ...
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
    def __new__(cls, *, data: Traffic | None = ..., sms: Traffic | None = ...) -> Self: ...
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
    def __new__(cls, *, stats: Sequence[DailyUsage] = ..., total: UsageTotal | None = ...) -> Self: ...
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
    def __new__(cls, *, id: int | None = ..., submit_date: datetime.datetime | None = ..., delivery_date: datetime.datetime | None = ..., expiry_date: datetime.datetime | None = ..., final_date: datetime.datetime | None = ..., retry_date: datetime.datetime | None = ..., last_delivery_attempt: datetime.datetime | None = ..., retry_count: int | None = ..., source_address: str | None = ..., iccid: str | None = ..., msisdn: str | None = ..., imsi: str | None = ..., msc: str | None = ..., dcs: int | None = ..., udh: str | None = ..., payload: str | None = ..., status: V1Described | None = ..., sms_type: V1Described | None = ..., source_address_type: V1Described | None = ...) -> Self: ...
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
    def __new__(cls, *, data: Limit | None = ..., sms_mt: Limit | None = ..., sms_mo: Limit | None = ...) -> Self: ...
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

# END GENERATED MODELS
