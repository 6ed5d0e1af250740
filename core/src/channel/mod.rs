//! How the phone reaches the bank: HTTPS with pinned keys, and the policy
//! that decides when SMS ([`crate::sms`]) is used instead.

mod address;
pub mod connectivity;
mod error;
mod https;
mod pinning;

pub use connectivity::{
    Channel, ChannelDecision, Connectivity, FallbackPolicy, SmsPlan, SwitchConnectivity,
};
pub use error::{BankError, ChannelError, SetupError};
pub use https::{BankClient, Reply, Timeouts};
pub use pinning::{PinError, SpkiPin};
pub use reqwest::Method;
