//! `/api/v1/organizers/{organizer}/customers/` as pretix 2026 serves it.

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::input;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::Access;
use crate::customers::{self, Customer, CustomerFilter, CustomerPatch, NewCustomer};
use crate::error::{Error, FieldErrors};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    PretixError(err).into_response()
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// Only customers with this email address (case-insensitive).
    pub email: Option<String>,
    /// 1-based page number, or `last`.
    pub page: Option<String>,
    /// Items per page, at most 50.
    pub page_size: Option<String>,
}

#[derive(Deserialize)]
pub struct CustomerPath {
    #[allow(dead_code)]
    organizer: String,
    identifier: String,
}

/// The fields of a customer body, typed as DRF types them.
fn patch_from(body: &Map<String, Value>) -> std::result::Result<CustomerPatch, Error> {
    let mut errors = FieldErrors::new();
    let patch = CustomerPatch {
        external_identifier: input::nullable_text(body, "external_identifier", &mut errors),
        email: input::nullable_text(body, "email", &mut errors),
        phone: input::nullable_text(body, "phone", &mut errors),
        name_parts: input::name_parts(body, "name_parts", &mut errors),
        is_active: input::boolean(body, "is_active", &mut errors),
        is_verified: input::boolean(body, "is_verified", &mut errors),
        locale: input::text(body, "locale", &mut errors),
        notes: input::nullable_text(body, "notes", &mut errors),
    };
    errors.into_result()?;
    Ok(patch)
}

/// The create response carries `send_email: false`, whatever was sent (a pretix quirk kept for
/// byte-compatibility).
#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedCustomer {
    #[serde(flatten)]
    customer: Customer,
    send_email: bool,
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/customers/", tag = "pretix: customers",
    params(("organizer" = String, Path), ListParams),
    responses((status = 200, body = Paginated<Customer>), (status = 401), (status = 403), (status = 404, description = "Invalid page.")))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(params): Query<ListParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<Customer>>> {
    let page = params.page_request().map_err(fail)?;
    let filter = CustomerFilter { email: params.email };
    let page = app.blocking(move |app| customers::list(app, &access, &filter, page)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(page, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/customers/", tag = "pretix: customers",
    params(("organizer" = String, Path)),
    request_body(content = Object, description = "Customer fields, plus create-only `password` and `send_email`"),
    responses((status = 201, body = CreatedCustomer), (status = 400), (status = 401), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let body = body.object()?;
    let mut errors = FieldErrors::new();
    let password = input::nullable_text(&body, "password", &mut errors).flatten();
    let send_email = input::nullable_boolean(&body, "send_email", &mut errors).unwrap_or(false);
    let fields = patch_from(&body);
    errors.into_result().map_err(fail)?;
    let input = NewCustomer { fields: fields.map_err(fail)?, password, send_email };
    let customer = app.blocking(move |app| customers::create(app, &access, input)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, CreatedCustomer { customer, send_email: false }).into_response())
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/customers/{identifier}/", tag = "pretix: customers",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Customer), (status = 401), (status = 403), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<CustomerPath>,
) -> Result<AsciiJson<Customer>> {
    let customer =
        app.blocking(move |app| customers::get(app, &access, &path.identifier)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, customer))
}

/// PUT and PATCH: look the customer up first (404 before 400, as pretix), then read the body.
/// A PUT without `locale` resets it to `en`, the serializer default; other omitted fields keep
/// their values, as in pretix.
async fn change(
    app: App,
    access: Access,
    identifier: String,
    body: PretixBody,
    method: Method,
) -> Result<AsciiJson<Customer>> {
    let (lookup_app, lookup_access, lookup_id) = (app.clone(), access.clone(), identifier.clone());
    lookup_app
        .blocking(move |app| customers::ensure_writable(app, &lookup_access, &lookup_id))
        .await
        .map_err(fail)?;
    let body = body.object()?;
    let mut patch = patch_from(&body).map_err(fail)?;
    if method == Method::PUT && patch.locale.is_none() {
        patch.locale = Some("en".into());
    }
    let customer =
        app.blocking(move |app| customers::update(app, &access, &identifier, patch)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, customer))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/customers/{identifier}/", tag = "pretix: customers",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    request_body(content = Object, description = "Customer fields"),
    responses((status = 200, body = Customer), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<CustomerPath>,
    body: PretixBody,
) -> Result<AsciiJson<Customer>> {
    change(app, access, path.identifier, body, Method::PUT).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/customers/{identifier}/", tag = "pretix: customers",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    request_body(content = Object, description = "The customer fields to change"),
    responses((status = 200, body = Customer), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<CustomerPath>,
    body: PretixBody,
) -> Result<AsciiJson<Customer>> {
    change(app, access, path.identifier, body, Method::PATCH).await
}

#[utoipa::path(delete, path = "/api/v1/organizers/{organizer}/customers/{identifier}/", tag = "pretix: customers",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 404), (status = 405, description = "Customers cannot be deleted; anonymize them instead.")))]
pub async fn destroy(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<CustomerPath>,
) -> Response {
    match app.blocking(move |app| customers::delete(app, &access, &path.identifier)).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(err) => fail(err),
    }
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/customers/{identifier}/anonymize/", tag = "pretix: customers",
    params(("organizer" = String, Path), ("identifier" = String, Path)),
    responses((status = 200, body = Customer), (status = 401), (status = 403), (status = 404)))]
pub async fn anonymize(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<CustomerPath>,
) -> Result<AsciiJson<Customer>> {
    let customer =
        app.blocking(move |app| customers::anonymize(app, &access, &path.identifier)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, customer))
}
