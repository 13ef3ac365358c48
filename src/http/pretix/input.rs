//! DRF's field parsing: the JSON types a serializer field accepts and the message it gives when
//! the type is wrong. Rules about values (valid email, known locale) are the services'.

use serde_json::{Map, Value};

use crate::error::FieldErrors;

/// A numeric lookup from the URL; anything else is pretix's bare 404 (its router only matches
/// such lookups).
pub fn lookup_id(raw: &str) -> Result<i64, axum::response::Response> {
    raw.parse().map_err(|_| crate::http::error::not_found())
}

/// A nullable text field: absent → `None`; `null` → `Some(None)`; text or a number → its text.
pub fn nullable_text(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<String>> {
    match body.get(field)? {
        Value::Null => Some(None),
        other => text_value(other, field, errors).map(Some),
    }
}

/// A non-nullable text field.
pub fn text(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<String> {
    match body.get(field)? {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            None
        }
        other => text_value(other, field, errors),
    }
}

fn text_value(value: &Value, field: &str, errors: &mut FieldErrors) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => {
            errors.add(field, "Not a valid string.");
            None
        }
    }
}

/// A boolean field as DRF reads it (`true`, `"true"`, `1`, `"yes"`, `"on"` …).
pub fn boolean(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<bool> {
    let parsed = match body.get(field)? {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            return None;
        }
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "t" | "yes" | "y" | "on" | "1" => Some(true),
            "false" | "f" | "no" | "n" | "off" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    };
    if parsed.is_none() {
        errors.add(field, "Must be a valid boolean.");
    }
    parsed
}

/// A nullable boolean field (`null` reads as `false`).
pub fn nullable_boolean(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<bool> {
    match body.get(field)? {
        Value::Null => Some(false),
        _ => boolean(body, field, errors),
    }
}

/// `name_parts`: an object of strings; any falsy value clears the name; `null` is refused.
pub fn name_parts(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<std::collections::BTreeMap<String, String>> {
    let invalid = |errors: &mut FieldErrors| errors.add(field, "Invalid data type");
    match body.get(field)? {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            None
        }
        Value::Object(map) => {
            let mut parts = std::collections::BTreeMap::new();
            for (key, value) in map {
                match value {
                    Value::String(s) => {
                        parts.insert(key.clone(), s.clone());
                    }
                    Value::Null => {}
                    _ => {
                        invalid(errors);
                        return None;
                    }
                }
            }
            Some(parts)
        }
        Value::Bool(false) | Value::Array(_) | Value::String(_) | Value::Number(_)
            if is_falsy(&body[field]) =>
        {
            Some(Default::default())
        }
        _ => {
            invalid(errors);
            None
        }
    }
}

fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => !b,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Null => true,
        Value::Object(o) => o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn booleans_accept_drfs_spellings_and_reject_the_rest() {
        let mut errors = FieldErrors::new();
        assert_eq!(boolean(&body(json!({"a": "yes"})), "a", &mut errors), Some(true));
        assert_eq!(boolean(&body(json!({"a": 0})), "a", &mut errors), Some(false));
        assert!(errors.is_empty());
        assert_eq!(boolean(&body(json!({"a": "maybe"})), "a", &mut errors), None);
        assert_eq!(errors.get("a"), Some(&["Must be a valid boolean.".to_string()][..]));
    }

    #[test]
    fn name_parts_must_be_an_object_unless_falsy() {
        let mut errors = FieldErrors::new();
        assert_eq!(name_parts(&body(json!({"n": ""})), "n", &mut errors), Some(Default::default()));
        assert_eq!(name_parts(&body(json!({"n": []})), "n", &mut errors), Some(Default::default()));
        assert!(errors.is_empty());
        assert_eq!(name_parts(&body(json!({"n": "Ada"})), "n", &mut errors), None);
        assert_eq!(errors.get("n"), Some(&["Invalid data type".to_string()][..]));
    }

    #[test]
    fn absent_fields_are_not_touched_and_null_clears_nullable_ones() {
        let mut errors = FieldErrors::new();
        assert_eq!(nullable_text(&body(json!({})), "x", &mut errors), None);
        assert_eq!(nullable_text(&body(json!({"x": null})), "x", &mut errors), Some(None));
        assert_eq!(text(&body(json!({"x": null})), "x", &mut errors), None);
        assert_eq!(errors.get("x"), Some(&["This field may not be null.".to_string()][..]));
    }

    #[test]
    fn objects_and_lists_are_not_text() {
        let mut errors = FieldErrors::new();
        assert_eq!(text(&body(json!({"x": {"a": 1}})), "x", &mut errors), None);
        assert_eq!(errors.get("x"), Some(&["Not a valid string.".to_string()][..]));
    }
}

/// A related object's primary key (`1` or `"1"`).
pub fn pk(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<i64> {
    let value = body.get(field)?;
    let kind = match value {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            return None;
        }
        Value::Number(n) if n.as_i64().is_some() => return n.as_i64(),
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => return Some(n),
            Err(_) => "str",
        },
        Value::Bool(_) => "bool",
        Value::Number(_) => "float",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    };
    errors.add(field, format!("Incorrect type. Expected pk value, received {kind}."));
    None
}

/// A nullable integer field.
pub fn nullable_integer(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<i64>> {
    match body.get(field)? {
        Value::Null => Some(None),
        Value::Number(n) if n.as_i64().is_some() => Some(n.as_i64()),
        Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok().map(Some),
        _ => {
            errors.add(field, "A valid integer is required.");
            None
        }
    }
}

/// A datetime field: ISO 8601 with an offset or `Z`; without one it is taken as UTC (the
/// server's time zone for API clients, as in pretix).
pub fn datetime(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let wrong = "Datetime has wrong format. Use one of these formats instead: \
                 YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
    let parsed = match body.get(field)? {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            return None;
        }
        Value::String(s) => parse_datetime(s.trim()),
        _ => None,
    };
    if parsed.is_none() {
        errors.add(field, wrong);
    }
    parsed
}

fn parse_datetime(raw: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{NaiveDateTime, TimeZone, Utc};
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M%#z"] {
        if let Ok(t) = chrono::DateTime::parse_from_str(raw, format) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(Utc.from_utc_datetime(&t));
        }
    }
    None
}

/// A free-form name-parts object that may be `null` (attendee names).
pub fn nullable_name_parts(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<std::collections::BTreeMap<String, String>>> {
    match body.get(field)? {
        Value::Null => Some(None),
        _ => name_parts(body, field, errors).map(Some),
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn datetimes_with_offsets_and_naive_ones_parse() {
        let body = json!({"a": "2021-04-19T00:00:00+02:00", "b": "2021-04-19T10:00", "c": "19.04.2021"});
        let body = body.as_object().unwrap();
        let mut errors = FieldErrors::new();
        assert_eq!(datetime(body, "a", &mut errors).unwrap().to_rfc3339(), "2021-04-18T22:00:00+00:00");
        assert_eq!(datetime(body, "b", &mut errors).unwrap().to_rfc3339(), "2021-04-19T10:00:00+00:00");
        assert!(errors.is_empty());
        assert!(datetime(body, "c", &mut errors).is_none());
        assert!(errors.get("c").unwrap()[0].starts_with("Datetime has wrong format."));
    }

    #[test]
    fn primary_keys_must_be_integers() {
        let body = json!({"a": "3", "b": "x", "c": true});
        let body = body.as_object().unwrap();
        let mut errors = FieldErrors::new();
        assert_eq!(pk(body, "a", &mut errors), Some(3));
        assert_eq!(pk(body, "b", &mut errors), None);
        assert_eq!(pk(body, "c", &mut errors), None);
        assert_eq!(errors.get("b").unwrap()[0], "Incorrect type. Expected pk value, received str.");
        assert_eq!(errors.get("c").unwrap()[0], "Incorrect type. Expected pk value, received bool.");
    }
}

/// A multi-lingual text: a plain string or an object of language → text.
pub fn i18n(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<std::collections::BTreeMap<String, String>> {
    match body.get(field)? {
        Value::Null => {
            errors.add(field, "This field may not be null.");
            None
        }
        value => errors.check(field, crate::types::I18nText::parse(value)).map(|t| t.as_map().clone()),
    }
}

/// A multi-lingual text that may be `null`.
pub fn nullable_i18n(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<std::collections::BTreeMap<String, String>>> {
    match body.get(field)? {
        Value::Null => Some(None),
        _ => i18n(body, field, errors).map(Some),
    }
}

/// A datetime field that may be `null`.
pub fn nullable_datetime(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<chrono::DateTime<chrono::Utc>>> {
    match body.get(field)? {
        Value::Null => Some(None),
        _ => datetime(body, field, errors).map(Some),
    }
}

/// A number field that may be `null` (coordinates).
pub fn nullable_float(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<f64>> {
    match body.get(field)? {
        Value::Null => Some(None),
        Value::Number(n) => n.as_f64().map(Some),
        Value::String(s) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
            s.trim().parse().ok().map(Some)
        }
        _ => {
            errors.add(field, "A valid number is required.");
            None
        }
    }
}

/// A decimal field (prices): a JSON number or a string; `Some(None)` for an explicit `null`.
pub fn nullable_decimal(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<rust_decimal::Decimal>> {
    let raw = match body.get(field)? {
        Value::Null => return Some(None),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => String::new(),
    };
    match crate::types::parse_amount(&raw) {
        Ok(d) => Some(Some(d)),
        Err(_) => {
            errors.add(field, "A valid number is required.");
            None
        }
    }
}

/// An integer field.
pub fn integer(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<i64> {
    match nullable_integer(body, field, errors)? {
        Some(n) => Some(n),
        None => {
            errors.add(field, "This field may not be null.");
            None
        }
    }
}

/// A nullable related object's primary key.
pub fn nullable_pk(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<Option<i64>> {
    match body.get(field)? {
        Value::Null => Some(None),
        _ => pk(body, field, errors).map(Some),
    }
}

/// A list of primary keys.
pub fn pk_list(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<Vec<i64>> {
    match body.get(field)? {
        Value::Array(values) => {
            let mut out = Vec::new();
            for v in values {
                match v {
                    Value::Number(n) if n.as_i64().is_some() => out.push(n.as_i64().unwrap_or_default()),
                    Value::String(s) if s.trim().parse::<i64>().is_ok() => {
                        out.push(s.trim().parse().unwrap_or_default())
                    }
                    _ => {
                        errors.add(field, "Incorrect type. Expected pk value, received str.");
                        return None;
                    }
                }
            }
            Some(out)
        }
        _ => {
            errors.add(field, "Expected a list of items but got type \"str\".");
            None
        }
    }
}

/// A list of strings.
pub fn string_list(body: &Map<String, Value>, field: &str, errors: &mut FieldErrors) -> Option<Vec<String>> {
    match body.get(field)? {
        Value::Array(values) if values.iter().all(Value::is_string) => {
            Some(values.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        }
        _ => {
            errors.add(field, "Expected a list of items but got type \"str\".");
            None
        }
    }
}

/// An object of strings (`meta_data`).
pub fn string_map(
    body: &Map<String, Value>,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<std::collections::BTreeMap<String, String>> {
    match body.get(field)? {
        Value::Object(map) => Some(
            map.iter()
                .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), String::from)))
                .collect(),
        ),
        _ => {
            errors.add(field, "Expected a dictionary of items but got type \"str\".");
            None
        }
    }
}

/// `true`/`false` query parameters as django-filter reads them; anything else is ignored.
pub fn query_bool(raw: Option<&str>) -> Option<bool> {
    match raw.map(str::to_ascii_lowercase).as_deref() {
        Some("true" | "1" | "yes") => Some(true),
        Some("false" | "0" | "no") => Some(false),
        _ => None,
    }
}
