use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::devices::{self, DeviceInput, DevicePairing, DeviceSummary};
use crate::http::error::DeskError;
use crate::http::extract::DeskJson;

#[derive(Deserialize)]
pub struct DevicePath {
    organizer: String,
    device_id: i64,
}

/// Where this browser reached the listener is where a terminal on the same network reaches it.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}")
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/devices", tag = "desk",
    params(("organizer" = String, Path)), responses((status = 200, body = Vec<DeviceSummary>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
) -> Result<Json<Vec<DeviceSummary>>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| devices::summaries(app, &access)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/devices", tag = "desk",
    params(("organizer" = String, Path)), request_body = DeviceInput,
    responses((status = 201, body = DevicePairing), (status = 400, body = ErrorBody)))]
pub async fn add(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    headers: HeaderMap,
    DeskJson(input): DeskJson<DeviceInput>,
) -> Result<(StatusCode, Json<DevicePairing>), DeskError> {
    let access = access(&app, user, organizer).await?;
    let url = base_url(&headers);
    Ok((StatusCode::CREATED, Json(app.blocking(move |app| devices::add(app, &access, input, &url)).await?)))
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/devices/{device_id}/pairing", tag = "desk",
    params(("organizer" = String, Path), ("device_id" = i64, Path)),
    responses((status = 200, body = DevicePairing), (status = 409, body = ErrorBody)))]
pub async fn pairing(
    State(app): State<App>,
    user: DeskUser,
    Path(DevicePath { organizer, device_id }): Path<DevicePath>,
    headers: HeaderMap,
) -> Result<Json<DevicePairing>, DeskError> {
    let access = access(&app, user, organizer).await?;
    let url = base_url(&headers);
    Ok(Json(app.blocking(move |app| devices::pairing(app, &access, device_id, &url)).await?))
}

#[utoipa::path(put, path = "/api/desk/organizers/{organizer}/devices/{device_id}", tag = "desk",
    params(("organizer" = String, Path), ("device_id" = i64, Path)), request_body = DeviceInput,
    responses((status = 200, body = DeviceSummary), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rename(
    State(app): State<App>,
    user: DeskUser,
    Path(DevicePath { organizer, device_id }): Path<DevicePath>,
    DeskJson(input): DeskJson<DeviceInput>,
) -> Result<Json<DeviceSummary>, DeskError> {
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| devices::rename(app, &access, device_id, input)).await?))
}

#[utoipa::path(post, path = "/api/desk/organizers/{organizer}/devices/{device_id}/revoke", tag = "desk",
    params(("organizer" = String, Path), ("device_id" = i64, Path)),
    responses((status = 200, body = DeviceSummary), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(app): State<App>,
    user: DeskUser,
    Path(DevicePath { organizer, device_id }): Path<DevicePath>,
) -> Result<Json<DeviceSummary>, DeskError> {
    let access = access(&app, user, organizer).await?;
    let device = app.blocking(move |app| devices::revoke_by_admin(app, &access, device_id)).await?;
    Ok(Json(DeviceSummary::from(&device)))
}
