//! Value types that can only hold valid values (parse, don't validate). Each `parse` returns the
//! message pretix (Django/DRF) shows for the same mistake, so every adapter reports it alike.

mod email;
mod i18n;
mod locale;
mod money;
mod name;
mod phone;
mod slug;
pub mod time;

pub use email::Email;
pub use i18n::I18nText;
pub use locale::{LOCALES, Locale};
pub use money::{Amount, Currency, MAX_MINOR, parse_amount, price_minor, price_minor_of_text};
pub use name::{NameParts, NameScheme};
pub use phone::Phone;
pub use slug::{EventSlug, OrganizerSlug};
