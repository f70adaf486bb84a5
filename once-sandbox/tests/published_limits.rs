//! 1NCE's published rate limits, checked from both sides: the sandbox's own
//! constants (written from 1NCE's rate-limit page, not taken from once-sdk)
//! are what the SDK paces at by default, and the sandbox answers 429 to the
//! first request past each of them.
//!
//! The sandbox runs on a paused tokio clock while the requests come from
//! another thread: the sandbox's time stands still during a burst (it has
//! no timers of its own, and `spawn_blocking` keeps the clock from
//! advancing), so "N requests within one window" holds however slow the
//! machine is, and the window is passed with `tokio::time::advance`.

use std::time::Duration;

use once_sandbox::limits::{self, PublishedLimit, PUBLISHED_LIMITS};
use once_sandbox::Sandbox;
use once_sdk::ratelimit::{EndpointGroup, RateLimit, RateLimits};

#[test]
fn the_sdk_paces_at_1nce_published_limits_by_default() {
    let defaults = RateLimits::default();
    for group in EndpointGroup::ALL {
        let published: Vec<&PublishedLimit> = PUBLISHED_LIMITS
            .iter()
            .chain(&limits::OS_PUBLISHED_LIMITS)
            .filter(|l| l.group == group)
            .collect();
        if let EndpointGroup::Os(_) | EndpointGroup::Other = group {
            // 1NCE publishes no limit for the other 1NCE OS operations, nor
            // for paths the SDK does not know.
            assert!(published.is_empty(), "{group:?}");
            continue;
        }
        assert_eq!(published.len(), 1, "{group:?} has one published limit");
        let l = published[0];
        assert_eq!(
            defaults.get(group),
            Some(RateLimit::new(l.requests, l.window)),
            "{group:?}"
        );
        if group == EndpointGroup::OsGeofences {
            // One operation, by method too.
            assert_eq!(EndpointGroup::of_request("GET", l.prefixes[0]), Some(group));
            assert_ne!(
                EndpointGroup::of_request("POST", l.prefixes[0]),
                Some(group)
            );
            continue;
        }
        for prefix in l.prefixes {
            assert_eq!(
                EndpointGroup::of_path(&format!("{prefix}/x")),
                Some(group),
                "the SDK counts {prefix} where 1NCE does"
            );
        }
    }
    // The figures of 1NCE's page, spelled out once more here on purpose.
    assert_eq!(
        (limits::SIMS.requests, limits::SIMS.window),
        (10, Duration::from_secs(1))
    );
    assert_eq!(
        (limits::OAUTH.requests, limits::OAUTH.window),
        (600, Duration::from_secs(60))
    );
    for l in [limits::ORDERS, limits::PRODUCTS, limits::SUPPORT] {
        assert_eq!(
            (l.requests, l.window),
            (100, Duration::from_secs(300)),
            "{l:?}"
        );
    }
}

/// `n` requests `method path` from another thread (real time, its own
/// runtime), the statuses in order.
async fn burst(sb: &Sandbox, token: &str, method: &'static str, path: &str, n: usize) -> Vec<u16> {
    let url = format!("{}{path}", sb.base_url());
    let creds = sb.credentials();
    let (id, secret) = (
        creds.client_id().to_string(),
        creds.expose_secret().to_string(),
    );
    let token = token.to_string();
    tokio::task::spawn_blocking(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let http = reqwest::Client::builder().no_proxy().build().unwrap();
            let mut statuses = Vec::with_capacity(n);
            for _ in 0..n {
                let req = if method == "TOKEN" {
                    http.post(&url)
                        .basic_auth(&id, Some(&secret))
                        .header("content-type", "application/json")
                        .body(r#"{"grant_type":"client_credentials"}"#)
                } else {
                    http.get(&url).bearer_auth(&token)
                };
                let resp = req.send().await.expect("request sent");
                statuses.push(resp.status().as_u16());
            }
            statuses
        })
    })
    .await
    .unwrap()
}

async fn token(sb: &Sandbox) -> String {
    let url = format!("{}/oauth/token", sb.base_url());
    let creds = sb.credentials();
    let (id, secret) = (
        creds.client_id().to_string(),
        creds.expose_secret().to_string(),
    );
    tokio::task::spawn_blocking(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let http = reqwest::Client::builder().no_proxy().build().unwrap();
            let bytes = http
                .post(&url)
                .basic_auth(&id, Some(&secret))
                .header("content-type", "application/json")
                .body(r#"{"grant_type":"client_credentials"}"#)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            body["access_token"].as_str().unwrap().to_string()
        })
    })
    .await
    .unwrap()
}

/// Exactly `allowed` requests pass within one window, the next is a 429,
/// and one window later requests pass again.
async fn pinned(
    sb: &Sandbox,
    token: &str,
    method: &'static str,
    path: &str,
    allowed: usize,
    window: Duration,
) {
    let statuses = burst(sb, token, method, path, allowed + 1).await;
    assert!(
        statuses[..allowed].iter().all(|s| *s == 200),
        "{path}: the first {allowed} pass: {statuses:?}"
    );
    assert_eq!(
        statuses[allowed],
        429,
        "{path}: request {} is refused",
        allowed + 1
    );
    // Just short of the window the oldest request still counts.
    tokio::time::advance(window - Duration::from_millis(1)).await;
    assert_eq!(burst(sb, token, method, path, 1).await, [429], "{path}");
    tokio::time::advance(Duration::from_millis(1)).await;
    assert_eq!(
        burst(sb, token, method, path, 1).await,
        [200],
        "{path}: a window later"
    );
}

#[tokio::test(start_paused = true)]
async fn the_sandbox_answers_429_past_each_published_limit() {
    let sb = Sandbox::builder().sims(3).start().await.unwrap();
    let sims = token(&sb).await;
    let iccid = sb.iccids()[0].to_string();
    pinned(&sb, &sims, "GET", "/v2/sims", 10, Duration::from_secs(1)).await;
    // v1 and v2 share the one /sims limit.
    tokio::time::advance(Duration::from_secs(1)).await;
    let mixed = [
        burst(&sb, &sims, "GET", &format!("/v1/sims/{iccid}"), 5).await,
        burst(
            &sb,
            &sims,
            "GET",
            &format!("/v2/sims/{iccid}/quota/data"),
            6,
        )
        .await,
    ]
    .concat();
    assert_eq!(mixed.iter().filter(|s| **s == 429).count(), 1, "{mixed:?}");
    assert_eq!(mixed[10], 429);
    // Token requests: 600 per minute (this test's first one counts too).
    let statuses = burst(&sb, "", "TOKEN", "/oauth/token", 600).await;
    assert!(statuses[..599].iter().all(|s| *s == 200), "599 more pass");
    assert_eq!(statuses[599], 429, "the 601st token request in a minute");
    tokio::time::advance(Duration::from_secs(60)).await;
    assert_eq!(burst(&sb, "", "TOKEN", "/oauth/token", 1).await, [200]);
    for path in ["/v1/orders", "/v1/products", "/v1/support"] {
        pinned(&sb, &sims, "GET", path, 100, Duration::from_secs(300)).await;
    }
    assert_eq!(sb.stats().rate_limited, 2 + 1 + 1 + 3 * 2);
}
