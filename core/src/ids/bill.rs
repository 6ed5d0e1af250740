//! [`Bill`]: a utility or government bill, by bill ID and payment ID.

use serde::{Deserialize, Serialize};

use super::checksum::bill_check_digit;
use crate::digits::{DigitsError, ascii_digits};
use crate::money::Rials;

/// Bill and payment IDs have 6 to 13 digits, their check digits included.
const ID_LENGTHS: std::ops::RangeInclusive<usize> = 6..=13;
/// Digits of each half of the barcode form.
const BARCODE_HALF: usize = 13;
/// The payment ID's trailing digits after the amount: year, two of period, two check digits.
const PAYMENT_TRAILER: usize = 5;
/// The amount in a payment ID is in thousands of rials.
const AMOUNT_UNIT: u64 = 1000;

crate::coded_error! {
    /// Why a bill was refused.
    pub enum BillError {
        /// A character other than a digit in the bill ID.
        BillInvalidCharacter => (
            "bill.bill_invalid_character",
            "شناسه قبض فقط می‌تواند شامل رقم باشد.",
            "A bill ID may contain only digits."
        ),
        /// The bill ID is not 6 to 13 digits.
        BillLength => (
            "bill.bill_length",
            "شناسه قبض باید بین ۶ تا ۱۳ رقم باشد.",
            "A bill ID has 6 to 13 digits."
        ),
        /// The bill ID's check digit does not match.
        BillChecksum => (
            "bill.bill_checksum",
            "شناسه قبض نادرست است؛ لطفاً دوباره بررسی کنید.",
            "The bill ID is not valid; please check it again."
        ),
        /// A character other than a digit in the payment ID.
        PaymentInvalidCharacter => (
            "bill.payment_invalid_character",
            "شناسه پرداخت فقط می‌تواند شامل رقم باشد.",
            "A payment ID may contain only digits."
        ),
        /// The payment ID is not 6 to 13 digits.
        PaymentLength => (
            "bill.payment_length",
            "شناسه پرداخت باید بین ۶ تا ۱۳ رقم باشد.",
            "A payment ID has 6 to 13 digits."
        ),
        /// One of the payment ID's two check digits does not match.
        PaymentChecksum => (
            "bill.payment_checksum",
            "شناسه پرداخت نادرست است؛ لطفاً دوباره بررسی کنید.",
            "The payment ID is not valid; please check it again."
        ),
        /// The bill ID names no known kind of bill.
        UnknownType => (
            "bill.type",
            "نوع قبض شناخته نشد.",
            "The kind of bill is not recognised."
        ),
        /// The barcode is not 26 digits.
        BarcodeLength => (
            "bill.barcode_length",
            "بارکد قبض باید ۲۶ رقم باشد.",
            "A bill barcode has 26 digits."
        ),
    }
}

impl BillError {
    /// The input it is about: `payment_id`, `barcode` or `bill_id`.
    pub fn field(&self) -> &'static str {
        match self {
            Self::PaymentInvalidCharacter | Self::PaymentLength | Self::PaymentChecksum => {
                "payment_id"
            }
            Self::BarcodeLength => "barcode",
            _ => "bill_id",
        }
    }
}

/// The kind of bill, from the bill ID's second-to-last digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillType {
    /// 1: water.
    Water,
    /// 2: electricity.
    Electricity,
    /// 3: gas.
    Gas,
    /// 4: landline telephone.
    Landline,
    /// 5: mobile telephone.
    Mobile,
    /// 6: municipality duties.
    Municipality,
    /// 8: tax.
    Tax,
    /// 9: traffic fines.
    TrafficFine,
}

impl BillType {
    fn from_digit(digit: u8) -> Option<Self> {
        Some(match digit {
            b'1' => Self::Water,
            b'2' => Self::Electricity,
            b'3' => Self::Gas,
            b'4' => Self::Landline,
            b'5' => Self::Mobile,
            b'6' => Self::Municipality,
            b'8' => Self::Tax,
            b'9' => Self::TrafficFine,
            _ => return None,
        })
    }

    /// From its machine name (`water`, ...), as the bank's receipts send it.
    pub fn from_id(id: &str) -> Option<Self> {
        b"12345689"
            .iter()
            .filter_map(|&digit| Self::from_digit(digit))
            .find(|kind| kind.id() == id)
    }

    /// The machine name: `water`, `electricity`, ..., `traffic_fine`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Water => "water",
            Self::Electricity => "electricity",
            Self::Gas => "gas",
            Self::Landline => "landline",
            Self::Mobile => "mobile",
            Self::Municipality => "municipality",
            Self::Tax => "tax",
            Self::TrafficFine => "traffic_fine",
        }
    }

    /// The name in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Water => "آب",
            Self::Electricity => "برق",
            Self::Gas => "گاز",
            Self::Landline => "تلفن ثابت",
            Self::Mobile => "تلفن همراه",
            Self::Municipality => "عوارض شهرداری",
            Self::Tax => "مالیات",
            Self::TrafficFine => "جریمه راهنمایی و رانندگی",
        }
    }

    /// The name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Water => "Water",
            Self::Electricity => "Electricity",
            Self::Gas => "Gas",
            Self::Landline => "Landline telephone",
            Self::Mobile => "Mobile telephone",
            Self::Municipality => "Municipality duties",
            Self::Tax => "Tax",
            Self::TrafficFine => "Traffic fine",
        }
    }
}

/// A payable bill: a bill ID and a payment ID whose check digits all match.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "BillIds", into = "BillIds")]
pub struct Bill {
    bill_id: String,
    payment_id: String,
    bill_type: BillType,
}

/// The two identifiers of a bill, as exchanged with the bank.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BillIds {
    /// The bill ID.
    pub bill_id: String,
    /// The payment ID.
    pub payment_id: String,
}

impl Bill {
    /// Checks a bill ID and payment ID as typed (digits in any script, spaces allowed).
    pub fn new(bill_id: &str, payment_id: &str) -> Result<Self, BillError> {
        let bill_id = canonical(bill_id).map_err(|e| match e {
            IdError::Chars => BillError::BillInvalidCharacter,
            IdError::Length => BillError::BillLength,
        })?;
        let (bill_body, bill_check) = split_last(&bill_id);
        if bill_check_digit(bill_body) != bill_check {
            return Err(BillError::BillChecksum);
        }
        let payment_id = canonical(payment_id).map_err(|e| match e {
            IdError::Chars => BillError::PaymentInvalidCharacter,
            IdError::Length => BillError::PaymentLength,
        })?;
        let (payment_without_last, second_check) = split_last(&payment_id);
        let (payment_body, first_check) = split_last(payment_without_last);
        if bill_check_digit(payment_body) != first_check
            || bill_check_digit(&format!("{bill_id}{payment_without_last}")) != second_check
        {
            return Err(BillError::PaymentChecksum);
        }
        let type_digit = bill_id.as_bytes()[bill_id.len() - 2];
        let bill_type = BillType::from_digit(type_digit).ok_or(BillError::UnknownType)?;
        Ok(Self {
            bill_id,
            payment_id,
            bill_type,
        })
    }

    /// Issues a bill: the biller's company code, the bill type, the amount
    /// (whole thousands of rials), the year's last digit and the 2-digit
    /// period, with every check digit computed.
    pub fn issue(
        company_code: &str,
        bill_type: BillType,
        amount: Rials,
        year_digit: u8,
        period: u8,
    ) -> Result<Self, BillError> {
        let type_digit = match bill_type {
            BillType::Water => 1,
            BillType::Electricity => 2,
            BillType::Gas => 3,
            BillType::Landline => 4,
            BillType::Mobile => 5,
            BillType::Municipality => 6,
            BillType::Tax => 8,
            BillType::TrafficFine => 9,
        };
        let bill_body = format!("{company_code}{type_digit}");
        let bill_id = format!("{bill_body}{}", bill_check_digit(&bill_body));
        let payment_body = format!(
            "{}{}{period:02}",
            amount.get() / AMOUNT_UNIT,
            year_digit % 10
        );
        let with_first = format!("{payment_body}{}", bill_check_digit(&payment_body));
        let second = bill_check_digit(&format!("{}{with_first}", bill_id.trim_start_matches('0')));
        Self::new(&bill_id, &format!("{with_first}{second}"))
    }

    /// Reads the 26-digit barcode form: the bill ID and then the payment ID,
    /// each left-padded with zeros to 13 digits.
    pub fn from_barcode(barcode: &str) -> Result<Self, BillError> {
        let digits = ascii_digits(barcode, &[' ']).map_err(|_| BillError::BarcodeLength)?;
        if digits.len() != 2 * BARCODE_HALF {
            return Err(BillError::BarcodeLength);
        }
        let (bill_id, payment_id) = digits.split_at(BARCODE_HALF);
        Self::new(bill_id, payment_id)
    }

    /// The bill ID, without leading zeros.
    pub fn bill_id(&self) -> &str {
        &self.bill_id
    }

    /// The payment ID, without leading zeros.
    pub fn payment_id(&self) -> &str {
        &self.payment_id
    }

    /// The biller's 3-digit company code: the digits before the type digit.
    pub fn company_code(&self) -> &str {
        let end = self.bill_id.len() - 2;
        &self.bill_id[end.saturating_sub(3)..end]
    }

    /// The kind of bill.
    pub fn bill_type(&self) -> BillType {
        self.bill_type
    }

    /// The amount due: the payment ID without its last five digits, in thousands of rials.
    pub fn amount(&self) -> Rials {
        let thousands = self
            .payment_id
            .get(..self.payment_id.len().saturating_sub(PAYMENT_TRAILER))
            .and_then(|digits| digits.parse::<u64>().ok())
            .unwrap_or(0);
        Rials::new(thousands * AMOUNT_UNIT)
    }

    /// The 26-digit barcode form printed on the bill.
    pub fn barcode(&self) -> String {
        format!(
            "{:0>width$}{:0>width$}",
            self.bill_id,
            self.payment_id,
            width = BARCODE_HALF
        )
    }
}

impl TryFrom<BillIds> for Bill {
    type Error = BillError;

    fn try_from(ids: BillIds) -> Result<Self, Self::Error> {
        Self::new(&ids.bill_id, &ids.payment_id)
    }
}

impl From<Bill> for BillIds {
    fn from(bill: Bill) -> Self {
        Self {
            bill_id: bill.bill_id,
            payment_id: bill.payment_id,
        }
    }
}

enum IdError {
    Chars,
    Length,
}

/// ASCII digits without leading zeros, 6 to 13 of them.
fn canonical(input: &str) -> Result<String, IdError> {
    let digits = ascii_digits(input, &[' ']).map_err(|e| match e {
        DigitsError::Empty => IdError::Length,
        DigitsError::InvalidCharacter => IdError::Chars,
    })?;
    let trimmed = digits.trim_start_matches('0');
    if !ID_LENGTHS.contains(&trimmed.len()) {
        return Err(IdError::Length);
    }
    Ok(trimmed.to_owned())
}

/// The digits before the last one, and the last one's value.
fn split_last(digits: &str) -> (&str, u32) {
    let (body, last) = digits.split_at(digits.len().saturating_sub(1));
    (body, last.bytes().next().map_or(0, |b| u32::from(b - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_type_amount_and_barcode() {
        let bill = Bill::new("6366691367513", "374180484").unwrap();
        assert_eq!(bill.bill_type(), BillType::Water);
        assert_eq!(bill.amount(), Rials::new(3_741_000));
        assert_eq!(bill.barcode(), "63666913675130000374180484");
        assert_eq!(bill.company_code(), "675");
        assert_eq!(Bill::from_barcode(&bill.barcode()), Ok(bill));
    }

    #[test]
    fn issues_with_check_digits() {
        let bill =
            Bill::issue("63666913675", BillType::Water, Rials::new(3_741_000), 8, 4).unwrap();
        assert_eq!(
            (bill.bill_id(), bill.payment_id()),
            ("6366691367513", "374180484")
        );
    }

    #[test]
    fn refuses_each_part() {
        assert_eq!(
            Bill::new("12a45", "374180484"),
            Err(BillError::BillInvalidCharacter)
        );
        assert_eq!(Bill::new("12345", "374180484"), Err(BillError::BillLength));
        assert_eq!(
            Bill::new("6366691367514", "374180484"),
            Err(BillError::BillChecksum)
        );
        assert_eq!(
            Bill::new("6366691367513", "37418x484"),
            Err(BillError::PaymentInvalidCharacter)
        );
        assert_eq!(
            Bill::new("6366691367513", "00000"),
            Err(BillError::PaymentLength)
        );
        assert_eq!(
            Bill::new("6366691367513", "374180485"),
            Err(BillError::PaymentChecksum)
        );
        assert_eq!(Bill::from_barcode("123"), Err(BillError::BarcodeLength));
    }

    #[test]
    fn names_the_field_at_fault() {
        let field = |bill: &str, payment: &str| Bill::new(bill, payment).unwrap_err().field();
        assert_eq!(field("6366691367514", "374180484"), "bill_id");
        assert_eq!(field("12a45", "374180484"), "bill_id");
        assert_eq!(field("6366691367513", "374180485"), "payment_id");
        assert_eq!(field("6366691367513", "00000"), "payment_id");
        assert_eq!(Bill::from_barcode("123").unwrap_err().field(), "barcode");
    }
}
