//! Event settings (`…/events/{e}/settings/`): the keys that govern waiting lists, the event's
//! languages and name scheme, and the waiting-list mail. Only keys someone set are stored; the
//! rest come from the organizer's settings (mail texts) or the defaults here, as pretix's
//! hierarchical settings store does.

use serde_json::{Map, Value, json};

use crate::error::FieldErrors;
use crate::types::{I18nText, LOCALES, NameScheme, time};

/// Placeholders the waiting-list mail may use.
pub const MAIL_PLACEHOLDERS: &[&str] =
    &["name", "event", "product", "code", "hours", "valid_until", "organizer"];

/// The keys and their defaults, in the order the settings object lists them.
pub fn defaults() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("locale".into(), json!("en"));
    m.insert("locales".into(), json!(["en"]));
    m.insert("name_scheme".into(), json!("full"));
    m.insert("waiting_list_enabled".into(), json!(false));
    m.insert("waiting_list_auto".into(), json!(true));
    m.insert("waiting_list_hours".into(), json!(48));
    m.insert("waiting_list_auto_disable".into(), Value::Null);
    m.insert("waiting_list_names_asked".into(), json!(false));
    m.insert("waiting_list_names_required".into(), json!(false));
    m.insert("waiting_list_phones_asked".into(), json!(false));
    m.insert("waiting_list_phones_required".into(), json!(false));
    m.insert("waiting_list_phones_explanation_text".into(), json!(""));
    m.insert("waiting_list_limit_per_user".into(), json!(1));
    m.insert("mail_subject_waiting_list".into(), Value::Null);
    m.insert("mail_text_waiting_list".into(), Value::Null);
    m
}

/// The effective settings: stored keys over the organizer's over the defaults.
pub fn effective(stored: &Map<String, Value>, organizer: &Map<String, Value>) -> Map<String, Value> {
    let mut m = defaults();
    for key in ["mail_subject_waiting_list", "mail_text_waiting_list"] {
        if let Some(v) = organizer.get(key) {
            m.insert(key.into(), v.clone());
        }
    }
    for (k, v) in stored {
        if m.contains_key(k) {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

fn check_placeholders(text: &I18nText, field: &str, errors: &mut FieldErrors) {
    for value in text.as_map().values() {
        let mut rest = value.as_str();
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else { break };
            let name = &after[..end];
            if !MAIL_PLACEHOLDERS.contains(&name) {
                errors.add(field, format!("Invalid placeholder: {{{name}}}"));
                return;
            }
            rest = &after[end + 1..];
        }
    }
}

/// A mail text with its placeholders validated (also used for the organizer's settings).
pub fn parse_mail_text(value: &Value, field: &str, errors: &mut FieldErrors) -> Option<Value> {
    if value.is_null() {
        return Some(Value::Null);
    }
    let text = errors.check(field, I18nText::parse(value))?;
    check_placeholders(&text, field, errors);
    Some(json!(text.as_map()))
}

fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(true),
            "false" | "0" | "no" | "off" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().filter(|n| *n == 0 || *n == 1).map(|n| n == 1),
        _ => None,
    }
}

/// Validates a PATCH against the current stored keys and returns the new stored map; unknown
/// keys are ignored and `null` removes a stored value (back to the default), as in pretix.
pub fn patch(
    stored: &Map<String, Value>,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, FieldErrors> {
    let known = defaults();
    let mut errors = FieldErrors::new();
    let mut next = stored.clone();
    for (key, value) in body {
        if !known.contains_key(key) {
            continue;
        }
        if value.is_null() && !key.starts_with("mail_") {
            next.remove(key);
            continue;
        }
        let parsed = match key.as_str() {
            "waiting_list_hours" | "waiting_list_limit_per_user" => {
                match value.as_i64().or_else(|| value.as_str().and_then(|s| s.trim().parse().ok())) {
                    Some(n) if n < 1 => {
                        errors.add(key, "Ensure this value is greater than or equal to 1.");
                        None
                    }
                    Some(n) if n > i32::MAX as i64 => {
                        errors.add(key, format!("Ensure this value is less than or equal to {}.", i32::MAX));
                        None
                    }
                    Some(n) => Some(json!(n)),
                    None => {
                        errors.add(key, "A valid integer is required.");
                        None
                    }
                }
            }
            "waiting_list_auto_disable" => match value.as_str().and_then(time::parse) {
                Some(at) => Some(json!(time::format(at))),
                None => {
                    errors.add(key, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
                    None
                }
            },
            "locale" => match value.as_str() {
                Some(l) if LOCALES.contains(&l) => Some(json!(l)),
                _ => {
                    errors.add(
                        key,
                        format!("\"{}\" is not a valid choice.", value.as_str().unwrap_or_default()),
                    );
                    None
                }
            },
            "locales" => match value.as_array() {
                Some(list) if !list.is_empty() => {
                    let mut out = Vec::new();
                    for l in list {
                        match l.as_str() {
                            Some(l) if LOCALES.contains(&l) => out.push(l.to_string()),
                            other => errors.add(
                                key,
                                format!("\"{}\" is not a valid choice.", other.unwrap_or_default()),
                            ),
                        }
                    }
                    Some(json!(out))
                }
                Some(_) => {
                    errors.add(key, "This selection may not be empty.");
                    None
                }
                None => {
                    errors.add(key, "Expected a list of items but got type \"str\".");
                    None
                }
            },
            "name_scheme" => match value.as_str().map(NameScheme::parse) {
                Some(Ok(scheme)) => Some(json!(scheme.id())),
                _ => {
                    errors.add(
                        key,
                        format!("\"{}\" is not a valid choice.", value.as_str().unwrap_or_default()),
                    );
                    None
                }
            },
            "waiting_list_phones_explanation_text" => {
                errors.check(key, I18nText::parse(value)).map(|t| json!(t.as_map()))
            }
            "mail_subject_waiting_list" | "mail_text_waiting_list" => {
                parse_mail_text(value, key, &mut errors)
            }
            _ => match boolean(value) {
                Some(b) => Some(json!(b)),
                None => {
                    errors.add(key, "Must be a valid boolean.");
                    None
                }
            },
        };
        match parsed {
            Some(Value::Null) => {
                next.remove(key);
            }
            Some(v) => {
                next.insert(key.clone(), v);
            }
            None => {}
        }
    }
    let merged = effective(&next, &Map::new());
    let locale = merged.get("locale").and_then(Value::as_str).unwrap_or("en");
    let locales: Vec<&str> = merged
        .get("locales")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if errors.is_empty() && !locales.contains(&locale) {
        errors.add("locale", "Your default locale must also be enabled for your event (see box above).");
    }
    if errors.is_empty() { Ok(next) } else { Err(errors) }
}

/// Typed reads of the effective settings.
pub struct WaitingListSettings {
    pub enabled: bool,
    pub auto: bool,
    pub hours: i64,
    pub auto_disable: Option<chrono::DateTime<chrono::Utc>>,
    pub limit_per_user: i64,
    pub locale: String,
    pub locales: Vec<String>,
    pub name_scheme: NameScheme,
    pub mail_subject: Option<I18nText>,
    pub mail_text: Option<I18nText>,
}

impl WaitingListSettings {
    pub fn from(m: &Map<String, Value>) -> Self {
        let b = |k: &str| m.get(k).and_then(Value::as_bool).unwrap_or(false);
        let i18n = |k: &str| {
            m.get(k).and_then(|v| v.as_object()).map(|o| {
                I18nText::from_stored(
                    o.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string()))).collect(),
                )
            })
        };
        WaitingListSettings {
            enabled: b("waiting_list_enabled"),
            auto: b("waiting_list_auto"),
            hours: m.get("waiting_list_hours").and_then(Value::as_i64).unwrap_or(48),
            auto_disable: m.get("waiting_list_auto_disable").and_then(Value::as_str).and_then(time::parse),
            limit_per_user: m.get("waiting_list_limit_per_user").and_then(Value::as_i64).unwrap_or(1),
            locale: m.get("locale").and_then(Value::as_str).unwrap_or("en").to_string(),
            locales: m
                .get("locales")
                .and_then(Value::as_array)
                .map(|l| l.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_else(|| vec!["en".into()]),
            name_scheme: m
                .get("name_scheme")
                .and_then(Value::as_str)
                .and_then(|s| NameScheme::parse(s).ok())
                .unwrap_or(NameScheme::Full),
            mail_subject: i18n("mail_subject_waiting_list"),
            mail_text: i18n("mail_text_waiting_list"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn null_reverts_a_setting_to_its_default() {
        let stored = patch(&Map::new(), &obj(json!({"waiting_list_hours": 2}))).unwrap();
        assert_eq!(stored["waiting_list_hours"], json!(2));
        let stored = patch(&stored, &obj(json!({"waiting_list_hours": null}))).unwrap();
        assert_eq!(effective(&stored, &Map::new())["waiting_list_hours"], json!(48));
    }

    #[test]
    fn hours_below_one_and_unknown_placeholders_are_refused() {
        let err =
            patch(&Map::new(), &obj(json!({"waiting_list_hours": 0, "mail_text_waiting_list": "Hi {nope}"})))
                .unwrap_err();
        assert_eq!(
            err.get("waiting_list_hours").unwrap()[0],
            "Ensure this value is greater than or equal to 1."
        );
        assert_eq!(err.get("mail_text_waiting_list").unwrap()[0], "Invalid placeholder: {nope}");
    }

    #[test]
    fn unknown_keys_are_ignored_and_the_default_locale_must_be_enabled() {
        assert!(patch(&Map::new(), &obj(json!({"whatever": 1}))).unwrap().is_empty());
        let err = patch(&Map::new(), &obj(json!({"locale": "de"}))).unwrap_err();
        assert!(err.get("locale").is_some());
        assert!(patch(&Map::new(), &obj(json!({"locale": "de", "locales": ["en", "de"]}))).is_ok());
    }
}
