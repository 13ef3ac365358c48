//! Online backups of the live database with SQLite's backup API, while terminals keep writing:
//! the copy is one consistent snapshot (taken in a single step under a WAL read lock, which never
//! blocks writers) and is checked with `integrity_check` before it counts as a backup.

mod model;
mod service;

pub use model::*;
pub use service::*;
