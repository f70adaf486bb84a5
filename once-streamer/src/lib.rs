//! # once-streamer
//!
//! A receiver for 1NCE's Data Streamer webhook. 1NCE posts usage records,
//! event records and SMS events as JSON arrays of up to 3,000 records with
//! an HTTP Basic header, and sends a batch again until it gets a 200. This
//! crate turns that into "every record exactly once":
//!
//! - the Basic credentials are checked in constant time (401 otherwise);
//! - bodies are read with a cap on bytes ([`ReceiverConfig::max_body_bytes`],
//!   15 MiB, counted after `Content-Encoding: gzip` is undone, so a small
//!   compressed body cannot expand without bound) and on records
//!   ([`ReceiverConfig::max_records`]): 413 beyond; another encoding gets 415;
//! - a body must keep coming ([`ReceiverConfig::read_timeout`]) and arrive
//!   whole in time ([`ReceiverConfig::body_timeout`]): 408 otherwise, and
//!   [`Receiver::serve`] disconnects a client whose headers stall; a
//!   request takes one of the storing slots only once its body is in, so
//!   stalled uploads cannot turn real batches away;
//! - records are decoded with [`once_sdk::streamer::decode_batch_with`]
//!   (severities read for [`ReceiverConfig::platform`]);
//! - **nothing acknowledged is lost**: records that decode go to the sink
//!   typed (fields the SDK could not read listed in their `unread`), records
//!   that do not decode go with their text and the reason
//!   ([`Delivery::rejected`]), and a body that arrived whole but is not a
//!   batch (not UTF-8, not JSON, a stray byte, broken gzip) goes whole
//!   ([`Delivery::unreadable`]) and is acknowledged once stored: sending it
//!   again could never fix it, and 1NCE would put the stream into FAILED
//!   after its retries. A body cut short is never acknowledged (400);
//! - ids stored within a window ([`ReceiverConfig::dedupe_window`]) are
//!   dropped when 1NCE sends them again (rejected records and unreadable
//!   bodies by a hash of their text);
//! - 200 is answered only after the [`RecordSink`] (your handler, or
//!   [`JsonLinesSink`]) has the records; 503 when it fails, is too slow, or
//!   too many requests are in flight, so 1NCE retries; never a 3xx;
//! - `GET /healthz` answers 200 `ok` while the sink can store
//!   ([`RecordSink::health`]), 503 otherwise, without credentials;
//! - [`Receiver::serve`] drains in-flight batches before it returns
//!   (the binary does so on SIGTERM).
//!
//! The binary `once-streamer` writes JSON lines into segment files of a
//! directory, with an id index beside each ([`JsonLinesSink`]), or to stdout:
//! `ONCE_STREAMER_PASSWORD=... once-streamer --listen 0.0.0.0:8080 --username 1nce --out records/`.
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod auth;
pub mod cli;
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
