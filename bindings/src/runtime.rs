//! The tokio runtime the library owns: every async export runs its work as a
//! task here, so the work finishes even when the caller stops waiting (a
//! cancelled Kotlin coroutine drops only the wait, never a transfer).

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use tokio::task::JoinHandle;

use crate::error::HamrahError;

/// Worker threads: phones have few cores and the work is mostly waiting on the bank.
const WORKERS: usize = 2;

static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();

/// The library's runtime, started on first use.
fn runtime() -> Result<&'static tokio::runtime::Runtime, HamrahError> {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(WORKERS)
                .thread_name("hamrah")
                .enable_all()
                .build()
                .map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(|_| HamrahError::internal("runtime.start"))
}

/// A task's work with its type erased: tokio's task machinery (a few
/// kilobytes of code per future type) is then compiled once for the whole
/// library instead of once for each of its sixty-odd async functions.
pub(crate) type ErasedTask = Pin<Box<dyn Future<Output = Box<dyn Any + Send>> + Send>>;

/// Spawns erased work on the library's runtime.
pub(crate) fn spawn_erased(
    work: ErasedTask,
) -> Result<JoinHandle<Box<dyn Any + Send>>, HamrahError> {
    Ok(runtime()?.spawn(work))
}

/// Runs `work` as a task of the library's runtime and waits for it. Dropping
/// the returned future (a cancelled caller) leaves the task running.
pub(crate) async fn run<T, F>(work: F) -> Result<T, HamrahError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, HamrahError>> + Send + 'static,
{
    let erased: ErasedTask = Box::pin(async move { Box::new(work.await) as Box<dyn Any + Send> });
    match spawn_erased(erased)?.await {
        Ok(output) => match output.downcast::<Result<T, HamrahError>>() {
            Ok(result) => *result,
            // Cannot happen: the task returns exactly what `work` returns.
            Err(_) => Err(HamrahError::internal("internal.task_output")),
        },
        Err(error) if error.is_panic() => {
            tracing::error!("a task of the library panicked");
            Err(HamrahError::internal("internal.panic"))
        }
        Err(_) => Err(HamrahError::internal("internal.cancelled")),
    }
}
