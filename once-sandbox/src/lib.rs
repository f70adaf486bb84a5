//! A stateful local fake of the 1NCE Management API and 1NCE OS.
//!
//! [`Sandbox`] serves every operation of 1NCE's OpenAPI documents (token,
//! SIM management v1 and v2, orders, products, support, and 1NCE OS; see
//! [below](#1nce-os)) on `127.0.0.1`,
//! with state that behaves like 1NCE: a seeded fleet of SIMs with valid,
//! unique ICCIDs, IMSIs, MSISDNs and IMEIs; data and SMS quotas that usage
//! consumes and top-ups raise; SMS that can be sent, listed, read and
//! deleted; events, usage records, orders and support requests. Responses
//! and error bodies follow the documents' shapes, lists carry 1NCE's
//! `X-Total-*` headers and page size limits, and the published rate limits
//! are enforced with 429 and `Retry-After`.
//!
//! The fleet's ICCIDs run from `8988280666000000000` (the example ICCID of
//! 1NCE's documents) upwards; IMSIs, MSISDNs, IMEIs, labels, statuses,
//! quotas and the last week of usage come from the seed
//! ([`SandboxBuilder::seed`]), so the same seed gives the same fleet.
//!
//! For tests it adds what the real API cannot do: expire every token on
//! demand, simulate usage, inject faults (status codes, delays, malformed or
//! truncated bodies, 429s, HTML error pages, dropped connections, changes
//! applied before a failure), and count what happened.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use once_sandbox::{Fault, Sandbox};
//!
//! let sandbox = Sandbox::builder().sims(50).seed(7).start().await?;
//! let client = sandbox.client()?;
//! let page = client.sims().list().page_size(10).send().await?;
//! let iccid = page.items[0].iccid.clone();
//!
//! sandbox.consume_data(&iccid, 120.0)?;          // the device used 120 MB
//! let quota = client.sims().data_quota(&iccid).await?;
//! println!("{:?} MB left", quota.volume);
//!
//! // The next v2 top-up is applied, but the answer is lost.
//! sandbox.inject(Fault::apply_then_drop().method("POST").path("/v2/sims/*/topup"));
//! assert_eq!(sandbox.stats().top_ups_applied, 0);
//! # Ok(()) }
//! ```
//!
//! # 1NCE OS
//!
//! The same server answers the 72 operations of 1NCE OS (`1nce-os.yml`
//! v1.3: `/v1/integrate`, `/v1/inspect`, `/v1/locate`, `/v1/optimize`,
//! `/v1/partners`, `/v1/devices`, `/v1/settings`, `/v1/agreements`,
//! `/v1/administrationLogs`) with the same token, 1NCE OS's error bodies
//! (`{"statusCode", "statusText", "errors"}`) and its pages in the body
//! (`items`, `page`, `pageAmount`). Every SIM is a device, its id the ICCID.
//!
//! - Device actions (UDP, CoAP, LwM2M; one device or many) are requests
//!   that go `SCHEDULED` → `IN_PROGRESS` → `SUCCEEDED`, or `FAILED` when
//!   the SIM is offline or disabled; `SEND_WHEN_ACTIVE` ones wait until the
//!   SIM is online. Each stage lasts [`Sandbox::set_os_action_stage`] (1 s
//!   by default) of 1NCE OS's clock, which [`Sandbox::advance_os_clock`]
//!   moves; pre-shared-key jobs and AWS rollouts take one stage.
//! - Devices send data ([`Sandbox::os_device_message`]): history,
//!   telemetry, insights; an `ACTIVE` energy-saver template for the
//!   protocol translates it (the sandbox's template syntax is described in
//!   its optimizer: `{"fields": [{"name", "type"}]}`, invalid templates get
//!   422), and webhook integrations subscribed to `TELEMETRY_DATA` get a
//!   POST with their custom headers ([`Sandbox::os_webhook_deliveries`]).
//! - Devices report positions ([`Sandbox::os_report_position`]): the
//!   locator shows them, geofences (circles and polygons, global or for one
//!   device) report `ENTER` and `EXIT` in the administration logs and to
//!   `GEOFENCE` webhooks.
//! - Plugins (DATACAKE, MENDER, TARTABIT, MEMFAULT), settings, the
//!   agreement and the administration logs keep their state.
//! - Rate limits: `GET /v1/locate/geofences` 30 a minute (1NCE's published
//!   limit), every other 1NCE OS operation 10 a second on its own (1NCE
//!   publishes none); both scale with [`SandboxBuilder::rate_limit_factor`].
//!   Counters ([`Stats::by_operation`]) and faults ([`Fault`]) work as for
//!   the Management API.
//!
//! The same server runs stand-alone as the `once-sandbox` binary
//! (`cargo run -p once-sandbox -- --port 8080`).

#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod fault;
mod fleet;
mod json;
pub mod limits;
mod os;
mod outbox;
mod routes;
mod server;
mod state;
mod stream;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

pub use fault::{Fault, FaultKind, RandomFaults};
pub use os::{GeofenceCrossing, GeofenceEvent, OsProtocol, PositionSource, WebhookDelivery};
pub use outbox::StreamKind;
pub use stream::{StreamConfig, StreamState, StreamStats};

use limits::PublishedLimit;
use once_sdk::Credentials;
use once_sdk::Iccid;
use once_sdk::RateLimits;
use once_sdk::{Client, ClientBuilder};
use server::{lock, Limiter, Shared, Tokens};

/// The client id the sandbox accepts unless told otherwise.
pub const DEFAULT_CLIENT_ID: &str = "sandbox-client";
/// The client secret the sandbox accepts unless told otherwise.
pub const DEFAULT_CLIENT_SECRET: &str = "sandbox-secret";

/// A SIM the sandbox does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the sandbox has no SIM with ICCID {0}")]
pub struct UnknownSim(pub String);

/// What the sandbox counted since it started.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Every request received (token requests included).
    pub requests: u64,
    /// `POST /oauth/token` requests, successful or not.
    pub token_requests: u64,
    /// Tokens issued.
    pub tokens_issued: u64,
    /// 401 answers (missing, unknown or expired token).
    pub unauthorized: u64,
    /// 429 answers, from the rate limits or injected.
    pub rate_limited: u64,
    /// Requests an injected fault hit.
    pub faults_injected: u64,
    /// Top-ups applied, one per SIM (v1 single and multiple, v2), auto top-ups included.
    pub top_ups_applied: u64,
    /// Top-ups applied automatically when a quota with auto top-up ran out.
    pub auto_top_ups: u64,
    /// SMS accepted for sending (v1 and v2).
    pub sms_sent: u64,
    /// Orders created with `POST /v1/orders` (top-ups add orders too, but
    /// are counted in `top_ups_applied`).
    pub orders_created: u64,
    /// Support requests created.
    pub support_requests_created: u64,
    /// Requests per operation, keyed `"METHOD /path/{template}"` (unknown
    /// paths under their literal path).
    pub by_operation: BTreeMap<String, u64>,
}

impl Stats {
    /// Requests to one operation, e.g. `requests_to("GET", "/v2/sims/{iccid}")`.
    pub fn requests_to(&self, method: &str, template: &str) -> u64 {
        self.by_operation
            .get(&format!("{method} {template}"))
            .copied()
            .unwrap_or(0)
    }
}

/// One request as the sandbox received it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path relative to the base URL (`/v2/sims/8988...`).
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The operation's path template (`/v2/sims/{iccid}`), if the path is one.
    pub template: Option<String>,
    /// Request headers (names lower case), in order.
    pub headers: Vec<(String, String)>,
    /// The request body (lossy UTF-8).
    pub body: String,
    /// The status sent back; `None` if the connection was dropped.
    pub status: Option<u16>,
    /// The injected (or random) fault that hit this request, if any.
    pub fault: Option<FaultKind>,
    /// Top-ups, SMS and orders this request applied (whatever the client
    /// was told).
    pub charged: u64,
}

impl RecordedRequest {
    /// The first value of a header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Configures and starts a [`Sandbox`].
#[derive(Clone)]
#[must_use]
pub struct SandboxBuilder {
    sims: usize,
    seed: u64,
    token_lifetime: Duration,
    rate_limit_factor: Option<f64>,
    arrival_jitter: Option<Duration>,
    port: u16,
    client_id: String,
    client_secret: String,
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("sims", &self.sims)
            .field("seed", &self.seed)
            .field("token_lifetime", &self.token_lifetime)
            .field("rate_limit_factor", &self.rate_limit_factor)
            .field("arrival_jitter", &self.arrival_jitter)
            .field("port", &self.port)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            sims: 100,
            seed: 1,
            token_lifetime: Duration::from_secs(3600),
            rate_limit_factor: Some(1.0),
            arrival_jitter: None,
            port: 0,
            client_id: DEFAULT_CLIENT_ID.to_string(),
            client_secret: DEFAULT_CLIENT_SECRET.to_string(),
        }
    }
}

impl SandboxBuilder {
    /// How many SIMs the fleet has (default 100).
    pub fn sims(mut self, n: usize) -> Self {
        self.sims = n;
        self
    }

    /// The seed of the fleet (default 1): the same seed gives the same SIMs.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// How long issued tokens live (default 3600 s, like 1NCE). Clients
    /// refresh ahead of expiry (once-sdk 5 minutes before, see
    /// [`ClientBuilder::token_refresh_margin`]): with shorter lifetimes,
    /// lower that margin too. To test expiry mid-run, prefer
    /// [`Sandbox::expire_tokens`].
    pub fn token_lifetime(mut self, d: Duration) -> Self {
        self.token_lifetime = d;
        self
    }

    /// Multiplies 1NCE's published rate limits (default 1.0; 100 turns
    /// `/sims` 10/s into 1000/s).
    pub fn rate_limit_factor(mut self, factor: f64) -> Self {
        self.rate_limit_factor = Some(factor);
        self
    }

    /// Adds arrival jitter of ± `jitter` (default none): each request
    /// reaches the rate limiter a random 0 to 2 × `jitter` late (seeded by
    /// [`seed`](Self::seed)), as if the network between client and 1NCE
    /// varied by that much. Calls that leave evenly spaced arrive unevenly,
    /// as they do at 1NCE.
    pub fn arrival_jitter(mut self, jitter: Duration) -> Self {
        self.arrival_jitter = Some(jitter).filter(|j| !j.is_zero());
        self
    }

    /// No rate limits at all.
    pub fn no_rate_limits(mut self) -> Self {
        self.rate_limit_factor = None;
        self
    }

    /// The port to listen on (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The client id and secret the token endpoint accepts (default
    /// [`DEFAULT_CLIENT_ID`] / [`DEFAULT_CLIENT_SECRET`]).
    pub fn credentials(mut self, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self.client_secret = secret.into();
        self
    }

    /// Starts serving on `127.0.0.1`. Needs a tokio runtime with I/O and
    /// time enabled.
    pub async fn start(self) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let today = chrono::Utc::now().date_naive();
        let world = state::World::new(fleet::sims(self.sims, self.seed, today));
        let limits = self.rate_limit_factor.map(limits::scaled);
        let shared = Arc::new(Shared {
            world: Mutex::new(world),
            tokens: Mutex::new(Tokens {
                lifetime: self.token_lifetime,
                issued: HashMap::new(),
                history: VecDeque::new(),
                rng: fleet::Rng::new(self.seed.wrapping_mul(31).wrapping_add(17)),
            }),
            faults: Mutex::new(Vec::new()),
            random: Mutex::new(None),
            jitter: self.arrival_jitter.map(|j| {
                (
                    j,
                    Mutex::new(fleet::Rng::new(self.seed.wrapping_mul(131).wrapping_add(7))),
                )
            }),
            limiter: Mutex::new(Limiter {
                limits,
                hits: HashMap::new(),
            }),
            stats: Mutex::new(Stats::default()),
            log: Mutex::new(VecDeque::new()),
            client_id: self.client_id,
            client_secret: self.client_secret,
            base_url: base_url.clone(),
            stream: Mutex::new(stream::StreamControl::default()),
            stream_wake: tokio::sync::Notify::new(),
            open_connections: std::sync::atomic::AtomicUsize::new(0),
            os: Mutex::new(os::OsWorld::new(self.seed)),
            os_pace: Mutex::new(os::pace::OsLimiter::new(self.rate_limit_factor)),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(serve(listener, Arc::clone(&shared), stopped));
        Ok(Sandbox {
            shared,
            addr,
            base_url,
            limits,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stopped: oneshot::Receiver<()>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => {
                while connections.try_join_next().is_some() {}
                let Ok((stream, _)) = accepted else { continue };
                let shared = Arc::clone(&shared);
                let open = OpenConnection::new(Arc::clone(&shared));
                connections.spawn(async move {
                    let _open = open;
                    let service = hyper::service::service_fn(move |req| {
                        server::handle(Arc::clone(&shared), req)
                    });
                    // Errors here are the client going away or an injected drop.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        }
    }
    connections.abort_all();
}

/// Counts a connection in [`Shared::open_connections`] while it lives
/// (also when its task is aborted at shutdown).
struct OpenConnection(Arc<Shared>);

impl OpenConnection {
    fn new(shared: Arc<Shared>) -> Self {
        shared.open_connections.fetch_add(1, Ordering::SeqCst);
        Self(shared)
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open_connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A running local fake of the 1NCE API. Stops when dropped (or with
/// [`shutdown`](Sandbox::shutdown)). See the [module docs](self).
pub struct Sandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    base_url: String,
    limits: Option<[PublishedLimit; 5]>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url)
            .field("client_id", &self.shared.client_id)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// A builder with the defaults: 100 SIMs, seed 1, tokens valid one hour,
    /// 1NCE's rate limits, a free port.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts a sandbox with the defaults.
    pub async fn start() -> std::io::Result<Sandbox> {
        SandboxBuilder::default().start().await
    }

    /// The base URL to point a client at (`http://127.0.0.1:<port>`). The
    /// API is also served under `/management-api`, like 1NCE's.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The socket address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The client id and secret the token endpoint accepts.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(&self.shared.client_id, &self.shared.client_secret)
    }

    /// A client builder pointed at the sandbox with its credentials, and
    /// client-side rate limits equal to the sandbox's (so that a well-behaved
    /// client never sees a 429). Adjust it before `build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .credentials(self.credentials())
            .base_url(&self.base_url)
            .no_proxy()
            .rate_limits(
                self.limits
                    .as_ref()
                    .map_or_else(RateLimits::unlimited, limits::for_client),
            )
    }

    /// A client pointed at the sandbox (see [`client_builder`](Self::client_builder)).
    pub fn client(&self) -> once_sdk::Result<Client> {
        self.client_builder().build()
    }

    /// The ICCIDs of the fleet, in list order.
    pub fn iccids(&self) -> Vec<Iccid> {
        lock(&self.shared.world)
            .sims
            .iter()
            .map(|s| Iccid::new_unchecked(s.iccid.clone()))
            .collect()
    }

    fn sim_index(&self, iccid: &str) -> Result<usize, UnknownSim> {
        lock(&self.shared.world)
            .find(iccid)
            .ok_or_else(|| UnknownSim(iccid.to_string()))
    }

    /// Simulates the device using `mb` megabytes of data today: the data
    /// quota goes down, but never below zero (like a real quota, the device
    /// cannot use more than is left), today's usage record goes up by what
    /// was used,
    /// threshold and exhaustion events are recorded, and an exhausted quota
    /// with auto top-up on is topped up. Returns the volume left.
    pub fn consume_data(&self, iccid: impl AsRef<str>, mb: f64) -> Result<f64, UnknownSim> {
        let i = self.sim_index(iccid.as_ref())?;
        let mut world = lock(&self.shared.world);
        let auto = world.consume_data(i, mb, chrono::Utc::now());
        let left = world.sims[i].data.volume;
        drop(world);
        if auto {
            let mut stats = lock(&self.shared.stats);
            stats.auto_top_ups += 1;
            stats.top_ups_applied += 1;
        }
        Ok(left)
    }

    /// Simulates the device sending `n` SMS today: the SMS quota goes down,
    /// but never below zero, and today's usage record goes up by the SMS
    /// that could be sent. Returns the SMS left.
    pub fn consume_sms(&self, iccid: impl AsRef<str>, n: u32) -> Result<f64, UnknownSim> {
        let i = self.sim_index(iccid.as_ref())?;
        let mut world = lock(&self.shared.world);
        world.consume_sms(i, f64::from(n), true, chrono::Utc::now());
        Ok(world.sims[i].sms.volume)
    }

    /// Brings the SIM online (with a data session) or takes it offline, as
    /// its connectivity status reports. SMS sent to an offline SIM stay
    /// pending until it comes online, and are delivered then.
    pub fn set_online(&self, iccid: impl AsRef<str>, online: bool) -> Result<(), UnknownSim> {
        let i = self.sim_index(iccid.as_ref())?;
        lock(&self.shared.world).set_online(i, online, chrono::Utc::now());
        Ok(())
    }

    /// Simulates the device sending an SMS (mobile originated): it shows in
    /// the SIM's SMS list and uses one SMS of the quota. Returns its id.
    pub fn receive_sms(&self, iccid: impl AsRef<str>, text: &str) -> Result<u64, UnknownSim> {
        let i = self.sim_index(iccid.as_ref())?;
        Ok(lock(&self.shared.world).receive_sms(i, text, chrono::Utc::now()))
    }

    /// Ends the SIM's lifetime now (both quotas expire): 1NCE then refuses
    /// changes to it (v1 422, v2 409) except an extension
    /// (`POST /v1/sims/extension`), which brings it back.
    pub fn expire_sim(&self, iccid: impl AsRef<str>) -> Result<(), UnknownSim> {
        let i = self.sim_index(iccid.as_ref())?;
        let mut world = lock(&self.shared.world);
        let at = chrono::Utc::now() - chrono::Duration::seconds(1);
        let sim = &mut world.sims[i];
        sim.data.expiry_date = at;
        sim.sms.expiry_date = at;
        Ok(())
    }

    /// Makes every token issued so far invalid: the next API call with one
    /// gets 401.
    pub fn expire_tokens(&self) {
        lock(&self.shared.tokens).issued.clear();
    }

    /// Every access token issued so far, oldest first, expired ones
    /// included (at most the last 1,000): for tests that check that tokens
    /// never show up in logs or error messages.
    pub fn issued_tokens(&self) -> Vec<String> {
        lock(&self.shared.tokens).history.iter().cloned().collect()
    }

    /// Changes the lifetime of tokens issued from now on.
    pub fn set_token_lifetime(&self, d: Duration) {
        lock(&self.shared.tokens).lifetime = d;
    }

    /// Adds a fault; see [`Fault`].
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).push(fault);
    }

    /// Hits a random share of requests with random faults (`None` stops
    /// it); see [`RandomFaults`]. Injected faults take precedence.
    pub fn random_faults(&self, faults: impl Into<Option<RandomFaults>>) {
        *lock(&self.shared.random) = faults.into().map(|f| {
            let rng = fleet::Rng::new(f.seed);
            (f, rng)
        });
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Faults still pending (those with `times` left, and `always` ones).
    pub fn pending_faults(&self) -> Vec<Fault> {
        lock(&self.shared.faults).clone()
    }

    /// Sets the rate limits from now on: a factor of 1NCE's published limits,
    /// or `None` for none.
    pub fn set_rate_limit_factor(&self, factor: Option<f64>) {
        let mut limiter = lock(&self.shared.limiter);
        limiter.limits = factor.map(limits::scaled);
        limiter.hits.clear();
        *lock(&self.shared.os_pace) = os::pace::OsLimiter::new(factor);
    }

    /// How many client connections are open now. Once a test's clients are
    /// dropped, 0 means every request they sent has been answered (or
    /// dropped): the sandbox is idle, nothing more will be applied. A
    /// request still stalled by [`Fault::delay`] keeps its connection open.
    pub fn open_connections(&self) -> usize {
        self.shared.open_connections.load(Ordering::SeqCst)
    }

    /// The counters.
    pub fn stats(&self) -> Stats {
        lock(&self.shared.stats).clone()
    }

    /// Every request received, oldest first (at most the last 100,000).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).iter().cloned().collect()
    }

    /// Forgets the request log and resets the counters.
    pub fn reset_stats(&self) {
        lock(&self.shared.log).clear();
        *lock(&self.shared.stats) = Stats::default();
    }

    /// Streams the fleet's records to a webhook like 1NCE's Data Streamer:
    /// from now on, usage (data and SMS), events, SMS delivery reports and
    /// MO SMS are queued and posted in batches (a JSON array, nested
    /// layout) every interval, with the configured `Authorization` header.
    /// A batch counts as delivered only when answered 200; anything else
    /// (redirects are not followed) is retried with backoff, and after
    /// [`StreamConfig::max_failures`] failures in a row the stream goes
    /// [`StreamState::Failed`] until [`restart_stream`](Self::restart_stream).
    /// Calling it again replaces the configuration (queued records stay).
    pub fn stream_to(&self, config: StreamConfig) {
        stream::start(&self.shared, config);
    }

    /// Restarts a FAILED stream (as the customer does in the 1NCE portal);
    /// the records not yet acknowledged are sent again.
    pub fn restart_stream(&self) {
        let mut c = lock(&self.shared.stream);
        if c.stats.state == StreamState::Failed {
            c.stats.state = StreamState::Running;
            c.stats.consecutive_failures = 0;
        }
        drop(c);
        self.shared.stream_wake.notify_waiters();
    }

    /// Sends the next batch now instead of after the interval.
    pub fn flush_stream(&self) {
        self.shared.stream_wake.notify_waiters();
    }

    /// The stream's state and counters.
    pub fn stream_stats(&self) -> StreamStats {
        let mut s = lock(&self.shared.stream).stats.clone();
        s.pending = lock(&self.shared.world)
            .outbox
            .as_ref()
            .map_or(0, |o| o.queue.len());
        s
    }

    /// Every record queued for the stream so far, as (kind, id), in order.
    pub fn streamed_records(&self) -> Vec<(StreamKind, u64)> {
        lock(&self.shared.world)
            .outbox
            .as_ref()
            .map(|o| o.emitted.clone())
            .unwrap_or_default()
    }

    /// Stops serving and waits until the server task has ended. Open
    /// connections are closed.
    pub async fn shutdown(mut self) {
        if let Some(t) = lock(&self.shared.stream).task.take() {
            t.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(t) = lock(&self.shared.stream).task.take() {
            t.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// The crate's README (its crates.io page), compiled as a doctest so that its
/// example stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadme;
