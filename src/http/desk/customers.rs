use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::customers::{self, Customer, CustomerInput, CustomerPage, CustomerQuery, NewCustomer};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;

#[derive(serde::Deserialize)]
pub struct CustomerPath {
    organizer: String,
    identifier: String,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers", tag = "desk",
    params(("organizer" = String, Path), CustomerQuery),
    responses((status = 200, body = CustomerPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn search(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    Query(query): Query<CustomerQuery>,
) -> Result<Json<CustomerPage>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| customers::search(app, &access, &query)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers", tag = "desk",
    params(("organizer" = String, Path)), request_body = CustomerInput,
    responses((status = 201, body = Customer), (status = 400, body = ErrorBody)))]
pub async fn create(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<CustomerInput>,
) -> Result<(StatusCode, Json<Customer>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let new = NewCustomer { fields: input.into(), ..NewCustomer::default() };
    let customer = app.blocking(move |app| customers::create(app, &access, new)).await?;
    Ok((StatusCode::CREATED, Json(customer)))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers/{identifier}", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Customer), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
) -> Result<Json<Customer>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| customers::get(app, &access, &identifier)).await?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/customers/{identifier}", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = CustomerInput,
    responses((status = 200, body = Customer), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<CustomerInput>,
) -> Result<Json<Customer>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| customers::update(app, &access, &identifier, input.into())).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/anonymize", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Customer), (status = 404, body = ErrorBody)))]
pub async fn anonymize(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
) -> Result<Json<Customer>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| customers::anonymize(app, &access, &identifier)).await?))
}
