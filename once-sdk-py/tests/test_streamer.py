"""once_sdk.streamer: Data Streamer bodies into typed records (the Rust
decoder's rules), and v2 auto top-up."""

from __future__ import annotations

import datetime
import json

import pytest

import once_sdk
from once_sdk.streamer import (
    DeliveryStatus,
    EventRecord,
    EventSeverity,
    EventSource,
    EventType,
    MoSms,
    RatType,
    SmsDeliveryReport,
    TrafficType,
    UsageRecord,
    Volume,
    decode_batch,
    record_key,
)

UTC = datetime.timezone.utc

USAGE_NESTED = {
    "id": 4100000017, "start_timestamp": "2026-11-20T08:00:00Z", "end_timestamp": "2026-11-20T08:14:10Z",
    "traffic_type": {"id": 5, "description": "Data"},
    "volume": {"total": 0.734, "tx": 0.112, "rx": 0.622}, "cost": 0.734,
    "imsi": "901405100000017", "imsi_id": 7000017,
    "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017"},
    "endpoint": {"id": 900017, "name": "pump-17", "imei": "3598004029786504", "tags": None},
    "organisation": {"id": 4567, "name": "81000000"},
    "operator": {"id": 2, "name": "Telekom", "mnc": "01", "country": {"id": 74, "mcc": "262", "name": "Germany"}},
    "ipcan_session_id": "3f1c2a9e", "rat_type": 6,
}
USAGE_FLAT_V1 = {
    "id": "4100000018", "end_timestamp": "2026-11-20 08:10:00", "traffic_type_id": 6,
    "volume_total": "1", "sim_iccid": "8988280666000000018", "session_id": "abc-1", "rat_type": 42,
}
EVENT_V2_FLAT = {
    "id": 78, "timestamp": "2026-11-20T08:00:01Z", "event_type_id": 3, "event_severity_id": 1,
    "event_source_id": 0, "alert": "true", "sim_iccid": "8988280666000000017",
    "detail_pdp_context_ipcan_session_id": "3f1c2a9e", "detail_pdp_context_gtp_v1_uli_ci": "5679",
    "detail_pdp_context_rat_type": 8, "detail_tapcode": ["DEUD1"],
}
EVENT_V1_NESTED = {
    "id": 77, "timestamp": "2026-11-20T08:00:01.000+0000",
    "event_type": {"id": 99, "description": "Something new"},
    "event_severity": {"id": 2}, "event_source": {"id": 2},
    "detail": {"session_id": "s-1", "pdp_context": {"ci": "5678", "lac": "1234"}},
}
MT_REPORT = {
    "id": 9001, "submit_date": "2026-11-20T08:00:00Z", "final_date": "2026-11-20T08:00:04Z",
    "endpoint": {"id": 900017, "name": "8988280666000000017"},
    "status": {"id": 4, "status": "DELIVERED"}, "detail": {"sms": {"id": "123"}},
}
MO_OLD = {
    "id": 9002, "submit_date": "2018-08-17 16:31:51", "payload": "hello", "dest_address": "882285100000017",
    "dcs": 0, "pid": "0", "multi_part_info": {"partno": 1, "total": 2, "identifier": 42},
}


def test_usage_in_both_layouts() -> None:
    batch = decode_batch(json.dumps([USAGE_NESTED, USAGE_FLAT_V1]).encode())
    a, b = batch.records
    assert isinstance(a, UsageRecord) and isinstance(b, UsageRecord)
    assert a.id == "4100000017"
    assert a.traffic_type is TrafficType.DATA
    assert a.volume == Volume(0.734, 0.112, 0.622)
    assert a.device.iccid == "8988280666000000017"
    assert a.device.imei == "3598004029786504"
    assert a.rat_type is RatType.EUTRAN
    assert a.session_id == "3f1c2a9e"
    assert a.operator is not None and (a.operator.mcc, a.operator.mnc) == ("262", "01")
    assert a.end == datetime.datetime(2026, 11, 20, 8, 14, 10, tzinfo=UTC)
    assert a.day == datetime.date(2026, 11, 20)
    assert a.raw["endpoint"]["name"] == "pump-17"
    assert b.traffic_type is TrafficType.SMS
    assert b.volume.total == 1.0
    assert b.session_id == "abc-1"
    assert b.end == datetime.datetime(2026, 11, 20, 8, 10, tzinfo=UTC)
    assert b.rat_type == 42 and not isinstance(b.rat_type, RatType)
    assert record_key(a) == "usage:4100000017"


def test_events_platform_names_and_unknown_codes() -> None:
    batch = decode_batch(json.dumps([EVENT_V2_FLAT, EVENT_V1_NESTED]))
    new, old = batch.records
    assert isinstance(new, EventRecord) and isinstance(old, EventRecord)
    assert new.event_type is EventType.CREATE_PDP_CONTEXT
    assert new.severity is EventSeverity.WARNING
    assert new.source is EventSource.NETWORK
    assert new.alert is True
    assert new.session is not None
    assert new.session.session_id == "3f1c2a9e"
    assert new.session.location.ci == "5679"
    assert new.session.rat_type is RatType.NB_IOT
    assert new.tap_codes == ["DEUD1"]
    assert old.event_type == 99 and not isinstance(old.event_type, EventType)
    assert old.event_type_description == "Something new"
    assert old.severity is EventSeverity.CRITICAL and old.source is EventSource.API
    assert old.session is not None and old.session.session_id == "s-1"
    assert (old.session.location.lac, old.session.location.ci) == ("1234", "5678")


def test_sms_events_and_the_older_format() -> None:
    mt, mo = decode_batch(json.dumps([MT_REPORT, MO_OLD])).records
    assert isinstance(mt, SmsDeliveryReport) and isinstance(mo, MoSms)
    assert mt.status is DeliveryStatus.DELIVERED
    assert mt.sms_id == "123" and mt.device.endpoint_name == "8988280666000000017"
    assert mo.submit_date == datetime.datetime(2018, 8, 17, 16, 31, 51, tzinfo=UTC)
    assert mo.source_address == "882285100000017"
    assert (mo.dcs, mo.pid) == (0, 0)
    assert mo.multi_part is not None and mo.multi_part.identifier == "42"


def test_a_bad_record_costs_only_itself() -> None:
    body = json.dumps([
        USAGE_NESTED,
        {"id": 5, "traffic_type_id": 5, "volume": {"total": "lots"}},
        "text",
        {"id": 7, "colour": "blue"},
        MO_OLD,
    ])
    batch = decode_batch(body)
    assert len(batch) == 5
    assert [r.id for r in batch.records] == ["4100000017", "9002"]
    assert [(r.index, r.id, r.field) for r in batch.rejected] == [
        (1, "5", "volume_total"),
        (2, None, "record"),
        (3, "7", "record"),
    ]
    assert str(batch.rejected[0]) == 'record 1 (id 5): field `volume_total`: expected a number, got "lots"'


def test_bodies_that_are_not_batches() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        decode_batch(b"[1,")
    with pytest.raises(ValueError, match="not an array"):
        decode_batch(b"42")
    with pytest.raises(TypeError):
        decode_batch(42)  # type: ignore[arg-type]
    assert len(decode_batch(json.dumps(USAGE_FLAT_V1)).records) == 1


def test_v2_auto_top_up_against_the_sandbox() -> None:
    with once_sdk.Sandbox(sims=2) as sb:
        client = sb.client()
        client.sims.auto_top_up([sb.iccids()[0]], enabled=True)
        req = [r for r in sb.requests() if r.path == "/v2/sims/autoTopup"]
        assert len(req) == 1 and req[0].status == 201
        assert json.loads(req[0].body) == {"enabled": True, "iccids": [sb.iccids()[0]]}
        with pytest.raises(once_sdk.ValidationError):
            client.sims.auto_top_up([], enabled=True)
        with pytest.raises(once_sdk.ValidationError):
            client.sims.auto_top_up(["12ab"], enabled=True)
        assert sb.stats().requests_to("POST", "/v2/sims/autoTopup") == 1


async def test_v2_auto_top_up_async() -> None:
    with once_sdk.Sandbox(sims=1) as sb:
        await sb.async_client().sims.auto_top_up(sb.iccids(), enabled=False)
        assert sb.stats().requests_to("POST", "/v2/sims/autoTopup") == 1
