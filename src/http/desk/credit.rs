use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::credit::{
    self, AdjustmentInput, Booking, CreditBalance, CreditInput, CreditSettings, CreditSettingsInput,
    EntryPage, UndoInput,
};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;

#[derive(Deserialize)]
pub struct CustomerPath {
    organizer: String,
    identifier: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntriesQuery {
    skip: Option<i64>,
    take: Option<i64>,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = CreditBalance), (status = 404, body = ErrorBody)))]
pub async fn balance(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
) -> Result<Json<CreditBalance>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| credit::balance(app, &access, &identifier)).await?))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/entries", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path), EntriesQuery),
    responses((status = 200, body = EntryPage), (status = 404, body = ErrorBody)))]
pub async fn entries(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    Query(q): Query<EntriesQuery>,
) -> Result<Json<EntryPage>, DeskError> {
    let access = access(&app, user, organizer).await?;
    let (skip, take) = (q.skip.unwrap_or(0), q.take.unwrap_or(50));
    Ok(Json(app.blocking(move |app| credit::entries(app, &access, &identifier, None, skip, take)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/topup", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = CreditInput,
    responses((status = 201, body = Booking), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn topup(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<CreditInput>,
) -> Result<(StatusCode, Json<Booking>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| credit::top_up(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/charge", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = CreditInput,
    responses((status = 201, body = Booking), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn charge(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<CreditInput>,
) -> Result<(StatusCode, Json<Booking>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| credit::charge(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/refund", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = UndoInput,
    responses((status = 201, body = Booking), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn refund(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<UndoInput>,
) -> Result<(StatusCode, Json<Booking>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| credit::refund(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/reverse", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = UndoInput,
    responses((status = 201, body = Booking), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reverse(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<UndoInput>,
) -> Result<(StatusCode, Json<Booking>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| credit::reverse(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/credit/adjust", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = AdjustmentInput,
    responses((status = 201, body = Booking), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn adjust(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<AdjustmentInput>,
) -> Result<(StatusCode, Json<Booking>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| credit::adjust(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/credit-settings", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = CreditSettings), (status = 403, body = ErrorBody)))]
pub async fn settings(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<CreditSettings>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(credit::settings(&access)?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/credit-settings", tag = "desk",
    params(("organizer" = String, Path)), request_body = CreditSettingsInput,
    responses((status = 200, body = CreditSettings), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn save_settings(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<CreditSettingsInput>,
) -> Result<Json<CreditSettings>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| credit::save_settings(app, &access, input)).await?))
}
