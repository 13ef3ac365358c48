//! Vouchers of an event, as far as waiting lists need them: codes unique per event ignoring case,
//! quota-blocking vouchers that hold places while valid and unredeemed, and redemptions recorded
//! one by one (Tessera sells no tickets, so a redemption is recorded at the desk or over the API).

mod model;
pub(crate) mod repo;
mod service;

pub use model::*;
pub use service::*;
