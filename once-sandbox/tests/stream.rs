//! The sandbox's Data Streamer against webhooks that misbehave.

use std::time::Duration;

use once_sandbox::{Sandbox, StreamConfig, StreamState};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AUTH: &str = "Basic MW5jZTpzZWNyZXQ=";

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn ids(body: &[u8]) -> Vec<u64> {
    let v: Vec<Value> = serde_json::from_slice(body).expect("a JSON array");
    v.iter()
        .map(|r| r["id"].as_u64().expect("numeric id"))
        .collect()
}

fn fast(url: String) -> StreamConfig {
    StreamConfig::new(url, AUTH)
        .interval(Duration::from_millis(10))
        .backoff(Duration::from_millis(10), Duration::from_millis(40))
}

#[tokio::test]
async fn retries_until_200_and_does_not_follow_redirects() {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/elsewhere"))
        .up_to_n_times(1)
        .mount(&hook)
        .await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&hook)
        .await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    Mock::given(path("/elsewhere"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;

    let sandbox = Sandbox::builder().sims(3).start().await.unwrap();
    let iccids = sandbox.iccids();
    // Records queued before the first post all go in one batch.
    sandbox.stream_to(fast(format!("{}/hook", hook.uri())).interval(Duration::from_millis(200)));
    sandbox.consume_data(&iccids[0], 1.5).unwrap();
    sandbox.consume_sms(&iccids[1], 2).unwrap();
    sandbox.receive_sms(&iccids[2], "hello").unwrap();
    sandbox.set_online(&iccids[2], false).unwrap();
    let emitted: Vec<u64> = sandbox
        .streamed_records()
        .iter()
        .map(|(_, id)| *id)
        .collect();
    assert!(emitted.len() >= 4, "{emitted:?}");
    wait_for("delivery", || sandbox.stream_stats().pending == 0).await;

    let requests = hook.received_requests().await.unwrap();
    let to_hook: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() == "/hook")
        .collect();
    assert_eq!(to_hook.len(), 3);
    assert!(requests.iter().all(|r| r.url.path() != "/elsewhere"));
    for r in &to_hook {
        assert_eq!(r.headers["authorization"], AUTH);
        assert_eq!(r.headers["content-type"], "application/json");
        // The same records each time: nothing acknowledged is dropped.
        assert_eq!(ids(&r.body), emitted);
    }
    let kinds: Vec<&str> = sandbox
        .streamed_records()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert!(
        kinds.contains(&"usage") && kinds.contains(&"mo_sms"),
        "{kinds:?}"
    );
    let stats = sandbox.stream_stats();
    assert_eq!(stats.state, StreamState::Running);
    assert_eq!(
        (stats.attempts, stats.failed_attempts, stats.redirects),
        (3, 2, 1)
    );
    assert_eq!(stats.batches_delivered, 1);
    assert_eq!(stats.records_delivered, emitted.len() as u64);
    assert_eq!(stats.last_status, Some(200));
}

#[tokio::test]
async fn goes_failed_and_restarts() {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&hook)
        .await;
    let sandbox = Sandbox::builder().sims(2).start().await.unwrap();
    sandbox.stream_to(fast(hook.uri()).max_failures(3));
    let iccid = sandbox.iccids()[0].clone();
    sandbox.consume_data(&iccid, 0.25).unwrap();
    wait_for("FAILED", || {
        sandbox.stream_stats().state == StreamState::Failed
    })
    .await;
    // Idle, shown by the stream itself: it has looked for a restart a few
    // times since it failed, and sent nothing more.
    let idle_from = sandbox.stream_stats().idle_checks;
    wait_for("the failed stream to look for a restart 3 times", || {
        sandbox.stream_stats().idle_checks >= idle_from + 3
    })
    .await;
    let stats = sandbox.stream_stats();
    assert_eq!((stats.attempts, stats.consecutive_failures), (3, 3));
    assert_eq!(stats.pending, 1);
    assert_eq!(hook.received_requests().await.unwrap().len(), 3);

    hook.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    sandbox.restart_stream();
    wait_for("delivery after restart", || {
        sandbox.stream_stats().pending == 0
    })
    .await;
    let stats = sandbox.stream_stats();
    assert_eq!(stats.state, StreamState::Running);
    assert_eq!((stats.batches_delivered, stats.records_delivered), (1, 1));
    let got = hook.received_requests().await.unwrap();
    assert_eq!(ids(&got[0].body), [sandbox.streamed_records()[0].1]);
}

#[tokio::test]
async fn batches_hold_at_most_batch_size_records() {
    let hook = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&hook)
        .await;
    let sandbox = Sandbox::builder().sims(1).start().await.unwrap();
    let iccid = sandbox.iccids()[0].clone();
    sandbox.stream_to(
        fast(hook.uri())
            .batch_size(4)
            .interval(Duration::from_millis(100)),
    );
    for _ in 0..10 {
        sandbox.consume_sms(&iccid, 1).unwrap();
    }
    wait_for("delivery", || sandbox.stream_stats().pending == 0).await;
    let sizes: Vec<usize> = hook
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| ids(&r.body).len())
        .collect();
    assert_eq!(
        sizes.iter().sum::<usize>(),
        sandbox.streamed_records().len()
    );
    assert!(sizes.iter().all(|&n| n <= 4), "{sizes:?}");
}
