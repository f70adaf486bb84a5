//! 1NCE's published rate limits, as the sandbox enforces them.
//!
//! Written here from 1NCE's rate-limit page (developer hub, "Rate Limits"),
//! not taken from once-sdk: the sandbox is the independent side that the
//! SDK's own defaults ([`once_sdk::RateLimits::default`]) are tested
//! against, so a wrong figure in the SDK shows up as a 429 here.
//!
//! 1NCE also publishes one 1NCE OS limit, [`OS_GEOFENCES`] (`GET
//! /locate/geofences`, 30 per minute); it publishes none for the other
//! 1NCE OS operations (the sandbox's own pace for those is in its 1NCE OS
//! module).

use std::time::Duration;

use once_sdk::ratelimit::{EndpointGroup, RateLimit, RateLimits};

/// One of 1NCE's published limits: at most `requests` in any `window`, for
/// the paths that start with one of `prefixes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishedLimit {
    /// The SDK's name for the group (the limit itself is not taken from it).
    pub group: EndpointGroup,
    /// The API paths the limit counts, e.g. `/v2/sims` (and everything under them).
    pub prefixes: &'static [&'static str],
    /// Requests allowed in any window.
    pub requests: u32,
    /// The window.
    pub window: Duration,
}

/// `POST /oauth/token`: 600 requests per minute per IP.
pub const OAUTH: PublishedLimit = PublishedLimit {
    group: EndpointGroup::OAuth,
    prefixes: &["/oauth"],
    requests: 600,
    window: Duration::from_secs(60),
};

/// `/v1/sims...` and `/v2/sims...`: 10 requests per second per customer.
pub const SIMS: PublishedLimit = PublishedLimit {
    group: EndpointGroup::Sims,
    prefixes: &["/v1/sims", "/v2/sims"],
    requests: 10,
    window: Duration::from_secs(1),
};

/// `/v1/orders...`: 100 requests per 5 minutes per IP.
pub const ORDERS: PublishedLimit = PublishedLimit {
    group: EndpointGroup::Orders,
    prefixes: &["/v1/orders"],
    requests: 100,
    window: Duration::from_secs(300),
};

/// `/v1/products`: 100 requests per 5 minutes per IP.
pub const PRODUCTS: PublishedLimit = PublishedLimit {
    group: EndpointGroup::Products,
    prefixes: &["/v1/products"],
    requests: 100,
    window: Duration::from_secs(300),
};

/// `/v1/support...`: 100 requests per 5 minutes per IP.
pub const SUPPORT: PublishedLimit = PublishedLimit {
    group: EndpointGroup::Support,
    prefixes: &["/v1/support"],
    requests: 100,
    window: Duration::from_secs(300),
};

/// Every limit 1NCE publishes for the Management API.
pub const PUBLISHED_LIMITS: [PublishedLimit; 5] = [OAUTH, SIMS, ORDERS, PRODUCTS, SUPPORT];

/// `GET /v1/locate/geofences` (1NCE OS): 30 requests per minute per
/// customer. It counts that one operation (the method too), not the paths
/// under it.
pub const OS_GEOFENCES: PublishedLimit = PublishedLimit {
    group: EndpointGroup::OsGeofences,
    prefixes: &["/v1/locate/geofences"],
    requests: 30,
    window: Duration::from_secs(60),
};

/// Every limit 1NCE publishes for 1NCE OS.
pub const OS_PUBLISHED_LIMITS: [PublishedLimit; 1] = [OS_GEOFENCES];

impl PublishedLimit {
    /// Whether the limit counts a request to `path` (relative to the base
    /// URL, `/management-api` already taken off).
    pub fn counts(&self, path: &str) -> bool {
        self.prefixes.iter().any(|p| {
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// The limit multiplied by `factor` (at least one request per window).
    pub fn scaled(self, factor: f64) -> Self {
        let requests = (f64::from(self.requests) * factor).round();
        Self {
            // Saturating: a huge factor means "practically unlimited".
            requests: (requests as u32).max(1),
            ..self
        }
    }
}

/// The limits a sandbox enforces: 1NCE's published ones times a factor.
pub(crate) fn scaled(factor: f64) -> [PublishedLimit; 5] {
    PUBLISHED_LIMITS.map(|l| l.scaled(factor))
}

/// The same limits in the SDK's terms, for a client that should never see
/// a 429 from this sandbox.
pub(crate) fn for_client(limits: &[PublishedLimit; 5]) -> RateLimits {
    limits.iter().fold(RateLimits::unlimited(), |acc, l| {
        acc.with(l.group, Some(RateLimit::new(l.requests, l.window)))
    })
}
