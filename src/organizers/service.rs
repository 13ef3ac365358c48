use rusqlite::Transaction;

use super::model::{NewOrganizer, Organizer};
use super::repo;
use crate::app::App;
use crate::error::{Error, FieldErrors, Result};
use crate::types::{OrganizerSlug, time};

/// Creates an organizer (no teams yet). Errors: `validation` for a bad or taken slug or an empty
/// name.
pub fn create_in_tx(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    input: NewOrganizer,
) -> Result<Organizer> {
    let mut errors = FieldErrors::new();
    let slug = match OrganizerSlug::parse(input.slug.trim()) {
        Ok(slug) => Some(slug),
        Err(messages) => {
            messages.into_iter().for_each(|m| errors.add("slug", m));
            None
        }
    };
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", "This field may not be blank.");
    } else if name.chars().count() > 200 {
        errors.add("name", "Ensure this field has no more than 200 characters.");
    }
    errors.into_result()?;
    let slug = slug.ok_or_else(|| Error::Internal("slug parsed without errors".into()))?;
    let id = repo::insert(tx, &slug, &name, &time::store(now))?;
    repo::find(tx, id)?.ok_or(Error::NotFound { entity: "Organizer" })
}

/// The organizer with this exact slug. Errors: `not_found`.
pub fn get(app: &App, slug: &str) -> Result<Organizer> {
    app.db().read(|c| repo::find_by_slug(c, slug))?.ok_or(Error::NotFound { entity: "Organizer" })
}
