//! `X-Idempotency-Key` on every write under `/api/`, with pretix's semantics: the first answer is
//! stored and replayed verbatim for the same key and credentials (whatever the method, path or
//! body of the repeat), a repeat while the first runs gets 409 with `Retry-After`, and answers
//! that invite a retry (409, 429, 500, 503) are not stored. The rules are in
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

fn retry_later(detail: &str) -> Response {
    let mut response = AsciiJson(StatusCode::CONFLICT, json!({"detail": detail})).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

pub async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let applies = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && req.uri().path().starts_with("/api/");
    let key =
        req.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or("").to_string();
    if !applies || key.is_empty() {
        return next.run(req).await;
    }
    let auth_hash = credentials(req.headers());
    let begun = app.blocking(move |app| idempotency::begin(app, &auth_hash, &key)).await;
    let scope = match begun {
        Ok(Begin::Started(scope)) => scope,
        Ok(Begin::Replay(stored)) => return replay(stored),
        Ok(Begin::InFlight) => return retry_later("Concurrent request with idempotency key."),
        Ok(Begin::AnswerLost) => {
            return AsciiJson(
                StatusCode::CONFLICT,
                json!({"detail": "A request with this idempotency key was carried out, but its answer was lost. \
                                  Look up the result instead of retrying."}),
            )
            .into_response();
        }
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
