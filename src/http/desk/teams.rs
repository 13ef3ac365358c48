use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::teams::{self, CreatedToken, MemberInput, TeamDetail, TeamInput, TeamSummary, TokenInput};

#[derive(Deserialize)]
pub struct TeamPath {
    organizer: String,
    team_id: i64,
}

#[derive(Deserialize)]
pub struct ItemPath {
    organizer: String,
    team_id: i64,
    item_id: i64,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/teams", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = Vec<TeamSummary>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<Vec<TeamSummary>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::summaries(app, &access)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/teams", tag = "desk",
    params(("organizer" = String, Path)), request_body = TeamInput,
    responses((status = 201, body = TeamDetail), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn add(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<TeamInput>,
) -> Result<(StatusCode, Json<TeamDetail>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| teams::add(app, &access, input)).await?)))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/teams/{team_id}", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path)),
    responses((status = 200, body = TeamDetail), (status = 404, body = ErrorBody)))]
pub async fn detail(
    State(app): State<App>,
    user: DeskUser,
    Path(TeamPath { organizer, team_id }): Path<TeamPath>,
) -> Result<Json<TeamDetail>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::detail(app, &access, team_id)).await?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/teams/{team_id}", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path)), request_body = TeamInput,
    responses((status = 200, body = TeamDetail), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn edit(
    State(app): State<App>,
    user: DeskUser,
    Path(TeamPath { organizer, team_id }): Path<TeamPath>,
    DeskJson(input): DeskJson<TeamInput>,
) -> Result<Json<TeamDetail>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::edit(app, &access, team_id, input)).await?))
}

#[utoipa::path(delete, path = "/api/desk/organizers/{organizer}/teams/{team_id}", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn remove(
    State(app): State<App>,
    user: DeskUser,
    Path(TeamPath { organizer, team_id }): Path<TeamPath>,
) -> Result<StatusCode, DeskError> {
    let access = access(&app, user, organizer).await?;
    app.blocking(move |app| teams::remove(app, &access, team_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/teams/{team_id}/members", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path)), request_body = MemberInput,
    responses((status = 200, body = TeamDetail), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_member(
    State(app): State<App>,
    user: DeskUser,
    Path(TeamPath { organizer, team_id }): Path<TeamPath>,
    DeskJson(input): DeskJson<MemberInput>,
) -> Result<Json<TeamDetail>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::add_member(app, &access, team_id, input)).await?))
}

#[utoipa::path(delete, path = "/api/desk/organizers/{organizer}/teams/{team_id}/members/{item_id}", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path), ("item_id" = i64, Path, description = "The user's id")),
    responses((status = 200, body = TeamDetail), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn take_out(
    State(app): State<App>,
    user: DeskUser,
    Path(ItemPath { organizer, team_id, item_id }): Path<ItemPath>,
) -> Result<Json<TeamDetail>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::take_out(app, &access, team_id, item_id)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/teams/{team_id}/tokens", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path)), request_body = TokenInput,
    responses((status = 201, body = CreatedToken, description = "The secret, shown this once"), (status = 400, body = ErrorBody)))]
pub async fn add_token(
    State(app): State<App>,
    user: DeskUser,
    Path(TeamPath { organizer, team_id }): Path<TeamPath>,
    DeskJson(input): DeskJson<TokenInput>,
) -> Result<(StatusCode, Json<CreatedToken>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let token = app.blocking(move |app| teams::add_token(app, &access, team_id, input)).await?;
    Ok((StatusCode::CREATED, Json(token)))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/teams/{team_id}/tokens/{item_id}/deactivate", tag = "desk",
    params(("organizer" = String, Path), ("team_id" = i64, Path), ("item_id" = i64, Path, description = "The token's id")),
    responses((status = 200, body = TeamDetail), (status = 404, body = ErrorBody)))]
pub async fn deactivate_token(
    State(app): State<App>,
    user: DeskUser,
    Path(ItemPath { organizer, team_id, item_id }): Path<ItemPath>,
) -> Result<Json<TeamDetail>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| teams::revoke_token(app, &access, team_id, item_id)).await?))
}
