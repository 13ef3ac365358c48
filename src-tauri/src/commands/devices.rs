use tauri::State;
use tessera::devices::{self, DeviceInput, DevicePairing, DeviceSummary};
use tessera::{ErrorBody, http};

use super::with_access;
use crate::Desk;

/// Where terminals reach this desk's listener (loopback when it is not running).
fn terminal_url(desk: &Desk) -> String {
    http::advertised_url(
        desk.listener.address().unwrap_or(([127, 0, 0, 1], tessera::installation::DEFAULT_PORT).into()),
    )
}

#[tauri::command]
#[specta::specta]
pub async fn devices_list(desk: State<'_, Desk>, organizer: String) -> Result<Vec<DeviceSummary>, ErrorBody> {
    with_access(&desk, organizer, devices::summaries).await
}

/// Adds a device; the answer carries the pairing code, the listener's LAN address and the QR code.
#[tauri::command]
#[specta::specta]
pub async fn devices_add(
    desk: State<'_, Desk>,
    organizer: String,
    input: DeviceInput,
) -> Result<DevicePairing, ErrorBody> {
    let url = terminal_url(&desk);
    with_access(&desk, organizer, move |app, access| devices::add(app, access, input, &url)).await
}

#[tauri::command]
#[specta::specta]
pub async fn devices_pairing(
    desk: State<'_, Desk>,
    organizer: String,
    device_id: u32,
) -> Result<DevicePairing, ErrorBody> {
    let url = terminal_url(&desk);
    with_access(&desk, organizer, move |app, access| devices::pairing(app, access, device_id.into(), &url))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn devices_rename(
    desk: State<'_, Desk>,
    organizer: String,
    device_id: u32,
    input: DeviceInput,
) -> Result<DeviceSummary, ErrorBody> {
    with_access(&desk, organizer, move |app, access| devices::rename(app, access, device_id.into(), input))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn devices_revoke(
    desk: State<'_, Desk>,
    organizer: String,
    device_id: u32,
) -> Result<DeviceSummary, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        devices::revoke_by_admin(app, access, device_id.into()).map(|d| DeviceSummary::from(&d))
    })
    .await
}
