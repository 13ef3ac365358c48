//! Membership rows. Every query is scoped by organizer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Membership, MembershipFilter, MembershipType, MembershipUse};
use crate::error::Result;
use crate::types::time;

fn json_map(raw: Option<String>) -> Option<BTreeMap<String, String>> {
    raw.map(|r| serde_json::from_str(&r).unwrap_or_default())
}

fn to_json(map: &BTreeMap<String, String>) -> String {
    serde_json::to_string(map).unwrap_or_else(|_| "{}".into())
}

fn at(raw: String) -> DateTime<Utc> {
    time::parse(&raw).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

// --- types ---------------------------------------------------------------------------------

const TYPE_COLUMNS: &str = "id, name, is_transferable, allow_parallel_usage, max_usages";

fn type_from_row(row: &Row<'_>) -> rusqlite::Result<MembershipType> {
    Ok(MembershipType {
        id: row.get(0)?,
        name: json_map(Some(row.get(1)?)).unwrap_or_default(),
        transferable: row.get(2)?,
        allow_parallel_usage: row.get(3)?,
        max_usages: row.get(4)?,
    })
}

pub(crate) fn find_type(conn: &Connection, organizer_id: i64, id: i64) -> Result<Option<MembershipType>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {TYPE_COLUMNS} FROM membership_types WHERE organizer_id = ?1 AND id = ?2"
        ))?
        .query_row(params![organizer_id, id], type_from_row)
        .optional()?)
}

pub(crate) fn list_types(conn: &Connection, organizer_id: i64) -> Result<Vec<MembershipType>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TYPE_COLUMNS} FROM membership_types WHERE organizer_id = ?1 ORDER BY id"
    ))?;
    Ok(stmt.query_map([organizer_id], type_from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_type(
    conn: &Connection,
    organizer_id: i64,
    t: &MembershipType,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO membership_types (organizer_id, name, is_transferable, allow_parallel_usage, max_usages, \
         created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![organizer_id, to_json(&t.name), t.transferable, t.allow_parallel_usage, t.max_usages, now])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_type(conn: &Connection, organizer_id: i64, t: &MembershipType) -> Result<()> {
    conn.prepare_cached(
        "UPDATE membership_types SET name = ?3, is_transferable = ?4, allow_parallel_usage = ?5, max_usages = ?6 \
         WHERE organizer_id = ?1 AND id = ?2",
    )?
    .execute(params![organizer_id, t.id, to_json(&t.name), t.transferable, t.allow_parallel_usage, t.max_usages])?;
    Ok(())
}

pub(crate) fn type_in_use(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM memberships WHERE membership_type_id = ?1")?.exists([id])?)
}

pub(crate) fn delete_type(conn: &Connection, organizer_id: i64, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM membership_types WHERE organizer_id = ?1 AND id = ?2")?
        .execute(params![organizer_id, id])?;
    Ok(())
}

// --- memberships ---------------------------------------------------------------------------

/// A membership with the customer's row id, which the wire never shows.
pub(crate) struct MembershipRecord {
    pub customer_id: i64,
    pub membership: Membership,
}

const COLUMNS: &str = "m.id, c.identifier, m.membership_type_id, m.is_testmode, m.date_start_at, m.date_end_at, \
    m.attendee_name_parts, m.customer_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<MembershipRecord> {
    Ok(MembershipRecord {
        customer_id: row.get(7)?,
        membership: Membership {
            id: row.get(0)?,
            customer: row.get(1)?,
            membership_type: row.get(2)?,
            testmode: row.get(3)?,
            date_start: at(row.get(4)?),
            date_end: at(row.get(5)?),
            attendee_name_parts: json_map(row.get(6)?),
        },
    })
}

pub(crate) fn find(conn: &Connection, organizer_id: i64, id: i64) -> Result<Option<MembershipRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM memberships m JOIN customers c ON c.id = m.customer_id \
             WHERE m.organizer_id = ?1 AND m.id = ?2"
        ))?
        .query_row(params![organizer_id, id], from_row)
        .optional()?)
}

pub(crate) fn insert(
    conn: &Connection,
    organizer_id: i64,
    customer_id: i64,
    m: &Membership,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO memberships (organizer_id, customer_id, membership_type_id, is_testmode, date_start_at, \
         date_end_at, attendee_name_parts, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        organizer_id,
        customer_id,
        m.membership_type,
        m.testmode,
        time::store(m.date_start),
        time::store(m.date_end),
        m.attendee_name_parts.as_ref().map(to_json),
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update(conn: &Connection, organizer_id: i64, m: &Membership) -> Result<()> {
    conn.prepare_cached(
        "UPDATE memberships SET membership_type_id = ?3, date_start_at = ?4, date_end_at = ?5, \
         attendee_name_parts = ?6 WHERE organizer_id = ?1 AND id = ?2",
    )?
    .execute(params![
        organizer_id,
        m.id,
        m.membership_type,
        time::store(m.date_start),
        time::store(m.date_end),
        m.attendee_name_parts.as_ref().map(to_json)
    ])?;
    Ok(())
}

const FILTER: &str = "m.organizer_id = ?1 AND (?2 IS NULL OR m.customer_id = ?2) \
    AND (?3 IS NULL OR m.membership_type_id = ?3) AND (?4 IS NULL OR m.is_testmode = ?4)";

pub(crate) fn count(
    conn: &Connection,
    organizer_id: i64,
    customer_id: Option<i64>,
    filter: &MembershipFilter,
) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM memberships m WHERE {FILTER}"))?
        .query_row(params![organizer_id, customer_id, filter.membership_type, filter.testmode], |r| {
            r.get(0)
        })?;
    Ok(n as u64)
}

/// pretix's fixed order: latest end first, then latest start, then by type; id breaks ties.
pub(crate) fn list(
    conn: &Connection,
    organizer_id: i64,
    customer_id: Option<i64>,
    filter: &MembershipFilter,
    limit: u32,
    offset: u64,
) -> Result<Vec<MembershipRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM memberships m JOIN customers c ON c.id = m.customer_id WHERE {FILTER} \
         ORDER BY m.date_end_at DESC, m.date_start_at DESC, m.membership_type_id, m.id LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = stmt.query_map(
        params![organizer_id, customer_id, filter.membership_type, filter.testmode, limit, offset as i64],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn null_attendee_names(conn: &Connection, organizer_id: i64, customer_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE memberships SET attendee_name_parts = NULL WHERE organizer_id = ?1 AND customer_id = ?2",
    )?
    .execute(params![organizer_id, customer_id])?;
    Ok(())
}

// --- uses ----------------------------------------------------------------------------------

const USE_COLUMNS: &str = "id, membership_id, used_at, reference, is_voided, voided_at, created_at";

fn use_from_row(row: &Row<'_>) -> rusqlite::Result<MembershipUse> {
    Ok(MembershipUse {
        id: row.get(0)?,
        membership: row.get(1)?,
        used_at: at(row.get(2)?),
        reference: row.get(3)?,
        voided: row.get(4)?,
        voided_at: row.get::<_, Option<String>>(5)?.map(at),
        created: at(row.get(6)?),
    })
}

pub(crate) fn list_uses(
    conn: &Connection,
    organizer_id: i64,
    membership_id: i64,
) -> Result<Vec<MembershipUse>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {USE_COLUMNS} FROM membership_uses WHERE organizer_id = ?1 AND membership_id = ?2 ORDER BY used_at, id"
    ))?;
    Ok(stmt
        .query_map(params![organizer_id, membership_id], use_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find_use(
    conn: &Connection,
    organizer_id: i64,
    membership_id: i64,
    id: i64,
) -> Result<Option<MembershipUse>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {USE_COLUMNS} FROM membership_uses WHERE organizer_id = ?1 AND membership_id = ?2 AND id = ?3"
        ))?
        .query_row(params![organizer_id, membership_id, id], use_from_row)
        .optional()?)
}

pub(crate) fn insert_use(
    conn: &Connection,
    organizer_id: i64,
    membership_id: i64,
    used_at: &str,
    reference: &str,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO membership_uses (organizer_id, membership_id, used_at, reference, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![organizer_id, membership_id, used_at, reference, now])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn void_use(conn: &Connection, organizer_id: i64, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE membership_uses SET is_voided = 1, voided_at = ?3 WHERE organizer_id = ?1 AND id = ?2",
    )?
    .execute(params![organizer_id, id, now])?;
    Ok(())
}

/// Uses that count: not voided.
pub(crate) fn count_active_uses(conn: &Connection, membership_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM membership_uses WHERE membership_id = ?1 AND is_voided = 0")?
        .query_row([membership_id], |r| r.get(0))?)
}

/// Whether a counting use lies strictly within (`from`, `to`).
pub(crate) fn active_use_between(
    conn: &Connection,
    membership_id: i64,
    from: &str,
    to: &str,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM membership_uses WHERE membership_id = ?1 AND is_voided = 0 AND used_at > ?2 AND used_at < ?3",
        )?
        .exists(params![membership_id, from, to])?)
}
