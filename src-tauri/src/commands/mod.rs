//! Tauri commands, mirroring the core's modules. Each extracts, calls one service, and returns
//! the result or an `ErrorBody`.

pub mod access;
pub mod backups;
pub mod cards;
pub mod credit;
pub mod customers;
pub mod dashboard;
pub mod devices;
pub mod events;
pub mod exports;
pub mod imports;
pub mod listener;
pub mod memberships;
pub mod outbox;
pub mod session;
pub mod setup;
pub mod teams;
pub mod updates;

use tessera::auth::{self, Access};
use tessera::{App, ErrorBody};

use crate::Desk;

/// Runs a service call for the logged-in user in an organizer, off the UI thread.
async fn with_access<T, F>(desk: &Desk, organizer: String, f: F) -> Result<T, ErrorBody>
where
    T: Send + 'static,
    F: FnOnce(&App, &Access) -> tessera::Result<T> + Send + 'static,
{
    let principal = desk.principal()?;
    Ok(desk
        .app
        .blocking(move |app| {
            let access = auth::authorize(app, &principal, &organizer)?;
            f(app, &access)
        })
        .await?)
}
