use tauri::State;
use tessera::ErrorBody;
use tessera::auth::{self, Session};
use tessera::setup::{self, SetupInput, SetupStatus};

use crate::Desk;

#[tauri::command]
#[specta::specta]
pub async fn setup_status(desk: State<'_, Desk>) -> Result<SetupStatus, ErrorBody> {
    Ok(desk.app.blocking(setup::status).await?)
}

/// First start: the first organizer and staff user, who is then logged in.
#[tauri::command]
#[specta::specta]
pub async fn setup_complete(desk: State<'_, Desk>, input: SetupInput) -> Result<Session, ErrorBody> {
    let session = desk
        .app
        .blocking(move |app| {
            let user_id = setup::complete(app, input)?;
            auth::session_for(app, user_id)
        })
        .await?;
    desk.set_user(Some(session.user.id));
    Ok(session)
}
