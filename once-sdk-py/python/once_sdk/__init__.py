"""Typed client for the 1NCE IoT connectivity Management API.

>>> from once_sdk import Client
>>> client = Client.from_env()            # ONCE_CLIENT_ID, ONCE_CLIENT_SECRET
>>> for sim in client.sims.list(page_size=100):   # pages fetched lazily
...     print(sim.iccid, client.sims.data_quota(sim.iccid).volume)

``AsyncClient`` has the same calls for asyncio. Every error is a
``OnceError``; see ``once_sdk._errors`` for the kinds. The SDK logs to the
``once_sdk`` logger (DEBUG: one line per call); secrets are never logged.
"""

from ._errors import (
    ApiError,
    AuthError,
    ConfigError,
    DecodeError,
    OnceError,
    OutcomeUnknownError,
    RateLimitError,
    TimeoutError,
    TransportError,
    ValidationError,
)
from ._once_sdk import (
    AsyncClient,
    AsyncPageIterator,
    AsyncPaginator,
    AsyncSims,
    Client,
    Fault,
    Page,
    PageIterator,
    Paginator,
    Quota,
    QuotaStatus,
    QuotaThreshold,
    Sandbox,
    SandboxRequest,
    SandboxStats,
    Sim,
    Sims,
    __version__,
)

# SIM management v1 (retired by 1NCE at the end of 2026)
from ._once_sdk import (
    V1,
    AsyncV1,
    AsyncV1Sims,
    ConnectivityInfo,
    Currency,
    DailyUsage,
    Limit,
    Limits,
    SubscriberInfo,
    SubscriberLocation,
    Traffic,
    TrafficType,
    Usage,
    UsageTotal,
    UssdInfo,
    V1CellGlobalId,
    V1Connectivity,
    V1Country,
    V1Described,
    V1Event,
    V1Location,
    V1Operator,
    V1OperatorCountry,
    V1PdpContext,
    V1Quota,
    V1RatType,
    V1Sim,
    V1Sims,
    V1SimUpdate,
    V1SmsRecord,
    V1TopUpOrder,
)

__all__ = [
    "__version__",
    # clients and resources
    "Client",
    "AsyncClient",
    "Sims",
    "AsyncSims",
    # lists
    "Paginator",
    "AsyncPaginator",
    "Page",
    "PageIterator",
    "AsyncPageIterator",
    # models
    "Sim",
    "Quota",
    "QuotaStatus",
    "QuotaThreshold",
    # sandbox
    "Sandbox",
    "SandboxStats",
    "SandboxRequest",
    "Fault",
    # errors
    "OnceError",
    "ApiError",
    "AuthError",
    "RateLimitError",
    "TimeoutError",
    "ValidationError",
    "OutcomeUnknownError",
    "TransportError",
    "DecodeError",
    "ConfigError",
    # SIM management v1 (retired by 1NCE at the end of 2026)
    "V1",
    "AsyncV1",
    "V1Sims",
    "AsyncV1Sims",
    "V1SimUpdate",
    "V1Sim",
    "V1Quota",
    "V1Connectivity",
    "V1Location",
    "V1Operator",
    "V1OperatorCountry",
    "V1Country",
    "V1RatType",
    "V1PdpContext",
    "ConnectivityInfo",
    "UssdInfo",
    "SubscriberInfo",
    "SubscriberLocation",
    "V1CellGlobalId",
    "V1Event",
    "Currency",
    "TrafficType",
    "Traffic",
    "DailyUsage",
    "UsageTotal",
    "Usage",
    "V1Described",
    "V1SmsRecord",
    "Limit",
    "Limits",
    "V1TopUpOrder",
]
