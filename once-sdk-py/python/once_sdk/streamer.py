"""Records of 1NCE's Data Streamer, decoded from a webhook request body.

1NCE posts usage records, event records and SMS events to your HTTPS
endpoint as a JSON array of up to 3,000 records. :func:`decode_batch` reads
such a body into typed records with the same rules as the Rust SDK (the
decoding runs in Rust): nested and flat layouts, Platform 1.0 and 2.0 field
names, zone-less dates of the older SMS format, unknown codes kept as plain
``int`` (unknown RAT type names as ``str``). A record that does not decode
is reported in :attr:`StreamBatch.rejected` with its index, the reason and
its JSON text as sent; the other records of the body are decoded all the
same. An optional field whose value could not be read keeps its record: it
is ``None`` and listed in the record's ``unread``.

Platform 2.0 renumbered event severities (id 2 was CRITICAL on 1.0 and is a
WARN on 2.0). :class:`EventSeverity` is one scale for both platforms
(Platform 2.0's ids); a severity description settles an id on either
platform, otherwise ``decode_batch(body, platform=...)`` decides: with
``"detect"`` (the default) the record, then its batch, must show which
platform wrote it, and an id 2 nothing settles reads as ``severity=None``
with ``severity_ambiguous=True`` (the id is in ``severity_id``).
Volumes are MiB for data (1NCE writes "MB" and means binary megabytes).

>>> from once_sdk.streamer import decode_batch, UsageRecord
>>> batch = decode_batch(b'[{"id": 1, "traffic_type": {"id": 5}, "volume": {"total": 0.5}}, {"id": 2}]')
>>> isinstance(batch.records[0], UsageRecord), batch.rejected[0].index
(True, 1)
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Type, TypeVar, Union

from ._once_sdk import _decode_stream
from ._strenum import StrEnum

__all__ = [
    "MAX_RECORDS_PER_REQUEST",
    "PLATFORMS",
    "CellLocation",
    "DeliveryStatus",
    "Device",
    "EventRecord",
    "EventSeverity",
    "EventSource",
    "EventType",
    "MoSms",
    "MultiPartInfo",
    "NetworkOperator",
    "PdpSession",
    "Platform",
    "QuotaDetail",
    "RatType",
    "RegionalPool",
    "RejectedRecord",
    "SmsDeliveryReport",
    "StreamBatch",
    "StreamRecord",
    "TrafficType",
    "UnreadField",
    "UsageRecord",
    "Volume",
    "VpnDetail",
    "decode_batch",
    "record_key",
]

#: The most records 1NCE puts in one request by default.
MAX_RECORDS_PER_REQUEST = 3000


class TrafficType(enum.IntEnum):
    """What a usage record counts (``traffic_type.id``)."""

    DATA = 5
    SMS = 6


class RatType(enum.IntEnum):
    """The radio access technology (``rat_type``). Names 1NCE sends instead
    of codes (``"EUTRAN-NB-IoT"``, ``"NR"``) are read as these members; a
    name this SDK does not know is kept as ``str``, an unknown code as
    ``int``."""

    UTRAN = 1
    GERAN = 2
    HSPA_EVOLUTION = 5
    EUTRAN = 6
    NB_IOT = 8
    LTE_M = 9
    NR = 10


class Platform(StrEnum):
    """The Data Streamer platform a record was written by: it decides how a
    severity id reads (``decode_batch(body, platform=...)``)."""

    PLATFORM1 = "platform1"
    """Platform 1.0: severity 0 INFO, 1 WARNING, 2 CRITICAL."""
    PLATFORM2 = "platform2"
    """Platform 2.0: severity 0 INFO, 1 and 2 WARN, 3 ERROR, 4 CRITICAL."""
    DETECT = "detect"
    """Tell from the records (the default)."""


#: The values ``decode_batch(platform=...)`` takes (besides ``None``).
PLATFORMS = ("platform1", "platform2", "detect")


class EventSeverity(enum.IntEnum):
    """How serious an event is, on one scale for both platforms: Platform
    2.0's ids (0 INFO, 1 WARNING, 3 ERROR, 4 CRITICAL). Platform 1.0's
    CRITICAL (id 2) and Platform 2.0's second WARN id (2) read as these
    members; see :attr:`EventRecord.severity_id` for the id as sent."""

    INFO = 0
    WARNING = 1
    ERROR = 3
    CRITICAL = 4


class EventSource(enum.IntEnum):
    """What raised an event (``event_source.id``)."""

    NETWORK = 0
    POLICY_CONTROL = 1
    API = 2


class EventType(enum.IntEnum):
    """What happened (``event_type.id``)."""

    GENERIC = 0
    UPDATE_LOCATION = 1
    UPDATE_GPRS_LOCATION = 2
    CREATE_PDP_CONTEXT = 3
    UPDATE_PDP_CONTEXT = 4
    DELETE_PDP_CONTEXT = 5
    USER_AUTHENTICATION_FAILED = 6
    APPLICATION_AUTHENTICATION_FAILED = 7
    SIM_ACTIVATION = 8
    SIM_SUSPENSION = 9
    SIM_DELETION = 10
    ENDPOINT_BLOCKED = 11
    ORGANISATION_BLOCKED = 12
    SUPPORT_ACCESS = 13
    MULTI_FACTOR_AUTHENTICATION = 14
    PURGE_LOCATION = 15
    PURGE_GPRS_LOCATION = 16
    SELF_SIGNUP = 17
    DATA_QUOTA_THRESHOLD_REACHED = 18
    DATA_QUOTA_USED_UP = 19
    SMS_QUOTA_THRESHOLD_REACHED = 20
    SMS_QUOTA_USED_UP = 21
    OPENVPN_DISCONNECT = 29
    OPENVPN_AUTHENTICATION = 30
    ENDPOINT_ENABLED = 42
    ENDPOINT_DISABLED = 43
    SIM_RELEASED = 50
    SIM_ASSIGNED = 51
    DATA_QUOTA_ENABLED = 52
    DATA_QUOTA_DISABLED = 53
    SMS_QUOTA_ENABLED = 54
    SMS_QUOTA_DISABLED = 55
    DATA_QUOTA_ASSIGNED = 56
    DATA_QUOTA_DELETED = 57
    SMS_QUOTA_ASSIGNED = 58
    SMS_QUOTA_DELETED = 59
    DATA_QUOTA_EXPIRED = 60
    SMS_QUOTA_EXPIRED = 61
    REGIONAL_POOL_QUOTA_100 = 100
    REGIONAL_POOL_QUOTA_101 = 101
    REGIONAL_POOL_QUOTA_102 = 102
    REGIONAL_POOL_QUOTA_103 = 103
    ENDPOINT_DELETED = 121


class DeliveryStatus(enum.Enum):
    """The final state of an SMS sent to a device (``status.status``)."""

    DELIVERED = "DELIVERED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


_E = TypeVar("_E", bound=enum.Enum)


def _code(cls: Type[_E], value: Any) -> Union[_E, Any]:
    """The enum member, or the value as sent when the SDK does not know it.

    Looked up in the enum's value map: ``cls(value)`` goes through
    ``EnumMeta.__call__`` and costs several times as much, for every code
    of every record of a batch."""
    if value is None:
        return None
    try:
        member: _E = cls._value2member_map_[value]  # type: ignore[assignment]
        return member
    except (KeyError, TypeError):
        return value


def _rat(value: Any) -> Union[RatType, int, str, None]:
    """A RAT type: the member, an unknown code as ``int``, an unknown name as ``str``."""
    if isinstance(value, str):
        return value
    return _code(RatType, value)


def _time(value: Optional[str]) -> Optional[datetime.datetime]:
    if value is None:
        return None
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True)
class UnreadField:
    """An optional field whose value this SDK could not read: the field is
    ``None`` in the record, the value is in its ``raw``."""

    field: str
    """The field (flat name, e.g. ``rat_type``)."""
    rule: str
    """What is wrong with the value."""

    def __str__(self) -> str:
        return f"field `{self.field}`: {self.rule}"


def _unread(d: Dict[str, Any]) -> List[UnreadField]:
    return [UnreadField(u["field"], u["rule"]) for u in d.get("unread") or ()]


@dataclass(frozen=True)
class Volume:
    """A volume: data in MiB (binary megabytes, as 1NCE counts), SMS as counts."""

    total: Optional[float] = None
    tx: Optional[float] = None
    rx: Optional[float] = None

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["Volume"]:
        return None if d is None else Volume(d.get("total"), d.get("tx"), d.get("rx"))


@dataclass(frozen=True)
class Device:
    """The SIM and endpoint (device) a record is about."""

    iccid: Optional[str] = None
    imsi: Optional[str] = None
    msisdn: Optional[str] = None
    sim_id: Optional[int] = None
    imsi_id: Optional[int] = None
    endpoint_id: Optional[int] = None
    endpoint_name: Optional[str] = None
    imei: Optional[str] = None
    ip_address: Optional[str] = None
    organisation_id: Optional[int] = None

    @staticmethod
    def _from(d: Dict[str, Any]) -> "Device":
        return Device(
            d.get("iccid"), d.get("imsi"), d.get("msisdn"), d.get("sim_id"), d.get("imsi_id"),
            d.get("endpoint_id"), d.get("endpoint_name"), d.get("imei"), d.get("ip_address"),
            d.get("organisation_id"),
        )


@dataclass(frozen=True)
class NetworkOperator:
    """The network operator that carried the traffic."""

    id: Optional[int] = None
    name: Optional[str] = None
    mcc: Optional[str] = None
    mnc: Optional[str] = None
    country: Optional[str] = None
    country_iso_code: Optional[str] = None
    """The country's ISO 3166 code (events on Platform 2.0: ``de``)."""

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["NetworkOperator"]:
        if d is None:
            return None
        return NetworkOperator(
            d.get("id"), d.get("name"), d.get("mcc"), d.get("mnc"), d.get("country"),
            d.get("country_iso_code"),
        )


@dataclass(frozen=True)
class CellLocation:
    """A cell location, whichever GTP version wrote it."""

    mcc: Optional[str] = None
    mnc: Optional[str] = None
    lac: Optional[str] = None
    ci: Optional[str] = None
    sac: Optional[str] = None
    rac: Optional[str] = None
    tac: Optional[str] = None
    eci: Optional[str] = None
    gtp_uli: Optional[str] = None
    """Which GTP user location information it came from on Platform 2.0
    (``"v1"`` for ``gtp_v1_uli``, ``"v2"`` for ``gtp_v2_uli``); ``None`` for
    the 1.0 fields."""


@dataclass(frozen=True)
class PdpSession:
    """The data session (PDP context) an event is about."""

    session_id: Optional[str] = None
    pdp_context_id: Optional[str] = None
    gtp_version: Optional[str] = None
    apn: Optional[str] = None
    ue_ip_address: Optional[str] = None
    breakout_ip: Optional[str] = None
    rat_type: Union[RatType, int, str, None] = None
    location: CellLocation = field(default_factory=CellLocation)
    region: Optional[str] = None
    """The region of 1NCE's core that served the session."""

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["PdpSession"]:
        if d is None:
            return None
        return PdpSession(
            d.get("session_id"), d.get("pdp_context_id"), d.get("gtp_version"), d.get("apn"),
            d.get("ue_ip_address"), d.get("breakout_ip"), _rat(d.get("rat_type")),
            CellLocation(**(d.get("location") or {})), d.get("region"),
        )


@dataclass(frozen=True)
class QuotaDetail:
    """A quota as a Platform 2.0 quota event reports it (``detail.quota``).
    Volumes are MiB for data, counts for SMS."""

    id: Optional[int] = None
    status: Optional[str] = None
    """The quota's state (``status.description``, e.g. ``EXHAUSTED``)."""
    status_id: Optional[int] = None
    volume: Optional[float] = None
    """What is left; negative when the quota was overdrawn."""
    total_volume: Optional[float] = None
    accumulated_total_volume: Optional[float] = None
    last_volume_added: Optional[float] = None
    service: Optional[str] = None
    """``data`` or ``sms``."""
    threshold_percentage: Optional[float] = None
    threshold_volume: Optional[float] = None
    expiry_date: Optional[datetime.datetime] = None
    created_at: Optional[datetime.datetime] = None

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["QuotaDetail"]:
        if d is None:
            return None
        return QuotaDetail(
            d.get("id"), d.get("status"), d.get("status_id"), d.get("volume"), d.get("total_volume"),
            d.get("accumulated_total_volume"), d.get("last_volume_added"), d.get("service"),
            d.get("threshold_percentage"), d.get("threshold_volume"), _time(d.get("expiry_date")),
            _time(d.get("created_at")),
        )


@dataclass(frozen=True)
class RegionalPool:
    """The regional pool of a Platform 2.0 pool quota event."""

    id: Optional[int] = None
    name: Optional[str] = None


@dataclass(frozen=True)
class VpnDetail:
    """The OpenVPN connection of a Platform 2.0 VPN event."""

    vpn_id: Optional[int] = None
    region: Optional[str] = None
    """The AWS region code of the VPN."""
    client_version: Optional[str] = None
    client_private_ip: Optional[str] = None
    client_public_ip: Optional[str] = None


@dataclass(frozen=True)
class UsageRecord:
    """Data (MiB) a session used since the last record, or SMS.

    ``cost`` and ``currency`` are ``None`` when not sent (Platform 2.0 calls
    them legacy and may leave them out): absent is not zero."""

    id: str
    traffic_type: Union[TrafficType, int]
    start: Optional[datetime.datetime]
    end: Optional[datetime.datetime]
    volume: Volume
    cost: Optional[float]
    currency: Optional[str]
    device: Device
    operator: Optional[NetworkOperator]
    tariff_id: Optional[int]
    ratezone_id: Optional[int]
    session_id: Optional[str]
    quota_id: Optional[str]
    """The quota the usage counted against (Platform 2.0), as sent: a number or a UUID, as text."""
    rat_type: Union[RatType, int, str, None]
    unread: List[UnreadField]
    """Optional fields whose value could not be read (empty for a clean record)."""
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @property
    def day(self) -> Optional[datetime.date]:
        """The day (UTC) the usage counts for: the end of the period, else its start."""
        t = self.end or self.start
        return None if t is None else t.date()


@dataclass(frozen=True)
class EventRecord:
    """A network, policy or API event of a SIM."""

    id: str
    timestamp: Optional[datetime.datetime]
    event_type: Union[EventType, int]
    event_type_description: Optional[str]
    severity: Optional[EventSeverity]
    """How serious it is, read for the record's platform; ``None`` when not
    sent, when the id is unknown, or when ambiguous (``severity_ambiguous``)."""
    severity_id: Optional[int]
    """The severity id as sent."""
    severity_ambiguous: bool
    """True when the id means different things on the two platforms (2:
    CRITICAL on 1.0, WARN on 2.0) and nothing told which one wrote the record."""
    platform: Optional[Platform]
    """The platform the record was read as (the decoder's setting, or what
    the record or its batch shows); ``None`` when nothing told."""
    source: Union[EventSource, int, None]
    alert: Optional[bool]
    description: Optional[str]
    device: Device
    operator: Optional[NetworkOperator]
    volume: Optional[Volume]
    session: Optional[PdpSession]
    network_codes: List[str]
    tap_codes: List[str]
    quota: Optional[QuotaDetail]
    """Quota events (Platform 2.0 ``detail.quota``)."""
    regional_pool: Optional[RegionalPool]
    """Regional-pool quota events (Platform 2.0 ``detail.regional_pool``)."""
    vpn: Optional[VpnDetail]
    """OpenVPN events (Platform 2.0)."""
    failure_cause: Optional[str]
    """Why a data session or location update failed (Platform 2.0), as sent."""
    unread: List[UnreadField]
    """Optional fields whose value could not be read (empty for a clean record)."""
    raw: Dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class SmsDeliveryReport:
    """The delivery report of an SMS sent to a device (mobile terminated)."""

    id: str
    submit_date: Optional[datetime.datetime]
    final_date: Optional[datetime.datetime]
    status: Union[DeliveryStatus, str]
    status_id: Optional[int]
    sms_id: Optional[str]
    device: Device
    unread: List[UnreadField]
    """Optional fields whose value could not be read (empty for a clean record)."""
    raw: Dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class MultiPartInfo:
    """Which part of a multi-part SMS this is."""

    part: Optional[int] = None
    total: Optional[int] = None
    identifier: Optional[str] = None


@dataclass(frozen=True)
class MoSms:
    """An SMS sent by a device (mobile originated)."""

    id: str
    submit_date: Optional[datetime.datetime]
    payload: Optional[str]
    source_address: Optional[str]
    dcs: Optional[int]
    pid: Optional[int]
    multi_part: Optional[MultiPartInfo]
    device: Device
    unread: List[UnreadField]
    """Optional fields whose value could not be read (empty for a clean record)."""
    raw: Dict[str, Any] = field(repr=False, compare=False)


StreamRecord = Union[UsageRecord, EventRecord, SmsDeliveryReport, MoSms]


@dataclass(frozen=True)
class RejectedRecord:
    """A record of a body that could not be decoded."""

    index: int
    """Its position in the body's array, from 0."""
    id: Optional[str]
    """Its id, if that much could be read."""
    field: str
    """The field at fault (flat name, e.g. ``volume_total``), or ``record``."""
    rule: str
    """What is wrong with it."""
    raw: str = dataclasses.field(repr=False, compare=False)
    """The record's JSON text exactly as sent: store it, it will not be sent again."""

    def __str__(self) -> str:
        at = f"record {self.index}" + (f" (id {self.id})" if self.id is not None else "")
        return f"{at}: field `{self.field}`: {self.rule}"


@dataclass(frozen=True)
class StreamBatch:
    """A decoded request body."""

    records: List[StreamRecord]
    rejected: List[RejectedRecord]
    platform: Optional[Platform] = None
    """The platform the batch's records showed, when they agreed (or the
    ``platform=`` given to :func:`decode_batch`); ``None`` when nothing told."""

    def __len__(self) -> int:
        return len(self.records) + len(self.rejected)


def _platform(value: Optional[str]) -> Optional[Platform]:
    return None if value is None else Platform(value)


def _record(d: Dict[str, Any]) -> StreamRecord:
    kind = d["kind"]
    device = Device._from(d)
    raw = d.get("raw") or {}
    if kind == "usage":
        return UsageRecord(
            d["id"], _code(TrafficType, d["traffic_type"]), _time(d.get("start")), _time(d.get("end")),
            Volume._from(d.get("volume")) or Volume(), d.get("cost"), d.get("currency"), device,
            NetworkOperator._from(d.get("operator")), d.get("tariff_id"), d.get("ratezone_id"),
            d.get("session_id"), d.get("quota_id"), _rat(d.get("rat_type")), _unread(d), raw,
        )
    if kind == "event":
        severity = d.get("severity")
        pool = d.get("regional_pool")
        vpn = d.get("vpn")
        return EventRecord(
            d["id"], _time(d.get("timestamp")), _code(EventType, d["event_type"]),
            d.get("event_type_description"), _code(EventSeverity, severity),
            d.get("severity_id"), d.get("severity_ambiguous", False), _platform(d.get("platform")),
            _code(EventSource, d.get("source")), d.get("alert"), d.get("description"), device,
            NetworkOperator._from(d.get("operator")), Volume._from(d.get("volume")),
            PdpSession._from(d.get("session")), list(d.get("network_codes") or []),
            list(d.get("tap_codes") or []), QuotaDetail._from(d.get("quota")),
            None if pool is None else RegionalPool(**pool), None if vpn is None else VpnDetail(**vpn),
            d.get("failure_cause"), _unread(d), raw,
        )
    if kind == "sms_delivery_report":
        return SmsDeliveryReport(
            d["id"], _time(d.get("submit_date")), _time(d.get("final_date")),
            _code(DeliveryStatus, d["status"]), d.get("status_id"), d.get("sms_id"), device,
            _unread(d), raw,
        )
    if kind == "mo_sms":
        mp = d.get("multi_part")
        return MoSms(
            d["id"], _time(d.get("submit_date")), d.get("payload"), d.get("source_address"),
            d.get("dcs"), d.get("pid"), None if mp is None else MultiPartInfo(**mp), device,
            _unread(d), raw,
        )
    raise ValueError(f"unknown record kind {kind!r}")  # pragma: no cover - the decoder makes only these


def decode_batch(body: Union[bytes, str], platform: Union[Platform, str, None] = None) -> StreamBatch:
    """Decodes a Data Streamer request body (a JSON array of records; one
    record object counts as a batch of one).

    ``platform`` says how event severity ids read: ``"platform1"``,
    ``"platform2"``, or ``"detect"`` / ``None`` (the default: tell from the
    records; an id 2 nothing settles is ``severity=None``,
    ``severity_ambiguous=True``). A :class:`Platform` member works too.

    Raises ``ValueError`` for a ``platform`` it does not take (before
    decoding), and when the body is not JSON or not an array of records.
    Records that do not decode are in ``rejected``.
    """
    if platform is not None and (not isinstance(platform, str) or platform not in PLATFORMS):
        raise ValueError(
            f"platform must be None, 'platform1', 'platform2' or 'detect', got {platform!r}"
        )
    records_json, rejected, batch_platform = _decode_stream(
        body, None if platform is None else str(platform)
    )
    return StreamBatch(
        [_record(d) for d in json.loads(records_json)],
        [RejectedRecord(i, rid, f, r, raw) for (i, rid, f, r, raw) in rejected],
        _platform(batch_platform),
    )


def record_key(record: StreamRecord) -> str:
    """The dedupe key of a record: its kind and id (``usage:4100000017``)."""
    kind = {
        UsageRecord: "usage",
        EventRecord: "event",
        SmsDeliveryReport: "sms_delivery_report",
        MoSms: "mo_sms",
    }[type(record)]
    return f"{kind}:{record.id}"
