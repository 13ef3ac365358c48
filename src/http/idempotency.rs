//! `X-Idempotency-Key` on every write under `/api/`, with pretix's semantics: the first answer is
//! stored and replayed verbatim for the same key and credentials (whatever the method, path or
//! body of the repeat), a repeat while the first runs gets 409 with `Retry-After`, and answers
//! that invite a retry (409, 429, 500, 503) are not stored. `Idempotency-Key` (required by the
//! credit endpoints) works the same and also refuses the key with another request (422). The
//! POS paths (`/customers…`) are guarded too, with problem bodies. The rules are in
//! [`crate::idempotency`]; this carries them over HTTP.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::json::AsciiJson;
use crate::app::App;
use crate::idempotency::{self, Begin, REQUEST, StoredResponse};

pub const HEADER: &str = "x-idempotency-key";
/// The IETF header the money endpoints require; the same key with another request is refused.
pub const STRICT_HEADER: &str = "idempotency-key";

/// Answers larger than this are not buffered for storage (none of ours come close).
const MAX_STORED_BODY: usize = 16 * 1024 * 1024;

fn credentials(headers: &HeaderMap) -> String {
    let authorization = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    let session = super::cookie(headers, super::SESSION_COOKIE).unwrap_or("");
    idempotency::auth_hash(authorization, session)
}

fn replay(stored: StoredResponse) -> Response {
    let mut response = Response::new(Body::from(stored.body));
    *response.status_mut() = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    for (name, value) in stored.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// A refusal in the dialect of the path: pretix's `{"detail"}` or an RFC 7807 problem body.
fn refusal(path: &str, status: StatusCode, detail: &str) -> Response {
    if super::pos::is_pos_path(path) {
        super::pos::problem(status, detail, Some(super::pos::VALIDATION_FAILED))
    } else {
        AsciiJson(status, json!({"detail": detail})).into_response()
    }
}

fn retry_later(path: &str, detail: &str) -> Response {
    let mut response = refusal(path, StatusCode::CONFLICT, detail);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

pub async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let applies = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && (path.starts_with("/api/") || super::pos::is_pos_path(&path));
    let headers = req.headers();
    let header_value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let (key, checks_request) = match (header_value(HEADER), header_value(STRICT_HEADER)) {
        (Some(key), _) if !key.is_empty() => (key.to_string(), false),
        (_, Some(key)) if !key.is_empty() => (key.to_string(), true),
        _ => (String::new(), false),
    };
    if !applies || key.is_empty() {
        return next.run(req).await;
    }
    let auth_hash = credentials(req.headers());
    // `Idempotency-Key` also binds the key to the request, so its body is read (and put back).
    let (req, request_hash) = if checks_request {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, super::MAX_BODY_BYTES).await else {
            return refusal(&path, StatusCode::PAYLOAD_TOO_LARGE, "The request body is too large.");
        };
        let target = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
        let hash = idempotency::request_hash(parts.method.as_str(), target, &bytes);
        (Request::from_parts(parts, Body::from(bytes)), Some(hash))
    } else {
        (req, None)
    };
    let begun =
        app.blocking(move |app| idempotency::begin(app, &auth_hash, &key, request_hash.as_deref())).await;
    let scope = match begun {
        Ok(Begin::Started(scope)) => scope,
        Ok(Begin::Replay(stored)) => return replay(stored),
        Ok(Begin::InFlight) => return retry_later(&path, "Concurrent request with idempotency key."),
        Ok(Begin::AnswerLost) => {
            return refusal(
                &path,
                StatusCode::CONFLICT,
                "A request with this idempotency key was carried out, but its answer was lost. \
                 Look up the result instead of retrying.",
            );
        }
        Ok(Begin::Mismatch) => {
            return refusal(
                &path,
                StatusCode::UNPROCESSABLE_ENTITY,
                "This idempotency key was already used for another request. Use a new key for a new request.",
            );
        }
        Err(err) if super::pos::is_pos_path(&path) => return super::pos::PosError(err).into_response(),
        Err(err) => return super::error::PretixError(err).into_response(),
    };
    let response = REQUEST.scope(scope.clone(), next.run(req)).await;
    let (parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_STORED_BODY).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(error = %err, "reading an answer to store it failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let stored = StoredResponse {
        status: parts.status.as_u16(),
        headers: parts
            .headers
            .iter()
            .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str().to_string(), v.to_string())))
            .collect(),
        body: bytes.to_vec(),
    };
    if let Err(err) = app.blocking(move |app| idempotency::finish(app, &scope, &stored)).await {
        tracing::error!(error = ?err, "storing an idempotent answer failed");
    }
    Response::from_parts(parts, Body::from(bytes))
}
