//! Work that falls due with time: PAYA cycles, SATNA effective dates and
//! returns. Runs whenever the sandbox clock moves and before a transfer is read.

use rusqlite::Transaction;

use crate::error::ApiResult;

/// Settles every transfer due at `now`; returns how many changed state.
pub fn run_due(_tx: &Transaction<'_>, _now: i64) -> ApiResult<usize> {
    Ok(0)
}
