//! Settings, agreements and administration logs: `client.os().settings()`,
//! `.agreements()`, `.logs()`.

use super::*;
use crate::types::os::{
    AdminLog, AdminLogId, AdminLogStats, Agreement, LogCategory, OsSetting, OsSettingChanged,
    OsSettingUpdate, SettingsLanguage,
};

/// 1NCE OS settings, from [`Os::settings`].
#[derive(Clone, Debug)]
pub struct Settings {
    client: Client,
}

/// The 1NCE OS agreement, from [`Os::agreements`].
#[derive(Clone, Debug)]
pub struct Agreements {
    client: Client,
}

/// Administration logs, from [`Os::logs`].
#[derive(Clone, Debug)]
pub struct Logs {
    client: Client,
}

impl Settings {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The account's 1NCE OS settings; `language` picks the descriptions'.
    ///
    /// `GET /v1/settings/1nceos`. Read-only.
    pub fn list(&self) -> List<OsSetting> {
        list(
            &self.client,
            paged(&SETTINGS, 10, 100, "name"),
            &SETTINGS,
            &[],
        )
    }

    /// Switches setting `name` (e.g. `LWM2M_PASSIVE_REPORTING`) on or off.
    ///
    /// `PATCH /v1/settings/1nceos/{name}`. Sets a value: retried on
    /// transient failures.
    pub fn update(&self, name: &str, update: &OsSettingUpdate) -> Call<OsSettingChanged> {
        let check = non_empty("name", name).and_then(|_| match update.state {
            Some(_) => Ok(()),
            None => Err(ValidationError::new("state", "is required")),
        });
        match check {
            Ok(()) => with_body(&self.client, &UPDATE_SETTING, &[name], update, call::json),
            Err(e) => Call::invalid(&self.client, e, call::json),
        }
    }
}

impl List<OsSetting> {
    /// The language of the descriptions.
    pub fn language(self, language: SettingsLanguage) -> Self {
        only_on(self, &[&SETTINGS], "language", language)
    }
}

impl Agreements {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Accepts (or declines) the 1NCE OS agreement.
    ///
    /// `POST /v1/agreements/1nceos`. Answering twice gives the same answer:
    /// retried on transient failures.
    pub fn accept(&self, accepted: bool) -> Call<()> {
        let body = Agreement {
            accepted: Some(accepted),
        };
        with_body(&self.client, &ACCEPT_AGREEMENT, &[], &body, call::empty)
    }
}

impl Logs {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The administration logs; `q` filters with 1NCE's syntax
    /// (`type:device,iccid:<iccid>;startDateTime:<utc_date>`).
    ///
    /// `GET /v1/administrationLogs`. Read-only.
    pub fn list(&self) -> List<AdminLog> {
        list(&self.client, paged(&LOGS, 10, 100, "id"), &LOGS, &[])
    }

    /// Log figures per day in `timezone` (e.g. `Europe/Amsterdam`),
    /// optionally of one category.
    ///
    /// `GET /v1/administrationLogs/stats`. Read-only.
    pub fn stats(&self, timezone: &str, category: Option<LogCategory>) -> Call<AdminLogStats> {
        let req = non_empty("timezone", timezone)
            .map(|_| {
                LOG_STATS
                    .request(&[])
                    .query("timezone", timezone)
                    .query_opt("category", category.as_ref())
            })
            .map_err(Error::from);
        Call::new(&self.client, req, call::json)
    }

    /// The URL of a log's payload (1NCE answers it as `text/x-uri`).
    ///
    /// `GET /v1/administrationLogs/{adminLogId}/payload`. Read-only.
    pub fn payload_url(&self, id: &AdminLogId) -> Call<String> {
        let decode: call::Decoder<String> =
            |resp, _| Ok(String::from_utf8_lossy(&resp.body).trim().to_string());
        match non_empty("adminLogId", id.as_str()) {
            Ok(()) => Call::new(
                &self.client,
                Ok(LOG_PAYLOAD.request(&[id.as_str()])),
                decode,
            ),
            Err(e) => Call::invalid(&self.client, e, decode),
        }
    }
}

impl List<AdminLog> {
    /// 1NCE's query (`type:device,iccid:<iccid>;startDateTime:<utc_date>`).
    pub fn q(self, query: impl Into<String>) -> Self {
        only_on(self, &[&LOGS], "q", query.into())
    }
}
