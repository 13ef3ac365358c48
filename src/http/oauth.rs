//! OAuth2 as pretix serves it under `/api/v1/oauth/`: the authorize page (login, then consent
//! with the organizers to grant), the token and revocation endpoints, and `/api/v1/me`. The
//! pages are plain HTML served by the listener, so they work in any browser on the LAN.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use serde_json::json;

use super::auth::authenticate;
use super::error::PretixError;
use super::json::AsciiJson;
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::Error;
use crate::oauth::{self, Authorize, AuthorizeRequest, Consent, Me, OAuthError, TokenRequest, TokenResponse};

const SESSION_MAX_AGE: u32 = 12 * 60 * 60;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title} · Tessera</title><style>\
         body{{font:16px/1.5 system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0;display:flex;justify-content:center}}\
         main{{background:#fff;margin:3rem 1rem;padding:2rem;border-radius:12px;max-width:28rem;width:100%;box-shadow:0 1px 3px #0002}}\
         h1{{font-size:1.3rem;margin-top:0}}label{{display:block;margin:.6rem 0}}input[type=email],input[type=password]{{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}}\
         .scopes li{{margin:.2rem 0}}.error{{background:#fee2e2;color:#991b1b;padding:.6rem .8rem;border-radius:8px}}\
         .buttons{{display:flex;gap:.8rem;margin-top:1.2rem}}button{{font:inherit;padding:.5rem 1.2rem;border-radius:8px;border:1px solid #a1a1aa;background:#fff;cursor:pointer}}\
         button[name=allow]{{background:#1d4ed8;color:#fff;border-color:#1d4ed8}}fieldset{{border:1px solid #d4d4d8;border-radius:8px}}\
         </style></head><body><main>{body}</main></body></html>",
        title = escape(title)
    )
}

/// The pages may not be framed by another site (a framed consent page invites clickjacking).
fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn hidden(req: &AuthorizeRequest) -> String {
    let fields = [
        ("client_id", &req.client_id),
        ("response_type", &req.response_type),
        ("redirect_uri", &req.redirect_uri),
        ("scope", &req.scope),
        ("state", &req.state),
        ("code_challenge", &req.code_challenge),
        ("code_challenge_method", &req.code_challenge_method),
        ("approval_prompt", &req.approval_prompt),
    ];
    fields
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref().map(|v| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", escape(v)))
        })
        .collect()
}

fn login_page(req: &AuthorizeRequest, error: Option<&str>) -> Response {
    let error =
        error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let body = format!(
        "<h1>Log in to Tessera</h1><p>An application asks for access to your box office data. Log in to decide.</p>{error}\
         <form method=\"post\" action=\"/api/v1/oauth/authorize\">{}<input type=\"hidden\" name=\"action\" value=\"login\">\
         <label>Email<input type=\"email\" name=\"email\" autocomplete=\"username\" required autofocus></label>\
         <label>Password<input type=\"password\" name=\"password\" autocomplete=\"current-password\" required></label>\
         <div class=\"buttons\"><button type=\"submit\" name=\"login\">Log in</button></div></form>",
        hidden(req)
    );
    html(StatusCode::OK, page("Log in", &body))
}

/// A token bound to the browser's session, so that only our own page can approve.
fn csrf(session: &str) -> String {
    auth::hash_secret(&format!("oauth-consent:{session}"))
}

fn consent_page(req: &AuthorizeRequest, consent: &Consent, session: &str, error: Option<&str>) -> Response {
    let mut scopes = String::new();
    if consent.scopes.profile {
        scopes.push_str("<li>See your name and email address</li>");
    }
    if consent.scopes.read {
        scopes.push_str("<li>Read data of the organizers you choose</li>");
    }
    if consent.scopes.write {
        scopes.push_str("<li>Change data of the organizers you choose</li>");
    }
    let organizers = if consent.scopes.profile_only() {
        String::new()
    } else if consent.organizers.is_empty() {
        "<p class=\"error\">You work in no organizer, so there is nothing to grant.</p>".to_string()
    } else {
        let boxes: String = consent
            .organizers
            .iter()
            .map(|(slug, name)| {
                format!(
                    "<label><input type=\"checkbox\" name=\"organizers\" value=\"{}\"> {} <small>({})</small></label>",
                    escape(slug),
                    escape(name),
                    escape(slug)
                )
            })
            .collect();
        format!("<fieldset><legend>Organizers the application may use</legend>{boxes}</fieldset>")
    };
    let error =
        error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let body = format!(
        "<h1>Authorize {app}</h1><p><strong>{app}</strong> asks to:</p><ul class=\"scopes\">{scopes}</ul>{error}\
         <form method=\"post\" action=\"/api/v1/oauth/authorize\">{hidden}<input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         {organizers}<p><small>It will send you back to {redirect}.</small></p>\
         <div class=\"buttons\"><button type=\"submit\" name=\"allow\" value=\"1\">Allow</button>\
         <button type=\"submit\" name=\"deny\" value=\"1\">Deny</button></div></form>",
        app = escape(&consent.application),
        hidden = hidden(req),
        csrf = csrf(session),
        redirect = escape(&consent.redirect_uri),
    );
    html(StatusCode::OK, page("Authorize", &body))
}

fn bad_client(message: &str) -> Response {
    let body =
        format!("<h1>This request cannot be authorized</h1><p class=\"error\">{}</p>", escape(message));
    html(StatusCode::BAD_REQUEST, page("Error", &body))
}

fn redirect(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => bad_client("The redirect address is not valid."),
    }
}

/// The staff user behind the browser's desk session, if any.
async fn session_user(app: &App, headers: &HeaderMap) -> Option<(i64, String)> {
    let token = super::cookie(headers, super::SESSION_COOKIE)?.to_string();
    let lookup = token.clone();
    match app.blocking(move |app| auth::session_principal(app, &lookup)).await {
        Ok(Principal::User { user_id }) => Some((user_id, token)),
        _ => None,
    }
}

async fn show(
    app: &App,
    req: AuthorizeRequest,
    user_id: i64,
    session: &str,
    error: Option<&str>,
) -> Response {
    let r = req.clone();
    match app.blocking(move |app| oauth::check(app, user_id, &r)).await {
        Ok(Authorize::BadClient(m)) => bad_client(&m),
        Ok(Authorize::Redirect(to)) => redirect(&to),
        Ok(Authorize::Consent(c)) => consent_page(&req, &c, session, error),
        Err(err) => PretixError(err).into_response(),
    }
}

/// The consent page (after a login page when the browser has no desk session).
#[utoipa::path(get, path = "/api/v1/oauth/authorize", tag = "pretix: oauth",
    params(("client_id" = String, Query), ("response_type" = String, Query), ("redirect_uri" = Option<String>, Query),
        ("scope" = Option<String>, Query), ("state" = Option<String>, Query), ("code_challenge" = Option<String>, Query),
        ("code_challenge_method" = Option<String>, Query)),
    responses((status = 200, description = "Login or consent page (HTML)"), (status = 302, description = "Back to the client with an error"), (status = 400, description = "Unknown client or redirect URI (HTML)")))]
pub async fn authorize_page(
    State(app): State<App>,
    headers: HeaderMap,
    Query(req): Query<AuthorizeRequest>,
) -> Response {
    match session_user(&app, &headers).await {
        Some((user_id, session)) => show(&app, req, user_id, &session, None).await,
        None => {
            // Check the client before asking anyone to log in.
            let r = req.clone();
            match app.blocking(move |app| Ok(check_client_only(app, &r))).await {
                Ok(Some(message)) => bad_client(&message),
                _ => login_page(&req, None),
            }
        }
    }
}

/// An error page message when the client or redirect URI is unknown (checked before login).
fn check_client_only(app: &App, req: &AuthorizeRequest) -> Option<String> {
    match oauth::check(app, 0, req) {
        Ok(Authorize::BadClient(m)) => Some(m),
        _ => None,
    }
}

fn form(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

fn field(fields: &[(String, String)], name: &str) -> Option<String> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

fn request_from(fields: &[(String, String)]) -> AuthorizeRequest {
    AuthorizeRequest {
        client_id: field(fields, "client_id"),
        response_type: field(fields, "response_type"),
        redirect_uri: field(fields, "redirect_uri"),
        scope: field(fields, "scope"),
        state: field(fields, "state"),
        code_challenge: field(fields, "code_challenge"),
        code_challenge_method: field(fields, "code_challenge_method"),
        approval_prompt: field(fields, "approval_prompt"),
    }
}

/// The login and consent forms post here (form-encoded).
#[utoipa::path(post, path = "/api/v1/oauth/authorize", tag = "pretix: oauth",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The page's form: login (email, password) or consent (organizers, allow/deny)"),
    responses((status = 200, description = "The page again (HTML)"), (status = 302, description = "Back to the client with a code or an error")))]
pub async fn authorize_submit(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form(&body);
    let req = request_from(&fields);
    if field(&fields, "action").as_deref() == Some("login") {
        let (email, password) =
            (field(&fields, "email").unwrap_or_default(), field(&fields, "password").unwrap_or_default());
        return match app.blocking(move |app| auth::open_session(app, &email, &password)).await {
            Ok(opened) => {
                let user_id = opened.session.user.id;
                let mut response = show(&app, req, user_id, &opened.token, None).await;
                let cookie = format!(
                    "{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={SESSION_MAX_AGE}",
                    super::SESSION_COOKIE,
                    opened.token
                );
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
                response
            }
            Err(Error::InvalidCredentials) => {
                login_page(&req, Some("The email address or password is not correct."))
            }
            Err(err) => PretixError(err).into_response(),
        };
    }
    let Some((user_id, session)) = session_user(&app, &headers).await else {
        return login_page(&req, Some("Your session has expired. Please log in again."));
    };
    if field(&fields, "csrf").as_deref() != Some(csrf(&session).as_str()) {
        return html(
            StatusCode::FORBIDDEN,
            page("Error", "<h1>This form has expired</h1><p>Start again from the application.</p>"),
        );
    }
    if field(&fields, "allow").is_none() {
        let r = req.clone();
        return match app.blocking(move |app| oauth::deny(app, user_id, &r)).await {
            Ok(Authorize::Redirect(to)) => redirect(&to),
            Ok(Authorize::BadClient(m)) => bad_client(&m),
            Ok(Authorize::Consent(_)) | Err(_) => bad_client("This request cannot be authorized."),
        };
    }
    let organizers: Vec<String> =
        fields.iter().filter(|(k, _)| k == "organizers").map(|(_, v)| v.clone()).collect();
    let r = req.clone();
    match app.blocking(move |app| oauth::approve(app, user_id, &r, &organizers)).await {
        Ok(Ok(Authorize::Redirect(to))) => redirect(&to),
        Ok(Ok(Authorize::BadClient(m))) => bad_client(&m),
        Ok(Ok(Authorize::Consent(_))) => bad_client("This request cannot be authorized."),
        Ok(Err(message)) => show(&app, req, user_id, &session, Some(&message)).await,
        Err(err) => PretixError(err).into_response(),
    }
}

fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let decode = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned())
    };
    Some((decode(id)?, decode(secret)?))
}

fn token_request(body: &Bytes) -> TokenRequest {
    let fields = form(body);
    TokenRequest {
        grant_type: field(&fields, "grant_type"),
        code: field(&fields, "code"),
        redirect_uri: field(&fields, "redirect_uri"),
        refresh_token: field(&fields, "refresh_token"),
        code_verifier: field(&fields, "code_verifier"),
        client_id: field(&fields, "client_id"),
        client_secret: field(&fields, "client_secret"),
        token: field(&fields, "token"),
        scope: field(&fields, "scope"),
    }
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn oauth_error(e: OAuthError) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST);
    no_store(AsciiJson(status, e).into_response())
}

#[utoipa::path(post, path = "/api/v1/oauth/token", tag = "pretix: oauth",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "grant_type authorization_code (code, redirect_uri, code_verifier) or refresh_token; client by HTTP Basic or client_id/client_secret"),
    responses((status = 200, body = TokenResponse), (status = 400, description = "{error, error_description?}"), (status = 401, description = "invalid_client")))]
pub async fn token(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let request = token_request(&body);
    let basic = basic(&headers);
    match app.blocking(move |app| Ok(oauth::token(app, basic, &request))).await {
        Ok(Ok(t)) => no_store(AsciiJson(StatusCode::OK, t).into_response()),
        Ok(Err(e)) => oauth_error(e),
        Err(err) => PretixError(err).into_response(),
    }
}

#[utoipa::path(post, path = "/api/v1/oauth/revoke_token", tag = "pretix: oauth",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "token (access or refresh), client authentication"),
    responses((status = 200, description = "Always, also for unknown tokens"), (status = 401, description = "invalid_client")))]
pub async fn revoke(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let request = token_request(&body);
    let basic = basic(&headers);
    match app.blocking(move |app| Ok(oauth::revoke(app, basic, &request))).await {
        Ok(Ok(())) => no_store(StatusCode::OK.into_response()),
        Ok(Err(e)) => oauth_error(e),
        Err(err) => PretixError(err).into_response(),
    }
}

/// The user behind an OAuth token (`read` or `profile` scope). Anything else — no credentials,
/// a team token, a device — is 403, as in pretix.
#[utoipa::path(get, path = "/api/v1/me", tag = "pretix: oauth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 403)))]
pub async fn me(State(app): State<App>, headers: HeaderMap) -> Response {
    let result = async {
        let principal = match authenticate(&app, &headers).await {
            Ok(p) => p,
            Err(Error::Unauthenticated(f)) => return Err(Error::Unauthenticated(f)),
            Err(other) => return Err(other),
        };
        app.blocking(move |app| oauth::me(app, &principal)).await
    }
    .await;
    match result {
        Ok(me) => AsciiJson(StatusCode::OK, me).into_response(),
        Err(Error::Unauthenticated(f)) => {
            AsciiJson(StatusCode::FORBIDDEN, json!({"detail": f.message()})).into_response()
        }
        Err(err) => PretixError(err).into_response(),
    }
}
