//! Each journey's [`StepView`]: what its current state offers.

use super::{PinActions, ReceiptView, StepView};
use crate::client::local_now;
use crate::flows::accounts::{CardBlock, CardBlockState, SecondPinChange, SecondPinState};
use crate::flows::bill_payment::{BillPayment, BillPaymentState};
use crate::flows::card_transfer::{CardTransfer, CardTransferState};
use crate::flows::sheba_transfer::{ShebaTransfer, ShebaTransferState};

impl CardTransfer {
    /// What the current step offers (ask again each second at the PIN step).
    pub fn view(&self) -> StepView {
        match self.state() {
            CardTransferState::Authorize { pin, .. } => StepView::authorize(PinActions::of(
                pin,
                local_now(),
                self.soft_token_available(),
            )),
            CardTransferState::Pending { .. } => StepView::pending(),
            CardTransferState::Succeeded { payment, receipt } => {
                StepView::ended(Some(ReceiptView::card_transfer(payment, receipt)))
            }
            CardTransferState::Failed { .. } => StepView::ended(None),
            _ => StepView::input(),
        }
    }
}

impl BillPayment {
    /// What the current step offers (ask again each second at the PIN step).
    pub fn view(&self) -> StepView {
        match self.state() {
            BillPaymentState::Authorize { pin, .. }
            | BillPaymentState::ConfirmAccount { pin, .. } => StepView::authorize(PinActions::of(
                pin,
                local_now(),
                self.soft_token_available(),
            )),
            BillPaymentState::Pending { .. } => StepView::pending(),
            BillPaymentState::Succeeded { order, receipt } => {
                StepView::ended(Some(ReceiptView::bill(order, receipt)))
            }
            BillPaymentState::Failed { .. } | BillPaymentState::AlreadyPaid { .. } => {
                StepView::ended(None)
            }
            _ => StepView::input(),
        }
    }
}

impl CardBlock {
    /// What the current step offers.
    pub fn view(&self) -> StepView {
        match self.state() {
            CardBlockState::Pending { .. } => StepView::pending(),
            CardBlockState::Blocked { order, receipt } => {
                StepView::ended(Some(ReceiptView::card_block(order, receipt)))
            }
            CardBlockState::Failed { .. } => StepView::ended(None),
            _ => StepView::input(),
        }
    }
}

impl SecondPinChange {
    /// What the current step offers.
    pub fn view(&self) -> StepView {
        match self.state() {
            SecondPinState::Pending { .. } => StepView::pending(),
            SecondPinState::Changed { order, receipt } => {
                StepView::ended(Some(ReceiptView::second_pin(order, receipt)))
            }
            SecondPinState::Failed { .. } => StepView::ended(None),
            _ => StepView::input(),
        }
    }
}

impl ShebaTransfer {
    /// What the current step offers (ask again each second at the PIN step).
    pub fn view(&self) -> StepView {
        match self.state() {
            ShebaTransferState::Confirm { pin, .. } => StepView::authorize(PinActions::of(
                pin,
                local_now(),
                self.soft_token_available(),
            )),
            ShebaTransferState::Pending { .. } => StepView::pending(),
            ShebaTransferState::Succeeded { payment, receipt } => {
                StepView::ended(Some(ReceiptView::sheba(payment, receipt)))
            }
            ShebaTransferState::Failed { .. } => StepView::ended(None),
            _ => StepView::input(),
        }
    }
}
