//! Teams of an organizer (pretix's permission names, event access) with their members and team
//! API tokens, as the pretix dialect's teams resource manages them.
//!
//! Invariants: a team never holds an unknown permission name, nor both "all" and a limited list of
//! the same kind; a token's secret is shown once at creation and stored hashed; deleting a token
//! only deactivates it, for good.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
