//! Lists: `Paginator` (iterate items, `.pages()`, `.page(n)`), its asyncio
//! twin `AsyncPaginator`, and `Page`.
//!
//! One implementation serves every list of the API: the Rust `List<T>` is
//! erased into [`ErasedList`] (items become boxed [`PyItem`]s, converted to
//! Python objects only when handed out), so a new list operation only
//! provides a closure that builds its `List<T>`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use futures::stream::BoxStream;
use futures::{FutureExt, StreamExt, TryFutureExt, TryStreamExt};
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use serde::de::DeserializeOwned;

use crate::client::Shared;
use crate::convert::{self, ToPy};
use crate::errors::{self, IntoPyResult};
use crate::models_v1::AsV1;
use crate::runtime;

/// One item of a list, on its way to Python.
pub(crate) trait PyItem: Send {
    fn into_py_item<'py>(self: Box<Self>, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl<T: ToPy + Send> PyItem for T {
    fn into_py_item<'py>(self: Box<Self>, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (*self).into_py(py)
    }
}

/// A page with its items type-erased.
pub(crate) struct ErasedPage {
    items: Vec<Box<dyn PyItem>>,
    page: u32,
    page_size: u32,
    total_count: Option<u64>,
    total_pages: Option<u32>,
    has_next: bool,
}

impl<T: ToPy + Send + 'static> From<once_sdk::Page<T>> for ErasedPage {
    fn from(p: once_sdk::Page<T>) -> Self {
        ErasedPage::mapped(p, |item| item)
    }
}

impl ErasedPage {
    /// The page with each item made what Python shows (`f`).
    fn mapped<T, U: ToPy + Send + 'static>(p: once_sdk::Page<T>, f: fn(T) -> U) -> Self {
        let has_next = p.has_next();
        ErasedPage {
            page: p.page,
            page_size: p.page_size,
            total_count: p.total_count,
            total_pages: p.total_pages,
            has_next,
            items: p
                .items
                .into_iter()
                .map(|i| Box::new(f(i)) as Box<dyn PyItem>)
                .collect(),
        }
    }
}

impl<'py> IntoPyObject<'py> for ErasedPage {
    type Target = Page;
    type Output = Bound<'py, Page>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, Page>> {
        let items = self
            .items
            .into_iter()
            .map(|i| i.into_py_item(py))
            .collect::<PyResult<Vec<_>>>()?;
        Bound::new(
            py,
            Page {
                items: PyTuple::new(py, items)?.unbind(),
                page: self.page,
                page_size: self.page_size,
                total_count: self.total_count,
                total_pages: self.total_pages,
                has_next: self.has_next,
            },
        )
    }
}

/// A list call with its item type erased.
pub(crate) trait ErasedList: Send {
    /// Page `n` (from 1).
    fn one(self: Box<Self>, n: u32) -> BoxFuture<'static, once_sdk::Result<ErasedPage>>;
    /// Every page from the first on, one fetched ahead.
    fn all(self: Box<Self>) -> BoxStream<'static, once_sdk::Result<ErasedPage>>;
    /// The Python class of the items (for reprs).
    fn item_type() -> String
    where
        Self: Sized;
}

impl<T: ToPy + DeserializeOwned + Send + 'static> ErasedList for once_sdk::List<T> {
    fn one(self: Box<Self>, n: u32) -> BoxFuture<'static, once_sdk::Result<ErasedPage>> {
        (*self).page(n).send().map_ok(ErasedPage::from).boxed()
    }
    fn all(self: Box<Self>) -> BoxStream<'static, once_sdk::Result<ErasedPage>> {
        (*self).pages().map_ok(ErasedPage::from).boxed()
    }
    fn item_type() -> String {
        T::py_type()
    }
}

/// A v1 list of a model v1 and v2 share (`once_sdk::Sim`): its items shown
/// as their v1 class (`V1Sim`).
pub(crate) struct AsV1List<T>(pub once_sdk::List<T>);

impl<T> ErasedList for AsV1List<T>
where
    T: DeserializeOwned + Send + 'static,
    AsV1<T>: ToPy + Send + 'static,
{
    fn one(self: Box<Self>, n: u32) -> BoxFuture<'static, once_sdk::Result<ErasedPage>> {
        self.0
            .page(n)
            .send()
            .map_ok(|p| ErasedPage::mapped(p, AsV1))
            .boxed()
    }
    fn all(self: Box<Self>) -> BoxStream<'static, once_sdk::Result<ErasedPage>> {
        self.0
            .pages()
            .map_ok(|p| ErasedPage::mapped(p, AsV1))
            .boxed()
    }
    fn item_type() -> String {
        AsV1::<T>::py_type()
    }
}

/// Builds the Rust list call (with its filters) on a given Rust client.
type MakeList = Arc<dyn Fn(&once_sdk::Client) -> Box<dyn ErasedList> + Send + Sync>;

fn make_list<L, F>(make: F) -> MakeList
where
    L: ErasedList + 'static,
    F: Fn(&once_sdk::Client) -> L + Send + Sync + 'static,
{
    Arc::new(move |c| Box::new(make(c)) as Box<dyn ErasedList>)
}

/// Where an iteration stands: the page stream and the items not yet handed out.
struct Cursor {
    pages: BoxStream<'static, once_sdk::Result<ErasedPage>>,
    buffered: VecDeque<Box<dyn PyItem>>,
    done: bool,
}

impl Cursor {
    fn new(list: Box<dyn ErasedList>) -> SharedCursor {
        Arc::new(tokio::sync::Mutex::new(Cursor {
            pages: list.all(),
            buffered: VecDeque::new(),
            done: false,
        }))
    }

    async fn next_page(&mut self) -> once_sdk::Result<Option<ErasedPage>> {
        if self.done {
            return Ok(None);
        }
        match self.pages.next().await {
            Some(Ok(page)) => Ok(Some(page)),
            Some(Err(e)) => {
                self.done = true;
                Err(e)
            }
            None => {
                self.done = true;
                Ok(None)
            }
        }
    }

    /// The next buffered item, if the page at hand has one left and no
    /// other caller is busy with the cursor (no waiting, no GIL release).
    fn buffered_item(cursor: &SharedCursor) -> Option<Box<dyn PyItem>> {
        cursor.try_lock().ok()?.buffered.pop_front()
    }

    async fn next_item(&mut self) -> once_sdk::Result<Option<Box<dyn PyItem>>> {
        loop {
            if let Some(item) = self.buffered.pop_front() {
                return Ok(Some(item));
            }
            match self.next_page().await? {
                Some(page) => self.buffered.extend(page.items),
                None => return Ok(None),
            }
        }
    }
}

type SharedCursor = Arc<tokio::sync::Mutex<Cursor>>;

/// A boxed item handed to asyncio.
struct Item(Box<dyn PyItem>);

impl<'py> IntoPyObject<'py> for Item {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.into_py_item(py)
    }
}

/// The process an iteration started in: its page stream cannot go on in a
/// forked child.
fn check_pid(py: Python<'_>, pid: u32) -> PyResult<()> {
    if pid != std::process::id() {
        return Err(errors::once_error(
            py,
            "this iteration was started before os.fork() and cannot continue in the child \
             process; start a new one (the client itself works in the child)",
        ));
    }
    Ok(())
}

fn class_getitem<'py>(
    cls: &Bound<'py, PyType>,
    key: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    py.import("types")?
        .getattr("GenericAlias")?
        .call1((cls, key))
}

/// One page of a list, with the figures 1NCE reports for the whole list.
#[pyclass(frozen, module = "once_sdk")]
pub struct Page {
    /// The items on this page.
    #[pyo3(get)]
    items: Py<PyTuple>,
    /// This page's number (from 1).
    #[pyo3(get)]
    page: u32,
    /// The page size asked for.
    #[pyo3(get)]
    page_size: u32,
    /// Items in the whole list (`X-Total-Count`), when reported.
    #[pyo3(get)]
    total_count: Option<u64>,
    /// Pages in the whole list (`X-Total-Pages`), when reported.
    #[pyo3(get)]
    total_pages: Option<u32>,
    /// True when a page follows this one.
    #[pyo3(get)]
    has_next: bool,
}

#[pymethods]
impl Page {
    fn __len__(&self, py: Python<'_>) -> usize {
        self.items.bind(py).len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.items.bind(py).as_any().try_iter()?.into_any())
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let items = self.items.bind(py);
        if index.is_instance_of::<pyo3::types::PySlice>() {
            // A slice of the items, as a tuple (like slicing `items`).
            return items.as_any().get_item(index);
        }
        let index: isize = index.extract()?;
        let len = items.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if i < 0 || i >= len {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "page index out of range",
            ));
        }
        items.get_item(i as usize)
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Page>() else {
            return Ok(false);
        };
        let o = other.get();
        Ok(self.page == o.page
            && self.page_size == o.page_size
            && self.total_count == o.total_count
            && self.total_pages == o.total_pages
            && self.has_next == o.has_next
            && self.items.bind(py).eq(o.items.bind(py))?)
    }

    /// The page as a plain dict, items as dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let items = PyList::empty(py);
        for item in self.items.bind(py).iter() {
            items.append(item.call_method0("to_dict")?)?;
        }
        d.set_item("items", items)?;
        d.set_item("page", self.page)?;
        d.set_item("page_size", self.page_size)?;
        d.set_item("total_count", self.total_count)?;
        d.set_item("total_pages", self.total_pages)?;
        d.set_item("has_next", self.has_next)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Page(page={}, page_size={}, total_count={}, total_pages={}, has_next={}, items={})",
            self.page,
            self.page_size,
            self.total_count.to_py(py)?.repr()?,
            self.total_pages.to_py(py)?.repr()?,
            if self.has_next { "True" } else { "False" },
            self.items.bind(py).repr()?,
        ))
    }

    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        class_getitem(cls, key)
    }
}

/// An iteration in progress and the process it started in: its page stream
/// cannot go on in a forked child.
struct Started {
    pid: u32,
    cursor: SharedCursor,
}

impl Started {
    fn new(cursor: SharedCursor) -> Self {
        Self {
            pid: std::process::id(),
            cursor,
        }
    }

    /// The cursor, unless the iteration started in another process.
    fn cursor(&self, py: Python<'_>) -> PyResult<SharedCursor> {
        check_pid(py, self.pid)?;
        Ok(Arc::clone(&self.cursor))
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        if self.pid != std::process::id() {
            // In a forked child the page stream refers to tasks of the
            // parent's runtime: never drop it.
            std::mem::forget(Arc::clone(&self.cursor));
        }
    }
}

/// Where a paginator's own iteration stands (it is its own item iterator).
/// When an iteration ends, the next one starts again from the first page.
#[derive(Default, Clone)]
struct Progress(Arc<std::sync::Mutex<Option<Started>>>);

impl Progress {
    /// Ends the iteration over `cursor` (if it is still the current one):
    /// iterating again starts from the first page.
    fn finish(&self, cursor: &SharedCursor) {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if slot
            .as_ref()
            .is_some_and(|s| Arc::ptr_eq(&s.cursor, cursor))
        {
            *slot = None;
        }
    }

    /// Whether an iteration is under way.
    fn started(&self) -> bool {
        self.0.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    /// The cursor of the iteration, started with `start` on first use.
    fn cursor(
        &self,
        py: Python<'_>,
        start: impl FnOnce() -> PyResult<SharedCursor>,
    ) -> PyResult<SharedCursor> {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match &*slot {
            Some(started) => started.cursor(py),
            None => {
                let cursor = start()?;
                *slot = Some(Started::new(Arc::clone(&cursor)));
                Ok(cursor)
            }
        }
    }
}

/// Generates the sync and async paginator classes.
macro_rules! paginator_class {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "once_sdk")]
        pub struct $name {
            shared: Arc<Shared>,
            make: MakeList,
            progress: Progress,
            item_type: String,
            /// The list's `timeout=`: each page's whole call, retries included.
            timeout: Option<Duration>,
        }

        impl $name {
            /// A paginator over the list `make` builds
            /// (`once_sdk::List<T>`, or a list with its own pager such as
            /// v1 events); `timeout` (seconds, checked here, before anything
            /// is sent) limits each page's call.
            pub(crate) fn new<L, F>(
                py: Python<'_>,
                shared: &Arc<Shared>,
                timeout: Option<f64>,
                make: F,
            ) -> PyResult<Self>
            where
                L: ErasedList + 'static,
                F: Fn(&once_sdk::Client) -> L + Send + Sync + 'static,
            {
                let timeout = crate::client::call_timeout(py, timeout)?;
                let item_type = L::item_type();
                Ok(Self {
                    shared: Arc::clone(shared),
                    make: make_list(make),
                    progress: Progress::default(),
                    item_type,
                    timeout,
                })
            }

            fn repr(&self) -> String {
                format!(
                    "<{}[{}] {}>",
                    stringify!($name),
                    self.item_type,
                    if self.progress.started() { "iterating" } else { "not started" },
                )
            }

            /// A new iteration from the first page; every page it fetches
            /// (prefetched ones too) has the list's `timeout`.
            fn start(&self, py: Python<'_>) -> PyResult<SharedCursor> {
                let client = crate::client::within(self.shared.client(py)?, self.timeout);
                Ok(Cursor::new((self.make)(&client)))
            }

            /// This paginator's own iteration over the items.
            fn items(&self, py: Python<'_>) -> PyResult<SharedCursor> {
                self.progress.cursor(py, || self.start(py))
            }

            fn one(
                &self,
                py: Python<'_>,
                n: i64,
                timeout: Option<f64>,
            ) -> PyResult<BoxFuture<'static, once_sdk::Result<ErasedPage>>> {
                let n = convert::count(py, "page", n)?;
                // This page's `timeout=`, else the list's.
                let budget = crate::client::call_timeout(py, timeout)?.or(self.timeout);
                let client = crate::client::within(self.shared.client(py)?, budget);
                Ok((self.make)(&client).one(n))
            }
        }
    };
}

paginator_class!(
    /// A list and an iterator over its items: pages are fetched lazily, one
    /// ahead, when iterating; `page(n)` fetches one page, `pages()` iterates
    /// over pages. Nothing is sent before one of these.
    Paginator
);

paginator_class!(
    /// A list and an async iterator over its items: `async for` fetches pages
    /// lazily, one ahead; `await page(n)` fetches one page, `pages()` is an
    /// async iterator over pages. Nothing is sent before one of these.
    AsyncPaginator
);

#[pymethods]
impl Paginator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let cursor = self.items(py)?;
        if let Some(item) = Cursor::buffered_item(&cursor) {
            return item.into_py_item(py).map(Some);
        }
        let current = Arc::clone(&cursor);
        let next =
            runtime::wait_then_drive(py, async move { cursor.lock().await.next_item().await })?;
        let next = next.inspect_err(|_| self.progress.finish(&current));
        match next.into_py_result(py)? {
            Some(item) => item.into_py_item(py).map(Some),
            None => {
                // The end: a new `for` loop starts again from the first page.
                self.progress.finish(&current);
                Ok(None)
            }
        }
    }

    fn __repr__(&self) -> String {
        self.repr()
    }

    /// Every page from the first, fetched lazily (a new iteration).
    fn pages(&self, py: Python<'_>) -> PyResult<PageIterator> {
        Ok(PageIterator(Started::new(self.start(py)?)))
    }

    /// Page `n` (from 1), with the list's totals. `timeout`: seconds this
    /// page's call may take, retries included (default: the list's
    /// `timeout=`, else the client's `operation_timeout`).
    #[pyo3(signature = (n=1, *, timeout=None))]
    fn page<'py>(
        &self,
        py: Python<'py>,
        n: i64,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, Page>> {
        let fut = self.one(py, n, timeout)?;
        runtime::wait(py, fut)?
            .into_py_result(py)?
            .into_pyobject(py)
    }

    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        class_getitem(cls, key)
    }
}

#[pymethods]
impl AsyncPaginator {
    fn __aiter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cursor = self.items(py)?;
        if let Some(item) = Cursor::buffered_item(&cursor) {
            // Already here: a finished future, no trip through the runtime.
            let done = pyo3_async_runtimes::get_running_loop(py)?.call_method0("create_future")?;
            done.call_method1("set_result", (item.into_py_item(py)?,))?;
            return Ok(done);
        }
        let progress = self.progress.clone();
        runtime::spawn(py, async move {
            let current = Arc::clone(&cursor);
            let next = cursor.lock().await.next_item().await;
            match next {
                Ok(Some(item)) => Ok(Item(item)),
                Ok(None) => {
                    // The end: a new `async for` starts again from the first page.
                    progress.finish(&current);
                    Err(PyStopAsyncIteration::new_err(()))
                }
                Err(e) => {
                    progress.finish(&current);
                    Err(errors::to_py_async(e).await)
                }
            }
        })
    }

    fn __repr__(&self) -> String {
        self.repr()
    }

    /// Every page from the first, fetched lazily (a new iteration).
    fn pages(&self, py: Python<'_>) -> PyResult<AsyncPageIterator> {
        Ok(AsyncPageIterator(Started::new(self.start(py)?)))
    }

    /// Page `n` (from 1), with the list's totals. `timeout`: seconds this
    /// page's call may take, retries included (default: the list's
    /// `timeout=`, else the client's `operation_timeout`).
    #[pyo3(signature = (n=1, *, timeout=None))]
    fn page<'py>(
        &self,
        py: Python<'py>,
        n: i64,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fut = self.one(py, n, timeout)?;
        runtime::spawn(py, async move {
            match fut.await {
                Ok(page) => Ok(page),
                Err(e) => Err(errors::to_py_async(e).await),
            }
        })
    }

    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        class_getitem(cls, key)
    }
}

/// The pages of a list, from `Paginator.pages()`.
#[pyclass(frozen, module = "once_sdk")]
pub struct PageIterator(Started);

/// The pages of a list, from `AsyncPaginator.pages()`.
#[pyclass(frozen, module = "once_sdk")]
pub struct AsyncPageIterator(Started);

#[pymethods]
impl PageIterator {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, Page>>> {
        let cursor = self.0.cursor(py)?;
        let next =
            runtime::wait_then_drive(py, async move { cursor.lock().await.next_page().await })?;
        next.into_py_result(py)?
            .map(|p| p.into_pyobject(py))
            .transpose()
    }

    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        class_getitem(cls, key)
    }
}

#[pymethods]
impl AsyncPageIterator {
    fn __aiter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cursor = self.0.cursor(py)?;
        runtime::spawn(py, async move {
            let next = cursor.lock().await.next_page().await;
            match next {
                Ok(Some(page)) => Ok(page),
                Ok(None) => Err(PyStopAsyncIteration::new_err(())),
                Err(e) => Err(errors::to_py_async(e).await),
            }
        })
    }

    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        class_getitem(cls, key)
    }
}

/// Adds the list classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Page>()?;
    m.add_class::<Paginator>()?;
    m.add_class::<AsyncPaginator>()?;
    m.add_class::<PageIterator>()?;
    m.add_class::<AsyncPageIterator>()?;
    Ok(())
}
