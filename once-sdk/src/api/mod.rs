//! Resource handles: `client.sims()`, ... Each method is one 1NCE operation.

use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::{Result, ValidationError};
use crate::options::{CallOptions, ResponseMeta};
use crate::pagination::{self, ItemStream, Page, PageFetcher, PageStream};
use crate::transport::{ApiRequest, RawResponse};

pub mod call;
pub mod orders;
pub mod os;
pub mod products;
pub mod raw;
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
    /// 1NCE answers with the whole list at once (products): no paging
    /// parameters are sent, and the one page holds everything.
    pub unpaged: bool,
    /// The field of an item that identifies it (`iccid`, `id`, ...): an
    /// item seen on an earlier page is not yielded again, and a page of
    /// nothing but such items ends the stream ([`Error::RepeatedPage`]).
    pub id_field: &'static str,
    /// The last page the server serves (1NCE OS: 50): asking for a later
    /// one, by hand or by streaming on, fails before it is sent.
    pub max_page: Option<u32>,
}

/// Reads one page of a list from its response.
pub(crate) type PageDecoder<T> = fn(&RawResponse, &'static str, u32, u32) -> Result<Page<T>>;

/// A list call: set the page and page size (and the filters of the list),
/// then [`send`](List::send) (or `.await`) for one page,
/// [`pages`](List::pages) for every page, or [`stream`](List::stream) for
/// every item across pages. Every list of the SDK has this shape; the
/// per-call options ([`options`](crate::options)) apply to each page
/// request.
///
/// ```no_run
/// # async fn run(client: once_sdk::Client) -> Result<(), once_sdk::Error> {
/// use futures::TryStreamExt;
/// let page = client.sims().list().page_size(100).await?;
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
    decode: PageDecoder<T>,
    options: CallOptions,
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
            .field("options", &self.options)
            .finish()
    }
}

call::call_options!(List<T>);

/// What a page request needs, shared by every page of one list.
#[derive(Clone)]
struct PageRequest {
    spec: ListSpec,
    path: String,
    query: Vec<(&'static str, String)>,
    size: u32,
    send_size: bool,
}

impl PageRequest {
    /// Refuses a page past the list's last servable page.
    fn check_page(&self, page: u32) -> std::result::Result<(), ValidationError> {
        match self.spec.max_page {
            Some(max) if page > max => Err(ValidationError::new(
                "page",
                format!(
                    "must be at most {max} for `{}` (1NCE serves no later page): ask for larger pages or narrow the list",
                    self.spec.operation
                ),
            )),
            _ => Ok(()),
        }
    }

    fn request(&self, page: u32) -> ApiRequest {
        let mut req = ApiRequest::new(
            self.spec.operation,
            reqwest::Method::GET,
            self.spec.template,
            self.path.clone(),
        );
        if !self.spec.unpaged {
            req = req.query("page", page);
            if self.send_size {
                req = req.query(self.spec.size_param, self.size);
            }
        }
        req.query.extend(self.query.iter().cloned());
        req
    }
}

/// Every item of an unpaged list on page 1, with figures that say so.
fn whole_list<T>(mut page: Page<T>) -> Page<T> {
    let count = page.items.len();
    page.page = 1;
    page.page_size = u32::try_from(count).unwrap_or(u32::MAX);
    page.total_count = Some(count as u64);
    page.total_pages = Some(1);
    page
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
            decode: |resp, op, page, size| Page::from_response(resp, op, page, size),
            options: CallOptions::default(),
            _item: PhantomData,
        }
    }
}

impl<T: Send + 'static> List<T> {
    /// Reads pages with `decode` instead of a plain JSON array.
    pub(crate) fn with_decoder(mut self, decode: PageDecoder<T>) -> Self {
        self.decode = decode;
        self
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

    fn validate(&self) -> std::result::Result<PageRequest, ValidationError> {
        if let Some(e) = &self.invalid {
            return Err(e.clone());
        }
        if self.page < 1 {
            return Err(ValidationError::new("page", "must be at least 1"));
        }
        if self.spec.unpaged && self.page != 1 {
            return Err(ValidationError::new(
                "page",
                format!(
                    "must be 1: 1NCE answers `{}` with the whole list at once",
                    self.spec.operation
                ),
            ));
        }
        let size = self.page_size.unwrap_or(self.spec.default_size);
        check_range(self.spec.size_param, size, 1, self.spec.max_size)?;
        let req = PageRequest {
            spec: self.spec,
            path: self.path.clone(),
            query: self.query.clone(),
            size,
            send_size: self.page_size.is_some(),
        };
        req.check_page(self.page)?;
        Ok(req)
    }

    fn client(&self) -> Client {
        if self.options.is_empty() {
            self.client.clone()
        } else {
            self.client.with_options(self.options.clone())
        }
    }

    async fn fetch(
        client: &Client,
        req: &PageRequest,
        decode: PageDecoder<T>,
        page: u32,
    ) -> Result<(Page<T>, RawResponse)> {
        req.check_page(page)?;
        let resp = client.execute(req.request(page)).await?;
        let mut items = decode(&resp, req.spec.operation, page, req.size)?;
        if req.spec.unpaged {
            if let Some(pages) = items.total_pages.filter(|&p| p > 1) {
                // 1NCE documents no way to ask for the next page: say the
                // list is cut rather than pass it off as whole in silence.
                tracing::warn!(
                    operation = req.spec.operation,
                    pages,
                    items = items.items.len(),
                    "1NCE answered a list its document gives no paging with more than one \
                     page; only the first page's items are listed"
                );
            }
            items = whole_list(items);
        }
        Ok((items, resp))
    }

    fn fetcher(&self, req: PageRequest) -> PageFetcher<T> {
        let client = self.client();
        let decode = self.decode;
        let req = Arc::new(req);
        Arc::new(move |page| {
            let client = client.clone();
            let req = Arc::clone(&req);
            Box::pin(async move {
                let (page, resp) = Self::fetch(&client, &req, decode, page).await?;
                Ok(pagination::Fetched::new(
                    page,
                    &resp,
                    req.spec.operation,
                    req.spec.id_field,
                ))
            })
        })
    }

    /// Fetches the one page set with [`page`](Self::page) (the same as
    /// `.await`).
    pub async fn send(self) -> Result<Page<T>> {
        self.send_with_meta().await.map(|(page, _)| page)
    }

    /// Fetches the one page set with [`page`](Self::page); returns it with
    /// the response metadata (status, request id, rate-limit headers, the
    /// `X-Total-*` figures as sent).
    pub async fn send_with_meta(self) -> Result<(Page<T>, ResponseMeta)> {
        let req = self.validate()?;
        let (page, resp) = Self::fetch(&self.client(), &req, self.decode, self.page).await?;
        Ok((page, resp.into_meta()))
    }

    /// Every page from [`page`](Self::page) on, fetching one page ahead.
    pub fn pages(self) -> PageStream<T> {
        match self.validate() {
            Ok(req) => pagination::page_stream(self.fetcher(req), self.page),
            Err(e) => pagination::failed(e.into()),
        }
    }

    /// Every item across pages, fetching one page ahead. Nothing is sent
    /// until the stream is polled.
    pub fn stream(self) -> ItemStream<T> {
        match self.validate() {
            Ok(req) => pagination::item_stream(self.fetcher(req), self.page),
            Err(e) => pagination::failed(e.into()),
        }
    }
}

impl<T: Send + 'static> std::future::IntoFuture for List<T> {
    type Output = Result<Page<T>>;
    type IntoFuture = futures::future::BoxFuture<'static, Result<Page<T>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
