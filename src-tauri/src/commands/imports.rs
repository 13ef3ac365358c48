use tauri::State;
use tessera::ErrorBody;
use tessera::imports::{self, ImportKind, ImportPreview, ImportProgress, ImportReport};

use super::with_access;
use crate::Desk;

/// Reads a CSV file the window read from disk and answers its preview.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    desk: State<'_, Desk>,
    organizer: String,
    kind: ImportKind,
    csv: String,
) -> Result<ImportPreview, ErrorBody> {
    with_access(&desk, organizer, move |app, access| imports::preview(app, access, kind, &csv)).await
}

/// Checks every row with `mapping`, writing nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_validate(
    desk: State<'_, Desk>,
    organizer: String,
    id: String,
    mapping: Vec<Option<String>>,
) -> Result<ImportReport, ErrorBody> {
    with_access(&desk, organizer, move |app, access| imports::validate(app, access, &id, &mapping)).await
}

/// Starts the import (all rows or none) and answers at once.
#[tauri::command]
#[specta::specta]
pub async fn import_commit(
    desk: State<'_, Desk>,
    organizer: String,
    id: String,
    mapping: Vec<Option<String>>,
) -> Result<ImportProgress, ErrorBody> {
    with_access(&desk, organizer, move |app, access| imports::commit(app, access, &id, &mapping)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_progress(
    desk: State<'_, Desk>,
    organizer: String,
    id: String,
) -> Result<ImportProgress, ErrorBody> {
    with_access(&desk, organizer, move |app, access| imports::progress(app, access, &id)).await
}
