//! # Testing code that uses once-sdk
//!
//! Two ways to test your code without 1NCE, side by side:
//!
//! | | build the values | run the sandbox |
//! | --- | --- | --- |
//! | what | the SDK's models and errors, built in your test | a local fake of the 1NCE API (`once-sandbox` crate) |
//! | tests | the code that *reads* SIMs, quotas, pages, errors | the code that *calls* the SDK, end to end |
//! | speed | no I/O at all | one local HTTP server per test (milliseconds) |
//! | state | none | quotas go down with usage, up with top-ups; SMS, orders, events |
//! | faults | build any [`Error`](crate::Error) | injected 429/5xx, delays, dropped connections, malformed bodies |
//!
//! ## Build the values
//!
//! Every response model is `#[non_exhaustive]` (1NCE adds fields; so may
//! we), so it cannot be written as a struct literal outside the SDK. Each
//! one can be built all the same: with `Default` when every field is
//! optional, or with `new(..)` taking the fields that are not
//! ([`Sim::new`](crate::Sim::new) takes the ICCID). Their fields are
//! public: set the ones your code reads.
//!
//! ```
//! use once_sdk::{Page, Quota, Sim, SimStatus};
//!
//! // The code under test: which SIMs need a top-up?
//! fn needs_top_up(sims: &Page<Sim>, quota_of: impl Fn(&Sim) -> Quota) -> Vec<String> {
//!     sims.iter()
//!         .filter(|sim| sim.status == Some(SimStatus::Enabled))
//!         .filter(|sim| quota_of(sim).volume.is_some_and(|mb| mb < 10.0))
//!         .map(|sim| sim.iccid.to_string())
//!         .collect()
//! }
//!
//! // The test: two SIMs, one page, quotas made up on the spot.
//! let mut pump = Sim::new("8988280666000000001".parse()?);
//! pump.status = Some(SimStatus::Enabled);
//! pump.label = Some("pump-17".into());
//! let mut spare = Sim::new("8988280666000000002".parse()?);
//! spare.status = Some(SimStatus::Disabled);
//!
//! let page = Page::new(vec![pump, spare]).with_page(1, 100).with_totals(2, 1);
//! let quota_of = |sim: &Sim| {
//!     let mut quota = Quota::default();
//!     quota.volume = Some(if sim.label.is_some() { 4.2 } else { 500.0 });
//!     quota
//! };
//! assert_eq!(needs_top_up(&page, quota_of), ["8988280666000000001"]);
//! # Ok::<(), once_sdk::Error>(())
//! ```
//!
//! Errors of every kind have constructors, so the error paths of your code
//! can be tested too; the predicates and accessors work on them as on
//! errors from the network:
//!
//! ```
//! use std::time::Duration;
//! use once_sdk::{ApiErrorDetails, Error};
//!
//! let not_found = Error::api(ApiErrorDetails::new(404).with_code("NotFound").with_request_id("r-1"));
//! let throttled = Error::rate_limited(ApiErrorDetails::new(429), Some(Duration::from_secs(1)));
//! let refused = Error::auth(ApiErrorDetails::new(400).with_code("BadCredentials"));
//! let unknown = Error::outcome_unknown("sims.top_up", Error::timeout("attempt timed out after 30s"));
//! let others = [
//!     Error::invalid_input("iccid", "must be 19 or 20 digits"),
//!     Error::timeout("did not finish within 120s"),
//!     Error::transport_failure("connection reset"),
//!     Error::decode("sims.get", 200, "expected a JSON object", "<html>"),
//!     Error::config("ONCE_CLIENT_ID is not set"),
//! ];
//!
//! assert_eq!((not_found.status(), not_found.code(), not_found.request_id()), (Some(404), Some("NotFound"), Some("r-1")));
//! assert!(throttled.is_retryable() && throttled.retry_after() == Some(Duration::from_secs(1)));
//! assert!(!refused.is_retryable());
//! assert!(unknown.is_outcome_unknown() && !unknown.is_retryable());
//! assert_eq!(others.iter().filter(|e| e.is_retryable()).count(), 2); // timeout, transport
//! ```
//!
//! Response metadata ([`ResponseMeta`](crate::ResponseMeta)) and raw
//! answers ([`ApiResponse`](crate::ApiResponse)) have constructors as well;
//! unknown enum values are built by parsing (`"Suspended".parse::<SimStatus>()`,
//! see [`UnknownValue`](crate::UnknownValue)).
//!
//! ## Run the sandbox
//!
//! For the code that calls the SDK, point a real [`Client`](crate::Client)
//! at `once_sandbox::Sandbox` (crate `once-sandbox`, a dev-dependency): a
//! stateful fake of the 1NCE API on 127.0.0.1 with a seeded fleet, the
//! published rate limits and fault injection. The same code runs against
//! 1NCE in production; only the client differs.
//!
//! ```rust,ignore
//! use once_sandbox::{Fault, Sandbox};
//!
//! #[tokio::test]
//! async fn tops_up_the_pump_that_runs_dry() -> Result<(), once_sdk::Error> {
//!     let sandbox = Sandbox::start().await.expect("sandbox starts");
//!     let client = sandbox.client()?;
//!     let iccid = sandbox.iccids()[0].clone();
//!     sandbox.consume_data(&iccid, 495.0).expect("known SIM");
//!
//!     let before = client.sims().data_quota(&iccid).await?.volume.unwrap_or(0.0);
//!     client.sims().top_up(&iccid).await?;
//!     let after = client.sims().data_quota(&iccid).await?.volume.unwrap_or(0.0);
//!     assert!(after > before);
//!
//!     // A lost answer to a top-up: the SDK does not send it twice.
//!     sandbox.inject(Fault::apply_then_status(500).path("/v2/sims/*/topup"));
//!     let err = client.sims().top_up(&iccid).await.unwrap_err();
//!     assert!(err.is_outcome_unknown());
//!     assert_eq!(sandbox.stats().top_ups_applied, 2);
//!     Ok(())
//! }
//! ```
//!
//! This example runs as a test in the workspace (`tests/testing_guide.rs`
//! in the `once-tests` crate), next to one that builds the values above.
