//! Money: integer rials, their display, and their Persian words.

mod rials;
mod words;

pub use rials::{MoneyError, Rials};
pub use words::persian_words;
