//! Shared by the reliability suites: the operations of the fault matrix, a
//! rate limiter that counts attempts (the transport asks it once per
//! attempt), a TCP forwarder that can refuse connections, and outcome labels.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use once_sandbox::{Sandbox, Stats};
use once_sdk::{
    Client, DeliveryAddress, EndpointGroup, Error, Iccid, RateLimiter, RetryPolicy, Sms,
};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The six operations of the matrix: one per HTTP method class, and the
/// three calls that cost money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Get,
    Put,
    Delete,
    TopUp,
    SmsSend,
    OrderCreate,
}

impl Op {
    pub const ALL: [Op; 6] = [
        Op::Get,
        Op::Put,
        Op::Delete,
        Op::TopUp,
        Op::SmsSend,
        Op::OrderCreate,
    ];

    /// Column heading: method, path and SDK call.
    pub fn label(self) -> &'static str {
        match self {
            Op::Get => "GET /v2/sims/{iccid} (`sims().get`)",
            Op::Put => "PUT /v2/sims/{iccid} (`sims().update`)",
            Op::Delete => "DELETE /v2/sims/{iccid}/sms/{id} (`sms().delete`)",
            Op::TopUp => "POST /v2/sims/{iccid}/topup (`sims().top_up`)",
            Op::SmsSend => "POST /v2/sims/{iccid}/sms (`sms().send`)",
            Op::OrderCreate => "POST /v1/orders (`orders().create`)",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Op::Get => "GET",
            Op::Put => "PUT",
            Op::Delete => "DELETE",
            Op::TopUp => "POST top-up",
            Op::SmsSend => "POST SMS",
            Op::OrderCreate => "POST order",
        }
    }

    /// Costs money / is not idempotent.
    pub fn is_money(self) -> bool {
        matches!(self, Op::TopUp | Op::SmsSend | Op::OrderCreate)
    }

    pub fn group(self) -> EndpointGroup {
        match self {
            Op::OrderCreate => EndpointGroup::Orders,
            _ => EndpointGroup::Sims,
        }
    }

    /// Method and path pattern for [`once_sandbox::Fault`].
    pub fn route(self) -> (&'static str, &'static str) {
        match self {
            Op::Get => ("GET", "/v2/sims/*"),
            Op::Put => ("PUT", "/v2/sims/*"),
            Op::Delete => ("DELETE", "/v2/sims/*/sms/*"),
            Op::TopUp => ("POST", "/v2/sims/*/topup"),
            Op::SmsSend => ("POST", "/v2/sims/*/sms"),
            Op::OrderCreate => ("POST", "/v1/orders"),
        }
    }

    /// What the sandbox counted as applied for this operation (money only).
    pub fn applied(self, stats: &Stats) -> u64 {
        match self {
            Op::TopUp => stats.top_ups_applied,
            Op::SmsSend => stats.sms_sent,
            Op::OrderCreate => stats.orders_created,
            _ => 0,
        }
    }

    /// Runs the call. `sms_id` is the SMS a DELETE removes.
    pub async fn run(self, client: &Client, iccid: &Iccid, sms_id: u64) -> Result<(), Error> {
        match self {
            Op::Get => client.sims().get(iccid).await.map(drop),
            Op::Put => client.sims().update(iccid).label("pump-17").send().await,
            Op::Delete => client.sms().delete(iccid, sms_id).await,
            Op::TopUp => client.sims().top_up(iccid).send().await.map(drop),
            Op::SmsSend => client.sms().send(iccid, Sms::text("ping")).await.map(drop),
            Op::OrderCreate => client
                .orders()
                .create()
                .product(1001, 1)
                .delivery_address(
                    DeliveryAddress::new()
                        .company("Pumpwerk GmbH")
                        .city("Köln")
                        .country("DE"),
                )
                .send()
                .await
                .map(drop),
        }
    }
}

/// A short, stable name for an outcome: `Ok`, `Api 503`,
/// `OutcomeUnknown(Transport)`, ...
pub fn outcome(r: &Result<(), Error>) -> String {
    match r {
        Ok(()) => "Ok".into(),
        Err(e) => kind(e),
    }
}

pub fn kind(e: &Error) -> String {
    match e {
        Error::InvalidInput(_) => "InvalidInput".into(),
        Error::Auth { details, .. } => format!("Auth {}", details.status),
        Error::RateLimited { .. } => "RateLimited".into(),
        Error::Api(d) => format!("Api {}", d.status),
        Error::NotFound { details, .. } => format!("NotFound {}", details.status),
        Error::ResponseTooLarge { status, .. } => format!("ResponseTooLarge {status}"),
        Error::Timeout(_) => "Timeout".into(),
        Error::Transport { .. } => "Transport".into(),
        Error::Decode { .. } => "Decode".into(),
        Error::OutcomeUnknown { cause, .. } => format!("OutcomeUnknown({})", kind(cause)),
        Error::Config(_) => "Config".into(),
        _ => "other".into(),
    }
}

/// Counts `acquire` calls per endpoint group: the transport acquires once
/// per attempt (401 replays included), so this is the number of requests
/// the client sent or tried to send. Optional hooks run on the n-th acquire
/// of a group (used to bring a refused port up between attempts).
#[derive(Default)]
pub struct CountingLimiter {
    counts: Mutex<HashMap<EndpointGroup, u64>>,
    total: AtomicU64,
    hooks: Mutex<Vec<(EndpointGroup, u64, Arc<Forwarder>)>>,
}

impl CountingLimiter {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    pub fn attempts(&self, group: EndpointGroup) -> u64 {
        self.counts
            .lock()
            .unwrap()
            .get(&group)
            .copied()
            .unwrap_or(0)
    }

    /// Brings `fwd` up just before the `n`-th attempt to `group`.
    pub fn up_before_attempt(&self, group: EndpointGroup, n: u64, fwd: Arc<Forwarder>) {
        self.hooks.lock().unwrap().push((group, n, fwd));
    }
}

impl RateLimiter for CountingLimiter {
    fn acquire(&self, group: EndpointGroup) -> BoxFuture<'_, ()> {
        let n = {
            let mut counts = self.counts.lock().unwrap();
            let c = counts.entry(group).or_default();
            *c += 1;
            *c
        };
        self.total.fetch_add(1, Ordering::Relaxed);
        let hook = self
            .hooks
            .lock()
            .unwrap()
            .iter()
            .find(|(g, at, _)| *g == group && *at == n)
            .map(|(_, _, f)| Arc::clone(f));
        Box::pin(async move {
            if let Some(f) = hook {
                f.up().await;
            }
        })
    }
}

/// Forwards `127.0.0.1:port` to a target while up; while down nothing
/// listens on the port, so connecting is refused.
pub struct Forwarder {
    port: u16,
    target: SocketAddr,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Forwarder {
    /// A forwarder on a free port, down.
    pub fn new(target: SocketAddr) -> Arc<Self> {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        Arc::new(Self {
            port,
            target,
            task: Mutex::new(None),
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub async fn up(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        let target = self.target;
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
            }
        });
        *self.task.lock().unwrap() = Some(task);
    }
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        if let Some(t) = self.task.lock().unwrap().take() {
            t.abort();
        }
    }
}

/// Fast, deterministic retries: 3 retries, 1-5 ms backoff, `Retry-After`
/// honoured up to 10 ms (the sandbox sends whole seconds).
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .jitter(false)
        .initial_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .max_retry_after(Duration::from_millis(10))
}

/// A sandbox without rate limits (429s in the matrix are injected).
pub async fn sandbox(sims: usize) -> Sandbox {
    Sandbox::builder()
        .sims(sims)
        .seed(11)
        .no_rate_limits()
        .start()
        .await
        .unwrap()
}
