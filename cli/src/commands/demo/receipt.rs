//! A step's receipt, built once and shown two ways: a JSON `detail` object
//! and lines a person reads (Persian first, then English).

use hamrah_core::flows::Problem;
use hamrah_core::money::Rials;
use serde_json::{Map, Value, json};

/// What one step showed.
#[derive(Debug, Default)]
pub struct Receipt {
    detail: Map<String, Value>,
    lines: Vec<String>,
}

impl Receipt {
    /// An empty receipt.
    pub fn new() -> Self {
        Self::default()
    }

    /// A field in both forms: `key` in JSON, `fa / en: shown` as a line.
    pub fn field(&mut self, key: &str, fa: &str, en: &str, shown: &str) -> &mut Self {
        self.detail.insert(key.to_owned(), shown.into());
        self.lines.push(format!("{fa} / {en}: {shown}"));
        self
    }

    /// A JSON-only value.
    pub fn put(&mut self, key: &str, value: Value) -> &mut Self {
        self.detail.insert(key.to_owned(), value);
        self
    }

    /// A line only (a sub-line of a list, a note).
    pub fn line(&mut self, text: String) -> &mut Self {
        self.lines.push(text);
        self
    }

    /// An amount: rials, Persian digits and words in JSON; one readable line.
    pub fn amount(&mut self, key: &str, fa: &str, en: &str, rials: u64) -> &mut Self {
        let amount = Rials::new(rials);
        self.detail.insert(format!("{key}_rials"), rials.into());
        self.detail
            .insert(format!("{key}_fa"), amount.grouped_fa().into());
        self.detail
            .insert(format!("{key}_words_fa"), amount.words_fa().into());
        self.lines.push(format!("{fa} / {en}: {}", money(rials)));
        self
    }

    /// A Jalali date-time from the bank (`1403/12/11 11:45:00`), also in Persian digits.
    pub fn when(&mut self, key: &str, fa: &str, en: &str, jalali: &str) -> &mut Self {
        let persian = hamrah_core::digits::to_persian_digits(jalali);
        self.detail.insert(key.to_owned(), jalali.into());
        self.detail
            .insert(format!("{key}_fa"), persian.clone().into());
        self.lines
            .push(format!("{fa} / {en}: {persian} ({jalali}, Tehran)"));
        self
    }

    /// The JSON detail.
    pub fn detail(&self) -> Value {
        Value::Object(self.detail.clone())
    }

    /// The readable lines.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

/// `۵٬۰۰۰٬۰۰۰ ریال (پنج میلیون ریال) / 5,000,000 rials`.
pub fn money(rials: u64) -> String {
    let amount = Rials::new(rials);
    format!(
        "{} ریال ({} ریال) / {} rials",
        amount.grouped_fa(),
        amount.words_fa(),
        amount.grouped()
    )
}

/// One step of the demo as it ended.
#[derive(Debug)]
pub struct Step {
    /// Machine name (`card_transfer`).
    pub name: &'static str,
    /// Title in Persian.
    pub title_fa: &'static str,
    /// Title in English.
    pub title_en: &'static str,
    /// The receipt, or why the step failed.
    pub result: Result<Receipt, Problem>,
}

impl Step {
    /// Whether the step succeeded.
    pub fn ok(&self) -> bool {
        self.result.is_ok()
    }

    /// The step's JSON (`name`, `ok`, `detail` or `error`).
    pub fn json(&self) -> Value {
        match &self.result {
            Ok(receipt) => json!({"name": self.name, "ok": true, "detail": receipt.detail()}),
            Err(problem) => json!({"name": self.name, "ok": false, "detail": {}, "error": {
                "code": problem.code, "message_fa": problem.message_fa, "message_en": problem.message_en,
            }}),
        }
    }

    /// The step as a person reads it.
    pub fn text(&self, number: usize) -> String {
        let index = hamrah_core::digits::to_persian_digits(&number.to_string());
        let mark = if self.ok() { "✓" } else { "✗" };
        let mut out = format!("{mark} {index}. {} / {}\n", self.title_fa, self.title_en);
        match &self.result {
            Ok(receipt) => {
                for line in receipt.lines() {
                    out.push_str("    ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Err(problem) => out.push_str(&format!(
                "    {}: {} / {}\n",
                problem.code, problem.message_fa, problem.message_en
            )),
        }
        out
    }
}
