//! End-to-end suites that span the workspace's crates (the SDK against the
//! sandbox, the official OpenAPI documents, Redis, the fuzz smoke). Nothing
//! here is published; the suites are the files next to this one.
//!
//! This library holds one thing: the README's Rust snippets, compiled and run
//! as doctests so that the README stays true.

/// The README's Rust snippets.
#[cfg(all(doctest, feature = "redis"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
