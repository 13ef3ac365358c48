//! SQL for reseller accounts and their members. Rows ↔ models; no rules.

use rusqlite::{Connection, OptionalExtension, params};

use super::model::*;
use crate::error::Result;

const COLUMNS: &str =
    "r.id, r.name, r.public_name, r.public_url, r.support_email, r.support_phone, r.communication_language";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ResellerAccount> {
    Ok(ResellerAccount {
        id: r.get(0)?,
        name: r.get(1)?,
        public_name: r.get(2)?,
        public_url: r.get(3)?,
        support_email: r.get(4)?,
        support_phone: r.get(5)?,
        communication_language: r.get(6)?,
    })
}

/// Accounts `user_id` belongs to (every account for `None`).
pub(crate) fn list(conn: &Connection, user_id: Option<i64>) -> Result<Vec<ResellerAccount>> {
    let sql = match user_id {
        Some(_) => format!(
            "SELECT {COLUMNS} FROM reseller_accounts r JOIN reseller_members m ON m.reseller_id = r.id \
             WHERE m.user_id = ?1 ORDER BY r.id"
        ),
        None => format!("SELECT {COLUMNS} FROM reseller_accounts r WHERE ?1 IS NULL ORDER BY r.id"),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([user_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find_for(conn: &Connection, user_id: i64, id: i64) -> Result<Option<ResellerAccount>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reseller_accounts r JOIN reseller_members m ON m.reseller_id = r.id \
         WHERE m.user_id = ?1 AND r.id = ?2"
    );
    Ok(conn.query_row(&sql, params![user_id, id], row).optional()?)
}

pub(crate) fn insert(conn: &Connection, a: &NewResellerAccount, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO reseller_accounts (name, public_name, public_url, support_email, support_phone, \
         communication_language, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a.name,
            a.public_name,
            a.public_url,
            a.support_email,
            a.support_phone,
            a.communication_language,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn add_member(conn: &Connection, id: i64, user_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO reseller_members (reseller_id, user_id) VALUES (?1, ?2)",
        params![id, user_id],
    )?;
    Ok(())
}

pub(crate) fn link_organizer(conn: &Connection, id: i64, organizer_id: i64) -> Result<()> {
    conn.execute("UPDATE organizers SET reseller_id = ?1 WHERE id = ?2", params![id, organizer_id])?;
    Ok(())
}

pub(crate) fn organizers(conn: &Connection, id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT slug, name FROM organizers WHERE reseller_id = ?1 ORDER BY slug")?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn members(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT u.email FROM reseller_members m JOIN users u ON u.id = m.user_id WHERE m.reseller_id = ?1 ORDER BY u.email",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn slug_taken_ignoring_case(conn: &Connection, slug: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM organizers WHERE lower(slug) = lower(?1))",
        [slug],
        |r| r.get(0),
    )?)
}

pub(crate) fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM reseller_accounts WHERE id = ?1)", [id], |r| r.get(0))?)
}
