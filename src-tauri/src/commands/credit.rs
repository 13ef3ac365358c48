use tauri::State;
use tessera::ErrorBody;
use tessera::credit::{
    self, AdjustmentInput, Booking, CreditBalance, CreditInput, CreditSettings, CreditSettingsInput,
    EntryPage, UndoInput,
};

use super::with_access;
use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn credit_balance(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
) -> Result<CreditBalance, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::balance(app, access, &identifier)).await
}

/// Newest first.
#[tauri::command]
#[specta::specta]
pub async fn credit_entries(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    skip: u32,
    take: u32,
) -> Result<EntryPage, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        credit::entries(app, access, &identifier, None, skip.into(), take.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_topup(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: CreditInput,
) -> Result<Booking, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::top_up(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_charge(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: CreditInput,
) -> Result<Booking, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::charge(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_refund(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: UndoInput,
) -> Result<Booking, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::refund(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_reverse(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: UndoInput,
) -> Result<Booking, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::reverse(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_adjust(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: AdjustmentInput,
) -> Result<Booking, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::adjust(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_settings(desk: State<'_, Desk>, organizer: String) -> Result<CreditSettings, ErrorBody> {
    with_access(&desk, organizer, |_, access| credit::settings(access)).await
}

#[tauri::command]
#[specta::specta]
pub async fn credit_save_settings(
    desk: State<'_, Desk>,
    organizer: String,
    input: CreditSettingsInput,
) -> Result<CreditSettings, ErrorBody> {
    with_access(&desk, organizer, move |app, access| credit::save_settings(app, access, input)).await
}
