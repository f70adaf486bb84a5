//! The HTTP side: `/metrics` (the snapshot plus live health metrics),
//! `/healthz`, a landing page; graceful shutdown.

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

use crate::refresh::Published;

/// The OpenMetrics content type prometheus-client's text encoder produces.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// How long open connections get to finish after shutdown starts.
const DRAIN: Duration = Duration::from_secs(5);

type Body = BoxBody<Bytes, Infallible>;

/// What a scrape reads: the published snapshot and the health registry.
pub(crate) struct Served {
    pub published: Published,
    pub health: Registry,
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
/// when it was published) and the OpenMetrics EOF. Never calls 1NCE.
pub(crate) fn metrics(served: &Served) -> Response<Body> {
    let mut health = String::new();
    let _ = prometheus_client::encoding::text::encode_registry(&mut health, &served.health);
    let snapshot = served
        .published
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let mut eof = String::new();
    let _ = prometheus_client::encoding::text::encode_eof(&mut eof);
    let frames = [Bytes::from(health), snapshot, Bytes::from(eof)]
        .map(|b| Ok::<_, Infallible>(Frame::data(b)));
    let mut resp = Response::new(StreamBody::new(futures::stream::iter(frames)).boxed());
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(CONTENT_TYPE),
    );
    resp
}

async fn route(served: Arc<Served>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(text(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain",
            "only GET\n",
        ));
    }
    Ok(match req.uri().path() {
        "/metrics" => metrics(&served),
        "/healthz" => text(StatusCode::OK, "text/plain; charset=utf-8", "ok\n"),
        "/" => text(StatusCode::OK, "text/html; charset=utf-8", LANDING),
        _ => text(StatusCode::NOT_FOUND, "text/plain", "not found\n"),
    })
}

/// Resolves when `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Serves until `stop` turns true, then stops accepting, lets open
/// connections finish their request (at most 5 s) and returns.
pub(crate) async fn serve(
    listener: TcpListener,
    served: Arc<Served>,
    mut stop: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => {
                while connections.try_join_next().is_some() {}
                let Ok((stream, _)) = accepted else { continue };
                let served = Arc::clone(&served);
                let mut stop = stop.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |req| route(Arc::clone(&served), req));
                    let conn = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = stopped(&mut stop) => {
                            conn.as_mut().graceful_shutdown();
                            let _ = conn.await;
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
