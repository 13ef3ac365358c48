use tauri::State;
use tessera::ErrorBody;
use tessera::backups::{self, BackupInfo, BackupOverview, BackupSettings, RestoreOutcome};

use crate::Desk;

/// The backup schedule and the backups made, newest first (administrators).
#[tauri::command]
#[specta::specta]
pub async fn backups_overview(desk: State<'_, Desk>) -> Result<BackupOverview, ErrorBody> {
    let principal = desk.principal()?;
    Ok(desk.app.blocking(move |app| backups::overview(app, &principal)).await?)
}

/// A backup now: into `to` (a folder or a .sqlite3 file), else the schedule's folder, else the
/// folder beside the database.
#[tauri::command]
#[specta::specta]
pub async fn backups_create(desk: State<'_, Desk>, to: Option<String>) -> Result<BackupInfo, ErrorBody> {
    let principal = desk.principal()?;
    Ok(desk.app.blocking(move |app| backups::create_for(app, &principal, to.as_deref())).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn backups_save_settings(
    desk: State<'_, Desk>,
    settings: BackupSettings,
) -> Result<BackupOverview, ErrorBody> {
    let principal = desk.principal()?;
    Ok(desk.app.blocking(move |app| backups::save_settings(app, &principal, settings)).await?)
}

/// Restores the database from a backup in place; the window's session ends (the restored data
/// may not know the user).
#[tauri::command]
#[specta::specta]
pub async fn backups_restore(desk: State<'_, Desk>, path: String) -> Result<RestoreOutcome, ErrorBody> {
    let principal = desk.principal()?;
    let outcome = desk.app.blocking(move |app| backups::restore_for(app, &principal, &path)).await?;
    desk.set_user(None);
    Ok(outcome)
}
