//! The ledger as the Data Streamer receiver's sink: 200 only once the
//! batch's transaction committed; a database that is down gets 503, so 1NCE
//! sends the batch again.

use std::sync::Arc;

use base64::Engine as _;
use once_streamer::{Delivery, RecordSink, SinkError};

use crate::{Ingest, Ledger};

/// The ledger as a [`RecordSink`] for a once-streamer [`Receiver`](once_streamer::Receiver).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use std::sync::Arc;
/// use once_ledger::{Ledger, LedgerSink};
/// use once_streamer::{BasicCredentials, Receiver, ReceiverConfig};
///
/// let ledger = Arc::new(Ledger::open("sqlite:fleet.db").await?);
/// let receiver = Receiver::new(
///     ReceiverConfig::new(BasicCredentials::new("1nce", "secret")),
///     LedgerSink::new(ledger),
/// );
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// receiver.serve(listener, std::future::pending()).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct LedgerSink(Arc<Ledger>);

impl LedgerSink {
    /// A sink storing into `ledger`.
    pub fn new(ledger: Arc<Ledger>) -> Self {
        Self(ledger)
    }

    /// The ledger.
    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.0
    }
}

impl RecordSink for LedgerSink {
    fn health(&self) -> impl std::future::Future<Output = Result<(), SinkError>> + Send {
        let ledger = Arc::clone(&self.0);
        async move {
            ledger
                .ping()
                .await
                .map_err(|e| SinkError::new(e.to_string()))
        }
    }

    async fn store(&self, delivery: Arc<Delivery>) -> Result<(), SinkError> {
        let unreadable = delivery.unreadable.as_ref().map(|u| {
            let body = match std::str::from_utf8(&u.body) {
                Ok(text) => text.to_string(),
                Err(_) => format!(
                    "base64:{}",
                    base64::engine::general_purpose::STANDARD.encode(&u.body)
                ),
            };
            (u.key().to_string(), u.reason.clone(), body)
        });
        let mut batch = Ingest::new(&delivery.records, &delivery.raw).rejected(&delivery.rejected);
        if let Some((key, reason, body)) = &unreadable {
            batch = batch.unreadable(key, reason, body);
        }
        self.0
            .ingest(&batch)
            .await
            .map(|_| ())
            .map_err(|e| SinkError::new(e.to_string()))
    }
}
