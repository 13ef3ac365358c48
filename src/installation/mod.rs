//! Installation-wide settings, kept in the database file: the HTTP listener's port and whether
//! POS terminals on the LAN may reach it, and where the window looks for updates. Only
//! installation administrators change them (and install updates).
//!
//! Invariants: a stored port is from 1024 to 65535; a stored update endpoint is an http(s) URL;
//! a missing setting reads as its default.

mod model;
pub(crate) mod repo;
mod service;

pub use model::*;
pub use service::*;
