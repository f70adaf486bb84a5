//! Transport safety against hostile servers (raw TCP on 127.0.0.1): an
//! endless body is cut at `max_response_bytes`; a server that accepts and
//! never answers hits the attempt timeout, then the overall deadline; a
//! token answer that does not decode does not put the token into the error.
//! (https-only, no redirects and the proxy rules are covered by
//! tests/core_client.rs.)

mod reliability_support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use once_sandbox::Sandbox;
use once_sdk::{Client, Credentials, Error, Iccid, RateLimits, RetryPolicy};
use reliability_support::kind;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "eyJhbGciOiJub25lIn0.hostile-test-token-0123456789abcdef0123456789";

#[derive(Clone, Copy)]
enum Behaviour {
    /// 200, chunked, and chunks forever.
    EndlessBody,
    /// 200 with `Content-Length: 10 GiB`, and data forever.
    HugeContentLength,
    /// Accepts, reads the request, never writes.
    Silent,
    /// The token endpoint answers with the token but an `expires_in` that
    /// is not a number.
    BadTokenAnswer,
    /// The token endpoint's answer is cut inside the token.
    CutTokenAnswer,
}

struct Hostile {
    url: String,
    /// API requests (token requests not counted).
    requests: Arc<AtomicU64>,
}

/// Reads one request head (and its body, by Content-Length); returns the path.
async fn read_request(s: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1024];
    let head_end = loop {
        let n = s.read(&mut byte).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&byte[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut have = buf.len() - head_end;
    while have < len {
        let n = s.read(&mut byte).await.ok()?;
        if n == 0 {
            return None;
        }
        have += n;
    }
    head.split(' ').nth(1).map(str::to_string)
}

async fn token_answer(s: &mut TcpStream, body: &str) {
    let resp = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = s.write_all(resp.as_bytes()).await;
}

async fn hostile(behaviour: Behaviour) -> Hostile {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&requests);
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let Some(path) = read_request(&mut s).await else {
                    return;
                };
                if path.ends_with("/oauth/token") {
                    match behaviour {
                        Behaviour::BadTokenAnswer => {
                            let body = format!(
                                r#"{{"access_token":"{TOKEN}","token_type":"bearer","expires_in":"soon"}}"#
                            );
                            token_answer(&mut s, &body).await;
                        }
                        Behaviour::CutTokenAnswer => {
                            let body = format!(r#"{{"access_token":"{}"#, &TOKEN[..40]);
                            token_answer(&mut s, &body).await;
                        }
                        _ => {
                            let body = format!(
                                r#"{{"access_token":"{TOKEN}","token_type":"bearer","expires_in":3600}}"#
                            );
                            token_answer(&mut s, &body).await;
                        }
                    }
                    return;
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let chunk = vec![b'x'; 16 * 1024];
                match behaviour {
                    Behaviour::EndlessBody => {
                        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                        if s.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        let framed = [
                            format!("{:x}\r\n", chunk.len()).into_bytes(),
                            chunk,
                            b"\r\n".to_vec(),
                        ]
                        .concat();
                        while s.write_all(&framed).await.is_ok() {}
                    }
                    Behaviour::HugeContentLength => {
                        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n";
                        if s.write_all(head.as_bytes()).await.is_err() {
                            return;
                        }
                        while s.write_all(&chunk).await.is_ok() {}
                    }
                    Behaviour::Silent | Behaviour::BadTokenAnswer | Behaviour::CutTokenAnswer => {
                        // Hold the connection open, say nothing, until the
                        // client goes away.
                        let mut sink = [0u8; 1024];
                        while matches!(s.read(&mut sink).await, Ok(n) if n > 0) {}
                    }
                }
            });
        }
    });
    Hostile { url, requests }
}

fn client(url: &str) -> once_sdk::ClientBuilder {
    Client::builder()
        .credentials(Credentials::new("hostile-client", "hostile-secret"))
        .base_url(url)
        .no_proxy()
        .rate_limits(RateLimits::unlimited())
        .retry_policy(
            RetryPolicy::default()
                .jitter(false)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        )
}

fn iccid() -> Iccid {
    "8988280666000000000".parse().unwrap()
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_size_cap() {
    for behaviour in [Behaviour::EndlessBody, Behaviour::HugeContentLength] {
        let server = hostile(behaviour).await;
        // No timeouts at all: only the cap can end these calls.
        let client = client(&server.url)
            .max_response_bytes(256 * 1024)
            .attempt_timeout(None)
            .operation_timeout(None)
            .build()
            .unwrap();

        // Final, even for a call that is safe to repeat: a retry would only
        // download the same body again (issue 13, item 5).
        let err = client.sims().get(&iccid()).await.unwrap_err();
        assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
        assert!(!err.is_retryable());
        assert!(
            err.to_string()
                .contains("exceeds the limit of 262144 bytes"),
            "{err}"
        );
        assert_eq!(server.requests.load(Ordering::SeqCst), 1, "not retried");

        // A top-up: the server answered 200 (applied); its body is not
        // read past the cap, and it is sent once.
        let err = client.sims().top_up(&iccid()).send().await.unwrap_err();
        assert_eq!(kind(&err), "ResponseTooLarge 200", "{err:?}");
        assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    }
}

#[tokio::test]
async fn a_silent_server_hits_the_attempt_timeout_then_the_overall_deadline() {
    let server = hostile(Behaviour::Silent).await;
    let client = client(&server.url)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(1000)
                .jitter(false)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(1)),
        )
        .attempt_timeout(Duration::from_millis(100))
        .operation_timeout(Duration::from_millis(450))
        .build()
        .unwrap();

    // GET: each attempt times out and is retried until the deadline ends
    // the call.
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert_eq!(kind(&err), "Timeout", "{err:?}");
    assert!(err.to_string().contains("overall deadline"), "{err}");
    let attempts = server.requests.load(Ordering::SeqCst);
    assert!(
        attempts >= 2,
        "the attempt timeout fired before the deadline: {attempts} attempts"
    );

    // A top-up: the first attempt times out and the call ends there,
    // outcome unknown (the server got the request).
    let err = client.sims().top_up(&iccid()).send().await.unwrap_err();
    assert_eq!(kind(&err), "OutcomeUnknown(Timeout)", "{err:?}");
    assert!(err.to_string().contains("attempt timed out"), "{err}");
    assert_eq!(server.requests.load(Ordering::SeqCst), attempts + 1);

    // Without an attempt timeout, the overall deadline alone ends the call.
    let client = client_builder_silent(&server.url);
    let before = server.requests.load(Ordering::SeqCst);
    let err = client.sims().get(&iccid()).await.unwrap_err();
    assert!(err.to_string().contains("overall deadline"), "{err}");
    assert_eq!(server.requests.load(Ordering::SeqCst), before + 1);
}

fn client_builder_silent(url: &str) -> Client {
    client(url)
        .attempt_timeout(None)
        .operation_timeout(Duration::from_millis(200))
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_token_answer_that_does_not_decode_keeps_the_token_out_of_the_error() {
    for behaviour in [Behaviour::BadTokenAnswer, Behaviour::CutTokenAnswer] {
        let server = hostile(behaviour).await;
        let client = client(&server.url).build().unwrap();
        let err = client.sims().get(&iccid()).await.unwrap_err();
        assert_eq!(kind(&err), "Decode", "{err:?}");
        let text = format!("{err} {err:?}");
        assert!(!text.contains(&TOKEN[..24]), "the token leaked: {text}");
        assert_eq!(server.requests.load(Ordering::SeqCst), 0);
    }
}

#[tokio::test]
async fn the_sandbox_client_is_plain_http_only_because_it_is_loopback() {
    // The sandbox serves plain http on 127.0.0.1; the same URL with a
    // non-loopback host is refused unless explicitly allowed.
    let sb = Sandbox::builder().sims(1).start().await.unwrap();
    assert!(sb.client().is_ok());
    let remote = sb.base_url().replace("127.0.0.1", "sandbox.example.com");
    let err = client(&remote).build().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(client(&remote).danger_allow_insecure_http().build().is_ok());
}
