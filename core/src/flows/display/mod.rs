//! What a screen offers, decided once for both apps: the shells (Compose,
//! SwiftUI) only lay it out. The labels of accounts and cards, the state of
//! a card in words, the buttons of a payment's dynamic-PIN step (enabled or
//! not, with the countdown in their label, the soft token or the SMS PIN),
//! what a step offers besides its inputs (resolve an unknown outcome, cancel,
//! finish), and a receipt as lines to show and as text to share.
//!
//! Digits: amounts, dates, times, counts and trace numbers are in Persian
//! digits; card numbers and SHEBAs keep the Latin digits printed on the
//! card and on the bank's papers (left to right, as the customer compares them).

mod account_terms;
mod labels;
mod pin;
mod receipt;
mod steps;

pub use account_terms::{
    AccountKind, AccountStatus, account_share_text, interest_rate_fa, sheba_grouped,
};
pub use labels::{
    CardStatus, account_label, card_label, device_label, device_revocable, tehran_time_fa,
};
pub use pin::PinActions;
pub use receipt::{ReceiptLine, ReceiptView};

/// One button: its label and whether it may be pressed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// The label, in Persian (also the screen reader's).
    pub label_fa: String,
    /// Whether it may be pressed now.
    pub enabled: bool,
}

impl Action {
    pub(crate) fn new(label_fa: impl Into<String>, enabled: bool) -> Self {
        Self {
            label_fa: label_fa.into(),
            enabled,
        }
    }
}

/// What the current step of a journey offers besides its own inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepView {
    /// At a dynamic-PIN step: its buttons and countdown.
    pub pin: Option<PinActions>,
    /// After a success: the receipt, to show and to share.
    pub receipt: Option<ReceiptView>,
    /// While the outcome is unknown: ask the bank about it (nothing is sent again).
    pub resolve: Option<Action>,
    /// Before anything was sent: leave the journey (its saved state is forgotten).
    pub cancel: Option<Action>,
    /// At the end (receipt, failure, nothing to do): close the journey.
    pub finish: Option<Action>,
}

impl StepView {
    /// A step that takes input: it may be left.
    pub(crate) fn input() -> Self {
        Self {
            cancel: Some(Action::new("انصراف", true)),
            ..Self::default()
        }
    }

    /// A dynamic-PIN step.
    pub(crate) fn authorize(pin: PinActions) -> Self {
        Self {
            pin: Some(pin),
            ..Self::input()
        }
    }

    /// Sent, outcome unknown: only asking the bank is offered; leaving would
    /// lose track of money that may have moved.
    pub(crate) fn pending() -> Self {
        Self {
            resolve: Some(Action::new("پیگیری نتیجه از بانک", true)),
            ..Self::default()
        }
    }

    /// The journey is over (with `receipt` after a success).
    pub(crate) fn ended(receipt: Option<ReceiptView>) -> Self {
        Self {
            receipt,
            finish: Some(Action::new("پایان", true)),
            ..Self::default()
        }
    }
}
