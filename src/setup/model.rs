use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SetupStatus {
    pub needs_setup: bool,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SetupInput {
    pub organizer_name: String,
    pub organizer_slug: String,
    pub email: String,
    pub password: String,
}

/// Another organizer for an existing installation, optionally with an existing user as its admin.
pub struct NewOrganizerWithAdmin {
    pub slug: String,
    pub name: String,
    pub admin_email: Option<String>,
}
