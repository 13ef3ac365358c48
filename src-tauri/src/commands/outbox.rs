use tauri::State;
use tessera::ErrorBody;
use tessera::outbox::{self, MailSettings, MailSettingsInput, OutboxMail, TestMailInput};

use super::with_access;
use crate::Desk;

/// The organizer's outbox, newest first.
#[tauri::command]
#[specta::specta]
pub async fn outbox_list(desk: State<'_, Desk>, organizer: String) -> Result<Vec<OutboxMail>, ErrorBody> {
    with_access(&desk, organizer, outbox::list).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_retry(desk: State<'_, Desk>, organizer: String, mail_id: u32) -> Result<(), ErrorBody> {
    with_access(&desk, organizer, move |app, access| outbox::retry_now(app, access, mail_id.into())).await
}

/// The SMTP settings without the password (null when none are set).
#[tauri::command]
#[specta::specta]
pub async fn mail_settings(
    desk: State<'_, Desk>,
    organizer: String,
) -> Result<Option<MailSettings>, ErrorBody> {
    with_access(&desk, organizer, outbox::settings).await
}

#[tauri::command]
#[specta::specta]
pub async fn mail_settings_save(
    desk: State<'_, Desk>,
    organizer: String,
    input: MailSettingsInput,
) -> Result<MailSettings, ErrorBody> {
    with_access(&desk, organizer, move |app, access| outbox::save_settings(app, access, input)).await
}

/// Queues a test mail; the outbox shows whether it went out.
#[tauri::command]
#[specta::specta]
pub async fn mail_settings_test(
    desk: State<'_, Desk>,
    organizer: String,
    input: TestMailInput,
) -> Result<OutboxMail, ErrorBody> {
    with_access(&desk, organizer, move |app, access| outbox::queue_test_mail(app, access, input)).await
}
