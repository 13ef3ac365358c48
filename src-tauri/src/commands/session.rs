use tauri::State;
use tessera::ErrorBody;
use tessera::auth::{self, LoginInput, Session};

use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn session_login(
    handle: tauri::AppHandle,
    desk: State<'_, Desk>,
    input: LoginInput,
) -> Result<Session, ErrorBody> {
    let session = desk
        .app
        .blocking(move |app| {
            let user = auth::login(app, &input.email, &input.password)?;
            auth::session_for(app, user.id)
        })
        .await?;
    desk.set_user(Some(session.user.id));
    crate::updates::localize_menu(&handle, &session.user.locale);
    Ok(session)
}

#[tauri::command]
#[specta::specta]
pub async fn session_logout(desk: State<'_, Desk>) -> Result<(), ErrorBody> {
    desk.set_user(None);
    Ok(())
}

/// The logged-in user's session, or `null` when nobody is logged in at this window.
#[tauri::command]
#[specta::specta]
pub async fn session_current(desk: State<'_, Desk>) -> Result<Option<Session>, ErrorBody> {
    let Ok(tessera::auth::Principal::User { user_id }) = desk.principal() else { return Ok(None) };
    Ok(desk.app.blocking(move |app| auth::session_for(app, user_id)).await.ok())
}

/// Sets the window's language for the logged-in user (`en` or `de`) and answers the session.
#[tauri::command]
#[specta::specta]
pub async fn session_set_locale(
    handle: tauri::AppHandle,
    desk: State<'_, Desk>,
    locale: String,
) -> Result<Session, ErrorBody> {
    let principal = desk.principal()?;
    let session = desk.app.blocking(move |app| auth::set_locale(app, &principal, &locale)).await?;
    crate::updates::localize_menu(&handle, &session.user.locale);
    Ok(session)
}
