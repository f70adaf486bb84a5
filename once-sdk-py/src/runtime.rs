//! The one tokio runtime the module runs on, per process.
//!
//! A tokio runtime does not survive `fork()`: its worker threads exist only in
//! the parent. The runtime is therefore keyed by process id; a child process
//! gets a fresh one on first use and the parent's is left alone (leaked, as
//! its threads are gone and its locks may be held).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::{Builder, Runtime};

/// A runtime and the process it belongs to; leaked, never freed.
struct Owned {
    pid: u32,
    rt: Runtime,
}

/// The runtime of the current process. Read without locking: tokio's own
/// threads read it too, and a lock they might hold at `fork()` would stay
/// locked forever in the child.
static CURRENT: AtomicPtr<Owned> = AtomicPtr::new(std::ptr::null_mut());
/// Taken only to create a runtime (once per process).
static CREATE: Mutex<()> = Mutex::new(());

fn current_of(pid: u32) -> Option<&'static Runtime> {
    // SAFETY: the pointer is null or comes from `Box::leak` and is never freed.
    let owned = unsafe { CURRENT.load(Ordering::Acquire).as_ref() }?;
    (owned.pid == pid).then_some(&owned.rt)
}

/// The runtime of this process, created on first use.
pub(crate) fn runtime() -> PyResult<&'static Runtime> {
    let pid = std::process::id();
    if let Some(rt) = current_of(pid) {
        return Ok(rt);
    }
    let _creating = CREATE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(rt) = current_of(pid) {
        return Ok(rt);
    }
    let rt = Builder::new_multi_thread()
        .enable_all()
        .thread_name("once-sdk")
        .build()
        .map_err(|e| {
            pyo3::exceptions::PyRuntimeError::new_err(format!(
                "could not start the tokio runtime: {e}"
            ))
        })?;
    // The parent's runtime, if any, is left as it is: its threads are gone.
    let owned: &'static mut Owned = Box::leak(Box::new(Owned { pid, rt }));
    CURRENT.store(owned, Ordering::Release);
    Ok(&owned.rt)
}

/// How often a blocking call wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Runs `fut` to completion on the runtime with the GIL released, so other
/// Python threads run while it waits on the network and decodes. Returns early
/// with the exception if a signal handler raises (Ctrl-C); the call is then
/// dropped (cancelled).
pub(crate) fn wait<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    let rt = runtime()?;
    py.detach(|| {
        rt.block_on(async {
            let mut fut = std::pin::pin!(fut);
            loop {
                match tokio::time::timeout(SIGNAL_CHECK, &mut fut).await {
                    Ok(out) => return Ok(out),
                    Err(_) => Python::attach(|py| py.check_signals())?,
                }
            }
        })
    })
}

tokio::task_local! {
    static LOCALS: TaskLocals;
}

/// The runtime as pyo3-async-runtimes sees it: spawns onto [`runtime`], so
/// asyncio calls also work in a forked child.
pub(crate) struct OnceRuntime;

impl GenericRuntime for OnceRuntime {
    type JoinError = tokio::task::JoinError;
    type JoinHandle = tokio::task::JoinHandle<()>;

    fn spawn<F>(fut: F) -> Self::JoinHandle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        current().spawn(fut)
    }

    fn spawn_blocking<F>(f: F) -> Self::JoinHandle
    where
        F: FnOnce() + Send + 'static,
    {
        current().spawn_blocking(f)
    }
}

impl ContextExt for OnceRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        Box::pin(LOCALS.scope(locals, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        LOCALS.try_with(|l| l.clone()).ok()
    }
}

/// The runtime for spawning from pyo3-async-runtimes. Every entry point calls
/// [`runtime`] first, so this finds it built for the current process.
fn current() -> &'static Runtime {
    match runtime() {
        Ok(rt) => rt,
        // Only reachable if the OS refuses threads after an entry point
        // already succeeded in starting the runtime for this process.
        Err(e) => panic!("{e}"),
    }
}

/// Turns `fut` into an asyncio awaitable running on [`OnceRuntime`].
pub(crate) fn spawn<'py, F, T>(py: Python<'py>, fut: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    runtime()?;
    pyo3_async_runtimes::generic::future_into_py::<OnceRuntime, F, T>(py, fut)
}
