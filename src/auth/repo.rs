use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::model::User;
use super::permissions::TeamGrants;
use crate::error::{Error, Result};

pub(crate) struct UserRow {
    pub user: User,
    pub password_hash: String,
    pub is_active: bool,
}

pub(crate) fn find_user_by_email(conn: &Connection, email: &str) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            "SELECT id, email, fullname, locale, password_hash, is_active, is_admin FROM users \
             WHERE email = ?1 COLLATE NOCASE",
            [email],
            |row| {
                Ok(UserRow {
                    user: User {
                        id: row.get(0)?,
                        email: row.get(1)?,
                        fullname: row.get(2)?,
                        locale: row.get(3)?,
                        is_admin: row.get(6)?,
                    },
                    password_hash: row.get(4)?,
                    is_active: row.get(5)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn find_active_user(conn: &Connection, id: i64) -> Result<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT id, email, fullname, locale, is_admin FROM users WHERE id = ?1 AND is_active = 1",
            [id],
            |row| {
                Ok(User {
                    id: row.get(0)?,
                    email: row.get(1)?,
                    fullname: row.get(2)?,
                    locale: row.get(3)?,
                    is_admin: row.get(4)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn count_users(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
}

pub(crate) fn insert_user(
    conn: &Connection,
    email: &str,
    fullname: Option<&str>,
    password_hash: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO users (email, fullname, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![email, fullname, password_hash, now],
    )
    .map_err(|e| {
        crate::db::on_unique(e, "users.email", || {
            Error::validation("email", "A user with this email address already exists.")
        })
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn set_admin(conn: &Connection, user_id: i64, is_admin: bool) -> Result<()> {
    conn.execute("UPDATE users SET is_admin = ?2 WHERE id = ?1", params![user_id, is_admin])?;
    Ok(())
}

/// Turns the team invitations for `email` into memberships of `user_id`; returns their team ids.
pub(crate) fn redeem_invites(conn: &Connection, email: &str, user_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "DELETE FROM team_invites WHERE email = ?1 COLLATE NOCASE \
         AND team_id IN (SELECT id FROM teams WHERE is_deleted = 0) RETURNING team_id",
    )?;
    let teams: Vec<i64> = stmt.query_map([email], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for team_id in &teams {
        add_member(conn, *team_id, user_id)?;
    }
    Ok(teams)
}

pub(crate) fn touch_last_login(conn: &Connection, user_id: i64, now: &str) -> Result<()> {
    conn.execute("UPDATE users SET last_login_at = ?2 WHERE id = ?1", params![user_id, now])?;
    Ok(())
}

fn to_json(set: &BTreeSet<String>) -> String {
    serde_json::to_string(set).unwrap_or_else(|_| "[]".into())
}

fn from_json(raw: &str) -> BTreeSet<String> {
    serde_json::from_str(raw).unwrap_or_default()
}

pub(crate) fn insert_team(
    conn: &Connection,
    organizer_id: i64,
    name: &str,
    grants: &TeamGrants,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO teams (organizer_id, name, all_events, limit_events, all_event_permissions, \
         limit_event_permissions, all_organizer_permissions, limit_organizer_permissions, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            organizer_id,
            name,
            grants.all_events,
            to_json(&grants.limit_events),
            grants.all_event_permissions,
            to_json(&grants.limit_event_permissions),
            grants.all_organizer_permissions,
            to_json(&grants.limit_organizer_permissions),
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn add_member(conn: &Connection, team_id: i64, user_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?1, ?2)",
        params![team_id, user_id],
    )?;
    Ok(())
}

const GRANT_COLUMNS: &str = "t.all_events, t.limit_events, t.all_event_permissions, \
    t.limit_event_permissions, t.all_organizer_permissions, t.limit_organizer_permissions";

fn grants_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<TeamGrants> {
    Ok(TeamGrants {
        all_events: row.get(0)?,
        limit_events: from_json(&row.get::<_, String>(1)?),
        all_event_permissions: row.get(2)?,
        limit_event_permissions: from_json(&row.get::<_, String>(3)?),
        all_organizer_permissions: row.get(4)?,
        limit_organizer_permissions: from_json(&row.get::<_, String>(5)?),
    })
}

pub(crate) fn team_grants(conn: &Connection, team_id: i64) -> Result<Vec<TeamGrants>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {GRANT_COLUMNS} FROM teams t WHERE t.id = ?1 AND t.is_deleted = 0"
    ))?;
    Ok(stmt.query_map([team_id], grants_from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn user_grants(conn: &Connection, user_id: i64, organizer_id: i64) -> Result<Vec<TeamGrants>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {GRANT_COLUMNS} FROM teams t JOIN team_members m ON m.team_id = t.id \
         WHERE m.user_id = ?1 AND t.organizer_id = ?2 AND t.is_deleted = 0"
    ))?;
    Ok(stmt.query_map(params![user_id, organizer_id], grants_from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn user_organizer_ids(conn: &Connection, user_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT t.organizer_id FROM teams t JOIN team_members m ON m.team_id = t.id \
         WHERE m.user_id = ?1 AND t.is_deleted = 0",
    )?;
    Ok(stmt.query_map([user_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_token(
    conn: &Connection,
    team_id: i64,
    name: &str,
    token_hash: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO team_api_tokens (team_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![team_id, name, token_hash, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) struct TokenRow {
    pub id: i64,
    pub team_id: i64,
    pub organizer_id: i64,
    pub is_active: bool,
}

pub(crate) fn find_token(conn: &Connection, token_hash: &str) -> Result<Option<TokenRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT k.id, k.team_id, t.organizer_id, k.is_active FROM team_api_tokens k \
             JOIN teams t ON t.id = k.team_id WHERE k.token_hash = ?1",
        )?
        .query_row([token_hash], |row| {
            Ok(TokenRow {
                id: row.get(0)?,
                team_id: row.get(1)?,
                organizer_id: row.get(2)?,
                is_active: row.get(3)?,
            })
        })
        .optional()?)
}

pub(crate) fn set_token_active(conn: &Connection, token_id: i64, active: bool) -> Result<()> {
    conn.execute("UPDATE team_api_tokens SET is_active = ?2 WHERE id = ?1", params![token_id, active])?;
    Ok(())
}

pub(crate) fn insert_session(
    conn: &Connection,
    user_id: i64,
    token_hash: &str,
    now: &str,
    expires: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![user_id, token_hash, now, expires],
    )?;
    Ok(())
}

/// The user of an unexpired session. Times compare as text: all are RFC 3339 UTC.
pub(crate) fn session_user_id(conn: &Connection, token_hash: &str, now: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT user_id FROM user_sessions WHERE token_hash = ?1 AND expires_at > ?2",
            params![token_hash, now],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<()> {
    conn.execute("DELETE FROM user_sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

pub(crate) fn delete_expired_sessions(conn: &Connection, now: &str) -> Result<()> {
    conn.execute("DELETE FROM user_sessions WHERE expires_at <= ?1", [now])?;
    Ok(())
}
