//! The shape every customer-facing error in Hamrah shares: [`Coded`] (a
//! stable code, Persian and English messages, an [`ErrorKind`]) and
//! [`Problem`], the one error shape a screen shows.

mod problem;

pub use problem::Problem;

/// What kind of failure an error is, so a shell can act on it (log in again,
/// check the network) without reading its code.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Refused: the customer's input, or a rule of the bank or the core.
    #[default]
    Refused,
    /// The bank could not be reached, or its identity not verified.
    Network,
    /// The session is over: log in again.
    SessionEnded,
    /// The phone's own storage or secure hardware failed.
    Device,
    /// A fault of the library itself (a panic, a step out of order).
    Internal,
}

/// An error a customer can be shown: a stable machine code and a message in
/// Persian and in English.
///
/// Codes are `module.reason` (`card.checksum`, `sheba.country`, ...) and never
/// change once published: apps and the bank key translations and analytics on them.
/// Messages never contain the rejected input, so they are safe to log.
pub trait Coded: std::error::Error {
    /// The stable machine code, for example `card.checksum`.
    fn code(&self) -> &str;
    /// The message in Persian, for the customer.
    fn message_fa(&self) -> String;
    /// The message in English.
    fn message_en(&self) -> String {
        self.to_string()
    }
    /// What kind of failure it is; most errors are refusals.
    fn kind(&self) -> ErrorKind {
        ErrorKind::Refused
    }
}

/// Declares an error enum of unit variants, each with its stable code and its
/// Persian and English messages, implementing [`Coded`], `Display` and `Error`.
///
/// ```
/// hamrah_core::coded_error! {
///     /// Why a PIN was refused.
///     pub enum PinError {
///         /// Too short.
///         Short => ("pin.short", "رمز کوتاه است.", "The PIN is too short."),
///     }
/// }
/// use hamrah_core::Coded;
/// assert_eq!(PinError::Short.code(), "pin.short");
/// ```
///
/// A first line `kind = Device;` (any [`ErrorKind`]) sets the kind of every
/// variant; without it they are refusals.
#[macro_export]
macro_rules! coded_error {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($body:tt)+ }
    ) => {
        $crate::coded_error! { kind = Refused; $(#[$meta])* $vis enum $name { $($body)+ } }
    };
    (
        kind = $kind:ident;
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($code:literal, $fa:literal, $en:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, for catalogues and tests.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(match self { $(Self::$variant => $en,)+ })
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::Coded for $name {
            fn code(&self) -> &str {
                match self { $(Self::$variant => $code,)+ }
            }

            fn message_fa(&self) -> String {
                match self { $(Self::$variant => $fa,)+ }.to_owned()
            }

            fn kind(&self) -> $crate::error::ErrorKind {
                $crate::error::ErrorKind::$kind
            }
        }
    };
}
