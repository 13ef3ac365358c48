use tauri::State;
use tessera::ErrorBody;
use tessera::events::{
    self, Event, EventDetail, EventSummary, Item, NewEvent, NewItem, NewSubEvent, Quota, QuotaInput,
    SubEvent, WaitingListSettingsView,
};
use tessera::vouchers::{self, Voucher};
use tessera::waitinglist::{self, DeskEntryInput, WaitingListEntry, WaitingListRow};

use super::with_access;
use crate::Desk;

/// The organizer's events, soonest first, with their waiting lists' lengths.
#[tauri::command]
#[specta::specta]
pub async fn events_list(desk: State<'_, Desk>, organizer: String) -> Result<Vec<EventSummary>, ErrorBody> {
    with_access(&desk, organizer, events::desk::summaries).await
}

#[tauri::command]
#[specta::specta]
pub async fn events_create(
    desk: State<'_, Desk>,
    organizer: String,
    input: NewEvent,
) -> Result<Event, ErrorBody> {
    with_access(&desk, organizer, move |app, access| events::desk::create(app, access, input)).await
}

/// One event with its dates, products, quotas (with availability) and waiting-list settings.
#[tauri::command]
#[specta::specta]
pub async fn events_detail(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
) -> Result<EventDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| events::desk::detail(app, access, &event)).await
}

#[tauri::command]
#[specta::specta]
pub async fn events_add_subevent(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    input: NewSubEvent,
) -> Result<SubEvent, ErrorBody> {
    with_access(&desk, organizer, move |app, access| events::desk::add_subevent(app, access, &event, input))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn events_add_item(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    input: NewItem,
) -> Result<Item, ErrorBody> {
    with_access(&desk, organizer, move |app, access| events::desk::add_item(app, access, &event, input)).await
}

/// Creates a quota (`quota_id` null) or replaces one.
#[tauri::command]
#[specta::specta]
pub async fn events_save_quota(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    quota_id: Option<u32>,
    input: QuotaInput,
) -> Result<Quota, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        events::desk::save_quota(app, access, &event, quota_id.map(i64::from), input)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn events_save_waiting_list_settings(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    input: WaitingListSettingsView,
) -> Result<WaitingListSettingsView, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        events::desk::save_waiting_list_settings(app, access, &event, input)
    })
    .await
}

/// The event's waiting list: waiting entries first, in the order they will be served.
#[tauri::command]
#[specta::specta]
pub async fn waiting_list(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
) -> Result<Vec<WaitingListRow>, ErrorBody> {
    with_access(&desk, organizer, move |app, access| waitinglist::desk_rows(app, access, &event)).await
}

#[tauri::command]
#[specta::specta]
pub async fn waiting_list_add(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    input: DeskEntryInput,
) -> Result<WaitingListEntry, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        waitinglist::create(app, access, &event, waitinglist::desk_change(input))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn waiting_list_edit(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    entry_id: u32,
    input: DeskEntryInput,
) -> Result<WaitingListEntry, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        waitinglist::update_from_desk(app, access, &event, entry_id.into(), input)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn waiting_list_remove(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    entry_id: u32,
) -> Result<(), ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        waitinglist::delete(app, access, &event, entry_id.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn waiting_list_send_voucher(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    entry_id: u32,
) -> Result<Voucher, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        waitinglist::send_voucher(app, access, &event, entry_id.into())
    })
    .await
}

/// Records that a voucher was used at the desk.
#[tauri::command]
#[specta::specta]
pub async fn vouchers_redeem(
    desk: State<'_, Desk>,
    organizer: String,
    event: String,
    voucher_id: u32,
) -> Result<Voucher, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        vouchers::redeem(app, access, &event, voucher_id.into(), "at the desk")
    })
    .await
}
