//! How the listener renders an [`Error`], per dialect. Internal causes are logged here, once,
//! and never sent.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::json::AsciiJson;
use crate::error::{Error, ErrorBody, ErrorCode};

/// An error in pretix's DRF shapes: `{"detail": …}`, or `{"field": ["…"]}` for validation.
pub struct PretixError(pub Error);

impl From<Error> for PretixError {
    fn from(err: Error) -> Self {
        PretixError(err)
    }
}

impl IntoResponse for PretixError {
    fn into_response(self) -> Response {
        let err = self.0;
        let status = match err.code() {
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Validation | ErrorCode::Malformed => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::Refused => StatusCode::FORBIDDEN,
            ErrorCode::NotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Conflict | ErrorCode::MembershipRefused => StatusCode::CONFLICT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let body = match &err {
            Error::Validation(fields) => json!(fields),
            Error::Declined(message) => json!([message]),
            Error::MembershipRefused(reason) => json!({"detail": reason.message(), "reason": reason}),
            Error::Storage(_) | Error::Internal(_) => {
                tracing::error!(error = ?err, "internal error");
                json!({"detail": "A server error occurred."})
            }
            other => json!({"detail": other.to_string()}),
        };
        let mut response = AsciiJson(status, body).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
        }
        response
    }
}

/// pretix's bare 404 for a URL that names nothing (an unknown path, a lookup that is not a number).
pub(crate) fn not_found() -> Response {
    AsciiJson(StatusCode::NOT_FOUND, json!({"detail": "Not found."})).into_response()
}

/// An error in the desk's shape, `{code, message, fields}`, as the Tauri commands return it.
pub struct DeskError(pub Error);

impl From<Error> for DeskError {
    fn from(err: Error) -> Self {
        DeskError(err)
    }
}

impl IntoResponse for DeskError {
    fn into_response(self) -> Response {
        let status = match self.0.code() {
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Validation | ErrorCode::Malformed => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::Refused => StatusCode::CONFLICT,
            ErrorCode::NotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Conflict | ErrorCode::MembershipRefused => StatusCode::CONFLICT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, axum::Json(ErrorBody::from(self.0))).into_response()
    }
}
