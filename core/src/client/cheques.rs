//! Sayad cheques (`cheque_book_list`, `cheque_received_list`,
//! `cheque_inquiry`): the contract's schemas, read through the core's parsers
//! (a Sayad ID or a serial the bank sends that does not parse is a reply
//! outside the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Api, Auth, BankRef};
use crate::channel::{ChannelError, Method};
use crate::flows::cheques::ChequeColour;
use crate::ids::{ChequeSerial, SayadId};
use crate::money::Rials;

/// The contract's `IssuerStanding`: the Central Bank's colour code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerStanding {
    /// The colour.
    pub colour: ChequeColour,
    /// The colour in Persian.
    pub colour_fa: String,
    /// Returned cheques not yet cleared.
    pub returned_count: u64,
    /// Their amount in all.
    pub returned_amount_rials: u64,
}

/// The contract's `ChequeIssuer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeIssuer {
    /// Name in Persian.
    pub name_fa: String,
    /// National ID, masked.
    pub national_id_masked: String,
    /// The issuer's bank.
    pub bank: BankRef,
    /// The issuer's standing.
    pub standing: IssuerStanding,
}

/// The contract's `ChequeStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChequeStatus {
    /// Registered or transferred, waiting for confirmation.
    PendingAcceptance,
    /// Held.
    Accepted,
    /// A payee refused the registration.
    Refused,
    /// Presented and paid.
    Paid,
    /// Presented and returned for want of funds.
    Bounced,
}

impl ChequeStatus {
    /// The contract's name (`pending_acceptance`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Self::PendingAcceptance => "pending_acceptance",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Paid => "paid",
            Self::Bounced => "bounced",
        }
    }

    /// The status in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::PendingAcceptance => "در انتظار تأیید",
            Self::Accepted => "تأییدشده",
            Self::Refused => "ردشده",
            Self::Paid => "پرداخت‌شده",
            Self::Bounced => "برگشتی",
        }
    }
}

/// The contract's `ChequeRole`: what the customer is to a cheque.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChequeRole {
    /// She issued it.
    Issuer,
    /// It waits for her confirmation.
    Pending,
    /// She holds it.
    Holder,
    /// Neither.
    None,
}

/// The contract's `Cheque`: a registered cheque's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cheque {
    /// Sayad ID.
    pub sayad_id: SayadId,
    /// Printed series/serial.
    pub serial: ChequeSerial,
    /// Status.
    pub status: ChequeStatus,
    /// Amount.
    pub amount_rials: u64,
    /// Due date, Gregorian (Tehran).
    pub due_date: String,
    /// Due date, Jalali.
    pub due_date_jalali: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The issuer and her standing.
    pub issuer: ChequeIssuer,
    /// Who holds it (or, while a registration is pending, who it is offered to), masked.
    pub holders_masked: Vec<String>,
    /// Who still has to confirm it, masked.
    #[serde(default)]
    pub pending_masked: Vec<String>,
    /// What the customer is to it.
    pub role: ChequeRole,
    /// When it was registered, Jalali date and Tehran time.
    pub registered_at_jalali: String,
    /// When it was presented, if it was.
    #[serde(default)]
    pub presented_at_jalali: Option<String>,
}

impl Cheque {
    /// The amount.
    pub fn amount(&self) -> Rials {
        Rials::new(self.amount_rials)
    }
}

/// The contract's `ChequeLeafState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeafState {
    /// Not yet issued.
    Unused,
    /// A cheque was registered on it.
    Issued,
    /// Cancelled.
    Cancelled,
}

/// The contract's `ChequeLeaf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeLeaf {
    /// Sayad ID.
    pub sayad_id: SayadId,
    /// Printed series/serial.
    pub serial: ChequeSerial,
    /// State.
    pub state: LeafState,
    /// The cheque registered on it.
    #[serde(default)]
    pub cheque: Option<Cheque>,
}

/// The contract's `ChequeBook`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeBook {
    /// The bank's id.
    pub book_id: String,
    /// The account it draws on.
    pub account_id: String,
    /// Printed series.
    pub series: String,
    /// When it was issued, Jalali date and Tehran time.
    pub issued_at_jalali: String,
    /// Its leaves.
    pub leaves: Vec<ChequeLeaf>,
}

/// The contract's `ChequeBookList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeBooks {
    /// The books.
    pub items: Vec<ChequeBook>,
    /// The customer's own standing as an issuer.
    pub standing: IssuerStanding,
}

/// The contract's `ChequeReceipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeReceipt {
    /// `register`, `accept`, `refuse` or `transfer`.
    pub action: String,
    /// Sayad ID.
    pub sayad_id: SayadId,
    /// The status after it.
    pub status: ChequeStatus,
    /// Amount.
    pub amount_rials: u64,
    /// Due date, Jalali.
    pub due_date_jalali: String,
    /// Holders (or whom it is offered to), masked.
    pub holders_masked: Vec<String>,
    /// Reference number.
    pub reference_number: String,
    /// When, Jalali date and Tehran time.
    pub at_jalali: String,
}

impl ChequeReceipt {
    /// From the bank's reply.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

#[derive(Deserialize)]
struct Items<T> {
    items: Vec<T>,
}

impl Api {
    /// `cheque_book_list`.
    pub async fn cheque_books(&self) -> Result<ChequeBooks, ChannelError> {
        self.call(Method::GET, "/v1/cheque-books", None, Auth::Bearer)
            .await
    }

    /// `cheque_received_list`.
    pub async fn received_cheques(&self) -> Result<Vec<Cheque>, ChannelError> {
        let list: Items<Cheque> = self
            .call(Method::GET, "/v1/cheques/received", None, Auth::Bearer)
            .await?;
        Ok(list.items)
    }

    /// `cheque_inquiry`: any cheque's status by its Sayad ID.
    pub async fn cheque_inquiry(&self, sayad_id: &SayadId) -> Result<Cheque, ChannelError> {
        let body = json!({"sayad_id": sayad_id.as_str()});
        self.call(
            Method::POST,
            "/v1/cheque-inquiries",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }
}
