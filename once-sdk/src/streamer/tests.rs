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
fn a_bad_record_costs_only_itself_and_is_kept_raw() {
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
    // Optional fields with values the SDK cannot read keep their record.
    assert_eq!(ids, ["4100000017", "5", "6", "4100000018"]);
    assert_eq!(batch.raw.len(), 4);
    assert_eq!(batch.raw[3].to_value()["session_id"], "abc-1");
    let unread = |i: usize| -> Vec<&str> {
        batch.records[i]
            .unread()
            .iter()
            .map(|e| e.field.as_str())
            .collect()
    };
    assert_eq!(unread(0), Vec::<&str>::new());
    assert_eq!(unread(1), ["volume_total"]);
    assert_eq!(unread(2), ["end_timestamp"]);
    assert_eq!(
        batch.raw[1].as_str(),
        r#"{"id":5,"traffic_type_id":5,"volume":{"total":"lots"}}"#
    );
    let got: Vec<(usize, Option<&str>, &str, &str)> = batch
        .rejected
        .iter()
        .map(|r| {
            (
                r.index,
                r.id.as_ref().map(RecordId::as_str),
                r.error.field.as_str(),
                r.raw.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, None, "record", r#""not an object""#),
            (4, None, "id", r#"{"traffic_type_id":5}"#),
            (5, Some("7"), "record", r#"{"colour":"blue","id":7}"#),
        ]
    );
    assert_eq!(
        batch.rejected[0].to_string(),
        "record 2: field `record`: expected a JSON object, got a string"
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
    assert!(decode_batch(b" [ ] \n").unwrap().is_empty());
    for bad in [
        &b"[{\"id\": 1, \"traffic_type_id\": 5}"[..],
        b"[{\"id\": 1, \"traffic_type_id\": 5},]",
        b"[{\"id\": 1, \"traffic_type_id\": 5}] x",
        b"\xef\xbb\xbf[]",
        b"",
        b"[{\"id\": 1} {\"id\": 2}]",
    ] {
        assert!(
            decode_batch(bad).is_err(),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    assert!(matches!(
        decode_batch(b"[\xff]"),
        Err(StreamBodyError::NotUtf8(_))
    ));
    let capped = DecodeOptions::new().max_records(2);
    let three = br#"[{"id":1,"traffic_type_id":5},{"id":2,"traffic_type_id":5},{"id":3,"traffic_type_id":5}]"#;
    assert!(matches!(
        decode_batch_with(three, &capped),
        Err(StreamBodyError::TooManyRecords { max: 2 })
    ));
    assert_eq!(
        decode_batch_with(&three[..], &DecodeOptions::new().max_records(3))
            .unwrap()
            .len(),
        3
    );
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

// Records written from the field lists of 1NCE's Platform 2.0 pages
// (../shared/streamer/DATA_STREAMER.md, "Platform 2.0"), in both layouts.

fn usage_v2_nested() -> Value {
    json!({"id": 5100000001u64, "start_timestamp": "2026-12-01T10:00:00.000Z",
     "end_timestamp": "2026-12-01T10:05:00.000Z", "imsi": "901405100000021", "imsi_id": 7000021,
     "organisation": {"id": 4567, "name": "81000000"},
     "operator": {"id": 2, "name": "Telekom", "mnc": "01", "country": {"id": 74, "mcc": "262", "name": "Germany"}},
     "tariff": {"id": 398, "name": "Production", "ratezone": {"id": 2067, "name": "Zone 2"}},
     "traffic_type": {"id": 5, "description": "Data"},
     "endpoint": {"id": 900021, "name": "meter-21", "ip_address": "10.20.0.21", "imei": "359800402978650"},
     "sim": {"id": 500021, "iccid": "8988280666000000021", "msisdn": "882285100000021"},
     "volume": {"total": 1.5, "rx": 1.25, "tx": 0.25},
     "detail": {"pdp_context": {"rat_type": "EUTRAN-NB-IoT", "ipcan_session_id": "9b2c1a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c"}},
     "quota_id": "6c1f7d2e-0a4b-4c5d-8e9f-0123456789ab"})
}

fn usage_v2_flat() -> Value {
    json!({"id": 5100000002u64, "start_timestamp": "2026-12-01T10:00:00.000Z",
     "end_timestamp": "2026-12-01T10:05:00.000Z", "traffic_type_id": 5, "traffic_type_description": "Data",
     "sim_iccid": "8988280666000000022", "volume_total": "2.0", "volume_rx": 1.0, "volume_tx": 1.0,
     "detail_pdp_context_rat_type": "NR", "detail_pdp_context_ipcan_session_id": "s-22",
     "quota_id": 31, "operator_country_mcc": "262"})
}

fn event_v2(severity: Value, event_type: i64, detail: Value) -> Value {
    json!({"id": 6100000000u64 + event_type as u64, "timestamp": "2026-12-01T10:00:00.000Z",
     "event_type": {"id": event_type, "description": "..."},
     "event_severity": severity, "event_source": {"id": 0, "description": "Network"},
     "organisation": {"id": 4567, "name": "81000000"}, "alert": true, "description": "...",
     "sim": {"id": 500021, "iccid": "8988280666000000021", "msisdn": "882285100000021"},
     "imsi": {"id": 7000021, "imsi": "901405100000021"},
     "endpoint": {"id": 900021, "name": "meter-21", "ip_address": "10.20.0.21", "imei": "359800402978650"},
     "detail": detail})
}

#[test]
fn platform_2_usage_in_mib_without_cost_and_with_new_values() {
    let body = serde_json::to_vec(&json!([usage_v2_nested(), usage_v2_flat()])).unwrap();
    let batch = decode_batch(&body).unwrap();
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    let [StreamRecord::Usage(a), StreamRecord::Usage(b)] = &batch.records[..] else {
        panic!("{:?}", batch.records)
    };
    assert_eq!(a.volume.total, Some(1.5));
    assert_eq!(a.volume.total_bytes(), Some(1.5 * 1_048_576.0));
    assert_eq!((a.cost, a.currency.as_deref()), (None, None));
    assert_eq!(a.rat_type, Some(RatType::NbIot));
    assert_eq!(
        a.quota_id.as_deref(),
        Some("6c1f7d2e-0a4b-4c5d-8e9f-0123456789ab")
    );
    assert_eq!(
        a.session_id.as_deref(),
        Some("9b2c1a9e-5b7d-4e21-9a0c-7d8e6f5a4b3c")
    );
    assert!(a.unread.is_empty());
    assert_eq!(b.rat_type, Some(RatType::Nr));
    assert_eq!(b.quota_id.as_deref(), Some("31"));
    assert_eq!(b.volume.total, Some(2.0));
    assert_eq!(batch.platform, Some(Platform::Platform2));
    // A name no release knows is kept, not rejected.
    let odd = br#"[{"id": 1, "traffic_type_id": 5, "rat_type": "6G-SAT"}]"#;
    let StreamRecord::Usage(u) = &decode_batch(odd).unwrap().records[0] else {
        panic!()
    };
    assert_eq!(u.rat_type, Some(RatType::UnknownName("6G-SAT".into())));
}

#[test]
fn severity_by_description_setting_and_detection() {
    let no_detail = json!({});
    let ev = |sev: Value| event_v2(sev, 4, no_detail.clone());
    let read = |records: Vec<Value>, platform: Platform| {
        let body = serde_json::to_vec(&records).unwrap();
        decode_batch_with(&body, &DecodeOptions::new().platform(platform))
            .unwrap()
            .records
            .into_iter()
            .map(|r| match r {
                StreamRecord::Event(e) => (e.severity, e.severity_id),
                other => panic!("{other:?}"),
            })
            .collect::<Vec<_>>()
    };
    use EventSeverity as S;
    // The description settles it on either setting.
    for p in [Platform::Platform1, Platform::Platform2, Platform::Detect] {
        assert_eq!(
            read(vec![ev(json!({"id": 2, "description": "WARN"}))], p),
            [(Some(S::Warning), Some(2))]
        );
        assert_eq!(
            read(vec![ev(json!({"id": 2, "description": "CRITICAL"}))], p),
            [(Some(S::Critical), Some(2))]
        );
    }
    // An id alone: the setting decides.
    assert_eq!(
        read(vec![ev(json!({"id": 2}))], Platform::Platform2),
        [(Some(S::Warning), Some(2))]
    );
    assert_eq!(
        read(vec![ev(json!({"id": 2}))], Platform::Platform1),
        [(Some(S::Critical), Some(2))]
    );
    // Detect with nothing to tell by: ambiguous, the id kept.
    assert_eq!(
        read(vec![ev(json!({"id": 2}))], Platform::Detect),
        [(Some(S::Ambiguous(2)), Some(2))]
    );
    // Detect: the record shows 2.0 (a 2.0-only event type, or 2.0 fields).
    let new_type = event_v2(json!({"id": 2}), 42, json!({}));
    assert_eq!(
        read(vec![new_type], Platform::Detect),
        [(Some(S::Warning), Some(2))]
    );
    let gtp = event_v2(
        json!({"id": 2}),
        1,
        json!({"pdp_context": {"gtp_v2_uli": {"tai": {"tac": "1"}}}}),
    );
    assert_eq!(
        read(vec![gtp], Platform::Detect),
        [(Some(S::Warning), Some(2))]
    );
    // Detect: a 1.0 record.
    let old = event_v2(
        json!({"id": 2}),
        3,
        json!({"session_id": "s-1", "pdp_context": {"ci": "1"}}),
    );
    assert_eq!(
        read(vec![old], Platform::Detect),
        [(Some(S::Critical), Some(2))]
    );
    // Detect: the batch tells for the record that shows nothing.
    let batch = vec![
        ev(json!({"id": 2})),
        event_v2(json!({"id": 0}), 121, json!({})),
    ];
    assert_eq!(
        read(batch, Platform::Detect),
        [(Some(S::Warning), Some(2)), (Some(S::Info), Some(0))]
    );
    // Detect: a batch that shows both platforms settles nothing.
    let mixed = vec![
        ev(json!({"id": 2})),
        event_v2(json!({"id": 0}), 121, json!({})),
        event_v2(json!({"id": 0}), 50, json!({})),
    ];
    assert_eq!(
        read(mixed, Platform::Detect)[0],
        (Some(S::Ambiguous(2)), Some(2))
    );
    // Platform 2.0's ERROR and CRITICAL.
    assert_eq!(
        read(
            vec![ev(json!({"id": 3})), ev(json!({"id": 4}))],
            Platform::Detect
        ),
        [(Some(S::Error), Some(3)), (Some(S::Critical), Some(4))]
    );
}

#[test]
fn platform_2_event_types_and_detail_objects() {
    let quota = json!({"quota": {"id": 1, "status": {"id": 0, "description": "EXHAUSTED"},
        "volume": -0.5, "total_volume": 100, "accumulated_total_volume": 150, "last_volume_added": 50,
        "service": "data", "threshold": {"x": 1}, "threshold_percentage": 20, "threshold_volume": 20,
        "expiry_date": "2027-07-26T13:13:21Z", "created_at": "2024-08-24 13:13:21"}});
    let pool =
        json!({"quota": {"id": 2, "volume": 10}, "regional_pool": {"id": 77, "name": "EU pool"}});
    let vpn = json!({"vpn_id": 12, "region": "eu-central-1",
        "client": {"version": "2.6.8", "private_ip": "10.8.0.2", "public_ip": "203.0.113.7"}});
    let location = json!({"id": 2, "name": "Telekom",
        "country": {"id": 74, "name": "Germany", "country_code": "49", "mcc": "262", "iso_code": "de"},
        "tapcode": [{"id": 1, "tapcode": "DEUD1"}, {"id": 2, "tapcode": "DEUD2"}],
        "mnc": [{"id": 1, "mnc": "01"}, {"id": 2, "mnc": "02"}],
        "update_location_failure_reason": "RAT_NOT_ALLOWED"});
    let pdp = json!({"id": 2, "name": "Telekom", "data_service_failure_cause": "QUOTA_EXHAUSTED",
        "pdp_context": {"rat_type": 6, "ipcan_session_id": "u-1", "region": "eu-central-1",
            "gtp_v1_uli": {"mcc": "262", "mnc": "01", "lac": 1234, "ci": 5678}}});
    let records = vec![
        event_v2(json!({"id": 1, "description": "WARN"}), 19, quota),
        event_v2(json!({"id": 1}), 100, pool),
        event_v2(json!({"id": 0}), 29, vpn),
        event_v2(json!({"id": 3}), 1, location),
        event_v2(json!({"id": 3}), 3, pdp),
        event_v2(json!({"id": 0}), 42, json!({})),
        event_v2(json!({"id": 0}), 43, json!({})),
        event_v2(json!({"id": 0}), 61, json!({})),
        event_v2(json!({"id": 0}), 101, json!({})),
        event_v2(json!({"id": 0}), 102, json!({})),
        event_v2(json!({"id": 0}), 103, json!({})),
        event_v2(json!({"id": 4}), 121, json!({})),
    ];
    let batch = decode_batch(&serde_json::to_vec(&records).unwrap()).unwrap();
    assert!(batch.rejected.is_empty(), "{:?}", batch.rejected);
    let events: Vec<&EventRecord> = batch
        .records
        .iter()
        .map(|r| match r {
            StreamRecord::Event(e) => e,
            other => panic!("{other:?}"),
        })
        .collect();
    let types: Vec<EventType> = events.iter().map(|e| e.event_type).collect();
    use EventType as T;
    assert_eq!(
        types,
        [
            T::DataQuotaUsedUp,
            T::RegionalPoolQuota100,
            T::OpenVpnDisconnect,
            T::UpdateLocation,
            T::CreatePdpContext,
            T::EndpointEnabled,
            T::EndpointDisabled,
            T::SmsQuotaExpired,
            T::RegionalPoolQuota101,
            T::RegionalPoolQuota102,
            T::RegionalPoolQuota103,
            T::EndpointDeleted,
        ]
    );
    let q = events[0].quota.as_ref().unwrap();
    assert_eq!(q.volume, Some(-0.5));
    assert_eq!(q.status.as_deref(), Some("EXHAUSTED"));
    assert_eq!(
        (
            q.total_volume,
            q.accumulated_total_volume,
            q.last_volume_added
        ),
        (Some(100.0), Some(150.0), Some(50.0))
    );
    assert_eq!(
        (q.threshold_percentage, q.threshold_volume),
        (Some(20.0), Some(20.0))
    );
    assert_eq!(q.service.as_deref(), Some("data"));
    // Both date forms of one stream.
    assert_eq!(
        q.expiry_date.unwrap().to_rfc3339(),
        "2027-07-26T13:13:21+00:00"
    );
    assert_eq!(
        q.created_at.unwrap().to_rfc3339(),
        "2024-08-24T13:13:21+00:00"
    );
    let p = events[1].regional_pool.as_ref().unwrap();
    assert_eq!((p.id, p.name.as_deref()), (Some(77), Some("EU pool")));
    assert_eq!(events[1].quota.as_ref().unwrap().volume, Some(10.0));
    let v = events[2].vpn.as_ref().unwrap();
    assert_eq!(
        (
            v.vpn_id,
            v.region.as_deref(),
            v.client_version.as_deref(),
            v.client_public_ip.as_deref()
        ),
        (
            Some(12),
            Some("eu-central-1"),
            Some("2.6.8"),
            Some("203.0.113.7")
        )
    );
    let loc = events[3];
    assert_eq!(loc.network_codes, ["01", "02"]);
    assert_eq!(loc.tap_codes, ["DEUD1", "DEUD2"]);
    assert_eq!(loc.failure_cause.as_deref(), Some("RAT_NOT_ALLOWED"));
    assert_eq!(
        loc.operator.as_ref().unwrap().country_iso_code.as_deref(),
        Some("de")
    );
    assert_eq!(loc.severity, Some(EventSeverity::Error));
    let pdp = events[4];
    assert_eq!(pdp.failure_cause.as_deref(), Some("QUOTA_EXHAUSTED"));
    let s = pdp.session.as_ref().unwrap();
    assert_eq!(
        (s.location.lac.as_deref(), s.location.ci.as_deref()),
        (Some("1234"), Some("5678"))
    );
    assert_eq!(s.location.gtp_uli.as_deref(), Some("v1"));
    assert_eq!(s.region.as_deref(), Some("eu-central-1"));
    assert_eq!(s.session_id.as_deref(), Some("u-1"));
    assert_eq!(events[11].severity, Some(EventSeverity::Critical));
    // The flat layout of the same quota event reads the same.
    let flat = json!([{"id": 1, "event_type_id": 19, "event_severity_id": 1,
        "detail_quota_volume": "-0.5", "detail_quota_status_description": "EXHAUSTED"}]);
    let b = decode_batch(&serde_json::to_vec(&flat).unwrap()).unwrap();
    let StreamRecord::Event(e) = &b.records[0] else {
        panic!()
    };
    assert_eq!(e.quota.as_ref().unwrap().volume, Some(-0.5));
}

#[test]
fn platform_2_sms_events_with_both_date_forms() {
    let body = json!([
        {"id": 9101, "submit_date": "2024-12-16 07:01:00", "final_date": "2024-12-16T07:01:04.000Z",
         "endpoint": {"id": 1, "name": "8988280666000000021"}, "organisation": {"id": 4567},
         "status": {"id": 5}, "detail": {"sms": {"id": "771"}}},
        {"id": 9102, "submit_date": "2024-12-16 07:02:00", "payload": "hi", "dest_address": "1234",
         "source_address": "882285100000021", "dcs": 0, "pid": 0,
         "endpoint": {"id": 1, "name": "8988280666000000021"}}
    ]);
    let batch = decode_batch(&serde_json::to_vec(&body).unwrap()).unwrap();
    let [StreamRecord::SmsDeliveryReport(mt), StreamRecord::MoSms(mo)] = &batch.records[..] else {
        panic!("{batch:?}")
    };
    assert_eq!(mt.status, DeliveryStatus::Failed);
    assert_eq!(
        mt.submit_date.unwrap().to_rfc3339(),
        "2024-12-16T07:01:00+00:00"
    );
    assert_eq!(
        mt.final_date.unwrap().to_rfc3339(),
        "2024-12-16T07:01:04+00:00"
    );
    assert_eq!(
        mo.source_address.as_ref().unwrap().as_str(),
        "882285100000021"
    );
    assert_eq!(
        mo.submit_date.unwrap().to_rfc3339(),
        "2024-12-16T07:02:00+00:00"
    );
}

#[test]
fn raw_records_are_the_bytes_sent() {
    let body = b"[ {\"id\": 1, \"traffic_type_id\": 5, \"x\": \"caf\\u00e9\"} ,\n{\"id\":2,\"traffic_type_id\":6} ]";
    let batch = decode_batch(body).unwrap();
    assert_eq!(
        batch.raw[0].as_str(),
        "{\"id\": 1, \"traffic_type_id\": 5, \"x\": \"caf\\u00e9\"}"
    );
    assert_eq!(batch.raw[1].as_str(), "{\"id\":2,\"traffic_type_id\":6}");
    assert_eq!(batch.raw[0].to_value()["x"], "café");
    assert_eq!(
        serde_json::to_string(&batch.raw[1]).unwrap(),
        "{\"id\":2,\"traffic_type_id\":6}"
    );
}

#[test]
fn rejected_records_have_stable_keys_by_id_and_text() {
    let body = br#"[{"id": 7, "colour": "blue"}, {"id": 7, "colour": "blue"}, {"id": 7, "colour": "red"}, {"x": 1}]"#;
    let batch = decode_batch(body).unwrap();
    let keys: Vec<String> = batch.rejected.iter().map(|r| r.key().to_string()).collect();
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[0], keys[2]);
    assert!(keys[0].starts_with("rejected:7#"), "{}", keys[0]);
    assert!(keys[3].starts_with("rejected:#"), "{}", keys[3]);
    // FNV-1a of the text (computed apart, in Python): the same on every
    // machine and release.
    assert_eq!(keys[3], "rejected:#072147564ddd78ae");
}
