use std::fmt;

/// An organizer's short name in URLs, by pretix's rules: 2–50 characters, letters, digits, dots
/// and dashes, starting and ending with a letter or digit, not a reserved word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrganizerSlug(String);

const RESERVED: &[&str] = &[
    "download",
    "healthcheck",
    "locale",
    "control",
    "pretixdroid",
    "redirect",
    "jsi18n",
    "metrics",
    "_global",
    "__debug__",
    "about",
    "api",
    "csp_report",
    "widget",
    "lead",
    "scheduling",
];

impl OrganizerSlug {
    /// All messages that apply, as pretix's model validation reports them together.
    pub fn parse(raw: &str) -> Result<OrganizerSlug, Vec<String>> {
        let mut errors = Vec::new();
        let len = raw.chars().count();
        if len < 2 {
            errors.push(format!("Ensure this value has at least 2 characters (it has {len})."));
        }
        if len > 50 {
            errors.push(format!("Ensure this value has at most 50 characters (it has {len})."));
        }
        let chars_ok = raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && raw.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && raw.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && len >= 2;
        if !chars_ok {
            errors.push("The slug may only contain letters, numbers, dots and dashes.".into());
        }
        if RESERVED.contains(&raw) {
            errors.push(format!("This field has an invalid value: {raw}."));
        }
        if errors.is_empty() { Ok(OrganizerSlug(raw.to_string())) } else { Err(errors) }
    }

    /// A slug suggested for an organizer name (`"Stadthalle Köln"` → `"stadthalle-k-ln"`).
    pub fn suggest(name: &str) -> String {
        let mut slug = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').chars().take(50).collect()
    }

    /// A slug read back from the store, which only ever held parsed slugs.
    pub(crate) fn trusted(raw: String) -> OrganizerSlug {
        OrganizerSlug(raw)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrganizerSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_slugs_are_accepted_in_either_case() {
        for ok in ["demo", "Big-Events", "a..b", "v1.0", "API"] {
            assert!(OrganizerSlug::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn a_single_character_breaks_both_the_length_and_the_character_rule() {
        assert_eq!(OrganizerSlug::parse("a").unwrap_err().len(), 2);
    }

    #[test]
    fn slugs_must_start_and_end_alphanumeric() {
        for bad in ["-ab", "ab-", "a_b", "a b", ".ab"] {
            assert!(OrganizerSlug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reserved_words_are_refused_case_sensitively() {
        assert_eq!(
            OrganizerSlug::parse("api").unwrap_err(),
            vec!["This field has an invalid value: api.".to_string()]
        );
        assert!(OrganizerSlug::parse("Api").is_ok());
    }

    #[test]
    fn a_suggested_slug_is_valid() {
        assert_eq!(OrganizerSlug::suggest("Stadthalle Köln!"), "stadthalle-k-ln");
        assert!(OrganizerSlug::parse(&OrganizerSlug::suggest("The Big Venue")).is_ok());
    }
}

/// An event's short name in URLs, by pretix's rules: 1–50 characters, letters, digits, dots and
/// dashes, starting and ending with a letter or digit, not a reserved word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventSlug(String);

const EVENT_RESERVED: &[&str] = &[
    "download",
    "healthcheck",
    "locale",
    "control",
    "redirect",
    "jsi18n",
    "metrics",
    "_global",
    "__debug__",
    "api",
    "events",
    "csp_report",
    "widget",
    "customer",
    "account",
    "lead",
    "accessibility",
];

impl EventSlug {
    /// Errors: pretix's message for the field.
    pub fn parse(raw: &str) -> Result<EventSlug, String> {
        if raw.is_empty() {
            return Err("This field may not be blank.".into());
        }
        if raw.chars().count() > 50 {
            return Err("Ensure this field has no more than 50 characters.".into());
        }
        let inner_ok = raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let ends_ok = raw.starts_with(|c: char| c.is_ascii_alphanumeric())
            && raw.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !inner_ok || !ends_ok {
            return Err("The slug may only contain letters, numbers, dots and dashes.".into());
        }
        if EVENT_RESERVED.contains(&raw) {
            return Err(format!("This field has an invalid value: {raw}."));
        }
        Ok(EventSlug(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod event_slug_tests {
    use super::EventSlug;

    #[test]
    fn event_slugs_follow_pretix_rules() {
        assert!(EventSlug::parse("ev1").is_ok());
        assert!(EventSlug::parse("a").is_ok(), "one character is enough for events");
        assert!(EventSlug::parse("Spring.2030-a").is_ok());
        assert_eq!(
            EventSlug::parse("-x").unwrap_err(),
            "The slug may only contain letters, numbers, dots and dashes."
        );
        assert_eq!(EventSlug::parse("api").unwrap_err(), "This field has an invalid value: api.");
        assert!(EventSlug::parse(&"a".repeat(51)).is_err());
    }
}
