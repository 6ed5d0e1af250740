//! Logs without secrets: [`redact`] masks card numbers (16 to 19 digits, also
//! grouped or in Persian digits), SHEBAs (`IR` + 24 digits), bearer tokens,
//! long opaque tokens and the values of secret fields (password, OTP, PIN,
//! CVV2, token, seed, ...), and [`Redacting`] applies it to every line a
//! `tracing-subscriber` formatter writes, whatever crate logged it.
//!
//! The core's own log lines carry no customer input in the first place
//! (codes, counts and kinds only, and `Debug` of its types masks); the
//! redacting writer is the last guard for everything else (HTTP and TLS
//! libraries at TRACE, a stray `{:?}`).
//!
//! ```
//! use hamrah_core::logging::Redacting;
//! let subscriber = tracing_subscriber::fmt()
//!     .with_writer(Redacting::new(std::io::stderr))
//!     .finish();
//! tracing::subscriber::with_default(subscriber, || {
//!     tracing::info!(pan = "6037991002003014", "masked as 603799******3014");
//! });
//! ```

mod fields;
mod redact;
mod writer;

pub use redact::redact;
pub use writer::{Redacting, RedactingWriter};
