use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::memberships::{
    self, Membership, MembershipInput, MembershipStatus, MembershipType, MembershipTypeInput, MembershipUse,
    UseInput,
};

#[derive(Deserialize)]
pub struct TypePath {
    organizer: String,
    id: i64,
}

#[derive(Deserialize)]
pub struct CustomerPath {
    organizer: String,
    identifier: String,
}

#[derive(Deserialize)]
pub struct UsePath {
    organizer: String,
    id: i64,
    use_id: i64,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/membership-types", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = Vec<MembershipType>), (status = 403, body = ErrorBody)))]
pub async fn list_types(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<Vec<MembershipType>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::list_types(app, &access)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/membership-types", tag = "desk",
    params(("organizer" = String, Path)), request_body = MembershipTypeInput,
    responses((status = 201, body = MembershipType), (status = 400, body = ErrorBody)))]
pub async fn create_type(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    DeskJson(input): DeskJson<MembershipTypeInput>,
) -> Result<(StatusCode, Json<MembershipType>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let created =
        app.blocking(move |app| memberships::create_type(app, &access, input.into_change()?)).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/membership-types/{id}", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body = MembershipTypeInput,
    responses((status = 200, body = MembershipType), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update_type(
    State(app): State<App>,
    user: DeskUser,
    Path(TypePath { organizer, id }): Path<TypePath>,
    DeskJson(input): DeskJson<MembershipTypeInput>,
) -> Result<Json<MembershipType>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::update_type(app, &access, id, input.into_change()?)).await?))
}

#[utoipa::path(delete, path = "/api/desk/organizers/{organizer}/membership-types/{id}", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_type(
    State(app): State<App>,
    user: DeskUser,
    Path(TypePath { organizer, id }): Path<TypePath>,
) -> Result<StatusCode, DeskError> {
    let access = access(&app, user, organizer).await?;
    app.blocking(move |app| memberships::delete_type(app, &access, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/customers/{identifier}/memberships", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Vec<MembershipStatus>), (status = 404, body = ErrorBody)))]
pub async fn for_customer(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
) -> Result<Json<Vec<MembershipStatus>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::for_customer(app, &access, &identifier)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/customers/{identifier}/memberships", tag = "desk",
    params(("organizer" = String, Path), ("identifier" = String, Path)), request_body = MembershipInput,
    responses((status = 201, body = Membership), (status = 400, body = ErrorBody)))]
pub async fn sell(
    State(app): State<App>,
    user: DeskUser,
    Path(CustomerPath { organizer, identifier }): Path<CustomerPath>,
    DeskJson(input): DeskJson<MembershipInput>,
) -> Result<(StatusCode, Json<Membership>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let sold = app
        .blocking(move |app| memberships::create(app, &access, input.into_change(Some(identifier))))
        .await?;
    Ok((StatusCode::CREATED, Json(sold)))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/memberships/{id}", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body = MembershipInput,
    responses((status = 200, body = Membership), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    State(app): State<App>,
    user: DeskUser,
    Path(TypePath { organizer, id }): Path<TypePath>,
    DeskJson(input): DeskJson<MembershipInput>,
) -> Result<Json<Membership>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::update(app, &access, id, input.into_change(None))).await?))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/memberships/{id}/uses", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Vec<MembershipUse>), (status = 404, body = ErrorBody)))]
pub async fn list_uses(
    State(app): State<App>,
    user: DeskUser,
    Path(TypePath { organizer, id }): Path<TypePath>,
) -> Result<Json<Vec<MembershipUse>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::list_uses(app, &access, id)).await?))
}

/// Records a use now. A refusal is 409 with code `membership_refused` and the reason in the message.
#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/memberships/{id}/uses", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body = UseInput,
    responses((status = 201, body = MembershipUse), (status = 409, body = ErrorBody)))]
pub async fn record_use(
    State(app): State<App>,
    user: DeskUser,
    Path(TypePath { organizer, id }): Path<TypePath>,
    DeskJson(input): DeskJson<UseInput>,
) -> Result<(StatusCode, Json<MembershipUse>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let used =
        app.blocking(move |app| memberships::record_use_now(app, &access, id, input.reference)).await?;
    Ok((StatusCode::CREATED, Json(used)))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/memberships/{id}/uses/{use_id}/void", tag = "desk",
    params(("organizer" = String, Path), ("id" = i64, Path), ("use_id" = i64, Path)),
    responses((status = 200, body = MembershipUse), (status = 404, body = ErrorBody)))]
pub async fn void_use(
    State(app): State<App>,
    user: DeskUser,
    Path(UsePath { organizer, id, use_id }): Path<UsePath>,
) -> Result<Json<MembershipUse>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| memberships::void_use(app, &access, id, use_id)).await?))
}
