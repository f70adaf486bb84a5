//! What the sandbox streams is Platform 2.0, as once-sdk's decoder reads it.

use std::time::Duration;

use once_sandbox::{Sandbox, StreamConfig};
use once_sdk::streamer::{
    decode_batch, decode_batch_with, DecodeOptions, EventRecord, EventSeverity, EventType,
    Platform, RatType, StreamBatch, StreamRecord, UsageRecord,
};
use once_sdk::{RateLimits, SimStatus};
use serde_json::Value;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..2000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Every body the webhook received.
async fn bodies(hook: &MockServer) -> Vec<Vec<u8>> {
    hook.received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.body)
        .collect()
}

fn events(batches: &[StreamBatch]) -> Vec<&EventRecord> {
    batches
        .iter()
        .flat_map(|b| &b.records)
        .filter_map(|r| match r {
            StreamRecord::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn the_event(events: &[&EventRecord], t: EventType) -> EventRecord {
    let found: Vec<&&EventRecord> = events.iter().filter(|e| e.event_type == t).collect();
    assert_eq!(found.len(), 1, "one {t:?} event expected: {events:#?}");
    (*found[0]).clone()
}

/// Runs traffic that makes every kind of 2.0 event the sandbox has, and
/// returns the bodies the webhook got.
async fn stream_traffic() -> Vec<Vec<u8>> {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    let sandbox = Sandbox::builder().sims(2).seed(7).start().await.unwrap();
    let client = sandbox
        .client_builder()
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();
    let ids = sandbox.iccids();
    sandbox.stream_to(StreamConfig::new(hook.uri(), "Basic eA==").interval(Duration::from_secs(1)));
    // Data: under the threshold (20 % of 500 MiB), then used up.
    let left = sandbox.consume_data(&ids[0], 0.0).unwrap();
    sandbox.consume_data(&ids[0], left - 10.0).unwrap();
    sandbox.consume_data(&ids[0], 50.0).unwrap();
    // SMS: under the threshold (20 % of 250), then used up.
    let left = sandbox.consume_sms(&ids[1], 0).unwrap();
    sandbox.consume_sms(&ids[1], left as u32 - 10).unwrap();
    sandbox.consume_sms(&ids[1], 20).unwrap();
    // A session ends and a new one starts (location update, PDP context).
    sandbox.set_online(&ids[1], false).unwrap();
    sandbox.set_online(&ids[1], true).unwrap();
    // The endpoint is disabled and enabled through the API (enabled first:
    // a tenth of the fleet starts disabled).
    for status in [SimStatus::Enabled, SimStatus::Disabled, SimStatus::Enabled] {
        client
            .sims()
            .update(&ids[1])
            .status(status)
            .send()
            .await
            .unwrap();
    }
    // No 2.0 event type for a reset: nothing streamed for it.
    client.sims().reset(&ids[1]).await.unwrap();
    sandbox.flush_stream();
    wait_for("delivery", || {
        let s = sandbox.stream_stats();
        s.pending == 0 && s.records_delivered == sandbox.streamed_records().len() as u64
    })
    .await;
    bodies(&hook).await
}

#[tokio::test]
async fn the_stream_decodes_as_platform_2_with_its_severities() {
    let bodies = stream_traffic().await;
    assert!(!bodies.is_empty());
    let batches: Vec<StreamBatch> = bodies.iter().map(|b| decode_batch(b).unwrap()).collect();
    for b in &batches {
        assert!(b.rejected.is_empty(), "{:?}", b.rejected);
        assert_eq!(b.platform, Some(Platform::Platform2));
    }
    let events = events(&batches);
    // Every event reads as written by 2.0; an id 2 is a WARN, never CRITICAL.
    for e in &events {
        assert_eq!(e.platform, Some(Platform::Platform2), "{e:?}");
        assert!(e.unread.is_empty(), "{e:?}");
        if e.severity_id == Some(2) {
            assert_eq!(e.severity, Some(EventSeverity::Warning), "{e:?}");
        }
    }
    let threshold = the_event(&events, EventType::DataQuotaThresholdReached);
    assert_eq!(
        (threshold.severity, threshold.severity_id),
        (Some(EventSeverity::Warning), Some(2))
    );
    let q = threshold.quota.expect("detail.quota");
    assert_eq!(q.service.as_deref(), Some("data"));
    assert_eq!(q.status.as_deref(), Some("THRESHOLD_REACHED"));
    assert_eq!(q.volume, Some(10.0));
    assert_eq!(
        (q.threshold_percentage, q.total_volume),
        (Some(20.0), Some(500.0))
    );
    assert_eq!(q.threshold_volume, Some(100.0));
    assert!(q.id.is_some() && q.expiry_date.is_some() && q.created_at.is_some());
    let used_up = the_event(&events, EventType::DataQuotaUsedUp);
    assert_eq!(
        (used_up.severity, used_up.severity_id),
        (Some(EventSeverity::Critical), Some(4))
    );
    let q = used_up.quota.expect("detail.quota");
    assert_eq!(
        (q.status.as_deref(), q.volume),
        (Some("EXHAUSTED"), Some(0.0))
    );
    let sms_threshold = the_event(&events, EventType::SmsQuotaThresholdReached);
    assert_eq!(sms_threshold.severity, Some(EventSeverity::Warning));
    assert_eq!(sms_threshold.quota.unwrap().service.as_deref(), Some("sms"));
    let sms_used_up = the_event(&events, EventType::SmsQuotaUsedUp);
    assert_eq!(
        (sms_used_up.severity, sms_used_up.severity_id),
        (Some(EventSeverity::Error), Some(3))
    );
    let disabled = the_event(&events, EventType::EndpointDisabled);
    assert_eq!(
        (disabled.severity, disabled.severity_id),
        (Some(EventSeverity::Warning), Some(1))
    );
    let enabled: Vec<&&EventRecord> = events
        .iter()
        .filter(|e| e.event_type == EventType::EndpointEnabled)
        .collect();
    assert!(!enabled.is_empty());
    assert!(enabled
        .iter()
        .all(|e| e.severity == Some(EventSeverity::Info)));
    assert!(events.iter().all(|e| !matches!(
        e.event_type,
        EventType::Generic | EventType::SimActivation | EventType::SimSuspension
    )));
    // The session's location is GTPv2 user location information.
    let created = the_event(&events, EventType::CreatePdpContext);
    let session = created.session.expect("detail.pdp_context");
    assert_eq!(session.rat_type, Some(RatType::Eutran));
    assert!(session.session_id.is_some());
    let loc = &session.location;
    assert_eq!(loc.gtp_uli.as_deref(), Some("v2"));
    assert_eq!(
        (loc.tac.as_deref(), loc.eci.as_deref(), loc.mcc.as_deref()),
        (Some("1234"), Some("5678"), Some("262"))
    );
    assert_eq!((loc.lac.as_deref(), loc.ci.as_deref()), (None, None));
    let location = the_event(&events, EventType::UpdateLocation);
    assert_eq!(location.network_codes, ["01"]);
    assert_eq!(
        location.operator.unwrap().country_iso_code.as_deref(),
        Some("de")
    );

    // Usage as 2.0 sends it: no cost or currency, quota and session ids.
    let usage: Vec<&UsageRecord> = batches
        .iter()
        .flat_map(|b| &b.records)
        .filter_map(|r| match r {
            StreamRecord::Usage(u) => Some(u),
            _ => None,
        })
        .collect();
    assert!(usage.len() >= 6, "{usage:#?}");
    for u in &usage {
        assert_eq!((u.cost, u.currency.as_deref()), (None, None), "{u:?}");
        assert!(u.quota_id.is_some() && u.unread.is_empty(), "{u:?}");
    }
    let data: Vec<&&UsageRecord> = usage.iter().filter(|u| u.session_id.is_some()).collect();
    assert_eq!(data.len(), 3, "the three data records carry the session");
    assert!(data.iter().all(|u| u.rat_type == Some(RatType::Eutran)));
    assert_eq!(data[2].volume.total, Some(10.0), "used up: what was left");
}

#[tokio::test]
async fn records_show_their_platform_without_severity_descriptions() {
    let bodies = stream_traffic().await;
    // The same bodies with every severity description taken out: the id
    // alone must still read as 2.0 numbers it, from what the records show.
    let stripped: Vec<Vec<u8>> = bodies
        .iter()
        .map(|b| {
            let mut v: Value = serde_json::from_slice(b).unwrap();
            for r in v.as_array_mut().unwrap() {
                if let Some(s) = r.get_mut("event_severity").and_then(Value::as_object_mut) {
                    assert!(s.remove("description").is_some());
                }
            }
            serde_json::to_vec(&v).unwrap()
        })
        .collect();
    let read = |platform: Platform| -> Vec<(EventType, Option<EventSeverity>)> {
        let options = DecodeOptions::new().platform(platform);
        let batches: Vec<StreamBatch> = stripped
            .iter()
            .map(|b| decode_batch_with(b, &options).unwrap())
            .collect();
        events(&batches)
            .iter()
            .filter(|e| e.severity_id == Some(2))
            .map(|e| (e.event_type, e.severity))
            .collect()
    };
    let detected = read(Platform::Detect);
    assert_eq!(
        detected,
        [
            (
                EventType::DataQuotaThresholdReached,
                Some(EventSeverity::Warning)
            ),
            (
                EventType::SmsQuotaThresholdReached,
                Some(EventSeverity::Warning)
            ),
        ]
    );
    assert_eq!(read(Platform::Platform2), detected);
    // Read as 1.0 numbered them, the same ids are CRITICAL: what a decoder
    // that ignores the platform would say.
    assert!(read(Platform::Platform1)
        .iter()
        .all(|(_, s)| *s == Some(EventSeverity::Critical)));
}
