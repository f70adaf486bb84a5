//! Order management: `client.orders()`.

use reqwest::header::LOCATION;
use reqwest::Method;

use crate::api::call::{self, request_builder, Call};
use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::error::ValidationError;
use crate::options::CallOptions;
use crate::transport::{seg, ApiRequest, RawResponse};
use crate::types::{
    DeliveryAddress, Order, OrderCreated, OrderNumber, OrderRequest, OrderedProduct, Salutation,
};

/// Order management, from [`Client::orders`].
#[derive(Clone, Debug)]
pub struct Orders {
    client: Client,
}

impl Client {
    /// Order management: the account's orders, and new orders of SIMs.
    pub fn orders(&self) -> Orders {
        Orders {
            client: self.clone(),
        }
    }
}

const LIST_ORDERS: ListSpec = ListSpec {
    operation: "orders.list",
    template: "/v1/orders",
    size_param: "pageSize",
    default_size: 10,
    max_size: 10,
    id_field: "order_number",
    unpaged: false,
    max_page: None,
};

/// The keys the order list can be sorted by.
const SORT_KEYS: [&str; 3] = ["order_number", "order_status", "order_date"];

impl List<Order> {
    /// Sorts by `order_number` (1NCE's default), `order_status` and/or
    /// `order_date`, comma separated (`order_status,order_date`). Other keys
    /// are rejected before sending.
    pub fn sort(self, keys: impl Into<String>) -> Self {
        let keys = keys.into();
        let bad = keys
            .split(',')
            .map(str::trim)
            .find(|k| !SORT_KEYS.contains(k));
        if let Some(bad) = bad {
            return self.reject(ValidationError::new(
                "sort",
                format!(
                    "each key must be one of order_number, order_status, order_date; got {bad:?}"
                ),
            ));
        }
        let keys = keys.split(',').map(str::trim).collect::<Vec<_>>().join(",");
        self.param("sort", keys)
    }
}

impl Orders {
    /// Lists the account's orders (SIM orders, top-ups, tariff changes), at
    /// most 10 per page (1NCE's limit, also the default).
    ///
    /// `GET /v1/orders`. Read-only; retried on transient failures.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// use futures::TryStreamExt;
    /// let mut orders = client.orders().list().sort("order_date").stream();
    /// while let Some(order) = orders.try_next().await? {
    ///     println!("{:?} {:?} {:?}", order.order_number, order.order_type, order.order_status);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> List<Order> {
        List::new(self.client.clone(), LIST_ORDERS, "/v1/orders".into())
    }

    /// One order by its number: type, status, invoice, shipping address,
    /// SIMs and products.
    ///
    /// `GET /v1/orders/{order_number}`. Read-only; retried on transient failures.
    pub fn get(&self, order_number: impl Into<OrderNumber>) -> Call<Order> {
        let order_number = order_number.into();
        let req = ApiRequest::new(
            "orders.get",
            Method::GET,
            "/v1/orders/{order_number}",
            format!("/v1/orders/{}", seg(&order_number.to_string())),
        );
        Call::new(&self.client, Ok(req), call::json)
    }

    /// Starts a new order of products (see [`Client::products`] for their
    /// ids); add lines with [`CreateOrder::product`], then
    /// [`send`](CreateOrder::send).
    ///
    /// `POST /v1/orders`. **Costs money**: 1NCE ships and invoices what you
    /// order. Never retried once it may have reached 1NCE (only connect
    /// failures and 429 are retried); an ambiguous failure is reported as
    /// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown), so check
    /// [`list`](Self::list) before ordering again.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// use once_sdk::DeliveryAddress;
    /// let created = client
    ///     .orders()
    ///     .create()
    ///     .product(1001, 50)
    ///     .delivery_address(DeliveryAddress::new().company("Pumpwerk GmbH").city("Köln").country("DE"))
    ///     .customer_reference("PO-2026-117")
    ///     .send()
    ///     .await?;
    /// println!("order {:?}", created.order_number);
    /// # Ok(()) }
    /// ```
    pub fn create(&self) -> CreateOrder {
        CreateOrder {
            client: self.client.clone(),
            order: OrderRequest::default(),
            options: CallOptions::default(),
        }
    }
}

/// A new order being put together, from [`Orders::create`]. Place it
/// with [`send`](CreateOrder::send) or `.await`.
#[derive(Debug)]
#[must_use = "an order does nothing until you call send() or .await it"]
pub struct CreateOrder {
    client: Client,
    order: OrderRequest,
    options: CallOptions,
}

impl CreateOrder {
    /// Adds `quantity` (at least 1) of product `product_id`.
    pub fn product(mut self, product_id: u64, quantity: u64) -> Self {
        self.order
            .products
            .push(OrderedProduct::new(product_id, quantity));
        self
    }

    /// Ships to this address instead of the account's delivery address
    /// (required when the account has more than one).
    pub fn delivery_address(mut self, address: DeliveryAddress) -> Self {
        self.order.delivery_address = Some(address);
        self
    }

    /// Your own reference for the order (shown on the invoice).
    pub fn customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.order.customer_reference = Some(reference.into());
        self
    }

    /// The body this order will send.
    pub fn request(&self) -> &OrderRequest {
        &self.order
    }

    /// The call that places the order. Inputs are checked first; nothing
    /// is sent if one is wrong.
    fn into_call(self) -> Call<OrderCreated> {
        let decode: call::Decoder<OrderCreated> = |resp, _| Ok(created(resp));
        if let Err(e) = validate(&self.order) {
            return Call::invalid(&self.client, e, decode);
        }
        let req = ApiRequest::new(
            "orders.create",
            Method::POST,
            "/v1/orders",
            "/v1/orders".into(),
        )
        .json(&self.order)
        .map(|r| r.idempotent(false));
        Call::new(&self.client, req, decode).with_options(self.options)
    }
}

request_builder!(CreateOrder => OrderCreated);

/// Checks a new order before it is sent.
fn validate(order: &OrderRequest) -> std::result::Result<(), ValidationError> {
    if order.products.is_empty() {
        return Err(ValidationError::new(
            "products",
            "must list at least one product",
        ));
    }
    // Lines come from `CreateOrder::product`, which always sets both fields.
    if let Some(q) = order
        .products
        .iter()
        .filter_map(|line| line.quantity)
        .find(|q| *q < 1)
    {
        return Err(ValidationError::new(
            "quantity",
            format!("must be at least 1, got {q}"),
        ));
    }
    if let Some(address) = &order.delivery_address {
        if let Some(Salutation::Unknown(s)) = &address.salutation {
            return Err(ValidationError::new(
                "salutation",
                format!("must be \"1\" (Mr) or \"2\" (Ms), got {s:?}"),
            ));
        }
        if let Some(country) = &address.country {
            if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(ValidationError::new(
                    "country",
                    format!("must be an ISO 3166-1 alpha-2 code like \"DE\", got {country:?}"),
                ));
            }
        }
    }
    Ok(())
}

/// Reads what 1NCE answered to a new order. The order is placed whatever
/// the body holds, so a body that does not decode is logged, not an error:
/// an error here would invite ordering twice.
pub(crate) fn created(resp: &RawResponse) -> OrderCreated {
    let location = resp
        .headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let order_number = location.as_deref().and_then(|l| {
        l.trim_end_matches('/')
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
    });
    let order = if resp.body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        match serde_json::from_slice::<OrderRequest>(&resp.body) {
            Ok(order) => Some(order),
            Err(e) => {
                tracing::warn!(error = %e, "orders.create: the order was placed but its response body did not decode");
                None
            }
        }
    };
    OrderCreated {
        order_number,
        location,
        order,
    }
}
