use rusqlite::{Connection, OptionalExtension, params};

use super::model::{OutboxMail, TlsMode};
use super::smtp::SmtpConfig;
use crate::error::Result;

pub(crate) struct NewMail<'a> {
    pub organizer_id: i64,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub now: &'a str,
}

pub(crate) fn insert(conn: &Connection, m: &NewMail<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO outbox_mails (organizer_id, kind, recipient, subject, body, next_attempt_at, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![m.organizer_id, m.kind, m.recipient, m.subject, m.body, m.now])?;
    Ok(conn.last_insert_rowid())
}

/// A mail due for an attempt, with what is needed to send it.
pub(crate) struct Due {
    pub id: i64,
    pub organizer_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub next_attempt_at: String,
}

pub(crate) fn due(conn: &Connection, now: &str, limit: i64) -> Result<Vec<Due>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, organizer_id, recipient, subject, body, attempts, next_attempt_at FROM outbox_mails \
         WHERE state = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![now, limit], |r| {
        Ok(Due {
            id: r.get(0)?,
            organizer_id: r.get(1)?,
            recipient: r.get(2)?,
            subject: r.get(3)?,
            body: r.get(4)?,
            attempts: r.get(5)?,
            next_attempt_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Takes a due mail for one sender: moves its next attempt to `lease_until` if nobody else did.
pub(crate) fn claim(conn: &Connection, id: i64, seen: &str, lease_until: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox_mails SET next_attempt_at = ?3 WHERE id = ?1 AND state = 'queued' AND next_attempt_at = ?2",
        )?
        .execute(params![id, seen, lease_until])?
        == 1)
}

pub(crate) fn record(
    conn: &Connection,
    id: i64,
    now: &str,
    error: Option<&str>,
    state: &str,
    next_attempt_at: &str,
) -> Result<()> {
    conn.prepare_cached("INSERT INTO outbox_attempts (mail_id, at, error) VALUES (?1, ?2, ?3)")?
        .execute(params![id, now, error])?;
    conn.prepare_cached(
        "UPDATE outbox_mails SET attempts = attempts + 1, state = ?3, last_error = ?4, next_attempt_at = ?5, \
         sent_at = CASE WHEN ?3 = 'sent' THEN ?2 ELSE sent_at END WHERE id = ?1",
    )?
    .execute(params![id, now, state, error, next_attempt_at])?;
    Ok(())
}

pub(crate) fn retry_now(conn: &Connection, organizer_id: i64, id: i64, now: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox_mails SET state = 'queued', next_attempt_at = ?3 \
             WHERE organizer_id = ?1 AND id = ?2 AND state <> 'sent'",
        )?
        .execute(params![organizer_id, id, now])?
        == 1)
}

pub(crate) fn list(conn: &Connection, organizer_id: i64, limit: i64) -> Result<Vec<OutboxMail>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, recipient, subject, state, attempts, next_attempt_at, last_error, created_at, sent_at \
         FROM outbox_mails WHERE organizer_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![organizer_id, limit], |r| {
        let state: String = r.get(4)?;
        Ok(OutboxMail {
            id: r.get(0)?,
            kind: r.get(1)?,
            recipient: r.get(2)?,
            subject: r.get(3)?,
            next_attempt_at: (state == "queued").then(|| r.get(6)).transpose()?,
            state,
            attempts: r.get(5)?,
            last_error: r.get(7)?,
            created_at: r.get(8)?,
            sent_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn settings(conn: &Connection, organizer_id: i64) -> Result<Option<SmtpConfig>> {
    Ok(conn
        .prepare_cached(
            "SELECT host, port, tls, username, password, sender FROM organizer_mail_settings WHERE organizer_id = ?1",
        )?
        .query_row([organizer_id], |r| {
            Ok(SmtpConfig {
                host: r.get(0)?,
                port: r.get(1)?,
                tls: TlsMode::parse(&r.get::<_, String>(2)?).unwrap_or(TlsMode::Starttls),
                username: r.get(3)?,
                password: r.get(4)?,
                sender: r.get(5)?,
            })
        })
        .optional()?)
}

pub(crate) fn save_settings(conn: &Connection, organizer_id: i64, c: &SmtpConfig) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO organizer_mail_settings (organizer_id, host, port, tls, username, password, sender) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (organizer_id) DO UPDATE SET host = excluded.host, \
         port = excluded.port, tls = excluded.tls, username = excluded.username, password = excluded.password, \
         sender = excluded.sender",
    )?
    .execute(params![organizer_id, c.host, c.port, c.tls.as_str(), c.username, c.password, c.sender])?;
    Ok(())
}

pub(crate) fn delete_settings(conn: &Connection, organizer_id: i64) -> Result<()> {
    conn.execute("DELETE FROM organizer_mail_settings WHERE organizer_id = ?1", [organizer_id])?;
    Ok(())
}
