//! Memberships: types (what a pass is: name, transferable, parallel use, how many uses), the
//! memberships customers hold (type, validity window, test mode, attendee name), and every use of
//! one at the door or the till.
//!
//! Invariants: a membership belongs to a customer of the same organizer and never changes
//! customer or test mode; a type in use is never deleted; a use is never deleted, only voided, and
//! uses that are not voided are what `max_usages` and parallel use count.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
