//! Products 1NCE offers (product information).

use serde::{Deserialize, Serialize};

use super::de::opt_u64;
use super::de::{opt_f64, opt_i64, opt_string};

/// A price of a product: one-time or recurring.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Charge {
    /// What the charge is for, e.g. `provisionCharge`.
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// The net amount.
    #[serde(default, deserialize_with = "opt_f64")]
    pub amount_net: Option<f64>,
    /// ISO 4217 currency (`EUR`).
    #[serde(default, deserialize_with = "opt_string")]
    pub currency: Option<String>,
}

/// A product that can be ordered with `client.orders().create()`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Product {
    /// The product id to order by.
    #[serde(default, deserialize_with = "opt_u64")]
    pub id: Option<u64>,
    /// The product's name, e.g. `1NCE IoT FlexSIM - Standard`.
    #[serde(default, deserialize_with = "opt_string")]
    pub product: Option<String>,
    /// The product type, e.g. `1NCE FlexSIM`.
    #[serde(default, deserialize_with = "opt_string")]
    pub material: Option<String>,
    /// How many items one package holds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub package_size: Option<i64>,
    /// The least quantity per order.
    #[serde(default, rename = "minQuantity", deserialize_with = "opt_i64")]
    pub min_quantity: Option<i64>,
    /// The largest quantity per order.
    #[serde(default, rename = "maxQuantity", deserialize_with = "opt_i64")]
    pub max_quantity: Option<i64>,
    /// The largest quantity per customer.
    #[serde(
        default,
        rename = "maxQuantityPerCustomer",
        deserialize_with = "opt_i64"
    )]
    pub max_quantity_per_customer: Option<i64>,
    /// The minimum contract duration in months.
    #[serde(default, deserialize_with = "opt_i64")]
    pub min_contract_duration: Option<i64>,
    /// Charges due once.
    #[serde(default)]
    pub one_time_charges: Option<Vec<Charge>>,
    /// Charges due repeatedly.
    #[serde(default)]
    pub recurring_charges: Option<Vec<Charge>>,
}
