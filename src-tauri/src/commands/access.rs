use tauri::State;
use tessera::ErrorBody;
use tessera::auth::Principal;
use tessera::oauth::{self, NewOAuthApplication, OAuthApplication, OAuthGrant, RegisteredApplication};
use tessera::resellers::{self, NewResellerAccount, ResellerAccount, ResellerOverview};

use crate::Desk;

/// Runs `f` for the logged-in staff user, off the async runtime.
async fn as_user<T, F>(desk: &Desk, f: F) -> Result<T, ErrorBody>
where
    T: Send + 'static,
    F: FnOnce(&tessera::App, i64) -> tessera::Result<T> + Send + 'static,
{
    let Principal::User { user_id } = desk.principal()? else {
        return Err(tessera::Error::Forbidden.into());
    };
    Ok(desk.app.blocking(move |app| f(app, user_id)).await?)
}

/// The OAuth applications the user registered.
#[tauri::command]
#[specta::specta]
pub async fn oauth_applications(desk: State<'_, Desk>) -> Result<Vec<OAuthApplication>, ErrorBody> {
    as_user(&desk, oauth::applications).await
}

/// Registers an application; a confidential client's secret is in the answer only.
#[tauri::command]
#[specta::specta]
pub async fn oauth_register(
    desk: State<'_, Desk>,
    input: NewOAuthApplication,
) -> Result<RegisteredApplication, ErrorBody> {
    as_user(&desk, move |app, user| oauth::register(app, user, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn oauth_deactivate(desk: State<'_, Desk>, application_id: u32) -> Result<(), ErrorBody> {
    as_user(&desk, move |app, user| oauth::deactivate(app, user, application_id.into())).await
}

/// The access the user gave applications.
#[tauri::command]
#[specta::specta]
pub async fn oauth_grants(desk: State<'_, Desk>) -> Result<Vec<OAuthGrant>, ErrorBody> {
    as_user(&desk, oauth::grants).await
}

#[tauri::command]
#[specta::specta]
pub async fn oauth_revoke_grant(desk: State<'_, Desk>, grant_id: u32) -> Result<(), ErrorBody> {
    as_user(&desk, move |app, user| oauth::revoke_grant(app, user, grant_id.into())).await
}

/// Reseller accounts with their organizers and members (all of them for administrators).
#[tauri::command]
#[specta::specta]
pub async fn resellers_list(desk: State<'_, Desk>) -> Result<Vec<ResellerOverview>, ErrorBody> {
    as_user(&desk, resellers::overview).await
}

#[tauri::command]
#[specta::specta]
pub async fn resellers_create(
    desk: State<'_, Desk>,
    input: NewResellerAccount,
) -> Result<ResellerAccount, ErrorBody> {
    as_user(&desk, move |app, user| resellers::create_account(app, user, input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn resellers_add_member(
    desk: State<'_, Desk>,
    reseller_id: u32,
    email: String,
) -> Result<(), ErrorBody> {
    as_user(&desk, move |app, user| resellers::add_member(app, user, reseller_id.into(), &email)).await
}

#[tauri::command]
#[specta::specta]
pub async fn resellers_link_organizer(
    desk: State<'_, Desk>,
    reseller_id: u32,
    organizer: String,
) -> Result<(), ErrorBody> {
    as_user(&desk, move |app, user| resellers::link_organizer(app, user, reseller_id.into(), &organizer))
        .await
}
