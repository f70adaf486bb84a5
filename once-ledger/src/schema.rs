//! The ledger's tables and their versioned migrations, for PostgreSQL and
//! SQLite alike.
//!
//! Each migration is a version number, a description and one script per
//! database. `ledger_migrations` records what was applied; a database that
//! records a version this code does not know is refused (it was migrated
//! by a newer once-ledger).

/// One schema change.
pub(crate) struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub postgres: &'static str,
    pub sqlite: &'static str,
}

/// Every migration, oldest first.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "sims, quota snapshots, usage, events, SMS records, rejected records",
        postgres: POSTGRES_V1,
        sqlite: SQLITE_V1,
    },
    Migration {
        version: 2,
        description: "usage_daily: the fleet's usage per UTC day, country, operator, RAT and traffic type, kept at ingest",
        postgres: POSTGRES_V2,
        sqlite: SQLITE_V2,
    },
    Migration {
        version: 3,
        description: "the top-up policy: decisions with their intents and outcomes, monthly budgets, the replicas' lease",
        postgres: POSTGRES_V3,
        sqlite: SQLITE_V3,
    },
];

/// The newest schema version this code writes.
pub const SCHEMA_VERSION: i64 = 3;

/// The tables partitioned by month in PostgreSQL, with their time column.
pub(crate) const PARTITIONED: &[(&str, &str)] =
    &[("usage", "end_at"), ("events", "at"), ("sms_records", "at")];

pub(crate) const POSTGRES_MIGRATIONS_TABLE: &str = "
CREATE TABLE IF NOT EXISTS ledger_migrations (
    version     BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)";

pub(crate) const SQLITE_MIGRATIONS_TABLE: &str = "
CREATE TABLE IF NOT EXISTS ledger_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)";

// Times are UTC. Volumes are MiB (data) or counts (SMS), as 1NCE sends
// them. `raw` is each record's JSON text exactly as 1NCE sent it (TEXT:
// cast it with `raw::jsonb` in PostgreSQL to query into it; a JSONB column
// would refuse a record that carries `\u0000`, and with it the whole batch). The 1NCE id and the time column form the key
// of each time-series table: a retransmission carries both unchanged, and
// PostgreSQL needs the partition column in every unique key (TimescaleDB's
// `create_hypertable` and Citus need the same).
const POSTGRES_V1: &str = "
CREATE TABLE sims (
    iccid       TEXT PRIMARY KEY,
    imsi        TEXT,
    msisdn      TEXT,
    imei        TEXT,
    ip_address  TEXT,
    status      TEXT,
    label       TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE quota_snapshots (
    iccid        TEXT NOT NULL,
    service      TEXT NOT NULL,
    observed_at  TIMESTAMPTZ NOT NULL,
    volume       DOUBLE PRECISION,
    total_volume DOUBLE PRECISION,
    expiry_date  TIMESTAMPTZ,
    source       TEXT NOT NULL,
    PRIMARY KEY (iccid, service, observed_at)
);

CREATE TABLE usage (
    id           TEXT NOT NULL,
    iccid        TEXT,
    start_at     TIMESTAMPTZ,
    end_at       TIMESTAMPTZ NOT NULL,
    traffic_type TEXT NOT NULL,
    rx_mib       DOUBLE PRECISION,
    tx_mib       DOUBLE PRECISION,
    total_mib    DOUBLE PRECISION,
    operator     TEXT,
    mcc          TEXT,
    mnc          TEXT,
    country      TEXT,
    rat          TEXT,
    session_id   TEXT,
    quota_id     TEXT,
    cost         DOUBLE PRECISION,
    currency     TEXT,
    received_at  TIMESTAMPTZ NOT NULL,
    raw          TEXT NOT NULL,
    PRIMARY KEY (id, end_at)
) PARTITION BY RANGE (end_at);
CREATE TABLE usage_default PARTITION OF usage DEFAULT;
CREATE INDEX usage_iccid_end_at ON usage (iccid, end_at);
CREATE INDEX usage_end_at ON usage (end_at);

CREATE TABLE events (
    id                     TEXT NOT NULL,
    iccid                  TEXT,
    at                     TIMESTAMPTZ NOT NULL,
    event_type             INTEGER NOT NULL,
    event_type_description TEXT,
    severity               SMALLINT,
    severity_id            SMALLINT,
    severity_ambiguous     BOOLEAN NOT NULL,
    source                 SMALLINT,
    alert                  BOOLEAN,
    description            TEXT,
    detail                 TEXT,
    received_at            TIMESTAMPTZ NOT NULL,
    raw                    TEXT NOT NULL,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX events_iccid_at ON events (iccid, at);
CREATE INDEX events_at ON events (at);

CREATE TABLE sms_records (
    kind           TEXT NOT NULL,
    id             TEXT NOT NULL,
    iccid          TEXT,
    at             TIMESTAMPTZ NOT NULL,
    status         TEXT,
    sms_id         TEXT,
    payload        TEXT,
    source_address TEXT,
    received_at    TIMESTAMPTZ NOT NULL,
    raw            TEXT NOT NULL,
    PRIMARY KEY (kind, id, at)
) PARTITION BY RANGE (at);
CREATE TABLE sms_records_default PARTITION OF sms_records DEFAULT;
CREATE INDEX sms_records_iccid_at ON sms_records (iccid, at);

CREATE TABLE rejected (
    key         TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
";

// SQLite: the same tables and keys; times as ISO 8601 text in UTC
// (`2026-12-01T10:05:00.000Z`), which sorts and compares as time.
const SQLITE_V1: &str = "
CREATE TABLE sims (
    iccid       TEXT PRIMARY KEY,
    imsi        TEXT,
    msisdn      TEXT,
    imei        TEXT,
    ip_address  TEXT,
    status      TEXT,
    label       TEXT,
    updated_at  TEXT NOT NULL
);

CREATE TABLE quota_snapshots (
    iccid        TEXT NOT NULL,
    service      TEXT NOT NULL,
    observed_at  TEXT NOT NULL,
    volume       REAL,
    total_volume REAL,
    expiry_date  TEXT,
    source       TEXT NOT NULL,
    PRIMARY KEY (iccid, service, observed_at)
);

CREATE TABLE usage (
    id           TEXT NOT NULL,
    iccid        TEXT,
    start_at     TEXT,
    end_at       TEXT NOT NULL,
    traffic_type TEXT NOT NULL,
    rx_mib       REAL,
    tx_mib       REAL,
    total_mib    REAL,
    operator     TEXT,
    mcc          TEXT,
    mnc          TEXT,
    country      TEXT,
    rat          TEXT,
    session_id   TEXT,
    quota_id     TEXT,
    cost         REAL,
    currency     TEXT,
    received_at  TEXT NOT NULL,
    raw          TEXT NOT NULL,
    PRIMARY KEY (id, end_at)
);
CREATE INDEX usage_iccid_end_at ON usage (iccid, end_at);
CREATE INDEX usage_end_at ON usage (end_at);

CREATE TABLE events (
    id                     TEXT NOT NULL,
    iccid                  TEXT,
    at                     TEXT NOT NULL,
    event_type             INTEGER NOT NULL,
    event_type_description TEXT,
    severity               INTEGER,
    severity_id            INTEGER,
    severity_ambiguous     INTEGER NOT NULL,
    source                 INTEGER,
    alert                  INTEGER,
    description            TEXT,
    detail                 TEXT,
    received_at            TEXT NOT NULL,
    raw                    TEXT NOT NULL,
    PRIMARY KEY (id, at)
);
CREATE INDEX events_iccid_at ON events (iccid, at);
CREATE INDEX events_at ON events (at);

CREATE TABLE sms_records (
    kind           TEXT NOT NULL,
    id             TEXT NOT NULL,
    iccid          TEXT,
    at             TEXT NOT NULL,
    status         TEXT,
    sms_id         TEXT,
    payload        TEXT,
    source_address TEXT,
    received_at    TEXT NOT NULL,
    raw            TEXT NOT NULL,
    PRIMARY KEY (kind, id, at)
);
CREATE INDEX sms_records_iccid_at ON sms_records (iccid, at);

CREATE TABLE rejected (
    key         TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL,
    received_at TEXT NOT NULL
);
";

// The daily rollup: one row per UTC day and (country, operator, RAT,
// traffic type), the fleet's questions (a SIM's own are answered from the
// rows by the (iccid, end_at) index; a row per SIM and day here would double
// the writes of every batch), added to in the same transaction as the usage rows that
// are new (a duplicate adds nothing). Missing values are '' in the key
// (a unique key treats NULLs as distinct). Filled from `usage` when the
// migration runs.
const POSTGRES_V2: &str = "
CREATE TABLE usage_daily (
    day          DATE NOT NULL,
    country      TEXT NOT NULL,
    operator     TEXT NOT NULL,
    rat          TEXT NOT NULL,
    traffic_type TEXT NOT NULL,
    total_mib    DOUBLE PRECISION NOT NULL,
    rx_mib       DOUBLE PRECISION NOT NULL,
    tx_mib       DOUBLE PRECISION NOT NULL,
    records      BIGINT NOT NULL,
    PRIMARY KEY (day, country, operator, rat, traffic_type)
);
INSERT INTO usage_daily
SELECT (end_at AT TIME ZONE 'UTC')::date, coalesce(country, ''),
       coalesce(operator, ''), coalesce(rat, ''), traffic_type,
       coalesce(sum(total_mib), 0), coalesce(sum(rx_mib), 0), coalesce(sum(tx_mib), 0), count(*)
FROM usage GROUP BY 1, 2, 3, 4, 5;
";

const SQLITE_V2: &str = "
CREATE TABLE usage_daily (
    day          TEXT NOT NULL,
    country      TEXT NOT NULL,
    operator     TEXT NOT NULL,
    rat          TEXT NOT NULL,
    traffic_type TEXT NOT NULL,
    total_mib    REAL NOT NULL,
    rx_mib       REAL NOT NULL,
    tx_mib       REAL NOT NULL,
    records      INTEGER NOT NULL,
    PRIMARY KEY (day, country, operator, rat, traffic_type)
);
INSERT INTO usage_daily
SELECT substr(end_at, 1, 10), coalesce(country, ''),
       coalesce(operator, ''), coalesce(rat, ''), traffic_type,
       coalesce(sum(total_mib), 0), coalesce(sum(rx_mib), 0), coalesce(sum(tx_mib), 0), count(*)
FROM usage GROUP BY 1, 2, 3, 4, 5;
";

// The top-up policy (once_ledger::policy). One row per decision, its
// intent written before the call and its outcome after; at most one open
// decision per SIM (the partial unique index); the monthly spend per scope
// (`*` overall, `group:NAME`); one lease row that one replica at a time
// holds. Times are ISO 8601 text in UTC in both databases (as in SQLite's
// other tables), so one set of statements serves both.
const POSTGRES_V3: &str = "
CREATE TABLE policy_decisions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  TEXT NOT NULL,
    grp         TEXT NOT NULL,
    iccid       TEXT NOT NULL,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    seen        TEXT NOT NULL,
    amount      DOUBLE PRECISION,
    month       TEXT,
    approved_at TEXT,
    approved_by TEXT,
    intent_at   TEXT,
    holder      TEXT,
    mark        TEXT,
    outcome_at  TEXT,
    outcome     TEXT
);
CREATE UNIQUE INDEX policy_decisions_open ON policy_decisions (iccid)
    WHERE status IN ('pending', 'approved', 'intent', 'unknown');
CREATE INDEX policy_decisions_status ON policy_decisions (status);
CREATE TABLE policy_budget (
    month   TEXT NOT NULL,
    scope   TEXT NOT NULL,
    actions BIGINT NOT NULL DEFAULT 0,
    amount  DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (month, scope)
);
CREATE TABLE policy_lease (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
";

const SQLITE_V3: &str = "
CREATE TABLE policy_decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,
    grp         TEXT NOT NULL,
    iccid       TEXT NOT NULL,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    seen        TEXT NOT NULL,
    amount      REAL,
    month       TEXT,
    approved_at TEXT,
    approved_by TEXT,
    intent_at   TEXT,
    holder      TEXT,
    mark        TEXT,
    outcome_at  TEXT,
    outcome     TEXT
);
CREATE UNIQUE INDEX policy_decisions_open ON policy_decisions (iccid)
    WHERE status IN ('pending', 'approved', 'intent', 'unknown');
CREATE INDEX policy_decisions_status ON policy_decisions (status);
CREATE TABLE policy_budget (
    month   TEXT NOT NULL,
    scope   TEXT NOT NULL,
    actions INTEGER NOT NULL DEFAULT 0,
    amount  REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (month, scope)
);
CREATE TABLE policy_lease (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_rise_by_one_and_end_at_the_schema_version() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "{}", m.description);
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(SCHEMA_VERSION));
    }
}
