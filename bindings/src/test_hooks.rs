//! Diagnostics the apps' test suites call: the cheapest possible call (to
//! measure the cost of crossing the boundary) and a deliberate panic (to prove
//! a Rust panic reaches Kotlin or Swift as an exception, never a crash).

use crate::HamrahError;

/// Returns `value` plus one: the cheapest call across the boundary.
#[uniffi::export]
pub fn ffi_echo(value: u64) -> u64 {
    value.wrapping_add(1)
}

/// Panics on purpose with `message`: the caller must see an exception
/// (Kotlin `InternalException`, Swift a thrown Rust panic error) and go on.
/// It is declared fallible, as every export that can fail is: Swift can
/// only throw from a throwing function, and turns a panic in any other into
/// a crash.
#[uniffi::export]
#[allow(clippy::panic)] // the whole point of this hook
pub fn ffi_test_panic(message: String) -> Result<(), HamrahError> {
    panic!("deliberate test panic: {message}");
}

/// The library's version, for the app's about screen and bug reports.
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
