//! [`SmsError`]: why an SMS frame or the SMS channel failed, with the codes
//! the bank's gateway uses in `result_code` (`docs/api/README.md`).

crate::coded_error! {
    /// Why an SMS frame was refused or the SMS channel could not be used.
    pub enum SmsError {
        /// Shorter than the smallest frame, or a field runs past its end.
        FrameTruncated => (
            "sms.frame_truncated",
            "پیامک ناقص رسید و اجرا نشد؛ دوباره بفرستید.",
            "The SMS arrived incomplete and was not executed; send it again."
        ),
        /// A frame version this side does not speak.
        VersionUnsupported => (
            "sms.version_unsupported",
            "نسخه پیامک پشتیبانی نمی‌شود؛ برنامه را به‌روز کنید.",
            "This SMS version is not supported; update the app."
        ),
        /// The key id names no key of this customer (retired or never agreed).
        KeyUnknown => (
            "sms.key_unknown",
            "کلید پیامکی این دستگاه شناخته نشد؛ با اینترنت وارد شوید تا کلید تازه شود.",
            "This device's SMS key is not known; log in over the internet to renew it."
        ),
        /// The authentication tag did not verify: a byte was altered, or the key is wrong.
        TagInvalid => (
            "sms.tag_invalid",
            "پیامک دست‌کاری شده یا با کلید نادرست است و اجرا نشد.",
            "The SMS was altered or sealed with a wrong key; it was not executed."
        ),
        /// The counter was already used: a replayed or duplicated SMS.
        Replayed => (
            "sms.replayed",
            "این پیامک پیش‌تر دریافت شده بود و دوباره اجرا نشد.",
            "This SMS was already received; it was not executed again."
        ),
        /// The counter is too old (or too far ahead) for the window.
        CounterOutOfWindow => (
            "sms.counter_out_of_window",
            "پیامک خیلی قدیمی است و اجرا نشد؛ دوباره بفرستید.",
            "The SMS is too old and was not executed; send it again."
        ),
        /// An operation code this side does not know.
        OperationUnknown => (
            "sms.operation_unknown",
            "این عملیات از راه پیامک پشتیبانی نمی‌شود.",
            "This operation is not supported over SMS."
        ),
        /// A field of the operation has an impossible value (a digit over 9, ...).
        FieldInvalid => (
            "sms.field_invalid",
            "یکی از اطلاعات پیامک نامعتبر است و اجرا نشد.",
            "A field of the SMS is invalid; it was not executed."
        ),
        /// The text is not a frame: not GSM-7, or not the frame's base64.
        EncodingInvalid => (
            "sms.encoding_invalid",
            "متن پیامک قابل خواندن نیست؛ همه پیامک بانک را کپی کنید.",
            "The SMS text cannot be read; copy the bank's whole SMS."
        ),
        /// The frame would not fit in one SMS.
        TooLong => (
            "sms.too_long",
            "این درخواست در یک پیامک جا نمی‌شود.",
            "This request does not fit in one SMS."
        ),
        /// No SMS key has been agreed on this device yet.
        KeyMissing => (
            "sms.key_missing",
            "بانکداری پیامکی روی این دستگاه فعال نیست؛ یک بار با اینترنت وارد شوید.",
            "SMS banking is not set up on this device; log in once over the internet."
        ),
        /// The counters of the key were lost (restore): a new key must be agreed.
        KeyStale => (
            "sms.key_stale",
            "کلید پیامکی باید تازه شود؛ یک بار با اینترنت وارد شوید.",
            "The SMS key must be renewed; log in once over the internet."
        ),
        /// Every counter of the key is used: a new key must be agreed.
        CounterExhausted => (
            "sms.counter_exhausted",
            "کلید پیامکی باید تازه شود؛ یک بار با اینترنت وارد شوید.",
            "The SMS key must be renewed; log in once over the internet."
        ),
        /// The phone could not send the SMS (no signal, no SMS permission, ...).
        TransportFailed => (
            "sms.transport_failed",
            "ارسال پیامک ممکن نشد؛ آنتن و اجازه ارسال پیامک را بررسی کنید.",
            "The SMS could not be sent; check the signal and the SMS permission."
        ),
        /// No reply came in time: the outcome is unknown, resolved with the same key.
        NoReply => (
            "sms.no_reply",
            "پاسخ بانک هنوز نرسیده است؛ نتیجه با همان شناسه پیگیری می‌شود.",
            "The bank's reply has not arrived yet; the outcome will be checked with the same key."
        ),
        /// The reply does not answer the request that was sent.
        ReplyMismatch => (
            "sms.reply_mismatch",
            "این پیامک پاسخ درخواست فعلی نیست.",
            "This SMS does not answer the current request."
        ),
    }
}

impl SmsError {
    /// The error whose stable code is `code`, if it is one of these.
    pub fn from_code(code: &str) -> Option<Self> {
        use crate::Coded;
        Self::ALL.iter().copied().find(|e| e.code() == code)
    }
}
