//! `…/membershiptypes/` and `…/memberships/` as pretix 2026 serves them, plus Tessera's own
//! `…/memberships/{id}/uses/` for recording uses at the door or the till.

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::input;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::Access;
use crate::error::{Error, FieldErrors};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;
use crate::memberships::{
    self, Membership, MembershipChange, MembershipFilter, MembershipType, MembershipTypeChange,
    MembershipUse, UseMembership,
};
use crate::pagination::PageRequest;
use crate::types::I18nText;

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

/// Path parameters of a detail route. A lookup that is not a number is pretix's bare 404.
#[derive(Deserialize)]
pub struct DetailPath {
    #[allow(dead_code)]
    organizer: String,
    id: String,
}

impl DetailPath {
    fn id(&self) -> Result<i64> {
        input::lookup_id(&self.id)
    }
}

#[derive(Deserialize)]
pub struct UsePath {
    #[allow(dead_code)]
    organizer: String,
    id: String,
    use_id: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PageParams {
    /// 1-based page number, or `last`.
    page: Option<String>,
    /// Items per page, at most 50.
    page_size: Option<String>,
}

impl PageParams {
    pub(crate) fn request(&self) -> Result<PageRequest> {
        PageRequest::parse(self.page.as_deref(), self.page_size.as_deref()).map_err(fail)
    }
}

// --- membership types ----------------------------------------------------------------------

fn type_change(body: &Map<String, Value>) -> std::result::Result<MembershipTypeChange, Error> {
    let mut errors = FieldErrors::new();
    let name = match body.get("name") {
        None => None,
        Some(Value::Null) => {
            errors.add("name", "This field may not be null.");
            None
        }
        Some(value) => errors.check("name", I18nText::parse(value)),
    };
    let change = MembershipTypeChange {
        name,
        transferable: input::boolean(body, "transferable", &mut errors),
        allow_parallel_usage: input::boolean(body, "allow_parallel_usage", &mut errors),
        max_usages: input::nullable_integer(body, "max_usages", &mut errors),
    };
    errors.into_result()?;
    Ok(change)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/membershiptypes/", tag = "pretix: membership types",
    params(("organizer" = String, Path), PageParams),
    responses((status = 200, body = Paginated<MembershipType>), (status = 401), (status = 403)))]
pub async fn list_types(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<MembershipType>>> {
    let request = params.request()?;
    let all = app.blocking(move |app| memberships::list_types(app, &access)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/membershiptypes/", tag = "pretix: membership types",
    params(("organizer" = String, Path)), request_body(content = Object, description = "name (required), transferable, allow_parallel_usage, max_usages"),
    responses((status = 201, body = MembershipType), (status = 400), (status = 401), (status = 403)))]
pub async fn create_type(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let change = type_change(&body.object()?).map_err(fail)?;
    let created =
        app.blocking(move |app| memberships::create_type(app, &access, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, created).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/membershiptypes/{id}/", tag = "pretix: membership types",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = MembershipType), (status = 404)))]
pub async fn retrieve_type(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
) -> Result<AsciiJson<MembershipType>> {
    let id = path.id()?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| memberships::get_type(app, &access, id)).await.map_err(fail)?,
    ))
}

async fn change_type(
    app: App,
    access: Access,
    path: DetailPath,
    body: PretixBody,
    method: Method,
) -> Result<AsciiJson<MembershipType>> {
    let id = path.id()?;
    let lookup = access.clone();
    app.blocking(move |app| memberships::get_type(app, &lookup, id)).await.map_err(fail)?;
    let body = body.object()?;
    let change = type_change(&body).map_err(fail)?;
    if method == Method::PUT && change.name.is_none() {
        return Err(fail(Error::validation("name", "This field is required.")));
    }
    let updated =
        app.blocking(move |app| memberships::update_type(app, &access, id, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, updated))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/membershiptypes/{id}/", tag = "pretix: membership types",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = MembershipType), (status = 400), (status = 404)))]
pub async fn update_type(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
    body: PretixBody,
) -> Result<AsciiJson<MembershipType>> {
    change_type(app, access, path, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/membershiptypes/{id}/", tag = "pretix: membership types",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = MembershipType), (status = 400), (status = 404)))]
pub async fn partial_update_type(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
    body: PretixBody,
) -> Result<AsciiJson<MembershipType>> {
    change_type(app, access, path, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/membershiptypes/{id}/", tag = "pretix: membership types",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 403, description = "Can only be deleted if unused."), (status = 404)))]
pub async fn destroy_type(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
) -> Result<StatusCode> {
    let id = path.id()?;
    app.blocking(move |app| memberships::delete_type(app, &access, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

// --- memberships ---------------------------------------------------------------------------

fn membership_change(body: &Map<String, Value>) -> std::result::Result<MembershipChange, Error> {
    let mut errors = FieldErrors::new();
    let change = MembershipChange {
        customer: input::text(body, "customer", &mut errors),
        membership_type: input::pk(body, "membership_type", &mut errors),
        testmode: input::boolean(body, "testmode", &mut errors),
        date_start: input::datetime(body, "date_start", &mut errors),
        date_end: input::datetime(body, "date_end", &mut errors),
        attendee_name_parts: input::nullable_name_parts(body, "attendee_name_parts", &mut errors),
    };
    errors.into_result()?;
    Ok(change)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MembershipParams {
    /// A customer identifier (ignoring case).
    customer: Option<String>,
    /// A membership type id.
    membership_type: Option<String>,
    /// `true` or `false`; other values are ignored.
    testmode: Option<String>,
    page: Option<String>,
    page_size: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/memberships/", tag = "pretix: memberships",
    params(("organizer" = String, Path), MembershipParams),
    responses((status = 200, body = Paginated<Membership>), (status = 400), (status = 401), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(params): Query<MembershipParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<Membership>>> {
    let request = PageRequest::parse(params.page.as_deref(), params.page_size.as_deref()).map_err(fail)?;
    let membership_type = match params.membership_type.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i64>().map_err(|_| {
            fail(Error::validation(
                "membership_type",
                "Select a valid choice. That choice is not one of the available choices.",
            ))
        })?),
    };
    let testmode = match params.testmode.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("true" | "1") => Some(true),
        Some("false" | "0") => Some(false),
        _ => None,
    };
    let filter = MembershipFilter { customer: params.customer, membership_type, testmode };
    let page =
        app.blocking(move |app| memberships::list(app, &access, &filter, request)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/memberships/", tag = "pretix: memberships",
    params(("organizer" = String, Path)),
    request_body(content = Object, description = "customer, membership_type, date_start, date_end (required), testmode, attendee_name_parts"),
    responses((status = 201, body = Membership), (status = 400), (status = 401), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let change = membership_change(&body.object()?).map_err(fail)?;
    let created = app.blocking(move |app| memberships::create(app, &access, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, created).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/memberships/{id}/", tag = "pretix: memberships",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Membership), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
) -> Result<AsciiJson<Membership>> {
    let id = path.id()?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| memberships::get(app, &access, id)).await.map_err(fail)?,
    ))
}

/// PUT requires what a create requires; `customer` and `testmode` are then ignored, as in pretix.
async fn change(
    app: App,
    access: Access,
    path: DetailPath,
    body: PretixBody,
    method: Method,
) -> Result<AsciiJson<Membership>> {
    let id = path.id()?;
    let lookup = access.clone();
    app.blocking(move |app| memberships::get(app, &lookup, id).map(|_| ())).await.map_err(fail)?;
    let body = body.object()?;
    let change = membership_change(&body).map_err(fail)?;
    if method == Method::PUT {
        let mut errors = FieldErrors::new();
        for field in ["customer", "membership_type", "date_start", "date_end"] {
            if !body.contains_key(field) {
                errors.add(field, "This field is required.");
            }
        }
        errors.into_result().map_err(fail)?;
    }
    let updated =
        app.blocking(move |app| memberships::update(app, &access, id, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, updated))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/memberships/{id}/", tag = "pretix: memberships",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Membership), (status = 400), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
    body: PretixBody,
) -> Result<AsciiJson<Membership>> {
    change(app, access, path, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/memberships/{id}/", tag = "pretix: memberships",
    params(("organizer" = String, Path), ("id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Membership), (status = 400), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
    body: PretixBody,
) -> Result<AsciiJson<Membership>> {
    change(app, access, path, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/memberships/{id}/", tag = "pretix: memberships",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 404), (status = 405, description = "Memberships cannot be deleted; change the dates instead.")))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
) -> Result<StatusCode> {
    let id = path.id()?;
    app.blocking(move |app| memberships::delete(app, &access, id)).await.map_err(fail)?;
    Ok(StatusCode::NO_CONTENT)
}

// --- uses (Tessera's own) ------------------------------------------------------------------

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/memberships/{id}/uses/", tag = "tessera: membership uses",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Vec<MembershipUse>), (status = 404)))]
pub async fn list_uses(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
) -> Result<AsciiJson<Vec<MembershipUse>>> {
    let id = path.id()?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| memberships::list_uses(app, &access, id)).await.map_err(fail)?,
    ))
}

/// Records one use. Body: `used_at` (default now), `reference` (what for), `testmode`.
/// 409 with `{"detail", "reason"}` when refused: `not_yet_valid`, `expired`, `used_up`,
/// `used_in_parallel`, `testmode_mismatch`.
#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/memberships/{id}/uses/", tag = "tessera: membership uses",
    params(("organizer" = String, Path), ("id" = i64, Path)),
    request_body(content = Object, description = "used_at (datetime, default now), reference (text), testmode (bool)"),
    responses((status = 201, body = MembershipUse), (status = 400), (status = 404), (status = 409, description = "Refused, with a reason")))]
pub async fn record_use(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DetailPath>,
    body: PretixBody,
) -> Result<Response> {
    let id = path.id()?;
    let body = body.object()?;
    let mut errors = FieldErrors::new();
    let input = UseMembership {
        at: input::datetime(&body, "used_at", &mut errors),
        reference: input::text(&body, "reference", &mut errors).unwrap_or_default(),
        testmode: input::boolean(&body, "testmode", &mut errors).unwrap_or(false),
    };
    errors.into_result().map_err(fail)?;
    let used =
        app.blocking(move |app| memberships::record_use(app, &access, id, input)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, used).into_response())
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/memberships/{id}/uses/{use_id}/void/", tag = "tessera: membership uses",
    params(("organizer" = String, Path), ("id" = i64, Path), ("use_id" = i64, Path)),
    responses((status = 200, body = MembershipUse), (status = 404)))]
pub async fn void_use(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<UsePath>,
) -> Result<AsciiJson<MembershipUse>> {
    let id = input::lookup_id(&path.id)?;
    let use_id = input::lookup_id(&path.use_id)?;
    let voided =
        app.blocking(move |app| memberships::void_use(app, &access, id, use_id)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, voided))
}
