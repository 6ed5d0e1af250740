//! Observation handles: an observer (a foreign trait) is fed by a task of the
//! library's runtime, and the handle handed back stops that task when it is
//! cancelled, closed or dropped (garbage-collected, `AutoCloseable.close()`).

use std::any::Any;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::error::HamrahError;
use crate::runtime::spawn_erased;

/// How an observation stops.
enum Stop {
    /// A task of the runtime feeds the observer.
    Task(JoinHandle<Box<dyn Any + Send>>),
    /// The observer is registered with a publisher; this unregisters it.
    Unregister(Box<dyn FnOnce() + Send>),
}

/// A running observation; it stops when cancelled or dropped.
#[derive(uniffi::Object)]
pub struct ObservationHandle {
    stop: Mutex<Option<Stop>>,
}

impl ObservationHandle {
    /// Feeds an observer with `work` on the library's runtime.
    pub(crate) fn spawn<F>(work: F) -> Result<Arc<Self>, HamrahError>
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let task = spawn_erased(Box::pin(async move {
            work.await;
            Box::new(()) as Box<dyn Any + Send>
        }))?;
        Ok(Self::new(Stop::Task(task)))
    }

    /// An observation that `unregister` ends.
    pub(crate) fn registered(unregister: impl FnOnce() + Send + 'static) -> Arc<Self> {
        Self::new(Stop::Unregister(Box::new(unregister)))
    }

    fn new(stop: Stop) -> Arc<Self> {
        Arc::new(Self {
            stop: Mutex::new(Some(stop)),
        })
    }
}

#[uniffi::export]
impl ObservationHandle {
    /// Stops the observation; the observer is called no more.
    pub fn cancel(&self) {
        let stop = self.stop.lock().ok().and_then(|mut stop| stop.take());
        match stop {
            Some(Stop::Task(task)) => task.abort(),
            Some(Stop::Unregister(unregister)) => unregister(),
            None => {}
        }
    }

    /// Whether the observation is still running.
    pub fn is_active(&self) -> bool {
        self.stop.lock().is_ok_and(|stop| match &*stop {
            Some(Stop::Task(task)) => !task.is_finished(),
            Some(Stop::Unregister(_)) => true,
            None => false,
        })
    }
}

impl Drop for ObservationHandle {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Receives a countdown (the SMS dynamic PIN's validity, a code's lifetime).
#[uniffi::export(foreign)]
pub trait CountdownObserver: Send + Sync {
    /// Seconds left, once a second while above zero.
    fn on_tick(&self, seconds_left: u64);
    /// The countdown reached zero.
    fn on_finished(&self);
}

/// Ticks `observer` once a second with what `seconds_left` says (the core's
/// countdown) until it says zero; `None` (the flow is busy with a step) skips a tick.
pub(crate) fn countdown<F>(
    observer: Arc<dyn CountdownObserver>,
    seconds_left: F,
) -> Result<Arc<ObservationHandle>, HamrahError>
where
    F: Fn() -> Option<u64> + Send + 'static,
{
    ObservationHandle::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            match seconds_left() {
                Some(0) => {
                    observer.on_finished();
                    return;
                }
                Some(left) => observer.on_tick(left),
                None => {}
            }
        }
    })
}
