//! `hamrah check`: validate an Iranian identifier and show what it says.

use clap::Subcommand;
use hamrah_core::ids::{Bill, CardNumber, ChequeSerial, MobileNumber, NationalId, SayadId, Sheba};
use serde_json::json;

use crate::report::{Report, bank_json, bank_line};

/// Check an identifier.
#[derive(Debug, Subcommand)]
pub enum Check {
    /// A 16-digit card number (PAN).
    Card {
        /// The card number; spaces, dashes and Persian digits allowed.
        pan: String,
    },
    /// A SHEBA number (Iranian IBAN).
    Sheba {
        /// The SHEBA number, `IR` and 24 digits.
        sheba: String,
    },
    /// A bill, by bill ID and payment ID.
    Bill {
        /// The bill ID (shenase-ye ghabz).
        bill_id: String,
        /// The payment ID (shenase-ye pardakht).
        payment_id: String,
    },
    /// A national ID (kod-e melli).
    NationalId {
        /// The national ID, 8 to 10 digits.
        id: String,
    },
    /// A mobile number.
    Mobile {
        /// The number with `+98`, `0098`, `98`, `0` or no prefix.
        number: String,
    },
    /// A cheque's 16-digit Sayad ID (shenase-ye sayadi).
    Sayad {
        /// The Sayad ID; spaces, dashes and Persian digits allowed.
        id: String,
    },
    /// A cheque leaf's printed series and serial (seri / serial).
    ChequeSerial {
        /// `series/serial`, e.g. `300401/00000001`.
        serial: String,
    },
}

impl Check {
    /// Runs the command.
    pub fn run(self) -> Report {
        match self {
            Self::Card { pan } => card(&pan),
            Self::Sheba { sheba } => sheba_report(&sheba),
            Self::Bill {
                bill_id,
                payment_id,
            } => bill(&bill_id, &payment_id),
            Self::NationalId { id } => national_id(&id),
            Self::Mobile { number } => mobile(&number),
            Self::Sayad { id } => sayad(&id),
            Self::ChequeSerial { serial } => cheque_serial(&serial),
        }
    }
}

fn card(input: &str) -> Report {
    match input.parse::<CardNumber>() {
        Ok(card) => Report::valid(
            json!({
                "normalized": card.as_str(),
                "masked": card.masked(),
                "bank": bank_json(card.bank()),
            }),
            true,
            format!(
                "✓ شماره کارت معتبر است / Valid card number\n  {}  ({})\n  {}",
                card.grouped(),
                card.masked(),
                bank_line(card.bank())
            ),
        ),
        Err(error) => Report::invalid(&error),
    }
}

fn sheba_report(input: &str) -> Report {
    match input.parse::<Sheba>() {
        Ok(sheba) => Report::valid(
            json!({
                "normalized": sheba.as_str(),
                "grouped": sheba.grouped(),
                "bank": bank_json(sheba.bank()),
                "account_type": sheba.account_type().id(),
                "account_number": sheba.account_number(),
            }),
            true,
            format!(
                "✓ شماره شبا معتبر است / Valid SHEBA number\n  {}\n  {}\n  نوع حساب: {} / Account type: {}",
                sheba.grouped(),
                bank_line(sheba.bank()),
                sheba.account_type().name_fa(),
                sheba.account_type().id()
            ),
        ),
        Err(error) => Report::invalid(&error),
    }
}

fn bill(bill_id: &str, payment_id: &str) -> Report {
    match Bill::new(bill_id, payment_id) {
        Ok(bill) => {
            let kind = bill.bill_type();
            let amount = bill.amount();
            Report::valid(
                json!({
                    "bill_id": bill.bill_id(),
                    "payment_id": bill.payment_id(),
                    "bill_type": kind.id(),
                    "bill_type_fa": kind.name_fa(),
                    "amount_rials": amount.get(),
                    "amount_words_fa": amount.words_fa(),
                    "barcode": bill.barcode(),
                }),
                true,
                format!(
                    "✓ قبض معتبر است / Valid bill\n  نوع: {} / Type: {}\n  مبلغ: {} ریال ({} ریال) / Amount: {}\n  بارکد / Barcode: {}",
                    kind.name_fa(),
                    kind.name_en(),
                    amount.grouped_fa(),
                    amount.words_fa(),
                    amount,
                    bill.barcode()
                ),
            )
        }
        Err(error) => Report::invalid(&error),
    }
}

fn national_id(input: &str) -> Report {
    match input.parse::<NationalId>() {
        Ok(id) => Report::valid(
            json!({"normalized": id.as_str()}),
            true,
            format!("✓ کد ملی معتبر است / Valid national ID\n  {}", id.as_str()),
        ),
        Err(error) => Report::invalid(&error),
    }
}

fn mobile(input: &str) -> Report {
    match input.parse::<MobileNumber>() {
        Ok(mobile) => Report::valid(
            json!({
                "normalized": mobile.as_str(),
                "international": mobile.international(),
                "operator": mobile.operator().id(),
                "operator_fa": mobile.operator().name_fa(),
            }),
            true,
            format!(
                "✓ شماره همراه معتبر است / Valid mobile number\n  {}  ({})\n  اپراتور: {} / Operator: {}",
                mobile.as_str(),
                mobile.international(),
                mobile.operator().name_fa(),
                mobile.operator().id()
            ),
        ),
        Err(error) => Report::invalid(&error),
    }
}

fn sayad(input: &str) -> Report {
    match input.parse::<SayadId>() {
        Ok(id) => Report::valid(
            json!({"normalized": id.as_str(), "grouped": id.grouped()}),
            true,
            format!(
                "✓ شناسه صیادی معتبر است (۱۶ رقم) / Valid Sayad ID (16 digits)\n  {}",
                id.grouped()
            ),
        ),
        Err(error) => Report::invalid(&error),
    }
}

fn cheque_serial(input: &str) -> Report {
    match input.parse::<ChequeSerial>() {
        Ok(serial) => Report::valid(
            json!({
                "normalized": serial.canonical(),
                "series": serial.series(),
                "serial": serial.serial(),
            }),
            true,
            format!(
                "✓ سری و سریال چک معتبر است / Valid cheque series and serial\n  سری / Series: {}  سریال / Serial: {}",
                serial.series(),
                serial.serial()
            ),
        ),
        Err(error) => Report::invalid(&error),
    }
}
