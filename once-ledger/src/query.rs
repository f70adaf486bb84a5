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
        if from >= to {
            return Err(LedgerError::Config(format!(
                "from: {from} must be before to ({to})"
            )));
        }
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
