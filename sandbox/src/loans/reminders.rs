//! The loans' SMS notices that fall due with time, run whenever the sandbox
//! clock moves and before loans are read: a reminder
//! `loans.reminder_days_before` days before an instalment's due date, and a
//! notice once it is overdue (the Tehran day after it), each sent once.

use jiff::civil::Date;
use rusqlite::{Transaction, params};

use super::{days_overdue, jalali_date, penalty};
use crate::clock::jalali;
use crate::config::LoanRules;
use crate::error::{ApiError, ApiResult};
use crate::settlement::business_days::tehran_date;
use crate::sms::{self, Sms, SmsKind};

struct Pending {
    loan_id: String,
    loan_number: String,
    mobile: String,
    number: i64,
    due_date: Date,
    amount: i64,
    reminded: bool,
    noticed: bool,
}

/// Sends every reminder and overdue notice due at `now`; returns how many.
pub fn run_due(tx: &Transaction<'_>, now: i64, rules: &LoanRules) -> ApiResult<usize> {
    let today = tehran_date(now)?;
    let horizon = today
        .checked_add(jiff::Span::new().days(rules.reminder_days_before))
        .map_err(|_| ApiError::internal())?;
    let pending = tx
        .prepare_cached(
            "SELECT l.id, l.loan_number, c.mobile, i.number, i.due_date, i.amount,
                    i.reminded_at IS NOT NULL, i.overdue_noticed_at IS NOT NULL
             FROM loan_instalments i JOIN loans l ON l.id = i.loan_id JOIN customers c ON c.id = l.customer_id
             WHERE i.paid_at IS NULL AND l.settled_at IS NULL AND i.due_date <= ?1
               AND (i.reminded_at IS NULL OR i.overdue_noticed_at IS NULL)
             ORDER BY i.due_date, l.id, i.number",
        )?
        .query_map(params![horizon.to_string()], |r| {
            let due: String = r.get(4)?;
            Ok(Pending {
                loan_id: r.get(0)?,
                loan_number: r.get(1)?,
                mobile: r.get(2)?,
                number: r.get(3)?,
                due_date: due.parse().unwrap_or_default(),
                amount: r.get(5)?,
                reminded: r.get(6)?,
                noticed: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut sent = 0;
    for item in &pending {
        let days = days_overdue(item.due_date, today);
        let text = if days > 0 && !item.noticed {
            format!(
                "قسط معوق\nتسهیلات {}\nقسط {} سررسید {}\nمبلغ: {} ریال\nجریمه تا امروز: {} ریال\n{}",
                item.loan_number,
                item.number,
                jalali_date(item.due_date),
                item.amount,
                penalty(item.amount, days, rules),
                jalali(now)
            )
        } else if days == 0 && !item.reminded {
            format!(
                "یادآوری قسط\nتسهیلات {}\nقسط {} سررسید {}\nمبلغ: {} ریال\n{}",
                item.loan_number,
                item.number,
                jalali_date(item.due_date),
                item.amount,
                jalali(now)
            )
        } else {
            continue;
        };
        sms::send(
            tx,
            &Sms {
                mobile: &item.mobile,
                kind: SmsKind::Instalment,
                text: &text,
                idempotency_key: None,
            },
            now,
        )?;
        // An overdue notice stands for the reminder too: none is sent after it.
        tx.prepare_cached(
            "UPDATE loan_instalments SET reminded_at = COALESCE(reminded_at, ?3),
                    overdue_noticed_at = CASE WHEN ?4 THEN ?3 ELSE overdue_noticed_at END
             WHERE loan_id = ?1 AND number = ?2",
        )?
        .execute(params![item.loan_id, item.number, now, days > 0])?;
        sent += 1;
    }
    Ok(sent)
}
