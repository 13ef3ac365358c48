//! The desk's screens for user-level access: OAuth applications the user registered, the access
//! they gave applications (revocable), and reseller accounts with their organizers.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::DeskUser;
use crate::ErrorBody;
use crate::app::App;
use crate::auth::Principal;
use crate::error::Error;
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::oauth::{self, NewOAuthApplication, OAuthApplication, OAuthGrant, RegisteredApplication};
use crate::resellers::{self, NewResellerAccount, ResellerAccount, ResellerOverview};

fn user_id(user: &DeskUser) -> Result<i64, DeskError> {
    match user.principal {
        Principal::User { user_id } => Ok(user_id),
        _ => Err(DeskError(Error::Forbidden)),
    }
}

type Reply<T> = Result<Json<T>, DeskError>;

#[utoipa::path(get, path = "/api/desk/oauth/applications", tag = "desk",
    responses((status = 200, body = Vec<OAuthApplication>)))]
pub async fn applications(State(app): State<App>, user: DeskUser) -> Reply<Vec<OAuthApplication>> {
    let id = user_id(&user)?;
    Ok(Json(app.blocking(move |app| oauth::applications(app, id)).await?))
}

#[utoipa::path(post, path = "/api/desk/oauth/applications", tag = "desk", request_body = NewOAuthApplication,
    responses((status = 200, body = RegisteredApplication, description = "The secret is shown this once"), (status = 400, body = ErrorBody)))]
pub async fn register(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<NewOAuthApplication>,
) -> Reply<RegisteredApplication> {
    let id = user_id(&user)?;
    Ok(Json(app.blocking(move |app| oauth::register(app, id, input)).await?))
}

#[utoipa::path(delete, path = "/api/desk/oauth/applications/{id}", tag = "desk", params(("id" = i64, Path)),
    responses((status = 204, description = "Retired; its tokens stop working"), (status = 404, body = ErrorBody)))]
pub async fn deactivate(
    State(app): State<App>,
    user: DeskUser,
    Path(app_id): Path<i64>,
) -> Result<StatusCode, DeskError> {
    let id = user_id(&user)?;
    app.blocking(move |app| oauth::deactivate(app, id, app_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/desk/oauth/grants", tag = "desk", responses((status = 200, body = Vec<OAuthGrant>)))]
pub async fn grants(State(app): State<App>, user: DeskUser) -> Reply<Vec<OAuthGrant>> {
    let id = user_id(&user)?;
    Ok(Json(app.blocking(move |app| oauth::grants(app, id)).await?))
}

#[utoipa::path(delete, path = "/api/desk/oauth/grants/{id}", tag = "desk", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_grant(
    State(app): State<App>,
    user: DeskUser,
    Path(grant): Path<i64>,
) -> Result<StatusCode, DeskError> {
    let id = user_id(&user)?;
    app.blocking(move |app| oauth::revoke_grant(app, id, grant)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/desk/resellers", tag = "desk", responses((status = 200, body = Vec<ResellerOverview>)))]
pub async fn resellers_list(State(app): State<App>, user: DeskUser) -> Reply<Vec<ResellerOverview>> {
    let id = user_id(&user)?;
    Ok(Json(app.blocking(move |app| resellers::overview(app, id)).await?))
}

#[utoipa::path(post, path = "/api/desk/resellers", tag = "desk", request_body = NewResellerAccount,
    responses((status = 200, body = ResellerAccount), (status = 403, body = ErrorBody, description = "Installation administrators only")))]
pub async fn resellers_create(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<NewResellerAccount>,
) -> Reply<ResellerAccount> {
    let id = user_id(&user)?;
    Ok(Json(app.blocking(move |app| resellers::create_account(app, id, input)).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemberInput {
    pub email: String,
}

#[utoipa::path(post, path = "/api/desk/resellers/{id}/members", tag = "desk", params(("id" = i64, Path)), request_body = MemberInput,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn resellers_add_member(
    State(app): State<App>,
    user: DeskUser,
    Path(account): Path<i64>,
    DeskJson(input): DeskJson<MemberInput>,
) -> Result<StatusCode, DeskError> {
    let id = user_id(&user)?;
    app.blocking(move |app| resellers::add_member(app, id, account, &input.email)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrganizerInput {
    pub organizer: String,
}

#[utoipa::path(post, path = "/api/desk/resellers/{id}/organizers", tag = "desk", params(("id" = i64, Path)), request_body = OrganizerInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn resellers_link(
    State(app): State<App>,
    user: DeskUser,
    Path(account): Path<i64>,
    DeskJson(input): DeskJson<OrganizerInput>,
) -> Result<StatusCode, DeskError> {
    let id = user_id(&user)?;
    app.blocking(move |app| resellers::link_organizer(app, id, account, &input.organizer)).await?;
    Ok(StatusCode::NO_CONTENT)
}
