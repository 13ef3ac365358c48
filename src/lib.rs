//! Tessera's core: every rule of the box office, the SQLite store, and the HTTP listener that
//! speaks pretix's REST API (and the desk's own API) over it. Builds and tests without Tauri,
//! webkit or Node.

pub mod app;
pub mod audit;
pub mod auth;
pub mod backups;
pub mod cards;
pub mod credit;
pub mod customers;
pub mod dashboard;
pub mod db;
pub mod devices;
pub mod error;
pub mod events;
pub mod exports;
mod files;
pub mod http;
pub mod idempotency;
pub mod imports;
pub mod installation;
pub mod memberships;
pub mod ndata;
pub mod oauth;
pub mod organizers;
pub mod outbox;
pub mod pagination;
pub mod portos;
pub mod pos;
pub mod resellers;
pub mod setup;
pub mod teams;
pub mod types;
pub mod vouchers;
pub mod waitinglist;

pub use app::App;
pub use error::{Error, ErrorBody, ErrorCode, Result};
