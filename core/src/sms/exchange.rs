//! One exchange over SMS: the uplink SMS of a frame in its encoding, the
//! reply opened and checked, and each SMS's size as it went over the air.

use super::frame::{self, Direction, Header};
use super::gsm7;
use super::reply::Reply;
use super::text::{self, Encoding, ReplyText};
use super::transport::{InboundSms, OutboundSms};
use super::{SmsError, SmsKey};
use crate::store::Store;

/// One SMS as it went over the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameStats {
    /// Up (phone to bank) or down.
    pub direction: Direction,
    /// Data SMS or GSM-7 text.
    pub encoding: Encoding,
    /// Bytes of the frame.
    pub bytes: usize,
    /// GSM-7 septets of the whole text SMS (text only).
    pub gsm7_chars: Option<usize>,
    /// SMS segments it took.
    pub segments: usize,
}

/// One operation done over SMS: the bank's reply, what the customer reads,
/// and every SMS it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsExchange {
    /// The bank's reply.
    pub reply: Reply,
    /// The reply for the customer, in Persian.
    pub message_fa: String,
    /// The reply in English.
    pub message_en: String,
    /// The SMS sent and received, in order.
    pub frames: Vec<FrameStats>,
}

/// Opens a reply to the request sealed with `counter`: `None` when it answers
/// an earlier request; a downlink counter is accepted only once.
pub(super) fn open_reply(
    store: &Store,
    key: &SmsKey,
    counter: u32,
    inbound: InboundSms,
) -> Result<Option<(Reply, FrameStats)>, SmsError> {
    let (frame, stats) = match inbound {
        InboundSms::Binary(bytes) => {
            let stats = FrameStats {
                direction: Direction::Down,
                encoding: Encoding::Binary,
                bytes: bytes.len(),
                gsm7_chars: None,
                segments: gsm7::binary_segments(bytes.len()),
            };
            (bytes, stats)
        }
        InboundSms::Text(body) => match text::parse_reply_text(&body)? {
            ReplyText::Refusal(code) => {
                return Err(SmsError::from_code(&code).unwrap_or(SmsError::FieldInvalid));
            }
            ReplyText::Frame(bytes) => {
                let chars = gsm7::septet_count(&body).ok_or(SmsError::EncodingInvalid)?;
                let stats = FrameStats {
                    direction: Direction::Down,
                    encoding: Encoding::Gsm7,
                    bytes: bytes.len(),
                    gsm7_chars: Some(chars),
                    segments: gsm7::text_segments(chars),
                };
                (bytes, stats)
            }
        },
    };
    if Header::peek(&frame)?.direction != Direction::Down {
        return Err(SmsError::ReplyMismatch);
    }
    let (header, plaintext) = frame::open(key, &frame)?;
    let reply = Reply::decode(&plaintext)?;
    if reply.answers != counter {
        return Ok(None);
    }
    let fresh = store
        .sms_accept_downlink(key.key_id(), header.counter)
        .map_err(|_| SmsError::KeyStale)?;
    if !fresh {
        return Err(SmsError::Replayed);
    }
    Ok(Some((reply, stats)))
}

/// The SMS for a frame in `encoding`, and its stats.
pub(super) fn outbound(
    frame: Vec<u8>,
    encoding: Encoding,
) -> Result<(OutboundSms, FrameStats), SmsError> {
    Ok(match encoding {
        Encoding::Binary => {
            let stats = FrameStats {
                direction: Direction::Up,
                encoding,
                bytes: frame.len(),
                gsm7_chars: None,
                segments: gsm7::binary_segments(frame.len()),
            };
            (OutboundSms::Binary(frame), stats)
        }
        Encoding::Gsm7 => {
            let text = text::frame_to_text(&frame);
            let chars = gsm7::septet_count(&text).ok_or(SmsError::EncodingInvalid)?;
            if chars > gsm7::SINGLE_SMS_SEPTETS {
                return Err(SmsError::TooLong);
            }
            let stats = FrameStats {
                direction: Direction::Up,
                encoding,
                bytes: frame.len(),
                gsm7_chars: Some(chars),
                segments: gsm7::text_segments(chars),
            };
            (OutboundSms::Text(text), stats)
        }
    })
}
