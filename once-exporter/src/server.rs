//! The HTTP side: `/metrics` (the snapshot plus live health metrics, in
//! the negotiated format, gzipped when accepted), `/healthz`, a landing
//! page; TLS and basic auth from the web config; graceful shutdown.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{header, Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use prometheus_client::registry::Registry;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::format::{accepts_gzip, to_classic, Format};
use crate::refresh::Published;
use crate::web::Auth;

/// How long open connections get to finish after shutdown starts.
const DRAIN: Duration = Duration::from_secs(5);

type Body = BoxBody<Bytes, Infallible>;

/// What a scrape reads: the published snapshot and the health registry;
/// and who may read it.
pub(crate) struct Served {
    pub published: Published,
    pub health: Registry,
    /// Basic auth for every path, when the web config has users.
    pub auth: Option<Auth>,
    /// The top-up policy's figures, read at each scrape (`--ledger-db`).
    #[cfg(feature = "ledger")]
    pub ledger: Option<Arc<crate::ledger::LedgerMetrics>>,
}

/// The policy's figures (OpenMetrics, no `# EOF`), or nothing: without
/// `--ledger-db`, or when the ledger cannot be read (logged; the fleet's
/// metrics are served all the same).
#[cfg(feature = "ledger")]
async fn ledger_text(served: &Served) -> String {
    let Some(ledger) = &served.ledger else {
        return String::new();
    };
    ledger.encode().await.unwrap_or_else(|e| {
        tracing::warn!("--ledger-db: the policy's figures could not be read: {e}");
        String::new()
    })
}

#[cfg(not(feature = "ledger"))]
async fn ledger_text(_: &Served) -> String {
    String::new()
}

fn text(status: StatusCode, content_type: &str, body: &'static str) -> Response<Body> {
    let mut resp = Response::new(Full::new(Bytes::from_static(body.as_bytes())).boxed());
    *resp.status_mut() = status;
    if let Ok(v) = header::HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp
}

const LANDING: &str = "<html><head><title>1NCE exporter</title></head><body>\
<h1>1NCE exporter</h1><p><a href=\"/metrics\">Metrics</a> &middot; <a href=\"/healthz\">Health</a></p>\
</body></html>\n";

/// `/metrics`: the health metrics (encoded now), the fleet snapshot (encoded
/// when it was published) and, in OpenMetrics, the `# EOF` line; in the
/// format `Accept` asks for, gzipped when `Accept-Encoding` allows it.
/// Never calls 1NCE.
pub(crate) async fn metrics(served: &Served, req: &Request<Incoming>) -> Response<Body> {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    let format = Format::negotiate(header(header::ACCEPT));
    let gzip = accepts_gzip(header(header::ACCEPT_ENCODING));
    let mut health = String::new();
    let _ = prometheus_client::encoding::text::encode_registry(&mut health, &served.health);
    let snapshot = served
        .published
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let ledger = ledger_text(served).await;
    let parts = match format {
        Format::Classic => [
            Bytes::from(to_classic(&health)),
            snapshot.classic,
            Bytes::from(to_classic(&ledger)),
            Bytes::new(),
        ],
        Format::OpenMetrics => [
            Bytes::from(health),
            snapshot.openmetrics,
            Bytes::from(ledger),
            Bytes::from_static(b"# EOF\n"),
        ],
    };
    // Compressing a large fleet takes a while: off the async workers.
    let compressed = if gzip {
        let parts = parts.clone();
        tokio::task::spawn_blocking(move || gzip_all(&parts))
            .await
            .ok()
            .and_then(Result::ok)
    } else {
        None
    };
    let mut resp = match compressed {
        Some(body) => {
            let mut resp = Response::new(Full::new(body).boxed());
            resp.headers_mut().insert(
                header::CONTENT_ENCODING,
                header::HeaderValue::from_static("gzip"),
            );
            resp
        }
        None => {
            let frames = parts.map(|b| Ok::<_, Infallible>(Frame::data(b)));
            Response::new(StreamBody::new(futures::stream::iter(frames)).boxed())
        }
    };
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        header::VARY,
        header::HeaderValue::from_static("Accept, Accept-Encoding"),
    );
    resp
}

/// The parts, one after the other, in one gzip member.
fn gzip_all(parts: &[Bytes]) -> std::io::Result<Bytes> {
    use std::io::Write as _;
    let len = parts.iter().map(Bytes::len).sum::<usize>();
    let mut gz =
        flate2::write::GzEncoder::new(Vec::with_capacity(len / 8), flate2::Compression::fast());
    for p in parts {
        gz.write_all(p)?;
    }
    Ok(Bytes::from(gz.finish()?))
}

async fn route(served: Arc<Served>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    if let Some(auth) = &served.auth {
        let header = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        if !auth.allows(header).await {
            let mut resp = text(
                StatusCode::UNAUTHORIZED,
                "text/plain; charset=utf-8",
                "Unauthorized\n",
            );
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Basic"),
            );
            return Ok(resp);
        }
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(text(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            "only GET\n",
        ));
    }
    Ok(match req.uri().path() {
        "/metrics" => metrics(&served, &req).await,
        "/healthz" => text(StatusCode::OK, "text/plain; charset=utf-8", "ok\n"),
        "/" => text(StatusCode::OK, "text/html; charset=utf-8", LANDING),
        _ => text(StatusCode::NOT_FOUND, "text/plain", "not found\n"),
    })
}

/// Resolves when `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// How long a client gets to finish the TLS handshake.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// Serves one connection until it ends or `stop` turns true (then lets it
/// finish its request).
async fn serve_connection<I>(io: I, served: Arc<Served>, mut stop: watch::Receiver<bool>)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |req| route(Arc::clone(&served), req));
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stopped(&mut stop) => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// Serves until `stop` turns true, then stops accepting, lets open
/// connections finish their request (at most 5 s) and returns. With `tls`,
/// every connection must complete a TLS handshake first.
pub(crate) async fn serve(
    listener: TcpListener,
    served: Arc<Served>,
    mut stop: watch::Receiver<bool>,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => {
                while connections.try_join_next().is_some() {}
                let Ok((stream, _)) = accepted else { continue };
                let served = Arc::clone(&served);
                let stop = stop.clone();
                let tls = tls.clone();
                connections.spawn(async move {
                    match tls {
                        None => serve_connection(stream, served, stop).await,
                        Some(acceptor) => {
                            match tokio::time::timeout(HANDSHAKE, acceptor.accept(stream)).await {
                                Ok(Ok(stream)) => serve_connection(stream, served, stop).await,
                                Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                                Err(_) => tracing::debug!("TLS handshake timed out"),
                            }
                        }
                    }
                });
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, async {
        while connections.join_next().await.is_some() {}
    })
    .await
    .is_err()
    {
        connections.abort_all();
    }
}
