//! pretix's device protocol (`/api/v1/device/…`, no trailing slash) and the organizer's devices
//! resource (`/api/v1/organizers/{organizer}/devices/`).

use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::input;
use super::memberships::PageParams;
use super::pagination::{Paginated, paginated};
use crate::app::App;
use crate::auth::{Access, Principal};
use crate::devices::{self, Device, DeviceChange, DeviceReport, DeviceSelf};
use crate::error::{AuthFailure, Error, FieldErrors};
use crate::http::auth::{Credential, credential, principal};
use crate::http::error::PretixError;
use crate::http::extract::PretixBody;
use crate::http::json::AsciiJson;

type Result<T> = std::result::Result<T, Response>;

fn fail(err: Error) -> Response {
    let device_challenge = matches!(err, Error::Unauthenticated(_));
    let mut response = PretixError(err).into_response();
    if device_challenge {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Device"));
    }
    response
}

fn report(body: &Map<String, Value>) -> std::result::Result<DeviceReport, Error> {
    let mut errors = FieldErrors::new();
    let report = DeviceReport {
        hardware_brand: input::nullable_text(body, "hardware_brand", &mut errors).flatten(),
        hardware_model: input::nullable_text(body, "hardware_model", &mut errors).flatten(),
        os_name: input::nullable_text(body, "os_name", &mut errors).flatten(),
        os_version: input::nullable_text(body, "os_version", &mut errors).flatten(),
        software_brand: input::nullable_text(body, "software_brand", &mut errors).flatten(),
        software_version: input::nullable_text(body, "software_version", &mut errors).flatten(),
        info: body.get("info").filter(|v| !v.is_null()).cloned(),
        rsa_pubkey: input::nullable_text(body, "rsa_pubkey", &mut errors).flatten(),
    };
    errors.into_result()?;
    Ok(report)
}

/// Only `Authorization: Device …` reaches the device's own endpoints.
async fn device(app: &App, headers: &HeaderMap) -> Result<(Principal, String)> {
    let Ok(Credential::Device(token)) = credential(headers) else {
        return Err(fail(match credential(headers) {
            Err(err @ Error::Unauthenticated(AuthFailure::EmptyToken | AuthFailure::TokenWithSpaces)) => err,
            _ => Error::Unauthenticated(AuthFailure::Missing),
        }));
    };
    let lookup = token.clone();
    let principal =
        app.blocking(move |app| principal(app, &Credential::Device(lookup))).await.map_err(fail)?;
    Ok((principal, token))
}

#[utoipa::path(post, path = "/api/v1/device/initialize", tag = "pretix: devices",
    request_body(content = Object, description = "token, hardware_brand, hardware_model, software_brand, software_version (required); os_name, os_version, info, rsa_pubkey"),
    responses((status = 200, body = DeviceSelf), (status = 400)))]
pub async fn initialize(State(app): State<App>, body: PretixBody) -> Result<AsciiJson<DeviceSelf>> {
    let body = body.object()?;
    let mut errors = FieldErrors::new();
    let token = input::text(&body, "token", &mut errors);
    let report = report(&body);
    errors.into_result().map_err(fail)?;
    let report = report.map_err(fail)?;
    let device = app.blocking(move |app| devices::initialize(app, token, report)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, device))
}

#[utoipa::path(post, path = "/api/v1/device/update", tag = "pretix: devices", security(("device" = [])),
    request_body(content = Object, description = "hardware_brand, hardware_model, software_brand, software_version (required); os_name, os_version, info, rsa_pubkey"),
    responses((status = 200, body = DeviceSelf), (status = 400), (status = 401)))]
pub async fn update_self(
    State(app): State<App>,
    headers: HeaderMap,
    body: PretixBody,
) -> Result<AsciiJson<DeviceSelf>> {
    let (principal, token) = device(&app, &headers).await?;
    let report = report(&body.object()?).map_err(fail)?;
    let device =
        app.blocking(move |app| devices::update_self(app, &principal, token, report)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, device))
}

#[utoipa::path(post, path = "/api/v1/device/roll", tag = "pretix: devices", security(("device" = [])),
    responses((status = 200, body = DeviceSelf, description = "With the new API token"), (status = 401)))]
pub async fn roll(State(app): State<App>, headers: HeaderMap) -> Result<AsciiJson<DeviceSelf>> {
    let (principal, _) = device(&app, &headers).await?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| devices::roll(app, &principal)).await.map_err(fail)?,
    ))
}

#[utoipa::path(post, path = "/api/v1/device/revoke", tag = "pretix: devices", security(("device" = [])),
    responses((status = 200, body = DeviceSelf), (status = 401)))]
pub async fn revoke(State(app): State<App>, headers: HeaderMap) -> Result<AsciiJson<DeviceSelf>> {
    let (principal, token) = device(&app, &headers).await?;
    let device = app.blocking(move |app| devices::revoke_self(app, &principal, token)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, device))
}

#[utoipa::path(get, path = "/api/v1/device/info", tag = "pretix: devices", security(("device" = [])),
    responses((status = 200, description = "{device, server, medium_key_sets}"), (status = 401)))]
pub async fn info(State(app): State<App>, headers: HeaderMap) -> Result<AsciiJson<Value>> {
    let (principal, token) = device(&app, &headers).await?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| devices::info(app, &principal, token)).await.map_err(fail)?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SelectionParams {
    current_event: Option<String>,
    current_subevent: Option<String>,
    #[allow(dead_code)]
    current_checkinlist: Option<String>,
}

/// Which event the terminal should work on now: 200 with a suggestion, 304 when the current one
/// is still right, 404 when there is nothing to work on.
#[utoipa::path(get, path = "/api/v1/device/eventselection", tag = "pretix: devices", security(("device" = [])),
    params(SelectionParams),
    responses((status = 200, body = crate::events::selection::Selection), (status = 304), (status = 401), (status = 404)))]
pub async fn event_selection(
    State(app): State<App>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<SelectionParams>,
) -> Result<axum::response::Response> {
    use crate::events::selection::{self, CurrentSelection, Suggestion};
    let (principal, _) = device(&app, &headers).await?;
    let current = CurrentSelection {
        event: q.current_event.filter(|e| !e.is_empty()),
        subevent: q.current_subevent.and_then(|s| s.parse().ok()),
    };
    let suggestion = app
        .blocking(move |app| selection::device_selection(app, &principal, &current))
        .await
        .map_err(fail)?;
    Ok(match suggestion {
        Suggestion::Unchanged => StatusCode::NOT_MODIFIED.into_response(),
        Suggestion::NoCandidate => crate::http::error::not_found(),
        Suggestion::Switch(s) => AsciiJson(StatusCode::OK, s).into_response(),
    })
}

// --- the organizer's devices resource --------------------------------------------------------

#[derive(Deserialize)]
pub struct DevicePath {
    #[allow(dead_code)]
    organizer: String,
    device_id: String,
}

fn change_from(body: &Map<String, Value>) -> std::result::Result<DeviceChange, Error> {
    let mut errors = FieldErrors::new();
    let limit_events = match body.get("limit_events") {
        None => None,
        Some(Value::Array(items)) => {
            Some(items.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect())
        }
        Some(_) => {
            errors.add("limit_events", "Expected a list of items.");
            None
        }
    };
    let change = DeviceChange {
        name: input::text(body, "name", &mut errors),
        all_events: input::boolean(body, "all_events", &mut errors),
        limit_events,
        security_profile: input::text(body, "security_profile", &mut errors),
    };
    errors.into_result()?;
    Ok(change)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/devices/", tag = "pretix: devices",
    params(("organizer" = String, Path), PageParams),
    responses((status = 200, body = Paginated<Device>), (status = 401), (status = 403)))]
pub async fn list(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Query(params): Query<PageParams>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<AsciiJson<Paginated<Device>>> {
    let request = params.request()?;
    let all = app.blocking(move |app| devices::list(app, &access)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::OK, paginated(request.slice(all).map_err(fail)?, &headers, &uri)))
}

#[utoipa::path(post, path = "/api/v1/organizers/{organizer}/devices/", tag = "pretix: devices",
    params(("organizer" = String, Path)), request_body(content = Object, description = "name, limit_events (required), all_events, security_profile"),
    responses((status = 201, body = Device), (status = 400), (status = 403)))]
pub async fn create(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    body: PretixBody,
) -> Result<Response> {
    let change = change_from(&body.object()?).map_err(fail)?;
    let device = app.blocking(move |app| devices::create(app, &access, change)).await.map_err(fail)?;
    Ok(AsciiJson(StatusCode::CREATED, device).into_response())
}

fn number(path: &DevicePath) -> Result<i64> {
    input::lookup_id(&path.device_id)
}

#[utoipa::path(get, path = "/api/v1/organizers/{organizer}/devices/{device_id}/", tag = "pretix: devices",
    params(("organizer" = String, Path), ("device_id" = i64, Path)),
    responses((status = 200, body = Device), (status = 404)))]
pub async fn retrieve(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DevicePath>,
) -> Result<AsciiJson<Device>> {
    let n = number(&path)?;
    Ok(AsciiJson(StatusCode::OK, app.blocking(move |app| devices::get(app, &access, n)).await.map_err(fail)?))
}

async fn change(app: App, access: Access, path: DevicePath, body: PretixBody) -> Result<AsciiJson<Device>> {
    let n = number(&path)?;
    let lookup = access.clone();
    app.blocking(move |app| devices::get(app, &lookup, n)).await.map_err(fail)?;
    let change = change_from(&body.object()?).map_err(fail)?;
    Ok(AsciiJson(
        StatusCode::OK,
        app.blocking(move |app| devices::update(app, &access, n, change)).await.map_err(fail)?,
    ))
}

#[utoipa::path(put, path = "/api/v1/organizers/{organizer}/devices/{device_id}/", tag = "pretix: devices",
    params(("organizer" = String, Path), ("device_id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Device), (status = 400), (status = 404)))]
pub async fn update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DevicePath>,
    body: PretixBody,
) -> Result<AsciiJson<Device>> {
    change(app, access, path, body).await
}

#[utoipa::path(patch, path = "/api/v1/organizers/{organizer}/devices/{device_id}/", tag = "pretix: devices",
    params(("organizer" = String, Path), ("device_id" = i64, Path)), request_body(content = Object),
    responses((status = 200, body = Device), (status = 400), (status = 404)))]
pub async fn partial_update(
    State(app): State<App>,
    Extension(access): Extension<Access>,
    Path(path): Path<DevicePath>,
    body: PretixBody,
) -> Result<AsciiJson<Device>> {
    change(app, access, path, body).await
}
