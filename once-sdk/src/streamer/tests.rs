use super::*;
use serde_json::json;

fn usage_nested() -> Value {
    json!({"id": 4100000017u64, "start_timestamp": "2026-11-20T08:00:00Z",
     "end_timestamp": "2026-11-20T08:14:10Z",
     "traffic_type": {"id": 5, "description": "Data"},
     "volume": {"total": 0.734, "tx": 0.112, "rx": 0.622}, "cost": 0.734,
     "imsi": "901405100000017", "imsi_id": 7000017,
     "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017",
             "production_date": "2025-03-01T10:00:00Z"},
     "endpoint": {"id": 900017, "name": "pump-17", "ip_address": "10.20.0.17",
                  "imei": "3598004029786504", "tags": null, "balance": null},
     "organisation": {"id": 4567, "name": "81000000"},
     "operator": {"id": 2, "name": "Telekom", "mnc": "01",
                  "country": {"id": 74, "mcc": "262", "name": "Germany"}},
     "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
     "ipcan_session_id": "3f1c2a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c", "rat_type": 6})
}

fn usage_flat_v1() -> Value {
    json!({"id": "4100000018", "start_timestamp": "2026-11-20T08:00:00.000+0000",
     "end_timestamp": "2026-11-20 08:10:00", "traffic_type_id": 6,
     "traffic_type_description": "SMS", "volume_total": "1", "volume_tx": 1, "volume_rx": 0,
     "cost": "0.01", "currency_id": 1, "currency_code": "EUR",
     "sim_iccid": "8988280666000000018", "sim_msisdn": "882285100000018",
     "imsi": "901405100000018", "endpoint_imei": "359800402978650",
     "operator_id": 2, "operator_country_mcc": "262", "operator_mnc": "01",
     "tariff_ratezone_id": 2067, "session_id": "abc-1", "organisation_id": 4567})
}

#[test]
fn usage_in_both_layouts_and_platform_names() {
    let a = StreamRecord::from_json(&usage_nested()).unwrap();
    let StreamRecord::Usage(u) = a else {
        panic!("{a:?}")
    };
    assert_eq!(u.id.as_u64(), Some(4100000017));
    assert_eq!(u.traffic_type, TrafficType::Data);
    assert_eq!(u.volume, Volume::new(Some(0.734), Some(0.112), Some(0.622)));
    assert_eq!(
        u.device.iccid.as_ref().unwrap().as_str(),
        "8988280666000000017"
    );
    assert_eq!(u.device.imsi.as_ref().unwrap().as_str(), "901405100000017");
    assert_eq!(u.device.imsi_id, Some(7000017));
    assert_eq!(u.device.imei.as_ref().unwrap().as_str(), "3598004029786504");
    assert_eq!(u.device.organisation_id, Some(4567));
    assert_eq!(
        u.session_id.as_deref(),
        Some("3f1c2a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c")
    );
    assert_eq!(u.rat_type, Some(RatType::Eutran));
    assert_eq!(u.ratezone_id, Some(2067));
    let op = u.operator.as_ref().unwrap();
    assert_eq!(
        (op.mcc.as_deref(), op.mnc.as_deref()),
        (Some("262"), Some("01"))
    );
    assert_eq!(u.day().unwrap().to_string(), "2026-11-20");

    let b = StreamRecord::from_json(&usage_flat_v1()).unwrap();
    let StreamRecord::Usage(u) = b else {
        panic!("{b:?}")
    };
    assert_eq!(u.id.as_str(), "4100000018");
    assert_eq!(u.traffic_type, TrafficType::Sms);
    assert_eq!(u.volume.total, Some(1.0));
    assert_eq!(u.cost, Some(0.01));
    assert_eq!(u.currency.as_deref(), Some("EUR"));
    assert_eq!(u.end.unwrap().to_rfc3339(), "2026-11-20T08:10:00+00:00");
    assert_eq!(u.session_id.as_deref(), Some("abc-1"));
    assert_eq!(
        u.device.msisdn.as_ref().unwrap().as_str(),
        "882285100000018"
    );
    assert_eq!(u.operator.unwrap().mcc.as_deref(), Some("262"));
}

#[test]
fn events_platform_1_nested_and_2_flat() {
    let v1 = json!({"id": 77, "timestamp": "2026-11-20T08:00:01.000+0000",
        "event_type": {"id": 3, "description": "Create PDP Context"},
        "event_severity": {"id": 0, "description": "INFO"},
        "event_source": {"id": 0, "description": "Network"},
        "organisation": {"id": 4567, "name": "81000000"}, "alert": false,
        "description": "PDP Context created", "user": null,
        "imsi": {"id": 7000017, "imsi": "901405100000017", "import_date": "2025-03-01T10:00:00Z"},
        "sim": {"id": 500017, "iccid": "8988280666000000017", "msisdn": "882285100000017"},
        "endpoint": {"id": 900017, "name": "pump-17", "imei": "3598004029786504", "tags": null},
        "detail": {"id": 2, "name": "Telekom", "country": {"id": 74, "mcc": "262", "name": "Germany"},
                   "session_id": "s-1",
                   "volume": {"rx": 0.5, "tx": 0.25, "total": 0.75},
                   "pdp_context": {"pdp_context_id": "1", "gtp_version": "1", "apn": "iot.1nce.net",
                                   "ue_ip_address": "10.0.0.1", "lac": "1234", "ci": "5678",
                                   "rat_type": "1", "tariff_id": "398"}}});
    let v2 = json!({"id": "78", "timestamp": "2026-11-20T08:00:01Z",
        "event_type_id": 1, "event_type_description": "Update location",
        "event_severity_id": "1", "event_source_id": 99, "alert": "true",
        "sim_iccid": "8988280666000000017", "imsi_imsi": "901405100000017",
        "detail_pdp_context_ipcan_session_id": "3f1c2a9e",
        "detail_pdp_context_gtp_v1_uli_ci": "5679", "detail_pdp_context_gtp_v1_uli_lac": 1235,
        "detail_pdp_context_gtp_v2_uli_tai_tac": "77",
        "detail_pdp_context_rat_type": 8, "detail_mnc": ["01", "02"], "detail_tapcode": ["DEUD1"],
        "detail_new_thing": {"x": 1}});
    let StreamRecord::Event(a) = StreamRecord::from_json(&v1).unwrap() else {
        panic!()
    };
    assert_eq!(a.event_type, EventType::CreatePdpContext);
    assert_eq!(a.severity, Some(EventSeverity::Info));
    assert_eq!(a.source, Some(EventSource::Network));
    assert_eq!(a.alert, Some(false));
    assert_eq!(a.device.imsi.as_ref().unwrap().as_str(), "901405100000017");
    assert_eq!(a.volume.unwrap().total, Some(0.75));
    let s = a.session.unwrap();
    assert_eq!(s.session_id.as_deref(), Some("s-1"));
    assert_eq!(
        (s.location.lac.as_deref(), s.location.ci.as_deref()),
        (Some("1234"), Some("5678"))
    );
    assert_eq!(s.rat_type, Some(RatType::Utran));
    assert_eq!(s.apn.as_deref(), Some("iot.1nce.net"));
    assert_eq!(a.operator.unwrap().name.as_deref(), Some("Telekom"));

    let StreamRecord::Event(b) = StreamRecord::from_json(&v2).unwrap() else {
        panic!()
    };
    assert_eq!(b.event_type, EventType::UpdateLocation);
    assert_eq!(b.severity, Some(EventSeverity::Warning));
    assert_eq!(b.source, Some(EventSource::Unknown(99)));
    assert_eq!(b.alert, Some(true));
    let s = b.session.unwrap();
    assert_eq!(s.session_id.as_deref(), Some("3f1c2a9e"));
    assert_eq!(s.location.ci.as_deref(), Some("5679"));
    assert_eq!(s.location.lac.as_deref(), Some("1235"));
    assert_eq!(s.location.tac.as_deref(), Some("77"));
    assert_eq!(s.rat_type, Some(RatType::NbIot));
    assert_eq!(b.network_codes, ["01", "02"]);
    assert_eq!(b.tap_codes, ["DEUD1"]);
}

#[test]
fn sms_events_new_and_old_format() {
    let mt = json!({"id": 9001, "submit_date": "2026-11-20T08:00:00Z", "final_date": "2026-11-20T08:00:04Z",
        "organisation": {"id": 4567}, "endpoint": {"id": 900017, "name": "8988280666000000017"},
        "status": {"id": 4, "status": "DELIVERED"}, "detail": {"sms": {"id": "123"}}});
    let mo_old = json!({"id": 9002, "submit_date": "2018-08-17 16:31:51", "payload": "hello",
        "dest_address": "882285100000017", "dcs": 0, "pid": "0",
        "endpoint": {"id": 900017, "name": "8988280666000000017"}, "organisation": {"id": 4567},
        "multi_part_info": {"partno": 1, "total": 2, "identifier": 42}});
    let StreamRecord::SmsDeliveryReport(r) = StreamRecord::from_json(&mt).unwrap() else {
        panic!()
    };
    assert_eq!(r.status, DeliveryStatus::Delivered);
    assert_eq!(r.status_id, Some(4));
    assert_eq!(r.sms_id.as_deref(), Some("123"));
    assert_eq!(
        r.device.endpoint_name.as_deref(),
        Some("8988280666000000017")
    );
    assert_eq!(
        r.final_date.unwrap().to_rfc3339(),
        "2026-11-20T08:00:04+00:00"
    );
    let StreamRecord::MoSms(m) = StreamRecord::from_json(&mo_old).unwrap() else {
        panic!()
    };
    assert_eq!(
        m.submit_date.unwrap().to_rfc3339(),
        "2018-08-17T16:31:51+00:00"
    );
    assert_eq!(m.source_address.unwrap().as_str(), "882285100000017");
    assert_eq!(m.payload.as_deref(), Some("hello"));
    assert_eq!((m.dcs, m.pid), (Some(0), Some(0)));
    let mp = m.multi_part.unwrap();
    assert_eq!(
        (mp.part, mp.total, mp.identifier.as_deref()),
        (Some(1), Some(2), Some("42"))
    );
}

#[test]
fn a_bad_record_costs_only_itself() {
    let body = serde_json::to_vec(&json!([
        usage_nested(),
        {"id": 5, "traffic_type_id": 5, "volume": {"total": "lots"}},
        "not an object",
        {"id": 6, "traffic_type_id": 5, "end_timestamp": "yesterday"},
        {"traffic_type_id": 5},
        {"id": 7, "colour": "blue"},
        usage_flat_v1(),
    ]))
    .unwrap();
    let batch = decode_batch(&body).unwrap();
    assert_eq!(batch.len(), 7);
    let ids: Vec<&str> = batch.records.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(ids, ["4100000017", "4100000018"]);
    assert_eq!(batch.raw.len(), 2);
    assert_eq!(batch.raw[1]["session_id"], "abc-1");
    let got: Vec<(usize, Option<&str>, &str)> = batch
        .rejected
        .iter()
        .map(|r| {
            (
                r.index,
                r.id.as_ref().map(RecordId::as_str),
                r.error.field.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, Some("5"), "volume_total"),
            (2, None, "record"),
            (3, Some("6"), "end_timestamp"),
            (4, None, "id"),
            (5, Some("7"), "record"),
        ]
    );
    assert_eq!(
        batch.rejected[0].to_string(),
        "record 1 (id 5): field `volume_total`: expected a number, got \"lots\""
    );
}

#[test]
fn bodies_that_are_not_batches() {
    assert!(matches!(
        decode_batch(b"[1,"),
        Err(StreamBodyError::NotJson(_))
    ));
    assert!(matches!(
        decode_batch(b"42"),
        Err(StreamBodyError::NotAnArray("a number"))
    ));
    let one = decode_batch(&serde_json::to_vec(&usage_nested()).unwrap()).unwrap();
    assert_eq!(one.records.len(), 1);
    assert!(decode_batch(b"[]").unwrap().is_empty());
}

#[test]
fn records_serialize_with_their_kind() {
    let r = StreamRecord::from_json(&usage_nested()).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["kind"], "usage");
    assert_eq!(v["id"], "4100000017");
    assert_eq!(v["traffic_type"], 5);
    assert_eq!(v["iccid"], "8988280666000000017");
    assert_eq!(r.key().to_string(), "usage:4100000017");
}
