//! Top-ups of a SIM's volume (SIM management v2 `POST /v2/sims/{iccid}/topup`).

use serde::{Deserialize, Serialize};

use super::string_enum;

string_enum!(
    /// How a top-up (v1 or v2) or a v1 SIM extension is paid. 1NCE falls
    /// back to bank transfer when the method is missing or unknown, so the
    /// SDK refuses unknown methods instead of sending them.
    PaymentMethod {
        /// Bank transfer (1NCE's default).
        BankTransfer = "banktransfer",
        /// The credit card saved in the 1NCE portal.
        CreditCard = "creditcard",
        /// The monthly invoice.
        MonthlyInvoice = "monthlyinvoice",
        /// Boleto (Brazil).
        Boleto = "boleto",
    }
);

/// The order 1NCE created for a top-up, v1's or v2's (one type for both:
/// `once_sdk::types::v1::TopUpOrder` is this type).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopUpOrder {
    /// Where the order is (the `Location` header, e.g.
    /// `https://api.1nce.com/management-api/v2/orders/1234`), when 1NCE sent it.
    #[serde(default)]
    pub location: Option<String>,
}

impl TopUpOrder {
    /// The order number: the last path segment of [`location`](Self::location).
    ///
    /// ```
    /// # use once_sdk::TopUpOrder;
    /// let order: TopUpOrder = serde_json::from_value(serde_json::json!(
    ///     {"location": "https://api.1nce.com/management-api/v2/orders/1234"}
    /// )).unwrap();
    /// assert_eq!(order.order_number(), Some("1234"));
    /// ```
    pub fn order_number(&self) -> Option<&str> {
        let location = self.location.as_deref()?;
        let path = location.split(['?', '#']).next().unwrap_or(location);
        path.trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
    }

    /// The order number: v1's name for [`order_number`](Self::order_number),
    /// from when v1 had a `TopUpOrder` of its own.
    #[deprecated(
        since = "0.2.0",
        note = "use order_number() (the v1 and v2 top-up orders are one type)"
    )]
    pub fn order_id(&self) -> Option<&str> {
        self.order_number()
    }
}
