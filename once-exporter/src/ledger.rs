//! The top-up policy's figures from the fleet ledger (`--ledger-db`, cargo
//! feature `ledger`): this month's spend against the budget and the
//! decisions by status (`pending`: waiting for approval), read through
//! once-ledger's public API at each scrape and encoded like the exporter's
//! own metrics. The names are once-ledger's (`once_policy_*`), so its alert
//! rules (`prometheus/once-ledger-policy.rules.yml` in once-ledger,
//! `OncePolicyBudgetNearlyUsed` among them) match these series.

use std::path::Path;

use once_ledger::policy::{Family, Policy, PolicyError};
use once_ledger::Ledger;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::DescriptorEncoder;
use prometheus_client::registry::Registry;

use crate::snapshot::gauge_family;

/// A ledger and the policy whose budgets its spend is held against.
#[derive(Debug)]
pub struct LedgerMetrics {
    ledger: Ledger,
    policy: Policy,
}

impl LedgerMetrics {
    /// Connects to the ledger at `url` (`postgres://...` or `sqlite:FILE`;
    /// not migrated: the ledger's own service does that) and reads the
    /// policy file (its budgets are the limits).
    pub async fn open(url: &str, policy: &Path) -> Result<Self, PolicyError> {
        let policy = Policy::load(policy)?;
        let ledger = Ledger::connect(url).await?;
        Ok(Self { ledger, policy })
    }

    /// The policy's figures now, in OpenMetrics (without `# EOF`).
    pub async fn encode(&self) -> Result<String, PolicyError> {
        let families = self.ledger.policy_figures(&self.policy).await?;
        let mut registry = Registry::default();
        registry.register_collector(Box::new(Figures(families)));
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode_registry(&mut text, &registry);
        Ok(text)
    }
}

/// Figures read at this scrape, as a prometheus-client collector.
#[derive(Debug)]
struct Figures(Vec<Family>);

impl Collector for Figures {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        for f in &self.0 {
            gauge_family(
                &mut encoder,
                f.name,
                f.help,
                None,
                f.samples
                    .iter()
                    .map(|(key, value, v)| (vec![(*key, value.as_str())], *v)),
            )?;
        }
        Ok(())
    }
}
