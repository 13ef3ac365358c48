use tauri::State;
use tessera::ErrorBody;
use tessera::dashboard::{self, Dashboard};

use super::with_access;
use crate::Desk;

/// The start screen's figures since `since` (the desk's local midnight, RFC 3339).
#[tauri::command]
#[specta::specta]
pub async fn dashboard(
    desk: State<'_, Desk>,
    organizer: String,
    since: String,
) -> Result<Dashboard, ErrorBody> {
    let principal = desk.principal()?;
    with_access(&desk, organizer, move |app, access| dashboard::dashboard(app, &principal, access, &since))
        .await
}
