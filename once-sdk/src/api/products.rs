//! Product information: `client.products()`.

use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::pagination::Page;
use crate::transport::ApiRequest;
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

impl Products {
    /// Every product 1NCE offers the account, with its id (to order by),
    /// quantities and charges.
    ///
    /// `GET /v1/products`. Read-only; retried on transient failures. 1NCE
    /// does not page this list: the result is one [`Page`] holding every
    /// product, so it reads like every other list.
    ///
    /// ```no_run
    /// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
    /// for product in client.products().list().await? {
    ///     println!("{:?} {:?}", product.id, product.product);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Page<Product>> {
        let op = "products.list";
        let resp = self
            .client
            .execute(ApiRequest::new(
                op,
                Method::GET,
                "/v1/products",
                "/v1/products".into(),
            ))
            .await?;
        let mut page = Page::<Product>::from_response(&resp, op, 1, 0)?;
        let count = page.items.len();
        page.page = 1;
        page.page_size = u32::try_from(count).unwrap_or(u32::MAX);
        page.total_count = Some(count as u64);
        page.total_pages = Some(1);
        Ok(page)
    }
}
