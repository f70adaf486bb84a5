//! The token cache between runs: a loop of `once` commands within a
//! token's life (an hour at 1NCE) makes one token request, not one per
//! command (1NCE allows 600 token requests a minute per account).
//!
//! One file per client id and API host, in the user's cache directory
//! (`$XDG_CACHE_HOME/once/tokens/`, else `~/.cache/once/tokens/`), written
//! with mode 0600 in a directory of mode 0700. It holds the token and its
//! expiry, never the client secret. A file that the group or others may
//! read is not used (a token is a credential for an hour) and is replaced
//! by a private one. `ONCE_NO_TOKEN_CACHE=1` turns the cache off; the
//! in-process sandbox (`--sandbox`) never uses it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::future::BoxFuture;
use once_sdk::{AccessToken, InMemoryTokenStore, StoredToken, TokenStore};

use crate::config::{create_private_dir, write_private};

/// The CLI's token store: in memory for the run, and in a file between
/// runs once [`CliTokenStore::persist_at`] names one.
#[derive(Debug, Default)]
pub struct CliTokenStore {
    memory: InMemoryTokenStore,
    /// The file, and the fingerprint of the credentials its token must
    /// have been issued for.
    file: OnceLock<(PathBuf, u64)>,
    /// Problems with the file, said once per run on stderr.
    warned: Mutex<bool>,
}

/// The file's content.
#[derive(serde::Serialize, serde::Deserialize)]
struct Cached {
    token: String,
    /// Seconds since the Unix epoch.
    expires_at: u64,
    /// A 64-bit hash of the client id and secret the token was issued
    /// for (not the secret): a run with other credentials does not use it.
    credentials: u64,
}

/// The fingerprint of a client id and secret (a hash; the secret cannot be
/// read back from it).
pub fn fingerprint(client_id: &str, secret: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (client_id, secret).hash(&mut h);
    h.finish()
}

impl CliTokenStore {
    /// A store that keeps the token in memory only (until
    /// [`persist_at`](Self::persist_at)).
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the token between runs in `file` from now on, for the
    /// credentials of `fingerprint` (a cached token issued for others is
    /// not used).
    pub fn persist_at(&self, file: PathBuf, fingerprint: u64) {
        let _ = self.file.set((file, fingerprint));
    }

    /// The file of the token of `client_id` at `base_url` under the cache
    /// directory, or `None` when the cache is off or there is no home.
    pub fn path_for(client_id: &str, base_url: &str) -> Option<PathBuf> {
        if std::env::var_os("ONCE_NO_TOKEN_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|h| PathBuf::from(h).join(".cache"))
            })?;
        Some(Self::path_in(&base, client_id, base_url))
    }

    /// The file of the token of `client_id` at `base_url` under the cache
    /// directory `base`: `once/tokens/<client id>@<host>.json`.
    pub fn path_in(base: &Path, client_id: &str, base_url: &str) -> PathBuf {
        let host = base_url
            .split("://")
            .nth(1)
            .unwrap_or(base_url)
            .split('/')
            .next()
            .unwrap_or_default();
        let name = format!("{}@{}.json", safe(client_id), safe(host));
        base.join("once").join("tokens").join(name)
    }

    fn warn(&self, what: &str) {
        let mut warned = self.warned.lock().unwrap_or_else(|e| e.into_inner());
        if !*warned {
            *warned = true;
            eprintln!("once: token cache: {what}");
        }
    }

    fn read_file(&self, path: &Path, fingerprint: u64) -> Option<StoredToken> {
        let meta = std::fs::metadata(path).ok()?;
        if !private(&meta) {
            self.warn(&format!(
                "{} can be read by others: not used (a private one replaces it)",
                path.display()
            ));
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        let cached: Cached = serde_json::from_str(&text).ok()?;
        if cached.credentials != fingerprint {
            return None;
        }
        let expires_at = UNIX_EPOCH + Duration::from_secs(cached.expires_at);
        Some(StoredToken::new(AccessToken::new(cached.token), expires_at))
    }

    fn write_file(
        &self,
        path: &Path,
        fingerprint: u64,
        token: &StoredToken,
    ) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        let cached = Cached {
            token: token.token.expose().to_string(),
            expires_at: token
                .expires_at
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            credentials: fingerprint,
        };
        let text = serde_json::to_string(&cached).map_err(std::io::Error::other)?;
        // Written beside and renamed over: a reader never sees half a file,
        // and a file that was readable by others is replaced, not reused.
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("token"),
            std::process::id()
        ));
        write_private(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, path)
    }
}

/// Only the characters a file name can always hold.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' => c,
            _ => '_',
        })
        .collect()
}

#[cfg(unix)]
fn private(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o077 == 0
}

#[cfg(not(unix))]
fn private(_: &std::fs::Metadata) -> bool {
    true
}

impl TokenStore for CliTokenStore {
    fn get(&self) -> BoxFuture<'_, once_sdk::Result<Option<StoredToken>>> {
        Box::pin(async move {
            if let Some(t) = self.memory.get().await? {
                return Ok(Some(t));
            }
            let Some((path, fingerprint)) = self.file.get() else {
                return Ok(None);
            };
            let found = self
                .read_file(path, *fingerprint)
                .filter(|t| t.expires_at > SystemTime::now());
            if let Some(t) = &found {
                self.memory.put(t.clone()).await?;
            }
            Ok(found)
        })
    }

    fn put(&self, token: StoredToken) -> BoxFuture<'_, once_sdk::Result<()>> {
        Box::pin(async move {
            if let Some((path, fingerprint)) = self.file.get() {
                if let Err(e) = self.write_file(path, *fingerprint, &token) {
                    // The command goes on; the next run fetches again.
                    self.warn(&format!("cannot write {}: {e}", path.display()));
                }
            }
            self.memory.put(token).await
        })
    }

    fn remove_if(&self, token: &AccessToken) -> BoxFuture<'_, once_sdk::Result<()>> {
        let token = token.clone();
        Box::pin(async move {
            if let Some((path, fingerprint)) = self.file.get() {
                // 1NCE refused it: the next run must not try it again.
                if self
                    .read_file(path, *fingerprint)
                    .is_some_and(|t| t.token == token)
                {
                    let _ = std::fs::remove_file(path);
                }
            }
            self.memory.remove_if(&token).await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_holds_the_client_id_and_host_only() {
        let p = CliTokenStore::path_in(
            Path::new("/home/u/.cache"),
            "my client/1",
            "https://api.1nce.com/management-api",
        );
        assert_eq!(
            p.file_name().unwrap().to_str().unwrap(),
            "my_client_1@api.1nce.com.json"
        );
        assert_eq!(
            p,
            Path::new("/home/u/.cache/once/tokens/my_client_1@api.1nce.com.json")
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_token_survives_the_run_in_a_private_file_and_a_readable_one_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens").join("c@h.json");
        let first = CliTokenStore::new();
        first.persist_at(path.clone(), 7);
        let token = StoredToken::new(
            AccessToken::new("tok-1"),
            SystemTime::now() + Duration::from_secs(3600),
        );
        first.put(token.clone()).await.unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);

        // The next run reads it.
        let second = CliTokenStore::new();
        second.persist_at(path.clone(), 7);
        let got = second.get().await.unwrap().expect("the cached token");
        assert_eq!(got.token, token.token);

        // Readable by others: not used.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let third = CliTokenStore::new();
        third.persist_at(path.clone(), 7);
        assert!(third.get().await.unwrap().is_none());

        // Issued for other credentials: not used.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let other = CliTokenStore::new();
        other.persist_at(path.clone(), 8);
        assert!(other.get().await.unwrap().is_none());

        // Expired: not used.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let old = CliTokenStore::new();
        old.persist_at(path.clone(), 7);
        old.put(StoredToken::new(
            AccessToken::new("tok-0"),
            SystemTime::now() - Duration::from_secs(1),
        ))
        .await
        .unwrap();
        let fourth = CliTokenStore::new();
        fourth.persist_at(path.clone(), 7);
        assert!(fourth.get().await.unwrap().is_none());

        // Refused by 1NCE (remove_if): the file goes.
        let fifth = CliTokenStore::new();
        fifth.persist_at(path.clone(), 7);
        fifth.put(token.clone()).await.unwrap();
        fifth.remove_if(&token.token).await.unwrap();
        assert!(!path.exists());
    }
}
