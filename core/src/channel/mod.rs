//! How the phone reaches the bank: HTTPS with pinned keys (and, later, SMS).

mod address;
mod error;
mod https;
mod pinning;

pub use error::{BankError, ChannelError, SetupError};
pub use https::{BankClient, Reply, Timeouts};
pub use pinning::{PinError, SpkiPin};
pub use reqwest::Method;
