//! End-to-end suites that span the workspace's crates (the SDK against the
//! sandbox, the official OpenAPI documents, Redis, the fuzz smoke, the
//! README's Rust snippets). Nothing here is published; the suites are the
//! files next to this one, and this library is empty.
//!
//! The README's Rust snippets are written out by `build.rs` as they stand in
//! the README, then compiled and run against the sandbox by `readme.rs`.
