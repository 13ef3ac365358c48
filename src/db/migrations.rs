//! The schema history, embedded in the binary. Listed one by one so the order is visible in
//! review and an edit to a file recompiles the binary. Forward-only: a desk never runs `down`.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_create_organizers_and_staff.sql")),
    M::up(include_str!("../../migrations/0002_create_customers.sql")),
    M::up(include_str!("../../migrations/0003_create_log_entries.sql")),
    M::up(include_str!("../../migrations/0004_create_memberships.sql")),
    M::up(include_str!("../../migrations/0005_create_idempotency_keys.sql")),
    M::up(include_str!("../../migrations/0006_create_devices_and_retire_teams.sql")),
    M::up(include_str!("../../migrations/0007_create_settings_and_invites.sql")),
    M::up(include_str!("../../migrations/0008_create_cards_and_credit_ledger.sql")),
    M::up(include_str!("../../migrations/0009_add_portos_customer_fields.sql")),
    M::up(include_str!("../../migrations/0010_create_outbox.sql")),
    M::up(include_str!("../../migrations/0011_create_events_and_waiting_lists.sql")),
    M::up(include_str!("../../migrations/0012_create_resellers_and_oauth.sql")),
    M::up(include_str!("../../migrations/0013_create_backups.sql")),
];

pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// How many schema steps this build knows; a file with a higher `user_version` came from a newer
/// release and is refused rather than misread.
pub(crate) const LATEST: usize = STEPS.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().expect("every migration applies cleanly to an empty database");
    }
}
