//! Activating a card's soft token on this phone: the bank sends an SMS code;
//! the code and a fresh ECDH key come back; the bank's reply carries the
//! seed sealed to that key, which is opened here and kept only in the
//! platform's vault ([`SoftTokenVault`]). Also the dynamic-PIN codes the
//! payment flows take from a card's token.

use zeroize::Zeroizing;

use super::{Context, Problem};
use crate::client::{SoftTokenActivationStarted, local_now};
use crate::money::Rials;
use crate::token::{
    ActivationKey, Payee, SoftToken, SoftTokenError, SoftTokenVault, TokenParams, bank_time,
};

/// One activation waiting for its SMS code.
#[derive(Debug)]
pub struct SoftTokenActivation {
    ctx: Context,
    vault: SoftTokenVault,
    started: SoftTokenActivationStarted,
    started_at: i64,
    key: Option<ActivationKey>,
}

impl SoftTokenActivation {
    /// Asks the bank to activate a token for `card_id` (an own card); an SMS
    /// code goes to the customer's mobile.
    pub async fn start(ctx: &Context, card_id: &str) -> Result<Self, Problem> {
        let vault = vault(ctx)?;
        let key = ActivationKey::generate().map_err(|e| Problem::of(&e))?;
        let started = ctx.api.soft_token_start(card_id).await?;
        Ok(Self {
            ctx: ctx.clone(),
            vault,
            started,
            started_at: local_now(),
            key: Some(key),
        })
    }

    /// What the bank said when the code was sent (masked mobile, digits).
    pub fn started(&self) -> &SoftTokenActivationStarted {
        &self.started
    }

    /// Seconds the SMS code stays valid (the countdown).
    pub fn seconds_left(&self) -> u64 {
        let elapsed = u64::try_from(local_now() - self.started_at).unwrap_or(0);
        self.started.seconds_left.saturating_sub(elapsed)
    }

    /// Confirms with the SMS code. On a wrong code the activation stays open
    /// for another try; on success the seed is opened, kept in the vault
    /// (replacing the card's previous token) and wiped from memory.
    pub async fn confirm(&mut self, code: &str) -> Result<SoftToken, Problem> {
        let Some(key) = self.key.take() else {
            return Err(Problem::of(&SoftTokenError::NotActive));
        };
        let public_key = key.public_key();
        let reply = self
            .ctx
            .api
            .soft_token_confirm(&self.started.activation_id, code, &public_key)
            .await;
        let activated = match reply {
            Ok(activated) => activated,
            Err(error) => {
                self.key = Some(key);
                return Err(Problem::from(error));
            }
        };
        let seed = key
            .open(&activated.token_id, &activated.encrypted_seed)
            .map_err(|e| Problem::of(&e))?;
        let params = TokenParams {
            card_id: activated.card_id,
            token_id: activated.token_id,
            digits: activated.totp.digits,
            period_seconds: activated.totp.period_seconds,
            algorithm: activated.totp.algorithm,
            ocra_suite: activated.ocra_suite,
        };
        let token = self
            .vault
            .store(&params, &seed)
            .map_err(|e| Problem::of(&e))?;
        tracing::info!(token_id = %params.token_id, "soft token activated");
        Ok(token)
    }
}

fn vault(ctx: &Context) -> Result<SoftTokenVault, Problem> {
    ctx.soft_tokens
        .clone()
        .ok_or_else(|| Problem::of(&SoftTokenError::Vault))
}

/// Ends the card's token: at the bank, then on this phone.
pub async fn deactivate(ctx: &Context, card_id: &str) -> Result<(), Problem> {
    let vault = vault(ctx)?;
    ctx.api.soft_token_deactivate(card_id).await?;
    vault.forget(card_id).map_err(|e| Problem::of(&e))
}

/// Whether this phone holds a token for the card.
pub fn holds(ctx: &Context, card_id: &str) -> bool {
    ctx.soft_tokens
        .as_ref()
        .is_some_and(|vault| vault.holds(card_id))
}

/// The card of the first soft token this phone holds, if any: it approves
/// payments from the customer's accounts too (the bank checks that the card
/// is the customer's own).
pub fn any_token_card(ctx: &Context) -> Option<String> {
    ctx.soft_tokens
        .as_ref()
        .and_then(|vault| vault.cards().ok())
        .and_then(|cards| cards.into_iter().next())
}

/// A code approving a payment from one of the customer's accounts: made by
/// the first soft token this phone holds, over `amount` to `payee`; with the
/// card it belongs to (the bank checks the card is the customer's own).
/// `token.not_active` when this phone holds none.
pub(crate) fn account_payment_code(
    ctx: &Context,
    amount: Rials,
    payee: &Payee,
) -> Result<(String, Zeroizing<String>), Problem> {
    let card_id = any_token_card(ctx).ok_or_else(|| Problem::of(&SoftTokenError::NotActive))?;
    let code = Zeroizing::new(payment_code(ctx, &card_id, amount, payee)?);
    Ok((card_id, code))
}

/// The card's code approving `amount` to `payee` now (the bank's clock),
/// made offline; `token.not_active` when this phone holds no token for the card.
pub fn payment_code(
    ctx: &Context,
    card_id: &str,
    amount: Rials,
    payee: &Payee,
) -> Result<String, Problem> {
    let token = vault(ctx)?.get(card_id).map_err(|e| Problem::of(&e))?;
    let now = bank_time(ctx.clock_offset).map_err(|e| Problem::of(&e))?;
    token
        .transaction_code_at(amount, payee, now)
        .map_err(|e| Problem::of(&e))
}
