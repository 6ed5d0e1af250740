//! `hamrah`: Hamrah's desktop shell for QA.
//!
//! Every command prints one JSON object with `--json` and a readable
//! Persian/English form without it. Exit status: 0 when the input is valid
//! (for `demo`: every step succeeded), 1 when it is not, 2 on a usage error.

mod commands;
mod report;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::{check, date, demo, otp, token, words};

/// Hamrah: the Iranian mobile-banking core, from the command line.
#[derive(Debug, Parser)]
#[command(name = "hamrah", version, about)]
struct Cli {
    /// Print one JSON object instead of readable text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an identifier: a card number, SHEBA, bill, national ID or mobile number.
    #[command(subcommand)]
    Check(check::Check),
    /// Write an amount of rials in Persian words.
    Words(words::Words),
    /// Convert a date between the Gregorian and Jalali calendars.
    Date(date::Date),
    /// Compute a one-time password (HOTP, TOTP or OCRA), like oathtool.
    #[command(subcommand)]
    Otp(otp::Otp),
    /// A card's soft token for a demo profile: activate it, show its codes, list tokens.
    Token(token::Token),
    /// Run a full customer session against an in-process sandbox bank:
    /// activation, login, card-to-card, PAYA, SATNA, a bill, a statement, blocking a card.
    Demo(demo::Demo),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = match cli.command {
        Command::Check(check) => check.run(),
        Command::Words(words) => words.run(),
        Command::Date(date) => date.run(),
        Command::Otp(otp) => otp.run(),
        Command::Token(token) => token.run(),
        Command::Demo(demo) => demo.run(),
    };
    report.print(cli.json)
}
