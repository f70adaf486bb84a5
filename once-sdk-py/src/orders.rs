//! `client.orders`: order management (`/v1/orders`), both flavours from one macro.

use std::sync::Arc;

use once_sdk::{DeliveryAddress, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping};

use crate::client::Shared;
use crate::convert;
use crate::errors;
use crate::models_ops::OrderCreatedData;
use crate::pagination::{AsyncPaginator, Paginator};

/// The Rust list call of `orders.list(...)`.
fn list_orders(
    py: Python<'_>,
    page_size: Option<i64>,
    sort: Option<String>,
) -> PyResult<impl Fn(&once_sdk::Client) -> once_sdk::List<once_sdk::Order> + Send + Sync + 'static>
{
    let size = page_size
        .map(|n| convert::count(py, "pageSize", n))
        .transpose()?;
    Ok(move |c: &once_sdk::Client| {
        let mut list = c.orders().list();
        if let Some(n) = size {
            list = list.page_size(n);
        }
        if let Some(s) = &sort {
            list = list.sort(s.clone());
        }
        list
    })
}

/// The fields of a delivery address given as a dict.
const ADDRESS_FIELDS: &str = "salutation, first_name, last_name, company, street, \
                              address_line2, house_number, zip, city, country, phone";

/// A delivery address from a `DeliveryAddress` (e.g. an order's
/// `shipping_address`) or a dict of its fields (all `str`).
fn address_of(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<DeliveryAddress> {
    if let Ok(model) = value.cast::<crate::models_ops::DeliveryAddress>() {
        return Ok(model.get().0.clone());
    }
    let dict = value.cast::<PyDict>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(
            "delivery_address must be a dict of str fields or a DeliveryAddress",
        )
    })?;
    let mut a = DeliveryAddress::new();
    for (k, v) in dict.iter() {
        let key: String = k.extract()?;
        let v: String = v.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "delivery_address[{key:?}] must be a str"
            ))
        })?;
        a = match key.as_str() {
            // Values other than "1"/"2" are refused by the Rust call.
            "salutation" => a.salutation(
                v.parse()
                    .unwrap_or_else(|e: std::convert::Infallible| match e {}),
            ),
            "first_name" => a.first_name(v),
            "last_name" => a.last_name(v),
            "company" => a.company(v),
            "street" => a.street(v),
            "address_line2" => a.address_line2(v),
            "house_number" => a.house_number(v),
            "zip" => a.zip(v),
            "city" => a.city(v),
            "country" => a.country(v),
            "phone" => a.phone(v),
            _ => {
                return Err(errors::validation(
                    py,
                    &ValidationError::new(
                        "delivery_address",
                        format!("unknown field {key:?}; the fields are {ADDRESS_FIELDS}"),
                    ),
                ))
            }
        };
    }
    Ok(a)
}

/// The lines of a new order: a mapping `{product_id: quantity}` or pairs
/// `(product_id, quantity)`.
fn lines_of(py: Python<'_>, products: &Bound<'_, PyAny>) -> PyResult<Vec<(u64, u64)>> {
    let pairs: Vec<(i64, i64)> = match products.cast::<PyMapping>() {
        Ok(map) => map.items()?.extract()?,
        Err(_) => products.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(
                "products must be a dict {product_id: quantity} or a list of (product_id, quantity)",
            )
        })?,
    };
    pairs
        .into_iter()
        .map(|(id, qty)| {
            let id = convert::positive_id(py, "productId", id)?;
            let qty = u64::try_from(qty).map_err(|_| {
                errors::validation(
                    py,
                    &ValidationError::new("quantity", format!("must be at least 1, got {qty}")),
                )
            })?;
            Ok((id, qty))
        })
        .collect()
}

/// The arguments of `orders.create(...)`.
struct NewOrder {
    lines: Vec<(u64, u64)>,
    address: Option<DeliveryAddress>,
    reference: Option<String>,
}

impl NewOrder {
    fn new(
        py: Python<'_>,
        products: &Bound<'_, PyAny>,
        delivery_address: Option<&Bound<'_, PyAny>>,
        customer_reference: Option<String>,
    ) -> PyResult<Self> {
        Ok(Self {
            lines: lines_of(py, products)?,
            address: delivery_address.map(|a| address_of(py, a)).transpose()?,
            reference: customer_reference,
        })
    }

    async fn send(self, c: once_sdk::Client) -> once_sdk::Result<OrderCreatedData> {
        let mut order = c.orders().create();
        for (id, qty) in self.lines {
            order = order.product(id, qty);
        }
        if let Some(a) = self.address {
            order = order.delivery_address(a);
        }
        if let Some(r) = self.reference {
            order = order.customer_reference(r);
        }
        order.send().await.map(OrderCreatedData::from)
    }
}

macro_rules! orders_resource {
    ($(#[$doc:meta])* $name:ident, $run:ident, $paginator:ident) => {
        crate::client::resource_class!($(#[$doc])* $name);

        #[pymethods]
        impl $name {
            /// The account's orders: `GET /v1/orders`, at most 10 per page
            /// (1NCE's limit and default); `sort` by `order_number`,
            /// `order_status`, `order_date`, comma separated.
            /// `timeout`: seconds each page's call may take, retries included, on
            /// every page fetched; `page(n, timeout=)` overrides it.
            #[pyo3(signature = (*, page_size=None, sort=None, timeout=None))]
            fn list(
                &self,
                py: Python<'_>,
                page_size: Option<i64>,
                sort: Option<String>,
                timeout: Option<f64>,
            ) -> PyResult<$paginator> {
                $paginator::new(py, &self.shared, timeout, list_orders(py, page_size, sort)?)
            }

            /// One order by its number: `GET /v1/orders/{order_number}`. Read-only.
            #[pyo3(signature = (order_number, *, timeout=None))]
            fn get<'py>(&self, py: Python<'py>, order_number: i64, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
                let n = convert::positive_id(py, "order_number", order_number)?;
                self.shared.$run(py, timeout, |c| async move { c.orders().get(n).await })
            }

            /// Places an order: `POST /v1/orders`. **Costs money**; checked first,
            /// never retried once it may have reached 1NCE (`OutcomeUnknownError`).
            /// `products` is `{product_id: quantity}` or `[(product_id, quantity)]`;
            /// `delivery_address` a dict of address fields or a `DeliveryAddress`.
            #[pyo3(signature = (products, *, delivery_address=None, customer_reference=None, timeout=None))]
            fn create<'py>(
                &self,
                py: Python<'py>,
                products: &Bound<'py, PyAny>,
                delivery_address: Option<&Bound<'py, PyAny>>,
                customer_reference: Option<String>, timeout: Option<f64>
            ) -> PyResult<Bound<'py, PyAny>> {
                let order = NewOrder::new(py, products, delivery_address, customer_reference)?;
                self.shared.$run(py, timeout, |c| order.send(c))
            }
        }
    };
}

orders_resource!(
    /// Order management, from `Client.orders`.
    Orders,
    call,
    Paginator
);

orders_resource!(
    /// Order management, from `AsyncClient.orders`.
    AsyncOrders,
    spawn,
    AsyncPaginator
);

/// Adds the resource classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Orders>()?;
    m.add_class::<AsyncOrders>()?;
    Ok(())
}
