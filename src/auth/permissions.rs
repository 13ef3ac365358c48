//! pretix's permission names and how a set of teams grants them.

use std::collections::BTreeSet;

/// A permission name as pretix 2026 spells it (`organizer.customers:read`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permission(&'static str);

pub const ORGANIZER_PERMISSIONS: &[&str] = &[
    "organizer.events:create",
    "organizer.settings.general:write",
    "organizer.teams:write",
    "organizer.giftcards:read",
    "organizer.giftcards:write",
    "organizer.customers:read",
    "organizer.customers:write",
    "organizer.reusablemedia:read",
    "organizer.reusablemedia:write",
    "organizer.devices:read",
    "organizer.devices:write",
    "organizer.seatingplans:write",
    "organizer.outgoingmails:read",
];

pub const EVENT_PERMISSIONS: &[&str] = &[
    "event.settings.general:write",
    "event.settings.payment:write",
    "event.settings.tax:write",
    "event.settings.invoicing:write",
    "event.subevents:write",
    "event.items:write",
    "event.orders:read",
    "event.orders:write",
    "event.orders:checkin",
    "event.vouchers:read",
    "event.vouchers:write",
    "event:cancel",
];

impl Permission {
    pub const CUSTOMERS_READ: Permission = Permission("organizer.customers:read");
    pub const CUSTOMERS_WRITE: Permission = Permission("organizer.customers:write");
    pub const SETTINGS_WRITE: Permission = Permission("organizer.settings.general:write");
    pub const TEAMS_WRITE: Permission = Permission("organizer.teams:write");
    pub const DEVICES_READ: Permission = Permission("organizer.devices:read");
    pub const DEVICES_WRITE: Permission = Permission("organizer.devices:write");
    /// Stored credit is Tessera's counterpart of pretix's gift cards.
    pub const GIFTCARDS_READ: Permission = Permission("organizer.giftcards:read");
    pub const GIFTCARDS_WRITE: Permission = Permission("organizer.giftcards:write");
    /// Customers' cards are Tessera's counterpart of pretix's reusable media.
    pub const MEDIA_READ: Permission = Permission("organizer.reusablemedia:read");
    pub const MEDIA_WRITE: Permission = Permission("organizer.reusablemedia:write");
    pub const OUTGOING_MAILS_READ: Permission = Permission("organizer.outgoingmails:read");
    pub const EVENTS_CREATE: Permission = Permission("organizer.events:create");
    pub const EVENT_SETTINGS_WRITE: Permission = Permission("event.settings.general:write");
    pub const EVENT_ITEMS_WRITE: Permission = Permission("event.items:write");
    pub const EVENT_SUBEVENTS_WRITE: Permission = Permission("event.subevents:write");
    pub const EVENT_ORDERS_READ: Permission = Permission("event.orders:read");
    pub const EVENT_ORDERS_WRITE: Permission = Permission("event.orders:write");
    pub const EVENT_VOUCHERS_READ: Permission = Permission("event.vouchers:read");
    pub const EVENT_VOUCHERS_WRITE: Permission = Permission("event.vouchers:write");

    /// A known permission name, or pretix's choice error.
    pub fn parse(raw: &str) -> Result<Permission, String> {
        ORGANIZER_PERMISSIONS
            .iter()
            .chain(EVENT_PERMISSIONS)
            .find(|p| **p == raw)
            .map(|p| Permission(p))
            .ok_or_else(|| format!("\"{raw}\" is not a valid choice."))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    pub fn is_organizer_level(self) -> bool {
        self.0.starts_with("organizer.")
    }
}

/// What one team grants inside its organizer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamGrants {
    pub all_organizer_permissions: bool,
    pub limit_organizer_permissions: BTreeSet<String>,
    pub all_event_permissions: bool,
    pub limit_event_permissions: BTreeSet<String>,
    pub all_events: bool,
    pub limit_events: BTreeSet<String>,
}

impl TeamGrants {
    /// Everything, as the first administrator's team and a default CLI token have.
    pub fn everything() -> Self {
        TeamGrants {
            all_organizer_permissions: true,
            all_event_permissions: true,
            all_events: true,
            ..TeamGrants::default()
        }
    }

    /// A paired device's fixed set (pretix's): gift cards and reusable media in its organizer,
    /// orders and reading vouchers in its events.
    pub fn device(all_events: bool, limit_events: BTreeSet<String>) -> Self {
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        TeamGrants {
            limit_organizer_permissions: set(&[
                "organizer.giftcards:read",
                "organizer.giftcards:write",
                "organizer.reusablemedia:read",
                "organizer.reusablemedia:write",
            ]),
            limit_event_permissions: set(&["event.orders:read", "event.orders:write", "event.vouchers:read"]),
            all_events,
            limit_events,
            ..TeamGrants::default()
        }
    }

    /// Exactly the given permissions (organizer ones, and event ones for all events).
    pub fn exactly(permissions: &[Permission]) -> Self {
        let (org, event): (Vec<Permission>, Vec<Permission>) =
            permissions.iter().partition(|p| p.is_organizer_level());
        TeamGrants {
            limit_organizer_permissions: org.iter().map(|p| p.as_str().to_string()).collect(),
            limit_event_permissions: event.iter().map(|p| p.as_str().to_string()).collect(),
            all_events: !event.is_empty(),
            ..TeamGrants::default()
        }
    }
}

/// The union of the grants of all teams a principal belongs to in one organizer.
#[derive(Debug, Clone, Default)]
pub struct Grants(Vec<TeamGrants>);

impl Grants {
    pub fn new(teams: Vec<TeamGrants>) -> Self {
        Grants(teams)
    }

    /// True when some team grants `permission` at organizer level (event-level permissions are
    /// asked per event, with [`Grants::has_event`]).
    pub fn has(&self, permission: Permission) -> bool {
        permission.is_organizer_level()
            && self.0.iter().any(|t| {
                t.all_organizer_permissions || t.limit_organizer_permissions.contains(permission.as_str())
            })
    }

    /// True when some team with access to the event grants `permission` there.
    pub fn has_event(&self, event_slug: &str, permission: Permission) -> bool {
        !permission.is_organizer_level()
            && self.0.iter().any(|t| {
                (t.all_events || t.limit_events.contains(event_slug))
                    && (t.all_event_permissions || t.limit_event_permissions.contains(permission.as_str()))
            })
    }

    /// True when some team gives access to the event at all (pretix's "any access to the event").
    pub fn sees_event(&self, event_slug: &str) -> bool {
        self.0.iter().any(|t| t.all_events || t.limit_events.contains(event_slug))
    }

    /// The event-level permission names granted in the event, for the desk.
    pub fn event_permissions(&self, event_slug: &str) -> Vec<String> {
        EVENT_PERMISSIONS
            .iter()
            .filter(|p| self.has_event(event_slug, Permission(p)))
            .map(|p| p.to_string())
            .collect()
    }

    /// The organizer-level permission names granted, for the desk to hide what it cannot do.
    pub fn organizer_permissions(&self) -> Vec<String> {
        ORGANIZER_PERMISSIONS.iter().filter(|p| self.has(Permission(p))).map(|p| p.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(perms: &[&str]) -> TeamGrants {
        TeamGrants {
            limit_organizer_permissions: perms.iter().map(|p| p.to_string()).collect(),
            ..TeamGrants::default()
        }
    }

    #[test]
    fn read_and_write_are_independent() {
        let grants = Grants::new(vec![team(&["organizer.customers:write"])]);
        assert!(grants.has(Permission::CUSTOMERS_WRITE));
        assert!(!grants.has(Permission::CUSTOMERS_READ), "write does not imply read");
    }

    #[test]
    fn permissions_of_several_teams_add_up() {
        let grants =
            Grants::new(vec![team(&["organizer.customers:read"]), team(&["organizer.customers:write"])]);
        assert!(grants.has(Permission::CUSTOMERS_READ) && grants.has(Permission::CUSTOMERS_WRITE));
    }

    #[test]
    fn all_organizer_permissions_grants_every_organizer_permission_but_no_event_one() {
        let grants =
            Grants::new(vec![TeamGrants { all_organizer_permissions: true, ..TeamGrants::default() }]);
        assert_eq!(grants.organizer_permissions().len(), ORGANIZER_PERMISSIONS.len());
        let orders = Permission::parse("event.orders:read").unwrap();
        assert!(!grants.has_event("ev", orders));
    }

    #[test]
    fn no_team_means_no_permission() {
        assert!(!Grants::default().has(Permission::CUSTOMERS_READ));
    }

    #[test]
    fn event_permissions_need_access_to_the_event() {
        let orders = Permission::parse("event.orders:read").unwrap();
        let grants = Grants::new(vec![TeamGrants::exactly(&[orders])]);
        assert!(grants.has_event("ev", orders));
        let mut limited = TeamGrants { all_event_permissions: true, ..TeamGrants::default() };
        assert!(!Grants::new(vec![limited.clone()]).has_event("ev", orders), "no event access");
        limited.limit_events.insert("ev".into());
        assert!(Grants::new(vec![limited]).has_event("ev", orders));
    }

    #[test]
    fn unknown_permission_names_are_not_a_valid_choice() {
        assert_eq!(
            Permission::parse("organizer.nope:read"),
            Err("\"organizer.nope:read\" is not a valid choice.".into())
        );
        assert!(Permission::parse("organizer.customers:read").unwrap().is_organizer_level());
    }

    #[test]
    fn exactly_splits_organizer_and_event_permissions() {
        let g = TeamGrants::exactly(&[
            Permission::CUSTOMERS_READ,
            Permission::parse("event.orders:read").unwrap(),
        ]);
        assert!(g.limit_organizer_permissions.contains("organizer.customers:read"));
        assert!(g.limit_event_permissions.contains("event.orders:read"));
        assert!(g.all_events && !g.all_organizer_permissions);
    }
}
