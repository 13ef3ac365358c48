use rusqlite::Transaction;
use serde_json::{Value, json};

use super::model::*;
use super::repo;
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{self, Access, Permission, TeamGrants};
use crate::error::{Error, FieldErrors, Result};
use crate::types::time;

const MAX_NAME: usize = 190;

fn not_found() -> Error {
    Error::NotFound { entity: "Team" }
}

fn log(
    tx: &Transaction<'_>,
    access: &Access,
    team_id: i64,
    action: &str,
    data: Value,
    now: &str,
) -> Result<()> {
    let entry = LogEntry {
        organizer_id: access.organizer_id(),
        action_type: action,
        object_type: "team",
        object_id: team_id,
        data,
    };
    audit::log_in_tx(tx, &access.actor, now, entry)
}

fn check_permissions(field: &str, names: &[String], organizer_level: bool, errors: &mut FieldErrors) {
    for name in names {
        match Permission::parse(name) {
            Ok(p) if p.is_organizer_level() == organizer_level => {}
            _ => errors.add(field, format!("\"{name}\" is not a valid choice.")),
        }
    }
}

/// Applies `change` to `team`, checking it as pretix does: known permission names, no legacy flags
/// together with the new fields, never "all" and a limited list of the same kind, existing events.
fn apply(team: &mut Team, change: &TeamChange, creating: bool) -> Result<()> {
    let mut errors = FieldErrors::new();
    match &change.name {
        None if creating => errors.add("name", "This field is required."),
        Some(n) if n.trim().is_empty() => errors.add("name", "This field may not be blank."),
        Some(n) if n.chars().count() > MAX_NAME => {
            errors.add("name", format!("Ensure this field has no more than {MAX_NAME} characters."))
        }
        _ => {}
    }
    if creating && change.limit_events.is_none() {
        errors.add("limit_events", "This field is required.");
    }
    // Tessera has no events yet, so every event slug is unknown.
    for slug in change.limit_events.iter().flatten() {
        errors.add("limit_events", format!("Object with slug={slug} does not exist."));
    }
    check_permissions(
        "limit_event_permissions",
        change.limit_event_permissions.as_deref().unwrap_or(&[]),
        false,
        &mut errors,
    );
    check_permissions(
        "limit_organizer_permissions",
        change.limit_organizer_permissions.as_deref().unwrap_or(&[]),
        true,
        &mut errors,
    );
    let new_style = change.all_event_permissions.is_some()
        || change.limit_event_permissions.is_some()
        || change.all_organizer_permissions.is_some()
        || change.limit_organizer_permissions.is_some();
    if new_style && !change.legacy.is_empty() {
        errors.add(
            FieldErrors::NON_FIELD,
            "You cannot set deprecated and current permission attributes at the same time.",
        );
    }
    errors.into_result()?;

    let g = &mut team.grants;
    if let Some(name) = &change.name {
        team.name = name.trim().to_string();
    }
    if let Some(v) = change.require_2fa {
        team.require_2fa = v;
    }
    if let Some(v) = change.all_events {
        g.all_events = v;
    }
    if let Some(v) = &change.limit_events {
        g.limit_events = v.iter().cloned().collect();
    }
    if let Some(v) = change.all_event_permissions {
        g.all_event_permissions = v;
    }
    if let Some(v) = &change.limit_event_permissions {
        g.limit_event_permissions = v.iter().cloned().collect();
    }
    if let Some(v) = change.all_organizer_permissions {
        g.all_organizer_permissions = v;
    }
    if let Some(v) = &change.limit_organizer_permissions {
        g.limit_organizer_permissions = v.iter().cloned().collect();
    }
    for (flag, on) in &change.legacy {
        let Some((_, perms)) = LEGACY_FLAGS.iter().find(|(f, _)| f == flag) else { continue };
        for p in perms.iter() {
            let list = if p.starts_with("event") {
                &mut g.limit_event_permissions
            } else {
                &mut g.limit_organizer_permissions
            };
            if *on {
                list.insert(p.to_string());
            } else {
                list.remove(*p);
            }
        }
    }
    let mut errors = FieldErrors::new();
    if g.all_event_permissions && !g.limit_event_permissions.is_empty() {
        errors.add(
            FieldErrors::NON_FIELD,
            "Do not set both limit_event_permissions and all_event_permissions.",
        );
    }
    if g.all_organizer_permissions && !g.limit_organizer_permissions.is_empty() {
        errors.add(
            FieldErrors::NON_FIELD,
            "Do not set both limit_organizer_permissions and all_organizer_permissions.",
        );
    }
    if g.all_events && !g.limit_events.is_empty() {
        errors.add(FieldErrors::NON_FIELD, "Do not set both limit_events and all_events.");
    }
    errors.into_result()
}

/// The organizer's teams, by id. Errors: `forbidden` (needs `organizer.teams:write`, even to read).
pub fn list(app: &App, access: &Access) -> Result<Vec<Team>> {
    access.require(Permission::TEAMS_WRITE)?;
    app.db().read(|c| repo::list(c, access.organizer_id()))
}

/// Errors: `forbidden`, `not_found`.
pub fn get(app: &App, access: &Access, id: i64) -> Result<Team> {
    access.require(Permission::TEAMS_WRITE)?;
    app.db().read(|c| repo::find(c, access.organizer_id(), id))?.ok_or_else(not_found)
}

/// Creates a team; `name` and `limit_events` are required. Errors: `forbidden`, `validation`.
pub fn create(app: &App, access: &Access, change: TeamChange) -> Result<Team> {
    access.require(Permission::TEAMS_WRITE)?;
    let mut team = Team { id: 0, name: String::new(), require_2fa: false, grants: TeamGrants::default() };
    apply(&mut team, &change, true)?;
    let now = app.now();
    app.db().write(|tx| {
        team.id = auth::create_team_in_tx(tx, now, access.organizer_id(), &team.name, &team.grants)?;
        repo::update(tx, access.organizer_id(), &team)?;
        log(tx, access, team.id, "pretix.team.created", json!({"name": team.name}), &time::store(now))?;
        Ok(team)
    })
}

/// Errors: `forbidden`, `not_found`, `validation`.
pub fn update(app: &App, access: &Access, id: i64, change: TeamChange) -> Result<Team> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let mut team = repo::find(tx, access.organizer_id(), id)?.ok_or_else(not_found)?;
        apply(&mut team, &change, false)?;
        repo::update(tx, access.organizer_id(), &team)?;
        log(tx, access, team.id, "pretix.team.changed", json!({"name": team.name}), &now)?;
        Ok(team)
    })
}

/// Deletes a team with its tokens and memberships (a caller can lock itself out, as in pretix).
/// Errors: `forbidden`, `not_found`.
pub fn delete(app: &App, access: &Access, id: i64) -> Result<()> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), id)?.ok_or_else(not_found)?;
        log(tx, access, team.id, "pretix.team.deleted", json!({"id": team.id}), &now)?;
        repo::delete(tx, access.organizer_id(), team.id)
    })
}

/// The team's tokens, by name; deactivated ones stay listed. Errors: `forbidden`, `not_found`.
pub fn tokens(app: &App, access: &Access, team_id: i64) -> Result<Vec<ApiToken>> {
    let team = get(app, access, team_id)?;
    app.db().read(|c| repo::tokens(c, team.id))
}

/// Creates a token and returns it with its secret, shown this once. Errors: `forbidden`,
/// `not_found`, `validation` (name).
pub fn create_token(app: &App, access: &Access, team_id: i64, name: Option<String>) -> Result<ApiToken> {
    access.require(Permission::TEAMS_WRITE)?;
    let name = match name.map(|n| n.trim().to_string()) {
        None => return Err(Error::validation("name", "This field is required.")),
        Some(n) if n.is_empty() => return Err(Error::validation("name", "This field may not be blank.")),
        Some(n) if n.chars().count() > MAX_NAME => {
            return Err(Error::validation(
                "name",
                format!("Ensure this field has no more than {MAX_NAME} characters."),
            ));
        }
        Some(n) => n,
    };
    let now = app.now();
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        let (id, secret) = auth::create_token_in_tx(tx, now, team.id, &name)?;
        log(
            tx,
            access,
            team.id,
            "pretix.team.token.created",
            json!({"name": name, "id": id}),
            &time::store(now),
        )?;
        Ok(ApiToken { id, name, active: true, token: Some(secret) })
    })
}

/// Deactivates a token for good. Errors: `forbidden`, `not_found`.
pub fn deactivate_token(app: &App, access: &Access, team_id: i64, token_id: i64) -> Result<ApiToken> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        let token = repo::tokens(tx, team.id)?
            .into_iter()
            .find(|t| t.id == token_id)
            .ok_or(Error::NotFound { entity: "TeamAPIToken" })?;
        auth::repo::set_token_active(tx, token.id, false)?;
        log(
            tx,
            access,
            team.id,
            "pretix.team.token.deleted",
            json!({"name": token.name, "id": token.id}),
            &now,
        )?;
        Ok(ApiToken { active: false, ..token })
    })
}

/// Errors: `forbidden`, `not_found`.
pub fn members(app: &App, access: &Access, team_id: i64) -> Result<Vec<TeamMember>> {
    let team = get(app, access, team_id)?;
    app.db().read(|c| repo::members(c, team.id))
}

/// Removes a user from the team. Errors: `forbidden`, `not_found`.
pub fn remove_member(app: &App, access: &Access, team_id: i64, user_id: i64) -> Result<()> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        if repo::remove_member(tx, team.id, user_id)? == 0 {
            return Err(Error::NotFound { entity: "User" });
        }
        log(tx, access, team.id, "pretix.team.member.removed", json!({"user": user_id}), &now)
    })
}
