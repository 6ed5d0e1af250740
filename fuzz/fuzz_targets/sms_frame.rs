#![no_main]
//! SMS frames: the clear header, opening under a key, the operation and
//! reply decoders behind the tag, and the text encodings never panic; what
//! decodes re-encodes to the same bytes.

use hamrah_core::sms::frame::{self, Header};
use hamrah_core::sms::{Reply, Request, SmsKey, gsm7, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Header::peek(data);
    if let Ok(key) = SmsKey::from_bytes(
        u16::from_be_bytes([
            data.get(1).copied().unwrap_or(0),
            data.get(2).copied().unwrap_or(0),
        ]),
        &[7; 32],
    ) {
        let _ = frame::open(&key, data);
    }
    if let Ok(request) = Request::decode(data) {
        let encoded = request.encode().expect("a decoded request encodes");
        assert_eq!(&encoded[..], data);
    }
    if let Ok(reply) = Reply::decode(data) {
        let encoded = reply.encode().expect("a decoded reply encodes");
        assert_eq!(Reply::decode(&encoded).as_ref(), Ok(&reply));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = text::parse_reply_text(text);
        if let Some(septets) = gsm7::to_septets(text) {
            let packed = gsm7::pack(&septets);
            assert_eq!(
                gsm7::unpack(&packed, septets.len()).as_deref(),
                Some(&septets[..])
            );
        }
    }
});
