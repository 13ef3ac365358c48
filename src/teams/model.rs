use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::auth::TeamGrants;

/// pretix's legacy team flags and the permissions each stands for.
pub const LEGACY_FLAGS: &[(&str, &[&str])] = &[
    ("can_change_event_settings", &["event.settings.general:write"]),
    ("can_change_items", &["event.items:write"]),
    ("can_view_orders", &["event.orders:read"]),
    ("can_change_orders", &["event.orders:write"]),
    ("can_checkin_orders", &["event.orders:checkin"]),
    ("can_view_vouchers", &["event.vouchers:read"]),
    ("can_change_vouchers", &["event.vouchers:write"]),
    ("can_create_events", &["organizer.events:create"]),
    ("can_change_organizer_settings", &["organizer.settings.general:write"]),
    ("can_change_teams", &["organizer.teams:write"]),
    ("can_manage_gift_cards", &["organizer.giftcards:read", "organizer.giftcards:write"]),
    ("can_manage_customers", &["organizer.customers:read", "organizer.customers:write"]),
    ("can_manage_reusable_media", &["organizer.reusablemedia:read", "organizer.reusablemedia:write"]),
];

/// A team as pretix's teams resource shows it; the legacy flags follow the fields (see
/// [`TeamResource`]).
#[derive(Debug, Clone)]
pub struct Team {
    pub id: i64,
    pub name: String,
    pub require_2fa: bool,
    pub grants: TeamGrants,
}

/// The wire shape, with every legacy flag computed from the permissions.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamResource {
    pub id: i64,
    pub name: String,
    pub require_2fa: bool,
    pub all_events: bool,
    pub limit_events: BTreeSet<String>,
    pub all_event_permissions: bool,
    pub limit_event_permissions: BTreeSet<String>,
    pub all_organizer_permissions: bool,
    pub limit_organizer_permissions: BTreeSet<String>,
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub legacy: std::collections::BTreeMap<String, bool>,
}

impl From<&Team> for TeamResource {
    fn from(t: &Team) -> Self {
        let g = &t.grants;
        let has = |p: &str| {
            if p.starts_with("event") {
                g.all_event_permissions || g.limit_event_permissions.contains(p)
            } else {
                g.all_organizer_permissions || g.limit_organizer_permissions.contains(p)
            }
        };
        TeamResource {
            id: t.id,
            name: t.name.clone(),
            require_2fa: t.require_2fa,
            all_events: g.all_events,
            limit_events: g.limit_events.clone(),
            all_event_permissions: g.all_event_permissions,
            limit_event_permissions: g.limit_event_permissions.clone(),
            all_organizer_permissions: g.all_organizer_permissions,
            limit_organizer_permissions: g.limit_organizer_permissions.clone(),
            legacy: LEGACY_FLAGS
                .iter()
                .map(|(flag, perms)| (flag.to_string(), perms.iter().all(|p| has(p))))
                .collect(),
        }
    }
}

/// A change to a team; `None` leaves a field as it is. `legacy` holds the `can_*` flags sent.
#[derive(Debug, Clone, Default)]
pub struct TeamChange {
    pub name: Option<String>,
    pub require_2fa: Option<bool>,
    pub all_events: Option<bool>,
    pub limit_events: Option<Vec<String>>,
    pub all_event_permissions: Option<bool>,
    pub limit_event_permissions: Option<Vec<String>>,
    pub all_organizer_permissions: Option<bool>,
    pub limit_organizer_permissions: Option<Vec<String>>,
    pub legacy: Vec<(String, bool)>,
}

/// A team API token as listed; the secret only in the create answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamMember {
    pub id: i64,
    pub email: String,
    pub fullname: Option<String>,
    pub require_2fa: bool,
}

/// An invitation to a team for an address without a staff account; `id` is `None` when the
/// address belonged to a user, who was added at once (as pretix answers).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamInvite {
    pub id: Option<i64>,
    pub email: String,
}

/// A team as the desk lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamSummary {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub team_id: i64,
    pub name: String,
    pub all_events: bool,
    pub all_organizer_permissions: bool,
    pub organizer_permissions: Vec<String>,
    pub all_event_permissions: bool,
    pub event_permissions: Vec<String>,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub members: i64,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub active_tokens: i64,
}

impl TeamSummary {
    pub(crate) fn new(team: &Team, members: i64, active_tokens: i64) -> Self {
        let g = &team.grants;
        TeamSummary {
            team_id: team.id,
            name: team.name.clone(),
            all_events: g.all_events,
            all_organizer_permissions: g.all_organizer_permissions,
            organizer_permissions: g.limit_organizer_permissions.iter().cloned().collect(),
            all_event_permissions: g.all_event_permissions,
            event_permissions: g.limit_event_permissions.iter().cloned().collect(),
            members,
            active_tokens,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberSummary {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub user_id: i64,
    pub email: String,
    pub fullname: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TokenSummary {
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub token_id: i64,
    pub name: String,
    pub active: bool,
}

/// One team with its members, pending invitations and API tokens.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamDetail {
    pub team: TeamSummary,
    pub members: Vec<MemberSummary>,
    /// Addresses invited over the API that have no staff account yet.
    pub invites: Vec<String>,
    pub tokens: Vec<TokenSummary>,
    /// Every permission name a team can hold, for the form.
    pub known_organizer_permissions: Vec<String>,
    pub known_event_permissions: Vec<String>,
}

/// A team as the desk's form edits it (events are all or none until Tessera has events).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamInput {
    pub name: String,
    pub all_events: bool,
    pub all_organizer_permissions: bool,
    pub organizer_permissions: Vec<String>,
    pub all_event_permissions: bool,
    pub event_permissions: Vec<String>,
}

/// Adds a person to a team: an existing staff user by email, or a new staff account when a
/// password is given for an address that has none.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberInput {
    pub email: String,
    pub fullname: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TokenInput {
    pub name: String,
}

/// A token just created: its secret, shown this once.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreatedToken {
    pub token: TokenSummary,
    pub secret: String,
}
