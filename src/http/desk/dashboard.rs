use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::dashboard::{self, Dashboard};
use crate::http::error::DeskError;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DashboardQuery {
    /// The start of the desk's day (its local midnight), RFC 3339.
    since: String,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/dashboard", tag = "desk",
    params(("organizer" = String, Path), DashboardQuery),
    responses((status = 200, body = Dashboard, description = "The start screen's figures since `since`"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn show(
    State(app): State<App>,
    user: DeskUser,
    Path(organizer): Path<String>,
    Query(query): Query<DashboardQuery>,
) -> Result<Json<Dashboard>, DeskError> {
    let principal = user.principal.clone();
    let access = access(&app, user, organizer).await?;
    Ok(Json(app.blocking(move |app| dashboard::dashboard(app, &principal, &access, &query.since)).await?))
}
