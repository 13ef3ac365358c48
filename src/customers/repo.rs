//! Customer rows. Every query is scoped by organizer except the identifier check, which pretix
//! makes across all organizers on purpose.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::Customer;
use crate::error::{Error, Result};
use crate::types::time;

/// A customer row as stored.
#[derive(Debug, Clone)]
pub(crate) struct CustomerRecord {
    pub id: i64,
    pub customer: Customer,
    pub password_hash: Option<String>,
    /// Hundredths of a percent.
    pub discount_rate: i64,
}

const COLUMNS: &str = "id, identifier, external_identifier, email, phone, name, name_parts, \
    is_active, is_verified, locale, notes, last_login_at, date_joined_at, last_modified_at, password_hash, \
    discount_rate";

fn stored_time(raw: Option<String>) -> Option<chrono::DateTime<chrono::Utc>> {
    raw.as_deref().and_then(time::parse)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<CustomerRecord> {
    let name_parts: String = row.get(6)?;
    let epoch = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    Ok(CustomerRecord {
        id: row.get(0)?,
        customer: Customer {
            identifier: row.get(1)?,
            external_identifier: row.get(2)?,
            email: row.get(3)?,
            phone: row.get(4)?,
            name: row.get(5)?,
            name_parts: serde_json::from_str::<BTreeMap<String, String>>(&name_parts).unwrap_or_default(),
            is_active: row.get(7)?,
            is_verified: row.get(8)?,
            locale: row.get(9)?,
            notes: row.get(10)?,
            last_login: stored_time(row.get(11)?),
            date_joined: stored_time(row.get(12)?).unwrap_or(epoch),
            last_modified: stored_time(row.get(13)?).unwrap_or(epoch),
        },
        password_hash: row.get(14)?,
        discount_rate: row.get(15)?,
    })
}

fn email_taken_error() -> Error {
    Error::validation("email", "An account with this email address is already registered.")
}

pub(crate) fn identifier_taken(conn: &Connection, identifier: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM customers WHERE identifier = ?1")?.exists([identifier])?)
}

pub(crate) fn email_taken(
    conn: &Connection,
    organizer_id: i64,
    email: &str,
    except_id: Option<i64>,
) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customers WHERE organizer_id = ?1 AND email = ?2 AND id IS NOT ?3")?
        .exists(params![organizer_id, email, except_id])?)
}

pub(crate) fn find(conn: &Connection, organizer_id: i64, identifier: &str) -> Result<Option<CustomerRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers WHERE organizer_id = ?1 AND identifier = ?2"
        ))?
        .query_row(params![organizer_id, identifier], from_row)
        .optional()?)
}

pub(crate) fn find_by_row_id(
    conn: &Connection,
    organizer_id: i64,
    id: i64,
) -> Result<Option<CustomerRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE organizer_id = ?1 AND id = ?2"))?
        .query_row(params![organizer_id, id], from_row)
        .optional()?)
}

/// The row id and exact identifier of a customer, matching the identifier exactly or ignoring case.
pub(crate) fn find_id(
    conn: &Connection,
    organizer_id: i64,
    identifier: &str,
    ignore_case: bool,
) -> Result<Option<(i64, String)>> {
    let sql = if ignore_case {
        "SELECT id, identifier FROM customers WHERE organizer_id = ?1 AND identifier = ?2 COLLATE NOCASE"
    } else {
        "SELECT id, identifier FROM customers WHERE organizer_id = ?1 AND identifier = ?2"
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params![organizer_id, identifier], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub(crate) fn insert(conn: &Connection, organizer_id: i64, record: &CustomerRecord) -> Result<i64> {
    let c = &record.customer;
    conn.prepare_cached(
        "INSERT INTO customers (organizer_id, identifier, external_identifier, email, phone, name, \
         name_parts, is_active, is_verified, locale, notes, last_login_at, date_joined_at, \
         last_modified_at, password_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        organizer_id,
        c.identifier,
        c.external_identifier,
        c.email,
        c.phone,
        c.name,
        serde_json::to_string(&c.name_parts).unwrap_or_else(|_| "{}".into()),
        c.is_active,
        c.is_verified,
        c.locale,
        c.notes,
        c.last_login.map(time::store),
        time::store(c.date_joined),
        time::store(c.last_modified),
        record.password_hash,
    ])
    .map_err(|e| crate::db::on_unique(e, "customers.organizer_id, customers.email", email_taken_error))?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update(conn: &Connection, organizer_id: i64, record: &CustomerRecord) -> Result<()> {
    let c = &record.customer;
    conn.prepare_cached(
        "UPDATE customers SET external_identifier = ?3, email = ?4, phone = ?5, name = ?6, \
         name_parts = ?7, is_active = ?8, is_verified = ?9, locale = ?10, notes = ?11, \
         last_modified_at = ?12 WHERE organizer_id = ?1 AND id = ?2",
    )?
    .execute(params![
        organizer_id,
        record.id,
        c.external_identifier,
        c.email,
        c.phone,
        c.name,
        serde_json::to_string(&c.name_parts).unwrap_or_else(|_| "{}".into()),
        c.is_active,
        c.is_verified,
        c.locale,
        c.notes,
        time::store(c.last_modified),
    ])
    .map_err(|e| crate::db::on_unique(e, "customers.organizer_id, customers.email", email_taken_error))?;
    Ok(())
}

pub(crate) fn count(conn: &Connection, organizer_id: i64, email: Option<&str>) -> Result<u64> {
    let n: i64 = match email {
        None => conn
            .prepare_cached("SELECT count(*) FROM customers WHERE organizer_id = ?1")?
            .query_row([organizer_id], |r| r.get(0))?,
        Some(email) => conn
            .prepare_cached("SELECT count(*) FROM customers WHERE organizer_id = ?1 AND email = ?2")?
            .query_row(params![organizer_id, email], |r| r.get(0))?,
    };
    Ok(n as u64)
}

/// pretix's order: email ascending, customers without email last, then by id. Two statements, so
/// that each can use its index (an `OR` on the filter would scan the table).
pub(crate) fn list(
    conn: &Connection,
    organizer_id: i64,
    email: Option<&str>,
    limit: u32,
    offset: u64,
) -> Result<Vec<Customer>> {
    let order = "ORDER BY email IS NULL, email, id LIMIT ?3 OFFSET ?4";
    let mut stmt = match email {
        None => conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers WHERE organizer_id = ?1 AND ?2 IS NULL {order}"
        ))?,
        Some(_) => conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers WHERE organizer_id = ?1 AND email = ?2 {order}"
        ))?,
    };
    let rows = stmt.query_map(params![organizer_id, email, limit, offset as i64], from_row)?;
    Ok(rows.map(|r| r.map(|rec| rec.customer)).collect::<rusqlite::Result<_>>()?)
}

/// Escapes `LIKE` wildcards so that a search for `50%` finds "50%", not everything.
fn like_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

const SEARCH_WHERE: &str = "organizer_id = ?1 AND (?2 = '%%' OR name LIKE ?2 ESCAPE '\\' \
    OR email LIKE ?2 ESCAPE '\\' OR phone LIKE ?2 ESCAPE '\\' OR identifier LIKE ?2 ESCAPE '\\' \
    OR external_identifier LIKE ?2 ESCAPE '\\' \
    OR id IN (SELECT customer_id FROM cards WHERE organizer_id = ?1 AND serial_number = ?5))";

/// The desk's search (case-insensitive substring, or a card's serial number in any format),
/// newest customers first.
pub(crate) fn search(
    conn: &Connection,
    organizer_id: i64,
    text: &str,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<Customer>)> {
    let pattern = like_pattern(text);
    let serial = crate::cards::normalize_serial(text);
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM customers WHERE {SEARCH_WHERE}"))?
        // ?3 and ?4 are the page's limit and offset, unused when counting.
        .query_row(params![organizer_id, pattern, 0, 0, serial], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM customers WHERE {SEARCH_WHERE} ORDER BY id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![organizer_id, pattern, limit, offset as i64, serial], from_row)?;
    Ok((total as u64, rows.map(|r| r.map(|rec| rec.customer)).collect::<rusqlite::Result<_>>()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_search_text_are_literal() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
