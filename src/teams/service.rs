use rusqlite::Transaction;
use serde_json::{Value, json};

use super::model::*;
use super::repo;
use crate::app::App;
use crate::audit::{self, LogEntry};
use crate::auth::{self, Access, EVENT_PERMISSIONS, ORGANIZER_PERMISSIONS, Permission, TeamGrants};
use crate::error::{Error, FieldErrors, Result};
use crate::types::{Email, time};

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

/// The action combinations pretix offers per permission group with more than one action (a group
/// with one action allows it or not); the actions of a combination in the group's order.
const COMBINATIONS: &[(&str, &[&str], &[&str])] = &[
    ("event.orders", &["read", "write", "checkin"], &["", "checkin", "read", "read,checkin", "read,write"]),
    ("event.vouchers", &["read", "write"], &["", "read", "read,write"]),
    ("organizer.giftcards", &["read", "write"], &["", "read", "read,write"]),
    ("organizer.customers", &["read", "write"], &["", "read", "read,write"]),
    ("organizer.reusablemedia", &["read", "write"], &["", "read", "read,write"]),
    ("organizer.devices", &["read", "write"], &["", "read", "read,write"]),
];

/// pretix's check that each permission group holds one of its offered action combinations
/// (`write` without `read` is not one).
fn check_combinations(grants: &TeamGrants, errors: &mut FieldErrors) {
    for (group, actions, valid) in COMBINATIONS {
        let held = if group.starts_with("event") {
            &grants.limit_event_permissions
        } else {
            &grants.limit_organizer_permissions
        };
        let chosen = actions
            .iter()
            .filter(|a| held.contains(&format!("{group}:{a}")))
            .copied()
            .collect::<Vec<_>>()
            .join(",");
        if !valid.contains(&chosen.as_str()) {
            let offered = valid.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(" or ");
            errors.add(
                FieldErrors::NON_FIELD,
                format!(
                    "For permission group {group}, the valid combinations of actions are {offered} but you \
                     tried to set '{chosen}'."
                ),
            );
        }
    }
}

/// Applies `change` to `team`, checking it as pretix does: known permission names, no legacy flags
/// together with the new fields, never "all" and a limited list of the same kind, existing events,
/// and (when `combinations` and the new fields are sent) the offered action combinations.
fn apply(team: &mut Team, change: &TeamChange, creating: bool, combinations: bool) -> Result<()> {
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
    if new_style && combinations {
        check_combinations(g, &mut errors);
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
    create_checked(app, access, change, false)
}

/// [`create`], checking the action combinations too when `combinations` (the desk does; pretix's
/// API checks them only on update).
fn create_checked(app: &App, access: &Access, change: TeamChange, combinations: bool) -> Result<Team> {
    access.require(Permission::TEAMS_WRITE)?;
    let mut team = Team { id: 0, name: String::new(), require_2fa: false, grants: TeamGrants::default() };
    apply(&mut team, &change, true, combinations)?;
    let now = app.now();
    app.db().write(|tx| {
        team.id = auth::create_team_in_tx(tx, now, access.organizer_id(), &team.name, &team.grants)?;
        repo::update(tx, access.organizer_id(), &team)?;
        log(tx, access, team.id, "pretix.team.created", json!({"name": team.name}), &time::store(now))?;
        Ok(team)
    })
}

/// Whether a change may leave the organizer without anyone who can change teams: the API allows
/// it (as pretix's does); the desk refuses, as pretix's own control panel does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lockout {
    Allow,
    Refuse,
}

fn check_lockout(tx: &Transaction<'_>, organizer_id: i64, lockout: Lockout) -> Result<()> {
    if lockout == Lockout::Refuse && !repo::someone_can_change_teams(tx, organizer_id)? {
        return Err(Error::Refused(
            "Nobody would be left who may change teams. Give that permission to someone else first.",
        ));
    }
    Ok(())
}

/// Errors: `forbidden`, `not_found`, `validation`.
pub fn update(app: &App, access: &Access, id: i64, change: TeamChange) -> Result<Team> {
    update_guarded(app, access, id, change, Lockout::Allow)
}

fn update_guarded(app: &App, access: &Access, id: i64, change: TeamChange, lockout: Lockout) -> Result<Team> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let mut team = repo::find(tx, access.organizer_id(), id)?.ok_or_else(not_found)?;
        apply(&mut team, &change, false, true)?;
        repo::update(tx, access.organizer_id(), &team)?;
        check_lockout(tx, access.organizer_id(), lockout)?;
        log(tx, access, team.id, "pretix.team.changed", json!({"name": team.name}), &now)?;
        Ok(team)
    })
}

/// Deletes a team with its tokens and memberships (a caller can lock itself out, as in pretix).
/// Errors: `forbidden`, `not_found`.
pub fn delete(app: &App, access: &Access, id: i64) -> Result<()> {
    delete_guarded(app, access, id, Lockout::Allow)
}

fn delete_guarded(app: &App, access: &Access, id: i64, lockout: Lockout) -> Result<()> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), id)?.ok_or_else(not_found)?;
        log(tx, access, team.id, "pretix.team.deleted", json!({"id": team.id}), &now)?;
        repo::delete(tx, access.organizer_id(), team.id)?;
        check_lockout(tx, access.organizer_id(), lockout)
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
    remove_member_guarded(app, access, team_id, user_id, Lockout::Allow)
}

fn remove_member_guarded(
    app: &App,
    access: &Access,
    team_id: i64,
    user_id: i64,
    lockout: Lockout,
) -> Result<()> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        if repo::remove_member(tx, team.id, user_id)? == 0 {
            return Err(Error::NotFound { entity: "User" });
        }
        check_lockout(tx, access.organizer_id(), lockout)?;
        log(tx, access, team.id, "pretix.team.member.removed", json!({"user": user_id}), &now)
    })
}

/// Invitations waiting for an account. Errors: `forbidden`, `not_found`.
pub fn invites(app: &App, access: &Access, team_id: i64) -> Result<Vec<TeamInvite>> {
    let team = get(app, access, team_id)?;
    app.db().read(|c| repo::invites(c, team.id))
}

/// Invites an address to a team, as pretix's invites resource does: a staff user with that
/// address joins at once (the answer's `id` is `None`); otherwise the invitation waits until an
/// account with the address is created. Errors: `forbidden`, `not_found`, `validation` (email),
/// `refused` (already invited, already a member).
pub fn invite(app: &App, access: &Access, team_id: i64, email: Option<String>) -> Result<TeamInvite> {
    access.require(Permission::TEAMS_WRITE)?;
    let email = match email {
        None => return Err(Error::validation("email", "This field is required.")),
        Some(raw) => Email::parse(&raw).map_err(|m| Error::validation("email", m))?,
    };
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        if let Some(user) = auth::repo::find_user_by_email(tx, email.as_str())? {
            if repo::is_member(tx, team.id, user.user.id)? {
                return Err(Error::Refused("This user already has permissions for this team."));
            }
            auth::add_team_member_in_tx(tx, team.id, user.user.id)?;
            let data = json!({"email": user.user.email, "user": user.user.id});
            log(tx, access, team.id, "pretix.team.member.added", data, &now)?;
            return Ok(TeamInvite { id: None, email: user.user.email });
        }
        let id = repo::insert_invite(tx, team.id, email.as_str(), &now)?
            .ok_or(Error::Refused("This user already has been invited for this team."))?;
        log(tx, access, team.id, "pretix.team.invite.created", json!({"email": email.as_str()}), &now)?;
        crate::outbox::queue_team_invite_in_tx(tx, &now, access, email.as_str(), &team.name)?;
        Ok(TeamInvite { id: Some(id), email: email.as_str().to_string() })
    })
}

/// Withdraws an invitation. Errors: `forbidden`, `not_found`.
pub fn delete_invite(app: &App, access: &Access, team_id: i64, invite_id: i64) -> Result<()> {
    access.require(Permission::TEAMS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        let email =
            repo::delete_invite(tx, team.id, invite_id)?.ok_or(Error::NotFound { entity: "TeamInvite" })?;
        log(tx, access, team.id, "pretix.team.invite.deleted", json!({"email": email}), &now)
    })
}

// The desk's view: one call per screen action, in the desk's own shapes.

/// The organizer's teams with their member and token counts. Errors: `forbidden`.
pub fn summaries(app: &App, access: &Access) -> Result<Vec<TeamSummary>> {
    let teams = list(app, access)?;
    let counts = app.db().read(|c| repo::counts(c, access.organizer_id()))?;
    Ok(teams
        .iter()
        .map(|t| {
            let (_, members, tokens) =
                counts.iter().find(|(id, ..)| *id == t.id).copied().unwrap_or_default();
            TeamSummary::new(t, members, tokens)
        })
        .collect())
}

/// A team with members, invitations and tokens. Errors: `forbidden`, `not_found`.
pub fn detail(app: &App, access: &Access, team_id: i64) -> Result<TeamDetail> {
    let team = get(app, access, team_id)?;
    let (members, invites, tokens) = app
        .db()
        .read(|c| Ok((repo::members(c, team.id)?, repo::invites(c, team.id)?, repo::tokens(c, team.id)?)))?;
    let active = tokens.iter().filter(|t| t.active).count() as i64;
    Ok(TeamDetail {
        team: TeamSummary::new(&team, members.len() as i64, active),
        members: members
            .into_iter()
            .map(|m| MemberSummary { user_id: m.id, email: m.email, fullname: m.fullname })
            .collect(),
        invites: invites.into_iter().map(|i| i.email).collect(),
        tokens: tokens
            .into_iter()
            .map(|t| TokenSummary { token_id: t.id, name: t.name, active: t.active })
            .collect(),
        known_organizer_permissions: ORGANIZER_PERMISSIONS.iter().map(|p| p.to_string()).collect(),
        known_event_permissions: EVENT_PERMISSIONS.iter().map(|p| p.to_string()).collect(),
    })
}

fn change_from_input(input: TeamInput) -> TeamChange {
    TeamChange {
        name: Some(input.name),
        all_events: Some(input.all_events),
        limit_events: Some(Vec::new()),
        all_event_permissions: Some(input.all_event_permissions),
        limit_event_permissions: Some(if input.all_event_permissions {
            Vec::new()
        } else {
            input.event_permissions
        }),
        all_organizer_permissions: Some(input.all_organizer_permissions),
        limit_organizer_permissions: Some(if input.all_organizer_permissions {
            Vec::new()
        } else {
            input.organizer_permissions
        }),
        ..TeamChange::default()
    }
}

/// Creates a team from the desk's form. Errors: as [`create`], and the action combinations.
pub fn add(app: &App, access: &Access, input: TeamInput) -> Result<TeamDetail> {
    let team = create_checked(app, access, change_from_input(input), true)?;
    detail(app, access, team.id)
}

/// Saves the desk's form over a team. Errors: as [`update`], and `refused` when nobody would be
/// left who may change teams.
pub fn edit(app: &App, access: &Access, team_id: i64, input: TeamInput) -> Result<TeamDetail> {
    update_guarded(app, access, team_id, change_from_input(input), Lockout::Refuse)?;
    detail(app, access, team_id)
}

/// Deletes a team from the desk. Errors: as [`delete`], and `refused` when nobody would be left
/// who may change teams.
pub fn remove(app: &App, access: &Access, team_id: i64) -> Result<()> {
    delete_guarded(app, access, team_id, Lockout::Refuse)
}

/// Takes a user out of a team at the desk. Errors: as [`remove_member`], and `refused` when
/// nobody would be left who may change teams.
pub fn take_out(app: &App, access: &Access, team_id: i64, user_id: i64) -> Result<TeamDetail> {
    remove_member_guarded(app, access, team_id, user_id, Lockout::Refuse)?;
    detail(app, access, team_id)
}

/// Adds a person to a team at the desk: an existing staff user by address, or a new staff account
/// when a password is given. Errors: `forbidden`, `not_found`, `validation` (email, name,
/// password; `password` is asked for when the address has no account), `refused` (already in the
/// team).
pub fn add_member(app: &App, access: &Access, team_id: i64, input: MemberInput) -> Result<TeamDetail> {
    access.require(Permission::TEAMS_WRITE)?;
    let email = Email::parse(&input.email).map_err(|m| Error::validation("email", m))?;
    let now = app.now();
    let stamp = time::store(now);
    app.db().write(|tx| {
        let team = repo::find(tx, access.organizer_id(), team_id)?.ok_or_else(not_found)?;
        let user_id = match auth::repo::find_user_by_email(tx, email.as_str())? {
            Some(user) if repo::is_member(tx, team.id, user.user.id)? => {
                return Err(Error::Refused("This user already has permissions for this team."));
            }
            Some(user) => user.user.id,
            None => {
                let Some(password) = input.password.as_deref().filter(|p| !p.is_empty()) else {
                    return Err(Error::validation(
                        "password",
                        "Nobody has a staff account with this address yet. Give a name and an initial \
                         password to create one.",
                    ));
                };
                let id =
                    auth::create_user_in_tx(tx, now, email.as_str(), input.fullname.as_deref(), password)?;
                let data = json!({"email": email.as_str(), "user": id});
                log(tx, access, team.id, "pretix.user.created", data, &stamp)?;
                id
            }
        };
        auth::add_team_member_in_tx(tx, team.id, user_id)?;
        let data = json!({"email": email.as_str(), "user": user_id});
        log(tx, access, team.id, "pretix.team.member.added", data, &stamp)
    })?;
    detail(app, access, team_id)
}

/// Creates a token from the desk; the secret is in the answer only. Errors: as [`create_token`].
pub fn add_token(app: &App, access: &Access, team_id: i64, input: TokenInput) -> Result<CreatedToken> {
    let token = create_token(app, access, team_id, Some(input.name))?;
    Ok(CreatedToken {
        secret: token.token.unwrap_or_default(),
        token: TokenSummary { token_id: token.id, name: token.name, active: token.active },
    })
}

/// Deactivates a token from the desk. Errors: as [`deactivate_token`].
pub fn revoke_token(app: &App, access: &Access, team_id: i64, token_id: i64) -> Result<TeamDetail> {
    deactivate_token(app, access, team_id, token_id)?;
    detail(app, access, team_id)
}
