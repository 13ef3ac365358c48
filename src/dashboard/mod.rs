//! The desk's start screen: today's credit by the hour, active memberships, waiting lists,
//! terminals seen lately, the outbox and the last backup, in one read.

mod model;
mod service;

pub use model::*;
pub use service::*;
