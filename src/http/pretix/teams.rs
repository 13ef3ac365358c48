//! `/api/v1/organizers/{organizer}/teams/` with members and API tokens, as pretix serves them.
//! Every route needs `organizer.teams:write`, even to read. Invitations for addresses without a
//! staff account wait until one is created (no email is sent yet).

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::input;
use super::memberships::PageParams;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::Access;
use crate::error::{Error, FieldErrors};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;
use crate::teams::{self, ApiToken, LEGACY_FLAGS, TeamChange, TeamInvite, TeamMember, TeamResource};

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

#[derive(Deserialize)]
pub struct TeamPath {
    #[allow(dead_code)]
    organizer: String,
    team: String,
}

#[derive(Deserialize)]
pub struct ItemPath {
    #[allow(dead_code)]
    organizer: String,
    team: String,
    item: String,
}

fn ids(team: &str, item: Option<&str>) -> Result<(i64, i64)> {
    let team = input::lookup_id(team)?;
    let item = match item {
        Some(raw) => input::lookup_id(raw)?,
        None => 0,
    };
    Ok((team, item))
}

fn string_list(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<Vec<String>> {
    match body.get(field)? {
        Value::Array(items) => {
            items.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>().or_else(|| {
                errors.add(field, "Not a valid string.");
                None
            })
        }
        other => {
            let kind = match other {
                Value::Null => "NoneType",
                Value::Bool(_) => "bool",
                Value::Number(_) => "int",
                Value::Object(_) => "dict",
                _ => "str",
            };
            errors.add(field, format!("Expected a list of items but got type \"{kind}\"."));
            None
        }
    }
}

fn change_from(body: &Map<String, Value>) -> std::result::Result<TeamChange, Error> {
    let mut errors = FieldErrors::new();
    let mut legacy = Vec::new();
    for (flag, _) in LEGACY_FLAGS {
        if let Some(on) = input::boolean(body, flag, &mut errors) {
            legacy.push((flag.to_string(), on));
        }
    }
    let change = TeamChange {
        name: input::text(body, "name", &mut errors),
        require_2fa: input::boolean(body, "require_2fa", &mut errors),
        all_events: input::boolean(body, "all_events", &mut errors),
        limit_events: string_list(body, "limit_events", &mut errors),
        all_event_permissions: input::boolean(body, "all_event_permissions", &mut errors),
        limit_event_permissions: string_list(body, "limit_event_permissions", &mut errors),
        all_organizer_permissions: input::boolean(body, "all_organizer_permissions", &mut errors),
        limit_organizer_permissions: string_list(body, "limit_organizer_permissions", &mut errors),
        legacy,
    };
    errors.into_result()?;
    Ok(change)
}

fn page_of<T>(all: Vec<T>, params: &PageParams, headers: &HeaderMap, uri: &Uri) -> Result<Paginated<T>> {
    Ok(paginated(params.request()?.slice(all).map_err(fail)?, headers, uri))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/", tag = "pretix: teams",
    params(("organizer" = String, Path), PageParams), responses((status = 200, body = Paginated<TeamResource>), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<TeamResource>>> {
    let all = app.blocking(move |app| teams::list(app, &access)).await.map_err(fail)?;
    let all = all.iter().map(TeamResource::from).collect();
    Ok(AsciiJson(StatusCode::OK, page_of(all, &params, &headers, &uri)?))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/teams/", tag = "pretix: teams",
    params(("organizer" = String, Path)), request_body(content = Object, description = "name and limit_events (required), permissions"),
    responses((status = 201, body = TeamResource), (status = 400), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let change = change_from(&body.object()?).map_err(fail)?;
    let team = app.blocking(move |app| teams::create(app, &access, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, TeamResource::from(&team)).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), responses((status = 200, body = TeamResource), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
) -> Result<AsciiJson<TeamResource>> {
    let (id, _) = ids(&path.team, None)?;
    let team = app.blocking(move |app| teams::get(app, &access, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, TeamResource::from(&team)))
}

async fn change(
    app: App,
    access: Access,
    path: TeamPath,
    body: PretixBody,
    method: Method,
) -> Result<AsciiJson<TeamResource>> {
    let (id, _) = ids(&path.team, None)?;
    let lookup = access.clone();
    app.blocking(move |app| teams::get(app, &lookup, id)).await.map_err(fail)?;
    let body = body.object()?;
    let change = change_from(&body).map_err(fail)?;
    if method == Method::PUT && change.name.is_none() {
        return Err(fail(Error::validation("name", "This field is required.")));
    }
    let team = app.blocking(move |app| teams::update(app, &access, id, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, TeamResource::from(&team)))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/teams/{team}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = TeamResource), (status = 400), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    body: PretixBody,
) -> Result<AsciiJson<TeamResource>> {
    change(app, access, path, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/teams/{team}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = TeamResource), (status = 400), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    body: PretixBody,
) -> Result<AsciiJson<TeamResource>> {
    change(app, access, path, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/teams/{team}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), responses((status = 204), (status = 404)))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
) -> Result<StatusCode> {
    let (id, _) = ids(&path.team, None)?;
    app.blocking(move |app| teams::delete(app, &access, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/tokens/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), PageParams), responses((status = 200, body = Paginated<ApiToken>), (status = 404)))]
pub async fn list_tokens(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<ApiToken>>> {
    let (id, _) = ids(&path.team, None)?;
    let all = app.blocking(move |app| teams::tokens(app, &access, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, page_of(all, &params, &headers, &uri)?))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/teams/{team}/tokens/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), request_body(content = Object, description = "name"),
    responses((status = 201, body = ApiToken, description = "With the token, shown this once"), (status = 400), (status = 404)))]
pub async fn create_token(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    body: PretixBody,
) -> Result<Response> {
    let (id, _) = ids(&path.team, None)?;
    let body = body.object()?;
    let mut errors = FieldErrors::new();
    let name = input::text(&body, "name", &mut errors);
    errors.into_result().map_err(fail)?;
    let token = app.blocking(move |app| teams::create_token(app, &access, id, name)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, token).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/tokens/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)), responses((status = 200, body = ApiToken), (status = 404)))]
pub async fn retrieve_token(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<AsciiJson<ApiToken>> {
    let (id, token_id) = ids(&path.team, Some(&path.item))?;
    let all = app.blocking(move |app| teams::tokens(app, &access, id)).await.map_err(fail)?;
    let token = all
        .into_iter()
        .find(|t| t.id == token_id)
        .ok_or_else(|| fail(Error::NotFound { entity: "TeamAPIToken" }))?;
    Ok(AsciiJson(StatusCode::OK, token))
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/teams/{team}/tokens/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)),
    responses((status = 200, body = ApiToken, description = "Deactivated for good"), (status = 404)))]
pub async fn destroy_token(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<AsciiJson<ApiToken>> {
    let (id, token_id) = ids(&path.team, Some(&path.item))?;
    let token =
        app.blocking(move |app| teams::deactivate_token(app, &access, id, token_id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, token))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/members/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), PageParams), responses((status = 200, body = Paginated<TeamMember>), (status = 404)))]
pub async fn list_members(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<TeamMember>>> {
    let (id, _) = ids(&path.team, None)?;
    let all = app.blocking(move |app| teams::members(app, &access, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, page_of(all, &params, &headers, &uri)?))
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/members/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)), responses((status = 200, body = TeamMember), (status = 404)))]
pub async fn retrieve_member(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<AsciiJson<TeamMember>> {
    let (id, user_id) = ids(&path.team, Some(&path.item))?;
    let all = app.blocking(move |app| teams::members(app, &access, id)).await.map_err(fail)?;
    let member =
        all.into_iter().find(|m| m.id == user_id).ok_or_else(|| fail(Error::NotFound { entity: "User" }))?;
    Ok(AsciiJson(StatusCode::OK, member))
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/teams/{team}/members/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)), responses((status = 204), (status = 404)))]
pub async fn remove_member(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<StatusCode> {
    let (id, user_id) = ids(&path.team, Some(&path.item))?;
    app.blocking(move |app| teams::remove_member(app, &access, id, user_id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

/// pretix answers a refused invitation with a bare list body: `["This user already …"]`.
fn fail_invite(err: Error) -> Response {
    match err {
        Error::Refused(message) => AsciiJson(StatusCode::BAD_REQUEST, vec![message]).into_response(),
        other => fail(other),
    }
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/invites/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), PageParams), responses((status = 200, body = Paginated<TeamInvite>), (status = 404)))]
pub async fn list_invites(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<TeamInvite>>> {
    let (id, _) = ids(&path.team, None)?;
    let all = app.blocking(move |app| teams::invites(app, &access, id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, page_of(all, &params, &headers, &uri)?))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/teams/{team}/invites/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path)), request_body(content = Object, description = "email"),
    responses((status = 201, body = TeamInvite, description = "`id` is null when an existing user was added at once"), (status = 400), (status = 404)))]
pub async fn create_invite(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<TeamPath>,
    body: PretixBody,
) -> Result<Response> {
    let (id, _) = ids(&path.team, None)?;
    let lookup = access.clone();
    app.blocking(move |app| teams::get(app, &lookup, id)).await.map_err(fail)?;
    let body = body.object()?;
    let mut errors = FieldErrors::new();
    let email = input::text(&body, "email", &mut errors);
    errors.into_result().map_err(fail)?;
    let invite =
        app.blocking(move |app| teams::invite(app, &access, id, email)).await.map_err(fail_invite)?;
    Ok(AsciiJson(StatusCode::CREATED, invite).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/teams/{team}/invites/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)), responses((status = 200, body = TeamInvite), (status = 404)))]
pub async fn retrieve_invite(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<AsciiJson<TeamInvite>> {
    let (id, invite_id) = ids(&path.team, Some(&path.item))?;
    let all = app.blocking(move |app| teams::invites(app, &access, id)).await.map_err(fail)?;
    let invite = all
        .into_iter()
        .find(|i| i.id == Some(invite_id))
        .ok_or_else(|| fail(Error::NotFound { entity: "TeamInvite" }))?;
    Ok(AsciiJson(StatusCode::OK, invite))
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/teams/{team}/invites/{item}/", tag = "pretix: teams",
    params(("organizer" = String, Path), ("team" = i64, Path), ("item" = i64, Path)), responses((status = 204), (status = 404)))]
pub async fn destroy_invite(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<ItemPath>,
) -> Result<StatusCode> {
    let (id, invite_id) = ids(&path.team, Some(&path.item))?;
    app.blocking(move |app| teams::delete_invite(app, &access, id, invite_id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}
