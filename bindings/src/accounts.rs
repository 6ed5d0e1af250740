//! [`AccountsClient`]: the customer's own money outside any payment, over
//! the core's account flows (`hamrah_core::flows::accounts`): the overview
//! (a failed refresh keeps the last lists), statement pages (cached sealed on
//! the phone, shown from the cache when the bank cannot be reached, searched
//! offline), the payment history of every kind ([`PaymentHistoryPages`]), a card's limits, card blocks ([`CardBlockFlow`]) and second-PIN
//! changes ([`SecondPinFlow`]).

use std::sync::Arc;

use hamrah_core::ErrorKind;
use hamrah_core::flows::accounts::{CardBlock, Overview, SecondPinChange, Statement, card_limits};
use hamrah_core::flows::history::PaymentHistory;
use tokio::sync::Mutex;

use crate::accounts_types::{CardLimitsInfo, OverviewInfo, StatementEntry, StatementPage};
use crate::card_block::{self, CardBlockFlow};
use crate::error::HamrahError;
use crate::history::PaymentHistoryPages;
use crate::install::Install;
use crate::runtime::run;
use crate::second_pin::{self, SecondPinFlow};

/// The customer's accounts, cards, statements, limits and card blocks.
#[derive(uniffi::Object)]
pub struct AccountsClient {
    install: Arc<Install>,
    overview: Arc<Mutex<Option<Overview>>>,
}

impl AccountsClient {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self {
            install,
            overview: Arc::new(Mutex::new(None)),
        })
    }
}

#[uniffi::export]
impl AccountsClient {
    /// The accounts and cards: fetched the first time, refreshed each call
    /// after that; a failed refresh returns the last lists with its `error`
    /// (an ended session forgets them and fails).
    pub async fn overview(&self) -> Result<OverviewInfo, HamrahError> {
        let (install, held) = (Arc::clone(&self.install), Arc::clone(&self.overview));
        run(async move {
            let mut held = held.lock().await;
            if let Some(overview) = held.as_mut() {
                let state = overview.refresh().await;
                match &state.error {
                    Some(problem) if problem.kind == ErrorKind::SessionEnded => {
                        let problem = problem.clone();
                        *held = None;
                        return Err(problem.into());
                    }
                    _ => return Ok(state.into()),
                }
            }
            let overview = Overview::load(install.ctx.clone()).await?;
            let info = overview.state().into();
            *held = Some(overview);
            Ok(info)
        })
        .await
    }

    /// The statement of `account_id`, `page_size` entries a page (1 to 100).
    pub fn statement(&self, account_id: String, page_size: u32) -> Arc<StatementPages> {
        Arc::new(StatementPages {
            statement: Arc::new(Mutex::new(Statement::new(
                self.install.ctx.clone(),
                &account_id,
                page_size,
            ))),
        })
    }

    /// The payment history of every kind, `page_size` payments a page (1 to 100).
    pub fn payment_history(&self, page_size: u32) -> Arc<PaymentHistoryPages> {
        PaymentHistoryPages::new(PaymentHistory::new(self.install.ctx.clone(), page_size))
    }

    /// A card's card-to-card limits with today's and this month's usage.
    pub async fn card_limits(&self, card_id: String) -> Result<CardLimitsInfo, HamrahError> {
        let install = Arc::clone(&self.install);
        run(async move { Ok((&card_limits(&install.ctx, &card_id).await?).into()) }).await
    }

    /// A new card block over HTTPS, at the list of the customer's active cards.
    pub async fn start_card_block(&self) -> Result<Arc<CardBlockFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(card_block::wrap(CardBlock::start(ctx).await?)) }).await
    }

    /// Reopens the card block saved last (at start, after the app was killed), if any.
    pub async fn restore_card_block(&self) -> Result<Option<Arc<CardBlockFlow>>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(CardBlock::restore_latest(ctx)?.map(card_block::wrap)) }).await
    }

    /// A new change of a card's second PIN, at the list of the customer's
    /// active cards (the device must be enrolled: the bank wants its signature).
    pub async fn start_second_pin_change(&self) -> Result<Arc<SecondPinFlow>, HamrahError> {
        let ctx = self.install.ctx.clone();
        run(async move { Ok(second_pin::wrap(SecondPinChange::start(ctx).await?)) }).await
    }

    /// Reopens the second-PIN change saved last, if any.
    pub fn restore_second_pin_change(&self) -> Result<Option<Arc<SecondPinFlow>>, HamrahError> {
        Ok(SecondPinChange::restore_latest(self.install.ctx.clone())?.map(second_pin::wrap))
    }
}

/// Paging through one account's statement, newest first.
#[derive(uniffi::Object)]
pub struct StatementPages {
    statement: Arc<Mutex<Statement>>,
}

#[uniffi::export]
impl StatementPages {
    /// A page: the newest (again from the top) when `from_top`, else the
    /// next older one (empty past the end); from the bank, or from the
    /// phone's cache when the bank cannot be reached (`from_cache`).
    pub async fn page(&self, from_top: bool) -> Result<StatementPage, HamrahError> {
        let statement = Arc::clone(&self.statement);
        run(async move {
            let mut statement = statement.lock().await;
            let page = if from_top {
                statement.first_page().await?
            } else {
                statement.next_page().await?
            };
            Ok(page.into())
        })
        .await
    }

    /// The entries on this phone matching what the customer typed: an amount
    /// (Persian digits allowed) or a counterparty's name; works offline.
    pub async fn search(&self, query: String) -> Result<Vec<StatementEntry>, HamrahError> {
        let statement = Arc::clone(&self.statement);
        run(async move {
            let found = statement.lock().await.search_typed(&query)?;
            Ok(found.iter().map(Into::into).collect())
        })
        .await
    }
}
