//! The one tokio runtime the module runs on, per process.
//!
//! A tokio runtime does not survive `fork()`: its worker threads exist only in
//! the parent. The runtime is therefore keyed by process id; a child process
//! gets a fresh one on first use and the parent's is left alone (leaked, as
//! its threads are gone and its locks may be held).
//!
//! Tokio threads attach to Python to hand results back (asyncio completions,
//! exceptions, log records). Attaching to an interpreter that is finalizing
//! kills the process (CPython ends or corrupts the attaching thread), so every
//! such attach goes through [`attach`]: an `atexit` hook closes the gate,
//! waits (without the GIL) for the attaches already inside, and from then on
//! results are dropped instead of delivered.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Set by the `atexit` hook: Python is shutting down, tokio threads no
/// longer attach.
static EXITING: AtomicBool = AtomicBool::new(false);
/// Tokio threads between passing the gate and leaving Python.
static INSIDE: AtomicUsize = AtomicUsize::new(0);
/// How long the `atexit` hook waits for attaches already inside; they only
/// hand over a result, so this is a bound for a stuck one, not a wait.
const EXIT_GRACE: Duration = Duration::from_secs(2);

/// A pass through the gate; leaving it is counted on drop.
pub(crate) struct Inside(());

impl Drop for Inside {
    fn drop(&mut self) {
        INSIDE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Passes the gate unless Python is shutting down. The count goes up before
/// the flag is read and the hook sets the flag before reading the count
/// (both `SeqCst`), so either this sees the flag or the hook sees this pass.
pub(crate) fn enter() -> Option<Inside> {
    INSIDE.fetch_add(1, Ordering::SeqCst);
    let pass = Inside(());
    (!EXITING.load(Ordering::SeqCst)).then_some(pass)
}

/// `Python::attach` for threads Python did not start (tokio's): `None`
/// instead of attaching once the interpreter is shutting down.
pub(crate) fn attach<R>(f: impl FnOnce(Python<'_>) -> R) -> Option<R> {
    let _inside = enter()?;
    Python::try_attach(f)
}

/// Registered with `atexit`: closes the gate and lets the attaches already
/// inside finish (they need the GIL, which this gives up while it waits).
#[pyfunction]
fn _before_exit(py: Python<'_>) {
    EXITING.store(true, Ordering::SeqCst);
    py.detach(|| {
        let deadline = Instant::now() + EXIT_GRACE;
        while INSIDE.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}

/// In a forked child the parent's tokio threads do not exist: the passes
/// they held are not coming back.
#[pyfunction]
fn _after_fork_in_child() {
    INSIDE.store(0, Ordering::SeqCst);
}

/// Installs the `atexit` and fork hooks.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let before_exit = wrap_pyfunction!(_before_exit, m)?;
    py.import("atexit")?
        .call_method1("register", (before_exit,))?;
    let os = py.import("os")?;
    if os.hasattr("register_at_fork")? {
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("after_in_child", wrap_pyfunction!(_after_fork_in_child, m)?)?;
        os.call_method("register_at_fork", (), Some(&kwargs))?;
    }
    Ok(())
}

/// How often a blocking call wakes up to let Python handle signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Runs `fut` to completion on the runtime with the GIL released, so other
/// Python threads run while it waits on the network and decodes. Returns early
/// with the exception if a signal handler raises (Ctrl-C); the call is then
/// dropped (cancelled).
///
/// `fut` is polled once on the calling thread: what needs no I/O (a token
/// from the cache, arguments refused) ends there, without a thread hop.
/// What is still pending then continues as a task of the runtime: the
/// connection's task lives on the runtime's workers, and a call polled from
/// the caller's thread would be woken once per chunk of the response body
/// (each a thread hop); as a task it is woken once, when its answer is
/// ready (`blocking_call` bench, docs/BENCHMARKS.md).
pub(crate) fn wait<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let rt = runtime()?;
    py.detach(|| {
        let mut fut = Box::pin(fut);
        {
            let _in_runtime = rt.enter();
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            if let std::task::Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
                return Ok(out);
            }
        }
        // The task is polled again as soon as it is spawned, so nothing
        // the no-op waker above missed is lost.
        let mut task = AbortOnDrop(rt.spawn(fut));
        rt.block_on(async {
            loop {
                match tokio::time::timeout(SIGNAL_CHECK, &mut task.0).await {
                    Ok(Ok(out)) => return Ok(out),
                    Ok(Err(e)) => {
                        return Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
                            "the call's task ended without an answer: {e}"
                        )))
                    }
                    Err(_) => Python::attach(|py| py.check_signals())?,
                }
            }
        })
    })
}

/// A spawned call that is cancelled when its waiter gives up (Ctrl-C).
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
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
        // pyo3-async-runtimes spawns blocking closures only to attach and
        // complete an asyncio future; during shutdown they are dropped.
        current().spawn_blocking(move || {
            if let Some(_inside) = enter() {
                f();
            }
        })
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
