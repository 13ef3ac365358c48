//! Stored credit: each customer's account in the organizer's currency, kept as an append-only
//! ledger of top-ups, charges, refunds, adjustments and reversals. Every entry carries the balance
//! after it; the balance is the last entry's, which is always the sum of the ledger.
//!
//! Invariants: entries are never changed or deleted (the file refuses it); a charge or any other
//! entry that takes credit never brings the balance below minus the organizer's credit limit; a
//! refund or reversal names the entry it undoes and, with the others undoing it, never undoes more
//! than that entry's amount; amounts are whole minor units of the currency.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
