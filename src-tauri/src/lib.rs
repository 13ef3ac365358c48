//! The desktop shell: opens the database in the app-data directory, starts the HTTP listener in
//! this process, and exposes the core's services to the window as typed commands. No rules here.

mod commands;
mod updates;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tauri::Manager;
use tessera::auth::Principal;
use tessera::http::ListenerControl;
use tessera::{App, Error, http, installation};

/// The window's state: the core handle and who is logged in at this desk.
pub struct Desk {
    pub app: App,
    /// The HTTP listener in this process (terminals are told the matching LAN address).
    pub listener: ListenerControl,
    user: Mutex<Option<i64>>,
}

impl Desk {
    fn principal(&self) -> Result<Principal, Error> {
        let user = *self.user.lock().unwrap_or_else(|p| p.into_inner());
        user.map(|user_id| Principal::User { user_id })
            .ok_or(Error::Unauthenticated(tessera::error::AuthFailure::Missing))
    }

    fn set_user(&self, user_id: Option<i64>) {
        *self.user.lock().unwrap_or_else(|p| p.into_inner()) = user_id;
    }
}

/// Every command the window may call; also what the TypeScript bindings are generated from.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::{
        access, backups, cards, credit, customers, dashboard, devices, events, exports, imports, listener,
        memberships, outbox, session, setup, teams, updates,
    };
    let builder = tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        setup::setup_status,
        setup::setup_complete,
        session::session_login,
        session::session_logout,
        session::session_current,
        session::session_set_locale,
        backups::backups_overview,
        backups::backups_create,
        backups::backups_save_settings,
        backups::backups_restore,
        customers::customers_search,
        customers::customers_get,
        customers::customers_create,
        customers::customers_update,
        customers::customers_anonymize,
        memberships::membership_types_list,
        memberships::membership_types_create,
        memberships::membership_types_update,
        memberships::membership_types_delete,
        memberships::memberships_for_customer,
        memberships::memberships_sell,
        memberships::memberships_update,
        memberships::memberships_uses,
        memberships::memberships_record_use,
        memberships::memberships_void_use,
        devices::devices_list,
        devices::devices_add,
        devices::devices_pairing,
        devices::devices_rename,
        devices::devices_revoke,
        teams::teams_list,
        teams::teams_detail,
        teams::teams_add,
        teams::teams_edit,
        teams::teams_remove,
        teams::teams_add_member,
        teams::teams_take_out,
        teams::teams_add_token,
        teams::teams_deactivate_token,
        listener::listener_status,
        listener::listener_apply,
        cards::cards_list,
        cards::cards_issue,
        cards::cards_block,
        cards::cards_unblock,
        cards::cards_lost,
        cards::cards_replace,
        cards::cards_scan,
        credit::credit_balance,
        credit::credit_entries,
        credit::credit_topup,
        credit::credit_charge,
        credit::credit_refund,
        credit::credit_reverse,
        credit::credit_adjust,
        credit::credit_settings,
        credit::credit_save_settings,
        dashboard::dashboard,
        imports::import_preview,
        imports::import_validate,
        imports::import_commit,
        imports::import_progress,
        exports::export_save,
        outbox::outbox_list,
        outbox::outbox_retry,
        outbox::mail_settings,
        outbox::mail_settings_save,
        outbox::mail_settings_test,
        events::events_list,
        events::events_create,
        events::events_detail,
        events::events_add_subevent,
        events::events_add_item,
        events::events_save_quota,
        events::events_save_waiting_list_settings,
        events::waiting_list,
        events::waiting_list_add,
        events::waiting_list_edit,
        events::waiting_list_remove,
        events::waiting_list_send_voucher,
        events::vouchers_redeem,
        access::oauth_applications,
        access::oauth_register,
        access::oauth_deactivate,
        access::oauth_grants,
        access::oauth_revoke_grant,
        access::resellers_list,
        access::resellers_create,
        access::resellers_add_member,
        access::resellers_link_organizer,
        updates::updates_settings,
        updates::updates_save_settings,
        updates::updates_check,
        updates::updates_latest,
        updates::updates_install,
        updates::updates_restart,
    ]);
    builder.events(tauri_specta::collect_events![crate::updates::UpdateChecked])
}

fn database_path(app: &tauri::App) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Ok(path) = std::env::var("TESSERA_DB") {
        return Ok(PathBuf::from(path));
    }
    Ok(app.path().app_data_dir()?.join("tessera.sqlite3"))
}

/// Where the listener starts: `TESSERA_LISTEN` when set (tests, special set-ups), otherwise the
/// settings an administrator chose in the window (port 8421, this computer only, by default).
fn listen_address(app: &App) -> SocketAddr {
    let stored = || installation::listener_settings(app).unwrap_or_default().address();
    std::env::var("TESSERA_LISTEN").ok().and_then(|l| l.parse().ok()).unwrap_or_else(stored)
}

/// The HTTP listener on Tauri's runtime, serving the UI embedded in this binary to browsers on
/// the LAN. A taken port is shown in the window, not fatal: the window works without it.
fn start_listener(app: App, assets: tauri::AssetResolver<tauri::Wry>) -> ListenerControl {
    let ui_assets: http::UiAssets =
        Arc::new(move |path: &str| assets.get(path.to_string()).map(|a| (a.bytes, a.mime_type)));
    let options = http::Options {
        ui_dir: std::env::var_os("TESSERA_UI_DIR").map(PathBuf::from),
        ui_assets: Some(ui_assets),
    };
    let address = listen_address(&app);
    let control = ListenerControl::new(app, options);
    let starting = control.clone();
    // Bound before the window opens, so the first status the window asks for is the real one.
    let _ = tauri::async_runtime::block_on(async move { starting.start(address).await });
    control
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TESSERA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let path = database_path(app)?;
            let core = App::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
            tracing::info!("database {}", path.display());
            let listener = start_listener(core.clone(), app.asset_resolver());
            // Queued mail goes out through each organizer's SMTP settings (or TESSERA_SMTP_URL).
            let smtp = std::env::var("TESSERA_SMTP_URL").ok().and_then(|u| {
                tessera::outbox::SmtpConfig::from_url(u.trim())
                    .map_err(|e| tracing::error!(error = %e, "TESSERA_SMTP_URL is not usable"))
                    .ok()
            });
            tauri::async_runtime::spawn(tessera::outbox::run_sender(core.clone(), smtp));
            // Freed places go to the next people waiting, without a click.
            tauri::async_runtime::spawn(tessera::waitinglist::run_assigner(core.clone()));
            // Scheduled backups into the folder an administrator chose.
            tauri::async_runtime::spawn(tessera::backups::run_scheduler(core.clone()));
            app.manage(Desk { app: core, listener, user: Mutex::new(None) });
            // Signed updates: the menu item, and a check in the background once the window is up.
            updates::start(app.handle())?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Tessera could not start: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// Regenerates `ui/src/bindings.ts`; CI fails when the committed file differs.
    #[test]
    fn export_bindings() {
        super::specta_builder()
            .export(
                specta_typescript::Typescript::default().header(
                    "// Generated by tauri-specta from src-tauri; do not edit.\n/* eslint-disable */",
                ),
                "../ui/src/bindings.ts",
            )
            .expect("bindings export");
    }
}
