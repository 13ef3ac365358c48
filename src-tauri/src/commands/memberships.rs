use tauri::State;
use tessera::ErrorBody;
use tessera::memberships::{
    self, Membership, MembershipInput, MembershipStatus, MembershipType, MembershipTypeInput, MembershipUse,
    UseInput,
};

use super::with_access;
use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn membership_types_list(
    desk: State<'_, Desk>,
    organizer: String,
) -> Result<Vec<MembershipType>, ErrorBody> {
    with_access(&desk, organizer, memberships::list_types).await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_types_create(
    desk: State<'_, Desk>,
    organizer: String,
    input: MembershipTypeInput,
) -> Result<MembershipType, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::create_type(app, access, input.into_change()?)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_types_update(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
    input: MembershipTypeInput,
) -> Result<MembershipType, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::update_type(app, access, id.into(), input.into_change()?)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn membership_types_delete(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
) -> Result<(), ErrorBody> {
    with_access(&desk, organizer, move |app, access| memberships::delete_type(app, access, id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_for_customer(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
) -> Result<Vec<MembershipStatus>, ErrorBody> {
    with_access(&desk, organizer, move |app, access| memberships::for_customer(app, access, &identifier))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_sell(
    desk: State<'_, Desk>,
    organizer: String,
    identifier: String,
    input: MembershipInput,
) -> Result<Membership, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::create(app, access, input.into_change(Some(identifier)))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_update(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
    input: MembershipInput,
) -> Result<Membership, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::update(app, access, id.into(), input.into_change(None))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_uses(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
) -> Result<Vec<MembershipUse>, ErrorBody> {
    with_access(&desk, organizer, move |app, access| memberships::list_uses(app, access, id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_record_use(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
    input: UseInput,
) -> Result<MembershipUse, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::record_use_now(app, access, id.into(), input.reference)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn memberships_void_use(
    desk: State<'_, Desk>,
    organizer: String,
    id: u32,
    use_id: u32,
) -> Result<MembershipUse, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        memberships::void_use(app, access, id.into(), use_id.into())
    })
    .await
}
