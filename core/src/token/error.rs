//! Why a one-time-password input was refused.

crate::coded_error! {
    /// Why a soft-token code could not be computed or a token description read.
    ///
    /// No variant carries the rejected input (a secret, a PIN, a question), so the
    /// message is safe to log.
    pub enum OtpError {
        /// The OCRA suite string is not a valid RFC 6287 `OCRASuite`.
        Suite => ("otp.suite", "مجموعهٔ OCRA معتبر نیست.", "The OCRA suite is not valid."),
        /// The secret key is empty or not valid hexadecimal or base32.
        Secret => ("otp.secret", "کلید مخفی خالی است یا قالب آن درست نیست.", "The secret key is empty or not valid hex or base32."),
        /// The challenge question is missing, too long or has characters its format does not allow.
        Question => ("otp.question", "پرسش (چالش) با قالب مجموعه سازگار نیست.", "The challenge question does not fit the suite's question format."),
        /// The suite needs a counter and none was given.
        Counter => ("otp.counter", "شمارنده داده نشده یا معتبر نیست.", "The counter is missing or not valid."),
        /// The suite needs a PIN and none (or a PIN hash of the wrong length) was given.
        Pin => ("otp.pin", "رمز داده نشده یا معتبر نیست.", "The PIN is missing or not valid."),
        /// The suite needs session information and none, or too much, was given.
        Session => ("otp.session", "اطلاعات نشست داده نشده یا بیش از اندازه است.", "The session information is missing or too long."),
        /// The time is missing, before 1970 or out of range.
        Time => ("otp.time", "زمان داده نشده یا خارج از بازه است.", "The time is missing or out of range."),
        /// The number of digits is not allowed (6 to 8 for HOTP and TOTP).
        Digits => ("otp.digits", "تعداد رقم‌های رمز مجاز نیست.", "The number of code digits is not allowed."),
        /// The TOTP period is zero.
        Period => ("otp.period", "دورهٔ زمانی رمز باید بیشتر از صفر باشد.", "The time step must be more than zero seconds."),
        /// The hash algorithm is not SHA1, SHA256 or SHA512.
        Algorithm => ("otp.algorithm", "الگوریتم باید SHA1، SHA256 یا SHA512 باشد.", "The algorithm must be SHA1, SHA256 or SHA512."),
        /// The `otpauth://` URI is malformed.
        Uri => ("otp.uri", "نشانی otpauth معتبر نیست.", "The otpauth URI is not valid."),
    }
}
