//! Backups and restore at the desk: installation-wide, for administrators.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{DeskUser, expire_session_cookie};
use crate::ErrorBody;
use crate::app::App;
use crate::backups::{
    self, BackupInfo, BackupOverview, BackupRequest, BackupSettings, RestoreOutcome, RestoreRequest,
};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;

#[utoipa::path(get, path = "/api/desk/backups", tag = "desk",
    responses((status = 200, body = BackupOverview, description = "The schedule and the backups made, newest first"), (status = 403, body = ErrorBody)))]
pub async fn overview(State(app): State<App>, user: DeskUser) -> Result<Json<BackupOverview>, DeskError> {
    let principal = user.principal;
    Ok(Json(app.blocking(move |app| backups::overview(app, &principal)).await?))
}

#[utoipa::path(post, path = "/api/desk/backups", tag = "desk", request_body = BackupRequest,
    responses((status = 201, body = BackupInfo, description = "Made and checked with integrity_check"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<BackupRequest>,
) -> Result<(StatusCode, Json<BackupInfo>), DeskError> {
    let principal = user.principal;
    let made = app.blocking(move |app| backups::create_for(app, &principal, input.to.as_deref())).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

#[utoipa::path(put, path = "/api/desk/backups/settings", tag = "desk", request_body = BackupSettings,
    responses((status = 200, body = BackupOverview), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn save_settings(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<BackupSettings>,
) -> Result<Json<BackupOverview>, DeskError> {
    let principal = user.principal;
    Ok(Json(app.blocking(move |app| backups::save_settings(app, &principal, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/backups/restore", tag = "desk", request_body = RestoreRequest,
    responses((status = 200, body = RestoreOutcome, description = "Restored; every desk session has ended, so the cookie is cleared"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn restore(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<RestoreRequest>,
) -> Result<Response, DeskError> {
    let principal = user.principal;
    let outcome = app.blocking(move |app| backups::restore_for(app, &principal, &input.path)).await?;
    let mut response = Json(outcome).into_response();
    expire_session_cookie(&mut response);
    Ok(response)
}
