//! SQL for OAuth applications, codes and tokens. Rows ↔ models; no rules.

use rusqlite::{Connection, OptionalExtension, params};

use super::model::*;
use crate::error::Result;

pub(crate) struct AppRow {
    pub app: OAuthApplication,
    pub secret_hash: Option<String>,
}

fn app_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AppRow> {
    let secret_hash: Option<String> = r.get(3)?;
    let uris: String = r.get(4)?;
    Ok(AppRow {
        app: OAuthApplication {
            id: r.get(0)?,
            name: r.get(1)?,
            client_id: r.get(2)?,
            confidential: secret_hash.is_some(),
            redirect_uris: uris.split_whitespace().map(String::from).collect(),
            active: r.get(5)?,
            created_at: r.get(6)?,
        },
        secret_hash,
    })
}

const APP_COLUMNS: &str = "id, name, client_id, client_secret_hash, redirect_uris, is_active, created_at";

pub(crate) fn find_app(conn: &Connection, client_id: &str) -> Result<Option<AppRow>> {
    let sql = format!("SELECT {APP_COLUMNS} FROM oauth_applications WHERE client_id = ?1");
    Ok(conn.query_row(&sql, [client_id], app_row).optional()?)
}

pub(crate) fn apps_of(conn: &Connection, user_id: i64) -> Result<Vec<OAuthApplication>> {
    let sql = format!("SELECT {APP_COLUMNS} FROM oauth_applications WHERE user_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([user_id], app_row)?;
    Ok(rows.map(|r| r.map(|a| a.app)).collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_app(
    conn: &Connection,
    user_id: i64,
    name: &str,
    client_id: &str,
    secret_hash: Option<&str>,
    uris: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO oauth_applications (name, client_id, client_secret_hash, redirect_uris, user_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![name, client_id, secret_hash, uris, user_id, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn deactivate_app(conn: &Connection, user_id: i64, id: i64) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE oauth_applications SET is_active = 0 WHERE id = ?1 AND user_id = ?2",
        params![id, user_id],
    )? == 1)
}

pub(crate) struct NewCode<'a> {
    pub application_id: i64,
    pub user_id: i64,
    pub code_hash: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a str,
    pub organizers: &'a str,
    pub challenge: Option<&'a str>,
    pub challenge_method: Option<&'a str>,
    pub expires_at: &'a str,
}

pub(crate) fn insert_code(conn: &Connection, c: &NewCode<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO oauth_codes (application_id, user_id, code_hash, redirect_uri, scopes, organizers, \
         code_challenge, code_challenge_method, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.application_id,
            c.user_id,
            c.code_hash,
            c.redirect_uri,
            c.scopes,
            c.organizers,
            c.challenge,
            c.challenge_method,
            c.expires_at
        ],
    )?;
    Ok(())
}

pub(crate) struct CodeRow {
    pub id: i64,
    pub application_id: i64,
    pub user_id: i64,
    pub redirect_uri: String,
    pub scopes: String,
    pub organizers: String,
    pub challenge: Option<String>,
    pub challenge_method: Option<String>,
    pub expires_at: String,
    pub used: bool,
}

pub(crate) fn find_code(conn: &Connection, code_hash: &str) -> Result<Option<CodeRow>> {
    Ok(conn
        .query_row(
            "SELECT id, application_id, user_id, redirect_uri, scopes, organizers, code_challenge, \
             code_challenge_method, expires_at, used_at IS NOT NULL FROM oauth_codes WHERE code_hash = ?1",
            [code_hash],
            |r| {
                Ok(CodeRow {
                    id: r.get(0)?,
                    application_id: r.get(1)?,
                    user_id: r.get(2)?,
                    redirect_uri: r.get(3)?,
                    scopes: r.get(4)?,
                    organizers: r.get(5)?,
                    challenge: r.get(6)?,
                    challenge_method: r.get(7)?,
                    expires_at: r.get(8)?,
                    used: r.get(9)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn use_code(conn: &Connection, id: i64, now: &str) -> Result<bool> {
    Ok(conn
        .execute("UPDATE oauth_codes SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL", params![id, now])?
        == 1)
}

pub(crate) struct NewToken<'a> {
    pub application_id: i64,
    pub user_id: i64,
    pub access_hash: &'a str,
    pub refresh_hash: &'a str,
    pub scopes: &'a str,
    pub organizers: &'a str,
    pub expires_at: &'a str,
    pub now: &'a str,
}

pub(crate) fn insert_token(conn: &Connection, t: &NewToken<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO oauth_tokens (application_id, user_id, access_hash, refresh_hash, scopes, organizers, \
         access_expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            t.application_id,
            t.user_id,
            t.access_hash,
            t.refresh_hash,
            t.scopes,
            t.organizers,
            t.expires_at,
            t.now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) struct TokenRow {
    pub id: i64,
    pub application_id: i64,
    pub user_id: i64,
    pub scopes: String,
    pub organizers: String,
    pub access_expires_at: String,
    pub revoked: bool,
    pub app_active: bool,
}

const TOKEN_COLUMNS: &str = "t.id, t.application_id, t.user_id, t.scopes, t.organizers, t.access_expires_at, \
     t.revoked_at IS NOT NULL, a.is_active";

fn token_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        id: r.get(0)?,
        application_id: r.get(1)?,
        user_id: r.get(2)?,
        scopes: r.get(3)?,
        organizers: r.get(4)?,
        access_expires_at: r.get(5)?,
        revoked: r.get(6)?,
        app_active: r.get(7)?,
    })
}

pub(crate) fn token_by_access(conn: &Connection, hash: &str) -> Result<Option<TokenRow>> {
    let sql = format!(
        "SELECT {TOKEN_COLUMNS} FROM oauth_tokens t JOIN oauth_applications a ON a.id = t.application_id \
         WHERE t.access_hash = ?1"
    );
    Ok(conn.query_row(&sql, [hash], token_row).optional()?)
}

pub(crate) fn token_by_refresh(conn: &Connection, hash: &str) -> Result<Option<TokenRow>> {
    let sql = format!(
        "SELECT {TOKEN_COLUMNS} FROM oauth_tokens t JOIN oauth_applications a ON a.id = t.application_id \
         WHERE t.refresh_hash = ?1"
    );
    Ok(conn.query_row(&sql, [hash], token_row).optional()?)
}

pub(crate) fn renew_access(conn: &Connection, id: i64, access_hash: &str, expires_at: &str) -> Result<()> {
    conn.execute(
        "UPDATE oauth_tokens SET access_hash = ?2, access_expires_at = ?3 WHERE id = ?1",
        params![id, access_hash, expires_at],
    )?;
    Ok(())
}

pub(crate) fn expire_access(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE oauth_tokens SET access_expires_at = ?2 WHERE id = ?1 AND access_expires_at > ?2",
        params![id, now],
    )?;
    Ok(())
}

pub(crate) fn revoke(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE oauth_tokens SET revoked_at = COALESCE(revoked_at, ?2), access_expires_at = MIN(access_expires_at, ?2) WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// A grant's row: token id, application name, scopes, organizer ids (JSON), created.
pub(crate) type GrantRow = (i64, String, String, String, String);

pub(crate) fn grants_of(conn: &Connection, user_id: i64) -> Result<Vec<GrantRow>> {
    let mut stmt = conn.prepare(
        "SELECT t.id, a.name, t.scopes, t.organizers, t.created_at FROM oauth_tokens t \
         JOIN oauth_applications a ON a.id = t.application_id WHERE t.user_id = ?1 AND t.revoked_at IS NULL ORDER BY t.id",
    )?;
    let rows = stmt.query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn token_user(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT user_id FROM oauth_tokens WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}
