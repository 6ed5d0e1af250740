//! `account_holder_inquiry`: the holder of an account of this bank, by its number.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Api, Auth, BankRef};
use crate::channel::{ChannelError, Method};
use crate::ids::AccountNumber;

/// The contract's `AccountHolder`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountHolder {
    /// The account number, as the bank has it.
    pub account_number: AccountNumber,
    /// Holder's name.
    pub holder_name: String,
    /// The bank (this one).
    pub bank: BankRef,
}

impl Api {
    /// `account_holder_inquiry`.
    pub async fn account_holder(
        &self,
        number: &AccountNumber,
    ) -> Result<AccountHolder, ChannelError> {
        let body = json!({"account_number": number.as_str()});
        self.call(
            Method::POST,
            "/v1/holder-inquiries/account",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }
}
