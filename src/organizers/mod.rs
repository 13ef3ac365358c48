//! Organizers own all data. Every other module's queries are scoped by an organizer id that
//! came from here, through an [`crate::auth::Access`].

mod model;
pub(crate) mod repo;
mod service;
mod settings;

pub use model::*;
pub use service::*;
pub use settings::{patch_settings, settings};
