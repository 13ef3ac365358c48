//! Customers' cards: what the till scans. A customer holds any number; a serial number is unique
//! in its organizer and stored normalised, so a scan finds it however the reader formats it.
//! Cards are issued, blocked, unblocked, marked lost and replaced (the old card stops, the new
//! one takes over), each with a log entry on the customer.
//!
//! Invariants: only an `Active` card inside its validity identifies a customer for a sale; `Lost`
//! and `Replaced` are final; a card never moves to another customer.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
