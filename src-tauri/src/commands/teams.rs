use tauri::State;
use tessera::ErrorBody;
use tessera::teams::{self, CreatedToken, MemberInput, TeamDetail, TeamInput, TeamSummary, TokenInput};

use super::with_access;
use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn teams_list(desk: State<'_, Desk>, organizer: String) -> Result<Vec<TeamSummary>, ErrorBody> {
    with_access(&desk, organizer, teams::summaries).await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_detail(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::detail(app, access, team_id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_add(
    desk: State<'_, Desk>,
    organizer: String,
    input: TeamInput,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::add(app, access, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_edit(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
    input: TeamInput,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::edit(app, access, team_id.into(), input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_remove(desk: State<'_, Desk>, organizer: String, team_id: u32) -> Result<(), ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::remove(app, access, team_id.into())).await
}

/// Adds an existing staff user, or creates one when a password is given.
#[tauri::command]
#[specta::specta]
pub async fn teams_add_member(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
    input: MemberInput,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::add_member(app, access, team_id.into(), input))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_take_out(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
    user_id: u32,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        teams::take_out(app, access, team_id.into(), user_id.into())
    })
    .await
}

/// Creates a team API token; the answer holds its secret, shown this once.
#[tauri::command]
#[specta::specta]
pub async fn teams_add_token(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
    input: TokenInput,
) -> Result<CreatedToken, ErrorBody> {
    with_access(&desk, organizer, move |app, access| teams::add_token(app, access, team_id.into(), input))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn teams_deactivate_token(
    desk: State<'_, Desk>,
    organizer: String,
    team_id: u32,
    token_id: u32,
) -> Result<TeamDetail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| {
        teams::revoke_token(app, access, team_id.into(), token_id.into())
    })
    .await
}
