//! What the Data Streamer end-to-end tests share: a misbehaving HTTP proxy
//! between the sandbox's stream and the receivers (its faults, and the
//! plumbing to read a request, forward it and answer), the fleet traffic
//! that makes every kind of record, and a bounded wait.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::HeaderValue;
use hyper_util::rt::TokioIo;
use once_sandbox::Sandbox;
use tokio::net::TcpListener;

/// What the proxy does with one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// Forward it and relay the answer.
    Pass,
    /// Answer 500 without forwarding.
    Status500,
    /// Forward it, then hold the answer longer than the sender waits.
    Slow,
    /// Forward it (the receiver stores it), then drop the connection: the
    /// sender sends the stored batch again.
    DropAfterForward,
    /// Drop the connection without forwarding.
    DropBeforeForward,
}

/// The faults a run must have met for its check to mean anything.
pub const FAULTS: [Fault; 4] = [
    Fault::Status500,
    Fault::Slow,
    Fault::DropAfterForward,
    Fault::DropBeforeForward,
];

/// The proxy's answer when it drops the connection (hyper closes it
/// without a response).
#[derive(Debug)]
pub struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dropped")
    }
}

impl std::error::Error for Dropped {}

/// An answer of the proxy, or a dropped connection.
pub type Reply = Result<hyper::Response<Full<Bytes>>, Dropped>;

/// An answer with `status` and `body`.
pub fn reply(status: u16, body: Bytes) -> Reply {
    Ok(hyper::Response::builder()
        .status(status)
        .body(Full::new(body))
        .expect("a valid response"))
}

/// The request's Authorization header and whole body.
pub async fn read_request(
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<(Option<HeaderValue>, Bytes), Dropped> {
    let auth = req.headers().get("authorization").cloned();
    let body = req
        .into_body()
        .collect()
        .await
        .map_err(|_| Dropped)?
        .to_bytes();
    Ok((auth, body))
}

/// Forwards a batch to `url`; a receiver that is down or cuts the
/// connection makes the proxy drop its own.
pub async fn forward(
    http: &reqwest::Client,
    url: &str,
    auth: Option<HeaderValue>,
    body: Bytes,
) -> Result<(u16, Bytes), Dropped> {
    let mut post = http
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(a) = auth {
        post = post.header("authorization", a);
    }
    let resp = post.send().await.map_err(|_| Dropped)?;
    let status = resp.status().as_u16();
    let text = resp.bytes().await.map_err(|_| Dropped)?;
    Ok((status, text))
}

/// Serves `handle` on a free loopback port (HTTP/1.1, one task per
/// connection) until the test ends.
pub async fn serve<H, F>(handle: H) -> SocketAddr
where
    H: Fn(hyper::Request<hyper::body::Incoming>) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Reply> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let handle = handle.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(handle);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    addr
}

/// Some traffic of the fleet: data and SMS usage, MO SMS, sessions opened
/// and closed (events). Each wave differs, so waves add new records.
pub fn traffic(sandbox: &Sandbox, wave: usize) {
    for (i, iccid) in sandbox.iccids().iter().enumerate() {
        sandbox.consume_data(iccid, 0.5 + (i % 7) as f64).unwrap();
        if (i + wave).is_multiple_of(3) {
            sandbox.consume_sms(iccid, 1).unwrap();
        }
        if (i + wave).is_multiple_of(4) {
            sandbox
                .receive_sms(iccid, &format!("wave {wave} from {i}"))
                .unwrap();
        }
        if (i + wave).is_multiple_of(5) {
            sandbox.set_online(iccid, wave.is_multiple_of(2)).unwrap();
        }
    }
}

/// Waits until `done`, failing the test after `bound`.
pub async fn wait_for(what: &str, bound: Duration, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + bound;
    while !done() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out ({bound:?}) waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Asserts that every fault of [`FAULTS`] happened at least once.
pub fn assert_every_fault_met(hits: &std::collections::BTreeMap<Fault, u32>) {
    for f in FAULTS {
        assert!(
            hits.get(&f).copied().unwrap_or(0) > 0,
            "{f:?} never happened: {hits:?}"
        );
    }
}
