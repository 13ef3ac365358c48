use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{ApiToken, Team, TeamInvite, TeamMember};
use crate::auth::TeamGrants;
use crate::error::Result;

fn set(raw: String) -> BTreeSet<String> {
    serde_json::from_str(&raw).unwrap_or_default()
}

fn json(s: &BTreeSet<String>) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "[]".into())
}

const COLUMNS: &str = "id, name, require_2fa, all_events, limit_events, all_event_permissions, \
    limit_event_permissions, all_organizer_permissions, limit_organizer_permissions";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Team> {
    Ok(Team {
        id: row.get(0)?,
        name: row.get(1)?,
        require_2fa: row.get(2)?,
        grants: TeamGrants {
            all_events: row.get(3)?,
            limit_events: set(row.get(4)?),
            all_event_permissions: row.get(5)?,
            limit_event_permissions: set(row.get(6)?),
            all_organizer_permissions: row.get(7)?,
            limit_organizer_permissions: set(row.get(8)?),
        },
    })
}

pub(crate) fn list(conn: &Connection, organizer_id: i64) -> Result<Vec<Team>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM teams WHERE organizer_id = ?1 AND is_deleted = 0 ORDER BY id"
    ))?;
    Ok(stmt.query_map([organizer_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find(conn: &Connection, organizer_id: i64, id: i64) -> Result<Option<Team>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM teams WHERE organizer_id = ?1 AND id = ?2 AND is_deleted = 0"
        ))?
        .query_row(params![organizer_id, id], from_row)
        .optional()?)
}

pub(crate) fn update(conn: &Connection, organizer_id: i64, t: &Team) -> Result<()> {
    let g = &t.grants;
    conn.prepare_cached(
        "UPDATE teams SET name = ?3, require_2fa = ?4, all_events = ?5, limit_events = ?6, \
         all_event_permissions = ?7, limit_event_permissions = ?8, all_organizer_permissions = ?9, \
         limit_organizer_permissions = ?10 WHERE organizer_id = ?1 AND id = ?2",
    )?
    .execute(params![
        organizer_id,
        t.id,
        t.name,
        t.require_2fa,
        g.all_events,
        json(&g.limit_events),
        g.all_event_permissions,
        json(&g.limit_event_permissions),
        g.all_organizer_permissions,
        json(&g.limit_organizer_permissions)
    ])?;
    Ok(())
}

/// Retires a team: it disappears with its members, and its tokens stop working for good.
pub(crate) fn delete(conn: &Connection, organizer_id: i64, id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE teams SET is_deleted = 1 WHERE organizer_id = ?1 AND id = ?2")?
        .execute(params![organizer_id, id])?;
    conn.prepare_cached("UPDATE team_api_tokens SET is_active = 0 WHERE team_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM team_members WHERE team_id = ?1")?.execute([id])?;
    Ok(())
}

pub(crate) fn tokens(conn: &Connection, team_id: i64) -> Result<Vec<ApiToken>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, is_active FROM team_api_tokens WHERE team_id = ?1 ORDER BY name, id",
    )?;
    let rows = stmt.query_map([team_id], |r| {
        Ok(ApiToken { id: r.get(0)?, name: r.get(1)?, active: r.get(2)?, token: None })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn members(conn: &Connection, team_id: i64) -> Result<Vec<TeamMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.email, u.fullname FROM users u JOIN team_members m ON m.user_id = u.id \
         WHERE m.team_id = ?1 ORDER BY u.id",
    )?;
    let rows = stmt.query_map([team_id], |r| {
        Ok(TeamMember { id: r.get(0)?, email: r.get(1)?, fullname: r.get(2)?, require_2fa: false })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn remove_member(conn: &Connection, team_id: i64, user_id: i64) -> Result<usize> {
    Ok(conn
        .prepare_cached("DELETE FROM team_members WHERE team_id = ?1 AND user_id = ?2")?
        .execute(params![team_id, user_id])?)
}

pub(crate) fn invites(conn: &Connection, team_id: i64) -> Result<Vec<TeamInvite>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, email FROM team_invites WHERE team_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([team_id], |r| Ok(TeamInvite { id: Some(r.get(0)?), email: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records an invitation; `None` when the address is already invited to the team.
pub(crate) fn insert_invite(conn: &Connection, team_id: i64, email: &str, now: &str) -> Result<Option<i64>> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO team_invites (team_id, email, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![team_id, email, now])?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

pub(crate) fn delete_invite(conn: &Connection, team_id: i64, invite_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("DELETE FROM team_invites WHERE team_id = ?1 AND id = ?2 RETURNING email")?
        .query_row(params![team_id, invite_id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn is_member(conn: &Connection, team_id: i64, user_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM team_members WHERE team_id = ?1 AND user_id = ?2")?
        .exists(params![team_id, user_id])?)
}

/// Members and active tokens per team of the organizer, by team id.
pub(crate) fn counts(conn: &Connection, organizer_id: i64) -> Result<Vec<(i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, \
           (SELECT count(*) FROM team_members m WHERE m.team_id = t.id), \
           (SELECT count(*) FROM team_api_tokens k WHERE k.team_id = t.id AND k.is_active = 1) \
         FROM teams t WHERE t.organizer_id = ?1 AND t.is_deleted = 0",
    )?;
    let rows = stmt.query_map([organizer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether an active user in a team of the organizer holds `organizer.teams:write`.
pub(crate) fn someone_can_change_teams(conn: &Connection, organizer_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM teams t JOIN team_members m ON m.team_id = t.id \
             JOIN users u ON u.id = m.user_id AND u.is_active = 1 \
             WHERE t.organizer_id = ?1 AND t.is_deleted = 0 AND (t.all_organizer_permissions = 1 \
               OR EXISTS (SELECT 1 FROM json_each(t.limit_organizer_permissions) \
                          WHERE value = 'organizer.teams:write'))",
        )?
        .exists([organizer_id])?)
}
