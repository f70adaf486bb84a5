//! Starting and stopping an exporter: the refresh task and the HTTP server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};

use once_sdk::ClientBuilder;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tracing::instrument::WithSubscriber;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::Layer;

use crate::api_calls::ApiCallLayer;
use crate::fleet::Fleet;
use crate::health::Health;
use crate::refresh::Refresher;
use crate::server::{serve, Served};
use crate::settings::{Settings, SettingsError};
use crate::snapshot::{Snapshot, SnapshotEncoder};
use crate::web::{WebConfig, WebConfigError};

#[cfg(feature = "ledger")]
use crate::ledger::LedgerMetrics;
/// Without the `ledger` feature there is nothing to pass.
#[cfg(not(feature = "ledger"))]
type LedgerMetrics = std::convert::Infallible;

/// Why an exporter could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// A setting is out of range.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// The client could not be built (credentials, base URL).
    #[error("1NCE client: {0}")]
    Client(#[from] once_sdk::Error),
    /// The listen address could not be bound.
    #[error("listen address: {0}")]
    Listen(#[from] std::io::Error),
    /// The web config (`--web.config.file`) could not be used.
    #[error(transparent)]
    WebConfig(#[from] WebConfigError),
}

/// A running exporter: refreshing in the background, serving HTTP.
#[derive(Debug)]
pub struct Exporter {
    addr: SocketAddr,
    tls: bool,
    basic_auth: bool,
    health: Health,
    stop: watch::Sender<bool>,
    cycles: watch::Receiver<u64>,
    server: JoinHandle<()>,
    refresh: JoinHandle<()>,
}

impl Exporter {
    /// Starts an exporter on `listener`. The client is built from `client`
    /// with `/sims` limited to the budget ([`Settings::rate_limits`]), so
    /// the exporter cannot exceed its share whatever the builder said.
    /// `log` adds a log output with these targets to the refresh task (the
    /// binary passes its `RUST_LOG`; tests pass `None`).
    pub async fn start(
        client: ClientBuilder,
        settings: Settings,
        listener: TcpListener,
        log: Option<Targets>,
    ) -> Result<Exporter, StartError> {
        Self::start_with_health(client, settings, listener, log, Health::new()).await
    }

    /// [`start`](Self::start), counting into `health`. The binary passes
    /// the `Health` whose [`ApiCallLayer`] it also installed in its global
    /// subscriber: the SDK refreshes tokens ahead of expiry in a task of its
    /// own, outside the refresh task's subscriber, and those token requests
    /// are counted there.
    pub async fn start_with_health(
        client: ClientBuilder,
        settings: Settings,
        listener: TcpListener,
        log: Option<Targets>,
        health: Health,
    ) -> Result<Exporter, StartError> {
        Self::start_inner(client, settings, listener, log, health, None).await
    }

    /// [`start_with_health`](Self::start_with_health), and each scrape also
    /// serves the top-up policy's figures from `ledger` (the binary's
    /// `--ledger-db`).
    #[cfg(feature = "ledger")]
    pub async fn start_with_ledger(
        client: ClientBuilder,
        settings: Settings,
        listener: TcpListener,
        log: Option<Targets>,
        health: Health,
        ledger: crate::ledger::LedgerMetrics,
    ) -> Result<Exporter, StartError> {
        Self::start_inner(client, settings, listener, log, health, Some(ledger)).await
    }

    async fn start_inner(
        client: ClientBuilder,
        settings: Settings,
        listener: TcpListener,
        log: Option<Targets>,
        health: Health,
        ledger: Option<LedgerMetrics>,
    ) -> Result<Exporter, StartError> {
        settings.validate()?;
        let web = match &settings.web_config {
            Some(path) => WebConfig::load(path)?,
            None => WebConfig::default(),
        };
        let client = client
            .rate_limits(settings.rate_limits())
            .user_agent(concat!("once-exporter/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let addr = listener.local_addr()?;
        health.budget_rps.set(settings.budget_rps());
        health.refresh_interval.set(settings.refresh.as_secs_f64());
        let fleet = Arc::new(Mutex::new(Fleet::default()));
        let encoder = SnapshotEncoder::new(Arc::clone(&fleet), &settings);
        let published = Arc::new(RwLock::new(Snapshot::default()));
        let (cycles_tx, cycles) = watch::channel(0);
        let refresher = Refresher {
            client,
            settings,
            fleet,
            encoder,
            published: Arc::clone(&published),
            health: health.clone(),
            cycles: cycles_tx,
        };
        // The SDK's call spans go to this task's own subscriber, which
        // counts them into the health metrics (and logs, if asked).
        let api_layer = ApiCallLayer::new(health.clone()).sdk_only();
        let log_layer = log.map(|t| {
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(t)
        });
        let dispatch = tracing::Dispatch::new(
            tracing_subscriber::registry()
                .with(api_layer)
                .with(log_layer),
        );
        let refresh = tokio::spawn(refresher.run().with_subscriber(dispatch));
        let served = Arc::new(Served {
            published,
            health: health.registry(),
            auth: web.auth(),
            #[cfg(feature = "ledger")]
            ledger: ledger.map(Arc::new),
        });
        #[cfg(not(feature = "ledger"))]
        let _: Option<LedgerMetrics> = ledger;
        let (stop, stop_rx) = watch::channel(false);
        let server = tokio::spawn(serve(listener, served, stop_rx, web.acceptor()));
        Ok(Exporter {
            addr,
            tls: web.tls(),
            basic_auth: web.basic_auth(),
            health,
            stop,
            cycles,
            server,
            refresh,
        })
    }

    /// The address `/metrics` is served on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// True when connections must speak TLS (`--web.config.file`).
    pub fn tls(&self) -> bool {
        self.tls
    }

    /// True when requests need basic auth (`--web.config.file`).
    pub fn basic_auth(&self) -> bool {
        self.basic_auth
    }

    /// The live health metrics (for tests and embedding).
    pub fn health(&self) -> &Health {
        &self.health
    }

    /// Resolves once `n` refresh cycles have ended (successfully or not).
    pub async fn refreshed(&self, n: u64) {
        let mut cycles = self.cycles.clone();
        let _ = cycles.wait_for(|c| *c >= n).await;
    }

    /// Refresh cycles ended so far.
    pub fn cycles(&self) -> u64 {
        *self.cycles.borrow()
    }

    /// Stops refreshing, stops accepting connections, lets open ones finish
    /// (at most 5 s), and returns when the server is gone.
    pub async fn shutdown(self) {
        self.refresh.abort();
        let _ = self.refresh.await;
        let _ = self.stop.send(true);
        let _ = self.server.await;
    }
}
