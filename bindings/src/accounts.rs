//! [`AccountsClient`]: the home screen's accounts and cards, and the history
//! (statement pages), as the bank sends them.

use std::sync::Arc;

use hamrah_core::client::{Account, Card};
use hamrah_core::sms::directory;
use serde::Deserialize;

use crate::error::HamrahError;
use crate::install::Install;
use crate::runtime::run;
use crate::types::BankInfo;

/// One of the customer's accounts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// The bank's id.
    pub account_id: String,
    /// Title in Persian.
    pub title_fa: String,
    /// The account's SHEBA (shown on request).
    pub sheba: String,
    /// `active`, `blocked` or `closed`.
    pub state: String,
    /// Ledger balance.
    pub balance_rials: i64,
    /// Available balance.
    pub available_balance_rials: u64,
}

impl From<Account> for AccountInfo {
    fn from(a: Account) -> Self {
        Self {
            account_id: a.account_id,
            title_fa: a.title_fa,
            sheba: a.sheba,
            state: a.state,
            balance_rials: a.balance_rials,
            available_balance_rials: a.available_balance_rials,
        }
    }
}

/// One of the customer's cards (masked).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardInfo {
    /// The bank's id.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name_fa: String,
    /// Issuer.
    pub bank: BankInfo,
    /// The account behind it.
    pub account_id: String,
    /// `active`, `blocked` or `expired`.
    pub state: String,
}

impl From<Card> for CardInfo {
    fn from(c: Card) -> Self {
        Self {
            card_id: c.card_id,
            pan_masked: c.pan_masked,
            holder_name_fa: c.holder_name_fa,
            bank: (&c.bank).into(),
            account_id: c.account_id,
            state: c.state,
        }
    }
}

/// One line of a statement (the contract's `StatementEntry`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct StatementEntry {
    /// The bank's id of the posting.
    pub entry_id: String,
    /// When, Jalali date and Tehran time.
    pub posted_at_jalali: String,
    /// `debit` or `credit`.
    pub direction: String,
    /// Amount.
    pub amount_rials: u64,
    /// Balance after it.
    pub balance_after_rials: i64,
    /// `card_transfer`, `sheba_transfer`, `bill_payment`, `fee`, ...
    pub kind: String,
    /// Description in Persian.
    pub description_fa: String,
    /// Trace number, when there is one.
    #[serde(default)]
    pub trace_number: Option<String>,
    /// The other party's name, when known.
    #[serde(default)]
    pub counterparty_name: Option<String>,
}

/// One page of a statement, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatementPage {
    /// The entries.
    pub items: Vec<StatementEntry>,
    /// The next page's cursor; null on the last page.
    pub next_cursor: Option<String>,
}

/// The customer's accounts, cards and history.
#[derive(uniffi::Object)]
pub struct AccountsClient {
    install: Arc<Install>,
}

impl AccountsClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

#[uniffi::export]
impl AccountsClient {
    /// The customer's accounts.
    pub async fn accounts(&self) -> Result<Vec<AccountInfo>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let accounts = install
                .ctx
                .api
                .accounts()
                .await
                .map_err(|e| HamrahError::of(&e))?;
            directory::remember_accounts(&install.ctx.store, &accounts);
            Ok(accounts.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// The customer's cards.
    pub async fn cards(&self) -> Result<Vec<CardInfo>, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let cards = install
                .ctx
                .api
                .cards()
                .await
                .map_err(|e| HamrahError::of(&e))?;
            directory::remember_cards(&install.ctx.store, &cards);
            Ok(cards.into_iter().map(Into::into).collect())
        })
        .await
    }

    /// One page of an account's statement (`cursor` null for the newest).
    pub async fn statement(
        &self,
        account_id: String,
        cursor: Option<String>,
        limit: u32,
    ) -> Result<StatementPage, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move {
            let page = install
                .ctx
                .api
                .statement(&account_id, cursor.as_deref(), limit)
                .await
                .map_err(|e| HamrahError::of(&e))?;
            let items = page
                .items
                .into_iter()
                .map(serde_json::from_value)
                .collect::<Result<Vec<StatementEntry>, _>>()
                .map_err(|_| HamrahError::of(&hamrah_core::channel::ChannelError::Protocol))?;
            Ok(StatementPage {
                items,
                next_cursor: page.next_cursor,
            })
        })
        .await
    }
}
