//! Credentials: environment variables and profiles in a config file.
//!
//! The file is `$ONCE_CONFIG`, else `$XDG_CONFIG_HOME/once/config.toml`,
//! else `~/.config/once/config.toml`:
//!
//! ```toml
//! [profiles.default]
//! client_id = "my-client"
//! client_secret = "..."
//! # base_url = "https://api.1nce.com/management-api"
//! ```
//!
//! `once configure` writes it with mode 0600; a file that others can read
//! is refused. Which credentials a command uses: `--sandbox`; else
//! `--profile NAME` (or `ONCE_PROFILE`); else `ONCE_CLIENT_ID` and
//! `ONCE_CLIENT_SECRET` (with `ONCE_BASE_URL`); else the profile `default`.
//! A profile without `base_url` uses `ONCE_BASE_URL` if set.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::exit::CliError;

/// One profile of the config file.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Profile {
    /// The API user's client id.
    pub client_id: String,
    /// The API user's secret (never printed).
    pub client_secret: String,
    /// Base URL, if not 1NCE's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// The whole config file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ConfigFile {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: std::collections::BTreeMap<String, Profile>,
}

/// Credentials resolved for a command.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The credentials.
    pub profile: Profile,
    /// Where they came from, for messages (`profile "x" in PATH`, `environment`).
    pub source: String,
    /// The profile's name, when they came from a profile.
    pub profile_name: Option<String>,
    /// Where the base URL came from (the profile, `ONCE_BASE_URL`, or
    /// `default` when none is set).
    pub base_url_source: String,
}

/// The path of the config file.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ONCE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("once").join("config.toml"))
}

/// Reads the config file, refusing one that others can read.
/// `Ok(None)` if there is none.
pub fn read(path: &Path) -> Result<Option<ConfigFile>, CliError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::auth(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    check_private(path, &meta)?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::auth(format!("cannot read {}: {e}", path.display())))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        CliError::auth(format!(
            "{} is not a valid config file: {}\n  hint: rewrite it with `once configure`",
            path.display(),
            e.message()
        ))
    })?;
    Ok(Some(file))
}

#[cfg(unix)]
fn check_private(path: &Path, meta: &std::fs::Metadata) -> Result<(), CliError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(CliError::auth(format!(
            "refusing to read {}: it holds secrets but others can read it (mode {mode:04o})\n  \
             hint: run `chmod 600 {}`",
            path.display(),
            path.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _meta: &std::fs::Metadata) -> Result<(), CliError> {
    Ok(())
}

/// Picks the credentials for a command (see the module docs for the order).
pub fn resolve(profile: Option<&str>) -> Result<Resolved, CliError> {
    let env_profile = std::env::var("ONCE_PROFILE").ok().filter(|s| !s.is_empty());
    let named = profile.map(str::to_string).or(env_profile);
    let path = config_path();
    if let Some(name) = named {
        let path = path.ok_or_else(|| {
            CliError::auth("no config directory: set XDG_CONFIG_HOME or HOME (or ONCE_CONFIG)")
        })?;
        let file = read(&path)?.ok_or_else(|| {
            CliError::auth(format!(
                "profile {name:?} not found: {} does not exist\n  hint: run `once configure --profile {name}`",
                path.display()
            ))
        })?;
        let mut p = file.profiles.get(&name).cloned().ok_or_else(|| {
            CliError::auth(format!(
                "profile {name:?} not found in {} (it has: {})\n  hint: run `once configure --profile {name}`",
                path.display(),
                names(&file)
            ))
        })?;
        let source = format!("profile {name:?} in {}", path.display());
        let base_url_source = base_url_source(&mut p, &source);
        return Ok(Resolved {
            profile: p,
            source,
            profile_name: Some(name),
            base_url_source,
        });
    }
    let id = std::env::var("ONCE_CLIENT_ID")
        .ok()
        .filter(|s| !s.is_empty());
    let secret = std::env::var("ONCE_CLIENT_SECRET")
        .ok()
        .filter(|s| !s.is_empty());
    match (id, secret) {
        (Some(client_id), Some(client_secret)) => {
            let mut profile = Profile {
                client_id,
                client_secret,
                base_url: None,
            };
            let source = "environment (ONCE_CLIENT_ID)".to_string();
            let base_url_source = base_url_source(&mut profile, &source);
            return Ok(Resolved {
                profile,
                source,
                profile_name: None,
                base_url_source,
            });
        }
        (Some(_), None) => {
            return Err(CliError::auth(
                "ONCE_CLIENT_ID is set but ONCE_CLIENT_SECRET is not: set both",
            ))
        }
        (None, Some(_)) => {
            return Err(CliError::auth(
                "ONCE_CLIENT_SECRET is set but ONCE_CLIENT_ID is not: set both",
            ))
        }
        (None, None) => {}
    }
    if let Some(path) = path {
        if let Some(file) = read(&path)? {
            if let Some(p) = file.profiles.get("default") {
                let mut p = p.clone();
                let source = format!("profile \"default\" in {}", path.display());
                let base_url_source = base_url_source(&mut p, &source);
                return Ok(Resolved {
                    profile: p,
                    source,
                    profile_name: Some("default".into()),
                    base_url_source,
                });
            }
        }
    }
    Err(CliError::auth(
        "no credentials: set ONCE_CLIENT_ID and ONCE_CLIENT_SECRET, or run `once configure`\n  \
         hint: `once --sandbox ...` tries any command against a local fake of 1NCE",
    ))
}

/// Fills a profile's missing base URL from `ONCE_BASE_URL`; says where
/// the base URL comes from (`source` when the profile had one).
fn base_url_source(p: &mut Profile, source: &str) -> String {
    if p.base_url.is_some() {
        return source.to_string();
    }
    p.base_url = std::env::var("ONCE_BASE_URL")
        .ok()
        .filter(|s| !s.is_empty());
    match p.base_url {
        Some(_) => "environment (ONCE_BASE_URL)".into(),
        None => "default".into(),
    }
}

fn names(file: &ConfigFile) -> String {
    if file.profiles.is_empty() {
        return "no profiles".into();
    }
    file.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
}

/// Adds or replaces a profile and writes the file with mode 0600 (its
/// directory 0700), through a temporary file renamed into place.
pub fn write_profile(path: &Path, name: &str, profile: Profile) -> Result<(), CliError> {
    let mut file = read(path)?.unwrap_or_default();
    file.profiles.insert(name.to_string(), profile);
    let text = toml::to_string(&file)
        .map_err(|e| CliError::auth(format!("cannot encode the config file: {e}")))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |what: &str, e: std::io::Error| {
        CliError::auth(format!("cannot {what} {}: {e}", path.display()))
    };
    create_private_dir(dir).map_err(|e| fail("create the directory of", e))?;
    let tmp = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
    write_private(&tmp, text.as_bytes()).map_err(|e| fail("write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail("write", e)
    })
}

/// Creates `dir` (and its parents) with mode 0700 if it is missing.
#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.exists() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Writes `bytes` to `path` with mode 0600 (also when it existed), synced.
#[cfg(unix)]
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // The mode above applies only to a new file (and passes the umask).
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}
