//! Installation-wide settings, kept in the database file: today the HTTP listener's port and
//! whether POS terminals on the LAN may reach it. Only installation administrators change them.
//!
//! Invariants: a stored port is from 1024 to 65535; a missing setting reads as its default.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
