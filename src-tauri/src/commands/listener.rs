use tauri::State;
use tessera::ErrorBody;
use tessera::http::ListenerStatus;
use tessera::installation::ListenerSettings;

use crate::Desk;

/// The listener's stored settings and where it runs now.
#[tauri::command]
#[specta::specta]
pub async fn listener_status(desk: State<'_, Desk>) -> Result<ListenerStatus, ErrorBody> {
    desk.principal()?;
    Ok(desk.listener.status().await?)
}

/// Moves the listener to a new port or LAN setting at once, and stores the choice (administrators
/// only). A port that cannot be opened is refused and the listener stays where it was.
#[tauri::command]
#[specta::specta]
pub async fn listener_apply(
    desk: State<'_, Desk>,
    settings: ListenerSettings,
) -> Result<ListenerStatus, ErrorBody> {
    let principal = desk.principal()?;
    Ok(desk.listener.apply(principal, settings).await?)
}
