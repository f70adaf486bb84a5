//! A per-call override of the client's `operation_timeout`, for bindings
//! whose calls take a `timeout=` argument (the Python wheel).

use std::future::IntoFuture;
use std::time::Duration;

tokio::task_local! {
    static OPERATION_TIMEOUT: Duration;
}

/// Runs `call` (a call of this SDK, or several) with `budget` as the whole
/// call's time limit, retries included, in place of the client's
/// `operation_timeout`. The call ends the same way as with the client's
/// setting: [`Error::Timeout`](crate::Error::Timeout), or
/// [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown) for a call that
/// costs money and may already have reached 1NCE.
///
/// ```
/// # async fn run(client: once_sdk::Client, iccid: once_sdk::Iccid) -> once_sdk::Result<()> {
/// use std::time::Duration;
/// let sim = once_sdk::with_operation_timeout(Duration::from_secs(2), client.sims().get(&iccid)).await?;
/// # Ok(()) }
/// ```
pub async fn with_operation_timeout<F: IntoFuture>(budget: Duration, call: F) -> F::Output {
    OPERATION_TIMEOUT.scope(budget, call.into_future()).await
}

/// The override in effect for the running call, if any.
pub(crate) fn current() -> Option<Duration> {
    OPERATION_TIMEOUT.try_with(|d| *d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_override_holds_inside_the_scope_only() {
        assert_eq!(current(), None);
        let inside = with_operation_timeout(Duration::from_millis(1500), async { current() }).await;
        assert_eq!(inside, Some(Duration::from_millis(1500)));
        assert_eq!(current(), None);
    }
}
