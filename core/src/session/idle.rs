//! The bank's inactivity timeout mirrored on the phone: a pure rule
//! ([`idle_phase`]) and the task that applies it to the session's state.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use super::SessionState;
use crate::client::{Activity, Api};

/// Where an idle session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    /// More than the warning time left.
    Active {
        /// Time until the warning.
        until_warning: Duration,
    },
    /// The warning time has begun.
    Expiring {
        /// Whole seconds left (rounded up).
        seconds_left: u64,
    },
    /// The bank has ended the session.
    Expired,
}

/// Seconds before the idle deadline at which the customer is warned.
pub fn warning_seconds(idle_timeout_seconds: u64) -> u64 {
    (idle_timeout_seconds / 5).clamp(10, 60)
}

/// The phase after `elapsed` without activity, for a `timeout` and a `warning` window.
pub fn idle_phase(elapsed: Duration, timeout: Duration, warning: Duration) -> IdlePhase {
    if elapsed >= timeout {
        return IdlePhase::Expired;
    }
    let left = timeout - elapsed;
    if left > warning {
        IdlePhase::Active {
            until_warning: left - warning,
        }
    } else {
        IdlePhase::Expiring {
            seconds_left: left.as_millis().div_ceil(1000) as u64,
        }
    }
}

/// Runs until the state's senders are gone: follows the API's activity and
/// moves `Active` to `Expiring` (ticking each second) to `Expired`.
pub(super) async fn monitor(
    api: Api,
    state: Arc<watch::Sender<SessionState>>,
    timeout_seconds: Arc<AtomicU64>,
) {
    let mut activity = api.activity();
    loop {
        let current = activity.borrow_and_update().clone();
        let wait = match current {
            Activity::None => None,
            Activity::Ended(code) => {
                if state.borrow().is_signed_in() {
                    api.set_token(None);
                    state.send_replace(SessionState::Expired { code });
                }
                None
            }
            Activity::Used(at) => {
                let timeout = timeout_seconds.load(Ordering::Relaxed);
                let phase = idle_phase(
                    at.elapsed(),
                    Duration::from_secs(timeout),
                    Duration::from_secs(warning_seconds(timeout)),
                );
                apply(&api, &state, phase)
            }
        };
        let changed = match wait {
            Some(delay) => {
                tokio::select! {
                    changed = activity.changed() => changed,
                    () = tokio::time::sleep_until(Instant::now() + delay) => Ok(()),
                }
            }
            None => activity.changed().await,
        };
        if changed.is_err() {
            return;
        }
    }
}

/// Applies a phase to a signed-in state; returns when to look again.
fn apply(api: &Api, state: &watch::Sender<SessionState>, phase: IdlePhase) -> Option<Duration> {
    if !state.borrow().is_signed_in() {
        return None;
    }
    match phase {
        IdlePhase::Active { until_warning } => {
            state.send_if_modified(|s| {
                if let SessionState::Expiring { customer, .. } = s {
                    *s = SessionState::Active {
                        customer: customer.clone(),
                    };
                    true
                } else {
                    false
                }
            });
            Some(until_warning)
        }
        IdlePhase::Expiring { seconds_left } => {
            state.send_if_modified(|s| match s {
                SessionState::Active { customer } | SessionState::Expiring { customer, .. } => {
                    *s = SessionState::Expiring {
                        customer: customer.clone(),
                        seconds_left,
                    };
                    true
                }
                _ => false,
            });
            Some(Duration::from_secs(1))
        }
        IdlePhase::Expired => {
            api.set_token(None);
            state.send_replace(SessionState::Expired {
                code: "session.idle_timeout".to_owned(),
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn phases_follow_the_clock() {
        let timeout = Duration::from_secs(300);
        assert_eq!(
            idle_phase(Duration::ZERO, timeout, MIN),
            IdlePhase::Active {
                until_warning: Duration::from_secs(240)
            }
        );
        assert_eq!(
            idle_phase(Duration::from_secs(240), timeout, MIN),
            IdlePhase::Expiring { seconds_left: 60 }
        );
        assert_eq!(
            idle_phase(Duration::from_millis(299_100), timeout, MIN),
            IdlePhase::Expiring { seconds_left: 1 }
        );
        assert_eq!(idle_phase(timeout, timeout, MIN), IdlePhase::Expired);
    }

    #[test]
    fn the_warning_is_a_fifth_within_bounds() {
        assert_eq!(warning_seconds(300), 60);
        assert_eq!(warning_seconds(600), 60);
        assert_eq!(warning_seconds(60), 12);
        assert_eq!(warning_seconds(20), 10);
    }
}
