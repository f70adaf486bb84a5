//! Product information: `client.products()`.

use crate::api::{List, ListSpec};
use crate::client::Client;
use crate::types::Product;

/// Product information, from [`Client::products`].
#[derive(Clone, Debug)]
pub struct Products {
    client: Client,
}

impl Client {
    /// Product information: what can be ordered, at what price.
    pub fn products(&self) -> Products {
        Products {
            client: self.clone(),
        }
    }
}

const LIST_PRODUCTS: ListSpec = ListSpec {
    operation: "products.list",
    template: "/v1/products",
    size_param: "pageSize",
    default_size: 1000,
    max_size: 1000,
    id_field: "id",
    unpaged: true,
    max_page: None,
};

impl Products {
    /// Every product 1NCE offers the account, with its id (to order by),
    /// quantities and charges.
    ///
    /// `GET /v1/products`. Read-only; retried on transient failures. 1NCE
    /// does not page this list: it answers with every product at once, so
    /// the list has one [`Page`](crate::Page) holding them all (totals
    /// set accordingly), and `page_size` is checked but not sent. It has
    /// the shape of every other list all the same (`.await`, `send`,
    /// `pages`, `stream`).
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// for product in client.products().list().await? {
    ///     println!("{:?} {:?}", product.id, product.product);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> List<Product> {
        List::new(self.client.clone(), LIST_PRODUCTS, "/v1/products".into())
    }
}
