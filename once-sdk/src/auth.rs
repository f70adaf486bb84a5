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
use std::sync::atomic::{AtomicBool, Ordering};
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
pub struct StoredToken {
    /// The bearer token.
    pub token: AccessToken,
    /// When 1NCE stops accepting it.
    pub expires_at: SystemTime,
}

/// Where the token cache keeps its token.
///
/// The default is in memory, one token per [`Client`](crate::Client) (and its
/// clones). Implement this to share one token between processes; the cache
/// only ever calls these three methods.
pub trait TokenStore: Send + Sync + 'static {
    /// The current token, if any (expired ones may be returned; the cache checks).
    fn get(&self) -> BoxFuture<'_, Result<Option<StoredToken>>>;
    /// Stores a freshly issued token, replacing the old one.
    fn put(&self, token: StoredToken) -> BoxFuture<'_, Result<()>>;
    /// Removes the token if (and only if) it is still `token`: a 401 must not
    /// drop a newer token another task already fetched.
    fn remove_if(&self, token: &AccessToken) -> BoxFuture<'_, Result<()>>;
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
        }
    }

    /// A valid token: cached, or fetched once for all concurrent callers.
    pub(crate) async fn token(self: &Arc<Self>) -> Result<AccessToken> {
        let now = self.clock.now();
        if let Some(t) = self.store.get().await? {
            if now < t.expires_at {
                if now + self.margin >= t.expires_at {
                    self.spawn_refresh();
                }
                return Ok(t.token);
            }
        }
        let _guard = self.fetch_lock.lock().await;
        // Someone else may have fetched while we waited for the lock.
        if let Some(t) = self.store.get().await? {
            if self.clock.now() < t.expires_at {
                return Ok(t.token);
            }
        }
        tracing::debug!("token cache miss: requesting a new access token");
        let fresh = (self.fetch)().await?;
        self.store.put(fresh.clone()).await?;
        Ok(fresh.token)
    }

    /// Drops `token` after the API refused it, unless it was already replaced.
    pub(crate) async fn invalidate(&self, token: &AccessToken) -> Result<()> {
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
        if let Some(t) = self.store.get().await? {
            if self.clock.now() + self.margin < t.expires_at {
                return Ok(()); // already refreshed by someone else
            }
        }
        tracing::debug!("refreshing the access token ahead of expiry");
        let fresh = (self.fetch)().await?;
        self.store.put(fresh).await
    }
}
