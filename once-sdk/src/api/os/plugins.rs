//! Plugin system: `client.os().plugins()`.

use super::*;
use crate::types::os::{Partner, Plugin, PluginId, PluginRestart, PluginSettings};

/// Partner plugins, from [`Os::plugins`].
#[derive(Clone, Debug)]
pub struct Plugins {
    client: Client,
}

fn check_id(id: &PluginId) -> std::result::Result<(), ValidationError> {
    non_empty("pluginId", id.as_str())
}

impl Plugins {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The plugins.
    ///
    /// `GET /v1/partners/plugins`. Read-only.
    pub fn list(&self) -> List<Plugin> {
        list(&self.client, unpaged(&PLUGINS), &PLUGINS, &[])
    }

    /// One plugin (its partner's fields set).
    ///
    /// `GET /v1/partners/plugins/{pluginId}`. Read-only.
    pub fn get(&self, id: &PluginId) -> Call<Plugin> {
        match check_id(id) {
            Ok(()) => plain(&self.client, &PLUGIN, &[id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Creates the plugin of `partner` with its settings
    /// ([`PluginSettings::datacake`], `mender`, `tartabit`, `memfault`);
    /// the settings a partner needs are checked first.
    ///
    /// `POST /v1/partners/{DATACAKE|MENDER|TARTABIT|MEMFAULT}/plugins`.
    /// Never retried once it may have reached 1NCE. Tokens and keys are
    /// redacted in `Debug` and scrubbed from errors.
    pub fn create(&self, partner: Partner, settings: &PluginSettings) -> Call<Plugin> {
        let s = settings;
        let (op, check): (
            &'static OsOperation,
            std::result::Result<(), ValidationError>,
        ) = match partner {
            Partner::Datacake => (
                &CREATE_DATACAKE,
                non_empty("workspaceId", s.workspace_id.as_deref().unwrap_or("")),
            ),
            Partner::Mender => (
                &CREATE_MENDER,
                non_empty(
                    "tenantToken",
                    s.tenant_token.as_ref().map_or("", |t| t.expose()),
                ),
            ),
            Partner::Tartabit => (
                &CREATE_TARTABIT,
                non_empty("serverDomain", s.server_domain.as_deref().unwrap_or("")).and_then(
                    |_| {
                        non_empty(
                            "webhookKey",
                            s.webhook_key.as_ref().map_or("", |t| t.expose()),
                        )
                    },
                ),
            ),
            Partner::Memfault => (&CREATE_MEMFAULT, Ok(())),
            Partner::Unknown(p) => {
                let e = ValidationError::new(
                    "partner",
                    format!("must be DATACAKE, MENDER, TARTABIT or MEMFAULT, got {p}"),
                );
                return Call::invalid(&self.client, e, call::json);
            }
        };
        if let Err(e) = check {
            return Call::invalid(&self.client, e, call::json);
        }
        let req = op.request(&[]).json(settings).map(|r| {
            [&s.tenant_token, &s.private_key, &s.webhook_key]
                .into_iter()
                .flatten()
                .fold(r, |r, v| r.secret(v.expose()))
        });
        Call::new(&self.client, req, call::json)
    }

    /// Restarts a plugin.
    ///
    /// `POST /v1/partners/plugins/{pluginId}/restart`. Never retried once
    /// it may have reached 1NCE.
    pub fn restart(&self, id: &PluginId) -> Call<PluginRestart> {
        match check_id(id) {
            Ok(()) => plain(&self.client, &RESTART_PLUGIN, &[id.as_str()]),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }

    /// Deletes a plugin.
    ///
    /// `DELETE /v1/partners/plugins/{pluginId}`. Disconnects the partner:
    /// never retried once it may have reached 1NCE.
    pub fn delete(&self, id: &PluginId) -> Call<()> {
        match check_id(id) {
            Ok(()) => Call::new(
                &self.client,
                Ok(DELETE_PLUGIN.request(&[id.as_str()])),
                call::empty,
            ),
            Err(e) => Call::invalid(&self.client, e, call::empty),
        }
    }
}
