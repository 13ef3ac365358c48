use super::model::{NewOrganizerWithAdmin, SetupInput, SetupStatus};
use crate::app::App;
use crate::auth::{self, TeamGrants};
use crate::error::{Error, FieldErrors, Result};
use crate::organizers::{self, NewOrganizer, Organizer};

const ADMIN_TEAM: &str = "Administrators";

pub fn status(app: &App) -> Result<SetupStatus> {
    Ok(SetupStatus { needs_setup: !auth::has_users(app)? })
}

/// Creates the first organizer, the first staff user and their all-permissions team, in one
/// transaction, and returns the user's id. Errors: `validation` (organizer or user fields),
/// `conflict` when the installation is already set up.
pub fn complete(app: &App, input: SetupInput) -> Result<i64> {
    let now = app.now();
    app.db().write(|tx| {
        if auth::repo::count_users(tx)? > 0 {
            return Err(Error::Conflict("Tessera is already set up; log in instead.".into()));
        }
        // Report organizer and user problems together, as one form shows them.
        let mut errors = FieldErrors::new();
        let organizer = organizers::create_in_tx(
            tx,
            now,
            NewOrganizer { slug: input.organizer_slug, name: input.organizer_name },
        );
        let user = auth::create_user_in_tx(tx, now, &input.email, None, &input.password);
        let (organizer, user_id) = match (organizer, user) {
            (Ok(o), Ok(u)) => (o, u),
            (o, u) => {
                for (prefix, result) in [("organizer_", o.err()), ("", u.err())] {
                    match result {
                        Some(Error::Validation(fields)) => {
                            for (field, messages) in fields.iter() {
                                messages
                                    .iter()
                                    .for_each(|m| errors.add(format!("{prefix}{field}"), m.clone()));
                            }
                        }
                        Some(other) => return Err(other),
                        None => {}
                    }
                }
                return Err(Error::Validation(errors));
            }
        };
        let team_id = auth::create_team_in_tx(tx, now, organizer.id, ADMIN_TEAM, &TeamGrants::everything())?;
        auth::add_team_member_in_tx(tx, team_id, user_id)?;
        auth::make_admin_in_tx(tx, user_id)?;
        Ok(user_id)
    })
}

/// Adds an organizer with an all-permissions team (holding `admin_email`'s user, if given).
/// Errors: `validation` (slug, name, unknown admin email).
pub fn add_organizer(app: &App, input: NewOrganizerWithAdmin) -> Result<Organizer> {
    let now = app.now();
    app.db().write(|tx| {
        let admin =
            match &input.admin_email {
                Some(email) => Some(auth::repo::find_user_by_email(tx, email)?.ok_or_else(|| {
                    Error::validation("admin_email", "No staff user has this email address.")
                })?),
                None => None,
            };
        let organizer =
            organizers::create_in_tx(tx, now, NewOrganizer { slug: input.slug, name: input.name })?;
        let team_id = auth::create_team_in_tx(tx, now, organizer.id, ADMIN_TEAM, &TeamGrants::everything())?;
        if let Some(admin) = admin {
            auth::add_team_member_in_tx(tx, team_id, admin.user.id)?;
        }
        Ok(organizer)
    })
}
