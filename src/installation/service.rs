use super::model::ListenerSettings;
use super::repo;
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::{Error, Result};

const LISTENER: &str = "listener";

/// The stored listener settings, or the defaults (port 8421, this computer only).
pub fn listener_settings(app: &App) -> Result<ListenerSettings> {
    Ok(app.db().read(|c| repo::get(c, LISTENER))?.unwrap_or_default())
}

/// Checks new listener settings. Errors: `validation` (a port below 1024 needs root).
pub fn check_listener_settings(settings: &ListenerSettings) -> Result<()> {
    if settings.port < 1024 {
        return Err(Error::validation("port", "Choose a port from 1024 to 65535."));
    }
    Ok(())
}

/// Stores listener settings (the caller applies them to the running listener first, so that a
/// port that cannot be opened is never stored). Errors: `forbidden` (not an administrator),
/// `validation`.
pub fn save_listener_settings(app: &App, principal: &Principal, settings: ListenerSettings) -> Result<()> {
    auth::require_admin(app, principal)?;
    check_listener_settings(&settings)?;
    app.db().write(|tx| repo::put(tx, LISTENER, &settings))?;
    tracing::info!(port = settings.port, lan_access = settings.lan_access, "listener settings saved");
    Ok(())
}
