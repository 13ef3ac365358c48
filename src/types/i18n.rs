use std::collections::BTreeMap;

use super::locale::LOCALES;

/// A multi-lingual text (pretix's `I18nField`): language code → text, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct I18nText(BTreeMap<String, String>);

impl I18nText {
    /// From a JSON value as a client sends it: an object of language code → text, or a plain
    /// text (kept under `en`, the default language). Errors are pretix's messages.
    pub fn parse(value: &serde_json::Value) -> Result<I18nText, String> {
        match value {
            serde_json::Value::String(text) => Ok(I18nText([("en".to_string(), text.clone())].into())),
            serde_json::Value::Object(map) => {
                let mut texts = BTreeMap::new();
                for (language, text) in map {
                    let Some(text) = text.as_str() else { return Err("All entries must be strings.".into()) };
                    texts.insert(language.clone(), text.to_string());
                }
                if texts.keys().any(|l| !LOCALES.contains(&l.as_str())) {
                    return Err("Invalid languages included.".into());
                }
                Ok(I18nText(texts))
            }
            _ => Err("Invalid data type.".into()),
        }
    }

    /// Texts read back from the store, trusted as written.
    pub fn from_stored(texts: BTreeMap<String, String>) -> I18nText {
        I18nText(texts)
    }

    /// The stored JSON of a multi-lingual text, in `language` (see [`I18nText::localized`]); a
    /// value that is no such JSON as it is.
    pub fn localized_stored(raw: &str, language: &str) -> String {
        match serde_json::from_str::<BTreeMap<String, String>>(raw) {
            Ok(texts) => I18nText(texts).localized(language).to_string(),
            Err(_) => raw.to_string(),
        }
    }

    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// The text in `language`, else English, else any.
    pub fn localized(&self, language: &str) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_of_known_languages_and_plain_text_are_accepted() {
        let t = I18nText::parse(&json!({"en": "Week pass", "de": "Wochenkarte"})).unwrap();
        assert_eq!(t.localized("de"), "Wochenkarte");
        assert_eq!(t.localized("fr"), "Week pass");
        assert_eq!(I18nText::parse(&json!("Pass")).unwrap().as_map()["en"], "Pass");
    }

    #[test]
    fn wrong_shapes_get_pretixs_messages() {
        assert_eq!(I18nText::parse(&json!({"en": 1})), Err("All entries must be strings.".into()));
        assert_eq!(I18nText::parse(&json!({"xx": "a"})), Err("Invalid languages included.".into()));
        assert_eq!(I18nText::parse(&json!(3)), Err("Invalid data type.".into()));
    }
}
