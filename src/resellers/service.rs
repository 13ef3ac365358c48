use super::model::*;
use super::repo;
use crate::app::App;
use crate::auth::{self, Principal, TeamGrants};
use crate::error::{Error, FieldErrors, Result};
use crate::organizers::{self, NewOrganizer};
use crate::types::{Email, time};

fn not_found() -> Error {
    Error::NotFound { entity: "ResellerAccount" }
}

/// The reseller API takes only a user's OAuth token: team tokens and devices are refused
/// (`forbidden`), and the token's scope must allow the method.
fn oauth_user(principal: &Principal, reading: bool) -> Result<i64> {
    match principal {
        Principal::OAuth { user_id, .. } => {
            crate::oauth::require_scope(principal, reading)?;
            Ok(*user_id)
        }
        _ => Err(Error::Forbidden),
    }
}

/// The accounts the token's user belongs to. Errors: `forbidden`.
pub fn list(app: &App, principal: &Principal) -> Result<Vec<ResellerAccount>> {
    let user_id = oauth_user(principal, true)?;
    app.db().read(|c| repo::list(c, Some(user_id)))
}

/// One account; `not_found` also when the user has no access. Errors: `forbidden`, `not_found`.
pub fn get(app: &App, principal: &Principal, id: i64) -> Result<ResellerAccount> {
    let user_id = oauth_user(principal, true)?;
    app.db().read(|c| repo::find_for(c, user_id, id))?.ok_or_else(not_found)
}

/// Creates an organizer in the account, with a team holding every permission for the calling
/// user. Slugs follow pretix's organizer rules and must be free ignoring case. Errors:
/// `forbidden`, `not_found`, `validation` (`name`, `slug`).
pub fn create_organizer(
    app: &App,
    principal: &Principal,
    id: i64,
    name: Option<String>,
    slug: Option<String>,
) -> Result<CreatedOrganizer> {
    let user_id = oauth_user(principal, false)?;
    let now = app.now();
    app.db().write(|tx| {
        repo::find_for(tx, user_id, id)?.ok_or_else(not_found)?;
        let mut errors = FieldErrors::new();
        if name.is_none() {
            errors.add("name", "This field is required.");
        }
        match slug.as_deref() {
            None => errors.add("slug", "This field is required."),
            Some(s) if repo::slug_taken_ignoring_case(tx, s.trim())? => {
                errors.add("slug", "This slug is already in use. Please choose a different one.")
            }
            Some(_) => {}
        }
        errors.into_result()?;
        let organizer = organizers::create_in_tx(
            tx,
            now,
            NewOrganizer { slug: slug.unwrap_or_default(), name: name.unwrap_or_default() },
        )?;
        repo::link_organizer(tx, id, organizer.id)?;
        let team =
            auth::create_team_in_tx(tx, now, organizer.id, "Administrators", &TeamGrants::everything())?;
        auth::add_team_member_in_tx(tx, team, user_id)?;
        crate::audit::log_in_tx(
            tx,
            &crate::auth::Actor { user_id: Some(user_id), ..Default::default() },
            &time::store(now),
            crate::audit::LogEntry {
                organizer_id: organizer.id,
                action_type: "pretix.organizer.created",
                object_type: "organizer",
                object_id: organizer.id,
                data: serde_json::json!({"reseller": id}),
            },
        )?;
        Ok(CreatedOrganizer {
            id: organizer.id,
            name: organizer.name,
            slug: organizer.slug.as_str().to_string(),
        })
    })
}

/// The desk's view: the accounts a user belongs to (every account for installation
/// administrators), with organizers and members.
pub fn overview(app: &App, user_id: i64) -> Result<Vec<ResellerOverview>> {
    let admin = auth::require_admin(app, &Principal::User { user_id }).is_ok();
    app.db().read(|c| {
        repo::list(c, if admin { None } else { Some(user_id) })?
            .into_iter()
            .map(|account| {
                Ok(ResellerOverview {
                    organizers: repo::organizers(c, account.id)?,
                    members: repo::members(c, account.id)?,
                    account,
                })
            })
            .collect()
    })
}

/// Creates an account with its creator as a member. Errors: `forbidden` (installation
/// administrators only), `validation` (`name`).
pub fn create_account(app: &App, user_id: i64, input: NewResellerAccount) -> Result<ResellerAccount> {
    auth::require_admin(app, &Principal::User { user_id })?;
    if input.name.trim().is_empty() {
        return Err(Error::validation("name", "This field may not be blank."));
    }
    let now = time::store(app.now());
    let id = app.db().write(|tx| {
        let id = repo::insert(tx, &input, &now)?;
        repo::add_member(tx, id, user_id)?;
        Ok(id)
    })?;
    app.db().read(|c| repo::find_for(c, user_id, id))?.ok_or_else(not_found)
}

/// Adds a staff user (by email) to an account. Errors: `forbidden`, `not_found`, `validation`.
pub fn add_member(app: &App, user_id: i64, id: i64, email: &str) -> Result<()> {
    auth::require_admin(app, &Principal::User { user_id })?;
    let email = Email::parse(email).map_err(|m| Error::validation("email", m))?;
    app.db().write(|tx| {
        let user = auth::repo::find_user_by_email(tx, email.as_str())?
            .ok_or_else(|| Error::validation("email", "No staff user has this email address."))?;
        if !repo::exists(tx, id)? {
            return Err(not_found());
        }
        repo::add_member(tx, id, user.user.id)
    })
}

/// Links an existing organizer to an account. Errors: `forbidden`, `not_found`.
pub fn link_organizer(app: &App, user_id: i64, id: i64, organizer: &str) -> Result<()> {
    auth::require_admin(app, &Principal::User { user_id })?;
    let organizer = organizers::get(app, organizer)?;
    app.db().write(|tx| {
        if !repo::exists(tx, id)? {
            return Err(not_found());
        }
        repo::link_organizer(tx, id, organizer.id)
    })
}
