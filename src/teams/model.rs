use std::collections::BTreeSet;

use serde::Serialize;

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
