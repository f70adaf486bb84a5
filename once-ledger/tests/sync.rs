//! A sync pass from the API (the sandbox) into the ledger: SIM rows, quota
//! snapshots only when a quota changed, events once however often a pass
//! runs and whether they came from the API or the stream.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use once_ledger::{Ledger, LedgerSink, SyncOptions};
use once_sandbox::{Sandbox, StreamConfig, StreamKind};
use once_streamer::{BasicCredentials, Receiver, ReceiverConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_passes_store_sims_changed_quotas_and_events_once() {
    let dir = std::env::temp_dir().join(format!("once-ledger-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("fleet.db");
    let ledger = Arc::new(
        Ledger::open(&format!("sqlite:{}", path.display()))
            .await
            .unwrap(),
    );
    let sandbox = Sandbox::builder().sims(3).start().await.unwrap();
    let client = sandbox.client().unwrap();
    let iccids = sandbox.iccids();

    // The stream delivers its records to the ledger first.
    let creds = BasicCredentials::new("1nce", "pw");
    let sink = LedgerSink::new(Arc::clone(&ledger));
    let receiver = Receiver::new(ReceiverConfig::new(creds.clone()), sink);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let r = receiver.clone();
    tokio::spawn(async move { r.serve(listener, std::future::pending()).await });
    sandbox.stream_to(
        StreamConfig::new(format!("http://{addr}/"), creds.header_value())
            .interval(Duration::from_millis(20)),
    );
    // The device goes off and on: session and location events.
    sandbox.set_online(&iccids[1], false).unwrap();
    sandbox.set_online(&iccids[1], true).unwrap();
    sandbox.consume_data(&iccids[0], 1.0).unwrap();
    for _ in 0..1000 {
        let s = sandbox.stream_stats();
        if s.pending == 0 && s.records_delivered >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sandbox.stream_stats().pending, 0);
    let streamed: BTreeSet<String> = sandbox
        .streamed_records()
        .into_iter()
        .filter(|(kind, _)| *kind == StreamKind::Event)
        .map(|(_, id)| id.to_string())
        .collect();
    assert!(streamed.len() >= 2, "{:?}", sandbox.streamed_records());
    // What the API holds, read apart from the ledger.
    let mut api = BTreeSet::new();
    for iccid in &iccids {
        let events: Vec<once_sdk::Event> = client
            .sims()
            .events(iccid)
            .stream()
            .try_collect()
            .await
            .unwrap();
        api.extend(events.into_iter().map(|e| e.id.unwrap().to_string()));
    }

    let options = SyncOptions::new();
    let first = ledger.sync(&client, &options).await.unwrap();
    assert!(first.failures.is_empty(), "{:?}", first.failures);
    assert_eq!((first.sims, first.quota_snapshots), (3, 6));
    assert_eq!(
        first.events_inserted + first.events_already_stored,
        api.len() as u64
    );
    // Events that came by the stream are not stored again from the API.
    assert_eq!(
        first.events_already_stored,
        streamed.intersection(&api).count() as u64
    );
    assert!(first.events_already_stored > 0);

    let second = ledger.sync(&client, &options).await.unwrap();
    assert_eq!((second.quota_snapshots, second.events_inserted), (0, 0));
    assert_eq!(second.events_already_stored, api.len() as u64);
    sandbox.consume_data(&iccids[2], 0.5).unwrap();
    let third = ledger.sync(&client, &options).await.unwrap();
    assert_eq!(third.quota_snapshots, 1);

    let db = rusqlite::Connection::open(&path).unwrap();
    let ids: BTreeSet<String> = db
        .prepare("SELECT id FROM events")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let rows: i64 = db
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows as usize, ids.len(), "an event stored twice");
    assert_eq!(ids, api.union(&streamed).cloned().collect::<BTreeSet<_>>());
    let sims: i64 = db
        .query_row(
            "SELECT count(*) FROM sims WHERE status IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sims, 3);
    let data_snapshots: i64 = db
        .query_row(
            "SELECT count(*) FROM quota_snapshots WHERE iccid = ?1 AND service = 'data'",
            [iccids[2].as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(data_snapshots, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}
