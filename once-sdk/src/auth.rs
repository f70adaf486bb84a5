//! Credentials, access tokens and the token cache.
//!
//! The cache hands out one token to every call. On a cold cache only one
//! request goes to `POST /oauth/token` however many calls race for it
//! (single-flight); shortly before the token expires it is refreshed in the
//! background while callers keep using the still-valid one; a 401 drops the
//! token that was refused (never a newer one). Where the token lives is a
//! [`TokenStore`]: in memory by default, shareable between processes by
//! plugging in your own.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;

use crate::clock::Clock;
use crate::error::Result;

/// A 1NCE API client id and secret (created in the 1NCE portal under
/// "API Access"). The secret never appears in `Debug` output or logs.
///
/// ```
/// let creds = once_sdk::Credentials::new("my-id", "my-secret");
/// assert!(!format!("{creds:?}").contains("my-secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    client_id: String,
    client_secret: String,
}

impl Credentials {
    /// Credentials from a client id and secret.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    /// The client id (not secret; used to namespace shared token stores).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret. Only call this to hand it to 1NCE.
    pub fn expose_secret(&self) -> &str {
        &self.client_secret
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// A bearer token issued by `POST /oauth/token`. Its value never appears in
/// `Debug` or `Display` output.
#[derive(Clone)]
pub struct AccessToken(Arc<TokenInner>);

struct TokenInner {
    value: String,
    /// `Bearer <value>`, built once, marked sensitive; `None` if the value
    /// cannot be a header.
    header: Option<reqwest::header::HeaderValue>,
}

impl PartialEq for AccessToken {
    fn eq(&self, other: &Self) -> bool {
        self.0.value == other.0.value
    }
}

impl Eq for AccessToken {}

impl AccessToken {
    /// Wraps a token value.
    pub fn new(value: impl Into<String>) -> Self {
        let value = value.into();
        let header = reqwest::header::HeaderValue::from_str(&format!("Bearer {value}"))
            .ok()
            .map(|mut h| {
                h.set_sensitive(true);
                h
            });
        Self(Arc::new(TokenInner { value, header }))
    }

    /// The token value, for the `Authorization` header or a token store.
    pub fn expose(&self) -> &str {
        &self.0.value
    }

    /// The `Authorization` header value, if the token is a valid header.
    pub(crate) fn header(&self) -> Option<&reqwest::header::HeaderValue> {
        self.0.header.as_ref()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([redacted])")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A token together with the wall-clock time it stops being valid.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredToken {
    /// The bearer token.
    pub token: AccessToken,
    /// When 1NCE stops accepting it.
    pub expires_at: SystemTime,
}

impl StoredToken {
    /// `token`, valid until `expires_at`.
    pub fn new(token: AccessToken, expires_at: SystemTime) -> Self {
        Self { token, expires_at }
    }
}

/// Where the token cache keeps its token.
///
/// The default is in memory, one token per [`Client`](crate::Client) (and its
/// clones). Implement this to share one token between processes (the
/// `redis` feature has one: `once_sdk::redis::RedisTokenStore`).
///
/// A store shared by several processes should also implement the refresh
/// lock ([`try_lock_refresh`](Self::try_lock_refresh),
/// [`unlock_refresh`](Self::unlock_refresh),
/// [`refresh_lock_ttl`](Self::refresh_lock_ttl)) so that only one of them
/// requests a token at a time: the cache takes it before fetching, and while
/// another process holds it, waits for that process's token instead of
/// fetching its own. The defaults suit a store used by one process: the lock
/// is always granted (the cache already fetches once per process).
pub trait TokenStore: Send + Sync + 'static {
    /// The current token, if any (expired ones may be returned; the cache checks).
    fn get(&self) -> BoxFuture<'_, Result<Option<StoredToken>>>;
    /// Stores a freshly issued token, replacing the old one.
    fn put(&self, token: StoredToken) -> BoxFuture<'_, Result<()>>;
    /// Removes the token if (and only if) it is still `token`: a 401 must not
    /// drop a newer token another task already fetched.
    fn remove_if(&self, token: &AccessToken) -> BoxFuture<'_, Result<()>>;

    /// Takes the lock that lets its holder request a token, for every
    /// process sharing the store: `Some` if the caller may fetch now, `None`
    /// if another process is fetching one. The lock must expire by itself
    /// after [`refresh_lock_ttl`](Self::refresh_lock_ttl), so that a process
    /// that died holding it blocks the others no longer than that. The
    /// default always grants it.
    fn try_lock_refresh(&self) -> BoxFuture<'_, Result<Option<RefreshLock>>> {
        Box::pin(async { Ok(Some(RefreshLock::new(""))) })
    }

    /// Releases a lock [`try_lock_refresh`](Self::try_lock_refresh) granted
    /// (only if it is still the holder's: it may have expired and been taken
    /// by another process since). The cache ignores errors here: the lock
    /// expires by itself. The default does nothing.
    fn unlock_refresh(&self, lock: RefreshLock) -> BoxFuture<'_, Result<()>> {
        drop(lock);
        Box::pin(async { Ok(()) })
    }

    /// How long a refresh lock lives at most. While another process holds
    /// it, the cache polls [`get`](Self::get) for that process's token; once
    /// it has waited twice this long without one, it fetches its own. The
    /// default is zero (the default lock is never held elsewhere).
    fn refresh_lock_ttl(&self) -> Duration {
        Duration::ZERO
    }
}

/// Proof of holding a [`TokenStore`]'s refresh lock, handed back to
/// [`TokenStore::unlock_refresh`]. The id lets a shared store release only
/// its own lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshLock {
    id: String,
}

impl RefreshLock {
    /// A lock held under `id` (unique per acquisition in shared stores).
    pub fn new(id: impl Into<String>) -> Self {
        Self { id: id.into() }
    }

    /// The id the lock is held under.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The default [`TokenStore`]: one token in memory.
#[derive(Default)]
pub struct InMemoryTokenStore {
    slot: Mutex<Option<StoredToken>>,
}

impl InMemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<StoredToken>> {
        // A poisoned lock only means another thread panicked mid-assignment of
        // an Option; the value is still a valid Option.
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl fmt::Debug for InMemoryTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryTokenStore")
            .field("has_token", &self.lock().is_some())
            .finish()
    }
}

impl TokenStore for InMemoryTokenStore {
    fn get(&self) -> BoxFuture<'_, Result<Option<StoredToken>>> {
        let t = self.lock().clone();
        Box::pin(async move { Ok(t) })
    }

    fn put(&self, token: StoredToken) -> BoxFuture<'_, Result<()>> {
        *self.lock() = Some(token);
        Box::pin(async { Ok(()) })
    }

    fn remove_if(&self, token: &AccessToken) -> BoxFuture<'_, Result<()>> {
        let mut slot = self.lock();
        if slot.as_ref().is_some_and(|s| &s.token == token) {
            *slot = None;
        }
        Box::pin(async { Ok(()) })
    }
}

pub(crate) type TokenFetcher =
    Arc<dyn Fn() -> BoxFuture<'static, Result<StoredToken>> + Send + Sync>;

/// How long after a failed background refresh the next one may start.
const REFRESH_RETRY_PAUSE: Duration = Duration::from_secs(5);
/// First and longest pause between looks at the store while another process
/// holds the refresh lock.
const LOCK_POLL_MIN: Duration = Duration::from_millis(10);
const LOCK_POLL_MAX: Duration = Duration::from_millis(200);

/// Single-flight token cache over a [`TokenStore`].
pub(crate) struct TokenCache {
    store: Arc<dyn TokenStore>,
    fetch: TokenFetcher,
    margin: Duration,
    clock: Clock,
    /// Held by whoever is fetching a token; waiters re-check the store after.
    fetch_lock: tokio::sync::Mutex<()>,
    refreshing: AtomicBool,
    no_refresh_before: Mutex<Option<SystemTime>>,
    /// The last token this process saw: calls use it without asking the
    /// store (a round trip for a shared store) until it nears expiry or is
    /// refused.
    local: Mutex<Option<LocalToken>>,
    /// Counts the tokens this process fetched: a caller that waited for
    /// the fetch lock while another fetched uses that token, whatever its
    /// lifetime, instead of fetching one more.
    fetched: AtomicU64,
}

/// The token this process uses, with the refresh margin that suits its
/// lifetime.
struct LocalToken {
    token: StoredToken,
    margin: Duration,
}

impl TokenCache {
    pub(crate) fn new(
        store: Arc<dyn TokenStore>,
        fetch: TokenFetcher,
        margin: Duration,
        clock: Clock,
    ) -> Self {
        Self {
            store,
            fetch,
            margin,
            clock,
            fetch_lock: tokio::sync::Mutex::new(()),
            refreshing: AtomicBool::new(false),
            no_refresh_before: Mutex::new(None),
            local: Mutex::new(None),
            fetched: AtomicU64::new(0),
        }
    }

    fn local(&self) -> std::sync::MutexGuard<'_, Option<LocalToken>> {
        self.local.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps `token` as the local copy; returns its refresh margin: the
    /// configured one, but at most half of the lifetime the token had when
    /// this process first saw it (a margin as long as the lifetime would
    /// refresh on every call).
    fn remember(&self, token: &StoredToken) -> Duration {
        let mut local = self.local();
        if let Some(l) = local.as_ref().filter(|l| l.token.token == token.token) {
            return l.margin;
        }
        let lifetime = token
            .expires_at
            .duration_since(self.clock.now())
            .unwrap_or(Duration::ZERO);
        let margin = self.margin.min(lifetime / 2);
        *local = Some(LocalToken {
            token: token.clone(),
            margin,
        });
        margin
    }

    /// The local token's refresh margin (the configured margin if none).
    fn local_margin(&self) -> Duration {
        self.local().as_ref().map_or(self.margin, |l| l.margin)
    }

    /// A valid token: cached, or fetched once for all concurrent callers
    /// (and, with a shared store, once for all processes).
    pub(crate) async fn token(self: &Arc<Self>) -> Result<AccessToken> {
        let now = self.clock.now();
        if let Some(l) = self.local().as_ref() {
            if now + l.margin < l.token.expires_at {
                return Ok(l.token.token.clone());
            }
        }
        if let Some(t) = self.store.get().await? {
            if now < t.expires_at {
                let margin = self.remember(&t);
                if now + margin >= t.expires_at {
                    self.spawn_refresh();
                }
                return Ok(t.token);
            }
        }
        let seen = self.fetched.load(Ordering::Acquire);
        let _guard = self.fetch_lock.lock().await;
        // Another caller fetched a token while we waited for the lock: use
        // it (even one whose lifetime is already over: a 401 replaces it
        // once), rather than fetching one more.
        if self.fetched.load(Ordering::Acquire) != seen {
            if let Some(l) = self.local().as_ref() {
                return Ok(l.token.token.clone());
            }
        }
        // Another process may have stored one meanwhile.
        if let Some(t) = self.stored_valid_for(Duration::ZERO).await? {
            return Ok(t);
        }
        tracing::debug!("token cache miss");
        let ttl = self.store.refresh_lock_ttl();
        let mut waited = Duration::ZERO;
        let mut pause = LOCK_POLL_MIN;
        loop {
            if let Some(lock) = self.store.try_lock_refresh().await? {
                return self.fetch_holding(lock, Duration::ZERO).await;
            }
            // Another process is fetching: wait for its token rather than
            // asking 1NCE for another one. Its lock expires within `ttl`; if
            // a token has still not shown up after twice that, fetch one.
            if waited >= ttl * 2 {
                tracing::warn!(
                    waited_ms = waited.as_millis() as u64,
                    "no token from the process holding the token refresh lock; requesting one"
                );
                return self.fetch_and_store().await;
            }
            tokio::time::sleep(pause).await;
            waited += pause;
            pause = (pause * 2).min(LOCK_POLL_MAX);
            if let Some(t) = self.stored_valid_for(Duration::ZERO).await? {
                return Ok(t);
            }
        }
    }

    /// The stored token if it is still valid `ahead` from now.
    async fn stored_valid_for(&self, ahead: Duration) -> Result<Option<AccessToken>> {
        let valid = self
            .store
            .get()
            .await?
            .filter(|t| self.clock.now() + ahead < t.expires_at);
        if let Some(t) = &valid {
            self.remember(t);
        }
        Ok(valid.map(|t| t.token))
    }

    /// With the store's refresh lock held: fetch (unless a token valid
    /// `ahead` from now arrived meanwhile), store, release the lock.
    async fn fetch_holding(&self, lock: RefreshLock, ahead: Duration) -> Result<AccessToken> {
        let result = match self.stored_valid_for(ahead).await {
            Ok(Some(t)) => Ok(t),
            Ok(None) => self.fetch_and_store().await,
            Err(e) => Err(e),
        };
        if let Err(e) = self.store.unlock_refresh(lock).await {
            tracing::debug!(error = %e, "could not release the token refresh lock; it expires by itself");
        }
        result
    }

    async fn fetch_and_store(&self) -> Result<AccessToken> {
        tracing::debug!("requesting a new access token");
        let fresh = (self.fetch)().await?;
        self.store.put(fresh.clone()).await?;
        self.remember(&fresh);
        self.fetched.fetch_add(1, Ordering::AcqRel);
        Ok(fresh.token)
    }

    /// Drops `token` after the API refused it, unless it was already replaced.
    pub(crate) async fn invalidate(&self, token: &AccessToken) -> Result<()> {
        {
            let mut local = self.local();
            if local.as_ref().is_some_and(|l| &l.token.token == token) {
                *local = None;
            }
        }
        self.store.remove_if(token).await
    }

    fn spawn_refresh(self: &Arc<Self>) {
        {
            let pause = self
                .no_refresh_before
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if pause.is_some_and(|t| self.clock.now() < t) {
                return;
            }
        }
        if self.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let this = Arc::clone(self);
        tokio::spawn(async move {
            let result = this.refresh_in_background().await;
            if let Err(e) = result {
                // The old token is still valid: keep it, try again a bit later.
                tracing::warn!(error = %e, "background token refresh failed; keeping the current token");
                *this
                    .no_refresh_before
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) =
                    Some(this.clock.now() + REFRESH_RETRY_PAUSE);
            }
            this.refreshing.store(false, Ordering::Release);
        });
    }

    async fn refresh_in_background(&self) -> Result<()> {
        let _guard = self.fetch_lock.lock().await;
        let margin = self.local_margin();
        if self.stored_valid_for(margin).await?.is_some() {
            return Ok(()); // already refreshed by someone else
        }
        let Some(lock) = self.store.try_lock_refresh().await? else {
            return Ok(()); // another process is refreshing it
        };
        tracing::debug!("refreshing the access token ahead of expiry");
        self.fetch_holding(lock, margin).await.map(drop)
    }
}
