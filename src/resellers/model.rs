use serde::{Deserialize, Serialize};

/// A reseller account as pretix Hosted's API renders it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ResellerAccount {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub name: String,
    pub public_name: String,
    pub public_url: String,
    pub support_email: String,
    pub support_phone: String,
    pub communication_language: String,
}

/// What `create_organizer/` answers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CreatedOrganizer {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// An account with its organizers and members, as the desk shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ResellerOverview {
    pub account: ResellerAccount,
    /// (slug, name) of its organizers.
    pub organizers: Vec<(String, String)>,
    pub members: Vec<String>,
}

/// A new reseller account from the desk (installation administrators only).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewResellerAccount {
    pub name: String,
    pub public_name: String,
    pub public_url: String,
    pub support_email: String,
    pub support_phone: String,
    pub communication_language: String,
}
