//! What every journey wrapper shares: the core's flow behind an async lock
//! (one step at a time), its latest state, and its observers. A step's new
//! state reaches every observer before the step returns, so a `StateFlow` in
//! Kotlin already holds it when the suspend call resumes. The [`step!`] macro
//! runs one step as a task of the library's runtime, so a step whose caller
//! stops waiting (a submit) still completes and is still reported; [`act!`]
//! does the same for a journey whose one export takes every input, its end
//! included.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as SyncMutex, Weak};

use hamrah_core::flows::Problem;
use tokio::sync::{Mutex, MutexGuard};

use crate::error::HamrahError;
use crate::observe::ObservationHandle;

type Observer<S> = Arc<dyn Fn(S) + Send + Sync>;

/// A core flow (`None` once finished), its published state and its observers.
pub(crate) struct Journey<F, S> {
    flow: Mutex<Option<F>>,
    state: SyncMutex<S>,
    observers: SyncMutex<Vec<(u64, Observer<S>)>>,
    next_id: AtomicU64,
}

impl<F: Send + 'static, S: Clone + Send + Sync + 'static> Journey<F, S> {
    /// Wraps a started flow.
    pub(crate) fn new(flow: F, initial: S) -> Arc<Self> {
        Arc::new(Self {
            flow: Mutex::new(Some(flow)),
            state: SyncMutex::new(initial),
            observers: SyncMutex::new(Vec::new()),
            next_id: AtomicU64::new(0),
        })
    }

    /// Exclusive access to the flow for one step.
    pub(crate) async fn lock(&self) -> MutexGuard<'_, Option<F>> {
        self.flow.lock().await
    }

    /// The latest state.
    pub(crate) fn current(&self) -> Result<S, HamrahError> {
        self.state
            .lock()
            .map(|s| s.clone())
            .map_err(|_| HamrahError::internal("internal.poisoned"))
    }

    /// Publishes a step's new state to every observer, then returns it.
    pub(crate) fn publish(&self, result: Result<S, Problem>) -> Result<S, HamrahError> {
        let state = result?;
        if let Ok(mut current) = self.state.lock() {
            *current = state.clone();
        }
        let observers: Vec<Observer<S>> = self
            .observers
            .lock()
            .map(|list| list.iter().map(|(_, o)| Arc::clone(o)).collect())
            .unwrap_or_default();
        for observer in observers {
            observer(state.clone());
        }
        Ok(state)
    }

    /// Calls `on_state` with the current state now, then with every new one.
    pub(crate) fn observe(
        self: &Arc<Self>,
        on_state: impl Fn(S) + Send + Sync + 'static,
    ) -> Result<Arc<ObservationHandle>, HamrahError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let observer: Observer<S> = Arc::new(on_state);
        observer(self.current()?);
        self.observers
            .lock()
            .map_err(|_| HamrahError::internal("internal.poisoned"))?
            .push((id, observer));
        let journey: Weak<Self> = Arc::downgrade(self);
        Ok(ObservationHandle::registered(move || {
            if let Some(journey) = journey.upgrade()
                && let Ok(mut list) = journey.observers.lock()
            {
                list.retain(|(other, _)| *other != id);
            }
        }))
    }

    /// Ends the journey with `close` (the core forgets the saved state).
    pub(crate) async fn finish(
        &self,
        close: impl FnOnce(F) -> Result<(), Problem>,
    ) -> Result<(), HamrahError> {
        match self.lock().await.take() {
            Some(flow) => Ok(close(flow)?),
            None => Ok(()),
        }
    }
}

impl<F, S> Journey<F, S> {
    /// Reads the flow once the running step (if any) is done; `None` once finished.
    pub(crate) async fn read<T>(&self, read: impl FnOnce(&F) -> T) -> Option<T> {
        self.flow.lock().await.as_ref().map(read)
    }

    /// Reads the flow without waiting: `None` while a step runs or once finished.
    pub(crate) fn peek<T>(&self, read: impl FnOnce(&F) -> T) -> Option<T> {
        self.flow.try_lock().ok()?.as_ref().map(read)
    }
}

/// The error of a step on a finished journey.
pub(crate) fn finished() -> HamrahError {
    HamrahError::Internal {
        code: "flow.finished".to_owned(),
        message_fa: "این عملیات به پایان رسیده است.".to_owned(),
        message_en: "This journey has ended.".to_owned(),
    }
}

/// Runs one step of `$self.journey`'s flow on the library's runtime:
/// `step!(self, flow => flow.enter_amount(&text))` (append `.await` for
/// async steps); the new state is published and returned.
macro_rules! step {
    ($self:ident, $flow:ident => $body:expr) => {{
        let journey = ::std::sync::Arc::clone(&$self.journey);
        $crate::runtime::run(async move {
            let mut guard = journey.lock().await;
            let $flow = guard.as_mut().ok_or_else($crate::journey::finished)?;
            let result = $body.map(|state| state.into());
            journey.publish(result)
        })
        .await
    }};
}

/// Runs one input of a journey whose one export takes every input, the end
/// included (`TopupFlow::act`):
/// `act!(self, flow => apply(flow, input).await, view, Topup::close)`, where
/// `apply` returns whether the journey goes on. Then `view(flow)` is
/// published and returned; else the journey ends with `close` (the saved
/// state is forgotten) and its last state is returned.
macro_rules! act {
    ($self:ident, $flow:ident => $apply:expr, $view:expr, $close:expr) => {{
        let journey = ::std::sync::Arc::clone(&$self.journey);
        $crate::runtime::run(async move {
            let mut guard = journey.lock().await;
            let $flow = guard.as_mut().ok_or_else($crate::journey::finished)?;
            if $apply? {
                let state = $view($flow);
                journey.publish(Ok(state))
            } else {
                guard.take().map_or(Ok(()), $close)?;
                journey.current()
            }
        })
        .await
    }};
}

pub(crate) use {act, step};
