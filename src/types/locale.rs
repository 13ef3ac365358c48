use std::fmt;

/// The languages a customer may have (pretix's instance languages).
pub const LOCALES: &[&str] = &[
    "en",
    "de",
    "de-informal",
    "ar",
    "ca",
    "zh-hans",
    "zh-hant",
    "cs",
    "da",
    "nl",
    "nl-informal",
    "fr",
    "fi",
    "gl",
    "el",
    "he",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "lv",
    "lt",
    "nb-no",
    "pl",
    "pt-pt",
    "pt-br",
    "ro",
    "ru",
    "es",
    "sk",
    "sl",
    "sv",
    "tr",
    "uk",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale(&'static str);

impl Locale {
    pub const DEFAULT: Locale = Locale("en");

    pub fn parse(raw: &str) -> Result<Locale, String> {
        LOCALES
            .iter()
            .find(|l| **l == raw)
            .map(|l| Locale(l))
            .ok_or_else(|| format!("\"{raw}\" is not a valid choice."))
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_parse_and_others_are_not_a_valid_choice() {
        assert_eq!(Locale::parse("de-informal").unwrap().as_str(), "de-informal");
        assert_eq!(Locale::parse("xx"), Err("\"xx\" is not a valid choice.".into()));
        assert!(Locale::parse("EN").is_err(), "choices are exact");
    }
}
