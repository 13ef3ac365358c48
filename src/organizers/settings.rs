//! The organizer settings the pretix dialect reads and writes (`/organizers/{o}/settings/`):
//! SMTP with pretix's `smtp_*` keys (the same settings the desk edits; the password is accepted
//! but never returned) and the waiting-list mail texts the organizer's events inherit.

use serde_json::{Map, Value, json};

use crate::app::App;
use crate::auth::{Access, Permission};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, settings as event_settings};
use crate::outbox::{SmtpConfig, TlsMode};
use crate::types::{Email, time};

const MAIL_TEXT_KEYS: &[&str] = &["mail_subject_waiting_list", "mail_text_waiting_list"];

fn render(smtp: Option<&SmtpConfig>, stored: &Map<String, Value>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("smtp_use_custom".into(), json!(smtp.is_some()));
    m.insert("smtp_host".into(), json!(smtp.map_or("", |s| s.host.as_str())));
    m.insert("smtp_port".into(), json!(smtp.map_or(587, |s| s.port)));
    m.insert("smtp_username".into(), json!(smtp.and_then(|s| s.username.as_deref()).unwrap_or("")));
    m.insert("smtp_use_tls".into(), json!(smtp.is_some_and(|s| s.tls == TlsMode::Starttls)));
    m.insert("smtp_use_ssl".into(), json!(smtp.is_some_and(|s| s.tls == TlsMode::Tls)));
    m.insert("mail_from".into(), json!(smtp.map_or("", |s| s.sender.as_str())));
    for key in MAIL_TEXT_KEYS {
        m.insert((*key).into(), stored.get(*key).cloned().unwrap_or(Value::Null));
    }
    m
}

/// The organizer's settings. Errors: `forbidden` (`organizer.settings.general:write`).
pub fn settings(app: &App, access: &Access) -> Result<Map<String, Value>> {
    access.require(Permission::SETTINGS_WRITE)?;
    app.db().read(|c| {
        let smtp = crate::outbox::repo::settings(c, access.organizer_id())?;
        Ok(render(smtp.as_ref(), &events::organizer_settings_in(c, access.organizer_id())?))
    })
}

fn text(value: &Value, key: &str, errors: &mut FieldErrors) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Null => Some(String::new()),
        _ => {
            errors.add(key, "Not a valid string.");
            None
        }
    }
}

fn flag(value: &Value, key: &str, errors: &mut FieldErrors) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        _ => {
            errors.add(key, "Must be a valid boolean.");
            None
        }
    }
}

/// Changes the given keys (unknown ones are ignored) and returns the settings. With
/// `smtp_use_custom` off the organizer's SMTP settings are removed and mail goes through the
/// installation's default server. Errors: `forbidden`, `validation`.
pub fn patch_settings(app: &App, access: &Access, body: &Map<String, Value>) -> Result<Map<String, Value>> {
    access.require(Permission::SETTINGS_WRITE)?;
    let now = app.now();
    app.db()
        .write(|tx| {
            let organizer_id = access.organizer_id();
            let mut errors = FieldErrors::new();
            let stored_smtp = crate::outbox::repo::settings(tx, organizer_id)?;
            let mut smtp = stored_smtp.clone().unwrap_or(SmtpConfig {
                host: String::new(),
                port: 587,
                tls: TlsMode::None,
                username: None,
                password: None,
                sender: String::new(),
            });
            let mut use_custom = stored_smtp.is_some();
            let (mut starttls, mut ssl) = (smtp.tls == TlsMode::Starttls, smtp.tls == TlsMode::Tls);
            let mut texts = events::organizer_settings_in(tx, organizer_id)?;
            for (key, value) in body {
                match key.as_str() {
                    "smtp_use_custom" => use_custom = flag(value, key, &mut errors).unwrap_or(use_custom),
                    "smtp_host" => smtp.host = text(value, key, &mut errors).unwrap_or_default(),
                    "smtp_port" => match value.as_u64().filter(|p| (1..=65535).contains(p)) {
                        Some(p) => smtp.port = p as u16,
                        None => errors.add(key, "Enter a port from 1 to 65535."),
                    },
                    "smtp_username" => {
                        smtp.username = text(value, key, &mut errors).filter(|u| !u.is_empty())
                    }
                    "smtp_password" => {
                        if let Some(p) = text(value, key, &mut errors) {
                            smtp.password = Some(p).filter(|p| !p.is_empty());
                        }
                    }
                    "smtp_use_tls" => starttls = flag(value, key, &mut errors).unwrap_or(starttls),
                    "smtp_use_ssl" => ssl = flag(value, key, &mut errors).unwrap_or(ssl),
                    "mail_from" => {
                        if let Some(from) = text(value, key, &mut errors) {
                            match Email::parse(&from) {
                                Ok(e) => smtp.sender = e.as_str().to_string(),
                                Err(m) => errors.add(key, m),
                            }
                        }
                    }
                    k if MAIL_TEXT_KEYS.contains(&k) => {
                        match event_settings::parse_mail_text(value, k, &mut errors) {
                            Some(Value::Null) => {
                                texts.remove(k);
                            }
                            Some(v) => {
                                texts.insert(k.to_string(), v);
                            }
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
            if starttls && ssl {
                errors.add(
                    "smtp_use_tls",
                    "You can activate either SSL or STARTTLS security, but not both at the same time.",
                );
            }
            smtp.tls = if ssl {
                TlsMode::Tls
            } else if starttls {
                TlsMode::Starttls
            } else {
                TlsMode::None
            };
            if use_custom {
                if smtp.host.is_empty() || smtp.host.contains(char::is_whitespace) {
                    errors.add("smtp_host", "Enter the SMTP server's host name or address.");
                }
                if smtp.sender.is_empty() {
                    errors.add("mail_from", "This field is required when a custom SMTP server is used.");
                }
            }
            errors.into_result()?;
            if use_custom {
                crate::outbox::repo::save_settings(tx, organizer_id, &smtp)?;
            } else {
                crate::outbox::repo::delete_settings(tx, organizer_id)?;
            }
            events::save_organizer_settings_in(tx, organizer_id, &texts)?;
            let mut logged: Map<String, Value> = body.clone();
            logged.remove("smtp_password");
            crate::audit::log_in_tx(
                tx,
                &access.actor,
                &time::store(now),
                crate::audit::LogEntry {
                    organizer_id,
                    action_type: "pretix.organizer.settings",
                    object_type: "organizer",
                    object_id: organizer_id,
                    data: Value::Object(logged),
                },
            )?;
            let smtp = crate::outbox::repo::settings(tx, organizer_id)?;
            Ok(render(smtp.as_ref(), &texts))
        })
        .map_err(|e: Error| e)
}
