use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{Pos, PosError, PosJson, Problem};
use crate::app::App;
use crate::cards::{self, Card, CardInput, CardStatusInput, ReplaceInput};

type Result<T> = std::result::Result<T, PosError>;

#[derive(Deserialize)]
pub struct CardPath {
    id: String,
    card_id: i64,
}

#[utoipa::path(get, path = "/customers/{id}/cards", tag = "pos: cards",
    params(("id" = String, Path)), responses((status = 200, body = Vec<Card>), (status = 404, body = Problem)))]
pub async fn list(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
) -> Result<Json<Vec<Card>>> {
    Ok(Json(app.blocking(move |app| cards::for_customer(app, &access, &id)).await?))
}

#[utoipa::path(post, path = "/customers/{id}/cards", tag = "pos: cards",
    params(("id" = String, Path)), request_body = CardInput,
    responses((status = 201, body = Card), (status = 400, body = Problem, description = "Also: the serial number is taken")))]
pub async fn issue(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
    PosJson(input): PosJson<CardInput>,
) -> Result<(StatusCode, Json<Card>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| cards::issue(app, &access, &id, input)).await?)))
}

#[utoipa::path(post, path = "/customers/{id}/cards/{card_id}/block", tag = "pos: cards",
    params(("id" = String, Path), ("card_id" = i64, Path)), request_body = CardStatusInput,
    responses((status = 200, body = Card), (status = 409, body = Problem, description = "Not active")))]
pub async fn block(
    State(app): State<App>,
    Pos(access): Pos,
    Path(CardPath { id, card_id }): Path<CardPath>,
    PosJson(input): PosJson<CardStatusInput>,
) -> Result<Json<Card>> {
    Ok(Json(app.blocking(move |app| cards::block(app, &access, &id, card_id, input)).await?))
}

#[utoipa::path(post, path = "/customers/{id}/cards/{card_id}/unblock", tag = "pos: cards",
    params(("id" = String, Path), ("card_id" = i64, Path)),
    responses((status = 200, body = Card), (status = 409, body = Problem, description = "Not blocked")))]
pub async fn unblock(
    State(app): State<App>,
    Pos(access): Pos,
    Path(CardPath { id, card_id }): Path<CardPath>,
) -> Result<Json<Card>> {
    Ok(Json(app.blocking(move |app| cards::unblock(app, &access, &id, card_id)).await?))
}

#[utoipa::path(post, path = "/customers/{id}/cards/{card_id}/lost", tag = "pos: cards",
    params(("id" = String, Path), ("card_id" = i64, Path)), request_body = CardStatusInput,
    responses((status = 200, body = Card), (status = 409, body = Problem)))]
pub async fn lost(
    State(app): State<App>,
    Pos(access): Pos,
    Path(CardPath { id, card_id }): Path<CardPath>,
    PosJson(input): PosJson<CardStatusInput>,
) -> Result<Json<Card>> {
    Ok(Json(app.blocking(move |app| cards::mark_lost(app, &access, &id, card_id, input)).await?))
}

#[utoipa::path(post, path = "/customers/{id}/cards/{card_id}/replace", tag = "pos: cards",
    params(("id" = String, Path), ("card_id" = i64, Path)), request_body = ReplaceInput,
    responses((status = 201, body = Card, description = "The new card"), (status = 400, body = Problem), (status = 409, body = Problem)))]
pub async fn replace(
    State(app): State<App>,
    Pos(access): Pos,
    Path(CardPath { id, card_id }): Path<CardPath>,
    PosJson(input): PosJson<ReplaceInput>,
) -> Result<(StatusCode, Json<Card>)> {
    Ok((
        StatusCode::CREATED,
        Json(app.blocking(move |app| cards::replace(app, &access, &id, card_id, input)).await?),
    ))
}
