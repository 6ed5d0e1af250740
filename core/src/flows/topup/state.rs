//! The top-up journey's states and what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{InternetPackage, OperatorOffer, TopupCatalog};
use crate::flows::Problem;
use crate::flows::bill_payment::BillSource;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::{MobileNumber, Operator, TopupProduct, TopupTarget};
use crate::money::Rials;
use crate::operation::OperationKey;

/// The line being charged, with the operator proposed from its prefix and
/// the one the customer confirmed (another for a ported number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopupLine {
    /// The number.
    pub mobile: MobileNumber,
    /// Masked for receipts (`0935***4567`).
    pub mobile_masked: String,
    /// The customer's own number.
    pub own: bool,
    /// The operator the number's prefix names.
    pub prefix_operator: Operator,
    /// The operator charged.
    pub operator: Operator,
    /// Its Persian name.
    pub operator_name_fa: String,
}

impl TopupLine {
    /// Whether the customer chose another operator than the prefix's (a ported number).
    pub fn ported(&self) -> bool {
        self.operator != self.prefix_operator
    }
}

/// What the customer chose to buy, before choosing what pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purchase {
    /// The line.
    pub line: TopupLine,
    /// The product.
    pub product: TopupProduct,
    /// The package, for a package.
    pub package: Option<InternetPackage>,
    /// What the receipt calls it (`شارژ مستقیم ایرانسل`).
    pub title_fa: String,
    /// The amount.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
}

impl Purchase {
    /// The payee its second factor and signature bind.
    pub fn target(&self) -> TopupTarget {
        TopupTarget {
            mobile: self.line.mobile.clone(),
            operator: self.line.operator,
            product: self.product.clone(),
        }
    }
}

/// The purchase the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopupOrder {
    /// Its idempotency key.
    pub idempotency_key: OperationKey,
    /// What is bought.
    pub purchase: Purchase,
    /// What pays.
    pub source: BillSource,
    /// The bank's fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
}

/// The bank's `TopupReceipt`, as far as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopupReceipt {
    /// The top-up's id.
    pub topup_id: String,
    /// `succeeded`.
    pub status: String,
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// The operator's reference (شماره پیگیری اپراتور).
    pub operator_reference: String,
    /// The line, masked.
    pub mobile_masked: String,
    /// The operator charged.
    pub operator: String,
    /// Amount.
    pub amount_rials: u64,
    /// Fee.
    pub fee_rials: u64,
    /// Debited.
    pub total_debited_rials: u64,
    /// `card` or `account`.
    pub source_kind: String,
    /// The card, masked (card payments).
    #[serde(default)]
    pub source_pan_masked: Option<String>,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
}

impl TopupReceipt {
    /// From the bank's JSON.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The top-up, one screen per state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged (`{"choose_product": {..}}`): read back without serde's content
// buffering, which an internally tagged enum costs the phones' library in code.
#[serde(rename_all = "snake_case")]
pub enum TopupState {
    /// Type a number, or take "my number".
    EnterMobile {
        /// What the bank sells.
        catalog: TopupCatalog,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// The line and its operator (changeable for a ported number): pick a
    /// top-up amount, an amazing top-up or an internet package of the
    /// operator's offer ([`TopupState::offer`]).
    ChooseProduct {
        /// What the bank sells.
        catalog: TopupCatalog,
        /// The line.
        line: TopupLine,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// The purchase (amount in digits and words): pick the account or card that pays.
    ChooseSource {
        /// What is bought.
        purchase: Purchase,
        /// The customer's active accounts and cards.
        sources: Vec<BillSource>,
        /// The last choice's problem.
        error: Option<Problem>,
    },
    /// Paying from an account: the dynamic PIN the bank sends to the
    /// customer's mobile (or a soft-token code), bound to this line and amount.
    ConfirmAccount {
        /// The order.
        order: TopupOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Paying by card: dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The order.
        order: TopupOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The order.
        order: TopupOrder,
        /// The SMS PIN requests, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Bought.
    Succeeded {
        /// The order.
        order: TopupOrder,
        /// The bank's receipt.
        receipt: TopupReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The order, when one was confirmed.
        order: Option<TopupOrder>,
    },
}

impl TopupState {
    /// On the product screen, what the chosen operator sells (`None` when the
    /// bank sells none of its, or on another screen).
    pub fn offer(&self) -> Option<&OperatorOffer> {
        match self {
            Self::ChooseProduct { catalog, line, .. } => catalog.offer(line.operator),
            _ => None,
        }
    }
}
