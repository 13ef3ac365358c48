use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{DeskUser, access};
use crate::ErrorBody;
use crate::app::App;
use crate::error::Error;
use crate::exports::{self, ExportKind, ExportRequest};
use crate::http::error::DeskError;

#[derive(Deserialize)]
pub struct ExportPath {
    organizer: String,
    kind: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// RFC 3339 (ledger kinds).
    from: Option<String>,
    /// RFC 3339 (ledger kinds).
    to: Option<String>,
    /// An event's slug (waiting lists).
    event: Option<String>,
}

#[utoipa::path(get, path = "/api/desk/organizers/{organizer}/exports/{kind}", tag = "desk",
    params(("organizer" = String, Path), ("kind" = String, Path, description = "customers, memberships, ledger, ledger_summary or waiting_list"), ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String, description = "UTF-8 with a byte order mark; `X-Rows` says how many data lines"), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(app): State<App>,
    user: DeskUser,
    Path(ExportPath { organizer, kind }): Path<ExportPath>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, DeskError> {
    let kind = ExportKind::parse(&kind).ok_or(Error::NotFound { entity: "Export" })?;
    let access = access(&app, user, organizer).await?;
    let request = ExportRequest { kind, from: query.from, to: query.to, event: query.event };
    let made = app.blocking(move |app| exports::export(app, &access, &request)).await?;
    let mut response = made.content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", made.filename)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert("x-rows", HeaderValue::from(made.rows));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-rows, content-disposition"),
    );
    Ok(response)
}
