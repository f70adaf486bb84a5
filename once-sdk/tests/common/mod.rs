//! Shared helpers for the integration tests: a wiremock server that issues
//! tokens, and a client pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use once_sdk::{Client, ClientBuilder, Credentials, RateLimits, RetryPolicy};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The access token the mock token endpoint hands out.
pub const TOKEN: &str = "test-access-token-0123456789";
pub const CLIENT_ID: &str = "test-client";
pub const CLIENT_SECRET: &str = "test-secret-do-not-log";

/// `Authorization: Basic base64(test-client:test-secret-do-not-log)`.
pub const BASIC_AUTH: &str = "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQtZG8tbm90LWxvZw==";

/// A mock server whose token endpoint issues [`TOKEN`] (valid one hour).
pub async fn server() -> MockServer {
    let server = MockServer::start().await;
    mount_token(&server, TOKEN, 3600).await;
    server
}

/// Mounts a token endpoint that checks the Basic credentials and the JSON body.
pub async fn mount_token(server: &MockServer, token: &str, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("authorization", BASIC_AUTH))
        .and(body_json(
            serde_json::json!({"grant_type": "client_credentials"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "status_code": 200,
            "access_token": token,
            "token_type": "bearer",
            "expires_in": expires_in,
            "userId": "user",
            "scope": "all"
        })))
        .mount(server)
        .await;
}

/// A builder pointed at `server` with fast, deterministic retries and no
/// client-side rate limits.
pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(CLIENT_ID, CLIENT_SECRET))
        .base_url(server.uri())
        .retry_policy(
            RetryPolicy::default()
                .jitter(false)
                .initial_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        )
        .rate_limits(RateLimits::unlimited())
}

/// A client pointed at `server` (see [`builder`]).
pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("client builds")
}

/// The `Authorization` header API calls must carry.
pub fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

/// The requests the server received, token requests excluded.
pub async fn api_requests(server: &MockServer) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path() != "/oauth/token")
        .collect()
}

/// The number of token requests the server received.
pub async fn token_requests(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == "/oauth/token")
        .count()
}

/// A log sink for a `tracing_subscriber::fmt` subscriber: everything it
/// writes, kept for the test to read (`logs.0.lock()`).
#[derive(Clone, Default)]
pub struct Logs(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;
    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}
