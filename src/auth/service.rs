use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rusqlite::Transaction;
use sha2::{Digest, Sha256};

use super::model::{Access, Actor, NewApiToken, OpenedSession, Principal, Session, User};
use super::permissions::{Grants, Permission, TeamGrants};
use super::repo;
use crate::app::App;
use crate::error::{AuthFailure, Error, FieldErrors, Result};
use crate::organizers::{self, Organizer, OrganizerSummary};
use crate::types::{Email, LOCALES, time};

/// How long a desk login in a browser lasts.
const SESSION_LIFETIME: TimeDelta = TimeDelta::hours(12);

/// Django's default minimum password length.
const MIN_PASSWORD_LEN: usize = 8;
const MAX_FULLNAME: usize = 255;

/// A random secret of 64 characters from `[a-z0-9]`, the shape of pretix's API tokens.
pub fn new_secret() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..64).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// Secrets are long and random, so a fast hash is enough to keep a stolen file from revealing them.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// An argon2id hash (PHC string) of `password`.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hashing a password failed: {e}")))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Checks a new staff password. Errors: `validation` on `password`.
pub fn check_new_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(format!(
            "This password is too short. It must contain at least {MIN_PASSWORD_LEN} characters."
        ));
    }
    Ok(())
}

/// Creates a staff user; team invitations waiting for the address become memberships.
/// Errors: `validation` (bad or taken email, name too long, short password).
pub fn create_user_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    email: &str,
    fullname: Option<&str>,
    password: &str,
) -> Result<i64> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(email));
    let fullname = fullname.map(str::trim).filter(|n| !n.is_empty());
    if fullname.is_some_and(|n| n.chars().count() > MAX_FULLNAME) {
        errors.add("fullname", format!("Ensure this field has no more than {MAX_FULLNAME} characters."));
    }
    errors.check("password", check_new_password(password));
    errors.into_result()?;
    let email = email.ok_or_else(|| Error::Internal("email parsed without errors".into()))?;
    let id = repo::insert_user(tx, email.as_str(), fullname, &hash_password(password)?, &time::store(now))?;
    repo::redeem_invites(tx, email.as_str(), id)?;
    Ok(id)
}

/// Makes a user an installation administrator (the first user, at set-up).
pub fn make_admin_in_tx(tx: &Transaction<'_>, user_id: i64) -> Result<()> {
    repo::set_admin(tx, user_id, true)
}

/// `forbidden` unless `principal` is an active installation administrator.
pub fn require_admin(app: &App, principal: &Principal) -> Result<()> {
    let Principal::User { user_id } = principal else { return Err(Error::Forbidden) };
    match app.db().read(|c| repo::find_active_user(c, *user_id))? {
        Some(user) if user.is_admin => Ok(()),
        Some(_) => Err(Error::Forbidden),
        None => Err(Error::Unauthenticated(AuthFailure::SessionExpired)),
    }
}

/// Creates a team in an organizer and returns its id.
pub fn create_team_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    organizer_id: i64,
    name: &str,
    grants: &TeamGrants,
) -> Result<i64> {
    repo::insert_team(tx, organizer_id, name, grants, &time::store(now))
}

pub fn add_team_member_in_tx(tx: &Transaction<'_>, team_id: i64, user_id: i64) -> Result<()> {
    repo::add_member(tx, team_id, user_id)
}

/// Creates a team API token in `team_id` and returns `(id, secret)`; the secret is not stored.
pub fn create_token_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    team_id: i64,
    name: &str,
) -> Result<(i64, String)> {
    let secret = new_secret();
    let id = repo::insert_token(tx, team_id, name, &hash_secret(&secret), &time::store(now))?;
    Ok((id, secret))
}

/// Creates a team API token with a team of its own (see [`NewApiToken`]) and returns the secret,
/// which is shown this once. Errors: `not_found` (organizer), `validation` (unknown permission).
pub fn create_api_token(app: &App, input: NewApiToken) -> Result<String> {
    let grants = match &input.permissions {
        None => TeamGrants::everything(),
        Some(names) => {
            let mut errors = FieldErrors::new();
            let perms: Vec<Permission> =
                names.iter().filter_map(|n| errors.check("permission", Permission::parse(n))).collect();
            errors.into_result()?;
            TeamGrants::exactly(&perms)
        }
    };
    let now = app.now();
    app.db().write(|tx| {
        let organizer = organizers::repo::find_by_slug(tx, &input.organizer)?
            .ok_or(Error::NotFound { entity: "Organizer" })?;
        let team_id = create_team_in_tx(tx, now, organizer.id, &format!("API: {}", input.name), &grants)?;
        let (_, secret) = create_token_in_tx(tx, now, team_id, &input.name)?;
        Ok(secret)
    })
}

/// Deactivates a team API token for good (pretix's soft delete).
pub fn deactivate_token(app: &App, token_id: i64) -> Result<()> {
    app.db().write(|tx| repo::set_token_active(tx, token_id, false))
}

/// The principal behind a team API token. Errors: `unauthenticated` (unknown or inactive).
pub fn authenticate_token(app: &App, token: &str) -> Result<Principal> {
    let row = app
        .db()
        .read(|c| repo::find_token(c, &hash_secret(token)))?
        .ok_or(Error::Unauthenticated(AuthFailure::InvalidToken))?;
    if !row.is_active {
        return Err(Error::Unauthenticated(AuthFailure::InactiveToken));
    }
    Ok(Principal::TeamToken { token_id: row.id, team_id: row.team_id, organizer_id: row.organizer_id })
}

/// What `principal` may do in the organizer with this slug. An unknown organizer and one the
/// principal has no team in are the same `forbidden`, as in pretix (no probing for slugs).
pub fn authorize(app: &App, principal: &Principal, organizer_slug: &str) -> Result<Access> {
    app.db().read(|c| {
        let organizer = organizers::repo::find_by_slug(c, organizer_slug)?.ok_or(Error::Forbidden)?;
        access_in(c, principal, organizer)
    })
}

/// What `principal` was granted in `organizer` (read inside one connection).
fn access_in(c: &rusqlite::Connection, principal: &Principal, organizer: Organizer) -> Result<Access> {
    let teams = match principal {
        Principal::System => vec![TeamGrants::everything()],
        Principal::TeamToken { team_id, organizer_id, .. } if *organizer_id == organizer.id => {
            repo::team_grants(c, *team_id)?
        }
        Principal::TeamToken { .. } => Vec::new(),
        Principal::Device { device_id, organizer_id } if *organizer_id == organizer.id => {
            crate::devices::grants(c, *device_id)?.into_iter().collect()
        }
        Principal::Device { .. } => Vec::new(),
        Principal::User { user_id } => repo::user_grants(c, *user_id, organizer.id)?,
        Principal::OAuth { user_id, organizers, .. } if organizers.contains(&organizer.id) => {
            repo::user_grants(c, *user_id, organizer.id)?
        }
        Principal::OAuth { .. } => Vec::new(),
    };
    if teams.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(Access { organizer, actor: Actor::from(principal), grants: Grants::new(teams) })
}

/// Access for credentials that carry their organizer (team API tokens and devices), on paths
/// that name no organizer (the POS endpoints). A staff user reaches them only when they work in
/// exactly one organizer. Errors: `forbidden`.
pub fn home_access(app: &App, principal: &Principal) -> Result<Access> {
    let organizer_id = match principal {
        Principal::TeamToken { organizer_id, .. } | Principal::Device { organizer_id, .. } => *organizer_id,
        Principal::User { .. } | Principal::OAuth { .. } | Principal::System => {
            match visible_organizers(app, principal)?.as_slice() {
                [only] => only.id,
                _ => return Err(Error::Forbidden),
            }
        }
    };
    app.db().read(|c| {
        let organizer = organizers::repo::find(c, organizer_id)?.ok_or(Error::Forbidden)?;
        access_in(c, principal, organizer)
    })
}

/// The organizers a principal can see (`GET /api/v1/organizers/`), by slug.
pub fn visible_organizers(app: &App, principal: &Principal) -> Result<Vec<Organizer>> {
    app.db().read(|c| {
        let ids: Vec<i64> = match principal {
            Principal::System => {
                let mut stmt = c.prepare_cached("SELECT id FROM organizers")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            }
            Principal::TeamToken { organizer_id, .. } | Principal::Device { organizer_id, .. } => {
                vec![*organizer_id]
            }
            Principal::User { user_id } => repo::user_organizer_ids(c, *user_id)?,
            Principal::OAuth { user_id, organizers, .. } => repo::user_organizer_ids(c, *user_id)?
                .into_iter()
                .filter(|id| organizers.contains(id))
                .collect(),
        };
        organizers::repo::list_by_ids(c, &ids)
    })
}

/// Checks email and password of an active staff user and records the login.
/// Errors: `invalid_credentials` (also for unknown emails, after the same work).
pub fn login(app: &App, email: &str, password: &str) -> Result<User> {
    let row = app.db().read(|c| repo::find_user_by_email(c, email.trim()))?;
    let Some(row) = row.filter(|r| r.is_active) else {
        // Spend the time a real check costs, so response times do not reveal who has an account.
        let _ = hash_password(password);
        return Err(Error::InvalidCredentials);
    };
    if !verify_password(&row.password_hash, password) {
        return Err(Error::InvalidCredentials);
    }
    let now = time::store(app.now());
    app.db().write(|tx| repo::touch_last_login(tx, row.user.id, &now))?;
    Ok(row.user)
}

/// Logs in for a browser: a new session whose secret goes into the cookie.
/// Errors: `invalid_credentials`.
pub fn open_session(app: &App, email: &str, password: &str) -> Result<OpenedSession> {
    let user = login(app, email, password)?;
    let now = app.now();
    let token = new_secret();
    app.db().write(|tx| {
        repo::delete_expired_sessions(tx, &time::store(now))?;
        repo::insert_session(
            tx,
            user.id,
            &hash_secret(&token),
            &time::store(now),
            &time::store(now + SESSION_LIFETIME),
        )
    })?;
    Ok(OpenedSession { token, session: session_for(app, user.id)? })
}

/// The user behind a browser session. Errors: `unauthenticated` (unknown or expired).
pub fn session_principal(app: &App, token: &str) -> Result<Principal> {
    let now = time::store(app.now());
    let user_id = app
        .db()
        .read(|c| repo::session_user_id(c, &hash_secret(token), &now))?
        .ok_or(Error::Unauthenticated(AuthFailure::SessionExpired))?;
    app.db()
        .read(|c| repo::find_active_user(c, user_id))?
        .ok_or(Error::Unauthenticated(AuthFailure::SessionExpired))?;
    Ok(Principal::User { user_id })
}

/// Ends a browser session. Idempotent.
pub fn close_session(app: &App, token: &str) -> Result<()> {
    app.db().write(|tx| repo::delete_session(tx, &hash_secret(token)))
}

/// The desk's view of a logged-in user. Errors: `unauthenticated` if the user is gone or inactive.
pub fn session_for(app: &App, user_id: i64) -> Result<Session> {
    let user = app
        .db()
        .read(|c| repo::find_active_user(c, user_id))?
        .ok_or(Error::Unauthenticated(AuthFailure::SessionExpired))?;
    let organizers = visible_organizers(app, &Principal::User { user_id })?
        .iter()
        .map(|o| {
            let teams = app.db().read(|c| repo::user_grants(c, user_id, o.id))?;
            Ok(OrganizerSummary::new(o, Grants::new(teams).organizer_permissions()))
        })
        .collect::<Result<_>>()?;
    Ok(Session { user, organizers, locales: LOCALES.iter().map(|l| l.to_string()).collect() })
}

/// The window languages a staff user may choose.
pub const WINDOW_LOCALES: [&str; 2] = ["en", "de"];

/// Input of a change of the window's language.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LocaleInput {
    pub locale: String,
}

/// Sets the language the window speaks to the user (kept on the user, so it follows them to
/// every desk) and answers the session. Errors: `validation` on `locale` (not English or German).
pub fn set_locale(app: &App, principal: &Principal, locale: &str) -> Result<Session> {
    let Principal::User { user_id } = principal else { return Err(Error::Forbidden) };
    if !WINDOW_LOCALES.contains(&locale) {
        return Err(Error::validation("locale", "Choose English (en) or German (de)."));
    }
    let changed = app.db().write(|tx| {
        Ok(tx.execute(
            "UPDATE users SET locale = ?1 WHERE id = ?2 AND is_active = 1",
            rusqlite::params![locale, user_id],
        )?)
    })?;
    if changed == 0 {
        return Err(Error::Unauthenticated(AuthFailure::SessionExpired));
    }
    session_for(app, *user_id)
}

/// Whether nobody has been set up yet (the desk then asks for the first organizer and user).
pub fn has_users(app: &App) -> Result<bool> {
    Ok(app.db().read(repo::count_users)? > 0)
}
