//! `hamrah words`: an amount of rials in Persian words.

use clap::Args;
use hamrah_core::money::Rials;
use serde_json::json;

use crate::report::Report;

/// Write an amount of rials in Persian words.
#[derive(Debug, Args)]
pub struct Words {
    /// The amount in rials; digits in any script, `,` separators allowed.
    rials: String,
}

impl Words {
    /// Runs the command.
    pub fn run(self) -> Report {
        match self.rials.parse::<Rials>() {
            Ok(rials) => Report::valid(
                json!({
                    "rials": rials.get(),
                    "text": rials.words_fa(),
                    "grouped": rials.grouped(),
                    "grouped_fa": rials.grouped_fa(),
                }),
                false,
                format!(
                    "{} ریال\n{} ریال\n{}",
                    rials.grouped_fa(),
                    rials.words_fa(),
                    rials
                ),
            ),
            Err(error) => Report::invalid(&error),
        }
    }
}
