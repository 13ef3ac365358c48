use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::Transaction;

use super::model::*;
use super::repo::{self, NewMail};
use super::smtp::{self, SmtpConfig};
use super::templates;
use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::types::{Email, time};

/// How long one sender holds a mail it is sending before another may try it.
const LEASE: TimeDelta = TimeDelta::minutes(5);
/// The longest wait between two attempts while offline.
const MAX_BACKOFF: TimeDelta = TimeDelta::minutes(30);
/// How often the background sender looks for due mail.
const TICK: Duration = Duration::from_secs(2);

/// The wait before attempt `n + 1` after `n` failed ones: 30 s, 1 min, 2 min … at most 30 min.
pub fn backoff(failed_attempts: i64) -> TimeDelta {
    let exponent = failed_attempts.clamp(1, 16) - 1;
    (TimeDelta::seconds(30) * 2i32.pow(exponent as u32)).min(MAX_BACKOFF)
}

/// Queues the registration mail for a customer just created with `send_email`, in the customer's
/// language, inside the creating transaction.
pub(crate) fn queue_customer_registration_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    customer: &crate::customers::Customer,
) -> Result<()> {
    let Some(email) = &customer.email else { return Ok(()) };
    let (subject, body) = templates::customer_registration(
        &customer.locale,
        &customer.name,
        &access.organizer.name,
        &customer.identifier,
    );
    repo::insert(
        tx,
        &NewMail {
            organizer_id: access.organizer_id(),
            kind: "customer_registration",
            recipient: email,
            subject: &subject,
            body: &body,
            now: &time::store(now),
        },
    )?;
    Ok(())
}

/// Queues the invitation to a team for an address without a staff account, inside the
/// transaction that records the invitation.
pub(crate) fn queue_team_invite_in_tx(
    tx: &Transaction<'_>,
    now: &str,
    access: &Access,
    to: &str,
    team: &str,
) -> Result<()> {
    let (subject, body) = templates::team_invite(&access.organizer.name, team);
    repo::insert(
        tx,
        &NewMail {
            organizer_id: access.organizer_id(),
            kind: "team_invite",
            recipient: to,
            subject: &subject,
            body: &body,
            now,
        },
    )?;
    Ok(())
}

/// What the waiting-list voucher mail says; `subject`/`text` are the event's (or organizer's)
/// own texts, else the built-in ones.
pub struct WaitingListMail<'a> {
    pub locale: &'a str,
    pub recipient: &'a str,
    pub name: &'a str,
    pub event: &'a str,
    pub product: &'a str,
    pub code: &'a str,
    pub hours: i64,
    pub valid_until: DateTime<Utc>,
    pub subject: Option<&'a crate::types::I18nText>,
    pub text: Option<&'a crate::types::I18nText>,
}

/// Queues the mail carrying a waiting-list voucher, in the entry's language, inside the
/// transaction that created the voucher.
pub(crate) fn queue_waiting_list_voucher_in_tx(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    access: &Access,
    m: &WaitingListMail<'_>,
) -> Result<()> {
    let (default_subject, default_text) = templates::waiting_list_default(m.locale);
    let pick = |own: Option<&crate::types::I18nText>, fallback: &str| {
        own.map(|t| t.localized(m.locale).to_string())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| fallback.to_string())
    };
    let hours = m.hours.to_string();
    let valid_until = m.valid_until.format("%Y-%m-%d %H:%M UTC").to_string();
    let name = if m.name.trim().is_empty() { m.recipient } else { m.name };
    let values = [
        ("name", name),
        ("event", m.event),
        ("product", m.product),
        ("code", m.code),
        ("hours", hours.as_str()),
        ("valid_until", valid_until.as_str()),
        ("organizer", access.organizer.name.as_str()),
    ];
    let subject = templates::fill(&pick(m.subject, default_subject), &values);
    let body = templates::fill(&pick(m.text, default_text), &values);
    repo::insert(
        tx,
        &NewMail {
            organizer_id: access.organizer_id(),
            kind: "waiting_list_voucher",
            recipient: m.recipient,
            subject: &subject,
            body: &body,
            now: &time::store(now),
        },
    )?;
    Ok(())
}

/// Attempts every due mail once: the organizer's SMTP settings, else `fallback` (the server from
/// `TESSERA_SMTP_URL`). Returns how many were sent. Errors: storage only; a failed send is
/// recorded on its mail and retried later.
pub async fn deliver_due(app: &App, fallback: Option<&SmtpConfig>) -> Result<usize> {
    let now = app.now();
    let due = app.blocking(move |app| app.db().read(|c| repo::due(c, &time::store(now), 50))).await?;
    let mut sent = 0;
    for mail in due {
        let (id, seen) = (mail.id, mail.next_attempt_at.clone());
        let lease = time::store(now + LEASE);
        let organizer_id = mail.organizer_id;
        let claimed = app
            .blocking(move |app| {
                app.db()
                    .write(|tx| Ok((repo::claim(tx, id, &seen, &lease)?, repo::settings(tx, organizer_id)?)))
            })
            .await?;
        let (true, settings) = claimed else { continue };
        let outcome = match settings.as_ref().or(fallback) {
            None => {
                Err(smtp::SendError { message: "No SMTP server is configured.".into(), permanent: false })
            }
            Some(config) => smtp::send(config, &mail.recipient, &mail.subject, &mail.body).await,
        };
        let attempts = mail.attempts + 1;
        let done = app.now();
        let (state, error, next) = match &outcome {
            Ok(()) => ("sent", None, done),
            Err(e) if e.permanent => ("failed", Some(e.message.clone()), done),
            Err(e) => ("queued", Some(e.message.clone()), done + backoff(attempts)),
        };
        if outcome.is_ok() {
            sent += 1;
        } else {
            tracing::warn!(mail = id, attempts, error = error.as_deref().unwrap_or(""), "mail not delivered");
        }
        app.blocking(move |app| {
            app.db().write(|tx| {
                repo::record(tx, id, &time::store(done), error.as_deref(), state, &time::store(next))
            })
        })
        .await?;
    }
    Ok(sent)
}

/// Runs the sender for as long as the process lives: looks for due mail every two seconds.
pub async fn run_sender(app: App, fallback: Option<SmtpConfig>) {
    loop {
        if let Err(err) = deliver_due(&app, fallback.as_ref()).await {
            tracing::error!(error = %err, "the mail sender could not read the outbox");
        }
        tokio::time::sleep(TICK).await;
    }
}

/// The organizer's outbox, newest first (at most 200). Errors: `forbidden` (needs
/// `organizer.outgoingmails:read` or the settings permission).
pub fn list(app: &App, access: &Access) -> Result<Vec<OutboxMail>> {
    access.require_any(&[Permission::OUTGOING_MAILS_READ, Permission::SETTINGS_WRITE])?;
    app.db().read(|c| repo::list(c, access.organizer_id(), 200))
}

/// Queues a test mail to `to` in the staff member's language; the sender tries it within seconds
/// and the outbox shows the outcome. Errors: `forbidden` (settings permission), `validation` on
/// `to`.
pub fn queue_test_mail(app: &App, access: &Access, input: TestMailInput) -> Result<OutboxMail> {
    access.require(Permission::SETTINGS_WRITE)?;
    let to = Email::parse(input.to.trim()).map_err(|m| Error::validation("to", m))?;
    let (subject, body) =
        templates::test_mail(input.locale.as_deref().unwrap_or("en"), &access.organizer.name);
    let now = time::store(app.now());
    app.db().write(|tx| {
        let id = repo::insert(
            tx,
            &NewMail {
                organizer_id: access.organizer_id(),
                kind: "test",
                recipient: to.as_str(),
                subject: &subject,
                body: &body,
                now: &now,
            },
        )?;
        repo::list(tx, access.organizer_id(), 200)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::Internal("a queued mail vanished".into()))
    })
}

/// Queues a failed or waiting mail for an attempt now. Errors: `forbidden`, `not_found`.
pub fn retry_now(app: &App, access: &Access, id: i64) -> Result<()> {
    access.require(Permission::SETTINGS_WRITE)?;
    let now = time::store(app.now());
    app.db().write(|tx| {
        if repo::retry_now(tx, access.organizer_id(), id, &now)? {
            Ok(())
        } else {
            Err(Error::NotFound { entity: "Mail" })
        }
    })
}

fn shown(c: &SmtpConfig) -> MailSettings {
    MailSettings {
        host: c.host.clone(),
        port: c.port,
        tls: c.tls,
        username: c.username.clone(),
        has_password: c.password.as_deref().is_some_and(|p| !p.is_empty()),
        sender: c.sender.clone(),
    }
}

/// The organizer's SMTP settings without the password, if any. Errors: `forbidden`.
pub fn settings(app: &App, access: &Access) -> Result<Option<MailSettings>> {
    access.require(Permission::SETTINGS_WRITE)?;
    Ok(app.db().read(|c| repo::settings(c, access.organizer_id()))?.as_ref().map(shown))
}

/// Stores SMTP settings; the password is kept unless a new one is given. Errors: `forbidden`,
/// `validation` (host, port, sender).
pub fn save_settings(app: &App, access: &Access, input: MailSettingsInput) -> Result<MailSettings> {
    access.require(Permission::SETTINGS_WRITE)?;
    let mut errors = FieldErrors::new();
    let host = input.host.trim().to_string();
    if host.is_empty() || host.contains(char::is_whitespace) {
        errors.add("host", "Enter the SMTP server's host name or address.");
    }
    if input.port == 0 {
        errors.add("port", "Enter a port from 1 to 65535.");
    }
    let sender = errors.check("sender", Email::parse(&input.sender)).map(|e| e.as_str().to_string());
    errors.into_result()?;
    app.db().write(|tx| {
        let stored = repo::settings(tx, access.organizer_id())?;
        let password = match input.password {
            Some(p) if p.is_empty() => None,
            Some(p) => Some(p),
            None => stored.and_then(|s| s.password),
        };
        let config = SmtpConfig {
            host,
            port: input.port,
            tls: input.tls,
            username: input.username.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
            password,
            sender: sender.unwrap_or_default(),
        };
        repo::save_settings(tx, access.organizer_id(), &config)?;
        Ok(shown(&config))
    })
}
