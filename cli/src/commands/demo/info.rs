//! The bank's information and the inbox: the exchange rates with the age of
//! their quote, the branches nearest to the customer and a search typed on an
//! Arabic keyboard, the deposit products; then her inbox of the bank's notices
//! of this whole session, synced, and marked read.

use hamrah_core::digits::to_persian_digits;
use hamrah_core::flows::Problem;
use hamrah_core::flows::info::{BranchDirectory, deposit_products, exchange_rates};
use hamrah_core::flows::notices::{INBOX_PAGE, Inbox};
use serde_json::json;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;

/// Where the shell says Maryam is: Vanak square, Tehran.
const HERE: (f64, f64) = (35.7577, 51.4098);
/// The currencies shown in the receipt.
const SHOWN: &[&str] = &["USD", "EUR", "AED"];

impl Walk {
    /// Exchange rates, the nearest branches, a search and the deposit products.
    pub async fn bank_info(&mut self) -> Result<Receipt, Problem> {
        let ctx = &self.maryam.ctx;
        let rates = exchange_rates(ctx, false)
            .await?
            .ok_or_else(|| demo_problem("no rates"))?;
        let mut r = Receipt::new();
        r.field(
            "quoted",
            "زمان اعلام نرخ",
            "Quoted",
            &format!("{} ({})", rates.quoted_at_fa, rates.age_fa),
        );
        let mut shown = Vec::new();
        for rate in rates
            .rates
            .iter()
            .filter(|r| SHOWN.contains(&r.currency.as_str()))
        {
            r.line(format!(
                "  {} ({}): خرید / buy {} — فروش / sell {} ریال",
                rate.name_fa, rate.currency, rate.buy_fa, rate.sell_fa
            ));
            shown.push(
                json!({"currency": rate.currency, "buy_rials": rate.buy.get(),
                "sell_rials": rate.sell.get()}),
            );
        }
        r.put("rates", shown.into())
            .put("stale", rates.stale.into());

        let directory = BranchDirectory::load(ctx).await?;
        let status = directory.status(ctx.bank_now());
        r.field(
            "branches",
            "شعبه‌ها",
            "Branches",
            &format!(
                "{} شعبه در {} شهر / {} in {} cities",
                to_persian_digits(&status.count.to_string()),
                to_persian_digits(&status.cities.len().to_string()),
                status.count,
                status.cities.len()
            ),
        );
        let near = directory.nearest(HERE.0, HERE.1, 2)?;
        for branch in &near {
            r.line(format!(
                "  نزدیک / near: {} ({}) — {} — {}",
                branch.name_fa,
                branch.code_fa,
                branch.distance_fa.clone().unwrap_or_default(),
                branch.hours_fa
            ));
        }
        let typed = "تجريش";
        let found = directory.search(typed, 1);
        let first = found
            .first()
            .ok_or_else(|| demo_problem("no branch found"))?;
        r.field(
            "search",
            "جستجوی «تجريش» (ي عربی)",
            "Search (Arabic yeh)",
            &format!("{} — {}", first.name_fa, first.phone_fa),
        )
        .put(
            "nearest_codes",
            near.iter()
                .map(|b| b.code.clone())
                .collect::<Vec<_>>()
                .into(),
        )
        .put("search_code", first.code.clone().into());

        let products = deposit_products(ctx, false)
            .await?
            .ok_or_else(|| demo_problem("no products"))?;
        for product in products.products.iter().filter(|p| p.rate_basis_points > 0) {
            r.line(format!(
                "  {}: {} — {} — حداقل / from {}",
                product.name_fa, product.rate_fa, product.term_fa, product.minimum_balance_fa
            ));
        }
        r.put("products", products.products.len().into());
        Ok(r)
    }

    /// Her inbox: the bank's notices of the session (never a code), synced,
    /// counted unread, then all marked read.
    pub async fn inbox(&mut self) -> Result<Receipt, Problem> {
        let inbox = Inbox::new(self.maryam.ctx.clone());
        let view = inbox.sync(INBOX_PAGE).await?;
        let mut r = Receipt::new();
        r.field(
            "unread",
            "خوانده‌نشده",
            "Unread",
            &to_persian_digits(&view.unread_count.to_string()),
        );
        let mut kinds = Vec::new();
        for notice in view.notices.iter().take(6) {
            r.line(format!(
                "  ● {} — {}{}",
                notice.title_fa,
                notice.created_at_fa,
                notice
                    .amount_fa
                    .as_ref()
                    .map(|a| format!(" — {a}"))
                    .unwrap_or_default()
            ));
        }
        for notice in &view.notices {
            kinds.push(notice.kind.clone());
        }
        let read = inbox.mark_all_read(INBOX_PAGE).await?;
        r.put("notices", view.notices.len().into())
            .put("unread_count", view.unread_count.into())
            .put("kinds", kinds.into())
            .field(
                "after_marking",
                "پس از خواندن",
                "After marking read",
                &to_persian_digits(&read.unread_count.to_string()),
            )
            .put("unread_after", read.unread_count.into());
        Ok(r)
    }
}
