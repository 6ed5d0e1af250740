//! The bill payment's states and what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::Account;
use crate::flows::Problem;
use crate::flows::other_cards::PayingCard;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::{Bill, Sheba};
use crate::money::Rials;
use crate::operation::OperationKey;

/// A bill as parsed locally and confirmed by the biller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillInfo {
    /// The bill ID and payment ID (their check digits hold).
    pub bill: Bill,
    /// `water`, `electricity`, ... (from the bill ID).
    pub bill_type: String,
    /// The type in Persian.
    pub bill_type_fa: String,
    /// The type in English.
    pub bill_type_en: String,
    /// The amount due.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// The biller's code.
    pub biller_code: String,
    /// The biller in Persian.
    pub biller_name_fa: String,
    /// The biller in English, when the bank says.
    pub biller_name_en: Option<String>,
    /// The billing period, as the biller names it.
    pub period_fa: Option<String>,
    /// When it was paid (Jalali date, Tehran time), if it was.
    pub paid_at_jalali: Option<String>,
}

/// The bank's `Bill`, as far as the flow reads it.
#[derive(Deserialize)]
pub(super) struct BankBill {
    pub amount_rials: u64,
    pub paid: bool,
    #[serde(default)]
    pub paid_at_jalali: Option<String>,
    #[serde(default)]
    pub period_fa: Option<String>,
    pub biller: BankBiller,
}

#[derive(Deserialize)]
pub(super) struct BankBiller {
    pub biller_code: String,
    pub name_fa: String,
    #[serde(default)]
    pub name_en: Option<String>,
}

impl BillInfo {
    /// The local parse and the biller's answer together.
    pub(super) fn new(bill: Bill, bank: BankBill) -> Self {
        let kind = bill.bill_type();
        let amount = Rials::new(bank.amount_rials);
        Self {
            bill_type: kind.id().to_owned(),
            bill_type_fa: kind.name_fa().to_owned(),
            bill_type_en: kind.name_en().to_owned(),
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            biller_code: bank.biller.biller_code,
            biller_name_fa: bank.biller.name_fa,
            biller_name_en: bank.biller.name_en,
            period_fa: bank.period_fa,
            paid_at_jalali: bank.paid.then(|| bank.paid_at_jalali.unwrap_or_default()),
            bill,
        }
    }
}

/// Where the money comes from. Saved externally tagged (`{"card": {..}}`), as part of the
/// journey's saved state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillSource {
    /// One of the customer's accounts: no PIN needed (the session authenticates).
    Account {
        /// The bank's id of the account.
        account_id: String,
        /// Title in Persian.
        title_fa: String,
        /// Masked SHEBA.
        sheba_masked: String,
        /// Available balance.
        available_balance_rials: u64,
    },
    /// One of the customer's cards, or another bank's card added on this
    /// phone: SMS dynamic PIN (from its issuer), CVV2 and expiry.
    Card {
        /// The bank's id of the card (this phone's id of another bank's card).
        card_id: String,
        /// Masked PAN.
        pan_masked: String,
        /// Issuer's Persian name.
        bank_name_fa: String,
        /// Another bank's card: its number and label.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<crate::flows::other_cards::source::OtherCardRef>,
    },
}

impl BillSource {
    /// The source's id (`account_id` or `card_id`).
    pub fn id(&self) -> &str {
        match self {
            Self::Account { account_id, .. } => account_id,
            Self::Card { card_id, .. } => card_id,
        }
    }

    pub(crate) fn of_account(account: &Account) -> Self {
        Self::Account {
            account_id: account.account_id.clone(),
            title_fa: account.title_fa.clone(),
            sheba_masked: account
                .sheba
                .parse::<Sheba>()
                .map_or_else(|_| String::new(), |s| s.masked()),
            available_balance_rials: account.available_balance_rials,
        }
    }

    pub(crate) fn of_card(card: PayingCard) -> Self {
        Self::Card {
            card_id: card.card_id,
            pan_masked: card.pan_masked,
            bank_name_fa: card.bank_name_fa,
            other: card.other,
        }
    }

    /// The paying card of a card source.
    pub fn paying_card(&self) -> Option<PayingCard> {
        match self {
            Self::Card {
                card_id,
                pan_masked,
                bank_name_fa,
                other,
            } => Some(PayingCard {
                card_id: card_id.clone(),
                pan_masked: pan_masked.clone(),
                bank_name_fa: bank_name_fa.clone(),
                other: other.clone(),
            }),
            Self::Account { .. } => None,
        }
    }
}

/// The payment the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillOrder {
    /// Its idempotency key (names the payment for PIN requests and the submit).
    pub idempotency_key: OperationKey,
    /// The bill.
    pub bill: BillInfo,
    /// The source.
    pub source: BillSource,
    /// The bank's fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
}

/// The receipt shown at the end (the bank's `BillPaymentReceipt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillReceipt {
    /// The payment's id.
    pub bill_payment_id: String,
    /// `succeeded`.
    pub status: String,
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// Amount.
    pub amount_rials: u64,
    /// Fee.
    pub fee_rials: u64,
    /// Debited from the source.
    pub total_debited_rials: u64,
    /// `card` or `account`.
    pub source_kind: String,
    /// The card, masked (card payments).
    #[serde(default)]
    pub source_pan_masked: Option<String>,
    /// When, Jalali date and Tehran time.
    pub paid_at_jalali: String,
}

impl BillReceipt {
    /// From the bank's JSON.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The bill payment, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillPaymentState {
    /// Type (or scan) the bill ID and payment ID.
    EnterBill {
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// The bill is already paid: nothing to do.
    AlreadyPaid {
        /// The bill, with when it was paid.
        bill: BillInfo,
    },
    /// The bill (biller, type, amount in digits and words): pick what pays it.
    ChooseSource {
        /// The bill.
        bill: BillInfo,
        /// The customer's active accounts and cards.
        sources: Vec<BillSource>,
        /// The last choice's problem.
        error: Option<Problem>,
    },
    /// Paying from an account: confirm with the dynamic PIN the bank sends
    /// to the customer's mobile (or a soft-token code), bound to this bill.
    ConfirmAccount {
        /// The payment.
        order: BillOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Paying by card: dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The payment.
        order: BillOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        order: BillOrder,
        /// The SMS PIN requests, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Paid.
    Succeeded {
        /// The payment.
        order: BillOrder,
        /// The bank's receipt.
        receipt: BillReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The payment, when one was confirmed.
        order: Option<BillOrder>,
    },
}
