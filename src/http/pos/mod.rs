//! The POS paths at the root: the Portos dialect's customers (`/customers`, `/customers/{id}`)
//! and Tessera's own endpoints in its style (`/customers/{id}/credit…`, `/customers/{id}/cards…`,
//! `/pos/lookup`): camelCase JSON, `QueryResult`-shaped
//! lists, RFC 7807 problem bodies with Portos error codes. Terminals authenticate with their
//! device token (`Device …`) or a team API token (`Token …`); the organizer is the credential's.

mod cards;
mod credit;
mod customers;
mod login;
mod lookup;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::{credential, principal};
use crate::app::App;
use crate::auth::{self, Access};
use crate::error::{Error, ErrorCode};

/// Portos error codes in problem bodies.
pub const UNAUTHENTICATED: u8 = 1;
pub const UNAUTHORIZED: u8 = 2;
pub const VALIDATION_FAILED: u8 = 3;
pub const VERSION_MISMATCH: u8 = 6;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(login::login))
        .routes(routes!(customers::list, customers::create))
        .routes(routes!(customers::get, customers::put, customers::delete))
        .routes(routes!(credit::balance))
        .routes(routes!(credit::entries))
        .routes(routes!(credit::entry))
        .routes(routes!(credit::top_up))
        .routes(routes!(credit::charge))
        .routes(routes!(credit::refund))
        .routes(routes!(credit::reverse))
        .routes(routes!(credit::adjust))
        .routes(routes!(cards::list, cards::issue))
        .routes(routes!(cards::block))
        .routes(routes!(cards::unblock))
        .routes(routes!(cards::lost))
        .routes(routes!(cards::replace))
        .routes(routes!(lookup::lookup))
}

/// Whether a path belongs to the POS dialect (problem bodies, not pretix's or the UI's answers).
pub(crate) fn is_pos_path(path: &str) -> bool {
    ["/customers", "/pos"]
        .iter()
        .any(|p| path.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
}

/// One broken rule in a validation problem.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProblemError {
    pub member_name: String,
    pub message: String,
    pub code: Option<String>,
}

/// An RFC 7807 problem body as the Portos API sends it.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemError>,
    /// With `errorCode` 6: the resource and the version stored now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceInfo>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ResourceInfo {
    pub name: String,
    pub id: String,
    pub version: i64,
}

fn render(status: StatusCode, problem: &Problem) -> Response {
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    response
}

/// A problem body with a status and a detail.
pub fn problem(status: StatusCode, detail: &str, error_code: Option<u8>) -> Response {
    let problem = Problem {
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail: detail.to_string(),
        error_code,
        errors: Vec::new(),
        resource: None,
    };
    render(status, &problem)
}

/// An [`Error`] as a problem body: 401/errorCode 1, 403/errorCode 2, 400/errorCode 3 (with one
/// `errors` entry per field message), 404 without a code, refusals as 409/errorCode 3.
pub struct PosError(pub Error);

impl From<Error> for PosError {
    fn from(err: Error) -> Self {
        PosError(err)
    }
}

impl IntoResponse for PosError {
    fn into_response(self) -> Response {
        let err = self.0;
        let (status, code) = match err.code() {
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => {
                (StatusCode::UNAUTHORIZED, Some(UNAUTHENTICATED))
            }
            ErrorCode::Forbidden => (StatusCode::FORBIDDEN, Some(UNAUTHORIZED)),
            ErrorCode::Validation | ErrorCode::Malformed => {
                (StatusCode::BAD_REQUEST, Some(VALIDATION_FAILED))
            }
            ErrorCode::NotFound => (StatusCode::NOT_FOUND, None),
            ErrorCode::Conflict if matches!(err, Error::VersionMismatch { .. }) => {
                (StatusCode::CONFLICT, Some(VERSION_MISMATCH))
            }
            ErrorCode::Refused | ErrorCode::MembershipRefused | ErrorCode::Conflict => {
                (StatusCode::CONFLICT, Some(VALIDATION_FAILED))
            }
            ErrorCode::NotAllowed => (StatusCode::METHOD_NOT_ALLOWED, None),
            ErrorCode::Internal => (StatusCode::INTERNAL_SERVER_ERROR, None),
        };
        let (detail, errors) = match &err {
            Error::Validation(fields) => (
                "One or more validation errors occurred.".to_string(),
                fields
                    .iter()
                    .flat_map(|(field, messages)| {
                        messages.iter().map(move |m| ProblemError {
                            member_name: field.to_string(),
                            message: m.clone(),
                            code: None,
                        })
                    })
                    .collect(),
            ),
            Error::Storage(_) | Error::Internal(_) => {
                tracing::error!(error = ?err, "internal error");
                ("A server error occurred.".to_string(), Vec::new())
            }
            other => (other.to_string(), Vec::new()),
        };
        let resource = match &err {
            Error::VersionMismatch { resource, id, version } => {
                Some(ResourceInfo { name: resource.to_string(), id: id.clone(), version: *version })
            }
            _ => None,
        };
        let problem = Problem {
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail,
            error_code: code,
            errors,
            resource,
        };
        render(status, &problem)
    }
}

/// The caller's access in its own organizer (team API token or device).
pub struct Pos(pub Access);

impl FromRequestParts<App> for Pos {
    type Rejection = PosError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        // `Bearer …`: a staff user's token from `POST /api/auth`; otherwise team or device tokens.
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(|t| t.trim().to_string());
        let credential = match bearer {
            Some(_) => None,
            None => Some(credential(&parts.headers)?),
        };
        let access = app
            .blocking(move |app| {
                let principal = match (bearer, credential) {
                    (Some(token), _) => auth::session_principal(app, &token)?,
                    (None, Some(credential)) => principal(app, &credential)?,
                    (None, None) => return Err(Error::Unauthenticated(crate::error::AuthFailure::Missing)),
                };
                auth::home_access(app, &principal)
            })
            .await?;
        Ok(Pos(access))
    }
}

/// Refuses a money write that carries no `Idempotency-Key` (the guard in front has already
/// answered any repeat of one that does).
pub struct IdempotencyKey;

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = PosError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let present = parts
            .headers
            .get(super::idempotency::STRICT_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty());
        if present {
            Ok(IdempotencyKey)
        } else {
            Err(PosError(Error::validation(
                "Idempotency-Key",
                "This request changes money: send an Idempotency-Key header (a new random value per \
                 operation, the same value when retrying it).",
            )))
        }
    }
}

/// A JSON body; anything else is a 400 problem naming what is wrong.
pub struct PosJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PosJson<T> {
    type Rejection = PosError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
        if !json {
            return Err(PosError(Error::Malformed(
                "Send the body as JSON (Content-Type: application/json).".into(),
            )));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| PosError(Error::Malformed("The request body could not be read.".into())))?;
        serde_json::from_slice(&bytes)
            .map(PosJson)
            .map_err(|e| PosError(Error::Malformed(format!("The JSON body is not valid: {e}"))))
    }
}
