//! The token cache against wiremock: single-flight, refresh ahead of expiry,
//! 401 replay, token endpoint errors.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use once_sdk::{Error, Iccid, TokenStore as _};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Issues `token-1`, `token-2`, ... with a given lifetime and delay.
struct TokenSequence {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
    delay: Duration,
}

impl Respond for TokenSequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_delay(self.delay)
            .set_body_json(
                json!({"access_token": format!("token-{n}"), "expires_in": self.expires_in}),
            )
    }
}

async fn server_with_sequence(expires_in: u64, delay: Duration) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", BASIC_AUTH))
        .respond_with(TokenSequence {
            issued: issued.clone(),
            expires_in,
            delay,
        })
        .mount(&server)
        .await;
    (server, issued)
}

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

async fn mount_quota(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": 1.5})))
        .mount(server)
        .await;
}

fn bearers(reqs: &[Request]) -> Vec<String> {
    reqs.iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_calls_on_a_cold_cache_make_one_token_request() {
    // The token endpoint is slow, so all 200 calls pile up on the cold cache.
    let (server, issued) = server_with_sequence(3600, Duration::from_millis(200)).await;
    mount_quota(&server).await;
    let client = client(&server);
    let calls = (0..200).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.sims().data_quota(&iccid()).await })
    });
    for r in futures::future::join_all(calls).await {
        assert_eq!(r.unwrap().unwrap().volume, Some(1.5));
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(token_requests(&server).await, 1);
    let reqs = api_requests(&server).await;
    assert_eq!(reqs.len(), 200);
    assert!(bearers(&reqs).iter().all(|b| b == "Bearer token-1"));
}

#[tokio::test(start_paused = true)]
async fn refreshes_once_ahead_of_expiry_without_making_callers_wait() {
    // Tokens live 600 s; refresh margin 300 s; the refresh takes 300 ms.
    let (server, issued) = server_with_sequence(600, Duration::from_millis(300)).await;
    mount_quota(&server).await;
    let client = builder(&server)
        .token_refresh_margin(Duration::from_secs(300))
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1);

    // Inside the margin: 20 calls run on the old token while one refresh runs.
    tokio::time::advance(Duration::from_secs(350)).await;
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.sims().data_quota(&iccid()).await })
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap().unwrap();
    }
    let during = bearers(&api_requests(&server).await);
    assert_eq!(during.len(), 21);
    assert!(
        during.iter().all(|b| b == "Bearer token-1"),
        "callers must not wait for the refresh: {during:?}"
    );

    // Once the refresh lands, calls use the new token; there was one refresh.
    // (The token endpoint's delay is real time; bound the wait in real time.)
    let mut used_new = false;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
        client.sims().data_quota(&iccid()).await.unwrap();
        let all = bearers(&api_requests(&server).await);
        if all.last().map(String::as_str) == Some("Bearer token-2") {
            used_new = true;
            break;
        }
    }
    assert!(used_new, "the refreshed token is used");
    assert_eq!(issued.load(Ordering::SeqCst), 2, "exactly one refresh");
}

/// Answers 401 to `token-1` (optionally after a delay) and 200 to others.
struct RefuseFirstToken {
    delay: Duration,
}

impl Respond for RefuseFirstToken {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let auth = req.headers.get("authorization").unwrap().to_str().unwrap();
        if auth == "Bearer token-1" {
            ResponseTemplate::new(401)
                .set_delay(self.delay)
                .set_body_json(json!({"timestamp": "2024-01-01T00:00:00Z", "status": 401, "error": "Unauthorized", "message": "token expired", "path": "/v2/sims"}))
        } else {
            ResponseTemplate::new(200).set_body_json(json!({"volume": 2.0}))
        }
    }
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_replays_once() {
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(RefuseFirstToken {
            delay: Duration::ZERO,
        })
        .mount(&server)
        .await;
    let quota = client(&server).sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(quota.volume, Some(2.0));
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        bearers(&api_requests(&server).await),
        vec!["Bearer token-1", "Bearer token-2"]
    );
}

#[tokio::test]
async fn concurrent_401s_drop_only_the_refused_token() {
    // Both calls are refused with token-1; the second to notice must not
    // drop token-2, which the first already fetched.
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000/quota/data"))
        .respond_with(RefuseFirstToken {
            delay: Duration::from_millis(100),
        })
        .mount(&server)
        .await;
    let client = client(&server);
    let (sims, id) = (client.sims(), iccid());
    let (a, b) = tokio::join!(sims.data_quota(&id), sims.data_quota(&id));
    a.unwrap();
    b.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2, "one renewal for both");
}

#[tokio::test]
async fn a_second_401_is_an_auth_error() {
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"statusCode": 401, "errorCode": "Unauthorized", "message": "nope"}),
        ))
        .mount(&server)
        .await;
    let err = client(&server).sims().get(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.code(), Some("Unauthorized"));
    assert_eq!(
        api_requests(&server).await.len(),
        2,
        "the call and one replay"
    );
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn bad_credentials_are_an_auth_error_with_1nce_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "statusCode": 400, "errorCode": "BadCredentials", "message": "User does not exist."
        })))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server).sims().get(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_eq!(err.code(), Some("BadCredentials"));
    assert_eq!(err.message(), Some("User does not exist."));
    assert!(err.to_string().contains("BadCredentials"), "{err}");
    assert!(
        api_requests(&server).await.is_empty(),
        "no API call without a token"
    );
}

#[tokio::test]
async fn expired_token_is_replaced_before_the_call() {
    // A token that lives 1 s is expired at the second call 1.2 s later.
    let (server, issued) = server_with_sequence(1, Duration::ZERO).await;
    mount_quota(&server).await;
    let client = builder(&server)
        .token_refresh_margin(Duration::ZERO)
        .build()
        .unwrap();
    client.sims().data_quota(&iccid()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        bearers(&api_requests(&server).await),
        vec!["Bearer token-1", "Bearer token-2"]
    );
}

#[tokio::test]
async fn a_shared_token_store_serves_several_clients() {
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    mount_quota(&server).await;
    let store = Arc::new(once_sdk::InMemoryTokenStore::new());
    let a = builder(&server).token_store(store.clone()).build().unwrap();
    let b = builder(&server).token_store(store.clone()).build().unwrap();
    a.sims().data_quota(&iccid()).await.unwrap();
    b.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

/// A store shared with another process that holds the refresh lock: it
/// never grants the lock (until `release`), and the other process's token
/// can be dropped in with `deliver`.
struct LockedElsewhere {
    inner: once_sdk::InMemoryTokenStore,
    held: std::sync::atomic::AtomicBool,
    ttl: Duration,
}

impl once_sdk::TokenStore for LockedElsewhere {
    fn get(
        &self,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<Option<once_sdk::StoredToken>>> {
        self.inner.get()
    }
    fn put(
        &self,
        token: once_sdk::StoredToken,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
        self.inner.put(token)
    }
    fn remove_if(
        &self,
        token: &once_sdk::AccessToken,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
        self.inner.remove_if(token)
    }
    fn try_lock_refresh(
        &self,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<Option<once_sdk::RefreshLock>>> {
        let held = self.held.load(Ordering::SeqCst);
        Box::pin(async move { Ok((!held).then(|| once_sdk::RefreshLock::new("me"))) })
    }
    fn refresh_lock_ttl(&self) -> Duration {
        self.ttl
    }
}

#[tokio::test(start_paused = true)]
async fn waits_for_the_token_of_the_process_holding_the_refresh_lock() {
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    mount_quota(&server).await;
    let store = Arc::new(LockedElsewhere {
        inner: once_sdk::InMemoryTokenStore::new(),
        held: true.into(),
        ttl: Duration::from_secs(10),
    });
    let client = builder(&server)
        .token_store(store.clone())
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    // The other process stores its token after 1.5 s.
    let other = store.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        other
            .inner
            .put(once_sdk::StoredToken::new(
                once_sdk::AccessToken::new("token-from-elsewhere"),
                std::time::SystemTime::now() + Duration::from_secs(3600),
            ))
            .await
            .unwrap();
    });
    let started = tokio::time::Instant::now();
    client.sims().data_quota(&iccid()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(
        issued.load(Ordering::SeqCst),
        0,
        "no token request of its own"
    );
    assert_eq!(
        bearers(&api_requests(&server).await),
        vec!["Bearer token-from-elsewhere"]
    );
}

#[tokio::test(start_paused = true)]
async fn fetches_its_own_token_when_the_lock_holder_never_delivers() {
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    mount_quota(&server).await;
    let store = Arc::new(LockedElsewhere {
        inner: once_sdk::InMemoryTokenStore::new(),
        held: true.into(),
        ttl: Duration::from_secs(2),
    });
    let client = builder(&server)
        .token_store(store)
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    client.sims().data_quota(&iccid()).await.unwrap();
    // It waited twice the lock's lifetime (not less), then asked once. (No
    // upper bound: with paused time, waiting on the mock server's real I/O
    // lets tokio jump to the HTTP client's idle timers.)
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(4), "{waited:?}");
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn a_granted_refresh_lock_is_released_after_the_fetch() {
    // The store from above, lock free: one fetch, then the lock is back.
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    mount_quota(&server).await;
    struct Counting {
        inner: once_sdk::InMemoryTokenStore,
        locked: std::sync::Mutex<Vec<String>>,
    }
    impl once_sdk::TokenStore for Counting {
        fn get(
            &self,
        ) -> futures::future::BoxFuture<'_, once_sdk::Result<Option<once_sdk::StoredToken>>>
        {
            self.inner.get()
        }
        fn put(
            &self,
            token: once_sdk::StoredToken,
        ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
            self.inner.put(token)
        }
        fn remove_if(
            &self,
            token: &once_sdk::AccessToken,
        ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
            self.inner.remove_if(token)
        }
        fn try_lock_refresh(
            &self,
        ) -> futures::future::BoxFuture<'_, once_sdk::Result<Option<once_sdk::RefreshLock>>>
        {
            self.locked.lock().unwrap().push("lock".into());
            Box::pin(async { Ok(Some(once_sdk::RefreshLock::new("id-1"))) })
        }
        fn unlock_refresh(
            &self,
            lock: once_sdk::RefreshLock,
        ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
            self.locked
                .lock()
                .unwrap()
                .push(format!("unlock {}", lock.id()));
            Box::pin(async { Ok(()) })
        }
    }
    let store = Arc::new(Counting {
        inner: once_sdk::InMemoryTokenStore::new(),
        locked: Default::default(),
    });
    let client = builder(&server)
        .token_store(store.clone())
        .attempt_timeout(None)
        .operation_timeout(None)
        .build()
        .unwrap();
    client.sims().data_quota(&iccid()).await.unwrap();
    client.sims().data_quota(&iccid()).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(*store.locked.lock().unwrap(), vec!["lock", "unlock id-1"]);
}

/// Regression: a token answer that did not decode (here `expires_in` is not
/// a number) used to put the first 200 characters of its body, the access
/// token included, into the `Error::Decode` snippet, and so into Display,
/// Debug and the call's tracing event.
#[tokio::test]
async fn a_token_answer_that_does_not_decode_does_not_leak_the_token() {
    let server = MockServer::start().await;
    let token = "eyJhbGciOiJub25lIn0.leak-check-0123456789abcdef";
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": token,
            "token_type": "bearer",
            "expires_in": "soon"
        })))
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("leak-check"), "{text}");
    assert!(
        text.contains("soon"),
        "the decoder's message is kept: {text}"
    );
}

/// A store that counts lookups, to show calls use the process-local copy.
#[derive(Default)]
struct CountingStore {
    inner: once_sdk::InMemoryTokenStore,
    lookups: AtomicUsize,
}

impl once_sdk::TokenStore for CountingStore {
    fn get(
        &self,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<Option<once_sdk::StoredToken>>> {
        self.lookups.fetch_add(1, Ordering::SeqCst);
        self.inner.get()
    }
    fn put(
        &self,
        token: once_sdk::StoredToken,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
        self.inner.put(token)
    }
    fn remove_if(
        &self,
        token: &once_sdk::AccessToken,
    ) -> futures::future::BoxFuture<'_, once_sdk::Result<()>> {
        self.inner.remove_if(token)
    }
}

#[tokio::test]
async fn calls_use_the_local_copy_not_the_store_once_a_token_is_known() {
    // A shared store (Redis) costs a round trip per lookup: 50 calls with a
    // fresh token must not ask it 50 times.
    let (server, issued) = server_with_sequence(3600, Duration::ZERO).await;
    mount_quota(&server).await;
    let store = Arc::new(CountingStore::default());
    let client = builder(&server).token_store(store.clone()).build().unwrap();
    for _ in 0..50 {
        client.sims().data_quota(&iccid()).await.unwrap();
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let lookups = store.lookups.load(Ordering::SeqCst);
    assert!(
        lookups <= 3,
        "the store was asked {lookups} times for 50 calls"
    );
}
