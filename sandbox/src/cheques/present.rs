//! Presenting cheques on their due date: at the start of the due day
//! (Tehran) a held cheque is presented for its holders. With the funds in the
//! issuer's account it is paid (a journal entry from the issuer's account to
//! the first holder's account here, or to the interbank clearing for another
//! bank's customer; another bank's cheque comes in through the clearing);
//! without them it is returned (چک برگشتی): a returned-cheque record that
//! changes the issuer's colour code, an SMS to the issuer and a notice to the
//! holders. Runs inside the transaction of any cheque call and of the admin
//! clock, like the PAYA cycles.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{COLUMNS, ChequeRow, grouped, notify};
use crate::error::ApiResult;
use crate::ledger::{self, Posting, internal};
use crate::settlement::business_days::tehran_date;
use crate::settlement::money_alert;
use crate::sms::SmsKind;

/// Presents every held cheque due by `now`; returns how many.
pub fn run_due(tx: &Transaction<'_>, now: i64) -> ApiResult<usize> {
    let today = tehran_date(now)?.to_string();
    let due: Vec<ChequeRow> = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM cheques WHERE due_date <= ?1
             AND (status = 'accepted' OR (status = 'pending_acceptance' AND offered != ''))
             ORDER BY due_date, sayad_id"
        ))?
        .query_map(params![today], ChequeRow::from_row)?
        .collect::<Result<_, _>>()?;
    for cheque in &due {
        present(tx, cheque.clone(), now)?;
    }
    Ok(due.len())
}

/// The holder's account that a paid cheque is credited to: her current
/// account here (the first active deposit account), if she banks here.
fn holder_account(tx: &Transaction<'_>, national_id: &str) -> ApiResult<Option<(String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT c.id, a.id FROM customers c JOIN accounts a ON a.customer_id = c.id
             WHERE c.national_id = ?1 AND a.kind = 'deposit' AND a.state = 'active'
             ORDER BY a.product = 'current' DESC, a.id LIMIT 1",
        )?
        .query_row(params![national_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn present(tx: &Transaction<'_>, mut cheque: ChequeRow, now: i64) -> ApiResult<()> {
    // A transfer still unconfirmed on the due date lapses: the holders present it.
    cheque.offered.clear();
    cheque.pending.clear();
    cheque.presented_at = Some(now);
    let holder = cheque.holders.first().cloned().unwrap_or_default();
    let funded = match &cheque.account_id {
        Some(account_id) => {
            let balance: i64 = tx
                .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
                .query_row(params![account_id], |r| r.get(0))?;
            balance >= cheque.amount
        }
        // Another bank's cheque: that bank pays through the clearing.
        None => true,
    };
    let text_id = hamrah_core::ids::SayadId::try_from(cheque.sayad_id.clone())
        .map(|id| id.grouped())
        .unwrap_or_else(|_| cheque.sayad_id.clone());
    if funded {
        cheque.status = "paid".into();
        let payee = holder_account(tx, &holder)?;
        let from = cheque.account_id.as_deref().unwrap_or(internal::INTERBANK);
        let to = payee
            .as_ref()
            .map_or(internal::INTERBANK, |(_, a)| a.as_str());
        let description = format!("چک صیادی {text_id}");
        ledger::post(
            tx,
            "cheque",
            None,
            &[
                Posting {
                    account_id: from,
                    amount: -cheque.amount,
                    description_fa: &description,
                    counterparty: Some(&cheque.sayad_id),
                },
                Posting {
                    account_id: to,
                    amount: cheque.amount,
                    description_fa: &description,
                    counterparty: Some(&cheque.sayad_id),
                },
            ],
            now,
        )?;
        if let (Some(account_id), Some(issuer)) =
            (&cheque.account_id, issuer_customer(tx, &cheque)?)
        {
            money_alert(
                tx,
                &issuer,
                SmsKind::Debit,
                cheque.amount,
                &description,
                account_id,
                now,
            )?;
        }
        if let Some((customer_id, account_id)) = &payee {
            money_alert(
                tx,
                customer_id,
                SmsKind::Credit,
                cheque.amount,
                &description,
                account_id,
                now,
            )?;
        }
    } else {
        cheque.status = "bounced".into();
        tx.prepare_cached(
            "INSERT OR IGNORE INTO returned_cheques (sayad_id, national_id, amount, returned_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            cheque.sayad_id,
            cheque.issuer_national_id,
            cheque.amount,
            now
        ])?;
        let amount = grouped(cheque.amount);
        notify(
            tx,
            &cheque.issuer_national_id,
            &format!(
                "چک برگشتی\nچک صیادی {text_id} به مبلغ {amount} ریال به دلیل کسری موجودی برگشت خورد و در سابقه اعتباری شما ثبت شد."
            ),
            now,
        )?;
        for holder in &cheque.holders {
            notify(
                tx,
                holder,
                &format!(
                    "چک برگشتی\nچک صیادی {text_id} به مبلغ {amount} ریال که در اختیار شماست پرداخت نشد و برگشت خورد."
                ),
                now,
            )?;
        }
    }
    cheque.save_state(tx)
}

fn issuer_customer(tx: &Transaction<'_>, cheque: &ChequeRow) -> ApiResult<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT id FROM customers WHERE national_id = ?1")?
        .query_row(params![cheque.issuer_national_id], |r| r.get(0))
        .optional()?)
}
