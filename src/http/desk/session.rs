use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{DeskUser, SESSION_COOKIE};
use crate::ErrorBody;
use crate::app::App;
use crate::auth::{self, LoginInput, Principal, Session};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;
use crate::setup::{self, SetupInput, SetupStatus};

const SESSION_MAX_AGE: u32 = 12 * 60 * 60;

fn with_cookie(session: Session, token: &str) -> Response {
    let cookie =
        format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={SESSION_MAX_AGE}");
    let mut response = Json(session).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[utoipa::path(get, path = "/api/desk/setup", tag = "desk",
    responses((status = 200, body = SetupStatus)))]
pub async fn setup_status(State(app): State<App>) -> Result<Json<SetupStatus>, DeskError> {
    Ok(Json(app.blocking(setup::status).await?))
}

/// First start: creates the first organizer and staff user, and logs them in.
#[utoipa::path(post, path = "/api/desk/setup", tag = "desk", request_body = SetupInput,
    responses((status = 200, body = Session), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn setup(
    State(app): State<App>,
    DeskJson(input): DeskJson<SetupInput>,
) -> Result<Response, DeskError> {
    let (email, password) = (input.email.clone(), input.password.clone());
    let opened = app
        .blocking(move |app| {
            setup::complete(app, input)?;
            auth::open_session(app, &email, &password)
        })
        .await?;
    Ok(with_cookie(opened.session, &opened.token))
}

#[utoipa::path(post, path = "/api/desk/login", tag = "desk", request_body = LoginInput,
    responses((status = 200, body = Session), (status = 401, body = ErrorBody)))]
pub async fn login(
    State(app): State<App>,
    DeskJson(input): DeskJson<LoginInput>,
) -> Result<Response, DeskError> {
    let opened = app.blocking(move |app| auth::open_session(app, &input.email, &input.password)).await?;
    Ok(with_cookie(opened.session, &opened.token))
}

#[utoipa::path(post, path = "/api/desk/logout", tag = "desk", responses((status = 204)))]
pub async fn logout(State(app): State<App>, user: DeskUser) -> Result<Response, DeskError> {
    let token = user.token;
    app.blocking(move |app| auth::close_session(app, &token)).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    super::expire_session_cookie(&mut response);
    Ok(response)
}

#[utoipa::path(get, path = "/api/desk/session", tag = "desk",
    responses((status = 200, body = Session), (status = 401, body = ErrorBody)))]
pub async fn current(State(app): State<App>, user: DeskUser) -> Result<Json<Session>, DeskError> {
    let Principal::User { user_id } = user.principal else {
        return Err(DeskError(crate::Error::Forbidden));
    };
    Ok(Json(app.blocking(move |app| auth::session_for(app, user_id)).await?))
}

#[utoipa::path(put, path = "/api/desk/session/locale", tag = "desk", request_body = auth::LocaleInput,
    responses((status = 200, body = Session, description = "The window's language, kept on the user"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn set_locale(
    State(app): State<App>,
    user: DeskUser,
    DeskJson(input): DeskJson<auth::LocaleInput>,
) -> Result<Json<Session>, DeskError> {
    let principal = user.principal;
    Ok(Json(app.blocking(move |app| auth::set_locale(app, &principal, &input.locale)).await?))
}
