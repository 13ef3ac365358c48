//! Who may do what: staff users (argon2id passwords) and their desk sessions, teams with pretix's
//! permission names per organizer, and team API tokens (random, shown once, stored as SHA-256).
//!
//! Every organizer-scoped service takes an [`Access`], which can only be made by [`authorize`]:
//! holding one proves the caller may act in that organizer, and carries the actor for the audit
//! log. Services then ask it for the specific permission they need.

mod model;
mod permissions;
pub(crate) mod repo;
mod service;

pub use model::*;
pub use permissions::*;
pub use service::*;
