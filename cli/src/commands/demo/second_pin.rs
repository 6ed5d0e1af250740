//! Changing the second PIN of the customer's card through the core's
//! exactly-once `SecondPinChange` journey, signed by her enrolled phone.

use hamrah_core::flows::Problem;
use hamrah_core::flows::accounts::{SecondPinChange, SecondPinState};

use super::Walk;
use super::receipt::Receipt;
use super::steps::unexpected;

/// The PIN the demo chooses: five digits, not a run, not a repeat.
const NEW_PIN: &str = "40917";

impl Walk {
    /// Changes the card's static second PIN from the one the bank issued.
    pub async fn second_pin_change(&mut self) -> Result<Receipt, Problem> {
        let card_id = self.maryam_card.clone().unwrap_or_default();
        let current = self.bank.customer(None)?.card_second_pin;
        self.secrets.extend([current.clone(), NEW_PIN.to_owned()]);
        let mut flow = SecondPinChange::start(self.maryam.ctx.clone()).await?;
        flow.choose(&card_id)?;
        let state = flow.submit(&current, NEW_PIN, NEW_PIN).await?;
        let SecondPinState::Changed { order, receipt } = state else {
            return Err(match state {
                SecondPinState::Failed { problem, .. }
                | SecondPinState::EnterPins {
                    error: Some(problem),
                    ..
                } => problem.clone(),
                other => unexpected(other),
            });
        };
        let (bank, receipt) = (order.card.bank_name_fa.clone(), receipt.clone());
        flow.close()?;
        let mut r = Receipt::new();
        r.field("pan_masked", "کارت", "Card", &receipt.pan_masked)
            .field("bank", "بانک", "Bank", &bank)
            .field(
                "reference_number",
                "شماره مرجع",
                "Reference",
                &receipt.reference_number,
            )
            .when(
                "changed_at_jalali",
                "زمان",
                "Time",
                &receipt.changed_at_jalali,
            );
        Ok(r)
    }
}
