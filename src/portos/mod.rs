//! The Portos dialect's customers (`GET /customers`, `GET /customers/{id}`): one customer record
//! seen the Portos way — `firstName`/`lastName` from the name parts, validity and its derived
//! `status`, card-holder data, cards, credit and the latest credit transactions, and the resource
//! version `_v` — listed with NData filters, `$sort`, `$skip`, `$take` and `$count`.
//!
//! Invariants: a customer's Portos `id` is its pretix `identifier`; `_v` grows with every change
//! (the file's triggers bump it for any update, card or credit entry); only fixed SQL fragments
//! are ever put together, every value is bound.

mod model;
mod query;
mod repo;
mod service;

pub use model::*;
pub use query::*;
pub use service::*;
