//! [`RedisTokenStore`]: one access token for every replica.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::future::BoxFuture;

use super::{key, Conn, DEFAULT_KEY_PREFIX};
use crate::auth::{AccessToken, InMemoryTokenStore, RefreshLock, StoredToken, TokenStore};
use crate::error::Result;

/// The id of the lock granted while Redis is unavailable (process-local).
const LOCAL_LOCK: &str = "local";
const DEFAULT_LOCK_TTL: Duration = Duration::from_secs(10);

/// Deletes the token if it is still the one given (`ARGV[1]`).
static REMOVE_IF: LazyLock<::redis::Script> = LazyLock::new(|| {
    ::redis::Script::new(
        r"
local cur = redis.call('GET', KEYS[1])
if cur then
  local sp = string.find(cur, ' ', 1, true)
  if sp and string.sub(cur, sp + 1) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
  end
end
return 0
",
    )
});

/// Deletes the lock if it is still held under the id given (`ARGV[1]`).
static UNLOCK: LazyLock<::redis::Script> = LazyLock::new(|| {
    ::redis::Script::new(
        r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
",
    )
});

/// A [`TokenStore`] in Redis, shared by every process that uses the same
/// Redis, key prefix and client id: one token for all of them, fetched by
/// one of them at a time. See the [module docs](super) for what happens when
/// Redis is unavailable.
///
/// ```no_run
/// # fn run() -> Result<(), once_sdk::Error> {
/// use std::sync::Arc;
/// use std::time::Duration;
/// use once_sdk::redis::RedisTokenStore;
///
/// let creds = once_sdk::Credentials::new("my-id", "my-secret");
/// let store = RedisTokenStore::new("redis://:password@redis.internal/", creds.client_id())?
///     .lock_ttl(Duration::from_secs(15));
/// let client = once_sdk::Client::builder()
///     .credentials(creds)
///     .token_store(Arc::new(store))
///     .build()?;
/// # Ok(()) }
/// ```
///
/// In Redis the token is stored under `<prefix>:<client id>:token` as
/// `<expiry in Unix milliseconds> <token>`, expiring with the token; the
/// refresh lock is `<prefix>:<client id>:token-lock`.
pub struct RedisTokenStore {
    conn: Conn,
    client_id: String,
    prefix: String,
    token_key: String,
    lock_key: String,
    lock_ttl: Duration,
    /// The last token seen or stored: served while Redis is unavailable, and
    /// reused (with its prepared header) while Redis holds the same one.
    local: InMemoryTokenStore,
    lock_seq: AtomicU64,
}

impl RedisTokenStore {
    /// A store in the Redis at `url` (`redis://[:password@]host[:port][/db]`),
    /// for the API client `client_id`. Nothing is connected until first use;
    /// fails only on a malformed URL.
    pub fn new(url: &str, client_id: impl Into<String>) -> Result<Self> {
        let client_id = client_id.into();
        let prefix = DEFAULT_KEY_PREFIX.to_string();
        Ok(Self {
            conn: Conn::open(url, "token store")?,
            token_key: key(&prefix, &client_id, "token"),
            lock_key: key(&prefix, &client_id, "token-lock"),
            client_id,
            prefix,
            lock_ttl: DEFAULT_LOCK_TTL,
            local: InMemoryTokenStore::new(),
            lock_seq: AtomicU64::new(0),
        })
    }

    /// The prefix of the Redis keys (default `once-sdk`).
    #[must_use]
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self.token_key = key(&self.prefix, &self.client_id, "token");
        self.lock_key = key(&self.prefix, &self.client_id, "token-lock");
        self
    }

    /// How long the refresh lock lives at most (default 10 s): the longest a
    /// replica that died while fetching a token can hold up the others.
    /// Keep it above the usual time of a token request (1NCE answers in
    /// well under a second); if a fetch outlasts the lock, a second replica
    /// may fetch too, which costs one extra token request and nothing else.
    #[must_use]
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl.max(Duration::from_millis(1));
        self
    }

    /// The timeout of each Redis command (default 500 ms); past it Redis
    /// counts as unavailable.
    #[must_use]
    pub fn timeout(mut self, d: Duration) -> Self {
        self.conn.set_timeout(d);
        self
    }

    /// How long after a Redis failure the store goes on without Redis
    /// before trying it again (default 1 s).
    #[must_use]
    pub fn retry_interval(mut self, d: Duration) -> Self {
        self.conn.set_retry_interval(d);
        self
    }

    /// Whether the last Redis command failed, so the store is working from
    /// in-process state until Redis answers again.
    pub fn fallback_active(&self) -> bool {
        self.conn.degraded()
    }

    /// The Redis key of the token.
    pub fn token_key(&self) -> &str {
        &self.token_key
    }

    /// The Redis key of the refresh lock.
    pub fn lock_key(&self) -> &str {
        &self.lock_key
    }

    fn parse(&self, raw: &str) -> Option<StoredToken> {
        let (ms, token) = raw.split_once(' ')?;
        let ms: u64 = ms.parse().ok()?;
        let expires_at = UNIX_EPOCH + Duration::from_millis(ms);
        Some(StoredToken {
            token: AccessToken::new(token),
            expires_at,
        })
    }

    async fn local_get(&self) -> Result<Option<StoredToken>> {
        self.local.get().await
    }
}

impl fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisTokenStore")
            .field("token_key", &self.token_key)
            .field("lock_ttl", &self.lock_ttl)
            .field("timeout", &self.conn.timeout())
            .field("retry_interval", &self.conn.retry_interval())
            .field("fallback_active", &self.fallback_active())
            .finish_non_exhaustive()
    }
}

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl TokenStore for RedisTokenStore {
    fn get(&self) -> BoxFuture<'_, Result<Option<StoredToken>>> {
        Box::pin(async move {
            let key = self.token_key.clone();
            let raw = self
                .conn
                .run(|mut c| async move {
                    ::redis::cmd("GET")
                        .arg(key)
                        .query_async::<Option<String>>(&mut c)
                        .await
                })
                .await;
            let Some(raw) = raw else {
                return self.local_get().await;
            };
            let Some(stored) = raw.as_deref().and_then(|r| self.parse(r)) else {
                return Ok(None);
            };
            // The same token as last time: hand out the copy with its header
            // already built.
            if let Some(local) = self.local_get().await? {
                if local.token == stored.token {
                    return Ok(Some(StoredToken {
                        token: local.token,
                        expires_at: stored.expires_at,
                    }));
                }
            }
            self.local.put(stored.clone()).await?;
            Ok(Some(stored))
        })
    }

    fn put(&self, token: StoredToken) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let ttl_ms = token
                .expires_at
                .duration_since(SystemTime::now())
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
            let value = format!("{} {}", unix_ms(token.expires_at), token.token.expose());
            self.local.put(token).await?;
            if ttl_ms == 0 {
                return Ok(()); // already expired: nothing worth sharing
            }
            let key = self.token_key.clone();
            self.conn
                .run(|mut c| async move {
                    ::redis::cmd("SET")
                        .arg(key)
                        .arg(value)
                        .arg("PX")
                        .arg(ttl_ms)
                        .query_async::<()>(&mut c)
                        .await
                })
                .await;
            Ok(())
        })
    }

    fn remove_if(&self, token: &AccessToken) -> BoxFuture<'_, Result<()>> {
        let token = token.clone();
        Box::pin(async move {
            self.local.remove_if(&token).await?;
            let key = self.token_key.clone();
            self.conn
                .run(|mut c| async move {
                    REMOVE_IF
                        .key(key)
                        .arg(token.expose())
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await;
            Ok(())
        })
    }

    fn try_lock_refresh(&self) -> BoxFuture<'_, Result<Option<RefreshLock>>> {
        Box::pin(async move {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let id = format!(
                "{}-{nanos}-{}",
                std::process::id(),
                self.lock_seq.fetch_add(1, Ordering::Relaxed)
            );
            let key = self.lock_key.clone();
            let ttl_ms = u64::try_from(self.lock_ttl.as_millis()).unwrap_or(u64::MAX);
            let lock_id = id.clone();
            let granted = self
                .conn
                .run(|mut c| async move {
                    ::redis::cmd("SET")
                        .arg(key)
                        .arg(lock_id)
                        .arg("NX")
                        .arg("PX")
                        .arg(ttl_ms)
                        .query_async::<Option<String>>(&mut c)
                        .await
                })
                .await;
            Ok(match granted {
                Some(Some(_)) => Some(RefreshLock::new(id)),
                Some(None) => None,
                // Without Redis the process fetches for itself (the token
                // cache already makes that one request per process).
                None => Some(RefreshLock::new(LOCAL_LOCK)),
            })
        })
    }

    fn unlock_refresh(&self, lock: RefreshLock) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            if lock.id() == LOCAL_LOCK {
                return Ok(());
            }
            let key = self.lock_key.clone();
            self.conn
                .run(|mut c| async move {
                    UNLOCK
                        .key(key)
                        .arg(lock.id())
                        .invoke_async::<i64>(&mut c)
                        .await
                })
                .await;
            Ok(())
        })
    }

    fn refresh_lock_ttl(&self) -> Duration {
        self.lock_ttl
    }
}
