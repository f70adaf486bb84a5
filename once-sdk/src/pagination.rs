//! [`Page`] and streaming across pages.
//!
//! 1NCE lists are paged with `page` (from 1) and a page size; the response
//! headers `X-Total-Count`, `X-Total-Pages`, `X-Current-Page` and
//! `X-Count-Per-Page` describe the whole result. Every list call returns one
//! [`Page`], and can be turned into a stream of items that fetches the next
//! page while the caller works through the current one (at most one page
//! ahead). Nothing is sent until the stream is first polled.
//!
//! A stream always ends: a page the server sends again (the same body, an
//! earlier `X-Current-Page`, or nothing but items an earlier page had, told
//! apart by their ids, however the rest of the body changed) ends it with
//! [`Error::RepeatedPage`]; items an earlier
//! page had, on a page with new ones too (a list that shifted while it was
//! read), are dropped rather than yielded twice; and more items than the
//! server's `X-Total-Count` are yielded only with a warning in the logs
//! (the list grew while it was read).

use std::sync::Arc;

use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::error::{Error, Result};
use crate::transport::RawResponse;

/// One page of a list, with the figures 1NCE reports for the whole list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// This page's number (from 1).
    pub page: u32,
    /// The page size asked for.
    pub page_size: u32,
    /// Items in the whole list (`X-Total-Count`), when reported.
    pub total_count: Option<u64>,
    /// Pages in the whole list (`X-Total-Pages`), when reported.
    pub total_pages: Option<u32>,
}

impl<T> Page<T> {
    /// Page 1 holding `items`, its page size their number, no totals: the
    /// last page as far as [`has_next`](Self::has_next) can tell. Set the
    /// rest with the `with_*` methods, e.g. in tests of code that reads
    /// pages:
    ///
    /// ```
    /// use once_sdk::Page;
    /// let page = Page::new(vec!["a", "b"]).with_page(1, 2).with_totals(5, 3);
    /// assert!(page.has_next());
    /// assert_eq!(page.total_count, Some(5));
    /// ```
    pub fn new(items: Vec<T>) -> Self {
        let page_size = u32::try_from(items.len()).unwrap_or(u32::MAX);
        Self {
            items,
            page: 1,
            page_size,
            total_count: None,
            total_pages: None,
        }
    }

    /// With this page number (from 1) and page size.
    pub fn with_page(mut self, page: u32, page_size: u32) -> Self {
        self.page = page;
        self.page_size = page_size;
        self
    }

    /// With the figures of the whole list: items and pages in all.
    pub fn with_totals(mut self, total_count: u64, total_pages: u32) -> Self {
        self.total_count = Some(total_count);
        self.total_pages = Some(total_pages);
        self
    }

    /// True when a page follows this one: this page is not empty, and
    /// neither `X-Total-Pages` nor `X-Total-Count` (with the page size)
    /// says it is the last; without either, when this page is full.
    pub fn has_next(&self) -> bool {
        if self.items.is_empty() {
            return false;
        }
        let by_pages = self.total_pages.map(|total| self.page < total);
        // A page shorter than asked for may be the last one, or the server
        // may hand out smaller pages than asked for: counting with its
        // length never skips items (at worst one empty page is asked for).
        let per_page = (self.items.len() as u64).min(u64::from(self.page_size));
        let by_count = self
            .total_count
            .filter(|_| per_page > 0)
            .map(|count| u64::from(self.page) * per_page < count);
        match (by_pages, by_count) {
            (None, None) => self.items.len() as u32 >= self.page_size,
            (pages, count) => pages.unwrap_or(true) && count.unwrap_or(true),
        }
    }

    /// Iterates over the items.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The number of items on this page.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the page holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

fn header_num<N: std::str::FromStr>(headers: &HeaderMap, name: &str) -> Option<N> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

impl<T: DeserializeOwned> Page<T> {
    /// A page from a list response: the body is a JSON array, the totals come
    /// from the `X-*` headers (falling back to what was asked for).
    pub(crate) fn from_response(
        resp: &RawResponse,
        what: &'static str,
        page: u32,
        page_size: u32,
    ) -> Result<Self> {
        let items: Option<Vec<T>> = resp.decode(what)?;
        let items = items.unwrap_or_default();
        Ok(Page {
            page: header_num(&resp.headers, "x-current-page").unwrap_or(page),
            page_size: header_num(&resp.headers, "x-count-per-page").unwrap_or(page_size),
            total_count: header_num(&resp.headers, "x-total-count"),
            total_pages: header_num(&resp.headers, "x-total-pages"),
            items,
        })
    }
}

/// A stream of pages.
pub type PageStream<T> = BoxStream<'static, Result<Page<T>>>;
/// A stream of items across all pages.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// One fetched page, with what the stream needs to tell a repeated page.
pub(crate) struct Fetched<T> {
    pub page: Page<T>,
    /// A hash of the response body: the same body twice is the same page.
    pub fingerprint: u64,
    /// A hash of each item's id, in the order of `page.items` (`None` for
    /// an item without one); empty when the body's items could not be
    /// lined up with the page's.
    pub keys: Vec<Option<u64>>,
    /// The list operation (e.g. `sims.list`), for errors.
    pub operation: &'static str,
}

fn hash_of(v: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// The hash of `id_field` of each item of a list body: a JSON array, or an
/// object holding the array (v1 events). Empty when there is no such array.
fn item_keys(body: &[u8], id_field: &str) -> Vec<Option<u64>> {
    if id_field.is_empty() {
        return Vec::new();
    }
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Vec::new();
    };
    let items = match &v {
        serde_json::Value::Array(a) => Some(a),
        serde_json::Value::Object(o) => ["items", "events"]
            .iter()
            .find_map(|k| o.get(*k).and_then(|v| v.as_array()))
            .or_else(|| o.values().find_map(|v| v.as_array())),
        _ => None,
    };
    items
        .map(|a| {
            a.iter()
                .map(|item| match item.get(id_field) {
                    None | Some(serde_json::Value::Null) => None,
                    Some(id) => Some(hash_of(&id.to_string())),
                })
                .collect()
        })
        .unwrap_or_default()
}

impl<T> Fetched<T> {
    /// `page`, fetched by `operation` from `resp`; its items are told apart
    /// by `id_field`.
    pub(crate) fn new(
        page: Page<T>,
        resp: &RawResponse,
        operation: &'static str,
        id_field: &str,
    ) -> Self {
        let mut keys = item_keys(&resp.body, id_field);
        if keys.len() != page.items.len() {
            // The decoder dropped or added rows (a `TOTAL` line): the ids
            // cannot be lined up, so only whole bodies are compared.
            keys.clear();
        }
        Fetched {
            page,
            fingerprint: hash_of(&resp.body),
            keys,
            operation,
        }
    }
}

/// Fetches page `n` of a list.
pub(crate) type PageFetcher<T> =
    Arc<dyn Fn(u32) -> BoxFuture<'static, Result<Fetched<T>>> + Send + Sync>;

/// Aborts the prefetch task when the stream is dropped.
struct Prefetch<T>(tokio::task::JoinHandle<Result<Fetched<T>>>);

impl<T> Drop for Prefetch<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

struct State<T> {
    fetch: PageFetcher<T>,
    next: u32,
    ahead: Option<Prefetch<T>>,
    done: bool,
    /// The fingerprint of every page seen so far, with its number.
    seen: std::collections::HashMap<u64, u32>,
    /// The id of every item yielded so far, with its page.
    ids: std::collections::HashMap<u64, u32>,
    /// Items yielded so far.
    yielded: u64,
}

/// Pages from `first` on, fetching the next page ahead while the current one
/// is consumed.
pub(crate) fn page_stream<T: Send + 'static>(fetch: PageFetcher<T>, first: u32) -> PageStream<T> {
    let state = State {
        fetch,
        next: first,
        ahead: None,
        done: false,
        seen: std::collections::HashMap::new(),
        ids: std::collections::HashMap::new(),
        yielded: 0,
    };
    stream::unfold(state, |mut st| async move {
        if st.done {
            return None;
        }
        let requested = st.next;
        let result = match st.ahead.take() {
            Some(mut p) => match (&mut p.0).await {
                Ok(r) => r,
                Err(e) => Err(Error::Transport {
                    message: format!("page prefetch task failed: {e}"),
                    source: None,
                }),
            },
            None => (st.fetch)(requested).await,
        };
        match result {
            Err(e) => {
                st.done = true;
                Some((Err(e), st))
            }
            Ok(fetched) => {
                let Fetched {
                    mut page,
                    fingerprint,
                    keys,
                    operation,
                } = fetched;
                // A server that ignores `page` sends the same page again
                // (and may even say so in `X-Current-Page`, or change a
                // timestamp in every item): end the stream with an error
                // instead of looping over the same items.
                let known: Vec<Option<u32>> = keys
                    .iter()
                    .map(|k| k.and_then(|k| st.ids.get(&k).copied()))
                    .collect();
                let repeats = if page.items.is_empty() {
                    None
                } else if page.page < requested {
                    Some(page.page)
                } else if let Some(p) = st.seen.get(&fingerprint) {
                    Some(*p)
                } else if !known.is_empty() && known.iter().all(Option::is_some) {
                    known.iter().flatten().min().copied()
                } else {
                    None
                };
                if let Some(repeats) = repeats {
                    st.done = true;
                    return Some((
                        Err(Error::RepeatedPage {
                            operation,
                            page: requested,
                            repeats,
                        }),
                        st,
                    ));
                }
                if page.page != requested {
                    // The server answered with a later page than asked for:
                    // stop rather than guess where the list stands.
                    tracing::warn!(
                        requested,
                        got = page.page,
                        "server returned a different page; stopping"
                    );
                    st.done = true;
                    return Some((
                        Ok(Page {
                            items: Vec::new(),
                            ..page
                        }),
                        st,
                    ));
                }
                st.seen.insert(fingerprint, requested);
                // Before items are dropped: the page as the server sent it
                // tells whether another follows.
                let more = page.has_next();
                // Items seen on an earlier page (a list that shifted while
                // it was read): dropped, not yielded twice.
                if known.iter().any(Option::is_some) {
                    let before = page.items.len();
                    let mut keep = known.iter().map(Option::is_none);
                    page.items.retain(|_| keep.next().unwrap_or(true));
                    tracing::warn!(
                        operation,
                        page = requested,
                        dropped = before - page.items.len(),
                        "items already yielded by an earlier page were dropped"
                    );
                }
                for (k, _) in keys.iter().zip(&known).filter(|(_, seen)| seen.is_none()) {
                    if let Some(k) = k {
                        st.ids.insert(*k, requested);
                    }
                }
                st.yielded += page.items.len() as u64;
                if let Some(total) = page.total_count.filter(|t| st.yielded > *t) {
                    // Not an error: a list can grow while it is read.
                    tracing::warn!(
                        operation,
                        announced = total,
                        yielded = st.yielded,
                        "the list yields more items than the server announced"
                    );
                }
                if more {
                    st.next = requested + 1;
                    // The prefetch runs in a task of its own: it keeps
                    // the caller's span, as the page fetched inline does.
                    let fetch = (st.fetch)(st.next).instrument(tracing::Span::current());
                    st.ahead = Some(Prefetch(tokio::spawn(fetch)));
                } else {
                    st.done = true;
                }
                Some((Ok(page), st))
            }
        }
    })
    .boxed()
}

/// Items across all pages from `first` on.
pub(crate) fn item_stream<T: Send + 'static>(fetch: PageFetcher<T>, first: u32) -> ItemStream<T> {
    page_stream(fetch, first)
        .map_ok(|p| stream::iter(p.items.into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}

/// A stream that yields `err` once: for list calls whose input is invalid.
pub(crate) fn failed<T: Send + 'static>(err: Error) -> BoxStream<'static, Result<T>> {
    stream::once(async move { Err(err) }).boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn fetched(page: Page<u32>, fingerprint: u64) -> Fetched<u32> {
        // Each item is its own id.
        let keys = page.items.iter().map(|i| Some(hash_of(i))).collect();
        Fetched {
            page,
            fingerprint,
            keys,
            operation: "test.list",
        }
    }

    #[test]
    fn item_ids_are_read_from_an_array_or_the_array_of_an_object() {
        let array = br#"[{"iccid": "1"}, {"iccid": null}, {"iccid": "1"}, {}]"#;
        let keys = item_keys(array, "iccid");
        assert_eq!(keys.len(), 4);
        assert!(keys[0].is_some() && keys[0] == keys[2]);
        assert_eq!((keys[1], keys[3]), (None, None));
        let object = br#"{"total_events": 2, "events": [{"id": 7}, {"id": 8}]}"#;
        let keys = item_keys(object, "id");
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        assert!(item_keys(b"not json", "id").is_empty());
    }

    fn fake(total: u32, size: u32, calls: Arc<AtomicU32>) -> PageFetcher<u32> {
        Arc::new(move |n| {
            calls.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                let start = (n - 1) * size;
                let items: Vec<u32> = (start..total.min(start + size)).collect();
                Ok(fetched(
                    Page {
                        items,
                        page: n,
                        page_size: size,
                        total_count: Some(total.into()),
                        total_pages: Some(total.div_ceil(size)),
                    },
                    n.into(),
                ))
            })
        })
    }

    #[tokio::test]
    async fn every_item_once_for_many_shapes() {
        for (total, size) in [(0, 10), (1, 10), (10, 10), (11, 10), (95, 7), (1000, 100)] {
            let calls = Arc::new(AtomicU32::new(0));
            let items: Vec<u32> = item_stream(fake(total, size, calls.clone()), 1)
                .try_collect()
                .await
                .unwrap();
            assert_eq!(
                items,
                (0..total).collect::<Vec<_>>(),
                "total {total} size {size}"
            );
            assert_eq!(calls.load(Ordering::SeqCst), total.div_ceil(size).max(1));
        }
    }

    #[tokio::test]
    async fn lazy_and_at_most_one_page_ahead() {
        let calls = Arc::new(AtomicU32::new(0));
        let mut s = page_stream(fake(100, 10, calls.clone()), 1);
        tokio::task::yield_now().await;
        assert_eq!(
            calls.load(Ordering::SeqCst),
            0,
            "nothing sent before polling"
        );
        let first = s.next().await.unwrap().unwrap();
        assert_eq!(first.page, 1);
        for _ in 0..5 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "exactly one page prefetched"
        );
    }

    #[tokio::test]
    async fn a_page_that_says_it_is_an_earlier_one_ends_the_stream_with_an_error() {
        let fetch: PageFetcher<u32> = Arc::new(|n| {
            Box::pin(async move {
                Ok(fetched(
                    Page {
                        items: vec![1, 2],
                        page: 1,
                        page_size: 2,
                        total_count: None,
                        total_pages: None,
                    },
                    n.into(),
                ))
            })
        });
        let mut items = item_stream(fetch, 1);
        assert_eq!(items.try_next().await.unwrap(), Some(1));
        assert_eq!(items.try_next().await.unwrap(), Some(2));
        let err = items.try_next().await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::RepeatedPage {
                    operation: "test.list",
                    page: 2,
                    repeats: 1
                }
            ),
            "{err:?}"
        );
        assert!(
            items.try_next().await.unwrap().is_none(),
            "the stream ended"
        );
    }

    #[test]
    fn has_next_never_goes_past_what_the_headers_allow() {
        let page = |page, total_count, total_pages| Page {
            items: vec![0u32; 10],
            page,
            page_size: 10,
            total_count,
            total_pages,
        };
        assert!(page(2, Some(25), None).has_next());
        assert!(!page(3, Some(25), None).has_next());
        assert!(!page(2, Some(20), None).has_next());
        assert!(!page(2, Some(1000), Some(2)).has_next());
        assert!(!page(3, Some(25), Some(100)).has_next());
        assert!(page(1, None, None).has_next(), "a full page without totals");
        // A server that hands out 5 where 10 were asked for: nothing skipped.
        let short = Page {
            items: vec![0u32; 5],
            page: 2,
            page_size: 10,
            total_count: Some(25),
            total_pages: None,
        };
        assert!(short.has_next());
    }
}
