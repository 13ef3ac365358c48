use serde::Serialize;

use crate::types::{Currency, NameScheme, OrganizerSlug};

#[derive(Debug, Clone)]
pub struct Organizer {
    pub id: i64,
    pub slug: OrganizerSlug,
    pub name: String,
    pub name_scheme: NameScheme,
    /// The currency of customers' stored credit.
    pub currency: Currency,
    /// How far below zero a customer's credit may go, in minor units (0: no overdraft).
    pub credit_limit: i64,
}

/// What pretix's organizer resource shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganizerResource {
    pub name: String,
    pub slug: String,
    pub public_url: String,
}

/// An organizer as the desk needs it: which name parts its customer forms ask for, and which
/// organizer-level permissions the user holds there (to offer only the screens they may use).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrganizerSummary {
    pub slug: String,
    pub name: String,
    pub name_scheme: String,
    pub name_fields: Vec<String>,
    pub permissions: Vec<String>,
}

impl OrganizerSummary {
    pub fn new(o: &Organizer, permissions: Vec<String>) -> Self {
        OrganizerSummary {
            slug: o.slug.to_string(),
            name: o.name.clone(),
            name_scheme: o.name_scheme.id().into(),
            name_fields: o.name_scheme.fields().iter().map(|f| f.to_string()).collect(),
            permissions,
        }
    }
}

pub struct NewOrganizer {
    pub slug: String,
    pub name: String,
}
