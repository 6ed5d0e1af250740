//! Confirming payments from an account as a customer does: ask for the
//! dynamic PIN, read it from her SMS (the bank's outbox), then confirm.

use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState};
use hamrah_core::flows::sheba_transfer::{ShebaTransfer, ShebaTransferState};

use super::{Bank, Error};

impl Bank {
    /// Sends a confirmed SHEBA transfer with the dynamic PIN the bank sent to `mobile`.
    pub async fn submit_sheba(
        &self,
        flow: &mut ShebaTransfer,
        mobile: &str,
    ) -> Result<ShebaTransferState, Error> {
        let pin = self.sheba_pin(flow, mobile).await?;
        Ok(flow.submit(&pin).await?.clone())
    }

    /// Asks for a SHEBA transfer's dynamic PIN and reads it from `mobile`'s SMS.
    pub async fn sheba_pin(&self, flow: &mut ShebaTransfer, mobile: &str) -> Result<String, Error> {
        if let ShebaTransferState::Confirm { error: Some(e), .. } = flow.request_pin().await? {
            return Err(format!("PIN refused: {}", e.code).into());
        }
        self.last_otp(mobile).await
    }

    /// Pays a bill from the chosen account with the dynamic PIN the bank sent to `mobile`.
    pub async fn confirm_bill(
        &self,
        flow: &mut BillPayment,
        mobile: &str,
    ) -> Result<BillPaymentState, Error> {
        let pin = self.bill_pin(flow, mobile).await?;
        Ok(flow.confirm(&pin).await?.clone())
    }

    /// Asks for a bill payment's dynamic PIN and reads it from `mobile`'s SMS.
    pub async fn bill_pin(&self, flow: &mut BillPayment, mobile: &str) -> Result<String, Error> {
        let state = flow.request_pin().await?;
        if let BillPaymentState::ConfirmAccount { error: Some(e), .. }
        | BillPaymentState::Authorize { error: Some(e), .. } = state
        {
            return Err(format!("PIN refused: {}", e.code).into());
        }
        self.last_otp(mobile).await
    }
}
