//! The two encodings of a frame: a data SMS (the bytes, ≤140) and a text SMS
//! in the GSM 03.38 alphabet (≤160 characters, never UCS-2). A text frame is
//! the bytes in standard base64 without padding: `A-Z a-z 0-9 + /`, all in
//! the GSM basic table, so any phone sends it as 7-bit. A text reply is a
//! readable GSM-7 summary, a line break, then the frame; a refusal of an
//! unreadable frame is a plain text naming its code in parentheses.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;

use super::SmsError;
use super::gsm7::{self, SINGLE_SMS_SEPTETS};

/// How a frame travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// A data SMS (Android `sendDataMessage`): the frame's bytes.
    Binary,
    /// A text SMS in the GSM alphabet (the only kind an iPhone app can send).
    Gsm7,
}

impl Encoding {
    /// The encoding the app on `platform` sends frames in, chosen here once
    /// so that no app decides it:
    ///
    /// - **iPhone: GSM-7 text**, the only possibility: an iPhone app can
    ///   neither send nor receive a data SMS; the message composer sends the
    ///   text after the customer taps Send, and she pastes the bank's text
    ///   reply back into the app.
    /// - **Android: a binary data SMS** to the bank's data port: a data SMS on
    ///   that port reaches only this app (never the customer's Messages inbox
    ///   nor another SMS app, so no frame lingers where others can read it),
    ///   and a frame's 140 bytes travel as they are (as text, base64 leaves
    ///   room for only 120).
    /// - **The desktop (QA): GSM-7 text**, which any phone can send.
    pub fn for_platform(platform: crate::client::signing::DevicePlatform) -> Self {
        use crate::client::signing::DevicePlatform;
        match platform {
            DevicePlatform::Android => Self::Binary,
            DevicePlatform::Ios | DevicePlatform::Desktop => Self::Gsm7,
        }
    }

    /// The contract's name (`binary` | `gsm7`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Binary => "binary",
            Self::Gsm7 => "gsm7",
        }
    }
}

/// The frame as the text of a text SMS.
pub fn frame_to_text(frame: &[u8]) -> String {
    STANDARD_NO_PAD.encode(frame)
}

/// The frame in a text SMS, or [`SmsError::EncodingInvalid`].
pub fn text_to_frame(text: &str) -> Result<Vec<u8>, SmsError> {
    STANDARD_NO_PAD
        .decode(text.trim())
        .map_err(|_| SmsError::EncodingInvalid)
}

/// A reply text: the summary (cut at a word to fit) and the frame on the
/// last line, in at most 160 GSM-7 septets. Characters outside the GSM basic
/// table are dropped from the summary.
pub fn reply_text(summary: &str, frame: &[u8]) -> Result<String, SmsError> {
    let frame_text = frame_to_text(frame);
    if frame_text.len() >= SINGLE_SMS_SEPTETS {
        return Err(SmsError::TooLong);
    }
    let budget = SINGLE_SMS_SEPTETS - frame_text.len() - 1;
    Ok(format!("{}\n{frame_text}", fit(summary, budget)))
}

/// The summary, with line breaks and characters outside the GSM basic table
/// dropped (each remaining one is one septet), cut at a space to `budget` septets.
pub fn fit(summary: &str, budget: usize) -> String {
    let clean: Vec<char> = summary
        .chars()
        .filter(|&c| c != '\n' && gsm7::is_basic_char(c))
        .collect();
    if clean.len() <= budget {
        return clean.into_iter().collect();
    }
    let head = &clean[..budget];
    let cut = head.iter().rposition(|&c| c == ' ').unwrap_or(budget);
    head[..cut].iter().collect()
}

/// What a pasted (or received) text reply holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyText {
    /// A frame (after the summary).
    Frame(Vec<u8>),
    /// The gateway refused the request before opening it; the contract's code.
    Refusal(String),
}

/// Reads a text reply as the customer pastes it (whole SMS or just the last line).
pub fn parse_reply_text(text: &str) -> Result<ReplyText, SmsError> {
    if let Some(code) = refusal_code(text) {
        return Ok(ReplyText::Refusal(code));
    }
    let last = text
        .split_whitespace()
        .last()
        .ok_or(SmsError::EncodingInvalid)?;
    text_to_frame(last).map(ReplyText::Frame)
}

/// The text of a refusal of a frame that could not be opened.
pub fn refusal_text(error: SmsError) -> String {
    use crate::Coded;
    let text = format!(
        "Hamrah: not done ({}). {}",
        error.code(),
        error.message_en()
    );
    fit(&text, SINGLE_SMS_SEPTETS)
}

/// The code in `Hamrah: not done (sms.reason)`, if the text is such a refusal.
fn refusal_code(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("Hamrah: not done (")?;
    let (code, _) = rest.split_once(')')?;
    code.bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_')
        .then(|| code.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn text_frames_are_basic_gsm7_and_round_trip() {
        let frame: Vec<u8> = (0..=255).collect();
        let text = frame_to_text(&frame[..105]);
        assert_eq!(text.len(), 140);
        assert!(gsm7::is_basic(&text));
        assert_eq!(text_to_frame(&text).unwrap(), frame[..105]);
        assert_eq!(text_to_frame("not base64!"), Err(SmsError::EncodingInvalid));
    }

    #[test]
    fn replies_fit_one_sms_and_parse_back() {
        let frame = [7u8; 60];
        let long = "Hamrah balance 1,000,000 IRR ".repeat(10);
        let text = reply_text(&long, &frame).unwrap();
        assert!(gsm7::septet_count(&text).unwrap() <= 160);
        assert_eq!(
            parse_reply_text(&text).unwrap(),
            ReplyText::Frame(frame.to_vec())
        );
        assert_eq!(fit("é Hamrah ¿ok? سلام", 12), "é Hamrah");
        let refusal = refusal_text(SmsError::Replayed);
        assert!(gsm7::septet_count(&refusal).unwrap() <= 160);
        assert_eq!(
            parse_reply_text(&refusal).unwrap(),
            ReplyText::Refusal("sms.replayed".into())
        );
    }
}
