//! The audit log. Every write appends an entry (pretix's action types, such as
//! `pretix.customer.created`) with who did it, in the same transaction as the change, so a change
//! and its entry exist together or not at all. Secrets in the logged data are masked first.

mod service;

pub use service::*;
