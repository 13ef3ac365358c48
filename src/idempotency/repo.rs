use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub(crate) struct Record {
    pub id: i64,
    pub state: String,
    pub status: Option<u16>,
    pub headers: Option<String>,
    pub body: Option<Vec<u8>>,
    pub request_hash: Option<String>,
}

pub(crate) fn find(conn: &Connection, auth_hash: &str, key: &str) -> Result<Option<Record>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, state, status, headers, body, request_hash FROM idempotency_keys \
             WHERE auth_hash = ?1 AND key = ?2",
        )?
        .query_row(params![auth_hash, key], |r| {
            Ok(Record {
                id: r.get(0)?,
                state: r.get(1)?,
                status: r.get(2)?,
                headers: r.get(3)?,
                body: r.get(4)?,
                request_hash: r.get(5)?,
            })
        })
        .optional()?)
}

pub(crate) fn insert(
    conn: &Connection,
    auth_hash: &str,
    key: &str,
    request_hash: Option<&str>,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO idempotency_keys (auth_hash, key, state, request_hash, created_at) \
         VALUES (?1, ?2, 'in_flight', ?3, ?4)",
    )?
    .execute(params![auth_hash, key, request_hash, now])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn mark_committed(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE idempotency_keys SET state = 'committed' WHERE id = ?1 AND state = 'in_flight'",
    )?
    .execute([id])?;
    Ok(())
}

pub(crate) fn state(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT state FROM idempotency_keys WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn store(conn: &Connection, id: i64, status: u16, headers: &str, body: &[u8]) -> Result<()> {
    conn.prepare_cached(
        "UPDATE idempotency_keys SET state = 'done', status = ?2, headers = ?3, body = ?4 WHERE id = ?1",
    )?
    .execute(params![id, status, headers, body])?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM idempotency_keys WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub(crate) fn delete_older_than(conn: &Connection, cutoff: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM idempotency_keys WHERE created_at < ?1")?.execute([cutoff])?;
    Ok(())
}

pub(crate) fn delete_in_flight(conn: &Connection) -> Result<usize> {
    Ok(conn.execute("DELETE FROM idempotency_keys WHERE state = 'in_flight'", [])?)
}
