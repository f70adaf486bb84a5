"""Records of 1NCE's Data Streamer, decoded from a webhook request body.

1NCE posts usage records, event records and SMS events to your HTTPS
endpoint as a JSON array of up to 3,000 records. :func:`decode_batch` reads
such a body into typed records with the same rules as the Rust SDK (the
decoding runs in Rust): nested and flat layouts, Platform 1.0 and 2.0 field
names, zone-less dates of the older SMS format, unknown codes kept as plain
``int``. A record that does not decode is reported in
:attr:`StreamBatch.rejected` with its index and the reason; the other
records of the body are decoded all the same.

>>> from once_sdk.streamer import decode_batch, UsageRecord
>>> batch = decode_batch(b'[{"id": 1, "traffic_type": {"id": 5}, "volume": {"total": 0.5}}, {"id": 2}]')
>>> isinstance(batch.records[0], UsageRecord), batch.rejected[0].index
(True, 1)
"""

from __future__ import annotations

import datetime
import enum
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Type, TypeVar, Union

from ._once_sdk import _decode_stream

__all__ = [
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
    "RatType",
    "RejectedRecord",
    "SmsDeliveryReport",
    "StreamBatch",
    "StreamRecord",
    "TrafficType",
    "UsageRecord",
    "Volume",
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
    """The radio access technology (``rat_type``)."""

    UTRAN = 1
    GERAN = 2
    HSPA_EVOLUTION = 5
    EUTRAN = 6
    NB_IOT = 8
    LTE_M = 9


class EventSeverity(enum.IntEnum):
    """How serious an event is (``event_severity.id``)."""

    INFO = 0
    WARNING = 1
    CRITICAL = 2


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
    OPENVPN_AUTHENTICATION = 30
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


class DeliveryStatus(enum.Enum):
    """The final state of an SMS sent to a device (``status.status``)."""

    DELIVERED = "DELIVERED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


_E = TypeVar("_E", bound=enum.Enum)


def _code(cls: Type[_E], value: Any) -> Union[_E, Any]:
    """The enum member, or the value as sent when the SDK does not know it."""
    if value is None:
        return None
    try:
        return cls(value)
    except ValueError:
        return value


def _time(value: Optional[str]) -> Optional[datetime.datetime]:
    if value is None:
        return None
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Volume:
    """A volume: data in MB, SMS as counts."""

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

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["NetworkOperator"]:
        if d is None:
            return None
        return NetworkOperator(d.get("id"), d.get("name"), d.get("mcc"), d.get("mnc"), d.get("country"))


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


@dataclass(frozen=True)
class PdpSession:
    """The data session (PDP context) an event is about."""

    session_id: Optional[str] = None
    pdp_context_id: Optional[str] = None
    gtp_version: Optional[str] = None
    apn: Optional[str] = None
    ue_ip_address: Optional[str] = None
    breakout_ip: Optional[str] = None
    rat_type: Union[RatType, int, None] = None
    location: CellLocation = field(default_factory=CellLocation)

    @staticmethod
    def _from(d: Optional[Dict[str, Any]]) -> Optional["PdpSession"]:
        if d is None:
            return None
        return PdpSession(
            d.get("session_id"), d.get("pdp_context_id"), d.get("gtp_version"), d.get("apn"),
            d.get("ue_ip_address"), d.get("breakout_ip"), _code(RatType, d.get("rat_type")),
            CellLocation(**(d.get("location") or {})),
        )


@dataclass(frozen=True)
class UsageRecord:
    """Data (MB) a session used in up to 15 minutes, or SMS."""

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
    quota_id: Optional[int]
    rat_type: Union[RatType, int, None]
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
    severity: Union[EventSeverity, int, None]
    source: Union[EventSource, int, None]
    alert: Optional[bool]
    description: Optional[str]
    device: Device
    operator: Optional[NetworkOperator]
    volume: Optional[Volume]
    session: Optional[PdpSession]
    network_codes: List[str]
    tap_codes: List[str]
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

    def __str__(self) -> str:
        at = f"record {self.index}" + (f" (id {self.id})" if self.id is not None else "")
        return f"{at}: field `{self.field}`: {self.rule}"


@dataclass(frozen=True)
class StreamBatch:
    """A decoded request body."""

    records: List[StreamRecord]
    rejected: List[RejectedRecord]

    def __len__(self) -> int:
        return len(self.records) + len(self.rejected)


def _record(d: Dict[str, Any]) -> StreamRecord:
    kind = d["kind"]
    device = Device._from(d)
    raw = d.get("raw") or {}
    if kind == "usage":
        return UsageRecord(
            d["id"], _code(TrafficType, d["traffic_type"]), _time(d.get("start")), _time(d.get("end")),
            Volume._from(d.get("volume")) or Volume(), d.get("cost"), d.get("currency"), device,
            NetworkOperator._from(d.get("operator")), d.get("tariff_id"), d.get("ratezone_id"),
            d.get("session_id"), d.get("quota_id"), _code(RatType, d.get("rat_type")), raw,
        )
    if kind == "event":
        return EventRecord(
            d["id"], _time(d.get("timestamp")), _code(EventType, d["event_type"]),
            d.get("event_type_description"), _code(EventSeverity, d.get("severity")),
            _code(EventSource, d.get("source")), d.get("alert"), d.get("description"), device,
            NetworkOperator._from(d.get("operator")), Volume._from(d.get("volume")),
            PdpSession._from(d.get("session")), list(d.get("network_codes") or []),
            list(d.get("tap_codes") or []), raw,
        )
    if kind == "sms_delivery_report":
        return SmsDeliveryReport(
            d["id"], _time(d.get("submit_date")), _time(d.get("final_date")),
            _code(DeliveryStatus, d["status"]), d.get("status_id"), d.get("sms_id"), device, raw,
        )
    if kind == "mo_sms":
        mp = d.get("multi_part")
        return MoSms(
            d["id"], _time(d.get("submit_date")), d.get("payload"), d.get("source_address"),
            d.get("dcs"), d.get("pid"), None if mp is None else MultiPartInfo(**mp), device, raw,
        )
    raise ValueError(f"unknown record kind {kind!r}")  # pragma: no cover - the decoder makes only these


def decode_batch(body: Union[bytes, str]) -> StreamBatch:
    """Decodes a Data Streamer request body (a JSON array of records; one
    record object counts as a batch of one).

    Raises ``ValueError`` when the body is not JSON or not an array of
    records. Records that do not decode are in ``rejected``.
    """
    records_json, rejected = _decode_stream(body)
    return StreamBatch(
        [_record(d) for d in json.loads(records_json)],
        [RejectedRecord(i, rid, f, r) for (i, rid, f, r) in rejected],
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
