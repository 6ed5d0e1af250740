//! The tokio runtime the library owns: every async export runs its work as a
//! task here, so the work finishes even when the caller stops waiting (a
//! cancelled Kotlin coroutine drops only the wait, never a transfer).

use std::future::Future;
use std::sync::OnceLock;

use crate::error::HamrahError;

/// Worker threads: phones have few cores and the work is mostly waiting on the bank.
const WORKERS: usize = 2;

static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();

/// The library's runtime, started on first use.
pub(crate) fn runtime() -> Result<&'static tokio::runtime::Runtime, HamrahError> {
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

/// Runs `work` as a task of the library's runtime and waits for it. Dropping
/// the returned future (a cancelled caller) leaves the task running.
pub(crate) async fn run<T, F>(work: F) -> Result<T, HamrahError>
where
    T: Send + 'static,
    F: Future<Output = Result<T, HamrahError>> + Send + 'static,
{
    match runtime()?.spawn(work).await {
        Ok(result) => result,
        Err(error) if error.is_panic() => {
            tracing::error!("a task of the library panicked");
            Err(HamrahError::internal("internal.panic"))
        }
        Err(_) => Err(HamrahError::internal("internal.cancelled")),
    }
}
