//! A fast local HTTP server with canned, spec-shaped 1NCE bodies, so that
//! the client is what gets measured, and small measuring helpers.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The ICCID every canned SIM call uses.
pub const ICCID: &str = "8988280666000000000";
/// The token the canned server issues.
pub const TOKEN: &str = "bench-token";

/// One SIM in the v2 shape, as 1NCE sends it.
pub fn sim_json(i: u64) -> serde_json::Value {
    serde_json::json!({
        "iccid": format!("89882806660{i:08}"),
        "iccid_with_luhn": format!("89882806660{i:08}0"),
        "imsi": "901405100000018",
        "imsi_2": "901405100000019",
        "current_imsi": "901405100000018",
        "msisdn": "882285100000018",
        "imei": "0000000000000018",
        "imei_lock": true,
        "status": "Enabled",
        "activation_date": "2018-03-09T07:59:09.000+0000",
        "ip_address": "100.100.100.18",
        "current_quota": 500,
        "quota_status": {"id": 0, "description": "More than 20% available"},
        "current_quota_SMS": 250,
        "quota_status_SMS": {"id": 0, "description": "More than 20% available"},
        "label": format!("pump-{i}")
    })
}

/// What the server counts.
#[derive(Default, Debug)]
pub struct Counters {
    /// Token requests served.
    pub tokens: AtomicU64,
    /// API requests served.
    pub api: AtomicU64,
}

struct Canned {
    sim: Bytes,
    page: Bytes,
    quota: Bytes,
    token: Bytes,
    /// Server delay per list page of the large fleet.
    fleet_delay: Duration,
    fleet_size: u64,
    counters: Arc<Counters>,
}

/// A running canned server.
pub struct Server {
    /// `http://127.0.0.1:port`.
    pub base_url: String,
    /// Requests served so far.
    pub counters: Arc<Counters>,
}

/// Starts the canned server on its own thread and runtime. With `fleet_size`
/// 0, `/v2/sims` answers the same canned 100-SIM page; otherwise it pages
/// through a fleet of that size, each page after `fleet_delay`.
pub fn start(fleet_size: u64, fleet_delay: Duration) -> Server {
    let counters = Arc::new(Counters::default());
    let page: Vec<_> = (0..100).map(sim_json).collect();
    let canned = Arc::new(Canned {
        sim: Bytes::from(serde_json::to_vec(&sim_json(0)).unwrap()),
        page: Bytes::from(serde_json::to_vec(&page).unwrap()),
        quota: Bytes::from(
            serde_json::to_vec(&serde_json::json!({
                "id": 1, "status": {"id": 1, "description": "ACTIVE"}, "volume": 435.787951,
                "total_volume": 500, "service": "data", "threshold_percentage": 20,
                "expiry_date": "2029-01-01T00:00:00.000Z", "created_at": "2024-08-24T13:13:21Z"
            }))
            .unwrap(),
        ),
        token: Bytes::from(
            serde_json::to_vec(&serde_json::json!({"access_token": TOKEN, "expires_in": 3600}))
                .unwrap(),
        ),
        fleet_delay,
        fleet_size,
        counters: counters.clone(),
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let canned = canned.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| handle(canned.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
    });
    Server {
        base_url: format!("http://{addr}"),
        counters,
    }
}

fn query(req: &Request<Incoming>, key: &str) -> Option<u64> {
    req.uri().query()?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| v.parse().ok()).flatten()
    })
}

async fn handle(
    c: Arc<Canned>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let json = |body: Bytes| {
        Response::builder()
            .header("content-type", "application/json")
            .body(Full::new(body))
            .unwrap()
    };
    let path = req.uri().path();
    if path == "/oauth/token" {
        c.counters.tokens.fetch_add(1, Ordering::Relaxed);
        return Ok(json(c.token.clone()));
    }
    c.counters.api.fetch_add(1, Ordering::Relaxed);
    if path == "/v2/sims" {
        let page = query(&req, "page").unwrap_or(1);
        let size = query(&req, "pageSize").unwrap_or(10);
        let (body, total) = if c.fleet_size > 0 {
            tokio::time::sleep(c.fleet_delay).await;
            let start = (page - 1) * size;
            let sims: Vec<_> = (start..c.fleet_size.min(start + size))
                .map(sim_json)
                .collect();
            (
                Bytes::from(serde_json::to_vec(&sims).unwrap()),
                c.fleet_size,
            )
        } else {
            (c.page.clone(), 100_000)
        };
        let mut resp = json(body);
        let h = resp.headers_mut();
        h.insert("x-total-count", total.into());
        h.insert("x-total-pages", total.div_ceil(size.max(1)).into());
        h.insert("x-current-page", page.into());
        h.insert("x-count-per-page", size.into());
        return Ok(resp);
    }
    if path.ends_with("/quota/data") {
        return Ok(json(c.quota.clone()));
    }
    Ok(json(c.sim.clone()))
}

/// Runs `total` calls of `call` with `concurrency` in flight; requests/s.
pub async fn rate<F, Fut>(total: usize, concurrency: usize, call: F) -> f64
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use futures::StreamExt;
    let start = Instant::now();
    futures::stream::iter(0..total)
        .map(|_| call())
        .buffer_unordered(concurrency)
        .collect::<Vec<()>>()
        .await;
    total as f64 / start.elapsed().as_secs_f64()
}

/// The median of `xs`.
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}
