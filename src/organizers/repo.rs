use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::Organizer;
use crate::error::{Error, Result};
use crate::types::{Currency, NameScheme, OrganizerSlug};

const COLUMNS: &str = "id, slug, name, name_scheme, currency, credit_limit";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Organizer> {
    let slug: String = row.get(1)?;
    let scheme: String = row.get(3)?;
    Ok(Organizer {
        id: row.get(0)?,
        // Slugs and schemes were validated on the way in; a hand-edited file still loads.
        slug: OrganizerSlug::parse(&slug).unwrap_or_else(|_| OrganizerSlug::trusted(slug)),
        name: row.get(2)?,
        name_scheme: NameScheme::parse(&scheme).unwrap_or(NameScheme::Full),
        currency: Currency::parse(&row.get::<_, String>(4)?).unwrap_or_default(),
        credit_limit: row.get(5)?,
    })
}

pub(crate) fn find_by_slug(conn: &Connection, slug: &str) -> Result<Option<Organizer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM organizers WHERE slug = ?1"))?
        .query_row([slug], from_row)
        .optional()?)
}

pub(crate) fn find(conn: &Connection, id: i64) -> Result<Option<Organizer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM organizers WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

pub(crate) fn list_by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<Organizer>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM organizers ORDER BY slug"))?;
    let all = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all.into_iter().filter(|o| ids.contains(&o.id)).collect())
}

pub(crate) fn insert(conn: &Connection, slug: &OrganizerSlug, name: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO organizers (slug, name, created_at) VALUES (?1, ?2, ?3)",
        params![slug.as_str(), name, now],
    )
    .map_err(|e| {
        crate::db::on_unique(e, "organizers.slug", || {
            Error::validation("slug", "This slug is already in use. Please choose a different one.")
        })
    })?;
    Ok(conn.last_insert_rowid())
}
