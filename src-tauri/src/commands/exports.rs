use std::path::PathBuf;

use tauri::{AppHandle, Manager, State};
use tessera::ErrorBody;
use tessera::exports::{self, ExportRequest, SavedExport};

use super::with_access;
use crate::Desk;

/// Where the window saves exports: `TESSERA_EXPORT_DIR`, else the user's Downloads folder, else
/// their home folder.
fn folder(handle: &AppHandle) -> PathBuf {
    if let Some(dir) = std::env::var_os("TESSERA_EXPORT_DIR") {
        return PathBuf::from(dir);
    }
    let paths = handle.path();
    paths.download_dir().or_else(|_| paths.home_dir()).unwrap_or_else(|_| PathBuf::from("."))
}

/// Writes the export into the Downloads folder and answers where.
#[tauri::command]
#[specta::specta]
pub async fn export_save(
    handle: AppHandle,
    desk: State<'_, Desk>,
    organizer: String,
    request: ExportRequest,
) -> Result<SavedExport, ErrorBody> {
    let folder = folder(&handle);
    with_access(&desk, organizer, move |app, access| exports::save(app, access, &request, &folder)).await
}
