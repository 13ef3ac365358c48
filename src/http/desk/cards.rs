use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::cards::{self, Card, CardInput, CardStatusInput, ReplaceInput};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::pos::{self, PosLookup};

#[derive(Deserialize)]
pub struct CustomerPath {
    organizer: String,
    identifier: String,
}

#[derive(Deserialize)]
pub struct CardPath {
    organizer: String,
    identifier: String,
    card_id: i64,
}

#[derive(Deserialize)]
pub struct SerialPath {
    organizer: String,
    serial: String,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Vec<Card>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
) -> Result<Json<Vec<Card>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| cards::for_customer(app, &access, &identifier)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = CardInput,
    responses((status = 201, body = Card), (status = 400, body = ErrorBody)))]
pub async fn issue(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<CardInput>,
) -> Result<(StatusCode, Json<Card>), DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| cards::issue(app, &access, &identifier, input)).await?),
    ))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards/{card_id}/block", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path), ("card_id" = i64, Path)), request_body = CardStatusInput,
    responses((status = 200, body = Card, description = "Blocks the card for now"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn block(
    State(app): State<App>,
    user: DeskUser,
    Path(CardPath { organizer, identifier, card_id }): Path<CardPath>,
    DeskJson(input): DeskJson<CardStatusInput>,
) -> Result<Json<Card>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| cards::block(app, &access, &identifier, card_id, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards/{card_id}/unblock", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path), ("card_id" = i64, Path)),
    responses((status = 200, body = Card, description = "Unblocks a blocked card"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unblock(
    State(app): State<App>,
    user: DeskUser,
    Path(CardPath { organizer, identifier, card_id }): Path<CardPath>,
) -> Result<Json<Card>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| cards::unblock(app, &access, &identifier, card_id)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards/{card_id}/lost", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path), ("card_id" = i64, Path)), request_body = CardStatusInput,
    responses((status = 200, body = Card, description = "Marks the card lost, for good"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn lost(
    State(app): State<App>,
    user: DeskUser,
    Path(CardPath { organizer, identifier, card_id }): Path<CardPath>,
    DeskJson(input): DeskJson<CardStatusInput>,
) -> Result<Json<Card>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| cards::mark_lost(app, &access, &identifier, card_id, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/cards/{card_id}/replace", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path), ("card_id" = i64, Path)), request_body = ReplaceInput,
    responses((status = 201, body = Card, description = "The new card; the old one stops"), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn replace(
    State(app): State<App>,
    user: DeskUser,
    Path(CardPath { organizer, identifier, card_id }): Path<CardPath>,
    DeskJson(input): DeskJson<ReplaceInput>,
) -> Result<(StatusCode, Json<Card>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let card = app.blocking(move |app| cards::replace(app, &access, &identifier, card_id, input)).await?;
    Ok((StatusCode::CREATED, Json(card)))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/cards/{serial}", tag = "desk",
    params(("organizer" = String, Path), ("serial" = String, Path, description = "As the reader typed it")),
    responses((status = 200, body = PosLookup), (status = 404, body = ErrorBody)))]
pub async fn scan(
    State(app): State<App>,
    user: DeskUser,
    Path(SerialPath { organizer, serial }): Path<SerialPath>,
) -> Result<Json<PosLookup>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| pos::by_card(app, &access, &serial)).await?))
}
