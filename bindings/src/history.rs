//! [`PaymentHistoryPages`]: every payment the customer made, of every kind,
//! newest first, over the core's `PaymentHistory` (pages kept sealed on the
//! phone, shown from it when the bank cannot be reached, searched offline);
//! each payment with its status, its colour's meaning and its receipt.

use std::sync::Arc;

use hamrah_core::flows::history::{
    HistoryPageView, PaymentHistory, PaymentKind as CoreKind, PaymentOutcome as CoreOutcome,
    PaymentRecord,
};
use tokio::sync::Mutex;

use crate::amounts::{AmountText, amount_text};
use crate::display::ReceiptInfo;
use crate::error::HamrahError;
use crate::runtime::run;
use crate::types::{ProblemInfo, problem};

/// What kind of payment it was (for its icon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PaymentKind {
    /// Card to card.
    CardTransfer,
    /// To a SHEBA (PAYA, SATNA or within the bank).
    ShebaTransfer,
    /// To an account of this bank.
    AccountTransfer,
    /// A bill.
    BillPayment,
    /// A top-up or an internet package.
    Topup,
    /// A loan payment.
    LoanPayment,
}

/// Where a payment stands (for its badge's colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PaymentOutcome {
    /// Done.
    Done,
    /// Accepted, not settled yet.
    Pending,
    /// Reversed or returned: the money came back.
    Returned,
}

/// One payment of the history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentInfo {
    /// The bank's id.
    pub id: String,
    /// Its kind.
    pub kind: PaymentKind,
    /// Its kind in Persian («انتقال شبا (پایا)»).
    pub kind_fa: String,
    /// Who was paid.
    pub payee_fa: String,
    /// How the payee is known (masked card or SHEBA, bill type, mobile, ...).
    pub detail_fa: String,
    /// The amount paid.
    pub amount: AmountText,
    /// Where it stands.
    pub outcome: PaymentOutcome,
    /// Where it stands, in Persian.
    pub status_fa: String,
    /// When, Jalali date and Tehran time in Persian digits.
    pub at_fa: String,
    /// Its receipt, to show and share.
    pub receipt: ReceiptInfo,
}

impl From<&PaymentRecord> for PaymentInfo {
    fn from(p: &PaymentRecord) -> Self {
        Self {
            id: p.id.clone(),
            kind: match p.kind {
                CoreKind::CardTransfer => PaymentKind::CardTransfer,
                CoreKind::ShebaTransfer => PaymentKind::ShebaTransfer,
                CoreKind::AccountTransfer => PaymentKind::AccountTransfer,
                CoreKind::BillPayment => PaymentKind::BillPayment,
                CoreKind::Topup => PaymentKind::Topup,
                CoreKind::LoanPayment => PaymentKind::LoanPayment,
            },
            kind_fa: p.kind_fa.clone(),
            payee_fa: p.payee_fa.clone(),
            detail_fa: p.detail_fa.clone(),
            amount: amount_text(p.amount.get()),
            outcome: match p.outcome {
                CoreOutcome::Done => PaymentOutcome::Done,
                CoreOutcome::Pending => PaymentOutcome::Pending,
                CoreOutcome::Returned => PaymentOutcome::Returned,
            },
            status_fa: p.status_fa.clone(),
            at_fa: p.at_fa.clone(),
            receipt: (&p.receipt()).into(),
        }
    }
}

/// One page of the payment history, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentPage {
    /// The payments.
    pub payments: Vec<PaymentInfo>,
    /// Whether an older page follows.
    pub has_more: bool,
    /// The page came from the phone (the bank was not reachable).
    pub from_cache: bool,
    /// Why the bank was not asked, for a page from the phone.
    pub error: Option<ProblemInfo>,
    /// The note for a page from the phone, with the bank's reason.
    pub note_fa: Option<String>,
    /// What to say when there is nothing to list (no payment yet, nothing found).
    pub empty_fa: Option<String>,
}

impl From<HistoryPageView> for PaymentPage {
    fn from(page: HistoryPageView) -> Self {
        Self {
            payments: page.payments.iter().map(Into::into).collect(),
            has_more: page.has_more,
            from_cache: page.from_cache,
            error: problem(&page.error),
            note_fa: page.note_fa,
            empty_fa: page.empty_fa,
        }
    }
}

/// Paging through the payment history.
#[derive(uniffi::Object)]
pub struct PaymentHistoryPages {
    history: Arc<Mutex<PaymentHistory>>,
}

impl PaymentHistoryPages {
    pub(crate) fn new(history: PaymentHistory) -> Arc<Self> {
        Arc::new(Self {
            history: Arc::new(Mutex::new(history)),
        })
    }
}

#[uniffi::export]
impl PaymentHistoryPages {
    /// A page: the newest (again from the top) when `from_top`, else the
    /// next older one (empty past the end); from the bank, or from the
    /// phone when the bank cannot be reached (`from_cache`).
    pub async fn page(&self, from_top: bool) -> Result<PaymentPage, HamrahError> {
        let history = Arc::clone(&self.history);
        run(async move {
            let mut history = history.lock().await;
            let page = if from_top {
                history.first_page().await?
            } else {
                history.next_page().await?
            };
            Ok(page.into())
        })
        .await
    }

    /// The payments on this phone matching what the customer typed (an
    /// amount, a part of a name, a bill's type, a reference); no request.
    pub async fn search(&self, query: String) -> Result<PaymentPage, HamrahError> {
        let history = Arc::clone(&self.history);
        run(async move { Ok(history.lock().await.search(&query)?.into()) }).await
    }
}
