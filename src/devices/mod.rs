//! POS devices (pretix's device protocol): an admin creates a device and gets a one-time
//! initialization token (shown with the listener's address as a QR code); the terminal trades it
//! for an API token at `POST /api/v1/device/initialize` and then authenticates with
//! `Authorization: Device <token>`, holding a fixed permission set in its organizer.
//!
//! Invariants: API tokens are stored only as SHA-256; the initialization token is cleared once
//! used; a revoked device never authenticates again; devices are never deleted.

mod model;
mod repo;
mod service;

pub use model::*;
pub use service::*;
