use super::model::{ListenerSettings, UpdateEndpoint, UpdateSettings};
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

const UPDATES: &str = "updates";

/// The stored update settings, or the defaults (no endpoint, so no checks; check on start once
/// one is set).
pub fn update_settings(app: &App) -> Result<UpdateSettings> {
    Ok(app.db().read(|c| repo::get(c, UPDATES))?.unwrap_or_default())
}

/// Stores where and when this installation looks for updates, and answers them as stored: the
/// endpoint trimmed, a blank one as none. Idempotent. Errors: `forbidden` (not an administrator),
/// `validation` on `endpoint` (see [`UpdateEndpoint::parse`]).
pub fn save_update_settings(
    app: &App,
    principal: &Principal,
    settings: UpdateSettings,
) -> Result<UpdateSettings> {
    auth::require_admin(app, principal)?;
    let endpoint = match settings.endpoint.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(raw) => {
            UpdateEndpoint::parse(raw).map_err(|message| Error::validation("endpoint", message))?;
            Some(raw.to_string())
        }
        None => None,
    };
    let settings = UpdateSettings { endpoint, ..settings };
    app.db().write(|tx| repo::put(tx, UPDATES, &settings))?;
    tracing::info!(endpoint = ?settings.endpoint, check_on_start = settings.check_on_start, "update settings saved");
    Ok(settings)
}

/// Whether the principal may install an update on this computer: administrators only, since it
/// replaces the program everyone at the desk uses. Errors: `forbidden`, `unauthenticated`.
pub fn authorize_update_install(app: &App, principal: &Principal) -> Result<()> {
    auth::require_admin(app, principal)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::SystemClock;
    use crate::db::Db;

    /// An in-memory installation with an administrator and a clerk (not an administrator).
    fn installation() -> (App, Principal, Principal) {
        let app = App::new(Db::open_in_memory().unwrap(), Arc::new(SystemClock));
        let now = app.now();
        let (admin, clerk) = app
            .db()
            .write(|tx| {
                let admin = auth::create_user_in_tx(tx, now, "admin@example.org", None, "a long password 1")?;
                auth::make_admin_in_tx(tx, admin)?;
                let clerk = auth::create_user_in_tx(tx, now, "clerk@example.org", None, "a long password 2")?;
                Ok((admin, clerk))
            })
            .unwrap();
        (app, Principal::User { user_id: admin }, Principal::User { user_id: clerk })
    }

    #[test]
    fn a_new_installation_has_no_update_endpoint_and_checks_on_start() {
        let (app, _, _) = installation();
        assert_eq!(update_settings(&app).unwrap(), UpdateSettings { endpoint: None, check_on_start: true });
    }

    #[test]
    fn an_administrator_sets_the_update_endpoint_and_it_is_stored_trimmed() {
        let (app, admin, _) = installation();
        let typed = UpdateSettings {
            endpoint: Some("  http://10.0.0.5/tessera/{{target}}-{{arch}}.json ".into()),
            check_on_start: false,
        };
        let saved = save_update_settings(&app, &admin, typed).unwrap();
        assert_eq!(saved.endpoint.as_deref(), Some("http://10.0.0.5/tessera/{{target}}-{{arch}}.json"));
        assert_eq!(update_settings(&app).unwrap(), saved, "what is answered is what is stored");
        let cleared = UpdateSettings { endpoint: Some("   ".into()), check_on_start: true };
        assert_eq!(save_update_settings(&app, &admin, cleared).unwrap().endpoint, None, "blank means none");
    }

    #[test]
    fn a_bad_update_endpoint_is_refused_on_its_field_and_nothing_changes() {
        let (app, admin, _) = installation();
        let bad =
            UpdateSettings { endpoint: Some("ftp://example.org/latest.json".into()), check_on_start: true };
        let Error::Validation(fields) = save_update_settings(&app, &admin, bad).unwrap_err() else {
            panic!("expected a validation error")
        };
        assert!(fields.get("endpoint").is_some_and(|m| !m.is_empty()));
        assert_eq!(update_settings(&app).unwrap(), UpdateSettings::default());
    }

    #[test]
    fn only_administrators_change_the_update_settings_or_install_updates() {
        let (app, admin, clerk) = installation();
        let settings =
            UpdateSettings { endpoint: Some("https://example.org/latest.json".into()), check_on_start: true };
        assert!(matches!(save_update_settings(&app, &clerk, settings), Err(Error::Forbidden)));
        assert_eq!(update_settings(&app).unwrap(), UpdateSettings::default());
        assert!(matches!(authorize_update_install(&app, &clerk), Err(Error::Forbidden)));
        assert!(authorize_update_install(&app, &admin).is_ok());
    }
}
