use rusqlite::{Connection, Transaction, params};
use serde_json::Value;

use crate::auth::Actor;
use crate::error::Result;

/// One entry to append: what happened to which object, with the (unmasked) data.
pub struct LogEntry<'a> {
    pub organizer_id: i64,
    pub action_type: &'a str,
    pub object_type: &'a str,
    pub object_id: i64,
    pub data: Value,
}

/// Appends `entry` inside `tx`. Keys containing `password`, `secret` or `api_key` with a truthy
/// value are replaced by `********`; the data is stored as JSON with sorted keys.
pub fn log_in_tx(tx: &Transaction<'_>, actor: &Actor, now: &str, entry: LogEntry<'_>) -> Result<()> {
    let data = mask(entry.data);
    // serde_json's map is ordered by key, so this is sorted-key JSON.
    let data = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    tx.prepare_cached(
        "INSERT INTO log_entries (organizer_id, action_type, object_type, object_id, user_id, \
         api_token_id, device_id, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        entry.organizer_id,
        entry.action_type,
        entry.object_type,
        entry.object_id,
        actor.user_id,
        actor.api_token_id,
        actor.device_id,
        data,
        now
    ])?;
    Ok(())
}

/// Appends what `access`'s actor did to `object` (type, id) in its organizer, at `now`.
pub fn record_in_tx(
    tx: &Transaction<'_>,
    access: &crate::auth::Access,
    now: chrono::DateTime<chrono::Utc>,
    object: (&str, i64),
    action: &str,
    data: Value,
) -> Result<()> {
    let entry = LogEntry {
        organizer_id: access.organizer_id(),
        action_type: action,
        object_type: object.0,
        object_id: object.1,
        data,
    };
    log_in_tx(tx, &access.actor, &crate::types::time::store(now), entry)
}

/// Wipes the data of every entry about an object and marks them shredded (anonymization).
pub fn shred_in_tx(tx: &Transaction<'_>, organizer_id: i64, object_type: &str, object_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE log_entries SET data = '{}', is_shredded = 1 \
         WHERE organizer_id = ?1 AND object_type = ?2 AND object_id = ?3",
        params![organizer_id, object_type, object_id],
    )?;
    Ok(())
}

/// An entry as stored, for the desk's history view and for tests.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredLogEntry {
    pub action_type: String,
    pub user_id: Option<i64>,
    pub api_token_id: Option<i64>,
    pub data: Value,
    pub is_shredded: bool,
    pub created_at: String,
}

/// The entries about one object, oldest first.
pub fn list_for_object(
    conn: &Connection,
    organizer_id: i64,
    object_type: &str,
    object_id: i64,
) -> Result<Vec<StoredLogEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT action_type, user_id, api_token_id, data, is_shredded, created_at FROM log_entries \
         WHERE organizer_id = ?1 AND object_type = ?2 AND object_id = ?3 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![organizer_id, object_type, object_id], |row| {
        let data: String = row.get(3)?;
        Ok(StoredLogEntry {
            action_type: row.get(0)?,
            user_id: row.get(1)?,
            api_token_id: row.get(2)?,
            data: serde_json::from_str(&data).unwrap_or(Value::Null),
            is_shredded: row.get(4)?,
            created_at: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn mask(data: Value) -> Value {
    match data {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let secret = ["password", "secret", "api_key"].iter().any(|s| key.contains(s));
                    if secret && truthy(&value) { (key, Value::from("********")) } else { (key, value) }
                })
                .collect(),
        ),
        other => other,
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_with_a_value_are_masked_and_empty_ones_kept() {
        let masked = mask(json!({"password": "hunter2", "smtp_password": "", "api_key": null, "name": "x"}));
        assert_eq!(
            masked,
            json!({"password": "********", "smtp_password": "", "api_key": null, "name": "x"})
        );
    }
}
