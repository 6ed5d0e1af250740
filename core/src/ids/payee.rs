//! [`Payee`]: where a payment goes, the one value that the soft token's
//! code, the device signature, the SMS dynamic PIN and the SMS frame all bind.

use serde_json::{Value, json};

use super::{AccountNumber, Bill, CardNumber, LoanNumber, NationalId, SayadId, Sheba, TopupTarget};

/// Where a payment goes. `Debug` masks card and SHEBA numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payee {
    /// Card-to-card: the destination card.
    Card(CardNumber),
    /// SHEBA transfer: the destination account.
    Sheba(Sheba),
    /// Bill payment: the bill.
    Bill(Bill),
    /// Loan instalment or settlement: the loan.
    Loan(LoanNumber),
    /// A cheque: registering it (`to: None`, the cheque commits its amount),
    /// or transferring it to the national ID `to`.
    Cheque {
        /// The cheque.
        sayad_id: SayadId,
        /// The new holder, for a transfer.
        to: Option<NationalId>,
    },
    /// Top-up or internet package: the line and what is bought.
    Topup(TopupTarget),
    /// Transfer to an account of the customer's own bank, by its number.
    Deposit(AccountNumber),
}

impl Payee {
    /// The string whose digest binds a code or signature: `card:{pan}`,
    /// `sheba:{sheba}`, `bill:{bill_id}:{payment_id}`, `loan:{loan_number}`,
    /// `cheque:{sayad_id}` or `cheque:{sayad_id}:{national_id}`,
    /// `topup:{mobile}:{operator}:{product}` ([`TopupTarget::canonical`]) or
    /// `deposit:{account_number}`, from the normalized identifiers.
    pub fn canonical(&self) -> String {
        match self {
            Self::Card(card) => format!("card:{}", card.as_str()),
            Self::Sheba(sheba) => format!("sheba:{}", sheba.as_str()),
            Self::Bill(bill) => format!("bill:{}:{}", bill.bill_id(), bill.payment_id()),
            Self::Loan(loan) => format!("loan:{}", loan.as_str()),
            Self::Cheque { sayad_id, to: None } => format!("cheque:{}", sayad_id.as_str()),
            Self::Cheque {
                sayad_id,
                to: Some(to),
            } => format!("cheque:{}:{}", sayad_id.as_str(), to.as_str()),
            Self::Topup(target) => target.canonical(),
            Self::Deposit(number) => format!("deposit:{}", number.as_str()),
        }
    }

    /// The contract's `Payee` object (`{"kind":"card","pan":..}`).
    pub fn to_contract(&self) -> Value {
        match self {
            Self::Card(card) => json!({"kind": "card", "pan": card.as_str()}),
            Self::Sheba(sheba) => json!({"kind": "sheba", "sheba": sheba.as_str()}),
            Self::Bill(bill) => json!({
                "kind": "bill",
                "bill_id": bill.bill_id(),
                "payment_id": bill.payment_id(),
            }),
            Self::Loan(loan) => json!({"kind": "loan", "loan_number": loan.as_str()}),
            Self::Cheque { sayad_id, to } => {
                let mut payee = json!({"kind": "cheque", "sayad_id": sayad_id.as_str()});
                if let Some(to) = to {
                    payee["national_id"] = to.as_str().into();
                }
                payee
            }
            Self::Topup(target) => {
                let mut payee = json!({
                    "kind": "topup",
                    "mobile": target.mobile.as_str(),
                    "operator": target.operator.id(),
                    "product": target.product.kind(),
                });
                if let Some(id) = target.product.package_id() {
                    payee["package_id"] = id.as_str().into();
                }
                payee
            }
            Self::Deposit(number) => json!({"kind": "deposit", "account_number": number.as_str()}),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn the_canonical_strings_and_contract_objects() {
        let card = Payee::Card("6037999836900602".parse().unwrap());
        assert_eq!(card.canonical(), "card:6037999836900602");
        assert_eq!(card.to_contract()["pan"], "6037999836900602");
        let bill = Payee::Bill(Bill::new("6366691367513", "374180484").unwrap());
        assert_eq!(bill.canonical(), "bill:6366691367513:374180484");
        assert_eq!(bill.to_contract()["kind"], "bill");
        assert!(!format!("{card:?}").contains("6037999836900602"));
        let loan = Payee::Loan("0101234567001".parse().unwrap());
        assert_eq!(loan.canonical(), "loan:0101234567001");
        assert_eq!(loan.to_contract()["loan_number"], "0101234567001");
        let sayad_id: SayadId = "1234567890123456".parse().unwrap();
        let issue = Payee::Cheque {
            sayad_id: sayad_id.clone(),
            to: None,
        };
        assert_eq!(issue.canonical(), "cheque:1234567890123456");
        let transfer = Payee::Cheque {
            sayad_id,
            to: Some("0012246141".parse().unwrap()),
        };
        assert_eq!(transfer.canonical(), "cheque:1234567890123456:0012246141");
        assert_eq!(transfer.to_contract()["national_id"], "0012246141");
        let deposit = Payee::Deposit("100200300501".parse().unwrap());
        assert_eq!(deposit.canonical(), "deposit:100200300501");
        assert_eq!(deposit.to_contract()["account_number"], "100200300501");
        let topup = Payee::Topup(super::super::TopupTarget {
            mobile: "09121234567".parse().unwrap(),
            operator: super::super::Operator::Mci,
            product: super::super::TopupProduct::parse("package", Some("mci_7d_5gb")).unwrap(),
        });
        assert_eq!(
            topup.canonical(),
            "topup:09121234567:mci:package:mci_7d_5gb"
        );
        assert_eq!(topup.to_contract()["package_id"], "mci_7d_5gb");
        assert_eq!(topup.to_contract()["product"], "package");
    }
}
