//! CSV imports at the desk: upload and preview, check every row, import, follow the progress.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::error::Error;
use crate::http::error::DeskError;
use crate::http::extract::{CsvBody, DeskJson};
use crate::imports::{self, ImportKind, ImportMapping, ImportPreview, ImportProgress, ImportReport};

/// The largest file the desk takes: a million customers with a card and credit each fit.
pub const MAX_CSV_BYTES: usize = 512 * 1024 * 1024;

#[derive(Deserialize)]
pub struct KindPath {
    organizer: String,
    kind: String,
}

#[derive(Deserialize)]
pub struct ImportPath {
    organizer: String,
    id: String,
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/imports/new/{kind}", tag = "desk",
    params(("organizer" = String, Path), ("kind" = String, Path, description = "customers or memberships")),
    request_body(content = String, content_type = "text/csv", description = "The file as it is: comma, semicolon or tab separated, UTF-8, the first line naming the columns"),
    responses((status = 201, body = ImportPreview, description = "Kept for an hour under its id"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn preview(
    State(app): State<App>,
    user: DeskUser,
    Path(KindPath { organizer, kind }): Path<KindPath>,
    CsvBody(text): CsvBody,
) -> Result<(StatusCode, Json<ImportPreview>), DeskError> {
    let kind = ImportKind::parse(&kind).ok_or(Error::NotFound { entity: "Import" })?;
    let access = access(&app, user, organizer).await?;
    let preview = app.blocking(move |app| imports::preview(app, &access, kind, &text)).await?;
    Ok((StatusCode::CREATED, Json(preview)))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/imports/{id}/validate", tag = "desk",
    params(("organizer" = String, Path), ("id" = String, Path)), request_body = ImportMapping,
    responses((status = 200, body = ImportReport, description = "Every row checked; nothing written"), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn validate(
    State(app): State<App>,
    user: DeskUser,
    Path(ImportPath { organizer, id }): Path<ImportPath>,
    DeskJson(input): DeskJson<ImportMapping>,
) -> Result<Json<ImportReport>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| imports::validate(app, &access, &id, &input.mapping)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/imports/{id}/commit", tag = "desk",
    params(("organizer" = String, Path), ("id" = String, Path)), request_body = ImportMapping,
    responses((status = 202, body = ImportProgress, description = "Started: all rows or none"), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn commit(
    State(app): State<App>,
    user: DeskUser,
    Path(ImportPath { organizer, id }): Path<ImportPath>,
    DeskJson(input): DeskJson<ImportMapping>,
) -> Result<(StatusCode, Json<ImportProgress>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let started = app.blocking(move |app| imports::commit(app, &access, &id, &input.mapping)).await?;
    Ok((StatusCode::ACCEPTED, Json(started)))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/imports/{id}", tag = "desk",
    params(("organizer" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = ImportProgress), (status = 404, body = ErrorBody)))]
pub async fn progress(
    State(app): State<App>,
    user: DeskUser,
    Path(ImportPath { organizer, id }): Path<ImportPath>,
) -> Result<Json<ImportProgress>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| imports::progress(app, &access, &id)).await?))
}
