//! CSV imports of customers (with a card and an opening credit balance each) and memberships.
//!
//! A file is uploaded once and kept in memory for an hour under a random id; the desk shows its
//! first rows, proposes a column for each field, and checks every row before anything is written.
//! The check is a dry run of the real writes (the same services, in a transaction that is rolled
//! back), so it finds exactly what the import would refuse, duplicates within the file included.
//! The import itself is one transaction: all rows or none.

mod csv_file;
mod fields;
mod model;
mod service;

pub use model::*;
pub use service::*;
