//! Hostile servers at the transport: bodies over the cap, HTML error pages,
//! connections closed right after answering.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::*;
use futures::future::BoxFuture;
use once_sdk::{Error, Iccid, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

/// Reads one HTTP/1.1 request (head and `Content-Length` body); `None`
/// when the client closed the connection.
async fn read_request(conn: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = conn.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(head);
        }
        let n = conn.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

const TOKEN_BODY: &str =
    r#"{"access_token":"test-access-token-0123456789","token_type":"bearer","expires_in":3600}"#;

fn response(status: &str, extra: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra}\r\n{body}",
        body.len()
    )
}

// Item 5: an over-limit body is final.

#[tokio::test]
async fn a_body_over_the_cap_is_not_downloaded_again() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(10_000)))
        .mount(&server)
        .await;
    let client = builder(&server).max_response_bytes(1000).build().unwrap();
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert!(!err.is_retryable(), "{err}");
    assert_eq!(err.status(), Some(200));
    assert_eq!(
        err.to_string(),
        "the response to `sims.get` (HTTP 200) exceeds the limit of 1000 bytes; not retried"
    );
    assert_eq!(api_requests(&server).await.len(), 1, "downloaded once");
}

/// An API answer of a raw server: writes to the connection; `false` closes it.
type Answer = fn(&mut TcpStream) -> BoxFuture<'_, bool>;

/// A raw HTTP/1.1 server that issues tokens and answers every API request
/// with `answer`, counting them; keeps connections alive while `answer`
/// says so.
async fn raw_server(answer: Answer) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let api_hits = Arc::new(AtomicUsize::new(0));
    let hits = api_hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut conn, _)) = listener.accept().await else {
                return;
            };
            let hits = hits.clone();
            tokio::spawn(async move {
                while let Some(head) = read_request(&mut conn).await {
                    if head.contains("/oauth/token") {
                        let r = response("200 OK", "", TOKEN_BODY);
                        let _ = conn.write_all(r.as_bytes()).await;
                        continue;
                    }
                    hits.fetch_add(1, Ordering::SeqCst);
                    if !answer(&mut conn).await {
                        return;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), api_hits)
}

/// A client of a raw server: quick retries, no pacing.
fn raw_client(url: &str, max_response_bytes: usize) -> once_sdk::Client {
    once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(url)
        .rate_limits(once_sdk::RateLimits::unlimited())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .jitter(false)
                .initial_delay(std::time::Duration::from_millis(1)),
        )
        .max_response_bytes(max_response_bytes)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_not_downloaded_again() {
    let (url, api_hits) = raw_server(|conn| {
        Box::pin(async move {
            let _ = conn
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            for _ in 0..20 {
                let chunk = format!("{:x}\r\n{}\r\n", 500, "y".repeat(500));
                if conn.write_all(chunk.as_bytes()).await.is_err() {
                    return false;
                }
            }
            conn.write_all(b"0\r\n\r\n").await.is_ok()
        })
    })
    .await;
    let err = raw_client(&url, 2000)
        .sims()
        .get(&iccid())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(api_hits.load(Ordering::SeqCst), 1, "downloaded once");
}

/// The SIM body the multi-chunk tests send, split in two.
const SIM_HALVES: (&str, &str) = (
    r#"{"iccid":"898828066600000"#,
    r#"0000","label":"pump-17"}"#,
);

/// Writes `part` and waits a moment, so that it arrives as a chunk of its own.
async fn write_apart(conn: &mut TcpStream, part: &str) -> bool {
    let ok = conn.write_all(part.as_bytes()).await.is_ok() && conn.flush().await.is_ok();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    ok
}

#[tokio::test]
async fn a_body_in_several_chunks_is_read_whole() {
    // The transport sizes its buffer from Content-Length once the body
    // comes in more than one chunk.
    let (url, _) = raw_server(|conn| {
        Box::pin(async move {
            let len = SIM_HALVES.0.len() + SIM_HALVES.1.len();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len}\r\n\r\n"
            );
            write_apart(conn, &head).await
                && write_apart(conn, SIM_HALVES.0).await
                && write_apart(conn, SIM_HALVES.1).await
        })
    })
    .await;
    let sim = raw_client(&url, 1 << 20)
        .sims()
        .get(&iccid())
        .await
        .unwrap();
    assert_eq!(sim.iccid, iccid());
    assert_eq!(sim.label.as_deref(), Some("pump-17"));
}

#[tokio::test]
async fn a_content_length_that_lies_ends_the_call_with_an_error() {
    // 30 MB announced (under the 32 MiB default cap), two small chunks
    // sent, then the connection closed: the call fails (retried, as a GET
    // may be), without waiting for or reserving the announced size.
    let (url, api_hits) = raw_server(|conn| {
        Box::pin(async move {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 30000000\r\n\r\n";
            write_apart(conn, head).await;
            write_apart(conn, SIM_HALVES.0).await;
            write_apart(conn, SIM_HALVES.1).await;
            false
        })
    })
    .await;
    let client = raw_client(&url, 32 * 1024 * 1024);
    let err = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        client.sims().get(&iccid()),
    )
    .await
    .expect("the call ends")
    .unwrap_err();
    assert!(!matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    assert_eq!(
        api_hits.load(Ordering::SeqCst),
        3,
        "the first try and 2 retries"
    );
}

// Item 12: short error text.

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

fn no_retries(server: &wiremock::MockServer) -> once_sdk::Client {
    builder(server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_html_error_page_shows_as_a_short_line_and_stays_whole_in_the_body() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(502).set_body_string(NGINX_502))
        .mount(&server)
        .await;
    let err = no_retries(&server).sims().get(&iccid()).await.unwrap_err();
    assert_eq!(err.to_string(), "1NCE API error: HTTP 502: 502 Bad Gateway");
    assert_eq!(err.body(), Some(NGINX_502));
}

#[tokio::test]
async fn a_long_page_without_a_title_is_cut_to_one_short_line() {
    let page = format!(
        "<!DOCTYPE html>\n<html><body>\n<p>The service is unavailable.\n   Please try again later.</p>\n{}</body></html>",
        "<div>filler text for a very long error page</div>\n".repeat(150)
    );
    assert!(page.len() > 6000);
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(503).set_body_string(page.clone()))
        .mount(&server)
        .await;
    let err = no_retries(&server).sims().get(&iccid()).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("1NCE API error: HTTP 503: The service is unavailable. Please try again later. filler text"),
        "{text}"
    );
    assert!(
        text.chars().count() <= 160,
        "{} chars: {text}",
        text.chars().count()
    );
    assert!(!text.contains('<') && !text.contains('\n'), "{text}");
    assert_eq!(err.body(), Some(page.as_str()), "the whole page");
}

#[tokio::test]
async fn a_200_html_page_shows_a_short_decode_error() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/v2/sims/8988280666000000000"))
        .respond_with(ResponseTemplate::new(200).set_body_string(NGINX_502.repeat(20)))
        .mount(&server)
        .await;
    let err = no_retries(&server).sims().get(&iccid()).await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(text.chars().count() <= 200, "{text}");
    assert!(!text.contains('\n') && !text.contains("\\r\\n"), "{text}");
}

// Item 10: no false "outcome unknown".

/// A server that answers each request and then closes the connection
/// (without saying `Connection: close`), a moment after answering: a
/// request sent onto that connection meanwhile is never read. Counts the
/// top-ups it received.
async fn closes_after_each_answer() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let top_ups = Arc::new(AtomicUsize::new(0));
    let counter = top_ups.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut conn, _)) = listener.accept().await else {
                return;
            };
            let counter = counter.clone();
            tokio::spawn(async move {
                let Some(head) = read_request(&mut conn).await else {
                    return;
                };
                let answer = if head.contains("/oauth/token") {
                    response("200 OK", "", TOKEN_BODY)
                } else if head.starts_with("POST ") && head.contains("/topup") {
                    counter.fetch_add(1, Ordering::SeqCst);
                    response("201 Created", "location: /v1/orders/1\r\n", "")
                } else {
                    response("200 OK", "", r#"{"volume": 1.0}"#)
                };
                let _ = conn.write_all(answer.as_bytes()).await;
                let _ = conn.flush().await;
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                // Dropped: closed without reading what came meanwhile.
            });
        }
    });
    (format!("http://{addr}"), top_ups)
}

#[tokio::test]
async fn money_calls_never_ride_a_connection_the_server_just_closed() {
    let (url, top_ups) = closes_after_each_answer().await;
    let client = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(url)
        .rate_limits(once_sdk::RateLimits::unlimited())
        .retry_policy(
            RetryPolicy::default()
                .jitter(false)
                .initial_delay(std::time::Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    let mut unknown = 0;
    let mut failed = Vec::new();
    for i in 0..200 {
        // A read first: it leaves a pooled connection the server is about
        // to close, right where the top-up would be sent.
        client.sims().data_quota(&iccid()).await.unwrap();
        match client.sims().top_up(&iccid()).await {
            Ok(order) => assert_eq!(order.location.as_deref(), Some("/v1/orders/1")),
            Err(e) if e.is_outcome_unknown() => unknown += 1,
            Err(e) => failed.push(format!("{i}: {e}")),
        }
    }
    assert_eq!(unknown, 0, "spurious OutcomeUnknown");
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(
        top_ups.load(Ordering::SeqCst),
        200,
        "each top-up exactly once"
    );
}

// Item 9: a limit of zero is refused where the client is built.

#[test]
fn a_rate_limit_of_zero_is_refused_by_the_builder() {
    // `RateLimit::try_new(0, ..)` refuses it; the public field can still be
    // set to 0 afterwards, and the builder refuses that too.
    assert!(once_sdk::RateLimit::try_new(0, std::time::Duration::from_secs(1)).is_err());
    let mut zero = once_sdk::RateLimit::new(1, std::time::Duration::from_secs(1));
    zero.max = 0;
    let err = once_sdk::Client::builder()
        .credentials(once_sdk::Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .rate_limits(
            once_sdk::RateLimits::default().with(once_sdk::EndpointGroup::Sims, Some(zero)),
        )
        .build()
        .unwrap_err();
    let v = err.validation().expect("a validation error");
    assert_eq!(v.field, "rate_limit.max");
}
