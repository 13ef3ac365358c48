use tauri::{AppHandle, State};
use tessera::ErrorBody;
use tessera::installation::{self, UpdateSettings};

use crate::Desk;
use crate::updates::{self, UpdateCheck, UpdateReason, Updates};

/// Where this installation looks for updates, and whether it does on start.
#[tauri::command]
#[specta::specta]
pub async fn updates_settings(desk: State<'_, Desk>) -> Result<UpdateSettings, ErrorBody> {
    desk.principal()?;
    Ok(desk.app.blocking(installation::update_settings).await?)
}

/// Stores them (administrators only) and answers them as stored.
#[tauri::command]
#[specta::specta]
pub async fn updates_save_settings(
    desk: State<'_, Desk>,
    settings: UpdateSettings,
) -> Result<UpdateSettings, ErrorBody> {
    let principal = desk.principal()?;
    Ok(desk.app.blocking(move |app| installation::save_update_settings(app, &principal, settings)).await?)
}

/// Asks the update server now; the answer also reaches the window as an `UpdateChecked` event.
#[tauri::command]
#[specta::specta]
pub async fn updates_check(app: AppHandle, desk: State<'_, Desk>) -> Result<UpdateCheck, ErrorBody> {
    desk.principal()?;
    Ok(updates::check_and_announce(&app, UpdateReason::Window).await)
}

/// The last check's answer since start-up (null before the first one finished).
#[tauri::command]
#[specta::specta]
pub async fn updates_latest(
    desk: State<'_, Desk>,
    updates: State<'_, Updates>,
) -> Result<Option<UpdateCheck>, ErrorBody> {
    desk.principal()?;
    Ok(updates.last())
}

/// Downloads the offered update, verifies its signature and installs it (administrators only);
/// the window then asks for a restart.
#[tauri::command]
#[specta::specta]
pub async fn updates_install(app: AppHandle, desk: State<'_, Desk>) -> Result<UpdateCheck, ErrorBody> {
    let principal = desk.principal()?;
    desk.app.blocking(move |app| installation::authorize_update_install(app, &principal)).await?;
    Ok(updates::install_and_announce(&app).await?)
}

/// Restarts Tessera, so that an installed update runs.
#[tauri::command]
#[specta::specta]
pub async fn updates_restart(app: AppHandle, desk: State<'_, Desk>) -> Result<(), ErrorBody> {
    desk.principal()?;
    app.request_restart();
    Ok(())
}
