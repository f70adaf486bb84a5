//! # once-streamer
//!
//! A receiver for 1NCE's Data Streamer webhook. 1NCE posts usage records,
//! event records and SMS events as JSON arrays of up to 3,000 records with
//! an HTTP Basic header, and sends a batch again until it gets a 200. This
//! crate turns that into "every record exactly once":
//!
//! - the Basic credentials are checked in constant time (401 otherwise);
//! - bodies are capped ([`ReceiverConfig::max_body_bytes`], 413 beyond),
//!   sized for 3,000 records;
//! - records are decoded with [`once_sdk::streamer::decode_batch`]; a
//!   record that does not decode is reported and does not cost the others;
//! - ids stored within a window ([`ReceiverConfig::dedupe_window`]) are
//!   dropped when 1NCE sends them again;
//! - 200 is answered only after the [`RecordSink`] (your handler, or
//!   [`JsonLinesSink`]) has the records; 503 when it fails, is too slow, or
//!   too many requests are in flight, so 1NCE retries; never a 3xx;
//! - [`Receiver::serve`] drains in-flight batches before it returns
//!   (the binary does so on SIGTERM).
//!
//! The binary `once-streamer` writes JSON lines to a file or stdout:
//! `ONCE_STREAMER_PASSWORD=... once-streamer --listen 0.0.0.0:8080 --username 1nce --out records.jsonl`.
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod auth;
mod dedupe;
mod receiver;
mod segments;
mod sink;

pub use auth::BasicCredentials;
pub use receiver::{Receiver, ReceiverConfig, ReceiverStats, BYTES_PER_RECORD};
pub use sink::{
    delivery_lines, handler_fn, line_key, Delivery, FnSink, JsonLinesOptions, JsonLinesSink,
    RecordSink, SinkError, UnreadableBody,
};

/// The record types and decoder, from once-sdk.
pub use once_sdk::streamer;
