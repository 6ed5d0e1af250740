//! What a command found, printed as JSON or as readable text.

use std::process::ExitCode;

use hamrah_core::Coded;
use serde_json::{Value, json};

/// The outcome of one command: its JSON form, its readable form, and whether the input was valid.
pub struct Report {
    valid: bool,
    json: Value,
    text: String,
}

impl Report {
    /// A valid input: the JSON object (to which `"valid": true` is added when
    /// `with_valid_flag`) and the lines a person reads.
    pub fn valid(mut json: Value, with_valid_flag: bool, text: String) -> Self {
        if let Some(object) = json.as_object_mut().filter(|_| with_valid_flag) {
            object.insert("valid".into(), Value::Bool(true));
        }
        Self {
            valid: true,
            json,
            text,
        }
    }

    /// A report whose JSON and text are already complete; `ok` decides the exit status.
    pub fn new(ok: bool, json: Value, text: String) -> Self {
        Self {
            valid: ok,
            json,
            text,
        }
    }

    /// A refused input, with its coded error.
    pub fn invalid(error: &dyn Coded) -> Self {
        Self {
            valid: false,
            json: json!({
                "valid": false,
                "error": {
                    "code": error.code(),
                    "message_fa": error.message_fa(),
                    "message_en": error.message_en(),
                },
            }),
            text: format!(
                "✗ {}\n  {}\n  {}",
                error.code(),
                error.message_fa(),
                error.message_en()
            ),
        }
    }

    /// Prints the report and gives the exit status: 0 valid, 1 invalid.
    pub fn print(self, as_json: bool) -> ExitCode {
        if as_json {
            println!("{}", self.json);
        } else {
            println!("{}", self.text);
        }
        if self.valid {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }
}

/// The JSON form of a bank.
pub fn bank_json(bank: Option<&hamrah_core::banks::Bank>) -> Value {
    bank.map_or(
        Value::Null,
        |b| json!({"id": b.id, "name_fa": b.name_fa, "name_en": b.name_en}),
    )
}

/// The readable line of a bank.
pub fn bank_line(bank: Option<&hamrah_core::banks::Bank>) -> String {
    bank.map_or_else(
        || "بانک: ناشناخته / Bank: unknown".to_owned(),
        |b| format!("بانک: {} / Bank: {}", b.name_fa, b.name_en),
    )
}
