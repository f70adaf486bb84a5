//! Entry points for the fuzz targets in `once-sdk/fuzz/` (feature `fuzzing`).
//!
//! They run the SDK's own response-handling code on a response built from
//! plain bytes: the body decoding of every call, the paging headers, the
//! error-body parsing, `Retry-After` and the token answer. Not part of the
//! SDK's API: it may change in any release.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::auth::StoredToken;
use crate::clock::Clock;
use crate::error::{ApiErrorDetails, Result};
use crate::pagination::Page;
use crate::transport::RawResponse;
use crate::types::v1::Event as V1Event;

/// A response as the transport hands it to the decoding code.
#[derive(Debug)]
pub struct Response(RawResponse);

impl Response {
    /// A response with `status` (200 if not a valid HTTP status), the
    /// headers that are valid HTTP headers (others are skipped, as the HTTP
    /// stack would refuse them) and `body`.
    pub fn new(status: u16, headers: &[(&[u8], &[u8])], body: &[u8]) -> Self {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name), HeaderValue::from_bytes(value)) {
                map.append(n, v);
            }
        }
        Response(RawResponse {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            headers: map,
            body: bytes::Bytes::copy_from_slice(body),
            sent: Default::default(),
        })
    }

    /// The body decoded as `T`, as `Client::call` decodes it.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T> {
        self.0.decode("fuzz")
    }

    /// The response as page `page` of a list of `T` asked `page_size` at a time.
    pub fn page<T: DeserializeOwned>(&self, page: u32, page_size: u32) -> Result<Page<T>> {
        Page::from_response(&self.0, "fuzz", page, page_size)
    }

    /// The response as page `page` of `GET /v1/sims/{iccid}/events`.
    pub fn v1_events_page(&self, page: u32, page_size: u32) -> Result<Page<V1Event>> {
        crate::api::v1::events_page(&self.0, "v1.sims.events", page, page_size)
    }

    /// The response as the answer of a v1 top-up (`Location` header).
    pub fn v1_top_up_order(&self) -> crate::types::v1::TopUpOrder {
        crate::api::sims::top_up_order(&self.0)
    }

    /// The response as the answer of `POST /v1/orders` (`Location` and body).
    pub fn order_created(&self) -> crate::types::OrderCreated {
        crate::api::orders::created(&self.0)
    }

    /// What the transport reads from an error response.
    pub fn error_details(&self) -> ApiErrorDetails {
        crate::transport::error_details(&self.0)
    }

    /// The `Retry-After` header as the transport reads it.
    pub fn retry_after(&self) -> Option<Duration> {
        crate::transport::retry_after(&self.0.headers, &Clock::new())
    }

    /// The response as the answer of `POST /oauth/token`.
    pub fn token(&self) -> Result<StoredToken> {
        crate::client::token_from_response(&self.0, std::time::SystemTime::now())
    }
}
