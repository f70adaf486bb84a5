//! Resource handles: `client.sims()`, ... Each method is one 1NCE operation.

use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Result, ValidationError};
use crate::pagination::{self, ItemStream, Page, PageFetcher, PageStream};
use crate::transport::ApiRequest;

pub mod orders;
pub mod products;
pub mod sims;
pub mod sms;
pub mod support;
pub mod v1;

/// Checks that `value` lies in `min..=max`.
pub(crate) fn check_range(
    field: &'static str,
    value: u32,
    min: u32,
    max: u32,
) -> std::result::Result<(), ValidationError> {
    if value < min || value > max {
        return Err(ValidationError::new(
            field,
            format!("must be between {min} and {max}, got {value}"),
        ));
    }
    Ok(())
}

/// How a list endpoint pages.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListSpec {
    pub operation: &'static str,
    pub template: &'static str,
    /// Query parameter of the page size (`pageSize`, `per_page`, ...).
    pub size_param: &'static str,
    pub default_size: u32,
    pub max_size: u32,
}

/// A list call: set the page and page size (and the filters of the list),
/// then [`send`](List::send) for one page, or [`stream`](List::stream) for
/// every item across pages.
///
/// ```no_run
/// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
/// use futures::TryStreamExt;
/// let page = client.sims().list().page_size(100).send().await?;
/// println!("{} SIMs in all", page.total_count.unwrap_or(0));
/// let all: Vec<_> = client.sims().list().page_size(100).stream().try_collect().await?;
/// # Ok(()) }
/// ```
#[must_use = "a list does nothing until you call send(), pages() or stream()"]
pub struct List<T> {
    client: Client,
    spec: ListSpec,
    path: String,
    page: u32,
    page_size: Option<u32>,
    query: Vec<(&'static str, String)>,
    invalid: Option<ValidationError>,
    _item: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("operation", &self.spec.operation)
            .field("path", &self.path)
            .field("page", &self.page)
            .field("page_size", &self.page_size)
            .field("query", &self.query)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> List<T> {
    pub(crate) fn new(client: Client, spec: ListSpec, path: String) -> Self {
        Self {
            client,
            spec,
            path,
            page: 1,
            page_size: None,
            query: Vec::new(),
            invalid: None,
            _item: PhantomData,
        }
    }

    /// The page to fetch (from 1; default 1). For streams, the first page.
    pub fn page(mut self, page: u32) -> Self {
        self.page = page;
        self
    }

    /// Items per page (each list has its own maximum, checked before sending).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// Adds a query parameter (used by the filter methods of each list).
    pub(crate) fn param(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.retain(|(k, _)| *k != key);
        self.query.push((key, value.to_string()));
        self
    }

    /// Records an input error to report when the list is sent.
    pub(crate) fn reject(mut self, err: ValidationError) -> Self {
        self.invalid.get_or_insert(err);
        self
    }

    fn validate(&self) -> std::result::Result<u32, ValidationError> {
        if let Some(e) = &self.invalid {
            return Err(e.clone());
        }
        if self.page < 1 {
            return Err(ValidationError::new("page", "must be at least 1"));
        }
        let size = self.page_size.unwrap_or(self.spec.default_size);
        check_range(self.spec.size_param, size, 1, self.spec.max_size)?;
        Ok(size)
    }

    fn fetcher(&self, size: u32) -> PageFetcher<T> {
        let client = self.client.clone();
        let spec = self.spec;
        let path = self.path.clone();
        let query = self.query.clone();
        let send_size = self.page_size.is_some();
        Arc::new(move |page| {
            let client = client.clone();
            let mut req = ApiRequest::new(
                spec.operation,
                reqwest::Method::GET,
                spec.template,
                path.clone(),
            )
            .query("page", page);
            if send_size {
                req = req.query(spec.size_param, size);
            }
            req.query.extend(query.iter().cloned());
            Box::pin(async move {
                let resp = client.execute(req).await?;
                let page = Page::from_response(&resp, spec.operation, page, size)?;
                Ok(pagination::Fetched::new(page, &resp, spec.operation))
            })
        })
    }

    /// Fetches the one page set with [`page`](Self::page).
    pub async fn send(self) -> Result<Page<T>> {
        let size = self.validate()?;
        Ok((self.fetcher(size))(self.page).await?.page)
    }

    /// Every page from [`page`](Self::page) on, fetching one page ahead.
    pub fn pages(self) -> PageStream<T> {
        match self.validate() {
            Ok(size) => pagination::page_stream(self.fetcher(size), self.page),
            Err(e) => pagination::failed(e.into()),
        }
    }

    /// Every item across pages, fetching one page ahead. Nothing is sent
    /// until the stream is polled.
    pub fn stream(self) -> ItemStream<T> {
        match self.validate() {
            Ok(size) => pagination::item_stream(self.fetcher(size), self.page),
            Err(e) => pagination::failed(e.into()),
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> std::future::IntoFuture for List<T> {
    type Output = Result<Page<T>>;
    type IntoFuture = futures::future::BoxFuture<'static, Result<Page<T>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
