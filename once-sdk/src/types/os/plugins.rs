//! Plugin system: partner plugins (Datacake, Mender, Tartabit, Memfault).

use super::{os_model, OutcomeStatus, PluginId, Secret};
use crate::types::string_enum;
use crate::types::Timestamp;

string_enum!(
    /// A partner of the plugin system.
    Partner {
        /// Datacake.
        Datacake = "DATACAKE",
        /// Mender.
        Mender = "MENDER",
        /// Tartabit.
        Tartabit = "TARTABIT",
        /// Memfault.
        Memfault = "MEMFAULT",
    }
);

os_model!(
    /// A partner plugin; the fields beyond the common ones depend on the
    /// partner.
    Plugin {
        /// Its id.
        id: PluginId = "id",
        /// The partner.
        partner: Partner = "partner",
        /// When it was created.
        created: Timestamp = "created",
        /// When it last changed.
        updated: Timestamp = "updated",
        /// Its status.
        status: String = "status",
        /// The Datacake workspace.
        workspace_id: String = "workspaceId",
        /// The Mender tenant token (a secret).
        tenant_token: Secret = "tenantToken",
        /// The Mender private key (a secret).
        private_key: Secret = "privateKey",
        /// The Mender public key.
        public_key: String = "publicKey",
        /// The Tartabit server.
        server_domain: String = "serverDomain",
        /// The Tartabit webhook key (a secret).
        webhook_key: Secret = "webhookKey",
        /// The Memfault account e-mail.
        email: String = "email",
        /// The Memfault URL.
        url: String = "url",
        /// The Memfault project.
        memfault_project_id: String = "memfaultProjectId",
    }
);

os_model!(
    /// The settings of a new partner plugin: each partner needs its own
    /// (build them with [`datacake`](Self::datacake), [`mender`](Self::mender),
    /// [`tartabit`](Self::tartabit) or [`memfault`](Self::memfault)).
    PluginSettings {
        /// Datacake: the workspace.
        workspace_id: String = "workspaceId",
        /// Mender: the tenant token.
        tenant_token: Secret = "tenantToken",
        /// Mender: a private key.
        private_key: Secret = "privateKey",
        /// Mender: a public key.
        public_key: String = "publicKey",
        /// Tartabit: the server.
        server_domain: String = "serverDomain",
        /// Tartabit: the webhook key.
        webhook_key: Secret = "webhookKey",
    }
);

impl PluginSettings {
    /// Datacake, for `workspace_id`.
    pub fn datacake(workspace_id: impl Into<String>) -> Self {
        Self {
            workspace_id: Some(workspace_id.into()),
            ..Self::default()
        }
    }

    /// Mender, with the tenant's token.
    pub fn mender(tenant_token: impl Into<Secret>) -> Self {
        Self {
            tenant_token: Some(tenant_token.into()),
            ..Self::default()
        }
    }

    /// Tartabit, on `server_domain` with `webhook_key`.
    pub fn tartabit(server_domain: impl Into<String>, webhook_key: impl Into<Secret>) -> Self {
        Self {
            server_domain: Some(server_domain.into()),
            webhook_key: Some(webhook_key.into()),
            ..Self::default()
        }
    }

    /// Memfault (no settings).
    pub fn memfault() -> Self {
        Self::default()
    }
}

os_model!(
    /// What restarting a plugin did.
    PluginRestart {
        /// The plugin.
        plugin: Plugin = "plugin",
        /// Success or failure.
        restart_status: OutcomeStatus = "restartStatus",
        /// 1NCE's message.
        message: String = "message",
    }
);
