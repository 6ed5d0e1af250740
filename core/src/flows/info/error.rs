//! Why a read of the bank's information was refused on the phone.

crate::coded_error! {
    /// A refusal of the information read models.
    pub enum InfoError {
        /// A location outside the Earth (or not a number) for the nearest branches.
        Location => (
            "info.location_invalid",
            "موقعیت مکانی نامعتبر است.",
            "The location is not valid."
        ),
    }
}

impl From<InfoError> for crate::error::Problem {
    fn from(error: InfoError) -> Self {
        Self::of(&error)
    }
}
