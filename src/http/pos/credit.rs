use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{IdempotencyKey, Pos, PosError, PosJson, Problem};
use crate::app::App;
use crate::credit::{
    self, AdjustmentInput, Booking, CreditBalance, CreditEntry, CreditInput, EntryPage, UndoInput,
};

type Result<T> = std::result::Result<T, PosError>;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many entries to skip (newest first).
    #[serde(rename = "$skip")]
    skip: Option<i64>,
    /// How many entries to return (default 50, at most 500).
    #[serde(rename = "$take")]
    take: Option<i64>,
    /// Only entries booked with this reference.
    reference: Option<String>,
}

#[derive(Deserialize)]
pub struct EntryPath {
    id: String,
    entry_id: i64,
}

#[utoipa::path(get, path = "/customers/{id}/credit", tag = "pos: credit",
    params(("id" = String, Path, description = "The customer's id (pretix identifier)")),
    responses((status = 200, body = CreditBalance), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn balance(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
) -> Result<Json<CreditBalance>> {
    Ok(Json(app.blocking(move |app| credit::balance(app, &access, &id)).await?))
}

#[utoipa::path(get, path = "/customers/{id}/credit/entries", tag = "pos: credit",
    params(("id" = String, Path), PageParams),
    responses((status = 200, body = EntryPage, description = "Newest first"), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub async fn entries(
    State(app): State<App>,
    Pos(access): Pos,
    Path(id): Path<String>,
    Query(page): Query<PageParams>,
) -> Result<Json<EntryPage>> {
    let (skip, take) = (page.skip.unwrap_or(0), page.take.unwrap_or(50));
    let reference = page.reference;
    Ok(Json(
        app.blocking(move |app| credit::entries(app, &access, &id, reference.as_deref(), skip, take)).await?,
    ))
}

#[utoipa::path(get, path = "/customers/{id}/credit/entries/{entry_id}", tag = "pos: credit",
    params(("id" = String, Path), ("entry_id" = i64, Path)),
    responses((status = 200, body = CreditEntry), (status = 404, body = Problem)))]
pub async fn entry(
    State(app): State<App>,
    Pos(access): Pos,
    Path(EntryPath { id, entry_id }): Path<EntryPath>,
) -> Result<Json<CreditEntry>> {
    Ok(Json(app.blocking(move |app| credit::get_entry(app, &access, &id, entry_id)).await?))
}

#[utoipa::path(post, path = "/customers/{id}/credit/topup", tag = "pos: credit",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required; the same value when retrying")),
    request_body = CreditInput,
    responses((status = 201, body = Booking), (status = 400, body = Problem), (status = 422, body = Problem, description = "The key was used for another request")))]
pub async fn top_up(
    State(app): State<App>,
    Pos(access): Pos,
    _key: IdempotencyKey,
    Path(id): Path<String>,
    PosJson(input): PosJson<CreditInput>,
) -> Result<(StatusCode, Json<Booking>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| credit::top_up(app, &access, &id, input)).await?)))
}

#[utoipa::path(post, path = "/customers/{id}/credit/charge", tag = "pos: credit",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required; the same value when retrying")),
    request_body = CreditInput,
    responses((status = 201, body = Booking), (status = 400, body = Problem, description = "Also: not enough credit"), (status = 409, body = Problem, description = "The account is not active"), (status = 422, body = Problem)))]
pub async fn charge(
    State(app): State<App>,
    Pos(access): Pos,
    _key: IdempotencyKey,
    Path(id): Path<String>,
    PosJson(input): PosJson<CreditInput>,
) -> Result<(StatusCode, Json<Booking>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| credit::charge(app, &access, &id, input)).await?)))
}

#[utoipa::path(post, path = "/customers/{id}/credit/refund", tag = "pos: credit",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required; the same value when retrying")),
    request_body = UndoInput,
    responses((status = 201, body = Booking), (status = 400, body = Problem), (status = 409, body = Problem, description = "Refunded in full already"), (status = 422, body = Problem)))]
pub async fn refund(
    State(app): State<App>,
    Pos(access): Pos,
    _key: IdempotencyKey,
    Path(id): Path<String>,
    PosJson(input): PosJson<UndoInput>,
) -> Result<(StatusCode, Json<Booking>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| credit::refund(app, &access, &id, input)).await?)))
}

#[utoipa::path(post, path = "/customers/{id}/credit/reverse", tag = "pos: credit",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required; the same value when retrying")),
    request_body = UndoInput,
    responses((status = 201, body = Booking), (status = 400, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn reverse(
    State(app): State<App>,
    Pos(access): Pos,
    _key: IdempotencyKey,
    Path(id): Path<String>,
    PosJson(input): PosJson<UndoInput>,
) -> Result<(StatusCode, Json<Booking>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| credit::reverse(app, &access, &id, input)).await?)))
}

#[utoipa::path(post, path = "/customers/{id}/credit/adjust", tag = "pos: credit",
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required; the same value when retrying")),
    request_body = AdjustmentInput,
    responses((status = 201, body = Booking), (status = 400, body = Problem), (status = 403, body = Problem, description = "Needs customers and gift cards write; terminals cannot adjust"), (status = 422, body = Problem)))]
pub async fn adjust(
    State(app): State<App>,
    Pos(access): Pos,
    _key: IdempotencyKey,
    Path(id): Path<String>,
    PosJson(input): PosJson<AdjustmentInput>,
) -> Result<(StatusCode, Json<Booking>)> {
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| credit::adjust(app, &access, &id, input)).await?)))
}
