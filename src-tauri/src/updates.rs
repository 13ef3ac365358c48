//! Updates of the desktop program through tauri-plugin-updater: a check in the background after
//! start-up, one from the menu ("Check for updates…") or the window, and the install an
//! administrator asks for. Every answer is kept (for a window that logs in later) and sent to the
//! window as an [`UpdateChecked`] event.
//!
//! Invariants: nothing is installed unless its minisign signature verifies against the public key
//! in `tauri.conf.json` and names the version the manifest announces (`requireSignedVersion`), so
//! a plain-http endpoint on a venue's LAN is safe to use. A check never blocks the window and never
//! fails loudly: without a network it answers `offline` within its timeout.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::menu::{Menu, MenuItem, Submenu};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};
use tauri_specta::Event;
use tessera::installation::{self, UpdateEndpoint, UpdateSettings};

use crate::Desk;

/// How long the check after start-up may take: a desk without the internet learns it quickly.
const START_TIMEOUT: Duration = Duration::from_secs(8);
/// How long a check someone asked for may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);
/// How long downloading a bundle may take in all.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(600);
/// The pause after start-up before the first check, so that the window is up and listening.
const START_DELAY: Duration = Duration::from_secs(3);

/// The menu item's id.
const MENU_CHECK: &str = "check-for-updates";

/// What a check (or an install) found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UpdateState {
    UpToDate,
    /// A newer version is offered; an administrator may install it.
    Available,
    /// The newer version is installed; it runs once Tessera restarts.
    Installed,
    /// The update server could not be reached (no network, or it is down).
    Offline,
    /// No update endpoint is set for this installation.
    NotConfigured,
    /// The server answered, but not with a usable update (or the update was refused: a bad
    /// signature, a failed install); `message` says what happened.
    Failed,
}

/// The answer of a check or install, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UpdateCheck {
    /// The version running now.
    pub current_version: String,
    pub state: UpdateState,
    /// The offered (or installed) version.
    pub version: Option<String>,
    /// The release notes from the manifest.
    pub notes: Option<String>,
    /// When the version was published (RFC 3339), if the manifest says.
    pub date: Option<String>,
    /// Why the check failed or the server was not reached, in the updater's words.
    pub message: Option<String>,
}

impl UpdateCheck {
    fn new(current_version: String, state: UpdateState) -> Self {
        UpdateCheck { current_version, state, version: None, notes: None, date: None, message: None }
    }

    fn offering(update: &Update, state: UpdateState) -> Self {
        UpdateCheck {
            version: Some(update.version.clone()),
            notes: update.body.clone(),
            // The plugin parsed it as RFC 3339 already; it is passed on as the manifest wrote it.
            date: update.raw_json.get("pub_date").and_then(|d| d.as_str()).map(str::to_owned),
            ..UpdateCheck::new(update.current_version.clone(), state)
        }
    }

    /// `offline` for a server that cannot be reached in time, `failed` for everything else.
    fn failure(current_version: String, err: &tauri_plugin_updater::Error) -> Self {
        let unreachable = match err {
            tauri_plugin_updater::Error::Reqwest(e) => e.is_connect() || e.is_timeout(),
            _ => false,
        };
        if unreachable {
            tracing::info!(error = %err, "update server not reached");
        } else {
            tracing::warn!(error = %err, "update check failed");
        }
        let state = if unreachable { UpdateState::Offline } else { UpdateState::Failed };
        UpdateCheck { message: Some(err.to_string()), ..UpdateCheck::new(current_version, state) }
    }
}

/// Why the window hears about updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UpdateReason {
    /// The check after start-up (the window shows only an available update).
    Start,
    /// "Check for updates…" in the menu (the window shows the answer, whatever it is).
    Menu,
    /// A check the window asked for.
    Window,
    /// An install finished (or failed).
    Install,
}

/// Sent to the window after every check and install.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct UpdateChecked {
    pub reason: UpdateReason,
    pub check: UpdateCheck,
}

/// The updater's state in this process: the last answer, and whether an install runs.
#[derive(Default)]
pub struct Updates {
    last: Mutex<Option<UpdateCheck>>,
    installing: tokio::sync::Mutex<()>,
}

impl Updates {
    /// The last check's or install's answer, if any finished since start-up.
    pub fn last(&self) -> Option<UpdateCheck> {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn record(&self, check: &UpdateCheck) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(check.clone());
    }
}

/// Asks the endpoint for a version newer than this one; `None` when there is none.
pub async fn find<R: Runtime>(
    app: &AppHandle<R>,
    endpoint: &UpdateEndpoint,
    timeout: Duration,
) -> Result<Option<Update>, tauri_plugin_updater::Error> {
    app.updater_builder().endpoints(vec![endpoint.url().clone()])?.timeout(timeout).build()?.check().await
}

/// Checks for an update with the given settings. Never fails: a missing endpoint answers
/// `not_configured`, an unreachable server `offline`, anything else that goes wrong `failed`.
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    settings: &UpdateSettings,
    timeout: Duration,
) -> UpdateCheck {
    let current = app.package_info().version.to_string();
    let Some(endpoint) = settings.update_endpoint() else {
        return UpdateCheck::new(current, UpdateState::NotConfigured);
    };
    match find(app, &endpoint, timeout).await {
        Ok(Some(update)) => UpdateCheck::offering(&update, UpdateState::Available),
        Ok(None) => UpdateCheck::new(current, UpdateState::UpToDate),
        Err(err) => UpdateCheck::failure(current, &err),
    }
}

/// Downloads the offered update, verifies its signature and installs it (on Linux with `dpkg`
/// through pkexec, which asks for the password of an administrator of the computer). The caller
/// has checked that the user may.
async fn download_and_install<R: Runtime>(app: &AppHandle<R>, endpoint: &UpdateEndpoint) -> UpdateCheck {
    let current = app.package_info().version.to_string();
    // A program not installed from a package (a build run in place) has nothing the package
    // manager could replace; the updater would overwrite the running file instead.
    if tauri::utils::platform::bundle_type().is_none() {
        return UpdateCheck {
            message: Some(
                "This Tessera was not installed from a package; install the new version by hand.".into(),
            ),
            ..UpdateCheck::new(current, UpdateState::Failed)
        };
    }
    let mut update = match find(app, endpoint, CHECK_TIMEOUT).await {
        Ok(Some(update)) => update,
        Ok(None) => return UpdateCheck::new(current, UpdateState::UpToDate),
        Err(err) => return UpdateCheck::failure(current, &err),
    };
    update.timeout = Some(DOWNLOAD_TIMEOUT);
    let bytes = match update.download(|_, _| {}, || {}).await {
        Ok(bytes) => bytes,
        Err(err) => return UpdateCheck::failure(current, &err),
    };
    // The package manager waits for a password prompt: not on the async runtime's threads.
    let installing = update.clone();
    match tauri::async_runtime::spawn_blocking(move || installing.install(bytes)).await {
        Ok(Ok(())) => {
            tracing::info!(version = %update.version, "update installed; it runs after a restart");
            UpdateCheck::offering(&update, UpdateState::Installed)
        }
        Ok(Err(err)) => UpdateCheck::failure(current, &err),
        Err(err) => {
            tracing::error!(error = %err, "the update install task failed");
            UpdateCheck {
                message: Some("The install stopped unexpectedly.".into()),
                ..UpdateCheck::new(current, UpdateState::Failed)
            }
        }
    }
}

/// The installation's update settings; the defaults (no endpoint) when they cannot be read.
async fn stored_settings(app: &AppHandle) -> UpdateSettings {
    let desk = app.state::<Desk>();
    desk.app.blocking(installation::update_settings).await.unwrap_or_else(|err| {
        tracing::error!(error = %err, "update settings could not be read");
        UpdateSettings::default()
    })
}

/// Keeps the answer and tells the window.
fn announce(app: &AppHandle, reason: UpdateReason, check: &UpdateCheck) {
    app.state::<Updates>().record(check);
    if let Err(err) = (UpdateChecked { reason, check: check.clone() }).emit(app) {
        tracing::warn!(error = %err, "the update answer could not be sent to the window");
    }
}

/// Checks now with the stored settings, then keeps the answer and sends it to the window.
pub async fn check_and_announce(app: &AppHandle, reason: UpdateReason) -> UpdateCheck {
    let timeout = if reason == UpdateReason::Start { START_TIMEOUT } else { CHECK_TIMEOUT };
    let settings = stored_settings(app).await;
    let check = check(app, &settings, timeout).await;
    announce(app, reason, &check);
    check
}

/// Installs the offered update (one install at a time), then keeps the answer and sends it to the
/// window, which asks for a restart. Errors: `refused` while another install runs.
pub async fn install_and_announce(app: &AppHandle) -> tessera::Result<UpdateCheck> {
    let updates = app.state::<Updates>();
    let Ok(_installing) = updates.installing.try_lock() else {
        return Err(tessera::Error::Refused("An update is being installed already."));
    };
    let settings = stored_settings(app).await;
    let check = match settings.update_endpoint() {
        Some(endpoint) => download_and_install(app, &endpoint).await,
        None => UpdateCheck::new(app.package_info().version.to_string(), UpdateState::NotConfigured),
    };
    announce(app, UpdateReason::Install, &check);
    Ok(check)
}

/// The window's menu: Help → "Check for updates…", in the window's language (`en` or `de`).
fn menu<R: Runtime>(app: &AppHandle<R>, locale: &str) -> tauri::Result<Menu<R>> {
    let (help, check) = if locale.to_ascii_lowercase().starts_with("de") {
        ("Hilfe", "Nach Updates suchen …")
    } else {
        ("Help", "Check for updates…")
    };
    let check = MenuItem::with_id(app, MENU_CHECK, check, true, None::<&str>)?;
    let help = Submenu::with_items(app, help, true, &[&check])?;
    Menu::with_items(app, &[&help])
}

/// Redraws the menu in the language of the user now at the window (after login or a change).
pub fn localize_menu<R: Runtime>(app: &AppHandle<R>, locale: &str) {
    match menu(app, locale).and_then(|menu| app.set_menu(menu)) {
        Ok(_) => {}
        Err(err) => tracing::warn!(error = %err, "cannot redraw the menu"),
    }
}

/// Sets up updates once the desk is managed: the state, the menu item, and the check after
/// start-up (in the background, only when the settings ask for it).
pub fn start(app: &AppHandle) -> tauri::Result<()> {
    app.manage(Updates::default());
    app.set_menu(menu(app, "en")?)?;
    app.on_menu_event(|app, event| {
        if event.id() == MENU_CHECK {
            let app = app.clone();
            tauri::async_runtime::spawn(async move { check_and_announce(&app, UpdateReason::Menu).await });
        }
    });
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(START_DELAY).await;
        if stored_settings(&app).await.check_on_start {
            check_and_announce(&app, UpdateReason::Start).await;
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests;
