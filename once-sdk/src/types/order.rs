//! Orders (order management): what was ordered, invoiced and shipped, and
//! the body of a new order.

use serde::{Deserialize, Serialize};

use super::de::{opt_string, opt_u64};
use super::ids::Iccid;
use super::numbers::OrderNumber;
use super::string_enum;
use super::time::{opt_timestamp, Timestamp};

string_enum!(
    /// What kind of order it is.
    OrderType {
        /// The account's first order of SIMs.
        FirstOrder = "FIRST_ORDER",
        /// A further order of SIMs.
        AdditionalOrder = "ADDITIONAL_ORDER",
        /// A top-up of one SIM's volume.
        TopUp = "TOPUP",
        /// A top-up of several SIMs at once.
        BulkTopUp = "BULK_TOPUP",
        /// A change of tariff.
        TariffChange = "TARIFF_CHANGE",
    }
);

string_enum!(
    /// Salutation of a delivery address; 1NCE sends and expects `"1"` or `"2"`.
    Salutation {
        /// Mr (`"1"`).
        Mr = "1",
        /// Ms (`"2"`).
        Ms = "2",
    }
);

macro_rules! address_setters {
    ($($(#[$doc:meta])* $field:ident),+ $(,)?) => {
        impl DeliveryAddress {
            $(
                $(#[$doc])*
                pub fn $field(mut self, value: impl Into<String>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )+
        }
    };
}

/// A delivery address: where an order is shipped to (in a new order), or
/// where it was shipped (in an [`Order`]).
///
/// ```
/// use once_sdk::{DeliveryAddress, Salutation};
/// let address = DeliveryAddress::new()
///     .salutation(Salutation::Ms)
///     .first_name("Erika")
///     .last_name("Mustermann")
///     .company("Pumpwerk GmbH")
///     .street("Hauptstraße")
///     .house_number("17")
///     .zip("50667")
///     .city("Köln")
///     .country("DE");
/// assert_eq!(address.country.as_deref(), Some("DE"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeliveryAddress {
    /// Mr (`"1"`) or Ms (`"2"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<Salutation>,
    /// First name.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<String>,
    /// Company name.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub company: Option<String>,
    /// Street name.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub street: Option<String>,
    /// Second address line.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub address_line2: Option<String>,
    /// House number.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub house_number: Option<String>,
    /// ZIP code.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub zip: Option<String>,
    /// City.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country code (`DE`).
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub country: Option<String>,
    /// Phone number with international prefix.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
}

impl DeliveryAddress {
    /// An empty address; fill it in with the setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Mr or Ms.
    pub fn salutation(mut self, salutation: Salutation) -> Self {
        self.salutation = Some(salutation);
        self
    }
}

address_setters!(
    /// First name.
    first_name,
    /// Last name.
    last_name,
    /// Company name.
    company,
    /// Street name.
    street,
    /// Second address line.
    address_line2,
    /// House number.
    house_number,
    /// ZIP code.
    zip,
    /// City.
    city,
    /// ISO 3166-1 alpha-2 country code, e.g. `DE` (checked before sending).
    country,
    /// Phone number with international prefix (`+49...`).
    phone,
);

/// One line of a new order: a product (see `client.products().list()`) and
/// how many of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderedProduct {
    /// The product's id (`productId` on the wire).
    #[serde(
        default,
        rename = "productId",
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_id: Option<u64>,
    /// How many to order (at least 1).
    #[serde(
        default,
        deserialize_with = "opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity: Option<u64>,
}

impl OrderedProduct {
    /// `quantity` of product `product_id`.
    pub fn new(product_id: u64, quantity: u64) -> Self {
        Self {
            product_id: Some(product_id),
            quantity: Some(quantity),
        }
    }
}

/// The body of a new order (`POST /v1/orders`); 1NCE may echo it back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderRequest {
    /// The products to order.
    #[serde(default)]
    pub products: Vec<OrderedProduct>,
    /// Where to ship; without it 1NCE uses the account's single delivery
    /// address (required when the account has several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_address: Option<DeliveryAddress>,
    /// Your own reference for the order.
    #[serde(
        default,
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_reference: Option<String>,
}

/// A link from an order's SIM to the SIM resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SimLink {
    /// The relation, e.g. `self`.
    #[serde(default, deserialize_with = "opt_string")]
    pub rel: Option<String>,
    /// The URL.
    #[serde(default, deserialize_with = "opt_string")]
    pub href: Option<String>,
}

/// A SIM included in or affected by an order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderSim {
    /// The SIM's ICCID.
    #[serde(default, deserialize_with = "super::ids::opt_id")]
    pub iccid: Option<Iccid>,
    /// Links to the SIM resource.
    #[serde(default, rename = "_links")]
    pub links: Option<Vec<SimLink>>,
}

/// A product and quantity of an existing order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderProduct {
    /// The product's id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub product_id: Option<u64>,
    /// How many were ordered.
    #[serde(default, deserialize_with = "opt_u64")]
    pub quantity: Option<u64>,
}

/// An order of the account: SIMs, top-ups, tariff changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Order {
    /// The order's number.
    #[serde(default, deserialize_with = "OrderNumber::opt")]
    pub order_number: Option<OrderNumber>,
    /// First order, additional order, top-up, bulk top-up or tariff change.
    #[serde(default)]
    pub order_type: Option<OrderType>,
    /// When the order was placed.
    #[serde(default, deserialize_with = "opt_timestamp")]
    pub order_date: Option<Timestamp>,
    /// Where the order is in 1NCE's process (e.g. `COMPLETED`).
    #[serde(default, deserialize_with = "opt_string")]
    pub order_status: Option<String>,
    /// The invoice's number.
    #[serde(default, deserialize_with = "opt_string")]
    pub invoice_number: Option<String>,
    /// The gross amount as printed on the invoice (`"19.99"`), kept as text
    /// so no cent is lost to floating point.
    #[serde(default, deserialize_with = "opt_string")]
    pub invoice_amount: Option<String>,
    /// ISO 4217 currency of the invoice amount (`EUR`).
    #[serde(default, deserialize_with = "opt_string")]
    pub currency: Option<String>,
    /// Where the order was shipped.
    #[serde(default)]
    pub shipping_address: Option<DeliveryAddress>,
    /// The SIMs included in or affected by the order.
    #[serde(default)]
    pub sims: Option<Vec<OrderSim>>,
    /// The products ordered and their quantities.
    #[serde(default)]
    pub products: Option<Vec<OrderProduct>>,
}

/// What 1NCE answered to a new order.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct OrderCreated {
    /// The new order's number, when 1NCE said where it lives.
    pub order_number: Option<OrderNumber>,
    /// The `Location` header (URL of the new order), when sent.
    pub location: Option<String>,
    /// The order as 1NCE echoed it back, when it sent a body.
    pub order: Option<OrderRequest>,
}
