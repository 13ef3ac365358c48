use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Card, CardProcessor, CardRecord, CardStatus};
use crate::error::{Error, Result};
use crate::types::time;

const COLUMNS: &str = "c.id, c.serial_number, c.external_id, c.is_virtual, c.processor, c.status, c.status_at, \
    c.status_reason, c.activation_at, c.expiration_at, c.note, c.meta, r.serial_number, c.customer_id";

const FROM: &str = "FROM cards c LEFT JOIN cards r ON r.id = c.replaced_by_card_id";

fn at(raw: Option<String>) -> Option<chrono::DateTime<chrono::Utc>> {
    raw.as_deref().and_then(time::parse)
}

fn from_row(row: &Row<'_>, now: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<CardRecord> {
    let status = CardStatus::parse(&row.get::<_, String>(5)?).unwrap_or(CardStatus::Blocked);
    let activation_time = at(row.get(8)?);
    let expiration_time = at(row.get(9)?);
    let in_validity = activation_time.is_none_or(|a| a <= now) && expiration_time.is_none_or(|e| now < e);
    let meta: String = row.get(11)?;
    Ok(CardRecord {
        card: Card {
            id: row.get(0)?,
            serial_number: row.get(1)?,
            external_id: row.get(2)?,
            is_active: status == CardStatus::Active && in_validity,
            is_virtual: row.get(3)?,
            processor: if row.get::<_, String>(4)? == "External" {
                CardProcessor::External
            } else {
                CardProcessor::Internal
            },
            status,
            status_time: at(row.get(6)?).unwrap_or_default(),
            status_reason: row.get(7)?,
            activation_time,
            expiration_time,
            note: row.get(10)?,
            meta: serde_json::from_str::<BTreeMap<String, String>>(&meta).unwrap_or_default(),
            replaced_by: row.get(12)?,
        },
        customer_id: row.get(13)?,
    })
}

pub(crate) fn for_customer(
    conn: &Connection,
    customer_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Card>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE c.customer_id = ?1 ORDER BY c.id"))?;
    let rows = stmt.query_map([customer_id], |r| from_row(r, now).map(|c| c.card))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find_by_serial(
    conn: &Connection,
    organizer_id: i64,
    serial: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<CardRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE c.organizer_id = ?1 AND c.serial_number = ?2"
        ))?
        .query_row(params![organizer_id, serial], |r| from_row(r, now))
        .optional()?)
}

pub(crate) fn find(
    conn: &Connection,
    organizer_id: i64,
    id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<CardRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE c.organizer_id = ?1 AND c.id = ?2"))?
        .query_row(params![organizer_id, id], |r| from_row(r, now))
        .optional()?)
}

pub(crate) struct NewCard<'a> {
    pub organizer_id: i64,
    pub customer_id: i64,
    pub serial: &'a str,
    pub external_id: Option<&'a str>,
    pub is_virtual: bool,
    pub processor: CardProcessor,
    pub activation_at: Option<String>,
    pub expiration_at: Option<String>,
    pub note: Option<&'a str>,
    pub meta: &'a BTreeMap<String, String>,
    pub now: &'a str,
}

pub(crate) fn insert(conn: &Connection, card: &NewCard<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO cards (organizer_id, customer_id, serial_number, external_id, is_virtual, processor, \
         status, status_at, activation_at, expiration_at, note, meta, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'Active', ?7, ?8, ?9, ?10, ?11, ?7)",
    )?
    .execute(params![
        card.organizer_id,
        card.customer_id,
        card.serial,
        card.external_id,
        card.is_virtual,
        card.processor.as_str(),
        card.now,
        card.activation_at,
        card.expiration_at,
        card.note,
        serde_json::to_string(card.meta).unwrap_or_else(|_| "{}".into()),
    ])
    .map_err(|e| {
        crate::db::on_unique(e, "cards.organizer_id, cards.serial_number", || {
            Error::validation("serialNumber", "A card with this serial number already exists.")
        })
    })?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn set_status(
    conn: &Connection,
    id: i64,
    status: CardStatus,
    reason: Option<&str>,
    replaced_by: Option<i64>,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE cards SET status = ?2, status_reason = ?3, status_at = ?4, \
         replaced_by_card_id = coalesce(?5, replaced_by_card_id) WHERE id = ?1",
    )?
    .execute(params![id, status.as_str(), reason, now, replaced_by])?;
    Ok(())
}

/// The cards of each of `customer_ids` (a JSON array), by customer then card, in one statement.
pub(crate) fn for_customers(
    conn: &Connection,
    customer_ids: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<CardRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE c.customer_id IN (SELECT value FROM json_each(?1)) ORDER BY c.customer_id, c.id"
    ))?;
    let rows = stmt.query_map([customer_ids], |r| from_row(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
