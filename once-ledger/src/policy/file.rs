//! The policy file: TOML, read and checked before anything runs. Every
//! error names the line and the rule it broke. The format is described in
//! once-ledger's POLICY.md.

use serde::Deserialize;
use toml::Spanned;

use super::PolicyError;

/// What a group does to a SIM that meets its conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Order a top-up (`POST /v2/sims/{iccid}/topup`): costs money.
    TopUp,
    /// Switch 1NCE's own auto top-up on (`POST /v2/sims/autoTopup`).
    AutoTopUpOn,
    /// Switch 1NCE's own auto top-up off.
    AutoTopUpOff,
}

impl Action {
    /// Its name in the policy file and in the log (`top-up`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::TopUp => "top-up",
            Self::AutoTopUpOn => "auto-top-up-on",
            Self::AutoTopUpOff => "auto-top-up-off",
        }
    }

    /// From its name.
    pub fn from_name(s: &str) -> Option<Self> {
        [Self::TopUp, Self::AutoTopUpOn, Self::AutoTopUpOff]
            .into_iter()
            .find(|a| a.name() == s)
    }
}

/// Which SIMs a group holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Members {
    /// Every SIM.
    All,
    /// SIMs whose label matches a pattern (`*` matches any run of
    /// characters, everything else itself; a SIM without a label matches
    /// no pattern).
    Label(String),
    /// SIMs listed by ICCID.
    Iccids(Vec<String>),
}

impl Members {
    /// Whether the SIM belongs.
    pub fn contains(&self, iccid: &str, label: Option<&str>) -> bool {
        match self {
            Self::All => true,
            Self::Label(pattern) => label.is_some_and(|l| glob(pattern, l)),
            Self::Iccids(list) => list.iter().any(|i| i == iccid),
        }
    }
}

/// `*` matches any run of characters; the rest matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, rest) = match parts.split_first() {
        Some(p) => p,
        None => return text.is_empty(),
    };
    let Some(mut left) = text.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return left.is_empty();
    };
    for part in middle {
        match left.find(part) {
            Some(i) => left = &left[i + part.len()..],
            None => return false,
        }
    }
    left.len() >= last.len() && left.ends_with(last)
}

/// When a group acts: any one condition met is enough.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conditions {
    /// Less data than this left (MB).
    pub data_below_mb: Option<f64>,
    /// Fewer SMS than this left.
    pub sms_below: Option<f64>,
    /// The data or SMS quota expires within this many days.
    pub expires_within_days: Option<f64>,
    /// The forecast horizon: the data quota runs out within this many days
    /// at the SIM's recent rate (see [`Forecast`](super::Forecast)).
    pub runs_out_within_days: Option<f64>,
}

/// A budget per calendar month (UTC).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Budget {
    /// At most this many actions a month.
    pub max_actions: Option<i64>,
    /// At most this amount a month (each action costs its group's `price`).
    pub max_amount: Option<f64>,
}

/// One group of SIMs and its rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Its name (unique in the file), in the log and the budget.
    pub name: String,
    /// The SIMs it holds.
    pub members: Members,
    /// When it acts.
    pub when: Conditions,
    /// What it does.
    pub action: Action,
    /// What one action costs (your price per top-up), for `max_amount`.
    pub price: Option<f64>,
    /// The group's own monthly budget.
    pub budget: Budget,
    /// The line of its `[[group]]` header in the file.
    pub line: usize,
}

/// The forecast's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForecastSettings {
    /// The trailing window the rate is taken over, in days.
    pub window_days: f64,
    /// Less history than this (hours, from the SIM's first usage record in
    /// the window) makes no forecast.
    pub min_history_hours: f64,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        Self {
            window_days: 7.0,
            min_history_hours: 24.0,
        }
    }
}

/// A checked policy file.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// The groups, in file order: a SIM belongs to the first that holds it.
    pub groups: Vec<Group>,
    /// The budget over all groups.
    pub budget: Budget,
    /// The forecast's settings.
    pub forecast: ForecastSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    budget: Option<Spanned<RawBudget>>,
    forecast: Option<Spanned<RawForecast>>,
    #[serde(default)]
    group: Vec<Spanned<RawGroup>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    max_actions: Option<Spanned<i64>>,
    max_amount: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForecast {
    window_days: Option<Spanned<f64>>,
    min_history_hours: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: Spanned<String>,
    label: Option<Spanned<String>>,
    iccids: Option<Spanned<Vec<Spanned<String>>>>,
    all: Option<Spanned<bool>>,
    action: Spanned<Action>,
    price: Option<Spanned<f64>>,
    when: Option<Spanned<RawWhen>>,
    budget: Option<Spanned<RawBudget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    data_below_mb: Option<Spanned<f64>>,
    sms_below: Option<Spanned<f64>>,
    expires_within_days: Option<Spanned<f64>>,
    runs_out_within_days: Option<Spanned<f64>>,
}

/// Line numbers (from 1) of byte offsets in the text.
struct Lines<'a>(&'a str);

impl Lines<'_> {
    fn of(&self, offset: usize) -> usize {
        let end = offset.min(self.0.len());
        self.0.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn err<T>(&self, s: &Spanned<T>, rule: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            line: self.of(s.span().start),
            rule: rule.into(),
        }
    }
}

/// A number that must be above zero (and finite).
fn positive(
    lines: &Lines,
    v: &Option<Spanned<f64>>,
    what: &str,
) -> Result<Option<f64>, PolicyError> {
    match v {
        None => Ok(None),
        Some(s) if s.get_ref().is_finite() && *s.get_ref() > 0.0 => Ok(Some(*s.get_ref())),
        Some(s) => Err(lines.err(s, format!("{what} must be a number above 0"))),
    }
}

fn budget(
    lines: &Lines,
    raw: &Option<Spanned<RawBudget>>,
    what: &str,
) -> Result<Budget, PolicyError> {
    let Some(raw) = raw else {
        return Ok(Budget::default());
    };
    let b = raw.get_ref();
    let max_actions = match &b.max_actions {
        None => None,
        Some(s) if *s.get_ref() >= 0 => Some(*s.get_ref()),
        Some(s) => Err(lines.err(s, format!("{what}.max_actions must be 0 or more")))?,
    };
    let max_amount = match &b.max_amount {
        None => None,
        Some(s) if s.get_ref().is_finite() && *s.get_ref() >= 0.0 => Some(*s.get_ref()),
        Some(s) => Err(lines.err(s, format!("{what}.max_amount must be 0 or more")))?,
    };
    if max_actions.is_none() && max_amount.is_none() {
        return Err(lines.err(raw, format!("{what} needs max_actions or max_amount")));
    }
    Ok(Budget {
        max_actions,
        max_amount,
    })
}

impl Policy {
    /// Reads and checks a policy file's text.
    ///
    /// ```
    /// let policy = once_ledger::policy::Policy::parse(r#"
    /// [budget]
    /// max_actions = 20
    ///
    /// [[group]]
    /// name = "pumps"
    /// label = "pump-*"
    /// action = "top-up"
    /// when = { data_below_mb = 50, runs_out_within_days = 3 }
    /// "#).expect("a valid policy");
    /// assert_eq!(policy.groups[0].name, "pumps");
    ///
    /// let err = once_ledger::policy::Policy::parse("[[group]]\nname = \"x\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = -1 }\n").unwrap_err();
    /// assert_eq!(err.to_string(), "line 5: group \"x\": when.sms_below must be a number above 0");
    /// ```
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let lines = Lines(text);
        let raw: RawPolicy = toml::from_str(text).map_err(|e| PolicyError::Invalid {
            line: e.span().map_or(1, |s| lines.of(s.start)),
            rule: e.message().trim().to_string(),
        })?;
        let overall = budget(&lines, &raw.budget, "budget")?;
        let forecast = match &raw.forecast {
            None => ForecastSettings::default(),
            Some(f) => {
                let d = ForecastSettings::default();
                let f = f.get_ref();
                let window_days = positive(&lines, &f.window_days, "forecast.window_days")?
                    .unwrap_or(d.window_days);
                let min_history_hours =
                    positive(&lines, &f.min_history_hours, "forecast.min_history_hours")?
                        .unwrap_or(d.min_history_hours);
                if let Some(s) = &f.min_history_hours {
                    if min_history_hours > window_days * 24.0 {
                        return Err(lines.err(
                            s,
                            "forecast.min_history_hours must fit in forecast.window_days",
                        ));
                    }
                }
                ForecastSettings {
                    window_days,
                    min_history_hours,
                }
            }
        };
        if raw.group.is_empty() {
            return Err(PolicyError::Invalid {
                line: 1,
                rule: "a policy needs at least one [[group]]".into(),
            });
        }
        let mut groups: Vec<Group> = Vec::new();
        for g in &raw.group {
            let line = lines.of(g.span().start);
            let r = g.get_ref();
            let name = r.name.get_ref().trim().to_string();
            if name.is_empty() {
                return Err(lines.err(&r.name, "group: name must not be empty"));
            }
            if groups.iter().any(|o| o.name == name) {
                return Err(lines.err(&r.name, format!("group \"{name}\": the name is used twice")));
            }
            let at = |s: &dyn Fn() -> usize, rule: String| PolicyError::Invalid {
                line: s(),
                rule: format!("group \"{name}\": {rule}"),
            };
            let members = match (&r.label, &r.iccids, &r.all) {
                (Some(l), None, None) if !l.get_ref().trim().is_empty() => {
                    Members::Label(l.get_ref().trim().to_string())
                }
                (Some(l), None, None) => {
                    return Err(at(
                        &|| lines.of(l.span().start),
                        "label must not be empty".into(),
                    ))
                }
                (None, Some(list), None) => {
                    if list.get_ref().is_empty() {
                        return Err(at(
                            &|| lines.of(list.span().start),
                            "iccids must not be empty".into(),
                        ));
                    }
                    let mut iccids = Vec::new();
                    for i in list.get_ref() {
                        if let Err(e) = i.get_ref().parse::<once_sdk::Iccid>() {
                            return Err(at(&|| lines.of(i.span().start), format!("iccids: {e}")));
                        }
                        iccids.push(i.get_ref().clone());
                    }
                    Members::Iccids(iccids)
                }
                (None, None, Some(all)) if *all.get_ref() => Members::All,
                (None, None, Some(all)) => {
                    return Err(at(
                        &|| lines.of(all.span().start),
                        "all must be true (or left out)".into(),
                    ))
                }
                _ => {
                    return Err(at(
                        &|| line,
                        "needs exactly one of label, iccids, all = true".into(),
                    ));
                }
            };
            let Some(when) = &r.when else {
                return Err(at(&|| line, "needs a when (at least one condition)".into()));
            };
            let w = when.get_ref();
            let named = |v: &Option<Spanned<f64>>, what: &str| {
                positive(&lines, v, &format!("when.{what}")).map_err(|e| match e {
                    PolicyError::Invalid { line, rule } => PolicyError::Invalid {
                        line,
                        rule: format!("group \"{name}\": {rule}"),
                    },
                    other => other,
                })
            };
            let conditions = Conditions {
                data_below_mb: named(&w.data_below_mb, "data_below_mb")?,
                sms_below: named(&w.sms_below, "sms_below")?,
                expires_within_days: named(&w.expires_within_days, "expires_within_days")?,
                runs_out_within_days: named(&w.runs_out_within_days, "runs_out_within_days")?,
            };
            if conditions == Conditions::default() {
                return Err(at(
                    &|| lines.of(when.span().start),
                    "when needs at least one condition".into(),
                ));
            }
            let price = named(&r.price, "price").map_err(|_| {
                at(
                    &|| r.price.as_ref().map_or(line, |p| lines.of(p.span().start)),
                    "price must be a number above 0".into(),
                )
            })?;
            let own = budget(&lines, &r.budget, "budget").map_err(|e| match e {
                PolicyError::Invalid { line, rule } => PolicyError::Invalid {
                    line,
                    rule: format!("group \"{name}\": {rule}"),
                },
                other => other,
            })?;
            let amounts = own.max_amount.is_some() || overall.max_amount.is_some();
            if amounts && price.is_none() {
                return Err(at(
                    &|| line,
                    "a max_amount budget applies, so the group needs a price".into(),
                ));
            }
            groups.push(Group {
                name,
                members,
                when: conditions,
                action: *r.action.get_ref(),
                price,
                budget: own,
                line,
            });
        }
        Ok(Self {
            groups,
            budget: overall,
            forecast,
        })
    }

    /// Reads and checks a policy file; errors name the file and the line.
    pub fn load(path: &std::path::Path) -> Result<Self, PolicyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| PolicyError::File(format!("{}: {e}", path.display())))?;
        Self::parse(&text).map_err(|e| PolicyError::File(format!("{}: {e}", path.display())))
    }

    /// The group a SIM belongs to: the first in the file that holds it.
    pub fn group_of(&self, iccid: &str, label: Option<&str>) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.members.contains(iccid, label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Policy::parse(text).expect_err("invalid").to_string()
    }

    const GOOD: &str = r#"
[budget]
max_actions = 20
max_amount = 200.0

[forecast]
window_days = 3
min_history_hours = 12

[[group]]
name = "pumps"
label = "pump-*"
action = "top-up"
price = 10.0
when = { data_below_mb = 50, runs_out_within_days = 3 }
budget = { max_actions = 5 }

[[group]]
name = "spares"
iccids = ["8988280666000000017"]
action = "auto-top-up-off"
price = 1.5
when = { expires_within_days = 30 }

[[group]]
name = "rest"
all = true
action = "top-up"
price = 10.0
[group.when]
sms_below = 25
"#;

    #[test]
    fn a_full_file_reads_into_its_groups_in_order() {
        let p = Policy::parse(GOOD).expect("valid");
        assert_eq!(p.budget.max_actions, Some(20));
        assert_eq!(p.budget.max_amount, Some(200.0));
        assert_eq!(p.forecast.window_days, 3.0);
        assert_eq!(p.forecast.min_history_hours, 12.0);
        let names: Vec<&str> = p.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["pumps", "spares", "rest"]);
        assert_eq!(p.groups[0].members, Members::Label("pump-*".into()));
        assert_eq!(p.groups[0].when.runs_out_within_days, Some(3.0));
        assert_eq!(p.groups[0].budget.max_actions, Some(5));
        assert_eq!(p.groups[0].line, 10);
        assert_eq!(p.groups[1].action, Action::AutoTopUpOff);
        assert_eq!(p.groups[2].when.sms_below, Some(25.0));
        // First match wins; the catch-all takes the rest.
        assert_eq!(p.group_of("1", Some("pump-17")).map(|g| g.line), Some(10));
        assert_eq!(
            p.group_of("8988280666000000017", Some("pump-1"))
                .map(|g| &*g.name),
            Some("pumps")
        );
        assert_eq!(
            p.group_of("8988280666000000017", None).map(|g| &*g.name),
            Some("spares")
        );
        assert_eq!(
            p.group_of("2", Some("meter")).map(|g| &*g.name),
            Some("rest")
        );
    }

    #[test]
    fn errors_name_the_line_and_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("", "line 1: a policy needs at least one [[group]]"),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 0 }\n",
                "line 5: group \"a\": when.sms_below must be a number above 0",
            ),
            (
                "[[group]]\nname = \"a\"\nlabel = \"x*\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 1: group \"a\": needs exactly one of label, iccids, all = true",
            ),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\n",
                "line 1: group \"a\": needs a when (at least one condition)",
            ),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = {}\n",
                "line 5: group \"a\": when needs at least one condition",
            ),
            (
                "[[group]]\nname = \"a\"\niccids = [\"8988280666000000017\",\n  \"123\"]\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 4: group \"a\": iccids: ",
            ),
            (
                "[budget]\nmax_amount = 5.0\n[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 3: group \"a\": a max_amount budget applies, so the group needs a price",
            ),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 7: group \"a\": the name is used twice",
            ),
            (
                "[budget]\nmax_actions = -1\n[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 2: budget.max_actions must be 0 or more",
            ),
            (
                "[forecast]\nwindow_days = 1\nmin_history_hours = 48\n[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_below = 1 }\n",
                "line 3: forecast.min_history_hours must fit in forecast.window_days",
            ),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"buy-more\"\nwhen = { sms_below = 1 }\n",
                "line 4: unknown variant `buy-more`",
            ),
            (
                "[[group]]\nname = \"a\"\nall = true\naction = \"top-up\"\nwhen = { sms_left = 1 }\n",
                "line 5: unknown field `sms_left`",
            ),
        ];
        for (text, want) in cases {
            let got = err(text);
            assert!(got.starts_with(want), "{text:?}\n got: {got}\nwant: {want}");
        }
    }

    #[test]
    fn the_example_in_policy_md_is_valid() {
        let doc = include_str!("../../POLICY.md");
        let start = doc.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let end = start + doc[start..].find("```").expect("its end");
        let p = Policy::parse(&doc[start..end]).expect("POLICY.md's example is valid");
        assert_eq!(p.groups.len(), 3);
        assert_eq!(p.budget.max_amount, Some(400.0));
    }

    #[test]
    fn label_patterns_match_with_stars() {
        assert!(glob("pump-*", "pump-17"));
        assert!(glob("*-17", "pump-17"));
        assert!(glob("p*m*7", "pump-17"));
        assert!(glob("pump-17", "pump-17"));
        assert!(!glob("pump-17", "pump-170"));
        assert!(!glob("pump-*", "meter-1"));
        assert!(!glob("*-18", "pump-17"));
        assert!(!glob("p*m*8", "pump-17"));
        assert!(!Members::Label("*".into()).contains("1", None));
    }
}
