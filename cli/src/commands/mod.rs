//! The CLI's commands, one file each.

pub mod check;
pub mod date;
pub mod demo;
pub mod otp;
pub mod token;
pub mod words;
