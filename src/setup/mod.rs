//! First start: the first organizer and its first staff user, with a team holding every
//! permission. Possible exactly once per database.

mod model;
mod service;

pub use model::*;
pub use service::*;
