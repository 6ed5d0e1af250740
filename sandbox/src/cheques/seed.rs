//! The demo's cheques: a book of ten leaves on each demo customer's current
//! account, and cheques to walk every path: Sara's cheque to Reza waiting for
//! his confirmation, another bank's cheque offered to Sara by an issuer with
//! a returned cheque on record (yellow), and Reza's cheque to Sara, held by
//! her, larger than his balance: presented on its due date (a week on), it
//! bounces.

use jiff::ToSpan;
use rusqlite::{Transaction, params};

use crate::error::{ApiError, ApiResult};
use crate::settlement::business_days::tehran_date;

/// Leaves in a demo cheque book.
pub const LEAVES: u32 = 10;

/// The Sayad ID of leaf `leaf` (1-based) of the book on account number
/// `account_number` (12 digits): the account number and the leaf, 16 digits.
pub fn sayad_id(account_number: &str, leaf: u32) -> String {
    format!("{account_number}{leaf:04}")
}

/// The printed series/serial of that leaf: the account number's last six
/// digits, and the leaf as eight.
pub fn serial(account_number: &str, leaf: u32) -> String {
    let series = account_number
        .get(account_number.len().saturating_sub(6)..)
        .unwrap_or("1");
    format!("{series}/{leaf:08}")
}

/// An issuer at another bank, with one returned cheque on record.
const OTHER_ISSUER: (&str, &str, &str) = ("0591234564", "حسین جعفری", "tejarat");

/// Seeds the demo cheques; `people` are (customer id, national id, name, account number).
pub fn demo(
    tx: &Transaction<'_>,
    people: &[(String, String, String, String)],
    now: i64,
) -> ApiResult<()> {
    for (index, (customer_id, _, _, number)) in people.iter().enumerate() {
        let book_id = format!("chb_demo{index}");
        let series = serial(number, 1);
        let series = series.split('/').next().unwrap_or_default();
        tx.execute(
            "INSERT INTO cheque_books (id, customer_id, account_id, series, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![book_id, customer_id, format!("acc_{number}"), series, now],
        )?;
        for leaf in 1..=LEAVES {
            tx.execute(
                "INSERT INTO cheque_leaves (sayad_id, book_id, serial) VALUES (?1, ?2, ?3)",
                params![sayad_id(number, leaf), book_id, serial(number, leaf)],
            )?;
        }
    }
    let today = tehran_date(now)?;
    let day = |days: i64| -> ApiResult<String> {
        Ok(today
            .checked_add(days.days())
            .map_err(|_| ApiError::internal())?
            .to_string())
    };
    let (Some(sara), Some(reza)) = (people.first(), people.get(1)) else {
        return Ok(());
    };
    let issue = |who: &(String, String, String, String),
                 leaf: u32,
                 to: &str,
                 amount: i64,
                 due: String,
                 status: &str,
                 pending: &str,
                 text: &str|
     -> ApiResult<()> {
        let id = sayad_id(&who.3, leaf);
        tx.execute(
            "INSERT INTO cheques (sayad_id, serial, issuer_national_id, issuer_name_fa, issuer_bank_id, account_id, amount,
                                  due_date, description, status, holders, pending, registered_at)
             VALUES (?1, ?2, ?3, ?4, 'melli', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![id, serial(&who.3, leaf), who.1, who.2, format!("acc_{}", who.3), amount, due, text, status, to, pending, now],
        )?;
        tx.execute(
            "UPDATE cheque_leaves SET state = 'issued' WHERE sayad_id = ?1",
            params![id],
        )?;
        Ok(())
    };
    issue(
        sara,
        1,
        &reza.1,
        50_000_000,
        day(30)?,
        "pending_acceptance",
        &reza.1,
        "اجاره آذر",
    )?;
    issue(
        reza,
        1,
        &sara.1,
        400_000_000,
        day(7)?,
        "accepted",
        "",
        "خرید خودرو",
    )?;
    let (issuer, name, bank) = OTHER_ISSUER;
    tx.execute(
        "INSERT INTO cheques (sayad_id, serial, issuer_national_id, issuer_name_fa, issuer_bank_id, amount,
                              due_date, description, status, holders, pending, registered_at)
         VALUES ('3004500600700001', '700001/00000001', ?1, ?2, ?3, 20000000, ?4, 'تسویه فاکتور',
                 'pending_acceptance', ?5, ?5, ?6)",
        params![issuer, name, bank, day(10)?, sara.1, now],
    )?;
    tx.execute(
        "INSERT INTO returned_cheques (sayad_id, national_id, amount, returned_at)
         VALUES ('3004500600700000', ?1, 15000000, ?2)",
        params![issuer, now - 86_400 * 40],
    )?;
    Ok(())
}
