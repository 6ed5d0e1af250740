//! Mobile top-up and internet packages (خرید شارژ و بسته اینترنت): the
//! bank's catalogue -> a number (the customer's own or another; its operator
//! from the prefix, changeable for a ported number) -> a top-up amount, an
//! amazing top-up or an internet package, as the operator sells them -> the
//! account or card that pays -> the dynamic PIN (or a soft-token code) bound
//! to line, product and amount -> submit (exactly once) -> receipt with the
//! operator's reference.

mod pay;
mod state;

pub use state::{Purchase, TopupLine, TopupOrder, TopupReceipt, TopupState};

use super::bill_payment::BillSource;
use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::client::{OperatorOffer, TopupCatalog};
use crate::ids::{MobileNumber, Operator, TopupProduct, operator_by_id};
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome};

/// One top-up; every input returns the new state to render.
pub type Topup = Journey<TopupState>;

impl JourneyState for TopupState {
    const KIND: &'static str = "topup";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { order, .. } => Some(&order.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { order, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match TopupReceipt::from_json(&json) {
                Some(receipt) => Self::Succeeded { order, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => {
                let pin =
                    pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset));
                let error = Some(problem);
                match order.source {
                    BillSource::Account { .. } => Self::ConfirmAccount { order, pin, error },
                    BillSource::Card { .. } => Self::Authorize { order, pin, error },
                }
            }
            Outcome::Unknown => Self::Pending { order, pin },
        }
    }
}

/// The problem of an operator the bank sells no top-ups of.
fn not_sold() -> Problem {
    Problem::new(
        "topup.operator_not_sold",
        "شارژ این اپراتور از طریق بانک عرضه نمی‌شود.",
        "The bank sells no top-ups of this operator.",
    )
    .at("operator")
}

fn not_offered() -> Problem {
    Problem::new(
        "topup.amount_not_offered",
        "این مبلغ شارژ برای این اپراتور عرضه نمی‌شود.",
        "This operator is not sold at this amount.",
    )
    .at("amount_rials")
}

impl Topup {
    /// Starts a journey: the bank's catalogue (one request).
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let catalog = ctx.api.topup_catalog().await?;
        Ok(Self::begin(
            ctx,
            TopupState::EnterMobile {
                catalog,
                error: None,
            },
        ))
    }

    /// The number as typed (`+98`, `0098`, Persian digits, ...), or the
    /// customer's own: its operator is proposed from the prefix.
    pub fn enter_mobile(&mut self, text: &str) -> Result<&TopupState, Problem> {
        let TopupState::EnterMobile { catalog, .. } = self.state() else {
            return Err(wrong("mobile"));
        };
        let catalog = catalog.clone();
        let mobile: MobileNumber = match text.parse() {
            Ok(mobile) => mobile,
            Err(error) => {
                let error = Some(Problem::of(&error).at("mobile"));
                return Ok(self.go(TopupState::EnterMobile { catalog, error }));
            }
        };
        let operator = mobile.operator();
        let line = TopupLine {
            own: catalog.own_mobile.as_ref() == Some(&mobile),
            mobile_masked: mobile.masked(),
            mobile,
            prefix_operator: operator,
            operator,
            operator_name_fa: operator.name_fa().to_owned(),
        };
        Ok(self.go(product_state(catalog, line)))
    }

    /// Another operator for the number (`mci`, `irancell`, `rightel`): a number ported to it.
    pub fn choose_operator(&mut self, operator_id: &str) -> Result<&TopupState, Problem> {
        let TopupState::ChooseProduct { catalog, line, .. } = self.state() else {
            return Err(wrong("operator"));
        };
        let (catalog, mut line) = (catalog.clone(), line.clone());
        match operator_by_id(operator_id) {
            Ok(operator) if catalog.offer(operator).is_some() => {
                line.operator = operator;
                line.operator_name_fa = name_fa(&catalog, operator);
                Ok(self.go(product_state(catalog, line)))
            }
            _ => Ok(self.go(TopupState::ChooseProduct {
                catalog,
                line,
                error: Some(not_sold()),
            })),
        }
    }

    /// A top-up of one of the operator's amounts (as typed, or tapped);
    /// `amazing` for the operator's amazing top-up.
    pub async fn choose_charge(
        &mut self,
        amount: &str,
        amazing: bool,
    ) -> Result<&TopupState, Problem> {
        let (offer, line) = self.product_step("amount_rials")?;
        let picked = amount
            .parse::<Rials>()
            .map_err(|e| Problem::of(&e).at("amount_rials"))
            .and_then(|amount| {
                let Some(offer) = &offer else {
                    return Err(not_sold());
                };
                let title = match (&offer.amazing_title_fa, amazing) {
                    (_, false) => format!("شارژ مستقیم {}", offer.name_fa),
                    (Some(title), true) => format!("{title} {}", offer.name_fa),
                    (None, true) => {
                        return Err(Problem::new(
                            "topup.amazing_not_offered",
                            "این اپراتور شارژ شگفت‌انگیز ندارد.",
                            "This operator sells no amazing top-up.",
                        )
                        .at("product"));
                    }
                };
                if !offer.charge_amounts.contains(&amount) {
                    return Err(not_offered());
                }
                let product = if amazing {
                    TopupProduct::Amazing
                } else {
                    TopupProduct::Charge
                };
                Ok(purchase(line.clone(), product, None, title, amount))
            });
        self.offer_sources(picked).await
    }

    /// An internet package of the operator's, by the bank's id.
    pub async fn choose_package(&mut self, package_id: &str) -> Result<&TopupState, Problem> {
        let (offer, line) = self.product_step("package_id")?;
        let package = offer.as_ref().and_then(|o| o.package(package_id)).cloned();
        let picked = match (offer, package) {
            (None, _) => Err(not_sold()),
            (Some(_), None) => Err(Problem::new(
                "topup.package_not_found",
                "این بسته اینترنت برای این اپراتور عرضه نمی‌شود.",
                "This internet package is not sold for this operator.",
            )
            .at("package_id")),
            (Some(_), Some(package)) => {
                let product = TopupProduct::Package {
                    package_id: package.package_id.clone(),
                };
                let (title, price) = (package.title_fa.clone(), package.price);
                Ok(purchase(line, product, Some(package), title, price))
            }
        };
        self.offer_sources(picked).await
    }

    fn product_step(&self, field: &str) -> Result<(Option<OperatorOffer>, TopupLine), Problem> {
        match self.state() {
            state @ TopupState::ChooseProduct { line, .. } => {
                Ok((state.offer().cloned(), line.clone()))
            }
            _ => Err(wrong(field)),
        }
    }

    /// The purchase goes on to the sources (the customer's accounts and
    /// cards); a refused choice stays on the product screen.
    async fn offer_sources(
        &mut self,
        picked: Result<Purchase, Problem>,
    ) -> Result<&TopupState, Problem> {
        let purchase = match picked {
            Ok(purchase) => purchase,
            Err(problem) => {
                let mut state = self.state().clone();
                if let TopupState::ChooseProduct { error, .. } = &mut state {
                    *error = Some(problem);
                }
                return Ok(self.go(state));
            }
        };
        let api = &self.ctx().api;
        let (accounts, cards) = tokio::join!(api.accounts(), api.cards());
        let accounts = accounts?;
        let cards = cards?;
        let cards = crate::flows::other_cards::paying_cards(self.ctx(), &cards)?;
        let sources = accounts
            .iter()
            .filter(|a| a.state == "active")
            .map(BillSource::of_account)
            .chain(cards.into_iter().map(BillSource::of_card))
            .collect();
        Ok(self.go(TopupState::ChooseSource {
            purchase,
            sources,
            error: None,
        }))
    }

    /// Picks the account or card that pays: an account goes to confirmation
    /// (its balance checked here), a card to the dynamic PIN step.
    pub fn choose_source(&mut self, source_id: &str) -> Result<&TopupState, Problem> {
        let TopupState::ChooseSource {
            purchase, sources, ..
        } = self.state()
        else {
            return Err(wrong("source"));
        };
        let (purchase, sources) = (purchase.clone(), sources.clone());
        let Some(source) = sources.iter().find(|s| s.id() == source_id).cloned() else {
            return Err(
                Problem::new("source.not_found", "مبدأ یافت نشد.", "Source not found.")
                    .at("source"),
            );
        };
        let fee_rials = self.ctx().config.fees.topup_rials;
        let total_rials = purchase.amount.get().saturating_add(fee_rials);
        if let BillSource::Account {
            available_balance_rials,
            ..
        } = &source
            && *available_balance_rials < total_rials
        {
            let problem = Problem::new(
                "funds.insufficient",
                "موجودی حساب برای این خرید کافی نیست.",
                "The available balance does not cover this purchase.",
            )
            .at("source");
            return Ok(self.go(TopupState::ChooseSource {
                purchase,
                sources,
                error: Some(problem),
            }));
        }
        let order = TopupOrder {
            idempotency_key: OperationKey::new(),
            purchase,
            source,
            fee_rials,
            total_rials,
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        let state = match order.source {
            BillSource::Account { .. } => TopupState::ConfirmAccount {
                order,
                pin,
                error: None,
            },
            BillSource::Card { .. } => TopupState::Authorize {
                order,
                pin,
                error: None,
            },
        };
        Ok(self.go(state))
    }
}

/// The product screen for `line`, with its operator's offer (or why there is none).
fn product_state(catalog: TopupCatalog, line: TopupLine) -> TopupState {
    let error = catalog.offer(line.operator).is_none().then(not_sold);
    let line = TopupLine {
        operator_name_fa: name_fa(&catalog, line.operator),
        ..line
    };
    TopupState::ChooseProduct {
        catalog,
        line,
        error,
    }
}

/// The operator's name as the bank gives it (the core's own otherwise).
fn name_fa(catalog: &TopupCatalog, operator: Operator) -> String {
    catalog
        .offer(operator)
        .map_or_else(|| operator.name_fa().to_owned(), |o| o.name_fa.clone())
}

fn purchase(
    line: TopupLine,
    product: TopupProduct,
    package: Option<crate::client::InternetPackage>,
    title_fa: String,
    amount: Rials,
) -> Purchase {
    Purchase {
        line,
        product,
        package,
        title_fa,
        amount,
        amount_grouped_fa: amount.grouped_fa(),
        amount_words_fa: amount.words_fa(),
    }
}
