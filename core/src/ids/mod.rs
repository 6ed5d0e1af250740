//! Iranian identifiers: card numbers, SHEBA numbers, bills, loan numbers, national IDs,
//! mobile numbers, account numbers of the customer's bank, top-up targets, cheques'
//! Sayad IDs and series/serials.
//!
//! Each is built only by its parser; past the parser, a value is valid. `Debug`
//! output masks card and SHEBA numbers so they never reach a log whole.

mod account_number;
mod bill;
mod card;
mod card_secrets;
mod checksum;
mod cheque_serial;
mod loan_number;
mod mobile;
mod national_id;
mod payee;
mod sayad;
mod sheba;
mod topup;

pub use account_number::{AccountNumber, AccountNumberError};
pub use bill::{Bill, BillError, BillType};
pub use card::{CardError, CardNumber};
pub use card_secrets::{CardExpiry, CardSecretError, Cvv2, SecondPin};
pub use cheque_serial::{ChequeSerial, ChequeSerialError};
pub use loan_number::{LoanNumber, LoanNumberError};
pub use mobile::{MobileError, MobileNumber, Operator};
pub use national_id::{NationalId, NationalIdError};
pub use payee::Payee;
pub use sayad::{SAYAD_LENGTH, SayadId, SayadIdError};
pub use sheba::{AccountType, Sheba, ShebaError};
pub use topup::{PackageId, TopupError, TopupProduct, TopupTarget, operator_by_id};
