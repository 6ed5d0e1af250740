//! What a top-up buys, for which line: [`TopupTarget`] (mobile number, the
//! operator the customer confirmed, the product), the payee a top-up's
//! second factor and signature bind.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{MobileNumber, Operator};

/// The longest package id the bank uses.
const PACKAGE_ID_MAX: usize = 40;

crate::coded_error! {
    /// Why a top-up's operator, product or package was refused.
    pub enum TopupError {
        /// An operator name no operator has.
        UnknownOperator => (
            "topup.operator_unknown",
            "اپراتور انتخاب‌شده شناخته نیست.",
            "This operator is not known."
        ),
        /// Not `charge`, `amazing` or `package`.
        UnknownProduct => (
            "topup.product_unknown",
            "نوع خرید نامعتبر است.",
            "This kind of top-up is not known."
        ),
        /// A package id that is not 1 to 40 of `a-z`, `0-9` and `_`.
        PackageId => (
            "topup.package_id",
            "شناسه بسته اینترنت نامعتبر است.",
            "The internet package id is not valid."
        ),
    }
}

/// Every operator, for reading one by its id.
const OPERATORS: [Operator; 8] = [
    Operator::Mci,
    Operator::Irancell,
    Operator::Rightel,
    Operator::Shatel,
    Operator::Talia,
    Operator::TeleKish,
    Operator::Mtce,
    Operator::Virtual,
];

/// The operator with the machine name `id` (`mci`, `irancell`, ...).
pub fn operator_by_id(id: &str) -> Result<Operator, TopupError> {
    OPERATORS
        .into_iter()
        .find(|o| o.id() == id)
        .ok_or(TopupError::UnknownOperator)
}

/// The bank's id of an internet package: 1 to 40 of `a-z`, `0-9`, `_`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PackageId(String);

impl PackageId {
    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for PackageId {
    type Err = TopupError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fits = (1..=PACKAGE_ID_MAX).contains(&input.len())
            && input
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if fits {
            Ok(Self(input.to_owned()))
        } else {
            Err(TopupError::PackageId)
        }
    }
}

impl TryFrom<String> for PackageId {
    type Error = TopupError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<PackageId> for String {
    fn from(id: PackageId) -> Self {
        id.0
    }
}

impl fmt::Debug for PackageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackageId({})", self.0)
    }
}

/// What is bought.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopupProduct {
    /// A direct top-up (شارژ مستقیم).
    Charge,
    /// An amazing top-up (شارژ شگفت‌انگیز), where the operator sells it.
    Amazing,
    /// An internet package.
    Package {
        /// The bank's id of the package.
        package_id: PackageId,
    },
}

impl TopupProduct {
    /// The contract's `product`: `charge`, `amazing` or `package`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Charge => "charge",
            Self::Amazing => "amazing",
            Self::Package { .. } => "package",
        }
    }

    /// The package's id, for a package.
    pub fn package_id(&self) -> Option<&PackageId> {
        match self {
            Self::Package { package_id } => Some(package_id),
            _ => None,
        }
    }

    /// From the contract's `product` and `package_id` (a package needs its id;
    /// only a package has one).
    pub fn parse(product: &str, package_id: Option<&str>) -> Result<Self, TopupError> {
        match (product, package_id) {
            ("charge", None) => Ok(Self::Charge),
            ("amazing", None) => Ok(Self::Amazing),
            ("package", Some(id)) => Ok(Self::Package {
                package_id: id.parse()?,
            }),
            ("package", None) => Err(TopupError::PackageId),
            ("charge" | "amazing", Some(_)) => Err(TopupError::PackageId),
            _ => Err(TopupError::UnknownProduct),
        }
    }
}

/// A top-up's payee: the line and what is bought for it. `Debug` masks the number.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TopupTarget {
    /// The mobile number charged.
    pub mobile: MobileNumber,
    /// The operator the customer confirmed (the number's own, or another for a ported number).
    pub operator: Operator,
    /// What is bought.
    pub product: TopupProduct,
}

impl TopupTarget {
    /// The canonical string: `topup:{mobile}:{operator}:{product}`, and
    /// `topup:{mobile}:{operator}:package:{package_id}` for a package.
    pub fn canonical(&self) -> String {
        let mut text = format!(
            "topup:{}:{}:{}",
            self.mobile.as_str(),
            self.operator.id(),
            self.product.kind()
        );
        if let Some(id) = self.product.package_id() {
            text.push(':');
            text.push_str(id.as_str());
        }
        text
    }
}

impl fmt::Debug for TopupTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TopupTarget")
            .field("mobile", &self.mobile)
            .field("operator", &self.operator)
            .field("product", &self.product)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(product: TopupProduct) -> TopupTarget {
        TopupTarget {
            mobile: "+98 935 123 4567".parse().unwrap(),
            operator: Operator::Irancell,
            product,
        }
    }

    #[test]
    fn the_canonical_payee() {
        assert_eq!(
            target(TopupProduct::Charge).canonical(),
            "topup:09351234567:irancell:charge"
        );
        let package = TopupProduct::parse("package", Some("irc_7d_5gb")).unwrap();
        assert_eq!(
            target(package).canonical(),
            "topup:09351234567:irancell:package:irc_7d_5gb"
        );
        assert!(!format!("{:?}", target(TopupProduct::Amazing)).contains("1234567"));
    }

    #[test]
    fn products_and_operators_are_read_strictly() {
        assert_eq!(
            TopupProduct::parse("amazing", None),
            Ok(TopupProduct::Amazing)
        );
        assert_eq!(
            TopupProduct::parse("package", None),
            Err(TopupError::PackageId)
        );
        assert_eq!(
            TopupProduct::parse("charge", Some("x")),
            Err(TopupError::PackageId)
        );
        assert_eq!(
            TopupProduct::parse("gift", None),
            Err(TopupError::UnknownProduct)
        );
        assert!("Mci_30D".parse::<PackageId>().is_err());
        assert!("".parse::<PackageId>().is_err());
        assert!("a".repeat(41).parse::<PackageId>().is_err());
        assert_eq!(operator_by_id("rightel"), Ok(Operator::Rightel));
        assert_eq!(operator_by_id("telekish"), Ok(Operator::TeleKish));
        assert_eq!(operator_by_id("MCI"), Err(TopupError::UnknownOperator));
    }
}
