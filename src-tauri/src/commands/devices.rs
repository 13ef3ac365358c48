use tauri::State;
use tessera::devices::{self, DeviceInput, DevicePairing, DeviceSummary};
use tessera::{ErrorBody, http};

use super::with_access;
use crate::Desk;

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
    let url = http::advertised_url(desk.listen);
    with_access(&desk, organizer, move |app, access| devices::add(app, access, input, &url)).await
}

#[tauri::command]
#[specta::specta]
pub async fn devices_pairing(
    desk: State<'_, Desk>,
    organizer: String,
    device_id: u32,
) -> Result<DevicePairing, ErrorBody> {
    let url = http::advertised_url(desk.listen);
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
