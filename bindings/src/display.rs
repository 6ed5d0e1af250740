//! What a screen offers, as the core decides it for both apps
//! (`hamrah_core::flows::display`): buttons with their label and whether
//! they may be pressed, the dynamic-PIN step's buttons and countdown, and
//! receipts to show and to share. The shells only lay these out.

use hamrah_core::flows::display as core;

/// One button: its label and whether it may be pressed now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActionInfo {
    /// The label, in Persian (also what a screen reader says).
    pub label_fa: String,
    /// Whether it may be pressed now.
    pub enabled: bool,
}

impl From<&core::Action> for ActionInfo {
    fn from(action: &core::Action) -> Self {
        Self {
            label_fa: action.label_fa.clone(),
            enabled: action.enabled,
        }
    }
}

fn action(action: &Option<core::Action>) -> Option<ActionInfo> {
    action.as_ref().map(Into::into)
}

/// A payment's dynamic-PIN step: the SMS PIN's button (its countdown in its
/// label), paying with the SMS PIN, paying with the soft token when the phone
/// holds the card's. Ask again each second while `seconds_left` is above zero.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PinActions {
    /// Ask the card's issuer for a PIN by SMS.
    pub request_pin: ActionInfo,
    /// Pay with the PIN that came by SMS.
    pub pay_with_sms_pin: ActionInfo,
    /// Pay with a code of this phone's soft token (null: the phone holds none).
    pub pay_with_soft_token: Option<ActionInfo>,
    /// Seconds the last PIN stays valid.
    pub seconds_left: u64,
    /// PIN requests still allowed for this payment.
    pub requests_left: u32,
    /// One line about the choice, in Persian.
    pub note_fa: String,
}

impl From<&core::PinActions> for PinActions {
    fn from(pin: &core::PinActions) -> Self {
        Self {
            request_pin: (&pin.request_pin).into(),
            pay_with_sms_pin: (&pin.pay_with_sms_pin).into(),
            pay_with_soft_token: action(&pin.pay_with_soft_token),
            seconds_left: pin.seconds_left,
            requests_left: pin.requests_left,
            note_fa: pin.note_fa.clone(),
        }
    }
}

/// One line of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceiptLine {
    /// What it is («شماره پیگیری»).
    pub label_fa: String,
    /// Its value (numbers in Persian digits, card numbers as printed).
    pub value_fa: String,
}

/// A receipt: title and lines to show (or draw as an image), and the text to share.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceiptInfo {
    /// «کارت به کارت انجام شد», ...
    pub title_fa: String,
    /// The lines, in reading order.
    pub lines: Vec<ReceiptLine>,
    /// Title and lines as one text, for the share sheet.
    pub share_text_fa: String,
}

impl From<&core::ReceiptView> for ReceiptInfo {
    fn from(receipt: &core::ReceiptView) -> Self {
        Self {
            title_fa: receipt.title_fa.clone(),
            lines: receipt
                .lines
                .iter()
                .map(|l| ReceiptLine {
                    label_fa: l.label_fa.clone(),
                    value_fa: l.value_fa.clone(),
                })
                .collect(),
            share_text_fa: receipt.share_text_fa.clone(),
        }
    }
}

/// What the current step of a journey offers besides its own inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct StepView {
    /// At a dynamic-PIN step: its buttons and countdown.
    pub pin: Option<PinActions>,
    /// After a success: the receipt.
    pub receipt: Option<ReceiptInfo>,
    /// While the outcome is unknown: ask the bank (nothing is sent again).
    pub resolve: Option<ActionInfo>,
    /// Before anything was sent: leave the journey (its saved state is forgotten).
    pub cancel: Option<ActionInfo>,
    /// At the end: close the journey.
    pub finish: Option<ActionInfo>,
}

impl From<core::StepView> for StepView {
    fn from(view: core::StepView) -> Self {
        Self {
            pin: view.pin.as_ref().map(Into::into),
            receipt: view.receipt.as_ref().map(Into::into),
            resolve: action(&view.resolve),
            cancel: action(&view.cancel),
            finish: action(&view.finish),
        }
    }
}
