use serde::{Deserialize, Serialize};

use super::permissions::{Grants, Permission};
use crate::error::{Error, Result};
use crate::organizers::{Organizer, OrganizerSummary};

/// Who is asking, once their credentials were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A staff user logged in at the desk (window or browser).
    User { user_id: i64 },
    /// A team API token; it acts only inside its team's organizer.
    TeamToken { token_id: i64, team_id: i64, organizer_id: i64 },
    /// A paired POS device; it acts only inside its organizer, with a fixed permission set.
    Device { device_id: i64, organizer_id: i64 },
    /// A staff user through an OAuth application: the user's permissions, limited to the
    /// organizers and scopes they granted.
    OAuth { token_id: i64, user_id: i64, scopes: crate::oauth::Scopes, organizers: Vec<i64> },
    /// The local command line, run by whoever owns the database file.
    System,
}

/// Who did it, as the audit log records it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub api_token_id: Option<i64>,
    pub device_id: Option<i64>,
}

impl From<&Principal> for Actor {
    fn from(p: &Principal) -> Self {
        match p {
            Principal::User { user_id } => Actor { user_id: Some(*user_id), ..Actor::default() },
            Principal::TeamToken { token_id, .. } => {
                Actor { api_token_id: Some(*token_id), ..Actor::default() }
            }
            Principal::Device { device_id, .. } => Actor { device_id: Some(*device_id), ..Actor::default() },
            Principal::OAuth { user_id, .. } => Actor { user_id: Some(*user_id), ..Actor::default() },
            Principal::System => Actor::default(),
        }
    }
}

/// Proof that a principal may act in an organizer, with what it was granted there. Made only by
/// [`super::authorize`].
#[derive(Debug, Clone)]
pub struct Access {
    pub organizer: Organizer,
    pub actor: Actor,
    pub(crate) grants: Grants,
}

impl Access {
    /// `forbidden` unless the organizer-level `permission` was granted.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.grants.has(permission) { Ok(()) } else { Err(Error::Forbidden) }
    }

    /// `forbidden` unless at least one of `permissions` was granted.
    pub fn require_any(&self, permissions: &[Permission]) -> Result<()> {
        if permissions.iter().any(|p| self.grants.has(*p)) { Ok(()) } else { Err(Error::Forbidden) }
    }

    /// True when the principal has any access to the event.
    /// Whether the event-level `permission` was granted in the event.
    pub fn has_event(&self, event_slug: &str, permission: Permission) -> bool {
        self.grants.has_event(event_slug, permission)
    }

    pub fn sees_event(&self, event_slug: &str) -> bool {
        self.grants.sees_event(event_slug)
    }

    /// `forbidden` unless the event-level `permission` was granted in the event.
    pub fn require_event(&self, event_slug: &str, permission: Permission) -> Result<()> {
        if self.grants.has_event(event_slug, permission) { Ok(()) } else { Err(Error::Forbidden) }
    }

    /// The event-level permission names granted in the event.
    pub fn event_permissions(&self, event_slug: &str) -> Vec<String> {
        self.grants.event_permissions(event_slug)
    }

    pub fn organizer_id(&self) -> i64 {
        self.organizer.id
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct User {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub id: i64,
    pub email: String,
    pub fullname: Option<String>,
    pub locale: String,
    /// May change installation-wide settings (the HTTP listener).
    pub is_admin: bool,
}

/// What the desk knows after login: the user and the organizers they may work in.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Session {
    pub user: User,
    pub organizers: Vec<OrganizerSummary>,
    /// Languages a customer may have.
    pub locales: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

/// A team API token to create: in a team of its own with exactly these permissions (all
/// organizer and event permissions when `None`).
pub struct NewApiToken {
    pub organizer: String,
    pub name: String,
    pub permissions: Option<Vec<String>>,
}

/// A desk login from a browser: the cookie value (shown once) and the user.
pub struct OpenedSession {
    pub token: String,
    pub session: Session,
}
