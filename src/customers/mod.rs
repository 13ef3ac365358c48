//! Customers of an organizer: contact data, a name in the organizer's name scheme, an account
//! state, and pretix's generated `identifier`.
//!
//! Invariants: `identifier` is unique across all organizers and never changes; an email address
//! is stored lower-case and belongs to at most one customer per organizer; the stored display
//! name always matches `name_parts`; every change bumps `last_modified` and writes a log entry in
//! the same transaction.

mod identifier;
mod model;
pub(crate) mod repo;
mod service;

pub use model::*;
pub use service::*;
