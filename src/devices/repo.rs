use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{Device, DeviceReport};
use crate::error::{Error, Result};
use crate::types::time;

pub(crate) struct DeviceRecord {
    pub id: i64,
    pub organizer_id: i64,
    pub device: Device,
    pub initialization_token: Option<String>,
    pub rsa_pubkey: Option<String>,
}

const COLUMNS: &str = "id, organizer_id, device_id, unique_serial, initialization_token, all_events, limit_events, \
    is_revoked, name, created_at, initialized_at, hardware_brand, hardware_model, os_name, os_version, \
    software_brand, software_version, security_profile, last_seen_at, rsa_pubkey";

fn from_row(row: &Row<'_>) -> rusqlite::Result<DeviceRecord> {
    let at = |raw: Option<String>| raw.as_deref().and_then(time::parse);
    let limit: String = row.get(6)?;
    let token: Option<String> = row.get(4)?;
    Ok(DeviceRecord {
        id: row.get(0)?,
        organizer_id: row.get(1)?,
        initialization_token: token,
        rsa_pubkey: row.get(19)?,
        device: Device {
            device_id: row.get(2)?,
            unique_serial: row.get(3)?,
            initialization_token: None,
            all_events: row.get(5)?,
            limit_events: serde_json::from_str(&limit).unwrap_or_default(),
            revoked: row.get(7)?,
            name: row.get(8)?,
            created: at(row.get(9)?).unwrap_or(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH),
            initialized: at(row.get(10)?),
            hardware_brand: row.get(11)?,
            hardware_model: row.get(12)?,
            os_name: row.get(13)?,
            os_version: row.get(14)?,
            software_brand: row.get(15)?,
            software_version: row.get(16)?,
            security_profile: row.get(17)?,
            last_seen: at(row.get(18)?),
        },
    })
}

fn one(conn: &Connection, filter: &str, value: impl rusqlite::ToSql) -> Result<Option<DeviceRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM devices WHERE {filter}"))?
        .query_row([value], from_row)
        .optional()?)
}

pub(crate) fn find_by_number(
    conn: &Connection,
    organizer_id: i64,
    number: i64,
) -> Result<Option<DeviceRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM devices WHERE organizer_id = ?1 AND device_id = ?2"))?
        .query_row(params![organizer_id, number], from_row)
        .optional()?)
}

pub(crate) fn find(conn: &Connection, id: i64) -> Result<Option<DeviceRecord>> {
    one(conn, "id = ?1", id)
}

pub(crate) fn find_by_init_token(conn: &Connection, token: &str) -> Result<Option<DeviceRecord>> {
    one(conn, "initialization_token = ?1", token)
}

pub(crate) fn find_by_api_token_hash(conn: &Connection, hash: &str) -> Result<Option<DeviceRecord>> {
    one(conn, "api_token_hash = ?1", hash)
}

pub(crate) fn list(conn: &Connection, organizer_id: i64) -> Result<Vec<DeviceRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM devices WHERE organizer_id = ?1 ORDER BY id"))?;
    Ok(stmt.query_map([organizer_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn next_number(conn: &Connection, organizer_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(device_id), 0) + 1 FROM devices WHERE organizer_id = ?1")?
        .query_row([organizer_id], |r| r.get(0))?)
}

pub(crate) struct NewRow<'a> {
    pub organizer_id: i64,
    pub number: i64,
    pub serial: &'a str,
    pub init_token: &'a str,
    pub name: &'a str,
    pub all_events: bool,
    pub limit_events: &'a BTreeSet<String>,
    pub security_profile: &'a str,
    pub now: &'a str,
}

pub(crate) fn insert(conn: &Connection, row: &NewRow<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO devices (organizer_id, device_id, unique_serial, initialization_token, name, all_events, \
         limit_events, security_profile, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        row.organizer_id,
        row.number,
        row.serial,
        row.init_token,
        row.name,
        row.all_events,
        serde_json::to_string(row.limit_events).unwrap_or_else(|_| "[]".into()),
        row.security_profile,
        row.now
    ])
    .map_err(|e| crate::db::on_unique(e, "devices.", || Error::Conflict("Please try again.".into())))?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_settings(conn: &Connection, id: i64, d: &Device) -> Result<()> {
    conn.prepare_cached("UPDATE devices SET name = ?2, all_events = ?3, limit_events = ?4, security_profile = ?5 WHERE id = ?1")?
        .execute(params![
            id,
            d.name,
            d.all_events,
            serde_json::to_string(&d.limit_events).unwrap_or_else(|_| "[]".into()),
            d.security_profile
        ])?;
    Ok(())
}

pub(crate) fn store_report(
    conn: &Connection,
    id: i64,
    report: &DeviceReport,
    rsa_pubkey: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE devices SET hardware_brand = ?2, hardware_model = ?3, os_name = ?4, os_version = ?5, \
         software_brand = ?6, software_version = ?7, info = ?8, rsa_pubkey = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        report.hardware_brand,
        report.hardware_model,
        report.os_name,
        report.os_version,
        report.software_brand,
        report.software_version,
        report.info.as_ref().map(|v| v.to_string()),
        rsa_pubkey
    ])?;
    Ok(())
}

/// Marks the device initialized; the spent pairing code is kept only as `used:<hash>`, so that a
/// second attempt can be told it was used rather than unknown.
pub(crate) fn mark_initialized(
    conn: &Connection,
    id: i64,
    token_hash: &str,
    spent: &str,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE devices SET initialized_at = ?3, last_seen_at = ?3, api_token_hash = ?2, \
         initialization_token = ?4 WHERE id = ?1",
    )?
    .execute(params![id, token_hash, now, spent])?;
    Ok(())
}

pub(crate) fn set_api_token(conn: &Connection, id: i64, token_hash: &str) -> Result<()> {
    conn.prepare_cached("UPDATE devices SET api_token_hash = ?2 WHERE id = ?1")?
        .execute(params![id, token_hash])?;
    Ok(())
}

pub(crate) fn revoke(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE devices SET is_revoked = 1 WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub(crate) fn touch(conn: &Connection, id: i64, now: &str, not_since: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE devices SET last_seen_at = ?2 WHERE id = ?1 AND (last_seen_at IS NULL OR last_seen_at < ?3)",
    )?
    .execute(params![id, now, not_since])?;
    Ok(())
}
