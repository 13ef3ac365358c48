//! CSV exports for the office: customers, memberships, the credit ledger (each entry, and per
//! day, terminal and type for the accountant) and waiting lists. Days and times in the ledger
//! are the desk computer's local time, with the exact UTC time beside them.

mod model;
mod service;

pub use model::*;
pub use service::*;
