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
    Platform,
    QuotaDetail,
    RatType,
    RegionalPool,
    SmsDeliveryReport,
    TrafficType,
    UnreadField,
    UsageRecord,
    Volume,
    VpnDetail,
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
    # An optional field that cannot be read keeps its record, listed in `unread`.
    assert [r.id for r in batch.records] == ["4100000017", "5", "9002"]
    lots = batch.records[1]
    assert isinstance(lots, UsageRecord) and lots.volume.total is None
    assert lots.unread == [UnreadField("volume_total", 'expected a number, got "lots"')]
    assert lots.raw == {"id": 5, "traffic_type_id": 5, "volume": {"total": "lots"}}
    assert batch.records[0].unread == [] and batch.records[2].unread == []
    assert [(r.index, r.id, r.field) for r in batch.rejected] == [
        (2, None, "record"),
        (3, "7", "record"),
    ]
    assert str(batch.rejected[0]) == "record 2: field `record`: expected a JSON object, got a string"


def test_a_rejected_record_keeps_its_text_as_sent() -> None:
    # Spacing, key order and number spelling are kept as 1NCE sent them.
    odd = '{ "colour":"blue",  "id": 7, "n": 1.50E+1 }'
    body = '[ {"id": 1, "traffic_type_id": 5},' + odd + ', "text" ,{"traffic_type_id": 5}]'
    batch = decode_batch(body)
    assert [r.index for r in batch.rejected] == [1, 2, 3]
    assert [r.raw for r in batch.rejected] == [odd, '"text"', '{"traffic_type_id": 5}']
    assert [r.field for r in batch.rejected] == ["record", "record", "id"]
    assert json.loads(batch.rejected[0].raw) == {"colour": "blue", "id": 7, "n": 15.0}
    # The text is not part of the record's equality or repr.
    assert "colour" not in repr(batch.rejected[0])


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


def event_v2(severity: object, event_type: int = 3, detail: object = None, rid: int = 1) -> dict[str, object]:
    """A Platform 2.0 event as 1NCE nests it; `detail` None sends none."""
    e: dict[str, object] = {
        "id": rid, "timestamp": "2026-12-01T10:00:00.000Z",
        "event_type": {"id": event_type, "description": "..."},
        "event_severity": severity, "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": True,
        "sim": {"id": 500021, "iccid": "8988280666000000021", "msisdn": "882285100000021"},
    }
    if detail is not None:
        e["detail"] = detail
    return e


def only_event(body: str, platform: str | None = None) -> EventRecord:
    records = decode_batch(body, platform=platform).records
    assert len(records) == 1 and isinstance(records[0], EventRecord)
    return records[0]


def test_platform_2_severities() -> None:
    # A description settles the id on any platform setting: 2 WARN is a WARNING.
    for platform in (None, "detect", "platform1", "platform2"):
        e = only_event(json.dumps([event_v2({"id": 2, "description": "WARN"})]), platform)
        assert e.severity is EventSeverity.WARNING, platform
        assert (e.severity_id, e.severity_ambiguous) == (2, False)
    # Id 2 alone: the platform decides.
    bare = json.dumps([event_v2({"id": 2})])
    e = only_event(bare, "platform2")
    assert (e.severity, e.severity_id, e.severity_ambiguous) == (EventSeverity.WARNING, 2, False)
    assert e.platform is Platform.PLATFORM2
    e = only_event(bare, "platform1")
    assert (e.severity, e.severity_id, e.platform) == (EventSeverity.CRITICAL, 2, Platform.PLATFORM1)
    assert e.severity == 4
    # Detect with nothing to tell: not guessed.
    batch = decode_batch(bare)
    e = batch.records[0]
    assert isinstance(e, EventRecord)
    assert (e.severity, e.severity_id, e.severity_ambiguous, e.platform) == (None, 2, True, None)
    assert batch.platform is None
    assert decode_batch(bare, platform=Platform.DETECT).records == batch.records
    # ... until another record of the batch shows Platform 2.0.
    shown = event_v2({"id": 0}, 3, {"pdp_context": {"ipcan_session_id": "u-1"}}, rid=2)
    batch = decode_batch(json.dumps([event_v2({"id": 2}), shown]))
    e = batch.records[0]
    assert isinstance(e, EventRecord)
    assert (e.severity, e.severity_ambiguous, e.platform) == (EventSeverity.WARNING, False, Platform.PLATFORM2)
    assert batch.platform is Platform.PLATFORM2 and batch.platform == "platform2"
    # 3 and 4 exist only on Platform 2.0: ERROR and CRITICAL, on the same scale.
    e = only_event(json.dumps([event_v2({"id": 3})]))
    assert (e.severity, e.platform) == (EventSeverity.ERROR, Platform.PLATFORM2)
    assert only_event(json.dumps([event_v2({"id": 4})])).severity is EventSeverity.CRITICAL
    assert [m.value for m in EventSeverity] == [0, 1, 3, 4]
    # An id no platform has: None, the id kept, not ambiguous.
    e = only_event(json.dumps([event_v2({"id": 9})]), "platform2")
    assert (e.severity, e.severity_id, e.severity_ambiguous) == (None, 9, False)


def test_platform_must_be_one_the_decoder_takes() -> None:
    # Checked before the body is read: the error names the argument, not the body.
    for bad in ("platform3", "PLATFORM2", "", 2):
        with pytest.raises(ValueError, match=r"platform must be None, 'platform1', 'platform2' or 'detect'"):
            decode_batch(b"{nope", platform=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not JSON"):
        decode_batch(b"{nope", platform="platform2")


def test_quota_pool_vpn_and_new_event_types() -> None:
    quota = {"quota": {"id": 31, "status": {"id": 2, "description": "EXHAUSTED"}, "volume": -0.75,
             "total_volume": 500, "accumulated_total_volume": 1000, "last_volume_added": 500,
             "service": "data", "threshold_percentage": 20, "threshold_volume": 100,
             "expiry_date": "2027-07-26T13:13:21Z", "created_at": "2024-08-24 13:13:21"}}
    pool = {"quota": {"id": 32, "volume": 10}, "regional_pool": {"id": 77, "name": "EU pool"}}
    vpn = {"vpn_id": 12, "region": "eu-central-1",
           "client": {"version": "2.6.8", "private_ip": "10.8.0.2", "public_ip": "203.0.113.7"}}
    pdp = {"id": 2, "name": "Telekom", "data_service_failure_cause": "QUOTA_EXHAUSTED",
           "country": {"id": 74, "name": "Germany", "mcc": "262", "iso_code": "de"},
           "pdp_context": {"rat_type": 6, "ipcan_session_id": "u-1", "region": "eu-central-1",
                           "gtp_v2_uli": {"tai": {"mcc": "262", "mnc": "01", "tac": "77"},
                                          "ecgi": {"eci": "1234567"}}}}
    body = json.dumps([
        event_v2({"id": 3, "description": "ERROR"}, 19, quota, rid=1),
        event_v2({"id": 1}, 100, pool, rid=2),
        event_v2({"id": 0}, 29, vpn, rid=3),
        event_v2({"id": 0}, 3, pdp, rid=4),
        *(event_v2({"id": 0}, t, rid=10 + t) for t in (42, 43, 61, 101, 102, 103, 121)),
    ])
    batch = decode_batch(body)
    assert batch.rejected == [] and batch.platform is Platform.PLATFORM2
    events = batch.records
    assert all(isinstance(e, EventRecord) for e in events)
    used_up, pooled, vpn_event, session = events[:4]
    assert isinstance(used_up, EventRecord) and isinstance(pooled, EventRecord)
    assert isinstance(vpn_event, EventRecord) and isinstance(session, EventRecord)
    assert used_up.event_type is EventType.DATA_QUOTA_USED_UP
    assert used_up.quota == QuotaDetail(
        31, "EXHAUSTED", 2, -0.75, 500.0, 1000.0, 500.0, "data", 20.0, 100.0,
        datetime.datetime(2027, 7, 26, 13, 13, 21, tzinfo=UTC),
        datetime.datetime(2024, 8, 24, 13, 13, 21, tzinfo=UTC),
    )
    assert used_up.quota.volume is not None and used_up.quota.volume < 0
    assert pooled.event_type is EventType.REGIONAL_POOL_QUOTA_100
    assert pooled.regional_pool == RegionalPool(77, "EU pool")
    assert pooled.quota is not None and pooled.quota.volume == 10.0
    assert vpn_event.event_type is EventType.OPENVPN_DISCONNECT
    assert vpn_event.vpn == VpnDetail(12, "eu-central-1", "2.6.8", "10.8.0.2", "203.0.113.7")
    assert session.failure_cause == "QUOTA_EXHAUSTED"
    assert session.operator is not None and session.operator.country_iso_code == "de"
    assert session.session is not None
    assert session.session.region == "eu-central-1"
    loc = session.session.location
    assert (loc.mcc, loc.tac, loc.eci, loc.gtp_uli) == ("262", "77", "1234567", "v2")
    assert (session.quota, session.vpn, session.regional_pool) == (None, None, None)
    assert [e.event_type for e in events[4:]] == [  # type: ignore[union-attr]
        EventType.ENDPOINT_ENABLED, EventType.ENDPOINT_DISABLED, EventType.SMS_QUOTA_EXPIRED,
        EventType.REGIONAL_POOL_QUOTA_101, EventType.REGIONAL_POOL_QUOTA_102,
        EventType.REGIONAL_POOL_QUOTA_103, EventType.ENDPOINT_DELETED,
    ]


USAGE_V2 = {
    "id": 5100000001, "start_timestamp": "2026-12-01T10:00:00.000Z",
    "end_timestamp": "2026-12-01T10:05:00.000Z", "imsi": "901405100000021", "imsi_id": 7000021,
    "organisation": {"id": 4567, "name": "81000000"},
    "traffic_type": {"id": 5, "description": "Data"},
    "sim": {"id": 500021, "iccid": "8988280666000000021", "msisdn": "882285100000021"},
    "volume": {"total": 1.5, "rx": 1.25, "tx": 0.25},
    "detail": {"pdp_context": {"rat_type": "EUTRAN-NB-IoT",
                               "ipcan_session_id": "9b2c1a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c"}},
    "quota_id": "6c1f7d2e-0a4b-4c5d-8e9f-0123456789ab",
}


def test_platform_2_usage_without_cost_with_rat_names_and_uuid_quota() -> None:
    nr = {**USAGE_V2, "id": 5100000002, "quota_id": 31,
          "detail": {"pdp_context": {"rat_type": "NR", "ipcan_session_id": "s-22"}}}
    odd = {**USAGE_V2, "id": 5100000003, "detail": {"pdp_context": {"rat_type": "6G-SAT"}}}
    batch = decode_batch(json.dumps([USAGE_V2, nr, odd]))
    assert batch.rejected == [] and batch.platform is Platform.PLATFORM2
    a, b, c = batch.records
    assert isinstance(a, UsageRecord) and isinstance(b, UsageRecord) and isinstance(c, UsageRecord)
    # Absent cost and currency are None, never 0.
    assert a.cost is None and a.currency is None
    assert a.volume == Volume(1.5, 0.25, 1.25)
    assert a.rat_type is RatType.NB_IOT
    assert a.quota_id == "6c1f7d2e-0a4b-4c5d-8e9f-0123456789ab"
    assert a.session_id == "9b2c1a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c"
    assert a.unread == []
    assert b.rat_type is RatType.NR and b.rat_type == 10
    assert b.quota_id == "31"
    # A name no release knows is kept as sent, as str.
    assert c.rat_type == "6G-SAT" and not isinstance(c.rat_type, RatType)
    # Cost sent as 0 stays 0.
    costed = decode_batch(json.dumps([{**USAGE_V2, "cost": 0, "currency": {"code": "EUR"}}])).records[0]
    assert isinstance(costed, UsageRecord) and (costed.cost, costed.currency) == (0.0, "EUR")
