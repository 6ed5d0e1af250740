//! The accounts and cards overview: balances (grouped, in words) and card
//! states, refreshed on demand; a failed refresh keeps the last lists and
//! says why.

use serde::{Deserialize, Serialize};

use crate::client::{Account, Card};
use crate::flows::display::{account_label, card_label};
use crate::flows::{Context, Problem};
use crate::ids::Sheba;
use crate::money::Rials;

/// One account, as the overview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// The bank's id of the account.
    pub account_id: String,
    /// Title in Persian (`حساب جاری`).
    pub title_fa: String,
    /// How every screen names it (title and the SHEBA's last four digits).
    pub label_fa: String,
    /// The account's SHEBA (`Debug` masks it).
    pub sheba: Sheba,
    /// The SHEBA masked for display.
    pub sheba_masked: String,
    /// `active`, `blocked` or `closed`.
    pub state: String,
    /// Ledger balance (negative only for overdraft products).
    pub balance_rials: i64,
    /// What may be spent now.
    pub available: Rials,
    /// The available balance grouped in Persian digits.
    pub available_grouped_fa: String,
    /// The available balance in Persian words.
    pub available_words_fa: String,
}

/// One card, as the overview shows it (never the full PAN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// The bank's id of the card.
    pub card_id: String,
    /// How every screen names it (bank and masked PAN).
    pub label_fa: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name_fa: String,
    /// Issuer's Persian name.
    pub bank_name_fa: String,
    /// The account behind the card.
    pub account_id: String,
    /// `active`, `blocked` or `expired`.
    pub state: String,
}

/// What the overview screen renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewState {
    /// The customer's accounts.
    pub accounts: Vec<AccountView>,
    /// The customer's cards of this bank.
    pub cards: Vec<CardView>,
    /// When the lists were last fetched, bank clock, Unix seconds.
    pub refreshed_at: i64,
    /// Why the last refresh failed (the lists are then the previous ones).
    pub error: Option<Problem>,
}

impl AccountView {
    fn of(account: &Account) -> Result<Self, Problem> {
        let sheba: Sheba = account
            .sheba
            .parse()
            .map_err(|_| crate::flows::journey::unreadable_receipt())?;
        let available = Rials::new(account.available_balance_rials);
        Ok(Self {
            account_id: account.account_id.clone(),
            title_fa: account.title_fa.clone(),
            label_fa: account_label(&account.title_fa, &account.sheba),
            sheba_masked: sheba.masked(),
            sheba,
            state: account.state.clone(),
            balance_rials: account.balance_rials,
            available,
            available_grouped_fa: available.grouped_fa(),
            available_words_fa: available.words_fa(),
        })
    }
}

impl From<&Card> for CardView {
    fn from(card: &Card) -> Self {
        Self {
            card_id: card.card_id.clone(),
            label_fa: card_label(&card.bank.name_fa, &card.pan_masked),
            pan_masked: card.pan_masked.clone(),
            holder_name_fa: card.holder_name_fa.clone(),
            bank_name_fa: card.bank.name_fa.clone(),
            account_id: card.account_id.clone(),
            state: card.state.clone(),
        }
    }
}

/// The overview of one logged-in customer.
#[derive(Debug)]
pub struct Overview {
    ctx: Context,
    state: OverviewState,
}

impl Overview {
    /// Fetches the accounts and cards.
    pub async fn load(ctx: Context) -> Result<Self, Problem> {
        let (accounts, cards) = fetch(&ctx).await?;
        let state = OverviewState {
            accounts,
            cards,
            refreshed_at: ctx.bank_now(),
            error: None,
        };
        tracing::debug!(
            accounts = state.accounts.len(),
            cards = state.cards.len(),
            "overview loaded"
        );
        Ok(Self { ctx, state })
    }

    /// The state to render.
    pub fn state(&self) -> &OverviewState {
        &self.state
    }

    /// Fetches again; on failure the previous lists stay, with the problem.
    pub async fn refresh(&mut self) -> &OverviewState {
        match fetch(&self.ctx).await {
            Ok((accounts, cards)) => {
                self.state = OverviewState {
                    accounts,
                    cards,
                    refreshed_at: self.ctx.bank_now(),
                    error: None,
                };
            }
            Err(problem) => {
                tracing::info!(code = %problem.code, "overview refresh failed; showing the last lists");
                self.state.error = Some(problem);
            }
        }
        &self.state
    }

    /// One account by id.
    pub fn account(&self, account_id: &str) -> Option<&AccountView> {
        self.state
            .accounts
            .iter()
            .find(|a| a.account_id == account_id)
    }

    /// One card by id.
    pub fn card(&self, card_id: &str) -> Option<&CardView> {
        self.state.cards.iter().find(|c| c.card_id == card_id)
    }
}

async fn fetch(ctx: &Context) -> Result<(Vec<AccountView>, Vec<CardView>), Problem> {
    let accounts = ctx.api.accounts().await?;
    let cards = ctx.api.cards().await?;
    crate::sms::directory::remember_accounts(&ctx.store, &accounts);
    crate::sms::directory::remember_cards(&ctx.store, &cards);
    let accounts = accounts
        .iter()
        .map(AccountView::of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((accounts, cards.iter().map(CardView::from).collect()))
}
