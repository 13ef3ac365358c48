//! Request extractors whose rejections come out in the dialect's own error shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::error::{DeskError, PretixError};
use super::json::AsciiJson;
use crate::error::{Error, FieldErrors};

fn too_large() -> Response {
    AsciiJson(StatusCode::PAYLOAD_TOO_LARGE, json!({"detail": "Request body is too large."})).into_response()
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<(Option<String>, Bytes), Response> {
    let content_type =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            rejection.into_response()
        }
    })?;
    Ok((content_type, bytes))
}

fn is_json(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

/// A pretix request body, read but not yet parsed: pretix looks the object up (404) before it
/// reads the body (400), so handlers parse it after their lookup.
pub struct PretixBody {
    content_type: Option<String>,
    bytes: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for PretixBody {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (content_type, bytes) = read_body(req, state).await?;
        Ok(PretixBody { content_type, bytes })
    }
}

impl PretixBody {
    /// The body as a JSON object; an empty body is an empty object. Errors in DRF's words:
    /// 415 for a body that is not JSON, 400 for malformed JSON or a non-object.
    /// The body as any JSON value (a list for batch endpoints); an empty body is an empty object.
    pub fn value(&self) -> Result<Value, Response> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Object(Map::new()));
        }
        self.json()
    }

    fn json(&self) -> Result<Value, Response> {
        match self.content_type.as_deref() {
            Some(ct) if is_json(ct) => {}
            other => {
                let shown = other.unwrap_or("");
                let detail = format!("Unsupported media type \"{shown}\" in request.");
                return Err(
                    AsciiJson(StatusCode::UNSUPPORTED_MEDIA_TYPE, json!({"detail": detail})).into_response()
                );
            }
        }
        serde_json::from_slice(&self.bytes)
            .map_err(|err| PretixError(Error::Malformed(format!("JSON parse error - {err}"))).into_response())
    }

    pub fn object(&self) -> Result<Map<String, Value>, Response> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Map::new());
        }
        match self.json()? {
            Value::Object(map) => Ok(map),
            other => {
                let kind = match other {
                    Value::Array(_) => "list",
                    Value::String(_) => "str",
                    Value::Bool(_) => "bool",
                    Value::Null => "NoneType",
                    Value::Number(n) if n.is_f64() => "float",
                    _ => "int",
                };
                let message = format!("Invalid data. Expected a dictionary, but got {kind}.");
                Err(PretixError(Error::Validation(FieldErrors::single(FieldErrors::NON_FIELD, message)))
                    .into_response())
            }
        }
    }
}

/// A JSON body for the desk API: malformed input is a `malformed` error body, never a panic.
pub struct DeskJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for DeskJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (content_type, bytes) = read_body(req, state).await?;
        // Demanding JSON also keeps plain HTML forms on other sites from posting here.
        if !content_type.as_deref().is_some_and(is_json) {
            return Err(
                DeskError(Error::Malformed("Send the request as application/json.".into())).into_response()
            );
        }
        serde_json::from_slice(&bytes).map(DeskJson).map_err(|err| {
            DeskError(Error::Malformed(format!("The request is not valid: {err}"))).into_response()
        })
    }
}

/// A CSV file sent as the body (`Content-Type: text/csv`), for imports. Another type is refused,
/// which also keeps plain HTML forms on other sites from posting here.
pub struct CsvBody(pub String);

impl<S: Send + Sync> FromRequest<S> for CsvBody {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (content_type, bytes) = read_body(req, state).await?;
        let mime =
            content_type.as_deref().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if mime != "text/csv" {
            return Err(DeskError(Error::Malformed("Send the file as text/csv.".into())).into_response());
        }
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            DeskError(Error::validation("file", "The file is not UTF-8 text; save it as CSV (UTF-8)."))
                .into_response()
        })?;
        Ok(CsvBody(text))
    }
}
