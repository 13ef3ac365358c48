//! The one-call lookup a till makes when a card is scanned (or a customer picked): who it is,
//! whether the card and account may be used, the credit balance, the discount and the memberships
//! valid now, in one read.

mod model;
mod service;

pub use model::*;
pub use service::*;
