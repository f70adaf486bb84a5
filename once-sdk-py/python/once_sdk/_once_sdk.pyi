# Stubs of the native module once_sdk._once_sdk.
#
# The part between the GENERATED markers is produced by the module itself
# (`_once_sdk._generated_stubs()`); `python gen_stubs.py` rewrites it and the
# tests fail when it is stale. The rest is written by hand and checked by
# `python -m mypy.stubtest once_sdk`.

import datetime
from collections.abc import AsyncIterator, Awaitable, Iterator
from types import GenericAlias
from typing import Any, Generic, TypeVar, final

from typing_extensions import Self

__version__: str

def _generated_stubs() -> str: ...
def _raise_outcome_unknown_sample() -> None: ...

_T = TypeVar("_T")

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
    ) -> Self:
        """A client with explicit credentials.

        ``base_url`` defaults to 1NCE's production API (plain ``http`` only
        to loopback); ``connect_timeout`` (10 s), ``timeout`` per attempt
        (30 s) and ``operation_timeout`` for the whole call with retries
        (120 s) are in seconds; ``retries`` (3) applies to idempotent calls
        (0 switches retries off); ``rate_limits=False`` switches the pacing
        at 1NCE's published limits off; ``user_agent`` is prepended to the
        SDK's own.
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
    ) -> Self:
        """A client from ``ONCE_CLIENT_ID``, ``ONCE_CLIENT_SECRET`` and
        ``ONCE_BASE_URL`` (optional); the keywords override."""
    @property
    def sims(self) -> Sims:
        """SIM management (API v2): list, read and change SIMs, quotas."""
    def access_token(self) -> str:
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
    ) -> Self:
        """A client from ``ONCE_CLIENT_ID``, ``ONCE_CLIENT_SECRET`` and
        ``ONCE_BASE_URL`` (optional); the keywords override."""
    @property
    def sims(self) -> AsyncSims:
        """SIM management (API v2): list, read and change SIMs, quotas."""
    def access_token(self) -> Awaitable[str]:
        """A valid access token (cached, or freshly issued). Keep it secret."""
    def close(self) -> None:
        """Closes the client: later calls raise ``ConfigError``."""
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
    ) -> Paginator[Sim]:
        """The account's SIMs (``GET /v2/sims``), ``page_size`` 1..100
        (default 10). ``filter`` is 1NCE's ``q`` (``imei:4711``), ``sort``
        e.g. ``ip_address,-imei``. Pages are fetched lazily."""
    def get(self, iccid: str) -> Sim:
        """One SIM (``GET /v2/sims/{iccid}``)."""
    def update(
        self,
        iccid: str,
        *,
        label: str | None = None,
        status: str | None = None,
        imei_lock: bool | None = None,
    ) -> None:
        """Changes a SIM (``PUT /v2/sims/{iccid}``): label (at most 255
        characters), status ``Enabled``/``Disabled``, IMEI lock. At least
        one must be given."""
    def data_quota(self, iccid: str) -> Quota:
        """The SIM's data quota (``GET /v2/sims/{iccid}/quota/data``)."""
    def sms_quota(self, iccid: str) -> Quota:
        """The SIM's SMS quota (``GET /v2/sims/{iccid}/quota/sms``)."""

@final
class AsyncSims:
    """SIM management (API v2), from ``AsyncClient.sims``."""

    def list(
        self,
        *,
        page_size: int | None = None,
        filter: str | None = None,
        sort: str | None = None,
    ) -> AsyncPaginator[Sim]:
        """The account's SIMs (``GET /v2/sims``); ``async for`` over it."""
    def get(self, iccid: str) -> Awaitable[Sim]:
        """One SIM (``GET /v2/sims/{iccid}``)."""
    def update(
        self,
        iccid: str,
        *,
        label: str | None = None,
        status: str | None = None,
        imei_lock: bool | None = None,
    ) -> Awaitable[None]:
        """Changes a SIM (``PUT /v2/sims/{iccid}``)."""
    def data_quota(self, iccid: str) -> Awaitable[Quota]:
        """The SIM's data quota (``GET /v2/sims/{iccid}/quota/data``)."""
    def sms_quota(self, iccid: str) -> Awaitable[Quota]:
        """The SIM's SMS quota (``GET /v2/sims/{iccid}/quota/sms``)."""

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
    def __getitem__(self, index: int, /) -> _T: ...
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
    def page(self, n: int = 1) -> Page[_T]:
        """Page ``n`` (from 1), with the list's totals."""

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
    def page(self, n: int = 1) -> Awaitable[Page[_T]]:
        """Page ``n`` (from 1), with the list's totals."""

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
    ) -> Client:
        """A blocking client pointed at the sandbox, pacing itself at the
        sandbox's rate limits; the keywords are those of ``Client``."""
    def async_client(
        self,
        *,
        connect_timeout: float | None = None,
        timeout: float | None = None,
        operation_timeout: float | None = None,
        retries: int | None = None,
        rate_limits: bool = True,
        user_agent: str | None = None,
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

@final
class Sim:
    """A SIM card (SIM management v2)."""
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
    def status(self) -> str | None:
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
    def to_dict(self) -> dict[str, Any]: ...

@final
class QuotaThreshold:
    """How much of a quota is left, as reported on a SIM."""
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
    def to_dict(self) -> dict[str, Any]: ...

@final
class QuotaStatus:
    """The state of a quota, as a number and a name."""
    @property
    def id(self) -> int | None:
        """0, 1 or 2."""
    @property
    def description(self) -> str | None:
        """`ACTIVE`, `EXHAUSTED` or `EXPIRED`."""
    def to_dict(self) -> dict[str, Any]: ...

@final
class Quota:
    """A data or SMS quota of a SIM (v2)."""
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
    def service(self) -> str | None:
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
    def to_dict(self) -> dict[str, Any]: ...

# END GENERATED MODELS
