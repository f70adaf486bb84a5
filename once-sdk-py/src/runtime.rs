//! The module's tokio runtimes, per process.
//!
//! Two runtimes: a multi-thread one (asyncio calls, the sandbox's server)
//! and a current-thread one that blocking calls run on, driven by the
//! threads that wait in them (see [`wait`]), and between calls, when work
//! is left running, by one thread of the module ([`Driver`]).
//!
//! A tokio runtime does not survive `fork()`: its threads exist only in the
//! parent, and its epoll instance would be shared with it. The runtimes are
//! therefore keyed by process id; a child process gets fresh ones on first
//! use and the parent's are left alone (leaked, as their threads are gone
//! and their locks may be held).
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
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use tokio::runtime::{Builder, Runtime};

/// A runtime and the process it belongs to; leaked, never freed.
struct Owned {
    pid: u32,
    rt: Runtime,
    /// The thread that drives it between calls (blocking clients' runtime
    /// only), started on first need.
    driver: OnceLock<Driver>,
}

/// A runtime per process, created on first use and read without locking:
/// tokio's own threads read it too, and a lock they might hold at `fork()`
/// would stay locked forever in the child.
struct Slot {
    current: AtomicPtr<Owned>,
    /// Taken only to create a runtime (once per process).
    create: Mutex<()>,
    build: fn() -> std::io::Result<Runtime>,
}

impl Slot {
    const fn new(build: fn() -> std::io::Result<Runtime>) -> Self {
        Slot {
            current: AtomicPtr::new(std::ptr::null_mut()),
            create: Mutex::new(()),
            build,
        }
    }

    fn current_of(&self, pid: u32) -> Option<&'static Owned> {
        // SAFETY: the pointer is null or comes from `Box::leak` and is never freed.
        let owned = unsafe { self.current.load(Ordering::Acquire).as_ref() }?;
        (owned.pid == pid).then_some(owned)
    }

    /// The runtime of this process, created on first use.
    fn get(&'static self) -> PyResult<&'static Owned> {
        let pid = std::process::id();
        if let Some(owned) = self.current_of(pid) {
            return Ok(owned);
        }
        let _creating = self.create.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(owned) = self.current_of(pid) {
            return Ok(owned);
        }
        let rt = (self.build)().map_err(|e| {
            pyo3::exceptions::PyRuntimeError::new_err(format!(
                "could not start the tokio runtime: {e}"
            ))
        })?;
        // The parent's runtime, if any, is left as it is: its threads are gone.
        let owned: &'static mut Owned = Box::leak(Box::new(Owned {
            pid,
            rt,
            driver: OnceLock::new(),
        }));
        self.current.store(owned, Ordering::Release);
        Ok(owned)
    }
}

/// The worker threads: asyncio calls, the sandbox's server.
static WORKERS: Slot = Slot::new(|| {
    Builder::new_multi_thread()
        .enable_all()
        .thread_name("once-sdk")
        .build()
});

/// What blocking calls run on: driven by the threads that wait in a call.
static CALLERS: Slot = Slot::new(|| {
    Builder::new_current_thread()
        .enable_all()
        .thread_name("once-sdk-blocking")
        .build()
});

/// The multi-thread runtime of this process, created on first use.
pub(crate) fn runtime() -> PyResult<&'static Runtime> {
    Ok(&WORKERS.get()?.rt)
}

/// A thread that drives the blocking clients' runtime while no call does,
/// for work a call leaves running (a paginator's prefetch of the next page).
/// A call takes the runtime back from it when it starts.
struct Driver {
    /// Set by a call that leaves work running; cleared by the next call.
    wanted: Arc<AtomicBool>,
    /// Tells the driving thread to let go of the runtime.
    release: Arc<tokio::sync::Notify>,
    thread: std::thread::Thread,
}

impl Driver {
    fn start(rt: &'static Runtime) -> std::io::Result<Driver> {
        let wanted = Arc::new(AtomicBool::new(false));
        let release = Arc::new(tokio::sync::Notify::new());
        let (w, r) = (Arc::clone(&wanted), Arc::clone(&release));
        let thread = std::thread::Builder::new()
            .name("once-sdk-driver".into())
            .spawn(move || loop {
                while !w.load(Ordering::Acquire) {
                    std::thread::park();
                }
                rt.block_on(async {
                    loop {
                        let released = r.notified();
                        let mut released = std::pin::pin!(released);
                        // Listening before looking: a release between the
                        // two is not missed.
                        released.as_mut().enable();
                        if !w.load(Ordering::Acquire) {
                            return;
                        }
                        released.await;
                    }
                });
            })?
            .thread()
            .clone();
        Ok(Driver {
            wanted,
            release,
            thread,
        })
    }

    /// Drive the runtime until the next call.
    fn drive(&self) {
        self.wanted.store(true, Ordering::Release);
        self.thread.unpark();
    }

    /// Stop driving: a call is about to drive the runtime itself.
    fn stop(&self) {
        if self.wanted.swap(false, Ordering::AcqRel) {
            self.release.notify_waiters();
        }
    }
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

/// Runs `fut` to completion with the GIL released, so other Python threads
/// run while it waits on the network and decodes. Returns early with the
/// exception if a signal handler raises (Ctrl-C); the call is then dropped
/// (cancelled).
///
/// The calling thread drives the call itself, on a current-thread runtime
/// that belongs to the blocking clients: its connections, timers and the
/// tasks the call spawns make progress while some thread waits in a call
/// (several threads may: one drives, the others are woken when their call
/// is ready). No worker thread is woken, so a call costs one wake-up by
/// the kernel, as a plain blocking socket does (`blocking_call` bench,
/// docs/BENCHMARKS.md). Everything a blocking client does must therefore
/// go through here: a connection of its pool lives on this runtime.
pub(crate) fn wait<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    wait_in(CALLERS.get()?, py, fut)
}

/// [`wait`] on the blocking clients' runtime of this process, `owned`.
fn wait_in<F>(owned: &'static Owned, py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if let Some(driver) = owned.driver.get() {
        driver.stop();
    }
    wait_on(py, &owned.rt, async move {
        see_what_happened_while_idle().await;
        fut.await
    })
}

/// Lets the blocking clients' runtime take in what happened while no thread
/// drove it, before a call starts: a few scheduler turns, each of which
/// polls the I/O driver without waiting. A connection the server closed
/// meanwhile sees its end of file and leaves the pool, so the call does not
/// pick it and fail on it.
async fn see_what_happened_while_idle() {
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
}

/// [`wait`] for a call that leaves work running when it returns (a
/// paginator's prefetch): a thread of the module drives the runtime until
/// the next call, so that work goes on while the caller works.
pub(crate) fn wait_then_drive<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    let owned = CALLERS.get()?;
    let out = wait_in(owned, py, fut)?;
    drive_until_next_call(owned)?;
    Ok(out)
}

/// Has a thread of the module drive the blocking clients' runtime `owned`
/// until the next blocking call.
fn drive_until_next_call(owned: &'static Owned) -> PyResult<()> {
    let driver = match owned.driver.get() {
        Some(d) => d,
        None => {
            // One thread per process: started under the creation lock.
            let _creating = CALLERS.create.lock().unwrap_or_else(|p| p.into_inner());
            match owned.driver.get() {
                Some(d) => d,
                None => {
                    let started = Driver::start(&owned.rt).map_err(|e| {
                        pyo3::exceptions::PyRuntimeError::new_err(format!(
                            "could not start the runtime's driving thread: {e}"
                        ))
                    })?;
                    owned.driver.get_or_init(|| started)
                }
            }
        }
    };
    driver.drive();
    Ok(())
}

/// Lets the blocking clients' runtime run what is ready, when no thread is
/// in a call: a closed client's connections close when their tasks next
/// run, and with no call to come they would stay open. Returns at once (a
/// few scheduler turns, no waiting); does nothing inside a runtime.
pub(crate) fn settle() {
    let Some(owned) = CALLERS.current_of(std::process::id()) else {
        return;
    };
    if tokio::runtime::Handle::try_current().is_ok() {
        return;
    }
    owned.rt.block_on(async {
        for _ in 0..4 {
            tokio::task::yield_now().await;
        }
    });
}

/// [`wait`] for work that must keep going after the call returns (the
/// sandbox's server): it runs on the worker threads.
pub(crate) fn wait_on_workers<F>(py: Python<'_>, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    wait_on(py, &WORKERS.get()?.rt, fut)
}

fn wait_on<F>(py: Python<'_>, rt: &Runtime, fut: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        // Python code that the SDK runs during a call (a handler of the
        // `once_sdk` logger) is inside the runtime: waiting there would
        // wait on itself. tokio would panic.
        return Err(pyo3::exceptions::PyRuntimeError::new_err(
            "a blocking once_sdk call cannot be made from code that runs inside another \
             call (a handler of the 'once_sdk' logger, for example): make it after that \
             call returns, or use AsyncClient",
        ));
    }
    py.detach(|| {
        rt.block_on(async {
            let mut fut = std::pin::pin!(fut);
            loop {
                match tokio::time::timeout(SIGNAL_CHECK, fut.as_mut()).await {
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
