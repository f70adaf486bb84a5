//! The SDK's 1NCE OS calls against the sandbox's 1NCE OS: the two halves
//! were written from 1NCE's document separately, and here they meet. A
//! fleet's devices page through the inspector, an action sent to a device
//! is followed until the sandbox says it succeeded, and a geofence created
//! through the SDK sees the sandbox's device enter and leave it.

use std::time::Duration;

use once_sandbox::{GeofenceCrossing, PositionSource, Sandbox};
use once_sdk::types::os::{ActionStatus, DeviceId, NewGeofence, PayloadType, UdpAction};
use once_sdk::RateLimits;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sdk_and_the_sandbox_agree_on_1nce_os() {
    let sandbox = Sandbox::builder()
        .sims(5)
        .no_rate_limits()
        .start()
        .await
        .unwrap();
    sandbox.set_os_action_stage(Duration::from_millis(50));
    let client = sandbox
        .client_builder()
        .rate_limits(RateLimits::unlimited())
        .build()
        .unwrap();

    // Every SIM is a device, paged two at a time in the body.
    use futures::TryStreamExt;
    let devices: Vec<_> = client
        .os()
        .inspector()
        .devices()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let mut ids: Vec<String> = devices
        .iter()
        .filter_map(|d| d.id.as_ref().map(|i| i.as_str().to_string()))
        .collect();
    ids.sort();
    let mut iccids: Vec<String> = sandbox.iccids().iter().map(|i| i.to_string()).collect();
    iccids.sort();
    assert_eq!(ids, iccids);

    // An action to an online device is followed until it succeeded.
    let iccid = sandbox.iccids()[0].clone();
    sandbox.set_online(&iccid, true).unwrap();
    let device = DeviceId::from(iccid.as_str());
    let handle = client
        .os()
        .devices()
        .send_udp(&device, &UdpAction::new("ping", PayloadType::String, 4445))
        .await
        .unwrap()
        .poll_every(Duration::from_millis(20));
    let done = handle.wait(Duration::from_secs(60)).await.unwrap();
    assert_eq!(done.status, Some(ActionStatus::Succeeded), "{done:?}");

    // A geofence made through the SDK sees the device move in and out.
    let fence = client
        .os()
        .locator()
        .create_geofence(&NewGeofence::circle("depot", [13.4, 52.5], 1000.0))
        .await
        .unwrap();
    let listed = client.os().locator().geofences().send().await.unwrap();
    assert!(listed.items.iter().any(|g| g.id == fence.id), "{listed:?}");
    let inside = sandbox
        .os_report_position(&iccid, 13.4, 52.5, PositionSource::Gps)
        .unwrap();
    let outside = sandbox
        .os_report_position(&iccid, 14.4, 52.5, PositionSource::Gps)
        .unwrap();
    let fence_id = fence.id.as_ref().map(|i| i.as_str().to_string());
    assert!(
        inside
            .iter()
            .any(|e| Some(&e.geofence_id) == fence_id.as_ref()
                && e.crossing == GeofenceCrossing::Enter),
        "{inside:?}"
    );
    assert!(
        outside
            .iter()
            .any(|e| Some(&e.geofence_id) == fence_id.as_ref()
                && e.crossing == GeofenceCrossing::Exit),
        "{outside:?}"
    );
    let positions = client
        .os()
        .locator()
        .positions(&device)
        .send()
        .await
        .unwrap();
    assert!(positions.items.len() >= 2, "{positions:?}");
}
