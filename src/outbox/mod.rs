//! The email outbox: a mail is queued in the same transaction as the change that causes it (a
//! customer registered with `send_email`), and a background sender delivers it over SMTP when a
//! server is configured and reachable, backing off while offline and recording every attempt.
//!
//! Invariants: nothing queued is lost while offline; a mail is attempted by one sender at a time
//! (a short lease in the file); a permanent refusal by the server ends the retries, anything else
//! is retried with backoff; SMTP passwords are stored but never returned.

mod model;
pub(crate) mod repo;
mod service;
mod smtp;
mod templates;

pub use model::*;
pub use service::*;
pub use smtp::SmtpConfig;
