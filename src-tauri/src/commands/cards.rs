use tauri::State;
use tessera::ErrorBody;
use tessera::cards::{self, Card, CardInput, CardStatusInput, ReplaceInput};
use tessera::pos::{self, PosLookup};

use super::with_access;
use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn cards_list(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
) -> Result<Vec<Card>, ErrorBody> {
    with_access(&desk, organizer, move |app, access| cards::for_customer(app, access, &identifier)).await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_issue(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: CardInput,
) -> Result<Card, ErrorBody> {
    with_access(&desk, organizer, move |app, access| cards::issue(app, access, &identifier, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_block(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    card_id: u32,
    input: CardStatusInput,
) -> Result<Card, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        cards::block(app, access, &identifier, card_id.into(), input)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_unblock(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    card_id: u32,
) -> Result<Card, ErrorBody> {
    with_access(&desk, organizer, move |app, access| cards::unblock(app, access, &identifier, card_id.into()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_lost(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    card_id: u32,
    input: CardStatusInput,
) -> Result<Card, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        cards::mark_lost(app, access, &identifier, card_id.into(), input)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_replace(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    card_id: u32,
    input: ReplaceInput,
) -> Result<Card, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        cards::replace(app, access, &identifier, card_id.into(), input)
    })
    .await
}

/// What a scanned card (keyboard wedge: serial then Enter) belongs to.
#[tauri::command]
#[specta::specta]
pub async fn cards_scan(
    desk: State<'_, Desk>,
    organizer: String,
    serial: String,
) -> Result<PosLookup, ErrorBody> {
    with_access(&desk, organizer, move |app, access| pos::by_card(app, access, &serial)).await
}
