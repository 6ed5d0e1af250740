//! The payment history: every payment the customer made, of every kind
//! (card, SHEBA and account transfers, bills, top-ups, loan payments) on
//! any channel, newest first, each in its current status. Pages come from
//! the bank while online (each receipt kept sealed on the phone) and from
//! the phone when the bank cannot be reached (newest first there too; two
//! payments of the same second by their ids); a search runs on the phone.

mod record;

pub use record::{PaymentKind, PaymentOutcome, PaymentRecord};

use crate::flows::{Context, Problem};
use crate::store::{KEPT_RECEIPTS, ReceiptRow, Store, StoreError};

/// One page as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryPageView {
    /// The payments, newest first.
    pub payments: Vec<PaymentRecord>,
    /// Whether an older page follows.
    pub has_more: bool,
    /// True when the page came from the phone (the bank was not reachable).
    pub from_cache: bool,
    /// Why the bank was not asked, for a page from the phone.
    pub error: Option<Problem>,
    /// The note for a page from the phone, with the bank's reason.
    pub note_fa: Option<String>,
    /// What to say when there is nothing to list: no payment yet on the
    /// first page, nothing found for a search.
    pub empty_fa: Option<String>,
}

/// The note's start for a page from the phone (the bank's reason follows).
pub const FROM_PHONE_FA: &str = "نمایش از حافظه گوشی؛";
/// The first page's line when the customer has paid nothing yet.
pub const NO_PAYMENTS_FA: &str = "هنوز تراکنشی نیست.";
/// A search's line when nothing matches.
pub const NOTHING_FOUND_FA: &str = "تراکنشی با این مشخصات پیدا نشد.";

/// Paging through the payment history.
#[derive(Debug)]
pub struct PaymentHistory {
    ctx: Context,
    page_size: u32,
    /// The bank's cursor of the next page (`None` before the first page).
    bank_cursor: Option<String>,
    /// The phone's cursor: the last payment shown.
    cache_cursor: Option<(i64, String)>,
    /// Whether the bank said the last page was reached.
    at_end: bool,
}

impl PaymentHistory {
    /// The history, `page_size` payments a page (1 to 100).
    pub fn new(ctx: Context, page_size: u32) -> Self {
        Self {
            ctx,
            page_size: page_size.clamp(1, 100),
            bank_cursor: None,
            cache_cursor: None,
            at_end: false,
        }
    }

    /// The newest page (again from the top).
    pub async fn first_page(&mut self) -> Result<HistoryPageView, Problem> {
        self.bank_cursor = None;
        self.cache_cursor = None;
        self.at_end = false;
        let mut page = self.page().await?;
        if page.payments.is_empty() {
            page.empty_fa = Some(NO_PAYMENTS_FA.to_owned());
        }
        Ok(page)
    }

    /// The next older page (an empty page past the end).
    pub async fn next_page(&mut self) -> Result<HistoryPageView, Problem> {
        if self.at_end {
            return Ok(view(Vec::new(), false, false, None));
        }
        self.page().await
    }

    async fn page(&mut self) -> Result<HistoryPageView, Problem> {
        let reply = self
            .ctx
            .api
            .transfers(self.bank_cursor.as_deref(), self.page_size)
            .await;
        let page = match reply {
            Ok(page) => page,
            Err(error) if error.retryable() => {
                let problem = Problem::from(error);
                tracing::info!(code = %problem.code, "payment history from the phone");
                return self.cached_page(problem);
            }
            Err(error) => return Err(Problem::from(error)),
        };
        let mut payments = Vec::with_capacity(page.items.len());
        let mut rows = Vec::with_capacity(page.items.len());
        for receipt in &page.items {
            // A kind this app does not know yet is left out, not an error.
            let Some(record) = PaymentRecord::from_json(receipt) else {
                tracing::debug!("a receipt this app cannot read is left out");
                continue;
            };
            let body = serde_json::to_vec(receipt).map_err(|_| Problem::of(&StoreError::Format))?;
            rows.push(ReceiptRow {
                receipt_id: record.id.clone(),
                at: record.at,
                body,
            });
            payments.push(record);
        }
        if let Err(error) = self.ctx.store.save_receipts(&rows) {
            tracing::error!(code = %crate::Coded::code(&error), "payment history not kept");
        }
        self.at_end = page.next_cursor.is_none();
        self.bank_cursor = page.next_cursor;
        self.cache_cursor = payments.last().map(|p| (p.at, p.id.clone()));
        tracing::debug!(payments = payments.len(), "payment history page");
        Ok(view(payments, !self.at_end, false, None))
    }

    fn cached_page(&mut self, problem: Problem) -> Result<HistoryPageView, Problem> {
        let after = self.cache_cursor.as_ref().map(|(t, id)| (*t, id.as_str()));
        let mut payments = kept(&self.ctx.store, after, self.page_size + 1)?;
        let has_more = payments.len() > self.page_size as usize;
        payments.truncate(self.page_size as usize);
        if let Some(last) = payments.last() {
            self.cache_cursor = Some((last.at, last.id.clone()));
        }
        Ok(view(payments, has_more, true, Some(problem)))
    }

    /// The kept payments matching what the customer typed, newest first,
    /// with no request: an amount in any digits, or a part of a payee's
    /// name, a masked card, a bill's type, a reference or trace number.
    pub fn search(&self, query: &str) -> Result<HistoryPageView, Problem> {
        let mut found = view(search_kept(&self.ctx.store, query)?, false, false, None);
        if found.payments.is_empty() {
            found.empty_fa = Some(NOTHING_FOUND_FA.to_owned());
        }
        Ok(found)
    }
}

/// The payments kept in `store` matching `query`, newest first (see
/// [`PaymentHistory::search`]).
pub fn search_kept(store: &Store, query: &str) -> Result<Vec<PaymentRecord>, Problem> {
    let mut found = kept(store, None, KEPT_RECEIPTS)?;
    found.retain(|payment| payment.matches(query));
    Ok(found)
}

/// Payments kept on the phone, newest first, after a cursor.
fn kept(
    store: &Store,
    after: Option<(i64, &str)>,
    limit: u32,
) -> Result<Vec<PaymentRecord>, Problem> {
    store
        .receipt_page(after, limit)?
        .iter()
        .map(|body| {
            serde_json::from_slice(body)
                .ok()
                .and_then(|receipt| PaymentRecord::from_json(&receipt))
                .ok_or_else(|| Problem::of(&StoreError::Format))
        })
        .collect()
}

fn view(
    payments: Vec<PaymentRecord>,
    has_more: bool,
    from_cache: bool,
    error: Option<Problem>,
) -> HistoryPageView {
    let note_fa = from_cache.then(|| match &error {
        Some(problem) => format!("{FROM_PHONE_FA} {}", problem.message_fa),
        None => FROM_PHONE_FA.to_owned(),
    });
    HistoryPageView {
        payments,
        has_more,
        from_cache,
        error,
        note_fa,
        empty_fa: None,
    }
}
