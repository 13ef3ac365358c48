//! Waiting lists (pretix's waiting list entries): people waiting for a sold-out product, in
//! priority then creation order; a voucher sent to an entry holds one place for
//! `waiting_list_hours`, and the mail that carries it is queued in the same transaction.
//!
//! Invariants: an entry that has a voucher can no longer be changed or deleted; a voucher is only
//! sent while a place is free (checked under the single writer, so concurrent sends and the
//! automatic assigner never hand out more places than there are).

mod assign;
mod model;
pub(crate) mod repo;
mod service;

pub use assign::{assign_due, run_assigner};
pub use model::*;
pub use service::*;
