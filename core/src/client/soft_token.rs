//! Soft-token activation calls: `soft_token_activation_start`,
//! `soft_token_activation_confirm` and `soft_token_deactivate`.

use serde::Deserialize;
use serde_json::json;

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};
use crate::token::EncryptedSeed;

/// The contract's `SoftTokenActivationStarted` (the parts the core uses).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SoftTokenActivationStarted {
    /// Names the activation in `confirm`.
    pub activation_id: String,
    /// The card.
    pub card_id: String,
    /// Where the SMS code went, masked.
    pub sent_to_mobile_masked: String,
    /// Seconds the code stays valid.
    pub seconds_left: u64,
    /// Digits of the code.
    pub digits: u32,
}

/// The contract's `TotpParameters`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TotpParameters {
    /// Digits of a code.
    pub digits: u8,
    /// Seconds per step.
    pub period_seconds: u64,
    /// `sha1`, `sha256` or `sha512`.
    pub algorithm: String,
}

/// The contract's `SoftTokenActivated`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SoftTokenActivated {
    /// The card.
    pub card_id: String,
    /// The bank's id of the token (the AAD of the sealed seed).
    pub token_id: String,
    /// The seed, sealed to the device's activation key.
    pub encrypted_seed: EncryptedSeed,
    /// Time-based code parameters.
    pub totp: TotpParameters,
    /// The OCRA suite of transaction-bound codes.
    pub ocra_suite: String,
    /// When it became active.
    pub activated_at: String,
}

impl Api {
    /// `soft_token_activation_start`: the bank sends an SMS code to the card's owner.
    pub async fn soft_token_start(
        &self,
        card_id: &str,
    ) -> Result<SoftTokenActivationStarted, ChannelError> {
        let body = json!({"card_id": card_id});
        self.call(
            Method::POST,
            "/v1/soft-token-activations",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `soft_token_activation_confirm`: the SMS code and the device's fresh
    /// ECDH public key; the reply carries the seed sealed to that key.
    pub async fn soft_token_confirm(
        &self,
        activation_id: &str,
        code: &str,
        device_public_key: &str,
    ) -> Result<SoftTokenActivated, ChannelError> {
        let body = json!({"code": code, "device_public_key": device_public_key});
        let path = format!("/v1/soft-token-activations/{activation_id}/confirm");
        self.call(Method::POST, &path, Some(&body), Auth::Bearer)
            .await
    }

    /// `soft_token_deactivate`: the card has no active token any more.
    pub async fn soft_token_deactivate(&self, card_id: &str) -> Result<(), ChannelError> {
        let path = format!("/v1/cards/{card_id}/soft-token");
        self.call_raw(Method::DELETE, &path, None, None, Auth::Bearer)
            .await
            .map(|_| ())
    }
}
