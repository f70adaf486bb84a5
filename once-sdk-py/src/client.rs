//! `Client` (blocking) and `AsyncClient` (asyncio) around one Rust client.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use once_sdk::redis::{RedisRateLimiter, RedisTokenStore, DEFAULT_KEY_PREFIX};
use once_sdk::RateLimits;
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::{Out, ToPy};
use crate::errors::{self, IntoPyResult};
use crate::os::{AsyncOs, Os};
use crate::runtime;
use crate::sims::{AsyncSims, Sims};
use crate::v1::{AsyncV1, V1};
use crate::{
    orders::{AsyncOrders, Orders},
    products::{AsyncProducts, Products},
    sms::{AsyncSmsMessages, SmsMessages},
    support::{AsyncSupport, Support},
};

/// A resource class of the clients (`client.sims`, `client.orders`, ...):
/// a Python class over the client's shared state, and its constructor.
macro_rules! resource_class {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "once_sdk")]
        pub struct $name {
            shared: Arc<Shared>,
        }

        impl $name {
            pub(crate) fn new(shared: Arc<Shared>) -> Self {
                Self { shared }
            }
        }
    };
}
pub(crate) use resource_class;

/// Builds a Rust client: called once, and again in a forked child.
pub(crate) type Recipe = Box<dyn Fn() -> once_sdk::Result<once_sdk::Client> + Send + Sync>;

enum State {
    Open { pid: u32, client: once_sdk::Client },
    Closed,
}

/// What `Client`, `AsyncClient` and their resources share: the Rust client of
/// the current process, rebuilt after `fork()`.
pub(crate) struct Shared {
    recipe: Recipe,
    state: Mutex<State>,
    /// What must live as long as the client: the `Sandbox` that made it.
    _owner: Option<Py<PyAny>>,
}

impl Shared {
    fn open(py: Python<'_>, recipe: Recipe, owner: Option<Py<PyAny>>) -> PyResult<Arc<Shared>> {
        let client = recipe().into_py_result(py)?;
        Ok(Arc::new(Shared {
            recipe,
            state: Mutex::new(State::Open {
                pid: std::process::id(),
                client,
            }),
            _owner: owner,
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The Rust client for this process. In a child after `fork()` a new one
    /// is built (the parent's connections and background tasks live in the
    /// parent): a fresh connection pool and token cache.
    pub(crate) fn client(&self, py: Python<'_>) -> PyResult<once_sdk::Client> {
        crate::logging::sync_level(py);
        let mut state = self.lock();
        match &mut *state {
            State::Closed => Err(errors::config(py, "the client is closed")),
            State::Open { pid, client } => {
                let now = std::process::id();
                if *pid != now {
                    let fresh = (self.recipe)().into_py_result(py)?;
                    // The parent's client refers to connections and tasks that
                    // only exist in the parent: leave it untouched.
                    std::mem::forget(std::mem::replace(client, fresh));
                    *pid = now;
                }
                Ok(client.clone())
            }
        }
    }

    fn close(&self) {
        let old = std::mem::replace(&mut *self.lock(), State::Closed);
        if let State::Open { pid, client } = old {
            if pid == std::process::id() {
                drop(client);
                runtime::settle();
            } else {
                // Inherited through fork(): its connections are the parent's.
                std::mem::forget(client);
            }
        }
    }

    fn describe(&self) -> String {
        match &*self.lock() {
            State::Open { client, .. } => format!(
                "base_url='{}', client_id='{}'",
                client.base_url().as_str(),
                client.client_id()
            ),
            State::Closed => "closed".into(),
        }
    }

    /// The Rust client for a call with the `timeout=` argument (seconds,
    /// checked first): with `timeout` as its whole-call deadline, retries
    /// included, in place of the client's `operation_timeout`.
    pub(crate) fn client_within(
        &self,
        py: Python<'_>,
        timeout: Option<f64>,
    ) -> PyResult<once_sdk::Client> {
        let budget = call_timeout(py, timeout)?;
        Ok(within(self.client(py)?, budget))
    }

    /// Runs one operation and waits for it with the GIL released;
    /// `timeout` (seconds) replaces the client's `operation_timeout`.
    pub(crate) fn call<'py, T, F, Fut>(
        &self,
        py: Python<'py>,
        timeout: Option<f64>,
        op: F,
    ) -> PyResult<Bound<'py, PyAny>>
    where
        F: FnOnce(once_sdk::Client) -> Fut,
        Fut: Future<Output = once_sdk::Result<T>> + Send + 'static,
        T: ToPy + Send + 'static,
    {
        let client = self.client_within(py, timeout)?;
        runtime::wait(py, op(client))?
            .into_py_result(py)?
            .into_py(py)
    }

    /// Runs one operation as an asyncio awaitable.
    pub(crate) fn spawn<'py, T, F, Fut>(
        &self,
        py: Python<'py>,
        timeout: Option<f64>,
        op: F,
    ) -> PyResult<Bound<'py, PyAny>>
    where
        F: FnOnce(once_sdk::Client) -> Fut,
        Fut: Future<Output = once_sdk::Result<T>> + Send + 'static,
        T: ToPy + Send + 'static,
    {
        let fut = op(self.client_within(py, timeout)?);
        runtime::spawn(py, async move {
            match fut.await {
                Ok(v) => Ok(Out(v)),
                Err(e) => Err(errors::to_py_async(e).await),
            }
        })
    }
}

/// The `timeout=` argument of a call, checked.
pub(crate) fn call_timeout(py: Python<'_>, timeout: Option<f64>) -> PyResult<Option<Duration>> {
    timeout
        .map(|s| {
            Duration::try_from_secs_f64(s)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    errors::validation(
                        py,
                        &once_sdk::ValidationError::new(
                            "timeout",
                            format!("must be a positive number of seconds, got {s}"),
                        ),
                    )
                })
        })
        .transpose()
}

/// `client` with `budget` as the whole-call deadline of every call made
/// with it, if one was given (a derived client: same token cache, rate
/// limiter and connection pool).
pub(crate) fn within(client: once_sdk::Client, budget: Option<Duration>) -> once_sdk::Client {
    match budget {
        Some(d) => client.with_options(once_sdk::CallOptions::new().operation_timeout(d)),
        None => client,
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        self.close();
    }
}

/// The options both clients take besides credentials.
#[derive(Clone, Default)]
pub(crate) struct Options {
    base_url: Option<String>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    retries: Option<usize>,
    rate_limits: bool,
    user_agent: Option<String>,
    /// The limits the client paces itself at when `rate_limits` is on (and
    /// the shared limiter enforces): 1NCE's, or the sandbox's.
    limits: RateLimits,
    redis: Option<RedisSharing>,
    /// An explicit proxy URL (`proxy=`).
    proxy: Option<String>,
    /// No proxy at all, not even from the environment (`no_proxy=True`).
    no_proxy: bool,
}

/// What `redis_url=` shares with the other processes using the same Redis,
/// key prefix and client id.
#[derive(Clone)]
struct RedisSharing {
    url: String,
    key_prefix: Option<String>,
    /// One access token for all (`shared_token`).
    token: bool,
    /// One schedule per endpoint group for all (`shared_rate_limits`).
    rate_limits: bool,
}

impl RedisSharing {
    /// Checks the keywords; `None` without `redis_url`. A malformed URL is
    /// reported here, before any traffic, without echoing the URL (it may
    /// carry a password).
    fn new(
        py: Python<'_>,
        url: Option<String>,
        key_prefix: Option<String>,
        token: bool,
        rate_limits: bool,
    ) -> PyResult<Option<Self>> {
        if key_prefix.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(errors::config(py, "redis_key_prefix must not be empty"));
        }
        let Some(url) = url else {
            return Ok(None);
        };
        // The same parsing the store and the limiter do when they are built.
        if let Err(e) = RedisTokenStore::new(&url, "") {
            let reason = match e {
                once_sdk::Error::Config(m) => m,
                other => other.to_string(),
            };
            let reason = reason
                .strip_prefix("invalid Redis URL for the token store: ")
                .unwrap_or(&reason);
            return Err(errors::config(
                py,
                format!(
                    "redis_url is not a valid Redis URL \
                     (redis://[[user]:password@]host[:port][/db]): {reason}"
                ),
            ));
        }
        Ok(Some(Self {
            url,
            key_prefix,
            token,
            rate_limits,
        }))
    }

    /// Plugs the Redis token store and rate limiter into `b`; `limits` is
    /// `None` when the client does not pace itself (`rate_limits=False`):
    /// then there is no limit to share either.
    fn apply(
        &self,
        mut b: once_sdk::ClientBuilder,
        client_id: &str,
        limits: Option<RateLimits>,
    ) -> once_sdk::Result<once_sdk::ClientBuilder> {
        let prefix = self.key_prefix.as_deref().unwrap_or(DEFAULT_KEY_PREFIX);
        if self.token {
            let store = RedisTokenStore::new(&self.url, client_id)?.key_prefix(prefix);
            b = b.token_store(Arc::new(store));
        }
        if let (true, Some(limits)) = (self.rate_limits, limits) {
            let limiter = RedisRateLimiter::new(&self.url, client_id, limits)?.key_prefix(prefix);
            b = b.rate_limiter(Arc::new(limiter));
        }
        Ok(b)
    }
}

fn seconds(py: Python<'_>, name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    value
        .map(|s| {
            Duration::try_from_secs_f64(s).map_err(|_| {
                errors::config(
                    py,
                    format!("{name} must be a non-negative number of seconds, got {s}"),
                )
            })
        })
        .transpose()
}

impl Options {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        py: Python<'_>,
        base_url: Option<String>,
        connect_timeout: Option<f64>,
        timeout: Option<f64>,
        operation_timeout: Option<f64>,
        retries: Option<i64>,
        rate_limits: bool,
        user_agent: Option<String>,
    ) -> PyResult<Self> {
        let retries = retries
            .map(|n| {
                usize::try_from(n)
                    .map_err(|_| errors::config(py, format!("retries must be 0 or more, got {n}")))
            })
            .transpose()?;
        Ok(Self {
            base_url,
            connect_timeout: seconds(py, "connect_timeout", connect_timeout)?,
            timeout: seconds(py, "timeout", timeout)?,
            operation_timeout: seconds(py, "operation_timeout", operation_timeout)?,
            retries,
            rate_limits,
            user_agent,
            limits: RateLimits::default(),
            redis: None,
            proxy: None,
            no_proxy: false,
        })
    }

    /// The keywords `proxy` and `no_proxy`, checked.
    pub(crate) fn proxy(
        mut self,
        py: Python<'_>,
        proxy: Option<String>,
        no_proxy: bool,
    ) -> PyResult<Self> {
        if proxy.is_some() && no_proxy {
            return Err(errors::config(
                py,
                "proxy= and no_proxy=True contradict each other: pass one of them",
            ));
        }
        if proxy.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(errors::config(py, "proxy must not be empty"));
        }
        self.proxy = proxy;
        self.no_proxy = no_proxy;
        Ok(self)
    }

    /// The keywords `redis_url`, `redis_key_prefix`, `shared_token` and
    /// `shared_rate_limits`, checked.
    pub(crate) fn redis(
        mut self,
        py: Python<'_>,
        url: Option<String>,
        key_prefix: Option<String>,
        shared_token: bool,
        shared_rate_limits: bool,
    ) -> PyResult<Self> {
        self.redis = RedisSharing::new(py, url, key_prefix, shared_token, shared_rate_limits)?;
        Ok(self)
    }

    fn apply(
        &self,
        mut b: once_sdk::ClientBuilder,
        client_id: &str,
    ) -> once_sdk::Result<once_sdk::ClientBuilder> {
        if let Some(url) = &self.base_url {
            b = b.base_url(url.clone());
        }
        if let Some(d) = self.connect_timeout {
            b = b.connect_timeout(d);
        }
        if let Some(d) = self.timeout {
            b = b.attempt_timeout(d);
        }
        if let Some(d) = self.operation_timeout {
            b = b.operation_timeout(Some(d));
        }
        if let Some(n) = self.retries {
            b = b.retry_policy(once_sdk::RetryPolicy::default().max_retries(n));
        }
        let limits = self.rate_limits.then_some(self.limits);
        b = b.rate_limits(limits.unwrap_or_else(RateLimits::unlimited));
        if let Some(ua) = &self.user_agent {
            b = b.user_agent(ua.clone());
        }
        if self.no_proxy {
            b = b.no_proxy();
        }
        if let Some(p) = &self.proxy {
            b = b.proxy(p.clone());
        }
        if let Some(redis) = &self.redis {
            b = redis.apply(b, client_id, limits)?;
        }
        Ok(b)
    }

    fn with_credentials(self, client_id: String, client_secret: String) -> Recipe {
        let credentials = once_sdk::Credentials::new(client_id, client_secret);
        Box::new(move || {
            let b = once_sdk::Client::builder().credentials(credentials.clone());
            self.apply(b, credentials.client_id())?.build()
        })
    }

    fn with_env_credentials(self) -> Recipe {
        Box::new(move || {
            let b = once_sdk::ClientBuilder::from_env()?;
            // from_env() succeeded: ONCE_CLIENT_ID holds the id it took.
            let client_id = std::env::var("ONCE_CLIENT_ID").unwrap_or_default();
            self.apply(b, &client_id)?.build()
        })
    }

    /// A recipe from a builder made by `make` (the sandbox's: credentials
    /// for `client_id`, pacing at `limits`), with these options applied on
    /// top.
    pub(crate) fn with_builder(
        mut self,
        client_id: String,
        limits: RateLimits,
        make: impl Fn() -> once_sdk::ClientBuilder + Send + Sync + 'static,
    ) -> Recipe {
        self.limits = limits;
        Box::new(move || self.apply(make(), &client_id)?.build())
    }
}

/// Generates `Client` and `AsyncClient`: the same constructors, properties
/// and closing; they differ in the resource classes (one getter each, listed
/// under `resources`) and the context managers (under `methods`).
macro_rules! client_class {
    (
        $(#[$doc:meta])* $name:ident,
        resources { $( $(#[$rdoc:meta])* $getter:ident: $resource:ident ),* $(,)? }
        methods { $($extra:tt)* }
    ) => {
        $(#[$doc])*
        ///
        /// Keyword arguments (all optional but the credentials):
        ///
        /// - `client_id`, `client_secret`: the API credentials (1NCE portal).
        /// - `base_url=None`: 1NCE's production API; plain `http` only to
        ///   loopback hosts (a `Sandbox`).
        /// - `connect_timeout=None` (10 s), `timeout=None` per attempt (30 s),
        ///   `operation_timeout=None` per call with its retries (120 s).
        /// - `retries=None` (3) for idempotent calls; `0` switches them off.
        /// - `rate_limits=True`: pace calls at 1NCE's published limits.
        /// - `user_agent=None`: your application's name, put before the SDK's.
        /// - `redis_url=None`, `redis_key_prefix=None` ("once-sdk"),
        ///   `shared_token=True`, `shared_rate_limits=True`: share the token
        ///   and the pacing with every process using the same Redis.
        /// - `proxy=None`: send every request through this proxy
        ///   (`http://host:port`); without it `HTTPS_PROXY`, `HTTP_PROXY`,
        ///   `ALL_PROXY` and `NO_PROXY` are honoured.
        /// - `no_proxy=False`: `True` ignores those variables (no proxy).
        ///
        /// Every call also takes `timeout=None`: seconds for that call with
        /// its retries, in place of `operation_timeout`.
        #[pyclass(frozen, module = "once_sdk")]
        pub struct $name {
            shared: Arc<Shared>,
        }

        impl $name {
            /// A client built (and rebuilt after `fork()`) by `recipe`,
            /// keeping `owner` (the sandbox it talks to) alive.
            pub(crate) fn from_recipe(
                py: Python<'_>,
                recipe: Recipe,
                owner: Py<PyAny>,
            ) -> PyResult<Self> {
                Ok(Self { shared: Shared::open(py, recipe, Some(owner))? })
            }
        }

        #[pymethods]
        impl $name {
            #[new]
            #[pyo3(signature = (
                *, client_id, client_secret, base_url=None, connect_timeout=None, timeout=None,
                operation_timeout=None, retries=None, rate_limits=true, user_agent=None,
                redis_url=None, redis_key_prefix=None, shared_token=true, shared_rate_limits=true,
                proxy=None, no_proxy=false
            ))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                client_id: String,
                client_secret: String,
                base_url: Option<String>,
                connect_timeout: Option<f64>,
                timeout: Option<f64>,
                operation_timeout: Option<f64>,
                retries: Option<i64>,
                rate_limits: bool,
                user_agent: Option<String>,
                redis_url: Option<String>,
                redis_key_prefix: Option<String>,
                shared_token: bool,
                shared_rate_limits: bool,
                proxy: Option<String>,
                no_proxy: bool,
            ) -> PyResult<Self> {
                let options = Options::new(
                    py, base_url, connect_timeout, timeout, operation_timeout, retries,
                    rate_limits, user_agent,
                )?
                .redis(py, redis_url, redis_key_prefix, shared_token, shared_rate_limits)?
                .proxy(py, proxy, no_proxy)?;
                let recipe = options.with_credentials(client_id, client_secret);
                Ok(Self { shared: Shared::open(py, recipe, None)? })
            }

            /// A client from `ONCE_CLIENT_ID`, `ONCE_CLIENT_SECRET` and
            /// `ONCE_BASE_URL` (optional); the keywords override or add to
            /// them (see `Client`).
            #[classmethod]
            #[pyo3(signature = (
                *, base_url=None, connect_timeout=None, timeout=None, operation_timeout=None,
                retries=None, rate_limits=true, user_agent=None,
                redis_url=None, redis_key_prefix=None, shared_token=true, shared_rate_limits=true,
                proxy=None, no_proxy=false
            ))]
            #[allow(clippy::too_many_arguments)]
            fn from_env(
                _cls: &Bound<'_, PyType>,
                py: Python<'_>,
                base_url: Option<String>,
                connect_timeout: Option<f64>,
                timeout: Option<f64>,
                operation_timeout: Option<f64>,
                retries: Option<i64>,
                rate_limits: bool,
                user_agent: Option<String>,
                redis_url: Option<String>,
                redis_key_prefix: Option<String>,
                shared_token: bool,
                shared_rate_limits: bool,
                proxy: Option<String>,
                no_proxy: bool,
            ) -> PyResult<Self> {
                let options = Options::new(
                    py, base_url, connect_timeout, timeout, operation_timeout, retries,
                    rate_limits, user_agent,
                )?
                .redis(py, redis_url, redis_key_prefix, shared_token, shared_rate_limits)?
                .proxy(py, proxy, no_proxy)?;
                Ok(Self { shared: Shared::open(py, options.with_env_credentials(), None)? })
            }

            $(
                $(#[$rdoc])*
                #[getter]
                fn $getter(&self) -> $resource {
                    $resource::new(Arc::clone(&self.shared))
                }
            )*

            /// Closes the client: later calls raise `ConfigError`. Calls in
            /// flight finish. Closing twice is fine.
            fn close(&self) {
                self.shared.close();
            }

            fn __repr__(&self) -> String {
                format!("{}({})", stringify!($name), self.shared.describe())
            }

            $($extra)*
        }
    };
}

client_class!(
    /// A blocking client for the 1NCE Management API. Calls release the GIL
    /// while they wait, so threads can share one client.
    Client,
    resources {
        /// SIM management (API v2): list, read and change SIMs, quotas.
        sims: Sims,
        /// SMS (API v2): send SMS to devices, list, read and cancel them.
        sms: SmsMessages,
        /// Order management: the account's orders, and new orders.
        orders: Orders,
        /// Product information: what can be ordered, at what price.
        products: Products,
        /// Support management: service requests to 1NCE support.
        support: Support,
        /// SIM management v1 (`client.v1.sims`), retired by 1NCE at the end
        /// of 2026: use `sims` (v2) wherever it has the operation.
        v1: V1,
        /// 1NCE OS, the device platform: devices and their actions, inspector,
        /// locator, optimizer, cloud integrations, plugins, settings,
        /// agreements and logs.
        os: Os,
    }
    methods {
        /// A valid access token (cached, or freshly issued), to call 1NCE
        /// endpoints the SDK does not cover yet. Keep it secret.
        #[pyo3(signature = (*, timeout=None))]
        fn access_token<'py>(&self, py: Python<'py>, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
            self.shared.call(py, timeout, |c| async move {
                c.access_token().await.map(|t| t.expose().to_string())
            })
        }

        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_exc))]
        fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) {
            self.shared.close();
        }
    }
);

client_class!(
    /// An asyncio client for the 1NCE Management API: the same calls as
    /// `Client`, each returning an awaitable.
    AsyncClient,
    resources {
        /// SIM management (API v2): list, read and change SIMs, quotas.
        sims: AsyncSims,
        /// SMS (API v2): send SMS to devices, list, read and cancel them.
        sms: AsyncSmsMessages,
        /// Order management: the account's orders, and new orders.
        orders: AsyncOrders,
        /// Product information: what can be ordered, at what price.
        products: AsyncProducts,
        /// Support management: service requests to 1NCE support.
        support: AsyncSupport,
        /// SIM management v1 (`client.v1.sims`), retired by 1NCE at the end
        /// of 2026: use `sims` (v2) wherever it has the operation.
        v1: AsyncV1,
        /// 1NCE OS, the device platform: devices and their actions, inspector,
        /// locator, optimizer, cloud integrations, plugins, settings,
        /// agreements and logs.
        os: AsyncOs,
    }
    methods {
        /// A valid access token (cached, or freshly issued), to call 1NCE
        /// endpoints the SDK does not cover yet. Keep it secret.
        #[pyo3(signature = (*, timeout=None))]
        fn access_token<'py>(&self, py: Python<'py>, timeout: Option<f64>) -> PyResult<Bound<'py, PyAny>> {
            self.shared.spawn(py, timeout, |c| async move {
                c.access_token().await.map(|t| t.expose().to_string())
            })
        }

        /// Closes the client, as an awaitable (`await client.aclose()`, as
        /// with httpx): later calls raise `ConfigError`; calls in flight
        /// finish. Closing twice is fine.
        fn aclose<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            self.shared.close();
            runtime::spawn(py, async move { Ok(()) })
        }

        fn __aenter__<'py>(slf: Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
            let py = slf.py();
            let me = slf.unbind();
            runtime::spawn(py, async move { Ok(me) })
        }

        #[pyo3(signature = (*_exc))]
        fn __aexit__<'py>(
            &self,
            py: Python<'py>,
            _exc: &Bound<'py, pyo3::types::PyTuple>,
        ) -> PyResult<Bound<'py, PyAny>> {
            self.shared.close();
            runtime::spawn(py, async move { Ok(()) })
        }
    }
);
