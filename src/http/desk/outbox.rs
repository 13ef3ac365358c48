use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::outbox::{self, MailSettings, MailSettingsInput, OutboxMail, TestMailInput};

#[derive(Deserialize)]
pub struct MailPath {
    organizer: String,
    mail_id: i64,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/outbox", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = Vec<OutboxMail>, description = "Newest first"), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<Vec<OutboxMail>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| outbox::list(app, &access)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/outbox/{mail_id}/retry", tag = "desk",
    params(("organizer" = String, Path), ("mail_id" = i64, Path)),
    responses((status = 204, description = "Queued for an attempt now"), (status = 404, body = ErrorBody)))]
pub async fn retry(
    State(app): State<App>,
    user: DeskUser,
    Path(MailPath { organizer, mail_id }): Path<MailPath>,
) -> Result<StatusCode, DeskError> {
    let access = access(&app, user, organizer).await?;
    app.blocking(move |app| outbox::retry_now(app, &access, mail_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/mail-settings", tag = "desk",
    params(("organizer" = String, Path)),
    responses((status = 200, body = Option<MailSettings>, description = "Without the password; null when none are set"), (status = 403, body = ErrorBody)))]
pub async fn settings(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<Option<MailSettings>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| outbox::settings(app, &access)).await?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/mail-settings", tag = "desk",
    params(("organizer" = String, Path)), request_body = MailSettingsInput,
    responses((status = 200, body = MailSettings), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn save_settings(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<MailSettingsInput>,
) -> Result<Json<MailSettings>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| outbox::save_settings(app, &access, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/mail-settings/test", tag = "desk",
    params(("organizer" = String, Path)), request_body = TestMailInput,
    responses((status = 201, body = OutboxMail, description = "Queued; the outbox shows whether it went out"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn test_mail(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<TestMailInput>,
) -> Result<(StatusCode, Json<OutboxMail>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let queued = app.blocking(move |app| outbox::queue_test_mail(app, &access, input)).await?;
    Ok((StatusCode::CREATED, Json(queued)))
}
