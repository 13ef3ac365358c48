//! Reseller accounts: a venue that hosts promoters groups their organizers under an account.
//! Staff users belong to accounts; the reseller API (`/api/v1/var/`) is reached only with a user's
//! OAuth token, and creating an organizer there gives the calling user a team with every
//! permission in it.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
