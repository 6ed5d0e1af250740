//! Holder inquiries, dynamic PINs, money-moving calls and outcome inquiry.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Api, Auth, BankRef, Money};
use crate::channel::{BankError, ChannelError, Method, Reply};
use crate::ids::Payee;
use crate::money::Rials;
use crate::operation::{Link, OperationKey};

/// The contract's `CardHolder`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardHolder {
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name: String,
    /// Issuer.
    pub bank: BankRef,
}

/// The contract's `ShebaHolder`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShebaHolder {
    /// Holder's name.
    pub holder_name: String,
    /// Bank.
    pub bank: BankRef,
}

/// The contract's `DynamicPinIssued`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynamicPinIssued {
    /// Where the PIN went, masked.
    pub sent_to_mobile_masked: String,
    /// When it expires (bank time).
    pub expires_at: String,
    /// Its lifetime.
    pub lifetime_seconds: u64,
    /// Requests made for this payment.
    pub requests_used: u32,
    /// Requests left.
    pub requests_left: u32,
    /// Requests allowed.
    pub requests_max: u32,
}

/// What pays, for a dynamic PIN request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinSource {
    /// A card, by the bank's id.
    Card(String),
    /// One of the customer's own accounts, by the bank's id.
    Account(String),
}

/// What the bank knows about an idempotency key (`Operation`).
#[derive(Debug, Clone, PartialEq)]
pub enum OperationStatus {
    /// Still executing; ask again after the seconds given.
    Pending(u64),
    /// Completed; the original response body.
    Succeeded(Value),
    /// Refused for good; the original error.
    Failed(BankError),
    /// Never recorded: submit again with the same key.
    NotFound,
}

#[derive(Deserialize)]
struct RawOperation {
    status: String,
    #[serde(default)]
    receipt: Option<Value>,
    #[serde(default)]
    error: Option<BankError>,
    #[serde(default)]
    http_status: Option<u16>,
    #[serde(default)]
    retry_after_seconds: Option<u64>,
}

impl Api {
    /// `card_holder_inquiry`.
    pub async fn card_holder(&self, pan: &str) -> Result<CardHolder, ChannelError> {
        let body = json!({"pan": pan});
        self.call(
            Method::POST,
            "/v1/holder-inquiries/card",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `sheba_holder_inquiry`.
    pub async fn sheba_holder(&self, sheba: &str) -> Result<ShebaHolder, ChannelError> {
        let body = json!({"sheba": sheba});
        self.call(
            Method::POST,
            "/v1/holder-inquiries/sheba",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `bill_inquiry` (the bill as the bank sent it).
    pub async fn bill_inquiry(
        &self,
        bill_id: &str,
        payment_id: &str,
    ) -> Result<Value, ChannelError> {
        let body = json!({"bill_id": bill_id, "payment_id": payment_id});
        self.call(
            Method::POST,
            "/v1/bill-inquiries",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `dynamic_pin_request`: an SMS PIN for the payment `key` of `amount`
    /// to `payee` from `source` (a card: its issuer sends the PIN; an own
    /// account: the bank sends it to the customer's mobile).
    pub async fn dynamic_pin(
        &self,
        key: &OperationKey,
        source: &PinSource,
        amount: Rials,
        payee: &Payee,
    ) -> Result<DynamicPinIssued, ChannelError> {
        let source = match source {
            PinSource::Card(card_id) => json!({"card_id": card_id}),
            PinSource::Account(account_id) => json!({"account_id": account_id}),
        };
        let body = json!({"idempotency_key": key.to_text(), "source": source,
            "amount_rials": amount.get(), "payee": payee.to_contract()});
        self.call(Method::POST, "/v1/dynamic-pins", Some(&body), Auth::Bearer)
            .await
    }

    /// A money-moving `POST` (`card_transfer_create`, `sheba_transfer_create`,
    /// `bill_payment_create`, `card_block`) under `key`, signed over `link`.
    pub async fn submit(
        &self,
        path: &str,
        body: &Value,
        key: &OperationKey,
        link: &Link,
    ) -> Result<Reply, ChannelError> {
        let money = Money { key, link };
        self.call_raw(Method::POST, path, Some(body), Some(money), Auth::Bearer)
            .await
    }

    /// `operation_get`: resolves an unknown outcome.
    pub async fn operation(&self, key: &OperationKey) -> Result<OperationStatus, ChannelError> {
        let path = format!("/v1/operations/{key}");
        let raw: RawOperation = self.call(Method::GET, &path, None, Auth::Bearer).await?;
        Ok(match raw.status.as_str() {
            "pending" => OperationStatus::Pending(raw.retry_after_seconds.unwrap_or(1)),
            "succeeded" => OperationStatus::Succeeded(raw.receipt.ok_or(ChannelError::Protocol)?),
            "failed" => {
                let mut error = raw.error.ok_or(ChannelError::Protocol)?;
                error.status = raw.http_status.unwrap_or(422);
                OperationStatus::Failed(error)
            }
            "not_found" => OperationStatus::NotFound,
            _ => return Err(ChannelError::Protocol),
        })
    }
}
