use base64::Engine;
use chrono::TimeDelta;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::model::*;
use super::repo::{self, NewCode, NewToken};
use crate::app::App;
use crate::auth::{self, Principal};
use crate::error::{AuthFailure, Error, FieldErrors, Result};
use crate::types::time;

/// A code must be traded for a token within a minute (django-oauth-toolkit's default).
const CODE_LIFETIME: TimeDelta = TimeDelta::seconds(60);
/// Access tokens live a day; refresh tokens until revoked (pretix's settings).
pub const ACCESS_LIFETIME: i64 = 86_400;

fn random(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..len).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

fn hash(secret: &str) -> String {
    auth::hash_secret(secret)
}

/// A redirect target is `https`, or `http` to this machine or a private network (a venue's LAN
/// has no certificates); never a fragment.
fn check_redirect_uri(raw: &str) -> std::result::Result<(), String> {
    let url = url::Url::parse(raw).map_err(|_| format!("\"{raw}\" is not an absolute URL."))?;
    if url.fragment().is_some() {
        return Err(format!("\"{raw}\" must not contain a fragment."));
    }
    let local = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback() || ip.is_private(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if local => Ok(()),
        _ => Err(format!("\"{raw}\" must use https (http only to this machine or a private network).")),
    }
}

/// Registers an application for `user_id`; the secret of a confidential client is returned this
/// once. Errors: `validation` (`name`, `redirect_uris`).
pub fn register(app: &App, user_id: i64, input: NewOAuthApplication) -> Result<RegisteredApplication> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_string();
    if name.is_empty() {
        errors.add("name", "This field may not be blank.");
    } else if name.chars().count() > 255 {
        errors.add("name", "Ensure this field has no more than 255 characters.");
    }
    let uris: Vec<&str> = input.redirect_uris.split_whitespace().collect();
    if uris.is_empty() {
        errors.add("redirect_uris", "Enter at least one redirect URI.");
    }
    for uri in &uris {
        if let Err(m) = check_redirect_uri(uri) {
            errors.add("redirect_uris", m);
        }
    }
    errors.into_result()?;
    let client_id = random(40);
    let secret = input.confidential.then(|| random(128));
    let now = time::store(app.now());
    let id = app.db().write(|tx| {
        repo::insert_app(
            tx,
            user_id,
            &name,
            &client_id,
            secret.as_deref().map(hash).as_deref(),
            &uris.join(" "),
            &now,
        )
    })?;
    let application = app
        .db()
        .read(|c| repo::apps_of(c, user_id))?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::Internal("an application vanished".into()))?;
    Ok(RegisteredApplication { application, client_secret: secret })
}

/// The applications `user_id` registered.
pub fn applications(app: &App, user_id: i64) -> Result<Vec<OAuthApplication>> {
    app.db().read(|c| repo::apps_of(c, user_id))
}

/// Retires an application: its tokens stop working at once. Errors: `not_found`.
pub fn deactivate(app: &App, user_id: i64, id: i64) -> Result<()> {
    if app.db().write(|tx| repo::deactivate_app(tx, user_id, id))? {
        Ok(())
    } else {
        Err(Error::NotFound { entity: "Application" })
    }
}

fn redirect_with(uri: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(uri) {
        Ok(mut url) => {
            {
                let mut q = url.query_pairs_mut();
                for (k, v) in pairs {
                    q.append_pair(k, v);
                }
            }
            url.to_string()
        }
        Err(_) => uri.to_string(),
    }
}

fn error_redirect(uri: &str, req: &AuthorizeRequest, error: &str, description: Option<&str>) -> Authorize {
    let mut pairs = vec![("error", error)];
    if let Some(d) = description {
        pairs.push(("error_description", d));
    }
    if let Some(state) = req.state.as_deref() {
        pairs.push(("state", state));
    }
    Authorize::Redirect(redirect_with(uri, &pairs))
}

/// Checks an authorization request as django-oauth-toolkit does, in its order: client and
/// redirect URI (an error page), then response type, scope and PKCE (errors sent back to the
/// client), then the consent to ask for, with the organizers `user_id` may grant.
pub fn check(app: &App, user_id: i64, req: &AuthorizeRequest) -> Result<Authorize> {
    let Some(client) = req
        .client_id
        .as_deref()
        .map(|c| app.db().read(|conn| repo::find_app(conn, c)))
        .transpose()?
        .flatten()
    else {
        return Ok(Authorize::BadClient("Invalid client_id parameter value.".into()));
    };
    if !client.app.active {
        return Ok(Authorize::BadClient("Invalid client_id parameter value.".into()));
    }
    let redirect = match req.redirect_uri.as_deref() {
        Some(uri) if client.app.redirect_uris.iter().any(|r| r == uri) => uri.to_string(),
        Some(_) => return Ok(Authorize::BadClient("Mismatching redirect URI.".into())),
        None if client.app.redirect_uris.len() == 1 => client.app.redirect_uris[0].clone(),
        None => return Ok(Authorize::BadClient("Missing redirect URI.".into())),
    };
    match req.response_type.as_deref() {
        None => {
            return Ok(error_redirect(
                &redirect,
                req,
                "invalid_request",
                Some("Missing response_type parameter."),
            ));
        }
        Some("code") => {}
        Some("token" | "code id_token" | "code token") => {
            return Ok(error_redirect(&redirect, req, "unauthorized_client", None));
        }
        Some(_) => return Ok(error_redirect(&redirect, req, "unsupported_response_type", None)),
    }
    let Some(scopes) = Scopes::parse(req.scope.as_deref()) else {
        return Ok(error_redirect(&redirect, req, "invalid_scope", None));
    };
    if req.approval_prompt.as_deref().is_some_and(|p| p != "force") && !scopes.profile_only() {
        return Ok(error_redirect(
            &redirect,
            req,
            "invalid_request",
            Some("approval_prompt=auto is only possible for the profile scope."),
        ));
    }
    match (req.code_challenge.as_deref(), req.code_challenge_method.as_deref()) {
        (None, _) if !client.app.confidential => {
            return Ok(error_redirect(&redirect, req, "invalid_request", Some("Code challenge required.")));
        }
        (Some(_), Some(m)) if m != "S256" && m != "plain" => {
            return Ok(error_redirect(
                &redirect,
                req,
                "invalid_request",
                Some("Transform algorithm not supported."),
            ));
        }
        _ => {}
    }
    let organizers = if scopes.profile_only() {
        vec![]
    } else {
        auth::visible_organizers(app, &Principal::User { user_id })?
            .into_iter()
            .map(|o| (o.slug.as_str().to_string(), o.name.clone()))
            .collect()
    };
    Ok(Authorize::Consent(Consent {
        application: client.app.name,
        redirect_uri: redirect,
        scopes,
        organizers,
    }))
}

/// The user said no: back to the client with `access_denied`.
pub fn deny(app: &App, user_id: i64, req: &AuthorizeRequest) -> Result<Authorize> {
    Ok(match check(app, user_id, req)? {
        Authorize::Consent(c) => error_redirect(&c.redirect_uri, req, "access_denied", None),
        other => other,
    })
}

/// The user approved for `organizers` (slugs): a single-use code for the client. `Ok(Err(m))`
/// when the choice is not acceptable (the form is shown again with `m`).
pub fn approve(
    app: &App,
    user_id: i64,
    req: &AuthorizeRequest,
    organizers: &[String],
) -> Result<std::result::Result<Authorize, String>> {
    let consent = match check(app, user_id, req)? {
        Authorize::Consent(c) => c,
        other => return Ok(Ok(other)),
    };
    if !consent.scopes.profile_only() {
        if organizers.is_empty() {
            return Ok(Err("Select at least one organizer.".into()));
        }
        if organizers.iter().any(|o| !consent.organizers.iter().any(|(slug, _)| slug == o)) {
            return Ok(Err("Select only organizers you work in.".into()));
        }
    }
    let ids: Vec<i64> = if consent.scopes.profile_only() {
        vec![]
    } else {
        auth::visible_organizers(app, &Principal::User { user_id })?
            .into_iter()
            .filter(|o| organizers.iter().any(|s| s == o.slug.as_str()))
            .map(|o| o.id)
            .collect()
    };
    let client = app
        .db()
        .read(|c| repo::find_app(c, req.client_id.as_deref().unwrap_or_default()))?
        .ok_or(Error::NotFound { entity: "Application" })?;
    let code = random(30);
    let now = app.now();
    let method = req
        .code_challenge
        .as_ref()
        .map(|_| req.code_challenge_method.clone().unwrap_or_else(|| "plain".into()));
    app.db().write(|tx| {
        repo::insert_code(
            tx,
            &NewCode {
                application_id: client.app.id,
                user_id,
                code_hash: &hash(&code),
                redirect_uri: &consent.redirect_uri,
                scopes: &consent.scopes.as_string(),
                organizers: &serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()),
                challenge: req.code_challenge.as_deref(),
                challenge_method: method.as_deref(),
                expires_at: &time::store(now + CODE_LIFETIME),
            },
        )?;
        // The user's log in every organizer they opened to the application.
        for organizer_id in &ids {
            crate::audit::log_in_tx(
                tx,
                &crate::auth::Actor { user_id: Some(user_id), ..Default::default() },
                &time::store(now),
                crate::audit::LogEntry {
                    organizer_id: *organizer_id,
                    action_type: "pretix.user.oauth.authorized",
                    object_type: "user",
                    object_id: user_id,
                    data: serde_json::json!({"application_id": client.app.id, "application_name": client.app.name, "organizers": ids}),
                },
            )?;
        }
        Ok(())
    })?;
    let mut pairs = vec![("code", code.as_str())];
    if let Some(state) = req.state.as_deref() {
        pairs.push(("state", state));
    }
    Ok(Ok(Authorize::Redirect(redirect_with(&consent.redirect_uri, &pairs))))
}

/// The client behind the request: HTTP Basic `client_id:client_secret` or the form's fields.
/// Public clients name only their id.
fn client(
    app: &App,
    basic: Option<(String, String)>,
    form: &TokenRequest,
) -> std::result::Result<repo::AppRow, OAuthError> {
    let invalid = || OAuthError::new(401, "invalid_client");
    let (id, secret) = match basic {
        Some((id, secret)) => (id, Some(secret)),
        None => (form.client_id.clone().ok_or_else(invalid)?, form.client_secret.clone()),
    };
    let row = app
        .db()
        .read(|c| repo::find_app(c, &id))
        .map_err(|_| OAuthError::new(500, "server_error"))?
        .ok_or_else(invalid)?;
    if !row.app.active {
        return Err(invalid());
    }
    match (&row.secret_hash, secret.as_deref().filter(|s| !s.is_empty())) {
        (Some(stored), Some(given)) if *stored == hash(given) => Ok(row),
        (None, None) => Ok(row),
        _ => Err(invalid()),
    }
}

fn pkce_ok(challenge: &str, method: &str, verifier: &str) -> bool {
    match method {
        "S256" => {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
                == challenge
        }
        _ => verifier == challenge,
    }
}

fn server_error(_: Error) -> OAuthError {
    OAuthError::new(500, "server_error")
}

/// `POST /api/v1/oauth/token`: trades a code (with the PKCE verifier when the authorization had
/// a challenge) or a refresh token for an access token. A refresh keeps the refresh token and
/// replaces the access token at once (pretix's behaviour).
pub fn token(
    app: &App,
    basic: Option<(String, String)>,
    form: &TokenRequest,
) -> std::result::Result<TokenResponse, OAuthError> {
    let client = client(app, basic, form)?;
    let now = app.now();
    let grant = || OAuthError::new(400, "invalid_grant");
    match form.grant_type.as_deref() {
        Some("authorization_code") => {
            let code = form.code.as_deref().ok_or_else(grant)?;
            app.db()
                .write(|tx| {
                    let Some(row) = repo::find_code(tx, &hash(code))? else { return Ok(Err(grant())) };
                    if row.application_id != client.app.id || row.used || row.expires_at < time::store(now) {
                        return Ok(Err(grant()));
                    }
                    if form.redirect_uri.as_deref() != Some(row.redirect_uri.as_str()) {
                        return Ok(Err(OAuthError::described(
                            400,
                            "invalid_request",
                            "Mismatching redirect URI.",
                        )));
                    }
                    if let Some(challenge) = &row.challenge {
                        let method = row.challenge_method.as_deref().unwrap_or("plain");
                        if !form.code_verifier.as_deref().is_some_and(|v| pkce_ok(challenge, method, v)) {
                            return Ok(Err(grant()));
                        }
                    }
                    if !repo::use_code(tx, row.id, &time::store(now))? {
                        return Ok(Err(grant()));
                    }
                    let (access, refresh) = (random(30), random(30));
                    repo::insert_token(
                        tx,
                        &NewToken {
                            application_id: row.application_id,
                            user_id: row.user_id,
                            access_hash: &hash(&access),
                            refresh_hash: &hash(&refresh),
                            scopes: &row.scopes,
                            organizers: &row.organizers,
                            expires_at: &time::store(now + TimeDelta::seconds(ACCESS_LIFETIME)),
                            now: &time::store(now),
                        },
                    )?;
                    Ok(Ok(TokenResponse {
                        access_token: access,
                        expires_in: ACCESS_LIFETIME,
                        token_type: "Bearer",
                        scope: row.scopes,
                        refresh_token: refresh,
                    }))
                })
                .map_err(server_error)?
        }
        Some("refresh_token") => {
            let refresh = form.refresh_token.clone().ok_or_else(grant)?;
            app.db()
                .write(|tx| {
                    let Some(row) = repo::token_by_refresh(tx, &hash(&refresh))? else {
                        return Ok(Err(grant()));
                    };
                    if row.application_id != client.app.id || row.revoked {
                        return Ok(Err(grant()));
                    }
                    let access = random(30);
                    repo::renew_access(
                        tx,
                        row.id,
                        &hash(&access),
                        &time::store(now + TimeDelta::seconds(ACCESS_LIFETIME)),
                    )?;
                    Ok(Ok(TokenResponse {
                        access_token: access,
                        expires_in: ACCESS_LIFETIME,
                        token_type: "Bearer",
                        scope: row.scopes,
                        refresh_token: refresh.clone(),
                    }))
                })
                .map_err(server_error)?
        }
        Some("client_credentials" | "password") => Err(OAuthError::new(400, "unauthorized_client")),
        Some(_) => Err(OAuthError::new(400, "unsupported_grant_type")),
        None => Err(OAuthError::described(400, "invalid_request", "Missing grant type.")),
    }
}

/// `POST /api/v1/oauth/revoke_token` (RFC 7009): an access token stops at once (its refresh token
/// still works); a refresh token ends the grant. Unknown tokens are fine.
pub fn revoke(
    app: &App,
    basic: Option<(String, String)>,
    form: &TokenRequest,
) -> std::result::Result<(), OAuthError> {
    let client = client(app, basic, form)?;
    let Some(token) = form.token.as_deref() else { return Ok(()) };
    let now = time::store(app.now());
    app.db()
        .write(|tx| {
            if let Some(row) = repo::token_by_access(tx, &hash(token))?
                && row.application_id == client.app.id
            {
                repo::expire_access(tx, row.id, &now)?;
            } else if let Some(row) = repo::token_by_refresh(tx, &hash(token))?
                && row.application_id == client.app.id
            {
                repo::revoke(tx, row.id, &now)?;
            }
            Ok(())
        })
        .map_err(server_error)
}

/// The principal behind a bearer token; an unknown, expired or revoked one is "no credentials",
/// as in pretix. Errors: `unauthenticated`.
pub fn authenticate(app: &App, token: &str) -> Result<Principal> {
    let now = time::store(app.now());
    let row = app.db().read(|c| repo::token_by_access(c, &hash(token)))?;
    let Some(row) = row.filter(|r| r.app_active && !r.revoked && r.access_expires_at > now) else {
        return Err(Error::Unauthenticated(AuthFailure::Missing));
    };
    if app.db().read(|c| auth::repo::find_active_user(c, row.user_id))?.is_none() {
        return Err(Error::Unauthenticated(AuthFailure::Missing));
    }
    Ok(Principal::OAuth {
        token_id: row.id,
        user_id: row.user_id,
        scopes: Scopes::parse(Some(&row.scopes)).unwrap_or_default(),
        organizers: serde_json::from_str(&row.organizers).unwrap_or_default(),
    })
}

/// `GET /api/v1/me` for an OAuth token with `read` or `profile`. Errors: `forbidden`.
pub fn me(app: &App, principal: &Principal) -> Result<Me> {
    let Principal::OAuth { user_id, scopes, .. } = principal else { return Err(Error::Forbidden) };
    if !scopes.read && !scopes.profile {
        return Err(Error::Forbidden);
    }
    let user = app.db().read(|c| auth::repo::find_active_user(c, *user_id))?.ok_or(Error::Forbidden)?;
    Ok(Me {
        email: user.email,
        fullname: user.fullname,
        locale: user.locale,
        is_staff: false,
        timezone: "UTC".into(),
    })
}

/// The applications `user_id` gave access to, for revoking.
pub fn grants(app: &App, user_id: i64) -> Result<Vec<OAuthGrant>> {
    app.db().read(|c| {
        let rows = repo::grants_of(c, user_id)?;
        rows.into_iter()
            .map(|(id, application, scopes, organizers, created_at)| {
                let ids: Vec<i64> = serde_json::from_str(&organizers).unwrap_or_default();
                let organizers = crate::organizers::repo::list_by_ids(c, &ids)?
                    .into_iter()
                    .map(|o| o.slug.as_str().to_string())
                    .collect();
                Ok(OAuthGrant { id, application, scopes, organizers, created_at })
            })
            .collect()
    })
}

/// Revokes access the user gave: its access and refresh tokens stop at once. Errors: `not_found`.
pub fn revoke_grant(app: &App, user_id: i64, id: i64) -> Result<()> {
    let now = time::store(app.now());
    app.db().write(|tx| {
        if repo::token_user(tx, id)? != Some(user_id) {
            return Err(Error::NotFound { entity: "Grant" });
        }
        repo::revoke(tx, id, &now)
    })
}

/// Whether an OAuth principal's scopes allow a request: `read` for reading, `write` for changes;
/// a `profile`-only token reaches nothing but `/me`. Other principals pass.
pub fn require_scope(principal: &Principal, reading: bool) -> Result<()> {
    match principal {
        Principal::OAuth { scopes, .. } if reading && !scopes.read => Err(Error::Forbidden),
        Principal::OAuth { scopes, .. } if !reading && !scopes.write => Err(Error::Forbidden),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_default_to_all_and_unknown_ones_are_refused() {
        assert_eq!(Scopes::parse(None), Some(Scopes::ALL));
        assert_eq!(Scopes::parse(Some("read+write")).map(|s| s.as_string()), Some("read write".into()));
        assert_eq!(Scopes::parse(Some("read admin")), None);
        assert!(Scopes::parse(Some("profile")).unwrap().profile_only());
    }

    #[test]
    fn pkce_s256_is_the_unpadded_base64url_sha256_of_the_verifier() {
        // Computed independently (Python's hashlib and base64.urlsafe_b64encode).
        let challenge = "TDiu4ZqhaYfWwAn5arLtJQycXf6W9SJAIAoIcNb_H8Q";
        assert!(pkce_ok(challenge, "S256", "dBjftJeZ4CVP-mB92K27uHGfYjMf2-Gv-y9UU4rpiLk"));
        assert!(!pkce_ok(challenge, "S256", "wrong"));
        assert!(pkce_ok("plain-value", "plain", "plain-value"));
    }

    #[test]
    fn redirect_uris_must_be_https_or_stay_on_the_local_network() {
        assert!(check_redirect_uri("https://app.example/cb").is_ok());
        assert!(check_redirect_uri("http://127.0.0.1:9000/cb").is_ok());
        assert!(check_redirect_uri("http://192.168.1.20/cb").is_ok());
        assert!(check_redirect_uri("http://app.example/cb").is_err());
        assert!(check_redirect_uri("https://app.example/cb#x").is_err());
        assert!(check_redirect_uri("not a url").is_err());
    }
}
