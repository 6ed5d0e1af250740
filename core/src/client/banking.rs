//! Accounts, statements, cards, limits and blocking.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Api, Auth, BankRef};
use crate::channel::{ChannelError, Method};

#[derive(Deserialize)]
struct Items<T> {
    items: Vec<T>,
}

/// The contract's `Account` (the parts the core uses); `Debug` masks the SHEBA.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Opaque id.
    pub account_id: String,
    /// SHEBA.
    pub sheba: String,
    /// Title in Persian.
    pub title_fa: String,
    /// `active`, `blocked` or `closed`.
    pub state: String,
    /// Ledger balance.
    pub balance_rials: i64,
    /// Available balance.
    pub available_balance_rials: u64,
    /// The account's number as the bank prints it.
    #[serde(default)]
    pub number: String,
    /// `current`, `savings`, `short_term_deposit` or `long_term_deposit`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The annual rate of a deposit, in percent.
    #[serde(default)]
    pub interest_rate_percent: Option<serde_json::Number>,
}

/// One page of a statement or of the payment history.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StatementPage {
    /// The entries, newest first, as the bank sent them.
    pub items: Vec<Value>,
    /// The next page's cursor; absent on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The contract's `Card` (the parts the core uses); `Debug` masks the PAN.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Opaque id.
    pub card_id: String,
    /// Full PAN (own cards only).
    pub pan: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name_fa: String,
    /// Issuer.
    pub bank: BankRef,
    /// The account behind it.
    pub account_id: String,
    /// `active`, `blocked` or `expired`.
    pub state: String,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("account_id", &self.account_id)
            .field("sheba", &crate::logging::redact(&self.sheba))
            .field("title_fa", &self.title_fa)
            .field("state", &self.state)
            .field("balance_rials", &self.balance_rials)
            .field("available_balance_rials", &self.available_balance_rials)
            .finish()
    }
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Card")
            .field("card_id", &self.card_id)
            .field("pan", &self.pan_masked)
            .field("holder_name_fa", &self.holder_name_fa)
            .field("bank", &self.bank)
            .field("account_id", &self.account_id)
            .field("state", &self.state)
            .finish()
    }
}

/// The contract's `CardLimits`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLimits {
    /// Smallest transfer.
    pub per_transfer_min_rials: u64,
    /// Largest transfer.
    pub per_transfer_max_rials: u64,
    /// Daily limit.
    pub daily_limit_rials: u64,
    /// Used today.
    pub daily_used_rials: u64,
    /// Left today.
    pub daily_remaining_rials: u64,
    /// Monthly limit.
    pub monthly_limit_rials: u64,
    /// Used this month.
    pub monthly_used_rials: u64,
    /// Left this month.
    pub monthly_remaining_rials: u64,
    /// Next Tehran midnight (RFC 3339).
    #[serde(default)]
    pub day_resets_at: Option<String>,
    /// Start of the next Jalali month (RFC 3339).
    #[serde(default)]
    pub month_resets_at: Option<String>,
}

impl Api {
    /// `account_list`.
    pub async fn accounts(&self) -> Result<Vec<Account>, ChannelError> {
        let list: Items<Account> = self
            .call(Method::GET, "/v1/accounts", None, Auth::Bearer)
            .await?;
        Ok(list.items)
    }

    /// `account_statement_list`: one page.
    pub async fn statement(
        &self,
        account_id: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<StatementPage, ChannelError> {
        let mut path = format!("/v1/accounts/{account_id}/statement?limit={limit}");
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(cursor);
        }
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }

    /// `transfer_list`: the customer's payments of every kind, newest first.
    pub async fn transfers(
        &self,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<StatementPage, ChannelError> {
        let mut path = format!("/v1/transfers?limit={limit}");
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(cursor);
        }
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }

    /// `card_list`.
    pub async fn cards(&self) -> Result<Vec<Card>, ChannelError> {
        let list: Items<Card> = self
            .call(Method::GET, "/v1/cards", None, Auth::Bearer)
            .await?;
        Ok(list.items)
    }

    /// `card_limits_get`.
    pub async fn card_limits(&self, card_id: &str) -> Result<CardLimits, ChannelError> {
        let path = format!("/v1/cards/{card_id}/limits");
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }
}
