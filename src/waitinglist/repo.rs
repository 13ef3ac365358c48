//! SQL for waiting-list entries. Rows ↔ models; no rules.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::*;
use crate::error::Result;
use crate::types::{NameParts, NameScheme, time};

const COLUMNS: &str = "w.id, w.created_at, w.name_parts, w.email, w.phone, w.voucher_id, w.item_id, w.variation_id, w.locale, w.subevent_id, w.priority";

fn row(r: &Row<'_>) -> rusqlite::Result<WaitingListEntry> {
    let parts: BTreeMap<String, String> = serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default();
    let name = NameParts::from_stored(parts.clone()).display(NameScheme::Full);
    Ok(WaitingListEntry {
        id: r.get(0)?,
        created: r.get::<_, String>(1)?.as_str().parse::<DateTime<Utc>>().unwrap_or_default(),
        name: Some(name).filter(|n| !n.is_empty()),
        name_parts: parts,
        email: r.get(3)?,
        phone: r.get(4)?,
        voucher: r.get(5)?,
        item: r.get(6)?,
        variation: r.get(7)?,
        locale: r.get(8)?,
        subevent: r.get(9)?,
        priority: r.get(10)?,
    })
}

pub(crate) fn list(conn: &Connection, event_id: i64) -> Result<Vec<WaitingListEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM waiting_list_entries w WHERE w.event_id = ?1 ORDER BY w.created_at, w.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([event_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find(conn: &Connection, event_id: i64, id: i64) -> Result<Option<WaitingListEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM waiting_list_entries w WHERE w.event_id = ?1 AND w.id = ?2");
    Ok(conn.query_row(&sql, params![event_id, id], row).optional()?)
}

/// Entries still waiting, in the order the assigner serves them: priority (higher first), then
/// creation.
pub(crate) fn waiting(conn: &Connection, event_id: i64) -> Result<Vec<WaitingListEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM waiting_list_entries w WHERE w.event_id = ?1 AND w.voucher_id IS NULL \
         ORDER BY w.priority DESC, w.created_at, w.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([event_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Events with someone waiting.
pub(crate) fn events_with_waiting(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT event_id FROM waiting_list_entries WHERE voucher_id IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Other entries for the same product and date by the same address (ignoring case) still waiting.
pub(crate) fn count_same(
    conn: &Connection,
    event_id: i64,
    exclude: i64,
    e: &WaitingListEntry,
) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM waiting_list_entries WHERE event_id = ?1 AND id != ?2 AND item_id = ?3 \
         AND variation_id IS ?4 AND subevent_id IS ?5 AND lower(email) = lower(?6) AND voucher_id IS NULL",
        params![event_id, exclude, e.item, e.variation, e.subevent, e.email],
        |r| r.get(0),
    )?)
}

pub(crate) fn save(conn: &Connection, event_id: i64, e: &WaitingListEntry) -> Result<i64> {
    let values = params![
        event_id,
        time::store(e.created),
        serde_json::to_string(&e.name_parts).unwrap_or_else(|_| "{}".into()),
        e.email,
        e.phone,
        e.item,
        e.variation,
        e.locale,
        e.subevent,
        e.priority,
        e.id,
    ];
    if e.id == 0 {
        conn.execute(
            "INSERT INTO waiting_list_entries (id, event_id, created_at, name_parts, email, phone, item_id, \
             variation_id, locale, subevent_id, priority) VALUES (NULLIF(?11, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            values,
        )?;
        Ok(conn.last_insert_rowid())
    } else {
        conn.execute(
            "UPDATE waiting_list_entries SET created_at = ?2, name_parts = ?3, email = ?4, phone = ?5, item_id = ?6, \
             variation_id = ?7, locale = ?8, subevent_id = ?9, priority = ?10 WHERE event_id = ?1 AND id = ?11",
            values,
        )?;
        Ok(e.id)
    }
}

pub(crate) fn set_voucher(conn: &Connection, id: i64, voucher_id: i64) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE waiting_list_entries SET voucher_id = ?2 WHERE id = ?1 AND voucher_id IS NULL",
        params![id, voucher_id],
    )? == 1)
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM waiting_list_entries WHERE id = ?1", [id])?;
    Ok(())
}
