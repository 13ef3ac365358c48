//! Authentication and organizer access for the pretix dialect, in pretix's decision order:
//! credentials (401), organizer access (403), permission for the resource and method (403), then
//! routing (405) — so a caller without read permission learns nothing about which methods exist.

use std::collections::HashMap;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::error::PretixError;
use super::json::AsciiJson;
use crate::app::App;
use crate::auth::{self, Permission, Principal};
use crate::error::{AuthFailure, Error};

/// The permission family a group of routes belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Resource {
    /// Only organizer access is needed (the organizer resource itself).
    Organizer,
    /// Customers and what hangs off them (memberships and their uses).
    Customers,
    /// The organizer's devices.
    Devices,
    /// Teams, their members and tokens: the teams permission even to read, as in pretix.
    Teams,
    /// Membership types: settings permission even to read, as in pretix.
    MembershipTypes,
}

impl Resource {
    fn permission(self, method: &Method) -> Option<Permission> {
        let read = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        match self {
            Resource::Organizer => None,
            Resource::Customers if read => Some(Permission::CUSTOMERS_READ),
            Resource::Customers => Some(Permission::CUSTOMERS_WRITE),
            Resource::MembershipTypes => Some(Permission::SETTINGS_WRITE),
            Resource::Devices if read => Some(Permission::DEVICES_READ),
            Resource::Devices => Some(Permission::DEVICES_WRITE),
            Resource::Teams => Some(Permission::TEAMS_WRITE),
        }
    }
}

/// The credentials of an `Authorization` header.
pub enum Credential {
    /// `Token <key>`: a team API token.
    Token(String),
    /// `Device <key>`: a paired device's API token.
    Device(String),
    /// `Bearer <token>`: an OAuth access token of a staff user.
    Bearer(String),
}

/// Reads `Token <key>` or `Device <key>` (keywords in any case); DRF's messages for the rest.
pub fn credential(headers: &HeaderMap) -> Result<Credential, Error> {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Err(Error::Unauthenticated(AuthFailure::Missing));
    };
    let mut parts = value.split_whitespace();
    let scheme = parts.next().unwrap_or("").to_ascii_lowercase();
    if scheme != "token" && scheme != "device" && scheme != "bearer" {
        return Err(Error::Unauthenticated(AuthFailure::Missing));
    }
    let secret = match (parts.next(), parts.next()) {
        (None, _) => return Err(Error::Unauthenticated(AuthFailure::EmptyToken)),
        (Some(_), Some(_)) => return Err(Error::Unauthenticated(AuthFailure::TokenWithSpaces)),
        (Some(secret), None) => secret.to_string(),
    };
    Ok(match scheme.as_str() {
        "token" => Credential::Token(secret),
        "device" => Credential::Device(secret),
        _ => Credential::Bearer(secret),
    })
}

/// The principal behind a credential (blocking: call inside [`App::blocking`]).
pub fn principal(app: &App, credential: &Credential) -> Result<Principal, Error> {
    match credential {
        Credential::Token(token) => auth::authenticate_token(app, token),
        Credential::Device(token) => crate::devices::authenticate(app, token),
        Credential::Bearer(token) => crate::oauth::authenticate(app, token),
    }
}

/// The principal behind the request's credentials.
pub async fn authenticate(app: &App, headers: &HeaderMap) -> Result<Principal, Error> {
    let credential = credential(headers)?;
    app.blocking(move |app| principal(app, &credential)).await
}

/// Middleware for organizer-scoped routes: authenticates, resolves `{organizer}` into an
/// [`auth::Access`] for the handlers, checks the resource's permission for the method, and gives
/// axum's bare 405 pretix's body.
pub async fn guard(
    State((app, resource)): State<(App, Resource)>,
    Path(params): Path<HashMap<String, String>>,
    mut req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let headers = req.headers().clone();
    let organizer = params.get("organizer").cloned().unwrap_or_default();
    let permission = resource.permission(&method);
    let reading = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    // One trip off the runtime for all three checks: this runs on every request.
    let access = match credential(&headers) {
        Err(err) => Err(err),
        Ok(credential) => {
            app.blocking(move |app| {
                let principal = principal(app, &credential)?;
                let access = auth::authorize(app, &principal, &organizer)?;
                crate::oauth::require_scope(&principal, reading)?;
                if let Some(permission) = permission {
                    access.require(permission)?;
                }
                Ok(access)
            })
            .await
        }
    };
    let access = match access {
        Ok(access) => access,
        Err(err) => return PretixError(err).into_response(),
    };
    req.extensions_mut().insert(access);
    let response = next.run(req).await;
    // axum's own 405 has no body (and so no content type); our handlers' errors always have one.
    if response.status() == StatusCode::METHOD_NOT_ALLOWED
        && !response.headers().contains_key(header::CONTENT_TYPE)
    {
        let allow = response.headers().get(header::ALLOW).cloned();
        let detail = format!("Method \"{method}\" not allowed.");
        let mut rendered =
            AsciiJson(StatusCode::METHOD_NOT_ALLOWED, json!({"detail": detail})).into_response();
        if let Some(allow) = allow {
            rendered.headers_mut().insert(header::ALLOW, allow);
        }
        return rendered;
    }
    response
}
