//! pretix Hosted's reseller API (`/api/v1/var/`), reached only with a user's OAuth token.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::input;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::error::{Error, FieldErrors};
use crate::http::auth::authenticate;
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;
use crate::pagination::PageRequest;
use crate::resellers::{self, CreatedOrganizer, ResellerAccount};

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PageParams {
    page: Option<String>,
    page_size: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/var/", tag = "pretix: resellers", security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, body = Paginated<ResellerAccount>), (status = 401), (status = 403, description = "Not a user's OAuth token")))]
pub async fn list(
    State(app): State<App>,
    headers: HeaderMap,
    uri: Uri,
    Query(p): Query<PageParams>,
) -> Response {
    let result = async {
        let principal = authenticate(&app, &headers).await?;
        let request = PageRequest::parse(p.page.as_deref(), p.page_size.as_deref())?;
        let all = app.blocking(move |app| resellers::list(app, &principal)).await?;
        request.slice(all)
    }
    .await;
    match result {
        Ok(page) => AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)).into_response(),
        Err(err) => fail(err),
    }
}

#[utoipa::path(get, path = "/api/v1/var/{id}/", tag = "pretix: resellers", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = ResellerAccount), (status = 401), (status = 404, description = "Unknown or no access")))]
pub async fn retrieve(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let Ok(id) = input::lookup_id(&id) else { return crate::http::error::not_found() };
    let result = async {
        let principal = authenticate(&app, &headers).await?;
        app.blocking(move |app| resellers::get(app, &principal, id)).await
    }
    .await;
    match result {
        Ok(account) => AsciiJson(StatusCode::OK, account).into_response(),
        Err(err) => fail(err),
    }
}

#[utoipa::path(post, path = "/api/v1/var/{id}/create_organizer/", tag = "pretix: resellers", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body(content = Object, description = "name, slug"),
    responses((status = 201, body = CreatedOrganizer), (status = 400, description = "Invalid or taken slug"), (status = 401), (status = 404)))]
pub async fn create_organizer(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: PretixBody,
) -> Response {
    let Ok(id) = input::lookup_id(&id) else { return crate::http::error::not_found() };
    let principal = match authenticate(&app, &headers).await {
        Ok(p) => p,
        Err(err) => return fail(err),
    };
    let body = match body.object() {
        Ok(b) => b,
        Err(response) => return response,
    };
    let mut errors = FieldErrors::new();
    let name = input::text(&body, "name", &mut errors);
    let slug = input::text(&body, "slug", &mut errors);
    if let Err(err) = errors.into_result() {
        return fail(err);
    }
    match app.blocking(move |app| resellers::create_organizer(app, &principal, id, name, slug)).await {
        Ok(created) => AsciiJson(StatusCode::CREATED, created).into_response(),
        Err(err) => fail(err),
    }
}
