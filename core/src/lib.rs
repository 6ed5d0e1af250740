//! Hamrah's core: everything an Iranian bank customer's phone decides.
//!
//! Every domain value here is built only through a parser that returns a typed
//! [`Coded`] error; past the parser, a value is valid ("parse, don't validate").

pub mod banks;
pub mod calendar;
pub mod channel;
pub mod client;
pub mod digits;
pub mod error;
pub mod flows;
pub mod ids;
pub mod logging;
pub mod money;
pub mod operation;
pub mod platform;
pub mod session;
pub mod sms;
pub mod store;
pub mod token;

pub use error::{Coded, ErrorKind, Problem};
