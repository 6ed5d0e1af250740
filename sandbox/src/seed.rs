//! `--seed demo`: customers, accounts, cards of this bank and of other banks,
//! unpaid bills and this Jalali year's holidays, all with valid identifiers.

use hamrah_core::calendar::JalaliDate;
use hamrah_core::ids::{AccountType, Bill, BillType, CardNumber, Sheba};
use hamrah_core::money::Rials;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::ledger::{self, Posting, internal};
use crate::vault::cvv2::Cvv2Mac;

/// A demo customer, as `admin_seed_get` and the start banner show them.
/// Remembered in the settings table without its password, CVV2 and second
/// PIN, which are filled in from the seed when read ([`recall`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoCustomer {
    /// Login name (absent for the customer left to activate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Password (absent for the customer left to activate).
    #[serde(skip_serializing, default)]
    pub password: Option<String>,
    /// National ID.
    pub national_id: String,
    /// Mobile number.
    pub mobile: String,
    /// Jalali birth date.
    pub birth_date: String,
    /// Name in Persian.
    pub name_fa: String,
    /// Name in English.
    pub name_en: String,
    /// The main card's number.
    pub card_pan: String,
    /// Its expiry, `YYMM` Jalali.
    pub card_expiry: String,
    /// Its CVV2.
    #[serde(skip_serializing, default)]
    pub card_cvv2: String,
    /// Its static second (internet) PIN.
    #[serde(skip_serializing, default)]
    pub card_second_pin: String,
}

struct Person {
    username: Option<&'static str>,
    password: Option<&'static str>,
    national_id: &'static str,
    mobile: &'static str,
    birth_date: &'static str,
    name_fa: &'static str,
    name_en: &'static str,
    /// Account number digits, distinct per customer.
    account_number: &'static str,
    balance: i64,
    /// A second account with a large balance (for SATNA).
    savings: Option<(&'static str, i64)>,
    card_body: &'static str,
    cvv2: &'static str,
    /// The static second PIN of every card of the customer.
    second_pin: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        username: Some("sara.ahmadi"),
        password: Some("Hamrah@1405"),
        national_id: "0012246141",
        mobile: "09121234567",
        birth_date: "1370/05/12",
        name_fa: "سارا احمدی",
        name_en: "Sara Ahmadi",
        account_number: "100200300401",
        balance: 800_000_000,
        savings: Some(("100200300402", 5_000_000_000)),
        card_body: "603799100200301",
        cvv2: "412",
        second_pin: "58214",
    },
    Person {
        username: Some("reza.karimi"),
        password: Some("Tehran#2026"),
        national_id: "3382923971",
        mobile: "09351234567",
        birth_date: "1365/11/03",
        name_fa: "رضا کریمی",
        name_en: "Reza Karimi",
        account_number: "100200300501",
        balance: 300_000_000,
        savings: None,
        card_body: "603799100200501",
        cvv2: "733",
        second_pin: "73190",
    },
    Person {
        username: None,
        password: None,
        national_id: "8472621677",
        mobile: "09211234567",
        birth_date: "1375/02/20",
        name_fa: "مریم حسینی",
        name_en: "Maryam Hosseini",
        account_number: "100200300601",
        balance: 120_000_000,
        savings: None,
        card_body: "603799100200601",
        cvv2: "905",
        second_pin: "26047",
    },
];

/// Expiry of every demo card: Jalali 1408/06.
const CARD_EXPIRY: &str = "0806";

/// Other banks' cards whose holders the sandbox knows (the Shetab path).
const OTHER_CARDS: &[(&str, &str, &str, &str)] = &[
    ("610433267735468", "mellat", "علی رضایی", "Ali Rezaei"),
    ("621986487452685", "saman", "نرگس محمدی", "Narges Mohammadi"),
    ("627353396401757", "tejarat", "حسین جعفری", "Hossein Jafari"),
];

/// The CVV2 of the other banks' seeded cards.
const OTHER_CARD_CVV2: &str = "000";

/// Other banks' SHEBA holders (PAYA and SATNA destinations).
const OTHER_SHEBAS: &[(&str, &str, &str, &str, &str)] = &[
    ("012", "mellat", "7326222975119", "علی رضایی", "Ali Rezaei"),
    (
        "018",
        "tejarat",
        "4134116339735",
        "شرکت پارس",
        "Pars Company",
    ),
    (
        "056",
        "saman",
        "9603751966407",
        "نرگس محمدی",
        "Narges Mohammadi",
    ),
];

/// Unpaid bills: company code, type, amount, biller names.
const BILLS: &[(&str, BillType, i64, &str, &str)] = &[
    (
        "63666913675",
        BillType::Water,
        3_741_000,
        "آبفای تهران",
        "Tehran Water",
    ),
    (
        "81624278103",
        BillType::Electricity,
        6_371_000,
        "توزیع برق تهران",
        "Tehran Electricity",
    ),
    (
        "14545900142",
        BillType::Gas,
        3_377_000,
        "گاز استان تهران",
        "Tehran Gas",
    ),
    (
        "37756150788",
        BillType::Landline,
        1_647_000,
        "مخابرات ایران",
        "Telecommunication Company of Iran",
    ),
    (
        "60503221393",
        BillType::Mobile,
        5_199_000,
        "همراه اول",
        "MCI",
    ),
    (
        "83545417510",
        BillType::Municipality,
        5_159_000,
        "شهرداری تهران",
        "Tehran Municipality",
    ),
];

/// Fixed official holidays of the solar calendar: month, day, title.
const SOLAR_HOLIDAYS: &[(u8, u8, &str)] = &[
    (1, 1, "عید نوروز"),
    (1, 2, "عید نوروز"),
    (1, 3, "عید نوروز"),
    (1, 4, "عید نوروز"),
    (1, 12, "روز جمهوری اسلامی"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    (12, 29, "ملی شدن صنعت نفت"),
];

/// Holidays of the lunar calendar in 1405, as announced (Jalali dates).
const LUNAR_HOLIDAYS_1405: &[(u8, u8, &str)] = &[
    (3, 6, "عید قربان"),
    (3, 14, "عید غدیر"),
    (4, 4, "تاسوعا"),
    (4, 5, "عاشورا"),
    (5, 13, "اربعین"),
    (5, 21, "رحلت پیامبر و شهادت امام حسن"),
    (5, 23, "شهادت امام رضا"),
    (6, 7, "میلاد پیامبر و امام صادق"),
    (8, 22, "شهادت حضرت فاطمه"),
    (10, 2, "ولادت امام علی"),
    (10, 16, "مبعث"),
    (11, 3, "ولادت امام مهدی"),
    (12, 9, "شهادت امام علی"),
    (12, 19, "عید فطر"),
    (12, 20, "عید فطر"),
];

/// The bank's internal ledger accounts, always present.
pub fn internal_accounts(tx: &Transaction<'_>, now: i64) -> ApiResult<()> {
    for (id, title_fa, title_en) in internal::ALL {
        tx.execute(
            "INSERT OR IGNORE INTO accounts (id, kind, title_fa, title_en, balance, opened_at)
             VALUES (?1, 'internal', ?2, ?3, 0, ?4)",
            params![id, title_fa, title_en, now],
        )?;
    }
    Ok(())
}

/// The seeded CVV2 of a seeded card, for QA (`admin_seed_get`): the cards
/// table keeps only its keyed hash.
pub fn seeded_cvv2(pan: &str) -> Option<&'static str> {
    let own = PEOPLE.iter().map(|p| (p.card_body, p.cvv2));
    let others = OTHER_CARDS
        .iter()
        .map(|(body, ..)| (*body, OTHER_CARD_CVV2));
    own.chain(others)
        .find(|(body, _)| CardNumber::issue(body).is_ok_and(|card| card.as_str() == pan))
        .map(|(_, cvv2)| cvv2)
}

/// The seeded static second PIN of a seeded card of this bank, for QA
/// (`admin_seed_get`): the cards table keeps only its keyed hash. Other
/// banks' cards have none here (their issuer keeps it).
pub fn seeded_second_pin(pan: &str) -> Option<&'static str> {
    PEOPLE
        .iter()
        .find(|p| CardNumber::issue(p.card_body).is_ok_and(|card| card.as_str() == pan))
        .map(|p| p.second_pin)
}

/// The demo customers with their passwords, CVV2s and second PINs filled in from the seed.
fn with_secrets(mut customers: Vec<DemoCustomer>) -> Vec<DemoCustomer> {
    for customer in &mut customers {
        if let Some(person) = PEOPLE
            .iter()
            .find(|p| p.national_id == customer.national_id)
        {
            customer.password = person.password.map(String::from);
            customer.card_cvv2 = person.cvv2.to_owned();
            customer.card_second_pin = person.second_pin.to_owned();
        }
    }
    customers
}

/// The demo customers remembered in the settings table ([`remember`]).
pub fn recall(json: &str) -> Vec<DemoCustomer> {
    with_secrets(serde_json::from_str(json).unwrap_or_default())
}

/// Remembers the demo customers in the settings table, without passwords,
/// CVV2s and second PINs; returns what was stored.
pub fn remember(tx: &Transaction<'_>, customers: &[DemoCustomer]) -> ApiResult<String> {
    let json = serde_json::to_string(customers).map_err(|_| ApiError::internal())?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('demo_customers', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![json],
    )?;
    Ok(json)
}

/// Rewrites demo customers an earlier sandbox stored with their passwords
/// and CVV2s; a no-op afterwards.
pub fn forget_secrets(tx: &Transaction<'_>, stored: &str) -> ApiResult<()> {
    let customers: Vec<DemoCustomer> = serde_json::from_str(stored).unwrap_or_default();
    let clean = serde_json::to_string(&customers).map_err(|_| ApiError::internal())?;
    if clean != stored {
        remember(tx, &customers)?;
    }
    Ok(())
}

/// Seeds the demo bank into an empty database; returns the demo customers.
/// Cards keep only the keyed hashes of their CVV2 and second PIN.
pub fn demo(
    tx: &Transaction<'_>,
    bank_code: &str,
    now: i64,
    cvv2: &Cvv2Mac,
) -> ApiResult<Vec<DemoCustomer>> {
    internal_accounts(tx, now)?;
    let mut customers = Vec::new();
    let mut cheque_owners = Vec::new();
    for (index, person) in PEOPLE.iter().enumerate() {
        let customer_id = format!("cus_demo{index}");
        let password_hash = person.password.map(crate::password::hash).transpose()?;
        tx.execute(
            "INSERT INTO customers (id, national_id, mobile, birth_date, name_fa, name_en, username, password_hash, password_changed_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![customer_id, person.national_id, person.mobile, person.birth_date, person.name_fa, person.name_en, person.username, password_hash, now],
        )?;
        let account_id = open_account(
            tx,
            &customer_id,
            bank_code,
            person.account_number,
            "current",
            "حساب جاری",
            "Current account",
            person.balance,
            now,
        )?;
        if let Some((number, balance)) = person.savings {
            open_account(
                tx,
                &customer_id,
                bank_code,
                number,
                "savings",
                "حساب پس‌انداز",
                "Savings account",
                balance,
                now,
            )?;
        }
        let pan = CardNumber::issue(person.card_body).map_err(|_| ApiError::internal())?;
        tx.execute(
            "INSERT INTO cards (id, pan, bank_id, account_id, customer_id, holder_name_fa, holder_name_en, expiry, cvv2, second_pin, created_at)
             VALUES (?1, ?2, 'melli', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![format!("crd_demo{index}"), pan.as_str(), account_id, customer_id, person.name_fa, person.name_en, CARD_EXPIRY, cvv2.digest(pan.as_str(), person.cvv2)?, cvv2.second_pin_digest(pan.as_str(), person.second_pin)?, now],
        )?;
        cheque_owners.push((
            customer_id.clone(),
            person.national_id.to_owned(),
            person.name_fa.to_owned(),
            person.account_number.to_owned(),
        ));
        customers.push(DemoCustomer {
            username: person.username.map(String::from),
            password: person.password.map(String::from),
            national_id: person.national_id.into(),
            mobile: person.mobile.into(),
            birth_date: person.birth_date.into(),
            name_fa: person.name_fa.into(),
            name_en: person.name_en.into(),
            card_pan: pan.as_str().to_owned(),
            card_expiry: CARD_EXPIRY.into(),
            card_cvv2: person.cvv2.into(),
            card_second_pin: person.second_pin.into(),
        });
    }
    for (index, (body, bank_id, name_fa, name_en)) in OTHER_CARDS.iter().enumerate() {
        let pan = CardNumber::issue(body).map_err(|_| ApiError::internal())?;
        tx.execute(
            "INSERT INTO cards (id, pan, bank_id, holder_name_fa, holder_name_en, expiry, cvv2, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![format!("crd_ext{index}"), pan.as_str(), bank_id, name_fa, name_en, CARD_EXPIRY, cvv2.digest(pan.as_str(), OTHER_CARD_CVV2)?, now],
        )?;
    }
    for (code, bank_id, number, name_fa, name_en) in OTHER_SHEBAS {
        let sheba = Sheba::issue(code, AccountType::NonCentral, number)
            .map_err(|_| ApiError::internal())?;
        tx.execute(
            "INSERT INTO external_shebas (sheba, bank_id, holder_name_fa, holder_name_en) VALUES (?1, ?2, ?3, ?4)",
            params![sheba.as_str(), bank_id, name_fa, name_en],
        )?;
    }
    for (company, kind, amount, biller_fa, biller_en) in BILLS {
        let amount = Rials::new(u64::try_from(*amount).unwrap_or_default());
        let bill = Bill::issue(company, *kind, amount, 8, 4).map_err(|_| ApiError::internal())?;
        tx.execute(
            "INSERT INTO bills (bill_id, payment_id, biller_fa, biller_en) VALUES (?1, ?2, ?3, ?4)",
            params![bill.bill_id(), bill.payment_id(), biller_fa, biller_en],
        )?;
    }
    for bank in hamrah_core::banks::all() {
        tx.execute(
            "INSERT INTO issuers (bank_id, otp_connected) VALUES (?1, ?2)",
            params![bank.id, i64::from(bank.id != "saman")],
        )?;
    }
    holidays(tx, now)?;
    crate::loans::seed::demo(tx, now)?;
    crate::cheques::seed::demo(tx, &cheque_owners, now)?;
    Ok(customers)
}

#[allow(clippy::too_many_arguments)]
fn open_account(
    tx: &Transaction<'_>,
    customer_id: &str,
    bank_code: &str,
    number: &str,
    product: &str,
    title_fa: &str,
    title_en: &str,
    opening_balance: i64,
    now: i64,
) -> ApiResult<String> {
    let sheba = Sheba::issue(bank_code, AccountType::NonCentral, number)
        .map_err(|_| ApiError::internal())?;
    let account_id = format!("acc_{number}");
    tx.execute(
        "INSERT INTO accounts (id, customer_id, kind, product, title_fa, title_en, number, sheba, balance, opened_at)
         VALUES (?1, ?2, 'deposit', ?3, ?4, ?5, ?6, ?7, 0, ?8)",
        params![account_id, customer_id, product, title_fa, title_en, number, sheba.as_str(), now],
    )?;
    ledger::post(
        tx,
        "seed",
        None,
        &[
            Posting {
                account_id: internal::EQUITY,
                amount: -opening_balance,
                description_fa: "افتتاح حساب",
                counterparty: None,
            },
            Posting {
                account_id: &account_id,
                amount: opening_balance,
                description_fa: "واریز افتتاح حساب",
                counterparty: None,
            },
        ],
        now,
    )?;
    Ok(account_id)
}

/// This Jalali year's and the next one's official holidays.
fn holidays(tx: &Transaction<'_>, now: i64) -> ApiResult<()> {
    let today = jiff::Timestamp::from_second(now)
        .ok()
        .map(|ts| ts.to_zoned(hamrah_core::calendar::tehran()).date())
        .and_then(|date| JalaliDate::from_gregorian(date).ok())
        .ok_or_else(ApiError::internal)?;
    let mut days: Vec<(i32, u8, u8, &str)> = Vec::new();
    for year in [today.year(), today.year() + 1] {
        days.extend(SOLAR_HOLIDAYS.iter().map(|&(m, d, t)| (year, m, d, t)));
        if year == 1405 {
            days.extend(LUNAR_HOLIDAYS_1405.iter().map(|&(m, d, t)| (year, m, d, t)));
        }
    }
    for (year, month, day, title) in days {
        let Ok(date) = JalaliDate::new(year, month, day) else {
            continue;
        };
        tx.execute(
            "INSERT OR IGNORE INTO holidays (date, date_jalali, title_fa) VALUES (?1, ?2, ?3)",
            params![date.to_gregorian().to_string(), date.to_string(), title],
        )?;
    }
    Ok(())
}

/// The seeded data as `admin_seed_get` shows it (the contract's `SeedData`).
pub fn describe(conn: &rusqlite::Connection) -> ApiResult<serde_json::Value> {
    use serde_json::json;
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'demo_customers'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let demo = stored.map(|j| recall(&j)).unwrap_or_default();
    let mut accounts = conn.prepare(
        "SELECT a.id, a.sheba, a.balance FROM accounts a JOIN customers c ON c.id = a.customer_id
         WHERE c.national_id = ?1 AND a.kind = 'deposit' ORDER BY a.id",
    )?;
    let mut cards = conn.prepare(
        "SELECT k.id, k.pan, k.expiry, k.holder_name_fa, k.bank_id, k.creditable FROM cards k
         JOIN customers c ON c.id = k.customer_id WHERE c.national_id = ?1 ORDER BY k.id",
    )?;
    // The CVV2 and second PIN come from the seed: the cards table has only their keyed hashes.
    let card_json = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Option<serde_json::Value>> {
        let pan: String = r.get(1)?;
        let mut card = json!({
            "card_id": r.get::<_, String>(0)?,
            "pan": pan,
            "expiry": r.get::<_, String>(2)?,
            "holder_name": r.get::<_, String>(3)?,
            "bank_id": r.get::<_, String>(4)?,
            "creditable": r.get::<_, bool>(5)?,
        });
        if let Some(pin) = seeded_second_pin(&pan) {
            card["second_pin"] = pin.into();
        }
        Ok(seeded_cvv2(&pan).map(|cvv2| {
            card["cvv2"] = cvv2.into();
            card
        }))
    };
    let mut customers = Vec::new();
    for person in &demo {
        let account_list = accounts
            .query_map(params![person.national_id], |r| {
                Ok(json!({"account_id": r.get::<_, String>(0)?, "sheba": r.get::<_, String>(1)?, "balance_rials": r.get::<_, i64>(2)?}))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let card_list = cards
            .query_map(params![person.national_id], card_json)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        let mut customer = json!({
            "national_id": person.national_id,
            "mobile": person.mobile,
            "birth_date": person.birth_date,
            "full_name_fa": person.name_fa,
            "activated": person.username.is_some(),
            "accounts": account_list,
            "cards": card_list,
        });
        if let (Some(username), Some(password)) = (&person.username, &person.password) {
            customer["username"] = username.clone().into();
            customer["password"] = password.clone().into();
        }
        customers.push(customer);
    }
    let other_bank_cards = conn
        .prepare("SELECT id, pan, expiry, holder_name_fa, bank_id, creditable FROM cards WHERE customer_id IS NULL ORDER BY id")?
        .query_map([], card_json)?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    let other_bank_shebas = conn
        .prepare("SELECT sheba FROM external_shebas ORDER BY sheba")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let bills = conn
        .prepare("SELECT bill_id, payment_id, biller_fa, paid_at IS NOT NULL FROM bills ORDER BY bill_id")?
        .query_map([], |r| {
            let (bill_id, payment_id): (String, String) = (r.get(0)?, r.get(1)?);
            Ok((bill_id, payment_id, r.get::<_, String>(2)?, r.get::<_, bool>(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(bill_id, payment_id, biller_fa, paid)| {
            let bill = Bill::new(&bill_id, &payment_id).ok()?;
            Some(json!({
                "bill_id": bill.bill_id(),
                "payment_id": bill.payment_id(),
                "bill_type": bill.bill_type().id(),
                "amount_rials": bill.amount().get(),
                "biller": {"biller_code": bill.company_code(), "name_fa": biller_fa},
                "paid": paid,
            }))
        })
        .collect::<Vec<_>>();
    let loans = conn
        .prepare(
            "SELECT l.id, l.loan_number, c.national_id FROM loans l JOIN customers c ON c.id = l.customer_id
             ORDER BY l.id",
        )?
        .query_map([], |r| {
            Ok(json!({
                "loan_id": r.get::<_, String>(0)?,
                "loan_number": r.get::<_, String>(1)?,
                "holder_national_id": r.get::<_, String>(2)?,
            }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({
        "customers": customers,
        "other_bank_cards": other_bank_cards,
        "other_bank_shebas": other_bank_shebas,
        "bills": bills,
        "loans": loans,
    }))
}
