//! `--web.config.file`: TLS and HTTP basic auth for every path, in the
//! format of the Prometheus exporter-toolkit (what node_exporter and the
//! other Go exporters read):
//!
//! ```yaml
//! tls_server_config:
//!   cert_file: /etc/once-exporter/cert.pem   # relative paths: to this file's directory
//!   key_file: /etc/once-exporter/key.pem
//! basic_auth_users:
//!   prometheus: $2y$10$...                   # bcrypt (htpasswd -nBC 10 "" | tr -d ':\n')
//! ```
//!
//! Either part may be left out. Settings of the toolkit this exporter does
//! not implement (client certificates, TLS versions, cipher suites, HTTP
//! headers) are refused rather than ignored.

use std::collections::{BTreeMap, HashSet};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde::Deserialize;

/// Why the web config could not be used; the message names the flag, the
/// file and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("--web.config.file {path}: {problem}")]
pub struct WebConfigError {
    /// The config file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    tls_server_config: Option<TlsFormat>,
    #[serde(default)]
    basic_auth_users: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TlsFormat {
    cert_file: Option<PathBuf>,
    key_file: Option<PathBuf>,
}

/// A loaded web config: the TLS server settings and the users.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    tls: Option<Arc<rustls::ServerConfig>>,
    users: BTreeMap<String, String>,
}

impl WebConfig {
    /// Reads and checks `path`: the YAML, the certificate chain and key
    /// (relative paths are taken from the config file's directory), and
    /// that every password is a bcrypt hash.
    pub fn load(path: &Path) -> Result<WebConfig, WebConfigError> {
        let err = |problem: String| WebConfigError {
            path: path.to_path_buf(),
            problem,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let file: FileFormat = if text.trim().is_empty() {
            FileFormat::default()
        } else {
            serde_yaml_ng::from_str(&text).map_err(|e| err(e.to_string()))?
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let tls = match file.tls_server_config {
            None => None,
            Some(TlsFormat {
                cert_file: Some(cert),
                key_file: Some(key),
            }) => Some(Arc::new(
                server_config(&dir.join(cert), &dir.join(key)).map_err(err)?,
            )),
            Some(_) => {
                return Err(err(
                    "tls_server_config needs both cert_file and key_file".into()
                ))
            }
        };
        let users = file.basic_auth_users.unwrap_or_default();
        for (user, hash) in &users {
            if user.contains(':') {
                return Err(err(format!(
                    "basic_auth_users: the user name {user:?} contains ':', which basic auth cannot carry"
                )));
            }
            if hash.parse::<bcrypt::HashParts>().is_err() {
                return Err(err(format!(
                    "basic_auth_users.{user}: not a bcrypt hash ($2y$..., e.g. from htpasswd -nBC 10)"
                )));
            }
        }
        Ok(WebConfig { tls, users })
    }

    /// True when connections must speak TLS.
    pub fn tls(&self) -> bool {
        self.tls.is_some()
    }

    /// True when requests need basic auth.
    pub fn basic_auth(&self) -> bool {
        !self.users.is_empty()
    }

    /// The TLS acceptor, if TLS is on.
    pub(crate) fn acceptor(&self) -> Option<tokio_rustls::TlsAcceptor> {
        self.tls.clone().map(tokio_rustls::TlsAcceptor::from)
    }

    /// The basic-auth check, if users are configured.
    pub(crate) fn auth(&self) -> Option<Auth> {
        if self.users.is_empty() {
            return None;
        }
        // Unknown users are checked against a hash of the same cost, so
        // that the answer takes as long as for a known one.
        let cost = self
            .users
            .values()
            .filter_map(|h| h.parse::<bcrypt::HashParts>().ok())
            .map(|p| p.get_cost())
            .max()
            .unwrap_or(bcrypt::DEFAULT_COST);
        let dummy = bcrypt::hash("once-exporter: no such user", cost).unwrap_or_default();
        Some(Auth {
            users: self.users.clone(),
            dummy,
            verified: Arc::new(Mutex::new(HashSet::new())),
            keys: std::collections::hash_map::RandomState::new(),
        })
    }
}

fn server_config(cert: &Path, key: &Path) -> Result<rustls::ServerConfig, String> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<Result<_, _>>())
        .map_err(|e| format!("tls_server_config.cert_file {}: {e}", cert.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "tls_server_config.cert_file {}: no certificate in it",
            cert.display()
        ));
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| format!("tls_server_config.key_file {}: {e}", key.display()))?;
    // The process's provider when one is installed, else aws-lc-rs by name:
    // with both ring and aws-lc-rs compiled in (a workspace build with every
    // feature), rustls cannot choose and `ServerConfig::builder()` panics.
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("tls_server_config: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("tls_server_config: {e}"))?;
    // The server speaks HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// Checks `Authorization: Basic` against the configured users.
#[derive(Clone, Debug)]
pub(crate) struct Auth {
    users: BTreeMap<String, String>,
    dummy: String,
    /// Keyed hashes of user and password pairs that passed bcrypt (bcrypt
    /// is slow by design; Prometheus sends the same pair on every scrape).
    /// Failures are not kept.
    verified: Arc<Mutex<HashSet<u64>>>,
    keys: std::collections::hash_map::RandomState,
}

/// Kept successes at most (then the set starts over).
const VERIFIED_MAX: usize = 1024;

impl Auth {
    /// True when the header names a user and the right password.
    pub(crate) async fn allows(&self, authorization: Option<&str>) -> bool {
        let Some((user, password)) = authorization.and_then(basic_credentials) else {
            return false;
        };
        let key = self.keys.hash_one((&user, &password));
        let known = self.users.get(&user);
        if known.is_some()
            && self
                .verified
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(&key)
        {
            return true;
        }
        let hash = known.cloned().unwrap_or_else(|| self.dummy.clone());
        let ok = tokio::task::spawn_blocking(move || bcrypt::verify(password, &hash))
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or(false)
            && known.is_some();
        if ok {
            let mut verified = self.verified.lock().unwrap_or_else(|p| p.into_inner());
            if verified.len() >= VERIFIED_MAX {
                verified.clear();
            }
            verified.insert(key);
        }
        ok
    }
}

/// User and password of an `Authorization: Basic ...` value.
fn basic_credentials(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_read_from_the_header() {
        // "alice:s3:cret" (a colon in the password is fine).
        assert_eq!(
            basic_credentials("Basic YWxpY2U6czM6Y3JldA=="),
            Some(("alice".into(), "s3:cret".into()))
        );
        assert_eq!(
            basic_credentials("basic YWxpY2U6czM6Y3JldA=="),
            Some(("alice".into(), "s3:cret".into()))
        );
        assert_eq!(basic_credentials("Bearer YWxpY2U6czM6Y3JldA=="), None);
        assert_eq!(basic_credentials("Basic !!!"), None);
        // "alice" without a colon.
        assert_eq!(basic_credentials("Basic YWxpY2U="), None);
    }

    #[tokio::test]
    async fn right_password_passes_and_wrong_ones_or_unknown_users_do_not() {
        let hash = bcrypt::hash("s3cret", 4).unwrap();
        let config = WebConfig {
            tls: None,
            users: [("alice".to_string(), hash)].into(),
        };
        let auth = config.auth().unwrap();
        let header = |u: &str, p: &str| {
            use base64::Engine as _;
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"))
            )
        };
        assert!(auth.allows(Some(&header("alice", "s3cret"))).await);
        // Again, from the cache.
        assert!(auth.allows(Some(&header("alice", "s3cret"))).await);
        assert!(!auth.allows(Some(&header("alice", "wrong"))).await);
        assert!(!auth.allows(Some(&header("bob", "s3cret"))).await);
        assert!(!auth.allows(None).await);
    }
}
