//! DRF's field parsing: the JSON types a serializer field accepts and the message it gives when
//! the type is wrong. Rules about values (valid email, known locale) are the services'.

use serde_json::{Map, Value};

use crate::error::FieldErrors;

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
