//! Wall-clock time that follows tokio's clock, so that tests with paused time
//! see tokens expire and `Retry-After` dates pass.

use std::time::SystemTime;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    wall: SystemTime,
    mono: tokio::time::Instant,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Self {
            wall: SystemTime::now(),
            mono: tokio::time::Instant::now(),
        }
    }

    pub(crate) fn now(&self) -> SystemTime {
        self.wall + self.mono.elapsed()
    }
}
