//! A connection's activity: requests in flight, whether it has carried one,
//! and since when it has been idle. hyper has no idle timeout (HTTP/2 none
//! at all), so the connection task closes a connection idle too long.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
struct State {
    in_flight: usize,
    served: bool,
    idle_since: Instant,
}

/// The activity of one connection, shared by its requests.
#[derive(Debug, Clone)]
pub(super) struct Activity(Arc<watch::Sender<State>>);

/// A request in flight; the connection is busy until it is dropped.
#[derive(Debug)]
pub(super) struct Busy(Activity);

impl Activity {
    /// A connection that has carried no request yet, idle from now.
    pub(super) fn new() -> Self {
        Self(Arc::new(watch::Sender::new(State {
            in_flight: 0,
            served: false,
            idle_since: Instant::now(),
        })))
    }

    /// A request starts.
    pub(super) fn begin(&self) -> Busy {
        self.0.send_modify(|state| {
            state.in_flight += 1;
            state.served = true;
        });
        Busy(self.clone())
    }

    /// Resolves once no request has been in flight for `idle`, or, before
    /// the first request, for `first`.
    pub(super) async fn idle_for(&self, first: Duration, idle: Duration) {
        let mut changes = self.0.subscribe();
        loop {
            let state = *changes.borrow_and_update();
            if state.in_flight > 0 {
                if changes.changed().await.is_err() {
                    return;
                }
                continue;
            }
            let limit = if state.served { idle } else { first };
            tokio::select! {
                () = tokio::time::sleep_until(state.idle_since + limit) => return,
                changed = changes.changed() => if changed.is_err() { return },
            }
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.0.send_modify(|state| {
            state.in_flight = state.in_flight.saturating_sub(1);
            if state.in_flight == 0 {
                state.idle_since = Instant::now();
            }
        });
    }
}
