use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::EntryKind;
use crate::auth::Actor;
use crate::error::Result;

/// An entry as stored, in minor units.
pub(crate) struct EntryRow {
    pub id: i64,
    pub kind: EntryKind,
    pub amount: i64,
    pub balance_after: i64,
    pub currency: String,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub undoes: Option<i64>,
    pub undone: i64,
    pub booked_by: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "e.id, e.kind, e.amount, e.balance_after, e.currency, e.reference, e.note, \
    e.undoes_entry_id, \
    (SELECT coalesce(sum(abs(u.amount)), 0) FROM credit_entries u WHERE u.undoes_entry_id = e.id), \
    coalesce(us.email, k.name, d.name), e.created_at";

const FROM: &str = "FROM credit_entries e LEFT JOIN users us ON us.id = e.user_id \
    LEFT JOIN team_api_tokens k ON k.id = e.api_token_id LEFT JOIN devices d ON d.id = e.device_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<EntryRow> {
    from_row_at(row, 0)
}

/// An entry whose columns start at `o` (after columns of the caller's own).
fn from_row_at(row: &Row<'_>, o: usize) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        id: row.get(o)?,
        kind: EntryKind::parse(&row.get::<_, String>(o + 1)?).unwrap_or(EntryKind::Adjustment),
        amount: row.get(o + 2)?,
        balance_after: row.get(o + 3)?,
        currency: row.get(o + 4)?,
        reference: row.get(o + 5)?,
        note: row.get(o + 6)?,
        undoes: row.get(o + 7)?,
        undone: row.get(o + 8)?,
        booked_by: row.get(o + 9)?,
        created_at: row.get(o + 10)?,
    })
}

/// The newest `n` entries of each of `customer_ids` (a JSON array), as (customer id, entry),
/// newest first per customer, in one statement (a page of the Portos list).
pub(crate) fn recent_for(conn: &Connection, customer_ids: &str, n: i64) -> Result<Vec<(i64, EntryRow)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM (SELECT e.customer_id, {COLUMNS}, \
           row_number() OVER (PARTITION BY e.customer_id ORDER BY e.id DESC) AS position {FROM} \
           WHERE e.customer_id IN (SELECT value FROM json_each(?1))) WHERE position <= ?2 \
           ORDER BY customer_id, position"
    ))?;
    let rows = stmt.query_map(params![customer_ids, n], |r| Ok((r.get(0)?, from_row_at(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The balance after the customer's newest entry (0 without entries).
pub(crate) fn balance(conn: &Connection, customer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT balance_after FROM credit_entries WHERE customer_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

pub(crate) fn find(conn: &Connection, customer_id: i64, id: i64) -> Result<Option<EntryRow>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE e.customer_id = ?1 AND e.id = ?2"))?
        .query_row(params![customer_id, id], from_row)
        .optional()?)
}

/// Newest first.
/// Newest first; only entries with `reference` when given.
pub(crate) fn list(
    conn: &Connection,
    customer_id: i64,
    reference: Option<&str>,
    skip: i64,
    take: i64,
) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE e.customer_id = ?1 AND (?2 IS NULL OR e.reference = ?2) \
         ORDER BY e.id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![customer_id, reference, take, skip], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn count(conn: &Connection, customer_id: i64, reference: Option<&str>) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM credit_entries WHERE customer_id = ?1 AND (?2 IS NULL OR reference = ?2)",
        )?
        .query_row(params![customer_id, reference], |r| r.get(0))?)
}

pub(crate) struct NewEntry<'a> {
    pub organizer_id: i64,
    pub customer_id: i64,
    pub kind: EntryKind,
    pub amount: i64,
    pub balance_after: i64,
    pub currency: &'a str,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
    pub undoes: Option<i64>,
    pub actor: &'a Actor,
    pub now: &'a str,
}

pub(crate) fn insert(conn: &Connection, e: &NewEntry<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO credit_entries (organizer_id, customer_id, kind, amount, balance_after, currency, \
         reference, note, undoes_entry_id, user_id, api_token_id, device_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        e.organizer_id,
        e.customer_id,
        e.kind.as_str(),
        e.amount,
        e.balance_after,
        e.currency,
        e.reference,
        e.note,
        e.undoes,
        e.actor.user_id,
        e.actor.api_token_id,
        e.actor.device_id,
        e.now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Whether the customer's account may be charged (active).
pub(crate) fn customer_active(conn: &Connection, customer_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT is_active FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

pub(crate) fn organizer_has_entries(conn: &Connection, organizer_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM credit_entries WHERE organizer_id = ?1 LIMIT 1")?
        .exists([organizer_id])?)
}

pub(crate) fn save_settings(conn: &Connection, organizer_id: i64, currency: &str, limit: i64) -> Result<()> {
    conn.prepare_cached("UPDATE organizers SET currency = ?2, credit_limit = ?3 WHERE id = ?1")?
        .execute(params![organizer_id, currency, limit])?;
    Ok(())
}
