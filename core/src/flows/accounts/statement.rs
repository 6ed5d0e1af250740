//! Statement pages of one account, newest first: from the bank while online
//! (each page cached, sealed, in the store), from the cache when the bank
//! cannot be reached; searches by counterparty or amount run on the cache.

use serde::{Deserialize, Serialize};

use super::statement_entry::StatementEntry;
use crate::flows::{Context, Problem};
use crate::money::{MoneyError, Rials};
use crate::store::StatementSearch;

/// One page as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementPageView {
    /// The account.
    pub account_id: String,
    /// The entries, newest first.
    pub entries: Vec<StatementEntry>,
    /// Whether an older page follows.
    pub has_more: bool,
    /// True when the page came from the phone's cache (the bank was not reachable).
    pub from_cache: bool,
    /// Why the bank was not asked, for a page from the cache.
    pub error: Option<Problem>,
}

/// Paging through one account's statement.
#[derive(Debug)]
pub struct Statement {
    ctx: Context,
    account_id: String,
    page_size: u32,
    /// The bank's cursor of the next page (`None` before the first page).
    bank_cursor: Option<String>,
    /// The cache's cursor: the last entry shown.
    cache_cursor: Option<(i64, String)>,
    /// Whether the bank said the last page was reached.
    at_end: bool,
}

impl Statement {
    /// The statement of `account_id`, `page_size` entries a page (1 to 100).
    pub fn new(ctx: Context, account_id: &str, page_size: u32) -> Self {
        Self {
            ctx,
            account_id: account_id.to_owned(),
            page_size: page_size.clamp(1, 100),
            bank_cursor: None,
            cache_cursor: None,
            at_end: false,
        }
    }

    /// The newest page (again from the top).
    pub async fn first_page(&mut self) -> Result<StatementPageView, Problem> {
        self.bank_cursor = None;
        self.cache_cursor = None;
        self.at_end = false;
        self.page().await
    }

    /// The next older page (an empty page past the end).
    pub async fn next_page(&mut self) -> Result<StatementPageView, Problem> {
        if self.at_end {
            return Ok(self.view(Vec::new(), false, false, None));
        }
        self.page().await
    }

    async fn page(&mut self) -> Result<StatementPageView, Problem> {
        let reply = self
            .ctx
            .api
            .statement(
                &self.account_id,
                self.bank_cursor.as_deref(),
                self.page_size,
            )
            .await;
        let page = match reply {
            Ok(page) => page,
            Err(error) if error.retryable() => {
                let problem = Problem::from(error);
                tracing::info!(code = %problem.code, "statement from the cache");
                return self.cached_page(problem);
            }
            Err(error) => return Err(Problem::from(error)),
        };
        let entries: Vec<StatementEntry> = page
            .items
            .iter()
            .map(StatementEntry::from_json)
            .collect::<Option<_>>()
            .ok_or_else(crate::flows::journey::unreadable_receipt)?;
        let rows: Vec<_> = entries
            .iter()
            .filter_map(|e| e.row(&self.account_id))
            .collect();
        if let Err(error) = self.ctx.store.save_statement(&rows) {
            tracing::error!(code = %crate::Coded::code(&error), "statement not cached");
        }
        self.at_end = page.next_cursor.is_none();
        self.bank_cursor = page.next_cursor;
        self.cache_cursor = entries.last().and_then(StatementEntry::cache_cursor);
        tracing::debug!(entries = entries.len(), "statement page");
        Ok(self.view(entries, !self.at_end, false, None))
    }

    fn cached_page(&mut self, problem: Problem) -> Result<StatementPageView, Problem> {
        let after = self.cache_cursor.as_ref().map(|(t, id)| (*t, id.as_str()));
        let json = self
            .ctx
            .store
            .statement_page(&self.account_id, after, self.page_size + 1)?;
        let mut entries = decode(&json)?;
        let has_more = entries.len() > self.page_size as usize;
        entries.truncate(self.page_size as usize);
        if let Some(last) = entries.last().and_then(StatementEntry::cache_cursor) {
            self.cache_cursor = Some(last);
        }
        Ok(self.view(entries, has_more, true, Some(problem)))
    }

    /// Cached entries of this account matching a search, newest first (offline).
    pub fn search(&self, search: &StatementSearch) -> Result<Vec<StatementEntry>, Problem> {
        decode(&self.ctx.store.search_statement(&self.account_id, search)?)
    }

    /// Cached entries matching what the customer typed, newest first
    /// (offline): an amount (Persian digits and separators allowed) finds the
    /// debits and credits of exactly that amount, anything else the entries
    /// with that counterparty (name or masked card); an empty query finds nothing.
    pub fn search_typed(&self, query: &str) -> Result<Vec<StatementEntry>, Problem> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let Ok(amount) = query.parse::<Rials>() else {
            return self.search(&StatementSearch::Counterparty(query.to_owned()));
        };
        let amount = i64::try_from(amount.get()).map_err(|_| Problem::of(&MoneyError::Overflow))?;
        self.search(&StatementSearch::Amount(amount))
    }

    fn view(
        &self,
        entries: Vec<StatementEntry>,
        has_more: bool,
        from_cache: bool,
        error: Option<Problem>,
    ) -> StatementPageView {
        StatementPageView {
            account_id: self.account_id.clone(),
            entries,
            has_more,
            from_cache,
            error,
        }
    }
}

fn decode(json: &[serde_json::Value]) -> Result<Vec<StatementEntry>, Problem> {
    json.iter()
        .map(StatementEntry::from_json)
        .collect::<Option<_>>()
        .ok_or_else(|| Problem::of(&crate::store::StoreError::Format))
}
