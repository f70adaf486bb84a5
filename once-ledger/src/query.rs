//! Questions the ledger answers without calling 1NCE: usage totals by SIM,
//! country, operator, RAT or traffic type, per hour, day or month.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::LedgerError;

/// What usage is grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Group {
    /// One total for the whole fleet.
    Fleet,
    /// Per SIM (ICCID).
    Sim,
    /// Per visited country (its name as 1NCE sends it).
    Country,
    /// Per network operator.
    Operator,
    /// Per radio access technology (1NCE's code, e.g. `6` for LTE).
    Rat,
    /// Data or SMS.
    TrafficType,
}

impl Group {
    /// The column grouped by.
    pub(crate) fn column(self) -> &'static str {
        match self {
            Self::Fleet => "NULL",
            Self::Sim => "iccid",
            Self::Country => "country",
            Self::Operator => "operator",
            Self::Rat => "rat",
            Self::TrafficType => "traffic_type",
        }
    }

    /// From its name (`sim`, `country`, `operator`, `rat`, `traffic-type`, `fleet`).
    pub fn from_name(s: &str) -> Result<Self, LedgerError> {
        Ok(match s {
            "fleet" => Self::Fleet,
            "sim" => Self::Sim,
            "country" => Self::Country,
            "operator" => Self::Operator,
            "rat" => Self::Rat,
            "traffic-type" | "traffic_type" => Self::TrafficType,
            other => {
                return Err(LedgerError::Config(format!(
                "group: {other:?} is not one of fleet, sim, country, operator, rat, traffic-type"
            )))
            }
        })
    }
}

/// The time buckets totals are given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Granularity {
    /// One total for the whole period.
    Total,
    /// Per hour (UTC).
    Hour,
    /// Per day (UTC).
    Day,
    /// Per month (UTC).
    Month,
}

impl Granularity {
    /// From its name (`total`, `hour`, `day`, `month`).
    pub fn from_name(s: &str) -> Result<Self, LedgerError> {
        Ok(match s {
            "total" => Self::Total,
            "hour" => Self::Hour,
            "day" => Self::Day,
            "month" => Self::Month,
            other => {
                return Err(LedgerError::Config(format!(
                    "granularity: {other:?} is not one of total, hour, day, month"
                )))
            }
        })
    }
}

/// A period must have `from` before `to`.
fn check_period(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(), LedgerError> {
    match from < to {
        true => Ok(()),
        false => Err(LedgerError::Config(format!(
            "from: {from} must be before to ({to})"
        ))),
    }
}

/// A usage question: a period, a grouping, a granularity, the top N.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UsageQuery {
    /// From (inclusive), by the end of each usage record's period.
    pub from: DateTime<Utc>,
    /// To (exclusive).
    pub to: DateTime<Utc>,
    /// What the totals are per.
    pub group: Group,
    /// The time buckets.
    pub granularity: Granularity,
    /// Only the N groups with the most volume over the period.
    pub top: Option<u32>,
}

impl UsageQuery {
    /// Usage in `[from, to)`, one fleet total; refine with the setters.
    /// Fails when `from` is not before `to`.
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Self, LedgerError> {
        check_period(from, to)?;
        Ok(Self {
            from,
            to,
            group: Group::Fleet,
            granularity: Granularity::Total,
            top: None,
        })
    }

    /// What the totals are per.
    pub fn group(mut self, group: Group) -> Self {
        self.group = group;
        self
    }

    /// The time buckets.
    pub fn granularity(mut self, granularity: Granularity) -> Self {
        self.granularity = granularity;
        self
    }

    /// Only the `n` groups with the most volume (at least 1).
    pub fn top(mut self, n: u32) -> Self {
        self.top = Some(n.max(1));
        self
    }
}

/// One line of a usage answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct UsageTotal {
    /// The bucket's start (`None` for [`Granularity::Total`]).
    pub bucket: Option<DateTime<Utc>>,
    /// The group's value (`None` for [`Group::Fleet`], or when 1NCE did not send it).
    pub key: Option<String>,
    /// Data in MiB, SMS as counts: the sum of the records' totals.
    pub total: f64,
    /// Received by the devices.
    pub rx: f64,
    /// Sent by the devices.
    pub tx: f64,
    /// How many usage records.
    pub records: i64,
}

/// The SQL of a usage question, for either database; `bucket` is the
/// expression that truncates `end_at` to the granularity.
pub(crate) fn usage_sql(q: &UsageQuery, bucket: &str, fleet_key: &str, p: [&str; 3]) -> String {
    let key = match q.group {
        Group::Fleet => fleet_key,
        g => g.column(),
    };
    let [from, to, top] = p;
    let filter = match (q.top, q.group) {
        (Some(_), g) if g != Group::Fleet => format!(
            " AND {key} IN (SELECT {key} FROM usage WHERE end_at >= {from} AND end_at < {to} \
             AND {key} IS NOT NULL GROUP BY {key} ORDER BY sum(total_mib) DESC, {key} LIMIT {top})"
        ),
        _ => String::new(),
    };
    format!(
        "SELECT {bucket} AS bucket, {key} AS key, coalesce(sum(total_mib), 0), \
         coalesce(sum(rx_mib), 0), coalesce(sum(tx_mib), 0), count(*) \
         FROM usage WHERE end_at >= {from} AND end_at < {to}{filter} \
         GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
    )
}

/// An events question: a period and optional filters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventQuery {
    /// From (inclusive).
    pub from: DateTime<Utc>,
    /// To (exclusive).
    pub to: DateTime<Utc>,
    /// Only events at least this severe (Platform 2.0's scale: 0 INFO,
    /// 1 WARNING, 3 ERROR, 4 CRITICAL); ambiguous ones are included from
    /// WARNING up, since they are a WARNING or a CRITICAL.
    pub min_severity: Option<i16>,
    /// Only these event types (1NCE's ids).
    pub types: Vec<i32>,
    /// Only this SIM.
    pub iccid: Option<String>,
    /// At most this many, newest first.
    pub limit: u32,
}

impl EventQuery {
    /// Events in `[from, to)`, newest first, at most 1,000.
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Self, LedgerError> {
        check_period(from, to)?;
        Ok(Self {
            from,
            to,
            min_severity: None,
            types: Vec::new(),
            iccid: None,
            limit: 1000,
        })
    }

    /// Only events at least this severe (0, 1, 3 or 4).
    pub fn min_severity(mut self, level: i16) -> Self {
        self.min_severity = Some(level);
        self
    }

    /// Only these event types.
    pub fn types(mut self, types: impl IntoIterator<Item = i32>) -> Self {
        self.types = types.into_iter().collect();
        self
    }

    /// Only this SIM.
    pub fn iccid(mut self, iccid: impl Into<String>) -> Self {
        self.iccid = Some(iccid.into());
        self
    }

    /// At most `n` events (at least 1).
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = n.max(1);
        self
    }
}

/// One event from the ledger.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LedgerEvent {
    /// 1NCE's id.
    pub id: String,
    /// The SIM.
    pub iccid: Option<String>,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// 1NCE's event type id.
    pub event_type: i32,
    /// 1NCE's words for the type.
    pub event_type_description: Option<String>,
    /// `INFO`, `WARNING`, `ERROR`, `CRITICAL`, `AMBIGUOUS` or `UNKNOWN`.
    pub severity: &'static str,
    /// The event in words.
    pub description: Option<String>,
}

/// The SQL name of a severity level.
pub(crate) fn severity_name(level: Option<i64>, ambiguous: bool) -> &'static str {
    match (level, ambiguous) {
        (Some(0), _) => "INFO",
        (Some(1), _) => "WARNING",
        (Some(3), _) => "ERROR",
        (Some(4), _) => "CRITICAL",
        (_, true) => "AMBIGUOUS",
        _ => "UNKNOWN",
    }
}

/// The SQL of an events question; `p` are the dialect's markers for from,
/// to, min severity, iccid and limit; `types` is inlined (integers only).
/// With `bind_all`, the severity and ICCID markers are always in the
/// statement (and a NULL there filters nothing), for drivers that want
/// every bound value used.
pub(crate) fn events_sql(q: &EventQuery, p: [&str; 5], bind_all: bool) -> String {
    let [from, to, sev, iccid, limit] = p;
    let mut sql = format!(
        "SELECT id, iccid, at, event_type, event_type_description, severity, \
         severity_ambiguous, description FROM events WHERE at >= {from} AND at < {to}"
    );
    if bind_all {
        sql += &format!(
            " AND ({sev} IS NULL OR severity >= {sev} OR (severity_ambiguous AND {sev} <= 1)) \
             AND ({iccid} IS NULL OR iccid = {iccid})"
        );
    } else if q.min_severity.is_some() {
        sql += &format!(" AND (severity >= {sev} OR (severity_ambiguous AND {sev} <= 1))");
    }
    if !q.types.is_empty() {
        let list: Vec<String> = q.types.iter().map(i32::to_string).collect();
        sql += &format!(" AND event_type IN ({})", list.join(", "));
    }
    if q.iccid.is_some() && !bind_all {
        sql += &format!(" AND iccid = {iccid}");
    }
    sql + &format!(" ORDER BY at DESC, id LIMIT {limit}")
}

/// True when a usage question can be answered from the daily rollup: whole
/// UTC days, no hourly buckets, and not per SIM (the rollup is the fleet's;
/// a SIM's usage comes from the rows).
pub(crate) fn from_rollup(q: &UsageQuery) -> bool {
    use chrono::Timelike;
    let midnight = |t: &DateTime<Utc>| t.num_seconds_from_midnight() == 0 && t.nanosecond() == 0;
    q.granularity != Granularity::Hour
        && q.group != Group::Sim
        && midnight(&q.from)
        && midnight(&q.to)
}

/// The SQL of a usage question on the daily rollup `usage_daily`; `p` are
/// the markers of the first and the last-excluded day and of the top N.
pub(crate) fn rollup_sql(q: &UsageQuery, bucket: &str, fleet_key: &str, p: [&str; 3]) -> String {
    let key = match q.group {
        Group::Fleet => fleet_key.to_string(),
        g => format!("NULLIF({}, '')", g.column()),
    };
    let [from, to, top] = p;
    let filter = match (q.top, q.group) {
        (Some(_), g) if g != Group::Fleet => {
            let col = g.column();
            format!(
                " AND {col} IN (SELECT {col} FROM usage_daily WHERE day >= {from} AND day < {to} \
                 AND {col} <> '' GROUP BY {col} ORDER BY sum(total_mib) DESC, {col} LIMIT {top})"
            )
        }
        _ => String::new(),
    };
    format!(
        "SELECT {bucket} AS bucket, {key} AS key, coalesce(sum(total_mib), 0), \
         coalesce(sum(rx_mib), 0), coalesce(sum(tx_mib), 0), coalesce(sum(records), 0) \
         FROM usage_daily WHERE day >= {from} AND day < {to}{filter} \
         GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
    )
}
